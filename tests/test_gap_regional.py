"""Regional training needs on a hand-built market whose every figure is worked out below, the sparse
aggregation against the plain row-by-row reference, and the CSV/Excel export."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pasarkerja.gap import (
    GapInputError,
    Programme,
    SeekerColumns,
    VacancyColumns,
    aggregate,
    aggregate_plain,
    regional_needs,
    write_csv,
    write_excel,
)

REGENCIES = ("3201", "3273", "3578")  # provinces 32 (Jawa Barat) and 35 (Jawa Timur)
SKILLS = ("a", "b", "c")

# s0 3201 {a}; s1 3273 {a, b} (b listed twice); s2 3578 {c} but inactive; s3 region unknown {a}.
SEEKERS = SeekerColumns(
    region=np.array([0, 1, 2, -1]),
    skill_indptr=np.array([0, 1, 4, 5, 6]),
    skill_indices=np.array([0, 0, 1, 1, 2, 0]),
    active=np.array([True, True, False, True]),
)
# v0 3201 ×3 {a essential, b optional}; v1 3273 ×2 {b, c}; v2 3578 ×5 {c}; v3 3201 ×10 {a} but closed.
VACANCIES = VacancyColumns(
    region=np.array([0, 1, 2, 0]),
    openings=np.array([3, 2, 5, 10]),
    skill_indptr=np.array([0, 2, 4, 5, 6]),
    skill_indices=np.array([0, 1, 1, 2, 2, 0]),
    is_open=np.array([True, True, True, False]),
    skill_essential=np.array([True, False, True, True, True, True]),
)
PROGRAMMES = [
    Programme(id="P1", title="Las", skill_ids=("b", "c"), region_code="3273", capacity=10),
    Programme(id="P2", title="Web", skill_ids=("c",), modality="online", capacity=3),
    Programme(id="P3", title="Admin", skill_ids=("a",), region_code="3578"),  # capacity unknown → 16
    Programme(id="P4", title="Lama", skill_ids=("a", "b", "c"), region_code="3201", is_active=False),
]


def test_demand_supply_unmet_and_closable_per_province_and_regency() -> None:
    needs = regional_needs(SEEKERS, VACANCIES, REGENCIES, SKILLS, PROGRAMMES, optional_weight=0.5)
    assert (needs.seekers_counted, needs.vacancies_counted) == (2, 3)
    assert needs.province_codes == ("32", "35")
    # demand 3201: a 3, b 0.5 × 3; 3273: b 2, c 2; 3578: c 5. supply 3201: a 1; 3273: a 1, b 1.
    assert needs.demand_regency.tolist() == [[3.0, 1.5, 0.0], [0.0, 2.0, 2.0], [0.0, 0.0, 5.0]]
    assert needs.supply_regency.tolist() == [[1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]]
    rows = [
        (r["level"], r["region_code"], r["skill_id"], r["demand"], r["supply"], r["unmet"], r["closable"])
        for r in needs.skills.records()
    ]
    # Province 32 can be taught b and c (P1 is held in 3273, P2 is online) but not a (P3 is in 35).
    assert rows == [
        ("province", "32", "b", 3.5, 1, 2.5, 2.5),
        ("province", "32", "c", 2.0, 0, 2.0, 2.0),
        ("province", "32", "a", 3.0, 2, 1.0, 0.0),
        ("province", "35", "c", 5.0, 0, 5.0, 5.0),
        ("regency", "3201", "a", 3.0, 1, 2.0, 0.0),
        ("regency", "3201", "b", 1.5, 0, 1.5, 1.5),
        ("regency", "3273", "c", 2.0, 0, 2.0, 2.0),
        ("regency", "3273", "b", 2.0, 1, 1.0, 1.0),
        ("regency", "3578", "c", 5.0, 0, 5.0, 5.0),
    ]


def test_programmes_to_open_or_expand_ranked_by_expected_placements() -> None:
    needs = regional_needs(SEEKERS, VACANCIES, REGENCIES, SKILLS, PROGRAMMES, optional_weight=0.5)
    rows = [
        (r["region_code"], r["rank"], r["programme_id"], r["action"], r["capacity"], r["unmet_closed"],
         r["bottleneck"], pytest.approx(r["expected_placements"]))
        for r in needs.programmes.records()
    ]  # fmt: skip
    # 32: P1 closes b 2.5 + c 2, bottleneck 2.5 → 0.6 × min(10, 2.5) = 1.5 (runs in 32: expand);
    #     P2 closes c 2 → 0.6 × min(3, 2) = 1.2 (online: expand); P3 closes a 1 → 0.6 (not in 32: open).
    # 35: P1 closes c 5 → 0.6 × min(10, 5) = 3 (open); P2 → 0.6 × min(3, 5) = 1.8; P3 closes nothing.
    assert rows == [
        ("32", 1, "P1", "expand", 10, 4.5, 2.5, 1.5),
        ("32", 2, "P2", "expand", 3, 2.0, 2.0, 1.2),
        ("32", 3, "P3", "open", 16, 1.0, 1.0, 0.6),
        ("35", 1, "P1", "open", 10, 5.0, 5.0, 3.0),
        ("35", 2, "P2", "expand", 3, 5.0, 5.0, 1.8),
    ]
    regency = regional_needs(
        SEEKERS, VACANCIES, REGENCIES, SKILLS, PROGRAMMES, top_programmes=1, programme_levels=("regency",)
    )
    # Regency 3201 (optional weight 0.5 by default): a unmet 2 (P3 → 0.6 × 2), b 1.5 (P1 → 0.6 × 1.5).
    assert [(r["region_code"], r["programme_id"], pytest.approx(r["expected_placements"]))
            for r in regency.programmes.records()] == [
        ("3201", "P3", 1.2), ("3273", "P1", 1.2), ("3578", "P1", 3.0)
    ]  # fmt: skip


def test_no_programmes_and_bad_input() -> None:
    needs = regional_needs(SEEKERS, VACANCIES, REGENCIES, SKILLS)
    assert len(needs.programmes) == 0 and len(needs.skills) == 9
    assert needs.warnings == ("no programmes given: only skill needs were computed",)
    assert all(r["closable"] == 0 for r in needs.skills.records())
    with pytest.raises(GapInputError, match="region_codes must be 4-digit regency codes"):
        regional_needs(SEEKERS, VACANCIES, ("32", "3273", "3578"), SKILLS)
    with pytest.raises(GapInputError, match="placement_rate must be in"):
        regional_needs(SEEKERS, VACANCIES, REGENCIES, SKILLS, placement_rate=0)
    with pytest.raises(GapInputError, match="skill_indices must index the 2 skill ids"):
        regional_needs(SEEKERS, VACANCIES, REGENCIES, SKILLS[:2])
    bad = VacancyColumns(region=np.array([0]), openings=np.array([-1]), skill_indptr=np.array([0, 0]),
                         skill_indices=np.array([], dtype=np.int64))  # fmt: skip
    with pytest.raises(GapInputError, match="openings must be finite and ≥ 0"):
        regional_needs(SEEKERS, bad, REGENCIES, SKILLS)
    with pytest.raises(GapInputError, match="region indexes beyond the 3 region codes"):
        regional_needs(SeekerColumns(np.array([7]), np.array([0, 0]), np.array([], dtype=np.int64)),
                       VACANCIES, REGENCIES, SKILLS)  # fmt: skip


@st.composite
def _columns(draw: st.DrawFn, regions: int = 3, skills: int = 5) -> tuple[SeekerColumns, VacancyColumns]:
    def rows(n: int) -> tuple[np.ndarray, np.ndarray]:
        lists = [draw(st.lists(st.integers(0, skills - 1), max_size=4)) for _ in range(n)]
        indptr = np.cumsum([0, *(len(x) for x in lists)])
        return indptr, np.array([s for x in lists for s in x], dtype=np.int64)

    n, m = draw(st.integers(0, 12)), draw(st.integers(0, 12))
    s_indptr, s_indices = rows(n)
    v_indptr, v_indices = rows(m)
    seekers = SeekerColumns(
        region=np.array(draw(st.lists(st.integers(-1, regions - 1), min_size=n, max_size=n)), dtype=np.int64),
        skill_indptr=s_indptr,
        skill_indices=s_indices,
        active=np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=np.bool_),
    )
    vacancies = VacancyColumns(
        region=np.array(draw(st.lists(st.integers(-1, regions - 1), min_size=m, max_size=m)), dtype=np.int64),
        openings=np.array(draw(st.lists(st.integers(1, 9), min_size=m, max_size=m)), dtype=np.int64),
        skill_indptr=v_indptr,
        skill_indices=v_indices,
        is_open=np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)), dtype=np.bool_),
        skill_essential=np.array(
            draw(st.lists(st.booleans(), min_size=v_indices.size, max_size=v_indices.size)), dtype=np.bool_
        ),
    )
    return seekers, vacancies


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_columns())
def test_sparse_aggregation_equals_the_plain_reference(columns: tuple[SeekerColumns, VacancyColumns]) -> None:
    seekers, vacancies = columns
    demand, supply, _, _ = aggregate(seekers, vacancies, 3, 5, optional_weight=0.25)
    plain_demand, plain_supply = aggregate_plain(seekers, vacancies, optional_weight=0.25)
    assert {k: v for k, v in np.ndenumerate(supply) if v} == {k: float(v) for k, v in plain_supply.items()}
    assert {k: pytest.approx(v) for k, v in np.ndenumerate(demand) if v} == {
        k: pytest.approx(v) for k, v in plain_demand.items() if v
    }


def test_csv_and_excel_export(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    needs = regional_needs(SEEKERS, VACANCIES, REGENCIES, SKILLS, PROGRAMMES, optional_weight=0.5)
    path = write_csv(needs.programmes, tmp_path / "programmes.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["level", "region_code", "rank", "programme_id", "title", "action", "capacity",
                       "unmet_closed", "bottleneck", "expected_placements"]  # fmt: skip
    assert rows[1][:7] == ["province", "32", "1", "P1", "Las", "expand", "10"]
    book = load_workbook(write_excel(needs.sheets(), tmp_path / "needs.xlsx"), read_only=True)
    assert book.sheetnames == ["skill_needs", "programmes"]
    sheet = list(book["skill_needs"].iter_rows(values_only=True))
    assert len(sheet) == 10 and sheet[1] == ("province", "32", "b", 3.5, 1, 2.5, 2.5)
