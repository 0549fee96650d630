"""Indonesian-first controlled vocabularies shipped with the taxonomy (skills, occupation titles).

The data are plain CSV files next to this module, written and reviewed by the project (see ``SKILLS.md``);
the loaders turn them into the typed records of :mod:`pasarkerja.taxonomy.records` and cache them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import get_args

from pasarkerja.taxonomy.records import SkillGroupRecord, SkillRecord, SkillType

_HERE = Path(__file__).resolve().parent

# --- skill catalogue -------------------------------------------------------------------------------------

SKILL_GROUPS_CSV = _HERE / "skill_groups.csv"
# One CSV per skill group: the file stem *is* the group id, so a skill cannot sit in two groups.
SKILLS_DIR = _HERE / "skills"
SKILL_COLUMNS = ("id", "label_id", "label_en", "variants", "type", "isco_codes", "esco_uri")
SKILL_GROUP_COLUMNS = ("id", "label_id", "label_en")
# The reviewed ESCO crosswalk: every proposed link with its decision; ``tools/propose_esco_links.py apply``
# writes the accepted ones into the ``esco_uri`` column of the skill CSVs (see ``SKILLS.md``).
ESCO_LINK_REVIEW_CSV = _HERE / "esco_link_review.csv"
# Which ESCO skill types (as ``pasarkerja.taxonomy.esco.skill_type`` maps them) each of our types may link
# to. Tools and software are ESCO "knowledge" concepts ("Python (computer programming)", "SAP R3") or skills
# ("use spreadsheets software"); a language only matches an ESCO language, and a transversal skill never an
# ESCO knowledge concept ("communication" the discipline is not "komunikasi yang baik").
ESCO_LINK_TYPES: dict[SkillType, frozenset[SkillType]] = {
    "skill": frozenset({"skill", "knowledge", "transversal"}),
    "knowledge": frozenset({"knowledge", "skill"}),
    "tool-software": frozenset({"knowledge", "skill"}),
    "licence-certificate": frozenset({"knowledge", "skill"}),
    "language": frozenset({"language"}),
    "transversal": frozenset({"transversal", "skill"}),
}

_SKILL_ID = re.compile(r"^sk\.[a-z0-9]+(?:-[a-z0-9]+)*$")
_GROUP_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISCO_UNIT = re.compile(r"^\d{4}$")
_ESCO_SKILL_URI = re.compile(r"^http://data\.europa\.eu/esco/skill/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SKILL_TYPES: frozenset[str] = frozenset(get_args(SkillType))


class VocabularyError(ValueError):
    """A vocabulary CSV row that breaks the catalogue's rules; the message names the file, row and field."""


def normalise_variant(text: str) -> str:
    """The comparison key of a surface form: lower case, whitespace collapsed (uniqueness is judged on it)."""
    return " ".join(text.split()).lower()


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        # csv.reader + zip is markedly faster than DictReader on ~2,000 rows, and load time matters here.
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != columns:
            expected, found = ",".join(columns), ",".join(header)
            raise VocabularyError(f"{path.name}: header must be {expected}, found {found}")
        rows: list[tuple[int, dict[str, str]]] = []
        width = len(columns)
        for fields in reader:
            if len(fields) != width:
                problem = f"expected {width} fields, found {len(fields)}"
                raise VocabularyError(f"{path.name}:{reader.line_num}: {problem}")
            values = (value.strip() for value in fields)
            rows.append((reader.line_num, dict(zip(columns, values, strict=True))))
        return rows


@lru_cache(maxsize=1)
def skill_groups() -> tuple[SkillGroupRecord, ...]:
    """The skill groups (sectors and cross-cutting groups) of the Indonesian-first skill catalogue."""
    groups: list[SkillGroupRecord] = []
    seen: set[str] = set()
    for line, row in _read_rows(SKILL_GROUPS_CSV, SKILL_GROUP_COLUMNS):
        where = f"{SKILL_GROUPS_CSV.name}:{line} group {row['id']!r}"
        if not _GROUP_ID.match(row["id"]):
            raise VocabularyError(f"{where}: field 'id' must be a lower-case slug")
        if row["id"] in seen:
            raise VocabularyError(f"{where}: field 'id' is duplicated")
        if not row["label_id"] or not row["label_en"]:
            raise VocabularyError(f"{where}: fields 'label_id' and 'label_en' are required")
        seen.add(row["id"])
        groups.append(SkillGroupRecord(id=row["id"], label_en=row["label_en"], label_id=row["label_id"]))
    return tuple(groups)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in (piece.strip() for piece in value.split("|")) if part) if value else ()


def _skill_record(path: Path, line: int, row: dict[str, str], group_id: str) -> SkillRecord:
    def fail(problem: str) -> VocabularyError:
        return VocabularyError(f"{path.name}:{line} skill {row['id']!r}: {problem}")

    if not _SKILL_ID.match(row["id"]):
        raise fail("field 'id' must look like 'sk.some-slug'")
    if not row["label_id"] or not row["label_en"]:
        raise fail("fields 'label_id' and 'label_en' are required")
    if row["type"] not in _SKILL_TYPES:
        raise fail(f"field 'type' is {row['type']!r}, expected one of {sorted(_SKILL_TYPES)}")
    isco_codes = _split(row["isco_codes"])
    for code in isco_codes:
        if not _ISCO_UNIT.match(code):
            raise fail(f"field 'isco_codes' holds {code!r}, not a 4-digit ISCO-08 unit group")
    esco_uri = row["esco_uri"] or None
    if esco_uri is not None and not _ESCO_SKILL_URI.match(esco_uri):
        raise fail(f"field 'esco_uri' is not an ESCO skill URI: {esco_uri!r}")
    # alt_labels carry every way ads write the skill plus the label in the other language, without repeats
    # of the preferred (English) label, so a matcher can use label_en + alt_labels as its whole dictionary.
    # Fields are already stripped, so lower() is the comparison key here (normalise_variant also collapses
    # inner whitespace, which the catalogue test enforces never matters).
    alt_labels: list[str] = []
    keys = {row["label_en"].lower()}
    for form in (row["label_id"], *_split(row["variants"])):
        key = form.lower()
        if key not in keys:
            keys.add(key)
            alt_labels.append(form)
    return SkillRecord(
        id=row["id"],
        label_en=row["label_en"],
        type=row["type"],  # type: ignore[arg-type]  # checked against SkillType above
        label_id=row["label_id"],
        alt_labels=tuple(alt_labels),
        group_id=group_id,
        esco_uri=esco_uri,
        source="pasarkerja",
        isco_codes=isco_codes,
    )


@lru_cache(maxsize=1)
def skill_catalogue() -> tuple[SkillRecord, ...]:
    """Every skill of the Indonesian-first catalogue, in group order (``skill_groups()``) then file order."""
    records: list[SkillRecord] = []
    seen: dict[str, str] = {}
    group_ids = [group.id for group in skill_groups()]
    files = {path.stem: path for path in SKILLS_DIR.glob("*.csv")}
    unknown = sorted(set(files) - set(group_ids))
    if unknown:
        raise VocabularyError(f"{SKILLS_DIR.name}/: files {unknown} name no group of {SKILL_GROUPS_CSV.name}")
    for group_id in group_ids:
        path = files.get(group_id)
        if path is None:
            continue
        for line, row in _read_rows(path, SKILL_COLUMNS):
            record = _skill_record(path, line, row, group_id)
            if record.id in seen:
                raise VocabularyError(
                    f"{path.name}:{line} skill {record.id!r}: field 'id' already used in {seen[record.id]}"
                )
            seen[record.id] = path.name
            records.append(record)
    return tuple(records)


def skill_surface_forms(record: SkillRecord) -> tuple[str, ...]:
    """All the ways an ad may write ``record``: English label, Indonesian label and variants (no repeats)."""
    return (record.label_en, *record.alt_labels)


@lru_cache(maxsize=1)
def skill_variant_index() -> dict[str, str]:
    """Normalised surface form (``normalise_variant``) -> skill id, over the whole catalogue.

    Raises ``VocabularyError`` when two skills claim the same form: a form must point to one skill only.
    """
    index: dict[str, str] = {}
    for record in skill_catalogue():
        for form in skill_surface_forms(record):
            key = normalise_variant(form)
            owner = index.setdefault(key, record.id)
            if owner != record.id:
                problem = f"variant {form!r} is already claimed by {owner!r}"
                raise VocabularyError(f"skill {record.id!r}: {problem}")
    return index


# --- occupation titles -----------------------------------------------------------------------------------

# Job title as ads write it -> ISCO-08 unit group (see ``TITLES.md`` for sources and coding rules).
TITLES_DIR = _HERE / "titles"
# Priority order. A title sits in one file only (``tools/build_title_dictionary.py`` enforces it): the
# project's own decisions first, then the forms derived from them, then the public classifications.
TITLE_FILES = ("curated.csv", "variants.csv", "kbji2014.csv", "esco.csv")
TITLE_COLUMNS = ("title", "isco_code", "lang", "generic", "source", "note")
TITLE_LANGS = frozenset({"id", "en", "mixed"})
TITLE_SOURCES = frozenset({"pasarkerja", "kbji2014", "esco"})


@dataclass(frozen=True, slots=True)
class OccupationTitle:
    """One job-title variant and the ISCO-08 unit group its main tasks belong to.

    ``generic`` marks titles that do not decide the occupation on their own ("staff", "admin", "operator",
    "helper"): ``isco_code`` is then only the most likely group and the vacancy description must decide.
    """

    title: str
    isco_code: str
    lang: str
    generic: bool
    source: str


def _title_record(name: str, line: int, fields: list[str]) -> OccupationTitle:
    if len(fields) != len(TITLE_COLUMNS):
        raise VocabularyError(f"{name}:{line}: expected {len(TITLE_COLUMNS)} fields, found {len(fields)}")
    title, isco_code, lang, generic, source = (value.strip() for value in fields[:5])
    where = f"{name}:{line} title {title!r}"
    if not title:
        raise VocabularyError(f"{name}:{line}: field 'title' is empty")
    if not _ISCO_UNIT.match(isco_code):
        raise VocabularyError(f"{where}: field 'isco_code' is {isco_code!r}, not a 4-digit ISCO-08 group")
    if lang not in TITLE_LANGS:
        raise VocabularyError(f"{where}: field 'lang' is {lang!r}, expected one of {sorted(TITLE_LANGS)}")
    if generic not in ("0", "1"):
        raise VocabularyError(f"{where}: field 'generic' is {generic!r}, expected 0 or 1")
    if source not in TITLE_SOURCES:
        raise VocabularyError(f"{where}: field 'source' is {source!r}, expected {sorted(TITLE_SOURCES)}")
    return OccupationTitle(title=title, isco_code=isco_code, lang=lang, generic=generic == "1", source=source)


@lru_cache(maxsize=1)
def occupation_titles() -> tuple[OccupationTitle, ...]:
    """Every job-title variant of the dictionary (Indonesian, English and mixed), in file priority order.

    Raises ``VocabularyError`` naming the file, line and field of a malformed row, and when a title
    (compared by ``normalise_variant``) appears twice: one title, one code.
    """
    records: list[OccupationTitle] = []
    seen: dict[str, str] = {}
    for name in TITLE_FILES:
        with (TITLES_DIR / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if tuple(header or ()) != TITLE_COLUMNS:
                raise VocabularyError(f"{name}: header must be {','.join(TITLE_COLUMNS)}, found {header}")
            for fields in reader:
                record = _title_record(name, reader.line_num, fields)
                key = normalise_variant(record.title)
                if key in seen:
                    raise VocabularyError(
                        f"{name}:{reader.line_num} title {record.title!r}: field 'title' repeats {seen[key]}"
                    )
                seen[key] = f"{name}:{reader.line_num}"
                records.append(record)
    return tuple(records)


@lru_cache(maxsize=1)
def occupation_title_index() -> dict[str, OccupationTitle]:
    """Normalised title (``normalise_variant``) -> its dictionary entry, for exact look-ups."""
    return {normalise_variant(record.title): record for record in occupation_titles()}
