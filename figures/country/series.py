"""A country's series of an indicator as the profile may show them: every country's rows in one frame per indicator
(`CountryRows`), without empty values, empty where the country does not report the indicator."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
    found = _series_index(store, indicator).get(iso3)
    return found if found is not None else _clean_series_of(store, indicator, iso3)


def shown_series(store, indicator: str, iso3: str) -> pd.DataFrame:
    """What the profile may show of a series: empty where the country does not report the indicator."""
    series = clean_series(store, indicator, iso3)
    return series.iloc[0:0] if is_not_reported(store, indicator, iso3) else series
