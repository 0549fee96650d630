"""Regional training needs for BLK planners: skills in demand against skills on offer, per province and
regency, and which catalogue programmes to open or expand.

The model (docs/GAP.md):

* **demand**(r, s) = Σ over open vacancies in r listing skill s of openings × (1 if essential else
  ``optional_weight``);
* **supply**(r, s) = active seekers in r holding s;
* **unmet**(r, s) = max(demand − supply, 0); **closable**(r, s) = unmet when some programme that teaches s is
  reachable from r (held in r's province, or online), else 0;
* for a programme P and a region r: **unmet_closed** = Σ over P's skills of unmet(r, s) (skill-openings),
  **bottleneck** = max over P's skills of unmet(r, s) (distinct openings short of one of P's skills: a lower
  bound on the openings its graduates could fill), and
  **expected_placements** = ``placement_rate`` × min(capacity, bottleneck). A class of the programme in r
  is a candidate: **expand** when the same programme (title and skills) already runs there or is online,
  **open** otherwise. Current trainees are not subtracted from unmet demand (the catalogue says nothing about
  enrolment).

Everything is aggregated with sparse matrix products: seekers (N × skills, CSR as given) and vacancies
(V × skills) are summed into regencies by a (regencies × N) indicator matrix, and regencies into provinces by
a (provinces × regencies) one; the rest works on dense regions × skills arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from pasarkerja.gap.records import GapInputError, Programme
from pasarkerja.gap.table import Table

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]


@dataclass(frozen=True)
class SeekerColumns:
    """Seekers as columns: ``region`` indexes the region codes (-1 unknown); skills as CSR rows over the
    skill ids; ``active`` (default all active)."""

    region: NDArray[np.integer]
    skill_indptr: NDArray[np.integer]
    skill_indices: NDArray[np.integer]
    active: NDArray[np.bool_] | None = None


@dataclass(frozen=True)
class VacancyColumns:
    """Vacancies as columns; ``is_open`` defaults to all open, ``skill_essential`` (one flag per skill entry)
    to all essential."""

    region: NDArray[np.integer]
    openings: NDArray[np.integer]
    skill_indptr: NDArray[np.integer]
    skill_indices: NDArray[np.integer]
    is_open: NDArray[np.bool_] | None = None
    skill_essential: NDArray[np.bool_] | None = None


@dataclass(frozen=True)
class RegionalNeeds:
    """``skills``: one row per (level, region, skill) with demand > 0 — columns level, region_code, skill_id,
    demand, supply, unmet, closable — by region then unmet, largest first. ``programmes``: per region the top
    programmes to open or expand — level, region_code, rank, programme_id, title, action, capacity,
    unmet_closed, bottleneck, expected_placements. Matrices (regions × skills) stay available for charts."""

    skills: Table
    programmes: Table
    regency_codes: tuple[str, ...]
    province_codes: tuple[str, ...]
    skill_ids: tuple[str, ...]
    demand_regency: F64
    supply_regency: F64
    demand_province: F64
    supply_province: F64
    seekers_counted: int
    vacancies_counted: int
    warnings: tuple[str, ...] = ()

    def sheets(self) -> dict[str, Table]:
        """For :func:`pasarkerja.gap.write_excel`."""
        return {"skill_needs": self.skills, "programmes": self.programmes}


def _csr(
    indptr: NDArray[np.integer], indices: NDArray[np.integer], data: F64, n_skills: int, what: str
) -> sp.csr_matrix:
    indptr = np.asarray(indptr, dtype=np.int64)
    indices = np.asarray(indices, dtype=np.int64)
    if indptr.ndim != 1 or indptr.size == 0 or indptr[0] != 0 or indptr[-1] != indices.size:
        raise GapInputError(f"{what}: skill_indptr must start at 0 and end at len(skill_indices)")
    if indices.size and (indices.min() < 0 or indices.max() >= n_skills):
        raise GapInputError(f"{what}: skill_indices must index the {n_skills} skill ids")
    return sp.csr_matrix((data, indices, indptr), shape=(indptr.size - 1, n_skills))


def _by_region(
    region: NDArray[np.integer], keep: NDArray[np.bool_], n_regions: int, what: str
) -> sp.csr_matrix:
    """(regions × rows) indicator matrix of the kept rows with a known region."""
    region = np.asarray(region, dtype=np.int64)
    if region.size and region.max() >= n_regions:
        raise GapInputError(f"{what}: region indexes beyond the {n_regions} region codes")
    rows = np.flatnonzero(keep & (region >= 0))
    return sp.csr_matrix((np.ones(rows.size), (region[rows], rows)), shape=(n_regions, region.size))


def _provinces(regency_codes: Sequence[str]) -> tuple[tuple[str, ...], sp.csr_matrix]:
    provinces = tuple(sorted({c[:2] for c in regency_codes}))
    index = {p: i for i, p in enumerate(provinces)}
    rows = np.array([index[c[:2]] for c in regency_codes], dtype=np.int64)
    matrix = sp.csr_matrix(
        (np.ones(len(regency_codes)), (rows, np.arange(len(regency_codes)))),
        shape=(len(provinces), len(regency_codes)),
    )
    return provinces, matrix


def aggregate(
    seekers: SeekerColumns,
    vacancies: VacancyColumns,
    n_regions: int,
    n_skills: int,
    *,
    optional_weight: float = 0.5,
) -> tuple[F64, F64, int, int]:
    """(demand, supply) as dense regions × skills arrays, and the seekers/vacancies counted."""
    n_seekers = int(np.asarray(seekers.region).size)
    active = np.ones(n_seekers, np.bool_) if seekers.active is None else np.asarray(seekers.active, np.bool_)
    held = _csr(seekers.skill_indptr, seekers.skill_indices, np.ones(len(seekers.skill_indices)), n_skills,
                "seekers")  # fmt: skip
    if held.shape[0] != n_seekers or active.size != n_seekers:
        raise GapInputError("seekers: region, active and skill rows differ in length")
    seeker_regions = _by_region(seekers.region, active, n_regions, "seekers")
    # A skill listed twice for one seeker still counts one seeker.
    held.sum_duplicates()
    held.data[:] = 1.0
    supply = (seeker_regions @ held).toarray()

    n_vacancies = int(np.asarray(vacancies.region).size)
    openings = np.asarray(vacancies.openings, dtype=np.float64)
    if openings.size != n_vacancies:
        raise GapInputError("vacancies: region and openings differ in length")
    if openings.size and (not np.all(np.isfinite(openings)) or openings.min() < 0):
        raise GapInputError("vacancies: openings must be finite and ≥ 0")
    is_open = (np.ones(n_vacancies, np.bool_) if vacancies.is_open is None
               else np.asarray(vacancies.is_open, np.bool_))  # fmt: skip
    entries = len(vacancies.skill_indices)
    essential = (np.ones(entries, np.bool_) if vacancies.skill_essential is None
                 else np.asarray(vacancies.skill_essential, np.bool_))  # fmt: skip
    if essential.size != entries:
        raise GapInputError("vacancies: skill_essential must have one flag per skill entry")
    indptr: I64 = np.asarray(vacancies.skill_indptr, dtype=np.int64)
    counts: I64 = indptr[1:] - indptr[:-1]
    weight = np.where(essential, 1.0, optional_weight) * np.repeat(openings, counts)
    wanted = _csr(vacancies.skill_indptr, vacancies.skill_indices, weight, n_skills, "vacancies")
    vacancy_regions = _by_region(vacancies.region, is_open, n_regions, "vacancies")
    demand = (vacancy_regions @ wanted).toarray()
    return demand, supply, int(seeker_regions.nnz), int(vacancy_regions.nnz)


@dataclass(frozen=True)
class _Templates:
    """Catalogue programmes grouped by (title, skills): one candidate class per group."""

    ids: tuple[str, ...]  # representative programme id
    titles: tuple[str, ...]
    capacity: F64
    skills: sp.csr_matrix  # templates × skills (1 where taught)
    online: NDArray[np.bool_]
    runs_in_province: sp.csr_matrix  # templates × provinces (1 where a member is held there)


def _templates(
    programmes: Sequence[Programme],
    skill_index: dict[str, int],
    province_index: dict[str, int],
    default_capacity: int,
) -> _Templates:
    groups: dict[tuple[str, tuple[int, ...]], list[Programme]] = {}
    for p in programmes:
        if not p.is_active:
            continue
        skills = tuple(sorted({skill_index[s] for s in p.skill_ids if s in skill_index}))
        if not skills:
            continue
        groups.setdefault((p.title.strip().casefold(), skills), []).append(p)
    keys = sorted(groups, key=lambda k: min(p.id for p in groups[k]))
    ids, titles, capacity, online = [], [], [], []
    skill_rows: list[int] = []
    skill_cols: list[int] = []
    run_rows: list[int] = []
    run_cols: list[int] = []
    for t, key in enumerate(keys):
        members = sorted(groups[key], key=lambda p: p.id)
        ids.append(members[0].id)
        titles.append(members[0].title)
        capacities = [p.capacity for p in members if p.capacity is not None]
        capacity.append(max(capacities, default=default_capacity))
        online.append(any(p.modality == "online" for p in members))
        skill_rows += [t] * len(key[1])
        skill_cols += list(key[1])
        for p in members:
            if p.modality != "online" and p.region_code and p.region_code[:2] in province_index:
                run_rows.append(t)
                run_cols.append(province_index[p.region_code[:2]])
    n = len(keys)
    skills = sp.csr_matrix((np.ones(len(skill_rows)), (skill_rows, skill_cols)), shape=(n, len(skill_index)))
    runs = sp.csr_matrix((np.ones(len(run_rows)), (run_rows, run_cols)), shape=(n, len(province_index)))
    runs.data[:] = 1.0
    return _Templates(tuple(ids), tuple(titles), np.array(capacity, dtype=np.float64), skills,
                      np.array(online, dtype=np.bool_), runs)  # fmt: skip


def _skill_table(
    level: str, codes: Sequence[str], skill_ids: Sequence[str], demand: F64, supply: F64, reachable: F64
) -> dict[str, NDArray[np.object_]]:
    rows, cols = np.nonzero(demand > 0)
    unmet = np.maximum(demand[rows, cols] - supply[rows, cols], 0.0)
    order = np.lexsort((cols, -unmet, rows))
    rows, cols, unmet = rows[order], cols[order], unmet[order]
    return {
        "level": np.full(rows.size, level, dtype=object),
        "region_code": np.asarray(codes, dtype=object)[rows] if rows.size else np.array([], dtype=object),
        "skill_id": np.asarray(skill_ids, dtype=object)[cols] if cols.size else np.array([], dtype=object),
        "demand": demand[rows, cols],
        "supply": supply[rows, cols].astype(np.int64),
        "unmet": unmet,
        "closable": np.where(reachable[rows, cols] > 0, unmet, 0.0),
    }


def _bottleneck(unmet: F64, skills: sp.csr_matrix) -> F64:
    """regions × templates: the largest unmet demand among each template's skills."""
    n_regions, n_templates = unmet.shape[0], skills.shape[0]
    out = np.zeros((n_regions, n_templates))
    if skills.nnz == 0:
        return out
    gathered = unmet[:, skills.indices]  # regions × entries
    starts = skills.indptr[:-1]
    nonempty = np.flatnonzero(np.diff(skills.indptr) > 0)
    out[:, nonempty] = np.maximum.reduceat(gathered, starts[nonempty], axis=1)
    return out


def _programme_table(
    level: str,
    codes: Sequence[str],
    province_of: NDArray[np.int64],
    unmet: F64,
    templates: _Templates,
    *,
    placement_rate: float,
    top: int,
) -> dict[str, NDArray[np.object_]]:
    n_templates = templates.skills.shape[0]
    empty: dict[str, NDArray[np.object_]] = {c: np.array([], dtype=object) for c in _PROGRAMME_COLUMNS}
    if n_templates == 0 or unmet.shape[0] == 0:
        return empty
    closed = np.asarray(templates.skills @ unmet.T).T  # regions × templates
    bottleneck = _bottleneck(unmet, templates.skills)
    placements = placement_rate * np.minimum(templates.capacity[None, :], bottleneck)
    runs = templates.runs_in_province.toarray()[:, province_of].T > 0  # regions × templates
    expand = runs | templates.online[None, :]
    k = min(top, n_templates)
    # Rank by expected placements, then unmet closed, then template order (deterministic).
    tiebreak = np.broadcast_to(np.arange(n_templates), placements.shape)
    order = np.lexsort((tiebreak, -closed, -placements), axis=1)
    best = order[:, :k]
    region_rows = np.repeat(np.arange(unmet.shape[0]), k)
    picked = best.ravel()
    keep = placements[region_rows, picked] > 0
    region_rows, picked = region_rows[keep], picked[keep]
    rank = (np.tile(np.arange(1, k + 1), unmet.shape[0]))[keep]
    return {
        "level": np.full(picked.size, level, dtype=object),
        "region_code": np.asarray(codes, dtype=object)[region_rows],
        "rank": rank.astype(np.int64),
        "programme_id": np.asarray(templates.ids, dtype=object)[picked],
        "title": np.asarray(templates.titles, dtype=object)[picked],
        "action": np.where(expand[region_rows, picked], "expand", "open").astype(object),
        "capacity": templates.capacity[picked].astype(np.int64),
        "unmet_closed": closed[region_rows, picked],
        "bottleneck": bottleneck[region_rows, picked],
        "expected_placements": placements[region_rows, picked],
    }


_SKILL_COLUMNS = ("level", "region_code", "skill_id", "demand", "supply", "unmet", "closable")
_PROGRAMME_COLUMNS = ("level", "region_code", "rank", "programme_id", "title", "action", "capacity",
                      "unmet_closed", "bottleneck", "expected_placements")  # fmt: skip


def _concat(parts: Sequence[dict[str, NDArray[np.object_]]], columns: Sequence[str]) -> Table:
    return Table(tuple(columns), {c: np.concatenate([p[c] for p in parts]) for c in columns})


def regional_needs(
    seekers: SeekerColumns,
    vacancies: VacancyColumns,
    region_codes: Sequence[str],
    skill_ids: Sequence[str],
    programmes: Sequence[Programme] = (),
    *,
    optional_weight: float = 0.5,
    placement_rate: float = 0.6,
    default_capacity: int = 16,
    top_programmes: int = 20,
    programme_levels: Sequence[str] = ("province",),
) -> RegionalNeeds:
    """Skill needs per province and regency and the programmes to open or expand (see the module doc).

    ``region_codes`` are the Kemendagri regency codes the ``region`` columns index (province = first two
    digits); ``programme_levels`` chooses where programmes are ranked (``province``, ``regency`` or both).
    """
    if not 0.0 <= optional_weight <= 1.0:
        raise GapInputError(f"optional_weight must be in [0, 1], got {optional_weight!r}")
    if not 0.0 < placement_rate <= 1.0:
        raise GapInputError(f"placement_rate must be in (0, 1], got {placement_rate!r}")
    if top_programmes < 1 or default_capacity < 1:
        raise GapInputError("top_programmes and default_capacity must be ≥ 1")
    bad_levels = [lv for lv in programme_levels if lv not in ("province", "regency")]
    if bad_levels:
        raise GapInputError(f"programme_levels must be 'province' and/or 'regency', got {bad_levels}")
    codes = tuple(str(c) for c in region_codes)
    short = [c for c in codes if len(c) < 4]
    if short:
        raise GapInputError(f"region_codes must be 4-digit regency codes, got {short[:5]}")
    skills = tuple(skill_ids)
    warnings: list[str] = []
    demand_r, supply_r, n_seekers, n_vacancies = aggregate(
        seekers, vacancies, len(codes), len(skills), optional_weight=optional_weight
    )
    provinces, to_province = _provinces(codes)
    demand_p = np.asarray(to_province @ demand_r)
    supply_p = np.asarray(to_province @ supply_r)
    province_index = {p: i for i, p in enumerate(provinces)}
    province_of = np.array([province_index[c[:2]] for c in codes], dtype=np.int64)

    skill_index = {s: i for i, s in enumerate(skills)}
    unknown = sorted({s for p in programmes for s in p.skill_ids if s not in skill_index})
    if unknown:
        warnings.append(f"{len(unknown)} programme skill id(s) are not in the skill list and were ignored")
    templates = _templates(programmes, skill_index, province_index, default_capacity)
    # Which skills each province can be taught: a programme held there, or online.
    reach_p = np.asarray((templates.runs_in_province.T @ templates.skills).todense()) if templates.ids else \
        np.zeros((len(provinces), len(skills)))  # fmt: skip
    if templates.ids and templates.online.any():
        reach_p = reach_p + np.asarray(templates.skills[np.flatnonzero(templates.online)].sum(axis=0))
    unmet_p = np.maximum(demand_p - supply_p, 0.0)
    unmet_r = np.maximum(demand_r - supply_r, 0.0)
    skill_parts = [
        _skill_table("province", provinces, skills, demand_p, supply_p, reach_p),
        _skill_table("regency", codes, skills, demand_r, supply_r, reach_p[province_of]),
    ]
    programme_parts = []
    for level in dict.fromkeys(programme_levels):
        if level == "province":
            programme_parts.append(_programme_table(
                "province", provinces, np.arange(len(provinces)), unmet_p, templates,
                placement_rate=placement_rate, top=top_programmes,
            ))  # fmt: skip
        else:
            programme_parts.append(_programme_table(
                "regency", codes, province_of, unmet_r, templates, placement_rate=placement_rate,
                top=top_programmes,
            ))  # fmt: skip
    if not programmes:
        warnings.append("no programmes given: only skill needs were computed")
    return RegionalNeeds(
        skills=_concat(skill_parts, _SKILL_COLUMNS),
        programmes=_concat(programme_parts, _PROGRAMME_COLUMNS)
        if programme_parts
        else Table(_PROGRAMME_COLUMNS, {c: np.array([], dtype=object) for c in _PROGRAMME_COLUMNS}),
        regency_codes=codes,
        province_codes=provinces,
        skill_ids=skills,
        demand_regency=demand_r,
        supply_regency=supply_r,
        demand_province=demand_p,
        supply_province=supply_p,
        seekers_counted=n_seekers,
        vacancies_counted=n_vacancies,
        warnings=tuple(warnings),
    )


def aggregate_plain(
    seekers: SeekerColumns, vacancies: VacancyColumns, *, optional_weight: float = 0.5
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], int]]:
    """The same demand and supply as :func:`aggregate`, counted row by row with dicts: the plain reference
    the tests and the benchmark hold the vectorised version to (keys are (region index, skill index))."""
    supply: dict[tuple[int, int], int] = {}
    indptr, indices = seekers.skill_indptr, seekers.skill_indices
    for i, region in enumerate(seekers.region.tolist()):
        if region < 0 or (seekers.active is not None and not seekers.active[i]):
            continue
        for skill in set(indices[indptr[i] : indptr[i + 1]].tolist()):
            supply[(region, skill)] = supply.get((region, skill), 0) + 1
    demand: dict[tuple[int, int], float] = {}
    v_indptr, v_indices = vacancies.skill_indptr, vacancies.skill_indices
    for j, region in enumerate(vacancies.region.tolist()):
        if region < 0 or (vacancies.is_open is not None and not vacancies.is_open[j]):
            continue
        for e in range(int(v_indptr[j]), int(v_indptr[j + 1])):
            essential = vacancies.skill_essential is None or bool(vacancies.skill_essential[e])
            key = (region, int(v_indices[e]))
            weight = 1.0 if essential else optional_weight
            demand[key] = demand.get(key, 0.0) + float(vacancies.openings[j]) * weight
    return demand, supply
