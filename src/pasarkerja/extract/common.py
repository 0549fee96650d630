"""Helpers every extractor shares: coercing input to an analysed text, items and clause windows."""

from __future__ import annotations

import re

from pasarkerja.extract.facts import ExtractionError, Span
from pasarkerja.text.document import AnalysedText, analyse

# Longest input accepted, in characters (about 2 MB of text): well beyond any ad, CV or syllabus, and
# small enough that extraction stays under a second.
MAX_TEXT_CHARS = 2_000_000


def check_text(value: object, record: str, field: str) -> str:
    """``value`` as text for ``record.field``; bytes are decoded as UTF-8. Raises ``ExtractionError``."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError as error:
            raise ExtractionError(
                f"{record}.{field}: bytes that are not UTF-8 text (invalid byte at offset {error.start})"
            ) from None
    if not isinstance(value, str):
        raise ExtractionError(f"{record}.{field}: expected text (str), got {type(value).__name__}")
    if len(value) > MAX_TEXT_CHARS:
        raise ExtractionError(
            f"{record}.{field}: text of {len(value):,} characters is longer than the "
            f"{MAX_TEXT_CHARS:,} accepted"
        )
    return value


def as_document(text: str | AnalysedText) -> AnalysedText:
    return text if isinstance(text, AnalysedText) else analyse(text)


def item_bounds(doc: AnalysedText, position: int) -> Span:
    """The item (bullet or line) around ``position`` in the matching form; the line when no item holds it."""
    item = doc.item_at(position)
    if item is not None:
        return (item.start, item.end)
    text = doc.text
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return (start, len(text) if end < 0 else end)


_CLAUSE_BREAK = re.compile(r"[,;.!?()\n]|\s(?:dan|serta|and)\s")


def clause_bounds(doc: AnalysedText, start: int, end: int) -> Span:
    """The clause of the item around ``[start, end)``: cut at commas, semicolons, stops and 'dan'/'and'."""
    item_start, item_end = item_bounds(doc, start)
    text = doc.text
    left = item_start
    for match in _CLAUSE_BREAK.finditer(text, item_start, start):
        left = match.end()
    right_match = _CLAUSE_BREAK.search(text, end, item_end)
    right = right_match.start() if right_match is not None else item_end
    return (left, max(right, end))


def original_span(doc: AnalysedText, start: int, end: int) -> Span:
    """``[start, end)`` of the matching form as a span of the original text, trimmed of outer spaces."""
    a, b = doc.to_original(start, end)
    original = doc.original
    while a < b and original[a].isspace():
        a += 1
    while b > a and original[b - 1].isspace():
        b -= 1
    return (a, b)
