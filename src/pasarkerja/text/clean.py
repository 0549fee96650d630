"""Scraped-ad cleaning: HTML to text, control characters, and the boilerplate portals wrap ads in.

Everything here keeps a map back to the input (``MappedText``) so spans found later still point at the
words the user pasted, HTML tags and all.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import ahocorasick

from pasarkerja.text.mapping import MappedBuilder, MappedText

# Tags after which the visible text starts a new line; a list item also gets a bullet so the section
# splitter sees it as one.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "tr",
        "table",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "hr",
        "title",
    }
)
_SKIP_CONTENT_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})

_HTML_HINT = re.compile(
    r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[^<>]{0,2000}>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"
)


def looks_like_html(text: str) -> bool:
    return ("<" in text or "&" in text) and _HTML_HINT.search(text) is not None


class _MappingHTMLParser(HTMLParser):
    """Collects visible text and where each piece sits in the HTML source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.builder = MappedBuilder(len(source))
        self._line_starts = [0]
        for match in re.finditer("\n", source):
            self._line_starts.append(match.end())
        self._skip_depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _break(self, text: str) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        self.builder.replace(text, start, start + len(raw))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT_TAGS:
            self._skip_depth += 1
        elif tag == "li":
            self._break("\n• ")
        elif tag in _BLOCK_TAGS:
            self._break("\n")
        elif tag in ("td", "th"):
            self._break(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._break("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS or tag == "li":
            start = self._offset()
            self.builder.replace("\n", start, start)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        start = self._offset()
        if self.source.startswith(data, start):
            self.builder.copy(data, start)
        else:  # the parser handed back text it re-assembled; keep it, mapped to where it starts
            self.builder.replace(data, start, min(len(self.source), start + len(data)))

    def _reference(self, raw_name: str, prefix: str) -> None:
        if self._skip_depth:
            return
        start = self._offset()
        end = start + len(prefix) + len(raw_name)
        if end < len(self.source) and self.source[end] == ";":
            end += 1
        decoded = html.unescape(self.source[start:end])
        if decoded == "\xa0":
            decoded = " "
        self.builder.replace(decoded, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference(name, "&")

    def handle_charref(self, name: str) -> None:
        self._reference(name, "&#")


def strip_html(text: str) -> MappedText:
    """Visible text of an HTML fragment, with block tags turned into line breaks and entities decoded.

    Uses the standard library's tolerant parser: it never executes anything and never fetches anything.
    Text that does not look like HTML is returned unchanged.
    """
    if not looks_like_html(text):
        return MappedText.identity(text)
    parser = _MappingHTMLParser(text)
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # the parser is lenient, but garbage must never escape as an exception
        return MappedText.identity(text)
    return parser.builder.build()


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]+")
_SURROGATE = re.compile("[\ud800-\udfff]")

_SOCIAL = (
    r"(?:facebook|fb|twitter|x|whatsapp|wa|linkedin|telegram|instagram|ig|line|e-?mail|pinterest|"
    r"copy link|salin tautan|tiktok)"
)
_BOILERPLATE_LINE = re.compile(
    r"""^[\s•·|>*-]*(?:
        baca\s+juga\b.*
      | (?:advertisement|advertisements|iklan|sponsored|ads\s+by\b.*|scroll\s+to\s+continue.*)
      | (?:share|bagikan|sebarkan)(?:\s+(?:this|ini|lowongan|loker|job|post|artikel))*
        \s*(?:(?:on|to|via|ke|lewat)\s+.*)?[:!]?
      | (?:share\s+(?:on|to|via)\s+.*)
      | """
    + _SOCIAL
    + r"""(?:[\s|/,•·-]+"""
    + _SOCIAL
    + r""")*
      | (?:lamar\s+sekarang|apply\s+now|apply\s+for\s+this\s+job
         |klik\s+(?:di\s*sini\s+)?untuk\s+melamar|easy\s+apply)[.!]?
      | .*\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b.*
      | .*\b(?:kami\s+menggunakan|situs\s+ini\s+menggunakan|menggunakan)\s+(?:cookie|cookies|kuki)\b.*
      | (?:accept|terima|setuju)\s+(?:all\s+)?cookies?.*
      | (?:laporkan\s+lowongan(?:\s+ini)?|report\s+this\s+job|simpan\s+lowongan|save\s+job
         |lihat\s+semua\s+lowongan)[.!]?
      | (?:tags?|label)\s*:.*
      | (?:lowongan|loker|artikel)\s+terkait.*
      | related\s+(?:jobs|posts|articles).*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# When a scraper lost the newlines, the same markers appear mid-text: remove just the marker (and, for
# "Baca juga", the linked headline up to its sentence end when that is short).
_BOILERPLATE_INLINE = re.compile(
    r"\b(?:baca\s+juga\s*:[^.!?\n]{0,120}[.!?]?"
    r"|lamar\s+sekarang\b[.!]?|apply\s+now\b[.!]?|advertisement\b|share\s+this\s+(?:job|post)\b"
    r"|bagikan\s+lowongan\s+ini\b)",
    re.IGNORECASE,
)


def remove_boilerplate(mapped: MappedText) -> MappedText:
    """Drop whole boilerplate lines and inline markers; also blank control and invisible characters."""
    text = mapped.text
    if "\n" not in text:  # old Mac line ends: the only line breaks there are
        text = text.replace("\r", "\n")
    has_invisible = False
    if _ODD.search(text):  # one scan rules out the three repairs below for most ads
        if _SURROGATE.search(text):
            text = _SURROGATE.sub("\ufffd", text)
        if _CONTROL.search(text):
            text = _CONTROL.sub(" ", text)
        has_invisible = _INVISIBLE.search(text) is not None
    marks = _line_marks(text)
    builder = MappedBuilder(len(mapped.text))
    position = 0
    verbatim = 0  # start of the run of lines kept verbatim, copied in one piece when the run ends
    length = len(text)
    while position < length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline + 1
        line = text[position:line_end]
        mark = marks.get(position, 0) if marks is not None else _marks_of(line)
        if (
            line_end - position < 400
            and (mark & _BOILERPLATE_WORD or (_SOCIAL_START.match(line) and _few_words(line)))
            and _BOILERPLATE_LINE.match(line.rstrip("\n"))
        ):
            builder.copy(text[verbatim:position], verbatim)
            if line.endswith("\n"):  # keep the line break so neighbouring lines stay apart
                builder.copy("\n", line_end - 1)
            verbatim = line_end
        elif mark & _INLINE_TRIGGER or has_invisible:
            builder.copy(text[verbatim:position], verbatim)
            _copy_line(builder, line, position, mark & _INLINE_TRIGGER)
            verbatim = line_end
        position = line_end
    builder.copy(text[verbatim:], verbatim)
    identity = len(mapped.segments) <= 1 and all(
        s.exact and s.start == s.source_start for s in mapped.segments
    )
    return builder.build(parent=None if identity and len(mapped.text) == mapped.source_length else mapped)


# C0 controls other than tab/newline become spaces (same length, so offsets are untouched).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# Any character one of the repairs (surrogates, controls, invisible characters) is about.
_ODD = re.compile("[\x00-\x08\x0b-\x1f\x7f\u00ad\u200b-\u200f\u2060\ufeff\ud800-\udfff]")
# Every alternative of ``_BOILERPLATE_LINE`` but the list of social networks names one of the
# ``_BOILERPLATE_WORDS``; a line without one can only be such a list, which starts with a network's name.
_SOCIAL_START = re.compile(r"[\s•·|>*-]*" + _SOCIAL, re.IGNORECASE)

_BOILERPLATE_WORDS = (
    "baca",
    "advert",
    "iklan",
    "sponsor",
    "ads",
    "scroll",
    "share",
    "bagikan",
    "sebarkan",
    "lamar",
    "apply",
    "klik",
    "cookie",
    "kuki",
    "laporkan",
    "report",
    "simpan",
    "save",
    "lihat",
    "tag",
    "label",
    "terkait",
    "related",
)
# Words of the inline markers: most lines contain none of them, so the inline regex is skipped for those.
_INLINE_TRIGGERS = ("baca", "lamar", "apply", "advertis", "share", "bagikan")
_BOILERPLATE_WORD = 1
_INLINE_TRIGGER = 2


def _build_mark_automaton() -> ahocorasick.Automaton:
    marks: dict[str, int] = {}
    for word in _BOILERPLATE_WORDS:
        marks[word] = marks.get(word, 0) | _BOILERPLATE_WORD
    for word in _INLINE_TRIGGERS:
        marks[word] = marks.get(word, 0) | _INLINE_TRIGGER
    automaton = ahocorasick.Automaton()
    for word, mark in marks.items():
        automaton.add_word(word, mark)
    automaton.make_automaton()
    return automaton


_MARKS = _build_mark_automaton()


def _marks_of(line: str) -> int:
    """Which kinds of marker word ``line`` contains (any case, also inside words)."""
    mark = 0
    for _, found in _MARKS.iter(line.lower()):
        mark |= found
    return mark


def _line_marks(text: str) -> dict[int, int] | None:
    """Line start -> marker kinds in that line, from one pass over the whole text; None when lower-casing
    changes the length (rare scripts), where the caller marks each line on its own."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    marks: dict[int, int] = {}
    for end_index, mark in _MARKS.iter(lowered):
        line_start = text.rfind("\n", 0, end_index) + 1  # a marker word never spans a line break
        marks[line_start] = marks.get(line_start, 0) | mark
    return marks


def _few_words(line: str) -> bool:
    """A short line (at most 8 words) that is not blank: it may be a list of social networks."""
    return bool(line.strip()) and len(line.split()) <= 8


def _copy_line(builder: MappedBuilder, line: str, offset: int, inline: int) -> None:
    """Copy ``line`` without inline markers and invisible characters."""
    cursor = 0
    for match in _BOILERPLATE_INLINE.finditer(line) if inline else ():
        builder.copy(line[cursor : match.start()], offset + cursor)
        builder.replace(" ", offset + match.start(), offset + match.end())
        cursor = match.end()
    rest = line[cursor:]
    if _INVISIBLE.search(rest):
        inner = 0
        for match in _INVISIBLE.finditer(rest):
            builder.copy(rest[inner : match.start()], offset + cursor + inner)
            inner = match.end()
        builder.copy(rest[inner:], offset + cursor + inner)
    else:
        builder.copy(rest, offset + cursor)


def clean(text: str) -> MappedText:
    """HTML stripped and boilerplate removed, mapped back to ``text``."""
    return remove_boilerplate(strip_html(text))
