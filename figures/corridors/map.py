"""The flow map's figure. It has a fixed trace structure, so that a new year or sex is a small `Patch`
(map_patch.py), not the geometry again:
  0. the background countries (own GeoJSON, light grey; the corridors' end points a shade darker);
  1 … MAX_ARCS. one slot per arc (arcs.arc_trace; empty slots have no points);
  MAX_ARCS + 1. the end points' markers and names.
What it draws of a selection is a `FlowMap` (map_frame.py)."""
from __future__ import annotations

import geo
from figures.common import FONT
from figures.corridors.arcs import arc_trace
from figures.corridors.map_frame import MAX_ARCS, FlowMap
from figures.corridors.parts import cut_template
from figures.plain import PLAIN


BACKGROUND_COLOURS = [[0, "#e4e4e4"], [1, "#c9c9c9"]]  # other countries / the corridors' end points


# Where a capital's name sits: below it, except where two capitals are close side by side. Ashgabat and Dushanbe
# are 10° of longitude apart, which on a 320 px map of the region is less than their two names centred under them
# ("Туркменистан", "Таджикистан" overlapped): Turkmenistan's name runs west, into the room over the Caspian (Dushanbe
# is near the map's right edge: a name running east would be cut off). On a wider map every distance grows while
# the names keep their size. On the world map a name is centred under its capital: written west of Ashgabat it lay
# over Iran, and read as Iran's name; the page moves a name that meets another (assets/map-labels.js, which reads
# each point's country from the trace's `meta`).
LABEL_POSITIONS = {"region": {"TKM": "bottom left"}}


def label_position(iso3: str, scope: str = "region") -> str:
    return LABEL_POSITIONS.get(scope, {}).get(iso3, "bottom center")


def labels_trace(frame: FlowMap) -> dict:
    """The end points' dots, the largest corridors' ends named, each point's country in `meta` (for map-labels.js)."""
    codes = list(frame.endpoints)
    return dict(
        type="scattergeo", lon=[frame.endpoints[c][0] for c in codes], lat=[frame.endpoints[c][1] for c in codes],
        text=[frame.labels.get(c, "") for c in codes], mode="markers+text",
        textposition=[label_position(c, frame.scope) for c in codes],
        textfont=dict(family=FONT, size=11, color="#222"), marker=dict(size=5, color="#222"), hoverinfo="skip",
        showlegend=False, name="capitals", meta=codes,
    )


def background_z(geojson: dict, frame: FlowMap) -> list[int]:
    """1 for the features of the corridors' end points, 0 for the others: the end points' places set (~30), not
    each of the world's ~240 features looked up."""
    ids, places = _features(geojson)
    z = [0] * len(ids)
    for code in frame.endpoints:
        for place in places.get(code, ()):
            z[place] = 1
    return z


_ids: dict[int, tuple] = {}


def _features(geojson: geo.Layer | dict) -> tuple[list, dict]:
    """The features' ids of a geometry and each id's places among them; a `geo.Layer`'s (made once per process by
    geo.layer) found once: keyed by the object, which it keeps."""
    found = _ids.get(id(geojson))
    if found is None or found[0] is not geojson:
        ids = geo.ids_of(geojson)
        places: dict = {}
        for place, code in enumerate(ids):
            places.setdefault(code, []).append(place)
        if not isinstance(geojson, geo.Layer):  # a FeatureCollection of a test or a script: not kept
            return ids, places
        found = _ids[id(geojson)] = (geojson, ids, places)
    return found[1], found[2]


def _feature_ids(geojson: dict) -> list:
    return _features(geojson)[0]


def background_trace(geojson: dict, frame: FlowMap, geometry_url: str | None) -> dict:
    """Grey countries, the corridors' ends a shade darker; outlines from `geometry_url` when given (fetched once by
    the browser), else inside the figure."""
    return dict(
        type="choropleth", geojson=geometry_url or geo.whole(geojson), featureidkey="id",
        locations=list(_feature_ids(geojson)),
        z=background_z(geojson, frame), zmin=0, zmax=1, colorscale=BACKGROUND_COLOURS, showscale=False,
        hoverinfo="skip", marker=dict(line=dict(color="white", width=0.5)), name="countries",
    )


def legend_annotation(frame: FlowMap) -> dict:
    """The width scale's text, in the map's lower left corner."""
    return dict(text=frame.legend, x=0.01, y=0.01, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
                showarrow=False, align="left", font=dict(size=11, color="#333"), bgcolor="rgba(255,255,255,0.85)")


def build_flow_map(geojson: dict, frame: FlowMap, geometry_url: str | None = None, kit=PLAIN):
    """The whole figure: sent with the page, or when the frame switches region ⇄ world. No height: it fills its
    graph, which grows with the window (layouts/corridors/page.py MAP_HEIGHT). A plain figure dict
    (figures/plain.py); `kit=VALIDATED` builds the same through plotly's validation."""
    slots = [arc_trace(frame.arcs[i] if i < len(frame.arcs) else None) for i in range(MAX_ARCS)]
    return cut_template(kit.Figure(
        data=[background_trace(geojson, frame, geometry_url), *slots, labels_trace(frame)],
        layout=dict(
            title=dict(text=frame.title, x=0.01, font=dict(size=15)), margin=dict(l=0, r=0, t=40, b=0),
            dragmode=False, paper_bgcolor="white", font=dict(family=FONT), showlegend=False, separators=frame.separators,
            annotations=[legend_annotation(frame)], hoverlabel=dict(align="left"),
            geo=dict(visible=False, showframe=False, bgcolor="rgba(0,0,0,0)", **frame.geo),
        )))
