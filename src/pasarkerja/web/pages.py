"""Server-rendered pages (Jinja2): home, vacancies, training programmes, seekers, log-in and log-out.

Indonesian is the default language; ``?lang=en`` (or ``?lang=id``) on any page switches it and the choice
is kept in the session. All visible text comes from :mod:`pasarkerja.web.i18n`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy.orm import Session
from starlette.datastructures import URL

from pasarkerja.api.deps import (
    SEEKER_LIST_ROLES,
    SESSION_LANGUAGE_KEY,
    SESSION_USER_KEY,
    CurrentUser,
    authenticate_throttled,
    check_csrf,
    csrf_token,
    current_user,
    get_cipher,
    get_db,
    log_in,
    log_out,
    require_roles,
    seeker_names,
)
from pasarkerja.store import queries
from pasarkerja.store.models import UserAccount
from pasarkerja.web.i18n import LANGUAGES, translator

TEMPLATES_DIR = Path(__file__).parent / "templates"
PER_PAGE = 20

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
router = APIRouter()

Db = Annotated[Session, Depends(get_db)]
User = Annotated[CurrentUser | None, Depends(current_user)]
PageNumber = Annotated[int, Query(ge=1)]
OptionalText = Annotated[str | None, Query(max_length=200)]


# ------------------------------------------------------------------------------------------ helpers


def _group_digits(value: int, language: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if language == "id" else text


def format_number(value: int | float | None, language: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:.1f}"
        return text.replace(".", ",") if language == "id" else text
    return _group_digits(int(value), language)


def format_rupiah(value: int | None, language: str) -> str:
    return "–" if value is None else f"Rp {_group_digits(value, language)}"


def current_language(request: Request) -> str:
    """The page language: ``?lang=`` (remembered in the session), else the session's, else the default."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        request.session[SESSION_LANGUAGE_KEY] = asked
        return asked
    stored = request.session.get(SESSION_LANGUAGE_KEY)
    if stored in LANGUAGES:
        return str(stored)
    default: str = request.app.state.settings.default_language
    return default


def _url_without_lang(request: Request, **params: Any) -> str:
    """The current URL with ``params`` set (None removes one), ``lang`` dropped: it is in the session."""
    url = request.url.remove_query_params("lang")
    for name, value in params.items():
        url = url.remove_query_params(name) if value is None else url.include_query_params(**{name: value})
    return _local(url)


def _local(url: URL) -> str:
    """Path and query only, so links never name the host the request came through."""
    return url.path + (f"?{url.query}" if url.query else "")


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    user: CurrentUser | None,
    status_code: int = 200,
) -> HTMLResponse:
    language = current_language(request)
    other = "en" if language == "id" else "id"
    t = translator(language)
    base: dict[str, Any] = {
        "t": t,
        "lang": language,
        "other_lang": other,
        "other_lang_url": _local(request.url.include_query_params(lang=other)),
        "user": user,
        "csrf_token": _LazyCsrfToken(request),
        "path": request.url.path,
        "num": lambda v: format_number(v, language),
        "rupiah": lambda v: format_rupiah(v, language),
        "page_url": lambda n: _url_without_lang(request, page=n),
        "can_see_seekers": user is not None and user.role in SEEKER_LIST_ROLES,
    }
    base.update(context)
    return templates.TemplateResponse(request, template, base, status_code=status_code)


class _LazyCsrfToken:
    """The session's CSRF token, created only when a page actually renders a form that needs it, so that
    anonymous visitors reading public pages get no session cookie at all."""

    def __init__(self, request: Request) -> None:
        self._request = request

    def __str__(self) -> str:
        return csrf_token(self._request)

    def __html__(self) -> str:
        return str(self)  # URL-safe base64: nothing to escape


def _user_from_session(request: Request) -> CurrentUser | None:
    """The logged-in user for pages rendered outside a route (error pages)."""
    if not isinstance(request.session.get(SESSION_USER_KEY), int):
        return None
    with request.app.state.sessions() as db:
        return current_user(request, db)


def render_error(
    request: Request,
    status_code: int,
    title_key: str,
    text_key: str | None,
    *,
    user: CurrentUser | None = None,
    detail: str | None = None,
    **values: Any,
) -> HTMLResponse:
    if "role" in values:  # shown in the page language, like the role in the header
        values["role"] = translator(current_language(request))(f"role.{values['role']}")
    return render(
        request,
        "error.html",
        {"title_key": title_key, "text_key": text_key, "values": values, "detail": detail},
        user=user or _user_from_session(request),
        status_code=status_code,
    )


def _safe_next(target: str | None) -> str:
    """Only same-site paths are followed after log-in (no open redirect to another host)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _major_groups(language: str) -> list[tuple[str, str]]:
    index = 0 if language == "id" else 1
    return [(code, names[index]) for code, names in sorted(queries.ISCO_MAJOR_GROUPS.items())]


def _empty_to_none(value: str | None) -> str | None:
    return value if value else None


# -------------------------------------------------------------------------------------------- pages


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: Db, user: User) -> HTMLResponse:
    return render(
        request,
        "home.html",
        {
            "counts": queries.counts(db),
            "by_province": queries.counts_by_province(db),
            "by_major_group": queries.counts_by_major_group(db),
        },
        user=user,
    )


@router.get("/lowongan", response_class=HTMLResponse)
def vacancies(
    request: Request,
    db: Db,
    user: User,
    q: OptionalText = None,
    region: Annotated[str | None, Query(max_length=4)] = None,
    major_group: Annotated[str | None, Query(max_length=1)] = None,
    page: PageNumber = 1,
) -> HTMLResponse:
    region, major_group = _empty_to_none(region), _empty_to_none(major_group)
    result = queries.list_vacancies(
        db, region=region, major_group=major_group, q=q, page=page, per_page=PER_PAGE
    )
    return render(
        request,
        "vacancies.html",
        {
            "result": result,
            "filters": {"q": q or "", "region": region or "", "major_group": major_group or ""},
            "provinces": queries.list_regions(db, level="province"),
            "major_groups": _major_groups(current_language(request)),
        },
        user=user,
    )


@router.get("/lowongan/{vacancy_id}", response_class=HTMLResponse)
def vacancy(request: Request, vacancy_id: int, db: Db, user: User) -> HTMLResponse:
    detail = queries.get_vacancy(db, vacancy_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"vacancy {vacancy_id} not found")
    return render(request, "vacancy.html", {"vacancy": detail}, user=user)


@router.get("/pelatihan", response_class=HTMLResponse)
def programmes(
    request: Request,
    db: Db,
    user: User,
    q: OptionalText = None,
    region: Annotated[str | None, Query(max_length=4)] = None,
    page: PageNumber = 1,
) -> HTMLResponse:
    region = _empty_to_none(region)
    result = queries.list_programmes(db, region=region, q=q, page=page, per_page=PER_PAGE)
    return render(
        request,
        "programmes.html",
        {
            "result": result,
            "filters": {"q": q or "", "region": region or ""},
            "provinces": queries.list_regions(db, level="province"),
        },
        user=user,
    )


@router.get("/pencari-kerja", response_class=HTMLResponse)
def seekers(
    request: Request,
    db: Db,
    user: Annotated[CurrentUser, Depends(require_roles(*SEEKER_LIST_ROLES))],
    region: Annotated[str | None, Query(max_length=4)] = None,
    page: PageNumber = 1,
) -> HTMLResponse:
    region = _empty_to_none(region)
    result = queries.list_seekers(db, region=region, page=page, per_page=PER_PAGE)
    names = seeker_names(db, [s.id for s in result.items], user, get_cipher(request))
    return render(
        request,
        "seekers.html",
        {
            "result": result,
            "names": names,
            "filters": {"region": region or ""},
            "provinces": queries.list_regions(db, level="province"),
        },
        user=user,
    )


@router.get("/masuk", response_class=HTMLResponse)
def login_form(request: Request, user: User, next: Annotated[str | None, Query()] = None) -> HTMLResponse:
    return render(
        request,
        "login.html",
        {"next": _safe_next(next), "failed": False, "username": "", "explain": next is not None},
        user=user,
    )


@router.post("/masuk", response_model=None)
def login_submit(
    request: Request,
    db: Db,
    username: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=1024)],
    csrf: Annotated[str | None, Form(alias="csrf_token")] = None,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    check_csrf(request, csrf)
    account: UserAccount | None = authenticate_throttled(request, db, username, password)
    if account is None:
        return render(
            request,
            "login.html",
            {"next": _safe_next(next), "failed": True, "username": username, "explain": False},
            user=None,
            status_code=401,
        )
    db.commit()  # keeps a password hash upgraded by authenticate()
    log_in(request, account)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.get("/keluar", response_class=HTMLResponse)
def logout_form(request: Request, user: User) -> HTMLResponse:
    return render(request, "logout.html", {}, user=user)


@router.post("/keluar", response_model=None)
def logout_submit(request: Request, csrf: Annotated[str | None, Form(alias="csrf_token")] = None) -> Response:
    check_csrf(request, csrf)
    log_out(request)
    return RedirectResponse("/", status_code=303)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request, user: User) -> HTMLResponse:
    """The API reference rendered from the OpenAPI schema on the server (no JavaScript, no CDN)."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            responses = []
            for code, response in operation.get("responses", {}).items():
                ref = response.get("content", {}).get("application/json", {}).get("schema", {})
                responses.append((code, response.get("description", ""), _schema_name(ref)))
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _schema_name(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": _schema_name(
                        operation.get("requestBody", {})
                        .get("content", {})
                        .get("application/json", {})
                        .get("schema", {})
                    ),
                    "responses": responses,
                }
            )
    return render(
        request,
        "api_docs.html",
        {
            "api_title": schema["info"]["title"],
            "api_version": schema["info"]["version"],
            "api_description": _inline_markdown(schema["info"].get("description", "")),
            "operations": operations,
            "models": sorted(schema.get("components", {}).get("schemas", {}).items()),
            "schema_name": _schema_name,
        },
        user=user,
    )


def _inline_markdown(text: str) -> Markup:
    """The inline Markdown of the API description (``code``, **bold**, *emphasis*) as HTML; the text is
    escaped first, so only these three constructs ever become markup."""
    html = str(escape(text.strip()))
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
    html = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", html)
    html = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", html)
    return Markup(html)


def _schema_name(schema: dict[str, Any]) -> str:
    """A short readable type for a JSON schema fragment (``VacancyPage``, ``list[Region]``, ``integer``)."""
    if not schema:
        return ""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_schema_name(part) for part in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{_schema_name(schema.get('items', {}))}]"
    kind = str(schema.get("type", "object"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind
