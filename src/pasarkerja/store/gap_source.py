"""The skills-gap layer's records from the database, the composed seeker report, and referrals.

Reads seekers, vacancies, the training catalogue (programmes with their skills, apprenticeships) and
occupation skill profiles into :mod:`pasarkerja.gap` / :mod:`pasarkerja.match` records; builds the column
arrays of the regional analysis; and saves a counsellor's referral of a seeker to a programme or an
apprenticeship (``application`` with ``kind='referral'``, history in ``application_status``).

Nothing here reads personal data (names, NIK, contacts): the gap works on the profile without identifiers.
Who may see which seeker is checked by the callers (API and pages) before they ask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from pasarkerja import gap
from pasarkerja.match import MatchSettings, SeekerProfile, VacancyProfile, WorkSpell, score_pair
from pasarkerja.store.matching import working_time_kind
from pasarkerja.store.models import (
    APPLICATION_STATUSES,
    Application,
    ApplicationStatus,
    Occupation,
    OccupationSkill,
    Region,
    Seeker,
    SeekerSkill,
    Skill,
    TrainingProgramme,
    TrainingProvider,
    Vacancy,
    VacancySkill,
)
from pasarkerja.store.models import Apprenticeship as ApprenticeshipRow

#: The referral life cycle (all in ``models.APPLICATION_STATUSES``); ``rejected``/``withdrawn`` end it early.
REFERRAL_FLOW = ("referred", "enrolled", "completed", "placed")
REFERRAL_ENDS = ("rejected", "withdrawn")
#: An occupation profile derived from vacancies: essential when at least this share of the occupation's
#: vacancies lists the skill as essential, optional when at least OPTIONAL_SHARE list it at all.
ESSENTIAL_SHARE = 0.5
OPTIONAL_SHARE = 0.2
#: Near misses are looked for among at most this many open vacancies (the newest) in the seeker's reach.
NEAR_MISS_POOL = 5000


class GapSourceError(ValueError):
    """A record asked for that does not exist or cannot be used; the message names it."""


# ------------------------------------------------------------------------------------------ records


def _dates(values: Iterable[Any], record: str) -> tuple[dt.date, ...]:
    days: list[dt.date] = []
    for value in values or ():
        if isinstance(value, dt.date):
            days.append(value)
            continue
        try:
            days.append(dt.date.fromisoformat(str(value)))
        except ValueError as exc:
            raise GapSourceError(f"{record}: start_dates holds {value!r}, not an ISO date") from exc
    return tuple(days)


def seeker_profile(session: Session, seeker_id: int) -> SeekerProfile | None:
    """The seeker's profile for matching and the gap (no personal data), or None when there is none."""
    row = session.get(Seeker, seeker_id)
    if row is None:
        return None
    return SeekerProfile(
        id=str(row.id),
        skill_ids=tuple(s.skill_id for s in row.skills),
        work_history=tuple(
            WorkSpell(w.occupation_code, float(w.years or 0.0)) for w in row.work_history if w.occupation_code
        ),
        preferred_occupations=tuple(p.occupation_code for p in row.preferred_occupations),
        preferred_regions=tuple(p.region_code for p in row.preferred_regions),
        education_level=row.education_level,
        education_field=row.education_field,
        experience_years=float(sum(w.years or 0.0 for w in row.work_history)),
        region_code=row.region_code,
        willing_to_relocate=bool(row.willing_to_relocate),
        accepts_remote=bool(row.accepts_remote),
        expected_pay=None if row.expected_pay is None else float(row.expected_pay),
        preferred_employment_types=(row.preferred_employment_type,) if row.preferred_employment_type else (),
        preferred_working_times=(row.preferred_working_time,) if row.preferred_working_time else (),
        is_active=bool(row.is_active),
    )


def _monthly(amount: int | None, period: str | None) -> float | None:
    if amount is None:
        return None
    factor = {"hour": 173.0, "day": 22.0, "week": 52.0 / 12.0, "month": 1.0, "year": 1.0 / 12.0}
    return float(amount) * factor.get(period or "month", 1.0)


def _vacancy_profile(row: Vacancy) -> VacancyProfile:
    essential = tuple(s.skill_id for s in row.skills if s.requirement == "essential")
    optional = tuple(s.skill_id for s in row.skills if s.requirement != "essential")
    return VacancyProfile(
        id=str(row.id),
        essential_skill_ids=essential,
        optional_skill_ids=optional,
        occupation_code=row.occupation_code,
        min_education=row.min_education,
        education_field=row.education_field,
        min_experience_years=float(row.min_experience_years or 0.0),
        pay_min=_monthly(row.pay_min, row.pay_period),
        pay_max=_monthly(row.pay_max, row.pay_period),
        region_code=row.region_code,
        remote=bool(row.remote),
        employment_type=row.employment_type,
        working_time=working_time_kind(row.working_time),
        openings=int(row.openings or 1),
        status=row.status,
    )


def vacancy_profile(session: Session, vacancy_id: int) -> VacancyProfile | None:
    row = session.get(Vacancy, vacancy_id)
    return None if row is None else _vacancy_profile(row)


def reachable_open_vacancies(
    session: Session, seeker: SeekerProfile, limit: int = NEAR_MISS_POOL
) -> list[VacancyProfile]:
    """Open vacancies the seeker could take: in the seeker's province or remote, anywhere when the seeker
    is willing to relocate or has no region; the newest ``limit``."""
    query = select(Vacancy).where(Vacancy.status == "open")
    if seeker.region_code and not seeker.willing_to_relocate:
        query = query.where(
            or_(Vacancy.region_code.like(f"{seeker.region_code[:2]}%"), Vacancy.remote.is_(True))
        )
    query = query.order_by(Vacancy.posted_date.desc().nulls_last(), Vacancy.id.desc()).limit(limit)
    return [_vacancy_profile(v) for v in session.scalars(query)]


def catalogue(session: Session, occupation_skills: dict[str, tuple[str, ...]] | None = None) -> gap.Catalogue:
    """Every programme (inactive ones too: the pathway reports them as left out) and apprenticeship, with
    the essential skills of the apprenticeships' occupations."""
    programmes: list[gap.Programme] = []
    providers = dict(session.execute(select(TrainingProvider.id, TrainingProvider.name)).all())
    for row in session.scalars(select(TrainingProgramme).order_by(TrainingProgramme.id)):
        record = f"programme {row.id}"
        programmes.append(
            gap.Programme(
                id=str(row.id),
                title=row.title,
                skill_ids=tuple(s.skill_id for s in row.skills),
                hours_jp=row.hours_jp,
                cost_rp=row.cost_rp,
                region_code=row.region_code,
                modality=row.modality,  # type: ignore[arg-type]  # checked by the table and the record
                capacity=row.capacity,
                start_dates=_dates(row.start_dates, record),
                certification=row.certification,
                provider=providers.get(row.provider_id) if row.provider_id is not None else None,
                is_active=bool(row.is_active),
            )
        )
    apprenticeships = [
        gap.Apprenticeship(
            id=str(row.id),
            title=row.title,
            occupation_code=row.occupation_code,
            seats=int(row.seats if row.seats is not None else 1),
            months=row.months,
            region_code=row.region_code,
            stipend_rp=row.stipend_rp,
            starts_on=row.starts_on,
            company=row.company,
        )
        for row in session.scalars(select(ApprenticeshipRow).order_by(ApprenticeshipRow.id))
    ]
    if occupation_skills is None:
        codes = {a.occupation_code for a in apprenticeships if a.occupation_code}
        occupation_skills = gap.essential_skills_by_occupation(occupation_profiles(session, codes))
    return gap.Catalogue(programmes, apprenticeships, occupation_skills)


def occupation_profiles(session: Session, codes: Iterable[str] | None = None) -> list[gap.OccupationProfile]:
    """Skill profiles of the occupations (all that have one when ``codes`` is None).

    The ESCO relations in ``occupation_skill`` where the database has them; otherwise the profile is derived
    from the vacancies of that occupation (docs/GAP.md: essential when ≥ 50 % of them list the skill as
    essential, optional when ≥ 20 % list it at all).
    """
    wanted = None if codes is None else set(codes)
    essential: dict[str, list[str]] = {}
    optional: dict[str, list[str]] = {}
    query = select(OccupationSkill.occupation_code, OccupationSkill.skill_id, OccupationSkill.relation)
    if wanted is not None:
        query = query.where(OccupationSkill.occupation_code.in_(sorted(wanted)))
    for code, skill, relation in session.execute(query.order_by(OccupationSkill.skill_id)):
        (essential if relation == "essential" else optional).setdefault(code, []).append(skill)
    from_esco = set(essential) | set(optional)

    totals_query = select(Vacancy.occupation_code, func.count()).where(Vacancy.occupation_code.is_not(None))
    if wanted is not None:
        totals_query = totals_query.where(Vacancy.occupation_code.in_(sorted(wanted)))
    totals = {
        c: n for c, n in session.execute(totals_query.group_by(Vacancy.occupation_code)) if c is not None
    }
    shares_query = (
        select(
            Vacancy.occupation_code,
            VacancySkill.skill_id,
            func.count(),
            func.sum(case((VacancySkill.requirement == "essential", 1), else_=0)),
        )
        .join(VacancySkill, VacancySkill.vacancy_id == Vacancy.id)
        .where(Vacancy.occupation_code.in_(sorted(c for c in totals if c not in from_esco)))
        .group_by(Vacancy.occupation_code, VacancySkill.skill_id)
        .order_by(Vacancy.occupation_code, VacancySkill.skill_id)
    )
    for code, skill, listed, as_essential in session.execute(shares_query):
        if code is None:
            continue
        total = totals[code]
        if int(as_essential or 0) >= ESSENTIAL_SHARE * total:
            essential.setdefault(code, []).append(skill)
        elif int(listed) >= OPTIONAL_SHARE * total:
            optional.setdefault(code, []).append(skill)
    found = sorted(set(essential) | set(optional))
    titles = dict(
        session.execute(
            select(Occupation.code, func.coalesce(Occupation.title_id, Occupation.title_en)).where(
                Occupation.code.in_(found)
            )
        ).all()
    )
    return [
        gap.OccupationProfile(
            code=code,
            title=titles.get(code) or code,
            essential_skill_ids=tuple(essential.get(code, ())),
            optional_skill_ids=tuple(optional.get(code, ())),
        )
        for code in found
    ]


def local_openings(session: Session, province: str | None) -> dict[str, int]:
    """Occupation code → openings of open vacancies in the province (everywhere when None)."""
    query = select(Vacancy.occupation_code, func.sum(Vacancy.openings)).where(
        Vacancy.status == "open", Vacancy.occupation_code.is_not(None)
    )
    if province:
        query = query.where(Vacancy.region_code.like(f"{province[:2]}%"))
    return {
        code: int(n or 0)
        for code, n in session.execute(query.group_by(Vacancy.occupation_code))
        if code is not None
    }


def skill_labels(session: Session, skill_ids: Iterable[str], language: str = "id") -> dict[str, str]:
    """Skill id → label in the language (Indonesian falls back to English, then to the id)."""
    ids = sorted(set(skill_ids))
    labels: dict[str, str] = {}
    for start in range(0, len(ids), 900):  # stay under SQLite's bound-parameter limit
        chunk = ids[start : start + 900]
        for skill_id, label_id, label_en in session.execute(
            select(Skill.id, Skill.label_id, Skill.label_en).where(Skill.id.in_(chunk))
        ):
            labels[skill_id] = (
                (label_id or label_en) if language == "id" else (label_en or label_id)
            ) or skill_id
    return {s: labels.get(s, s) for s in ids}


# ---------------------------------------------------------------------------------- seeker report


@dataclass(frozen=True)
class SeekerGapReport:
    """Everything the seeker's gap page, API and CLI show: the gap, the pathway and the career paths."""

    seeker: SeekerProfile
    target_kind: str  # "vacancy" | "occupation" | "near-misses"
    target_id: str | None
    skill_gap: gap.SkillGap
    pathway: gap.Pathway
    careers: list[gap.CareerPath]
    catalogue: gap.Catalogue
    vacancy_titles: dict[str, str] = field(default_factory=dict)


def _scorer(settings: MatchSettings) -> gap.ScoreFn:
    def score(seeker: SeekerProfile, vacancy: VacancyProfile) -> float:
        return score_pair(seeker, vacancy, settings, explain=False).score

    return score


def seeker_report(
    session: Session,
    seeker_id: int,
    *,
    vacancy_id: int | None = None,
    occupation_code: str | None = None,
    objective: gap.records.Objective = "money",
    today: dt.date | None = None,
    top_n: int = 10,
    match_settings: MatchSettings | None = None,
    career_limit: int = 8,
) -> SeekerGapReport:
    """The seeker's gap against a vacancy, an occupation or (neither given) the top-N near misses, the
    cheapest pathway for the missing essential skills, and the career paths."""
    if vacancy_id is not None and occupation_code:
        raise GapSourceError("give a vacancy or an occupation as the target, not both")
    seeker = seeker_profile(session, seeker_id)
    if seeker is None:
        raise GapSourceError(f"seeker {seeker_id} not found")
    today = today or dt.date.today()
    score = _scorer(match_settings or MatchSettings())
    profiles = occupation_profiles(session)
    by_code = {p.code: p for p in profiles}
    cat = catalogue(session, gap.essential_skills_by_occupation(profiles))
    targets: list[VacancyProfile] = []
    if vacancy_id is not None:
        vacancy = vacancy_profile(session, vacancy_id)
        if vacancy is None:
            raise GapSourceError(f"vacancy {vacancy_id} not found")
        result = gap.gap_to_vacancy(seeker, vacancy, cat, score=score)
        targets = [vacancy]
        kind, target = "vacancy", str(vacancy_id)
    elif occupation_code:
        profile = by_code.get(occupation_code)
        if profile is None:
            title = session.scalar(select(Occupation.title_en).where(Occupation.code == occupation_code))
            if title is None:
                raise GapSourceError(f"occupation {occupation_code} not found")
            profile = gap.OccupationProfile(occupation_code, title)  # no skills known: the gap warns
        result = gap.gap_to_occupation(seeker, profile, cat)
        kind, target = "occupation", occupation_code
    else:
        pool = reachable_open_vacancies(session, seeker)
        result = gap.gap_to_near_misses(seeker, pool, cat, score=score, top_n=top_n)
        ids = {t.target_id for t in result.targets}
        targets = [v for v in pool if v.id in ids]
        targets.sort(key=lambda v: [t.target_id for t in result.targets].index(v.id))
        kind, target = "near-misses", None
    pathway = gap.training_pathway(
        seeker, result.essential_skill_ids, cat, today=today, objective=objective, score=score,
        vacancies=targets,
    )  # fmt: skip
    careers = gap.career_paths(
        seeker,
        profiles,
        cat,
        local_openings=local_openings(session, seeker.region_code),
        limit=career_limit,
    )
    titles = dict(
        session.execute(
            select(Vacancy.id, Vacancy.title).where(Vacancy.id.in_([int(v.id) for v in targets]))
        ).all()
    )
    return SeekerGapReport(
        seeker=seeker,
        target_kind=kind,
        target_id=target,
        skill_gap=result,
        pathway=pathway,
        careers=careers,
        catalogue=cat,
        vacancy_titles={str(k): v for k, v in titles.items()},
    )


# -------------------------------------------------------------------------------- regional needs


@dataclass(frozen=True)
class RegionalInput:
    seekers: gap.SeekerColumns
    vacancies: gap.VacancyColumns
    regency_codes: tuple[str, ...]
    skill_ids: tuple[str, ...]
    programmes: list[gap.Programme]


def _regency_index(code: str | None, index: dict[str, int], codes: list[str]) -> int:
    """A record's regency; a province-only code goes to ``PP00`` ("regency unknown" in that province)."""
    if not code:
        return -1
    key = code if len(code) >= 4 else f"{code[:2]}00"
    if key not in index:
        index[key] = len(codes)
        codes.append(key)
    return index[key]


def regional_input(session: Session, province: str | None = None) -> RegionalInput:
    """Active seekers and open vacancies (of one province, or all) as column arrays, and the catalogue."""
    codes = [
        c for c in session.scalars(select(Region.code).where(Region.level == "regency").order_by(Region.code))
    ]
    if province:
        codes = [c for c in codes if c.startswith(province)]
    index = {c: i for i, c in enumerate(codes)}
    skill_index: dict[str, int] = {}

    def skill(s: str) -> int:
        if s not in skill_index:
            skill_index[s] = len(skill_index)
        return skill_index[s]

    seeker_query = select(Seeker.id, Seeker.region_code).where(Seeker.is_active.is_(True))
    skill_query = (
        select(SeekerSkill.seeker_id, SeekerSkill.skill_id)
        .join(Seeker, Seeker.id == SeekerSkill.seeker_id)
        .where(Seeker.is_active.is_(True))
    )
    if province:
        seeker_query = seeker_query.where(Seeker.region_code.like(f"{province}%"))
        skill_query = skill_query.where(Seeker.region_code.like(f"{province}%"))
    seeker_rows = session.execute(seeker_query.order_by(Seeker.id)).all()
    position = {sid: i for i, (sid, _) in enumerate(seeker_rows)}
    held: list[list[int]] = [[] for _ in seeker_rows]
    for sid, skill_id in session.execute(skill_query):
        held[position[sid]].append(skill(skill_id))
    seekers = gap.SeekerColumns(
        region=np.array([_regency_index(r, index, codes) for _, r in seeker_rows], dtype=np.int64),
        skill_indptr=np.cumsum([0, *(len(h) for h in held)], dtype=np.int64),
        skill_indices=np.array([s for h in held for s in h], dtype=np.int64),
    )

    vacancy_query = select(Vacancy.id, Vacancy.region_code, Vacancy.openings).where(Vacancy.status == "open")
    vskill_query = (
        select(VacancySkill.vacancy_id, VacancySkill.skill_id, VacancySkill.requirement)
        .join(Vacancy, Vacancy.id == VacancySkill.vacancy_id)
        .where(Vacancy.status == "open")
    )
    if province:
        vacancy_query = vacancy_query.where(Vacancy.region_code.like(f"{province}%"))
        vskill_query = vskill_query.where(Vacancy.region_code.like(f"{province}%"))
    vacancy_rows = session.execute(vacancy_query.order_by(Vacancy.id)).all()
    vposition = {vid: i for i, (vid, _, _) in enumerate(vacancy_rows)}
    wanted: list[list[tuple[int, bool]]] = [[] for _ in vacancy_rows]
    for vid, skill_id, requirement in session.execute(vskill_query):
        wanted[vposition[vid]].append((skill(skill_id), requirement == "essential"))
    vacancies = gap.VacancyColumns(
        region=np.array([_regency_index(r, index, codes) for _, r, _ in vacancy_rows], dtype=np.int64),
        openings=np.array([int(n or 1) for _, _, n in vacancy_rows], dtype=np.int64),
        skill_indptr=np.cumsum([0, *(len(w) for w in wanted)], dtype=np.int64),
        skill_indices=np.array([s for w in wanted for s, _ in w], dtype=np.int64),
        skill_essential=np.array([e for w in wanted for _, e in w], dtype=np.bool_),
    )
    programmes = [p for p in catalogue(session, {}).programmes if p.is_active]
    for p in programmes:
        for s in p.skill_ids:
            skill(s)
    return RegionalInput(seekers, vacancies, tuple(codes), tuple(skill_index), programmes)


def regional_needs(
    session: Session, province: str | None = None, *, levels: Sequence[str] = ("province",), top: int = 20
) -> gap.RegionalNeeds:
    """Regional training needs (docs/GAP.md) over the database, for one province or the country."""
    data = regional_input(session, province)
    needs = gap.regional_needs(
        data.seekers, data.vacancies, data.regency_codes, data.skill_ids, data.programmes,
        top_programmes=top, programme_levels=tuple(levels),
    )  # fmt: skip
    return needs


def region_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Region.code, Region.name)).all())


# ------------------------------------------------------------------------------------------ referrals


@dataclass(frozen=True)
class Referral:
    id: int
    seeker_id: int
    kind: str  # "programme" | "apprenticeship"
    target_id: int
    title: str
    status: str
    created_at: dt.datetime
    history: tuple[tuple[str, dt.datetime, str | None], ...]


def save_referral(
    session: Session,
    seeker_id: int,
    *,
    programme_id: int | None = None,
    apprenticeship_id: int | None = None,
    created_by: int | None = None,
    note: str | None = None,
) -> Application:
    """Refer the seeker to one programme or apprenticeship (status ``referred``). The caller commits.

    Refuses a second open referral of the same seeker to the same target, and targets that do not exist."""
    if (programme_id is None) == (apprenticeship_id is None):
        raise GapSourceError("a referral names exactly one programme or one apprenticeship")
    if session.get(Seeker, seeker_id) is None:
        raise GapSourceError(f"seeker {seeker_id} not found")
    if programme_id is not None:
        programme = session.get(TrainingProgramme, programme_id)
        if programme is None:
            raise GapSourceError(f"programme {programme_id} not found")
        if not programme.is_active:
            raise GapSourceError(f"programme {programme_id} is not active")
        same = Application.programme_id == programme_id
    else:
        if session.get(ApprenticeshipRow, apprenticeship_id) is None:
            raise GapSourceError(f"apprenticeship {apprenticeship_id} not found")
        same = Application.apprenticeship_id == apprenticeship_id
    existing = session.scalar(
        select(Application).where(
            Application.seeker_id == seeker_id,
            Application.kind == "referral",
            same,
            Application.status.not_in(REFERRAL_ENDS),
        )
    )
    if existing is not None:
        target = (
            f"programme {programme_id}" if programme_id is not None else f"apprenticeship {apprenticeship_id}"
        )
        raise GapSourceError(
            f"seeker {seeker_id} is already referred to {target} "
            f"(referral {existing.id}, status {existing.status})"
        )
    application = Application(
        kind="referral",
        seeker_id=seeker_id,
        programme_id=programme_id,
        apprenticeship_id=apprenticeship_id,
        status="referred",
        created_by=created_by,
    )
    application.history.append(ApplicationStatus(status="referred", changed_by=created_by, note=note))
    session.add(application)
    session.flush()
    return application


def update_referral(
    session: Session, referral_id: int, status: str, *, changed_by: int | None = None, note: str | None = None
) -> Application:
    """Move a referral along referred → enrolled → completed → placed (or end it: rejected, withdrawn)."""
    if status not in APPLICATION_STATUSES or status not in (*REFERRAL_FLOW, *REFERRAL_ENDS):
        raise GapSourceError(
            f"referral status must be one of {', '.join((*REFERRAL_FLOW, *REFERRAL_ENDS))}, got {status!r}"
        )
    application = session.get(Application, referral_id)
    if application is None or application.kind != "referral" or application.vacancy_id is not None:
        raise GapSourceError(f"referral {referral_id} not found")
    current = application.status
    if current in REFERRAL_ENDS or current == "placed":
        raise GapSourceError(f"referral {referral_id} is {current}: its status can no longer change")
    if status in REFERRAL_FLOW and REFERRAL_FLOW.index(status) <= REFERRAL_FLOW.index(current):
        raise GapSourceError(f"referral {referral_id} is {current}: it cannot go back to {status}")
    application.status = status
    application.history.append(ApplicationStatus(status=status, changed_by=changed_by, note=note))
    session.flush()
    return application


def referrals(session: Session, seeker_id: int) -> list[Referral]:
    """The seeker's referrals to programmes and apprenticeships, newest first."""
    rows = session.scalars(
        select(Application)
        .where(
            Application.seeker_id == seeker_id,
            Application.kind == "referral",
            Application.vacancy_id.is_(None),
        )
        .order_by(Application.id.desc())
    ).all()
    result: list[Referral] = []
    for row in rows:
        if row.programme_id is not None:
            kind, target = "programme", row.programme_id
            title = session.scalar(select(TrainingProgramme.title).where(TrainingProgramme.id == target))
        else:
            kind, target = "apprenticeship", int(row.apprenticeship_id or 0)
            title = session.scalar(select(ApprenticeshipRow.title).where(ApprenticeshipRow.id == target))
        result.append(
            Referral(
                id=row.id,
                seeker_id=row.seeker_id,
                kind=kind,
                target_id=target,
                title=title or "",
                status=row.status,
                created_at=row.created_at,
                history=tuple((h.status, h.changed_at, h.note) for h in row.history),
            )
        )
    return result


# --------------------------------------------------------------------------------- plain dict shape


def report_dict(session: Session, report: SeekerGapReport, language: str = "id") -> dict[str, Any]:
    """The report as plain JSON-ready values (dates as ISO strings), with skill labels — the shape of
    ``GET /api/gap/seekers/{id}`` and ``pasarkerja gap seeker --json``."""
    skill_ids = {m.skill_id for m in report.skill_gap.missing}
    skill_ids |= set(report.pathway.requested)
    for career in report.careers:
        skill_ids |= set(career.gap.missing_essential) | set(career.gap.missing_optional)
    labels = skill_labels(session, skill_ids, language)
    programmes = {p.id: p for p in report.catalogue.programmes}
    apprenticeships = {a.id: a for a in report.catalogue.apprenticeships}

    def iso(day: dt.date | None) -> str | None:
        return None if day is None else day.isoformat()

    path = report.pathway
    return {
        "seeker_id": report.seeker.id,
        "target": {"kind": report.target_kind, "id": report.target_id},
        "targets": [
            {
                "id": t.target_id,
                "kind": t.kind,
                "title": report.vacancy_titles.get(t.target_id) if t.kind == "vacancy" else None,
                "score": t.score,
                "missing_essential": list(t.missing_essential),
                "missing_optional": list(t.missing_optional),
                "unlocked": t.unlocked,
            }
            for t in report.skill_gap.targets
        ],
        "missing": [
            {
                "skill_id": m.skill_id,
                "label": labels.get(m.skill_id, m.skill_id),
                "value": round(m.value, 4),
                "essential_in": m.essential_in,
                "optional_in": m.optional_in,
                "unlocks_alone": m.unlocks_alone,
                "programmes": [{"id": i, "title": programmes[i].title} for i in m.programme_ids],
                "apprenticeships": [
                    {"id": i, "title": apprenticeships[i].title} for i in m.apprenticeship_ids
                ],
            }
            for m in report.skill_gap.missing
        ],
        "not_taught": list(report.skill_gap.not_taught),
        "warnings": list(report.skill_gap.warnings),
        "pathway": {
            "objective": path.objective,
            "method": path.method,
            "optimal": path.optimal,
            "bound": path.bound,
            "objective_value": path.objective_value,
            "total_cost_rp": path.total_cost_rp,
            "total_hours_jp": path.total_hours_jp,
            "total_travel": path.total_travel,
            "complete": path.complete,
            "steps": [
                {
                    "kind": s.kind,
                    "id": s.id,
                    "title": s.title,
                    "covers": [{"skill_id": c, "label": labels.get(c, c)} for c in s.covers],
                    "cost_rp": s.cost_rp,
                    "hours_jp": s.hours_jp,
                    "travel": s.travel,
                    "modality": s.modality,
                    "region_code": s.region_code,
                    "next_start": iso(s.next_start),
                }
                for s in path.steps
            ],
            "covered": list(path.covered),
            "uncovered": [
                {
                    "skill_id": u.skill_id,
                    "label": labels.get(u.skill_id, u.skill_id),
                    "kind": u.kind,
                    "reason": u.reason,
                }
                for u in path.uncovered
            ],
            "excluded": [{"kind": e.kind, "id": e.id, "reason": e.reason} for e in path.excluded],
            "projected": [
                {
                    "vacancy_id": p.vacancy_id,
                    "title": report.vacancy_titles.get(p.vacancy_id),
                    "before": p.before,
                    "after": p.after,
                    "unlocked_before": p.unlocked_before,
                    "unlocked_after": p.unlocked_after,
                }
                for p in path.projected
            ],
            "unlocked_vacancy_ids": list(path.unlocked_vacancy_ids),
            "warnings": list(path.warnings),
        },
        "careers": [
            {
                "occupation_code": c.occupation_code,
                "title": c.title,
                "from_occupation": c.from_occupation,
                "adjacency": round(c.adjacency, 4),
                "jaccard": round(c.jaccard, 4),
                "isco_shared_levels": c.isco_shared_levels,
                "local_openings": c.local_openings,
                "missing_essential": [
                    {"skill_id": s, "label": labels.get(s, s)} for s in c.gap.missing_essential
                ],
                "missing_optional": [
                    {"skill_id": s, "label": labels.get(s, s)} for s in c.gap.missing_optional
                ],
            }
            for c in report.careers
        ],
    }
