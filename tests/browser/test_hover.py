"""Hover boxes in a real browser, in Russian (the longest words and source names): on a 390 px phone and a 1366 px
laptop, the box plotly draws when the mouse is on a point of the map, a remittance line and a corridors chart lies
within the chart. Plotly cannot wrap a hover box: a box wider than the chart ran off its right edge and the screen's
(figures/common.wrap_hover_line breaks the lines; tests/figures/test_hover_lines.py checks them in the JSON)."""
from __future__ import annotations

import pytest

from tests.support import browser as harness

pytestmark = pytest.mark.browser

# (page, graph, what to put the mouse on): the centre of Tajikistan on the map (its hover names the UN DESA source),
# the newest point of the first remittance line (at the right edge, the box opens to the left) and the first bar of
# the comparison of sources on the corridors page.
TARGETS = (
    ("/map?lang=ru", "#map-graph .js-plotly-plot", "location:TJK"),
    ("/remittances?lang=ru", "#remittances-trend-graph .js-plotly-plot", ".scatterlayer .trace:first-child .point:last-child"),
    ("/corridors?lang=ru", "#corridors-comparison-graph .js-plotly-plot", ".barlayer .trace:first-child .point"),
)
_TARGET_CENTRE_JS = """([graph, target]) => {
  const gd = document.querySelector(graph);
  let el;
  if (target.startsWith('location:')) {
    const index = Array.from(gd._fullData[0].locations).indexOf(target.slice(9));
    el = gd.querySelectorAll('.choroplethlocation')[index];
  } else {
    el = gd.querySelector(target);
  }
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
}"""
# The target's centre unchanged over three reads 100 ms apart: on a phone assets/geo-fit.js sets the map's height
# after its first draw and plotly.js draws it again, so a centre read at the first draw can be off the country by
# the time the mouse gets there (no hover box, a timeout).
_CENTRE_SETTLED_JS = """([graph, target]) => {
  const centre = (%s)([graph, target]);
  const key = centre && centre.map(Math.round).join(',');
  if (!key || key !== window.__camrHoverCentre) { window.__camrHoverCentre = key; window.__camrHoverSame = 0; return false; }
  window.__camrHoverSame += 1;
  return window.__camrHoverSame >= 3;
}""" % _TARGET_CENTRE_JS
_HOVER_SHOWN_JS = "(graph) => !!document.querySelector(graph + ' .hoverlayer .hovertext')"
_BOXES_JS = """(graph) => {
  const gd = document.querySelector(graph), round = r => [r.left, r.top, r.right, r.bottom].map(Math.round);
  return {chart: round(gd.getBoundingClientRect()),
          hover: round(gd.querySelector('.hoverlayer').getBoundingClientRect()),
          text: gd.querySelector('.hoverlayer').textContent.slice(0, 120)};
}"""


@pytest.fixture
def screen_of(browser, app_server):
    contexts, guards = [], []

    def _open(width: int, height: int):
        guard = harness.PageGuard()
        context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        context.set_default_timeout(30_000)
        page = context.new_page()
        guard.attach(page)
        contexts.append(context)
        guards.append(guard)
        return page, app_server.url

    yield _open
    problems = [p for guard in guards for p in guard.problems()]
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.mark.parametrize("width,height", [(390, 844), (1366, 768)], ids=["phone", "laptop"])
def test_hover_boxes_stay_within_the_chart_in_russian(screen_of, width, height):
    page, base = screen_of(width, height)
    for path, graph, target in TARGETS:
        harness.open_app(page, base, path)
        page.locator(graph).scroll_into_view_if_needed()
        page.wait_for_function("([graph, target]) => { const gd = document.querySelector(graph);"
                               " return !!(gd && gd._fullLayout && (target.startsWith('location:')"
                               " ? gd.querySelector('.choroplethlocation') : gd.querySelector(target))); }",
                               arg=[graph, target])
        page.wait_for_function(_CENTRE_SETTLED_JS, arg=[graph, target], polling=100)
        centre = page.evaluate(_TARGET_CENTRE_JS, [graph, target])
        assert centre, (path, target)
        page.mouse.move(*centre)
        page.wait_for_function(_HOVER_SHOWN_JS, arg=graph)
        boxes = page.evaluate(_BOXES_JS, graph)
        chart, hover = boxes["chart"], boxes["hover"]
        inside = (hover[0] >= chart[0] and hover[1] >= chart[1] and hover[2] <= chart[2] and hover[3] <= chart[3])
        assert inside, f"{path} at {width} px: hover box {hover} outside the chart {chart}: {boxes['text']!r}"
        page.mouse.move(0, 0)  # the next page starts without a hover
