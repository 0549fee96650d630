"""Seeded synthetic relations in the :mod:`pasarkerja.lmi.schema` layout, generated column-wise with NumPy
for engine tests and the benchmark (10 million records in under a minute).

Codes are real (Kemendagri regencies, ISCO-08 unit groups, education levels); the shape is skewed the way
registers are (a few regencies and occupations hold most records: Zipf weights), with missing values where
real data miss them (unstated pay, unrecorded sex, vacancies never extracted). The numbers themselves mean
nothing: for demos with realistic text use ``ingest.demo``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from pasarkerja.lmi.schema import RELATIONS
from pasarkerja.taxonomy import education_levels, isco_groups, regions

START = dt.date(2024, 1, 1)
DAYS = 731  # 2024-01-01 … 2025-12-31
_EDUCATION_WEIGHTS = {"SD": 0.10, "SMP": 0.14, "SMA": 0.24, "SMK": 0.25, "D3": 0.08, "S1": 0.16, "S2": 0.03}


def _zipf(n: int, exponent: float = 1.1) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return weights / weights.sum()


def _strings(
    rng: np.random.Generator, codes: list[str], size: int, p: np.ndarray | None = None, missing: float = 0.0
) -> pa.Array:
    """Codes drawn with weights ``p``, a share ``missing`` of them null (built as a dictionary array)."""
    indices = rng.choice(len(codes), size=size, p=p).astype(np.int32)
    mask = rng.random(size) < missing if missing else None
    array = pa.DictionaryArray.from_arrays(pa.array(indices, mask=mask), pa.array(codes, pa.string()))
    return array.cast(pa.string())


def _dates(days: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    return pa.array((days + (START - dt.date(1970, 1, 1)).days).astype(np.int32), pa.int32(), mask=mask).cast(
        pa.date32()
    )


def _pairs(
    rng: np.random.Generator, owners: int, low: int, high: int, skills: list[str]
) -> tuple[np.ndarray, pa.Array]:
    counts = rng.integers(low, high + 1, size=owners)
    owner = np.repeat(np.arange(1, owners + 1, dtype=np.int64), counts)
    skill = rng.choice(len(skills), size=owner.size, p=_zipf(len(skills), 0.9)).astype(np.int64)
    unique = np.unique(owner * len(skills) + skill)  # one row per (owner, skill), as the primary key says
    owner, skill = unique // len(skills), (unique % len(skills)).astype(np.int32)
    return owner, pa.DictionaryArray.from_arrays(pa.array(skill), pa.array(skills, pa.string())).cast(
        pa.string()
    )


def synthetic_tables(seekers: int, vacancies: int, seed: int = 42, skills: int = 2000) -> dict[str, pa.Table]:
    """The six relations with ``seekers`` seekers and ``vacancies`` vacancies (plus their skills,
    referrals/applications ≈ 0.3 per seeker and placements ≈ 0.05 per seeker)."""
    rng = np.random.default_rng(seed)
    regency_codes = sorted(code for code, r in regions().items() if r.level == "regency")
    occupation_codes = sorted(code for code, g in isco_groups().items() if g.level == 4)
    rng.shuffle(regency_codes)
    rng.shuffle(occupation_codes)
    education = [code for code in _EDUCATION_WEIGHTS if code in education_levels()]
    education_p = np.array([_EDUCATION_WEIGHTS[c] for c in education])
    education_p /= education_p.sum()
    skill_ids = [f"skill-{i:05d}" for i in range(skills)]
    regency_p, occupation_p = _zipf(len(regency_codes)), _zipf(len(occupation_codes))

    registered = rng.integers(0, DAYS, size=seekers)
    leaves = rng.random(seekers) < 0.4
    inactive = registered + 1 + rng.exponential(120.0, size=seekers).astype(np.int64)
    seeker = pa.table(
        {
            "seeker_id": pa.array(np.arange(1, seekers + 1, dtype=np.int64)),
            "occupation_code": _strings(rng, occupation_codes, seekers, occupation_p, missing=0.1),
            "region_code": _strings(rng, regency_codes, seekers, regency_p, missing=0.02),
            "education_level": _strings(rng, education, seekers, education_p, missing=0.03),
            "sex": _strings(rng, ["F", "M"], seekers, np.array([0.47, 0.53]), missing=0.05),
            "registered_on": _dates(registered),
            "inactive_since": _dates(inactive, mask=~leaves),
        }
    )

    posted = rng.integers(0, DAYS, size=vacancies)
    window = rng.choice(np.array([14, 30, 45, 60]), size=vacancies)
    open_ended = rng.random(vacancies) < 0.3
    status = rng.choice(4, size=vacancies, p=[0.45, 0.33, 0.20, 0.02])
    monthly = np.round(np.exp(rng.normal(np.log(4_500_000), 0.45, size=vacancies)), -4)
    period = rng.choice(3, size=vacancies, p=[0.9, 0.07, 0.03])
    divisor = np.array([1.0, 25.0, 173.0])[period]
    low = np.round(monthly / divisor, -2 if period.any() else -4).astype(np.int64)
    high = np.round(low * rng.uniform(1.0, 1.5, size=vacancies), -2).astype(np.int64)
    hidden = rng.random(vacancies) < 0.28
    only_max = rng.random(vacancies) < 0.1
    flag = rng.random(vacancies)
    vacancy = pa.table(
        {
            "vacancy_id": pa.array(np.arange(1, vacancies + 1, dtype=np.int64)),
            "occupation_code": _strings(rng, occupation_codes, vacancies, occupation_p, missing=0.05),
            "region_code": _strings(rng, regency_codes, vacancies, regency_p, missing=0.03),
            "min_education": _strings(rng, education, vacancies, education_p, missing=0.1),
            "pay_min": pa.array(low, mask=hidden | only_max),
            "pay_max": pa.array(high, mask=hidden),
            "pay_period": pa.DictionaryArray.from_arrays(
                pa.array(period.astype(np.int32)), pa.array(["month", "day", "hour"])
            ).cast(pa.string()),
            "employment_type": _strings(
                rng,
                ["permanent", "contract", "daily", "internship", "part-time"],
                vacancies,
                np.array([0.4, 0.35, 0.1, 0.1, 0.05]),
                missing=0.2,
            ),
            "openings": pa.array(
                np.where(rng.random(vacancies) < 0.7, 1, rng.integers(2, 21, size=vacancies))
            ),
            "posted_date": _dates(posted),
            "closed_on": _dates(posted + window, mask=open_ended & (status < 1)),
            "status": pa.DictionaryArray.from_arrays(
                pa.array(status.astype(np.int32)), pa.array(["open", "filled", "closed", "draft"])
            ).cast(pa.string()),
            "discriminatory": pa.array(flag < 0.08, mask=flag > 0.9),
        }
    )

    vacancy_owner, vacancy_skill = _pairs(rng, vacancies, 3, 7, skill_ids)
    seeker_owner, seeker_skill = _pairs(rng, seekers, 2, 6, skill_ids)
    n_applications = int(seekers * 0.3)
    app_seeker = rng.integers(1, seekers + 1, size=n_applications)
    app_vacancy = rng.integers(1, max(vacancies, 1) + 1, size=n_applications)
    app_day = np.minimum(registered[app_seeker - 1] + rng.integers(0, 90, size=n_applications), DAYS - 1)
    n_placements = int(seekers * 0.05)
    placed_seeker = (
        rng.choice(seekers, size=n_placements, replace=False) + 1 if seekers else np.zeros(0, np.int64)
    )
    placed_vacancy = rng.integers(1, max(vacancies, 1) + 1, size=n_placements)
    placed_day = np.minimum(registered[placed_seeker - 1] + rng.integers(5, 150, size=n_placements), DAYS - 1)
    tables = {
        "seeker": seeker,
        "vacancy": vacancy,
        "vacancy_skill": pa.table({"vacancy_id": pa.array(vacancy_owner), "skill_id": vacancy_skill}),
        "seeker_skill": pa.table({"seeker_id": pa.array(seeker_owner), "skill_id": seeker_skill}),
        "application": pa.table(
            {
                "application_id": pa.array(np.arange(1, n_applications + 1, dtype=np.int64)),
                "seeker_id": pa.array(app_seeker.astype(np.int64)),
                "vacancy_id": pa.array(app_vacancy.astype(np.int64)),
                "kind": pa.DictionaryArray.from_arrays(
                    pa.array((rng.random(n_applications) < 0.6).astype(np.int32)),
                    pa.array(["application", "referral"]),
                ).cast(pa.string()),
                "created_on": _dates(app_day),
            }
        ),
        "placement": pa.table(
            {
                "placement_id": pa.array(np.arange(1, n_placements + 1, dtype=np.int64)),
                "seeker_id": pa.array(placed_seeker.astype(np.int64)),
                "vacancy_id": pa.array(placed_vacancy.astype(np.int64), mask=rng.random(n_placements) < 0.2),
                "placed_on": _dates(placed_day),
            }
        ),
    }
    return {name: tables[name].select(list(RELATIONS[name])) for name in RELATIONS}
