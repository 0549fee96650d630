"""A seeker's skills gap against a vacancy, an occupation, or the seeker's near-miss vacancies.

Definitions (also in docs/GAP.md):

* A vacancy is **unlocked** for a seeker when the seeker holds every essential skill it lists, or — when a
  scoring callable and ``unlock_score`` are given — when its match score reaches ``unlock_score``.
* **Near-miss** vacancies: open vacancies not unlocked yet, missing at most ``max_missing_essential``
  essential skills, ranked by score (best first; by fewest missing essential skills when there is no
  scorer), the top ``top_n``.
* The **value** of a missing skill over the targets: each target missing ``k`` essential skills gives each
  of them ``1/k`` (so the values sum to the number of targets all of them together would unlock), plus
  ``optional_weight`` (default 0.25 < 1: essential counts more) shared the same way over missing optional
  skills.
"""

from __future__ import annotations

from collections.abc import Sequence

from pasarkerja.gap.catalogue import EMPTY_CATALOGUE, Catalogue
from pasarkerja.gap.records import (
    GapInputError,
    MissingSkill,
    OccupationProfile,
    ScoreFn,
    SkillGap,
    TargetGap,
)
from pasarkerja.match.records import SeekerProfile, VacancyProfile

DEFAULT_OPTIONAL_WEIGHT = 0.25


def _split(
    held: frozenset[str], essential: Sequence[str], optional: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(missing essential, missing optional, held essential, held optional); a skill listed as both counts
    as essential, as in the match score."""
    e = tuple(dict.fromkeys(essential))
    o = tuple(s for s in dict.fromkeys(optional) if s not in set(e))
    return (
        tuple(s for s in e if s not in held),
        tuple(s for s in o if s not in held),
        tuple(s for s in e if s in held),
        tuple(s for s in o if s in held),
    )


def vacancy_target(seeker: SeekerProfile, vacancy: VacancyProfile, score: float | None = None) -> TargetGap:
    missing_e, missing_o, held_e, held_o = _split(
        frozenset(seeker.skill_ids), vacancy.essential_skill_ids, vacancy.optional_skill_ids
    )
    return TargetGap(vacancy.id, "vacancy", score, missing_e, missing_o, held_e, held_o)


def occupation_target(seeker: SeekerProfile, occupation: OccupationProfile) -> TargetGap:
    missing_e, missing_o, held_e, held_o = _split(
        frozenset(seeker.skill_ids), occupation.essential_skill_ids, occupation.optional_skill_ids
    )
    return TargetGap(occupation.code, "occupation", None, missing_e, missing_o, held_e, held_o)


def is_unlocked(
    seeker: SeekerProfile,
    vacancy: VacancyProfile,
    score: ScoreFn | None = None,
    unlock_score: float | None = None,
) -> bool:
    """Every essential skill held, or (with a scorer and ``unlock_score``) the score reaches the threshold."""
    held = frozenset(seeker.skill_ids)
    if all(s in held for s in vacancy.essential_skill_ids):
        return True
    return score is not None and unlock_score is not None and score(seeker, vacancy) >= unlock_score


def rank_missing(
    targets: Sequence[TargetGap],
    catalogue: Catalogue = EMPTY_CATALOGUE,
    *,
    optional_weight: float = DEFAULT_OPTIONAL_WEIGHT,
) -> tuple[MissingSkill, ...]:
    """Missing skills over the targets, by value (then by vacancies they alone unlock, then id)."""
    if not 0.0 <= optional_weight <= 1.0:
        raise GapInputError(f"optional_weight must be in [0, 1], got {optional_weight!r}")
    value: dict[str, float] = {}
    essential_in: dict[str, int] = {}
    optional_in: dict[str, int] = {}
    alone: dict[str, int] = {}
    for target in targets:
        for skill in target.missing_essential:
            value[skill] = value.get(skill, 0.0) + 1.0 / len(target.missing_essential)
            essential_in[skill] = essential_in.get(skill, 0) + 1
        if len(target.missing_essential) == 1:
            only = target.missing_essential[0]
            alone[only] = alone.get(only, 0) + 1
        for skill in target.missing_optional:
            value[skill] = value.get(skill, 0.0) + optional_weight / len(target.missing_optional)
            optional_in[skill] = optional_in.get(skill, 0) + 1
    ranked = sorted(value, key=lambda s: (-value[s], -alone.get(s, 0), s))
    return tuple(
        MissingSkill(
            skill_id=s,
            value=value[s],
            essential_in=essential_in.get(s, 0),
            optional_in=optional_in.get(s, 0),
            unlocks_alone=alone.get(s, 0),
            programme_ids=catalogue.programmes_for(s),
            apprenticeship_ids=catalogue.apprenticeships_for(s),
        )
        for s in ranked
    )


def _gap(
    seeker: SeekerProfile,
    targets: Sequence[TargetGap],
    catalogue: Catalogue,
    optional_weight: float,
    warnings: list[str],
) -> SkillGap:
    missing = rank_missing(targets, catalogue, optional_weight=optional_weight)
    not_taught = tuple(m.skill_id for m in missing if not m.teachable)
    # Untaught skills are a field of their own, not a warning string: each interface words them itself
    # (the pages in their language).
    return SkillGap(seeker.id, tuple(targets), missing, not_taught, tuple(warnings))


def gap_to_vacancy(
    seeker: SeekerProfile,
    vacancy: VacancyProfile,
    catalogue: Catalogue = EMPTY_CATALOGUE,
    *,
    score: ScoreFn | None = None,
    optional_weight: float = DEFAULT_OPTIONAL_WEIGHT,
) -> SkillGap:
    """The seeker's missing skills for one vacancy, ranked (essential first), each with who teaches it."""
    warnings: list[str] = []
    if not vacancy.essential_skill_ids and not vacancy.optional_skill_ids:
        warnings.append(f"vacancy {vacancy.id} lists no skills: there is no skills gap to measure")
    target = vacancy_target(seeker, vacancy, score(seeker, vacancy) if score is not None else None)
    return _gap(seeker, [target], catalogue, optional_weight, warnings)


def gap_to_occupation(
    seeker: SeekerProfile,
    occupation: OccupationProfile,
    catalogue: Catalogue = EMPTY_CATALOGUE,
    *,
    optional_weight: float = DEFAULT_OPTIONAL_WEIGHT,
) -> SkillGap:
    """The seeker's missing skills for an occupation (its essential and optional skills, given)."""
    warnings: list[str] = []
    if not occupation.essential_skill_ids and not occupation.optional_skill_ids:
        warnings.append(f"occupation {occupation.code} has no skills in its profile: no gap to measure")
    return _gap(seeker, [occupation_target(seeker, occupation)], catalogue, optional_weight, warnings)


def near_miss_vacancies(
    seeker: SeekerProfile,
    vacancies: Sequence[VacancyProfile],
    score: ScoreFn | None = None,
    *,
    top_n: int = 10,
    max_missing_essential: int = 3,
    unlock_score: float | None = None,
    only_open: bool = True,
) -> list[tuple[VacancyProfile, float | None]]:
    """The seeker's top-``top_n`` near-miss vacancies with their scores (``None`` without a scorer)."""
    if top_n < 1:
        raise GapInputError(f"top_n must be ≥ 1, got {top_n!r}")
    if max_missing_essential < 1:
        raise GapInputError(f"max_missing_essential must be ≥ 1, got {max_missing_essential!r}")
    held = frozenset(seeker.skill_ids)
    found: list[tuple[VacancyProfile, float | None, int]] = []
    for vacancy in vacancies:
        if only_open and not vacancy.is_open:
            continue
        missing = sum(1 for s in dict.fromkeys(vacancy.essential_skill_ids) if s not in held)
        if missing == 0 or missing > max_missing_essential:
            continue
        value = score(seeker, vacancy) if score is not None else None
        if value is not None and unlock_score is not None and value >= unlock_score:
            continue  # already unlocked by its score
        found.append((vacancy, value, missing))
    found.sort(key=lambda t: (-(t[1] if t[1] is not None else 0.0), t[2], t[0].id))
    return [(v, s) for v, s, _ in found[:top_n]]


def gap_to_near_misses(
    seeker: SeekerProfile,
    vacancies: Sequence[VacancyProfile],
    catalogue: Catalogue = EMPTY_CATALOGUE,
    *,
    score: ScoreFn | None = None,
    top_n: int = 10,
    max_missing_essential: int = 3,
    unlock_score: float | None = None,
    optional_weight: float = DEFAULT_OPTIONAL_WEIGHT,
) -> SkillGap:
    """The missing skills over the seeker's near-miss vacancies, ranked by how many each would unlock."""
    warnings: list[str] = []
    misses = near_miss_vacancies(
        seeker,
        vacancies,
        score,
        top_n=top_n,
        max_missing_essential=max_missing_essential,
        unlock_score=unlock_score,
    )
    if not misses:
        warnings.append(
            f"no near-miss vacancy: none of the {len(vacancies)} vacancies misses between 1 and "
            f"{max_missing_essential} of its essential skills for this seeker"
        )
    targets = [vacancy_target(seeker, v, s) for v, s in misses]
    return _gap(seeker, targets, catalogue, optional_weight, warnings)
