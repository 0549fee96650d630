"""Benchmark of the nightly match batch: top-k vacancies for every seeker, exact, on both cores or Dask.

    .venv/bin/python benchmarks/match_batch.py --seekers 100000 --vacancies 10000
    .venv/bin/python benchmarks/match_batch.py --seekers 1000000 --vacancies 100000 --workers 2
    .venv/bin/python benchmarks/match_batch.py --seekers 100000 --vacancies 10000 --engine dask

Synthetic seekers and vacancies come from the demo generator (realistic skew: a few very common skills, a
long tail). Generation is timed apart from matching. In the same run the exhaustive NumPy baseline (every
pair scored) handles a sample of seekers: its top-k must equal the index's (``agreement``), and
``baseline_speed_ratio`` is index seekers/s ÷ exhaustive seekers/s (both single-threaded on the sample).
With ``--engine dask`` (a local cluster of two worker processes unless ``--scheduler`` is given) the same
data is also run in one local process, and the two results must be identical. ``cpu_s`` is the CPU time of
the batch (this process and its workers) and ``load_avg`` the load after it: the box is shared, so wall
times depend on what else runs. Ends with one ``key=value`` line.
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import cpu_seconds, key_values, peak_rss_children_mb, peak_rss_mb, print_table, timer

from pasarkerja.ingest.demo.generator import SeekerArrays, VacancyArrays, iter_seeker_arrays, vacancy_arrays
from pasarkerja.match import MatchSettings, VacancyIndex, batch_top_k, batch_top_k_dask
from pasarkerja.match.records import skill_relatedness_from_catalogue
from pasarkerja.match.tables import SeekerTable, VacancyTable, region_key
from pasarkerja.taxonomy.education import education_rank
from pasarkerja.taxonomy.vocab import skill_catalogue


def _region_keys(codes: tuple[str, ...]) -> np.ndarray:
    return np.array([region_key(c, "demo", "region") for c in codes], dtype=np.int64)


def vacancy_table(arrays: VacancyArrays) -> VacancyTable:
    """Demo vacancy columns → the engine's table (ids are row numbers)."""
    m = len(arrays)
    ranks = np.array([education_rank(c) for c in arrays.education_codes], dtype=np.int32)
    low = np.where(arrays.pay_min > 0, arrays.pay_min, np.nan).astype(np.float64)
    high = np.where(arrays.pay_max > 0, arrays.pay_max, np.nan).astype(np.float64)
    offered = np.fmax(low, high)
    return VacancyTable(
        ids=np.arange(m, dtype=np.int64),
        is_open=arrays.is_open.copy(),
        occupation=arrays.occupation.astype(np.int32),
        region=_region_keys(arrays.region_codes)[arrays.region],
        remote=np.zeros(m, dtype=np.bool_),
        min_education_rank=ranks[arrays.min_education],
        education_field=np.full(m, -1, dtype=np.int32),
        min_experience_years=arrays.min_experience_years.astype(np.float64),
        offered_pay=offered,
        employment_type=np.full(m, -1, dtype=np.int32),
        working_time=np.full(m, -1, dtype=np.int32),
        openings=arrays.openings.astype(np.int32),
        skill_indptr=arrays.skill_indptr.astype(np.int64),
        skill_indices=arrays.skill_indices.astype(np.int32),
        skill_essential=arrays.skill_essential.astype(np.bool_),
        occupation_codes=arrays.occupation_codes,
        skill_ids=arrays.skill_ids,
    )


def seeker_table(arrays: SeekerArrays, first_id: int = 0) -> SeekerTable:
    """Demo seeker columns → the engine's table (one sought occupation each; all active)."""
    n = len(arrays)
    ranks = np.array([education_rank(c) for c in arrays.education_codes], dtype=np.int32)
    pay = arrays.expected_pay.astype(np.float64)
    return SeekerTable(
        ids=np.arange(first_id, first_id + n, dtype=np.int64),
        is_active=np.ones(n, dtype=np.bool_),
        skill_indptr=arrays.skill_indptr.astype(np.int64),
        skill_indices=arrays.skill_indices.astype(np.int32),
        has_skills=np.diff(arrays.skill_indptr) > 0,
        occupation_indptr=np.arange(n + 1, dtype=np.int64),
        occupation_indices=arrays.occupation.astype(np.int32),
        occupation_codes=arrays.occupation_codes,
        region=_region_keys(arrays.region_codes)[arrays.region],
        preferred_region_indptr=np.zeros(n + 1, np.int64),
        preferred_region=np.zeros(0, np.int64),
        willing_to_relocate=arrays.willing_to_relocate.copy(),
        accepts_remote=np.zeros(n, dtype=np.bool_),
        education_rank=ranks[arrays.education],
        education_field=np.full(n, -1, dtype=np.int32),
        experience_years=arrays.experience_years.astype(np.float64),
        expected_pay=np.where(pay > 0, pay, np.nan),
        employment_any=np.ones(n, dtype=np.bool_),
        employment_mask=np.zeros(n, dtype=np.int64),
        working_time_any=np.ones(n, dtype=np.bool_),
        working_time_mask=np.zeros(n, dtype=np.int64),
    )


def concat_seekers(parts: list[SeekerTable]) -> SeekerTable:
    def cat(name: str) -> np.ndarray:
        return np.concatenate([getattr(p, name) for p in parts])

    def indptr(name: str) -> np.ndarray:
        out, offset = [np.zeros(1, np.int64)], 0
        for p in parts:
            ptr = getattr(p, name)
            out.append(ptr[1:] + offset)
            offset += int(ptr[-1])
        return np.concatenate(out)

    first = parts[0]
    return SeekerTable(
        ids=cat("ids"),
        is_active=cat("is_active"),
        skill_indptr=indptr("skill_indptr"),
        skill_indices=cat("skill_indices"),
        has_skills=cat("has_skills"),
        occupation_indptr=indptr("occupation_indptr"),
        occupation_indices=cat("occupation_indices"),
        occupation_codes=first.occupation_codes,
        region=cat("region"),
        preferred_region_indptr=indptr("preferred_region_indptr"),
        preferred_region=cat("preferred_region"),
        willing_to_relocate=cat("willing_to_relocate"),
        accepts_remote=cat("accepts_remote"),
        education_rank=cat("education_rank"),
        education_field=cat("education_field"),
        experience_years=cat("experience_years"),
        expected_pay=cat("expected_pay"),
        employment_any=cat("employment_any"),
        employment_mask=cat("employment_mask"),
        working_time_any=cat("working_time_any"),
        working_time_mask=cat("working_time_mask"),
    )


def demo_tables(seekers: int, vacancies: int, seed: int) -> tuple[SeekerTable, VacancyTable]:
    vacancy = vacancy_table(vacancy_arrays(vacancies, seed))
    parts, first = [], 0
    for block in iter_seeker_arrays(seekers, seed + 1):
        parts.append(seeker_table(block, first))
        first += len(block)
    return concat_seekers(parts), vacancy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--backend", choices=("processes", "threads"), default="processes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=4096)
    parser.add_argument("--baseline-sample", type=int, default=1000)
    parser.add_argument("--scheduler", default=None, help="tcp://HOST:PORT (dask; default: a local cluster)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)

    with timer() as t_gen:
        seekers, vacancies = demo_tables(args.seekers, args.vacancies, args.seed)
    settings = MatchSettings()
    with timer() as t_index:
        relatedness = skill_relatedness_from_catalogue(skill_catalogue())
        index = VacancyIndex(vacancies, settings, relatedness)
    rss_before = peak_rss_mb()

    cpu_before = cpu_seconds()
    with timer() as t_batch:
        if args.engine == "dask":
            result = batch_top_k_dask(
                seekers, index, args.top, args.chunk_size, scheduler_address=args.scheduler
            )
        else:
            result = batch_top_k(
                seekers, index, args.top, args.chunk_size, args.workers, backend=args.backend
            )
    wall = t_batch[0]
    batch_cpu = cpu_seconds() - cpu_before
    load_after_batch = os.getloadavg()[0]

    # Dask against one local process on the same data: the results must be identical.
    one_process_wall = float("nan")
    identical = 1
    if args.engine == "dask":
        with timer() as t_one:
            one = batch_top_k(seekers, index, args.top, args.chunk_size, workers=1)
        one_process_wall = t_one[0]
        identical = int(
            bool((one.vacancy_ids == result.vacancy_ids).all())
            and np.array_equal(one.scores, result.scores, equal_nan=True)
        )

    # Baseline on a sample, in this process: exhaustive scoring vs the index, one thread each.
    sample = min(args.baseline_sample, len(seekers))
    picks = np.random.default_rng(args.seed).choice(len(seekers), size=sample, replace=False)
    picks.sort()
    part = (
        concat_seekers([seekers.slice(int(i), int(i) + 1) for i in picks]) if sample else seekers.slice(0, 0)
    )
    with timer() as t_base:
        base_positions, base_scores = index.exhaustive(part, args.top, chunk_size=64)
    with timer() as t_single:
        idx_positions, _ = index.query(part, args.top)
    batch_ids = result.vacancy_ids[picks]
    agree_rows = (index.ids_of(base_positions) == batch_ids).all(axis=1) & (
        index.ids_of(idx_positions) == batch_ids
    ).all(axis=1)
    agreement = float(agree_rows.mean()) if sample else 1.0
    score_gap = float(np.nanmax(np.abs(base_scores - result.scores[picks]))) if sample else 0.0
    base_rate = sample / t_base[0] if t_base[0] > 0 else float("nan")
    single_rate = sample / t_single[0] if t_single[0] > 0 else float("nan")
    peak = max(peak_rss_mb(), peak_rss_children_mb())
    workers = 2 if args.engine == "dask" else args.workers

    print(
        f"load average after the batch: {load_after_batch:.1f} on {os.cpu_count()} cores; "
        f"batch CPU time {batch_cpu:.1f} s (this process and its workers)"
    )
    print_table(
        ["what", "seekers", "vacancies (open)", "seconds", "seekers/s", "peak RSS MB"],
        [
            [
                "demo generation",
                len(seekers),
                f"{len(vacancies)} ({len(index)})",
                t_gen[0],
                len(seekers) / t_gen[0],
                rss_before,
            ],
            ["index build", 0, len(index), t_index[0], 0, rss_before],
            [
                f"batch top-{args.top} ({args.engine}, {workers} workers)",
                len(seekers),
                len(index),
                wall,
                len(seekers) / wall,
                peak,
            ],
            *(
                [
                    [
                        "batch, one local process (same data)",
                        len(seekers),
                        len(index),
                        one_process_wall,
                        len(seekers) / one_process_wall,
                        peak_rss_mb(),
                    ]
                ]
                if args.engine == "dask"
                else []
            ),
            ["index, 1 thread, sample", sample, len(index), t_single[0], single_rate, peak_rss_mb()],
            ["exhaustive NumPy, 1 thread, sample", sample, len(index), t_base[0], base_rate, peak_rss_mb()],
        ],
    )
    print(
        f"agreement of top-{args.top} with exhaustive scoring on {sample} seekers: {agreement:.4f} "
        f"(max score difference {score_gap:.2e})"
    )
    print(
        key_values(
            {
                "seekers": len(seekers),
                "vacancies": len(vacancies),
                "open_vacancies": len(index),
                "top": args.top,
                "engine": args.engine,
                "workers": workers,
                "wall_s": wall,
                "seekers_per_s": len(seekers) / wall,
                "peak_rss_mb": peak,
                "agreement": agreement,
                "baseline_speed_ratio": single_rate / base_rate,
                "cpu_s": batch_cpu,
                "load_avg": load_after_batch,
                **(
                    {"one_process_wall_s": one_process_wall, "identical_to_one_process": identical}
                    if args.engine == "dask"
                    else {}
                ),
                "generation_s": t_gen[0],
            }
        )
    )
    return 0 if agreement == 1.0 and identical == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
