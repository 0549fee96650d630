"""Capacity-aware assignment of seekers to slots: vacancies with several openings, job-fair interview
slot groups and apprenticeship programmes with seats.

Given scored candidate pairs (seeker, slot, score ∈ [0, 1]) — scores come from the matching model, this
module does not compute them — :func:`assign` chooses the pairs that **maximise the total score** subject to

* each seeker getting at most *m* offers (one number for everyone, or one per seeker);
* each slot getting at most its capacity (openings, interview places, seats);
* no pair below ``min_score`` ever being assigned;
* optional :class:`Quota` rules per seeker group (e.g. the seeker's province, or "local" vs "non-local"
  relative to the slot): *at most* and/or *at least* a share of a slot's seats.

It is solved exactly as a min-cost flow with OR-Tools ``SimpleMinCostFlow``::

    source ──(cap m_i)──▶ seeker i ──(cap 1, cost −w_ij)──▶ slot j ──(cap c_j)──▶ sink
       └──────────────────────── bypass (cap F, cost 0) ──────────────────────────┘

with ``w_ij = round(score · SCORE_SCALE)``. The source must ship its whole supply F to the sink; whatever is
not worth routing through a pair goes over the zero-cost bypass, so leaving a seat empty or a seeker without
an offer is always allowed and never costs score. Every pair cost is ≤ 0, so min cost = −(max total score).
Flows are integral (the constraint matrix of a network is totally unimodular), so the optimum is a real
assignment, not a fractional one.

Quotas stay inside the flow — no MIP is needed, so quotas scale to national instances too:

* **at most** (caps): slot j gets one sub-node per quota group G; pairs of G-seekers enter the sub-node,
  and the sub-node → slot arc has capacity ``⌊share · c_j⌋``.
* **at least** (minimum shares) is a *lower bound* on that same sub-node → slot arc. Plain min-cost flow
  has no lower bounds, so it uses the textbook feasible-flow transformation: the arc's capacity becomes
  ``upper − lower``, the sub-node gets a demand of ``lower`` and the slot node an extra supply of
  ``lower``. To *find out which* minimum cannot be met, rather than just get "infeasible" back, each such
  slot node also gets an elastic arc slot → sub-node (capacity ``lower``, cost ``BIG``, ``BIG`` above any
  achievable total score): a unit on it cancels one unit of the slot's extra supply against one of the
  sub-node's demand, i.e. one seat the quota could not get — and, unlike a phantom unit from the source,
  it does not occupy one of the slot's seats, so an unmet quota never blocks a seat for other seekers.
  Because of the cost the solver first minimises the total shortfall and only then maximises the score, so
  one solve answers both "is it feasible?" and "what is best?". A MIP (CP-SAT / SCIP) would be exact too
  but gives up the polynomial, integral-by-construction network algorithm that handles millions of pairs in
  seconds.

Shortfalls raise :class:`QuotaInfeasibleError` naming the slot, group and quota (``on_infeasible="raise"``,
the default) or come back as status ``"relaxed"`` with the shortfall in :attr:`Assignment.quotas`
(``on_infeasible="relax"``).

Scores are rounded to ``1/SCORE_SCALE`` (10⁻⁶) for the integer solver, so the returned total is optimal up
to that rounding (at most half a millionth per assigned pair). A pair whose score rounds to 0 can never raise
the total and is never assigned, by either solver.

:func:`assign_greedy` is the baseline (best pair first while capacities allow) used in tests and benchmarks.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

__all__ = [
    "SCORE_SCALE",
    "AssignedPair",
    "Assignment",
    "AssignmentInputError",
    "Candidate",
    "CandidateArrays",
    "Quota",
    "QuotaInfeasibleError",
    "QuotaOutcome",
    "SlotFill",
    "assign",
    "assign_greedy",
]

SCORE_SCALE = 1_000_000
"""Scores are multiplied by this and rounded to integers for the flow solver."""

# Shares times capacities are compared with this slack so that 0.3 · 10 counts as 3 seats, not 4, even though
# the float product is 3.0000000000000004.
_SHARE_EPS = 1e-9

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


class AssignmentInputError(ValueError):
    """Bad input to :func:`assign` / :func:`assign_greedy`; the message names the record and the field."""


class Candidate(NamedTuple):
    """One scored seeker–slot pair. Plain ``(seeker_id, slot_id, score)`` tuples are accepted as well.

    ``group`` overrides ``seeker_groups`` for this pair — useful for labels relative to the slot, such as
    ``"local"`` when the seeker lives in the vacancy's regency.
    """

    seeker_id: str
    slot_id: str
    score: float
    group: str | None = None


@dataclass(frozen=True, slots=True)
class CandidateArrays:
    """Columnar candidates for large instances (millions of pairs) — no Python object per pair.

    ``seeker[k]`` and ``slot[k]`` index into ``seeker_ids`` and ``slot_ids``; ``score[k]`` is the pair's
    score. ``seeker_ids`` is the roster: seekers listed there without any pair are reported as unassigned
    without options. ``group`` (optional, one label or ``None`` per pair) overrides ``seeker_groups``.
    """

    seeker_ids: Sequence[str]
    slot_ids: Sequence[str]
    seeker: NDArray[np.integer]
    slot: NDArray[np.integer]
    score: NDArray[np.floating]
    group: Sequence[str | None] | None = None


@dataclass(frozen=True, slots=True)
class Quota:
    """A rule on how many of a slot's seats may / must go to seekers of one group.

    Shares are of the slot's *seats* (its capacity), not of the seats actually filled: ``at_least=0.3`` on a
    slot of 10 seats means at least 3 seekers of ``group`` are assigned there. Seats are rounded in the
    quota's favour: at least ``⌈share · seats⌉``, at most ``⌊share · seats⌋``. ``slot_id=None`` applies the
    quota to every slot separately. When several quotas hit the same slot and group, the strictest wins.
    """

    group: str
    at_least: float | None = None
    at_most: float | None = None
    slot_id: str | None = None

    def min_seats(self, capacity: int) -> int:
        return 0 if self.at_least is None else math.ceil(self.at_least * capacity - _SHARE_EPS)

    def max_seats(self, capacity: int) -> int:
        return capacity if self.at_most is None else math.floor(self.at_most * capacity + _SHARE_EPS)

    def describe(self) -> str:
        rules = []
        if self.at_least is not None:
            rules.append(f"at least {self.at_least:g}")
        if self.at_most is not None:
            rules.append(f"at most {self.at_most:g}")
        where = "every slot" if self.slot_id is None else f"slot {self.slot_id!r}"
        return f"{' and '.join(rules)} of the seats of {where} for group {self.group!r}"


@dataclass(frozen=True, slots=True)
class AssignedPair:
    seeker_id: str
    slot_id: str
    score: float


@dataclass(frozen=True, slots=True)
class SlotFill:
    """How one slot came out: ``eligible`` counts its pairs at or above ``min_score``."""

    slot_id: str
    capacity: int
    filled: int
    eligible: int

    @property
    def unfilled(self) -> int:
        return self.capacity - self.filled


@dataclass(frozen=True, slots=True)
class QuotaOutcome:
    """The combined quota bounds of one slot and group, and what the assignment gave them."""

    slot_id: str
    group: str
    min_seats: int
    max_seats: int
    filled: int
    eligible: int
    quotas: tuple[Quota, ...]

    @property
    def shortfall(self) -> int:
        return max(0, self.min_seats - self.filled)

    def describe(self) -> str:
        reason = (
            f"only {self.eligible} eligible candidate(s) of that group"
            if self.eligible < self.min_seats
            else f"its {self.eligible} eligible candidate(s) have no offers left for it (they accept no more "
            "offers, or other slots' quotas need them)"
        )
        rules = "; ".join(q.describe() for q in self.quotas)
        return (
            f"slot {self.slot_id!r}, group {self.group!r}: needs at least {self.min_seats} seat(s) "
            f"({rules}) but the best assignment meets {self.filled} — {reason}"
        )


@dataclass(frozen=True, slots=True)
class Assignment:
    """The outcome of :func:`assign` or :func:`assign_greedy`.

    ``status`` is ``"optimal"`` (every quota met, total score maximal), ``"relaxed"`` (some minimum quota
    could not be met; the shortfall was minimised first, then the score maximised — see :attr:`quotas`), or
    ``"greedy"`` for the baseline. ``pairs`` follow the order of the candidates. ``unassigned_with_options``
    are seekers with at least one eligible pair but no assignment; ``unassigned_without_options`` had no
    eligible pair at all. ``solve_seconds`` is the solver alone; ``elapsed_seconds`` includes validation and
    building the network.
    """

    pairs: tuple[AssignedPair, ...]
    total_score: float
    slots: tuple[SlotFill, ...]
    unassigned_with_options: tuple[str, ...]
    unassigned_without_options: tuple[str, ...]
    quotas: tuple[QuotaOutcome, ...]
    status: Literal["optimal", "relaxed", "greedy"]
    solver: str
    solve_seconds: float
    elapsed_seconds: float

    @property
    def filled_openings(self) -> int:
        return sum(s.filled for s in self.slots)

    @property
    def unfilled_openings(self) -> int:
        return sum(s.unfilled for s in self.slots)

    @property
    def unassigned_seekers(self) -> tuple[str, ...]:
        return self.unassigned_with_options + self.unassigned_without_options


class QuotaInfeasibleError(ValueError):
    """Some minimum quota cannot be met by any assignment; ``shortfalls`` says which and by how much."""

    def __init__(self, shortfalls: Sequence[QuotaOutcome]) -> None:
        self.shortfalls = tuple(shortfalls)
        lines = "\n".join(f"  - {s.describe()}" for s in self.shortfalls)
        total = sum(s.shortfall for s in self.shortfalls)
        super().__init__(
            f"{len(self.shortfalls)} minimum quota(s) cannot be met (short by {total} seat(s) in all; "
            f"pass on_infeasible='relax' to get the best assignment anyway):\n{lines}"
        )


# --------------------------------------------------------------------------------------------------------
# Normalised problem: everything as integer-indexed arrays, shared by the flow solver and the greedy baseline


@dataclass(slots=True)
class _Problem:
    seeker_ids: list[str]
    slot_ids: list[str]
    seeker_cap: IntArray
    slot_cap: IntArray
    pair_seeker: IntArray
    pair_slot: IntArray
    pair_score: FloatArray
    pair_group: IntArray  # index into group_labels, −1 for none
    group_labels: list[str]
    eligible: NDArray[np.bool_]
    weight: IntArray  # round(score · SCORE_SCALE)


def _check_capacity(value: object, where: str) -> int:
    # bool is an int subclass; True as a capacity is almost certainly a mistake.
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise AssignmentInputError(f"{where}: capacity must be a non-negative integer, got {value!r}")
    if value < 0:
        raise AssignmentInputError(f"{where}: capacity must be a non-negative integer, got {value}")
    return int(value)


def _check_id(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise AssignmentInputError(f"{where} must be a non-empty string, got {value!r}")
    return value


def _slot_index(slot_capacity: Mapping[str, int]) -> tuple[list[str], IntArray, dict[str, int]]:
    if not isinstance(slot_capacity, Mapping):
        raise AssignmentInputError("slot_capacity must be a mapping of slot id to its number of seats")
    slot_ids: list[str] = []
    caps: list[int] = []
    for slot_id, cap in slot_capacity.items():
        slot_ids.append(_check_id(slot_id, "slot_capacity key"))
        caps.append(_check_capacity(cap, f"slot_capacity[{slot_id!r}]"))
    return slot_ids, np.asarray(caps, dtype=np.int64), {s: k for k, s in enumerate(slot_ids)}


def _seeker_capacities(seeker_capacity: int | Mapping[str, int], seeker_ids: list[str]) -> IntArray:
    if isinstance(seeker_capacity, Mapping):
        caps = np.empty(len(seeker_ids), dtype=np.int64)
        for k, seeker_id in enumerate(seeker_ids):
            if seeker_id not in seeker_capacity:
                raise AssignmentInputError(
                    f"seeker {seeker_id!r} has no entry in seeker_capacity (give every seeker a number of "
                    "offers, or pass one integer for all)"
                )
            caps[k] = _check_capacity(seeker_capacity[seeker_id], f"seeker_capacity[{seeker_id!r}]")
        return caps
    m = _check_capacity(seeker_capacity, "seeker_capacity")
    return np.full(len(seeker_ids), m, dtype=np.int64)


def _check_scores(scores: FloatArray, describe: _PairLabel) -> None:
    bad = np.flatnonzero(~((scores >= 0.0) & (scores <= 1.0)))  # NaN fails both comparisons
    if bad.size:
        k = int(bad[0])
        raise AssignmentInputError(
            f"{describe(k)}: score must be a number within [0, 1], got {float(scores[k])!r}"
            + (f" ({bad.size} such pairs)" if bad.size > 1 else "")
        )


def _check_duplicates(pair_seeker: IntArray, pair_slot: IntArray, n_slots: int, describe: _PairLabel) -> None:
    if pair_seeker.size < 2:
        return
    key = pair_seeker * max(n_slots, 1) + pair_slot
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order[1:]] == key[order[:-1]])
    if same.size:
        first, second = int(order[same[0]]), int(order[same[0] + 1])
        raise AssignmentInputError(
            f"{describe(second)}: duplicate pair — the same seeker and slot already appear in candidate "
            f"#{first}; give each seeker–slot pair once"
        )


class _PairLabel:
    """Describes candidate #k by position and ids for error messages, without building strings up front."""

    def __init__(self, seeker_ids: list[str], slot_ids: list[str], seeker: IntArray, slot: IntArray) -> None:
        self._seeker_ids, self._slot_ids, self._seeker, self._slot = seeker_ids, slot_ids, seeker, slot

    def __call__(self, k: int) -> str:
        return (
            f"candidate #{k} (seeker {self._seeker_ids[int(self._seeker[k])]!r}, "
            f"slot {self._slot_ids[int(self._slot[k])]!r})"
        )


def _roster_from(
    seekers: Iterable[str] | None, seeker_capacity: int | Mapping[str, int]
) -> tuple[list[str], dict[str, int], bool]:
    """The seekers to report on, their index, and whether the roster is fixed (unknown ids are errors)."""
    if seekers is not None:
        if isinstance(seekers, str):
            raise AssignmentInputError("seekers must be a collection of seeker ids, not one string")
        ids = list(dict.fromkeys(_check_id(s, "seekers entry") for s in seekers))
        return ids, {s: k for k, s in enumerate(ids)}, True
    if isinstance(seeker_capacity, Mapping):
        ids = [_check_id(s, "seeker_capacity key") for s in seeker_capacity]
        return ids, {s: k for k, s in enumerate(ids)}, True
    return [], {}, False


def _normalise(
    candidates: Iterable[tuple[str, str, float] | Candidate] | CandidateArrays,
    *,
    seeker_capacity: int | Mapping[str, int],
    slot_capacity: Mapping[str, int],
    min_score: float,
    seekers: Iterable[str] | None,
    seeker_groups: Mapping[str, str] | None,
    need_groups: bool,
) -> _Problem:
    if isinstance(min_score, bool) or not isinstance(min_score, int | float) or not 0.0 <= min_score <= 1.0:
        raise AssignmentInputError(f"min_score must be a number within [0, 1], got {min_score!r}")
    slot_ids, slot_cap, slot_index = _slot_index(slot_capacity)
    group_index: dict[str, int] = {}
    group_labels: list[str] = []

    def group_code(label: str | None, where: str) -> int:
        if label is None:
            return -1
        _check_id(label, where)
        code = group_index.get(label)
        if code is None:
            code = group_index[label] = len(group_labels)
            group_labels.append(label)
        return code

    if isinstance(candidates, CandidateArrays):
        seeker_ids, seeker_index, pair_seeker, pair_slot, pair_score, explicit_group = _from_arrays(
            candidates, seekers, seeker_capacity, slot_ids, slot_index
        )
    else:
        seeker_ids, seeker_index, fixed = _roster_from(seekers, seeker_capacity)
        ps: list[int] = []
        pv: list[int] = []
        pscore: list[float] = []
        pgroup: list[str | None] = []
        for k, record in enumerate(candidates):
            if not isinstance(record, tuple) or len(record) not in (3, 4):
                raise AssignmentInputError(
                    f"candidate #{k}: expected (seeker_id, slot_id, score[, group]), got {record!r}"
                )
            seeker_id = _check_id(record[0], f"candidate #{k}: seeker_id")
            slot_id = _check_id(record[1], f"candidate #{k}: slot_id")
            s = seeker_index.get(seeker_id)
            if s is None:
                if fixed:
                    raise AssignmentInputError(
                        f"candidate #{k}: seeker_id {seeker_id!r} is not among the seekers given "
                        "(seekers / seeker_capacity)"
                    )
                s = seeker_index[seeker_id] = len(seeker_ids)
                seeker_ids.append(seeker_id)
            v = slot_index.get(slot_id)
            if v is None:
                raise AssignmentInputError(
                    f"candidate #{k}: slot_id {slot_id!r} is unknown (it has no entry in slot_capacity)"
                )
            score = record[2]
            if isinstance(score, bool) or not isinstance(score, int | float | np.floating | np.integer):
                raise AssignmentInputError(
                    f"candidate #{k} (seeker {seeker_id!r}, slot {slot_id!r}): score must be a number "
                    f"within [0, 1], got {score!r}"
                )
            ps.append(s)
            pv.append(v)
            pscore.append(float(score))
            pgroup.append(record[3] if len(record) == 4 else None)
        pair_seeker = np.asarray(ps, dtype=np.int64)
        pair_slot = np.asarray(pv, dtype=np.int64)
        pair_score = np.asarray(pscore, dtype=np.float64)
        explicit_group = pgroup

    describe = _PairLabel(seeker_ids, slot_ids, pair_seeker, pair_slot)
    _check_scores(pair_score, describe)
    _check_duplicates(pair_seeker, pair_slot, len(slot_ids), describe)
    seeker_cap = _seeker_capacities(seeker_capacity, seeker_ids)

    # Groups only matter to quotas; skipping them otherwise keeps the no-quota path free of per-pair work.
    pair_group = np.full(pair_seeker.size, -1, dtype=np.int64)
    if need_groups:
        if seeker_groups is not None and not isinstance(seeker_groups, Mapping):
            raise AssignmentInputError("seeker_groups must be a mapping of seeker id to a group label")
        by_seeker = np.asarray(
            [
                group_code(seeker_groups.get(s) if seeker_groups else None, f"seeker_groups[{s!r}]")
                for s in seeker_ids
            ],
            dtype=np.int64,
        )
        if by_seeker.size:
            pair_group = by_seeker[pair_seeker]
        if explicit_group is not None:
            # Validate each distinct label once, then map all pairs in one pass (millions of pairs).
            for label in dict.fromkeys(explicit_group):
                if label is not None and not (isinstance(label, str) and label):
                    k = next(k for k, other in enumerate(explicit_group) if other == label)
                    _check_id(label, f"{describe(k)}: group")
                elif label is not None:
                    group_code(label, "group")
            codes = np.fromiter(
                (group_index.get(label, -1) if label is not None else -1 for label in explicit_group),
                dtype=np.int64,
                count=len(explicit_group),
            )
            pair_group = np.where(codes >= 0, codes, pair_group)

    weight = np.rint(pair_score * SCORE_SCALE).astype(np.int64)
    eligible = (pair_score >= min_score) & (weight > 0)
    return _Problem(
        seeker_ids=seeker_ids,
        slot_ids=slot_ids,
        seeker_cap=seeker_cap,
        slot_cap=slot_cap,
        pair_seeker=pair_seeker,
        pair_slot=pair_slot,
        pair_score=pair_score,
        pair_group=pair_group,
        group_labels=group_labels,
        eligible=eligible,
        weight=weight,
    )


def _from_arrays(
    arrays: CandidateArrays,
    seekers: Iterable[str] | None,
    seeker_capacity: int | Mapping[str, int],
    slot_ids: list[str],
    slot_index: dict[str, int],
) -> tuple[list[str], dict[str, int], IntArray, IntArray, FloatArray, Sequence[str | None] | None]:
    if seekers is not None:
        raise AssignmentInputError(
            "with CandidateArrays the roster is CandidateArrays.seeker_ids; omit seekers"
        )
    seeker_ids = [_check_id(s, f"CandidateArrays.seeker_ids[{k}]") for k, s in enumerate(arrays.seeker_ids)]
    seeker_index = {s: k for k, s in enumerate(seeker_ids)}
    if len(seeker_index) != len(seeker_ids):
        raise AssignmentInputError("CandidateArrays.seeker_ids lists a seeker more than once")
    n = len(arrays.score)
    for name in ("seeker", "slot"):
        column = getattr(arrays, name)
        if len(column) != n:
            raise AssignmentInputError(f"CandidateArrays.{name} has {len(column)} entries, score has {n}")
        if n and not np.issubdtype(np.asarray(column).dtype, np.integer):
            raise AssignmentInputError(f"CandidateArrays.{name} must hold integer indices")
    if arrays.group is not None and len(arrays.group) != n:
        raise AssignmentInputError(f"CandidateArrays.group has {len(arrays.group)} entries, score has {n}")
    pair_seeker = np.asarray(arrays.seeker, dtype=np.int64)
    bad = np.flatnonzero((pair_seeker < 0) | (pair_seeker >= len(seeker_ids)))
    if bad.size:
        raise AssignmentInputError(
            f"candidate #{int(bad[0])}: seeker index {int(pair_seeker[bad[0]])} is outside "
            f"CandidateArrays.seeker_ids (0..{len(seeker_ids) - 1})"
        )
    # Map the arrays' own slot numbering onto slot_capacity's, refusing slots it does not know.
    local_to_global = np.empty(len(arrays.slot_ids), dtype=np.int64)
    for k, slot_id in enumerate(arrays.slot_ids):
        g = slot_index.get(slot_id)
        if g is None:
            raise AssignmentInputError(
                f"CandidateArrays.slot_ids[{k}]: slot_id {slot_id!r} is unknown (it has no entry in "
                "slot_capacity)"
            )
        local_to_global[k] = g
    local_slot = np.asarray(arrays.slot, dtype=np.int64)
    bad = np.flatnonzero((local_slot < 0) | (local_slot >= len(arrays.slot_ids)))
    if bad.size:
        raise AssignmentInputError(
            f"candidate #{int(bad[0])}: slot index {int(local_slot[bad[0]])} is outside "
            f"CandidateArrays.slot_ids (0..{len(arrays.slot_ids) - 1})"
        )
    pair_slot = local_to_global[local_slot] if n else np.zeros(0, dtype=np.int64)
    pair_score = np.asarray(arrays.score, dtype=np.float64)
    return seeker_ids, seeker_index, pair_seeker, pair_slot, pair_score, arrays.group


# --------------------------------------------------------------------------------------------------------
# Quotas: resolved to one (min, max) per slot and group


@dataclass(slots=True)
class _QuotaCell:
    slot: int
    group: int
    min_seats: int
    max_seats: int
    quotas: list[Quota]


def _resolve_quotas(quotas: Sequence[Quota], problem: _Problem) -> list[_QuotaCell]:
    slot_index = {s: k for k, s in enumerate(problem.slot_ids)}
    group_index = {g: k for k, g in enumerate(problem.group_labels)}
    cells: dict[tuple[int, int], _QuotaCell] = {}
    for n, quota in enumerate(quotas):
        where = f"quotas[{n}]"
        if not isinstance(quota, Quota):
            raise AssignmentInputError(f"{where}: expected a Quota, got {quota!r}")
        _check_id(quota.group, f"{where}.group")
        for field_name in ("at_least", "at_most"):
            share = getattr(quota, field_name)
            if share is not None and (
                isinstance(share, bool) or not isinstance(share, int | float) or not 0.0 <= share <= 1.0
            ):
                raise AssignmentInputError(f"{where}.{field_name}: a share within [0, 1], got {share!r}")
        if quota.at_least is None and quota.at_most is None:
            raise AssignmentInputError(f"{where}: give at_least, at_most or both")
        if quota.at_least is not None and quota.at_most is not None and quota.at_least > quota.at_most:
            raise AssignmentInputError(
                f"{where}: at_least ({quota.at_least:g}) is above at_most ({quota.at_most:g})"
            )
        if quota.slot_id is None:
            slots = range(len(problem.slot_ids))
        else:
            if quota.slot_id not in slot_index:
                raise AssignmentInputError(
                    f"{where}.slot_id: slot {quota.slot_id!r} is unknown (no entry in slot_capacity)"
                )
            slots = range(slot_index[quota.slot_id], slot_index[quota.slot_id] + 1)
        # A group no seeker belongs to still gets its cell: an unmeetable minimum must be reported.
        group = group_index.get(quota.group)
        if group is None:
            group = group_index[quota.group] = len(problem.group_labels)
            problem.group_labels.append(quota.group)
        for v in slots:
            cap = int(problem.slot_cap[v])
            cell = cells.get((v, group))
            if cell is None:
                cell = cells[(v, group)] = _QuotaCell(v, group, 0, cap, [])
            cell.min_seats = max(cell.min_seats, quota.min_seats(cap))
            cell.max_seats = min(cell.max_seats, quota.max_seats(cap))
            cell.quotas.append(quota)
    # Contradictions among the rules themselves are configuration errors, whatever the candidates are.
    per_slot_min: dict[int, int] = {}
    for cell in cells.values():
        if cell.min_seats > cell.max_seats:
            raise AssignmentInputError(
                f"quotas contradict each other on slot {problem.slot_ids[cell.slot]!r}, group "
                f"{problem.group_labels[cell.group]!r}: at least {cell.min_seats} and at most "
                f"{cell.max_seats} seat(s) ({'; '.join(q.describe() for q in cell.quotas)})"
            )
        per_slot_min[cell.slot] = per_slot_min.get(cell.slot, 0) + cell.min_seats
    for v, total in per_slot_min.items():
        if total > problem.slot_cap[v]:
            raise AssignmentInputError(
                f"quotas on slot {problem.slot_ids[v]!r} require at least {total} seat(s) in all but it has "
                f"only {int(problem.slot_cap[v])}"
            )
    return sorted(cells.values(), key=lambda c: (c.slot, c.group))


# --------------------------------------------------------------------------------------------------------
# Public entry points


def assign(
    candidates: Iterable[tuple[str, str, float] | Candidate] | CandidateArrays,
    *,
    seeker_capacity: int | Mapping[str, int] = 1,
    slot_capacity: Mapping[str, int],
    min_score: float = 0.0,
    quotas: Sequence[Quota] = (),
    seeker_groups: Mapping[str, str] | None = None,
    seekers: Iterable[str] | None = None,
    on_infeasible: Literal["raise", "relax"] = "raise",
) -> Assignment:
    """Assign seekers to slots maximising the total score, exactly (min-cost flow).

    Args:
        candidates: scored pairs ``(seeker_id, slot_id, score)`` (or :class:`Candidate`, whose optional
            ``group`` overrides ``seeker_groups`` for that pair), each pair at most once, score in [0, 1];
            or :class:`CandidateArrays` for millions of pairs.
        seeker_capacity: most offers per seeker — one integer for all, or a mapping seeker id → offers
            (then every seeker must have an entry, and its keys are the roster unless ``seekers`` is given).
        slot_capacity: seats per slot (openings of a vacancy, interview places, apprenticeship seats); every
            slot in ``candidates`` must have an entry; slots without candidates are reported as unfilled.
        min_score: pairs scoring below it are never assigned.
        quotas: :class:`Quota` rules per seeker group; minimums that cannot be met raise
            :class:`QuotaInfeasibleError` unless ``on_infeasible="relax"``.
        seeker_groups: seeker id → group label (e.g. province code), read only when ``quotas`` are given;
            seekers without a label belong to no group.
        seekers: the full roster (e.g. every job-fair attendee), so that seekers without any pair are
            reported in ``unassigned_without_options``; defaults to the ``seeker_capacity`` keys when that
            is a mapping, otherwise to the seekers appearing in ``candidates``.
        on_infeasible: ``"raise"`` or ``"relax"`` (minimise the total quota shortfall first, then maximise
            the score; ``status="relaxed"``).

    Raises:
        AssignmentInputError: bad input, naming the record and field.
        QuotaInfeasibleError: a minimum quota cannot be met and ``on_infeasible="raise"``.
    """
    started = time.perf_counter()
    if on_infeasible not in ("raise", "relax"):
        raise AssignmentInputError(f"on_infeasible must be 'raise' or 'relax', got {on_infeasible!r}")
    quotas = tuple(quotas)
    problem = _normalise(
        candidates,
        seeker_capacity=seeker_capacity,
        slot_capacity=slot_capacity,
        min_score=min_score,
        seekers=seekers,
        seeker_groups=seeker_groups,
        need_groups=bool(quotas),
    )
    cells = _resolve_quotas(quotas, problem)
    chosen, solve_seconds = _solve_flow(problem, cells)
    outcomes = _quota_outcomes(problem, cells, chosen)
    shortfalls = [o for o in outcomes if o.shortfall > 0]
    if shortfalls and on_infeasible == "raise":
        raise QuotaInfeasibleError(shortfalls)
    return _build_assignment(
        problem,
        chosen,
        outcomes,
        status="relaxed" if shortfalls else "optimal",
        solver="ortools-min-cost-flow",
        solve_seconds=solve_seconds,
        started=started,
    )


def assign_greedy(
    candidates: Iterable[tuple[str, str, float] | Candidate] | CandidateArrays,
    *,
    seeker_capacity: int | Mapping[str, int] = 1,
    slot_capacity: Mapping[str, int],
    min_score: float = 0.0,
    seekers: Iterable[str] | None = None,
) -> Assignment:
    """Baseline: take eligible pairs from the best score down while both sides have room left.

    Ties are taken in input order. Same inputs, validation and report as :func:`assign` (without quotas);
    it can be far from optimal — one high-scoring pair can block two slightly lower ones.
    """
    started = time.perf_counter()
    problem = _normalise(
        candidates,
        seeker_capacity=seeker_capacity,
        slot_capacity=slot_capacity,
        min_score=min_score,
        seekers=seekers,
        seeker_groups=None,
        need_groups=False,
    )
    solve_started = time.perf_counter()
    eligible = np.flatnonzero(problem.eligible)
    order = eligible[np.argsort(-problem.weight[eligible], kind="stable")]
    seeker_left = problem.seeker_cap.tolist()
    slot_left = problem.slot_cap.tolist()
    taken: list[int] = []
    for k, s, v in zip(
        order.tolist(), problem.pair_seeker[order].tolist(), problem.pair_slot[order].tolist(), strict=True
    ):
        if seeker_left[s] and slot_left[v]:
            seeker_left[s] -= 1
            slot_left[v] -= 1
            taken.append(k)
    chosen = np.sort(np.asarray(taken, dtype=np.int64))
    solve_seconds = time.perf_counter() - solve_started
    return _build_assignment(
        problem, chosen, [], status="greedy", solver="greedy", solve_seconds=solve_seconds, started=started
    )


# --------------------------------------------------------------------------------------------------------
# The flow network


def _solve_flow(problem: _Problem, cells: list[_QuotaCell]) -> tuple[IntArray, float]:
    """Indices of the chosen pairs (into the candidate arrays), and seconds spent in the solver."""
    eligible = np.flatnonzero(problem.eligible)
    n_seekers, n_slots = len(problem.seeker_ids), len(problem.slot_ids)
    source, sink = 0, 1
    seeker_node0 = 2
    slot_node0 = seeker_node0 + n_seekers
    cell_node0 = slot_node0 + n_slots
    e_seeker = problem.pair_seeker[eligible]
    e_slot = problem.pair_slot[eligible]
    e_weight = problem.weight[eligible]

    # Each pair enters its slot, or its slot's sub-node when a quota covers the pair's group there.
    heads = slot_node0 + e_slot
    if cells:
        n_groups = max(len(problem.group_labels), 1)
        cell_keys = np.asarray([c.slot * n_groups + c.group for c in cells], dtype=np.int64)  # sorted
        e_group = problem.pair_group[eligible]
        pair_keys = e_slot * n_groups + e_group
        pos = np.searchsorted(cell_keys, pair_keys)
        pos_clipped = np.minimum(pos, len(cells) - 1)
        in_cell = (e_group >= 0) & (cell_keys[pos_clipped] == pair_keys)
        heads = np.where(in_cell, cell_node0 + pos_clipped, heads)

    # Offering a seeker more than their eligible pairs is pointless; trimming keeps F (and bypass) tight.
    degree = np.bincount(e_seeker, minlength=n_seekers)
    source_caps = np.minimum(problem.seeker_cap, degree)
    cell_min = np.asarray([c.min_seats for c in cells], dtype=np.int64)
    cell_max = np.asarray([c.max_seats for c in cells], dtype=np.int64)
    supply = int(source_caps.sum())
    # BIG > any achievable total score, so one unmet quota seat always outweighs all the score.
    # Bounded from both sides — the smaller BIG, the fewer cost-scaling rounds the solver needs.
    best_per_seeker = np.zeros(n_seekers, dtype=np.int64)
    np.maximum.at(best_per_seeker, e_seeker, e_weight)
    best_per_slot = np.zeros(n_slots, dtype=np.int64)
    np.maximum.at(best_per_slot, e_slot, e_weight)
    big = min(int((best_per_seeker * source_caps).sum()), int((best_per_slot * problem.slot_cap).sum())) + 1

    flow = min_cost_flow.SimpleMinCostFlow()
    n_nodes = cell_node0 + len(cells)
    seeker_nodes = np.arange(seeker_node0, slot_node0, dtype=np.int32)
    slot_nodes = np.arange(slot_node0, cell_node0, dtype=np.int32)
    cell_nodes = np.arange(cell_node0, n_nodes, dtype=np.int32)
    cell_slot_nodes = np.asarray([slot_node0 + c.slot for c in cells], dtype=np.int32)

    def arcs(
        tails: NDArray[np.integer], heads_: NDArray[np.integer], caps: IntArray, costs: IntArray
    ) -> IntArray:
        if len(tails) == 0:
            return np.zeros(0, dtype=np.int32)
        result = flow.add_arcs_with_capacity_and_unit_cost(
            np.asarray(tails, dtype=np.int32),
            np.asarray(heads_, dtype=np.int32),
            np.asarray(caps, dtype=np.int64),
            np.asarray(costs, dtype=np.int64),
        )
        return np.asarray(result, dtype=np.int32)

    arcs(np.full(n_seekers, source), seeker_nodes, source_caps, np.zeros(n_seekers, dtype=np.int64))
    pair_arcs = arcs(seeker_node0 + e_seeker, heads, np.ones(eligible.size, dtype=np.int64), -e_weight)
    arcs(slot_nodes, np.full(n_slots, sink), problem.slot_cap, np.zeros(n_slots, dtype=np.int64))
    # Lower bound `min` on sub-node → slot: carry only max − min, the sub-node owes min, the slot gets min.
    arcs(cell_nodes, cell_slot_nodes, cell_max - cell_min, np.zeros(len(cells), dtype=np.int64))
    # Elastic arc slot → sub-node: cancels owed units that no seeker can bring (see the module docstring).
    elastic = np.flatnonzero(cell_min > 0)
    arcs(
        cell_slot_nodes[elastic],
        cell_nodes[elastic],
        cell_min[elastic],
        np.full(elastic.size, big, dtype=np.int64),
    )
    flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)  # the bypass: seats may stay empty

    supplies = np.zeros(n_nodes, dtype=np.int64)
    supplies[source] += supply
    supplies[sink] -= supply
    np.subtract.at(supplies, cell_nodes, cell_min)
    np.add.at(supplies, cell_slot_nodes, cell_min)
    flow.set_nodes_supplies(np.arange(n_nodes, dtype=np.int32), supplies)

    solve_started = time.perf_counter()
    status = flow.solve()
    solve_seconds = time.perf_counter() - solve_started
    if status != flow.OPTIMAL:
        # With the bypass and the elastic arcs a feasible flow always exists, so this is a solver limit
        # (e.g. costs out of range), not a property of the data.
        raise RuntimeError(f"min-cost flow solver stopped with status {status.name}")
    flows = np.asarray(flow.flows(pair_arcs), dtype=np.int64) if pair_arcs.size else np.zeros(0, np.int64)
    return eligible[flows > 0], solve_seconds


def _quota_outcomes(problem: _Problem, cells: list[_QuotaCell], chosen: IntArray) -> list[QuotaOutcome]:
    if not cells:
        return []
    n_groups = max(len(problem.group_labels), 1)

    def per_cell(index: IntArray) -> dict[int, int]:
        keys = problem.pair_slot[index] * n_groups + problem.pair_group[index]
        keys = keys[problem.pair_group[index] >= 0]
        unique, counts = np.unique(keys, return_counts=True)
        return dict(zip(unique.tolist(), counts.tolist(), strict=True))

    filled = per_cell(chosen)
    eligible = per_cell(np.flatnonzero(problem.eligible))
    outcomes = []
    for c in cells:
        key = c.slot * n_groups + c.group
        outcomes.append(
            QuotaOutcome(
                slot_id=problem.slot_ids[c.slot],
                group=problem.group_labels[c.group],
                min_seats=c.min_seats,
                max_seats=c.max_seats,
                filled=filled.get(key, 0),
                eligible=eligible.get(key, 0),
                quotas=tuple(c.quotas),
            )
        )
    return outcomes


def _build_assignment(
    problem: _Problem,
    chosen: IntArray,
    outcomes: list[QuotaOutcome],
    *,
    status: Literal["optimal", "relaxed", "greedy"],
    solver: str,
    solve_seconds: float,
    started: float,
) -> Assignment:
    n_seekers, n_slots = len(problem.seeker_ids), len(problem.slot_ids)
    seeker_ids, slot_ids = problem.seeker_ids, problem.slot_ids
    chosen_seeker = problem.pair_seeker[chosen]
    chosen_slot = problem.pair_slot[chosen]
    chosen_score = problem.pair_score[chosen]
    pairs = tuple(
        AssignedPair(seeker_ids[s], slot_ids[v], score)
        for s, v, score in zip(
            chosen_seeker.tolist(), chosen_slot.tolist(), chosen_score.tolist(), strict=True
        )
    )
    eligible = np.flatnonzero(problem.eligible)
    slot_filled = np.bincount(chosen_slot, minlength=n_slots)
    slot_eligible = np.bincount(problem.pair_slot[eligible], minlength=n_slots)
    slots = tuple(
        SlotFill(slot_ids[v], cap, filled, n_eligible)
        for v, (cap, filled, n_eligible) in enumerate(
            zip(problem.slot_cap.tolist(), slot_filled.tolist(), slot_eligible.tolist(), strict=True)
        )
    )
    seeker_offers = np.bincount(chosen_seeker, minlength=n_seekers)
    seeker_options = np.bincount(problem.pair_seeker[eligible], minlength=n_seekers)
    with_options = np.flatnonzero((seeker_offers == 0) & (seeker_options > 0))
    without_options = np.flatnonzero(seeker_options == 0)
    return Assignment(
        pairs=pairs,
        total_score=math.fsum(chosen_score.tolist()),
        slots=slots,
        unassigned_with_options=tuple(seeker_ids[s] for s in with_options.tolist()),
        unassigned_without_options=tuple(seeker_ids[s] for s in without_options.tolist()),
        quotas=tuple(outcomes),
        status=status,
        solver=solver,
        solve_seconds=solve_seconds,
        elapsed_seconds=time.perf_counter() - started,
    )
