"""figures/map/frame.py: a selection's values, hover texts, "no data", focus mode."""
from __future__ import annotations

import math

import numpy as np
import pytest

import geo
from figures.map.figure import build_map_figure
from figures.map.frame import map_frame
from figures.map.indicators import INDICATORS
from figures.map.patch import patch_map_figure
from figures.map.scale import NO_DATA_COLOUR, colorscale
from tests.figures.map.support import REGION, frame_values
from tests.support.plain import figure_of


def test_no_data_is_below_the_scale_and_labelled(store):
    frame = map_frame(store, "immigrants", 2024, REGION, None, "en")
    curated = set(store.values_for_map("SM.POP.TOTL", 2024)["iso3"])
    missing = [iso3 for iso3 in REGION if iso3 not in curated]
    assert missing, "the region has features without UN DESA data (e.g. KAS); the test needs one"
    z = frame_values(frame)
    assert all(z[iso3] == pytest.approx(frame.zmin) for iso3 in missing)
    assert all(z[iso3] > frame.zmin for iso3 in curated & set(REGION))
    assert frame.ticktext[0] == "No data" and frame.zmin < frame.tickvals[0] < frame.tickvals[1]
    hover = dict(zip(frame.locations, frame.customdata))
    assert hover[missing[0]][1] == "No data"
    assert colorscale()[0][1] == NO_DATA_COLOUR


def test_hover_states_value_unit_year_and_source(store):
    frame = map_frame(store, "immigrants", 2020, REGION, None, "en")
    hover = dict(zip(frame.locations, frame.customdata))
    assert hover["RUS"] == ["Russian Federation", "7,297,611 persons"]
    hover_text = frame.hovertemplate.replace("<br>", " ")  # lines wrapped to fit the chart
    assert "Year 2020" in hover_text and "International Migrant Stock 2024" in hover_text


def test_focus_mode_shades_partners_by_bilateral_stock(store):
    frame = map_frame(store, "emigrants", 2020, REGION, "UZB", "en")
    z = frame_values(frame)
    assert z["RUS"] == pytest.approx(math.log10(871_154), abs=1e-4)  # Uzbekistan-born in Russia, IMS 2024
    assert z["KAZ"] == pytest.approx(math.log10(689_957), abs=1e-4)
    assert z["UZB"] == pytest.approx(frame.zmin)  # the focus itself has no value: outlined instead
    assert frame.focus == "UZB" and "Uzbekistan" in frame.title


@pytest.mark.parametrize("key", list(INDICATORS))
def test_every_indicator_and_year_builds(store, key):
    for year in store.years("SM.POP.TOTL"):
        frame = map_frame(store, key, year, REGION, None, "en")
        assert np.isfinite(frame.z).all() and len(frame.z) == len(REGION)


def test_a_focus_country_without_bilateral_data_has_no_colour_bar(store):
    frame = map_frame(store, "immigrants", 2024, REGION, "XKX", "en")
    assert frame.has_values is False and frame.title.endswith("no data")
    figure = figure_of(build_map_figure(geo.region_geojson(), frame, "region"))
    assert figure.data[0].showscale is False  # a bar from 1 to 10 persons would invent a scale
    patch = patch_map_figure(geo.region_geojson(), frame).to_plotly_json()
    assert any(op["location"] == ["data", 0, "showscale"] and op["params"]["value"] is False
               for op in patch["operations"])
    with_data = map_frame(store, "immigrants", 2024, REGION, "UZB", "en")
    assert with_data.has_values is True
    assert build_map_figure(geo.region_geojson(), with_data, "region")["data"][0]["showscale"] is True
