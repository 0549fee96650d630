"""Whole-ad extraction through the one way in: real-looking Indonesian and English ads with exact
expectations, profiles, programmes, the JSON shape, bad input and a property test over random text."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pasarkerja.extract as extract
from pasarkerja.extract import ExtractionError, Extractor, VacancyFacts
from test_extract_skills_occupation import LABELS, SKILLS, TITLES  # the small hand-made vocabularies

AD_OPERATOR = """PT Sinar Jaya Abadi adalah perusahaan manufaktur kemasan plastik di kawasan industri
Cikarang.
Baca Juga: Lowongan Kerja Terbaru Hari Ini
Dibutuhkan segera: OPERATOR PRODUKSI

Tanggung Jawab:
• Menjalankan mesin injection sesuai SOP
• Melakukan stock opname bahan baku

Kualifikasi:
1. Pria, usia max 25 th
2. Pendidikan min. SMA/SMK sederajat
3. Pengalaman min 1 thn di bidang yg sama, fresh graduate dipersilakan melamar
4. Memiliki SIM C (diutamakan)
5. Tinggi badan min 165 cm, tidak buta warna
6. Bersedia bekerja 3 shift

Fasilitas:
- Gaji Rp 4.500.000 – Rp 5.000.000 per bulan
- BPJS Kesehatan & Ketenagakerjaan
Share this:
Facebook | Twitter | WhatsApp
Cara Melamar: kirim CV ke email rekrutmen@contoh.co.id
Lamar sekarang
"""

AD_ANALYST = """About the company
We are a fast-growing e-commerce logistics company in Jakarta.

Responsibilities
- Build weekly dashboards and reports in Excel
- Reconcile stock data with the warehouse team

Requirements
- Bachelor's degree in Computer Science, Statistics or related field
- 2-4 years of experience as a data analyst
- Advanced Excel (pivot table, VLOOKUP)
- Fluent in English; C++ is a plus

Benefits
- Salary IDR 8-12 juta per month, negotiable
- Hybrid working: 3 days WFH a week

Location: Jakarta Barat
Employment type: Full-time, contract 12 months (PKWT)
"""

AD_SPG_RUN_ON = (
    "Lowongan SPG Kosmetik Surabaya. Kualifikasi: Wanita, usia maks 25 tahun. Berpenampilan menarik. "
    "Tinggi badan min 160 cm. Pendidikan minimal SMA sederajat. Pengalaman tidak diutamakan. Bisa berbahasa "
    "Inggris lebih disukai. Benefit: Gaji UMK Surabaya + insentif penjualan. Status: karyawan kontrak. "
    "Lokasi: Tunjungan Plaza, Surabaya. Cara melamar: kirim CV via WhatsApp."
)

AD_DRIVER = """DICARI DRIVER HARIAN
Persyaratan:
- Memiliki SIM A aktif
- Laki-laki, maksimal 40 tahun
- Bersedia kerja Senin - Sabtu, 07.00-16.00
Gaji: Rp 80rb/hari (harian lepas)
Penempatan: Kota Semarang
"""

AD_HTML_STAFF = (
    "<div><h3>Deskripsi Pekerjaan</h3><ul><li>Membuat jurnal umum dan laporan keuangan bulanan</li>"
    "<li>Menghitung dan melaporkan pajak (SPT)</li><li>Mengolah data dengan Ms. Excel</li></ul>"
    "<h3>Kualifikasi</h3><ul><li>S1 Akuntansi</li><li>Pengalaman 1&ndash;2 tahun</li>"
    "<li>Belum menikah</li></ul><p>Gaji: Rp 5.500.000 &ndash; Rp 6.500.000</p></div>"
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(SKILLS, TITLES, LABELS, use_embeddings=False)


def _at(text: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return text[span[0] : span[1]]


def _spans_within(
    facts: VacancyFacts, text: str, title: str | None = None, location: str | None = None
) -> None:
    sources = {"text": text, "title": title or "", "location": location or ""}
    values: list[object] = [
        facts.occupation,
        facts.education,
        facts.experience,
        facts.pay,
        facts.region,
        facts.employment_type,
        facts.working_time,
        *facts.skills,
        *facts.flags,
    ]
    for value in values:
        if value is None:
            continue
        span = getattr(value, "span", None)
        if span is None:
            continue
        source = sources[getattr(value, "source", "text")]
        assert 0 <= span[0] <= span[1] <= len(source), (value, len(source))


def test_operator_ad(extractor: Extractor) -> None:
    title, location = "Operator Produksi (Pria)", "Kab. Bekasi"
    facts = extractor.vacancy(AD_OPERATOR, title=title, location=location)
    text = AD_OPERATOR
    assert facts.language == "id"
    assert facts.occupation is not None
    assert (facts.occupation.code, facts.occupation.method, facts.occupation.confidence) == (
        "8189",
        "dictionary-exact",
        1.0,
    )
    assert [(s.id, s.required, _at(text, s.span)) for s in facts.skills] == [
        ("sk.stock", "essential", "stock opname"),
        ("sk.sim-c", "optional", "SIM C"),
    ]
    assert facts.education is not None
    assert (facts.education.level, _at(text, facts.education.span)) == ("SMA", "SMA/SMK sederajat")
    assert facts.experience is not None
    assert (facts.experience.min_years, facts.experience.max_years, facts.experience.fresh_graduate_ok) == (
        1.0,
        None,
        True,
    )
    assert _at(text, facts.experience.span) == "min 1 thn di bidang yg sama, fresh graduate"
    pay = facts.pay
    assert (pay.kind, pay.min_rp, pay.max_rp, pay.period, pay.monthly_min_rp, pay.monthly_max_rp) == (
        "range",
        4_500_000,
        5_000_000,
        "month",
        4_500_000,
        5_000_000,
    )
    assert _at(text, pay.span) == "Rp 4.500.000 – Rp 5.000.000 per bulan"
    assert facts.region is not None
    assert (facts.region.code, facts.region.province_code, facts.region.source) == ("3216", "32", "location")
    assert facts.employment_type is None
    assert facts.working_time is not None
    assert (facts.working_time.shift_work, facts.working_time.shifts) == (True, 3)
    assert [(f.kind, f.text, f.source) for f in facts.flags] == [
        ("sex", "Pria", "title"),
        ("sex", "Pria", "text"),
        ("age", "usia max 25 th", "text"),
        ("height_weight", "Tinggi badan min 165 cm", "text"),
        ("health", "tidak buta warna", "text"),
    ]
    _spans_within(facts, text, title, location)


def test_english_analyst_ad(extractor: Extractor) -> None:
    text = AD_ANALYST
    facts = extractor.vacancy(text, title="Data Analyst")
    assert facts.language == "en"
    assert [(s.id, s.required, _at(text, s.span)) for s in facts.skills] == [
        ("sk.excel", "essential", "Excel"),
        ("sk.excel-advanced", "essential", "Advanced Excel"),
        ("sk.english", "optional", "English"),
        ("sk.c++", "optional", "C++"),
    ]
    assert facts.education is not None
    assert (facts.education.level, facts.education.field) == ("S1", "Computer Science")
    assert facts.experience is not None
    assert (facts.experience.min_years, facts.experience.max_years, _at(text, facts.experience.span)) == (
        2.0,
        4.0,
        "2-4 years",
    )
    assert (facts.pay.kind, facts.pay.min_rp, facts.pay.max_rp, facts.pay.period) == (
        "range",
        8_000_000,
        12_000_000,
        "month",
    )
    assert _at(text, facts.pay.span) == "IDR 8-12 juta per month"
    assert facts.region is not None
    assert (facts.region.code, facts.region.remote, _at(text, facts.region.span)) == (
        "3173",
        False,
        "Jakarta Barat",
    )
    assert facts.employment_type is not None and facts.employment_type.type == "contract"
    assert facts.flags == ()
    # "Data Analyst" is not in the small dictionary: the description's skills vote (Excel, advanced Excel).
    assert facts.occupation is not None
    assert (facts.occupation.code, facts.occupation.method) == ("3313", "description")


def test_run_on_spg_ad_with_flags(extractor: Extractor) -> None:
    text = AD_SPG_RUN_ON
    facts = extractor.vacancy(text)
    assert [(f.kind, f.text) for f in facts.flags] == [
        ("sex", "Wanita"),
        ("age", "usia maks 25 tahun"),
        ("appearance", "Berpenampilan menarik"),
        ("height_weight", "Tinggi badan min 160 cm"),
    ]
    assert facts.education is not None and facts.education.level == "SMA"
    assert facts.experience is not None and (
        facts.experience.min_years,
        facts.experience.fresh_graduate_ok,
    ) == (0.0, True)
    assert (facts.pay.kind, facts.pay.components, _at(text, facts.pay.span)) == (
        "minimum-wage-reference",
        ("insentif",),
        "Gaji UMK",
    )
    assert facts.region is not None and (facts.region.code, facts.region.name) == ("3578", "Kota Surabaya")
    assert facts.employment_type is not None
    assert (facts.employment_type.type, _at(text, facts.employment_type.span)) == (
        "contract",
        "karyawan kontrak",
    )
    assert [(s.id, s.required) for s in facts.skills] == [("sk.english", "optional")]
    _spans_within(facts, text)


def test_daily_driver_ad_below_minimum_wage(extractor: Extractor) -> None:
    text = AD_DRIVER
    facts = extractor.vacancy(text)
    assert facts.occupation is not None
    assert (facts.occupation.code, facts.occupation.source, _at(text, facts.occupation.span)) == (
        "8322",
        "text",
        "DRIVER",
    )
    assert [(s.id, s.required) for s in facts.skills] == [("sk.sim-a", "essential")]
    pay = facts.pay
    assert (pay.kind, pay.min_rp, pay.period, pay.monthly_min_rp) == ("exact", 80_000, "day", 80_000 * 25)
    assert facts.region is not None and (facts.region.code, facts.region.province_code) == ("3374", "33")
    assert facts.employment_type is not None and facts.employment_type.type == "daily"
    assert facts.working_time is not None
    assert (facts.working_time.days_per_week, facts.working_time.hours_per_day) == (6, 9.0)
    # Rp 80,000 × 25 days = Rp 2,000,000 a month, under Central Java's UMP.
    assert [(f.kind, f.text) for f in facts.flags] == [
        ("sex", "Laki-laki"),
        ("age", "maksimal 40 tahun"),
        ("pay_below_minimum_wage", "Rp 80rb/hari"),
    ]


def test_html_ad_with_generic_title(extractor: Extractor) -> None:
    html = AD_HTML_STAFF
    facts = extractor.vacancy(html, title="Staff", location="Jakarta Selatan")
    assert facts.occupation is not None
    assert (facts.occupation.code, facts.occupation.method) == ("3313", "description")
    assert [c.code for c in facts.occupation.candidates] == ["3313", "2411", "4110"]
    assert [(s.id, _at(html, s.span)) for s in facts.skills] == [
        ("sk.accounting", "jurnal umum"),
        ("sk.tax", "pajak"),
        ("sk.excel", "Ms. Excel"),
    ]
    assert facts.education is not None and (facts.education.level, facts.education.field) == (
        "S1",
        "Akuntansi",
    )
    assert facts.experience is not None
    assert (facts.experience.min_years, facts.experience.max_years) == (1.0, 2.0)
    assert _at(html, facts.experience.span) == "1&ndash;2 tahun"
    assert _at(html, facts.pay.span) == "Rp 5.500.000 &ndash; Rp 6.500.000"
    assert [(f.kind, f.text) for f in facts.flags] == [("marital_status", "Belum menikah")]


def test_to_dict_is_the_documented_json_shape(extractor: Extractor) -> None:
    data = extractor.vacancy(AD_OPERATOR, title="Operator Produksi", location="Kab. Bekasi").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {
        "kind", "language", "occupation", "skills", "education", "experience", "pay", "region",
        "employment_type", "working_time", "flags",
    }  # fmt: skip
    assert set(data["occupation"]) >= {"code", "label", "confidence", "candidates"}
    assert data["occupation"]["candidates"] == [{"code": "8189", "score": 1.0}]
    assert set(data["skills"][0]) >= {"id", "label", "type", "required", "span"}
    assert data["skills"][1]["required"] == "optional"
    assert data["pay"]["span"] == list(extractor.vacancy(AD_OPERATOR).pay.span or ())
    assert data["employment_type"] is None


def test_profile_facts(extractor: Extractor) -> None:
    cv = (
        "Admin Gudang\n"
        "Pengalaman 3 tahun sebagai admin gudang di distributor sparepart.\n"
        "Pendidikan: SMK jurusan Akuntansi\n"
        "Keahlian: Ms. Excel, stock opname, mengoperasikan forklift\n"
        "Domisili: Kota Bekasi"
    )
    facts = extractor.profile(cv)
    assert facts.occupation is not None and (facts.occupation.code, facts.occupation.source) == (
        "4321",
        "text",
    )
    # In a CV every mention counts, the field of study included.
    assert [(s.id, s.required) for s in facts.skills] == [
        ("sk.accounting", "essential"),
        ("sk.excel", "essential"),
        ("sk.stock", "essential"),
        ("sk.forklift", "essential"),
    ]
    assert facts.education is not None and (facts.education.level, facts.education.field) == (
        "SMK",
        "Akuntansi",
    )
    assert facts.experience is not None and facts.experience.min_years == 3.0
    assert facts.region is not None and facts.region.code == "3275"
    assert facts.to_dict()["kind"] == "profile"


def test_programme_facts(extractor: Extractor) -> None:
    syllabus = (
        "Pelatihan Operator Forklift berbasis kompetensi, 80 JP (10 hari).\n"
        "Materi: K3 pesawat angkat, mengoperasikan forklift, stock opname.\n"
        "Peserta mengikuti uji kompetensi BNSP sesuai SKKNI."
    )
    facts = extractor.programme(syllabus, title="Operator Forklift")
    assert [s.id for s in facts.skills] == ["sk.forklift", "sk.stock"]
    assert facts.hours is not None and (facts.hours.jp, facts.hours.days) == (80.0, 10.0)
    assert [c.kind for c in facts.certifications] == ["BNSP", "SKKNI"]
    assert facts.to_dict()["kind"] == "programme"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  ",
        "\x00\x01\x02\xff\ufffd" * 50,
        "<html><body><script>var a = '<p>';</script><p>Gaji &#xZZ; &bogus; <b>unclosed",
        "🔥🔥 Lowongan 🚀 ✓ ✓ 日本語 العربية русский 💼 Gaji Rp 4.5.00.000 / 5,000.000 ❤️",
        "Rp Rp Rp 1.2.3.4.5.6.7.8.9 jt jt rb - - - s/d s/d min min",
        "\ud800 lone surrogate \udfff",
    ],
)
def test_bad_input_gives_clean_facts(extractor: Extractor, text: str) -> None:
    facts = extractor.vacancy(text, title="", location="")
    _spans_within(facts, text)
    json.dumps(facts.to_dict())


def test_empty_text_gives_empty_facts(extractor: Extractor) -> None:
    facts = extractor.vacancy("")
    assert facts.to_dict() == {
        "kind": "vacancy",
        "language": "unknown",
        "occupation": None,
        "skills": [],
        "education": None,
        "experience": None,
        "pay": {
            "kind": "not-stated", "min_rp": None, "max_rp": None, "period": None, "monthly_min_rp": None,
            "monthly_max_rp": None, "components": [], "currency": "IDR", "span": None, "confidence": 1.0,
        },
        "region": None,
        "employment_type": None,
        "working_time": None,
        "flags": [],
    }  # fmt: skip


def test_non_text_input_raises_extraction_error(extractor: Extractor) -> None:
    with pytest.raises(ExtractionError, match=r"vacancy\.text: bytes that are not UTF-8"):
        extractor.vacancy(b"\xff\xfe\x00garbage")  # type: ignore[arg-type]
    with pytest.raises(ExtractionError, match=r"vacancy\.title: expected text \(str\), got int"):
        extractor.vacancy("Gaji UMR", title=42)  # type: ignore[arg-type]
    with pytest.raises(ExtractionError, match=r"profile\.text: text of 2,000,001 characters"):
        extractor.profile("a" * 2_000_001)
    assert extractor.vacancy(b"Gaji UMR").pay.kind == "minimum-wage-reference"  # type: ignore[arg-type]


def test_one_megabyte_ad_is_processed(extractor: Extractor) -> None:
    unit = AD_OPERATOR + "\n"
    text = (unit * (1_048_576 // len(unit) + 1))[:1_048_576]
    started = time.perf_counter()
    facts = extractor.vacancy(text)
    elapsed = time.perf_counter() - started
    assert facts.pay.kind == "range"
    assert elapsed < 20, elapsed
    _spans_within(facts, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(), title=st.one_of(st.none(), st.text(max_size=60)))
def test_vacancy_never_raises_and_spans_stay_in_the_text(
    extractor: Extractor, text: str, title: str | None
) -> None:
    facts = extractor.vacancy(text, title=title)
    _spans_within(facts, text, title)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.lists(
        st.sampled_from(
            [
                "Kualifikasi:",
                "- ",
                "Gaji",
                "Rp",
                "4.500.000",
                "jt",
                "s/d",
                "min",
                "thn",
                "usia",
                "Pria",
                "SIM C",
                "Excel",
                "\n",
                " ",
                "<li>",
                "&amp;",
                "diutamakan",
                "tidak perlu",
                "Lokasi:",
                "Bekasi",
                "•",
                "1.",
                "UMR",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_vacancy_on_ad_like_noise(extractor: Extractor, text: str) -> None:
    facts = extractor.vacancy(text)
    _spans_within(facts, text)
    for skill in facts.skills:
        assert text[skill.span[0] : skill.span[1]].strip()


def test_module_level_functions_use_a_lazy_default(
    monkeypatch: pytest.MonkeyPatch, extractor: Extractor
) -> None:
    extract.set_default_extractor(extractor)
    try:
        assert extract.default_extractor() is extractor
        assert extract.vacancy(AD_DRIVER).pay.min_rp == 80_000
        assert extract.profile("Pendidikan S1").education is not None
        assert extract.programme("Pelatihan 40 JP").hours is not None
    finally:
        extract.set_default_extractor(None)
    monkeypatch.setenv("PASARKERJA_EXTRACT_EMBEDDINGS", "0")
    assert extract.embeddings_enabled_by_default() is False
    monkeypatch.setenv("PASARKERJA_EXTRACT_EMBEDDINGS", "1")
    assert extract.embeddings_enabled_by_default() is True
