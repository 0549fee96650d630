"""The result of an indicator query, already protected by suppression: rows ready to render or export."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

from pasarkerja.lmi.definitions import DIMENSIONS, TOTAL

SUPPRESSED_MARK = "x"  # shown in place of a suppressed value (the convention of several statistics offices)
UNKNOWN_LABEL = {"id": "(tidak diketahui)", "en": "(unknown)"}
TOTAL_LABEL = {"id": "Jumlah", "en": "Total"}


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One published cell. ``key`` holds one value per dimension of ``IndicatorTable.by``: a code, ``None``
    for an unknown category, or ``"_T"`` for a margin. A suppressed row has every value ``None``."""

    key: tuple[str | None, ...]
    values: Mapping[str, float | int | None]
    suppressed: bool = False
    suppression: str | None = None  # "primary" | "secondary"

    @property
    def is_total(self) -> bool:
        return TOTAL in self.key


@dataclass(frozen=True)
class IndicatorTable:
    indicator: str
    label_id: str
    label_en: str
    unit: str
    period: str
    by: tuple[str, ...]
    measures: tuple[str, ...]
    rows: tuple[IndicatorRow, ...]
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    basis: str = "persons"
    k: int = 5
    suppression_applied: bool = True
    engine: str = "duckdb"
    notes: tuple[str, ...] = ()

    @property
    def columns(self) -> list[str]:
        return [*self.by, *self.measures, "suppressed"]

    def records(self, *, include_totals: bool = True) -> list[dict[str, Any]]:
        """Plain dicts (dimension values, measures, ``suppressed``): what an API returns as JSON."""
        out = []
        for row in self.rows:
            if row.is_total and not include_totals:
                continue
            record: dict[str, Any] = dict(zip(self.by, row.key, strict=True))
            record.update({m: row.values.get(m) for m in self.measures})
            record["suppressed"] = row.suppressed
            out.append(record)
        return out

    def cells(self) -> dict[tuple[str | None, ...], IndicatorRow]:
        return {row.key: row for row in self.rows}

    def value(self, *key: str | None, measure: str = "value") -> float | int | None:
        """The value of one cell (``table.value("32", "7")``); KeyError when the cell is not in the table."""
        return self.cells()[tuple(key)].values.get(measure)

    def headers(self, lang: str = "id") -> list[str]:
        names = [DIMENSIONS[d].label_id if lang == "id" else DIMENSIONS[d].label_en for d in self.by]
        return [*names, *self.measures]

    def render_rows(
        self, lang: str = "id", labels: Mapping[str, Mapping[str, str]] | None = None
    ) -> list[list[str]]:
        """Rows of display strings: codes replaced by ``labels[dimension][code]`` when given, margins as
        "Jumlah"/"Total", unknown categories named, suppressed values as ``x``."""
        labels = labels or {}
        out = []
        for row in self.rows:
            cells = []
            for name, code in zip(self.by, row.key, strict=True):
                if code == TOTAL:
                    cells.append(TOTAL_LABEL.get(lang, "Total"))
                elif code is None:
                    cells.append(UNKNOWN_LABEL.get(lang, "(unknown)"))
                else:
                    label = labels.get(name, {}).get(code)
                    cells.append(f"{code} {label}" if label else code)
            for measure in self.measures:
                cells.append(
                    SUPPRESSED_MARK if row.suppressed else format_value(row.values.get(measure), lang)
                )
            out.append(cells)
        return out

    def to_pandas(self) -> pd.DataFrame:
        return pd.DataFrame(self.records(), columns=self.columns)

    def to_arrow(self) -> pa.Table:
        columns: dict[str, pa.Array] = {}
        records = self.records()
        for name in self.by:
            columns[name] = pa.array([r[name] for r in records], pa.string())
        for name in self.measures:
            columns[name] = pa.array(
                [None if r[name] is None else float(r[name]) for r in records], pa.float64()
            )
        columns["suppressed"] = pa.array([r["suppressed"] for r in records], pa.bool_())
        metadata = {
            "indicator": self.indicator,
            "unit": self.unit,
            "period": self.period,
            "suppression_k": str(self.k),
        }
        return pa.table(columns).replace_schema_metadata(metadata)


def format_value(value: float | int | None, lang: str = "id") -> str:
    if value is None:
        return "–"
    text = f"{int(value):,}" if isinstance(value, int) or float(value).is_integer() else f"{value:,.2f}"
    if lang == "id":  # Indonesian: "." groups thousands, "," marks decimals
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text
