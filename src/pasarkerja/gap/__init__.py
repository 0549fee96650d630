"""gap layer: bridge the skills gap — missing skills, the cheapest training pathway, career paths and
regional training needs (pure core; definitions and formulas in docs/GAP.md).

Public API
----------
Records (``gap.records``): catalogue inputs :class:`Programme`, :class:`Apprenticeship`,
:class:`OccupationProfile`; results :class:`SkillGap` (→ :class:`TargetGap`, :class:`MissingSkill`),
:class:`Pathway` (→ :class:`PathwayStep`, :class:`UncoveredSkill`, :class:`ExcludedOption`,
:class:`ProjectedScore`), :class:`CareerPath`. Seekers and vacancies are ``match.SeekerProfile`` /
``match.VacancyProfile``. Bad input raises :class:`GapInputError` naming the record and field; conditions that
are not errors (a target without skills, a skill nothing teaches, unknown costs, past start dates) come back
as ``warnings`` / ``uncovered`` / ``excluded`` entries.

A scoring callable ``score(seeker, vacancy) -> float`` (:data:`ScoreFn`) is passed in wherever projected
match scores are wanted, e.g. ``lambda s, v: match.score_pair(s, v, settings, relatedness).score``.

The catalogue::

    catalogue = Catalogue(programmes, apprenticeships, occupation_skills)   # code → essential skill ids
    # occupation_skills = essential_skills_by_occupation(occupation_profiles)

1. The gap (missing skills ranked by value, each with the programmes/apprenticeships teaching it)::

    gap_to_vacancy(seeker, vacancy, catalogue, score=None) -> SkillGap
    gap_to_occupation(seeker, occupation_profile, catalogue) -> SkillGap
    gap_to_near_misses(seeker, vacancies, catalogue, score=fn, top_n=10, max_missing_essential=3,
                       unlock_score=None) -> SkillGap
    near_miss_vacancies(seeker, vacancies, score, top_n=10, ...) -> list[(VacancyProfile, score | None)]

2. The pathway (weighted set cover; exact CP-SAT when small, greedy with bound ln n + 1 when large)::

    training_pathway(seeker, gap.essential_skill_ids, catalogue, today=date,
                     objective="money"|"hours"|"travel", allow_relocation=None,
                     modalities=("on-site", "online", "blended"),
                     method="auto"|"exact"|"greedy", score=fn, vacancies=[...], unlock_score=None) -> Pathway

3. Career paths::

    career_paths(seeker, occupation_profiles, catalogue, local_openings={code: openings}, limit=10)
        -> list[CareerPath]

4. Regional training needs (SciPy sparse aggregation; table-shaped result)::

    needs = regional_needs(SeekerColumns(...), VacancyColumns(...), regency_codes, skill_ids, programmes,
                           placement_rate=0.6, top_programmes=20, programme_levels=("province",))
    needs.skills.select(level="province", region_code="32").records()      # rows as dicts (Plotly-ready)
    needs.programmes.records()
    write_csv(needs.skills, "needs.csv"); write_excel(needs.sheets(), "needs.xlsx")
"""

from pasarkerja.gap.analysis import (
    DEFAULT_OPTIONAL_WEIGHT,
    gap_to_near_misses,
    gap_to_occupation,
    gap_to_vacancy,
    is_unlocked,
    near_miss_vacancies,
    rank_missing,
)
from pasarkerja.gap.career import career_paths, jaccard
from pasarkerja.gap.catalogue import Catalogue, essential_skills_by_occupation
from pasarkerja.gap.cover import CoverResult, exact_cover, greedy_bound, greedy_cover, solve_cover
from pasarkerja.gap.pathway import APPRENTICESHIP_JP_PER_MONTH, training_pathway, travel_distance
from pasarkerja.gap.records import (
    MODALITIES,
    OBJECTIVES,
    Apprenticeship,
    CareerPath,
    ExcludedOption,
    GapInputError,
    MissingSkill,
    OccupationProfile,
    Pathway,
    PathwayStep,
    Programme,
    ProjectedScore,
    ScoreFn,
    SkillGap,
    TargetGap,
    UncoveredSkill,
)
from pasarkerja.gap.regional import (
    RegionalNeeds,
    SeekerColumns,
    VacancyColumns,
    aggregate,
    aggregate_plain,
    regional_needs,
)
from pasarkerja.gap.table import Table, write_csv, write_excel

__all__ = [
    "APPRENTICESHIP_JP_PER_MONTH",
    "DEFAULT_OPTIONAL_WEIGHT",
    "MODALITIES",
    "OBJECTIVES",
    "Apprenticeship",
    "CareerPath",
    "Catalogue",
    "CoverResult",
    "ExcludedOption",
    "GapInputError",
    "MissingSkill",
    "OccupationProfile",
    "Pathway",
    "PathwayStep",
    "Programme",
    "ProjectedScore",
    "RegionalNeeds",
    "ScoreFn",
    "SeekerColumns",
    "SkillGap",
    "Table",
    "TargetGap",
    "UncoveredSkill",
    "VacancyColumns",
    "aggregate",
    "aggregate_plain",
    "career_paths",
    "essential_skills_by_occupation",
    "exact_cover",
    "gap_to_near_misses",
    "gap_to_occupation",
    "gap_to_vacancy",
    "greedy_bound",
    "greedy_cover",
    "is_unlocked",
    "jaccard",
    "near_miss_vacancies",
    "rank_missing",
    "regional_needs",
    "solve_cover",
    "training_pathway",
    "travel_distance",
    "write_csv",
    "write_excel",
]
