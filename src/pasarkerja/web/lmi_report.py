"""Charts of protected indicator tables and the provincial report ("Laporan Informasi Pasar Kerja — Provinsi
…"), shared by the dashboard, the report page and ``pasarkerja lmi report``.

Everything drawn or written here comes from an :class:`~pasarkerja.lmi.IndicatorTable` that ``compute`` has
already suppressed: a suppressed cell is a gap in a line and a missing bar, marked "x", never a zero.

Charts are JSON data blocks drawn by the same-origin loader of :mod:`pasarkerja.web.charts` (the app's
Content-Security-Policy refuses inline scripts, which is what ``plotly.io.to_html`` would produce).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
from markupsafe import Markup

from pasarkerja.lmi import TOTAL, IndicatorRow, IndicatorTable, LmiError, LmiInputError, NoDataError
from pasarkerja.lmi.periods import parse_period
from pasarkerja.web.charts import CHART_LOADER_JS, figure_html
from pasarkerja.web.i18n import MESSAGES, translator

SUPPRESSED_MARK = "x"
BRAND = "#0b5cad"
SECOND = "#c0392b"
LABEL_CHARS = 42



# ------------------------------------------------------------------------------------------ formatting


def _group(text: str, lang: str) -> str:
    # Indonesian groups thousands with "." and marks decimals with ",".
    return text.replace(",", "_").replace(".", ",").replace("_", ".") if lang == "id" else text


def format_measure(value: float | int | None, unit: str, lang: str) -> str:
    """One published value for reading: Rp with grouping, ratios to 3 decimals, percentages to 1."""
    if value is None:
        return "–"
    if unit.startswith("Rp"):
        return "Rp " + _group(f"{round(value):,}", lang)
    if unit == "percent":
        return _group(f"{value:,.1f}", lang) + " %"
    if unit in ("ratio", "index"):
        return _group(f"{value:,.3f}", lang)
    if float(value).is_integer():
        return _group(f"{int(value):,}", lang)
    return _group(f"{value:,.2f}", lang)


def key_label(code: str | None, labels: Mapping[str, str], lang: str) -> str:
    if code == TOTAL:
        return "Jumlah" if lang == "id" else "Total"
    if code is None:
        return "(tidak diketahui)" if lang == "id" else "(unknown)"
    label = labels.get(code)
    return f"{code} {label}" if label else code


# ----------------------------------------------------------------------------------------------- charts


def chart_html(figure: go.Figure, element_id: str, lang: str) -> Markup:
    """A chart of the LMI pages and reports (see :func:`pasarkerja.web.charts.figure_html`)."""
    return figure_html(figure, element_id=element_id, language=lang, css_class="lmi-chart")


def _interior(table: IndicatorTable) -> list[IndicatorRow]:
    return [row for row in table.rows if not row.is_total]


def _layout(figure: go.Figure, title: str, *, height: int = 360, legend: bool = False) -> None:
    figure.update_layout(
        title={"text": title, "font": {"size": 15}} if title else None,
        margin={"l": 10, "r": 20, "t": 50 if title else 20, "b": 40},
        height=height,
        plot_bgcolor="#ffffff",
        showlegend=legend,
        legend={"orientation": "h", "y": -0.15},
    )


def _mark_suppressed(
    figure: go.Figure, at: Sequence[str], rows: Sequence[IndicatorRow], note: str, *, horizontal: bool = False
) -> None:
    """An "x" at the foot of every suppressed cell, so it reads as hidden rather than as zero."""
    for where, row in zip(at, rows, strict=True):
        if not row.suppressed:
            continue
        place = {"x": 0, "y": where, "xshift": 10} if horizontal else {"x": where, "y": 0, "yshift": 10}
        figure.add_annotation(
            **place, text=SUPPRESSED_MARK, showarrow=False, hovertext=note, font={"color": SECOND, "size": 14}
        )


def bar_figure(
    table: IndicatorTable,
    dimension: str,
    labels: Mapping[str, str],
    *,
    lang: str,
    title: str = "",
    measure: str = "value",
    top: int | None = None,
) -> go.Figure | None:
    """Horizontal bars of ``measure`` by one dimension of ``table`` (margins left out; horizontal so that
    occupation names stay readable), in table order from the top. Suppressed cells get no bar and an "x";
    None when there is nothing to draw."""
    position = table.by.index(dimension)
    rows = [r for r in _interior(table) if r.key[position] != TOTAL]
    if top is not None:
        rows = rows[:top]
    if not rows:
        return None
    t = translator(lang)
    full = [key_label(r.key[position], labels, lang) for r in rows]
    # Long occupation names would squeeze the bars: shortened on the axis, in full on hover.
    names = [name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…" for name in full]
    values = [None if r.suppressed else r.values.get(measure) for r in rows]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=names,
            customdata=full,
            orientation="h",
            marker_color=BRAND,
            name=table.label_id if lang == "id" else table.label_en,
            hovertemplate="%{customdata}: %{x}<extra></extra>",
        )
    )
    _layout(figure, title, height=max(260, 90 + 26 * len(rows)))
    figure.update_yaxes(autorange="reversed", automargin=True, type="category")
    figure.update_xaxes(
        title={"text": t(f"lmi.unit.{table.unit}")}, rangemode="tozero", gridcolor="#e3e7ed", automargin=True
    )
    _mark_suppressed(figure, names, rows, t("lmi.suppressed_short", k=table.k), horizontal=True)
    return figure


def series_figure(
    tables: Sequence[tuple[str, IndicatorTable]],
    time_dimension: str,
    *,
    lang: str,
    title: str = "",
    measure: str = "value",
) -> go.Figure | None:
    """Lines over time, one per (name, table) keyed by ``time_dimension``; suppressed or missing periods
    are gaps (``connectgaps`` off) with an "x" for the suppressed ones."""
    t = translator(lang)
    figure = go.Figure()
    drawn = False
    for index, (name, table) in enumerate(tables):
        position = table.by.index(time_dimension)
        rows = [r for r in _interior(table) if r.key[position] not in (TOTAL, None)]
        if not rows:
            continue
        xs = [str(r.key[position]) for r in rows]
        ys = [None if r.suppressed else r.values.get(measure) for r in rows]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                name=name,
                mode="lines+markers",
                connectgaps=False,
                line={"color": BRAND if index == 0 else SECOND},
            )
        )
        _mark_suppressed(figure, xs, rows, t("lmi.suppressed_short", k=table.k))
        drawn = True
    if not drawn:
        return None
    unit = tables[0][1].unit
    _layout(figure, title, legend=len(figure.data) > 1)
    figure.update_xaxes(type="category", automargin=True)
    figure.update_yaxes(
        title={"text": t(f"lmi.unit.{unit}")}, rangemode="tozero", gridcolor="#e3e7ed", automargin=True
    )
    return figure


# ----------------------------------------------------------------------------------------- the report

Computer = Callable[..., IndicatorTable]
Labeller = Callable[[IndicatorTable, str], dict[str, dict[str, str]]]

HEADLINE = (
    "active_seekers",
    "new_registrations",
    "vacancies_posted",
    "vacancies_open",
    "openings",
    "tightness",
    "offered_pay",
    "below_minimum_wage_share",
)
NAMED = 3  # occupations and skills named in each sentence of the narrative


@dataclass(frozen=True)
class Figure:
    value: str  # formatted, "x" when suppressed, "–" when not available
    label: str
    suppressed: bool = False


@dataclass(frozen=True)
class Highlight:
    code: str
    label: str
    value: float
    detail: str  # e.g. "12 formasi / 3 pencari kerja"


@dataclass
class ProvinceReport:
    province: str
    province_name: str
    period: str
    lang: str
    generated_on: dt.date
    figures: list[Figure] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    shortages: list[Highlight] = field(default_factory=list)
    surpluses: list[Highlight] = field(default_factory=list)
    skill_shortages: list[Highlight] = field(default_factory=list)
    charts: dict[str, Markup] = field(default_factory=dict)
    tables: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    k: int = 5
    skills_computed: bool = False  # the skill shortage table had data (its cells may all be suppressed)


def table_block(
    table: IndicatorTable, labels: Mapping[str, Mapping[str, str]], lang: str, title: str
) -> dict[str, Any]:
    t = translator(lang)
    headers = table.headers(lang)[: len(table.by)]
    for measure in table.measures:
        key = f"lmi.measure.{measure}"
        headers.append(t(key, unit=t(f"lmi.unit.{table.unit}")) if key in MESSAGES else measure)
    return {
        "title": title,
        "headers": headers,
        "numeric_from": len(table.by),
        "rows": table.render_rows(lang, labels=labels),
        "suppressed": [row.suppressed for row in table.rows],
        "totals": [row.is_total for row in table.rows],
    }


def _try(notes: list[str], run: Callable[[], IndicatorTable]) -> IndicatorTable | None:
    """A report section without data is left out with a note; bad input still raises."""
    try:
        return run()
    except NoDataError as exc:
        notes.append(str(exc))
        return None


def province_report(
    compute: Computer,
    labeller: Labeller,
    province: str,
    period: str,
    lang: str = "id",
    *,
    today: dt.date | None = None,
) -> ProvinceReport:
    """The provincial report: headline figures, a narrative naming the largest shortages and surpluses
    (vacancy-to-seeker ratio by ISCO sub-major group) and the scarcest skills (skill shortage index), charts
    and tables. ``compute(name, by, period, filters=…, limit=…)`` is :meth:`LmiData.compute` (or any
    function returning protected tables); ``labeller(table, lang)`` names the codes.

    Raises :class:`LmiInputError` for an unknown province or a bad period and :class:`NoDataError` when the
    province has no records at all in the period."""
    from pasarkerja.taxonomy import provinces

    t = translator(lang)
    known = provinces()
    if province not in known:
        raise LmiInputError(
            f"unknown province {province!r}: valid province codes are "
            + ", ".join(f"{code} ({record.name})" for code, record in sorted(known.items()))
        )
    chosen = parse_period(period)
    where = {"province": province}
    report = ProvinceReport(province, known[province].name, chosen.label, lang, today or dt.date.today(), k=5)
    notes: list[str] = []
    headline: dict[str, IndicatorTable] = {}
    for name in HEADLINE:
        table = _try(notes, lambda name=name: compute(name, [], chosen.label, filters=where))  # type: ignore[misc]
        if table is not None:
            headline[name] = table
            report.k = table.k
    if not headline:
        raise NoDataError(
            f"no records for province {province} ({known[province].name}) in period {chosen.label}: "
            + "; ".join(notes)
        )
    for name in HEADLINE:
        table = headline.get(name)
        label = t(f"lmi.ind.{name}")
        if table is None or not table.rows:
            report.figures.append(Figure("–", label))
            continue
        row = table.rows[0]
        value = (
            SUPPRESSED_MARK if row.suppressed else format_measure(row.values.get("value"), table.unit, lang)
        )
        report.figures.append(Figure(value, label, row.suppressed))

    # Shortages and surpluses: the vacancy-to-seeker ratio by sub-major group.
    tightness = _try(notes, lambda: compute("tightness", ["isco2"], chosen.label, filters=where))
    if tightness is not None:
        labels = labeller(tightness, lang)
        names = labels.get("isco2", {})
        published = [
            r for r in _interior(tightness) if not r.suppressed and r.values.get("value") is not None
        ]

        def highlight(row: IndicatorRow) -> Highlight:
            code = str(row.key[0])
            return Highlight(
                code,
                names.get(code, code),
                float(row.values["value"] or 0.0),
                t(
                    "lmi.report.detail",
                    positions=format_measure(row.values.get("open_positions"), "positions", lang),
                    seekers=format_measure(row.values.get("active_seekers"), "persons", lang),
                ),
            )

        short = sorted(
            (r for r in published if (r.values.get("open_positions") or 0) > 0),
            key=lambda r: (-(r.values["value"] or 0.0), -(r.values.get("open_positions") or 0), r.key),
        )
        surplus = sorted(
            (r for r in published if (r.values.get("active_seekers") or 0) > 0),
            key=lambda r: ((r.values["value"] or 0.0), -(r.values.get("active_seekers") or 0), r.key),
        )
        report.shortages = [highlight(r) for r in short[:NAMED]]
        shortage_codes = {h.code for h in report.shortages}
        report.surpluses = [highlight(r) for r in surplus if str(r.key[0]) not in shortage_codes][:NAMED]
        chart = bar_figure(tightness, "isco2", names, lang=lang, title=t("lmi.report.chart_tightness"))
        if chart is not None:
            report.charts["tightness"] = chart_html(chart, "lmi-report-tightness", lang)
        report.tables.append(table_block(tightness, labels, lang, t("lmi.report.table_tightness")))

    skills = _try(notes, lambda: compute("skill_shortage_index", [], chosen.label, filters=where, limit=10))
    if skills is not None:
        report.skills_computed = True
        labels = labeller(skills, lang)
        names = labels.get("skill", {})
        position = skills.by.index("skill")
        for row in _interior(skills):
            index = row.values.get("value")
            if row.suppressed or index is None or len(report.skill_shortages) >= NAMED:
                continue
            code = str(row.key[position])
            report.skill_shortages.append(
                Highlight(code, names.get(code, code), float(index), format_measure(index, "index", lang))
            )
        report.tables.append(table_block(skills, labels, lang, t("lmi.report.table_skills")))

    # Supply and demand over the year: seekers on the register and open vacancies at each month's end.
    year = str(chosen.start.year)
    seekers = _try(notes, lambda: compute("active_seekers", ["month"], year, filters=where))
    vacancies = _try(notes, lambda: compute("vacancies_open", ["month"], year, filters=where))
    lines = [(t(f"lmi.ind.{table.indicator}"), table) for table in (seekers, vacancies) if table is not None]
    if lines:
        chart = series_figure(lines, "month", lang=lang, title=t("lmi.report.chart_series", year=year))
        if chart is not None:
            report.charts["series"] = chart_html(chart, "lmi-report-series", lang)
    pay = _try(notes, lambda: compute("offered_pay", ["isco1"], chosen.label, filters=where))
    if pay is not None:
        chart = bar_figure(
            pay, "isco1", labeller(pay, lang).get("isco1", {}), lang=lang, title=t("lmi.report.chart_pay")
        )
        if chart is not None:
            report.charts["pay"] = chart_html(chart, "lmi-report-pay", lang)

    report.narrative = _narrative(report, headline, t, lang)
    report.notes = notes
    return report


def _names(items: Sequence[Highlight], lang: str, unit: str) -> str:
    parts = [f"{h.label} ({h.code}; {format_measure(h.value, unit, lang)})" for h in items]
    joiner = " dan " if lang == "id" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + joiner + parts[-1]


def _narrative(
    report: ProvinceReport, headline: Mapping[str, IndicatorTable], t: Callable[..., str], lang: str
) -> list[str]:
    out: list[str] = []
    tight = headline.get("tightness")
    if tight is not None and tight.rows and not tight.rows[0].suppressed:
        values = tight.rows[0].values
        out.append(
            t(
                "lmi.narr.overview",
                period=report.period,
                province=report.province_name,
                seekers=format_measure(values.get("active_seekers"), "persons", lang),
                positions=format_measure(values.get("open_positions"), "positions", lang),
                ratio=format_measure(values.get("value"), "ratio", lang),
            )
        )
    out.append(
        t("lmi.narr.shortages", names=_names(report.shortages, lang, "ratio"))
        if report.shortages
        else t("lmi.narr.no_shortages")
    )
    if report.surpluses:
        out.append(t("lmi.narr.surpluses", names=_names(report.surpluses, lang, "ratio")))
    if report.skill_shortages:
        out.append(t("lmi.narr.skills", names=_names(report.skill_shortages, lang, "index")))
    elif report.skills_computed:
        out.append(t("lmi.narr.no_skills", k=report.k))
    out.append(t("lmi.narr.suppression", k=report.k))
    return out


def report_document(report: ProvinceReport, *, css: str, plotly_js: str) -> str:
    """The report as one self-contained HTML file (styles, plotly.js and the chart loader inlined), to open
    offline or print to PDF."""
    from pasarkerja.web.pages import templates

    template = templates.env.get_template("lmi_report_file.html")
    return template.render(
        report=report,
        t=translator(report.lang),
        lang=report.lang,
        css=Markup(css),
        plotly_js=Markup(plotly_js.replace("</script", "<\\/script")),
        loader_js=Markup(CHART_LOADER_JS),
    )


__all__ = [
    "LmiError",
    "ProvinceReport",
    "bar_figure",
    "chart_html",
    "format_measure",
    "province_report",
    "report_document",
    "series_figure",
    "table_block",
]
