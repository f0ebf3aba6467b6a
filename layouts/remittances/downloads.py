"""Each chart's CSV written from the rows the chart is drawn from, without a frame.

A download was a frame made per request (the chart's rows joined with names, units and provenance) and written by
pandas' to_csv: the slowest requests of the view under load (~5–12 ms each on a quiet core). Here the same columns
are written from the lines (figures/remittances/lines.py), the year's ranking and the corridors' rows, through the
csv module as pandas writes (layouts/common.csv_text): the same bytes. The frames' tables (figures/remittances/*
`*_table`) stay the reference: tests/layouts/remittances/test_answers.py compares both for many page states, en and
ru. The text is kept per what the chart depends on (a download from another page state of the same selection costs
nothing).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from data.query import get_store
from figures.common import PROVENANCE_COLUMNS
from figures.remittances import cost as cost_fig
from figures.remittances.parts import PAYER, PCT_INDICATOR, country_name
from figures.remittances.ranking import ranking_rows
from layouts.common import csv_text, provenance_of
from layouts.remittances.ranking import ranked_choice
from layouts.remittances.trend import outflow_lines, trend_lines

TIDY = ["iso3", "country", "year", "indicator", "indicator_name", "value", "unit"]
PROVENANCE = list(PROVENANCE_COLUMNS)


def csv_of(chart: str, state: dict, lang: str) -> str:
    """The CSV text of `chart` for the page state (`TABLES` of callbacks/remittances.py, written without pandas)."""
    if chart == "trend":
        return _trend_csv(tuple(state["countries"]), state["measure"], state["source"], state["relative"], lang)
    if chart == "outflow":
        return _outflow_csv(state["source"], state["relative"], lang)
    if chart == "economy":
        return _economy_csv(lang)
    if chart == "ranking":
        return _ranking_csv(state["rank_year"], state["source"], ranked_choice(state), lang)
    return _cost_csv(tuple(state["countries"]), lang)


@lru_cache(maxsize=16)
def _trend_csv(countries: tuple[str, ...], measure: str, source: str, relative, lang: str) -> str:
    return _lines_csv(trend_lines(dict(countries=countries, measure=measure, relative=relative, source=source)), lang)


@lru_cache(maxsize=16)
def _outflow_csv(source: str, relative, lang: str) -> str:
    return _lines_csv(outflow_lines(dict(relative=relative, source=source)), lang)


def _lines_csv(data, lang: str) -> str:
    """`trend_table(…).to_csv(index=False)` of a line chart's lines (figures/remittances/trend.trend_table)."""
    store = get_store()
    meta = store.indicator_meta(data.indicator, lang)
    provenance = provenance_of(store, data.used_sources(), lang)
    relative_mode = data.base_year is not None
    rows = []
    for line in data.lines:
        name = country_name(store, line.code, lang)
        changes = np.round(line.shown, 4).tolist() if relative_mode else None
        for place, (year, value, source) in enumerate(zip(line.years.tolist(), line.values.tolist(), line.sources)):
            row = [line.code, name, year, data.indicator, meta["name"], value, meta["unit"]]
            if relative_mode:
                row.append(changes[place])
            rows.append((*row, source, *provenance[source]))
    change = [f"change_since_{data.base_year}_pct"] if relative_mode else []
    return csv_text([*TIDY, *change, "source", *PROVENANCE], rows, floats=("value", *change))


@lru_cache(maxsize=4)
def _economy_csv(lang: str) -> str:
    """Russia's economy does not change with the selection: its CSV is written by pandas once per language."""
    from figures.remittances.economy import economy_table
    from layouts.remittances.economy import economy_data

    return economy_table(economy_data(), get_store(), lang).to_csv(index=False)


@lru_cache(maxsize=16)
def _ranking_csv(year: int, source: str, highlight: tuple[str, ...], lang: str) -> str:
    """`ranking_table(ranking_data(…)).to_csv(index=False)` from the year's ranking."""
    store = get_store()
    data = ranking_rows(store, year, highlight=highlight, source=source)
    meta = store.indicator_meta(PCT_INDICATOR, lang)
    provenance = provenance_of(store, data.sources, lang)
    rows = [(rank, data.count, code, country_name(store, code, lang), data.year, PCT_INDICATOR, meta["name"], value,
             meta["unit"], source, *provenance[source])
            for code, rank, value, source in zip(data.codes, data.rank_list, data.values, data.sources)]
    return csv_text(["rank", "countries_with_data", *TIDY, "source", *PROVENANCE], rows)


@lru_cache(maxsize=16)
def _cost_csv(countries: tuple[str, ...], lang: str) -> str:
    """`cost_table(cost_data(…)).to_csv(index=False)` from the corridors' rows (in the frame's order: by origin)."""
    store = get_store()
    data = cost_fig.cost_lines(store, countries)
    every = cost_fig.corridor_rows(store)
    meta = store.indicator_meta(cost_fig.COST_MEASURE, lang)
    rows = []
    for code in sorted(data.order):
        name = country_name(store, code, lang)
        rows += [(PAYER, code, name, period, cost_fig.COST_MEASURE, meta["name"], value, meta["unit"], source)
                 for period, value, source in every[code]]
    provenance = provenance_of(store, [row[-1] for row in rows], lang)
    return csv_text(["sending_country_iso3", "receiving_country_iso3", "receiving_country", "period", "measure",
                     "measure_name", "value", "unit", "source", *PROVENANCE],
                    [(*row, *provenance[row[-1]]) for row in rows])
