"""The ways into text understanding: the CLI command, POST /api/extract and the "Analisis lowongan" page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pasarkerja.cli import app
from test_web_queries import form_csrf_token, log_in_page, make_client, seeded_sqlite

AD = """Dibutuhkan Staff Admin Gudang
Kualifikasi:
- Pria, usia maks 30 tahun
- Min. SMA/SMK sederajat
- Pengalaman min 1 thn
- Menguasai Ms. Excel
Gaji Rp 4.500.000 - Rp 5.000.000 per bulan"""


@pytest.fixture(autouse=True)
def _no_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    # The lexical stages decide everything asserted here; embeddings would only slow the tests.
    monkeypatch.setenv("PASARKERJA_EXTRACT_EMBEDDINGS", "0")


@pytest.fixture
def client(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> TestClient:
    engine, _sample = seeded_sqlite(tmp_path_factory, tmp_path)
    return make_client(engine)


def test_cli_extracts_one_ad_as_json() -> None:
    result = CliRunner().invoke(
        app, ["extract", "-", "--title", "Admin Gudang", "--location", "Kota Bekasi"], input=AD
    )
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert facts["occupation"]["code"] == "4321"
    assert facts["region"]["code"] == "3275"
    assert facts["pay"]["monthly_min_rp"] == 4_500_000 and facts["pay"]["monthly_max_rp"] == 5_000_000
    assert facts["education"]["level"] == "SMA"
    assert facts["experience"]["min_years"] == 1.0
    assert {flag["kind"] for flag in facts["flags"]} == {"sex", "age"}
    assert "sk.ms-excel" in {skill["id"] for skill in facts["skills"]}


def test_cli_processes_jsonl_in_bulk_keeping_ids(tmp_path: Path) -> None:
    source = tmp_path / "ads.jsonl"
    source.write_text(
        json.dumps(
            {"id": "a-1", "title": "Barista", "text": "Bisa membuat kopi. Gaji 3 jt", "location": "Jogja"}
        )
        + "\n\n"
        + json.dumps({"id": 7, "title": "Kurir", "text": "Wajib punya SIM C", "location": "Medan"})
        + "\n"
    )
    result = CliRunner().invoke(app, ["extract", str(source), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["a-1", "7"]
    assert lines[0]["occupation"]["code"] == "5132" and lines[0]["region"]["code"] == "3471"
    assert lines[1]["occupation"]["code"] == "9621" and lines[1]["region"]["code"] == "1271"


def test_cli_rejects_bad_input_with_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\n{"id": 2}\n')
    result = CliRunner().invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl line 2: field 'text' is missing or not a string" in result.output
    result = CliRunner().invoke(app, ["extract", "-", "--kind", "poster"], input="x")
    assert result.exit_code == 1 and "--kind must be one of vacancy, profile, programme" in result.output
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "no such file" in result.output


def test_api_extract_vacancy_is_public_and_profile_needs_a_login(client: TestClient) -> None:
    response = client.post("/api/extract", json={"text": AD, "title": "Admin Gudang", "location": "Bekasi"})
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "vacancy" and body["occupation"]["code"] == "4321"
    assert body["pay"]["period"] == "month"
    assert (
        client.post("/api/extract", json={"kind": "profile", "text": "Saya lulusan SMK"}).status_code == 401
    )
    assert client.post("/api/extract", json={"kind": "poster", "text": "x"}).status_code == 422
    assert "/api/extract" in client.get("/openapi.json").json()["paths"]


def test_analysis_page_highlights_spans_for_logged_in_officers(client: TestClient) -> None:
    assert client.get("/analisis-lowongan", follow_redirects=False).status_code == 303
    assert log_in_page(client, "konselor1").status_code == 303
    form = client.get("/analisis-lowongan")
    assert form.status_code == 200 and "Analisis lowongan" in form.text
    token = form_csrf_token(form.text)
    page = client.post("/analisis-lowongan", data={"text": AD, "title": "Admin Gudang", "csrf_token": token})
    assert page.status_code == 200
    assert re.search(r'<mark class="flag" title="age">usia maks 30 tahun</mark>', page.text)
    assert re.search(r'<mark class="skill essential" title="Microsoft Excel">Ms. Excel</mark>', page.text)
    assert "Rp 4.500.000 – Rp 5.000.000 / bulan" in page.text
    assert "Batas usia" in page.text and "Jenis kelamin" in page.text
    # Highlighting never changes the text: removing the marks gives back the ad, HTML-escaped.
    highlighted = re.search(r'<div class="highlighted">(.*?)</div>', page.text, re.S)
    assert highlighted and re.sub(r"</?mark[^>]*>", "", highlighted.group(1)) == AD
    empty = client.post("/analisis-lowongan", data={"text": "  ", "csrf_token": token})
    assert empty.status_code == 422 and "Teks iklan masih kosong." in empty.text
    assert client.post("/analisis-lowongan", data={"text": AD}).status_code == 403


def test_analysis_page_in_english(client: TestClient) -> None:
    log_in_page(client, "analis1")
    page = client.get("/analisis-lowongan?lang=en")
    assert "Job-ad analysis" in page.text and "Paste a job ad" in page.text
