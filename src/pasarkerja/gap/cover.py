"""Weighted set cover: the cheapest collection of sets (programmes) covering a universe (missing skills).

Exact with OR-Tools CP-SAT for small instances; greedy (cheapest cost per newly covered element, then
redundant sets removed) for large ones, whose cost is at most H(d) ≤ ln n + 1 times the optimum (n elements
to cover, d the largest number of them one set covers; Chvátal 1979). Removing redundant sets afterwards only
lowers the cost, so the bound still holds.

Ties are broken by a second objective (e.g. hours when minimising money), then by fewer sets (greedy: then
by the lower set index).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ortools.sat.python import cp_model

from pasarkerja.gap.records import GapInputError

CoverMethod = Literal["auto", "exact", "greedy"]
#: ``auto`` solves exactly up to this many candidate sets (and EXACT_MAX_ELEMENTS elements), else greedily.
EXACT_MAX_SETS = 300
EXACT_MAX_ELEMENTS = 200


@dataclass(frozen=True, slots=True)
class CoverResult:
    chosen: tuple[int, ...]  # set indices, ascending
    cost: int
    method: Literal["exact", "greedy"]
    optimal: bool  # proven optimal (exact, within the time limit)
    bound: float | None  # greedy's guarantee: cost ≤ bound × optimum


def greedy_bound(n_elements: int) -> float:
    """The stated guarantee of greedy set cover, ln n + 1 (n ≥ 1)."""
    return math.log(max(n_elements, 1)) + 1.0


def _validate(n_elements: int, sets: Sequence[frozenset[int]], costs: Sequence[int]) -> None:
    if len(sets) != len(costs):
        raise GapInputError(f"set cover: {len(sets)} sets but {len(costs)} costs")
    for j, c in enumerate(costs):
        if c < 0:
            raise GapInputError(f"set cover: set {j} has a negative cost {c}")
    covered = frozenset().union(*sets) if sets else frozenset()
    missing = [e for e in range(n_elements) if e not in covered]
    if missing:
        raise GapInputError(f"set cover: elements {missing[:10]} are in no set (remove them before solving)")


def _total(chosen: Sequence[int], costs: Sequence[int]) -> int:
    return int(sum(costs[j] for j in chosen))


def greedy_cover(
    n_elements: int,
    sets: Sequence[frozenset[int]],
    costs: Sequence[int],
    secondary: Sequence[int] | None = None,
) -> CoverResult:
    """Greedy weighted set cover of elements ``0..n_elements-1`` (every element must be in some set)."""
    _validate(n_elements, sets, costs)
    second = list(secondary) if secondary is not None else [0] * len(sets)
    uncovered = set(range(n_elements))
    chosen: list[int] = []
    while uncovered:
        best: tuple[float, int, int, int] | None = None
        for j, s in enumerate(sets):
            new = len(s & uncovered)
            if new == 0:
                continue
            key = (costs[j] / new, -new, second[j], j)
            if best is None or key < best:
                best = key
        assert best is not None  # every element is in some set (validated)
        j = best[3]
        chosen.append(j)
        uncovered -= sets[j]
    # Drop sets made redundant by later picks, most expensive first.
    universe = frozenset(range(n_elements))
    for j in sorted(chosen, key=lambda k: (-costs[k], -second[k], -k)):
        rest = [k for k in chosen if k != j]
        if frozenset().union(*(sets[k] for k in rest)) >= universe:
            chosen = rest
    chosen.sort()
    return CoverResult(tuple(chosen), _total(chosen, costs), "greedy", False, greedy_bound(n_elements))


def exact_cover(
    n_elements: int,
    sets: Sequence[frozenset[int]],
    costs: Sequence[int],
    secondary: Sequence[int] | None = None,
    *,
    time_limit_s: float = 10.0,
) -> CoverResult:
    """Optimal weighted set cover with CP-SAT; ties broken by ``secondary`` then fewer sets.

    If the time limit ends the search before optimality is proven, the best cover found is returned with
    ``optimal=False``; if none was found, the greedy cover is returned instead.
    """
    _validate(n_elements, sets, costs)
    if n_elements == 0:
        return CoverResult((), 0, "exact", True, None)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{j}") for j in range(len(sets))]
    owners: list[list[int]] = [[] for _ in range(n_elements)]
    for j, s in enumerate(sets):
        for e in s:
            owners[e].append(j)
    for e in range(n_elements):
        model.add_bool_or([x[j] for j in owners[e]])
    primary = sum(int(costs[j]) * x[j] for j in range(len(sets)))
    model.minimize(primary)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = 1  # deterministic, and the instances are small
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return greedy_cover(n_elements, sets, costs, secondary)
    optimal = status == cp_model.OPTIMAL
    best = round(solver.objective_value)
    # Second stage: among covers of optimal cost, the lowest secondary cost, then the fewest sets.
    second = list(secondary) if secondary is not None else [0] * len(sets)
    tie = len(sets) + 1
    model.add(primary <= best)
    model.minimize(sum((int(second[j]) * tie + 1) * x[j] for j in range(len(sets))))
    hint = [j for j in range(len(sets)) if solver.value(x[j])]
    for j in range(len(sets)):
        model.add_hint(x[j], j in hint)
    status2 = solver.solve(model)
    if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = [j for j in range(len(sets)) if solver.value(x[j])]
    else:
        chosen = hint
    return CoverResult(tuple(chosen), _total(chosen, costs), "exact", optimal, None)


def solve_cover(
    n_elements: int,
    sets: Sequence[frozenset[int]],
    costs: Sequence[int],
    secondary: Sequence[int] | None = None,
    *,
    method: CoverMethod = "auto",
    exact_max_sets: int = EXACT_MAX_SETS,
    exact_max_elements: int = EXACT_MAX_ELEMENTS,
    time_limit_s: float = 10.0,
) -> CoverResult:
    """Exact when asked, or (``auto``) when the instance is small enough; greedy otherwise."""
    if method not in ("auto", "exact", "greedy"):
        raise GapInputError(f"set cover method must be 'auto', 'exact' or 'greedy', got {method!r}")
    use_exact = method == "exact" or (
        method == "auto" and len(sets) <= exact_max_sets and n_elements <= exact_max_elements
    )
    if use_exact:
        return exact_cover(n_elements, sets, costs, secondary, time_limit_s=time_limit_s)
    return greedy_cover(n_elements, sets, costs, secondary)
