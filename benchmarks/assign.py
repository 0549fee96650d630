"""Benchmark of capacity-aware assignment: exact min-cost flow vs the greedy baseline, same instance.

    .venv/bin/python benchmarks/assign.py --seekers 200000 --vacancies 20000
    .venv/bin/python benchmarks/assign.py --seekers 20000 --vacancies 2000 --candidates-per-seeker 10

The instance is synthetic and skewed the way a national job fair is: vacancy popularity follows a Zipf-like
law (a few employers draw most candidates), each seeker has about ``--candidates-per-seeker`` distinct
scored vacancies, scores are right-skewed (most matches mediocre, few excellent) with a per-seeker and a
per-vacancy effect, vacancies have 1–20 openings (most 1–3) and seekers accept 1–3 offers (most 1). Both
solvers get the same ``CandidateArrays`` and both results are checked against the capacities and
``min_score`` before figures are printed. Prints a table and ends with one line of ``key=value`` figures.

``--local-share S`` adds a third run with a minimum quota: on every vacancy at least a share S of the
openings for "local" candidates (each pair is local with probability 0.4, standing for "the seeker lives in
the vacancy's regency"), relaxed where it cannot be met, to show what quotas cost in time and score.
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import key_values, peak_rss_mb, print_table, timer

from pasarkerja.match.assign import Assignment, CandidateArrays, Quota, assign, assign_greedy


def synthetic_instance(
    n_seekers: int, n_vacancies: int, per_seeker: int, seed: int
) -> tuple[CandidateArrays, dict[str, int], dict[str, int]]:
    rng = np.random.default_rng(seed)
    # Zipf-like popularity, shuffled so that popularity is unrelated to the vacancy's index.
    popularity = 1.0 / np.arange(1, n_vacancies + 1) ** 0.9
    rng.shuffle(popularity)
    popularity /= popularity.sum()
    # Draw a few more than needed, drop repeated vacancies per seeker, keep the first `per_seeker` draws.
    draws = per_seeker + max(2, per_seeker // 4)
    slot = rng.choice(n_vacancies, size=(n_seekers, draws), p=popularity).ravel()
    seeker = np.repeat(np.arange(n_seekers, dtype=np.int64), draws)
    _, first = np.unique(seeker * n_vacancies + slot, return_index=True)
    first.sort()  # back to seeker-major, draw order
    seeker, slot = seeker[first], slot[first]
    group_start = np.flatnonzero(np.r_[True, seeker[1:] != seeker[:-1]])
    rank = np.arange(seeker.size) - np.repeat(group_start, np.diff(np.r_[group_start, seeker.size]))
    keep = rank < per_seeker
    seeker, slot = seeker[keep], slot[keep]

    seeker_effect = rng.normal(0.0, 0.08, n_seekers)
    vacancy_effect = rng.normal(0.0, 0.05, n_vacancies)
    score = rng.beta(2.0, 5.0, seeker.size) + seeker_effect[seeker] + vacancy_effect[slot]
    # A few excellent matches per seeker pool: the pairs the optimiser must not waste.
    excellent = rng.random(seeker.size) < 0.03
    score[excellent] += rng.uniform(0.3, 0.5, int(excellent.sum()))
    score = np.clip(score, 0.0, 1.0)

    openings = np.arange(1, 21)
    opening_p = openings**-1.5 / (openings**-1.5).sum()
    slot_capacity = rng.choice(openings, size=n_vacancies, p=opening_p)
    offers = rng.choice([1, 2, 3], size=n_seekers, p=[0.6, 0.3, 0.1])

    seeker_ids = [f"S{k:07d}" for k in range(n_seekers)]
    vacancy_ids = [f"V{k:06d}" for k in range(n_vacancies)]
    arrays = CandidateArrays(seeker_ids, vacancy_ids, seeker, slot, score)
    return (
        arrays,
        dict(zip(seeker_ids, offers.tolist(), strict=True)),
        dict(zip(vacancy_ids, slot_capacity.tolist(), strict=True)),
    )


def check(
    result: Assignment, seeker_capacity: dict[str, int], slot_capacity: dict[str, int], min_score: float
) -> None:
    """Refuse to report figures for an assignment that breaks a capacity or the minimum score."""
    per_seeker: dict[str, int] = {}
    per_slot: dict[str, int] = {}
    for pair in result.pairs:
        per_seeker[pair.seeker_id] = per_seeker.get(pair.seeker_id, 0) + 1
        per_slot[pair.slot_id] = per_slot.get(pair.slot_id, 0) + 1
        if pair.score < min_score:
            raise SystemExit(f"{result.solver}: pair below min_score: {pair}")
    over_seeker = [s for s, n in per_seeker.items() if n > seeker_capacity[s]]
    over_slot = [v for v, n in per_slot.items() if n > slot_capacity[v]]
    if over_seeker or over_slot:
        raise SystemExit(f"{result.solver}: capacity broken for {over_seeker[:3]} {over_slot[:3]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--candidates-per-seeker", type=int, default=20)
    parser.add_argument("--min-score", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--local-share", type=float, default=0.0, help="Also solve with this minimum quota")
    args = parser.parse_args(argv)

    with timer() as generate_s:
        arrays, seeker_capacity, slot_capacity = synthetic_instance(
            args.seekers, args.vacancies, args.candidates_per_seeker, args.seed
        )
    rss_generate = peak_rss_mb()
    n_pairs = len(arrays.score)
    eligible = int((np.asarray(arrays.score) >= args.min_score).sum())
    seats = sum(slot_capacity.values())

    flow = assign(
        arrays, seeker_capacity=seeker_capacity, slot_capacity=slot_capacity, min_score=args.min_score
    )
    runs = [("min-cost flow", flow, peak_rss_mb())]
    greedy = assign_greedy(
        arrays, seeker_capacity=seeker_capacity, slot_capacity=slot_capacity, min_score=args.min_score
    )
    runs.append(("greedy", greedy, peak_rss_mb()))
    quota_figures: dict[str, object] = {}
    if args.local_share > 0:
        local = np.random.default_rng(args.seed + 1).random(n_pairs) < 0.4
        labels: list[str | None] = ["local" if is_local else None for is_local in local.tolist()]
        with_groups = CandidateArrays(
            arrays.seeker_ids, arrays.slot_ids, arrays.seeker, arrays.slot, arrays.score, labels
        )
        quota = assign(
            with_groups,
            seeker_capacity=seeker_capacity,
            slot_capacity=slot_capacity,
            min_score=args.min_score,
            quotas=[Quota("local", at_least=args.local_share)],
            on_infeasible="relax",
        )
        runs.append((f"min-cost flow + local ≥ {args.local_share:g}", quota, peak_rss_mb()))
        quota_figures = {
            "quota_solve_s": round(quota.solve_seconds, 2),
            "quota_assign_s": round(quota.elapsed_seconds, 2),
            "quota_objective": f"{quota.total_score:.2f}",
            "quota_required": sum(q.min_seats for q in quota.quotas),
            "quota_shortfall": sum(q.shortfall for q in quota.quotas),
        }
    for _, result, _ in runs:
        check(result, seeker_capacity, slot_capacity, args.min_score)

    gain_pct = (
        100.0 * (flow.total_score - greedy.total_score) / greedy.total_score if greedy.total_score else 0.0
    )
    print(
        f"instance: {args.seekers} seekers (offers {sum(seeker_capacity.values())}), "
        f"{args.vacancies} vacancies ({seats} openings), {n_pairs} pairs "
        f"({eligible} at or above min_score {args.min_score:g}); "
        f"generated in {generate_s[0]:.1f} s, peak RSS {rss_generate:.0f} MB"
    )
    print_table(
        ["solver", "solve_s", "total_s", "objective", "assigned", "unfilled", "no offer", "peak_rss_mb"],
        [
            [
                name,
                round(r.solve_seconds, 2),
                round(r.elapsed_seconds, 2),
                round(r.total_score, 1),
                len(r.pairs),
                r.unfilled_openings,
                len(r.unassigned_seekers),
                round(rss),
            ]
            for name, r, rss in runs
        ],
    )
    figures: dict[str, object] = {
        "seekers": args.seekers,
        "vacancies": args.vacancies,
        "pairs": n_pairs,
        "openings": seats,
        "solve_s": round(flow.solve_seconds, 2),
        "assign_s": round(flow.elapsed_seconds, 2),
        # Objectives as text with 2 decimals: key_values would cut floats to 4 significant digits.
        "objective": f"{flow.total_score:.2f}",
        "assigned": len(flow.pairs),
        "greedy_s": round(greedy.elapsed_seconds, 2),
        "greedy_objective": f"{greedy.total_score:.2f}",
        "greedy_assigned": len(greedy.pairs),
        "gain_pct": round(gain_pct, 3),
        **quota_figures,
        "peak_rss_mb": round(peak_rss_mb()),
    }
    print(key_values(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
