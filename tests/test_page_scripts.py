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
    plotly = [s for s in srcs if s.startswith("/assets/vendor/plotly-custom.min.js")]
    assert [s for s in unfiltered if "polyfill" not in s and "/dash_table/" not in s and s not in plotly] == [
        s for s in srcs if s in unfiltered and s not in plotly]  # every other script, in Dash's order
    runtime = [i for i, s in enumerate(srcs) if s.startswith("/assets/vendor/regenerator-runtime.js")]
    renderer = [i for i, s in enumerate(srcs) if "dash_renderer" in s]
    dcc = [i for i, s in enumerate(srcs) if "/dcc/dash_core_components." in s]
    assert runtime and runtime[0] < renderer[0] < dcc[0]  # defined before anything that may use it


@pytest.mark.parametrize("url", ["/map", "/country/KGZ?lang=ru", "/sources"])
def test_plotly_js_is_the_last_script_before_the_renderer_starts_and_after_its_locale(client, url):
    """The bundle comes after the renderer's and the components' scripts (it compiles longest), still before the
    inline script that starts the renderer, and after the Russian locale it registers."""
    html = client.get(url).get_data(as_text=True)
    srcs = SCRIPT_SRC.findall(html)
    assert srcs[-1].startswith("/assets/vendor/plotly-custom.min.js?m=")
    assert sum("plotly-custom" in s for s in srcs) == 1
    assert any(s.startswith("/assets/locales/plotly-locale-ru.js") for s in srcs[:-1])
    assert html.index(srcs[-1]) < html.index("new DashRenderer(")


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
