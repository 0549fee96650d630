"""The reference classifications shipped with the package: ISCO-08 groups, KBLI 2020 sections and the
provincial minimum wage (UMP). Data files live in ``taxonomy/data`` (see ``data/SOURCES.md``); every
loader is cached so the CSV files are read once per process and nothing is read at import time.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache

from pasarkerja.taxonomy.records import IndustrySectionRecord, MinimumWageRecord, OccupationRecord


class ReferenceDataError(ValueError):
    """A shipped reference file is malformed (names the file, row and field)."""


def read_data_csv(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of ``taxonomy/data/<name>`` as (line number, dict); ``# source:`` comment lines are skipped."""
    from importlib import resources  # deferred: importing the package must stay cheap

    text = resources.files("pasarkerja.taxonomy").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    reader = csv.DictReader(lines[first:])
    for offset, row in enumerate(reader):
        yield first + offset + 2, row


def required(name: str, line: int, row: dict[str, str], field: str) -> str:
    value = (row.get(field) or "").strip()
    if not value:
        raise ReferenceDataError(f"{name} line {line}: field {field!r} is empty")
    return value


def as_int(name: str, line: int, row: dict[str, str], field: str) -> int:
    value = required(name, line, row, field)
    try:
        return int(value)
    except ValueError:
        message = f"{name} line {line}: field {field!r} is not an integer: {value!r}"
        raise ReferenceDataError(message) from None


def as_bool(name: str, line: int, row: dict[str, str], field: str) -> bool:
    value = required(name, line, row, field).lower()
    if value not in ("true", "false"):
        raise ReferenceDataError(f"{name} line {line}: field {field!r} must be true/false, got {value!r}")
    return value == "true"


# --------------------------------------------------------------------------------------------------
# ISCO-08
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def isco_groups() -> dict[str, OccupationRecord]:
    """All ISCO-08 groups (levels 1–4: 10 major, 43 sub-major, 130 minor, 436 unit groups) by code."""
    name = "isco08.csv"
    groups: dict[str, OccupationRecord] = {}
    for line, row in read_data_csv(name):
        code = required(name, line, row, "code")
        level = as_int(name, line, row, "level")
        if not code.isdigit() or len(code) != level:
            raise ReferenceDataError(f"{name} line {line}: code {code!r} does not have {level} digits")
        parent = (row.get("parent_code") or "").strip() or None
        if (parent is None) != (level == 1) or (parent is not None and parent != code[:-1]):
            raise ReferenceDataError(f"{name} line {line}: parent_code {parent!r} does not fit code {code!r}")
        groups[code] = OccupationRecord(
            code=code,
            level=level,
            isco_code=code,
            title_en=required(name, line, row, "title_en"),
            title_id=required(name, line, row, "title_id"),
            title_id_is_translation=as_bool(name, line, row, "title_id_is_translation"),
            parent_code=parent,
            esco_uri=(row.get("esco_uri") or "").strip() or None,
            source="isco08",
        )
    return groups


def isco_ancestors(code: str) -> list[str]:
    """Codes of the groups above ``code``, nearest first: ``"7212"`` → ``["721", "72", "7"]``.

    Accepts finer occupation codes keyed under a unit group (``"7212_1"`` → ``["7212", "721", "72", "7"]``).
    Raises ``KeyError`` for a code that is not an ISCO-08 group or under one.
    """
    groups = isco_groups()
    base = code.split("_", 1)[0]
    if base not in groups or ("_" in code and len(base) != 4):
        raise KeyError(f"not an ISCO-08 group code: {code!r}")
    chain = [base] if "_" in code else []
    chain.extend(base[:n] for n in range(len(base) - 1, 0, -1))
    return chain


# --------------------------------------------------------------------------------------------------
# KBLI 2020
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def industry_sections() -> dict[str, IndustrySectionRecord]:
    """The 21 KBLI 2020 sections A–U with Indonesian (KBLI) and English (ISIC Rev. 4) titles."""
    name = "kbli2020_sections.csv"
    return {
        required(name, line, row, "code"): IndustrySectionRecord(
            code=required(name, line, row, "code"),
            title_id=required(name, line, row, "title_id"),
            title_en=required(name, line, row, "title_en"),
        )
        for line, row in read_data_csv(name)
    }


# --------------------------------------------------------------------------------------------------
# Minimum wages
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def minimum_wages() -> list[MinimumWageRecord]:
    """Provincial minimum wages (UMP, Rp/month): 2025 for all 38 provinces, and 2015–2024 history (BPS)."""
    records: dict[tuple[str, int], MinimumWageRecord] = {}
    for name in ("ump_history.csv", "ump_2025.csv"):
        for line, row in read_data_csv(name):
            record = MinimumWageRecord(
                province_code=required(name, line, row, "province_code"),
                year=as_int(name, line, row, "year"),
                amount_rp=as_int(name, line, row, "amount_rp"),
            )
            if record.amount_rp <= 0:
                raise ReferenceDataError(f"{name} line {line}: field 'amount_rp' must be positive")
            records[(record.province_code, record.year)] = record
    return sorted(records.values(), key=lambda r: (r.province_code, r.year))


@lru_cache(maxsize=1)
def _wage_index() -> dict[tuple[str, int], int]:
    return {(r.province_code, r.year): r.amount_rp for r in minimum_wages()}


def minimum_wage(province_code: str, year: int = 2025) -> int | None:
    """The UMP of a province (2-digit Kemendagri code; a 4-digit regency code uses its province) in Rp/month,
    or None when unknown for that year (e.g. Papua Selatan before it existed)."""
    return _wage_index().get((province_code[:2], year))
