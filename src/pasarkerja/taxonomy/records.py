"""Plain typed records of the taxonomy: what every other layer exchanges with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SkillType = Literal["skill", "knowledge", "tool-software", "language", "licence-certificate", "transversal"]
Requirement = Literal["essential", "optional"]
RegionLevel = Literal["province", "regency"]


@dataclass(frozen=True, slots=True)
class OccupationRecord:
    """An ISCO-08 group (level 1–4, code of that many digits) or a finer occupation (level 5).

    Finer occupations are keyed under their unit group, ``<isco4>_<n>`` (e.g. ``7212_1``), so ESCO
    occupations and Indonesian local titles sit in one tree.
    """

    code: str
    level: int
    isco_code: str
    title_en: str
    title_id: str | None = None
    title_id_is_translation: bool = False
    parent_code: str | None = None
    description: str | None = None
    alt_labels: tuple[str, ...] = ()
    esco_uri: str | None = None
    source: str = "isco08"


@dataclass(frozen=True, slots=True)
class SkillGroupRecord:
    id: str
    label_en: str
    code: str | None = None
    label_id: str | None = None
    parent_id: str | None = None
    esco_uri: str | None = None


@dataclass(frozen=True, slots=True)
class SkillRecord:
    id: str
    label_en: str
    type: SkillType
    label_id: str | None = None
    alt_labels: tuple[str, ...] = ()
    group_id: str | None = None
    esco_uri: str | None = None
    description: str | None = None
    source: str = "pasarkerja"
    isco_codes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class OccupationSkillRecord:
    occupation_code: str
    skill_id: str
    relation: Requirement


@dataclass(frozen=True, slots=True)
class RegionRecord:
    """Province (2-digit) or regency/city (4-digit) with its Kemendagri code (the NIK prefix)."""

    code: str
    level: RegionLevel
    name: str
    province_code: str
    bps_code: str | None = None


@dataclass(frozen=True, slots=True)
class EducationLevelRecord:
    code: str
    rank: int
    label_id: str
    label_en: str
    isced: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IndustrySectionRecord:
    code: str
    title_id: str
    title_en: str


@dataclass(frozen=True, slots=True)
class MinimumWageRecord:
    province_code: str
    year: int
    amount_rp: int
