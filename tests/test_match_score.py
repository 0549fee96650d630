"""The match score: each component on hand-built cases, settings validation, explanations, and the proof
that protected attributes never move a score."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from pydantic import ValidationError

from pasarkerja.match import (
    MatchInputError,
    MatchSettings,
    SeekerProfile,
    SkillRelatedness,
    VacancyProfile,
    WorkSpell,
    score_pair,
    seeker_profile_from_fields,
    skill_relatedness_from_catalogue,
)
from pasarkerja.match.score import (
    education_score,
    experience_score,
    isco_proximity,
    location_score,
    occupation_score,
    passes_filters,
    pay_value,
    skill_coverage,
)
from pasarkerja.taxonomy.records import SkillRecord

S = MatchSettings()
RELATED = SkillRelatedness(
    skill_group={"las-listrik": "las", "las-argon": "las", "excel": "kantor", "word": "kantor"},
    neighbours={"mengemudi": frozenset({"mengemudi-truk"})},
    similarity={"akuntansi": {"pembukuan": 0.9, "pajak": 0.6}},
    occupation_similarity={"7212": {"7214": 0.5}},
)


def seeker(**changes: object) -> SeekerProfile:
    base = SeekerProfile(
        id="s1",
        skill_ids=("las-listrik", "excel"),
        preferred_occupations=("7212",),
        education_level="SMK",
        education_field="Teknik Mesin",
        experience_years=2.0,
        region_code="3275",
        expected_pay=5_000_000,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def vacancy(**changes: object) -> VacancyProfile:
    base = VacancyProfile(
        id="v1",
        essential_skill_ids=("las-listrik", "las-argon", "k3"),
        optional_skill_ids=("excel",),
        occupation_code="7212",
        min_education="SMK",
        min_experience_years=1.0,
        pay_min=4_500_000,
        pay_max=5_500_000,
        region_code="3275",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------- skills


def test_skill_coverage_counts_essential_and_optional_with_related_credit() -> None:
    coverage = skill_coverage(seeker(), vacancy(), S, RELATED)
    # essential: las-listrik 1, las-argon 0.3 (same group "las"), k3 0 → 1.3/3 × 0.7; optional excel 1 × 0.3
    assert coverage.value == pytest.approx(0.7 * 1.3 / 3 + 0.3 * 1.0, abs=1e-12)
    assert coverage.matched_essential == ("las-listrik",)
    assert coverage.missing_essential == ("las-argon", "k3")
    assert coverage.matched_optional == ("excel",)
    assert coverage.related == (("las-argon", 0.3),)


def test_skill_credit_from_esco_neighbours_and_embedding_similarity() -> None:
    driver = seeker(skill_ids=("mengemudi", "akuntansi"))
    job = vacancy(essential_skill_ids=("mengemudi-truk", "pembukuan", "pajak"), optional_skill_ids=())
    coverage = skill_coverage(driver, job, S, RELATED)
    # neighbour 0.5; similarity 0.9 ≥ 0.75 → 0.8 × 0.9 = 0.72; 0.6 is below the threshold → 0
    assert coverage.value == pytest.approx((0.5 + 0.72 + 0.0) / 3, abs=1e-12)


def test_seeker_without_skills_gets_occupation_and_location_based_result() -> None:
    result = score_pair(seeker(skill_ids=()), vacancy(), S, RELATED)
    assert not result.component("skills").applicable
    assert result.score > 0.8  # same occupation, same city, pay and education fit
    assert "belum ada keterampilan tercatat" in result.reason_id
    assert "no skills recorded, ranked on occupation and location" in result.reason_en


def test_vacancy_without_skills_is_scored_on_what_it_has() -> None:
    result = score_pair(seeker(), vacancy(essential_skill_ids=(), optional_skill_ids=()), S)
    assert not result.component("skills").applicable
    weights = S.weights()
    others = sum(w for name, w in weights.items() if name != "skills")
    expected = sum(c.weight * c.value for c in result.components if c.applicable) / others
    assert result.score == pytest.approx(expected, abs=1e-12)
    assert "the vacancy lists no skills" in result.reason_en


# --------------------------------------------------------------------------------------- occupation


def test_isco_proximity_ladder() -> None:
    assert [isco_proximity("7212", c, S) for c in ("7212", "7213", "7221", "7311", "8111", "7212_1")] == [
        1.0,
        0.6,
        0.3,
        0.1,
        0.0,
        1.0,
    ]


def test_occupation_uses_history_preferences_and_skill_similarity() -> None:
    welder = seeker(preferred_occupations=(), work_history=(WorkSpell("7214", 3.0),))
    # 7214 vs 7212: same minor group 0.6 × 0.7 + shared-skill similarity 0.5 × 0.3
    assert occupation_score(welder, vacancy(), S, RELATED) == pytest.approx(0.6 * 0.7 + 0.5 * 0.3, abs=1e-12)
    both = dataclasses.replace(welder, preferred_occupations=("7212",))
    assert occupation_score(both, vacancy(), S, RELATED) == 1.0
    assert occupation_score(seeker(preferred_occupations=()), vacancy(), S, RELATED) == 0.0


def test_occupation_similarity_from_catalogue_is_jaccard_of_linked_skills() -> None:
    skills = [
        SkillRecord("a", "A", "skill", isco_codes=("7212", "7214")),
        SkillRecord("b", "B", "skill", isco_codes=("7212",)),
        SkillRecord("c", "C", "skill", isco_codes=("7214",), group_id="g"),
    ]
    related = skill_relatedness_from_catalogue(skills)
    assert related.occupations_similarity("7214", "7212") == pytest.approx(1 / 3)
    assert related.skill_group == {"c": "g"}


# --------------------------------------------------------------------------- education, experience


@pytest.mark.parametrize(
    ("level", "minimum", "expected"),
    [
        ("SMK", "SMK", 1.0),
        ("SMA", "SMK", 1.0),
        ("S1", "SMK", 0.9),
        ("SMP", "SMK", 0.4),
        ("SD", "SMK", 0.0),
        (None, "SMK", 0.5),
        ("SD", None, 1.0),
    ],
)
def test_education_meets_exceeds_below(level: str | None, minimum: str | None, expected: float) -> None:
    assert education_score(seeker(education_level=level), vacancy(min_education=minimum), S) == expected


def test_education_field_match_bonus() -> None:
    job = vacancy(education_field="teknik mesin ")
    assert education_score(seeker(), job, S) == 1.0
    assert education_score(seeker(education_field="Akuntansi"), job, S) == pytest.approx(0.8)


def test_unknown_education_code_names_record_and_field() -> None:
    with pytest.raises(MatchInputError, match=r"seeker s1: education_level 'SMX'"):
        score_pair(seeker(education_level="SMX"), vacancy(), S)


def test_experience_partial_credit() -> None:
    assert experience_score(1.0, 4.0) == 0.25
    assert experience_score(5.0, 2.0) == 1.0
    assert experience_score(0.0, 0.0) == 1.0


# ----------------------------------------------------------------------------------------- location


@pytest.mark.parametrize(
    ("changes", "job_region", "remote", "expected"),
    [
        ({}, "3275", False, (1.0, "same_regency")),
        ({"preferred_regions": ("3216",)}, "3216", False, (0.9, "preferred")),
        ({}, "3216", False, (0.6, "same_province")),
        ({"willing_to_relocate": True}, "3578", False, (0.4, "relocate")),
        ({}, "3578", False, (0.0, "far")),
        ({"accepts_remote": True}, "3578", True, (0.9, "remote")),
        ({}, "3578", True, (0.0, "far")),
    ],
)
def test_location_rules(
    changes: dict[str, object], job_region: str, remote: bool, expected: tuple[float, str]
) -> None:
    assert location_score(seeker(**changes), vacancy(region_code=job_region, remote=remote), S) == expected


# ---------------------------------------------------------------------------------------------- pay


def test_pay_expected_vs_offered() -> None:
    assert pay_value(5_000_000, 5_500_000, S) == 1.0
    assert pay_value(5_000_000, 4_000_000, S) == pytest.approx(1 - 1_000_000 / 2_500_000)
    assert pay_value(5_000_000, 2_000_000, S) == 0.0


@pytest.mark.parametrize("bad", [math.nan, -1_000_000.0])
def test_nan_or_negative_pay_is_ignored_with_a_warning(bad: float) -> None:
    result = score_pair(seeker(), vacancy(pay_min=bad, pay_max=bad), S)
    assert not result.component("pay").applicable
    assert any("vacancy v1 pay_min" in w and "ignored" in w for w in result.warnings)
    clean = score_pair(seeker(), vacancy(pay_min=None, pay_max=None), S)
    assert result.score == clean.score and clean.warnings == ()
    bad_seeker = score_pair(seeker(expected_pay=bad), vacancy(), S)
    assert any("seeker s1 expected_pay" in w for w in bad_seeker.warnings)


def test_employment_type_and_working_time() -> None:
    picky = seeker(preferred_employment_types=("permanent",), preferred_working_times=("office",))
    assert (
        score_pair(picky, vacancy(employment_type="permanent", working_time="shift"), S)
        .component("employment")
        .value
        == 0.5
    )
    assert (
        score_pair(picky, vacancy(employment_type="daily", working_time="shift"), S)
        .component("employment")
        .value
        == 0.0
    )
    assert score_pair(seeker(), vacancy(employment_type="daily"), S).component("employment").value == 1.0


# ----------------------------------------------------------------------------------- total, reasons


def test_total_is_weighted_mean_of_applicable_components() -> None:
    result = score_pair(seeker(), vacancy(), S, RELATED)
    assert all(c.applicable for c in result.components)
    assert result.score == pytest.approx(sum(c.weight * c.value for c in result.components), abs=1e-12)
    assert sum(c.weight for c in result.components) == pytest.approx(1.0)


def test_reason_lines_in_indonesian_and_english() -> None:
    job = vacancy(essential_skill_ids=("las-listrik", "k3"), optional_skill_ids=(), region_code="3275")
    result = score_pair(seeker(), job, S)
    assert (
        result.reason_id == "Cocok: 1 dari 2 keterampilan wajib; jabatan sesuai; lokasi sama (Kota Bekasi); "
        "gaji sesuai harapan"
    )
    assert (
        result.reason_en == "Match: 1 of 2 required skills; same occupation; same location (Kota Bekasi); "
        "pay meets expectation"
    )
    weak = score_pair(
        seeker(preferred_occupations=(), education_level="SD"),
        vacancy(region_code="3578", pay_max=2_000_000, pay_min=None),
        S,
    )
    assert weak.reason_en.startswith(
        "Weak match: 1 of 3 required skills; distant location (Kota Surabaya); pay below"
    )
    assert weak.reason_id.startswith("Kurang cocok: 1 dari 3 keterampilan wajib; lokasi jauh (Kota Surabaya)")


def test_hard_filters() -> None:
    assert passes_filters(seeker(), vacancy(), S)
    assert not passes_filters(seeker(), vacancy(status="closed"), S)
    assert not passes_filters(seeker(is_active=False), vacancy(), S)
    relaxed = MatchSettings(only_open_vacancies=False, only_active_seekers=False, require_min_education=True)
    assert passes_filters(seeker(is_active=False), vacancy(status="closed"), relaxed)
    assert not passes_filters(seeker(education_level="SMP"), vacancy(), relaxed)


def test_negative_experience_is_refused_with_record_and_field() -> None:
    with pytest.raises(MatchInputError, match=r"vacancy v1: min_experience_years"):
        score_pair(seeker(), vacancy(min_experience_years=-1.0), S)


# ------------------------------------------------------------------------------------------ settings


def test_settings_normalise_weights() -> None:
    settings = MatchSettings(
        weight_skills=2,
        weight_occupation=2,
        weight_education=0,
        weight_experience=0,
        weight_location=0,
        weight_pay=0,
        weight_employment=0,
    )
    assert settings.weights()["skills"] == 0.5 and settings.weights()["pay"] == 0.0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weight_skills": -0.1}, "weight_skills"),
        (
            {
                "weight_skills": 0,
                "weight_occupation": 0,
                "weight_education": 0,
                "weight_experience": 0,
                "weight_location": 0,
                "weight_pay": 0,
                "weight_employment": 0,
            },
            "every weight_",
        ),
        ({"weight_skills": 0.5, "require_weights_sum_to_one": True}, "weights sum to 1.15"),
        ({"similarity_threshold": 1.5}, "similarity_threshold"),
        ({"isco_minor_group": 0.2, "isco_sub_major_group": 0.3}, "must not grow with distance"),
        ({"pay_shortfall_tolerance": 0}, "pay_shortfall_tolerance"),
        ({"weight_colour": 1}, "weight_colour"),
    ],
)
def test_settings_refuse_misconfiguration(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        MatchSettings(**changes)  # type: ignore[arg-type]


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASARKERJA_MATCH_WEIGHT_PAY", "-1")
    with pytest.raises(ValidationError, match="weight_pay"):
        MatchSettings()
    monkeypatch.setenv("PASARKERJA_MATCH_WEIGHT_PAY", "0")
    assert MatchSettings().weights()["pay"] == 0.0


# ------------------------------------------------------------------------------ protected attributes


PROTECTED_VARIANTS: dict[str, tuple[object, object]] = {
    "sex": ("F", "M"),
    "birth_year": (1970, 2004),
    "age": (52, 21),
    "religion": ("Islam", "Katolik"),
    "marital_status": ("kawin", "belum kawin"),
    "appearance": ("berpenampilan menarik", "biasa"),
    "disability": (None, "tunadaksa"),
    "height_cm": (150, 180),
}


def test_protected_attributes_never_move_a_score() -> None:
    """Demo seekers carry sex, birth year and personal data; a wider record adds religion, marital status,
    appearance and disability. Changing any of them changes neither the profile nor any score."""
    from pasarkerja.ingest.demo.generator import iter_seekers, iter_vacancies

    people = next(iter(iter_seekers(40, seed=7, chunk_size=40)))
    jobs = [
        VacancyProfile(
            id=v.external_id,
            essential_skill_ids=tuple(s for s, kind in v.skills if kind == "essential"),
            optional_skill_ids=tuple(s for s, kind in v.skills if kind == "optional"),
            occupation_code=v.occupation_code,
            min_education=v.min_education,
            education_field=v.education_field,
            min_experience_years=v.min_experience_years,
            pay_min=v.pay_min,
            pay_max=v.pay_max,
            region_code=v.region_code,
            remote=v.remote,
            employment_type=v.employment_type,
            working_time=v.working_time,
            openings=v.openings,
            status="open",
        )
        for v in next(iter(iter_vacancies(25, seed=7, chunk_size=25)))
    ]
    checked = 0
    for person in people[:12]:
        wide = {f.name: getattr(person, f.name) for f in dataclasses.fields(person)}
        wide.update(
            {
                "religion": "Islam",
                "marital_status": "kawin",
                "appearance": "biasa",
                "disability": None,
                "age": 30,
                "height_cm": 165,
            }
        )
        baseline = seeker_profile_from_fields(wide)
        assert baseline.skill_ids == person.skill_ids and baseline.region_code == person.region_code
        scores = [score_pair(baseline, job, S).score for job in jobs]
        for name, values in PROTECTED_VARIANTS.items():
            for value in values:
                varied = dict(wide, **{name: value})
                if name == "sex":
                    personal = dataclasses.replace(person.personal, sex=value)  # type: ignore[arg-type]
                    varied["personal"] = personal
                if name == "birth_year":
                    varied["personal"] = dataclasses.replace(
                        person.personal, birth_date=dt.date(int(value), 5, 17)
                    )  # type: ignore[call-overload]
                profile = seeker_profile_from_fields(varied)
                assert profile == baseline, name
                assert [score_pair(profile, job, S).score for job in jobs] == scores, name
                checked += 1
    assert checked == 12 * 16
    for name in PROTECTED_VARIANTS:
        assert name not in {f.name for f in dataclasses.fields(SeekerProfile)}
