"""The flow map: arcs, widths, frame, names and the patch that keeps the geometry."""
from __future__ import annotations

import math
from dataclasses import replace

import plotly.graph_objects as go
import pytest

import geo
from figures.corridors import selection as selection_fig
from figures.corridors.map import (ARC_BEND, ARC_END, ARC_POINTS, MAX_ARCS, MAX_WIDTH, MIN_WIDTH, arc_points,
                                   arc_width, build_flow_map, capital, flow_map, patch_flow_map)
from figures.corridors.sankey import build_sankey
from figures.corridors.selection import corridor_id, width_reference
from tests.figures.corridors.support import selection
from tests.support.plain import assert_plain_is_validated


def _side(start, end, point) -> float:
    """> 0 left of the directed chord start→end, < 0 right of it (lon/lat plane)."""
    return (end[0] - start[0]) * (point[1] - start[1]) - (end[1] - start[1]) * (point[0] - start[0])


def test_arcs_bow_to_the_right_so_opposite_directions_do_not_overlap():
    tashkent, moscow = (69.3, 41.3), (37.6, 55.8)
    lons, lats = arc_points(tashkent, moscow)
    back_lons, back_lats = arc_points(moscow, tashkent)
    assert (lons[0], lats[0]) == pytest.approx(tashkent, abs=1e-3)
    assert (lons[-1], lats[-1]) == pytest.approx(moscow, abs=1e-3)
    middle = len(lons) // 2
    assert _side(tashkent, moscow, (lons[middle], lats[middle])) < 0  # right of the direction of travel
    assert _side(tashkent, moscow, (back_lons[middle], back_lats[middle])) > 0  # the way back bows the other way
    assert math.dist((lons[middle], lats[middle]), (back_lons[middle], back_lats[middle])) > 5


def test_arcs_stop_short_of_the_destination_for_the_arrowhead():
    lons, lats = arc_points((69.3, 41.3), (37.6, 55.8), stop=ARC_END)
    assert math.dist((lons[-1], lats[-1]), (37.6, 55.8)) > 0.5


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


def test_patch_keeps_the_geometry_unless_the_frame_changes(store):
    sel = selection()
    frame = flow_map(store, sel, selection_fig.flows(store, sel), "en")
    same = patch_flow_map(geo.geojson("region"), frame, new_scope=False).to_plotly_json()["operations"]
    locations = [op["location"] for op in same]
    assert ["data", 0, "z"] in locations and ["data", 0] not in locations  # end points shaded, geometry kept
    assert [["data", i] for i in range(1, MAX_ARCS + 2)] == [loc for loc in locations if loc[0] == "data" and len(loc) == 2]
    changed = patch_flow_map(geo.geojson("world"), frame, new_scope=True).to_plotly_json()["operations"]
    background = next(op for op in changed if op["location"] == ["data", 0])
    assert background["params"]["value"]["geojson"] == geo.geojson("world")
    from_layer = patch_flow_map(geo.layer("world"), frame, new_scope=True).to_plotly_json()["operations"]
    assert from_layer == changed  # the geometry kept as geo.Layer: the same patch


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


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_patch_written_at_once_equals_the_assigned_one(store, lang):
    from figures.corridors.map import patch_flow_map_reference
    for sel in (selection(), selection(year=1990, sex="female"), selection("origin", origin="UKR"),
                selection("destination", destination="RUS", year=2010), selection("origin", origin="TUV")):
        frame = flow_map(store, sel, selection_fig.flow_rows(store, sel), lang)
        for scope in ("region", "world"):
            collection = geo.geojson(scope)
            for new_scope, url in ((False, None), (True, None), (True, f"/geo/{scope}.json")):
                fast = patch_flow_map(geo.layer(scope), frame, new_scope=new_scope, geometry_url=url)
                reference = patch_flow_map_reference(collection, frame, new_scope=new_scope, geometry_url=url)
                assert fast.to_plotly_json() == reference.to_plotly_json()


def _selections(store):
    """Each revision's years (every other), each sex, the default view and big and small origins and destinations."""
    for source in selection_fig.revision_sources(store):
        for year in selection_fig.stock_years(store, source)[::2]:
            for sex in ("total", "female", "male"):
                yield selection(year=year, sex=sex, source=source)
                for code in ("KAZ", "UZB", "AFG", "CHN", "UKR", "TUV"):
                    yield selection("origin", origin=code, year=year, sex=sex, source=source)
                for code in ("RUS", "KAZ", "USA"):
                    yield selection("destination", destination=code, year=year, sex=sex, source=source)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_written_patch_is_the_reference_patch_as_sent(store, lang):
    """patch_flow_map_json, put together from each corridor's kept JSON, is what orjson and the callbacks' encoder
    write for the Patch of `patch_flow_map_reference`'s assignments, for every kind of selection, both frames,
    geometry kept, sent by its URL or inside the figure."""
    import orjson

    from figures.corridors.map import _background_z, patch_flow_map_json, patch_flow_map_reference
    from serving.fast_json.answer import to_json
    from serving.fast_json.fragment import Fragment

    written = 0
    collections = {scope: geo.geojson(scope) for scope in ("region", "world")}  # the files parsed: the reference's
    for sel in _selections(store):
        frame = flow_map(store, sel, selection_fig.flow_rows(store, sel), lang)
        for scope in ("region", "world"):
            features = collections[scope]["features"]
            assert _background_z(geo.layer(scope), frame) == [int(f["id"] in frame.endpoints) for f in features]
            for new_scope, url in ((False, f"/geo/{scope}.json"), (True, f"/geo/{scope}.json"), (False, None)):
                fast = patch_flow_map_json(geo.layer(scope), frame, new_scope=new_scope, geometry_url=url)
                reference = patch_flow_map_reference(collections[scope], frame, new_scope=new_scope,
                                                     geometry_url=url)
                assert fast == orjson.dumps(reference.to_plotly_json()), sel
                assert to_json([Fragment(fast)]) == to_json([reference])
                written += len(frame.arcs)
    assert written > 10_000  # arcs written
    # with the geometry inside (no URL), and from a frame whose arcs' JSON is not kept
    frame = flow_map(store, selection(), selection_fig.flow_rows(store, selection()), lang)
    for kept in (frame, replace(frame, arcs_written=())):
        for new_scope in (False, True):
            fast = patch_flow_map_json(geo.layer("region"), kept, new_scope=new_scope)
            assert fast == orjson.dumps(patch_flow_map_reference(collections["region"], kept,
                                                                 new_scope=new_scope).to_plotly_json())


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_arc_hover_is_the_whole_text_wrapped(store, lang):
    """An arc's hover put together line by line (corridor's lines kept, the answer's once, the value's per arc) is
    the text formatted whole and wrapped, for every arc of every kind of selection."""
    from figures.corridors.map import _hover_whole, _source_label
    from figures.corridors.parts import persons
    from figures.corridors.selection import sex_label

    for sel in _selections(store):
        rows = {(r.origin, r.destination): r for r in selection_fig.flow_rows(store, sel)}
        for arc in flow_map(store, sel, list(rows.values()), lang).arcs:
            row = rows[(arc.origin, arc.destination)]
            values = dict(value=persons(row.value, lang), sex=sex_label(sel.sex, lang), year=row.year,
                          source=_source_label(store, row.source, lang))
            assert arc.hovertemplate == _hover_whole(store, arc.origin, arc.destination, values, lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_answer_s_hover_writer_gives_each_arc_the_whole_text_wrapped(store, lang):
    """`_Hovers` (the answer's lines worked out once, the value's line around a stand-in, whole persons grouped in
    place) gives `_hover_whole`'s text for every third corridor-year with a stock of each revision and sex, and for
    values off its fast path (fractions, 10^15 and more, tiny ones)."""
    from figures.corridors.map import _Hovers, _hover_whole, _source_label
    from figures.corridors.parts import persons
    from figures.corridors.selection import sex_label

    checked = 0
    for source in selection_fig.revision_sources(store):
        for sex in ("total", "female", "male"):
            label = sex_label(sex, lang)
            writer = _Hovers(store, lang, label)
            rows = store.corridors(f"stock_{sex}", source=source)
            rows = rows[(rows["origin"] != rows["destination"]) & (rows["value"] > 0)]
            for origin, destination, year, value in list(zip(rows["origin"], rows["destination"], rows["year"].tolist(),
                                                             rows["value"].tolist()))[::3]:
                values = dict(value=persons(value, lang), sex=label, year=year,
                              source=_source_label(store, source, lang))
                assert writer(origin, destination, year, value, source) == \
                    _hover_whole(store, origin, destination, values, lang), (origin, destination, year, value)
                checked += 1
            for value in (0.5, 1234.25, 999.0, 1e15, 3.2e16, 1e-3, 7):
                values = dict(value=persons(value, lang), sex=label, year=2020,
                              source=_source_label(store, source, lang))
                assert writer("UZB", "RUS", 2020, value, source) == \
                    _hover_whole(store, "UZB", "RUS", values, lang), value
    assert checked > 10_000


def test_a_hover_text_that_cannot_be_cut_at_its_breaks_is_written_whole(store, monkeypatch):
    """The hover's lines are made one by one only where its text can be cut so; otherwise (a field across a break,
    a value holding a break, a line long enough to wrap) the same text as written whole; a field cut by a break is
    not cut."""
    from figures.corridors import map as map_fig

    def with_text(text):
        map_fig._hover_lines.cache_clear()
        map_fig._pair_lines.cache_clear()
        real = map_fig.t
        monkeypatch.setattr(map_fig, "t", lambda key, lang, **values: (text.format(**values) if values else text)
                            if key == map_fig.HOVER_KEY else real(key, lang, **values))

    values = dict(value="1,234 persons", sex="women", year=2020, source="UN DESA")
    try:
        for text in ("{corridor}<br>{value} ({sex})<br>{year} · {source}", "{value}<br>{corridor} {year}<br>{sex}",
                     "{source}: {value} in {year} among {sex}, the corridor {corridor}",
                     "<b>{corridor}</b>"):
            with_text(text)
            for extra in ({}, {"sex": "a<br>b"}, {"source": "x" * 30 + " " + "y" * 30}):
                fast = map_fig._hover(store, "UZB", "RUS", {**values, **extra}, {}, "en")
                assert fast == map_fig._hover_whole(store, "UZB", "RUS", {**values, **extra}, "en"), (text, extra)
            # the answer's writer too (its source is a label it looks up; the sex as given)
            for sex in ("women", "a<br>b", "x" * 45):
                written = map_fig._Hovers(store, "en", sex)("UZB", "RUS", 2020, 1234.0, "undesa_ims_2024")
                whole = dict(value=map_fig.persons(1234.0, "en"), sex=sex, year=2020,
                             source=map_fig._source_label(store, "undesa_ims_2024", "en"))
                assert written == map_fig._hover_whole(store, "UZB", "RUS", whole, "en"), (text, sex)
        for text in ("{corridor}<br>{value:<br}x}", "{corridor}<br>{value:>{year}}", "{corridor}<br>{other}"):
            with_text(text)
            assert map_fig._hover_lines("en") is None, text
    finally:
        map_fig._hover_lines.cache_clear()
        map_fig._pair_lines.cache_clear()


def arc_points_reference(start, end, *, bend: float = ARC_BEND, n: int = ARC_POINTS, stop: float = 1.0):
    """`arc_points` as it was, point by point."""
    (lon0, lat0), (lon1, lat1) = start, end
    shrink = max(math.cos(math.radians((lat0 + lat1) / 2)), 0.2)
    x0, x1 = lon0 * shrink, lon1 * shrink
    dx, dy = x1 - x0, lat1 - lat0
    cx, cy = (x0 + x1) / 2 + bend * dy, (lat0 + lat1) / 2 - bend * dx
    lons, lats = [], []
    for i in range(n):
        s = stop * i / (n - 1)
        a, b, c = (1 - s) ** 2, 2 * (1 - s) * s, s ** 2
        lons.append(round((a * x0 + b * cx + c * x1) / shrink, 2))
        lats.append(round(a * lat0 + b * cy + c * lat1, 2))
    return lons, lats


def test_arc_points_are_the_points_computed_one_by_one(store):
    """The Bézier's weights are computed once for every arc: the same points as computed per point, for every
    corridor with a stock (both ends' capitals), and a few odd ones (antipodes, the same place, the poles)."""
    corridors = store.corridors("stock_total")
    pairs = {(o, d) for o, d in zip(corridors["origin"], corridors["destination"]) if o != d}
    ends = [(capital(store, o), capital(store, d)) for o, d in sorted(pairs)]
    ends = [(a, b) for a, b in ends if a and b] + [((0.0, 0.0), (180.0, 0.0)), ((10.0, 10.0), (10.0, 10.0)),
                                                   ((-170.5, 89.9), (170.25, -89.9))]
    assert len(ends) > 1000
    for start, end in ends:
        for stop, n in ((ARC_END, ARC_POINTS), (1.0, ARC_POINTS), (0.5, 7)):
            assert arc_points(start, end, stop=stop, n=n) == arc_points_reference(start, end, stop=stop, n=n)


def test_every_corridor_s_arc_is_made_at_start_up_and_kept(store):
    """build_arcs (gunicorn's master) makes every corridor's arc and its corridor's hover lines in each language,
    the same as made on demand, and the caches hold them all: a first-time selection draws none."""
    from figures.corridors import map as corridors_map

    count = corridors_map.build_arcs(store, ("en", "ru"))
    arcs, lines = corridors_map._arc_line.cache_info(), corridors_map._pair_lines.cache_info()
    assert count > 1000 and arcs.currsize >= count - 50 and lines.currsize >= 2 * (count - 50)
    assert arcs.currsize < arcs.maxsize and lines.currsize < lines.maxsize  # none pushed out
    for origin, destination in (("UZB", "RUS"), ("CHN", "USA"), ("KGZ", "TUR")):
        kept = corridors_map._arc_line(store, origin, destination)
        assert kept == corridors_map._arc_line.__wrapped__(store, origin, destination)
        for lang in ("en", "ru"):
            assert corridors_map._pair_lines(store, origin, destination, lang) == \
                corridors_map._pair_lines.__wrapped__(store, origin, destination, lang)
    before = corridors_map._arc_line.cache_info().misses
    for origin, destination, *_ in selection_fig.flow_rows(store, selection("origin", origin="CHN", year=2020)):
        corridors_map._arc_line(store, origin, destination)
    assert corridors_map._arc_line.cache_info().misses == before  # China's corridors: all kept already
