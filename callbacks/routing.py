"""The router, the URL writer and the app-wide error handler."""
from __future__ import annotations

import logging
import os

from dash import Input, Output, State, ctx, no_update, set_props
from flask import g

from i18n import t
from state import as_text
from layouts import pages
from layouts.ids import Shell

log = logging.getLogger(__name__)

# Writes a page's state into the query string in the browser: no server round trip. Values that are lists are
# joined by commas, empty ones left out. history.replaceState, like Our World in Data's grapher: the address bar
# always holds a link to what is on screen, without a reload and without a history entry per slider step
# (so Back leaves the page rather than stepping back through selections the page would not re-render).
STATE_TO_SEARCH = r"""
function(state) {
    if (!state) { return window.dash_clientside.no_update; }
    // A deck's slide keeps the deck's address (/present?deck=…&slide=n); a view shown as a slide stays one.
    if (window.location.pathname.replace(/\/$/, '') === '/present') { return window.dash_clientside.no_update; }
    const params = new URLSearchParams();
    const current = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(state)) {
        if (value === null || value === undefined || value === '') { continue; }
        if (Array.isArray(value)) { if (value.length) { params.set(key, value.join(',')); } continue; }
        params.set(key, String(value));
    }
    for (const kept of ['present', 'part']) { if (current.get(kept)) { params.set(kept, current.get(kept)); } }
    const search = '?' + params.toString().replace(/%2C/g, ',');
    if (search !== window.location.search) {
        window.history.replaceState(window.history.state, '', window.location.pathname + search);
    }
    return search;
}
"""

# The page's title and language into the document: a tab and a bookmark say which view it is, a screen reader
# reads the text in the page's language (the index page is served before the page is known).
# Two repairs of Dash's own components, applied as they are drawn (a MutationObserver, once per document):
# - a slider's handle (role="slider") has no name, and its id sits on a wrapper that a <label for> cannot label:
#   each handle gets the text of the label pointing at its slider;
# - a dropdown is reached by Tab through a hidden, focusable stand-in input (aria-hidden yet focusable, which
#   screen readers trip over) and its button is named by its values only, not by its <label>: the button itself
#   becomes the Tab stop, named by its label and described by its values.
META_TO_DOCUMENT = """
function(meta) {
    if (!meta) { return window.dash_clientside.no_update; }
    if (meta.title) { document.title = meta.title; }
    if (meta.lang) { document.documentElement.lang = meta.lang; }
    const repair = () => {
        for (const handle of document.querySelectorAll('[role="slider"]:not([aria-label])')) {
            for (let el = handle.parentElement; el; el = el.parentElement) {
                const label = el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
                if (label) { handle.setAttribute('aria-label', label.textContent.trim()); break; }
            }
        }
        for (const stand_in of document.querySelectorAll('input.dash-dropdown-focus-target:not([tabindex="-1"])')) {
            stand_in.tabIndex = -1;
        }
        // the clear-selection icon inside the button is for the mouse (Delete clears from the keyboard): its
        // name would otherwise be read as part of the button's text
        for (const clear of document.querySelectorAll('.dash-dropdown-clear:not([aria-hidden])')) {
            clear.setAttribute('aria-hidden', 'true');
        }
        for (const button of document.querySelectorAll('button.dash-dropdown[id]')) {
            if (!button.disabled && button.tabIndex !== 0) { button.tabIndex = 0; }
            const label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
            const shown = button.querySelector('.dash-dropdown-trigger');  // the values and their count, as shown
            if (!label || !shown) { continue; }
            // named by its <label> (a button is labelable), its values read as the description
            if (button.hasAttribute('aria-labelledby')) { button.removeAttribute('aria-labelledby'); }
            if (!shown.id) { shown.id = button.id + '-shown'; }
            if (button.getAttribute('aria-describedby') !== shown.id) { button.setAttribute('aria-describedby', shown.id); }
        }
    };
    repair();
    if (!window._repairObserver) {  // components drawn or redrawn later (a new page, a dcc.Loading) as they come
        window._repairObserver = new MutationObserver(repair);
        window._repairObserver.observe(document.body, {childList: true, subtree: true, attributes: true,
                                                       attributeFilter: ['tabindex', 'aria-labelledby']});
    }
    return meta.title || '';
}
"""


def on_callback_error(error: Exception):
    """Any failure inside a callback: log it, tell the user politely, leave the page as it was (no 500)."""
    log.exception("callback failed", exc_info=error)
    g.callback_failed = True  # this response is not cached (serving/requests.py)
    set_props(Shell.ERROR_TOAST, {"is_open": True, "children": t("common.server_error")})
    return None  # Dash turns None into no_update for every output


BENCH_NOOP_ENV = "CAMR_BENCH_NOOP"


def bench_noop_enabled() -> bool:
    """The benchmarks' no-op callback exists only when they ask for it (bench/ sets CAMR_BENCH_NOOP=1)."""
    return os.environ.get(BENCH_NOOP_ENV) == "1"


def selection(inputs: dict, state: dict, changed: list):
    """What the router's answer depends on when a path is opened (serving/precompute.py): the path and the query,
    whichever of them changed with it. None for a new query alone (presentation mode's business)."""
    path_changed, search_changed = f"{Shell.URL}.pathname", f"{Shell.URL}.search"
    pathname = as_text(inputs.get(path_changed))
    if pathname is None or path_changed not in changed or not set(changed) <= {path_changed, search_changed}:
        return None
    return pathname, as_text(inputs.get(search_changed))


PRECOMPUTE_SELECTORS = {f"{Shell.PAGE}.children": selection}


def register(app) -> None:
    # Not called for the first view when the HTML brought it (serving/first_page.py: the dcc.Location then starts
    # with the address bar's pathname and query); otherwise the Location sets them as it mounts, which calls this.
    @app.callback(Output(Shell.PAGE, "children"), Input(Shell.URL, "pathname"), Input(Shell.URL, "search"),
                  prevent_initial_call=True)
    def render_page(pathname, search):
        pathname, search = as_text(pathname), as_text(search)
        # A new query on the same path re-renders only in presentation mode (the next slide, the back button
        # through slides); views keep their own query in step with their controls.
        only_query = ctx.triggered_id == Shell.URL and f"{Shell.URL}.pathname" not in ctx.triggered_prop_ids
        if only_query and not ((pathname or "").startswith("/present") or "present=" in (search or "")):
            return no_update
        return pages.render(pathname, search)

    app.clientside_callback(STATE_TO_SEARCH, Output(Shell.URL_SYNC, "title"), Input(Shell.PAGE_STATE, "data"),
                            prevent_initial_call=True)
    app.clientside_callback("function(n, open) { return n ? !open : open; }", Output(Shell.NAV_COLLAPSE, "is_open"),
                            Input(Shell.NAV_TOGGLER, "n_clicks"), State(Shell.NAV_COLLAPSE, "is_open"),
                            prevent_initial_call=True)
    app.clientside_callback(META_TO_DOCUMENT, Output(Shell.META_SYNC, "title"), Input(Shell.PAGE_META, "data"))

    if not bench_noop_enabled():
        return

    # Only when a benchmark asks for it (CAMR_BENCH_NOOP=1): it echoes whatever it is sent.
    @app.callback(Output(Shell.BENCH_NOOP_OUTPUT, "children"), Input(Shell.BENCH_NOOP_INPUT, "value"),
                  prevent_initial_call=True)
    def noop(value):
        return value
