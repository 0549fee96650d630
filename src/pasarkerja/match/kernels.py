"""Compiled (Numba) loops for the batch's two hot spots: scoring a run of vacancies against many seekers,
and the upper bounds of seekers × occupations.

Why compiled: with NumPy every one of the score's ~50 operations is a pass over a whole grid in memory, so
a 1M seekers × 100k vacancies batch spent most of its time moving arrays (benchmarks/README.md). Here each
(seeker, vacancy) cell is computed in registers, in one pass, and only the cells that can still enter a
seeker's top k leave the loop.

The cell score is the formula of :mod:`.score` and :func:`.vector._combine` — the same operations in the same
order on IEEE doubles, without fast-math (no re-association, no fused multiply-add), so the numbers are equal
bit for bit (tests/test_match_kernels.py holds them equal on random data). ``np.maximum``/``np.minimum``
propagate NaN where Python's ``max``/``min`` do not, hence the small helpers below.

Kernels are compiled on first use and cached next to this file (or in Numba's user cache when that is not
writable), so only the first run on a machine pays the compilation (~10 s). They release the GIL, so the
batch's thread backend runs them in parallel.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from pasarkerja.match.tables import F64, I32, I64, B

# Rounding in the skipped cell's bound (a handful of ulps) must never skip a cell that ties the threshold.
_SKIP_SLACK = 1e-9


class VacancyColumns(NamedTuple):
    """The indexed vacancies' columns the cell score reads (positions are the index table's rows)."""

    skill_indptr: I64
    skill_indices: I32
    entry_weight: F64
    occupation: I32
    min_education_rank: I32
    education_field: I32
    min_experience_years: F64
    region: I64
    province: I64
    remote: B
    offered_pay: F64
    employment_type: I32
    working_time: I32


class SeekerColumns(NamedTuple):
    """One chunk's seeker columns (positions are rows of the chunk)."""

    credit: F64  # seekers × skills, C-contiguous
    has_skills: B
    occupation: F64  # seekers × (vacancy occupations + 1)
    education_rank: I32
    education_field: I32
    experience_years: F64
    region: I64
    province: I64
    willing_to_relocate: B
    accepts_remote: B
    expected_pay: F64
    employment_any: B
    employment_mask: I64
    working_time_any: B
    working_time_mask: I64
    preferred_indptr: I64
    preferred_region: I64


class ScoreConstants(NamedTuple):
    """Settings as plain numbers, in the order the kernels read them."""

    weights: F64  # the seven component weights in COMPONENTS order
    education_levels: F64  # (seeker rank + 1) × (minimum rank + 1)
    field_share: float
    same_regency: float
    preferred_region: float
    same_province: float
    relocate: float
    far: float
    remote: float
    pay_shortfall_tolerance: float
    working_time_share: float
    require_min_education: bool
    min_score: float
    group_credit: float  # credit for holding another skill of the same skill group


@njit(inline="always", cache=True)
def _np_maximum(a: float, b: float) -> float:
    if a != a:
        return a
    if b != b:
        return b
    return a if a >= b else b


@njit(inline="always", cache=True)
def _np_minimum(a: float, b: float) -> float:
    if a != a:
        return a
    if b != b:
        return b
    return a if a <= b else b


@njit(inline="always", cache=True)
def _fits(any_value: bool, mask: int, offered: int) -> float:
    if any_value or offered < 0:
        return 1.0
    return 1.0 if (mask >> offered) & 1 == 1 else 0.0


@njit(cache=True, nogil=True)
def score_into_top(
    sc: SeekerColumns,
    vc: VacancyColumns,
    c: ScoreConstants,
    id_rank: I64,
    seekers: I64,
    starts: I64,
    stops: I64,
    top_score: F64,
    top_position: I64,
    top_count: I64,
) -> None:
    """Score chunk seeker ``seekers[g]`` against the vacancies ``starts[g]:stops[g]`` for every segment ``g``
    and merge the cells into the seekers' top lists (``top_*[i]``: the ``top_count[i]`` best so far, score
    descending, ties by ``id_rank`` ascending; updated in place). Only finite scores of at least
    ``min_score`` enter. A cell is left unscored when even full skill coverage could not beat the seeker's
    k-th best so far: such a cell could not enter the list either.

    The cell arithmetic is written out in the loop, not called: a call (or reading a column from a named
    tuple) inside the loop costs reference-count updates of every array, more than the arithmetic."""
    (
        credit,
        s_has_skills,
        s_occupation,
        s_rank,
        s_field,
        s_experience,
        s_region,
        s_province,
        s_relocate,
        s_remote,
        s_pay,
        s_employment_any,
        s_employment_mask,
        s_time_any,
        s_time_mask,
        s_preferred_indptr,
        s_preferred,
    ) = sc
    (
        v_indptr,
        v_skills,
        v_weight,
        v_occupation,
        v_rank,
        v_field,
        v_experience,
        v_region,
        v_province,
        v_remote,
        v_pay,
        v_employment,
        v_time,
    ) = vc
    w, levels = c.weights, c.education_levels
    field_share, same_regency, preferred_region = c.field_share, c.same_regency, c.preferred_region
    same_province, relocate, far, remote_value = c.same_province, c.relocate, c.far, c.remote
    tolerance, ws = c.pay_shortfall_tolerance, c.working_time_share
    require_min_education, min_score = c.require_min_education, c.min_score
    k = top_score.shape[1]
    # The four possible denominators (which of skills and pay apply), summed in COMPONENTS order exactly as
    # the vectorised scorer does, and their reciprocals for the skip test (a bound: rounding is in the slack).
    denominators = np.zeros(4)
    for case in range(4):
        total = 0.0
        total = total + (w[0] if case < 2 else 0.0)
        total = total + w[1]
        total = total + w[2]
        total = total + w[3]
        total = total + w[4]
        total = total + (w[5] if case % 2 == 0 else 0.0)
        total = total + w[6]
        denominators[case] = total
    reciprocals = np.where(denominators > 0, 1.0 / np.maximum(denominators, 1e-300), 0.0)
    for g in range(seekers.size):
        i = seekers[g]
        first, m = starts[g], stops[g] - starts[g]
        # the seeker's side of every component, read once per segment
        seeker_skills, seeker_rank, seeker_field = s_has_skills[i], s_rank[i] + 1, s_field[i]
        held_experience = _np_maximum(s_experience[i], 0.0)
        home, home_province = s_region[i], s_province[i]
        far_value = relocate if s_relocate[i] else far
        seeker_remote, expected = s_remote[i], s_pay[i]
        pay_known = expected == expected
        employment_any, employment_mask = s_employment_any[i], s_employment_mask[i]
        time_any, time_mask = s_time_any[i], s_time_mask[i]
        preferred_first, preferred_end = s_preferred_indptr[i], s_preferred_indptr[i + 1]
        for j in range(m):
            v = first + j
            start, end = v_indptr[v], v_indptr[v + 1]
            skills_used = end > start and seeker_skills
            # occupation
            occ = v_occupation[v]
            occupation = s_occupation[i, occ] if occ >= 0 else 0.0
            # education
            level = levels[seeker_rank, v_rank[v] + 1]
            field = v_field[v]
            if field < 0:
                education = level
            else:
                same_field = 1.0 if seeker_field == field else 0.0
                education = (1.0 - field_share) * level + field_share * same_field
            # experience
            need = v_experience[v]
            experience = 1.0 if need <= 0.0 else _np_minimum(1.0, held_experience / need)
            # location
            region = v_region[v]
            if region >= 0 and region == home:
                location = same_regency
            else:
                preferred = False
                if region >= 0:
                    for p in range(preferred_first, preferred_end):
                        if s_preferred[p] == region:
                            preferred = True
                            break
                if preferred:
                    location = preferred_region
                elif region >= 0 and v_province[v] == home_province:
                    location = same_province
                else:
                    location = far_value
            if v_remote[v] and seeker_remote and remote_value > location:
                location = remote_value
            # pay
            offered = v_pay[v]
            pay_used = pay_known and offered == offered
            pay = 0.0
            if pay_used:
                if offered >= expected:
                    pay = 1.0
                else:
                    pay = _np_maximum(0.0, 1.0 - (expected - offered) / (expected * tolerance))
            # employment type and working time
            employment = (1.0 - ws) * _fits(employment_any, employment_mask, v_employment[v]) + ws * _fits(
                time_any, time_mask, v_time[v]
            )
            case = (0 if skills_used else 2) + (0 if pay_used else 1)
            denominator = denominators[case]
            skills = 0.0
            if skills_used:
                # Skip the skill sum where even full coverage (≤ 1) could not reach the k-th best so far:
                # such a cell is below the segment's final threshold too, so it is never kept.
                if top_count[i] == k and denominator > 0:
                    rest = (
                        (w[1] * occupation + w[2] * education + w[3] * experience + w[4] * location)
                        + w[5] * pay
                        + w[6] * employment
                    )
                    if (rest + w[0]) * reciprocals[case] + _SKIP_SLACK < top_score[i, k - 1]:
                        continue
                # skills: Σ entry weight × credit from 0.0 in entry order (as bincount and CSR products add)
                for e in range(start, end):
                    skills += v_weight[e] * credit[i, v_skills[e]]
            # weighted mean of the applicable components, in COMPONENTS order
            numerator = 0.0
            numerator = numerator + w[0] * skills
            numerator = numerator + w[1] * occupation
            numerator = numerator + w[2] * education
            numerator = numerator + w[3] * experience
            numerator = numerator + w[4] * location
            numerator = numerator + w[5] * pay
            numerator = numerator + w[6] * employment
            score = numerator / denominator if denominator > 0 else 0.0
            if require_min_education:
                minimum, rank = v_rank[v], s_rank[i]
                if not (minimum < 0 or (rank >= 0 and rank >= minimum)):
                    score = -np.inf
            if not (score >= min_score) or score == np.inf or k == 0:  # NaN, -inf or below min_score
                continue
            n_top = top_count[i]
            rank = id_rank[v]
            if n_top == k:
                last_score, last_rank = top_score[i, k - 1], id_rank[top_position[i, k - 1]]
                if score < last_score or (score == last_score and rank > last_rank):
                    continue
                n_top -= 1  # the last one drops out
            at = n_top  # insertion sort from the end: score descending, then id rank ascending
            while at > 0 and (
                top_score[i, at - 1] < score
                or (top_score[i, at - 1] == score and id_rank[top_position[i, at - 1]] > rank)
            ):
                top_score[i, at] = top_score[i, at - 1]
                top_position[i, at] = top_position[i, at - 1]
                at -= 1
            top_score[i, at] = score
            top_position[i, at] = v
            top_count[i] = n_top + 1


class GroupBounds(NamedTuple):
    """Per group of vacancies (an occupation, or a block: one occupation in one province), what bounds any
    of its vacancies' score from above (see ``index._Groups``)."""

    occupation: I64
    province: I64
    skill_indptr: I64  # CSR groups × skills: the largest entry weight of each skill in the group
    skill_indices: I32
    skill_max: F64
    group_mass: F64  # groups × skill groups
    min_rank: I64  # lowest minimum education rank; -1 when some vacancy has none
    any_field: B
    min_experience: F64
    max_pay: F64  # NaN when no vacancy states pay
    any_remote: B
    any_skills: B
    any_no_skills: B
    any_pay: B
    any_no_pay: B
    region_keys: I64  # sorted group * 2**40 + region key
    home_regions: I64  # the region keys of ``region_keys`` sorted by region …
    home_groups: I64  # … and their groups in the same order


class BoundSeekers(NamedTuple):
    """The seeker columns a bound reads (positions are rows of the chunk)."""

    direct_indptr: I64  # CSR seekers × skills: credit above the group credit (see ``vector.SeekerChunk``)
    direct_indices: I32
    direct_data: F64
    group_indptr: I64  # CSR seekers × skill groups held
    group_indices: I32
    occupation: F64  # seekers × (vacancy occupations + 1)
    education_rank: I32
    experience_years: F64
    region: I64
    province: I64
    willing_to_relocate: B
    accepts_remote: B
    preferred_indptr: I64
    preferred_region: I64
    expected_pay: F64
    has_skills: B


@njit(inline="always", cache=True)
def _province_of(region: int) -> int:
    """``tables.province_keys`` for one key: its first three digits (13216 → 132)."""
    while region >= 1000:
        region //= 10
    return region


@njit(inline="always", cache=True)
def _best_case(
    fixed: float, skills_part: float, pay_part: float, cases: tuple[bool, bool, bool, bool], inverse: F64
) -> float:
    """The largest weighted mean over the cases of which components apply that can occur — ``cases``:
    (skills and pay, skills only, pay only, neither) — with ``inverse`` holding 1 / denominator of each
    (multiplying is exact enough for a bound: its rounding is far below the bound's slack)."""
    best = -np.inf
    if cases[0]:
        best = max(best, (fixed + skills_part + pay_part) * inverse[0])
    if cases[1]:
        best = max(best, (fixed + skills_part) * inverse[1])
    if cases[2]:
        best = max(best, (fixed + pay_part) * inverse[2])
    if cases[3]:
        best = max(best, fixed * inverse[3])
    return best


@njit(cache=True, nogil=True)
def group_bounds(
    seekers: I64,
    groups: I64,
    skill_bound: F64,
    sb: BoundSeekers,
    gb: GroupBounds,
    c: ScoreConstants,
    education_bound: F64,
    slack: float,
    blocks: bool,
) -> tuple[F64, F64]:
    """Upper bounds of the score of chunk seeker ``seekers[i]`` with any vacancy of group ``groups[j]``.

    Occupations (``blocks`` False): every seeker × every group (``len(seekers) × len(groups)``), two bounds:
    over all the occupation's vacancies, and over those outside the seeker's province; the skill part is
    ``skill_bound[seekers[i], j]``. Blocks (one occupation in one province): pairs (``seekers[i]``,
    ``groups[i]``), one column, the bound over the block with its province known exactly (the second
    result is empty); the skill part comes from the block's largest skill weights.
    """
    (
        s_direct_indptr,
        s_direct_indices,
        s_direct_data,
        s_group_indptr,
        s_group_indices,
        s_occupation,
        s_rank,
        s_experience,
        s_region,
        s_province,
        s_relocate,
        s_remote,
        s_preferred_indptr,
        s_preferred,
        s_pay,
        s_has_skills,
    ) = sb
    (
        g_occupation,
        g_province,
        g_skill_indptr,
        g_skill_indices,
        g_skill_max,
        g_group_mass,
        g_min_rank,
        g_any_field,
        g_min_experience,
        g_max_pay,
        g_any_remote,
        g_any_skills,
        g_any_no_skills,
        g_any_pay,
        g_any_no_pay,
        g_region_keys,
        g_home_regions,
        g_home_groups,
    ) = gb
    w = c.weights
    w0, w1, w2, w3, w4, w5, w6 = w[0], w[1], w[2], w[3], w[4], w[5], w[6]
    share, tolerance, group_credit = c.field_share, c.pay_shortfall_tolerance, c.group_credit
    fixed_weight = w1 + w2 + w3 + w4 + w6
    inverse = np.zeros(4)  # 1 / denominator with (skills, pay) applying: both, skills only, pay only, none
    for case, denominator in enumerate(
        (fixed_weight + w0 + w5, fixed_weight + w0, fixed_weight + w5, fixed_weight)
    ):
        inverse[case] = 1.0 / denominator if denominator > 0 else 0.0
    rows = seekers.size
    columns = 1 if blocks else groups.size
    bound_all = np.empty((rows, columns))
    bound_outside = np.empty((rows, 0 if blocks else columns))
    home_groups = np.zeros(g_occupation.size, dtype=np.bool_)
    for i in range(rows):
        s = seekers[i]
        home, province = s_region[s], s_province[s]
        far = c.relocate if s_relocate[s] else c.far
        expected = s_pay[s]
        has_preferences = s_preferred_indptr[s + 1] > s_preferred_indptr[s]
        pay_known = expected == expected
        pay_scale = 1.0 / (expected * tolerance) if pay_known and expected > 0 else 0.0
        experience_held = _np_maximum(s_experience[s], 0.0)
        if not blocks and home >= 0:
            # the groups with a vacancy in the seeker's regency, marked once per seeker, not searched per pair
            first = np.searchsorted(g_home_regions, home)
            last = np.searchsorted(g_home_regions, home, side="right")
            for e in range(first, last):
                home_groups[g_home_groups[e]] = True
        for column in range(columns):
            j = groups[i] if blocks else groups[column]
            # skills: Σ direct credit × largest entry weight + group credit × largest group mass
            if not blocks:
                skills = skill_bound[s, j]
            else:
                direct = 0.0
                low_end, high_end = g_skill_indptr[j], g_skill_indptr[j + 1]
                for e in range(s_direct_indptr[s], s_direct_indptr[s + 1]):
                    # binary search of the seeker's skill in the group's sorted skill row
                    skill, low, high = s_direct_indices[e], low_end, high_end
                    while low < high:
                        middle = (low + high) >> 1
                        if g_skill_indices[middle] < skill:
                            low = middle + 1
                        else:
                            high = middle
                    if low < high_end and g_skill_indices[low] == skill:
                        direct += g_skill_max[low] * s_direct_data[e]
                mass = 0.0
                for e in range(s_group_indptr[s], s_group_indptr[s + 1]):
                    mass += g_group_mass[j, s_group_indices[e]]
                skills = min(1.0, direct + mass * group_credit)
            occ = g_occupation[j]
            occupation = s_occupation[s, occ] if occ >= 0 else 0.0
            level = education_bound[s_rank[s] + 1, max(g_min_rank[j], -1) + 1]
            education = level
            if g_any_field[j]:
                education = max(level, (1.0 - share) * level + share)
            need = g_min_experience[j]
            experience = 1.0 if need <= 0.0 else _np_minimum(1.0, experience_held / need)
            # location
            if blocks:
                in_province = g_province[j] == province
                has_home = False
                # a block outside the seeker's province cannot hold its regency: no search needed
                if home >= 0 and in_province:
                    key = j * (1 << 40) + home
                    at = np.searchsorted(g_region_keys, key)
                    has_home = at < g_region_keys.size and g_region_keys[at] == key
                if has_home:
                    location_all = c.same_regency
                elif in_province:
                    location_all = c.same_province
                else:
                    location_all = far
                preferred = False
                for p in range(s_preferred_indptr[s], s_preferred_indptr[s + 1]):
                    if s_preferred[p] >= 0 and _province_of(s_preferred[p]) == g_province[j]:
                        preferred = True
            else:
                has_home = home_groups[j]
                location_all = c.same_regency if has_home else max(c.same_province, far)
                preferred = has_preferences
            location_outside = far
            if preferred:
                location_all = max(location_all, c.preferred_region)
            if has_preferences:
                location_outside = max(location_outside, c.preferred_region)
            if g_any_remote[j] and s_remote[s]:
                location_all = max(location_all, c.remote)
                location_outside = max(location_outside, c.remote)
            offered = g_max_pay[j]
            if offered != offered:
                pay = 0.0
            elif offered >= expected:
                pay = 1.0
            else:
                pay = _np_maximum(0.0, 1.0 - (expected - offered) * pay_scale)
            common = w1 * occupation + w2 * education + w3 * experience
            skills_on = s_has_skills[s] and g_any_skills[j]
            skills_off = (not s_has_skills[s]) or g_any_no_skills[j]
            pay_on = pay_known and g_any_pay[j]
            pay_off = (not pay_known) or g_any_no_pay[j]
            skills_part, pay_part = w0 * skills, w5 * pay
            cases = (
                skills_on and pay_on,
                skills_on and pay_off,
                skills_off and pay_on,
                skills_off and pay_off,
            )
            fixed = common + w6
            bound_all[i, column] = _best_case(
                fixed + w4 * location_all, skills_part, pay_part, cases, inverse
            )
            bound_all[i, column] += slack
            if not blocks:
                bound_outside[i, column] = (
                    _best_case(fixed + w4 * location_outside, skills_part, pay_part, cases, inverse) + slack
                )
        if not blocks and home >= 0:
            for e in range(first, last):
                home_groups[g_home_groups[e]] = False
    return bound_all, bound_outside
