"""``compute()``: one indicator, broken down by dimensions, for a period, on either engine — protected by
suppression before it is returned. The formulas are in docs/INDICATORS.md; this module turns the engines'
aggregates into the published measures with the same pandas code for both engines."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from pasarkerja.lmi.definitions import (
    DIMENSIONS,
    INDICATORS,
    TIME_DIMENSIONS,
    TOTAL,
    IndicatorDefinition,
    check_dimensions,
    indicator,
)
from pasarkerja.lmi.engine import Engine, Measure
from pasarkerja.lmi.periods import LmiInputError, NoDataError, Period, parse_period
from pasarkerja.lmi.schema import LmiSource
from pasarkerja.lmi.suppression import SuppressionPolicy, protect
from pasarkerja.lmi.table import IndicatorRow, IndicatorTable

ENGINES = ("duckdb", "dask")
BASIS = "_basis"
DEFAULT_LIMIT = 20
DEFAULT_MIN_BASE = 5  # skill_growth: a skill needs this many vacancies in the earlier period to get a rate

# The bases each indicator reads (coverage decides "no data for period X").
INDICATOR_BASES: dict[str, tuple[str, ...]] = {
    "active_seekers": ("seekers_active",),
    "new_registrations": ("seekers_registered",),
    "vacancies_posted": ("vacancies_posted",),
    "vacancies_open": ("vacancies_open",),
    "openings": ("vacancies_posted",),
    "referrals": ("referrals",),
    "placements": ("placements",),
    "placement_rate": ("seekers_on_register",),
    "tightness": ("vacancies_open", "seekers_active"),
    "offered_pay": ("vacancies_posted",),
    "below_minimum_wage_share": ("vacancies_posted",),
    "discriminatory_share": ("vacancies_posted",),
    "top_skills": ("vacancy_skills",),
    "skill_growth": ("vacancy_skills",),
    "skill_shortage_index": ("vacancy_skills", "seeker_skills"),
    "education_mismatch": ("placements",),
}


def open_engine(source: LmiSource, engine: str = "duckdb", *, threads: int = 2) -> Engine:
    """An engine holding ``source``, to run many queries on (the dashboard and the API keep one open)."""
    if engine == "duckdb":
        from pasarkerja.lmi.engine_duckdb import DuckDBEngine

        return DuckDBEngine(source, threads=threads)
    if engine == "dask":
        from pasarkerja.lmi.engine_dask import DaskEngine

        return DaskEngine(source, threads=threads)
    raise LmiInputError(f"unknown engine {engine!r}: valid engines are {', '.join(ENGINES)}")


def normalise_filters(
    definition: IndicatorDefinition, filters: Mapping[str, str | Iterable[str]] | None
) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    valid = [d for d in definition.dimensions]
    for name, raw in (filters or {}).items():
        if name not in valid:
            raise LmiInputError(
                f"cannot filter {definition.name} on {name!r}: valid filter dimensions are {', '.join(valid)}"
            )
        values = (raw,) if isinstance(raw, str) else tuple(raw)
        values = tuple(str(v).strip() for v in values if str(v).strip())
        if not values:
            raise LmiInputError(f"filter {name!r} of {definition.name} has no value")
        out[name] = values
    return out


def _sets(dims: Sequence[str], skill: bool) -> list[tuple[str, ...]]:
    """Every grouping set of the hypercube: the cells and all their margins (the skill never rolls up)."""
    plain = [d for d in dims if d != "skill"]
    sets = []
    for size in range(len(plain), -1, -1):
        for combo in itertools.combinations(plain, size):
            sets.append((*combo, "skill") if skill else combo)
    return sets


def _pct(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    num = numerator.astype("float64")
    den = denominator.astype("float64")
    result = np.round(100.0 * num / den.where(den > 0), 2)
    return result.astype(object).where(den > 0, None)


def _ratio(numerator: pd.Series, denominator: pd.Series, digits: int = 3) -> pd.Series:
    num = numerator.astype("float64")
    den = denominator.astype("float64")
    return np.round(num / den.where(den > 0), digits).astype(object).where(den > 0, None)


class _Query:
    def __init__(
        self,
        engine: Engine,
        period: Period,
        dims: Sequence[str],
        filters: Mapping[str, tuple[str, ...]],
        limit: int,
        min_base: int,
    ) -> None:
        self.engine = engine
        self.period = period
        self.dims = list(dims)
        self.filters = filters
        self.limit = limit
        self.min_base = min_base

    def agg(
        self, base: str, measures: Sequence[Measure], *, skill: bool = False, period: Period | None = None
    ) -> pd.DataFrame:
        sets = _sets(self.dims, skill)
        frame = self.engine.aggregate(base, period or self.period, sets, self.filters, measures)
        keys = self.keys(skill)
        for name in keys:
            if name not in frame.columns:
                frame[name] = TOTAL
        return frame

    def keys(self, skill: bool = False) -> list[str]:
        plain = [d for d in self.dims if d != "skill"]
        return [*plain, "skill"] if skill else plain


def _merge(left: pd.DataFrame, right: pd.DataFrame, keys: list[str], how: str = "outer") -> pd.DataFrame:
    if not keys:
        left = left.assign(_k=0)
        right = right.assign(_k=0)
        return left.merge(right, on="_k", how=how).drop(columns="_k")
    return left.merge(right, on=keys, how=how)


def _count(base: str, value: Measure, basis: Measure | None = None) -> Callable[[_Query], pd.DataFrame]:
    def run(q: _Query) -> pd.DataFrame:
        measures = [value] if basis is None else [value, basis]
        frame = q.agg(base, measures)
        frame["value"] = frame[value.name].astype("int64")
        frame[BASIS] = frame[(basis or value).name].astype("int64")
        return frame

    return run


def _placement_rate(q: _Query) -> pd.DataFrame:
    frame = q.agg(
        "seekers_on_register", [Measure("on_register", "count"), Measure("placed", "count_true", "placed")]
    )
    frame["value"] = _pct(frame["placed"], frame["on_register"])
    frame[BASIS] = frame["on_register"].astype("int64")
    return frame


def _tightness(q: _Query) -> pd.DataFrame:
    keys = q.keys()
    vacancies = q.agg("vacancies_open", [Measure("open_positions", "sum", "openings")])[
        [*keys, "open_positions"]
    ]
    seekers = q.agg("seekers_active", [Measure("active_seekers", "count")])[[*keys, "active_seekers"]]
    frame = _merge(vacancies, seekers, keys)
    frame["open_positions"] = frame["open_positions"].fillna(0).astype("int64")
    frame["active_seekers"] = frame["active_seekers"].fillna(0).astype("int64")
    frame["value"] = _ratio(frame["open_positions"], frame["active_seekers"])
    frame[BASIS] = frame["active_seekers"]
    return frame


def _offered_pay(q: _Query) -> pd.DataFrame:
    frame = q.agg(
        "vacancies_posted",
        [
            Measure("posted", "count"),
            Measure("with_pay", "count_nonnull", "pay"),
            Measure("q25", "q25", "pay"),
            Measure("q50", "q50", "pay"),
            Measure("q75", "q75", "pay"),
        ],
    )
    stated = frame["with_pay"] > 0
    for measure, column in (("value", "q50"), ("p25", "q25"), ("p75", "q75")):
        frame[measure] = np.round(frame[column].astype("float64")).astype(object).where(stated, None)
        frame[measure] = frame[measure].map(lambda v: None if v is None or pd.isna(v) else int(v))
    frame["pay_stated_pct"] = _pct(frame["with_pay"], frame["posted"])
    frame["with_pay"] = frame["with_pay"].astype("int64")
    frame[BASIS] = frame["with_pay"]
    return frame


def _share(column: str) -> Callable[[_Query], pd.DataFrame]:
    def run(q: _Query) -> pd.DataFrame:
        frame = q.agg(
            "vacancies_posted",
            [Measure("checked", "count_nonnull", column), Measure("hits", "count_true", column)],
        )
        frame["value"] = _pct(frame["hits"], frame["checked"])
        frame["checked"] = frame["checked"].astype("int64")
        frame[BASIS] = frame["checked"]
        return frame

    return run


def _skill_demand(q: _Query, period: Period) -> pd.DataFrame:
    keys = q.keys()
    # count(*), not count(DISTINCT vacancy_id): a (vacancy, skill) pair is one row (the primary key of
    # vacancy_skill, lmi.schema), and with the vacancy's dimensions fixed per row each vacancy appears once
    # per skill group. The distinct count cost 5× more at national scale.
    skills = q.agg("vacancy_skills", [Measure("count", "count")], skill=True, period=period)
    posted = q.agg("vacancies_posted", [Measure("posted", "count")], period=period)[[*keys, "posted"]]
    frame = _merge(skills, posted, keys, how="left")
    frame["posted"] = frame["posted"].fillna(0).astype("int64")
    frame["share"] = np.where(
        frame["posted"] > 0, 100.0 * frame["count"] / frame["posted"].where(frame["posted"] > 0), np.nan
    )
    return frame


def _rank(frame: pd.DataFrame, keys: list[str], by: list[str], ascending: list[bool]) -> pd.Series:
    ordered = frame.sort_values(
        [*by, "skill"], ascending=[*ascending, True], na_position="last", kind="mergesort"
    )
    if keys:
        return ordered.groupby(keys, sort=False).cumcount().add(1).reindex(frame.index)
    return pd.Series(np.arange(1, len(ordered) + 1), index=ordered.index).reindex(frame.index)


def _top_skills(q: _Query) -> pd.DataFrame:
    frame = _skill_demand(q, q.period)
    frame["value"] = frame["count"].astype("int64")
    frame["share_pct"] = np.round(frame["share"], 2).astype(object).where(frame["posted"] > 0, None)
    frame["rank"] = _rank(frame, q.keys(), ["value"], [False]).astype("int64")
    frame[BASIS] = frame["value"]
    return frame


def _skill_growth(q: _Query) -> pd.DataFrame:
    keys = q.keys(skill=True)
    current = _skill_demand(q, q.period)[[*keys, "count", "share"]]
    previous = _skill_demand(q, q.period.previous())[[*keys, "count", "share"]]
    frame = current.merge(previous, on=keys, how="left", suffixes=("", "_prev"))
    frame["current"] = frame["count"].astype("int64")
    frame["previous"] = frame["count_prev"].fillna(0).astype("int64")
    enough = frame["previous"] >= q.min_base
    growth = 100.0 * (frame["current"] - frame["previous"]) / frame["previous"].where(enough)
    frame["value"] = np.round(growth, 2).astype(object).where(enough, None)
    change = frame["share"] - frame["share_prev"].fillna(0.0)
    frame["share_change_pp"] = np.round(change, 2).astype(object).where(frame["share"].notna(), None)
    frame["_growth"] = growth.where(enough)
    frame["rank"] = _rank(frame, q.keys(), ["_growth"], [False]).astype("int64")
    frame[BASIS] = frame["current"]
    return frame


def _skill_shortage(q: _Query) -> pd.DataFrame:
    keys = q.keys()
    skill_keys = q.keys(skill=True)
    demand = _skill_demand(q, q.period)[[*skill_keys, "count", "share"]]
    supply = q.agg("seeker_skills", [Measure("with_skill", "count")], skill=True)
    seekers = q.agg("seekers_active", [Measure("active", "count")])[[*keys, "active"]]
    supply = _merge(supply[[*skill_keys, "with_skill"]], seekers, keys, how="left")
    frame = demand.merge(supply, on=skill_keys, how="outer")
    frame["with_skill"] = frame["with_skill"].fillna(0).astype("int64")
    frame["active"] = _merge(frame[skill_keys], seekers, keys, how="left")["active"].fillna(0).to_numpy()
    frame["count"] = frame["count"].fillna(0).astype("int64")
    demand_share = frame["share"].fillna(0.0)
    supply_share = np.where(
        frame["active"] > 0, 100.0 * frame["with_skill"] / frame["active"].where(frame["active"] > 0), np.nan
    )
    frame["demand_share_pct"] = np.round(demand_share, 2)
    frame["supply_share_pct"] = (
        pd.Series(np.round(supply_share, 2), index=frame.index)
        .astype(object)
        .where(frame["active"] > 0, None)
    )
    index = pd.Series(demand_share / np.where(supply_share > 0, supply_share, np.nan), index=frame.index)
    frame["value"] = np.round(index, 3).astype(object).where(index.notna(), None)
    frame["_index"] = index
    frame["rank"] = _rank(frame, keys, ["_index"], [False]).astype("int64")
    frame[BASIS] = frame["with_skill"]
    return frame


def _education_mismatch(q: _Query) -> pd.DataFrame:
    frame = q.agg(
        "placements",
        [
            Measure("under", "count_true", "under"),
            Measure("over", "count_true", "over"),
            Measure("assessed", "count_true", "assessed"),
        ],
    )
    frame["value"] = _pct(frame["under"] + frame["over"], frame["assessed"])
    frame["under_pct"] = _pct(frame["under"], frame["assessed"])
    frame["over_pct"] = _pct(frame["over"], frame["assessed"])
    frame["assessed"] = frame["assessed"].astype("int64")
    frame[BASIS] = frame["assessed"]
    return frame


_COMPUTE: dict[str, Callable[[_Query], pd.DataFrame]] = {
    "active_seekers": _count("seekers_active", Measure("n", "count")),
    "new_registrations": _count("seekers_registered", Measure("n", "count")),
    "vacancies_posted": _count("vacancies_posted", Measure("n", "count")),
    "vacancies_open": _count("vacancies_open", Measure("n", "count")),
    "openings": _count("vacancies_posted", Measure("n", "sum", "openings"), Measure("vacancies", "count")),
    "referrals": _count("referrals", Measure("n", "count"), Measure("persons", "nunique", "seeker_id")),
    "placements": _count("placements", Measure("n", "count"), Measure("persons", "nunique", "seeker_id")),
    "placement_rate": _placement_rate,
    "tightness": _tightness,
    "offered_pay": _offered_pay,
    "below_minimum_wage_share": _share("below_min"),
    "discriminatory_share": _share("discriminatory"),
    "top_skills": _top_skills,
    "skill_growth": _skill_growth,
    "skill_shortage_index": _skill_shortage,
    "education_mismatch": _education_mismatch,
}
assert set(_COMPUTE) == set(INDICATORS), "every registered indicator needs a computation"


def _covered(engine: Engine, definition: IndicatorDefinition, period: Period) -> str | None:
    """None when the data cover the period, else the reason."""
    bases = INDICATOR_BASES[definition.name]
    for base in bases:
        first, last = engine.coverage(base)
        if first is None or last is None:
            return f"no data for period {period.label}: the {base.split('_')[0]} records are empty"
        if period.end < first or period.start > last:
            return (
                f"no data for period {period.label}: {definition.name} is computed from records dated "
                f"{first.isoformat()} … {last.isoformat()}"
            )
    return None


def compute_cells(
    name: str,
    by: Sequence[str] = (),
    period: str | Period = "",
    *,
    engine: Engine,
    filters: Mapping[str, str | Iterable[str]] | None = None,
    limit: int = DEFAULT_LIMIT,
    min_base: int = DEFAULT_MIN_BASE,
) -> tuple[IndicatorDefinition, pd.DataFrame, list[str]]:
    """The *unprotected* cells of an indicator with every margin (dimension value ``"_T"``) and the basis
    column: for the suppression step and for tests only. Everything published goes through :func:`compute`."""
    definition = indicator(name)
    dims = tuple(by)
    check_dimensions(definition, dims)
    if definition.skill_level and "skill" not in dims:
        dims = (*dims, "skill")
    chosen = parse_period(period)
    clean = normalise_filters(definition, filters)
    time = next((d for d in dims if d in TIME_DIMENSIONS), None)
    plain = [d for d in dims if d not in TIME_DIMENSIONS]
    notes: list[str] = []
    parts: list[pd.DataFrame] = []
    periods = chosen.split(time) if time else [chosen]  # type: ignore[arg-type]
    if definition.name == "skill_growth":
        reason = _covered(engine, definition, chosen.previous())
        if reason:
            raise NoDataError(f"skill_growth compares with {chosen.previous().label}: {reason}")
    for sub in periods:
        reason = _covered(engine, definition, sub)
        if reason:
            if time is None:
                raise NoDataError(reason)
            notes.append(reason)
            continue
        frame = _COMPUTE[definition.name](_Query(engine, sub, plain, clean, limit, min_base))
        if time:
            frame[time] = sub.label
        parts.append(frame)
    if time and definition.kind == "flow" and parts:
        whole = _COMPUTE[definition.name](_Query(engine, chosen, plain, clean, limit, min_base))
        whole[time] = TOTAL
        parts.append(whole)
    if not parts:
        raise NoDataError(f"no data for period {chosen.label} by {time}: " + "; ".join(notes))
    frame = pd.concat(parts, ignore_index=True)
    interior = frame
    for d in dims:
        interior = interior[interior[d] != TOTAL]
    if interior.empty:
        described = ", ".join(f"{k}={'|'.join(v)}" for k, v in clean.items())
        raise NoDataError(
            f"no records for {definition.name} in period {chosen.label}"
            + (f" with {described}" if described else "")
        )
    frame = frame[[*dims, *[c for c in frame.columns if c not in dims]]]
    return definition, frame.reset_index(drop=True), notes


def compute(
    name: str,
    by: Sequence[str] = (),
    period: str | Period = "",
    *,
    filters: Mapping[str, str | Iterable[str]] | None = None,
    engine: str = "duckdb",
    source: LmiSource | Engine,
    policy: SuppressionPolicy | None = None,
    totals: bool = True,
    limit: int = DEFAULT_LIMIT,
    min_base: int = DEFAULT_MIN_BASE,
    threads: int = 2,
) -> IndicatorTable:
    """Compute indicator ``name`` by the dimensions ``by`` for ``period`` and return it protected.

    ``source`` is an :class:`LmiSource` (an engine of kind ``engine`` is opened and closed for this call) or
    an engine from :func:`open_engine` (reused). ``totals`` keeps the margin rows (key value ``"_T"``) in the
    table. Skill indicators keep the ``limit`` best-ranked skills per group. Raises :class:`LmiInputError`
    for bad input and :class:`NoDataError` when the data hold nothing for the period or filters.
    """
    policy = policy or SuppressionPolicy()
    definition = indicator(name)
    check_dimensions(definition, tuple(by))
    if engine not in ENGINES:
        raise LmiInputError(f"unknown engine {engine!r}: valid engines are {', '.join(ENGINES)}")
    owned = isinstance(source, LmiSource)
    runner = open_engine(source, engine, threads=threads) if isinstance(source, LmiSource) else source
    try:
        definition, frame, notes = compute_cells(
            name, by, period, engine=runner, filters=filters, limit=limit, min_base=min_base
        )
    finally:
        if owned:
            runner.close()
    return protect_table(
        definition,
        frame,
        notes,
        period=parse_period(period).label,
        filters=normalise_filters(definition, filters),
        policy=policy,
        totals=totals,
        limit=limit,
        engine=runner.name,
    )


def _clean(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    return value


def protect_table(
    definition: IndicatorDefinition,
    frame: pd.DataFrame,
    notes: Sequence[str],
    *,
    period: str,
    filters: Mapping[str, tuple[str, ...]],
    policy: SuppressionPolicy,
    totals: bool,
    limit: int,
    engine: str,
) -> IndicatorTable:
    """Apply primary and secondary suppression to the cells and build the published table."""
    dims = [c for c in frame.columns if c in DIMENSIONS]
    keys: list[tuple[str, ...]] = (
        list(zip(*(frame[d].astype(str).tolist() for d in dims), strict=True)) if dims else [()] * len(frame)
    )
    basis = dict(zip(keys, (int(b) for b in frame[BASIS]), strict=True))
    applies = definition.basis == "persons" or policy.suppress_vacancies
    status: dict[tuple[str, ...], str] = {}
    extra_notes = list(notes)
    if applies:
        time_margin = any(k[i] == TOTAL for k in keys for i, d in enumerate(dims) if d in TIME_DIMENSIONS)
        additive = [DIMENSIONS[d].additive and (d not in TIME_DIMENSIONS or time_margin) for d in dims]
        status, audit_notes = protect(basis, additive, policy.k)  # type: ignore[assignment]
        extra_notes += audit_notes
    rows = []
    ranked = "rank" in definition.measures
    # Column lists, not ``iterrows``: a skill table holds tens of thousands of cells before the rank cut.
    measures = {m: frame[m].tolist() for m in definition.measures}
    for i, key in enumerate(keys):
        if ranked and int(measures["rank"][i]) > limit:
            continue
        if not totals and TOTAL in key:
            continue
        if definition.skill_level and key[dims.index("skill")] == "":
            continue
        published = tuple(None if v == "" else v for v in key)
        reason = status.get(key)
        values = {m: (None if reason else _clean(measures[m][i])) for m in definition.measures}
        rows.append(IndicatorRow(published, values, reason is not None, reason))
    order = {d: i for i, d in enumerate(dims)}

    def sort_key(row: IndicatorRow) -> tuple[Any, ...]:
        parts: list[Any] = []
        for d, v in zip(dims, row.key, strict=True):
            if d == "skill" and ranked:
                continue
            parts.append((v == TOTAL, v is None, v or ""))
        if ranked:
            rank = row.values.get("rank")
            parts.append(int(rank) if rank is not None else 10**9)
            parts.append(row.key[order["skill"]] or "")
        return tuple(parts)

    rows.sort(key=sort_key)
    return IndicatorTable(
        indicator=definition.name,
        label_id=definition.label_id,
        label_en=definition.label_en,
        unit=definition.unit,
        period=period,
        by=tuple(dims),
        measures=definition.measures,
        rows=tuple(rows),
        filters=dict(filters),
        basis=definition.basis,
        k=policy.k,
        suppression_applied=applies,
        engine=engine,
        notes=tuple(extra_notes),
    )
