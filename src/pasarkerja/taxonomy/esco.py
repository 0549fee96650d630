"""Read an ESCO v1.1.x release (CSV, English) into plain taxonomy records. Pure: no database here.

The EU portal distributes ESCO as two zip files, "classification" (concepts with labels) and
"relations" (links between concepts). :func:`read_esco` accepts those zips as they come, a directory
holding them or the extracted CSVs, or the CSV files themselves, in any mix: files are recognised by their
base name (case-insensitive), wherever they sit inside a zip or directory.

Identifiers
-----------
ESCO names every concept by a URI. We keep the URI (``esco_uri``) and derive short, stable keys:

- occupation: ESCO's own ``code`` column with dots made underscores (``7212.3`` → ``7212_3``,
  ``2654.1.7`` → ``2654_1_7``), so ESCO occupations sit under their ISCO-08 unit group as the rest of
  the occupation tree does (see :class:`~pasarkerja.taxonomy.records.OccupationRecord`);
- skill and skill group: ``esco:`` + the URI path after ``http://data.europa.eu/esco/``, with
  ``skill/`` dropped and ``/`` made ``:`` (``…/esco/skill/0005c151-…`` → ``esco:0005c151-…``;
  ``…/esco/isced-f/0011`` → ``esco:isced-f:0011``). Skills and skill groups share the ``skill/`` URI
  space in ESCO without ever sharing a UUID, so the two kinds of id never collide.

Skill types
-----------
ESCO's ``skillType`` says knowledge vs skill/competence; two of its collections single out kinds our
model keeps apart. The first rule that applies wins:

1. listed in ``languageSkillsCollection_en.csv`` → ``"language"`` (both "Hungarian", a knowledge, and
   "write Hungarian", a skill: for matching, both are language ability);
2. listed in ``transversalSkillsCollection_en.csv`` → ``"transversal"``;
3. ``skillType`` ``knowledge`` → ``"knowledge"``;
4. ``skillType`` ``skill/competence`` → ``"skill"``;
5. ``skillType`` empty → ``"skill"``: v1.1.1 leaves it empty for six concepts, five DigComp competence
   areas ("digital content creation", "ICT safety", …) and "implement cloud security and compliance",
   all phrased as competences.

Quirks of the real files that this module handles
-------------------------------------------------
- ``altLabels`` hold one label per line inside a quoted field (blank lines and stray spaces occur).
- ``skillsHierarchy_en.csv`` names 7 skill groups that ``skillGroups_en.csv`` lacks (e.g. "positioning
  materials, tools or equipment", S6.8): they are taken from the hierarchy so the tree stays whole.
- ISCED-F field groups (``…/isced-f/0011``) have no ``code``; their code is the ISCED-F code in the URI.
- ``occupationSkillRelations.csv`` and ``broaderRelationsOccPillar.csv`` refer to one occupation
  (``a9e54177-…``) that ``occupations_en.csv`` does not contain: such rows are skipped and reported in
  :attr:`EscoRelease.skipped`, never silently loaded or silently lost.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from pasarkerja.taxonomy.records import (
    OccupationRecord,
    OccupationSkillRecord,
    Requirement,
    SkillGroupRecord,
    SkillRecord,
    SkillType,
)

ESCO_BASE = "http://data.europa.eu/esco/"

# Files read, by role, and the columns each must have.
OCCUPATIONS = "occupations_en.csv"
SKILLS = "skills_en.csv"
ISCO_GROUPS = "iscogroups_en.csv"
SKILL_GROUPS = "skillgroups_en.csv"
SKILLS_HIERARCHY = "skillshierarchy_en.csv"
LANGUAGE_COLLECTION = "languageskillscollection_en.csv"
TRANSVERSAL_COLLECTION = "transversalskillscollection_en.csv"
OCCUPATION_SKILLS = "occupationskillrelations.csv"
SKILL_SKILLS = "skillskillrelations.csv"
OCCUPATION_BROADER = "broaderrelationsoccpillar.csv"
SKILL_BROADER = "broaderrelationsskillpillar.csv"

_HIERARCHY_LEVELS = 4
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    OCCUPATIONS: ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description", "code"),
    SKILLS: ("conceptUri", "skillType", "preferredLabel", "altLabels", "description"),
    ISCO_GROUPS: ("conceptUri", "code", "preferredLabel", "altLabels", "description"),
    SKILL_GROUPS: ("conceptUri", "preferredLabel", "code"),
    SKILLS_HIERARCHY: tuple(
        f"Level {level} {what}"
        for level in range(_HIERARCHY_LEVELS)
        for what in ("URI", "preferred term", "code")
    ),
    LANGUAGE_COLLECTION: ("conceptUri",),
    TRANSVERSAL_COLLECTION: ("conceptUri",),
    OCCUPATION_SKILLS: ("occupationUri", "relationType", "skillUri"),
    SKILL_SKILLS: ("originalSkillUri", "relationType", "relatedSkillUri"),
    OCCUPATION_BROADER: ("conceptType", "conceptUri", "broaderType", "broaderUri"),
    SKILL_BROADER: ("conceptType", "conceptUri", "broaderType", "broaderUri"),
}
REQUIRED_FILES = tuple(REQUIRED_COLUMNS)
# ESCO's own capitalisation, for messages (the user looks for these names in the release).
_PROPER_NAMES = (
    "occupations_en.csv",
    "skills_en.csv",
    "ISCOGroups_en.csv",
    "skillGroups_en.csv",
    "skillsHierarchy_en.csv",
    "languageSkillsCollection_en.csv",
    "transversalSkillsCollection_en.csv",
    "occupationSkillRelations.csv",
    "skillSkillRelations.csv",
    "broaderRelationsOccPillar.csv",
    "broaderRelationsSkillPillar.csv",
)

_VERSION = re.compile(r"\bv(\d+(?:\.\d+)+)\b", re.IGNORECASE)
_OCCUPATION_CODE = re.compile(r"^\d{4}(?:\.\d+)+$")
_ISCO_CODE = re.compile(r"^\d{1,4}$")
_REQUIREMENTS: tuple[Requirement, ...] = ("essential", "optional")

Progress = Callable[[str, int, int], None]


class EscoFormatError(ValueError):
    """The input is not a readable ESCO release: the message names the file (and column or line)."""


@dataclass(frozen=True, slots=True)
class SkillBroaderRecord:
    """A skill placed under a broader skill or a skill group (ids as produced by :func:`concept_id`)."""

    skill_id: str
    broader_id: str


@dataclass(frozen=True, slots=True)
class SkillRelationRecord:
    """ESCO's skill-to-skill link: ``related_skill_id`` is essential/optional for ``skill_id``."""

    skill_id: str
    related_skill_id: str
    relation: Requirement


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A relation row not loaded because it names a concept the release does not define."""

    file: str  # base name, e.g. "occupationSkillRelations.csv"
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class EscoRelease:
    """Everything read from one ESCO release, as plain records (tuples, in file order)."""

    version: str | None
    isco_groups: tuple[OccupationRecord, ...]
    occupations: tuple[OccupationRecord, ...]
    skills: tuple[SkillRecord, ...]
    skill_groups: tuple[SkillGroupRecord, ...]
    skill_broader: tuple[SkillBroaderRecord, ...]
    skill_relations: tuple[SkillRelationRecord, ...]
    occupation_skills: tuple[OccupationSkillRecord, ...]
    skipped: tuple[SkippedRow, ...] = ()

    def skipped_counts(self) -> dict[str, int]:
        """Skipped rows per file name."""
        return dict(Counter(row.file for row in self.skipped))


def concept_id(uri: str) -> str:
    """Short stable id of an ESCO skill or skill-group URI (see the module docstring)."""
    if not uri.startswith(ESCO_BASE):
        raise ValueError(f"not an ESCO URI: {uri!r}")
    path = uri.removeprefix(ESCO_BASE).removeprefix("skill/").strip("/")
    if not path:
        raise ValueError(f"not an ESCO concept URI: {uri!r}")
    return "esco:" + path.replace("/", ":")


def occupation_code(esco_code: str) -> str:
    """ESCO occupation code (``2654.1.7``) as our occupation key (``2654_1_7``)."""
    return esco_code.replace(".", "_")


def skill_type(esco_skill_type: str, *, in_language: bool, in_transversal: bool) -> SkillType:
    """Our skill type from ESCO's ``skillType`` and collection membership (rules in the module docstring)."""
    if in_language:
        return "language"
    if in_transversal:
        return "transversal"
    if esco_skill_type == "knowledge":
        return "knowledge"
    if esco_skill_type in ("skill/competence", ""):
        return "skill"
    raise ValueError(f"unknown ESCO skillType {esco_skill_type!r}")


def split_labels(value: str, exclude: str = "") -> tuple[str, ...]:
    """ESCO's newline-separated label list, stripped, without blanks, duplicates or ``exclude``."""
    seen: dict[str, None] = {}
    for line in value.splitlines():
        label = line.strip()
        if label and label != exclude:
            seen.setdefault(label, None)
    return tuple(seen)


# ---------------------------------------------------------------------------------------- finding files


@dataclass(frozen=True, slots=True)
class _Source:
    """One CSV file: on disk, or a member of a zip (read without extracting to disk)."""

    name: str  # the file's base name as in the release, e.g. "occupations_en.csv"
    label: str  # where it was found, for messages
    path: Path
    member: str | None = None

    @contextmanager
    def open(self) -> Iterator[TextIO]:
        if self.member is None:
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                yield handle
            return
        with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _zip_sources(path: Path) -> list[tuple[str, _Source]]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info.filename for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise EscoFormatError(f"{path}: not a readable zip file ({exc})") from exc
    return [
        (
            Path(member).name.lower(),
            _Source(Path(member).name, f"{Path(member).name} in {path.name}", path, member),
        )
        for member in members
        if member.lower().endswith(".csv")
    ]


def _sources_of(path: Path) -> list[tuple[str, _Source]]:
    if not path.exists():
        raise EscoFormatError(f"{path}: no such file or directory")
    if path.is_dir():
        found: list[tuple[str, _Source]] = []
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in (".csv", ".zip"):
                found.extend(_sources_of(child))
        return found
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        return _zip_sources(path)
    if path.suffix.lower() == ".csv":
        return [(path.name.lower(), _Source(path.name, str(path), path))]
    raise EscoFormatError(
        f"{path}: not an ESCO file: expected the ESCO zip files, a directory, "
        f"or CSV files such as {_PROPER_NAMES[0]}"
    )


def _find_sources(paths: Sequence[Path]) -> tuple[dict[str, _Source], str | None]:
    sources: dict[str, _Source] = {}
    versions: dict[str, Path] = {}
    for path in paths:
        match = _VERSION.search(path.name) or _VERSION.search(path.resolve().parent.name)
        if match:
            versions.setdefault(match.group(1), path)
        for name, source in _sources_of(path):
            if name not in REQUIRED_COLUMNS:
                continue  # other collections, concept schemes, other languages: not needed here
            if name in sources:
                raise EscoFormatError(f"{source.label}: {name} given twice (also {sources[name].label})")
            sources[name] = source
            found = _VERSION.search(source.path.name)
            if found:
                versions.setdefault(found.group(1), source.path)
    if len(versions) > 1:
        listed = ", ".join(f"v{version} ({path.name})" for version, path in versions.items())
        raise EscoFormatError(f"files of different ESCO releases given together: {listed}")
    missing = [name for name in REQUIRED_FILES if name not in sources]
    if missing:
        proper = {name.lower(): name for name in _PROPER_NAMES}
        raise EscoFormatError(
            "ESCO release incomplete: missing " + ", ".join(proper.get(name, name) for name in missing)
        )
    return sources, next(iter(versions), None)


# ---------------------------------------------------------------------------------------- reading rows


@dataclass(frozen=True, slots=True)
class _Row:
    source: _Source
    line: int
    values: dict[str, str]

    def get(self, column: str, *, required: bool = True) -> str:
        value = (self.values.get(column) or "").strip()
        if required and not value:
            raise self.error(column, "is empty")
        return value

    def error(self, column: str, problem: str) -> EscoFormatError:
        return EscoFormatError(f"{self.source.label}, line {self.line}, column {column!r}: {problem}")


def _rows(source: _Source, name: str) -> Iterator[_Row]:
    try:
        with source.open() as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            for column in REQUIRED_COLUMNS[name]:
                if column not in header:
                    raise EscoFormatError(f"{source.label}: required column {column!r} is missing")
            for values in reader:
                yield _Row(source, reader.line_num, values)
    except csv.Error as exc:
        raise EscoFormatError(f"{source.label}: malformed CSV ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise EscoFormatError(f"{source.label}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise EscoFormatError(f"{source.label}: cannot be read ({exc})") from exc


def _id(row: _Row, column: str) -> str:
    uri = row.get(column)
    try:
        return concept_id(uri)
    except ValueError as exc:
        raise row.error(column, str(exc)) from exc


def _requirement(row: _Row, column: str) -> Requirement:
    value = row.get(column)
    for requirement in _REQUIREMENTS:
        if value == requirement:
            return requirement
    raise row.error(column, f"expected 'essential' or 'optional', got {value!r}")


# ---------------------------------------------------------------------------------------- the release


def read_esco(paths: Sequence[Path], progress: Progress | None = None) -> EscoRelease:
    """Read an ESCO release from its zip files, directories or CSV files (any mix).

    ``progress(stage, done, total)`` is called after each file is read. Raises :class:`EscoFormatError`
    naming the file (and line and column) when a required file or column is missing or a value is invalid.
    """
    sources, version = _find_sources(paths)
    steps = len(REQUIRED_FILES)
    done = 0

    def read(name: str) -> Iterator[_Row]:
        nonlocal done
        yield from _rows(sources[name], name)
        done += 1
        if progress is not None:
            progress("reading ESCO files", done, steps)

    skipped: list[SkippedRow] = []
    isco_groups = _read_isco_groups(read(ISCO_GROUPS))
    isco_codes = {group.code for group in isco_groups}
    occupations_by_uri = _read_occupations(read(OCCUPATIONS), isco_codes)
    occupations = _nest_occupations(read(OCCUPATION_BROADER), occupations_by_uri, isco_codes, skipped)

    skill_groups = _read_skill_groups(read(SKILL_GROUPS), read(SKILLS_HIERARCHY))
    group_ids = {group.id for group in skill_groups}
    language = {_id(row, "conceptUri") for row in read(LANGUAGE_COLLECTION)}
    transversal = {_id(row, "conceptUri") for row in read(TRANSVERSAL_COLLECTION)}
    skills = _read_skills(read(SKILLS), language, transversal)
    skill_ids = {skill.id for skill in skills}

    skill_broader = _read_skill_broader(read(SKILL_BROADER), skill_ids, group_ids, skipped)
    skills = _with_groups(skills, skill_broader, group_ids)
    skill_relations = _read_skill_relations(read(SKILL_SKILLS), skill_ids, skipped)
    code_of_uri = {uri: occupation.code for uri, occupation in occupations_by_uri.items()}
    occupation_skills = _read_occupation_skills(read(OCCUPATION_SKILLS), code_of_uri, skill_ids, skipped)
    return EscoRelease(
        version=version,
        isco_groups=isco_groups,
        occupations=occupations,
        skills=skills,
        skill_groups=skill_groups,
        skill_broader=skill_broader,
        skill_relations=skill_relations,
        occupation_skills=occupation_skills,
        skipped=tuple(skipped),
    )


def _read_isco_groups(rows: Iterator[_Row]) -> tuple[OccupationRecord, ...]:
    groups: dict[str, OccupationRecord] = {}
    for row in rows:
        code = row.get("code")
        if not _ISCO_CODE.match(code):
            raise row.error("code", f"expected an ISCO-08 code of 1 to 4 digits, got {code!r}")
        if code in groups:
            raise row.error("code", f"ISCO group {code} appears twice")
        title = row.get("preferredLabel")
        groups[code] = OccupationRecord(
            code=code,
            level=len(code),
            isco_code=code,
            title_en=title,
            parent_code=code[:-1] or None,
            description=row.get("description", required=False) or None,
            alt_labels=split_labels(row.get("altLabels", required=False), exclude=title),
            esco_uri=row.get("conceptUri"),
            source="isco08",
        )
    for group in groups.values():
        if group.parent_code is not None and group.parent_code not in groups:
            raise EscoFormatError(
                f"ISCOGroups_en.csv: group {group.code} has no parent group {group.parent_code}"
            )
    return tuple(groups.values())


def _read_occupations(rows: Iterator[_Row], isco_codes: set[str]) -> dict[str, OccupationRecord]:
    occupations: dict[str, OccupationRecord] = {}
    codes: set[str] = set()
    for row in rows:
        uri = row.get("conceptUri")
        esco_code = row.get("code")
        isco = row.get("iscoGroup")
        if not _OCCUPATION_CODE.match(esco_code):
            raise row.error("code", f"expected an ESCO occupation code such as '7212.3', got {esco_code!r}")
        if isco not in isco_codes or len(isco) != 4:
            raise row.error("iscoGroup", f"{isco!r} is not an ISCO-08 unit group of ISCOGroups_en.csv")
        if esco_code.split(".")[0] != isco:
            raise row.error("code", f"{esco_code!r} does not lie under its iscoGroup {isco}")
        code = occupation_code(esco_code)
        if code in codes or uri in occupations:
            raise row.error("code", f"occupation {esco_code} ({uri}) appears twice")
        codes.add(code)
        title = row.get("preferredLabel")
        occupations[uri] = OccupationRecord(
            code=code,
            level=5,
            isco_code=isco,
            title_en=title,
            parent_code=isco,
            description=row.get("description", required=False) or None,
            alt_labels=split_labels(row.get("altLabels", required=False), exclude=title),
            esco_uri=uri,
            source="esco",
        )
    return occupations


def _nest_occupations(
    rows: Iterator[_Row],
    occupations_by_uri: dict[str, OccupationRecord],
    isco_codes: set[str],
    skipped: list[SkippedRow],
) -> tuple[OccupationRecord, ...]:
    """Put each occupation under its broader occupation where ESCO nests it (else its unit group)."""
    parent: dict[str, str] = {}
    for row in rows:
        if row.get("conceptType") != "Occupation":
            continue  # ISCO group → ISCO group: already implied by the ISCO codes
        uri = row.get("conceptUri")
        broader_uri = row.get("broaderUri")
        occupation = occupations_by_uri.get(uri)
        if occupation is None:
            skipped.append(SkippedRow(row.source.name, row.line, f"unknown occupation {uri}"))
            continue
        if row.get("broaderType") == "Occupation":
            broader = occupations_by_uri.get(broader_uri)
            if broader is None:
                skipped.append(
                    SkippedRow(row.source.name, row.line, f"unknown broader occupation {broader_uri}")
                )
                continue
            if broader.isco_code != occupation.isco_code:
                raise row.error(
                    "broaderUri", f"{broader.code} is in another ISCO unit group than {occupation.code}"
                )
            parent[uri] = broader.code
    nested = [
        occupation if uri not in parent else replace(occupation, parent_code=parent[uri])
        for uri, occupation in occupations_by_uri.items()
    ]
    _check_acyclic({o.code: o.parent_code for o in nested}, isco_codes, "broaderRelationsOccPillar.csv")
    return tuple(nested)


def _check_acyclic(parents: dict[str, str | None], roots: set[str], file: str) -> None:
    for start in parents:
        seen = {start}
        node = parents[start]
        while node is not None and node not in roots:
            if node in seen:
                raise EscoFormatError(f"{file}: broader relations form a cycle through {start}")
            seen.add(node)
            node = parents.get(node)


def _read_skill_groups(groups: Iterator[_Row], hierarchy: Iterator[_Row]) -> tuple[SkillGroupRecord, ...]:
    """Skill groups of skillGroups_en.csv and those only the hierarchy names; parents from the hierarchy."""
    labels: dict[str, str] = {}
    codes: dict[str, str] = {}
    uris: dict[str, str] = {}
    for row in groups:
        group_id = _id(row, "conceptUri")
        if group_id in labels:
            raise row.error("conceptUri", f"skill group {group_id} appears twice")
        labels[group_id] = row.get("preferredLabel")
        uris[group_id] = row.get("conceptUri")
        code = row.get("code", required=False)
        if code:
            codes[group_id] = code
    parents: dict[str, str | None] = {}
    for row in hierarchy:
        above: str | None = None
        for level in range(_HIERARCHY_LEVELS):
            uri = row.get(f"Level {level} URI", required=False)
            if not uri:
                break
            group_id = _id(row, f"Level {level} URI")
            labels.setdefault(group_id, row.get(f"Level {level} preferred term"))
            uris.setdefault(group_id, uri)
            code = row.get(f"Level {level} code", required=False)
            if code:
                codes.setdefault(group_id, code)
            known = parents.setdefault(group_id, above)
            if known != above:
                raise row.error(
                    f"Level {level} URI", f"skill group {group_id} under both {known} and {above}"
                )
            above = group_id
    records = []
    for group_id, label in labels.items():
        uri = uris[group_id]
        group_code = codes.get(group_id)
        if group_code is None and "/isced-f/" in uri:
            group_code = uri.rsplit("/", 1)[1]  # the ISCED-F field code, left out of ESCO's code column
        records.append(
            SkillGroupRecord(
                id=group_id, label_en=label, code=group_code, parent_id=parents.get(group_id), esco_uri=uri
            )
        )
    _check_acyclic({r.id: r.parent_id for r in records}, set(), "skillsHierarchy_en.csv")
    return tuple(records)


def _read_skills(rows: Iterator[_Row], language: set[str], transversal: set[str]) -> tuple[SkillRecord, ...]:
    skills: dict[str, SkillRecord] = {}
    for row in rows:
        skill_id = _id(row, "conceptUri")
        if skill_id in skills:
            raise row.error("conceptUri", f"skill {skill_id} appears twice")
        label = row.get("preferredLabel")
        try:
            kind = skill_type(
                row.get("skillType", required=False),
                in_language=skill_id in language,
                in_transversal=skill_id in transversal,
            )
        except ValueError as exc:
            raise row.error("skillType", str(exc)) from exc
        skills[skill_id] = SkillRecord(
            id=skill_id,
            label_en=label,
            type=kind,
            alt_labels=split_labels(row.get("altLabels", required=False), exclude=label),
            esco_uri=row.get("conceptUri"),
            description=row.get("description", required=False) or None,
            source="esco",
        )
    return tuple(skills.values())


def _read_skill_broader(
    rows: Iterator[_Row], skill_ids: set[str], group_ids: set[str], skipped: list[SkippedRow]
) -> tuple[SkillBroaderRecord, ...]:
    links: dict[tuple[str, str], SkillBroaderRecord] = {}
    for row in rows:
        if row.get("conceptType") == "SkillGroup":
            continue  # group → group links: the hierarchy file gives these (and more completely)
        skill_id = _id(row, "conceptUri")
        broader_id = _id(row, "broaderUri")
        if skill_id not in skill_ids:
            skipped.append(SkippedRow(row.source.name, row.line, f"unknown skill {row.get('conceptUri')}"))
        elif broader_id not in skill_ids and broader_id not in group_ids:
            skipped.append(SkippedRow(row.source.name, row.line, f"unknown broader {row.get('broaderUri')}"))
        else:
            links.setdefault((skill_id, broader_id), SkillBroaderRecord(skill_id, broader_id))
    return tuple(links.values())


def _with_groups(
    skills: tuple[SkillRecord, ...], broader: tuple[SkillBroaderRecord, ...], group_ids: set[str]
) -> tuple[SkillRecord, ...]:
    """Each skill's group: the first skill group met up its broader chain (breadth first, file order)."""
    up: defaultdict[str, list[str]] = defaultdict(list)
    for link in broader:
        up[link.skill_id].append(link.broader_id)

    def first_group(skill_id: str) -> str | None:
        queue = deque(up[skill_id])
        seen = {skill_id}
        while queue:
            node = queue.popleft()
            if node in group_ids:
                return node
            if node not in seen:
                seen.add(node)
                queue.extend(up[node])
        return None

    return tuple(replace(skill, group_id=first_group(skill.id)) for skill in skills)


def _read_skill_relations(
    rows: Iterator[_Row], skill_ids: set[str], skipped: list[SkippedRow]
) -> tuple[SkillRelationRecord, ...]:
    relations: dict[tuple[str, str], SkillRelationRecord] = {}
    for row in rows:
        skill_id = _id(row, "originalSkillUri")
        related_id = _id(row, "relatedSkillUri")
        relation = _requirement(row, "relationType")
        unknown = [
            uri
            for uri, key in (
                (row.get("originalSkillUri"), skill_id),
                (row.get("relatedSkillUri"), related_id),
            )
            if key not in skill_ids
        ]
        if unknown:
            skipped.append(SkippedRow(row.source.name, row.line, "unknown skill " + ", ".join(unknown)))
            continue
        relations[(skill_id, related_id)] = SkillRelationRecord(skill_id, related_id, relation)
    return tuple(relations.values())


def _read_occupation_skills(
    rows: Iterator[_Row], code_of_uri: dict[str, str], skill_ids: set[str], skipped: list[SkippedRow]
) -> tuple[OccupationSkillRecord, ...]:
    links: dict[tuple[str, str], OccupationSkillRecord] = {}
    for row in rows:
        occupation_uri = row.get("occupationUri")
        skill_id = _id(row, "skillUri")
        relation = _requirement(row, "relationType")
        code = code_of_uri.get(occupation_uri)
        if code is None:
            skipped.append(SkippedRow(row.source.name, row.line, f"unknown occupation {occupation_uri}"))
            continue
        if skill_id not in skill_ids:
            skipped.append(SkippedRow(row.source.name, row.line, f"unknown skill {row.get('skillUri')}"))
            continue
        key = (code, skill_id)
        previous = links.get(key)
        # Should a pair ever be listed twice, "essential" is the stronger statement and wins.
        if previous is None or (previous.relation == "optional" and relation == "essential"):
            links[key] = OccupationSkillRecord(code, skill_id, relation)
    return tuple(links.values())
