"""Reference periods: a month (``2025-07``), a quarter (``2025Q3``) or a year (``2025``).

Stocks (active seekers, open vacancies) are measured on the period's last day; flows (registrations,
postings, referrals, placements) count events dated within the period, both ends included.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["month", "quarter", "year"]
PERIOD_FORMATS = ("YYYY-MM (month, e.g. 2025-07)", "YYYYQn (quarter, e.g. 2025Q3)", "YYYY (year, e.g. 2025)")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


class LmiError(ValueError):
    """Base of labour-market-information errors; messages say what is valid."""


class LmiInputError(LmiError):
    """An unknown indicator, dimension, filter or a malformed period."""


class NoDataError(LmiError):
    """The data hold no records for the period (or for the filters) asked for: never reported as zeros."""


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    kind: PeriodKind
    label: str

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), _last_day(year, month), "month", f"{year:04d}-{month:02d}")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(dt.date(year, first, 1), _last_day(year, first + 2), "quarter", f"{year:04d}Q{quarter}")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"{year:04d}")

    def previous(self) -> Period:
        """The period of the same kind just before this one (for period-over-period growth)."""
        if self.kind == "month":
            year, month = (
                (self.start.year, self.start.month - 1) if self.start.month > 1 else (self.start.year - 1, 12)
            )
            return Period.month(year, month)
        if self.kind == "quarter":
            quarter = (self.start.month - 1) // 3 + 1
            return (
                Period.quarter(self.start.year, quarter - 1)
                if quarter > 1
                else Period.quarter(self.start.year - 1, 4)
            )
        return Period.year(self.start.year - 1)

    def split(self, kind: PeriodKind) -> list[Period]:
        """The sub-periods of ``kind`` inside this period (a year → 12 months or 4 quarters)."""
        order = {"month": 0, "quarter": 1, "year": 2}
        if order[kind] > order[self.kind]:
            raise LmiInputError(
                f"cannot break period {self.label} ({self.kind}) down by {kind}: "
                f"choose a {kind} or longer period"
            )
        if kind == self.kind:
            return [self]
        if kind == "quarter":
            return [Period.quarter(self.start.year, q) for q in range(1, 5)]
        first = self.start.month
        last = self.end.month
        return [Period.month(self.start.year, m) for m in range(first, last + 1)]


def parse_period(text: str | Period) -> Period:
    """``2025-07`` → July 2025, ``2025Q3`` → third quarter, ``2025`` → the year. Anything else raises
    :class:`LmiInputError` naming the valid formats."""
    if isinstance(text, Period):
        return text
    value = (text or "").strip()
    if not value:
        raise LmiInputError(f"empty period: give one of {', '.join(PERIOD_FORMATS)}")
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise LmiInputError(f"period {value!r}: month must be 01–12")
        return Period.month(year, month)
    if match := _QUARTER.match(value):
        return Period.quarter(int(match[1]), int(match[2]))
    if match := _YEAR.match(value):
        return Period.year(int(match[1]))
    raise LmiInputError(f"unknown period format {value!r}: give one of {', '.join(PERIOD_FORMATS)}")
