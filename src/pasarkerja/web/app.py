"""The web application: the JSON API under ``/api`` and the server-rendered pages, in one FastAPI app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pasarkerja import __version__
from pasarkerja.api.deps import CsrfError, Forbidden, LoginThrottle, NotAuthenticated, TooManyLogins
from pasarkerja.api.gap import router as api_gap_router
from pasarkerja.api.lmi import router as api_lmi_router
from pasarkerja.api.match import router as api_match_router
from pasarkerja.api.routes import router as api_router
from pasarkerja.settings import Settings, get_settings
from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.db import make_engine, session_factory
from pasarkerja.store.queries import QueryError
from pasarkerja.web.analysis import router as analysis_router
from pasarkerja.web.charts import router as charts_router
from pasarkerja.web.gap_pages import router as gap_pages_router
from pasarkerja.web.lmi_pages import router as lmi_pages_router
from pasarkerja.web.match_pages import router as match_pages_router
from pasarkerja.web.pages import render_error
from pasarkerja.web.pages import router as pages_router

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "pasarkerja_session"

API_DESCRIPTION = """
Labour-market data of **pasarkerja**: vacancies, training programmes, regions, occupations and counts.

**Authentication.** `POST /api/login` with `{"username": …, "password": …}` returns the user and sets a
signed session cookie (`pasarkerja_session`, HttpOnly, SameSite=Lax); send it with later requests.
`GET /api/seekers` needs the role *counsellor* or *admin* (401 without a session, 403 for other roles).
`POST /api/logout` ends the session. Errors are JSON objects with a `detail` field.
"""


def session_signing_key(secret: bytes) -> str:
    """A key for signing session cookies, derived from the deployment secret under its own label so it is
    independent of the personal-data keys derived from the same secret."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"pasarkerja", info=b"session-cookie")
    return hkdf.derive(secret).hex()


class SecurityHeaders:
    """Conservative browser security headers on every response (the pages load nothing from elsewhere)."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
        (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The application for ``settings`` (default: from the environment), on ``engine`` when given."""
    settings = settings or get_settings()
    engine = engine or make_engine(settings.database_url)
    secret = settings.secret()

    app = FastAPI(
        title="pasarkerja",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,  # /docs is served by the pages router from the OpenAPI schema, without a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.cipher = PersonalDataCipher(secret)
    app.state.login_throttle = LoginThrottle(settings.login_max_failures, settings.login_window_s)

    app.include_router(api_router, prefix="/api", tags=["api"])
    app.include_router(api_match_router, prefix="/api", tags=["match"])
    app.include_router(api_gap_router, prefix="/api", tags=["gap"])
    app.include_router(api_lmi_router, prefix="/api", tags=["lmi"])
    app.include_router(pages_router, include_in_schema=False)
    app.include_router(analysis_router, include_in_schema=False)
    app.include_router(match_pages_router, include_in_schema=False)
    app.include_router(gap_pages_router, include_in_schema=False)
    app.include_router(lmi_pages_router, include_in_schema=False)
    app.include_router(charts_router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    app.add_middleware(
        SessionMiddleware,
        secret_key=session_signing_key(secret),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age_s,
        same_site="lax",
        https_only=False,  # local deployments serve plain HTTP; put TLS in front in production
    )
    app.add_middleware(SecurityHeaders)

    # Plain (not async) handlers: Starlette runs them in its thread pool, where the error pages may query
    # the database for the header's user without blocking the event loop.
    @app.exception_handler(NotAuthenticated)
    def not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "login required"}, status_code=401)
        return RedirectResponse(f"/masuk?next={request.url.path}", status_code=303)

    @app.exception_handler(Forbidden)
    def forbidden(request: Request, exc: Forbidden) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=403)
        return render_error(
            request, 403, "error.forbidden.title", "error.forbidden.text", user=exc.user, role=exc.user.role
        )

    @app.exception_handler(CsrfError)
    def csrf_error(request: Request, exc: CsrfError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "missing or invalid CSRF token"}, status_code=403)
        return render_error(request, 403, "error.csrf.title", "error.csrf.text")

    @app.exception_handler(TooManyLogins)
    def too_many_logins(request: Request, exc: TooManyLogins) -> Response:
        headers = {"Retry-After": str(exc.retry_after_s)}
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=429, headers=headers)
        response = render_error(
            request,
            429,
            "error.too_many_logins.title",
            "error.too_many_logins.text",
            minutes=(exc.retry_after_s + 59) // 60,
        )
        response.headers.update(headers)
        return response

    @app.exception_handler(QueryError)
    def query_error(request: Request, exc: QueryError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return render_error(request, 400, "error.bad_request.title", None, detail=str(exc))

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_messages(exc)
        if _is_api(request):
            return JSONResponse({"detail": details}, status_code=422)
        return render_error(request, 400, "error.bad_request.title", None, detail="; ".join(details))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _is_api(request) or exc.status_code != 404:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render_error(request, 404, "error.not_found.title", "error.not_found.text")

    return app


def _validation_messages(exc: RequestValidationError) -> list[str]:
    """Messages naming the parameter, e.g. ``query.page: Input should be greater than or equal to 1``."""
    messages = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error.get("loc", ()))
        messages.append(f"{location}: {error.get('msg', 'invalid value')}")
    return messages


def app_from_environment() -> FastAPI:
    """Factory for ``uvicorn --factory pasarkerja.web.app:app_from_environment``."""
    return create_app()


def serve(
    settings: Settings,
    *,
    host: str | None = None,
    port: int | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve pasarkerja with uvicorn on ``host:port`` (default: from ``settings``) until interrupted.

    ``announce`` receives the address to open, before the server starts listening.
    """
    import uvicorn

    app = create_app(settings)
    bind_host = host or settings.host
    bind_port = port or settings.port
    shown_host = f"[{bind_host}]" if ":" in bind_host else bind_host
    announce(f"http://{shown_host}:{bind_port}/")
    uvicorn.run(app, host=bind_host, port=bind_port, log_level="info", proxy_headers=False)
