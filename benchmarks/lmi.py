"""Benchmark of the labour-market-information indicators at national scale, on DuckDB or Dask.

    .venv/bin/python benchmarks/lmi.py --records 10000000 --engine duckdb
    .venv/bin/python benchmarks/lmi.py --records 10000000 --engine dask
    .venv/bin/python benchmarks/lmi.py --records 200000 --engine duckdb --check-dask

``--records N`` synthetic vacancy + seeker records (half each) from :mod:`pasarkerja.lmi.synthetic`, which
also draws their skills (3–7 per vacancy, 2–6 per seeker), referrals/applications (0.3 per seeker) and
placements (0.05 per seeker). Generation and loading are timed apart from the queries. Every indicator is
then computed once through the public ``compute()`` (suppression included) for ``--period`` with a
representative breakdown; wall and CPU seconds per query are printed. The DuckDB engine loads the Arrow
tables into its own storage; the Dask engine reads the same relations written as partitioned Parquet.

Baseline, in the same process: the simplest correct computation of one indicator (offered pay: median and
quartiles by province) with pandas ``groupby`` on the vacancy table — its numbers must equal the engine's.
``--check-dask`` also runs the Dask engine on the same data and checks every indicator's published table is
identical (meant for small sizes). Ends with one ``key=value`` line including ``max_query_s``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import key_values, peak_rss_mb, print_table, timer

from pasarkerja.lmi import (
    INDICATORS,
    TOTAL,
    Engine,
    IndicatorTable,
    LmiSource,
    compute,
    open_engine,
    write_source_parquet,
)
from pasarkerja.lmi.definitions import MONTHLY_FACTOR
from pasarkerja.lmi.schema import RELATIONS
from pasarkerja.lmi.synthetic import synthetic_tables

# One representative query per indicator: the breakdowns analysts ask for most (the example is
# tightness by province × ISCO sub-major group).
QUERIES: dict[str, list[str]] = {
    "active_seekers": ["province", "sex"],
    "new_registrations": ["province", "education"],
    "vacancies_posted": ["province", "isco1"],
    "vacancies_open": ["province"],
    "openings": ["isco2"],
    "referrals": ["province"],
    "placements": ["province", "sex"],
    "placement_rate": ["education"],
    "tightness": ["province", "isco2"],
    "offered_pay": ["province"],
    "below_minimum_wage_share": ["province"],
    "discriminatory_share": ["isco1"],
    "top_skills": ["isco1"],
    "skill_growth": [],
    "skill_shortage_index": ["isco1"],
    "education_mismatch": ["isco1"],
}
assert set(QUERIES) == set(INDICATORS)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_queries(engine: Engine, period: str) -> tuple[list[list[object]], dict[str, IndicatorTable], float]:
    rows: list[list[object]] = []
    tables: dict[str, IndicatorTable] = {}
    start = time.perf_counter()
    for name, by in QUERIES.items():
        cpu = cpu_seconds()
        with timer() as elapsed:
            table = compute(name, by, period, source=engine)
        tables[name] = table
        suppressed = sum(row.suppressed for row in table.rows)
        rows.append(
            [name, ",".join(by) or "(total)", len(table.rows), suppressed, elapsed[0], cpu_seconds() - cpu]
        )
    return rows, tables, time.perf_counter() - start


def baseline_offered_pay(vacancy: pd.DataFrame, period: str) -> tuple[pd.DataFrame, float]:
    """Median and quartiles of monthly offered pay by province, the plain pandas way (docs/INDICATORS.md:
    midpoint of the stated range, or the one bound stated, times the period's monthly factor)."""
    with timer() as elapsed:
        year, quarter = int(period[:4]), int(period[-1])
        first = pd.Timestamp(year, 3 * quarter - 2, 1)
        last = first + pd.offsets.QuarterEnd(0)
        posted = pd.to_datetime(vacancy["posted_date"])
        keep = (posted >= first) & (posted <= last) & (vacancy["status"].fillna("") != "draft")
        v = vacancy[keep]
        low = v["pay_min"].where(v["pay_min"] > 0)
        high = v["pay_max"].where(v["pay_max"] > 0)
        factor = v["pay_period"].fillna("month").map(MONTHLY_FACTOR)
        pay = ((low + high) / 2).fillna(low).fillna(high) * factor
        province = v["region_code"].fillna("").str.slice(0, 2)
        frame = pd.DataFrame({"province": province, "pay": pay}).dropna(subset=["pay"])
        grouped = frame.groupby("province")["pay"]
        result = pd.DataFrame(
            {"p25": grouped.quantile(0.25), "value": grouped.quantile(0.5), "p75": grouped.quantile(0.75)}
        ).round()
    return result, elapsed[0]


def check_baseline(table: IndicatorTable, baseline: pd.DataFrame) -> bool:
    for row in table.rows:
        province = row.key[0]
        if province in (TOTAL, None) or row.suppressed:
            continue
        expected = baseline.loc[province]
        if any(int(expected[m]) != row.values[m] for m in ("p25", "value", "p75")):
            return False
    return True


def generated_tables(args: argparse.Namespace, seekers: int, vacancies: int) -> dict[str, pa.Table]:
    """The synthetic relations, from ``--cache-dir`` when an earlier run with the same sizes and seed wrote
    them there (generating 10 M records takes minutes; reading them back, seconds)."""
    if args.cache_dir is None:
        return synthetic_tables(seekers=seekers, vacancies=vacancies, seed=args.seed, skills=args.skills)
    folder = Path(args.cache_dir) / f"records{args.records}_seed{args.seed}_skills{args.skills}"
    paths = {name: folder / f"{name}.parquet" for name in RELATIONS}
    if all(path.exists() for path in paths.values()):
        print(f"synthetic relations read from cache {folder}")
        return {name: pq.read_table(path) for name, path in paths.items()}
    tables = synthetic_tables(seekers=seekers, vacancies=vacancies, seed=args.seed, skills=args.skills)
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        # Written under a temporary name first so that an interrupted run never leaves a half cache.
        partial = paths[name].with_suffix(".partial")
        pq.write_table(table, partial)
        partial.replace(paths[name])
    print(f"synthetic relations cached in {folder}")
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--records", type=int, default=10_000_000, help="vacancy + seeker records (half each)"
    )
    parser.add_argument("--engine", choices=("duckdb", "dask"), default="duckdb")
    parser.add_argument("--period", default="2025Q3")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skills", type=int, default=2000, help="distinct skills in the synthetic data")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rows-per-file", type=int, default=1_000_000, help="Parquet partition size (Dask)")
    parser.add_argument("--check-dask", action="store_true", help="also run Dask and compare every table")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="keep the generated relations as Parquet here and reuse them on later runs of the same size",
    )
    args = parser.parse_args()

    seekers = args.records // 2
    vacancies = args.records - seekers
    with timer() as generate:
        tables = generated_tables(args, seekers, vacancies)
    sizes = {name: table.num_rows for name, table in tables.items()}
    print(
        f"generated {seekers:,} seekers, {vacancies:,} vacancies, "
        + ", ".join(f"{n:,} {name}" for name, n in sizes.items() if name not in ("seeker", "vacancy"))
        + f" in {generate[0]:.1f} s"
    )

    with timer() as baseline_load:
        vacancy_frame = (
            tables["vacancy"]
            .select(["region_code", "pay_min", "pay_max", "pay_period", "posted_date", "status"])
            .to_pandas()
        )
    baseline, baseline_s = baseline_offered_pay(vacancy_frame, args.period)
    del vacancy_frame

    with tempfile.TemporaryDirectory(prefix="lmi_bench_") as tmp:
        write_s = 0.0
        if args.engine == "dask" or args.check_dask:
            with timer() as written:
                parquet = write_source_parquet(tables, Path(tmp), rows_per_file=args.rows_per_file)
            write_s = written[0]
            print(f"wrote partitioned Parquet in {write_s:.1f} s")
        if args.engine == "duckdb":
            source = LmiSource.from_arrow(tables)
        else:
            source = parquet
            del tables
        with timer() as load:
            engine = open_engine(source, args.engine, threads=args.threads)
        try:
            rows, published, total_s = run_queries(engine, args.period)
        finally:
            engine.close()
        agree = ""
        if args.check_dask:
            dask_engine = open_engine(parquet, "dask", threads=args.threads)
            try:
                _, dask_tables, dask_total = run_queries(dask_engine, args.period)
            finally:
                dask_engine.close()
            same = all(published[n].rows == dask_tables[n].rows for n in QUERIES)
            agree = f"dask_identical={same} dask_total_s={dask_total:.2f}"
            print(f"Dask on the same data: all {len(QUERIES)} tables identical = {same} ({dask_total:.1f} s)")

    baseline_ok = check_baseline(published["offered_pay"], baseline)
    print()
    print(
        f"{args.engine}, {args.threads} threads, period {args.period}, load {load[0]:.1f} s "
        f"(load average {os.getloadavg()[0]:.1f}):"
    )
    print_table(["indicator", "by", "rows", "suppressed", "wall_s", "cpu_s"], rows)
    query_times = [float(row[4]) for row in rows]  # type: ignore[arg-type]
    print()
    engine_pay = next(row[4] for row in rows if row[0] == "offered_pay")
    print_table(
        ["offered pay by province", "seconds", "equal"],
        [
            ["pandas groupby baseline", baseline_s, baseline_ok],
            [f"{args.engine} engine", engine_pay, baseline_ok],
        ],
    )
    figures: dict[str, object] = {
        "records": args.records,
        "engine": args.engine,
        "threads": args.threads,
        "vacancy_skill_rows": sizes["vacancy_skill"],
        "seeker_skill_rows": sizes["seeker_skill"],
        "generate_s": generate[0],
        "parquet_write_s": write_s,
        "load_s": load[0],
        "queries": len(rows),
        "total_query_s": total_s,
        "median_query_s": float(np.median(query_times)),
        "max_query_s": max(query_times),
        "max_query": rows[int(np.argmax(query_times))][0],
        "baseline_pay_s": baseline_s,
        "baseline_load_s": baseline_load[0],
        "baseline_equal": baseline_ok,
        "peak_rss_mb": peak_rss_mb(),
        "loadavg": os.getloadavg()[0],
    }
    line = key_values(figures)
    print(line + (" " + agree if agree else ""))


if __name__ == "__main__":
    main()
