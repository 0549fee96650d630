"""Plain typed records of the gap layer: the training catalogue as the core sees it, and every result.

The catalogue records mirror ``training_programme``/``programme_skill`` and ``apprenticeship`` of the data
model without depending on it (the core never imports ``store``): the outer layers build them from rows.
Seekers and vacancies are :class:`pasarkerja.match.SeekerProfile` / :class:`pasarkerja.match.VacancyProfile`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pasarkerja.match.records import SeekerProfile, VacancyProfile

Modality = Literal["on-site", "online", "blended"]
Objective = Literal["money", "hours", "travel"]
Method = Literal["exact", "greedy", "none"]
OptionKind = Literal["programme", "apprenticeship"]
MODALITIES: tuple[Modality, ...] = ("on-site", "online", "blended")
OBJECTIVES: tuple[Objective, ...] = ("money", "hours", "travel")

#: A scoring callable ``score(seeker, vacancy) -> float`` in [0, 1] (e.g. ``score_pair(...).score``); gap
#: takes it as an input so projected scores follow whatever match settings the deployment uses.
ScoreFn = Callable[[SeekerProfile, VacancyProfile], float]


class GapInputError(ValueError):
    """A record or an argument the gap layer cannot use; the message names the record and the field."""


def _check_non_negative(record: str, field_name: str, value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise GapInputError(f"{record}: {field_name} must be a finite number ≥ 0 or missing, got {value!r}")


@dataclass(frozen=True, slots=True)
class Programme:
    """A training programme (BLK, LPK or online course).

    ``hours_jp`` counts jam pelajaran (45 minutes). ``cost_rp`` is what the seeker pays: 0 is a real value
    (free BLK courses), ``None`` means unknown. ``region_code`` is the Kemendagri regency (4 digits) or
    province (2 digits) where it is held; online programmes need none. ``start_dates`` empty means rolling
    enrolment (start any time).
    """

    id: str
    title: str
    skill_ids: tuple[str, ...]
    hours_jp: int | None = None
    cost_rp: int | None = None
    region_code: str | None = None
    modality: Modality = "on-site"
    capacity: int | None = None
    start_dates: tuple[dt.date, ...] = ()
    certification: str | None = None
    provider: str | None = None
    is_active: bool = True

    def __post_init__(self) -> None:
        record = f"programme {self.id!r}"
        if not self.id:
            raise GapInputError("programme: field 'id' is empty")
        if self.modality not in MODALITIES:
            raise GapInputError(f"{record}: modality must be one of {MODALITIES}, got {self.modality!r}")
        _check_non_negative(record, "hours_jp", self.hours_jp)
        _check_non_negative(record, "cost_rp", self.cost_rp)
        _check_non_negative(record, "capacity", self.capacity)
        if isinstance(self.skill_ids, str):
            raise GapInputError(f"{record}: skill_ids must be a tuple of skill ids, not one string")
        for day in self.start_dates:
            if not isinstance(day, dt.date):
                raise GapInputError(f"{record}: start_dates must hold dates, got {day!r}")


@dataclass(frozen=True, slots=True)
class Apprenticeship:
    """An apprenticeship (pemagangan) offer. It teaches the essential skills of its occupation, which the
    caller supplies as a mapping occupation code → essential skill ids; the seeker pays nothing."""

    id: str
    title: str
    occupation_code: str | None
    seats: int = 1
    months: int | None = None
    region_code: str | None = None
    stipend_rp: int | None = None
    starts_on: dt.date | None = None
    company: str | None = None

    def __post_init__(self) -> None:
        record = f"apprenticeship {self.id!r}"
        if not self.id:
            raise GapInputError("apprenticeship: field 'id' is empty")
        _check_non_negative(record, "seats", self.seats)
        _check_non_negative(record, "months", self.months)
        _check_non_negative(record, "stipend_rp", self.stipend_rp)


@dataclass(frozen=True, slots=True)
class OccupationProfile:
    """An occupation's skill profile (ESCO essential/optional relations, keyed by ISCO-08 or finer code)."""

    code: str
    title: str = ""
    essential_skill_ids: tuple[str, ...] = ()
    optional_skill_ids: tuple[str, ...] = ()

    @property
    def skill_set(self) -> frozenset[str]:
        return frozenset(self.essential_skill_ids) | frozenset(self.optional_skill_ids)


# ------------------------------------------------------------------------------------------ the gap


@dataclass(frozen=True, slots=True)
class MissingSkill:
    """One skill the seeker lacks for the target, with its value and who teaches it.

    ``value`` (see docs/GAP.md): Σ over target vacancies missing it as essential of 1/(essential skills
    missing there) + ``optional_weight`` × Σ over those missing it as optional of 1/(optional skills missing
    there). ``unlocks_alone``: target vacancies this skill alone would unlock (it is their only missing
    essential skill).
    """

    skill_id: str
    value: float
    essential_in: int
    optional_in: int
    unlocks_alone: int
    programme_ids: tuple[str, ...]
    apprenticeship_ids: tuple[str, ...]

    @property
    def teachable(self) -> bool:
        return bool(self.programme_ids or self.apprenticeship_ids)


@dataclass(frozen=True, slots=True)
class TargetGap:
    """The gap against one target (a vacancy or an occupation)."""

    target_id: str
    kind: Literal["vacancy", "occupation"]
    score: float | None
    missing_essential: tuple[str, ...]
    missing_optional: tuple[str, ...]
    held_essential: tuple[str, ...]
    held_optional: tuple[str, ...]

    @property
    def unlocked(self) -> bool:
        """Every essential skill is held (the target is within reach now)."""
        return not self.missing_essential


@dataclass(frozen=True, slots=True)
class SkillGap:
    """A seeker's gap against one or more targets: missing skills ranked by value, best first."""

    seeker_id: str
    targets: tuple[TargetGap, ...]
    missing: tuple[MissingSkill, ...]
    not_taught: tuple[str, ...]  # missing skills no programme or apprenticeship in the catalogue teaches
    warnings: tuple[str, ...] = ()  # about the targets (no skills listed, no near-miss vacancy)

    @property
    def missing_skill_ids(self) -> tuple[str, ...]:
        return tuple(m.skill_id for m in self.missing)

    @property
    def essential_skill_ids(self) -> tuple[str, ...]:
        """Missing skills that are essential to at least one target."""
        return tuple(m.skill_id for m in self.missing if m.essential_in)


# -------------------------------------------------------------------------------------- the pathway


@dataclass(frozen=True, slots=True)
class PathwayStep:
    """One chosen programme or apprenticeship. ``travel``: 0 online or same regency, 1 same province,
    2 another province (docs/GAP.md)."""

    kind: OptionKind
    id: str
    title: str
    covers: tuple[str, ...]
    cost_rp: int | None
    hours_jp: int | None
    travel: int | None
    modality: Modality
    region_code: str | None
    next_start: dt.date | None


@dataclass(frozen=True, slots=True)
class UncoveredSkill:
    skill_id: str
    reason: str
    # "not_taught": nothing in the catalogue teaches it; "excluded": only options the rules left out do.
    # Pages say this in their own language; ``reason`` is the detailed English explanation.
    kind: str = "not_taught"


@dataclass(frozen=True, slots=True)
class ExcludedOption:
    kind: OptionKind
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ProjectedScore:
    vacancy_id: str
    before: float | None
    after: float | None
    unlocked_before: bool
    unlocked_after: bool


@dataclass(frozen=True, slots=True)
class Pathway:
    """The cheapest set of programmes/apprenticeships covering the skills asked for.

    ``method``: ``exact`` (CP-SAT; ``optimal`` tells whether optimality was proven within the time limit),
    ``greedy`` (cost ≤ ``bound`` × optimum, ``bound`` = ln n + 1 for n skills to cover) or ``none`` (nothing
    to cover or nothing can cover it). Totals are over the chosen steps; ``total_cost_rp`` is ``None`` when a
    chosen step's cost is unknown (possible only when the objective is not money).
    """

    seeker_id: str
    objective: Objective
    method: Method
    optimal: bool
    bound: float | None
    steps: tuple[PathwayStep, ...]
    objective_value: int
    total_cost_rp: int | None
    total_hours_jp: int | None
    total_travel: int | None
    requested: tuple[str, ...]
    covered: tuple[str, ...]
    uncovered: tuple[UncoveredSkill, ...]
    excluded: tuple[ExcludedOption, ...]
    projected: tuple[ProjectedScore, ...]
    warnings: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.uncovered

    @property
    def unlocked_vacancy_ids(self) -> tuple[str, ...]:
        """Vacancies the pathway would unlock (not unlocked before, unlocked after)."""
        return tuple(p.vacancy_id for p in self.projected if p.unlocked_after and not p.unlocked_before)


# ------------------------------------------------------------------------------------- career paths


@dataclass(frozen=True, slots=True)
class CareerPath:
    """An occupation adjacent to the seeker's, with the gap to it and the local demand for it."""

    occupation_code: str
    title: str
    from_occupation: str | None
    jaccard: float
    isco_shared_levels: int
    adjacency: float
    local_openings: int
    gap: TargetGap
    missing: tuple[MissingSkill, ...]
