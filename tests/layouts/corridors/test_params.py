"""Corridors view: URL state (incl. the map's ?origin= / ?destination= links) and the state written back from
the controls."""
from __future__ import annotations

import pytest

from layouts import pages
from layouts.corridors.params import params, selection_from, state_from_controls
from layouts.ids import Corridors, Shell
from state import parse_query
from tests.layouts.corridors.support import state_for
from tests.support.components import by_id, text_of


def test_defaults(store):
    state = state_for("")
    assert state == {"lang": "en", "year": 2024, "sex": "total", "mode": "default", "origin": None,
                     "destination": None, "corridor": None, "source": "undesa_ims_2024"}
    selection = selection_from(state)
    assert (selection.mode, selection.origin, selection.destination) == ("default", None, None)


@pytest.mark.parametrize("search, mode, origin, destination", [
    ("?origin=UZB", "origin", "UZB", None),  # the map view's link
    ("?destination=rus", "destination", None, "RUS"),  # the map view's link, any case
    ("?mode=origin", "origin", "UZB", None),  # a mode without its country: Uzbekistan
    ("?mode=destination", "destination", None, "RUS"),
    ("?mode=destination&origin=KGZ&destination=KAZ", "destination", None, "KAZ"),
])
def test_links_choose_the_mode(search, mode, origin, destination):
    selection = selection_from(state_for(search))
    assert (selection.mode, selection.origin, selection.destination) == (mode, origin, destination)


@pytest.mark.parametrize("search, param", [
    ("?year=2023", "year"), ("?year=abc", "year"), ("?sex=children", "sex"), ("?mode=all", "mode"),
    ("?origin=XXX", "origin"), ("?destination=<b>", "destination"), ("?corridor=UZB-UZB", "corridor"),
    ("?corridor=UZB", "corridor"), ("?source=knomad_stock_2017", "source"),
])
def test_bad_values_fall_back_with_a_notice(search, param):
    state, notices = parse_query(search, params())
    assert [n.param for n in notices] == [param]
    assert state[param] == next(p.default for p in params() if p.name == param)


def test_garbage_in_the_link_gives_the_default_page_and_a_polite_notice():
    tree = pages.render("/corridors", "?origin=XXX&year=abc&corridor=%3Cb%3E&sex=kids")
    notice = text_of(by_id(tree, Shell.NOTICE))
    for shown in ("XXX", "abc", "<b>", "kids"):
        assert shown in notice
    assert "Migrants from Central Asia in Russia and Kazakhstan, 2024" in by_id(tree, Corridors.MAP).figure["layout"]["title"]["text"]


def test_state_from_controls_validates_what_the_browser_sends():
    state = state_from_controls("xx", "2024", "children", "origin", "<script>", "RUS", "bogus", "UZB", "UZB")
    assert state == {"lang": "en", "year": 2024, "sex": "total", "mode": "origin", "origin": None,
                     "destination": None, "corridor": None, "source": "undesa_ims_2024"}
    state = state_from_controls("en", 2015, "female", "destination", "UZB", "KAZ", "undesa_ims_2020", "KGZ",
                                     "KAZ")
    assert state == {"lang": "en", "year": 2015, "sex": "female", "mode": "destination", "origin": None,
                     "destination": "KAZ", "corridor": "KGZ-KAZ", "source": "undesa_ims_2020"}
