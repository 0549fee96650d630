"""Benchmark of the demo-data generator: rows per second and peak memory (and, optionally, loading).

    .venv/bin/python benchmarks/demo_generate.py --seekers 1000000 --vacancies 300000
    .venv/bin/python benchmarks/demo_generate.py --seekers 20000 --vacancies 6000 --load 5000

Seekers and vacancies are streamed chunk by chunk and dropped after counting, so peak RSS shows whether
generation is bounded by the chunk size rather than by the number of rows. Prints a table and ends with one
line of ``key=value`` figures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pasarkerja.ingest.demo.generator import (
    default_vocabulary,
    iter_seeker_arrays,
    iter_seekers,
    iter_vacancies,
)


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def timed(work: Callable[[], tuple[int, int]]) -> tuple[int, int, float, float]:
    """Run ``work`` (returning rows, skill links); return them with seconds and peak RSS after it."""
    start = time.perf_counter()
    rows, links = work()
    return rows, links, time.perf_counter() - start, peak_rss_mb()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--chunk-size", type=int, default=5000)
    parser.add_argument(
        "--skip-records", action="store_true", help="Time only the column-array form of seekers"
    )
    parser.add_argument(
        "--load",
        type=int,
        default=0,
        metavar="N",
        help="Also load N seekers (0.3 N vacancies) into a temp SQLite",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    default_vocabulary()
    from pasarkerja.ingest.demo.generator import _world

    _world(default_vocabulary())
    setup_s = time.perf_counter() - start
    baseline_mb = peak_rss_mb()
    results: list[tuple[str, int, int, float, float]] = []

    def seeker_arrays() -> tuple[int, int]:
        rows = links = 0
        for part in iter_seeker_arrays(args.seekers, args.seed):
            rows += len(part)
            links += int(part.skill_indptr[-1])
        return rows, links

    results.append(("seekers (arrays)", *timed(seeker_arrays)))

    if not args.skip_records:

        def seeker_records() -> tuple[int, int]:
            rows = links = 0
            for chunk in iter_seekers(args.seekers, args.seed, chunk_size=args.chunk_size):
                rows += len(chunk)
                links += sum(len(s.skill_ids) for s in chunk)
            return rows, links

        results.append(("seekers (records)", *timed(seeker_records)))

    def vacancy_records() -> tuple[int, int]:
        rows = links = 0
        for chunk in iter_vacancies(args.vacancies, args.seed, chunk_size=args.chunk_size):
            rows += len(chunk)
            links += sum(len(v.skills) for v in chunk)
        return rows, links

    results.append(("vacancies (records)", *timed(vacancy_records)))

    load_figures: dict[str, float] = {}
    if args.load:
        from pasarkerja.ingest.demo.load import load_demo
        from pasarkerja.store.crypto import PersonalDataCipher
        from pasarkerja.store.db import make_engine, upgrade
        from pasarkerja.store.reference import load_reference

        with tempfile.TemporaryDirectory() as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            upgrade(engine)
            load_reference(engine)
            began = time.perf_counter()
            counts = load_demo(
                engine,
                cipher=PersonalDataCipher(b"benchmark-secret-not-for-production"),
                seekers=args.load,
                vacancies=args.load * 3 // 10,
                seed=args.seed,
            )
            elapsed = time.perf_counter() - began
            engine.dispose()
        load_figures = {
            "load_s": elapsed,
            "load_seekers": counts["seekers"],
            "load_vacancies": counts["vacancies"],
        }
        results.append(
            ("load into SQLite", counts["seekers"] + counts["vacancies"], 0, elapsed, peak_rss_mb())
        )

    print(f"vocabulary and tables: {setup_s:.2f} s, RSS after setup {baseline_mb:.0f} MB")
    print(f"{'stage':<22}{'rows':>12}{'skill links':>14}{'seconds':>10}{'rows/s':>12}{'peak RSS MB':>13}")
    for name, rows, links, seconds, rss in results:
        rate = rows / seconds if seconds > 0 else float("inf")
        print(f"{name:<22}{rows:>12,}{links:>14,}{seconds:>10.2f}{rate:>12,.0f}{rss:>13.0f}")
    figures = {
        "seekers": args.seekers,
        "vacancies": args.vacancies,
        "setup_s": round(setup_s, 2),
    }
    for name, rows, _links, seconds, rss in results:
        key = name.split(" ")[0] + ("_" + name.split("(")[1].rstrip(")") if "(" in name else "")
        figures[f"{key}_s"] = round(seconds, 2)
        figures[f"{key}_rows_per_s"] = round(rows / seconds) if seconds > 0 else 0
        figures[f"{key}_peak_rss_mb"] = round(rss)
    figures.update({k: round(v, 2) for k, v in load_figures.items()})
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
