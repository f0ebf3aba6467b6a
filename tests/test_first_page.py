"""The first view inside the HTML (serving/first_page.py) is exactly what the router callback answers for that URL."""
import json
import re

import brotli
import pytest

from layouts.ids import Map, Shell
from serving import first_page

DATA_BLOCK = re.compile(r'<script type="application/json" id="camr-first-page">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def client():
    import app

    return app.server.test_client()


def served(client, url: str) -> tuple[str, dict]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    blocks = DATA_BLOCK.findall(html)
    assert len(blocks) == 1, "one first-page block in the HTML"
    return html, json.loads(blocks[0])


def router_answer(client, pathname: str, search: str):
    """What the router callback (callbacks/routing.py) sends for the URL, through Dash's own dispatch."""
    body = {
        "output": f"{Shell.PAGE}.children", "outputs": {"id": Shell.PAGE, "property": "children"},
        "inputs": [{"id": Shell.URL, "property": "pathname", "value": pathname},
                   {"id": Shell.URL, "property": "search", "value": search}],
        "changedPropIds": [f"{Shell.URL}.pathname", f"{Shell.URL}.search"], "state": [],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"][Shell.PAGE]["children"]


def find(node, component_id):
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node
        node = node.get("props", {}).get("children")
    if isinstance(node, list):
        for item in node:
            found = find(item, component_id)
            if found is not None:
                return found
    elif isinstance(node, dict):
        return find(node, component_id)
    return None


@pytest.mark.parametrize("url", [
    "/", "/map", "/map?lang=ru", "/map?indicator=immigrants&year=2010&scope=world&lang=ru",
    "/map?focus=UZB&lang=en", "/remittances?lang=ru", "/corridors", "/country/KGZ?lang=ru", "/key-figures",
    "/sources?lang=ru", "/map?present=1&lang=ru", "/present?lang=ru", "/no-such-page?lang=ru",
    "/map?year=abc&indicator=%3C/script%3E&lang=kk",  # bad values: defaults and a notice, as from the router
])
def test_the_served_first_view_is_the_router_answer_for_that_url(client, url):
    pathname, _, query = url.partition("?")
    search = f"?{query}" if query else ""
    _, data = served(client, url)
    assert (data["pathname"], data["search"]) == (pathname, search)
    assert data["page"] == router_answer(client, pathname, search)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_first_map_figure_equals_the_callbacks_in_both_languages(client, lang):
    search = f"?indicator=emigrants_pct&year=2000&lang={lang}"
    _, data = served(client, "/map" + search)
    figure = find(data["page"], Map.GRAPH)["props"]["figure"]
    assert figure == find(router_answer(client, "/map", search), Map.GRAPH)["props"]["figure"]
    assert figure["data"][0]["geojson"].startswith("/geo/region.json?v=")
    assert ("Emigrants" if lang == "en" else "Эмигранты") in json.dumps(figure, ensure_ascii=False)


def test_map_pages_preload_their_geometry(client):
    html, data = served(client, "/map?scope=world")
    assert data["geo"]["geojson"] == [find(data["page"], Map.GRAPH)["props"]["figure"]["data"][0]["geojson"]]
    assert data["geo"]["topojson"]["world_110m"].startswith("/assets/topojson/world_110m.json?m=")
    for url in (data["geo"]["geojson"][0], data["geo"]["topojson"]["world_110m"]):
        assert f'<link rel="preload" href="{url}" as="fetch" crossorigin="anonymous">' in html
    _, sources = served(client, "/sources")
    assert sources["geo"] == {"geojson": [], "topojson": {}}


CHUNK_SCRIPT = re.compile(r'<script src="(/_dash-component-suites/dash/dcc/async-(\w+)\.(v\w+)\.js)"></script>')


@pytest.mark.parametrize("url, chunks", [("/map?scope=world", ["dropdown", "graph", "slider"]),
                                         ("/remittances?lang=ru", ["dropdown", "graph"]),
                                         ("/sources", [])])
def test_the_chunks_of_the_first_views_lazy_components_are_scripts_after_dcc_before_the_renderer(client, url,
                                                                                                 chunks):
    html, data = served(client, url)
    found = CHUNK_SCRIPT.findall(html)
    assert [name for _, name, _ in found] == chunks == first_page.chunk_names(data["page"])
    body = html.split("</head>", 1)[1]
    dcc = body.index("/dash/dcc/dash_core_components.")
    for src, name, version in found:
        assert dcc < body.index(src) < body.index("new DashRenderer")
        response = client.get(src, headers={"Accept-Encoding": "br"})  # the file webpack would load, kept a year
        assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"], src
        assert b"webpackChunkdash_core_components" in brotli.decompress(response.get_data()), src
    assert "as=\"script\">" not in html.split("</head>", 1)[0].replace('fetchpriority="high">', "")  # no preloads


def test_a_hostile_query_cannot_end_the_data_block(client):
    html, data = served(client, "/map?year=%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E")
    block = DATA_BLOCK.search(html).group(1)
    assert "</script" not in block and "<script" not in block
    assert "</script><script>alert(1)</script>" in json.dumps(data["page"], ensure_ascii=False)  # shown as text


def test_a_visitors_markup_characters_never_come_back_verbatim(client):
    """A bad value quoted in a notice ("x>y" is not a valid focus country) is in the data, not in the HTML as
    typed (found by tests/test_fuzz.py: a value with ">" but no "<")."""
    html, data = served(client, "/map?focus=%C3%97%C2%B7%3Eq")
    assert "×·>q" not in html
    assert "×·>q" in json.dumps(data["page"], ensure_ascii=False)


def test_a_page_that_fails_to_render_leaves_the_html_to_the_router(client, monkeypatch):
    def broken(*_):
        raise RuntimeError("boom")

    monkeypatch.setattr(first_page, "page_data", broken)
    response = client.get("/map?lang=ru&broken=1")
    assert response.status_code == 200
    assert "camr-first-page" not in response.get_data(as_text=True)


def test_the_bench_reference_header_is_ignored_outside_benchmarks(client, monkeypatch):
    monkeypatch.delenv("CAMR_BENCH_NOOP", raising=False)
    response = client.get("/map", headers={first_page.BENCH_REFERENCE_HEADER: "router"})
    assert "camr-first-page" in response.get_data(as_text=True)


BOOT_BLOCK = re.compile(r'<script type="application/json" id="(camr-dash-[a-z]+)" data-url="([^"]+)">(.*?)</script>', re.S)


@pytest.mark.parametrize("url", ["/map", "/remittances?lang=ru", "/no-such-page"])
def test_the_html_carries_the_renderers_layout_and_dependencies_as_their_routes_answer_them(client, url):
    html, _ = served(client, url)
    blocks = {name: (route, json.loads(text)) for name, route, text in BOOT_BLOCK.findall(html)}
    assert set(blocks) == {"camr-dash-layout", "camr-dash-dependencies"}
    for route, content in blocks.values():
        answer = client.get(route)
        assert answer.status_code == 200 and content == answer.get_json(), route
    assert blocks["camr-dash-layout"][0] == "/_dash-layout"
    assert any(cb["output"] == f"{Shell.PAGE}.children" for cb in blocks["camr-dash-dependencies"][1])


def test_a_page_with_a_chart_preloads_its_plotly_bundle_first_and_one_without_does_not(client):
    html, _ = served(client, "/map?lang=ru")
    head = html.split("</head>", 1)[0]
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="(\w+)"', head)
    bundle = re.search(r'<script src="(/assets/vendor/plotly-custom\.min\.js\?m=[^"]+)"', html).group(1)
    assert preloads[0] == (bundle, "script")  # the same versioned URL the page's script tag names
    assert 'fetchpriority="high"' in head.split(bundle, 1)[1].split(">", 1)[0]
    html, _ = served(client, "/sources")
    assert "/assets/vendor/plotly-custom" not in html.split("</head>", 1)[0]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_page_kept_compressed_is_given_back_as_first_rendered(client, lang):
    search = f"?lang={lang}"
    first_page._pages.pop(("/remittances", search), None)
    built = first_page.page_data("/remittances", search)  # rendered now
    assert isinstance(first_page._pages[("/remittances", search)][0], bytes)  # kept compressed
    assert first_page.page_data("/remittances", search) == built  # from what was kept: the same text and links
