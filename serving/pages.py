"""Pages and the renderer's two documents answered from bytes built once per URL: the index HTML of every view
(with its first page, serving/first_page.py), `/_dash-layout`, `/_dash-dependencies` and the embeds (`/embed/…`,
HTML and JSON).

Each of them is a function of its URL alone while the app runs (data, code and translations are loaded once), yet
Dash built each anew per request — the index HTML (~70 kB: its scripts' tags, config, validation by regular
expressions, the link-preview tags), the layout and the callback list serialised again, an embed's figure
serialised again (7–17 ms) — and flask-compress then compressed it again. Here the first answer for a URL is kept
brotli-compressed (serving/compression.Encoded) and later requests get those bytes, with an ETag and
`Cache-Control: no-cache`: a browser revalidates and gets a 304 without a body when it already has the page (a
reload, the renderer's layout and dependencies on every visit).

What the key holds: the host URL the client used (link previews name it, behind a proxy too), the path as sent
(percent-encoding included: the first page is rendered for the address bar's pathname) and the query string.
Only 200 answers are kept; a bench's `X-Bench-Reference` request is never answered from here. Entries are bounded
by bytes (CAMR_PAGES_MB, default 16 MB per process, least recently used out): unknown query parameters cannot grow
a worker. A URL's page is the same bytes, hence the same ETag, in every worker and after a restart: Dash's random
per-load `end_id` (for background callbacks: the app has none, a test says so) is left out of the pages
(serving/security.py) and data-*/aria-* props are written in name order (serving/fast_json/). The warm-up in
gunicorn's master (serving/warmup.py) fills this cache for every view and language before the workers fork.
"""
from __future__ import annotations

from flask import request

from serving.cache import BoundedCache
from serving.settings import megabytes_from_env
from serving.compression import Encoded
from serving.first_page import BENCH_REFERENCE_HEADER, request_path


SIZE_ENV = "CAMR_PAGES_MB"
DEFAULT_MB = 16.0
CACHE_CONTROL = "no-cache"  # revalidated on every use (304 when unchanged): a new release shows at once
ROUTES = ("/", "/<path:path>", "/_dash-layout", "/_dash-dependencies", "/embed/<path:subpath>")


def megabytes() -> float:
    """The pages' bound in MB ($CAMR_PAGES_MB; 0: off, pages built per request)."""
    return megabytes_from_env(SIZE_ENV, DEFAULT_MB, zero_allowed=True)


def request_key(req=None) -> str:
    """A page's key: host URL, path as sent, query (`req`: default Flask's current request)."""
    req = request if req is None else req
    return f"{req.host_url}\n{request_path(req)}\n{req.query_string.decode('latin-1')}"


class Pages:
    def __init__(self, max_bytes: int):
        self.entries = BoundedCache(max_bytes)

    def wrap(self, view):
        def cached_view(*args, **kwargs):
            if request.method not in ("GET", "HEAD") or BENCH_REFERENCE_HEADER in request.headers:
                return view(*args, **kwargs)
            key = request_key()
            entry = self.entries.get(key)
            state = "hit"
            if entry is None:
                from flask import current_app

                response = current_app.make_response(view(*args, **kwargs))
                if response.status_code != 200 or response.direct_passthrough or response.is_streamed \
                        or "Content-Encoding" in response.headers:
                    return response
                entry = Encoded.of(response.get_data(), response.mimetype)
                self.entries.set(key, entry)
                state = "miss"
            sent = entry.response(etag=True)
            sent.headers["Cache-Control"] = CACHE_CONTROL
            sent.headers["X-Cache"] = state
            return sent

        cached_view.__name__ = getattr(view, "__name__", "cached_view")
        cached_view.__wrapped__ = view
        return cached_view


def install(app) -> Pages | None:
    """Answer the routes of ROUTES from Pages (CAMR_PAGES_MB=0: as before, built per request)."""
    size = megabytes()
    if not size:
        return None
    pages = Pages(int(size * 2**20))
    server = app.server
    for rule in server.url_map.iter_rules():
        if rule.rule in ROUTES:
            server.view_functions[rule.endpoint] = pages.wrap(server.view_functions[rule.endpoint])
    server.extensions["camr_pages"] = pages
    return pages
