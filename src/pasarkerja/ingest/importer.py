"""Validated, transactional, idempotent imports of vacancies, seekers, training programmes and employers.

How a file goes in (the contract is documented for users in ``docs/IMPORTS.md``):

1. The file is opened by :mod:`~pasarkerja.ingest.readers` (fatal problems raise
   :class:`~pasarkerja.ingest.readers.ImportFileError`) and its headers are matched to the kind's columns.
2. Each row is validated by its pydantic model (:mod:`~pasarkerja.ingest.schemas`), then checked against the
   database's reference tables (regions, education levels, skills, occupations, KBLI sections) by
   :class:`Resolver`. A row with any problem is rejected whole, with one ``(row, field, reason)`` per problem,
   and written (personal values masked) to ``<input>.rejected.csv``; the other rows go on.
3. Valid rows are written in batches; each batch commits in one transaction together with the progress
   counters of its ``import_run`` row, so a process killed at any moment leaves whole batches only.
4. Records are keyed by ``(source, external_id)``. Rows without an ``external_id`` get a deterministic one
   derived from their identifying fields, so running the same file again updates (or leaves unchanged) the
   records it made instead of duplicating them; an interrupted import is completed by running it again.

Under ``strict`` the whole file is validated first and nothing is written when any row is bad; the writes
then happen in a single transaction.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from pasarkerja.ingest import parsing
from pasarkerja.ingest.readers import ImportFileError, RawRow, Table, open_table, sha256_of
from pasarkerja.ingest.schemas import (
    COLUMNS,
    KINDS,
    PERSONAL_FIELDS,
    ColumnMap,
    EmployerRow,
    Kind,
    ProgrammeRow,
    SeekerRow,
    VacancyRow,
    map_columns,
    validate_row,
)
from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.models import (
    Consent,
    EducationLevel,
    Employer,
    ImportRun,
    IndustrySection,
    Occupation,
    ProgrammeSkill,
    Region,
    Seeker,
    SeekerPersonal,
    SeekerPreferredOccupation,
    SeekerPreferredRegion,
    SeekerSkill,
    SeekerWork,
    Skill,
    TrainingProgramme,
    TrainingProvider,
    Vacancy,
    VacancySkill,
)
from pasarkerja.store.personal import PersonalData, Viewer, read_personal, save_personal
from pasarkerja.taxonomy.education import resolve_education
from pasarkerja.taxonomy.regions import resolve_region

ProgressCallback = Callable[[int, int | None], None]

# Imports act with the operator's authority: they read existing personal data only to merge new values in.
_IMPORT_VIEWER = Viewer(user_id=None, role="admin")
_CONSENT_PURPOSES = {
    "consent_registration": "registration",
    "consent_matching": "matching",
    "consent_discoverable": "discoverable_by_employers",
    "consent_share_contact": "share_contact_on_application",
}
_MIN_REGION_CONFIDENCE = 0.5


class Rejection(NamedTuple):
    """One problem with one row: the row number in the file, the column (as the file names it), why."""

    row: int
    field: str
    reason: str


@dataclass
class ImportReport:
    """What an import did. ``unchanged`` rows matched an existing record exactly (a rerun)."""

    kind: str
    path: Path
    source: str
    strict: bool
    run_id: int | None = None
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    rejected_csv: Path | None = None
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    aborted: bool = False  # strict mode found bad rows: nothing was written

    @property
    def written(self) -> int:
        return self.imported + self.updated + self.unchanged


# ------------------------------------------------------------------------------------ resolution


@dataclass(slots=True)
class Prepared:
    """A validated row with everything resolved against the reference tables, ready to write."""

    number: int
    raw: dict[str, Any]
    row: Any
    external_id: str
    values: dict[str, Any] = field(default_factory=dict)  # resolved extras (codes, skill ids, …)


class _Problems:
    """Collects (field, reason) for one row."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, field_name: str, reason: str) -> None:
        self.items.append((field_name, reason))

    def __bool__(self) -> bool:
        return bool(self.items)


class Resolver:
    """Look-ups against the reference tables, loaded once per import (and cached per distinct value)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        with engine.connect() as connection:
            self.regions: dict[str, tuple[str, str]] = {
                code: (level, name)
                for code, level, name in connection.execute(select(Region.code, Region.level, Region.name))
            }
            self.education_codes = {c.lower(): c for c in connection.scalars(select(EducationLevel.code))}
            self.sections = set(connection.scalars(select(IndustrySection.code)))
        self._occupations: set[str] | None = None
        self._skills: tuple[dict[str, str], dict[str, set[str]]] | None = None
        self._region_cache: dict[str, tuple[str | None, bool]] = {}

    # ---- regions
    @staticmethod
    def _region_by_name(text: str) -> tuple[str | None, bool] | None:
        """(code, remote) for a place name, by the taxonomy's resolver (its rules are documented there)."""
        match = resolve_region(text)
        if match is None:
            return None
        if match.code is not None and match.confidence < _MIN_REGION_CONFIDENCE:
            raise ValueError(f"the place {text!r} is ambiguous; give its Kemendagri code (e.g. 3273)")
        return match.code, match.remote

    def region(self, text: str) -> tuple[str | None, bool]:
        """The Kemendagri code a cell names (``3273``, ``32.73``, ``Kota Bandung``); is it remote?"""
        if text in self._region_cache:
            return self._region_cache[text]
        empty_hint = " (the region table is empty: run `pasarkerja db init`)" if not self.regions else ""
        compact = re.sub(r"[\s.]", "", text)
        if compact.isdigit():
            if len(compact) not in (2, 4):
                raise ValueError(f"region code {text!r} must have 2 (province) or 4 (regency/city) digits")
            if compact not in self.regions:
                raise ValueError(f"unknown region code {text!r}{empty_hint}")
            result: tuple[str | None, bool] = (compact, False)
        else:
            found = self._region_by_name(text)
            if found is None:
                raise ValueError(
                    f"unknown place {text!r}; give a Kemendagri code or an official name{empty_hint}"
                )
            code, remote = found
            if code is not None and code not in self.regions:
                raise ValueError(f"the place {text!r} ({code}) is not in the region table{empty_hint}")
            result = (code, remote)
        self._region_cache[text] = result
        return result

    def check_nik_region(self, nik: str) -> str | None:
        """A reason when the NIK's first digits are not a real province and regency/city, else None."""
        if self.regions.get(nik[:2], ("",))[0] != "province":
            return "NIK digits 1–2 are not a province code"
        if self.regions.get(nik[:4], ("",))[0] != "regency":
            return "NIK digits 1–4 are not a regency/city code"
        return None

    # ---- education
    def education(self, text: str) -> str:
        code = self.education_codes.get(text.strip().lower().replace(" ", "_"))
        if code is None:
            record = resolve_education(text)
            code = record.code if record is not None else None
        if code is None:
            raise ValueError(
                f"unknown education level {text!r}; use SD, SMP, SMA, SMK, D1–D4, S1–S3, Paket A/B/C"
            )
        if code not in self.education_codes.values():
            hint = " (run `pasarkerja db init`)" if not self.education_codes else ""
            raise ValueError(f"education level {code} is not in the education_level table{hint}")
        return code

    # ---- occupations
    def occupation(self, text: str) -> str:
        if self._occupations is None:
            with self._engine.connect() as connection:
                self._occupations = set(connection.scalars(select(Occupation.code)))
        code = text.strip()
        if code in self._occupations:
            return code
        # KBJI 2014 codes below the unit group ("2512.01") sit under the ISCO-08 unit group of their prefix.
        prefix = code.split(".")[0]
        if re.fullmatch(r"\d{4}", prefix) and prefix in self._occupations:
            return prefix
        raise ValueError(f"unknown occupation code {text!r} (an ISCO-08/KBJI code such as 7212)")

    # ---- skills
    def _skill_index(self) -> tuple[dict[str, str], dict[str, set[str]]]:
        if self._skills is None:
            ids: dict[str, str] = {}
            labels: dict[str, set[str]] = {}
            with self._engine.connect() as connection:
                rows = connection.execute(select(Skill.id, Skill.label_en, Skill.label_id, Skill.alt_labels))
                for skill_id, label_en, label_id, alt_labels in rows:
                    ids[skill_id.casefold()] = skill_id
                    for label in (label_en, label_id, *(alt_labels or [])):
                        if label:
                            labels.setdefault(parsing.normalise_label(str(label)), set()).add(skill_id)
            self._skills = (ids, labels)
        return self._skills

    def skills(self, items: Iterable[str], problems: _Problems, field_name: str) -> list[str]:
        """Skill ids for ids or labels; unknown or ambiguous items are problems of the row (not dropped)."""
        ids, labels = self._skill_index()
        found: list[str] = []
        for item in items:
            skill_id = ids.get(item.casefold())
            if skill_id is None:
                matches = labels.get(parsing.normalise_label(item), set())
                if len(matches) > 1:
                    problems.add(field_name, f"the skill {item!r} matches several skills; use its id")
                    continue
                skill_id = next(iter(matches), None)
            if skill_id is None:
                hint = " (the skill table is empty: load the taxonomy first)" if not ids else ""
                problems.add(field_name, f"unknown skill {item!r}{hint}")
            elif skill_id not in found:
                found.append(skill_id)
        return found

    def known_skill(self, skill_id: str) -> bool:
        return skill_id.casefold() in self._skill_index()[0]


# --------------------------------------------------------------------------------- text extraction


def _extract_facts(kind: Kind, row: Any) -> dict[str, Any] | None:
    """Run the text extractor of ``pasarkerja.extract`` on a row's free text, when that module provides it.

    Called only for rows that have free text (vacancy description, programme syllabus, seeker "about") and
    no explicit skills column value. Uses ``vacancy(text, title=…, location=…)``, ``programme(text)`` or
    ``profile(text)`` of ``extract.bulk_extractor()``. The result keeps the text it was made from and the
    extractor's facts (their ``to_dict()`` form), and is stored in the record's ``extracted`` column.
    """
    name, text_field = {"vacancies": ("vacancy", "description"), "programmes": ("programme", "syllabus"),
                        "seekers": ("profile", "about")}.get(kind, ("", ""))  # fmt: skip
    text = getattr(row, text_field, None) if text_field else None
    if not text or getattr(row, "skills", None):
        return None
    try:
        import pasarkerja.extract as extract
    except ImportError:  # pragma: no cover - the extract layer ships with the package
        return None
    # Imports are bulk work: the lexical extractor, never the slow embedding fallback (bulk_extractor).
    function = getattr(extract.bulk_extractor(), name, None)
    if function is None:
        return None
    facts = function(text, title=row.title, location=row.region) if kind == "vacancies" else function(text)
    if hasattr(facts, "to_dict"):
        plain = facts.to_dict()
    elif hasattr(facts, "model_dump"):
        plain = facts.model_dump(mode="json")
    else:
        plain = facts
    # Round-trip through JSON so only JSON-representable values reach the database column.
    plain = json.loads(json.dumps(plain, default=str, ensure_ascii=False))
    return {
        "extractor": f"pasarkerja.extract.{name}",
        "source_field": text_field,
        "text": text,
        "facts": plain,
    }


def _extracted_skills(extracted: dict[str, Any] | None) -> list[tuple[str, str]]:
    facts = (extracted or {}).get("facts") or {}
    result = []
    for item in facts.get("skills") or []:
        if isinstance(item, dict) and item.get("id"):
            requirement = (
                item.get("required") if item.get("required") in ("essential", "optional") else "essential"
            )
            result.append((str(item["id"]), str(requirement)))
        elif isinstance(item, str):
            result.append((item, "essential"))
    return result


def _extracted_occupation(extracted: dict[str, Any] | None) -> str | None:
    occupation = ((extracted or {}).get("facts") or {}).get("occupation")
    if isinstance(occupation, dict):
        return occupation.get("code")
    return occupation if isinstance(occupation, str) else None


# ------------------------------------------------------------------------------------------ identity


def _loose_text(value: Any) -> str | None:
    value = parsing.clean(value)
    return None if value is None or isinstance(value, list | dict) else str(value)


def _norm(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(_norm(v) for v in value)
    return parsing.normalise_label(str(value))


def employer_key(name: str) -> str:
    """The external id an employer gets from its name when none is given (shared by both importers)."""
    return "h:" + hashlib.sha256(("employer|" + _norm(name)).encode()).hexdigest()[:40]


def provider_key(name: str) -> str:
    return "h:" + hashlib.sha256(("provider|" + _norm(name)).encode()).hexdigest()[:40]


def derived_external_id(kind: Kind, row: Any, cipher: PersonalDataCipher | None) -> str | None:
    """A deterministic id from the fields that identify a record, for rows without ``external_id``.

    Vacancies: title, employer, location, posting date, description. Programmes: provider, title, location,
    start dates. Employers: name. Seekers: the NIK, else name + birth date + phone + e-mail; those are
    personal data, so seeker ids are a *keyed* hash (HMAC with the deployment's NIK-hash key), never a plain
    one that could be reversed by trying every NIK."""
    if kind == "employers":
        return employer_key(row.name)
    if kind == "vacancies":
        parts = [
            row.title,
            row.employer or row.employer_external_id,
            row.region,
            row.posted_date,
            row.description,
        ]
        return (
            "h:" + hashlib.sha256(("vacancy|" + "|".join(_norm(p) for p in parts)).encode()).hexdigest()[:40]
        )
    if kind == "programmes":
        parts = [row.provider, row.title, row.region, row.start_dates]
        return (
            "h:"
            + hashlib.sha256(("programme|" + "|".join(_norm(p) for p in parts)).encode()).hexdigest()[:40]
        )
    assert cipher is not None
    if row.nik:
        return "nik:" + cipher.nik_hash(row.nik)[:40]
    parts = [row.name, row.birth_date, row.phone, row.email]
    if not row.name or not any(parts[1:]):
        return None
    return "p:" + cipher.nik_hash("person|" + "|".join(_norm(p) for p in parts))[:40]


# ---------------------------------------------------------------------------------- rejected rows


class _RejectedFile:
    """``<input>.rejected.csv``: row, field, reason and the row's values with personal data masked.

    Opened on the first rejection; a stale file from an earlier run is removed when this run has none."""

    def __init__(self, path: Path, headers: list[str], masked: set[str]) -> None:
        self.path = path
        self.headers = headers
        self.masked = masked
        self._handle: Any = None
        self._writer: Any = None
        self.failed: str | None = None

    def write(self, number: int, problems: list[tuple[str, str]], raw: dict[str, Any]) -> None:
        if self.failed:
            return
        try:
            if self._handle is None:
                self._handle = self.path.open("w", encoding="utf-8", newline="")
                self._writer = csv.writer(self._handle)
                self._writer.writerow(["row", "field", "reason", *self.headers])
            values = [self._mask(h, raw.get(h)) for h in self.headers]
            fields = "; ".join(dict.fromkeys(f for f, _ in problems))
            reasons = "; ".join(f"{f}: {r}" if len(problems) > 1 else r for f, r in problems)
            self._writer.writerow([number, fields, reasons, *values])
            self._handle.flush()
        except OSError as exc:
            self.failed = f"could not write {self.path}: {exc.strerror}"

    def _mask(self, header: str, value: Any) -> Any:
        if value is None or value == "":
            return ""
        if header in self.masked:
            return "[masked]"
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False, default=str)
        return value

    def close(self) -> Path | None:
        if self._handle is not None:
            self._handle.close()
            return self.path
        if self.path.exists() and not self.failed:
            self.path.unlink()
        return None


# ------------------------------------------------------------------------------------------ writers


def _assign(obj: Any, values: dict[str, Any]) -> bool:
    """Set attributes that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _sync_children(
    collection: list[Any],
    wanted: dict[Any, dict[str, Any]],
    key: Callable[[Any], Any],
    make: Callable[..., Any],
) -> bool:
    """Make a child collection hold exactly ``wanted`` (key → attributes), touching only the differences
    (removing and re-adding the same primary key in one flush would collide)."""
    changed = False
    for child in list(collection):
        k = key(child)
        if k not in wanted:
            collection.remove(child)
            changed = True
        elif _assign(child, wanted[k]):
            changed = True
    present = {key(child) for child in collection}
    for k, attributes in wanted.items():
        if k not in present:
            collection.append(make(k, **attributes))
            changed = True
    return changed


class _WriteRejected(Exception):
    """A row refused by a check made *before* any of its changes: the rest of the batch goes on."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


class _RowFailed(_WriteRejected):
    """A row refused *after* some of its changes: the batch is rolled back and retried row by row."""

    def __init__(self, field_name: str, reason: str, number: int) -> None:
        super().__init__(field_name, reason)
        self.number = number


class _StrictAbort(Exception):
    pass


@dataclass
class _Context:
    kind: Kind
    source: str
    columns: ColumnMap
    resolver: Resolver
    cipher: PersonalDataCipher | None
    employers: dict[str, int] = field(default_factory=dict)  # cache: key → id (cleared on rollback)
    providers: dict[str, int] = field(default_factory=dict)
    employer_keys: dict[str, str] = field(default_factory=dict)  # name → derived key (pure, never cleared)

    def __post_init__(self) -> None:
        self._present = frozenset(self.columns.header_of)

    def present(self, *fields: str) -> bool:
        return not self._present.isdisjoint(fields)


def _find_or_create_employer(
    session: Session, ctx: _Context, name: str | None, ext: str | None, region: str | None
) -> int:
    if ext is not None:
        cache_key = "id:" + ext
        if cache_key not in ctx.employers:
            found = session.scalar(
                select(Employer.id).where(Employer.source == ctx.source, Employer.external_id == ext)
            )
            if found is None:
                if name is None:
                    raise _WriteRejected(
                        "employer_external_id",
                        f"no employer with this id from source {ctx.source!r}; import employers first",
                    )
                employer = Employer(source=ctx.source, external_id=ext, name=name, region_code=region)
                session.add(employer)
                session.flush()
                found = employer.id
            ctx.employers[cache_key] = found
        return ctx.employers[cache_key]
    assert name is not None
    key = ctx.employer_keys.get(name) or ctx.employer_keys.setdefault(name, employer_key(name))
    if key not in ctx.employers:
        found = session.scalar(
            select(Employer.id).where(Employer.source == ctx.source, Employer.external_id == key)
        )
        if found is None:
            # An employer imported with its own id but the same name (any case/spacing) is the same employer.
            candidates = session.execute(
                select(Employer.id, Employer.name).where(
                    Employer.source == ctx.source, func.lower(Employer.name) == name.lower()
                )
            ).all()
            found = candidates[0][0] if len(candidates) == 1 else None
        if found is None:
            employer = Employer(source=ctx.source, external_id=key, name=name, region_code=region)
            session.add(employer)
            session.flush()
            found = employer.id
        ctx.employers[key] = found
    return ctx.employers[key]


def _find_or_create_provider(session: Session, ctx: _Context, row: ProgrammeRow, region: str | None) -> int:
    assert row.provider is not None and row.provider_kind is not None
    key = provider_key(row.provider)
    if key not in ctx.providers:
        found = session.scalar(
            select(TrainingProvider.id).where(
                TrainingProvider.source == ctx.source, TrainingProvider.external_id == key
            )
        )
        if found is None:
            candidates = session.execute(
                select(TrainingProvider.id).where(
                    TrainingProvider.source == ctx.source,
                    func.lower(TrainingProvider.name) == row.provider.lower(),
                )
            ).all()
            found = candidates[0][0] if len(candidates) == 1 else None
        if found is None:
            provider = TrainingProvider(
                source=ctx.source,
                external_id=key,
                name=row.provider,
                kind=row.provider_kind,
                region_code=region,
            )
            session.add(provider)
            session.flush()
            found = provider.id
        ctx.providers[key] = found
    return ctx.providers[key]


Outcome = str  # "imported" | "updated" | "unchanged"


def _existing(session: Session, model: Any, source: str, ids: list[str]) -> dict[str, Any]:
    rows = session.scalars(select(model).where(model.source == source, model.external_id.in_(ids)))
    return {r.external_id: r for r in rows}


@dataclass(slots=True)
class _Upsert:
    """One row to insert or update: all its values (for a new record), the subset this file's columns
    feed (for an existing one), and its child skill rows (None: leave the existing children alone)."""

    prepared: Prepared
    full: dict[str, Any]
    present: dict[str, Any]
    children: dict[str, dict[str, Any]] | None


def _upsert(
    session: Session,
    ctx: _Context,
    model: Any,
    child: Any,
    parent_key: str,
    items: list[_Upsert],
) -> Iterator[tuple[Prepared, Outcome]]:
    """Insert new records, update changed ones, and count the rest as unchanged, in a few statements.

    Works on table rows (SQLAlchemy Core) rather than ORM objects: imports are large and mostly inserts or
    no-op reruns, and building ORM objects for them costs several times more."""
    table = model.__table__
    ids = [item.prepared.external_id for item in items]
    existing = {
        r.external_id: r
        for r in session.execute(
            select(table).where(table.c.source == ctx.source, table.c.external_id.in_(ids))
        )
    }
    existing_children: dict[int, dict[str, dict[str, Any]]] = {}
    if child is not None and existing:
        child_table = child.__table__
        parent = child_table.c[parent_key]
        for r in session.execute(select(child_table).where(parent.in_([e.id for e in existing.values()]))):
            attributes = {k: v for k, v in r._mapping.items() if k not in (parent_key, "skill_id")}
            existing_children.setdefault(r._mapping[parent_key], {})[r.skill_id] = attributes
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stamps = {c: now for c in ("created_at", "updated_at") if c in table.c}
    new: list[_Upsert] = []
    for item in items:
        current = existing.get(item.prepared.external_id)
        if current is None:
            new.append(item)
            yield item.prepared, "imported"
            continue
        changes = {k: v for k, v in item.present.items() if current._mapping[k] != v}
        children_changed = False
        if child is not None and item.children is not None:
            have = existing_children.get(current.id, {})
            if have != item.children:
                children_changed = True
                child_table = child.__table__
                parent = child_table.c[parent_key]
                gone = [k for k in have if k not in item.children or have[k] != item.children[k]]
                if gone:
                    session.execute(
                        delete(child_table).where(parent == current.id, child_table.c.skill_id.in_(gone))
                    )
                added = [
                    {parent_key: current.id, "skill_id": k, **a}
                    for k, a in item.children.items()
                    if k not in have or have[k] != a
                ]
                if added:
                    session.execute(insert(child_table), added)
        if changes or children_changed:
            if "updated_at" in table.c:
                changes["updated_at"] = now
            session.execute(update(table).where(table.c.id == current.id).values(**changes))
            yield item.prepared, "updated"
        else:
            yield item.prepared, "unchanged"
    # New records: one multi-row INSERT … RETURNING per set of keys (a JSON column left out stays SQL NULL
    # instead of becoming the JSON value null), then one INSERT for all their children.
    groups: dict[tuple[str, ...], list[_Upsert]] = {}
    for item in new:
        values = {k: v for k, v in item.full.items() if not (k == "extracted" and v is None)}
        item.full = values
        groups.setdefault(tuple(sorted(values)), []).append(item)
    new_ids: dict[str, int] = {}
    for group in groups.values():
        params = [
            {"source": ctx.source, "external_id": i.prepared.external_id, **stamps, **i.full} for i in group
        ]
        result = session.execute(
            insert(table).returning(table.c.id, table.c.external_id, sort_by_parameter_order=True), params
        )
        new_ids.update({ext: record_id for record_id, ext in result})
    if child is not None:
        rows = [
            {parent_key: new_ids[i.prepared.external_id], "skill_id": k, **a}
            for i in new
            for k, a in (i.children or {}).items()
        ]
        if rows:
            session.execute(insert(child.__table__), rows)


def _feed(ctx: _Context, full: dict[str, Any], feeds: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """The values whose source columns are in this file (an update leaves the others as they are)."""
    return {k: full[k] for k, sources in feeds.items() if ctx.present(*sources)}


_VACANCY_FEEDS = {
    "title": ("title",), "description": ("description",), "employer_id": ("employer", "employer_external_id"),
    "occupation_code": ("occupation",), "min_education": ("min_education",),
    "education_field": ("education_field",), "min_experience_years": ("min_experience_years",),
    "pay_min": ("pay", "pay_min"), "pay_max": ("pay", "pay_max"),
    "pay_period": ("pay", "pay_min", "pay_max", "pay_period"), "region_code": ("region",),
    "remote": ("remote", "region"), "employment_type": ("employment_type",),
    "working_time": ("working_time",), "openings": ("openings",), "posted_date": ("posted_date",),
    "closing_date": ("closing_date",), "status": ("status",),
}  # fmt: skip
_PROGRAMME_FEEDS = {
    "title": ("title",), "syllabus": ("syllabus",), "provider_id": ("provider",),
    "hours_jp": ("hours_jp", "hours"), "cost_rp": ("cost_rp",), "region_code": ("region",),
    "modality": ("modality",), "capacity": ("capacity",), "start_dates": ("start_dates",),
    "certification": ("certification",), "is_active": ("is_active",),
}  # fmt: skip
_EMPLOYER_FEEDS = {"name": ("name",), "kbli_section": ("kbli_section",), "region_code": ("region",)}


def _write_vacancies(
    session: Session, ctx: _Context, batch: list[Prepared]
) -> Iterator[tuple[Prepared, Outcome]]:
    items: list[_Upsert] = []
    for p in batch:
        row: VacancyRow = p.row
        v = p.values
        employer_id = None
        if row.employer or row.employer_external_id:
            employer_id = _find_or_create_employer(
                session, ctx, row.employer, row.employer_external_id, v["region_code"]
            )
        full = {
            "title": row.title, "description": row.description, "employer_id": employer_id,
            "occupation_code": v["occupation_code"], "min_education": v["education"],
            "education_field": row.education_field, "min_experience_years": row.min_experience_years,
            "pay_min": row.pay_min, "pay_max": row.pay_max, "pay_period": row.pay_period,
            "region_code": v["region_code"], "remote": row.remote or v["remote"],
            "employment_type": row.employment_type, "working_time": row.working_time,
            "openings": row.openings,
            "posted_date": row.posted_date, "closing_date": row.closing_date, "status": row.status,
            "extracted": v["extracted"],
        }  # fmt: skip
        present = _feed(ctx, full, _VACANCY_FEEDS)
        if v["extracted"] is not None:
            present["extracted"] = v["extracted"]
        children = None
        if ctx.present("skills", "optional_skills") or v["extracted"] is not None:
            children = {s: {"requirement": r, "origin": o} for s, (r, o) in v["skills"].items()}
        items.append(_Upsert(p, full, present, children))
    yield from _upsert(session, ctx, Vacancy, VacancySkill, "vacancy_id", items)


def _write_programmes(
    session: Session, ctx: _Context, batch: list[Prepared]
) -> Iterator[tuple[Prepared, Outcome]]:
    items: list[_Upsert] = []
    for p in batch:
        row: ProgrammeRow = p.row
        v = p.values
        provider_id = _find_or_create_provider(session, ctx, row, v["region_code"]) if row.provider else None
        full = {
            "title": row.title, "syllabus": row.syllabus, "provider_id": provider_id,
            "hours_jp": row.hours_jp,
            "cost_rp": row.cost_rp, "region_code": v["region_code"], "modality": row.modality,
            "capacity": row.capacity, "start_dates": [d.isoformat() for d in row.start_dates],
            "certification": row.certification, "is_active": row.is_active, "extracted": v["extracted"],
        }  # fmt: skip
        present = _feed(ctx, full, _PROGRAMME_FEEDS)
        if v["extracted"] is not None:
            present["extracted"] = v["extracted"]
        children = None
        if ctx.present("skills") or v["extracted"] is not None:
            children = {s: {"origin": o} for s, (_, o) in v["skills"].items()}
        items.append(_Upsert(p, full, present, children))
    yield from _upsert(session, ctx, TrainingProgramme, ProgrammeSkill, "programme_id", items)


def _write_employers(
    session: Session, ctx: _Context, batch: list[Prepared]
) -> Iterator[tuple[Prepared, Outcome]]:
    items = []
    for p in batch:
        row: EmployerRow = p.row
        full = {"name": row.name, "kbli_section": row.kbli_section, "region_code": p.values["region_code"]}
        items.append(_Upsert(p, full, _feed(ctx, full, _EMPLOYER_FEEDS), None))
    yield from _upsert(session, ctx, Employer, None, "", items)


def _latest_consent(seeker: Seeker, purpose: str) -> Consent | None:
    records = [c for c in seeker.consents if c.purpose == purpose]
    return max(records, key=lambda c: (c.recorded_at, c.id or 0)) if records else None


def _write_seekers(
    session: Session, ctx: _Context, batch: list[Prepared]
) -> Iterator[tuple[Prepared, Outcome]]:
    assert ctx.cipher is not None
    cipher = ctx.cipher
    existing = _existing(session, Seeker, ctx.source, [p.external_id for p in batch])
    hashes = [cipher.nik_hash(p.row.nik) for p in batch if p.row.nik]
    by_nik: dict[str | None, int] = {}
    if hashes:
        query = select(SeekerPersonal.nik_hash, SeekerPersonal.seeker_id).where(
            SeekerPersonal.nik_hash.in_(hashes)
        )
        by_nik = {nik_hash: seeker_id for nik_hash, seeker_id in session.execute(query)}
    personal_fields = ("nik", "name", "birth_date", "sex", "phone", "email", "address")
    for p in batch:
        row: SeekerRow = p.row
        v = p.values
        seeker = existing.get(p.external_id)
        nik_owner = by_nik.get(cipher.nik_hash(row.nik)) if row.nik else None
        if seeker is not None and nik_owner is not None and nik_owner != seeker.id:
            raise _WriteRejected("nik", "this NIK is already registered to another seeker record")
        if seeker is None and nik_owner is not None:
            seeker = session.get(Seeker, nik_owner)  # the same person registered through another channel
        feeds = {
            "education_level": ("education",), "education_field": ("education_field",),
            "region_code": ("region",),
            "willing_to_relocate": ("willing_to_relocate",), "accepts_remote": ("accepts_remote",),
            "expected_pay": ("expected_pay",),
            "preferred_employment_type": ("preferred_employment_type",),
            "preferred_working_time": ("preferred_working_time",), "is_active": ("is_active",),
            "registered_on": ("registered_on",), "about": ("about",),
        }  # fmt: skip
        full = {
            "education_level": v["education"], "education_field": row.education_field,
            "region_code": v["region_code"],
            "willing_to_relocate": bool(row.willing_to_relocate), "accepts_remote": bool(row.accepts_remote),
            "expected_pay": row.expected_pay,
            "preferred_employment_type": row.preferred_employment_type,
            "preferred_working_time": row.preferred_working_time,
            "is_active": row.is_active is not False, "registered_on": row.registered_on, "about": row.about,
        }  # fmt: skip
        outcome: Outcome
        if seeker is None:
            seeker = Seeker(source=ctx.source, external_id=p.external_id, **full)
            seeker.extracted = v["extracted"]
            session.add(seeker)
            session.flush()  # the personal-data row needs the seeker's id
            outcome, changed = "imported", True
        else:
            values = {k: full[k] for k, s in feeds.items() if ctx.present(*s)}
            if v["extracted"] is not None:
                values["extracted"] = v["extracted"]
            outcome, changed = "updated", _assign(seeker, values)
        # Personal data: merge the columns this file has into what is stored.
        if ctx.present(*personal_fields):
            current = (
                read_personal(session, seeker.id, _IMPORT_VIEWER, cipher)
                if outcome != "imported"
                else PersonalData()
            )
            record = session.get(SeekerPersonal, seeker.id)
            merged = PersonalData(
                nik=row.nik if ctx.present("nik") else current.nik,
                name=row.name if ctx.present("name") else current.name,
                birth_date=row.birth_date if ctx.present("birth_date") else current.birth_date,
                sex=row.sex_code() if ctx.present("sex", "nik") else current.sex,
                phone=row.phone if ctx.present("phone") else current.phone,
                email=row.email if ctx.present("email") else current.email,
                address=row.address if ctx.present("address") else current.address,
            )
            birth_year = (
                row.birth_year()
                if ctx.present("birth_date", "nik")
                else (record.birth_year if record else None)
            )
            if (
                record is None
                or merged != current
                or (merged.birth_date is None and record.birth_year != birth_year)
            ):
                try:
                    save_personal(session, seeker.id, merged, cipher, birth_year=birth_year)
                except ValueError as exc:
                    raise _RowFailed("nik", str(exc), p.number) from None
                changed = True
        if ctx.present("skills") or v["extracted"] is not None:
            wanted = {s: {"origin": o} for s, (_, o) in v["skills"].items()}
            changed |= _sync_children(
                seeker.skills, wanted, lambda c: c.skill_id, lambda k, **a: SeekerSkill(skill_id=k, **a)
            )
        if ctx.present("work_history", "experience_years"):
            history: list[tuple[str | None, float]] = [(w.title, w.years) for w in row.work_history]
            if not ctx.present("work_history") and row.experience_years:
                history = [(None, row.experience_years)]
            if sorted(history, key=str) != sorted(((w.title, w.years) for w in seeker.work_history), key=str):
                seeker.work_history.clear()
                seeker.work_history.extend(SeekerWork(title=t, years=y) for t, y in history)
                changed = True
        if ctx.present("preferred_occupations"):
            changed |= _sync_children(
                seeker.preferred_occupations, {c: {} for c in v["preferred_occupations"]},
                lambda c: c.occupation_code, lambda k: SeekerPreferredOccupation(occupation_code=k),
            )  # fmt: skip
        if ctx.present("preferred_regions"):
            changed |= _sync_children(
                seeker.preferred_regions, {c: {} for c in v["preferred_regions"]},
                lambda c: c.region_code, lambda k: SeekerPreferredRegion(region_code=k),
            )  # fmt: skip
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for column, purpose in _CONSENT_PURPOSES.items():
            granted = getattr(row, column)
            if granted is None:
                continue
            latest = _latest_consent(seeker, purpose)
            state = None if latest is None else (latest.granted and latest.withdrawn_at is None)
            if state == granted:
                continue
            # Consents are a record under UU PDP: a change withdraws the previous grant and adds a new entry.
            if latest is not None and latest.granted and latest.withdrawn_at is None:
                latest.withdrawn_at = now
            seeker.consents.append(Consent(purpose=purpose, granted=granted, recorded_at=now))
            changed = True
        yield p, outcome if outcome == "imported" else ("updated" if changed else "unchanged")


_WRITERS: dict[Kind, Callable[[Session, _Context, list[Prepared]], Iterator[tuple[Prepared, Outcome]]]] = {
    "vacancies": _write_vacancies,
    "seekers": _write_seekers,
    "programmes": _write_programmes,
    "employers": _write_employers,
}


# ------------------------------------------------------------------------------------------- import


class _Importer:
    def __init__(
        self,
        engine: Engine,
        kind: Kind,
        path: Path,
        *,
        source: str,
        strict: bool,
        batch_size: int,
        progress: ProgressCallback | None,
        cipher: PersonalDataCipher | None,
        sheet: str | None,
        encoding: str,
    ) -> None:
        self.engine = engine
        self.kind = kind
        self.path = path
        self.source = source
        self.strict = strict
        self.batch_size = batch_size
        self.progress = progress
        self.cipher = cipher
        self.sheet = sheet
        self.encoding = encoding
        self.report = ImportReport(kind=kind, path=path, source=source, strict=strict)
        self._seen_ids: dict[str, int] = {}
        self._seen_niks: dict[str, int] = {}

    # ---- validation of one row
    def _prepare(
        self, raw: RawRow, columns: ColumnMap, resolver: Resolver, extract: bool
    ) -> Prepared | list[tuple[str, str]]:
        if raw.error is not None:
            return [("(row)", raw.error)]
        values = columns.canonical(raw.values)
        row, errors = validate_row(self.kind, values)
        problems = _Problems()
        for field_name, reason in errors:
            problems.add(field_name, reason)
        if row is None:
            # Still check the fields that did parse, so one pass reports every problem of the row.
            failed = {f for f, _ in errors}
            loose = {
                f: (parsing.split_list(values[f]) if f.endswith("skills") else _loose_text(values[f]))
                for f in ("region", "min_education", "education", "occupation", "skills", "optional_skills")
                if f in values and f not in failed
            }
            self._resolve(SimpleNamespace(**loose), resolver, problems)
            return problems.items
        resolved, skills = self._resolve(row, resolver, problems)
        occupation_text = getattr(row, "occupation", None)
        if isinstance(row, EmployerRow) and row.kbli_section and row.kbli_section not in resolver.sections:
            problems.add(
                "kbli_section", f"KBLI section {row.kbli_section} is not in the industry_section table"
            )
        if isinstance(row, SeekerRow):
            if row.nik:
                nik_problem = resolver.check_nik_region(row.nik)
                if nik_problem:
                    problems.add("nik", nik_problem)
                else:
                    assert self.cipher is not None
                    first = self._seen_niks.setdefault(self.cipher.nik_hash(row.nik), raw.number)
                    if first != raw.number:
                        problems.add("nik", f"the same NIK as row {first}")
            resolved["preferred_occupations"] = []
            for code in row.preferred_occupations:
                try:
                    resolved["preferred_occupations"].append(resolver.occupation(code))
                except ValueError as exc:
                    problems.add("preferred_occupations", str(exc))
            resolved["preferred_regions"] = []
            for text in row.preferred_regions:
                try:
                    region_code, _ = resolver.region(text)
                except ValueError as exc:
                    problems.add("preferred_regions", str(exc))
                    continue
                if region_code is not None and region_code not in resolved["preferred_regions"]:
                    resolved["preferred_regions"].append(region_code)
            resolved["preferred_occupations"] = list(dict.fromkeys(resolved["preferred_occupations"]))
        external_id = row.external_id or derived_external_id(self.kind, row, self.cipher)
        if external_id is None:
            problems.add("(row)", "cannot identify this seeker: give an external_id, a NIK, or a name with a "
                         "birth "
                         "date, phone or e-mail")  # fmt: skip
        elif not problems:
            first = self._seen_ids.setdefault(external_id, raw.number)
            if first != raw.number:
                what = "external_id" if row.external_id else "(row)"
                problems.add(what, f"duplicate of row {first} in this file")
        if problems:
            return problems.items
        if extract:
            try:
                resolved["extracted"] = _extract_facts(self.kind, row)
            except Exception as exc:  # the extractor is another layer: its failure must not lose the row
                self.report.warnings.append(
                    f"row {raw.number}: text extraction failed ({type(exc).__name__})"
                )
            for skill_id, requirement in _extracted_skills(resolved["extracted"]):
                if resolver.known_skill(skill_id):
                    skills.setdefault(skill_id, (requirement, "extracted"))
            extracted_code = _extracted_occupation(resolved["extracted"])
            if resolved["occupation_code"] is None and extracted_code and not occupation_text:
                # An extracted code unknown to this database is kept in `extracted` only.
                with contextlib.suppress(ValueError):
                    resolved["occupation_code"] = resolver.occupation(extracted_code)
        resolved["skills"] = skills
        assert external_id is not None
        return Prepared(raw.number, raw.values, row, external_id, resolved)

    def _resolve(
        self, row: Any, resolver: Resolver, problems: _Problems
    ) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
        """Codes and skill ids for the row's region, education, occupation and skills (problems noted)."""
        resolved: dict[str, Any] = {"region_code": None, "remote": False, "education": None,
                                    "occupation_code": None, "skills": {}, "extracted": None}  # fmt: skip
        region_text = getattr(row, "region", None)
        if region_text:
            try:
                resolved["region_code"], resolved["remote"] = resolver.region(region_text)
            except ValueError as exc:
                problems.add("region", str(exc))
        education_text = getattr(row, "min_education", None) or getattr(row, "education", None)
        if education_text:
            try:
                resolved["education"] = resolver.education(education_text)
            except ValueError as exc:
                problems.add("min_education" if self.kind == "vacancies" else "education", str(exc))
        occupation_text = getattr(row, "occupation", None)
        if occupation_text:
            try:
                resolved["occupation_code"] = resolver.occupation(occupation_text)
            except ValueError as exc:
                problems.add("occupation", str(exc))
        skills: dict[str, tuple[str, str]] = {}
        for skill_id in resolver.skills(getattr(row, "skills", None) or [], problems, "skills"):
            skills[skill_id] = ("essential", "stated")
        for skill_id in resolver.skills(
            getattr(row, "optional_skills", None) or [], problems, "optional_skills"
        ):
            skills.setdefault(skill_id, ("optional", "stated"))
        return resolved, skills

    # ---- the run
    def _open(self) -> tuple[Table, ColumnMap]:
        table = open_table(self.path, sheet=self.sheet, encoding=self.encoding)
        columns = map_columns(self.kind, table.headers)
        return table, columns

    def _reject(self, number: int, problems: list[tuple[str, str]], raw: dict[str, Any], columns: ColumnMap,
                out: _RejectedFile) -> None:  # fmt: skip
        self.report.rejected += 1
        for field_name, reason in problems:
            self.report.rejections.append(Rejection(number, columns.label(field_name), reason))
        out.write(number, [(columns.label(f), r) for f, r in problems], raw)

    def _start_run(self, digest: str) -> int:
        with Session(self.engine) as session, session.begin():
            run = ImportRun(
                kind=self.kind, file_name=str(self.path)[-500:], file_sha256=digest, status="running"
            )
            session.add(run)
            session.flush()
            return run.id

    def _run_counts(self, last_row: int) -> dict[str, Any]:
        r = self.report
        return {
            "rows_read": r.rows_read, "rows_imported": r.imported, "rows_updated": r.updated,
            "rows_rejected": r.rejected, "last_committed_row": last_row,
        }  # fmt: skip

    def _finish_run(self, status: str, last_row: int) -> None:
        assert self.report.run_id is not None
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(ImportRun)
                .where(ImportRun.id == self.report.run_id)
                .values(status=status, finished_at=now, **self._run_counts(last_row))
            )

    def _write_batch(
        self, session: Session, ctx: _Context, batch: list[Prepared], out: _RejectedFile
    ) -> None:
        """Write one batch in the caller's transaction; rows rejected while writing are counted here."""
        for _, outcome in self._guarded(session, ctx, batch, out):
            setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        session.flush()

    def _guarded(self, session: Session, ctx: _Context, batch: list[Prepared], out: _RejectedFile
                 ) -> Iterator[tuple[Prepared, Outcome]]:  # fmt: skip
        writer = _WRITERS[self.kind]
        pending = list(batch)
        while pending:
            iterator = writer(session, ctx, pending)
            done = 0
            try:
                for item in iterator:
                    done += 1
                    yield item
                return
            except _RowFailed:
                raise
            except _WriteRejected as exc:
                # The row at position `done` was refused before anything of it was changed: skip it.
                bad = pending[done]
                self._reject(bad.number, [(exc.field, exc.reason)], bad.raw, ctx.columns, out)
                pending = pending[done + 1 :]

    def _commit_batch(self, ctx: _Context, batch: list[Prepared], out: _RejectedFile, last_row: int) -> None:
        """Commit ``batch`` atomically with the run's counters; on a database error retry row by row."""
        saved = (self.report.imported, self.report.updated, self.report.unchanged, self.report.rejected,
                 len(self.report.rejections))  # fmt: skip
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                self._write_batch(session, ctx, batch, out)
                session.execute(
                    update(ImportRun)
                    .where(ImportRun.id == self.report.run_id)
                    .values(**self._run_counts(last_row))
                )
            return
        except (IntegrityError, DBAPIError, _RowFailed):
            (self.report.imported, self.report.updated, self.report.unchanged, self.report.rejected) = saved[
                :4
            ]
            del self.report.rejections[saved[4] :]
            ctx.employers.clear()
            ctx.providers.clear()
        for p in batch:  # one transaction per row, so one bad row cannot take the batch down with it
            try:
                with Session(self.engine, expire_on_commit=False) as session, session.begin():
                    self._write_batch(session, ctx, [p], out)
            except (IntegrityError, DBAPIError, _RowFailed) as exc:
                ctx.employers.clear()
                ctx.providers.clear()
                problem = (
                    (exc.field, exc.reason)
                    if isinstance(exc, _RowFailed)
                    else ("(database)", _db_reason(exc))
                )
                self._reject(p.number, [problem], p.raw, ctx.columns, out)
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(ImportRun)
                .where(ImportRun.id == self.report.run_id)
                .values(**self._run_counts(last_row))
            )

    def _validate_all(self, table: Table, columns: ColumnMap, resolver: Resolver, out: _RejectedFile) -> None:
        """Strict mode's first pass: every row checked, nothing written."""
        for raw in table.rows:
            self.report.rows_read += 1
            result = self._prepare(raw, columns, resolver, extract=False)
            if not isinstance(result, Prepared):
                self._reject(raw.number, result, raw.values, columns, out)
            if self.progress:
                self.progress(self.report.rows_read, table.total_rows)
        self._seen_ids.clear()
        self._seen_niks.clear()

    def run(self) -> ImportReport:
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        table, columns = self._open()
        self.report.notes.extend(table.notes)
        if columns.unknown:
            names = ", ".join(repr(h) for h in columns.unknown)
            if self.strict:
                raise ImportFileError(f"unknown columns under --strict: {names} (see docs/IMPORTS.md)")
            self.report.warnings.append(f"columns not imported (unknown): {names}")
        if self.kind == "seekers" and self.cipher is None:
            raise ValueError("importing seekers needs the personal-data cipher (the deployment secret)")
        resolver = Resolver(self.engine)
        self.report.run_id = self._start_run(sha256_of(self.path))
        masked = {h for h, f in columns.field_of.items() if f in PERSONAL_FIELDS[self.kind]}
        if self.kind == "seekers":
            masked |= set(columns.unknown)  # an unknown column of a seekers file may hold personal data too
        out = _RejectedFile(self.path.with_name(self.path.name + ".rejected.csv"), table.headers, masked)
        ctx = _Context(self.kind, self.source, columns, resolver, self.cipher)
        last_row = 0
        status = "failed"
        try:
            if self.strict:
                self._validate_all(table, columns, resolver, out)
                if self.report.rejected:
                    self.report.aborted = True
                    status = "rejected"
                    return self.report
                self.report.rows_read = 0
                table, _ = self._open()
            strict_session = Session(self.engine, expire_on_commit=False) if self.strict else None
            strict_tx = strict_session.begin() if strict_session is not None else None
            try:
                batch: list[Prepared] = []
                for raw in table.rows:
                    self.report.rows_read += 1
                    result = self._prepare(raw, columns, resolver, extract=True)
                    if isinstance(result, Prepared):
                        batch.append(result)
                    elif not self.strict:
                        self._reject(raw.number, result, raw.values, columns, out)
                    if len(batch) >= self.batch_size:
                        last_row = batch[-1].number
                        self._flush(strict_session, ctx, batch, out, last_row)
                        batch = []
                    if self.progress:
                        self.progress(self.report.rows_read, table.total_rows)
                if batch:
                    last_row = batch[-1].number
                    self._flush(strict_session, ctx, batch, out, last_row)
                if strict_session is not None and strict_tx is not None:
                    if self.report.rejected:
                        # A row refused while writing (a NIK registered to another seeker): all or nothing.
                        strict_tx.rollback()
                        self.report.aborted = True
                        self.report.imported = self.report.updated = self.report.unchanged = 0
                        status = "rejected"
                        return self.report
                    strict_session.execute(
                        update(ImportRun)
                        .where(ImportRun.id == self.report.run_id)
                        .values(**self._run_counts(last_row))
                    )
                    strict_tx.commit()
            except _StrictAbort:
                assert strict_tx is not None
                strict_tx.rollback()
                self.report.aborted = True
                self.report.imported = self.report.updated = self.report.unchanged = 0
                status = "rejected"
                return self.report
            except BaseException:
                if strict_tx is not None and strict_tx.is_active:
                    strict_tx.rollback()
                raise
            finally:
                if strict_session is not None:
                    strict_session.close()
            status = "completed"
            return self.report
        finally:
            self.report.rejected_csv = out.close()
            if out.failed:
                self.report.warnings.append(out.failed)
            # If the database went away the run stays "running", which reads as interrupted.
            with contextlib.suppress(DBAPIError):
                self._finish_run(status, last_row)

    def _flush(self, strict_session: Session | None, ctx: _Context, batch: list[Prepared], out: _RejectedFile,
               last_row: int) -> None:  # fmt: skip
        if strict_session is None:
            self._commit_batch(ctx, batch, out, last_row)
            return
        try:
            self._write_batch(strict_session, ctx, batch, out)
        except _RowFailed as exc:
            bad = next(p for p in batch if p.number == exc.number)
            self._reject(bad.number, [(exc.field, exc.reason)], bad.raw, ctx.columns, out)
            raise _StrictAbort from None
        except (IntegrityError, DBAPIError) as exc:
            first, last = batch[0].number, batch[-1].number
            raise ImportFileError(
                f"the database refused rows {first}–{last} ({_db_reason(exc)});"
                " nothing was imported (--strict)"
            ) from None


def _db_reason(exc: DBAPIError) -> str:
    # Only the first line: PostgreSQL's DETAIL line can quote the row's values.
    return str(exc.orig).strip().splitlines()[0][:300] if exc.orig is not None else type(exc).__name__


def import_file(
    engine: Engine,
    kind: str,
    path: Path | str,
    *,
    source: str = "file",
    strict: bool = False,
    batch_size: int = 500,
    progress: ProgressCallback | None = None,
    cipher: PersonalDataCipher | None = None,
    sheet: str | None = None,
    encoding: str = "utf-8",
) -> ImportReport:
    """Import ``path`` as ``kind`` (``vacancies``, ``seekers``, ``programmes`` or ``employers``).

    Raises :class:`ImportFileError` for problems with the file as a whole (nothing is imported then);
    row problems are in the returned report. ``cipher`` is required for seekers (personal data)."""
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}; use one of {', '.join(KINDS)}")
    if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,40}", source):
        raise ValueError("source must be 1–40 letters, digits or . _ : -")
    importer = _Importer(
        engine, kind, Path(path), source=source, strict=strict, batch_size=batch_size, progress=progress,
        cipher=cipher, sheet=sheet, encoding=encoding,
    )  # fmt: skip
    return importer.run()


__all__ = [
    "COLUMNS",
    "KINDS",
    "ImportFileError",
    "ImportReport",
    "Rejection",
    "Resolver",
    "derived_external_id",
    "import_file",
]
