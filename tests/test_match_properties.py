"""Properties the match engine must keep whatever the data:

(a) the index's top-k is exactly the top-k of exhaustive scoring by the pure function (scores and ids, ties
    broken by the smaller id), on random data, with small blocks so pruning really happens;
(b) protected attributes — age, sex, religion, marital status, appearance, disability on the seeker, and a
    posting's discriminatory requirements — never move a score or a ranking;
(c) the Dask batch on a two-worker LocalCluster is identical to the local batch;
(d) a scheduler that cannot be reached — refused, or accepting connections and never answering — fails
    with MatchEngineError within seconds instead of hanging.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
import socket
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pasarkerja.match import (
    MatchEngineError,
    MatchResult,
    MatchSettings,
    SeekerProfile,
    VacancyIndex,
    VacancyProfile,
    batch_top_k,
    batch_top_k_dask,
    build_vacancy_index,
    encode_seekers,
    encode_vacancies,
    score_pair,
    seeker_profile_from_fields,
    vacancy_profile_from_fields,
)
from pasarkerja.match.score import passes_filters
from pasarkerja.match.tables import SeekerTable
from test_match_index import RELATED, SKILLS, random_seeker, random_vacancy

# ------------------------------------------------------------------------- (a) index = brute force


def brute_force(
    seeker: SeekerProfile, vacancies: list[VacancyProfile], k: int, cfg: MatchSettings
) -> list[tuple[str, float]]:
    """Every pair through ``score_pair``; best score first, then the smaller id."""
    if cfg.only_active_seekers and not seeker.is_active:
        return []
    scored = [
        (v.id, score_pair(seeker, v, cfg, RELATED, explain=False).score)
        for v in vacancies
        if passes_filters(seeker, v, cfg)
    ]
    return sorted(((i, s) for i, s in scored if s >= cfg.min_score), key=lambda t: (-t[1], t[0]))[:k]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    n_vacancies=st.integers(1, 80),
    n_seekers=st.integers(1, 10),
    k=st.integers(1, 15),
    block=st.sampled_from([1, 2, 3, 7, 48]),
    require_education=st.booleans(),
    twins=st.integers(0, 8),
    weights=st.sampled_from(["default", "skills-only", "location-heavy"]),
    only_open=st.booleans(),
    min_score=st.sampled_from([0.0, 0.3, 0.6]),
)
def test_index_top_k_equals_exhaustive_scoring(
    seed: int,
    n_vacancies: int,
    n_seekers: int,
    k: int,
    block: int,
    require_education: bool,
    twins: int,
    weights: str,
    only_open: bool,
    min_score: float,
) -> None:
    rng = random.Random(seed)
    vacancies = [random_vacancy(rng, i) for i in range(n_vacancies)]
    # Twins: the same vacancy under another id scores exactly the same, so ties are certain; ids that sort
    # before and after the original check that the smaller id wins, not the insertion order.
    for i, original in enumerate(vacancies[:twins]):
        prefix = "a" if i % 2 else "z"
        vacancies.append(dataclasses.replace(original, id=f"{prefix}{i:03d}"))
    rng.shuffle(vacancies)
    seekers = [random_seeker(rng, i) for i in range(n_seekers)]
    overrides: dict[str, dict[str, float]] = {
        "default": {},
        "skills-only": {
            "weight_skills": 1.0,
            "weight_occupation": 0.0,
            "weight_education": 0.0,
            "weight_experience": 0.0,
            "weight_location": 0.0,
            "weight_pay": 0.0,
            "weight_employment": 0.0,
        },
        "location-heavy": {"weight_location": 2.0, "location_relocate": 0.0, "location_remote": 0.5},
    }
    cfg = MatchSettings(
        only_open_vacancies=only_open,
        min_score=min_score,
        require_min_education=require_education,
        **overrides[weights],  # type: ignore[arg-type]
    )
    table_of_vacancies = encode_vacancies(vacancies, extra_skill_ids=[*SKILLS, "skill-unknown"])
    index = VacancyIndex(table_of_vacancies, cfg, RELATED, max_block_size=block)
    table = encode_seekers(seekers, index.table)
    positions, scores = index.query(table, k)
    ids = index.ids_of(positions)
    for row, seeker in enumerate(seekers):
        expected = brute_force(seeker, vacancies, k, cfg)
        got = [(str(i), float(s)) for i, s in zip(ids[row], scores[row], strict=True) if i != ""]
        assert [i for i, _ in got] == [i for i, _ in expected], seeker.id
        assert np.allclose([s for _, s in got], [s for _, s in expected], rtol=0, atol=1e-9)
        assert np.isnan(scores[row, len(got) :]).all() and (positions[row, len(got) :] == -1).all()
    # The NumPy exhaustive baseline the benchmark uses gives the very same arrays.
    slow_positions, slow_scores = index.exhaustive(table, k)
    assert (slow_positions == positions).all()
    assert np.array_equal(slow_scores, scores, equal_nan=True)


def test_ties_are_broken_by_the_smaller_id() -> None:
    base = VacancyProfile(
        id="m", essential_skill_ids=("skill-01",), occupation_code="7231", region_code="3216"
    )
    vacancies = [dataclasses.replace(base, id=i) for i in ("m", "c", "x", "a", "q")]
    vacancies.append(dataclasses.replace(base, id="b", region_code="5171"))  # further away: lower score
    seeker = SeekerProfile(
        id="s", skill_ids=("skill-01",), preferred_occupations=("7231",), region_code="3216"
    )
    index = build_vacancy_index(vacancies, MatchSettings(), RELATED)
    positions, scores = index.query(encode_seekers([seeker], index.table), 6)
    assert list(index.ids_of(positions)[0]) == ["a", "c", "m", "q", "x", "b"]
    assert scores[0, 0] == scores[0, 4] > scores[0, 5]


# ----------------------------------------------------------------------- (b) protected attributes


SEEKER_PROTECTED = {
    "age": st.integers(15, 70),
    "birth_year": st.integers(1955, 2010),
    "sex": st.sampled_from(["F", "M", "L", "P"]),
    "religion": st.sampled_from(["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Konghucu", None]),
    "marital_status": st.sampled_from(["belum kawin", "kawin", "cerai hidup", "cerai mati"]),
    "appearance": st.sampled_from(["berpenampilan menarik", "biasa", "", None]),
    "disability": st.sampled_from([None, "tunanetra", "tunarungu", "tunadaksa", "mental"]),
    "height_cm": st.integers(140, 195),
}
VACANCY_DISCRIMINATORY = {
    "required_sex": st.sampled_from([None, "F", "M"]),
    "max_age": st.sampled_from([None, 25, 30, 35]),
    "min_height_cm": st.sampled_from([None, 155, 165]),
    "appearance_required": st.booleans(),
    "marital_status_required": st.sampled_from([None, "belum kawin"]),
    "religion_required": st.sampled_from([None, "Islam", "Kristen"]),
    "no_disability": st.booleans(),
    "discrimination_flags": st.sampled_from([(), ("age",), ("sex", "appearance"), ("marital_status",)]),
    "description": st.sampled_from(
        ["Operator produksi", "Wanita, belum menikah", "Usia maksimal 25 tahun", "Berpenampilan menarik"]
    ),
}


@functools.cache
def demo_records() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Demo seekers and vacancies as wide records (every field of the demo, personal data included)."""
    from pasarkerja.ingest.demo.generator import iter_seekers, iter_vacancies

    people = next(iter(iter_seekers(20, seed=13, chunk_size=20)))
    jobs = next(iter(iter_vacancies(30, seed=13, chunk_size=30)))
    wide_people = [{f.name: getattr(p, f.name) for f in dataclasses.fields(p)} for p in people]
    wide_jobs = [{f.name: getattr(v, f.name) for f in dataclasses.fields(v)} for v in jobs]
    for job in wide_jobs:
        job["status"] = "open"
    return wide_people, wide_jobs


def rank_everything(
    people: list[dict[str, Any]], jobs: list[dict[str, Any]]
) -> tuple[list[list[MatchResult]], np.ndarray, np.ndarray]:
    """Pure scores of every pair, and the index's top-10 (positions, scores) for every seeker."""
    cfg = MatchSettings()
    seekers = [seeker_profile_from_fields(p) for p in people]
    vacancies = [vacancy_profile_from_fields(j) for j in jobs]
    pure = [[score_pair(s, v, cfg, RELATED) for v in vacancies] for s in seekers]
    index = build_vacancy_index(vacancies, cfg, RELATED)
    positions, scores = index.query(encode_seekers(seekers, index.table), 10)
    return pure, index.ids_of(positions), scores


@functools.cache
def baseline_ranking() -> tuple[list[list[MatchResult]], np.ndarray, np.ndarray]:
    return rank_everything(*demo_records())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_protected_attributes_never_move_a_score(data: st.DataObject) -> None:
    people, jobs = demo_records()
    varied_people = []
    for person in people:
        names = data.draw(st.sets(st.sampled_from(sorted(SEEKER_PROTECTED)), min_size=1))
        changes = {name: data.draw(SEEKER_PROTECTED[name]) for name in names}
        if "sex" in changes or "birth_year" in changes:  # the demo record carries both, also in `personal`
            personal = person["personal"]
            changes["personal"] = dataclasses.replace(
                personal,
                sex=changes.get("sex", personal.sex),
                birth_date=dt.date(changes.get("birth_year", personal.birth_date.year), 5, 17),
            )
        varied_people.append({**person, **changes})
    varied_jobs = []
    for job in jobs:
        names = data.draw(st.sets(st.sampled_from(sorted(VACANCY_DISCRIMINATORY)), min_size=1))
        varied_jobs.append({**job, **{name: data.draw(VACANCY_DISCRIMINATORY[name]) for name in names}})
    pure, ids, scores = rank_everything(varied_people, varied_jobs)
    base_pure, base_ids, base_scores = baseline_ranking()
    assert pure == base_pure  # every pair: score bit for bit, breakdown, skills and both reasons
    assert (ids == base_ids).all()
    assert np.array_equal(scores, base_scores, equal_nan=True)


def test_protected_attributes_are_not_fields_of_the_profiles() -> None:
    seeker_fields = {f.name for f in dataclasses.fields(SeekerProfile)}
    vacancy_fields = {f.name for f in dataclasses.fields(VacancyProfile)}
    assert not seeker_fields & set(SEEKER_PROTECTED)
    assert not vacancy_fields & set(VACANCY_DISCRIMINATORY)
    # and the demo data does carry them, so the property test above varies real inputs
    people, jobs = demo_records()
    assert {"sex", "birth_year", "personal"} <= set(people[0])
    assert {"description", "title"} <= set(jobs[0])
    assert sum(len({r.score for r in row}) > 3 for row in baseline_ranking()[0]) >= 15  # scores really vary


def test_vacancy_profile_from_fields_names_bad_input() -> None:
    from pasarkerja.match import MatchInputError

    with pytest.raises(MatchInputError, match=r"vacancy record: field 'id'"):
        vacancy_profile_from_fields({"occupation_code": "7231"})
    with pytest.raises(MatchInputError, match=r"vacancy v9: skills\[1\] kind 'wajib'"):
        vacancy_profile_from_fields({"id": "v9", "skills": [("a", "essential"), ("b", "wajib")]})
    with pytest.raises(MatchInputError, match=r"vacancy v9: pay_min 'lima juta' is not a number"):
        vacancy_profile_from_fields({"id": "v9", "pay_min": "lima juta"})
    profile = vacancy_profile_from_fields(
        {"external_id": "v1", "skills": [("a", "essential"), ("b", "optional")], "pay_max": 5_000_000}
    )
    assert profile == VacancyProfile(
        id="v1", essential_skill_ids=("a",), optional_skill_ids=("b",), pay_max=5_000_000.0
    )


# ------------------------------------------------------------------------------ (c) Dask = local


@pytest.fixture(scope="module")
def batch_data() -> tuple[VacancyIndex, SeekerTable]:
    rng = random.Random(77)
    vacancies = [random_vacancy(rng, i) for i in range(500)]
    seekers = [random_seeker(rng, i) for i in range(700)]
    index = build_vacancy_index(vacancies, MatchSettings(), RELATED)
    return index, encode_seekers(seekers, index.table)


def test_dask_two_workers_identical_to_local_batch(batch_data: tuple[VacancyIndex, SeekerTable]) -> None:
    from dask.distributed import Client, LocalCluster

    index, seekers = batch_data
    local = batch_top_k(seekers, index, k=10, chunk_size=128, workers=2)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        on_dask = batch_top_k_dask(seekers, index, k=10, chunk_size=100, client=client)
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
        assert len(executed) == 2 and all(n > 0 for n in executed.values())  # both workers did chunks
        by_address = batch_top_k_dask(
            seekers, index, k=10, chunk_size=333, scheduler_address=cluster.scheduler_address
        )
    for result in (on_dask, by_address):
        assert (result.seeker_ids == local.seeker_ids).all()
        assert (result.vacancy_ids == local.vacancy_ids).all()
        assert np.array_equal(result.scores, local.scores, equal_nan=True)  # bit for bit
    found = ~np.isnan(local.scores)
    assert found.sum() > 5000 and (local.vacancy_ids[~found] == "").all()


# ------------------------------------------------------------------------ (d) unreachable scheduler


@pytest.fixture
def silent_listener() -> Iterator[str]:
    """A loopback port that accepts TCP connections and never says a word (a stuck or foreign service)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"


@pytest.fixture
def closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


@pytest.mark.parametrize("kind", ["silent_listener", "closed_port"])
def test_unreachable_scheduler_is_a_clear_error_within_seconds(
    kind: str, request: pytest.FixtureRequest, batch_data: tuple[VacancyIndex, SeekerTable]
) -> None:
    address = request.getfixturevalue(kind)
    index, seekers = batch_data
    start = time.perf_counter()
    with pytest.raises(MatchEngineError, match=f"Dask scheduler {address} did not answer within 1.5 s"):
        batch_top_k_dask(seekers, index, scheduler_address=address, connect_timeout_s=1.5)
    assert time.perf_counter() - start < 4.0


def test_malformed_scheduler_address_is_named() -> None:
    from pasarkerja.match import probe_scheduler

    with pytest.raises(MatchEngineError, match=r"address 'udp://127\.0\.0\.1:8786' is not usable"):
        probe_scheduler("udp://127.0.0.1:8786", 1.0)
