"""Remittances view wiring: controls → the four charts, the blocks under them, downloads and URL state."""
from __future__ import annotations

from dash import Input, Output, State, ctx, dcc, no_update

from data.query import get_store
from figures import remittances as fig
from layouts import remittances as view
from layouts.ids import Remittances as Ids, Shell

CONTROLS = {"countries": Ids.COUNTRIES, "measure": Ids.MEASURE, "scale": Ids.SCALE, "relative": Ids.RELATIVE,
            "rank_year": Ids.RANK_YEAR, "source": Ids.SOURCE}


def page_state(page_state: dict | None, **values) -> dict:
    """The whole view state from the controls' values, validated like URL parameters."""
    return view.clean_state({**(page_state or {}), **values})


def _csv(frame, name: str) -> dict:
    return dcc.send_data_frame(frame.to_csv, f"{name}.csv", index=False)


def register(app) -> None:
    @app.callback(
        Output(Ids.TREND_GRAPH, "figure"), Output(Ids.TREND_INFO, "children"),
        Output(Ids.OUTFLOW_GRAPH, "figure"), Output(Ids.OUTFLOW_INFO, "children"),
        Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        Input(Ids.COUNTRIES, "value"), Input(Ids.MEASURE, "value"), Input(Ids.SCALE, "value"),
        Input(Ids.RELATIVE, "value"), Input(Ids.SOURCE, "value"),
        State(Ids.RANK_YEAR, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_trend(countries, measure, scale, relative, source, rank_year, current):
        state = page_state(current, countries=countries, measure=measure, scale=scale, relative=relative,
                           source=source, rank_year=rank_year)
        lang = state["lang"]
        trend_figure, outflow_figure = view.trend_figures(state, lang)
        return trend_figure, view.trend_info(state, lang), outflow_figure, view.outflow_info(state, lang), state

    @app.callback(
        Output(Ids.RANKING_GRAPH, "figure"), Output(Ids.RANKING_SENTENCES, "children"),
        Output(Ids.RANKING_INFO, "children"), Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        Input(Ids.RANK_YEAR, "value"), Input(Ids.SOURCE, "value"),
        State(Ids.COUNTRIES, "value"), State(Ids.MEASURE, "value"), State(Ids.SCALE, "value"),
        State(Ids.RELATIVE, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_ranking(rank_year, source, countries, measure, scale, relative, current):
        state = page_state(current, countries=countries, measure=measure, scale=scale, relative=relative,
                           source=source, rank_year=rank_year)
        lang = state["lang"]
        data = view.ranking_data(state)
        return (view.ranking_figure(state, lang, data), view.ranking_sentences(state, lang, data),
                view.ranking_info(state, lang, data), state)

    @app.callback(
        Output(Ids.COST_GRAPH, "figure"), Output(Ids.COST_INFO, "children"),
        Input(Ids.COUNTRIES, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_cost(countries, current):
        state = page_state(current, countries=countries)
        data = view.cost_data(state)
        return view.cost_figure(state, state["lang"], data), view.cost_info(state, state["lang"], data)

    @app.callback(
        Output(Ids.COUNTRIES, "value"), Output(Ids.GROUP, "value"),
        Input(Ids.GROUP, "value"), Input(Ids.RESET, "n_clicks"), State(Ids.COUNTRIES, "value"),
        prevent_initial_call=True,
    )
    def add_group(group, _reset, countries):
        if ctx.triggered_id == Ids.RESET:
            return list(fig.CENTRAL_ASIA), None
        if not group or group not in fig.GROUPS:
            return no_update, None
        return list(dict.fromkeys([*(countries or []), *view.group_members(group)])), None

    downloads = (
        (Ids.TREND_DOWNLOAD, Ids.TREND_DOWNLOAD_BUTTON, "remittances-received",
         lambda state, lang: fig.trend_table(view.trend_data(state), get_store(), lang)),
        (Ids.OUTFLOW_DOWNLOAD, Ids.OUTFLOW_DOWNLOAD_BUTTON, "remittances-paid-by-russia",
         lambda state, lang: fig.trend_table(view.outflow_data(state), get_store(), lang)),
        (Ids.RANKING_DOWNLOAD, Ids.RANKING_DOWNLOAD_BUTTON, "remittances-ranking",
         lambda state, lang: fig.ranking_table(view.ranking_data(state), get_store(), lang)),
        (Ids.COST_DOWNLOAD, Ids.COST_DOWNLOAD_BUTTON, "remittances-cost-from-russia",
         lambda state, lang: fig.cost_table(view.cost_data(state), get_store(), lang)),
    )
    for download_id, button_id, name, table in downloads:
        _register_download(app, download_id, button_id, name, table)


def _register_download(app, download_id: str, button_id: str, name: str, table) -> None:
    @app.callback(Output(download_id, "data"), Input(button_id, "n_clicks"), State(Shell.PAGE_STATE, "data"),
                  prevent_initial_call=True)
    def download(_clicks, current):
        state = page_state(current)
        return _csv(table(state, state["lang"]), name)
