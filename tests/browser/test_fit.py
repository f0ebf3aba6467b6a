"""Charts fit every screen (issues 10 and 11), measured in headless Chromium: line labels never overlap at 320 px,
plotly's mode bar never covers a title, a one-chart slide fills the screen on first paint, F toggles full screen."""
from __future__ import annotations

import pytest

from tests.support import browser as harness

pytestmark = pytest.mark.browser

# Boxes of the texts a reader must be able to read on a chart: annotations (end labels, notes) and legend entries.
_LABEL_BOXES_JS = """(selector) => {
  const gd = document.querySelector(selector);
  const boxes = [];
  for (const node of gd.querySelectorAll('.annotation-text-g text, .legend .traces .legendtext')) {
    const r = node.getBoundingClientRect();
    if (r.width && r.height && node.textContent.trim()) {
      boxes.push({text: node.textContent.trim(), x: r.left, y: r.top, w: r.width, h: r.height});
    }
  }
  return boxes;
}"""


def overlaps(boxes: list[dict], slack: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap by more than `slack` px both ways."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > slack and dy > slack:
                found.append((a["text"], b["text"]))
    return found


@pytest.fixture
def screen_of(browser, app_server):
    """screen_of(width, height) -> (page, base url): a fresh guarded page of that size."""
    opened = []

    def _open(width: int, height: int):
        guard = harness.PageGuard()
        context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        context.set_default_timeout(30_000)
        page = harness.csp_safe_wait_for_function(context.new_page())
        guard.attach(page)
        opened.append((context, page, guard))
        return page, app_server.url

    yield _open
    problems = []
    for context, page, guard in opened:
        harness.flush_events(page)
        problems += guard.problems()
        context.close()
    assert not problems, problems


def open_embed(page, base: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_selector("html[data-embed-drawn]", state="attached")


# Several countries whose lines end close together (Kyrgyzstan 17.7 %, Uzbekistan 14.4 %, Armenia, Georgia).
CROWDED = "countries=KAZ,KGZ,TJK,UZB,RUS,ARM,GEO&lang=en"


@pytest.mark.parametrize("path", [f"/embed/remittances?{CROWDED}", f"/embed/remittances?measure=usd&{CROWDED}",
                                  f"/remittances?{CROWDED}"])
def test_at_320_px_line_labels_never_overlap_and_the_lines_are_named_with_their_values(screen_of, path):
    page, base = screen_of(320, 640)
    selector = "#embed-chart" if path.startswith("/embed/") else "#remittances-trend-graph .js-plotly-plot"
    if path.startswith("/embed/"):
        open_embed(page, base, path)
    else:
        harness.open_app(page, base, path)
    # Narrow: the end labels have become legend entries that carry the label's value.
    page.wait_for_function("""(sel) => {
      const gd = document.querySelector(sel);
      return gd && gd._fullLayout && gd._fullLayout.showlegend
        && !(gd._fullLayout.annotations || []).some(a => (a.name || '').startsWith('end-'))
        && gd.querySelectorAll('.legend .traces').length >= 7;
    }""", arg=selector)
    boxes = page.evaluate(_LABEL_BOXES_JS, selector)
    legend = [b["text"] for b in boxes if any(c.isdigit() for c in b["text"])]
    assert any(text.startswith("Tajikistan ") and ("%" in text or "billion" in text) for text in legend), legend
    assert not any("older release" in b["text"] for b in boxes if b["text"].startswith("Armenia —")), boxes
    assert not overlaps(boxes), overlaps(boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
