"""Labour-market information: indicators over seekers, vacancies, referrals and placements, with
statistical disclosure control. Pure core — it never reads the database; the outer layer hands over the
relations documented in :mod:`pasarkerja.lmi.schema` (``store.lmi_source.extract_source(engine)``).

Public API (definitions and formulas: docs/INDICATORS.md)::

    source = LmiSource.from_arrow({"vacancy": ..., "seeker": ..., ...})   # or LmiSource.from_parquet(dir)
    table = compute("tightness", by=["province", "isco2"], period="2025Q3", source=source)
    table.rows            # IndicatorRow(key, values, suppressed, suppression), margins keyed "_T"
    table.records()       # list of dicts for JSON
    table.render_rows("id", labels={"province": {...}})   # display strings, suppressed as "x"
    export(table, "out.xlsx")                              # csv / xlsx / parquet / sdmx-csv

    with closing(open_engine(source, "duckdb")) as engine:  # keep one engine for many queries
        compute("offered_pay", by=["province"], period="2025", source=engine)

``compute`` raises :class:`LmiInputError` (unknown indicator/dimension/filter/engine, bad period; the
message lists what is valid) and :class:`NoDataError` (no records for the period or the filters).
Every table it returns is already suppressed (k = 5 persons by default, ``SuppressionPolicy(k=…)``).
"""

from pasarkerja.lmi.compute import ENGINES, compute, open_engine
from pasarkerja.lmi.definitions import (
    DIMENSIONS,
    INDICATORS,
    TOTAL,
    Dimension,
    IndicatorDefinition,
    indicator,
)
from pasarkerja.lmi.engine import Engine
from pasarkerja.lmi.export import FORMATS, export, write_csv, write_excel, write_parquet, write_sdmx_csv
from pasarkerja.lmi.periods import PERIOD_FORMATS, LmiError, LmiInputError, NoDataError, Period, parse_period
from pasarkerja.lmi.schema import (
    DISCRIMINATORY_FLAG_KINDS,
    RELATIONS,
    LmiSource,
    SourceError,
    is_discriminatory,
    vacancy_closed_on,
)
from pasarkerja.lmi.schema import write_parquet as write_source_parquet
from pasarkerja.lmi.suppression import SuppressionPolicy, protect
from pasarkerja.lmi.table import IndicatorRow, IndicatorTable

__all__ = [
    "DIMENSIONS",
    "DISCRIMINATORY_FLAG_KINDS",
    "ENGINES",
    "FORMATS",
    "INDICATORS",
    "PERIOD_FORMATS",
    "RELATIONS",
    "TOTAL",
    "Dimension",
    "Engine",
    "IndicatorDefinition",
    "IndicatorRow",
    "IndicatorTable",
    "LmiError",
    "LmiInputError",
    "LmiSource",
    "NoDataError",
    "Period",
    "SourceError",
    "SuppressionPolicy",
    "compute",
    "export",
    "indicator",
    "is_discriminatory",
    "open_engine",
    "parse_period",
    "protect",
    "vacancy_closed_on",
    "write_csv",
    "write_excel",
    "write_parquet",
    "write_sdmx_csv",
    "write_source_parquet",
]
