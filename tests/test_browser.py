"""The pages in a real browser: Debian's Chromium, driven by Playwright, against uvicorn on loopback.

Skips with the reason when ``/usr/bin/chromium`` or the Playwright package is missing (no browser is ever
downloaded). Leaves a screenshot of the home page in ``/tmp/pasarkerja-home.png`` for people to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_support import app_only_page, require_chromium, serving
from pasarkerja.settings import Settings
from pasarkerja.web.app import create_app
from test_web_queries import PASSWORDS, TEST_SECRET, seeded_sqlite

SCREENSHOT = Path("/tmp/pasarkerja-home.png")

pytestmark = pytest.mark.browser

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture
def base_url(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[str]:
    """pasarkerja served by uvicorn in a background thread on a free loopback port, on the sample data."""
    engine, _ = seeded_sqlite(tmp_path_factory, tmp_path)
    settings = Settings(secret_key=TEST_SECRET, database_url="sqlite://")
    try:
        with serving(create_app(settings, engine)) as url:
            yield url
    finally:
        engine.dispose()


@pytest.fixture
def page(base_url: str) -> Iterator[sync_api.Page]:
    with app_only_page(base_url) as page:  # only the app under test is reachable
        yield page


def _log_in(page: sync_api.Page, username: str) -> None:
    page.fill("#username", username)
    page.fill("#password", PASSWORDS[username])
    page.click("form.login button[type=submit]")
    page.wait_for_load_state()


def test_home_login_roles_and_logout_in_chromium(page: sync_api.Page) -> None:
    expect = sync_api.expect
    response = page.goto("/")
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text("pasarkerja")
    expect(page.get_by_test_id("count-vacancies")).to_have_text("4")
    expect(page.get_by_test_id("count-openings")).to_have_text("10")
    expect(page.get_by_test_id("count-seekers")).to_have_text("3")
    expect(page.locator("#by-province tbody tr")).to_have_count(4)
    expect(page.locator("#by-major-group")).to_contain_text("Pekerja Pengolahan, Kerajinan, dan YBDI")
    # the stylesheet loaded (the header is painted in the brand colour, not the default transparent)
    header_colour = page.locator("header.site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_colour == "rgb(11, 92, 173)"
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # Anonymous visitors are sent to the log-in form, then back to the list once logged in.
    page.goto("/pencari-kerja")
    assert page.url.endswith("/masuk?next=/pencari-kerja")
    _log_in(page, "konselor1")
    assert page.url.endswith("/pencari-kerja")
    expect(page.locator("h1")).to_have_text("Daftar pencari kerja")
    expect(page.locator("#seekers tbody tr")).to_have_count(3)
    expect(page.locator("#seekers")).to_contain_text("Budi Santoso")
    expect(page.get_by_test_id("current-user")).to_contain_text("konselor1")
    expect(page.get_by_test_id("current-user")).to_contain_text("pengantar kerja")

    # The language switch in the header.
    page.click("a.lang-switch")
    expect(page.locator("h1")).to_have_text("Job seekers")
    page.click("a.lang-switch")
    expect(page.locator("h1")).to_have_text("Daftar pencari kerja")

    # Log out (a POST with the CSRF token), then an employer is refused the list.
    page.click("header form.inline button")
    page.wait_for_load_state()
    expect(page.locator("header")).to_contain_text("Masuk")
    page.goto("/pencari-kerja")
    _log_in(page, "pemberi1")
    expect(page.locator("h1")).to_have_text("Akses ditolak")
    assert "Budi Santoso" not in page.content()
    status = page.evaluate("() => fetch('/pencari-kerja').then(r => r.status)")
    assert status == 403


def test_vacancy_search_and_detail_in_chromium(page: sync_api.Page) -> None:
    expect = sync_api.expect
    page.goto("/lowongan")
    expect(page.get_by_test_id("result-count")).to_have_text("4 hasil")
    page.fill("input[name=q]", "las")
    page.select_option("select[name=region]", "32")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    expect(page.get_by_test_id("result-count")).to_have_text("1 hasil")
    page.click("#vacancies a")
    expect(page.locator("h1")).to_have_text("Tukang Las SMAW")
    expect(page.locator(".facts")).to_contain_text("Rp 5.000.000 – Rp 6.000.000 per bulan")
