"""Seekers' personal data under UU PDP (Law 27/2022): stored protected, read only by those entitled to it.

- The NIK is kept as a keyed hash (``nik_hash``: look-ups and uniqueness) plus its encryption, never in clear.
- Name, birth date, phone, e-mail and address are encrypted
  (:class:`~pasarkerja.store.crypto.PersonalDataCipher`).
- Sex and birth year stay in clear in ``seeker_personal`` for statistics by sex and age band.

Every read goes through :func:`read_personal`, which checks the viewer's right to see that seeker:

=============  ==========================================================================================
role           may read the personal data of
=============  ==========================================================================================
counsellor     any seeker (job-centre staff serve every registered seeker)
admin          any seeker
seeker         only themselves
employer       only seekers who applied to one of that employer's vacancies *and* whose latest consent
               ``share_contact_on_application`` is granted (purpose limitation)
analyst        nobody: statistics are made from the de-identified tables
=============  ==========================================================================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.models import Application, Consent, SeekerPersonal, Vacancy

_STAFF_ROLES = frozenset({"counsellor", "admin"})


class AccessDenied(PermissionError):
    """The viewer may not read this seeker's personal data."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking: a user's id and role, with the seeker or employer record the account belongs to."""

    user_id: int | None
    role: str
    seeker_id: int | None = None
    employer_id: int | None = None


@dataclass(slots=True)
class PersonalData:
    """A seeker's directly identifying data. ``sex`` is ``"F"`` or ``"M"``.

    Its ``repr`` masks every value, so a PersonalData that ends up in a log line or a traceback shows
    which fields are filled and nothing else."""

    nik: str | None = None
    name: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={'***' if getattr(self, f.name) is not None else None}" for f in fields(self)
        )
        return f"PersonalData({shown})"

    __str__ = __repr__

    @property
    def birth_year(self) -> int | None:
        return self.birth_date.year if self.birth_date is not None else None


def save_personal(
    session: Session,
    seeker_id: int,
    data: PersonalData,
    cipher: PersonalDataCipher,
    *,
    birth_year: int | None = None,
) -> None:
    """Store ``data`` as the seeker's personal data, replacing what was there (``None`` clears a field).

    ``birth_year`` is for when only the year is known (from the NIK); a birth date wins over it. Raises
    :class:`ValueError` when the NIK is registered to another seeker (without saying which)."""
    if data.sex is not None and data.sex not in ("F", "M"):
        raise ValueError("sex must be 'F' or 'M'")
    nik = data.nik.strip() if data.nik else None
    nik_hash = cipher.nik_hash(nik) if nik else None
    if nik_hash is not None:
        owner = session.scalar(select(SeekerPersonal.seeker_id).where(SeekerPersonal.nik_hash == nik_hash))
        if owner is not None and owner != seeker_id:
            raise ValueError("this NIK is already registered to another seeker")
    record = session.get(SeekerPersonal, seeker_id)
    if record is None:
        record = SeekerPersonal(seeker_id=seeker_id)
        session.add(record)
    record.nik_hash = nik_hash
    record.nik_encrypted = cipher.encrypt(nik)
    record.name_encrypted = cipher.encrypt(data.name)
    record.birth_date_encrypted = cipher.encrypt(data.birth_date.isoformat() if data.birth_date else None)
    record.phone_encrypted = cipher.encrypt(data.phone)
    record.email_encrypted = cipher.encrypt(data.email)
    record.address_encrypted = cipher.encrypt(data.address)
    record.sex = data.sex
    record.birth_year = data.birth_year if data.birth_date is not None else birth_year


def find_seeker_by_nik(session: Session, nik: str, cipher: PersonalDataCipher) -> int | None:
    """The id of the seeker registered with this NIK, found through its keyed hash."""
    return session.scalar(
        select(SeekerPersonal.seeker_id).where(SeekerPersonal.nik_hash == cipher.nik_hash(nik))
    )


def _consented_to_share(session: Session, seeker_id: int) -> bool:
    """The latest recorded ``share_contact_on_application`` consent is granted and not withdrawn."""
    latest = session.scalars(
        select(Consent)
        .where(Consent.seeker_id == seeker_id, Consent.purpose == "share_contact_on_application")
        .order_by(Consent.recorded_at.desc(), Consent.id.desc())
        .limit(1)
    ).first()
    return latest is not None and latest.granted and latest.withdrawn_at is None


def _applied_to_employer(session: Session, seeker_id: int, employer_id: int) -> bool:
    # Only the seeker's own application counts: a counsellor's referral is not the seeker choosing to
    # share contact details with that employer.
    return (
        session.scalar(
            select(Application.id)
            .join(Vacancy, Vacancy.id == Application.vacancy_id)
            .where(
                Application.seeker_id == seeker_id,
                Application.kind == "application",
                Vacancy.employer_id == employer_id,
            )
            .limit(1)
        )
        is not None
    )


def check_access(session: Session, seeker_id: int, viewer: Viewer) -> None:
    """Raise :class:`AccessDenied` unless ``viewer`` may read seeker ``seeker_id``'s personal data."""
    if viewer.role in _STAFF_ROLES:
        return
    if viewer.role == "seeker":
        if viewer.seeker_id is not None and viewer.seeker_id == seeker_id:
            return
        raise AccessDenied("a seeker may read only their own personal data")
    if viewer.role == "employer":
        if viewer.employer_id is None:
            raise AccessDenied("this employer account is not linked to an employer")
        if not _applied_to_employer(session, seeker_id, viewer.employer_id):
            raise AccessDenied("the seeker has not applied to a vacancy of this employer")
        if not _consented_to_share(session, seeker_id):
            raise AccessDenied("the seeker has not consented to share contact details with employers")
        return
    raise AccessDenied(f"the role {viewer.role!r} may not read personal data")


def read_personal(
    session: Session, seeker_id: int, viewer: Viewer, cipher: PersonalDataCipher
) -> PersonalData:
    """The seeker's personal data, decrypted, after checking that ``viewer`` may see it.

    A seeker without stored personal data gives an empty :class:`PersonalData` (to those allowed to ask)."""
    check_access(session, seeker_id, viewer)
    record = session.get(SeekerPersonal, seeker_id)
    if record is None:
        return PersonalData()
    birth = cipher.decrypt(record.birth_date_encrypted)
    return PersonalData(
        nik=cipher.decrypt(record.nik_encrypted),
        name=cipher.decrypt(record.name_encrypted),
        birth_date=dt.date.fromisoformat(birth) if birth else None,
        sex=record.sex,
        phone=cipher.decrypt(record.phone_encrypted),
        email=cipher.decrypt(record.email_encrypted),
        address=cipher.decrypt(record.address_encrypted),
    )


__all__ = [
    "AccessDenied",
    "PersonalData",
    "Viewer",
    "check_access",
    "find_seeker_by_nik",
    "read_personal",
    "save_personal",
]
