"""Key figures of the IOM Central Asia strategy next to the curated data: pure assembly of the comparison rows.

For each strategy figure (store.key_figures()) that names a comparable curated series (compare_table,
compare_indicator, compare_iso3, compare_destination, compare_year), a row holds
  - `same_year`: our value for the figure's own year, or, where our series has no value for it, for the nearest year
    with data (compare_year, chosen by the data build);
  - `others_same_year`: the other sources' values for that year, so a disagreement between sources stays visible;
  - `latest`: the most recent value of our series.
Values are read from the store as they are (default source per cell, each with its source id); nothing is converted,
summed or interpolated. No Dash here: the layout and the CSV download both use these rows.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd


@dataclass(frozen=True)
class CuratedValue:
    """One value of the curated data, with what it needs to be shown and traced."""

    value: float
    year: int
    source: str


@dataclass(frozen=True)
class ComparisonRow:
    figure_id: str
    topic: str
    area: str  # country code, or a region code of the strategy (CA5, CIS)
    year: int | None  # the year the strategy gives (None where it gives none)
    value: float
    unit: str  # the strategy's unit, as quoted ("% of GDP", "million persons", …)
    statement: str
    cited_source: str
    strategy_page: str
    compare_table: str | None  # "indicators", "corridors", or None: no comparable series in our data
    measure: str | None  # indicator id or corridor measure
    compare_area: str | None
    destination: str | None  # corridors: the host country (the origin is compare_area)
    measure_unit: str | None  # unit of our values ("%", "current US$", "persons")
    same_year: CuratedValue | None
    others_same_year: tuple[CuratedValue, ...]
    latest: CuratedValue | None

    @property
    def comparable(self) -> bool:
        return self.measure is not None

    @property
    def sources(self) -> list[str]:
        """Our sources shown in this row, in display order (without the strategy itself)."""
        values = [self.same_year, *self.others_same_year, self.latest]
        return list(dict.fromkeys(v.source for v in values if v is not None))


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) or str(value) == "" else str(value)


def _year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def topics(store) -> list[str]:
    """The strategy's topics, in the order the figures first mention them."""
    return list(dict.fromkeys(store.key_figures()["topic"]))


def cited_decimals(value: float) -> int:
    """Decimals of a quoted figure as written (48.1 → 1, 2.64 → 2, 3.0 → 0), so it is shown as the strategy had it."""
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".")[1].rstrip("0"))


def _series(store, table: str, measure: str, area: str, destination: str | None,
            source: str | None = None) -> pd.DataFrame:
    """[year, value, source] of the compared series (default source per cell when `source` is None)."""
    if table == "indicators":
        frame = store.series(measure, iso3s=[area], source=source)
    else:
        frame = store.corridors(measure, origins=[area], destinations=[destination], source=source)
        # A year can have several periods (quarters); the last period of the year stands for it.
        frame = frame.sort_values("period").drop_duplicates("year", keep="last")
    return frame[["year", "value", "source"]].sort_values("year", ignore_index=True)


def _value_in(frame: pd.DataFrame, year: int | None) -> CuratedValue | None:
    if year is None:
        return None
    rows = frame[frame["year"] == year]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return CuratedValue(float(row["value"]), int(row["year"]), str(row["source"]))


def _other_sources(store, table: str, measure: str) -> list[str]:
    return store.sources_for(measure) if table == "indicators" else store.corridor_sources(measure)


def comparison_row(store, figure: dict) -> ComparisonRow:
    """One strategy figure with our same-year (or nearest-year) and latest values."""
    table, measure = _text(figure.get("compare_table")), _text(figure.get("compare_indicator"))
    area = _text(figure.get("compare_iso3")) or figure["country_iso3"]
    destination = _text(figure.get("compare_destination"))
    year = _year(figure.get("year"))
    same_year = latest = None
    others: list[CuratedValue] = []
    unit = None
    if table and measure:
        unit = store.indicator_meta(measure)["unit"]
        frame = _series(store, table, measure, area, destination)
        same_year = _value_in(frame, year) or _value_in(frame, _year(figure.get("compare_year")))
        if not frame.empty:
            last = frame.iloc[-1]
            latest = CuratedValue(float(last["value"]), int(last["year"]), str(last["source"]))
        if same_year is not None:
            for source in _other_sources(store, table, measure):
                if source == same_year.source:
                    continue
                other = _value_in(_series(store, table, measure, area, destination, source), same_year.year)
                if other is not None:
                    others.append(other)
    return ComparisonRow(
        figure_id=figure["figure_id"], topic=figure["topic"], area=figure["country_iso3"], year=year,
        value=float(figure["value"]), unit=figure["unit"], statement=figure["statement"],
        cited_source=figure["cited_source"], strategy_page=str(figure["strategy_page"]),
        compare_table=table if measure else None, measure=measure, compare_area=area if measure else None,
        destination=destination, measure_unit=unit, same_year=same_year, others_same_year=tuple(others),
        latest=latest,
    )


@cache
def _statements(store, lang: str) -> dict[str, str]:
    frame = store.key_figures(lang)
    return dict(zip(frame["figure_id"], frame["statement"]))


def statement(store, figure_id: str, lang: str) -> str:
    """The figure's statement in `lang` (the curated statement_<lang>), else as transcribed."""
    return _statements(store, lang).get(figure_id) or _statements(store, "en").get(figure_id, "")


@cache
def _all_rows(store) -> tuple[ComparisonRow, ...]:
    """Every figure's row, built once per store (the store never changes; rows are immutable)."""
    return tuple(comparison_row(store, figure) for figure in store.key_figures().to_dict("records"))


def comparison_rows(store, topics: Iterable[str] | None = None,
                    areas: Iterable[str] | None = None) -> list[ComparisonRow]:
    """The strategy's figures (all, or those of `topics` / `areas`), in the strategy table's order."""
    topics, areas = set(topics or ()), set(areas or ())
    return [row for row in _all_rows(store)
            if (not topics or row.topic in topics) and (not areas or row.area in areas)]


def _source_columns(store, prefix: str, value: CuratedValue | None, lang: str = "en") -> dict:
    if value is None:
        return {f"{prefix}_year": None, f"{prefix}_value": None, f"{prefix}_source": None,
                f"{prefix}_publisher": None, f"{prefix}_vintage": None}
    meta = store.source_meta(value.source, lang)
    return {f"{prefix}_year": value.year, f"{prefix}_value": value.value, f"{prefix}_source": value.source,
            f"{prefix}_publisher": meta["publisher"], f"{prefix}_vintage": meta["vintage"]}


def comparison_frame(store, rows: list[ComparisonRow], lang: str = "en") -> pd.DataFrame:
    """The rows as a table for download: the strategy's figure and citation, then our values with source and vintage
    (statements, publishers and vintages in `lang`; the cited sources as the strategy cites them)."""
    strategy = store.source_meta("iom_ca_strategy", lang)
    records = []
    for row in rows:
        records.append({
            "figure_id": row.figure_id, "topic": row.topic, "area": row.area, "year": row.year,
            "statement": statement(store, row.figure_id, lang), "strategy_value": row.value, "strategy_unit": row.unit,
            "cited_source": row.cited_source, "strategy_page": row.strategy_page,
            "strategy_vintage": strategy["vintage"],
            "our_measure": row.measure, "our_area": row.compare_area, "our_destination": row.destination,
            "our_unit": row.measure_unit,
            **_source_columns(store, "same_year", row.same_year, lang),
            **_source_columns(store, "latest", row.latest, lang),
        })
    return pd.DataFrame.from_records(records, columns=list(records[0]) if records else None)
