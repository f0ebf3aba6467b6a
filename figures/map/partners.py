"""A focus country's bilateral partners (where its emigrants live, or where its immigrants come from), looked up in
the sums of every country and year made once, and their shares of the published total."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from figures.common import coverage_pct, published_total
from figures.map.indicators import BILATERAL_SOURCE, EMIGRANT_KEYS


@lru_cache(maxsize=256)  # asked by the map and by its panel; callers must not change the result
def partner_values(store, indicator_key: str, year: int, focus: str) -> pd.Series:
    """Bilateral stock: where the focus country's emigrants live, or where its immigrants come from (partner iso3 →
    persons, largest first). Looked up in the sums of every country and year, computed once (`_partner_index`)."""
    emigrants = indicator_key in EMIGRANT_KEYS
    place = _partner_slices(store, emigrants).get((focus, year))
    if place is None:  # no partner that year: the query's own (empty) answer
        return _partner_values_of(store, indicator_key, year, focus)
    # The rows `index.loc[(focus, year)]` finds, by position: a MultiIndex lookup was a tenth of a focus answer.
    rows = _partner_index(store, emigrants).iloc[place[0]:place[1]]
    found = pd.Series(rows.to_numpy(), index=rows.index.get_level_values(2), name=rows.name)
    return found.rename_axis("iso3").sort_values(ascending=False)


@cache
def _partner_slices(store, emigrants: bool) -> dict[tuple[str, int], tuple[int, int]]:
    """Where each (focus country, year)'s partners are in `_partner_index` (sorted by both: one run of rows each;
    ~2,000 pairs)."""
    index = _partner_index(store, emigrants).index
    places: dict[tuple[str, int], list[int]] = {}
    for position, key in enumerate(zip(index.get_level_values(0).tolist(), index.get_level_values(1).tolist())):
        found = places.get(key)
        if found is None:
            places[key] = [position, position + 1]
        else:
            found[1] = position + 1
    return {key: (start, stop) for key, (start, stop) in places.items()}


@cache
def _partner_index(store, emigrants: bool) -> pd.Series:
    """The bilateral stock summed per (focus country, year, partner): each focus selection's partners, for all of
    them at once. Rows in the order the query returns them, so each sum adds the same values in the same order."""
    rows = store.corridors("stock_total", source=BILATERAL_SOURCE)
    rows = rows[rows["origin"] != rows["destination"]]
    focus, partner = ("origin", "destination") if emigrants else ("destination", "origin")
    return rows.groupby([focus, "year", partner])["value"].sum()


def _partner_values_of(store, indicator_key: str, year: int, focus: str) -> pd.Series:
    """What `partner_values` returns, from a query of the one focus country and year (the reference tests compare
    the lookup to)."""
    if indicator_key in EMIGRANT_KEYS:
        rows = store.corridors("stock_total", origins=[focus], year=year, source=BILATERAL_SOURCE)
        partners = rows.rename(columns={"destination": "iso3"})
    else:
        rows = store.corridors("stock_total", destinations=[focus], year=year, source=BILATERAL_SOURCE)
        partners = rows.rename(columns={"origin": "iso3"})
    partners = partners[partners["iso3"] != focus]
    return partners.groupby("iso3")["value"].sum().sort_values(ascending=False)


@dataclass(frozen=True)
class Partners:
    """The focus country's bilateral partners and the published total they are shares of."""

    values: pd.Series  # partner iso3 → persons, largest first
    total: float | None  # all emigrants (or immigrants) of the focus country that year, same source; None: unknown

    def shares(self) -> pd.Series:
        """Each partner's % of the published total (NaN when the total is unknown). Not a share of the partners
        listed: the bilateral data holds only some corridors of most countries (e.g. 9% of the United States')."""
        if not self.total:
            return self.values * np.nan
        return 100 * self.values / self.total

    def covered(self) -> float | None:
        """% of the published total that the partners held here account for."""
        return coverage_pct(self.values.sum(), self.total)


def partners(store, indicator_key: str, year: int, focus: str) -> Partners:
    direction = "emigrants" if indicator_key in EMIGRANT_KEYS else "immigrants"
    return Partners(partner_values(store, indicator_key, year, focus),
                    published_total(store, direction, focus, year, BILATERAL_SOURCE))
