"""The relational data model (SQLAlchemy 2). Alembic migrations in ``store/migrations`` create these tables.

Personal data of seekers lives only in ``seeker_personal``: the NIK is kept as a keyed hash (for look-ups)
plus an encrypted value; names, birth dates, phones, e-mails and addresses are encrypted at rest
(see :mod:`pasarkerja.store.crypto`). Everything the matching and statistics layers read is in the other
tables and carries no direct identifier.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so Alembic migrations are identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("seeker", "employer", "counsellor", "analyst", "admin")
SKILL_TYPES = ("skill", "knowledge", "tool-software", "language", "licence-certificate", "transversal")
SKILL_REQUIREMENTS = ("essential", "optional")
VACANCY_STATUSES = ("draft", "open", "filled", "closed")
EMPLOYMENT_TYPES = ("permanent", "contract", "daily", "internship", "part-time", "freelance")
# Working time as the matching engine compares it: an ad's working-time text counts as "shift" when the
# extractor finds shift work in it and "non-shift" (fixed hours) otherwise (store.matching.working_time_kind);
# a seeker states one of the same two, or nothing (no preference).
WORKING_TIMES = ("non-shift", "shift")
PAY_PERIODS = ("hour", "day", "week", "month", "year")
MODALITIES = ("on-site", "online", "blended")
PROVIDER_KINDS = ("BLK", "LPK", "online")
APPLICATION_KINDS = ("referral", "application")
APPLICATION_STATUSES = (
    "referred",
    "applied",
    "shortlisted",
    "interviewed",
    "enrolled",
    "completed",
    "placed",
    "rejected",
    "withdrawn",
)
CONSENT_PURPOSES = ("registration", "matching", "discoverable_by_employers", "share_contact_on_application")


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


# --------------------------------------------------------------------------------------------------
# Reference classifications
# --------------------------------------------------------------------------------------------------


class Region(Base):
    """A province (2-digit code) or regency/city (4-digit code), Kemendagri codes as in the NIK."""

    __tablename__ = "region"
    __table_args__ = (CheckConstraint("level IN ('province', 'regency')", name="level"),)

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    level: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(120))
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    bps_code: Mapped[str | None] = mapped_column(String(4))


class EducationLevel(Base):
    __tablename__ = "education_level"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)
    label_id: Mapped[str] = mapped_column(String(120))
    label_en: Mapped[str] = mapped_column(String(120))
    isced: Mapped[str] = mapped_column(String(8))


class IndustrySection(Base):
    """KBLI 2020 section (A–U)."""

    __tablename__ = "industry_section"

    code: Mapped[str] = mapped_column(String(1), primary_key=True)
    title_id: Mapped[str] = mapped_column(String(250))
    title_en: Mapped[str] = mapped_column(String(250))


class MinimumWage(Base):
    """Provincial minimum wage (UMP) in Rp per month."""

    __tablename__ = "minimum_wage"

    province_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount_rp: Mapped[int] = mapped_column(BigInteger)


class Occupation(Base):
    """ISCO-08 group (levels 1–4) or a finer local/ESCO occupation (level 5, code like ``7212_1``)."""

    __tablename__ = "occupation"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    level: Mapped[int] = mapped_column(Integer)
    isco_code: Mapped[str] = mapped_column(String(4), index=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("occupation.code"))
    title_en: Mapped[str] = mapped_column(String(300))
    title_id: Mapped[str | None] = mapped_column(String(300))
    title_id_is_translation: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)
    alt_labels: Mapped[list[Any]] = mapped_column(JSON, default=list)
    esco_uri: Mapped[str | None] = mapped_column(String(200), unique=True)
    source: Mapped[str] = mapped_column(String(20), default="isco08")


class SkillGroup(Base):
    __tablename__ = "skill_group"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40))
    label_en: Mapped[str] = mapped_column(String(300))
    label_id: Mapped[str | None] = mapped_column(String(300))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("skill_group.id"))
    esco_uri: Mapped[str | None] = mapped_column(String(200))


class Skill(Base):
    __tablename__ = "skill"
    __table_args__ = (CheckConstraint(_in("type", SKILL_TYPES), name="type"),)

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    label_id: Mapped[str | None] = mapped_column(String(300))
    label_en: Mapped[str] = mapped_column(String(300))
    alt_labels: Mapped[list[Any]] = mapped_column(JSON, default=list)
    type: Mapped[str] = mapped_column(String(24))
    group_id: Mapped[str | None] = mapped_column(ForeignKey("skill_group.id"), index=True)
    esco_uri: Mapped[str | None] = mapped_column(String(200), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="pasarkerja")


class SkillBroader(Base):
    """Skill hierarchy: a skill under a broader skill or a skill group."""

    __tablename__ = "skill_broader"

    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True)
    broader_id: Mapped[str] = mapped_column(String(200), primary_key=True)


class SkillRelation(Base):
    """Skill-to-skill relation from ESCO (``essential``/``optional`` prerequisite-like links)."""

    __tablename__ = "skill_relation"

    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True)
    related_skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True
    )
    relation: Mapped[str] = mapped_column(String(20))


class OccupationSkill(Base):
    __tablename__ = "occupation_skill"
    __table_args__ = (CheckConstraint(_in("relation", SKILL_REQUIREMENTS), name="relation"),)

    occupation_code: Mapped[str] = mapped_column(
        ForeignKey("occupation.code", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    relation: Mapped[str] = mapped_column(String(10))


# --------------------------------------------------------------------------------------------------
# Employers and vacancies
# --------------------------------------------------------------------------------------------------


class Employer(Base):
    __tablename__ = "employer"
    __table_args__ = (UniqueConstraint("source", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(250))
    kbli_section: Mapped[str | None] = mapped_column(ForeignKey("industry_section.code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Vacancy(Base):
    __tablename__ = "vacancy"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        CheckConstraint(_in("status", VACANCY_STATUSES), name="status"),
        CheckConstraint("openings >= 1", name="openings"),
        CheckConstraint("pay_min IS NULL OR pay_max IS NULL OR pay_min <= pay_max", name="pay_range"),
        Index("ix_vacancy_status_region", "status", "region_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(100))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    occupation_code: Mapped[str | None] = mapped_column(ForeignKey("occupation.code"), index=True)
    min_education: Mapped[str | None] = mapped_column(ForeignKey("education_level.code"))
    education_field: Mapped[str | None] = mapped_column(String(200))
    min_experience_years: Mapped[float | None] = mapped_column(Float)
    pay_min: Mapped[int | None] = mapped_column(BigInteger)
    pay_max: Mapped[int | None] = mapped_column(BigInteger)
    pay_period: Mapped[str | None] = mapped_column(String(8))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    employment_type: Mapped[str | None] = mapped_column(String(16))
    working_time: Mapped[str | None] = mapped_column(String(200))
    openings: Mapped[int] = mapped_column(Integer, default=1)
    posted_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    closing_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="open")
    extracted: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    employer: Mapped[Employer | None] = relationship()
    skills: Mapped[list[VacancySkill]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class VacancySkill(Base):
    __tablename__ = "vacancy_skill"
    __table_args__ = (CheckConstraint(_in("requirement", SKILL_REQUIREMENTS), name="requirement"),)

    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id"), primary_key=True, index=True)
    requirement: Mapped[str] = mapped_column(String(10), default="essential")
    origin: Mapped[str] = mapped_column(String(12), default="stated")


# --------------------------------------------------------------------------------------------------
# Seekers (profile without direct identifiers) and their personal data (separate, protected)
# --------------------------------------------------------------------------------------------------


class Seeker(Base):
    __tablename__ = "seeker"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        CheckConstraint(_in("preferred_working_time", WORKING_TIMES), name="preferred_working_time"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(100))
    education_level: Mapped[str | None] = mapped_column(ForeignKey("education_level.code"))
    education_field: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)
    willing_to_relocate: Mapped[bool] = mapped_column(Boolean, default=False)
    # Would take a remote (work-from-home) job wherever the employer is; migration 0003.
    accepts_remote: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    expected_pay: Mapped[int | None] = mapped_column(BigInteger)
    preferred_employment_type: Mapped[str | None] = mapped_column(String(16))
    # One of WORKING_TIMES, or None for no preference; migration 0003.
    preferred_working_time: Mapped[str | None] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    about: Mapped[str | None] = mapped_column(Text)
    extracted: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    skills: Mapped[list[SeekerSkill]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    work_history: Mapped[list[SeekerWork]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    preferred_occupations: Mapped[list[SeekerPreferredOccupation]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    preferred_regions: Mapped[list[SeekerPreferredRegion]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    consents: Mapped[list[Consent]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    personal: Mapped[SeekerPersonal | None] = relationship(
        cascade="all, delete-orphan", uselist=False, lazy="select"
    )


class SeekerPersonal(Base):
    """Directly identifying data. Read only through :mod:`pasarkerja.store.personal`, which checks roles."""

    __tablename__ = "seeker_personal"

    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id", ondelete="CASCADE"), primary_key=True)
    nik_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    nik_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    name_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    birth_date_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    email_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    address_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Sex and birth year stay in clear: labour-market statistics are published by sex and age band,
    # and neither identifies a person on its own. Neither is ever an input to matching.
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(Integer)


class SeekerWork(Base):
    __tablename__ = "seeker_work"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id", ondelete="CASCADE"), index=True)
    occupation_code: Mapped[str | None] = mapped_column(ForeignKey("occupation.code"))
    title: Mapped[str | None] = mapped_column(String(300))
    years: Mapped[float] = mapped_column(Float, default=0.0)


class SeekerSkill(Base):
    __tablename__ = "seeker_skill"

    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id"), primary_key=True, index=True)
    origin: Mapped[str] = mapped_column(String(16), default="declared")


class SeekerPreferredOccupation(Base):
    __tablename__ = "seeker_preferred_occupation"

    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id", ondelete="CASCADE"), primary_key=True)
    occupation_code: Mapped[str] = mapped_column(ForeignKey("occupation.code"), primary_key=True)


class SeekerPreferredRegion(Base):
    __tablename__ = "seeker_preferred_region"

    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id", ondelete="CASCADE"), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)


class Consent(Base):
    """A consent given (or withdrawn) by a seeker for one purpose, kept as a record under UU PDP."""

    __tablename__ = "consent"
    __table_args__ = (CheckConstraint(_in("purpose", CONSENT_PURPOSES), name="purpose"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    granted: Mapped[bool] = mapped_column(Boolean)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


# --------------------------------------------------------------------------------------------------
# Training and apprenticeships
# --------------------------------------------------------------------------------------------------


class TrainingProvider(Base):
    __tablename__ = "training_provider"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        CheckConstraint(_in("kind", PROVIDER_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(250))
    kind: Mapped[str] = mapped_column(String(8))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))


class TrainingProgramme(Base):
    __tablename__ = "training_programme"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        CheckConstraint(_in("modality", MODALITIES), name="modality"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(100))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("training_provider.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    syllabus: Mapped[str | None] = mapped_column(Text)
    hours_jp: Mapped[int | None] = mapped_column(Integer)
    cost_rp: Mapped[int | None] = mapped_column(BigInteger)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    modality: Mapped[str] = mapped_column(String(8), default="on-site")
    capacity: Mapped[int | None] = mapped_column(Integer)
    start_dates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    certification: Mapped[str | None] = mapped_column(String(250))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    extracted: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    provider: Mapped[TrainingProvider | None] = relationship()
    skills: Mapped[list[ProgrammeSkill]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class ProgrammeSkill(Base):
    __tablename__ = "programme_skill"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("training_programme.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id"), primary_key=True, index=True)
    origin: Mapped[str] = mapped_column(String(12), default="stated")


class Apprenticeship(Base):
    __tablename__ = "apprenticeship"
    __table_args__ = (UniqueConstraint("source", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    company: Mapped[str] = mapped_column(String(250))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    occupation_code: Mapped[str | None] = mapped_column(ForeignKey("occupation.code"))
    seats: Mapped[int] = mapped_column(Integer, default=1)
    months: Mapped[int | None] = mapped_column(Integer)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    stipend_rp: Mapped[int | None] = mapped_column(BigInteger)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)


# --------------------------------------------------------------------------------------------------
# Operations: job fairs, referrals/applications, placements, users
# --------------------------------------------------------------------------------------------------


class JobFair(Base):
    __tablename__ = "job_fair"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(250))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    venue: Mapped[str | None] = mapped_column(String(250))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)

    booths: Mapped[list[Booth]] = relationship(cascade="all, delete-orphan")


class Booth(Base):
    __tablename__ = "booth"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_fair_id: Mapped[int] = mapped_column(ForeignKey("job_fair.id", ondelete="CASCADE"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"))
    label: Mapped[str | None] = mapped_column(String(40))
    interview_slots: Mapped[int] = mapped_column(Integer, default=0)


class UserAccount(Base):
    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("seeker.id"))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Application(Base):
    """A referral by a counsellor or an application by a seeker, to a vacancy, programme or apprenticeship."""

    __tablename__ = "application"
    __table_args__ = (
        CheckConstraint(_in("kind", APPLICATION_KINDS), name="kind"),
        CheckConstraint(_in("status", APPLICATION_STATUSES), name="status"),
        CheckConstraint(
            "(CASE WHEN vacancy_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN programme_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN apprenticeship_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id"), index=True)
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy.id"), index=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("training_programme.id"))
    apprenticeship_id: Mapped[int | None] = mapped_column(ForeignKey("apprenticeship.id"))
    status: Mapped[str] = mapped_column(String(12))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    score: Mapped[float | None] = mapped_column(Float)

    history: Mapped[list[ApplicationStatus]] = relationship(
        cascade="all, delete-orphan", order_by="ApplicationStatus.id"
    )


class ApplicationStatus(Base):
    __tablename__ = "application_status"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str | None] = mapped_column(String(500))


class Placement(Base):
    __tablename__ = "placement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id"), index=True)
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"))
    placed_on: Mapped[dt.date] = mapped_column(Date, index=True)
    monthly_pay: Mapped[int | None] = mapped_column(BigInteger)


class MatchRun(Base):
    """One batch of ``pasarkerja match batch``: when, how, and with which settings the top-k was computed,
    so a recommendation shown to a seeker can be traced to the run (and settings) that produced it."""

    __tablename__ = "match_run"
    __table_args__ = (CheckConstraint(_in("engine", ("local", "dask")), name="engine"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    engine: Mapped[str] = mapped_column(String(8))
    top_k: Mapped[int] = mapped_column(Integer)
    seekers: Mapped[int] = mapped_column(Integer, default=0)
    vacancies: Mapped[int] = mapped_column(Integer, default=0)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    parquet_path: Mapped[str | None] = mapped_column(String(1000))


class MatchResult(Base):
    """One ranked vacancy for one seeker in one batch run (rank 1 = best)."""

    __tablename__ = "match_result"

    run_id: Mapped[int] = mapped_column(ForeignKey("match_run.id", ondelete="CASCADE"), primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)


class ImportRun(Base):
    """One run of ``pasarkerja import``: its counts, so an interrupted import can be resumed and audited."""

    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=func.now())
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_imported: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    last_committed_row: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default="running")
