"""Statistical disclosure control for published tables: primary and secondary cell suppression.

A table is a hypercube of cells keyed by one value per dimension, where :data:`TOTAL` (``"_T"``) marks a
margin; each cell carries its *basis*, the number of persons it counts. Rules:

* **primary** — a cell counting 1 to k−1 persons is suppressed (k = 5 by default). Empty cells (0) are not:
  they are not published as persons and cannot identify anyone.
* **secondary** — along every additive dimension, each *line* (the cells that sum to one margin, the margin
  included) holds either no suppressed cell or at least two, so a suppressed value cannot be recovered by
  subtracting the others from the total. The complement chosen is the line's smallest non-empty published
  cell (interior cells before margins, then by key, so the choice is deterministic across linked tables).
* **audit** — the rule above stops the row-by-row subtraction attack but not every linear one (two
  suppression cycles joined by one cell let a sum of row and column equations isolate it). So the pattern is
  audited with linear algebra: a suppressed cell is recoverable exactly when its unit vector lies in the row
  space of the line equations over the suppressed cells; any such cell gets a further complement. The two
  steps repeat until nothing changes (a fixpoint: each round adds at least one cell, so it ends).
* **interval audit** — an attacker also knows that every suppressed cell holds at least one person (empty
  cells are published as 0). With that bound, two suppressed cells of 1 summing to a line's remainder of 2
  are both exactly 1, although no linear combination isolates either. A suppressed cell is fixed by the
  equations plus ``x ≥ 1`` exactly when every feasible direction leaves it unchanged; the directions are the
  null space of the equations restricted, at the true values, to keep cells that sit at the bound (value 1)
  non-decreasing. One linear programme per linked group finds which bound cells can move (the set of
  cells that can increase is closed under addition, so maximising their count at once finds all of them);
  the ones that cannot are pinned at 1, and the null space with those pinned decides the rest. Exposed cells
  get a complement as above. The audit is over the real numbers; on two-way tables the line equations are
  totally unimodular, so an interval wider than a point holds at least two whole numbers.

Rates, medians and shares are suppressed on their basis (the persons in the denominator); they follow the
same pattern as the counts their basis is made of.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import linprog

from pasarkerja.lmi.definitions import TOTAL
from pasarkerja.lmi.periods import LmiInputError

Key = tuple[str, ...]
Reason = Literal["primary", "secondary"]
# Components larger than this are audited line by line only (an SVD over them would take too long); the
# audit notes it. A table of 38 provinces × 43 sub-major groups stays far below.
AUDIT_LIMIT = 4000
# Rounds of audit and complement before a still-exposed linked group is suppressed whole (see protect).
MAX_AUDIT_ROUNDS = 12


@dataclass(frozen=True, slots=True)
class SuppressionPolicy:
    """``k``: smallest publishable number of persons in a cell (default 5, at least 2).
    ``suppress_vacancies``: also apply the rules to tables whose basis is vacancies (job ads are public, so
    by default they are not suppressed)."""

    k: int = 5
    suppress_vacancies: bool = False

    def __post_init__(self) -> None:
        if self.k < 2:
            raise LmiInputError(f"suppression threshold k must be at least 2, got {self.k}")


def lines_of(keys: Sequence[Key], additive: Sequence[bool]) -> list[list[Key]]:
    """The lines of the hypercube: for each additive dimension, cells that share every other coordinate and
    whose margin (the :data:`TOTAL` cell) is among them."""
    out: list[list[Key]] = []
    for axis, is_additive in enumerate(additive):
        if not is_additive:
            continue
        groups: dict[Key, list[Key]] = defaultdict(list)
        for key in keys:
            groups[key[:axis] + key[axis + 1 :]].append(key)
        for rest, members in groups.items():
            total = (*rest[:axis], TOTAL, *rest[axis:])
            if total in members and len(members) > 1:
                out.append(members)
    return out


def _pick(line: Sequence[Key], basis: Mapping[Key, int], status: Mapping[Key, Reason]) -> Key | None:
    candidates = [c for c in line if c not in status and basis.get(c, 0) > 0]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (basis[c], TOTAL in c, c))


def recoverable(
    suppressed: Sequence[Key],
    lines: Sequence[Sequence[Key]],
    limit: int = AUDIT_LIMIT,
    *,
    at_bound: frozenset[Key] = frozenset(),
    margins: Sequence[Key] | None = None,
    solved: dict[tuple[Key, ...], list[Key]] | None = None,
) -> tuple[list[Key], bool]:
    """The suppressed cells whose exact value follows from the line equations (sum of interior cells =
    margin) given every published cell, and whether every component could be audited. ``at_bound``: the
    suppressed cells whose true value is 1, the least a suppressed (non-empty) cell can hold; with it the
    audit also finds cells pinned by the attacker's knowledge that every suppressed cell is ≥ 1.
    ``margins``: the margin of each line, when the caller has them. ``solved``: the answer per component
    (keyed by its cells) from earlier calls over the same lines and ``at_bound`` — a component's equations
    are the lines through its cells, so the same cells mean the same equations and the same answer; the
    rounds of :func:`protect` change a few groups at a time and re-audit only those."""
    index = {key: i for i, key in enumerate(suppressed)}
    # Each equation keeps its unknowns with their sign: +1 for an interior cell, −1 for the margin.
    equations: list[list[tuple[Key, float]]] = []
    for number, line in enumerate(lines):
        margin = _margin_of(line) if margins is None else margins[number]
        unknowns = [(key, -1.0 if key == margin else 1.0) for key in line if key in index]
        if unknowns:
            equations.append(unknowns)
    # Connected components of unknowns (union-find over shared equations): each is audited on its own.
    parent = list(range(len(suppressed)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for eq in equations:
        first = find(index[eq[0][0]])
        for key, _ in eq[1:]:
            other = find(index[key])
            if other != first:
                parent[other] = first
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(suppressed)):
        members[find(i)].append(i)
    by_component: dict[int, list[list[tuple[Key, float]]]] = defaultdict(list)
    for eq in equations:
        by_component[find(index[eq[0][0]])].append(eq)
    found: list[Key] = []
    complete = True
    for root, cells in members.items():
        eqs = by_component.get(root, [])
        if not eqs:
            continue
        if len(cells) > limit:
            complete = False
            continue
        signature = tuple(suppressed[c] for c in cells)
        if solved is not None and signature in solved:
            found.extend(solved[signature])
            continue
        exposed = _exposed_in_component(signature, eqs, at_bound)
        if solved is not None:
            solved[signature] = exposed
        found.extend(exposed)
    return found, complete


def _exposed_in_component(
    cells: Sequence[Key], eqs: Sequence[Sequence[tuple[Key, float]]], at_bound: frozenset[Key]
) -> list[Key]:
    """The cells of one linked group whose value the group's equations (plus ``x ≥ 1``) fix."""
    position = {key: j for j, key in enumerate(cells)}
    bound = [j for j, key in enumerate(cells) if key in at_bound]
    if len(eqs) == 1:
        # One equation (a line of a table whose other lines hold no suppressed cell, e.g. each skill of a
        # skill table by one dimension): no SVD needed. The row space is spanned by the equation and the
        # unit vectors of the cells pinned at the bound, so a cell is fixed when it is pinned, or when every
        # other cell of the equation is (the equation then gives its value); otherwise the equation's own
        # free cells let it move.
        matrix = np.zeros((1, len(cells)))
        for key, sign in eqs[0]:
            matrix[0, position[key]] = sign
        pinned = set(_pinned_at_bound(matrix, bound)) if bound else set()
        free = [j for j in range(len(cells)) if j not in pinned]
        return [key for j, key in enumerate(cells) if j in pinned or free == [j]]
    matrix = np.zeros((len(eqs), len(cells)))
    for row, eq in enumerate(eqs):
        for key, sign in eq:
            matrix[row, position[key]] = sign
    pinned_list = _pinned_at_bound(matrix, bound) if bound else []
    if pinned_list:
        units = np.zeros((len(pinned_list), len(cells)))
        units[np.arange(len(pinned_list)), pinned_list] = 1.0
        matrix = np.vstack([matrix, units])
    _, singular, vt = np.linalg.svd(matrix, full_matrices=False)
    rank = int((singular > 1e-9 * max(1.0, singular[0] if singular.size else 1.0)).sum())
    basis_rows = vt[:rank]
    reach = (basis_rows**2).sum(axis=0)
    return [key for j, key in enumerate(cells) if reach[j] > 1.0 - 1e-9]


def _pinned_at_bound(matrix: np.ndarray, bound: Sequence[int]) -> list[int]:
    """The columns of ``bound`` (cells at the lower bound 1) that no feasible direction can raise: every
    direction d with ``matrix @ d = 0`` and ``d[j] ≥ 0`` for the bound cells has ``d[j] = 0``. One LP:
    maximise Σ t_j with 0 ≤ t_j ≤ min(1, d_j) over such directions. d is left unbounded on purpose: the
    directions form a cone, so a sum of scaled directions raises every cell that any one direction raises
    to ≥ 1 at once, and the optimum is exactly the number of cells that can move (a box on d would let the
    optimum spend its budget on one cell)."""
    n, m = matrix.shape[1], len(bound)
    if matrix.shape[0] == 1:
        # One equation Σ s_i d_i = 0 (most groups: one line of a table): a bound cell can rise when another
        # cell can make room — any cell not at the bound (it may fall), or a bound cell of opposite sign.
        signs = matrix[0]
        at_bound = set(bound)
        free = [i for i in range(n) if i not in at_bound and signs[i] != 0]
        return [j for j in bound if not free and not any(k != j and signs[k] == -signs[j] for k in bound)]
    cost = np.concatenate([np.zeros(n), -np.ones(m)])
    equality = np.hstack([matrix, np.zeros((matrix.shape[0], m))])
    # t_j − d_j ≤ 0 for each bound cell j
    upper = np.zeros((m, n + m))
    upper[np.arange(m), np.asarray(bound)] = -1.0
    upper[np.arange(m), n + np.arange(m)] = 1.0
    bounds: list[tuple[float | None, float | None]] = [(None, None)] * n + [(0.0, 1.0)] * m
    for j in bound:
        bounds[j] = (0.0, None)
    result = linprog(
        cost,
        A_ub=upper,
        b_ub=np.zeros(m),
        A_eq=equality,
        b_eq=np.zeros(matrix.shape[0]),
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:  # the zero direction is always feasible: a failure here is numerical
        return list(bound)
    t = result.x[n:]
    return [j for j, raised in zip(bound, t, strict=True) if raised < 0.5]


def _linked_lines(
    start: Key, lines: Sequence[Sequence[Key]], through: Mapping[Key, list[int]], status: Mapping[Key, Reason]
) -> list[int]:
    """The lines reachable from ``start`` through suppressed cells (the equations an attacker combines)."""
    seen_cells = {start}
    seen_lines: list[int] = []
    frontier = [start]
    visited: set[int] = set()
    while frontier:
        cell = frontier.pop()
        for i in through[cell]:
            if i in visited:
                continue
            visited.add(i)
            seen_lines.append(i)
            for other in lines[i]:
                if other in status and other not in seen_cells:
                    seen_cells.add(other)
                    frontier.append(other)
    return seen_lines


def _suppress_linked_whole(
    exposed: Sequence[Key],
    lines: Sequence[Sequence[Key]],
    through: Mapping[Key, list[int]],
    basis: Mapping[Key, int],
    status: dict[Key, Reason],
) -> int:
    """Suppress every published non-empty cell of every line linked to an exposed cell, repeating while
    that links further lines (a group with every cell suppressed leaves the attacker no published value to
    subtract). Returns the number of cells added."""
    added = 0
    frontier = list(exposed)
    while frontier:
        key = frontier.pop()
        for i in _linked_lines(key, lines, through, status):
            for cell in lines[i]:
                if cell not in status and basis.get(cell, 0) > 0:
                    status[cell] = "secondary"
                    added += 1
                    frontier.append(cell)
    return added


def _margin_of(line: Sequence[Key]) -> Key:
    """The margin of a line: the one member with one more TOTAL coordinate than the others."""
    return max(line, key=lambda member: sum(v == TOTAL for v in member))


def protect(
    basis: Mapping[Key, int],
    additive: Sequence[bool],
    k: int,
    *,
    audit: bool = True,
    max_audit_rounds: int = MAX_AUDIT_ROUNDS,
) -> tuple[dict[Key, Reason], list[str]]:
    """The suppression pattern of a table: cell key → ``primary``/``secondary``, plus notes (e.g. an audit
    that had to be skipped). ``basis`` holds every published cell, margins included; absent cells are 0.

    The audit adds one complement per linked group and round; a group still exposed after
    ``max_audit_rounds`` rounds is suppressed whole (every published cell of the lines linked to it) — more
    than needed, never less, and a note says so — so a table with thousands of small, tangled groups
    (a skill table by two dimensions) finishes in bounded time instead of running for many minutes."""
    keys = sorted(basis)
    status: dict[Key, Reason] = {key: "primary" for key in keys if 0 < basis[key] < k}
    notes: list[str] = []
    if not status:
        return status, notes
    lines = lines_of(keys, additive)
    margins = [_margin_of(line) for line in lines]
    solved: dict[tuple[Key, ...], list[Key]] = {}  # audit answers per linked group, reused across rounds
    ones = frozenset(key for key in keys if basis[key] == 1)
    through: dict[Key, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        for key in line:
            through[key].append(i)
    rounds = 0
    while True:
        changed = False
        for line in lines:
            if sum(1 for key in line if key in status) == 1:
                chosen = _pick(line, basis, status)
                if chosen is not None:
                    status[chosen] = "secondary"
                    changed = True
        if changed:
            continue
        if not audit:
            break
        exposed, complete = recoverable(sorted(status), lines, at_bound=ones, margins=margins, solved=solved)
        if not complete and "audit" not in " ".join(notes):
            notes.append("suppression audit skipped for very large linked cell groups; line rule applied")
        rounds += 1
        if exposed and rounds > max_audit_rounds:
            whole = _suppress_linked_whole(exposed, lines, through, basis, status)
            notes.append(
                f"{len(exposed)} cell(s) still derivable after {max_audit_rounds} audit rounds: their linked "
                f"groups were suppressed whole ({whole} more cells)"
            )
            continue  # the next round's audit checks the widened pattern
        # One complement per linked group and round (a group's exposures often share one cause, so one
        # complement may close them all); separate groups — e.g. the skills of a skill table — in one round.
        touched: set[int] = set()
        for key in exposed:
            if touched.intersection(through[key]):
                continue
            linked = _linked_lines(key, lines, through, status)
            # Widen the weakest line through the exposed cell: its smallest published complement. When every
            # line through it is already fully suppressed, the value leaks through equations further away:
            # take the smallest published cell of any line linked to it through suppressed cells.
            options = [c for i in through[key] if (c := _pick(lines[i], basis, status)) is not None]
            if not options:
                options = [c for i in linked if (c := _pick(lines[i], basis, status)) is not None]
            if options:
                chosen = min(options, key=lambda c: (basis[c], TOTAL in c, c))
                status[chosen] = "secondary"
                changed = True
                touched.update(linked)
                touched.update(through[chosen])
        if not changed:
            if exposed:
                notes.append(
                    f"{len(exposed)} suppressed cell(s) remain derivable from margins: no cell left to "
                    "suppress beside them"
                )
            break
    return status, notes
