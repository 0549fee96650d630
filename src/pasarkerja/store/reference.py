"""Load the packaged reference classifications into the database (``pasarkerja db init`` calls this).

Every step upserts by primary key, so loading twice leaves the same rows and a newer package release updates
titles or wages in place. Rows that disappeared from the reference data are *not* deleted: vacancies and
seekers may still point at them, and a reference change must never silently orphan records.

The loader is a list of steps (table + row source) so further catalogues (the ESCO skills, occupations below
unit-group level) can be appended without touching the mechanism; steps run in order, parents first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from pasarkerja.store.models import EducationLevel, IndustrySection, MinimumWage, Occupation, Region
from pasarkerja.taxonomy import (
    education_levels,
    industry_sections,
    isco_groups,
    minimum_wages,
    regions,
)

Row = dict[str, Any]

# Rows per INSERT statement: well under SQLite's 32,766 bound parameters for the widest table (occupation,
# 11 columns), large enough that a full load is a handful of round trips on PostgreSQL.
BATCH_SIZE = 500


@dataclass(frozen=True, slots=True)
class LoaderStep:
    """One table of reference data: where its rows come from and the table they go to."""

    table: Table
    rows: Callable[[], Iterable[Row]]

    @property
    def name(self) -> str:
        return self.table.name


def _region_rows() -> Iterable[Row]:
    # Provinces before regencies is not needed (no FK between them) but keeps the table in reading order.
    for record in sorted(regions().values(), key=lambda r: (len(r.code), r.code)):
        yield {
            "code": record.code,
            "level": record.level,
            "name": record.name,
            "province_code": record.province_code,
            "bps_code": record.bps_code,
        }


def _education_rows() -> Iterable[Row]:
    for record in education_levels().values():
        yield {
            "code": record.code,
            "rank": record.rank,
            "label_id": record.label_id,
            "label_en": record.label_en,
            "isced": record.isced,
        }


def _industry_rows() -> Iterable[Row]:
    for record in industry_sections().values():
        yield {"code": record.code, "title_id": record.title_id, "title_en": record.title_en}


def _minimum_wage_rows() -> Iterable[Row]:
    for record in minimum_wages():
        yield {"province_code": record.province_code, "year": record.year, "amount_rp": record.amount_rp}


def _occupation_rows() -> Iterable[Row]:
    # Parents first: occupation.parent_code references occupation.code.
    for record in sorted(isco_groups().values(), key=lambda r: (r.level, r.code)):
        yield {
            "code": record.code,
            "level": record.level,
            "isco_code": record.isco_code,
            "parent_code": record.parent_code,
            "title_en": record.title_en,
            "title_id": record.title_id,
            "title_id_is_translation": record.title_id_is_translation,
            "description": record.description,
            "alt_labels": list(record.alt_labels),
            "esco_uri": record.esco_uri,
            "source": record.source,
        }


REFERENCE_STEPS: list[LoaderStep] = [
    LoaderStep(Region.__table__, _region_rows),  # type: ignore[arg-type]
    LoaderStep(EducationLevel.__table__, _education_rows),  # type: ignore[arg-type]
    LoaderStep(IndustrySection.__table__, _industry_rows),  # type: ignore[arg-type]
    LoaderStep(MinimumWage.__table__, _minimum_wage_rows),  # type: ignore[arg-type]
    LoaderStep(Occupation.__table__, _occupation_rows),  # type: ignore[arg-type]
]


def upsert(connection: Connection, table: Table, rows: Sequence[Row]) -> int:
    """Insert ``rows`` into ``table``, updating every non-key column of rows whose primary key exists."""
    if not rows:
        return 0
    dialect = connection.dialect.name
    if dialect == "sqlite":
        insert: Any = sqlite.insert
    elif dialect == "postgresql":
        insert = postgresql.insert
    else:
        raise ValueError(f"upsert: unsupported database dialect {dialect!r} (SQLite and PostgreSQL only)")
    keys = [column.name for column in table.primary_key.columns]
    written = 0
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        statement = insert(table).values(list(batch))
        updates = {name: statement.excluded[name] for name in batch[0] if name not in keys}
        if updates:
            statement = statement.on_conflict_do_update(index_elements=keys, set_=updates)
        else:
            statement = statement.on_conflict_do_nothing(index_elements=keys)
        connection.execute(statement)
        written += len(batch)
    return written


def load_reference(engine: Engine, steps: Sequence[LoaderStep] | None = None) -> dict[str, int]:
    """Upsert the reference classifications into a migrated database, in one transaction.

    Returns the number of rows written per table (the same on every run: the load is idempotent).
    """
    counts: dict[str, int] = {}
    with engine.begin() as connection:
        for step in REFERENCE_STEPS if steps is None else steps:
            rows = list(step.rows())
            counts[step.name] = counts.get(step.name, 0) + upsert(connection, step.table, rows)
    return counts
