"""Demo data: a seeded, realistic Indonesian labour-market picture (:mod:`.generator`, pure) and its loader
into the database (:mod:`.load`), used by ``pasarkerja demo`` / ``make demo`` and by benchmarks.

Import the loader from :mod:`pasarkerja.ingest.demo.load`; this package module only re-exports the pure
generator so that benchmarks can use it without importing the store.
"""

from pasarkerja.ingest.demo.generator import (
    DemoApprenticeship,
    DemoEmployer,
    DemoPersonal,
    DemoProgramme,
    DemoProvider,
    DemoSeeker,
    DemoVacancy,
    DemoVocabulary,
    DemoWork,
    SeekerArrays,
    VacancyArrays,
    default_vocabulary,
    generate_apprenticeships,
    generate_employers,
    generate_training,
    iter_seeker_arrays,
    iter_seekers,
    iter_vacancies,
    seeker_arrays,
    vacancy_arrays,
)

__all__ = [
    "DemoApprenticeship",
    "DemoEmployer",
    "DemoPersonal",
    "DemoProgramme",
    "DemoProvider",
    "DemoSeeker",
    "DemoVacancy",
    "DemoVocabulary",
    "DemoWork",
    "SeekerArrays",
    "VacancyArrays",
    "default_vocabulary",
    "generate_apprenticeships",
    "generate_employers",
    "generate_training",
    "iter_seeker_arrays",
    "iter_seekers",
    "iter_vacancies",
    "seeker_arrays",
    "vacancy_arrays",
]
