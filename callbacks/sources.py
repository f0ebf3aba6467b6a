"""Sources page wiring: scroll to the #<source id> card of the address, and the CSV of the source list."""
from __future__ import annotations

from dash import Input, Output, dcc

from data.query import get_store
from layouts import sources as view
from layouts.ids import Sources

# The page is rendered after the browser has looked for the #fragment, so the browser's own jump finds nothing.
# Once the page's store is mounted, find the card (retrying for a few frames while React commits the page), scroll
# to it and outline it if it is a dataset's card.
SCROLL_TO_HASH = """
function(_mounted) {
    const target = decodeURIComponent((window.location.hash || '').slice(1));
    if (!target) { return window.dash_clientside.no_update; }
    let tries = 0;
    const jump = () => {
        const card = document.getElementById(target);
        if (card) {
            card.scrollIntoView({block: 'start'});
            if (card.classList.contains('source-card')) {
                card.classList.add('border-primary', 'border-2', 'shadow');
            }
        } else if (tries++ < 40) {
            window.requestAnimationFrame(jump);
        }
    };
    window.requestAnimationFrame(jump);
    return target;
}
"""


def register(app) -> None:
    app.clientside_callback(SCROLL_TO_HASH, Output(Sources.SCROLL_DONE, "data"),
                            Input(Sources.SCROLL_TARGET, "data"))

    @app.callback(Output(Sources.DOWNLOAD, "data"), Input(Sources.DOWNLOAD_BUTTON, "n_clicks"),
                  prevent_initial_call=True)
    def download(_clicks):
        return dcc.send_data_frame(view.sources_table(get_store()).to_csv, "central-asia-dashboard-sources.csv",
                                   index=False)
