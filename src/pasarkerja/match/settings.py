"""Every weight and threshold of the match score, in one validated settings object.

Read from ``PASARKERJA_MATCH_*`` environment variables (e.g. ``PASARKERJA_MATCH_WEIGHT_SKILLS=0.4``) or
passed explicitly. Weights must be ≥ 0 and not all zero; they are normalised to sum to 1 (set
``require_weights_sum_to_one`` to refuse anything that does not already). Values out of range stop the
engine with a message naming the field. The formula is in ``docs/MATCHING.md``.
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pasarkerja.match.records import COMPONENTS, ComponentName

Unit = Field(ge=0.0, le=1.0)


class MatchSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PASARKERJA_MATCH_", extra="forbid", frozen=True)

    # ---- component weights (normalised to sum to 1)
    weight_skills: float = Field(default=0.35, ge=0.0)
    weight_occupation: float = Field(default=0.20, ge=0.0)
    weight_education: float = Field(default=0.10, ge=0.0)
    weight_experience: float = Field(default=0.08, ge=0.0)
    weight_location: float = Field(default=0.15, ge=0.0)
    weight_pay: float = Field(default=0.07, ge=0.0)
    weight_employment: float = Field(default=0.05, ge=0.0)
    require_weights_sum_to_one: bool = False

    # ---- skills
    essential_share: float = Field(default=0.7, ge=0.0, le=1.0, description="share of essential skills")
    related_group_credit: float = Field(default=0.3, ge=0.0, le=1.0, description="same skill group")
    related_neighbour_credit: float = Field(default=0.5, ge=0.0, le=1.0, description="ESCO broader/narrower")
    similarity_threshold: float = Field(default=0.75, ge=0.0, le=1.0)
    similarity_credit: float = Field(default=0.8, ge=0.0, le=1.0, description="credit = this × similarity")

    # ---- occupation
    isco_unit_group: float = Field(default=1.0, ge=0.0, le=1.0)
    isco_minor_group: float = Field(default=0.6, ge=0.0, le=1.0)
    isco_sub_major_group: float = Field(default=0.3, ge=0.0, le=1.0)
    isco_major_group: float = Field(default=0.1, ge=0.0, le=1.0)
    occupation_skill_similarity_share: float = Field(default=0.3, ge=0.0, le=1.0)

    # ---- education
    education_exceeds: float = Field(default=0.9, ge=0.0, le=1.0)
    education_one_below: float = Field(default=0.4, ge=0.0, le=1.0)
    education_unknown: float = Field(default=0.5, ge=0.0, le=1.0)
    education_field_share: float = Field(default=0.2, ge=0.0, le=1.0)

    # ---- location
    location_same_regency: float = Field(default=1.0, ge=0.0, le=1.0)
    location_preferred_region: float = Field(default=0.9, ge=0.0, le=1.0)
    location_same_province: float = Field(default=0.6, ge=0.0, le=1.0)
    location_relocate: float = Field(default=0.4, ge=0.0, le=1.0)
    location_far: float = Field(default=0.0, ge=0.0, le=1.0)
    location_remote: float = Field(default=0.9, ge=0.0, le=1.0)

    # ---- pay
    pay_shortfall_tolerance: float = Field(
        default=0.5, gt=0.0, le=1.0, description="offered this share below expected scores 0"
    )

    # ---- employment type and working time
    working_time_share: float = Field(default=0.5, ge=0.0, le=1.0)

    # ---- hard filters and output
    only_open_vacancies: bool = True
    only_active_seekers: bool = True
    require_min_education: bool = False
    min_score: float = Field(default=0.0, ge=0.0, le=1.0)
    weak_match_below: float = Field(default=0.4, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _check(self) -> Self:
        total = sum(self.raw_weight(name) for name in COMPONENTS)
        if total <= 0:
            raise ValueError("match settings: every weight_* is 0; at least one component must count")
        if self.require_weights_sum_to_one and abs(total - 1.0) > 1e-9:
            raise ValueError(
                f"match settings: weights sum to {total:.6g}, not 1 (require_weights_sum_to_one is set)"
            )
        ladder = (
            self.isco_unit_group,
            self.isco_minor_group,
            self.isco_sub_major_group,
            self.isco_major_group,
        )
        if list(ladder) != sorted(ladder, reverse=True):
            raise ValueError(
                "match settings: ISCO proximity must not grow with distance "
                "(isco_unit_group ≥ isco_minor_group ≥ isco_sub_major_group ≥ isco_major_group)"
            )
        if not (self.location_same_regency >= self.location_same_province >= self.location_far):
            raise ValueError(
                "match settings: location_same_regency ≥ location_same_province ≥ location_far is required"
            )
        if self.location_relocate < self.location_far:
            raise ValueError("match settings: location_relocate must be ≥ location_far")
        return self

    def raw_weight(self, name: ComponentName) -> float:
        value: float = getattr(self, f"weight_{name}")
        return value

    def weight(self, name: ComponentName) -> float:
        """The normalised weight of a component (all weights sum to 1)."""
        total = sum(self.raw_weight(n) for n in COMPONENTS)
        return self.raw_weight(name) / total

    def weights(self) -> dict[ComponentName, float]:
        total = sum(self.raw_weight(n) for n in COMPONENTS)
        return {name: self.raw_weight(name) / total for name in COMPONENTS}
