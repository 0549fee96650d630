"""One analysed text: cleaned, normalised, split into sections and items, its language detected.

Built once per input and shared by every extractor, so the ad is cleaned and normalised only once.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from pasarkerja.text.clean import clean
from pasarkerja.text.language import Language, detect_language
from pasarkerja.text.mapping import MappedText, Span
from pasarkerja.text.normalise import normalise
from pasarkerja.text.sections import Item, Section, SectionKind, split_sections


@dataclass(frozen=True, slots=True)
class AnalysedText:
    """``text`` is the matching form (lower-case, abbreviations expanded); spans in it convert to spans of
    ``original`` with ``to_original``."""

    original: str
    mapped: MappedText
    sections: tuple[Section, ...]
    items: tuple[Item, ...]
    language: Language
    _item_starts: list[int] = field(repr=False, compare=False)
    # Per-text memo for extractors (e.g. the trigger windows), so shared work is done once per text.
    cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.mapped.text

    def to_original(self, start: int, end: int) -> Span:
        return self.mapped.to_source(start, end)

    def surface(self, start: int, end: int) -> str:
        """The original words behind ``[start, end)`` of the matching form."""
        a, b = self.to_original(start, end)
        return self.original[a:b]

    @property
    def item_starts(self) -> list[int]:
        """The start of every item, in order (for a binary search by the caller's hot loop)."""
        return self._item_starts

    def item_at(self, position: int) -> Item | None:
        index = bisect_right(self._item_starts, position) - 1
        if index >= 0 and self.items[index].start <= position < max(self.items[index].end, position + 1):
            item = self.items[index]
            if position < item.end:
                return item
        return None

    def section_kind_at(self, position: int) -> SectionKind:
        item = self.item_at(position)
        if item is not None:
            return item.section
        for section in self.sections:
            if section.start <= position < section.end:
                return section.kind
        return "other"

    def has_section(self, kind: SectionKind) -> bool:
        return any(section.kind == kind for section in self.sections)


def analyse(text: str) -> AnalysedText:
    """Clean (HTML, boilerplate), normalise, split into sections and items, and detect the language."""
    mapped = normalise(clean(text))
    sections = split_sections(mapped.text)
    items = tuple(item for section in sections for item in section.items)
    return AnalysedText(
        original=text,
        mapped=mapped,
        sections=sections,
        items=items,
        language=detect_language(mapped.text),
        _item_starts=[item.start for item in items],
    )
