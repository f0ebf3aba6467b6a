"""A map's outlines in whole pixels: most of a frame's bytes are the geo paths' coordinates, and a frame is drawn at
one size, so points closer than TOLERANCE to their neighbours' line and fractions of a pixel are left out."""
from __future__ import annotations

import re

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
GEO_PATH = re.compile(r'(<path class="(?:choroplethlocation|js-line)[^"]*"[^>]*? d=")([^"]*)(")')

# Points closer than this (px) to the line through their neighbours are left out of an outline: invisible at the
# frame's size, and the outlines are most of its bytes.
TOLERANCE = 0.6


def _simplified(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Ramer-Douglas-Peucker within TOLERANCE (iterative: outlines have thousands of points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            dist = abs(dy * (x - x0) - dx * (y - y0)) / norm if norm else ((x - x0) ** 2 + (y - y0) ** 2) ** 0.5
            if dist > worst:
                worst, index = dist, i
        if index is not None and worst > TOLERANCE:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep) if kept]


def _whole_pixels(d: str) -> str:
    """An outline's path simplified within TOLERANCE, in whole pixels, points that fall on the one before dropped
    (plotly writes rings as `Mx,yLx,y…Z`); a path of another shape is kept as it is."""
    rings: list[list[tuple[float, float]]] = []
    closed: list[bool] = []
    for part in re.split(r"(?=[MLZ])", d):
        if not part:
            continue
        command, rest = part[0], part[1:]
        if command == "Z":
            if not rings:
                return d
            closed[-1] = True
            continue
        coords = [float(x) for x in NUMBER.findall(rest)]
        if len(coords) != 2 or (command == "L" and not rings):
            return d
        if command == "M":
            rings.append([])
            closed.append(False)
        rings[-1].append((coords[0], coords[1]))
    out = []
    for ring, is_closed in zip(rings, closed):
        points, last = [], None
        for x, y in _simplified(ring):
            point = (round(x), round(y))
            if point != last:
                points.append(point)
                last = point
        if len(points) < 3 and is_closed:
            continue  # a ring smaller than a pixel
        out.append("M" + "L".join(f"{x},{y}" for x, y in points) + ("Z" if is_closed else ""))
    return "".join(out) or d


def compact(html: str) -> str:
    """The frame's HTML with its map's outlines (countries, corridors' lines) in whole pixels (_whole_pixels)."""
    return GEO_PATH.sub(lambda m: m.group(1) + _whole_pixels(m.group(2)) + m.group(3), html)

