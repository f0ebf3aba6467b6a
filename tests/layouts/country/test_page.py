"""Country pages: the index, an aggregate's profile, the no-such-country page, the router."""
from __future__ import annotations

import pytest
from dash import dcc

from figures.country.groups import index_groups
from i18n import t
from layouts import pages
from layouts.country.page import layout
from layouts.ids import Country
from tests.support.components import by_id, text_of, walk

STATE = {"lang": "en"}


def test_index_lists_the_groups_and_every_other_country(store):
    page = layout(STATE, "en")
    assert page.id == Country.INDEX
    ca5 = by_id(page, "country-index-ca5")
    hrefs = [c.href for c in walk(ca5) if isinstance(c, dcc.Link)]
    assert sorted(hrefs) == sorted(f"/country/{iso3}?lang=en" for iso3 in store.group_members("ca5"))
    for group in ("main_destinations", "almaty_member", "almaty_observer"):
        assert by_id(page, f"country-index-{group}") is not None
    dropdown = by_id(page, Country.SELECT)
    assert {o["value"] for o in dropdown.options} == set(index_groups(store)["other"])
    assert "DEU" in {o["value"] for o in dropdown.options}


def test_aggregate_profile_shows_what_exists(store):
    page = layout(STATE, "en", iso3="WLD")
    assert page.id == Country.PROFILE
    assert by_id(page, Country.RANK) is None and by_id(page, Country.CORRIDORS_OUT) is None
    assert t("country.aggregate_note", "en", name="World") in text_of(page)


@pytest.mark.parametrize("code", ["XYZ", "<script>", "%3Cscript%3E", "UZBEKISTAN", "12", "x" * 300])
def test_unknown_code_gets_a_no_such_country_page(code):
    page = layout(STATE, "en", iso3=code)
    assert page.id == Country.NOT_FOUND
    text = text_of(page)
    assert t("country.not_found_title", "en") in text
    assert len(text) < 400  # a long code is not echoed back in full


def test_router_serves_profiles_and_unknown_codes():
    for path in ("/country", "/country/", "/country/uzb", "/country/XYZ", "/country/%3Cscript%3E"):
        page = pages.render(path, "?lang=en")
        assert by_id(page, "page-state") is not None, path
    assert by_id(pages.render("/country/XYZ", ""), Country.NOT_FOUND) is not None
    assert by_id(pages.render("/country/kaz", ""), Country.ISO3).data == "KAZ"


def test_start_up_makes_what_every_profile_reads(monkeypatch):
    """layouts/country/page.build_indexes (python app.py at start-up): after it, a profile of a country not seen
    before makes none of the lookups made for all countries (each is made once, in the process, by start-up)."""
    from figures import revisions as rev
    from figures.country import corridors as country_corridors, series as country_series, trends as country_trends
    from figures.country.rank import _rankings
    from layouts.country import page

    page.build_indexes(("en", "ru"))
    caches = [country_series._series_columns, country_corridors._corridor_rows, country_corridors._corridor_index,
              country_series._series_index, _rankings, rev._revision_index, country_trends._trend_look]
    before = [cache.cache_info().misses for cache in caches]
    for iso3, lang in (("FRA", "en"), ("BRA", "ru"), ("TKM", "ru"), ("WLD", "en")):
        page.profile.__wrapped__(iso3, lang)
    assert [cache.cache_info().misses for cache in caches] == before
