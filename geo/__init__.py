"""Map geometry for the dashboard: cached loaders for the committed GeoJSON layers.

The files are built by ``python -m geo.build`` (see geo/README.md) and read here once per process; nothing is
recomputed per request.  This module imports only the standard library (no geopandas at run time).

    region_geojson() -> dict     # Central Asia frame, lon 20-150 E / lat 20-80 N, 1:50m detail
    world_geojson()  -> dict     # all countries
    geojson(scope)   -> dict     # scope: "region" | "world"
    feature_ids(scope) -> list[str]        # sorted ISO3 ids (plus "KAS", Siachen Glacier, in the region)
    bounds(scope) -> (lon_min, lat_min, lon_max, lat_max)
    label_point(scope, iso3) -> (lon, lat) | None   # where the country's name goes (geo/labels.json)

Every feature has ``id`` == ``properties.iso3`` and ``properties.name`` (Natural Earth NAME); exterior rings are
clockwise, as plotly geo traces need.  Use ``featureidkey="properties.iso3"`` (or the default ``"id"``).
The returned dicts and lists are shared: do not mutate them (copy first).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent
SCOPES = ("region", "world")

__all__ = [
    "SCOPES",
    "bounds",
    "feature_ids",
    "file_bytes",
    "version",
    "geojson",
    "label_point",
    "region_geojson",
    "world_geojson",
]


def _check_scope(scope: str) -> str:
    if scope not in SCOPES:
        raise ValueError(f"unknown map scope {scope!r}; expected one of {SCOPES}")
    return scope


@cache
def geojson(scope: str) -> dict:
    """The FeatureCollection of ``scope`` ("region" or "world"), loaded once."""
    path = GEO_DIR / f"{_check_scope(scope)}.geojson"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def region_geojson() -> dict:
    return geojson("region")


def world_geojson() -> dict:
    return geojson("world")


@cache
def file_bytes(scope: str) -> bytes:
    """The committed GeoJSON of ``scope`` as served to browsers (one copy in memory, read once)."""
    return (GEO_DIR / f"{_check_scope(scope)}.geojson").read_bytes()


@cache
def version(scope: str) -> str:
    """A short content hash: geometry URLs carry it, so browsers may cache them for good."""
    import hashlib

    return hashlib.sha256(file_bytes(scope)).hexdigest()[:12]


@cache
def _feature_ids(scope: str) -> tuple[str, ...]:
    return tuple(sorted(f["properties"]["iso3"] for f in geojson(scope)["features"]))


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
