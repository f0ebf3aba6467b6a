"""figures/map/figure.py: every country of the extent drawn; the plain figure is the validated one."""
from __future__ import annotations

import pytest

import geo
from figures.map.figure import build_map_figure, build_map_figure_reference
from figures.map.frame import map_frame
from figures.plain import as_json, drawn_template
from tests.figures.map.support import REGION
from tests.support.plain import figure_of


def test_every_region_country_is_drawn(store):
    frame = map_frame(store, "immigrants", 2024, REGION, None, "en")
    figure = figure_of(build_map_figure(geo.region_geojson(), frame, "region"))
    assert list(figure.data[0].locations) == list(REGION)
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"} <= set(figure.data[0].locations)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("key, year, scope, focus", [("emigrants", 2024, "region", None),
                                                     ("immigrants_pct", 1990, "world", None),
                                                     ("emigrants", 2010, "world", "UZB"),
                                                     ("immigrants", 2020, "region", "RUS"),
                                                     ("immigrants", 2024, "region", "XKX")])
def test_the_plain_map_figure_is_the_validated_one(store, lang, key, year, scope, focus):
    from layouts.map.figure import map_labels

    ids = tuple(geo.feature_ids(scope))
    frame = map_frame(store, key, year, ids, focus, lang)
    for url in (None, f"/assets/geo/{scope}.json"):
        args = (geo.geojson(scope), frame, scope, url, map_labels(scope, lang))
        # plotly's default template cut to the traces drawn (figures/plain.drawn_template)
        assert as_json(build_map_figure(*args)) == drawn_template(as_json(build_map_figure_reference(*args)))
        assert as_json(build_map_figure(geo.layer(scope), *args[1:])) == as_json(build_map_figure(*args))
