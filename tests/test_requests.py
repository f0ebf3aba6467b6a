"""Callback requests Dash would have answered with a 500 get a 400 with a one-line reason; the benchmark's no-op
callback exists only when asked for."""
from __future__ import annotations

import json

import pytest

import app as app_module
from layouts.ids import Shell
from tests.support.callback_requests import router_request

client = app_module.server.test_client()
UPDATE = "/_dash-update-component"


def router(search_value) -> str:
    return json.dumps(router_request("/map", search_value))


BAD = {
    "a list": "[]",
    "a string": '"x"',
    "null": "null",
    "not JSON": "{",
    "nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "an integer beyond 64 bits": router(2 ** 70).replace(str(2 ** 70), "123456789012345678901234567890"),
    "a lone surrogate": router("?year=1").replace("?year=1", "\\ud800"),
    "NaN": router("?year=1").replace('"?year=1"', "NaN"),
    "1e400": router("?year=1").replace('"?year=1"', "1e400"),
    "an unknown output": json.dumps({"output": "nope.children", "outputs": {"id": "nope", "property": "children"},
                                     "inputs": [], "changedPropIds": []}),
    "inputs not a list": json.dumps({"output": "page-content.children", "outputs": {"id": "page-content",
                                     "property": "children"}, "inputs": 5, "changedPropIds": []}),
    "inputs missing": json.dumps({"output": "page-content.children",
                                  "outputs": {"id": "page-content", "property": "children"}}),
    "changedPropIds not strings": router("?year=1").replace('["url.pathname"]', "[1, {}]"),
    "no inputs": json.dumps({**router_request("/map", ""), "inputs": [], "state": []}),
    "the benchmark's no-op": json.dumps({"output": f"{Shell.BENCH_NOOP_OUTPUT}.children",
                                         "outputs": {"id": Shell.BENCH_NOOP_OUTPUT, "property": "children"},
                                         "inputs": [{"id": Shell.BENCH_NOOP_INPUT, "property": "value",
                                                     "value": "x" * 1000}], "changedPropIds": []}),
}


@pytest.mark.parametrize("name", BAD)
def test_a_malformed_callback_request_gets_a_400_with_a_reason(name):
    response = client.post(UPDATE, data=BAD[name], content_type="application/json")
    assert response.status_code == 400, response.get_data()[:300]
    assert response.mimetype == "application/json" and json.loads(response.data)["reason"]


def test_a_body_that_is_not_declared_json_is_refused():
    assert client.post(UPDATE, data=router("?year=2000"), content_type="text/plain").status_code == 400


def test_a_well_formed_request_still_works():
    response = client.post(UPDATE, data=router("?year=2000&indicator=emigrants"), content_type="application/json")
    assert response.status_code == 200 and b"map-graph" in response.data


def test_a_callback_that_prevents_its_update_still_answers_204():
    """A data table's body is built only for a request of an open table: without one, PreventUpdate."""
    body = {"output": "remittances-trend-table-body.children",
            "outputs": {"id": "remittances-trend-table-body", "property": "children"},
            "inputs": [{"id": "remittances-trend-table-request", "property": "data", "value": None}],
            "changedPropIds": ["remittances-trend-table-request.data"]}
    response = client.post(UPDATE, json=body)
    assert response.status_code == 204


@pytest.mark.parametrize("path", ["/_dash-component-suites/nope/x.js", "/_dash-component-suites/dash/../../x",
                                  "/_dash-component-suites/dash/deps/nope.js"])
def test_unknown_component_suite_paths_are_404(path):
    assert client.get(path).status_code == 404


def test_the_bench_noop_callback_is_absent_unless_the_benchmark_asks(monkeypatch):
    outputs = [cb["output"] for cb in json.loads(client.get("/_dash-dependencies").data)]
    assert not any(Shell.BENCH_NOOP_OUTPUT in output for output in outputs)
    assert Shell.BENCH_NOOP_OUTPUT not in client.get("/_dash-layout").get_data(as_text=True)

    monkeypatch.setenv("CAMR_BENCH_NOOP", "1")
    bench_app = app_module.create_app()
    bench_client = bench_app.server.test_client()
    body = json.loads(BAD["the benchmark's no-op"])
    response = bench_client.post(UPDATE, json=body)
    assert response.status_code == 200 and "x" * 1000 in response.get_data(as_text=True)
