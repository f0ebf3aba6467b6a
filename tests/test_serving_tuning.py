"""Serving tuned for a CPU-bound server: per-request compression at cheap levels (serving/compression.py) that
still decodes to the same answer, and the warm-up the gunicorn master runs before forking (serving/warmup.py:
what it sends; tests/test_gunicorn.py checks it runs and every request of it answers)."""
from __future__ import annotations

import gzip

import brotli
import pytest

from i18n import LANGUAGES
from serving import compression, warmup
from tests.support.callback_requests import router_request


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def test_callback_answers_and_pages_are_compressed_cheaply_and_decode_to_the_same_bytes(client):
    from app import server

    assert all(server.config[name] == level for name, level in compression.LEVELS.items())
    body = router_request("/remittances", "?lang=ru")
    plain = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"}).data
    br = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "br"})
    gz = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    assert br.headers["Content-Encoding"] == "br" and brotli.decompress(br.data) == plain
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.data) == plain
    assert len(br.data) < len(plain) / 5  # cheap, still small: ~26 kB for ~255 kB
    page = client.get("/map?lang=ru", headers={"Accept-Encoding": "br"})
    assert page.headers["Content-Encoding"] == "br" and b'<html lang="ru">' in brotli.decompress(page.data)


def test_the_warm_up_sends_each_view_its_navigation_and_embed_in_every_language():
    sent = warmup.requests()
    for lang in LANGUAGES:
        for view in warmup.VIEWS:
            assert ("GET", f"{view}?lang={lang}", None) in sent
            assert ("POST", warmup.UPDATE_PATH, warmup.router_request(view, f"?lang={lang}")) in sent
        assert ("GET", f"/country/KGZ?lang={lang}", None) in sent
        assert ("GET", f"/country/MDA?lang={lang}", None) in sent  # every target country's profile
        assert ("GET", f"/embed/map?lang={lang}", None) in sent
    # the router request as the renderer sends it: no `state` for a callback without any (the response cache's
    # key tells an absent state from an empty one)
    assert warmup.router_request("/map", "?lang=ru") == {
        key: value for key, value in router_request("/map", "?lang=ru").items() if key != "state"}


def test_the_warm_up_can_be_switched_off(monkeypatch):
    monkeypatch.setenv(warmup.ENV, "0")
    assert not warmup.enabled()
    monkeypatch.delenv(warmup.ENV)
    assert warmup.enabled()


def test_the_warm_up_builds_every_query_index_before_the_workers_fork():
    from data.query import get_store
    from figures.corridors import selection
    from figures.remittances import trend

    warmup.build_indexes()
    store = get_store()
    indicators = list(store.indicators()["indicator"])
    assert {key[0] for key in store._by_year} == {key[0] for key in store._by_code} == set(indicators)
    assert set(store._segment_rows) == set(indicators)
    measures = list(store.indicators("corridors")["indicator"])
    assert selection._index.cache_info().currsize >= len(measures)
    assert trend._alternatives_by_country.cache_info().currsize >= 3
