"""Pydantic response and request models of the JSON API (they make ``/openapi.json`` meaningful)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _FromAttributes(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Health(BaseModel):
    status: str = Field(description="'ok' when the database answers")
    database: str = Field(description="Database backend: sqlite or postgresql")


class Counts(_FromAttributes):
    seekers_active: int
    vacancies_open: int
    openings: int = Field(description="Sum of openings over open vacancies")
    programmes: int = Field(description="Active training programmes")
    employers: int


class ProvinceCounts(_FromAttributes):
    province_code: str | None = Field(description="Kemendagri province code; null: no region recorded")
    province_name: str | None
    seekers_active: int
    vacancies_open: int
    openings: int
    programmes: int


class MajorGroupCounts(_FromAttributes):
    major_group: str | None = Field(description="ISCO-08 major group digit; null: no occupation recorded")
    title_id: str | None = Field(description="KBJI 2014 Indonesian title")
    title_en: str | None = Field(description="ISCO-08 English title")
    seekers_active: int
    vacancies_open: int
    openings: int


class Stats(BaseModel):
    totals: Counts
    by_province: list[ProvinceCounts]
    by_major_group: list[MajorGroupCounts]


class VacancySummary(_FromAttributes):
    id: int
    title: str
    employer_name: str | None
    region_code: str | None
    region_name: str | None
    province_name: str | None
    occupation_code: str | None
    occupation_title: str | None
    employment_type: str | None
    pay_min: int | None = Field(description="Rupiah")
    pay_max: int | None = Field(description="Rupiah")
    pay_period: str | None
    openings: int
    posted_date: dt.date | None
    closing_date: dt.date | None
    status: str


class VacancySkill(_FromAttributes):
    skill_id: str
    label: str
    requirement: str = Field(description="essential or optional")


class VacancyDetail(VacancySummary):
    description: str | None
    min_education: str | None
    min_education_label: str | None
    education_field: str | None
    min_experience_years: float | None
    working_time: str | None
    remote: bool
    skills: list[VacancySkill]


class PageInfo(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int


class VacancyPage(PageInfo):
    items: list[VacancySummary]


class ProgrammeSummary(_FromAttributes):
    id: int
    title: str
    provider_name: str | None
    provider_kind: str | None = Field(description="BLK, LPK or online")
    region_code: str | None
    region_name: str | None
    hours_jp: int | None = Field(description="Length in JP (jam pelajaran, 45 minutes)")
    cost_rp: int | None
    modality: str
    capacity: int | None
    certification: str | None
    is_active: bool


class ProgrammePage(PageInfo):
    items: list[ProgrammeSummary]


class SeekerSummary(_FromAttributes):
    id: int
    region_code: str | None
    region_name: str | None
    education_level: str | None
    education_label: str | None
    skills_count: int
    is_active: bool
    registered_on: dt.date | None
    willing_to_relocate: bool = False
    accepts_remote: bool = False
    preferred_employment_type: str | None = None
    preferred_working_time: str | None = Field(default=None, description="shift or non-shift")
    name: str | None = Field(
        default=None, description="Full name, decrypted only for roles allowed to read personal data"
    )


class SeekerPage(PageInfo):
    items: list[SeekerSummary]


class Region(_FromAttributes):
    code: str
    level: str = Field(description="province or regency")
    name: str
    province_code: str


class Occupation(_FromAttributes):
    code: str
    level: int = Field(description="1–4: ISCO-08 levels; 5: a finer local/ESCO occupation")
    isco_code: str
    title_en: str
    title_id: str | None


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1024)


class UserInfo(BaseModel):
    username: str
    role: str


class Message(BaseModel):
    detail: str


class ExtractRequest(BaseModel):
    kind: Literal["vacancy", "profile", "programme"] = Field(
        default="vacancy",
        description="vacancy (job ad), profile (CV or a seeker's own text), programme (syllabus)",
    )
    text: str = Field(max_length=2_000_000, description="The text as written (Indonesian or English)")
    title: str | None = Field(default=None, max_length=300, description="Job or programme title, if separate")
    location: str | None = Field(default=None, max_length=300, description="Location as the ad states it")


class ExtractResponse(BaseModel):
    """The stable shape documented in docs/EXTRACTION.md (occupation, skills, education, experience, pay,
    region, employment_type, working_time, flags); every value carries a confidence and a span."""

    model_config = ConfigDict(extra="allow")

    kind: str
    language: str | None = None
    skills: list[dict[str, Any]] = Field(default_factory=list)
    flags: list[dict[str, Any]] = Field(default_factory=list)
