"""The page loads neither Dash's @babel/polyfill nor dash_table's bundle (serving/page_scripts.py), and what those
gave that is still used is there: the global regeneratorRuntime, from the vendored regenerator-runtime."""
import hashlib
import json
import re
from pathlib import Path

import pytest

from serving import first_page

REPO = Path(__file__).resolve().parents[1]
RUNTIME = REPO / "assets" / "vendor" / "regenerator-runtime.js"
RUNTIME_SHA256 = "7beda998b3fd277f3548e12b277bafc3037d243421f007032d38dffee412224c"  # npm regenerator-runtime@0.14.1
SCRIPT_SRC = re.compile(r'<script src="([^"]+)"')


@pytest.fixture(scope="module")
def client():
    import app

    return app.server.test_client()


def scripts(client, url="/map"):
    return SCRIPT_SRC.findall(client.get(url).get_data(as_text=True))


def test_neither_the_polyfill_nor_dash_table_is_loaded_and_every_other_script_is(client):
    import app as app_module

    srcs = scripts(client)
    assert not [s for s in srcs if "polyfill" in s or "dash_table" in s]
    unfiltered = SCRIPT_SRC.findall(app_module.app._generate_scripts_html.unfiltered())
    assert [s for s in unfiltered if "polyfill" not in s and "/dash_table/" not in s] == [
        s for s in srcs if s in unfiltered]
    runtime = [i for i, s in enumerate(srcs) if s.startswith("/assets/vendor/regenerator-runtime.js")]
    renderer = [i for i, s in enumerate(srcs) if "dash_renderer" in s]
    dcc = [i for i, s in enumerate(srcs) if "/dcc/dash_core_components." in s]
    assert runtime and runtime[0] < renderer[0] < dcc[0]  # defined before anything that may use it


def test_the_vendored_regenerator_runtime_is_the_npm_release_and_defines_the_global():
    text = RUNTIME.read_bytes()
    assert hashlib.sha256(text).hexdigest() == RUNTIME_SHA256
    assert b"regeneratorRuntime = runtime" in text
    assert (RUNTIME.parent / "regenerator-runtime.LICENSE").read_text().startswith("MIT License")


def _namespaces(node):
    return {d["namespace"] for d in first_page._dicts(node) if isinstance(d.get("namespace"), str)}


@pytest.mark.parametrize("url", ["/map", "/remittances", "/corridors", "/country", "/country/TJK", "/key-figures",
                                 "/sources", "/present", "/map?present=1"])
def test_no_page_holds_a_dash_table_component(client, url):
    html = client.get(url).get_data(as_text=True)
    block = re.search(r'id="camr-first-page">(.*?)</script>', html, re.S).group(1)
    layout = re.search(r'id="camr-dash-layout"[^>]*>(.*?)</script>', html, re.S).group(1)
    found = _namespaces(json.loads(block)["page"]) | _namespaces(json.loads(layout))
    assert "dash_table" not in found and "dash_core_components" in found


def test_no_code_of_the_app_uses_dash_table():
    for folder in ("layouts", "callbacks", "figures", "embed", "serving"):
        for path in (REPO / folder).rglob("*.py"):
            assert "dash_table" not in path.read_text(encoding="utf-8") or path.name == "page_scripts.py", path


SCRIPT_TAG = re.compile(r"<script src=\"([^\"]+)\"([^>]*)>")


@pytest.mark.parametrize("url", ["/map", "/sources?lang=ru", "/present"])
def test_plotly_js_is_deferred_on_every_page_and_nothing_else_is(client, url):
    # serving/page_scripts.py: the renderer's scripts need not wait for plotly.js; assets/first-page.js, which
    # leaves the placeholder dcc.Graph waits on, and the chart locale run before it.
    tags = SCRIPT_TAG.findall(client.get(url).get_data(as_text=True))
    deferred = [src for src, attrs in tags if "defer" in attrs]
    assert len(deferred) == 1 and deferred[0].startswith("/assets/vendor/plotly-custom.min.js?m=")
    srcs = [src for src, _ in tags]
    placeholder = [i for i, s in enumerate(srcs) if s.startswith("/assets/first-page.js")]
    locale = [i for i, s in enumerate(srcs) if s.startswith("/assets/locales/plotly-locale-ru.js")]
    assert placeholder and locale and placeholder[0] < locale[0] < srcs.index(deferred[0])


def test_the_bundle_takes_the_placeholders_place_and_resolves_it():
    # scripts/plotly-bundle/entry.js, built into the bundle: it recognises first-page.js' placeholder by its mark
    bundle = (REPO / "assets" / "vendor" / "plotly-custom.min.js").read_text(encoding="utf-8")
    page = (REPO / "assets" / "first-page.js").read_text(encoding="utf-8")
    assert "__camrPlotlyPending" in bundle and ".__settle()" in bundle
    assert "__camrPlotlyPending = true" in page and "__settle = function" in page
