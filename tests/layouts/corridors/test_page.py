"""Corridors page: default and edge states, a source line and a table under every chart, the map's height."""
from __future__ import annotations

import json

import pytest
from dash import dcc, html
from plotly.utils import PlotlyJSONEncoder

from figures.corridors.map_frame import MAX_ARCS
from figures.corridors.selection import flows
from layouts import pages
from layouts.corridors.page import MAP_HEIGHT
from layouts.corridors.params import selection_from
from layouts.ids import Corridors
from tests.layouts.corridors.support import page, state_for
from tests.support.components import by_id, text_of, walk


def test_default_page(store):
    tree = page()
    figure = by_id(tree, Corridors.MAP).figure
    assert len(figure["data"]) == MAX_ARCS + 2
    drawn = [t for t in figure["data"][1:-1] if len(t.get("lon", []))]
    expected = flows(store, selection_from(state_for("")))
    assert len(drawn) == len(expected) == 9  # 5 × {Russia, Kazakhstan} without Kazakhstan → Kazakhstan
    assert by_id(tree, Corridors.MAP_SCOPE).data == "region"
    assert by_id(tree, Corridors.MAP).config["topojsonURL"].endswith("/assets/topojson/")
    assert by_id(tree, Corridors.SANKEY).figure["data"][0]["type"] == "sankey"
    assert by_id(tree, Corridors.ORIGIN).disabled and by_id(tree, Corridors.DESTINATION).disabled
    card = by_id(tree, Corridors.CARD)
    assert getattr(card.children, "data-corridor") == "UZB-RUS"  # the default corridor
    assert by_id(tree, Corridors.CARD_ORIGIN).value == "UZB" and by_id(tree, Corridors.CARD_DESTINATION).value == "RUS"
    text = text_of(tree)
    for needle in ("778,041 persons", "Model estimate, not a reported flow", "1.75%", "International Migrant Stock "
                   "2024 (Rev.2024)", "Citizens present (registrations, incl. short stays)", "3,000,000 persons"):
        assert needle in text, needle
    json.dumps(tree, cls=PlotlyJSONEncoder)  # serialisable as Dash will send it


def test_every_chart_has_a_source_line_and_a_table(store):
    tree = page()
    sources, card, comparison = (by_id(tree, i) for i in (Corridors.FLOWS_SOURCES, Corridors.CARD,
                                                          Corridors.COMPARISON))
    for block in (card, comparison):
        assert any(isinstance(c, html.Table) or type(c).__name__ == "Table" for c in walk(block))
    # the flow map's and the Sankey's: a button opens it, filled when opened (callbacks/corridors.flows_table)
    toggle, table = by_id(tree, Corridors.FLOWS_TABLE_TOGGLE), by_id(tree, Corridors.FLOWS_TABLE)
    assert getattr(toggle, "aria-controls") == Corridors.FLOWS_TABLE and getattr(toggle, "aria-expanded") == "false"
    assert text_of(toggle).startswith("Show the corridors as a table")
    assert table.is_open is False and by_id(tree, Corridors.FLOWS_TABLE_BODY).children is None
    assert getattr(by_id(tree, Corridors.FLOWS_TABLE_REQUEST), "data", None) is None
    shown, hidden = (by_id(tree, i) for i in Corridors.FLOWS_TABLE_LABELS)
    assert not getattr(shown, "hidden", None) and hidden.hidden is True and text_of(hidden) == "Hide the table"
    for block in (sources, card, comparison):
        links = [c.href for c in walk(block) if isinstance(c, dcc.Link)]
        assert any(href.startswith("/sources?lang=en#") for href in links)
    assert "Caveats" in text_of(sources) and "Natural Earth" in text_of(sources)
    info_links = {c.href for c in walk(sources) if isinstance(c, dcc.Link)}
    assert "/sources?lang=en#undesa_ims_2024" in info_links and "/sources?lang=en#natural_earth_v4" in info_links
    comparison_links = {c.href.split("#")[1] for c in walk(comparison) if isinstance(c, dcc.Link)}
    assert {"iom_ca_strategy", "undesa_ims_2020", "undesa_ims_2024", "knomad_stock_2017"} <= comparison_links


@pytest.mark.parametrize("search", [
    "?origin=TKM&sex=female&year=1990&source=undesa_ims_2020",
    "?destination=TUV",  # a destination with no corridors at all
    "?mode=origin&origin=AFG&sex=male&year=2005",
    "?corridor=TKM-TUV",  # a corridor with no data
    "?corridor=KAZ-RUS&year=2000",
])
def test_edge_states_render(search):
    tree = page(search)
    assert by_id(tree, Corridors.MAP).figure is not None
    json.dumps(tree, cls=PlotlyJSONEncoder)


def test_no_data_is_said(store):
    from callbacks.corridors import flows_table, table_request

    tree = page("?destination=TUV&corridor=TKM-TUV")
    assert "No data for this selection." in str(flows_table(table_request(state_for("?destination=TUV"))).raw)
    assert "There are no figures for this corridor" in text_of(by_id(tree, Corridors.CARD))


def test_the_flow_map_grows_with_the_screen_for_a_projector():
    graph = by_id(pages.render("/corridors", ""), Corridors.MAP)
    assert graph.style["height"] == MAP_HEIGHT and "vh" in MAP_HEIGHT
    assert "height" not in graph.figure["layout"]  # a fixed 520 px left a 1080p projector mostly empty
