"""Embed routes through Flask's test client: parts, notices, links, framing headers, static scripts."""
from __future__ import annotations

import re

import pytest

from embed import charts, page


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


@pytest.mark.parametrize("path", ["/embed/map", "/embed/remittances", "/embed/corridors", "/embed/country/UZB",
                                  "/embed/key-figures"])
def test_each_embed_is_a_light_page_with_title_chart_and_source(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    assert "dash-renderer" not in html and "bootstrap" not in html.lower() and "navbar" not in html
    assert re.search(r'<h1 id="embed-title">[^<]+</h1>', html)
    assert "Open in the dashboard ↗" in html
    for anchor in re.findall(r"<a [^>]*>", html):
        assert 'target="_blank"' in anchor and 'rel="noopener"' in anchor


def test_other_routes_may_only_be_framed_by_ourselves(client):
    response = client.get("/map")
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]


def test_bad_parameters_fall_back_with_a_notice_and_controls_stay_in_the_url(client):
    parts = client.get("/embed/map.json?year=abc&controls=year,nonsense").get_json()
    assert "2024" in parts["title"] and "abc" in parts["notices"] and "nonsense" in parts["notices"]
    assert "controls=year" in parts["url"] and 'type="range"' in parts["controls"]
    assert parts["figure"]["data"][0]["type"] == "choropleth"
    assert "title" not in parts["figure"]["layout"]  # the page shows it as one line of HTML


def test_open_in_dashboard_keeps_the_state_but_not_the_controls():
    embed = charts.resolve("/remittances", "measure=usd&controls=measure&lang=en")
    assert page.dashboard_url(embed).startswith("/remittances?") and "measure=usd" in page.dashboard_url(embed)
    assert "controls" not in page.dashboard_url(embed) and "controls=measure" in page.embed_url(embed)


def test_unknown_views_and_countries_are_polite(client):
    assert client.get("/embed/nothing").status_code == 404
    response = client.get("/embed/country/XYZ")
    assert response.status_code == 200 and "XYZ" in response.get_data(as_text=True)


def test_scripts_are_served_compressed_and_cached_for_good(client):
    from embed import script_urls

    plotly_src, script_src = script_urls()
    response = client.get(plotly_src, headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br" and "immutable" in response.headers["Cache-Control"]
    assert client.get(script_src).status_code == 200
    host = client.get("/embed.js").get_data(as_text=True)
    assert "embed-size" in host
