"""Plain typed records the match engine takes and returns.

A :class:`SeekerProfile` deliberately has no field for age, sex, religion, marital status, appearance or
disability: what the record cannot carry, the score cannot use (ILO C111). :func:`seeker_profile_from_fields`
builds a profile from any wider record by picking the allowed fields by name, so a caller holding personal
data cannot leak it in by accident.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from pasarkerja.taxonomy.records import SkillRecord

ComponentName = Literal["skills", "occupation", "education", "experience", "location", "pay", "employment"]
COMPONENTS: tuple[ComponentName, ...] = (
    "skills",
    "occupation",
    "education",
    "experience",
    "location",
    "pay",
    "employment",
)


class MatchInputError(ValueError):
    """A seeker or vacancy record that the engine cannot score; the message names the record and field."""


@dataclass(frozen=True, slots=True)
class WorkSpell:
    """One past job: the ISCO-08 code of the occupation and the years spent in it."""

    occupation_code: str
    years: float


@dataclass(frozen=True, slots=True)
class SeekerProfile:
    """What the engine knows about a job seeker. Codes: ISCO-08 (``"7231"``), Kemendagri regency
    (``"3216"``), education level (``"SMK"``, see :mod:`pasarkerja.taxonomy.education`)."""

    id: str
    skill_ids: tuple[str, ...] = ()
    work_history: tuple[WorkSpell, ...] = ()
    preferred_occupations: tuple[str, ...] = ()
    preferred_regions: tuple[str, ...] = ()
    education_level: str | None = None
    education_field: str | None = None
    experience_years: float = 0.0
    region_code: str | None = None
    willing_to_relocate: bool = False
    accepts_remote: bool = False
    expected_pay: float | None = None  # Rp per month
    preferred_employment_types: tuple[str, ...] = ()
    preferred_working_times: tuple[str, ...] = ()
    is_active: bool = True

    def occupation_codes(self) -> tuple[str, ...]:
        """Preferred occupations first, then those of the work history, without repeats."""
        return tuple(
            dict.fromkeys((*self.preferred_occupations, *(w.occupation_code for w in self.work_history)))
        )


@dataclass(frozen=True, slots=True)
class VacancyProfile:
    """What the engine knows about a vacancy. Pay is monthly, in rupiah; ``None`` when not stated."""

    id: str
    essential_skill_ids: tuple[str, ...] = ()
    optional_skill_ids: tuple[str, ...] = ()
    occupation_code: str | None = None
    min_education: str | None = None
    education_field: str | None = None
    min_experience_years: float = 0.0
    pay_min: float | None = None
    pay_max: float | None = None
    region_code: str | None = None
    remote: bool = False
    employment_type: str | None = None
    working_time: str | None = None
    openings: int = 1
    status: str = "open"

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class SkillRelatedness:
    """How skills (and, through the skills they share, occupations) relate; an input so the score stays pure.

    ``skill_group``: skill id → group id (same group earns partial credit). ``neighbours``: ESCO
    broader/narrower relations, skill id → related skill ids (read both ways). ``similarity``: precomputed
    embedding similarity, skill id → {skill id: cosine}; only values at or above the settings' threshold
    count. ``occupation_similarity``: ISCO code → {ISCO code: similarity in [0, 1]} from shared skills
    (see :func:`skill_relatedness_from_catalogue`); an occupation is always fully similar to itself.
    """

    skill_group: Mapping[str, str] = field(default_factory=dict)
    neighbours: Mapping[str, frozenset[str]] = field(default_factory=dict)
    similarity: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    occupation_similarity: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def are_neighbours(self, a: str, b: str) -> bool:
        return b in self.neighbours.get(a, frozenset()) or a in self.neighbours.get(b, frozenset())

    def skill_similarity(self, a: str, b: str) -> float:
        forward = self.similarity.get(a, {}).get(b)
        backward = self.similarity.get(b, {}).get(a)
        values = [v for v in (forward, backward) if v is not None and math.isfinite(v)]
        return max(values) if values else 0.0

    def occupations_similarity(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        forward = self.occupation_similarity.get(a, {}).get(b, 0.0)
        backward = self.occupation_similarity.get(b, {}).get(a, 0.0)
        return min(1.0, max(0.0, forward, backward))


def skill_relatedness_from_catalogue(
    skills: Iterable[SkillRecord],
    *,
    neighbours: Mapping[str, frozenset[str]] | None = None,
    similarity: Mapping[str, Mapping[str, float]] | None = None,
    min_occupation_similarity: float = 0.05,
) -> SkillRelatedness:
    """Relatedness from the skill catalogue: groups from ``group_id``, occupation similarity as the Jaccard
    index of the skill sets the catalogue links to each ISCO unit group (pairs below the minimum dropped)."""
    skill_group: dict[str, str] = {}
    by_occupation: dict[str, set[str]] = {}
    for skill in skills:
        if skill.group_id:
            skill_group[skill.id] = skill.group_id
        for code in skill.isco_codes:
            by_occupation.setdefault(code, set()).add(skill.id)
    occupation_similarity: dict[str, dict[str, float]] = {}
    for a, b in combinations(sorted(by_occupation), 2):
        sa, sb = by_occupation[a], by_occupation[b]
        shared = len(sa & sb)
        if not shared:
            continue
        jaccard = shared / len(sa | sb)
        if jaccard >= min_occupation_similarity:
            occupation_similarity.setdefault(a, {})[b] = jaccard
    return SkillRelatedness(
        skill_group=skill_group,
        neighbours=dict(neighbours or {}),
        similarity=dict(similarity or {}),
        occupation_similarity=occupation_similarity,
    )


@dataclass(frozen=True, slots=True)
class ComponentScore:
    """One component of a score: its value in [0, 1], its weight, and whether it applied to this pair
    (pay that neither side states, or skills that one side lacks, do not count and their weight is
    spread over the others)."""

    name: ComponentName
    value: float
    weight: float
    applicable: bool = True


@dataclass(frozen=True, slots=True)
class MatchResult:
    """A scored seeker–vacancy pair that explains itself."""

    seeker_id: str
    vacancy_id: str
    score: float
    components: tuple[ComponentScore, ...]
    matched_essential: tuple[str, ...] = ()
    missing_essential: tuple[str, ...] = ()
    matched_optional: tuple[str, ...] = ()
    missing_optional: tuple[str, ...] = ()
    related_skills: tuple[tuple[str, float], ...] = ()  # vacancy skill → partial credit from a related skill
    warnings: tuple[str, ...] = ()
    reason_id: str = ""
    reason_en: str = ""

    def component(self, name: ComponentName) -> ComponentScore:
        for component in self.components:
            if component.name == name:
                return component
        raise KeyError(name)


# Field names a seeker profile may be built from; anything else in the source record is dropped.
_SEEKER_FIELDS = frozenset(
    {
        "skill_ids",
        "preferred_occupations",
        "preferred_regions",
        "education_level",
        "education_field",
        "experience_years",
        "region_code",
        "willing_to_relocate",
        "accepts_remote",
        "expected_pay",
        "is_active",
    }
)


def _get(source: Mapping[str, Any] | object, name: str) -> Any:
    if isinstance(source, Mapping):
        return source.get(name)
    return getattr(source, name, None)


def _codes(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def seeker_profile_from_fields(
    source: Mapping[str, Any] | object, *, seeker_id: str | None = None
) -> SeekerProfile:
    """A profile from any wider seeker record (a mapping or an object with attributes).

    Only the fields the score may use are read (:data:`_SEEKER_FIELDS`, plus ``work_history`` items with
    ``occupation_code``/``years``, ``preferred_employment_type(s)``, ``preferred_working_time(s)`` and the id
    from ``id``/``external_id``). Everything else — name, NIK, birth date, sex, religion, marital status,
    appearance, disability — is never looked at.
    """
    record_id = seeker_id or _get(source, "id") or _get(source, "external_id")
    if not record_id:
        raise MatchInputError("seeker record: field 'id' (or 'external_id') is missing")
    values: dict[str, Any] = {name: _get(source, name) for name in _SEEKER_FIELDS}
    history: list[WorkSpell] = []
    for i, spell in enumerate(_get(source, "work_history") or ()):
        code, years = _get(spell, "occupation_code"), _get(spell, "years")
        if not code:
            raise MatchInputError(f"seeker {record_id}: work_history[{i}].occupation_code is missing")
        history.append(WorkSpell(str(code), float(years or 0.0)))
    employment = _get(source, "preferred_employment_types") or _get(source, "preferred_employment_type")
    working = _get(source, "preferred_working_times") or _get(source, "preferred_working_time")
    expected = values["expected_pay"]
    return SeekerProfile(
        id=str(record_id),
        skill_ids=_codes(values["skill_ids"]),
        work_history=tuple(history),
        preferred_occupations=_codes(values["preferred_occupations"]),
        preferred_regions=_codes(values["preferred_regions"]),
        education_level=values["education_level"],
        education_field=values["education_field"],
        experience_years=float(values["experience_years"] or 0.0),
        region_code=values["region_code"],
        willing_to_relocate=bool(values["willing_to_relocate"]),
        accepts_remote=bool(values["accepts_remote"]),
        expected_pay=None if expected is None else float(expected),
        preferred_employment_types=_codes(employment),
        preferred_working_times=_codes(working),
        is_active=True if values["is_active"] is None else bool(values["is_active"]),
    )


# Field names a vacancy profile may be built from. A posting's discriminatory requirements (a required sex,
# an age limit, "berpenampilan menarik", marital status, religion, height) and its free text are never read:
# the product flags such ads elsewhere, the score must not reward or punish anyone for them.
_VACANCY_FIELDS = frozenset(
    {
        "occupation_code",
        "min_education",
        "education_field",
        "min_experience_years",
        "pay_min",
        "pay_max",
        "region_code",
        "remote",
        "employment_type",
        "working_time",
        "openings",
        "status",
    }
)


def vacancy_profile_from_fields(
    source: Mapping[str, Any] | object, *, vacancy_id: str | None = None
) -> VacancyProfile:
    """A profile from any wider vacancy record (a mapping or an object with attributes).

    Reads :data:`_VACANCY_FIELDS`, the id from ``id``/``external_id`` and the skills either as
    ``essential_skill_ids``/``optional_skill_ids`` or as ``skills`` pairs ``(skill id, "essential" |
    "optional")``. Discriminatory requirements, title and description are never looked at.
    """
    record_id = vacancy_id or _get(source, "id") or _get(source, "external_id")
    if not record_id:
        raise MatchInputError("vacancy record: field 'id' (or 'external_id') is missing")
    values: dict[str, Any] = {name: _get(source, name) for name in _VACANCY_FIELDS}
    essential = list(_codes(_get(source, "essential_skill_ids")))
    optional = list(_codes(_get(source, "optional_skill_ids")))
    for i, pair in enumerate(_get(source, "skills") or ()):
        try:
            skill, kind = pair
        except (TypeError, ValueError):
            raise MatchInputError(
                f"vacancy {record_id}: skills[{i}] is not a (skill id, kind) pair"
            ) from None
        if kind not in ("essential", "optional"):
            raise MatchInputError(
                f"vacancy {record_id}: skills[{i}] kind {kind!r} is not 'essential' or 'optional'"
            )
        (essential if kind == "essential" else optional).append(str(skill))

    def amount(name: str) -> float | None:
        value = values[name]
        if value is None:
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise MatchInputError(f"vacancy {record_id}: {name} {value!r} is not a number") from None

    openings = values["openings"]
    return VacancyProfile(
        id=str(record_id),
        essential_skill_ids=tuple(essential),
        optional_skill_ids=tuple(optional),
        occupation_code=values["occupation_code"],
        min_education=values["min_education"],
        education_field=values["education_field"],
        min_experience_years=float(values["min_experience_years"] or 0.0),
        pay_min=amount("pay_min"),
        pay_max=amount("pay_max"),
        region_code=values["region_code"],
        remote=bool(values["remote"]),
        employment_type=values["employment_type"],
        working_time=values["working_time"],
        openings=1 if openings is None else int(openings),
        status="open" if values["status"] is None else str(values["status"]),
    )


def unique_ids(ids: Sequence[str], what: str) -> None:
    """Refuse duplicate ids: ranking ties are broken by id, so ids must identify records."""
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise MatchInputError(f"{what} id {value!r} occurs more than once")
        seen.add(value)
