"""First-time callback answers from serving/dispatch.py are Dash's own: every request here is sent through the app's
WSGI stack twice with the response cache emptied before each, once straight to Flask and Dash and once through the
fast path (which computes it with serving/dispatch.Direct), and the two answers — status, every header in order,
body — are compared. The sample: each control of each view changed once in both languages, a load-bench visitor's
random visits, the same requests with bad values and bad payloads, callbacks that fail or have nothing to update
(which Direct leaves to Dash). A small Dash app of its own checks the cases the dashboard's callbacks do not have."""
from __future__ import annotations

import copy
import json
import random

import pytest
from dash import Dash, Input, Output, State, ctx, html, no_update, set_props
from dash.exceptions import PreventUpdate

import app as app_module  # before bench/, which asks for the benchmarks' no-op callback (CAMR_BENCH_NOOP)
from bench import load_user
from serving import dispatch
from serving.fast_json.answer import to_json_bytes
from tests.test_fast_path import _send, post


@pytest.fixture(scope="module")
def app():
    return app_module.app


@pytest.fixture(scope="module")
def fast(app):
    found = app.server.extensions.get("camr_fast_path")
    assert found is not None and found.direct is not None, "the app is served without its direct dispatch"
    return found


class Recording:
    """A load-bench visitor's transport through the test client that keeps every callback body it sends."""

    def __init__(self, client):
        self.client = client
        self.bodies: list[dict] = []

    def get(self, path, name, headers=None):
        r = self.client.get(path, headers=headers)
        return load_user.Reply(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.data)

    def post(self, path, body, name):
        self.bodies.append(copy.deepcopy(body))
        r = self.client.post(path, json=body)
        return load_user.Reply(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.data)


VIEWS = ("/map", "/remittances", "/corridors", "/country/UZB", "/country", "/key-figures", "/sources")


@pytest.fixture(scope="module")
def sample(app):
    """Callback bodies: each control of each view once, in English and Russian, then random visits."""
    transport = Recording(app.server.test_client())
    for lang in ("en", "ru"):
        for view in VIEWS:
            visitor = load_user.Visitor(transport, random.Random(len(view)))
            visitor.lang = lang
            page = visitor.open_page(view, full=True)
            for control in load_user.controls(page, visitor.deps):
                if visitor.page.path != view:
                    visitor.navigate(view)
                visitor.interact(control)
        visitor = load_user.Visitor(transport, random.Random(11))
        visitor.lang = lang
        for _ in range(40):
            visitor.act()
    unique = {json.dumps(body, sort_keys=True): body for body in transport.bodies}
    return list(unique.values())


def first_time_both_ways(fast, body, **kwargs):
    """(Flask and Dash's answer, the fast path's answer, computed by Direct?), each computed for the first time."""
    fast.response_cache.backend.clear()
    plain = _send(fast.wsgi_app, **post(body, **kwargs))
    fast.response_cache.backend.clear()
    before = fast.direct.answered
    quick = _send(fast, **post(body, **kwargs))
    return plain, quick, fast.direct.answered > before


def test_every_callback_of_the_sample_is_answered_by_direct_dispatch_as_dash_answers_it(app, fast, sample):
    answered, outputs = 0, set()
    for body in sample:
        plain, quick, direct = first_time_both_ways(fast, body)
        assert quick == plain, body
        if direct:
            answered += 1
            outputs.add(body["output"])
            assert dict(quick[1])["X-Cache"] == "miss" and quick[0].startswith("200")
        else:  # only what Dash answers otherwise: a 204 (nothing to update) or a stored answer
            assert plain[0].startswith("204") or dict(plain[1]).get("X-Cache") == "precomputed", (plain[:2], body)
    assert answered > len(sample) * 0.8
    # every server-side callback a control or a page fires, in the sample
    expected = {"page-content.children", "map-focus.value", "map-download.data", "remittances-trend-download.data",
                "corridors-card-download.data", "country-download.data", "sources-download.data"}
    expected |= {output for output in fast.direct.callbacks if output.startswith(("..map-graph", "..remittances-trend",
                                                                                  "..remittances-ranking", "..corridors-map",
                                                                                  "..corridors-card.", "..key-figures"))}
    assert expected <= outputs, expected - outputs


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity", "deflate", "br;q=0, gzip;q=0"])
def test_every_encoding_gets_dash_s_answer(fast, sample, encoding):
    body = next(b for b in sample if b["output"].startswith("..map-graph"))
    plain, quick, direct = first_time_both_ways(fast, body, encoding=encoding)
    assert quick == plain
    assert direct == (encoding in ("br", "gzip")), "computed here only for a client taking a stored encoding"


BAD_VALUES = ("zzz", -1, 1e9, None, [], ["KGZ", 5, None], {"x": 1}, True, "", "2013Q2", "<script>", "Кыргызстан")


def test_bad_values_get_dash_s_answer(fast, sample):
    """Each input and state of a request for each callback, in turn, a bad value: the same answer both ways (a
    default with a notice, or the app's message, never a 500)."""
    by_output = {}
    for body in sample:
        by_output.setdefault(body["output"], body)
    rng = random.Random(5)
    for body in by_output.values():
        for field in ("inputs", "state"):
            for i in range(len(body.get(field) or [])):
                bad = copy.deepcopy(body)
                bad[field][i]["value"] = rng.choice(BAD_VALUES)
                plain, quick, _ = first_time_both_ways(fast, bad)
                assert quick == plain, bad
                assert not plain[0].startswith("5"), bad


def _payloads(body):
    """The request made malformed in the ways a client could: outputs that are not the definition's, missing
    state, a wildcard's list where a value is, unknown trigger, a property with another `@` suffix."""
    outputs = body["outputs"]
    first = outputs[0] if isinstance(outputs, list) else outputs
    yield {**body, "outputs": [{**first, "property": "title"}] + (outputs[1:] if isinstance(outputs, list) else [])}
    yield {**body, "outputs": {**first, "id": "nope"}}
    yield {**body, "outputs": outputs[:-1] if isinstance(outputs, list) else [outputs, outputs]}
    yield {**body, "outputs": [{**first, "property": first["property"].split("@")[0] + "@other"}]
           + (outputs[1:] if isinstance(outputs, list) else [])}
    yield {key: value for key, value in body.items() if key != "state"}
    yield {**body, "inputs": [[item] for item in body["inputs"]]}
    yield {**body, "changedPropIds": ["nope.value"]}
    yield {**body, "changedPropIds": []}
    yield {**body, "inputs": [{**item, "id": {"type": "x"}} for item in body["inputs"]]}
    yield {**body, "inputs": [{key: v for key, v in item.items() if key != "value"} for item in body["inputs"]]}


def test_bad_payloads_get_dash_s_answer(fast, sample):
    by_output = {}
    for body in sample:
        by_output.setdefault(body["output"], body)
    for body in by_output.values():
        for bad in _payloads(body):
            plain, quick, _ = first_time_both_ways(fast, bad)
            assert quick == plain, bad
            assert not plain[0].startswith("5"), bad


def test_a_failing_callback_gets_the_app_s_message_from_dash(fast, sample, monkeypatch):
    import callbacks.map
    import callbacks.remittances

    def broken(*args, **kwargs):
        raise ValueError("broken on purpose")

    monkeypatch.setattr(callbacks.map, "map_outputs", broken)
    monkeypatch.setattr(callbacks.remittances, "ranking_outputs", broken)
    for prefix in ("..map-graph", "..remittances-ranking"):
        body = next(b for b in sample if b["output"].startswith(prefix))
        plain, quick, direct = first_time_both_ways(fast, body)
        assert quick == plain and not direct
        assert plain[0].startswith("200") and b"error-toast" in _decoded(plain)


def test_nothing_to_update_is_dash_s_answer(fast, sample):
    closed = next(b for b in sample if b["output"].endswith("-table-body.children"))
    closed = {**closed, "inputs": [{**closed["inputs"][0], "value": None}]}  # a table not asked for: PreventUpdate
    plain, quick, direct = first_time_both_ways(fast, closed)
    assert quick == plain and not direct and plain[0].startswith("204"), plain
    focus = next(b for b in sample if b["output"] == "map-focus.value")
    focus = {**focus, "inputs": [{**item, "value": None} for item in focus["inputs"]],
             "changedPropIds": ["map-graph.clickData"]}  # a click on no country: no_update, an empty answer
    plain, quick, direct = first_time_both_ways(fast, focus)
    assert quick == plain and direct and plain[0].startswith("200"), plain
    assert json.loads(_decoded(plain)) == {"multi": True, "response": {}}


def _decoded(answer) -> bytes:
    import brotli

    headers = dict(answer[1])
    return brotli.decompress(answer[2]) if headers.get("Content-Encoding") == "br" else answer[2]


# -- a Dash app of its own: the cases the dashboard does not have -----------------------------------------------------
@pytest.fixture(scope="module")
def small():
    app = Dash(__name__)
    app.layout = html.Div([html.Div(id=i) for i in ("a", "b", "c", "d", "e")])

    @app.callback(Output("a", "children"), Output("b", "children", allow_duplicate=True), Input("c", "n_clicks"),
                  State("d", "title"), prevent_initial_call=True)
    def both(n, title):
        return (f"{ctx.triggered_id}:{ctx.triggered_prop_ids}:{n}", no_update if title == "skip" else [html.B(title)])

    @app.callback(Output("e", "children"), Input("d", "title"))
    def single(title):
        if title == "prevent":
            raise PreventUpdate
        if title == "cookies":
            return str(ctx.cookies)  # only a request has them: left to Dash
        if title == "side":
            set_props("a", {"title": "x"})
        if title == "wrong":
            return [1, 2]
        return {"value": title, "states": dict(ctx.states), "inputs": dict(ctx.inputs)}

    @app.callback(Output("d", "className"), Input("a", "title"), Input("b", "title"))
    def many(a, b):
        return [a, b]  # one Output returning a list: one value, the list

    return app


def _small_body(app, output, values, changed):
    from tests.support.callback_requests import outputs_of

    spec = next(cb for cb in app._callback_list if cb["output"] == output)  # noqa: SLF001
    items = lambda deps: [{"id": d["id"], "property": d["property"], "value": values.get(f"{d['id']}.{d['property']}")}
                          for d in deps]
    return {"output": output, "outputs": outputs_of(output), "inputs": items(spec["inputs"]),
            "state": items(spec["state"]), "changedPropIds": changed}


def test_direct_dispatch_answers_as_dash_on_an_app_of_its_own(small):
    direct = dispatch.Direct(small, to_json_bytes)
    client = small.server.test_client()
    two = next(o for o in small.callback_map if o.startswith("..a.children"))
    cases = [(two, {"c.n_clicks": 3, "d.title": "é </script>"}, ["c.n_clicks"], True),
             (two, {"c.n_clicks": None, "d.title": "skip"}, ["c.n_clicks"], True),
             ("e.children", {"d.title": "plain"}, ["d.title"], True),
             ("e.children", {"d.title": None}, [], True),
             ("d.className", {"a.title": [1], "b.title": {"x": None}}, ["a.title"], True),
             ("e.children", {"d.title": "prevent"}, ["d.title"], False),
             ("e.children", {"d.title": "cookies"}, ["d.title"], False),
             ("e.children", {"d.title": "side"}, ["d.title"], False),
             ("e.children", {"d.title": "wrong"}, ["d.title"], True)]
    for output, values, changed, answered in cases:
        body = _small_body(small, output, values, changed)
        dash_answer = client.post("/_dash-update-component", json=body)
        text = direct.answer(body)
        assert (text is not None) == answered, values
        if answered:
            assert dash_answer.status_code == 200 and text == dash_answer.get_data(), values
    assert dispatch.plain_callback(two, small.callback_map[two]).outputs == [("a", "children"), ("b", "children")]
