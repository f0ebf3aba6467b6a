"""Embeds for other sites: `/embed/<view>?…` (a light HTML page, not the Dash app), `/embed.js` for host pages,
and the framing rule (embeds may be framed by any site, the rest only by ourselves).

    register(server)   # in app.create_app, after the Dash app exists
"""
from __future__ import annotations

import gzip
import hashlib
import threading
from functools import cache
from pathlib import Path

from flask import Response, abort, jsonify, request

from embed import charts, page
from i18n import DEFAULT_LANG, LANGUAGES

STATIC = Path(__file__).parent / "static"
PLOTLY_BUNDLE = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "plotly-custom.min.js"
YEAR = 365 * 24 * 3600


def _lang_of_query() -> str:
    lang = request.args.get("lang", DEFAULT_LANG)
    return lang if lang in LANGUAGES else DEFAULT_LANG


@cache
def _static(name: str) -> tuple[bytes, str]:
    body = (STATIC / name).read_bytes()
    return body, hashlib.sha256(body).hexdigest()[:12]


_compressed: dict[str, bytes] = {}
_compress_lock = threading.Lock()


def _plotly_encoded(encoding: str) -> bytes:
    """The bundle compressed once per process (brotli 9: ~475 kB in ~0.1 s; quality 11 would save 40 kB for
    ~2.5 s of start-up), instead of anew for every response as flask-compress does."""
    with _compress_lock:
        if encoding not in _compressed:
            raw = PLOTLY_BUNDLE.read_bytes()
            if encoding == "br":
                import brotli

                _compressed[encoding] = brotli.compress(raw, quality=9)
            else:
                _compressed[encoding] = gzip.compress(raw, compresslevel=9, mtime=0)
        return _compressed[encoding]


@cache
def plotly_version() -> str:
    return hashlib.sha256(PLOTLY_BUNDLE.read_bytes()).hexdigest()[:12]


def script_urls() -> tuple[str, str]:
    return f"/_embed/plotly.{plotly_version()}.js", f"/_embed/embed-page.{_static('embed-page.js')[1]}.js"


def is_embed_path(path: str) -> bool:
    return path.startswith("/embed/") or path in ("/embed.js",) or path.startswith("/_embed/")


def register(server) -> None:
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
        plotly_src, script_src = script_urls()
        return Response(page.document(found, plotly_src=plotly_src, script_src=script_src), mimetype="text/html")

    @server.route("/embed.js")
    def host_script():
        body, _ = _static("embed.js")
        response = Response(body, mimetype="text/javascript")
        response.cache_control.public = True
        response.cache_control.max_age = 3600  # a stable URL host pages copy: short cache, it may improve
        return response

    @server.route("/_embed/<name>")
    def embed_static(name: str):
        if name == f"plotly.{plotly_version()}.js":
            accepted = request.accept_encodings
            encoding = "br" if accepted["br"] else "gzip" if accepted["gzip"] else None
            body = _plotly_encoded(encoding) if encoding else PLOTLY_BUNDLE.read_bytes()
            response = Response(body, mimetype="text/javascript")
            if encoding:
                response.headers["Content-Encoding"] = encoding
            response.headers["Vary"] = "Accept-Encoding"
        elif name == f"embed-page.{_static('embed-page.js')[1]}.js":
            response = Response(_static("embed-page.js")[0], mimetype="text/javascript")
        else:
            abort(404)
        response.cache_control.public = True
        response.cache_control.max_age = YEAR  # the URL carries a content hash
        response.cache_control.immutable = True
        return response

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
    _plotly_encoded("br")
