"""Remittances controls: they show the state; groups and the country list."""
from __future__ import annotations

from data.query import get_store
from layouts.ids import Remittances as Ids
from layouts.remittances.controls import country_options, with_group
from tests.layouts.remittances.support import render
from tests.support.components import by_id


def test_controls_show_the_state():
    current, tree = render("?countries=TJK,WLD&measure=usd&scale=log&relative=2010&rank_year=2019"
                           "&source=wdi_2023_05")
    assert by_id(tree, Ids.COUNTRIES).value == ["TJK", "WLD"]
    assert by_id(tree, Ids.MEASURE).value == "usd"
    assert by_id(tree, Ids.SCALE).value == "log"
    assert by_id(tree, Ids.RELATIVE).value == 2010
    assert int(by_id(tree, Ids.RANK_YEAR).value) == 2019
    assert by_id(tree, Ids.SOURCE).value == "wdi_2023_05"
    assert "2019" in by_id(tree, Ids.RANKING_GRAPH).figure["layout"]["title"]["text"]


def test_groups_add_their_members_after_the_selection():
    assert with_group(["UZB"], "ca5") == ["UZB", "KAZ", "KGZ", "TJK", "TKM"]
    members = with_group([], "almaty_member")
    assert set(members) == set(get_store().group_members("almaty_member"))


def test_country_options_list_countries_then_aggregates():
    options = country_options("en")
    values = [option["value"] for option in options]
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "WLD", "ECS"} <= set(values)
    first_aggregate = next(i for i, o in enumerate(options) if o["label"].endswith("(aggregate)"))
    assert all(not o["label"].endswith("(aggregate)") for o in options[:first_aggregate])
    assert all(o["label"].endswith("(aggregate)") for o in options[first_aggregate:])
