"""The focus map's patch written at once (figures/map/focus.py) is the one patch_map_sent writes from the MapFrame."""
import pytest

import geo
from figures.map import focus as map_focus
from figures.map.frame import map_frame
from figures.map.patch import patch_map_figure, patch_map_sent
from serving.fast_json.answer import to_json
from serving.fast_json.escaping import _safe_bytes
from serving.fast_json.fragment import Fragment

SCOPES = {scope: tuple(code for code in geo.feature_ids(scope) if code != "ATA") for scope in ("region", "world")}
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("scope", ["region", "world"])
def test_every_focus_country_and_year_is_the_patch_of_its_frame(store, scope, lang):
    """Every country of the extent (with partners or none) in every year, both directions; a year or indicator
    change (the outline kept) and a focus change (the outline sent) in turn."""
    ids, layer = SCOPES[scope], geo.layer(scope)
    cases = 0
    for n, focus in enumerate(ids):
        for key in ("emigrants", "immigrants_pct"):
            for year in YEARS:
                focus_changed = (n + year) % 5 == 0
                written = map_focus.focus_patch_written(store, key, year, scope, ids, focus, lang, layer,
                                                        focus_changed=focus_changed)
                frame = map_frame(store, key, year, ids, focus, lang)
                assert _safe_bytes(written) == patch_map_sent(layer, frame, focus_changed=focus_changed).raw, \
                    (key, year, focus)
                cases += 1
    assert cases == len(ids) * 2 * len(YEARS)


def test_a_focus_change_writes_the_outline_as_the_patch_did(store):
    """The outline's operations (a focus change), beside the Patch itself as Dash writes it, for a few countries."""
    ids, layer = SCOPES["region"], geo.layer("region")
    for focus in ("UZB", "RUS", "KAS", "TUR"):
        for lang in ("en", "ru"):
            written = map_focus.focus_patch_written(store, "emigrants", 2020, "region", ids, focus, lang, layer,
                                                    focus_changed=True)
            patch = patch_map_figure(layer, map_frame(store, "emigrants", 2020, ids, focus, lang), focus_changed=True)
            assert to_json({"f": Fragment(written)}) == to_json({"f": patch})


def test_a_country_outside_the_extent_or_an_extent_listing_one_twice_is_left_to_the_frame(store):
    ids = SCOPES["region"]
    assert map_focus.focus_patch_written(store, "emigrants", 2020, "region", ids, "USA", "en", geo.layer("region"),
                                         focus_changed=False) is None
    twice = (*ids, ids[0])
    assert map_focus.focus_patch_written(store, "emigrants", 2020, "twice", twice, "UZB", "en", geo.layer("region"),
                                         focus_changed=False) is None


def test_other_countries_under_an_extents_name_are_not_given_its_pieces(store):
    """The extent's pieces are kept by its name for the countries first given: other countries under that name get
    their own (the patch of their frame)."""
    ids, layer = SCOPES["region"], geo.layer("region")
    map_focus.focus_patch_written(store, "emigrants", 2020, "region", ids, "UZB", "en", layer, focus_changed=False)
    fewer = tuple(code for code in ids if code != "KAZ")
    written = map_focus.focus_patch_written(store, "emigrants", 2020, "region", fewer, "UZB", "en", layer,
                                            focus_changed=False)
    assert _safe_bytes(written) == patch_map_sent(layer, map_frame(store, "emigrants", 2020, fewer, "UZB", "en"),
                                                  focus_changed=False).raw


def test_the_hover_line_wrapped_once_is_the_line_wrapped_for_its_year(store):
    """The year's hole wraps as four digits do, in both languages, for long and short names; a year of another
    length is written and wrapped on its own."""
    for focus in ("UZB", "COD", "GBR", "VCT", "KGZ", "BIH"):
        for direction in ("emigrants", "immigrants"):
            for lang in ("en", "ru"):
                for year in (*YEARS, 999, 10000):
                    expected = map_focus.HOVER_HEAD + map_focus._hover_line(store, focus, direction, year, lang) + \
                        "<br>" + map_focus._source_line(store, lang) + map_focus.HOVER_TAIL
                    assert map_focus._hovertemplate(store, focus, direction, year, lang) == expected
