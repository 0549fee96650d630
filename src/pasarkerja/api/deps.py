"""Request dependencies shared by the JSON API and the HTML pages: the database session, the logged-in
user (from the signed session cookie), role checks and the CSRF token of the session.

Authentication is a server-signed session cookie (Starlette ``SessionMiddleware``) holding only the user's
id; the account is re-read on every request, so a deactivated account loses access at once.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.models import UserAccount
from pasarkerja.store.personal import AccessDenied, Viewer, read_personal

SESSION_USER_KEY = "user_id"
SESSION_CSRF_KEY = "csrf"
SESSION_LANGUAGE_KEY = "lang"


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    role: str
    seeker_id: int | None
    employer_id: int | None
    region_code: str | None


class TooManyLogins(Exception):
    """Too many failed log-ins for one account name from one address (API and pages: 429)."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"too many failed log-ins; try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


class LoginThrottle:
    """Counts failed log-ins per (account name, client address) in a sliding window and refuses further
    attempts once ``max_failures`` is reached, until the oldest failure leaves the window.

    Keyed by name *and* address so that someone guessing one officer's password from outside does not lock
    that officer out at the job centre (many officers share one NAT address, so address alone is no key
    either). Kept in memory: one process serves a job centre; a restart forgets, which only favours users.
    """

    def __init__(self, max_failures: int, window_s: float, clock: Callable[[], float] = time.monotonic):
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures

    def check(self, username: str, address: str) -> None:
        """Raise :class:`TooManyLogins` when this name from this address must wait."""
        key = (username.strip().lower(), address)
        with self._lock:
            now = self._clock()
            failures = self._recent(key, now)
            if len(failures) >= self.max_failures:
                raise TooManyLogins(max(1, int(failures[0] + self.window_s - now + 0.999)))

    def failed(self, username: str, address: str) -> None:
        key = (username.strip().lower(), address)
        with self._lock:
            now = self._clock()
            self._recent(key, now).append(now)
            if len(self._failures) > 100_000:  # bound memory under a spray of random names
                self._failures = {k: v for k, v in self._failures.items() if v}

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop((username.strip().lower(), address), None)


def authenticate_throttled(
    request: Request, session: Session, username: str, password: str
) -> UserAccount | None:
    """:func:`~pasarkerja.store.accounts.authenticate` behind the app's :class:`LoginThrottle`."""
    from pasarkerja.store.accounts import authenticate

    throttle: LoginThrottle = request.app.state.login_throttle
    address = request.client.host if request.client else "unknown"
    throttle.check(username, address)
    account = authenticate(session, username, password)
    if account is None:
        throttle.failed(username, address)
    else:
        throttle.succeeded(username, address)
    return account


class NotAuthenticated(Exception):
    """No logged-in user where one is required (API: 401; pages: redirect to the login form)."""


class Forbidden(Exception):
    """The logged-in user's role may not see this resource (API and pages: 403)."""

    def __init__(self, user: CurrentUser, allowed: tuple[str, ...]) -> None:
        super().__init__(f"role {user.role!r} may not access this; allowed: {', '.join(allowed)}")
        self.user = user
        self.allowed = allowed


class CsrfError(Exception):
    """A state-changing form without the session's CSRF token."""


def get_db(request: Request) -> Iterator[Session]:
    """One database session per request; handlers that write commit it themselves."""
    factory: sessionmaker[Session] = request.app.state.sessions
    with factory() as session:
        yield session


def current_user(request: Request, db: Session = Depends(get_db)) -> CurrentUser | None:
    user_id = request.session.get(SESSION_USER_KEY)
    if not isinstance(user_id, int):
        return None
    account = db.get(UserAccount, user_id)
    if account is None or not account.is_active:
        request.session.pop(SESSION_USER_KEY, None)
        return None
    return CurrentUser(
        id=account.id,
        username=account.username,
        role=account.role,
        seeker_id=account.seeker_id,
        employer_id=account.employer_id,
        region_code=account.region_code,
    )


def require_roles(*roles: str) -> Callable[..., CurrentUser]:
    """A dependency that admits only logged-in users with one of ``roles``."""
    if not roles:
        raise ValueError("require_roles needs at least one role")

    def dependency(user: CurrentUser | None = Depends(current_user)) -> CurrentUser:
        if user is None:
            raise NotAuthenticated()
        if user.role not in roles:
            raise Forbidden(user, roles)
        return user

    return dependency


# Roles that may see seekers' profiles and, through store.personal, their names.
SEEKER_LIST_ROLES = ("counsellor", "admin")


def get_cipher(request: Request) -> PersonalDataCipher:
    cipher: PersonalDataCipher = request.app.state.cipher
    return cipher


def seeker_names(
    db: Session, seeker_ids: list[int], user: CurrentUser, cipher: PersonalDataCipher
) -> dict[int, str | None]:
    """Seekers' names as ``user`` may see them: each read goes through ``read_personal``, which checks the
    role, so a name the viewer may not read stays None instead of failing the whole list."""
    viewer = Viewer(user_id=user.id, role=user.role, seeker_id=user.seeker_id, employer_id=user.employer_id)
    names: dict[int, str | None] = {}
    for seeker_id in seeker_ids:
        try:
            names[seeker_id] = read_personal(db, seeker_id, viewer, cipher).name
        except AccessDenied:
            names[seeker_id] = None
    return names


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get(SESSION_CSRF_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF_KEY] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get(SESSION_CSRF_KEY)
    if not isinstance(expected, str) or not submitted or not hmac.compare_digest(expected, submitted):
        raise CsrfError()


def log_in(request: Request, account: UserAccount) -> None:
    """Start a fresh session for ``account`` (a new CSRF token; the language choice is kept)."""
    language = request.session.get(SESSION_LANGUAGE_KEY)
    request.session.clear()
    request.session[SESSION_USER_KEY] = account.id
    request.session[SESSION_CSRF_KEY] = secrets.token_urlsafe(32)
    if language:
        request.session[SESSION_LANGUAGE_KEY] = language


def log_out(request: Request) -> None:
    language = request.session.get(SESSION_LANGUAGE_KEY)
    request.session.clear()
    if language:
        request.session[SESSION_LANGUAGE_KEY] = language
