"""An in-memory taxonomy: occupations (ISCO-08 groups and finer occupations), skills and which skills each
occupation needs, with exact, normalised and fuzzy label look-ups in Indonesian and English.

Built from plain records, so it works the same on the shipped ISCO-08 groups alone
(:meth:`Taxonomy.reference`), on the ESCO catalogue, or on records read back from the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from pasarkerja.taxonomy.labels import normalise_label
from pasarkerja.taxonomy.records import (
    OccupationRecord,
    OccupationSkillRecord,
    Requirement,
    SkillRecord,
)


class TaxonomyError(ValueError):
    """Inconsistent taxonomy input (names the record and field)."""


def _labels_of_occupation(record: OccupationRecord) -> list[str]:
    return [label for label in (record.title_en, record.title_id, *record.alt_labels) if label]


def _labels_of_skill(record: SkillRecord) -> list[str]:
    return [label for label in (record.label_en, record.label_id, *record.alt_labels) if label]


class _LabelIndex:
    """Exact and normalised label → keys, plus a lazily built fuzzy-search list."""

    def __init__(self) -> None:
        self.exact: dict[str, list[str]] = defaultdict(list)
        self.normalised: dict[str, list[str]] = defaultdict(list)
        self._choices: list[str] | None = None
        self._choice_keys: list[list[str]] | None = None

    def add(self, key: str, labels: Iterable[str]) -> None:
        for label in labels:
            if key not in self.exact[label]:
                self.exact[label].append(key)
            norm = normalise_label(label)
            if norm and key not in self.normalised[norm]:
                self.normalised[norm].append(key)

    def lookup(self, label: str) -> list[str]:
        keys = self.exact.get(label)
        if keys:
            return list(keys)
        return list(self.normalised.get(normalise_label(label), ()))

    def search(
        self, query: str, limit: int, min_score: float, tie_break: Callable[[str], Any] = str
    ) -> list[tuple[str, float]]:
        from rapidfuzz import fuzz, process  # imported on first search: keeps `import pasarkerja` fast

        norm = normalise_label(query)
        if not norm or limit <= 0:
            return []
        if self._choices is None or self._choice_keys is None:
            self._choices = list(self.normalised)
            self._choice_keys = [self.normalised[label] for label in self._choices]
        best: dict[str, float] = {}
        # Several labels may belong to one record: ask for more than `limit`, keep each record's best label.
        for _label, score, position in process.extract(
            norm, self._choices, scorer=fuzz.WRatio, limit=limit * 5 + 10, score_cutoff=min_score
        ):
            for key in self._choice_keys[position]:
                if score > best.get(key, -1.0):
                    best[key] = float(score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], tie_break(item[0])))
        return ranked[:limit]


class Taxonomy:
    """Occupations, skills and occupation–skill links, indexed for look-up."""

    def __init__(
        self,
        occupations: Iterable[OccupationRecord],
        skills: Iterable[SkillRecord] = (),
        occupation_skills: Iterable[OccupationSkillRecord] = (),
    ) -> None:
        self._occupations: dict[str, OccupationRecord] = {}
        for occupation in occupations:
            if occupation.code in self._occupations:
                raise TaxonomyError(f"occupation {occupation.code!r}: field 'code' is duplicated")
            self._occupations[occupation.code] = occupation
        self._children: dict[str, list[str]] = defaultdict(list)
        for occupation in self._occupations.values():
            parent = occupation.parent_code
            if parent is None:
                continue
            if parent not in self._occupations:
                raise TaxonomyError(
                    f"occupation {occupation.code!r}: field 'parent_code' names unknown occupation {parent!r}"
                )
            self._children[parent].append(occupation.code)
        for codes in self._children.values():
            codes.sort()

        self._skills: dict[str, SkillRecord] = {}
        for skill in skills:
            if skill.id in self._skills:
                raise TaxonomyError(f"skill {skill.id!r}: field 'id' is duplicated")
            self._skills[skill.id] = skill

        self._skills_of: dict[str, list[tuple[str, Requirement]]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for link in occupation_skills:
            if link.occupation_code not in self._occupations:
                raise TaxonomyError(
                    f"occupation_skill ({link.occupation_code!r}, {link.skill_id!r}): "
                    "field 'occupation_code' names an unknown occupation"
                )
            if link.skill_id not in self._skills:
                raise TaxonomyError(
                    f"occupation_skill ({link.occupation_code!r}, {link.skill_id!r}): field 'skill_id' "
                    "names an unknown skill"
                )
            if link.relation not in ("essential", "optional"):
                raise TaxonomyError(
                    f"occupation_skill ({link.occupation_code!r}, {link.skill_id!r}): field 'relation' "
                    f"is {link.relation!r}, expected 'essential' or 'optional'"
                )
            if (link.occupation_code, link.skill_id) in seen:
                continue
            seen.add((link.occupation_code, link.skill_id))
            self._skills_of[link.occupation_code].append((link.skill_id, link.relation))

        self._occupation_labels = _LabelIndex()
        for occupation in self._occupations.values():
            self._occupation_labels.add(occupation.code, _labels_of_occupation(occupation))
        self._skill_labels = _LabelIndex()
        for skill in self._skills.values():
            self._skill_labels.add(skill.id, _labels_of_skill(skill))

    @classmethod
    def reference(cls) -> Taxonomy:
        """A taxonomy of the shipped ISCO-08 groups (levels 1–4) alone, without skills."""
        from pasarkerja.taxonomy.reference import isco_groups

        return cls(isco_groups().values())

    # ----------------------------------------------------------------------------------------------
    # Records

    @property
    def occupations(self) -> dict[str, OccupationRecord]:
        return dict(self._occupations)

    @property
    def skills(self) -> dict[str, SkillRecord]:
        return dict(self._skills)

    def occupation(self, code: str) -> OccupationRecord | None:
        return self._occupations.get(code)

    def skill(self, skill_id: str) -> SkillRecord | None:
        return self._skills.get(skill_id)

    def children(self, code: str) -> list[OccupationRecord]:
        """The occupations directly under ``code``, by code."""
        return [self._occupations[c] for c in self._children.get(code, ())]

    def skills_of(self, occupation_code: str, relation: Requirement | None = None) -> list[SkillRecord]:
        """Skills linked to an occupation (essential and optional, or only ``relation``), in input order."""
        return [
            self._skills[skill_id]
            for skill_id, rel in self._skills_of.get(occupation_code, ())
            if relation is None or rel == relation
        ]

    # ----------------------------------------------------------------------------------------------
    # Label look-ups

    def occupations_by_label(self, label: str) -> list[OccupationRecord]:
        """Occupations whose English/Indonesian preferred or alternative label is ``label``: exact match
        first, then after :func:`normalise_label`."""
        return [self._occupations[c] for c in self._occupation_labels.lookup(label)]

    def skills_by_label(self, label: str) -> list[SkillRecord]:
        """Skills whose preferred or alternative label is ``label`` (exact, then normalised)."""
        return [self._skills[s] for s in self._skill_labels.lookup(label)]

    def search_occupations(
        self, query: str, limit: int = 10, min_score: float = 50.0
    ) -> list[tuple[OccupationRecord, float]]:
        """Fuzzy search (rapidfuzz WRatio, 0–100) over all occupation labels, best first; on equal scores the
        more specific occupation first (KBJI repeats a title at minor and unit level, e.g. 512/5120)."""
        found = self._occupation_labels.search(query, limit, min_score, self._specific_first)
        return [(self._occupations[c], s) for c, s in found]

    def _specific_first(self, code: str) -> tuple[int, str]:
        return (-self._occupations[code].level, code)

    def search_skills(
        self, query: str, limit: int = 10, min_score: float = 50.0
    ) -> list[tuple[SkillRecord, float]]:
        """Fuzzy search (rapidfuzz WRatio, 0–100) over all skill labels, best first."""
        return [(self._skills[s], score) for s, score in self._skill_labels.search(query, limit, min_score)]

    def __repr__(self) -> str:
        details: dict[str, Any] = {
            "occupations": len(self._occupations),
            "skills": len(self._skills),
            "links": sum(len(v) for v in self._skills_of.values()),
        }
        return f"Taxonomy({', '.join(f'{k}={v}' for k, v in details.items())})"
