"""The flow map's figure: the curated values drawn, the names apart, the plain figure the validated one."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

import geo
from figures.corridors import selection as selection_fig
from figures.corridors.arcs import arc_width
from figures.corridors.map import build_flow_map
from figures.corridors.map_frame import MAX_ARCS, flow_map
from figures.corridors.selection import corridor_id, width_reference
from tests.figures.corridors.support import selection
from tests.support.plain import assert_plain_is_validated


def test_flow_map_figure_plots_the_curated_values(store):
    sel = selection()
    rows = selection_fig.flows(store, sel)
    frame = flow_map(store, sel, rows, "en")
    figure = go.Figure(build_flow_map(geo.geojson(frame.scope), frame))
    assert len(figure.data) == MAX_ARCS + 2
    background, *slots, labels = figure.data
    assert list(background.locations) == [f["id"] for f in geo.geojson(frame.scope)["features"]]
    drawn = [s for s in slots if s.lon is not None and len(s.lon)]
    assert len(drawn) == len(rows) == len(frame.arcs)
    by_corridor = {s.customdata[0]: s for s in drawn}
    for row in rows.itertuples():
        trace = by_corridor[corridor_id(row.origin, row.destination)]
        assert trace.line.width == arc_width(row.value, width_reference(store, sel))
        assert f"{int(row.value):,}" in trace.hovertemplate and str(row.year) in trace.hovertemplate
        assert "International Migrant Stock 2024" in trace.hovertemplate.replace("<br>", " ")  # wrapped lines
    assert "Uzbekistan" in set(labels.text) and "Russian Federation" in set(labels.text)


def test_capitals_close_side_by_side_have_their_names_apart(store):
    """Ashgabat and Dushanbe: names centred under both overlapped on a 320 px map; the western one runs west."""
    sel = selection()
    frame = flow_map(store, sel, selection_fig.flows(store, sel), "ru")
    labels = go.Figure(build_flow_map(geo.geojson(frame.scope), frame)).data[-1]
    where = dict(zip(labels.text, zip(labels.lon, labels.textposition)))
    tkm, tjk = where["Туркменистан"], where["Таджикистан"]
    assert tkm[0] < tjk[0] and tkm[1] == "bottom left" and tjk[1] == "bottom center"
    assert all(p.startswith("bottom") for p in labels.textposition)  # always under the capital's dot
    assert where["Узбекистан"][1] == where["Российская Федерация"][1] == "bottom center"


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("mode, origin, destination, year, sex", [("default", None, None, 2024, "total"),
                                                                  ("origin", "UZB", None, 2010, "female"),
                                                                  ("destination", None, "RUS", 1995, "male"),
                                                                  ("origin", "TKM", None, 1990, "total")])
def test_the_plain_flow_map_is_the_validated_one(store, lang, mode, origin, destination, year, sex):
    sel = selection(mode, origin, destination, year, sex)
    frame = flow_map(store, sel, selection_fig.flows(store, sel), lang)
    for url in (None, f"/assets/geo/{frame.scope}.json"):
        assert_plain_is_validated(lambda kit: build_flow_map(geo.geojson(frame.scope), frame, url, kit=kit),
                                  cut_template=True)
