"""Exact top-k over a vacancy index: parts of the vacancies with upper bounds, so most are never scored.

Vacancies (after the hard filters) are sorted by (occupation, province, regency). For every occupation and
for every block (one occupation in one province) the index keeps what bounds the score from above for any
seeker: the largest weight each skill has in any vacancy (a sparse CSR matrix), the largest mass of each
skill group, which regencies and provinces occur, the lowest education and experience requirement, the
highest pay, and whether remote work, missing skills or missing pay occur.

A query for a chunk of seekers runs in rounds (all vectorised over the chunk):
0. bounds for every seeker × occupation, over all its vacancies and over those outside the seeker's province;
1. every vacancy of each seeker's most promising occupation is scored; the k-th best is the threshold θ;
2. occupations whose bound outside the province reaches θ are scored whole;
3. occupations whose bound reaches θ only in the province: their blocks there whose bound reaches θ.
A vacancy never scored lies in a part whose bound is below θ, so it cannot enter the top k: the result
equals exhaustive scoring, ties broken by vacancy id (the property test checks it). Large occupations are
scored as dense grids (:func:`vector.score_grid`), bit-identical to the pair-by-pair scorer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from pasarkerja.match.records import SkillRelatedness
from pasarkerja.match.settings import MatchSettings
from pasarkerja.match.tables import F64, I64, SeekerTable, VacancyTable, _ranges, province_keys
from pasarkerja.match.vector import (
    RunSkills,
    ScoringModel,
    SeekerChunk,
    prepare_seekers,
    score_grid,
    score_pairs,
)

# Bounds are compared with a little slack, so rounding in the bound never prunes a tying vacancy.
BOUND_SLACK = 1e-9
_FIRST_ROUND_OCCUPATIONS = 1
# An occupation with at least this many (seeker, vacancy) pairs in a round is scored as a dense grid;
# grids are cut into pieces of at most _GRID_MAX_CELLS cells to bound memory.
_GRID_MIN_PAIRS = 512
_GRID_MAX_CELLS = 1 << 18
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

    @cached_property
    def skill_keys(self) -> I64:
        """Sorted ``group * n_skills + skill`` of the entries of :attr:`skill_max` (for look-ups by pair)."""
        n_skills = self.skill_max.shape[1]
        rows = np.repeat(np.arange(self.size, dtype=np.int64), np.diff(self.skill_max.indptr))
        return rows * n_skills + self.skill_max.indices.astype(np.int64)


class VacancyIndex:
    """The open vacancies (by the settings' hard filters), ready for exact top-k queries.

    ``max_block_size`` caps a block (smaller blocks: tighter bounds, more of them); ``grid_min_pairs`` is
    the number of (seeker, vacancy) pairs from which an occupation is scored as a dense grid rather than
    pair by pair. Neither changes a result, only the speed.
    """

    def __init__(
        self,
        vacancies: VacancyTable,
        settings: MatchSettings | None = None,
        relatedness: SkillRelatedness | None = None,
        *,
        max_block_size: int = 48,
        grid_min_pairs: int = _GRID_MIN_PAIRS,
    ) -> None:
        if max_block_size < 1:
            raise ValueError(f"max_block_size must be ≥ 1, got {max_block_size}")
        if grid_min_pairs < 0:
            raise ValueError(f"grid_min_pairs must be ≥ 0, got {grid_min_pairs}")
        self.max_block_size = max_block_size
        self.grid_min_pairs = grid_min_pairs
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

    def _bound(
        self,
        chunk: SeekerChunk,
        s: I64,
        groups: _Groups,
        gi: I64,
        *,
        exact_location: bool,
        outside_province: bool = False,
        skill_bound: F64 | None = None,
    ) -> F64:
        """Upper bound of the score of seeker ``s[i]`` with any vacancy of group ``gi[i]``."""
        mode = "outside" if outside_province else ("exact" if exact_location else "any")
        return self._bounds(chunk, s, groups, gi, modes=(mode,), skill_bound=skill_bound)[0]

    def _bounds(
        self,
        chunk: SeekerChunk,
        s: I64,
        groups: _Groups,
        gi: I64,
        *,
        modes: tuple[str, ...],
        skill_bound: F64 | None = None,
    ) -> list[F64]:
        """Upper bounds of the score of seeker ``s`` with any vacancy of group ``gi`` (index arrays that
        broadcast together: pairs, or a column of seekers and a row of groups), one per location mode:
        ``"any"`` every vacancy of the group, ``"exact"`` the same with the group's province known exactly,
        ``"outside"`` only the group's vacancies outside the seeker's province. Everything but the location
        is shared between the modes, so asking for two costs little more than one."""
        cfg, st = self.settings, chunk.table
        shape = np.broadcast_shapes(np.shape(s), np.shape(gi))
        # skills: Σ direct credit × largest entry weight, plus group credit × largest group mass
        if skill_bound is not None:
            skills = skill_bound[s, gi]
        else:
            n = s.size
            d = chunk.direct
            d_starts, d_ends = d.indptr[s].astype(np.int64), d.indptr[s + 1].astype(np.int64)
            entries = _ranges(d_starts, d_ends)
            pair = np.repeat(np.arange(n), d_ends - d_starts)
            n_skills = groups.skill_max.shape[1]
            keys = groups.skill_keys
            wanted = gi[pair] * n_skills + d.indices[entries]
            at = np.minimum(np.searchsorted(keys, wanted), max(keys.size - 1, 0))
            hit = keys[at] == wanted if keys.size else np.zeros(wanted.shape, dtype=np.bool_)
            found = np.where(hit, groups.skill_max.data[at], 0.0) if keys.size else np.zeros(wanted.shape)
            direct = np.bincount(pair, weights=found * d.data[entries], minlength=n)
            g = chunk.group_list
            g_starts, g_ends = g.indptr[s].astype(np.int64), g.indptr[s + 1].astype(np.int64)
            g_entries = _ranges(g_starts, g_ends)
            g_pair = np.repeat(np.arange(n), g_ends - g_starts)
            group_part = (
                np.bincount(g_pair, weights=groups.group_mass[gi[g_pair], g.indices[g_entries]], minlength=n)
                * cfg.related_group_credit
            )
            skills = np.minimum(1.0, direct + group_part)
        # occupation: exact, it depends on the group's occupation only
        occ = groups.occupation[gi]
        occupation = np.where(occ >= 0, chunk.occupation[s, np.maximum(occ, 0)], 0.0)
        # education: the most lenient requirement in the group bounds the level score
        level = self._education_bound_table[st.education_rank[s] + 1, np.maximum(groups.min_rank[gi], -1) + 1]
        share = cfg.education_field_share
        any_field = groups.any_field[gi]
        education = np.where(any_field, np.maximum(level, (1.0 - share) * level + share), level)
        # experience
        need = groups.min_experience[gi]
        with np.errstate(divide="ignore", invalid="ignore"):
            experience = np.where(
                need <= 0.0, 1.0, np.minimum(1.0, np.maximum(st.experience_years[s], 0.0) / need)
            )
        # location, per mode
        home, province = st.region[s], chunk.province[s]
        far = np.where(st.willing_to_relocate[s], cfg.location_relocate, cfg.location_far)
        has_preferences = np.diff(st.preferred_region_indptr)[s] > 0
        remote = groups.any_remote[gi] & st.accepts_remote[s]
        has_home: NDArray[np.bool_] | None = None
        locations: list[F64] = []
        for mode in modes:
            if mode != "outside" and has_home is None:
                same_keys = gi * (1 << 40) + np.maximum(home, 0)
                keys = groups.region_keys
                at = np.minimum(np.searchsorted(keys, same_keys), max(keys.size - 1, 0))
                has_home = (home >= 0) & (keys[at] == same_keys) if keys.size else np.zeros(shape, np.bool_)
            if mode == "outside":
                # Only the group's vacancies outside the seeker's province: never same regency or province.
                location = far
                preferred = has_preferences
            elif mode == "exact":
                assert has_home is not None
                in_province = groups.province[gi] == province
                location = np.where(
                    has_home,
                    cfg.location_same_regency,
                    np.where(in_province, cfg.location_same_province, far),
                )
                preferred = self._preferred_in_province(chunk, s, groups.province[gi])
            else:
                assert has_home is not None
                location = np.where(
                    has_home, cfg.location_same_regency, np.maximum(cfg.location_same_province, far)
                )
                preferred = has_preferences
            if np.any(preferred):
                location = np.where(preferred, np.maximum(location, cfg.location_preferred_region), location)
            if np.any(remote):
                location = np.where(remote, np.maximum(location, cfg.location_remote), location)
            locations.append(location)
        # pay: the best paying vacancy bounds it
        expected, offered = st.expected_pay[s], groups.max_pay[gi]
        with np.errstate(divide="ignore", invalid="ignore"):
            pay = np.where(
                offered >= expected,
                1.0,
                np.maximum(0.0, 1.0 - (expected - offered) / (expected * cfg.pay_shortfall_tolerance)),
            )
        pay = np.where(np.isnan(offered), 0.0, pay)
        # the weighted mean over the applicable components, worst case over which ones apply
        w = self.model.weights
        common = w[1] * occupation + w[2] * education + w[3] * experience
        fixed_weight = w[1] + w[2] + w[3] + w[4] + w[6]
        seeker_skills, seeker_pay = st.has_skills[s], ~np.isnan(expected)
        skills_on = [seeker_skills & groups.any_skills[gi], ~seeker_skills | groups.any_no_skills[gi]]
        pay_on = [seeker_pay & groups.any_pay[gi], ~seeker_pay | groups.any_no_pay[gi]]
        results: list[F64] = []
        for location in locations:
            fixed = common + w[4] * location + w[6] * 1.0
            best = np.full(shape, -np.inf)
            for skills_used, skills_possible in ((True, skills_on[0]), (False, skills_on[1])):
                for pay_used, pay_possible in ((True, pay_on[0]), (False, pay_on[1])):
                    possible = skills_possible & pay_possible
                    if not np.any(possible):
                        continue
                    numerator = (
                        fixed + (w[0] * skills if skills_used else 0.0) + (w[5] * pay if pay_used else 0.0)
                    )
                    denominator = fixed_weight + (w[0] if skills_used else 0.0) + (w[5] if pay_used else 0.0)
                    value = numerator / denominator if denominator > 0 else np.zeros(shape)
                    best = np.where(possible, np.maximum(best, value), best)
            results.append(best + BOUND_SLACK)
        return results

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

    @staticmethod
    def _preferred_in_province(chunk: SeekerChunk, s: I64, province: I64) -> NDArray[np.bool_]:
        t = chunk.table
        if t.preferred_region.size == 0:
            return np.zeros(s.shape, dtype=np.bool_)
        owner = np.repeat(np.arange(len(t), dtype=np.int64), np.diff(t.preferred_region_indptr))
        keys = np.unique(owner * (1 << 40) + province_keys(t.preferred_region))
        wanted = s * (1 << 40) + province
        at = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
        return keys[at] == wanted

    # ---------------------------------------------------------------------------------------- queries

    def _score_blocks(self, chunk: SeekerChunk, s: I64, b: I64) -> tuple[I64, I64, F64]:
        starts, ends = self.blocks.start[b], self.blocks.end[b]
        v = _ranges(starts, ends)
        owner = np.repeat(s, ends - starts)
        scores = score_pairs(chunk, self.model, owner, v)
        if self.settings.require_min_education:
            minimum = self.table.min_education_rank[v]
            rank = chunk.table.education_rank[owner]
            scores = np.where((minimum < 0) | ((rank >= 0) & (rank >= minimum)), scores, -np.inf)
        return owner, v, scores

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
        wanted = (
            np.flatnonzero(seekers.is_active) if self.settings.only_active_seekers else np.arange(n)
        ).astype(np.int64)
        occ = self.occupations
        n_occ = occ.size
        # Round 0: bound of every (seeker, occupation) pair, for all its vacancies and for those outside the
        # seeker's province.
        skill_bound = self._skill_bounds(chunk, occ)
        occ_bound, occ_outside = self._bounds(
            chunk,
            wanted[:, None],
            occ,
            np.arange(n_occ, dtype=np.int64)[None, :],
            modes=("any", "outside"),
            skill_bound=skill_bound,
        )
        # Round 1: every vacancy of each seeker's most promising occupations (usually its own: most of its
        # top k lies there), scored as dense grids. The k-th best score is the seeker's threshold θ.
        top = min(_FIRST_ROUND_OCCUPATIONS, n_occ)
        first = np.argpartition(-occ_bound, top - 1, axis=1)[:, :top] if top < n_occ else None
        done = np.zeros((wanted.size, n_occ), dtype=np.bool_)
        if first is None:
            done[:] = True
        else:
            done[np.repeat(np.arange(wanted.size), top), first.ravel()] = True
        theta = np.full(n, -np.inf)
        positions, best = self._merge(n, k, self._score_occupations(chunk, wanted, done, theta, k))
        theta = np.where(np.isnan(best[:, -1]), -np.inf, best[:, -1])
        # Round 2: occupations whose bound outside the seeker's province reaches θ: all their vacancies.
        whole = (occ_outside >= theta[wanted][:, None]) & ~done
        if whole.any():
            found = self._score_occupations(chunk, wanted, whole, theta, k)
            positions, best = self._merge(n, k, found, positions, best)
            theta = np.where(np.isnan(best[:, -1]), -np.inf, best[:, -1])
        # Round 3: occupations whose bound reaches θ only within the seeker's province: the blocks of that
        # occupation in the province whose own bound reaches θ. A vacancy never scored lies in an occupation
        # or block whose bound is below a θ no higher than the final one, so it cannot be in the top k.
        rows, cols = np.nonzero((occ_bound >= theta[wanted][:, None]) & ~done & ~whole)
        s3, b3 = self._expand_in_province(wanted[rows], cols.astype(np.int64), chunk)
        if s3.size:
            bound3 = self._bound(chunk, s3, self.blocks, b3, exact_location=True)
            keep = bound3 >= theta[s3]
            if keep.any():
                owner, v, scores = self._score_blocks(chunk, s3[keep], b3[keep])
                positions, best = self._merge(n, k, [(owner, v, scores)], positions, best)
        return positions, best

    def _merge(
        self,
        n: int,
        k: int,
        found: list[tuple[I64, I64, F64]],
        positions: I64 | None = None,
        best: F64 | None = None,
    ) -> tuple[I64, F64]:
        """The top k of the current lists and newly scored (seeker, vacancy, score) triples."""
        owners, vs, scores = [o for o, _, _ in found], [v for _, v, _ in found], [x for _, _, x in found]
        if positions is not None and best is not None:
            kept = positions >= 0
            owners.append(np.nonzero(kept)[0])
            vs.append(positions[kept])
            scores.append(best[kept])
        if not owners:
            return np.full((n, k), -1, dtype=np.int64), np.full((n, k), np.nan)
        return self._top(n, k, np.concatenate(owners), np.concatenate(vs), np.concatenate(scores))

    def _run_skills(self, occupation_group: int) -> RunSkills:
        cache: dict[int, RunSkills] = self.__dict__.setdefault("_run_skills_cache", {})
        if occupation_group not in cache:
            start, end = (
                int(self.occupations.start[occupation_group]),
                int(self.occupations.end[occupation_group]),
            )
            cache[occupation_group] = RunSkills.of(self.model, start, end)
        return cache[occupation_group]

    def _score_occupations(
        self, chunk: SeekerChunk, wanted: I64, mask: NDArray[np.bool_], theta: F64, k: int
    ) -> list[tuple[I64, I64, F64]]:
        """Score seeker ``wanted[i]`` against every vacancy of occupation group ``j`` where ``mask[i, j]``.

        Occupations with many pairs go as dense grids (one seeker row × the occupation's vacancies), each
        grid cut to the entries that can still enter its rows' top k; the few small ones go pair by pair.
        """
        occ = self.occupations
        sizes = occ.end - occ.start
        per_occupation = mask.sum(axis=0)
        grid = np.flatnonzero((per_occupation > 0) & (per_occupation * sizes >= self.grid_min_pairs))
        found: list[tuple[I64, I64, F64]] = []
        for o in grid:
            members = wanted[mask[:, o]]
            start, m = int(occ.start[o]), int(sizes[o])
            run = self._run_skills(int(o))
            step = max(1, _GRID_MAX_CELLS // m)
            for lo in range(0, members.size, step):
                s = members[lo : lo + step]
                g = score_grid(chunk, self.model, s, start, run)
                if self.settings.require_min_education:
                    minimum = self.table.min_education_rank[start : start + m][None, :]
                    rank = chunk.table.education_rank[s][:, None]
                    g = np.where((minimum < 0) | ((rank >= 0) & (rank >= minimum)), g, -np.inf)
                floor = theta[s]
                if m > k:  # only entries at or above each row's k-th best can be in its top k (ties kept)
                    floor = np.maximum(floor, np.partition(g, m - k, axis=1)[:, m - k])
                r, c = np.nonzero(g >= floor[:, None])
                found.append((s[r], start + c.astype(np.int64), g[r, c]))
        small = np.ones(occ.size, dtype=np.bool_)
        small[grid] = False
        rows, cols = np.nonzero(mask & small[None, :])
        if rows.size:
            s_small, b_small = self._expand(wanted[rows], cols.astype(np.int64))
            found.append(self._score_blocks(chunk, s_small, b_small))
        return found

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
