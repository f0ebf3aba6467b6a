"""The partial plotly.js bundle in the browser: dcc.Graph draws with assets/vendor/plotly-custom.min.js, never
fetches dash's own plotly.min.js (4.8 MB raw), and every view with graphs still draws all its traces.

A trace type missing from the bundle is silent in the browser (plotly.js turns the trace into an invisible
`scatter`, no console error), so the tests below check the plotted types and drawn elements explicitly; the
`page` fixture adds its own guard (off-host requests, console and page errors). Static checks of the bundle:
tests/test_assets.py.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from plotly.offline import get_plotlyjs_version

from tests.test_assets import BUNDLE_MARKER, used_trace_types

# dash serves its plotly.js as /_dash-component-suites/plotly/package_data/plotly.min.js (served_locally) and
# dcc.Graph would fetch it from window._dashPlotlyJSURL; a CDN copy would be cdn.plot.ly/plotly-<v>.min.js.
DASH_PLOTLY = re.compile(r"/_dash-component-suites/plotly/|/plotly(-[\d.]+)?(\.min)?\.js(\?|$)")
OUR_BUNDLE = "/assets/vendor/plotly-custom.min.js"

_GRAPHS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
    id: gd.id || (gd.closest('[id]') || {}).id || null,
    plotted: !!(gd._fullData && gd._fullLayout),
    types: (gd._fullData || []).map(t => t.type),
    drawn: gd.querySelectorAll('.trace, .choroplethlocation, .sankey-node, .point, .bars path').length}))"""
# Plotted and drawn: map outlines arrive from /geo/<scope>.json after _fullData exists, so wait for shapes too.
_ALL_PLOTTED_JS = """() => {
    const gds = [...document.querySelectorAll('.js-plotly-plot')];
    return gds.length > 0 && gds.every(gd => gd._fullData && gd._fullLayout && !gd._transitioning
        && gd.querySelectorAll('.trace, .choroplethlocation, .sankey-node, .point, .bars path').length > 0);
}"""


@pytest.fixture
def requests_seen(page):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_map_uses_our_bundle_not_dash_plotly(open_app, page, requests_seen):
    open_app("/map")
    page.wait_for_function(_ALL_PLOTTED_JS, timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .choroplethlocation", state="attached", timeout=30_000)
    page.wait_for_load_state("networkidle")

    dash_plotly = [u for u in requests_seen if DASH_PLOTLY.search(u) and OUR_BUNDLE not in u]
    assert not dash_plotly, f"dcc.Graph fetched its own plotly.js although our bundle is loaded: {dash_plotly}"
    ours = [u for u in requests_seen if OUR_BUNDLE in u]
    assert len(ours) == 1, f"expected one request for {OUR_BUNDLE}, saw {ours}"

    info = page.evaluate("""() => ({
        marker: window.Plotly && window.Plotly.__bundle,
        version: window.Plotly && window.Plotly.version,
        traces: window.Plotly ? Object.keys(window.Plotly.PlotSchema.get().traces).sort() : null,
        graphPlotly: (() => { const gd = document.querySelector('.js-plotly-plot');
                              return !!(gd && gd._fullLayout && gd._context); })()})""")
    assert info["marker"] == BUNDLE_MARKER, f"window.Plotly is not the central-asia bundle: {info}"
    assert info["version"] == get_plotlyjs_version()
    assert info["graphPlotly"]
    assert set(info["traces"]) == set(used_trace_types()), (
        f"the bundle in the browser registers {info['traces']}; the app builds {sorted(used_trace_types())}")


def test_plotly_is_built_lazily_and_replaced_by_a_plain_global(open_app, page):
    """window.Plotly starts as an accessor (building plotly.js costs 100-200 ms of main thread: not before the
    page starts) and, once read or warmed up, is the plain object, so later reads cost nothing."""
    open_app("/sources")  # no graph: only the idle-time warm-up builds it
    page.wait_for_function("() => !Object.getOwnPropertyDescriptor(window, 'Plotly').get", timeout=15_000)
    assert page.evaluate("() => window.Plotly.__bundle") == BUNDLE_MARKER
    assert page.evaluate("() => window.__plotlyBundle") == BUNDLE_MARKER


@pytest.mark.parametrize("path", ["/map", "/map?focus=UZB", "/remittances", "/corridors", "/country/UZB"])
def test_every_view_with_graphs_draws_with_the_bundle(open_app, page, requests_seen, path):
    open_app(path)
    try:
        page.wait_for_function(_ALL_PLOTTED_JS, timeout=30_000)
    except PlaywrightTimeout:
        pass  # the assertions below say which graph was not drawn
    graphs = page.evaluate(_GRAPHS_JS)
    assert graphs, f"{path}: no graph on the page"
    empty = [g for g in graphs if not g["plotted"] or not g["types"] or not g["drawn"]]
    assert not empty, f"{path}: graphs not drawn with the bundle: {empty}"
    registered = set(used_trace_types())
    unknown = {t for g in graphs for t in g["types"]} - registered
    assert not unknown, f"{path}: trace types outside the bundle: {unknown}"
    assert page.evaluate("() => window.Plotly.__bundle") == BUNDLE_MARKER
    assert not [u for u in requests_seen if DASH_PLOTLY.search(u) and OUR_BUNDLE not in u]


# A minimal trace of each type the app uses (extend when tests/test_assets.py finds a new one).
_SQUARE = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "SQ", "properties": {},
           "geometry": {"type": "Polygon", "coordinates": [[[60, 40], [60, 45], [70, 45], [70, 40], [60, 40]]]}}]}
MINIMAL_TRACES = {
    "scatter": {"y": [1, 3, 2]},
    "bar": {"y": [1, 3, 2]},
    "choropleth": {"geojson": _SQUARE, "featureidkey": "id", "locations": ["SQ"], "z": [1]},
    "scattergeo": {"lon": [60, 70], "lat": [40, 45], "mode": "lines+markers"},
    "sankey": {"node": {"label": ["a", "b"]}, "link": {"source": [0], "target": [1], "value": [1]}},
}


def test_bundle_draws_each_trace_type_the_app_uses(open_app, page):
    """Each type on its own, in the app's page (so with the app's assets and config): plotted, visible, drawn."""
    used = set(used_trace_types())
    assert used <= set(MINIMAL_TRACES), f"add a minimal trace for {sorted(used - set(MINIMAL_TRACES))}"
    open_app("/sources")
    for trace_type in sorted(used):
        result = page.evaluate("""async ([type, trace]) => {
            const d = document.createElement('div'); d.style.width = '500px'; d.style.height = '300px';
            document.body.appendChild(d);
            // geo.visible=false as in the app's maps: assets/topojson/ holds stubs without base layers
            await window.Plotly.newPlot(d, [Object.assign({type}, trace)], {geo: {visible: false}},
                                        {topojsonURL: '/assets/topojson/'});
            const full = d._fullData[0];
            const out = {type: full.type, visible: full.visible, svg: d.querySelectorAll('svg path, svg rect').length};
            window.Plotly.purge(d); d.remove();
            return out; }""", [trace_type, MINIMAL_TRACES[trace_type]])
        assert result["type"] == trace_type and result["visible"] is True and result["svg"] > 0, (
            f"{trace_type}: {result}")


def test_a_graph_rendered_before_plotly_js_has_run_waits_for_the_bundle(page, app_server, requests_seen):
    """plotly.js is deferred (serving/page_scripts.py): the renderer may draw the page first. dcc.Graph then finds
    assets/first-page.js' placeholder in window.Plotly and waits on it instead of fetching dash's plotly.min.js;
    the bundle takes its place and resolves it (scripts/plotly-bundle/entry.js). Held back here until the page
    is drawn; the Russian chart locale, loaded before the bundle, still reaches plotly.js."""
    held = []
    page.route(f"**{OUR_BUNDLE}*", lambda route: held.append(route))
    page.goto(app_server.url + "/map?lang=ru", wait_until="commit")
    page.wait_for_function("() => document.querySelectorAll('#map-region-table td').length > 0")
    assert held, "the bundle was requested"
    assert page.evaluate("() => window.Plotly instanceof Promise && window.Plotly.__camrPlotlyPending === true")
    assert page.locator("#react-entry-point .js-plotly-plot").count() == 0  # the graph waits (not the drawn frame)
    held[0].continue_()
    page.wait_for_selector("#map-graph .choroplethlocation", state="attached")
    assert page.evaluate("() => window.Plotly.__bundle") == BUNDLE_MARKER
    assert page.locator("#map-graph .modebar-btn[data-title='Уменьшить']").count() == 1  # the locale registered
    assert not [u for u in requests_seen if DASH_PLOTLY.search(u) and OUR_BUNDLE not in u]


def test_if_the_bundle_cannot_load_the_graph_still_draws_with_dashs_plotly(page, page_guard, app_server,
                                                                          requests_seen):
    page_guard.allow(r"Failed to load resource|ERR_FAILED")
    page.route(f"**{OUR_BUNDLE}*", lambda route: route.abort())
    page.goto(app_server.url + "/map", wait_until="commit")
    page.wait_for_selector("#map-graph .choroplethlocation", state="attached", timeout=60_000)
    assert [u for u in requests_seen if "/_dash-component-suites/plotly/" in u]
    assert page.evaluate("() => window.Plotly.__bundle") is None  # dash's own plotly.js drew it
