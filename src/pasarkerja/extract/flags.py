"""ILO C111/C100 checks: requirements on age, sex, appearance, marital status, religion, height/weight and
health ("tidak buta warna", "sehat jasmani dan rohani"), and pay below the provincial minimum wage.

Flags are recorded for officers and labour-market statistics. They are never inputs to matching: the
matcher does not read them, and nothing ranks a person by these attributes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from pasarkerja.extract import triggers
from pasarkerja.extract.common import as_document, item_bounds, original_span
from pasarkerja.extract.facts import EmploymentTypeFact, Flag, FlagKind, PayFact, RegionFact
from pasarkerja.taxonomy.reference import minimum_wage
from pasarkerja.text.document import AnalysedText
from pasarkerja.text.normalise import normalise_title

_SEX = (
    r"(?:pria|wanita|laki-laki|laki\s+laki|lelaki|perempuan|male|female|cowok|cewek|men|women|ladies|"
    r"gentlemen)"
)
# Both sexes named together ("pria/wanita", "laki-laki atau perempuan", "L/P") is no restriction.
_BOTH_SEXES = re.compile(rf"{_SEX}\s*(?:/|atau|dan|or|and|&|,)\s*{_SEX}|(?<!\w)l\s*/\s*p(?!\w)")

_PATTERNS: tuple[tuple[FlagKind, str], ...] = (
    ("age", r"(?:batas\s+)?(?:usia|umur|berusia|age|aged)\s*:?\s*(?:(?:maksimal|minimal|maximum|minimum|"
        r"max|min|antara|between|under|di\s+bawah|not\s+more\s+than|tidak\s+lebih\s+dari|range|sekitar)\s*)*"
            r"\d{2}(?:\s*(?:-|–|sampai\s+dengan|sampai|hingga|to|s\.d\.?)\s*\d{2})?(?:\s*(?:tahun|"
            r"years?(?:\s+old)?|thn))?"
            r"|(?:maksimal|maximum|max|tidak\s+lebih\s+dari|not\s+older\s+than|under)\s*\d{2}\s*(?:tahun|"
            r"years?\s+old)"
            r"|\d{2}\s*(?:-|–|sampai\s+dengan|sampai|hingga|to)\s*\d{2}\s*(?:tahun|years?\s+old)"
            r"|(?:maksimal|max)\s*\d{2}\s*tahun"),
    ("sex", rf"(?:jenis\s+kelamin|gender|sex)\s*:?\s*{_SEX}|(?:khusus|hanya|only|diutamakan|preferably|"
        rf"prefer(?:red)?|must\s+be|harus)\s+{_SEX}"
            rf"|^{_SEX}(?![\w/-])|tidak\s+sedang\s+hamil|tidak\s+hamil|not\s+pregnant"),
    ("appearance", r"berpenampilan\s+(?:menarik|cantik|good\s+looking)|penampilan\s+(?:fisik\s+)?menarik|"
        r"good[\s-]looking|attractive(?:\s+appearance)?"
                   r"|good\s+appearance|(?:wajah|paras)\s+(?:menarik|cantik|tampan|good\s+looking)|"
                   r"berparas\s+(?:cantik|tampan|menarik)"
                   r"|(?<![\w-])(?:cantik|tampan|ganteng)(?![\w-])|tidak\s+bertato|tidak\s+bertindik|"
                   r"no\s+tattoos?|tidak\s+berkumis"),
    ("marital_status", r"belum\s+(?:menikah|berkeluarga|kawin)|sudah\s+(?:menikah|berkeluarga)|"
        r"tidak\s+(?:sedang\s+)?menikah|lajang"
                       r"|(?:status\s*(?:pernikahan|perkawinan)?\s*:?\s*|masih\s+)(?:single|lajang|"
                       r"menikah)|^single(?![\w-])"
                       r"|unmarried|not\s+married|bersedia\s+tidak\s+menikah|janda|duda"),
    ("religion", r"(?:beragama|agama)\s*:?\s*(?:islam|kristen|katolik|katholik|protestan|hindu|buddha|"
        r"budha|konghucu|khonghucu)"
                 r"|(?<![\w-])(?:muslim|muslimah|nasrani|christian)(?![\w-])|berhijab|berjilbab|"
                 r"(?:membaca|baca)\s+(?:al[\s-]?)?qur'?an"
                 r"|(?:diutamakan|khusus|hanya)\s+(?:yang\s+)?(?:beragama\s+)?(?:islam|kristen|katolik|"
                 r"hindu|buddha)"),
    ("height_weight", r"(?:tinggi|berat)\s+badan(?:\s*/\s*(?:tinggi|"
        r"berat)\s+badan)?\s*:?\s*(?:(?:minimal|maksimal|min|max|minimum|maximum|ideal|proporsional|"
        r"seimbang|antara)\s*)*(?:\d{2,3}\s*(?:cm|kg)?)?"
                      r"|(?:height|weight)\s*:?\s*(?:(?:minimal|maksimal|min|max|minimum|"
                      r"maximum)\s*)*\d{2,3}\s*(?:cm|kg)"
                      r"|postur\s+(?:tubuh\s+)?(?:ideal|proporsional|tegap|menarik)|(?:tubuh|"
                      r"badan)\s+(?:ideal|proporsional)"),
    ("health", r"tidak\s+buta\s+warna|bebas\s+buta\s+warna|buta\s+warna|not\s+colou?r[\s-]?blind|"
        r"colou?r[\s-]?blind(?:ness)?"
               r"|sehat\s+jasmani(?:\s*(?:dan|&|,)\s*rohani)?|sehat\s+(?:fisik|mental)(?:\s*(?:dan|"
               r"&)\s*(?:fisik|mental))?|berbadan\s+sehat"
               r"|physically\s+(?:and\s+mentally\s+)?(?:fit|healthy)|"
               r"tidak\s+(?:memiliki\s+)?(?:riwayat\s+)?penyakit(?:\s+\w+){0,3}"
               r"|bebas\s+(?:dari\s+)?penyakit(?:\s+\w+){0,2}|tidak\s+cacat(?:\s+fisik)?|"
               r"tidak\s+berkacamata|tidak\s+(?:memakai|menggunakan)\s+kacamata"
               r"|(?:normal\s+)?(?:penglihatan|mata)\s+normal|tidak\s+(?:memiliki\s+)?disabilitas|"
               r"no\s+disabilit(?:y|ies)"),
)  # fmt: skip
# Every kind starts where a word starts: the shared look-behind is written once, in front of the
# alternatives, so the regex engine tests it once per position instead of once per kind (3× faster).
_FLAG_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<f{index}>{pattern})" for index, (_, pattern) in enumerate(_PATTERNS))
    + ")",
    re.MULTILINE,
)
# Sections whose words are not requirements on the applicant.
_NOT_REQUIREMENTS = ("company", "benefits", "apply")
_EXPERIENCE_NEARBY = re.compile(r"pengalaman|experience|berpengalaman|kontrak|masa\s+kerja|garansi")
_PRODUCT_CONTEXT = re.compile(
    r"(?:produk|pakaian|fashion|busana|sepatu|toilet|salon|kosmetik|baju|apparel|wear)\s+$"
)


def _check(doc: AnalysedText, kind: FlagKind, start: int, end: int) -> bool:
    normal = doc.text
    item_start, item_end = item_bounds(doc, start)
    item_text = normal[item_start:item_end]
    before = normal[max(item_start, start - 30) : start]
    if (
        kind == "age"
        and _EXPERIENCE_NEARBY.search(normal[max(item_start, start - 25) : end])
        and not re.search(r"usia|umur|age", normal[start:end])
    ):
        return False  # "maksimal 2 tahun" of experience or contract, not age
    if kind == "sex":
        if _BOTH_SEXES.search(item_text):
            return False
        if _PRODUCT_CONTEXT.search(before):
            return False
    if kind == "appearance" and re.fullmatch(r"attractive", normal[start:end]):
        return re.search(r"penampilan|appearance|look|wajah|candidate|kandidat", item_text) is not None
    return not (
        kind == "height_weight"
        and not re.search(r"\d|ideal|proporsional|seimbang|tegap|menarik", normal[start:end])
    )


def extract_flags(
    text: str | AnalysedText,
    title: str | None = None,
    pay: PayFact | None = None,
    region: RegionFact | None = None,
    employment_type: EmploymentTypeFact | None = None,
    wage_of: Callable[[str], int | None] = minimum_wage,
) -> tuple[Flag, ...]:
    """Flags found in the text (and the title), plus pay below the minimum wage when pay and region allow
    the check. One flag per mention; each carries the surface it was found in."""
    doc = as_document(text)
    flags: list[Flag] = []
    seen: set[tuple[str, tuple[int, int]]] = set()
    normal = doc.text
    for match in triggers.finditer(_FLAG_PATTERN, doc, "flags"):
        kind = _PATTERNS[int((match.lastgroup or "f0")[1:])][0]
        start, end = match.start(), match.end()
        if doc.section_kind_at(start) in _NOT_REQUIREMENTS:
            continue
        # "^" in the patterns means the start of a line; also accept the start of an item (after a bullet).
        if not _check(doc, kind, start, end):
            continue
        span = original_span(doc, start, end)
        if (kind, span) in seen:
            continue
        seen.add((kind, span))
        flags.append(Flag(kind, span, doc.original[span[0] : span[1]], 0.85))
    for item in doc.items:
        if item.section in _NOT_REQUIREMENTS:
            continue
        # Items that begin with a sex word after a bullet: "• Wanita, usia max 30 tahun".
        leading = _LEADING_SEX.match(normal, item.start, item.end)
        if leading is None:
            continue
        start, end = item.start, leading.end()
        span = original_span(doc, start, end)
        if ("sex", span) in seen or not _check(doc, "sex", start, end):
            continue
        seen.add(("sex", span))
        flags.append(Flag("sex", span, doc.original[span[0] : span[1]], 0.85))
    if title:
        flags.extend(_title_flags(title))
    below = _below_minimum_wage(doc, pay, region, employment_type, wage_of)
    if below is not None:
        flags.append(below)
    flags.sort(key=lambda flag: (flag.source != "title", flag.span))
    return tuple(flags)


_LEADING_SEX = re.compile(rf"{_SEX}(?![\w/-])")
_TITLE_SEX = re.compile(rf"(?<![\w/-]){_SEX}(?![\w/-])")


@lru_cache(maxsize=65_536)
def _title_flags(title: str) -> tuple[Flag, ...]:
    """Sex requirements in an ad title ("Admin Gudang (Pria)"); memoised, as titles repeat across ads."""
    mapped = normalise_title(title)
    if _BOTH_SEXES.search(mapped.text):
        return ()
    flags: list[Flag] = []
    for match in _TITLE_SEX.finditer(mapped.text):
        span = mapped.to_source(match.start(), match.end())
        flags.append(Flag("sex", span, title[span[0] : span[1]], 0.8, "title"))
    return tuple(flags)


def _below_minimum_wage(
    doc: AnalysedText,
    pay: PayFact | None,
    region: RegionFact | None,
    employment_type: EmploymentTypeFact | None,
    wage_of: Callable[[str], int | None],
) -> Flag | None:
    """Monthly pay (its maximum, or the only figure given) under the province's UMP.

    Skipped for part-time work, internships and freelance work, where a monthly figure converted from an
    hourly or daily rate does not describe a full-time month, and when the pay or province is unknown.
    """
    if pay is None or region is None or region.province_code is None or pay.span is None:
        return None
    if employment_type is not None and employment_type.type in ("part-time", "internship", "freelance"):
        return None
    monthly = pay.monthly_max_rp if pay.monthly_max_rp is not None else pay.monthly_min_rp
    if monthly is None or pay.kind not in ("range", "exact", "maximum"):
        return None
    wage = wage_of(region.province_code)
    if wage is None or monthly >= wage:
        return None
    span = pay.span
    return Flag(
        "pay_below_minimum_wage",
        span,
        doc.original[span[0] : span[1]],
        round(min(pay.confidence, region.confidence), 3),
    )
