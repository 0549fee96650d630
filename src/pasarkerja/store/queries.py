"""Read queries behind the web pages and the JSON API, returning plain dataclasses.

Nothing here returns personal data: the seeker list carries only profile fields without direct identifiers;
names come from :mod:`pasarkerja.store.personal`, which checks the viewer's role.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from pasarkerja.store.models import (
    EducationLevel,
    Employer,
    Occupation,
    Region,
    Seeker,
    SeekerPreferredOccupation,
    SeekerSkill,
    SeekerWork,
    Skill,
    TrainingProgramme,
    TrainingProvider,
    Vacancy,
    VacancySkill,
)

T = TypeVar("T")

MAX_PER_PAGE = 100

# ISCO-08 major groups with the KBJI 2014 Indonesian titles (golongan pokok). Used when the occupation
# table has no level-1 rows yet, so the home page can still name the groups.
ISCO_MAJOR_GROUPS: dict[str, tuple[str, str]] = {
    "0": (
        "Tentara Nasional Indonesia (TNI) dan Kepolisian Negara Republik Indonesia (POLRI)",
        "Armed forces occupations",
    ),
    "1": ("Manajer", "Managers"),
    "2": ("Profesional", "Professionals"),
    "3": ("Teknisi dan Asisten Profesional", "Technicians and associate professionals"),
    "4": ("Tenaga Tata Usaha", "Clerical support workers"),
    "5": ("Tenaga Usaha Jasa dan Tenaga Penjualan", "Service and sales workers"),
    "6": (
        "Pekerja Terampil Pertanian, Kehutanan dan Perikanan",
        "Skilled agricultural, forestry and fishery workers",
    ),
    "7": ("Pekerja Pengolahan, Kerajinan, dan YBDI", "Craft and related trades workers"),
    "8": ("Operator dan Perakit Mesin", "Plant and machine operators and assemblers"),
    "9": ("Pekerja Kasar", "Elementary occupations"),
}


class QueryError(ValueError):
    """A filter value that cannot be used; the message names the parameter."""


# ------------------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Counts:
    seekers_active: int
    vacancies_open: int
    openings: int
    programmes: int
    employers: int


@dataclass(frozen=True)
class ProvinceCounts:
    province_code: str | None  # None: records without a region
    province_name: str | None
    seekers_active: int
    vacancies_open: int
    openings: int
    programmes: int


@dataclass(frozen=True)
class MajorGroupCounts:
    major_group: str | None  # ISCO-08 major group digit; None: records without an occupation
    title_id: str | None
    title_en: str | None
    seekers_active: int
    vacancies_open: int
    openings: int


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@dataclass(frozen=True)
class VacancySummary:
    id: int
    title: str
    employer_name: str | None
    region_code: str | None
    region_name: str | None
    province_name: str | None
    occupation_code: str | None
    occupation_title: str | None
    employment_type: str | None
    pay_min: int | None
    pay_max: int | None
    pay_period: str | None
    openings: int
    posted_date: dt.date | None
    closing_date: dt.date | None
    status: str


@dataclass(frozen=True)
class VacancySkillItem:
    skill_id: str
    label: str
    requirement: str


@dataclass(frozen=True)
class VacancyDetail(VacancySummary):
    description: str | None = None
    min_education: str | None = None
    min_education_label: str | None = None
    education_field: str | None = None
    min_experience_years: float | None = None
    working_time: str | None = None
    remote: bool = False
    skills: list[VacancySkillItem] = field(default_factory=list)


@dataclass(frozen=True)
class ProgrammeSummary:
    id: int
    title: str
    provider_name: str | None
    provider_kind: str | None
    region_code: str | None
    region_name: str | None
    hours_jp: int | None
    cost_rp: int | None
    modality: str
    capacity: int | None
    certification: str | None
    is_active: bool


@dataclass(frozen=True)
class SeekerSummary:
    """A seeker as a counsellor's list shows it: no name, NIK or contact (those need read_personal)."""

    id: int
    region_code: str | None
    region_name: str | None
    education_level: str | None
    education_label: str | None
    skills_count: int
    is_active: bool
    registered_on: dt.date | None
    # what the matching score reads of the seeker's wishes (docs/MATCHING.md)
    willing_to_relocate: bool = False
    accepts_remote: bool = False
    preferred_employment_type: str | None = None
    preferred_working_time: str | None = None


@dataclass(frozen=True)
class RegionItem:
    code: str
    level: str
    name: str
    province_code: str


@dataclass(frozen=True)
class OccupationItem:
    code: str
    level: int
    isco_code: str
    title_en: str
    title_id: str | None


# ------------------------------------------------------------------------------------------ helpers


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _check_page(page: int, per_page: int) -> None:
    if page < 1:
        raise QueryError(f"parameter 'page' must be ≥ 1, got {page}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"parameter 'per_page' must be between 1 and {MAX_PER_PAGE}, got {per_page}")


def _check_major_group(major_group: str | None) -> None:
    if major_group is not None and (len(major_group) != 1 or not major_group.isdigit()):
        raise QueryError(f"parameter 'major_group' must be one ISCO-08 digit 0–9, got {major_group!r}")


def _check_region(region: str | None) -> None:
    if region is not None and (len(region) not in (2, 4) or not region.isdigit()):
        raise QueryError(
            f"parameter 'region' must be a 2-digit province or 4-digit regency code, got {region!r}"
        )


def _region_condition(column: Any, region: str) -> Any:
    """Match a region filter: a 2-digit code means the province and all its regencies."""
    if len(region) == 2:
        return column.in_(select(Region.code).where(Region.province_code == region))
    return column == region


def _paginate(session: Session, query: Any, page: int, per_page: int) -> tuple[list[Any], int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = list(session.execute(query.limit(per_page).offset((page - 1) * per_page)).all())
    return rows, int(total)


# ------------------------------------------------------------------------------------------- counts


def counts(session: Session) -> Counts:
    seekers = session.scalar(select(func.count()).select_from(Seeker).where(Seeker.is_active.is_(True)))
    vacancies, openings = session.execute(
        select(func.count(), func.coalesce(func.sum(Vacancy.openings), 0)).where(Vacancy.status == "open")
    ).one()
    programmes = session.scalar(
        select(func.count()).select_from(TrainingProgramme).where(TrainingProgramme.is_active.is_(True))
    )
    employers = session.scalar(select(func.count()).select_from(Employer))
    return Counts(
        seekers_active=int(seekers or 0),
        vacancies_open=int(vacancies),
        openings=int(openings),
        programmes=int(programmes or 0),
        employers=int(employers or 0),
    )


def counts_by_province(session: Session) -> list[ProvinceCounts]:
    """Active seekers, open vacancies (and their openings) and active programmes per province.

    A record's province is that of its region (a regency belongs to its province); records without a
    region are counted in one row whose province is None.
    """
    province_of = select(Region.code, Region.province_code).subquery()

    def per_province(
        entity: Any, region_column: Any, *measures: Any, where: Any
    ) -> dict[str | None, tuple[int, ...]]:
        query = (
            select(province_of.c.province_code, *measures)
            .select_from(entity)
            .outerjoin(province_of, province_of.c.code == region_column)
            .where(where)
            .group_by(province_of.c.province_code)
        )
        return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in session.execute(query)}

    seekers = per_province(Seeker, Seeker.region_code, func.count(), where=Seeker.is_active.is_(True))
    vacancies = per_province(
        Vacancy, Vacancy.region_code, func.count(), func.sum(Vacancy.openings), where=Vacancy.status == "open"
    )
    programmes = per_province(
        TrainingProgramme,
        TrainingProgramme.region_code,
        func.count(),
        where=TrainingProgramme.is_active.is_(True),
    )
    codes = set(seekers) | set(vacancies) | set(programmes)
    names = {
        row.code: row.name
        for row in session.execute(
            select(Region.code, Region.name).where(
                Region.level == "province", Region.code.in_([c for c in codes if c is not None])
            )
        )
    }
    rows = [
        ProvinceCounts(
            province_code=code,
            province_name=names.get(code) if code else None,
            seekers_active=seekers.get(code, (0,))[0],
            vacancies_open=vacancies.get(code, (0, 0))[0],
            openings=vacancies.get(code, (0, 0))[1],
            programmes=programmes.get(code, (0,))[0],
        )
        for code in codes
    ]
    # Provinces in code order, the "no region" row last.
    return sorted(rows, key=lambda r: (r.province_code is None, r.province_code or ""))


def _seeker_occupation_subquery() -> Any:
    """Each seeker's occupation for statistics: the first preferred occupation (lowest code), else the
    occupation of the first work-history entry that has one."""
    preferred = (
        select(
            SeekerPreferredOccupation.seeker_id.label("seeker_id"),
            func.min(SeekerPreferredOccupation.occupation_code).label("code"),
        )
        .group_by(SeekerPreferredOccupation.seeker_id)
        .subquery()
    )
    first_work_id = (
        select(SeekerWork.seeker_id.label("seeker_id"), func.min(SeekerWork.id).label("work_id"))
        .where(SeekerWork.occupation_code.is_not(None))
        .group_by(SeekerWork.seeker_id)
        .subquery()
    )
    work = aliased(SeekerWork)
    return (
        select(
            Seeker.id.label("seeker_id"),
            func.coalesce(preferred.c.code, work.occupation_code).label("code"),
        )
        .where(Seeker.is_active.is_(True))
        .outerjoin(preferred, preferred.c.seeker_id == Seeker.id)
        .outerjoin(first_work_id, first_work_id.c.seeker_id == Seeker.id)
        .outerjoin(work, work.id == first_work_id.c.work_id)
        .subquery()
    )


def counts_by_major_group(session: Session) -> list[MajorGroupCounts]:
    """Open vacancies (and openings) and active seekers per ISCO-08 major group (first digit of the code)."""
    vacancy_group = func.substr(Vacancy.occupation_code, 1, 1)
    vacancies = {
        row[0]: (int(row[1]), int(row[2] or 0))
        for row in session.execute(
            select(vacancy_group, func.count(), func.sum(Vacancy.openings))
            .where(Vacancy.status == "open")
            .group_by(vacancy_group)
        )
    }
    seeker_occ = _seeker_occupation_subquery()
    seeker_group = func.substr(seeker_occ.c.code, 1, 1)
    seekers = {
        row[0]: int(row[1])
        for row in session.execute(select(seeker_group, func.count()).group_by(seeker_group))
    }
    stored_titles = {
        row.code: (row.title_id, row.title_en)
        for row in session.execute(
            select(Occupation.code, Occupation.title_id, Occupation.title_en).where(Occupation.level == 1)
        )
    }
    rows = []
    for group in set(vacancies) | set(seekers):
        builtin_id, builtin_en = ISCO_MAJOR_GROUPS.get(group or "", (None, None))
        stored_id, stored_en = stored_titles.get(group or "", (None, None))
        rows.append(
            MajorGroupCounts(
                major_group=group,
                title_id=stored_id or builtin_id,
                title_en=stored_en or builtin_en,
                seekers_active=seekers.get(group, 0),
                vacancies_open=vacancies.get(group, (0, 0))[0],
                openings=vacancies.get(group, (0, 0))[1],
            )
        )
    return sorted(rows, key=lambda r: (r.major_group is None, r.major_group or ""))


# ----------------------------------------------------------------------------------------- vacancies


def _vacancy_query() -> Any:
    region = aliased(Region, name="v_region")
    province = aliased(Region, name="v_province")
    query = (
        select(
            Vacancy,
            Employer.name.label("employer_name"),
            region.name.label("region_name"),
            province.name.label("province_name"),
            func.coalesce(Occupation.title_id, Occupation.title_en).label("occupation_title"),
        )
        .outerjoin(Employer, Employer.id == Vacancy.employer_id)
        .outerjoin(region, region.code == Vacancy.region_code)
        .outerjoin(province, and_(province.code == region.province_code, province.level == "province"))
        .outerjoin(Occupation, Occupation.code == Vacancy.occupation_code)
    )
    return query


def _vacancy_summary(row: Any) -> dict[str, Any]:
    vacancy: Vacancy = row[0]
    return {
        "id": vacancy.id,
        "title": vacancy.title,
        "employer_name": row.employer_name,
        "region_code": vacancy.region_code,
        "region_name": row.region_name,
        "province_name": row.province_name,
        "occupation_code": vacancy.occupation_code,
        "occupation_title": row.occupation_title,
        "employment_type": vacancy.employment_type,
        "pay_min": vacancy.pay_min,
        "pay_max": vacancy.pay_max,
        "pay_period": vacancy.pay_period,
        "openings": vacancy.openings,
        "posted_date": vacancy.posted_date,
        "closing_date": vacancy.closing_date,
        "status": vacancy.status,
    }


def list_vacancies(
    session: Session,
    *,
    region: str | None = None,
    major_group: str | None = None,
    q: str | None = None,
    status: str | None = "open",
    page: int = 1,
    per_page: int = 20,
) -> Page[VacancySummary]:
    """Vacancies, newest first, filtered by region (province or regency code), ISCO major group and a
    case-insensitive text search in the title. ``status=None`` lists every status."""
    _check_page(page, per_page)
    _check_region(region)
    _check_major_group(major_group)
    query = _vacancy_query()
    if status is not None:
        query = query.where(Vacancy.status == status)
    if region:
        query = query.where(_region_condition(Vacancy.region_code, region))
    if major_group is not None:
        query = query.where(func.substr(Vacancy.occupation_code, 1, 1) == major_group)
    if q and q.strip():
        query = query.where(Vacancy.title.ilike(_like_pattern(q.strip()), escape="\\"))
    query = query.order_by(
        case((Vacancy.posted_date.is_(None), 1), else_=0), Vacancy.posted_date.desc(), Vacancy.id.desc()
    )
    rows, total = _paginate(session, query, page, per_page)
    return Page([VacancySummary(**_vacancy_summary(r)) for r in rows], total, page, per_page)


def get_vacancy(session: Session, vacancy_id: int) -> VacancyDetail | None:
    query = _vacancy_query()
    row = session.execute(query.where(Vacancy.id == vacancy_id)).first()
    if row is None:
        return None
    vacancy: Vacancy = row[0]
    education = session.get(EducationLevel, vacancy.min_education) if vacancy.min_education else None
    skills = [
        VacancySkillItem(skill_id=s.skill_id, label=label, requirement=s.requirement)
        for s, label in session.execute(
            select(VacancySkill, func.coalesce(Skill.label_id, Skill.label_en))
            .join(Skill, Skill.id == VacancySkill.skill_id)
            .where(VacancySkill.vacancy_id == vacancy_id)
            .order_by(VacancySkill.requirement, Skill.label_en)
        )
    ]
    return VacancyDetail(
        **_vacancy_summary(row),
        description=vacancy.description,
        min_education=vacancy.min_education,
        min_education_label=education.label_id if education else None,
        education_field=vacancy.education_field,
        min_experience_years=vacancy.min_experience_years,
        working_time=vacancy.working_time,
        remote=vacancy.remote,
        skills=skills,
    )


# --------------------------------------------------------------------------------------- programmes


def list_programmes(
    session: Session,
    *,
    region: str | None = None,
    q: str | None = None,
    modality: str | None = None,
    active_only: bool = True,
    page: int = 1,
    per_page: int = 20,
) -> Page[ProgrammeSummary]:
    _check_page(page, per_page)
    _check_region(region)
    query = (
        select(
            TrainingProgramme,
            TrainingProvider.name.label("provider_name"),
            TrainingProvider.kind.label("provider_kind"),
            Region.name.label("region_name"),
        )
        .outerjoin(TrainingProvider, TrainingProvider.id == TrainingProgramme.provider_id)
        .outerjoin(Region, Region.code == TrainingProgramme.region_code)
    )
    if active_only:
        query = query.where(TrainingProgramme.is_active.is_(True))
    if region:
        query = query.where(_region_condition(TrainingProgramme.region_code, region))
    if modality:
        query = query.where(TrainingProgramme.modality == modality)
    if q and q.strip():
        query = query.where(TrainingProgramme.title.ilike(_like_pattern(q.strip()), escape="\\"))
    query = query.order_by(TrainingProgramme.title, TrainingProgramme.id)
    rows, total = _paginate(session, query, page, per_page)
    items = []
    for row in rows:
        programme: TrainingProgramme = row[0]
        items.append(
            ProgrammeSummary(
                id=programme.id,
                title=programme.title,
                provider_name=row.provider_name,
                provider_kind=row.provider_kind,
                region_code=programme.region_code,
                region_name=row.region_name,
                hours_jp=programme.hours_jp,
                cost_rp=programme.cost_rp,
                modality=programme.modality,
                capacity=programme.capacity,
                certification=programme.certification,
                is_active=programme.is_active,
            )
        )
    return Page(items, total, page, per_page)


# ------------------------------------------------------------------------------------------ seekers


def list_seekers(
    session: Session,
    *,
    region: str | None = None,
    education_level: str | None = None,
    active: bool | None = True,
    page: int = 1,
    per_page: int = 20,
) -> Page[SeekerSummary]:
    """Seekers for a counsellor's list (callers must check the role): profile fields only, no identifiers."""
    _check_page(page, per_page)
    _check_region(region)
    skills = select(SeekerSkill.seeker_id, func.count().label("n")).group_by(SeekerSkill.seeker_id).subquery()
    query = (
        select(
            Seeker.id,
            Seeker.region_code,
            Region.name.label("region_name"),
            Seeker.education_level,
            EducationLevel.label_id.label("education_label"),
            func.coalesce(skills.c.n, literal(0)).label("skills_count"),
            Seeker.is_active,
            Seeker.registered_on,
            Seeker.willing_to_relocate,
            Seeker.accepts_remote,
            Seeker.preferred_employment_type,
            Seeker.preferred_working_time,
        )
        .outerjoin(Region, Region.code == Seeker.region_code)
        .outerjoin(EducationLevel, EducationLevel.code == Seeker.education_level)
        .outerjoin(skills, skills.c.seeker_id == Seeker.id)
    )
    if active is not None:
        query = query.where(Seeker.is_active.is_(active))
    if region:
        query = query.where(_region_condition(Seeker.region_code, region))
    if education_level:
        query = query.where(Seeker.education_level == education_level)
    query = query.order_by(Seeker.id)
    rows, total = _paginate(session, query, page, per_page)
    items = [
        SeekerSummary(
            id=r.id,
            region_code=r.region_code,
            region_name=r.region_name,
            education_level=r.education_level,
            education_label=r.education_label,
            skills_count=int(r.skills_count),
            is_active=bool(r.is_active),
            registered_on=r.registered_on,
            willing_to_relocate=bool(r.willing_to_relocate),
            accepts_remote=bool(r.accepts_remote),
            preferred_employment_type=r.preferred_employment_type,
            preferred_working_time=r.preferred_working_time,
        )
        for r in rows
    ]
    return Page(items, total, page, per_page)


# -------------------------------------------------------------------------------------- reference


def list_regions(
    session: Session, *, level: str | None = None, province: str | None = None
) -> list[RegionItem]:
    if level is not None and level not in ("province", "regency"):
        raise QueryError(f"parameter 'level' must be 'province' or 'regency', got {level!r}")
    query = select(Region)
    if level:
        query = query.where(Region.level == level)
    if province:
        query = query.where(Region.province_code == province)
    return [
        RegionItem(code=r.code, level=r.level, name=r.name, province_code=r.province_code)
        for r in session.scalars(query.order_by(Region.code))
    ]


def search_occupations(session: Session, q: str | None = None, *, limit: int = 50) -> list[OccupationItem]:
    """Occupations whose code starts with ``q`` or whose Indonesian/English title contains it."""
    if not 1 <= limit <= 500:
        raise QueryError(f"parameter 'limit' must be between 1 and 500, got {limit}")
    query = select(Occupation)
    if q and q.strip():
        text = q.strip()
        pattern = _like_pattern(text)
        code_prefix = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                Occupation.code.like(code_prefix, escape="\\"),
                Occupation.title_en.ilike(pattern, escape="\\"),
                Occupation.title_id.ilike(pattern, escape="\\"),
            )
        )
    query = query.order_by(Occupation.level, Occupation.code).limit(limit)
    return [
        OccupationItem(
            code=o.code, level=o.level, isco_code=o.isco_code, title_en=o.title_en, title_id=o.title_id
        )
        for o in session.scalars(query)
    ]


def region_name(session: Session, code: str) -> str | None:
    return session.scalar(select(Region.name).where(Region.code == code))
