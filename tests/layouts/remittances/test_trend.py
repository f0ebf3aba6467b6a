"""The trend chart's block: what is missing and why, which source is shown, where sources disagree."""
from __future__ import annotations

from layouts.ids import Remittances as Ids
from tests.layouts.remittances.support import render
from tests.support.components import by_id, text_of


def test_turkmenistan_alone_says_not_reported_and_draws_nothing():
    current, tree = render("?countries=TKM")
    assert by_id(tree, Ids.TREND_GRAPH).figure["data"] == []
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "Not reported: Turkmenistan" in info
    assert "No corridor from Russian Federation to Turkmenistan" in text_of(by_id(tree, Ids.COST_INFO))


def test_no_base_year_is_said():
    current, tree = render("?relative=1975&countries=KAZ,WLD")
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "No value in 1975" in info and "Kazakhstan" in info


def test_a_source_without_the_measure_says_the_default_is_shown():
    current, tree = render("?source=wdi_panel_2025&measure=usd")
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "has no data for this measure, so the default rule is shown" in info


def test_a_chosen_source_is_named():
    current, tree = render("?source=wdi_2023_05")
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "Shown: World Bank, World Development Indicators (2023-05-10) only." in info


def test_sources_disagree_note_under_the_trend():
    current, tree = render("?measure=usd&countries=TJK,UZB")
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "Sources disagree on" in info and "Choose a source above" in info
