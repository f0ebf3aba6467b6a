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
    # every ranking year's ranking of every source a reader can choose (layouts/remittances/ranking.build_rankings)
    from figures.remittances.ranking import ranked_year
    from layouts.remittances.params import rank_years, source_choices

    assert ranked_year.cache_info().currsize >= len(rank_years()) * len(source_choices())
    assert ranked_year.cache_info().currsize <= ranked_year.cache_info().maxsize
    # what every country's profile reads (layouts/country/page.build_indexes): every rank year's world ranking, the
    # trend charts' look and the country selector in each language
    from figures.country import rank as country_rank, trends as country_trends
    from i18n import LANGUAGES
    from layouts.country.parts import country_options

    assert country_rank._rankings.cache_info().currsize >= len(country_rank.rank_years(store))
    assert country_trends._trend_look.cache_info().currsize >= len(LANGUAGES)
    assert country_options.cache_info().currsize >= len(LANGUAGES)


@pytest.mark.parametrize("bind, expected", [
    (["127.0.0.1:8050"], "http://127.0.0.1:8050"),
    (["10.0.0.5:80", "127.0.0.1:8050"], "http://10.0.0.5:80"),
    (["[::1]:8050"], "http://[::1]:8050"),
    (["0.0.0.0:8050"], None), (["[::]:8050"], None),  # visitors name the machine, not the wildcard
    (["unix:/run/camr.sock"], None), (["fd://3"], None), ([], None),
])
def test_the_warm_up_names_the_address_a_visitor_s_request_names(bind, expected):
    assert warmup.base_url(bind, environ={}) == expected


def test_behind_a_proxy_the_warm_up_names_no_host(monkeypatch):
    # Flask takes the host from the proxy's X-Forwarded-Host: unknown before the first visitor
    assert warmup.base_url(["127.0.0.1:8050"], environ={"CAMR_PROXY_HOPS": "1"}) is None


def _warm_two_pages(monkeypatch, base):
    from app import server

    pages = server.extensions["camr_pages"]
    pages.entries.clear()
    monkeypatch.setattr(warmup, "build_indexes", lambda: None)
    monkeypatch.setattr(warmup, "requests", lambda: [("GET", "/sources?lang=ru", None), ("GET", "/map", None)])
    assert warmup.warm(server, base)[:2] == (2, 0)
    return server, pages


def test_pages_warmed_under_the_bound_address_are_found_by_a_visitor_s_request(monkeypatch):
    server, pages = _warm_two_pages(monkeypatch, "http://127.0.0.1:8050")
    assert len(pages.entries) == 2
    client = server.test_client()
    for url in ("/sources?lang=ru", "/map"):
        # as a browser's request to gunicorn names it (Host: 127.0.0.1:8050), through Flask and the fast path
        for encoding in ("identity", "br"):
            page = client.get(url, base_url="http://127.0.0.1:8050", headers={"Accept-Encoding": encoding})
            assert page.status_code == 200 and page.headers["X-Cache"] == "hit", (url, encoding)
    assert len(pages.entries) == 2  # nothing built again
    pages.entries.clear()


def test_pages_warmed_under_no_visitor_s_host_are_not_kept(monkeypatch):
    server, pages = _warm_two_pages(monkeypatch, None)
    assert len(pages.entries) == 0 and pages.entries.bytes == 0
