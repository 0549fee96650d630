"""Typed, frozen results of extraction and their stable JSON shape (documented in docs/EXTRACTION.md).

Every extracted value carries ``confidence`` (0–1) and ``span``: ``(start, end)`` character offsets into the
input named by ``source`` — the ``text`` passed in (the default), the ``title`` or the ``location`` string —
so ``input[start:end]`` is the surface the value came from. ``span`` is ``None`` only for values that were
not found in any words (``pay.kind == "not-stated"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pasarkerja.taxonomy.records import Requirement, SkillType
from pasarkerja.text.language import Language

Span = tuple[int, int]
Source = Literal["text", "title", "location"]
OccupationMethod = Literal["dictionary-exact", "dictionary-phrase", "fuzzy", "embedding", "description"]
SkillMethod = Literal["lexical", "embedding"]
PayPeriod = Literal["hour", "day", "week", "month", "year"]
PayKind = Literal[
    "range", "exact", "minimum", "maximum", "minimum-wage-reference", "negotiable", "not-stated"
]
EmploymentType = Literal["permanent", "contract", "daily", "internship", "part-time", "freelance"]
FlagKind = Literal[
    "age",
    "sex",
    "appearance",
    "marital_status",
    "religion",
    "height_weight",
    "health",
    "pay_below_minimum_wage",
]
CertificationKind = Literal["BNSP", "SKKNI", "LSP", "certificate"]


class ExtractionError(ValueError):
    """Input that cannot be extracted from; the message names the record and the field."""


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


@dataclass(frozen=True, slots=True)
class OccupationCandidate:
    code: str
    score: float


@dataclass(frozen=True, slots=True)
class OccupationFact:
    """The ISCO-08 unit group, with the ranked candidates it was chosen from."""

    code: str
    label: str
    confidence: float
    candidates: tuple[OccupationCandidate, ...]
    method: OccupationMethod
    source: Source
    span: Span | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "confidence": self.confidence,
            "candidates": [{"code": c.code, "score": c.score} for c in self.candidates],
            "method": self.method,
            "source": self.source,
            "span": _span(self.span),
        }


@dataclass(frozen=True, slots=True)
class SkillFact:
    id: str
    label: str
    type: SkillType
    required: Requirement
    span: Span
    confidence: float
    method: SkillMethod = "lexical"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "required": self.required,
            "span": _span(self.span),
            "confidence": self.confidence,
            "method": self.method,
        }


@dataclass(frozen=True, slots=True)
class EducationFact:
    """The minimum education level asked for (a code of ``taxonomy.education_levels()``) and the field of
    study as written ("Teknik Informatika"), or ``"semua jurusan"`` when any field is accepted."""

    level: str
    level_label: str
    field: str | None
    span: Span
    confidence: float
    any_field: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "level_label": self.level_label,
            "field": self.field,
            "any_field": self.any_field,
            "span": _span(self.span),
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class ExperienceFact:
    """Years of experience asked for; ``min_years == 0`` with ``fresh_graduate_ok`` when none is needed."""

    min_years: float | None
    max_years: float | None
    fresh_graduate_ok: bool
    span: Span
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_years": self.min_years,
            "max_years": self.max_years,
            "fresh_graduate_ok": self.fresh_graduate_ok,
            "span": _span(self.span),
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class PayFact:
    """Pay as written (``min_rp``/``max_rp`` per ``period``) and normalised to Rp per month.

    Monthly conversion (see docs/EXTRACTION.md): hour × 173 (the 1/173 rule of Kepmenakertrans 102/2004),
    day × 25 (PP 36/2021, six-day week; × 21 when the ad states a five-day week), week × 52/12, year ÷ 12.
    ``components`` lists what the pay is made of when the ad says so ("gaji pokok", "insentif", "komisi").
    """

    kind: PayKind
    min_rp: int | None
    max_rp: int | None
    period: PayPeriod | None
    monthly_min_rp: int | None
    monthly_max_rp: int | None
    components: tuple[str, ...]
    span: Span | None
    confidence: float
    currency: str = "IDR"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "min_rp": self.min_rp,
            "max_rp": self.max_rp,
            "period": self.period,
            "monthly_min_rp": self.monthly_min_rp,
            "monthly_max_rp": self.monthly_max_rp,
            "components": list(self.components),
            "currency": self.currency,
            "span": _span(self.span),
            "confidence": self.confidence,
        }


NOT_STATED_PAY = PayFact("not-stated", None, None, None, None, None, (), None, 1.0)


@dataclass(frozen=True, slots=True)
class RegionFact:
    """A regency/city or province (Kemendagri code); ``code`` is None when only "remote" was said."""

    code: str | None
    name: str | None
    level: str | None
    province_code: str | None
    remote: bool
    span: Span
    source: Source
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "province_code": self.province_code,
            "remote": self.remote,
            "span": _span(self.span),
            "source": self.source,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class EmploymentTypeFact:
    type: EmploymentType
    span: Span
    confidence: float
    source: Source = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "span": _span(self.span),
            "source": self.source,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class WorkingTimeFact:
    """Shift work, days per week and hours as stated; each part is None when the ad does not say."""

    shift_work: bool
    shifts: int | None
    days_per_week: int | None
    hours_per_day: float | None
    hours_per_week: float | None
    span: Span
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "shift_work": self.shift_work,
            "shifts": self.shifts,
            "days_per_week": self.days_per_week,
            "hours_per_day": self.hours_per_day,
            "hours_per_week": self.hours_per_week,
            "span": _span(self.span),
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class Flag:
    """A requirement that ILO C111/C100 treat as likely discriminatory, or pay below the minimum wage.
    Flags are for officers' review and statistics; they are never used as matching criteria."""

    kind: FlagKind
    span: Span
    text: str
    confidence: float
    source: Source = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "span": _span(self.span),
            "text": self.text,
            "source": self.source,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class CertificationFact:
    kind: CertificationKind
    text: str
    span: Span
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "span": _span(self.span), "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class HoursFact:
    """Training hours: ``jp`` lesson hours (45 minutes each) and/or clock ``hours``, and days when stated."""

    jp: float | None
    hours: float | None
    days: float | None
    span: Span
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "jp": self.jp,
            "hours": self.hours,
            "days": self.days,
            "span": _span(self.span),
            "confidence": self.confidence,
        }


def _optional(value: Any) -> Any:
    return None if value is None else value.to_dict()


@dataclass(frozen=True, slots=True)
class VacancyFacts:
    language: Language
    occupation: OccupationFact | None
    skills: tuple[SkillFact, ...]
    education: EducationFact | None
    experience: ExperienceFact | None
    pay: PayFact
    region: RegionFact | None
    employment_type: EmploymentTypeFact | None
    working_time: WorkingTimeFact | None
    flags: tuple[Flag, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "vacancy",
            "language": self.language,
            "occupation": _optional(self.occupation),
            "skills": [skill.to_dict() for skill in self.skills],
            "education": _optional(self.education),
            "experience": _optional(self.experience),
            "pay": self.pay.to_dict(),
            "region": _optional(self.region),
            "employment_type": _optional(self.employment_type),
            "working_time": _optional(self.working_time),
            "flags": [flag.to_dict() for flag in self.flags],
        }


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    """What a CV or a seeker's free text says: skills, education, years of experience, occupation, region."""

    language: Language
    occupation: OccupationFact | None
    skills: tuple[SkillFact, ...]
    education: EducationFact | None
    experience: ExperienceFact | None
    region: RegionFact | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "profile",
            "language": self.language,
            "occupation": _optional(self.occupation),
            "skills": [skill.to_dict() for skill in self.skills],
            "education": _optional(self.education),
            "experience": _optional(self.experience),
            "region": _optional(self.region),
        }


@dataclass(frozen=True, slots=True)
class ProgrammeFacts:
    """What a training programme's syllabus says: skills taught, hours, certification, target occupation."""

    language: Language
    occupation: OccupationFact | None
    skills: tuple[SkillFact, ...]
    hours: HoursFact | None
    certifications: tuple[CertificationFact, ...]
    education: EducationFact | None
    region: RegionFact | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "programme",
            "language": self.language,
            "occupation": _optional(self.occupation),
            "skills": [skill.to_dict() for skill in self.skills],
            "hours": _optional(self.hours),
            "certifications": [c.to_dict() for c in self.certifications],
            "education": _optional(self.education),
            "region": _optional(self.region),
        }
