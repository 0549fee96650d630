"""Text layer: cleaning, normalisation, stemming, language detection and sectioning of Indonesian and
English labour-market text, every transformation mapped back to the original offsets."""

from pasarkerja.text.clean import clean, remove_boilerplate, strip_html
from pasarkerja.text.document import AnalysedText, analyse
from pasarkerja.text.language import Language, detect_language
from pasarkerja.text.mapping import MappedText, Span
from pasarkerja.text.normalise import careful_lower, fold, is_upper_in_source, normalise, normalise_phrase
from pasarkerja.text.sections import Item, Section, SectionKind, split_sections
from pasarkerja.text.stem import stem, stem_text

__all__ = [
    "AnalysedText",
    "Item",
    "Language",
    "MappedText",
    "Section",
    "SectionKind",
    "Span",
    "analyse",
    "careful_lower",
    "clean",
    "detect_language",
    "fold",
    "is_upper_in_source",
    "normalise",
    "normalise_phrase",
    "remove_boilerplate",
    "split_sections",
    "stem",
    "stem_text",
    "strip_html",
]
