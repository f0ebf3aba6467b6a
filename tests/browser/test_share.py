"""Share dialog and chart images: the snippet, pasted into another site's page, shows the same view; the PNG and
SVG carry the title, the source line and the permalink."""
from __future__ import annotations

import re

import pytest

from tests.support.host_page import HostServer


@pytest.fixture(scope="module")
def host():
    with HostServer() as server:
        yield server


def wait_for_frame(page, part: str):
    """A lazy iframe starts loading after the host page's load event: wait for it."""
    for _ in range(100):
        found = [f for f in page.frames if part in f.url]
        if found:
            return found[0]
        page.wait_for_timeout(100)
    raise AssertionError(f"no iframe from {part}: {[f.url for f in page.frames]}")


def open_share(page):
    page.click("#share-open")
    page.wait_for_selector("#share-modal", state="visible")
    page.wait_for_function("() => document.getElementById('share-snippet').value.length > 0")


def test_the_share_snippet_pasted_into_another_site_shows_the_same_view(open_app, page, host, live_server):
    page = open_app("/remittances?measure=usd&countries=KGZ,TJK")
    title = page.locator("#remittances-trend-graph .gtitle").text_content()
    open_share(page)
    snippet = page.input_value("#share-snippet")
    assert re.search(r'title="[^"]+"', snippet) and 'loading="lazy"' in snippet and 'width="100%"' in snippet
    assert 'lang="en"' in snippet and "/embed/remittances?" in snippet
    script = page.input_value("#share-script")
    assert script == f'<script src="{live_server}/embed.js" async></script>'
    assert page.input_value("#share-link").startswith(live_server + "/remittances?")
    page.wait_for_function("() => document.getElementById('share-preview').src.includes('/embed/remittances')")
    page.click("#share-copy-snippet")
    page.wait_for_function("() => document.getElementById('share-copy-snippet').textContent === 'Copied'")

    page.goto(host.add("/pasted.html", f"<!DOCTYPE html><html><body><main style='width:700px'>{snippet}{script}"
                                       "</main></body></html>"))
    frame = wait_for_frame(page, "/embed/remittances")
    frame.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
    assert frame.locator("h1").inner_text() == title
    assert frame.evaluate("document.documentElement.lang") == "en"
    query = frame.evaluate("location.search")
    assert "measure=usd" in query and "countries=KGZ,TJK" in query
    names = frame.evaluate("Array.from(document.getElementById('embed-chart')._fullData, t => t.name)")
    assert any("Tajikistan" in str(name) for name in names)
    page.wait_for_function("() => document.querySelector('iframe').getBoundingClientRect().height !== 520",
                           timeout=10_000)  # embed.js gave it its natural height


def svg_text(path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).replace("&amp;", "&")


@pytest.mark.parametrize("view,graph,css,source", [
    ("/map?year=2020", "map-graph", "#map-graph", "United Nations, DESA"),
    ("/remittances", "remittances-trend-graph", "#remittances-trend-graph", "World Bank"),
    ("/corridors?corridor=TJK-RUS", "corridor-card-cost", ".corridor-card-cost", "World Bank"),
])
def test_svg_and_png_images_carry_title_source_and_link(open_app, page, view, graph, css, source, tmp_path):
    page = open_app(view)
    title = page.locator(f"{css} .gtitle").first.text_content()
    with page.expect_download() as download:
        page.click(f"[data-export-graph='{graph}'][data-format='svg']")
    svg = tmp_path / "chart.svg"
    download.value.save_as(svg)
    text = svg_text(svg)
    assert title in text and "Source:" in text and source in text
    assert (page.url.split("?")[0]) in text.replace(" ", "")
    # a map carries the UN map disclaimer shown under it on the page; other charts do not
    assert ("do not imply official endorsement or acceptance by the United Nations" in text) == (graph == "map-graph")
    with page.expect_download() as download:
        page.click(f"[data-export-graph='{graph}'][data-format='png']")
    png = tmp_path / "chart.png"
    download.value.save_as(png)
    body = png.read_bytes()
    assert body[:8] == b"\x89PNG\r\n\x1a\n" and len(body) > 20_000


def test_a_russian_page_shares_a_russian_embed(open_app, page, host):
    page = open_app("/map?lang=ru&year=2020&indicator=immigrants")
    title = page.locator("#map-graph .gtitle").text_content()
    open_share(page)
    snippet = page.input_value("#share-snippet")
    assert 'lang="ru"' in snippet and "lang=ru" in snippet
    page.goto(host.add("/ru.html", f"<!DOCTYPE html><html lang='ru'><body>{snippet}</body></html>"))
    frame = wait_for_frame(page, "/embed/map")
    frame.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
    assert frame.locator("h1").inner_text() == title
    assert frame.evaluate("document.documentElement.lang") == "ru"
    assert "Открыть в панели" in frame.locator("#embed-foot").inner_text()
