"""Capacity-aware assignment: exact optima on hand-built cases, brute force on random tiny instances,
quotas (caps, minimum shares, infeasibility), the report (unfilled openings, unassigned seekers) and
bad input."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pasarkerja.match.assign import (
    SCORE_SCALE,
    Assignment,
    AssignmentInputError,
    Candidate,
    CandidateArrays,
    Quota,
    QuotaInfeasibleError,
    assign,
    assign_greedy,
)


def pair_set(result: Assignment) -> set[tuple[str, str]]:
    return {(p.seeker_id, p.slot_id) for p in result.pairs}


def weight(score: float) -> int:
    return round(score * SCORE_SCALE)


# ---------------------------------------------------------------------------------------------- known optima


def test_flow_beats_greedy_where_the_best_pair_blocks_two_good_ones() -> None:
    # Greedy takes Ani→Bengkel (0.9) and then neither Budi nor Ani's second choice fits: 0.9 in all.
    # The optimum gives Bengkel to Budi and Ani the Gudang seat: 0.8 + 0.85 = 1.65.
    candidates = [("ani", "bengkel", 0.9), ("ani", "gudang", 0.8), ("budi", "bengkel", 0.85)]
    slots = {"bengkel": 1, "gudang": 1}

    best = assign(candidates, slot_capacity=slots)
    greedy = assign_greedy(candidates, slot_capacity=slots)

    assert pair_set(best) == {("ani", "gudang"), ("budi", "bengkel")}
    assert best.total_score == pytest.approx(1.65)
    assert best.status == "optimal"
    assert best.solver == "ortools-min-cost-flow"
    assert pair_set(greedy) == {("ani", "bengkel")}
    assert greedy.total_score == pytest.approx(0.9)
    assert greedy.status == "greedy"
    assert greedy.unfilled_openings == 1 and greedy.unassigned_with_options == ("budi",)
    assert best.unfilled_openings == 0 and best.unassigned_seekers == ()


def test_multi_opening_vacancy_and_seekers_with_two_offers() -> None:
    # A vacancy with 2 openings and a job-fair slot with 1 place; seekers may take up to 2 offers.
    # By hand: the fair place goes to dodi (0.95) or citra (0.8); the two welder openings then go to the best
    # two of citra 0.9, dodi 0.7, eka 0.6. Best: dodi→fair, citra→welder, dodi→welder = 2.55 (unique).
    candidates = [
        ("citra", "welder", 0.9),
        ("citra", "fair", 0.8),
        ("dodi", "fair", 0.95),
        ("dodi", "welder", 0.7),
        ("eka", "welder", 0.6),
    ]
    slots = {"welder": 2, "fair": 1}
    best = assign(candidates, slot_capacity=slots, seeker_capacity=2)
    assert pair_set(best) == {("dodi", "fair"), ("citra", "welder"), ("dodi", "welder")}
    assert best.total_score == pytest.approx(2.55)
    offers = {"citra": 2, "dodi": 2, "eka": 2}
    assert sum(weight(p.score) for p in best.pairs) == brute_force(candidates, offers, slots, 0.0)[1]
    assert {s.slot_id: (s.filled, s.unfilled) for s in best.slots} == {"welder": (2, 0), "fair": (1, 0)}
    # With one offer each, dodi can no longer take both: citra→welder, dodi→fair, eka→welder = 2.45.
    single = assign(candidates, slot_capacity=slots, seeker_capacity=1)
    assert pair_set(single) == {("dodi", "fair"), ("citra", "welder"), ("eka", "welder")}
    assert single.total_score == pytest.approx(2.45)
    assert best.unassigned_with_options == ("eka",) and single.unassigned_seekers == ()


def test_per_seeker_offer_limits() -> None:
    candidates = [("a", "x", 0.9), ("a", "y", 0.8), ("a", "z", 0.7), ("b", "x", 0.1)]
    slots = {"x": 1, "y": 1, "z": 1}
    result = assign(candidates, slot_capacity=slots, seeker_capacity={"a": 2, "b": 1})
    # a takes its two best (x, y); b, with x gone, gets nothing; z stays empty.
    assert pair_set(result) == {("a", "x"), ("a", "y")}
    assert result.total_score == pytest.approx(1.7)
    assert {s.slot_id: s.unfilled for s in result.slots} == {"x": 0, "y": 0, "z": 1}
    assert result.unassigned_with_options == ("b",)


def test_empty_seats_cost_nothing_and_min_score_is_never_crossed() -> None:
    candidates = [("a", "x", 0.75), ("b", "x", 0.19), ("c", "x", 0.2), ("d", "y", 0.0)]
    result = assign(candidates, slot_capacity={"x": 5, "y": 2, "z": 3}, min_score=0.2)
    # b is below min_score (never assigned although x has room); d's only pair scores 0 (adds nothing).
    assert pair_set(result) == {("a", "x"), ("c", "x")}
    assert result.total_score == pytest.approx(0.95)
    assert {(s.slot_id, s.capacity, s.filled, s.unfilled, s.eligible) for s in result.slots} == {
        ("x", 5, 2, 3, 2),
        ("y", 2, 0, 2, 0),
        ("z", 3, 0, 3, 0),
    }
    assert result.filled_openings == 2 and result.unfilled_openings == 8
    assert result.unassigned_with_options == ()
    assert result.unassigned_without_options == ("b", "d")


def test_roster_reports_seekers_without_any_pair() -> None:
    candidates = [("a", "x", 0.5), ("b", "x", 0.4)]
    result = assign(candidates, slot_capacity={"x": 1}, seekers=["a", "b", "c", "a"])
    assert pair_set(result) == {("a", "x")}
    assert result.unassigned_with_options == ("b",)
    assert result.unassigned_without_options == ("c",)
    # A capacity mapping is the roster too.
    by_mapping = assign(candidates, slot_capacity={"x": 1}, seeker_capacity={"a": 1, "b": 1, "c": 2})
    assert by_mapping.unassigned_seekers == ("b", "c")
    # A seeker who accepts no offers keeps their pairs but is never assigned.
    zero = assign(candidates, slot_capacity={"x": 1}, seeker_capacity={"a": 0, "b": 1})
    assert pair_set(zero) == {("b", "x")} and zero.unassigned_with_options == ("a",)


def test_no_candidates_at_all() -> None:
    result = assign([], slot_capacity={"x": 2}, seekers=["a"])
    assert result.pairs == () and result.total_score == 0.0
    assert result.unfilled_openings == 2 and result.unassigned_without_options == ("a",)


def test_candidate_arrays_give_the_same_result_as_records() -> None:
    rng = random.Random(7)
    seekers = [f"s{k}" for k in range(40)]
    slots = {f"v{k}": rng.randint(0, 4) for k in range(12)}
    records = [(s, v, round(rng.random(), 3)) for s in seekers for v in rng.sample(sorted(slots), 4)]
    caps = {s: rng.randint(1, 2) for s in seekers}
    slot_ids = sorted(slots, reverse=True)  # a numbering different from slot_capacity's
    arrays = CandidateArrays(
        seeker_ids=seekers,
        slot_ids=slot_ids,
        seeker=np.asarray([seekers.index(s) for s, _, _ in records]),
        slot=np.asarray([slot_ids.index(v) for _, v, _ in records]),
        score=np.asarray([score for _, _, score in records]),
    )
    from_records = assign(records, slot_capacity=slots, seeker_capacity=caps, min_score=0.1)
    from_arrays = assign(arrays, slot_capacity=slots, seeker_capacity=caps, min_score=0.1)
    assert from_arrays.pairs == from_records.pairs
    assert from_arrays.slots == from_records.slots
    assert from_arrays.unassigned_seekers == from_records.unassigned_seekers
    greedy_records = assign_greedy(records, slot_capacity=slots, seeker_capacity=caps, min_score=0.1)
    greedy_arrays = assign_greedy(arrays, slot_capacity=slots, seeker_capacity=caps, min_score=0.1)
    assert greedy_arrays.pairs == greedy_records.pairs


def test_medium_random_instance_respects_every_capacity_and_beats_greedy() -> None:
    rng = random.Random(3)
    slots = {f"v{k}": rng.randint(1, 6) for k in range(60)}
    caps = {f"s{k}": rng.choice([1, 1, 2, 3]) for k in range(600)}
    candidates = [(s, v, round(rng.betavariate(2, 5), 4)) for s in caps for v in rng.sample(sorted(slots), 6)]
    best = assign(candidates, slot_capacity=slots, seeker_capacity=caps, min_score=0.15)
    greedy = assign_greedy(candidates, slot_capacity=slots, seeker_capacity=caps, min_score=0.15)
    for result in (best, greedy):
        per_seeker: dict[str, int] = {}
        per_slot: dict[str, int] = {}
        for p in result.pairs:
            per_seeker[p.seeker_id] = per_seeker.get(p.seeker_id, 0) + 1
            per_slot[p.slot_id] = per_slot.get(p.slot_id, 0) + 1
            assert p.score >= 0.15
        assert all(n <= caps[s] for s, n in per_seeker.items())
        assert all(n <= slots[v] for v, n in per_slot.items())
        assert {s.slot_id: s.filled for s in result.slots if s.filled} == per_slot
        assert result.total_score == pytest.approx(sum(p.score for p in result.pairs))
    assert best.total_score > greedy.total_score
    assert best.solve_seconds >= 0.0 and best.elapsed_seconds >= best.solve_seconds


# ------------------------------------------------------------------------------------------------- quotas


def test_at_most_quota_caps_a_group_exactly() -> None:
    candidates = [("a1", "x", 0.9), ("a2", "x", 0.85), ("a3", "x", 0.8), ("b1", "x", 0.3)]
    groups = {"a1": "31", "a2": "31", "a3": "31", "b1": "32"}
    free = assign(candidates, slot_capacity={"x": 3})
    assert pair_set(free) == {("a1", "x"), ("a2", "x"), ("a3", "x")}
    capped = assign(
        candidates, slot_capacity={"x": 3}, quotas=[Quota("31", at_most=0.5)], seeker_groups=groups
    )
    # ⌊0.5 · 3⌋ = 1 seat for province 31: a2 and a3 are held out, b1 takes a seat, the third stays empty.
    assert pair_set(capped) == {("a1", "x"), ("b1", "x")}
    assert capped.total_score == pytest.approx(1.2)
    (outcome,) = capped.quotas
    assert (outcome.slot_id, outcome.group, outcome.min_seats, outcome.max_seats, outcome.filled) == (
        "x",
        "31",
        0,
        1,
        1,
    )
    assert outcome.eligible == 3 and outcome.shortfall == 0
    assert capped.unfilled_openings == 1


def test_at_least_quota_forces_a_lower_scoring_seeker_in() -> None:
    candidates = [("a1", "x", 0.9), ("a2", "x", 0.85), ("b1", "x", 0.3), ("b2", "x", 0.2), ("b1", "y", 0.6)]
    groups = {"a1": "local", "a2": "local", "b1": "other", "b2": "other"}
    result = assign(
        candidates,
        slot_capacity={"x": 2, "y": 1},
        quotas=[Quota("other", at_least=0.5, slot_id="x")],
        seeker_groups=groups,
    )
    # x must seat ⌈0.5 · 2⌉ = 1 "other"; b2 (0.2) takes it so that b1 keeps the better y seat (0.6).
    assert pair_set(result) == {("a1", "x"), ("b2", "x"), ("b1", "y")}
    assert result.total_score == pytest.approx(1.7)
    assert result.status == "optimal"
    assert [(q.slot_id, q.group, q.min_seats, q.filled) for q in result.quotas] == [("x", "other", 1, 1)]


def test_quota_seats_are_rounded_in_the_quotas_favour_without_float_noise() -> None:
    assert Quota("g", at_least=0.3).min_seats(10) == 3  # 0.3 · 10 is 3.0000000000000004 in floats
    assert Quota("g", at_least=0.3).min_seats(5) == 2
    assert Quota("g", at_most=0.3).max_seats(5) == 1
    assert Quota("g", at_most=0.7).max_seats(10) == 7
    assert Quota("g", at_least=0.25).max_seats(4) == 4


def test_per_candidate_group_overrides_the_seekers_group() -> None:
    # "local" is relative to the vacancy: the same seeker is local for x but not for y.
    candidates: list[Candidate | tuple[str, str, float]] = [
        Candidate("a", "x", 0.9, "nonlocal"),
        Candidate("b", "x", 0.5, "local"),
        Candidate("a", "y", 0.4, "local"),
        ("c", "x", 0.95),
    ]
    result = assign(
        candidates,
        slot_capacity={"x": 1, "y": 1},
        quotas=[Quota("local", at_least=1.0)],
        seeker_groups={"c": "nonlocal"},
    )
    assert pair_set(result) == {("b", "x"), ("a", "y")}
    assert [(q.slot_id, q.filled) for q in result.quotas] == [("x", 1), ("y", 1)]
    with pytest.raises(
        AssignmentInputError, match=r"candidate #1 \(seeker 'b', slot 'x'\): group must be a non-empty"
    ):
        assign(
            [("a", "x", 0.5), Candidate("b", "x", 0.5, "")],
            slot_capacity={"x": 1},
            quotas=[Quota("g", at_most=1)],
        )


def test_unmeetable_minimum_names_the_slot_and_group() -> None:
    candidates = [("a", "x", 0.9), ("b", "x", 0.8), ("c", "x", 0.7)]
    with pytest.raises(QuotaInfeasibleError) as caught:
        assign(
            candidates,
            slot_capacity={"x": 4},
            quotas=[Quota("disabilitas-ramah", at_least=0.5, slot_id="x")],
            seeker_groups={"c": "disabilitas-ramah"},
        )
    (shortfall,) = caught.value.shortfalls
    assert (shortfall.slot_id, shortfall.group, shortfall.min_seats, shortfall.filled) == (
        "x",
        "disabilitas-ramah",
        2,
        1,
    )
    message = str(caught.value)
    assert "slot 'x', group 'disabilitas-ramah': needs at least 2 seat(s)" in message
    assert "only 1 eligible candidate(s) of that group" in message


def test_relaxed_minimum_gives_the_best_assignment_with_the_smallest_shortfall() -> None:
    # One seeker of group g, eligible at two slots that each want one g seat, and accepting one offer:
    # the two quotas compete for her. Relaxed: she goes where the total score is higher.
    candidates = [("g1", "x", 0.3), ("g1", "y", 0.6), ("o1", "x", 0.9), ("o2", "y", 0.8)]
    kwargs = {
        "slot_capacity": {"x": 2, "y": 2},
        "quotas": [Quota("g", at_least=0.5)],
        "seeker_groups": {"g1": "g"},
    }
    with pytest.raises(QuotaInfeasibleError) as caught:
        assign(candidates, **kwargs)  # type: ignore[arg-type]
    assert sum(s.shortfall for s in caught.value.shortfalls) == 1
    assert "its 1 eligible candidate(s) have no offers left for it" in str(caught.value)
    relaxed = assign(candidates, on_infeasible="relax", **kwargs)  # type: ignore[arg-type]
    assert relaxed.status == "relaxed"
    assert pair_set(relaxed) == {("g1", "y"), ("o1", "x"), ("o2", "y")}
    assert [(q.slot_id, q.filled, q.shortfall) for q in relaxed.quotas] == [("x", 0, 1), ("y", 1, 0)]


def test_contradictory_quotas_are_configuration_errors() -> None:
    candidates = [("a", "x", 0.5)]
    with pytest.raises(AssignmentInputError, match=r"quotas contradict each other on slot 'x', group 'g'"):
        assign(
            candidates,
            slot_capacity={"x": 4},
            quotas=[Quota("g", at_least=0.5), Quota("g", at_most=0.25, slot_id="x")],
            seeker_groups={"a": "g"},
        )
    with pytest.raises(
        AssignmentInputError, match=r"slot 'x' require at least 4 seat\(s\) in all but it has only 3"
    ):
        assign(
            candidates, slot_capacity={"x": 3}, quotas=[Quota("g", at_least=0.5), Quota("h", at_least=0.5)]
        )


# -------------------------------------------------------------------------------------------- brute force


def quota_cells(quotas: list[Quota], slot_capacity: dict[str, int]) -> dict[tuple[str, str], tuple[int, int]]:
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    for q in quotas:
        for v, cap in slot_capacity.items():
            if q.slot_id not in (None, v):
                continue
            lo = 0 if q.at_least is None else math.ceil(q.at_least * cap)
            hi = cap if q.at_most is None else math.floor(q.at_most * cap)
            old_lo, old_hi = cells.get((v, q.group), (0, cap))
            cells[(v, q.group)] = (max(old_lo, lo), min(old_hi, hi))
    return cells


def brute_force(
    candidates: list[tuple[str, str, float]],
    seeker_capacity: dict[str, int],
    slot_capacity: dict[str, int],
    min_score: float,
    cells: dict[tuple[str, str], tuple[int, int]] | None = None,
    groups: dict[str, str] | None = None,
) -> tuple[int, int]:
    """(least total quota shortfall, then the highest total of scaled scores) over every subset of pairs."""
    cells = cells or {}
    groups = groups or {}
    eligible = [c for c in candidates if c[2] >= min_score and weight(c[2]) > 0]
    best: tuple[int, int] | None = None
    for mask in range(1 << len(eligible)):
        chosen = [c for k, c in enumerate(eligible) if mask >> k & 1]
        per_seeker: dict[str, int] = {}
        per_slot: dict[str, int] = {}
        per_cell: dict[tuple[str, str], int] = {}
        for s, v, _ in chosen:
            per_seeker[s] = per_seeker.get(s, 0) + 1
            per_slot[v] = per_slot.get(v, 0) + 1
            if s in groups:
                per_cell[(v, groups[s])] = per_cell.get((v, groups[s]), 0) + 1
        if any(n > seeker_capacity[s] for s, n in per_seeker.items()):
            continue
        if any(n > slot_capacity[v] for v, n in per_slot.items()):
            continue
        if any(per_cell.get(key, 0) > hi for key, (_, hi) in cells.items()):
            continue
        shortfall = sum(max(0, lo - per_cell.get(key, 0)) for key, (lo, _) in cells.items())
        total = sum(weight(c[2]) for c in chosen)
        if best is None or (-shortfall, total) > (-best[0], best[1]):
            best = (shortfall, total)
    assert best is not None  # the empty assignment is always allowed by capacities
    return best


@st.composite
def tiny_instances(draw: st.DrawFn, max_pairs: int) -> dict[str, object]:
    n_seekers = draw(st.integers(1, 4))
    n_slots = draw(st.integers(1, 3))
    seekers = [f"s{k}" for k in range(n_seekers)]
    slots = [f"v{k}" for k in range(n_slots)]
    all_pairs = list(itertools.product(seekers, slots))
    chosen = draw(st.lists(st.sampled_from(all_pairs), unique=True, max_size=max_pairs))
    score = st.one_of(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), st.floats(0.0, 1.0))
    return {
        "candidates": [(s, v, draw(score)) for s, v in chosen],
        "seeker_capacity": {s: draw(st.integers(0, 2)) for s in seekers},
        "slot_capacity": {v: draw(st.integers(0, 3)) for v in slots},
        "min_score": draw(st.sampled_from([0.0, 0.0, 0.3, 0.5])),
    }


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(max_pairs=12))
def test_flow_total_equals_brute_force_optimum(instance: dict[str, object]) -> None:
    result = assign(**instance)  # type: ignore[arg-type]
    shortfall, best_total = brute_force(**instance)  # type: ignore[arg-type]
    assert shortfall == 0
    assert sum(weight(p.score) for p in result.pairs) == best_total
    greedy = assign_greedy(**instance)  # type: ignore[arg-type]
    assert sum(weight(p.score) for p in greedy.pairs) <= best_total
    # The report agrees with the pairs.
    slot_capacity: dict[str, int] = instance["slot_capacity"]  # type: ignore[assignment]
    seeker_capacity: dict[str, int] = instance["seeker_capacity"]  # type: ignore[assignment]
    filled = {v: sum(1 for p in result.pairs if p.slot_id == v) for v in slot_capacity}
    assert {s.slot_id: s.filled for s in result.slots} == filled
    assert all(0 <= s.unfilled == s.capacity - s.filled for s in result.slots)
    assigned = {p.seeker_id for p in result.pairs}
    assert not assigned & set(result.unassigned_seekers)
    assert assigned | set(result.unassigned_seekers) == set(seeker_capacity)


quota_rules = st.builds(
    Quota,
    group=st.sampled_from(["a", "b"]),
    at_least=st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 1.0])),
    at_most=st.one_of(st.none(), st.sampled_from([0.0, 0.5, 0.75, 1.0])),
    slot_id=st.sampled_from([None, "v0", "v1"]),
).filter(lambda q: q.at_least is not None or q.at_most is not None)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(max_pairs=10), st.lists(quota_rules, max_size=3), st.data())
def test_quotas_agree_with_brute_force(
    instance: dict[str, object], quotas: list[Quota], data: st.DataObject
) -> None:
    slot_capacity: dict[str, int] = instance["slot_capacity"]  # type: ignore[assignment]
    quotas = [q for q in quotas if q.slot_id is None or q.slot_id in slot_capacity]
    seekers = list(instance["seeker_capacity"])  # type: ignore[call-overload]
    groups = {s: g for s in seekers if (g := data.draw(st.sampled_from(["a", "b", None]))) is not None}
    cells = quota_cells(quotas, slot_capacity)
    if (
        any(q.at_least is not None and q.at_most is not None and q.at_least > q.at_most for q in quotas)
        or any(lo > hi for lo, hi in cells.values())
        or any(
            sum(lo for (v, _), (lo, _) in cells.items() if v == slot) > cap
            for slot, cap in slot_capacity.items()
        )
    ):
        with pytest.raises(AssignmentInputError):
            assign(**instance, quotas=quotas, seeker_groups=groups)  # type: ignore[arg-type]
        return
    shortfall, best_total = brute_force(**instance, cells=cells, groups=groups)  # type: ignore[arg-type]
    relaxed = assign(**instance, quotas=quotas, seeker_groups=groups, on_infeasible="relax")  # type: ignore[arg-type]
    assert sum(q.shortfall for q in relaxed.quotas) == shortfall
    assert sum(weight(p.score) for p in relaxed.pairs) == best_total
    assert relaxed.status == ("relaxed" if shortfall else "optimal")
    assert all(q.filled <= q.max_seats for q in relaxed.quotas)
    if shortfall:
        with pytest.raises(QuotaInfeasibleError):
            assign(**instance, quotas=quotas, seeker_groups=groups)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"slot_capacity": {"x": -1}},
            r"slot_capacity\['x'\]: capacity must be a non-negative integer, got -1",
        ),
        (
            {"slot_capacity": {"x": 1.5}},
            r"slot_capacity\['x'\]: capacity must be a non-negative integer, got 1.5",
        ),
        ({"slot_capacity": {"x": True}}, r"slot_capacity\['x'\]: capacity must be a non-negative integer"),
        ({"seeker_capacity": -2}, r"seeker_capacity: capacity must be a non-negative integer, got -2"),
        ({"seeker_capacity": {"a": 1, "b": -1}}, r"seeker_capacity\['b'\]: capacity must be a non-negative"),
        ({"seekers": ["a", "b"], "seeker_capacity": {"a": 1}}, r"seeker 'b' has no entry in seeker_capacity"),
        ({"seeker_capacity": {"a": 1}}, r"candidate #1: seeker_id 'b' is not among the seekers given"),
        ({"seekers": ["a"]}, r"candidate #1: seeker_id 'b' is not among the seekers given"),
        ({"min_score": 1.5}, r"min_score must be a number within \[0, 1\], got 1.5"),
        ({"min_score": float("nan")}, r"min_score must be a number within \[0, 1\], got nan"),
        ({"on_infeasible": "ignore"}, r"on_infeasible must be 'raise' or 'relax'"),
        ({"quotas": [Quota("g", at_least=1.2)]}, r"quotas\[0\]\.at_least: a share within \[0, 1\], got 1.2"),
        ({"quotas": [Quota("g")]}, r"quotas\[0\]: give at_least, at_most or both"),
        (
            {"quotas": [Quota("g", at_least=0.6, at_most=0.5)]},
            r"quotas\[0\]: at_least \(0.6\) is above at_most",
        ),
        ({"quotas": [Quota("g", at_most=0.5, slot_id="zz")]}, r"quotas\[0\]\.slot_id: slot 'zz' is unknown"),
    ],
)
def test_bad_settings_are_named(kwargs: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"slot_capacity": {"x": 1, "y": 1}}
    base.update(kwargs)
    with pytest.raises(AssignmentInputError, match=message):
        assign([("a", "x", 0.5), ("b", "y", 0.5)], **base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("candidates", "message"),
    [
        (
            [("a", "x", 0.5), ("b", "x", float("nan"))],
            r"candidate #1 \(seeker 'b', slot 'x'\): score .* got nan",
        ),
        (
            [("a", "x", 1.01)],
            r"candidate #0 \(seeker 'a', slot 'x'\): score must be a number within \[0, 1\]",
        ),
        ([("a", "x", -0.1)], r"candidate #0 \(seeker 'a', slot 'x'\): score .* got -0.1"),
        ([("a", "x", "0.5")], r"candidate #0 \(seeker 'a', slot 'x'\): score must be a number .* got '0.5'"),
        ([("a", "x", None)], r"candidate #0 \(seeker 'a', slot 'x'\): score must be a number"),
        (
            [("a", "x", 0.5), ("b", "x", 0.4), ("a", "x", 0.3)],
            r"candidate #2 \(seeker 'a', slot 'x'\): duplicate pair — .* candidate #0",
        ),
        (
            [("a", "nowhere", 0.5)],
            r"candidate #0: slot_id 'nowhere' is unknown \(it has no entry in slot_capacity\)",
        ),
        ([("", "x", 0.5)], r"candidate #0: seeker_id must be a non-empty string"),
        ([("a", 7, 0.5)], r"candidate #0: slot_id must be a non-empty string, got 7"),
        ([("a", "x")], r"candidate #0: expected \(seeker_id, slot_id, score\[, group\]\)"),
    ],
)
def test_bad_candidates_are_named(candidates: list[tuple[object, ...]], message: str) -> None:
    with pytest.raises(AssignmentInputError, match=message):
        assign(candidates, slot_capacity={"x": 2})  # type: ignore[arg-type]
    with pytest.raises(AssignmentInputError, match=message):
        assign_greedy(candidates, slot_capacity={"x": 2})  # type: ignore[arg-type]


def test_bad_candidate_arrays_are_named() -> None:
    def arrays(**overrides: object) -> CandidateArrays:
        fields: dict[str, object] = {
            "seeker_ids": ["a", "b"],
            "slot_ids": ["x"],
            "seeker": np.array([0, 1]),
            "slot": np.array([0, 0]),
            "score": np.array([0.5, 0.4]),
        }
        fields.update(overrides)
        return CandidateArrays(**fields)  # type: ignore[arg-type]

    slots = {"x": 1}
    assert len(assign(arrays(), slot_capacity=slots).pairs) == 1
    with pytest.raises(AssignmentInputError, match=r"CandidateArrays.slot_ids\[0\]: slot_id 'q' is unknown"):
        assign(arrays(slot_ids=["q"]), slot_capacity=slots)
    with pytest.raises(AssignmentInputError, match=r"candidate #1: seeker index 2 is outside"):
        assign(arrays(seeker=np.array([0, 2])), slot_capacity=slots)
    with pytest.raises(AssignmentInputError, match=r"CandidateArrays.slot has 1 entries, score has 2"):
        assign(arrays(slot=np.array([0])), slot_capacity=slots)
    with pytest.raises(AssignmentInputError, match=r"candidate #1 \(seeker 'a', slot 'x'\): duplicate pair"):
        assign(arrays(seeker=np.array([0, 0])), slot_capacity=slots)
    with pytest.raises(
        AssignmentInputError, match=r"candidate #0 \(seeker 'a', slot 'x'\): score .* got inf"
    ):
        assign(arrays(score=np.array([np.inf, 0.4])), slot_capacity=slots)
    with pytest.raises(AssignmentInputError, match=r"seeker_ids lists a seeker more than once"):
        assign(arrays(seeker_ids=["a", "a"]), slot_capacity=slots)
