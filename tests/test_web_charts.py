"""Charts are drawn with plotly.js served by the app itself (offline job centres, no third-party requests)."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

from pasarkerja.web.charts import (
    CHARTS_JS_URL,
    PLOTLY_CSS_URL,
    PLOTLY_JS,
    PLOTLY_JS_URL,
    PLOTLY_SCRIPT_TAG,
    figure_html,
)
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
    # No inline script (the Content-Security-Policy would refuse it): a JSON block the loader draws.
    assert '<script type="application/json" data-figure="vacancies-by-region">' in html
    assert "Plotly.newPlot" not in html
    assert '"separators":",."' in html
    assert len(html) < 20_000  # plotly.js (4.8 MB) is not inlined
    assert '"separators":".,"' in str(figure_html(go.Figure(), language="en"))


def test_labels_cannot_close_the_data_block() -> None:
    figure = go.Figure(go.Bar(x=["</script><script>alert(1)</script>"], y=[1]))
    html = str(figure_html(figure, element_id="c"))
    assert html.count("</script>") == 1


def test_loader_and_plotly_stylesheet_are_served(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    engine, _ = seeded_sqlite(tmp_path_factory, tmp_path)
    client = make_client(engine)
    loader = client.get(CHARTS_JS_URL)
    assert loader.status_code == 200 and "Plotly.newPlot" in loader.text
    css = client.get(PLOTLY_CSS_URL)
    assert css.status_code == 200 and ".js-plotly-plot" in css.text
