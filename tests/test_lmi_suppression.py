"""Statistical disclosure control: an attacker who knows every published cell and every margin tries to
recover the suppressed cells — by solving line equations one unknown at a time, by linear algebra, and by
interval bounds (linear programming with every suppressed cell ≥ 1, since empty cells are published as 0) —
and must fail, on fixed tables and on random ones (hypothesis)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from pasarkerja.lmi import TOTAL, LmiInputError, SuppressionPolicy
from pasarkerja.lmi.suppression import _exposed_in_component, lines_of, protect, recoverable

Key = tuple[str, ...]


def hypercube(interior: Mapping[Key, int], ndim: int) -> dict[Key, int]:
    """The cells plus every margin (sum over any subset of dimensions), as published tables carry them."""
    cube: dict[Key, int] = {}
    for key, count in interior.items():
        for mask in itertools.product((False, True), repeat=ndim):
            margin = tuple(TOTAL if rolled else v for v, rolled in zip(key, mask, strict=True))
            cube[margin] = cube.get(margin, 0) + count
    return {key: count for key, count in cube.items() if count > 0}


def iterative_attack(cube: Mapping[Key, int], hidden: set[Key], ndim: int) -> dict[Key, int]:
    """Solve every line (interior cells sum to the margin) that has exactly one unknown; repeat."""
    known = {key: value for key, value in cube.items() if key not in hidden}
    lines = lines_of(sorted(cube), [True] * ndim)
    recovered: dict[Key, int] = {}
    progress = True
    while progress:
        progress = False
        for line in lines:
            margin = max(line, key=lambda k: sum(v == TOTAL for v in k))
            unknown = [k for k in line if k not in known]
            if len(unknown) != 1:
                continue
            cell = unknown[0]
            interior_sum = sum(known[k] for k in line if k != margin and k != cell)
            known[cell] = known[margin] - interior_sum if cell != margin else interior_sum
            recovered[cell] = known[cell]
            progress = True
    return recovered


def linear_attack(cube: Mapping[Key, int], hidden: set[Key], ndim: int) -> set[Key]:
    """The hidden cells fixed by the system of all line equations (unit vector in the row space)."""
    unknowns = sorted(hidden)
    if not unknowns:
        return set()
    position = {key: i for i, key in enumerate(unknowns)}
    rows = []
    for line in lines_of(sorted(cube), [True] * ndim):
        margin = max(line, key=lambda k: sum(v == TOTAL for v in k))
        row = np.zeros(len(unknowns))
        for key in line:
            if key in position:
                row[position[key]] = -1.0 if key == margin else 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    exposed = set()
    for key, i in position.items():
        unit = np.zeros(len(unknowns))
        unit[i] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            exposed.add(key)
    return exposed


def interval_attack(cube: Mapping[Key, int], hidden: set[Key], ndim: int) -> dict[Key, tuple[float, float]]:
    """The hidden cells whose value the attacker pins down: minimise and maximise each one subject to every
    line equation (with the published values on the right-hand side) and ``x ≥ 1`` for every hidden cell.
    Returns cell → (lowest, highest) for the cells whose interval holds a single value."""
    unknowns = sorted(hidden)
    if not unknowns:
        return {}
    position = {key: i for i, key in enumerate(unknowns)}
    rows, rhs = [], []
    for line in lines_of(sorted(cube), [True] * ndim):
        margin = max(line, key=lambda k: sum(v == TOTAL for v in k))
        row = np.zeros(len(unknowns))
        constant = 0.0  # Σ interior − margin = 0, published values moved to the right-hand side
        for key in line:
            sign = -1.0 if key == margin else 1.0
            if key in position:
                row[position[key]] = sign
            else:
                constant -= sign * cube[key]
        if row.any():
            rows.append(row)
            rhs.append(constant)
    if not rows:
        return {}
    pinned = {}
    for key, i in position.items():
        objective = np.zeros(len(unknowns))
        objective[i] = 1.0
        extremes = []
        for sign in (1.0, -1.0):
            result = linprog(sign * objective, A_eq=np.array(rows), b_eq=np.array(rhs),
                             bounds=[(1, None)] * len(unknowns), method="highs")  # fmt: skip
            assert result.status in (0, 3), result.message  # 3: unbounded above (margin suppressed too)
            extremes.append(sign * result.fun if result.status == 0 else np.inf)
        low, high = extremes
        if high - low < 0.5:
            pinned[key] = (low, high)
    return pinned


def check(interior: Mapping[Key, int], ndim: int, k: int = 5) -> dict[Key, str]:
    cube = hypercube(interior, ndim)
    status, notes = protect(cube, [True] * ndim, k)
    assert notes == []
    hidden = set(status)
    for key, count in cube.items():
        if 0 < count < k:
            assert status.get(key) == "primary", key
    for line in lines_of(sorted(cube), [True] * ndim):
        assert sum(1 for key in line if key in hidden) != 1, line
    assert iterative_attack(cube, hidden, ndim) == {}
    assert linear_attack(cube, hidden, ndim) == set()
    assert interval_attack(cube, hidden, ndim) == {}
    for key in hidden:  # the true values are a solution of the attacker's system: the attack is sound
        assert cube[key] >= 1
    return status


def test_two_way_table_cannot_be_recovered_from_totals() -> None:
    # province × major group; two small cells in one row
    interior = {
        ("32", "2"): 40, ("32", "7"): 3, ("32", "9"): 2,
        ("35", "2"): 25, ("35", "7"): 30, ("35", "9"): 12,
        ("33", "2"): 8, ("33", "7"): 15, ("33", "9"): 9,
    }  # fmt: skip
    status = check(interior, 2)
    assert status[("32", "7")] == "primary" and status[("32", "9")] == "primary"
    # each column holding one primary cell got a complement, the smallest one available
    assert status[("33", "7")] == "secondary" and status[("33", "9")] == "secondary"
    assert len(status) == 4
    cube = hypercube(interior, 2)
    without_secondary = {key for key, reason in status.items() if reason == "primary"}
    assert iterative_attack(cube, without_secondary, 2)  # primary alone would leak: the test can fail


def test_one_way_table_and_a_lone_small_cell() -> None:
    status = check({("32",): 40, ("35",): 3, ("33",): 11, ("31",): 9}, 1)
    assert status == {("35",): "primary", ("31",): "secondary"}
    # only one non-empty cell in its line: the margin equals it and is suppressed as primary too
    status = check({("32", "2"): 3, ("35", "2"): 20, ("35", "7"): 9}, 2)
    assert status[("32", TOTAL)] == "primary"


def test_three_way_table() -> None:
    rng = np.random.default_rng(7)
    interior = {(p, o, s): int(rng.integers(0, 14)) for p in "abc" for o in "xyz" for s in "FM"}
    check({key: v for key, v in interior.items() if v}, 3)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=2).flatmap(
        lambda ndim: st.tuples(
            st.just(ndim),
            st.lists(st.integers(min_value=0, max_value=12), min_size=6**ndim, max_size=6**ndim),
            st.integers(min_value=2, max_value=6),
            st.integers(min_value=2, max_value=6),
        )
    )
)
def test_random_tables_are_protected(case: tuple[int, Sequence[int], int, int]) -> None:
    ndim, values, rows, cols = case
    shape = (rows,) if ndim == 1 else (rows, cols)
    keys = list(itertools.product(*[[f"c{i}" for i in range(n)] for n in shape]))
    interior = {key: values[i] for i, key in enumerate(keys) if values[i] > 0}
    if interior:
        check(interior, ndim)


def test_threshold_is_configurable_and_bounded() -> None:
    cube = hypercube({("a",): 6, ("b",): 12, ("c",): 30}, 1)
    assert protect(cube, [True], 5)[0] == {}
    status, _ = protect(cube, [True], 10)
    assert status == {("a",): "primary", ("b",): "secondary"}
    with pytest.raises(LmiInputError, match="at least 2"):
        SuppressionPolicy(k=1)


def test_line_rule_alone_leaks_and_the_audit_closes_it() -> None:
    # A 7 × 6 table where "≥ 2 suppressed per line" still leaves cells fixed by combining equations.
    rows = [(6, 3, 3, 0, 0, 0), (2, 9, 7, 10, 6, 7), (11, 8, 7, 6, 6, 11), (3, 9, 8, 0, 4, 10),
            (6, 0, 9, 8, 10, 2), (1, 10, 0, 6, 0, 3), (5, 5, 4, 0, 0, 1)]  # fmt: skip
    interior = {(f"r{i}", f"c{j}"): v for i, row in enumerate(rows) for j, v in enumerate(row) if v}
    cube = hypercube(interior, 2)
    line_rule_only, _ = protect(cube, [True, True], 5, audit=False)
    assert linear_attack(cube, set(line_rule_only), 2)  # the weaker pattern is attackable
    audited = check(interior, 2)
    assert len(audited) > len(line_rule_only)


def test_two_cells_of_one_are_not_pinned_by_the_lower_bound() -> None:
    # Row "32" holds two cells of 1 person: suppressing both satisfies the line rule and no linear
    # combination isolates either, but their remainder (row total − published) is 2 and each is ≥ 1, so
    # both would be exactly 1. The interval audit adds a complement.
    interior = {
        ("32", "2"): 40, ("32", "7"): 1, ("32", "9"): 1,
        ("35", "2"): 25, ("35", "7"): 30, ("35", "9"): 32,
        ("33", "2"): 28, ("33", "7"): 15, ("33", "9"): 19,
    }  # fmt: skip
    cube = hypercube(interior, 2)
    without_bounds, _ = protect(cube, [True, True], 5, audit=False)
    assert interval_attack(cube, set(without_bounds), 2)  # the line rule alone leaks: the test can fail
    status = check(interior, 2)
    assert status[("32", "7")] == "primary" and status[("32", "9")] == "primary"
    assert sum(1 for key in status if key[0] == "32") >= 3


def test_skill_table_by_one_dimension_is_protected() -> None:
    # Skill × province: the skill does not add up (a vacancy or person holds several skills), so each skill
    # is its own one-line group, decided without linear algebra; every skill's line must still resist the
    # three attacks, including the cells of 1 whose remainder would pin them.
    rng = np.random.default_rng(5)
    interior: dict[Key, int] = {}
    for skill in range(25):
        counts = rng.integers(0, 9, size=4)
        counts[rng.integers(0, 4)] = 1  # at least one cell of 1 per skill
        interior.update({(f"p{i}", f"s{skill}"): int(v) for i, v in enumerate(counts) if v})
    cube = {key: v for key, v in hypercube(interior, 2).items() if key[1] != TOTAL}
    status, notes = protect(cube, [True, False], 5)
    assert notes == [] and status
    for skill in {key[1] for key in cube}:
        line = {(key[0],): v for key, v in cube.items() if key[1] == skill}
        hidden = {(key[0],) for key in status if key[1] == skill}
        assert iterative_attack(line, hidden, 1) == {}
        assert linear_attack(line, hidden, 1) == set()
        assert interval_attack(line, hidden, 1) == {}
        assert all(status.get((key[0], skill)) == "primary" for key, v in line.items() if 0 < v < 5)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([1.0, -1.0]), min_size=1, max_size=7).flatmap(
        lambda signs: st.tuples(
            st.just(signs), st.lists(st.booleans(), min_size=len(signs), max_size=len(signs))
        )
    )
)
def test_one_line_shortcut_equals_the_linear_algebra(case: tuple[list[float], list[bool]]) -> None:
    # The one-equation shortcut against the general path (SVD + LP) on the same equation written twice,
    # which has the same solutions but goes through the algebra.
    signs, at_one = case
    cells = [(f"c{i}",) for i in range(len(signs))]
    equation = list(zip(cells, signs, strict=True))
    bound = frozenset(cell for cell, one in zip(cells, at_one, strict=True) if one)
    shortcut = _exposed_in_component(cells, [equation], bound)
    algebra = _exposed_in_component(cells, [equation, equation], bound)
    assert shortcut == algebra


def test_audit_answers_are_reused_only_for_the_same_group() -> None:
    rows = [(6, 3, 3, 0, 0, 0), (2, 9, 7, 10, 6, 7), (11, 8, 7, 6, 6, 11), (3, 9, 8, 0, 4, 10),
            (6, 0, 9, 8, 10, 2), (1, 10, 0, 6, 0, 3), (5, 5, 4, 0, 0, 1)]  # fmt: skip
    interior = {(f"r{i}", f"c{j}"): v for i, row in enumerate(rows) for j, v in enumerate(row) if v}
    cube = hypercube(interior, 2)
    lines = lines_of(sorted(cube), [True, True])
    pattern, _ = protect(cube, [True, True], 5, audit=False)
    ones = frozenset(key for key, v in cube.items() if v == 1)
    fresh, _ = recoverable(sorted(pattern), lines, at_bound=ones)
    assert fresh  # the line-rule pattern leaks: the audit has something to find
    solved: dict[tuple[Key, ...], list[Key]] = {}
    first, _ = recoverable(sorted(pattern), lines, at_bound=ones, solved=solved)
    again, _ = recoverable(sorted(pattern), lines, at_bound=ones, solved=solved)
    assert first == again == fresh and solved
    # one more suppressed cell changes its group, whose answer is then computed anew
    extra = min(key for key in cube if key not in pattern and TOTAL not in key)
    wider, _ = recoverable(sorted({*pattern, extra}), lines, at_bound=ones, solved=dict(solved))
    assert wider == recoverable(sorted({*pattern, extra}), lines, at_bound=ones)[0]


def test_groups_still_exposed_after_the_round_budget_are_suppressed_whole() -> None:
    # The table above needs audit rounds; with no rounds allowed the exposed groups are suppressed whole:
    # more cells than the audited pattern, still safe against every attack, and a note says so.
    rows = [(6, 3, 3, 0, 0, 0), (2, 9, 7, 10, 6, 7), (11, 8, 7, 6, 6, 11), (3, 9, 8, 0, 4, 10),
            (6, 0, 9, 8, 10, 2), (1, 10, 0, 6, 0, 3), (5, 5, 4, 0, 0, 1)]  # fmt: skip
    interior = {(f"r{i}", f"c{j}"): v for i, row in enumerate(rows) for j, v in enumerate(row) if v}
    cube = hypercube(interior, 2)
    budgeted, notes = protect(cube, [True, True], 5, max_audit_rounds=0)
    assert len(notes) == 1 and "suppressed whole" in notes[0], notes
    assert len(budgeted) > len(check(interior, 2))
    hidden = set(budgeted)
    assert iterative_attack(cube, hidden, 2) == {}
    assert linear_attack(cube, hidden, 2) == set()
    assert interval_attack(cube, hidden, 2) == {}
