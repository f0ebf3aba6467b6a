"""Country layouts: index, profiles (any code case, aggregates, not-reported data) and the no-such-country page."""
from __future__ import annotations

import json

import pytest
from dash import dcc
from plotly.utils import PlotlyJSONEncoder

from data.query import get_store
from figures import country as facts
from i18n import format_value, t
from layouts import country as view
from layouts import pages
from layouts.ids import Country
from tests.support.components import by_id, text_of, walk

STATE = {"lang": "en"}


@pytest.fixture(scope="module")
def store():
    return get_store()


def test_no_parameters_but_the_language():
    assert view.params() == []


def test_index_lists_the_groups_and_every_other_country(store):
    page = view.layout(STATE, "en")
    assert page.id == Country.INDEX
    ca5 = by_id(page, "country-index-ca5")
    hrefs = [c.href for c in walk(ca5) if isinstance(c, dcc.Link)]
    assert sorted(hrefs) == sorted(f"/country/{iso3}?lang=en" for iso3 in store.group_members("ca5"))
    for group in ("main_destinations", "almaty_member", "almaty_observer"):
        assert by_id(page, f"country-index-{group}") is not None
    dropdown = by_id(page, Country.SELECT)
    assert {o["value"] for o in dropdown.options} == set(facts.index_groups(store)["other"])
    assert "DEU" in {o["value"] for o in dropdown.options}


@pytest.mark.parametrize("code", ["UZB", "uzb", "Uzb"])
def test_profile_for_any_case_of_the_code(code):
    page = view.layout(STATE, "en", iso3=code)
    assert page.id == Country.PROFILE
    assert by_id(page, Country.ISO3).data == "UZB"
    assert "Uzbekistan" in text_of(page)


def test_every_headline_card_shows_the_curated_value_year_and_source(store):
    page = view.layout(STATE, "en", iso3="KGZ")
    for fact in facts.profile_facts(store, "KGZ"):
        card = by_id(page, f"country-fact-{fact.key}")
        text = text_of(card)
        assert t(f"country.fact_{fact.key}", "en") in text
        if fact.missing:
            assert t("common.no_data", "en") in text
        else:
            assert format_value(fact.value, fact.unit, "en") in text
            assert str(fact.year) in text
            links = [c for c in walk(card) if isinstance(c, dcc.Link)]
            assert links[0].href == f"/sources?lang=en#{fact.source}"


def test_missing_data_shows_no_data_not_zero():
    page = view.layout(STATE, "en", iso3="XKX")
    text = text_of(by_id(page, "country-fact-immigrants"))
    assert t("common.no_data", "en") in text and "0 persons" not in text


def test_turkmenistan_remittances_say_not_reported():
    page = view.layout(STATE, "en", iso3="TKM")
    for key in ("remittances_received", "remittances_gdp"):
        assert t("common.not_reported", "en") in text_of(by_id(page, f"country-fact-{key}"))
    assert t("common.not_reported", "en") in text_of(by_id(page, Country.RANK))
    assert by_id(page, Country.trend("remittances_gdp")) is None  # no chart of the token values


def test_rank_card_and_group_badges(store):
    page = view.layout(STATE, "en", iso3="TJK")
    rank = facts.remittance_rank(store, "TJK")
    assert t("country.rank_value", "en", rank=rank.rank, of=rank.of) in text_of(by_id(page, Country.RANK))
    badges = text_of(by_id(page, Country.GROUPS))
    assert t("country.badge_ca5", "en") in badges and t("country.badge_almaty_member", "en") in badges
    assert t("country.badge_customs_union_2013", "en") not in badges


def test_trend_graphs_plot_the_curated_series(store):
    page = view.layout(STATE, "en", iso3="UZB")
    for key, indicator in facts.TRENDS:
        graph = by_id(page, Country.trend(key))
        series = store.series(indicator, iso3s=["UZB"])
        assert list(graph.figure.data[0].y) == list(series["value"]), key
        assert graph.config["displaylogo"] is False
        json.dumps(graph.figure, cls=PlotlyJSONEncoder)  # serialisable as sent to the browser


def test_corridor_links_go_to_the_corridors_view(store):
    page = view.layout(STATE, "en", iso3="UZB")
    out_links = [c.href for c in walk(by_id(page, Country.CORRIDORS_OUT)) if isinstance(c, dcc.Link)]
    in_links = [c.href for c in walk(by_id(page, Country.CORRIDORS_IN)) if isinstance(c, dcc.Link)]
    assert "/corridors?corridor=UZB-RUS&lang=en" in out_links
    assert "/corridors?mode=origin&origin=UZB&lang=en" in out_links
    assert "/corridors?mode=destination&destination=UZB&lang=en" in in_links
    assert "/corridors?corridor=RUS-UZB&lang=en" in in_links  # Russian-born living in Uzbekistan


def test_key_figures_panel_on_central_asian_profiles(store):
    page = view.layout(STATE, "en", iso3="TJK")
    panel = by_id(page, Country.KEY_FIGURES)
    text = text_of(panel)
    figure = store.key_figures().set_index("figure_id").loc["rem_gdp_tjk_2013"]
    assert figure["cited_source"] in text and "48.1" in text
    then = store.series("BX.TRF.PWKR.DT.GD.ZS", iso3s=["TJK"]).set_index("year").loc[2013, "value"]
    assert format_value(then, "%", "en") in text_of(by_id(panel, "country-key-figure-rem_gdp_tjk_2013"))
    assert by_id(view.layout(STATE, "en", iso3="DEU"), Country.KEY_FIGURES) is None


def test_aggregate_profile_shows_what_exists(store):
    page = view.layout(STATE, "en", iso3="WLD")
    assert page.id == Country.PROFILE
    assert by_id(page, Country.RANK) is None and by_id(page, Country.CORRIDORS_OUT) is None
    assert t("country.aggregate_note", "en", name="World") in text_of(page)


@pytest.mark.parametrize("code", ["XYZ", "<script>", "%3Cscript%3E", "UZBEKISTAN", "12", "x" * 300])
def test_unknown_code_gets_a_no_such_country_page(code):
    page = view.layout(STATE, "en", iso3=code)
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
