"""Personal data under UU PDP: stored hashed/encrypted, and read only by those entitled to it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from pasarkerja.store.models import Application, Consent, Employer, Seeker, Vacancy
from pasarkerja.store.personal import (
    AccessDenied,
    PersonalData,
    Viewer,
    find_seeker_by_nik,
    read_personal,
    save_personal,
)
from test_import_support import CIPHER, seed_reference

SITI = PersonalData(
    nik="3273014102950001",
    name="Siti Aminah",
    birth_date=dt.date(1995, 2, 1),
    sex="F",
    phone="+6281234567890",
    email="siti@example.org",
    address="Jl. Melati 1, Bandung",
)


def _world(engine: Engine) -> dict[str, int]:
    """Two seekers; employer A has a vacancy that seeker 1 applied to; seeker 1 consented to sharing."""
    seed_reference(engine)
    with Session(engine) as session, session.begin():
        s1, s2 = Seeker(source="t", external_id="1"), Seeker(source="t", external_id="2")
        a, b = Employer(name="PT A"), Employer(name="PT B")
        session.add_all([s1, s2, a, b])
        session.flush()
        vacancy_a = Vacancy(title="Operator", employer_id=a.id)
        vacancy_b = Vacancy(title="Kasir", employer_id=b.id)
        session.add_all([vacancy_a, vacancy_b])
        session.flush()
        session.add(
            Application(kind="application", seeker_id=s1.id, vacancy_id=vacancy_a.id, status="applied")
        )
        session.add(
            Application(kind="application", seeker_id=s2.id, vacancy_id=vacancy_a.id, status="applied")
        )
        session.add(Consent(seeker_id=s1.id, purpose="share_contact_on_application", granted=True))
        save_personal(session, s1.id, SITI, CIPHER)
        save_personal(session, s2.id, PersonalData(nik="3204151508900003", name="Budi", sex="M"), CIPHER)
        return {"s1": s1.id, "s2": s2.id, "a": a.id, "b": b.id}


def test_stored_protected_and_found_by_nik(engine: Engine) -> None:
    ids = _world(engine)
    with Session(engine) as session:
        assert find_seeker_by_nik(session, "3273014102950001", CIPHER) == ids["s1"]
        assert find_seeker_by_nik(session, " 3273014102950001 ", CIPHER) == ids["s1"]
        assert find_seeker_by_nik(session, "3273014102950002", CIPHER) is None
        row = session.execute(
            text("SELECT * FROM seeker_personal WHERE seeker_id = :id"), {"id": ids["s1"]}
        ).one()
        stored = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row)
        for secret in (
            "3273014102950001",
            "Siti",
            "6281234567890",
            "siti@example.org",
            "Melati",
            "1995-02-01",
        ):
            assert secret.encode() not in stored, secret
        assert (row.sex, row.birth_year) == ("F", 1995)
    with Session(engine) as session, pytest.raises(ValueError, match="already registered to another seeker"):
        save_personal(session, ids["s2"], SITI, CIPHER)


def test_repr_masks_every_value() -> None:
    shown = repr(SITI) + str(SITI) + f"{SITI}"
    for secret in ("3273014102950001", "Siti", "6281234567890", "siti@", "Melati", "1995"):
        assert secret not in shown
    assert repr(PersonalData(name="X")) == (
        "PersonalData(nik=None, name=***, birth_date=None, sex=None, phone=None, email=None, address=None)"
    )


def test_access_by_role(engine: Engine) -> None:
    ids = _world(engine)
    s1, s2, a, b = ids["s1"], ids["s2"], ids["a"], ids["b"]
    with Session(engine) as session:
        for role in ("counsellor", "admin"):
            assert read_personal(session, s1, Viewer(user_id=9, role=role), CIPHER) == SITI
        assert read_personal(session, s1, Viewer(user_id=5, role="seeker", seeker_id=s1), CIPHER) == SITI
        # Employer A: seeker 1 applied and consented.
        assert read_personal(session, s1, Viewer(user_id=7, role="employer", employer_id=a), CIPHER).name == (
            "Siti Aminah"
        )
        denied = [
            (s1, Viewer(user_id=6, role="seeker", seeker_id=s2), "only their own"),
            (s1, Viewer(user_id=6, role="seeker"), "only their own"),
            (s1, Viewer(user_id=8, role="employer", employer_id=b), "has not applied"),
            (s2, Viewer(user_id=7, role="employer", employer_id=a), "has not consented"),
            (s1, Viewer(user_id=7, role="employer"), "not linked to an employer"),
            (s1, Viewer(user_id=3, role="analyst"), "'analyst' may not read personal data"),
            (s1, Viewer(user_id=3, role="visitor"), "'visitor' may not read"),
        ]
        for seeker_id, viewer, message in denied:
            with pytest.raises(AccessDenied, match=message):
                read_personal(session, seeker_id, viewer, CIPHER)
        assert issubclass(AccessDenied, PermissionError)
    # Withdrawing the consent ends the employer's access.
    with Session(engine) as session, session.begin():
        session.add(
            Consent(
                seeker_id=s1,
                purpose="share_contact_on_application",
                granted=False,
                recorded_at=dt.datetime(2099, 1, 1),
            )
        )
    with Session(engine) as session, pytest.raises(AccessDenied, match="has not consented"):
        read_personal(session, s1, Viewer(user_id=7, role="employer", employer_id=a), CIPHER)


def test_a_counsellors_referral_is_not_an_application_that_opens_contact_details(engine: Engine) -> None:
    ids = _world(engine)
    s1, b = ids["s1"], ids["b"]
    with Session(engine) as session, session.begin():
        vacancy_b = session.scalar(select(Vacancy.id).where(Vacancy.employer_id == b))
        session.add(Application(kind="referral", seeker_id=s1, vacancy_id=vacancy_b, status="referred"))
    with Session(engine) as session, pytest.raises(AccessDenied, match="has not applied"):
        read_personal(session, s1, Viewer(user_id=8, role="employer", employer_id=b), CIPHER)
    with Session(engine) as session, session.begin():
        session.add(Application(kind="application", seeker_id=s1, vacancy_id=vacancy_b, status="applied"))
    with Session(engine) as session:
        assert read_personal(session, s1, Viewer(user_id=8, role="employer", employer_id=b), CIPHER).name == SITI.name
