"""Skill mentions: one Aho-Corasick pass over every label and variant of the skill catalogue on the
normalised text, with word-boundary checks, longest-match preference and overlaps resolved; then an
embedding fallback for requirement bullets that no label matched.

"diutamakan", "nilai plus", "lebih disukai", "preferred", "a plus" make a mention optional; negated
mentions ("tidak perlu pengalaman", "tanpa SIM", "not required") are not skills at all.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import ahocorasick

from pasarkerja.extract.common import as_document, original_span
from pasarkerja.extract.facts import SkillFact, Span
from pasarkerja.taxonomy.records import Requirement, SkillRecord
from pasarkerja.text.document import AnalysedText
from pasarkerja.text.normalise import is_upper_in_source, normalise_phrase
from pasarkerja.text.sections import Item, SectionKind

if TYPE_CHECKING:  # numpy and the model load only when the embedding stage is used
    from pasarkerja.extract.embeddings import LabelEmbeddings

_OPTIONAL = re.compile(
    r"diutamakan|nilai\s+(?:plus|tambah|lebih)|lebih\s+disukai|(?:menjadi\s+)?(?:nilai|poin)\s+plus|"
    r"plus\s+point"
    r"|preferred|preferably|preferable|(?:is\s+)?a\s+plus|(?:is\s+)?an?\s+(?:added\s+)?advantage|advantageous"
    r"|nice\s+to\s+have|good\s+to\s+have|desirable|bonus\s+point|(?:akan\s+)?lebih\s+baik|diprioritaskan|"
    r"optional"
)
_NEGATED_BEFORE = re.compile(
    r"(?:tidak|tak|bukan)\s+(?:perlu|harus|wajib|diperlukan|dibutuhkan|memerlukan|butuh|membutuhkan|"
    r"mengharuskan)"
    r"(?:\s+(?:memiliki|punya|ber|bisa|mampu|menguasai))?\s+(?:\w+\s+){0,2}$|(?:tanpa|without|"
    r"no\s+need\s+(?:for|to)"
    r"|not\s+(?:required|necessary)\s+to)\s+(?:\w+\s+){0,2}$"
)
_NEGATED_AFTER = re.compile(
    r"\s*(?:\)?\s*(?:tidak|tak|bukan)\s+(?:diperlukan|wajib|perlu|harus|dibutuhkan|diutamakan|"
    r"menjadi\s+syarat|syarat)"
    r"|\s*(?:is\s+|are\s+)?not\s+(?:required|needed|necessary|mandatory))"
)
_CLAUSE = re.compile(r"[,;()]|\.\s")
# Mentions in these sections describe the employer, the pay or the application, not what the job needs.
_SKIPPED_SECTIONS: frozenset[SectionKind] = frozenset({"company", "benefits", "apply"})
_CONFIDENCE: dict[SectionKind, float] = {"requirements": 0.9, "duties": 0.8, "other": 0.75}
# Short lower-case words that are also acronyms of skills: matched only when written in capitals.
_COMMON_WORDS = frozenset(
    {
        "it",
        "ai",
        "as",
        "go",
        "cv",
        "pr",
        "ga",
        "am",
        "pm",
        "ok",
        "on",
        "in",
        "is",
        "art",
        "can",
        "per",
        "dan",
        "all",
        "use",
        "ada",
        "set",
        "sap",
        "pos",
        "mig",
        "tig",
        "ob",
        "cs",
        "hr",
        "qa",
        "qc",
        "r",
        "c",
        "ui",
        "ux",
        "seo",
        "ppn",
        "ads",
        "bim",
    }
)


def _case_sensitive(form: str) -> bool:
    letters = re.sub(r"[^A-Za-z0-9]", "", form)
    return form.strip().isupper() and (len(letters) <= 2 or letters.lower() in _COMMON_WORDS)


class SkillExtractor:
    """Finds the catalogue's skills in a text. Build once (it compiles an automaton) and reuse."""

    def __init__(
        self,
        catalogue: Sequence[SkillRecord] | None = None,
        *,
        use_embeddings: bool = True,
        threshold: float = 0.9,
    ) -> None:
        if catalogue is None:
            from pasarkerja.taxonomy.vocab import skill_catalogue

            catalogue = skill_catalogue()
        self.skills: tuple[SkillRecord, ...] = tuple(catalogue)
        self.use_embeddings = use_embeddings
        self.threshold = threshold
        self._automaton = ahocorasick.Automaton()
        # key -> (skill index, key length, case-sensitive): plain tuples, the hot loop unpacks them.
        keys: dict[str, tuple[int, int, bool]] = {}
        for index, record in enumerate(self.skills):
            for form in _forms(record):
                key = normalise_phrase(form)
                if len(key) < 1 or key in keys:
                    continue  # the first skill to claim a form keeps it (the catalogue forbids clashes)
                keys[key] = (index, len(key), _case_sensitive(form))
        for key, entry in keys.items():
            self._automaton.add_word(key, entry)
        if keys:
            self._automaton.make_automaton()
        self._has_keys = bool(keys)
        self._embeddings: LabelEmbeddings | None = None
        self._embedding_owner: list[int] = []

    # -- lexical ------------------------------------------------------------------------------------------

    def mentions(self, doc: AnalysedText) -> list[tuple[int, int, int]]:
        """Non-overlapping lexical mentions (start, end, skill index) in the matching form, in text order."""
        if not self._has_keys:
            return []
        text = doc.text
        length = len(text)
        # (-length, start, end, skill): sorting the plain tuples puts the longest first, then the leftmost.
        found: list[tuple[int, int, int, int]] = []
        for end_index, (skill, key_length, case_sensitive) in self._automaton.iter(text):
            start = end_index - key_length + 1
            end = end_index + 1
            if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
                continue
            if end < length and text[end].isalnum() and text[end_index].isalnum():
                continue
            if case_sensitive:
                a, b = doc.to_original(start, end)
                if not is_upper_in_source(doc.original, a, b):
                    continue
            found.append((-key_length, start, end, skill))
        if not found:
            return []
        # Longest first, then leftmost; a mention overlapping a chosen one is dropped.
        found.sort()
        taken: list[tuple[int, int, int]] = []
        occupied = bytearray(length + 1)
        for _, start, end, skill in found:
            if occupied.find(1, start, end) >= 0:
                continue
            occupied[start:end] = b"\x01" * (end - start)
            taken.append((start, end, skill))
        taken.sort()
        return taken

    def extract(
        self,
        text: str | AnalysedText,
        *,
        requirements_semantics: bool = True,
        covered: Iterable[Span] = (),
    ) -> tuple[SkillFact, ...]:
        """Skills of a text, each once (its strongest mention: essential before optional, then first).

        ``requirements_semantics`` reads the text as an ad (sections decide what counts, "diutamakan" makes
        a mention optional); for CVs and syllabi pass False: every mention counts and is ``essential``.
        ``covered`` are original spans already explained by other facts (education, age…), which the
        embedding fallback leaves alone.
        """
        doc = as_document(text)
        normal = doc.text
        best: dict[int, SkillFact] = {}
        order: list[int] = []
        matched_items: set[int] = set()
        memo: dict[tuple[int, int], tuple[bool, list[tuple[int, int]]]] = {}
        headings = [section.heading for section in doc.sections if section.heading is not None]
        mentions = self.mentions(doc)
        hints = _Hints(normal) if mentions else None
        for start, end, skill_index in mentions:
            if headings and _inside_any(headings, start):
                continue  # "Tanggung Jawab:" names a section, it asks for no responsibility
            item = doc.item_at(start)
            section: SectionKind = item.section if item is not None else doc.section_kind_at(start)
            if requirements_semantics and section in _SKIPPED_SECTIONS:
                continue
            item_start, item_end = (item.start, item.end) if item is not None else _line(normal, start)
            assert hints is not None
            if _negated(normal, item_start, item_end, start, end, hints):
                continue
            if item is not None:
                matched_items.add(item.start)
            previous = best.get(skill_index)
            if previous is not None and previous.required == "essential":
                continue  # the skill is already asked for: a later mention changes nothing
            required: Requirement = "essential"
            if requirements_semantics and _optional(normal, item_start, item_end, start, memo, hints):
                required = "optional"
            if previous is not None and required == "optional":
                continue  # a second optional mention: the first one stands
            record = self.skills[skill_index]
            best[skill_index] = SkillFact(
                id=record.id,
                label=record.label_id or record.label_en,
                type=record.type,
                required=required,
                span=original_span(doc, start, end),
                confidence=_CONFIDENCE.get(section, 0.75) if requirements_semantics else 0.85,
            )
            if previous is None:
                order.append(skill_index)
        facts = [best[index] for index in order]
        if self.use_embeddings:
            known = set(best)
            for fact, skill_index in self._fallback(
                doc, matched_items, list(covered), requirements_semantics
            ):
                if skill_index not in known:
                    known.add(skill_index)
                    facts.append(fact)
        return tuple(facts)

    # -- embedding fallback -------------------------------------------------------------------------------

    def embedding_labels(self) -> list[tuple[str, int]]:
        """(label text, skill index) pairs the embedding fallback compares bullets with: each skill's
        Indonesian and English labels (variants are left to the lexical pass)."""
        pairs: list[tuple[str, int]] = []
        for index, record in enumerate(self.skills):
            for label in dict.fromkeys(x for x in (record.label_id, record.label_en) if x):
                pairs.append((label, index))
        return pairs

    def _label_embeddings(self) -> LabelEmbeddings:
        if self._embeddings is None:
            pairs = self.embedding_labels()
            self._embedding_owner = [index for _, index in pairs]
            from pasarkerja.extract.embeddings import LabelEmbeddings

            self._embeddings = LabelEmbeddings([label for label, _ in pairs])
        return self._embeddings

    def warm_up(self) -> None:
        """Load the label vectors and the embedding model now (else the first bullet that needs them pays)."""
        if self.use_embeddings:
            embeddings = self._label_embeddings()
            embeddings.matrix()
            embeddings.query("mengoperasikan forklift")

    def _fallback(
        self, doc: AnalysedText, matched_items: set[int], covered: list[Span], requirements_semantics: bool
    ) -> list[tuple[SkillFact, int]]:
        results: list[tuple[SkillFact, int]] = []
        for item in doc.items:
            if item.start in matched_items or not _fallback_candidate(
                doc, item, covered, requirements_semantics
            ):
                continue
            surface_span = original_span(doc, item.start, item.end)
            query = doc.original[surface_span[0] : surface_span[1]]
            embeddings = self._label_embeddings()
            nearest = embeddings.nearest(query, k=1)
            if not nearest or nearest[0][1] < self.threshold:
                continue
            label_index, score = nearest[0]
            skill_index = self._embedding_owner[label_index]
            record = self.skills[skill_index]
            required: Requirement = "essential"
            if requirements_semantics and _OPTIONAL.search(doc.text, item.start, item.end):
                required = "optional"
            fact = SkillFact(
                id=record.id,
                label=record.label_id or record.label_en,
                type=record.type,
                required=required,
                span=surface_span,
                confidence=round(min(0.8, max(0.3, (score - self.threshold) * 4 + 0.5)), 3),
                method="embedding",
            )
            results.append((fact, skill_index))
        return results


def _forms(record: SkillRecord) -> list[str]:
    return list(
        dict.fromkeys(form for form in (record.label_id, record.label_en, *record.alt_labels) if form)
    )


def _line(text: str, position: int) -> Span:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return (start, len(text) if end < 0 else end)


# Words every optional marker contains: a substring test rules most items out before the regex runs.
_OPTIONAL_WORDS = (
    "utama",
    "nilai",
    "disukai",
    "plus",
    "prefer",
    "advantage",
    "nice to",
    "good to",
    "desirab",
    "bonus",
    "lebih baik",
    "prioritas",
    "optional",
    "poin",
)
_NEGATION_WORDS = ("tidak", "tak ", "bukan", "tanpa", "without", "no need", "not ")
_NEGATION_HINT = 1
_OPTIONAL_HINT = 2


def _hint_automaton() -> ahocorasick.Automaton:
    kinds: dict[str, int] = {}
    for word in _NEGATION_WORDS:
        kinds[word] = kinds.get(word, 0) | _NEGATION_HINT
    for word in _OPTIONAL_WORDS:
        kinds[word] = kinds.get(word, 0) | _OPTIONAL_HINT
    automaton = ahocorasick.Automaton()
    for word, kind in kinds.items():
        automaton.add_word(word, (len(word), kind))
    automaton.make_automaton()
    return automaton


_HINT_AUTOMATON = _hint_automaton()


class _Hints:
    """Where the negation and optional-marker words occur in a text, found in one pass, so each mention
    asks "is there one in this window?" with a binary search instead of scanning its window again."""

    __slots__ = ("negation", "optional")

    def __init__(self, text: str) -> None:
        self.negation: list[tuple[int, int]] = []
        self.optional: list[tuple[int, int]] = []
        for end_index, (length, kind) in _HINT_AUTOMATON.iter(text):
            occurrence = (end_index - length + 1, end_index + 1)
            if kind & _NEGATION_HINT:
                self.negation.append(occurrence)
            if kind & _OPTIONAL_HINT:
                self.optional.append(occurrence)
        self.negation.sort()
        self.optional.sort()


def _occurs(occurrences: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of ``occurrences`` (sorted) lies wholly inside ``[start, end)``, i.e. whether
    ``word in text[start:end]`` for one of the words."""
    index = bisect_left(occurrences, (start, -1))
    while index < len(occurrences):
        found_start, found_end = occurrences[index]
        if found_start >= end:
            return False
        if found_end <= end:
            return True
        index += 1
    return False


def _inside_any(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def _negated(text: str, item_start: int, item_end: int, start: int, end: int, hints: _Hints) -> bool:
    if not _occurs(hints.negation, max(item_start, start - 45), min(item_end, end + 40)):
        return False  # the common case, decided without the regular expressions
    before = text[max(item_start, start - 45) : start]
    if _NEGATED_BEFORE.search(before):
        return True
    return _NEGATED_AFTER.match(text, end, min(item_end, end + 40)) is not None


def _optional_clauses(
    text: str, item_start: int, item_end: int, hints: _Hints
) -> tuple[bool, list[tuple[int, int]]]:
    """(whole item optional, clauses holding a marker) of one item.

    A marker in a clause of its own ("Memiliki SIM C (diutamakan)", "..., nilai plus") governs the whole
    item; a marker inside a clause ("Menguasai Excel, diutamakan bisa AutoCAD") only that clause.
    """
    if (
        not _occurs(hints.optional, item_start, item_end)
        or _OPTIONAL.search(text, item_start, item_end) is None
    ):
        return False, []  # the common case: no marker anywhere in the item
    cuts = [item_start, *(m.end() for m in _CLAUSE.finditer(text, item_start, item_end)), item_end]
    marked: list[tuple[int, int]] = []
    for left, right in itertools.pairwise(cuts):
        marker = _OPTIONAL.search(text, left, right)
        if marker is None:
            continue
        rest = (text[left : marker.start()] + " " + text[marker.end() : right]).strip(" .,;()!-")
        if len(rest.split()) <= 1:
            return True, []
        marked.append((left, right))
    return False, marked


def _optional(
    text: str,
    item_start: int,
    item_end: int,
    start: int,
    memo: dict[tuple[int, int], tuple[bool, list[tuple[int, int]]]],
    hints: _Hints,
) -> bool:
    key = (item_start, item_end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _optional_clauses(text, item_start, item_end, hints)
    whole, marked = found
    return whole or any(left <= start < right for left, right in marked)


_NOT_SKILL_ITEM = re.compile(
    r"usia|umur|pria|wanita|laki-laki|perempuan|pendidikan|lulusan|pengalaman|experience|tinggi\s+badan|"
    r"berat\s+badan"
    r"|domisili|bersedia|menikah|sehat|buta\s+warna|gaji|salary|ipk|gpa|degree|kirim|email|hubungi|"
    r"lamaran|usia"
    r"|penampilan|jujur|disiplin|ktp|skck|npwp|bpjs"
)


def _fallback_candidate(
    doc: AnalysedText, item: Item, covered: list[Span], requirements_semantics: bool
) -> bool:
    if requirements_semantics and item.section != "requirements":
        return False
    words = doc.text[item.start : item.end].split()
    if not 2 <= len(words) <= 25:
        return False
    if _NOT_SKILL_ITEM.search(doc.text, item.start, item.end):
        return False
    a, b = doc.to_original(item.start, item.end)
    return not any(start < b and a < end for start, end in covered)
