"""Plotly charts in server-rendered pages, with plotly.js served by this app (no CDN: job-centre networks
are often offline or filtered, and pages must not leak visits to third parties).

Pages call :func:`figure_html` for each figure and put ``{{ plotly_script }}`` (:data:`PLOTLY_SCRIPT_TAG`)
once in the page, before the figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import plotly
from fastapi import APIRouter
from fastapi.responses import FileResponse
from markupsafe import Markup

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PLOTLY_JS_URL = f"/vendor/plotly-{plotly.__version__}.min.js"
PLOTLY_SCRIPT_TAG = Markup(f'<script src="{PLOTLY_JS_URL}" charset="utf-8"></script>')

router = APIRouter()


@router.get(PLOTLY_JS_URL, include_in_schema=False)
def plotly_js() -> FileResponse:
    # The versioned URL never changes content, so browsers may keep it for a year.
    return FileResponse(
        PLOTLY_JS,
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


def figure_html(figure: Any, *, element_id: str | None = None, language: str = "id") -> Markup:
    """The ``<div>`` + inline script drawing ``figure`` (a ``plotly.graph_objects.Figure``).

    plotly.js itself is not embedded: the page loads it once from :data:`PLOTLY_JS_URL`. Numbers use the
    page language's separators (Indonesian: 1.234,5).
    """
    separators = ",." if language == "id" else ".,"
    figure.update_layout(separators=separators)
    html: str = figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=element_id,
        config={"displaylogo": False, "responsive": True},
    )
    return Markup(html)
