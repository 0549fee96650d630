"""Shared fixtures: a migrated database on SQLite and, when it answers, on PostgreSQL.

Each PostgreSQL test session works in a schema of its own (``t_<pid>_<n>``) so concurrent runs on the
same ``test`` database never see each other's rows; the schema is dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pasarkerja.store.db import make_engine, upgrade

POSTGRES_URL = os.environ.get("PASARKERJA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_data(relative: str) -> Path:
    """A file under ../shared/data, or skip the test with the reason when it is absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared data not present: {path} (tests that read ../shared/data skip without it)")
    return path


def _postgres_reason() -> str | None:
    try:
        engine = make_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:
        return f"PostgreSQL at {POSTGRES_URL} does not answer: {type(exc).__name__}"
    return None


_PG_REASON: str | bool | None = False


def postgres_unavailable() -> str | None:
    global _PG_REASON
    if _PG_REASON is False:
        _PG_REASON = _postgres_reason()
    return _PG_REASON if isinstance(_PG_REASON, str) else None


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'pasarkerja.db'}"


def _postgres_schema_engine() -> tuple[Engine, str]:
    schema = f"t_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    engine = make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    return engine, schema


def _drop_schema(schema: str) -> None:
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head per test session; tests get a copy (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "pasarkerja.db"
    template = make_engine(f"sqlite:///{path}")
    upgrade(template)
    with template.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    template.dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated database: every test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("migrated_sqlite_template")
        target = tmp_path / "pasarkerja.db"
        shutil.copyfile(template, target)
        eng = make_engine(f"sqlite:///{target}")
        yield eng
        eng.dispose()
        return
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    eng, schema = _postgres_schema_engine()
    try:
        upgrade(eng)
        yield eng
    finally:
        eng.dispose()
        _drop_schema(schema)


@pytest.fixture
def postgres_url_with_schema() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema (for tests that run the CLI in a subprocess)."""
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    eng, schema = _postgres_schema_engine()
    eng.dispose()
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        _drop_schema(schema)
