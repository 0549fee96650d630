"""A seeker's gap (vacancy, occupation, near misses) and career paths, on hand-built cases."""

from __future__ import annotations

import pytest

from pasarkerja.gap import (
    Apprenticeship,
    Catalogue,
    GapInputError,
    OccupationProfile,
    Programme,
    career_paths,
    essential_skills_by_occupation,
    gap_to_near_misses,
    gap_to_occupation,
    gap_to_vacancy,
    near_miss_vacancies,
)
from pasarkerja.match import MatchSettings, SeekerProfile, VacancyProfile, score_pair

SEEKER = SeekerProfile(id="s1", skill_ids=("x",), region_code="3201", preferred_occupations=("7231",))
VACANCIES = [
    VacancyProfile(id="V1", essential_skill_ids=("x", "a"), region_code="3201"),
    VacancyProfile(id="V2", essential_skill_ids=("a", "b"), region_code="3201"),
    VacancyProfile(id="V3", essential_skill_ids=("c",), optional_skill_ids=("d",), region_code="3201"),
    VacancyProfile(id="V4", essential_skill_ids=("x",), region_code="3201"),  # unlocked already
    VacancyProfile(id="V5", essential_skill_ids=("a", "b", "c", "e"), region_code="3201"),  # 4 missing
    VacancyProfile(id="V6", essential_skill_ids=("a",), status="closed"),
]
CATALOGUE = Catalogue(
    [
        Programme(id="P-cheap", title="A murah", skill_ids=("a",), cost_rp=10),
        Programme(id="P-free", title="A gratis", skill_ids=("a", "c"), cost_rp=0),
        Programme(id="P-unknown", title="A ?", skill_ids=("a",), cost_rp=None),
        Programme(id="P-off", title="A lama", skill_ids=("a", "b"), cost_rp=0, is_active=False),
    ],
    [Apprenticeship(id="A1", title="Magang", occupation_code="7233", region_code="3201")],
    {"7233": ("c", "d")},
)


def test_near_miss_gap_values_and_teachers() -> None:
    gap = gap_to_near_misses(SEEKER, VACANCIES, CATALOGUE)
    assert [t.target_id for t in gap.targets] == ["V1", "V3", "V2"]  # no scorer: fewest missing first
    # a: 1 (V1) + 1/2 (V2); c: 1 (V3); b: 1/2 (V2); d: 0.25 × 1 (optional in V3).
    assert [(m.skill_id, m.value, m.essential_in, m.optional_in, m.unlocks_alone) for m in gap.missing] == [
        ("a", 1.5, 2, 0, 1),
        ("c", 1.0, 1, 0, 1),
        ("b", 0.5, 1, 0, 0),
        ("d", 0.25, 0, 1, 0),
    ]
    a = gap.missing[0]
    assert a.programme_ids == ("P-free", "P-cheap", "P-unknown")  # cheapest first, unknown last, no inactive
    assert gap.missing[1].apprenticeship_ids == ("A1",)
    assert gap.not_taught == ("b",)
    assert gap.essential_skill_ids == ("a", "c", "b")
    assert gap.warnings == ()  # untaught skills are their own field (not_taught), worded by each interface


def test_near_misses_ranked_by_the_real_score() -> None:
    settings = MatchSettings()

    def score(s: SeekerProfile, v: VacancyProfile) -> float:
        return score_pair(s, v, settings, explain=False).score

    misses = near_miss_vacancies(SEEKER, VACANCIES, score, top_n=3)
    # V1 scores highest (half its essential skills held); V2 and V3 tie on score (no skill held), and the
    # tie goes to the one missing fewer essential skills (V3).
    assert [v.id for v, _ in misses] == ["V1", "V3", "V2"]
    assert [s for _, s in misses] == [pytest.approx(score(SEEKER, VACANCIES[i])) for i in (0, 2, 1)]
    assert misses[0][1] is not None and misses[1][1] is not None and misses[0][1] > misses[1][1]
    assert [v.id for v, _ in near_miss_vacancies(SEEKER, VACANCIES, score, top_n=1)] == ["V1"]
    # A threshold the V1 score reaches makes V1 unlocked, so no longer a near miss.
    v1 = score(SEEKER, VACANCIES[0])
    ids = [v.id for v, _ in near_miss_vacancies(SEEKER, VACANCIES, score, unlock_score=v1)]
    assert "V1" not in ids


def test_gap_to_one_vacancy_and_to_an_occupation() -> None:
    gap = gap_to_vacancy(SEEKER, VACANCIES[2], CATALOGUE)
    (target,) = gap.targets
    assert (target.missing_essential, target.missing_optional, target.unlocked) == (("c",), ("d",), False)
    assert [(m.skill_id, m.value) for m in gap.missing] == [("c", 1.0), ("d", 0.25)]
    occupation = OccupationProfile(
        "7233", "Mekanik", essential_skill_ids=("x", "c"), optional_skill_ids=("c", "q")
    )
    gap = gap_to_occupation(SEEKER, occupation, CATALOGUE)
    (target,) = gap.targets
    # "c" listed as both counts as essential.
    assert (target.held_essential, target.missing_essential, target.missing_optional) == (
        ("x",),
        ("c",),
        ("q",),
    )


def test_targets_without_skills_warn_instead_of_failing() -> None:
    gap = gap_to_vacancy(SEEKER, VacancyProfile(id="V0"), CATALOGUE)
    assert gap.missing == () and gap.warnings == (
        "vacancy V0 lists no skills: there is no skills gap to measure",
    )
    gap = gap_to_occupation(SEEKER, OccupationProfile("9999"), CATALOGUE)
    assert gap.warnings == ("occupation 9999 has no skills in its profile: no gap to measure",)
    gap = gap_to_near_misses(SEEKER, [VacancyProfile(id="V0")], CATALOGUE)
    assert gap.targets == () and "no near-miss vacancy" in gap.warnings[0]
    with pytest.raises(GapInputError, match="top_n must be ≥ 1"):
        near_miss_vacancies(SEEKER, VACANCIES, top_n=0)
    with pytest.raises(GapInputError, match="optional_weight must be in"):
        gap_to_vacancy(SEEKER, VACANCIES[0], optional_weight=2.0)


OCCUPATIONS = [
    OccupationProfile("7231", "Mekanik kendaraan", ("a", "b", "c"), ("d",)),
    OccupationProfile("7233", "Mekanik mesin", ("a", "b", "c"), ("e",)),  # J = 3/5, 3 ISCO levels shared
    OccupationProfile("2512", "Pengembang perangkat lunak", ("a", "z"), ()),  # J = 1/5, no level
    OccupationProfile("7212", "Tukang las", ("q",), ()),  # J = 0, 2 levels: not adjacent enough
    OccupationProfile("7234", "Mekanik sepeda", (), ()),  # J = 0, 3 levels
]


def test_career_paths_adjacency_demand_and_gap() -> None:
    seeker = SeekerProfile(id="s1", skill_ids=("a", "b"), preferred_occupations=("7231",))
    paths = career_paths(seeker, OCCUPATIONS, CATALOGUE, local_openings={"7233": 12, "2512": 40})
    assert [p.occupation_code for p in paths] == ["7233", "7234", "2512"]
    first = paths[0]
    assert first.jaccard == pytest.approx(0.6) and first.isco_shared_levels == 3
    assert first.adjacency == pytest.approx(0.7 * 0.6 + 0.3 * 0.75)
    assert (first.local_openings, first.from_occupation) == (12, "7231")
    assert (first.gap.missing_essential, first.gap.missing_optional) == (("c",), ("e",))
    assert [m.skill_id for m in first.missing] == ["c", "e"]
    assert paths[1].adjacency == pytest.approx(0.225) and paths[1].local_openings == 0
    assert paths[2].adjacency == pytest.approx(0.14)


def test_career_paths_without_an_occupation_use_the_seekers_skills() -> None:
    seeker = SeekerProfile(id="s2", skill_ids=("a", "z"))
    paths = career_paths(seeker, OCCUPATIONS, limit=2)
    assert [(p.occupation_code, p.from_occupation) for p in paths] == [("2512", None), ("7231", None)]
    assert paths[0].adjacency == pytest.approx(1.0) and paths[1].adjacency == pytest.approx(1 / 5)


def test_essential_skills_by_occupation() -> None:
    assert essential_skills_by_occupation(OCCUPATIONS[:2]) == {
        "7231": ("a", "b", "c"),
        "7233": ("a", "b", "c"),
    }
