"""Both directions over profiles: recommend vacancies to a seeker, shortlist seekers for a vacancy.

Each result is re-scored with the pure :func:`score_pair`, so it carries the breakdown and the reasons.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pasarkerja.match.index import VacancyIndex
from pasarkerja.match.records import (
    MatchInputError,
    MatchResult,
    SeekerProfile,
    SkillRelatedness,
    VacancyProfile,
)
from pasarkerja.match.score import passes_filters, score_pair
from pasarkerja.match.settings import MatchSettings
from pasarkerja.match.tables import encode_seekers, encode_vacancies
from pasarkerja.match.vector import ScoringModel, prepare_seekers, score_pairs


def _related_skill_ids(relatedness: SkillRelatedness) -> list[str]:
    ids = [*relatedness.skill_group, *relatedness.neighbours, *relatedness.similarity]
    ids += [s for others in relatedness.neighbours.values() for s in others]
    ids += [s for row in relatedness.similarity.values() for s in row]
    return list(dict.fromkeys(ids))


class ProfileVacancyIndex(VacancyIndex):
    """A :class:`VacancyIndex` built from profiles, which keeps them for explained results."""

    def __init__(
        self,
        vacancies: Sequence[VacancyProfile],
        settings: MatchSettings | None = None,
        relatedness: SkillRelatedness | None = None,
    ) -> None:
        relatedness = relatedness or SkillRelatedness()
        table = encode_vacancies(vacancies, extra_skill_ids=_related_skill_ids(relatedness))
        super().__init__(table, settings, relatedness)
        self.profiles = [vacancies[int(r)] for r in self.rows]


def build_vacancy_index(
    vacancies: Sequence[VacancyProfile],
    settings: MatchSettings | None = None,
    relatedness: SkillRelatedness | None = None,
) -> ProfileVacancyIndex:
    return ProfileVacancyIndex(vacancies, settings, relatedness)


def recommend_vacancies(seeker: SeekerProfile, index: ProfileVacancyIndex, k: int = 10) -> list[MatchResult]:
    """The ``k`` best vacancies for ``seeker`` (exact top-k), best first, each explained.

    A seeker the hard filters exclude (inactive, by default) gets an empty list.
    """
    if index.settings.only_active_seekers and not seeker.is_active:
        return []
    table = encode_seekers([seeker], index.table)
    positions, _ = index.query(table, k)
    return [
        score_pair(seeker, index.profiles[int(p)], index.settings, index.model.relatedness)
        for p in positions[0]
        if p >= 0
    ]


class SeekerIndex:
    """Seekers encoded once, for shortlists: every seeker is scored exactly (vectorised) per vacancy."""

    def __init__(
        self,
        seekers: Sequence[SeekerProfile],
        settings: MatchSettings | None = None,
        relatedness: SkillRelatedness | None = None,
        chunk_size: int = 4096,
    ) -> None:
        self.settings = settings or MatchSettings()
        self.relatedness = relatedness or SkillRelatedness()
        self.chunk_size = chunk_size
        kept = [s for s in seekers if s.is_active or not self.settings.only_active_seekers]
        self.profiles = sorted(kept, key=lambda s: s.id)  # ties in score go to the smaller id
        skills = [*_related_skill_ids(self.relatedness), *(k for s in self.profiles for k in s.skill_ids)]
        vocabulary = encode_vacancies([], extra_skill_ids=list(dict.fromkeys(skills)))
        fields = {s.education_field.strip().casefold() for s in self.profiles if s.education_field}
        types = {t for s in self.profiles for t in s.preferred_employment_types}
        times = {t for s in self.profiles for t in s.preferred_working_times}
        self.vocabulary = encode_vacancies(
            [
                VacancyProfile(id=f"_{i}", education_field=f, employment_type=t, working_time=w)
                for i, (f, t, w) in enumerate(_zip_longest(sorted(fields), sorted(types), sorted(times)))
            ],
            vocabulary=vocabulary,
        )
        self.table = encode_seekers(self.profiles, self.vocabulary)

    def __len__(self) -> int:
        return len(self.profiles)


def _zip_longest(*columns: list[str]) -> list[tuple[str | None, ...]]:
    length = max((len(c) for c in columns), default=0)
    return [tuple(c[i] if i < len(c) else None for c in columns) for i in range(length)]


def shortlist_seekers(vacancy: VacancyProfile, seekers_index: SeekerIndex, k: int = 10) -> list[MatchResult]:
    """The ``k`` best seekers for ``vacancy``, best first (ties: smaller seeker id), each explained.

    A vacancy the hard filters exclude (not open, by default) gets an empty list.
    """
    settings = seekers_index.settings
    if settings.only_open_vacancies and not vacancy.is_open:
        return []
    if k <= 0 or not seekers_index.profiles:
        return []
    table = encode_vacancies([vacancy], vocabulary=seekers_index.vocabulary)
    if table.skill_ids[: len(seekers_index.vocabulary.skill_ids)] != seekers_index.vocabulary.skill_ids:
        raise MatchInputError(f"vacancy {vacancy.id}: the skill vocabulary did not extend cleanly")
    model = ScoringModel(settings, seekers_index.relatedness, table)
    n = len(seekers_index)
    scores = np.empty(n)
    for start in range(0, n, seekers_index.chunk_size):
        part = seekers_index.table.slice(start, min(n, start + seekers_index.chunk_size))
        chunk = prepare_seekers(part, model)
        s = np.arange(len(part), dtype=np.int64)
        scores[start : start + len(part)] = score_pairs(chunk, model, s, np.zeros(len(part), dtype=np.int64))
    eligible = (
        np.array([passes_filters(p, vacancy, settings) for p in seekers_index.profiles])
        if (settings.require_min_education)
        else np.ones(n, dtype=np.bool_)
    )
    scores = np.where(eligible & (scores >= settings.min_score), scores, -np.inf)
    order = np.lexsort((np.arange(n), -scores))[:k]  # profiles are sorted by id
    return [
        score_pair(seekers_index.profiles[int(i)], vacancy, settings, seekers_index.relatedness)
        for i in order
        if np.isfinite(scores[i])
    ]
