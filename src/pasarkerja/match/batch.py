"""The nightly batch: top-k vacancies for every seeker, in chunks, on both cores or on a Dask cluster.

Both engines run the same :meth:`VacancyIndex.query` on the same chunks, so their results are identical.
Locally the index is shared with worker processes by ``fork`` (copy-on-write, nothing pickled); on Dask
it is scattered once to every worker (``broadcast=True``) and seekers are partitioned.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from pasarkerja.match.index import VacancyIndex
from pasarkerja.match.tables import SeekerTable

Progress = Callable[[int, int], None]  # (seekers done, seekers in total)


class MatchEngineError(RuntimeError):
    """The batch could not run (e.g. the Dask scheduler does not answer)."""


@dataclass(frozen=True, eq=False)
class BatchResult:
    """``vacancy_ids[i, r]`` is the vacancy at rank ``r`` (0-based) for ``seeker_ids[i]``; rows of seekers
    with fewer than k results are padded with -1 / "" and NaN scores."""

    seeker_ids: NDArray[Any]
    vacancy_ids: NDArray[Any]
    scores: NDArray[np.float64]

    def __iter__(self) -> Iterator[NDArray[Any]]:  # allows ``seeker_ids, vacancy_ids, scores = result``
        return iter((self.seeker_ids, self.vacancy_ids, self.scores))


def _chunks(n: int, chunk_size: int) -> list[tuple[int, int]]:
    if chunk_size <= 0:
        raise ValueError(f"chunk_size must be > 0, got {chunk_size}")
    return [(start, min(n, start + chunk_size)) for start in range(0, n, chunk_size)]


def _assemble(
    index: VacancyIndex,
    seekers: SeekerTable,
    k: int,
    parts: list[tuple[int, NDArray[np.int64], NDArray[np.float64]]],
) -> BatchResult:
    positions = np.full((len(seekers), k), -1, dtype=np.int64)
    scores = np.full((len(seekers), k), np.nan)
    for start, p, s in parts:
        positions[start : start + p.shape[0]] = p
        scores[start : start + p.shape[0]] = s
    return BatchResult(seekers.ids, index.ids_of(positions), scores)


# Set before forking: worker processes inherit them without pickling.
_SHARED: dict[str, Any] = {}


def _run_chunk(bounds: tuple[int, int]) -> tuple[int, NDArray[np.int64], NDArray[np.float64]]:
    index: VacancyIndex = _SHARED["index"]
    seekers: SeekerTable = _SHARED["seekers"]
    k: int = _SHARED["k"]
    start, stop = bounds
    positions, scores = index.query(seekers.slice(start, stop), k)
    return start, positions, scores


def batch_top_k(
    seekers: SeekerTable,
    index: VacancyIndex,
    k: int = 10,
    chunk_size: int = 2048,
    workers: int = 2,
    progress: Progress | None = None,
    backend: Literal["processes", "threads"] = "processes",
) -> BatchResult:
    """Top ``k`` vacancies of every seeker, ``chunk_size`` seekers at a time on ``workers`` cores.

    ``backend="processes"`` forks worker processes that share the index copy-on-write (the faster of the
    two on the benchmark, see benchmarks/README.md); ``"threads"`` relies on NumPy releasing the GIL.
    ``workers=1`` runs in this process.
    """
    chunks = _chunks(len(seekers), chunk_size)
    done = 0
    parts: list[tuple[int, NDArray[np.int64], NDArray[np.float64]]] = []

    def record(part: tuple[int, NDArray[np.int64], NDArray[np.float64]]) -> None:
        nonlocal done
        parts.append(part)
        done += part[1].shape[0]
        if progress is not None:
            progress(done, len(seekers))

    _SHARED.update(index=index, seekers=seekers, k=k)
    try:
        if workers <= 1 or len(chunks) <= 1:
            for bounds in chunks:
                record(_run_chunk(bounds))
        elif backend == "threads":
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for part in pool.map(_run_chunk, chunks):
                    record(part)
        else:
            if "fork" not in multiprocessing.get_all_start_methods():
                raise MatchEngineError(
                    "the process backend needs the 'fork' start method (Linux); use threads"
                )
            # One tiny query before forking compiles (or loads) the scoring kernels and fills the index's
            # per-vocabulary caches once, instead of once in every worker.
            index.query(seekers.slice(0, 1), k)
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as processes:
                for part in processes.map(_run_chunk, chunks, chunksize=1):
                    record(part)
    finally:
        _SHARED.clear()
    return _assemble(index, seekers, k, parts)


def _dask_chunk(
    index: VacancyIndex, seekers: SeekerTable, start: int, k: int
) -> tuple[int, NDArray[np.int64], NDArray[np.float64]]:
    positions, scores = index.query(seekers, k)
    return start, positions, scores


def probe_scheduler(address: str, timeout_s: float = 5.0) -> None:
    """Ask the Dask scheduler at ``address`` who it is, giving up after ``timeout_s`` seconds.

    ``Client(address, timeout=...)`` bounds the TCP connect but not the handshake after it: a port that
    accepts connections and never answers (a stuck scheduler, another service) makes it hang for good. The
    probe bounds the whole exchange, on its own event loop in a helper thread so it works whether or not the
    caller runs an event loop. Raises :class:`MatchEngineError` naming the address.
    """
    import asyncio

    from distributed.comm import connect

    async def identity() -> Any:
        comm = await connect(address, timeout=timeout_s)
        try:
            await comm.write({"op": "identity"})
            return await comm.read()
        finally:
            comm.abort()

    def run() -> Any:
        return asyncio.run(asyncio.wait_for(identity(), timeout_s))

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dask-probe")
    try:
        reply = pool.submit(run).result(timeout=timeout_s + 1.0)
    except (OSError, TimeoutError) as exc:
        raise MatchEngineError(
            f"Dask scheduler {address} did not answer within {timeout_s:g} s "
            f"({type(exc).__name__}: {str(exc) or 'no reply'})"
        ) from exc
    except ValueError as exc:  # a malformed address, e.g. "tcp://" without host or an unknown scheme
        raise MatchEngineError(f"Dask scheduler address {address!r} is not usable: {exc}") from exc
    finally:
        pool.shutdown(wait=False)  # never wait on a stuck probe: the error is the point
    if not isinstance(reply, dict) or reply.get("type") != "Scheduler":
        raise MatchEngineError(f"{address} answered, but it is not a Dask scheduler (reply: {reply!r:.80})")


def batch_top_k_dask(
    seekers: SeekerTable,
    index: VacancyIndex,
    k: int = 10,
    chunk_size: int = 2048,
    *,
    scheduler_address: str | None = None,
    client: Any = None,
    progress: Progress | None = None,
    connect_timeout_s: float = 5.0,
) -> BatchResult:
    """The same batch on Dask: the index is scattered to every worker once, seekers go in partitions.

    Give a ``client`` or a ``scheduler_address`` (``"tcp://HOST:PORT"``); with neither, a local cluster of
    two single-threaded worker processes is started for the run. A scheduler that does not answer within
    ``connect_timeout_s`` raises :class:`MatchEngineError`.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    own_cluster: Any = None
    own_client = client is None
    if client is None:
        if scheduler_address is None:
            own_cluster = LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            )
            scheduler_address = own_cluster.scheduler_address
        else:
            probe_scheduler(scheduler_address, connect_timeout_s)
        try:
            client = Client(scheduler_address, timeout=f"{connect_timeout_s}s")
        except (OSError, TimeoutError) as exc:
            raise MatchEngineError(
                f"Dask scheduler {scheduler_address} did not answer within {connect_timeout_s:g} s: {exc}"
            ) from exc
    try:
        shared = client.scatter(index, broadcast=True)
        futures = [
            client.submit(_dask_chunk, shared, seekers.slice(start, stop), start, k, pure=False)
            for start, stop in _chunks(len(seekers), chunk_size)
        ]
        parts: list[tuple[int, NDArray[np.int64], NDArray[np.float64]]] = []
        done = 0
        for future in as_completed(futures):
            part = future.result()
            parts.append(part)
            done += part[1].shape[0]
            if progress is not None:
                progress(done, len(seekers))
    finally:
        if own_client:
            client.close()
        if own_cluster is not None:
            own_cluster.close()
    return _assemble(index, seekers, k, parts)


def write_parquet(result: BatchResult, path: str | os.PathLike[str]) -> int:
    """Write ``(seeker_id, rank, vacancy_id, score)`` rows (rank from 1; padding left out); returns rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n, k = result.scores.shape
    ranks = np.tile(np.arange(1, k + 1, dtype=np.int16), n)
    seeker = np.repeat(result.seeker_ids, k)
    vacancy = result.vacancy_ids.ravel()
    score = result.scores.ravel()
    keep = ~np.isnan(score)
    table = pa.table(
        {"seeker_id": seeker[keep], "rank": ranks[keep], "vacancy_id": vacancy[keep], "score": score[keep]}
    )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, str(path))
    return int(keep.sum())
