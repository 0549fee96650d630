"""Career paths: occupations adjacent to the seeker's, each with its gap and the local demand for it.

Adjacency of occupation B to the seeker's occupation A (docs/GAP.md)::

    adjacency = skill_share × Jaccard(skills(A), skills(B)) + (1 − skill_share) × shared_isco_levels(A, B) / 4

where skills are the occupation's essential ∪ optional skills and ``shared_isco_levels`` counts the leading
ISCO-08 levels both codes share (4 same unit group … 1 same major group). A seeker without an occupation is
compared through their own skill set (Jaccard only). Candidates must reach ``min_jaccard`` or share at least
``min_isco_levels`` levels; the seeker's own occupations are not listed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pasarkerja.gap.analysis import DEFAULT_OPTIONAL_WEIGHT, occupation_target, rank_missing
from pasarkerja.gap.catalogue import EMPTY_CATALOGUE, Catalogue
from pasarkerja.gap.records import CareerPath, GapInputError, OccupationProfile
from pasarkerja.match.records import SeekerProfile
from pasarkerja.match.score import isco_shared_levels


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def career_paths(
    seeker: SeekerProfile,
    occupations: Sequence[OccupationProfile],
    catalogue: Catalogue = EMPTY_CATALOGUE,
    *,
    local_openings: Mapping[str, int] | None = None,
    from_occupations: Sequence[str] | None = None,
    skill_share: float = 0.7,
    min_jaccard: float = 0.1,
    min_isco_levels: int = 3,
    limit: int = 10,
    optional_weight: float = DEFAULT_OPTIONAL_WEIGHT,
) -> list[CareerPath]:
    """Adjacent occupations, most adjacent first (then more local openings, then code).

    ``local_openings``: occupation code → open vacancies' openings in the seeker's province (computed by the
    caller; occupations absent count 0). ``from_occupations`` defaults to the seeker's preferred and past
    occupations.
    """
    if not 0.0 <= skill_share <= 1.0:
        raise GapInputError(f"skill_share must be in [0, 1], got {skill_share!r}")
    if limit < 1:
        raise GapInputError(f"limit must be ≥ 1, got {limit!r}")
    demand = local_openings or {}
    profiles = {o.code: o for o in occupations}
    sources = list(from_occupations if from_occupations is not None else seeker.occupation_codes())
    own = set(sources)
    # Each source is compared through its own skill profile; an occupation unknown to the catalogue (or no
    # occupation at all) is compared through the seeker's skills.
    held = frozenset(seeker.skill_ids)
    bases: list[tuple[str | None, frozenset[str]]] = [
        (code, profiles[code].skill_set if code in profiles else held) for code in sources
    ] or [(None, held)]
    best: dict[str, tuple[float, float, int, str | None]] = {}
    for occupation in occupations:
        if occupation.code in own:
            continue
        skills = occupation.skill_set
        for source, base in bases:
            similarity = jaccard(base, skills)
            levels = isco_shared_levels(source, occupation.code) if source is not None else 0
            if similarity < min_jaccard and levels < min_isco_levels:
                continue
            if source is None:
                adjacency = similarity
            else:
                adjacency = skill_share * similarity + (1.0 - skill_share) * levels / 4.0
            if occupation.code not in best or adjacency > best[occupation.code][0]:
                best[occupation.code] = (adjacency, similarity, levels, source)
    ranked = sorted(best, key=lambda c: (-best[c][0], -int(demand.get(c, 0)), c))[:limit]
    paths: list[CareerPath] = []
    for code in ranked:
        adjacency, similarity, levels, source = best[code]
        target = occupation_target(seeker, profiles[code])
        paths.append(
            CareerPath(
                occupation_code=code,
                title=profiles[code].title,
                from_occupation=source,
                jaccard=similarity,
                isco_shared_levels=levels,
                adjacency=adjacency,
                local_openings=int(demand.get(code, 0)),
                gap=target,
                missing=rank_missing([target], catalogue, optional_weight=optional_weight),
            )
        )
    return paths
