"""Exports of a protected :class:`~pasarkerja.lmi.table.IndicatorTable`: CSV, Excel, Parquet and SDMX-CSV.

Only protected tables can be exported (the table type is only built by ``compute``), so a suppressed cell
is written as empty with its flag — never its value.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.styles import Font

from pasarkerja.lmi.definitions import TOTAL
from pasarkerja.lmi.periods import LmiInputError
from pasarkerja.lmi.table import SUPPRESSED_MARK, IndicatorTable

FORMATS = ("csv", "xlsx", "parquet", "sdmx-csv")
# SDMX names of our dimensions (ILOSTAT uses REF_AREA, SEX, CLASSIF_* for breakdowns).
SDMX_DIMENSIONS = {
    "province": "REF_AREA",
    "regency": "REF_AREA_REGENCY",
    "isco1": "OCU_ISCO08_1",
    "isco2": "OCU_ISCO08_2",
    "isco3": "OCU_ISCO08_3",
    "isco4": "OCU_ISCO08_4",
    "education": "EDU_LEVEL",
    "sex": "SEX",
    "skill": "SKILL",
}


def write_csv(table: IndicatorTable, path: str | Path) -> Path:
    target = Path(path)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.columns)
        for record in table.records():
            writer.writerow(["" if record[c] is None else record[c] for c in table.columns])
    return target


def write_parquet(table: IndicatorTable, path: str | Path) -> Path:
    target = Path(path)
    pq.write_table(table.to_arrow(), target)
    return target


def write_excel(table: IndicatorTable, path: str | Path, lang: str = "id") -> Path:
    target = Path(path)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.indicator[:31]
    title = table.label_id if lang == "id" else table.label_en
    sheet.append([f"{title} — {table.period}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append([("Satuan: " if lang == "id" else "Unit: ") + table.unit])
    if table.suppression_applied:
        sheet.append(
            [
                (
                    f"'{SUPPRESSED_MARK}': disembunyikan (kurang dari {table.k} orang atau penyembunyian "
                    "sekunder)"
                )
                if lang == "id"
                else f"'{SUPPRESSED_MARK}': suppressed (fewer than {table.k} persons, or secondary "
                "suppression)"
            ]
        )
    sheet.append([])
    sheet.append(table.headers(lang))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for rendered, row in zip(table.render_rows(lang), table.rows, strict=True):
        values: list[object] = list(rendered[: len(table.by)])
        for measure in table.measures:
            value = row.values.get(measure)
            values.append(SUPPRESSED_MARK if row.suppressed else value)
        sheet.append(values)
    book.save(target)
    return target


def _sdmx_period(label: str) -> str:
    return label.replace("Q", "-Q") if "Q" in label else label


def write_sdmx_csv(table: IndicatorTable, path: str | Path, agency: str = "PASARKERJA") -> Path:
    """SDMX-CSV 1.0: one observation per cell and measure; ``CONF_STATUS`` F (free), C (confidential,
    primary) or D (secondary confidentiality); margins carry the SDMX total code ``_T``."""
    target = Path(path)
    time_dim = next((d for d in table.by if d in ("month", "quarter", "year")), None)
    dims = [d for d in table.by if d != time_dim]
    header = [
        "DATAFLOW",
        "INDICATOR",
        *[SDMX_DIMENSIONS.get(d, d.upper()) for d in dims],
        "MEASURE",
        "TIME_PERIOD",
        "OBS_VALUE",
        "UNIT_MEASURE",
        "CONF_STATUS",
    ]
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in table.rows:
            key = dict(zip(table.by, row.key, strict=True))
            period = key[time_dim] if time_dim else table.period
            status = {"primary": "C", "secondary": "D"}.get(row.suppression or "", "F")
            for measure in table.measures:
                value = row.values.get(measure)
                writer.writerow(
                    [
                        f"{agency}:LMI_{table.indicator.upper()}(1.0)",
                        table.indicator.upper(),
                        *[("_U" if key[d] is None else key[d]) for d in dims],
                        measure.upper(),
                        _sdmx_period(TOTAL if period == TOTAL else str(period)),
                        "" if value is None else value,
                        table.unit,
                        status,
                    ]
                )
    return target


def export(table: IndicatorTable, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``table`` in ``fmt`` (or the format named by the file's suffix)."""
    target = Path(path)
    chosen = fmt or {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}.get(target.suffix.lower())
    if chosen == "csv":
        return write_csv(table, target)
    if chosen == "xlsx":
        return write_excel(table, target)
    if chosen == "parquet":
        return write_parquet(table, target)
    if chosen == "sdmx-csv":
        return write_sdmx_csv(table, target)
    raise LmiInputError(
        f"unknown export format {fmt or target.suffix!r}: valid formats are {', '.join(FORMATS)}"
    )
