"""The country's largest migrant-stock corridors, out of it and into it."""
from __future__ import annotations

from functools import cache
from typing import NamedTuple

import pandas as pd

from figures.country.series import CountryRows


CORRIDOR_MEASURE = "stock_total"
TOP_CORRIDORS = 5


@cache
def country_codes(store) -> frozenset[str]:
    """Every country's code (no aggregates)."""
    return frozenset(store.countries()["iso3"])


def top_corridors(store, iso3: str, direction: str, n: int = TOP_CORRIDORS) -> pd.DataFrame:
    """The largest migrant-stock corridors out of (`direction="out"`) or into (`"in"`) the country.

    Latest year the store has for the country in that direction, default source; partners are countries only
    (UN DESA's "other/unknown" and aggregates left out). Columns: partner, origin, destination, year, value, source.
    """
    if direction not in ("out", "in"):
        raise ValueError(direction)
    found = _corridor_index(store, direction, n).get(iso3)
    return found if found is not None else pd.DataFrame(columns=CORRIDOR_TABLE_COLUMNS)


CORRIDOR_TABLE_COLUMNS = ["partner", "origin", "destination", "year", "value", "source"]


class CorridorRow(NamedTuple):
    """One row of `top_corridors`' table as plain values (its columns by name, as `itertuples` gives them)."""

    partner: str
    origin: str
    destination: str
    year: int
    value: float
    source: str


def top_corridor_rows(store, iso3: str, direction: str) -> tuple[CorridorRow, ...]:
    """`top_corridors(store, iso3, direction)`'s rows as plain values, made once for every country: a profile reads
    each of its two tables twice (the table, its sources), and `itertuples` made a class at each call (~0.4 ms)."""
    if direction not in ("out", "in"):
        raise ValueError(direction)
    return _corridor_rows(store, direction).get(iso3, ())


def _top_corridor_rows_of(store, iso3: str, direction: str) -> tuple[CorridorRow, ...]:
    """`top_corridor_rows` from the table filtered for the country (the reference)."""
    return _rows_of(_top_corridors_of(store, iso3, direction))


def _rows_of(frame: pd.DataFrame) -> tuple[CorridorRow, ...]:
    return tuple(CorridorRow._make(row) for row in frame[CORRIDOR_TABLE_COLUMNS].itertuples(index=False, name=None))


@cache  # the store never changes: ~200 countries × 5 rows per direction
def _corridor_rows(store, direction: str) -> dict[str, tuple[CorridorRow, ...]]:
    index = _corridor_index(store, direction, TOP_CORRIDORS)
    return {iso3: _rows_of(index.get(iso3)) for iso3 in index.bounds}


def _top_corridors_of(store, iso3: str, direction: str, n: int = TOP_CORRIDORS) -> pd.DataFrame:
    """What `top_corridors` returns, filtered out of all corridors for one country (the reference tests compare to)."""
    if direction == "out":
        rows = store.corridors(CORRIDOR_MEASURE, origins=[iso3])
        rows = rows.assign(partner=rows["destination"])
    else:
        rows = store.corridors(CORRIDOR_MEASURE, destinations=[iso3])
        rows = rows.assign(partner=rows["origin"])
    rows = rows[rows["partner"].isin(country_codes(store)) & (rows["partner"] != iso3) & rows["value"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=CORRIDOR_TABLE_COLUMNS)
    rows = rows[rows["year"] == rows["year"].max()]
    return rows.nlargest(n, "value")[CORRIDOR_TABLE_COLUMNS].reset_index(drop=True)


@cache  # the store never changes: every country's top corridors in one pass (shared frames, never changed)
def _corridor_index(store, direction: str, n: int) -> CountryRows:
    rows = store.corridors(CORRIDOR_MEASURE)
    own, partner = ("origin", "destination") if direction == "out" else ("destination", "origin")
    rows = rows.assign(partner=rows[partner])
    rows = rows[rows["partner"].isin(country_codes(store)) & (rows["partner"] != rows[own]) & rows["value"].notna()]
    rows = rows[rows["year"] == rows.groupby(own)["year"].transform("max")]
    tops = [group.nlargest(n, "value") for _, group in rows.groupby(own, sort=False)]
    if not tops:
        return CountryRows(pd.DataFrame(columns=CORRIDOR_TABLE_COLUMNS), {})
    frame = pd.concat(tops, ignore_index=True)
    # keyed by `own`, kept in the table's columns
    index = CountryRows.of(frame, own)
    return CountryRows(index.frame[CORRIDOR_TABLE_COLUMNS], index.bounds)
