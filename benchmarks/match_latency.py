"""Benchmark of one recommendation: the exact top-k for one seeker against the vacancy index.

    .venv/bin/python benchmarks/match_latency.py --vacancies 100000 --queries 200

Seekers and vacancies come from the demo generator. Each query encodes nothing (the seeker is already a
one-row table) and runs :meth:`VacancyIndex.query`; the exhaustive NumPy scorer on the same seekers is the
baseline. Goal: p95 ≤ 50 ms at 100k vacancies. Ends with one ``key=value`` line.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import key_values, peak_rss_mb, print_table, timer
from match_batch import demo_tables

from pasarkerja.match import MatchSettings, VacancyIndex
from pasarkerja.match.records import skill_relatedness_from_catalogue
from pasarkerja.taxonomy.vocab import skill_catalogue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--baseline-queries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)

    seekers, vacancies = demo_tables(args.queries, args.vacancies, args.seed)
    with timer() as t_index:
        index = VacancyIndex(vacancies, MatchSettings(), skill_relatedness_from_catalogue(skill_catalogue()))
    index.query(seekers.slice(0, 1), args.top)  # warm the caches (occupation rows) once

    latencies, cpu, agree = [], [], 0
    for i in range(len(seekers)):
        one = seekers.slice(i, i + 1)
        start, start_cpu = time.perf_counter(), time.process_time()
        positions, _ = index.query(one, args.top)
        latencies.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if i < args.baseline_queries:
            base_positions, _ = index.exhaustive(one, args.top)
            agree += int((positions == base_positions).all())
    baseline = []
    for i in range(min(args.baseline_queries, len(seekers))):
        one = seekers.slice(i, i + 1)
        start = time.perf_counter()
        index.exhaustive(one, args.top)
        baseline.append(time.perf_counter() - start)
    ms = np.array(latencies) * 1000
    cpu_ms = np.array(cpu) * 1000
    base_ms = np.array(baseline) * 1000
    checked = min(args.baseline_queries, len(seekers))
    agreement = agree / checked if checked else 1.0

    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print_table(
        ["what", "vacancies (open)", "queries", "p50 ms", "p95 ms", "max ms", "peak RSS MB"],
        [
            [
                "index query",
                f"{len(vacancies)} ({len(index)})",
                len(ms),
                float(np.percentile(ms, 50)),
                float(np.percentile(ms, 95)),
                float(ms.max()),
                peak_rss_mb(),
            ],
            [
                "index query, CPU time",
                f"{len(vacancies)} ({len(index)})",
                len(cpu_ms),
                float(np.percentile(cpu_ms, 50)),
                float(np.percentile(cpu_ms, 95)),
                float(cpu_ms.max()),
                peak_rss_mb(),
            ],
            [
                "exhaustive NumPy",
                f"{len(vacancies)} ({len(index)})",
                len(base_ms),
                float(np.percentile(base_ms, 50)),
                float(np.percentile(base_ms, 95)),
                float(base_ms.max()),
                peak_rss_mb(),
            ],
        ],
    )
    print(
        f"index build {t_index[0]:.2f} s; "
        f"top-{args.top} agreement with exhaustive on {checked} seekers: {agreement}"
    )
    print(
        key_values(
            {
                "vacancies": len(vacancies),
                "open_vacancies": len(index),
                "queries": len(ms),
                "top": args.top,
                "p50_ms": float(np.percentile(ms, 50)),
                "p95_ms": float(np.percentile(ms, 95)),
                "cpu_p50_ms": float(np.percentile(cpu_ms, 50)),
                "cpu_p95_ms": float(np.percentile(cpu_ms, 95)),
                "load_avg": os.getloadavg()[0],
                "baseline_p50_ms": float(np.percentile(base_ms, 50)),
                "agreement": agreement,
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )
    return 0 if agreement == 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
