"""dcc.Graph's config for every chart of the app (never an upload to Plotly Cloud; the page's language)."""
from __future__ import annotations

from i18n import DEFAULT_LANG, normalise_lang
from layouts.common.maps import asset_url


def graph_config(filename: str | None = None, *, mode_bar: bool = True, remove=(), lang: str | None = None) -> dict:
    """dcc.Graph config for every chart of the app. plotly.js 4 shows a "Share chart..." button by default that
    uploads the figure (data included) to Plotly Cloud: never in an offline dashboard, so it is always off.
    `filename` names the PNG of the camera button; `remove` lists further mode-bar buttons to hide; `lang` other
    than English switches plotly.js to its locale (mode-bar tooltips, month names, decimal comma in its own number
    formats; vendored in assets/locales/)."""
    config = {"displaylogo": False, "showSendToCloud": False, "responsive": True}
    if lang and normalise_lang(lang) != DEFAULT_LANG:
        config["locale"] = normalise_lang(lang)
    if not mode_bar:
        config["displayModeBar"] = False
    if remove:
        config["modeBarButtonsToRemove"] = list(remove)
    if filename:
        config["toImageButtonOptions"] = {"filename": filename}
    return config


def geo_graph_config(filename: str, lang: str | None = None) -> dict:
    """dcc.Graph config for plotly geo figures. plotly.js fetches base-map topojson from a CDN unless told to
    look in our assets (where a stub lives: the maps draw the project's own geometry)."""
    return {**graph_config(filename, remove=("select2d", "lasso2d"), lang=lang),
            "topojsonURL": asset_url("topojson/")}
