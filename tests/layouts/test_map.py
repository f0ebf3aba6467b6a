import json

import pytest

from layouts import map as view
from layouts import pages
from layouts.ids import Map, Shell


def find(component, component_id):
    """The component with `component_id` in a layout tree, or None."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


def test_default_state_is_the_latest_year_of_immigrants_in_the_region():
    page = pages.render("/map", "")
    state = find(page, Shell.PAGE_STATE).data
    assert state == {"lang": "en", "indicator": "immigrants", "year": 2024, "scope": "region", "focus": None}
    assert find(page, Map.YEAR).value == 2024
    assert find(page, Map.GRAPH).figure["data"][0]["locations"]


def test_landing_page_is_the_map():
    assert find(pages.render("/", ""), Map.GRAPH) is not None


def test_state_from_the_url_is_restored_in_every_control():
    page = pages.render("/map", "?indicator=emigrants_pct&year=2010&scope=world&focus=kgz")
    assert find(page, Map.INDICATOR).value == "emigrants_pct"
    assert find(page, Map.YEAR).value == 2010
    assert find(page, Map.SCOPE).value == "world"
    assert find(page, Map.FOCUS).value == "KGZ"
    assert "Kyrgyz Republic" in json.dumps(find(page, Map.PANEL).to_plotly_json(), default=str)


def test_garbage_parameters_fall_back_to_defaults_with_a_notice():
    page = pages.render("/map", "?indicator=drop%20table&year=1789&scope=moon&focus=XXX&lang=kl")
    notice = json.dumps(find(page, Shell.NOTICE).to_plotly_json(), default=str)
    for shown in ("drop table", "1789", "moon", "XXX", "kl"):
        assert shown in notice
    assert find(page, Map.YEAR).value == 2024 and find(page, Map.FOCUS).value is None


def test_embed_has_the_map_without_navigation():
    page = pages.render("/embed/map", "?year=2020")
    text = json.dumps(page.to_plotly_json(), default=str)
    assert find(page, Map.GRAPH) is not None and "navbar" not in text.lower()
    assert "International Migrant Stock 2024" in text  # the source line travels with the embed


@pytest.mark.parametrize("key", ["immigrants", "immigrants_pct", "emigrants", "emigrants_pct"])
def test_source_block_names_publisher_and_disclaimer(key):
    state = {"lang": "en", "indicator": key, "year": 2020, "scope": "region", "focus": None}
    block = json.dumps(view.source_block(state, "en").to_plotly_json(), default=str)
    assert "United Nations" in block and "do not imply official endorsement" in block
