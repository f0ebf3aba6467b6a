"""The map itself: the whole choropleth figure of a selection (geometry included) and the countries named on it."""
from __future__ import annotations

from functools import lru_cache

import geo
from data.query import get_store
from figures.map.figure import NAMED, MapLabel, build_map_figure
from figures.map.frame import map_frame
from layouts import common
from layouts.map.params import scope_ids

# The map's height follows the window: 560 px on a laptop (as before), up to 820 px on a 1080p projector.
MAP_HEIGHT = "clamp(560px, 72vh, 820px)"


def geojson(scope: str) -> geo.Layer:
    """The extent's geometry as the figures take it: its ids and each feature parsed when asked (geo.layer)."""
    return geo.layer(scope)


def figure_for(state: dict, lang: str) -> dict:
    """The whole map figure (geometry included) as a plain dict, built once per selection."""
    return _figure(state["indicator"], state["year"], state["scope"], state["focus"], lang)


@lru_cache(maxsize=64)  # each holds the geometry (0.3–0.5 MB): keep a few dozen, not every selection
def _figure(key: str, year: int, scope: str, focus: str | None, lang: str) -> dict:
    ids = scope_ids(scope)
    frame = map_frame(get_store(), key, year, ids, focus if focus in ids else None, lang)
    return build_map_figure(geojson(scope), frame, scope, common.geometry_url(scope), labels=map_labels(scope, lang))


def map_labels(scope: str, lang: str) -> list[MapLabel]:
    """The countries named on the map, in the reader's language, at the points geo.build computed."""
    store = get_store()
    return [MapLabel(iso3, store.country_name(iso3, lang), *geo.label_point(scope, iso3))
            for iso3 in NAMED[scope] if geo.label_point(scope, iso3)]
