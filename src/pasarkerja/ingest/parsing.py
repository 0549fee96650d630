"""Parsing of the loose values people type into spreadsheets: dates, rupiah amounts, yes/no, NIK, phones.

Every parser takes one cell value (a string from CSV, or whatever openpyxl/JSON gave: int, float, bool,
date, datetime) and returns a typed value or raises :class:`ValueError` with a message a clerk can act on.
Messages quote the offending value, so the schemas wrap the parsers of *personal* fields (NIK, names,
phones, e-mails, birth dates) and replace the message with one that does not repeat the value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Cells that mean "nothing here". Not "none": that is a valid education code ("no schooling").
_BLANKS = {"", "-", "--", "—", "–", "n/a", "na", "null", "nan", "#n/a"}


def clean(value: Any) -> Any:
    """``None`` for a blank cell, the stripped text for a string, the value unchanged otherwise."""
    if value is None:
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        return None if text.lower() in _BLANKS else text
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def normalise_header(name: Any) -> str:
    """``"Gaji Min (Rp)"`` → ``"gaji_min_rp"``: lower case, runs of non-alphanumerics become one ``_``."""
    text = unicodedata.normalize("NFKC", str(name or "")).strip().lower()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


@lru_cache(maxsize=65536)
def normalise_label(text: str) -> str:
    """Case- and spacing-insensitive key for matching names and labels."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s/+#.&-]", " ", folded)).strip()


# ------------------------------------------------------------------------------------------ dates

_MONTHS = {
    # Indonesian
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8,
    "agt": 8, "ags": 8, "agust": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11, "desember": 12, "des": 12,
    # English (those not already above)
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "aug": 8,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip

# Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29), valid serials stop at 9999-12-31.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2_958_465

_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$"
)
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_WORDS = re.compile(r"^(\d{1,2})\s*[-/ ]\s*([a-z]+)\.?\s*[-/ ,]\s*(\d{2,4})$")
_WORDS_EN = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WEEKDAY = re.compile(
    r"^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|wed|thu|fri|sat|sun),?\s+"
)


def _make_date(year: int, month: int, day: int, raw: Any) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(f"cannot read {raw!r} as a date: month {month} does not exist (dates are day first)")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"cannot read {raw!r} as a date: day {day} does not exist in that month") from None


def _four_digit_year(text: str, raw: Any) -> int:
    if len(text) != 4:
        raise ValueError(f"cannot read {raw!r} as a date: write the year with 4 digits")
    return int(text)


def parse_date(value: Any) -> dt.date:
    """A date from ISO text, day-first text (``31/12/2025``, ``31-12-2025``, ``31.12.2025``), Indonesian or
    English month names (``31 Desember 2025``, ``31 Des 2025``, ``Dec 31, 2025``), ``20251231``, or an
    Excel cell (a ``date``/``datetime``, or a serial day number such as ``46022``)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"cannot read {value!r} as a date")
    if isinstance(value, int | float):
        # A numeric cell: Excel stores dates as serial day numbers.
        if not 1 <= value <= _EXCEL_MAX_SERIAL:
            raise ValueError(f"cannot read {value!r} as a date: not a valid Excel date serial")
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = clean(value)
    if text is None:
        raise ValueError("date is empty")
    lowered = _WEEKDAY.sub("", str(text).lower()).strip()
    if m := _ISO.match(lowered):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), value)
    if m := _DMY.match(lowered):
        return _make_date(_four_digit_year(m[3], value), int(m[2]), int(m[1]), value)
    if m := _COMPACT.match(lowered):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), value)
    if m := _WORDS.match(lowered):
        month = _MONTHS.get(m[2])
        if month is None:
            raise ValueError(f"cannot read {value!r} as a date: unknown month name {m[2]!r}")
        return _make_date(_four_digit_year(m[3], value), month, int(m[1]), value)
    if m := _WORDS_EN.match(lowered):
        month = _MONTHS.get(m[1])
        if month is None:
            raise ValueError(f"cannot read {value!r} as a date: unknown month name {m[1]!r}")
        return _make_date(int(m[3]), month, int(m[2]), value)
    raise ValueError(
        f"cannot read {value!r} as a date; use 31/12/2025, 2025-12-31, 31-12-2025 or 31 Desember 2025"
    )


# ---------------------------------------------------------------------------------------- rupiah

_UNITS = {
    "rb": 1_000, "ribu": 1_000, "k": 1_000, "rbu": 1_000,
    "jt": 1_000_000, "jta": 1_000_000, "juta": 1_000_000, "mio": 1_000_000, "million": 1_000_000,
    "mil": 1_000_000, "mn": 1_000_000,
    "miliar": 1_000_000_000, "milyar": 1_000_000_000, "billion": 1_000_000_000,
}  # fmt: skip
_PERIODS = {
    "jam": "hour", "hour": "hour", "hr": "hour", "hari": "day", "day": "day", "harian": "day",
    "minggu": "week", "week": "week", "pekan": "week", "mingguan": "week",
    "bulan": "month", "bln": "month", "month": "month", "bulanan": "month", "mo": "month",
    "tahun": "year", "thn": "year", "year": "year", "tahunan": "year", "yr": "year", "annum": "year",
}  # fmt: skip
# Pay that is deliberately not stated: not an error, just no amount.
_UNSTATED = re.compile(
    r"^(gaji\s+)?(dirahasiakan|rahasia|nego|negotiable|negosiasi|bisa nego|kompetitif|competitive|"
    r"confidential|undisclosed|tidak disebutkan|menarik|attractive|umr|umk|ump|sesuai umr|sesuai umk)$"
)
_AMOUNT = re.compile(r"^(\d[\d.,]*)\s*([a-z]*)\.?$")


@dataclass(frozen=True, slots=True)
class Pay:
    """A pay statement: ``minimum``/``maximum`` in rupiah (equal for a single amount), optional period."""

    minimum: int | None
    maximum: int | None
    period: str | None = None


def _number(digits: str, has_unit: bool, raw: Any) -> float:
    """``4.500.000``/``4,500,000``/``4.500.000,50``/``4,5`` → a number, by where the separators fall."""
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _, fraction = digits.rpartition(decimal)
        groups = whole.split(thousands)
    elif dots + commas == 0:
        return float(digits)
    else:
        sep = "." if dots else ","
        parts = digits.split(sep)
        if len(parts) == 2 and (has_unit or len(parts[1]) != 3):
            # One separator not followed by exactly three digits, or a unit (4,5 jt): a decimal point.
            return float(parts[0] + "." + parts[1])
        groups, fraction = parts, ""
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise ValueError(
            f"cannot read {raw!r} as an amount: the digit groups are not thousands (like 4.500.000)"
        )
    return float("".join(groups) + ("." + fraction if fraction else ""))


def _amount(text: str, raw: Any, default_unit: str = "") -> tuple[float, str]:
    text = re.sub(r"^(rp\.?|idr)\s*", "", text.strip()).strip()
    text = re.sub(r"(?<=\d)\s+(?=\d{3}\b)", "", text)  # "4 500 000"
    m = _AMOUNT.match(text)
    if not m:
        raise ValueError(f"cannot read {raw!r} as a rupiah amount")
    unit = m[2] or default_unit
    if unit == "m":
        raise ValueError(f"cannot read {raw!r}: 'M' is ambiguous (juta or miliar); write jt/juta or miliar")
    if unit and unit not in _UNITS:
        raise ValueError(f"cannot read {raw!r} as a rupiah amount: unknown unit {unit!r}")
    return _number(m[1], bool(unit), raw) * _UNITS.get(unit, 1), unit


def parse_pay(value: Any) -> Pay:
    """Rupiah pay from ``Rp 4.500.000``, ``4,500,000``, ``4.5 jt``, ``4,5 juta``, ``150rb``, a range
    (``Rp 4.000.000 - 5.000.000``, ``4-5 jt``, ``3 s/d 4 juta``) and an optional period (``/bulan``,
    ``per hari``). Deliberately unstated pay (``dirahasiakan``, ``nego``, ``UMR``) gives no amount."""
    if isinstance(value, bool):
        raise ValueError(f"cannot read {value!r} as a rupiah amount")
    if isinstance(value, int | float):
        if value < 0 or math.isinf(value):
            raise ValueError(f"pay cannot be negative: {value!r}")
        return Pay(round(value), round(value))
    text = clean(value)
    if text is None:
        return Pay(None, None)
    if isinstance(text, str) and text.isdigit():
        return Pay(int(text), int(text))
    lowered = str(text).lower().replace("\u00a0", " ")
    period = None
    pm = re.search(r"\s*(?:/|per\s+|\bsetiap\s+)\s*([a-z]+)\s*$", lowered)
    if pm and pm[1] in _PERIODS:
        period = _PERIODS[pm[1]]
        lowered = lowered[: pm.start()].strip()
    if _UNSTATED.match(lowered.strip(" .")):
        return Pay(None, None, period)
    parts = re.split(r"\s*(?:-|–|—|~|\bs/d\b|\bs\.d\.?|\bsampai\b|\bhingga\b|\bto\b)\s*", lowered)
    parts = [p for p in parts if p]
    if len(parts) == 1:
        amount, _ = _amount(parts[0], value)
        return Pay(round(amount), round(amount), period)
    if len(parts) == 2:
        # "4-5 jt": the unit written after the second amount applies to the first too.
        high, unit = _amount(parts[1], value)
        low, _ = _amount(parts[0], value, default_unit=unit)
        if low > high:
            raise ValueError(f"cannot read {value!r}: the lower end of the range is above the upper end")
        return Pay(round(low), round(high), period)
    raise ValueError(f"cannot read {value!r} as a rupiah amount or range")


def parse_rupiah(value: Any) -> int | None:
    """One rupiah amount (``None`` when the cell is blank or the pay is deliberately unstated)."""
    pay = parse_pay(value)
    if pay.minimum != pay.maximum:
        raise ValueError(f"expected one amount, got a range: {value!r}")
    return pay.minimum


def parse_pay_period(value: Any) -> str:
    text = str(clean(value) or "").lower().removeprefix("per ").removeprefix("/").strip()
    if text in _PERIODS:
        return _PERIODS[text]
    raise ValueError(
        f"unknown pay period {value!r}; use bulan/month, minggu/week, hari/day, jam/hour, tahun/year"
    )


# ----------------------------------------------------------------------------------- numbers, bool

_TRUE = {
    "ya",
    "y",
    "iya",
    "yes",
    "true",
    "t",
    "1",
    "benar",
    "setuju",
    "bersedia",
    "ada",
    "aktif",
    "v",
    "x",
    "✓",
}
_FALSE = {"tidak", "tdk", "tak", "no", "n", "false", "f", "0", "salah", "tidak setuju", "tidak bersedia",
          "tidak ada", "nonaktif", "non-aktif"}  # fmt: skip


def parse_bool(value: Any) -> bool:
    """Yes/no in Indonesian or English: ``ya``/``tidak``, ``yes``/``no``, ``1``/``0``, ``true``/``false``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(clean(value) or "").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"cannot read {value!r} as yes/no; use ya/tidak, yes/no or 1/0")


def parse_int(value: Any) -> int:
    """A whole number; ``1.000`` and ``1,000`` are one thousand."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"expected a whole number, got {value!r}")
    text = str(clean(value) or "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        return int(re.sub(r"[.,]", "", text))
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise ValueError(f"expected a whole number, got {value!r}")


def parse_float(value: Any) -> float:
    """A decimal number; a comma is accepted as the decimal mark (``2,5``)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    text = str(clean(value) or "").replace(",", ".")
    if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return float(text)
    raise ValueError(f"expected a number, got {value!r}")


_NO_EXPERIENCE = re.compile(
    r"^(0|tanpa pengalaman|tidak (ada|perlu|diperlukan)|belum ada|fresh ?grad(uate)?|lulusan baru|none|"
    r"no experience|not required|entry level)$"
)
_YEARS = re.compile(
    r"^(?:min(?:imal|imum)?\.?\s*)?(\d+(?:[.,]\d+)?)\s*(?:(?:-|–|s/d|sampai|to)\s*\d+(?:[.,]\d+)?\s*)?"
    r"(tahun|thn|th|tahunan|years?|yrs?|bulan|bln|months?)?\s*\+?$"
)


def parse_years(value: Any) -> float:
    """Years of experience: ``2``, ``2 tahun``, ``1-3 tahun`` (the minimum), ``6 bulan``, ``fresh grad``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"experience cannot be negative: {value!r}")
        return float(value)
    text = str(clean(value) or "").lower()
    if _NO_EXPERIENCE.match(text):
        return 0.0
    m = _YEARS.match(text)
    if not m:
        raise ValueError(f"cannot read {value!r} as years of experience (e.g. 2, 2 tahun, 6 bulan)")
    number = float(m[1].replace(",", "."))
    return round(number / 12, 2) if (m[2] or "").startswith(("bulan", "bln", "month")) else number


def split_list(value: Any) -> list[str]:
    """Items of a list cell: a JSON array, or text separated by ``;``, ``|`` or new lines."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [clean(v) for v in value]
    else:
        text = clean(value)
        if text is None:
            return []
        items = [clean(part) for part in re.split(r"[;|\n]", str(text))]
    return [str(item) for item in items if item is not None]


# ---------------------------------------------------------------------------------- personal data


def parse_sex(value: Any) -> str:
    """``"F"`` from ``P``/``perempuan``/``wanita``/``female``; ``"M"`` from ``L``/``laki-laki``/``male``."""
    text = str(clean(value) or "").lower().replace("-", " ").strip(" .")
    if text in {"p", "perempuan", "wanita", "female", "f", "w", "pr", "woman"}:
        return "F"
    if text in {"l", "laki laki", "laki", "lelaki", "pria", "male", "m", "lk", "man"}:
        return "M"
    raise ValueError("sex must be L/laki-laki/male or P/perempuan/female")


@dataclass(frozen=True, slots=True)
class NikParts:
    """What the structure of a NIK says: region codes and the birth date part (women add 40 to the day)."""

    province_code: str
    regency_code: str
    birth_day: int
    birth_month: int
    birth_yy: int
    female: bool

    def matches_birth_date(self, date: dt.date) -> bool:
        return (date.day, date.month, date.year % 100) == (self.birth_day, self.birth_month, self.birth_yy)


def parse_nik(value: Any) -> tuple[str, NikParts]:
    """Check a NIK's shape: 16 digits, a real day and month in digits 7–12. Messages never repeat the NIK.

    The region prefix is checked against the region table by the importer (it needs the database)."""
    if isinstance(value, bool):
        raise ValueError("NIK must be 16 digits")
    if isinstance(value, float):
        # A spreadsheet number cell: exact only while below 2**53; beyond that digits were already lost.
        if not value.is_integer() or value >= 2**53:
            raise ValueError("NIK was stored as a number and lost digits; format the column as text")
        value = int(value)
    text = str(value).strip() if isinstance(value, int) else str(clean(value) or "")
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", text):
        raise ValueError("NIK is in scientific notation (digits were lost); format the column as text")
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits.isdigit():
        raise ValueError("NIK must contain only digits")
    if len(digits) != 16:
        raise ValueError(f"NIK must be exactly 16 digits (found {len(digits)})")
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    female = day > 40
    if female:
        day -= 40
    if not 1 <= month <= 12:
        raise ValueError("NIK digits 9–10 are not a month (01–12)")
    # The century is not in the NIK: the day is valid if it exists in 19yy or 20yy (29 February).
    for century in (1900, 2000):
        try:
            dt.date(century + yy, month, day)
            break
        except ValueError:
            continue
    else:
        raise ValueError("NIK digits 7–8 are not a day of that month (women add 40 to the day)")
    if digits[12:] == "0000":
        raise ValueError("NIK serial number (digits 13–16) cannot be 0000")
    return digits, NikParts(digits[:2], digits[:4], day, month, yy, female)


def parse_phone(value: Any) -> str:
    """An Indonesian phone number normalised to ``+62…`` (``0812-3456-789`` → ``+628123456789``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = str(clean(value) or "")
    digits = re.sub(r"[\s\-().]", "", text)
    if not re.fullmatch(r"\+?\d+", digits):
        raise ValueError("phone number may contain only digits, spaces, dashes and a leading +")
    digits = digits.lstrip("+")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits  # typed without the leading 0 (spreadsheets drop it)
    if not 10 <= len(digits) <= 15:
        raise ValueError("phone number must have 9 to 14 digits after the country code")
    return "+" + digits


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def parse_email(value: Any) -> str:
    text = str(clean(value) or "")
    if not _EMAIL.match(text):
        raise ValueError("e-mail address is not valid")
    return text.lower()
