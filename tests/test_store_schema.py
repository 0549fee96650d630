"""The Alembic migrations create exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.db import current_revision, table_names, transaction, upgrade
from pasarkerja.store.models import Application, Base, Seeker, Vacancy


def test_migrations_reach_head_and_match_the_models(engine: Engine) -> None:
    assert current_revision(engine) is not None
    assert set(Base.metadata.tables) <= set(table_names(engine))
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent(engine: Engine) -> None:
    before = current_revision(engine)
    upgrade(engine)
    assert current_revision(engine) == before


def test_constraints_reject_inconsistent_rows(engine: Engine) -> None:
    with pytest.raises(IntegrityError), transaction(engine) as session:
        session.add(Vacancy(title="Operator produksi", openings=0, status="open"))
    with pytest.raises(IntegrityError), transaction(engine) as session:
        session.add(Vacancy(title="Kasir", pay_min=5_000_000, pay_max=4_000_000, status="open"))
    with pytest.raises(IntegrityError), transaction(engine) as session:
        session.add(Vacancy(title="Kasir", status="archived"))
    # An application must point at exactly one target.
    with transaction(engine) as session:
        seeker = Seeker(registered_on=dt.date(2025, 1, 2))
        session.add(seeker)
    with pytest.raises(IntegrityError), transaction(engine) as session:
        session.add(Application(kind="referral", seeker_id=seeker.id, status="referred"))
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Vacancy)) == 0


def test_unique_external_id_per_source(engine: Engine) -> None:
    with transaction(engine) as session:
        session.add(Vacancy(title="Kurir", source="loker", external_id="A1"))
        session.add(Vacancy(title="Kurir", source="other", external_id="A1"))
    with pytest.raises(IntegrityError), transaction(engine) as session:
        session.add(Vacancy(title="Kurir", source="loker", external_id="A1"))


def test_cipher_hashes_deterministically_and_encrypts_reversibly() -> None:
    cipher = PersonalDataCipher(b"0123456789abcdef-test-secret")
    other = PersonalDataCipher(b"another-secret-of-sufficient-size")
    nik = "3273014101900001"
    assert cipher.nik_hash(nik) == cipher.nik_hash(nik)
    assert cipher.nik_hash(nik) != other.nik_hash(nik)
    assert nik not in cipher.nik_hash(nik)
    token = cipher.encrypt(nik)
    assert token is not None and nik.encode() not in token
    assert cipher.decrypt(token) == nik
    with pytest.raises(ValueError, match="cannot be decrypted"):
        other.decrypt(token)
    with pytest.raises(ValueError, match="at least 16 bytes"):
        PersonalDataCipher(b"short")
