"""Indonesian education levels (SD … S3, Paket A/B/C): rank, ISCED 2011 level and how ads write them."""

from __future__ import annotations

from functools import lru_cache

from pasarkerja.taxonomy.labels import normalise_label
from pasarkerja.taxonomy.records import EducationLevelRecord
from pasarkerja.taxonomy.reference import ReferenceDataError, as_int, read_data_csv, required

# Longest variant, in tokens, that the phrase scanner tries ("sma smk stm sederajat" has four).
_MAX_NGRAM = 6


@lru_cache(maxsize=1)
def education_levels() -> dict[str, EducationLevelRecord]:
    """The 15 levels by code (``none, SD, SMP, SMA, SMK, PAKET_A, PAKET_B, PAKET_C, D1…D4, S1, S2, S3``),
    in file order (lowest first within the formal track)."""
    name = "education_levels.csv"
    levels: dict[str, EducationLevelRecord] = {}
    for line, row in read_data_csv(name):
        code = required(name, line, row, "code")
        variants = tuple(v.strip() for v in (row.get("variants") or "").split("|") if v.strip())
        levels[code] = EducationLevelRecord(
            code=code,
            rank=as_int(name, line, row, "rank"),
            label_id=required(name, line, row, "label_id"),
            label_en=required(name, line, row, "label_en"),
            isced=required(name, line, row, "isced"),
            variants=variants,
        )
    return levels


def education_rank(code: str) -> int:
    """Rank for "minimum level" comparisons (SMA = SMK = Paket C; D4 = S1). KeyError for unknown codes."""
    try:
        return education_levels()[code].rank
    except KeyError:
        raise KeyError(f"unknown education level code: {code!r}") from None


@lru_cache(maxsize=1)
def _variant_index() -> dict[str, str]:
    """Normalised variant → level code. The code itself is also a variant ("S1", "PAKET_A" → "paket a")."""
    index: dict[str, str] = {}
    for code, level in education_levels().items():
        for variant in (code, level.label_id, level.label_en, *level.variants):
            key = normalise_label(variant.replace("_", " "))
            if not key:
                continue
            owner = index.setdefault(key, code)
            if owner != code:
                raise ReferenceDataError(
                    f"education_levels.csv: variant {variant!r} is listed for both {owner} and {code}"
                )
    return index


def resolve_education(text: str) -> EducationLevelRecord | None:
    """The education level a short phrase names, e.g. ``"SMA/SMK sederajat"`` → SMA, ``"Diploma 3"`` → D3,
    ``"min. S-1"`` → S1, ``"D3/S1"`` → D3 (several levels in one phrase: the lowest is the minimum asked for;
    between equal ranks the general track wins, SMA over SMK over Paket C). None when no level is named."""
    key = normalise_label(text)
    if not key:
        return None
    index = _variant_index()
    levels = education_levels()
    if key in index:
        return levels[index[key]]
    tokens = key.split()
    found: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
            code = index.get(" ".join(tokens[i : i + n]))
            if code is not None:
                found.append(code)
                i += n
                break
        else:
            i += 1
    if not found:
        return None
    order = {code: position for position, code in enumerate(levels)}
    best = min(found, key=lambda code: (levels[code].rank, order[code]))
    return levels[best]
