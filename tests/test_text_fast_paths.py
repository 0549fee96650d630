"""The text layer's fast paths give exactly what the plain definitions give.

Each fast path (issue 3: extraction throughput) replaced a slower but obvious computation; these tests keep
the obvious one as the reference and compare on inputs built to hit the edge cases (every folded
character, non-ASCII letters, abbreviations next to digits and letters).
"""

from __future__ import annotations

import random
import re

import pytest

from pasarkerja.text import detect_language, fold
from pasarkerja.text.language import ENGLISH_FUNCTION_WORDS, INDONESIAN_FUNCTION_WORDS
from pasarkerja.text.mapping import MappedBuilder, MappedText
from pasarkerja.text.normalise import (
    _FOLD_TABLE,
    _NUMBER_UNITS,
    _PER_UNITS,
    ABBREVIATIONS,
    _expansion_at,
    _expansions,
)
from pasarkerja.text.sections import split_sections


def _fold_reference(text: str) -> str:
    """The definition: every character through the table (one character in, one out), then lower-case,
    keeping the first character of a lower case that is longer."""
    translated = "".join(_FOLD_TABLE.get(ord(character), character) for character in text)
    folded = translated.lower()
    if len(folded) != len(text):
        folded = "".join(character.lower()[:1] or character for character in translated)
    return folded


def test_fold_matches_the_per_character_definition_for_every_table_character() -> None:
    every = "".join(chr(code) for code in _FOLD_TABLE)
    assert fold(every) == _fold_reference(every)
    # Full-width "｀" folds to "`", which the table folds too: it must not be folded twice.
    assert fold("a｀b`c") == "a`b'c"
    assert fold("Gaji\u00a0Rp\u20094–5\u00a0jt • 𝐃𝐈𝐂𝐀𝐑𝐈 İstanbul") == "gaji rp 4-5 jt • dicari istanbul"


def test_fold_matches_the_definition_on_random_mixtures() -> None:
    rng = random.Random(3)
    alphabet = [*(chr(code) for code in _FOLD_TABLE), *"aZ`'\" -\n•é", "İ", "ß", "K", "\ud800"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert fold(text) == _fold_reference(text), repr(text)


def _language_reference(text: str) -> str:
    """The definition: runs of a-z in the lower-cased text, counted against the function-word lists."""
    words = re.findall(r"[a-z]+", text.lower())
    indonesian = sum(word in INDONESIAN_FUNCTION_WORDS for word in words)
    english = sum(word in ENGLISH_FUNCTION_WORDS - INDONESIAN_FUNCTION_WORDS for word in words)
    total = indonesian + english
    if total < 2:
        return "unknown"
    share = indonesian / total
    if share >= 0.8:
        return "id"
    if share <= 0.2:
        return "en"
    if min(indonesian, english) < 2:
        return "id" if indonesian > english else "en"
    return "mixed"


def test_language_matches_the_regex_definition() -> None:
    rng = random.Random(4)
    words = ["yang", "dan", "the", "and", "of", "kerja", "work", "experience", "minimal", "skills", "x"]
    glue = [" ", "é", "\u212a", "İ", "1", ",", "\n", "-", "ß", "\ud800", ""]  # non-ASCII letters split words
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(0, 12)))
        assert detect_language(text) == _language_reference(text), repr(text)
    assert detect_language("Dibutuhkan segera staff yang berpengalaman dan jujur") == "id"
    assert detect_language("We are looking for a candidate with strong skills and the ability") == "en"


def _expansions_reference(folded: str) -> list[tuple[int, int, str]]:
    """The definition: every key at every position, with the rules of ``_expansion_at`` (no automaton)."""
    keys = {*ABBREVIATIONS, *_NUMBER_UNITS, *_PER_UNITS}
    edits = []
    for start in range(len(folded)):
        for key in keys:
            end = start + len(key)
            if not folded.startswith(key, start):
                continue
            if start > 0 and folded[start - 1].isalpha():
                continue
            if end < len(folded) and (folded[end].isalnum() or folded[end] == "_"):
                continue
            found = _expansion_at(folded, start, key)
            if found is not None:
                edits.append((start, found[0], found[1]))
    return sorted(edits)


def test_abbreviation_expansions_match_the_definition() -> None:
    rng = random.Random(6)
    pieces = [
        "k",
        "150",
        "4,5",
        "jt",
        "rb",
        "th",
        "thn",
        "min",
        "max",
        "s/d",
        "yg",
        "/hr",
        "dll",
        "untuk",
        "²",
    ]
    glue = [" ", "", ".", "/", "\n", "k", "_", "a"]
    for _ in range(1500):
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 40)))
        assert sorted(_expansions(text)) == _expansions_reference(text), repr(text)
    assert sorted(_expansions("gaji 150k/hr, 150 k. bukan untuk k")) == [
        (8, 9, "ribu"),
        (10, 12, "hari"),
        (18, 20, "ribu"),
    ]


def test_sections_of_a_decorated_ad() -> None:
    text = (
        "pt maju jaya membuka lowongan\n"
        "** kualifikasi **\n"
        "• pria/wanita usia maksimal 30 tahun\n"
        "2. pendidikan minimal sma\n"
        "benefit: gaji pokok, bpjs\n"
        "cara melamar\n"
        "kirim cv ke hrd@maju.id\n"
    )
    sections = split_sections(text)
    assert [section.kind for section in sections] == ["other", "requirements", "benefits", "apply"]
    requirement_items = [text[item.start : item.end] for item in sections[1].items]
    assert requirement_items == ["pria/wanita usia maksimal 30 tahun", "pendidikan minimal sma"]
    assert [item.bullet for item in sections[1].items] == [True, True]
    assert [text[item.start : item.end] for item in sections[2].items] == ["gaji pokok, bpjs"]
    for section in sections:
        if section.heading is not None:  # the skill extractor relies on this: no item holds a heading
            start, end = section.heading
            assert all(item.end <= start or item.start >= end for s in sections for item in s.items)


@pytest.mark.parametrize("text", ["", "operator produksi", "a\u00a0b"])
def test_identity_chain_maps_spans_to_themselves(text: str) -> None:
    first = MappedText.identity(text)
    builder = MappedBuilder(len(text))
    builder.copy(text, 0)
    second = builder.build(parent=first)
    assert second.is_identity
    for start in range(len(text) + 2):
        for end in range(start, len(text) + 3):
            # The walk through every stage, which the fast path skips.
            walked = first._to_parent(*second._to_parent(start, end))
            assert second.to_source(start, end) == walked
