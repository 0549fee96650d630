"""The Indonesian-first skill catalogue: size, coverage per sector, uniqueness of variants, crosswalks."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import get_args

import pytest

from conftest import shared_data
from pasarkerja.taxonomy import vocab
from pasarkerja.taxonomy.records import SkillRecord, SkillType
from pasarkerja.taxonomy.vocab import (
    VocabularyError,
    normalise_variant,
    skill_catalogue,
    skill_groups,
    skill_surface_forms,
    skill_variant_index,
)

ESCO_ZIP = "esco/ESCO dataset - v1.1.1 - classification - en - csv.zip"

# The sectors the catalogue must cover (issue 3) -> the groups that hold them, and the minimum number of
# skills per group (50 everywhere, the narrow domestic-work and beauty groups included).
SECTOR_GROUPS = {
    "manufacturing and production": ("manufaktur",),
    "retail and sales": ("ritel-penjualan",),
    "hospitality and food": ("perhotelan-kuliner",),
    "logistics and driving": ("logistik-mengemudi",),
    "construction and trades": ("konstruksi",),
    "agriculture and fisheries": ("pertanian-perikanan",),
    "health and care": ("kesehatan-perawatan",),
    "finance and administration": ("keuangan-akuntansi", "administrasi-sdm"),
    "IT": ("teknologi-informasi",),
    "creative and media": ("kreatif-media",),
    "domestic work": ("rumah-tangga",),
    "jobs abroad": ("kerja-luar-negeri",),
    "languages": ("bahasa",),
    "licences and certificates": ("lisensi-sertifikat",),
    "transversal": ("transversal",),
}
GROUP_MINIMUM = 50

# Every example the issue names must be a variant of exactly this skill.
ISSUE_EXAMPLES = {
    "Ms. Excel": "sk.ms-excel",
    "microsoft excel": "sk.ms-excel",
    "vlookup": "sk.excel-lanjutan",
    "pivot table": "sk.excel-lanjutan",
    "SIM B1 umum": "sk.sim-b1-umum",
    "SIM A": "sk.sim-a",
    "sertifikat K3 umum": "sk.sertifikat-k3-umum",
    "las listrik": "sk.las-smaw",
    "SMAW": "sk.las-smaw",
    "mengoperasikan forklift": "sk.forklift",
    "barista": "sk.barista",
    "menjahit": "sk.menjahit",
    "bahasa Jepang N4": "sk.bahasa-jepang-n4",
    "public speaking": "sk.public-speaking",
}

# Forms SKILLS.md rules out because they are everyday Indonesian (or English) words, benefit/location
# phrases or clash between sectors; a variant equal to one of these would fire on ordinary ad text.
FORBIDDEN_VARIANTS = {
    "api",  # "api" = fire (alat pemadam api) — REST API is written out instead
    "ai",
    "art",
    "as",
    "bahasa",
    "c",
    "go",
    "r",
    "dan",
    "atau",
    "pos",
    "model",
    "email",
    "administrasi",
    "mandiri",
    "hrd",
    "sdm",
    "bpjs",
    "kantin",
    "kost",
    "mess",
    "parkir",
    "ratus",
    "muda",
    "rasa",
    "helm",
    "chef",
    "pola",
    "taman",
    "event",
    "promo",
    "iklan",
    "closing",
    "delivery",
    "tracking",
    "monitoring",
    "cloud",
    "network",
    "storage",
    "backup",
    "logging",
    "pipeline",
    "mining",
    "drawing",
    "turning",
    "casting",
    "job description",
    "prospek",
    "akreditasi",
    "sehat",
    "angka",
    "profesional",
    "transmisi",
    "kopi",
    "udang",
    "sapi",
    "kelapa",
    "babi",
    "bebek",
    "karet",
    "rokok",
    "sepatu",
    "keramik",
}


def _forms(record: SkillRecord) -> list[str]:
    return list(skill_surface_forms(record))


def test_catalogue_has_at_least_2000_skills_in_at_least_10_groups() -> None:
    records = skill_catalogue()
    groups = skill_groups()
    assert len(records) >= 2000
    assert len(groups) >= 10
    assert {record.group_id for record in records} == {group.id for group in groups}


def test_every_sector_of_the_issue_has_its_minimum_number_of_skills() -> None:
    per_group = Counter(record.group_id for record in skill_catalogue())
    for group in skill_groups():
        assert per_group[group.id] >= GROUP_MINIMUM, group.id
    for sector, group_ids in SECTOR_GROUPS.items():
        assert all(group_id in per_group for group_id in group_ids), sector
    # Sector skills name the ISCO unit groups where they are typical. Languages, transversal skills and the
    # readiness skills of work abroad (pre-departure training, EPS-TOPIK, remittances) belong to no
    # occupation in particular, and are exempt.
    with_isco = Counter(record.group_id for record in skill_catalogue() if record.isco_codes)
    exempt = {"languages", "transversal", "licences and certificates", "jobs abroad"}
    for sector, group_ids in SECTOR_GROUPS.items():
        if sector not in exempt:
            assert all(with_isco[group_id] == per_group[group_id] for group_id in group_ids), sector


def test_every_skill_type_is_used() -> None:
    used = {record.type for record in skill_catalogue()}
    assert used == set(get_args(SkillType))


def test_ids_are_unique_stable_slugs() -> None:
    ids = [record.id for record in skill_catalogue()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"sk\.[a-z0-9]+(-[a-z0-9]+)*", skill_id) for skill_id in ids)


def test_no_variant_is_claimed_by_two_skills() -> None:
    owners: dict[str, set[str]] = {}
    for record in skill_catalogue():
        for form in _forms(record):
            owners.setdefault(normalise_variant(form), set()).add(record.id)
    clashes = {form: sorted(ids) for form, ids in owners.items() if len(ids) > 1}
    assert clashes == {}
    # The index agrees and covers every form.
    assert set(skill_variant_index()) == set(owners)


def test_forms_need_no_whitespace_collapsing() -> None:
    # The loader compares forms by lower() only; that is exact because no form has doubled or edge spaces.
    for record in skill_catalogue():
        for form in _forms(record):
            assert normalise_variant(form) == form.lower(), (record.id, form)


def test_examples_from_the_issue_are_variants_of_the_right_skill() -> None:
    index = skill_variant_index()
    by_id = {record.id: record for record in skill_catalogue()}
    for example, skill_id in ISSUE_EXAMPLES.items():
        assert index.get(normalise_variant(example)) == skill_id, example
        assert example.lower() in {form.lower() for form in _forms(by_id[skill_id])}, example


# The issue's examples as a vacancy writes them; the extractor must find each as the right skill, and the
# generic prefixed forms ("memiliki SIM", "mengoperasikan mesin") must not swallow the specific skill.
EXAMPLE_AD = """Kualifikasi:
- Menguasai Ms. Excel (vlookup / pivot table)
- Terbiasa dengan microsoft excel
- Memiliki SIM B1 umum
- Memiliki SIM A
- Memiliki sertifikat K3 umum
- Bisa las listrik / SMAW
- Mampu mengoperasikan forklift
- Berpengalaman sebagai barista
- Bisa menjahit
- Menguasai bahasa Jepang N4
- Public speaking yang baik
- Memiliki SIM A dan SIM C
- Mampu mengoperasikan mesin bubut manual
"""


def test_extractor_finds_the_issue_examples_as_ads_write_them() -> None:
    from pasarkerja.extract.skills import SkillExtractor

    facts = SkillExtractor(use_embeddings=False).extract(EXAMPLE_AD)
    found = [(fact.id, EXAMPLE_AD[fact.span[0] : fact.span[1]]) for fact in facts]
    assert found == [
        ("sk.ms-excel", "Ms. Excel"),
        ("sk.excel-lanjutan", "vlookup"),
        ("sk.sim-b1-umum", "SIM B1 umum"),
        ("sk.sim-a", "SIM A"),
        ("sk.sertifikat-k3-umum", "sertifikat K3 umum"),
        ("sk.las-smaw", "las listrik"),
        ("sk.forklift", "mengoperasikan forklift"),
        ("sk.barista", "barista"),
        ("sk.menjahit", "menjahit"),
        ("sk.bahasa-jepang-n4", "bahasa Jepang N4"),
        ("sk.public-speaking", "Public speaking"),
        ("sk.sim-c", "SIM C"),
        ("sk.mesin-bubut", "bubut manual"),
    ]


def test_no_variant_is_an_ad_abbreviation_that_normalisation_expands() -> None:
    # "SPT" (tax return) was a variant; the normaliser expands the slang "spt" to "seperti", so every
    # "seperti" in an ad was read as a tax-return skill (found in 128 of 545 test ads).
    from pasarkerja.extract.skills import SkillExtractor
    from pasarkerja.text.normalise import ABBREVIATIONS

    assert sorted(form for form in skill_variant_index() if form.lower() in ABBREVIATIONS) == []
    facts = SkillExtractor(use_embeddings=False).extract("Pengalaman kerja seperti admin gudang, paham SPT tahunan")
    assert [fact.id for fact in facts].count("sk.spt-tahunan") == 1


def test_forbidden_everyday_words_are_not_variants() -> None:
    index = skill_variant_index()
    assert sorted(FORBIDDEN_VARIANTS & set(index)) == []


def test_records_carry_labels_group_and_source() -> None:
    by_id = {record.id: record for record in skill_catalogue()}
    smaw = by_id["sk.las-smaw"]
    assert smaw.label_en == "Shielded metal arc welding (SMAW)"
    assert smaw.label_id == "Las listrik SMAW"
    assert smaw.type == "skill"
    assert smaw.group_id == "manufaktur"
    assert smaw.source == "pasarkerja"
    assert smaw.isco_codes == ("7212",)
    # alt_labels = the Indonesian label + the variants, never the English preferred label again.
    assert smaw.alt_labels[:3] == ("Las listrik SMAW", "las listrik", "SMAW")
    assert all(form.lower() != smaw.label_en.lower() for form in smaw.alt_labels)
    assert {group.id: group.label_id for group in skill_groups()}["rumah-tangga"] == "Pekerjaan rumah tangga"


def test_isco_codes_are_four_digit_unit_groups() -> None:
    for record in skill_catalogue():
        for code in record.isco_codes:
            assert re.fullmatch(r"\d{4}", code), (record.id, code)


def _esco_zip() -> zipfile.ZipFile:
    return zipfile.ZipFile(shared_data(ESCO_ZIP))


def test_isco_codes_exist_in_isco_08() -> None:
    with _esco_zip() as archive, archive.open("ISCOGroups_en.csv") as raw:
        rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
        unit_groups = {row["code"] for row in rows if len(row["code"]) == 4}
    assert len(unit_groups) == 436
    unknown = {(r.id, code) for r in skill_catalogue() for code in r.isco_codes if code not in unit_groups}
    assert unknown == set()


def _review_rows() -> list[dict[str, str]]:
    with vocab.ESCO_LINK_REVIEW_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_esco_uris_are_well_formed() -> None:
    linked = [record for record in skill_catalogue() if record.esco_uri]
    assert len(linked) >= 500
    pattern = re.compile(r"http://data\.europa\.eu/esco/skill/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
    assert all(pattern.fullmatch(record.esco_uri or "") for record in linked)
    # One ESCO concept may serve several of our (narrower) skills, but not most of the catalogue.
    assert max(Counter(record.esco_uri for record in linked).values()) <= 3


def test_review_file_decides_every_proposal_and_matches_the_catalogue() -> None:
    rows = _review_rows()
    assert len(rows) >= 1500
    ids = {record.id for record in skill_catalogue()}
    assert {row["skill_id"] for row in rows} <= ids
    assert {row["decision"] for row in rows} == {"accept", "reject"}
    assert {row["method"] for row in rows} == {"exact", "fuzzy", "manual"}
    # Every rejection says why; every skill has at most one accepted link.
    assert [row for row in rows if row["decision"] == "reject" and not row["reason"].strip()] == []
    accepted = [(row["skill_id"], row["esco_uri"]) for row in rows if row["decision"] == "accept"]
    assert len({skill_id for skill_id, _ in accepted}) == len(accepted)
    # The esco_uri column is exactly the accepted half of the review file (``propose_esco_links.py apply``).
    in_catalogue = {(record.id, record.esco_uri) for record in skill_catalogue() if record.esco_uri}
    assert set(accepted) == in_catalogue
    # Links only join compatible types (a language to an ESCO language, never transversal to knowledge).
    for row in rows:
        assert row["esco_type"] in vocab.ESCO_LINK_TYPES[row["type"]], row  # type: ignore[index]


# Wrong senses found in review (shared words, different meaning): proposed by the matcher, rejected by hand.
REJECTED_SENSES = {
    ("sk.assembling", "Assembly (computer programming)"),  # product assembly vs assembly language
    ("sk.satpam", "securities"),  # security guard vs financial securities
    ("sk.cmm", "ICT process quality models"),  # coordinate measuring machine vs capability maturity model
    ("sk.mekanik-mobil", "mechanics"),  # car mechanic vs the science of mechanics
    ("sk.lighting-panggung", "query languages"),  # DMX lighting protocol vs DMX data-mining queries
    ("sk.laporan-kegiatan", "journalism"),  # activity reports vs news reporting
    ("sk.sabar", "transfer patients"),  # patience vs medical patients
    ("sk.canva", "Canvas (learning management systems)"),  # Canva vs the Canvas LMS
    ("sk.kimia-tambang-reklamasi", "repossession"),  # mine reclamation vs debt reclamation
    ("sk.cash-flow-management", "manage cash flow"),  # business cash flow vs a gaming cash desk
}


def test_known_wrong_senses_were_rejected() -> None:
    decisions = {(row["skill_id"], row["esco_label"]): row["decision"] for row in _review_rows()}
    assert {pair: decisions.get(pair) for pair in REJECTED_SENSES} == dict.fromkeys(REJECTED_SENSES, "reject")
    # Right links of the issue's own examples.
    labels = {row["skill_id"]: row["esco_label"] for row in _review_rows() if row["decision"] == "accept"}
    assert labels["sk.forklift"] == "operate forklift"
    assert labels["sk.ms-excel"] == "use spreadsheets software"
    assert labels["sk.bahasa-jepang"] == "Japanese"
    assert labels["sk.python"] == "Python (computer programming)"
    assert labels["sk.las-gmaw"] == "perform metal inert gas welding"  # added by hand in review
    # ESCO v1.1.1 has no SMAW concept; the broader "join metals" was proposed for MIG and rejected.
    assert "sk.las-smaw" not in labels


def _label_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+(?:[+#]+)?", text.lower().replace("&", " and ")))


def _esco_skill_rows() -> dict[str, dict[str, str]]:
    with _esco_zip() as archive, archive.open("skills_en.csv") as raw:
        return {row["conceptUri"]: row for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))}


def test_accepted_links_agree_with_esco_labels() -> None:
    esco = _esco_skill_rows()
    rows = [row for row in _review_rows() if row["decision"] == "accept"]
    words = re.compile(r"[a-z]{3,}")
    by_id = {record.id: record for record in skill_catalogue()}
    for row in rows:
        concept = esco[row["esco_uri"]]
        # The review shows ESCO's own preferred label (so a reviewer read the right concept).
        assert row["esco_label"] == concept["preferredLabel"].strip(), row["skill_id"]
        esco_labels = [concept["preferredLabel"], *concept["altLabels"].splitlines()]
        esco_keys = {_label_key(label) for label in esco_labels} | {
            _label_key(re.sub(r"\s*\([^)]*\)", "", label)) for label in esco_labels
        }
        record = by_id[row["skill_id"]]
        forms = [*skill_surface_forms(record), re.sub(r"\s*\([^)]*\)", "", record.label_en)]
        if row["method"] == "exact":
            # An exact link: one of our forms *is* an ESCO label of the concept.
            assert {_label_key(form) for form in forms} & esco_keys, row["skill_id"]
        elif row["method"] == "fuzzy":
            # A fuzzy link: the matched forms on both sides are real, and they share a word stem.
            assert row["matched_form"] in forms, row["skill_id"]
            assert row["matched_esco_label"].strip() in {label.strip() for label in esco_labels}, row[
                "skill_id"
            ]
            ours = {word[:4] for word in words.findall(row["matched_form"].lower())}
            theirs = {word[:4] for word in words.findall(row["matched_esco_label"].lower())}
            assert ours & theirs, row["skill_id"]


def test_esco_uris_exist_in_esco_skills() -> None:
    with _esco_zip() as archive, archive.open("skills_en.csv") as raw:
        uris = {row["conceptUri"] for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))}
    missing = {record.id for record in skill_catalogue() if record.esco_uri and record.esco_uri not in uris}
    assert missing == set()


def test_loading_is_fast() -> None:
    best = float("inf")
    try:
        for _ in range(3):
            vocab.skill_catalogue.cache_clear()
            vocab.skill_groups.cache_clear()
            started = time.process_time()
            skill_catalogue()
            skill_groups()
            best = min(best, time.process_time() - started)
    finally:
        vocab.skill_variant_index.cache_clear()
    assert best < 0.1


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def scratch_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the loaders at a scratch catalogue; caches are cleared before and after."""
    skills_dir = tmp_path / "skills"
    skills_dir.mkdir()
    _write(tmp_path / "skill_groups.csv", "id,label_id,label_en\nuji,Uji,Test\n")
    monkeypatch.setattr(vocab, "SKILLS_DIR", skills_dir)
    monkeypatch.setattr(vocab, "SKILL_GROUPS_CSV", tmp_path / "skill_groups.csv")
    for cached in (vocab.skill_catalogue, vocab.skill_groups, vocab.skill_variant_index):
        cached.cache_clear()
    yield skills_dir
    for cached in (vocab.skill_catalogue, vocab.skill_groups, vocab.skill_variant_index):
        cached.cache_clear()


HEADER = "id,label_id,label_en,variants,type,isco_codes,esco_uri\n"


def test_bad_type_is_reported_with_file_row_and_field(scratch_catalogue: Path) -> None:
    _write(scratch_catalogue / "uji.csv", HEADER + "sk.las,Las,Welding,las|mengelas,hardskill,7212,\n")
    with pytest.raises(VocabularyError, match=r"uji\.csv:2 skill 'sk\.las': field 'type' is 'hardskill'"):
        skill_catalogue()


def test_bad_isco_code_is_reported(scratch_catalogue: Path) -> None:
    _write(scratch_catalogue / "uji.csv", HEADER + "sk.las,Las,Welding,las,skill,721,\n")
    with pytest.raises(VocabularyError, match=r"uji\.csv:2 skill 'sk\.las': field 'isco_codes' holds '721'"):
        skill_catalogue()


def test_bad_esco_uri_is_reported(scratch_catalogue: Path) -> None:
    _write(scratch_catalogue / "uji.csv", HEADER + "sk.las,Las,Welding,las,skill,7212,http://example.org/x\n")
    with pytest.raises(VocabularyError, match=r"field 'esco_uri' is not an ESCO skill URI"):
        skill_catalogue()


def test_file_without_group_is_refused(scratch_catalogue: Path) -> None:
    _write(scratch_catalogue / "lainnya.csv", HEADER)
    with pytest.raises(VocabularyError, match=r"files \['lainnya'\] name no group"):
        skill_catalogue()


def test_duplicate_id_and_shared_variant_are_refused(scratch_catalogue: Path) -> None:
    _write(scratch_catalogue / "uji.csv", HEADER + "sk.a,A,Alpha,x y,skill,,\nsk.a,B,Beta,z,skill,,\n")
    with pytest.raises(VocabularyError, match=r"uji\.csv:3 skill 'sk\.a': field 'id' already used"):
        skill_catalogue()
    vocab.skill_catalogue.cache_clear()
    _write(
        scratch_catalogue / "uji.csv",
        HEADER + "sk.a,A,Alpha,Las  Listrik,skill,,\nsk.b,B,Beta,las listrik,skill,,\n",
    )
    with pytest.raises(
        VocabularyError, match=r"skill 'sk\.b': variant 'las listrik' is already claimed by 'sk\.a'"
    ):
        skill_variant_index()


def test_scratch_record_is_built_from_the_row(scratch_catalogue: Path) -> None:
    _write(
        scratch_catalogue / "uji.csv",
        HEADER + "sk.las,Las listrik,Arc welding,las listrik|SMAW|las listrik,skill,7212|7214,\n",
    )
    (record,) = skill_catalogue()
    assert record == SkillRecord(
        id="sk.las",
        label_en="Arc welding",
        type="skill",
        label_id="Las listrik",
        alt_labels=("Las listrik", "SMAW"),
        group_id="uji",
        esco_uri=None,
        source="pasarkerja",
        isco_codes=("7212", "7214"),
    )


# --- the matcher that proposed the links (tools/propose_esco_links.py) ---------------------------------------


def _load_link_tool() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "tools" / "propose_esco_links.py"
    spec = importlib.util.spec_from_file_location("propose_esco_links", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["propose_esco_links"] = module
    spec.loader.exec_module(module)
    return module


def test_link_matcher_exact_fuzzy_and_type_rules() -> None:
    tool = _load_link_tool()
    uri = "http://data.europa.eu/esco/skill/{:08x}-0000-0000-0000-000000000000".format
    esco = {
        uri(1): tool.EscoSkill(
            uri(1), "Python (computer programming)", ("Python (computer programming)",), "knowledge"
        ),
        uri(2): tool.EscoSkill(uri(2), "operate forklift", ("operate forklift", "drive a forklift"), "skill"),
        uri(3): tool.EscoSkill(uri(3), "Japanese", ("Japanese",), "language"),
        uri(4): tool.EscoSkill(uri(4), "communication", ("communication",), "knowledge"),
        uri(5): tool.EscoSkill(
            uri(5), "sewing machine maintenance", ("sewing machine maintenance",), "skill"
        ),
        uri(6): tool.EscoSkill(uri(6), "Japanese cuisine", ("Japanese cuisine",), "knowledge"),
    }
    ours = [
        SkillRecord(id="sk.python", label_en="Python", type="tool-software", alt_labels=("Phyton",)),
        SkillRecord(id="sk.forklift", label_en="Forklift operation", type="skill", alt_labels=("forklift",)),
        SkillRecord(id="sk.jepang", label_en="Japanese", type="language", alt_labels=("bahasa Jepang",)),
        SkillRecord(id="sk.komunikasi", label_en="Communication", type="transversal"),
        SkillRecord(id="sk.menjahit", label_en="Sewing", type="skill", alt_labels=("menjahit",)),
    ]
    found = {(p.skill.id, p.esco.preferred, p.method) for p in tool.propose(ours, esco)}
    assert found == {
        ("sk.python", "Python (computer programming)", "exact"),  # ESCO's bracketed qualifier dropped
        ("sk.forklift", "operate forklift", "fuzzy"),  # "operation" and "operate" stem alike
        ("sk.jepang", "Japanese", "exact"),  # the language, never "Japanese cuisine"
        # "Communication" (transversal) may not link to ESCO's knowledge concept; "Sewing" is a subset of
        # "sewing machine maintenance" (token-set 100) but token-sort keeps it out.
    }
    assert tool.normalise_label("C++ & C#") == "c++ and c#"
    assert tool.fuzzy_key("Operating production machinery") == tool.fuzzy_key("operate production machinery")


def test_link_review_merge_keeps_decisions_and_apply_writes_only_esco_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _load_link_tool()
    uri = "http://data.europa.eu/esco/skill/00000002-0000-0000-0000-000000000000"
    esco = {uri: tool.EscoSkill(uri, "operate forklift", ("operate forklift",), "skill")}
    skill = SkillRecord(id="sk.forklift", label_en="Forklift operation", type="skill")
    (proposal,) = tool.propose([skill], esco)
    decided = {"skill_id": "sk.forklift", "esco_uri": uri, "decision": "accept", "reason": ""}
    (row,) = tool.merge([proposal], [decided])
    assert (row["decision"], row["method"], row["score"]) == ("accept", "fuzzy", "1.000")
    # A pending row or a rejection without a reason is refused, naming the row.
    with pytest.raises(SystemExit, match=r"review\.csv:2 skill 'sk\.forklift': field 'decision'"):
        tool.accepted_links([{**row, "decision": ""}], esco, {"sk.forklift"}, "review.csv")
    with pytest.raises(SystemExit, match=r"field 'reason' must say why"):
        tool.accepted_links([{**row, "decision": "reject"}], esco, {"sk.forklift"}, "review.csv")
    accepted = tool.accepted_links([row], esco, {"sk.forklift", "sk.las"}, "review.csv")
    assert accepted == {"sk.forklift": uri}
    skills_dir = tmp_path / "skills"
    skills_dir.mkdir()
    old_uri = "http://data.europa.eu/esco/skill/00000009-0000-0000-0000-000000000000"
    _write(
        skills_dir / "uji.csv",
        HEADER
        + 'sk.forklift,Forklift,Forklift operation,"forklift|operator forklift",skill,8344,\n'
        + f"sk.las,Las,Welding,las,skill,7212,{old_uri}\n",
    )
    monkeypatch.setattr(tool, "SKILLS_DIR", skills_dir)
    assert tool.apply(accepted) == 2  # one link written, one no longer accepted and cleared
    assert (skills_dir / "uji.csv").read_text(encoding="utf-8") == (
        HEADER
        + f"sk.forklift,Forklift,Forklift operation,forklift|operator forklift,skill,8344,{uri}\n"
        + "sk.las,Las,Welding,las,skill,7212,\n"
    )
