"""The match score for many pairs at once, with NumPy/SciPy: the same formula as :mod:`.score`, term by
term and summed in the same order, so the two agree to rounding (a test holds them to 1e-9).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from pasarkerja.match.records import COMPONENTS, SkillRelatedness
from pasarkerja.match.score import education_level_score, occupation_pair_score
from pasarkerja.match.settings import MatchSettings
from pasarkerja.match.tables import F64, I64, SeekerTable, VacancyTable, _ranges, province_keys


@dataclass(frozen=True, eq=False)
class ScoringModel:
    """Settings and relatedness compiled against one vacancy table's vocabulary."""

    settings: MatchSettings
    relatedness: SkillRelatedness
    vacancies: VacancyTable

    @cached_property
    def weights(self) -> tuple[float, ...]:
        w = self.settings.weights()
        return tuple(w[name] for name in COMPONENTS)

    @cached_property
    def skill_group(self) -> NDArray[np.int32]:
        """Skill → group index (-1 none)."""
        groups = sorted(
            {
                self.relatedness.skill_group[s]
                for s in self.vacancies.skill_ids
                if s in self.relatedness.skill_group
            }
        )
        index = {g: i for i, g in enumerate(groups)}
        return np.array(
            [index.get(self.relatedness.skill_group.get(s, ""), -1) for s in self.vacancies.skill_ids],
            dtype=np.int32,
        )

    @cached_property
    def n_groups(self) -> int:
        return int(self.skill_group.max()) + 1 if self.skill_group.size else 0

    @cached_property
    def related_credit(self) -> sp.csr_matrix:
        """Held skill → vacancy skill partial credit from ESCO relations and embedding similarity."""
        s = self.settings
        index = {k: i for i, k in enumerate(self.vacancies.skill_ids)}
        credit: dict[tuple[int, int], float] = {}

        def put(a: str, b: str, value: float) -> None:
            if a == b or a not in index or b not in index or value <= 0:
                return
            for key in ((index[a], index[b]), (index[b], index[a])):
                credit[key] = max(credit.get(key, 0.0), value)

        for a, others in self.relatedness.neighbours.items():
            for b in others:
                put(a, b, s.related_neighbour_credit)
        for a, row in self.relatedness.similarity.items():
            for b, similarity in row.items():
                if np.isfinite(similarity) and similarity >= s.similarity_threshold and similarity > 0:
                    put(a, b, s.similarity_credit * min(float(similarity), 1.0))
        n = len(self.vacancies.skill_ids)
        if not credit:
            return sp.csr_matrix((n, n), dtype=np.float64)
        keys = np.array(list(credit), dtype=np.int64)
        return sp.csr_matrix((np.array(list(credit.values())), (keys[:, 0], keys[:, 1])), shape=(n, n))

    @cached_property
    def education_levels(self) -> F64:
        """Level score by (seeker rank + 1, minimum rank + 1); row/column 0 stand for "unknown"/"none".

        The same rules as ``score.education_level_score``, tabulated once so a grid needs one look-up.
        """
        from pasarkerja.taxonomy.education import education_levels

        size = max(level.rank for level in education_levels().values()) + 2
        table = np.zeros((size, size), dtype=np.float64)
        for seeker in range(-1, size - 1):
            for minimum in range(-1, size - 1):
                table[seeker + 1, minimum + 1] = education_level_score(
                    None if seeker < 0 else seeker, None if minimum < 0 else minimum, self.settings
                )
        return table

    @cached_property
    def entry_weight(self) -> F64:
        return self.vacancies.skill_weights(self.settings.essential_share)

    def occupation_rows(self, seeker_codes: tuple[str, ...]) -> F64:
        """Pair score of each seeker occupation code (rows) against each vacancy occupation (columns)."""
        cache: dict[tuple[str, ...], F64] = self.__dict__.setdefault("_occupation_rows", {})
        if seeker_codes not in cache:
            cache[seeker_codes] = np.array(
                [
                    [
                        occupation_pair_score(a, b, self.settings, self.relatedness)
                        for b in self.vacancies.occupation_codes
                    ]
                    for a in seeker_codes
                ],
                dtype=np.float64,
            ).reshape(len(seeker_codes), len(self.vacancies.occupation_codes))
        return cache[seeker_codes]


@dataclass(frozen=True, eq=False)
class SeekerChunk:
    """Per-seeker arrays a chunk needs: dense skill credit and occupation scores against the vacancy
    vocabulary, and the seeker columns."""

    table: SeekerTable
    credit: F64  # seekers × skills
    direct: sp.csr_matrix  # credit above the group credit (held skills, relations), for the index's bounds
    groups: F64  # seekers × skill groups, 1 where the seeker holds a skill of the group
    group_list: sp.csr_matrix  # the same as a sparse matrix (rows list the seeker's groups)
    occupation: F64  # seekers × vacancy occupations
    province: I64


def prepare_seekers(table: SeekerTable, model: ScoringModel) -> SeekerChunk:
    n, n_skills = len(table), len(model.vacancies.skill_ids)
    row = np.repeat(np.arange(n), np.diff(table.skill_indptr))
    held = table.skill_indices.astype(np.int64)
    groups = np.zeros((n, max(model.n_groups, 1)), dtype=np.float64)
    group_of = model.skill_group[held]
    known = group_of >= 0
    groups[row[known], group_of[known]] = 1.0
    # Direct credit is sparse: 1.0 for held skills, partial credit for skills related to a held one; the
    # largest per (seeker, skill). Only the dense credit matrix the scorer reads is n × skills.
    related = model.related_credit
    rows, columns, values = [row], [held], [np.ones(held.size)]
    if related.nnz and held.size:
        starts, ends = related.indptr[held], related.indptr[held + 1]
        entries = _ranges(starts.astype(np.int64), ends.astype(np.int64))
        rows.append(np.repeat(row, ends - starts))
        columns.append(related.indices[entries].astype(np.int64))
        values.append(related.data[entries])
    r, c, value = np.concatenate(rows), np.concatenate(columns), np.concatenate(values)
    key = r * n_skills + c
    order = np.lexsort((-value, key))
    first = np.ones(order.size, dtype=np.bool_)
    first[1:] = key[order][1:] != key[order][:-1]
    pick = order[first]
    r, c, value = r[pick], c[pick], value[pick]
    group_credit = model.settings.related_group_credit
    if model.n_groups and group_credit > 0:
        # credit = max(group credit, direct) = group credit + max(direct − group credit, 0): the index bounds
        # the two parts apart.
        column_group = np.where(model.skill_group >= 0, model.skill_group, groups.shape[1])
        # np.take keeps the rows contiguous (fancy indexing of columns would give a Fortran-order array)
        credit = np.take(np.hstack([groups, np.zeros((n, 1))]), column_group, axis=1)
        credit *= group_credit
        above = np.maximum(value - credit[r, c], 0.0)
        credit[r, c] = np.maximum(credit[r, c], value)
    else:
        credit = np.zeros((n, n_skills), dtype=np.float64)
        credit[r, c] = value
        above = value
    keep = above > 0
    bound_direct = sp.csr_matrix((above[keep], (r[keep], c[keep])), shape=(n, n_skills))
    occ_rows = model.occupation_rows(table.occupation_codes)
    n_occupations = len(model.vacancies.occupation_codes)
    # One spare column, so "no occupation" (-1, masked later) can be gathered even with no codes at all.
    occupation = np.zeros((n, n_occupations + 1), dtype=np.float64)
    counts = np.diff(table.occupation_indptr)
    if counts.size and n_occupations:
        # layer by layer (each seeker's first code, then its second, …): a plain maximum per layer is many
        # times faster than np.maximum.at over all codes, and most seekers have one or two codes
        for layer in range(int(counts.max())):
            holders = np.flatnonzero(counts > layer)
            codes = table.occupation_indices[table.occupation_indptr[holders] + layer]
            occupation[holders, :n_occupations] = np.maximum(
                occupation[holders, :n_occupations], occ_rows[codes]
            )
    return SeekerChunk(
        table=table,
        credit=credit,
        direct=bound_direct,
        groups=groups,
        group_list=sp.csr_matrix(groups),
        occupation=occupation,
        province=province_keys(table.region),
    )


def _preferred(chunk: SeekerChunk, s: I64, region: I64) -> NDArray[np.bool_]:
    """Is ``region[i]`` among the preferred regions of seeker ``s[i]``."""
    t = chunk.table
    if t.preferred_region.size == 0:
        return np.zeros(s.shape, dtype=np.bool_)
    owner = np.repeat(np.arange(len(t), dtype=np.int64), np.diff(t.preferred_region_indptr))
    keys = np.sort(owner * (1 << 40) + t.preferred_region)
    wanted = s * (1 << 40) + region
    at = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
    return (keys[at] == wanted) & (region >= 0)


def score_pairs(chunk: SeekerChunk, model: ScoringModel, s: I64, v: I64) -> F64:
    """Scores of pairs (seeker ``s[i]`` of the chunk, vacancy ``v[i]`` of the model's table)."""
    vt = model.vacancies
    n = s.size
    # skills: Σ weight × credit over the vacancy's skill entries, added in entry order (as score.py does)
    starts, ends = vt.skill_indptr[v], vt.skill_indptr[v + 1]
    entries = _ranges(starts, ends)
    pair = np.repeat(np.arange(n), ends - starts)
    skills: F64 = np.bincount(
        pair,
        weights=model.entry_weight[entries] * chunk.credit[s[pair], vt.skill_indices[entries]],
        minlength=n,
    ).astype(np.float64, copy=False)
    return _combine(chunk, model, s, v, skills, ends > starts)


def _combine(
    chunk: SeekerChunk,
    model: ScoringModel,
    s: I64,
    v: I64,
    skills: F64,
    vacancy_has_skills: NDArray[np.bool_],
) -> F64:
    """The other components and the weighted mean, for index arrays ``s`` and ``v`` that broadcast
    together (pairs: equal 1-D shapes; a grid: a column and a row)."""
    st, vt, cfg = chunk.table, model.vacancies, model.settings
    w = model.weights
    skills_used = vacancy_has_skills & st.has_skills[s]
    skills = np.where(skills_used, skills, 0.0)
    # occupation
    occ = vt.occupation[v]
    occupation = np.where(occ >= 0, chunk.occupation[s, np.maximum(occ, 0)], 0.0)
    # education
    level = model.education_levels[st.education_rank[s] + 1, vt.min_education_rank[v] + 1]
    field = vt.education_field[v]
    share = cfg.education_field_share
    # Short cuts below skip work whose result is known (no vacancy names a field, no remote work, no
    # employment preference): they return the very values the full expression would.
    if (field < 0).all():
        education = level
    else:
        education = np.where(
            field < 0,
            level,
            (1.0 - share) * level + share * (st.education_field[s] == field).astype(np.float64),
        )
    # experience
    need = vt.min_experience_years[v]
    with np.errstate(divide="ignore", invalid="ignore"):
        experience = np.where(
            need <= 0.0, 1.0, np.minimum(1.0, np.maximum(st.experience_years[s], 0.0) / need)
        )
    # location
    region, home = vt.region[v], st.region[s]
    same = (region >= 0) & (region == home)
    preferred = _preferred(chunk, s, region)
    province = (region >= 0) & (province_keys(region) == chunk.province[s])
    far = np.where(st.willing_to_relocate[s], cfg.location_relocate, cfg.location_far)
    location = np.where(
        same,
        cfg.location_same_regency,
        np.where(
            preferred, cfg.location_preferred_region, np.where(province, cfg.location_same_province, far)
        ),
    )
    remote_possible = vt.remote[v] & st.accepts_remote[s]
    if remote_possible.any():
        location = np.where(remote_possible & (cfg.location_remote > location), cfg.location_remote, location)
    # pay
    expected, offered = st.expected_pay[s], vt.offered_pay[v]
    pay_used = ~np.isnan(expected) & ~np.isnan(offered)
    with np.errstate(divide="ignore", invalid="ignore"):
        pay = np.where(
            offered >= expected,
            1.0,
            np.maximum(0.0, 1.0 - (expected - offered) / (expected * cfg.pay_shortfall_tolerance)),
        )
    pay = np.where(pay_used, pay, 0.0)
    # employment type and working time
    ws = cfg.working_time_share
    employment = (1.0 - ws) * _fits(
        st.employment_any[s], st.employment_mask[s], vt.employment_type[v]
    ) + ws * (_fits(st.working_time_any[s], st.working_time_mask[s], vt.working_time[v]))
    # weighted mean of the applicable components, summed in COMPONENTS order like score.combine
    values = (skills, occupation, education, experience, location, pay, employment)
    used = (skills_used, None, None, None, None, pay_used, None)
    shape = np.broadcast_shapes(np.shape(s), np.shape(v))
    numerator = np.zeros(shape)
    denominator = np.zeros(shape)
    for weight, value, flag in zip(w, values, used, strict=True):
        numerator = numerator + weight * value
        denominator = denominator + (weight if flag is None else np.where(flag, weight, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        result: F64 = np.where(denominator > 0, numerator / denominator, 0.0)
    return result


def _fits(any_value: NDArray[np.bool_], mask: I64, offered: NDArray[np.int32]) -> F64:
    """1.0 where a preference fits (none stated, none offered, or the offer among the wanted), else 0.0."""
    unconstrained = any_value | (offered < 0)
    if unconstrained.all():
        return np.ones(np.broadcast_shapes(any_value.shape, offered.shape))
    return (unconstrained | ((mask >> np.maximum(offered, 0)) & 1 == 1)).astype(np.float64)
