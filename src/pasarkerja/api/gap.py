"""JSON API of the skills-gap, training-pathway and regional training-needs, mounted under ``/api``.

A seeker's gap, pathway and referrals are seekers' data: only the seeker themself (an account linked to the
seeker) and counsellors/admins may read them; only counsellors/admins refer. Regional needs are aggregate
figures for planners: counsellors, analysts and admins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field, model_validator
from sqlalchemy.orm import Session

from pasarkerja.api.deps import SEEKER_LIST_ROLES, CurrentUser, Forbidden, get_db, require_roles
from pasarkerja.gap import GapInputError
from pasarkerja.store import gap_source
from pasarkerja.store.models import ROLES

router = APIRouter()

Db = Annotated[Session, Depends(get_db)]
AnyUser = Annotated[CurrentUser, Depends(require_roles(*ROLES))]
Counsellor = Annotated[CurrentUser, Depends(require_roles(*SEEKER_LIST_ROLES))]
PLANNER_ROLES = ("counsellor", "analyst", "admin")
Planner = Annotated[CurrentUser, Depends(require_roles(*PLANNER_ROLES))]
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Not logged in"},
    403: {"description": "Not this seeker, nor a counsellor or admin"},
    404: {"description": "No such seeker, vacancy or occupation"},
    422: {"description": "A parameter the gap layer cannot use"},
}


def check_seeker_access(user: CurrentUser, seeker_id: int) -> None:
    """The seeker themself, counsellors and admins; everyone else gets 403."""
    if user.role in SEEKER_LIST_ROLES:
        return
    if user.role == "seeker" and user.seeker_id == seeker_id:
        return
    raise Forbidden(user, (*SEEKER_LIST_ROLES, "seeker (own record)"))


def _not_found_or_bad(exc: Exception) -> HTTPException:
    message = str(exc)
    return HTTPException(status_code=404 if message.endswith("not found") else 422, detail=message)


@router.get("/gap/seekers/{seeker_id}", responses=_ERRORS, summary="A seeker's skills gap, pathway, careers")
def seeker_gap(
    seeker_id: int,
    db: Db,
    user: AnyUser,
    vacancy: Annotated[int | None, Query(description="Gap to this vacancy")] = None,
    occupation: Annotated[str | None, Query(max_length=32, description="Gap to this occupation")] = None,
    objective: Annotated[Literal["money", "hours", "travel"], Query()] = "money",
    today: Annotated[dt.date | None, Query(description="Start dates are checked against it")] = None,
    top: Annotated[int, Query(ge=1, le=50, description="Near-miss vacancies considered")] = 10,
    lang: Annotated[Literal["id", "en"], Query(description="Language of the skill labels")] = "id",
) -> dict[str, Any]:
    """Missing skills ranked by value with who teaches them, the cheapest pathway (docs/GAP.md) with the
    projected scores, and career paths. Without ``vacancy`` or ``occupation``: the top near misses."""
    check_seeker_access(user, seeker_id)
    try:
        report = gap_source.seeker_report(
            db, seeker_id, vacancy_id=vacancy, occupation_code=occupation, objective=objective, today=today,
            top_n=top,
        )  # fmt: skip
    except (gap_source.GapSourceError, GapInputError) as exc:
        raise _not_found_or_bad(exc) from exc
    return gap_source.report_dict(db, report, lang)


@router.get(
    "/gap/regional",
    responses={401: _ERRORS[401], 403: {"description": "Not a counsellor, analyst or admin"}},
    summary="Regional training needs: skills in demand vs supply, programmes to open or expand",
)
def regional(
    db: Db,
    user: Planner,
    province: Annotated[str | None, Query(pattern=r"^\d{2}$", description="2-digit province code")] = None,
    level: Annotated[Literal["province", "regency"], Query(description="Where programmes are ranked")] = (
        "province"
    ),
    top: Annotated[int, Query(ge=1, le=100, description="Programmes per region")] = 10,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Skill rows returned")] = 500,
) -> dict[str, Any]:
    needs = gap_source.regional_needs(db, province, levels=(level,), top=top)
    return {
        "province": province,
        "seekers_counted": needs.seekers_counted,
        "vacancies_counted": needs.vacancies_counted,
        "skills": needs.skills.records(limit=limit),
        "skills_total": len(needs.skills),
        "programmes": needs.programmes.records(),
        "warnings": list(needs.warnings),
    }


class ReferralRequest(BaseModel):
    seeker_id: int
    programme_id: int | None = None
    apprenticeship_id: int | None = None
    note: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_target(self) -> ReferralRequest:
        if (self.programme_id is None) == (self.apprenticeship_id is None):
            raise ValueError("give exactly one of programme_id and apprenticeship_id")
        return self


class StatusRequest(BaseModel):
    status: Literal["enrolled", "completed", "placed", "rejected", "withdrawn"]
    note: str | None = Field(default=None, max_length=500)


def _referral(item: gap_source.Referral) -> dict[str, Any]:
    body = asdict(item)
    body["history"] = [{"status": s, "changed_at": at, "note": note} for s, at, note in item.history]
    return body


@router.post(
    "/gap/referrals",
    status_code=201,
    responses={**_ERRORS, 403: {"description": "Not a counsellor or admin"}},
    summary="Refer a seeker to a programme or an apprenticeship",
)
def create_referral(body: ReferralRequest, db: Db, user: Counsellor) -> dict[str, Any]:
    try:
        application = gap_source.save_referral(
            db, body.seeker_id, programme_id=body.programme_id, apprenticeship_id=body.apprenticeship_id,
            created_by=user.id, note=body.note,
        )  # fmt: skip
    except gap_source.GapSourceError as exc:
        db.rollback()
        raise _not_found_or_bad(exc) from exc
    db.commit()
    found = [r for r in gap_source.referrals(db, body.seeker_id) if r.id == application.id]
    return _referral(found[0])


@router.post(
    "/gap/referrals/{referral_id}/status",
    responses={**_ERRORS, 403: {"description": "Not a counsellor or admin"}},
    summary="Move a referral on: enrolled, completed, placed (or rejected, withdrawn)",
)
def referral_status(referral_id: int, body: StatusRequest, db: Db, user: Counsellor) -> dict[str, Any]:
    try:
        application = gap_source.update_referral(
            db, referral_id, body.status, changed_by=user.id, note=body.note
        )
    except gap_source.GapSourceError as exc:
        db.rollback()
        raise _not_found_or_bad(exc) from exc
    db.commit()
    found = [r for r in gap_source.referrals(db, application.seeker_id) if r.id == referral_id]
    return _referral(found[0])


@router.get("/gap/seekers/{seeker_id}/referrals", responses=_ERRORS, summary="A seeker's training referrals")
def seeker_referrals(seeker_id: int, db: Db, user: AnyUser) -> list[dict[str, Any]]:
    check_seeker_access(user, seeker_id)
    return [_referral(r) for r in gap_source.referrals(db, seeker_id)]
