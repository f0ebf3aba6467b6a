"""Behind a reverse proxy (serving/proxy.py): with CAMR_PROXY_HOPS=1 the absolute URLs the server writes (og:image)
name the public host and scheme from X-Forwarded-Host/-Proto; without it those headers are ignored (a client cannot
forge them when the app is reached directly)."""
from __future__ import annotations

import pytest

from serving import proxy

PUBLIC = {"X-Forwarded-Host": "migration.example.org", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


@pytest.fixture
def server():
    from app import server

    original = server.wsgi_app
    yield server
    server.wsgi_app = original  # the module's app is shared by other tests


def og_image(client, **headers) -> str:
    html = client.get("/remittances?measure=usd&lang=ru", headers=headers).get_data(as_text=True)
    start = html.index('property="og:image" content="') + len('property="og:image" content="')
    return html[start:html.index('"', start)]


def test_without_the_setting_forwarded_headers_are_not_trusted(server):
    assert proxy.install(server, {}) is False
    assert og_image(server.test_client(), **PUBLIC).startswith("http://localhost/image/remittances.png?")


def test_one_proxy_hop_gives_the_public_scheme_and_host(server):
    assert proxy.install(server, {proxy.ENV: "1"}) is True
    client = server.test_client()
    url = og_image(client, **PUBLIC)
    assert url.startswith("https://migration.example.org/image/remittances.png?") and "lang=ru" in url
    assert og_image(client, **{**PUBLIC, "X-Forwarded-Port": "8443"}).startswith(
        "https://migration.example.org:8443/image/")
    # A request that did not come through the proxy keeps its own host.
    assert og_image(client).startswith("http://localhost/image/")


def test_only_the_last_hop_is_trusted(server):
    proxy.install(server, {proxy.ENV: "1"})
    forged = {"X-Forwarded-Host": "evil.example, migration.example.org", "X-Forwarded-Proto": "http, https"}
    assert og_image(server.test_client(), **forged).startswith("https://migration.example.org/")


@pytest.mark.parametrize("value", ["yes", "-1", "1.5", "99"])
def test_a_bad_setting_stops_start_up_with_one_sentence(value):
    with pytest.raises(SystemExit) as raised:
        proxy.hops({proxy.ENV: value})
    assert proxy.ENV in str(raised.value) and repr(value) in str(raised.value)


def test_empty_or_zero_means_no_proxy():
    assert proxy.hops({}) == 0 and proxy.hops({proxy.ENV: " "}) == 0 and proxy.hops({proxy.ENV: "0"}) == 0
