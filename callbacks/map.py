"""Map view wiring: controls → figure patch, side panel, source line and URL state."""
from __future__ import annotations

from itertools import product

from dash import Input, Output, State, ctx, dcc, no_update

from data.query import get_store
from figures.map.focus import focus_patch_written
from figures.map.frame import map_frame
from figures.map.indicators import INDICATORS
from figures.map.patch import patch_map_figure, patch_map_sent
from layouts import common
from layouts.map.downloads import map_csv_text
from layouts.map.figure import figure_for, geojson
from layouts.map.panel import panel, panel_sent
from layouts.map.params import params, scope_ids, years
from layouts.map.source_block import source_block, source_block_sent
from layouts.ids import Map, Shell
from serving.fast_json.fragment import Fragment
from state import LANG, as_dict, as_text, clicked, read_payload

# The play button steps the year slider in the browser; each step then updates the map like a drag would.
PLAY_STEP = """
function(n, value, marks) {
    const years = Object.keys(marks).map(Number).sort((a, b) => a - b);
    return years[(years.indexOf(value) + 1) % years.length];
}
"""
PLAY_TOGGLE = """
function(n, disabled) { return [!disabled, disabled ? '❚❚' : '▶']; }
"""


def page_values(values) -> dict:
    """The map's state from what the browser sent, checked like URL parameters (bad values → defaults)."""
    return read_payload(values, [LANG, *params()])


def map_outputs(indicator, year, scope, focus, page_state, trigger):
    """Figure (whole for a new extent, else a patch of values), panel, source block and the new page state; the
    patch, panel and source block already written as Dash writes them (serving/fast_json/fragment.Fragment), the same bytes as
    `map_outputs_reference`'s."""
    state = page_values({**as_dict(page_state), "indicator": indicator, "year": year, "scope": scope, "focus": focus})
    lang, indicator, year, scope, focus = (state[k] for k in ("lang", "indicator", "year", "scope", "focus"))
    if trigger == Map.SCOPE:
        figure = figure_for(state, lang)  # a new extent needs its geometry
    else:
        ids = scope_ids(scope)
        written = focus_patch_written(get_store(), indicator, year, scope, ids, focus, lang, geojson(scope),
                                      focus_changed=trigger == Map.FOCUS) if focus else None
        if written is not None:  # a focus country in the extent: its partners put into the patch written once
            figure = Fragment(written)
        else:
            frame = map_frame(get_store(), indicator, year, ids, focus if focus in ids else None, lang)
            figure = patch_map_sent(geojson(scope), frame, focus_changed=trigger == Map.FOCUS)
    return figure, panel_sent(state, lang), source_block_sent(state, lang), state


def map_outputs_reference(indicator, year, scope, focus, page_state, trigger):
    """`map_outputs` as the components and Patch it sent before (the tests' reference)."""
    state = page_values({**as_dict(page_state), "indicator": indicator, "year": year, "scope": scope, "focus": focus})
    lang, indicator, year, scope, focus = (state[k] for k in ("lang", "indicator", "year", "scope", "focus"))
    if trigger == Map.SCOPE:
        figure = figure_for(state, lang)
    else:
        ids = scope_ids(scope)
        frame = map_frame(get_store(), indicator, year, ids, focus if focus in ids else None, lang)
        figure = patch_map_figure(geojson(scope), frame, focus_changed=trigger == Map.FOCUS)
    return figure, panel(state, lang), source_block(state, lang), state


def snapped_year(year, page_state):
    """The year a slider value stands for (keyboard steps land between marks), or None when it is one already."""
    snapped = common.snap_to_options(year, as_dict(page_state).get("year"), years())
    return None if snapped == year and type(snapped) is type(year) else snapped


def next_focus(click, focus, trigger):
    """A click focuses the clicked country; a click on the focus country, or Reset, leaves focus mode."""
    if trigger == Map.RESET:
        return None
    location = as_text(clicked(click, "location"))
    if location is None:
        return no_update
    return None if location == focus else location


def download(page_state: dict) -> dict:
    """The CSV of what the map shows for the page's current selection."""
    page_state = page_values(page_state)
    ids = scope_ids(page_state["scope"])
    focus = page_state["focus"] if page_state["focus"] in ids else None
    text = map_csv_text(get_store(), page_state["indicator"], page_state["year"], ids, focus, page_state["lang"])
    name = f"migrant-stock-{page_state['indicator']}-{page_state['year']}" + (f"-{focus}" if focus else "")
    # dcc.send_data_frame(map_table(…).to_csv, name, index=False) gives this dict; the text is written without pandas
    return dcc.send_string(text, f"{name}.csv")


# Answers built at start-up (serving/precompute.py): every year × indicator × extent without focus, and focus on
# each target country from the default page; each control's options from the default page in each language.
PRECOMPUTE_PATH = "/map"
PRECOMPUTE_CONTROLS = (Map.INDICATOR, Map.YEAR, Map.SCOPE, Map.FOCUS)


def precompute_changes(values: dict, lang: str):
    for indicator, year, scope in product(INDICATORS, years(), ("region", "world")):
        values = {f"{Map.INDICATOR}.value": indicator, f"{Map.YEAR}.value": year, f"{Map.SCOPE}.value": scope}
        yield f"{Map.YEAR}.value", values  # values only (a Patch); an indicator change gives the same answer
        yield f"{Map.SCOPE}.value", values  # the whole figure


def selection(inputs: dict, state: dict, changed: list):
    """What update_map's answer depends on: the checked selection and what the trigger redraws. The state before
    it counts only through its language (and a year between marks, which is snapped from it: None, not looked up)."""
    controls = [f"{control}.value" for control in (Map.INDICATOR, Map.YEAR, Map.SCOPE, Map.FOCUS)]
    if len(changed) != 1 or changed[0] not in controls:
        return None
    indicator, year, scope, focus = (inputs.get(control) for control in controls)
    page_state = state.get(f"{Shell.PAGE_STATE}.data")
    if snapped_year(year, page_state) is not None:
        return None
    state = page_values({**as_dict(page_state), "indicator": indicator, "year": year, "scope": scope, "focus": focus})
    trigger = changed[0].rpartition(".")[0]
    redraw = "extent" if trigger == Map.SCOPE else "focus" if trigger == Map.FOCUS else "values"
    return (*(state[key] for key in ("lang", "indicator", "year", "scope", "focus")), redraw)


PRECOMPUTE_SELECTORS = {f"{Map.GRAPH}.figure": selection}


def register(app) -> None:
    @app.callback(
        Output(Map.GRAPH, "figure"), Output(Map.PANEL, "children"), Output(Map.SOURCE_LINE, "children"),
        Output(Shell.PAGE_STATE, "data", allow_duplicate=True), Output(Map.YEAR, "value", allow_duplicate=True),
        Input(Map.INDICATOR, "value"), Input(Map.YEAR, "value"), Input(Map.SCOPE, "value"),
        Input(Map.FOCUS, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_map(indicator, year, scope, focus, page_state):
        # A keyboard step lands between marks: show the year it stands for and move the slider there (Dash does
        # not call a callback again for its own output, so this call does the work).
        snapped = snapped_year(year, page_state)
        outputs = map_outputs(indicator, year if snapped is None else snapped, scope, focus, page_state,
                              ctx.triggered_id)
        return (*outputs, no_update if snapped is None else snapped)

    @app.callback(Output(Map.FOCUS, "value"), Input(Map.GRAPH, "clickData"), Input(Map.RESET, "n_clicks"),
                  State(Map.FOCUS, "value"), prevent_initial_call=True)
    def focus_on_click(click, _reset, focus):
        return next_focus(click, focus, ctx.triggered_id)

    @app.callback(Output(Map.DOWNLOAD, "data"), Input(Map.DOWNLOAD_BUTTON, "n_clicks"),
                  State(Shell.PAGE_STATE, "data"), prevent_initial_call=True)
    def send_csv(_clicks, page_state):
        return download(page_state)

    app.clientside_callback(PLAY_STEP, Output(Map.YEAR, "value"), Input(Map.PLAY_INTERVAL, "n_intervals"),
                            State(Map.YEAR, "value"), State(Map.YEAR, "marks"), prevent_initial_call=True)
    app.clientside_callback(PLAY_TOGGLE, Output(Map.PLAY_INTERVAL, "disabled"), Output(Map.PLAY, "children"),
                            Input(Map.PLAY, "n_clicks"), State(Map.PLAY_INTERVAL, "disabled"),
                            prevent_initial_call=True)
