"""Skill mentions: one Aho-Corasick pass over every label and variant of the skill catalogue on the
normalised text, with word-boundary checks, longest-match preference and overlaps resolved; then an
embedding fallback for requirement bullets that no label matched.

"diutamakan", "nilai plus", "lebih disukai", "preferred", "a plus" make a mention optional; negated
mentions ("tidak perlu pengalaman", "tanpa SIM", "not required") are not skills at all.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import ahocorasick

from pasarkerja.extract import triggers
from pasarkerja.extract.common import as_document, original_span
from pasarkerja.extract.facts import SkillFact, Span
from pasarkerja.taxonomy.records import Requirement, SkillRecord
from pasarkerja.text.document import AnalysedText
from pasarkerja.text.normalise import is_upper_in_source, normalise_phrase
from pasarkerja.text.sections import Item, SectionKind

if TYPE_CHECKING:  # numpy and the model load only when the embedding stage is used
    from pasarkerja.extract.embeddings import LabelEmbeddings

# Every alternative begins with a literal letter, so the regex engine scans for the few possible first
# letters in C instead of trying ~25 alternatives at every position (10x faster). An optional leading word
# "(?:is\s+)?a\s+plus" is written as two alternatives in the same order ("is\s+a\s+plus|a\s+plus"): the
# regex tries the longer path first either way, so the matches are the same.
_OPTIONAL = re.compile(
    r"diutamakan|nilai\s+(?:plus|tambah|lebih)|lebih\s+disukai|menjadi\s+(?:nilai|poin)\s+plus|nilai\s+plus"
    r"|poin\s+plus|plus\s+point"
    r"|preferred|preferably|preferable|is\s+a\s+plus|a\s+plus|is\s+an?\s+(?:added\s+)?advantage"
    r"|an?\s+(?:added\s+)?advantage|advantageous"
    r"|nice\s+to\s+have|good\s+to\s+have|desirable|bonus\s+point|akan\s+lebih\s+baik|lebih\s+baik"
    r"|diprioritaskan|optional"
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
        # key -> (skill index, key length, case-sensitive, first and last character alphanumeric): plain
        # tuples, the hot loop unpacks them; a key whose end is not alphanumeric needs no boundary there.
        keys: dict[str, tuple[int, int, bool, bool, bool]] = {}
        for index, record in enumerate(self.skills):
            for form in _forms(record):
                key = normalise_phrase(form)
                if len(key) < 1 or key in keys:
                    continue  # the first skill to claim a form keeps it (the catalogue forbids clashes)
                keys[key] = (index, len(key), _case_sensitive(form), key[0].isalnum(), key[-1].isalnum())
        self._has_keys = bool(keys)
        # One automaton for the skill keys, the extractors' trigger words and the negation/optional hint
        # words: each pass of pyahocorasick over an ad costs ~25-70 µs whatever it finds, so the three
        # scans are one. Value: (skill entry, trigger entry, hint entry), None where the word is not one.
        entries: dict[str, list[object]] = {key: [entry, None, None] for key, entry in keys.items()}
        for word, topics in triggers.trigger_words().items():
            entries.setdefault(word, [None, None, None])[1] = (len(word), topics)
        for word, kind in _hint_kinds().items():
            entries.setdefault(word, [None, None, None])[2] = (len(word), kind)
        self._automaton = ahocorasick.Automaton()
        for word, entry in entries.items():
            self._automaton.add_word(word, tuple(entry))
        self._automaton.make_automaton()
        self._embeddings: LabelEmbeddings | None = None
        self._embedding_owner: list[int] = []

    # -- lexical ------------------------------------------------------------------------------------------

    def scan(self, doc: AnalysedText) -> None:
        """One automaton pass over ``doc`` for skill keys, trigger words and hint words, remembered in
        ``doc.cache``: the trigger windows of the other extractors (``extract.triggers``) come from it, so
        ``Extractor`` calls this first. Calling it again for the same ``doc`` does nothing."""
        self._scanned(doc)

    def _scanned(self, doc: AnalysedText) -> tuple[list[tuple[int, int, int, int]], _Hints]:
        """(skill key hits on word boundaries as (-length, start, end, skill), hints) of ``doc``."""
        cached = doc.cache.get(_SCAN_KEY)
        if isinstance(cached, tuple) and cached[0] is self:
            return cached[1], cached[2]
        text = doc.text
        length = len(text)
        found: list[tuple[int, int, int, int]] = []
        starts: dict[str, list[int]] = {}
        negation: list[tuple[int, int]] = []
        optional: list[tuple[int, int]] = []
        for end_index, (skill_entry, trigger_entry, hint_entry) in self._automaton.iter(text):
            if skill_entry is not None:
                skill, key_length, case_sensitive, first_alnum, last_alnum = skill_entry
                start = end_index - key_length + 1
                # Whole words only: an alphanumeric first (last) character must not continue a word.
                if not (first_alnum and start > 0 and text[start - 1].isalnum()) and not (
                    last_alnum and end_index + 1 < length and text[end_index + 1].isalnum()
                ):
                    if case_sensitive:
                        a, b = doc.to_original(start, end_index + 1)
                        if is_upper_in_source(doc.original, a, b):
                            found.append((-key_length, start, end_index + 1, skill))
                    else:
                        found.append((-key_length, start, end_index + 1, skill))
            if trigger_entry is not None:
                trigger_length, topics = trigger_entry
                start = end_index - trigger_length + 1
                # The test of ``triggers._scan``: triggers start words; short ones are whole words.
                if not (start > 0 and text[start - 1].isalpha()) and not (
                    trigger_length <= 3 and end_index + 1 < length and text[end_index + 1].isalpha()
                ):
                    for topic in topics:
                        positions = starts.get(topic)
                        if positions is None:
                            starts[topic] = [start]
                        else:
                            positions.append(start)
            if hint_entry is not None:
                hint_length, kind = hint_entry
                occurrence = (end_index - hint_length + 1, end_index + 1)
                if kind & _NEGATION_HINT:
                    negation.append(occurrence)
                if kind & _OPTIONAL_HINT:
                    optional.append(occurrence)
        triggers.store_windows(doc, starts)
        hints = _Hints(negation, optional)
        doc.cache[_SCAN_KEY] = (self, found, hints)
        return found, hints

    def mentions(self, doc: AnalysedText) -> list[tuple[int, int, int]]:
        """Non-overlapping lexical mentions (start, end, skill index) in the matching form, in text order."""
        if not self._has_keys:
            return []
        # (-length, start, end, skill): sorting the plain tuples puts the longest first, then the leftmost.
        found = sorted(self._scanned(doc)[0])
        if not found:
            return []
        # Longest first, then leftmost; a mention overlapping a chosen one is dropped.
        taken: list[tuple[int, int, int]] = []
        occupied = bytearray(len(doc.text) + 1)
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
        hints = self._scanned(doc)[1]
        # Most ads hold no negation or optional-marker word at all: then no mention needs the checks.
        negations = bool(hints.negation)
        optionals = requirements_semantics and bool(hints.optional)
        items = doc.items
        item_starts = doc.item_starts
        skills = self.skills
        original = doc.original
        # Most ads map one to one onto their input (no HTML, nothing expanded): spans need no look-up.
        identity = doc.mapped.is_identity
        for start, end, skill_index in mentions:
            # ``doc.item_at(start)``, inlined: this loop runs for every mention of every ad.
            index = bisect_right(item_starts, start) - 1
            item = items[index] if index >= 0 and start < items[index].end else None
            section: SectionKind
            if item is None:
                # Headings are never inside an item, so only a mention outside the items can be in one.
                if headings and _inside_any(headings, start):
                    continue  # "Tanggung Jawab:" names a section, it asks for no responsibility
                section = doc.section_kind_at(start)
            else:
                section = item.section
            if requirements_semantics and section in _SKIPPED_SECTIONS:
                continue
            item_start, item_end = (item.start, item.end) if item is not None else _line(normal, start)
            if negations and _negated(normal, item_start, item_end, start, end, hints):
                continue
            if item is not None:
                matched_items.add(item.start)
            previous = best.get(skill_index)
            if previous is not None and previous.required == "essential":
                continue  # the skill is already asked for: a later mention changes nothing
            required: Requirement = "essential"
            if optionals and _optional(normal, item_start, item_end, start, memo, hints):
                required = "optional"
            if previous is not None and required == "optional":
                continue  # a second optional mention: the first one stands
            record = skills[skill_index]
            if identity:  # ``original_span`` without the mapping: trim outer spaces only
                a, b = start, end
                while a < b and original[a].isspace():
                    a += 1
                while b > a and original[b - 1].isspace():
                    b -= 1
                span = (a, b)
            else:
                span = original_span(doc, start, end)
            best[skill_index] = SkillFact(
                id=record.id,
                label=record.label_id or record.label_en,
                type=record.type,
                required=required,
                span=span,
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


_SCAN_KEY = "skills.scan"


def _hint_kinds() -> dict[str, int]:
    kinds: dict[str, int] = {}
    for word in _NEGATION_WORDS:
        kinds[word] = kinds.get(word, 0) | _NEGATION_HINT
    for word in _OPTIONAL_WORDS:
        kinds[word] = kinds.get(word, 0) | _OPTIONAL_HINT
    return kinds


class _Hints:
    """Where the negation and optional-marker words occur in a text (found by the same pass as the skill
    keys), so each mention asks "is there one in this window?" with a binary search instead of scanning
    its window again."""

    __slots__ = ("negation", "optional")

    def __init__(self, negation: list[tuple[int, int]], optional: list[tuple[int, int]]) -> None:
        negation.sort()
        optional.sort()
        self.negation = negation
        self.optional = optional


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
