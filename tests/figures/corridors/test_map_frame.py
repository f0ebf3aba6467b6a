"""What the flow map shows of a selection: its frame, the arcs' widths, the largest corridors, the notes."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from figures.corridors import selection as selection_fig
from figures.corridors.arcs import ARC_END, MAX_WIDTH, MIN_WIDTH, arc_points, capital
from figures.corridors.map_frame import MAX_ARCS, flow_map
from figures.corridors.sankey import build_sankey
from figures.corridors.selection import width_reference
from tests.figures.corridors.support import selection


def test_frame_is_the_region_for_central_asia_and_the_world_beyond(store):
    default = flow_map(store, selection(), selection_fig.flows(store, selection()), "en")
    assert default.scope == "region"
    lon_range = default.geo["lonaxis"]["range"]
    assert lon_range[0] <= 37.6 and lon_range[1] >= 74.6  # Moscow to Bishkek
    world = flow_map(store, selection("origin", origin="UZB"), selection_fig.flows(store, selection("origin", origin="UZB")),
                     "en")
    assert world.scope == "world"


def test_arc_widths_follow_the_values(store):
    sel = selection()
    frame = flow_map(store, sel, selection_fig.flows(store, sel), "en")
    values = [a.value for a in frame.arcs]
    widths = [a.width for a in frame.arcs]
    assert values == sorted(values, reverse=True) and widths == sorted(widths, reverse=True)
    reference = width_reference(store, sel)
    for arc in frame.arcs:
        expected = MAX_WIDTH * arc.value / reference
        assert arc.width == pytest.approx(max(expected, MIN_WIDTH), abs=0.01)
    big = [a for a in frame.arcs if a.width > MIN_WIDTH]
    assert big[0].width / big[-1].width == pytest.approx(big[0].value / big[-1].value, rel=0.02)


def test_no_arcs_and_a_note_when_there_is_no_data(store):
    sel = selection("destination", destination="TUV")  # not in the data at all
    rows = selection_fig.flows(store, sel)
    frame = flow_map(store, sel, rows, "en")
    assert rows.empty and frame.arcs == [] and frame.note == "No data for this selection."
    figure = go.Figure(build_sankey(store, frame, sel, "en"))
    assert figure.data == () and figure.layout.annotations[0].text == "No data for this selection."


def test_more_corridors_than_slots_draws_the_largest(store):
    sel = selection("destination", destination="RUS")
    rows = selection_fig.flows(store, sel)
    frame = flow_map(store, sel, rows, "en")
    assert len(rows) > MAX_ARCS and len(frame.arcs) == MAX_ARCS
    assert [a.value for a in frame.arcs] == list(rows["value"][:MAX_ARCS])
    assert f"{MAX_ARCS} largest of {frame.n_drawable}" in frame.note


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_frame_from_plain_rows_equals_the_one_from_the_flows_frame(store, lang):
    """flow_map on `flow_rows` (a first-time answer's: cached arcs and names) draws what it draws from the frame of
    `flows_reference`, for each mode, year, sex and revision."""
    for source in selection_fig.revision_sources(store):
        for year in selection_fig.stock_years(store, source)[::3]:
            for sex in ("total", "female", "male"):
                sel = selection("default", year=year, sex=sex, source=source)
                assert (flow_map(store, sel, selection_fig.flow_rows(store, sel), lang)
                        == flow_map(store, sel, selection_fig.flows_reference(store, sel), lang)), sel
        for code in ("KAZ", "TJK", "RUS", "USA", "CHN", "UKR"):
            for sel in (selection("origin", origin=code, source=source, year=2020),
                        selection("destination", destination=code, source=source, year=2010, sex="male")):
                assert (flow_map(store, sel, selection_fig.flow_rows(store, sel), lang)
                        == flow_map(store, sel, selection_fig.flows_reference(store, sel), lang)), sel
                frame = flow_map(store, sel, selection_fig.flow_rows(store, sel), lang)
                for arc in frame.arcs:  # each corridor's line, kept once drawn, is the one computed afresh
                    assert (arc.lons, arc.lats) == arc_points(capital(store, arc.origin),
                                                              capital(store, arc.destination), stop=ARC_END)
