"""Loading the reference classifications into the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import time

from sqlalchemy import Engine, func, select, text, update

from pasarkerja.store.models import EducationLevel, IndustrySection, MinimumWage, Occupation, Region
from pasarkerja.store.reference import REFERENCE_STEPS, LoaderStep, load_reference

EXPECTED = {
    "region": 552,
    "education_level": 15,
    "industry_section": 21,
    "minimum_wage": 379,
    "occupation": 619,
}


def _table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one() for name in EXPECTED
        }


def test_load_twice_is_idempotent_and_fast(engine: Engine) -> None:
    started = time.perf_counter()
    first = load_reference(engine)
    elapsed = time.perf_counter() - started
    assert first == EXPECTED
    assert _table_counts(engine) == EXPECTED
    assert elapsed < 3.0

    second = load_reference(engine)
    assert second == first
    assert _table_counts(engine) == EXPECTED


def test_loaded_values(engine: Engine) -> None:
    load_reference(engine)
    with engine.connect() as connection:
        solo = connection.execute(select(Region).where(Region.code == "3372")).one()
        assert (solo.level, solo.name, solo.province_code, solo.bps_code) == (
            "regency",
            "Kota Surakarta",
            "33",
            "3372",
        )
        welder = connection.execute(select(Occupation).where(Occupation.code == "7212")).one()
        assert (welder.level, welder.isco_code, welder.parent_code, welder.title_en, welder.title_id) == (
            4,
            "7212",
            "721",
            "Welders and flamecutters",
            "Pekerja Pengelasan",
        )
        assert welder.title_id_is_translation is False
        assert welder.alt_labels == []
        police = connection.execute(
            select(Occupation.title_id_is_translation).where(Occupation.code == "5412")
        )
        assert police.scalar_one() is True
        assert (
            connection.execute(
                select(MinimumWage.amount_rp).where(
                    MinimumWage.province_code == "31", MinimumWage.year == 2025
                )
            ).scalar_one()
            == 5_396_761
        )
        assert (
            connection.execute(select(EducationLevel.rank).where(EducationLevel.code == "SMK")).scalar_one()
            == 3
        )
        assert (
            connection.execute(
                select(IndustrySection.title_id).where(IndustrySection.code == "C")
            ).scalar_one()
            == "Industri Pengolahan"
        )
        roots = connection.execute(select(func.count()).where(Occupation.parent_code.is_(None))).scalar_one()
        assert roots == 10


def test_reload_restores_edited_rows(engine: Engine) -> None:
    load_reference(engine)
    with engine.begin() as connection:
        connection.execute(update(Region).where(Region.code == "3273").values(name="edited"))
        connection.execute(
            update(MinimumWage)
            .where(MinimumWage.province_code == "32", MinimumWage.year == 2025)
            .values(amount_rp=1)
        )
    load_reference(engine)
    with engine.connect() as connection:
        assert (
            connection.execute(select(Region.name).where(Region.code == "3273")).scalar_one()
            == "Kota Bandung"
        )
        assert (
            connection.execute(
                select(MinimumWage.amount_rp).where(
                    MinimumWage.province_code == "32", MinimumWage.year == 2025
                )
            ).scalar_one()
            == 2_191_232
        )


def test_steps_are_extensible(engine: Engine) -> None:
    """A caller can run a subset or append a step of its own (as the skill catalogue will be)."""
    assert [step.name for step in REFERENCE_STEPS] == list(EXPECTED)
    only_regions = [step for step in REFERENCE_STEPS if step.name == "region"]
    assert load_reference(engine, only_regions) == {"region": 552}
    extra = LoaderStep(
        IndustrySection.__table__,  # type: ignore[arg-type]
        lambda: [{"code": "A", "title_id": "Pertanian, Kehutanan dan Perikanan", "title_en": "Agriculture"}],
    )
    assert load_reference(engine, [extra]) == {"industry_section": 1}
    assert _table_counts(engine)["industry_section"] == 1
