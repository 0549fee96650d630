"""Normalisation for matching: same-length character folding, lower-casing, and the abbreviations and
slang of Indonesian job ads expanded ("min 1 thn" → "minimal 1 tahun"), every change mapped back to the
original span.

The matching form is fully lower-cased so that ads written in any case match the vocabularies;
``careful_lower`` is the display form that keeps acronyms (SIM, K3, SMK, PT, CV, HRD, SPG) as written, and
extractors that must tell an acronym from a word ("IT" the field vs "it" the pronoun) check the original
with ``is_upper_in_source``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ahocorasick

from pasarkerja.text.mapping import MappedBuilder, MappedText, Segment


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _build_fold_table() -> dict[int, str]:
    """One character in, one character out, so folding never moves an offset."""
    table: dict[int, str] = {}
    for code in (0xA0, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[code] = " "
    for code in (*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63, 0xFF0D):
        table[code] = "-"
    for code in (0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x0060):
        table[code] = "'"
    for code in (0x201C, 0x201D, 0x201E, 0x201F, 0x2033):
        table[code] = '"'
    table[0x2026] = "."
    table[0x2044] = "/"
    table[0x2215] = "/"
    table[0x0130] = "i"  # "İ".lower() is two characters; fold it to one
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[code] = chr(code - 0xFEE0)
    # Mathematical bold/italic letters and digits: social-media ads write "𝐃𝐈𝐂𝐀𝐑𝐈" with them.
    for code in range(0x1D400, 0x1D800):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded.isascii():
            table[code] = folded
    return table


_FOLD_TABLE = _build_fold_table()


# The table as characters, for a set intersection with the characters an ad uses (a regex class of the
# table's ~100 ranges, or ``str.translate`` with the dict, look at every character of the ad: slow). Its
# only ASCII key is the backtick, which full-width "｀" folds TO: it is replaced first, so a folded
# character is never folded twice.
_FOLD_BY_CHARACTER: dict[str, str] = {chr(code): value for code, value in _FOLD_TABLE.items()}
_FOLD_KEYS = frozenset(_FOLD_BY_CHARACTER)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _translate(text: str) -> str:
    """Every character of ``_FOLD_TABLE`` in ``text`` replaced by its folded form. Most ads hold only a
    few distinct non-ASCII characters (bullets, dashes, quotes): each is folded with one ``str.replace``."""
    present = _FOLD_KEYS.intersection(_NON_ASCII.findall(text))
    if "`" in text:
        text = text.replace("`", "'")
    for character in present:
        text = text.replace(character, _FOLD_BY_CHARACTER[character])
    return text


def fold(text: str) -> str:
    """Same-length folding: odd spaces, dashes, quotes and styled letters to plain ones; lower-cased."""
    if text.isascii():
        folded = (text.translate(_FOLD_TABLE) if "`" in text else text).lower()
        if len(folded) == len(text):
            return folded
    translated = _translate(text)
    folded = translated.lower()
    if len(folded) != len(text):  # a character whose lower case is longer: keep its first character
        folded = "".join(character.lower()[:1] or character for character in translated)
    return folded


# Word abbreviations and chat slang of Indonesian ads. Keys are lower-case surface forms.
ABBREVIATIONS: dict[str, str] = {
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "tdk": "tidak",
    "tak": "tidak",
    "gak": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "thn": "tahun",
    "bln": "bulan",
    "mgg": "minggu",
    "jt": "juta",
    "jtan": "jutaan",
    "rb": "ribu",
    "rbu": "ribu",
    "utk": "untuk",
    "untk": "untuk",
    "krn": "karena",
    "sbg": "sebagai",
    "dlm": "dalam",
    "tsb": "tersebut",
    "pd": "pada",
    "kpd": "kepada",
    "spt": "seperti",
    "lbh": "lebih",
    "jg": "juga",
    "sdh": "sudah",
    "blm": "belum",
    "hrs": "harus",
    "org": "orang",
    "dll": "dan lain-lain",
    "dsb": "dan sebagainya",
    "tgl": "tanggal",
    "bs": "bisa",
    "bsa": "bisa",
    "sy": "saya",
    "kmi": "kami",
    "tlp": "telepon",
    "telp": "telepon",
    "trmsk": "termasuk",
    "msh": "masih",
    "dpt": "dapat",
    "brpengalaman": "berpengalaman",
    "pngalaman": "pengalaman",
    "pglmn": "pengalaman",
    "krj": "kerja",
    "min": "minimal",
    "maks": "maksimal",
    "max": "maksimal",
    "mak": "maksimal",
    "s/d": "sampai dengan",
    "s.d": "sampai dengan",
    "tb": "tinggi badan",
    "bb": "berat badan",
    "pend": "pendidikan",
    "pendd": "pendidikan",
    "kab": "kabupaten",
    "kec": "kecamatan",
    "jkt": "jakarta",
    "sby": "surabaya",
    "bdg": "bandung",
    "smg": "semarang",
    "diutamkan": "diutamakan",
}
# Abbreviations that may carry a full stop which belongs to them ("min.", "thn.", "dll.").
_DOTTED = frozenset(
    {
        "min",
        "maks",
        "max",
        "thn",
        "bln",
        "jt",
        "rb",
        "dll",
        "dsb",
        "tgl",
        "telp",
        "tlp",
        "kab",
        "kec",
        "s.d",
        "pend",
        "mak",
    }
)
# Units written straight after a number: "4,5jt", "150rb", "3thn", "25 th", "150k".
_NUMBER_UNITS: dict[str, str] = {
    "jt": "juta",
    "rb": "ribu",
    "k": "ribu",
    "th": "tahun",
    "thn": "tahun",
    "bln": "bulan",
    "hr": "hari",
    "jtan": "jutaan",
}


_PER_UNITS: dict[str, str] = {"hr": "hari", "bln": "bulan", "thn": "tahun", "mgg": "minggu", "jt": "juta"}
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_AUTOMATON: ahocorasick.Automaton | None = None


# One-letter keys ("150k"): in a whole ad the automaton would report every "k" (~30 per ad, each a turn of
# the Python loop) while only a "k" that ends a word can expand, so long texts use an automaton without
# them and a regex for those; short phrases (the vocabularies hold 60,000) use the automaton with them.
_ONE_LETTER_KEYS = sorted(key for key in {*ABBREVIATIONS, *_NUMBER_UNITS, *_PER_UNITS} if len(key) == 1)
_ONE_LETTER_AT_WORD_END = re.compile(
    "[" + "".join(map(re.escape, _ONE_LETTER_KEYS)) + r"](?!\w)" if _ONE_LETTER_KEYS else r"(?!)"
)
_LONG_TEXT = 64
_AUTOMATON_WITHOUT_ONE_LETTER: ahocorasick.Automaton | None = None


def _automaton(one_letter_keys: bool = True) -> ahocorasick.Automaton:
    """All abbreviation keys in one automaton: one pass finds the candidates, Python checks boundaries."""
    global _AUTOMATON, _AUTOMATON_WITHOUT_ONE_LETTER
    if _AUTOMATON is None or _AUTOMATON_WITHOUT_ONE_LETTER is None:
        full = ahocorasick.Automaton()
        reduced = ahocorasick.Automaton()
        for key in {*ABBREVIATIONS, *_NUMBER_UNITS, *_PER_UNITS}:
            full.add_word(key, key)
            if len(key) > 1:
                reduced.add_word(key, key)
        full.make_automaton()
        reduced.make_automaton()
        _AUTOMATON, _AUTOMATON_WITHOUT_ONE_LETTER = full, reduced
    return _AUTOMATON if one_letter_keys else _AUTOMATON_WITHOUT_ONE_LETTER


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _expansion_at(text: str, start: int, key: str) -> tuple[int, str] | None:
    """(end, replacement) when ``key`` found at ``start`` is an abbreviation to expand there."""
    end = start + len(key)
    length = len(text)
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < length else ""
    dotted = after == "." and (end + 1 >= length or not _is_word(text[end + 1]))
    if key in _NUMBER_UNITS and (
        before.isdigit() or (before == " " and start > 1 and text[start - 2].isdigit())
    ):
        if dotted:
            return end + 1, _NUMBER_UNITS[key]
        if not after or not _is_word(after):
            return end, _NUMBER_UNITS[key]
    if key in _PER_UNITS and before == "/" and (not after or not _is_word(after) or dotted):
        return (end + 1 if dotted else end), _PER_UNITS[key]
    if key not in ABBREVIATIONS or (before and (_is_word(before) or before in "/.")):
        return None
    if key == "s.d" and after == ".":  # "s.d." keeps its own stop
        return end + 1, ABBREVIATIONS[key]
    if dotted:
        # "min." owns its stop; "yg." at a sentence end expands the word and keeps the stop.
        return (end + 1 if key in _DOTTED else end), ABBREVIATIONS[key]
    if after and (_is_word(after) or after in "/."):
        return None
    return end, ABBREVIATIONS[key]


def _expansions(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of every abbreviation to expand in ``folded``, overlapping ones included."""
    edits: list[tuple[int, int, str]] = []
    length = len(folded)
    long_text = length > _LONG_TEXT
    for end_index, key in _automaton(one_letter_keys=not long_text).iter(folded):
        start = end_index - len(key) + 1
        # Most hits sit inside a word ("th" in "thai"); no abbreviation expands after a letter or before a
        # word character, so those are skipped before the full rules of ``_expansion_at``.
        if start > 0 and folded[start - 1].isalpha():
            continue
        following = end_index + 1
        if following < length and (folded[following].isalnum() or folded[following] == "_"):
            continue
        found = _expansion_at(folded, start, key)
        if found is not None:
            edits.append((start, found[0], found[1]))
    if long_text:
        # The one-letter keys left out of the automaton: the regex applies the "no word character
        # follows" test above, the rest is the same.
        for match in _ONE_LETTER_AT_WORD_END.finditer(folded):
            start = match.start()
            if start > 0 and folded[start - 1].isalpha():
                continue
            found = _expansion_at(folded, start, match.group())
            if found is not None:
                edits.append((start, found[0], found[1]))
    return edits


def normalise(source: MappedText | str) -> MappedText:
    """The matching form of ``source``: folded, lower-cased, abbreviations expanded, space runs collapsed."""
    parent = MappedText.identity(source) if isinstance(source, str) else source
    folded = fold(parent.text)
    edits = _expansions(folded)
    if "  " in folded or "\t" in folded:
        edits.extend((m.start(), m.end(), " ") for m in _SPACE_RUN.finditer(folded))
    # A parent that maps every position to itself is left out of the chain: span look-ups then take one
    # step instead of two (the common case of an ad without HTML or boilerplate).
    chained = None if parent.is_identity else parent
    if not edits:  # nothing to expand: the folded text maps one to one onto ``parent``
        return MappedText(
            folded, [Segment(0, len(folded), 0, len(folded), True)] if folded else [], len(folded), chained
        )
    edits.sort(key=lambda edit: (edit[0], edit[0] - edit[1]))
    builder = MappedBuilder(len(folded))
    cursor = 0
    for start, end, replacement in edits:
        if start < cursor:
            continue  # overlaps an expansion already made (leftmost, then longest, wins)
        builder.copy(folded[cursor:start], cursor)
        builder.replace(replacement, start, end)
        cursor = end
    builder.copy(folded[cursor:], cursor)
    return builder.build(parent=chained)


@lru_cache(maxsize=65_536)
def normalise_title(title: str) -> MappedText:
    """``normalise(title)``, memoised: ad titles repeat, and several extractors (occupation, employment
    type, title flags) each need the title's matching form. The result is shared: do not modify it."""
    return normalise(title)


@lru_cache(maxsize=65_536)
def normalise_phrase(phrase: str) -> str:
    """The matching form of a vocabulary entry (label or variant), so it lines up with ``normalise``."""
    folded = fold(phrase)
    if "  " not in folded and "\t" not in folded and not _expansions(folded):
        return folded.strip()  # nothing to expand (most vocabulary entries): skip the mapping machinery
    return normalise(phrase).text.strip()


ACRONYMS: frozenset[str] = _words(
    """SIM K3 SMK SMA STM SMP SD SLTA SLTP PT CV HRD HR SPG SPB IT UMR UMK UMP BPJS THR PKWT PKWTT D1 D2 D3 D4
    S1 S2 S3 KTP NPWP SKCK BNSP SKKNI LSP BLK LPK JP QC QA PPIC GA MEP PMI TKI ART ATM POS PLC CNC SOP KPI CAD
    SQL PHP UI UX AI TOEFL IELTS JLPT WFH USD IDR SPV ADM MT OB CS TKW APD HSE SEO SEM CRM ERP SAP PPN PPH
    DKV TIK KBJI ISCO ESCO AK UMKM BUMN TNI POLRI SIO SMAW GTAW MIG TIG AC"""
)
_UPPER_TOKEN = re.compile(r"(?<![\w])[A-Z0-9]*[A-Z][A-Z0-9]*(?![\w])")


def careful_lower(text: str) -> str:
    """Lower-case ``text`` but keep acronyms as written (same length as the input).

    A known acronym written in capitals is kept; so is any other short all-capitals token, unless the whole
    text shouts (mostly capitals), where only the known acronyms can be told apart from shouted words.
    """
    letters = sum(1 for character in text if character.isalpha())
    uppers = sum(1 for character in text if character.isupper())
    shouting = letters > 0 and uppers / letters > 0.6
    lowered = fold(text)
    pieces: list[str] = []
    cursor = 0
    for match in _UPPER_TOKEN.finditer(text):
        token = match.group()
        if token in ACRONYMS or (not shouting and 2 <= len(token) <= 5):
            pieces.append(lowered[cursor : match.start()])
            pieces.append(token)
            cursor = match.end()
    pieces.append(lowered[cursor:])
    return "".join(pieces)


def is_upper_in_source(original: str, start: int, end: int) -> bool:
    """Whether the letters of ``original[start:end]`` are written in capitals (an acronym, not a word)."""
    surface = original[start:end]
    return any(character.isalpha() for character in surface) and not any(c.islower() for c in surface)
