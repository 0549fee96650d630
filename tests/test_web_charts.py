"""Charts are drawn with plotly.js served by the app itself (offline job centres, no third-party requests)."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

from pasarkerja.web.charts import PLOTLY_JS, PLOTLY_JS_URL, PLOTLY_SCRIPT_TAG, figure_html
from test_web_queries import make_client, seeded_sqlite


def test_plotly_js_is_served_from_the_app_with_a_long_cache(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    engine, _ = seeded_sqlite(tmp_path_factory, tmp_path)
    response = make_client(engine).get(PLOTLY_JS_URL)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "immutable" in response.headers["cache-control"]
    assert len(response.content) == PLOTLY_JS.stat().st_size > 1_000_000
    assert PLOTLY_JS_URL in str(PLOTLY_SCRIPT_TAG)


def test_figure_html_draws_without_embedding_plotly_and_uses_the_page_language_separators() -> None:
    figure = go.Figure(go.Bar(x=["Kota Bekasi", "Kota Medan"], y=[1234.5, 10]))
    html = str(figure_html(figure, element_id="vacancies-by-region", language="id"))
    assert 'id="vacancies-by-region"' in html
    assert "Plotly.newPlot" in html
    assert '"separators":",."' in html
    assert len(html) < 20_000  # plotly.js (4.8 MB) is not inlined
    assert '"separators":".,"' in str(figure_html(go.Figure(), language="en"))
