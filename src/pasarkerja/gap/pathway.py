"""The training pathway: the cheapest set of programmes and apprenticeships that teaches the skills asked
for, as a weighted set cover (see :mod:`pasarkerja.gap.cover`), under the seeker's constraints.

Rules (also in docs/GAP.md):

* **Objective** — ``money`` (``cost_rp``; apprenticeships cost the seeker 0), ``hours`` (``hours_jp``;
  an apprenticeship counts ``months × apprenticeship_jp_per_month``, default 231 JP ≈ 173 clock hours a
  month) or ``travel`` (0 online or same regency, 1 same province, 2 another province). An option whose value
  for the chosen objective is unknown (missing cost, hours or region) is left out, with a warning naming it;
  a cost of 0 is a real price (free BLK courses) and is kept.
* **Region** — online programmes are open to everyone; on-site and blended ones (blended still needs
  attendance) only in the seeker's province unless relocation is allowed (``allow_relocation``, by default
  the seeker's ``willing_to_relocate``). An on-site option with no region is left out unless relocation is
  allowed.
* **Modality** — only the modalities asked for. **Start dates** — at least one start date on or after
  ``today``; no start date means rolling enrolment. Inactive programmes, full ones (capacity 0) and
  apprenticeships without seats are left out.
* Every skill asked for is either covered or reported in ``uncovered`` with the reason: nothing in the
  catalogue teaches it, or only options the rules left out do (named with their reasons).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pasarkerja.gap.analysis import is_unlocked
from pasarkerja.gap.catalogue import Catalogue
from pasarkerja.gap.cover import EXACT_MAX_ELEMENTS, EXACT_MAX_SETS, CoverMethod, solve_cover
from pasarkerja.gap.records import (
    MODALITIES,
    OBJECTIVES,
    ExcludedOption,
    GapInputError,
    Modality,
    Objective,
    OptionKind,
    Pathway,
    PathwayStep,
    ProjectedScore,
    ScoreFn,
    UncoveredSkill,
)
from pasarkerja.match.records import SeekerProfile, VacancyProfile

APPRENTICESHIP_JP_PER_MONTH = 231  # 173 clock hours (40 h × 52 / 12) in 45-minute JP


def travel_distance(seeker_region: str | None, option_region: str | None, modality: str) -> int | None:
    """0 online or same regency, 1 same province, 2 another province; ``None`` when a region is unknown."""
    if modality == "online":
        return 0
    if not seeker_region or not option_region:
        return None
    if len(seeker_region) >= 4 and seeker_region == option_region:
        return 0
    if seeker_region[:2] == option_region[:2]:
        return 1
    return 2


@dataclass(frozen=True, slots=True)
class _Option:
    kind: OptionKind
    id: str
    title: str
    skills: tuple[str, ...]
    cost_rp: int | None
    hours_jp: int | None
    travel: int | None
    modality: Modality
    region_code: str | None
    next_start: dt.date | None

    def value(self, objective: Objective) -> int | None:
        return {"money": self.cost_rp, "hours": self.hours_jp, "travel": self.travel}[objective]


_SECONDARY: dict[Objective, Objective] = {"money": "hours", "hours": "money", "travel": "money"}


def _options(
    seeker: SeekerProfile,
    catalogue: Catalogue,
    *,
    today: dt.date,
    allow_relocation: bool,
    modalities: frozenset[str],
    include_apprenticeships: bool,
    jp_per_month: int,
) -> tuple[list[_Option], list[ExcludedOption]]:
    """Every catalogue option with the rule that leaves it out, if any (objective aside)."""
    kept: list[_Option] = []
    excluded: list[ExcludedOption] = []

    def region_reason(travel: int | None, modality: str) -> str | None:
        if modality == "online" or allow_relocation:
            return None
        if travel is None:
            return "its region (or the seeker's) is unknown and relocation is not allowed"
        if travel >= 2:
            return "it is held outside the seeker's province and relocation is not allowed"
        return None

    for p in catalogue.programmes:
        travel = travel_distance(seeker.region_code, p.region_code, p.modality)
        upcoming = sorted(d for d in p.start_dates if d >= today)
        reason: str | None = None
        if not p.is_active:
            reason = "the programme is not active"
        elif p.modality not in modalities:
            reason = f"modality {p.modality} was not asked for"
        elif p.capacity is not None and p.capacity == 0:
            reason = "it has no places (capacity 0)"
        elif p.start_dates and not upcoming:
            reason = f"every start date is in the past (last {max(p.start_dates).isoformat()}, today {today})"
        else:
            reason = region_reason(travel, p.modality)
        if reason is not None:
            excluded.append(ExcludedOption("programme", p.id, reason))
            continue
        kept.append(
            _Option("programme", p.id, p.title, tuple(dict.fromkeys(p.skill_ids)), p.cost_rp, p.hours_jp,
                    travel, p.modality, p.region_code, upcoming[0] if upcoming else None)
        )  # fmt: skip
    if not include_apprenticeships:
        return kept, excluded
    for a in catalogue.apprenticeships:
        travel = travel_distance(seeker.region_code, a.region_code, "on-site")
        skills = catalogue.apprenticeship_skills(a)
        reason = None
        if "on-site" not in modalities:
            reason = "apprenticeships are on-site and on-site was not asked for"
        elif a.seats == 0:
            reason = "it has no seats"
        elif a.starts_on is not None and a.starts_on < today:
            reason = f"it started {a.starts_on.isoformat()}, before today {today}"
        elif a.occupation_code is None or a.occupation_code not in catalogue.occupation_skills:
            reason = "its occupation's skills are unknown"
        else:
            reason = region_reason(travel, "on-site")
        if reason is not None:
            excluded.append(ExcludedOption("apprenticeship", a.id, reason))
            continue
        hours = a.months * jp_per_month if a.months is not None else None
        kept.append(
            _Option("apprenticeship", a.id, a.title, skills, 0, hours, travel, "on-site", a.region_code,
                    a.starts_on)
        )  # fmt: skip
    return kept, excluded


def _check_arguments(objective: str, modalities: Sequence[str], jp_per_month: int) -> None:
    if objective not in OBJECTIVES:
        raise GapInputError(f"pathway objective must be one of {OBJECTIVES}, got {objective!r}")
    unknown = [m for m in modalities if m not in MODALITIES]
    if unknown or not modalities:
        raise GapInputError(
            f"pathway modalities must be a non-empty subset of {MODALITIES}, got {modalities!r}"
        )
    if jp_per_month <= 0:
        raise GapInputError(f"apprenticeship_jp_per_month must be > 0, got {jp_per_month!r}")


def training_pathway(
    seeker: SeekerProfile,
    skills: Sequence[str],
    catalogue: Catalogue,
    *,
    today: dt.date,
    objective: Objective = "money",
    allow_relocation: bool | None = None,
    modalities: Sequence[Modality] = MODALITIES,
    include_apprenticeships: bool = True,
    method: CoverMethod = "auto",
    exact_max_options: int = EXACT_MAX_SETS,
    exact_max_skills: int = EXACT_MAX_ELEMENTS,
    time_limit_s: float = 10.0,
    apprenticeship_jp_per_month: int = APPRENTICESHIP_JP_PER_MONTH,
    score: ScoreFn | None = None,
    vacancies: Sequence[VacancyProfile] = (),
    unlock_score: float | None = None,
) -> Pathway:
    """The cheapest pathway teaching ``skills`` (e.g. ``gap.essential_skill_ids``) to ``seeker``.

    With ``score`` and ``vacancies`` the result carries each vacancy's score before and after the training
    (the seeker holding the covered skills) and which vacancies it would unlock.
    """
    if isinstance(skills, str):
        raise GapInputError("pathway skills must be a sequence of skill ids, not one string")
    _check_arguments(objective, modalities, apprenticeship_jp_per_month)
    relocation = seeker.willing_to_relocate if allow_relocation is None else allow_relocation
    warnings: list[str] = []
    held = frozenset(seeker.skill_ids)
    requested = tuple(s for s in dict.fromkeys(skills) if s not in held)
    if len(requested) < len(tuple(dict.fromkeys(skills))):
        warnings.append("skills the seeker already holds were dropped from the request")
    if not requested:
        warnings.append("nothing to cover: the target lists no skills the seeker lacks")

    options, excluded = _options(
        seeker, catalogue, today=today, allow_relocation=relocation, modalities=frozenset(modalities),
        include_apprenticeships=include_apprenticeships, jp_per_month=apprenticeship_jp_per_month,
    )  # fmt: skip
    wanted = set(requested)
    relevant = [o for o in options if wanted.intersection(o.skills)]
    unknown = [o for o in relevant if o.value(objective) is None]
    if unknown:
        field_name = {"money": "cost_rp", "hours": "hours_jp (or months)", "travel": "region_code"}[objective]
        names = ", ".join(o.id for o in unknown[:10]) + (" …" if len(unknown) > 10 else "")
        warnings.append(
            f"{len(unknown)} option(s) with unknown {field_name} were left out of the {objective} "
            f"objective: {names}"
        )
        excluded.extend(
            ExcludedOption(o.kind, o.id, f"its {field_name} is unknown ({objective} objective)")
            for o in unknown
        )
    usable = [o for o in relevant if o.value(objective) is not None]
    # Options teaching exactly the same requested skills: keep the cheapest (the optimum is unchanged).
    best_for: dict[frozenset[str], _Option] = {}
    second_name = _SECONDARY[objective]
    known_second = [v for o in usable if (v := o.value(second_name)) is not None]
    fallback_second = max(known_second, default=0) + 1  # an unknown tie-break value ranks last

    def key(o: _Option) -> tuple[int, int, str]:
        second = o.value(second_name)
        return (o.value(objective) or 0, fallback_second if second is None else second, o.id)

    for o in usable:
        cover = frozenset(wanted.intersection(o.skills))
        if cover not in best_for or key(o) < key(best_for[cover]):
            best_for[cover] = o
    candidates = sorted(best_for.values(), key=key)
    coverable = sorted({s for o in candidates for s in o.skills if s in wanted}, key=requested.index)
    uncovered = _uncovered(requested, set(coverable), catalogue, excluded)

    index = {s: i for i, s in enumerate(coverable)}
    chosen: list[_Option] = []
    method_used: str = "none"
    optimal, bound = False, None
    if coverable:
        result = solve_cover(
            len(coverable),
            [frozenset(index[s] for s in o.skills if s in index) for o in candidates],
            [key(o)[0] for o in candidates],
            [key(o)[1] for o in candidates],
            method=method,
            exact_max_sets=exact_max_options,
            exact_max_elements=exact_max_skills,
            time_limit_s=time_limit_s,
        )
        # Steps in the order they can start (rolling enrolment: today), then by id.
        chosen = sorted((candidates[j] for j in result.chosen), key=lambda o: (o.next_start or today, o.id))
        method_used, optimal, bound = result.method, result.optimal, result.bound
        if method_used == "exact" and not optimal:
            warnings.append(
                "the exact solver hit its time limit: the pathway is the best found, not proven optimal"
            )
    else:
        optimal = True

    steps = tuple(
        PathwayStep(o.kind, o.id, o.title, tuple(s for s in o.skills if s in wanted), o.cost_rp, o.hours_jp,
                    o.travel, o.modality, o.region_code, o.next_start)
        for o in chosen
    )  # fmt: skip
    covered = tuple(s for s in requested if any(s in step.covers for step in steps))
    projected = _project(seeker, covered, score, vacancies, unlock_score)

    def total(name: Objective) -> int | None:
        values = [o.value(name) for o in chosen]
        return None if any(v is None for v in values) else int(sum(v for v in values if v is not None))

    return Pathway(
        seeker_id=seeker.id,
        objective=objective,
        method=method_used,  # type: ignore[arg-type]
        optimal=optimal,
        bound=bound,
        steps=steps,
        objective_value=int(sum(o.value(objective) or 0 for o in chosen)),
        total_cost_rp=total("money"),
        total_hours_jp=total("hours"),
        total_travel=total("travel"),
        requested=requested,
        covered=covered,
        uncovered=uncovered,
        excluded=tuple(excluded),
        projected=projected,
        warnings=tuple(warnings),
    )


def _uncovered(
    requested: Sequence[str], coverable: set[str], catalogue: Catalogue, excluded: Sequence[ExcludedOption]
) -> tuple[UncoveredSkill, ...]:
    reasons: dict[tuple[str, str], str] = {(e.kind, e.id): e.reason for e in excluded}
    result: list[UncoveredSkill] = []
    for skill in requested:
        if skill in coverable:
            continue
        teachers = [("programme", i) for i in catalogue.programmes_for(skill)]
        teachers += [("apprenticeship", i) for i in catalogue.apprenticeships_for(skill)]
        if not teachers:
            result.append(UncoveredSkill(skill, "no programme or apprenticeship in the catalogue teaches it"))
            continue
        named = "; ".join(f"{kind} {i}: {reasons.get((kind, i), 'left out')}" for kind, i in teachers[:5])
        more = f" (and {len(teachers) - 5} more)" if len(teachers) > 5 else ""
        result.append(
            UncoveredSkill(skill, f"only options left out by the rules teach it — {named}{more}", "excluded")
        )
    return tuple(result)


def _project(
    seeker: SeekerProfile,
    covered: Sequence[str],
    score: ScoreFn | None,
    vacancies: Sequence[VacancyProfile],
    unlock_score: float | None,
) -> tuple[ProjectedScore, ...]:
    trained = replace(seeker, skill_ids=tuple(dict.fromkeys((*seeker.skill_ids, *covered))))
    projected: list[ProjectedScore] = []
    for vacancy in vacancies:
        before = score(seeker, vacancy) if score is not None else None
        after = score(trained, vacancy) if score is not None else None
        projected.append(
            ProjectedScore(
                vacancy.id,
                before,
                after,
                is_unlocked(seeker, vacancy, score, unlock_score),
                is_unlocked(trained, vacancy, score, unlock_score),
            )
        )
    return tuple(projected)
