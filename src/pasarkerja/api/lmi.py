"""JSON API of labour-market information, mounted under ``/api``; also the per-app cache of the LMI source
and the code labels that the CLI, the dashboard and the reports share.

Every table comes from :func:`pasarkerja.lmi.compute`, which suppresses small cells before it returns, and
is published as it comes: suppressed values are ``null`` with ``"suppressed": true`` and the reason. Nothing
here counts records itself.

Access: job-centre staff (:data:`LMI_ROLES`), not the public. Each table is protected on its own (primary
and secondary suppression within the table), but a route that tabulates any indicator by any dimensions
and filters also lets someone subtract overlapping tables from each other (a filter on isco1=7 minus one on
isco2=71 …), which per-table suppression cannot stop. Staff publish fixed tables (the provincial report,
the exports) instead.

Caching: building the source reads every seeker and vacancy (0.5 s on the 5,000/1,500 demo, linear in
size), so :class:`LmiData` keeps one source and one open DuckDB engine per app. It re-reads the database
only when a cheap fingerprint (row counts, highest ids and last update times of the tables the indicators
read) has changed, and checks that fingerprint at most every ``check_every_s`` seconds (10 s): a change is
visible within that time, and a burst of dashboard requests costs one small query, not one extraction each.
An edit the fingerprint cannot see (a seeker's skill swapped for another keeps the counts) is picked up by
the rebuild after ``max_age_s`` (5 minutes) at the latest.
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine as DbEngine
from sqlalchemy import func, select

from pasarkerja.api.deps import CurrentUser, require_roles
from pasarkerja.lmi import (
    DIMENSIONS,
    FORMATS,
    INDICATORS,
    PERIOD_FORMATS,
    TOTAL,
    Engine,
    IndicatorTable,
    LmiError,
    NoDataError,
    SuppressionPolicy,
    compute,
    open_engine,
)
from pasarkerja.lmi.periods import Period

router = APIRouter()

DEFAULT_CHECK_S = 10.0
DEFAULT_MAX_AGE_S = 300.0
LMI_ROLES = ("analyst", "counsellor", "admin")
Staff = Annotated[CurrentUser, Depends(require_roles(*LMI_ROLES))]
SEX_LABELS = {"F": {"id": "Perempuan", "en": "Female"}, "M": {"id": "Laki-laki", "en": "Male"}}
# Query parameters of the indicator routes that are not filters.
RESERVED_PARAMS = ("by", "period", "lang", "limit")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "sdmx-csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
SUFFIXES = {"csv": ".csv", "sdmx-csv": ".sdmx.csv", "xlsx": ".xlsx", "parquet": ".parquet"}


# ------------------------------------------------------------------------------------------- the cache


@dataclass
class _Loaded:
    fingerprint: tuple[Any, ...]
    engine: Engine
    checked_at: float
    built_at: float


class LmiData:
    """The LMI source of one database, extracted once and kept with an open DuckDB engine over it; rebuilt
    when the database's fingerprint changes (checked at most every ``check_every_s`` seconds).

    One lock serialises the queries: a DuckDB connection must not run two statements at once, and the
    indicator queries take milliseconds on a job centre's data."""

    def __init__(
        self,
        db: DbEngine,
        *,
        check_every_s: float = DEFAULT_CHECK_S,
        max_age_s: float = DEFAULT_MAX_AGE_S,
        clock: Any = time.monotonic,
        policy: SuppressionPolicy | None = None,
    ) -> None:
        self.db = db
        self.policy = policy or SuppressionPolicy()  # the deployment's k unless a call asks for more
        self.check_every_s = check_every_s
        self.max_age_s = max_age_s
        self._clock = clock
        self._lock = threading.RLock()
        self._loaded: _Loaded | None = None
        self.builds = 0  # how many times the source was extracted (tests check the cache with it)

    def fingerprint(self) -> tuple[Any, ...]:
        """Counts, highest ids and last updates of the tables the indicators read: one cheap query each."""
        from pasarkerja.store.models import (
            Application,
            Placement,
            Seeker,
            SeekerPersonal,
            SeekerPreferredOccupation,
            SeekerSkill,
            SeekerWork,
            Vacancy,
            VacancySkill,
        )

        queries = [
            select(func.count(), func.max(Vacancy.id), func.max(Vacancy.updated_at)),
            select(func.count(), func.max(Seeker.id), func.max(Seeker.updated_at)),
            select(func.count(), func.max(Application.id)),
            select(func.count(), func.max(Placement.id)),
            select(func.count()).select_from(VacancySkill),
            select(func.count()).select_from(SeekerSkill),
            select(func.count()).select_from(SeekerPreferredOccupation),
            select(func.count(), func.max(SeekerWork.id)),
            select(func.count()).select_from(SeekerPersonal),
        ]
        with self.db.connect() as connection:
            return tuple(tuple(connection.execute(query).one()) for query in queries)

    def _refresh(self) -> Engine:
        now = self._clock()
        loaded = self._loaded
        fresh = loaded is not None and now - loaded.built_at < self.max_age_s
        if loaded is not None and fresh and now - loaded.checked_at < self.check_every_s:
            return loaded.engine
        fingerprint = self.fingerprint()
        if loaded is not None and fresh and loaded.fingerprint == fingerprint:
            loaded.checked_at = now
            return loaded.engine
        from pasarkerja.store.lmi_source import extract_source

        engine = open_engine(extract_source(self.db), "duckdb")
        self.builds += 1
        if loaded is not None:
            loaded.engine.close()
        self._loaded = _Loaded(fingerprint, engine, now, now)
        return engine

    @contextmanager
    def engine(self) -> Iterator[Engine]:
        with self._lock:
            yield self._refresh()

    def compute(
        self,
        name: str,
        by: Sequence[str] = (),
        period: str | Period = "",
        *,
        filters: Mapping[str, str | Iterable[str]] | None = None,
        policy: SuppressionPolicy | None = None,
        limit: int = 20,
        totals: bool = True,
    ) -> IndicatorTable:
        with self.engine() as engine:
            return compute(
                name,
                by=list(by),
                period=period,
                filters=filters,
                source=engine,
                policy=policy or self.policy,
                limit=limit,
                totals=totals,
            )

    def coverage(self) -> tuple[Any, Any]:
        """First and last day of the records (vacancies posted and seekers registered), or (None, None)."""
        with self.engine() as engine:
            spans = [engine.coverage(base) for base in ("vacancies_posted", "seekers_registered")]
        firsts = [first for first, _ in spans if first is not None]
        lasts = [last for _, last in spans if last is not None]
        return (min(firsts) if firsts else None, max(lasts) if lasts else None)

    def quarters(self) -> list[str]:
        """Every quarter the records reach, oldest first (the dashboard's period choices)."""
        first, last = self.coverage()
        if first is None or last is None:
            return []
        out = []
        year, quarter = first.year, (first.month - 1) // 3 + 1
        while (year, quarter) <= (last.year, (last.month - 1) // 3 + 1):
            out.append(f"{year}Q{quarter}")
            year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
        return out

    def default_period(self) -> str:
        """The latest quarter holding records; "" when the database holds none (compute then says so)."""
        quarters = self.quarters()
        return quarters[-1] if quarters else ""

    def close(self) -> None:
        with self._lock:
            if self._loaded is not None:
                self._loaded.engine.close()
                self._loaded = None


_APP_LOCK = threading.Lock()


def lmi_data(request: Request) -> LmiData:
    """The app's :class:`LmiData`, created on first use (one per app, so per database)."""
    state = request.app.state
    with _APP_LOCK:
        data: LmiData | None = getattr(state, "lmi_data", None)
        if data is None:
            data = LmiData(state.engine, policy=SuppressionPolicy(k=state.settings.lmi_min_cell_persons))
            state.lmi_data = data
    return data


# ------------------------------------------------------------------------------------------- labels


def skill_labels(db: DbEngine, ids: Iterable[str], lang: str) -> dict[str, str]:
    """Labels of the skill ids in the language asked (the other one when missing) from the skill table."""
    from pasarkerja.store.models import Skill

    wanted = sorted({i for i in ids if i and i != TOTAL})
    out: dict[str, str] = {}
    with db.connect() as connection:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for sid, label_id, label_en in connection.execute(
                select(Skill.id, Skill.label_id, Skill.label_en).where(Skill.id.in_(chunk))
            ):
                first, second = (label_id, label_en) if lang == "id" else (label_en, label_id)
                out[sid] = first or second or sid
    return out


def code_labels(table: IndicatorTable, lang: str, db: DbEngine | None = None) -> dict[str, dict[str, str]]:
    """Names of the codes that appear in ``table``, per dimension (regions, ISCO-08/KBJI groups, education
    levels, sex, skills). Codes without a name are left out; they are shown as codes."""
    from pasarkerja.taxonomy import education_levels, isco_groups, regions

    out: dict[str, dict[str, str]] = {}
    for position, name in enumerate(table.by):
        codes = {row.key[position] for row in table.rows} - {None, TOTAL}
        names: dict[str, str] = {}
        if name in ("province", "regency"):
            known = regions()
            names = {c: known[c].name for c in codes if c is not None and c in known}
        elif name.startswith("isco"):
            groups = isco_groups()
            for code in codes:
                group = groups.get(str(code))
                if group is not None:
                    names[str(code)] = (group.title_id or group.title_en) if lang == "id" else group.title_en
        elif name == "education":
            levels = education_levels()
            names = {
                c: (levels[c].label_id if lang == "id" else levels[c].label_en)
                for c in codes
                if c is not None and c in levels
            }
        elif name == "sex":
            names = {c: SEX_LABELS[c][lang] for c in codes if c in SEX_LABELS}
        elif name == "skill" and db is not None:
            names = skill_labels(db, (str(c) for c in codes), lang)
        if names:
            out[name] = names
    return out


def split_list(value: str | None) -> list[str]:
    """``"province,isco2"`` → ``["province", "isco2"]`` (blanks dropped)."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def table_json(table: IndicatorTable, labels: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    rows = []
    for row, record in zip(table.rows, table.records(), strict=True):
        record["suppression"] = row.suppression
        rows.append(record)
    return {
        "indicator": table.indicator,
        "label_id": table.label_id,
        "label_en": table.label_en,
        "unit": table.unit,
        "period": table.period,
        "by": list(table.by),
        "measures": list(table.measures),
        "filters": {k: list(v) for k, v in table.filters.items()},
        "total_code": TOTAL,
        "suppression": {
            "applied": table.suppression_applied,
            "basis": table.basis,
            "k": table.k,
            "rule": f"cells counting 1 to {table.k - 1} persons are suppressed (primary), plus the cells "
            "needed so none can be recovered from totals (secondary); suppressed values are null",
        },
        "notes": list(table.notes),
        "labels": {k: dict(v) for k, v in labels.items()},
        "rows": rows,
    }


# ------------------------------------------------------------------------------------------- routes


def _filters(request: Request, name: str) -> dict[str, list[str]]:
    """Every query parameter besides the reserved ones is a filter on a dimension of the indicator."""
    definition = INDICATORS[name]
    filters: dict[str, list[str]] = {}
    for key in request.query_params:
        if key in RESERVED_PARAMS:
            continue
        if key not in definition.dimensions:
            raise HTTPException(
                status_code=400,
                detail=f"unknown parameter {key!r}: valid parameters of {name} are "
                f"{', '.join(RESERVED_PARAMS)} and the filters {', '.join(definition.dimensions)}",
            )
        values = [v for raw in request.query_params.getlist(key) for v in split_list(raw)]
        filters[key] = values
    return filters


def _known_indicator(name: str) -> None:
    if name not in INDICATORS:
        raise HTTPException(
            status_code=404,
            detail=f"unknown indicator {name!r}: valid indicators are {', '.join(INDICATORS)}",
        )


def _table(request: Request, name: str, by: str | None, period: str | None, limit: int) -> IndicatorTable:
    _known_indicator(name)
    filters = _filters(request, name)
    data = lmi_data(request)
    chosen = data.default_period() if period is None else period
    try:
        return data.compute(name, split_list(by), chosen, filters=filters, limit=limit)
    except NoDataError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except LmiError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


ByParam = Annotated[
    str | None,
    Query(max_length=200, description="Dimensions, comma-separated (e.g. `province,isco2`)"),
]
PeriodParam = Annotated[
    str | None,
    Query(
        max_length=20,
        description="Reference period: " + "; ".join(PERIOD_FORMATS) + ". Default: the latest quarter.",
    ),
]
LangParam = Annotated[str, Query(pattern="^(id|en)$", description="Language of the labels")]
LimitParam = Annotated[int, Query(ge=1, le=200, description="Skills kept per group (skill indicators)")]


@router.get("/lmi/indicators", summary="Labour-market indicators and dimensions, with their definitions")
def indicators(request: Request, user: Staff) -> dict[str, Any]:
    data = lmi_data(request)
    return {
        "indicators": [
            {
                "name": d.name,
                "label_id": d.label_id,
                "label_en": d.label_en,
                "unit": d.unit,
                "kind": d.kind,
                "basis": d.basis,
                "suppressed": d.basis == "persons",
                "dimensions": list(d.valid_dimensions()),
                "measures": list(d.measures),
            }
            for d in INDICATORS.values()
        ],
        "dimensions": [
            {"name": d.name, "label_id": d.label_id, "label_en": d.label_en, "additive": d.additive}
            for d in DIMENSIONS.values()
        ],
        "period_formats": list(PERIOD_FORMATS),
        "periods": data.quarters(),
        "default_period": data.default_period(),
        "export_formats": list(FORMATS),
        "suppression_k": data.policy.k,
    }


@router.get(
    "/lmi/{indicator}",
    summary="One indicator by dimensions for a period, suppressed cells null",
    responses={400: {"description": "Bad dimension, filter or period"}, 404: {"description": "No data"}},
)
def indicator_table(
    request: Request,
    user: Staff,
    indicator: str,
    by: ByParam = None,
    period: PeriodParam = None,
    lang: LangParam = "id",
    limit: LimitParam = 20,
) -> dict[str, Any]:
    table = _table(request, indicator, by, period, limit)
    return table_json(table, code_labels(table, lang, request.app.state.engine))


@router.get(
    "/lmi/{indicator}/export/{fmt}",
    summary="Download one indicator table as CSV, Excel, Parquet or SDMX-CSV",
    response_class=Response,
    responses={
        400: {"description": "Bad format, dimension, filter or period"},
        404: {"description": "No data"},
    },
)
def indicator_export(
    request: Request,
    user: Staff,
    indicator: str,
    fmt: str,
    by: ByParam = None,
    period: PeriodParam = None,
    lang: LangParam = "id",
    limit: LimitParam = 20,
) -> Response:
    from pasarkerja.lmi import export, write_excel

    if fmt not in FORMATS:
        raise HTTPException(
            status_code=400, detail=f"unknown export format {fmt!r}: valid formats are {', '.join(FORMATS)}"
        )
    table = _table(request, indicator, by, period, limit)
    with tempfile.TemporaryDirectory(prefix="pasarkerja-lmi-") as folder:
        target = Path(folder) / f"table{SUFFIXES[fmt]}"
        if fmt == "xlsx":  # the sheet's title and notes in the language asked
            write_excel(table, target, lang)
        else:
            export(table, target, fmt)
        content = target.read_bytes()
    filename = export_filename(table, fmt)
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def export_filename(table: IndicatorTable, fmt: str) -> str:
    parts = [table.indicator, table.period, *table.by]
    parts += [f"{k}-{'-'.join(v)}" for k, v in table.filters.items()]
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", "_".join(parts))
    return stem + SUFFIXES[fmt]
