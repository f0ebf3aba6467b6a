"""The map page: its default state, a state from the URL in every control, bad parameters, the embed."""
import json

from layouts import pages
from layouts.ids import Map, Shell
from tests.support.components import by_id


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
