"""What an indicator engine does: filter one *base* relation to a period, derive the dimension columns, and
aggregate by grouping sets. DuckDB (:mod:`pasarkerja.lmi.engine_duckdb`) and Dask
(:mod:`pasarkerja.lmi.engine_dask`) implement the same bases with the same rules; everything after
aggregation (ratios, shares, ranks, suppression) is shared code in :mod:`pasarkerja.lmi.compute`.

Bases, and the measure columns each offers besides its dimensions:

``seekers_active``       seekers on the register on the period's last day E: registered_on ≤ E and
                         (inactive_since is null or inactive_since > E) — ``seeker_id``
``seekers_registered``   seekers with registered_on in [S, E] — ``seeker_id``
``seekers_on_register``  seekers on the register at any time in [S, E] — ``seeker_id``, ``placed`` (bool: a
                         placement dated in [S, E])
``vacancies_posted``     non-draft vacancies with posted_date in [S, E] — ``vacancy_id``, ``openings``,
                         ``pay`` (Rp/month, midpoint), ``below_min`` (bool; null when not checkable),
                         ``discriminatory`` (bool; null when never extracted)
``vacancies_open``       non-draft vacancies with posted_date ≤ E and (closed_on null or closed_on ≥ E) —
                         ``vacancy_id``, ``openings``
``referrals``            referrals (applications of kind ``referral``) to a vacancy, created in [S, E] —
                         ``application_id``,
                         ``seeker_id``
``placements``           placements dated in [S, E] — ``placement_id``, ``seeker_id``, ``under``/``over``/
                         ``assessed`` (bools: education against the ISCO norm of the job)
``vacancy_skills``       (vacancy, skill) pairs of ``vacancies_posted`` — ``vacancy_id``
``seeker_skills``        (seeker, skill) pairs of ``seekers_active`` — ``seeker_id``

Dimension values are strings; an unknown value is ``""`` and a margin is
:data:`~pasarkerja.lmi.definitions.TOTAL`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import pandas as pd

from pasarkerja.lmi.periods import Period

MeasureOp = Literal["count", "sum", "nunique", "count_nonnull", "count_true", "q25", "q50", "q75"]
QUANTILES = {"q25": 0.25, "q50": 0.5, "q75": 0.75}
ROWS = "_rows"  # every aggregate also counts its rows, so empty grouping sets can be dropped

# Which relation and date columns bound each base's coverage (for "no data for period X").
COVERAGE: dict[str, tuple[str, tuple[str, ...]]] = {
    "seekers_active": ("seeker", ("registered_on", "inactive_since")),
    "seekers_registered": ("seeker", ("registered_on",)),
    "seekers_on_register": ("seeker", ("registered_on", "inactive_since")),
    "seeker_skills": ("seeker", ("registered_on", "inactive_since")),
    "vacancies_posted": ("vacancy", ("posted_date",)),
    "vacancies_open": ("vacancy", ("posted_date",)),
    "vacancy_skills": ("vacancy", ("posted_date",)),
    "referrals": ("application", ("created_on",)),
    "placements": ("placement", ("placed_on",)),
}
SEEKER_BASES = frozenset({"seekers_active", "seekers_registered", "seekers_on_register", "seeker_skills"})
SKILL_BASES = frozenset({"vacancy_skills", "seeker_skills"})


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    op: MeasureOp
    column: str | None = None


class Engine(Protocol):
    name: str

    def aggregate(
        self,
        base: str,
        period: Period,
        grouping_sets: Sequence[tuple[str, ...]],
        filters: Mapping[str, tuple[str, ...]],
        measures: Sequence[Measure],
    ) -> pd.DataFrame:
        """One row per group of each grouping set: every dimension of the union of the sets as a string
        column (TOTAL where the set rolls it up), each measure, and :data:`ROWS`. Empty groups are absent."""
        ...

    def coverage(self, base: str) -> tuple[dt.date | None, dt.date | None]:
        """The first and last date the base's relation records (None, None when it is empty)."""
        ...

    def close(self) -> None: ...


def dimension_union(grouping_sets: Sequence[tuple[str, ...]]) -> list[str]:
    seen: list[str] = []
    for group in grouping_sets:
        for name in group:
            if name not in seen:
                seen.append(name)
    return seen
