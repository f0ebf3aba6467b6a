"""The browser harness itself: it must catch what it claims to catch, and not flag what is fine.

Pages are served by a throwaway local http.server or by a minimal Dash app started with the same helper as
the real app (tests/support/server.py), so these tests do not depend on the dashboard's own code.
"""
from __future__ import annotations

import shutil
import textwrap
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import numpy as np
import pytest

from tests.support import browser as harness
from tests.support.server import ServerStartError, start_app_server

# 1x1 transparent PNG
DOT_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")

OFFHOST_URLS = (
    "http://example.com/x.png",
    "https://fonts.googleapis.com/css2?family=Roboto",
    "https://cdn.plot.ly/world_110m.json",
)

PAGES = {
    "clean.html": """<!doctype html><html><head><link rel="icon" href="data:,"></head>
        <body><h1 id="title">local only</h1><img id="local" src="/dot.png"></body></html>""",
    "offhost.html": f"""<!doctype html><html><head><link rel="icon" href="data:,">
        <link rel="stylesheet" href="{OFFHOST_URLS[1]}"></head>
        <body><img id="local" src="/dot.png"><img id="remote" src="{OFFHOST_URLS[0]}">
        <script>window.fetchDone = fetch("{OFFHOST_URLS[2]}").then(() => "ok", () => "failed");</script>
        </body></html>""",
    "console.html": """<!doctype html><html><head><link rel="icon" href="data:,"></head><body><script>
        console.log("just-a-log"); console.warn("just-a-warning"); console.error("boom-123");
        setTimeout(() => { throw new Error("kaboom-456"); }, 0);
        </script></body></html>""",
}


@pytest.fixture(scope="module")
def static_site(tmp_path_factory):
    """Base URL of a local http.server serving PAGES, /dot.png and /plotly.min.js (from the plotly package)."""
    root = tmp_path_factory.mktemp("site")
    for name, html in PAGES.items():
        (root / name).write_text(textwrap.dedent(html), encoding="utf-8")
    (root / "dot.png").write_bytes(DOT_PNG)
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", root / "plotly.min.js")
    fig = go.Figure(go.Bar(x=["KAZ", "KGZ", "TJK"], y=np.array([1.5, 2.5, 3.5])))
    (root / "graph.html").write_text(
        '<!doctype html><html><head><link rel="icon" href="data:,"><script src="/plotly.min.js"></script></head>'
        f'<body><div id="g"></div><script>const fig = {pio.to_json(fig)};'
        'Plotly.newPlot("g", fig.data, fig.layout);</script></body></html>', encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def own_page(browser):
    """A page with a fresh PageGuard whose verdict the test reads itself (the `page` fixture would fail)."""
    context = browser.new_context(viewport=harness.VIEWPORT)
    pg = context.new_page()
    guard = harness.PageGuard().attach(pg)
    yield pg, guard
    context.close()


def test_is_on_host():
    assert harness.is_on_host("http://127.0.0.1:8050/_dash-layout")
    assert harness.is_on_host("http://localhost/assets/x.css")
    assert harness.is_on_host("data:image/png;base64,AAAA")
    assert harness.is_on_host("blob:http://127.0.0.1:8050/0b6e")
    assert not harness.is_on_host("https://cdn.plot.ly/world_110m.json")
    assert not harness.is_on_host("http://example.com/x.png")
    assert not harness.is_on_host("http://127.0.0.1.example.com/x")


def test_guard_blocks_and_records_offhost_requests(own_page, static_site):
    pg, guard = own_page
    pg.goto(static_site + "/offhost.html", wait_until="load")
    assert pg.evaluate("window.fetchDone") == "failed"  # the off-host fetch was aborted, not answered
    harness.flush_events(pg)

    assert set(OFFHOST_URLS) <= set(guard.offhost), guard.offhost
    assert all(not harness.is_on_host(u) for u in guard.offhost)
    # on-host traffic is untouched: the page and its local image loaded
    assert pg.evaluate("document.getElementById('local').naturalWidth") == 1
    assert pg.evaluate("document.getElementById('remote').naturalWidth") == 0
    with pytest.raises(AssertionError, match=r"off-host request blocked: http://example\.com/x\.png"):
        guard.check()


def test_guard_records_console_errors_and_page_errors(own_page, static_site):
    pg, guard = own_page
    pg.goto(static_site + "/console.html", wait_until="load")
    harness.flush_events(pg)

    assert any("boom-123" in m for m in guard.console_errors), guard.console_errors
    assert not any("just-a-" in m for m in guard.console_errors)  # log/warn are not errors
    assert any("kaboom-456" in m for m in guard.page_errors), guard.page_errors
    assert guard.offhost == []
    with pytest.raises(AssertionError, match="boom-123"):
        guard.check()


def test_guard_allow_excuses_only_matching_errors(own_page, static_site):
    pg, guard = own_page
    guard.allow(r"boom-123")
    pg.goto(static_site + "/console.html", wait_until="load")
    harness.flush_events(pg)
    assert guard.console_errors == []
    assert any("kaboom-456" in m for m in guard.page_errors)


def test_page_fixture_passes_a_clean_local_page(page, page_guard, static_site):
    page.goto(static_site + "/clean.html", wait_until="load")
    assert page.inner_text("#title") == "local only"
    assert page.evaluate("document.getElementById('local').naturalWidth") == 1
    assert page.viewport_size == {"width": 1400, "height": 900}
    harness.flush_events(page)
    assert page_guard.problems() == []


def test_read_graph_decodes_base64_arrays(page, static_site):
    page.goto(static_site + "/graph.html", wait_until="load")
    raw = page.evaluate("document.getElementById('g').data[0].y")
    assert isinstance(raw, dict) and "bdata" in raw  # why read_graph exists: plotly >= 6 ships base64
    got = harness.read_graph(page, "g", attrs=("x", "y", "marker.color", "no_such_attr"))
    assert got["type"] == "bar" and got["n_traces"] == 1
    assert got["x"] == ["KAZ", "KGZ", "TJK"]
    assert got["y"] == [1.5, 2.5, 3.5]
    assert got["no_such_attr"] is None
    with pytest.raises(AssertionError, match="no plotted trace 3"):
        harness.read_graph(page, "g", trace=3, timeout=500)


MINI_APP = '''
import os, time
import numpy as np
import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

app = Dash(__name__)
app.layout = html.Div([
    dcc.Input(id="inp", value="KGZ"),
    html.Div(id="out"),
    html.Div(id="out2"),
    dcc.Graph(id="graph", figure=go.Figure(go.Bar(x=["KAZ", "KGZ", "TJK"], y=np.array([1.5, 2.5, 3.5])))),
])

@app.callback(Output("out", "children"), Input("inp", "value"))
def slow(value):
    time.sleep(0.6)
    return f"echo:{value}"

@app.callback(Output("out2", "children"), Input("out", "children"), prevent_initial_call=True)
def chained(text):
    time.sleep(0.3)
    return f"chained:{text}"

if __name__ == "__main__":
    app.run(host=os.environ["HOST"], port=int(os.environ["PORT"]), debug=False)
'''


@pytest.fixture(scope="module")
def mini_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("mini_app")
    (root / "app.py").write_text(MINI_APP, encoding="utf-8")
    with start_app_server(cwd=root, timeout=60.0) as server:
        yield server.url


def test_open_app_waits_for_chained_callbacks(page, mini_app):
    harness.open_app(page, mini_app, "/")
    # no waiting here: open_app returned only once both callbacks (0.6 s, then 0.3 s) had rendered
    assert page.inner_text("#out") == "echo:KGZ"
    assert page.inner_text("#out2") == "chained:echo:KGZ"
    got = harness.read_graph(page, "graph", attrs=("y",))
    assert got["y"] == [1.5, 2.5, 3.5]


def test_start_app_server_reports_a_crashing_app(tmp_path):
    (tmp_path / "app.py").write_text("import sys\nprint('bad config: no data', file=sys.stderr)\nsys.exit(3)\n")
    with pytest.raises(ServerStartError, match=r"(?s)exited with code 3.*bad config: no data"):
        start_app_server(cwd=tmp_path, timeout=20.0)


def test_live_app_home_renders_offline(open_app, page):
    """The real app (`python app.py`): "/" renders, with no off-host request and no error (guarded `page`)."""
    open_app("/")
    assert page.inner_text("#react-entry-point").strip()
