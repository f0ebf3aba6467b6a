"""Corridors layout: URL state (incl. the map's ?origin= / ?destination= links), the page for default and edge
states, tables, source lines and the year fallback notice."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from dash import Dash, dcc, html
from plotly.utils import PlotlyJSONEncoder

from data.query import get_store
from figures import corridors as fig
from layouts import corridors as view
from layouts.ids import Corridors
from state import parse_query
from tests.support.components import by_id, text_of, walk


@pytest.fixture(scope="module", autouse=True)
def dash_app():
    return Dash(__name__)  # graph configs use get_asset_url, which needs an app's config


@pytest.fixture(scope="module")
def store():
    return get_store()


def state_for(search: str) -> dict:
    state, notices = parse_query(search, view.params())
    assert not notices, notices
    return {"lang": "en", **state}


def page(search: str = ""):
    state = state_for(search)
    return view.layout(state, "en")


# --- URL state -----------------------------------------------------------------------------------------------------
def test_defaults(store):
    state = state_for("")
    assert state == {"lang": "en", "year": 2024, "sex": "total", "mode": "default", "origin": None,
                     "destination": None, "corridor": None, "source": "undesa_ims_2024"}
    selection = view.selection_from(state)
    assert (selection.mode, selection.origin, selection.destination) == ("default", None, None)


@pytest.mark.parametrize("search, mode, origin, destination", [
    ("?origin=UZB", "origin", "UZB", None),  # the map view's link
    ("?destination=rus", "destination", None, "RUS"),  # the map view's link, any case
    ("?mode=origin", "origin", "UZB", None),  # a mode without its country: Uzbekistan
    ("?mode=destination", "destination", None, "RUS"),
    ("?mode=destination&origin=KGZ&destination=KAZ", "destination", None, "KAZ"),
])
def test_links_choose_the_mode(search, mode, origin, destination):
    selection = view.selection_from(state_for(search))
    assert (selection.mode, selection.origin, selection.destination) == (mode, origin, destination)


@pytest.mark.parametrize("search, param", [
    ("?year=2023", "year"), ("?year=abc", "year"), ("?sex=children", "sex"), ("?mode=all", "mode"),
    ("?origin=XXX", "origin"), ("?destination=<b>", "destination"), ("?corridor=UZB-UZB", "corridor"),
    ("?corridor=UZB", "corridor"), ("?source=knomad_stock_2017", "source"),
])
def test_bad_values_fall_back_with_a_notice(search, param):
    state, notices = parse_query(search, view.params())
    assert [n.param for n in notices] == [param]
    assert state[param] == next(p.default for p in view.params() if p.name == param)


def test_garbage_in_the_link_gives_the_default_page_and_a_polite_notice():
    from layouts import pages
    from layouts.ids import Shell

    tree = pages.render("/corridors", "?origin=XXX&year=abc&corridor=%3Cb%3E&sex=kids")
    notice = text_of(by_id(tree, Shell.NOTICE))
    for shown in ("XXX", "abc", "<b>", "kids"):
        assert shown in notice
    assert "Migrants from Central Asia in Russia and Kazakhstan, 2024" in by_id(tree, Corridors.MAP).figure.layout.title.text


def test_state_from_controls_validates_what_the_browser_sends():
    state = view.state_from_controls("xx", "2024", "children", "origin", "<script>", "RUS", "bogus", "UZB", "UZB")
    assert state == {"lang": "en", "year": 2024, "sex": "total", "mode": "origin", "origin": None,
                     "destination": None, "corridor": None, "source": "undesa_ims_2024"}
    state = view.state_from_controls("en", 2015, "female", "destination", "UZB", "KAZ", "undesa_ims_2020", "KGZ",
                                     "KAZ")
    assert state == {"lang": "en", "year": 2015, "sex": "female", "mode": "destination", "origin": None,
                     "destination": "KAZ", "corridor": "KGZ-KAZ", "source": "undesa_ims_2020"}


# --- the page ------------------------------------------------------------------------------------------------------
def test_default_page(store):
    tree = page()
    figure = by_id(tree, Corridors.MAP).figure
    assert len(figure.data) == fig.MAX_ARCS + 2
    drawn = [t for t in figure.data[1:-1] if t.lon is not None and len(t.lon)]
    expected = fig.flows(store, view.selection_from(state_for("")))
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
    info, sources, card, comparison = (by_id(tree, i) for i in (Corridors.FLOWS_INFO, Corridors.FLOWS_SOURCES,
                                                                  Corridors.CARD, Corridors.COMPARISON))
    for block in (info, card, comparison):
        assert any(isinstance(c, html.Table) or type(c).__name__ == "Table" for c in walk(block))
    for block in (sources, card, comparison):
        links = [c.href for c in walk(block) if isinstance(c, dcc.Link)]
        assert any(href.startswith("/sources?lang=en#") for href in links)
    assert "Caveats" in text_of(sources) and "Natural Earth" in text_of(sources)
    info_links = {c.href for c in walk(sources) if isinstance(c, dcc.Link)}
    assert "/sources?lang=en#undesa_ims_2024" in info_links and "/sources?lang=en#natural_earth_v4" in info_links
    comparison_links = {c.href.split("#")[1] for c in walk(comparison) if isinstance(c, dcc.Link)}
    assert {"iom_ca_strategy", "undesa_ims_2020", "undesa_ims_2024", "knomad_stock_2017"} <= comparison_links


def test_flows_table_lists_every_corridor_even_beyond_the_drawn_arcs(store):
    tree = page("?destination=RUS")
    info = by_id(tree, Corridors.FLOWS_INFO)
    rows = [c for c in walk(info) if type(c).__name__ == "Tr"]
    expected = fig.flows(store, view.selection_from(state_for("?destination=RUS")))
    assert len(expected) > fig.MAX_ARCS
    assert len(rows) == len(expected) + 1  # + header
    assert by_id(tree, Corridors.MAP_SCOPE).data == "world"
    assert not by_id(tree, Corridors.DESTINATION).disabled and by_id(tree, Corridors.DESTINATION).value == "RUS"


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
    tree = page("?destination=TUV&corridor=TKM-TUV")
    assert "No data for this selection." in text_of(by_id(tree, Corridors.FLOWS_INFO))
    assert "There are no figures for this corridor" in text_of(by_id(tree, Corridors.CARD))


def test_year_missing_from_the_revision_is_shown_with_a_notice(store):
    tree = page("?year=2024&source=undesa_ims_2020")
    assert "has no figures for 2024: showing 2020" in text_of(by_id(tree, Corridors.FLOWS_INFO))
    assert "2020" in by_id(tree, Corridors.MAP).figure.layout.title.text


def test_card_of_a_corridor_to_russia_shows_the_fms_count_as_another_measure(store):
    card = by_id(page("?corridor=TJK-RUS"), Corridors.CARD)
    stats = {getattr(c, "data-stat"): c.children for c in walk(card) if hasattr(c, "data-stat")}
    assert stats["citizens_present"] == "1,200,000 persons"
    assert stats["stock"] == "415,676 persons"  # UN DESA 2024, foreign-born
    assert "citizens_present" not in {getattr(c, "data-stat") for c in walk(by_id(page("?corridor=TJK-KAZ"),
                                                                                     Corridors.CARD))
                                      if hasattr(c, "data-stat")}


def test_card_without_cost_data_says_so(store):
    tree = page("?corridor=UZB-KAZ")
    text = text_of(by_id(tree, Corridors.CARD))
    assert "Remittance Prices Worldwide has no figures for this corridor." in text
    assert "Uzbekistan → Kazakhstan" in text


def test_csv_downloads_carry_provenance(store):
    flows = view.flows_csv(view.selection_from(state_for("?year=2020")))
    assert {"source", "publisher", "vintage", "licence", "origin_name", "destination_name"} <= set(flows.columns)
    assert flows.set_index(["origin", "destination"]).loc[("UZB", "RUS"), "value"] == 871_154
    card = view.card_csv("UZB", "RUS", "undesa_ims_2024")
    assert {"stock_total", "women_share", "remittances_usd", "cost_pct", "citizens_present"} <= set(card["measure"])
    assert set(card["vintage"]) >= {"Rev.2024", "2022-12", "2020-12-07"}
    comparison = view.comparison_csv()
    assert (comparison["destination"] == "RUS").all()
    fms = comparison[comparison["measure"] == "citizens_present"]
    assert fms.set_index("origin").loc["UZB", "value"] == 3_000_000
    pd.read_csv(io.StringIO(comparison.to_csv(index=False)))


def test_distinct_caveats_drop_repeated_sentences():
    texts = ["A is so. B is so.", "B is so. C is so.", "A is so."]
    assert view.distinct_caveats(texts) == ["A is so. B is so.", "C is so."]


def test_the_flow_map_grows_with_the_screen_for_a_projector():
    from layouts import pages
    from tests.support.components import by_id

    graph = by_id(pages.render("/corridors", ""), Corridors.MAP)
    assert graph.style["height"] == view.MAP_HEIGHT and "vh" in view.MAP_HEIGHT
    assert graph.figure.layout.height is None  # a fixed 520 px left a 1080p projector mostly empty


@pytest.mark.parametrize("search, expected", [
    ("?origin=USA", "account for 3.28% of the 3,186,999 people born in United States"),
    ("?destination=USA&mode=destination", "account for 8.88% of the 52,375,047 immigrants living in United States"),
    ("?origin=USA&sex=female", "These are not all the destinations of people born in United States"),
    ("?origin=USA&source=undesa_ims_2020&year=2020", "These are not all the destinations"),
    ("?origin=UZB", None),  # a Central Asian origin: all its corridors are held
    ("", None),
])
def test_one_country_s_corridors_say_when_they_are_only_part_of_its_migrants(search, expected):
    from layouts import pages

    info = text_of(by_id(pages.render("/corridors", search), Corridors.FLOWS_INFO))
    if expected:
        assert expected in info  # the US-born seemed to live in China, Türkiye and Russia only
    else:
        assert "dashboard holds bilateral data only" not in info


def test_a_card_figure_without_data_has_no_dash_for_its_year():
    card = text_of(view.card_body("USA", "CHN", "undesa_ims_2024", "en"))
    assert "Cost of sending US$ 200 No data" in card and "—" not in card  # was "Cost of sending US$ 200, —"
    assert "Migrants, 2024" in card


def test_card_remittances_are_labelled_with_the_year_of_the_matrix_shown():
    from layouts import corridors as view
    from tests.support.components import text_of

    text = text_of(view.card_body("UZB", "RUS", "undesa_ims_2024", "en"))
    assert "Remittances sent home, 2021" in text  # the 2021 matrix is the default (2017 kept as a source)
