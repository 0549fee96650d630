"""The seeded demo-data generator, its loader and the ``pasarkerja demo`` command."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from pasarkerja.ingest.demo import tables
from pasarkerja.ingest.demo.generator import (
    PERIOD_START,
    REFERENCE_DATE,
    DemoDataError,
    DemoProgramme,
    DemoSeeker,
    DemoVacancy,
    DemoVocabulary,
    default_employer_count,
    default_vocabulary,
    generate_apprenticeships,
    generate_employers,
    generate_training,
    iter_seekers,
    iter_vacancies,
    parse_mix,
    seeker_arrays,
    synthetic_nik,
    vacancy_arrays,
)
from pasarkerja.ingest.demo.load import DEMO_PASSWORD, DEMO_USERS, DemoLoadError, load_demo
from pasarkerja.store.accounts import authenticate
from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.db import make_engine, transaction
from pasarkerja.store.models import (
    EMPLOYMENT_TYPES,
    MODALITIES,
    PROVIDER_KINDS,
    WORKING_TIMES,
    Employer,
    MatchResult,
    Seeker,
    SeekerPersonal,
    UserAccount,
)
from pasarkerja.store.personal import Viewer, read_personal
from pasarkerja.store.reference import load_reference
from pasarkerja.taxonomy import education_levels, industry_sections, isco_groups, minimum_wage, regions
from pasarkerja.taxonomy.records import SkillRecord
from pasarkerja.taxonomy.regions import region_of_nik
from pasarkerja.taxonomy.vocab import skill_catalogue

SEEKERS = 5000
VACANCIES = 1500
JAWA = {"31", "32", "33", "34", "35", "36"}


def _seekers(n: int, seed: int = 42, **kwargs: object) -> list[DemoSeeker]:
    return [s for chunk in iter_seekers(n, seed, **kwargs) for s in chunk]  # type: ignore[arg-type]


def _vacancies(m: int, seed: int = 42, **kwargs: object) -> list[DemoVacancy]:
    return [v for chunk in iter_vacancies(m, seed, **kwargs) for v in chunk]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def seekers() -> list[DemoSeeker]:
    return _seekers(SEEKERS)


@pytest.fixture(scope="module")
def vacancies() -> list[DemoVacancy]:
    return _vacancies(VACANCIES)


@pytest.fixture(scope="module")
def training() -> list[DemoProgramme]:
    return generate_training(200)[1]


# ---------------------------------------------------------------------------------------- determinism


def test_same_seed_same_output_whatever_the_chunk_size() -> None:
    first = _seekers(700, seed=7, chunk_size=100)
    assert first == _seekers(700, seed=7, chunk_size=5000)
    assert [len(chunk) for chunk in iter_seekers(700, 7, chunk_size=300)] == [300, 300, 100]
    assert _vacancies(300, seed=7) == _vacancies(300, seed=7, chunk_size=64)
    assert generate_training(50, 7) == generate_training(50, 7)
    assert generate_employers(40, 7) == generate_employers(40, 7)


def test_other_seed_other_output() -> None:
    assert [s.skill_ids for s in _seekers(50, seed=1)] != [s.skill_ids for s in _seekers(50, seed=2)]
    assert [v.title for v in _vacancies(50, seed=1)] != [v.title for v in _vacancies(50, seed=2)]


def test_a_smaller_run_is_a_prefix_of_a_larger_one() -> None:
    # What makes loading 300 and then 5,000 seekers only add rows.
    assert _seekers(150) == _seekers(4500)[:150]
    assert _vacancies(80) == _vacancies(600, employers=generate_employers(default_employer_count(80)))[:80]


def test_sizes() -> None:
    assert len(_seekers(0)) == 0
    assert len(_seekers(4097)) == 4097  # one row past a generation block
    assert len(_vacancies(33)) == 33
    assert len(seeker_arrays(4097)) == 4097
    assert len(vacancy_arrays(33)) == 33
    providers, programmes = generate_training(200)
    assert len(programmes) == 200 and len(providers) >= 12
    assert len(generate_apprenticeships(17, employers=generate_employers(10))) == 17
    with pytest.raises(ValueError, match="must be >= 0"):
        _seekers(-1)


def test_column_arrays_hold_the_same_rows_as_the_records() -> None:
    records = _seekers(300)
    arrays = seeker_arrays(300)
    assert [arrays.occupation_codes[i] for i in arrays.occupation] == [s.occupation_code for s in records]
    assert [arrays.region_codes[i] for i in arrays.region] == [s.region_code for s in records]
    assert [arrays.education_codes[i] for i in arrays.education] == [s.education_level for s in records]
    assert arrays.expected_pay.tolist() == [s.expected_pay for s in records]
    assert arrays.accepts_remote.tolist() == [s.accepts_remote for s in records]
    assert [arrays.working_times[i] if i >= 0 else None for i in arrays.working_time] == [
        s.preferred_working_time for s in records
    ]
    for i, seeker in enumerate(records):
        row = arrays.skill_indices[arrays.skill_indptr[i] : arrays.skill_indptr[i + 1]]
        assert tuple(arrays.skill_ids[j] for j in row) == seeker.skill_ids

    ads = _vacancies(120)
    columns = vacancy_arrays(120)
    assert columns.pay_min.tolist() == [v.pay_min or 0 for v in ads]
    assert columns.is_open.tolist() == [v.status == "open" for v in ads]
    for i, vacancy in enumerate(ads):
        start, stop = columns.skill_indptr[i], columns.skill_indptr[i + 1]
        pairs = zip(columns.skill_indices[start:stop], columns.skill_essential[start:stop], strict=True)
        assert (
            tuple((columns.skill_ids[j], "essential" if e else "optional") for j, e in pairs)
            == vacancy.skills
        )


# ---------------------------------------------------------------------------------------- seekers


def test_seekers_follow_the_population_and_valid_codes(seekers: list[DemoSeeker]) -> None:
    all_regions = regions()
    jawa = sum(s.region_code[:2] in JAWA for s in seekers) / len(seekers)
    assert 0.50 <= jawa <= 0.65
    assert all(all_regions[s.region_code].level == "regency" for s in seekers)
    assert all(all_regions[code].level == "regency" for s in seekers for code in s.preferred_regions)
    assert all(s.preferred_regions[0] == s.region_code for s in seekers)
    # Every province appears in a sample of 5,000 (the smallest, Kalimantan Utara, holds ~0.25%).
    assert len({s.region_code[:2] for s in seekers}) == 38

    levels = education_levels()
    assert all(s.education_level in levels for s in seekers)
    education = Counter(s.education_level for s in seekers)
    upper_secondary = (education["SMA"] + education["SMK"]) / len(seekers)
    assert 0.40 <= upper_secondary <= 0.65
    assert 0.08 <= education["S1"] / len(seekers) <= 0.30
    assert 0.10 <= (education["SD"] + education["SMP"]) / len(seekers) <= 0.30

    units = {c for c, g in isco_groups().items() if g.level == 4}
    assert all(code in units for s in seekers for code in s.preferred_occupations)
    assert all(w.occupation_code in units for s in seekers for w in s.work_history)
    top = [code for code, _ in Counter(s.occupation_code for s in seekers).most_common(5)]
    assert "5223" in top and "4110" in top


def test_seeker_pay_dates_and_consents(seekers: list[DemoSeeker]) -> None:
    assert all(s.expected_pay > 0 and s.expected_pay % 100_000 == 0 for s in seekers)
    # Expected pay sits around the provincial minimum wage: the median ratio is between 0.9 and 1.6.
    ratios = sorted(s.expected_pay / (minimum_wage(s.region_code[:2], 2025) or 1) for s in seekers)
    assert 0.9 <= ratios[len(ratios) // 2] <= 1.6
    assert all(PERIOD_START <= s.registered_on <= REFERENCE_DATE for s in seekers)
    for s in seekers:
        born, registered = s.personal.birth_date, s.registered_on
        age = registered.year - born.year - ((registered.month, registered.day) < (born.month, born.day))
        assert 18 <= age <= 58
    assert all(s.preferred_employment_type in EMPLOYMENT_TYPES for s in seekers)
    assert all(s.consents[0] == ("registration", True) and len(s.consents) == 4 for s in seekers)
    fresh = sum(not s.work_history for s in seekers) / len(seekers)
    assert 0.25 <= fresh <= 0.45
    assert all(s.experience_years == round(sum(w.years for w in s.work_history), 1) for s in seekers[:500])
    assert 0.2 <= sum(s.willing_to_relocate for s in seekers) / len(seekers) <= 0.4


def test_seeker_remote_and_working_time_preferences(seekers: list[DemoSeeker]) -> None:
    n = len(seekers)
    # Few accept remote work, mostly professionals, technicians and clerks (where remote ads exist).
    assert 0.04 <= sum(s.accepts_remote for s in seekers) / n <= 0.12
    office = [s for s in seekers if s.occupation_code[0] in "234"]
    others = [s for s in seekers if s.occupation_code[0] not in "234"]
    assert len(office) > 500 and len(others) > 500
    office_rate = sum(s.accepts_remote for s in office) / len(office)
    assert office_rate > 3 * sum(s.accepts_remote for s in others) / len(others)
    # Most state no working time; those who do use the database's vocabulary, shift work more often in the
    # occupations that run in shifts than in the others.
    times = Counter(s.preferred_working_time for s in seekers)
    assert set(times) == {None, *WORKING_TIMES}
    assert 0.75 <= times[None] / n <= 0.85

    def shift_share(group: list[DemoSeeker]) -> float:
        stated = [s.preferred_working_time for s in group if s.preferred_working_time is not None]
        return stated.count("shift") / len(stated)

    shift_trades = [s for s in seekers if s.occupation_code[0] in "589"]
    assert shift_share(shift_trades) > 2 * shift_share(office)


def test_seeker_skills_come_from_the_catalogue_and_fit_the_occupation(seekers: list[DemoSeeker]) -> None:
    catalogue = {s.id: s for s in skill_catalogue()}
    assert all(skill in catalogue for s in seekers for skill in s.skill_ids)
    assert all(len(set(s.skill_ids)) == len(s.skill_ids) for s in seekers)
    # Seekers of an occupation the catalogue links skills to hold at least one of those skills.
    linked = {code for skill in catalogue.values() for code in skill.isco_codes}
    relevant = [s for s in seekers if s.occupation_code in linked]
    assert len(relevant) > 1000
    fitting = sum(any(s.occupation_code in catalogue[k].isco_codes for k in s.skill_ids) for s in relevant)
    assert fitting == len(relevant)


def test_synthetic_nik_layout() -> None:
    assert synthetic_nik("3273", 5, dt.date(1999, 3, 7), True, 12) == "3273054703990012"
    assert synthetic_nik("1171", 12, dt.date(2001, 11, 30), False, 9999) == "1171123011019999"
    with pytest.raises(ValueError, match="regency code"):
        synthetic_nik("32", 1, dt.date(2000, 1, 1), False, 1)


def test_personal_data_is_structurally_valid_and_synthetic(seekers: list[DemoSeeker]) -> None:
    niks = [s.personal.nik for s in seekers]
    assert len(set(niks)) == len(niks)
    for s in seekers:
        nik, born = s.personal.nik, s.personal.birth_date
        assert re.fullmatch(r"\d{16}", nik)
        assert nik[:4] == s.region_code
        region = region_of_nik(nik)
        assert region is not None and region.code == s.region_code
        day = int(nik[6:8])
        assert day - (40 if s.sex == "F" else 0) == born.day
        assert nik[8:12] == f"{born.month:02d}{born.year % 100:02d}"
        assert s.personal.sex == s.sex and born.year == s.birth_year
        assert re.fullmatch(r"08\d{9,11}", s.personal.phone)
        assert s.personal.email is None or s.personal.email.endswith("@pasarkerja.example")
        assert s.personal.name and s.personal.address.startswith("Jl. ")
    assert repr(seekers[0].personal) == "DemoPersonal(***)"
    assert seekers[0].personal.nik not in repr(seekers[0])
    shares = Counter(s.sex for s in seekers)
    assert 0.35 <= shares["F"] / len(seekers) <= 0.6


def test_cross_cutting_skills_are_common_and_occupation_skills_are_drawn() -> None:
    # A small vocabulary with a hand-made skill list makes the skew exact to check: three prevalent
    # cross-cutting skills, a long tail of 30 other work attitudes, and two occupation skills.
    real = default_vocabulary()
    tail = tuple(
        SkillRecord(f"sk.t-sikap-{n:02d}", f"Attitude {n}", "transversal", group_id="transversal")
        for n in range(30)
    )
    skills = (
        SkillRecord("sk.komunikasi", "Communication", "transversal", group_id="transversal"),
        SkillRecord("sk.kerja-sama-tim", "Teamwork", "transversal", group_id="transversal"),
        SkillRecord("sk.sim-c", "Motorcycle licence", "licence-certificate", group_id="lisensi-sertifikat",
                    isco_codes=("8321", "9621")),
        SkillRecord("sk.t-las-smaw", "SMAW welding", "skill", group_id="manufaktur", isco_codes=("7212",)),
        SkillRecord("sk.t-kasir", "Cashiering", "skill", group_id="ritel-penjualan",
                    isco_codes=("5230", "5223")),
        *tail,
    )  # fmt: skip
    vocabulary = DemoVocabulary(
        regions=real.regions,
        occupations=real.occupations,
        education=real.education,
        industry_sections=real.industry_sections,
        minimum_wages=real.minimum_wages,
        skills=skills,
    )
    people = _seekers(3000, vocabulary=vocabulary)
    counts = Counter(skill for s in people for skill in s.skill_ids)
    assert counts.most_common(1)[0][0] == "sk.komunikasi"
    assert counts["sk.komunikasi"] / len(people) >= 0.3
    assert max(counts[s.id] for s in tail) / len(people) < 0.05
    assert all("sk.t-las-smaw" in s.skill_ids for s in people if s.occupation_code == "7212")
    assert all("sk.t-kasir" in s.skill_ids for s in people if s.occupation_code in ("5223", "5230"))


def test_prevalent_skills_exist_and_lead_the_real_catalogue(seekers: list[DemoSeeker]) -> None:
    catalogue = {s.id for s in skill_catalogue()}
    assert sorted(set(tables.PREVALENT_SKILLS) - catalogue) == []
    counts = Counter(skill for s in seekers for skill in s.skill_ids)
    top = [skill for skill, _ in counts.most_common(3)]
    assert set(top) <= set(tables.PREVALENT_SKILLS)
    assert 0.1 <= counts["sk.ms-office"] / len(seekers) <= 0.5


def test_tables_that_do_not_fit_the_taxonomy_fail_clearly() -> None:
    real = default_vocabulary()
    extra = dict(real.regions)
    extra["99"] = type(real.regions["32"])(
        code="99", level="province", name="Provinsi Uji", province_code="99"
    )
    broken = DemoVocabulary(
        regions=extra,
        occupations=real.occupations,
        education=real.education,
        industry_sections=real.industry_sections,
        minimum_wages={**real.minimum_wages, "99": 3_000_000},
        skills=real.skills,
    )
    with pytest.raises(DemoDataError, match=r"provinces \['99'\] have no population weight"):
        _seekers(1, vocabulary=broken)
    with pytest.raises(DemoDataError, match="'SMA45' is not CODE:weight"):
        parse_mix("SMA45 SMK:10", what="test")


# ---------------------------------------------------------------------------------------- vacancies


def test_vacancies_pay_dates_and_codes(vacancies: list[DemoVacancy]) -> None:
    employers = {e.external_id: e for e in generate_employers(default_employer_count(VACANCIES))}
    catalogue = {s.id for s in skill_catalogue()}
    units = {c for c, g in isco_groups().items() if g.level == 4}
    levels = education_levels()
    assert all(v.employer_external_id in employers for v in vacancies)
    assert all(v.occupation_code in units and v.min_education in levels for v in vacancies)
    assert all(regions()[v.region_code].level == "regency" for v in vacancies)
    assert all(skill in catalogue for v in vacancies for skill, _ in v.skills)
    assert all(requirement in ("essential", "optional") for v in vacancies for _, requirement in v.skills)
    stated = [v for v in vacancies if v.pay_min is not None]
    assert 0.6 <= len(stated) / len(vacancies) <= 0.85
    assert all(v.pay_period == "month" for v in vacancies)
    assert all(v.pay_max is not None and 0 < v.pay_min <= v.pay_max for v in stated)  # type: ignore[operator]
    below = sum(v.pay_min < (minimum_wage(v.region_code[:2], 2025) or 0) for v in stated)  # type: ignore[operator]
    assert 0.05 <= below / len(stated) <= 0.2
    assert all(
        PERIOD_START <= v.posted_date <= REFERENCE_DATE <= v.closing_date
        for v in vacancies
        if v.status == "open"
    )
    assert all(v.posted_date < v.closing_date for v in vacancies)
    status = Counter(v.status for v in vacancies)
    assert set(status) == {"open", "filled", "closed"} and status["open"] > status["closed"]
    assert all(1 <= v.openings <= 20 for v in vacancies)
    assert 0.5 <= sum(v.openings == 1 for v in vacancies) / len(vacancies) <= 0.8
    assert all(v.employment_type in EMPLOYMENT_TYPES for v in vacancies)
    top = [code for code, _ in Counter(v.occupation_code for v in vacancies).most_common(3)]
    assert "5223" in top
    assert "membuka lowongan" in vacancies[0].description and vacancies[0].title in vacancies[0].description


def test_employers_and_apprenticeships() -> None:
    employers = generate_employers(300)
    sections = industry_sections()
    assert all(e.kbli_section in sections for e in employers)
    assert Counter(e.kbli_section for e in employers).most_common(1)[0][0] in ("C", "G")
    assert all(regions()[e.region_code].level == "regency" for e in employers)
    offers = generate_apprenticeships(100, employers=employers)
    hosts = {e.external_id for e in employers}
    assert all(a.employer_external_id in hosts and a.seats >= 1 and a.months in (3, 6, 12) for a in offers)
    assert all(a.occupation_code[0] in "2345678" and a.stipend_rp > 0 for a in offers)
    assert all(a.title.startswith("Magang ") for a in offers)


def test_training_programmes(training: list[DemoProgramme]) -> None:
    providers, _ = generate_training(200)
    by_id = {p.external_id: p for p in providers}
    catalogue = {s.id for s in skill_catalogue()}
    titles = {t.title for t in tables.PROGRAMME_TEMPLATES}
    assert {p.kind for p in providers} == set(PROVIDER_KINDS)
    assert all(c.title in titles for c in training) and len({c.title for c in training}) >= 30
    assert all(c.modality in MODALITIES and c.hours_jp > 0 and c.capacity > 0 for c in training)
    assert all(skill in catalogue for c in training for skill in c.skill_ids)
    for course in training:
        provider = by_id[course.provider_external_id]
        assert course.region_code == provider.region_code
        if provider.kind == "BLK":
            assert course.cost_rp == 0 and course.modality == "on-site"
        else:
            assert course.cost_rp > 0
        assert list(course.start_dates) == sorted(course.start_dates)
        assert dt.date(2026, 1, 1) <= course.start_dates[0] <= dt.date(2027, 12, 31)
    welding = [c for c in training if c.title == "Pengelasan SMAW 3G" and c.skill_ids]
    assert welding and all(
        c.certification == "BNSP — Skema Juru Las SMAW 3G" for c in welding if c.cost_rp == 0
    )


# ---------------------------------------------------------------------------------------- loading


def test_load_demo_is_idempotent_grows_and_creates_working_accounts(engine: Engine) -> None:
    load_reference(engine)
    cipher = PersonalDataCipher(b"test-secret-for-the-demo-loader-0123")
    small = load_demo(engine, cipher=cipher, seekers=120, vacancies=100, programmes=20)
    assert small["seekers"] == 120 and small["seeker_personal"] == 120
    first = load_demo(engine, cipher=cipher, seekers=300, vacancies=100, programmes=20)
    second = load_demo(engine, cipher=cipher, seekers=300, vacancies=100, programmes=20)
    assert first == second
    assert first["seekers"] == 300 and first["seeker_personal"] == 300
    assert first["vacancies"] == 100 and first["employers"] == default_employer_count(100) == 20
    assert first["programmes"] == 20 and first["apprenticeships"] == 10 and first["users"] == len(DEMO_USERS)
    assert first["vacancy_skills"] == sum(len(v.skills) for v in _vacancies(100))
    assert first["seeker_skills"] == sum(len(s.skill_ids) for s in _seekers(300))

    generated = _seekers(1)[0]
    with transaction(engine) as session:
        for username, role in DEMO_USERS:
            user = authenticate(session, username, DEMO_PASSWORD)
            assert user is not None and user.role == role
        assert authenticate(session, "konselor", "not-the-password") is None
        employer_user = session.scalar(select(UserAccount).where(UserAccount.username == "pemberi-kerja"))
        assert employer_user is not None and employer_user.employer_id is not None
        assert session.get(Employer, employer_user.employer_id).source == "demo"  # type: ignore[union-attr]
        seeker_user = session.scalar(select(UserAccount).where(UserAccount.username == "pencari-kerja"))
        assert seeker_user is not None and seeker_user.seeker_id is not None
        linked = session.get(Seeker, seeker_user.seeker_id)
        assert linked is not None and linked.source == "demo" and linked.is_active

        seeker = session.scalar(select(Seeker).where(Seeker.external_id == generated.external_id))
        assert seeker is not None and seeker.region_code == generated.region_code
        assert sorted(s.skill_id for s in seeker.skills) == sorted(generated.skill_ids)
        personal = read_personal(session, seeker.id, Viewer(user_id=None, role="counsellor"), cipher)
        assert personal.name == generated.personal.name and personal.nik == generated.personal.nik
        row = session.get(SeekerPersonal, seeker.id)
        assert row is not None and row.nik_hash == cipher.nik_hash(generated.personal.nik)
        assert row.sex == generated.sex and row.birth_year == generated.birth_year
        assert generated.personal.nik.encode() not in (row.nik_encrypted or b"")
        assert session.scalar(select(func.count()).select_from(Seeker).where(Seeker.source == "demo")) == 300
        stored = {
            external_id: (accepts_remote, working_time)
            for external_id, accepts_remote, working_time in session.execute(
                select(Seeker.external_id, Seeker.accepts_remote, Seeker.preferred_working_time).where(
                    Seeker.source == "demo"
                )
            )
        }
        assert stored == {s.external_id: (s.accepts_remote, s.preferred_working_time) for s in _seekers(300)}


def test_load_demo_needs_the_reference_data(engine: Engine) -> None:
    with pytest.raises(DemoLoadError, match="reference tables are empty"):
        load_demo(engine, cipher=PersonalDataCipher(b"0123456789abcdef0123"), seekers=5, vacancies=5)


def test_demo_command_loads_matches_and_prints_the_login(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pasarkerja.cli import app

    monkeypatch.chdir(tmp_path)  # the batch writes .pasarkerja/demo-recommendations.parquet here
    monkeypatch.setenv("PASARKERJA_SECRET_KEY", "a-test-secret-for-the-demo-command")
    args = ["demo", "--seekers", "60", "--vacancies", "30", "--programmes", "10", "--database", sqlite_url]
    result = CliRunner().invoke(app, [*args, "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "Open http://127.0.0.1:8000 — demo login: konselor / demo12345" in result.output
    assert "seekers 60" in result.output and "vacancies 30" in result.output
    # The matching batch ran: every active seeker has ranked open vacancies stored in the database.
    assert "match run 1 saved" in result.output
    assert (tmp_path / ".pasarkerja" / "demo-recommendations.parquet").is_file()
    db = make_engine(sqlite_url)
    with Session(db) as session:
        active = session.scalar(select(func.count()).select_from(Seeker).where(Seeker.is_active.is_(True)))
        ranked = session.scalar(select(func.count(func.distinct(MatchResult.seeker_id))))
        assert active and ranked == active
    db.dispose()
    # Personal data never reaches the terminal.
    for person in _seekers(60):
        assert person.personal.nik not in result.output and person.personal.phone not in result.output
    again = CliRunner().invoke(app, [*args, "--no-serve", "--no-match", "--port", "8123"])
    assert again.exit_code == 0 and "Open http://127.0.0.1:8123" in again.output
    assert "seekers 60" in again.output
