"""Corridors view wiring: controls → flow map patch, Sankey, card, the table of corridors, downloads and URL state.

The functions below are what the callbacks run (testable without a server); `register` only wires them.
"""
from __future__ import annotations

from dash import Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

import geo
from callbacks import tables
from data.catalog import T18
from callbacks.selections import PAGE_STATE, controls_and_lang
from figures.corridors.map_patch import patch_flow_map_json
from figures.corridors.selection import corridor_id, parse_corridor_id
from layouts import common
from layouts.corridors.card import card_body_json, card_csv_text
from layouts.corridors.comparison import comparison_csv_text
from layouts.corridors.flows import flows_csv_text, flows_table_json, flows_view
from layouts.corridors.params import (all_years, clean_state, is_country, revision_sources, selection_from,
                                      state_from_controls)
from layouts.ids import Corridors, Shell
from serving.fast_json.fragment import Fragment
from state import LANG, as_dict, as_text, clicked, read_payload

CONTROLS = (Corridors.YEAR, Corridors.SEX, Corridors.MODE, Corridors.ORIGIN, Corridors.DESTINATION,
            Corridors.SOURCE)


def _lang(page_state) -> str:
    return read_payload(page_state, [LANG])["lang"]


def flows_update(year, sex, mode, origin, destination, source, card_origin, card_destination, scope, page_state,
                 triggered=None):
    """Map patch (the geometry only if the frame changes region ⇄ world), Sankey patch, notes, source block (only
    when the revision or sex changed), which country dropdown is in use, the frame's scope, the page state. The
    table of the corridors is not sent: `flows_table` fills it when its reader has it open."""
    lang = _lang(page_state)
    state = state_from_controls(lang, year, sex, mode, origin, destination, source, card_origin,
                                     card_destination)
    flows = flows_view(selection_from(state), state["lang"])
    frame = flows.frame
    # the map's Patch written as JSON from each corridor's kept JSON (figures/corridors/map_patch.py), spliced in
    figure = Fragment(patch_flow_map_json(geo.layer(frame.scope), frame, new_scope=frame.scope != scope,
                                          geometry_url=common.geometry_url(frame.scope)))
    # the Sankey's patch, the notes, the sources: JSON written once per selection, spliced into the answer
    sources = flows.sources if triggered in (None, Corridors.SOURCE, Corridors.SEX) else no_update
    mode = flows.selection.mode
    return (figure, flows.sankey_patch, flows.info, sources, mode != "origin", mode != "destination", frame.scope,
            state)


# What the table of corridors shows depends on these of the page state (not on the card's corridor): only they are
# passed on to the server, and only when they change while the table is open (callbacks/tables.table_request_js).
TABLE_KEYS = ("lang", "year", "sex", "mode", "origin", "destination", "source")


def table_selection(asked):
    """(flow selection, language) of a table request ({"state": the page state's TABLE_KEYS}), read like URL values
    (a forged value: its default); None when it is not one."""
    if not isinstance(asked, dict) or not isinstance(asked.get("state"), dict):
        return None
    state = asked["state"]
    return selection_from(clean_state(state)), _lang(state)


def flows_table(asked) -> Fragment:
    """The table of every corridor of the selection the page shows, asked for only while its reader has it open."""
    found = table_selection(asked)
    if found is None:
        raise PreventUpdate
    return Fragment(flows_table_json(*found))


def table_request(page_state) -> dict:
    """What the browser passes on to `flows_table` for a page state while the table is open."""
    return tables.picked(page_state, TABLE_KEYS)


def snapped_year(year, page_state):
    """The year a slider value stands for (keyboard steps land between marks), or None when it is one already."""
    snapped = common.snap_to_options(year, as_dict(page_state).get("year"), all_years())
    return None if snapped == year and type(snapped) is type(year) else snapped


def card_update(card_origin, card_destination, source, year, sex, mode, origin, destination, page_state):
    """The corridor card and the page state (with `corridor`); nothing for a value that is not a country."""
    if not (is_country(card_origin) and is_country(card_destination)):
        return no_update, no_update
    state = state_from_controls(_lang(page_state), year, sex, mode, origin, destination, source, card_origin,
                                     card_destination)
    return card_body_json(card_origin, card_destination, state["source"], state["lang"]), state


def corridor_from_click(click) -> tuple[str, str] | None:
    """The corridor of a clicked arc or Sankey band (its customdata), None for anything else."""
    data = as_text(clicked(click, "customdata"))
    if data is None:
        return None
    try:
        return parse_corridor_id(data)
    except ValueError:
        return None


def flows_download(year, sex, mode, origin, destination, source, page_state) -> dict:
    state = state_from_controls(_lang(page_state), year, sex, mode, origin, destination, source, None, None)
    # dcc.send_data_frame(frame.to_csv, name, index=False) gives this dict; the text is written without pandas
    return dcc.send_string(flows_csv_text(selection_from(state), _lang(page_state)), "central-asia-corridors.csv")


def card_download(card_origin, card_destination, source, lang: str = "en") -> dict | None:
    if not (is_country(card_origin) and is_country(card_destination)) or card_origin == card_destination:
        return None
    if as_text(source) not in revision_sources():
        source = revision_sources()[0]
    return dcc.send_string(card_csv_text(card_origin, card_destination, source, lang),
                           f"corridor-{corridor_id(card_origin, card_destination)}.csv")


def comparison_download(lang: str = "en") -> dict:
    return dcc.send_string(comparison_csv_text(lang), "central-asians-in-russia-by-source.csv")


# Answers built at start-up (serving/precompute.py), from the default page in each language: each year, sex, mode
# and revision; each target country as origin or destination, and as either end of the corridor card.
PRECOMPUTE_PATH = "/corridors"
PRECOMPUTE_CONTROLS = (*CONTROLS, Corridors.CARD_ORIGIN, Corridors.CARD_DESTINATION)
# Baked in idle time (serving/bake/): the origin list matters only in "all destinations of one origin" mode (the
# browser disables it otherwise), the destination list likewise.
BAKE_REQUIRES = {f"{Corridors.ORIGIN}.value": (f"{Corridors.MODE}.value", "origin"),
                 f"{Corridors.DESTINATION}.value": (f"{Corridors.MODE}.value", "destination")}


TABLE_REQUEST_DATA = f"{Corridors.FLOWS_TABLE_REQUEST}.data"


def precompute_changes(values: dict, lang: str):
    """The table of corridors of the default page and of each selection one click from it, as the browser asks for
    it when the reader has the table open (the page state the flows answer writes, passed on: `table_request`)."""
    from serving.precompute import option_values

    yield from table_changes(values, lang)
    for control in CONTROLS:
        for value in option_values(values, control, T18):
            if value != values.get(f"{control}.value"):
                yield from table_changes({**values, f"{control}.value": value}, lang)


def table_changes(values: dict, lang: str):
    """The table request of the selection a page holding `values` shows (the page state the flows answer wrote), as
    a change of the request's store: what the browser sends with the table open."""
    controls = [values.get(f"{control}.value") for control in CONTROLS]
    state = state_from_controls(lang, *controls, values.get(f"{Corridors.CARD_ORIGIN}.value"),
                                values.get(f"{Corridors.CARD_DESTINATION}.value"))
    yield TABLE_REQUEST_DATA, {TABLE_REQUEST_DATA: table_request(state)}


# Baked in idle time too (serving/bake.py): the table of each selection baked, as the browser asks for it when the
# reader has it open.
BAKE_CHANGES = table_changes


def _year_on_a_mark(inputs: dict, state: dict) -> bool:
    """A year between marks is snapped from the page state's year (update_flows): such a request is not looked up."""
    return snapped_year(inputs.get(f"{Corridors.YEAR}.value"), state.get(PAGE_STATE)) is None


# The flows' and the card's answers are functions of the controls' values and the page's language (the state they
# write back is made of them); the flows' also of which control changed (the source block is sent or not).
# The table's answer is a function of the selection and the language the request names (whatever else the page
# state held, however its values were written).
PRECOMPUTE_SELECTORS = {f"{Corridors.MAP}.figure": controls_and_lang(trigger=True, guard=_year_on_a_mark),
                        f"{Corridors.CARD}.children": controls_and_lang(),
                        f"{Corridors.FLOWS_TABLE_BODY}.children":
                            lambda inputs, state, changed: table_selection(inputs.get(TABLE_REQUEST_DATA))}


def register(app) -> None:
    @app.callback(
        Output(Corridors.MAP, "figure"), Output(Corridors.SANKEY, "figure"), Output(Corridors.FLOWS_INFO, "children"),
        Output(Corridors.FLOWS_SOURCES, "children"),
        Output(Corridors.ORIGIN, "disabled"), Output(Corridors.DESTINATION, "disabled"),
        Output(Corridors.MAP_SCOPE, "data"), Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        Output(Corridors.YEAR, "value", allow_duplicate=True),
        *(Input(c, "value") for c in CONTROLS),
        State(Corridors.CARD_ORIGIN, "value"), State(Corridors.CARD_DESTINATION, "value"),
        State(Corridors.MAP_SCOPE, "data"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_flows(*values):
        # A keyboard step lands between marks: show the year it stands for and move the slider there (Dash does
        # not call a callback again for its own output, so this call does the work).
        snapped = snapped_year(values[0], values[-1])
        year = values[0] if snapped is None else snapped
        return (*flows_update(year, *values[1:], triggered=ctx.triggered_id), no_update if snapped is None else snapped)

    tables.register_table(app, Corridors.FLOWS_TABLE_TOGGLE, Corridors.FLOWS_TABLE, Corridors.FLOWS_TABLE_BODY,
                          Corridors.FLOWS_TABLE_REQUEST, flows_table, keys=TABLE_KEYS,
                          labels=Corridors.FLOWS_TABLE_LABELS)

    app.callback(
        Output(Corridors.CARD, "children"), Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        Input(Corridors.CARD_ORIGIN, "value"), Input(Corridors.CARD_DESTINATION, "value"),
        Input(Corridors.SOURCE, "value"), *(State(c, "value") for c in CONTROLS if c != Corridors.SOURCE),
        State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )(card_update)

    @app.callback(
        Output(Corridors.CARD_ORIGIN, "value"), Output(Corridors.CARD_DESTINATION, "value"),
        Input(Corridors.MAP, "clickData"), Input(Corridors.SANKEY, "clickData"),
        prevent_initial_call=True,
    )
    def select_corridor(map_click, sankey_click):
        corridor = corridor_from_click(map_click if ctx.triggered_id == Corridors.MAP else sankey_click)
        return corridor if corridor else (no_update, no_update)

    @app.callback(Output(Corridors.FLOWS_DOWNLOAD, "data"), Input(Corridors.FLOWS_DOWNLOAD_BUTTON, "n_clicks"),
                  *(State(c, "value") for c in CONTROLS), State(Shell.PAGE_STATE, "data"),
                  prevent_initial_call=True)
    def download_flows(_clicks, *values):
        return flows_download(*values)

    @app.callback(Output(Corridors.CARD_DOWNLOAD, "data"), Input(Corridors.CARD_DOWNLOAD_BUTTON, "n_clicks"),
                  State(Corridors.CARD_ORIGIN, "value"), State(Corridors.CARD_DESTINATION, "value"),
                  State(Corridors.SOURCE, "value"), State(Shell.PAGE_STATE, "data"), prevent_initial_call=True)
    def download_card(_clicks, card_origin, card_destination, source, page_state):
        return card_download(card_origin, card_destination, source, _lang(page_state)) or no_update

    @app.callback(Output(Corridors.COMPARISON_DOWNLOAD, "data"),
                  Input(Corridors.COMPARISON_DOWNLOAD_BUTTON, "n_clicks"), State(Shell.PAGE_STATE, "data"),
                  prevent_initial_call=True)
    def download_comparison(_clicks, page_state):
        return comparison_download(_lang(page_state))
