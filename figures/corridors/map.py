"""The flow map. It has a fixed trace structure, so that a new year or sex is a small `Patch`, not the geometry again:
  0. the background countries (own GeoJSON, light grey; the corridors' end points a shade darker);
  1 … MAX_ARCS. one slot per arc (empty slots have no points), a quadratic Bézier from the origin's capital to the
     destination's, bowed to the right of the direction of travel so that A→B and B→A never overlap;
  MAX_ARCS + 1. the end points' markers and names.
Arc widths are proportional to the value, on a scale fixed over all years of the selection (so a width means the
same number of people in every year). Corridors without data are absent, never drawn as zero."""
from __future__ import annotations

import math
import string
from collections import namedtuple
from dataclasses import dataclass, field
from functools import lru_cache

import orjson
import pandas as pd
from dash import Patch

import geo
from figures.common import FONT, separators, wrap_hover_line, wrap_line
from figures.corridors.parts import cut_template, origin_colour, persons, persons_text
from figures.corridors.selection import (Selection, corridor_id, corridor_name, revision_sources, sex_label,
                                         width_reference)
from figures.map import source_label
from figures.plain import PLAIN
from i18n import N_, format_compact, format_whole, t


MAX_ARCS = 30  # arc slots of the flow map; more corridors than this: the largest are drawn, the table lists all
MAX_LABELS = 10  # capitals named on the map (the largest corridors' end points); the others are dots
MAX_WIDTH = 16.0  # px, the largest value of the selection over all years
MIN_WIDTH = 0.8  # px, so that small corridors stay visible (the hover and the table give the value)
ARC_POINTS = 16
ARC_BEND = 0.22  # control point offset, as a share of the chord length
ARC_END = 0.96  # arcs stop just short of the destination so the arrowhead is not hidden under its dot
ARROW_SIZE = 8.0
BACKGROUND_COLOURS = [[0, "#e4e4e4"], [1, "#c9c9c9"]]  # other countries / the corridors' end points
REGION_BOUNDS = (20.0, 20.0, 150.0, 80.0)  # geo.bounds("region"): lon_min, lat_min, lon_max, lat_max
FRAME_PADDING = 5.0  # degrees around the end points


@lru_cache(maxsize=512)  # a float pair per country
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
    weights = _bezier_weights(n, stop)  # 0.01° ≈ 1 km: finer is not visible
    return ([round((a * x0 + b * cx + c * x1) / shrink, 2) for a, b, c in weights],
            [round(a * lat0 + b * cy + c * lat1, 2) for a, b, c in weights])


@lru_cache(maxsize=8)
def _bezier_weights(n: int, stop: float) -> tuple[tuple[float, float, float], ...]:
    """The quadratic Bézier's weights of start, control point and end at each of n samples from 0 to `stop`: the
    same for every arc, computed once (the same floats `arc_points` computed per point before, so the same points:
    tests/figures/corridors/test_map.py)."""
    weights = []
    for i in range(n):
        s = stop * i / (n - 1)
        weights.append(((1 - s) ** 2, 2 * (1 - s) * s, s ** 2))
    return tuple(weights)


def arc_width(value: float, reference: float) -> float:
    """Line width proportional to the value (MAX_WIDTH at the reference), never thinner than MIN_WIDTH."""
    return round(max(MIN_WIDTH, MAX_WIDTH * value / reference), 2)


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
    # each arc's slot as JSON around its width, arrowhead and hover (`_arc_written`), shared by every frame drawing it
    arcs_written: tuple = field(default=(), compare=False, repr=False)


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


_Row = namedtuple("_Row", ["origin", "destination", "year", "value", "source"])


def build_arcs(store, langs) -> int:
    """Every corridor's arc and its hover lines that depend on it alone, in each language: made once (gunicorn's
    master, serving/warmup.build_indexes; ~0.2 s, ~2.5 MB for the ~1,300 corridors with a stock), so a selection
    seen for the first time puts its arcs together instead of drawing them (most of a first-time answer of one
    country's corridors). The number of corridors."""
    pairs = set()
    for source in revision_sources(store):
        for sex in ("total", "male", "female"):
            found = store.corridors(f"stock_{sex}", source=source)
            pairs.update((o, d) for o, d, v in zip(found["origin"], found["destination"], found["value"])
                         if o != d and v > 0)
    for origin, destination in sorted(pairs):
        if _arc_line(store, origin, destination) is not None:
            for lang in langs:
                _pair_lines(store, origin, destination, lang)
    return len(pairs)


@lru_cache(maxsize=4096)  # a corridor's arc is the same in every year, sex, revision and language (~1.5 kB each)
def _arc_line(store, origin: str, destination: str) -> tuple | None:
    """(start, end, lons, lats, written) of a corridor's arc, None where a capital is unknown. The lists are shared by
    every frame that draws the corridor: nothing changes them. `written`: its slot's JSON (`_arc_written`)."""
    start, end = capital(store, origin), capital(store, destination)
    if start is None or end is None:
        return None
    lons, lats = arc_points(start, end, stop=ARC_END)
    return start, end, lons, lats, _arc_written(origin, destination, lons, lats)


# Stand-ins put into an arc's trace to find where its width, arrowhead and hover text go in the JSON orjson writes for
# it (no arc has a negative width; a hover text never holds a NUL).
_WIDTH, _HOVER = -123456.75, "\0hover\0"


def _arc_written(origin: str, destination: str, lons: list, lats: list) -> tuple[bytes, bytes, bytes]:
    """An arc slot's JSON as orjson writes `_arc_trace`'s dict, cut around what changes with the selection: (before the
    line's width, between it and the arrowhead's size, between that and the hover text); the rest (the points, the
    name, the colour, the corridor id on every point) is the corridor's in every year, sex and language. Cut from
    the trace written with stand-ins, so the parts follow `_arc_trace` whatever it writes."""
    trace = _arc_trace(Arc(origin, destination, 0.0, lons, lats, _WIDTH, origin_colour(origin), _HOVER))
    written = orjson.dumps(trace)
    head, rest = _cut(written, orjson.dumps(_WIDTH))
    middle, rest = _cut(rest, orjson.dumps(ARROW_SIZE + _WIDTH))
    tail, end = _cut(rest, orjson.dumps(_HOVER))
    assert end == b"}", end  # the hover text is the trace's last key (`_slot_written` closes it)
    return head, middle, tail


def _cut(written: bytes, stand_in: bytes) -> tuple[bytes, bytes]:
    before, found, after = written.partition(stand_in)
    assert found and stand_in not in after, stand_in
    return before, after


def _slot_written(arc: Arc, written: tuple[bytes, bytes, bytes]) -> bytes:
    """`orjson.dumps(_arc_trace(arc))` from the corridor's parts: its width, arrowhead size and hover text written."""
    head, middle, tail = written
    dumps = orjson.dumps
    return b"".join((head, dumps(arc.width), middle, dumps(ARROW_SIZE + arc.width), tail, dumps(arc.hovertemplate),
                     b"}"))


@lru_cache(maxsize=8192)  # corridors × languages (build_arcs)
def _corridor_name(store, origin: str, destination: str, lang: str) -> str:
    return corridor_name(store, origin, destination, lang)


HOVER_KEY = N_("corridors.arc_hover")
_PAIR, _ANSWER, _ARC = 0, 1, 2  # what an arc hover's line changes with: the corridor, the answer, each arc's value


@lru_cache(maxsize=4)
def _hover_lines(lang: str) -> tuple[tuple[int, str], ...] | None:
    """The arc hover's text in `lang` cut at its line breaks, as (what the line changes with, its template) per line.
    `wrap_hover_line` wraps each line of a text alone, so an arc's hover is its lines formatted and wrapped one by
    one, joined by breaks, as long as no value puts a break into a line (`_hover` checks). None where the text
    cannot be cut so (a field across a break): then each hover is written whole."""
    lines = []
    for line in t(HOVER_KEY, lang).split("<br>"):
        try:
            parsed = [(name, spec) for _, name, spec, _ in string.Formatter().parse(line) if name is not None]
        except ValueError:  # a field cut by the break
            return None
        fields = {name for name, _ in parsed}
        if not fields <= {"corridor", "value", "sex", "year", "source"} or any("{" in spec for _, spec in parsed):
            return None  # a field of another name, or nested in a format: not cut
        kind = _PAIR if fields <= {"corridor"} else _ANSWER if not fields & {"corridor", "value"} else _ARC
        lines.append((kind, line))
    return tuple(lines)


@lru_cache(maxsize=8192)  # corridors × languages (build_arcs)
def _pair_lines(store, origin: str, destination: str, lang: str) -> tuple[str | None, ...] | None:
    """A corridor's hover lines that depend on it alone, formatted and wrapped (None in the others' places); None
    if one of them holds a break."""
    name = _corridor_name(store, origin, destination, lang)
    lines = tuple(_wrapped(line.format(corridor=name)) if kind == _PAIR else None
                  for kind, line in _hover_lines(lang))
    return None if any(part is None and kind == _PAIR for part, (kind, _) in zip(lines, _hover_lines(lang))) else lines


def _wrapped(line: str) -> str | None:
    """A hover line wrapped as `wrap_hover_line` wraps it in the whole text; None if it holds a break."""
    return None if "<br>" in line else wrap_line(line)


def _hover(store, origin: str, destination: str, values: dict, answer_lines: dict, lang: str) -> str:
    """`wrap_hover_line(t(HOVER_KEY, lang, corridor=…, **values)) + "<extra></extra>"`: the lines that depend on the
    corridor alone kept per corridor, those that change with the answer (sex, year, source) once per answer
    (`answer_lines`), the value's line formatted and wrapped here."""
    lines = _hover_lines(lang)
    pair = _pair_lines(store, origin, destination, lang) if lines is not None else None
    if pair is None:
        return _hover_whole(store, origin, destination, values, lang)
    parts = []
    for i, (kind, line) in enumerate(lines):
        if kind == _PAIR:
            part = pair[i]
        elif kind == _ANSWER:
            key = (i, values["sex"], values["year"], values["source"])
            part = answer_lines.get(key, False)
            if part is False:
                part = answer_lines[key] = _wrapped(line.format(**values))
        else:
            part = _wrapped(line.format(corridor=_corridor_name(store, origin, destination, lang), **values))
        if part is None:
            return _hover_whole(store, origin, destination, values, lang)
        parts.append(part)
    return "<br>".join(parts) + "<extra></extra>"


def _hover_whole(store, origin: str, destination: str, values: dict, lang: str) -> str:
    """An arc's hover text as written whole (the reference of `_hover`)."""
    return wrap_hover_line(t(HOVER_KEY, lang, corridor=_corridor_name(store, origin, destination, lang),
                             **values)) + "<extra></extra>"


class _Hovers:
    """The arc hovers of one answer (a language and a sex): `_hover`'s text for each arc, with what is the same for
    every arc of the answer worked out once. Each line that changes with the answer (sex, year, source) is written
    once per year and source; the value's line, where it holds no corridor's name and its value no format, is that
    line written once around a stand-in, the arc's persons put in its place (a whole number of persons, all of them
    but a few, written by i18n.format_whole, as format_number writes it); each arc
    then pays a few joins, not a dict, two format calls and format_number's steps. Anything else goes `_hover`'s
    way (tests/figures/corridors/test_map.py compares both for every corridor with a stock, en and ru)."""

    def __init__(self, store, lang: str, sex: str):
        self.store, self.lang, self.sex = store, lang, sex
        self.lines = _hover_lines(lang)
        self.plans: dict = {}  # (year, source) → [(kind, text or template) per line], None: `_hover`'s way
        self.answer_lines: dict = {}
        self.persons = persons_text(lang)

    def __call__(self, origin: str, destination: str, year, value, source) -> str:
        plan = self.plans.get((year, source), False)
        if plan is False:
            plan = self.plans[(year, source)] = self._plan(year, source)
        pair = _pair_lines(self.store, origin, destination, self.lang) if plan is not None else None
        if pair is None:
            return self._slow(origin, destination, year, value, source)
        parts = []
        for i, (kind, text) in enumerate(plan):
            if kind == _PAIR:
                parts.append(pair[i])
            elif kind == _ANSWER:
                parts.append(text)
            else:
                if type(value) is float and value.is_integer() and 0 < value < 1e15:
                    number = self.persons.format(value=format_whole(int(value), self.lang))
                else:
                    number = persons(value, self.lang)
                part = _wrapped(text[0] + number + text[1])
                if part is None:
                    return self._slow(origin, destination, year, value, source)
                parts.append(part)
        return "<br>".join(parts) + "<extra></extra>"

    def _plan(self, year, source) -> list | None:
        """What each line of the hover is for this year and source: a corridor's line (looked up per arc), the
        answer's line written, or the value's line around its stand-in; None where one is not of these."""
        if self.lines is None:
            return None
        values = dict(sex=self.sex, year=year, source=_source_label(self.store, source, self.lang))
        plan = []
        for kind, line in self.lines:
            if kind == _PAIR:
                plan.append((kind, None))
            elif kind == _ANSWER:
                part = _wrapped(line.format(**values))
                if part is None:
                    return None
                plan.append((kind, part))
            else:
                fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(line)
                          if name is not None]
                if any(name == "corridor" or (name == "value" and (spec or conversion)) for name, spec, conversion
                       in fields):
                    return None
                before, found, after = line.format(value=_VALUE, **values).partition(_VALUE)
                if not found or _VALUE in after:
                    return None
                plan.append((kind, (before, after)))
        return plan

    def _slow(self, origin: str, destination: str, year, value, source) -> str:
        return _hover(self.store, origin, destination, dict(
            value=persons(value, self.lang), sex=self.sex, year=year,
            source=_source_label(self.store, source, self.lang)), self.answer_lines, self.lang)


_VALUE = "\0value\0"  # a text no value holds: where a value's line takes its persons


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
    hover = _Hovers(store, lang, sex_label(selection.sex, lang))
    for origin, destination, year, value, source in drawable:
        line = _arc_line(store, origin, destination)
        if line is None:
            continue
        start, end, lons, lats, parts = line
        # arc_width(value, reference), inline
        width = round(max(MIN_WIDTH, MAX_WIDTH * value / reference), 2)
        arcs.append(Arc(origin, destination, float(value), lons, lats, width, origin_colour(origin),
                        hover(origin, destination, year, value, source)))
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
# are 10° of longitude apart, which on a 320 px map of the region is less than their two names centred under them
# ("Туркменистан", "Таджикистан" overlapped): Turkmenistan's name runs west, into the room over the Caspian (Dushanbe
# is near the map's right edge: a name running east would be cut off). On a wider map every distance grows while
# the names keep their size. On the world map a name is centred under its capital: written west of Ashgabat it lay
# over Iran, and read as Iran's name; the page moves a name that meets another (assets/map-labels.js, which reads
# each point's country from the trace's `meta`).
LABEL_POSITIONS = {"region": {"TKM": "bottom left"}}


def label_position(iso3: str, scope: str = "region") -> str:
    return LABEL_POSITIONS.get(scope, {}).get(iso3, "bottom center")


def _labels_trace(frame: FlowMap) -> dict:
    codes = list(frame.endpoints)
    return dict(
        type="scattergeo", lon=[frame.endpoints[c][0] for c in codes], lat=[frame.endpoints[c][1] for c in codes],
        text=[frame.labels.get(c, "") for c in codes], mode="markers+text",
        textposition=[label_position(c, frame.scope) for c in codes],
        textfont=dict(family=FONT, size=11, color="#222"), marker=dict(size=5, color="#222"), hoverinfo="skip",
        showlegend=False, name="capitals", meta=codes,
    )


def _background_z(geojson: dict, frame: FlowMap) -> list[int]:
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


def _background(geojson: dict, frame: FlowMap, geometry_url: str | None) -> dict:
    """Grey countries, the corridors' ends a shade darker; outlines from `geometry_url` when given (fetched once by
    the browser), else inside the figure."""
    return dict(
        type="choropleth", geojson=geometry_url or geo.whole(geojson), featureidkey="id",
        locations=list(_feature_ids(geojson)),
        z=_background_z(geojson, frame), zmin=0, zmax=1, colorscale=BACKGROUND_COLOURS, showscale=False,
        hoverinfo="skip", marker=dict(line=dict(color="white", width=0.5)), name="countries",
    )


def _legend(frame: FlowMap) -> dict:
    return dict(text=frame.legend, x=0.01, y=0.01, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
                showarrow=False, align="left", font=dict(size=11, color="#333"), bgcolor="rgba(255,255,255,0.85)")


def build_flow_map(geojson: dict, frame: FlowMap, geometry_url: str | None = None, kit=PLAIN):
    """The whole figure: sent with the page, or when the frame switches region ⇄ world. No height: it fills its
    graph, which grows with the window (layouts/corridors/page.py MAP_HEIGHT). A plain figure dict
    (figures/plain.py); `kit=VALIDATED` builds the same through plotly's validation."""
    slots = [_arc_trace(frame.arcs[i] if i < len(frame.arcs) else None) for i in range(MAX_ARCS)]
    return cut_template(kit.Figure(
        data=[_background(geojson, frame, geometry_url), *slots, _labels_trace(frame)],
        layout=dict(
            title=dict(text=frame.title, x=0.01, font=dict(size=15)), margin=dict(l=0, r=0, t=40, b=0),
            dragmode=False, paper_bgcolor="white", font=dict(family=FONT), showlegend=False, separators=frame.separators,
            annotations=[_legend(frame)], hoverlabel=dict(align="left"),
            geo=dict(visible=False, showframe=False, bgcolor="rgba(0,0,0,0)", **frame.geo),
        )))


def _assign(location: list, value) -> dict:
    return {"operation": "Assign", "location": location, "params": {"value": value}}


def patch_flow_map(geojson: dict, frame: FlowMap, *, new_scope: bool, geometry_url: str | None = None) -> Patch:
    """Only what a new selection changes; the background geometry only when the frame's scope changed. The Patch's
    operations written at once, as `patch_flow_map_reference`'s assignments record them (~40 of them, each through
    a chain of Patch objects). What a callback sends is `patch_flow_map_json`."""
    patch = Patch()
    patch._operations.extend(_operations(geojson, frame, new_scope, geometry_url, lambda arc, _: _arc_trace(arc)))
    return patch


def patch_flow_map_json(geojson: dict, frame: FlowMap, *, new_scope: bool, geometry_url: str | None = None) -> bytes:
    """`patch_flow_map`'s JSON as Dash sends it (orjson's bytes of its `to_plotly_json()`), for the callback to splice
    into its answer (serving/fast_json/fragment.Fragment): each arc's slot from its corridor's JSON kept per process
    (`_arc_written`: the points, name, colour and ids, ~1 kB of numbers a corridor) with its width, arrowhead and
    hover text written in, put into its Assign operation's JSON kept per slot (`_slot_operation`), the empty slots'
    JSON kept, the other operations written by orjson, in `_operations`' order. Tests compare the bytes with the
    reference Patch's."""
    arcs = frame.arcs
    written = frame.arcs_written if len(frame.arcs_written) == len(arcs) else None
    dumps, head, tail = orjson.dumps, *_PATCH_WRITTEN
    parts = [dumps(_first_operation(geojson, frame, new_scope, geometry_url))]
    for i in range(MAX_ARCS):
        if i >= len(arcs):
            slot = _EMPTY_SLOT
        elif written is not None:
            slot = _slot_written(arcs[i], written[i])
        else:
            slot = dumps(_arc_trace(arcs[i]))
        parts.append(_slot_operation(i + 1) % slot)
    parts.extend(dumps(op) for op in _last_operations(frame))
    return head + b",".join(parts) + tail


def _operations(geojson: dict, frame: FlowMap, new_scope: bool, geometry_url: str | None, slot) -> list[dict]:
    """The patch's operations, each arc's slot made by `slot(arc or None, its place among the arcs)`."""
    arcs = frame.arcs
    return [_first_operation(geojson, frame, new_scope, geometry_url),
            *(_assign(["data", i + 1], slot(arcs[i], i) if i < len(arcs) else slot(None, i)) for i in range(MAX_ARCS)),
            *_last_operations(frame)]


def _first_operation(geojson: dict, frame: FlowMap, new_scope: bool, geometry_url: str | None) -> dict:
    """The background: whole when the frame's scope changed, else its colours."""
    return (_assign(["data", 0], _background(geojson, frame, geometry_url)) if new_scope
            else _assign(["data", 0, "z"], _background_z(geojson, frame)))


def _last_operations(frame: FlowMap) -> list[dict]:
    """After the arcs' slots: the end points' names, the geo settings, the title, the legend."""
    return [_assign(["data", MAX_ARCS + 1], _labels_trace(frame)),
            *(_assign(["layout", "geo", key], value) for key, value in frame.geo.items()),
            _assign(["layout", "title", "text"], frame.title),
            _assign(["layout", "annotations"], [_legend(frame)])]


@lru_cache(maxsize=MAX_ARCS + 2)
def _slot_operation(slot: int) -> bytes:
    """An Assign operation's JSON for data[slot], its value to be put in by `%`."""
    head, tail = _cut(orjson.dumps(_assign(["data", slot], _HOVER)), orjson.dumps(_HOVER))
    return head.replace(b"%", b"%%") + b"%b" + tail.replace(b"%", b"%%")


# A Patch's JSON (Patch.to_plotly_json) cut around its operations; an empty arc slot's trace
_PATCH_WRITTEN = _cut(orjson.dumps({"__dash_patch_update": "__dash_patch_update", "operations": [_HOVER]}),
                      orjson.dumps(_HOVER))
_EMPTY_SLOT = orjson.dumps(_arc_trace(None))


def patch_flow_map_reference(geojson: dict, frame: FlowMap, *, new_scope: bool,
                             geometry_url: str | None = None) -> Patch:
    """`patch_flow_map` by the Patch's item assignments, as it was (the tests compare both)."""
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
