import json

import pytest

from layouts import map as view
from layouts import pages
from layouts.ids import Map, Shell
from tests.support.components import by_id, text_of


def test_default_state_is_the_latest_year_of_emigrants_in_the_region():
    page = pages.render("/map", "")
    state = by_id(page, Shell.PAGE_STATE).data
    assert state == {"lang": "en", "indicator": "emigrants", "year": 2024, "scope": "region", "focus": None}
    assert by_id(page, Map.YEAR).value == 2024
    assert by_id(page, Map.GRAPH).figure["data"][0]["locations"]


def test_landing_page_is_the_map():
    assert by_id(pages.render("/", ""), Map.GRAPH) is not None


def test_state_from_the_url_is_restored_in_every_control():
    page = pages.render("/map", "?indicator=emigrants_pct&year=2010&scope=world&focus=kgz")
    assert by_id(page, Map.INDICATOR).value == "emigrants_pct"
    assert by_id(page, Map.YEAR).value == 2010
    assert by_id(page, Map.SCOPE).value == "world"
    assert by_id(page, Map.FOCUS).value == "KGZ"
    assert "Kyrgyzstan" in json.dumps(by_id(page, Map.PANEL).to_plotly_json(), default=str)


def test_garbage_parameters_fall_back_to_defaults_with_a_notice():
    page = pages.render("/map", "?indicator=drop%20table&year=1789&scope=moon&focus=XXX&lang=kl")
    notice = json.dumps(by_id(page, Shell.NOTICE).to_plotly_json(), default=str)
    for shown in ("drop table", "1789", "moon", "XXX", "kl"):
        assert shown in notice
    assert by_id(page, Map.YEAR).value == 2024 and by_id(page, Map.FOCUS).value is None


def test_embed_has_the_map_without_navigation():
    page = pages.render("/embed/map", "?year=2020")
    text = json.dumps(page.to_plotly_json(), default=str)
    assert by_id(page, Map.GRAPH) is not None and "navbar" not in text.lower()
    assert "International Migrant Stock 2024" in text  # the source line travels with the embed


@pytest.mark.parametrize("key", ["immigrants", "immigrants_pct", "emigrants", "emigrants_pct"])
def test_source_block_names_publisher_and_disclaimer(key):
    state = {"lang": "en", "indicator": key, "year": 2020, "scope": "region", "focus": None}
    block = json.dumps(view.source_block(state, "en").to_plotly_json(), default=str)
    assert "United Nations" in block and "do not imply official endorsement" in block


def test_focus_panel_shares_are_of_all_migrants_and_say_what_is_missing():
    from tests.support.components import text_of

    usa = text_of(view.panel({"indicator": "immigrants", "year": 2024, "scope": "region", "focus": "USA"}, "en"))
    assert "53.5%" not in usa and "4.75%" in usa  # China: of all 52 million immigrants, not of 7 corridors
    assert "52,375,047" in usa and "account for 8.88%" in usa
    assert "outside this map's extent" in usa  # the region map shows no partners of the US
    uzb = text_of(view.panel({"indicator": "emigrants", "year": 2024, "scope": "region", "focus": "UZB"}, "en"))
    assert "account for" not in uzb and "outside" not in uzb


def test_the_map_grows_with_the_screen_for_a_projector():
    graph = by_id(pages.render("/map", ""), Map.GRAPH)
    assert graph.style["height"] == view.MAP_HEIGHT and "vh" in view.MAP_HEIGHT
    assert graph.figure["layout"].get("height") is None  # a fixed 560 px left a 1080p projector half empty


def test_the_panel_leads_with_the_five_central_asian_countries():

    panel = view.panel({"indicator": "immigrants", "year": 2024, "scope": "region", "focus": None}, "en")
    region = text_of(by_id(panel, "map-region-table"))
    for name in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert name in region
    assert text_of(panel).index("Central Asia, 2024") < text_of(panel).index("Top 10")


def test_the_map_names_central_asia_and_russia_at_points_from_the_geometry():
    import geo

    figure = view.figure_for({"indicator": "emigrants", "year": 2024, "scope": "region", "focus": None}, "en")
    names = figure["data"][3]
    assert names["type"] == "scattergeo" and names["mode"] == "text"
    assert list(names["text"]) == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
                                   "Russian Federation"]
    assert [(lon, lat) for lon, lat in zip(names["lon"], names["lat"])] == [
        geo.label_point("region", code) for code in names["customdata"]]
    outline = figure["data"][2]
    assert list(outline["locations"]) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_every_indicator_scope_and_direction_has_its_key():
    from figures.map import INDICATORS

    assert list(view.INDICATOR_KEYS) == list(INDICATORS)  # in this order on the radio buttons
    assert list(view.SCOPE_KEYS) == ["region", "world"]
    assert set(view.SHARE_OF_TOTAL_KEYS) == set(view.PARTNERS_TITLE_KEYS) == set(view.TREND_TITLE_KEYS) \
        == {"emigrants", "immigrants"} <= set(view.INDICATOR_KEYS)
