"""The relations the indicator engines read, and their documented schema.

``lmi`` is core and never touches the database. An outer layer (``store.lmi_source``) reads the operational
tables and hands over these six relations, as pyarrow tables or Parquet files/directories; DuckDB and Dask
both compute from exactly the same relations, so their numbers agree. Columns (all nullable unless said):

``vacancy``        vacancy_id int64 (not null), occupation_code string (ISCO-08 4-digit or finer, ``7212`` or
                   ``7212_1``), region_code string (province ``32`` or regency ``3273``), min_education string
                   (education-level code), pay_min int64, pay_max int64, pay_period string
                   (hour|day|week|month|year), employment_type string, openings int64 (not null, ≥ 1),
                   posted_date date32, closed_on date32 (last day open; null = still open), status string
                   (draft|open|filled|closed), discriminatory bool (null = never extracted)
``vacancy_skill``  vacancy_id int64, skill_id string (one row per pair, as the table's primary key says)
``seeker``         seeker_id int64 (not null), occupation_code string (occupation sought), region_code string,
                   education_level string, sex string (``F``/``M``), registered_on date32,
                   inactive_since date32
                   (first day no longer active; null = still active)
``seeker_skill``   seeker_id int64, skill_id string (one row per pair)
``application``    application_id int64, seeker_id int64, vacancy_id int64,
                   kind string (referral|application),
                   created_on date32
``placement``      placement_id int64, seeker_id int64, vacancy_id int64 (null = placed outside a listed
                   vacancy), placed_on date32
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pasarkerja.lmi.periods import LmiInputError

STRING = pa.string()
INT = pa.int64()
DATE = pa.date32()
BOOL = pa.bool_()

RELATIONS: dict[str, dict[str, pa.DataType]] = {
    "vacancy": {
        "vacancy_id": INT,
        "occupation_code": STRING,
        "region_code": STRING,
        "min_education": STRING,
        "pay_min": INT,
        "pay_max": INT,
        "pay_period": STRING,
        "employment_type": STRING,
        "openings": INT,
        "posted_date": DATE,
        "closed_on": DATE,
        "status": STRING,
        "discriminatory": BOOL,
    },
    "vacancy_skill": {"vacancy_id": INT, "skill_id": STRING},
    "seeker": {
        "seeker_id": INT,
        "occupation_code": STRING,
        "region_code": STRING,
        "education_level": STRING,
        "sex": STRING,
        "registered_on": DATE,
        "inactive_since": DATE,
    },
    "seeker_skill": {"seeker_id": INT, "skill_id": STRING},
    "application": {
        "application_id": INT,
        "seeker_id": INT,
        "vacancy_id": INT,
        "kind": STRING,
        "created_on": DATE,
    },
    "placement": {"placement_id": INT, "seeker_id": INT, "vacancy_id": INT, "placed_on": DATE},
}

# The flag kinds (see extract.facts.FlagKind) that count as a discriminatory requirement in the
# ``discriminatory_share`` indicator. "health" is left out on purpose: "sehat jasmani dan rohani" is in most
# Indonesian ads and is often an inherent requirement of the job (ILO C111 art. 1(2)), so including it
# would make the indicator measure boilerplate rather than discrimination. Pay below the minimum wage has its
# own indicator.
DISCRIMINATORY_FLAG_KINDS = frozenset(
    {"age", "sex", "appearance", "marital_status", "religion", "height_weight"}
)


def is_discriminatory(extracted: Mapping[str, Any] | None) -> bool | None:
    """Whether a vacancy's extraction result (``vacancy.extracted`` JSON) holds a discriminatory flag;
    None when the vacancy was never extracted (it then leaves the indicator's denominator)."""
    if extracted is None:
        return None
    flags = extracted.get("flags") or []
    return any(isinstance(flag, Mapping) and flag.get("kind") in DISCRIMINATORY_FLAG_KINDS for flag in flags)


def vacancy_closed_on(
    status: str, closing_date: dt.date | None, status_changed_on: dt.date | None
) -> dt.date | None:
    """The last day a vacancy was open: its closing date, or the day it was marked filled/closed when that
    came first. None while it is open with no closing date."""
    ends = [d for d in (closing_date,) if d is not None]
    if status in ("filled", "closed") and status_changed_on is not None:
        ends.append(status_changed_on)
    return min(ends) if ends else None


class SourceError(LmiInputError):
    """A relation or column missing or of the wrong type; the message names relation and column."""


def _compatible(actual: pa.DataType, wanted: pa.DataType) -> bool:
    if wanted == INT:
        return pa.types.is_integer(actual) or pa.types.is_null(actual)
    if wanted == STRING:
        return pa.types.is_string(actual) or pa.types.is_large_string(actual) or pa.types.is_null(actual)
    if wanted == DATE:
        return pa.types.is_date(actual) or pa.types.is_timestamp(actual) or pa.types.is_null(actual)
    if wanted == BOOL:
        return pa.types.is_boolean(actual) or pa.types.is_null(actual)
    return bool(actual == wanted)


def check_schema(relation: str, schema: pa.Schema) -> None:
    """Raise :class:`SourceError` unless ``schema`` has every column of ``relation`` with a usable type."""
    wanted = RELATIONS[relation]
    for column, kind in wanted.items():
        if column not in schema.names:
            raise SourceError(
                f"relation {relation!r}: column {column!r} is missing (expected columns: {', '.join(wanted)})"
            )
        actual = schema.field(column).type
        if not _compatible(actual, kind):
            raise SourceError(f"relation {relation!r}: column {column!r} has type {actual}, expected {kind}")


def conform(relation: str, table: pa.Table) -> pa.Table:
    """The relation's columns in the documented order and types (other columns dropped)."""
    check_schema(relation, table.schema)
    columns = []
    for column, kind in RELATIONS[relation].items():
        values = table.column(column)
        if values.type != kind:
            values = values.cast(kind)
        columns.append(values)
    return pa.Table.from_arrays(columns, names=list(RELATIONS[relation]))


def empty_relation(relation: str) -> pa.Table:
    return pa.schema(list(RELATIONS[relation].items())).empty_table()


@dataclass(frozen=True)
class LmiSource:
    """The six relations, each an in-memory pyarrow table or a Parquet file/directory path.

    A relation left out is taken as empty (a deployment without placements still gets vacancy indicators).
    Build with :meth:`from_arrow` or :meth:`from_parquet`; both check the schema up front.
    """

    relations: Mapping[str, pa.Table | Path] = field(default_factory=dict)

    @classmethod
    def from_arrow(cls, tables: Mapping[str, pa.Table]) -> LmiSource:
        _known(tables)
        conformed: dict[str, pa.Table | Path] = {
            name: conform(name, tables[name]) if name in tables else empty_relation(name)
            for name in RELATIONS
        }
        return cls(conformed)

    @classmethod
    def from_parquet(cls, directory: str | Path) -> LmiSource:
        """Relations from ``directory/<relation>.parquet`` or ``directory/<relation>/`` (partitioned)."""
        root = Path(directory)
        if not root.is_dir():
            raise SourceError(f"Parquet source directory {root} does not exist")
        relations: dict[str, pa.Table | Path] = {}
        for name in RELATIONS:
            path = next((p for p in (root / f"{name}.parquet", root / name) if p.exists()), None)
            if path is None:
                relations[name] = empty_relation(name)
                continue
            files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
            if not files:
                relations[name] = empty_relation(name)
                continue
            check_schema(name, pq.read_schema(files[0]))
            relations[name] = path
        return cls(relations)

    def parquet_files(self, relation: str) -> list[Path]:
        value = self.relations[relation]
        if isinstance(value, pa.Table):
            return []
        return sorted(value.rglob("*.parquet")) if value.is_dir() else [value]


def _known(names: Iterable[str]) -> None:
    unknown = sorted(set(names) - set(RELATIONS))
    if unknown:
        raise SourceError(
            f"unknown relation(s) {', '.join(unknown)}: valid relations are {', '.join(RELATIONS)}"
        )


def write_parquet(
    tables: Mapping[str, pa.Table], directory: str | Path, *, rows_per_file: int = 1_000_000
) -> LmiSource:
    """Write the relations as partitioned Parquet (``directory/<relation>/part-00000.parquet`` …), the layout
    both engines read at national scale, and return the source over them."""
    _known(tables)
    root = Path(directory)
    for name in RELATIONS:
        table = conform(name, tables[name]) if name in tables else empty_relation(name)
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("part-*.parquet"):
            old.unlink()
        count = max(1, -(-table.num_rows // rows_per_file))
        for part in range(count):
            chunk = table.slice(part * rows_per_file, rows_per_file)
            pq.write_table(chunk, folder / f"part-{part:05d}.parquet")
    return LmiSource.from_parquet(root)
