"""Corridor queries: bilateral measures (origin → destination), by default from the measure's first source.

Methods of `DataStore` (data/query/store.py)."""
from __future__ import annotations

import pandas as pd

CORRIDOR_COLUMNS = ["origin", "destination", "year", "period", "value", "source"]


class CorridorQueries:
    """`DataStore`'s queries of the corridors table."""

    def corridors(self, measure: str = "stock_total", origins=None, destinations=None, year: int | None = None,
                  source: str | None = None) -> pd.DataFrame:
        """[origin, destination, year, period, value, source]; source None → the measure's default source."""
        self._check_indicator(measure, "corridors")
        self._check_source(source)
        source = source or self._meta.at[measure, "source_priority"][0]
        frame = self._corridors.get(measure, pd.DataFrame(columns=CORRIDOR_COLUMNS))
        mask = frame["source"] == source
        if origins is not None:
            mask &= frame["origin"].isin(list(origins))
        if destinations is not None:
            mask &= frame["destination"].isin(list(destinations))
        if year is not None:
            mask &= frame["year"] == year
        rows = frame[mask].astype({"origin": str, "destination": str, "source": str})
        return rows.sort_values(["origin", "destination", "period"], ignore_index=True)

    def corridor_sources(self, measure: str) -> list[str]:
        self._check_indicator(measure, "corridors")
        return self._sources_with_data(measure, self._corridors)
