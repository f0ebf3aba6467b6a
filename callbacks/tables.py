"""Table alternatives of charts, built only when a reader opens one (most never do: no selection pays for them).

A button opens and closes the table in the browser (`TOGGLE_TABLE`: no server round trip), a clientside callback
passes what the table shows on to the server only while it is open (`TABLE_REQUEST` or `table_request_js`: when it
opens, and at each new page state while it stays open), and a server callback fills it. Used by the remittances
view (one per chart) and the corridors view (the table of every corridor under the flow map)."""
from __future__ import annotations

import json

from dash import Input, Output, State

from layouts.ids import Shell

# Opens and closes a table in the browser (no server round trip), telling assistive technology it did; of the
# button's two texts ("Show table", "Hide table": layouts/common.table_toggle) the one that says what the next
# click does is shown.
TOGGLE_TABLE = """
function(n, isOpen) { var open = !isOpen; return [open, String(open), open, !open]; }
"""
# Asks for a table's rows only while it is open: when it opens, and at each new page state while it stays open.
# A closed table costs no request (the server callback used to take the page state itself and answer "no update"
# for each closed table at every selection: five round trips, 28 % of the load benchmark's requests).
TABLE_REQUEST = """
function(isOpen, state) { return isOpen === true ? {state: state} : window.dash_clientside.no_update; }
"""


def table_request_js(keys: tuple[str, ...]) -> str:
    """`TABLE_REQUEST` for a table that shows less than the whole page state: only `keys` of it are passed on (in
    that order, a missing one as null), and only when they differ from what the table was last asked for (the body
    still holds those rows: reopening it, or a page state changed elsewhere, costs no request). The callback takes
    what it last asked (`State` of its own output) as a third argument."""
    return """
function(isOpen, state, asked) {
    if (isOpen !== true) { return window.dash_clientside.no_update; }
    var keys = %s, picked = {};
    for (var i = 0; i < keys.length; i++) {
        var value = state ? state[keys[i]] : undefined;
        picked[keys[i]] = value === undefined ? null : value;
    }
    var next = {state: picked};
    return asked && JSON.stringify(asked) === JSON.stringify(next) ? window.dash_clientside.no_update : next;
}
""" % json.dumps(list(keys))


def picked(state, keys: tuple[str, ...]) -> dict:
    """What `table_request_js(keys)` passes on for a page state (the same, in Python: tests, load benchmark,
    answers built ahead)."""
    state = state if isinstance(state, dict) else {}
    return {"state": {key: state.get(key) for key in keys}}


def register_table(app, toggle: str, table: str, body: str, request: str, fill, *, labels: tuple[str, str],
                   keys: tuple[str, ...] | None = None) -> None:
    """Wire one table alternative: the `toggle` button opens the collapse `table`; while it is open the store
    `request` holds the page state (or its `keys`), and `fill(asked)` (a server callback) writes the `body`.
    `labels`: the ids of the button's two texts (layouts/common.table_toggle)."""
    app.clientside_callback(TOGGLE_TABLE, Output(table, "is_open"), Output(toggle, "aria-expanded"),
                            Output(labels[0], "hidden"), Output(labels[1], "hidden"),
                            Input(toggle, "n_clicks"), State(table, "is_open"), prevent_initial_call=True)
    if keys is None:
        app.clientside_callback(TABLE_REQUEST, Output(request, "data"),
                                Input(table, "is_open"), Input(Shell.PAGE_STATE, "data"), prevent_initial_call=True)
    else:
        app.clientside_callback(table_request_js(keys), Output(request, "data"),
                                Input(table, "is_open"), Input(Shell.PAGE_STATE, "data"), State(request, "data"),
                                prevent_initial_call=True)
    app.callback(Output(body, "children"), Input(request, "data"), prevent_initial_call=True)(fill)
