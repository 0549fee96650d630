"""The ESCO v1.1.1 importer, against the real release in ../shared/data/esco (skipped when absent).

The release is read once for the module; database tests load it on SQLite and PostgreSQL (``engine``).
"""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Engine, func, insert, select, update
from typer.testing import CliRunner

from conftest import shared_data
from pasarkerja.cli import app
from pasarkerja.ingest.esco import EscoImportError, load_esco_release
from pasarkerja.store.db import make_engine
from pasarkerja.store.models import Base
from pasarkerja.taxonomy.esco import (
    EscoFormatError,
    EscoRelease,
    concept_id,
    occupation_code,
    read_esco,
    skill_type,
    split_labels,
)
from pasarkerja.taxonomy.records import OccupationSkillRecord

CLASSIFICATION = "esco/ESCO dataset - v1.1.1 - classification - en - csv.zip"
RELATIONS = "esco/ESCO dataset - v1.1.1 - relations - csv.zip"

# The occupation that occupationSkillRelations.csv (67 rows) and broaderRelationsOccPillar.csv (1 row)
# name but occupations_en.csv does not define.
GHOST_OCCUPATION = "http://data.europa.eu/esco/occupation/a9e54177-a185-404d-b6e6-15663d31137e"
WELDING_TECHNIQUES = "esco:530cb489-d900-46ab-9350-4d50ccd49eea"
TABLES = ("occupation", "skill", "skill_group", "skill_broader", "skill_relation", "occupation_skill")


@pytest.fixture(scope="module")
def zips() -> list[Path]:
    return [shared_data(CLASSIFICATION), shared_data(RELATIONS)]


@pytest.fixture(scope="module")
def release(zips: list[Path]) -> EscoRelease:
    return read_esco(zips)


@pytest.fixture(scope="module")
def extracted(zips: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both zips extracted into one directory, in two sub-folders."""
    root = tmp_path_factory.mktemp("esco_csv")
    for path, folder in zip(zips, ("classification", "relations"), strict=True):
        with zipfile.ZipFile(path) as archive:
            archive.extractall(root / folder)
    return root


def _copy_without(extracted: Path, target: Path, file: str) -> Path:
    """A copy of the extracted release without one file."""
    shutil.copytree(extracted, target)
    next(target.rglob(file)).unlink()
    return target


def _group(code: str, title_en: str, **extra: Any) -> dict[str, Any]:
    """An occupation row as the reference loader would write it (ISCO/KBJI group)."""
    row = {"code": code, "level": len(code), "isco_code": code, "title_en": title_en}
    row |= {"parent_code": code[:-1] or None, "alt_labels": [], "source": "kbji2014"}
    return row | extra


def _table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.scalar(select(func.count()).select_from(Base.metadata.tables[name])) or 0
            for name in TABLES
        }


# ------------------------------------------------------------------------------------------- pure helpers


def test_identifiers_from_esco_uris_and_codes() -> None:
    assert concept_id("http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab") == (
        "esco:0005c151-5b5a-4a66-8aac-60e734beb1ab"
    )
    assert concept_id("http://data.europa.eu/esco/isced-f/0011") == "esco:isced-f:0011"
    with pytest.raises(ValueError, match="not an ESCO URI"):
        concept_id("https://example.org/skill/1")
    assert occupation_code("7212.1") == "7212_1"
    assert occupation_code("2654.1.7") == "2654_1_7"


def test_skill_type_mapping_rules() -> None:
    assert skill_type("knowledge", in_language=False, in_transversal=False) == "knowledge"
    assert skill_type("skill/competence", in_language=False, in_transversal=False) == "skill"
    assert skill_type("", in_language=False, in_transversal=False) == "skill"
    assert skill_type("knowledge", in_language=True, in_transversal=False) == "language"
    assert skill_type("skill/competence", in_language=False, in_transversal=True) == "transversal"
    with pytest.raises(ValueError, match="unknown ESCO skillType 'attitude'"):
        skill_type("attitude", in_language=False, in_transversal=False)


def test_split_labels_handles_esco_multiline_lists() -> None:
    value = "manage staff of music\n  coordinate duties \n\nmanage staff of music\nmanage musical staff\n"
    assert split_labels(value, exclude="manage musical staff") == (
        "manage staff of music",
        "coordinate duties",
    )


# ------------------------------------------------------------------------------------------- the release


def test_release_counts_match_the_files(release: EscoRelease) -> None:
    assert release.version == "1.1.1"
    assert len(release.occupations) == 3_007
    assert len(release.skills) == 13_896
    assert len(release.isco_groups) == 619
    assert len(release.skill_groups) == 647  # 640 in skillGroups_en.csv + 7 only in skillsHierarchy_en.csv
    assert len(release.skill_broader) == 20_013
    assert len(release.skill_relations) == 5_899
    # occupationSkillRelations.csv has 123,855 rows; 67 name an occupation the release does not define.
    assert len(release.occupation_skills) == 123_855 - 67 == 123_788
    assert release.skipped_counts() == {
        "occupationSkillRelations.csv": 67,
        "broaderRelationsOccPillar.csv": 1,
    }
    assert {row.reason for row in release.skipped} == {f"unknown occupation {GHOST_OCCUPATION}"}
    assert Counter(link.relation for link in release.skill_relations) == {"optional": 5_708, "essential": 191}


def test_isco_groups_all_619_rows_become_levels_1_to_4(release: EscoRelease) -> None:
    assert Counter(group.level for group in release.isco_groups) == {1: 10, 2: 43, 3: 130, 4: 436}
    groups = {group.code: group for group in release.isco_groups}
    assert groups["0"].title_en == "Armed forces occupations"
    assert groups["0"].parent_code is None
    welders = groups["7212"]
    assert (welders.title_en, welders.level, welders.isco_code, welders.parent_code) == (
        "Welders and flamecutters",
        4,
        "7212",
        "721",
    )
    assert welders.esco_uri == "http://data.europa.eu/esco/isco/C7212"
    assert welders.source == "isco08"
    assert all(g.parent_code is None or g.parent_code in groups for g in release.isco_groups)


def test_welder_is_under_isco_7212_with_its_essential_skills(release: EscoRelease) -> None:
    (welder,) = [o for o in release.occupations if o.title_en == "welder"]
    assert (welder.code, welder.level, welder.isco_code, welder.parent_code, welder.source) == (
        "7212_3",
        5,
        "7212",
        "7212",
        "esco",
    )
    assert welder.esco_uri == "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
    assert "arc welder" in welder.alt_labels and "welder" not in welder.alt_labels
    assert welder.description is not None and welder.description.startswith(
        "Welders operate welding equipment"
    )
    labels = {skill.id: skill.label_en for skill in release.skills}
    links = [link for link in release.occupation_skills if link.occupation_code == "7212_3"]
    assert Counter(link.relation for link in links) == {"essential": 36, "optional": 50}
    essential = {labels[link.skill_id] for link in links if link.relation == "essential"}
    assert {
        "welding techniques",
        "apply arc welding techniques",
        "perform tungsten inert gas welding",
    } <= essential
    assert OccupationSkillRecord("7212_3", WELDING_TECHNIQUES, "essential") in links


def test_nested_occupations_hang_under_their_broader_occupation(release: EscoRelease) -> None:
    occupations = {o.code: o for o in release.occupations}
    assert occupations["2654_1_7"].title_en == "technical director"
    assert occupations["2654_1_7"].parent_code == "2654_1"
    assert occupations["2654_1"].title_en == "art director"
    assert occupations["2654_1"].parent_code == "2654"
    nested = [o for o in release.occupations if o.parent_code != o.isco_code]
    assert len(nested) == 1_247  # 1,248 occupation→occupation rows, one from the undefined occupation
    assert all(o.parent_code in occupations for o in nested)


def test_skill_types_and_labels(release: EscoRelease) -> None:
    assert Counter(skill.type for skill in release.skills) == {
        "skill": 10_461,
        "knowledge": 2_993,
        "language": 346,
        "transversal": 96,
    }
    by_label = {skill.label_en: skill for skill in release.skills}
    assert by_label["Haskell"].type == "knowledge"
    assert by_label["manage musical staff"].type == "skill"
    assert by_label["Hungarian"].type == "language"  # a knowledge concept in the language collection
    assert by_label["write Hungarian"].type == "language"
    assert by_label["show initiative"].type == "transversal"
    assert by_label["digital content creation"].type == "skill"  # skillType left empty in ESCO
    musical = by_label["manage musical staff"]
    assert musical.id == "esco:0005c151-5b5a-4a66-8aac-60e734beb1ab"
    assert musical.esco_uri == "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"
    assert musical.alt_labels == (
        "manage staff of music",
        "coordinate duties of musical staff",
        "manage music staff",
        "direct musical staff",
    )
    assert musical.source == "esco"


def test_every_skill_gets_a_group_from_its_broader_chain(release: EscoRelease) -> None:
    groups = {group.id: group for group in release.skill_groups}
    assert all(skill.group_id in groups for skill in release.skills)
    # "handle equipment while suspended" sits only under the skill "move objects": its group comes from there.
    (suspended,) = [s for s in release.skills if s.label_en == "handle equipment while suspended"]
    assert [b.broader_id for b in release.skill_broader if b.skill_id == suspended.id] == [
        "esco:b6bdf202-524f-475d-b813-2aa9af005c37"
    ]
    assert suspended.group_id is not None
    assert groups[suspended.group_id].label_en == "manipulating and controlling objects and equipment"


def test_skill_groups_codes_and_parents(release: EscoRelease) -> None:
    groups = {group.id: group for group in release.skill_groups}
    roots = sorted(group.label_en for group in release.skill_groups if group.parent_id is None)
    assert roots == [
        "knowledge",
        "language skills and knowledge",
        "skills",
        "transversal skills and competences",
    ]
    assert all(g.parent_id is None or g.parent_id in groups for g in release.skill_groups)
    # Only in skillsHierarchy_en.csv, not in skillGroups_en.csv:
    positioning = groups["esco:1e924921-b7ff-4326-a698-c8275bbcf60d"]
    assert (positioning.label_en, positioning.code) == ("positioning materials, tools or equipment", "S6.8")
    assert groups[cast(str, positioning.parent_id)].code == "S6"
    # ISCED-F fields carry their code only in the URI.
    basic = groups["esco:isced-f:0011"]
    assert (basic.code, basic.parent_id, basic.label_en) == (
        "0011",
        "esco:isced-f:001",
        "basic programmes and qualifications",
    )


def test_extracted_csvs_read_the_same_as_the_zips(extracted: Path, release: EscoRelease) -> None:
    from_dir = read_esco([extracted])
    assert from_dir.version is None  # the folder name does not say which release it is
    assert replace(from_dir, version="1.1.1") == release


def test_zip_and_csv_files_can_be_mixed(zips: list[Path], extracted: Path) -> None:
    relation_csvs = sorted((extracted / "relations").glob("*.csv"))
    assert len(relation_csvs) == 4
    mixed = read_esco([zips[0], *relation_csvs])
    assert mixed.version == "1.1.1"
    assert len(mixed.occupation_skills) == 123_788


# ------------------------------------------------------------------------------------------- bad input


def test_missing_file_is_named(zips: list[Path]) -> None:
    with pytest.raises(
        EscoFormatError, match=r"missing occupationSkillRelations\.csv, skillSkillRelations\.csv"
    ):
        read_esco([zips[0]])


def test_missing_collection_is_named(extracted: Path, tmp_path: Path) -> None:
    partial = _copy_without(extracted, tmp_path / "esco", "languageSkillsCollection_en.csv")
    with pytest.raises(
        EscoFormatError, match=r"^ESCO release incomplete: missing languageSkillsCollection_en\.csv$"
    ):
        read_esco([partial])


def test_csv_without_a_required_column_is_named(extracted: Path, tmp_path: Path) -> None:
    broken = _copy_without(extracted, tmp_path / "esco", "occupations_en.csv")
    source = next(extracted.rglob("occupations_en.csv"))
    lines = source.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = lines[0].replace(",iscoGroup,", ",iscoGroupX,")
    assert header != lines[0]
    (broken / "classification" / "occupations_en.csv").write_text(
        "".join([header, *lines[1:]]), encoding="utf-8"
    )
    with pytest.raises(EscoFormatError, match=r"occupations_en\.csv: required column 'iscoGroup' is missing"):
        read_esco([broken])


def test_bad_value_names_file_line_and_column(extracted: Path, tmp_path: Path) -> None:
    broken = _copy_without(extracted, tmp_path / "esco", "skillSkillRelations.csv")
    source = next(extracted.rglob("skillSkillRelations.csv"))
    lines = source.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    lines[3] = lines[3].replace(",optional,", ",required,")
    (broken / "relations" / "skillSkillRelations.csv").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(
        EscoFormatError,
        match=r"skillSkillRelations\.csv, line 4, column 'relationType': expected 'essential' or 'optional', "
        r"got 'required'",
    ):
        read_esco([broken])


def test_not_an_esco_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not ESCO")
    with pytest.raises(EscoFormatError, match=r"notes\.txt: not an ESCO file"):
        read_esco([notes])
    fake_zip = tmp_path / "esco.zip"
    fake_zip.write_text("not a zip")
    with pytest.raises(EscoFormatError, match=r"esco\.zip: not a readable zip file"):
        read_esco([fake_zip])
    with pytest.raises(EscoFormatError, match=r"absent: no such file or directory"):
        read_esco([tmp_path / "absent"])


def test_files_of_two_releases_are_refused(zips: list[Path], tmp_path: Path) -> None:
    other = tmp_path / "ESCO dataset - v1.2.0 - relations - csv.zip"
    other.symlink_to(zips[1])
    with pytest.raises(EscoFormatError, match=r"different ESCO releases given together: v1\.1\.1 .*v1\.2\.0"):
        read_esco([zips[0], other])


# ------------------------------------------------------------------------------------------- the database


def test_import_into_database_is_complete_and_idempotent(engine: Engine, release: EscoRelease) -> None:
    occupation = Base.metadata.tables["occupation"]
    skill = Base.metadata.tables["skill"]
    occupation_skill = Base.metadata.tables["occupation_skill"]
    # ISCO groups already loaded with their KBJI titles must be kept as they are.
    with engine.begin() as connection:
        connection.execute(
            insert(occupation),
            [
                _group("7", "Craft workers (KBJI)", title_id="Pekerja Pengolahan, Kerajinan, dan YBDI"),
                _group("72", "Metal (KBJI)", title_id="Pekerja Pengolahan Logam"),
            ],
        )
    stages: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        assert 0 <= done <= total
        if stage not in stages:
            stages.append(stage)

    first = load_esco_release(engine, release, progress)
    expected = {
        "isco_groups": 619,
        "isco_groups_added": 617,
        "occupations": 3_007,
        "skill_groups": 647,
        "skills": 13_896,
        "skill_broader": 20_013,
        "skill_relations": 5_899,
        "occupation_skills": 123_788,
        "skipped_occupation_skills": 67,
        "skipped_skill_relations": 0,
        "skipped_skill_broader": 0,
        "skipped_occupation_broader": 1,
    }
    assert first == expected
    assert stages == [
        "ISCO-08 groups",
        "occupations",
        "skill groups",
        "skills",
        "skill broader links",
        "skill relations",
        "occupation skills",
    ]
    counts = _table_counts(engine)
    assert counts == {
        "occupation": 619 + 3_007,
        "skill": 13_896,
        "skill_group": 647,
        "skill_broader": 20_013,
        "skill_relation": 5_899,
        "occupation_skill": 123_788,
    }
    with engine.connect() as connection:
        kept = connection.execute(
            select(occupation.c.title_en, occupation.c.title_id).where(occupation.c.code == "7")
        )
        assert kept.one() == ("Craft workers (KBJI)", "Pekerja Pengolahan, Kerajinan, dan YBDI")
        welders = connection.execute(
            select(occupation.c.title_en, occupation.c.parent_code).where(occupation.c.code == "7212")
        ).one()
        assert tuple(welders) == ("Welders and flamecutters", "721")
        essential = set(
            connection.scalars(
                select(skill.c.label_en)
                .join(occupation_skill, occupation_skill.c.skill_id == skill.c.id)
                .where(
                    occupation_skill.c.occupation_code == "7212_3", occupation_skill.c.relation == "essential"
                )
            )
        )
        assert len(essential) == 36 and "welding techniques" in essential
        assert (
            connection.scalar(select(func.count()).select_from(skill).where(skill.c.group_id.is_(None))) == 0
        )
        technical_director = connection.execute(
            select(occupation.c.parent_code, occupation.c.alt_labels).where(occupation.c.code == "2654_1_7")
        ).one()
        assert technical_director.parent_code == "2654_1"
        assert "head of technical" in technical_director.alt_labels
        # An Indonesian label added later must survive a re-import.
        connection.execute(
            update(skill).where(skill.c.id == WELDING_TECHNIQUES).values(label_id="teknik pengelasan")
        )
        connection.commit()

    second = load_esco_release(engine, release)
    assert second == expected | {"isco_groups_added": 0}
    assert _table_counts(engine) == counts
    with engine.connect() as connection:
        assert connection.scalar(select(skill.c.label_id).where(skill.c.id == WELDING_TECHNIQUES)) == (
            "teknik pengelasan"
        )


def test_failed_import_leaves_the_database_unchanged(engine: Engine, release: EscoRelease) -> None:
    # A relation value the schema's CHECK constraint refuses, after every concept has been written.
    bad = OccupationSkillRecord("7212_3", WELDING_TECHNIQUES, cast(Any, "required"))
    broken = replace(release, skill_broader=(), skill_relations=(), occupation_skills=(bad,))
    with pytest.raises(EscoImportError, match="refused the ESCO occupation skills; nothing was imported"):
        load_esco_release(engine, broken)
    assert _table_counts(engine) == dict.fromkeys(TABLES, 0)


def test_esco_code_taken_by_a_local_occupation_is_refused(engine: Engine, release: EscoRelease) -> None:
    occupation = Base.metadata.tables["occupation"]
    small = replace(
        release, skills=(), skill_groups=(), skill_broader=(), skill_relations=(), occupation_skills=()
    )
    with engine.begin() as connection:
        connection.execute(insert(occupation), [_group(code, code) for code in ("7", "72", "721", "7212")])
        local = _group("7212_3", "juru las", level=5, isco_code="7212", parent_code="7212")
        connection.execute(insert(occupation), [local])
    with pytest.raises(
        EscoImportError, match=r"1 ESCO occupation code\(s\) are already used .*e\.g\. 7212_3"
    ):
        load_esco_release(engine, small)
    assert _table_counts(engine)["occupation"] == 5


# ------------------------------------------------------------------------------------------- the command


@pytest.fixture
def fresh_sqlite(sqlite_url: str) -> Iterator[str]:
    runner = CliRunner()
    result = runner.invoke(app, ["db", "init", "--no-with-reference", "--database", sqlite_url])
    assert result.exit_code == 0, result.output
    yield sqlite_url


def test_cli_imports_a_folder_of_extracted_csvs(fresh_sqlite: str, extracted: Path) -> None:
    result = CliRunner().invoke(app, ["taxonomy", "import-esco", str(extracted), "--database", fresh_sqlite])
    assert result.exit_code == 0, result.output
    output = _flat(result.output)
    assert "ESCO import" in output
    assert "occupation-skill relations │ 123,788" in output and "skills │ 13,896" in output
    assert "skipped (unknown concept): occupation skills │ 67" in output
    engine = make_engine(fresh_sqlite)
    try:
        assert _table_counts(engine) == {
            "occupation": 619 + 3_007,
            "skill": 13_896,
            "skill_group": 647,
            "skill_broader": 20_013,
            "skill_relation": 5_899,
            "occupation_skill": 123_788,
        }
    finally:
        engine.dispose()


def _flat(output: str) -> str:
    """Command output with rich's line wrapping undone."""
    return " ".join(output.split())


def test_cli_errors_are_clear(fresh_sqlite: str, tmp_path: Path, zips: list[Path]) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["taxonomy", "import-esco", str(tmp_path / "nope.zip"), "-d", fresh_sqlite])
    assert missing.exit_code == 1
    assert "nope.zip: no such file or directory" in _flat(missing.output)
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    wrong = runner.invoke(app, ["taxonomy", "import-esco", str(notes), "-d", fresh_sqlite])
    assert wrong.exit_code == 1
    assert "not an ESCO file" in _flat(wrong.output)
    half = runner.invoke(app, ["taxonomy", "import-esco", str(zips[0]), "-d", fresh_sqlite])
    assert half.exit_code == 1
    assert "missing occupationSkillRelations.csv" in _flat(half.output)
    for result in (missing, wrong, half):
        assert "Traceback" not in result.output and result.exception is not None
        assert isinstance(result.exception, SystemExit)
    no_schema = runner.invoke(
        app, ["taxonomy", "import-esco", str(zips[0]), "-d", f"sqlite:///{tmp_path}/x.db"]
    )
    assert no_schema.exit_code == 1
    assert "run `pasarkerja db init` first" in _flat(no_schema.output)


def test_cli_help() -> None:
    result = CliRunner().invoke(app, ["taxonomy", "import-esco", "--help"])
    assert result.exit_code == 0
    assert "ESCO" in result.output and "--database" in result.output
