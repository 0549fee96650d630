"""The JSON API, mounted under ``/api``.

Authentication: ``POST /api/login`` with ``{"username", "password"}`` sets the signed session cookie
(the same one the HTML pages use); send it back on later requests. ``POST /api/logout`` ends the session.
Routes that return data about seekers depend on :func:`require_roles`; the rest are public.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy import text
from sqlalchemy.orm import Session

from pasarkerja.api import schemas
from pasarkerja.api.deps import (
    SEEKER_LIST_ROLES,
    CurrentUser,
    NotAuthenticated,
    authenticate_throttled,
    current_user,
    get_cipher,
    get_db,
    log_in,
    log_out,
    require_roles,
    seeker_names,
)
from pasarkerja.store import queries

router = APIRouter()

Db = Annotated[Session, Depends(get_db)]
PageNumber = Annotated[int, Query(ge=1, description="1-based page number")]
PerPage = Annotated[int, Query(ge=1, le=queries.MAX_PER_PAGE, description="Rows per page")]
RegionFilter = Annotated[
    str | None,
    Query(pattern=r"^\d{2}(\d{2})?$", description="2-digit province or 4-digit regency code (Kemendagri)"),
]


def _page(page: queries.Page[Any]) -> dict[str, Any]:
    return {
        "items": page.items,
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
        "pages": page.pages,
    }


def _bad_request(exc: queries.QueryError) -> HTTPException:
    return HTTPException(status_code=422, detail=str(exc))


@router.get("/health", response_model=schemas.Health, summary="Service and database health")
def health(db: Db) -> schemas.Health:
    db.execute(text("SELECT 1"))
    return schemas.Health(status="ok", database=db.get_bind().dialect.name)


@router.get("/stats", response_model=schemas.Stats, summary="Counts overall, by province and by ISCO group")
def stats(db: Db) -> dict[str, Any]:
    return {
        "totals": queries.counts(db),
        "by_province": queries.counts_by_province(db),
        "by_major_group": queries.counts_by_major_group(db),
    }


@router.get("/vacancies", response_model=schemas.VacancyPage, summary="Vacancies, newest first")
def vacancies(
    db: Db,
    region: RegionFilter = None,
    major_group: Annotated[str | None, Query(pattern=r"^\d$", description="ISCO-08 major group")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text searched in the title")] = None,
    status: Annotated[str | None, Query(pattern="^(draft|open|filled|closed)$")] = "open",
    page: PageNumber = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    try:
        result = queries.list_vacancies(
            db, region=region, major_group=major_group, q=q, status=status, page=page, per_page=per_page
        )
    except queries.QueryError as exc:
        raise _bad_request(exc) from exc
    return _page(result)


@router.get(
    "/vacancies/{vacancy_id}",
    response_model=schemas.VacancyDetail,
    responses={404: {"model": schemas.Message, "description": "No vacancy with this id"}},
    summary="One vacancy with its skills",
)
def vacancy(vacancy_id: int, db: Db) -> queries.VacancyDetail:
    detail = queries.get_vacancy(db, vacancy_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"vacancy {vacancy_id} not found")
    return detail


@router.get("/programmes", response_model=schemas.ProgrammePage, summary="Active training programmes")
def programmes(
    db: Db,
    region: RegionFilter = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    modality: Annotated[str | None, Query(pattern="^(on-site|online|blended)$")] = None,
    page: PageNumber = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    try:
        result = queries.list_programmes(
            db, region=region, q=q, modality=modality, page=page, per_page=per_page
        )
    except queries.QueryError as exc:
        raise _bad_request(exc) from exc
    return _page(result)


@router.get(
    "/seekers",
    response_model=schemas.SeekerPage,
    responses={
        401: {"model": schemas.Message, "description": "Not logged in"},
        403: {"model": schemas.Message, "description": "Role is not counsellor or admin"},
    },
    summary="Seekers (counsellor and admin only)",
)
def seekers(
    request: Request,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles(*SEEKER_LIST_ROLES))],
    region: RegionFilter = None,
    education_level: Annotated[str | None, Query(max_length=12)] = None,
    active: Annotated[bool | None, Query(description="true, false, or omit for both")] = True,
    page: PageNumber = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    try:
        result = queries.list_seekers(
            db, region=region, education_level=education_level, active=active, page=page, per_page=per_page
        )
    except queries.QueryError as exc:
        raise _bad_request(exc) from exc
    names = seeker_names(db, [s.id for s in result.items], user, get_cipher(request))
    body = _page(result)
    body["items"] = [{**asdict(s), "name": names.get(s.id)} for s in result.items]
    return body


@router.get("/regions", response_model=list[schemas.Region], summary="Provinces and regencies")
def regions(
    db: Db,
    level: Annotated[str | None, Query(pattern="^(province|regency)$")] = None,
    province: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
) -> list[queries.RegionItem]:
    return queries.list_regions(db, level=level, province=province)


@router.get("/occupations", response_model=list[schemas.Occupation], summary="Search occupations")
def occupations(
    db: Db,
    q: Annotated[str | None, Query(max_length=200, description="Code prefix or words of the title")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[queries.OccupationItem]:
    return queries.search_occupations(db, q, limit=limit)


@router.post(
    "/login",
    response_model=schemas.UserInfo,
    responses={
        401: {"model": schemas.Message, "description": "Wrong user name or password"},
        429: {"model": schemas.Message, "description": "Too many failed log-ins; see Retry-After"},
    },
    summary="Log in; sets the session cookie",
)
def login(credentials: schemas.LoginRequest, request: Request, db: Db) -> schemas.UserInfo:
    account = authenticate_throttled(request, db, credentials.username, credentials.password)
    if account is None:
        raise HTTPException(status_code=401, detail="wrong user name or password")
    db.commit()  # keeps a password hash upgraded by authenticate()
    log_in(request, account)
    return schemas.UserInfo(username=account.username, role=account.role)


@router.post("/logout", response_model=schemas.Message, summary="End the session")
def logout(request: Request) -> schemas.Message:
    log_out(request)
    return schemas.Message(detail="logged out")


@router.get(
    "/me",
    response_model=schemas.UserInfo,
    responses={401: {"model": schemas.Message, "description": "Not logged in"}},
    summary="The logged-in user",
)
def me(user: Annotated[CurrentUser | None, Depends(current_user)]) -> schemas.UserInfo:
    if user is None:
        raise HTTPException(status_code=401, detail="not logged in")
    return schemas.UserInfo(username=user.username, role=user.role)


@router.post(
    "/extract",
    response_model=schemas.ExtractResponse,
    summary="Structured facts from a job ad, a CV or a training syllabus",
    responses={401: {"description": "A CV (kind=profile) may be analysed only by a logged-in user"}},
)
def extract_text(
    body: schemas.ExtractRequest,
    user: Annotated[CurrentUser | None, Depends(current_user)],
) -> dict[str, Any]:
    """Run text understanding on one text; nothing is stored. CVs are personal data, so ``kind=profile`` needs
    a logged-in user; job ads and syllabi are public text."""
    from pasarkerja.extract import ExtractionError

    if body.kind == "profile" and user is None:
        raise NotAuthenticated()
    try:
        return analyse_text(body.kind, body.text, body.title, body.location)
    except ExtractionError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def analyse_text(kind: str, text: str, title: str | None, location: str | None) -> dict[str, Any]:
    """The facts of one text as the JSON shape of docs/EXTRACTION.md (shared by the API and the page)."""
    from pasarkerja import extract

    if kind == "vacancy":
        return extract.vacancy(text, title=title, location=location).to_dict()
    if kind == "programme":
        return extract.programme(text, title=title).to_dict()
    return extract.profile(text).to_dict()
