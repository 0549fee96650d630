"""Seekers and vacancies as column arrays, the form the vectorised scorer and the index work on.

Codes are encoded so equal codes give equal integers without a shared vocabulary: a region code of digits
``d`` becomes ``int("1" + d)`` (``"3216"`` → ``13216``; its province ``"32"`` → ``132``). Skills, education
fields, employment types and working times are indices into the vocabulary of the vacancy side
(:class:`VacancyTable`); a seeker value the vacancies never use encodes as -2 (never equal to anything).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from pasarkerja.match.records import MatchInputError, SeekerProfile, VacancyProfile, unique_ids
from pasarkerja.match.score import _rank, validate_seeker, validate_vacancy

I32 = NDArray[np.int32]
I64 = NDArray[np.int64]
F64 = NDArray[np.float64]
B = NDArray[np.bool_]


def region_key(code: str | None, record: str, field_name: str) -> int:
    """``"3216"`` → 13216; None → -1. Region codes are Kemendagri codes: digits only."""
    if code is None or code == "":
        return -1
    if not code.isdigit() or len(code) < 2 or len(code) > 12:
        raise MatchInputError(f"{record}: {field_name} {code!r} is not a Kemendagri region code (digits)")
    return int("1" + code)


def province_key(region: int) -> int:
    """The province key of a region key (``13216`` → ``132``); -1 stays -1."""
    if region < 0:
        return -1
    return int(str(region)[:3])


def province_keys(regions: NDArray[np.int64]) -> I64:
    out = np.full(regions.shape, -1, dtype=np.int64)
    valid = regions >= 0
    values = regions[valid]
    digits = np.floor(np.log10(np.maximum(values, 1))).astype(np.int64)  # 13216 → 4
    out[valid] = values // (10 ** (digits - 2))
    return out


@dataclass(frozen=True, eq=False)
class VacancyTable:
    """Vacancies as columns. Skills are CSR rows (``skill_indptr``/``skill_indices``) into ``skill_ids``,
    with ``skill_essential`` per entry; ``offered_pay`` is NaN where not stated; -1 means "none"."""

    ids: NDArray[np.int64] | NDArray[np.str_]
    is_open: B
    occupation: I32  # index into occupation_codes, -1 none
    region: I64  # region_key
    remote: B
    min_education_rank: I32  # -1 none
    education_field: I32  # index into field_names, -1 none
    min_experience_years: F64
    offered_pay: F64
    employment_type: I32  # index into employment_types, -1 none
    working_time: I32  # index into working_times, -1 none
    openings: I32
    skill_indptr: I64
    skill_indices: I32
    skill_essential: B
    occupation_codes: tuple[str, ...]
    skill_ids: tuple[str, ...]
    field_names: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    working_times: tuple[str, ...] = ()

    def __len__(self) -> int:
        return int(self.is_open.shape[0])

    def __post_init__(self) -> None:
        n = len(self)
        for name in (
            "occupation",
            "region",
            "remote",
            "min_education_rank",
            "education_field",
            "min_experience_years",
            "offered_pay",
            "employment_type",
            "working_time",
            "openings",
            "ids",
        ):
            if getattr(self, name).shape != (n,):
                raise MatchInputError(
                    f"vacancy table: column {name} has shape {getattr(self, name).shape}, not ({n},)"
                )
        if self.skill_indptr.shape != (n + 1,) or self.skill_indices.shape != self.skill_essential.shape:
            raise MatchInputError(
                "vacancy table: skill_indptr/skill_indices/skill_essential do not fit together"
            )

    def skill_weights(self, essential_share: float) -> F64:
        """Weight of each skill entry in the coverage (see ``vacancy_skill_weights``): the essential share
        spread evenly over essential skills, the rest over optional ones; all to one kind when only one."""
        row = np.repeat(np.arange(len(self)), np.diff(self.skill_indptr))
        essential = self.skill_essential
        n_e = np.bincount(row, weights=essential, minlength=len(self))
        n_o = np.bincount(row, weights=~essential, minlength=len(self))
        both = (n_e > 0) & (n_o > 0)
        share_e = np.where(both, essential_share, 1.0)
        share_o = np.where(both, 1.0 - essential_share, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            weight_e = share_e / n_e
            weight_o = share_o / n_o
        return np.where(essential, weight_e[row], weight_o[row])

    def take(self, rows: NDArray[np.int64]) -> VacancyTable:
        """The vacancies at ``rows``, in that order."""
        starts, ends = self.skill_indptr[rows], self.skill_indptr[rows + 1]
        entries = _ranges(starts, ends)
        indptr = np.zeros(rows.size + 1, dtype=np.int64)
        np.cumsum(ends - starts, out=indptr[1:])
        return VacancyTable(
            ids=self.ids[rows],
            is_open=self.is_open[rows],
            occupation=self.occupation[rows],
            region=self.region[rows],
            remote=self.remote[rows],
            min_education_rank=self.min_education_rank[rows],
            education_field=self.education_field[rows],
            min_experience_years=self.min_experience_years[rows],
            offered_pay=self.offered_pay[rows],
            employment_type=self.employment_type[rows],
            working_time=self.working_time[rows],
            openings=self.openings[rows],
            skill_indptr=indptr,
            skill_indices=self.skill_indices[entries],
            skill_essential=self.skill_essential[entries],
            occupation_codes=self.occupation_codes,
            skill_ids=self.skill_ids,
            field_names=self.field_names,
            employment_types=self.employment_types,
            working_times=self.working_times,
        )


@dataclass(frozen=True, eq=False)
class SeekerTable:
    """Seekers as columns, encoded against one vacancy table's vocabulary (see module docstring).

    ``occupation_*`` is a CSR of preferred and past occupations (indices into ``occupation_codes``, the
    seekers' own vocabulary); ``preferred_region_*`` a CSR of region keys; ``expected_pay`` NaN when not
    usable; ``has_skills`` counts skills the vacancies never name too (they make the skills component
    apply). ``employment_mask`` is a bit set over the vacancy table's employment types, with
    ``employment_any`` when the seeker states no preference (same for working time).
    """

    ids: NDArray[np.int64] | NDArray[np.str_]
    is_active: B
    skill_indptr: I64
    skill_indices: I32
    has_skills: B
    occupation_indptr: I64
    occupation_indices: I32
    occupation_codes: tuple[str, ...]
    region: I64
    preferred_region_indptr: I64
    preferred_region: I64
    willing_to_relocate: B
    accepts_remote: B
    education_rank: I32  # -1 unknown
    education_field: I32  # -1 none, -2 a field no vacancy names
    experience_years: F64
    expected_pay: F64
    employment_any: B
    employment_mask: I64
    working_time_any: B
    working_time_mask: I64

    def __len__(self) -> int:
        return int(self.is_active.shape[0])

    def slice(self, start: int, stop: int) -> SeekerTable:
        """Seekers ``start:stop`` (CSR columns rebased)."""
        s0, s1 = int(self.skill_indptr[start]), int(self.skill_indptr[stop])
        o0, o1 = int(self.occupation_indptr[start]), int(self.occupation_indptr[stop])
        p0, p1 = int(self.preferred_region_indptr[start]), int(self.preferred_region_indptr[stop])
        return SeekerTable(
            ids=self.ids[start:stop],
            is_active=self.is_active[start:stop],
            skill_indptr=self.skill_indptr[start : stop + 1] - s0,
            skill_indices=self.skill_indices[s0:s1],
            has_skills=self.has_skills[start:stop],
            occupation_indptr=self.occupation_indptr[start : stop + 1] - o0,
            occupation_indices=self.occupation_indices[o0:o1],
            occupation_codes=self.occupation_codes,
            region=self.region[start:stop],
            preferred_region_indptr=self.preferred_region_indptr[start : stop + 1] - p0,
            preferred_region=self.preferred_region[p0:p1],
            willing_to_relocate=self.willing_to_relocate[start:stop],
            accepts_remote=self.accepts_remote[start:stop],
            education_rank=self.education_rank[start:stop],
            education_field=self.education_field[start:stop],
            experience_years=self.experience_years[start:stop],
            expected_pay=self.expected_pay[start:stop],
            employment_any=self.employment_any[start:stop],
            employment_mask=self.employment_mask[start:stop],
            working_time_any=self.working_time_any[start:stop],
            working_time_mask=self.working_time_mask[start:stop],
        )


def _ranges(starts: I64, ends: I64) -> I64:
    """Concatenated ``arange(start, end)`` for each pair, without a Python loop."""
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return np.arange(total, dtype=np.int64) + offsets


def _csr(rows: Sequence[Sequence[int]], dtype: type) -> tuple[I64, NDArray[np.generic]]:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    flat = [v for r in rows for v in r]
    return indptr, np.asarray(flat, dtype=dtype)


def _usable_pay(value: float | None) -> float:
    if value is None:
        return math.nan
    amount = float(value)
    return amount if math.isfinite(amount) and amount > 0 else math.nan


def _extend(first: Sequence[str], more: set[str]) -> list[str]:
    return [*first, *sorted(more - set(first))]


def _ids_array(ids: list[str]) -> NDArray[np.str_]:
    return np.asarray(ids, dtype=np.str_) if ids else np.zeros(0, dtype="<U1")


def encode_vacancies(
    vacancies: Sequence[VacancyProfile],
    *,
    extra_skill_ids: Sequence[str] = (),
    vocabulary: VacancyTable | None = None,
) -> VacancyTable:
    """Vacancy profiles → a :class:`VacancyTable`. ``extra_skill_ids`` (e.g. the whole catalogue) join the
    skill vocabulary so seekers' skills that no vacancy names still earn related-skill credit. With
    ``vocabulary``, its skills, fields, employment types and working times come first in the same order,
    so seeker tables encoded against it stay valid."""
    base = vocabulary
    unique_ids([v.id for v in vacancies], "vacancy")
    skill_ids = list(
        dict.fromkeys(
            [
                *(base.skill_ids if base is not None else ()),
                *extra_skill_ids,
                *(s for v in vacancies for s in (*v.essential_skill_ids, *v.optional_skill_ids)),
            ]
        )
    )
    skill_index = {s: i for i, s in enumerate(skill_ids)}
    occupations = sorted({v.occupation_code for v in vacancies if v.occupation_code is not None})
    occupation_index = {c: i for i, c in enumerate(occupations)}
    fields = _extend(
        base.field_names if base is not None else (),
        {v.education_field.strip().casefold() for v in vacancies if v.education_field},
    )
    types = _extend(
        base.employment_types if base is not None else (),
        {v.employment_type for v in vacancies if v.employment_type is not None},
    )
    times = _extend(
        base.working_times if base is not None else (),
        {v.working_time for v in vacancies if v.working_time is not None},
    )
    if len(types) > 62 or len(times) > 62:
        raise MatchInputError("vacancies: more than 62 distinct employment types or working times")
    rows_skills: list[list[int]] = []
    rows_essential: list[list[bool]] = []
    pay: list[float] = []
    for v in vacancies:
        validate_vacancy(v)
        essential = list(dict.fromkeys(v.essential_skill_ids))
        optional = [s for s in dict.fromkeys(v.optional_skill_ids) if s not in set(essential)]
        rows_skills.append([skill_index[s] for s in (*essential, *optional)])
        rows_essential.append([True] * len(essential) + [False] * len(optional))
        low, high = _usable_pay(v.pay_min), _usable_pay(v.pay_max)
        pay.append(math.nan if math.isnan(low) and math.isnan(high) else float(np.nanmax([low, high])))
    indptr, indices = _csr(rows_skills, np.int32)
    _, essential_flags = _csr(rows_essential, np.bool_)
    field_index = {f: i for i, f in enumerate(fields)}
    return VacancyTable(
        ids=_ids_array([v.id for v in vacancies]),
        is_open=np.array([v.is_open for v in vacancies], dtype=np.bool_),
        occupation=np.array(
            [occupation_index.get(v.occupation_code, -1) if v.occupation_code else -1 for v in vacancies],
            dtype=np.int32,
        ),
        region=np.array(
            [region_key(v.region_code, f"vacancy {v.id}", "region_code") for v in vacancies], dtype=np.int64
        ),
        remote=np.array([v.remote for v in vacancies], dtype=np.bool_),
        min_education_rank=np.array(
            [
                -1 if (r := _rank(v.min_education, f"vacancy {v.id}", "min_education")) is None else r
                for v in vacancies
            ],
            dtype=np.int32,
        ),
        education_field=np.array(
            [
                field_index[v.education_field.strip().casefold()] if v.education_field else -1
                for v in vacancies
            ],
            dtype=np.int32,
        ),
        min_experience_years=np.array([v.min_experience_years for v in vacancies], dtype=np.float64),
        offered_pay=np.array(pay, dtype=np.float64),
        employment_type=np.array(
            [types.index(v.employment_type) if v.employment_type is not None else -1 for v in vacancies],
            dtype=np.int32,
        ),
        working_time=np.array(
            [times.index(v.working_time) if v.working_time is not None else -1 for v in vacancies],
            dtype=np.int32,
        ),
        openings=np.array([v.openings for v in vacancies], dtype=np.int32),
        skill_indptr=indptr,
        skill_indices=indices.astype(np.int32),
        skill_essential=essential_flags.astype(np.bool_),
        occupation_codes=tuple(occupations),
        skill_ids=tuple(skill_ids),
        field_names=tuple(fields),
        employment_types=tuple(types),
        working_times=tuple(times),
    )


def encode_seekers(seekers: Sequence[SeekerProfile], vacancies: VacancyTable) -> SeekerTable:
    """Seeker profiles → a :class:`SeekerTable` in the vocabulary of ``vacancies``."""
    unique_ids([s.id for s in seekers], "seeker")
    skill_index = {s: i for i, s in enumerate(vacancies.skill_ids)}
    field_index = {f: i for i, f in enumerate(vacancies.field_names)}
    type_index = {t: i for i, t in enumerate(vacancies.employment_types)}
    time_index = {t: i for i, t in enumerate(vacancies.working_times)}
    codes = sorted({c for s in seekers for c in s.occupation_codes()})
    code_index = {c: i for i, c in enumerate(codes)}
    skills: list[list[int]] = []
    occupations: list[list[int]] = []
    preferred: list[list[int]] = []
    for s in seekers:
        validate_seeker(s)
        skills.append(sorted({skill_index[k] for k in s.skill_ids if k in skill_index}))
        occupations.append([code_index[c] for c in s.occupation_codes()])
        preferred.append(
            sorted({region_key(r, f"seeker {s.id}", "preferred_regions") for r in s.preferred_regions})
        )

    def mask(values: tuple[str, ...], index: dict[str, int]) -> int:
        bits = 0
        for value in values:
            if value in index:
                bits |= 1 << index[value]
        return bits

    skill_indptr, skill_indices = _csr(skills, np.int32)
    occupation_indptr, occupation_indices = _csr(occupations, np.int32)
    region_indptr, regions = _csr(preferred, np.int64)
    return SeekerTable(
        ids=_ids_array([s.id for s in seekers]),
        is_active=np.array([s.is_active for s in seekers], dtype=np.bool_),
        skill_indptr=skill_indptr,
        skill_indices=skill_indices.astype(np.int32),
        has_skills=np.array([bool(s.skill_ids) for s in seekers], dtype=np.bool_),
        occupation_indptr=occupation_indptr,
        occupation_indices=occupation_indices.astype(np.int32),
        occupation_codes=tuple(codes),
        region=np.array(
            [region_key(s.region_code, f"seeker {s.id}", "region_code") for s in seekers], dtype=np.int64
        ),
        preferred_region_indptr=region_indptr,
        preferred_region=regions.astype(np.int64),
        willing_to_relocate=np.array([s.willing_to_relocate for s in seekers], dtype=np.bool_),
        accepts_remote=np.array([s.accepts_remote for s in seekers], dtype=np.bool_),
        education_rank=np.array(
            [
                -1 if (r := _rank(s.education_level, f"seeker {s.id}", "education_level")) is None else r
                for s in seekers
            ],
            dtype=np.int32,
        ),
        education_field=np.array(
            [
                -1 if not s.education_field else field_index.get(s.education_field.strip().casefold(), -2)
                for s in seekers
            ],
            dtype=np.int32,
        ),
        experience_years=np.array([s.experience_years for s in seekers], dtype=np.float64),
        expected_pay=np.array([_usable_pay(s.expected_pay) for s in seekers], dtype=np.float64),
        employment_any=np.array([not s.preferred_employment_types for s in seekers], dtype=np.bool_),
        employment_mask=np.array(
            [mask(s.preferred_employment_types, type_index) for s in seekers], dtype=np.int64
        ),
        working_time_any=np.array([not s.preferred_working_times for s in seekers], dtype=np.bool_),
        working_time_mask=np.array(
            [mask(s.preferred_working_times, time_index) for s in seekers], dtype=np.int64
        ),
    )
