"""A profile's corridors, linked to the corridors view."""
from __future__ import annotations

from dash import dcc

from layouts.country.page import layout
from layouts.ids import Country
from tests.support.components import by_id, walk

STATE = {"lang": "en"}


def test_corridor_links_go_to_the_corridors_view(store):
    page = layout(STATE, "en", iso3="UZB")
    out_links = [c.href for c in walk(by_id(page, Country.CORRIDORS_OUT)) if isinstance(c, dcc.Link)]
    in_links = [c.href for c in walk(by_id(page, Country.CORRIDORS_IN)) if isinstance(c, dcc.Link)]
    assert "/corridors?corridor=UZB-RUS&lang=en" in out_links
    assert "/corridors?mode=origin&origin=UZB&lang=en" in out_links
    assert "/corridors?mode=destination&destination=UZB&lang=en" in in_links
    assert "/corridors?corridor=RUS-UZB&lang=en" in in_links  # Russian-born living in Uzbekistan
