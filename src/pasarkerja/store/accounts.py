"""User accounts: Argon2id password hashes, creation with validation, and authentication.

Passwords are hashed with argon2-cffi's defaults (Argon2id, parameters it keeps current); a hash made with
older parameters is upgraded on the next successful log-in. Unknown user names still cost one Argon2
verification so that response time does not reveal which user names exist.
"""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pasarkerja.store.models import ROLES, UserAccount

MIN_PASSWORD_LENGTH = 8
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9._@-]{3,80}$")

_hasher = PasswordHasher()
# A real hash of a random password, verified against when the user name is unknown (timing equalisation).
_DUMMY_HASH = _hasher.hash("pasarkerja-no-such-user-placeholder")


class AccountError(ValueError):
    """An account cannot be created as asked; the message names the field."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches ``password_hash``; False on mismatch or a malformed hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    *,
    seeker_id: int | None = None,
    employer_id: int | None = None,
    region_code: str | None = None,
) -> UserAccount:
    """Add a user account to ``session`` (flushed, not committed) after validating every field."""
    if not USERNAME_PATTERN.match(username):
        raise AccountError(
            f"user {username!r}: field 'username' must be 3–80 characters of letters, digits, . _ @ -"
        )
    if role not in ROLES:
        raise AccountError(f"user {username!r}: field 'role' must be one of {', '.join(ROLES)}, got {role!r}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"user {username!r}: field 'password' must be at least {MIN_PASSWORD_LENGTH} characters"
        )
    if role == "seeker" and seeker_id is None:
        raise AccountError(f"user {username!r}: field 'seeker_id' is required for role 'seeker'")
    if role == "employer" and employer_id is None:
        raise AccountError(f"user {username!r}: field 'employer_id' is required for role 'employer'")
    existing = session.scalar(
        select(UserAccount.id).where(func.lower(UserAccount.username) == username.lower())
    )
    if existing is not None:
        raise AccountError(f"user {username!r}: field 'username' is already taken")
    user = UserAccount(
        username=username,
        password_hash=hash_password(password),
        role=role,
        seeker_id=seeker_id,
        employer_id=employer_id,
        region_code=region_code,
        is_active=True,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> UserAccount | None:
    """The active account with these credentials, or None. Upgrades an outdated hash in ``session``."""
    user = session.scalar(select(UserAccount).where(func.lower(UserAccount.username) == username.lower()))
    if user is None or not user.is_active:
        # Spend the same work as a real check so a missing account is not told apart by timing.
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.flush()
    return user
