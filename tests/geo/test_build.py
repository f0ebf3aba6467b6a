"""geo.build: determinism, freshness of the committed files, inputs, code mapping, budgets, topojson stubs."""

import hashlib
import json
import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo import build

ROOT = Path(__file__).resolve().parents[2]
GEO_DIR = ROOT / "geo"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    first = build.build(tmp_path_factory.mktemp("first"))
    second = build.build(tmp_path_factory.mktemp("second"))
    return first, second


@pytest.mark.parametrize("scope", ["region", "world"])
def test_build_is_deterministic(two_builds, scope):
    first, second = two_builds
    assert first[scope].read_bytes() == second[scope].read_bytes()


@pytest.mark.parametrize("scope", ["region", "world"])
def test_committed_layers_are_up_to_date(two_builds, scope):
    fresh = two_builds[0][scope].read_bytes()
    assert (GEO_DIR / f"{scope}.geojson").read_bytes() == fresh, "run `python -m geo.build` and commit the output"


def test_raw_input_matches_provenance():
    provenance = (GEO_DIR / "raw" / "PROVENANCE.md").read_text(encoding="utf-8")
    expected = re.search(r"sha256 `([0-9a-f]{64})`", provenance).group(1)
    assert hashlib.sha256(build.RAW_FILE.read_bytes()).hexdigest() == expected
    assert "90266457d82d3717e47313e72a921e31a087d2c4" in provenance and "public domain" in provenance


def test_build_needs_nothing_outside_the_repo():
    assert build.RAW_FILE.is_relative_to(ROOT)
    assert "/work/shared" not in (GEO_DIR / "build.py").read_text(encoding="utf-8")


def test_code_mapping():
    countries = build.read_countries()
    ids = list(countries["iso3"])
    assert len(ids) == len(set(ids)) == 239  # 241 Natural Earth units - 3 merged + 1 split
    for ne_code in ("KOS", "SDS", "PSX", "SAH", "ALD", "SOL", "CYN", "ATC", "IOA"):
        assert ne_code not in ids
    for iso3 in ("XKX", "SSD", "PSE", "ESH", "ALA", "SOM", "CYP", "AUS", "CCK", "CXR", "FRA", "NOR", "KAS"):
        assert iso3 in ids
    geoms = countries.set_index("iso3").geometry
    assert geoms["SOM"].contains(shapely.Point(44.06, 9.56))  # Hargeisa (Somaliland) merged into Somalia
    # The merge dissolved the old Somalia-Somaliland line: its midpoint now lies inside Somalia.
    raw = gpd.read_file(build.RAW_FILE, engine="pyogrio", columns=["ADM0_A3"]).set_index("ADM0_A3").geometry
    old_border = shapely.intersection(raw["SOM"].boundary, raw["SOL"].boundary)
    assert old_border.length > 1
    assert geoms["SOM"].contains(shapely.line_interpolate_point(shapely.line_merge(old_border), 0.5,
                                                                normalized=True))
    assert shapely.coverage_is_valid(countries.geometry.values)


def test_budget_guard(monkeypatch, tmp_path):
    monkeypatch.setattr(build, "REGION_MAX_BYTES", 1000)
    with pytest.raises(ValueError, match="region.geojson is"):
        build.build(tmp_path)
    assert not (tmp_path / "region.geojson").exists()


def test_missing_required_country_fails(monkeypatch):
    countries = build.read_countries()
    with pytest.raises(ValueError, match="KGZ"):
        build.build_region(countries[countries["iso3"] != "KGZ"])


def test_topojson_stubs(tmp_path):
    stub = {"type": "Topology", "objects": {}, "arcs": []}
    for name in ("world_110m.json", "world_50m.json"):
        assert json.loads((ROOT / "assets" / "topojson" / name).read_text()) == stub
    build.ensure_topojson_stubs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["world_110m.json", "world_50m.json"]
    assert json.loads((tmp_path / "world_50m.json").read_text()) == stub


def test_region_frame_has_no_holes():
    """Every land area inside the frame is covered by some region feature."""
    countries = build.read_countries()
    box = shapely.box(*build.REGION_BBOX)
    land = shapely.intersection(shapely.union_all(countries.geometry.values), box)
    with (GEO_DIR / "region.geojson").open(encoding="utf-8") as fh:
        region = json.load(fh)
    covered = shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in region["features"]])
    assert abs(covered.area - land.area) / land.area < 0.005
    assert shapely.difference(land, covered.buffer(0.05)).area < 0.001 * land.area
    expected = {i for i, g in zip(countries["iso3"], countries.geometry.values)
                if shapely.intersection(g, box).area > 1e-4}
    assert expected <= {f["id"] for f in region["features"]}


def test_label_points_lie_inside_their_countries(two_builds):
    """Names on the map sit inside the shape they name (computed from the geometry, not typed in)."""
    labels = json.loads(two_builds[0]["labels"].read_text(encoding="utf-8"))
    assert labels == json.loads((GEO_DIR / "labels.json").read_text(encoding="utf-8")), "run `python -m geo.build`"
    for scope in ("region", "world"):
        shapes = {f["id"]: shapely.geometry.shape(f["geometry"])
                  for f in json.loads((GEO_DIR / f"{scope}.geojson").read_text(encoding="utf-8"))["features"]}
        assert set(labels[scope]) == set(shapes)
        for code in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"):
            assert shapes[code].contains(shapely.Point(labels[scope][code])), (scope, code)
