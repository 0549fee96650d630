"""The match score of one seeker–vacancy pair: pure functions, one per component (formula in
``docs/MATCHING.md``). The vectorised scorer in :mod:`pasarkerja.match.vector` computes the same numbers for
many pairs at once; a test holds the two equal to 1e-9.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from pasarkerja.match.records import (
    ComponentName,
    ComponentScore,
    MatchInputError,
    MatchResult,
    SeekerProfile,
    SkillRelatedness,
    VacancyProfile,
)
from pasarkerja.match.settings import MatchSettings
from pasarkerja.taxonomy.education import education_rank

EMPTY_RELATEDNESS = SkillRelatedness()


# ------------------------------------------------------------------------------------------- skills


@dataclass(frozen=True, slots=True)
class SkillCoverage:
    value: float
    applicable: bool
    matched_essential: tuple[str, ...]
    missing_essential: tuple[str, ...]
    matched_optional: tuple[str, ...]
    missing_optional: tuple[str, ...]
    related: tuple[tuple[str, float], ...]


def vacancy_skill_weights(vacancy: VacancyProfile, settings: MatchSettings) -> dict[str, tuple[float, bool]]:
    """Each distinct vacancy skill → (its weight in the coverage, is it essential); weights sum to 1.

    A skill listed as both essential and optional counts once, as essential.
    """
    essential = tuple(dict.fromkeys(vacancy.essential_skill_ids))
    optional = tuple(s for s in dict.fromkeys(vacancy.optional_skill_ids) if s not in set(essential))
    weights: dict[str, tuple[float, bool]] = {}
    if essential and optional:
        share_e, share_o = settings.essential_share, 1.0 - settings.essential_share
    else:
        share_e = share_o = 1.0
    for skill in essential:
        weights[skill] = (share_e / len(essential), True)
    for skill in optional:
        weights[skill] = (share_o / len(optional), False)
    return weights


def skill_credit(
    skill: str, held: frozenset[str], settings: MatchSettings, relatedness: SkillRelatedness
) -> float:
    """Credit for one vacancy skill: 1 when held, else the best partial credit a held skill gives it."""
    if skill in held:
        return 1.0
    credit = 0.0
    group = relatedness.skill_group.get(skill)
    if group is not None and any(relatedness.skill_group.get(h) == group for h in held):
        credit = settings.related_group_credit
    if any(relatedness.are_neighbours(skill, h) for h in held):
        credit = max(credit, settings.related_neighbour_credit)
    for h in held:
        similarity = relatedness.skill_similarity(skill, h)
        if similarity >= settings.similarity_threshold and similarity > 0.0:
            credit = max(credit, settings.similarity_credit * min(similarity, 1.0))
    return credit


def skill_coverage(
    seeker: SeekerProfile,
    vacancy: VacancyProfile,
    settings: MatchSettings,
    relatedness: SkillRelatedness = EMPTY_RELATEDNESS,
) -> SkillCoverage:
    held = frozenset(seeker.skill_ids)
    weights = vacancy_skill_weights(vacancy, settings)
    matched_e: list[str] = []
    missing_e: list[str] = []
    matched_o: list[str] = []
    missing_o: list[str] = []
    related: list[tuple[str, float]] = []
    value = 0.0
    for skill, (weight, essential) in weights.items():
        credit = skill_credit(skill, held, settings, relatedness)
        value += weight * credit
        if credit >= 1.0:
            (matched_e if essential else matched_o).append(skill)
        else:
            (missing_e if essential else missing_o).append(skill)
            if credit > 0.0:
                related.append((skill, credit))
    applicable = bool(weights) and bool(held)
    return SkillCoverage(
        value=value if applicable else 0.0,
        applicable=applicable,
        matched_essential=tuple(matched_e),
        missing_essential=tuple(missing_e),
        matched_optional=tuple(matched_o),
        missing_optional=tuple(missing_o),
        related=tuple(related),
    )


# --------------------------------------------------------------------------------------- occupation


def _base(code: str) -> str:
    return code.split("_", 1)[0]


def isco_shared_levels(a: str, b: str) -> int:
    """How many leading ISCO-08 levels two codes share: 4 same unit group … 1 same major group, 0 none.

    Identical codes (also finer ``7212_1`` codes and codes above unit-group level) share every level.
    """
    if a == b:
        return 4
    base_a, base_b = _base(a), _base(b)
    shared = 0
    for x, y in zip(base_a, base_b, strict=False):
        if x != y:
            break
        shared += 1
    return min(shared, 4)


def isco_proximity(a: str, b: str, settings: MatchSettings) -> float:
    levels = isco_shared_levels(a, b)
    return (
        0.0,
        settings.isco_major_group,
        settings.isco_sub_major_group,
        settings.isco_minor_group,
        settings.isco_unit_group,
    )[levels]


def occupation_pair_score(
    seeker_code: str, vacancy_code: str, settings: MatchSettings, relatedness: SkillRelatedness
) -> float:
    share = settings.occupation_skill_similarity_share
    return (1.0 - share) * isco_proximity(seeker_code, vacancy_code, settings) + share * (
        relatedness.occupations_similarity(seeker_code, vacancy_code)
    )


def occupation_score(
    seeker: SeekerProfile,
    vacancy: VacancyProfile,
    settings: MatchSettings,
    relatedness: SkillRelatedness = EMPTY_RELATEDNESS,
) -> float:
    """The best pair score between the vacancy's occupation and any preferred or past occupation."""
    if vacancy.occupation_code is None:
        return 0.0
    return max(
        (
            occupation_pair_score(c, vacancy.occupation_code, settings, relatedness)
            for c in seeker.occupation_codes()
        ),
        default=0.0,
    )


# ---------------------------------------------------------------------------- education, experience


def _rank(code: str | None, record: str, field_name: str) -> int | None:
    if code is None:
        return None
    try:
        return education_rank(code)
    except KeyError:
        raise MatchInputError(f"{record}: {field_name} {code!r} is not a known education level") from None


def education_level_score(
    seeker_rank: int | None, minimum_rank: int | None, settings: MatchSettings
) -> float:
    if minimum_rank is None:
        return 1.0
    if seeker_rank is None:
        return settings.education_unknown
    if seeker_rank == minimum_rank:
        return 1.0
    if seeker_rank > minimum_rank:
        return settings.education_exceeds
    if seeker_rank == minimum_rank - 1:
        return settings.education_one_below
    return 0.0


def same_field(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


def education_score(seeker: SeekerProfile, vacancy: VacancyProfile, settings: MatchSettings) -> float:
    level = education_level_score(
        _rank(seeker.education_level, f"seeker {seeker.id}", "education_level"),
        _rank(vacancy.min_education, f"vacancy {vacancy.id}", "min_education"),
        settings,
    )
    if vacancy.education_field is None:
        return level
    share = settings.education_field_share
    return (1.0 - share) * level + share * (
        1.0 if same_field(seeker.education_field, vacancy.education_field) else 0.0
    )


def experience_score(seeker_years: float, minimum_years: float) -> float:
    if minimum_years <= 0.0:
        return 1.0
    return min(1.0, max(seeker_years, 0.0) / minimum_years)


# ----------------------------------------------------------------------------------------- location


def province_of(regency_code: str | None) -> str | None:
    """Kemendagri regency codes start with their province's two digits (``3216`` → ``32``)."""
    return regency_code[:2] if regency_code else None


LocationKind = str  # "same_regency" | "preferred" | "same_province" | "remote" | "relocate" | "far"


def location_score(
    seeker: SeekerProfile, vacancy: VacancyProfile, settings: MatchSettings
) -> tuple[float, LocationKind]:
    """The location value and which rule gave it (for the explanation)."""
    region = vacancy.region_code
    if region is not None and region == seeker.region_code:
        value, kind = settings.location_same_regency, "same_regency"
    elif region is not None and region in seeker.preferred_regions:
        value, kind = settings.location_preferred_region, "preferred"
    elif region is not None and province_of(region) == province_of(seeker.region_code):
        value, kind = settings.location_same_province, "same_province"
    elif seeker.willing_to_relocate:
        value, kind = settings.location_relocate, "relocate"
    else:
        value, kind = settings.location_far, "far"
    if vacancy.remote and seeker.accepts_remote and settings.location_remote > value:
        value, kind = settings.location_remote, "remote"
    return value, kind


# ---------------------------------------------------------------------------------------------- pay


def _valid_pay(value: float | None, what: str, warnings: list[str]) -> float | None:
    """A usable amount, or None. NaN and negative amounts are ignored with a warning; 0 means not stated."""
    if value is None:
        return None
    amount = float(value)
    if math.isnan(amount) or amount < 0 or math.isinf(amount):
        warnings.append(f"{what} {value!r} is not a valid amount and was ignored")
        return None
    return amount if amount > 0 else None


def offered_pay(vacancy: VacancyProfile, warnings: list[str]) -> float | None:
    """The most the vacancy offers: ``pay_max`` when stated, else ``pay_min``."""
    low = _valid_pay(vacancy.pay_min, f"vacancy {vacancy.id} pay_min", warnings)
    high = _valid_pay(vacancy.pay_max, f"vacancy {vacancy.id} pay_max", warnings)
    candidates = [v for v in (low, high) if v is not None]
    return max(candidates) if candidates else None


def pay_value(expected: float, offered: float, settings: MatchSettings) -> float:
    if offered >= expected:
        return 1.0
    return max(0.0, 1.0 - (expected - offered) / (expected * settings.pay_shortfall_tolerance))


# ------------------------------------------------------------------------------------------- employment


def employment_score(seeker: SeekerProfile, vacancy: VacancyProfile, settings: MatchSettings) -> float:
    def fits(wanted: tuple[str, ...], offered: str | None) -> float:
        return 1.0 if not wanted or offered is None or offered in wanted else 0.0

    share = settings.working_time_share
    return (1.0 - share) * fits(seeker.preferred_employment_types, vacancy.employment_type) + share * fits(
        seeker.preferred_working_times, vacancy.working_time
    )


# -------------------------------------------------------------------------------------------- total


def combine(
    values: dict[ComponentName, float], applicable: dict[ComponentName, bool], settings: MatchSettings
) -> tuple[float, tuple[ComponentScore, ...]]:
    """Weighted mean of the applicable components (the order of the sum is fixed, see vector.py)."""
    weights = settings.weights()
    numerator = 0.0
    denominator = 0.0
    components: list[ComponentScore] = []
    for name in weights:
        weight = weights[name]
        used = applicable.get(name, True)
        value = values[name] if used else 0.0
        numerator += weight * value
        denominator += weight if used else 0.0
        components.append(ComponentScore(name, value, weight, used))
    return (numerator / denominator if denominator > 0 else 0.0), tuple(components)


def validate_seeker(seeker: SeekerProfile) -> None:
    if not math.isfinite(seeker.experience_years) or seeker.experience_years < 0:
        raise MatchInputError(
            f"seeker {seeker.id}: experience_years must be a finite number ≥ 0, "
            f"got {seeker.experience_years!r}"
        )


def validate_vacancy(vacancy: VacancyProfile) -> None:
    if not math.isfinite(vacancy.min_experience_years) or vacancy.min_experience_years < 0:
        raise MatchInputError(
            f"vacancy {vacancy.id}: min_experience_years must be a finite number ≥ 0, "
            f"got {vacancy.min_experience_years!r}"
        )


def passes_filters(seeker: SeekerProfile, vacancy: VacancyProfile, settings: MatchSettings) -> bool:
    """The deployment's hard filters (default: open vacancies, active seekers)."""
    if settings.only_open_vacancies and not vacancy.is_open:
        return False
    if settings.only_active_seekers and not seeker.is_active:
        return False
    if settings.require_min_education and vacancy.min_education is not None:
        seeker_rank = _rank(seeker.education_level, f"seeker {seeker.id}", "education_level")
        minimum = _rank(vacancy.min_education, f"vacancy {vacancy.id}", "min_education")
        if seeker_rank is None or minimum is None or seeker_rank < minimum:
            return False
    return True


def score_pair(
    seeker: SeekerProfile,
    vacancy: VacancyProfile,
    settings: MatchSettings,
    relatedness: SkillRelatedness = EMPTY_RELATEDNESS,
    *,
    explain: bool = True,
) -> MatchResult:
    """Score one pair and explain it (hard filters are not applied here; see :func:`passes_filters`)."""
    from pasarkerja.match.explain import reasons

    validate_seeker(seeker)
    validate_vacancy(vacancy)
    warnings: list[str] = []
    coverage = skill_coverage(seeker, vacancy, settings, relatedness)
    location, location_kind = location_score(seeker, vacancy, settings)
    expected = _valid_pay(seeker.expected_pay, f"seeker {seeker.id} expected_pay", warnings)
    offered = offered_pay(vacancy, warnings)
    pay_ok = expected is not None and offered is not None
    values: dict[ComponentName, float] = {
        "skills": coverage.value,
        "occupation": occupation_score(seeker, vacancy, settings, relatedness),
        "education": education_score(seeker, vacancy, settings),
        "experience": experience_score(seeker.experience_years, vacancy.min_experience_years),
        "location": location,
        "pay": pay_value(expected, offered, settings)
        if expected is not None and offered is not None
        else 0.0,
        "employment": employment_score(seeker, vacancy, settings),
    }
    applicable: dict[ComponentName, bool] = {"skills": coverage.applicable, "pay": pay_ok}
    total, components = combine(values, applicable, settings)
    result = MatchResult(
        seeker_id=seeker.id,
        vacancy_id=vacancy.id,
        score=total,
        components=components,
        matched_essential=coverage.matched_essential,
        missing_essential=coverage.missing_essential,
        matched_optional=coverage.matched_optional,
        missing_optional=coverage.missing_optional,
        related_skills=coverage.related,
        warnings=tuple(warnings),
    )
    if not explain:
        return result
    reason_id, reason_en = reasons(seeker, vacancy, result, location_kind, settings)
    return replace(result, reason_id=reason_id, reason_en=reason_en)
