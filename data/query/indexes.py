"""Lookup indexes of an indicator's values, found once per (indicator, source): the positions of each year's and each
country's rows, and the resolved frames' columns as arrays, so that a request takes its rows instead of masking and
sorting a whole frame.

Methods of `DataStore` (data/query/store.py); `build_indexes` builds them all in gunicorn's master before it forks."""
from __future__ import annotations

import numpy as np
import pandas as pd


class ValueIndexes:
    """`DataStore`'s indexes of indicator values (data/query/values.py resolves the frames they index)."""

    def _map_rows(self, indicator: str, source: str | None, frame: pd.DataFrame) -> dict:
        """{year: positions of its countries' rows (no aggregates), by iso3} of the per-cell frame, found once: a
        map or ranking of a year not asked before takes its rows instead of masking and sorting the whole frame."""
        key = (indicator, source)
        found = self._by_year.get(key)
        if found is None:
            codes = frame["iso3"].tolist()
            by_year: dict = {}
            for position, (year, code) in enumerate(zip(frame["year"].tolist(), codes)):
                if code in self._country_codes:
                    by_year.setdefault(year, []).append(position)
            found = self._by_year[key] = {year: np.array(sorted(rows, key=codes.__getitem__), dtype=np.intp)
                                          for year, rows in by_year.items()}
        return found

    def build_indexes(self) -> None:
        """Every lookup index of every indicator and source (values_for_map, series, other_segments) at once: in
        gunicorn's master before it forks (serving/warmup.py), so that the workers share them instead of each
        building them on a first visitor's request."""
        for indicator in self._meta.index[self._meta["table"] == "indicators"]:
            for source in (None, *self.sources_for(indicator)):
                self._map_rows(indicator, source, self._values_of(indicator, source, per_cell=True))
                self._series_rows(indicator, source, self._values_of(indicator, source))
            self.other_segments(indicator, [])

    def _series_rows(self, indicator: str, source: str | None, frame: pd.DataFrame) -> dict:
        """{iso3: positions of its rows by year} of a resolved frame, found once: a chart's countries are looked
        up instead of masking and sorting the whole frame."""
        key = (indicator, source)
        found = self._by_code.get(key)
        if found is None:
            years = frame["year"].tolist()
            by_code: dict = {}
            for position, code in enumerate(frame["iso3"].tolist()):
                by_code.setdefault(code, []).append(position)
            found = self._by_code[key] = {code: np.array(sorted(rows, key=years.__getitem__), dtype=np.intp)
                                          for code, rows in by_code.items()}
        return found

    def series_arrays(self, indicator: str, source: str | None = None) -> tuple[dict, np.ndarray, np.ndarray, tuple]:
        """`series` of every code as arrays: ({iso3: positions of its rows by year}, years, values, sources), the
        resolved frame's columns (int64, float64 and a tuple of texts) found once, so that a chart's lines are
        taken per country without a frame per request (figures/remittances/lines.py). Read, never changed."""
        key = (indicator, source)
        found = self._columns.get(key)
        if found is None:
            frame = self._values_of(indicator, source)
            found = self._columns[key] = (self._series_rows(indicator, source, frame),
                                          frame["year"].to_numpy(dtype=np.int64), frame["value"].to_numpy(dtype=float),
                                          tuple(frame["source"].tolist()))
        return found

    def map_arrays(self, indicator: str, source: str | None = None) -> tuple[dict, tuple, np.ndarray, tuple]:
        """`values_for_map` of every year as arrays: ({year: positions of its countries' rows, by iso3}, codes,
        values, sources) of the per-cell frame, found once (a ranking of a year not asked before takes its rows
        without a frame: figures/remittances/ranking.py). Read, never changed."""
        key = (indicator, source, "map")
        found = self._columns.get(key)
        if found is None:
            frame = self._values_of(indicator, source, per_cell=True)
            found = self._columns[key] = (self._map_rows(indicator, source, frame), tuple(frame["iso3"].tolist()),
                                          frame["value"].to_numpy(dtype=float), tuple(frame["source"].tolist()))
        return found

    def segment_arrays(self, indicator: str) -> tuple[dict, np.ndarray, np.ndarray, tuple]:
        """`other_segments` of every code as arrays: ({iso3: positions of its rows}, years, values, sources), in
        the order `other_segments` gives them (iso3, source, year)."""
        key = (indicator, "segments")
        found = self._columns.get(key)
        if found is None:
            self.other_segments(indicator, [])  # the frame and its positions by code
            every = self._segments[indicator]
            found = self._columns[key] = (self._segment_rows[indicator], every["year"].to_numpy(dtype=np.int64),
                                          every["value"].to_numpy(dtype=float), tuple(every["source"].tolist()))
        return found
