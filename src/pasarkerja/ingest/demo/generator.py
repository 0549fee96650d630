"""A seeded generator of a realistic Indonesian labour-market picture, for demos and benchmarks.

Pure: no database, no files, no network. It reads the real taxonomy (regions, ISCO-08 groups, education
levels, KBLI sections, 2025 UMP, the skill catalogue) through :class:`DemoVocabulary` and the hand-set shape
of the market in :mod:`pasarkerja.ingest.demo.tables`, and returns plain dataclasses or NumPy column arrays.

Determinism and bounded memory come from one design choice: rows are generated in fixed blocks of
:data:`BLOCK_ROWS`, each block drawing from its own ``Generator(PCG64(SeedSequence(seed, spawn_key=(stream,
block))))``. So the same seed gives the same rows whatever ``chunk_size`` the caller asks for, the first
``n`` seekers of a larger run equal a smaller run (loading 300 then 5,000 only adds), and a million seekers
are produced block by block without holding them all.

Personal data (names, NIKs, phones) is synthetic: names from common Indonesian name parts, NIKs that are
structurally valid (regency code, district, birth date with +40 on the day for women, serial) but made up,
mobile numbers with real operator prefixes and random digits, e-mail addresses under the reserved
``.example`` domain. Sex and birth year exist for labour-market statistics only; nothing here derives a
profile's skills, pay or region from them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from pasarkerja.ingest.demo import tables as T
from pasarkerja.taxonomy.records import EducationLevelRecord, OccupationRecord, RegionRecord, SkillRecord

BLOCK_ROWS = 4096
WAGE_YEAR = 2025
PERIOD_START = dt.date(2024, 1, 1)
# The demo's "today": statuses (open/filled/closed) and ages are computed against it so output is stable.
REFERENCE_DATE = dt.date(2025, 12, 31)

_SEEKER_STREAM, _VACANCY_STREAM, _EMPLOYER_STREAM, _TRAINING_STREAM, _APPRENTICE_STREAM = 1, 2, 3, 4, 5
# Seekers' remote-work and working-time preferences come from a stream of their own (added later): drawing
# them from the seeker stream would have shifted every value drawn after them.
_SEEKER_PREFERENCE_STREAM = 6
# Education levels whose graduates have a field of study worth recording.
_FIELD_LEVELS = frozenset({"SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3"})
# Expected pay relative to an SMA graduate in the same occupation.
_EDUCATION_PAY = {"SD": 0.9, "SMP": 0.95, "SMA": 1.0, "SMK": 1.0, "D1": 1.05, "D2": 1.05, "D3": 1.1,
                  "D4": 1.2, "S1": 1.25, "S2": 1.6, "S3": 2.0}  # fmt: skip
# Skill groups whose skills recur across occupations (work attitudes, languages, driving licences).
_GENERIC_GROUPS = frozenset({"transversal", "bahasa", "lisensi-sertifikat"})
# A tool linked to this many occupations counts as cross-cutting (office suites, spreadsheets).
_GENERIC_TOOL_MIN_LINKS = 8

EMPLOYMENT_LABELS = {
    "permanent": "Karyawan tetap (PKWTT)",
    "contract": "Kontrak (PKWT)",
    "daily": "Harian lepas",
    "internship": "Magang",
    "part-time": "Paruh waktu",
    "freelance": "Lepas (freelance)",
}
_WORKING_TIME = {
    "C": ("Shift (3 shift), 6 hari kerja", "Senin–Sabtu 07.30–15.30, siap lembur"),
    "G": ("Shift pagi/siang, 6 hari kerja", "Senin–Sabtu 09.00–17.00"),
    "I": ("Shift pagi/malam, 6 hari kerja", "Shift 8 jam, libur bergilir"),
    "N": ("Shift 12 jam (2 regu)", "Senin–Sabtu 08.00–16.00"),
    "H": ("Senin–Sabtu 08.00–17.00", "Shift, sesuai rute pengiriman"),
}
_OFFICE_HOURS = ("Senin–Jumat 08.00–17.00", "Senin–Jumat 09.00–18.00")
_BENEFITS = (
    "BPJS Kesehatan dan BPJS Ketenagakerjaan, THR",
    "BPJS, THR, uang makan dan transport",
    "BPJS, THR, bonus tahunan, mess karyawan",
    "BPJS, THR, insentif penjualan",
    "Gaji pokok, uang lembur, BPJS",
)
# Phrases that ILO C111 and UU 13/2003 treat as discriminatory where the job does not need them: a share
# of demo ads carries one so the product's discrimination check has something to flag.
DISCRIMINATORY_PHRASES = (
    "Usia maksimal 25 tahun",
    "Berpenampilan menarik",
    "Pria, usia 20–30 tahun",
    "Wanita, belum menikah",
    "Tinggi badan minimal 165 cm",
)
_DISCRIMINATION_RATE = 0.08
_HIDDEN_PAY_RATE = 0.28  # "gaji dirahasiakan / nego"
_BELOW_MINIMUM_RATE = 0.10  # ads offering less than the UMP (the S8 check flags them)

Sex = Literal["F", "M"]


# ------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class DemoPersonal:
    """Synthetic identifying data of a demo seeker (never printed; stored encrypted)."""

    name: str
    nik: str
    birth_date: dt.date
    sex: Sex
    phone: str
    email: str | None
    address: str

    def __repr__(self) -> str:  # never let synthetic-but-realistic identifiers reach a log either
        return "DemoPersonal(***)"


@dataclass(frozen=True, slots=True)
class DemoWork:
    occupation_code: str
    title: str
    years: float


@dataclass(frozen=True, slots=True)
class DemoSeeker:
    external_id: str
    region_code: str
    education_level: str
    education_field: str | None
    occupation_code: str  # the occupation sought (first preferred occupation)
    preferred_occupations: tuple[str, ...]
    skill_ids: tuple[str, ...]
    work_history: tuple[DemoWork, ...]
    experience_years: float
    preferred_regions: tuple[str, ...]
    willing_to_relocate: bool
    accepts_remote: bool
    expected_pay: int  # Rp per month
    preferred_employment_type: str
    preferred_working_time: str | None  # "non-shift" | "shift" | None (no preference)
    is_active: bool
    registered_on: dt.date
    about: str
    consents: tuple[tuple[str, bool], ...]
    sex: Sex  # statistics only
    birth_year: int  # statistics only
    personal: DemoPersonal


@dataclass(frozen=True, slots=True)
class DemoEmployer:
    external_id: str
    name: str
    kbli_section: str
    region_code: str


@dataclass(frozen=True, slots=True)
class DemoVacancy:
    external_id: str
    employer_external_id: str
    title: str
    description: str
    occupation_code: str
    min_education: str
    education_field: str | None
    min_experience_years: float
    pay_min: int | None
    pay_max: int | None
    pay_period: str
    region_code: str
    remote: bool
    employment_type: str
    working_time: str
    openings: int
    posted_date: dt.date
    closing_date: dt.date
    status: str
    skills: tuple[tuple[str, str], ...]  # (skill id, "essential" | "optional")


@dataclass(frozen=True, slots=True)
class DemoProvider:
    external_id: str
    name: str
    kind: str  # BLK | LPK | online
    region_code: str | None


@dataclass(frozen=True, slots=True)
class DemoProgramme:
    external_id: str
    provider_external_id: str
    kejuruan: str
    title: str
    syllabus: str
    hours_jp: int
    cost_rp: int
    region_code: str | None
    modality: str
    capacity: int
    start_dates: tuple[dt.date, ...]
    certification: str | None
    skill_ids: tuple[str, ...]
    is_active: bool


@dataclass(frozen=True, slots=True)
class DemoApprenticeship:
    external_id: str
    title: str
    company: str
    employer_external_id: str
    occupation_code: str
    seats: int
    months: int
    region_code: str
    stipend_rp: int
    starts_on: dt.date


@dataclass(frozen=True, slots=True)
class SeekerArrays:
    """Seekers as columns, for matching benchmarks. Codes index the lookup tuples; skills are CSR rows."""

    occupation: NDArray[np.int32]
    region: NDArray[np.int32]
    education: NDArray[np.int32]
    expected_pay: NDArray[np.int64]
    experience_years: NDArray[np.float32]
    willing_to_relocate: NDArray[np.bool_]
    skill_indptr: NDArray[np.int64]
    skill_indices: NDArray[np.int32]
    occupation_codes: tuple[str, ...]
    region_codes: tuple[str, ...]
    education_codes: tuple[str, ...]
    skill_ids: tuple[str, ...]
    accepts_remote: NDArray[np.bool_]
    working_time: NDArray[np.int8]  # index into working_times, -1 = no preference
    working_times: tuple[str, ...] = T.SEEKER_WORKING_TIMES

    def __len__(self) -> int:
        return int(self.occupation.shape[0])


@dataclass(frozen=True, slots=True)
class VacancyArrays:
    """Vacancies as columns; ``pay_min``/``pay_max`` are 0 where the ad does not state pay."""

    occupation: NDArray[np.int32]
    region: NDArray[np.int32]
    min_education: NDArray[np.int32]
    pay_min: NDArray[np.int64]
    pay_max: NDArray[np.int64]
    min_experience_years: NDArray[np.float32]
    openings: NDArray[np.int32]
    is_open: NDArray[np.bool_]
    skill_indptr: NDArray[np.int64]
    skill_indices: NDArray[np.int32]
    skill_essential: NDArray[np.bool_]
    occupation_codes: tuple[str, ...]
    region_codes: tuple[str, ...]
    education_codes: tuple[str, ...]
    skill_ids: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.occupation.shape[0])


# ---------------------------------------------------------------------------------------- vocabulary


class DemoDataError(ValueError):
    """The hand-set demo tables do not fit the taxonomy (a code the taxonomy does not know, ...)."""


@dataclass(frozen=True, eq=False)
class DemoVocabulary:
    """The parts of the taxonomy the generator draws from (compared and hashed by identity)."""

    regions: Mapping[str, RegionRecord]
    occupations: Mapping[str, OccupationRecord]  # ISCO-08 groups, levels 1–4
    education: Mapping[str, EducationLevelRecord]
    industry_sections: frozenset[str]
    minimum_wages: Mapping[str, int]  # province code → UMP (Rp/month)
    skills: tuple[SkillRecord, ...]

    @classmethod
    def from_taxonomy(cls) -> DemoVocabulary:
        from pasarkerja.taxonomy.education import education_levels
        from pasarkerja.taxonomy.reference import industry_sections, isco_groups, minimum_wage
        from pasarkerja.taxonomy.regions import regions
        from pasarkerja.taxonomy.vocab import skill_catalogue

        all_regions = regions()
        wages: dict[str, int] = {}
        for code, region in all_regions.items():
            if region.level == "province":
                amount = minimum_wage(code, WAGE_YEAR)
                if amount is None:
                    raise DemoDataError(f"province {code} ({region.name}): no {WAGE_YEAR} minimum wage")
                wages[code] = amount
        return cls(
            regions=all_regions,
            occupations=isco_groups(),
            education=education_levels(),
            industry_sections=frozenset(industry_sections()),
            minimum_wages=wages,
            skills=skill_catalogue(),
        )


@lru_cache(maxsize=1)
def default_vocabulary() -> DemoVocabulary:
    """The vocabulary built from the shipped taxonomy (cached)."""
    return DemoVocabulary.from_taxonomy()


def parse_mix(text: str, *, what: str = "mix") -> dict[str, float]:
    """``"SMA:45 SMK:35"`` → ``{"SMA": 45.0, "SMK": 35.0}``; a clear error names the bad part."""
    mix: dict[str, float] = {}
    for part in text.split():
        code, sep, weight = part.partition(":")
        try:
            value = float(weight)
        except ValueError:
            value = -1.0
        if not sep or not code or value < 0:
            raise DemoDataError(f"{what}: {part!r} is not CODE:weight")
        mix[code] = mix.get(code, 0.0) + value
    if not mix or sum(mix.values()) <= 0:
        raise DemoDataError(f"{what}: {text!r} has no positive weight")
    return mix


def _normalised(weights: Sequence[float] | NDArray[np.float64]) -> NDArray[np.float64]:
    array = np.asarray(weights, dtype=np.float64)
    return array / array.sum()


@dataclass(frozen=True, eq=False)
class _Pool:
    """Skills (catalogue indices) an occupation draws from, with log-weights for Gumbel top-k sampling."""

    indices: NDArray[np.int32]
    log_weights: NDArray[np.float64]


@dataclass(eq=False)
class _World:
    """Everything derived once from a vocabulary and the hand-set tables, as lookup arrays."""

    vocabulary: DemoVocabulary
    regency_codes: tuple[str, ...]
    regency_names: tuple[str, ...]
    regency_province: NDArray[np.int32]
    province_codes: tuple[str, ...]
    regencies_of_province: list[NDArray[np.int32]]
    regency_wage: NDArray[np.int64]
    seeker_region_p: NDArray[np.float64]
    employer_region_p: NDArray[np.float64]
    occupation_codes: tuple[str, ...]
    occupation_titles: list[tuple[str, ...]]
    occupation_fields: list[tuple[str, ...]]
    vacancy_occupation_p: NDArray[np.float64]
    seeker_occupation_p: NDArray[np.float64]
    occupation_pay: NDArray[np.float64]
    occupation_female: NDArray[np.float64]
    occupation_experience: NDArray[np.float64]
    education_codes: tuple[str, ...]
    education_rank: NDArray[np.int32]
    education_pay: NDArray[np.float64]
    education_has_field: NDArray[np.bool_]
    occupation_education_cum: NDArray[np.float64]  # occupations × education levels
    sector_codes: tuple[str, ...]
    occupation_sector_cum: NDArray[np.float64]  # occupations × sectors
    employer_sector_p: NDArray[np.float64]
    skill_ids: tuple[str, ...]
    skill_labels: tuple[str, ...]
    occupation_pools: list[_Pool]
    generic_pool: _Pool
    employment_types: tuple[str, ...]
    employment_p: NDArray[np.float64]
    seeker_employment_types: tuple[str, ...]
    seeker_employment_p: NDArray[np.float64]
    minor_group_of: NDArray[np.int32]  # occupation → index of its 3-digit group (for related occupations)
    occupations_by_minor: list[NDArray[np.int32]]


def _cumulative(rows: list[dict[str, float]], columns: tuple[str, ...]) -> NDArray[np.float64]:
    matrix = np.zeros((len(rows), len(columns)))
    position = {code: i for i, code in enumerate(columns)}
    for r, mix in enumerate(rows):
        for code, weight in mix.items():
            matrix[r, position[code]] = weight
    matrix /= matrix.sum(axis=1, keepdims=True)
    cum = np.cumsum(matrix, axis=1)
    cum[:, -1] = 1.0
    return cum


def _build_world(vocabulary: DemoVocabulary) -> _World:
    regions = vocabulary.regions
    province_codes = tuple(sorted(c for c, r in regions.items() if r.level == "province"))
    unknown = sorted(set(province_codes) - set(T.PROVINCE_POPULATION_M))
    if unknown:
        raise DemoDataError(f"provinces {unknown} have no population weight in PROVINCE_POPULATION_M")
    province_index = {code: i for i, code in enumerate(province_codes)}
    regencies = sorted((r for r in regions.values() if r.level == "regency"), key=lambda r: r.code)
    if not regencies:
        raise DemoDataError("the region list has no regencies")
    regency_province = np.array([province_index[r.province_code] for r in regencies], dtype=np.int32)
    regencies_of_province = [
        np.flatnonzero(regency_province == i).astype(np.int32) for i in range(len(province_codes))
    ]
    for i, members in enumerate(regencies_of_province):
        if members.size == 0:
            raise DemoDataError(f"province {province_codes[i]} has no regency in the region list")
    wages = []
    for r in regencies:
        if r.province_code not in vocabulary.minimum_wages:
            raise DemoDataError(f"province {r.province_code}: no minimum wage in the vocabulary")
        wages.append(vocabulary.minimum_wages[r.province_code])
    boost = np.array([T.REGENCY_BOOST.get(r.code, 1.0) for r in regencies])
    seeker_p = np.zeros(len(regencies))
    employer_p = np.zeros(len(regencies))
    for i, members in enumerate(regencies_of_province):
        population = T.PROVINCE_POPULATION_M[province_codes[i]]
        inner = boost[members] / boost[members].sum()
        seeker_p[members] = population * inner
        is_city = np.array([regencies[m].name.startswith("Kota") for m in members])
        employer_inner = boost[members] ** 1.5 * np.where(is_city, T.EMPLOYER_CITY_FACTOR, 1.0)
        employer_p[members] = population * employer_inner / employer_inner.sum()

    # Occupations: the hand-set profiles, then every other ISCO unit group as a thin tail.
    groups = vocabulary.occupations
    education = vocabulary.education
    profiles = {p.isco: p for p in T.OCCUPATION_PROFILES}
    for code in profiles:
        if code not in groups or groups[code].level != 4:
            raise DemoDataError(f"occupation profile {code}: not an ISCO-08 unit group of the taxonomy")
    tail = sorted(
        c for c, g in groups.items() if g.level == 4 and c not in profiles and not c.startswith("0")
    )
    codes = tuple(profiles) + tuple(tail)
    head_total = sum(p.weight for p in T.OCCUPATION_PROFILES)
    tail_weight = head_total * T.TAIL_SHARE / (1 - T.TAIL_SHARE) / max(len(tail), 1)
    vacancy_w, seeker_w, pay, female, experience = [], [], [], [], []
    titles: list[tuple[str, ...]] = []
    fields_of: list[tuple[str, ...]] = []
    education_mixes: list[dict[str, float]] = []
    sector_mixes: list[dict[str, float]] = []
    for code in codes:
        profile = profiles.get(code)
        if profile is not None:
            vacancy_w.append(profile.weight)
            seeker_w.append(profile.weight * profile.seeker_factor)
            titles.append(profile.titles)
            fields_of.append(profile.fields)
            education_mixes.append(parse_mix(profile.education, what=f"occupation {code} education"))
            sector_mixes.append(parse_mix(profile.sectors, what=f"occupation {code} sectors"))
            pay.append(profile.pay_factor)
            female.append(profile.female_share)
            experience.append(profile.experience)
        else:
            edu, pay_factor, sectors, female_share = T.MAJOR_GROUP_DEFAULTS[code[0]]
            vacancy_w.append(tail_weight)
            seeker_w.append(tail_weight)
            titles.append((groups[code].title_id or groups[code].title_en,))
            fields_of.append(())
            education_mixes.append(parse_mix(edu, what=f"major group {code[0]} education"))
            sector_mixes.append(parse_mix(sectors, what=f"major group {code[0]} sectors"))
            pay.append(pay_factor)
            female.append(female_share)
            experience.append(1.0 if code[0] in "456789" else 2.0)
    education_codes = tuple(
        sorted(
            {c for mix in education_mixes for c in mix},
            key=lambda c: education[c].rank if c in education else -1,
        )
    )
    for code in education_codes:
        if code not in education:
            raise DemoDataError(
                f"education level {code!r} of the demo tables is not a taxonomy education code"
            )
    sector_mix_all = parse_mix(T.SECTOR_WEIGHTS, what="SECTOR_WEIGHTS")
    sector_codes = tuple(sorted(set(sector_mix_all) | {c for mix in sector_mixes for c in mix}))
    for code in sector_codes:
        if code not in vocabulary.industry_sections:
            raise DemoDataError(f"KBLI section {code!r} of the demo tables is not in the taxonomy")

    # Related occupations share a 3-digit minor group (second jobs, preferred alternatives).
    minor_codes = sorted({c[:3] for c in codes})
    minor_index = {m: i for i, m in enumerate(minor_codes)}
    minor_of = np.array([minor_index[c[:3]] for c in codes], dtype=np.int32)
    by_minor = [np.flatnonzero(minor_of == i).astype(np.int32) for i in range(len(minor_codes))]

    pools, generic = _skill_pools(vocabulary.skills, codes)
    employment = parse_mix(T.EMPLOYMENT_TYPES_MIX, what="EMPLOYMENT_TYPES_MIX")
    seeker_employment = parse_mix(T.SEEKER_EMPLOYMENT_MIX, what="SEEKER_EMPLOYMENT_MIX")
    return _World(
        vocabulary=vocabulary,
        regency_codes=tuple(r.code for r in regencies),
        regency_names=tuple(r.name for r in regencies),
        regency_province=regency_province,
        province_codes=province_codes,
        regencies_of_province=regencies_of_province,
        regency_wage=np.array(wages, dtype=np.int64),
        seeker_region_p=_normalised(seeker_p),
        employer_region_p=_normalised(employer_p),
        occupation_codes=codes,
        occupation_titles=titles,
        occupation_fields=fields_of,
        vacancy_occupation_p=_normalised(vacancy_w),
        seeker_occupation_p=_normalised(seeker_w),
        occupation_pay=np.array(pay),
        occupation_female=np.array(female),
        occupation_experience=np.array(experience),
        education_codes=education_codes,
        education_rank=np.array([education[c].rank for c in education_codes], dtype=np.int32),
        education_pay=np.array([_EDUCATION_PAY.get(c, 1.0) for c in education_codes]),
        education_has_field=np.array([c in _FIELD_LEVELS for c in education_codes]),
        occupation_education_cum=_cumulative(education_mixes, education_codes),
        sector_codes=sector_codes,
        occupation_sector_cum=_cumulative(sector_mixes, sector_codes),
        employer_sector_p=_normalised([sector_mix_all.get(c, 0.0) for c in sector_codes]),
        skill_ids=tuple(s.id for s in vocabulary.skills),
        skill_labels=tuple(s.label_id or s.label_en for s in vocabulary.skills),
        occupation_pools=pools,
        generic_pool=generic,
        employment_types=tuple(employment),
        employment_p=_normalised(list(employment.values())),
        seeker_employment_types=tuple(seeker_employment),
        seeker_employment_p=_normalised(list(seeker_employment.values())),
        minor_group_of=minor_of,
        occupations_by_minor=by_minor,
    )


def _skill_pools(skills: tuple[SkillRecord, ...], codes: tuple[str, ...]) -> tuple[list[_Pool], _Pool]:
    """Per occupation: the catalogue skills linked to its unit group (else to its minor or sub-major group),
    weighted so the first-listed (core) skills are drawn most; plus the pool of cross-cutting skills."""
    if not skills:
        raise DemoDataError("the skill catalogue is empty")
    by_unit: dict[str, list[int]] = {}
    for i, skill in enumerate(skills):
        for code in skill.isco_codes:
            by_unit.setdefault(code, []).append(i)
    pools: list[_Pool] = []
    for code in codes:
        members = by_unit.get(code, [])
        scale = 1.0
        for prefix_len in (3, 2):
            if members:
                break
            prefix = code[:prefix_len]
            members = sorted({i for unit, idx in by_unit.items() if unit.startswith(prefix) for i in idx})
            scale = 0.5
        indices = np.array(members, dtype=np.int32)
        ranks = np.arange(indices.size, dtype=np.float64)
        pools.append(_Pool(indices, np.log(scale * (ranks + 1.0) ** -0.6) if indices.size else np.zeros(0)))
    generic_idx: list[int] = []
    generic_w: list[float] = []
    for i, skill in enumerate(skills):
        prevalent = T.PREVALENT_SKILLS.get(skill.id)
        if prevalent is not None:
            generic_idx.append(i)
            generic_w.append(prevalent * T.PREVALENT_FACTOR)
        elif skill.group_id in _GENERIC_GROUPS or (
            skill.type == "tool-software" and len(skill.isco_codes) >= _GENERIC_TOOL_MIN_LINKS
        ):
            generic_idx.append(i)
            generic_w.append(1.0)
    generic = _Pool(np.array(generic_idx, dtype=np.int32), np.log(np.array(generic_w, dtype=np.float64)))
    return pools, generic


@lru_cache(maxsize=4)
def _world(vocabulary: DemoVocabulary) -> _World:
    return _build_world(vocabulary)


# ---------------------------------------------------------------------------------------- sampling


def _rng(seed: int, stream: int, block: int = 0) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(stream, block))))


def _categorical(
    rng: np.random.Generator, cum: NDArray[np.float64], rows: NDArray[np.int32]
) -> NDArray[np.int32]:
    """One draw per row from row-specific categorical distributions given as cumulative matrices."""
    u = np.asarray(rng.random(size=(int(rows.shape[0]),)), dtype=np.float64)
    return (u[:, None] > cum[rows]).sum(axis=1).astype(np.int32)


def _draw_sets(
    rng: np.random.Generator,
    groups: NDArray[np.int32],
    counts: NDArray[np.int64],
    pools: Sequence[_Pool],
) -> tuple[NDArray[np.int64], NDArray[np.int32]]:
    """Weighted sampling without replacement of ``counts[i]`` skills for each row from its group's pool.

    Gumbel top-k: adding Gumbel noise to log-weights and keeping the k largest is an exact weighted draw
    without replacement, and it vectorises over all rows of a group at once.
    """
    out_rows: list[NDArray[np.int64]] = []
    out_skills: list[NDArray[np.int32]] = []
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    stops = np.r_[starts[1:], sorted_groups.size]
    for start, stop in zip(starts, stops, strict=True):
        pool = pools[int(sorted_groups[start])]
        if pool.indices.size == 0:
            continue
        rows = order[start:stop]
        k = np.minimum(counts[rows], pool.indices.size)
        kmax = int(k.max(initial=0))
        if kmax == 0:
            continue
        keys = pool.log_weights[None, :] + rng.gumbel(size=(rows.size, pool.indices.size))
        top = np.argsort(-keys, axis=1)[:, :kmax]
        keep = np.arange(kmax)[None, :] < k[:, None]
        out_rows.append(np.broadcast_to(rows[:, None], top.shape)[keep].astype(np.int64))
        out_skills.append(pool.indices[top[keep]])
    if not out_rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    return np.concatenate(out_rows), np.concatenate(out_skills)


def _csr(
    n: int,
    rows: NDArray[np.int64],
    skills: NDArray[np.int32],
    n_skills: int,
    flags: NDArray[np.bool_] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.bool_]]:
    """Deduplicate (row, skill) pairs, keeping the first occurrence's flag; rows sorted, skills sorted."""
    keys = rows * n_skills + skills.astype(np.int64)
    unique, first = np.unique(keys, return_index=True)
    unique_rows = unique // n_skills
    indices = (unique % n_skills).astype(np.int32)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(unique_rows, minlength=n), out=indptr[1:])
    kept_flags = flags[first] if flags is not None else np.zeros(indices.size, dtype=np.bool_)
    return indptr, indices, kept_flags


def _round_to(values: NDArray[np.float64], step: int, how: str = "nearest") -> NDArray[np.int64]:
    scaled = values / step
    rounded = np.floor(scaled) if how == "down" else np.ceil(scaled) if how == "up" else np.round(scaled)
    return (rounded * step).astype(np.int64)


def _regions_near(rng: np.random.Generator, world: _World, home: NDArray[np.int32]) -> NDArray[np.int32]:
    """For each home regency, another regency of the same province (itself where the province has one)."""
    result = home.copy()
    provinces = world.regency_province[home]
    u = rng.random(home.size)
    for i in range(home.size):
        members = world.regencies_of_province[provinces[i]]
        result[i] = members[int(u[i] * members.size)]
    return result


# ------------------------------------------------------------------------------------------ seekers


@dataclass(eq=False)
class _SeekerBlock:
    start: int
    occupation: NDArray[np.int32]
    region: NDArray[np.int32]
    education: NDArray[np.int32]
    field_u: NDArray[np.float64]
    female: NDArray[np.bool_]
    birth_date: NDArray[np.int64]  # proleptic ordinals
    expected_pay: NDArray[np.int64]
    willing: NDArray[np.bool_]
    employment: NDArray[np.int32]
    active: NDArray[np.bool_]
    registered: NDArray[np.int64]
    consents: NDArray[np.bool_]  # rows × (matching, discoverable, share_contact)
    extra_regions: NDArray[np.int32]  # rows × 2, -1 = none
    second_preference: NDArray[np.int32]  # -1 = none
    work_occupation: NDArray[np.int32]  # rows × 3, -1 = none
    work_years: NDArray[np.float64]  # rows × 3
    skill_indptr: NDArray[np.int64]
    skill_indices: NDArray[np.int32]
    name_parts: NDArray[np.int32]  # rows × 4: given, second, style, bali prefix
    district: NDArray[np.int32]
    serial: NDArray[np.int32]
    phone_prefix: NDArray[np.int32]
    phone_digits: NDArray[np.int64]
    phone_len: NDArray[np.int32]
    has_email: NDArray[np.bool_]
    street: NDArray[np.int32]
    house: NDArray[np.int32]
    accepts_remote: NDArray[np.bool_]
    working_time: NDArray[np.int8]  # index into T.SEEKER_WORKING_TIMES, -1 = no preference

    def __len__(self) -> int:
        return int(self.occupation.shape[0])

    def experience(self) -> NDArray[np.float64]:
        return np.asarray(self.work_years.sum(axis=1))


_CONSENT_RATES = (0.96, 0.7, 0.6)  # matching, discoverable_by_employers, share_contact_on_application
_PERIOD_DAYS = (REFERENCE_DATE - PERIOD_START).days + 1


def _registration_days(rng: np.random.Generator, n: int) -> NDArray[np.int64]:
    """Days after PERIOD_START: half uniform, half rising (registrations grew over 2024–2025)."""
    u = rng.random(n)
    rising = rng.random(n) < 0.5
    fraction = np.where(rising, np.sqrt(u), u)
    return np.minimum((fraction * _PERIOD_DAYS).astype(np.int64), _PERIOD_DAYS - 1)


def _seeker_preferences(
    world: _World, seed: int, block: int, occupation: NDArray[np.int32]
) -> tuple[NDArray[np.bool_], NDArray[np.int8]]:
    """Whether each seeker of the block accepts remote work, and their working-time preference (index into
    ``T.SEEKER_WORKING_TIMES``, -1 none), from the preference stream: the seeker stream is left as it was."""
    rng = _rng(seed, _SEEKER_PREFERENCE_STREAM, block)
    n = occupation.shape[0]
    major = [code[0] for code in world.occupation_codes]
    remote_rate = np.array(
        [T.SEEKER_ACCEPTS_REMOTE_RATE.get(g, T.SEEKER_ACCEPTS_REMOTE_OTHER) for g in major], dtype=np.float64
    )
    shift_share = np.array([T.SEEKER_SHIFT_SHARE.get(g, T.SEEKER_SHIFT_SHARE_OTHER) for g in major])
    accepts_remote = rng.random(n) < remote_rate[occupation]
    stated = rng.random(n) < T.SEEKER_WORKING_TIME_STATED
    shift = rng.random(n) < shift_share[occupation]
    working_time = np.where(
        stated,
        np.where(shift, T.SEEKER_WORKING_TIMES.index("shift"), T.SEEKER_WORKING_TIMES.index("non-shift")),
        -1,
    ).astype(np.int8)
    return accepts_remote, working_time


def _seeker_block(world: _World, seed: int, block: int) -> _SeekerBlock:
    rng = _rng(seed, _SEEKER_STREAM, block)
    n = BLOCK_ROWS
    occupation = rng.choice(len(world.occupation_codes), size=n, p=world.seeker_occupation_p).astype(np.int32)
    region = rng.choice(len(world.regency_codes), size=n, p=world.seeker_region_p).astype(np.int32)
    education = _categorical(rng, world.occupation_education_cum, occupation)
    field_u = rng.random(n)
    female = rng.random(n) < world.occupation_female[occupation]
    # Registered seekers are young: most between 18 and 30, a tail up to 58.
    age = np.minimum(18 + rng.gamma(2.0, 4.0, size=n), 58).astype(np.int64)
    registered_days = _registration_days(rng, n)
    registered = PERIOD_START.toordinal() + registered_days
    # Whole years of age at registration are exactly ``age`` (365.2425 days a year, one day of margin).
    birth = registered - ((age + rng.random(n) * 0.995) * 365.2425).astype(np.int64) - 1

    # Work history: fresh graduates have none; others 1–3 jobs, the latest mostly in the sought occupation.
    fresh = rng.random(n) < 0.35
    jobs = np.where(fresh, 0, 1 + rng.binomial(2, 0.3, size=n))
    work_occupation = np.full((n, 3), -1, dtype=np.int32)
    work_years = np.zeros((n, 3))
    max_years = np.maximum(age - 17, 1).astype(np.float64)
    related = rng.random((n, 3))
    other = rng.choice(len(world.occupation_codes), size=(n, 3), p=world.vacancy_occupation_p).astype(
        np.int32
    )
    years = np.round(rng.gamma(1.6, 1.2, size=(n, 3)) + 0.25, 1)
    for j in range(3):
        has = jobs > j
        same = related[:, j] < (0.75 if j == 0 else 0.4)
        work_occupation[:, j] = np.where(has, np.where(same, occupation, other[:, j]), -1)
        work_years[:, j] = np.where(has, years[:, j], 0.0)
    scale = np.minimum(1.0, max_years / np.maximum(work_years.sum(axis=1), 1e-9))
    work_years = np.round(work_years * scale[:, None], 1)

    # Skills: the occupation's own, a few cross-cutting ones, some from a previous job, a little noise.
    own_counts = (2 + rng.poisson(2.5, size=n)).astype(np.int64)
    rows_a, skills_a = _draw_sets(rng, occupation, own_counts, world.occupation_pools)
    generic_counts = rng.binomial(4, 0.45, size=n).astype(np.int64)
    rows_b, skills_b = _draw_sets(rng, np.zeros(n, np.int32), generic_counts, [world.generic_pool])
    previous = work_occupation[:, 0]
    switched = (previous >= 0) & (previous != occupation)
    prev_counts = np.where(switched, 1 + rng.binomial(1, 0.5, size=n), 0).astype(np.int64)
    rows_c, skills_c = _draw_sets(
        rng, np.where(switched, previous, 0).astype(np.int32), prev_counts, world.occupation_pools
    )
    noisy = rng.random(n) < 0.25
    rows_d = np.flatnonzero(noisy).astype(np.int64)
    skills_d = rng.integers(0, len(world.skill_ids), size=rows_d.size).astype(np.int32)
    indptr, indices, _ = _csr(
        n,
        np.concatenate([rows_a, rows_b, rows_c, rows_d]),
        np.concatenate([skills_a, skills_b, skills_c, skills_d]),
        len(world.skill_ids),
    )

    # Pay expectation around the provincial UMP, by occupation and education, with personal spread.
    wage = world.regency_wage[region].astype(np.float64)
    expected = wage * world.occupation_pay[occupation] * world.education_pay[education]
    expected *= np.exp(rng.normal(0.0, 0.18, size=n)) * (1 + 0.03 * np.minimum(work_years.sum(axis=1), 10))
    expected_pay = np.maximum(_round_to(expected, 100_000), 500_000)

    willing = rng.random(n) < 0.3
    employment = rng.choice(len(world.seeker_employment_types), size=n, p=world.seeker_employment_p).astype(
        np.int32
    )
    active = rng.random(n) < 0.85
    consents = rng.random((n, 3)) < np.array(_CONSENT_RATES)[None, :]
    extra_count = rng.choice(3, size=n, p=[0.5, 0.35, 0.15])
    near = np.stack([_regions_near(rng, world, region), _regions_near(rng, world, region)], axis=1)
    extra_regions = np.where(np.arange(2)[None, :] < extra_count[:, None], near, -1).astype(np.int32)
    alternatives = rng.random(n)
    second = np.full(n, -1, dtype=np.int32)
    for i in np.flatnonzero(alternatives < 0.3):
        siblings = world.occupations_by_minor[world.minor_group_of[occupation[i]]]
        pick = int(siblings[int(alternatives[i] / 0.3 * siblings.size)])
        second[i] = pick if pick != occupation[i] else -1

    name_parts = np.stack([rng.integers(0, 1 << 30, size=n) for _ in range(4)], axis=1).astype(np.int32)
    index = block * BLOCK_ROWS + np.arange(n)
    # Serial and district from the row number keep generated NIKs unique (same regency and birth date would
    # otherwise collide now and then in a large run); real serials are sequential per birth date anyway.
    serial = (1 + index % 9999).astype(np.int32)
    district = (1 + (index // 9999) % 40).astype(np.int32)
    phone_len = rng.integers(7, 9, size=n).astype(np.int32)
    accepts_remote, working_time = _seeker_preferences(world, seed, block, occupation)
    return _SeekerBlock(
        start=block * BLOCK_ROWS,
        occupation=occupation,
        region=region,
        education=education,
        field_u=field_u,
        female=female,
        birth_date=birth,
        expected_pay=expected_pay,
        willing=willing,
        employment=employment,
        active=active,
        registered=registered,
        consents=consents,
        extra_regions=extra_regions,
        second_preference=second,
        work_occupation=work_occupation,
        work_years=work_years,
        skill_indptr=indptr,
        skill_indices=indices,
        name_parts=name_parts,
        district=district,
        serial=serial,
        phone_prefix=rng.integers(0, len(T.PHONE_PREFIXES), size=n).astype(np.int32),
        phone_digits=rng.integers(0, 10**8, size=n),
        phone_len=phone_len,
        has_email=rng.random(n) < 0.6,
        street=rng.integers(0, len(T.STREET_WORDS), size=n).astype(np.int32),
        house=rng.integers(1, 200, size=n).astype(np.int32),
        accepts_remote=accepts_remote,
        working_time=working_time,
    )


def _blocks(n: int) -> range:
    if n < 0:
        raise ValueError(f"the number of rows must be >= 0, got {n}")
    return range(math.ceil(n / BLOCK_ROWS))


def _pick(options: Sequence[str], value: int) -> str:
    return options[value % len(options)]


def _seeker_name(province: str, female: bool, parts: Sequence[int]) -> str:
    given = _pick(T.FEMALE_GIVEN if female else T.MALE_GIVEN, int(parts[0]))
    style = int(parts[2]) % 10
    if province == "51" and style < 8:
        prefix = _pick(T.BALI_FEMALE_PREFIX if female else T.BALI_MALE_PREFIX, int(parts[3]))
        second = _pick(T.FEMALE_SECOND if female else T.MALE_SECOND, int(parts[1]))
        return f"{prefix} {given}" if style < 3 else f"{prefix} {given} {second}"
    family = T.REGIONAL_FAMILY.get(province)
    if family is not None and style < 7:
        return f"{given} {_pick(family, int(parts[1]))}"
    if style < 2:  # many Indonesians have a single name
        return given
    second = _pick(T.FEMALE_SECOND if female else T.MALE_SECOND, int(parts[1]))
    return f"{given} {second}"


def synthetic_nik(regency_code: str, district: int, birth_date: dt.date, female: bool, serial: int) -> str:
    """A structurally valid NIK: regency (4), district (2), DDMMYY (+40 on the day for women), serial (4)."""
    if len(regency_code) != 4 or not regency_code.isdigit():
        raise ValueError(f"NIK: regency code must be 4 digits, got {regency_code!r}")
    if not 1 <= district <= 99 or not 1 <= serial <= 9999:
        raise ValueError("NIK: district must be 1–99 and serial 1–9999")
    day = birth_date.day + (40 if female else 0)
    return (
        f"{regency_code}{district:02d}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", ".", text.lower()).strip(".")


def _seeker_records(world: _World, block: _SeekerBlock, count: int) -> list[DemoSeeker]:
    # Plain lists first: indexing NumPy arrays element by element is several times slower.
    occupations = block.occupation[:count].tolist()
    regions_of = block.region[:count].tolist()
    educations = block.education[:count].tolist()
    field_u = block.field_u[:count].tolist()
    females = block.female[:count].tolist()
    births = block.birth_date[:count].tolist()
    work_occupation = block.work_occupation[:count].tolist()
    work_years = block.work_years[:count].tolist()
    second = block.second_preference[:count].tolist()
    extra_regions = block.extra_regions[:count].tolist()
    indptr = block.skill_indptr[: count + 1].tolist()
    indices = block.skill_indices[: indptr[-1]].tolist()
    name_parts = block.name_parts[:count].tolist()
    districts = block.district[:count].tolist()
    serials = block.serial[:count].tolist()
    phone_prefix = block.phone_prefix[:count].tolist()
    phone_digits = block.phone_digits[:count].tolist()
    phone_len = block.phone_len[:count].tolist()
    has_email = block.has_email[:count].tolist()
    streets = block.street[:count].tolist()
    houses = block.house[:count].tolist()
    experience = block.experience()[:count].tolist()
    willing = block.willing[:count].tolist()
    accepts_remote = block.accepts_remote[:count].tolist()
    working_time = block.working_time[:count].tolist()
    pay = block.expected_pay[:count].tolist()
    employment = block.employment[:count].tolist()
    active = block.active[:count].tolist()
    registered = block.registered[:count].tolist()
    consents = block.consents[:count].tolist()
    has_field = world.education_has_field.tolist()
    codes, titles, skill_ids = world.occupation_codes, world.occupation_titles, world.skill_ids

    records: list[DemoSeeker] = []
    for i in range(count):
        occupation = occupations[i]
        code = codes[occupation]
        region = regions_of[i]
        regency_code = world.regency_codes[region]
        education = world.education_codes[educations[i]]
        fields = world.occupation_fields[occupation]
        education_field = (
            fields[int(field_u[i] * len(fields))] if fields and has_field[educations[i]] else None
        )
        female = females[i]
        sex: Sex = "F" if female else "M"
        birth_date = dt.date.fromordinal(births[i])
        work = tuple(
            DemoWork(occupation_code=codes[o], title=titles[o][0], years=y)
            for o, y in zip(work_occupation[i], work_years[i], strict=True)
            if o >= 0
        )
        preferred = (code,) if second[i] < 0 else (code, codes[second[i]])
        preferred_regions = [regency_code]
        for extra in extra_regions[i]:
            if extra >= 0 and world.regency_codes[extra] not in preferred_regions:
                preferred_regions.append(world.regency_codes[extra])
        skills = tuple(skill_ids[s] for s in indices[indptr[i] : indptr[i + 1]])
        name = _seeker_name(regency_code[:2], female, name_parts[i])
        index = block.start + i
        nik = synthetic_nik(regency_code, districts[i], birth_date, female, serials[i])
        digits = phone_digits[i] % 10 ** phone_len[i]
        phone = f"{T.PHONE_PREFIXES[phone_prefix[i]]}{digits:0{phone_len[i]}d}"
        email = f"{_slug(name)}.{index}@pasarkerja.example" if has_email[i] else None
        address = f"Jl. {T.STREET_WORDS[streets[i]]} No. {houses[i]}, {world.regency_names[region]}"
        years = round(experience[i], 1)
        about = (
            f"Lulusan {education}{' ' + education_field if education_field else ''}, "
            + (f"berpengalaman {years:g} tahun. " if work else "lulusan baru (fresh graduate). ")
            + f"Mencari pekerjaan sebagai {titles[occupation][0]}."
        )
        matching, discoverable, share_contact = consents[i]
        records.append(
            DemoSeeker(
                external_id=f"demo-seeker-{index + 1:07d}",
                region_code=regency_code,
                education_level=education,
                education_field=education_field,
                occupation_code=code,
                preferred_occupations=preferred,
                skill_ids=skills,
                work_history=work,
                experience_years=years,
                preferred_regions=tuple(preferred_regions),
                willing_to_relocate=willing[i],
                accepts_remote=accepts_remote[i],
                expected_pay=pay[i],
                preferred_employment_type=world.seeker_employment_types[employment[i]],
                preferred_working_time=T.SEEKER_WORKING_TIMES[working_time[i]]
                if working_time[i] >= 0
                else None,
                is_active=active[i],
                registered_on=dt.date.fromordinal(registered[i]),
                about=about,
                consents=(
                    ("registration", True),
                    ("matching", matching),
                    ("discoverable_by_employers", discoverable),
                    ("share_contact_on_application", share_contact),
                ),
                sex=sex,
                birth_year=birth_date.year,
                personal=DemoPersonal(
                    name=name,
                    nik=nik,
                    birth_date=birth_date,
                    sex=sex,
                    phone=phone,
                    email=email,
                    address=address,
                ),
            )
        )
    return records


def _rechunk(blocks: Iterator[list[Any]], chunk_size: int) -> Iterator[list[Any]]:
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}")
    buffer: list[Any] = []
    for rows in blocks:
        buffer.extend(rows)
        while len(buffer) >= chunk_size:
            yield buffer[:chunk_size]
            buffer = buffer[chunk_size:]
    if buffer:
        yield buffer


def iter_seekers(
    n: int, seed: int = 42, *, chunk_size: int = 5000, vocabulary: DemoVocabulary | None = None
) -> Iterator[list[DemoSeeker]]:
    """``n`` demo seekers in lists of ``chunk_size`` (memory bounded by the chunk, not by ``n``)."""
    world = _world(vocabulary or default_vocabulary())

    def blocks() -> Iterator[list[DemoSeeker]]:
        for b in _blocks(n):
            block = _seeker_block(world, seed, b)
            yield _seeker_records(world, block, min(BLOCK_ROWS, n - b * BLOCK_ROWS))

    return _rechunk(blocks(), chunk_size)


def iter_seeker_arrays(
    n: int, seed: int = 42, *, vocabulary: DemoVocabulary | None = None
) -> Iterator[SeekerArrays]:
    """The same seekers as :func:`iter_seekers`, as column arrays of at most :data:`BLOCK_ROWS` rows."""
    world = _world(vocabulary or default_vocabulary())
    for b in _blocks(n):
        block = _seeker_block(world, seed, b)
        count = min(BLOCK_ROWS, n - b * BLOCK_ROWS)
        end = int(block.skill_indptr[count])
        yield SeekerArrays(
            occupation=block.occupation[:count],
            region=block.region[:count],
            education=block.education[:count],
            expected_pay=block.expected_pay[:count],
            experience_years=block.experience()[:count].astype(np.float32),
            willing_to_relocate=block.willing[:count],
            skill_indptr=block.skill_indptr[: count + 1].copy(),
            skill_indices=block.skill_indices[:end].copy(),
            occupation_codes=world.occupation_codes,
            region_codes=world.regency_codes,
            education_codes=world.education_codes,
            skill_ids=world.skill_ids,
            accepts_remote=block.accepts_remote[:count],
            working_time=block.working_time[:count],
        )


def _concat_indptr(parts: Sequence[NDArray[np.int64]]) -> NDArray[np.int64]:
    out = [np.zeros(1, dtype=np.int64)]
    offset = 0
    for indptr in parts:
        out.append(indptr[1:] + offset)
        offset += int(indptr[-1])
    return np.concatenate(out)


def seeker_arrays(n: int, seed: int = 42, *, vocabulary: DemoVocabulary | None = None) -> SeekerArrays:
    """All ``n`` seekers as one set of column arrays (skills as CSR ``indptr``/``indices``)."""
    world = _world(vocabulary or default_vocabulary())
    parts = list(iter_seeker_arrays(n, seed, vocabulary=world.vocabulary))
    if not parts:
        parts = [_empty_seeker_arrays(world)]
    return SeekerArrays(
        occupation=np.concatenate([p.occupation for p in parts]),
        region=np.concatenate([p.region for p in parts]),
        education=np.concatenate([p.education for p in parts]),
        expected_pay=np.concatenate([p.expected_pay for p in parts]),
        experience_years=np.concatenate([p.experience_years for p in parts]),
        willing_to_relocate=np.concatenate([p.willing_to_relocate for p in parts]),
        skill_indptr=_concat_indptr([p.skill_indptr for p in parts]),
        skill_indices=np.concatenate([p.skill_indices for p in parts]),
        occupation_codes=world.occupation_codes,
        region_codes=world.regency_codes,
        education_codes=world.education_codes,
        skill_ids=world.skill_ids,
        accepts_remote=np.concatenate([p.accepts_remote for p in parts]),
        working_time=np.concatenate([p.working_time for p in parts]),
    )


def _empty_seeker_arrays(world: _World) -> SeekerArrays:
    return SeekerArrays(
        occupation=np.zeros(0, np.int32),
        region=np.zeros(0, np.int32),
        education=np.zeros(0, np.int32),
        expected_pay=np.zeros(0, np.int64),
        experience_years=np.zeros(0, np.float32),
        willing_to_relocate=np.zeros(0, np.bool_),
        skill_indptr=np.zeros(1, np.int64),
        skill_indices=np.zeros(0, np.int32),
        occupation_codes=world.occupation_codes,
        region_codes=world.regency_codes,
        education_codes=world.education_codes,
        skill_ids=world.skill_ids,
        accepts_remote=np.zeros(0, np.bool_),
        working_time=np.zeros(0, np.int8),
    )


# ---------------------------------------------------------------------------------------- employers


def default_employer_count(vacancies: int) -> int:
    """About five vacancies per employer, at least ten employers."""
    return max(10, vacancies // 5)


def generate_employers(
    count: int, seed: int = 42, *, vocabulary: DemoVocabulary | None = None
) -> list[DemoEmployer]:
    """``count`` employers with a KBLI section and a regency (cities and industrial regencies favoured)."""
    if count < 1:
        raise ValueError(f"the number of employers must be >= 1, got {count}")
    world = _world(vocabulary or default_vocabulary())
    rng = _rng(seed, _EMPLOYER_STREAM)
    sectors = rng.choice(len(world.sector_codes), size=count, p=world.employer_sector_p)
    regions = rng.choice(len(world.regency_codes), size=count, p=world.employer_region_p)
    words = rng.integers(0, len(T.NAME_WORDS), size=(count, 2))
    patterns = rng.integers(0, 1 << 30, size=count)
    employers: list[DemoEmployer] = []
    for i in range(count):
        section = world.sector_codes[int(sectors[i])]
        options = T.SECTOR_NAME_PATTERNS.get(section, ("PT {a} {b}",))
        a, b = T.NAME_WORDS[int(words[i, 0])], T.NAME_WORDS[int(words[i, 1])]
        if a == b:
            b = T.NAME_WORDS[(int(words[i, 1]) + 1) % len(T.NAME_WORDS)]
        employers.append(
            DemoEmployer(
                external_id=f"demo-employer-{i + 1:06d}",
                name=_pick(options, int(patterns[i])).format(a=a, b=b),
                kbli_section=section,
                region_code=world.regency_codes[int(regions[i])],
            )
        )
    return employers


def _employers_by_sector(world: _World, employers: Sequence[DemoEmployer]) -> list[NDArray[np.int32]]:
    position = {code: i for i, code in enumerate(world.sector_codes)}
    groups: list[list[int]] = [[] for _ in world.sector_codes]
    for i, employer in enumerate(employers):
        if employer.kbli_section in position:
            groups[position[employer.kbli_section]].append(i)
    return [np.array(g, dtype=np.int32) for g in groups]


# ---------------------------------------------------------------------------------------- vacancies


@dataclass(eq=False)
class _VacancyBlock:
    start: int
    occupation: NDArray[np.int32]
    employer: NDArray[np.int32]
    region: NDArray[np.int32]
    title: NDArray[np.int64]
    min_education: NDArray[np.int32]
    field_u: NDArray[np.float64]
    experience: NDArray[np.float64]
    pay_min: NDArray[np.int64]
    pay_max: NDArray[np.int64]
    pay_stated: NDArray[np.bool_]
    employment: NDArray[np.int32]
    remote: NDArray[np.bool_]
    openings: NDArray[np.int64]
    posted: NDArray[np.int64]
    closing: NDArray[np.int64]
    status: NDArray[np.int32]  # 0 open, 1 filled, 2 closed
    discrimination: NDArray[np.int64]  # -1 = none
    extras: NDArray[np.int64]  # rows × 2: working-time option, benefits option
    skill_indptr: NDArray[np.int64]
    skill_indices: NDArray[np.int32]
    skill_essential: NDArray[np.bool_]


_STATUSES = ("open", "filled", "closed")


def _vacancy_block(
    world: _World,
    seed: int,
    block: int,
    employers: Sequence[DemoEmployer],
    by_sector: list[NDArray[np.int32]],
) -> _VacancyBlock:
    rng = _rng(seed, _VACANCY_STREAM, block)
    n = BLOCK_ROWS
    occupation = rng.choice(len(world.occupation_codes), size=n, p=world.vacancy_occupation_p).astype(
        np.int32
    )
    sector = _categorical(rng, world.occupation_sector_cum, occupation)
    pick = rng.random(n)
    fallback = rng.integers(0, len(employers), size=n)
    employer = np.empty(n, dtype=np.int32)
    for i in range(n):
        members = by_sector[int(sector[i])]
        employer[i] = members[int(pick[i] * members.size)] if members.size else fallback[i]
    regency_index = {code: i for i, code in enumerate(world.regency_codes)}
    employer_region = np.array(
        [regency_index[employers[int(e)].region_code] for e in employer], dtype=np.int32
    )
    elsewhere = rng.choice(len(world.regency_codes), size=n, p=world.employer_region_p).astype(np.int32)
    region = np.where(rng.random(n) < 0.85, employer_region, elsewhere).astype(np.int32)
    title = rng.integers(0, 1 << 30, size=n)
    # Ads state a minimum: often one step below what the typical hire holds (SMA/SMK → SMP, S1 → D3).
    level = _categorical(rng, world.occupation_education_cum, occupation)
    lower = rng.random(n) < 0.3
    min_education = np.where(lower & (level > 0), level - 1, level).astype(np.int32)
    field_u = rng.random(n)
    fresh = rng.random(n) < 0.35
    experience = np.where(
        fresh, 0.0, np.clip(np.round(rng.gamma(2.0, world.occupation_experience[occupation] / 2.0)), 1, 10)
    )

    wage = world.regency_wage[region].astype(np.float64)
    median = wage * world.occupation_pay[occupation] * np.exp(rng.normal(0.0, 0.15, size=n))
    low = median * rng.uniform(0.85, 1.0, size=n)
    below = rng.random(n) < _BELOW_MINIMUM_RATE
    below_value = wage * rng.uniform(0.65, 0.97, size=n)
    pay_min = np.where(
        below, _round_to(below_value, 50_000, "down"), _round_to(np.maximum(low, wage), 50_000, "up")
    )
    pay_max = _round_to(pay_min * rng.uniform(1.1, 1.6, size=n), 50_000, "up")
    pay_stated = rng.random(n) >= _HIDDEN_PAY_RATE

    employment = rng.choice(len(world.employment_types), size=n, p=world.employment_p).astype(np.int32)
    professional = np.array([world.occupation_codes[o][0] in "23" for o in occupation])
    remote = professional & (rng.random(n) < 0.12)
    bulk = np.array([world.occupation_codes[o][0] in "589" for o in occupation])
    openings_draw = rng.random(n)
    openings = np.where(
        openings_draw < np.where(bulk, 0.5, 0.75),
        1,
        np.where(openings_draw < 0.93, rng.integers(2, 6, size=n), rng.integers(6, 21, size=n)),
    ).astype(np.int64)

    status = rng.choice(3, size=n, p=[0.45, 0.35, 0.20]).astype(np.int32)
    reference = REFERENCE_DATE.toordinal()
    recent = reference - rng.integers(0, 76, size=n)
    older_span = (REFERENCE_DATE - PERIOD_START).days - 60
    older = PERIOD_START.toordinal() + rng.integers(0, older_span, size=n)
    posted = np.where(status == 0, recent, older)
    window = rng.choice(np.array([14, 30, 45, 60]), size=n)
    closing = np.where(status == 0, np.maximum(posted + window, reference + 7), posted + window)
    discrimination = np.where(
        rng.random(n) < _DISCRIMINATION_RATE, rng.integers(0, len(DISCRIMINATORY_PHRASES), size=n), -1
    )
    extras = rng.integers(0, 1 << 30, size=(n, 2))

    own_counts = (3 + rng.poisson(2.0, size=n)).astype(np.int64)
    rows_a, skills_a = _draw_sets(rng, occupation, own_counts, world.occupation_pools)
    generic_counts = rng.binomial(3, 0.4, size=n).astype(np.int64)
    rows_b, skills_b = _draw_sets(rng, np.zeros(n, np.int32), generic_counts, [world.generic_pool])
    essential = np.concatenate([rng.random(rows_a.size) < 0.7, rng.random(rows_b.size) < 0.3])
    indptr, indices, flags = _csr(
        n,
        np.concatenate([rows_a, rows_b]),
        np.concatenate([skills_a, skills_b]),
        len(world.skill_ids),
        essential,
    )
    return _VacancyBlock(
        start=block * BLOCK_ROWS,
        occupation=occupation,
        employer=employer,
        region=region,
        title=title,
        min_education=min_education,
        field_u=field_u,
        experience=experience,
        pay_min=pay_min,
        pay_max=pay_max,
        pay_stated=pay_stated,
        employment=employment,
        remote=remote,
        openings=openings,
        posted=posted,
        closing=closing,
        status=status,
        discrimination=discrimination,
        extras=extras,
        skill_indptr=indptr,
        skill_indices=indices,
        skill_essential=flags,
    )


def _rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def _vacancy_records(
    world: _World, block: _VacancyBlock, count: int, employers: Sequence[DemoEmployer]
) -> list[DemoVacancy]:
    education = world.vocabulary.education
    records: list[DemoVacancy] = []
    for i in range(count):
        occupation = int(block.occupation[i])
        employer = employers[int(block.employer[i])]
        title = _pick(world.occupation_titles[occupation], int(block.title[i]))
        region = int(block.region[i])
        level = world.education_codes[int(block.min_education[i])]
        fields = world.occupation_fields[occupation]
        education_field = (
            fields[int(block.field_u[i] * len(fields))]
            if fields and world.education_has_field[block.min_education[i]]
            else None
        )
        start, stop = int(block.skill_indptr[i]), int(block.skill_indptr[i + 1])
        pairs = list(zip(block.skill_indices[start:stop], block.skill_essential[start:stop], strict=True))
        skills = tuple((world.skill_ids[int(s)], "essential" if e else "optional") for s, e in pairs)
        employment = world.employment_types[int(block.employment[i])]
        working_time = _pick(_WORKING_TIME.get(employer.kbli_section, _OFFICE_HOURS), int(block.extras[i, 0]))
        experience = float(block.experience[i])
        stated = bool(block.pay_stated[i])
        pay_min = int(block.pay_min[i]) if stated else None
        pay_max = int(block.pay_max[i]) if stated else None
        essential_labels = [world.skill_labels[int(s)] for s, e in pairs if e]
        optional_labels = [world.skill_labels[int(s)] for s, e in pairs if not e]
        lines = [
            f"{employer.name} membuka lowongan {title} untuk penempatan di {world.regency_names[region]}.",
            "",
            "Kualifikasi:",
            f"- Pendidikan minimal {education[level].label_id}"
            + (f", jurusan {education_field}" if education_field else ""),
            f"- Pengalaman minimal {experience:g} tahun di bidang yang sama"
            if experience > 0
            else "- Terbuka untuk lulusan baru (fresh graduate)",
        ]
        if essential_labels:
            lines.append("- Menguasai: " + ", ".join(essential_labels))
        if optional_labels:
            lines.append("- Diutamakan: " + ", ".join(optional_labels))
        if block.discrimination[i] >= 0:
            lines.append("- " + DISCRIMINATORY_PHRASES[int(block.discrimination[i])])
        lines += [
            "",
            f"Jenis pekerjaan: {EMPLOYMENT_LABELS[employment]}. Jam kerja: {working_time}.",
            f"Gaji: {_rupiah(pay_min)} – {_rupiah(pay_max)} per bulan."
            if pay_min is not None and pay_max is not None
            else "Gaji: dirahasiakan (nego).",
            f"Fasilitas: {_pick(_BENEFITS, int(block.extras[i, 1]))}.",
        ]
        records.append(
            DemoVacancy(
                external_id=f"demo-vacancy-{block.start + i + 1:07d}",
                employer_external_id=employer.external_id,
                title=title,
                description="\n".join(lines),
                occupation_code=world.occupation_codes[occupation],
                min_education=level,
                education_field=education_field,
                min_experience_years=experience,
                pay_min=pay_min,
                pay_max=pay_max,
                pay_period="month",
                region_code=world.regency_codes[region],
                remote=bool(block.remote[i]),
                employment_type=employment,
                working_time=working_time,
                openings=int(block.openings[i]),
                posted_date=dt.date.fromordinal(int(block.posted[i])),
                closing_date=dt.date.fromordinal(int(block.closing[i])),
                status=_STATUSES[int(block.status[i])],
                skills=skills,
            )
        )
    return records


def iter_vacancies(
    m: int,
    seed: int = 42,
    *,
    employers: Sequence[DemoEmployer] | None = None,
    chunk_size: int = 5000,
    vocabulary: DemoVocabulary | None = None,
) -> Iterator[list[DemoVacancy]]:
    """``m`` demo vacancies in lists of ``chunk_size``, posted by ``employers`` (default:
    ``generate_employers(default_employer_count(m), seed)``), each consistent with its employer's sector."""
    world = _world(vocabulary or default_vocabulary())
    posters = (
        list(employers)
        if employers is not None
        else generate_employers(default_employer_count(m), seed, vocabulary=world.vocabulary)
    )
    by_sector = _employers_by_sector(world, posters)

    def blocks() -> Iterator[list[DemoVacancy]]:
        for b in _blocks(m):
            block = _vacancy_block(world, seed, b, posters, by_sector)
            yield _vacancy_records(world, block, min(BLOCK_ROWS, m - b * BLOCK_ROWS), posters)

    return _rechunk(blocks(), chunk_size)


def vacancy_arrays(
    m: int,
    seed: int = 42,
    *,
    employers: Sequence[DemoEmployer] | None = None,
    vocabulary: DemoVocabulary | None = None,
) -> VacancyArrays:
    """All ``m`` vacancies as column arrays (the same vacancies as :func:`iter_vacancies`)."""
    world = _world(vocabulary or default_vocabulary())
    posters = (
        list(employers)
        if employers is not None
        else generate_employers(default_employer_count(m), seed, vocabulary=world.vocabulary)
    )
    by_sector = _employers_by_sector(world, posters)
    parts: list[tuple[_VacancyBlock, int]] = []
    for b in _blocks(m):
        parts.append(
            (_vacancy_block(world, seed, b, posters, by_sector), min(BLOCK_ROWS, m - b * BLOCK_ROWS))
        )

    def column(name: str) -> NDArray[Any]:
        arrays = [getattr(block, name)[:count] for block, count in parts]
        return np.concatenate(arrays) if arrays else np.zeros(0)

    indptrs = [block.skill_indptr[: count + 1] for block, count in parts]
    ends = [int(block.skill_indptr[count]) for block, count in parts]
    stated = column("pay_stated").astype(np.bool_)
    return VacancyArrays(
        occupation=column("occupation").astype(np.int32),
        region=column("region").astype(np.int32),
        min_education=column("min_education").astype(np.int32),
        pay_min=np.where(stated, column("pay_min"), 0).astype(np.int64),
        pay_max=np.where(stated, column("pay_max"), 0).astype(np.int64),
        min_experience_years=column("experience").astype(np.float32),
        openings=column("openings").astype(np.int32),
        is_open=(column("status") == 0),
        skill_indptr=_concat_indptr(indptrs) if indptrs else np.zeros(1, np.int64),
        skill_indices=np.concatenate(
            [b.skill_indices[:e] for (b, _), e in zip(parts, ends, strict=True)]
        ).astype(np.int32)
        if parts
        else np.zeros(0, np.int32),
        skill_essential=np.concatenate([b.skill_essential[:e] for (b, _), e in zip(parts, ends, strict=True)])
        if parts
        else np.zeros(0, np.bool_),
        occupation_codes=world.occupation_codes,
        region_codes=world.regency_codes,
        education_codes=world.education_codes,
        skill_ids=world.skill_ids,
    )


# ------------------------------------------------------------------------------- training, apprenticeships

_ONLINE_KEJURUAN = frozenset({"TIK", "BISNIS DAN MANAJEMEN", "BAHASA"})
# Intakes run from the demo's "today" for two years, so a demo loaded in 2026 or 2027 still has courses that
# have not started yet (pathways leave out programmes whose start dates have all passed).
_TRAINING_START = REFERENCE_DATE + dt.timedelta(days=1)
_TRAINING_SPREAD_DAYS = 730


def _skill_text(skill: SkillRecord) -> str:
    return " ".join(
        (
            skill.id.replace("-", " ").replace(".", " "),
            skill.label_en,
            skill.label_id or "",
            *skill.alt_labels,
        )
    ).lower()


@lru_cache(maxsize=4)
def _template_skills(vocabulary: DemoVocabulary) -> tuple[tuple[int, ...], ...]:
    """For each programme template, catalogue skills ranked for it: skills of its target occupations that
    its keywords name first, then keyword matches elsewhere in the catalogue, then the occupations' other
    skills."""
    skills = vocabulary.skills
    texts = [_skill_text(s) for s in skills]
    result: list[tuple[int, ...]] = []
    for template in T.PROGRAMME_TEMPLATES:
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in template.keywords) + r")")
        linked = [i for i, s in enumerate(skills) if set(s.isco_codes) & set(template.isco)]
        # Skills naming more of the course's keywords first ("bahasa jepang n4" before "masakan jepang").
        hits = {i: len(set(pattern.findall(text))) for i, text in enumerate(texts)}
        named = sorted((i for i, n in hits.items() if n), key=lambda i: -hits[i])
        named_set = set(named)
        first = sorted((i for i in linked if i in named_set), key=lambda i: -hits[i])
        elsewhere = [i for i in named if i not in set(linked)][:3]
        rest = [i for i in linked if i not in named_set]
        result.append(tuple(dict.fromkeys(first + elsewhere + rest)))
    return tuple(result)


def _start_dates(rng: np.random.Generator) -> tuple[dt.date, ...]:
    first = _TRAINING_START.toordinal() + int(rng.integers(0, _TRAINING_SPREAD_DAYS))
    month = dt.date.fromordinal(first).replace(day=1)
    dates = [month]
    for _ in range(int(rng.integers(0, 3))):
        previous = dates[-1]
        step = int(rng.integers(1, 4))
        year, month_index = divmod(previous.month - 1 + step, 12)
        dates.append(dt.date(previous.year + year, month_index + 1, 1))
    return tuple(dates)


def generate_training(
    programmes: int, seed: int = 42, *, vocabulary: DemoVocabulary | None = None
) -> tuple[list[DemoProvider], list[DemoProgramme]]:
    """Training providers (national BLK/UPTP, regional UPTD BLK, private LPK, online platforms) and
    ``programmes`` courses with realistic BLK titles per kejuruan, hours in JP, cost (free at BLKs),
    modality, capacity, start dates, certification and catalogue skills."""
    if programmes < 0:
        raise ValueError(f"the number of programmes must be >= 0, got {programmes}")
    world = _world(vocabulary or default_vocabulary())
    rng = _rng(seed, _TRAINING_STREAM)
    regency_index = {code: i for i, code in enumerate(world.regency_codes)}
    providers: list[DemoProvider] = []

    def add(name: str, kind: str, region: str | None) -> None:
        providers.append(DemoProvider(f"demo-provider-{len(providers) + 1:04d}", name, kind, region))

    for name, code in T.NATIONAL_BLK:
        if code in regency_index:
            add(name, "BLK", code)
    seen_uptd: set[str] = set()
    for r in rng.choice(len(world.regency_codes), size=max(3, programmes // 10), p=world.seeker_region_p):
        code = world.regency_codes[int(r)]
        if code not in seen_uptd:
            seen_uptd.add(code)
            add(f"UPTD BLK {world.regency_names[int(r)]}", "BLK", code)
    for r in rng.choice(len(world.regency_codes), size=max(3, programmes // 8), p=world.employer_region_p):
        first, second = (int(x) for x in rng.integers(0, 1 << 30, size=2))
        words = f"{_pick(T.LPK_WORDS, first)} {_pick(T.NAME_WORDS, second)}"
        add(f"LPK {words}", "LPK", world.regency_codes[int(r)])
    for name in T.ONLINE_PROVIDER_NAMES:
        add(name, "online", None)
    by_kind = {kind: [p for p in providers if p.kind == kind] for kind in ("BLK", "LPK", "online")}

    ranked = _template_skills(world.vocabulary)
    result: list[DemoProgramme] = []
    for i in range(programmes):
        t = int(rng.integers(len(T.PROGRAMME_TEMPLATES)))
        template = T.PROGRAMME_TEMPLATES[t]
        u = rng.random()
        online_ok = template.kejuruan in _ONLINE_KEJURUAN
        kind = "online" if online_ok and u < 0.2 else "BLK" if u < 0.6 else "LPK"
        provider = by_kind[kind][int(rng.integers(len(by_kind[kind])))]
        if kind == "BLK":
            modality, cost, capacity, hours = "on-site", 0, 16, template.hours_jp
            certification = template.certification
        elif kind == "LPK":
            modality = "blended" if rng.random() < 0.2 else "on-site"
            cost = int(_round_to(np.array([template.hours_jp * rng.uniform(8_000, 20_000)]), 50_000)[0])
            capacity = int(rng.choice([10, 12, 15, 20, 25]))
            hours, certification = template.hours_jp, template.certification
        else:
            modality, capacity = "online", int(rng.choice([100, 250, 500, 1000]))
            cost = int(_round_to(np.array([rng.uniform(300_000, 1_500_000)]), 50_000)[0])
            hours, certification = max(8, template.hours_jp // 4), "Sertifikat penyelesaian"
        take = int(rng.integers(4, 9))
        skill_ids = tuple(world.skill_ids[s] for s in ranked[t][:take])
        syllabus = "Unit kompetensi:\n" + "\n".join(
            f"- {unit}" for unit in ("Menerapkan K3 di tempat kerja", *template.units)
        )
        result.append(
            DemoProgramme(
                external_id=f"demo-programme-{i + 1:05d}",
                provider_external_id=provider.external_id,
                kejuruan=template.kejuruan,
                title=template.title,
                syllabus=syllabus,
                hours_jp=hours,
                cost_rp=cost,
                region_code=provider.region_code,
                modality=modality,
                capacity=capacity,
                start_dates=_start_dates(rng),
                certification=certification,
                skill_ids=skill_ids,
                is_active=bool(rng.random() < 0.92),
            )
        )
    return providers, result


def default_apprenticeship_count(programmes: int) -> int:
    return max(5, programmes // 2)


def generate_apprenticeships(
    count: int,
    seed: int = 42,
    *,
    employers: Sequence[DemoEmployer],
    vocabulary: DemoVocabulary | None = None,
) -> list[DemoApprenticeship]:
    """``count`` apprenticeship (pemagangan) offers hosted by ``employers``: seats, months, stipend."""
    if count < 0:
        raise ValueError(f"the number of apprenticeships must be >= 0, got {count}")
    if not employers:
        raise ValueError("apprenticeships need at least one employer")
    world = _world(vocabulary or default_vocabulary())
    rng = _rng(seed, _APPRENTICE_STREAM)
    # Apprenticeships train for skilled work: professionals to machine operators (ISCO major groups 2–8).
    eligible = np.array([c[0] in "2345678" for c in world.occupation_codes])
    p = _normalised(np.where(eligible, world.vacancy_occupation_p, 0.0))
    by_sector = _employers_by_sector(world, employers)
    occupation = rng.choice(len(world.occupation_codes), size=count, p=p).astype(np.int32)
    sector = _categorical(rng, world.occupation_sector_cum, occupation)
    regency_index = {code: i for i, code in enumerate(world.regency_codes)}
    result: list[DemoApprenticeship] = []
    for i in range(count):
        members = by_sector[int(sector[i])]
        host = employers[
            int(members[int(rng.integers(members.size))])
            if members.size
            else int(rng.integers(len(employers)))
        ]
        o = int(occupation[i])
        u = rng.random()
        seats = 1 if u < 0.45 else int(rng.integers(2, 6)) if u < 0.85 else int(rng.integers(6, 16))
        wage = int(world.regency_wage[regency_index[host.region_code]])
        stipend = int(_round_to(np.array([wage * rng.uniform(0.6, 1.0)]), 50_000)[0])
        start = dt.date.fromordinal(_TRAINING_START.toordinal() + int(rng.integers(0, _TRAINING_SPREAD_DAYS)))
        start = start.replace(day=1)
        result.append(
            DemoApprenticeship(
                external_id=f"demo-apprenticeship-{i + 1:05d}",
                title=f"Magang {world.occupation_titles[o][0]}",
                company=host.name,
                employer_external_id=host.external_id,
                occupation_code=world.occupation_codes[o],
                seats=seats,
                months=int(rng.choice([3, 6, 6, 12])),
                region_code=host.region_code,
                stipend_rp=stipend,
                starts_on=start,
            )
        )
    return result
