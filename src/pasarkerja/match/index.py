"""Exact top-k over a vacancy index: parts of the vacancies with upper bounds, so most are never scored.

Vacancies (after the hard filters) are sorted by (occupation, province, regency). For every occupation and
for every block (one occupation in one province) the index keeps what bounds the score from above for any
seeker: the largest weight each skill has in any vacancy (a sparse CSR matrix), the largest mass of each
skill group, which regencies and provinces occur, the lowest education and experience requirement, the
highest pay, and whether remote work, missing skills or missing pay occur.

A query for a chunk of seekers runs in rounds; each seeker keeps its k best so far (score descending, ties
by vacancy id) and θ, the k-th best score (-inf while fewer than k):
0. bounds for every seeker × occupation, over all its vacancies and over those outside the seeker's province;
1. every vacancy of each seeker's most promising occupation is scored;
2. occupations whose bound outside the province reaches θ: their blocks (any province) whose bound reaches θ;
3. occupations whose bound reaches θ only in the province: their blocks there whose bound reaches θ.
Within a scored part, a vacancy whose score could not reach θ even with full skill coverage is not scored.
A vacancy never scored lies in a part whose bound is below θ, so it cannot enter the top k: the result
equals exhaustive scoring, ties broken by vacancy id (the property test checks it).

Bounds and scores are computed by compiled loops (:mod:`.kernels`) whose cell arithmetic is the vectorised
scorer's (:func:`vector.score_pairs`), bit for bit (tests/test_match_kernels.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from pasarkerja.match.kernels import (
    BoundSeekers,
    GroupBounds,
    ScoreConstants,
    SeekerColumns,
    VacancyColumns,
    group_bounds,
    score_into_top,
)
from pasarkerja.match.records import SkillRelatedness
from pasarkerja.match.settings import MatchSettings
from pasarkerja.match.tables import F64, I64, SeekerTable, VacancyTable, _ranges, province_keys
from pasarkerja.match.vector import (
    ScoringModel,
    SeekerChunk,
    prepare_seekers,
    score_pairs,
)

# Bounds are compared with a little slack, so rounding in the bound never prunes a tying vacancy.
BOUND_SLACK = 1e-9
_FIRST_ROUND_OCCUPATIONS = 1
# Blocks of fewer vacancies are scored without bounding them first: a bound costs about as much as scoring
# a few vacancies (benchmarks/README.md).
_BOUND_MIN_BLOCK = 16
_PROVINCE_SPAN = 1 << 24  # province keys (e.g. 132) are far below this


@dataclass(eq=False)
class _Groups:
    """Upper-bound data of a partition of the indexed vacancies into contiguous groups."""

    start: I64
    end: I64
    occupation: I64
    province: I64
    skill_max: sp.csr_matrix  # groups × skills: largest entry weight
    group_mass: F64  # groups × skill groups: largest weight mass of the group in one vacancy
    region_keys: I64  # sorted group * 2**40 + region key
    min_rank: I64  # lowest education requirement rank; -1 when some vacancy has none
    any_field: NDArray[np.bool_]
    min_experience: F64
    max_pay: F64  # NaN when no vacancy states pay
    any_remote: NDArray[np.bool_]
    any_skills: NDArray[np.bool_]
    any_no_skills: NDArray[np.bool_]
    any_pay: NDArray[np.bool_]
    any_no_pay: NDArray[np.bool_]

    @property
    def size(self) -> int:
        return int(self.start.size)


@dataclass(eq=False)
class _TopLists:
    """Each seeker's best k so far (score descending, ties by vacancy id), filled by the scoring kernel."""

    score: F64  # seekers × k, NaN where not filled
    position: I64  # seekers × k, -1 where not filled
    count: I64

    @classmethod
    def empty(cls, n: int, k: int) -> _TopLists:
        return cls(np.full((n, k), np.nan), np.full((n, k), -1, dtype=np.int64), np.zeros(n, dtype=np.int64))

    def threshold(self) -> F64:
        """θ: the k-th best score so far, -inf while a list is not full."""
        return np.where(np.isnan(self.score[:, -1]), -np.inf, self.score[:, -1])

    def result(self) -> tuple[I64, F64]:
        return self.position, self.score


class VacancyIndex:
    """The open vacancies (by the settings' hard filters), ready for exact top-k queries.

    ``max_block_size`` caps a block (smaller blocks: tighter bounds, more of them); it changes no result,
    only the speed.
    """

    def __init__(
        self,
        vacancies: VacancyTable,
        settings: MatchSettings | None = None,
        relatedness: SkillRelatedness | None = None,
        *,
        max_block_size: int = 48,
    ) -> None:
        if max_block_size < 1:
            raise ValueError(f"max_block_size must be ≥ 1, got {max_block_size}")
        self.max_block_size = max_block_size
        self.settings = settings or MatchSettings()
        keep = (
            np.flatnonzero(vacancies.is_open)
            if self.settings.only_open_vacancies
            else np.arange(len(vacancies))
        )
        province = province_keys(vacancies.region)
        order = keep[np.lexsort((vacancies.region[keep], province[keep], vacancies.occupation[keep]))]
        self.rows: I64 = order.astype(np.int64)  # position in the original table of each indexed vacancy
        self.table = vacancies.take(self.rows)
        self.model = ScoringModel(self.settings, relatedness or SkillRelatedness(), self.table)
        ids = self.table.ids
        # Rank of each vacancy's id: ties in score go to the smaller id.
        self.id_rank: I64 = np.empty(len(ids), dtype=np.int64)
        self.id_rank[np.argsort(ids, kind="stable")] = np.arange(len(ids))
        self.blocks = self._groups(by_province=True)
        self.occupations = self._groups(by_province=False)
        # Occupation group → range of its blocks (blocks are sorted by occupation too).
        occ_of_block = self.blocks.occupation
        self._occ_first_block = np.searchsorted(occ_of_block, self.occupations.occupation, side="left")
        self._occ_end_block = np.searchsorted(occ_of_block, self.occupations.occupation, side="right")
        self._block_keys = self.blocks.occupation * _PROVINCE_SPAN + self.blocks.province  # sorted

    def __len__(self) -> int:
        return len(self.table)

    # ------------------------------------------------------------------------------------- building

    def _groups(self, *, by_province: bool) -> _Groups:
        t = self.table
        n = len(t)
        province = province_keys(t.region)
        occupation = t.occupation.astype(np.int64)
        if n:
            change = np.ones(n, dtype=np.bool_)
            change[1:] = occupation[1:] != occupation[:-1]
            if by_province:
                change[1:] |= province[1:] != province[:-1]
                # Cut long runs too: the fewer vacancies a block holds, the tighter its maxima.
                run_start = np.maximum.accumulate(np.where(change, np.arange(n), 0))
                change |= (np.arange(n) - run_start) % self.max_block_size == 0
            start = np.flatnonzero(change).astype(np.int64)
        else:
            start = np.zeros(0, dtype=np.int64)
        end = np.append(start[1:], n).astype(np.int64)
        g = start.size
        group_of = np.repeat(np.arange(g), end - start)
        entry_group = np.repeat(group_of, np.diff(t.skill_indptr))
        weight = self.model.entry_weight
        skill_max = sp.coo_matrix(
            (weight, (entry_group, t.skill_indices)), shape=(g, len(t.skill_ids))
        ).tocsr()  # duplicates summed: fix to max below
        if weight.size:
            key = entry_group * len(t.skill_ids) + t.skill_indices
            order = np.lexsort((-weight, key))
            first = np.ones(order.size, dtype=np.bool_)
            first[1:] = key[order][1:] != key[order][:-1]
            pick = order[first]
            skill_max = sp.csr_matrix(
                (weight[pick], (entry_group[pick], t.skill_indices[pick])), shape=(g, len(t.skill_ids))
            )
        n_groups = max(self.model.n_groups, 1)
        mass = np.zeros((n, n_groups))
        skill_group = self.model.skill_group[t.skill_indices]
        has = skill_group >= 0
        entry_row = np.repeat(np.arange(n), np.diff(t.skill_indptr))
        np.add.at(mass, (entry_row[has], skill_group[has]), weight[has])
        group_mass = np.zeros((g, n_groups))
        if n:
            np.maximum.at(group_mass, group_of, mass)
        region_keys = np.unique(group_of.astype(np.int64) * (1 << 40) + np.maximum(t.region, 0))
        rank = t.min_education_rank.astype(np.int64)
        min_rank = np.full(g, 1 << 30, dtype=np.int64)
        if n:
            np.minimum.at(min_rank, group_of, np.where(rank < 0, -1, rank))
        has_skills = np.diff(t.skill_indptr) > 0
        pay_known = ~np.isnan(t.offered_pay)

        def any_of(flags: NDArray[np.bool_]) -> NDArray[np.bool_]:
            return np.bincount(group_of, weights=flags, minlength=g) > 0

        max_pay = np.full(g, np.nan)
        min_experience = np.full(g, np.inf)
        if n:
            np.fmax.at(max_pay, group_of, t.offered_pay)
            np.minimum.at(min_experience, group_of, t.min_experience_years)
        return _Groups(
            start=start,
            end=end,
            occupation=occupation[start],
            province=province[start],
            skill_max=skill_max,
            group_mass=group_mass,
            region_keys=region_keys,
            min_rank=min_rank,
            any_field=any_of(t.education_field >= 0),
            min_experience=min_experience,
            max_pay=max_pay,
            any_remote=any_of(t.remote),
            any_skills=any_of(has_skills),
            any_no_skills=any_of(~has_skills),
            any_pay=any_of(pay_known),
            any_no_pay=any_of(~pay_known),
        )

    # ---------------------------------------------------------------------------------------- bounds

    @cached_property
    def _education_bound_table(self) -> F64:
        """Bound of the level score by (seeker rank + 1, lowest minimum rank in a group + 1; 0 = some
        vacancy of the group has no minimum): meeting the lowest minimum bounds every vacancy by 1."""
        cfg = self.settings
        size = self.model.education_levels.shape[0]
        table = np.zeros((size, size), dtype=np.float64)
        for rank in range(-1, size - 1):
            for lowest in range(-1, size - 1):
                if lowest < 0:
                    value = 1.0
                elif rank < 0:
                    value = cfg.education_unknown
                elif rank >= lowest:
                    value = 1.0
                elif rank == lowest - 1:
                    value = cfg.education_one_below
                else:
                    value = 0.0
                table[rank + 1, lowest + 1] = value
        return table

    @cached_property
    def _vacancy_columns(self) -> VacancyColumns:
        t = self.table
        return VacancyColumns(
            skill_indptr=t.skill_indptr.astype(np.int64),
            skill_indices=t.skill_indices.astype(np.int32),
            entry_weight=np.ascontiguousarray(self.model.entry_weight, dtype=np.float64),
            occupation=t.occupation.astype(np.int32),
            min_education_rank=t.min_education_rank.astype(np.int32),
            education_field=t.education_field.astype(np.int32),
            min_experience_years=t.min_experience_years.astype(np.float64),
            region=t.region.astype(np.int64),
            province=province_keys(t.region),
            remote=t.remote.astype(np.bool_),
            offered_pay=t.offered_pay.astype(np.float64),
            employment_type=t.employment_type.astype(np.int32),
            working_time=t.working_time.astype(np.int32),
        )

    @cached_property
    def _constants(self) -> ScoreConstants:
        cfg = self.settings
        return ScoreConstants(
            weights=np.array(self.model.weights, dtype=np.float64),
            education_levels=np.ascontiguousarray(self.model.education_levels),
            field_share=float(cfg.education_field_share),
            same_regency=float(cfg.location_same_regency),
            preferred_region=float(cfg.location_preferred_region),
            same_province=float(cfg.location_same_province),
            relocate=float(cfg.location_relocate),
            far=float(cfg.location_far),
            remote=float(cfg.location_remote),
            pay_shortfall_tolerance=float(cfg.pay_shortfall_tolerance),
            working_time_share=float(cfg.working_time_share),
            require_min_education=bool(cfg.require_min_education),
            min_score=float(cfg.min_score),
            group_credit=float(cfg.related_group_credit),
        )

    @staticmethod
    def _group_bounds(g: _Groups) -> GroupBounds:
        skill_max = g.skill_max.tocsr()
        skill_max.sort_indices()
        owners, regions = g.region_keys >> 40, g.region_keys & ((1 << 40) - 1)
        by_region = np.lexsort((owners, regions))
        return GroupBounds(
            occupation=g.occupation.astype(np.int64),
            province=g.province.astype(np.int64),
            skill_indptr=skill_max.indptr.astype(np.int64),
            skill_indices=skill_max.indices.astype(np.int32),
            skill_max=skill_max.data.astype(np.float64),
            group_mass=np.ascontiguousarray(g.group_mass, dtype=np.float64),
            min_rank=g.min_rank.astype(np.int64),
            any_field=g.any_field,
            min_experience=g.min_experience.astype(np.float64),
            max_pay=g.max_pay.astype(np.float64),
            any_remote=g.any_remote,
            any_skills=g.any_skills,
            any_no_skills=g.any_no_skills,
            any_pay=g.any_pay,
            any_no_pay=g.any_no_pay,
            region_keys=g.region_keys.astype(np.int64),
            home_regions=np.ascontiguousarray(regions[by_region]),
            home_groups=np.ascontiguousarray(owners[by_region]),
        )

    @cached_property
    def _occupation_bounds(self) -> GroupBounds:
        return self._group_bounds(self.occupations)

    @cached_property
    def _block_bounds(self) -> GroupBounds:
        return self._group_bounds(self.blocks)

    @staticmethod
    def _bound_seekers(chunk: SeekerChunk) -> BoundSeekers:
        t = chunk.table
        return BoundSeekers(
            direct_indptr=chunk.direct.indptr.astype(np.int64),
            direct_indices=chunk.direct.indices.astype(np.int32),
            direct_data=chunk.direct.data.astype(np.float64),
            group_indptr=chunk.group_list.indptr.astype(np.int64),
            group_indices=chunk.group_list.indices.astype(np.int32),
            occupation=chunk.occupation,
            education_rank=t.education_rank.astype(np.int32),
            experience_years=t.experience_years.astype(np.float64),
            region=t.region.astype(np.int64),
            province=chunk.province.astype(np.int64),
            willing_to_relocate=t.willing_to_relocate.astype(np.bool_),
            accepts_remote=t.accepts_remote.astype(np.bool_),
            preferred_indptr=t.preferred_region_indptr.astype(np.int64),
            preferred_region=t.preferred_region.astype(np.int64),
            expected_pay=t.expected_pay.astype(np.float64),
            has_skills=t.has_skills.astype(np.bool_),
        )

    def _worth_scoring(self, chunk_bounds: BoundSeekers, s: I64, b: I64, theta: F64) -> NDArray[np.bool_]:
        """Which (seeker, block) pairs to score: blocks whose bound reaches the seeker's θ, and blocks so
        small that scoring them (the kernel skips what cannot reach θ) costs less than bounding them."""
        small = (self.blocks.end[b] - self.blocks.start[b]) < _BOUND_MIN_BLOCK
        keep = small.copy()
        large = np.flatnonzero(~small)
        if large.size:
            keep[large] = self._block_bound(chunk_bounds, s[large], b[large]) >= theta[s[large]]
        return keep

    def _block_bound(self, chunk_bounds: BoundSeekers, s: I64, b: I64) -> F64:
        """Upper bound of the score of seeker ``s[i]`` with any vacancy of block ``b[i]``."""
        bound, _ = group_bounds(
            s.astype(np.int64),
            b.astype(np.int64),
            np.zeros((0, 0)),
            chunk_bounds,
            self._block_bounds,
            self._constants,
            self._education_bound_table,
            BOUND_SLACK,
            blocks=True,
        )
        return bound[:, 0]

    @staticmethod
    def _seeker_columns(chunk: SeekerChunk) -> SeekerColumns:
        t = chunk.table
        return SeekerColumns(
            credit=np.ascontiguousarray(chunk.credit, dtype=np.float64),
            has_skills=t.has_skills.astype(np.bool_),
            occupation=np.ascontiguousarray(chunk.occupation, dtype=np.float64),
            education_rank=t.education_rank.astype(np.int32),
            education_field=t.education_field.astype(np.int32),
            experience_years=t.experience_years.astype(np.float64),
            region=t.region.astype(np.int64),
            province=chunk.province.astype(np.int64),
            willing_to_relocate=t.willing_to_relocate.astype(np.bool_),
            accepts_remote=t.accepts_remote.astype(np.bool_),
            expected_pay=t.expected_pay.astype(np.float64),
            employment_any=t.employment_any.astype(np.bool_),
            employment_mask=t.employment_mask.astype(np.int64),
            working_time_any=t.working_time_any.astype(np.bool_),
            working_time_mask=t.working_time_mask.astype(np.int64),
            preferred_indptr=t.preferred_region_indptr.astype(np.int64),
            preferred_region=t.preferred_region.astype(np.int64),
        )

    def _score_blocks(self, columns: SeekerColumns, s: I64, b: I64, top: _TopLists) -> None:
        """Score seeker ``s[i]`` against the vacancies of block ``b[i]`` into the top lists."""
        self._score_segments(columns, s, self.blocks.start[b], self.blocks.end[b], top)

    def _score_segments(
        self, columns: SeekerColumns, s: I64, starts: I64, stops: I64, top: _TopLists
    ) -> None:
        score_into_top(
            columns,
            self._vacancy_columns,
            self._constants,
            self.id_rank,
            s.astype(np.int64),
            starts.astype(np.int64),
            stops.astype(np.int64),
            top.score,
            top.position,
            top.count,
        )

    def _top(self, n: int, k: int, owner: I64, v: I64, scores: F64) -> tuple[I64, F64]:
        """Per seeker the k best (score desc, id asc) of the scored pairs; -1 / NaN pad short lists."""
        positions = np.full((n, k), -1, dtype=np.int64)
        best = np.full((n, k), np.nan)
        keep = np.isfinite(scores) & (scores >= self.settings.min_score)
        owner, v, scores = owner[keep], v[keep], scores[keep]
        if owner.size == 0 or k == 0:
            return positions, best
        order = np.lexsort((self.id_rank[v], -scores, owner))
        owner, v, scores = owner[order], v[order], scores[order]
        first = np.searchsorted(owner, np.arange(n))
        place = np.arange(owner.size) - first[owner]
        take = place < k
        positions[owner[take], place[take]] = v[take]
        best[owner[take], place[take]] = scores[take]
        return positions, best

    def query(self, seekers: SeekerTable, k: int) -> tuple[I64, F64]:
        """Top ``k`` for every seeker of the table: positions into :attr:`table` (``-1`` padding) and scores
        (NaN padding). Seekers filtered out by the settings (inactive) get empty rows."""
        if k < 0:
            raise ValueError(f"k must be ≥ 0, got {k}")
        n = len(seekers)
        if n == 0 or len(self) == 0 or k == 0:
            return np.full((n, k), -1, dtype=np.int64), np.full((n, k), np.nan)
        chunk = prepare_seekers(seekers, self.model)
        columns = self._seeker_columns(chunk)
        wanted = (
            np.flatnonzero(seekers.is_active) if self.settings.only_active_seekers else np.arange(n)
        ).astype(np.int64)
        occ = self.occupations
        n_occ = occ.size
        # Round 0: bound of every (seeker, occupation) pair, for all its vacancies and for those outside the
        # seeker's province.
        chunk_bounds = self._bound_seekers(chunk)
        occ_bound, occ_outside = group_bounds(
            wanted,
            np.arange(n_occ, dtype=np.int64),
            self._skill_bounds(chunk, occ),
            chunk_bounds,
            self._occupation_bounds,
            self._constants,
            self._education_bound_table,
            BOUND_SLACK,
            blocks=False,
        )
        # Round 1: every vacancy of each seeker's most promising occupations (usually its own: most of its
        # top k lies there). The k-th best score so far is the seeker's threshold θ.
        top = min(_FIRST_ROUND_OCCUPATIONS, n_occ)
        if top >= n_occ:
            first = None
        elif top == 1:
            first = np.argmax(occ_bound, axis=1)[:, None]
        else:
            first = np.argpartition(-occ_bound, top - 1, axis=1)[:, :top]
        done = np.zeros((wanted.size, n_occ), dtype=np.bool_)
        if first is None:
            done[:] = True
        else:
            done[np.repeat(np.arange(wanted.size), top), first.ravel()] = True
        lists = _TopLists.empty(n, k)
        rows, cols = np.nonzero(done)
        s1 = wanted[rows]
        # The occupation's blocks in the seeker's province first (they hold most of its best matches), then
        # the rest: θ rises early, so more of the rest is skipped without its skill sum.
        key = occ.occupation[cols] * _PROVINCE_SPAN + chunk.province[s1]
        first_block = np.searchsorted(self._block_keys, key, side="left")
        end_block = np.searchsorted(self._block_keys, key, side="right")
        here = first_block < end_block
        near_start = np.where(
            here, self.blocks.start[np.minimum(first_block, self.blocks.size - 1)], occ.start[cols]
        )
        near_end = np.where(here, self.blocks.end[np.maximum(end_block - 1, 0)], occ.start[cols])
        self._score_segments(
            columns,
            np.repeat(s1, 3),
            np.stack([near_start, occ.start[cols], near_end], axis=1).ravel(),
            np.stack([near_end, near_start, occ.end[cols]], axis=1).ravel(),
            lists,
        )
        theta = lists.threshold()
        # Round 2: occupations whose bound outside the seeker's province reaches θ: their blocks (in any
        # province) whose own bound reaches θ — a block's skill maxima are far tighter than its occupation's.
        whole = (occ_outside >= theta[wanted][:, None]) & ~done
        if whole.any():
            rows, cols = np.nonzero(whole)
            s2, b2 = self._expand(wanted[rows], cols.astype(np.int64))
            keep = self._worth_scoring(chunk_bounds, s2, b2, theta)
            self._score_blocks(columns, s2[keep], b2[keep], lists)
            theta = lists.threshold()
        # Round 3: occupations whose bound reaches θ only within the seeker's province: the blocks of that
        # occupation in the province whose own bound reaches θ. A vacancy never scored lies in an occupation
        # or block whose bound is below a θ no higher than the final one, so it cannot be in the top k.
        rows, cols = np.nonzero((occ_bound >= theta[wanted][:, None]) & ~done & ~whole)
        s3, b3 = self._expand_in_province(wanted[rows], cols.astype(np.int64), chunk)
        if s3.size:
            keep = self._worth_scoring(chunk_bounds, s3, b3, theta)
            self._score_blocks(columns, s3[keep], b3[keep], lists)
        return lists.result()

    def _skill_bounds(self, chunk: SeekerChunk, groups: _Groups) -> F64:
        """Skill bound of every seeker of the chunk against every group, by two matrix products."""
        direct = (chunk.direct @ groups.skill_max.T).toarray()
        group_part = chunk.groups @ groups.group_mass.T
        bound: F64 = np.minimum(1.0, direct + self.settings.related_group_credit * group_part)
        return bound

    def _expand_in_province(self, s: I64, occupation_group: I64, chunk: SeekerChunk) -> tuple[I64, I64]:
        """(seeker, occupation group) pairs → the blocks of that occupation in the seeker's province."""
        key = self.occupations.occupation[occupation_group] * _PROVINCE_SPAN + chunk.province[s]
        first = np.searchsorted(self._block_keys, key, side="left")
        end = np.searchsorted(self._block_keys, key, side="right")
        return np.repeat(s, end - first), _ranges(first.astype(np.int64), end.astype(np.int64))

    def _expand(self, s: I64, occupation_group: I64) -> tuple[I64, I64]:
        """(seeker, occupation group) pairs → (seeker, block) pairs."""
        first, end = self._occ_first_block[occupation_group], self._occ_end_block[occupation_group]
        return np.repeat(s, end - first), _ranges(first.astype(np.int64), end.astype(np.int64))

    def exhaustive(self, seekers: SeekerTable, k: int, chunk_size: int = 256) -> tuple[I64, F64]:
        """The same result by scoring every pair (the baseline the index is checked against)."""
        n = len(seekers)
        positions = np.full((n, k), -1, dtype=np.int64)
        best = np.full((n, k), np.nan)
        m = len(self)
        for start in range(0, n, chunk_size):
            part = seekers.slice(start, min(n, start + chunk_size))
            chunk = prepare_seekers(part, self.model)
            wanted = (
                np.flatnonzero(part.is_active) if self.settings.only_active_seekers else np.arange(len(part))
            )
            s = np.repeat(wanted.astype(np.int64), m)
            v = np.tile(np.arange(m, dtype=np.int64), wanted.size)
            scores = score_pairs(chunk, self.model, s, v)
            if self.settings.require_min_education:
                minimum, rank = self.table.min_education_rank[v], part.education_rank[s]
                scores = np.where((minimum < 0) | ((rank >= 0) & (rank >= minimum)), scores, -np.inf)
            p, b = self._top(len(part), k, s, v, scores)
            positions[start : start + len(part)] = p
            best[start : start + len(part)] = b
        return positions, best

    def ids_of(self, positions: I64) -> NDArray[np.generic]:
        """Vacancy ids of query positions (padding -1 → -1 for integer ids, "" for text ids)."""
        ids = self.table.ids
        pad: str | int = "" if ids.dtype.kind == "U" else -1
        if ids.size == 0:
            return np.full(positions.shape, pad)
        out: NDArray[np.generic] = ids[np.maximum(positions, 0)].copy()
        out[positions < 0] = pad
        return out
