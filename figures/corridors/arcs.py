"""A corridor's arc on the flow map (figures/corridors/map.py): a quadratic Bézier from the origin's capital to the
destination's, bowed to the right of the direction of travel so that A→B and B→A never overlap; its width
proportional to the value, on a scale fixed over all years of the selection (so a width means the same number of
people in every year); its slot's trace. A corridor's line and its slot's JSON are the same in every year, sex,
revision and language: made once in gunicorn's master (`build_arcs`) and kept."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import orjson

from figures.corridors.hovers import pair_lines
from figures.corridors.parts import origin_colour
from figures.corridors.selection import corridor_id, revision_sources


ARC_POINTS = 16
ARC_BEND = 0.22  # control point offset, as a share of the chord length
ARC_END = 0.96  # arcs stop just short of the destination so the arrowhead is not hidden under its dot
ARROW_SIZE = 8.0
MAX_WIDTH = 16.0  # px, the largest value of the selection over all years
MIN_WIDTH = 0.8  # px, so that small corridors stay visible (the hover and the table give the value)


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
    tests/figures/corridors/test_arcs.py)."""
    weights = []
    for i in range(n):
        s = stop * i / (n - 1)
        weights.append(((1 - s) ** 2, 2 * (1 - s) * s, s ** 2))
    return tuple(weights)


def arc_width(value: float, reference: float) -> float:
    """Line width proportional to the value (MAX_WIDTH at the reference), never thinner than MIN_WIDTH."""
    return round(max(MIN_WIDTH, MAX_WIDTH * value / reference), 2)


@dataclass(frozen=True)
class Arc:
    """A corridor as the flow map draws it (figures/corridors/map_frame.flow_map)."""

    origin: str
    destination: str
    value: float
    lons: list[float]
    lats: list[float]
    width: float
    colour: str
    hovertemplate: str


def arc_trace(arc: Arc | None) -> dict:
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
        if arc_line(store, origin, destination) is not None:
            for lang in langs:
                pair_lines(store, origin, destination, lang)
    return len(pairs)


@lru_cache(maxsize=4096)  # a corridor's arc is the same in every year, sex, revision and language (~1.5 kB each)
def arc_line(store, origin: str, destination: str) -> tuple | None:
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
    """An arc slot's JSON as orjson writes `arc_trace`'s dict, cut around what changes with the selection: (before the
    line's width, between it and the arrowhead's size, between that and the hover text); the rest (the points, the
    name, the colour, the corridor id on every point) is the corridor's in every year, sex and language. Cut from
    the trace written with stand-ins, so the parts follow `arc_trace` whatever it writes."""
    trace = arc_trace(Arc(origin, destination, 0.0, lons, lats, _WIDTH, origin_colour(origin), _HOVER))
    written = orjson.dumps(trace)
    head, rest = cut_at(written, orjson.dumps(_WIDTH))
    middle, rest = cut_at(rest, orjson.dumps(ARROW_SIZE + _WIDTH))
    tail, end = cut_at(rest, orjson.dumps(_HOVER))
    assert end == b"}", end  # the hover text is the trace's last key (`arc_slot_json` closes it)
    return head, middle, tail


def cut_at(written: bytes, stand_in: bytes) -> tuple[bytes, bytes]:
    """`written` before and after `stand_in`, which it holds once (JSON cut where a selection's value goes)."""
    before, found, after = written.partition(stand_in)
    assert found and stand_in not in after, stand_in
    return before, after


def arc_slot_json(arc: Arc, written: tuple[bytes, bytes, bytes]) -> bytes:
    """`orjson.dumps(arc_trace(arc))` from the corridor's parts: its width, arrowhead size and hover text written."""
    head, middle, tail = written
    dumps = orjson.dumps
    return b"".join((head, dumps(arc.width), middle, dumps(ARROW_SIZE + arc.width), tail, dumps(arc.hovertemplate),
                     b"}"))
