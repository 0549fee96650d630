"""Benchmark of the regional training-needs analysis (docs/GAP.md) for BLK planners.

    .venv/bin/python benchmarks/gap_regional.py --seekers 100000 --vacancies 10000
    .venv/bin/python benchmarks/gap_regional.py --seekers 1000000 --vacancies 100000

Synthetic seekers, vacancies and training programmes come from the demo generator (real regencies, the
skill catalogue, realistic skew). Generation is timed apart from the analysis. The analysis is
:func:`pasarkerja.gap.regional_needs` — demand and supply per province and regency, unmet and closable demand,
and the top programmes to open or expand per province and per regency — timed as wall and CPU seconds.

In the same run the simplest correct baseline, :func:`pasarkerja.gap.aggregate_plain` (row-by-row Python
dict counting), aggregates a sample of the seekers and vacancies; the sparse aggregation of the same sample
must agree with it exactly (``agreement``), and ``baseline_speed_ratio`` is the sparse rows/s over the
baseline rows/s on that sample. Ends with one ``key=value`` line.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import key_values, peak_rss_mb, print_table, timer

from pasarkerja.gap import (
    Programme,
    SeekerColumns,
    VacancyColumns,
    aggregate,
    aggregate_plain,
    regional_needs,
)
from pasarkerja.ingest.demo.generator import generate_training, iter_seeker_arrays, vacancy_arrays


def seeker_columns(n: int, seed: int) -> tuple[SeekerColumns, tuple[str, ...], tuple[str, ...]]:
    """``n`` demo seekers (all active) as columns, block by block."""
    regions, indptrs, indices = [], [np.zeros(1, np.int64)], []
    offset = 0
    region_codes: tuple[str, ...] = ()
    skill_ids: tuple[str, ...] = ()
    for block in iter_seeker_arrays(n, seed):
        regions.append(block.region.astype(np.int64))
        indptrs.append(block.skill_indptr[1:].astype(np.int64) + offset)
        indices.append(block.skill_indices.astype(np.int32))
        offset += int(block.skill_indptr[-1])
        region_codes, skill_ids = block.region_codes, block.skill_ids
    columns = SeekerColumns(
        region=np.concatenate(regions) if regions else np.zeros(0, np.int64),
        skill_indptr=np.concatenate(indptrs),
        skill_indices=np.concatenate(indices) if indices else np.zeros(0, np.int32),
    )
    return columns, region_codes, skill_ids


def programmes(count: int, seed: int) -> list[Programme]:
    _, courses = generate_training(count, seed)
    return [
        Programme(
            id=c.external_id,
            title=c.title,
            skill_ids=c.skill_ids,
            hours_jp=c.hours_jp,
            cost_rp=c.cost_rp,
            region_code=c.region_code,
            modality=c.modality,
            capacity=c.capacity,  # type: ignore[arg-type]
            start_dates=c.start_dates,
            is_active=c.is_active,
        )
        for c in courses
    ]


def _sample(
    seekers: SeekerColumns, vacancies: VacancyColumns, n: int, m: int
) -> tuple[SeekerColumns, VacancyColumns]:
    s_end, v_end = int(seekers.skill_indptr[n]), int(vacancies.skill_indptr[m])
    return (
        SeekerColumns(seekers.region[:n], seekers.skill_indptr[: n + 1], seekers.skill_indices[:s_end]),
        VacancyColumns(
            vacancies.region[:m], vacancies.openings[:m], vacancies.skill_indptr[: m + 1],
            vacancies.skill_indices[:v_end], vacancies.is_open[:m] if vacancies.is_open is not None else None,
            vacancies.skill_essential[:v_end] if vacancies.skill_essential is not None else None,
        ),
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--programmes", type=int, default=500)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--baseline-seekers", type=int, default=50_000, help="seekers in the baseline sample")
    args = parser.parse_args()

    with timer() as generation:
        seekers, region_codes, skill_ids = seeker_columns(args.seekers, args.seed + 1)
        demo = vacancy_arrays(args.vacancies, args.seed)
        vacancies = VacancyColumns(
            region=demo.region.astype(np.int64),
            openings=demo.openings.astype(np.int64),
            skill_indptr=demo.skill_indptr.astype(np.int64),
            skill_indices=demo.skill_indices.astype(np.int32),
            is_open=demo.is_open,
            skill_essential=demo.skill_essential,
        )
        catalogue = programmes(args.programmes, args.seed)
    assert demo.region_codes == region_codes and demo.skill_ids == skill_ids

    cpu_start = time.process_time()
    with timer() as analysis:
        needs = regional_needs(
            seekers, vacancies, region_codes, skill_ids, catalogue, top_programmes=10,
            programme_levels=("province", "regency"),
        )  # fmt: skip
    cpu = time.process_time() - cpu_start

    # Baseline on a sample: row-by-row dict counting against the sparse aggregation of the same rows.
    n = min(args.seekers, args.baseline_seekers)
    m = min(args.vacancies, max(1, n * args.vacancies // max(args.seekers, 1)))
    s_sample, v_sample = _sample(seekers, vacancies, n, m)
    with timer() as plain_time:
        plain_demand, plain_supply = aggregate_plain(s_sample, v_sample)
    with timer() as sparse_time:
        demand, supply, _, _ = aggregate(s_sample, v_sample, len(region_codes), len(skill_ids))
    agreement = {k: float(v) for k, v in plain_supply.items()} == {
        k: float(v) for k, v in np.ndenumerate(supply) if v
    } and all(abs(demand[k] - v) < 1e-9 for k, v in plain_demand.items()) and len(plain_demand) == int(
        np.count_nonzero(demand)
    )  # fmt: skip
    ratio = plain_time[0] / max(sparse_time[0], 1e-9)
    peak = peak_rss_mb()

    print(f"regional training needs: {args.seekers:,} seekers, {args.vacancies:,} vacancies, "
          f"{len(catalogue):,} programmes, {len(region_codes)} regencies, "
          f"{len(skill_ids)} skills")  # fmt: skip
    print_table(
        ["step", "rows", "wall s", "rows/s"],
        [
            ["generate (demo generator)", args.seekers + args.vacancies, generation[0], ""],
            ["regional_needs (sparse)", args.seekers + args.vacancies, analysis[0],
             (args.seekers + args.vacancies) / analysis[0]],
            [f"baseline aggregate_plain (sample {n:,}+{m:,})", n + m, plain_time[0], (n + m) / plain_time[0]],
            ["sparse aggregate (same sample)", n + m, sparse_time[0], (n + m) / sparse_time[0]],
        ],
    )  # fmt: skip
    print(f"skill-need rows {len(needs.skills):,}, programme rows {len(needs.programmes):,}, "
          f"cpu {cpu:.2f} s, peak RSS {peak:,.0f} MiB, baseline agreement {agreement}")  # fmt: skip
    print(
        key_values(
            {
                "seekers": args.seekers,
                "vacancies": args.vacancies,
                "programmes": len(catalogue),
                "generate_s": generation[0],
                "wall_s": analysis[0],
                "cpu_s": cpu,
                "peak_rss_mb": peak,
                "baseline_speed_ratio": ratio,
                "agreement": int(agreement),
            }
        )
    )


if __name__ == "__main__":
    main()
