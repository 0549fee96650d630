"""Every indicator on a hand-built dataset with numbers worked out by hand (docs/INDICATORS.md), plus the
bad-input messages and the "no data" rule. Period under test: 2025Q3 (1 July – 30 September 2025)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

from pasarkerja.lmi import (
    TOTAL,
    Engine,
    LmiInputError,
    LmiSource,
    NoDataError,
    SourceError,
    compute,
    open_engine,
    parse_period,
)
from pasarkerja.lmi.compute import compute_cells

D = dt.date


def hand_tables() -> dict[str, pa.Table]:
    seekers: list[tuple[Any, ...]] = []
    # 6 S1 women in Kota Bandung seeking 2512 (software developers), registered 10 July
    seekers += [(i, "2512", "3273", "S1", "F", D(2025, 7, 10), None) for i in range(1, 7)]
    # 3 SMK men in Surabaya seeking 7212 (welders), registered 1 August
    seekers += [(i, "7212", "3578", "SMK", "M", D(2025, 8, 1), None) for i in range(7, 10)]
    # 2 SD men in Jawa Barat (province only), registered in January, inactive since 20 August
    seekers += [(i, "9313", "32", "SD", "M", D(2025, 1, 15), D(2025, 8, 20)) for i in range(10, 12)]
    # 1 registered after the period
    seekers += [(12, None, "35", "SMA", None, D(2025, 10, 5), None)]
    seeker = pa.table(
        dict(zip(["seeker_id", "occupation_code", "region_code", "education_level", "sex", "registered_on",
                  "inactive_since"], map(list, zip(*seekers, strict=True)), strict=True))
    )  # fmt: skip
    vacancies: list[tuple[Any, ...]] = []
    for vid in range(1, 5):  # 4 open developer jobs, Rp 8–10 M a month, posted 5 July
        vacancies.append((vid, "2512", "3273", "S1", 8_000_000, 10_000_000, "month", None, 1, D(2025, 7, 5),
                          None, "open", False))  # fmt: skip
    vacancies += [
        (5, "2512", "3273", "D3", None, 6_000_000, "month", "permanent", 2, D(2025, 8, 15), D(2025, 9, 1),
         "filled", True),
        (6, "7212_1", "3578", "SMK", 100_000, None, "day", "contract", 5, D(2025, 9, 10), None, "open", None),
        (7, "7212_1", "3578", "SMK", 80_000, None, "day", "contract", 5, D(2025, 9, 10), None, "open", None),
        (8, "9313", "32", "SD", None, None, None, None, 3, D(2025, 6, 20), D(2025, 7, 15), "closed", False),
        (9, "2512", "3273", "S1", None, None, None, None, 1, D(2025, 7, 1), None, "draft", None),
        (10, "2512", "3273", "S1", 7_000_000, 9_000_000, "month", None, 1, D(2025, 4, 10), None, "open", False),
    ]  # fmt: skip
    vacancy = pa.table(
        dict(zip(["vacancy_id", "occupation_code", "region_code", "min_education", "pay_min", "pay_max",
                  "pay_period", "employment_type", "openings", "posted_date", "closed_on", "status",
                  "discriminatory"], map(list, zip(*vacancies, strict=True)), strict=True))
    )  # fmt: skip
    vacancy_skill = [(v, s) for v in range(1, 5) for s in ("python", "sql")]
    vacancy_skill += [(5, "python"), (5, "excel"), (6, "las"), (7, "las"), (7, "k3"), (8, "kebersihan"),
                      (9, "python"), (10, "python")]  # fmt: skip
    seeker_skill = [(i, "python") for i in range(1, 7)] + [(i, "sql") for i in range(1, 4)]
    seeker_skill += [(i, "las") for i in range(7, 10)]
    applications = [
        (1, 1, 1, "referral", D(2025, 7, 20)),
        (2, 1, 2, "referral", D(2025, 7, 21)),
        (3, 7, 6, "referral", D(2025, 9, 12)),
        (4, 3, 1, "application", D(2025, 7, 22)),
        (5, 2, 1, "referral", D(2025, 6, 30)),
    ]
    placements = [
        (1, 1, 5, D(2025, 8, 20)),
        (2, 7, 6, D(2025, 9, 20)),
        (3, 2, 7, D(2025, 9, 25)),
        (4, 10, None, D(2025, 8, 19)),
    ]

    def table(names: list[str], rows: list[tuple[Any, ...]]) -> pa.Table:
        return pa.table(dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)))

    return {
        "seeker": seeker,
        "vacancy": vacancy,
        "vacancy_skill": table(["vacancy_id", "skill_id"], vacancy_skill),
        "seeker_skill": table(["seeker_id", "skill_id"], seeker_skill),
        "application": table(["application_id", "seeker_id", "vacancy_id", "kind", "created_on"], applications),
        "placement": pa.table({"placement_id": [p[0] for p in placements], "seeker_id": [p[1] for p in placements],
                               "vacancy_id": pa.array([p[2] for p in placements], pa.int64()),
                               "placed_on": [p[3] for p in placements]}),
    }


@pytest.fixture(scope="module", params=["duckdb", "dask"])
def hand_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with closing(open_engine(LmiSource.from_arrow(hand_tables()), request.param)) as engine:
        yield engine


def cells(engine: Engine, name: str, by: list[str], period: str = "2025Q3", **kw: Any) -> pd.DataFrame:
    _, frame, _ = compute_cells(name, by, period, engine=engine, **kw)
    return frame


def value(frame: pd.DataFrame, measure: str = "value", **key: str) -> Any:
    mask = pd.Series(True, index=frame.index)
    for name, wanted in key.items():
        mask &= frame[name] == wanted
    found = frame[mask]
    assert len(found) == 1, (key, found)
    return found.iloc[0][measure]


def test_seeker_stocks_and_flows(hand_engine: Engine) -> None:
    active = cells(hand_engine, "active_seekers", ["province"])
    assert value(active, province="32") == 6
    assert value(active, province="35") == 3
    assert value(active, province=TOTAL) == 9
    assert value(cells(hand_engine, "active_seekers", ["sex"]), sex="F") == 6
    assert value(cells(hand_engine, "new_registrations", []),) == 9
    monthly = cells(hand_engine, "active_seekers", ["month"])
    assert [value(monthly, month=m) for m in ("2025-07", "2025-08", "2025-09")] == [8, 9, 9]
    assert TOTAL not in set(monthly["month"])  # a stock has no total over months


def test_vacancy_counts(hand_engine: Engine) -> None:
    posted = cells(hand_engine, "vacancies_posted", ["province"])
    assert (value(posted, province="32"), value(posted, province="35"), value(posted, province=TOTAL)) == (5, 2, 7)
    open_ = cells(hand_engine, "vacancies_open", ["isco1"])
    assert (value(open_, isco1="2"), value(open_, isco1="7"), value(open_, isco1=TOTAL)) == (5, 2, 7)
    assert value(cells(hand_engine, "openings", [])) == 16
    by_month = cells(hand_engine, "vacancies_posted", ["month"])
    assert [value(by_month, month=m) for m in ("2025-07", "2025-08", "2025-09", TOTAL)] == [4, 1, 2, 7]


def test_referrals_placements_and_rate(hand_engine: Engine) -> None:
    referrals = cells(hand_engine, "referrals", [])
    assert value(referrals) == 3 and value(referrals, "_basis") == 2
    placements = cells(hand_engine, "placements", ["province"])
    assert (value(placements, province="32"), value(placements, province="35")) == (2, 2)
    rate = cells(hand_engine, "placement_rate", [])
    assert value(rate) == pytest.approx(36.36) and value(rate, "on_register") == 11
    mismatch = cells(hand_engine, "education_mismatch", [])
    assert (value(mismatch), value(mismatch, "over_pct"), value(mismatch, "under_pct")) == (25.0, 25.0, 0.0)
    assert value(mismatch, "assessed") == 4


def test_tightness(hand_engine: Engine) -> None:
    tight = cells(hand_engine, "tightness", ["isco1"])
    assert value(tight, isco1="2") == pytest.approx(0.833)
    assert value(tight, isco1="7") == pytest.approx(3.333)
    assert value(tight, isco1=TOTAL) == pytest.approx(1.667)
    assert (value(tight, "open_positions", isco1=TOTAL), value(tight, "active_seekers", isco1=TOTAL)) == (15, 9)


def test_offered_pay_and_minimum_wage(hand_engine: Engine) -> None:
    pay = cells(hand_engine, "offered_pay", ["isco1"])
    assert (value(pay, isco1=TOTAL), value(pay, "p25", isco1=TOTAL), value(pay, "p75", isco1=TOTAL)) == (
        9_000_000, 4_250_000, 9_000_000)  # fmt: skip
    assert (value(pay, isco1="7"), value(pay, "p25", isco1="7"), value(pay, "p75", isco1="7")) == (
        2_250_000, 2_125_000, 2_375_000)  # fmt: skip
    assert value(pay, "with_pay", isco1=TOTAL) == 7
    below = cells(hand_engine, "below_minimum_wage_share", [])
    assert (value(below), value(below, "checked")) == (pytest.approx(14.29), 7)
    discriminatory = cells(hand_engine, "discriminatory_share", [])
    assert (value(discriminatory), value(discriminatory, "checked")) == (20.0, 5)


def test_skills(hand_engine: Engine) -> None:
    top = cells(hand_engine, "top_skills", [])
    ranking = top.sort_values("rank")[["skill", "value", "share_pct"]].values.tolist()
    assert ranking == [["python", 5, 71.43], ["sql", 4, 57.14], ["las", 2, 28.57], ["excel", 1, 14.29],
                       ["k3", 1, 14.29]]  # fmt: skip
    growth = cells(hand_engine, "skill_growth", [], min_base=1)
    assert value(growth, skill="python") == 400.0 and value(growth, "share_change_pp", skill="python") == 21.43
    assert value(growth, skill="sql") is None  # no vacancy asked for SQL in 2025Q2: no growth rate
    assert value(growth, "rank", skill="python") == 1
    shortage = cells(hand_engine, "skill_shortage_index", [])
    assert value(shortage, skill="python") == pytest.approx(1.071)
    assert value(shortage, skill="sql") == pytest.approx(1.714)
    assert value(shortage, skill="las") == pytest.approx(0.857)
    assert value(shortage, skill="excel") is None  # nobody offers it: the index is undefined, not infinite
    assert value(shortage, "supply_share_pct", skill="python") == pytest.approx(66.67)


def test_filters(hand_engine: Engine) -> None:
    posted = cells(hand_engine, "vacancies_posted", ["isco1"], filters={"province": "35"})
    assert value(posted, isco1=TOTAL) == 2 and set(posted["isco1"]) == {"7", TOTAL}


def test_published_table_is_suppressed() -> None:
    source = LmiSource.from_arrow(hand_tables())
    table = compute("active_seekers", ["province"], "2025Q3", source=source)
    rows = {row.key: row for row in table.rows}
    assert rows[("35",)].suppressed and rows[("35",)].suppression == "primary"
    assert rows[("32",)].suppressed and rows[("32",)].suppression == "secondary"
    assert rows[(TOTAL,)].values["value"] == 9 and not rows[(TOTAL,)].suppressed
    assert all(v is None for v in rows[("35",)].values.values())
    rendered = table.render_rows("id")
    assert ["35", "x"] in rendered and ["Jumlah", "9"] in rendered
    # vacancy ads are public documents: not suppressed by default
    vacancies = compute("vacancies_posted", ["province"], "2025Q3", source=source)
    assert not any(row.suppressed for row in vacancies.rows)


def test_bad_input_messages() -> None:
    source = LmiSource.from_arrow(hand_tables())
    with pytest.raises(LmiInputError, match=r"unknown indicator 'jobs'.*active_seekers.*tightness"):
        compute("jobs", [], "2025Q3", source=source)
    with pytest.raises(LmiInputError, match=r"unknown dimension 'city'.*province"):
        compute("active_seekers", ["city"], "2025Q3", source=source)
    with pytest.raises(LmiInputError, match=r"'sex' does not apply to vacancies_posted"):
        compute("vacancies_posted", ["sex"], "2025Q3", source=source)
    with pytest.raises(LmiInputError, match=r"empty period.*2025Q3"):
        compute("active_seekers", [], "", source=source)
    # a per-skill table of persons by two dimensions would take minutes to audit and publish next to nothing
    with pytest.raises(LmiInputError, match=r"skill_shortage_index is broken down by one dimension.*province, isco1"):
        compute("skill_shortage_index", ["province", "isco1"], "2025Q3", source=source)
    assert compute("skill_shortage_index", ["province"], "2025Q3", source=source).rows
    with pytest.raises(LmiInputError, match=r"unknown period format '2025-Q7'.*YYYY-MM"):
        compute("active_seekers", [], "2025-Q7", source=source)
    with pytest.raises(LmiInputError, match=r"month must be 01–12"):
        parse_period("2025-13")
    with pytest.raises(LmiInputError, match=r"unknown engine 'spark'.*duckdb, dask"):
        compute("active_seekers", [], "2025Q3", source=source, engine="spark")
    with pytest.raises(LmiInputError, match=r"cannot filter active_seekers on 'colour'"):
        compute("active_seekers", [], "2025Q3", source=source, filters={"colour": "red"})
    with pytest.raises(LmiInputError, match=r"cannot break period 2025-07 \(month\) down by quarter"):
        compute("active_seekers", ["quarter"], "2025-07", source=source)
    with pytest.raises(SourceError, match=r"relation 'seeker': column 'registered_on' is missing"):
        LmiSource.from_arrow({"seeker": hand_tables()["seeker"].drop(["registered_on"])})


def test_no_data_is_an_error_not_zeros(hand_engine: Engine) -> None:
    with pytest.raises(NoDataError, match=r"no data for period 2019Q1: active_seekers .* 2025-01-15 … 2025-10-05"):
        compute_cells("active_seekers", [], "2019Q1", engine=hand_engine)
    with pytest.raises(NoDataError, match=r"no records for vacancies_posted in period 2025Q3 with province=99"):
        compute_cells("vacancies_posted", [], "2025Q3", engine=hand_engine, filters={"province": "99"})
    with pytest.raises(NoDataError, match=r"skill_growth compares with 2024Q4"):
        compute_cells("skill_growth", [], "2025Q1", engine=hand_engine)
    empty = LmiSource.from_arrow({"seeker": hand_tables()["seeker"]})
    with pytest.raises(NoDataError, match=r"no data for period 2025Q3: the vacancies records are empty"):
        compute("vacancies_posted", [], "2025Q3", source=empty)


def test_every_indicator_is_documented_with_its_measures() -> None:
    from pathlib import Path

    from pasarkerja.lmi import INDICATORS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "INDICATORS.md").read_text(encoding="utf-8")
    rows = {line.split("`")[1]: line for line in doc.splitlines() if line.startswith("| `")}
    documented = {name for name in rows if name in INDICATORS or "_" in name}
    assert documented == set(INDICATORS)
    for name, definition in INDICATORS.items():
        for measure in definition.measures[1:]:
            assert f"`{measure}`" in rows[name], (name, measure)
