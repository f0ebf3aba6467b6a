"""Property-based fuzzing (hypothesis) of every route's query parameters, every server callback's inputs, raw
callback request bodies and odd paths, in-process through Flask's test client (fast: no sockets).

Whatever comes in, the answer is never a 5xx, never a traceback, and never an unescaped echo of the input in an
HTML page; a callback given wrongly shaped input treats it as no selection (the view's default) instead of failing
into the app's error handler (no "callback failed" traceback in the log). At least 5,000 cases in all per run (the
counts are asserted at the end)."""
from __future__ import annotations

import json
import logging
import re
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import app as app_module
from layouts import pages
from state import LANG
from tests.support.callback_requests import outputs_of, router_request

server = app_module.server
client = server.test_client()
UPDATE = "/_dash-update-component"
XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</script><script>alert(2)</script>",
       "javascript:alert(3)", "{{7*7}}", "%00", "../../etc/passwd"]
CASES = {"routes": 0, "callbacks": 0, "bodies": 0, "paths": 0}
FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True)


def _scalars(value, out: set) -> None:
    if isinstance(value, dict):
        if "props" in value and "type" in value:  # a component
            for name, prop in value["props"].items():
                if name in ("value", "options", "marks", "data", "href"):
                    _scalars(prop, out)
                elif name == "children":
                    _scalars(prop, out)
            return
        for key, item in value.items():
            if isinstance(key, str) and key.isdigit():
                out.add(int(key))
            _scalars(item, out)
    elif isinstance(value, list):
        for item in value:
            _scalars(item, out)
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool) and len(str(value)) < 40:
        out.add(value)


def harvest_tokens() -> list:
    """Plausible values (option values, years, codes, states) from every view's default page."""
    from plotly.io.json import to_json_plotly

    out: set = set()
    for path in ("/map", "/remittances", "/corridors", "/country", "/country/UZB", "/key-figures", "/sources"):
        _scalars(json.loads(to_json_plotly(pages.render(path, ""))), out)
    return sorted(out, key=str)


TOKENS = harvest_tokens()
PARAMS = sorted({p.name for view in pages.views() for p in view.params()} | {LANG.name})
DEPENDENCIES = json.loads(client.get("/_dash-dependencies").data)
SERVER_CALLBACKS = [cb for cb in DEPENDENCIES if not cb.get("clientside_function")]
ROUTES = ["/", "/map", "/remittances", "/corridors", "/country", "/country/UZB", "/country/xx", "/key-figures",
          "/sources", "/embed/map", "/embed/remittances", "/embed/corridors", "/embed/country/KAZ",
          "/embed/key-figures", "/present", "/nowhere"]

big_ints = st.integers(min_value=-(2 ** 70), max_value=2 ** 70) | st.sampled_from([2 ** 64, -(2 ** 63) - 1, 10 ** 30])
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)  # lone surrogates included
scalar = (st.none() | st.booleans() | big_ints | st.floats(allow_nan=False, allow_infinity=False) | any_text
          | st.sampled_from(TOKENS) | st.sampled_from(XSS))
json_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=10)
param_value = (st.sampled_from(TOKENS).map(str) | any_text | st.sampled_from(XSS) | big_ints.map(str)
               | st.lists(st.sampled_from(TOKENS).map(str), max_size=4).map(",".join))
query = st.lists(st.tuples(st.sampled_from(PARAMS) | st.text(max_size=6), param_value), max_size=6)


def encode(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def check(response, payloads=()) -> None:
    body = response.get_data()
    assert response.status_code < 500, (response.status_code, body[:500])
    assert b"Traceback" not in body
    if response.mimetype == "text/html":
        text = body.decode("utf-8", "replace")
        for payload in payloads:
            # Markup that could break out of a text node, an attribute or a <script> block must never come back
            # verbatim. An apostrophe alone can: the page shows "Democratic People's Republic of Korea" by itself.
            if isinstance(payload, str) and any(c in payload for c in "<>\"") and len(payload) > 3:
                assert payload not in text, payload
    elif response.status_code == 200 and response.mimetype == "application/json":
        json.loads(body)


class FailedCallbacks(logging.Handler):
    """Records what reaches callbacks.routing.on_callback_error (it logs "callback failed" with the traceback)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.failures: list[str] = []

    def emit(self, record):
        error = record.exc_info[1] if record.exc_info else None
        self.failures.append(f"{record.getMessage()}: {error!r}")


FAILED = FailedCallbacks()
logging.getLogger("callbacks.routing").addHandler(FAILED)


def answered_without_failing(response) -> None:
    """The callback's answer is no 5xx and it did not raise inside (the error handler was not reached)."""
    failures, FAILED.failures[:] = list(FAILED.failures), []
    check(response)
    assert not failures, failures


@pytest.fixture(autouse=True)
def quiet_logs():
    """Refused requests are logged as warnings: thousands of them would flood the test output."""
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


@pytest.mark.parametrize("route", ROUTES)
@settings(FUZZ, max_examples=80)
@given(pairs=query)
def test_any_query_on_any_route_renders_a_page(route, pairs):
    CASES["routes"] += 1
    search = "?" + "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs)
    check(client.get(route + search), [v for _, v in pairs])
    body = router_request(route, search)
    FAILED.failures.clear()
    response = client.post(UPDATE, json=body)
    answered_without_failing(response)
    assert response.status_code == 200


@pytest.mark.parametrize("cb", SERVER_CALLBACKS, ids=[cb["output"][:60] for cb in SERVER_CALLBACKS])
@settings(FUZZ, max_examples=80)
@given(data=st.data())
def test_any_input_to_any_server_callback_is_answered_without_a_server_error(cb, data):
    CASES["callbacks"] += 1
    values = data.draw(st.lists(json_value, min_size=len(cb["inputs"]) + len(cb["state"]),
                                max_size=len(cb["inputs"]) + len(cb["state"])))
    deps = [{"id": d["id"], "property": d["property"], "value": v}
            for d, v in zip(cb["inputs"] + cb["state"], values)]
    inputs, state = deps[:len(cb["inputs"])], deps[len(cb["inputs"]):]
    changed = data.draw(st.lists(st.sampled_from([f"{d['id']}.{d['property']}" for d in inputs]), max_size=2))
    body = {"output": cb["output"], "outputs": outputs_of(cb["output"]), "inputs": inputs, "state": state,
            "changedPropIds": changed}
    FAILED.failures.clear()
    answered_without_failing(client.post(UPDATE, data=json.dumps(body), content_type="application/json"))


body_shapes = st.one_of(
    json_value,
    st.fixed_dictionaries({}, optional={"output": st.sampled_from([cb["output"] for cb in DEPENDENCIES]) | any_text,
                                        "outputs": json_value, "inputs": json_value, "state": json_value,
                                        "changedPropIds": json_value}),
)


@settings(FUZZ, max_examples=800)
@given(body=body_shapes, raw=st.booleans())
def test_any_callback_request_body_gets_a_4xx_or_an_answer(body, raw):
    CASES["bodies"] += 1
    data = json.dumps(body) if not raw else json.dumps(body)[: max(1, len(json.dumps(body)) // 2)]
    check(client.post(UPDATE, data=data, content_type="application/json"))


prefixes = st.sampled_from(["/_dash-component-suites/dash/", "/data/", "/_dash-component-suites/", "/assets/", "/geo/",
                            "/embed/", "/country/", "/", "/_dash-component-suites/dash_bootstrap_components/"])


@settings(FUZZ, max_examples=600)
@given(prefix=prefixes, tail=st.binary(max_size=30) | st.sampled_from([b"../app.py", b"..%2fapp.py", b"x.js",
                                                                       b"deps/react@18.v1m1.min.js"]))
def test_any_path_gets_a_page_or_a_4xx(prefix, tail):
    CASES["paths"] += 1
    check(client.get(prefix + quote_from_bytes(tail, safe="/.@")))


def test_enough_cases_ran():
    """Runs last in this file: the fuzz tests above made at least 5,000 requests' worth of cases."""
    total = sum(CASES.values())
    if total == 0:
        pytest.skip("the fuzz tests were deselected")
    assert total >= 5000, CASES
