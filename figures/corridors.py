"""Corridors: who goes where. Pure builders from the corridor query to plotly figures.

The flow map has a fixed trace structure, so that a new year or sex is a small `Patch`, not the geometry again:
  0. the background countries (own GeoJSON, light grey; the corridors' end points a shade darker);
  1 … MAX_ARCS. one slot per arc (empty slots have no points), a quadratic Bézier from the origin's capital to the
     destination's, bowed to the right of the direction of travel so that A→B and B→A never overlap;
  MAX_ARCS + 1. the end points' markers and names.
Arc widths are proportional to the value, on a scale fixed over all years of the selection (so a width means the
same number of people in every year). Corridors without data are absent, never drawn as zero.

Figures are built in one go (`go.Figure(traces, layout)`); patches carry plain trace dicts. Both are several times
faster than `update_*` chains, which matters for callbacks.
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from figures.common import (CENTRAL_ASIA, COUNTRY_COLOURS, FONT, LINE_COLOURS, base_layout, locale_ticks,
                            separators, wrap_hover_line)
from figures.map import source_label
from figures.remittances import period_start
from i18n import N_, format_compact, format_period, format_value, t

DEFAULT_SOURCE = "undesa_ims_2024"
SEXES = {"total": "stock_total", "female": "stock_female", "male": "stock_male"}
MODES = ("default", "origin", "destination")
DEFAULT_ORIGIN = "UZB"  # when a mode needs a country and none is given
DEFAULT_DESTINATION = "RUS"
ORIGIN_GROUP = "ca5"  # the default view: the five Central Asian states …
DESTINATION_GROUP = "main_destinations"  # … to Russia and Kazakhstan (so Kazakhstan → Russia is in it too)
COMPARISON_DESTINATION = "RUS"

MAX_ARCS = 30  # arc slots of the flow map; more corridors than this: the largest are drawn, the table lists all
MAX_LABELS = 10  # capitals named on the map (the largest corridors' end points); the others are dots
MAX_SANKEY_LINKS = 12  # the Sankey draws the largest corridors and one band for all the others of the map
MAX_WIDTH = 16.0  # px, the largest value of the selection over all years
MIN_WIDTH = 0.8  # px, so that small corridors stay visible (the hover and the table give the value)
ARC_POINTS = 16
ARC_BEND = 0.22  # control point offset, as a share of the chord length
ARC_END = 0.96  # arcs stop just short of the destination so the arrowhead is not hidden under its dot
ARROW_SIZE = 8.0

# The five Central Asian origins in their colours of every chart (figures.common); every other origin is grey, so
# they stand out.
ORIGIN_COLOURS = {iso3: COUNTRY_COLOURS[iso3] for iso3 in CENTRAL_ASIA}
OTHER_COLOUR = "#6b7b8c"
BACKGROUND_COLOURS = [[0, "#e4e4e4"], [1, "#c9c9c9"]]  # other countries / the corridors' end points
REGION_BOUNDS = (20.0, 20.0, 150.0, 80.0)  # geo.bounds("region"): lon_min, lat_min, lon_max, lat_max
FRAME_PADDING = 5.0  # degrees around the end points
OTHERS = "OTHERS"  # the Sankey node of the smaller corridors


# ---------------------------------------------------------------------------------------------------------------
# Selection and query
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Selection:
    """What the flow map and the Sankey show: one of three modes, a year, a sex and a UN DESA revision."""

    mode: str
    origin: str | None
    destination: str | None
    year: int
    sex: str = "total"
    source: str = DEFAULT_SOURCE

    @property
    def measure(self) -> str:
        return SEXES[self.sex]


def with_year(selection: Selection, year: int) -> Selection:
    return replace(selection, year=year)


def corridor_id(origin: str, destination: str) -> str:
    return f"{origin}-{destination}"


def parse_corridor_id(text: str) -> tuple[str, str]:
    origin, destination = text.strip().upper().split("-")
    if len(origin) != 3 or len(destination) != 3 or origin == destination:
        raise ValueError(text)
    return origin, destination


@lru_cache(maxsize=64)
def _table(store, measure: str, source: str | None) -> pd.DataFrame:
    """One measure of one source, queried once per process (the curated data do not change while it runs)."""
    return store.corridors(measure, source=source)


def query(store, measure: str, *, origins=None, destinations=None, year: int | None = None,
          source: str | None = None) -> pd.DataFrame:
    """`store.corridors` with the same arguments and result, filtering a cached table (a callback's hot path)."""
    table = _table(store, measure, source)
    mask = np.ones(len(table), dtype=bool)
    if origins is not None:
        mask &= np.isin(table["origin"].to_numpy(), list(origins))
    if destinations is not None:
        mask &= np.isin(table["destination"].to_numpy(), list(destinations))
    if year is not None:
        mask &= table["year"].to_numpy() == year
    return table[mask]


@lru_cache(maxsize=16)
def group_members(store, group_id: str) -> tuple[str, ...]:
    return tuple(store.group_members(group_id))


@lru_cache(maxsize=16)
def stock_years(store, source: str) -> tuple[int, ...]:
    """Years a stock source has (for the total; the sexes are published for the same years)."""
    return tuple(sorted(int(y) for y in _table(store, "stock_total", source)["year"].unique()))


def resolve_year(available: tuple[int, ...], year: int) -> int:
    """The year itself if the source has it, else its latest year before it (or the first one after)."""
    if not available or year in available:
        return year
    earlier = [y for y in available if y <= year]
    return earlier[-1] if earlier else available[0]


def _query(store, selection: Selection, year: int | None) -> pd.DataFrame:
    if selection.mode == "origin":
        return query(store, selection.measure, origins=[selection.origin], year=year, source=selection.source)
    if selection.mode == "destination":
        return query(store, selection.measure, destinations=[selection.destination], year=year,
                     source=selection.source)
    return query(store, selection.measure, origins=group_members(store, ORIGIN_GROUP),
                 destinations=group_members(store, DESTINATION_GROUP), year=year, source=selection.source)


def flows(store, selection: Selection) -> pd.DataFrame:
    """The corridors of the selection in its year, largest first: [origin, destination, year, value, source].

    Only corridors with a value: a missing corridor is absent, never zero. Self-corridors (Kazakhstan → Kazakhstan
    in the default group pair) are not corridors.
    """
    rows = _query(store, selection, selection.year)
    rows = rows[(rows["origin"] != rows["destination"]) & rows["value"].notna()]
    return (rows[["origin", "destination", "year", "value", "source"]]
            .sort_values(["value", "origin", "destination"], ascending=[False, True, True]).reset_index(drop=True))


@lru_cache(maxsize=256)
def width_reference(store, selection: Selection) -> float:
    """The largest value of the selection over all its years: the value drawn at MAX_WIDTH."""
    rows = _query(store, selection, None)
    rows = rows[rows["origin"] != rows["destination"]]
    top = rows["value"].max() if len(rows) else float("nan")
    return float(top) if pd.notna(top) and top > 0 else 1.0


def default_corridor(selection: Selection, rows: pd.DataFrame) -> tuple[str, str]:
    """The corridor the card shows when none is chosen: Uzbekistan → Russia in the default view, else the largest."""
    if selection.mode == "default" or rows.empty:
        return DEFAULT_ORIGIN, DEFAULT_DESTINATION
    top = rows.iloc[0]
    return top["origin"], top["destination"]


# ---------------------------------------------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------------------------------------------
def capital(store, iso3: str) -> tuple[float, float] | None:
    """(lon, lat) of the country's capital, or None where the country or its capital is unknown."""
    info = store.country(iso3)
    if not info or info.get("capital_lon") is None or info.get("capital_lat") is None:
        return None
    return float(info["capital_lon"]), float(info["capital_lat"])


def arc_points(start: tuple[float, float], end: tuple[float, float], *, bend: float = ARC_BEND,
               n: int = ARC_POINTS, stop: float = 1.0) -> tuple[list[float], list[float]]:
    """A quadratic Bézier from `start` to `end` (lon, lat), its control point to the right of the direction of travel,
    sampled at n points from 0 to `stop` (1 = the end itself).

    Computed in a plane where a degree of longitude is shrunk by cos(mean latitude), so that the bow looks
    perpendicular on the map; the reverse corridor bows to the other side.
    """
    (lon0, lat0), (lon1, lat1) = start, end
    shrink = max(math.cos(math.radians((lat0 + lat1) / 2)), 0.2)
    x0, x1 = lon0 * shrink, lon1 * shrink
    dx, dy = x1 - x0, lat1 - lat0
    # The right-hand normal of the direction (dx, dy) is (dy, -dx); its length equals the chord's.
    cx, cy = (x0 + x1) / 2 + bend * dy, (lat0 + lat1) / 2 - bend * dx
    lons, lats = [], []
    for i in range(n):
        s = stop * i / (n - 1)
        a, b, c = (1 - s) ** 2, 2 * (1 - s) * s, s ** 2
        lons.append(round((a * x0 + b * cx + c * x1) / shrink, 2))  # 0.01° ≈ 1 km: finer is not visible
        lats.append(round(a * lat0 + b * cy + c * lat1, 2))
    return lons, lats


def arc_width(value: float, reference: float) -> float:
    """Line width proportional to the value (MAX_WIDTH at the reference), never thinner than MIN_WIDTH."""
    return round(max(MIN_WIDTH, MAX_WIDTH * value / reference), 2)


def origin_colour(iso3: str) -> str:
    return ORIGIN_COLOURS.get(iso3, OTHER_COLOUR)


def frame_for(points: list[tuple[float, float]]) -> tuple[str, dict]:
    """The map's scope ("region" or "world") and geo settings that fit the corridors' end points."""
    lon_min, lat_min, lon_max, lat_max = REGION_BOUNDS
    if not points:
        points = [(69.3, 41.3), (37.6, 55.8)]  # Tashkent and Moscow: the default view's extent
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    inside = all(lon_min <= x <= lon_max for x in lons) and all(lat_min <= y <= lat_max for y in lats)
    if not inside:
        return "world", _geo("natural earth", dict(lon=30, lat=15), [-180, 180], [-58, 85])
    lon_range = [max(lon_min, min(lons) - FRAME_PADDING), min(lon_max, max(lons) + FRAME_PADDING)]
    lat_range = [max(lat_min, min(lats) - FRAME_PADDING), min(lat_max, max(lats) + FRAME_PADDING)]
    centre = dict(lon=round((lon_range[0] + lon_range[1]) / 2, 2), lat=round((lat_range[0] + lat_range[1]) / 2, 2))
    return "region", _geo("azimuthal equal area", centre, lon_range, lat_range)


def _geo(projection: str, centre: dict, lon_range: list[float], lat_range: list[float]) -> dict:
    """Geo settings as nested dicts (not magic underscores), so that a Patch can replace each of them whole."""
    rotation = dict(lon=centre["lon"], lat=centre["lat"] if projection != "natural earth" else 0, roll=0)
    return dict(projection=dict(type=projection, rotation=rotation, scale=1.0), center=centre,
                lonaxis=dict(range=lon_range), lataxis=dict(range=lat_range))


# ---------------------------------------------------------------------------------------------------------------
# Flow map
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Arc:
    origin: str
    destination: str
    value: float
    lons: list[float]
    lats: list[float]
    width: float
    colour: str
    hovertemplate: str


@dataclass(frozen=True)
class FlowMap:
    """Everything of the flow map that changes with a selection (and nothing of the geometry)."""

    scope: str
    geo: dict
    arcs: list[Arc]
    endpoints: dict[str, tuple[float, float]]  # iso3 → (lon, lat) of the drawn arcs' capitals
    labels: dict[str, str]  # iso3 → name, for the end points that are named on the map
    title: str
    legend: str  # short, inside the figure
    note: str  # longer, under it
    n_drawable: int  # corridors with a value > 0 (all of them are in the table)
    separators: str = ".,"  # the language's decimal and thousands marks (figures.common.separators)


# Keys chosen at run time, written out so that extraction sees them (i18n/README.md).
SEX_KEYS = {"total": N_("corridors.sex_total"), "female": N_("corridors.sex_female"), "male": N_("corridors.sex_male")}


def sex_label(sex: str, lang: str) -> str:
    return t(SEX_KEYS[sex], lang)


def flows_title(store, selection: Selection, lang: str) -> str:
    sex, year = sex_label(selection.sex, lang), selection.year
    if selection.mode == "origin":
        return t("corridors.title_origin", lang, country=store.country_name(selection.origin, lang), year=year,
                 sex=sex)
    if selection.mode == "destination":
        return t("corridors.title_destination", lang, country=store.country_name(selection.destination, lang),
                 year=year, sex=sex)
    return t("corridors.title_default", lang, year=year, sex=sex)


@lru_cache(maxsize=64)
def _source_label(store, source: str, lang: str = "en") -> str:
    return source_label(store, source, lang)


def corridor_name(store, origin: str, destination: str, lang: str) -> str:
    return t("corridors.corridor_name", lang, origin=store.country_name(origin, lang),
             destination=store.country_name(destination, lang))


def flow_map(store, selection: Selection, rows: pd.DataFrame, lang: str) -> FlowMap:
    """Arcs for the largest MAX_ARCS corridors of `rows` (from `flows`) that have capitals to draw them from."""
    reference = width_reference(store, selection)
    drawable = rows[rows["value"] > 0]
    arcs: list[Arc] = []
    endpoints: dict[str, tuple[float, float]] = {}
    for row in drawable.itertuples():
        if len(arcs) == MAX_ARCS:
            break
        start, end = capital(store, row.origin), capital(store, row.destination)
        if start is None or end is None:
            continue
        lons, lats = arc_points(start, end, stop=ARC_END)
        hover = t("corridors.arc_hover", lang, corridor=corridor_name(store, row.origin, row.destination, lang),
                  value=format_value(row.value, "persons", lang), sex=sex_label(selection.sex, lang), year=row.year,
                  source=_source_label(store, row.source, lang))
        arcs.append(Arc(row.origin, row.destination, float(row.value), lons, lats, arc_width(row.value, reference),
                        origin_colour(row.origin), wrap_hover_line(hover) + "<extra></extra>"))
        endpoints.setdefault(row.origin, start)
        endpoints.setdefault(row.destination, end)
    scope, geo_settings = frame_for(list(endpoints.values()))
    named = list(endpoints)[:MAX_LABELS]  # end points in order of their largest corridor: the biggest are named
    widest = format_compact(reference, lang)
    if not arcs:
        note = t("corridors.no_flows", lang)
    elif len(drawable) > len(arcs):
        note = t("corridors.note_top", lang, shown=len(arcs), total=len(drawable), width=widest)
    else:
        note = t("corridors.note_width", lang, width=widest)
    return FlowMap(scope=scope, geo=geo_settings, arcs=arcs, endpoints=endpoints,
                   labels={iso3: store.country_name(iso3, lang) for iso3 in named},
                   title=flows_title(store, selection, lang), legend=t("corridors.legend_width", lang, width=widest),
                   note=note, n_drawable=len(drawable), separators=separators(lang))


def _arc_trace(arc: Arc | None) -> dict:
    """One arc slot: the line, an arrowhead at the destination, the corridor id on every point (for clicks)."""
    if arc is None:
        return dict(type="scattergeo", lon=[], lat=[], mode="lines", showlegend=False)
    n = len(arc.lons)
    return dict(
        type="scattergeo", lon=arc.lons, lat=arc.lats, mode="lines+markers", showlegend=False,
        name=f"{arc.origin}→{arc.destination}", line=dict(width=arc.width, color=arc.colour),
        marker=dict(size=[0] * (n - 1) + [ARROW_SIZE + arc.width], symbol="arrow", angleref="previous",
                    color=arc.colour, line=dict(width=0)),
        opacity=0.85, customdata=[corridor_id(arc.origin, arc.destination)] * n, hovertemplate=arc.hovertemplate,
    )


# Where a capital's name sits: below it, except where two capitals are close side by side. Ashgabat and Dushanbe
# are 10° of longitude apart, which on a 320 px map is less than their two names centred under them ("Туркменистан",
# "Таджикистан" overlapped): Turkmenistan's name runs west, into the room over Iran and the Caspian (Dushanbe is near
# the map's right edge: a name running east would be cut off). On a wider map every distance grows while the names
# keep their size.
LABEL_POSITIONS = {"TKM": "bottom left"}


def label_position(iso3: str) -> str:
    return LABEL_POSITIONS.get(iso3, "bottom center")


def _labels_trace(frame: FlowMap) -> dict:
    codes = list(frame.endpoints)
    return dict(
        type="scattergeo", lon=[frame.endpoints[c][0] for c in codes], lat=[frame.endpoints[c][1] for c in codes],
        text=[frame.labels.get(c, "") for c in codes], mode="markers+text",
        textposition=[label_position(c) for c in codes],
        textfont=dict(family=FONT, size=11, color="#222"), marker=dict(size=5, color="#222"), hoverinfo="skip",
        showlegend=False, name="capitals",
    )


def _background_z(geojson: dict, frame: FlowMap) -> list[int]:
    return [1 if feature["id"] in frame.endpoints else 0 for feature in geojson["features"]]


def _background(geojson: dict, frame: FlowMap, geometry_url: str | None) -> dict:
    """Grey countries, the corridors' ends a shade darker; outlines from `geometry_url` when given (fetched once by
    the browser), else inside the figure."""
    return dict(
        type="choropleth", geojson=geometry_url or geojson, featureidkey="id", locations=[f["id"] for f in geojson["features"]],
        z=_background_z(geojson, frame), zmin=0, zmax=1, colorscale=BACKGROUND_COLOURS, showscale=False,
        hoverinfo="skip", marker=dict(line=dict(color="white", width=0.5)), name="countries",
    )


def _legend(frame: FlowMap) -> dict:
    return dict(text=frame.legend, x=0.01, y=0.01, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
                showarrow=False, align="left", font=dict(size=11, color="#333"), bgcolor="rgba(255,255,255,0.85)")


def build_flow_map(geojson: dict, frame: FlowMap, geometry_url: str | None = None) -> go.Figure:
    """The whole figure: sent with the page, or when the frame switches region ⇄ world. No height: it fills its
    graph, which grows with the window (layouts/corridors/page.py MAP_HEIGHT)."""
    slots = [_arc_trace(frame.arcs[i] if i < len(frame.arcs) else None) for i in range(MAX_ARCS)]
    return go.Figure(
        data=[_background(geojson, frame, geometry_url), *slots, _labels_trace(frame)],
        layout=dict(
            title=dict(text=frame.title, x=0.01, font=dict(size=15)), margin=dict(l=0, r=0, t=40, b=0),
            dragmode=False, paper_bgcolor="white", font=dict(family=FONT), showlegend=False, separators=frame.separators,
            annotations=[_legend(frame)], hoverlabel=dict(align="left"),
            geo=dict(visible=False, showframe=False, bgcolor="rgba(0,0,0,0)", **frame.geo),
        ))


def patch_flow_map(geojson: dict, frame: FlowMap, *, new_scope: bool, geometry_url: str | None = None) -> Patch:
    """Only what a new selection changes; the background geometry only when the frame's scope changed."""
    patch = Patch()
    if new_scope:
        patch["data"][0] = _background(geojson, frame, geometry_url)
    else:
        patch["data"][0]["z"] = _background_z(geojson, frame)
    for i in range(MAX_ARCS):
        patch["data"][i + 1] = _arc_trace(frame.arcs[i] if i < len(frame.arcs) else None)
    patch["data"][MAX_ARCS + 1] = _labels_trace(frame)
    for key, value in frame.geo.items():
        patch["layout"]["geo"][key] = value
    patch["layout"]["title"]["text"] = frame.title
    patch["layout"]["annotations"] = [_legend(frame)]
    return patch


# ---------------------------------------------------------------------------------------------------------------
# Sankey
# ---------------------------------------------------------------------------------------------------------------
def _with_alpha(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


@lru_cache(maxsize=1)
def _base_look() -> dict:
    """The project's base look (figures/common.py `base_layout`) as a layout dict, computed once. It includes the
    default template, so that figures built as plain dicts look like every other figure of the app."""
    return base_layout(go.Figure(), title="-").layout.to_plotly_json()  # with the default template, as a dict


def _layout(height: int, title: str, lang: str, **extra) -> dict:
    """The base look with this figure's height, title and own keys merged in: a figure built in one go is several
    times faster than a chain of `update_*` calls."""
    # The template is shared, not copied: nothing mutates a figure after it is built.
    layout = {key: value if key == "template" else copy.deepcopy(value) for key, value in _base_look().items()}
    layout["height"] = height
    layout["title"]["text"] = title
    layout["separators"] = separators(lang)  # Babel's marks: a no-break space in Russian thousands
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def sankey_links(store, frame: FlowMap, selection: Selection, lang: str) -> tuple[list[Arc], str]:
    """The map's arcs as Sankey links: the largest MAX_SANKEY_LINKS, then one band summing the others, and its label.

    In origin mode the others are destinations, in destination mode origins, in the default view corridors.
    """
    arcs = frame.arcs
    if len(arcs) <= MAX_SANKEY_LINKS + 1:
        return list(arcs), ""
    top, rest = arcs[:MAX_SANKEY_LINKS], arcs[MAX_SANKEY_LINKS:]
    total = sum(a.value for a in rest)
    side = {"origin": N_("corridors.others_destinations"),
            "destination": N_("corridors.others_origins")}.get(selection.mode, N_("corridors.others_corridors"))
    label = t(side, lang, n=len(rest))
    origin = selection.origin if selection.mode == "origin" else OTHERS
    destination = selection.destination if selection.mode == "destination" else OTHERS
    hover = wrap_hover_line(t("corridors.others_hover", lang, label=label, value=format_value(total, "persons", lang),
                              sex=sex_label(selection.sex, lang), year=selection.year)) + "<extra></extra>"
    return [*top, Arc(origin, destination, total, [], [], 0.0, OTHER_COLOUR, hover)], label


def build_sankey(store, frame: FlowMap, selection: Selection, lang: str) -> dict:
    """Origins (left) → destinations (right) for the map's corridors. A country that is both an origin and a
    destination (Kazakhstan) gets a node on each side: the Sankey must not suggest people pass through it.

    A plain figure dict (`go.Figure(result)` validates it): it is built for each new selection and only ever sent,
    and plotly's validation would be most of the cost."""
    links, others_label = sankey_links(store, frame, selection, lang)
    origins = list(dict.fromkeys(a.origin for a in links))
    destinations = list(dict.fromkeys(a.destination for a in links))
    labels = [others_label if c == OTHERS else store.country_name(c, lang) for c in origins + destinations]
    sankey = dict(
        type="sankey", arrangement="snap",
        node=dict(label=labels, x=[0.001] * len(origins) + [0.999] * len(destinations),
                  y=[(i + 0.5) / len(origins) for i in range(len(origins))]
                  + [(i + 0.5) / len(destinations) for i in range(len(destinations))],
                  pad=10, thickness=14, line=dict(width=0),
                  color=[origin_colour(c) for c in origins] + ["#8a8a8a"] * len(destinations),
                  hovertemplate="%{label}: %{value:,.0f}<extra></extra>"),
        link=dict(source=[origins.index(a.origin) for a in links],
                  target=[len(origins) + destinations.index(a.destination) for a in links],
                  value=[a.value for a in links], color=[_with_alpha(a.colour, 0.45) for a in links],
                  # the band of the others has no corridor to open
                  customdata=["" if OTHERS in (a.origin, a.destination) else corridor_id(a.origin, a.destination)
                              for a in links],
                  # plotly's Sankey takes one hovertemplate for all links: each link's text goes in its label
                  label=[a.hovertemplate.removesuffix("<extra></extra>") for a in links],
                  hovertemplate="%{label}<extra></extra>"),
        textfont=dict(family=FONT, size=12),
    )
    annotations = [] if links else [dict(text=t("corridors.no_flows", lang), x=0.5, y=0.5, xref="paper",
                                         yref="paper", showarrow=False, font=dict(size=13, color="#555"))]
    height = max(360, 30 * max(len(origins), len(destinations), 1) + 60)
    return dict(data=[sankey] if links else [],
                layout=_layout(height, t("corridors.sankey_title", lang, year=selection.year), lang,
                               annotations=annotations, xaxis=dict(visible=False), yaxis=dict(visible=False)))


def patch_sankey(figure: dict) -> Patch:
    """A new Sankey (given as a plain figure dict) without re-sending the layout's template: its trace, height,
    title and note."""
    layout = figure["layout"]
    patch = Patch()
    patch["data"] = figure["data"]
    patch["layout"]["height"] = layout["height"]
    patch["layout"]["title"]["text"] = layout["title"]["text"]
    patch["layout"]["annotations"] = layout.get("annotations", [])
    return patch


# ---------------------------------------------------------------------------------------------------------------
# Corridor card
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CorridorCard:
    """One corridor's series, all from the query API: stock by source, women's share, remittances, cost."""

    origin: str
    destination: str
    stock: pd.DataFrame  # [year, value, source]: stock_total of every UN DESA revision that has the corridor
    women_share: pd.DataFrame  # [year, value, source] in %: female / total of the selected revision
    knomad_stock: pd.DataFrame  # [year, value, source]: World Bank 2017 matrix
    citizens_present: pd.DataFrame  # [year, value, source]: FMS 2013 (corridors to Russia only)
    remittances: pd.DataFrame  # [year, value, source]: KNOMAD 2017 model estimate (sent destination → origin)
    cost: pd.DataFrame  # [period, value, source]: RPW, % of 200 US$ (sent destination → origin)

    @property
    def is_empty(self) -> bool:
        return all(df.empty for df in (self.stock, self.knomad_stock, self.citizens_present, self.remittances,
                                       self.cost))


def _series(store, measure: str, origin: str, destination: str, source: str | None = None,
            columns=("year", "value", "source")) -> pd.DataFrame:
    rows = query(store, measure, origins=[origin], destinations=[destination], source=source)
    rows = rows[rows["value"].notna()].sort_values(["year", "period"])
    return rows[list(columns)].reset_index(drop=True)


def women_share(total: pd.DataFrame, female: pd.DataFrame) -> pd.DataFrame:
    """Women as % of the corridor's migrants, per year and source, where both counts exist (and total > 0)."""
    joined = total.merge(female, on=["year", "source"], suffixes=("_total", "_female"))
    joined = joined[joined["value_total"] > 0]
    return pd.DataFrame({"year": joined["year"], "value": 100 * joined["value_female"] / joined["value_total"],
                         "source": joined["source"]}).reset_index(drop=True)


@lru_cache(maxsize=32)
def revision_sources(store) -> tuple[str, ...]:
    """The UN DESA revisions with bilateral stocks, the default first."""
    return tuple(s for s in store.corridor_sources("stock_total") if s.startswith("undesa_ims"))


@lru_cache(maxsize=512)
def corridor_card(store, origin: str, destination: str, source: str = DEFAULT_SOURCE) -> CorridorCard:
    """All figures of one corridor (cached: the data do not change while the app runs; callers must not mutate)."""
    stock = pd.concat([_series(store, "stock_total", origin, destination, s) for s in revision_sources(store)],
                      ignore_index=True)
    female = _series(store, "stock_female", origin, destination, source)
    return CorridorCard(
        origin=origin, destination=destination, stock=stock,
        women_share=women_share(stock[stock["source"] == source], female),
        knomad_stock=_series(store, "stock_total", origin, destination, "knomad_stock_2017"),
        citizens_present=_series(store, "citizens_present", origin, destination),
        remittances=_series(store, "remittances_usd", origin, destination),
        cost=_series(store, "cost_pct", origin, destination, columns=("period", "value", "source")),
    )


@lru_cache(maxsize=64)
def revision_label(store, source: str, lang: str = "en") -> str:
    meta = store.source_meta(source, lang)
    return f"{meta['title']} ({meta['vintage']})"


def persons_axis(values, lang: str) -> dict:
    """A y axis of persons from zero: in Russian its ticks are written by Babel ('1 млн'), not plotly's English '1M'."""
    values = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    ticks = locale_ticks(0.0, max(values), lang, lambda v: format_compact(v, lang)) if values else {}
    return dict(rangemode="tozero", title=dict(text=t("corridors.persons", lang)), **ticks)


def _hover(name: str) -> str:
    return wrap_hover_line(f"<b>{name}</b><br>%{{x}}: %{{customdata}}") + "<extra></extra>"


# The card's figures are plain dicts (`go.Figure(result)` validates them): built for each corridor and only sent.
# The card's figures are plain dicts (`go.Figure(result)` validates them): built once per corridor and only sent.
def stock_figure(store, card: CorridorCard, selected_source: str, lang: str) -> dict:
    """Migrants over time, one line per UN DESA revision (the selected one solid), and the World Bank 2017 matrix."""
    traces = []
    sources = sorted(card.stock["source"].unique(), key=lambda s: s != selected_source)
    for source in sources:
        rows = card.stock[card.stock["source"] == source]
        name, selected = revision_label(store, source, lang), source == selected_source
        traces.append(dict(
            type="scatter", x=rows["year"].tolist(), y=rows["value"].tolist(), mode="lines+markers", name=name,
            line=dict(color=LINE_COLOURS[0] if selected else LINE_COLOURS[4], width=2,
                      dash="solid" if selected else "dash"),
            marker=dict(size=5), customdata=[format_value(v, "persons", lang) for v in rows["value"]],
            hovertemplate=_hover(name)))
    if not card.knomad_stock.empty:
        rows = card.knomad_stock
        name = revision_label(store, rows["source"].iloc[0], lang)
        traces.append(dict(
            type="scatter", x=rows["year"].tolist(), y=rows["value"].tolist(), mode="markers", name=name,
            marker=dict(size=9, color=LINE_COLOURS[1], symbol="diamond"),
            customdata=[format_value(v, "persons", lang) for v in rows["value"]], hovertemplate=_hover(name)))
    return dict(data=traces, layout=_layout(
        280, t("corridors.card_stock_title", lang), lang, legend=dict(orientation="h", y=-0.2, font=dict(size=10)),
        yaxis=persons_axis([y for trace in traces for y in trace["y"]], lang)))


def share_figure(card: CorridorCard, lang: str) -> dict:
    rows = card.women_share
    trace = dict(
        type="scatter", x=rows["year"].tolist(), y=rows["value"].round(2).tolist(), mode="lines+markers",
        name=t("corridors.women", lang), line=dict(color=LINE_COLOURS[3], width=2), marker=dict(size=5),
        customdata=[format_value(v, "%", lang) for v in rows["value"]], hovertemplate=_hover(t("corridors.women", lang)))
    return dict(data=[trace], layout=_layout(220, t("corridors.card_share_title", lang), lang,
                                             yaxis=dict(range=[0, 100],
                                                        ticksuffix=t("common.tick_percent", lang))))


def cost_figure(card: CorridorCard, lang: str) -> dict:
    """Cost of sending 200 US$ by quarter on a date axis (half-years until 2012 stay half a year apart), each point
    named by its period in the language ('III кв. 2015')."""
    rows = card.cost
    name = t("corridors.cost", lang)
    trace = dict(
        type="scatter", x=[period_start(p).strftime("%Y-%m-%d") for p in rows["period"]], y=rows["value"].tolist(),
        mode="lines+markers", name=name, line=dict(color=LINE_COLOURS[2], width=2), marker=dict(size=4),
        customdata=[f"{format_period(p, lang)}: {format_value(v, '%', lang)}" for p, v in zip(rows["period"], rows["value"])],
        hovertemplate=wrap_hover_line(f"<b>{name}</b><br>%{{customdata}}") + "<extra></extra>")
    return dict(data=[trace], layout=_layout(220, t("corridors.card_cost_title", lang), lang,
                                             xaxis=dict(type="date", tickformat="%Y", nticks=6),
                                             yaxis=dict(rangemode="tozero",
                                                        ticksuffix=t("common.tick_percent", lang))))


# ---------------------------------------------------------------------------------------------------------------
# Sources side by side (corridors to Russia)
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ComparisonRow:
    """One bar colour of the comparison: a source, the measure it reports, and the year it describes."""

    key: str  # what the row counts: "fms" (citizens present), "undesa" / "knomad" (foreign-born)
    source: str
    measure: str
    year: int


# Ordered by the date each figure describes. UN DESA years picked to sit next to the other sources' dates.
# How the comparison names each kind of source (ComparisonRow.key), as literal keys for extraction.
COMPARE_KEYS = {"fms": N_("corridors.compare_fms"), "undesa": N_("corridors.compare_undesa"),
                "knomad": N_("corridors.compare_knomad")}
COMPARISON_ROWS = (
    ComparisonRow("fms", "iom_ca_strategy", "citizens_present", 2013),
    ComparisonRow("undesa", "undesa_ims_2020", "stock_total", 2015),
    ComparisonRow("undesa", "undesa_ims_2024", "stock_total", 2015),
    ComparisonRow("knomad", "knomad_stock_2017", "stock_total", 2017),
    ComparisonRow("undesa", "undesa_ims_2020", "stock_total", 2020),
    ComparisonRow("undesa", "undesa_ims_2024", "stock_total", 2020),
    ComparisonRow("undesa", "undesa_ims_2024", "stock_total", 2024),
)
COMPARISON_COLOURS = {"iom_ca_strategy": "#D55E00", "undesa_ims_2020": "#56B4E9", "undesa_ims_2024": "#0072B2",
                      "knomad_stock_2017": "#E69F00"}
# Colour says which source, the fill pattern which year: no two bars of a group look alike (2015 and 2020 of one
# revision shared a colour). Citizens present (FMS) are hatched: a different question from the foreign-born bars.
COMPARISON_PATTERNS = {"fms": "/", 2015: ".", 2020: "", 2024: "x"}


def comparison_pattern(spec: ComparisonRow) -> str:
    return COMPARISON_PATTERNS["fms"] if spec.key == "fms" else COMPARISON_PATTERNS.get(spec.year, "")


@lru_cache(maxsize=8)
def comparison(store, origins: tuple[str, ...]) -> pd.DataFrame:
    """The corridors origin → Russia in every comparison source: [row, origin, value, source, measure, year].

    `row` indexes COMPARISON_ROWS. A source without the corridor (FMS has no Turkmenistan) has no row for it.
    """
    parts = []
    for index, spec in enumerate(COMPARISON_ROWS):
        rows = query(store, spec.measure, origins=origins, destinations=[COMPARISON_DESTINATION], year=spec.year,
                     source=spec.source)
        rows = rows[rows["value"].notna()]
        parts.append(rows.assign(row=index, measure=spec.measure)[["row", "origin", "value", "source", "measure",
                                                                      "year"]])
    return pd.concat(parts, ignore_index=True)


def comparison_label(store, spec: ComparisonRow, lang: str) -> str:
    meta = store.source_meta(spec.source, lang)
    return t(COMPARE_KEYS[spec.key], lang, publisher=meta["publisher"], title=meta["title"],
             vintage=meta["vintage"], year=spec.year)


def comparison_figure(store, rows: pd.DataFrame, origins: tuple[str, ...], lang: str) -> go.Figure:
    """Grouped bars: one group per Central Asian origin, one bar per (source, year), labelled with what it counts.
    Citizens present (FMS) are hatched: they answer a different question from the foreign-born bars."""
    names = {iso3: store.country_name(iso3, lang) for iso3 in origins}
    traces = []
    for index, spec in enumerate(COMPARISON_ROWS):
        part = rows[rows["row"] == index].set_index("origin")["value"]
        present = [o for o in origins if o in part.index]
        label = comparison_label(store, spec, lang)
        values = [float(part[o]) for o in present]
        traces.append(go.Bar(
            x=[names[o] for o in present], y=values, name=label,
            marker=dict(color=COMPARISON_COLOURS.get(spec.source, OTHER_COLOUR),
                        pattern=dict(shape=comparison_pattern(spec), solidity=0.35)),
            customdata=[format_value(v, "persons", lang) for v in values],
            hovertemplate=wrap_hover_line(f"<b>%{{x}}</b><br>{label}<br>%{{customdata}}") + "<extra></extra>"))
    return go.Figure(data=traces, layout=_layout(
        440, t("corridors.compare_chart_title", lang), lang, barmode="group", bargap=0.18,
        legend=dict(orientation="h", y=-0.12, font=dict(size=11)),
        yaxis=persons_axis([y for trace in traces for y in trace.y], lang)))
