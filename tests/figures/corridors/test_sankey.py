"""The Sankey: the map's corridors as links, Kazakhstan on both sides, the small corridors in one band."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from figures.corridors import selection as selection_fig
from figures.corridors.map_frame import flow_map
from figures.corridors.sankey import MAX_SANKEY_LINKS, build_sankey
from figures.corridors.selection import parse_corridor_id
from tests.figures.corridors.support import selection


def test_sankey_links_are_the_corridors_and_kazakhstan_is_on_both_sides(store):
    sel = selection()
    rows = selection_fig.flows(store, sel)
    frame = flow_map(store, sel, rows, "en")
    sankey = go.Figure(build_sankey(store, frame, sel, "en")).data[0]
    assert list(sankey.link.value) == list(rows["value"])
    assert list(sankey.node.label).count("Kazakhstan") == 2
    labels = list(sankey.node.label)
    for source, target, value, corridor in zip(sankey.link.source, sankey.link.target, sankey.link.value,
                                               sankey.link.customdata):
        origin, destination = parse_corridor_id(corridor)
        assert labels[source] == store.country_name(origin) and labels[target] == store.country_name(destination)
        assert sankey.node.x[source] < sankey.node.x[target]


def test_sankey_sums_the_small_corridors_into_one_band(store):
    sel = selection("origin", origin="UZB")
    frame = flow_map(store, sel, selection_fig.flows(store, sel), "en")
    sankey = go.Figure(build_sankey(store, frame, sel, "en")).data[0]
    values = list(sankey.link.value)
    assert len(values) == MAX_SANKEY_LINKS + 1
    assert values[:-1] == [a.value for a in frame.arcs[:MAX_SANKEY_LINKS]]
    assert values[-1] == pytest.approx(sum(a.value for a in frame.arcs[MAX_SANKEY_LINKS:]))
    assert sankey.link.customdata[-1] == ""  # the band of the others opens no card
    assert f"{len(frame.arcs) - MAX_SANKEY_LINKS} other destinations" in sankey.node.label
