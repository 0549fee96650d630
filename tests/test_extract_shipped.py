"""Extraction with the shipped vocabularies (skill catalogue, title dictionary, ISCO labels) and, when
../shared/data is present, over real Indonesian postings: robustness and agreement with portal fields."""

from __future__ import annotations

import csv
import time

import pytest

from conftest import shared_data
from pasarkerja.extract import Extractor
from test_extract_vacancy import AD_OPERATOR


@pytest.fixture(scope="module")
def shipped() -> Extractor:
    started = time.process_time()
    extractor = Extractor(use_embeddings=False)
    # Start-up budget is 2 s of CPU for vocabularies + automata (measured in CPU time: CI shares cores).
    assert time.process_time() - started < 4.0
    return extractor


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Operator Produksi", "8189"),
        ("Dibutuhkan Segera Admin Gudang (Pria) - Cikarang", "4321"),
        ("Kurir", "9621"),
        ("Tukang Las", "7212"),
        ("Guru SD", "2341"),
        ("SPG/SPB", "5242"),
        ("Barista Kopi (Pria)", "5132"),
    ],
)
def test_shipped_title_dictionary(shipped: Extractor, title: str, code: str) -> None:
    fact = shipped.occupations.code(title)
    assert fact is not None and fact.code == code


def test_shipped_generic_title_is_not_confident(shipped: Extractor) -> None:
    fact = shipped.occupations.code("Staff")
    assert fact is not None and fact.confidence <= 0.5


def test_shipped_skills_on_an_ad(shipped: Extractor) -> None:
    facts = shipped.vacancy(AD_OPERATOR, title="Operator Produksi", location="Kab. Bekasi")
    found = {skill.id: skill for skill in facts.skills}
    assert found["sk.sim-c"].required == "optional"
    assert "sk.stock-opname" in found
    # Section headings are not skills ("Tanggung Jawab:" is no responsibility asked for).
    assert all(AD_OPERATOR[s.span[0] : s.span[1]] != "Tanggung Jawab" for s in facts.skills)
    for skill in facts.skills:
        assert AD_OPERATOR[skill.span[0] : skill.span[1]].strip()


def test_real_postings_extract_cleanly(shipped: Extractor) -> None:
    path = shared_data("jobs_id/loker_id_postings_dev.csv")
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for _, row in zip(range(300), csv.DictReader(handle), strict=False)]
    levels = {
        "SMA/SMK/STM": ("SMA", "SMK"),
        "Diploma/D1/D2/D3": ("D1", "D2", "D3"),
        "Sarjana/S1": ("S1", "D4"),
    }
    education_pairs = education_agree = regions = 0
    for row in rows:
        text = row["Description"]
        facts = shipped.vacancy(text, title=row["Title"], location=row["Location"])
        for skill in facts.skills:
            assert 0 <= skill.span[0] < skill.span[1] <= len(text)
        for flag in facts.flags:
            source = row["Title"] if flag.source == "title" else text
            assert source[flag.span[0] : flag.span[1]] == flag.text
        lowest = next((codes for column, codes in levels.items() if row[column] == "1"), None)
        if lowest is not None and facts.education is not None:
            education_pairs += 1
            education_agree += facts.education.level in lowest
        regions += facts.region is not None and facts.region.code is not None
    # The portal's own fields are the reference: the minimum level read from the text agrees with the
    # lowest level the portal lists for nearly every ad that states one (measured 0.96 on this file).
    assert education_pairs > 150
    assert education_agree / education_pairs > 0.9
    assert regions / len(rows) > 0.9
