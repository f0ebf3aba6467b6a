"""The cached loaders in geo/__init__.py."""

import json
from pathlib import Path

import pytest

import geo

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"


def test_loaders_return_committed_files():
    for scope, loader in (("region", geo.region_geojson), ("world", geo.world_geojson)):
        with (GEO_DIR / f"{scope}.geojson").open(encoding="utf-8") as fh:
            assert loader() == json.load(fh)
        assert geo.geojson(scope) is loader()


def test_loaded_once(monkeypatch):
    geo.region_geojson()
    geo.world_geojson()

    def boom(*args, **kwargs):
        raise AssertionError("geometry re-read from disk")

    monkeypatch.setattr(json, "load", boom)
    assert geo.region_geojson() is geo.region_geojson()
    assert geo.feature_ids("world") == geo.feature_ids("world")
    geo.bounds("region")


def test_feature_ids():
    for scope in geo.SCOPES:
        ids = geo.feature_ids(scope)
        assert isinstance(ids, list) and ids == sorted(ids) and len(ids) == len(set(ids))
        assert ids == sorted(f["properties"]["iso3"] for f in geo.geojson(scope)["features"])
    ids = geo.feature_ids("region")
    ids.append("XXX")  # callers get their own list
    assert "XXX" not in geo.feature_ids("region")
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"} <= set(ids)


def test_bounds():
    assert geo.bounds("region") == (20, 20, 150, 80)
    lon_min, lat_min, lon_max, lat_max = geo.bounds("world")
    assert lon_min == -180 and lon_max == 180 and lat_min < -89 and 80 < lat_max < 85


def test_unknown_scope():
    with pytest.raises(ValueError, match="unknown map scope"):
        geo.geojson("asia")
    with pytest.raises(ValueError):
        geo.feature_ids("europe")


def test_geo_holds_geometry_only():
    """Texts shown under the maps are in the translation catalogues, not in geo/."""
    assert sorted(path.name for path in GEO_DIR.glob("*.json")) == ["labels.json"]
