"""The batch on one machine (processes, threads) and on Dask gives the index's exact result; an unreachable
scheduler fails fast; the Parquet writer writes what the batch found."""

from __future__ import annotations

import random
import socket
import time
from pathlib import Path

import numpy as np
import pytest

from pasarkerja.match import (
    MatchEngineError,
    MatchSettings,
    batch_top_k,
    batch_top_k_dask,
    build_vacancy_index,
    encode_seekers,
    write_parquet,
)
from pasarkerja.match.index import VacancyIndex
from pasarkerja.match.tables import SeekerTable
from test_match_index import RELATED, random_seeker, random_vacancy


@pytest.fixture(scope="module")
def data() -> tuple[VacancyIndex, SeekerTable]:
    rng = random.Random(21)
    vacancies = [random_vacancy(rng, i) for i in range(400)]
    seekers = [random_seeker(rng, i) for i in range(300)]
    index = build_vacancy_index(vacancies, MatchSettings(), RELATED)
    return index, encode_seekers(seekers, index.table)


def test_local_batch_on_two_processes_equals_single_query(data: tuple[VacancyIndex, SeekerTable]) -> None:
    index, seekers = data
    positions, scores = index.query(seekers, 10)
    seen: list[tuple[int, int]] = []
    result = batch_top_k(
        seekers, index, k=10, chunk_size=64, workers=2, progress=lambda d, t: seen.append((d, t))
    )
    seeker_ids, vacancy_ids, batch_scores = result
    assert (seeker_ids == seekers.ids).all()
    assert (vacancy_ids == index.ids_of(positions)).all()
    assert np.array_equal(batch_scores, scores, equal_nan=True)
    assert seen[-1] == (300, 300) and len(seen) == 5
    inactive = ~seekers.is_active
    assert inactive.any() and (vacancy_ids[inactive] == "").all()


def test_thread_backend_gives_the_same_result(data: tuple[VacancyIndex, SeekerTable]) -> None:
    index, seekers = data
    processes = batch_top_k(seekers, index, k=5, chunk_size=100, workers=2)
    threads = batch_top_k(seekers, index, k=5, chunk_size=100, workers=2, backend="threads")
    assert (processes.vacancy_ids == threads.vacancy_ids).all()
    assert np.array_equal(processes.scores, threads.scores, equal_nan=True)


def test_dask_local_cluster_gives_identical_results(data: tuple[VacancyIndex, SeekerTable]) -> None:
    from dask.distributed import Client, LocalCluster

    index, seekers = data
    local = batch_top_k(seekers, index, k=10, chunk_size=64, workers=1)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        done: list[int] = []
        distributed = batch_top_k_dask(
            seekers, index, k=10, chunk_size=64, client=client, progress=lambda d, t: done.append(d)
        )
        by_address = batch_top_k_dask(
            seekers, index, k=10, chunk_size=100, scheduler_address=cluster.scheduler_address
        )
    assert (distributed.vacancy_ids == local.vacancy_ids).all()
    assert np.array_equal(distributed.scores, local.scores, equal_nan=True)
    assert (by_address.vacancy_ids == local.vacancy_ids).all()
    assert done[-1] == len(seekers)


def test_unreachable_scheduler_fails_within_seconds(data: tuple[VacancyIndex, SeekerTable]) -> None:
    index, seekers = data
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = time.perf_counter()
    with pytest.raises(MatchEngineError, match=f"tcp://127.0.0.1:{port} did not answer within 2 s"):
        batch_top_k_dask(seekers, index, scheduler_address=f"tcp://127.0.0.1:{port}", connect_timeout_s=2)
    assert time.perf_counter() - start < 10


def test_parquet_rows_follow_the_ranking(data: tuple[VacancyIndex, SeekerTable], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    index, seekers = data
    result = batch_top_k(seekers, index, k=3, chunk_size=300, workers=1)
    rows = write_parquet(result, tmp_path / "out" / "results.parquet")
    table = pq.read_table(tmp_path / "out" / "results.parquet").to_pydict()
    assert rows == int((~np.isnan(result.scores)).sum()) == len(table["seeker_id"])
    assert set(table) == {"seeker_id", "rank", "vacancy_id", "score"}
    first = result.seeker_ids[0]
    mine = [
        (r, v, s)
        for i, r, v, s in zip(
            table["seeker_id"], table["rank"], table["vacancy_id"], table["score"], strict=True
        )
        if i == first
    ]
    assert [m[0] for m in mine] == [1, 2, 3]
    assert [m[1] for m in mine] == list(result.vacancy_ids[0])
    assert [m[2] for m in mine] == list(result.scores[0])
