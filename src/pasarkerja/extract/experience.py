"""Years of experience asked for (or, in a CV, stated): "min 2 tahun", "minimal 1 thn di bidang yang sama",
"1–3 years", "6 bulan", and whether fresh graduates may apply ("fresh graduate dipersilakan melamar",
"pengalaman tidak diutamakan", "tanpa pengalaman")."""

from __future__ import annotations

import re

from pasarkerja.extract import triggers
from pasarkerja.extract.common import as_document, item_bounds, original_span
from pasarkerja.extract.facts import ExperienceFact
from pasarkerja.text.document import AnalysedText

_NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                 "sembilan": 9, "sepuluh": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "setahun": 1}  # fmt: skip
_NUM = r"(?:\d{1,2}(?:[.,]\d)?|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>tahun|years?|yrs?|bulan|months?)"
_DURATION = re.compile(
    rf"(?<![\w.,])(?:(?P<lower>{_NUM})\s*(?:-|–|sampai\s+dengan|sampai|hingga|to|"
    rf"s\.d\.?)\s*)?(?P<value>{_NUM})\s*"
    rf"(?P<plus>\+)?\s*{_UNIT}(?!\w)"
)
_MIN_WORDS = re.compile(
    r"(?:minimal|minimum|at\s+least|sekurang-kurangnya|paling\s+sedikit|lebih\s+dari|more\s+than|over|"
    r"di\s+atas)\s*$"
)
_MAX_WORDS = re.compile(r"(?:maksimal|maximum|kurang\s+dari|less\s+than|under|up\s+to|hingga)\s*$")
_EXPERIENCE = re.compile(
    r"pengalaman|berpengalaman|experience|experienced|pernah\s+bekerja|bekerja\s+(?:di|sebagai|pada)"
    r"|di\s+bidang\s+yang\s+sama|track\s+record|in\s+a\s+similar\s+role|work(?:ing)?\s+as"
)
_AGE = re.compile(
    r"(?:usia|umur|berusia|age[d]?|kelahiran|old|kontrak|contract|masa\s+kerja|garansi|pkwt|magang|"
    r"training|pelatihan|cuti|probation|percobaan)"
)
_FRESH = re.compile(
    r"fresh\s*-?\s*grad(?:uate)?s?|lulusan\s+baru|(?:tidak|belum)\s+berpengalaman|tanpa\s+pengalaman"
    r"|(?:tidak|tak)\s+(?:perlu|harus|wajib|butuh|membutuhkan|memerlukan)\s+(?:ber)?pengalaman"
    r"|pengalaman\s+(?:kerja\s+)?(?:tidak|bukan)\s+(?:diutamakan|wajib|harus|diperlukan|perlu|dibutuhkan|"
    r"menjadi\s+syarat|syarat)"
    r"|no\s+(?:prior\s+|previous\s+|work\s+)?experience\s+(?:is\s+)?(?:required|needed|necessary)"
    r"|experience\s+(?:is\s+)?not\s+(?:required|needed|necessary)|entry[\s-]level|non[\s-]?pengalaman"
)
_NOT_FRESH = re.compile(r"(?:bukan|not|no|tidak\s+menerima|tidak\s+untuk)\s+(?:untuk\s+)?$")


def _number(token: str) -> float:
    token = token.strip()
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    return float(token.replace(",", "."))


def extract_experience(text: str | AnalysedText) -> ExperienceFact | None:
    """The experience requirement: years (months converted to years, rounded to 0.01) and fresh graduates."""
    doc = as_document(text)
    normal = doc.text
    years: tuple[float | None, float | None, int, int, float] | None = None
    for match in triggers.finditer(_DURATION, doc, "experience"):
        item_start, item_end = item_bounds(doc, match.start())
        before = normal[max(item_start, match.start() - 40) : match.start()]
        after = normal[match.end() : min(item_end, match.end() + 50)]
        window = before + " " + after
        explicit = _EXPERIENCE.search(window) is not None
        if not explicit and (
            # A bare "minimal 2 tahun" in a requirement reads as experience unless the item is about age.
            _MIN_WORDS.search(before) is None
            or _AGE.search(normal[item_start:item_end]) is not None
            or doc.section_kind_at(match.start()) not in ("requirements", "other")
        ):
            continue
        # "usia maksimal 30 tahun", "kontrak 1 tahun": a number of years that is not experience.
        near_before = normal[max(item_start, match.start() - 22) : match.start()]
        age = _AGE.search(near_before)
        if (
            age is not None
            and "pengalaman" not in normal[max(item_start, match.start() - 22) + age.end() : match.start()]
        ):
            continue
        value = _number(match.group("value"))
        lower = match.group("lower")
        months = match.group("unit").startswith(("bulan", "month"))
        scale = 1 / 12 if months else 1.0
        if value * scale > 40:
            continue
        start = match.start()
        qualifier_min = _MIN_WORDS.search(before)
        qualifier_max = _MAX_WORDS.search(before)
        if lower is not None:
            low, high = _number(lower) * scale, value * scale
        elif qualifier_max is not None:
            low, high = None, value * scale
            start = match.start() - (len(before) - qualifier_max.start())
        else:
            low, high = value * scale, None
            if qualifier_min is not None:
                start = match.start() - (len(before) - qualifier_min.start())
        section = doc.section_kind_at(match.start())
        confidence = 0.9 if section in ("requirements", "other") else 0.75
        if not explicit:
            confidence = 0.6
        candidate = (
            None if low is None else round(low, 2),
            None if high is None else round(high, 2),
            start,
            match.end(),
            confidence,
        )
        if years is None or confidence > years[4]:
            years = candidate
        if confidence >= 0.9:
            break
    fresh: tuple[int, int] | None = None
    for match in triggers.finditer(_FRESH, doc, "experience"):
        item_start, _ = item_bounds(doc, match.start())
        if _NOT_FRESH.search(normal[max(item_start, match.start() - 25) : match.start()]):
            continue
        fresh = (match.start(), match.end())
        break
    if years is None and fresh is None:
        return None
    if years is None:
        assert fresh is not None
        return ExperienceFact(0.0, None, True, original_span(doc, *fresh), 0.85)
    low_years, high_years, start, end, confidence = years
    if fresh is not None and item_bounds(doc, fresh[0]) == item_bounds(doc, start):
        start, end = min(start, fresh[0]), max(end, fresh[1])
    return ExperienceFact(
        low_years, high_years, fresh is not None, original_span(doc, start, end), confidence
    )
