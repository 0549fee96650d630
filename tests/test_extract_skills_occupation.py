"""Skill extraction and occupation coding on small hand-made vocabularies (exact expectations that do not
move when the shipped catalogues grow), plus the embedding stages on tiny label sets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pasarkerja.extract.embeddings import LabelEmbeddings
from pasarkerja.extract.occupation import OccupationCoder, clean_title
from pasarkerja.extract.skills import SkillExtractor
from pasarkerja.taxonomy.records import SkillRecord
from pasarkerja.text import analyse

SKILLS = (
    SkillRecord(
        "sk.excel",
        "Microsoft Excel",
        "tool-software",
        label_id="Microsoft Excel",
        alt_labels=("Ms. Excel", "ms excel", "excel", "vlookup"),
        isco_codes=("4110", "3313"),
    ),
    SkillRecord(
        "sk.excel-advanced",
        "Advanced Excel",
        "tool-software",
        label_id="Excel tingkat lanjut",
        alt_labels=("advanced excel", "excel advanced", "pivot table"),
        isco_codes=("3313",),
    ),
    SkillRecord(
        "sk.sim-c", "Driving licence C", "licence-certificate", label_id="SIM C", isco_codes=("9621",)
    ),
    SkillRecord(
        "sk.sim-a", "Driving licence A", "licence-certificate", label_id="SIM A", isco_codes=("8322",)
    ),
    SkillRecord("sk.autocad", "AutoCAD", "tool-software", label_id="AutoCAD", isco_codes=("3118",)),
    SkillRecord("sk.it-support", "IT support", "skill", label_id="Dukungan TI", alt_labels=("IT",)),
    SkillRecord(
        "sk.english", "English", "language", label_id="Bahasa Inggris", alt_labels=("english", "inggris")
    ),
    SkillRecord(
        "sk.forklift",
        "Forklift operation",
        "skill",
        label_id="Mengoperasikan forklift",
        alt_labels=("forklift", "operator forklift"),
        isco_codes=("8344",),
    ),
    SkillRecord(
        "sk.accounting",
        "Accounting",
        "knowledge",
        label_id="Akuntansi",
        alt_labels=("jurnal umum", "laporan keuangan", "pembukuan"),
        isco_codes=("3313", "2411"),
    ),
    SkillRecord(
        "sk.tax",
        "Tax reporting",
        "knowledge",
        label_id="Perpajakan",
        alt_labels=("pajak", "spt", "brevet"),
        isco_codes=("3313", "2411"),
    ),
    SkillRecord(
        "sk.stock",
        "Stock administration",
        "skill",
        label_id="Administrasi stok",
        alt_labels=("stock opname", "stok barang"),
        isco_codes=("4321",),
    ),
    SkillRecord("sk.c++", "C++", "tool-software", label_id="C++", alt_labels=("c++",)),
)


@dataclass(frozen=True)
class Title:
    title: str
    isco_code: str
    generic: bool = False


TITLES = (
    Title("operator produksi", "8189"),
    Title("operator", "8189", True),
    Title("staff admin", "4110"),
    Title("admin", "4110", True),
    Title("staff", "4110", True),
    Title("admin gudang", "4321"),
    Title("kurir", "9621"),
    Title("akuntan", "2411"),
    Title("staff accounting", "3313"),
    Title("staff akuntansi", "3313"),
    Title("barista", "5132"),
    Title("tukang las", "7212"),
    Title("welder", "7212"),
    Title("drafter", "3118"),
    Title("driver", "8322"),
    Title("driver", "8332"),
    Title("driver", "8322"),
)
LABELS = {
    "8189": "Operator mesin stasioner YTDL",
    "4110": "Juru tulis umum",
    "4321": "Juru tulis pencatat persediaan",
    "9621": "Kurir dan pengantar barang",
    "2411": "Akuntan",
    "3313": "Tenaga pembukuan dan akuntansi",
    "5132": "Bartender",
    "7212": "Tukang las",
    "3118": "Juru gambar teknik",
    "8322": "Pengemudi mobil",
    "8332": "Pengemudi truk",
    "8344": "Operator forklift",
}


@pytest.fixture(scope="module")
def skills() -> SkillExtractor:
    return SkillExtractor(SKILLS, use_embeddings=False)


@pytest.fixture(scope="module")
def coder() -> OccupationCoder:
    return OccupationCoder(TITLES, LABELS, skills=SKILLS, use_embeddings=False)


def _found(extractor: SkillExtractor, text: str) -> list[tuple[str, str, str]]:
    return [(f.id, f.required, text[f.span[0] : f.span[1]]) for f in extractor.extract(text)]


def test_skills_required_optional_and_negated(skills: SkillExtractor) -> None:
    text = (
        "Kualifikasi:\n"
        "- Menguasai Ms. Excel, diutamakan bisa AutoCAD\n"
        "- Memiliki SIM C (diutamakan)\n"
        "- Tidak perlu SIM A\n"
        "- Mampu berbahasa Inggris is a plus\n"
        "- Paham IT, it is good\n"
    )
    assert _found(skills, text) == [
        ("sk.excel", "essential", "Ms. Excel"),
        ("sk.autocad", "optional", "AutoCAD"),
        ("sk.sim-c", "optional", "SIM C"),
        ("sk.english", "optional", "Inggris"),
        ("sk.it-support", "essential", "IT"),
    ]


def test_skills_longest_match_and_word_boundaries(skills: SkillExtractor) -> None:
    text = "Requirements:\n- Advanced Excel (pivot table)\n- Excelent communication\n- C++ and SIM Card"
    assert _found(skills, text) == [
        ("sk.excel-advanced", "essential", "Advanced Excel"),
        ("sk.c++", "essential", "C++"),
    ]


def test_skills_english_negation_and_preference(skills: SkillExtractor) -> None:
    text = "Requirements:\n- Excel not required\n- Forklift experience preferred\n- No need for SIM A"
    assert _found(skills, text) == [("sk.forklift", "optional", "Forklift")]


def test_skills_sections_decide_what_counts(skills: SkillExtractor) -> None:
    text = (
        "Tentang Kami:\nDistributor forklift.\nFasilitas:\n- Pelatihan Excel\nTugas:\n- Stock opname bulanan"
    )
    assert _found(skills, text) == [("sk.stock", "essential", "Stock opname")]


def test_skills_in_profile_mode_count_every_mention(skills: SkillExtractor) -> None:
    text = "Keahlian: Excel, AutoCAD (diutamakan dalam pekerjaan sebelumnya)\nFasilitas kantor lama: forklift"
    found = skills.extract(text, requirements_semantics=False)
    assert [(f.id, f.required) for f in found] == [
        ("sk.excel", "essential"),
        ("sk.autocad", "essential"),
        ("sk.forklift", "essential"),
    ]


def test_skill_mentioned_twice_keeps_the_essential_mention(skills: SkillExtractor) -> None:
    text = "Kualifikasi:\n- Bahasa Inggris diutamakan\n- Wajib menguasai bahasa Inggris lisan"
    found = skills.extract(text)
    assert [(f.id, f.required) for f in found] == [("sk.english", "essential")]
    assert text[found[0].span[0] : found[0].span[1]] == "bahasa Inggris"


def test_skill_spans_survive_html_and_abbreviations(skills: SkillExtractor) -> None:
    html = (
        "<p>Kualifikasi:</p><ul><li>Bisa operator&nbsp;forklift yg aktif</li>"
        "<li>Paham <b>jurnal umum</b></li></ul>"
    )
    found = skills.extract(html)
    assert [(f.id, html[f.span[0] : f.span[1]]) for f in found] == [
        ("sk.forklift", "operator&nbsp;forklift"),
        ("sk.accounting", "jurnal umum"),
    ]


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [
        ("Dibutuhkan Segera Operator Produksi (Pria) - Bekasi", "operator produksi"),
        ("LOWONGAN KERJA Staff Admin di PT Maju Jaya", "staff admin"),
        ("Urgent Hiring: Barista | Jakarta", "barista"),
        ("Kurir Motor Wanita 5 orang", "kurir motor"),
    ],
)
def test_clean_title(title: str, cleaned: str) -> None:
    assert clean_title(title) == cleaned


def test_occupation_exact_and_phrase(coder: OccupationCoder) -> None:
    exact = coder.code("Operator Produksi")
    assert exact is not None
    assert (exact.code, exact.method, exact.confidence, exact.span) == (
        "8189",
        "dictionary-exact",
        1.0,
        (0, 17),
    )
    assert exact.label == "Operator mesin stasioner YTDL"
    noisy = coder.code("Dibutuhkan Segera Admin Gudang (Pria) - Cikarang")
    assert noisy is not None and (noisy.code, noisy.method) == ("4321", "dictionary-exact")
    title = "Admin Gudang Sparepart Motor"
    phrase = coder.code(title)
    assert phrase is not None
    assert (phrase.code, phrase.method, phrase.source) == ("4321", "dictionary-phrase", "title")
    assert title[phrase.span[0] : phrase.span[1]] == "Admin Gudang"
    assert phrase.candidates[0].code == "4321"
    assert phrase.candidates[1].code == "4110"  # the generic "admin" inside it is the runner-up


def test_occupation_title_listed_under_two_codes_ranks_the_frequent_one(coder: OccupationCoder) -> None:
    fact = coder.code("Driver")
    assert fact is not None
    assert [(c.code, c.score) for c in fact.candidates] == [("8322", 1.0), ("8332", 0.5)]


def test_occupation_fuzzy_for_misspelling(coder: OccupationCoder) -> None:
    fact = coder.code("Akuntann")
    assert fact is not None
    assert (fact.code, fact.method) == ("2411", "fuzzy")
    assert 0.6 < fact.confidence < 0.8


def test_generic_title_resolved_by_description(coder: OccupationCoder, skills: SkillExtractor) -> None:
    description = analyse(
        "Tanggung jawab:\n- Membuat jurnal umum dan laporan keuangan\n- Menghitung pajak\n"
        "- Mengolah data di Excel"
    )
    found = skills.extract(description)
    generic = coder.code("Staff")
    assert generic is not None and generic.code == "4110"
    resolved = coder.code("Staff", description, found)
    assert resolved is not None
    assert (resolved.code, resolved.method) == ("3313", "description")
    assert {c.code for c in resolved.candidates} >= {"3313", "2411", "4110"}


def test_occupation_from_the_first_lines_of_text(coder: OccupationCoder) -> None:
    text = "DIBUTUHKAN SEGERA\nTukang Las Berpengalaman\nPenempatan Batam"
    fact = coder.code_from_text(analyse(text))
    assert fact is not None
    assert (fact.code, fact.source, text[fact.span[0] : fact.span[1]]) == ("7212", "text", "Tukang Las")


def test_occupation_nothing_to_code(coder: OccupationCoder) -> None:
    assert coder.code(None) is None
    assert coder.code("") is None
    assert coder.code("zzzz qqqq") is None


def test_label_embeddings_nearest_and_disk_cache(tmp_path: Path) -> None:
    labels = ["Mengoperasikan forklift", "Bahasa Inggris", "Menjahit pakaian"]
    index = LabelEmbeddings(labels, cache_dir=tmp_path)
    nearest = index.nearest("Bisa mengendarai forklift di gudang", k=2)
    assert nearest[0][0] == 0
    assert nearest[0][1] > nearest[1][1]
    cached = list((tmp_path / "embeddings").glob("labels-*.npy"))
    assert len(cached) == 1
    calls: list[int] = []

    def counting(texts: list[str]) -> object:
        calls.append(len(texts))
        raise AssertionError("the cache should have been used")

    again = LabelEmbeddings(labels, cache_dir=tmp_path, encode_passages=counting)
    assert again.matrix().shape == (3, 384)
    assert calls == []


def test_skill_embedding_fallback_on_bullets_without_lexical_hit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASARKERJA_CACHE_DIR", str(tmp_path))
    catalogue = (
        SkillRecord("sk.teamwork", "Teamwork", "transversal", label_id="Kerja sama tim"),
        SkillRecord("sk.english", "English", "language", label_id="Bahasa Inggris"),
        SkillRecord("sk.forklift", "Forklift operation", "skill", label_id="Mengoperasikan forklift"),
    )
    extractor = SkillExtractor(catalogue, use_embeddings=True, threshold=0.88)
    text = "Kualifikasi:\n- Usia maksimal 30 tahun\n- Mampu bekerja dalam tim\n- Bersedia lembur"
    found = extractor.extract(text)
    assert [(f.id, f.method, text[f.span[0] : f.span[1]]) for f in found] == [
        ("sk.teamwork", "embedding", "Mampu bekerja dalam tim")
    ]
    assert 0.3 <= found[0].confidence <= 0.8
    assert SkillExtractor(catalogue, use_embeddings=False).extract(text) == ()


def test_occupation_embedding_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASARKERJA_CACHE_DIR", str(tmp_path))
    coder = OccupationCoder(
        [Title("barista", "5132")],
        {"5132": "Bartender", "9621": "Kurir"},
        use_embeddings=True,
        embedding_labels=[("pembuat kopi di kafe", "5132"), ("pengantar paket dan dokumen", "9621")],
    )
    fact = coder.code("Kurir pengiriman paket")
    assert fact is not None
    assert (fact.code, fact.method) == ("9621", "embedding")
    assert fact.confidence <= 0.6
    assert coder.code("Kurir pengiriman paket", use_embeddings=False) is None
