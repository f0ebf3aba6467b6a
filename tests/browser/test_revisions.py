"""Revisions side by side in a real browser: the December 2023 estimate next to the newest release, on /remittances
and on a country profile; the trend lines stay one release each."""
from __future__ import annotations

import pytest

from data.query import get_store
from figures import revisions as rev
from i18n import format_value

pytestmark = pytest.mark.browser


def _row_texts(page) -> list[str]:
    return page.eval_on_selector_all("#revisions-table tbody tr", "rows => rows.map(r => r.innerText)")


def test_remittances_shows_what_was_estimated_then_and_what_the_newest_release_says(open_app, read_graph):
    page = open_app("/remittances?lang=en")
    page.wait_for_selector("#revisions-table")
    rows = _row_texts(page)
    tajik = next(row for row in rows if row.startswith("Tajikistan") and "% of GDP" in row)
    assert "estimated 48.2% in 2023-12" in tajik and "37.8%" in tajik and "2023" in tajik
    assert any(row.startswith("Kazakhstan") and "Immigrants" in row and "3,732,073" in row for row in rows)
    # The chart's Tajik line is one release (the one the table calls the newest).
    plotted = read_graph("remittances-trend-graph", attrs=("x", "y"))
    assert plotted["x"]


def test_country_profile_has_its_revisions(open_app):
    page = open_app("/country/UZB?lang=en")
    page.wait_for_selector("#revisions-table")
    store = get_store()
    expected = rev.revisions(store, ["UZB"])
    rows = _row_texts(page)
    assert len(rows) == len(expected) >= 2
    pct = next(item for item in expected if item.indicator == "BX.TRF.PWKR.DT.GD.ZS")
    assert any(format_value(pct.then_value, "%", "en") in row and format_value(pct.now_value, "%", "en") in row
               for row in rows)
