"""The compiled scoring loop (match/kernels.py) computes exactly the vectorised scorer's numbers.

Every cell the kernel scores must equal :func:`vector.score_pairs` bit for bit — not to a tolerance — so the
batch, the explanations and the exhaustive baseline can never disagree on a ranking. The random profiles
reach every branch: preferred regions, remote work, fields of study, employment and working-time
preferences, unknown or NaN pay, seekers or vacancies without skills, the minimum-education filter.
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from pasarkerja.match import (
    MatchSettings,
    SeekerProfile,
    VacancyIndex,
    encode_seekers,
    encode_vacancies,
)
from pasarkerja.match.index import _TopLists
from pasarkerja.match.vector import prepare_seekers, score_pairs
from test_match_index import RELATED, SKILLS, random_seeker, random_vacancy


def _all_cells(
    index: VacancyIndex, seekers: list[SeekerProfile], k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (seeker, vacancy) cell through the kernel, by asking for a top list as long as the index."""
    table = encode_seekers(seekers, index.table)
    chunk = prepare_seekers(table, index.model)
    columns = index._seeker_columns(chunk)
    lists = _TopLists.empty(len(table), k)
    n, m = len(table), len(index)
    s = np.arange(n, dtype=np.int64)
    index._score_segments(columns, s, np.zeros(n, dtype=np.int64), np.full(n, m, dtype=np.int64), lists)
    pairs_s = np.repeat(s, m)
    pairs_v = np.tile(np.arange(m, dtype=np.int64), n)
    expected = score_pairs(chunk, index.model, pairs_s, pairs_v).reshape(n, m)
    return lists.position, lists.score, expected


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("require_education", [False, True])
def test_kernel_cells_equal_vectorised_scores_bit_for_bit(seed: int, require_education: bool) -> None:
    rng = random.Random(seed)
    vacancies = [random_vacancy(rng, i) for i in range(60)]
    seekers = [random_seeker(rng, i) for i in range(25)]
    cfg = MatchSettings(only_open_vacancies=False, only_active_seekers=False)
    table = encode_vacancies(vacancies, extra_skill_ids=[*SKILLS, "skill-unknown"])
    index = VacancyIndex(
        table,
        cfg.model_copy(update={"require_min_education": require_education}),
        RELATED,
    )
    positions, scores, expected = _all_cells(index, seekers, len(index))
    if require_education:
        rank, minimum = index.table.min_education_rank, encode_seekers(seekers, index.table).education_rank
        allowed = (rank[None, :] < 0) | ((minimum[:, None] >= 0) & (minimum[:, None] >= rank[None, :]))
        expected = np.where(allowed, expected, -np.inf)
        assert (~allowed).any()  # the filter really removed something
    for row in range(len(seekers)):
        filled = positions[row] >= 0
        got = dict(zip(positions[row, filled].tolist(), scores[row, filled].tolist(), strict=True))
        want = {v: x for v, x in enumerate(expected[row].tolist()) if np.isfinite(x)}
        assert got.keys() == want.keys(), row
        # == on floats on purpose: the same operations in the same order give the same bits
        assert all(got[v] == want[v] for v in want), row
        # and the list is ordered: score descending, then vacancy id ascending
        ids = index.table.ids[positions[row, filled]]
        order = sorted(range(len(ids)), key=lambda i: (-scores[row, i], ids[i]))
        assert order == list(range(len(ids)))


def test_kernel_keeps_only_the_k_best_with_ties_to_the_smaller_id() -> None:
    rng = random.Random(11)
    base = [random_vacancy(rng, i) for i in range(30)]
    # twins with ids before and after the original: identical scores, so the id decides
    twins = [dataclasses.replace(v, id=f"a{i:02d}") for i, v in enumerate(base[:10])]
    table = encode_vacancies([*base, *twins], extra_skill_ids=[*SKILLS, "skill-unknown"])
    cfg = MatchSettings(only_open_vacancies=False, only_active_seekers=False)
    index = VacancyIndex(table, cfg, RELATED)
    seekers = [random_seeker(rng, i) for i in range(8)]
    _, _, expected = _all_cells(index, seekers, len(index))
    k = 5
    positions, scores, _ = _all_cells(index, seekers, k)
    ids = index.table.ids
    for row in range(len(seekers)):
        want = sorted(range(len(index)), key=lambda v: (-expected[row, v], ids[v]))[:k]
        assert positions[row].tolist() == want
        assert scores[row].tolist() == [expected[row, v] for v in want]
