"""The first page's scripts carry V8's compile hint (serving/compile_hints.py): the hinted files are served as the
hint line followed by the file, byte for byte; every other file and every file of the embeds as it is; the source
map of a hinted script maps each line as before (one empty line first); and the list names files the pages load."""
import gzip
import json
import pkgutil
import re
from pathlib import Path

import pytest

from serving import compile_hints
from serving.compile_hints import HINT

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def client():
    import app

    return app.server.test_client()


@pytest.fixture(scope="module")
def map_scripts(client):
    html = client.get("/map").get_data(as_text=True)
    return re.findall(r'<script src="(/(?:assets|_dash-component-suites)/[^"]+)"', html)


def served(client, url):
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200, url
    body = response.get_data()
    return gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body


def package_file(url):
    """(package, path in package) of a /_dash-component-suites/ URL (Dash's fingerprint removed)."""
    from dash.fingerprint import check_fingerprint

    package, _, rest = url.split("?")[0][len("/_dash-component-suites/"):].partition("/")
    return package, check_fingerprint(rest)[0]


def test_every_hinted_name_is_a_file_the_map_page_loads(map_scripts):
    """A Dash upgrade that renames a file would silently drop its hint: each entry must match a script of the page
    (or a dcc chunk the first page preloads)."""
    from serving.first_page import ASYNC_CHUNKS

    files = {package_file(url) for url in map_scripts if url.startswith("/_dash-component-suites/")}
    files |= {("dash", f"dcc/async-{name}.js") for name in ASYNC_CHUNKS.values()}
    for package, names in compile_hints.PACKAGE_FILES.items():
        for name in names:
            assert any(p == package and compile_hints._package_hinted(p, f) and (f == name or f.startswith(name))
                       for p, f in files), (package, name)
    assert any(url.startswith("/assets/vendor/plotly-custom.min.js") for url in map_scripts)


def test_hinted_scripts_are_the_hint_then_the_file_byte_for_byte(client, map_scripts):
    hinted = 0
    for url in map_scripts:
        body = served(client, url)
        if url.startswith("/assets/"):
            path = ROOT / "assets" / url.split("?")[0][len("/assets/"):]
            raw, is_hinted = path.read_bytes(), path.resolve() in compile_hints.ASSET_FILES
        else:
            package, name = package_file(url)
            raw, is_hinted = pkgutil.get_data(package, name), compile_hints._package_hinted(package, name)
        assert body == (HINT + raw if is_hinted else raw), url
        assert body.startswith(HINT) == is_hinted, url
        hinted += is_hinted
    assert hinted == 6  # react-dom, dbc, plotly.js, the renderer, dcc, html components (dcc-shared, react: not)


def test_the_dcc_chunks_of_the_first_page_are_hinted_and_others_not(client):
    for name, hinted in (("graph", True), ("slider", True), ("dropdown", True), ("markdown", False)):
        body = served(client, f"/_dash-component-suites/dash/dcc/async-{name}.js")
        assert body.startswith(HINT) is hinted, name
        assert body[len(HINT) if hinted else 0:] == pkgutil.get_data("dash", f"dcc/async-{name}.js"), name


def test_a_hinted_scripts_source_map_starts_with_an_empty_line(client):
    for name in ("dcc/async-graph.js.map", "dcc/dash_core_components.js.map"):
        original = json.loads(pkgutil.get_data("dash", name))
        shifted = json.loads(served(client, f"/_dash-component-suites/dash/{name}"))
        assert shifted["mappings"] == ";" + original["mappings"], name
        assert {k: v for k, v in shifted.items() if k != "mappings"} == {
            k: v for k, v in original.items() if k != "mappings"}, name
    plain = "dcc/async-markdown.js.map"
    assert served(client, f"/_dash-component-suites/dash/{plain}") == pkgutil.get_data("dash", plain)


def test_the_embeds_own_bundles_are_not_hinted(client):
    import embed

    for bundle in ("geo", "cartesian"):
        assert served(client, embed.plotly_url(bundle)) == embed.PLOTLY_FILES[bundle].read_bytes(), bundle
    assert served(client, embed.plotly_url("full")) == HINT + embed.PLOTLY_FILES["full"].read_bytes()


def test_a_source_map_that_is_not_json_is_left_alone():
    assert compile_hints.shifted_map(b"not json") == b"not json"
    assert compile_hints.shifted_map(b'{"version": 3}') == b'{"version": 3}'
