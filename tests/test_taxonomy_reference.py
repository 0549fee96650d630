"""The shipped reference classifications: ISCO-08/KBJI, KBLI 2020 sections, education levels, UMP."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import shared_data
from pasarkerja.taxonomy import (
    education_levels,
    education_rank,
    industry_sections,
    isco_ancestors,
    isco_groups,
    minimum_wage,
    minimum_wages,
    provinces,
    resolve_education,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "pasarkerja" / "taxonomy" / "data"
ESCO_ZIP = "esco/ESCO dataset - v1.1.1 - classification - en - csv.zip"


# --------------------------------------------------------------------------------------------------
# ISCO-08


def test_isco_counts_per_level() -> None:
    groups = isco_groups()
    counts = {level: sum(1 for g in groups.values() if g.level == level) for level in (1, 2, 3, 4)}
    assert counts == {1: 10, 2: 43, 3: 130, 4: 436}
    assert len(groups) == 619


def test_isco_hierarchy_is_consistent() -> None:
    groups = isco_groups()
    for code, group in groups.items():
        assert group.isco_code == code
        assert len(code) == group.level
        if group.level == 1:
            assert group.parent_code is None
        else:
            assert group.parent_code == code[:-1]
            assert group.parent_code in groups
        assert group.title_en and group.title_id
        assert group.esco_uri == f"http://data.europa.eu/esco/isco/C{code}"


def test_isco_codes_and_english_titles_match_esco() -> None:
    path = shared_data(ESCO_ZIP)
    with zipfile.ZipFile(path) as archive, archive.open("ISCOGroups_en.csv") as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    esco = {r["code"]: " ".join(r["preferredLabel"].split()) for r in rows if r["conceptType"] == "ISCOGroup"}
    ours = {code: g.title_en for code, g in isco_groups().items()}
    assert ours == esco


def test_isco_indonesian_titles_are_kbji_2014() -> None:
    path = shared_data("kbji_isco/kbji2014_isco08_crosswalk.csv")
    with path.open(encoding="utf-8") as handle:
        crosswalk = list(csv.DictReader(handle))
    groups = isco_groups()
    same_code = {
        r["isco08_code"]: " ".join(r["kbji2014_title_id"].split())
        for r in crosswalk
        if r["match"] == "same_code"
    }
    assert len(same_code) == 614
    for code, title in same_code.items():
        assert groups[code].title_id == title, code
        assert groups[code].title_id_is_translation is False
    translated = {code for code, g in groups.items() if g.title_id_is_translation}
    assert translated == set(groups) - set(same_code) == {"0110", "0210", "0310", "3355", "5412"}


@pytest.mark.parametrize(
    ("code", "title_id", "title_en"),
    [
        ("7212", "Pekerja Pengelasan", "Welders and flamecutters"),
        ("2512", "Pengembang Perangkat Lunak", "Software developers"),
        ("5120", "Juru Masak", "Cooks"),
        ("8322", "Pengemudi Mobil, Taksi dan Van", "Car, taxi and van drivers"),
        ("2", "Profesional", "Professionals"),
        ("2111", "Ahli Fisika dan Astronomi", "Physicists and astronomers"),  # source had a trailing NBSP
        ("3355", "Inspektur dan Detektif Kepolisian", "Police inspectors and detectives"),
    ],
)
def test_known_titles(code: str, title_id: str, title_en: str) -> None:
    group = isco_groups()[code]
    assert (group.title_id, group.title_en) == (title_id, title_en)


def test_isco_ancestors() -> None:
    assert isco_ancestors("7212") == ["721", "72", "7"]
    assert isco_ancestors("7212_3") == ["7212", "721", "72", "7"]
    assert isco_ancestors("0110") == ["011", "01", "0"]
    assert isco_ancestors("7") == []
    for bad in ("9999", "72x", "721_1", ""):
        with pytest.raises(KeyError):
            isco_ancestors(bad)


# --------------------------------------------------------------------------------------------------
# KBLI


def test_kbli_sections() -> None:
    sections = industry_sections()
    assert list(sections) == [chr(c) for c in range(ord("A"), ord("U") + 1)]
    assert sections["C"].title_id == "Industri Pengolahan"
    assert sections["C"].title_en == "Manufacturing"
    assert sections["J"].title_id == "Informasi Dan Komunikasi"
    assert sections["N"].title_en == "Administrative and support service activities"


def test_kbli_titles_match_source() -> None:
    path = shared_data("kbji_isco/kbli2020.csv")
    with path.open(encoding="utf-8") as handle:
        source = {r["kode"]: r["judul"].strip() for r in csv.DictReader(handle) if r["level"] == "kategori"}
    assert {code: s.title_id for code, s in industry_sections().items()} == source


# --------------------------------------------------------------------------------------------------
# Education levels


def test_education_codes_and_ranks() -> None:
    levels = education_levels()
    assert list(levels) == [
        "none",
        "SD",
        "SMP",
        "SMA",
        "SMK",
        "PAKET_A",
        "PAKET_B",
        "PAKET_C",
        "D1",
        "D2",
        "D3",
        "D4",
        "S1",
        "S2",
        "S3",
    ]
    rank = education_rank
    assert rank("none") < rank("SD") < rank("SMP") < rank("SMA") < rank("D1") < rank("D2") < rank("D3")
    assert rank("D3") < rank("S1") < rank("S2") < rank("S3")
    assert rank("SMA") == rank("SMK") == rank("PAKET_C")
    assert rank("SD") == rank("PAKET_A")
    assert rank("SMP") == rank("PAKET_B")
    assert rank("D4") == rank("S1")
    with pytest.raises(KeyError, match="SLTA"):
        education_rank("SLTA")


def test_education_isced_levels() -> None:
    isced = {code: level.isced for code, level in education_levels().items()}
    assert isced == {
        "none": "0",
        "SD": "1",
        "SMP": "2",
        "SMA": "3",
        "SMK": "3",
        "PAKET_A": "1",
        "PAKET_B": "2",
        "PAKET_C": "3",
        "D1": "5",
        "D2": "5",
        "D3": "5",
        "D4": "6",
        "S1": "6",
        "S2": "7",
        "S3": "8",
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SMA/SMK sederajat", "SMA"),
        ("Minimal SMA/SMK sederajat", "SMA"),
        ("SMK/SMA", "SMA"),  # equal rank: the general track is the minimum named
        ("SLTA", "SMA"),
        ("SMU", "SMA"),
        ("STM", "SMK"),
        ("SMEA", "SMK"),
        ("SMK Teknik Mesin", "SMK"),
        ("SLTP", "SMP"),
        ("lulusan SD", "SD"),
        ("tidak tamat SD", "none"),
        ("Paket C", "PAKET_C"),
        ("Diploma", "D3"),
        ("D-III", "D3"),
        ("DIII", "D3"),
        ("Diploma 3", "D3"),
        ("D3/S1", "D3"),
        ("D4", "D4"),
        ("Sarjana", "S1"),
        ("Strata 1", "S1"),
        ("S-1", "S1"),
        ("min. S1 Teknik Informatika", "S1"),
        ("Bachelor", "S1"),
        ("Bachelor's degree in Accounting", "S1"),
        ("S1/S2", "S1"),
        ("Master", "S2"),
        ("Magister", "S2"),
        ("Doktor", "S3"),
        ("PhD", "S3"),
        ("Ph.D.", "S3"),
    ],
)
def test_resolve_education(text: str, code: str) -> None:
    level = resolve_education(text)
    assert level is not None, text
    assert level.code == code


@pytest.mark.parametrize("text", ["", "   ", "fresh graduate", "di Jakarta", "pengalaman 2 tahun"])
def test_resolve_education_none(text: str) -> None:
    assert resolve_education(text) is None


# --------------------------------------------------------------------------------------------------
# Minimum wages


def _ump_2024() -> dict[str, int]:
    path = shared_data("regions_id/ump_provinsi_2015_2024.csv")
    with path.open(encoding="utf-8") as handle:
        return {
            r["kode_provinsi"]: int(r["ump_rupiah"])
            for r in csv.DictReader(handle)
            if r["tahun"] == "2024" and r["kode_provinsi"] != "00"
        }


def test_ump_2025_covers_every_province() -> None:
    ump_2025 = {r.province_code: r.amount_rp for r in minimum_wages() if r.year == 2025}
    assert set(ump_2025) == set(provinces())
    for new_papua in ("93", "94", "95", "96"):
        assert ump_2025[new_papua] > 4_000_000


def test_ump_2025_is_a_six_and_a_half_percent_rise() -> None:
    base = _ump_2024()
    assert len(base) == 38
    for code in provinces():
        amount = minimum_wage(code, 2025)
        assert amount is not None
        assert abs(amount / (base[code] * 1.065) - 1) <= 0.02, code


@pytest.mark.parametrize(
    ("province", "amount"),
    [
        ("31", 5_396_761),
        ("32", 2_191_232),
        ("33", 2_169_349),
        ("34", 2_264_080),
        ("35", 2_305_985),
        ("36", 2_905_119),
        ("51", 2_996_561),
        ("91", 4_285_848),
    ],
)
def test_ump_2025_known_values(province: str, amount: int) -> None:
    assert minimum_wage(province) == amount


def test_ump_history_and_lookups() -> None:
    assert minimum_wage("31", 2024) == 5_067_381
    assert minimum_wage("3174", 2024) == 5_067_381  # a regency code uses its province's UMP
    assert minimum_wage("93", 2021) is None  # Papua Selatan did not exist yet
    assert minimum_wage("31", 1990) is None
    records = minimum_wages()
    assert len(records) == len({(r.province_code, r.year) for r in records}) == 341 + 38
    assert all(r.province_code in provinces() for r in records)


def test_ump_history_matches_source() -> None:
    path = shared_data("regions_id/ump_provinsi_2015_2024.csv")
    with path.open(encoding="utf-8") as handle:
        source = {
            (r["kode_provinsi"], int(r["tahun"])): int(r["ump_rupiah"])
            for r in csv.DictReader(handle)
            if r["ump_rupiah"] and r["kode_provinsi"] != "00"
        }
    ours = {(r.province_code, r.year): r.amount_rp for r in minimum_wages() if r.year < 2025}
    assert ours == source


# --------------------------------------------------------------------------------------------------
# The committed files are exactly what the build script generates


def test_build_reference_reproduces_committed_files(tmp_path: Path) -> None:
    shared = shared_data(ESCO_ZIP).parents[1]
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_reference.py"),
            "--shared",
            str(shared),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    generated = sorted(p.name for p in tmp_path.iterdir())
    assert generated == sorted(p.name for p in DATA.glob("*.csv"))
    for name in generated:
        assert (tmp_path / name).read_text(encoding="utf-8") == (DATA / name).read_text(encoding="utf-8"), (
            name
        )


def test_every_data_file_names_its_source() -> None:
    for path in DATA.glob("*.csv"):
        assert path.read_text(encoding="utf-8").startswith("# source: "), path.name
