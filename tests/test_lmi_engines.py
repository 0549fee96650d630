"""DuckDB and Dask give identical numbers for every indicator on the same data (Arrow in memory and the
partitioned Parquet files for DuckDB, the Parquet files for Dask), and the published, suppressed tables are
identical too. The database path (store.lmi_source) is in test_lmi_database.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from pasarkerja.lmi import INDICATORS, Engine, LmiSource, compute, open_engine, write_source_parquet
from pasarkerja.lmi.compute import compute_cells
from pasarkerja.lmi.synthetic import synthetic_tables

CASES = {
    "active_seekers": ["province", "sex"],
    "new_registrations": ["education"],
    "vacancies_posted": ["isco1", "quarter"],
    "vacancies_open": ["province"],
    "openings": ["isco2"],
    "referrals": ["province"],
    "placements": ["sex"],
    "placement_rate": ["education"],
    "tightness": ["isco1", "province"],
    "offered_pay": ["province"],
    "below_minimum_wage_share": ["isco1"],
    "discriminatory_share": ["education"],
    "top_skills": ["isco1"],
    "skill_growth": [],
    "skill_shortage_index": [],
    "education_mismatch": ["isco1"],
}


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Engine, Engine]]:
    tables = synthetic_tables(seekers=2500, vacancies=2500, seed=3, skills=60)
    folder: Path = tmp_path_factory.mktemp("lmi_parquet")
    parquet = write_source_parquet(tables, folder, rows_per_file=2000)
    assert len(parquet.parquet_files("vacancy")) == 2
    with (
        closing(open_engine(LmiSource.from_arrow(tables), "duckdb")) as duck,
        closing(open_engine(parquet, "dask")) as dask_engine,
        closing(open_engine(parquet, "duckdb")) as duck_parquet,
    ):
        yield duck, dask_engine, duck_parquet


def test_every_indicator_is_covered() -> None:
    assert set(CASES) == set(INDICATORS)


def _frame(engine: Engine, name: str) -> pd.DataFrame:
    definition, frame, _ = compute_cells(name, CASES[name], "2025", engine=engine, min_base=2)
    dims = [c for c in frame.columns if c in [*CASES[name], "skill", "month"]]
    columns = [*dims, *definition.measures, "_basis"]
    out = frame[columns].sort_values(dims).reset_index(drop=True) if dims else frame[columns]
    return out.astype(object).where(out.notna(), None)


@pytest.mark.parametrize("name", sorted(CASES))
def test_engines_agree(engines: tuple[Engine, Engine, Engine], name: str) -> None:
    duck, dask_engine, duck_parquet = engines
    left, right = _frame(duck, name), _frame(dask_engine, name)
    assert len(left) > 3
    assert left.to_dict("records") == right.to_dict("records")
    assert _frame(duck_parquet, name).to_dict("records") == left.to_dict("records")


def test_published_tables_agree(engines: tuple[Engine, Engine, Engine]) -> None:
    duck, dask_engine, _ = engines
    a = compute("placements", ["province", "sex"], "2025", source=duck)
    b = compute("placements", ["province", "sex"], "2025", source=dask_engine)
    assert a.rows == b.rows
    assert any(row.suppression == "primary" for row in a.rows)
    assert any(row.suppression == "secondary" for row in a.rows)


# The DuckDB engine counts skill rows over coded tables built at load time (integer codes, pre-joined to
# their vacancy or seeker); the same engine over views (materialise=False) joins the source relations per
# query with the plain SQL of every other base. Both must give the same aggregates, for every dimension the
# skill bases offer, filters (on the skill too) and periods of every kind.
SKILL_CASES = [
    ("vacancy_skills", ("isco1",), {}, "2025Q3"),
    ("vacancy_skills", ("province", "education"), {}, "2025"),
    ("vacancy_skills", ("isco4", "regency"), {"isco1": ("2", "7")}, "2025-03"),
    ("vacancy_skills", (), {"skill": ("skill-00003", "skill-00010")}, "2024"),
    ("seeker_skills", ("isco2",), {}, "2025Q3"),
    ("seeker_skills", ("sex", "education"), {}, "2025"),
    ("seeker_skills", ("regency",), {"sex": ("F",), "skill": ("skill-00001",)}, "2024Q4"),
    ("seeker_skills", ("isco3", "province"), {}, "2025-06"),
]


@pytest.mark.parametrize(("base", "dims", "filters", "period"), SKILL_CASES)
def test_coded_skill_tables_equal_the_joins(
    base: str, dims: tuple[str, ...], filters: dict[str, tuple[str, ...]], period: str
) -> None:
    from pasarkerja.lmi.engine import Measure
    from pasarkerja.lmi.engine_duckdb import DuckDBEngine
    from pasarkerja.lmi.periods import parse_period

    tables = synthetic_tables(seekers=3000, vacancies=3000, seed=11, skills=40)
    # Unknown values where the coded tables must keep them apart from real codes: a null skill, a null
    # occupation, a region known only to the province.
    tables["vacancy_skill"] = tables["vacancy_skill"].set_column(
        1, "skill_id", pa.array([None, *tables["vacancy_skill"]["skill_id"].to_pylist()[1:]], pa.string())
    )
    tables["seeker"] = tables["seeker"].set_column(
        2, "region_code", pa.array(["32", *tables["seeker"]["region_code"].to_pylist()[1:]], pa.string())
    )
    source = LmiSource.from_arrow(tables)
    sets = [(*dims, "skill"), ("skill",)] if dims else [("skill",)]
    measures = [Measure("n", "count")]
    with closing(DuckDBEngine(source)) as coded, closing(DuckDBEngine(source, materialise=False)) as joined:
        assert coded.coded and not joined.coded
        left = coded.aggregate(base, parse_period(period), sets, filters, measures)
        right = joined.aggregate(base, parse_period(period), sets, filters, measures)
    columns = [*dims, "skill"]
    left = left[[*columns, "_rows", "n"]].sort_values(columns).reset_index(drop=True)
    right = right[[*columns, "_rows", "n"]].sort_values(columns).reset_index(drop=True)
    assert len(left) >= 2 and left["n"].sum() > 100
    assert left.to_dict("records") == right.to_dict("records")
