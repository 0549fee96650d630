"""The database side of the link-and-match: seekers and vacancies as match records, batch runs, referrals.

Reads only the de-identified tables (``seeker``, ``seeker_skill``, ``seeker_work``, preferences, ``vacancy``,
``vacancy_skill``): ``seeker_personal`` (names, NIK, birth date, sex, …) is never touched here, so no
protected attribute can reach a :class:`~pasarkerja.match.SeekerProfile`. Profiles are keyed by the
database id as a string (``"17"``).

Working time reaches the engine as one word of :data:`~pasarkerja.store.models.WORKING_TIMES` on both sides:
a seeker states ``non-shift`` or ``shift`` (or nothing), a vacancy's free text ("Shift (3 shift), 6 hari
kerja", "Senin–Jumat 08.00–17.00") is read by :func:`working_time_kind`. The engine compares the two
as equal strings, so passing the ad's raw text would make every seeker with a preference miss every ad.

Bulk loading goes ``chunk_size`` seekers at a time by id range: one query per table per chunk, so 5,000
demo seekers take a handful of queries and a national register streams without holding ORM objects.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sqlalchemy import Engine, and_, func, insert, select
from sqlalchemy.orm import Session

from pasarkerja.extract.terms import extract_working_time
from pasarkerja.match import (
    BatchResult,
    MatchSettings,
    ProfileVacancyIndex,
    SeekerIndex,
    SeekerProfile,
    SkillRelatedness,
    VacancyProfile,
    WorkSpell,
    batch_top_k,
    build_vacancy_index,
    encode_seekers,
    recommend_vacancies,
    score_pair,
    shortlist_seekers,
    skill_relatedness_from_catalogue,
)
from pasarkerja.match import MatchResult as MatchResultRecord
from pasarkerja.store.db import transaction
from pasarkerja.store.models import (
    Application,
    ApplicationStatus,
    Consent,
    Employer,
    JobFair,
    MatchResult,
    MatchRun,
    Occupation,
    Region,
    Seeker,
    SeekerPreferredOccupation,
    SeekerPreferredRegion,
    SeekerSkill,
    SeekerWork,
    Skill,
    Vacancy,
    VacancySkill,
)

DISCOVERABLE = "discoverable_by_employers"
SHARE_CONTACT = "share_contact_on_application"
# A referral in one of these states is finished; a new referral to the same vacancy is then allowed.
CLOSED_APPLICATION_STATUSES = frozenset({"rejected", "withdrawn", "placed", "completed"})

# Pay stated per another period, turned into a month the way Indonesian payroll counts it: 173 working
# hours, 25 working days (six-day week) and 52/12 weeks in a month.
_MONTHLY_FACTOR = {"month": 1.0, "year": 1 / 12, "week": 52 / 12, "day": 25.0, "hour": 173.0}


class ReferralError(ValueError):
    """A referral that cannot be made; the message says which record and why."""


@lru_cache(maxsize=1)
def match_relatedness() -> SkillRelatedness:
    """How skills and occupations relate, from the shipped skill catalogue (skill groups, and occupations
    that share skills); built once per process (about a second)."""
    from pasarkerja.taxonomy.vocab import skill_catalogue

    return skill_relatedness_from_catalogue(skill_catalogue())


# ------------------------------------------------------------------------------------------ loading


class _IscoCodes:
    """ISCO-08 group codes for occupation codes of the ``occupation`` table. A finer local or ESCO
    occupation (``7212_1``) counts as its unit group; the engine compares ISCO groups."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[str, str] = {}

    def __call__(self, code: str | None) -> str | None:
        if not code:
            return None
        if code.isdigit():
            return code
        if code not in self.known:
            isco = self.session.scalar(select(Occupation.isco_code).where(Occupation.code == code))
            self.known[code] = isco or ""
        return self.known[code] or None


def _monthly(amount: int | None, period: str | None) -> float | None:
    if amount is None:
        return None
    factor = _MONTHLY_FACTOR.get(period or "month")
    if factor is None:
        return None
    value = float(amount) * factor
    return value if math.isfinite(value) and value > 0 else None


@lru_cache(maxsize=65_536)
def working_time_kind(text: str | None) -> str | None:
    """``shift`` when the working-time text of an ad speaks of shift work, ``non-shift`` when it states
    working days or hours without shifts (or says "non shift"), None when it says nothing the extractor
    can read (no constraint: every seeker's preference fits it).

    Cached by text: ads of one employer or one portal repeat a handful of phrasings, and the extractor
    costs about 0.1 ms a call."""
    if text is None or not text.strip():
        return None
    fact = extract_working_time(text)
    if fact is None:
        return None
    return "shift" if fact.shift_work else "non-shift"


def _vacancy_profile(row: Any, skills: Sequence[tuple[str, str]], isco: _IscoCodes) -> VacancyProfile:
    return VacancyProfile(
        id=str(row.id),
        essential_skill_ids=tuple(s for s, kind in skills if kind == "essential"),
        optional_skill_ids=tuple(s for s, kind in skills if kind != "essential"),
        occupation_code=isco(row.occupation_code),
        min_education=row.min_education,
        education_field=row.education_field,
        min_experience_years=max(0.0, float(row.min_experience_years or 0.0)),
        pay_min=_monthly(row.pay_min, row.pay_period),
        pay_max=_monthly(row.pay_max, row.pay_period),
        region_code=row.region_code,
        remote=bool(row.remote),
        employment_type=row.employment_type,
        working_time=working_time_kind(row.working_time),
        openings=max(1, int(row.openings or 1)),
        status=row.status,
    )


_VACANCY_COLUMNS = (
    Vacancy.id,
    Vacancy.occupation_code,
    Vacancy.min_education,
    Vacancy.education_field,
    Vacancy.min_experience_years,
    Vacancy.pay_min,
    Vacancy.pay_max,
    Vacancy.pay_period,
    Vacancy.region_code,
    Vacancy.remote,
    Vacancy.employment_type,
    Vacancy.working_time,
    Vacancy.openings,
    Vacancy.status,
)


def load_vacancies(
    session: Session, ids: Iterable[int] | None = None, *, only_open: bool = True, chunk_size: int = 5000
) -> list[VacancyProfile]:
    """Vacancies as match records (all open ones, or those with ``ids``), in id order."""
    isco = _IscoCodes(session)
    wanted = None if ids is None else sorted(set(ids))
    query = select(*_VACANCY_COLUMNS).order_by(Vacancy.id)
    if only_open:
        query = query.where(Vacancy.status == "open")
    rows: list[Any] = []
    if wanted is None:
        rows = list(session.execute(query))
    else:
        for start in range(0, len(wanted), chunk_size):
            part = wanted[start : start + chunk_size]
            rows += list(session.execute(query.where(Vacancy.id.in_(part))))
    skills: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for start in range(0, len(rows), chunk_size):
        chunk_ids = [row.id for row in rows[start : start + chunk_size]]
        for vacancy_id, skill_id, requirement in session.execute(
            select(VacancySkill.vacancy_id, VacancySkill.skill_id, VacancySkill.requirement)
            .where(VacancySkill.vacancy_id.in_(chunk_ids))
            .order_by(VacancySkill.vacancy_id, VacancySkill.skill_id)
        ):
            skills[vacancy_id].append((skill_id, requirement))
    return [_vacancy_profile(row, skills.get(row.id, ()), isco) for row in rows]


def load_vacancy(session: Session, vacancy_id: int) -> VacancyProfile | None:
    """One vacancy as a match record, whatever its status (None when there is no such vacancy)."""
    found = load_vacancies(session, [vacancy_id], only_open=False)
    return found[0] if found else None


_SEEKER_COLUMNS = (
    Seeker.id,
    Seeker.education_level,
    Seeker.education_field,
    Seeker.region_code,
    Seeker.willing_to_relocate,
    Seeker.accepts_remote,
    Seeker.expected_pay,
    Seeker.preferred_employment_type,
    Seeker.preferred_working_time,
    Seeker.is_active,
)


def _seeker_chunk(session: Session, rows: list[Any], isco: _IscoCodes) -> list[SeekerProfile]:
    if not rows:
        return []
    low, high = rows[0].id, rows[-1].id
    ids = {row.id for row in rows}

    def children(*columns: Any) -> dict[int, list[Any]]:
        owner = columns[0]
        found: dict[int, list[Any]] = defaultdict(list)
        for record in session.execute(select(*columns).where(owner.between(low, high)).order_by(*columns)):
            if record[0] in ids:
                found[record[0]].append(record[1:])
        return found

    skills = children(SeekerSkill.seeker_id, SeekerSkill.skill_id)
    work = children(SeekerWork.seeker_id, SeekerWork.id, SeekerWork.occupation_code, SeekerWork.years)
    occupations = children(SeekerPreferredOccupation.seeker_id, SeekerPreferredOccupation.occupation_code)
    regions = children(SeekerPreferredRegion.seeker_id, SeekerPreferredRegion.region_code)
    profiles = []
    for row in rows:
        spells = []
        for _, code, years in work.get(row.id, ()):
            isco_code = isco(code)
            # A job whose occupation nobody coded still counts as experience, just not towards proximity.
            spells.append((isco_code, max(0.0, float(years or 0.0))))
        preferred = tuple(dict.fromkeys(c for (code,) in occupations.get(row.id, ()) if (c := isco(code))))
        expected = row.expected_pay
        profiles.append(
            SeekerProfile(
                id=str(row.id),
                skill_ids=tuple(s for (s,) in skills.get(row.id, ())),
                work_history=tuple(WorkSpell(code, years) for code, years in spells if code),
                preferred_occupations=preferred,
                preferred_regions=tuple(r for (r,) in regions.get(row.id, ())),
                education_level=row.education_level,
                education_field=row.education_field,
                experience_years=sum(years for _, years in spells),
                region_code=row.region_code,
                willing_to_relocate=bool(row.willing_to_relocate),
                accepts_remote=bool(row.accepts_remote),
                expected_pay=float(expected) if expected is not None and expected > 0 else None,
                preferred_employment_types=(row.preferred_employment_type,)
                if row.preferred_employment_type
                else (),
                preferred_working_times=(row.preferred_working_time,) if row.preferred_working_time else (),
                is_active=bool(row.is_active),
            )
        )
    return profiles


def iter_seeker_chunks(
    session: Session,
    *,
    only_active: bool = True,
    ids: Iterable[int] | None = None,
    chunk_size: int = 5000,
) -> Iterator[list[SeekerProfile]]:
    """Seekers as match records, ``chunk_size`` at a time in id order (all active ones, or ``ids``)."""
    if chunk_size <= 0:
        raise ValueError(f"chunk_size must be > 0, got {chunk_size}")
    isco = _IscoCodes(session)
    query = select(*_SEEKER_COLUMNS).order_by(Seeker.id)
    if only_active:
        query = query.where(Seeker.is_active.is_(True))
    if ids is not None:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), chunk_size):
            part = wanted[start : start + chunk_size]
            yield _seeker_chunk(session, list(session.execute(query.where(Seeker.id.in_(part)))), isco)
        return
    last = 0
    while True:
        rows = list(session.execute(query.where(Seeker.id > last).limit(chunk_size)))
        if not rows:
            return
        yield _seeker_chunk(session, rows, isco)
        last = rows[-1].id


def load_seekers(
    session: Session, ids: Iterable[int] | None = None, *, only_active: bool = True, chunk_size: int = 5000
) -> list[SeekerProfile]:
    chunks = iter_seeker_chunks(session, only_active=only_active, ids=ids, chunk_size=chunk_size)
    return [profile for chunk in chunks for profile in chunk]


def load_seeker(session: Session, seeker_id: int) -> SeekerProfile | None:
    """One seeker as a match record, active or not (None when there is no such seeker)."""
    found = load_seekers(session, [seeker_id], only_active=False)
    return found[0] if found else None


# ------------------------------------------------------------------------------------------ consents


def consenting_seekers(session: Session, purpose: str, seeker_ids: Iterable[int] | None = None) -> set[int]:
    """Seekers whose latest recorded consent for ``purpose`` is granted and not withdrawn."""
    latest = (
        select(Consent.seeker_id, func.max(Consent.id).label("last_id"))
        .where(Consent.purpose == purpose)
        .group_by(Consent.seeker_id)
        .subquery()
    )
    query = (
        select(Consent.seeker_id)
        .join(latest, Consent.id == latest.c.last_id)
        .where(Consent.granted.is_(True), Consent.withdrawn_at.is_(None))
    )
    if seeker_ids is not None:
        wanted = list(set(seeker_ids))
        found: set[int] = set()
        for start in range(0, len(wanted), 5000):
            found.update(session.scalars(query.where(Consent.seeker_id.in_(wanted[start : start + 5000]))))
        return found
    return set(session.scalars(query))


def applicants(session: Session, vacancy_id: int) -> set[int]:
    """Seekers who applied themselves (kind ``application``) to this vacancy; a referral is not an
    application: the seeker has not yet chosen to show themselves to the employer."""
    return set(
        session.scalars(
            select(Application.seeker_id).where(
                Application.vacancy_id == vacancy_id, Application.kind == "application"
            )
        )
    )


# ------------------------------------------------------------------------------------------ labels


@dataclass(frozen=True, slots=True)
class SkillLabel:
    id: str
    label_id: str
    label_en: str


def skill_labels(session: Session, skill_ids: Iterable[str]) -> dict[str, SkillLabel]:
    """Indonesian and English labels of skills (unknown ids label themselves)."""
    wanted = sorted(set(skill_ids))
    labels = {s: SkillLabel(s, s, s) for s in wanted}
    for start in range(0, len(wanted), 1000):
        for skill_id, label_id, label_en in session.execute(
            select(Skill.id, Skill.label_id, Skill.label_en).where(Skill.id.in_(wanted[start : start + 1000]))
        ):
            labels[skill_id] = SkillLabel(skill_id, label_id or label_en, label_en)
    return labels


# ------------------------------------------------------------------------------------------ batch runs


def save_batch_run(
    engine: Engine,
    result: BatchResult,
    *,
    engine_name: str,
    top_k: int,
    vacancies: int,
    settings: MatchSettings,
    started_at: dt.datetime,
    parquet_path: str | None = None,
    batch_rows: int = 20_000,
) -> int:
    """Store a batch result as one ``match_run`` with its ``match_result`` rows, in one transaction (a
    failure leaves no half run behind). Returns the run id."""
    seekers = np.asarray(result.seeker_ids).astype(np.int64)
    vacancy_ids, scores = np.asarray(result.vacancy_ids), np.asarray(result.scores, dtype=np.float64)
    n, k = scores.shape if scores.ndim == 2 else (0, top_k)
    with transaction(engine) as session:
        run = MatchRun(
            started_at=started_at,
            engine=engine_name,
            top_k=top_k,
            seekers=len(seekers),
            vacancies=vacancies,
            settings=settings.model_dump(mode="json"),
            parquet_path=parquet_path,
        )
        session.add(run)
        session.flush()
        rows: list[dict[str, Any]] = []
        for i in range(n):
            for r in range(k):
                score = scores[i, r]
                if math.isnan(score):
                    break  # padding: the seeker had fewer than k vacancies left after the filters
                rows.append(
                    {
                        "run_id": run.id,
                        "seeker_id": int(seekers[i]),
                        "rank": r + 1,
                        "vacancy_id": int(vacancy_ids[i, r]),
                        "score": float(score),
                    }
                )
            if len(rows) >= batch_rows:
                session.execute(insert(MatchResult), rows)
                rows = []
        if rows:
            session.execute(insert(MatchResult), rows)
        run.finished_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return run.id


@dataclass(frozen=True, slots=True)
class StoredRecommendation:
    run_id: int
    rank: int
    vacancy_id: int
    score: float


def latest_recommendations(session: Session, seeker_id: int) -> list[StoredRecommendation]:
    """The seeker's ranked vacancies from the most recent batch run that covered them (empty if none)."""
    run_id = session.scalar(select(func.max(MatchResult.run_id)).where(MatchResult.seeker_id == seeker_id))
    if run_id is None:
        return []
    return [
        StoredRecommendation(run_id, rank, vacancy_id, score)
        for rank, vacancy_id, score in session.execute(
            select(MatchResult.rank, MatchResult.vacancy_id, MatchResult.score)
            .where(MatchResult.run_id == run_id, MatchResult.seeker_id == seeker_id)
            .order_by(MatchResult.rank)
        )
    ]


# ------------------------------------------------------------------------------------------ referrals


def create_referral(
    session: Session,
    seeker_id: int,
    vacancy_id: int,
    *,
    created_by: int | None,
    score: float | None = None,
    note: str | None = None,
) -> Application:
    """Record that a counsellor referred a seeker to a vacancy (``application`` of kind ``referral``, status
    ``referred``, with its first status-history entry). The caller commits.

    Refused (:class:`ReferralError`) when the seeker does not exist or is inactive, the vacancy does not
    exist or is not open, or the seeker already has an unfinished referral to this vacancy."""
    seeker_active = session.scalar(select(Seeker.is_active).where(Seeker.id == seeker_id))
    if seeker_active is None:
        raise ReferralError(f"seeker {seeker_id} not found")
    if not seeker_active:
        raise ReferralError(f"seeker {seeker_id} is not active")
    status = session.scalar(select(Vacancy.status).where(Vacancy.id == vacancy_id))
    if status is None:
        raise ReferralError(f"vacancy {vacancy_id} not found")
    if status != "open":
        raise ReferralError(f"vacancy {vacancy_id} is {status}, not open")
    existing = session.scalar(
        select(Application.id).where(
            and_(
                Application.seeker_id == seeker_id,
                Application.vacancy_id == vacancy_id,
                Application.kind == "referral",
                Application.status.not_in(sorted(CLOSED_APPLICATION_STATUSES)),
            )
        )
    )
    if existing is not None:
        raise ReferralError(
            f"seeker {seeker_id} already has an open referral (application {existing}) "
            f"to vacancy {vacancy_id}"
        )
    referral = Application(
        kind="referral",
        seeker_id=seeker_id,
        vacancy_id=vacancy_id,
        status="referred",
        created_by=created_by,
        score=None if score is None or not math.isfinite(score) else float(score),
    )
    referral.history.append(ApplicationStatus(status="referred", changed_by=created_by, note=note))
    session.add(referral)
    session.flush()
    return referral


__all__ = [
    "CLOSED_APPLICATION_STATUSES",
    "DISCOVERABLE",
    "SHARE_CONTACT",
    "AssignmentProblem",
    "MatchService",
    "NotFound",
    "ReferralError",
    "SeekerCard",
    "SkillLabel",
    "StoredRecommendation",
    "VacancyCard",
    "applicants",
    "assignment_problem",
    "consenting_seekers",
    "create_referral",
    "iter_seeker_chunks",
    "latest_recommendations",
    "load_seeker",
    "load_seekers",
    "load_vacancies",
    "load_vacancy",
    "match_relatedness",
    "match_service",
    "save_batch_run",
    "seeker_cards",
    "skill_labels",
    "vacancy_cards",
    "working_time_kind",
]


# ------------------------------------------------------------------------------------------ service


class NotFound(LookupError):
    """No seeker / vacancy / job fair with this id."""


def _fingerprint(session: Session, *queries: Any) -> tuple[Any, ...]:
    return tuple(tuple(session.execute(q).one()) for q in queries)


def _vacancy_version(session: Session) -> tuple[Any, ...]:
    return _fingerprint(
        session,
        select(func.count(), func.max(Vacancy.id), func.max(Vacancy.updated_at)).where(
            Vacancy.status == "open"
        ),
        select(func.count()).select_from(VacancySkill),
    )


def _seeker_version(session: Session) -> tuple[Any, ...]:
    return _fingerprint(
        session,
        select(func.count(), func.max(Seeker.id), func.max(Seeker.updated_at)).where(
            Seeker.is_active.is_(True)
        ),
        select(func.count()).select_from(SeekerSkill),
        select(func.count()).select_from(SeekerWork),
        # a withdrawal sets withdrawn_at on an existing row: count and date it too
        select(
            func.count(),
            func.max(Consent.id),
            func.count(Consent.withdrawn_at),
            func.max(Consent.withdrawn_at),
        ),
        select(func.count()).select_from(SeekerPreferredOccupation),
        select(func.count()).select_from(SeekerPreferredRegion),
    )


class MatchService:
    """Both directions over the database, with the vacancy index and the index of discoverable seekers
    kept between requests until the data they were built from changes (a few COUNT/MAX queries decide)."""

    def __init__(self, settings: MatchSettings | None = None, relatedness: SkillRelatedness | None = None):
        self.settings = settings or MatchSettings()
        self._relatedness = relatedness
        self._lock = threading.Lock()
        self._vacancies: tuple[Any, ProfileVacancyIndex] | None = None
        self._seekers: tuple[Any, SeekerIndex] | None = None

    @property
    def relatedness(self) -> SkillRelatedness:
        return self._relatedness if self._relatedness is not None else match_relatedness()

    def vacancy_index(self, session: Session) -> ProfileVacancyIndex:
        key = (id(session.get_bind()), _vacancy_version(session))
        with self._lock:
            if self._vacancies is None or self._vacancies[0] != key:
                index = build_vacancy_index(load_vacancies(session), self.settings, self.relatedness)
                self._vacancies = (key, index)
            return self._vacancies[1]

    def discoverable_index(self, session: Session) -> SeekerIndex:
        """Active seekers whose latest ``discoverable_by_employers`` consent is granted."""
        key = (id(session.get_bind()), _seeker_version(session))
        with self._lock:
            if self._seekers is None or self._seekers[0] != key:
                ids = consenting_seekers(session, DISCOVERABLE)
                index = SeekerIndex(load_seekers(session, ids), self.settings, self.relatedness)
                self._seekers = (key, index)
            return self._seekers[1]

    def recommend(self, session: Session, seeker_id: int, k: int = 10) -> list[MatchResultRecord]:
        """The ``k`` best open vacancies for a seeker, explained (exact top-k)."""
        seeker = load_seeker(session, seeker_id)
        if seeker is None:
            raise NotFound(f"seeker {seeker_id} not found")
        return recommend_vacancies(seeker, self.vacancy_index(session), k)

    def explain(
        self, session: Session, seeker_id: int, vacancy_ids: Sequence[int]
    ) -> list[MatchResultRecord]:
        """Scored, explained pairs of one seeker with given vacancies (e.g. a stored batch result)."""
        seeker = load_seeker(session, seeker_id)
        if seeker is None:
            raise NotFound(f"seeker {seeker_id} not found")
        by_id = {int(v.id): v for v in load_vacancies(session, vacancy_ids, only_open=False)}
        return [
            score_pair(seeker, by_id[v], self.settings, self.relatedness) for v in vacancy_ids if v in by_id
        ]

    def shortlist(self, session: Session, vacancy_id: int, k: int = 10) -> list[MatchResultRecord]:
        """The ``k`` best seekers for a vacancy among those who consented to be found by employers."""
        vacancy = load_vacancy(session, vacancy_id)
        if vacancy is None:
            raise NotFound(f"vacancy {vacancy_id} not found")
        index = self.discoverable_index(session)
        # Consent and activity are checked again on the rows shown, so a change the cache key cannot see
        # (a raw SQL update) never puts a seeker who withdrew in front of an employer.
        results = shortlist_seekers(vacancy, index, 2 * k + 10)
        ids = [int(r.seeker_id) for r in results]
        allowed = consenting_seekers(session, DISCOVERABLE, ids) & set(
            session.scalars(select(Seeker.id).where(Seeker.id.in_(ids), Seeker.is_active.is_(True)))
        )
        kept = [r for r in results if int(r.seeker_id) in allowed]
        if len(kept) < min(k, len(results)) and len(results) == 2 * k + 10:
            with self._lock:
                self._seekers = None  # the cache is stale: rebuild it and rank again
            return shortlist_seekers(vacancy, self.discoverable_index(session), k)
        return kept[:k]


_SERVICE: MatchService | None = None


def match_service() -> MatchService:
    """The process-wide service (settings from ``PASARKERJA_MATCH_*``), created on first use."""
    global _SERVICE
    if _SERVICE is None:
        _SERVICE = MatchService()
    return _SERVICE


# ------------------------------------------------------------------------------------------ display


@dataclass(frozen=True, slots=True)
class VacancyCard:
    id: int
    title: str
    employer_id: int | None
    employer_name: str | None
    region_code: str | None
    region_name: str | None
    status: str
    openings: int


def vacancy_cards(session: Session, ids: Iterable[int]) -> dict[int, VacancyCard]:
    wanted = sorted(set(ids))
    cards: dict[int, VacancyCard] = {}
    for start in range(0, len(wanted), 1000):
        query = (
            select(
                Vacancy.id,
                Vacancy.title,
                Vacancy.employer_id,
                Employer.name,
                Vacancy.region_code,
                Region.name,
                Vacancy.status,
                Vacancy.openings,
            )
            .outerjoin(Employer, Employer.id == Vacancy.employer_id)
            .outerjoin(Region, Region.code == Vacancy.region_code)
            .where(Vacancy.id.in_(wanted[start : start + 1000]))
        )
        for row in session.execute(query):
            cards[row[0]] = VacancyCard(*row)
    return cards


@dataclass(frozen=True, slots=True)
class SeekerCard:
    """What a shortlist may show about a seeker without their consent to share contact details: no name,
    no NIK, no birth date, no sex, no address."""

    id: int
    region_code: str | None
    region_name: str | None
    education_level: str | None
    skills: tuple[str, ...]  # skill ids


def seeker_cards(session: Session, ids: Iterable[int]) -> dict[int, SeekerCard]:
    wanted = sorted(set(ids))
    skills: dict[int, list[str]] = defaultdict(list)
    cards: dict[int, SeekerCard] = {}
    for start in range(0, len(wanted), 1000):
        part = wanted[start : start + 1000]
        for seeker_id, skill_id in session.execute(
            select(SeekerSkill.seeker_id, SeekerSkill.skill_id)
            .where(SeekerSkill.seeker_id.in_(part))
            .order_by(SeekerSkill.seeker_id, SeekerSkill.skill_id)
        ):
            skills[seeker_id].append(skill_id)
        for seeker_id, region_code, region_name, education in session.execute(
            select(Seeker.id, Seeker.region_code, Region.name, Seeker.education_level)
            .outerjoin(Region, Region.code == Seeker.region_code)
            .where(Seeker.id.in_(part))
        ):
            cards[seeker_id] = SeekerCard(
                seeker_id, region_code, region_name, education, tuple(skills.get(seeker_id, ()))
            )
    return cards


# ------------------------------------------------------------------------------------------ assignment


@dataclass(frozen=True, slots=True)
class AssignmentProblem:
    """Scored pairs for :func:`pasarkerja.match.assign.assign` read from the database: ``slot_capacity``
    by slot id (a vacancy id, or ``booth-<id>`` at a job fair), ``slot_labels`` for reports."""

    candidates: list[tuple[str, str, float]]
    slot_capacity: dict[str, int]
    slot_labels: dict[str, str]
    seekers: list[str]


def assignment_problem(
    session: Session,
    *,
    vacancy_ids: Sequence[int] | None = None,
    job_fair_id: int | None = None,
    max_offers: int = 1,
    settings: MatchSettings | None = None,
    relatedness: SkillRelatedness | None = None,
) -> AssignmentProblem:
    """Every active seeker who consented to matching, scored against the chosen slots: the openings of
    ``vacancy_ids`` (open ones only) or the interview slots of the booths of job fair ``job_fair_id`` (a
    seeker's score for a booth is their best score over that employer's open vacancies).

    Scores come from an exact top-k over the selected vacancies only (k large enough for ``max_offers``),
    so this costs one batch over the seekers, not one shortlist per vacancy."""
    settings = settings or MatchSettings()
    relatedness = relatedness if relatedness is not None else match_relatedness()
    slot_of: dict[int, str] = {}
    capacity: dict[str, int] = {}
    labels: dict[str, str] = {}
    if (vacancy_ids is None) == (job_fair_id is None):
        raise ValueError("give either vacancy ids or a job fair id")
    if vacancy_ids is not None:
        found = vacancy_cards(session, vacancy_ids)
        for vacancy_id in vacancy_ids:
            card = found.get(vacancy_id)
            if card is None:
                raise NotFound(f"vacancy {vacancy_id} not found")
            if card.status != "open":
                raise ValueError(f"vacancy {vacancy_id} is {card.status}, not open")
            slot_of[vacancy_id] = str(vacancy_id)
            capacity[str(vacancy_id)] = card.openings
            labels[str(vacancy_id)] = card.title
    else:
        fair = session.get(JobFair, job_fair_id)
        if fair is None:
            raise NotFound(f"job fair {job_fair_id} not found")
        for booth in fair.booths:
            slot = f"booth-{booth.id}"
            employer = session.get(Employer, booth.employer_id)
            labels[slot] = f"{booth.label or slot} {employer.name if employer else ''}".strip()
            capacity[slot] = max(0, booth.interview_slots)
            for vacancy_id in session.scalars(
                select(Vacancy.id).where(Vacancy.employer_id == booth.employer_id, Vacancy.status == "open")
            ):
                slot_of[vacancy_id] = slot
    seekers = load_seekers(session, consenting_seekers(session, "matching"))
    roster = [s.id for s in seekers]
    vacancies = load_vacancies(session, slot_of)
    if not vacancies or not seekers:
        return AssignmentProblem([], capacity, labels, roster)
    index = build_vacancy_index(vacancies, settings, relatedness)
    k = min(len(vacancies), max(10, 5 * max_offers))
    result = batch_top_k(encode_seekers(seekers, index.table), index, k=k, workers=1)
    best: dict[tuple[str, str], float] = {}
    for seeker_id, row_ids, row_scores in zip(
        result.seeker_ids, result.vacancy_ids, result.scores, strict=True
    ):
        for vacancy_id, score in zip(row_ids, row_scores, strict=True):
            if math.isnan(score):
                continue
            key = (str(seeker_id), slot_of[int(vacancy_id)])
            best[key] = max(best.get(key, 0.0), float(score))
    candidates = [(s, slot, min(1.0, max(0.0, score))) for (s, slot), score in best.items()]
    return AssignmentProblem(candidates, capacity, labels, roster)
