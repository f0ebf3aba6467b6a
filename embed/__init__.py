"""Embeds for other sites: `/embed/<view>?…` (a light HTML page, not the Dash app), `/embed.js` for host pages,
and the framing rule (embeds may be framed by any site, the rest only by ourselves).

    register(server)   # in app.create_app, after the Dash app exists
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Response, abort, jsonify, request

from embed import charts, page
from i18n import DEFAULT_LANG, LANGUAGES

STATIC = Path(__file__).parent / "static"
ASSETS = Path(__file__).resolve().parents[1] / "assets"
# The app's own scripts an embed with a map runs too, as the views do (after embed-page.js, in this order):
# map-labels.js keeps the names on the map apart and by their points, with the watcher it uses.
MAP_SCRIPTS = {"chart-watch.js": ASSETS / "chart-watch.js", "map-labels.js": ASSETS / "map-labels.js"}
PLOTLY_BUNDLE = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "plotly-custom.min.js"
# The plotly.js bundles of page.PLOTLY_BUNDLES: the embeds' own (built with the app's by
# scripts/build_plotly_bundle.sh) and, for a figure neither has the trace types of, the app's.
PLOTLY_FILES = {
    "cartesian": STATIC / "vendor" / "plotly-embed-cartesian.min.js",
    "geo": STATIC / "vendor" / "plotly-embed-geo.min.js",
    "full": PLOTLY_BUNDLE,
}


def _lang_of_query() -> str:
    lang = request.args.get("lang", DEFAULT_LANG)
    return lang if lang in LANGUAGES else DEFAULT_LANG


@cache
def _static(name: str) -> tuple[bytes, str]:
    body = MAP_SCRIPTS.get(name, STATIC / name).read_bytes()
    return body, hashlib.sha256(body).hexdigest()[:12]


def _entry(name: str):
    """A script of the embed compressed once (brotli and gzip, serving/static.py), not anew per response."""
    from serving import static

    if name in PLOTLY_FILES:  # by path: the app's bundle shares the entry of its /assets/ URL (compressed once)
        return static.file_entry(PLOTLY_FILES[name])
    if name in MAP_SCRIPTS:  # the same for the app's scripts
        return static.file_entry(MAP_SCRIPTS[name])
    return static.STORE.get(f"embed:{name}", lambda: (_static(name)[0], name))


@cache
def plotly_version(bundle: str = "full") -> str:
    return hashlib.sha256(PLOTLY_FILES[bundle].read_bytes()).hexdigest()[:12]


def plotly_url(bundle: str) -> str:
    return f"/_embed/plotly-{bundle}.{plotly_version(bundle)}.js"


def script_urls(bundle: str = "full") -> tuple[str, str]:
    """The page's two scripts: the plotly.js bundle `bundle` (a key of PLOTLY_FILES) and embed-page.js."""
    return plotly_url(bundle), _script_url("embed-page.js")


def map_script_urls() -> tuple[str, ...]:
    """The URLs of MAP_SCRIPTS (content-hashed, as embed-page.js')."""
    return tuple(_script_url(name) for name in MAP_SCRIPTS)


def _script_url(name: str) -> str:
    return f"/_embed/{name[:-len('.js')]}.{_static(name)[1]}.js"


def is_embed_path(path: str) -> bool:
    return path.startswith("/embed/") or path in ("/embed.js",) or path.startswith("/_embed/")


def register(server) -> None:
    from serving import static

    @server.route("/embed/<path:subpath>")
    def embed_page(subpath: str):
        as_json = subpath.endswith(".json")
        path = "/" + (subpath[: -len(".json")] if as_json else subpath)
        found = charts.resolve(path, request.query_string.decode("utf-8", "replace"))
        if found is None:
            if as_json:
                return jsonify(error="not found"), 404
            return Response(page.not_found_document("/embed" + path, _lang_of_query()), 404,
                            mimetype="text/html")
        if as_json:
            return jsonify(page.parts(found))
        from serving.first_page import bench_reference

        reference = bench_reference()
        # bench/bench_embed.py's references: the app's whole bundle (as before the embeds had their own), or
        # plotly.js fetching the map's geometry itself
        bundle = "full" if reference == "full-bundle" else (page.plotly_bundle(found) or "full")
        plotly_src, script_src = script_urls(bundle)
        # the drawn first frame for this very URL (not for a bench reference: the embed as it was)
        from serving.first_page import request_path, request_search

        url = None if reference else request_path() + request_search()
        return Response(page.document(found, plotly_src=plotly_src, script_src=script_src,
                                      seed_geometry=reference != "fetch", url=url,
                                      map_srcs=map_script_urls() if page.draws_a_map(found) else ()),
                        mimetype="text/html")

    @server.route("/embed.js")
    def host_script():
        response = static.respond(_entry("embed.js"), versioned=False)
        if response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=3600"  # a stable URL host pages copy: it may improve
        return response

    @server.route("/_embed/<name>")
    def embed_static(name: str):
        # The URLs carry a content hash: cached for good (immutable), compressed once.
        for bundle in PLOTLY_FILES:
            if name == plotly_url(bundle).rsplit("/", 1)[1]:
                return static.respond(_entry(bundle), versioned=True)
        for script in ("embed-page.js", *MAP_SCRIPTS):
            if name == _script_url(script).rsplit("/", 1)[1]:
                return static.respond(_entry(script), versioned=True)
        abort(404)

    @server.after_request
    def framing(response):
        # Minimal framing rule (the production headers may set these first; then they are left alone):
        # embeds may sit in any site's iframe, every other route only in our own pages (the Share preview).
        policy = response.headers.get("Content-Security-Policy", "")
        if "frame-ancestors" not in policy:
            rule = "frame-ancestors *" if is_embed_path(request.path) else "frame-ancestors 'self'"
            response.headers["Content-Security-Policy"] = f"{policy}; {rule}" if policy else rule
            if not is_embed_path(request.path):
                response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response

    # At start-up, before gunicorn forks its workers (preload): no thread, so no lock held across a fork.
    for name in (*PLOTLY_FILES, "embed-page.js", "embed.js"):
        _entry(name)
