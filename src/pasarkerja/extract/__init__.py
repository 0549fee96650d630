"""Extract layer: job ads, CVs and training syllabi → occupation (ISCO-08), skills, education, experience,
pay, region, terms and ILO-standard flags, each with a confidence and the span it came from.

One way in: ``vacancy(text, title=None, location=None)``, ``profile(text)``, ``programme(text, title=None)``
(``bulk_extractor()`` gives the same methods without the slow embedding fallback, for many texts at once);
each result has ``.to_dict()`` giving the stable JSON shape documented in docs/EXTRACTION.md.
"""

from pasarkerja.extract.extractor import (
    Extractor,
    bulk_extractor,
    default_extractor,
    embeddings_enabled_by_default,
    profile,
    programme,
    set_default_extractor,
    vacancy,
)
from pasarkerja.extract.facts import (
    CertificationFact,
    EducationFact,
    EmploymentTypeFact,
    ExperienceFact,
    ExtractionError,
    Flag,
    HoursFact,
    OccupationCandidate,
    OccupationFact,
    PayFact,
    ProfileFacts,
    ProgrammeFacts,
    RegionFact,
    SkillFact,
    VacancyFacts,
    WorkingTimeFact,
)

__all__ = [
    "CertificationFact",
    "EducationFact",
    "EmploymentTypeFact",
    "ExperienceFact",
    "ExtractionError",
    "Extractor",
    "Flag",
    "HoursFact",
    "OccupationCandidate",
    "OccupationFact",
    "PayFact",
    "ProfileFacts",
    "ProgrammeFacts",
    "RegionFact",
    "SkillFact",
    "VacancyFacts",
    "WorkingTimeFact",
    "bulk_extractor",
    "default_extractor",
    "embeddings_enabled_by_default",
    "profile",
    "programme",
    "set_default_extractor",
    "vacancy",
]
