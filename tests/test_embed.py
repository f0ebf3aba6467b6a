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


def test_the_dataset_zip_holds_every_curated_table_and_a_readme(client):
    import io
    import zipfile

    from data.query import get_store

    response = client.get("/data/dataset.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = {name.split("/")[-1] for name in archive.namelist()}
    assert {p.name for p in get_store().curated_dir.glob("*.csv")} <= names and "README.txt" in names
    readme = archive.read("central-asia-migration-data/README.txt").decode()
    assert "How to cite" in readme and "CC BY 3.0 IGO" in readme and "Cite as:" in readme


def test_data_urls_carry_their_provenance(client):
    import csv
    import io

    response = client.get("/data/BX.TRF.PWKR.DT.GD.ZS.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows and {"publisher", "vintage", "licence", "source", "default"} <= set(rows[0])
    assert all(row["publisher"] and row["licence"] for row in rows)
    assert client.get("/data/sm.pop.totl.csv").status_code == 200  # ids in any case
    assert client.get("/data/nothing.csv").status_code == 404
    corridors = client.get("/data/corridors.csv").get_data(as_text=True)
    header = corridors.split("\n", 1)[0].split(",")
    assert {"origin", "destination", "measure", "publisher", "vintage", "licence"} <= set(header)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", ["/embed/map", "/embed/corridors"])
def test_a_map_embed_and_its_image_carry_the_un_map_disclaimer_in_its_language(client, path, lang):
    from html import escape

    from embed import images
    from i18n import t

    text = t("common.map_disclaimer", lang)
    assert text and (lang == "en" or text.startswith("Границы"))
    html = client.get(f"{path}?lang={lang}").get_data(as_text=True)
    assert f'<span class="disclaimer">{escape(text)}</span>' in html
    embed = charts.resolve(path[len("/embed"):], f"lang={lang}")
    assert escape(text) in page.parts(embed)["foot"]  # kept when a control redraws the foot
    footer = images.cited_figure(embed, "http://host")["layout"]["annotations"][-1]["text"]
    assert footer.replace("<br>", " ").endswith(text)


def test_embeds_without_a_map_carry_no_map_disclaimer(client):
    from i18n import t

    for path in ("/embed/remittances", "/embed/country/UZB", "/embed/key-figures"):
        assert t("common.map_disclaimer", "en") not in client.get(path).get_data(as_text=True)
