"""What the flow map and the Sankey show (a mode, a year, a sex and a UN DESA revision) and the corridor query behind
them: a cached table per measure and source, filtered on every callback."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from i18n import N_, t


DEFAULT_SOURCE = "undesa_ims_2024"
SEXES = {"total": "stock_total", "female": "stock_female", "male": "stock_male"}
MODES = ("default", "origin", "destination")
DEFAULT_ORIGIN = "UZB"  # when a mode needs a country and none is given
DEFAULT_DESTINATION = "RUS"
ORIGIN_GROUP = "ca5"  # the default view: the five Central Asian states …
DESTINATION_GROUP = "main_destinations"  # … to Russia and Kazakhstan (so Kazakhstan → Russia is in it too)


@dataclass(frozen=True)
class Selection:
    """What the flow map and the Sankey show: one of three modes, a year, a sex and a UN DESA revision."""

    mode: str
    origin: str | None
    destination: str | None
    year: int
    sex: str = "total"
    source: str = DEFAULT_SOURCE

    @property
    def measure(self) -> str:
        return SEXES[self.sex]


def with_year(selection: Selection, year: int) -> Selection:
    return replace(selection, year=year)


def corridor_id(origin: str, destination: str) -> str:
    return f"{origin}-{destination}"


def parse_corridor_id(text: str) -> tuple[str, str]:
    origin, destination = text.strip().upper().split("-")
    if len(origin) != 3 or len(destination) != 3 or origin == destination:
        raise ValueError(text)
    return origin, destination


@lru_cache(maxsize=64)
def _table(store, measure: str, source: str | None) -> pd.DataFrame:
    """One measure of one source, queried once per process (the curated data do not change while it runs)."""
    return store.corridors(measure, source=source)


def query(store, measure: str, *, origins=None, destinations=None, year: int | None = None,
          source: str | None = None) -> pd.DataFrame:
    """`store.corridors` with the same arguments and result, filtering a cached table (a callback's hot path)."""
    table = _table(store, measure, source)
    mask = np.ones(len(table), dtype=bool)
    if origins is not None:
        mask &= np.isin(table["origin"].to_numpy(), list(origins))
    if destinations is not None:
        mask &= np.isin(table["destination"].to_numpy(), list(destinations))
    if year is not None:
        mask &= table["year"].to_numpy() == year
    return table[mask]


@lru_cache(maxsize=16)
def group_members(store, group_id: str) -> tuple[str, ...]:
    return tuple(store.group_members(group_id))


@lru_cache(maxsize=16)
def stock_years(store, source: str) -> tuple[int, ...]:
    """Years a stock source has (for the total; the sexes are published for the same years)."""
    return tuple(sorted(int(y) for y in _table(store, "stock_total", source)["year"].unique()))


def resolve_year(available: tuple[int, ...], year: int) -> int:
    """The year itself if the source has it, else its latest year before it (or the first one after)."""
    if not available or year in available:
        return year
    earlier = [y for y in available if y <= year]
    return earlier[-1] if earlier else available[0]


def _query(store, selection: Selection, year: int | None) -> pd.DataFrame:
    if selection.mode == "origin":
        return query(store, selection.measure, origins=[selection.origin], year=year, source=selection.source)
    if selection.mode == "destination":
        return query(store, selection.measure, destinations=[selection.destination], year=year,
                     source=selection.source)
    return query(store, selection.measure, origins=group_members(store, ORIGIN_GROUP),
                 destinations=group_members(store, DESTINATION_GROUP), year=year, source=selection.source)


def flows(store, selection: Selection) -> pd.DataFrame:
    """The corridors of the selection in its year, largest first: [origin, destination, year, value, source].

    Only corridors with a value: a missing corridor is absent, never zero. Self-corridors (Kazakhstan → Kazakhstan
    in the default group pair) are not corridors.
    """
    rows = _query(store, selection, selection.year)
    rows = rows[(rows["origin"] != rows["destination"]) & rows["value"].notna()]
    return (rows[["origin", "destination", "year", "value", "source"]]
            .sort_values(["value", "origin", "destination"], ascending=[False, True, True]).reset_index(drop=True))


@lru_cache(maxsize=256)
def width_reference(store, selection: Selection) -> float:
    """The largest value of the selection over all its years: the value drawn at MAX_WIDTH."""
    rows = _query(store, selection, None)
    rows = rows[rows["origin"] != rows["destination"]]
    top = rows["value"].max() if len(rows) else float("nan")
    return float(top) if pd.notna(top) and top > 0 else 1.0


def default_corridor(selection: Selection, rows: pd.DataFrame) -> tuple[str, str]:
    """The corridor the card shows when none is chosen: Uzbekistan → Russia in the default view, else the largest."""
    if selection.mode == "default" or rows.empty:
        return DEFAULT_ORIGIN, DEFAULT_DESTINATION
    top = rows.iloc[0]
    return top["origin"], top["destination"]


# Keys chosen at run time, written out so that extraction sees them (i18n/README.md).
SEX_KEYS = {"total": N_("corridors.sex_total"), "female": N_("corridors.sex_female"), "male": N_("corridors.sex_male")}


def sex_label(sex: str, lang: str) -> str:
    return t(SEX_KEYS[sex], lang)


def corridor_name(store, origin: str, destination: str, lang: str) -> str:
    return t("corridors.corridor_name", lang, origin=store.country_name(origin, lang),
             destination=store.country_name(destination, lang))


@lru_cache(maxsize=32)
def revision_sources(store) -> tuple[str, ...]:
    """The UN DESA revisions with bilateral stocks, the default first."""
    return tuple(s for s in store.corridor_sources("stock_total") if s.startswith("undesa_ims"))


@lru_cache(maxsize=64)
def revision_label(store, source: str, lang: str = "en") -> str:
    meta = store.source_meta(source, lang)
    return f"{meta['title']} ({meta['vintage']})"
