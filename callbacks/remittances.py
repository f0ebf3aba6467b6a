"""Remittances view wiring: controls → the five charts, the blocks under them, downloads and URL state.

Split so that each interaction waits only for what it changes: the axis scale sends a small Patch; the two line
charts and the blocks under them come in parallel requests; the ranking and the cost chart have their own.
Each callback's logic is a plain function here (tested without a browser); `register` only wires them.
"""
from __future__ import annotations

from dash import Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from data.query import get_store
from figures.remittances.cost import cost_table
from figures.remittances.economy import economy_table
from figures.remittances.parts import CENTRAL_ASIA, GROUPS
from figures.remittances.ranking import ranking_table
from figures.remittances.trend import trend_table
from callbacks import tables
from callbacks.selections import controls_and_lang
from layouts.ids import Remittances as Ids, Shell
from layouts.remittances.controls import with_group
from layouts.remittances.cost import cost_data, cost_outputs
from layouts.remittances.downloads import csv_of
from layouts.remittances.economy import economy_data
from layouts.remittances.params import clean_state
from layouts.remittances.ranking import ranked_choice, ranking_data, ranking_outputs
from layouts.remittances.tables import CHARTS, table_key, table_outputs
from layouts.remittances.trend import (outflow_data, scale_patches, trend_callback_outputs, trend_data,
                                      trend_info_outputs, trend_key)
from state import as_dict, as_text

TREND_INPUTS = (Input(Ids.COUNTRIES, "value"), Input(Ids.MEASURE, "value"), Input(Ids.RELATIVE, "value"),
                Input(Ids.SOURCE, "value"))


def page_state(current: dict | None, **values) -> dict:
    """The whole view state from the controls' values, validated like URL parameters (bad values → defaults)."""
    return clean_state({**as_dict(current), **values})


def trend(countries, measure, relative, source, scale, rank_year, current):
    """Both line charts (serialised, cached by selection), the time-axis patch of Russia's economy, and the new
    page state."""
    state = page_state(current, countries=countries, measure=measure, relative=relative, source=source,
                       scale=scale, rank_year=rank_year)
    return (*trend_callback_outputs(*trend_key(state, state["lang"]), state["scale"]), state)


def trend_info(countries, measure, relative, source, current):
    """The blocks under both line charts: source lines, notes, tables, caveats."""
    state = page_state(current, countries=countries, measure=measure, relative=relative, source=source)
    return trend_info_outputs.fragment(*trend_key(state, state["lang"]))  # the kept JSON, spliced in


def scale(new_scale, countries, measure, relative, source, rank_year, current):
    """A new axis scale: Patches of both line charts and the new page state."""
    state = page_state(current, countries=countries, measure=measure, relative=relative, source=source,
                       scale=new_scale, rank_year=rank_year)
    return (*scale_patches(state, state["lang"]), state)


def ranking(rank_year, source, countries, measure, new_scale, relative, current):
    """The ranking chart, the rank sentences, the block under them, and the new page state."""
    state = page_state(current, countries=countries, measure=measure, scale=new_scale, relative=relative,
                       source=source, rank_year=rank_year)
    return (*ranking_outputs(state["rank_year"], state["source"], state["lang"], ranked_choice(state)),
            state)


def cost(countries, current):
    """The cost chart and the block under it (the countries are written to the URL by `trend`)."""
    state = page_state(current, countries=countries)
    return cost_outputs(tuple(state["countries"]), state["lang"])


def countries_after(trigger: str | None, group: str | None, countries):
    """The country selection after choosing a group (its members are added) or pressing reset (Central Asia)."""
    if trigger == Ids.RESET:
        return list(CENTRAL_ASIA)
    if as_text(group) not in GROUPS:
        return no_update
    return with_group([c for c in countries if isinstance(c, str)] if isinstance(countries, list) else [], group)


def table(chart: str, is_open: bool, current: dict | None):
    """A chart's table alternative, built when its reader opens it (and kept current while it is open)."""
    if is_open is not True or chart not in CHARTS:
        raise PreventUpdate  # closed: nothing to build, nothing to send
    state = page_state(current)
    # the table's JSON as kept, spliced into the answer (a Fragment): neither read back into dicts nor written again
    return table_outputs.fragment(chart, *table_key(chart, state), state["lang"])


def requested_table(chart: str, asked) -> list:
    """The table of an open chart table, for the page state callbacks/tables.TABLE_REQUEST passed on ({"state": …})."""
    if not isinstance(asked, dict):
        raise PreventUpdate
    return table(chart, True, asked.get("state"))


# Each chart's CSV: exactly the rows the chart draws, with unit, source, publisher, vintage and licence. The frames
# are the reference of the texts `download` writes (layouts/remittances/downloads.py).
TABLES = {
    "trend": ("remittances-received", lambda state, lang: trend_table(trend_data(state), get_store(), lang)),
    "outflow": ("remittances-paid-by-russia",
                lambda state, lang: trend_table(outflow_data(state), get_store(), lang)),
    "economy": ("russia-economy-and-rouble",
                lambda state, lang: economy_table(economy_data(), get_store(), lang)),
    "ranking": ("remittances-ranking",
                lambda state, lang: ranking_table(ranking_data(state), get_store(), lang)),
    "cost": ("remittances-cost-from-russia",
             lambda state, lang: cost_table(cost_data(state), get_store(), lang)),
}
DOWNLOADS = {"trend": (Ids.TREND_DOWNLOAD, Ids.TREND_DOWNLOAD_BUTTON),
             "outflow": (Ids.OUTFLOW_DOWNLOAD, Ids.OUTFLOW_DOWNLOAD_BUTTON),
             "economy": (Ids.ECONOMY_DOWNLOAD, Ids.ECONOMY_DOWNLOAD_BUTTON),
             "ranking": (Ids.RANKING_DOWNLOAD, Ids.RANKING_DOWNLOAD_BUTTON),
             "cost": (Ids.COST_DOWNLOAD, Ids.COST_DOWNLOAD_BUTTON)}


def download(chart: str, current: dict | None) -> dict:
    """The CSV of what `chart` shows for the page's current state (written from the chart's rows without a frame:
    layouts/remittances/downloads.py)."""
    state = page_state(current)
    return dcc.send_string(csv_of(chart, state, state["lang"]), _csv_name(chart, state))


def download_reference(chart: str, current: dict | None) -> dict:
    """`download` through the frames of TABLES and pandas' to_csv, as it was (the tests compare both)."""
    state = page_state(current)
    _, table = TABLES[chart]
    return dcc.send_data_frame(table(state, state["lang"]).to_csv, _csv_name(chart, state), index=False)


def _csv_name(chart: str, state: dict) -> str:
    name, _ = TABLES[chart]
    suffix = f"-{state['measure']}" if chart == "trend" else ""
    return f"{name}{suffix}.csv"


# Answers built at start-up (serving/precompute.py), from the default page in each language: each option of the
# measure, scale and source, the latest dozen comparison and ranking years; one country fewer, or a group added.
PRECOMPUTE_PATH = "/remittances"
PRECOMPUTE_CONTROLS = (Ids.MEASURE, Ids.SCALE, Ids.RELATIVE, Ids.SOURCE, Ids.RANK_YEAR, Ids.GROUP)


# Baked in idle time (serving/bake/): every value of these, and two of them at a time; a group's effect is a new
# list of countries (one of the list's values: a country fewer, a group, a country more).
BAKE_CONTROLS = (Ids.COUNTRIES, Ids.MEASURE, Ids.SCALE, Ids.RELATIVE, Ids.SOURCE, Ids.RANK_YEAR)


def precompute_changes(values: dict, lang: str):
    chosen = values.get(f"{Ids.COUNTRIES}.value") or []
    selections = [[code for code in chosen if code != left_out] for left_out in chosen]
    selections += [with_group(chosen, group) for group in GROUPS]
    for countries in selections:
        if countries != chosen:
            yield f"{Ids.COUNTRIES}.value", {f"{Ids.COUNTRIES}.value": countries}


# Each figure callback's answer is a function of its inputs', its state's values and the page's language (the state
# it writes back is made of them): stored answers are looked up by those (callbacks/selections.py).
PRECOMPUTE_SELECTORS = {f"{Ids.TREND_GRAPH}.figure": controls_and_lang(),
                        f"{Ids.TREND_INFO}.children": controls_and_lang(),
                        f"{Ids.TREND_GRAPH}.figure@{Ids.SCALE}.value": controls_and_lang(),
                        f"{Ids.RANKING_GRAPH}.figure": controls_and_lang(),
                        f"{Ids.COST_GRAPH}.figure": controls_and_lang()}


def register(app) -> None:
    app.callback(
        Output(Ids.TREND_GRAPH, "figure"), Output(Ids.OUTFLOW_GRAPH, "figure"), Output(Ids.ECONOMY_GRAPH, "figure"),
        Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        *TREND_INPUTS, State(Ids.SCALE, "value"), State(Ids.RANK_YEAR, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )(trend)
    app.callback(
        Output(Ids.TREND_INFO, "children"), Output(Ids.OUTFLOW_INFO, "children"),
        *TREND_INPUTS, State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )(trend_info)
    app.callback(
        Output(Ids.TREND_GRAPH, "figure", allow_duplicate=True),
        Output(Ids.OUTFLOW_GRAPH, "figure", allow_duplicate=True),
        Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        Input(Ids.SCALE, "value"),
        State(Ids.COUNTRIES, "value"), State(Ids.MEASURE, "value"), State(Ids.RELATIVE, "value"),
        State(Ids.SOURCE, "value"), State(Ids.RANK_YEAR, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )(scale)
    app.callback(
        Output(Ids.RANKING_GRAPH, "figure"), Output(Ids.RANKING_SENTENCES, "children"),
        Output(Ids.RANKING_INFO, "children"), Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        Input(Ids.RANK_YEAR, "value"), Input(Ids.SOURCE, "value"),
        Input(Ids.COUNTRIES, "value"), State(Ids.MEASURE, "value"), State(Ids.SCALE, "value"),
        State(Ids.RELATIVE, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )(ranking)  # the chosen countries are highlighted in the ranking too
    app.callback(
        Output(Ids.COST_GRAPH, "figure"), Output(Ids.COST_INFO, "children"),
        Input(Ids.COUNTRIES, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )(cost)

    @app.callback(
        Output(Ids.COUNTRIES, "value"), Output(Ids.GROUP, "value"),
        Input(Ids.GROUP, "value"), Input(Ids.RESET, "n_clicks"), State(Ids.COUNTRIES, "value"),
        prevent_initial_call=True,
    )
    def choose_group(group, _reset, countries):
        return countries_after(ctx.triggered_id, group, countries), None  # the group menu resets after use

    for chart, (download_id, button_id) in DOWNLOADS.items():
        _register_download(app, chart, download_id, button_id)
        _register_table(app, chart)


def _register_table(app, chart: str) -> None:
    def fill_table(asked):
        return requested_table(chart, asked)

    tables.register_table(app, Ids.table_toggle(chart), Ids.table(chart), Ids.table_body(chart),
                          Ids.table_request(chart), fill_table, labels=Ids.table_labels(chart))


def _register_download(app, chart: str, download_id: str, button_id: str) -> None:
    @app.callback(Output(download_id, "data"), Input(button_id, "n_clicks"), State(Shell.PAGE_STATE, "data"),
                  prevent_initial_call=True)
    def send_csv(_clicks, current):
        return download(chart, current)
