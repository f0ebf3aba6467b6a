import json
import math

import numpy as np
import pytest

import geo
from figures.map import (INDICATORS, NO_DATA_COLOUR, build_map_figure, build_map_figure_reference, colorscale,
                         map_frame, partner_values, patch_map_figure, patch_map_sent)
from figures.plain import as_json, drawn_template
from tests.support.plain import figure_of

REGION = tuple(geo.feature_ids("region"))


def frame_values(frame):
    return dict(zip(frame.locations, frame.z))


def test_every_region_country_is_drawn(store):
    frame = map_frame(store, "immigrants", 2024, REGION, None, "en")
    figure = figure_of(build_map_figure(geo.region_geojson(), frame, "region"))
    assert list(figure.data[0].locations) == list(REGION)
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"} <= set(figure.data[0].locations)


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


def test_colour_range_is_fixed_across_years(store):
    first = map_frame(store, "emigrants", 1990, REGION, None, "en")
    last = map_frame(store, "emigrants", 2024, REGION, None, "en")
    assert (first.zmin, first.zmax) == (last.zmin, last.zmax)


def test_focus_mode_shades_partners_by_bilateral_stock(store):
    frame = map_frame(store, "emigrants", 2020, REGION, "UZB", "en")
    z = frame_values(frame)
    assert z["RUS"] == pytest.approx(math.log10(871_154), abs=1e-4)  # Uzbekistan-born in Russia, IMS 2024
    assert z["KAZ"] == pytest.approx(math.log10(689_957), abs=1e-4)
    assert z["UZB"] == pytest.approx(frame.zmin)  # the focus itself has no value: outlined instead
    assert frame.focus == "UZB" and "Uzbekistan" in frame.title


def test_partners_of_immigrants_are_origins(store):
    partners = partner_values(store, "immigrants", 2024, "RUS")
    assert partners.index[0] == "UKR" or partners.iloc[0] == partners.max()
    assert "RUS" not in partners.index
    assert partners["TJK"] == 415_676


def test_patch_changes_values_not_geometry(store):
    frame = map_frame(store, "immigrants", 2010, REGION, "KAZ", "en")
    on_focus = json.dumps(patch_map_figure(geo.region_geojson(), frame).to_plotly_json())
    assert "coordinates" in on_focus  # the new focus country's outline, and nothing else of the geometry
    assert len(on_focus) < len(json.dumps(geo.region_geojson())) / 10
    on_year = patch_map_figure(geo.region_geojson(), frame, focus_changed=False).to_plotly_json()
    assert "coordinates" not in json.dumps(on_year)
    assert len(json.dumps(on_year)) < 5_000, "a year step must send values only"
    targets = {tuple(op["location"]) for op in on_year["operations"]}
    assert ("data", 0, "z") in targets and ("data", 0, "geojson") not in targets


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_patch_written_at_once_is_the_patch_as_dash_writes_it(store, lang):
    """patch_map_sent (the operations written by orjson, no Patch objects) gives the bytes of patch_map_figure's
    Patch: focus on or off, each extent, with and without data."""
    from serving.fast_json.answer import to_json

    for scope, ids in (("region", REGION), ("world", tuple(geo.feature_ids("world")))):
        for key, year, focus in (("immigrants", 2010, "KAZ"), ("emigrants", 1990, "UZB"), ("emigrants_pct", 2024, None),
                                 ("immigrants_pct", 2005, "TKM"), ("emigrants", 2024, "ATA")):
            frame = map_frame(store, key, year, ids, focus, lang)
            for changed in (True, False):
                geojson = geo.region_geojson() if scope == "region" else geo.world_geojson()
                assert to_json({"f": patch_map_sent(geojson, frame, focus_changed=changed)}) == \
                    to_json({"f": patch_map_figure(geojson, frame, focus_changed=changed)}) == \
                    to_json({"f": patch_map_sent(geo.layer(scope), frame, focus_changed=changed)})  # as served


@pytest.mark.parametrize("key", list(INDICATORS))
def test_every_indicator_and_year_builds(store, key):
    for year in store.years("SM.POP.TOTL"):
        frame = map_frame(store, key, year, REGION, None, "en")
        assert np.isfinite(frame.z).all() and len(frame.z) == len(REGION)


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


# --- QA: shares of the focus country's partners, and a focus without bilateral data ------------------------------
def test_partner_shares_are_of_the_published_total_not_of_the_partners_held(store):
    from figures.map import partners

    usa = partners(store, "immigrants", 2024, "USA")  # bilateral data holds only a few corridors into the US
    total = store.values_for_map("SM.POP.TOTL", 2024, source="undesa_ims_2024").set_index("iso3")["value"]["USA"]
    assert usa.total == total
    assert usa.shares()["CHN"] == pytest.approx(100 * usa.values["CHN"] / total)
    assert usa.shares()["CHN"] < 10  # it was shown as 53.5% (China's share of the seven corridors held)
    assert usa.covered() < 20
    uzb = partners(store, "emigrants", 2024, "UZB")  # a Central Asian country: (almost) all of it is held
    assert uzb.covered() > 90


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


def test_every_indicator_and_direction_has_its_key():
    from figures import map as figmap

    assert list(figmap.INDICATOR_KEYS) == list(figmap.INDICATORS)
    assert set(figmap.FOCUS_HOVER_KEYS) == set(figmap.FOCUS_TITLE_KEYS) == {"emigrants", "immigrants"}


@pytest.mark.parametrize("key", ["emigrants", "immigrants_pct"])
def test_partners_looked_up_in_the_index_are_the_ones_a_query_finds(store, key):
    import pandas as pd

    from figures.map import _partner_values_of

    for focus in ("UZB", "KAZ", "RUS", "TKM", "AFG", "USA", "DEU", "XXX"):
        for year in (1990, 2000, 2015, 2024, 1985):
            found, queried = partner_values(store, key, year, focus), _partner_values_of(store, key, year, focus)
            pd.testing.assert_series_equal(found, queried, check_exact=True)


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

