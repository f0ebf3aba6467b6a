"""The router, the URL writer and the app-wide error handler."""
from __future__ import annotations

import logging

from dash import Input, Output, State, ctx, no_update, set_props

from i18n import t
from layouts import pages
from layouts.ids import Shell

log = logging.getLogger(__name__)

# Writes a page's state into the query string in the browser: no server round trip. Values that are lists are
# joined by commas, empty ones left out. history.replaceState, like Our World in Data's grapher: the address bar
# always holds a link to what is on screen, without a reload and without a history entry per slider step
# (so Back leaves the page rather than stepping back through selections the page would not re-render).
STATE_TO_SEARCH = """
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
# Dash's slider draws its handle (role="slider") without a name, and its id sits on a wrapper that a <label for>
# cannot label: each handle gets the text of the label pointing at its slider, once the page has been drawn.
META_TO_DOCUMENT = """
function(meta) {
    if (!meta) { return window.dash_clientside.no_update; }
    if (meta.title) { document.title = meta.title; }
    if (meta.lang) { document.documentElement.lang = meta.lang; }
    const nameSliders = () => {
        for (const handle of document.querySelectorAll('[role="slider"]:not([aria-label])')) {
            for (let el = handle.parentElement; el; el = el.parentElement) {
                const label = el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
                if (label) { handle.setAttribute('aria-label', label.textContent.trim()); break; }
            }
        }
    };
    nameSliders();
    if (!window._nameSlidersObserver) {  // sliders drawn later (a new page, a dcc.Loading) are named as they come
        window._nameSlidersObserver = new MutationObserver(nameSliders);
        window._nameSlidersObserver.observe(document.body, {childList: true, subtree: true});
    }
    return meta.title || '';
}
"""


def on_callback_error(error: Exception):
    """Any failure inside a callback: log it, tell the user politely, leave the page as it was (no 500)."""
    log.exception("callback failed", exc_info=error)
    set_props(Shell.ERROR_TOAST, {"is_open": True, "children": t("common.server_error")})
    return None  # Dash turns None into no_update for every output


def register(app) -> None:
    @app.callback(Output(Shell.PAGE, "children"), Input(Shell.URL, "pathname"), Input(Shell.URL, "search"))
    def render_page(pathname, search):
        # A new query on the same path re-renders only in presentation mode (the next slide, the back button
        # through slides); views keep their own query in step with their controls.
        only_query = ctx.triggered_id == Shell.URL and f"{Shell.URL}.pathname" not in ctx.triggered_prop_ids
        if only_query and not ((pathname or "").startswith("/present") or "present=" in (search or "")):
            return no_update
        return pages.render(pathname, search)

    app.clientside_callback(STATE_TO_SEARCH, Output(Shell.URL_SYNC, "title"), Input(Shell.PAGE_STATE, "data"),
                            prevent_initial_call=True)
    app.clientside_callback(META_TO_DOCUMENT, Output(Shell.META_SYNC, "title"), Input(Shell.PAGE_META, "data"))

    @app.callback(Output(Shell.BENCH_NOOP_OUTPUT, "children"), Input(Shell.BENCH_NOOP_INPUT, "value"),
                  prevent_initial_call=True)
    def noop(value):
        return value
