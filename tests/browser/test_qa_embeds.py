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


@pytest.mark.parametrize("path", ["/embed/map", "/embed/map?scope=world&lang=ru", "/embed/corridors?lang=ru"])
def test_a_map_embed_on_a_phone_gives_its_width_to_the_map(page, live_server, path):
    """Below 560 px the colour bar goes under the map (embed-page.js). Placed against the chart's edge as the full
    view's vertical bar is (xref "container"), plotly.js kept room for it beside the map: the map drew 20 px wide."""
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(live_server + path)
    page.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
    drawn = page.evaluate("""() => {
      const gd = document.getElementById('embed-chart');
      const bar = gd.querySelector('.colorbar');
      const box = bar && bar.getBoundingClientRect(), chart = gd.getBoundingClientRect();
      return {plot: gd._fullLayout._size.w, chart: chart.width, edges: [chart.left, chart.right],
              bar: box && [box.left, box.right]};
    }""")
    assert drawn["plot"] >= 0.8 * drawn["chart"], drawn
    if drawn["bar"]:  # the flow map has none
        assert drawn["edges"][0] - 1 <= drawn["bar"][0] and drawn["bar"][1] <= drawn["edges"][1] + 1, drawn


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_320_px_map_embed_writes_every_label_of_its_colour_bar(page, host, live_server, lang):
    """In a 320 px iframe the bar under the map, 0.9 of the width, put «Нет данных» 4 px past the chart's left edge and
    plotly.js hid it: a grey swatch with no word. At 0.8, as the view's: each label shown, inside the chart, apart
    from the next."""
    frame = open_host(page, host, live_server, f"/embed/map?lang={lang}", 320, 480, name=f"map-{lang}")
    frame.wait_for_function("() => document.querySelectorAll('#embed-chart .colorbar text').length >= 4")
    found = frame.evaluate("""() => {
      const gd = document.getElementById('embed-chart'), chart = gd.getBoundingClientRect();
      return {chart: [chart.left, chart.right], labels: Array.from(gd.querySelectorAll('.colorbar .xcbaxistick text,'
        + ' .colorbar g[class$="tick"] text')).map(t => {
          const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.right, b.width]; })};
    }""")
    labels = sorted(found["labels"], key=lambda label: label[1])
    assert len(labels) >= 4 and labels[0][0] in ("No data", "Нет данных"), found
    for text, left, right, width in labels:
        assert width > 0 and found["chart"][0] <= left and right <= found["chart"][1], (text, found)
    for a, b in zip(labels, labels[1:]):
        assert a[2] < b[1], (a, b)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("width", [800, 1200])
def test_the_map_embed_names_its_countries_without_overlapping_them(page, live_server, width, lang):
    """At a donor's usual iframe widths the six names stay apart (Turkmenistan's and Tajikistan's used to touch)."""
    page.set_viewport_size({"width": width, "height": 450})
    page.goto(f"{live_server}/embed/map?lang={lang}")
    page.wait_for_function("() => document.querySelectorAll('.trace.scattergeo text').length >= 6", timeout=20_000)
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('.trace.scattergeo text'))
        .map(t => { const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.top, b.right, b.bottom]; })""")
    for i, (name_a, *a) in enumerate(boxes):
        for name_b, *b in boxes[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{name_a} and {name_b} overlap at {width} px ({lang})"


def test_the_language_control_switches_the_embed_in_place(page, host, live_server):
    frame = open_host(page, host, live_server, "/embed/remittances?controls=measure,lang", 800, 450)
    frame.select_option("#ctl-lang", "ru")
    frame.wait_for_function("() => document.documentElement.lang === 'ru' && /lang=ru/.test(location.search)",
                            timeout=10_000)
    frame.wait_for_function("() => /ВВП/.test(document.querySelector('h1').textContent)")
    assert frame.locator("label[for=ctl-measure]").inner_text().strip().startswith("Показатель")
    assert "Открыть в панели" in frame.locator("#embed-foot").inner_text()


# --- the embeds' own plotly.js bundles (embed/page.py PLOTLY_BUNDLES) ---------------------------------------------
OWN_BUNDLES = {"/embed/map?scope=world&lang=ru": "geo", "/embed/corridors": "geo", "/embed/remittances": "cartesian",
               "/embed/country/UZB": "cartesian"}
# What plotly.js made of the figure: every trace and layout attribute it settled on (its internal `_…` keys and
# random uids aside), and the drawing's elements in order. Not the coordinates: two loads of the same page with
# the same bundle were seen to draw a map's outlines a little differently on a busy machine (cause not pinned down).
DRAWN_JS = """() => {
  const gd = document.getElementById('embed-chart');
  const plain = (key, value) => key.startsWith('_') || key === 'uid' || typeof value === 'function' ? undefined
    : ArrayBuffer.isView(value) ? Array.from(value) : value;
  const uids = [gd._fullLayout._uid, ...gd._fullData.map(trace => trace.uid)];
  const named = el => uids.reduce((text, uid, i) => text.split(uid).join('UID' + i).split(uid.slice(0, 6)).join('UID' + i),
                                  el.tagName + '.' + (el.getAttribute('class') || ''));
  return {data: JSON.stringify(gd._fullData, plain), layout: JSON.stringify(gd._fullLayout, plain),
          elements: [...gd.querySelectorAll('svg.main-svg *')].map(named)};
}"""


def drawn(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
    return page.evaluate(DRAWN_JS)


@pytest.mark.parametrize("path", OWN_BUNDLES)
def test_each_embed_loads_only_its_own_bundle_and_draws_what_the_apps_bundle_draws(page, live_server, path):
    """The geo and cartesian bundles are smaller builds of the same plotly.js: what each draws (every attribute
    plotly.js settles on, every element of the drawing) is what the app's full bundle, loaded in its place by
    routing, draws from the same page."""
    import embed

    bundle = OWN_BUNDLES[path]
    # the same HTML (figure) for both drawings: only the bundle differs
    html = page.request.get(live_server + path).text()
    page.route(live_server + path, lambda route: route.fulfill(body=html, content_type="text/html"))
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    own = drawn(page, live_server + path)
    assert page.evaluate("() => window.Plotly.__bundle") == f"central-asia-embed-{bundle}"
    assert [u for u in requested if "plotly" in u] == [live_server + embed.plotly_url(bundle)]
    assert own["elements"].count("path.js-line") + own["elements"].count("path.choroplethlocation") > 0

    full = page.request.get(live_server + embed.plotly_url("full")).body()
    page.route(f"**{embed.plotly_url(bundle)}", lambda route: route.fulfill(body=full, content_type="text/javascript"))
    reference = drawn(page, live_server + path)
    assert page.evaluate("() => window.Plotly.__bundle") == "central-asia-custom"
    assert own["data"] == reference["data"] and own["layout"] == reference["layout"]
    assert own["elements"] == reference["elements"]


def test_the_geo_bundle_still_finds_countries_by_name(page, live_server):
    """The geo bundle builds plotly.js' country-name lookup on first use (scripts/plotly-bundle/
    lazy-country-iso-search.js): `locationmode: "country names"` still knows a name, an alias and plotly's own
    extra territories, as the app's bundle does."""
    import embed

    page_logs = []
    page.on("console", lambda message: page_logs.append(message.text))
    for bundle in ("geo", "full"):
        page.goto(live_server + "/embed/key-figures")
        page.add_script_tag(url=live_server + embed.plotly_url(bundle))
        page_logs.clear()
        page.evaluate("""async () => {
          const gd = document.createElement('div');
          document.body.appendChild(gd);
          const place = id => ({type: 'Polygon', arcs: [], id, properties: {ct: [0, 0]}});
          window.PlotlyGeoAssets = {topojson: {world_110m: {type: 'Topology', arcs: [], objects: {countries: {
            type: 'GeometryCollection', geometries: ['UZB', 'KGZ', 'XAC'].map(place)}}}}};
          Plotly.setPlotConfig({logging: 2});
          await Plotly.newPlot(gd, [{type: 'scattergeo', locationmode: 'country names',
            locations: ['Uzbekistan', 'Kyrgyz Republic', 'Aksai Chin', 'Nowhereland']}], {geo: {visible: false}});
        }""")
        unknown = [line.split("Unrecognized country name: ", 1)[1] for line in page_logs
                   if "Unrecognized country name: " in line]
        assert unknown == ["Nowhereland."], (bundle, page_logs)


def test_a_control_that_brings_a_chart_to_an_embed_without_one_loads_its_bundle(page, live_server):
    """Turkmenistan reports no remittances: that embed has a message and no plotly.js. Choosing a trend with data
    needs the cartesian bundle: the page of the new state is loaded (same frame, state in the URL) and draws."""
    page.goto(live_server + "/embed/country/TKM?trend=remittances_gdp&controls=trend")
    page.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
    assert page.evaluate("() => window.Plotly === undefined")
    page.select_option("#ctl-trend", "emigrants")
    page.wait_for_function("() => /trend=emigrants/.test(location.search) && window.Plotly !== undefined"
                           " && document.querySelectorAll('#embed-chart path.js-line').length > 0", timeout=20_000)
    assert page.evaluate("() => window.Plotly.__bundle") == "central-asia-embed-cartesian"
    assert "controls=trend" in page.evaluate("() => location.search")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_320_px_corridors_embed_names_its_map_as_the_view_does(page, host, live_server, lang):
    """The embed runs the view's assets/map-labels.js: in a 320 px iframe it did not, and «Узбекистан», centred
    under its point as plotly.js writes it, lay over Tajikistan (and read as its name). Each name shown stands by
    its own point, covers no other country's point nor another name, and its middle is over no other end point's
    country (such a name is hidden: the hover names it)."""
    from tests.browser.test_corridors import NAMES_AND_POINTS_JS, assert_by_its_point

    frame = open_host(page, host, live_server, f"/embed/corridors?lang={lang}", 320, 640, name=f"corridors-{lang}")
    frame.wait_for_function("() => document.querySelectorAll('#embed-chart .trace.scattergeo text').length >= 6")
    found = None
    for _ in range(20):  # settled: map-labels.js runs ~30 ms after each draw
        page.wait_for_timeout(250)
        again = frame.evaluate(NAMES_AND_POINTS_JS, "#embed-chart")
        if again == found:
            break
        found = again
    names, points = found["names"], found["points"]
    assert len(names) >= 5, names  # of the six: at 320 px «Кыргызстан» has no place by its point that is clear
    for name in names:
        left, top, right, bottom = name["box"]
        assert_by_its_point(name, points)
        for k, (px, py) in enumerate(points):
            if k != name["point"]:
                assert not (left - 2.5 < px < right + 2.5 and top - 2.5 < py < bottom + 2.5), (name, k)
        assert name["under"] in (None, name["code"]), name
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            apart = (a["box"][2] <= b["box"][0] + 0.5 or b["box"][2] <= a["box"][0] + 0.5
                     or a["box"][3] <= b["box"][1] + 0.5 or b["box"][3] <= a["box"][1] + 0.5)
            assert apart, (a, b)
