"""Corridors view wiring: controls → flow map patch, Sankey, card, downloads and URL state."""
from __future__ import annotations

from dash import Input, Output, State, ctx, dcc, no_update

import geo
from figures import corridors as fig
from layouts import corridors as view
from layouts.ids import Corridors, Shell

CONTROLS = (Corridors.YEAR, Corridors.SEX, Corridors.MODE, Corridors.ORIGIN, Corridors.DESTINATION,
            Corridors.SOURCE)
CARD_CONTROLS = (Corridors.CARD_ORIGIN, Corridors.CARD_DESTINATION)


def _lang(page_state) -> str:
    return (page_state or {}).get("lang") or "en"


def corridor_from_click(click) -> tuple[str, str] | None:
    """The corridor of a clicked arc or Sankey band (its customdata), None for anything else."""
    points = (click or {}).get("points") or []
    data = points[0].get("customdata") if points else None
    if not isinstance(data, str):
        return None
    try:
        return fig.parse_corridor_id(data)
    except ValueError:
        return None


def register(app) -> None:
    @app.callback(
        Output(Corridors.MAP, "figure"), Output(Corridors.SANKEY, "figure"), Output(Corridors.FLOWS_INFO, "children"),
        Output(Corridors.ORIGIN, "disabled"), Output(Corridors.DESTINATION, "disabled"),
        Output(Corridors.MAP_SCOPE, "data"), Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        *(Input(c, "value") for c in CONTROLS), *(State(c, "value") for c in CARD_CONTROLS),
        State(Corridors.MAP_SCOPE, "data"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_flows(year, sex, mode, origin, destination, source, card_origin, card_destination, scope, page_state):
        lang = _lang(page_state)
        state = view.state_from_controls(lang, year, sex, mode, origin, destination, source, card_origin,
                                         card_destination)
        selection = view.selection_from(state)
        frame, rows, shown_year = view.flow_frame(selection, lang)
        figure = fig.patch_flow_map(geo.geojson(frame.scope), frame, new_scope=frame.scope != scope)
        return (figure, view.sankey_figure(selection, frame, shown_year, lang),
                view.flows_info(selection, frame, rows, shown_year, lang),
                selection.mode != "origin", selection.mode != "destination", frame.scope, state)

    @app.callback(
        Output(Corridors.CARD, "children"), Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        Input(Corridors.CARD_ORIGIN, "value"), Input(Corridors.CARD_DESTINATION, "value"),
        Input(Corridors.SOURCE, "value"), *(State(c, "value") for c in CONTROLS if c != Corridors.SOURCE),
        State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_card(card_origin, card_destination, source, year, sex, mode, origin, destination, page_state):
        lang = _lang(page_state)
        if not card_origin or not card_destination:
            return no_update, no_update
        state = view.state_from_controls(lang, year, sex, mode, origin, destination, source, card_origin,
                                         card_destination)
        return view.card_body(card_origin, card_destination, source, lang), state

    @app.callback(
        Output(Corridors.CARD_ORIGIN, "value"), Output(Corridors.CARD_DESTINATION, "value"),
        Input(Corridors.MAP, "clickData"), Input(Corridors.SANKEY, "clickData"),
        prevent_initial_call=True,
    )
    def select_corridor(map_click, sankey_click):
        click = map_click if ctx.triggered_id == Corridors.MAP else sankey_click
        corridor = corridor_from_click(click)
        return corridor if corridor else (no_update, no_update)

    @app.callback(
        Output(Corridors.FLOWS_DOWNLOAD, "data"), Input(Corridors.FLOWS_DOWNLOAD_BUTTON, "n_clicks"),
        *(State(c, "value") for c in CONTROLS), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def download_flows(_clicks, year, sex, mode, origin, destination, source, page_state):
        state = view.state_from_controls(_lang(page_state), year, sex, mode, origin, destination, source, None, None)
        selection = view.selection_from(state)
        return dcc.send_data_frame(view.flows_csv(selection).to_csv, "central-asia-corridors.csv", index=False)

    @app.callback(
        Output(Corridors.CARD_DOWNLOAD, "data"), Input(Corridors.CARD_DOWNLOAD_BUTTON, "n_clicks"),
        State(Corridors.CARD_ORIGIN, "value"), State(Corridors.CARD_DESTINATION, "value"),
        State(Corridors.SOURCE, "value"),
        prevent_initial_call=True,
    )
    def download_card(_clicks, card_origin, card_destination, source):
        if not card_origin or not card_destination or card_origin == card_destination:
            return no_update
        frame = view.card_csv(card_origin, card_destination, source)
        return dcc.send_data_frame(frame.to_csv, f"corridor-{fig.corridor_id(card_origin, card_destination)}.csv",
                                   index=False)

    @app.callback(
        Output(Corridors.COMPARISON_DOWNLOAD, "data"), Input(Corridors.COMPARISON_DOWNLOAD_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
    def download_comparison(_clicks):
        return dcc.send_data_frame(view.comparison_csv().to_csv, "central-asians-in-russia-by-source.csv",
                                   index=False)
