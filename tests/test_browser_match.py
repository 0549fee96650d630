"""The match pages in a real browser (Debian's Chromium via Playwright, uvicorn on loopback).

A seeker logs in and sees "Lowongan yang cocok untuk Anda" with the welder vacancy first and its reason; a
counsellor opens the shortlist of that vacancy and refers a candidate through the CSRF-protected form.
Skips like ``test_browser.py`` when Chromium or Playwright is missing (nothing is downloaded).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from browser_support import app_only_page, require_chromium, serving
from pasarkerja.settings import Settings
from pasarkerja.store.db import transaction
from pasarkerja.store.models import Application
from pasarkerja.web.app import create_app
from test_browser import _log_in
from test_match_interfaces import add_consents
from test_web_queries import TEST_SECRET, Sample, seeded_sqlite

pytestmark = pytest.mark.browser
require_chromium()
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture
def served(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[tuple[str, Engine, Sample]]:
    engine, sample = seeded_sqlite(tmp_path_factory, tmp_path)
    add_consents(engine, sample)
    settings = Settings(secret_key=TEST_SECRET, database_url="sqlite://")
    try:
        with serving(create_app(settings, engine), "uvicorn-match-test") as url:
            yield url, engine, sample
    finally:
        engine.dispose()


def test_seeker_sees_reasons_and_counsellor_refers(served: tuple[str, Engine, Sample]) -> None:
    base_url, engine, sample = served
    expect = sync_api.expect
    welder = sample.vacancy_ids["welder"]
    s1 = sample.seeker_ids[0]
    with app_only_page(base_url, height=720) as page:
        page.goto("/rekomendasi")
        assert page.url.endswith("/masuk?next=/rekomendasi")
        _log_in(page, "pencari1")
        expect(page.locator("h1")).to_have_text("Lowongan yang cocok untuk Anda")
        first = page.locator("#recommendations > li").first
        expect(first.locator("h2")).to_have_text("Tukang Las SMAW")
        expect(first.get_by_test_id("reason")).to_contain_text("Cocok: 1 dari 1 keterampilan wajib")
        first.locator("summary").click()
        expect(first.locator(".match-components")).to_contain_text("Keterampilan")
        page.click("header form.inline button")  # log out
        page.wait_for_load_state()

        page.goto(f"/lowongan/{welder}/kandidat")
        _log_in(page, "konselor1")
        candidate = page.locator(f'#shortlist > li[data-seeker-id="{s1}"]')
        expect(candidate).to_contain_text("Kandidat nomor")
        assert "Budi Santoso" not in page.content()  # nobody applied yet: no names on the shortlist
        candidate.locator("form.refer button").click()
        page.wait_for_load_state()
        expect(page.locator("#referral-done")).to_contain_text("telah dirujuk")
    with transaction(engine) as session:
        referrals = session.scalars(select(Application)).all()
        assert [(a.kind, a.seeker_id, a.vacancy_id, a.status) for a in referrals] == [
            ("referral", s1, welder, "referred")
        ]
