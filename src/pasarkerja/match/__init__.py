"""match layer: the link-and-match engine (pure core; formula in docs/MATCHING.md).

Public API
----------
Records (``match.records``): :class:`SeekerProfile`, :class:`VacancyProfile`, :class:`WorkSpell`,
:class:`SkillRelatedness` (+ :func:`skill_relatedness_from_catalogue`), :class:`MatchResult`,
:class:`ComponentScore`; :func:`seeker_profile_from_fields` builds a profile from any wider record and
drops everything the score must not see (age, sex, religion, …);
:func:`vacancy_profile_from_fields` does the same for a posting (discriminatory requirements, free text).

Settings: :class:`MatchSettings` (pydantic; ``PASARKERJA_MATCH_*`` variables; refuses bad values).

One pair: ``score_pair(seeker, vacancy, settings, relatedness) -> MatchResult`` (score, breakdown,
matched/missing skills, warnings, ``reason_id``/``reason_en``); ``passes_filters(seeker, vacancy, settings)``.

Both directions over profiles::

    index = build_vacancy_index(vacancies, settings, relatedness)      # exact top-k index
    recommend_vacancies(seeker, index, k=10) -> list[MatchResult]      # best first, explained
    seekers_index = SeekerIndex(seekers, settings, relatedness)
    shortlist_seekers(vacancy, seekers_index, k=10) -> list[MatchResult]

At scale, over column arrays (``match.tables``: :class:`VacancyTable`, :class:`SeekerTable`,
:func:`encode_vacancies`, :func:`encode_seekers`)::

    index = VacancyIndex(vacancy_table, settings, relatedness)
    positions, scores = index.query(seeker_table, k)                   # exact; index.ids_of(positions)
    batch_top_k(seeker_table, index, k=10, chunk_size=2048, workers=2, progress=cb) -> BatchResult
    batch_top_k_dask(seeker_table, index, k=10, scheduler_address="tcp://HOST:PORT" | None, client=None)
    write_parquet(result, path)                                        # seeker_id, rank, vacancy_id, score

``BatchResult`` unpacks as ``seeker_ids, vacancy_ids, scores`` (arrays; ``vacancy_ids``/``scores`` are
seekers × k, padded with -1/"" and NaN). An unreachable Dask scheduler — refused, or accepting connections
but never answering — raises :class:`MatchEngineError` within ``connect_timeout_s`` (+1 s);
``probe_scheduler(address, timeout_s)`` runs that check alone.
"""

from pasarkerja.match.batch import (
    BatchResult,
    MatchEngineError,
    batch_top_k,
    batch_top_k_dask,
    probe_scheduler,
    write_parquet,
)
from pasarkerja.match.index import VacancyIndex
from pasarkerja.match.records import (
    COMPONENTS,
    ComponentScore,
    MatchInputError,
    MatchResult,
    SeekerProfile,
    SkillRelatedness,
    VacancyProfile,
    WorkSpell,
    seeker_profile_from_fields,
    skill_relatedness_from_catalogue,
    vacancy_profile_from_fields,
)
from pasarkerja.match.score import passes_filters, score_pair
from pasarkerja.match.service import (
    ProfileVacancyIndex,
    SeekerIndex,
    build_vacancy_index,
    recommend_vacancies,
    shortlist_seekers,
)
from pasarkerja.match.settings import MatchSettings
from pasarkerja.match.tables import SeekerTable, VacancyTable, encode_seekers, encode_vacancies

__all__ = [
    "COMPONENTS",
    "BatchResult",
    "ComponentScore",
    "MatchEngineError",
    "MatchInputError",
    "MatchResult",
    "MatchSettings",
    "ProfileVacancyIndex",
    "SeekerIndex",
    "SeekerProfile",
    "SeekerTable",
    "SkillRelatedness",
    "VacancyIndex",
    "VacancyProfile",
    "VacancyTable",
    "WorkSpell",
    "batch_top_k",
    "batch_top_k_dask",
    "build_vacancy_index",
    "encode_seekers",
    "encode_vacancies",
    "passes_filters",
    "probe_scheduler",
    "recommend_vacancies",
    "score_pair",
    "seeker_profile_from_fields",
    "shortlist_seekers",
    "skill_relatedness_from_catalogue",
    "vacancy_profile_from_fields",
    "write_parquet",
]
