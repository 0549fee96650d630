"""Pay: "Rp 4.500.000 – Rp 5.000.000 per month", "4,5 jt", "Rp 150rb/hari", "IDR 5-7 juta", "UMR/UMK",
"gaji pokok + insentif", "negotiable"/"nego"; kept as written and normalised to Rp per month.

Monthly conversion (documented in docs/EXTRACTION.md):
- hour × 173: the divisor of Kepmenakertrans 102/2004 (hourly wage = 1/173 of the monthly wage);
- day × 25, or × 21 when the ad states a five-day week: the divisors of PP 36/2021 for daily wages;
- week × 52/12; year ÷ 12.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pasarkerja.extract import triggers
from pasarkerja.extract.common import as_document, item_bounds, original_span
from pasarkerja.extract.facts import NOT_STATED_PAY, PayFact, PayKind, PayPeriod
from pasarkerja.text.document import AnalysedText

HOURS_PER_MONTH = 173
DAYS_PER_MONTH_SIX_DAY_WEEK = 25
DAYS_PER_MONTH_FIVE_DAY_WEEK = 21
WEEKS_PER_MONTH = 52 / 12

_CURRENCY = r"(?:rp\.?|idr|rupiah)"
_NUMBER = r"\d{1,3}(?:[.,]\d{1,3})+(?:,-|,00)?|\d+(?:[.,]\d+)?"
_MULTIPLIER = r"(?:juta(?:an)?|ribu(?:an)?|million|mio|thousand)"
_AMOUNT = rf"(?:{_CURRENCY}\s*)?(?:{_NUMBER})(?:\s*{_MULTIPLIER})?"
_RANGE_JOIN = r"\s*(?:-|–|~|sampai\s+dengan|sampai|hingga|to|s\.d\.?)\s*"
_PAY_AMOUNT = re.compile(rf"(?<![\w.,])(?P<first>{_AMOUNT})(?:{_RANGE_JOIN}(?P<second>{_AMOUNT}))?(?![\w])")
_PARTS = re.compile(rf"(?P<currency>{_CURRENCY})?\s*(?P<number>{_NUMBER})\s*(?P<multiplier>{_MULTIPLIER})?")
_PERIOD = re.compile(
    r"\s*(?:/\s*|per\s*|setiap\s+|tiap\s+|a\s+|an\s+|sebulan|sehari|seminggu|setahun|perbulan|perhari|"
    r"perjam|perminggu|pertahun)"
    r"(?P<unit>jam|hour|hr|hari|day|minggu|pekan|week|bulan|month|mo|tahun|year|annum|shift)?"
    r"|\s*(?P<adjective>harian|bulanan|mingguan|tahunan|hourly|daily|weekly|monthly|yearly|annually)"
)
_PERIOD_UNITS: dict[str, PayPeriod] = {
    "jam": "hour",
    "hour": "hour",
    "hr": "hour",
    "perjam": "hour",
    "hourly": "hour",
    "hari": "day",
    "day": "day",
    "shift": "day",
    "sehari": "day",
    "perhari": "day",
    "harian": "day",
    "daily": "day",
    "minggu": "week",
    "pekan": "week",
    "week": "week",
    "seminggu": "week",
    "perminggu": "week",
    "mingguan": "week",
    "weekly": "week",
    "bulan": "month",
    "month": "month",
    "mo": "month",
    "sebulan": "month",
    "perbulan": "month",
    "bulanan": "month",
    "monthly": "month",
    "tahun": "year",
    "year": "year",
    "annum": "year",
    "setahun": "year",
    "pertahun": "year",
    "tahunan": "year",
    "yearly": "year",
    "annually": "year",
}
_PAY_WORDS = re.compile(
    r"gaji|salary|salaries|upah|penghasilan|pendapatan|income|take\s+home\s+pay|thp|honor|honorarium|fee|"
    r"kompensasi|compensation|remunerasi|pay(?!ment)|dibayar|bayaran|wage"
)
# Amounts that are not the pay: costs, deposits, allowances, sales targets.
_OTHER_MONEY = re.compile(
    r"biaya|deposit|jaminan|modal|denda|uang\s+(?:makan|transport|saku|lembur|kerajinan|kehadiran)|"
    r"tunjangan|bonus"
    r"|insentif|incentive|lembur|overtime|omset|omzet|target|penjualan|harga|price|cost|budget|dipungut|"
    r"gratis|free"
    r"|bpjs|komisi|commission|allowance|pinjaman|loan|cicilan|asuransi|pesangon|thr"
)
_MINIMUM_WAGE = re.compile(
    r"(?<!\w)(?:umr|umk|ump|umsk|ums|upah\s+minimum(?:\s+(?:provinsi|kabupaten|kota|regional|sektoral))?"
    r"|minimum\s+wage|standar\s+(?:umr|umk|ump))(?:\s*/\s*(?:umr|umk|ump|umsk))*(?!\w)"
)
_NEGOTIABLE = re.compile(
    r"(?<!\w)(?:nego(?:tiable|siasi|siable)?|bisa\s+nego|dapat\s+(?:di)?nego(?:siasikan)?|"
    r"dapat\s+didiskusikan"
    r"|negotiable|competitive|kompetitif|to\s+be\s+discussed|tbd|sesuai\s+(?:kesepakatan|pengalaman|"
    r"kemampuan))(?!\w)"
)
_COMPONENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("gaji pokok", r"gaji\s+pokok|basic\s+salary|base\s+salary|gapok"),
        ("insentif", r"insentif|incentive"),
        ("komisi", r"komisi|commission|fee\s+penjualan"),
        ("bonus", r"bonus"),
        ("tunjangan", r"tunjangan|allowance"),
        ("lembur", r"lembur|overtime"),
        ("uang makan", r"uang\s+makan|meal\s+allowance"),
    )
)
_UPPER_ONLY = re.compile(r"(?:up\s+to|hingga|sampai|maksimal|max(?:imum)?|s\.d\.?)\s*$")
_LOWER_ONLY = re.compile(
    r"(?:mulai(?:\s+dari)?|start(?:ing)?\s+(?:from|at)|minimal|minimum|di\s+atas|above|from|min)\s*$"
)
_SECTION_WEIGHT = {
    "benefits": 0.1,
    "other": 0.0,
    "requirements": -0.05,
    "duties": -0.1,
    "company": -0.3,
    "apply": -0.3,
}


def parse_number(number: str, has_multiplier: bool) -> tuple[float, bool] | None:
    """(value, clean) for one written number; ``clean`` is False when its separators were odd.

    Thousands separators may be dots or commas ("4.500.000", "5,000,000", mixed "5,000.000"); a final group
    of one or two digits after the other separator is a decimal part ("4.500.000,00"). With a multiplier
    ("4,5 juta", "4.5jt") the number is a decimal. Odd groupings ("4.5.00.000") keep their digits.
    """
    number = number.removesuffix(",-").strip()
    if has_multiplier:
        if number.count(".") + number.count(",") <= 1:
            return float(number.replace(",", ".")), True
        return None
    groups = re.split(r"[.,]", number)
    if len(groups) == 1:
        return float(groups[0]), True
    separators = re.findall(r"[.,]", number)
    if all(len(group) == 3 for group in groups[1:]):
        return float("".join(groups)), True
    if (
        len(groups[-1]) <= 2
        and (len(groups) == 2 or separators[-1] != separators[0])
        and all(len(group) == 3 for group in groups[1:-1])
    ):
        whole = "".join(groups[:-1])
        return float(f"{whole}.{groups[-1]}"), True
    return float("".join(groups)), False


def _amount(surface: str) -> tuple[float, bool, bool, bool] | None:
    """(rupiah, has_currency, has_multiplier, clean) of one amount, or None when it is not a number."""
    parts = _PARTS.search(surface)
    if parts is None:
        return None
    multiplier = parts.group("multiplier")
    parsed = parse_number(parts.group("number"), multiplier is not None)
    if parsed is None:
        return None
    value, clean = parsed
    if multiplier is not None:
        value *= 1_000_000 if multiplier.startswith(("juta", "million", "mio")) else 1_000
    return value, parts.group("currency") is not None, multiplier is not None, clean


def _period_after(text: str, position: int, limit: int) -> tuple[PayPeriod | None, int]:
    match = _PERIOD.match(text, position, min(limit, position + 30))
    if match is None:
        return None, position
    unit = match.group("unit") or match.group("adjective") or match.group().strip().lstrip("/").strip()
    period = _PERIOD_UNITS.get(unit)
    if period is None:
        return None, position
    return period, match.end()


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the loop keeps the last match
        pass
    return found


def to_monthly(amount: int | None, period: PayPeriod | None, days_per_week: int | None = None) -> int | None:
    """Rp per month for ``amount`` per ``period`` (see the module docstring for the factors)."""
    if amount is None or period is None:
        return None
    if period == "month":
        return amount
    if period == "hour":
        return round(amount * HOURS_PER_MONTH)
    if period == "day":
        days = DAYS_PER_MONTH_FIVE_DAY_WEEK if days_per_week == 5 else DAYS_PER_MONTH_SIX_DAY_WEEK
        return round(amount * days)
    if period == "week":
        return round(amount * WEEKS_PER_MONTH)
    return round(amount / 12)


def _components(item_text: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in _COMPONENTS if pattern.search(item_text))


def extract_pay(text: str | AnalysedText, days_per_week: int | None = None) -> PayFact:
    """Pay as written and per month; ``kind == "not-stated"`` when the text says nothing about pay."""
    doc = as_document(text)
    normal = doc.text
    best: tuple[float, PayFact] | None = None
    for match in triggers.finditer(_PAY_AMOUNT, doc, "pay"):
        first = _amount(match.group("first"))
        if first is None:
            continue
        second = _amount(match.group("second")) if match.group("second") else None
        item_start, item_end = item_bounds(doc, match.start())
        before = normal[max(item_start, match.start() - 45) : match.start()]
        # The last pay word and the last other-money word before the amount: the nearer one says what it is.
        pay_word = _last(_PAY_WORDS, before)
        other_word = _last(_OTHER_MONEY, before)
        if other_word is not None and (pay_word is None or other_word.start() > pay_word.start()):
            continue
        low_value, low_currency, low_multiplier, low_clean = first
        high_value = None
        clean = low_clean
        has_currency = low_currency
        has_multiplier = low_multiplier
        if second is not None:
            high_value, high_currency, high_multiplier, high_clean = second
            clean = clean and high_clean
            has_currency = has_currency or high_currency
            if high_multiplier and not low_multiplier and low_value < 1_000:
                # "5-7 juta", "4,5 - 5 jt": the multiplier written once applies to both ends.
                low_value *= 1_000_000 if high_value >= 1_000_000 else 1_000
            has_multiplier = has_multiplier or high_multiplier
        digits = sum(character.isdigit() for character in match.group("first"))
        if not (has_currency or has_multiplier or (pay_word is not None and digits >= 6)):
            continue
        period, end = _period_after(normal, match.end(), item_end)
        if pay_word is None and not has_currency and period is None:
            continue
        if pay_word is None and period is None and doc.section_kind_at(match.start()) != "benefits":
            continue  # an Rp amount with neither a pay word nor a period is more likely a cost than pay
        if (
            low_value < 1_000
            or low_value > 10_000_000_000
            or (high_value is not None and high_value > 10_000_000_000)
        ):
            continue
        low: int | None = round(low_value)
        high: int | None = None if high_value is None else round(high_value)
        kind: PayKind = "exact"
        if high is not None and low is not None:
            if high < low:
                low, high = high, low
            kind = "range" if high != low else "exact"
        start = match.start()
        if high is None:
            upper = _UPPER_ONLY.search(before)
            lower = _LOWER_ONLY.search(before)
            if upper is not None:
                kind, high, low = "maximum", low, None
                start -= len(before) - upper.start()
            elif lower is not None:
                kind = "minimum"
                start -= len(before) - lower.start()
        if kind == "exact":
            high = low
        if period is None and (high or low or 0) >= 500_000:
            # Monthly is what an Rp amount of this size means in Indonesian ads when no period is given.
            assumed: PayPeriod | None = "month"
            confidence = 0.75
        else:
            assumed = period
            confidence = 0.9 if period is not None else 0.5
        if pay_word is None:
            confidence -= 0.15
        if not clean:
            confidence -= 0.3
        confidence += _SECTION_WEIGHT.get(doc.section_kind_at(match.start()), 0.0)
        item_text = normal[item_start:item_end]
        fact = PayFact(
            kind=kind,
            min_rp=low,
            max_rp=high,
            period=assumed,
            monthly_min_rp=to_monthly(low, assumed, days_per_week),
            monthly_max_rp=to_monthly(high, assumed, days_per_week),
            components=_components(item_text),
            span=original_span(doc, start, end),
            confidence=round(max(0.1, min(confidence, 1.0)), 3),
        )
        if best is None or fact.confidence > best[0]:
            best = (fact.confidence, fact)
        if fact.confidence >= 0.9:
            break
    if best is not None:
        return best[1]
    return _reference_or_negotiable(doc)


def _reference_or_negotiable(doc: AnalysedText) -> PayFact:
    normal = doc.text
    match = triggers.search(_MINIMUM_WAGE, doc, "pay")
    kind: PayKind
    if match is not None:
        kind = "minimum-wage-reference"
        confidence = 0.85
    else:
        match = None
        for candidate in triggers.finditer(_NEGOTIABLE, doc, "pay"):
            item_start, item_end = item_bounds(doc, candidate.start())
            if _PAY_WORDS.search(normal[item_start:item_end]):
                match = candidate
                break
        if match is None:
            return _components_only(doc)
        kind = "negotiable"
        confidence = 0.8
    item_start, item_end = item_bounds(doc, match.start())
    start, end = match.start(), match.end()
    pay_word = _PAY_WORDS.search(normal, item_start, match.start())
    if pay_word is not None and match.start() - pay_word.start() <= 30:
        start = pay_word.start()
    fact = PayFact(
        kind,
        None,
        None,
        None,
        None,
        None,
        _components(normal[item_start:item_end]),
        original_span(doc, start, end),
        confidence,
    )
    if kind == "minimum-wage-reference" and pay_word is None:
        fact = replace(fact, confidence=0.7)
    return fact


def _components_only(doc: AnalysedText) -> PayFact:
    """No amount and no reference, but the ad says what pay is made of ("gaji pokok + insentif")."""
    normal = doc.text
    for pay_word in triggers.finditer(_PAY_WORDS, doc, "pay"):
        item_start, item_end = item_bounds(doc, pay_word.start())
        components = _components(normal[item_start:item_end])
        if components:
            return replace(
                NOT_STATED_PAY,
                components=components,
                span=original_span(doc, item_start, item_end),
                confidence=0.6,
            )
    return NOT_STATED_PAY
