"""Unit tests of the field extractors: education, experience, pay, employment type, working time, region,
flags and programme specifics — values, confidences and spans into the original text."""

from __future__ import annotations

import pytest

from pasarkerja.extract.education import extract_education
from pasarkerja.extract.experience import extract_experience
from pasarkerja.extract.facts import PayFact, RegionFact
from pasarkerja.extract.flags import extract_flags
from pasarkerja.extract.pay import extract_pay, parse_number, to_monthly
from pasarkerja.extract.programme import extract_certifications, extract_hours
from pasarkerja.extract.region import extract_region
from pasarkerja.extract.terms import extract_employment_type, extract_working_time


def _at(text: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return text[span[0] : span[1]]


@pytest.mark.parametrize(
    ("text", "level", "field", "any_field", "surface"),
    [
        ("Min. SMA/SMK sederajat", "SMA", None, False, "SMA/SMK sederajat"),
        ("Pendidikan minimal D3/S1", "D3", None, False, "D3/S1"),
        ("S1 Teknik Informatika", "S1", "Teknik Informatika", False, "S1 Teknik Informatika"),
        ("D3 semua jurusan, IPK min 3.00", "D3", "semua jurusan", True, "D3 semua jurusan"),
        (
            "Lulusan S1 jurusan Akuntansi/Manajemen",
            "S1",
            "Akuntansi/Manajemen",
            False,
            "S1 jurusan Akuntansi/Manajemen",
        ),
        (
            "Bachelor's degree in Computer Science",
            "S1",
            "Computer Science",
            False,
            "Bachelor's degree in Computer Science",
        ),
        ("Minimal lulusan SD", "SD", None, False, "SD"),
        ("Pendidikan: STM jurusan Mesin", "SMK", "Mesin", False, "STM jurusan Mesin"),
    ],
)
def test_education(text: str, level: str, field: str | None, any_field: bool, surface: str) -> None:
    fact = extract_education(text)
    assert fact is not None
    assert (fact.level, fact.field, fact.any_field) == (level, field, any_field)
    assert _at(text, fact.span) == surface
    assert 0 < fact.confidence <= 1


@pytest.mark.parametrize("text", ["Menguasai master data", "Scrum master berpengalaman", "sd card 32 GB", ""])
def test_education_ignores_ambiguous_words_out_of_context(text: str) -> None:
    assert extract_education(text) is None


@pytest.mark.parametrize(
    ("text", "minimum", "maximum", "fresh", "surface"),
    [
        ("min 2 tahun", 2.0, None, False, "min 2 tahun"),
        ("Memiliki pengalaman minimal 2 tahun sebagai admin", 2.0, None, False, "minimal 2 tahun"),
        (
            "Pengalaman min 1 thn di bidang yg sama, fresh graduate dipersilakan melamar",
            1.0,
            None,
            True,
            "min 1 thn di bidang yg sama, fresh graduate",
        ),
        ("1–3 years of experience in sales", 1.0, 3.0, False, "1–3 years"),
        ("Pengalaman kerja 6 bulan", 0.5, None, False, "6 bulan"),
        ("At least 3+ years experience", 3.0, None, False, "At least 3+ years"),
        ("pengalaman tidak diutamakan", 0.0, None, True, "pengalaman tidak diutamakan"),
        ("Fresh graduate are welcome", 0.0, None, True, "Fresh graduate"),
        ("Tidak perlu berpengalaman", 0.0, None, True, "Tidak perlu berpengalaman"),
        ("Kontrak 1 tahun, pengalaman tidak diutamakan", 0.0, None, True, "pengalaman tidak diutamakan"),
    ],
)
def test_experience(text: str, minimum: float, maximum: float | None, fresh: bool, surface: str) -> None:
    fact = extract_experience(text)
    assert fact is not None
    assert (fact.min_years, fact.max_years, fact.fresh_graduate_ok) == (minimum, maximum, fresh)
    assert _at(text, fact.span) == surface


@pytest.mark.parametrize(
    "text", ["Usia maksimal 30 tahun", "Usia min 20 tahun", "Bukan fresh graduate", "Garansi 1 tahun"]
)
def test_experience_ignores_age_and_other_durations(text: str) -> None:
    assert extract_experience(text) is None


@pytest.mark.parametrize(
    ("number", "has_multiplier", "expected"),
    [
        ("4.500.000", False, (4_500_000.0, True)),
        ("5,000,000", False, (5_000_000.0, True)),
        ("5,000.000", False, (5_000_000.0, True)),
        ("4.500.000,00", False, (4_500_000.0, True)),
        ("4.5.00.000", False, (4_500_000.0, False)),
        ("4,5", True, (4.5, True)),
        ("4.5", True, (4.5, True)),
        ("1.2.3", True, None),
    ],
)
def test_parse_number(number: str, has_multiplier: bool, expected: tuple[float, bool] | None) -> None:
    assert parse_number(number, has_multiplier) == expected


def test_monthly_conversion_factors() -> None:
    assert to_monthly(25_000, "hour") == 25_000 * 173
    assert to_monthly(150_000, "day") == 150_000 * 25
    assert to_monthly(150_000, "day", days_per_week=5) == 150_000 * 21
    assert to_monthly(1_200_000, "week") == 5_200_000
    assert to_monthly(60_000_000, "year") == 5_000_000
    assert to_monthly(None, "month") is None
    assert to_monthly(1, None) is None


@pytest.mark.parametrize(
    ("text", "kind", "low", "high", "period", "monthly", "surface"),
    [
        (
            "Gaji Rp 4.500.000 – Rp 5.000.000 per month",
            "range",
            4_500_000,
            5_000_000,
            "month",
            (4_500_000, 5_000_000),
            "Rp 4.500.000 – Rp 5.000.000 per month",
        ),
        ("Gaji 4,5 jt", "exact", 4_500_000, 4_500_000, "month", (4_500_000, 4_500_000), "4,5 jt"),
        ("Rp 150rb/hari", "exact", 150_000, 150_000, "day", (3_750_000, 3_750_000), "Rp 150rb/hari"),
        (
            "Salary: IDR 5-7 juta",
            "range",
            5_000_000,
            7_000_000,
            "month",
            (5_000_000, 7_000_000),
            "IDR 5-7 juta",
        ),
        ("Gaji up to 10 juta", "maximum", None, 10_000_000, "month", (None, 10_000_000), "up to 10 juta"),
        (
            "gaji mulai dari 3 juta",
            "minimum",
            3_000_000,
            None,
            "month",
            (3_000_000, None),
            "mulai dari 3 juta",
        ),
        ("Upah Rp 25.000/jam", "exact", 25_000, 25_000, "hour", (4_325_000, 4_325_000), "Rp 25.000/jam"),
        ("gaji 4jt-5jt", "range", 4_000_000, 5_000_000, "month", (4_000_000, 5_000_000), "4jt-5jt"),
        ("Gaji 5,000.000", "exact", 5_000_000, 5_000_000, "month", (5_000_000, 5_000_000), "5,000.000"),
        (
            "Gaji Rp 4.5.00.000 per bulan",
            "exact",
            4_500_000,
            4_500_000,
            "month",
            (4_500_000, 4_500_000),
            "Rp 4.5.00.000 per bulan",
        ),
    ],
)
def test_pay_amounts(
    text: str,
    kind: str,
    low: int | None,
    high: int | None,
    period: str,
    monthly: tuple[int | None, int | None],
    surface: str,
) -> None:
    fact = extract_pay(text)
    assert (fact.kind, fact.min_rp, fact.max_rp, fact.period) == (kind, low, high, period)
    assert (fact.monthly_min_rp, fact.monthly_max_rp) == monthly
    assert _at(text, fact.span) == surface


def test_pay_with_odd_separators_has_lower_confidence() -> None:
    assert (
        extract_pay("Gaji Rp 4.5.00.000 per bulan").confidence
        < extract_pay("Gaji Rp 4.500.000 per bulan").confidence
    )


def test_pay_daily_rate_with_five_day_week() -> None:
    assert extract_pay("Rp 150rb/hari", days_per_week=5).monthly_max_rp == 150_000 * 21


def test_pay_references_and_components() -> None:
    umr = extract_pay("Gaji UMR/UMK + insentif")
    assert (umr.kind, umr.min_rp, umr.components) == ("minimum-wage-reference", None, ("insentif",))
    assert _at("Gaji UMR/UMK + insentif", umr.span) == "Gaji UMR/UMK"
    nego = extract_pay("Salary negotiable")
    assert (nego.kind, _at("Salary negotiable", nego.span)) == ("negotiable", "Salary negotiable")
    parts = extract_pay("Gaji pokok + insentif menarik")
    assert (parts.kind, parts.components) == ("not-stated", ("gaji pokok", "insentif"))
    basic = extract_pay("Gaji Rp. 3.500.000,- /bulan + insentif")
    assert (basic.kind, basic.max_rp, basic.components) == ("exact", 3_500_000, ("insentif",))


@pytest.mark.parametrize(
    "text",
    [
        "Biaya pelatihan Rp 500.000",
        "Tidak dipungut biaya Rp 0",
        "Target penjualan Rp 50 juta",
        "Kirim CV",
        "",
        "Gaji 4,5",
    ],
)
def test_pay_not_stated(text: str) -> None:
    fact = extract_pay(text)
    assert fact == PayFact("not-stated", None, None, None, None, None, (), None, 1.0)


def test_pay_skips_allowance_before_salary() -> None:
    text = "Uang makan 25rb/hari, gaji Rp 3.000.000"
    fact = extract_pay(text)
    assert (fact.min_rp, _at(text, fact.span)) == (3_000_000, "Rp 3.000.000")


@pytest.mark.parametrize(
    ("text", "title", "kind", "surface", "source"),
    [
        ("Status: Karyawan Kontrak (PKWT) 1 tahun", None, "contract", "Karyawan Kontrak", "text"),
        ("Status karyawan tetap (PKWTT)", None, "permanent", "karyawan tetap", "text"),
        ("Dibutuhkan pekerja harian lepas", None, "daily", "pekerja harian lepas", "text"),
        ("Program magang 6 bulan", None, "internship", "magang", "text"),
        ("Part time 4 jam/hari", None, "part-time", "Part time", "text"),
        ("Dicari penulis freelance", None, "freelance", "freelance", "text"),
        ("Kirim CV", "Staff Admin (Kontrak)", "contract", "Kontrak", "title"),
    ],
)
def test_employment_type(text: str, title: str | None, kind: str, surface: str, source: str) -> None:
    fact = extract_employment_type(text, title)
    assert fact is not None
    assert (fact.type, fact.source) == (kind, source)
    assert _at(title if source == "title" else text, fact.span) == surface


@pytest.mark.parametrize(
    "text",
    ["Tugas:\n- Mengelola kontrak vendor", "Kontrak ini tidak mengikat", "Peluang menjadi karyawan tetap"],
)
def test_employment_type_ignores_non_status_mentions(text: str) -> None:
    assert extract_employment_type(text) is None


def test_working_time() -> None:
    text = "Bersedia bekerja 3 shift\nJam kerja: Senin - Jumat, 08.00 - 17.00 WIB"
    fact = extract_working_time(text)
    assert fact is not None
    assert (fact.shift_work, fact.shifts, fact.days_per_week, fact.hours_per_day) == (True, 3, 5, 9.0)
    assert _at(text, fact.span) == "3 shift"
    week = extract_working_time("6 hari kerja, 40 jam/minggu")
    assert week is not None and (week.days_per_week, week.hours_per_week, week.shift_work) == (6, 40.0, False)
    assert extract_working_time("Walk in interview jam 09.00-12.00") is None
    non_shift = extract_working_time("Non shift")
    assert non_shift is not None and non_shift.shift_work is False


def test_region_from_location_string() -> None:
    fact = extract_region("Dibutuhkan operator", location="Kab. Bekasi, Jawa Barat")
    assert fact is not None
    assert (fact.code, fact.province_code, fact.level, fact.source) == ("3216", "32", "regency", "location")


def test_region_from_location_line() -> None:
    text = "Kualifikasi:\n- Jujur\nPenempatan: Surabaya\nGaji UMK"
    fact = extract_region(text)
    assert fact is not None
    assert (fact.code, fact.name, fact.source) == ("3578", "Kota Surabaya", "text")
    assert _at(text, fact.span) == "Surabaya"


def test_region_remote() -> None:
    text = "Posisi ini fully remote (WFH)"
    fact = extract_region(text)
    assert fact is not None
    assert (fact.code, fact.remote) == (None, True)
    assert _at(text, fact.span) == "fully remote"
    assert extract_region("Bukan remote, wajib WFO") is None


def test_programme_hours_and_certification() -> None:
    text = (
        "Pelatihan Barista 160 JP (20 hari). Peserta mengikuti uji kompetensi BNSP oleh LSP P1 BLK sesuai "
        "SKKNI No. 179 Tahun 2016."
    )
    hours = extract_hours(text)
    assert hours is not None and (hours.jp, hours.hours, hours.days) == (160.0, None, 20.0)
    assert _at(text, hours.span) == "160 JP"
    certifications = extract_certifications(text)
    assert [(c.kind, c.text) for c in certifications] == [
        ("BNSP", "BNSP"),
        ("LSP", "LSP P1 BLK"),
        ("SKKNI", "SKKNI No. 179"),
    ]


FLAG_AD = """Kualifikasi:
- Wanita, usia 18-25 tahun
- Berpenampilan menarik
- Belum menikah
- Beragama Islam
- Tinggi badan min 160 cm
- Tidak buta warna
- Sehat jasmani dan rohani
- Pria/Wanita boleh melamar
- Pengalaman maksimal 2 tahun
Fasilitas:
- Produk kecantikan wanita gratis
"""


def test_flags_kinds_and_spans() -> None:
    flags = extract_flags(FLAG_AD)
    assert [(flag.kind, flag.text) for flag in flags] == [
        ("sex", "Wanita"),
        ("age", "usia 18-25 tahun"),
        ("appearance", "Berpenampilan menarik"),
        ("marital_status", "Belum menikah"),
        ("religion", "Beragama Islam"),
        ("height_weight", "Tinggi badan min 160 cm"),
        ("health", "Tidak buta warna"),
        ("health", "Sehat jasmani dan rohani"),
    ]
    for flag in flags:
        assert _at(FLAG_AD, flag.span) == flag.text


def test_flags_from_title_and_english() -> None:
    flags = extract_flags("Requirements:\n- Female, max 25 years old\n- Good looking", title="SPG Wanita")
    assert [(f.kind, f.text, f.source) for f in flags] == [
        ("sex", "Wanita", "title"),
        ("sex", "Female", "text"),
        ("age", "max 25 years old", "text"),
        ("appearance", "Good looking", "text"),
    ]


def test_pay_below_minimum_wage_flag() -> None:
    text = "Gaji Rp 2.000.000/bulan"
    pay = extract_pay(text)
    jakarta = RegionFact("3174", "Jakarta Selatan", "regency", "31", False, (0, 15), "location", 0.9)
    flags = extract_flags(text, pay=pay, region=jakarta, wage_of=lambda province: 5_396_761)
    assert [(f.kind, f.text) for f in flags] == [("pay_below_minimum_wage", "Rp 2.000.000/bulan")]
    assert (
        extract_flags(text, pay=extract_pay("Gaji Rp 6.000.000"), region=jakarta, wage_of=lambda p: 5_396_761)
        == ()
    )
    assert extract_flags(text, pay=pay, region=None) == ()
