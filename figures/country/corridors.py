"""The country's largest migrant-stock corridors, out of it and into it."""
from __future__ import annotations

from functools import cache

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
