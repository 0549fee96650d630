"""The occupation-title dictionary: job titles of Indonesian ads -> ISCO-08 unit groups (``vocab/titles``)."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import pasarkerja.taxonomy.vocab as vocab
from conftest import shared_data
from pasarkerja.taxonomy import isco_groups
from pasarkerja.taxonomy.vocab import (
    TITLE_FILES,
    TITLES_DIR,
    OccupationTitle,
    VocabularyError,
    normalise_variant,
    occupation_title_index,
    occupation_titles,
)

ROOT = Path(__file__).resolve().parents[1]

# The titles named in issue 3 (and the variant forms it lists), with the code TITLES.md decides.
ISSUE_EXAMPLES = {
    "staff admin": "4110",
    "admin staff": "4110",
    "staf administrasi": "4110",
    "administrasi umum": "4110",
    "admin kantor": "4110",
    "administrative assistant": "4110",
    "admin gudang": "4321",
    "SPG/SPB": "5242",
    "SPG / SPB": "5242",
    "SPG": "5242",
    "kurir": "9621",
    "driver pribadi": "8322",
    "sopir": "8322",
    "operator produksi": "8189",
    "tukang las": "7212",
    "welder": "7212",
    "juru masak": "5120",
    "cook": "5120",
    "perawat": "2221",
    "guru SD": "2341",
    "teller": "4211",
    "sales canvasser": "3322",
    "helper": "9329",
    "ART": "9111",
    "asisten rumah tangga": "9111",
    "host live streaming": "5242",
    "MEP engineer": "2144",
    "customer service": "4222",
    "kasir": "5230",
    "barista": "5132",
    "waiter/waitress": "5131",
    "security/satpam": "5414",
    "security": "5414",
    "satpam": "5414",
    "office boy/OB": "9112",
    "office boy": "9112",
    "OB": "9112",
    "cleaning service": "9112",
    "staff accounting": "3313",
    "finance staff": "3313",
    "HRD staff": "2423",
    "digital marketing": "2431",
    "programmer": "2512",
    "web developer": "2513",
    "data analyst": "2511",
    "drafter": "3118",
    "quality control": "7543",
    "mekanik": "7231",
    "teknisi AC": "7127",
    "baby sitter": "5311",
    "caregiver": "5322",
    "apoteker": "2262",
    "bidan": "2222",
    "marketing executive": "3322",
    "account executive": "3322",
    "admin online shop": "5244",
    "packing": "9321",
    "buruh harian lepas": "9329",
    "kenek": "9333",
    "checker": "4321",
    "PPIC": "4322",
    "purchasing": "3323",
}

# Titles that cannot be coded from the title alone: flagged, with the most likely code.
GENERIC_EXAMPLES = {
    "staff": "4110",
    "admin": "4110",
    "operator": "8189",
    "helper": "9329",
    "operator produksi": "8189",
    "buruh harian lepas": "9329",
    "sales": "3322",
    "marketing": "3322",
    "driver": "8322",
    "teknisi": "7421",
}

SPECIFIC_EXAMPLES = ("tukang las", "kurir", "kasir", "perawat", "staff admin", "spg/spb", "apoteker")


@pytest.fixture
def restore_titles_dir() -> Iterator[None]:
    yield
    vocab.TITLES_DIR = TITLES_DIR
    occupation_titles.cache_clear()
    occupation_title_index.cache_clear()


def _load_tool() -> ModuleType:
    path = ROOT / "tools" / "build_title_dictionary.py"
    spec = importlib.util.spec_from_file_location("build_title_dictionary", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_title_dictionary"] = module
    spec.loader.exec_module(module)
    return module


def test_dictionary_is_large_and_mostly_the_projects_own_indonesian_titles() -> None:
    titles = occupation_titles()
    assert len(titles) >= 3000
    by_source = Counter(title.source for title in titles)
    assert by_source["pasarkerja"] >= 3000  # the hand-coded and derived Indonesian-ad titles alone
    assert by_source["kbji2014"] >= 1000
    assert by_source["esco"] >= 1000
    by_lang = Counter(title.lang for title in titles if title.source != "esco")
    assert by_lang["id"] >= 3000
    assert by_lang["mixed"] >= 500
    assert all(isinstance(title, OccupationTitle) for title in titles)


def test_every_code_is_an_isco08_unit_group() -> None:
    unit_groups = {code for code in isco_groups() if len(code) == 4}
    assert len(unit_groups) == 436
    unknown = sorted({title.isco_code for title in occupation_titles()} - unit_groups)
    assert unknown == []
    # nearly every unit group has at least one title, so the coder can reach it
    assert len({title.isco_code for title in occupation_titles()}) >= 430


def test_codes_agree_with_the_esco_isco_groups_file() -> None:
    archive = shared_data("esco/ESCO dataset - v1.1.1 - classification - en - csv.zip")
    with zipfile.ZipFile(archive) as zipped, zipped.open("ISCOGroups_en.csv") as raw:
        codes = {row["code"] for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))}
    assert {title.isco_code for title in occupation_titles()} <= codes


def test_no_title_appears_twice() -> None:
    keys = Counter(normalise_variant(title.title) for title in occupation_titles())
    assert [key for key, count in keys.items() if count > 1] == []
    assert len(occupation_title_index()) == len(occupation_titles())


def test_each_file_carries_its_own_source() -> None:
    expected = {
        "curated.csv": "pasarkerja",
        "variants.csv": "pasarkerja",
        "kbji2014.csv": "kbji2014",
        "esco.csv": "esco",
    }
    assert set(expected) == set(TITLE_FILES)
    for name, source in expected.items():
        with (TITLES_DIR / name).open(encoding="utf-8", newline="") as handle:
            sources = {row["source"] for row in csv.DictReader(handle)}
        assert sources == {source}, name


@pytest.mark.parametrize(("title", "code"), sorted(ISSUE_EXAMPLES.items()))
def test_issue_examples_have_the_decided_code(title: str, code: str) -> None:
    entry = occupation_title_index().get(normalise_variant(title))
    assert entry is not None, f"{title!r} is missing from the dictionary"
    assert entry.isco_code == code


@pytest.mark.parametrize(("title", "code"), sorted(GENERIC_EXAMPLES.items()))
def test_generic_titles_are_flagged_with_their_most_likely_code(title: str, code: str) -> None:
    entry = occupation_title_index()[normalise_variant(title)]
    assert entry.generic is True
    assert entry.isco_code == code


def test_specific_titles_are_not_flagged_generic() -> None:
    index = occupation_title_index()
    assert [title for title in SPECIFIC_EXAMPLES if index[title].generic] == []
    share = sum(title.generic for title in occupation_titles()) / len(occupation_titles())
    assert 0 < share < 0.02


def test_coding_rules_of_titles_md() -> None:
    index = occupation_title_index()

    def code(title: str) -> str:
        return index[normalise_variant(title)].isco_code

    # by tasks, not industry: shop-floor vs field vs demonstrator sales
    assert (code("pramuniaga"), code("sales lapangan"), code("spg rokok")) == ("5223", "3322", "5242")
    # supervisors go with the workers they supervise unless ISCO has a supervisor group
    supervisors = (code("supervisor toko"), code("mandor proyek"), code("supervisor produksi"))
    assert supervisors == ("5222", "3123", "3122")
    assert code("sales supervisor") == "3322"
    # vehicle decides the driver group
    assert (code("sopir truk"), code("sopir bus"), code("driver ojek"), code("supir pribadi")) == (
        "8332",
        "8331",
        "8321",
        "8322",
    )
    # nurses and midwives follow KBJI 2014 (2221.05 Perawat, 2222.01 Bidan); assistants are associate level
    assert (code("perawat ners"), code("asisten perawat"), code("asisten bidan")) == ("2221", "3221", "3222")
    # cook vs chef vs kitchen helper
    assert (code("koki"), code("chef"), code("kitchen helper")) == ("5120", "3434", "9412")
    # bank customer service is an enquiry clerk; the contact-centre/online kind is 4222
    assert (code("customer service bank"), code("call center agent")) == ("4225", "4222")
    # the derived variants keep the curated code
    assert (code("staf hrd"), code("hrd staff"), code("manager marketing"), code("spv sales")) == (
        "2423",
        "2423",
        "1221",
        "3322",
    )


def test_loader_names_file_line_and_field_of_a_bad_row(tmp_path: Path, restore_titles_dir: None) -> None:
    header = "title,isco_code,lang,generic,source,note\n"
    for name in TITLE_FILES:
        (tmp_path / name).write_text(header, encoding="utf-8")
    vocab.TITLES_DIR = tmp_path
    cases = [
        ("tukang las,721,id,0,pasarkerja,\n", "curated.csv:2 title 'tukang las': field 'isco_code'"),
        ("tukang las,7212,jv,0,pasarkerja,\n", "field 'lang'"),
        ("tukang las,7212,id,yes,pasarkerja,\n", "field 'generic'"),
        ("tukang las,7212,id,0,wikipedia,\n", "field 'source'"),
        ("tukang las,7212,id,0\n", "curated.csv:2: expected 6 fields"),
        (",7212,id,0,pasarkerja,\n", "field 'title' is empty"),
        ("Tukang  Las,7212,id,0,pasarkerja,\ntukang las,7212,id,0,pasarkerja,\n", "curated.csv:3 title"),
    ]
    for body, message in cases:
        (tmp_path / "curated.csv").write_text(header + body, encoding="utf-8")
        occupation_titles.cache_clear()
        with pytest.raises(VocabularyError, match=re.escape(message)):
            occupation_titles()
    (tmp_path / "curated.csv").write_text("titel,isco_code\n", encoding="utf-8")
    occupation_titles.cache_clear()
    with pytest.raises(VocabularyError, match=r"curated\.csv: header must be"):
        occupation_titles()
    (tmp_path / "curated.csv").write_text(header + "tukang las,7212,id,0,pasarkerja,\n", encoding="utf-8")
    (tmp_path / "esco.csv").write_text(header + "TUKANG LAS,7213,en,0,esco,\n", encoding="utf-8")
    occupation_titles.cache_clear()
    repeated = r"esco\.csv:2 title 'TUKANG LAS': field 'title' repeats curated\.csv:2"
    with pytest.raises(VocabularyError, match=repeated):
        occupation_titles()


def test_variant_forms_follow_the_documented_rules() -> None:
    tool = _load_tool()
    assert tool.variant_forms("staff gudang", "mixed", "4321", False) == ["staf gudang", "gudang staff"]
    assert tool.variant_forms("spg/spb", "en", "5242", False) == ["spg / spb"]
    seniority = ["senior data analyst", "junior data analyst"]
    assert tool.variant_forms("data analyst", "en", "2511", False) == seniority
    assert tool.variant_forms("sales manager", "en", "1221", False) == ["manager sales"]
    # generic and management titles get no seniority forms; seniority never changes a unit group
    assert tool.variant_forms("engineer", "en", "2149", True) == []
    assert tool.variant_forms("senior accountant", "en", "2411", False) == []


def test_generated_files_are_up_to_date_with_their_sources() -> None:
    """Rebuilding KBJI and ESCO rows from ../shared/data gives exactly the committed files."""
    shared = shared_data("kbji_isco/kbji2014.csv").parents[1]
    archive_path = shared_data("esco/ESCO dataset - v1.1.1 - classification - en - csv.zip")
    tool = _load_tool()
    with zipfile.ZipFile(archive_path) as archive:
        with archive.open("ISCOGroups_en.csv") as raw:
            groups = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            unit_groups = {row["code"] for row in groups if len(row["code"]) == 4}
        curated = tool.read_csv(TITLES_DIR / "curated.csv")
        taken = {tool.title_key(row["title"]): row["isco_code"] for row in curated}
        variants = tool.build_variants(curated)
        taken.update((tool.title_key(row["title"]), row["isco_code"]) for row in variants)
        kbji, _ = tool.build_kbji(shared, unit_groups, taken)
        taken.update((tool.title_key(row["title"]), row["isco_code"]) for row in kbji)
        esco, _ = tool.build_esco(archive, unit_groups, taken)
    for name, rows in (("variants.csv", variants), ("kbji2014.csv", kbji), ("esco.csv", esco)):
        committed = tool.read_csv(TITLES_DIR / name)
        key = lambda row: (row["isco_code"], tool.title_key(row["title"]))  # noqa: E731
        assert sorted(rows, key=key) == sorted(committed, key=key), f"{name}: rerun the build tool"


def test_kbji_titles_keep_their_official_unit_group() -> None:
    index = occupation_title_index()
    assert index["pekerja perhiasan perak"].isco_code == "7313"
    assert index["pekerja perhiasan perak"].source == "kbji2014"
    assert index["pengemudi truk kontainer"].isco_code == "8332"
    # the armed-forces splits of KBJI fold back into the ISCO-08 group
    assert index["panglima tni"].isco_code == "0110"


def test_exact_match_coverage_of_jobstreet_2024_titles() -> None:
    """Dev figure (reported in TITLES.md), guarded against regressions, not a target."""
    path = shared_data("jobs_id/jobstreet_id_2024-03_alterra.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        titles = [normalise_variant(row["Job Title"]) for row in csv.DictReader(handle)]
    index = occupation_title_index()
    distinct = set(titles)
    distinct_share = sum(title in index for title in distinct) / len(distinct)
    posting_share = sum(title in index for title in titles) / len(titles)
    print(f"exact match: {distinct_share:.1%} of {len(distinct)} titles, {posting_share:.1%} of postings")
    assert distinct_share >= 0.15
    assert posting_share >= 0.35
