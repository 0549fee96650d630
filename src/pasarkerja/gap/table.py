"""A small column table (NumPy columns) for the regional analysis, with CSV and Excel export.

Pages and the API read it with :meth:`Table.records` (plain dicts, Plotly-ready); planners download it with
:func:`write_csv` / :func:`write_excel`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from pasarkerja.gap.records import GapInputError

EXCEL_MAX_ROWS = 1_048_575  # one row is the header


def _plain(value: Any) -> Any:
    """NumPy scalars → Python values (CSV, JSON and openpyxl want plain types)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


@dataclass(frozen=True)
class Table:
    """Named columns of equal length, in order."""

    columns: tuple[str, ...]
    data: Mapping[str, NDArray[Any]]

    def __post_init__(self) -> None:
        lengths = {name: len(self.data[name]) for name in self.columns}
        if len(set(lengths.values())) > 1:
            raise GapInputError(f"table columns differ in length: {lengths}")

    def __len__(self) -> int:
        return len(self.data[self.columns[0]]) if self.columns else 0

    def column(self, name: str) -> NDArray[Any]:
        return self.data[name]

    def rows(self, limit: int | None = None) -> Iterator[tuple[Any, ...]]:
        n = len(self) if limit is None else min(limit, len(self))
        columns = [self.data[c][:n].tolist() for c in self.columns]
        yield from zip(*columns, strict=True)

    def records(self, limit: int | None = None) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows(limit)]

    def where(self, mask: NDArray[np.bool_]) -> Table:
        return Table(self.columns, {c: self.data[c][mask] for c in self.columns})

    def select(self, **equal: Any) -> Table:
        """Rows whose columns equal the given values, e.g. ``select(level="province", region_code="32")``."""
        mask = np.ones(len(self), dtype=np.bool_)
        for name, value in equal.items():
            if name not in self.data:
                raise GapInputError(f"table has no column {name!r} (columns: {', '.join(self.columns)})")
            mask &= self.data[name] == value
        return self.where(mask)


def write_csv(table: Table, path: str | Path) -> Path:
    """Write the table as UTF-8 CSV with a header row; returns the path."""
    target = Path(path)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.columns)
        for row in table.rows():
            writer.writerow([_plain(v) for v in row])
    return target


def write_excel(sheets: Mapping[str, Table] | Sequence[tuple[str, Table]], path: str | Path) -> Path:
    """Write one sheet per table (openpyxl, write-only). A table longer than Excel's row limit is refused
    with a message rather than silently cut."""
    from openpyxl import Workbook

    items = list(sheets.items()) if isinstance(sheets, Mapping) else list(sheets)
    for name, table in items:
        if len(table) > EXCEL_MAX_ROWS:
            raise GapInputError(
                f"sheet {name!r} has {len(table):,} rows, more than Excel's {EXCEL_MAX_ROWS:,}: "
                "filter it (e.g. by province) or export CSV"
            )
    book = Workbook(write_only=True)
    for name, table in items:
        sheet = book.create_sheet(title=name[:31])
        sheet.append(list(table.columns))
        for row in table.rows():
            sheet.append([_plain(v) for v in row])
    target = Path(path)
    book.save(target)
    return target
