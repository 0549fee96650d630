"""Terms of employment: the type (tetap/PKWTT, kontrak/PKWT, harian lepas, magang, paruh waktu, freelance)
and working time (shifts, days per week, hours)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pasarkerja.extract import triggers
from pasarkerja.extract.common import as_document, item_bounds, original_span
from pasarkerja.extract.facts import EmploymentType, EmploymentTypeFact, Source, WorkingTimeFact
from pasarkerja.text.document import AnalysedText
from pasarkerja.text.normalise import normalise_title

_TYPES: tuple[tuple[EmploymentType, str], ...] = (
    (
        "internship",
        r"magang|pemagangan|internship|intern(?:s)?(?![a-z])|praktik\s+kerja\s+lapangan|pkl|"
        r"trainee\s+program",
    ),
    ("part-time", r"paruh\s+waktu|part[\s-]?time|parttime|pekerja\s+paruh"),
    (
        "daily",
        r"(?:(?:pekerja|buruh|tenaga|karyawan)\s+)?harian\s+lepas|(?:pekerja|karyawan|buruh|tenaga|"
        r"sistem|status)\s+harian|daily\s+(?:worker|basis|wage)|bhl|casual\s+worker",
    ),
    (
        "freelance",
        r"freelancer?|free\s+lance|pekerja\s+lepas|tenaga\s+lepas|lepas\s+waktu|"
        r"self[\s-]employed\s+partner",
    ),
    (
        "contract",
        r"pkwt(?!t)|(?:karyawan|pegawai|status|sistem|tenaga|posisi|pekerja)\s+kontrak|"
        r"kontrak\s+(?:kerja\s+)?\d+\s*(?:bulan|tahun)"
        r"|contract(?:ual)?\s+(?:basis|position|role|employee|staff|worker)|fixed[\s-]term|"
        r"kontrak|contract(?:ual)?",
    ),
    (
        "permanent",
        r"pkwtt|(?:karyawan|pegawai|status|posisi|pekerja|staff|staf)\s+tetap|"
        r"permanent(?:\s+(?:position|employee|staff|role))?"
        r"|permanen|full[\s-]?time\s+permanent",
    ),
)
# The shared look-behind is written once, in front of the alternatives (tested once per position).
_TYPE_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(rf"(?P<t{index}>(?:{pattern})(?![\w]))" for index, (_, pattern) in enumerate(_TYPES))
    + ")"
)
_STATUS_LINE = re.compile(
    r"status|jenis\s+(?:pekerjaan|kontrak|karyawan)|tipe\s+(?:pekerjaan|karyawan)|job\s+type|"
    r"employment\s+type|work\s+type|sistem\s+kerja"
)
# A type mentioned as a prospect or a negation is not the ad's type.
_NOT_THE_TYPE = re.compile(
    r"(?:diangkat|pengangkatan|peluang|kesempatan|opportunity|menjadi|jadi|bukan|not|tidak|"
    r"converted\s+to|mengelola|kelola|manage|review|membuat|draft|tender)\s+(?:\w+\s+){0,2}$"
)
_NOT_STATUS_AFTER = re.compile(
    r"\s+(?:ini|itu|tersebut|yang|dengan|vendor|kerja\s+sama|klien|client|supplier|pelanggan|proyek|"
    r"project)\b"
)
_WEAK = {"kontrak", "contract", "contractual"}


def _types_in(matches: Iterable[re.Match[str]]) -> list[tuple[EmploymentType, int, int]]:
    found: list[tuple[EmploymentType, int, int]] = []
    for match in matches:
        name = match.lastgroup or ""
        found.append((_TYPES[int(name[1:])][0], match.start(), match.end()))
    return found


@lru_cache(maxsize=65_536)
def _title_employment_type(title: str) -> EmploymentTypeFact | None:
    """The type a title states ("Staff Admin (Kontrak)"); memoised, as titles repeat across ads."""
    title_text = normalise_title(title)
    for kind, start, end in _types_in(_TYPE_PATTERN.finditer(title_text.text)):
        span = title_text.to_source(start, end)
        return EmploymentTypeFact(kind, span, 0.85, "title")
    return None


def extract_employment_type(text: str | AnalysedText, title: str | None = None) -> EmploymentTypeFact | None:
    """The employment type: from the title ("Staff Admin (Kontrak)"), a status line, or the first mention."""
    if title:
        from_title = _title_employment_type(title)
        if from_title is not None:
            return from_title
    doc = as_document(text)
    normal = doc.text
    best: tuple[float, EmploymentTypeFact] | None = None
    for kind, start, end in _types_in(triggers.finditer(_TYPE_PATTERN, doc, "terms")):
        item_start, item_end = item_bounds(doc, start)
        if _NOT_THE_TYPE.search(normal[max(item_start, start - 40) : start]):
            continue
        surface = normal[start:end]
        status = _STATUS_LINE.search(normal, item_start, start) is not None
        section = doc.section_kind_at(start)
        if (
            surface in _WEAK
            and not status
            and (
                section in ("duties", "company", "apply")
                or len(normal[item_start:item_end].split()) > 4
                or _NOT_STATUS_AFTER.match(normal, end) is not None
            )
        ):
            # A bare "kontrak" counts only as a short item of its own ("- Kontrak"), not inside a
            # sentence ("mengelola kontrak vendor", "kontrak ini tidak mengikat").
            continue
        confidence = 0.9 if status else (0.65 if surface in _WEAK else 0.8)
        source: Source = "text"
        fact = EmploymentTypeFact(kind, original_span(doc, start, end), confidence, source)
        if best is None or confidence > best[0]:
            best = (confidence, fact)
        if status:
            break
    return None if best is None else best[1]


_DAY_WORDS = {
    "lima": 5,
    "enam": 6,
    "lima hari": 5,
    "enam hari": 6,
    "five": 5,
    "six": 6,
    "four": 4,
    "empat": 4,
}
_WEEKDAYS = {
    "senin": 1,
    "monday": 1,
    "selasa": 2,
    "tuesday": 2,
    "rabu": 3,
    "wednesday": 3,
    "kamis": 4,
    "thursday": 4,
    "jumat": 5,
    "jum'at": 5,
    "friday": 5,
    "sabtu": 6,
    "saturday": 6,
    "minggu": 7,
    "sunday": 7,
}
_WEEKDAY = (
    r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)"
)
_SHIFTS = re.compile(
    r"(?<!\w)(?:(?P<count>[1-4]|dua|tiga|two|three)\s*shifts?|(?P<non>non[\s-]?shift)|(?:sistem\s+|"
    r"rotating\s+|bekerja\s+)?shift(?:ing|s)?|sif)(?!\w)"
)
_DAYS = re.compile(
    r"(?<!\w)(?P<n>[4-7]|lima|enam|empat|five|six|four)\s*(?:hari\s+(?:kerja|dalam\s+seminggu|seminggu|"
    r"per\s+minggu|/\s*minggu)"
    r"|days?\s+(?:a|per)\s+week|-day\s+(?:work\s*)?week|working\s+days)"
    rf"|(?P<first>{_WEEKDAY})\s*(?:-|–|sampai\s+dengan|sampai|hingga|to|s\.d\.?)\s*(?P<last>{_WEEKDAY})"
)
_CLOCK = re.compile(
    r"(?<![\w.:])(?P<h1>[01]?\d|2[0-3])[.:](?P<m1>[0-5]\d)\s*(?:wib|wita|wit)?\s*(?:-|–|sampai\s+dengan|"
    r"sampai|hingga|to|s\.d\.?)\s*"
    r"(?P<h2>[01]?\d|2[0-4])[.:](?P<m2>[0-5]\d)(?:\s*(?:wib|wita|wit))?"
)
_HOURS = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,2})\s*(?:jam|hours?)\s*(?:kerja\s*)?(?:/|per|"
    r"dalam\s+(?:se)?)\s*(?P<unit>hari|day|minggu|week|seminggu|sehari)"
)
_SHIFT_COUNTS = {"dua": 2, "tiga": 3, "two": 2, "three": 3}


def extract_working_time(text: str | AnalysedText) -> WorkingTimeFact | None:
    """Shift work, days per week and hours, from the ad's words; None when it says nothing about them."""
    doc = as_document(text)
    normal = doc.text
    spans: list[tuple[int, int]] = []
    shift_work = False
    shifts: int | None = None
    days: int | None = None
    hours_day: float | None = None
    hours_week: float | None = None
    for match in triggers.finditer(_SHIFTS, doc, "time"):
        if doc.section_kind_at(match.start()) == "apply":
            continue
        if match.group("non"):
            spans.append((match.start(), match.end()))
            break
        shift_work = True
        count = match.group("count")
        if count is not None:
            shifts = int(count) if count.isdigit() else _SHIFT_COUNTS[count]
        spans.append((match.start(), match.end()))
        break
    for match in triggers.finditer(_DAYS, doc, "time"):
        if doc.section_kind_at(match.start()) == "apply":
            continue
        if match.group("n"):
            token = match.group("n")
            days = int(token) if token.isdigit() else _DAY_WORDS[token]
        else:
            first = _WEEKDAYS[match.group("first")]
            last = _WEEKDAYS[match.group("last")]
            if last < first:
                continue
            days = last - first + 1
        spans.append((match.start(), match.end()))
        break
    for match in triggers.finditer(_CLOCK, doc, "time"):
        item_start, item_end = item_bounds(doc, match.start())
        if doc.section_kind_at(match.start()) == "apply" or re.search(
            r"interview|wawancara|walk[\s-]?in|pendaftaran|registrasi|tes|test", normal[item_start:item_end]
        ):
            continue
        begin = int(match.group("h1")) * 60 + int(match.group("m1"))
        finish = int(match.group("h2")) * 60 + int(match.group("m2"))
        minutes = finish - begin if finish > begin else finish + 24 * 60 - begin
        if 60 <= minutes <= 16 * 60:
            hours_day = round(minutes / 60, 2)
            spans.append((match.start(), match.end()))
            break
    for match in triggers.finditer(_HOURS, doc, "time"):
        value = float(match.group("n"))
        if match.group("unit") in ("hari", "day", "sehari") and value <= 16:
            hours_day = hours_day if hours_day is not None else value
        elif value <= 80:
            hours_week = value
        else:
            continue
        spans.append((match.start(), match.end()))
        break
    if not spans:
        return None
    first_start = min(start for start, _ in spans)
    first_end = min(spans)[1]
    return WorkingTimeFact(
        shift_work=shift_work,
        shifts=shifts,
        days_per_week=days,
        hours_per_day=hours_day,
        hours_per_week=hours_week,
        span=original_span(doc, first_start, first_end),
        confidence=0.85,
    )
