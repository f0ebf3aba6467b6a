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
