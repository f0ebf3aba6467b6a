"""What a map needs besides its figure: the UN disclaimer under it, where the browser fetches its outlines, plotly.js'
base-map stubs, and the URL of a file in assets/."""
from __future__ import annotations

from dash import get_asset_url, get_relative_path

from i18n import t
from layouts.made import html


def map_disclaimer(lang: str) -> html.P:
    """Under every map: the UN's map disclaimer and the boundaries' source, from the translation catalogues."""
    return disclaimer(t("common.map_disclaimer", lang), t("common.map_attribution", lang))


def disclaimer(text: str, attribution: str) -> html.P:
    return html.P([text, " ", attribution], className="map-disclaimer small text-muted mb-0")


def asset_url(path: str) -> str:
    """URL of a file in assets/; works inside a running app and in tests that build layouts without one."""
    try:
        return get_asset_url(path)
    except AttributeError:  # no Dash app yet (unit tests): the default assets route
        return "/assets/" + path


GEOMETRY_ROUTE = "/geo/{scope}.json?v={version}"


def geometry_url(scope: str) -> str:
    """Where the browser fetches a map's outlines (served by app.py from geo/, cached by version): sending them
    once per browser instead of inside every page's figure."""
    import geo

    path = GEOMETRY_ROUTE.format(scope=scope, version=geo.version(scope))
    try:
        return get_relative_path(path)
    except AttributeError:  # no Dash app yet (unit tests)
        return path


TOPOJSON_STUBS = ("world_110m",)  # the base-map names plotly.js asks for at our resolution (see geo/build.py)


def topojson_stub_urls() -> dict[str, str]:
    """{name: URL} of plotly.js' base-map stubs (assets/topojson/) with their version (`?m=`, as Dash writes after
    its assets): pages fetch them early and hand them to plotly.js (PlotlyGeoAssets), cached for good."""
    import os
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "assets" / "topojson"
    return {name: f"{asset_url(f'topojson/{name}.json')}?m={os.path.getmtime(folder / f'{name}.json')}"
            for name in TOPOJSON_STUBS}
