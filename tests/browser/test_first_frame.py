"""The drawn first frame in the browser (serving/first_frame.py, assets/first-page.js): shown while plotly.js is held
back, the live page hidden and unreachable under it; handed over once the live map has drawn, with the same colour
for every country; then gone, and the live page works. One server for the session (conftest)."""
import json
import re

import pytest

from serving import first_frame
from tests.support.browser import guarded_page, read_graph, read_when_settled, wait_for_dash

PLOTLY = re.compile(r"/assets/vendor/plotly-custom")

# Fills of the map's countries in drawing order; the live page's with the trace and location plotly.js bound to each
# path (the second trace outlines the five Central Asian countries).
FRAME_FILLS_JS = """() => [...document.querySelectorAll('.camr-frame .choroplethlocation')]
  .map(p => getComputedStyle(p).fill)"""
LIVE_FILLS_JS = """() => { const traces = [...document.querySelectorAll('#react-entry-point .trace.choropleth')];
  return [...document.querySelectorAll('#react-entry-point .choroplethlocation')].map(p =>
    [p.__data__ && traces.indexOf(p.closest('.trace')) + ':' + p.__data__.loc, getComputedStyle(p).fill]); }"""
# The chart's words as seen (text, size): the frame's, drawn for the screen's width (app.css shows the laptop's or
# the projector's drawing of each chart), are the live chart's.
TEXTS_JS = """(root) => [...document.querySelectorAll(root + ' .js-plotly-plot text')]
  .filter(t => t.getBoundingClientRect().width > 0 && t.textContent.trim())
  .map(t => t.textContent + ' @' + getComputedStyle(t).fontSize).sort()"""
STATE_JS = """() => ({how: document.documentElement.getAttribute('data-camr-frame'),
  frames: document.querySelectorAll('.camr-frame').length,
  entry: getComputedStyle(document.getElementById('react-entry-point')).visibility})"""


def held_back(page):
    """Requests of plotly.js' bundle are held (not answered) until the returned list's routes are continued."""
    held = []
    page.route(PLOTLY, lambda route: held.append(route))
    return held


def release(page, held) -> None:
    while not held:  # the bundle is requested right after the HTML: wait on that, not on a clock
        page.wait_for_timeout(20)
    for route in held:
        route.continue_()
    page.unroute(PLOTLY)


@pytest.mark.parametrize("url, viewport", [("/map", first_frame.VIEWPORT), ("/map?lang=ru", first_frame.VIEWPORT),
                                           ("/?lang=ru", first_frame.WIDE_VIEWPORT)])
def test_frame_until_the_live_map_then_the_same_colours_and_a_working_page(browser, live_server, url, viewport):
    with guarded_page(browser, viewport) as (page, _guard):
        held = held_back(page)
        page.goto(live_server + url, wait_until="commit")
        page.wait_for_selector(".camr-frame .choroplethlocation", state="visible")
        page.wait_for_function("() => document.styleSheets.length && getComputedStyle("
                               "document.getElementById('react-entry-point')).visibility === 'hidden'")  # app.css in
        frame_fills = page.evaluate(FRAME_FILLS_JS)
        frame_texts = page.evaluate(TEXTS_JS, ".camr-frame")
        state = page.evaluate(STATE_JS)
        assert state == {"how": None, "frames": 1, "entry": "hidden"}
        lang = page.evaluate("() => document.documentElement.lang")
        assert lang == ("ru" if "lang=ru" in url else "en")
        # Nothing of the picture can be reached: Tab never lands in it (inert), screen readers skip it (aria-hidden)
        assert page.evaluate("() => { const f = document.querySelector('.camr-frame');"
                             " return f.inert && f.getAttribute('aria-hidden') === 'true'; }")
        for _ in range(4):
            page.keyboard.press("Tab")
            assert page.evaluate("() => !document.activeElement.closest('.camr-frame')")

        release(page, held)
        page.wait_for_function("() => document.documentElement.hasAttribute('data-camr-frame')")
        assert page.evaluate(STATE_JS) == {"how": "drawn", "frames": 0, "entry": "visible"}
        live = page.evaluate(LIVE_FILLS_JS)
        assert len(live) == len(frame_fills) > 50  # the region: 74 countries
        by_location = dict(live)
        assert len(by_location) == len(live) and None not in by_location
        assert {loc: fill for (loc, _), fill in zip(live, frame_fills)} == by_location
        assert len(set(frame_fills)) > 10  # a map of many colours, not one
        # the title, the countries' names and the colour bar as large as in the live chart (present.js refits it
        # after plotly.js' first draw: 16 px and more from 1600 px)
        live_js = f"() => JSON.stringify(({TEXTS_JS})('#react-entry-point'))"
        expected = json.dumps(json.dumps(frame_texts, ensure_ascii=False, separators=(",", ":")))  # as JS writes it
        live_texts = read_when_settled(page, live_js, f"() => ({live_js})() === {expected}")
        assert frame_texts == json.loads(live_texts)
        assert len(frame_texts) >= 8

        # the live page answers: another indicator redraws the map
        wait_for_dash(page)
        before = read_graph(page, "map-graph")["z"]
        z_js = "() => JSON.stringify(Array.from(document.querySelector('#map-graph .js-plotly-plot')._fullData[0].z))"
        page.evaluate(f"() => {{ window.__zBefore = ({z_js})(); }}")
        page.locator("#react-entry-point input[type=radio][value=immigrants]").check(force=True)
        page.wait_for_function(f"() => ({z_js})() !== window.__zBefore")
        assert read_graph(page, "map-graph")["z"] != before

def test_no_frame_on_a_phone(browser, live_server):
    with guarded_page(browser, {"width": 390, "height": 844}) as (page, _guard):
        page.goto(live_server + "/map", wait_until="load")
        page.wait_for_function("() => document.documentElement.hasAttribute('data-camr-frame')")
        assert page.evaluate(STATE_JS) == {"how": "hidden", "frames": 0, "entry": "visible"}
        wait_for_dash(page)
        assert read_graph(page, "map-graph")["z"]


def test_the_frame_goes_after_a_timeout_when_the_map_never_draws(browser, live_server):
    """plotly.js never arrives: after assets/first-page.js' timeout the live page (without its map) is shown."""
    with guarded_page(browser, first_frame.VIEWPORT) as (page, guard):
        guard.allow(r"plotly|Failed to load resource|^Event")  # the renderer reports the scripts that failed
        page.route(PLOTLY, lambda route: route.abort())
        page.route(re.compile(r"/plotly\.min\.js"), lambda route: route.abort())  # dash's own, the fallback
        page.goto(live_server + "/map", wait_until="commit")
        page.wait_for_function("() => document.documentElement.hasAttribute('data-camr-frame')", timeout=20_000)
        assert page.evaluate(STATE_JS) == {"how": "timeout", "frames": 0, "entry": "visible"}


EMBED_PLOTLY = re.compile(r"/_embed/plotly-")


def _release_plotly(page, held: list) -> None:
    """While plotly.js is held back the drawn frame is shown, inert and hidden from assistive technology; once it
    is let through, plotly.js' chart takes the frame's place."""
    assert page.evaluate("() => { const f = document.querySelector('.embed-frame');"
                         " return f.inert && f.getAttribute('aria-hidden') === 'true'; }")
    while not held:
        page.wait_for_timeout(20)
    for route in held:
        route.continue_()
    page.unroute(EMBED_PLOTLY)
    page.wait_for_selector("html[data-embed-frame]", state="attached")
    assert page.evaluate("() => [document.documentElement.getAttribute('data-embed-frame'),"
                         " document.querySelectorAll('.embed-frame').length]") == ["drawn", 0]


# The maps' embeds: the defaults, a sample of the earlier years (drawn alike, in other colours) and an English URL as
# the Share dialog writes it (served the frame of /embed/map: the same embed).
MAP_EMBEDS_SEEN = (*first_frame.MAP_EMBED_URLS[:4], "/embed/map?year=2015", "/embed/map?year=1990&lang=ru",
                   "/embed/map?lang=en")


@pytest.mark.parametrize("url", MAP_EMBEDS_SEEN)
def test_an_embed_s_frame_until_its_chart_then_the_same_colours(browser, live_server, url):
    with guarded_page(browser, first_frame.EMBED_VIEWPORT) as (page, _guard):
        held = []
        page.route(EMBED_PLOTLY, lambda route: held.append(route))
        page.goto(live_server + url, wait_until="commit")
        page.wait_for_selector(".embed-frame .choroplethlocation", state="visible")
        frame_fills = page.evaluate("() => [...document.querySelectorAll('.embed-frame .choroplethlocation')]"
                                    ".map(p => getComputedStyle(p).fill)")
        _release_plotly(page, held)
        live = page.evaluate(LIVE_FILLS_JS.replace("#react-entry-point", "#embed-chart"))
        assert len(live) == len(frame_fills) > 50
        by_location = dict(live)
        assert len(by_location) == len(live) and None not in by_location
        assert {loc: fill for (loc, _), fill in zip(live, frame_fills)} == by_location


# An x/y chart's words and points as seen: (text, centre x, centre y) of each text shown, and the centre of each marker,
# in the chart's box. `root` is the frame's or the live chart's.
SEEN_JS = """(root) => { const box = document.getElementById('embed-chart').getBoundingClientRect();
  const at = el => { const r = el.getBoundingClientRect();
    return [r.left + r.width / 2 - box.left, r.top + r.height / 2 - box.top, r.width]; };
  const texts = [...document.querySelectorAll(root + ' text')].map(t => [t.textContent, ...at(t)])
    .filter(t => t[3] > 0 && t[0].trim()).map(t => t.slice(0, 3));
  const points = [...document.querySelectorAll(root === '.embed-frame' ? '.embed-frame [data-embed-fit] circle'
                                               : '#embed-chart .main-svg .points path')]
    .map(p => at(p)).filter(p => p[2] > 0 && p[2] < 12).map(p => p.slice(0, 2));
  return {texts: texts.sort(), points: points.sort((a, b) => a[0] - b[0] || a[1] - b[1])}; }"""


def close(frame, live, tolerance=2.0):
    """Lists of (…, x, y) alike: the same words, each place within `tolerance` px."""
    assert len(frame) == len(live)
    for f, g in zip(frame, live):
        assert f[:-2] == g[:-2] and abs(f[-2] - g[-2]) <= tolerance and abs(f[-1] - g[-1]) <= tolerance, (f, g)


# The box sizes an x/y frame is shown at (its @container rule, scripts/first_frames/fit_range.js).
FIT_RANGE = re.compile(r"@container \(min-width:(\d+)px\) and \(max-width:(\d+)px\) and "
                       r"\(min-height:(\d+)px\) and \(max-height:(\d+)px\)")
# Where an x/y frame must be shown: the iframe the Share dialog writes (800 px wide, 460 to 560 high) and
# bench/bench_embed.py's.
SHOWN_AT = ({"width": 800, "height": 560}, {"width": 800, "height": 450})


@pytest.mark.parametrize("url", (*first_frame.CHART_EMBED_URLS, "/embed/country/KGZ?lang=en"))
@pytest.mark.parametrize("viewport", [first_frame.EMBED_VIEWPORT, {"width": 800, "height": 450},
                                      {"width": 1000, "height": 600}, {"width": 900, "height": 420}])
def test_an_x_y_embed_s_frame_is_the_chart_plotly_js_then_draws(browser, live_server, url, viewport):
    """The remittances and country charts' frame, fitted to the chart's box, shows the words, ticks and markers
    where plotly.js then draws them, at the iframe sizes it is shown at; it is inert and goes once the chart is drawn.
    Within 2 px, as the maps' frames: plotly.js' automargin moves a margin by a pixel between sizes (the country's
    top and right edges, where its highest and last tick labels overhang), the frame keeps the margins drawn, and
    plotly.js pads an axis by its markers' size in pixels. Where the box is outside the sizes the drawing script
    found it within 2 px at, the frame is not shown (embed-page.js drops it: "size")."""
    drawn = first_frame.stored()[url.replace("?lang=en", "")]["html"]
    fit = [int(v) for v in FIT_RANGE.search(drawn).groups()]
    with guarded_page(browser, viewport) as (page, _guard):
        held = []
        page.route(EMBED_PLOTLY, lambda route: held.append(route))
        page.goto(live_server + url, wait_until="domcontentloaded")  # embed-page.js has run: kept or dropped
        width, height = page.evaluate("() => { const box = document.getElementById('embed-chart');"
                                      " return [box.clientWidth, box.clientHeight]; }")
        inside = fit[0] <= width <= fit[1] and fit[2] <= height <= fit[3]
        assert inside or viewport not in SHOWN_AT, (width, height, fit)
        if not inside:
            assert page.evaluate("() => [document.documentElement.getAttribute('data-embed-frame'),"
                                 " document.querySelectorAll('.embed-frame').length]") == ["size", 0]
            while not held:
                page.wait_for_timeout(20)
            for route in held:
                route.continue_()
            page.wait_for_selector("html[data-embed-drawn]", state="attached")
            return
        page.wait_for_selector(".embed-frame [data-embed-fit] text", state="visible")
        frame = page.evaluate(SEEN_JS, ".embed-frame")
        _release_plotly(page, held)
        live = page.evaluate(SEEN_JS, "#embed-chart .main-svg")
        assert len(frame["texts"]) >= 10 and len(frame["points"]) >= 10  # ticks, labels, a line's markers
        close(frame["texts"], live["texts"])
        close(frame["points"], live["points"])


@pytest.mark.parametrize("url, viewport, how", [
    ("/embed/country/UZB", {"width": 800, "height": 300}, "size"),  # plotly.js draws other ticks there
    ("/embed/remittances", {"width": 600, "height": 450}, "size"),  # and other years here
    ("/embed/remittances?lang=ru", {"width": 390, "height": 600}, "hidden"),  # a phone: drawn otherwise
])
def test_an_x_y_embed_s_frame_is_not_shown_where_plotly_js_draws_otherwise(browser, live_server, url, viewport, how):
    with guarded_page(browser, viewport) as (page, _guard):
        page.goto(live_server + url, wait_until="load")
        page.wait_for_selector("html[data-embed-drawn]", state="attached")
        assert page.evaluate("() => [document.documentElement.getAttribute('data-embed-frame'),"
                             " document.querySelectorAll('.embed-frame').length]") == [how, 0]
