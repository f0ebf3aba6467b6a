"""The layers work as plotly geo choropleths."""

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"


@pytest.mark.parametrize("scope", ["region", "world"])
def test_choropleth_includes_every_feature(scope):
    with (GEO_DIR / f"{scope}.geojson").open(encoding="utf-8") as fh:
        fc = json.load(fh)
    ids = [f["id"] for f in fc["features"]]
    fig = go.Figure(go.Choropleth(geojson=fc, locations=ids, z=list(range(len(ids))),
                                  featureidkey="properties.iso3"))
    trace = fig.to_plotly_json()["data"][0]
    keys = [f["properties"]["iso3"] for f in trace["geojson"]["features"]]
    assert list(trace["locations"]) == ids
    assert set(trace["locations"]) == set(keys)
    assert len(keys) == len(set(keys))
    # The same works with the default featureidkey ("id").
    fig_id = go.Figure(go.Choropleth(geojson=fc, locations=ids, z=[1] * len(ids)))
    assert {f["id"] for f in fig_id.data[0].geojson["features"]} == set(fig_id.data[0].locations)
    if scope == "region":
        assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG"} <= set(keys)
