"""figures/map/scale.py: colours follow the curated values (log for counts), one range for every year, outliers
take the top colour."""
from __future__ import annotations

import math

import pytest

import geo
from figures.map.frame import map_frame
from tests.figures.map.support import REGION, frame_values


def test_colours_follow_curated_values_on_a_log_scale(store):
    frame = map_frame(store, "immigrants", 2024, REGION, None, "en")
    curated = store.values_for_map("SM.POP.TOTL", 2024).set_index("iso3")["value"]
    z = frame_values(frame)
    assert z["RUS"] == pytest.approx(math.log10(curated["RUS"]), abs=1e-4)
    assert z["RUS"] == pytest.approx(math.log10(7_605_774), abs=1e-4)  # PROVENANCE sanity table
    assert z["KAZ"] > z["TJK"]


def test_percent_indicator_is_linear(store):
    frame = map_frame(store, "immigrants_pct", 2020, REGION, None, "en")
    curated = store.values_for_map("SM.POP.TOTL.ZS", 2020).set_index("iso3")["value"]
    assert frame_values(frame)["KAZ"] == pytest.approx(curated["KAZ"], abs=1e-3)


def test_colour_range_is_fixed_across_years(store):
    first = map_frame(store, "emigrants", 1990, REGION, None, "en")
    last = map_frame(store, "emigrants", 2024, REGION, None, "en")
    assert (first.zmin, first.zmax) == (last.zmin, last.zmax)


def test_outliers_take_the_top_colour_and_the_legend_says_or_more(store):
    world = tuple(iso3 for iso3 in geo.feature_ids("world") if iso3 != "ATA")
    frame = map_frame(store, "emigrants_pct", 2020, world, None, "en")
    z = frame_values(frame)
    curated = store.values_for_map("CAMR.EMIG.TOTL.ZS", 2020).set_index("iso3")["value"]
    assert curated["MCO"] > frame.zmax  # Monaco's emigrants: far above every other country
    assert z["MCO"] == pytest.approx(frame.zmax)
    assert frame.ticktext[-1].startswith("≥ ")
    assert dict(zip(frame.locations, frame.customdata))["MCO"][1] == f"{curated['MCO']:.1f}%"  # hover: true value
    assert z["TJK"] == pytest.approx(curated["TJK"], abs=1e-3)
