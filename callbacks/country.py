"""Country profile wiring: the country selector navigates, the buttons print and download. Nothing computed here."""
from __future__ import annotations

from dash import Input, Output, State, dcc, no_update

from data.query import get_store
from figures.country.table import profile_table
from layouts.country.links import profile_href, resolve
from layouts.ids import Country, Shell
from state import LANG, as_text, read_payload

# Printing: the small charts are sized for the screen; give them the print column's width while printing, and
# back after. Installed once per browser window (the listeners outlive page changes).
PRINT_SETUP = """
function(iso3) {
    if (window._countryPrintSetup) { return window.dash_clientside.no_update; }
    window._countryPrintSetup = true;
    const graphs = () => Array.from(document.querySelectorAll('.country-trend-graph .js-plotly-plot'));
    window.addEventListener('beforeprint', () => {
        if (!window.Plotly) { return; }
        graphs().forEach(gd => window.Plotly.relayout(gd, {width: 330, height: 150, autosize: false}));
    });
    window.addEventListener('afterprint', () => {
        if (!window.Plotly) { return; }
        graphs().forEach(gd => window.Plotly.relayout(gd, {width: null, height: null, autosize: true})
            .then(() => window.Plotly.Plots.resize(gd)));
    });
    return window.dash_clientside.no_update;
}
"""
PRINT = """
function(n) { if (n) { window.print(); } return window.dash_clientside.no_update; }
"""


def navigation_target(iso3: str | None, page_state: dict | None) -> str | None:
    """Where choosing `iso3` in the selector goes: its profile, in the page's language."""
    code = resolve(as_text(iso3))
    if code is None:
        return None
    return profile_href(code, read_payload(page_state, [LANG])["lang"])


def download(iso3: str | None, lang: str = "en") -> dict | None:
    code = resolve(as_text(iso3))
    if code is None:
        return None
    table = profile_table(get_store(), code, lang)
    return dcc.send_data_frame(table.to_csv, f"country-profile-{code}.csv", index=False)


def register(app) -> None:
    @app.callback(Output(Country.NAVIGATE, "href"), Input(Country.SELECT, "value"), State(Shell.PAGE_STATE, "data"),
                  State(Country.NAVIGATE, "pathname"), prevent_initial_call=True)
    def go_to_profile(iso3, page_state, pathname):
        target = navigation_target(iso3, page_state)
        if target is None or target.split("?")[0] == pathname:
            return no_update
        return target

    @app.callback(Output(Country.DOWNLOAD, "data"), Input(Country.DOWNLOAD_BUTTON, "n_clicks"),
                  State(Country.ISO3, "data"), State(Shell.PAGE_STATE, "data"), prevent_initial_call=True)
    def download_profile(_clicks, iso3, page_state):
        return download(iso3, read_payload(page_state, [LANG])["lang"]) or no_update

    app.clientside_callback(PRINT_SETUP, Output(Country.PRINT, "title"), Input(Country.ISO3, "data"))
    app.clientside_callback(PRINT, Output(Country.PRINT, "className"), Input(Country.PRINT, "n_clicks"),
                            prevent_initial_call=True)
