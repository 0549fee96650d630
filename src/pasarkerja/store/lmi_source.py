"""The operational tables as the relations :mod:`pasarkerja.lmi` computes indicators from.

DuckDB cannot attach SQLite or PostgreSQL here (its scanner extensions are downloaded on first use; there is
no network), so this module reads the tables with SQLAlchemy Core, the same on both databases, streaming in
batches into pyarrow, and derives the few columns the indicators need (``lmi.schema``):

* ``vacancy.closed_on`` — the closing date, or the day a filled/closed vacancy was last updated if earlier;
* ``vacancy.discriminatory`` — from the extraction flags in ``vacancy.extracted`` (None when not extracted);
* ``seeker.occupation_code`` — the occupation sought: the preferred occupation (the lowest code when there
  are several, so the choice is stable), else the occupation of the longest job held;
* ``seeker.sex`` — from ``seeker_personal`` (sex only: no identifying column is read);
* ``seeker.inactive_since`` — the day an inactive seeker's record was last updated;
* ``application``/``placement`` — dates from timestamps; applications to programmes are left out.

For national scale, :func:`export_parquet` writes the relations as partitioned Parquet for the Dask engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
from sqlalchemy import Engine, Executable, select

from pasarkerja.lmi import LmiSource, is_discriminatory, vacancy_closed_on, write_source_parquet
from pasarkerja.lmi.schema import RELATIONS
from pasarkerja.store.models import (
    Application,
    Placement,
    Seeker,
    SeekerPersonal,
    SeekerPreferredOccupation,
    SeekerSkill,
    SeekerWork,
    Vacancy,
    VacancySkill,
)

BATCH = 50_000


def _rows(engine: Engine, query: Executable) -> Iterator[Sequence[Any]]:
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        yield from result


def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _table(relation: str, columns: dict[str, list[Any]]) -> pa.Table:
    schema = RELATIONS[relation]
    return pa.table({name: pa.array(columns[name], type=schema[name]) for name in schema})


def _vacancies(engine: Engine) -> pa.Table:
    names = list(RELATIONS["vacancy"])
    columns: dict[str, list[Any]] = {name: [] for name in names}
    query = select(
        Vacancy.id,
        Vacancy.occupation_code,
        Vacancy.region_code,
        Vacancy.min_education,
        Vacancy.pay_min,
        Vacancy.pay_max,
        Vacancy.pay_period,
        Vacancy.employment_type,
        Vacancy.openings,
        Vacancy.posted_date,
        Vacancy.closing_date,
        Vacancy.status,
        Vacancy.updated_at,
        Vacancy.extracted,
    ).order_by(Vacancy.id)
    for row in _rows(engine, query):
        (
            vid,
            occupation,
            region,
            education,
            pay_min,
            pay_max,
            period,
            employment,
            openings,
            posted,
            closing,
            status,
            updated,
            extracted,
        ) = row
        values = (
            vid,
            occupation,
            region,
            education,
            pay_min,
            pay_max,
            period,
            employment,
            openings,
            _day(posted),
            vacancy_closed_on(status, _day(closing), _day(updated)),
            status,
            is_discriminatory(extracted),
        )
        for name, value in zip(names, values, strict=True):
            columns[name].append(value)
    return _table("vacancy", columns)


def _sought(engine: Engine) -> dict[int, str]:
    sought: dict[int, str] = {}
    for seeker_id, code in _rows(
        engine, select(SeekerPreferredOccupation.seeker_id, SeekerPreferredOccupation.occupation_code)
    ):
        if seeker_id not in sought or code < sought[seeker_id]:
            sought[seeker_id] = code
    longest: dict[int, tuple[float, str]] = {}
    query = select(SeekerWork.seeker_id, SeekerWork.occupation_code, SeekerWork.years).where(
        SeekerWork.occupation_code.is_not(None)
    )
    for seeker_id, code, years in _rows(engine, query):
        best = longest.get(seeker_id)
        candidate = (-(years or 0.0), code)
        if best is None or candidate < best:
            longest[seeker_id] = candidate
    for seeker_id, (_, code) in longest.items():
        sought.setdefault(seeker_id, code)
    return sought


def _seekers(engine: Engine) -> pa.Table:
    sought = _sought(engine)
    columns: dict[str, list[Any]] = {name: [] for name in RELATIONS["seeker"]}
    query = (
        select(
            Seeker.id,
            Seeker.region_code,
            Seeker.education_level,
            SeekerPersonal.sex,
            Seeker.registered_on,
            Seeker.created_at,
            Seeker.is_active,
            Seeker.updated_at,
        )
        .outerjoin(SeekerPersonal, SeekerPersonal.seeker_id == Seeker.id)
        .order_by(Seeker.id)
    )
    for seeker_id, region, education, sex, registered, created, active, updated in _rows(engine, query):
        columns["seeker_id"].append(seeker_id)
        columns["occupation_code"].append(sought.get(seeker_id))
        columns["region_code"].append(region)
        columns["education_level"].append(education)
        columns["sex"].append(sex)
        # A record without a registration date counts from its creation in the system.
        columns["registered_on"].append(_day(registered) or _day(created))
        columns["inactive_since"].append(None if active else _day(updated))
    return _table("seeker", columns)


def _pairs(engine: Engine, relation: str, query: Executable) -> pa.Table:
    names = list(RELATIONS[relation])
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for row in _rows(engine, query):
        for name, value in zip(names, row, strict=True):
            columns[name].append(_day(value) if isinstance(value, dt.date) else value)
    return _table(relation, columns)


def extract_source(engine: Engine) -> LmiSource:
    """All six relations from the database behind ``engine`` (SQLite or PostgreSQL), as Arrow tables."""
    tables = {
        "vacancy": _vacancies(engine),
        "seeker": _seekers(engine),
        "vacancy_skill": _pairs(
            engine, "vacancy_skill", select(VacancySkill.vacancy_id, VacancySkill.skill_id)
        ),
        "seeker_skill": _pairs(engine, "seeker_skill", select(SeekerSkill.seeker_id, SeekerSkill.skill_id)),
        "application": _pairs(
            engine,
            "application",
            select(
                Application.id,
                Application.seeker_id,
                Application.vacancy_id,
                Application.kind,
                Application.created_at,
            ).where(Application.vacancy_id.is_not(None)),
        ),
        "placement": _pairs(
            engine,
            "placement",
            select(Placement.id, Placement.seeker_id, Placement.vacancy_id, Placement.placed_on),
        ),
    }
    return LmiSource.from_arrow(tables)


def export_parquet(engine: Engine, directory: str | Path, *, rows_per_file: int = 1_000_000) -> LmiSource:
    """The relations written as partitioned Parquet under ``directory`` (for the Dask engine or a later
    DuckDB session), returned as a source over those files."""
    source = extract_source(engine)
    tables = {name: table for name, table in source.relations.items() if isinstance(table, pa.Table)}
    return write_source_parquet(tables, directory, rows_per_file=rows_per_file)
