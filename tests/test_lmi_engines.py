"""DuckDB and Dask give identical numbers for every indicator on the same data (Arrow in memory and the
partitioned Parquet files for DuckDB, the Parquet files for Dask), and the published, suppressed tables are
identical too. The database path (store.lmi_source) is in test_lmi_database.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pandas as pd
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
