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
from pasarkerja.match.score import occupation_pair_score
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
    direct = np.zeros((n, n_skills), dtype=np.float64)
    related = model.related_credit
    if related.nnz and held.size:
        starts, ends = related.indptr[held], related.indptr[held + 1]
        entries = _ranges(starts.astype(np.int64), ends.astype(np.int64))
        owners = np.repeat(row, ends - starts)
        np.maximum.at(direct, (owners, related.indices[entries]), related.data[entries])
    direct[row, held] = 1.0
    credit = direct.copy()
    bound_direct = direct
    if model.n_groups and model.settings.related_group_credit > 0:
        has_group = model.skill_group >= 0
        group_credit = np.zeros((n, n_skills), dtype=np.float64)
        group_credit[:, has_group] = (
            groups[:, model.skill_group[has_group]] * model.settings.related_group_credit
        )
        np.maximum(credit, group_credit, out=credit)
        # credit = group credit + max(direct − group credit, 0): the index bounds the two parts apart.
        bound_direct = np.maximum(direct - group_credit, 0.0)
    occ_rows = model.occupation_rows(table.occupation_codes)
    n_occupations = len(model.vacancies.occupation_codes)
    # One spare column, so "no occupation" (-1, masked later) can be gathered even with no codes at all.
    occupation = np.zeros((n, n_occupations + 1), dtype=np.float64)
    owner = np.repeat(np.arange(n), np.diff(table.occupation_indptr))
    if owner.size and n_occupations:
        np.maximum.at(occupation[:, :n_occupations], owner, occ_rows[table.occupation_indices])
    return SeekerChunk(
        table=table,
        credit=credit,
        direct=sp.csr_matrix(bound_direct),
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
    st, vt, cfg = chunk.table, model.vacancies, model.settings
    w = model.weights
    n = s.size
    # skills: Σ weight × credit over the vacancy's skill entries
    starts, ends = vt.skill_indptr[v], vt.skill_indptr[v + 1]
    entries = _ranges(starts, ends)
    pair = np.repeat(np.arange(n), ends - starts)
    skills = np.bincount(
        pair,
        weights=model.entry_weight[entries] * chunk.credit[s[pair], vt.skill_indices[entries]],
        minlength=n,
    )
    skills_used = (ends > starts) & st.has_skills[s]
    skills = np.where(skills_used, skills, 0.0)
    # occupation
    occ = vt.occupation[v]
    occupation = np.where(occ >= 0, chunk.occupation[s, np.maximum(occ, 0)] if n else 0.0, 0.0)
    # education
    rank, minimum = st.education_rank[s], vt.min_education_rank[v]
    level = np.select(
        [minimum < 0, rank < 0, rank == minimum, rank > minimum, rank == minimum - 1],
        [1.0, cfg.education_unknown, 1.0, cfg.education_exceeds, cfg.education_one_below],
        default=0.0,
    )
    field = vt.education_field[v]
    share = cfg.education_field_share
    education = np.where(
        field < 0, level, (1.0 - share) * level + share * (st.education_field[s] == field).astype(np.float64)
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
    location = np.select(
        [same, preferred, province],
        [cfg.location_same_regency, cfg.location_preferred_region, cfg.location_same_province],
        default=np.where(st.willing_to_relocate[s], cfg.location_relocate, cfg.location_far),
    )
    remote = vt.remote[v] & st.accepts_remote[s] & (cfg.location_remote > location)
    location = np.where(remote, cfg.location_remote, location)
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
    kind, time = vt.employment_type[v], vt.working_time[v]
    kind_fits = st.employment_any[s] | (kind < 0) | ((st.employment_mask[s] >> np.maximum(kind, 0)) & 1 == 1)
    time_fits = (
        st.working_time_any[s] | (time < 0) | ((st.working_time_mask[s] >> np.maximum(time, 0)) & 1 == 1)
    )
    ws = cfg.working_time_share
    employment = (1.0 - ws) * kind_fits.astype(np.float64) + ws * time_fits.astype(np.float64)
    # weighted mean of the applicable components, summed in COMPONENTS order like score.combine
    values = (skills, occupation, education, experience, location, pay, employment)
    used = (skills_used, None, None, None, None, pay_used, None)
    numerator = np.zeros(n)
    denominator = np.zeros(n)
    for weight, value, flag in zip(w, values, used, strict=True):
        numerator = numerator + weight * value
        denominator = denominator + (weight if flag is None else np.where(flag, weight, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator, 0.0)
