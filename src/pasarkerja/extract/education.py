"""Minimum education level and field of study: "Min. SMA/SMK sederajat", "S1 Teknik Informatika",
"D3 semua jurusan", "Pendidikan minimal D3/S1", "Bachelor's degree in Computer Science"."""

from __future__ import annotations

import re
from collections.abc import Callable

from pasarkerja.extract import triggers
from pasarkerja.extract.common import as_document, original_span
from pasarkerja.extract.facts import EducationFact
from pasarkerja.taxonomy.education import resolve_education
from pasarkerja.taxonomy.records import EducationLevelRecord
from pasarkerja.text.document import AnalysedText

# Codes that name a level on their own, wherever they stand.
_CODE = (
    r"sma|smk|stm|smu|smea|slta|sltp|smp|sd|paket\s+[abc]|d\s?-?\s?(?:[1-4]|iv|i{1,3})(?![\w/]*\.\w)"
    r"|s\s?-?\s?[1-3]|s\.[1-3]|a\.md|ph\.?d|mba"
)
# Words that name a level but also mean other things ("master data", "scrum master", "diploma in …" is
# fine, "sarjana" is fine): taken only in an education context.
_WORD = (
    r"diploma(?:\s+(?:[1-4]|iv|i{1,3}|satu|dua|tiga|empat))?|sarjana(?:\s+terapan)?|strata\s+(?:[1-3]|"
    r"satu|dua|tiga|i{1,3})"
    r"|bachelor(?:'s|s)?(?:\s+degree)?|master(?:'s|s)?(?:\s+degree)?|magister|doktor(?:al)?|doctorate|"
    r"pascasarjana"
    r"|(?:senior\s+)?high\s+school|vocational\s+(?:high\s+)?school|associate(?:'s)?\s+degree|"
    r"undergraduate(?:\s+degree)?"
    r"|university\s+degree|ma|mts"
)
_LEVEL = rf"(?:{_CODE}|{_WORD})"
_GROUP = re.compile(
    rf"(?<![\w/.-])(?P<levels>{_LEVEL}(?:\s*(?:/|,|\bor\b|\batau\b|\bdan\b|&|\+)\s*{_LEVEL})*)(?![\w])"
    r"(?P<equiv>\s*(?:\(?\s*(?:sederajat|setara|equivalent|or\s+equivalent|atau\s+sederajat)\s*\)?))?"
)
_CONTEXT = re.compile(
    r"pendidikan|lulusan|tamatan|ijazah|education|degree|graduate|minimal|minimum|jurusan|major|sederajat"
    r"|setara|lulus|kuliah|program\s+studi|prodi|bidang|qualification|kualifikasi|holds?|pelamar|s1|d3"
)
_UNAMBIGUOUS = re.compile(rf"(?:{_CODE})(?:\s*[/,&+]\s*(?:{_LEVEL}))*\s*$|sarjana.*|diploma\s+\w+.*|strata.*")
_ANY_FIELD = re.compile(
    r"\s*(?:,|-|\()?\s*(?:dari\s+)?(?:semua|segala|berbagai|seluruh)\s+(?:jurusan|bidang|program\s+studi|"
    r"prodi)"
    r"|\s*(?:,|-|\()?\s*(?:jurusan|bidang)\s+(?:apa\s+saja|apapun|bebas)|\s*(?:,|-|\()?\s*(?:all|"
    r"any)\s+(?:majors?|fields?|disciplines?)"
    r"|\s*(?:,|-|\()?\s*(?:from\s+)?(?:any|all)\s+(?:study\s+)?backgrounds?"
)
_FIELD_MARKER = re.compile(
    r"\s*(?:,|-|\()?\s*(?:(?:dari\s+)?(?:jurusan|program\s+studi|prodi|fakultas|bidang(?:\s+studi)?)|in|"
    r"majoring\s+in"
    r"|major(?:ing)?\s+in|of)\s+"
)
_FIELD_HEADS = (
    "teknik|akuntansi|manajemen|ekonomi|hukum|informatika|sistem\\s+informasi|ilmu|komputer|psikologi|farmasi"
    "|keperawatan|kebidanan|administrasi|perpajakan|pajak|komunikasi|desain|statistika|statistik|"
    "matematika|kimia"
    "|fisika|biologi|pertanian|agribisnis|agroteknologi|perikanan|peternakan|kehutanan|teknologi|bahasa|"
    "sastra"
    "|hubungan\\s+internasional|perhotelan|pariwisata|tata\\s+boga|tata\\s+busana|otomotif|mesin|elektro|"
    "listrik"
    "|sipil|arsitektur|industri|kesehatan|gizi|kedokteran|keuangan|perbankan|bisnis|pemasaran|marketing|"
    "akuntansi"
    "|perkantoran|multimedia|rekayasa|elektronika|kelistrikan|geologi|pertambangan|perminyakan|logistik|kimia"
    "|computer|accounting|finance|management|economics|engineering|business|information|law|nursing|pharmacy"
    "|mechanical|electrical|civil|industrial|chemical|statistics|mathematics|data|software|design|psychology"
    "|hospitality|tourism|culinary|public\\s+health|medicine|agriculture|hukum|sosial|politik|pendidikan"
)
_FIELD = re.compile(
    rf"(?:{_FIELD_HEADS})(?:/[a-z]+)?(?:[ \-](?!(?:dengan|yang|minimal|min|ipk|gpa|pengalaman|atau|and|"
    rf"with|from|dari|"
    r"diutamakan|lebih|fresh|berpengalaman|usia|max|maksimal|sederajat|or|preferred|is|are|plus|nilai)\b)"
    r"[a-z&]+(?:/[a-z]+)?){0,4}"
)
_DIRECT_FIELD = re.compile(r"\s+(?=(?:" + _FIELD_HEADS + r")\b)")


def _field_after(text: str, position: int, limit: int) -> tuple[str | None, bool, int, int]:
    """(field, any_field, start, end) for the words following a level group, within ``limit``."""
    window = text[position:limit]
    any_match = _ANY_FIELD.match(window)
    if any_match is not None:
        surface = window[: any_match.end()].strip(" ,-(")
        return "semua jurusan", True, position + any_match.end() - len(surface), position + any_match.end()
    marker = _FIELD_MARKER.match(window) or _DIRECT_FIELD.match(window)
    if marker is None:
        return None, False, position, position
    field = _FIELD.match(window, marker.end())
    if field is None:
        if marker.group().strip(" ,-(") in ("jurusan", "program studi", "prodi", "bidang"):
            # "jurusan Akuntansi/Manajemen" with a head not in the list: take up to three words.
            loose = re.match(r"[a-z]+(?:[ /][a-z]+){0,2}", window[marker.end() :])
            if loose is not None:
                start = position + marker.end()
                return loose.group(), False, start, start + loose.end()
        return None, False, position, position
    return field.group().strip(), False, position + field.start(), position + field.end()


def extract_education(
    text: str | AnalysedText,
    resolve: Callable[[str], EducationLevelRecord | None] = resolve_education,
) -> EducationFact | None:
    """The minimum education level the text asks for (or a CV states), with its field of study."""
    doc = as_document(text)
    normal = doc.text
    best: tuple[float, EducationFact] | None = None
    for match in triggers.finditer(_GROUP, doc, "education"):
        levels = match.group("levels")
        item = doc.item_at(match.start())
        item_start = item.start if item is not None else max(0, normal.rfind("\n", 0, match.start()) + 1)
        item_end = item.end if item is not None else len(normal)
        context = normal[max(item_start, match.start() - 60) : min(item_end, match.end() + 40)]
        has_context = _CONTEXT.search(context) is not None or match.group("equiv") is not None
        if not has_context and not _UNAMBIGUOUS.fullmatch(levels):
            continue
        if levels.strip() in ("ma", "mts", "sd", "mba") and not has_context:
            continue
        record = resolve(levels)
        if record is None:
            continue
        field, any_field, field_start, field_end = _field_after(normal, match.end(), item_end)
        end = max(match.end(), field_end)
        section = item.section if item is not None else "other"
        confidence = 0.9 if has_context else 0.7
        if section == "requirements":
            confidence += 0.05
        elif section in ("company", "benefits", "apply"):
            confidence -= 0.3
        fact = EducationFact(
            level=record.code,
            level_label=record.label_id,
            field=field,
            span=original_span(doc, match.start(), end),
            confidence=round(min(confidence, 1.0), 3),
            any_field=any_field,
        )
        if field is not None and not any_field:
            surface_span = original_span(doc, field_start, field_end)
            fact = EducationFact(
                fact.level, fact.level_label, doc.original[surface_span[0] : surface_span[1]],
                fact.span, fact.confidence, False,
            )  # fmt: skip
        # The first well-supported mention wins; a later one only replaces it when clearly better.
        if best is None or confidence > best[0] + 0.1:
            best = (confidence, fact)
    return None if best is None else best[1]
