"""The registry of indicators and dimensions (their formulas and caveats are in docs/INDICATORS.md).

Each indicator says its unit, whether it is a stock (measured on the period's last day) or a flow (events
within the period), which dimensions it can be broken down by, and its *basis* for statistical disclosure
control: ``persons`` (seekers — cells counting fewer than k persons are suppressed) or ``vacancies`` (job
ads, public documents: not suppressed unless the policy says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pasarkerja.lmi.periods import LmiInputError
from pasarkerja.taxonomy import education_levels, minimum_wages

Basis = Literal["persons", "vacancies"]
Kind = Literal["stock", "flow"]

TIME_DIMENSIONS = ("month", "quarter", "year")
OCCUPATION_DIMENSIONS = ("isco1", "isco2", "isco3", "isco4")
REGION_DIMENSIONS = ("province", "regency")
TOTAL = "_T"  # the SDMX code for "total": a margin cell of a table


@dataclass(frozen=True, slots=True)
class Dimension:
    name: str
    label_id: str
    label_en: str
    additive: bool  # cells along it sum to the margin (False for skills: a vacancy asks for several)


DIMENSIONS: dict[str, Dimension] = {
    d.name: d
    for d in (
        Dimension("isco1", "Golongan pokok jabatan (KBJI/ISCO 1 digit)", "ISCO-08 major group", True),
        Dimension("isco2", "Sub golongan pokok jabatan (2 digit)", "ISCO-08 sub-major group", True),
        Dimension("isco3", "Golongan jabatan (3 digit)", "ISCO-08 minor group", True),
        Dimension("isco4", "Sub golongan jabatan (4 digit)", "ISCO-08 unit group", True),
        Dimension("province", "Provinsi", "Province", True),
        Dimension("regency", "Kabupaten/kota", "Regency/city", True),
        Dimension("education", "Pendidikan", "Education level", True),
        Dimension("sex", "Jenis kelamin", "Sex", True),
        Dimension("skill", "Keterampilan", "Skill", False),
        Dimension("month", "Bulan", "Month", True),
        Dimension("quarter", "Triwulan", "Quarter", True),
        Dimension("year", "Tahun", "Year", True),
    )
}

_BASE = ("isco1", "isco2", "isco3", "isco4", "province", "regency", "education")
_SEEKER = (*_BASE, "sex")


@dataclass(frozen=True, slots=True)
class IndicatorDefinition:
    name: str
    label_id: str
    label_en: str
    unit: str
    kind: Kind
    basis: Basis
    dimensions: tuple[str, ...]  # besides the time dimensions, which every indicator accepts
    measures: tuple[str, ...]  # published columns; the first is the headline value
    additive: bool  # the headline value of a margin is the sum of its cells (counts)
    skill_level: bool = False  # one row per skill (``skill`` is always among the dimensions)

    def valid_dimensions(self) -> tuple[str, ...]:
        return (*self.dimensions, *TIME_DIMENSIONS)


INDICATORS: dict[str, IndicatorDefinition] = {
    d.name: d
    for d in (
        IndicatorDefinition(
            "active_seekers",
            "Pencari kerja terdaftar aktif",
            "Active registered job seekers",
            "persons",
            "stock",
            "persons",
            _SEEKER,
            ("value",),
            True,
        ),
        IndicatorDefinition(
            "new_registrations",
            "Pendaftaran pencari kerja baru",
            "New job-seeker registrations",
            "persons",
            "flow",
            "persons",
            _SEEKER,
            ("value",),
            True,
        ),
        IndicatorDefinition(
            "vacancies_posted",
            "Lowongan dipasang",
            "Vacancies posted",
            "vacancies",
            "flow",
            "vacancies",
            _BASE,
            ("value",),
            True,
        ),
        IndicatorDefinition(
            "vacancies_open",
            "Lowongan terbuka (akhir periode)",
            "Open vacancies (end of period)",
            "vacancies",
            "stock",
            "vacancies",
            _BASE,
            ("value",),
            True,
        ),
        IndicatorDefinition(
            "openings",
            "Jumlah formasi lowongan dipasang",
            "Openings (positions) posted",
            "positions",
            "flow",
            "vacancies",
            _BASE,
            ("value",),
            True,
        ),
        IndicatorDefinition(
            "referrals",
            "Rujukan (pengantaran kerja)",
            "Referrals to vacancies",
            "referrals",
            "flow",
            "persons",
            _SEEKER,
            ("value",),
            True,
        ),
        IndicatorDefinition(
            "placements",
            "Penempatan",
            "Placements",
            "placements",
            "flow",
            "persons",
            _SEEKER,
            ("value",),
            True,
        ),
        IndicatorDefinition(
            "placement_rate",
            "Tingkat penempatan",
            "Placement rate",
            "percent",
            "flow",
            "persons",
            _SEEKER,
            ("value", "on_register"),
            False,
        ),
        IndicatorDefinition(
            "tightness",
            "Rasio lowongan terhadap pencari kerja",
            "Vacancy-to-seeker ratio",
            "ratio",
            "stock",
            "persons",
            _BASE,
            ("value", "open_positions", "active_seekers"),
            False,
        ),
        IndicatorDefinition(
            "offered_pay",
            "Upah yang ditawarkan (median, kuartil)",
            "Offered pay (median, quartiles)",
            "Rp per month",
            "flow",
            "vacancies",
            _BASE,
            ("value", "p25", "p75", "with_pay", "pay_stated_pct"),
            False,
        ),
        IndicatorDefinition(
            "below_minimum_wage_share",
            "Lowongan di bawah UMP",
            "Vacancies below the minimum wage",
            "percent",
            "flow",
            "vacancies",
            _BASE,
            ("value", "checked"),
            False,
        ),
        IndicatorDefinition(
            "discriminatory_share",
            "Lowongan dengan persyaratan diskriminatif",
            "Vacancies with discriminatory requirements",
            "percent",
            "flow",
            "vacancies",
            _BASE,
            ("value", "checked"),
            False,
        ),
        IndicatorDefinition(
            "top_skills",
            "Keterampilan paling dicari",
            "Top skills in demand",
            "vacancies",
            "flow",
            "vacancies",
            (*_BASE, "skill"),
            ("value", "share_pct", "rank"),
            False,
            True,
        ),
        IndicatorDefinition(
            "skill_growth",
            "Keterampilan dengan pertumbuhan tercepat",
            "Fastest-growing skills",
            "percent",
            "flow",
            "vacancies",
            (*_BASE, "skill"),
            ("value", "current", "previous", "share_change_pp", "rank"),
            False,
            True,
        ),
        IndicatorDefinition(
            "skill_shortage_index",
            "Indeks kekurangan keterampilan",
            "Skill shortage index",
            "index",
            "flow",
            "persons",
            (*_BASE, "skill"),
            ("value", "demand_share_pct", "supply_share_pct", "rank"),
            False,
            True,
        ),
        IndicatorDefinition(
            "education_mismatch",
            "Ketidaksesuaian pendidikan (penempatan)",
            "Education mismatch of placements",
            "percent",
            "flow",
            "persons",
            _SEEKER,
            ("value", "under_pct", "over_pct", "assessed"),
            False,
        ),
    )
}


def indicator(name: str) -> IndicatorDefinition:
    try:
        return INDICATORS[name]
    except KeyError:
        raise LmiInputError(
            f"unknown indicator {name!r}: valid indicators are {', '.join(INDICATORS)}"
        ) from None


def check_dimensions(definition: IndicatorDefinition, by: tuple[str, ...]) -> None:
    valid = definition.valid_dimensions()
    for name in by:
        if name not in DIMENSIONS:
            raise LmiInputError(
                f"unknown dimension {name!r}: valid dimensions of {definition.name} are {', '.join(valid)}"
            )
        if name not in valid:
            raise LmiInputError(
                f"dimension {name!r} does not apply to {definition.name}: valid dimensions are "
                f"{', '.join(valid)}"
            )
    if len(set(by)) != len(by):
        raise LmiInputError(f"dimension repeated in by={list(by)}")
    if sum(1 for name in by if name in TIME_DIMENSIONS) > 1:
        raise LmiInputError(f"at most one time dimension ({', '.join(TIME_DIMENSIONS)}) in by={list(by)}")
    breakdown = [name for name in by if name != "skill"]
    if definition.skill_level and definition.basis == "persons" and len(breakdown) > 1:
        # Per skill, a two-way table of persons is almost all small cells (on synthetic data at 20k records
        # 6,331 of 6,925 were suppressed) and its disclosure audit links thousands of cells per skill: it
        # would run for many minutes to publish next to nothing. One breakdown at a time, with filters for
        # the rest (e.g. --by isco1 with province=32), gives the same figures.
        raise LmiInputError(
            f"{definition.name} is broken down by one dimension at a time besides the skill, got "
            f"{', '.join(breakdown)}: choose one of {', '.join(definition.valid_dimensions())} and filter on "
            "the others"
        )


# ------------------------------------------------------------------------------------ reference tables

# ISCO-08 skill levels by major group and the ISCED 2011 levels they correspond to (ISCO-08 vol. 1, table 1;
# ILO "normative" measure of education mismatch). Major group 0 (armed forces) has no norm.
ISCED_NORM: dict[str, tuple[int, int]] = {
    "1": (5, 8),
    "2": (6, 8),
    "3": (5, 5),
    "4": (2, 4),
    "5": (2, 4),
    "6": (2, 4),
    "7": (2, 4),
    "8": (2, 4),
    "9": (1, 1),
}


def education_fit(isco1: str, education: str) -> str:
    """``under``, ``matched`` or ``over`` for a person of ``education`` in an occupation of major group
    ``isco1`` (ILO normative measure); ``""`` when either is unknown or the group has no norm."""
    levels = education_levels()
    norm = ISCED_NORM.get(isco1)
    if norm is None or education not in levels:
        return ""
    isced = int(levels[education].isced)
    return "under" if isced < norm[0] else "over" if isced > norm[1] else "matched"


@lru_cache(maxsize=1)
def education_fit_rows() -> tuple[tuple[str, str, str], ...]:
    """Every (major group, education code, fit) combination, as a small lookup relation for the engines."""
    return tuple(
        (group, code, education_fit(group, code)) for group in ISCED_NORM for code in education_levels()
    )


WAGE_YEARS = range(2015, 2041)


@lru_cache(maxsize=1)
def minimum_wage_rows() -> tuple[tuple[str, int, int], ...]:
    """(province, year, UMP Rp/month) for every year of :data:`WAGE_YEARS`: a year without a decree yet
    carries the latest known UMP forward (so 2026 ads are judged against UMP 2025 until the data are
    updated), a province before it existed has no row."""
    known: dict[str, dict[int, int]] = {}
    for record in minimum_wages():
        known.setdefault(record.province_code, {})[record.year] = record.amount_rp
    rows: list[tuple[str, int, int]] = []
    for province, by_year in sorted(known.items()):
        for year in WAGE_YEARS:
            earlier = [y for y in by_year if y <= year]
            if earlier:
                rows.append((province, year, by_year[max(earlier)]))
    return tuple(rows)


# Rupiah per month from a pay figure per period: the conversions of extract.pay (1/173 rule for hours,
# 25 days a month for a six-day week, 52/12 weeks a month).
MONTHLY_FACTOR: dict[str, float] = {
    "hour": 173.0,
    "day": 25.0,
    "week": 52.0 / 12.0,
    "month": 1.0,
    "year": 1.0 / 12.0,
}
# Work patterns for which a monthly figure does not describe a full-time month: left out of the minimum-wage
# comparison, as in extract.flags.
NOT_FULL_TIME = ("part-time", "internship", "freelance")
