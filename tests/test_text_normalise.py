"""Text layer: offset mapping, normalisation, acronyms, stemming and language detection."""

from __future__ import annotations

import pytest

from pasarkerja.text import (
    MappedText,
    careful_lower,
    detect_language,
    fold,
    is_upper_in_source,
    normalise,
    normalise_phrase,
    stem,
    stem_text,
)
from pasarkerja.text.mapping import MappedBuilder


def test_identity_mapping_round_trips() -> None:
    mapped = MappedText.identity("operator produksi")
    assert mapped.to_source(0, 8) == (0, 8)
    assert mapped.to_source(9, 17) == (9, 17)


def test_builder_maps_replacements_to_whole_source_run() -> None:
    builder = MappedBuilder(10)
    builder.copy("ab ", 0)
    builder.replace("minimal", 3, 6)
    builder.copy(" cd", 6)
    mapped = builder.build()
    assert mapped.text == "ab minimal cd"
    assert mapped.to_source(3, 10) == (3, 6)
    assert mapped.to_source(5, 6) == (3, 6)
    assert mapped.to_source(11, 13) == (7, 9)
    assert mapped.to_source(0, 13) == (0, 9)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Pengalaman min 1 thn", "pengalaman minimal 1 tahun"),
        ("pengalaman min. 2 thn.", "pengalaman minimal 2 tahun"),
        ("yg dgn tdk", "yang dengan tidak"),
        ("gaji 4,5jt/bln", "gaji 4,5juta/bulan"),
        ("Rp 150rb/hr", "rp 150ribu/hari"),
        ("3 s/d 5 juta", "3 sampai dengan 5 juta"),
        ("usia max 25 th", "usia maksimal 25 tahun"),
        ("Excel, Word, dll.", "excel, word, dan lain-lain"),
        ("TB min 160 cm", "tinggi badan minimal 160 cm"),
        ("admin   gudang", "admin gudang"),
        ("𝐃𝐈𝐂𝐀𝐑𝐈 ＳＴＡＦＦ", "dicari staff"),
        ("Senin–Jumat", "senin-jumat"),
    ],
)
def test_normalise_expands_ad_abbreviations(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


def test_normalise_does_not_touch_words_containing_abbreviations() -> None:
    # "admin" holds "min", "yogyakarta" holds "yg", "sdm" is not "s/d", "th" only after a number.
    assert normalise("Admin Yogyakarta SDM the maksimal").text == "admin yogyakarta sdm the maksimal"


def test_expansions_map_back_to_the_abbreviation() -> None:
    raw = "Pengalaman min 1 thn di bidang yg sama"
    mapped = normalise(raw)
    for word, surface in (("minimal", "min"), ("tahun", "thn"), ("yang", "yg"), ("sama", "sama")):
        start = mapped.text.index(word)
        a, b = mapped.to_source(start, start + len(word))
        assert raw[a:b] == surface


def test_fold_keeps_length() -> None:
    raw = "İstanbul – “Ｒｐ” 𝐒𝐓𝐀𝐅𝐅\u00a0x"
    assert len(fold(raw)) == len(raw)
    assert fold(raw) == 'istanbul - "rp" staff x'


def test_careful_lower_keeps_acronyms() -> None:
    assert careful_lower("Dicari Staff HRD dan SPG untuk PT Maju, wajib SIM C dan K3") == (
        "dicari staff HRD dan SPG untuk PT maju, wajib SIM c dan K3"
    )
    # A shouting text keeps only the known acronyms.
    assert careful_lower("DICARI STAFF HRD UNTUK CV MAJU") == "dicari staff HRD untuk CV maju"


def test_is_upper_in_source() -> None:
    assert is_upper_in_source("Paham IT", 6, 8)
    assert not is_upper_in_source("it is", 0, 2)


def test_normalise_phrase_matches_text_normalisation() -> None:
    assert normalise_phrase(" Ms. Excel ") == "ms. excel"
    assert normalise_phrase("SIM B1 Umum") == "sim b1 umum"


def test_stem_uses_sastrawi_and_caches() -> None:
    assert stem("mengoperasikan") == "operasi"
    assert stem("berkomunikasi") == "komunikasi"
    assert stem("CNC") == "CNC"  # not a lower-case word: returned unchanged
    before = stem.cache_info().hits
    stem("mengoperasikan")
    assert stem.cache_info().hits == before + 1
    assert stem_text("Mampu mengoperasikan mesin jahit") == "mampu operasi mesin jahit"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dibutuhkan operator produksi yang memiliki pengalaman di bidang yang sama", "id"),
        ("We are looking for a data analyst with strong experience in SQL and Python", "en"),
        (
            "Kami mencari staff yang berpengalaman dan mampu bekerja dengan tim untuk proyek ini. "
            "Requirements: you have experience with the tools",
            "mixed",
        ),
        ("SQL Python", "unknown"),
        ("", "unknown"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language
