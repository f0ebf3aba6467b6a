"""The IOM strategy's key figures about the country, each with the curated value of the same measure."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from figures.country.headlines import Fact
from figures.country.series import is_not_reported, shown_series


def is_present(value) -> bool:
    """Not None, NaN or pandas' NA (key_figures has blank years and comparison years)."""
    return value is not None and not pd.isna(value)


@dataclass(frozen=True)
class KeyFigureComparison:
    """One of the IOM strategy's figures for the country, and our curated value of the same measure."""

    figure: dict  # the key_figures row as the store has it
    then: Fact | None  # our value in the comparison year (compare_year); None when we have no such measure
    latest: Fact | None  # our latest value of that measure


def _comparison_series(store, row: dict) -> tuple[pd.DataFrame, str, str] | None:
    """(series [year, value, source], unit, measure) of the curated data a key figure compares to, or None."""
    table, measure, iso3 = row.get("compare_table"), row.get("compare_indicator"), row.get("compare_iso3")
    if not (isinstance(measure, str) and measure and isinstance(iso3, str) and iso3):
        return None
    unit = store.indicator_meta(measure)["unit"]
    if table == "corridors":
        rows = store.corridors(measure, origins=[iso3], destinations=[row["compare_destination"]])
        series = rows[rows["value"].notna()].sort_values("year")[["year", "value", "source"]]
        return series.reset_index(drop=True), unit, measure
    if table == "indicators":
        return shown_series(store, measure, iso3), unit, measure
    return None


@cache  # the store never changes: every country's key figure rows at once, in the store's order
def _key_figure_rows(store) -> dict[str, tuple[dict, ...]]:
    rows: dict[str, list[dict]] = {}
    for row in store.key_figures().to_dict("records"):
        rows.setdefault(row["country_iso3"], []).append(row)
    return {iso3: tuple(found) for iso3, found in rows.items()}


def key_figure_comparisons(store, iso3: str) -> list[KeyFigureComparison]:
    """The strategy's key figures about this country, each with the curated value it compares to (if any):
    the value in the comparison year the data layer chose (compare_year), and the latest one."""
    out = []
    for row in _key_figure_rows(store).get(iso3, ()):
        row = dict(row)  # each comparison owns its row
        found = _comparison_series(store, row)
        if found is None:
            out.append(KeyFigureComparison(row, None, None))
            continue
        series, unit, measure = found
        then = None
        if is_present(row.get("compare_year")):
            year = int(row["compare_year"])
            at = series[series["year"] == year]
            then = (Fact("then", measure, unit, float(at["value"].iloc[0]), year, str(at["source"].iloc[0]))
                    if len(at) else Fact("then", measure, unit, None, year, None))
        if series.empty:
            latest = Fact("latest", measure, unit, None, None, None, not_reported=is_not_reported(store, measure, iso3))
        else:
            last = series.iloc[-1]
            latest = Fact("latest", measure, unit, float(last["value"]), int(last["year"]), str(last["source"]))
        out.append(KeyFigureComparison(row, then, latest))
    return out
