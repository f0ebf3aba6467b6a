"""Static images by URL (/image/<view>.png|svg): drawn by kaleido with Debian's Chromium, cached per canonical
query, a 503 with a sentence when Chromium is missing, and named as each page's og:image."""
from __future__ import annotations

import os
import struct

import pytest

from embed import images

HAVE_CHROMIUM = images.chromium_path() is not None


@pytest.fixture(scope="module")
def client():
    from app import server

    yield server.test_client()
    images.shutdown()  # never leave the warm browser behind


def test_without_chromium_the_image_route_says_so_with_a_503(client, monkeypatch):
    images.shutdown()
    monkeypatch.setenv(images.CHROMIUM_ENV, "/nonexistent/chromium")
    response = client.get("/image/map.png?year=2020")
    assert response.status_code == 503 and response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "Chromium" in text and "/map?" in text and "Traceback" not in text


def test_unknown_views_and_views_without_a_chart_are_404(client):
    assert client.get("/image/nothing.png").status_code == 404
    assert client.get("/image/map.gif").status_code == 404


@pytest.mark.skipif(not HAVE_CHROMIUM, reason="no Chromium: kaleido cannot draw")
def test_png_has_the_preview_size_and_is_cached_per_canonical_query(client):
    first = client.get("/image/map.png?year=2020&indicator=emigrants")
    assert first.status_code == 200 and first.mimetype == "image/png"
    body = first.data
    assert body[:8] == b"\x89PNG\r\n\x1a\n" and len(body) > 20_000
    width, height = struct.unpack(">II", body[16:24])
    assert (width, height) == (images.WIDTH, images.HEIGHT)
    # Parameters in another order, another case, plus junk: the same canonical query, the cached image.
    again = client.get("/image/map.png?INDICATOR=x&indicator=Emigrants&year=2020&utm=1")
    assert again.status_code == 200 and again.data == body


@pytest.mark.skipif(not HAVE_CHROMIUM, reason="no Chromium: kaleido cannot draw")
def test_svg_carries_title_source_and_permalink(client):
    response = client.get("/image/remittances.svg?measure=usd")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert "Personal remittances received" in svg and "Source: World Bank" in svg
    assert "/remittances?lang=en" in svg and "measure=usd" in svg


def test_pages_name_their_image_and_embeds_fall_back_to_it(client):
    html = client.get("/corridors?year=2020").get_data(as_text=True)
    assert 'property="og:image" content="http://localhost/image/corridors.png?' in html
    assert 'twitter:card' in html
    embed = client.get("/embed/corridors?year=2020").get_data(as_text=True)
    assert '<noscript><img class="fallback" src="/image/corridors.png?' in embed
    assert 'og:image' not in client.get("/sources").get_data(as_text=True)


def test_a_page_names_its_image_on_the_host_it_was_asked_from_though_the_preview_is_kept(client):
    # the chart behind the preview is found once per path and query; the address is the request's own
    first = client.get("/corridors?year=2015", base_url="http://dash.example.org").get_data(as_text=True)
    again = client.get("/corridors?year=2015").get_data(as_text=True)
    assert 'content="http://dash.example.org/image/corridors.png?' in first
    assert 'content="http://localhost/image/corridors.png?' in again and "dash.example.org" not in again
    assert first.split('og:title" content="')[1].split('"')[0] == again.split('og:title" content="')[1].split('"')[0]


@pytest.mark.skipif(not HAVE_CHROMIUM, reason="no Chromium: kaleido cannot draw")
def test_the_key_figures_are_a_table_image(client):
    svg = client.get("/image/key-figures.svg").get_data(as_text=True)
    assert "In the strategy" in svg and "Tajikistan" in svg and "more figures" in svg
