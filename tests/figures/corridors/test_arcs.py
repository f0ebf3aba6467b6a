"""A corridor's arc: its Bézier line bowed to the right, stopping short of the destination, computed as point by point,
and every corridor's made once at start-up."""
from __future__ import annotations

import math

import pytest

from figures.corridors import selection as selection_fig
from figures.corridors.arcs import ARC_BEND, ARC_END, ARC_POINTS, arc_points, capital
from tests.figures.corridors.support import selection


def _side(start, end, point) -> float:
    """> 0 left of the directed chord start→end, < 0 right of it (lon/lat plane)."""
    return (end[0] - start[0]) * (point[1] - start[1]) - (end[1] - start[1]) * (point[0] - start[0])


def test_arcs_bow_to_the_right_so_opposite_directions_do_not_overlap():
    tashkent, moscow = (69.3, 41.3), (37.6, 55.8)
    lons, lats = arc_points(tashkent, moscow)
    back_lons, back_lats = arc_points(moscow, tashkent)
    assert (lons[0], lats[0]) == pytest.approx(tashkent, abs=1e-3)
    assert (lons[-1], lats[-1]) == pytest.approx(moscow, abs=1e-3)
    middle = len(lons) // 2
    assert _side(tashkent, moscow, (lons[middle], lats[middle])) < 0  # right of the direction of travel
    assert _side(tashkent, moscow, (back_lons[middle], back_lats[middle])) > 0  # the way back bows the other way
    assert math.dist((lons[middle], lats[middle]), (back_lons[middle], back_lats[middle])) > 5


def test_arcs_stop_short_of_the_destination_for_the_arrowhead():
    lons, lats = arc_points((69.3, 41.3), (37.6, 55.8), stop=ARC_END)
    assert math.dist((lons[-1], lats[-1]), (37.6, 55.8)) > 0.5


def arc_points_reference(start, end, *, bend: float = ARC_BEND, n: int = ARC_POINTS, stop: float = 1.0):
    """`arc_points` as it was, point by point."""
    (lon0, lat0), (lon1, lat1) = start, end
    shrink = max(math.cos(math.radians((lat0 + lat1) / 2)), 0.2)
    x0, x1 = lon0 * shrink, lon1 * shrink
    dx, dy = x1 - x0, lat1 - lat0
    cx, cy = (x0 + x1) / 2 + bend * dy, (lat0 + lat1) / 2 - bend * dx
    lons, lats = [], []
    for i in range(n):
        s = stop * i / (n - 1)
        a, b, c = (1 - s) ** 2, 2 * (1 - s) * s, s ** 2
        lons.append(round((a * x0 + b * cx + c * x1) / shrink, 2))
        lats.append(round(a * lat0 + b * cy + c * lat1, 2))
    return lons, lats


def test_arc_points_are_the_points_computed_one_by_one(store):
    """The Bézier's weights are computed once for every arc: the same points as computed per point, for every
    corridor with a stock (both ends' capitals), and a few odd ones (antipodes, the same place, the poles)."""
    corridors = store.corridors("stock_total")
    pairs = {(o, d) for o, d in zip(corridors["origin"], corridors["destination"]) if o != d}
    ends = [(capital(store, o), capital(store, d)) for o, d in sorted(pairs)]
    ends = [(a, b) for a, b in ends if a and b] + [((0.0, 0.0), (180.0, 0.0)), ((10.0, 10.0), (10.0, 10.0)),
                                                   ((-170.5, 89.9), (170.25, -89.9))]
    assert len(ends) > 1000
    for start, end in ends:
        for stop, n in ((ARC_END, ARC_POINTS), (1.0, ARC_POINTS), (0.5, 7)):
            assert arc_points(start, end, stop=stop, n=n) == arc_points_reference(start, end, stop=stop, n=n)


def test_every_corridor_s_arc_is_made_at_start_up_and_kept(store):
    """build_arcs (gunicorn's master) makes every corridor's arc and its corridor's hover lines in each language,
    the same as made on demand, and the caches hold them all: a first-time selection draws none."""
    from figures.corridors import arcs, hovers

    count = arcs.build_arcs(store, ("en", "ru"))
    arcs_kept, lines_kept = arcs.arc_line.cache_info(), hovers.pair_lines.cache_info()
    assert count > 1000 and arcs_kept.currsize >= count - 50 and lines_kept.currsize >= 2 * (count - 50)
    assert arcs_kept.currsize < arcs_kept.maxsize and lines_kept.currsize < lines_kept.maxsize  # none pushed out
    for origin, destination in (("UZB", "RUS"), ("CHN", "USA"), ("KGZ", "TUR")):
        kept = arcs.arc_line(store, origin, destination)
        assert kept == arcs.arc_line.__wrapped__(store, origin, destination)
        for lang in ("en", "ru"):
            assert hovers.pair_lines(store, origin, destination, lang) == \
                hovers.pair_lines.__wrapped__(store, origin, destination, lang)
    before = arcs.arc_line.cache_info().misses
    for origin, destination, *_ in selection_fig.flow_rows(store, selection("origin", origin="CHN", year=2020)):
        arcs.arc_line(store, origin, destination)
    assert arcs.arc_line.cache_info().misses == before  # China's corridors: all kept already
