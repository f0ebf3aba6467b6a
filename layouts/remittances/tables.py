"""Table alternatives of the five charts, built only when a reader opens one (most never do: no interaction
pays for them)."""
from __future__ import annotations

from data.query import get_store
from figures.remittances.ranking import ranking_rows
from layouts import common
from layouts.remittances.cost import cost_data, cost_table, cost_table_sent
from layouts.remittances.economy import economy_table
from layouts.remittances.ranking import ranked_choice, ranking_data, ranking_table, ranking_table_sent
from layouts.remittances.trend import (outflow_data, outflow_lines, outflow_title, series_table, series_table_sent,
                                      trend_data, trend_lines, trend_titles)


CHARTS = ("trend", "outflow", "economy", "ranking", "cost")


def data_table(chart: str, state: dict, lang: str):
    """The table alternative of `chart` for `state`."""
    if chart == "trend":
        data = trend_data(state)
        return series_table(data, lang, trend_titles(state, data, lang)[0])
    if chart == "outflow":
        return series_table(outflow_data(state), lang, outflow_title(state["relative"], lang))
    if chart == "economy":
        return economy_table(lang)
    if chart == "ranking":
        return ranking_table(ranking_data(state), lang)
    return cost_table(cost_data(state), lang)


def table_key(chart: str, state: dict) -> tuple:
    """(countries, measure, relative, source, rank_year) as far as `chart`'s table depends on them (None where
    not), so one cached table serves every state that shows the same."""
    countries = tuple(state["countries"]) if chart in ("trend", "cost") else None
    measure = state["measure"] if chart == "trend" else None
    relative = state["relative"] if chart in ("trend", "outflow") else None
    source = state["source"] if chart not in ("cost", "economy") else None
    rank_year = state["rank_year"] if chart == "ranking" else None
    return countries, measure, relative, source, rank_year


@common.kept_compact(32)  # sizes measured: serving/memory.py
def table_outputs(chart: str, countries, measure, relative, source, rank_year, lang: str):
    """Callback output: `chart`'s table, serialised (the line charts' from their lines, written as Dash writes a
    table: layouts/remittances/trend.series_table_sent)."""
    state = dict(countries=countries, measure=measure, relative=relative, source=source, rank_year=rank_year)
    if chart == "trend":
        data = trend_lines(state)
        return series_table_sent(data, lang, trend_titles(state, data, lang)[0])
    if chart == "outflow":
        return series_table_sent(outflow_lines(state), lang, outflow_title(state["relative"], lang))
    if chart == "ranking":
        return ranking_table_sent(ranking_rows(get_store(), rank_year, highlight=ranked_choice(state), source=source),
                                  lang)
    if chart == "cost":
        return cost_table_sent(countries, lang)
    return _economy_table_sent(lang)


@common.kept_compact(4)
def _economy_table_sent(lang: str):
    """Russia's economy does not change with the selection: its table is made once per language."""
    return common.serialised(economy_table(lang))


def table_outputs_reference(chart: str, countries, measure, relative, source, rank_year, lang: str):
    """`table_outputs` from the frames and components, as it was (the tests compare both)."""
    state = dict(countries=countries, measure=measure, relative=relative, source=source, rank_year=rank_year)
    return common.serialised(data_table(chart, state, lang))
