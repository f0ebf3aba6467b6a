"""Map geometry for the dashboard: loaders for the committed GeoJSON layers.

The files are built by ``python -m geo.build`` (see geo/README.md); nothing is recomputed per request.  This module
imports only the standard library (no geopandas at run time).

    layer(scope) -> Layer                  # kept per process: the ids and each feature's JSON, parsed as asked
    geojson(scope)   -> dict               # scope: "region" | "world"; parsed from the file at each call
    region_geojson() -> dict               # Central Asia frame, lon 20-150 E / lat 20-80 N, 1:50m detail
    world_geojson()  -> dict               # all countries
    feature_ids(scope) -> list[str]        # sorted ISO3 ids (plus "KAS", Siachen Glacier, in the region)
    bounds(scope) -> (lon_min, lat_min, lon_max, lat_max)
    label_point(scope, iso3) -> (lon, lat) | None   # where the country's name goes (geo/labels.json)

Every feature has ``id`` == ``properties.iso3`` and ``properties.name`` (Natural Earth NAME); exterior rings are
clockwise, as plotly geo traces need.  Use ``featureidkey="properties.iso3"`` (or the default ``"id"``).

The browsers fetch the outlines themselves (/geo/<scope>.json): a request needs only the ids and one focus country's
feature, so a process keeps each layer as a `Layer` (each feature's JSON as bytes, ~0.7 MB for both layers) rather
than the parsed FeatureCollections (6.4 MB of Python objects, 180,000 blocks, in gunicorn's master and so in every
worker's RSS). `geojson(scope)` parses the whole file (a static image, a figure without a geometry URL, tests); the
features a `Layer` returns are shared: do not mutate them (copy first).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent
SCOPES = ("region", "world")

__all__ = [
    "SCOPES",
    "Layer",
    "bounds",
    "feature_ids",
    "features_of",
    "file_bytes",
    "ids_of",
    "version",
    "geojson",
    "label_point",
    "layer",
    "region_geojson",
    "whole",
    "world_geojson",
]


def _check_scope(scope: str) -> str:
    if scope not in SCOPES:
        raise ValueError(f"unknown map scope {scope!r}; expected one of {SCOPES}")
    return scope


def geojson(scope: str) -> dict:
    """The FeatureCollection of ``scope`` ("region" or "world"), parsed from the file (a new dict at each call)."""
    return json.loads(file_bytes(scope))


def region_geojson() -> dict:
    return geojson("region")


def world_geojson() -> dict:
    return geojson("world")


class Layer:
    """One layer's feature ids (in the file's order) and each feature as its JSON, parsed when asked: equal to the
    features of `geojson(scope)` (json writes and reads floats back exactly)."""

    __slots__ = ("scope", "ids", "_written")

    def __init__(self, scope: str, collection: dict):
        self.scope = scope
        self.ids: tuple[str, ...] = tuple(feature["id"] for feature in collection["features"])
        written: dict[str, list[bytes]] = {}
        for feature in collection["features"]:
            written.setdefault(feature["id"], []).append(
                json.dumps(feature, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8"))
        self._written = {code: tuple(parts) for code, parts in written.items()}

    def features(self, iso3: str) -> list[dict]:
        """The features whose id is `iso3`, in the file's order ([] when none); shared: do not mutate them."""
        return list(_parsed(self, iso3))

    def whole(self) -> dict:
        """The FeatureCollection, parsed now."""
        return geojson(self.scope)

    def __repr__(self) -> str:
        return f"Layer({self.scope!r}, {len(self.ids)} features)"


@cache
def layer(scope: str) -> Layer:
    """The `Layer` of ``scope``, made once per process (in gunicorn's master before it forks)."""
    return Layer(_check_scope(scope), geojson(scope))


@lru_cache(maxsize=64)  # the focus countries asked lately (a feature is 0.1–60 kB parsed)
def _parsed(found: Layer, iso3: str) -> tuple[dict, ...]:
    return tuple(json.loads(part) for part in found._written.get(iso3, ()))  # noqa: SLF001


# What figures/ ask of a geometry, whether a `Layer` or a FeatureCollection (tests, scripts).
def ids_of(geometry: Layer | dict) -> list[str]:
    """The features' ids in the geometry's order."""
    if isinstance(geometry, Layer):
        return list(geometry.ids)
    return [feature["id"] for feature in geometry["features"]]


def features_of(geometry: Layer | dict, iso3: str) -> list[dict]:
    """The features whose id is `iso3`, in order."""
    if isinstance(geometry, Layer):
        return geometry.features(iso3)
    return [feature for feature in geometry["features"] if feature["id"] == iso3]


def whole(geometry: Layer | dict) -> dict:
    """The FeatureCollection itself (a `Layer`'s parsed now)."""
    return geometry.whole() if isinstance(geometry, Layer) else geometry


def file_bytes(scope: str) -> bytes:
    """The committed GeoJSON of ``scope`` as served to browsers, read from the file (serving/static.py keeps it
    compressed)."""
    return (GEO_DIR / f"{_check_scope(scope)}.geojson").read_bytes()


@cache
def version(scope: str) -> str:
    """A short content hash: geometry URLs carry it, so browsers may cache them for good."""
    import hashlib

    return hashlib.sha256(file_bytes(scope)).hexdigest()[:12]


@cache
def _feature_ids(scope: str) -> tuple[str, ...]:
    return tuple(sorted(layer(scope).ids))


def feature_ids(scope: str) -> list[str]:
    """Sorted ids of the features in ``scope`` (a fresh list each call; the work is cached)."""
    return list(_feature_ids(scope))


def _walk(coords, xs: list, ys: list) -> None:
    if coords and isinstance(coords[0], (int, float)):
        xs.append(coords[0])
        ys.append(coords[1])
        return
    for c in coords:
        _walk(c, xs, ys)


@cache
def bounds(scope: str) -> tuple[float, float, float, float]:
    """(lon_min, lat_min, lon_max, lat_max) of all features in ``scope``, in degrees."""
    xs: list[float] = []
    ys: list[float] = []
    for feature in geojson(scope)["features"]:
        _walk(feature["geometry"]["coordinates"], xs, ys)
    return (min(xs), min(ys), max(xs), max(ys))


@cache
def _labels() -> dict:
    with (GEO_DIR / "labels.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def label_point(scope: str, iso3: str) -> tuple[float, float] | None:
    """Where the name of ``iso3`` goes on the ``scope`` map: (lon, lat) computed by geo.build from the geometry
    (the pole of inaccessibility of the country's largest part), or None when the layer has no such country."""
    point = _labels()[_check_scope(scope)].get(iso3)
    return (point[0], point[1]) if point else None
