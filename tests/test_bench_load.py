"""The load benchmark's requests (bench/load_user.py, sent by bench/locustfile.py) are ones the app answers: every
page, embed and CSV it opens and every callback it sends for each control of each view, through Flask's test
client, gets a 200/204 that is not the error toast. So the benchmark cannot rot silently into measuring errors.
No timing here: bench/bench_load.py measures."""
from __future__ import annotations

import json
import random

import pytest

from bench import load_user
from bench.load_user import Reply, Visitor, controls, problem


class ClientTransport:
    def __init__(self, client):
        self.client = client
        self.sent: list[tuple[str, int]] = []

    def _reply(self, response) -> Reply:
        return Reply(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.data)

    def get(self, path: str, name: str, headers: dict[str, str] | None = None) -> Reply:
        reply = self._reply(self.client.get(path, headers=headers))
        self.sent.append((name, reply.status))
        return reply

    def post(self, path: str, body: dict, name: str) -> Reply:
        reply = self._reply(self.client.post(path, json=body))
        self.sent.append((name, reply.status))
        return reply


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def visitor(client, lang: str, seed: int = 0):
    problems: list[tuple[str, str]] = []
    transport = ClientTransport(client)
    v = Visitor(transport, random.Random(seed), on_problem=lambda name, why: problems.append((name, why)))
    v.lang = lang
    return v, transport, problems


@pytest.mark.parametrize("lang", load_user.LANGS)
def test_every_page_of_the_mix_loads_in_full_and_by_in_app_navigation(client, lang):
    v, transport, problems = visitor(client, lang)
    for view in load_user.VIEWS:
        v.open_page(view.format(iso3="KGZ"), full=True)
        assert v.page.types, f"{view}: no components found in the page"
    v.navigate("/country/TJK")
    assert problems == []
    names = {name for name, _ in transport.sent}
    assert {"page /map", "page /country/[iso3]"} <= names
    # as in Chromium: the HTML brings the renderer's layout and dependencies and the first view (no request for
    # them, no router call on a full load); an in-app navigation asks the router
    full_loads = [name for name, _ in transport.sent if name.startswith("page ")]
    assert len(full_loads) == len(load_user.VIEWS)
    assert [name for name, _ in transport.sent if name.startswith("router ")] == ["router /country/[iso3]"]
    assert not [name for name, _ in transport.sent if name.startswith("/_dash")]
    assert v.deps is not None and v.shell.types.get("url") == "Location"
    assert all(status in (200, 304) for _, status in transport.sent)


def test_an_html_without_the_renderer_answers_has_them_fetched(client, monkeypatch):
    """A page served without its data blocks (e.g. one the first-page step could not render): the visitor asks for
    /_dash-layout and /_dash-dependencies as the renderer then does."""
    monkeypatch.setattr(load_user, "BOOT_MARKS", {route: b"<no such block" for route in load_user.BOOT_MARKS})
    v, transport, problems = visitor(client, "en")
    v.open_page("/map", full=True)
    assert [name for name, _ in transport.sent] == ["page /map", "/_dash-layout", "/_dash-dependencies"]
    assert v.deps is not None and v.page.types and problems == []


# Each view's controls, changed once each (values from the control's own options), in the language given:
# every callback the renderer would send for that change, and the ones their outputs fire.
@pytest.mark.parametrize("view,lang", [("/map", "ru"), ("/remittances", "en"), ("/corridors", "ru"),
                                       ("/country/UZB", "en"), ("/key-figures", "ru")])
def test_every_control_of_a_view_sends_callbacks_the_app_answers(client, view, lang):
    v, transport, problems = visitor(client, lang, seed=len(view))
    page = v.open_page(view, full=True)
    found = controls(page, v.deps)
    assert found, f"{view}: the benchmark found no control to use"
    for control in found:
        if v.page.path != view:  # a control navigated (the profile's country selector): back to the view
            v.navigate(view)
        before = len(transport.sent)
        v.interact(control)
        assert len(transport.sent) > before, f"{view}: changing {control} sent no callback"
    assert problems == [], problems
    assert any(name.startswith("cb ") and status == 200 for name, status in transport.sent)


def test_random_visits_in_both_languages_get_no_error(client):
    """The locustfile's own schedule (pages, controls, embeds, CSVs), a fixed seed."""
    for lang in load_user.LANGS:
        v, transport, problems = visitor(client, lang, seed=7)
        for _ in range(25):
            v.act()
        assert problems == [], problems
        assert len(transport.sent) >= 25


@pytest.mark.parametrize("lang", load_user.LANGS)
def test_embeds_and_csvs_of_the_mix_answer(client, lang):
    for path in load_user.EMBEDS:
        response = client.get(path.format(iso3="KAZ") + f"?lang={lang}")
        assert response.status_code == 200, path
    for name in load_user.DATA_CSVS:
        response = client.get(f"/data/{name}.csv?lang={lang}")
        assert response.status_code == 200 and response.mimetype == "text/csv", name


def test_a_page_the_html_carries_is_used_without_asking_the_router():
    page = {"type": "Div", "namespace": "dash_html_components", "props": {"id": "x", "children": [
        {"type": "Dropdown", "namespace": "dash_core_components", "props": {"id": "pick", "value": "a"}}]}}
    html = (b'<html><body><script type="application/json" id="camr-first-page">'
            + json.dumps({"pathname": "/map", "search": "", "page": page}).replace("<", "\\u003c").encode()
            + b"</script></body></html>")
    assert load_user._first_page(html) == page
    assert load_user._first_page(b"<html></html>") is None


def test_a_visitor_revalidates_what_it_has_like_a_browser(client):
    v, transport, problems = visitor(client, "ru")
    v.open_page("/corridors", full=True)
    first = len(v.page.types)
    v.open_page("/corridors", full=True)  # a reload: every GET revalidated, answered 304, the copy used
    assert transport.sent[-1:] == [("page /corridors", 304)]
    assert len(v.page.types) == first and problems == []


def test_an_error_reply_is_a_problem():
    assert problem(Reply(304, {}, b"")) is None  # a GET revalidated
    assert problem(Reply(304, {}, b""), callback=True) == "HTTP 304"
    assert problem(Reply(500, {}, b"")) == "HTTP 500"
    assert problem(Reply(0, {}, b"")) == "HTTP 0"  # a connection cut (a killed worker)
    assert problem(Reply(200, {}, b'{"sideUpdate": {"error-toast": {"is_open": true}}}'), callback=True)
    assert problem(Reply(204, {}, b""), callback=True) is None


def test_a_callback_answer_cut_short_is_no_update_for_the_visitor():
    v = Visitor(None)
    assert v._answer(Reply(200, {}, b"")) == {} and v._answer(Reply(200, {}, b'{"respo')) == {}
    assert v._answer(Reply(200, {}, b'{"response": {"a": {"children": 1}}}')) == {"a": {"children": 1}}


# -- the load generator's own work, done once (bench/load_user.py: _loads, components, dependencies) ----------------
def test_equal_answers_are_decoded_once_and_their_components_found_once():
    body = json.dumps({"response": {"page": {"children": {"type": "Dropdown", "namespace": "dcc", "props": {
        "id": "pick", "value": "a", "options": ["a", "b"] * 300}}}}}).encode()
    first, again = load_user._loads(body), load_user._loads(bytes(bytearray(body)))  # equal bytes, another object
    assert first is again and first == json.loads(body)
    tree = first["response"]["page"]["children"]
    assert load_user.components(tree)[1] is load_user.components(tree)[1]
    assert load_user.components(tree) == ({"pick": "Dropdown"}, {("pick", "id"): "pick", ("pick", "value"): "a",
                                                                 ("pick", "options"): ["a", "b"] * 300})
    assert load_user._loads(b"[1]") == [1]  # small bodies: decoded each time
    with pytest.raises(ValueError):
        load_user._loads(body[:-3])  # a body cut short still fails (the visitor treats it as no update)


def test_a_visitor_sends_the_same_requests_with_its_decodings_kept_or_not(client, monkeypatch):
    """Keeping decoded answers changes the load generator's CPU, never what a visitor sends."""
    def run():
        sent = []
        transport = ClientTransport(client)
        post = transport.post
        transport.post = lambda path, body, name: (sent.append((name, json.dumps(body, sort_keys=True))),
                                                   post(path, body, name))[1]
        v = Visitor(transport, random.Random(3))
        v.lang = "ru"
        for _ in range(12):
            v.act()
        return [name for name, _ in transport.sent], sent

    kept = run()
    monkeypatch.setattr(load_user, "MEMO_MIN_BYTES", 10**12)  # nothing decoded is kept
    monkeypatch.setattr(load_user, "COMPONENTS_KEPT", 0)
    assert run() == kept


def test_the_bench_offers_well_over_the_goal_and_its_wait_option_works():
    """bench_load imports locust (which patches the standard library with gevent): checked in a subprocess."""
    import subprocess
    import sys

    code = ("from bench import bench_load, locustfile as lf\n"
            "from bench.bench_load import RunResult, mean_wait, offered_ceiling\n"
            "r = RunResult('x', 60, [], [], 0, 0, 0, 0, (0,0,0), (0,0,0), None, actions=1000, action_requests=1500, users=100,"
            " mean_wait=mean_wait(lf.DashboardVisitor))\n"
            "print(round(r.mean_wait, 2), round(offered_ceiling(r)))\n"
            "lf.DashboardVisitor.wait_time = lf.between(0.5, 1.5)\n"  # what main() does for --wait 0.5 1.5
            "print(round(mean_wait(lf.DashboardVisitor), 1))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[1]))
    assert out.returncode == 0, out.stderr[-2000:]
    default_wait, ceiling, other_wait = out.stdout.split()
    assert abs(float(default_wait) - 0.3) < 0.03  # 0.1–0.5 s
    assert float(ceiling) > 1.5 * 300  # 100 visitors × 1.5 requests per action ÷ 0.3 s ≈ 500/s
    assert float(other_wait) == 1.0


def test_the_load_generator_moves_what_survives_a_young_collection_out_of_the_collectors_reach():
    """bench/locustfile.py: objects alive after a young collection are frozen (later collections never walk the
    decoded answers the visitors keep); LOAD_GC_FREEZE=0 keeps Python's behaviour. In a subprocess (locust patches
    the standard library); the requests a visitor sends do not depend on it (see the memo test above)."""
    import os
    import subprocess
    import sys

    code = ("import gc\nfrom bench import locustfile\n"
            "kept = [[i] for i in range(50_000)]\n"  # more than a young generation's threshold, alive
            "gc.collect(0)\n"
            "print(gc.get_freeze_count() >= 50_000, len(kept))\n")
    root = str(__import__("pathlib").Path(__file__).resolve().parents[1])
    answers = []
    for setting in ("1", "0"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=root,
                             env={**os.environ, "LOAD_GC_FREEZE": setting})
        assert out.returncode == 0, out.stderr[-2000:]
        answers.append(out.stdout.split()[0])
    assert answers == ["True", "False"]


def test_the_corridors_table_is_asked_for_as_the_browser_asks_for_it(client):
    """The corridors' table (callbacks/tables.table_request_js): nothing while closed; opened, its rows for the page's
    selection; a new selection while open, the new rows; the card's corridor (the page state changes, not the
    selection) or closing and reopening, nothing."""
    from callbacks.corridors import TABLE_KEYS
    from layouts.ids import Corridors

    assert load_user.CORRIDORS_TABLE_KEYS == TABLE_KEYS
    v, transport, problems = visitor(client, "ru", seed=3)
    page = v.open_page("/corridors", full=True)
    table = next(c for c in controls(page, v.deps) if c.cid == Corridors.FLOWS_TABLE)
    by_id = {c.cid: c for c in controls(page, v.deps)}

    def tables_sent(action) -> list:
        before = len(transport.sent)
        action()
        return [status for name, status in transport.sent[before:] if name == f"cb {Corridors.FLOWS_TABLE_BODY}"]

    assert tables_sent(lambda: v.interact(by_id[Corridors.YEAR], 2000)) == []  # closed: no table request
    assert tables_sent(lambda: v.interact(table, True)) == [200]
    body = v.page.values[(Corridors.FLOWS_TABLE_BODY, "children")]
    assert "Казахстан" in json.dumps(body, ensure_ascii=False)
    assert v.page.values[(Corridors.FLOWS_TABLE_REQUEST, "data")]["state"]["year"] == 2000
    assert tables_sent(lambda: v.interact(by_id[Corridors.SEX], "female")) == [200]  # open: the new selection's
    assert tables_sent(lambda: v.interact(by_id[Corridors.CARD_ORIGIN], "KGZ")) == []  # the card: same rows
    assert tables_sent(lambda: v.interact(table, False)) == []
    assert tables_sent(lambda: v.interact(table, True)) == []  # reopened unchanged: the rows it holds
    assert problems == []
