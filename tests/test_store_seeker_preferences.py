"""Seekers' remote-work and working-time preferences in the database: migration 0003 (up and down, on
SQLite and PostgreSQL, existing rows and their children kept), and what the store hands to the engine —
the score moves by exactly the amounts docs/MATCHING.md gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from conftest import _drop_schema, _postgres_schema_engine, postgres_unavailable
from pasarkerja.match import MatchSettings, SkillRelatedness, VacancyProfile, score_pair
from pasarkerja.store.db import alembic_config, current_revision, make_engine, transaction, upgrade
from pasarkerja.store.matching import MatchService, load_seeker, load_vacancy, working_time_kind
from pasarkerja.store.models import WORKING_TIMES, Seeker, SeekerSkill, Skill, Vacancy, VacancySkill
from test_import_support import seed_reference

# ------------------------------------------------------------------------------------------ migration


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def bare_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database with no schema at all (the test migrates it step by step)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'steps.db'}")
        yield engine
        engine.dispose()
        return
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    engine, schema = _postgres_schema_engine()
    try:
        yield engine
    finally:
        engine.dispose()
        _drop_schema(schema)


def _seeker_columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("seeker")}


def test_migration_0003_adds_the_columns_with_defaults_and_goes_back(bare_engine: Engine) -> None:
    engine = bare_engine
    upgrade(engine, "0002")
    assert current_revision(engine) == "0002"
    assert {"accepts_remote", "preferred_working_time"}.isdisjoint(_seeker_columns(engine))
    # A seeker registered before the migration, with rows that hang off it (ON DELETE CASCADE children).
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO region (code, level, name, province_code) VALUES ('32', 'province', 'Jawa Barat', '32')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO seeker (id, source, willing_to_relocate, is_active, created_at, updated_at)"
                " VALUES (7, 'old', :yes, :yes, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"yes": True},
        )
        connection.execute(
            text("INSERT INTO seeker_preferred_region (seeker_id, region_code) VALUES (7, '32')")
        )
        connection.execute(
            text(
                "INSERT INTO consent (seeker_id, purpose, granted, recorded_at) VALUES (7, 'matching', :yes, CURRENT_TIMESTAMP)"
            ),
            {"yes": True},
        )

    upgrade(engine)
    assert current_revision(engine) == "0003"
    assert {"accepts_remote", "preferred_working_time"} <= _seeker_columns(engine)
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT accepts_remote, preferred_working_time, willing_to_relocate FROM seeker WHERE id = 7"
            )
        ).one()
        assert (bool(row[0]), row[1], bool(row[2])) == (False, None, True)
        assert connection.execute(text("SELECT count(*) FROM seeker_preferred_region")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM consent")).scalar() == 1
    with transaction(engine) as session:
        seeker = session.get(Seeker, 7)
        assert seeker is not None
        seeker.accepts_remote, seeker.preferred_working_time = True, "shift"
    # The database itself refuses a working time outside the vocabulary.
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE seeker SET preferred_working_time = 'night' WHERE id = 7"))
    with engine.connect() as connection:
        row = connection.execute(text("SELECT accepts_remote, preferred_working_time FROM seeker")).one()
        assert (bool(row[0]), row[1]) == (True, "shift")

    command.downgrade(alembic_config(engine), "0002")
    assert current_revision(engine) == "0002"
    assert {"accepts_remote", "preferred_working_time"}.isdisjoint(_seeker_columns(engine))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT id, source FROM seeker")).all() == [(7, "old")]
        assert connection.execute(text("SELECT count(*) FROM seeker_preferred_region")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM consent")).scalar() == 1
    upgrade(engine)  # and up again: the defaults once more
    with engine.connect() as connection:
        row = connection.execute(text("SELECT accepts_remote, preferred_working_time FROM seeker")).one()
        assert (bool(row[0]), row[1]) == (False, None)


# ------------------------------------------------------------------------------------------ matching

SETTINGS = MatchSettings()
NO_RELATEDNESS = SkillRelatedness()  # exact skills only: the amounts below need no catalogue


def _weight(component: str) -> float:
    """The component's weight, normalised over the seven (docs/MATCHING.md: location 0.15, employment 0.05)."""
    names = ("skills", "occupation", "education", "experience", "location", "pay", "employment")
    weights = {n: getattr(SETTINGS, f"weight_{n}") for n in names}
    return weights[component] / sum(weights.values())


def _add_seeker(engine: Engine, *, accepts_remote: bool = False, working_time: str | None = None) -> int:
    """A welder in Kota Bandung (Jawa Barat) who will not move; everything but the two preferences fixed."""
    with transaction(engine) as session:
        seeker = Seeker(
            education_level="SMK",
            region_code="3273",
            willing_to_relocate=False,
            accepts_remote=accepts_remote,
            preferred_working_time=working_time,
            expected_pay=4_000_000,
            preferred_employment_type="permanent",
        )
        seeker.skills.append(SeekerSkill(skill_id="test-welding"))
        session.add(seeker)
        session.flush()
        return seeker.id


def _add_vacancy(engine: Engine, *, remote: bool, working_time: str | None) -> int:
    """A permanent welder job in Kota Surabaya (Jawa Timur): another province than the seekers'."""
    with transaction(engine) as session:
        vacancy = Vacancy(
            title="Welder",
            occupation_code="7212",
            min_education="SMK",
            region_code="3578",
            remote=remote,
            pay_min=4_500_000,
            pay_max=5_000_000,
            pay_period="month",
            employment_type="permanent",
            working_time=working_time,
            status="open",
        )
        vacancy.skills.append(VacancySkill(skill_id="test-welding", requirement="essential"))
        session.add(vacancy)
        session.flush()
        return vacancy.id


@pytest.fixture
def db(engine: Engine) -> Engine:
    seed_reference(engine)
    with transaction(engine) as session:
        assert session.get(Skill, "test-welding") is not None
    return engine


def test_accepting_remote_work_adds_exactly_the_remote_location_credit(db: Engine) -> None:
    stays = _add_seeker(db)
    remote_ok = _add_seeker(db, accepts_remote=True)
    remote_job = _add_vacancy(db, remote=True, working_time=None)
    on_site_job = _add_vacancy(db, remote=False, working_time=None)
    with transaction(db) as session:
        a, b = load_seeker(session, stays), load_seeker(session, remote_ok)
        remote_vacancy, on_site = load_vacancy(session, remote_job), load_vacancy(session, on_site_job)
    assert a is not None and b is not None and remote_vacancy is not None and on_site is not None
    assert (a.accepts_remote, b.accepts_remote, remote_vacancy.remote) == (False, True, True)
    assert a.preferred_working_times == b.preferred_working_times == ()

    far = score_pair(a, remote_vacancy, SETTINGS, NO_RELATEDNESS)
    remote = score_pair(b, remote_vacancy, SETTINGS, NO_RELATEDNESS)
    location = {r.seeker_id: next(c for c in r.components if c.name == "location") for r in (far, remote)}
    assert (location[a.id].value, location[b.id].value) == (0.0, 0.9)
    # Every component applies (both sides state pay and skills), so the weights are used as they stand:
    # another province without relocation scores 0, a remote job for a seeker who accepts it 0.9.
    assert _weight("location") == pytest.approx(0.15)
    assert remote.score - far.score == pytest.approx(0.15 * 0.9, abs=1e-12)
    assert "bisa kerja jarak jauh" in remote.reason_id and "remote work possible" in remote.reason_en
    assert "jarak jauh" not in far.reason_id
    # An on-site job in another province: accepting remote work changes nothing.
    assert score_pair(b, on_site, SETTINGS, NO_RELATEDNESS).score == pytest.approx(
        score_pair(a, on_site, SETTINGS, NO_RELATEDNESS).score, abs=1e-15
    )

    # The indexed top-k (seeker table with its remote flags) agrees with the pure function.
    service = MatchService(SETTINGS, NO_RELATEDNESS)
    with transaction(db) as session:
        ranked = service.recommend(session, remote_ok, k=2)
        ranked_far = service.recommend(session, stays, k=2)
    assert [(r.vacancy_id, r.score) for r in ranked] == [
        (str(remote_job), pytest.approx(remote.score, abs=1e-9)),
        (str(on_site_job), pytest.approx(far.score, abs=1e-9)),
    ]
    assert {r.vacancy_id for r in ranked_far} == {str(remote_job), str(on_site_job)}
    assert all(r.score == pytest.approx(far.score, abs=1e-9) for r in ranked_far)


def test_a_working_time_preference_that_does_not_fit_costs_exactly_its_share(db: Engine) -> None:
    any_time = _add_seeker(db)
    wants_shift = _add_seeker(db, working_time="shift")
    wants_fixed = _add_seeker(db, working_time="non-shift")
    shift_job = _add_vacancy(db, remote=False, working_time="Shift (3 shift), 6 hari kerja")
    office_job = _add_vacancy(db, remote=False, working_time="Senin–Jumat 08.00–17.00")
    with transaction(db) as session:
        seekers = {s: load_seeker(session, s) for s in (any_time, wants_shift, wants_fixed)}
        shift, office = load_vacancy(session, shift_job), load_vacancy(session, office_job)
    assert shift is not None and office is not None
    # The ads' free text reaches the engine in the seekers' vocabulary.
    assert (shift.working_time, office.working_time) == ("shift", "non-shift")
    assert [p.preferred_working_times for p in seekers.values() if p] == [(), ("shift",), ("non-shift",)]

    def score(seeker_id: int, vacancy: VacancyProfile) -> float:
        profile = seekers[seeker_id]
        assert profile is not None
        return score_pair(profile, vacancy, SETTINGS, NO_RELATEDNESS).score

    share = _weight("employment") * SETTINGS.working_time_share
    assert share == pytest.approx(0.05 * 0.5)
    assert score(wants_shift, shift) == pytest.approx(score(any_time, shift), abs=1e-15)
    assert score(any_time, shift) - score(wants_fixed, shift) == pytest.approx(0.025, abs=1e-12)
    assert score(wants_fixed, office) == pytest.approx(score(any_time, office), abs=1e-15)
    assert score(any_time, office) - score(wants_shift, office) == pytest.approx(0.025, abs=1e-12)

    service = MatchService(SETTINGS, NO_RELATEDNESS)
    with transaction(db) as session:
        ranked = service.recommend(session, wants_fixed, k=2)
    assert [r.vacancy_id for r in ranked] == [str(office_job), str(shift_job)]
    assert ranked[0].score - ranked[1].score == pytest.approx(0.025, abs=1e-9)


@pytest.mark.parametrize(
    ("ad_text", "kind"),
    [
        ("Shift (3 shift), 6 hari kerja", "shift"),
        ("Shift 8 jam, libur bergilir", "shift"),
        ("Shift, sesuai rute pengiriman", "shift"),
        ("sif malam", "shift"),
        ("Senin–Jumat 08.00–17.00", "non-shift"),
        ("Senin–Sabtu 07.30–15.30, siap lembur", "non-shift"),
        ("Non shift", "non-shift"),
        ("5 hari kerja, 40 jam/minggu", "non-shift"),
        ("shift", "shift"),
        ("non-shift", "non-shift"),
        ("fleksibel", None),
        ("", None),
        (None, None),
    ],
)
def test_working_time_kind_of_ad_texts(ad_text: str | None, kind: str | None) -> None:
    assert working_time_kind(ad_text) == kind
    assert kind is None or kind in WORKING_TIMES
