"""An indicator's values: default series, one year across countries, the years only an older release has, rankings.

Methods of `DataStore` (data/query/store.py), over the frames it loads; the lookup indexes they use are in
data/query/indexes.py."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.query.defaults import pick_default, pick_series
from data.validate.curated import split_list

VALUE_COLUMNS = ["iso3", "year", "value", "source"]


class ValueQueries:
    """`DataStore`'s queries of indicator values."""

    def _values_of(self, indicator: str, source: str | None, per_cell: bool = False) -> pd.DataFrame:
        """Default series (source None: one source per country), per-cell defaults (per_cell: one-year views) or
        one source's values; cached."""
        self._check_indicator(indicator)
        self._check_source(source)
        key = (indicator, source, per_cell and source is None)
        if key not in self._resolved:
            frame = self._values.get(indicator, pd.DataFrame(columns=VALUE_COLUMNS))
            priority = self._meta.at[indicator, "source_priority"]
            if source is not None:
                frame = frame[frame["source"] == source]
            elif per_cell:
                frame = pick_default(frame, priority, ["iso3", "year"])
            else:
                frame = pick_series(frame, priority)
            self._resolved[key] = frame.astype({"iso3": str, "source": str}).reset_index(drop=True)
        return self._resolved[key]

    def values_for_map(self, indicator: str, year: int, source: str | None = None) -> pd.DataFrame:
        """[iso3, value, source] of every country (no aggregates) with a value in `year`. Without a source, each
        country's value comes from the first source in the priority that has the year: the releases are mixed
        across countries (name them with `releases_used`)."""
        frame = self._values_of(indicator, source, per_cell=True)
        rows = self._map_rows(indicator, source, frame).get(year)
        rows = frame.take(rows if rows is not None else [])
        return rows[["iso3", "value", "source"]].reset_index(drop=True)

    def values_for_map_reference(self, indicator: str, year: int, source: str | None = None) -> pd.DataFrame:
        """`values_for_map` by masking and sorting the whole frame, as it was (the tests compare both)."""
        frame = self._values_of(indicator, source, per_cell=True)
        rows = frame[(frame["year"] == year) & frame["iso3"].isin(self._country_codes)]
        return rows[["iso3", "value", "source"]].sort_values("iso3", ignore_index=True)

    def releases_used(self, frame: pd.DataFrame) -> list[tuple[str, int]]:
        """(source, number of rows) of a frame with a `source` column, most rows first: what a chart mixes."""
        counts = frame["source"].astype(str).value_counts()
        return [(str(source), int(count)) for source, count in counts.items()]

    def default_source(self, indicator: str, iso3: str) -> str | None:
        """The one source of a country's default series (None: no source in the priority has the country)."""
        rows = self._values_of(indicator, None)
        found = rows.loc[rows["iso3"] == iso3, "source"]
        return str(found.iloc[0]) if len(found) else None

    def other_segments(self, indicator: str, iso3s=None) -> pd.DataFrame:
        """[iso3, year, value, source] of years a country's default series lacks but a later source in the
        priority has: each (country, source) is a segment of its own, to be drawn apart and labelled with its
        release (a year is given once, by the first such source)."""
        self._check_indicator(indicator)
        every = self._segments.get(indicator)
        if every is None:  # each country's segments depend on its rows only: found once for all countries
            every = self._segments[indicator] = self._other_segments_of(indicator, None)
        if iso3s is None:
            return every.copy()
        by_code = self._segment_rows.get(indicator)
        if by_code is None:
            found: dict = {}
            for position, code in enumerate(every["iso3"].tolist()):
                found.setdefault(code, []).append(position)
            by_code = self._segment_rows[indicator] = {code: np.array(rows, dtype=np.intp)
                                                       for code, rows in found.items()}
        try:
            rows = [by_code[code] for code in set(iso3s) if code in by_code]
        except TypeError:  # codes that are not text: as the mask treats them
            return every[every["iso3"].isin(list(iso3s))].reset_index(drop=True)
        return every.take(np.sort(np.concatenate(rows)) if rows else []).reset_index(drop=True)

    def _other_segments_of(self, indicator: str, iso3s=None) -> pd.DataFrame:
        """`other_segments` computed from the whole tables (what it did on every call before it was indexed; the
        tests compare both)."""
        default = self._values_of(indicator, None)
        frame = self._values.get(indicator, pd.DataFrame(columns=VALUE_COLUMNS)).astype({"iso3": str, "source": str})
        if iso3s is not None:
            frame = frame[frame["iso3"].isin(list(iso3s))]
            default = default[default["iso3"].isin(list(iso3s))]
        priority = self._meta.at[indicator, "source_priority"]
        covered = pd.MultiIndex.from_frame(default[["iso3", "year"]])
        rest = frame[frame["source"].isin(priority) & ~pd.MultiIndex.from_frame(frame[["iso3", "year"]]).isin(covered)]
        rest = pick_default(rest, priority, ["iso3", "year"])
        return rest[VALUE_COLUMNS].sort_values(["iso3", "source", "year"], ignore_index=True)

    def cell_sources(self, indicator: str, iso3: str, year: int) -> pd.DataFrame:
        """Every source's value of one cell, with kind (release, estimate, derived) and vintage: the revisions
        side by side."""
        self._check_indicator(indicator)
        frame = self._values.get(indicator, pd.DataFrame(columns=VALUE_COLUMNS))
        rows = frame[(frame["iso3"] == iso3) & (frame["year"] == year)].astype({"iso3": str, "source": str})
        rows = rows.assign(kind=rows["source"].map(lambda s: self._sources.at[s, "kind"]),
                           vintage=rows["source"].map(lambda s: self._sources.at[s, "vintage"]))
        return rows.reset_index(drop=True)

    def not_reported(self, indicator: str) -> tuple[str, ...]:
        """Countries the metadata flags as not reporting the measure (charts say so instead of drawing)."""
        found = self._not_reported.get(indicator)
        if found is None:  # a profile asks a dozen times: looked up in the metadata once
            if indicator not in self._meta.index:
                raise KeyError(f"unknown indicator {indicator!r}")
            found = self._not_reported[indicator] = tuple(split_list(self._meta.at[indicator, "not_reported"]))
        return found

    def series(self, indicator: str, iso3s=None, source: str | None = None, start: int | None = None,
               end: int | None = None) -> pd.DataFrame:
        """[iso3, year, value, source]; `iso3s` may include aggregates (e.g. WLD, ECS)."""
        frame = self._values_of(indicator, source)
        by_code = self._series_rows(indicator, source, frame)
        try:
            codes = sorted(by_code) if iso3s is None else sorted(code for code in set(iso3s) if code in by_code)
        except TypeError:  # codes that are not text: as the mask treats them
            return self.series_reference(indicator, iso3s, source, start, end)
        rows = np.concatenate([by_code[code] for code in codes]) if codes else np.array([], dtype=np.intp)
        if start is not None or end is not None:
            years = frame["year"].to_numpy()[rows]
            keep = np.ones(len(rows), dtype=bool)
            if start is not None:
                keep &= years >= start
            if end is not None:
                keep &= years <= end
            rows = rows[keep]
        return frame.take(rows).reset_index(drop=True)

    def series_reference(self, indicator: str, iso3s=None, source: str | None = None, start: int | None = None,
                         end: int | None = None) -> pd.DataFrame:
        """`series` by masking and sorting the whole frame, as it was (the tests compare both)."""
        frame = self._values_of(indicator, source)
        mask = pd.Series(True, index=frame.index)
        if iso3s is not None:
            mask &= frame["iso3"].isin(list(iso3s))
        if start is not None:
            mask &= frame["year"] >= start
        if end is not None:
            mask &= frame["year"] <= end
        return frame[mask].sort_values(["iso3", "year"], ignore_index=True)

    def years(self, indicator: str, source: str | None = None) -> list[int]:
        # Asked on every map request (its URL parameters' check): kept per store, which never changes.
        key = (indicator, source)
        found = self._years.get(key)
        if found is None:
            found = self._years[key] = tuple(sorted(
                int(year) for year in self._values_of(indicator, source, per_cell=True)["year"].unique()))
        return list(found)

    def all_rows(self, indicator: str) -> pd.DataFrame:
        """[iso3, year, value, source] of every source's rows of the indicator, in indicators.csv's order (codes as
        categories; a copy)."""
        self._check_indicator(indicator)
        return self._values.get(indicator, pd.DataFrame(columns=VALUE_COLUMNS)).copy()

    def sources_for(self, indicator: str) -> list[str]:
        """Every source that has the indicator: the priority ones first, in order, then the others."""
        self._check_indicator(indicator)
        return self._sources_with_data(indicator, self._values)

    def ranking(self, indicator: str, year: int, source: str | None = None) -> pd.DataFrame:
        """[iso3, value, source, rank] of countries, rank 1 = highest value (ties share the better rank)."""
        frame = self.values_for_map(indicator, year, source)
        frame["rank"] = frame["value"].rank(method="min", ascending=False).astype(int)
        return frame.sort_values(["rank", "iso3"], ignore_index=True)
