"""Callbacks looked up by their selection (callbacks/selections.py): requests with the same controls and language
but different page states (what the user clicked before, another view's state) get the same answer, so one stored
answer may serve them all; another language is another selection and another answer."""
from __future__ import annotations

import json

import pytest

import app as app_module
from callbacks import corridors, remittances
from callbacks.selections import PAGE_STATE
from layouts import pages
from serving import precompute
from serving.cache import selection_of

app = app_module.app
client = app_module.server.test_client()
UPDATE = "/_dash-update-component"
SELECTORS = precompute.selectors(app)


def fresh(body: dict) -> bytes:
    """The app's answer built now (past every store, as start-up's own requests)."""
    response = client.post(UPDATE, json=body, environ_overrides={precompute.ENVIRON_KEY: precompute.Precomputed()})
    assert response.status_code == 200, response.data[:300]
    return response.data


def page_state(path: str, lang: str) -> dict:
    return precompute.layout_values(pages.render(path, f"?lang={lang}"))[PAGE_STATE]


def with_page_state(body: dict, state) -> dict:
    body = json.loads(json.dumps(body))
    for item in body["state"]:
        if f"{item['id']}.{item['property']}" == PAGE_STATE:
            item["value"] = state
    return body


def planned(module, lang: str, per_control: int = 2) -> list[dict]:
    """A few one-click requests of each control to callbacks with a selector."""
    found: dict[tuple, list] = {}
    for body in precompute.view_bodies(app, module, lang, ("UZB", "TJK", "RUS")):
        if body["output"] in SELECTORS:
            found.setdefault((body["output"], tuple(body["changedPropIds"])), []).append(body)
    return [body for bodies in found.values() for body in bodies[:per_control]]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("module", [remittances, corridors], ids=["remittances", "corridors"])
def test_a_selection_is_answered_the_same_from_any_page_state(module, lang):
    bodies = planned(module, lang)
    assert {body["output"] for body in bodies} >= {output for output in SELECTORS
                                                   if output.lstrip(".").startswith(module.PRECOMPUTE_PATH[1:])}
    other = "/map" if module is not corridors else "/remittances"
    written = (json.loads(fresh(body))["response"].get("page-state") for body in reversed(bodies))
    later = next(found["data"] for found in written if found)  # the state another click of this view writes
    states = [page_state(other, lang), {"lang": lang}, later]
    for body in bodies:
        selection = selection_of(SELECTORS, body)[0]
        assert selection is not None
        answer = fresh(body)
        for state in states:
            variant = with_page_state(body, state)
            assert selection_of(SELECTORS, variant)[0] == selection
            assert fresh(variant) == answer, (body["output"], body["changedPropIds"], state)


def test_another_language_is_another_selection():
    body = next(body for body in planned(remittances, "en") if "cost" in body["output"])
    russian = with_page_state(body, page_state(remittances.PRECOMPUTE_PATH, "ru"))
    assert selection_of(SELECTORS, russian)[0] != selection_of(SELECTORS, body)[0]
    assert fresh(russian) != fresh(body)


def test_the_flows_depend_on_which_control_changed_and_a_year_between_marks_is_not_looked_up():
    body = next(body for body in planned(corridors, "en") if body["output"].startswith("..corridors-map.figure")
                and body["changedPropIds"] == ["corridors-sex.value"])
    by_year = {**body, "changedPropIds": ["corridors-year.value"]}
    assert selection_of(SELECTORS, by_year)[0] != selection_of(SELECTORS, body)[0]
    assert fresh(by_year) != fresh(body)  # the source block is sent only when the revision or sex changed
    between = json.loads(json.dumps(body))
    next(item for item in between["inputs"] if item["id"] == "corridors-year")["value"] = 2022
    assert selection_of(SELECTORS, between)[0] is None


def test_the_response_cache_serves_one_answer_to_every_path_to_a_selection():
    body = next(body for body in planned(remittances, "ru") if "trend-info" in body["output"])
    first = client.post(UPDATE, json=with_page_state(body, {"lang": "ru", "measure": "usd"}),
                        headers={"Accept-Encoding": "br"})
    second = client.post(UPDATE, json=with_page_state(body, page_state("/map", "ru")),
                         headers={"Accept-Encoding": "br"})
    assert first.headers["X-Cache"] in ("miss", "hit") and second.headers["X-Cache"] == "hit"
    assert first.data == second.data
