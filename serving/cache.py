"""The callback response cache, through flask-caching: in each process's memory by default, in Redis when
REDIS_URL is set, so that every worker of every instance serves a selection that any of them has computed.

What is cached is the whole serialised response of a callback request, keyed by what determines it (output,
inputs, state, which input changed), by the hash of the data build the process serves (the curated directory's
manifest.json, also under $CAMR_CURATED_DIR) and by a digest of the translations and code that build it: instances
with other data or another release never share entries, and a refreshed build never gets the old build's answers.
Entries expire after CAMR_CACHE_TTL seconds (default one day; 0 = never), so a shared Redis does not keep answers
that no running instance can ask for any more. Answers built at start-up (serving/precompute.py) are
kept apart, in each process, and looked up first.

Entries are stored as the bytes to send, brotli-compressed once (serving/compression.Encoded, at the cheap quality of
an answer the user waits for): a hit is a lookup and a write, never a compression. In-process, the entries of a worker are bounded by their bytes (CAMR_CACHE_MB, default
32 MB, least recently used first out), not by their number: an answer weighs 2 kB to 60 kB compressed, and 2,000 of
the largest had grown a worker by ~200 MB in the load benchmark.

Under gunicorn without Redis, the workers of one master share the answers they compute through files on tmpfs
(serving/shared_cache.py), behind each worker's own cache.

Redis is an optimisation, never a dependency: when it cannot be reached the app serves uncached, tries again after
a few seconds, and says so once in the log."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from flask import Response

from flask_caching import Cache

from serving import shared_cache
from serving.compression import COMPUTED_BR_QUALITY, Encoded
from serving.settings import megabytes_from_env, whole_number_from_env

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
# What a callback's response depends on besides its request and the data build: translations, geometry, the code.
VERSIONED = ("i18n", "geo", "layouts", "figures", "callbacks", "state.py", "requirements.txt")
KEY_FIELDS = ("output", "outputs", "inputs", "state", "changedPropIds")
RETRY_AFTER_S = 5.0
SIZE_ENV = "CAMR_CACHE_MB"
DEFAULT_MB = 32.0
TTL_ENV = "CAMR_CACHE_TTL"
DEFAULT_TTL_S = 24 * 3600


def content_version(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for name in VERSIONED:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and not {"__pycache__", "raw"} & set(p.parts)) \
            if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".pyc" or not file.exists():
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def data_build(directory: Path | str | None = None) -> str:
    """The identity of the data build served: a digest of its manifest (the SHA-256 of every curated table)."""
    if directory is None:
        from data.query import curated_dir

        directory = curated_dir()
    manifest = Path(directory) / "manifest.json"
    return hashlib.sha256(manifest.read_bytes()).hexdigest()[:16] if manifest.exists() else "no-manifest"


def cache_ttl() -> int:
    """Seconds an entry lives ($CAMR_CACHE_TTL, whole seconds ≥ 0; 0 = no expiry). A bad value is named in the log
    and the default kept: a cache setting never stops the app."""
    return whole_number_from_env(TTL_ENV, DEFAULT_TTL_S, "seconds")


def request_key(body: dict, version: str) -> str:
    """What determines a callback's answer, canonical: the same selection from any browser is one entry (fields
    such as the per-page-load token Dash sends are left out)."""
    fields = {field: body.get(field) for field in KEY_FIELDS}
    for field in ("inputs", "state"):
        fields[field] = _with_values(fields[field])
    request = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return f"cb:{version}:{hashlib.sha256(request.encode()).hexdigest()}"


Selector = Callable[[dict, dict, list], object]


def props_of(items) -> dict:
    """Inputs or state of a request as {"id.prop": value}; a missing value is None, as Dash passes it."""
    out = {}
    for item in items or ():
        if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("property"), str):
            out[f"{item['id']}.{item['property']}"] = item.get("value")
    return out


def selection_of(selectors: dict[str, Selector], body: dict) -> tuple[object] | None:
    """(selection,) when the request's callback has a selector (callbacks' PRECOMPUTE_SELECTORS: what its answer
    depends on; the selection None when this request's answer depends on more), None when it has none."""
    selector = selectors.get(body.get("output"))
    if selector is None:
        return None
    try:
        changed = [item for item in body.get("changedPropIds") or () if isinstance(item, str)]
        return (selector(props_of(body.get("inputs")), props_of(body.get("state")), changed),)
    except Exception:  # noqa: BLE001 — an odd request is simply not one to look up by its selection
        return (None,)


def selection_key(body: dict, selection, version: str) -> str:
    """The response cache's key of an answer looked up by its selection: every request with that selection (from
    any earlier page state) is one entry."""
    named = f"{body.get('output')}:{selection!r}"
    return f"cb:{version}:sel:{hashlib.sha256(named.encode()).hexdigest()}"


def _with_values(items):
    """Inputs or state with every value present: the renderer leaves out a property the page never set, which Dash
    passes to the callback as None, the same as null."""
    if not isinstance(items, list):
        return items
    return [{**item, "value": item.get("value")} if isinstance(item, dict) else _with_values(item) for item in items]


def cache_megabytes() -> float:
    """The in-process response cache's bound in MB ($CAMR_CACHE_MB, > 0)."""
    return megabytes_from_env(SIZE_ENV, DEFAULT_MB)


class BoundedCache:
    """Least recently used entries out once their bytes pass `max_bytes`; entries older than `ttl` s (0: never) are
    not returned. Thread-safe (gthread workers). Values need an `nbytes`."""

    def __init__(self, max_bytes: int, ttl: float = 0):
        self.max_bytes = max_bytes
        self.ttl = ttl
        self.bytes = 0
        self._entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            stored, value = found
            if self.ttl and time.monotonic() - stored > self.ttl:
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return value

    def set(self, key: str, value) -> None:
        size = value.nbytes
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (time.monotonic(), value)
            self.bytes += size
            while self.bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        _, value = self._entries.pop(key)
        self.bytes -= value.nbytes

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def cache_config() -> dict:
    redis_url = os.environ.get("REDIS_URL", "").strip()
    ttl = cache_ttl()
    if redis_url:
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url, "CACHE_DEFAULT_TIMEOUT": ttl,
                "CACHE_KEY_PREFIX": "camr:",
                # a Redis that stops answering costs a request at most a fraction of a second, once
                "CACHE_OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}}
    return {"CACHE_TYPE": "in-process", "CACHE_DEFAULT_TIMEOUT": ttl,
            "CACHE_MAX_BYTES": int(cache_megabytes() * 2**20)}


class ResponseCache:
    def __init__(self, server, *, config: dict | None = None):
        self.config = config or cache_config()
        self.shared = self.config["CACHE_TYPE"] != "in-process"
        if self.shared:
            cache = Cache(server, config=self.config)
            self.backend = server.extensions["cache"][cache]
        else:
            self.backend = BoundedCache(self.config["CACHE_MAX_BYTES"], self.config["CACHE_DEFAULT_TIMEOUT"])
        self.version = f"{data_build()}:{content_version()}"
        self._down_until = 0.0
        self.selectors: dict[str, Selector] = {}  # serving.install: the callbacks' (serving/precompute.selectors)
        self.baking = False  # in the baker's process (serving/bake/): entries written with the baked mark
        self.br_quality = COMPUTED_BR_QUALITY  # higher in the baker: idle time

    def key(self, body: dict) -> str:
        """The request's entry: by its selection when its callback has a selector (callbacks/selections.py), so
        that every path to a selection finds one answer, else by the whole request."""
        found = selection_of(self.selectors, body)
        if found is not None and found[0] is not None:
            return selection_key(body, found[0], self.version)
        return request_key(body, self.version)

    def _files(self):
        """The answers shared by the workers of this gunicorn master (serving/shared_cache.py), when in-process."""
        return None if self.shared else shared_cache.current(self.config["CACHE_DEFAULT_TIMEOUT"])

    def _call(self, method: str, *args):
        if time.monotonic() < self._down_until:
            return None
        try:
            return getattr(self.backend, method)(*args)
        except Exception as error:  # noqa: BLE001 — any backend failure: serve uncached
            if self._down_until == 0.0:
                log.warning("response cache unavailable, serving uncached: %s", error)
            self._down_until = time.monotonic() + RETRY_AFTER_S
            return None

    def entry(self, key: str) -> Encoded | None:
        """The stored answer's entry, or None."""
        entry = self._call("get", key)
        if not isinstance(entry, Encoded):  # nothing, or an entry of an older release in a shared Redis
            files = self._files()
            entry = files.get(key) if files is not None else None
            if entry is None:
                return None
            self._call("set", key, entry)  # computed by another worker: kept here too, as if computed here
        return entry

    @staticmethod
    def response_of(entry: Encoded, req=None) -> Response:
        response = entry.response(req=req)
        response.headers["X-Cache"] = "baked" if getattr(entry, "baked", False) else "hit"
        return response

    def get(self, key: str, req=None) -> Response | None:
        """The stored answer as a response to `req` (default: Flask's current request), or None."""
        entry = self.entry(key)
        return None if entry is None else self.response_of(entry, req)

    def store(self, key: str, body: bytes, mimetype: str, *, share: bool = True) -> Encoded:
        """Keep an answer's bytes (compressed once, here; shared with the other workers); the entry kept. With
        `share=False` the caller shares it later (`share`): the fast path does once the answer is sent."""
        entry = Encoded.of(body, mimetype, quality=self.br_quality, digest=False)  # no ETag: no digest
        entry.baked = self.baking
        self._call("set", key, entry)
        if share:
            self.share(key, entry)
        return entry

    def share(self, key: str, entry: Encoded) -> None:
        """Write a kept answer for the other workers (serving/shared_cache.py), when there are any."""
        files = self._files()
        if files is not None:
            files.set(key, entry)

    def set(self, key: str, response: Response) -> Response:
        """Keep the answer; return the response to send: the stored bytes (compressed once, here) when it was kept."""
        if response.direct_passthrough or response.is_streamed:
            return response
        sent = self.store(key, response.get_data(), response.mimetype).response()
        sent.status_code = response.status_code
        for name, value in response.headers.items():
            if name.lower() not in ("content-type", "content-length", "content-encoding", "vary"):
                sent.headers.setdefault(name, value)
        return sent
