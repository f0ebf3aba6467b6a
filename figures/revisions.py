"""Revisions side by side: what a publisher estimated (or an earlier revision said) for a country and year, next to
what the newest release says now. Pure: store in, plain rows out (layouts/revisions.py renders them).

"2023: estimated 48.2 % in Dec 2023; 37.8 % in the newest WDI release" — the figure policymakers quoted, and the
one that replaced it. UN DESA's totals are revised too (Kazakhstan 2020: 3.73 m in Rev.2020, 1.99 m in Rev.2024).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

# (indicator, year, the earlier source) pairs worth comparing with the newest release; a pair is shown for a country
# when both the earlier source and the country's default series have the year.
REVISION_CELLS = (
    ("BX.TRF.PWKR.DT.GD.ZS", 2023, "knomad_2023_12_estimate"),
    ("BX.TRF.PWKR.CD.DT", 2023, "knomad_2023_12_estimate"),
    ("SM.POP.TOTL", 2020, "undesa_ims_2020_derived"),
)


MIN_CHANGE = 0.0005


@dataclass(frozen=True)
class Revision:
    iso3: str
    indicator: str
    year: int
    then_value: float
    then_source: str
    then_kind: str  # "estimate" or "derived" (an earlier revision summed by us)
    now_value: float
    now_source: str

    @property
    def change(self) -> float:
        """Relative change from then to now (−0.215 = the newest release is 21.5 % lower)."""
        return self.now_value / self.then_value - 1.0


def revisions(store, iso3s, cells=REVISION_CELLS) -> list[Revision]:
    """Every comparable (country, indicator, year) of `cells`, in the order of the countries, then of `cells`."""
    found = []
    for iso3 in dict.fromkeys(iso3s):
        for cell in cells:
            item = _revision_index(store, *cell).get(iso3)
            if item is not None:
                found.append(item)
    return found


@cache  # the store never changes: one cell's revisions for every country at once (a profile asks for one country)
def _revision_index(store, indicator: str, year: int, earlier: str) -> dict[str, Revision]:
    kind = str(store.sources().set_index("source").at[earlier, "kind"])
    then = store.series(indicator, source=earlier, start=year, end=year).drop_duplicates("iso3")
    now = store.series(indicator, start=year, end=year).drop_duplicates("iso3").set_index("iso3")
    skipped = set(store.not_reported(indicator))
    index = {}
    for row in then.itertuples():
        if row.iso3 in skipped or row.iso3 not in now.index or now.at[row.iso3, "source"] == earlier:
            continue
        item = Revision(str(row.iso3), indicator, year, float(row.value), earlier, kind,
                        float(now.at[row.iso3, "value"]), str(now.at[row.iso3, "source"]))
        if abs(item.change) >= MIN_CHANGE:  # the same figure in both: nothing was revised
            index[item.iso3] = item
    return index


def revisions_reference(store, iso3s, cells=REVISION_CELLS) -> list[Revision]:
    """`revisions`, one cell at a time out of the whole tables (what tests compare the index with)."""
    found = []
    for iso3 in dict.fromkeys(iso3s):
        for indicator, year, earlier in cells:
            if iso3 in store.not_reported(indicator):
                continue
            cell = store.cell_sources(indicator, iso3, year).set_index("source")
            if earlier not in cell.index:
                continue
            now = store.series(indicator, iso3s=[iso3], start=year, end=year)
            if now.empty or now["source"].iloc[0] == earlier:
                continue
            item = Revision(iso3, indicator, year, float(cell.at[earlier, "value"]), earlier,
                            str(cell.at[earlier, "kind"]), float(now["value"].iloc[0]), str(now["source"].iloc[0]))
            if abs(item.change) >= MIN_CHANGE:  # the same figure in both: nothing was revised
                found.append(item)
    return found


def revisions_frame(items: list[Revision]) -> pd.DataFrame:
    """The rows as a table (for tests and downloads)."""
    return pd.DataFrame([{"iso3": r.iso3, "indicator": r.indicator, "year": r.year, "then_value": r.then_value,
                          "then_source": r.then_source, "then_kind": r.then_kind, "now_value": r.now_value,
                          "now_source": r.now_source, "change": r.change} for r in items])
