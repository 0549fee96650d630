"""``pasarkerja lmi …``:
labour-market information: indicators, reports and exports with small-cell suppression.

Every table comes from :func:`pasarkerja.lmi.compute`, already suppressed; suppressed cells print as "x".
Bad input (an unknown indicator, dimension, filter, period or province) and a period without data end with a
message listing what is valid and exit code 1 — never a table of zeros.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table as RichTable

from pasarkerja.cli.common import DatabaseOption, console, fail, resolve_settings

if TYPE_CHECKING:
    from pasarkerja.api.lmi import LmiData
    from pasarkerja.lmi import IndicatorTable

app = typer.Typer(
    help="Labour-market information: indicators, reports and exports with small-cell suppression.",
    no_args_is_help=True,
)

LANGUAGES = ("id", "en")

ByOption = Annotated[
    str, typer.Option("--by", help="Dimensions, comma-separated (e.g. province,isco2); see `lmi list`")
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="2025-07 (month), 2025Q3 (quarter) or 2025 (year); default: the latest quarter with records",
    ),
]
FilterOption = Annotated[
    list[str] | None,
    typer.Option("--filter", "-f", help="Keep only key=value (e.g. province=32, isco1=7); repeatable"),
]
LangOption = Annotated[str, typer.Option("--lang", help="Language of labels: id | en")]
KOption = Annotated[
    int | None,
    typer.Option(
        "--k",
        min=2,
        help="Suppress cells counting fewer than k persons (default: PASARKERJA_LMI_MIN_CELL_PERSONS, 5)",
    ),
]
LimitOption = Annotated[int, typer.Option("--limit", min=1, max=500, help="Skills kept per group")]


def _data(database: str | None) -> LmiData:
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from pasarkerja.api.lmi import LmiData
    from pasarkerja.lmi import SuppressionPolicy
    from pasarkerja.store.db import make_engine

    settings = resolve_settings(database)
    engine = make_engine(settings.database_url)
    try:
        if not inspect(engine).has_table("vacancy"):
            fail("the database has no schema yet: run `pasarkerja db init` (or `pasarkerja demo`) first")
    except SQLAlchemyError as exc:
        fail(f"cannot open the database: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    return LmiData(engine, policy=SuppressionPolicy(k=settings.lmi_min_cell_persons))


def _filters(values: list[str] | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            fail(f"--filter must look like key=value (e.g. province=32), got {item!r}")
        out.setdefault(key.strip(), []).extend(v.strip() for v in value.split(",") if v.strip())
    return out


def _language(lang: str) -> str:
    if lang not in LANGUAGES:
        fail(f"--lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


def _compute(
    data: LmiData,
    indicator: str,
    by: str,
    period: str | None,
    filters: list[str] | None,
    k: int | None,
    limit: int,
) -> IndicatorTable:
    from pasarkerja.api.lmi import split_list
    from pasarkerja.lmi import LmiError, SuppressionPolicy

    chosen = data.default_period() if period is None else period
    try:
        return data.compute(
            indicator,
            split_list(by),
            chosen,
            filters=_filters(filters),
            policy=None if k is None else SuppressionPolicy(k=k),
            limit=limit,
        )
    except LmiError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


@app.command("show")
def show(
    indicator: Annotated[str, typer.Argument(help="Indicator name; see `pasarkerja lmi list`")],
    by: ByOption = "",
    period: PeriodOption = None,
    filter_: FilterOption = None,
    lang: LangOption = "id",
    k: KOption = None,
    limit: LimitOption = 20,
    database: DatabaseOption = None,
) -> None:
    """Print one indicator by dimensions for a period; suppressed cells show as "x"."""
    from pasarkerja.api.lmi import code_labels
    from pasarkerja.web.lmi_report import table_block

    language = _language(lang)
    data = _data(database)
    try:
        table = _compute(data, indicator, by, period, filter_, k, limit)
        block = table_block(table, code_labels(table, language, data.db), language, "")
    finally:
        data.close()
        data.db.dispose()
    title = (table.label_id if language == "id" else table.label_en) + f" — {table.period}"
    if table.filters:
        title += " (" + ", ".join(f"{key}={'|'.join(v)}" for key, v in table.filters.items()) + ")"
    rich = RichTable(title=title)
    for position, header in enumerate(block["headers"]):
        rich.add_column(header, justify="right" if position >= block["numeric_from"] else "left")
    for cells, total in zip(block["rows"], block["totals"], strict=True):
        rich.add_row(*cells, style="bold" if total else None)
    console.print(rich)
    suppressed = sum(block["suppressed"])
    if table.suppression_applied:
        note = (
            f"x = disembunyikan: kurang dari {table.k} orang, atau agar sel lain tidak dapat dihitung dari "
            f"jumlahnya ({suppressed} sel)"
            if language == "id"
            else f"x = suppressed: fewer than {table.k} persons, or so that another cell cannot be worked "
            f"out from the totals ({suppressed} cells)"
        )
        console.print(note, soft_wrap=True, highlight=False)
    for note in table.notes:
        console.print(f"[yellow]note:[/] {note}", soft_wrap=True, highlight=False)


@app.command("list")
def list_indicators(lang: LangOption = "id") -> None:
    """The indicators and dimensions, with their one-line definitions (formulas: docs/INDICATORS.md)."""
    from pasarkerja.lmi import DIMENSIONS, INDICATORS, PERIOD_FORMATS

    language = _language(lang)
    indicators = RichTable("indicator", "definition", "unit", "basis", "dimensions", title="Indicators")
    for d in INDICATORS.values():
        indicators.add_row(
            d.name,
            d.label_id if language == "id" else d.label_en,
            d.unit,
            d.basis + (" (suppressed)" if d.basis == "persons" else ""),
            ", ".join(d.valid_dimensions()),
        )
    console.print(indicators)
    dimensions = RichTable("dimension", "definition", "adds up", title="Dimensions")
    for dim in DIMENSIONS.values():
        dimensions.add_row(
            dim.name, dim.label_id if language == "id" else dim.label_en, "yes" if dim.additive else "no"
        )
    console.print(dimensions)
    console.print("periods: " + "; ".join(PERIOD_FORMATS), highlight=False)


@app.command("export")
def export_table(
    indicator: Annotated[str, typer.Argument(help="Indicator name; see `pasarkerja lmi list`")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output file: .csv, .xlsx, .parquet or .sdmx.csv (SDMX-CSV)")
    ],
    by: ByOption = "",
    period: PeriodOption = None,
    filter_: FilterOption = None,
    lang: LangOption = "id",
    k: KOption = None,
    limit: LimitOption = 20,
    database: DatabaseOption = None,
) -> None:
    """Write one indicator table (suppressed cells empty and flagged) to a file."""
    from pasarkerja.lmi import FORMATS, export, write_excel

    language = _language(lang)
    name = out.name.lower()
    suffixes = {".sdmx.csv": "sdmx-csv", ".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
    fmt = next((f for suffix, f in suffixes.items() if name.endswith(suffix)), None)
    if fmt is None:
        fail(
            f"--out {out}: the file name must end in .csv, .xlsx, .parquet or .sdmx.csv "
            f"(formats {', '.join(FORMATS)})"
        )
    if not out.parent.is_dir():
        fail(f"--out {out}: folder {out.parent} does not exist")
    data = _data(database)
    try:
        table = _compute(data, indicator, by, period, filter_, k, limit)
    finally:
        data.close()
        data.db.dispose()
    if fmt == "xlsx":
        write_excel(table, out, language)
    else:
        export(table, out, fmt)
    suppressed = sum(row.suppressed for row in table.rows)
    console.print(
        f"wrote {out} ({fmt}): {table.indicator} {table.period}, {len(table.rows)} rows, "
        f"{suppressed} suppressed",
        highlight=False,
    )


@app.command("report")
def report(
    province: Annotated[
        str, typer.Option("--province", help="Province code (2 digits, Kemendagri), e.g. 32")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output HTML file")],
    period: PeriodOption = None,
    lang: LangOption = "id",
    database: DatabaseOption = None,
) -> None:
    """Write the provincial report ("Laporan Informasi Pasar Kerja — Provinsi …") as one self-contained
    HTML file with charts and a narrative; print it to PDF from a browser."""
    from pasarkerja.api.lmi import code_labels
    from pasarkerja.lmi import LmiError
    from pasarkerja.web.charts import PLOTLY_JS
    from pasarkerja.web.lmi_pages import report_css
    from pasarkerja.web.lmi_report import province_report, report_document

    language = _language(lang)
    if out.suffix.lower() not in (".html", ".htm"):
        fail(f"--out {out}: the report is HTML, give a file name ending in .html")
    if not out.parent.is_dir():
        fail(f"--out {out}: folder {out.parent} does not exist")
    data = _data(database)
    try:
        chosen = data.default_period() if period is None else period
        built = province_report(
            data.compute, lambda table, lg: code_labels(table, lg, data.db), province, chosen, language
        )
    except LmiError as exc:
        fail(str(exc))
        return
    finally:
        data.close()
        data.db.dispose()
    html = report_document(built, css=report_css(), plotly_js=PLOTLY_JS.read_text(encoding="utf-8"))
    out.write_text(html, encoding="utf-8")
    console.print(f"wrote {out}: {built.province_name}, {built.period}", highlight=False)
    for sentence in built.narrative:
        console.print(f"  {sentence}", soft_wrap=True, highlight=False)
