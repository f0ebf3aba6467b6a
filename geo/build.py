"""Build the map layers: ``python -m geo.build [--out DIR]``.

Input : ``geo/raw/ne_50m_admin_0_countries.geojson`` (Natural Earth v4.x, public domain; see geo/raw/PROVENANCE.md),
        read with geopandas using the pyogrio engine.
Output: ``geo/region.geojson`` (Central Asia frame, lon 20-150 E / lat 20-80 N, 1:50m detail, <= 300 KB),
        ``geo/world.geojson`` (all countries, same source simplified further, <= 600 KB) and
        ``geo/labels.json`` (``{scope: {iso3: [lon, lat]}}``: where each country's name goes on the map, the pole
        of inaccessibility of its largest part in that layer, see ``label_point``).

Every feature is ``{"type": "Feature", "id": ISO3, "properties": {"iso3": ISO3, "name": NE NAME}, "geometry": ...}``
and nothing else.  Steps, in order:

1. Key every Natural Earth unit by ``ADM0_A3`` (``ISO_A3`` is -99 for France, Norway, Kosovo ...) and map it to the
   ISO 3166-1 / World Bank code where the two differ (``CODE_FIXES``); merge units that have no code of their own
   into the state whose statistics cover them (``MERGE_INTO``); split ``IOA`` into its two ISO territories
   (``SPLIT``).  See geo/README.md for the reasons.
2. Simplify the whole set as one *coverage* (``GeoSeries.simplify_coverage``): neighbours keep identical shared
   edges, so no gaps or overlaps appear between them (``simplify(preserve_topology=True)`` would create both).
3. Region only: clip to the frame with a rectangle whose edges carry a vertex every degree (plotly.js draws every
   polygon edge as a great-circle arc, so an undensified 130-degree edge along lat 80 N would bulge over the pole).
   Long edges left by simplification (e.g. the 49th parallel) are densified to <= ``MAX_SEGMENT_DEG`` for the
   same reason.  The region frame stops at 150 E, which also removes Russia's part beyond the antimeridian.
4. Snap to a 10^-DECIMALS degree grid (``shapely.set_precision``), normalise, and orient every exterior ring
   **clockwise** (``shapely.orient_polygons(exterior_cw=True)``): plotly geo traces fill standard RFC 7946
   counter-clockwise rings inverted (the fill covers the rest of the globe).
5. Write compact JSON ourselves (not GDAL's GeoJSON driver, which could re-orient rings under RFC 7946 and adds
   ``name``/``crs`` members): features sorted by id, fixed key order, coordinates rounded, ``\\n`` at the end.
   The same input therefore always gives byte-identical files.  Files are written atomically.

Offline base map: plotly.js geo traces download ``<scope>_<resolution>m.json`` (world_110m.json / world_50m.json)
from plotly's CDN whenever a geo subplot is drawn, also for choropleths with our own GeoJSON
(``locationmode="geojson-id"``); offline the map stays blank.  We draw every outline from these GeoJSON files, so
``assets/topojson/world_110m.json`` and ``world_50m.json`` are stub topologies
``{"type":"Topology","objects":{},"arcs":[]}`` served from ``assets/`` via
``dcc.Graph(config={"topojsonURL": app.get_asset_url("topojson/")})``.  ``ensure_topojson_stubs()`` (re)creates them.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

GEO_DIR = Path(__file__).resolve().parent
ROOT_DIR = GEO_DIR.parent
RAW_FILE = GEO_DIR / "raw" / "ne_50m_admin_0_countries.geojson"
TOPOJSON_DIR = ROOT_DIR / "assets" / "topojson"
TOPOJSON_STUB = {"type": "Topology", "objects": {}, "arcs": []}
TOPOJSON_STUB_FILES = ("world_110m.json", "world_50m.json")

# Region frame (lon_min, lat_min, lon_max, lat_max).  Every country that has land inside it is kept (clipped), so
# the frame has no holes.
REGION_BBOX = (20.0, 20.0, 150.0, 80.0)
# Coverage-simplification tolerances, in degrees.  Region: ~0.3 px at a 130-degree-wide map 1000 px across.
# World: ~0.4 px at 360 degrees / 1000 px.
REGION_TOLERANCE = 0.04
WORLD_TOLERANCE = 0.15
DECIMALS = 3  # 0.001 degree ~ 110 m, far below the simplification tolerance.
MAX_SEGMENT_DEG = 1.0
REGION_MAX_BYTES = 300_000
WORLD_MAX_BYTES = 600_000

# Countries the region view is about; the build fails if one is missing.
REGION_REQUIRED = (
    "KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "CHN", "IRN",
    "PAK", "MNG", "AZE", "ARM", "GEO", "TUR", "UKR", "BLR", "MDA",
)

# Natural Earth ADM0_A3 -> ISO 3166-1 alpha-3 / World Bank code, where they differ.
CODE_FIXES = {
    "KOS": "XKX",  # Kosovo: World Bank (and EU/IMF) user-assigned code; no ISO 3166-1 code.
    "SDS": "SSD",  # South Sudan.
    "PSX": "PSE",  # Palestine (World Bank "West Bank and Gaza").
    "SAH": "ESH",  # Western Sahara.
    "ALD": "ALA",  # Åland Islands (own ISO code; World Bank counts it in Finland).
}
# Units with no ISO / World Bank code of their own, merged into the state whose statistics cover them.
MERGE_INTO = {
    "SOL": "SOM",  # Somaliland: UN / World Bank / ISO treat it as part of Somalia.
    "CYN": "CYP",  # Northern Cyprus: UN / World Bank / ISO treat it as part of Cyprus.
    "ATC": "AUS",  # Ashmore and Cartier Islands: Australian external territory, no ISO code.
}
# Units holding several ISO territories: split their parts by longitude (parts east of `lon` get the second code).
SPLIT = {
    # Indian Ocean Territories: Cocos (Keeling) Islands (~96.8 E) and Christmas Island (~105.6 E).
    "IOA": {"lon": 100.0, "west": ("CCK", "Cocos (Keeling) Is."), "east": ("CXR", "Christmas I.")},
}
# Kept under their Natural Earth code because no ISO 3166-1 code exists and assigning them would take a side.
NON_ISO_IDS = {
    "KAS": "Siachen Glacier (disputed between India and Pakistan; Natural Earth keeps it separate at 1:50m)",
}


def read_countries(path: Path | str = RAW_FILE) -> gpd.GeoDataFrame:
    """Natural Earth units re-keyed to ISO3: columns ``iso3, name, geometry``, one row per id, sorted by id."""
    src = gpd.read_file(path, engine="pyogrio", columns=["ADM0_A3", "NAME"])
    if src.crs is not None and src.crs.to_epsg() != 4326:
        src = src.to_crs(4326)
    rows: list[tuple[str, str, object]] = []
    for code, name, geom in zip(src["ADM0_A3"], src["NAME"], src.geometry.values):
        if code in SPLIT:
            rule = SPLIT[code]
            parts = shapely.get_parts(geom)
            east = shapely.get_x(shapely.centroid(parts)) > rule["lon"]
            for mask, (iso3, label) in ((~east, rule["west"]), (east, rule["east"])):
                if mask.any():
                    rows.append((iso3, label, shapely.multipolygons(parts[mask])))
            continue
        rows.append((CODE_FIXES.get(code, code), name, geom))
    df = gpd.GeoDataFrame(rows, columns=["iso3", "name", "geometry"], geometry="geometry", crs="EPSG:4326")

    # Merge code-less units into their state; coverage_union dissolves the shared border exactly.
    target = df["iso3"].map(lambda c: MERGE_INTO.get(c, c))
    merged = []
    for iso3, group in df.groupby(target, sort=True):
        own = group[group["iso3"] == iso3]
        if len(own) != 1:
            raise ValueError(f"{iso3}: expected exactly one Natural Earth unit, found {len(own)}")
        geom = own.geometry.iloc[0]
        if len(group) > 1:
            geom = shapely.coverage_union_all(shapely.get_parts(group.geometry.values))
        merged.append((iso3, own["name"].iloc[0], geom))
    out = gpd.GeoDataFrame(merged, columns=["iso3", "name", "geometry"], geometry="geometry", crs="EPSG:4326")
    if out["iso3"].duplicated().any():
        raise ValueError(f"duplicate ids: {sorted(out.loc[out['iso3'].duplicated(), 'iso3'])}")
    return out.sort_values("iso3", ignore_index=True)


def _polygonal(geom):
    """Keep only the (multi)polygon part of a geometry; None if it has no area."""
    parts = shapely.get_parts(geom)
    polys = [p for p in parts if p.geom_type == "Polygon" and not p.is_empty and p.area > 0]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def _finish(geoms: np.ndarray) -> np.ndarray:
    """Densify long edges, snap to the output grid, canonical form, exterior rings clockwise."""
    geoms = shapely.segmentize(geoms, MAX_SEGMENT_DEG)
    geoms = shapely.set_precision(geoms, 10.0 ** -DECIMALS)
    geoms = np.array([_polygonal(g) for g in geoms], dtype=object)
    geoms = shapely.normalize(geoms)
    return shapely.orient_polygons(geoms, exterior_cw=True)


def build_world(countries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = countries.copy()
    out["geometry"] = out.geometry.simplify_coverage(WORLD_TOLERANCE)
    out["geometry"] = _finish(out.geometry.values)
    return out[out.geometry.notna()].reset_index(drop=True)


def build_region(countries: gpd.GeoDataFrame, bbox=REGION_BBOX) -> gpd.GeoDataFrame:
    box = shapely.box(*bbox)
    sel = countries[countries.intersects(box)].copy()
    # Simplify before clipping, so the frame edges stay exactly on the box and keep their densified vertices.
    simplified = sel.geometry.simplify_coverage(REGION_TOLERANCE).values
    clipped = shapely.intersection(simplified, shapely.segmentize(box, MAX_SEGMENT_DEG))
    sel["geometry"] = _finish(clipped)
    sel = sel[sel.geometry.notna()].reset_index(drop=True)
    missing = sorted(set(REGION_REQUIRED) - set(sel["iso3"]))
    if missing:
        raise ValueError(f"region layer lacks {missing}")
    return sel


def _coords(ring) -> list:
    xy = np.round(shapely.get_coordinates(ring), DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
    return [[_num(x), _num(y)] for x, y in xy.tolist()]


def _num(v: float):
    return int(v) if v == int(v) else v  # "20" instead of "20.0"


def _geometry_dict(geom) -> dict:
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    rings = [[_coords(p.exterior)] + [_coords(r) for r in p.interiors] for p in polys]
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": rings[0]}
    return {"type": "MultiPolygon", "coordinates": rings}


def to_feature_collection(layer: gpd.GeoDataFrame) -> dict:
    features = [
        {
            "type": "Feature",
            "id": iso3,
            "properties": {"iso3": iso3, "name": name},
            "geometry": _geometry_dict(geom),
        }
        for iso3, name, geom in sorted(zip(layer["iso3"], layer["name"], layer.geometry.values))
    ]
    return {"type": "FeatureCollection", "features": features}


def dumps(fc: dict) -> bytes:
    return (json.dumps(fc, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def ensure_topojson_stubs(directory: Path = TOPOJSON_DIR) -> None:
    data = (json.dumps(TOPOJSON_STUB, separators=(",", ":")) + "\n").encode()
    for name in TOPOJSON_STUB_FILES:
        path = directory / name
        if not path.exists() or path.read_bytes() != data:
            write_atomic(path, data)


LABEL_DECIMALS = 2
LABEL_TOLERANCE = 0.05  # degrees: polylabel's precision, far below a label's size on screen


def label_point(geom) -> tuple[float, float]:
    """Where a country's name goes: the pole of inaccessibility (the inside point farthest from the border) of its
    largest part. Unlike a centroid it is always inside the shape, and in its widest part, so the name sits in the
    country (Kazakhstan's in the steppe, not on its border; Russia's in Siberia, not in the Arctic Ocean)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    largest = max(parts, key=lambda p: p.area)
    point = shapely.ops.polylabel(largest, tolerance=LABEL_TOLERANCE)
    return (round(point.x, LABEL_DECIMALS) + 0.0, round(point.y, LABEL_DECIMALS) + 0.0)


def label_points(layer: gpd.GeoDataFrame) -> dict[str, list[float]]:
    """{iso3: [lon, lat]} of every country of a layer, computed from the geometry drawn (clipped, simplified)."""
    return {iso3: [_num(x) for x in label_point(geom)]
            for iso3, geom in sorted(zip(layer["iso3"], layer.geometry.values))}


def build(out_dir: Path | str = GEO_DIR, raw_file: Path | str = RAW_FILE) -> dict[str, Path]:
    """Build both layers and their label points into ``out_dir``; returns {scope or "labels": path}.  Raises if a
    size budget is exceeded."""
    import shapely.ops  # noqa: F401  (polylabel)

    out_dir = Path(out_dir)
    countries = read_countries(raw_file)
    outputs = {}
    labels = {}
    for scope, layer, budget in (
        ("region", build_region(countries), REGION_MAX_BYTES),
        ("world", build_world(countries), WORLD_MAX_BYTES),
    ):
        data = dumps(to_feature_collection(layer))
        if len(data) > budget:
            raise ValueError(f"{scope}.geojson is {len(data):,} bytes, budget {budget:,}")
        path = out_dir / f"{scope}.geojson"
        write_atomic(path, data)
        outputs[scope] = path
        labels[scope] = label_points(layer)
    outputs["labels"] = out_dir / "labels.json"
    write_atomic(outputs["labels"], dumps(labels))
    return outputs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GEO_DIR, help="output folder (default: geo/)")
    parser.add_argument("--raw", type=Path, default=RAW_FILE, help="Natural Earth 1:50m admin-0 GeoJSON")
    parser.add_argument("--no-stubs", action="store_true", help="do not (re)create assets/topojson stubs")
    args = parser.parse_args(argv)
    for scope, path in build(args.out, args.raw).items():
        content = json.loads(path.read_text(encoding="utf-8"))
        count = len(content["features"]) if "features" in content else sum(map(len, content.values()))
        print(f"{scope}: {path} {path.stat().st_size:,} bytes, {count} {'features' if 'features' in content else 'label points'}")
    if not args.no_stubs:
        ensure_topojson_stubs()
        print(f"topojson stubs: {TOPOJSON_DIR}")


if __name__ == "__main__":
    main()
