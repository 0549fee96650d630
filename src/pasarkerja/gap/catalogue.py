"""The training catalogue indexed by skill: which programmes and apprenticeships teach what."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pasarkerja.gap.records import Apprenticeship, GapInputError, OccupationProfile, Programme


def essential_skills_by_occupation(occupations: Iterable[OccupationProfile]) -> dict[str, tuple[str, ...]]:
    """Occupation code → its essential skill ids (what an apprenticeship in that occupation teaches)."""
    return {o.code: tuple(dict.fromkeys(o.essential_skill_ids)) for o in occupations}


@dataclass(frozen=True)
class Catalogue:
    """Programmes and apprenticeships, with ``occupation_skills`` (occupation code → essential skill ids)
    telling what each apprenticeship teaches. Ids must be unique within each kind."""

    programmes: Sequence[Programme] = ()
    apprenticeships: Sequence[Apprenticeship] = ()
    occupation_skills: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for kind, items in (("programme", self.programmes), ("apprenticeship", self.apprenticeships)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise GapInputError(f"{kind} id {item.id!r} occurs more than once in the catalogue")
                seen.add(item.id)
        teaches: dict[str, list[str]] = {}
        for programme in self.programmes:
            if not programme.is_active:
                continue
            for skill in dict.fromkeys(programme.skill_ids):
                teaches.setdefault(skill, []).append(programme.id)
        cost = {p.id: p.cost_rp for p in self.programmes}
        # Cheapest first (unknown cost last) so a page can show "taught by" in a useful order.
        for ids in teaches.values():
            ids.sort(key=lambda i: (cost[i] is None, cost[i] or 0, i))
        apprenticeships: dict[str, list[str]] = {}
        for offer in self.apprenticeships:
            for skill in self.apprenticeship_skills(offer):
                apprenticeships.setdefault(skill, []).append(offer.id)
        object.__setattr__(self, "_programmes_for", {k: tuple(v) for k, v in teaches.items()})
        object.__setattr__(self, "_apprenticeships_for", {k: tuple(v) for k, v in apprenticeships.items()})

    def apprenticeship_skills(self, offer: Apprenticeship) -> tuple[str, ...]:
        """The essential skills of the offer's occupation (empty when the occupation is unknown)."""
        if offer.occupation_code is None:
            return ()
        return tuple(dict.fromkeys(self.occupation_skills.get(offer.occupation_code, ())))

    def programmes_for(self, skill_id: str) -> tuple[str, ...]:
        """Active programmes teaching the skill, cheapest first."""
        found: dict[str, tuple[str, ...]] = self._programmes_for  # type: ignore[attr-defined]
        return found.get(skill_id, ())

    def apprenticeships_for(self, skill_id: str) -> tuple[str, ...]:
        found: dict[str, tuple[str, ...]] = self._apprenticeships_for  # type: ignore[attr-defined]
        return found.get(skill_id, ())

    def teaches(self, skill_id: str) -> bool:
        return bool(self.programmes_for(skill_id) or self.apprenticeships_for(skill_id))


EMPTY_CATALOGUE = Catalogue()
