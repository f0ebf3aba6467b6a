"""Content checks on the committed geo/region.geojson and geo/world.geojson.

Each check is a small function that is first shown to reject a bad input (negative control), then applied to the
committed layers, so none of these tests can pass vacuously.
"""

import re
from pathlib import Path

import numpy as np
import pycountry
import pytest
import shapely
from shapely.affinity import translate

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
SCOPES = ("region", "world")

REGION_REQUIRED = set(
    "KAZ KGZ TJK TKM UZB RUS AFG CHN IRN PAK MNG AZE ARM GEO TUR UKR BLR MDA".split()
)
# Neighbours that must fill the region frame (no holes around the core countries).
REGION_NEIGHBOURS = set("IND NPL IRQ SYR LTU LVA EST FIN POL ROU KAS".split())

# World Bank economies (217, WDI country metadata vintage 2023-05-10).  Natural Earth 1:50m does not draw three of
# them: the Channel Islands aggregate CHI (it has JEY and GGY), Gibraltar (inside Spain) and Tuvalu.
WB_ECONOMIES = set("""
ABW AFG AGO ALB AND ARE ARG ARM ASM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BMU BOL BRA
BRB BRN BTN BWA CAF CAN CHE CHI CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CUW CYM CYP CZE DEU DJI DMA DNK
DOM DZA ECU EGY ERI ESP EST ETH FIN FJI FRA FRO FSM GAB GBR GEO GHA GIB GIN GMB GNB GNQ GRC GRD GRL GTM GUM
GUY HKG HND HRV HTI HUN IDN IMN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ
MRT MUS MWI MYS NAM NCL NER NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRI PRK PRT PRY PSE
PYF QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD
TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VGB VIR VNM VUT WSM XKX YEM ZAF ZMB
ZWE
""".split())
NOT_IN_NATURAL_EARTH = {"CHI", "GIB", "TUV"}
# Ids that are neither ISO 3166-1 nor World Bank codes, on purpose (see geo/README.md).
NON_ISO_IDS = {"KAS"}
ALLOWED_IDS = {c.alpha_3 for c in pycountry.countries} | {"XKX"} | NON_ISO_IDS
# Natural Earth codes that the build must have replaced or merged.
NE_ONLY_CODES = {"KOS", "SDS", "PSX", "SAH", "ALD", "SOL", "CYN", "ATC", "IOA"}

BUDGET = {"region": 300_000, "world": 600_000}
BORDERS = [
    ("KAZ", "UZB"), ("TJK", "KGZ"), ("KGZ", "UZB"), ("TJK", "UZB"), ("KAZ", "KGZ"), ("KAZ", "RUS"),
    ("KAZ", "CHN"), ("KAZ", "TKM"), ("TKM", "UZB"), ("TKM", "IRN"), ("TKM", "AFG"), ("AFG", "TJK"),
    ("AFG", "PAK"), ("AFG", "IRN"), ("CHN", "KGZ"), ("CHN", "TJK"), ("CHN", "MNG"), ("RUS", "MNG"),
    ("RUS", "UKR"), ("RUS", "BLR"), ("UKR", "MDA"), ("GEO", "RUS"), ("ARM", "AZE"), ("TUR", "IRN"),
]
OVERLAP_TOLERANCE = 1e-8  # square degrees (~0.0001 km²)


# ---------------------------------------------------------------------------------------------- helpers

def signed_area(ring) -> float:
    """Shoelace area in lon/lat: > 0 counter-clockwise, < 0 clockwise."""
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon", geometry["type"]
    return geometry["coordinates"]


def orientation_errors(fc: dict) -> list[str]:
    errors = []
    for f in fc["features"]:
        for i, rings in enumerate(polygons(f["geometry"])):
            if signed_area(rings[0]) >= 0:
                errors.append(f"{f['id']} polygon {i}: exterior ring not clockwise")
            errors += [f"{f['id']} polygon {i}: hole {j} not counter-clockwise"
                       for j, hole in enumerate(rings[1:]) if signed_area(hole) <= 0]
    return errors


def overlaps(geoms: dict, tolerance: float = OVERLAP_TOLERANCE) -> list[tuple]:
    ids = list(geoms)
    arr = np.array([geoms[i] for i in ids])
    left, right = shapely.STRtree(arr).query(arr, predicate="intersects")
    out = []
    for a, b in zip(left, right):
        if a < b:
            area = shapely.intersection(arr[a], arr[b]).area
            if area > tolerance:
                out.append((ids[a], ids[b], area))
    return out


def border_problem(a, b) -> str | None:
    """None if a and b meet along a shared line (no overlap, no sliver gap beside it), else what is wrong."""
    inter = shapely.intersection(a, b)
    if inter.area > OVERLAP_TOLERANCE:
        return f"overlap of {inter.area:.2e} deg²"
    shared = shapely.intersection(a.boundary, b.boundary).length
    if shared < 0.2:
        return f"shared border only {shared:.3f} deg long"
    # Boundary of `a` that runs within 0.05 deg of `b` but is not shared means a sliver gap or a mismatch.
    near = shapely.intersection(a.boundary, b.buffer(0.05)).length
    if shared < 0.9 * near:
        return f"shared {shared:.3f} deg of {near:.3f} deg running alongside"
    return None


# ---------------------------------------------------------------------------------------------- negative controls

def test_checks_reject_bad_input():
    ccw = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    cw = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    assert orientation_errors({"features": [{"id": "X", "geometry": ccw}]})
    assert not orientation_errors({"features": [{"id": "X", "geometry": cw}]})
    left, right = shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)
    assert border_problem(left, right) is None
    assert "overlap" in border_problem(left, translate(right, xoff=-0.01))
    assert border_problem(left, translate(right, xoff=0.01)) is not None  # sliver gap
    assert overlaps({"A": left, "B": translate(right, xoff=-0.01)})
    assert not overlaps({"A": left, "B": right})


# ---------------------------------------------------------------------------------------------- ids and properties

@pytest.mark.parametrize("scope", SCOPES)
def test_ids_unique_iso3_and_properties_minimal(layers, scope):
    fc = layers[scope]
    assert set(fc) == {"type", "features"} and fc["type"] == "FeatureCollection"
    ids = [f["id"] for f in fc["features"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert ids == sorted(ids)
    for f in fc["features"]:
        assert set(f) == {"type", "id", "properties", "geometry"}, f["id"]
        assert set(f["properties"]) == {"iso3", "name"}, f["id"]
        assert f["properties"]["iso3"] == f["id"]
        assert isinstance(f["properties"]["name"], str) and f["properties"]["name"].strip()
    assert not set(ids) - ALLOWED_IDS, f"not ISO3/World Bank codes: {sorted(set(ids) - ALLOWED_IDS)}"
    assert not set(ids) & NE_ONLY_CODES


def test_region_has_required_countries_and_neighbours(layers):
    ids = {f["id"] for f in layers["region"]["features"]}
    assert REGION_REQUIRED <= ids, sorted(REGION_REQUIRED - ids)
    assert REGION_NEIGHBOURS <= ids, sorted(REGION_NEIGHBOURS - ids)


def test_world_has_every_world_bank_economy(layers):
    ids = {f["id"] for f in layers["world"]["features"]}
    missing = WB_ECONOMIES - NOT_IN_NATURAL_EARTH - ids
    assert not missing, sorted(missing)
    assert REGION_REQUIRED <= ids
    assert ids >= {f["id"] for f in layers["region"]["features"]}


def test_names(layers):
    for scope in SCOPES:
        names = {f["id"]: f["properties"]["name"] for f in layers[scope]["features"]}
        assert names["KAZ"] == "Kazakhstan" and names["UZB"] == "Uzbekistan" and names["XKX"] == "Kosovo"


def test_merged_units_belong_to_their_state(shapes):
    world = shapes["world"]
    hargeisa, famagusta = shapely.Point(44.06, 9.56), shapely.Point(33.94, 35.12)  # Somaliland, N. Cyprus
    assert world["SOM"].contains(hargeisa)
    assert world["CYP"].contains(famagusta)
    assert world["CXR"].intersects(shapely.box(105.5, -10.6, 105.8, -10.4))  # Christmas Island, from IOA
    assert world["CCK"].intersects(shapely.box(96.7, -12.3, 97.0, -11.9))  # Cocos (Keeling) Islands, from IOA


# ---------------------------------------------------------------------------------------------- geometry

@pytest.mark.parametrize("scope", SCOPES)
def test_every_exterior_ring_clockwise(layers, scope):
    assert orientation_errors(layers[scope]) == []


@pytest.mark.parametrize("scope", SCOPES)
def test_geometries_valid_polygonal(shapes, scope):
    for iso3, geom in shapes[scope].items():
        assert geom.geom_type in ("Polygon", "MultiPolygon"), iso3
        assert not geom.is_empty and geom.area > 0, iso3
        assert geom.is_valid, (iso3, shapely.is_valid_reason(geom))


@pytest.mark.parametrize("scope", SCOPES)
def test_no_overlaps_between_neighbours(shapes, scope):
    assert overlaps(shapes[scope]) == []


@pytest.mark.parametrize("scope", SCOPES)
def test_valid_coverage_no_gaps(shapes, scope):
    geoms = np.array(list(shapes[scope].values()))
    assert shapely.coverage_is_valid(geoms)  # edges match exactly, nothing overlaps
    # Narrow gaps (< 0.01 deg) between neighbours: the only one is the water between Macao and the mainland,
    # already present in Natural Earth itself.
    invalid = shapely.coverage_invalid_edges(geoms, gap_width=0.01)
    flagged = {i for i, e in zip(shapes[scope], invalid) if not e.is_empty}
    assert flagged <= {"CHN", "MAC"}, sorted(flagged)


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("pair", BORDERS, ids="-".join)
def test_borders_stay_shared(shapes, scope, pair):
    a, b = (shapes[scope][i] for i in pair)
    assert border_problem(a, b) is None, border_problem(a, b)
    assert border_problem(b, a) is None, border_problem(b, a)


def test_region_frame_and_densified_edges(shapes, layers):
    minx, miny, maxx, maxy = shapely.union_all(list(shapes["region"].values())).bounds
    assert (minx, miny, maxx, maxy) == (20, 20, 150, 80)
    # plotly draws edges as great-circle arcs: edges along the frame need a vertex at least every degree.
    on_frame = []
    for f in layers["region"]["features"]:
        for p in polygons(f["geometry"]):
            for ring in p:
                for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:]):
                    if (y0 == y1 and y0 in (20, 80)) or (x0 == x1 and x0 in (20, 150)):
                        on_frame.append(((x0, y0), (x1, y1), abs(x1 - x0) + abs(y1 - y0)))
    assert sum(length for *_, length in on_frame) > 50  # the frame really clips land (~120 deg of edges)
    too_long = [seg for seg in on_frame if seg[2] > 1.0 + 1e-9]
    assert not too_long, too_long[:5]


@pytest.mark.parametrize("scope", SCOPES)
def test_no_long_edges(layers, scope):
    longest = 0.0
    for f in layers[scope]["features"]:
        for p in polygons(f["geometry"]):
            for ring in p:
                xy = np.asarray(ring, dtype=float)
                longest = max(longest, float(np.hypot(*np.diff(xy, axis=0).T).max()))
    assert longest <= 1.01, longest


# ---------------------------------------------------------------------------------------------- files

@pytest.mark.parametrize("scope", SCOPES)
def test_file_size_within_budget(scope):
    size = (GEO_DIR / f"{scope}.geojson").stat().st_size
    assert 20_000 < size <= BUDGET[scope], size


@pytest.mark.parametrize("scope", SCOPES)
def test_coordinates_rounded(scope):
    text = (GEO_DIR / f"{scope}.geojson").read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{4,}", text)
    assert re.search(r"\d\.\d{3}[,\]]", text)  # 3 decimals are used
    assert "-0," not in text and "-0]" not in text and "NaN" not in text
