"""Exact top-k over a vacancy index: blocks of vacancies with upper bounds, so most are never scored.

Vacancies (after the hard filters) are sorted by (occupation, province, regency) and cut into blocks of one
occupation in one province. For every occupation and every block the index keeps what bounds the score
from above for any seeker: the largest weight each skill has in any vacancy (a sparse CSR matrix), the
largest mass of each skill group, which regencies and provinces occur, the lowest education and experience
requirement, the highest pay, and whether remote work, missing skills or missing pay occur.

A query for a chunk of seekers runs in rounds (all vectorised over the chunk):
1. occupation bounds for every seeker × occupation (dense, small: a few hundred occupations);
2. the blocks of each seeker's most promising occupations are scored exactly until k vacancies are
   seen; the k-th best score is the seeker's threshold θ;
3. every other block whose bound reaches θ is scored exactly.
A vacancy never scored lies in a block whose bound is below θ, so it cannot enter the top k: the result
equals exhaustive scoring, ties broken by vacancy id (the property test checks it).
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
from pasarkerja.match.vector import ScoringModel, SeekerChunk, prepare_seekers, score_pairs

# Bounds are compared with a little slack, so rounding in the bound never prunes a tying vacancy.
BOUND_SLACK = 1e-9
_FIRST_ROUND_OCCUPATIONS = 2
# Round 2 scores, per seeker, blocks worth 4k vacancies first, then 8k more, 16k more, ... re-reading θ.
_WAVE_VACANCIES_PER_K = 4
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
    """The open vacancies (by the settings' hard filters), ready for exact top-k queries."""

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
        cfg, st = self.settings, chunk.table
        n = s.size
        # skills: Σ direct credit × largest entry weight, plus group credit × largest group mass
        if skill_bound is not None:
            skills = skill_bound[s, gi]
        else:
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
        occupation = np.where(occ >= 0, chunk.occupation[s, np.maximum(occ, 0)] if n else 0.0, 0.0)
        # education: the most lenient requirement in the group bounds the level score
        rank, lowest = st.education_rank[s].astype(np.int64), groups.min_rank[gi]
        level = np.select(
            [lowest < 0, rank < 0, rank >= lowest, rank == lowest - 1],
            [1.0, cfg.education_unknown, 1.0, cfg.education_one_below],
            default=0.0,
        )
        share = cfg.education_field_share
        education = np.where(groups.any_field[gi], np.maximum(level, (1.0 - share) * level + share), level)
        # experience
        need = groups.min_experience[gi]
        with np.errstate(divide="ignore", invalid="ignore"):
            experience = np.where(
                need <= 0.0, 1.0, np.minimum(1.0, np.maximum(st.experience_years[s], 0.0) / need)
            )
        # location
        home, province = st.region[s], chunk.province[s]
        same_keys = gi * (1 << 40) + np.maximum(home, 0)
        at = np.minimum(np.searchsorted(groups.region_keys, same_keys), max(groups.region_keys.size - 1, 0))
        has_home = (
            (home >= 0) & (groups.region_keys[at] == same_keys) if groups.region_keys.size else home < 0
        )
        far = np.where(st.willing_to_relocate[s], cfg.location_relocate, cfg.location_far)
        has_preferences = np.diff(st.preferred_region_indptr)[s] > 0
        if outside_province:
            # Only the group's vacancies outside the seeker's province: never the same regency or province.
            location = far
            preferred = has_preferences
        elif exact_location:
            in_province = groups.province[gi] == province
            location = np.where(in_province, cfg.location_same_province, far)
            location = np.where(has_home, cfg.location_same_regency, location)
            preferred = self._preferred_in_province(chunk, s, groups.province[gi])
        else:
            location = np.where(
                has_home, cfg.location_same_regency, np.maximum(cfg.location_same_province, far)
            )
            preferred = has_preferences
        location = np.where(preferred, np.maximum(location, cfg.location_preferred_region), location)
        remote = groups.any_remote[gi] & st.accepts_remote[s]
        location = np.where(remote, np.maximum(location, cfg.location_remote), location)
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
        fixed = w[1] * occupation + w[2] * education + w[3] * experience + w[4] * location + w[6] * 1.0
        fixed_weight = w[1] + w[2] + w[3] + w[4] + w[6]
        seeker_skills, seeker_pay = st.has_skills[s], ~np.isnan(expected)
        skills_on = [seeker_skills & groups.any_skills[gi], ~seeker_skills | groups.any_no_skills[gi]]
        pay_on = [seeker_pay & groups.any_pay[gi], ~seeker_pay | groups.any_no_pay[gi]]
        best = np.full(n, -np.inf)
        for skills_used, skills_possible in ((True, skills_on[0]), (False, skills_on[1])):
            for pay_used, pay_possible in ((True, pay_on[0]), (False, pay_on[1])):
                numerator = (
                    fixed + (w[0] * skills if skills_used else 0.0) + (w[5] * pay if pay_used else 0.0)
                )
                denominator = fixed_weight + (w[0] if skills_used else 0.0) + (w[5] if pay_used else 0.0)
                value = numerator / denominator if denominator > 0 else np.zeros(n)
                best = np.where(skills_possible & pay_possible, np.maximum(best, value), best)
        return best + BOUND_SLACK

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

    @cached_property
    def _block_ranges(self) -> tuple[I64, I64]:
        return self.blocks.start, self.blocks.end

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
        wanted = np.flatnonzero(seekers.is_active) if self.settings.only_active_seekers else np.arange(n)
        occ = self.occupations
        n_occ = occ.size
        # Round 0: bound of every (seeker, occupation) pair.
        s_all = np.repeat(wanted.astype(np.int64), n_occ)
        o_all = np.tile(np.arange(n_occ, dtype=np.int64), wanted.size)
        skill_bound = self._skill_bounds(chunk, occ)
        occ_bound = self._bound(chunk, s_all, occ, o_all, exact_location=False, skill_bound=skill_bound)
        occ_bound = occ_bound.reshape(wanted.size, n_occ)
        occ_outside = self._bound(
            chunk, s_all, occ, o_all, exact_location=False, outside_province=True, skill_bound=skill_bound
        ).reshape(wanted.size, n_occ)
        # Round 1: blocks of each seeker's most promising occupations, best block first, until k vacancies.
        top = min(_FIRST_ROUND_OCCUPATIONS, n_occ)
        first_occ = (
            np.argpartition(-occ_bound, top - 1, axis=1)[:, :top]
            if top < n_occ
            else (np.tile(np.arange(n_occ), (wanted.size, 1)))
        )
        s1, b1 = self._expand(np.repeat(wanted, first_occ.shape[1]), first_occ.ravel())
        bound1 = self._bound(chunk, s1, self.blocks, b1, exact_location=True)
        order = np.lexsort((-bound1, s1))
        s1, b1 = s1[order], b1[order]
        sizes = self.blocks.end[b1] - self.blocks.start[b1]
        seen_before = np.cumsum(sizes) - sizes
        seeker_first = np.searchsorted(s1, s1)
        seen_before -= (np.cumsum(sizes) - sizes)[seeker_first]
        chosen = seen_before < k
        s1, b1 = s1[chosen], b1[chosen]
        owner, v, scores = self._score_blocks(chunk, s1, b1)
        positions, best = self._top(n, k, owner, v, scores)
        theta = np.where(np.isnan(best[:, -1]), -np.inf, best[:, -1])
        # Round 2: every other block whose bound reaches θ, best bound first, in waves of growing size;
        # θ rises after each wave, so later waves skip more blocks.
        # An occupation whose bound outside the seeker's province is below θ contributes only the blocks in
        # the seeker's province (one contiguous run of blocks, as blocks are sorted by province).
        everywhere = occ_outside >= theta[wanted][:, None]
        rows, cols = np.nonzero(everywhere)
        sa, ba = self._expand(wanted[rows].astype(np.int64), cols.astype(np.int64))
        rows, cols = np.nonzero(~everywhere & (occ_bound >= theta[wanted][:, None]))
        sp_, bp = self._expand_in_province(wanted[rows].astype(np.int64), cols.astype(np.int64), chunk)
        s2, b2 = np.concatenate([sa, sp_]), np.concatenate([ba, bp])
        bound2 = self._bound(chunk, s2, self.blocks, b2, exact_location=True)
        done = np.unique(s1 * self.blocks.size + b1)
        fresh = (bound2 >= theta[s2]) & ~np.isin(s2 * self.blocks.size + b2, done)
        s2, b2, bound2 = s2[fresh], b2[fresh], bound2[fresh]
        order = np.lexsort((-bound2, s2))
        s2, b2, bound2 = s2[order], b2[order], bound2[order]
        sizes = self.blocks.end[b2] - self.blocks.start[b2]
        before = np.cumsum(sizes) - sizes
        before -= before[np.searchsorted(s2, s2)]
        wave = np.floor(np.log2(1.0 + before / (_WAVE_VACANCIES_PER_K * k))).astype(np.int64)
        for w in range(int(wave.max()) + 1 if wave.size else 0):
            pick = (wave == w) & (bound2 >= theta[s2])
            if not pick.any():
                continue
            owner2, v2, scores2 = self._score_blocks(chunk, s2[pick], b2[pick])
            reach = scores2 >= theta[owner2]
            kept = positions >= 0
            positions, best = self._top(
                n,
                k,
                np.concatenate([np.nonzero(kept)[0], owner2[reach]]),
                np.concatenate([positions[kept], v2[reach]]),
                np.concatenate([best[kept], scores2[reach]]),
            )
            theta = np.where(np.isnan(best[:, -1]), -np.inf, best[:, -1])
        return positions, best

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
