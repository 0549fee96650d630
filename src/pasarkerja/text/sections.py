"""Splitting an ad into its sections (about the company, duties, requirements, benefits, how to apply) and
its bullet items, on the normalised (lower-case) text.

Works on ads with line breaks (headings on their own line, "Kualifikasi:" followed by items on the same
line) and on ads whose line breaks a scraper lost (headings found inline, items split at inline bullets
and sentence ends).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

SectionKind = Literal["company", "duties", "requirements", "benefits", "apply", "other"]

_HEADINGS: dict[SectionKind, str] = {
    "company": r"""tentang\s+(?:kami|perusahaan|company|us)|about\s+(?:us|the\s+company|company|"
    "[a-z]+\s+(?:group|indonesia))
        |profil(?:e)?\s+perusahaan|company\s+(?:profile|overview|description|info)|who\s+we\s+are|siapa\s+kami
        |deskripsi\s+perusahaan|informasi\s+perusahaan""",
    "duties": r"""(?:deskripsi|uraian|rincian|detail|gambaran)\s+(?:pekerjaan|tugas|jabatan|kerja|posisi|"
    "lowongan)
        |job\s*desc(?:ription)?s?|job\s*desk|jobdesk|job\s+(?:duties|responsibilities|scope|summary|overview|details?)
        |(?:tugas\s+(?:dan|&)\s+)?tanggung\s*jawab(?:\s+(?:pekerjaan|utama|jabatan|posisi))?
        |tugas(?:\s+(?:utama|pokok|pekerjaan|harian))?|(?:key\s+|main\s+|your\s+)?responsibilit(?:y|ies)
        |duties(?:\s+(?:and|&)\s+responsibilities)?|what\s+you(?:'ll|\s+will)\s+do|(?:about\s+)?the\s+role
        |role\s+(?:description|overview|summary)|ruang\s+lingkup(?:\s+(?:pekerjaan|kerja))?
        |position\s+(?:summary|overview|description)""",
    "requirements": r"""(?:kualifikasi|persyaratan|syarat(?:-syarat)?|ketentuan|kriteria|spesifikasi)
            (?:\s+(?:umum|khusus|utama|minimum|minimal|wajib|tambahan|kandidat|pelamar|calon\s+karyawan|
                     yang\s+(?:dibutuhkan|dibutuhkan|diperlukan|dicari)|jabatan|pekerjaan))*
        |(?:job\s+|minimum\s+|basic\s+|preferred\s+|general\s+|key\s+)?(?:requirements?|qualifications?)
        |what\s+we(?:'re|\s+are)\s+looking\s+for|who\s+you\s+are|what\s+you\s+need|must\s+have
        |(?:required\s+)?skills?(?:\s+(?:required|and\s+qualifications|&\s+qualifications))?
        |(?:kemampuan|keahlian|kompetensi|keterampilan)(?:\s+yang\s+(?:dibutuhkan|diperlukan|dimiliki))?
        |(?:you\s+)?should\s+have|ideal\s+candidate|the\s+ideal\s+candidate""",
    "benefits": r"""fasilitas(?:\s+(?:dan|&)\s+(?:tunjangan|benefit))?|benefits?|keuntungan(?:\s+bergabung)?
        |tunjangan(?:\s+(?:dan|&)\s+fasilitas)?|what\s+we\s+offer|we\s+offer|kami\s+menawarkan
        |yang\s+(?:kamu|anda)\s+(?:dapatkan|peroleh)|what\s+you(?:'ll|\s+will)\s+get|perks(?:\s+and\s+benefits)?
        |kompensasi(?:\s+(?:dan|&)\s+(?:benefit|fasilitas))?|remunerasi|compensation(?:\s+(?:and|&)\s+benefits)?
        |gaji\s+(?:dan|&)\s+(?:fasilitas|tunjangan|benefit)|salary\s+(?:and|&)\s+benefits""",
    "apply": r"""cara\s+(?:melamar|mendaftar|daftar|apply|pendaftaran|lamar)|how\s+to\s+apply|pendaftaran
        |(?:kirim(?:kan)?|send)\s+(?:cv|lamaran|berkas|your\s+cv|resume)(?:\s+(?:anda|kamu|lengkap))?
        (?:\s+(?:ke|melalui|via|to))?|lamaran\s+(?:dapat\s+)?(?:dikirim|diantar)(?:\s+(?:ke|melalui))?
        |application|apply\s+(?:via|melalui|here)|(?:info(?:rmasi)?\s+)?(?:lebih\s+lanjut|pendaftaran)
        |contact(?:\s+us|\s+person)?|kontak|hubungi(?:\s+kami)?|berkas\s+lamaran""",
}
_KIND_OF_GROUP = {f"k{index}": kind for index, kind in enumerate(_HEADINGS)}
_HEADING_ALTERNATION = "|".join(
    f"(?P<k{index}>{pattern})" for index, pattern in enumerate(_HEADINGS.values())
)
# Decorations around a heading: bullets, numbering, emoji, asterisks, brackets, '='/'#' rulers.
_DECORATION = r"[\s\W_\d]{0,8}?"
_HEADING_LINE = re.compile(
    rf"^{_DECORATION}(?:{_HEADING_ALTERNATION})\s*(?:[:\-–=*#\])}}>]+\s*|$)",
    re.VERBOSE,
)
# A heading in the middle of a run-on line: only when a colon follows it, so running text ("bertanggung
# jawab atas...", "memenuhi persyaratan") is not mistaken for one.
_INLINE_HEADING = re.compile(rf"(?<![\w-])(?:{_HEADING_ALTERNATION})\s*:", re.VERBOSE)

_EMOJI = "\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001f2ff"
_BULLET = re.compile(
    r"^[ \t]*(?:[•●○◦▪▫■□►▸‣⁃∙·*✓✔☑➢➤→⇒>+~"
    + _EMOJI
    + r"]+|[-–—]+(?=\s)|\d{1,2}[.)](?=\s|[a-z])|[a-h][.)](?=\s)"
    r"|\(\d{1,2}\)|\([a-h]\))[ \t]*"
)
# Where a run-on line (newlines lost) splits into items: inline bullets, numbering, sentence ends.
# Both alternatives ("\s+<bullet>\s*" and "<stop>\s+") begin with a space, written first so the regex
# engine can skip to the next space instead of trying every position.
_INLINE_BREAK = re.compile(
    r"\s(?:\s*(?:[•●▪■►✓✔➢➤" + _EMOJI + r"]+|-(?=\s)|\d{1,2}[.)](?=\s))\s*|(?<=[.;!?]\s)\s*(?=\S))"
)
_HEADING_MARKS = frozenset(":-–=*#]>)")
_RUN_ON = 240  # a line longer than this is treated as several lines that lost their breaks


@dataclass(frozen=True, slots=True)
class Item:
    """One bullet item or line of content, ``[start, end)`` in the normalised text (marker excluded)."""

    start: int
    end: int
    section: SectionKind
    bullet: bool


@dataclass(frozen=True, slots=True)
class Section:
    """A run of the ad under one heading; ``heading`` is ``None`` for text before the first heading."""

    kind: SectionKind
    start: int
    end: int
    heading: tuple[int, int] | None
    items: tuple[Item, ...]


def _heading_kind(match: re.Match[str]) -> SectionKind:
    group = match.lastgroup
    for name, value in match.groupdict().items():
        if value is not None and name in _KIND_OF_GROUP:
            return _KIND_OF_GROUP[name]
    return _KIND_OF_GROUP.get(group or "", "other")


def _lines(text: str) -> list[tuple[int, int, str]]:
    """Content lines as ``(start, end, line)``, run-on lines split at inline headings, bullets and
    sentences. One C-level ``split`` instead of a ``find`` per line: this runs for every ad."""
    lines: list[tuple[int, int, str]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if end - position > _RUN_ON:
            lines.extend((a, b, text[a:b]) for a, b in _split_run_on(text, position, end))
        elif line.strip():
            lines.append((position, end, line))
        position = end + 1
    return lines


def _split_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = {start, end}
    segment = text[start:end]
    colon = segment.find(":")
    while colon >= 0:
        # Headings end at a colon: look only in the few words before each colon.
        window_start = max(0, colon - 60)
        for match in _INLINE_HEADING.finditer(segment, window_start, colon + 1):
            if match.end() == colon + 1:
                cuts.add(start + match.start())
                break
        colon = segment.find(":", colon + 1)
    for match in _INLINE_BREAK.finditer(segment):
        cuts.add(start + match.start())
    ordered = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(ordered) if text[a:b].strip()]


def split_sections(text: str) -> tuple[Section, ...]:
    """Sections and items of normalised ``text`` (see ``pasarkerja.text.normalise``)."""
    sections: list[Section] = []
    kind: SectionKind = "other"
    section_start = 0
    heading: tuple[int, int] | None = None
    items: list[Item] = []

    def close(at: int) -> None:
        if items or heading is not None:
            sections.append(Section(kind, section_start, at, heading, tuple(items)))

    for line_start, line_end, line in _lines(text):
        content_start = line_start
        rest = line
        # Headings are short, or end in a separator early on ("Kualifikasi: S1 Akuntansi ...").
        size = line_end - line_start
        match = (
            _HEADING_LINE.match(line)
            if (size <= 80 or not _HEADING_MARKS.isdisjoint(line[:70])) and size <= 400
            else None
        )
        if match is not None:
            whole_line = match.end() == len(line.rstrip())
            if whole_line and heading is not None and _heading_kind(match) == kind:
                match = None  # "Send your CV" under "How to apply": content of the section, not a new one
            elif whole_line or line[: match.end()].rstrip()[-1:] in ":-–=*#]>)":
                close(line_start)
                kind = _heading_kind(match)
                section_start = line_start
                heading = (
                    line_start + match.start(),
                    line_start + len(line[: match.end()].rstrip(" :-–=*#])>\t")),
                )
                items = []
                content_start = line_start + match.end()
                rest = text[content_start:line_end]
                if not rest.strip():
                    continue
        bullet_match = _BULLET.match(rest)
        stripped = rest.rstrip()
        stripped_end = line_end - (len(rest) - len(stripped))
        if bullet_match is None:
            item_start = content_start + (len(stripped) - len(stripped.lstrip()))
            bullet = False
        else:
            bullet = bullet_match.end() > 0 and bool(bullet_match.group().strip())
            item_start = content_start + bullet_match.end()
            body = text[item_start:stripped_end]
            item_start += len(body) - len(body.lstrip())
        if item_start >= stripped_end:
            continue
        items.append(Item(item_start, stripped_end, kind, bullet))
    close(len(text))
    return tuple(sections)
