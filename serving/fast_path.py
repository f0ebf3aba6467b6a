"""Answers that are already stored, sent before Flask and Dash dispatch them: a callback answered at start-up
(serving/precompute.py) or from the response cache (serving/cache.py), a page kept by serving/pages.py.

Such an answer is a lookup and a few headers, yet through Flask it cost ~0.25–0.3 ms of CPU (a request context,
URL matching, the before-request hooks — Dash's set-up check, the static files' prefix test —, Dash's view, the
after-request hooks, flask-compress' checks): more than the lookup itself. Here a WSGI middleware in front of
Flask's app finds the same answer with the same functions (`requests.parse_body` and `check_shape`, the stores'
own `lookup`/`get`/`response`) and adds what Flask's after-request hooks would add (serving/security.py's
headers, flask-compress' Vary); it answers only when it can be sure to answer exactly as the full path:

- `POST /_dash-update-component` with a JSON body of a stated length within MAX_CONTENT_LENGTH that passes the
  same checks; anything else (not JSON, too large, malformed: the 400s) goes on to Flask with its body intact;
- `GET` of a page whose key (host, path as sent, query) is stored, without the bench's reference header;
- only when the answer is sent compressed (br or gzip): a client taking neither gets Flask's answer, which
  flask-compress may still encode in a third way (deflate, zstd).

Everything else, and any exception here, goes through Flask as before. tests/test_fast_path.py sends the same
requests (callbacks precomputed, cached and not, pages, 304s, every encoding, bad bodies) both ways and compares
status, headers and body. `CAMR_FAST_PATH=0` turns it off.
"""
from __future__ import annotations

import io
import logging
import os

from werkzeug.http import parse_options_header
from werkzeug.wrappers import Request

from serving import shared_cache
from serving import requests as checked
from serving.bake.follow import follow_outputs
from serving.compression import Encoded, negotiate
from serving.first_page import BENCH_REFERENCE_HEADER
from serving.precompute import ENVIRON_KEY, UPDATE_PATH, Answer
from serving.security import is_embed

log = logging.getLogger(__name__)

ENV = "CAMR_FAST_PATH"
DIRECT_ENV = "CAMR_DIRECT_DISPATCH"
COMPRESSED = ("br", "gzip")
JSON = "application/json"  # the mimetype of Dash's answers


def enabled(name: str = ENV) -> bool:
    return os.environ.get(name, "1").strip().lower() not in ("0", "off", "false", "no")


def _is_json(content_type: str) -> bool:
    """Flask's `request.is_json`: application/json or application/*+json."""
    mimetype = parse_options_header(content_type)[0].lower()
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


class FastPath:
    """WSGI middleware: `wsgi_app` (Flask's) answers whatever this does not."""

    def __init__(self, app, wsgi_app, *, response_cache, precomputed, pages=None, direct=None):
        self.app = app
        self.direct = direct  # serving/dispatch.Direct: first-time answers without Flask and Dash (None: Flask's)
        self.server = app.server
        self.wsgi_app = wsgi_app
        self.response_cache = response_cache
        self.precomputed = precomputed
        self.pages = pages
        self._miss_headers: dict[str, tuple] = {}  # encoding → a computed answer's (status, headers, Content-Length's place)
        self._stored_headers: dict[tuple, tuple] = {}  # a stored answer's kind → its brotli headers, the same way
        # the visitors' selections for the baker, which bakes what is one click from them next (serving/bake/)
        self.hints = shared_cache.Hints(lambda: follow_outputs(app))
        self.answered = 0  # requests answered here (tests, curiosity)

    def __call__(self, environ, start_response):
        response = None
        try:
            response = self.answer(environ)
        except Exception:  # noqa: BLE001 — never a failure of its own: Flask answers as it always did
            log.debug("fast path declined after an error", exc_info=True)
            response = None
        if response is None:
            return self.wsgi_app(environ, start_response)
        self.answered += 1
        return response(environ, start_response)

    # -- which requests ------------------------------------------------------------------------------------------
    def answer(self, environ):
        if not self.app._got_first_request.get("setup_server"):  # noqa: SLF001 — Dash's set-up runs in Flask first
            return None
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", "")
        if method == "POST" and path == UPDATE_PATH:
            return self.callback(environ)
        if method == "GET" and self.pages is not None:
            return self.page(environ)
        return None

    def _request(self, environ) -> Request:
        req = Request(environ)
        req.trusted_hosts = self.server.config.get("TRUSTED_HOSTS")
        return req

    def callback(self, environ):
        if ENVIRON_KEY in environ or not _is_json(environ.get("CONTENT_TYPE", "")):
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None
        limit = self.server.config.get("MAX_CONTENT_LENGTH")
        if length <= 0 or (limit is not None and length > limit):
            return None
        raw = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(raw)  # Flask reads the same bytes if it answers instead
        if len(raw) != length:
            return None
        try:
            body = checked.parse_body(raw)
            checked.check_shape(body, self.app.callback_map)
        except checked.BadCallbackRequest:
            return None  # Flask's 400
        self.hints.note(body, raw)  # a few µs, and only with a baker to tell
        req = self._request(environ)
        answer = self.precomputed.find(body) if self.precomputed is not None else None
        if answer is not None:
            return self._stored(answer, req, lambda: answer.response(req.accept_encodings))
        key = self.response_cache.key(body)
        entry = self.response_cache.entry(key)
        if entry is not None:
            return self._stored(entry, req, lambda: self.response_cache.response_of(entry, req))
        return self.computed(body, key, req)

    def _stored(self, entry, req: Request, respond):
        """A stored callback answer (precomputed or cached `entry`) as sent: the status, headers and body of its
        first response in an encoding are kept on the entry (`sent`) and sent again as they are — the same bytes,
        without building the response, its headers and Flask's after-request ones each time (they depend on the
        entry and the encoding alone: a POST, not an embed, no conditional request)."""
        encoding = negotiate(req.accept_encodings)
        sent = getattr(entry, "sent", None)
        kept = sent.get(encoding) if sent is not None else None
        if kept is None:
            kept = self._templated(entry) if encoding == "br" and sent is not None else None
            if kept is None:
                response = self._finished(respond(), req)
                if response is None or sent is None or encoding not in COMPRESSED:
                    return response
                headers = response.get_wsgi_headers(req.environ)
                # tuples of strings: the garbage collector stops tracking them (a worker's full collections walk less)
                kept = (response.status, tuple(headers.to_wsgi_list()), response.get_data())
                if encoding == "br":
                    self._keep_template(entry, kept)
            sent[encoding] = kept
        return _Sent(*kept)

    # A stored answer sent for the first time in this worker (precomputed at start-up; in the response cache: one
    # another worker or the baker made, read from the shared store, or one computed here) gets the headers of the
    # first brotli answer of its kind (its class, mimetype, X-Cache): they differ only in Content-Length. Building the response and running the
    # after-request headers for it was ~0.1 of a baked answer's ~0.16 ms of CPU in process.
    @staticmethod
    def _template_key(entry) -> tuple | None:
        if isinstance(entry, Answer):  # built at start-up: X-Cache precomputed
            return Answer, entry.mimetype
        if not isinstance(entry, Encoded) or entry.br is None:
            return None  # one sent uncompressed: built as it always was
        return Encoded, entry.mimetype, entry.baked  # X-Cache baked or hit

    def _templated(self, entry) -> tuple | None:
        key = self._template_key(entry)
        template = self._stored_headers.get(key) if key is not None else None
        if template is None:
            return None
        status, headers, at = template
        headers = list(headers)
        headers[at] = ("Content-Length", str(len(entry.br)))
        return status, tuple(headers), entry.br

    def _keep_template(self, entry, kept: tuple) -> None:
        key = self._template_key(entry)
        status, headers, body = kept
        at = [place for place, (name, _) in enumerate(headers) if name.lower() == "content-length"]
        if (key is None or key in self._stored_headers or body != entry.br or len(at) != 1
                or headers[at[0]][1] != str(len(entry.br)) or not status.startswith("200")
                or any(name.lower() == "etag" for name, _ in headers)):
            return
        self._stored_headers[key] = (status, headers, at[0])

    def computed(self, body: dict, key: str, req: Request):
        """A first-time answer from serving/dispatch.py (the same bytes as Dash's), stored and sent as Flask's path
        stores and sends it; None when that declines or the client takes neither stored encoding (Flask answers).

        What a first-time answer pays that a stored one does not is kept small: its file for the other workers
        (serving/shared_cache.py, a write and a rename) is written after the answer is sent (when the server closes
        the response), and a brotli answer's headers are those of the first one sent from here (`_miss_headers`:
        they differ only in Content-Length), not a response built and finished each time."""
        encoding = negotiate(req.accept_encodings)
        if self.direct is None or encoding not in COMPRESSED:
            return None
        data = self.direct.answer(body)
        if data is None:
            return None
        cache = self.response_cache
        entry = cache.store(key, data, JSON, share=False)
        template = self._miss_headers.get(encoding)
        if template is not None and entry.br is not None:
            status, headers, at = template
            headers = list(headers)
            headers[at] = ("Content-Length", str(len(entry.br)))
            return _Sent(status, headers, entry.br, lambda: cache.share(key, entry))
        response = entry.response(req=req)
        response.headers["X-Cache"] = "miss"
        response = self._finished(response, req)
        if response is None:
            cache.share(key, entry)
            return None
        if encoding == "br" and response.headers.get("Content-Encoding") == "br":
            listed = list(response.get_wsgi_headers(req.environ).to_wsgi_list())
            at = [place for place, (name, _) in enumerate(listed) if name.lower() == "content-length"]
            if len(at) == 1 and listed[at[0]][1] == str(len(entry.br)) and response.status_code == 200:
                self._miss_headers[encoding] = (response.status, tuple(listed), at[0])
        response.call_on_close(lambda: cache.share(key, entry))
        return response

    def page(self, environ):
        req = self._request(environ)
        if BENCH_REFERENCE_HEADER in req.headers:
            return None
        from serving.pages import CACHE_CONTROL, request_key

        entry = self.pages.entries.get(request_key(req))
        if entry is None:
            return None
        sent = entry.response(etag=True, req=req)
        sent.headers["Cache-Control"] = CACHE_CONTROL
        sent.headers["X-Cache"] = "hit"
        return self._finished(sent, req)

    # -- what Flask's after-request hooks add ---------------------------------------------------------------------
    def _finished(self, response, req: Request):
        """`response` with the headers the after-request hooks would add; None when it is not one to send from here
        (no answer, or one flask-compress could still change)."""
        if response is None or response.headers.get("Content-Encoding") not in COMPRESSED:
            return None
        policies = self.server.extensions.get("camr_security")
        if policies is None:
            return None
        for name, value in policies.headers(is_embed(req.path)).items():  # serving/security.py
            response.headers.setdefault(name, value)
        if "frame-ancestors" not in response.headers.get("Content-Security-Policy", ""):
            return None  # embed/__init__.py's framing rule would add one: leave it to Flask
        vary = response.headers.get("Vary")  # flask-compress, which then leaves an encoded body alone
        if not vary:
            response.headers["Vary"] = "Accept-Encoding"
        elif "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding"
        return response


class _Sent:
    """A WSGI response of bytes kept: status, headers (copied per response: a server may add to them) and body;
    `then`: called once the server has sent it (when it closes the response), or None."""

    __slots__ = ("status", "headers", "body", "then")

    def __init__(self, status: str, headers, body: bytes, then=None):
        self.status, self.headers, self.body, self.then = status, headers, body, then

    def __call__(self, environ, start_response):
        start_response(self.status, list(self.headers))
        return [self.body] if self.then is None else _Then(self.body, self.then)


class _Then:
    """One body, then `then()` when the server closes the response (PEP 3333: it always does)."""

    __slots__ = ("body", "then")

    def __init__(self, body: bytes, then):
        self.body, self.then = body, then

    def __iter__(self):
        yield self.body

    def close(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            then()


def install(app, *, response_cache, precomputed, pages=None) -> FastPath | None:
    """Put the fast path in front of Flask's WSGI app (before ProxyFix wraps it, so it sees the public host as
    Flask does). CAMR_FAST_PATH=0: not installed."""
    if not enabled():
        return None
    server = app.server
    direct = None
    if enabled(DIRECT_ENV):
        from serving import dispatch
        from serving.fast_json.answer import to_json_bytes

        direct = dispatch.Direct(app, to_json_bytes)
    fast = FastPath(app, server.wsgi_app, response_cache=response_cache, precomputed=precomputed, pages=pages,
                    direct=direct)
    server.wsgi_app = fast
    server.extensions["camr_fast_path"] = fast
    return fast
