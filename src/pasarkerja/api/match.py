"""JSON API of the link-and-match (recommendations, shortlists, referrals, assignment), under ``/api``.

Who may see what:

* ``GET /api/match/seekers/{id}/recommendations``: the seeker themself, counsellors, admins.
* ``GET /api/match/vacancies/{id}/shortlist``: the employer who owns the vacancy, counsellors, admins. Only
  seekers whose latest ``discoverable_by_employers`` consent is granted are listed, by id, region,
  education and skills. A candidate's name and contact details appear only after the seeker applied to this
  vacancy themself, and then only when ``store.personal`` allows it (consent
  ``share_contact_on_application``).
* ``POST /api/match/referrals`` and ``POST /api/match/assign``: counsellors and admins.

State-changing routes take JSON bodies only, like the rest of the API: with the SameSite=Lax session
cookie and FastAPI refusing non-JSON bodies, another site's form cannot post to them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field, model_validator
from sqlalchemy.orm import Session

from pasarkerja.api.deps import CurrentUser, get_cipher, get_db, require_roles
from pasarkerja.match import MatchInputError, MatchResult
from pasarkerja.store.matching import (
    NotFound,
    ReferralError,
    applicants,
    assignment_problem,
    create_referral,
    latest_recommendations,
    match_service,
    seeker_cards,
    skill_labels,
    vacancy_cards,
)
from pasarkerja.store.models import Seeker, Vacancy
from pasarkerja.store.personal import AccessDenied, Viewer, read_personal

router = APIRouter()

Db = Annotated[Session, Depends(get_db)]
Top = Annotated[int, Query(ge=1, le=100, description="How many results")]
STAFF = ("counsellor", "admin")


# ------------------------------------------------------------------------------------------ schemas


class SkillRef(BaseModel):
    id: str
    label_id: str
    label_en: str


class Component(BaseModel):
    name: str
    value: float
    weight: float
    applicable: bool


class Explanation(BaseModel):
    score: float = Field(description="0–1; the weighted sum of the applicable components")
    components: list[Component]
    matched_essential: list[SkillRef]
    missing_essential: list[SkillRef]
    matched_optional: list[SkillRef]
    missing_optional: list[SkillRef]
    warnings: list[str]
    reason_id: str
    reason_en: str


class Recommendation(Explanation):
    rank: int
    vacancy_id: int
    title: str
    employer: str | None
    region_code: str | None
    region: str | None


class Recommendations(BaseModel):
    seeker_id: int
    source: str = Field(description="live: ranked now; batch: from the latest stored batch run")
    run_id: int | None = Field(default=None, description="The batch run (source=batch)")
    recommendations: list[Recommendation]


class Contact(BaseModel):
    """Shown only after the seeker applied to this vacancy and agreed to share contact details."""

    name: str | None
    phone: str | None
    email: str | None


class Candidate(Explanation):
    rank: int
    seeker_id: int
    region_code: str | None
    region: str | None
    education_level: str | None
    skills: list[SkillRef]
    applied: bool
    contact: Contact | None


class Shortlist(BaseModel):
    vacancy_id: int
    title: str
    candidates: list[Candidate]


class ReferralRequest(BaseModel):
    seeker_id: int
    vacancy_id: int
    note: str | None = Field(default=None, max_length=500)


class ReferralCreated(BaseModel):
    id: int
    seeker_id: int
    vacancy_id: int
    status: str
    score: float | None


class AssignRequest(BaseModel):
    vacancy_ids: list[int] | None = Field(default=None, min_length=1, max_length=1000)
    job_fair_id: int | None = None
    max_offers: int = Field(default=1, ge=1, le=100)
    min_score: float = Field(default=0.5, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _one_target(self) -> AssignRequest:
        if (self.vacancy_ids is None) == (self.job_fair_id is None):
            raise ValueError("give exactly one of vacancy_ids or job_fair_id")
        return self


class SlotOut(BaseModel):
    slot_id: str
    name: str
    capacity: int
    filled: int
    unfilled: int
    eligible: int


class PairOut(BaseModel):
    seeker_id: int
    slot_id: str
    score: float


class AssignResponse(BaseModel):
    status: str
    total_score: float
    slots: list[SlotOut]
    pairs: list[PairOut]
    unfilled_openings: int
    unassigned_seekers: int
    unassigned_with_options: int
    unassigned_without_options: int


# ------------------------------------------------------------------------------------------ helpers


def _skill_ids(results: list[MatchResult]) -> set[str]:
    return {
        s
        for r in results
        for s in (*r.matched_essential, *r.missing_essential, *r.matched_optional, *r.missing_optional)
    }


def _explanation(result: MatchResult, labels: dict[str, Any]) -> dict[str, Any]:
    def refs(ids: tuple[str, ...]) -> list[SkillRef]:
        return [SkillRef(id=s, label_id=labels[s].label_id, label_en=labels[s].label_en) for s in ids]

    return {
        "score": result.score,
        "components": [
            Component(name=c.name, value=c.value, weight=c.weight, applicable=c.applicable)
            for c in result.components
        ],
        "matched_essential": refs(result.matched_essential),
        "missing_essential": refs(result.missing_essential),
        "matched_optional": refs(result.matched_optional),
        "missing_optional": refs(result.missing_optional),
        "warnings": list(result.warnings),
        "reason_id": result.reason_id,
        "reason_en": result.reason_en,
    }


def viewer_of(user: CurrentUser) -> Viewer:
    return Viewer(user_id=user.id, role=user.role, seeker_id=user.seeker_id, employer_id=user.employer_id)


def may_see_recommendations(user: CurrentUser, seeker_id: int) -> bool:
    return user.role in STAFF or (user.role == "seeker" and user.seeker_id == seeker_id)


def may_see_shortlist(user: CurrentUser, employer_id: int | None) -> bool:
    return user.role in STAFF or (
        user.role == "employer" and user.employer_id is not None and user.employer_id == employer_id
    )


def recommendations_for(db: Session, seeker_id: int, top: int, source: str = "live") -> Recommendations:
    """Shared by the API and the pages; raises :class:`NotFound`. ``source="batch"`` explains the
    vacancies of the seeker's latest stored batch run, in their stored order (empty without a run)."""
    run_id = None
    if source == "batch":
        stored = latest_recommendations(db, seeker_id)[:top]
        run_id = stored[0].run_id if stored else None
        results = match_service().explain(db, seeker_id, [r.vacancy_id for r in stored])
    else:
        results = match_service().recommend(db, seeker_id, top)
    cards = vacancy_cards(db, [int(r.vacancy_id) for r in results])
    labels = skill_labels(db, _skill_ids(results))
    items = []
    for rank, result in enumerate(results, start=1):
        card = cards[int(result.vacancy_id)]
        items.append(
            Recommendation(
                rank=rank,
                vacancy_id=card.id,
                title=card.title,
                employer=card.employer_name,
                region_code=card.region_code,
                region=card.region_name,
                **_explanation(result, labels),
            )
        )
    return Recommendations(seeker_id=seeker_id, source=source, run_id=run_id, recommendations=items)


def shortlist_for(db: Session, vacancy_id: int, top: int, user: CurrentUser, request: Request) -> Shortlist:
    """Shared by the API and the pages; raises :class:`NotFound`. Contact details go through
    :func:`read_personal` (which checks the role and consent) and only for seekers who applied here."""
    results = match_service().shortlist(db, vacancy_id, top)
    title = vacancy_cards(db, [vacancy_id])[vacancy_id].title
    ids = [int(r.seeker_id) for r in results]
    cards = seeker_cards(db, ids)
    labels = skill_labels(db, _skill_ids(results) | {s for c in cards.values() for s in c.skills})
    applied = applicants(db, vacancy_id)
    viewer, cipher = viewer_of(user), get_cipher(request)
    items = []
    for rank, result in enumerate(results, start=1):
        card = cards[int(result.seeker_id)]
        contact = None
        if card.id in applied:
            try:
                personal = read_personal(db, card.id, viewer, cipher)
                contact = Contact(name=personal.name, phone=personal.phone, email=personal.email)
            except AccessDenied:
                contact = None
        items.append(
            Candidate(
                rank=rank,
                seeker_id=card.id,
                region_code=card.region_code,
                region=card.region_name,
                education_level=card.education_level,
                skills=[
                    SkillRef(id=s, label_id=labels[s].label_id, label_en=labels[s].label_en)
                    for s in card.skills
                ],
                applied=card.id in applied,
                contact=contact,
                **_explanation(result, labels),
            )
        )
    return Shortlist(vacancy_id=vacancy_id, title=title, candidates=items)


# ------------------------------------------------------------------------------------------ routes

_errors: dict[int | str, dict[str, Any]] = {
    401: {"description": "Not logged in"},
    403: {"description": "This role (or this user) may not see it"},
    404: {"description": "No record with this id"},
}


@router.get(
    "/match/seekers/{seeker_id}/recommendations",
    response_model=Recommendations,
    responses=_errors,
    summary="Recommended open vacancies for a seeker, explained",
)
def recommendations(
    seeker_id: int,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles("seeker", *STAFF))],
    top: Top = 10,
    source: Annotated[
        Literal["live", "batch"], Query(description="live ranking, or the latest nightly batch run")
    ] = "live",
) -> Recommendations:
    if not may_see_recommendations(user, seeker_id):
        raise HTTPException(status_code=403, detail="a seeker may see only their own recommendations")
    try:
        return recommendations_for(db, seeker_id, top, source)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except MatchInputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


@router.get(
    "/match/vacancies/{vacancy_id}/shortlist",
    response_model=Shortlist,
    responses=_errors,
    summary="Candidates for a vacancy (consented seekers only; contact details only after they applied)",
)
def shortlist(
    vacancy_id: int,
    request: Request,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles("employer", *STAFF))],
    top: Top = 10,
) -> Shortlist:
    vacancy = db.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise HTTPException(status_code=404, detail=f"vacancy {vacancy_id} not found")
    if not may_see_shortlist(user, vacancy.employer_id):
        raise HTTPException(
            status_code=403, detail="an employer may see shortlists of its own vacancies only"
        )
    try:
        return shortlist_for(db, vacancy_id, top, user, request)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except MatchInputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def refer(
    db: Session, seeker_id: int, vacancy_id: int, user: CurrentUser, note: str | None
) -> ReferralCreated:
    """Create and commit a referral (shared by the API and the pages). Raises HTTPException 404/409."""
    if db.get(Seeker, seeker_id) is None:
        raise HTTPException(status_code=404, detail=f"seeker {seeker_id} not found")
    if db.get(Vacancy, vacancy_id) is None:
        raise HTTPException(status_code=404, detail=f"vacancy {vacancy_id} not found")
    try:
        explained = match_service().explain(db, seeker_id, [vacancy_id])
        score = explained[0].score if explained else None
    except MatchInputError:
        score = None  # a record the engine cannot score can still be referred by a person
    try:
        referral = create_referral(db, seeker_id, vacancy_id, created_by=user.id, score=score, note=note)
    except ReferralError as exc:
        db.rollback()
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    db.commit()
    return ReferralCreated(
        id=referral.id,
        seeker_id=seeker_id,
        vacancy_id=vacancy_id,
        status=referral.status,
        score=referral.score,
    )


@router.post(
    "/match/referrals",
    response_model=ReferralCreated,
    status_code=201,
    responses={**_errors, 409: {"description": "Seeker inactive, vacancy not open, or already referred"}},
    summary="Refer a seeker to a vacancy (counsellor, admin)",
)
def post_referral(
    body: ReferralRequest,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles(*STAFF))],
) -> ReferralCreated:
    return refer(db, body.seeker_id, body.vacancy_id, user, body.note)


@router.post(
    "/match/assign",
    response_model=AssignResponse,
    responses=_errors,
    summary="Capacity-aware assignment to openings or job-fair interview slots (counsellor, admin)",
)
def post_assign(
    body: AssignRequest,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles(*STAFF))],
) -> AssignResponse:
    from pasarkerja.match.assign import AssignmentInputError, assign

    service = match_service()
    try:
        problem = assignment_problem(
            db,
            vacancy_ids=body.vacancy_ids,
            job_fair_id=body.job_fair_id,
            max_offers=body.max_offers,
            settings=service.settings,
            relatedness=service.relatedness,
        )
        outcome = assign(
            problem.candidates,
            seeker_capacity=body.max_offers,
            slot_capacity=problem.slot_capacity,
            min_score=body.min_score,
            seekers=problem.seekers,
        )
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except (ValueError, AssignmentInputError) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return AssignResponse(
        status=outcome.status,
        total_score=outcome.total_score,
        slots=[
            SlotOut(
                slot_id=s.slot_id,
                name=problem.slot_labels.get(s.slot_id, ""),
                capacity=s.capacity,
                filled=s.filled,
                unfilled=s.unfilled,
                eligible=s.eligible,
            )
            for s in outcome.slots
        ],
        pairs=[PairOut(seeker_id=int(p.seeker_id), slot_id=p.slot_id, score=p.score) for p in outcome.pairs],
        unfilled_openings=outcome.unfilled_openings,
        unassigned_seekers=len(outcome.unassigned_seekers),
        unassigned_with_options=len(outcome.unassigned_with_options),
        unassigned_without_options=len(outcome.unassigned_without_options),
    )
