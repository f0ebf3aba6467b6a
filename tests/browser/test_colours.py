"""One colour per country in a real browser: Tajikistan is drawn in its colour whatever else is chosen."""
from __future__ import annotations

import pytest

from figures.common import COUNTRY_COLOURS

pytestmark = pytest.mark.browser

_COLOURS_JS = """(graphId) => {
  const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData) { return null; }
  return Object.fromEntries(gd._fullData.filter(t => t.meta).map(t => [t.meta, t.line.color]));
}"""


def line_colours(page, graph_id: str) -> dict:
    page.wait_for_function(f"({_COLOURS_JS})('{graph_id}') && Object.keys(({_COLOURS_JS})('{graph_id}')).length")
    return page.evaluate(_COLOURS_JS, graph_id)


@pytest.mark.parametrize("graph_id", ["remittances-trend-graph", "remittances-cost-graph"])
def test_tajikistan_keeps_its_colour_across_two_selections(open_app, page, graph_id):
    open_app("/remittances?lang=en&countries=KAZ,KGZ,TJK")
    first = line_colours(page, graph_id)
    open_app("/remittances?lang=en&countries=TJK,UZB,WLD")
    second = line_colours(page, graph_id)
    assert first["TJK"].lower() == second["TJK"].lower() == COUNTRY_COLOURS["TJK"].lower()
    assert first["KAZ"] != first["KGZ"] != first["TJK"]
