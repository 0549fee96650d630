"""Read queries behind the pages and the API (store.queries) and user accounts (store.accounts).

``seed_sample`` fills a migrated database with a small, fully known labour market that the web, API and
browser tests share: every expected count below is worked out by hand from it.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pasarkerja.settings import Settings
from pasarkerja.store import queries
from pasarkerja.store.accounts import AccountError, authenticate, create_user, hash_password, verify_password
from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.db import make_engine, transaction, upgrade
from pasarkerja.store.models import (
    Employer,
    Seeker,
    SeekerPreferredOccupation,
    SeekerSkill,
    SeekerWork,
    Skill,
    TrainingProgramme,
    TrainingProvider,
    UserAccount,
    Vacancy,
    VacancySkill,
)
from pasarkerja.store.personal import PersonalData, save_personal
from pasarkerja.store.reference import load_reference
from pasarkerja.web.app import create_app

TEST_SECRET = "test-secret-for-session-signing-0123456789"
SEEKER_NAMES = ("Budi Santoso", "Siti Rahayu", None, "Agus Salim")  # the third seeker has no personal data
PASSWORDS = {
    "konselor1": "rahasia-konselor",
    "pemberi1": "rahasia-pemberi",
    "analis1": "rahasia-analis",
    "admin1": "rahasia-admin1",
    "pencari1": "rahasia-pencari",
}


@dataclass(frozen=True)
class Sample:
    vacancy_ids: dict[str, int]
    seeker_ids: list[int]
    employer_ids: dict[str, int]


def _test_skills(session: Session) -> None:
    for skill_id, label_id, label_en in [
        ("test:welding", "pengelasan", "welding"),
        ("test:python", "pemrograman Python", "Python programming"),
    ]:
        session.add(Skill(id=skill_id, label_id=label_id, label_en=label_en, type="skill"))
    session.flush()


def seed_sample(engine: Engine, *, users: bool = True) -> Sample:
    """4 open vacancies (10 openings) + 1 closed, 3 active seekers + 1 inactive, 2 active programmes + 1
    inactive, 3 employers, and (``users``) one user per role, passwords in ``PASSWORDS``."""
    load_reference(engine)  # the packaged regions, education levels and ISCO-08/KBJI occupations
    with transaction(engine) as session:
        _test_skills(session)
        baja = Employer(name="PT Baja Prima", region_code="3216")
        digital = Employer(name="PT Nusantara Digital", region_code="3174")
        toko = Employer(name="Toko Makmur", region_code="3578")
        session.add_all([baja, digital, toko])
        session.flush()
        welder = Vacancy(
            employer_id=baja.id,
            title="Tukang Las SMAW",
            occupation_code="7212",
            region_code="3216",
            openings=3,
            status="open",
            pay_min=5_000_000,
            pay_max=6_000_000,
            pay_period="month",
            employment_type="contract",
            min_education="SMK",
            min_experience_years=1.0,
            posted_date=dt.date(2025, 3, 1),
            description="Mengelas konstruksi baja.\nShift pagi.",
        )
        welder.skills.append(VacancySkill(skill_id="test:welding", requirement="essential"))
        programmer = Vacancy(
            employer_id=digital.id,
            title="Programmer Python",
            occupation_code="2512",
            region_code="3174",
            openings=2,
            status="open",
            posted_date=dt.date(2025, 3, 5),
            employment_type="permanent",
        )
        programmer.skills.append(VacancySkill(skill_id="test:python", requirement="essential"))
        shop = Vacancy(
            employer_id=toko.id,
            title="Pramuniaga Toko",
            occupation_code="5223",
            region_code="3578",
            openings=4,
            status="open",
            posted_date=dt.date(2025, 2, 20),
        )
        closed = Vacancy(
            employer_id=baja.id,
            title="Welder Senior",
            occupation_code="7212",
            region_code="3216",
            openings=1,
            status="closed",
            posted_date=dt.date(2025, 1, 10),
        )
        warehouse = Vacancy(title="Staf Gudang 100% siap kerja", openings=1, status="open")
        session.add_all([welder, programmer, shop, closed, warehouse])

        s1 = Seeker(
            region_code="3273", education_level="SMK", is_active=True, registered_on=dt.date(2025, 1, 5)
        )
        s1.skills.extend([SeekerSkill(skill_id="test:welding"), SeekerSkill(skill_id="test:python")])
        s1.preferred_occupations.append(SeekerPreferredOccupation(occupation_code="7212"))
        s2 = Seeker(region_code="3174", education_level="S1", is_active=True)
        s2.skills.append(SeekerSkill(skill_id="test:python"))
        s2.work_history.extend(
            [SeekerWork(title="magang", years=0.5), SeekerWork(occupation_code="2512", title="dev", years=2)]
        )
        s3 = Seeker(region_code="3578", education_level="SMA", is_active=True)
        s4 = Seeker(region_code="3273", education_level="SMK", is_active=False)
        s4.preferred_occupations.append(SeekerPreferredOccupation(occupation_code="7212"))
        session.add_all([s1, s2, s3, s4])
        session.flush()
        cipher = PersonalDataCipher(TEST_SECRET.encode())
        for seeker, name in ((s1, "Budi Santoso"), (s2, "Siti Rahayu"), (s4, "Agus Salim")):
            save_personal(session, seeker.id, PersonalData(name=name), cipher)

        blk = TrainingProvider(name="BLK Bandung", kind="BLK", region_code="3273")
        session.add(blk)
        session.flush()
        session.add_all(
            [
                TrainingProgramme(
                    provider_id=blk.id,
                    title="Pengelasan SMAW Dasar",
                    hours_jp=240,
                    cost_rp=0,
                    region_code="3273",
                    modality="on-site",
                    capacity=16,
                    certification="BNSP Juru Las",
                ),
                TrainingProgramme(title="Dasar Pemrograman Python", hours_jp=40, modality="online"),
                TrainingProgramme(title="Tata Boga", modality="on-site", is_active=False),
            ]
        )
        session.flush()
        if users:
            _add_users(session, employer_id=baja.id, seeker_id=s1.id)
        return Sample(
            vacancy_ids={
                "welder": welder.id,
                "programmer": programmer.id,
                "shop": shop.id,
                "closed": closed.id,
                "warehouse": warehouse.id,
            },
            seeker_ids=[s1.id, s2.id, s3.id, s4.id],
            employer_ids={"baja": baja.id, "digital": digital.id, "toko": toko.id},
        )


_HASHES: dict[str, str] = {}


def _add_users(session: Session, *, employer_id: int, seeker_id: int) -> None:
    """One account per role. Argon2 is slow on purpose, so each password is hashed once per test run and
    the accounts are inserted directly (``create_user`` itself is tested below)."""
    for username, role, links in [
        ("konselor1", "counsellor", {"region_code": "32"}),
        ("pemberi1", "employer", {"employer_id": employer_id}),
        ("analis1", "analyst", {}),
        ("admin1", "admin", {}),
        ("pencari1", "seeker", {"seeker_id": seeker_id}),
    ]:
        if username not in _HASHES:
            _HASHES[username] = hash_password(PASSWORDS[username])
        session.add(UserAccount(username=username, password_hash=_HASHES[username], role=role, **links))
    session.flush()


@pytest.fixture
def sample(engine: Engine) -> Sample:
    return seed_sample(engine, users=False)


# ------------------------------------------------------------------------------------------- counts


def test_counts_on_an_empty_database_are_zero(engine: Engine) -> None:
    with transaction(engine) as session:
        assert queries.counts(session) == queries.Counts(0, 0, 0, 0, 0)
        assert queries.counts_by_province(session) == []
        assert queries.counts_by_major_group(session) == []


def test_counts_overall_by_province_and_by_major_group(engine: Engine, sample: Sample) -> None:
    with transaction(engine) as session:
        totals = queries.counts(session)
        rows = queries.counts_by_province(session)
        groups = queries.counts_by_major_group(session)
    assert totals == queries.Counts(
        seekers_active=3, vacancies_open=4, openings=10, programmes=2, employers=3
    )
    # regencies roll up into their province; records without a region make the last row
    assert [
        (r.province_code, r.province_name, r.seekers_active, r.vacancies_open, r.openings, r.programmes)
        for r in rows
    ] == [
        ("31", "Daerah Khusus Ibukota Jakarta", 1, 1, 2, 0),
        ("32", "Jawa Barat", 1, 1, 3, 1),
        ("35", "Jawa Timur", 1, 1, 4, 0),
        (None, None, 0, 1, 1, 1),
    ]
    # a seeker's group: first preferred occupation, else the first work-history entry with an occupation
    assert [(r.major_group, r.title_id, r.seekers_active, r.vacancies_open, r.openings) for r in groups] == [
        ("2", "Profesional", 1, 1, 2),
        ("5", "Tenaga Usaha Jasa dan Tenaga Penjualan", 0, 1, 4),
        ("7", "Pekerja Pengolahan, Kerajinan, dan YBDI", 1, 1, 3),
        (None, None, 1, 1, 1),
    ]
    assert groups[0].title_en == "Professionals"


# ---------------------------------------------------------------------------------------- vacancies


def test_vacancies_newest_first_paginated_and_filtered(engine: Engine, sample: Sample) -> None:
    with transaction(engine) as session:
        first = queries.list_vacancies(session, per_page=2)
        second = queries.list_vacancies(session, per_page=2, page=2)
    assert (first.total, first.pages) == (4, 2)
    assert [v.title for v in first.items] == ["Programmer Python", "Tukang Las SMAW"]
    # Vacancies without a posting date come after the dated ones.
    assert [v.title for v in second.items] == ["Pramuniaga Toko", "Staf Gudang 100% siap kerja"]
    welder = first.items[1]
    assert (welder.employer_name, welder.region_name, welder.province_name) == (
        "PT Baja Prima",
        "Kabupaten Bekasi",
        "Jawa Barat",
    )
    assert welder.occupation_title == "Pekerja Pengelasan"

    with transaction(engine) as session:

        def titles(**filters: object) -> list[str]:
            return [v.title for v in queries.list_vacancies(session, **filters).items]  # type: ignore[arg-type]

        assert titles(region="32") == ["Tukang Las SMAW"]
        assert titles(region="3578") == ["Pramuniaga Toko"]
        assert titles(major_group="2") == ["Programmer Python"]
        assert titles(q="las") == ["Tukang Las SMAW"]
        assert titles(q="PYTHON") == ["Programmer Python"]
        # % and _ are matched literally, not as wildcards.
        assert titles(q="100%") == ["Staf Gudang 100% siap kerja"]
        assert titles(q="%") == ["Staf Gudang 100% siap kerja"]
        assert titles(status=None, major_group="7") == ["Tukang Las SMAW", "Welder Senior"]
        assert titles(status="closed") == ["Welder Senior"]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"page": 0}, "parameter 'page' must be ≥ 1"),
        ({"per_page": 101}, "parameter 'per_page' must be between 1 and 100"),
        ({"region": "3a"}, "parameter 'region' must be a 2-digit province or 4-digit regency code"),
        ({"major_group": "72"}, "parameter 'major_group' must be one ISCO-08 digit"),
    ],
)
def test_vacancy_filters_reject_bad_values(filters: dict[str, object], message: str) -> None:
    # the values are checked before any SQL is sent, so a database without tables will do
    with Session(make_engine("sqlite://")) as session, pytest.raises(queries.QueryError, match=message):
        queries.list_vacancies(session, **filters)  # type: ignore[arg-type]


def test_vacancy_detail_has_skills_and_education(engine: Engine, sample: Sample) -> None:
    with transaction(engine) as session:
        detail = queries.get_vacancy(session, sample.vacancy_ids["welder"])
        missing = queries.get_vacancy(session, 999_999)
    assert missing is None
    assert detail is not None
    assert detail.title == "Tukang Las SMAW"
    assert detail.min_education_label == "Sekolah Menengah Kejuruan (SMK)"
    assert detail.skills == [queries.VacancySkillItem("test:welding", "pengelasan", "essential")]
    assert (detail.pay_min, detail.pay_max, detail.pay_period) == (5_000_000, 6_000_000, "month")


# ------------------------------------------------------------------------------- programmes, seekers


def test_programme_seeker_region_and_occupation_lists(engine: Engine, sample: Sample) -> None:
    with transaction(engine) as session:
        page = queries.list_programmes(session)
        in_west_java = queries.list_programmes(session, region="32")
        online = queries.list_programmes(session, modality="online")
    assert [p.title for p in page.items] == ["Dasar Pemrograman Python", "Pengelasan SMAW Dasar"]
    assert [(p.provider_name, p.provider_kind, p.region_name) for p in in_west_java.items] == [
        ("BLK Bandung", "BLK", "Kota Bandung")
    ]
    assert [p.title for p in online.items] == ["Dasar Pemrograman Python"]

    # seekers: profile fields only, never a name or other identifier
    with transaction(engine) as session:
        page = queries.list_seekers(session)
        everyone = queries.list_seekers(session, active=None)
        bandung = queries.list_seekers(session, region="3273", active=None)
    assert page.total == 3
    assert [(s.region_name, s.education_level, s.skills_count, s.is_active) for s in page.items] == [
        ("Kota Bandung", "SMK", 2, True),
        ("Kota Administrasi Jakarta Selatan", "S1", 1, True),
        ("Kota Surabaya", "SMA", 0, True),
    ]
    assert everyone.total == 4
    assert [s.id for s in bandung.items] == [sample.seeker_ids[0], sample.seeker_ids[3]]
    assert set(queries.SeekerSummary.__dataclass_fields__) == {
        "id",
        "region_code",
        "region_name",
        "education_level",
        "education_label",
        "skills_count",
        "is_active",
        "registered_on",
        # work preferences the score reads: not identifying, no name, NIK or contact among the fields
        "willing_to_relocate",
        "accepts_remote",
        "preferred_employment_type",
        "preferred_working_time",
    }

    with transaction(engine) as session:
        provinces = queries.list_regions(session, level="province")
        west_java = queries.list_regions(session, province="32")
        by_code = queries.search_occupations(session, "72")
        by_title = queries.search_occupations(session, "pengelasan")
        by_english = queries.search_occupations(session, "software")
    assert len(provinces) == 38  # the packaged Kemendagri 2025 list
    assert ("32", "Jawa Barat") in [(r.code, r.name) for r in provinces]
    assert [r.code for r in provinces] == sorted(r.code for r in provinces)
    assert {"3216", "3273"} <= {r.code for r in west_java}
    assert "7212" in [o.code for o in by_code]
    assert all(o.code.startswith("72") for o in by_code)
    assert "7212" in [o.code for o in by_title]
    assert "2512" in [o.code for o in by_english]
    with pytest.raises(queries.QueryError, match="parameter 'level'"):
        queries.list_regions(session, level="village")


# ------------------------------------------------------------------------------------------ accounts


def test_password_hash_round_trip() -> None:
    hashed = hash_password("correct horse")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse")
    assert not verify_password(hashed, "wrong horse")
    assert not verify_password("not-a-hash", "correct horse")


def test_create_user_validates_each_field(engine: Engine) -> None:
    with transaction(engine) as session:
        create_user(session, "konselor", "panjang-sekali", "counsellor")
        with pytest.raises(AccountError, match="field 'role' must be one of"):
            create_user(session, "x-user", "panjang-sekali", "superuser")
        with pytest.raises(AccountError, match="field 'password' must be at least 8"):
            create_user(session, "y-user", "pendek", "analyst")
        with pytest.raises(AccountError, match="field 'username' is already taken"):
            create_user(session, "KONSELOR", "panjang-sekali", "analyst")
        with pytest.raises(AccountError, match="field 'username' must be"):
            create_user(session, "a b", "panjang-sekali", "analyst")
        with pytest.raises(AccountError, match="field 'seeker_id' is required"):
            create_user(session, "pencari", "panjang-sekali", "seeker")
        with pytest.raises(AccountError, match="field 'employer_id' is required"):
            create_user(session, "pemberi", "panjang-sekali", "employer")
        assert session.scalar(select(UserAccount.username)) == "konselor"


def test_authenticate(sqlite_url: str) -> None:
    """Argon2 is slow by design: the log-in logic is checked once, on SQLite (the look-up is plain SQL)."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    with transaction(engine) as session:
        create_user(session, "analis", "kata-sandi-analis", "analyst")
    with transaction(engine) as session:
        user = authenticate(session, "Analis", "kata-sandi-analis")
        assert user is not None and user.username == "analis"
        assert authenticate(session, "analis", "salah-sandi") is None
        assert authenticate(session, "tidak-ada", "kata-sandi-analis") is None
        user.is_active = False
        session.flush()
        assert authenticate(session, "analis", "kata-sandi-analis") is None


def test_authenticate_upgrades_an_outdated_hash(sqlite_url: str) -> None:
    from argon2 import PasswordHasher

    engine = make_engine(sqlite_url)
    upgrade(engine)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("kata-sandi-lama")
    with transaction(engine) as session:
        session.add(UserAccount(username="lama", password_hash=weak, role="analyst"))
    with transaction(engine) as session:
        assert authenticate(session, "lama", "kata-sandi-lama") is not None
    with transaction(engine) as session:
        upgraded = session.scalar(select(UserAccount.password_hash).where(UserAccount.username == "lama"))
    assert upgraded != weak
    assert verify_password(upgraded or "", "kata-sandi-lama")


# ------------------------------------------------------------------------- helpers for the web tests

_TEMPLATE: tuple[Path, Sample] | None = None


def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> tuple[Engine, Sample]:
    """A migrated SQLite database holding the full sample (with users), in ``tmp_path``.

    The schema migration and seeding run once per test session into a template file that each test copies,
    so the tests of HTTP behaviour that do not depend on the backend stay fast.
    """
    global _TEMPLATE
    if _TEMPLATE is None:
        template = tmp_path_factory.mktemp("web-template") / "sample.db"
        engine = make_engine(f"sqlite:///{template}")
        upgrade(engine)
        sample = seed_sample(engine)
        engine.dispose()  # the last connection closing checkpoints the WAL into the file
        _TEMPLATE = (template, sample)
    template, sample = _TEMPLATE
    target = tmp_path / "sample.db"
    shutil.copyfile(template, target)
    return make_engine(f"sqlite:///{target}"), sample


def make_client(engine: Engine) -> TestClient:
    """A test client of the whole application on ``engine`` with a fixed test secret."""
    settings = Settings(secret_key=TEST_SECRET, database_url="sqlite://")
    return TestClient(create_app(settings, engine))


def form_csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def log_in_page(client: TestClient, username: str, *, next_path: str = "/") -> Response:
    """Log in through the HTML form exactly as a browser does (GET the form, POST it with its token)."""
    token = form_csrf_token(client.get("/masuk").text)
    return client.post(
        "/masuk",
        data={"username": username, "password": PASSWORDS[username], "csrf_token": token, "next": next_path},
        follow_redirects=False,
    )
