"""What the flow map shows of a selection (a `FlowMap`, made by `flow_map`): the largest corridors' arcs with their
widths and hovers, their end points and the names on the map, the frame that fits them (the region or the world) and
the texts around it. Nothing of the geometry: the figure (figures/corridors/map.py) and its patch (map_patch.py) are
written from it. Corridors without data are absent, never drawn as zero."""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from figures.common import separators
from figures.corridors.arcs import Arc, arc_line, arc_width
from figures.corridors.hovers import ArcHovers
from figures.corridors.parts import origin_colour
from figures.corridors.selection import Selection, sex_label, width_reference
from i18n import format_compact, t


MAX_ARCS = 30  # arc slots of the flow map; more corridors than this: the largest are drawn, the table lists all
MAX_LABELS = 10  # capitals named on the map (the largest corridors' end points); the others are dots
REGION_BOUNDS = (20.0, 20.0, 150.0, 80.0)  # geo.bounds("region"): lon_min, lat_min, lon_max, lat_max
FRAME_PADDING = 5.0  # degrees around the end points


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
    # each arc's slot as JSON around its width, arrowhead and hover (arcs.arc_line), shared by every frame drawing it
    arcs_written: tuple = field(default=(), compare=False, repr=False)


def flows_title(store, selection: Selection, lang: str) -> str:
    """The map's title: the selection's mode, country, year and sex."""
    sex, year = sex_label(selection.sex, lang), selection.year
    if selection.mode == "origin":
        return t("corridors.title_origin", lang, country=store.country_name(selection.origin, lang), year=year,
                 sex=sex)
    if selection.mode == "destination":
        return t("corridors.title_destination", lang, country=store.country_name(selection.destination, lang),
                 year=year, sex=sex)
    return t("corridors.title_default", lang, year=year, sex=sex)


_Row = namedtuple("_Row", ["origin", "destination", "year", "value", "source"])


@lru_cache(maxsize=1024)  # the width scale's text, per reference value (a selection's, in every year) and language
def _compact(value: float, lang: str) -> str:
    return format_compact(value, lang)


def flow_map(store, selection: Selection, rows, lang: str) -> FlowMap:
    """Arcs for the largest MAX_ARCS corridors of `rows` (from `flows`, or its rows as `flow_rows` gives them) that
    have capitals to draw them from."""
    reference = width_reference(store, selection)
    if isinstance(rows, pd.DataFrame):  # columns as Python values (itertuples made a frame's worth of work)
        rows = list(map(_Row._make, zip(*(rows[column].tolist() for column in _Row._fields))))
    drawable = [row for row in rows if row[3] > 0]  # value
    arcs: list[Arc] = []
    written: list[tuple] = []
    endpoints: dict[str, tuple[float, float]] = {}
    hover = ArcHovers(store, lang, sex_label(selection.sex, lang))
    for origin, destination, year, value, source in drawable:
        line = arc_line(store, origin, destination)
        if line is None:
            continue
        start, end, lons, lats, parts = line
        arcs.append(Arc(origin, destination, float(value), lons, lats, arc_width(value, reference),
                        origin_colour(origin), hover(origin, destination, year, value, source)))
        written.append(parts)
        endpoints.setdefault(origin, start)
        endpoints.setdefault(destination, end)
        if len(arcs) == MAX_ARCS:
            break
    scope, geo_settings = frame_for(list(endpoints.values()))
    named = list(endpoints)[:MAX_LABELS]  # end points in order of their largest corridor: the biggest are named
    widest = _compact(reference, lang)
    if not arcs:
        note = t("corridors.no_flows", lang)
    elif len(drawable) > len(arcs):
        note = t("corridors.note_top", lang, shown=len(arcs), total=len(drawable), width=widest)
    else:
        note = t("corridors.note_width", lang, width=widest)
    return FlowMap(scope=scope, geo=geo_settings, arcs=arcs, endpoints=endpoints,
                   labels={iso3: store.country_name(iso3, lang) for iso3 in named},
                   title=flows_title(store, selection, lang), legend=t("corridors.legend_width", lang, width=widest),
                   note=note, n_drawable=len(drawable), separators=separators(lang), arcs_written=tuple(written))
