"""The first view travels with the HTML: no router round trip before the first chart can be drawn.

Dash's renderer fetches the root layout (`/_dash-layout`, the same for every URL) and, until now, the router
callback (callbacks/routing.py) then asked the server for the page of the address bar: one more round trip, and
the map's geometry was requested only once plotly.js had built the figure. Here the index HTML carries

- `<script type="application/json" id="camr-first-page">` with the page `pages.render(path, query)` gives for
  that URL (exactly the router's answer, serialised the same way) and the geometry the page's maps use;
- `<link rel="preload">` for that geometry, so it downloads while the scripts do;
- the dcc chunks its components load lazily (the graph, the slider, the dropdown) as plain scripts after dcc's
  bundle (`chunk_scripts`), under their versioned URLs: webpack finds them installed when React first renders
  those components, instead of inserting a script for each then and waiting for it (a task and a network
  round trip, even from the preload cache, before the map can be drawn); a second visit has them cached.

`assets/first-page.js` puts the page into the root layout as it arrives (the renderer's `layout_post` hook, set
in app.py) when the address bar still shows the URL the page was rendered for, and marks the dcc.Location with it,
so the router is not called for the first view; otherwise it changes nothing and the router renders the page as
before. Client-side navigation goes through the router as before. The geometry goes into plotly.js' own cache
(`window.PlotlyGeoAssets`), which it reads instead of fetching.

The renderer's own two start-up requests travel in the HTML too (`boot_blocks`): `/_dash-layout` (the root
layout, the same for every URL) and `/_dash-dependencies` (every callback), each the JSON the route answers, in a
`<script type="application/json">` naming the route; assets/first-page.js answers the renderer's first fetch of
each from it, so the renderer starts without a round trip. A later fetch goes to the server.
"""
from __future__ import annotations

import json
import logging
import re
import zlib
from collections import OrderedDict
from threading import Lock
from urllib.parse import quote

from flask import request
from markupsafe import escape

from serving import first_frame

log = logging.getLogger(__name__)

DATA_ID = "camr-first-page"
# The renderer's hook: assets/first-page.js defines the function (Dash loads assets before it starts).
LAYOUT_HOOK = "function (layout) { if (window.camrFirstPage) { window.camrFirstPage(layout); } }"
MAX_PAGES = 64  # the map page is ~45 kB of JSON, the largest view ~190 kB
# Kept compressed (zlib): the master warms ~50 pages that every worker shares, 12 MB as text (a Russian page is
# two bytes a character), ~1 MB so; a worker decompresses one (~0.3 ms) only when it renders that URL's HTML.
PACK_LEVEL = 6

_pages: OrderedDict[tuple[str, str], tuple[bytes, str]] = OrderedDict()
_lock = Lock()


def request_path(req=None) -> str:
    """The path as the browser has it in `location.pathname` (percent-encoded), which is what the router gets.
    `req`: default Flask's current request."""
    req = request if req is None else req
    raw = req.environ.get("RAW_URI") or req.environ.get("REQUEST_URI") or ""
    if raw.startswith("/"):
        return raw.split("?", 1)[0].split("#", 1)[0]
    return quote(req.path, safe="/:@!$&'()*+,;=-._~")


def request_search() -> str:
    query = request.query_string.decode("utf-8", "replace")
    return f"?{query}" if query else ""


def _dicts(node):
    """Every dict in a JSON tree (the page's components and their figures), depth first."""
    if isinstance(node, dict):
        yield node
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return
    for item in children:
        if isinstance(item, (dict, list)):
            yield from _dicts(item)


def _geometry_urls(node) -> list[str]:
    """Geometry URLs (`/geo/<scope>.json?v=…`) the page's figures name in a trace's `geojson`, in order."""
    urls = (d.get("geojson") for d in _dicts(node))
    return list(dict.fromkeys(u for u in urls if isinstance(u, str) and u.startswith("/geo/")))


# dcc components drawn by code in a chunk of their own, fetched only once React meets the component (webpack's
# lazy loading): named here so the HTML can preload the chunks the first page needs (dash/dcc/async-<name>.js).
ASYNC_CHUNKS = {"Graph": "graph", "Slider": "slider", "RangeSlider": "slider", "Dropdown": "dropdown",
                "Markdown": "markdown"}


def _component_types(node) -> set[str]:
    return {d["type"] for d in _dicts(node)
            if d.get("namespace") == "dash_core_components" and isinstance(d.get("type"), str)}


def chunk_names(page: dict) -> list[str]:
    return sorted({ASYNC_CHUNKS[kind] for kind in _component_types(page) if kind in ASYNC_CHUNKS})


def chunk_url(name: str) -> str:
    """The versioned URL of dcc's chunk `async-<name>.js`, fingerprinted as Dash fingerprints its own scripts
    (dcc's version and the file's modification time; through the same function, which serving/security.py makes
    opaque), which serving/static.py caches as immutable."""
    import os

    import dash.dash as dash_module
    from dash import dcc, get_relative_path

    modified = int(os.stat(os.path.join(os.path.dirname(dcc.__file__), f"async-{name}.js")).st_mtime)
    fingerprinted = dash_module.build_fingerprint(f"dcc/async-{name}.js", dcc.__version__, modified)
    return get_relative_path(f"/_dash-component-suites/dash/{fingerprinted}")


def chunk_scripts(names: list[str]) -> str:
    """Plain scripts for dcc's lazily loaded chunks: each pushes itself onto webpack's chunk list
    (`self.webpackChunkdash_core_components`), which dcc's runtime reads, so it holds them before React asks."""
    return "".join(f'<script src="{escape(chunk_url(name))}"></script>' for name in names)


def page_data(pathname: str, search: str) -> tuple[str, str, str]:
    """(JSON of the data block, preload links, scripts of its dcc chunks) for a URL, cached per URL (at most MAX_PAGES kept)."""
    key = (pathname, search)
    with _lock:
        if key in _pages:
            _pages.move_to_end(key)
            packed, links, scripts = _pages[key]
            return zlib.decompress(packed).decode("utf-8"), links, scripts
    from layouts import pages
    from layouts.common import serialised, topojson_stub_urls

    page = serialised(pages.render(pathname, search))
    geometry = _geometry_urls(page)
    data = {
        "pathname": pathname, "search": search, "page": page,
        "geo": {"geojson": geometry,
                "topojson": topojson_stub_urls() if geometry else {}},
    }
    # Safe inside <script>: no "</script>" or "<!--" can end the block early (JSON has "<" only inside strings).
    # ">" too, as plotly's encoder does: a visitor's text (a bad URL value quoted in a notice) never comes back with
    # markup characters verbatim (tests/test_fuzz.py found "…×·>…" in a notice).
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    entry = (text, preload_links(data), chunk_scripts(chunk_names(page)))
    with _lock:
        _pages[key] = (zlib.compress(text.encode("utf-8"), PACK_LEVEL), *entry[1:])
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)
    return entry


def preload_links(data: dict) -> str:
    """Preloads for what the first page will ask for: its maps' geometry (fetched by assets/first-page.js, so
    `as="fetch"` with CORS)."""
    urls = list(data["geo"]["geojson"]) + list(data["geo"]["topojson"].values())
    return "".join(f'<link rel="preload" href="{escape(url)}" as="fetch" crossorigin="anonymous">' for url in urls)


_PLOTLY_SRC = re.compile(r'<script src="([^"]*/assets/vendor/plotly-custom[^"/]*\.js[^"]*)"')


def plotly_preload(scripts: str) -> str:
    """A preload, first in the head, for the page's plotly.js bundle (the largest file, ~460 KiB compressed, and
    in the body after a dozen others): fetched and compiled first, while the browser still fetches the rest."""
    found = _PLOTLY_SRC.search(scripts)
    return (f'<link rel="preload" href="{escape(found.group(1))}" as="script" fetchpriority="high">'
            if found else "")


BOOT_IDS = {"/_dash-layout": "camr-dash-layout", "/_dash-dependencies": "camr-dash-dependencies"}


def boot_blocks(app) -> str:
    """`/_dash-layout` and `/_dash-dependencies` as those routes answer them, in data blocks named by their URL.

    Both are fixed once the app has started (a static root layout, every callback registered: Dash adds the last
    ones on its first request, before any page is served), so they are rendered once per app. A layout given
    as a function is not: the renderer then fetches it as usual."""
    from dash import get_relative_path

    cached = app.server.extensions.get("camr_boot_blocks")
    if cached is None:
        answers = {"/_dash-dependencies": app.dependencies}
        if not callable(app.layout):
            answers["/_dash-layout"] = app.serve_layout
        blocks = []
        for route, answer in answers.items():
            text = answer().get_data(as_text=True).replace("<", "\\u003c")  # see page_data
            blocks.append(f'<script type="application/json" id="{BOOT_IDS[route]}" '
                          f'data-url="{escape(get_relative_path(route))}">{text}</script>')
        cached = app.server.extensions["camr_boot_blocks"] = "".join(blocks)
    return cached


BENCH_REFERENCE_HEADER = "X-Bench-Reference"


def bench_reference() -> str:
    """The naive path a benchmark asks for to compare against (`X-Bench-Reference: router`; `no-frame`: without the
    drawn first frame): honoured only by a server started for benchmarks (CAMR_BENCH_NOOP=1, see bench/), never in production."""
    from callbacks.routing import bench_noop_enabled

    return request.headers.get(BENCH_REFERENCE_HEADER, "") if bench_noop_enabled() else ""


def install(app) -> None:
    """The index HTML of every route carries its first page (see the module's docstring)."""
    interpolate = app.interpolate_index

    def interpolate_index(**kwargs):
        if bench_reference() == "router":  # bench/bench_page.py's reference: the page from the router, as before
            return interpolate(**kwargs)
        try:
            text, links, chunks = page_data(request_path(), request_search())
        except Exception:  # noqa: BLE001 - the router renders the page (or its message) as before
            log.exception("first page not rendered into the HTML for %s", request.path)
            return interpolate(**kwargs)
        if "/async-graph." in chunks:  # a chart on the first page: plotly.js is the first file it needs
            links = plotly_preload(kwargs.get("scripts", "")) + links
        kwargs["metas"] = kwargs.get("metas", "") + links
        kwargs["scripts"] = kwargs.get("scripts", "") + chunks  # after dcc's bundle, before the renderer starts
        # A drawn picture of this page, shown until the live map has drawn (serving/first_frame.py); bench/
        # bench_page.py's "no-frame" reference: the page without it
        frame = "" if bench_reference() == "no-frame" else first_frame.frame_for(request_path(), request_search(), text)
        kwargs["app_entry"] = (frame
                               + kwargs.get("app_entry", "")
                               + f'<script type="application/json" id="{DATA_ID}">{text}</script>'
                               + boot_blocks(app))
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index
