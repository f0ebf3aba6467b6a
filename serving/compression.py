"""Compression of the responses built per request (callback answers, pages, embeds): flask-compress, which Dash
turns on (`compress=True`), at levels chosen for a CPU-bound server.

flask-compress compresses every dynamic response anew, cache hits included, at brotli quality 4 and gzip level 6
by default. Measured on the router's answers (50–260 kB of JSON): brotli 4 took 3–16 ms where the answer itself
came from the cache in ~1 ms, i.e. most of a cache hit's time under load; brotli 1 takes ~0.1–1.5 ms for ~15 %
more bytes (255 kB → 26 kB instead of 22 kB), gzip 1 a third of gzip 6's time for ~25 % more. zstd (what current
Chrome and Firefox are sent first) stays at its fast default. Static files are not concerned: versioned assets
and answers built at start-up are compressed once, at high quality, where they are produced."""
from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field

from flask import Response, request
from werkzeug.http import parse_accept_header

LEVELS = {
    "COMPRESS_BR_LEVEL": 1,
    "COMPRESS_LEVEL": 1,  # gzip
    "COMPRESS_DEFLATE_LEVEL": 1,
}


def install(server) -> None:
    # flask-compress reads these at each response: setting them after Dash created it is enough
    server.config.update(LEVELS)
    # flask-compress 1.25 takes a coding listed with q=0 for an acceptable one (`br;q=0` got brotli, `br;q=0,
    # gzip;q=0` too): its choice, a module function it looks up per response, is replaced by ours
    from flask_compress import flask_compress

    if not callable(getattr(flask_compress, "_choose_algorithm", None)):
        raise RuntimeError("flask-compress changed: serving/compression.py replaces its _choose_algorithm")
    flask_compress._choose_algorithm = _flask_compress_choice  # noqa: SLF001


# --- which encoding a client gets ------------------------------------------------------------------------------------
ENCODINGS = ("br", "gzip")  # what the stored bytes are offered in, in the server's order of preference


def negotiate(accepted, offered=ENCODINGS) -> str:
    """The coding of `offered` the client prefers, or "identity". `accepted`: the request's parsed Accept-Encoding
    (werkzeug's `accept_encodings`) or the header's text.

    RFC 9110 §12.5.3: a coding listed with q=0 is not acceptable; `*` stands for every coding not listed (identity
    included); of the acceptable codings the one with the highest q is preferred (equal q: the order of `offered`,
    then identity). Identity competes only with a q the header states (listed, or by `*`), so `br;q=0.5` alone
    still gets brotli. No header, an empty one or nothing acceptable: identity — also when `*;q=0` or
    `identity;q=0` excludes it, as the RFC's "SHOULD send a response without any content coding" has it (a 406
    would be less interoperable: httpwg/http-core#980)."""
    if accepted is None or isinstance(accepted, str):
        accepted = parse_accept_header(accepted or "")
    listed: dict[str, float] = {}
    for value, quality in accepted:  # werkzeug drops entries with a malformed q; codings are case-insensitive
        listed.setdefault(value.split(";", 1)[0].strip().lower(), quality)
    star = listed.pop("*", 0.0)

    def quality_of(coding: str) -> float:
        return listed.get(coding, star)

    best = max(offered, key=quality_of, default=None)  # max keeps the first of equals: the server's order
    if best is None or quality_of(best) <= 0 or quality_of("identity") > quality_of(best):
        return "identity"
    return best


def _flask_compress_choice(algorithms, accept_encoding: str):
    """flask-compress' `_choose_algorithm(algorithms, header)`: a coding of `algorithms`, None for identity."""
    chosen = negotiate(accept_encoding, tuple(algorithms))
    return None if chosen == "identity" else chosen


# --- bytes compressed once, served many times ----------------------------------------------------------------------
# Answers kept by the response cache (serving/cache.py), pages kept by serving/pages.py and static files
# (serving/static.py) are compressed when they are stored and sent as those bytes to every later client: no
# compression per response. Browsers take brotli; a client taking only gzip gets the gzip made on its first request
# (kept beside), one taking neither the bytes decompressed (static files too: their plain and gzip copies, 6.6 and
# 2 MB kept in the master, counted in every worker's RSS).
# Pages are stored once per URL, mostly before the workers fork (serving/warmup.py): brotli quality 3 (within ~5 %
# of quality 4's size). A callback answer is compressed in the request that computed it, which the user waits for,
# and half of the load bench's callbacks are computed: quality 1. Measured on six router answers (53–278 kB of
# JSON): quality 1 0.28 ms per answer, 2 0.57, 3 0.71, 4 1.19; 116 kB in all at 1, 103 kB at 3.
# Measured again on 2026-11-30 (brotli 1.2.1, the 741 answers built at start-up by size, load ~7): quality 2 is
# 2–5× quality 1's time from 4 kB up for 5–8 % fewer bytes (11.7 kB: 220 against 43 µs); quality 0 ~10–30 % faster
# for 4–15 % more bytes; a smaller window (lgwin 16 instead of 22) the same time below 64 kB and more bytes above.
# Inside a first-time map answer's request (20 kB of JSON, 600 answers, the settings alternating): quality 1 94 µs
# at window 22, 94 at 16, 96 at 18; quality 0 90 µs (+5 % bytes); quality 2 188 µs. Quality 1, window 22, stays.
STORED_BR_QUALITY = 3
COMPUTED_BR_QUALITY = 1
STORED_GZIP_LEVEL = 6


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:20]


@dataclass
class Encoded:
    """One response body stored as it is sent: brotli-compressed (`br`; None: a body sent as it is, too small or
    not worth compressing, then in `raw`), gzip beside it once made (on the first gzip-only request), the plain bytes
    in `raw` where they are kept (else decompressed per plain request). `digest` names the uncompressed bytes (the
    ETag); None until an ETag asks for it (`tag()`): a callback answer is never sent with one, and its SHA-256 took
    ~20 µs of a first-time map answer's ~0.5 ms of CPU."""

    mimetype: str
    br: bytes | None
    size: int  # uncompressed bytes
    digest: str | None
    gzip: bytes | None = None
    raw: bytes | None = None
    gzip_level: int = STORED_GZIP_LEVEL  # of the gzip made on the first gzip-only request (static files: 9)
    baked: bool = False  # built in idle time by serving/bake/, before anyone asked for it
    # per encoding, a callback answer's response as the fast path sent it (serving/fast_path.FastPath._stored:
    # ~1.5 kB of headers each, not counted in nbytes, which must not change while the entry is kept)
    sent: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, body: bytes, mimetype: str, *, quality: int = STORED_BR_QUALITY, digest: bool = True) -> "Encoded":
        """`body` compressed; its digest now, or (`digest=False`: what is not sent with an ETag, callback answers)
        when `tag()` first asks for it."""
        import brotli

        return cls(mimetype, brotli.compress(body, quality=quality), len(body), _digest(body) if digest else None)

    def tag(self) -> str:
        """The digest of the uncompressed bytes (what the ETag names), computed once when the entry was made
        without it."""
        if self.digest is None:
            self.digest = _digest(self.body())  # a race computes it twice, the same text
        return self.digest

    @property
    def nbytes(self) -> int:
        """What the entry holds in memory, roughly (its bytes and the objects around them)."""
        return len(self.br or b"") + len(self.gzip or b"") + len(self.raw or b"") + 400

    def body(self) -> bytes:
        if self.raw is not None:
            return self.raw
        import brotli

        return brotli.decompress(self.br)

    def response(self, *, etag: bool = False, req=None) -> Response:
        """The stored bytes in the request's best encoding (Vary: Accept-Encoding); with `etag`, an ETag per
        encoding and a 304 when the client's copy is current (If-None-Match). `req`: the request (default: Flask's
        current one; serving/fast_path.py passes a plain werkzeug request)."""
        req = request if req is None else req
        encoding = negotiate(req.accept_encodings) if self.br is not None else "identity"
        if encoding == "br":
            data = self.br
        elif encoding == "gzip":
            if self.gzip is None:  # a race here only compresses twice: both results are the same bytes
                self.gzip = gzip.compress(self.body(), compresslevel=self.gzip_level, mtime=0)
            data = self.gzip
        else:
            data = self.body()
        response = Response(data, mimetype=self.mimetype)
        if encoding != "identity":
            response.headers["Content-Encoding"] = encoding  # flask-compress leaves an encoded body alone
        response.headers["Vary"] = "Accept-Encoding"
        if etag:
            response.set_etag(f"{self.tag()}-{encoding}")
            return response.make_conditional(req)
        return response
