"""One-line reasons for a match, in Indonesian and English, built from the score's own parts.

"Cocok: 7 dari 9 keterampilan wajib; lokasi sama (Kota Bekasi); gaji sesuai harapan"
"Match: 7 of 9 required skills; same location (Kota Bekasi); pay meets expectation"
"""

from __future__ import annotations

from pasarkerja.match.records import MatchResult, SeekerProfile, VacancyProfile
from pasarkerja.match.settings import MatchSettings


def region_name(code: str | None) -> str:
    """The region's name from the taxonomy, or the code itself when the taxonomy does not know it."""
    if code is None:
        return "?"
    from pasarkerja.taxonomy.regions import regions

    region = regions().get(code)
    return region.name if region is not None else code


def reasons(
    seeker: SeekerProfile,
    vacancy: VacancyProfile,
    result: MatchResult,
    location_kind: str,
    settings: MatchSettings,
) -> tuple[str, str]:
    parts_id: list[str] = []
    parts_en: list[str] = []

    essential = len(result.matched_essential) + len(result.missing_essential)
    optional = len(result.matched_optional) + len(result.missing_optional)
    if not seeker.skill_ids:
        parts_id.append("belum ada keterampilan tercatat, diurutkan menurut jabatan dan lokasi")
        parts_en.append("no skills recorded, ranked on occupation and location")
    elif essential:
        parts_id.append(f"{len(result.matched_essential)} dari {essential} keterampilan wajib")
        parts_en.append(f"{len(result.matched_essential)} of {essential} required skills")
    elif optional:
        parts_id.append(f"{len(result.matched_optional)} dari {optional} keterampilan tambahan")
        parts_en.append(f"{len(result.matched_optional)} of {optional} optional skills")
    else:
        parts_id.append("lowongan tidak mencantumkan keterampilan")
        parts_en.append("the vacancy lists no skills")
    if result.related_skills and seeker.skill_ids:
        parts_id.append(f"{len(result.related_skills)} keterampilan serupa")
        plural = "s" if len(result.related_skills) > 1 else ""
        parts_en.append(f"{len(result.related_skills)} related skill{plural}")

    shared = _shared_levels(seeker, vacancy)
    if shared == 4:
        parts_id.append("jabatan sesuai")
        parts_en.append("same occupation")
    elif shared == 3:
        parts_id.append("jabatan serumpun")
        parts_en.append("related occupation")

    name = region_name(vacancy.region_code)
    location_texts = {
        "same_regency": (f"lokasi sama ({name})", f"same location ({name})"),
        "preferred": (f"lokasi pilihan ({name})", f"preferred location ({name})"),
        "same_province": (f"provinsi sama ({name})", f"same province ({name})"),
        "remote": ("bisa kerja jarak jauh", "remote work possible"),
        "relocate": (f"bersedia pindah ({name})", f"willing to relocate ({name})"),
        "far": (f"lokasi jauh ({name})", f"distant location ({name})"),
    }
    location_id, location_en = location_texts[location_kind]
    parts_id.append(location_id)
    parts_en.append(location_en)

    pay = result.component("pay")
    if pay.applicable:
        if pay.value >= 1.0:
            parts_id.append("gaji sesuai harapan")
            parts_en.append("pay meets expectation")
        else:
            parts_id.append("gaji di bawah harapan")
            parts_en.append("pay below expectation")
    if _below_minimum(seeker, vacancy):
        parts_id.append("pendidikan di bawah syarat")
        parts_en.append("education below requirement")
    if result.component("experience").value < 1.0:
        parts_id.append("pengalaman kurang dari syarat")
        parts_en.append("less experience than required")

    weak = result.score < settings.weak_match_below
    head_id, head_en = ("Kurang cocok", "Weak match") if weak else ("Cocok", "Match")
    return f"{head_id}: " + "; ".join(parts_id), f"{head_en}: " + "; ".join(parts_en)


def _shared_levels(seeker: SeekerProfile, vacancy: VacancyProfile) -> int:
    from pasarkerja.match.score import isco_shared_levels

    code = vacancy.occupation_code
    if code is None:
        return 0
    return max((isco_shared_levels(c, code) for c in seeker.occupation_codes()), default=0)


def _below_minimum(seeker: SeekerProfile, vacancy: VacancyProfile) -> bool:
    from pasarkerja.taxonomy.education import education_rank

    if vacancy.min_education is None or seeker.education_level is None:
        return False
    return education_rank(seeker.education_level) < education_rank(vacancy.min_education)
