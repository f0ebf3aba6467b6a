"""Security headers on every response, no versions disclosed, dev routes off, request bodies limited."""
from __future__ import annotations

import json
import re

import dash
import plotly
import pytest

import app as app_module
from serving import security
from tests.support.server import http_get, start_app_server

client = app_module.server.test_client()

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def script_src(csp: str) -> list[str]:
    directive = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    return directive.split()[1:]


def frame_ancestors(csp: str) -> str:
    return next(d for d in csp.split(";") if d.strip().startswith("frame-ancestors")).split(None, 1)[1].strip()


@pytest.mark.parametrize("path", ["/", "/map", "/map?lang=ru", "/assets/app.css", "/_dash-layout", "/nope/404",
                                  "/geo/region.json", "/country/UZB"])
def test_every_route_but_embeds_may_only_be_framed_by_ourselves(path):
    response = client.get(path)
    for name, value in COMMON.items():
        assert response.headers[name] == value
    assert "camera=()" in response.headers["Permissions-Policy"]
    csp = response.headers["Content-Security-Policy"]
    assert frame_ancestors(csp) == "'self'" and response.headers["X-Frame-Options"] == "SAMEORIGIN"
    sources = script_src(csp)
    assert sources[0] == "'self'" and all(s.startswith("'sha256-") for s in sources[1:])
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    response.close()


@pytest.mark.parametrize("path", ["/embed/map", "/embed/map?indicator=emigrants&year=2020", "/embed/corridors",
                                  "/embed/anything.csv"])
def test_embeds_may_be_framed_by_any_site(path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert frame_ancestors(csp) == "*"
    assert "X-Frame-Options" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "'unsafe-inline'" not in script_src(csp)


def test_callback_responses_and_errors_carry_the_headers_too():
    response = client.post("/_dash-update-component", data="[]", content_type="application/json")
    assert response.status_code == 400
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert frame_ancestors(response.headers["Content-Security-Policy"]) == "'self'"


def test_every_inline_script_of_the_page_is_hashed_in_the_policy():
    response = client.get("/map")
    page = response.get_data(as_text=True)
    allowed = set(script_src(response.headers["Content-Security-Policy"]))
    hashes = security.inline_script_hashes(page)
    assert hashes and set(hashes) <= allowed  # the renderer and every clientside callback


def test_no_python_dash_or_plotly_version_in_pages():
    for path in ("/", "/map", "/embed/map", "/_dash-layout", "/_dash-dependencies"):
        text = client.get(path).get_data(as_text=True)
        for version in (dash.__version__, plotly.__version__, "Python/", "python_version"):
            assert version not in text, (path, version)
        assert dash.__version__.replace(".", "_") not in text, path  # nor in the asset file names
    scripts = re.findall(r'src="([^"]+)"', client.get("/map").get_data(as_text=True))
    assert scripts
    for src in scripts:  # the renamed files are still served
        response = client.get(src)
        assert response.status_code == 200, src
        response.close()


def test_dev_routes_are_off():
    assert client.get("/_reload-hash").status_code == 404


def test_request_bodies_are_limited():
    body = json.dumps({"output": "page-content.children", "pad": "x" * (security.MAX_BODY_BYTES + 1)})
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 413


def test_the_development_server_names_no_version():
    with start_app_server() as server:
        import urllib.request

        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(server.url + "/map") as response:
            assert response.headers["Server"] == "camr"
            assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert http_get(server.url + "/_reload-hash")[0] == 404
