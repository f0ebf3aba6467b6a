"""figures/map/patch.py: a new selection sends values, not geometry; written at once it is the Patch as Dash
writes it."""
from __future__ import annotations

import json

import pytest

import geo
from figures.map.frame import map_frame
from figures.map.patch import patch_map_figure, patch_map_sent
from tests.figures.map.support import REGION


def test_patch_changes_values_not_geometry(store):
    frame = map_frame(store, "immigrants", 2010, REGION, "KAZ", "en")
    on_focus = json.dumps(patch_map_figure(geo.region_geojson(), frame).to_plotly_json())
    assert "coordinates" in on_focus  # the new focus country's outline, and nothing else of the geometry
    assert len(on_focus) < len(json.dumps(geo.region_geojson())) / 10
    on_year = patch_map_figure(geo.region_geojson(), frame, focus_changed=False).to_plotly_json()
    assert "coordinates" not in json.dumps(on_year)
    assert len(json.dumps(on_year)) < 5_000, "a year step must send values only"
    targets = {tuple(op["location"]) for op in on_year["operations"]}
    assert ("data", 0, "z") in targets and ("data", 0, "geojson") not in targets


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_patch_written_at_once_is_the_patch_as_dash_writes_it(store, lang):
    """patch_map_sent (the operations written by orjson, no Patch objects) gives the bytes of patch_map_figure's
    Patch: focus on or off, each extent, with and without data."""
    from serving.fast_json.answer import to_json

    for scope, ids in (("region", REGION), ("world", tuple(geo.feature_ids("world")))):
        for key, year, focus in (("immigrants", 2010, "KAZ"), ("emigrants", 1990, "UZB"), ("emigrants_pct", 2024, None),
                                 ("immigrants_pct", 2005, "TKM"), ("emigrants", 2024, "ATA")):
            frame = map_frame(store, key, year, ids, focus, lang)
            for changed in (True, False):
                geojson = geo.region_geojson() if scope == "region" else geo.world_geojson()
                assert to_json({"f": patch_map_sent(geojson, frame, focus_changed=changed)}) == \
                    to_json({"f": patch_map_figure(geojson, frame, focus_changed=changed)}) == \
                    to_json({"f": patch_map_sent(geo.layer(scope), frame, focus_changed=changed)})  # as served
