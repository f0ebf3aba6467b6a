"""Key-figures page: renders for default and edge states, one row per strategy figure, values as in the store."""
from __future__ import annotations

import pytest
from dash.development.base_component import Component

from callbacks.key_figures import selected_topics
from i18n import format_value, has_key, t
from layouts import key_figures as view
from layouts import pages
from layouts.ids import KeyFigures
from tests.support.components import by_id, text_of, walk


@pytest.fixture(scope="module")
def page():
    return view.layout({"lang": "en", "topic": ()}, "en")


def test_default_state_shows_every_figure_grouped_by_topic(page, store):
    figures = store.key_figures()
    for figure_id in figures["figure_id"]:
        by_id(page, KeyFigures.row(figure_id))
    for topic in figures["topic"].unique():
        section = by_id(page, KeyFigures.topic_section(topic))
        assert view.topic_name(topic, "en") in text_of(section)
    by_id(page, KeyFigures.TOPIC)
    by_id(page, KeyFigures.DOWNLOAD)


def test_row_shows_strategy_figure_citation_and_our_values(page, store):
    row = text_of(by_id(page, KeyFigures.row("rem_gdp_tjk_2013")))
    assert "48.1% of GDP" in row
    assert "Migration and Remittance Flows in Europe and Central Asia" in row
    assert t("key_figures.strategy_page", "en", page="11-12") in row
    wdi = store.series("BX.TRF.PWKR.DT.GD.ZS", iso3s=["TJK"])
    same = wdi[wdi["year"] == 2013].iloc[0]
    latest = wdi.iloc[-1]
    assert t("key_figures.value_in_year", "en", value=format_value(same["value"], "%", "en"), year=2013) in row
    assert t("key_figures.value_in_year", "en", value=format_value(latest["value"], "%", "en"),
             year=int(latest["year"])) in row


def test_source_links_point_to_the_source_cards(page):
    row = by_id(page, KeyFigures.row("fms_tjk_in_rus_2013"))
    hrefs = {getattr(c, "href", None) for c in walk(row) if isinstance(c, Component)}
    assert "/sources?lang=en#undesa_ims_2024" in hrefs
    assert "/sources?lang=en#undesa_ims_2020" in hrefs  # the other revision, same year


def test_figures_without_comparable_series_say_so(page):
    row = text_of(by_id(page, KeyFigures.row("trafficking_at_risk")))
    assert t("key_figures.no_comparable", "en") in row
    assert t("key_figures.year_not_stated", "en") in row


def test_topic_state_limits_the_tables(store):
    tree = view.layout({"lang": "en", "topic": ("corridor",)}, "en")
    ids = {getattr(c, "id", None) for c in walk(tree) if isinstance(c, Component)}
    assert KeyFigures.topic_section("corridor") in ids
    assert KeyFigures.topic_section("remittances") not in ids
    assert by_id(tree, KeyFigures.TOPIC).value == ["corridor"]


def test_every_unit_and_topic_of_the_strategy_has_a_translation(store):
    figures = store.key_figures()
    assert set(figures["unit"]) <= set(view.STRATEGY_UNIT_KEYS)
    assert all(has_key(key) for key in view.STRATEGY_UNIT_KEYS.values())
    assert all(has_key(f"key_figures.topic_{topic}") for topic in figures["topic"].unique())


def test_params_accept_known_topics_and_default_to_all():
    (param,) = view.params()
    assert param.read("corridor,wages") == (("corridor", "wages"), None)
    value, notice = param.read("corridor,nonsense")
    assert value == ("corridor",) and notice is not None and notice.value == "nonsense"  # the valid topic stays


def test_bad_topic_in_the_url_renders_with_a_notice():
    page = pages.render("/key-figures", "?topic=nonsense")
    assert "nonsense" in text_of(page)


def test_callback_keeps_known_topics_in_strategy_order(store):
    order = view.topics(store)
    assert selected_topics(["trafficking", "remittances", "bogus"]) == tuple(
        topic for topic in order if topic in ("trafficking", "remittances"))
    assert selected_topics(None) == ()
