"""Server-rendered labour-market-information dashboard ("Informasi Pasar Kerja") and provincial reports.

The pages are for job-centre staff (``api.lmi.LMI_ROLES``; why not the public: see ``api.lmi``). They show
tables that ``pasarkerja.lmi.compute`` has already suppressed (cells counting fewer than k persons, and the
cells that would reveal them, are "x"). Every number on them comes from a protected table; nothing is
counted here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pasarkerja.api.lmi import LMI_ROLES, Staff, code_labels, lmi_data
from pasarkerja.lmi import FORMATS, INDICATORS, IndicatorTable, LmiError, NoDataError
from pasarkerja.lmi.periods import parse_period
from pasarkerja.web.charts import PLOTLY_JS, PLOTLY_SCRIPT_TAG
from pasarkerja.web.i18n import translator
from pasarkerja.web.lmi_report import (
    bar_figure,
    chart_html,
    province_report,
    report_document,
    series_figure,
    table_block,
)
from pasarkerja.web.pages import current_language, render, templates

router = APIRouter()
# The navigation entry (_nav_lmi.html) shows only to the roles that may open the pages.
templates.env.globals["lmi_roles"] = LMI_ROLES

DASHBOARD = "/informasi-pasar-kerja"
STATIC_CSS = "lmi.css"
STATIC_DIR = Path(__file__).parent / "static"
BAR_SKILLS = 20

ShortText = Annotated[str, Query(max_length=40)]


def _province_options() -> list[tuple[str, str]]:
    from pasarkerja.taxonomy import provinces

    return [(code, record.name) for code, record in sorted(provinces().items())]


def _labeller(request: Request) -> Any:
    db = request.app.state.engine
    return lambda table, lang: code_labels(table, lang, db)


def _scripts() -> str:
    return str(PLOTLY_SCRIPT_TAG)


@router.get(DASHBOARD, response_class=HTMLResponse)
def dashboard(
    request: Request,
    user: Staff,
    indicator: ShortText = "tightness",
    by: ShortText = "province",
    by2: ShortText = "",
    period: Annotated[str | None, Query(max_length=20)] = None,
    province: ShortText = "",
    isco_level: Annotated[int, Query(ge=1, le=4)] = 2,
) -> HTMLResponse:
    lang = current_language(request)
    t = translator(lang)
    data = lmi_data(request)
    chosen = data.default_period() if period is None else period
    filters = {"province": province} if province else {}
    form = {
        "indicator": indicator, "by": by, "by2": by2, "period": chosen, "province": province,
        "isco_level": isco_level,
    }  # fmt: skip
    quarters = data.quarters()
    years = sorted({q[:4] for q in quarters})
    context: dict[str, Any] = {
        "form": form,
        "indicators": list(INDICATORS.values()),
        "definition": INDICATORS.get(indicator),
        "dimensions": INDICATORS.get(indicator, INDICATORS["tightness"]).valid_dimensions(),
        "periods": [*reversed(quarters), *reversed(years)],
        "provinces": _province_options(),
        "charts": {},
        "chart_notes": {},
        "scripts": "",
        "css": STATIC_CSS,
    }
    labeller = _labeller(request)
    try:
        table = data.compute(indicator, [d for d in (by, by2) if d], chosen, filters=filters)
    except LmiError as exc:
        context["error"] = str(exc)
        status = 404 if isinstance(exc, NoDataError) else 400
        return render(request, "lmi_dashboard.html", context, user=user, status_code=status)
    definition = INDICATORS[indicator]
    context["table"] = table_block(table, labeller(table, lang), lang, t("lmi.table.heading"))
    context["table_meta"] = table
    context["downloads"] = _downloads(table, lang)
    title = t(f"lmi.ind.{indicator}")
    charts: dict[str, Any] = {}
    chart_notes: dict[str, str] = {}
    year = str(parse_period(chosen).start.year)
    context["series_heading"] = t("lmi.series.heading", year=year)
    if definition.skill_level:
        chart_notes["series"] = t("lmi.series.none")
        bars = _chart_table(
            chart_notes, "bars", t,
            lambda: data.compute(indicator, [], chosen, filters=filters, limit=BAR_SKILLS),
        )  # fmt: skip
        if bars is not None:
            figure = bar_figure(bars, "skill", labeller(bars, lang).get("skill", {}), lang=lang)
            if figure is not None:
                charts["bars"] = chart_html(figure, "lmi-chart-bars", lang)
        context["bars_heading"] = t("lmi.bars.skills")
    else:
        series = _chart_table(
            chart_notes, "series", t, lambda: data.compute(indicator, ["month"], year, filters=filters)
        )
        if series is not None:
            figure = series_figure([(title, series)], "month", lang=lang)
            if figure is not None:
                charts["series"] = chart_html(figure, "lmi-chart-series", lang)
        dimension = f"isco{isco_level}"
        bars = _chart_table(
            chart_notes, "bars", t, lambda: data.compute(indicator, [dimension], chosen, filters=filters)
        )
        if bars is not None:
            names = labeller(bars, lang).get(dimension, {})
            figure = bar_figure(bars, dimension, names, lang=lang)
            if figure is not None:
                charts["bars"] = chart_html(figure, "lmi-chart-bars", lang)
        context["bars_heading"] = t("lmi.bars.heading", n=isco_level)
    context.update({"charts": charts, "chart_notes": chart_notes, "scripts": _scripts() if charts else ""})
    if province:
        context["report_url"] = f"{DASHBOARD}/laporan?" + urlencode({"province": province, "period": chosen})
    return render(request, "lmi_dashboard.html", context, user=user)


def _chart_table(notes: dict[str, str], slot: str, t: Any, run: Any) -> IndicatorTable | None:
    """The table behind one chart; a chart without data says why instead of drawing zeros."""
    try:
        table: IndicatorTable = run()
        return table
    except LmiError as exc:
        notes[slot] = t("lmi.no_chart", reason=str(exc))
        return None


def _downloads(table: IndicatorTable, lang: str) -> list[tuple[str, str]]:
    params = {"period": table.period, "lang": lang}
    if table.by:
        params["by"] = ",".join(table.by)
    for name, values in table.filters.items():
        params[name] = ",".join(values)
    query = urlencode(params)
    return [(fmt, f"/api/lmi/{table.indicator}/export/{fmt}?{query}") for fmt in FORMATS]


def _report(request: Request, province: str, period: str | None) -> tuple[Any, str | None, int]:
    data = lmi_data(request)
    chosen = data.default_period() if period is None else period
    lang = current_language(request)
    try:
        return province_report(data.compute, _labeller(request), province, chosen, lang), None, 200
    except NoDataError as exc:
        return None, str(exc), 404
    except LmiError as exc:
        return None, str(exc), 400


@router.get(f"{DASHBOARD}/laporan", response_class=HTMLResponse)
def report_page(
    request: Request,
    user: Staff,
    province: ShortText = "",
    period: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    report, error, status = _report(request, province, period)
    context: dict[str, Any] = {
        "report": report,
        "error": error,
        "provinces": _province_options(),
        "form": {"province": province, "period": period or ""},
        "css": STATIC_CSS,
        "scripts": _scripts() if report is not None and report.charts else "",
    }
    if report is not None:
        context["download_url"] = f"{DASHBOARD}/laporan/unduh?" + urlencode(
            {"province": report.province, "period": report.period}
        )
    return render(request, "lmi_report.html", context, user=user, status_code=status)


@router.get(f"{DASHBOARD}/laporan/unduh", response_model=None)
def report_download(
    request: Request,
    user: Staff,
    province: ShortText = "",
    period: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """The report as one self-contained HTML file (plotly.js inlined) to keep, mail or print to PDF."""
    from fastapi import HTTPException

    report, error, status = _report(request, province, period)
    if report is None:
        raise HTTPException(status_code=status, detail=error)
    html = report_document(report, css=report_css(), plotly_js=PLOTLY_JS.read_text(encoding="utf-8"))
    filename = f"laporan-lmi-{report.province}-{report.period}.html"
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def report_css() -> str:
    """The site stylesheet, plotly's and the LMI one, inlined into a self-contained report file."""
    names = ("style.css", "plotly.css", STATIC_CSS)
    return "\n".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in names)
