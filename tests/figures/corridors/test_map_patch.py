"""The flow map's patch: the geometry kept unless the frame changes, and the patch written at once or as JSON the
reference Patch's."""
from __future__ import annotations

from dataclasses import replace

import pytest

import geo
from figures.corridors import selection as selection_fig
from figures.corridors.map_frame import MAX_ARCS, flow_map
from figures.corridors.map_patch import patch_flow_map
from tests.figures.corridors.support import flow_selections, selection


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


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_patch_written_at_once_equals_the_assigned_one(store, lang):
    from figures.corridors.map_patch import patch_flow_map_reference
    for sel in (selection(), selection(year=1990, sex="female"), selection("origin", origin="UKR"),
                selection("destination", destination="RUS", year=2010), selection("origin", origin="TUV")):
        frame = flow_map(store, sel, selection_fig.flow_rows(store, sel), lang)
        for scope in ("region", "world"):
            collection = geo.geojson(scope)
            for new_scope, url in ((False, None), (True, None), (True, f"/geo/{scope}.json")):
                fast = patch_flow_map(geo.layer(scope), frame, new_scope=new_scope, geometry_url=url)
                reference = patch_flow_map_reference(collection, frame, new_scope=new_scope, geometry_url=url)
                assert fast.to_plotly_json() == reference.to_plotly_json()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_written_patch_is_the_reference_patch_as_sent(store, lang):
    """patch_flow_map_json, put together from each corridor's kept JSON, is what orjson and the callbacks' encoder
    write for the Patch of `patch_flow_map_reference`'s assignments, for every kind of selection, both frames,
    geometry kept, sent by its URL or inside the figure."""
    import orjson

    from figures.corridors.map import background_z
    from figures.corridors.map_patch import patch_flow_map_json, patch_flow_map_reference
    from serving.fast_json.answer import to_json
    from serving.fast_json.fragment import Fragment

    written = 0
    collections = {scope: geo.geojson(scope) for scope in ("region", "world")}  # the files parsed: the reference's
    for sel in flow_selections(store):
        frame = flow_map(store, sel, selection_fig.flow_rows(store, sel), lang)
        for scope in ("region", "world"):
            features = collections[scope]["features"]
            assert background_z(geo.layer(scope), frame) == [int(f["id"] in frame.endpoints) for f in features]
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
