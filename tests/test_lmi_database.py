"""The indicator relations read from the database (SQLite and PostgreSQL) by ``store.lmi_source``, and the
three ways of computing from them — DuckDB over the Arrow relations, DuckDB over the Parquet export, Dask over
the partitioned Parquet export — giving identical numbers for every indicator."""

from __future__ import annotations

import datetime as dt
from contextlib import closing
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, func, select

from pasarkerja.ingest.demo.load import load_demo
from pasarkerja.lmi import INDICATORS, NoDataError, open_engine
from pasarkerja.lmi.compute import compute_cells
from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.db import transaction
from pasarkerja.store.lmi_source import export_parquet, extract_source
from pasarkerja.store.models import Application, Placement, Seeker, SeekerPersonal, Vacancy, VacancySkill
from pasarkerja.store.reference import load_reference

BY = {
    "active_seekers": ["province", "sex"],
    "new_registrations": ["isco1"],
    "vacancies_posted": ["province"],
    "vacancies_open": ["isco1"],
    "openings": ["province"],
    "referrals": ["sex"],
    "placements": ["province"],
    "placement_rate": ["education"],
    "tightness": ["isco1"],
    "offered_pay": ["isco1"],
    "below_minimum_wage_share": ["province"],
    "discriminatory_share": [],
    "top_skills": [],
    "skill_growth": [],
    "skill_shortage_index": [],
    "education_mismatch": [],
}


def _cells(engine: object, name: str, period: str) -> list[dict[str, object]] | str:
    try:
        definition, frame, _ = compute_cells(name, BY[name], period, engine=engine, min_base=1)  # type: ignore[arg-type]
    except NoDataError as error:
        return f"no data: {error}"
    dims = [c for c in frame.columns if c in [*BY[name], "skill"]]
    out = frame[[*dims, *definition.measures, "_basis"]]
    out = out.sort_values(dims).reset_index(drop=True) if dims else out
    return out.astype(object).where(out.notna(), None).to_dict("records")  # type: ignore[no-any-return]


def test_database_relations_and_all_engines_agree(engine: Engine, tmp_path: Path) -> None:
    assert set(BY) == set(INDICATORS)
    load_reference(engine)
    load_demo(engine, cipher=PersonalDataCipher(b"test-secret-lmi-database-0123456789"), seekers=150,
              vacancies=120, programmes=2)  # fmt: skip
    with engine.connect() as connection:
        seeker_ids = connection.scalars(select(Seeker.id).order_by(Seeker.id).limit(40)).all()
        vacancy_rows = connection.execute(
            select(Vacancy.id, Vacancy.posted_date)
            .where(Vacancy.posted_date.is_not(None))
            .order_by(Vacancy.id)
        ).all()
        counts = {
            "seeker": connection.scalar(select(func.count()).select_from(Seeker)),
            "vacancy": connection.scalar(select(func.count()).select_from(Vacancy)),
            "vacancy_skill": connection.scalar(select(func.count()).select_from(VacancySkill)),
            "with_sex": connection.scalar(
                select(func.count()).select_from(SeekerPersonal).where(SeekerPersonal.sex.is_not(None))
            ),
        }
    latest = max(posted for _, posted in vacancy_rows)
    period = str(latest.year)
    # referrals and placements dated in the period of the postings (the demo loader makes neither)
    with transaction(engine) as session:
        for n, seeker_id in enumerate(seeker_ids):
            vacancy_id, posted = vacancy_rows[n % len(vacancy_rows)]
            day = max(posted, dt.date(latest.year, 1, 1))
            kind = "referral" if n % 3 else "application"
            session.add(Application(kind=kind, seeker_id=seeker_id, vacancy_id=vacancy_id, status="referred" if kind == "referral" else "applied",
                                    created_at=dt.datetime.combine(day, dt.time(9))))  # fmt: skip
            if n % 2 == 0:
                session.add(Placement(seeker_id=seeker_id, vacancy_id=vacancy_id if n % 4 else None,
                                      placed_on=day))  # fmt: skip

    source = extract_source(engine)
    tables = source.relations
    assert tables["seeker"].num_rows == counts["seeker"] and tables["vacancy"].num_rows == counts["vacancy"]  # type: ignore[union-attr]
    assert tables["vacancy_skill"].num_rows == counts["vacancy_skill"]  # type: ignore[union-attr]
    assert tables["seeker"].column("sex").null_count == counts["seeker"] - counts["with_sex"]  # type: ignore[union-attr]
    assert tables["placement"].num_rows == 20 and tables["application"].num_rows == 40  # type: ignore[union-attr]

    parquet = export_parquet(engine, tmp_path / "lmi", rows_per_file=60)
    assert len(parquet.parquet_files("seeker")) == 3
    with (
        closing(open_engine(source, "duckdb")) as duck_arrow,
        closing(open_engine(parquet, "duckdb")) as duck_parquet,
        closing(open_engine(parquet, "dask")) as dask_parquet,
    ):
        computed = 0
        for name in BY:
            expected = _cells(duck_arrow, name, period)
            assert _cells(duck_parquet, name, period) == expected, name
            assert _cells(dask_parquet, name, period) == expected, name
            computed += not isinstance(expected, str)
        assert computed == len(BY), [n for n in BY if isinstance(_cells(duck_arrow, n, period), str)]
        frame = pd.DataFrame(_cells(duck_arrow, "placements", period))  # type: ignore[arg-type]
        assert int(frame.loc[frame["province"] == "_T", "value"].iloc[0]) == 20
