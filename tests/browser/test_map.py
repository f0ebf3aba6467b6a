"""The map as a user sees it, in headless Chromium against the running app."""
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from layouts.ids import Map, Shell
from tests.support.browser import wait_for_dash

CENTRAL_ASIA = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def query(page):
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def drawn_locations(page):
    """Locations of the value trace that were really drawn as SVG paths."""
    page.wait_for_function("() => document.querySelectorAll('#map-graph .choroplethlocation').length > 0")
    return page.evaluate("""() => Array.from(document.querySelectorAll('#map-graph .choroplethlocation'))
        .map(p => p.__data__ && p.__data__.loc).filter(Boolean)""")


def click_country(page, iso3):
    """A real mouse click at the middle of the country's shape (plotly listens on the layer above the paths)."""
    index = drawn_locations(page).index(iso3)
    box = page.locator(f"#{Map.GRAPH} .choroplethlocation").nth(index).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_dash(page)


def test_map_draws_central_asia_and_its_destinations(open_app, read_graph):
    page = open_app("/map")
    trace = read_graph(Map.GRAPH, 0, ("z", "locations"))
    assert CENTRAL_ASIA | {"RUS", "AFG", "CHN"} <= set(trace["locations"])
    assert CENTRAL_ASIA | {"RUS"} <= set(drawn_locations(page))
    assert page.locator(".map-disclaimer").is_visible()
    assert "International Migrant Stock 2024" in page.locator(f"#{Map.SOURCE_LINE}").inner_text()


def test_changing_indicator_and_year_changes_the_figure_and_the_url(open_app, read_graph):
    page = open_app("/map")
    before = read_graph(Map.GRAPH)["z"]
    page.get_by_label("Immigrants living in the country").check()
    wait_for_dash(page)
    after_indicator = read_graph(Map.GRAPH)["z"]
    assert after_indicator != before
    assert query(page)["indicator"] == "immigrants"
    page.locator(f"#{Map.YEAR} [role=slider]").press("Home")  # keyboard: to the first year
    wait_for_dash(page)
    assert read_graph(Map.GRAPH)["z"] != after_indicator
    assert query(page)["year"] == "1990"
    assert "1990" in page.locator(f"#{Map.GRAPH} .gtitle").text_content()


def test_click_a_country_for_focus_mode_and_again_to_leave(open_app, read_graph):
    page = open_app("/map?indicator=emigrants")
    click_country(page, "KAZ")
    panel = page.locator(f"#{Map.PANEL}")
    assert "Kazakhstan" in panel.locator("h2").inner_text()
    assert "Russian Federation" in panel.inner_text()
    assert read_graph(Map.GRAPH, 1, ("locations",))["locations"] == ["KAZ"]
    assert query(page)["focus"] == "KAZ"
    click_country(page, "KAZ")
    assert read_graph(Map.GRAPH, 1, ("locations",))["locations"] == []
    assert "focus" not in query(page)
    assert "Top 10" in panel.inner_text()


def test_a_link_with_state_restores_the_view(open_app, read_graph):
    page = open_app("/map?indicator=immigrants_pct&year=2005&scope=world&focus=TJK")
    assert page.get_by_label("Immigrants, % of population").is_checked()
    assert page.get_by_label("World").is_checked()
    assert len(read_graph(Map.GRAPH)["locations"]) > 200
    assert read_graph(Map.GRAPH, 1, ("locations",))["locations"] == ["TJK"]
    assert "Tajikistan" in page.locator(f"#{Map.PANEL}").inner_text()
    assert "2005" in page.locator(f"#{Map.GRAPH} .gtitle").text_content()


def test_garbage_in_the_link_gives_defaults_and_a_polite_notice(open_app, read_graph):
    page = open_app("/map?year=abc&indicator=%3Cscript%3E&scope=moon&focus=ZZZ")
    notice = page.locator(f"#{Shell.NOTICE}")
    assert notice.is_visible()
    for shown in ("abc", "<script>", "moon", "ZZZ"):
        assert shown in notice.inner_text()
    assert page.get_by_label("Emigrants living abroad").is_checked()  # the default
    assert "2024" in page.locator(f"#{Map.GRAPH} .gtitle").text_content()


def test_embed_route_shows_the_map_without_navigation(page, live_server):
    page.goto(live_server + "/embed/map?indicator=emigrants&year=2020")
    page.wait_for_selector("html[data-embed-drawn]", state="attached")
    assert page.locator(".navbar").count() == 0
    locations = page.evaluate("Array.from(document.getElementById('embed-chart')"
                              "._fullData[0].locations)")
    assert CENTRAL_ASIA <= set(locations)
    assert "United Nations, DESA" in page.locator("#embed-foot").inner_text()


def test_play_steps_through_the_years_and_pauses(open_app, read_graph):
    page = open_app("/map?year=1990")
    page.locator(f"#{Map.PLAY}").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('year') === '1995'", timeout=10_000)
    page.locator(f"#{Map.PLAY}").click()  # pause
    wait_for_dash(page)
    paused_at = query(page)["year"]
    page.wait_for_timeout(2_500)  # two play intervals: nothing may move while paused
    assert query(page)["year"] == paused_at
    assert paused_at in page.locator(f"#{Map.GRAPH} .gtitle").text_content()


def test_selections_replace_the_address_without_adding_history(open_app):
    page = open_app("/map")
    length = page.evaluate("history.length")
    page.get_by_label("World").check()
    wait_for_dash(page)
    page.get_by_label("Immigrants living in the country").check()
    wait_for_dash(page)
    assert query(page)["scope"] == "world" and query(page)["indicator"] == "immigrants"
    assert page.evaluate("history.length") == length


def test_download_the_data_shown(open_app):
    page = open_app("/map?indicator=emigrants&year=2015")
    with page.expect_download() as info:
        page.locator(f"#{Map.DOWNLOAD_BUTTON}").click()
    download = info.value
    assert download.suggested_filename == "migrant-stock-emigrants-2015.csv"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert content.splitlines()[0].startswith("iso3,country,year,indicator")
    assert "UZB,Uzbekistan,2015,CAMR.EMIG.TOTL" in content


def test_the_map_names_the_five_central_asian_countries_and_russia(open_app):
    """The names are drawn into the map's SVG (not only the panel), Central Asia first in the panel."""
    page = open_app("/map?lang=en")
    page.wait_for_function("() => document.querySelectorAll('#map-graph .trace.scattergeo text').length >= 6")
    names = page.evaluate("""() => Array.from(document.querySelectorAll('#map-graph .trace.scattergeo text'))
        .map(t => t.textContent)""")
    assert {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "Russian Federation"} <= set(
        names)
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('#map-graph .trace.scattergeo text'))
        .map(t => { const b = t.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })""")
    for i, a in enumerate(boxes):  # no two names overlap
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert page.locator("#map-region-table").inner_text().count("persons") == 5



def _router_requests(page):
    """URLs of the callback requests the page sends to the router (the page slot's children)."""
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "_dash-update-component" in r.url
            and f'"{Shell.PAGE}.children"' in (r.post_data or "") else None)
    return sent


def test_the_first_view_comes_with_the_html_and_later_views_from_the_router(page, open_app, read_graph):
    sent = _router_requests(page)
    open_app("/map?indicator=immigrants&year=2010&lang=ru")
    assert sent == []  # no router round trip before the map
    assert "2010" in page.locator(f"#{Map.GRAPH} .gtitle").text_content()
    assert CENTRAL_ASIA <= set(drawn_locations(page))
    # the geometry came from plotly.js' cache, filled by assets/first-page.js from the preloaded file
    assert page.evaluate("Object.keys(window.PlotlyGeoAssets).some(k => k.startsWith('/geo/region.json'))")
    page.locator("#nav-remittances").click()  # client-side navigation: the router renders the next view
    page.wait_for_url("**/remittances?lang=ru**")
    wait_for_dash(page)
    assert len(sent) == 1
    page.go_back()
    page.wait_for_function("() => document.querySelectorAll('#map-graph .choroplethlocation').length > 0")
    assert query(page)["year"] == "2010" and len(sent) == 2


def test_without_the_first_view_in_the_html_the_router_renders_it(page, open_app):
    # The page as a browser would get it if the HTML's first view did not match the address bar: the router's.
    page.add_init_script("""new MutationObserver((_, observer) => {
        const block = document.getElementById('camr-first-page');
        if (block) { block.remove(); observer.disconnect(); }
    }).observe(document, {childList: true, subtree: true});""")
    sent = _router_requests(page)
    open_app("/map?year=2000&lang=ru")
    assert len(sent) == 1
    assert "2000" in page.locator(f"#{Map.GRAPH} .gtitle").text_content()
    assert CENTRAL_ASIA <= set(drawn_locations(page))


def test_the_renderer_starts_from_the_html_without_requests_of_its_own(page, open_app):
    # serving/first_page.py boot_blocks and serving/page_scripts.py: the renderer's layout and callbacks come with
    # the HTML, Dash's polyfill and dash_table's bundle are not loaded; the lazy components still load and work;
    # plotly.js is built before DOMContentLoaded.
    sent = []
    page.on("request", lambda r: sent.append(urlparse(r.url).path))
    # assets/first-page.js builds plotly.js as soon as its script has run: before DOMContentLoaded
    page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
        const d = Object.getOwnPropertyDescriptor(window, 'Plotly');
        window.__plotlyBuiltAtDCL = !!(d && !d.get); }, true);""")
    open_app("/map?lang=ru")
    assert page.evaluate("() => window.__plotlyBuiltAtDCL") is True
    assert not [p for p in sent if p in ("/_dash-layout", "/_dash-dependencies")
                or "polyfill" in p or "/dash_table/" in p], sent
    # the lazy dcc chunks came as the HTML's scripts (serving/first_page.chunk_scripts): webpack never loads one
    chunks = [p for p in sent if "/dash/dcc/async-" in p]
    assert chunks and all(re.search(r"/async-\w+\.v\w+\.js$", p) for p in chunks), chunks
    assert page.evaluate("() => typeof window.regeneratorRuntime.mark === 'function'")
    page.locator(f"#{Map.FOCUS}").click()  # the dropdown, a lazy dcc chunk
    page.keyboard.type("Кыргыз")
    page.keyboard.press("Enter")
    wait_for_dash(page)
    assert query(page)["focus"] == "KGZ"


# Where a map's geography is drawn, against its title and its chart's box (px). plotly fits the extent's frame in
# the plot keeping its shape: on a phone the width limits it, and a plot as tall as on a laptop left ~210 px of
# white between the title and the region (and as much below) before assets/geo-fit.js. On a phone the colour bar is
# under the map (geo-fit.js): the white below is then the white down to the bar.
_GEOGRAPHY_JS = """(sel) => {
  const gd = document.querySelector(sel + ' .js-plotly-plot');
  const title = gd && gd.querySelector('.g-gtitle .gtitle');
  const shapes = gd ? [...gd.querySelectorAll('.choroplethlocation')].map(p => p.getBoundingClientRect())
    .filter(r => r.height > 0) : [];
  if (!title || !shapes.length) return null;
  const box = gd.getBoundingClientRect();
  const labels = [...gd.querySelectorAll('.colorbar text')].map(t => t.getBoundingClientRect().right);
  const bar = gd.querySelector('.colorbar .cbbg'), barBox = bar && bar.getBoundingClientRect();
  const under = !!barBox && barBox.width > barBox.height;
  return {above: Math.min(...shapes.map(r => r.top)) - title.getBoundingClientRect().bottom,
          below: (under ? barBox.top : box.bottom) - Math.max(...shapes.map(r => r.bottom)), height: box.height,
          barUnder: under,
          barPast: Math.max(0, ...labels) - box.right};
}"""
GEOGRAPHY_NEAR = 30  # px of white at most between the title and the map, and under the map


def _geography(page, selector):
    from tests.support.browser import read_when_settled

    page.wait_for_selector(f"{selector} .choroplethlocation", state="attached")
    settled = (f"() => {{ const g = ({_GEOGRAPHY_JS})({selector!r}); "
               f"return !!g && g.above <= {GEOGRAPHY_NEAR} && g.below <= {GEOGRAPHY_NEAR}; }}")
    return read_when_settled(page, f"() => ({_GEOGRAPHY_JS})({selector!r})", settled)


@pytest.mark.parametrize("viewport,paths", [
    ({"width": 390, "height": 844}, ("/map", "/map?lang=ru", "/map?present=1&lang=ru", "/corridors?lang=ru")),
    ({"width": 1366, "height": 768}, ("/map", "/map?lang=ru")),
])
def test_the_map_starts_under_its_title_on_a_phone_and_a_laptop(browser, live_server, viewport, paths):
    """The map's drawn geography starts within GEOGRAPHY_NEAR px of its title and the chart ends as near under it,
    its colour bar's labels inside the chart (a resized chart once pushed them 28 px past its edge: "Нет данн"); a phone's page
    widened to a laptop gets the page's own map height back."""
    from tests.support import browser as harness

    with harness.guarded_page(browser, viewport) as (page, _):
        for path in paths:
            harness.open_app(page, live_server, path)
            selector = ".flow-map" if path.startswith("/corridors") else ".map-graph"
            found = _geography(page, selector)
            assert found and found["above"] <= GEOGRAPHY_NEAR and found["below"] <= GEOGRAPHY_NEAR, (path, found)
            assert found["barPast"] <= 1, (path, found)  # the colour bar's labels inside the chart
        if viewport["width"] < 576:  # the phone turned into a laptop: the fitted height goes
            harness.open_app(page, live_server, "/map")
            phone = _geography(page, ".map-graph")
            assert phone["height"] < 360 and phone["barUnder"], phone  # 240 px of map, its title and the bar under it
            page.set_viewport_size({"width": 1366, "height": 768})
            page.wait_for_function("() => document.querySelector('.map-graph').getBoundingClientRect().height > 450")
            found = _geography(page, ".map-graph")
            assert found["height"] >= 500 and found["above"] <= GEOGRAPHY_NEAR and not found["barUnder"], found


# Every name drawn on the map, visible or not, with its box (assets/map-labels.js moves or hides overlapping ones).
_NAMES_JS = """(selector) => Array.from(document.querySelectorAll(selector + ' .trace.scattergeo text')).map(t => {
  const b = t.getBoundingClientRect();
  return {name: t.textContent, box: [b.left, b.top, b.right, b.bottom], moved: t.hasAttribute('data-camr-moved'),
          hidden: getComputedStyle(t).visibility === 'hidden', size: parseFloat(getComputedStyle(t).fontSize)};
})"""
_APART_JS = f"""(selector) => {{
  const names = ({_NAMES_JS})(selector);
  if (names.length < 2 || names.some(n => n.hidden)) return false;
  return names.every((a, i) => names.slice(i + 1).every(b =>
    a.box[2] <= b.box[0] || b.box[2] <= a.box[0] || a.box[3] <= b.box[1] || b.box[3] <= a.box[1]));
}}"""


@pytest.mark.parametrize("viewport,paths", [
    ({"width": 320, "height": 700}, ("/map", "/map?lang=ru", "/map?scope=world", "/map?scope=world&lang=ru")),
    ({"width": 360, "height": 740}, ("/map?lang=ru", "/map?scope=world&lang=ru", "/embed/map?lang=ru",
                                     "/embed/map?scope=world&lang=ru")),
    ({"width": 390, "height": 844}, ("/map?lang=ru", "/map?scope=world&lang=ru")),
])
def test_on_a_phone_every_name_on_the_map_is_shown_and_none_covers_another(browser, live_server, viewport, paths):
    """At the figure's 14 px the Russian names ran into each other on a phone (Кыргызстан over Узбекистан,
    «Российская Федерация» over «Казахстан»): app.css writes them at 10 px there, assets/map-labels.js moves
    what still overlaps a few px apart."""
    from tests.support import browser as harness

    with harness.guarded_page(browser, viewport) as (page, _):
        for path in paths:
            embed = path.startswith("/embed")
            if embed:
                page.goto(live_server + path)
            else:
                harness.open_app(page, live_server, path)
            selector = "#embed-chart" if embed else ".map-graph"
            page.wait_for_function(f"() => document.querySelectorAll('{selector} .trace.scattergeo text').length >= 2")
            try:
                page.wait_for_function(f"() => ({_APART_JS})({selector!r})", timeout=5_000)
            except Exception:
                raise AssertionError((path, page.evaluate(f"() => ({_NAMES_JS})({selector!r})"))) from None
            names = page.evaluate(f"() => ({_NAMES_JS})({selector!r})")
            assert all(n["size"] >= 10 for n in names), (path, names)


def test_on_a_laptop_the_names_stay_where_plotly_put_them(open_app):
    """Where nothing overlaps nothing moves (the drawn first frame at 1366 px is the page as drawn there)."""
    page = open_app("/map?lang=ru")
    page.wait_for_function("() => document.querySelectorAll('.map-graph .trace.scattergeo text').length >= 6")
    names = page.evaluate(f"() => ({_NAMES_JS})('.map-graph')")
    assert not any(n["moved"] or n["hidden"] for n in names), names
    assert all(n["size"] == 14 for n in names), names


# Each name on the map: its box, the countries under it (plotly.js' polygons of the values trace) at seven points
# across its middle, and the map's box.
_NAMES_OVER_JS = """(selector) => {
  const gd = document.querySelector(selector + ' .js-plotly-plot');
  const geo = gd._fullLayout.geo._subplot, svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const cells = gd.calcdata[0].filter(c => c._polygons && c.loc);
  const countryAt = (x, y) => {
    const lonlat = geo.projection.invert([x - svg.left, y - svg.top]);
    const found = lonlat && cells.find(c => c._polygons.some(p => p.contains(lonlat)));
    return found ? found.loc : null;
  };
  const frame = (gd.querySelector('.geo .bg rect') || gd.querySelector('.main-svg')).getBoundingClientRect();
  const names = Array.from(gd.querySelectorAll('.trace.scattergeo text')).map(t => {
    const b = t.getBoundingClientRect(), y = (b.top + b.bottom) / 2;
    return {name: t.textContent, box: [b.left, b.top, b.right, b.bottom],
            hidden: getComputedStyle(t).visibility === 'hidden',
            under: [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95].map(s => countryAt(b.left + s * b.width, y))};
  });
  return {names, frame: [frame.left, frame.top, frame.right, frame.bottom]};
}"""


@pytest.mark.parametrize("viewport", [{"width": 1920, "height": 1080}, {"width": 1366, "height": 768}])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_uzbekistans_name_lies_over_uzbekistan_not_turkmenistan(browser, live_server, store, viewport, lang):
    """On Uzbekistan's map of its emigrants at 1920 px «Узбекистан», at geo.build's point (where the country is
    narrower than its name), began over Turkmenistan and ended over Kazakhstan: grey Uzbekistan's name over a dark
    Turkmenistan read as Turkmenistan's. Moved into the wide north-west (figures/map/figure.LABEL_SHIFTS): shown, its middle
    over Uzbekistan and none of it over Turkmenistan, inside the map, covering no other name."""
    from tests.support import browser as harness

    uzbekistan = store.country_name("UZB", lang)
    with harness.guarded_page(browser, viewport) as (page, _):
        harness.open_app(page, live_server, f"/map?indicator=emigrants&focus=UZB&lang={lang}")
        page.wait_for_function("() => document.querySelectorAll('.map-graph .trace.scattergeo text').length >= 6")
        page.wait_for_timeout(300)  # assets/map-labels.js runs ~30 ms after a draw
        found = page.evaluate(_NAMES_OVER_JS, ".map-graph")
        names, frame = found["names"], found["frame"]
        name = next(n for n in names if n["name"] == uzbekistan)
        assert not name["hidden"], name
        assert name["under"][3] == "UZB" and "TKM" not in name["under"], name
        left, top, right, bottom = name["box"]
        assert frame[0] <= left and right <= frame[2] and frame[1] <= top and bottom <= frame[3], (name, frame)
        for other in names:
            if other is not name and not other["hidden"]:
                b = other["box"]
                assert right <= b[0] or b[2] <= left or bottom <= b[1] or b[3] <= top, (name, other)
