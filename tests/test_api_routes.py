"""The JSON API: status codes, exact bodies on the sample data, session log-in and role checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from test_web_queries import PASSWORDS, Sample, make_client, seed_sample, seeded_sqlite


@pytest.fixture
def api(engine: Engine) -> tuple[TestClient, Sample]:
    sample = seed_sample(engine)
    return make_client(engine), sample


@pytest.fixture
def sqlite_api(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> tuple[TestClient, Sample]:
    """SQLite only, for request handling that does not depend on the database backend."""
    engine, sample = seeded_sqlite(tmp_path_factory, tmp_path)
    return make_client(engine), sample


def _login(client: TestClient, username: str) -> None:
    response = client.post("/api/login", json={"username": username, "password": PASSWORDS[username]})
    assert response.status_code == 200, response.text


def test_health_names_the_backend(engine: Engine) -> None:
    client = make_client(engine)
    assert client.get("/api/health").json() == {"status": "ok", "database": engine.dialect.name}


def test_stats(api: tuple[TestClient, Sample]) -> None:
    client, _ = api
    body = client.get("/api/stats").json()
    assert body["totals"] == {
        "seekers_active": 3,
        "vacancies_open": 4,
        "openings": 10,
        "programmes": 2,
        "employers": 3,
    }
    assert body["by_province"] == [
        {
            "province_code": "31",
            "province_name": "Daerah Khusus Ibukota Jakarta",
            "seekers_active": 1,
            "vacancies_open": 1,
            "openings": 2,
            "programmes": 0,
        },
        {
            "province_code": "32",
            "province_name": "Jawa Barat",
            "seekers_active": 1,
            "vacancies_open": 1,
            "openings": 3,
            "programmes": 1,
        },
        {
            "province_code": "35",
            "province_name": "Jawa Timur",
            "seekers_active": 1,
            "vacancies_open": 1,
            "openings": 4,
            "programmes": 0,
        },
        {
            "province_code": None,
            "province_name": None,
            "seekers_active": 0,
            "vacancies_open": 1,
            "openings": 1,
            "programmes": 1,
        },
    ]
    assert [(g["major_group"], g["title_en"], g["openings"]) for g in body["by_major_group"]] == [
        ("2", "Professionals", 2),
        ("5", "Service and sales workers", 4),
        ("7", "Craft and related trades workers", 3),
        (None, None, 1),
    ]


def test_vacancies_paginated_and_filtered(api: tuple[TestClient, Sample]) -> None:
    client, sample = api
    body = client.get("/api/vacancies", params={"per_page": 3}).json()
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (4, 1, 3, 2)
    assert [v["title"] for v in body["items"]] == ["Programmer Python", "Tukang Las SMAW", "Pramuniaga Toko"]
    page2 = client.get("/api/vacancies", params={"per_page": 3, "page": 2}).json()
    assert [v["id"] for v in page2["items"]] == [sample.vacancy_ids["warehouse"]]
    welder = body["items"][1]
    assert welder == {
        "id": sample.vacancy_ids["welder"],
        "title": "Tukang Las SMAW",
        "employer_name": "PT Baja Prima",
        "region_code": "3216",
        "region_name": "Kabupaten Bekasi",
        "province_name": "Jawa Barat",
        "occupation_code": "7212",
        "occupation_title": "Pekerja Pengelasan",
        "employment_type": "contract",
        "pay_min": 5_000_000,
        "pay_max": 6_000_000,
        "pay_period": "month",
        "openings": 3,
        "posted_date": "2025-03-01",
        "closing_date": None,
        "status": "open",
    }

    def titles(**params: object) -> list[str]:
        return [v["title"] for v in client.get("/api/vacancies", params=params).json()["items"]]  # type: ignore[arg-type]

    assert titles(region="35") == ["Pramuniaga Toko"]
    assert titles(major_group="7") == ["Tukang Las SMAW"]
    assert titles(major_group="7", status="closed") == ["Welder Senior"]
    assert titles(q="las smaw") == ["Tukang Las SMAW"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": "jabar"}, "query.region"),
        ({"page": 0}, "query.page"),
        ({"per_page": 500}, "query.per_page"),
        ({"major_group": "12"}, "query.major_group"),
        ({"status": "deleted"}, "query.status"),
    ],
)
def test_vacancies_reject_bad_parameters_naming_them(
    sqlite_api: tuple[TestClient, Sample], params: dict[str, object], field: str
) -> None:
    client, _ = sqlite_api
    response = client.get("/api/vacancies", params=params)  # type: ignore[arg-type]
    assert response.status_code == 422
    assert any(message.startswith(f"{field}:") for message in response.json()["detail"])


def test_vacancy_detail_and_404(sqlite_api: tuple[TestClient, Sample]) -> None:
    client, sample = sqlite_api
    body = client.get(f"/api/vacancies/{sample.vacancy_ids['welder']}").json()
    assert body["skills"] == [{"skill_id": "test:welding", "label": "pengelasan", "requirement": "essential"}]
    assert (body["min_education"], body["min_education_label"], body["min_experience_years"]) == (
        "SMK",
        "Sekolah Menengah Kejuruan (SMK)",
        1.0,
    )
    assert body["description"] == "Mengelas konstruksi baja.\nShift pagi."
    missing = client.get("/api/vacancies/999999")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/json"
    assert missing.json() == {"detail": "vacancy 999999 not found"}
    assert client.get("/api/vacancies/abc").status_code == 422
    assert client.get("/api/no-such-route").json() == {"detail": "Not Found"}


def test_programmes(sqlite_api: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_api
    body = client.get("/api/programmes").json()
    assert body["total"] == 2
    assert [p["title"] for p in body["items"]] == ["Dasar Pemrograman Python", "Pengelasan SMAW Dasar"]
    blk = body["items"][1]
    assert (blk["provider_name"], blk["provider_kind"], blk["hours_jp"], blk["cost_rp"]) == (
        "BLK Bandung",
        "BLK",
        240,
        0,
    )
    assert [p["title"] for p in client.get("/api/programmes?modality=online").json()["items"]] == [
        "Dasar Pemrograman Python"
    ]


def test_regions_and_occupations(sqlite_api: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_api
    provinces = client.get("/api/regions", params={"level": "province"}).json()
    assert {"code": "32", "level": "province", "name": "Jawa Barat", "province_code": "32"} in provinces
    assert all(r["level"] == "province" for r in provinces)
    regencies = client.get("/api/regions", params={"province": "35"}).json()
    assert "3578" in [r["code"] for r in regencies]
    occupations = client.get("/api/occupations", params={"q": "welder"}).json()
    assert "7212" in [o["code"] for o in occupations]
    assert client.get("/api/regions", params={"level": "desa"}).status_code == 422


def test_seekers_need_a_counsellor_or_admin_session(api: tuple[TestClient, Sample]) -> None:
    client, sample = api
    anonymous = client.get("/api/seekers")
    assert anonymous.status_code == 401 and anonymous.json() == {"detail": "login required"}

    _login(client, "pemberi1")
    refused = client.get("/api/seekers")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "role 'employer' may not access this; allowed: counsellor, admin"

    _login(client, "konselor1")
    assert client.get("/api/me").json() == {"username": "konselor1", "role": "counsellor"}
    body = client.get("/api/seekers").json()
    assert body["total"] == 3
    assert [s["id"] for s in body["items"]] == sample.seeker_ids[:3]
    assert body["items"][0]["skills_count"] == 2
    assert [s["name"] for s in body["items"]] == ["Budi Santoso", "Siti Rahayu", None]
    assert "Budi Santoso" not in refused.text
    assert client.get("/api/seekers", params={"active": "false"}).json()["total"] == 1

    assert client.post("/api/logout").json() == {"detail": "logged out"}
    assert client.get("/api/seekers").status_code == 401
    assert client.get("/api/me").status_code == 401


def test_api_login_rejects_wrong_credentials(sqlite_api: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_api
    response = client.post("/api/login", json={"username": "konselor1", "password": "bukan-sandinya"})
    assert response.status_code == 401
    assert response.json() == {"detail": "wrong user name or password"}
    assert "set-cookie" not in response.headers or "pasarkerja_session=null" in response.headers["set-cookie"]
    # a form-encoded body is not accepted as JSON (no cross-site form can log someone in)
    assert client.post("/api/login", data={"username": "konselor1", "password": "x"}).status_code == 422


PUBLIC_API_ROUTES = {
    "/api/health",
    "/api/stats",
    "/api/vacancies",
    "/api/vacancies/{vacancy_id}",
    "/api/programmes",
    "/api/regions",
    "/api/occupations",
    "/api/me",
}


def test_every_non_public_api_route_refuses_anonymous_requests(sqlite_api: tuple[TestClient, Sample]) -> None:
    """A guard for routes added later: any GET route outside the public list must require a session."""
    client, _ = sqlite_api
    schema = client.get("/openapi.json").json()
    guarded = [
        path for path, ops in schema["paths"].items() if "get" in ops and path not in PUBLIC_API_ROUTES
    ]
    assert "/api/seekers" in guarded
    for path in guarded:
        assert client.get(path.replace("{", "").replace("}", "")).status_code == 401, path


def test_openapi_schema_describes_the_models(sqlite_api: tuple[TestClient, Sample]) -> None:
    client, _ = sqlite_api
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "pasarkerja"
    assert {"VacancyPage", "VacancyDetail", "SeekerPage", "Stats", "Region", "Occupation"} <= set(
        schema["components"]["schemas"]
    )
    seekers = schema["paths"]["/api/seekers"]["get"]
    assert {"401", "403"} <= set(seekers["responses"])
    assert not any(path.startswith(("/lowongan", "/masuk")) for path in schema["paths"])
