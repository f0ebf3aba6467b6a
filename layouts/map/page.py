"""The map page: the controls above the map and the panel beside it, the source block, download and image buttons
under them."""
from __future__ import annotations

from i18n import t
from layouts import common, share
from layouts.ids import Map
from layouts.made import dbc, dcc, html
from layouts.map.controls import controls
from layouts.map.figure import MAP_HEIGHT, figure_for
from layouts.map.panel import panel
from layouts.map.source_block import source_block


def layout(state: dict, lang: str, **_) -> html.Div:
    return html.Div([
        html.H1(t("map.heading", lang), className="h4"),
        controls(state, lang),
        dbc.Row([
            dbc.Col(dcc.Loading(dcc.Graph(id=Map.GRAPH, figure=figure_for(state, lang), className="map-graph",
                                          style={"height": MAP_HEIGHT},
                                          config=common.geo_graph_config("central-asia-migrant-stock-map", lang)),
                                delay_show=400), lg=8),
            dbc.Col(html.Div(panel(state, lang), id=Map.PANEL), lg=4),
        ]),
        html.Div(source_block(state, lang), id=Map.SOURCE_LINE, className="mt-2"),
        html.Button(t("map.download", lang), id=Map.DOWNLOAD_BUTTON, n_clicks=0,
                    className="btn btn-sm btn-outline-secondary mt-2 no-print"),
        dcc.Download(id=Map.DOWNLOAD),
        share.image_buttons(Map.GRAPH, lang, source_from=f"#{Map.SOURCE_LINE}",
                            filename="central-asia-migrant-stock-map"),
    ], className="view-map")
