"""Plotly charts in server-rendered pages, with plotly.js served by this app (no CDN: job-centre networks
are often offline or filtered, and pages must not leak visits to third parties).

The app's Content-Security-Policy (``default-src 'self'``) refuses inline scripts and the ``<style>`` element
plotly.js would insert, so a chart is a ``<div>`` plus its figure as a JSON data block
(``<script type="application/json" data-figure=…>``), drawn by a small same-origin loader
(:data:`CHART_LOADER_JS`); plotly's own stylesheet is served as ``static/plotly.css``.

Pages call :func:`figure_html` for each figure and put :data:`PLOTLY_SCRIPT_TAG` once in the page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import plotly
from fastapi import APIRouter
from fastapi.responses import FileResponse, Response
from markupsafe import Markup, escape

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PLOTLY_JS_URL = f"/vendor/plotly-{plotly.__version__}.min.js"
CHARTS_JS_URL = "/vendor/charts.js"
PLOTLY_CSS_URL = "/static/plotly.css"

CHART_LOADER_JS = """\
(function () {
  "use strict";
  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("script[data-figure]").forEach(function (block) {
      var target = document.getElementById(block.getAttribute("data-figure"));
      if (!target || target.getAttribute("data-drawn")) { return; }
      var figure = JSON.parse(block.textContent);
      window.Plotly.newPlot(target, figure.data, figure.layout || {},
                            {displaylogo: false, responsive: true});
      target.setAttribute("data-drawn", "1");
    });
  }
  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }
  function start() { draw(); autosubmit(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
"""

PLOTLY_SCRIPT_TAG = Markup(
    f'<link rel="stylesheet" href="{PLOTLY_CSS_URL}">'
    f'<script src="{PLOTLY_JS_URL}" charset="utf-8"></script>'
    f'<script src="{CHARTS_JS_URL}" charset="utf-8"></script>'
)

router = APIRouter()


@router.get(PLOTLY_JS_URL, include_in_schema=False)
def plotly_js() -> FileResponse:
    # The versioned URL never changes content, so browsers may keep it for a year.
    return FileResponse(
        PLOTLY_JS,
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


@router.get(CHARTS_JS_URL, include_in_schema=False)
def charts_js() -> Response:
    return Response(
        CHART_LOADER_JS, media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"}
    )


def figure_html(
    figure: Any, *, element_id: str | None = None, language: str = "id", css_class: str = "chart"
) -> Markup:
    """The ``<div>`` for ``figure`` (a ``plotly.graph_objects.Figure``) and its data block.

    Numbers use the page language's separators (Indonesian: 1.234,5). Without ``element_id`` the id is
    derived from the figure, so the same figure gets the same id on every render.
    """
    figure.update_layout(separators=",." if language == "id" else ".,")
    # "<" escaped so no label in the data can close the script element.
    data = figure.to_json().replace("<", "\\u003c")
    ident = escape(element_id or "chart-" + hashlib.sha256(data.encode()).hexdigest()[:12])
    return Markup(
        f'<div id="{ident}" class="{escape(css_class)}" data-testid="{ident}"></div>'
        f'<script type="application/json" data-figure="{ident}">{data}</script>'
    )
