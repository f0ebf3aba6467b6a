"""What the flow map and the Sankey show (a mode, a year, a sex and a UN DESA revision) and the corridor query behind
them: a cached table per measure and source, filtered on every callback."""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat

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


@dataclass(frozen=True)
class _Index:
    """A cached table with the positions of each origin's and each destination's rows, and its columns as arrays:
    a selection is a few dictionary look-ups, not a pass over the table's ~11,000 rows with its strings."""

    table: pd.DataFrame
    by_origin: dict
    by_destination: dict
    origins: np.ndarray  # object arrays of the codes, the years and values as numbers, by position
    destinations: np.ndarray
    years: np.ndarray
    values: np.ndarray
    periods: np.ndarray  # each row's place in the period order (a category's code; a missing period last)
    sources: np.ndarray  # object array of the source ids
    flows: "_FlowOrder | None" = None  # a revision's corridors in the order `flows` gives them, by year


@dataclass(frozen=True)
class _FlowOrder:
    """The table's corridors with a value (no self-corridor) in one order — by year, then as `flows` orders a year:
    value descending, origin, destination, the table's order for ties (a stable sort) — and each code's places in
    it: a selection's rows in its year are a slice of its country's places, already in order, or for a group of
    countries their places sorted (what `flows` sorted with a key in Python, ~200 rows for a big origin)."""

    positions: np.ndarray  # the rows' positions in the table, in the order (int32)
    years: dict  # year → (first, end) of its places in the order
    by_origin: dict  # origin → its places in the order, ascending (int32)
    by_destination: dict


def _flow_order(origins: np.ndarray, destinations: np.ndarray, years: np.ndarray, values: np.ndarray) -> _FlowOrder:
    kept = np.flatnonzero((origins != destinations) & ~np.isnan(values))
    # the codes' ranks in Python's order of the texts (np.unique sorts; as numpy text, not objects: several times
    # faster, the same code point order)
    origin_ranks = np.unique(origins[kept].astype(str), return_inverse=True)[1]
    destination_ranks = np.unique(destinations[kept].astype(str), return_inverse=True)[1]
    # lexsort is stable and sorts by its last key first: year, value descending, origin, destination, then position
    order = kept[np.lexsort((destination_ranks, origin_ranks, -values[kept], years[kept]))]
    in_order, firsts = np.unique(years[order], return_index=True)
    ends = [*firsts[1:], len(order)]
    bounds = {int(year): (int(first), int(end)) for year, first, end in zip(in_order, firsts, ends)}
    places = np.arange(len(order), dtype=np.int32)
    return _FlowOrder(order.astype(np.int32), bounds, _places_by(origins[order], places),
                      _places_by(destinations[order], places))


def _places_by(codes: np.ndarray, places: np.ndarray) -> dict:
    """Each code's places, ascending (a stable sort of the places by code)."""
    names, ranks = np.unique(codes.astype(str), return_inverse=True)
    grouped = places[np.argsort(ranks, kind="stable")]
    counts = np.bincount(ranks, minlength=len(names)).tolist()
    ends = np.cumsum(counts).tolist()
    return {name: grouped[end - count:end] for name, count, end in zip(names.tolist(), counts, ends)}


def _positions_of(codes: np.ndarray) -> dict:
    found: dict = {}
    for position, code in enumerate(codes.tolist()):
        found.setdefault(code, []).append(position)
    return {code: np.array(positions, dtype=np.intp) for code, positions in found.items()}


@lru_cache(maxsize=64)
def _index(store, measure: str, source: str | None) -> _Index:
    table = _table(store, measure, source)
    origins, destinations = table["origin"].to_numpy(dtype=object), table["destination"].to_numpy(dtype=object)
    periods = table["period"]
    codes = (periods.cat.codes.to_numpy() if isinstance(periods.dtype, pd.CategoricalDtype)
             else pd.Categorical(periods).codes)
    years, values = table["year"].to_numpy(), table["value"].to_numpy(dtype=float)
    return _Index(table, _positions_of(origins), _positions_of(destinations), origins, destinations, years, values,
                  np.where(codes < 0, np.iinfo(np.int32).max, codes), table["source"].to_numpy(dtype=object),
                  # the flows of a revision (what the map and Sankey show); all sources mixed, none is drawn
                  _flow_order(origins, destinations, years, values) if source is not None else None)


def build_indexes(store) -> None:
    """The index of every corridor measure and source (see DataStore.build_indexes)."""
    for measure in store.indicators("corridors")["indicator"]:
        for source in (None, *store.corridor_sources(measure)):
            _index(store, measure, source)


def _rows_of(by_code: dict, codes) -> np.ndarray:
    found = [by_code[code] for code in dict.fromkeys(codes) if code in by_code]
    if len(found) == 1:
        return found[0]  # ascending already (positions of one code)
    # distinct codes hold disjoint positions: sorted, they are what np.unique gave, without its hashing
    return np.sort(np.concatenate(found)) if found else np.array([], dtype=np.intp)


def positions(index: _Index, *, origins=None, destinations=None, year: int | None = None) -> np.ndarray:
    """Positions (ascending) of the table's rows that match, as `query` filters them."""
    found = None
    if origins is not None:
        found = _rows_of(index.by_origin, origins)
    if destinations is not None:
        rows = _rows_of(index.by_destination, destinations)
        found = rows if found is None else np.intersect1d(found, rows, assume_unique=True)
    if found is None:
        found = np.arange(len(index.table))
    if year is not None:
        found = found[index.years[found] == year]
    return found


def query(store, measure: str, *, origins=None, destinations=None, year: int | None = None,
          source: str | None = None) -> pd.DataFrame:
    """`store.corridors` with the same arguments and result, from a cached, indexed table (a callback's hot path)."""
    index = _index(store, measure, source)
    return index.table.take(positions(index, origins=origins, destinations=destinations, year=year))


def corridor_series(store, measure: str, origin: str, destination: str, source: str | None,
                    columns: list[str]) -> pd.DataFrame:
    """One corridor's rows with a value, by year and period: `columns` of `query(…)` without missing values,
    sorted by year and period (figures/corridors/card.py)."""
    index = _index(store, measure, source)
    values, years, periods = index.values, index.years, index.periods
    found = positions(index, origins=[origin], destinations=[destination]).tolist()
    kept = sorted((p for p in found if values[p] == values[p]), key=lambda p: (years[p], periods[p]))
    return _columns_of(store, measure, source, tuple(columns)).take(kept).reset_index(drop=True)


@lru_cache(maxsize=64)
def _columns_of(store, measure: str, source: str | None, columns: tuple[str, ...]) -> pd.DataFrame:
    """The cached table's `columns` alone (taking three columns of a few rows, not all seven)."""
    return _table(store, measure, source)[list(columns)]


def query_reference(store, measure: str, *, origins=None, destinations=None, year: int | None = None,
                    source: str | None = None) -> pd.DataFrame:
    """`query` by a boolean mask over the whole table, as it was (the tests compare both)."""
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


def _filters(store, selection: Selection) -> dict:
    if selection.mode == "origin":
        return dict(origins=[selection.origin])
    if selection.mode == "destination":
        return dict(destinations=[selection.destination])
    return dict(origins=group_members(store, ORIGIN_GROUP), destinations=group_members(store, DESTINATION_GROUP))


def _query(store, selection: Selection, year: int | None) -> pd.DataFrame:
    return query(store, selection.measure, year=year, source=selection.source, **_filters(store, selection))


FLOW_COLUMNS = ["origin", "destination", "year", "value", "source"]


def flows(store, selection: Selection) -> pd.DataFrame:
    """The corridors of the selection in its year, largest first: [origin, destination, year, value, source].

    Only corridors with a value: a missing corridor is absent, never zero. Self-corridors (Kazakhstan → Kazakhstan
    in the default group pair) are not corridors. Filtered and ordered on the index's arrays, one frame made at the
    end (a corridor is one row per year: value, origin and destination order them completely).
    """
    index = _index(store, selection.measure, selection.source)
    return index.table.take(_flow_positions(store, index, selection))[FLOW_COLUMNS].reset_index(drop=True)


def _flow_positions(store, index: _Index, selection: Selection) -> list[int]:
    """Positions of the selection's rows in its year, ordered as `flows` orders them."""
    return _flow_array(store, index, selection).tolist()


def _flow_array(store, index: _Index, selection: Selection) -> np.ndarray:
    """`_flow_positions` as an array, from the index's flow order (`_FlowOrder`): the year's slice of the places of
    the selection's countries (`_places`), one `searchsorted` for both ends."""
    if index.flows is None:
        return np.array(_flow_positions_reference(store, index, selection), dtype=np.intp)
    filters = _filters(store, selection)
    origins, destinations = filters.get("origins"), filters.get("destinations")
    places = _places(store, selection.measure, selection.source, origins if origins is None else tuple(origins),
                     destinations if destinations is None else tuple(destinations))
    first, end = np.searchsorted(places, index.flows.years.get(selection.year, (0, 0)))
    return index.flows.positions[places[first:end]]


@lru_cache(maxsize=64)
def _places(store, measure: str, source: str | None, origins: tuple | None,
            destinations: tuple | None) -> np.ndarray:
    """The places in the flow order of the corridors from `origins` to `destinations` (None: any), in every year,
    ascending: one country's are the index's own array; a group's (the default view) are put together once."""
    flows = _index(store, measure, source).flows
    places = None
    for by_code, codes in ((flows.by_origin, origins), (flows.by_destination, destinations)):
        if codes is None:
            continue
        found = [by_code[code] for code in dict.fromkeys(codes) if code in by_code]
        found = (found[0] if len(found) == 1
                 else np.sort(np.concatenate(found)) if found else np.array([], dtype=np.int32))
        places = found if places is None else np.intersect1d(places, found, assume_unique=True)
    return places


def _flow_positions_reference(store, index: _Index, selection: Selection) -> list[int]:
    """`_flow_positions` as it was: the year's rows of the codes, filtered and sorted with a key in Python (the
    tests compare both). The default view's pair of groups: the origins' rows of the year, then a set's test of
    each destination. The candidates' codes and values read as Python lists once."""
    filters = _filters(store, selection)
    wanted_origins, wanted_destinations = filters.get("origins"), filters.get("destinations")
    found = (_rows_of(index.by_origin, wanted_origins) if wanted_origins is not None
             else _rows_of(index.by_destination, wanted_destinations))
    found = found[index.years[found] == selection.year]
    origins, destinations = index.origins[found].tolist(), index.destinations[found].tolist()
    values, found = index.values[found].tolist(), found.tolist()
    wanted = set(wanted_destinations) if wanted_origins is not None and wanted_destinations is not None else None
    kept = [i for i in range(len(found)) if (wanted is None or destinations[i] in wanted)
            and origins[i] != destinations[i] and values[i] == values[i]]  # NaN ≠ NaN: no value
    kept.sort(key=lambda i: (-values[i], origins[i], destinations[i]))
    return [found[i] for i in kept]


FlowRow = namedtuple("FlowRow", FLOW_COLUMNS)


def flow_rows(store, selection: Selection) -> tuple[FlowRow, ...]:
    """The rows of `flows(store, selection)` as named tuples of Python values (str, int, float), in its order,
    without making a frame: what a first-time flows answer reads (the map, the Sankey, the table, the coverage)."""
    index = _index(store, selection.measure, selection.source)
    kept = _flow_array(store, index, selection)
    columns = (index.origins[kept].tolist(), index.destinations[kept].tolist(), index.years[kept].tolist(),
               index.values[kept].tolist(), index.sources[kept].tolist())
    # FlowRow._make's own step (tuple.__new__ of the class), mapped in C: no Python call per row (a big origin's
    # ~200 rows took ~0.1 ms through _make)
    return tuple(map(tuple.__new__, repeat(FlowRow, len(kept)), zip(*columns)))


def flows_reference(store, selection: Selection) -> pd.DataFrame:
    """`flows` through pandas' masks and sort, as it was (the tests compare both)."""
    rows = _query(store, selection, selection.year)
    rows = rows[(rows["origin"] != rows["destination"]) & rows["value"].notna()]
    return (rows[FLOW_COLUMNS]
            .sort_values(["value", "origin", "destination"], ascending=[False, True, True]).reset_index(drop=True))


def width_reference(store, selection: Selection) -> float:
    """The largest value of the selection over all its years: the value drawn at MAX_WIDTH. The same in every year:
    kept per mode, countries, sex and revision (a new year of a selection seen before does not look again)."""
    return _width_reference(store, selection.mode, selection.origin, selection.destination, selection.sex,
                            selection.source)


@lru_cache(maxsize=256)
def _width_reference(store, mode: str, origin: str | None, destination: str | None, sex: str, source: str) -> float:
    return widest(store, Selection(mode, origin, destination, 0, sex, source))


def widest(store, selection: Selection) -> float:
    """`width_reference` computed, not kept."""
    index = _index(store, selection.measure, selection.source)
    rows = positions(index, **_filters(store, selection))
    values = index.values[rows[index.origins[rows] != index.destinations[rows]]]
    top = np.nanmax(values) if len(values) and not np.isnan(values).all() else float("nan")
    return float(top) if pd.notna(top) and top > 0 else 1.0


def default_corridor(selection: Selection, rows) -> tuple[str, str]:
    """The corridor the card shows when none is chosen: Uzbekistan → Russia in the default view, else the largest.
    `rows`: `flow_rows` (or the frame of `flows`)."""
    if isinstance(rows, pd.DataFrame):
        rows = tuple(map(FlowRow._make, zip(*(rows[c].tolist() for c in FLOW_COLUMNS))))
    if selection.mode == "default" or not rows:
        return DEFAULT_ORIGIN, DEFAULT_DESTINATION
    return rows[0].origin, rows[0].destination


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
