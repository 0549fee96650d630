"""The skills gap through the database, the CLI, the JSON API and the pages, on the web sample plus a small
hand-made training market whose optimum is worked out below.

Seeker s1 (Kota Bandung 3273, province 32, not willing to relocate) holds welding and Python. Added:

* vacancies in 3216 (province 32), occupation 7212: V_A (2 openings) welding + K3 essential, blueprint
  optional; V_B (1 opening) welding, K3, blueprint essential → s1's near misses, missing K3 / K3 + blueprint;
* programmes: K3 Umum (K3, Rp 500.000, 40 JP, 3273), K3 dan Gambar Teknik (K3 + blueprint, Rp 900.000,
  60 JP, 3273), Membaca Gambar Teknik (blueprint, Rp 300.000, 80 JP, online), K3 Lama (K3, Rp 100.000,
  every start date in 2020), and welding taught by the sample's free "Pengelasan SMAW Dasar";
* an apprenticeship in occupation 7212 in 3273 (3 months, free): 7212's profile is derived from its four
  vacancies — welding (3/4 essential) and K3 (2/4) essential, blueprint (2/4 listed) optional.

Money: apprenticeship (K3, Rp 0) + Membaca Gambar Teknik (Rp 300.000) = Rp 300.000, 3 × 231 + 80 = 773 JP
(beats K3 Umum + Gambar = 800.000 and K3 dan Gambar Teknik = 900.000). Hours: K3 dan Gambar Teknik, 60 JP.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from pasarkerja.cli import app as cli_app
from pasarkerja.store import gap_source
from pasarkerja.store.db import session_factory, transaction
from pasarkerja.store.models import (
    Application,
    Apprenticeship,
    ProgrammeSkill,
    Skill,
    TrainingProgramme,
    Vacancy,
    VacancySkill,
)
from test_web_queries import PASSWORDS, Sample, form_csrf_token, log_in_page, make_client, seeded_sqlite

FUTURE = "2030-01-07"
PAST = ("2020-01-06", "2020-03-02")


def add_training_market(engine: Engine) -> dict[str, int]:
    """The market of the module docstring on top of the web sample; returns the new rows' ids."""
    with transaction(engine) as session:
        for skill_id, label in (("test:k3", "K3 umum"), ("test:blueprint", "membaca gambar teknik")):
            session.add(Skill(id=skill_id, label_id=label, label_en=label, type="skill"))
        session.flush()
        ids: dict[str, int] = {}
        for name, openings, essential, optional in (
            ("V_A", 2, ("test:welding", "test:k3"), ("test:blueprint",)),
            ("V_B", 1, ("test:welding", "test:k3", "test:blueprint"), ()),
        ):
            vacancy = Vacancy(title=f"Juru las {name}", occupation_code="7212", region_code="3216",
                              openings=openings, status="open", posted_date=dt.date(2025, 4, 1))  # fmt: skip
            vacancy.skills.extend(VacancySkill(skill_id=s, requirement="essential") for s in essential)
            vacancy.skills.extend(VacancySkill(skill_id=s, requirement="optional") for s in optional)
            session.add(vacancy)
            session.flush()
            ids[name] = vacancy.id
        for name, title, skills, cost, hours, region, modality, starts in (
            ("K3", "K3 Umum", ("test:k3",), 500_000, 40, "3273", "on-site", [FUTURE]),
            ("K3B", "K3 dan Gambar Teknik", ("test:k3", "test:blueprint"), 900_000, 60, "3273", "on-site",
             [FUTURE]),
            ("BP", "Membaca Gambar Teknik", ("test:blueprint",), 300_000, 80, None, "online", []),
            ("OLD", "K3 Lama", ("test:k3",), 100_000, 40, "3273", "on-site", list(PAST)),
        ):  # fmt: skip
            programme = TrainingProgramme(title=title, cost_rp=cost, hours_jp=hours, region_code=region,
                                          modality=modality, start_dates=starts)  # fmt: skip
            programme.skills.extend(ProgrammeSkill(skill_id=s) for s in skills)
            session.add(programme)
            session.flush()
            ids[name] = programme.id
        welding = session.scalar(
            select(TrainingProgramme).where(TrainingProgramme.title == "Pengelasan SMAW Dasar")
        )
        assert welding is not None
        welding.skills.append(ProgrammeSkill(skill_id="test:welding"))
        ids["SMAW"] = welding.id
        offer = Apprenticeship(title="Magang Juru Las", company="PT Baja Prima", occupation_code="7212", seats=2,
                               months=3, region_code="3273", starts_on=dt.date(2030, 2, 1))  # fmt: skip
        session.add(offer)
        session.flush()
        ids["A"] = offer.id
    return ids


@pytest.fixture
def market(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> tuple[Engine, Sample, dict[str, int]]:
    engine, sample = seeded_sqlite(tmp_path_factory, tmp_path)
    return engine, sample, add_training_market(engine)


# ------------------------------------------------------------------------------------------- store


def test_report_from_the_database(market: tuple[Engine, Sample, dict[str, int]]) -> None:
    engine, sample, ids = market
    s1 = sample.seeker_ids[0]
    with session_factory(engine)() as session:
        report = gap_source.seeker_report(session, s1, today=dt.date(2026, 1, 5))
        assert {t.target_id for t in report.skill_gap.targets} == {str(ids["V_A"]), str(ids["V_B"])}
        # K3: 1 (V_A) + 1/2 (V_B); blueprint: 1/2 (V_B) + 0.25 (optional in V_A).
        assert [(m.skill_id, m.value, m.unlocks_alone) for m in report.skill_gap.missing] == [
            ("test:k3", 1.5, 1),
            ("test:blueprint", 0.75, 0),
        ]
        assert report.skill_gap.missing[0].apprenticeship_ids == (str(ids["A"]),)
        path = report.pathway
        assert (path.method, path.optimal, path.complete) == ("exact", True, True)
        # Steps in the order they start: the online course any time, the apprenticeship in February 2030.
        assert [(s.kind, s.id) for s in path.steps] == [
            ("programme", str(ids["BP"])),
            ("apprenticeship", str(ids["A"])),
        ]
        assert (path.total_cost_rp, path.total_hours_jp) == (300_000, 3 * 231 + 80)
        assert ("programme", str(ids["OLD"])) in {(e.kind, e.id) for e in path.excluded}
        assert set(path.unlocked_vacancy_ids) == {str(ids["V_A"]), str(ids["V_B"])}
        by_hours = gap_source.seeker_report(session, s1, objective="hours", today=dt.date(2026, 1, 5)).pathway
        assert [s.id for s in by_hours.steps] == [str(ids["K3B"])] and by_hours.total_hours_jp == 60
        occupation = gap_source.seeker_report(session, s1, occupation_code="7212", today=dt.date(2026, 1, 5))
        (target,) = occupation.skill_gap.targets
        assert (target.missing_essential, target.missing_optional) == (("test:k3",), ("test:blueprint",))
        with pytest.raises(gap_source.GapSourceError, match="seeker 99999 not found"):
            gap_source.seeker_report(session, 99999)
        with pytest.raises(gap_source.GapSourceError, match="vacancy 99999 not found"):
            gap_source.seeker_report(session, s1, vacancy_id=99999)


def test_referral_life_cycle(market: tuple[Engine, Sample, dict[str, int]]) -> None:
    engine, sample, ids = market
    s1 = sample.seeker_ids[0]
    with transaction(engine) as session:
        referral = gap_source.save_referral(session, s1, programme_id=ids["BP"], note="kelas daring")
        referral_id = referral.id
        with pytest.raises(gap_source.GapSourceError, match="already referred to programme"):
            gap_source.save_referral(session, s1, programme_id=ids["BP"])
        with pytest.raises(gap_source.GapSourceError, match="exactly one programme or one apprenticeship"):
            gap_source.save_referral(session, s1)
        with pytest.raises(gap_source.GapSourceError, match="apprenticeship 424242 not found"):
            gap_source.save_referral(session, s1, apprenticeship_id=424242)
        for status in ("enrolled", "completed", "placed"):
            gap_source.update_referral(session, referral_id, status)
        with pytest.raises(gap_source.GapSourceError, match="is placed: its status can no longer change"):
            gap_source.update_referral(session, referral_id, "withdrawn")
    with session_factory(engine)() as session:
        (item,) = gap_source.referrals(session, s1)
        assert (item.kind, item.target_id, item.title, item.status) == ("programme", ids["BP"],
                                                                       "Membaca Gambar Teknik", "placed")  # fmt: skip
        assert [h[0] for h in item.history] == ["referred", "enrolled", "completed", "placed"]
        assert item.history[0][2] == "kelas daring"
        row = session.get(Application, referral_id)
        assert row is not None and (row.kind, row.programme_id, row.vacancy_id) == (
            "referral",
            ids["BP"],
            None,
        )


# --------------------------------------------------------------------------------------------- CLI


def test_cli_seeker_regional_and_refer(market: tuple[Engine, Sample, dict[str, int]], tmp_path: Path) -> None:
    engine, sample, ids = market
    url = str(engine.url)
    engine.dispose()
    runner = CliRunner(env={"COLUMNS": "250"})
    s1 = sample.seeker_ids[0]
    result = runner.invoke(cli_app, ["gap", "seeker", str(s1), "--today", "2026-01-05", "--json", "-d", url])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert [s["title"] for s in body["pathway"]["steps"]] == ["Membaca Gambar Teknik", "Magang Juru Las"]
    assert body["pathway"]["total_cost_rp"] == 300_000
    assert body["missing"][0]["label"] == "K3 umum"
    result = runner.invoke(cli_app, ["gap", "seeker", str(s1), "--vacancy", str(ids["V_B"]), "--objective",
                                     "hours", "--today", "2026-01-05", "-d", url])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "K3 dan Gambar Teknik" in result.output and "objective hours, exact (optimal)" in result.output
    result = runner.invoke(cli_app, ["gap", "seeker", "99999", "-d", url])
    assert result.exit_code == 1 and "seeker 99999 not found" in result.output
    result = runner.invoke(cli_app, ["gap", "seeker", str(s1), "--objective", "speed", "-d", url])
    assert result.exit_code == 1 and "--objective must be one of money, hours, travel" in result.output

    out = tmp_path / "needs.csv"
    result = runner.invoke(cli_app, ["gap", "regional", "--province", "32", "--out", str(out), "-d", url])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    # Province 32: welding demand 3 + 2 + 1 = 6 against 1 active seeker → unmet 5, closed by the free BLK
    # welding course (capacity 16): 0.6 × min(16, 5) = 3 expected placements, expand (it runs in 32).
    first = rows[0]
    assert (first["region_code"], first["rank"], first["title"], first["action"]) == (
        "32",
        "1",
        "Pengelasan SMAW Dasar",
        "expand",
    )
    assert float(first["expected_placements"]) == pytest.approx(3.0)
    result = runner.invoke(cli_app, ["gap", "regional", "--out", str(tmp_path / "x.pdf"), "-d", url])
    assert result.exit_code == 1 and "--out must end in .csv or .xlsx" in result.output

    result = runner.invoke(cli_app, ["gap", "refer", str(s1), "--programme", str(ids["K3"]), "-d", url])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli_app, ["gap", "refer", str(s1), "--programme", str(ids["K3"]), "-d", url])
    assert result.exit_code == 1 and "already referred" in result.output


# --------------------------------------------------------------------------------------------- API


def _api_login(client: TestClient, username: str) -> None:
    response = client.post("/api/login", json={"username": username, "password": PASSWORDS[username]})
    assert response.status_code == 200


def test_api_access_report_regional_and_referrals(market: tuple[Engine, Sample, dict[str, int]]) -> None:
    engine, sample, ids = market
    s1, s2 = sample.seeker_ids[0], sample.seeker_ids[1]
    client = make_client(engine)
    assert client.get(f"/api/gap/seekers/{s1}").status_code == 401
    _api_login(client, "pencari1")  # linked to s1
    response = client.get(f"/api/gap/seekers/{s1}", params={"objective": "hours", "today": "2026-01-05"})
    assert response.status_code == 200
    assert [s["id"] for s in response.json()["pathway"]["steps"]] == [str(ids["K3B"])]
    assert client.get(f"/api/gap/seekers/{s2}").status_code == 403  # another seeker's gap
    assert client.get("/api/gap/regional").status_code == 403
    assert (
        client.post("/api/gap/referrals", json={"seeker_id": s1, "programme_id": ids["K3"]}).status_code
        == 403
    )

    _api_login(client, "analis1")
    assert client.get(f"/api/gap/seekers/{s1}").status_code == 403
    regional = client.get("/api/gap/regional", params={"province": "32"}).json()
    assert regional["programmes"][0]["title"] == "Pengelasan SMAW Dasar"
    welding = [r for r in regional["skills"] if r["level"] == "province" and r["skill_id"] == "test:welding"]
    assert [(r["demand"], r["supply"], r["unmet"]) for r in welding] == [(6.0, 1, 5.0)]

    _api_login(client, "konselor1")
    assert client.get("/api/gap/seekers/99999").status_code == 404
    assert client.get(f"/api/gap/seekers/{s1}", params={"vacancy": 99999}).json()["detail"] == (
        "vacancy 99999 not found"
    )
    created = client.post("/api/gap/referrals", json={"seeker_id": s1, "apprenticeship_id": ids["A"]})
    assert created.status_code == 201
    assert (created.json()["kind"], created.json()["status"]) == ("apprenticeship", "referred")
    again = client.post("/api/gap/referrals", json={"seeker_id": s1, "apprenticeship_id": ids["A"]})
    assert again.status_code == 422 and "already referred" in again.json()["detail"]
    both = client.post(
        "/api/gap/referrals", json={"seeker_id": s1, "programme_id": 1, "apprenticeship_id": 1}
    )
    assert both.status_code == 422
    moved = client.post(f"/api/gap/referrals/{created.json()['id']}/status", json={"status": "enrolled"})
    assert moved.status_code == 200 and moved.json()["status"] == "enrolled"
    listed = client.get(f"/api/gap/seekers/{s1}/referrals").json()
    assert [[h["status"] for h in r["history"]] for r in listed] == [["referred", "enrolled"]]


# ------------------------------------------------------------------------------------------- pages


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_seeker_page_pathway_and_csrf_protected_referral(
    market: tuple[Engine, Sample, dict[str, int]],
) -> None:
    engine, sample, ids = market
    s1 = sample.seeker_ids[0]
    client = make_client(engine)
    log_in_page(client, "pencari1")
    response = client.get("/kesenjangan", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/kesenjangan/{s1}"
    page = client.get(f"/kesenjangan/{s1}")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Kesenjangan keterampilan" in text and "Budi Santoso" in text
    assert "Magang Juru Las pemagangan K3 umum Gratis 693 tatap muka Kota Bandung" in text
    assert 'data-testid="pathway-cost">Rp 300.000<' in page.text
    assert 'id="refer-form"' not in page.text  # a seeker does not refer themself
    assert client.get(f"/kesenjangan/{sample.seeker_ids[1]}").status_code == 403

    client = make_client(engine)
    log_in_page(client, "pemberi1")
    assert client.get("/kesenjangan").status_code == 403  # employers see no seeker's gap
    client = make_client(engine)
    log_in_page(client, "konselor1")
    start = client.get("/kesenjangan")
    assert start.status_code == 200 and 'name="seeker"' in start.text
    assert (
        client.get(f"/kesenjangan?seeker={s1}", follow_redirects=False).headers["location"]
        == f"/kesenjangan/{s1}"
    )
    page = client.get(f"/kesenjangan/{s1}?objective=hours&lang=en")
    assert 'data-testid="pathway-hours">60<' in page.text and "Training pathway" in page.text
    token = form_csrf_token(page.text)
    forged = client.post(f"/kesenjangan/{s1}/rujuk", data={"target": f"programme:{ids['K3B']}"})
    assert forged.status_code == 403
    posted = client.post(
        f"/kesenjangan/{s1}/rujuk",
        data={"target": f"programme:{ids['K3B']}", "note": "", "csrf_token": token},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    page = client.get(posted.headers["location"])
    assert "Referral no." in page.text and "K3 dan Gambar Teknik" in _text(page.text)
    referral_id = int(re.search(r'data-testid="referral-status-(\d+)">referred<', page.text).group(1))  # type: ignore[union-attr]
    moved = client.post(f"/kesenjangan/rujukan/{referral_id}/status",
                        data={"status": "enrolled", "csrf_token": token}, follow_redirects=True)  # fmt: skip
    assert f'data-testid="referral-status-{referral_id}">enrolled<' in moved.text
    bad = client.post(f"/kesenjangan/{s1}/rujuk", data={"target": "programme:424242", "csrf_token": token})
    assert bad.status_code == 422 and "programme 424242 not found" in bad.text


def test_regional_page_chart_and_downloads(market: tuple[Engine, Sample, dict[str, int]]) -> None:
    from openpyxl import load_workbook

    from pasarkerja.web.charts import PLOTLY_JS_URL

    engine, _, _ = market
    client = make_client(engine)
    log_in_page(client, "pencari1")
    assert client.get("/kebutuhan-pelatihan").status_code == 403
    client = make_client(engine)
    log_in_page(client, "analis1")
    page = client.get("/kebutuhan-pelatihan?province=32")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Kebutuhan pelatihan daerah" in text
    assert "Jawa Barat 1 Pengelasan SMAW Dasar tambah kelas 16 5 3" in text
    assert 'id="gap-regional-chart"' in page.text and PLOTLY_JS_URL in page.text
    assert "cdn.plot.ly" not in page.text
    assert 'href="/kebutuhan-pelatihan/unduh?province=32&amp;level=province&amp;format=xlsx"' in page.text
    download = client.get("/kebutuhan-pelatihan/unduh?province=32&format=csv&table=skills")
    assert download.headers["content-disposition"] == (
        'attachment; filename="kebutuhan-pelatihan-32-province-skills.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert rows[0] == {"level": "province", "region_code": "32", "skill_id": "test:welding", "demand": "6.0",
                       "supply": "1", "unmet": "5.0", "closable": "5.0"}  # fmt: skip
    excel = client.get("/kebutuhan-pelatihan/unduh?format=xlsx")
    book = load_workbook(io.BytesIO(excel.content), read_only=True)
    assert book.sheetnames == ["skill_needs", "programmes"]
