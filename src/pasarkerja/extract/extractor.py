"""The one way in: an ``Extractor`` holds the compiled vocabularies and turns a vacancy, a profile (CV or a
seeker's free text) or a training programme into its facts. A module-level default is built lazily once
and reused; build your own to pass other vocabularies or switch the embedding stages off."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from pasarkerja.extract.common import check_text
from pasarkerja.extract.education import extract_education
from pasarkerja.extract.experience import extract_experience
from pasarkerja.extract.facts import (
    ExtractionError,
    ProfileFacts,
    ProgrammeFacts,
    Span,
    VacancyFacts,
)
from pasarkerja.extract.flags import extract_flags
from pasarkerja.extract.occupation import OccupationCoder, TitleEntry
from pasarkerja.extract.pay import extract_pay
from pasarkerja.extract.programme import extract_certifications, extract_hours
from pasarkerja.extract.region import Resolver, extract_region
from pasarkerja.extract.skills import SkillExtractor
from pasarkerja.extract.terms import extract_employment_type, extract_working_time
from pasarkerja.taxonomy.education import resolve_education as _resolve_education
from pasarkerja.taxonomy.records import EducationLevelRecord, SkillRecord
from pasarkerja.taxonomy.reference import minimum_wage
from pasarkerja.taxonomy.regions import RegionMatch
from pasarkerja.taxonomy.regions import resolve_region as _resolve_region
from pasarkerja.text.document import analyse


@lru_cache(maxsize=65_536)
def _resolve_region_cached(text: str) -> RegionMatch | None:
    return _resolve_region(text)


@lru_cache(maxsize=65_536)
def _resolve_education_cached(text: str) -> EducationLevelRecord | None:
    return _resolve_education(text)


class Extractor:
    """Vocabularies compiled once (skill automaton, title dictionary); extraction methods are pure.

    ``use_embeddings`` switches both embedding fallbacks (occupation labels, skill labels) on or off;
    without them extraction is purely lexical and fast. The other arguments default to the shipped
    vocabularies and taxonomy look-ups and exist so tests and evaluations can pass their own.
    """

    def __init__(
        self,
        skills: Sequence[SkillRecord] | None = None,
        titles: Sequence[TitleEntry] | None = None,
        occupation_labels: Mapping[str, str] | None = None,
        *,
        use_embeddings: bool = True,
        skill_threshold: float = 0.9,
        resolve_region: Resolver = _resolve_region,
        resolve_education: Callable[[str], EducationLevelRecord | None] = _resolve_education,
        minimum_wage: Callable[[str], int | None] = minimum_wage,
    ) -> None:
        if skills is None:
            from pasarkerja.taxonomy.vocab import skill_catalogue

            skills = skill_catalogue()
        self.use_embeddings = use_embeddings
        self.skills = SkillExtractor(skills, use_embeddings=use_embeddings, threshold=skill_threshold)
        self.occupations = OccupationCoder(
            titles, occupation_labels, skills=skills, use_embeddings=use_embeddings
        )
        # The taxonomy look-ups are pure; ads repeat the same few thousand places and phrases, so the
        # shipped ones are memoised (a caller's own functions are used as given).
        self._resolve_region = _resolve_region_cached if resolve_region is _resolve_region else resolve_region
        if resolve_region is _resolve_region:
            # builds the region name indexes now (≈ 0.2 s, part of start-up) rather than inside the first ad
            _resolve_region("Kota Bandung")
        self._resolve_education = (
            _resolve_education_cached if resolve_education is _resolve_education else resolve_education
        )
        self._minimum_wage = minimum_wage

    def vacancy(self, text: str, title: str | None = None, location: str | None = None) -> VacancyFacts:
        """Facts of a job ad. Spans point into ``text``, or into ``title``/``location`` when the fact's
        ``source`` says so. Raises ``ExtractionError`` for input that is not text or is too long."""
        text = check_text(text, "vacancy", "text")
        title = check_text(title, "vacancy", "title") or None
        location = check_text(location, "vacancy", "location") or None
        try:
            doc = analyse(text)
            # One automaton pass for the skill keys and every extractor's trigger words, first.
            self.skills.scan(doc)
            working_time = extract_working_time(doc)
            education = extract_education(doc, self._resolve_education)
            experience = extract_experience(doc)
            pay = extract_pay(doc, days_per_week=working_time.days_per_week if working_time else None)
            region = extract_region(doc, location, self._resolve_region)
            employment_type = extract_employment_type(doc, title)
            flags = extract_flags(doc, title, pay, region, employment_type, self._minimum_wage)
            covered: list[Span] = [f.span for f in (education, experience) if f is not None]
            covered += [flag.span for flag in flags if flag.source == "text"]
            if pay.span is not None:
                covered.append(pay.span)
            skills = self.skills.extract(doc, covered=covered)
            if title:
                occupation = self.occupations.code(title, doc, skills)
            else:
                occupation = self.occupations.code_from_text(doc, skills)
            return VacancyFacts(
                language=doc.language,
                occupation=occupation,
                skills=skills,
                education=education,
                experience=experience,
                pay=pay,
                region=region,
                employment_type=employment_type,
                working_time=working_time,
                flags=flags,
            )
        except ExtractionError:
            raise
        except Exception as error:  # a bug must surface as a clear error, never as a crash of the caller
            raise ExtractionError(f"vacancy.text: extraction failed ({type(error).__name__})") from error

    def profile(self, text: str) -> ProfileFacts:
        """Facts of a CV or a seeker's free text: every skill mentioned (``required`` is ``essential``),
        education, years of experience, the occupation of the headline or first lines, region."""
        text = check_text(text, "profile", "text")
        try:
            doc = analyse(text)
            skills = self.skills.extract(doc, requirements_semantics=False)
            return ProfileFacts(
                language=doc.language,
                occupation=self.occupations.code_from_text(doc, skills),
                skills=skills,
                education=extract_education(doc, self._resolve_education),
                experience=extract_experience(doc),
                region=extract_region(doc, None, self._resolve_region),
            )
        except ExtractionError:
            raise
        except Exception as error:
            # The message never quotes the text: a CV is personal data.
            raise ExtractionError(f"profile.text: extraction failed ({type(error).__name__})") from error

    def programme(self, text: str, title: str | None = None) -> ProgrammeFacts:
        """Facts of a training syllabus: skills taught, hours (JP), certification, target occupation."""
        text = check_text(text, "programme", "text")
        title = check_text(title, "programme", "title") or None
        try:
            doc = analyse(text)
            skills = self.skills.extract(doc, requirements_semantics=False)
            if title:
                occupation = self.occupations.code(title, doc, skills)
            else:
                occupation = self.occupations.code_from_text(doc, skills)
            return ProgrammeFacts(
                language=doc.language,
                occupation=occupation,
                skills=skills,
                hours=extract_hours(doc),
                certifications=extract_certifications(doc),
                education=extract_education(doc, self._resolve_education),
                region=extract_region(doc, None, self._resolve_region),
            )
        except ExtractionError:
            raise
        except Exception as error:
            raise ExtractionError(f"programme.text: extraction failed ({type(error).__name__})") from error


_DEFAULT: Extractor | None = None
_LOCK = threading.Lock()


def embeddings_enabled_by_default() -> bool:
    """``PASARKERJA_EXTRACT_EMBEDDINGS=0`` (or false/no/off) switches the default extractor's embedding
    fallbacks off."""
    return os.environ.get("PASARKERJA_EXTRACT_EMBEDDINGS", "1").strip().lower() not in (
        "0",
        "false",
        "no",
        "off",
    )


def default_extractor() -> Extractor:
    """The shared extractor over the shipped vocabularies, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = Extractor(use_embeddings=embeddings_enabled_by_default())
    return _DEFAULT


_BULK: Extractor | None = None


def bulk_extractor() -> Extractor:
    """The shared extractor for many texts at once (imports, JSON Lines): the lexical stages only.

    The embedding fallback costs 50–100 ms per requirement line without a lexical hit (about one ad per
    second), which suits a single ad an officer pastes in but would turn an import of thousands of rows into
    hours; bulk paths therefore never use it, whatever the default extractor does."""
    global _BULK
    if _BULK is None:
        with _LOCK:
            if _BULK is None:
                _BULK = Extractor(use_embeddings=False)
    return _BULK


def set_default_extractor(extractor: Extractor | None) -> None:
    """Replace the shared extractor (None: rebuild it lazily on next use)."""
    global _DEFAULT
    with _LOCK:
        _DEFAULT = extractor


def vacancy(text: str, title: str | None = None, location: str | None = None) -> VacancyFacts:
    return default_extractor().vacancy(text, title, location)


def profile(text: str) -> ProfileFacts:
    return default_extractor().profile(text)


def programme(text: str, title: str | None = None) -> ProgrammeFacts:
    return default_extractor().programme(text, title)
