"""The training pathway and the set cover under it: hand-built cases whose optimum is known, the rules
(region, modality, start dates, unknown and zero costs, apprenticeships), and property tests."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pasarkerja.gap import (
    Apprenticeship,
    Catalogue,
    GapInputError,
    Programme,
    exact_cover,
    greedy_bound,
    greedy_cover,
    solve_cover,
    training_pathway,
    travel_distance,
)
from pasarkerja.match import MatchSettings, SeekerProfile, VacancyProfile, score_pair

TODAY = dt.date(2025, 8, 1)
NEXT_MONTH = dt.date(2025, 9, 1)
SEEKER = SeekerProfile(id="s1", skill_ids=("x",), region_code="3201")


def prog(
    pid: str,
    skills: str,
    cost: int | None,
    hours: int | None = 10,
    region: str | None = "3201",
    modality: str = "on-site",
    starts: tuple[dt.date, ...] = (NEXT_MONTH,),
    **extra: object,
) -> Programme:
    return Programme(
        id=pid,
        title=f"Programme {pid}",
        skill_ids=tuple(skills),
        cost_rp=cost,
        hours_jp=hours,
        region_code=region,
        modality=modality,
        start_dates=starts,
        **extra,
    )  # type: ignore[arg-type]


# --------------------------------------------------------------------------- set cover, hand-built


def test_greedy_is_suboptimal_where_exact_is_not() -> None:
    # U = {0..5}. Greedy takes the big set (39/4 per element), then the two singletons: 39 + 25 + 25 = 89.
    # The optimum is the two halves, 30 + 30 = 60.
    sets = [
        frozenset({0, 1, 2, 3}),
        frozenset({0, 1, 4}),
        frozenset({2, 3, 5}),
        frozenset({4}),
        frozenset({5}),
    ]
    costs = [39, 30, 30, 25, 25]
    greedy = greedy_cover(6, sets, costs)
    exact = exact_cover(6, sets, costs)
    assert (greedy.chosen, greedy.cost, greedy.method) == ((0, 3, 4), 89, "greedy")
    assert greedy.bound == pytest.approx(math.log(6) + 1)
    assert (exact.chosen, exact.cost, exact.method, exact.optimal) == ((1, 2), 60, "exact", True)
    assert solve_cover(6, sets, costs).method == "exact"
    assert solve_cover(6, sets, costs, exact_max_sets=4).method == "greedy"


def test_greedy_drops_sets_made_redundant() -> None:
    # Greedy picks {0,1,2,3} (0.975/element), then {0,1,4} and {2,3,5}; the first is then redundant.
    sets = [frozenset({0, 1, 2, 3}), frozenset({0, 1, 4}), frozenset({2, 3, 5})]
    result = greedy_cover(6, sets, [39, 30, 30])
    assert (result.chosen, result.cost) == ((1, 2), 60)


def test_exact_breaks_cost_ties_by_the_secondary_objective_then_fewer_sets() -> None:
    sets = [frozenset({0, 1}), frozenset({0}), frozenset({1}), frozenset({0, 1})]
    result = exact_cover(2, sets, [0, 0, 0, 0], secondary=[50, 10, 10, 30])
    assert result.chosen == (1, 2)  # 10 + 10 < 30 < 50
    result = exact_cover(2, sets, [0, 0, 0, 0], secondary=[20, 10, 10, 25])
    assert result.chosen == (0,)  # 20 == 10 + 10: one set beats two


def test_cover_refuses_elements_no_set_holds_and_negative_costs() -> None:
    with pytest.raises(GapInputError, match=r"elements \[2\] are in no set"):
        exact_cover(3, [frozenset({0, 1})], [1])
    with pytest.raises(GapInputError, match="negative cost"):
        greedy_cover(1, [frozenset({0})], [-1])


# ----------------------------------------------------------------------------- pathway, hand-built

CATALOGUE = Catalogue(
    [
        prog("P1", "ab", 100, hours=40),
        prog("P2", "c", 50, hours=40, region="3273"),  # same province (32), another regency
        prog("P3", "abc", 200, hours=60),
        prog("P4", "d", 30, hours=8, region=None, modality="online", starts=()),
    ]
)


def test_money_optimum() -> None:
    path = training_pathway(SEEKER, ["a", "b", "c", "d"], CATALOGUE, today=TODAY, objective="money")
    assert [s.id for s in path.steps] == ["P4", "P1", "P2"]  # in the order they start (P4: rolling)
    assert (path.objective_value, path.total_cost_rp, path.total_hours_jp, path.total_travel) == (
        180,
        180,
        88,
        1,
    )
    assert (path.method, path.optimal, path.bound) == ("exact", True, None)
    assert path.covered == ("a", "b", "c", "d") and path.uncovered == () and path.complete
    step = path.steps[1]
    assert (step.covers, step.next_start, step.travel) == (("a", "b"), NEXT_MONTH, 0)
    assert path.steps[0].next_start is None  # rolling enrolment


def test_hours_and_travel_optima_differ_from_money() -> None:
    hours = training_pathway(SEEKER, ["a", "b", "c", "d"], CATALOGUE, today=TODAY, objective="hours")
    assert [s.id for s in hours.steps] == ["P4", "P3"]
    assert (hours.objective_value, hours.total_cost_rp) == (68, 230)
    travel = training_pathway(SEEKER, ["a", "b", "c", "d"], CATALOGUE, today=TODAY, objective="travel")
    # P3 (travel 0) beats P1 + P2 (0 + 1); ties on travel are broken by money.
    assert [s.id for s in travel.steps] == ["P4", "P3"] and travel.objective_value == 0


def test_greedy_pathway_reports_its_bound() -> None:
    path = training_pathway(SEEKER, ["a", "b", "c", "d"], CATALOGUE, today=TODAY, method="greedy")
    assert path.method == "greedy" and path.bound == pytest.approx(math.log(4) + 1)
    assert [s.id for s in path.steps] == ["P4", "P1", "P2"]  # greedy is optimal on this one


def test_region_rule_and_relocation() -> None:
    far = Catalogue([prog("FAR", "a", 10, region="3301"), prog("NEAR", "a", 500, region="3204")])
    path = training_pathway(SEEKER, ["a"], far, today=TODAY)
    assert [s.id for s in path.steps] == ["NEAR"]
    assert [(e.id, e.reason) for e in path.excluded] == [
        ("FAR", "it is held outside the seeker's province and relocation is not allowed")
    ]
    moved = training_pathway(SEEKER, ["a"], far, today=TODAY, allow_relocation=True)
    assert [(s.id, s.travel) for s in moved.steps] == [("FAR", 2)]
    willing = SeekerProfile(id="s2", region_code="3201", willing_to_relocate=True)
    assert [s.id for s in training_pathway(willing, ["a"], far, today=TODAY).steps] == ["FAR"]


def test_modality_filter() -> None:
    catalogue = Catalogue([prog("ONSITE", "a", 10), prog("WEB", "a", 90, region=None, modality="online")])
    path = training_pathway(SEEKER, ["a"], catalogue, today=TODAY, modalities=["online"])
    assert [s.id for s in path.steps] == ["WEB"]
    assert path.excluded[0].reason == "modality on-site was not asked for"
    with pytest.raises(GapInputError, match="modalities must be a non-empty subset"):
        training_pathway(SEEKER, ["a"], catalogue, today=TODAY, modalities=["classroom"])  # type: ignore[list-item]


def test_past_start_dates_are_left_out_and_explained() -> None:
    catalogue = Catalogue([prog("OLD", "a", 10, starts=(dt.date(2025, 1, 6), dt.date(2025, 3, 3)))])
    path = training_pathway(SEEKER, ["a", "b"], catalogue, today=TODAY)
    assert path.steps == () and path.method == "none" and path.covered == ()
    assert [(u.skill_id, u.reason) for u in path.uncovered] == [
        (
            "a",
            "only options left out by the rules teach it — programme OLD: every start date is in the past "
            "(last 2025-03-03, today 2025-08-01)",
        ),
        ("b", "no programme or apprenticeship in the catalogue teaches it"),
    ]
    assert [u.kind for u in path.uncovered] == ["excluded", "not_taught"]  # pages translate by kind


def test_zero_cost_is_free_and_unknown_cost_is_left_out_of_the_money_objective() -> None:
    catalogue = Catalogue([prog("FREE", "a", 0, hours=120), prog("UNKNOWN", "ab", None, hours=5),
                           prog("PAID", "b", 70, hours=20)])  # fmt: skip
    money = training_pathway(SEEKER, ["a", "b"], catalogue, today=TODAY, objective="money")
    assert [s.id for s in money.steps] == ["FREE", "PAID"] and money.total_cost_rp == 70
    assert any("unknown cost_rp were left out of the money objective: UNKNOWN" in w for w in money.warnings)
    assert ("programme", "UNKNOWN", "its cost_rp is unknown (money objective)") in {
        (e.kind, e.id, e.reason) for e in money.excluded
    }
    hours = training_pathway(SEEKER, ["a", "b"], catalogue, today=TODAY, objective="hours")
    assert [s.id for s in hours.steps] == ["UNKNOWN"]
    assert (hours.total_hours_jp, hours.total_cost_rp) == (5, None)  # total money unknown, not 0


def test_apprenticeship_is_a_pathway() -> None:
    catalogue = Catalogue(
        [prog("COURSE", "ab", 900, hours=100)],
        [
            Apprenticeship(
                id="A1",
                title="Magang las",
                occupation_code="7212",
                seats=2,
                months=3,
                region_code="3201",
                starts_on=NEXT_MONTH,
            )
        ],
        {"7212": ("a", "b", "z")},
    )
    money = training_pathway(SEEKER, ["a", "b"], catalogue, today=TODAY, objective="money")
    assert [(s.kind, s.id, s.covers, s.cost_rp, s.hours_jp) for s in money.steps] == [
        ("apprenticeship", "A1", ("a", "b"), 0, 3 * 231)
    ]
    hours = training_pathway(SEEKER, ["a", "b"], catalogue, today=TODAY, objective="hours")
    assert [s.id for s in hours.steps] == ["COURSE"]
    assert catalogue.apprenticeships_for("z") == ("A1",)


def test_empty_request_and_held_skills() -> None:
    path = training_pathway(SEEKER, [], CATALOGUE, today=TODAY)
    assert (path.method, path.steps, path.requested, path.complete) == ("none", (), (), True)
    assert path.warnings == ("nothing to cover: the target lists no skills the seeker lacks",)
    held = training_pathway(SEEKER, ["x"], CATALOGUE, today=TODAY)
    assert held.requested == () and held.warnings[0].startswith("skills the seeker already holds")


def test_bad_records_name_the_record_and_field() -> None:
    with pytest.raises(GapInputError, match=r"programme 'P9': cost_rp must be a finite number ≥ 0"):
        prog("P9", "a", -5)
    with pytest.raises(GapInputError, match=r"programme 'P9': modality must be one of"):
        prog("P9", "a", 5, modality="tv")
    with pytest.raises(GapInputError, match=r"apprenticeship 'A9': seats"):
        Apprenticeship(id="A9", title="t", occupation_code=None, seats=-1)
    with pytest.raises(GapInputError, match="programme id 'P1' occurs more than once"):
        Catalogue([prog("P1", "a", 1), prog("P1", "b", 1)])
    with pytest.raises(GapInputError, match="objective must be one of"):
        training_pathway(SEEKER, ["a"], CATALOGUE, today=TODAY, objective="speed")  # type: ignore[arg-type]


def test_travel_distance() -> None:
    assert travel_distance("3201", "3201", "on-site") == 0
    assert travel_distance("3201", "3273", "blended") == 1
    assert travel_distance("3201", "3301", "on-site") == 2
    assert travel_distance("3201", "32", "on-site") == 1
    assert travel_distance("3201", None, "online") == 0
    assert travel_distance(None, "3201", "on-site") is None


def test_projected_scores_with_the_real_scorer() -> None:
    settings = MatchSettings()

    def score(s: SeekerProfile, v: VacancyProfile) -> float:
        return score_pair(s, v, settings, explain=False).score

    vacancies = [
        VacancyProfile(id="V1", essential_skill_ids=("x", "a", "b"), region_code="3201"),
        VacancyProfile(id="V2", essential_skill_ids=("c",), region_code="3201"),
    ]
    path = training_pathway(SEEKER, ["a", "b"], CATALOGUE, today=TODAY, score=score, vacancies=vacancies)
    assert [s.id for s in path.steps] == ["P1"]
    v1, v2 = path.projected
    assert v1.before == pytest.approx(score(SEEKER, vacancies[0]))
    trained = SeekerProfile(id="s1", skill_ids=("x", "a", "b"), region_code="3201")
    assert v1.after == pytest.approx(score(trained, vacancies[0]))
    assert v1.after is not None and v1.before is not None and v1.after > v1.before
    assert (v1.unlocked_before, v1.unlocked_after, v2.unlocked_after) == (False, True, False)
    assert path.unlocked_vacancy_ids == ("V1",)


# ------------------------------------------------------------------------------------ properties

SKILLS = "abcdefgh"


@st.composite
def catalogues(draw: st.DrawFn, min_size: int = 1, max_size: int = 7) -> list[Programme]:
    n = draw(st.integers(min_size, max_size))
    result = []
    for i in range(n):
        skills = draw(st.sets(st.sampled_from(SKILLS), min_size=1, max_size=4))
        cost = draw(st.integers(0, 60))
        result.append(prog(f"P{i}", "".join(sorted(skills)), cost))
    return result


def _brute_force(programmes: list[Programme], wanted: set[str]) -> int | None:
    best = None
    for r in range(len(programmes) + 1):
        for combo in itertools.combinations(programmes, r):
            if wanted <= {s for p in combo for s in p.skill_ids}:
                cost = sum(p.cost_rp or 0 for p in combo)
                best = cost if best is None else min(best, cost)
    return best


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(catalogues(), st.sets(st.sampled_from(SKILLS), min_size=1))
def test_exact_pathway_is_optimal_complete_when_feasible_and_reports_the_rest(
    programmes: list[Programme], wanted: set[str]
) -> None:
    path = training_pathway(SEEKER, sorted(wanted), Catalogue(programmes), today=TODAY, method="exact")
    taught = {s for p in programmes for s in p.skill_ids}
    assert set(path.covered) == wanted & taught
    assert {u.skill_id for u in path.uncovered} == wanted - taught
    assert all(
        u.reason == "no programme or apprenticeship in the catalogue teaches it" for u in path.uncovered
    )
    assert set(path.covered) <= {s for step in path.steps for s in step.covers}
    assert path.objective_value == _brute_force(programmes, wanted & taught)


@PROPERTY
@given(
    catalogues(max_size=6), catalogues(min_size=1, max_size=1), st.sets(st.sampled_from(SKILLS), min_size=1)
)
def test_adding_a_programme_never_makes_the_optimum_worse(
    programmes: list[Programme], extra: list[Programme], wanted: set[str]
) -> None:
    taught = {s for p in programmes for s in p.skill_ids}
    wanted &= taught
    before = training_pathway(SEEKER, sorted(wanted), Catalogue(programmes), today=TODAY, method="exact")
    added = Programme(**{**{f: getattr(extra[0], f) for f in Programme.__slots__}, "id": "EXTRA"})
    after = training_pathway(
        SEEKER, sorted(wanted), Catalogue([*programmes, added]), today=TODAY, method="exact"
    )
    assert after.complete and before.complete
    assert after.objective_value <= before.objective_value


@PROPERTY
@given(catalogues(min_size=2, max_size=8), st.sets(st.sampled_from(SKILLS), min_size=1))
def test_greedy_stays_within_ln_n_plus_one_of_the_optimum(
    programmes: list[Programme], wanted: set[str]
) -> None:
    wanted &= {s for p in programmes for s in p.skill_ids}
    exact = training_pathway(SEEKER, sorted(wanted), Catalogue(programmes), today=TODAY, method="exact")
    greedy = training_pathway(SEEKER, sorted(wanted), Catalogue(programmes), today=TODAY, method="greedy")
    assert set(greedy.covered) == wanted
    assert greedy.objective_value >= exact.objective_value
    assert greedy.objective_value <= greedy_bound(len(wanted)) * exact.objective_value + 1e-9
