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


# --- which plotly.js bundle an embed loads (embed/page.py PLOTLY_BUNDLES) -----------------------------------------
def _every_state_of(view_path: str) -> list[str]:
    """The embed's default state, then each value of each control the reader may be given, one at a time."""
    every = charts.resolve(view_path, "controls=" + ",".join(charts.CONTROLS[charts.resolve(view_path, "").view]))
    queries = [""]
    for control in charts.control_widgets(every):
        queries += [f"{control.param}={value}" for value, _ in control.options]
    return queries


@pytest.mark.parametrize(("view_path", "bundle"), [("/map", "geo"), ("/corridors", "geo"),
                                                   ("/remittances", "cartesian"), ("/country/UZB", "cartesian"),
                                                   ("/country/KAZ", "cartesian")])
def test_every_state_of_an_embed_loads_the_small_bundle_with_its_trace_types(view_path, bundle):
    """Each embed loads its own bundle (not the app's whole one) in every state a control can put it in — so a
    control never needs another bundle (which would reload the page) — and that bundle has every trace type of
    the figure (a missing one would draw nothing, silently)."""
    extra = ["scope=world", "scope=world&focus=UZB", "indicator=emigrants&scope=world"] if view_path == "/map" else []
    for query in _every_state_of(view_path) + extra:
        embed = charts.resolve(view_path, query)
        if embed.chart.figure is None:  # e.g. a country without that series: a message, no script
            assert page.plotly_bundle(embed) is None
            continue
        assert page.plotly_bundle(embed) == bundle, (view_path, query, page.trace_types(embed.chart.figure))
        assert page.trace_types(embed.chart.figure) <= page.PLOTLY_BUNDLES[bundle]
        assert page.parts(embed)["plotly"] == bundle


def test_a_figure_no_small_bundle_can_draw_gets_the_apps_bundle():
    embed = charts.resolve("/remittances", "")
    embed.chart.figure = {**embed.chart.figure, "data": [*embed.chart.figure["data"], {"type": "sankey"}]}
    assert page.plotly_bundle(embed) == "full"
    embed.chart.figure = {"data": [{"y": [1]}], "layout": {}}  # no type: plotly.js draws a scatter
    assert page.plotly_bundle(embed) == "cartesian"
    assert page.plotly_bundle(charts.resolve("/key-figures", "")) is None


@pytest.mark.parametrize(("path", "bundle"), [("/embed/map", "geo"), ("/embed/corridors?lang=ru", "geo"),
                                              ("/embed/remittances", "cartesian"), ("/embed/country/UZB", "cartesian")])
def test_the_page_names_its_bundle_async_before_its_own_script(client, path, bundle):
    from embed import map_script_urls, plotly_url, script_urls

    html = client.get(path).get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    # a map's embed then runs the view's map-labels.js (and the watcher it uses), as the views do
    assert scripts == [plotly_url(bundle), script_urls(bundle)[1], *(map_script_urls() if bundle == "geo" else ())]
    assert f'<script src="{plotly_url(bundle)}" id="embed-plotly" async' in html
    assert plotly_url("full") not in html
    assert client.get(plotly_url(bundle), headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"


def test_the_key_figures_embed_loads_no_plotly_and_marks_its_list_for_element_timing(client):
    html = client.get("/embed/key-figures").get_data(as_text=True)
    assert "/_embed/plotly" not in html and 'elementtiming="embed-list"' in html
