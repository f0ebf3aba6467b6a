"""A country's series of an indicator as the profile may show them: every country's rows in one frame per indicator
(`CountryRows`), without empty values, empty where the country does not report the indicator."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd


# Cells the store has but that must not be read as measured: the metadata flags countries that do not report an
# indicator (meta_indicators.not_reported: Turkmenistan's remittances), so a profile says "not reported".
def is_not_reported(store, indicator: str, iso3: str) -> bool:
    return iso3 in store.not_reported(indicator)


def _clean_series_of(store, indicator: str, iso3: str) -> pd.DataFrame:
    """What `clean_series` returns, filtered out of the whole indicator (the reference the tests compare to)."""
    series = store.series(indicator, iso3s=[iso3])
    series = series[series["value"].notna()]
    return series.sort_values("year").reset_index(drop=True)


@dataclass(frozen=True)
class CountryRows:
    """Every country's rows of one table in one frame, sorted by country, and where each country's rows are.

    One frame per indicator instead of one per country: ~3,000 small frames (~10 MB of Python objects) in gunicorn's
    master before, whose pages each worker copied as its requests touched their objects (reference counts, pandas'
    view tracking). A country's rows are a slice of the shared frame (callers never change them)."""

    frame: pd.DataFrame
    bounds: dict[str, tuple[int, int]]  # iso3 → (first row, row after its last)

    @classmethod
    def of(cls, frame: pd.DataFrame, by: str) -> "CountryRows":
        """`frame` with each value of its column `by` in one run of rows (sorted or grouped by it)."""
        frame = frame.reset_index(drop=True)
        codes = frame[by].to_numpy(dtype=object)
        if not len(codes):
            return cls(frame, {})
        starts = [0, *(i for i in range(1, len(codes)) if codes[i] != codes[i - 1])]
        bounds = {str(codes[start]): (start, stop) for start, stop in zip(starts, [*starts[1:], len(codes)])}
        if len(bounds) != len(starts):
            raise ValueError(f"rows of one {by} are not together")
        return cls(frame, bounds)

    def empty(self) -> pd.DataFrame:
        """No rows, the frame's columns and types: what filtering the whole table gives a country not in it."""
        rows = self.frame.iloc[0:0]
        rows.index = pd.RangeIndex(0)
        return rows

    def get(self, iso3: str) -> pd.DataFrame | None:
        found = self.bounds.get(iso3)
        if found is None:
            return None
        rows = self.frame.iloc[found[0]:found[1]]
        rows.index = pd.RangeIndex(found[1] - found[0])  # as reset_index(drop=True) numbers them, in half the time
        return rows


@cache  # the store never changes: one pass over the indicator gives every country's series at once
def _series_index(store, indicator: str) -> CountryRows:
    frame = store.series(indicator)
    frame = frame[frame["value"].notna()].sort_values(["iso3", "year"], kind="stable")
    return CountryRows.of(frame, "iso3")


def clean_series(store, indicator: str, iso3: str) -> pd.DataFrame:
    """The country's series for an indicator (default source per year), without empty values, by year.
    Shared frames: callers never change them."""
    index = _series_index(store, indicator)
    found = index.get(iso3)
    if found is not None:
        return found
    # No value of the indicator for the country: the table filtered for it is empty (many other countries lack
    # some headline figure; filtering the whole table cost ~0.3 ms each). A code that is not text still goes through
    # the filter, as it did.
    return index.empty() if type(iso3) is str else _clean_series_of(store, indicator, iso3)


class SeriesRows(NamedTuple):
    """A country's series as plain values, by year: what `clean_series`'s frame holds in its year, value and source
    columns (Python ints, floats and texts). A profile reads a few values of each of its ~20 series; pandas' row and
    column lookups on the frames (slices, `iloc[-1]`, `unique`) were a quarter of its build. `rows["value"]` is
    `rows.values`, as a frame's column is read."""

    years: tuple[int, ...]
    values: tuple[float, ...]
    sources: tuple[str, ...]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> "SeriesRows":
        return cls(tuple(frame["year"].tolist()), tuple(frame["value"].tolist()), tuple(frame["source"].tolist()))

    @property
    def empty(self) -> bool:
        return not self.years

    def __getitem__(self, key):
        if type(key) is str:
            return _COLUMN_OF[key](self)
        return tuple.__getitem__(self, key)


_COLUMN_OF = {"year": lambda rows: rows.years, "value": lambda rows: rows.values, "source": lambda rows: rows.sources}
NO_ROWS = SeriesRows((), (), ())


@cache  # the store never changes: the columns of the indicator's index as arrays, sliced per country
def _series_columns(store, indicator: str) -> tuple[dict, np.ndarray, np.ndarray, np.ndarray]:
    index = _series_index(store, indicator)
    frame = index.frame
    return (index.bounds, frame["year"].to_numpy(), frame["value"].to_numpy(dtype=float),
            frame["source"].to_numpy(dtype=object))


def clean_rows(store, indicator: str, iso3: str) -> SeriesRows:
    """`SeriesRows.of(clean_series(store, indicator, iso3))`, read from arrays (tests/layouts/country/
    test_fast_profile.py compares them for every country and indicator a profile shows)."""
    bounds, years, values, sources = _series_columns(store, indicator)
    found = bounds.get(iso3)
    if found is None:
        return NO_ROWS if type(iso3) is str else SeriesRows.of(_clean_series_of(store, indicator, iso3))
    start, stop = found
    return SeriesRows(tuple(years[start:stop].tolist()), tuple(values[start:stop].tolist()),
                      tuple(sources[start:stop].tolist()))


def _clean_rows_of(store, indicator: str, iso3: str) -> SeriesRows:
    """`clean_rows` from the table filtered for the country (the reference)."""
    return SeriesRows.of(_clean_series_of(store, indicator, iso3))


def shown_rows(store, indicator: str, iso3: str) -> SeriesRows:
    """`shown_series` as plain values: empty where the country does not report the indicator."""
    return NO_ROWS if is_not_reported(store, indicator, iso3) else clean_rows(store, indicator, iso3)


def shown_series(store, indicator: str, iso3: str) -> pd.DataFrame:
    """What the profile may show of a series: empty where the country does not report the indicator."""
    series = clean_series(store, indicator, iso3)
    return series.iloc[0:0] if is_not_reported(store, indicator, iso3) else series
