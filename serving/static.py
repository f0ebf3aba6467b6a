"""Static files compressed once, cached by browsers for a year when their URL carries a version.

What Dash and flask-compress did alone: flask-compress compresses every response anew (brotli quality 4), and
static files, which Flask streams, only with brotli or deflate (`COMPRESS_ALGORITHM_STREAMING` has no gzip), so a
gzip-only client got the 1.5 MB plotly bundle uncompressed; `/assets/*?m=<mtime>` were sent `no-cache` (revalidated
on every page load) and Dash's fingerprinted scripts with `max-age` but not `immutable`.

Here every static file the app serves is compressed once per process, brotli (quality 9) — at start-up, in the
master before gunicorn forks, for the files of the page, the dcc chunks and the geometry; any other on its first
request — and gzip (level 9) on the first request of a gzip-only client; only the brotli is kept before that (a plain
request gets it decompressed). Served as brotli, gzip or identity by the client's Accept-Encoding, with
`Vary: Accept-Encoding` and an ETag per encoding. Cache rule:

- versioned URL (the version the app itself writes into its pages: Dash's `?m=<mtime>` on assets, its fingerprinted
  `_dash-component-suites` names, `/geo/<scope>.json?v=<hash>`, the embed's hashed files):
  `Cache-Control: public, max-age=31536000, immutable`;
- any other URL of the same file (no version, or not the current one: plotly.js' own requests for the base-map
  stub, the dcc chunks webpack names without a version): `Cache-Control: no-cache` (revalidated by ETag, 304).

flask-compress stays for dynamic responses (pages, layout, callbacks): it leaves a response that already has a
Content-Encoding alone. The security headers (serving/security.py) are added to these responses like any other.
"""
from __future__ import annotations

import hashlib
import mimetypes
import os
import pkgutil
import re
from pathlib import Path
from threading import Lock

from flask import Response, request

from serving.compression import Encoded

YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"
REVALIDATE = "no-cache"
BROTLI_QUALITY = 9  # quality 11 saves ~10 % more for ~10x the time (seconds per start-up for the plotly bundle)
GZIP_LEVEL = 9
COMPRESSIBLE = (".js", ".css", ".json", ".geojson", ".svg", ".txt", ".map", ".html")
_URL = re.compile(r'(?:src|href)="([^"]+)"')


def file_encoded(raw: bytes, name: str) -> Encoded:
    """A file's bytes as sent: brotli when its type compresses (compressed once, at once; gzip on the first request
    that needs it, plain decompressed per request), else plain."""
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.endswith((".js", ".mjs")):
        mimetype = "text/javascript"
    elif name.endswith((".json", ".geojson")):
        mimetype = "application/json"
    entry = Encoded(mimetype, None, len(raw), hashlib.sha256(raw).hexdigest()[:16], raw=raw, gzip_level=GZIP_LEVEL)
    if name.endswith(COMPRESSIBLE) and len(raw) > 500:
        import brotli

        entry.br = brotli.compress(raw, quality=BROTLI_QUALITY)
        # Kept as brotli only: the gzip (level 9, the same bytes as made at once before) on the first gzip-only
        # request, the plain bytes decompressed per request (plotly's bundle ~5 ms): ~8.6 MB less in the master,
        # and so in each worker's RSS, for clients that are rare (every browser takes brotli).
        entry.raw = None
    return entry


class Store:
    """Files as sent (serving/compression.Encoded) by key (the file's path or package and path), compressed once
    per process."""

    def __init__(self):
        self._entries: dict[str, Encoded] = {}
        self._lock = Lock()

    def get(self, key: str, load) -> Encoded:
        """The entry of `key`; `load()` gives (bytes, file name) the first time."""
        entry = self._entries.get(key)
        if entry is None:
            with self._lock:
                entry = self._entries.get(key)
                if entry is None:
                    raw, name = load()
                    entry = self._entries[key] = file_encoded(raw, name)
        return entry

    def __len__(self) -> int:
        return len(self._entries)


STORE = Store()


def respond(entry: Encoded, *, versioned: bool) -> Response:
    """The file for this request: its encoding, Vary, ETag, the cache rule, and a 304 when the ETag matches."""
    response = entry.response(etag=True)
    response.headers["Cache-Control"] = IMMUTABLE if versioned else REVALIDATE
    return response


def file_entry(path: Path) -> Encoded:
    return STORE.get(f"file:{path}", lambda: (path.read_bytes(), path.name))


def package_entry(package: str, path_in_package: str) -> Encoded:
    def load():
        data = pkgutil.get_data(package, path_in_package)
        if data is None:
            raise FileNotFoundError(f"{package}/{path_in_package}")
        return data, path_in_package

    return STORE.get(f"pkg:{package}:{path_in_package}", load)


class DashStatic:
    """Dash's assets and component suites served from STORE (see the module's docstring)."""

    def __init__(self, app):
        self.app = app
        self.assets = Path(app.config.assets_folder).resolve()
        self.assets_prefix = app.config.requests_pathname_prefix + app.config.assets_url_path.strip("/") + "/"
        self.suites_prefix = app.config.requests_pathname_prefix + "_dash-component-suites/"
        self.versioned_suites: set[str] = set()  # fingerprinted URLs the app's own pages name

    def asset(self, relative: str):
        try:
            path = (self.assets / relative).resolve()
            if not path.is_relative_to(self.assets) or not path.is_file():
                return None  # Flask's own static route answers (404)
        except (OSError, ValueError):  # a name no file can have (a NUL byte, too long): Flask's route refuses it
            return None
        entry = file_entry(path)
        # Dash writes `?m=<modification time>` after each asset it puts in a page.
        versioned = request.args.get("m") == str(os.path.getmtime(path))
        return respond(entry, versioned=versioned)

    def suite(self, rest: str):
        from dash.fingerprint import check_fingerprint

        package, _, fingerprinted = rest.partition("/")
        path_in_package, has_fingerprint = check_fingerprint(fingerprinted)
        if path_in_package not in self.app.registered_paths.get(package, ()):
            return None  # Dash's own route refuses it
        try:
            entry = package_entry(package, path_in_package)
        except (OSError, ImportError):
            return None
        return respond(entry, versioned=has_fingerprint and request.path in self.versioned_suites)

    def serve(self):
        if request.method not in ("GET", "HEAD"):
            return None
        path = request.path
        if path.startswith(self.assets_prefix):
            return self.asset(path[len(self.assets_prefix):])
        if path.startswith(self.suites_prefix):
            return self.suite(path[len(self.suites_prefix):])
        return None

    def warm(self) -> None:
        """Every file the index page names, the dcc chunks of the app's components, compressed now."""
        from serving.first_page import ASYNC_CHUNKS, chunk_url

        app = self.app
        with app.server.test_request_context("/"):
            app._setup_server()  # noqa: SLF001 - what Dash does before its first request (walks assets/)
            page = app.index()
        for url in _URL.findall(page):
            path, _, query = url.partition("?")
            if path.startswith(self.suites_prefix):
                self.versioned_suites.add(path)
                package, _, fingerprinted = path[len(self.suites_prefix):].partition("/")
                from dash.fingerprint import check_fingerprint

                package_entry(package, check_fingerprint(fingerprinted)[0])
            elif path.startswith(self.assets_prefix):
                candidate = (self.assets / path[len(self.assets_prefix):]).resolve()
                if candidate.is_relative_to(self.assets) and candidate.is_file():
                    file_entry(candidate)
        for name in sorted(set(ASYNC_CHUNKS.values())):
            if f"dcc/async-{name}.js" in app.registered_paths.get("dash", ()):
                package_entry("dash", f"dcc/async-{name}.js")
                with app.server.test_request_context("/"):
                    self.versioned_suites.add(chunk_url(name))  # a first page names it (first_page.chunk_scripts)
        for stub in sorted((self.assets / "topojson").glob("*.json")):
            file_entry(stub)


def install(app) -> DashStatic:
    """Serve Dash's static files from STORE (a before_request in front of Flask's and Dash's own routes) and
    compress the page's files now. Call after every route and callback is registered."""
    static = DashStatic(app)
    app.server.before_request(static.serve)
    static.warm()
    return static
