"""A profile's headline figures: value, year and source; missing and not reported; the rank and the groups."""
from __future__ import annotations

from dash import dcc

from figures.country.headlines import profile_facts
from figures.country.rank import remittance_rank
from i18n import format_value, t
from layouts.country.page import layout
from layouts.ids import Country
from tests.support.components import by_id, text_of, walk

STATE = {"lang": "en"}


def test_every_headline_card_shows_the_curated_value_year_and_source(store):
    page = layout(STATE, "en", iso3="KGZ")
    for fact in profile_facts(store, "KGZ"):
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
    page = layout(STATE, "en", iso3="XKX")
    text = text_of(by_id(page, "country-fact-immigrants"))
    assert t("common.no_data", "en") in text and "0 persons" not in text


def test_turkmenistan_remittances_say_not_reported():
    page = layout(STATE, "en", iso3="TKM")
    for key in ("remittances_received", "remittances_gdp"):
        assert t("common.not_reported", "en") in text_of(by_id(page, f"country-fact-{key}"))
    assert t("common.not_reported", "en") in text_of(by_id(page, Country.RANK))
    assert by_id(page, Country.trend("remittances_gdp")) is None  # no chart of the token values


def test_rank_card_and_group_badges(store):
    page = layout(STATE, "en", iso3="TJK")
    rank = remittance_rank(store, "TJK")
    assert t("country.rank_value", "en", rank=rank.rank, of=rank.of) in text_of(by_id(page, Country.RANK))
    badges = text_of(by_id(page, Country.GROUPS))
    assert t("country.badge_ca5", "en") in badges and t("country.badge_almaty_member", "en") in badges
    assert t("country.badge_customs_union_2013", "en") not in badges
