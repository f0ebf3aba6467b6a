"""The cached loaders in geo/__init__.py."""

import json
from pathlib import Path

import pytest

import geo

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"


def test_loaders_return_committed_files():
    for scope, loader in (("region", geo.region_geojson), ("world", geo.world_geojson)):
        with (GEO_DIR / f"{scope}.geojson").open(encoding="utf-8") as fh:
            committed = json.load(fh)
        assert loader() == committed
        assert geo.geojson(scope) == committed
        assert geo.layer(scope).whole() == committed


@pytest.mark.parametrize("scope", geo.SCOPES)
def test_a_layer_holds_every_feature_as_the_file_has_it(scope):
    """A process keeps each layer as its ids and each feature's JSON (geo.Layer), parsed as asked: the same ids in
    the same order, and each id's features equal to the file's, for every id."""
    collection = geo.geojson(scope)
    found = geo.layer(scope)
    assert list(found.ids) == [feature["id"] for feature in collection["features"]]
    assert geo.ids_of(found) == geo.ids_of(collection) == list(found.ids)
    for code in set(found.ids):
        expected = [feature for feature in collection["features"] if feature["id"] == code]
        assert found.features(code) == expected == geo.features_of(collection, code), code
        assert geo.features_of(found, code) == expected
    assert found.features("XXX") == [] and found.features("") == []
    assert geo.whole(collection) is collection and geo.whole(found) == collection


def test_loaded_once(monkeypatch):
    for scope in geo.SCOPES:
        geo.layer(scope)
        geo.feature_ids(scope)
        geo.bounds(scope)
        geo.version(scope)

    def boom(*args, **kwargs):
        raise AssertionError("geometry re-read from disk")

    monkeypatch.setattr(geo, "file_bytes", boom)
    assert geo.layer("region") is geo.layer("region")
    assert geo.feature_ids("world") == geo.feature_ids("world")
    assert geo.layer("world").features("KAZ")
    geo.bounds("region")
    geo.version("world")


def test_a_layer_keeps_json_not_parsed_features():
    """What a process keeps of the geometry is ~its files' size, not their parsed objects (6.4 MB of them)."""
    import sys

    for scope in geo.SCOPES:
        found = geo.layer(scope)
        kept = sum(sys.getsizeof(part) for parts in found._written.values() for part in parts)
        assert kept < 1.2 * len(geo.file_bytes(scope))


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
