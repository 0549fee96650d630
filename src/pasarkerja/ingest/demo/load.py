"""Load the generated demo picture into a migrated database, fast and idempotently.

Every demo row carries ``source="demo"`` and a stable ``external_id`` (``demo-seeker-0000001`` ...); rows
already present are skipped, so running the load twice leaves the same rows, and a larger run after a
smaller one only adds the difference (the generator's output for the first ``n`` rows does not depend on
``n``). Rows go in with SQLAlchemy Core bulk inserts, one transaction per chunk: an interrupted load keeps
whole records and resumes where it stopped.

Personal data of demo seekers goes through :func:`pasarkerja.store.personal.save_personal`, so it is
hashed and encrypted like real data. Demo accounts are created through
:func:`pasarkerja.store.accounts.create_user`, all with the password :data:`DEMO_PASSWORD`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Engine, Table, func, insert, select
from sqlalchemy.orm import Session

from pasarkerja.ingest.demo.generator import (
    DemoSeeker,
    DemoVacancy,
    DemoVocabulary,
    default_apprenticeship_count,
    default_employer_count,
    default_vocabulary,
    generate_apprenticeships,
    generate_employers,
    generate_training,
    iter_seekers,
    iter_vacancies,
)
from pasarkerja.store.accounts import create_user
from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.db import transaction
from pasarkerja.store.models import (
    Apprenticeship,
    Consent,
    Employer,
    Occupation,
    ProgrammeSkill,
    Region,
    Seeker,
    SeekerPersonal,
    SeekerPreferredOccupation,
    SeekerPreferredRegion,
    SeekerSkill,
    SeekerWork,
    Skill,
    SkillGroup,
    TrainingProgramme,
    TrainingProvider,
    UserAccount,
    Vacancy,
    VacancySkill,
)
from pasarkerja.store.personal import PersonalData, save_personal
from pasarkerja.store.reference import LoaderStep, load_reference

DEMO_SOURCE = "demo"
DEMO_PASSWORD = "demo12345"
# (user name, role): one account per role; the employer and seeker accounts are linked to demo records.
DEMO_USERS: tuple[tuple[str, str], ...] = (
    ("admin", "admin"),
    ("konselor", "counsellor"),
    ("analis", "analyst"),
    ("pemberi-kerja", "employer"),
    ("pencari-kerja", "seeker"),
)
DEFAULT_CHUNK = 1000

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while loading (stage: ``"seekers"``, ``"vacancies"`` ...)."""

Row = dict[str, Any]


class DemoLoadError(RuntimeError):
    """The database is not ready for the demo (schema or reference data missing)."""


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


# ------------------------------------------------------------------------------------ skill catalogue


def _skill_group_rows() -> Iterable[Row]:
    from pasarkerja.taxonomy.vocab import skill_groups

    for group in skill_groups():
        yield {
            "id": group.id,
            "code": group.code,
            "label_en": group.label_en,
            "label_id": group.label_id,
            "parent_id": group.parent_id,
            "esco_uri": group.esco_uri,
        }


def _skill_rows() -> Iterable[Row]:
    from pasarkerja.taxonomy.vocab import skill_catalogue

    for skill in skill_catalogue():
        yield {
            "id": skill.id,
            "label_id": skill.label_id,
            "label_en": skill.label_en,
            "alt_labels": list(skill.alt_labels),
            "type": skill.type,
            "group_id": skill.group_id,
            "esco_uri": skill.esco_uri,
            "description": skill.description,
            "source": skill.source,
        }


SKILL_CATALOGUE_STEPS: list[LoaderStep] = [
    LoaderStep(_table(SkillGroup), _skill_group_rows),
    LoaderStep(_table(Skill), _skill_rows),
]


def load_skill_catalogue(engine: Engine) -> dict[str, int]:
    """Upsert the Indonesian-first skill catalogue (``taxonomy.vocab``) into ``skill_group`` and ``skill``.

    Uses the reference loader's upsert, so it is idempotent and updates labels in place."""
    return load_reference(engine, steps=SKILL_CATALOGUE_STEPS)


# ---------------------------------------------------------------------------------------- helpers


def _existing(session: Session, model: Any) -> dict[str, int]:
    """external_id → id of the demo rows already in ``model``'s table."""
    rows = session.execute(select(model.external_id, model.id).where(model.source == DEMO_SOURCE))
    return {external_id: row_id for external_id, row_id in rows}


def _insert_returning_ids(session: Session, model: Any, rows: Sequence[Row]) -> list[int]:
    """Bulk insert and the new ids in the order of ``rows``."""
    if not rows:
        return []
    table = _table(model)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [row_id for (row_id,) in session.execute(statement, list(rows))]


def _insert(session: Session, model: Any, rows: Sequence[Row]) -> None:
    """Bulk insert. The (discarded) RETURNING clause makes SQLAlchemy batch the rows into multi-row
    statements ("insertmanyvalues") on both backends; a plain executemany sends one statement per row
    to PostgreSQL."""
    if rows:
        table = _table(model)
        first_key = next(iter(table.primary_key.columns))
        session.execute(insert(table).returning(first_key), list(rows)).all()


def _count(engine: Engine, model: Any) -> int:
    with engine.connect() as connection:
        return int(
            connection.scalar(
                select(func.count()).select_from(_table(model)).where(_table(model).c.source == DEMO_SOURCE)
            )
            or 0
        )


def _check_reference(engine: Engine) -> None:
    with engine.connect() as connection:
        regions = connection.scalar(select(func.count()).select_from(_table(Region))) or 0
        occupations = connection.scalar(select(func.count()).select_from(_table(Occupation))) or 0
    if regions == 0 or occupations == 0:
        raise DemoLoadError(
            "the reference tables are empty: load the reference data first (pasarkerja db init)"
        )


def _missing_skills(engine: Engine, vocabulary: DemoVocabulary) -> list[str]:
    with engine.connect() as connection:
        present = set(connection.scalars(select(_table(Skill).c.id)))
    return [s.id for s in vocabulary.skills if s.id not in present]


# ---------------------------------------------------------------------------------------- loading


def _vacancy_rows(chunk: Sequence[DemoVacancy], employer_ids: dict[str, int]) -> list[Row]:
    return [
        {
            "source": DEMO_SOURCE,
            "external_id": v.external_id,
            "employer_id": employer_ids[v.employer_external_id],
            "title": v.title,
            "description": v.description,
            "occupation_code": v.occupation_code,
            "min_education": v.min_education,
            "education_field": v.education_field,
            "min_experience_years": v.min_experience_years,
            "pay_min": v.pay_min,
            "pay_max": v.pay_max,
            "pay_period": v.pay_period,
            "region_code": v.region_code,
            "remote": v.remote,
            "employment_type": v.employment_type,
            "working_time": v.working_time,
            "openings": v.openings,
            "posted_date": v.posted_date,
            "closing_date": v.closing_date,
            "status": v.status,
        }
        for v in chunk
    ]


def _load_vacancies(
    engine: Engine,
    count: int,
    seed: int,
    employers: int,
    vocabulary: DemoVocabulary,
    progress: Progress | None,
) -> None:
    posters = generate_employers(employers, seed, vocabulary=vocabulary)
    with transaction(engine) as session:
        known = _existing(session, Employer)
        _insert(
            session,
            Employer,
            [
                {
                    "source": DEMO_SOURCE,
                    "external_id": e.external_id,
                    "name": e.name,
                    "kbli_section": e.kbli_section,
                    "region_code": e.region_code,
                }
                for e in posters
                if e.external_id not in known
            ],
        )
        employer_ids = _existing(session, Employer)
        done = set(_existing(session, Vacancy))
    loaded = 0
    for chunk in iter_vacancies(
        count, seed, employers=posters, chunk_size=DEFAULT_CHUNK, vocabulary=vocabulary
    ):
        new = [v for v in chunk if v.external_id not in done]
        if new:
            with transaction(engine) as session:
                ids = _insert_returning_ids(session, Vacancy, _vacancy_rows(new, employer_ids))
                _insert(
                    session,
                    VacancySkill,
                    [
                        {
                            "vacancy_id": vacancy_id,
                            "skill_id": skill_id,
                            "requirement": requirement,
                            "origin": "stated",
                        }
                        for vacancy_id, v in zip(ids, new, strict=True)
                        for skill_id, requirement in v.skills
                    ],
                )
        loaded += len(chunk)
        if progress:
            progress("vacancies", loaded, count)


def _seeker_rows(chunk: Sequence[DemoSeeker]) -> list[Row]:
    return [
        {
            "source": DEMO_SOURCE,
            "external_id": s.external_id,
            "education_level": s.education_level,
            "education_field": s.education_field,
            "region_code": s.region_code,
            "willing_to_relocate": s.willing_to_relocate,
            "accepts_remote": s.accepts_remote,
            "expected_pay": s.expected_pay,
            "preferred_employment_type": s.preferred_employment_type,
            "preferred_working_time": s.preferred_working_time,
            "is_active": s.is_active,
            "registered_on": s.registered_on,
            "about": s.about,
        }
        for s in chunk
    ]


def _at_registration(seeker: DemoSeeker) -> dt.datetime:
    # Consents are recorded when the seeker registers.
    return dt.datetime.combine(seeker.registered_on, dt.time(9, 0))


def _load_seekers(
    engine: Engine,
    count: int,
    seed: int,
    cipher: PersonalDataCipher,
    vocabulary: DemoVocabulary,
    progress: Progress | None,
) -> None:
    with transaction(engine) as session:
        done = set(_existing(session, Seeker))
    loaded = 0
    for chunk in iter_seekers(count, seed, chunk_size=DEFAULT_CHUNK, vocabulary=vocabulary):
        new = [s for s in chunk if s.external_id not in done]
        if new:
            with transaction(engine) as session:
                ids = _insert_returning_ids(session, Seeker, _seeker_rows(new))
                pairs = list(zip(ids, new, strict=True))
                _insert(
                    session,
                    SeekerSkill,
                    [
                        {"seeker_id": i, "skill_id": skill, "origin": "declared"}
                        for i, s in pairs
                        for skill in s.skill_ids
                    ],
                )
                _insert(
                    session,
                    SeekerWork,
                    [
                        {
                            "seeker_id": i,
                            "occupation_code": w.occupation_code,
                            "title": w.title,
                            "years": w.years,
                        }
                        for i, s in pairs
                        for w in s.work_history
                    ],
                )
                _insert(
                    session,
                    SeekerPreferredOccupation,
                    [
                        {"seeker_id": i, "occupation_code": code}
                        for i, s in pairs
                        for code in s.preferred_occupations
                    ],
                )
                _insert(
                    session,
                    SeekerPreferredRegion,
                    [{"seeker_id": i, "region_code": code} for i, s in pairs for code in s.preferred_regions],
                )
                _insert(
                    session,
                    Consent,
                    [
                        {
                            "seeker_id": i,
                            "purpose": purpose,
                            "granted": granted,
                            "recorded_at": _at_registration(s),
                        }
                        for i, s in pairs
                        for purpose, granted in s.consents
                    ],
                )
                # Every seeker in this chunk is new, so no NIK lookup can hit a pending row: skip autoflush.
                with session.no_autoflush:
                    for seeker_id, s in pairs:
                        p = s.personal
                        save_personal(
                            session,
                            seeker_id,
                            PersonalData(
                                nik=p.nik,
                                name=p.name,
                                birth_date=p.birth_date,
                                sex=p.sex,
                                phone=p.phone,
                                email=p.email,
                                address=p.address,
                            ),
                            cipher,
                        )
        loaded += len(chunk)
        if progress:
            progress("seekers", loaded, count)


def _load_training(
    engine: Engine,
    programmes: int,
    apprenticeships: int,
    seed: int,
    employers: int,
    vocabulary: DemoVocabulary,
    progress: Progress | None,
) -> None:
    providers, courses = generate_training(programmes, seed, vocabulary=vocabulary)
    hosts = generate_employers(employers, seed, vocabulary=vocabulary)
    offers = generate_apprenticeships(apprenticeships, seed, employers=hosts, vocabulary=vocabulary)
    with transaction(engine) as session:
        known = _existing(session, TrainingProvider)
        _insert(
            session,
            TrainingProvider,
            [
                {
                    "source": DEMO_SOURCE,
                    "external_id": p.external_id,
                    "name": p.name,
                    "kind": p.kind,
                    "region_code": p.region_code,
                }
                for p in providers
                if p.external_id not in known
            ],
        )
        provider_ids = _existing(session, TrainingProvider)
        known = _existing(session, TrainingProgramme)
        new = [c for c in courses if c.external_id not in known]
        ids = _insert_returning_ids(
            session,
            TrainingProgramme,
            [
                {
                    "source": DEMO_SOURCE,
                    "external_id": c.external_id,
                    "provider_id": provider_ids[c.provider_external_id],
                    "title": c.title,
                    "syllabus": c.syllabus,
                    "hours_jp": c.hours_jp,
                    "cost_rp": c.cost_rp,
                    "region_code": c.region_code,
                    "modality": c.modality,
                    "capacity": c.capacity,
                    "start_dates": [d.isoformat() for d in c.start_dates],
                    "certification": c.certification,
                    "is_active": c.is_active,
                    "extracted": {"kejuruan": c.kejuruan},
                }
                for c in new
            ],
        )
        _insert(
            session,
            ProgrammeSkill,
            [
                {"programme_id": i, "skill_id": skill, "origin": "stated"}
                for i, c in zip(ids, new, strict=True)
                for skill in c.skill_ids
            ],
        )
        if progress:
            progress("programmes", len(courses), len(courses))
        employer_ids = _existing(session, Employer)
        known = _existing(session, Apprenticeship)
        _insert(
            session,
            Apprenticeship,
            [
                {
                    "source": DEMO_SOURCE,
                    "external_id": a.external_id,
                    "title": a.title,
                    "company": a.company,
                    "employer_id": employer_ids.get(a.employer_external_id),
                    "occupation_code": a.occupation_code,
                    "seats": a.seats,
                    "months": a.months,
                    "region_code": a.region_code,
                    "stipend_rp": a.stipend_rp,
                    "starts_on": a.starts_on,
                }
                for a in offers
                if a.external_id not in known
            ],
        )
        if progress:
            progress("apprenticeships", len(offers), len(offers))


def _demo_accounts(engine: Engine) -> int:
    """Create the demo accounts that do not exist yet; returns how many demo accounts exist."""
    with transaction(engine) as session:
        # The employer account belongs to the demo employer with the most open vacancies, the seeker account
        # to the first active demo seeker who consented to matching: both then have something to show.
        employer_id = session.scalar(
            select(Vacancy.employer_id)
            .where(Vacancy.source == DEMO_SOURCE, Vacancy.status == "open", Vacancy.employer_id.is_not(None))
            .group_by(Vacancy.employer_id)
            .order_by(func.count().desc(), Vacancy.employer_id)
            .limit(1)
        )
        seeker_id = session.scalar(
            select(Seeker.id)
            .join(Consent, Consent.seeker_id == Seeker.id)
            .where(
                Seeker.source == DEMO_SOURCE,
                Seeker.is_active.is_(True),
                Consent.purpose == "matching",
                Consent.granted.is_(True),
            )
            .order_by(Seeker.id)
            .limit(1)
        )
        existing = {name.lower() for name in session.scalars(select(UserAccount.username))}
        for username, role in DEMO_USERS:
            if username in existing:
                continue
            if role == "employer" and employer_id is None:
                continue
            if role == "seeker" and seeker_id is None:
                continue
            create_user(
                session,
                username,
                DEMO_PASSWORD,
                role,
                seeker_id=seeker_id if role == "seeker" else None,
                employer_id=employer_id if role == "employer" else None,
            )
        names = [name for name, _ in DEMO_USERS]
        return int(
            session.scalar(
                select(func.count()).select_from(UserAccount).where(UserAccount.username.in_(names))
            )
            or 0
        )


def demo_counts(engine: Engine) -> dict[str, int]:
    """Rows of the demo data set in the database, per kind."""
    counts = {
        "employers": _count(engine, Employer),
        "vacancies": _count(engine, Vacancy),
        "seekers": _count(engine, Seeker),
        "training_providers": _count(engine, TrainingProvider),
        "programmes": _count(engine, TrainingProgramme),
        "apprenticeships": _count(engine, Apprenticeship),
    }
    with engine.connect() as connection:

        def linked(model: Any, column: Any, parent: Any) -> int:
            query = (
                select(func.count())
                .select_from(_table(model))
                .join(_table(parent), column == _table(parent).c.id)
                .where(_table(parent).c.source == DEMO_SOURCE)
            )
            return int(connection.scalar(query) or 0)

        counts["vacancy_skills"] = linked(VacancySkill, VacancySkill.vacancy_id, Vacancy)
        counts["seeker_skills"] = linked(SeekerSkill, SeekerSkill.seeker_id, Seeker)
        counts["seeker_personal"] = linked(SeekerPersonal, SeekerPersonal.seeker_id, Seeker)
        counts["programme_skills"] = linked(ProgrammeSkill, ProgrammeSkill.programme_id, TrainingProgramme)
    return counts


def load_demo(
    engine: Engine,
    *,
    cipher: PersonalDataCipher,
    seekers: int = 5000,
    vacancies: int = 1500,
    programmes: int = 200,
    employers: int | None = None,
    apprenticeships: int | None = None,
    seed: int = 42,
    progress: Progress | None = None,
    vocabulary: DemoVocabulary | None = None,
) -> dict[str, int]:
    """Load the demo data set into a migrated database that holds the reference data.

    Loads the skill catalogue when it is missing, then employers, vacancies, seekers (with their personal
    data, encrypted with ``cipher``), training providers and programmes, apprenticeships and the demo
    accounts (:data:`DEMO_USERS`, password :data:`DEMO_PASSWORD`). Idempotent. Returns the demo rows now in
    the database per kind (:func:`demo_counts`) plus ``users``.
    """
    for name, value in (("seekers", seekers), ("vacancies", vacancies), ("programmes", programmes)):
        if value < 0:
            raise ValueError(f"load_demo: {name} must be >= 0, got {value}")
    vocabulary = vocabulary or default_vocabulary()
    employers = employers if employers is not None else default_employer_count(vacancies)
    apprenticeships = (
        apprenticeships if apprenticeships is not None else default_apprenticeship_count(programmes)
    )
    if employers < 1:
        raise ValueError(f"load_demo: employers must be >= 1, got {employers}")
    _check_reference(engine)
    if _missing_skills(engine, vocabulary):
        # The reference loader does not (yet) carry the skill catalogue; vacancies and seekers point at it.
        load_skill_catalogue(engine)
        missing = _missing_skills(engine, vocabulary)
        if missing:
            raise DemoLoadError(
                f"{len(missing)} skills of the vocabulary are not in the skill table, e.g. {missing[0]!r}"
            )
    _load_vacancies(engine, vacancies, seed, employers, vocabulary, progress)
    _load_seekers(engine, seekers, seed, cipher, vocabulary, progress)
    _load_training(engine, programmes, apprenticeships, seed, employers, vocabulary, progress)
    counts = demo_counts(engine)
    counts["users"] = _demo_accounts(engine)
    if progress:
        progress("accounts", counts["users"], len(DEMO_USERS))
    return counts
