"""Shared fixtures for the geometry tests: the committed layers read straight from disk (not via geo's cache)."""

import json
from pathlib import Path

import pytest
import shapely

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
SCOPES = ("region", "world")


def load_layer(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="session")
def layers() -> dict:
    """{"region": FeatureCollection, "world": FeatureCollection} as committed."""
    return {scope: load_layer(GEO_DIR / f"{scope}.geojson") for scope in SCOPES}


@pytest.fixture(scope="session")
def shapes(layers) -> dict:
    """{scope: {id: shapely geometry}}."""
    return {
        scope: {f["id"]: shapely.geometry.shape(f["geometry"]) for f in fc["features"]}
        for scope, fc in layers.items()
    }
