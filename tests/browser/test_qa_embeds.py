"""Embeds as a donor's web team uses them: iframed from another origin (a second local server), at 800×450 and
360×640, with and without /embed.js; framing of other routes refused. The `page` fixture fails a test on any
console error, page error or off-host request, in the iframes too."""
from __future__ import annotations

import re

import pytest

from tests.support.host_page import HostServer

EMBEDS = ["/embed/map?controls=year", "/embed/remittances?controls=measure", "/embed/corridors",
          "/embed/country/UZB", "/embed/key-figures"]
SIZES = [(800, 450), (360, 640)]

HOST_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Donor page</title></head>
<body style="margin:0">
<script>window.sizes = []; addEventListener('message', e => {{ if (e.data && e.data.type) window.sizes.push(e.data); }});
</script>
<iframe id="f" src="{src}" title="embed" style="border:0;width:{w}px;height:{h}px"></iframe>{script}
</body></html>"""


@pytest.fixture(scope="module")
def host():
    with HostServer() as server:
        yield server


def frame_of(page, src_prefix: str):
    for frame in page.frames:
        if frame.url.startswith(src_prefix):
            return frame
    raise AssertionError(f"no frame loaded from {src_prefix}: {[f.url for f in page.frames]}")


def open_host(page, host, live_server, path, w, h, *, script=False, name="p"):
    src = live_server + path
    html = HOST_PAGE.format(src=src, w=w, h=h,
                            script=f'<script src="{live_server}/embed.js"></script>' if script else "")
    page.set_viewport_size({"width": max(w + 40, 500), "height": max(h + 200, 700)})
    page.goto(host.add(f"/{name}.html", html))
    frame = frame_of(page, live_server + path.split("?")[0])
    frame.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
    return frame


GEOMETRY_JS = """() => {
  const chart = document.getElementById('embed-chart').getBoundingClientRect();
  const root = document.documentElement;
  const links = [...document.querySelectorAll('a[href]')];
  return {chart: {top: chart.top, bottom: chart.bottom, left: chart.left, right: chart.right, height: chart.height},
          innerWidth, innerHeight, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
          shapes: document.querySelectorAll('#embed-chart.js-plotly-plot path, #embed-chart li').length,
          badLinks: links.filter(a => a.target !== '_blank' || !/noopener/.test(a.rel)).map(a => a.outerHTML),
          nLinks: links.length, title: document.querySelector('h1').textContent,
          foot: document.getElementById('embed-foot').textContent};
}"""


@pytest.mark.parametrize("path", EMBEDS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_embed_fits_its_frame_and_links_out(page, host, live_server, path, size):
    w, h = size
    frame = open_host(page, host, live_server, path, w, h)
    g = frame.evaluate(GEOMETRY_JS)
    assert g["innerWidth"] == w and g["innerHeight"] == h
    assert g["scrollWidth"] <= g["clientWidth"], f"sideways scroll: {g['scrollWidth']} > {g['clientWidth']}"
    assert g["shapes"] > 0, "nothing drawn"
    chart = g["chart"]
    assert chart["top"] >= 0 and chart["bottom"] <= h + 0.5 and chart["left"] >= 0 and chart["right"] <= w + 0.5
    assert chart["height"] >= 180
    assert g["title"].strip() and "Open in the dashboard" in g["foot"]
    assert g["nLinks"] >= 1 and not g["badLinks"]
    page.wait_for_function("() => window.sizes.some(m => m.type === 'embed-size')", timeout=10_000)
    message = page.evaluate("window.sizes.filter(m => m.type === 'embed-size').pop()")
    assert message["height"] > 150 and "/embed/" in message["url"]


@pytest.mark.parametrize("w", [800, 360])
def test_embed_js_grows_the_iframe_to_its_content(page, host, live_server, w):
    frame = open_host(page, host, live_server, "/embed/map", w, 150, script=True, name=f"grow{w}")
    page.wait_for_function("() => document.getElementById('f').getBoundingClientRect().height > 200",
                           timeout=10_000)
    page.wait_for_timeout(300)  # the last resize message after the redraw
    wanted = page.evaluate("window.sizes.filter(m => m.type === 'embed-size').pop().height")
    got = page.evaluate("document.getElementById('f').getBoundingClientRect().height")
    assert abs(got - wanted) <= 1
    inner = frame.evaluate("() => [document.documentElement.scrollHeight, innerHeight]")
    assert inner[0] <= inner[1] + 1, f"content {inner[0]} px in a {inner[1]} px iframe"


def test_controls_change_the_chart_and_stay_in_the_url(page, host, live_server):
    frame = open_host(page, host, live_server, "/embed/map?controls=year,indicator&year=2024", 800, 450)
    frame.focus("#ctl-year")
    page.keyboard.press("ArrowLeft")
    frame.wait_for_function("() => /year=2020/.test(location.search)", timeout=10_000)
    frame.wait_for_function("() => document.querySelector('h1').textContent.includes('2020')")
    assert "controls=year,indicator" in frame.evaluate("location.search")
    frame.select_option("#ctl-indicator", "emigrants")
    frame.wait_for_function("() => /indicator=emigrants/.test(location.search)", timeout=10_000)
    href = frame.get_attribute("#open-dashboard", "href")
    assert href.startswith("/map?") and "year=2020" in href and "indicator=emigrants" in href
    assert "controls" not in href


def test_other_routes_refuse_to_be_framed_by_another_site(page, page_guard, host, live_server):
    page_guard.allow(r"Refused to (display|frame)|frame-ancestors")
    html = (f'<!DOCTYPE html><html><body><iframe id="a" src="{live_server}/map" style="width:600px;height:300px">'
            f'</iframe><iframe id="b" src="{live_server}/embed/map" style="width:600px;height:300px"></iframe>'
            "</body></html>")
    page.goto(host.add("/framing.html", html))
    embed = frame_of(page, live_server + "/embed/map")
    embed.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
    page.wait_for_timeout(1000)
    dashboard = [f for f in page.frames if f.url.startswith(live_server + "/map")]
    for frame in dashboard:  # a blocked frame keeps no document of ours (Chromium shows its error page)
        assert frame.evaluate("() => !!document.getElementById('react-entry-point')") is False


def test_an_unknown_embed_is_a_polite_page(page, page_guard, live_server):
    page_guard.allow("404")
    response = page.goto(live_server + "/embed/nothing")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("a[target=_blank]").count() == 1


@pytest.mark.parametrize("width", [320, 1200])
def test_no_sideways_scroll_and_readable_text_from_320_to_1200_px(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 600})
    for path in EMBEDS:
        page.goto(live_server + path)
        page.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
        page.wait_for_timeout(100)
        sizes = page.evaluate("""() => {
          const root = document.documentElement;
          const texts = [...document.querySelectorAll('h1, p, label, li, a, text')]
            .filter(el => el.textContent.trim() && el.getClientRects().length)
            .map(el => parseFloat(getComputedStyle(el).fontSize));
          return {scroll: root.scrollWidth, client: root.clientWidth, smallest: Math.min(...texts)};
        }""")
        assert sizes["scroll"] <= sizes["client"], f"{path} at {width} px scrolls sideways"
        assert sizes["smallest"] >= 10, f"{path} at {width} px has {sizes['smallest']} px text"


def test_the_language_control_switches_the_embed_in_place(page, host, live_server):
    frame = open_host(page, host, live_server, "/embed/remittances?controls=measure,lang", 800, 450)
    frame.select_option("#ctl-lang", "ru")
    frame.wait_for_function("() => document.documentElement.lang === 'ru' && /lang=ru/.test(location.search)",
                            timeout=10_000)
    frame.wait_for_function("() => /ВВП/.test(document.querySelector('h1').textContent)")
    assert frame.locator("label[for=ctl-measure]").inner_text().strip().startswith("Показатель")
    assert "Открыть в панели" in frame.locator("#embed-foot").inner_text()
