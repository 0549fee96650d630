"""The Dask engine: the same bases as :mod:`pasarkerja.lmi.engine_duckdb`, over partitioned Parquet (or
Arrow tables split into partitions) with ``dask.dataframe``, for data larger than one machine's memory.

Each base is a per-partition pandas function (filter to the period, derive the dimension columns, apply the
rules of :mod:`pasarkerja.lmi.definitions`), joined where needed with Dask merges; aggregation is a Dask
``groupby`` per grouping set (quantiles through a shuffle-based ``groupby().apply``, so they are exact, not
Dask's approximate quantiles). Runs on the threaded scheduler with ``threads`` workers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa

from pasarkerja.lmi.definitions import (
    MONTHLY_FACTOR,
    NOT_FULL_TIME,
    TOTAL,
    education_fit_rows,
    minimum_wage_rows,
)
from pasarkerja.lmi.engine import COVERAGE, QUANTILES, ROWS, Measure, dimension_union
from pasarkerja.lmi.periods import LmiInputError, Period
from pasarkerja.lmi.schema import RELATIONS, LmiSource

PARTITION_ROWS = 500_000
_ALL = "_all"


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(object)


def _prefix(series: pd.Series, n: int) -> pd.Series:
    text = _text(series)
    return text.where(text.str.len() >= n, "").str.slice(0, n).astype(object)


def _truth(series: pd.Series) -> pd.Series:
    """A nullable boolean as plain bool (NA → False), for filtering."""
    return series.astype("boolean").fillna(False).astype(bool)


def _dims(
    occupation: pd.Series,
    region: pd.Series,
    education: pd.Series,
    sex: pd.Series | None,
    skill: pd.Series | None,
    wanted: Sequence[str],
) -> dict[str, pd.Series]:
    out: dict[str, pd.Series] = {}
    for name in wanted:
        if name.startswith("isco"):
            out[name] = _prefix(occupation, int(name[-1]))
        elif name == "province":
            out[name] = _prefix(region, 2)
        elif name == "regency":
            out[name] = _prefix(region, 4)
        elif name == "education":
            out[name] = _text(education)
        elif name == "sex" and sex is not None:
            out[name] = _text(sex)
        elif name == "skill" and skill is not None:
            out[name] = _text(skill)
        else:
            raise LmiInputError(f"dimension {name!r} is not available here")
    return out


def _between(series: pd.Series, start: dt.date, end: dt.date) -> pd.Series:
    return _truth((series >= start) & (series <= end))


def _frame(index: pd.Index, columns: Mapping[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(dict(columns), index=index)


def _coalesce(first: pd.Series, second: pd.Series) -> pd.Series:
    return first.where(first.notna(), second)


def _as_float(series: pd.Series) -> pd.Series:
    return series.astype("float64")


def _pay(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Monthly midpoint and monthly top of the pay range, as float (NaN when not stated)."""
    factor = _text(frame["pay_period"]).replace("", "month").map(MONTHLY_FACTOR).astype("float64")
    low = frame["pay_min"].astype("Int64")
    high = frame["pay_max"].astype("Int64")
    low = low.where(low > 0)
    high = high.where(high > 0)
    both = _truth(low.notna() & high.notna())
    midpoint = _as_float(low + high).where(both) / 2.0
    single = _as_float(_coalesce(low, high))
    middle = midpoint.where(both, single) * factor
    top = _as_float(_coalesce(high, low)) * factor
    return middle, top


class DaskEngine:
    """Indicator bases over Dask DataFrames of the source relations."""

    name = "dask"

    def __init__(self, source: LmiSource, *, threads: int = 2, partition_rows: int = PARTITION_ROWS) -> None:
        self.threads = threads
        self.frames: dict[str, dd.DataFrame] = {}
        for name in RELATIONS:
            relation = source.relations.get(name)
            if isinstance(relation, pa.Table):
                frame = relation.to_pandas(types_mapper=pd.ArrowDtype)
                parts = max(2, -(-len(frame) // partition_rows))
                self.frames[name] = dd.from_pandas(frame, npartitions=parts, sort=False)
            else:
                files = [str(path) for path in source.parquet_files(name)]
                self.frames[name] = dd.read_parquet(files, dtype_backend="pyarrow")
        ump = pd.DataFrame(list(minimum_wage_rows()), columns=["province_code", "year", "amount_rp"])
        self.ump = ump.set_index(["province_code", "year"])["amount_rp"]
        self.fit = {(group, code): fit for group, code, fit in education_fit_rows()}

    # ------------------------------------------------------------------------------------------- bases

    def _map(self, frame: dd.DataFrame, function: Callable[[pd.DataFrame], pd.DataFrame]) -> dd.DataFrame:
        meta = function(frame._meta)
        return frame.map_partitions(function, meta=meta)

    def _base(self, base: str, period: Period, wanted: Sequence[str]) -> dd.DataFrame:
        start, end = period.start, period.end
        seeker = self.frames["seeker"]
        vacancy = self.frames["vacancy"]

        def active(s: pd.DataFrame) -> pd.Series:
            return _truth(
                (s["registered_on"] <= end) & (s["inactive_since"].isna() | (s["inactive_since"] > end))
            )

        def posted(v: pd.DataFrame) -> pd.Series:
            return _truth(
                (_text(v["status"]) != "draft") & (v["posted_date"] >= start) & (v["posted_date"] <= end)
            )

        def seeker_columns(s: pd.DataFrame, extra: Mapping[str, Any]) -> pd.DataFrame:
            dims = _dims(s["occupation_code"], s["region_code"], s["education_level"], s["sex"], None, wanted)
            return _frame(s.index, {**dims, "seeker_id": s["seeker_id"], **extra})

        if base in ("seekers_active", "seekers_registered"):

            def seekers(s: pd.DataFrame) -> pd.DataFrame:
                keep = active(s) if base == "seekers_active" else _between(s["registered_on"], start, end)
                s = s[keep]
                return seeker_columns(s, {})

            return self._map(seeker, seekers)
        if base == "seekers_on_register":
            placement = self.frames["placement"]

            def placed_in_period(p: pd.DataFrame) -> pd.DataFrame:
                return p[_between(p["placed_on"], start, end)][["seeker_id"]].dropna()

            placed = self._map(placement, placed_in_period).compute(
                scheduler="threads", num_workers=self.threads
            )
            ids = sorted(set(placed["seeker_id"].astype("int64").tolist()))

            def on_register(s: pd.DataFrame) -> pd.DataFrame:
                keep = _truth(
                    (s["registered_on"] <= end) & (s["inactive_since"].isna() | (s["inactive_since"] > start))
                )
                s = s[keep]
                return seeker_columns(s, {"placed": s["seeker_id"].isin(ids).astype(bool)})

            return self._map(seeker, on_register)
        if base == "vacancies_posted":
            ump = self.ump

            def vacancies(v: pd.DataFrame) -> pd.DataFrame:
                v = v[posted(v)]
                pay, top = _pay(v)
                province = _prefix(v["region_code"], 2)
                years = pd.Series(
                    [d.year if d is not None and not pd.isna(d) else -1 for d in v["posted_date"]],
                    index=v.index,
                )
                wage = pd.Series(
                    ump.reindex(pd.MultiIndex.from_arrays([province, years])).to_numpy(),
                    index=v.index,
                    dtype="float64",
                )
                full_time = ~_text(v["employment_type"]).isin(NOT_FULL_TIME)
                checkable = top.notna() & wage.notna() & full_time
                below = pd.Series(pd.array((top < wage).to_numpy(), dtype="boolean"), index=v.index).where(
                    checkable
                )
                dims = _dims(v["occupation_code"], v["region_code"], v["min_education"], None, None, wanted)
                return _frame(
                    v.index,
                    {
                        **dims,
                        "vacancy_id": v["vacancy_id"],
                        "openings": v["openings"],
                        "pay": pay,
                        "below_min": below,
                        "discriminatory": v["discriminatory"].astype("boolean"),
                    },
                )

            return self._map(vacancy, vacancies)
        if base == "vacancies_open":

            def open_vacancies(v: pd.DataFrame) -> pd.DataFrame:
                keep = _truth(
                    (_text(v["status"]) != "draft")
                    & (v["posted_date"] <= end)
                    & (v["closed_on"].isna() | (v["closed_on"] >= end))
                )
                v = v[keep]
                dims = _dims(v["occupation_code"], v["region_code"], v["min_education"], None, None, wanted)
                return _frame(v.index, {**dims, "vacancy_id": v["vacancy_id"], "openings": v["openings"]})

            return self._map(vacancy, open_vacancies)
        if base in ("referrals", "placements"):
            return self._linked(base, period, wanted)
        if base == "vacancy_skills":

            def posted_ids(v: pd.DataFrame) -> pd.DataFrame:
                v = v[posted(v)]
                dims = _dims(
                    v["occupation_code"],
                    v["region_code"],
                    v["min_education"],
                    None,
                    None,
                    [w for w in wanted if w != "skill"],
                )
                return _frame(v.index, {"vacancy_id": v["vacancy_id"], **dims})

            joined = self.frames["vacancy_skill"].merge(
                self._map(vacancy, posted_ids), on="vacancy_id", how="inner"
            )
            return self._with_skill(joined, wanted, "vacancy_id")
        if base == "seeker_skills":

            def active_ids(s: pd.DataFrame) -> pd.DataFrame:
                s = s[active(s)]
                dims = _dims(
                    s["occupation_code"],
                    s["region_code"],
                    s["education_level"],
                    s["sex"],
                    None,
                    [w for w in wanted if w != "skill"],
                )
                return _frame(s.index, {"seeker_id": s["seeker_id"], **dims})

            joined = self.frames["seeker_skill"].merge(
                self._map(seeker, active_ids), on="seeker_id", how="inner"
            )
            return self._with_skill(joined, wanted, "seeker_id")
        raise LmiInputError(f"unknown base relation {base!r}: valid bases are {', '.join(COVERAGE)}")

    def _with_skill(self, joined: dd.DataFrame, wanted: Sequence[str], id_column: str) -> dd.DataFrame:
        def finish(frame: pd.DataFrame) -> pd.DataFrame:
            columns: dict[str, Any] = {name: frame[name] for name in wanted if name != "skill"}
            if "skill" in wanted:
                columns["skill"] = _text(frame["skill_id"])
            columns[id_column] = frame[id_column]
            return _frame(frame.index, columns)

        return self._map(joined, finish)

    def _linked(self, base: str, period: Period, wanted: Sequence[str]) -> dd.DataFrame:
        """Referrals or placements joined to their vacancy and seeker: occupation and region of the vacancy
        (the seeker's when there is none), education and sex of the seeker."""
        start, end = period.start, period.end
        if base == "referrals":
            events = self.frames["application"]

            def keep(a: pd.DataFrame) -> pd.DataFrame:
                mask = _truth((_text(a["kind"]) == "referral") & a["vacancy_id"].notna()) & _between(
                    a["created_on"], start, end
                )
                return a[mask][["application_id", "seeker_id", "vacancy_id"]]
        else:
            events = self.frames["placement"]

            def keep(a: pd.DataFrame) -> pd.DataFrame:
                return a[_between(a["placed_on"], start, end)][["placement_id", "seeker_id", "vacancy_id"]]

        vacancy = self.frames["vacancy"][["vacancy_id", "occupation_code", "region_code"]].rename(
            columns={"occupation_code": "v_occupation", "region_code": "v_region"}
        )
        seeker = self.frames["seeker"][
            ["seeker_id", "occupation_code", "region_code", "education_level", "sex"]
        ]
        joined = (
            self._map(events, keep)
            .merge(vacancy, on="vacancy_id", how="left")
            .merge(seeker, on="seeker_id", how="left")
        )
        fit_table = self.fit
        id_column = "application_id" if base == "referrals" else "placement_id"

        def finish(frame: pd.DataFrame) -> pd.DataFrame:
            occupation = _coalesce(frame["v_occupation"], frame["occupation_code"])
            region = _coalesce(frame["v_region"], frame["region_code"])
            dims = _dims(occupation, region, frame["education_level"], frame["sex"], None, wanted)
            columns: dict[str, Any] = {**dims, id_column: frame[id_column], "seeker_id": frame["seeker_id"]}
            if base == "placements":
                groups = _prefix(occupation, 1)
                education = _text(frame["education_level"])
                fit = pd.Series(
                    [fit_table.get((g, e), "") for g, e in zip(groups, education, strict=True)],
                    index=frame.index,
                    dtype=object,
                )
                columns.update(
                    under=fit == "under", over=fit == "over", assessed=fit.isin(("under", "matched", "over"))
                )
            return _frame(frame.index, columns)

        return self._map(joined, finish)

    # --------------------------------------------------------------------------------------- aggregate

    def aggregate(
        self,
        base: str,
        period: Period,
        grouping_sets: Sequence[tuple[str, ...]],
        filters: Mapping[str, tuple[str, ...]],
        measures: Sequence[Measure],
    ) -> pd.DataFrame:
        wanted = dimension_union(grouping_sets)
        frame = self._base(base, period, list(dict.fromkeys([*wanted, *filters])))
        if filters:

            def keep(part: pd.DataFrame) -> pd.DataFrame:
                mask = np.ones(len(part), dtype=bool)
                for name, values in filters.items():
                    mask &= part[name].isin(list(values)).to_numpy(dtype=bool)
                return part[mask]

            frame = self._map(frame, keep)
        plain = [m for m in measures if m.op in ("count", "sum", "count_nonnull", "count_true")]
        helpers: dict[str, Callable[[pd.DataFrame], pd.Series]] = {}
        for m in plain:
            helpers[m.name] = _helper(m)

        def numeric(part: pd.DataFrame) -> pd.DataFrame:
            columns: dict[str, Any] = {name: part[name] for name in wanted}
            columns[_ALL] = np.zeros(len(part), dtype=np.int8)
            columns[ROWS] = np.ones(len(part), dtype=np.int64)
            for name, helper in helpers.items():
                columns[name] = helper(part)
            return _frame(part.index, columns)

        sums = self._map(frame, numeric)
        tasks: list[tuple[tuple[str, ...], str, Any]] = []
        for group in grouping_sets:
            keys = list(group) or [_ALL]
            value_columns = [ROWS, *helpers]
            tasks.append((group, "sums", sums.groupby(keys)[value_columns].sum()))
            for m in measures:
                if m.op == "nunique":
                    distinct = (
                        frame[[*group, m.column]].dropna().drop_duplicates()
                        if group
                        else frame[[m.column]].dropna().drop_duplicates().assign(**{_ALL: 0})
                    )
                    tasks.append((group, m.name, distinct.groupby(keys).size()))
                elif m.op in QUANTILES:
                    tasks.append((group, m.name, _quantile(frame, group, m)))
        results = dask.compute(*[task for _, _, task in tasks], scheduler="threads", num_workers=self.threads)
        out: list[pd.DataFrame] = []
        for group in grouping_sets:
            keys = list(group) or [_ALL]
            pieces = [
                (name, result) for (g, name, _), result in zip(tasks, results, strict=True) if g == group
            ]
            table = next(result for name, result in pieces if name == "sums").reset_index()
            for name, result in pieces:
                if name == "sums":
                    continue
                values = _keyed(result.rename(name), keys)
                table = table.merge(values, on=keys, how="left")
            for m in measures:
                if m.op == "nunique":
                    table[m.name] = table[m.name].fillna(0).astype("int64")
            for name in wanted:
                if name not in group:
                    table[name] = TOTAL
            out.append(table.drop(columns=[_ALL], errors="ignore"))
        result = pd.concat(out, ignore_index=True) if out else pd.DataFrame()
        result = result[result[ROWS] > 0].reset_index(drop=True)
        for name in wanted:
            result[name] = result[name].astype(object)
        return result

    def coverage(self, base: str) -> tuple[dt.date | None, dt.date | None]:
        relation, columns = COVERAGE[base]
        frame = self.frames[relation][list(columns)]

        def bounds(part: pd.DataFrame) -> pd.DataFrame:
            rows = []
            for i, column in enumerate(columns):
                values = [d for d in (_to_date(v) for v in part[column]) if d is not None]
                rows.append(
                    (i, min(values).toordinal() if values else -1, max(values).toordinal() if values else -1)
                )
            return pd.DataFrame(rows, columns=["column", "first", "last"])

        meta = pd.DataFrame(
            {
                "column": pd.Series(dtype="int64"),
                "first": pd.Series(dtype="int64"),
                "last": pd.Series(dtype="int64"),
            }
        )
        found = frame.map_partitions(bounds, meta=meta).compute(scheduler="threads", num_workers=self.threads)
        found = found[found["first"] >= 0]
        if found.empty:
            return None, None
        starts = found[found["column"] == 0]["first"]
        first = dt.date.fromordinal(int(starts.min())) if not starts.empty else None
        return first, dt.date.fromordinal(int(found["last"].max()))

    def close(self) -> None:
        self.frames.clear()


def _keyed(result: pd.Series, keys: list[str]) -> pd.DataFrame:
    """A grouped result as a frame with the key columns. A group-apply over partitions that hold no values
    (a quantile of pay where no ad states it) comes back without index names, or empty: name them."""
    if result.empty:
        return pd.DataFrame({**{k: pd.Series(dtype=object) for k in keys}, str(result.name): pd.Series()})
    if result.index.nlevels == len(keys):
        result.index = result.index.set_names(keys)
    return result.reset_index()


def _to_date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _helper(measure: Measure) -> Callable[[pd.DataFrame], pd.Series]:
    column = measure.column
    if measure.op == "count":
        return lambda part: pd.Series(np.ones(len(part), dtype=np.int64), index=part.index)
    if measure.op == "sum":
        return lambda part: part[column].astype("Int64").fillna(0).astype("int64")
    if measure.op == "count_nonnull":
        return lambda part: part[column].notna().astype("int64")
    return lambda part: part[column].astype("boolean").fillna(False).astype("int64")


def _quantile(frame: dd.DataFrame, group: tuple[str, ...], measure: Measure) -> Any:
    q = QUANTILES[measure.op]
    column = str(measure.column)
    values = frame[[*group, column]].dropna(subset=[column])
    values = values.assign(**{column: values[column].astype("float64")})
    if not group:
        values = values.assign(**{_ALL: 0})
    keys = list(group) or [_ALL]
    meta = pd.Series(dtype="float64", name=measure.name)
    return values.groupby(keys)[column].apply(lambda s: float(s.quantile(q)), meta=meta)
