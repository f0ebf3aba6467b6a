"""Pages built once per URL (serving/pages.py) and callback answers kept compressed (serving/cache.py): what is sent
from the caches equals what the app builds fresh, in both languages and every encoding, and ETag/304 works."""
from __future__ import annotations

import gzip
import re

import brotli
import pytest

from i18n import LANGUAGES
from serving import cache, pages
from serving.compression import Encoded
from tests.support.callback_requests import router_request

URLS = ("/map", "/remittances", "/corridors", "/country", "/country/KGZ", "/country/DEU", "/key-figures", "/sources",
        "/present", "/map?indicator=emigrants&year=2000&scope=world", "/nowhere", "/_dash-layout",
        "/_dash-dependencies", "/embed/map", "/embed/corridors", "/embed/remittances", "/embed/country/TJK",
        "/embed/map.json")
END_ID = re.compile(rb'"end_id":"[^"]*"')  # Dash's token for background callbacks (the app has none)


@pytest.fixture(scope="module")
def app():
    from app import app

    return app


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def fresh(app, url: str) -> bytes:
    """The page as the route builds it, past the cache (its view as Dash or the app registered it)."""
    from flask import request

    server = app.server
    with server.test_request_context(url, headers={"Accept-Encoding": "identity"}):
        view = server.view_functions[request.url_rule.endpoint].__wrapped__
        server.preprocess_request()
        return server.make_response(view(**request.view_args)).get_data()


def _same(cached: bytes, built: bytes) -> bool:
    return END_ID.sub(b"", cached) == END_ID.sub(b"", built)


def test_the_app_has_no_background_callback_that_a_shared_end_id_could_concern(app):
    assert not any(spec.get("background") or spec.get("long") for spec in app.callback_map.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_from_the_cache_equal_the_pages_built_fresh_in_every_encoding(app, client, lang):
    for url in URLS:
        url = f"{url}{'&' if '?' in url else '?'}lang={lang}" if not url.startswith("/_dash") else url
        first = client.get(url, headers={"Accept-Encoding": "identity"})
        assert first.status_code == 200, url
        br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        gz = client.get(url, headers={"Accept-Encoding": "gzip"})
        plain = client.get(url, headers={"Accept-Encoding": "identity"})
        assert br.headers["X-Cache"] == gz.headers["X-Cache"] == plain.headers["X-Cache"] == "hit", url
        assert br.headers["Content-Encoding"] == "br" and gz.headers["Content-Encoding"] == "gzip"
        assert brotli.decompress(br.data) == gzip.decompress(gz.data) == plain.data == first.data, url
        assert _same(plain.data, fresh(app, url)), url
        assert br.headers["Vary"] == "Accept-Encoding" and br.headers["Cache-Control"] == "no-cache"
        # the headers every response gets still come (security, framing)
        assert "Content-Security-Policy" in br.headers and br.headers["X-Content-Type-Options"] == "nosniff"
        assert br.mimetype == first.mimetype


def test_an_etag_per_encoding_and_a_304_when_the_client_has_the_page(client):
    url = "/remittances?lang=ru"
    br = client.get(url, headers={"Accept-Encoding": "br"})
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert br.headers["ETag"] != gz.headers["ETag"] and br.headers["ETag"].endswith('-br"')
    again = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": br.headers["ETag"]})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == br.headers["ETag"]
    assert "Content-Security-Policy" in again.headers
    stale = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": '"something-else-br"'})
    assert stale.status_code == 200 and stale.data == br.data
    other = client.get("/remittances?lang=en", headers={"Accept-Encoding": "br"})
    assert other.headers["ETag"] != br.headers["ETag"]


def test_what_the_cache_does_not_keep(client, monkeypatch):
    missing = client.get("/embed/nowhere?lang=ru")
    assert missing.status_code == 404 and "X-Cache" not in missing.headers
    assert client.get("/embed/nowhere?lang=ru").status_code == 404
    # a bench's reference request is built per request, never kept or answered from here
    assert "X-Cache" not in client.get("/map?lang=en", headers={"X-Bench-Reference": "router"}).headers


def test_the_path_as_sent_and_the_host_are_part_of_the_key(app):
    server = app.server
    keys = set()
    for url, base in (("/country/KGZ?lang=ru", "http://a.example/"), ("/country/KGZ?lang=en", "http://a.example/"),
                      ("/country/KGZ?lang=ru", "http://b.example/"), ("/country/%4BGZ?lang=ru", "http://a.example/")):
        environ = {"RAW_URI": url, "REQUEST_URI": url}
        with server.test_request_context(url, base_url=base, environ_overrides=environ):
            keys.add(pages.request_key())
    assert len(keys) == 4


def test_the_caches_are_bounded_by_bytes_least_recently_used_out():
    store = cache.BoundedCache(max_bytes=3 * (1000 + 400))
    entries = {name: Encoded("application/json", bytes(1000), 1000, name) for name in "abcd"}
    for name in "abc":
        store.set(name, entries[name])
    assert store.get("a") is entries["a"]  # a used: b is now the oldest
    store.set("d", entries["d"])
    assert store.get("b") is None and all(store.get(name) for name in "acd")
    assert store.bytes == 3 * 1400 and len(store) == 3
    store.set("huge", Encoded("application/json", bytes(10_000), 10_000, "huge"))  # larger than the whole cache
    assert store.get("huge") is None and len(store) == 3
    expiring = cache.BoundedCache(max_bytes=10_000, ttl=1)
    expiring.set("a", entries["a"])
    expiring._entries["a"] = (expiring._entries["a"][0] - 2, entries["a"])  # stored 2 s ago
    assert expiring.get("a") is None and expiring.bytes == 0


def test_the_cache_sizes_come_from_the_environment(monkeypatch):
    monkeypatch.setenv(cache.SIZE_ENV, "8")
    assert cache.cache_config()["CACHE_MAX_BYTES"] == 8 * 2**20
    for bad in ("-1", "lots", "0"):
        monkeypatch.setenv(cache.SIZE_ENV, bad)
        assert cache.cache_megabytes() == cache.DEFAULT_MB
    monkeypatch.setenv(pages.SIZE_ENV, "0")
    assert pages.megabytes() == 0  # off: pages built per request, as before
    monkeypatch.setenv(pages.SIZE_ENV, "x")
    assert pages.megabytes() == pages.DEFAULT_MB


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_cached_callback_answer_equals_the_computed_one_in_every_encoding(client, lang):
    body = router_request("/corridors", f"?year=2005&sex=male&lang={lang}")
    computed = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"})
    assert computed.headers["X-Cache"] == "miss"
    br = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip, br"})
    gz = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    plain = client.post("/_dash-update-component", json=body)
    assert br.headers["X-Cache"] == gz.headers["X-Cache"] == plain.headers["X-Cache"] == "hit"
    assert br.headers["Content-Encoding"] == "br" and gz.headers["Content-Encoding"] == "gzip"
    assert brotli.decompress(br.data) == gzip.decompress(gz.data) == plain.data == computed.data
    assert br.mimetype == "application/json" and "Content-Security-Policy" in br.headers


_DIGESTS = """
import hashlib, json
from app import app
from tests.support.callback_requests import router_request
client = app.server.test_client()
out = {}
for url in ("/map?lang=en", "/country/TJK?lang=ru", "/present?slide=1&lang=ru", "/_dash-layout", "/embed/map?lang=en"):
    response = client.get(url, headers={"Accept-Encoding": "identity"})
    out[url] = [response.status_code, response.headers.get("ETag"), hashlib.sha256(response.get_data()).hexdigest()]
for path, search in (("/map", "?lang=en"), ("/country/TJK", "?lang=ru"), ("/present", "?lang=ru")):
    response = client.post("/_dash-update-component", json=router_request(path, search),
                           headers={"Accept-Encoding": "identity"})
    out[path + search] = [response.status_code, hashlib.sha256(response.get_data()).hexdigest()]
print(json.dumps(out))
"""


def test_pages_their_etags_and_answers_are_the_same_bytes_in_every_process():
    """Another worker, a restart or another instance sends the same page with the same ETag (a browser's copy stays
    current: a 304, not the page again). Dash's data-* and aria-* props came in the order of the process's string
    hashes, and every page held a fresh random token for background callbacks (the app has none): two processes
    with different PYTHONHASHSEED differed on every page and router answer."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    found = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "CAMR_PRECOMPUTE": "0", "PYTHONPATH": str(root)}
        run = subprocess.run([sys.executable, "-c", _DIGESTS], cwd=root, env=env, capture_output=True, text=True,
                             timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        found.append(json.loads(run.stdout.strip().splitlines()[-1]))
    assert all(entry[0] == 200 for entry in found[0].values()), found[0]
    assert found[0] == found[1]
