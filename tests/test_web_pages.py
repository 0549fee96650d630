"""The server-rendered pages: content, language switch, log-in with CSRF protection, role checks."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from pasarkerja.store.db import transaction
from pasarkerja.store.models import UserAccount, Vacancy
from pasarkerja.web.i18n import LANGUAGES, MESSAGES, translate
from pasarkerja.web.pages import _safe_next
from test_web_queries import Sample, form_csrf_token, log_in_page, make_client, seed_sample, seeded_sqlite


@pytest.fixture
def seeded(engine: Engine) -> tuple[TestClient, Sample]:
    """The sample on SQLite and PostgreSQL: for the home page and the role-checked seeker list. (The SQL
    behind the other lists is tested on both backends in test_web_queries.)"""
    sample = seed_sample(engine)
    return make_client(engine), sample


@pytest.fixture
def sqlite_seeded(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> tuple[TestClient, Sample]:
    """The sample on SQLite only: for HTTP behaviour (CSRF, redirects, headers, language) that does not
    depend on the database backend, so the suite does not pay for it twice."""
    engine, sample = seeded_sqlite(tmp_path_factory, tmp_path)
    return make_client(engine), sample


def _text(html: str) -> str:
    """The visible text of a page, tags removed and white space collapsed, for exact phrase checks."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _testid(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', html)
    assert match, testid
    return match.group(1).strip()


# --------------------------------------------------------------------------------------------- home


def test_home_in_indonesian_with_counts_and_tables(seeded: tuple[TestClient, Sample]) -> None:
    client, _ = seeded
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="id">' in html
    assert "<h1>pasarkerja</h1>" in html
    assert [
        _testid(html, f"count-{k}") for k in ("seekers", "vacancies", "openings", "programmes", "employers")
    ] == ["3", "4", "10", "2", "3"]
    text = _text(html)
    assert "Pencari kerja aktif" in text and "Menurut provinsi" in text
    # province rows: name, seekers, vacancies, openings, programmes
    assert "Jawa Barat 1 1 3 1" in text
    assert "Jawa Timur 1 1 4 0" in text
    assert "Tidak diketahui 0 1 1 1" in text
    # major group rows: code, KBJI title, seekers, vacancies, openings
    assert "7 Pekerja Pengolahan, Kerajinan, dan YBDI 1 1 3" in text
    assert "2 Profesional 1 1 2" in text


def test_numbers_use_the_language_digit_grouping(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    engine, _ = seeded_sqlite(tmp_path_factory, tmp_path)
    with transaction(engine) as session:
        session.add(Vacancy(title="Operator produksi massal", openings=1234, status="open"))
    client = make_client(engine)
    assert _testid(client.get("/").text, "count-openings") == "1.244"
    assert _testid(client.get("/?lang=en").text, "count-openings") == "1,244"


def test_language_switch_is_remembered_in_the_session(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    indonesian = client.get("/").text
    assert 'href="/?lang=en"' in indonesian  # the visible switch
    english = client.get("/?lang=en").text
    assert '<html lang="en">' in english
    text = _text(english)
    assert "Active job seekers" in text and "By province" in text
    assert "Craft and related trades workers" in text
    assert "Pencari kerja aktif" not in text
    # Later pages stay in English without the parameter, until switched back.
    assert "Job vacancies" in _text(client.get("/lowongan").text)
    assert "Lowongan kerja" in _text(client.get("/lowongan?lang=id").text)
    assert '<html lang="id">' in client.get("/").text


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    formatter = string.Formatter()
    for key, entry in MESSAGES.items():
        assert set(entry) == set(LANGUAGES), key
        fields = [{name for _, name, _, _ in formatter.parse(entry[lang]) if name} for lang in LANGUAGES]
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert fields[0] == fields[1], key
    assert translate("list.results", "en", total="7") == "7 results"
    with pytest.raises(KeyError):
        translate("no.such.key", "id")


# ----------------------------------------------------------------------------------------- vacancies


def test_vacancy_list_filters(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    all_open = _text(client.get("/lowongan").text)
    assert "4 hasil" in all_open
    assert "Welder Senior" not in all_open  # closed
    west_java = _text(client.get("/lowongan?region=32").text)
    assert "1 hasil" in west_java and "Tukang Las SMAW" in west_java and "Programmer Python" not in west_java
    assert "Programmer Python" in _text(client.get("/lowongan?q=python&region=&major_group=").text)
    professionals = _text(client.get("/lowongan?major_group=2").text)
    assert "1 hasil" in professionals and "Programmer Python" in professionals
    assert "Tidak ada data yang cocok." in _text(client.get("/lowongan?q=astronot").text)


def test_vacancy_list_pagination(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    engine, _ = seeded_sqlite(tmp_path_factory, tmp_path)
    with transaction(engine) as session:
        session.add_all(
            Vacancy(title=f"Kasir {i:02d}", openings=1, status="open", posted_date=dt.date(2024, 1, i + 1))
            for i in range(20)
        )
    client = make_client(engine)
    first = client.get("/lowongan").text
    assert "24 hasil" in _text(first) and "Halaman 1 dari 2" in _text(first)
    assert 'href="/lowongan?page=2"' in first
    second = _text(client.get("/lowongan?page=2").text)
    # newest first: the four 2025 vacancies and the 2024-01-20…05 cashiers fill page 1
    assert "Kasir 00" in second and "Kasir 01" in second and "Kasir 02" in second
    assert "Staf Gudang" in second  # undated vacancies come last
    assert "Tukang Las SMAW" not in second


def test_bad_filter_values_give_a_400_page(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    for url in ("/lowongan?region=3x", "/lowongan?page=0", "/lowongan?major_group=x"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Permintaan tidak valid" in response.text


def test_vacancy_detail(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, sample = sqlite_seeded
    text = _text(client.get(f"/lowongan/{sample.vacancy_ids['welder']}").text)
    assert "Tukang Las SMAW" in text and "PT Baja Prima" in text
    assert "Rp 5.000.000 – Rp 6.000.000 per bulan" in text
    assert "Kontrak (PKWT)" in text and "pengelasan (wajib)" in text
    assert "Kabupaten Bekasi, Jawa Barat" in text
    english = _text(client.get(f"/lowongan/{sample.vacancy_ids['welder']}?lang=en").text)
    assert "Rp 5,000,000 – Rp 6,000,000 per month" in english
    assert "Minimum experience 1 year Remote work No" in english
    missing = client.get("/lowongan/999999?lang=id")
    assert missing.status_code == 404
    assert "Halaman tidak ditemukan" in missing.text


def test_programmes_page(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    text = _text(client.get("/pelatihan").text)
    assert "2 hasil" in text
    assert (
        "Pengelasan SMAW Dasar BLK Bandung (BLK) Kota Bandung 240 Gratis tatap muka 16 BNSP Juru Las" in text
    )
    assert "Tata Boga" not in text  # inactive
    assert "1 hasil" in _text(client.get("/pelatihan?region=32").text)


# ---------------------------------------------------------------------------------- roles and log-in


def test_seeker_list_redirects_anonymous_visitors_to_log_in(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    response = client.get("/pencari-kerja", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/masuk?next=/pencari-kerja"
    assert "Silakan masuk untuk membuka halaman ini." in client.get(response.headers["location"]).text


@pytest.mark.parametrize("username", ["konselor1", "admin1"])
def test_counsellor_and_admin_see_the_seeker_list(seeded: tuple[TestClient, Sample], username: str) -> None:
    client, _ = seeded
    response = log_in_page(client, username, next_path="/pencari-kerja")
    assert response.status_code == 303 and response.headers["location"] == "/pencari-kerja"
    page = client.get("/pencari-kerja")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Daftar pencari kerja" in text and "3 hasil" in text
    assert page.text.count("<tr>") == 4  # header + three active seekers
    assert "Budi Santoso Kota Bandung Sekolah Menengah Kejuruan (SMK) 2 Ya" in text
    assert "Siti Rahayu Kota Administrasi Jakarta Selatan" in text
    assert "(tidak tersedia) Kota Surabaya" in text  # no personal data stored
    assert "Agus Salim" not in text  # inactive seekers are not listed by default
    role = {"konselor1": "pengantar kerja", "admin1": "administrator"}[username]
    assert f"Masuk sebagai {username} ({role})" in text
    assert 'href="/pencari-kerja"' in page.text  # the menu shows the list to allowed roles


def test_other_roles_are_refused_the_seeker_list(seeded: tuple[TestClient, Sample]) -> None:
    client, _ = seeded
    for username, role in [
        ("pemberi1", "pemberi kerja"),
        ("pencari1", "pencari kerja"),
        ("analis1", "analis"),
    ]:
        assert log_in_page(client, username).status_code == 303
        response = client.get("/pencari-kerja")
        assert response.status_code == 403, username
        text = _text(response.text)
        assert "Akses ditolak" in text
        assert f"Peran Anda ({role}) tidak berwenang membuka halaman ini." in text
        assert "Kota Bandung" not in text and "Budi Santoso" not in text
        assert 'href="/pencari-kerja"' not in client.get("/").text
        client.cookies.clear()


def test_log_in_rejects_a_wrong_password(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    token = form_csrf_token(client.get("/masuk").text)
    response = client.post(
        "/masuk", data={"username": "konselor1", "password": "salah-sekali", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in response.text
    assert client.get("/pencari-kerja", follow_redirects=False).status_code == 303


def test_log_in_without_the_session_csrf_token_is_refused(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    real = form_csrf_token(client.get("/masuk").text)  # the session has a token; the forms below lack it
    for token in (None, "", "forged-token", real[:-1]):
        data = {"username": "konselor1", "password": "rahasia-konselor"}
        if token is not None:
            data["csrf_token"] = token
        response = client.post("/masuk", data=data, follow_redirects=False)
        assert response.status_code == 403, token
        assert "Permintaan ditolak" in response.text
        assert client.get("/pencari-kerja", follow_redirects=False).status_code == 303  # not logged in


def test_log_in_never_redirects_to_another_host(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    assert log_in_page(client, "konselor1", next_path="//evil.example/x").headers["location"] == "/"
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "", None):
        assert _safe_next(target) == "/", target
    assert _safe_next("/lowongan?page=2") == "/lowongan?page=2"


def test_log_out_needs_the_csrf_token(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    log_in_page(client, "konselor1")
    refused = client.post("/keluar", data={"csrf_token": "forged"}, follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/pencari-kerja").status_code == 200  # still logged in
    confirm = client.get("/keluar")
    assert "Keluar dari sesi ini?" in confirm.text
    response = client.post(
        "/keluar", data={"csrf_token": form_csrf_token(confirm.text)}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert client.get("/pencari-kerja", follow_redirects=False).status_code == 303
    assert "Masuk sebagai" not in client.get("/").text


def test_a_deactivated_account_loses_its_session(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    engine, _ = seeded_sqlite(tmp_path_factory, tmp_path)
    client = make_client(engine)
    log_in_page(client, "konselor1")
    assert client.get("/pencari-kerja").status_code == 200
    with transaction(engine) as session:
        session.execute(
            update(UserAccount).where(UserAccount.username == "konselor1").values(is_active=False)
        )
    assert client.get("/pencari-kerja", follow_redirects=False).status_code == 303


def test_session_cookie_and_security_headers(sqlite_seeded: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_seeded
    # public pages set no cookie for anonymous visitors; the log-in form does (it needs a CSRF token)
    for path in ("/", "/lowongan", "/pelatihan", "/docs"):
        assert "set-cookie" not in client.get(path).headers, path
    response = client.get("/masuk")
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("pasarkerja_session=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=28800" in cookie
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    # the stylesheet is served locally (no CDN)
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "--brand" in css.text
    assert "http" not in re.sub(r'href="/[^"]*"', "", client.get("/").text.split("<body>")[0])


def test_api_reference_page_is_rendered_from_the_openapi_schema(
    sqlite_seeded: tuple[TestClient, Sample],
) -> None:
    client, _ = sqlite_seeded
    text = _text(client.get("/docs").text)
    assert "GET /api/vacancies/{vacancy_id}" in text
    assert "POST /api/login" in text
    assert "VacancyPage" in text and "SeekerPage" in text
    assert "<script" not in client.get("/docs").text


def test_seeker_list_shows_the_work_preferences_the_score_reads(
    engine: Engine, seeded: tuple[TestClient, Sample]
) -> None:
    from pasarkerja.store.models import Seeker

    client, sample = seeded
    first, second = sample.seeker_ids[:2]
    with transaction(engine) as session:
        session.execute(
            update(Seeker)
            .where(Seeker.id == first)
            .values(accepts_remote=True, preferred_working_time="shift", preferred_employment_type="contract")
        )
        session.execute(update(Seeker).where(Seeker.id == second).values(willing_to_relocate=True))
    log_in_page(client, "konselor1")
    page = client.get("/pencari-kerja")
    cell = re.search(rf'data-testid="seeker-preferences-{first}">([^<]*)<', page.text)
    assert cell is not None and cell.group(1) == "Kontrak (PKWT), kerja shift, bersedia kerja jarak jauh"
    assert f'data-testid="seeker-preferences-{second}">bersedia pindah<' in page.text
    english = client.get("/pencari-kerja?lang=en").text
    assert f'data-testid="seeker-preferences-{second}">willing to relocate<' in english
    body = client.get("/api/seekers").json()
    mine = next(s for s in body["items"] if s["id"] == first)
    assert (mine["accepts_remote"], mine["preferred_working_time"], mine["willing_to_relocate"]) == (
        True,
        "shift",
        False,
    )
