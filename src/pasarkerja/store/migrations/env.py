"""Alembic environment: runs migrations on the engine handed over by :func:`pasarkerja.store.db.upgrade`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from pasarkerja.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    from pasarkerja.settings import get_settings
    from pasarkerja.store.db import make_engine

    engine = make_engine(get_settings().database_url)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
