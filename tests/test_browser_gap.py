"""The skills-gap pages in a real browser: Debian's Chromium, driven by Playwright, against uvicorn on loopback.

Skips with the reason when ``/usr/bin/chromium`` or the Playwright package is missing (no browser is ever
downloaded). Leaves screenshots in ``/tmp/pasarkerja-gap-*.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_support import app_only_page, require_chromium, serving
from pasarkerja.settings import Settings
from pasarkerja.web.app import create_app
from test_gap_interfaces import add_training_market
from test_web_queries import PASSWORDS, TEST_SECRET, Sample, seeded_sqlite

pytestmark = pytest.mark.browser

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture
def served(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[tuple[str, Sample]]:
    """pasarkerja on the web sample plus the hand-made training market, served on a free loopback port."""
    engine, sample = seeded_sqlite(tmp_path_factory, tmp_path)
    add_training_market(engine)
    settings = Settings(secret_key=TEST_SECRET, database_url="sqlite://")
    try:
        with serving(create_app(settings, engine), "uvicorn-gap-test") as url:
            yield url, sample
    finally:
        engine.dispose()


@pytest.fixture
def page(served: tuple[str, Sample]) -> Iterator[sync_api.Page]:
    base_url, _ = served
    with app_only_page(base_url) as page:  # only the app under test is reachable
        yield page


def _log_in(page: sync_api.Page, username: str) -> None:
    page.goto("/masuk")
    page.fill("#username", username)
    page.fill("#password", PASSWORDS[username])
    page.click("form.login button[type=submit]")
    page.wait_for_load_state()


def test_seeker_pathway_counsellor_referral_and_planner_chart(
    page: sync_api.Page, served: tuple[str, Sample]
) -> None:
    expect = sync_api.expect
    s1 = served[1].seeker_ids[0]

    # The seeker finds their own page from the navigation.
    _log_in(page, "pencari1")
    page.get_by_role("link", name="Kesenjangan keterampilan").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/kesenjangan/{s1}")
    expect(page.locator("h1")).to_have_text("Kesenjangan keterampilan")
    expect(page.locator("#missing-skills tbody tr")).to_have_count(2)
    expect(page.locator("#pathway-steps tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("pathway-cost")).to_have_text("Rp 300.000")
    expect(page.locator("#refer-form")).to_have_count(0)
    # Switching the objective to hours picks the one combined course.
    page.select_option("#gap-target select[name=objective]", "hours")
    page.click("#gap-target button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("#pathway-steps tbody tr")).to_have_count(1)
    expect(page.locator("#pathway-steps tbody tr th")).to_have_text("K3 dan Gambar Teknik")
    page.screenshot(path="/tmp/pasarkerja-gap-seeker.png", full_page=True)
    page.context.clear_cookies()

    # A counsellor refers the seeker to the apprenticeship and records the enrolment.
    _log_in(page, "konselor1")
    page.goto(f"/kesenjangan/{s1}")
    page.select_option("#refer-target", label="pemagangan: Magang Juru Las (dalam jalur)")
    page.click("#refer-form button[type=submit]")
    page.wait_for_load_state()
    expect(page.get_by_test_id("gap-message")).to_contain_text("disimpan")
    expect(page.locator("#referral-list tbody tr")).to_have_count(1)
    expect(page.locator("#referral-list tbody tr th")).to_have_text("Magang Juru Las")
    page.locator("#referral-list button", has_text="terdaftar").click()
    page.wait_for_load_state()
    expect(page.locator("#referral-list tbody tr td").nth(1)).to_have_text("terdaftar")

    # The planner page: table, chart drawn by the app's own plotly.js, downloads.
    page.goto("/kebutuhan-pelatihan?province=32")
    expect(page.locator("h1")).to_have_text("Kebutuhan pelatihan daerah")
    expect(page.locator("#regional-programmes tbody tr").first).to_contain_text("Pengelasan SMAW Dasar")
    expect(page.locator("#gap-regional-chart")).to_have_count(1)
    assert page.evaluate("typeof Plotly") == "object"  # plotly.js came from the app itself
    with page.expect_download() as download:
        page.get_by_test_id("download-csv").click()
    assert download.value.suggested_filename == "kebutuhan-pelatihan-32-province-programmes.csv"
    # Drawn by the same-origin loader from the JSON block: the Content-Security-Policy allows no inline script.
    expect(page.locator("#gap-regional-chart svg.main-svg").first).to_be_visible()
    page.screenshot(path="/tmp/pasarkerja-gap-regional.png", full_page=True)
