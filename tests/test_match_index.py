"""Vectorised scoring equals the pure function; the index's top-k equals brute force (property test);
recommendations and shortlists in both directions."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pasarkerja.match import (
    MatchSettings,
    SeekerIndex,
    SeekerProfile,
    SkillRelatedness,
    VacancyProfile,
    WorkSpell,
    build_vacancy_index,
    encode_seekers,
    recommend_vacancies,
    score_pair,
    shortlist_seekers,
)
from pasarkerja.match.score import passes_filters
from pasarkerja.match.vector import prepare_seekers, score_pairs

SKILLS = [f"skill-{i:02d}" for i in range(24)]
OCCUPATIONS = ["7231", "7233", "7212", "7214", "5223", "5221", "2512", "2511", "9112", "8322"]
REGIONS = ["3216", "3275", "3201", "3171", "3174", "3578", "3515", "5171"]
EDUCATION = ["SD", "SMP", "SMA", "SMK", "D3", "S1", "S2", None]
RELATED = SkillRelatedness(
    skill_group={s: f"group-{i % 5}" for i, s in enumerate(SKILLS)},
    neighbours={"skill-01": frozenset({"skill-02", "skill-07"}), "skill-10": frozenset({"skill-11"})},
    similarity={"skill-03": {"skill-04": 0.9, "skill-05": 0.5}, "skill-12": {"skill-13": 0.8}},
    occupation_similarity={"7231": {"7233": 0.4, "8322": 0.2}, "2512": {"2511": 0.6}},
)


def random_vacancy(rng: random.Random, i: int) -> VacancyProfile:
    return VacancyProfile(
        id=f"v{i:04d}",
        essential_skill_ids=tuple(rng.sample(SKILLS, rng.randint(0, 5))),
        optional_skill_ids=tuple(rng.sample(SKILLS, rng.randint(0, 3))),
        occupation_code=rng.choice([*OCCUPATIONS, None]),
        min_education=rng.choice(EDUCATION),
        education_field=rng.choice([None, None, "Teknik Mesin", "akuntansi"]),
        min_experience_years=rng.choice([0.0, 0.0, 1.0, 3.0]),
        pay_min=rng.choice([None, 3e6, math.nan, -5.0, 4.2e6]),
        pay_max=rng.choice([None, 4e6, 6e6]),
        region_code=rng.choice([*REGIONS, None]),
        remote=rng.random() < 0.15,
        employment_type=rng.choice([None, "permanent", "contract"]),
        working_time=rng.choice([None, "shift", "office"]),
        status=rng.choice(["open", "open", "open", "closed"]),
    )


def random_seeker(rng: random.Random, i: int) -> SeekerProfile:
    return SeekerProfile(
        id=f"s{i:04d}",
        skill_ids=tuple(rng.sample([*SKILLS, "skill-unknown"], rng.randint(0, 6))),
        work_history=tuple(WorkSpell(rng.choice(OCCUPATIONS), 2.0) for _ in range(rng.randint(0, 2))),
        preferred_occupations=tuple(rng.sample([*OCCUPATIONS, "3322"], rng.randint(0, 2))),
        preferred_regions=tuple(rng.sample(REGIONS, rng.randint(0, 2))),
        education_level=rng.choice(EDUCATION),
        education_field=rng.choice([None, "teknik mesin", "Hukum"]),
        experience_years=rng.choice([0.0, 0.5, 2.0, 5.0]),
        region_code=rng.choice([*REGIONS, None]),
        willing_to_relocate=rng.random() < 0.5,
        accepts_remote=rng.random() < 0.5,
        expected_pay=rng.choice([None, 3.5e6, 5e6, math.nan]),
        preferred_employment_types=tuple(rng.sample(["permanent", "contract", "daily"], rng.randint(0, 2))),
        preferred_working_times=tuple(rng.sample(["shift", "office"], rng.randint(0, 1))),
        is_active=rng.random() < 0.9,
    )


def brute_force_top_k(
    seeker: SeekerProfile,
    vacancies: list[VacancyProfile],
    k: int,
    cfg: MatchSettings,
    related: SkillRelatedness,
) -> list[tuple[str, float]]:
    """Every pair through the pure function, sorted by score then id: the definition of the answer."""
    if cfg.only_active_seekers and not seeker.is_active:
        return []
    scored = [
        (v.id, score_pair(seeker, v, cfg, related, explain=False).score)
        for v in vacancies
        if passes_filters(seeker, v, cfg)
    ]
    scored = [(i, s) for i, s in scored if s >= cfg.min_score]
    return sorted(scored, key=lambda item: (-item[1], item[0]))[:k]


def test_vectorised_scorer_equals_pure_function_on_random_data() -> None:
    rng = random.Random(11)
    vacancies = [random_vacancy(rng, i) for i in range(150)]
    seekers = [random_seeker(rng, i) for i in range(80)]
    cfg = MatchSettings(only_open_vacancies=False)
    index = build_vacancy_index(vacancies, cfg, RELATED)
    chunk = prepare_seekers(encode_seekers(seekers, index.table), index.model)
    s = np.repeat(np.arange(len(seekers)), len(index))
    v = np.tile(np.arange(len(index)), len(seekers))
    vectorised = score_pairs(chunk, index.model, s, v)
    pure = np.array(
        [
            score_pair(seekers[a], index.profiles[b], cfg, RELATED, explain=False).score
            for a, b in zip(s, v, strict=True)
        ]
    )
    assert len(index) == 150
    assert np.abs(vectorised - pure).max() <= 1e-9
    assert np.unique(np.round(pure, 6)).size > 500  # the data really exercises the formula


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n_vacancies=st.integers(0, 60),
    n_seekers=st.integers(1, 12),
    k=st.integers(1, 12),
    relocate_weight=st.sampled_from([0.0, 0.4]),
    min_score=st.sampled_from([0.0, 0.5]),
    strict_education=st.booleans(),
)
def test_index_top_k_equals_brute_force(
    seed: int,
    n_vacancies: int,
    n_seekers: int,
    k: int,
    relocate_weight: float,
    min_score: float,
    strict_education: bool,
) -> None:
    rng = random.Random(seed)
    vacancies = [random_vacancy(rng, i) for i in range(n_vacancies)]
    # Duplicated vacancies under other ids make exact ties, which must break by id.
    vacancies += [_copy(v, f"w{i:04d}") for i, v in enumerate(vacancies[:5])]
    seekers = [random_seeker(rng, i) for i in range(n_seekers)]
    cfg = MatchSettings(
        location_relocate=relocate_weight, min_score=min_score, require_min_education=strict_education
    )
    index = build_vacancy_index(vacancies, cfg, RELATED)
    table = encode_seekers(seekers, index.table)
    positions, scores = index.query(table, k)
    for row, seeker in enumerate(seekers):
        expected = brute_force_top_k(seeker, vacancies, k, cfg, RELATED)
        got = [
            (index.profiles[int(p)].id, float(s))
            for p, s in zip(positions[row], scores[row], strict=True)
            if p >= 0
        ]
        assert [i for i, _ in got] == [i for i, _ in expected]
        assert np.allclose([s for _, s in got], [s for _, s in expected], atol=1e-9)


def _copy(vacancy: VacancyProfile, new_id: str) -> VacancyProfile:
    import dataclasses

    return dataclasses.replace(vacancy, id=new_id)


def test_exhaustive_baseline_equals_index_on_a_larger_random_set() -> None:
    rng = random.Random(5)
    vacancies = [random_vacancy(rng, i) for i in range(600)]
    seekers = [random_seeker(rng, i) for i in range(200)]
    index = build_vacancy_index(vacancies, MatchSettings(), RELATED)
    table = encode_seekers(seekers, index.table)
    fast, fast_scores = index.query(table, 10)
    slow, slow_scores = index.exhaustive(table, 10)
    assert (fast == slow).all()
    assert np.allclose(fast_scores, slow_scores, equal_nan=True, atol=0)


def test_recommend_vacancies_explained_and_exact() -> None:
    rng = random.Random(3)
    vacancies = [random_vacancy(rng, i) for i in range(120)]
    seeker = SeekerProfile(
        id="ani",
        skill_ids=("skill-01", "skill-03"),
        preferred_occupations=("7231",),
        region_code="3275",
        education_level="SMK",
        expected_pay=4e6,
    )
    index = build_vacancy_index(vacancies, MatchSettings(), RELATED)
    results = recommend_vacancies(seeker, index, k=5)
    expected = brute_force_top_k(seeker, vacancies, 5, MatchSettings(), RELATED)
    assert [r.vacancy_id for r in results] == [i for i, _ in expected]
    assert all(r.reason_id.startswith(("Cocok:", "Kurang cocok:")) and r.reason_en for r in results)
    assert recommend_vacancies(SeekerProfile(id="off", is_active=False), index) == []


def test_seeker_without_skills_still_gets_recommendations() -> None:
    rng = random.Random(4)
    vacancies = [random_vacancy(rng, i) for i in range(80)]
    index = build_vacancy_index(vacancies, MatchSettings(), RELATED)
    newcomer = SeekerProfile(id="baru", preferred_occupations=("5223",), region_code="3171")
    results = recommend_vacancies(newcomer, index, k=3)
    assert len(results) == 3
    assert all("no skills recorded" in r.reason_en for r in results)
    assert [r.vacancy_id for r in results] == [
        i for i, _ in brute_force_top_k(newcomer, vacancies, 3, MatchSettings(), RELATED)
    ]


def test_shortlist_seekers_for_a_vacancy() -> None:
    rng = random.Random(9)
    seekers = [random_seeker(rng, i) for i in range(150)]
    vacancy = random_vacancy(rng, 1)
    vacancy = _copy(vacancy, "job")
    import dataclasses

    vacancy = dataclasses.replace(vacancy, status="open", essential_skill_ids=("skill-01", "skill-new"))
    index = SeekerIndex(seekers, MatchSettings(), RELATED)
    results = shortlist_seekers(vacancy, index, k=7)
    cfg = MatchSettings()
    expected = sorted(
        (
            (s.id, score_pair(s, vacancy, cfg, RELATED).score)
            for s in seekers
            if passes_filters(s, vacancy, cfg)
        ),
        key=lambda item: (-item[1], item[0]),
    )[:7]
    assert [r.seeker_id for r in results] == [i for i, _ in expected]
    assert [r.score for r in results] == pytest.approx([s for _, s in expected], abs=1e-9)
    assert shortlist_seekers(dataclasses.replace(vacancy, status="closed"), index) == []


def test_duplicate_ids_are_refused() -> None:
    from pasarkerja.match import MatchInputError

    with pytest.raises(MatchInputError, match="vacancy id 'v1' occurs more than once"):
        build_vacancy_index([VacancyProfile(id="v1"), VacancyProfile(id="v1")])
