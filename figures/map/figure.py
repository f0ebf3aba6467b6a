"""The whole map figure: the values, the focus outline, Central Asia outlined and its names written on the map, in
the frame of its extent."""
from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

import geo
from figures.map.frame import MapFrame
from figures.map.scale import colorscale
from figures.plain import PLAIN, drawn_template

FOCUS_OUTLINE = "#d7301f"
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
REGION_OUTLINE = "#1a1a1a"
# Named on the map: the five and their main destination (Kazakhstan is both). On the world map the small ones would
# collide (Kyrgyzstan and Tajikistan are a few pixels apart): there the outline alone marks them.
NAMED = {"region": (*CENTRAL_ASIA, "RUS"), "world": ("KAZ", "RUS")}
# Where a name sits relative to its point, checked by eye at 800 (embed), 1366 and 1920 px, English and Russian:
# Uzbekistan's and Kyrgyzstan's points are ~90 px apart on the region map and Turkmenistan is just south-west: the
# names move apart; Tajikistan's starts at its point, or at 800 px it runs into Turkmenistan's.
LABEL_ANCHORS = {"UZB": "top center", "KGZ": "middle right", "TKM": "bottom center", "TJK": "bottom right"}
# Where a name's point is moved from geo.build's (degrees of longitude, latitude). Uzbekistan's point (the centre of
# the widest circle inside it) is where the country is narrower than its name: at 1366 and 1920 px «Узбекистан»
# began over Turkmenistan and ended over Kazakhstan (on Uzbekistan's focus map, grey, over a dark Turkmenistan: read
# as Turkmenistan's name); 2.8° west and 0.7° north it lies in the wide north-west, all but a letter over Uzbekistan.
LABEL_SHIFTS = {"UZB": (-2.8, 0.7)}
LABEL_SIZE = 14
# A white halo: names stay readable over every colour of the scale (text-shadow, as in CSS).
LABEL_HALO = "0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff, 0 0 1px #fff"

# Frames: centre and extent of each map scope.
SCOPES = {
    # Rotated onto Central Asia so that Russia, Turkey and China all fit without the distortion of a world frame.
    "region": dict(projection_type="azimuthal equal area", projection_rotation=dict(lon=72, lat=50),
                   lonaxis_range=[28, 118], lataxis_range=[24, 72]),
    "world": dict(projection_type="natural earth"),
}


def _focus_geojson(geojson: geo.Layer | dict, focus: str | None) -> dict:
    return {"type": "FeatureCollection", "features": geo.features_of(geojson, focus) if focus else []}


@dataclass(frozen=True)
class MapLabel:
    """A country's name on the map, at the point geo.build computed for it."""

    iso3: str
    text: str
    lon: float
    lat: float


def region_traces(geojson: dict, labels: list[MapLabel], geometry_url: str | None = None, kit=go) -> list:
    """Central Asia outlined, and the names of `labels` written on the map (neither answers the mouse)."""
    outline = kit.Choropleth(
        geojson=geometry_url or geo.whole(geojson), featureidkey="id", locations=list(CENTRAL_ASIA), z=[1] * len(CENTRAL_ASIA),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverinfo="skip",
        marker=dict(line=dict(color=REGION_OUTLINE, width=1.6)), name="central-asia",
    )
    shifts = [LABEL_SHIFTS.get(label.iso3, (0.0, 0.0)) for label in labels]
    names = kit.Scattergeo(
        lon=[round(label.lon + dlon, 2) for label, (dlon, _) in zip(labels, shifts)],
        lat=[round(label.lat + dlat, 2) for label, (_, dlat) in zip(labels, shifts)], text=[label.text for label in labels],
        customdata=[label.iso3 for label in labels], mode="text", hoverinfo="skip", showlegend=False,
        textposition=[LABEL_ANCHORS.get(label.iso3, "middle center") for label in labels],
        textfont=dict(size=LABEL_SIZE, color="#111", weight="bold", shadow=LABEL_HALO), name="names",
    )
    return [outline, names]


# Each scope's frame as the nested dicts `update_geos(**SCOPES[scope])` makes of its magic underscores.
SCOPE_GEOS = {
    "region": dict(projection=dict(type="azimuthal equal area", rotation=dict(lon=72, lat=50)),
                   lonaxis=dict(range=[28, 118]), lataxis=dict(range=[24, 72])),
    "world": dict(projection=dict(type="natural earth")),
}


def build_map_figure(geojson: dict, frame: MapFrame, scope: str, geometry_url: str | None = None,
                     labels: list[MapLabel] | None = None) -> dict:
    """The whole figure. With `geometry_url` the browser fetches the outlines from there (once, cached);
    without, they travel inside the figure. No height: the figure fills its graph, which grows with the screen
    (MAP_HEIGHT in layouts/map/figure.py), so a projector shows a large map rather than a laptop-sized one.
    `labels`: the names written on the map (see `NAMED`). A plain figure dict (figures/plain.py), equal to
    `build_map_figure_reference(...)` as plotly serialises it: a new extent or a focus on a new country is not
    validated again. Its template is plotly's default cut to the traces it draws (figures/plain.drawn_template)."""
    traces = _map_traces(PLAIN, geojson, frame, geometry_url, labels)
    return drawn_template(PLAIN.Figure(traces, dict(
        geo=dict(visible=False, showframe=False, showcoastlines=False, showland=False, showocean=False,
                 showcountries=False, showlakes=False, bgcolor="rgba(0,0,0,0)", **SCOPE_GEOS[scope]),
        title=dict(text=frame.title, x=0.01, font=dict(size=16)), margin=dict(l=0, r=0, t=40, b=0), dragmode=False,
        paper_bgcolor="white", uirevision=scope, separators=frame.separators)))


def build_map_figure_reference(geojson: dict, frame: MapFrame, scope: str, geometry_url: str | None = None,
                               labels: list[MapLabel] | None = None) -> go.Figure:
    """`build_map_figure` through go.Figure and its update calls, as it was: the tests' reference."""
    figure = go.Figure(_map_traces(go, geojson, frame, geometry_url, labels))
    figure.update_geos(visible=False, showframe=False, showcoastlines=False, showland=False, showocean=False,
                       showcountries=False, showlakes=False, bgcolor="rgba(0,0,0,0)", **SCOPES[scope])
    figure.update_layout(title=dict(text=frame.title, x=0.01, font=dict(size=16)), margin=dict(l=0, r=0, t=40, b=0),
                         dragmode=False, paper_bgcolor="white", uirevision=scope, separators=frame.separators)
    return figure


# The colour bar against the chart's right edge (container), not beside the plot (paper, plotly's default): the
# same place, but plotly.js redraws a paper-placed bar from a stale plot width when the chart is resized (a phone's
# map fitted to its geography, assets/geo-fit.js; a window made narrower): ~28 px to the right, past the chart's
# edge, cutting the Russian "Нет данных" to "Нет данн".
COLORBAR_PLACE = dict(xref="container", x=1, xanchor="right")


def _map_traces(kit, geojson: dict, frame: MapFrame, geometry_url: str | None, labels: list[MapLabel] | None) -> list:
    values = kit.Choropleth(
        geojson=geometry_url or geo.whole(geojson), featureidkey="id", locations=frame.locations, z=frame.z,
        zmin=frame.zmin, zmax=frame.zmax, colorscale=colorscale(), customdata=frame.customdata,
        hovertemplate=frame.hovertemplate, marker=dict(line=dict(color="white", width=0.6)),
        showscale=frame.has_values, colorbar=dict(title=dict(text=frame.colorbar_title), tickvals=frame.tickvals, ticktext=frame.ticktext,
                      thickness=14, len=0.75, **COLORBAR_PLACE),
        name="values",
    )
    focus = kit.Choropleth(
        geojson=_focus_geojson(geojson, frame.focus), featureidkey="id",
        locations=[frame.focus] if frame.focus else [], z=[1] if frame.focus else [],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverinfo="skip",
        marker=dict(line=dict(color=FOCUS_OUTLINE, width=3)), name="focus",
    )
    return [values, focus, *region_traces(geojson, labels or [], geometry_url, kit)]
