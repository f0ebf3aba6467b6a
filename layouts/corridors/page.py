"""The corridors page: controls, the flow map and the Sankey, the corridor card, the sources side by side."""
from __future__ import annotations

import geo
from figures.corridors.map import build_flow_map
from i18n import t
from layouts import common
from layouts import share
from layouts.corridors.card import card_section
from layouts.corridors.comparison import comparison_section
from layouts.corridors.controls import controls
from layouts.corridors.flows import flows_info, flows_sources, flows_view
from layouts.corridors.params import selection_from
from layouts.corridors.parts import graph_config
from layouts.ids import Corridors
from layouts.made import dbc, dcc, html

# The flow map's height follows the window: 520 px on a laptop (as before), up to 780 px on a 1080p projector.
MAP_HEIGHT = "clamp(520px, 68vh, 780px)"


def layout(state: dict, lang: str, **_) -> html.Div:
    selection = selection_from(state)
    flows = flows_view(selection, lang)
    frame = flows.frame
    return html.Div([
        html.H1(t("corridors.heading", lang), className="h4"),
        html.P(t("corridors.intro", lang), className="small"),
        controls(state, selection, lang),
        dcc.Store(id=Corridors.MAP_SCOPE, data=frame.scope),
        dbc.Row([
            dbc.Col(dcc.Loading(dcc.Graph(id=Corridors.MAP, className="flow-map", style={"height": MAP_HEIGHT},
                                          figure=build_flow_map(geo.layer(frame.scope), frame,
                                                                common.geometry_url(frame.scope)),
                                          config=common.geo_graph_config("central-asia-corridors-map", lang)),
                                delay_show=400), lg=7),
            dbc.Col(dcc.Loading(dcc.Graph(id=Corridors.SANKEY, figure=flows.sankey,
                                          config=graph_config("central-asia-corridors-sankey", lang)), delay_show=400),
                    lg=5),
        ]),
        html.Div(flows_info(flows, lang), id=Corridors.FLOWS_INFO),
        html.Div(flows_sources(flows, lang), id=Corridors.FLOWS_SOURCES),
        html.Div([
            # the table of every corridor: built and sent only while its reader has it open (callbacks/tables.py)
            common.table_toggle(Corridors.FLOWS_TABLE_TOGGLE, Corridors.FLOWS_TABLE, t("corridors.show_table", lang),
                                t("corridors.hide_table", lang), Corridors.FLOWS_TABLE_LABELS),
            dbc.Button(t("corridors.download_flows", lang), id=Corridors.FLOWS_DOWNLOAD_BUTTON, size="sm",
                       color="secondary", outline=True, n_clicks=0),
            dcc.Download(id=Corridors.FLOWS_DOWNLOAD),
        ], className="d-flex flex-wrap gap-2 mt-1"),
        *common.table_collapse(Corridors.FLOWS_TABLE, Corridors.FLOWS_TABLE_BODY, Corridors.FLOWS_TABLE_REQUEST,
                               className="mt-2 mb-1 small"),
        html.Div([share.image_buttons(Corridors.MAP, lang, source_from=f"#{Corridors.FLOWS_SOURCES}",
                                      filename="central-asia-corridors-map"),
                  share.image_buttons(Corridors.SANKEY, lang, source_from=f"#{Corridors.FLOWS_SOURCES}",
                                      filename="central-asia-corridors-sankey")], className="d-flex flex-wrap gap-2 column-gap-3 mt-1"),
        card_section(state, flows, lang),
        comparison_section(lang),
    ], className="view-corridors")
