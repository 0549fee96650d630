"""Server-rendered link-and-match pages (recommendations, shortlists, referrals).

* ``/rekomendasi``: a seeker sees "Lowongan yang cocok untuk Anda" with scores and reasons; a counsellor or
  admin picks any seeker (``?pencari=ID``) and can refer them to a recommended vacancy.
* ``/kandidat``: an employer's open vacancies with links to their shortlists; staff enter a vacancy id.
* ``/lowongan/{id}/kandidat``: the shortlist of a vacancy (its employer, counsellors, admins): consenting
  seekers only, without personal data until the seeker applied (see :mod:`pasarkerja.api.match`).
* ``POST /rujukan``: a counsellor's referral (CSRF-checked form) → a confirmation page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pasarkerja.api.deps import CurrentUser, check_csrf, current_user, get_db, require_roles
from pasarkerja.api.match import (
    STAFF,
    may_see_recommendations,
    may_see_shortlist,
    recommendations_for,
    refer,
    shortlist_for,
)
from pasarkerja.match import MatchInputError
from pasarkerja.store.matching import NotFound, vacancy_cards
from pasarkerja.store.models import Vacancy
from pasarkerja.web.pages import render, render_error

router = APIRouter()

Db = Annotated[Session, Depends(get_db)]
User = Annotated[CurrentUser | None, Depends(current_user)]
TOP = 10


@router.get("/rekomendasi", response_class=HTMLResponse)
def recommendations_page(
    request: Request,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles("seeker", *STAFF))],
    pencari: Annotated[int | None, Query(ge=1, description="Seeker id (staff only)")] = None,
) -> HTMLResponse:
    seeker_id = user.seeker_id if user.role == "seeker" else pencari
    if user.role == "seeker" and pencari is not None and pencari != user.seeker_id:
        return render_error(request, 403, "error.forbidden.title", "match.error.own_only", user=user)
    if seeker_id is None:
        # Staff first pick a seeker; a seeker account not linked to a seeker record has nothing to show.
        context = {"seeker_id": None, "items": None, "can_refer": False}
        return render(request, "match_recommendations.html", context, user=user)
    if not may_see_recommendations(user, seeker_id):
        return render_error(request, 403, "error.forbidden.title", "match.error.own_only", user=user)
    try:
        result = recommendations_for(db, seeker_id, TOP)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except MatchInputError as exc:
        return render_error(request, 400, "error.bad_request.title", None, user=user, detail=str(exc))
    return render(
        request,
        "match_recommendations.html",
        {"seeker_id": seeker_id, "items": result.recommendations, "can_refer": user.role in STAFF},
        user=user,
    )


@router.get("/kandidat", response_model=None)
def candidates_index(
    request: Request,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles("employer", *STAFF))],
    lowongan: Annotated[int | None, Query(ge=1, description="Vacancy id: go to its shortlist")] = None,
) -> Response:
    if lowongan is not None:
        return RedirectResponse(f"/lowongan/{lowongan}/kandidat", status_code=303)
    vacancies = []
    if user.role == "employer" and user.employer_id is not None:
        ids = list(
            db.scalars(
                select(Vacancy.id)
                .where(Vacancy.employer_id == user.employer_id, Vacancy.status == "open")
                .order_by(Vacancy.id)
            )
        )
        cards = vacancy_cards(db, ids)
        vacancies = [cards[i] for i in ids]
    return render(request, "match_candidates.html", {"vacancies": vacancies}, user=user)


@router.get("/lowongan/{vacancy_id}/kandidat", response_class=HTMLResponse)
def shortlist_page(
    request: Request,
    vacancy_id: int,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles("employer", *STAFF))],
) -> HTMLResponse:
    vacancy = db.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise HTTPException(status_code=404, detail=f"vacancy {vacancy_id} not found")
    if not may_see_shortlist(user, vacancy.employer_id):
        return render_error(request, 403, "error.forbidden.title", "match.error.own_vacancy", user=user)
    try:
        result = shortlist_for(db, vacancy_id, TOP, user, request)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except MatchInputError as exc:
        return render_error(request, 400, "error.bad_request.title", None, user=user, detail=str(exc))
    return render(
        request,
        "match_shortlist.html",
        {"shortlist": result, "vacancy_status": vacancy.status, "can_refer": user.role in STAFF},
        user=user,
    )


@router.post("/rujukan", response_class=HTMLResponse)
def referral_submit(
    request: Request,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles(*STAFF))],
    seeker_id: Annotated[int, Form(ge=1)],
    vacancy_id: Annotated[int, Form(ge=1)],
    csrf: Annotated[str | None, Form(alias="csrf_token")] = None,
    note: Annotated[str | None, Form(max_length=500)] = None,
) -> HTMLResponse:
    check_csrf(request, csrf)
    try:
        created = refer(db, seeker_id, vacancy_id, user, note or None)
    except HTTPException as exc:
        if exc.status_code == 404:
            raise
        return render(
            request,
            "match_referral.html",
            {"created": None, "error": str(exc.detail), "seeker_id": seeker_id, "vacancy_id": vacancy_id},
            user=user,
            status_code=exc.status_code,
        )
    title = vacancy_cards(db, [vacancy_id])[vacancy_id].title
    return render(
        request,
        "match_referral.html",
        {"created": created, "error": None, "seeker_id": seeker_id, "vacancy_id": vacancy_id, "title": title},
        user=user,
        status_code=201,
    )
