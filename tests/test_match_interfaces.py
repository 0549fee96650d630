"""The link-and-match for people: store loading, CLI (``pasarkerja match …``), JSON API and pages.

Runs on the hand-built sample of ``test_web_queries.seed_sample`` plus consents set here:

* seeker 1 (Bandung, SMK, welding + Python, prefers ISCO 7212) — discoverable, shares contact on application;
* seeker 2 (Jakarta Pusat, S1, Python, 2 years as 2512 developer) — discoverable, does not share contact;
* seeker 3 — no consent to be found; seeker 4 — inactive (consented, so only the filter keeps them out).

The welder vacancy (7212, Kabupaten Bekasi, welding essential) is built to be seeker 1's best match: same
occupation, all essential skills, same province; the programmer vacancy fits seeker 1's skills but neither
the occupation nor the province.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from pasarkerja.cli import app as cli_app
from pasarkerja.match import BatchResult, MatchSettings
from pasarkerja.store.db import transaction
from pasarkerja.store.matching import (
    ReferralError,
    StoredRecommendation,
    consenting_seekers,
    create_referral,
    iter_seeker_chunks,
    latest_recommendations,
    load_seeker,
    load_vacancies,
    save_batch_run,
)
from pasarkerja.store.models import (
    Application,
    ApplicationStatus,
    Consent,
    MatchResult,
    MatchRun,
    UserAccount,
)
from test_web_queries import (
    PASSWORDS,
    TEST_SECRET,
    Sample,
    form_csrf_token,
    log_in_page,
    make_client,
    seed_sample,
    seeded_sqlite,
)

NAMES = ("Budi Santoso", "Siti Rahayu", "Agus Salim")


def add_consents(engine: Engine, sample: Sample) -> None:
    s1, s2, _s3, s4 = sample.seeker_ids
    with transaction(engine) as session:
        for seeker_id, purposes in (
            (s1, ("matching", "discoverable_by_employers", "share_contact_on_application")),
            (s2, ("matching", "discoverable_by_employers")),
            (s4, ("matching", "discoverable_by_employers")),
        ):
            for purpose in purposes:
                session.add(Consent(seeker_id=seeker_id, purpose=purpose, granted=True))


@pytest.fixture
def seeded(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[tuple[Engine, Sample]]:
    engine, sample = seeded_sqlite(tmp_path_factory, tmp_path)
    add_consents(engine, sample)
    yield engine, sample
    engine.dispose()


def _login(client: TestClient, username: str) -> None:
    response = client.post("/api/login", json={"username": username, "password": PASSWORDS[username]})
    assert response.status_code == 200, response.text


def _apply(engine: Engine, seeker_id: int, vacancy_id: int) -> None:
    with transaction(engine) as session:
        session.add(
            Application(kind="application", seeker_id=seeker_id, vacancy_id=vacancy_id, status="applied")
        )


# ------------------------------------------------------------------------------------------ store


@pytest.fixture
def sample_db(engine: Engine) -> Sample:
    """The sample with consents on SQLite and PostgreSQL (the store tests run on both)."""
    sample = seed_sample(engine, users=False)
    add_consents(engine, sample)
    return sample


def test_profiles_read_the_profile_tables_only(engine: Engine, sample_db: Sample) -> None:
    sample = sample_db
    with transaction(engine) as session:
        s2 = load_seeker(session, sample.seeker_ids[1])
        vacancies = load_vacancies(session)
        active = [p.id for chunk in iter_seeker_chunks(session, chunk_size=2) for p in chunk]
        discoverable = consenting_seekers(session, "discoverable_by_employers")
    assert s2 is not None
    # the untitled spell without an occupation counts as experience, not towards occupation proximity
    assert (s2.skill_ids, s2.experience_years, [w.occupation_code for w in s2.work_history]) == (
        ("test:python",),
        2.5,
        ["2512"],
    )
    assert (s2.region_code, s2.education_level, s2.is_active) == ("3174", "S1", True)
    assert active == [str(i) for i in sample.seeker_ids[:3]]  # in chunks of 2, the inactive one left out
    assert discoverable == {sample.seeker_ids[0], sample.seeker_ids[1], sample.seeker_ids[3]}
    # open vacancies only, in id order; the closed welder is not there
    assert [v.id for v in vacancies] == [
        str(sample.vacancy_ids[k]) for k in ("welder", "programmer", "shop", "warehouse")
    ]
    welder = vacancies[0]
    assert (welder.essential_skill_ids, welder.occupation_code, welder.pay_min, welder.region_code) == (
        ("test:welding",),
        "7212",
        5_000_000.0,
        "3216",
    )


def test_batch_run_is_stored_and_read_back(engine: Engine, sample_db: Sample) -> None:
    s1, s2, *_ = sample_db.seeker_ids
    welder, shop = sample_db.vacancy_ids["welder"], sample_db.vacancy_ids["shop"]
    result = BatchResult(
        np.array([str(s1), str(s2)]),
        np.array([[str(welder), str(shop)], [str(shop), ""]]),
        np.array([[0.9, 0.5], [0.4, np.nan]]),  # seeker 2 had one vacancy left: the padding is not stored
    )
    run_id = save_batch_run(
        engine, result, engine_name="local", top_k=2, vacancies=4, settings=MatchSettings(),
        started_at=dt.datetime(2025, 3, 1, 8, 0),
    )  # fmt: skip
    with transaction(engine) as session:
        assert latest_recommendations(session, s1) == [
            StoredRecommendation(run_id, 1, welder, 0.9),
            StoredRecommendation(run_id, 2, shop, 0.5),
        ]
        assert latest_recommendations(session, s2) == [StoredRecommendation(run_id, 1, shop, 0.4)]
        assert latest_recommendations(session, sample_db.seeker_ids[2]) == []
        run = session.get(MatchRun, run_id)
        assert run is not None and run.finished_at is not None and run.settings["weight_skills"] == 0.35


def test_referral_checks(engine: Engine, sample_db: Sample) -> None:
    sample = sample_db
    s1, _, _, s4 = sample.seeker_ids
    with transaction(engine) as session:
        create_referral(session, s1, sample.vacancy_ids["welder"], created_by=None)
    with transaction(engine) as session:
        for seeker, vacancy, message in (
            (s1, sample.vacancy_ids["welder"], "already has an open referral"),
            (s4, sample.vacancy_ids["welder"], f"seeker {s4} is not active"),
            (s1, sample.vacancy_ids["closed"], "is closed, not open"),
            (999, sample.vacancy_ids["welder"], "seeker 999 not found"),
            (s1, 999, "vacancy 999 not found"),
        ):
            with pytest.raises(ReferralError, match=message):
                create_referral(session, seeker, vacancy, created_by=None)
    with transaction(engine) as session:
        referral = session.scalars(select(Application)).one()
        assert (referral.kind, referral.status, [h.status for h in referral.history]) == (
            "referral",
            "referred",
            ["referred"],
        )


# ------------------------------------------------------------------------------------------ CLI


def test_cli_seeker_vacancy_batch_and_assign(seeded: tuple[Engine, Sample], tmp_path: Path) -> None:
    engine, sample = seeded
    url = str(engine.url)
    runner = CliRunner()
    s1, s2, s3, _ = sample.seeker_ids

    result = runner.invoke(cli_app, ["match", "seeker", str(s1), "--format", "json", "-d", url])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    ranked = [r["vacancy_id"] for r in body["recommendations"]]
    assert ranked[0] == sample.vacancy_ids["welder"]
    assert sample.vacancy_ids["closed"] not in ranked
    top = body["recommendations"][0]
    assert [s["id"] for s in top["matched_essential"]] == ["test:welding"]
    assert top["reason_en"].startswith("Match: 1 of 1 required skills")

    table = runner.invoke(cli_app, ["match", "seeker", str(s1), "--top", "2", "-d", url])
    assert table.exit_code == 0 and "Tukang Las SMAW" in table.output

    missing = runner.invoke(cli_app, ["match", "seeker", "999", "-d", url])
    assert missing.exit_code == 1 and "seeker 999 not found" in missing.output

    short = runner.invoke(
        cli_app, ["match", "vacancy", str(sample.vacancy_ids["welder"]), "--format", "json", "-d", url]
    )
    assert short.exit_code == 0, short.output
    assert [c["seeker_id"] for c in json.loads(short.output)["shortlist"]] == [s1, s2]
    assert not any(name in short.output for name in NAMES)
    assert runner.invoke(cli_app, ["match", "vacancy", "999", "-d", url]).exit_code == 1

    out = tmp_path / "results.parquet"
    batch = runner.invoke(
        cli_app, ["match", "batch", "--top", "2", "--out", str(out), "--workers", "1", "-d", url]
    )
    assert batch.exit_code == 0, batch.output
    rows = pq.read_table(out).to_pylist()
    assert {r["seeker_id"] for r in rows} == {str(s1), str(s2), str(s3)}  # every active seeker, not s4
    assert len(rows) == 6
    first = next(r for r in rows if r["seeker_id"] == str(s1) and r["rank"] == 1)
    assert first["vacancy_id"] == str(sample.vacancy_ids["welder"])
    with transaction(engine) as session:
        run = session.scalars(select(MatchRun)).one()
        assert (run.engine, run.top_k, run.seekers, run.vacancies) == ("local", 2, 3, 4)
        stored = session.execute(select(func.count()).select_from(MatchResult)).scalar_one()
        assert stored == 6

    with make_client(engine) as client:  # the API reads the stored run back, explained
        _login(client, "konselor1")
        stored = client.get(f"/api/match/seekers/{s1}/recommendations", params={"source": "batch"}).json()
        assert (stored["source"], stored["run_id"]) == ("batch", run.id)
        assert [r["vacancy_id"] for r in stored["recommendations"]] == [
            int(r["vacancy_id"]) for r in sorted(rows, key=lambda r: r["rank"]) if r["seeker_id"] == str(s1)
        ]

    unreachable = runner.invoke(
        cli_app, ["match", "batch", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "-d", url]
    )
    assert unreachable.exit_code == 1 and "cannot be reached" in unreachable.output

    assigned = runner.invoke(
        cli_app,
        ["match", "assign", "--vacancies", f"{sample.vacancy_ids['welder']},{sample.vacancy_ids['programmer']}",
         "--min-score", "0.3", "-d", url],
    )  # fmt: skip
    assert assigned.exit_code == 0, assigned.output
    # 3 welder + 2 programmer openings, 2 active seekers who consented to matching → each gets one offer
    assert "2 offers" in assigned.output and "unfilled openings 3 of 5" in assigned.output
    assert "unassigned seekers 0 of 2" in assigned.output


# ------------------------------------------------------------------------------------------ API


def test_api_recommendations_by_role(seeded: tuple[Engine, Sample]) -> None:
    engine, sample = seeded
    s1, s2, *_ = sample.seeker_ids
    with make_client(engine) as client:
        assert client.get(f"/api/match/seekers/{s1}/recommendations").status_code == 401
        _login(client, "pencari1")
        own = client.get(f"/api/match/seekers/{s1}/recommendations", params={"top": 3})
        assert own.status_code == 200
        items = own.json()["recommendations"]
        assert [i["rank"] for i in items] == [1, 2, 3]
        assert items[0]["vacancy_id"] == sample.vacancy_ids["welder"]
        assert items[0]["employer"] == "PT Baja Prima" and items[0]["reason_id"].startswith("Cocok: 1 dari 1")
        assert client.get(f"/api/match/seekers/{s2}/recommendations").status_code == 403
    with make_client(engine) as client:
        _login(client, "konselor1")
        assert client.get(f"/api/match/seekers/{s2}/recommendations").status_code == 200
        assert client.get("/api/match/seekers/999/recommendations").status_code == 404
    with make_client(engine) as client:
        _login(client, "analis1")
        assert client.get(f"/api/match/seekers/{s1}/recommendations").status_code == 403


def test_api_shortlist_consent_and_personal_data(seeded: tuple[Engine, Sample]) -> None:
    engine, sample = seeded
    s1, s2, *_ = sample.seeker_ids
    welder = sample.vacancy_ids["welder"]
    with make_client(engine) as client:
        _login(client, "pemberi1")
        response = client.get(f"/api/match/vacancies/{welder}/shortlist")
        assert response.status_code == 200
        candidates = response.json()["candidates"]
        # seeker 3 never consented to be found, seeker 4 is inactive
        assert [c["seeker_id"] for c in candidates] == [s1, s2]
        assert [c["contact"] for c in candidates] == [None, None]
        assert not any(name in response.text for name in NAMES)
        assert candidates[0]["skills"][0]["label_id"] in ("pemrograman Python", "pengelasan")
        # another employer's vacancy, an unknown one
        assert (
            client.get(f"/api/match/vacancies/{sample.vacancy_ids['programmer']}/shortlist").status_code
            == 403
        )
        assert client.get("/api/match/vacancies/999/shortlist").status_code == 404

        # once both apply, the one who agreed to share contact details shows a name; the other does not
        _apply(engine, s1, welder)
        _apply(engine, s2, welder)
        after = client.get(f"/api/match/vacancies/{welder}/shortlist").json()["candidates"]
        assert [(c["applied"], c["contact"]) for c in after] == [
            (True, {"name": "Budi Santoso", "phone": None, "email": None}),
            (True, None),
        ]
        assert "Siti Rahayu" not in json.dumps(after)
        # a withdrawal (withdrawn_at set on the consent row) takes the seeker off the shortlist at once
        with transaction(engine) as session:
            consent = session.scalars(
                select(Consent).where(Consent.seeker_id == s2, Consent.purpose == "discoverable_by_employers")
            ).one()
            consent.withdrawn_at = dt.datetime(2025, 3, 2)
        withdrawn = client.get(f"/api/match/vacancies/{welder}/shortlist").json()["candidates"]
        assert [c["seeker_id"] for c in withdrawn] == [s1]
    with make_client(engine) as client:
        _login(client, "pencari1")
        assert client.get(f"/api/match/vacancies/{welder}/shortlist").status_code == 403


def test_api_referral_and_assign(seeded: tuple[Engine, Sample]) -> None:
    engine, sample = seeded
    s1 = sample.seeker_ids[0]
    welder = sample.vacancy_ids["welder"]
    with make_client(engine) as client:
        _login(client, "pemberi1")
        denied = client.post("/api/match/referrals", json={"seeker_id": s1, "vacancy_id": welder})
        assert denied.status_code == 403
    with make_client(engine) as client:
        _login(client, "konselor1")
        created = client.post(
            "/api/match/referrals", json={"seeker_id": s1, "vacancy_id": welder, "note": "x"}
        )
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "referred" and created.json()["score"] > 0.5
        again = client.post("/api/match/referrals", json={"seeker_id": s1, "vacancy_id": welder})
        assert again.status_code == 409
        assert (
            client.post("/api/match/referrals", json={"seeker_id": 999, "vacancy_id": welder}).status_code
            == 404
        )
        assert (
            client.post("/api/match/referrals", json={"seeker_id": s1, "vacancy_id": 999}).status_code == 404
        )
        assigned = client.post("/api/match/assign", json={"vacancy_ids": [welder], "min_score": 0.0})
        assert assigned.status_code == 200, assigned.text
        body = assigned.json()
        assert (body["slots"][0]["capacity"], body["slots"][0]["filled"], body["unfilled_openings"]) == (
            3,
            2,
            1,
        )
        assert client.post("/api/match/assign", json={"vacancy_ids": [999]}).status_code == 404
        assert client.post("/api/match/assign", json={}).status_code == 422
    with transaction(engine) as session:
        referral = session.scalars(select(Application).where(Application.kind == "referral")).one()
        counsellor = session.scalar(select(UserAccount.id).where(UserAccount.username == "konselor1"))
        assert (referral.seeker_id, referral.vacancy_id, referral.created_by) == (s1, welder, counsellor)
        history = session.scalars(select(ApplicationStatus)).all()
        assert [(h.status, h.changed_by, h.note) for h in history] == [("referred", counsellor, "x")]


# ------------------------------------------------------------------------------------------ pages


def test_pages_seeker_employer_and_counsellor(seeded: tuple[Engine, Sample]) -> None:
    engine, sample = seeded
    s1, s2, s3, _ = sample.seeker_ids
    welder = sample.vacancy_ids["welder"]
    with make_client(engine) as client:
        assert log_in_page(client, "pencari1").status_code == 303
        page = client.get("/rekomendasi")
        assert page.status_code == 200
        assert "Lowongan yang cocok untuk Anda" in page.text and 'href="/rekomendasi"' in page.text
        first = page.text.index('data-vacancy-id="')
        assert page.text[first:].startswith(f'data-vacancy-id="{welder}"')
        assert "Cocok: 1 dari 1 keterampilan wajib" in page.text
        assert 'action="/rujukan"' not in page.text  # seekers do not refer
        english = client.get("/rekomendasi?lang=en")
        assert "Jobs that match you" in english.text and "Match: 1 of 1 required skills" in english.text
        assert client.get(f"/rekomendasi?pencari={s2}").status_code == 403

    with make_client(engine) as client:
        log_in_page(client, "pemberi1")
        index = client.get("/kandidat")
        assert f'href="/lowongan/{welder}/kandidat"' in index.text
        shortlist = client.get(f"/lowongan/{welder}/kandidat")
        assert shortlist.status_code == 200
        assert f'data-seeker-id="{s1}"' in shortlist.text and f'data-seeker-id="{s2}"' in shortlist.text
        assert f'data-seeker-id="{s3}"' not in shortlist.text
        assert not any(name in shortlist.text for name in NAMES)
        assert client.get(f"/lowongan/{sample.vacancy_ids['programmer']}/kandidat").status_code == 403
        assert client.get("/lowongan/999/kandidat").status_code == 404

    with make_client(engine) as client:
        log_in_page(client, "konselor1")
        assert client.get("/rekomendasi?pencari=999").status_code == 404
        page = client.get(f"/rekomendasi?pencari={s1}")
        assert page.status_code == 200 and 'action="/rujukan"' in page.text
        assert client.get(f"/kandidat?lowongan={welder}", follow_redirects=False).headers["location"] == (
            f"/lowongan/{welder}/kandidat"
        )
        token = form_csrf_token(page.text)
        form = {"seeker_id": str(s1), "vacancy_id": str(welder)}
        assert client.post("/rujukan", data=form).status_code == 403  # no CSRF token
        done = client.post("/rujukan", data={**form, "csrf_token": token})
        assert done.status_code == 201
        assert "telah dirujuk" in done.text and "Tukang Las SMAW" in done.text
        twice = client.post("/rujukan", data={**form, "csrf_token": token})
        assert twice.status_code == 409 and "already has an open referral" in twice.text
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Application)) == 1


def test_demo_accounts_see_the_match_pages(tmp_path: Path) -> None:
    """After loading demo data the demo seeker and employer have something to see (password demo12345)."""
    from pasarkerja.ingest.demo.load import DEMO_PASSWORD, load_demo
    from pasarkerja.settings import Settings
    from pasarkerja.store.crypto import PersonalDataCipher
    from pasarkerja.store.db import make_engine, upgrade
    from pasarkerja.store.reference import load_reference
    from pasarkerja.web.app import create_app

    engine = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    upgrade(engine)
    load_reference(engine)
    load_demo(engine, cipher=PersonalDataCipher(TEST_SECRET.encode()), seekers=80, vacancies=60, programmes=2)
    settings = Settings(secret_key=TEST_SECRET, database_url="sqlite://")
    for username, path, marker in (
        ("pencari-kerja", "/rekomendasi", 'data-testid="reason"'),
        ("pemberi-kerja", "/kandidat", 'id="own-vacancies"'),
    ):
        with TestClient(create_app(settings, engine)) as client:
            login = client.post("/api/login", json={"username": username, "password": DEMO_PASSWORD})
            assert login.status_code == 200
            page = client.get(path)
            assert page.status_code == 200 and marker in page.text
    engine.dispose()
