"""Chart titles (assets/titles.js): a long title wraps inside its chart, clear of the mode bar and the legend, and
joins up again on a wider screen. Russian titles are the long ones."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Every chart title on the page against its chart's right edge, the mode bar and the legend (client pixels).
TITLE_BOXES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
  const title = gd.querySelector('.g-gtitle .gtitle');
  if (!title || !title.getClientRects().length) return null;
  const box = r => { const b = r.getBoundingClientRect(); return {l: b.left, r: b.right, t: b.top, b: b.bottom}; };
  const bar = gd.querySelector('.modebar'), legend = gd.querySelector('.legend');
  return {id: gd.parentElement.id, text: title.textContent, lines: title.querySelectorAll('tspan.line').length || 1,
          title: box(title), chart: box(gd), bar: bar && bar.getClientRects().length ? box(bar) : null,
          legend: legend && legend.getClientRects().length ? box(legend) : null};
}).filter(Boolean)"""
GRAPHS_DRAWN_JS = """() => {
  const graphs = Array.from(document.querySelectorAll('.js-plotly-plot'));
  return graphs.length > 0 && graphs.every(gd => gd._fullLayout && gd.querySelector('.main-svg'))
         && !!document.querySelector('.js-plotly-plot .g-gtitle .gtitle');
}"""


def overlaps(a, b) -> bool:
    return a["l"] < b["r"] - 1 and b["l"] < a["r"] - 1 and a["t"] < b["b"] - 1 and b["t"] < a["b"] - 1


def settled_titles(page):
    """The title boxes once two reads 300 ms apart agree (wrapping is a relayout after plotly's own draw)."""
    page.wait_for_function(GRAPHS_DRAWN_JS, timeout=30_000)
    previous = None
    for _ in range(20):
        boxes = page.evaluate(TITLE_BOXES_JS)
        if boxes == previous:
            return boxes
        previous = boxes
        page.wait_for_timeout(300)
    return previous


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["/remittances", "/corridors?corridor=KGZ-RUS", "/remittances?present=1"])
def test_titles_stay_inside_their_chart_clear_of_the_mode_bar_and_legend(page, open_app, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_app(f"{path}{'&' if '?' in path else '?'}lang=ru")
    boxes = settled_titles(page)
    assert boxes, "no chart titles drawn"
    for box in boxes:
        where = f"{box['id']} at {width} px: {box['text'][:60]!r}"
        assert box["title"]["r"] <= box["chart"]["r"] + 1 and box["title"]["l"] >= box["chart"]["l"] - 1, where
        if box["bar"]:
            assert not overlaps(box["title"], box["bar"]), where
        if box["legend"]:
            assert not overlaps(box["title"], box["legend"]), where


def test_a_wrapped_title_joins_up_on_a_wider_screen(page, open_app):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_app("/remittances?lang=ru")
    wrapped = {b["id"]: b["lines"] for b in settled_titles(page)}
    assert wrapped["remittances-outflow-graph"] >= 2  # the Russian title of a half-width chart needs two lines
    page.set_viewport_size({"width": 2400, "height": 900})
    wide = {b["id"]: b["lines"] for b in settled_titles(page)}
    assert wide["remittances-outflow-graph"] == 1
    text = page.evaluate("""() => document.querySelector('#remittances-outflow-graph .js-plotly-plot')
                                         .layout.title.text""")
    assert "<br>" not in text  # the figure's own title again, not a re-joined copy
