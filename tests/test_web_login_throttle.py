"""Password guessing is slowed down: after a few wrong passwords for one name from one address, log-in is
refused with 429 until the window passes, on the API and on the page alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pasarkerja.api.deps import LoginThrottle, TooManyLogins
from pasarkerja.settings import Settings
from pasarkerja.web.app import create_app
from test_web_queries import PASSWORDS, TEST_SECRET, form_csrf_token, seeded_sqlite


def test_throttle_counts_failures_per_name_and_address_in_a_sliding_window() -> None:
    now = [1000.0]
    throttle = LoginThrottle(max_failures=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        throttle.check("Konselor", "10.0.0.1")
        throttle.failed("Konselor", "10.0.0.1")
    with pytest.raises(TooManyLogins) as refused:
        throttle.check("konselor ", "10.0.0.1")  # the same name however it is typed
    assert refused.value.retry_after_s == 60
    throttle.check("konselor", "10.0.0.2")  # another address is not locked out
    throttle.check("analis", "10.0.0.1")  # nor another name
    now[0] += 30
    with pytest.raises(TooManyLogins) as still:
        throttle.check("konselor", "10.0.0.1")
    assert still.value.retry_after_s == 30
    now[0] += 30.5
    throttle.check("konselor", "10.0.0.1")  # the failures left the window


def test_success_clears_the_count() -> None:
    throttle = LoginThrottle(max_failures=2, window_s=60)
    throttle.failed("admin", "a")
    throttle.succeeded("admin", "a")
    throttle.failed("admin", "a")
    throttle.check("admin", "a")


def test_api_and_page_refuse_with_429_after_the_limit_even_with_the_right_password(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    engine, _ = seeded_sqlite(tmp_path_factory, tmp_path)
    settings = Settings(secret_key=TEST_SECRET, database_url="sqlite://", login_max_failures=2)
    client = TestClient(create_app(settings, engine))
    username = next(iter(PASSWORDS))
    for _ in range(2):
        wrong = client.post("/api/login", json={"username": username, "password": "salah-salah"})
        assert wrong.status_code == 401
    right = client.post("/api/login", json={"username": username, "password": PASSWORDS[username]})
    assert right.status_code == 429
    assert 0 < int(right.headers["retry-after"]) <= 15 * 60
    assert "too many failed log-ins" in right.json()["detail"]

    token = form_csrf_token(client.get("/masuk").text)
    page = client.post(
        "/masuk",
        data={"username": username, "password": PASSWORDS[username], "csrf_token": token},
        follow_redirects=False,
    )
    assert page.status_code == 429
    assert "Terlalu banyak percobaan masuk" in page.text
    assert "Coba lagi dalam 15 menit" in page.text

    other = client.post("/api/login", json={"username": "tidak-ada", "password": "x"})
    assert other.status_code == 401  # other names are unaffected
