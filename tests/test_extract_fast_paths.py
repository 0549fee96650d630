"""The extractors' fast paths give exactly what the plain definitions give.

Issue 3 (throughput) merged the skill, trigger and hint automata into one pass, rewrote the optional-marker
regex so the regex engine can skip ahead, and replaced a per-title regex with ``str.find``. Each test keeps
the earlier form as the reference and compares on generated text built from the words that matter.
"""

from __future__ import annotations

import random
import re

import ahocorasick
import pytest

from pasarkerja.extract import triggers
from pasarkerja.extract.occupation import _title_span, _words_apart
from pasarkerja.extract.skills import _OPTIONAL, SkillExtractor, _hint_kinds
from pasarkerja.taxonomy.records import SkillRecord
from pasarkerja.text.document import analyse

# ``_OPTIONAL`` as written before the rewrite (optional leading words as groups).
_OPTIONAL_BEFORE = re.compile(
    r"diutamakan|nilai\s+(?:plus|tambah|lebih)|lebih\s+disukai|(?:menjadi\s+)?(?:nilai|poin)\s+plus|"
    r"plus\s+point"
    r"|preferred|preferably|preferable|(?:is\s+)?a\s+plus|(?:is\s+)?an?\s+(?:added\s+)?advantage|advantageous"
    r"|nice\s+to\s+have|good\s+to\s+have|desirable|bonus\s+point|(?:akan\s+)?lebih\s+baik|diprioritaskan|"
    r"optional"
)


def test_optional_marker_regex_matches_as_before() -> None:
    words = [
        *("is", "a", "an", "plus", "added", "advantage", "advantageous", "menjadi", "nilai", "poin"),
        *("lebih", "baik", "akan", "disukai", "tambah", "point", "diutamakan", "preferred", "preferably"),
        *("preferable", "nice", "good", "to", "have", "desirable", "bonus", "diprioritaskan", "optional"),
        "x",
    ]
    rng = random.Random(1)
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice([" ", "  ", "\n", "", ","]) for _ in range(6))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        before = _OPTIONAL_BEFORE.search(text, start, end)
        after = _OPTIONAL.search(text, start, end)
        assert (before and before.span()) == (after and after.span()), text
    assert _OPTIONAL.search("pengalaman di bidang retail is an added advantage").group() == (
        "is an added advantage"
    )


def _ad_like_texts() -> list[str]:
    """Ads assembled from trigger words, skill names, negations, optional markers and punctuation."""
    words = [*triggers.trigger_words(), *_hint_kinds(), "excel", "ms excel", "microsoft excel", "sim c"]
    words += ["forklift", "staff", "150ribu", "3thn", "kerja", "d3/s1", "(", ")", ":", "•", "-", "2"]
    rng = random.Random(2)
    texts = [
        "Dibutuhkan segera Operator Forklift\nKualifikasi:\n- Pria, usia maks 30 thn\n- Pendidikan min SMA"
        "\n- Memiliki SIM C (diutamakan)\n- Tidak perlu pengalaman\nGaji: Rp 4.500.000/bulan\n"
        "Penempatan: Kab. Bekasi. Shift 3, Senin - Sabtu 08.00-16.00",
        "<p>Requirements</p><ul><li>Microsoft Excel is a plus</li><li>2 years experience</li></ul>",
    ]
    for _ in range(150):
        texts.append(
            "".join(
                rng.choice(words) + rng.choice([" ", "\n", ", ", "", "."]) for _ in range(rng.randint(5, 60))
            )
        )
    return texts


@pytest.fixture(scope="module")
def small_extractor() -> SkillExtractor:
    catalogue = [
        SkillRecord(id="sk.excel", label_id="Microsoft Excel", label_en="Microsoft Excel",
                    type="skill", alt_labels=("ms excel", "excel")),
        SkillRecord(id="sk.sim-c", label_id="SIM C", label_en="Driving licence C",
                    type="licence-certificate"),
        SkillRecord(id="sk.forklift", label_id="Mengoperasikan forklift", label_en="Forklift operation",
                    type="skill", alt_labels=("forklift",)),
        SkillRecord(id="sk.shift", label_id="Kerja shift", label_en="Shift work", type="skill",
                    alt_labels=("shift",)),
    ]  # fmt: skip
    return SkillExtractor(catalogue, use_embeddings=False)


def test_combined_pass_gives_the_trigger_windows_of_the_trigger_scan(small_extractor: SkillExtractor) -> None:
    for text in _ad_like_texts():
        alone = analyse(text)
        expected = triggers._scan(alone)
        combined = analyse(text)
        small_extractor.scan(combined)
        for topic in ("education", "experience", "pay", "terms", "time", "flags", "region", "programme"):
            assert triggers.windows(combined, topic) == expected.get(topic, []), (topic, text)


def test_combined_pass_gives_the_hints_of_a_separate_hint_pass(small_extractor: SkillExtractor) -> None:
    automaton = ahocorasick.Automaton()
    for word, kind in _hint_kinds().items():
        automaton.add_word(word, (len(word), kind))
    automaton.make_automaton()
    for text in _ad_like_texts():
        doc = analyse(text)
        negation: list[tuple[int, int]] = []
        optional: list[tuple[int, int]] = []
        for end_index, (length, kind) in automaton.iter(doc.text):
            occurrence = (end_index - length + 1, end_index + 1)
            if kind & 1:
                negation.append(occurrence)
            if kind & 2:
                optional.append(occurrence)
        hints = small_extractor._scanned(doc)[1]
        assert hints.negation == sorted(negation) and hints.optional == sorted(optional)


def test_skills_of_a_generated_ad(small_extractor: SkillExtractor) -> None:
    text = "Kualifikasi:\n- Menguasai Ms Excel\n- Memiliki SIM C (diutamakan)\n- Tidak perlu forklift\nShift"
    facts = small_extractor.extract(text)
    assert [(f.id, f.required, text[f.span[0] : f.span[1]]) for f in facts] == [
        ("sk.excel", "essential", "Ms Excel"),
        ("sk.sim-c", "optional", "SIM C"),
        ("sk.shift", "essential", "Shift"),
    ]
    # A document scanned by one extractor and read by another: each uses its own pass.
    doc = analyse(text)
    small_extractor.scan(doc)
    other = SkillExtractor(
        [SkillRecord(id="sk.shift", label_id="Kerja shift", label_en="Shift work", type="skill",
                     alt_labels=("shift",))],
        use_embeddings=False,
    )  # fmt: skip
    assert [fact.id for fact in other.extract(doc)] == ["sk.shift"]
    assert small_extractor.extract(doc) == facts


def test_words_apart_is_the_regex_search() -> None:
    rng = random.Random(5)
    alphabet = "ab1_ -./é\u00a0&"
    for _ in range(30000):
        words = [
            "".join(rng.choice("ab1é") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 3))
        ]
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        if rng.random() < 0.5:
            position = rng.randint(0, len(text))
            text = text[:position] + " - ".join(words) + text[position:]
        found = re.search(r"[^\w]+".join(re.escape(word) for word in words), text)
        assert _words_apart(text, words) == (found.span() if found else None), (text, words)


def test_title_span_points_at_the_matched_title() -> None:
    title = "Dibutuhkan Segera: OPERATOR  Produksi (Pria) - Bekasi"
    span = _title_span(title, "operator produksi")
    assert span is not None and title[span[0] : span[1]] == "OPERATOR  Produksi"
    assert _title_span("Staff R & D", "r & d") == (6, 11)  # not alphanumeric words: the regex path
    assert _title_span("Kasir", "operator produksi") is None
