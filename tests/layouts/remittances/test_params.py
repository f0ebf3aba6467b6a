"""Remittances view: URL parameters, their defaults and notices, payloads checked like them."""
from __future__ import annotations

import pytest

from data.query import get_store
from figures.remittances.parts import CENTRAL_ASIA
from figures.remittances.ranking import default_rank_year
from layouts import pages
from layouts.ids import Shell
from layouts.remittances.params import clean_state, params
from state import LANG, parse_query
from tests.layouts.remittances.support import state
from tests.support.components import by_id, text_of


def test_default_state_is_central_asia_in_percent_of_gdp_linear():
    current = state()
    assert current["countries"] == CENTRAL_ASIA
    assert (current["measure"], current["scale"], current["relative"], current["source"]) == (
        "pct", "linear", None, "default")
    assert current["rank_year"] == default_rank_year(get_store())


@pytest.mark.parametrize("search, param", [
    ("?measure=euros", "measure"), ("?scale=cubic", "scale"), ("?countries=XXX", "countries"),
    ("?relative=1800", "relative"), ("?rank_year=3000", "rank_year"), ("?source=made_up", "source"),
])
def test_bad_parameters_fall_back_with_a_notice(search, param):
    parsed, notices = parse_query(search, [LANG, *params()])
    assert [notice.param for notice in notices] == [param]
    assert parsed[param] == next(p.default for p in params() if p.name == param)


def test_the_router_words_a_notice_for_every_parameter_of_the_view():
    page = pages.render("/remittances", "?relative=1800&rank_year=3000")
    notice = text_of(by_id(page, Shell.NOTICE))
    assert "1800" in notice and "3000" in notice


def test_clean_state_keeps_an_emptied_selection_and_fixes_the_rest():
    cleaned = clean_state({"lang": "en", "countries": [], "measure": "bogus", "relative": "off",
                                "rank_year": "2021", "scale": "log", "source": None})
    assert cleaned["countries"] == ()
    assert cleaned["measure"] == "pct" and cleaned["relative"] is None and cleaned["rank_year"] == 2021
    assert cleaned["scale"] == "log" and cleaned["source"] == "default"
