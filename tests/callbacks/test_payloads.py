"""Wrongly shaped callback payloads (a forged request, a stale page): every server callback treats them as no or an
invalid selection and answers with the view's default — it never raises into the app's error handler."""
from __future__ import annotations

import json
import logging

import pytest

import app as app_module
from state import LANG, Param, as_dict, as_text, choice, clicked, read_payload
from tests.support.callback_requests import dependencies, outputs_of

# The shapes of issue 13: click data [null], the page state as a string, a list where a string is expected, a dict
# where a number is expected, a number where a list is expected, an integer beyond 64 bits, a lone surrogate.
BAD = [[None], "page-state", ["UZB"], {"year": 2020}, 7, True, 2 ** 70, "\ud800", {"points": [None]},
       {"points": "x"}]
SERVER_CALLBACKS = [cb for cb in dependencies() if not cb.get("clientside_function")]


class Failures(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record):
        self.seen.append(f"{record.getMessage()}: {record.exc_info[1] if record.exc_info else ''!r}")


@pytest.fixture
def failures():
    handler = Failures()
    logger = logging.getLogger("callbacks.routing")
    logger.addHandler(handler)
    yield handler.seen
    logger.removeHandler(handler)


@pytest.mark.parametrize("cb", SERVER_CALLBACKS, ids=[cb["output"][:50] for cb in SERVER_CALLBACKS])
def test_every_server_callback_takes_wrongly_shaped_input_without_failing(cb, failures):
    client = app_module.server.test_client()
    deps = cb["inputs"] + cb["state"]
    for position in range(len(deps)):
        for bad in BAD:
            entries = [{"id": d["id"], "property": d["property"], "value": bad if i == position else None}
                       for i, d in enumerate(deps)]
            body = {"output": cb["output"], "outputs": outputs_of(cb["output"]),
                    "inputs": entries[:len(cb["inputs"])], "state": entries[len(cb["inputs"]):],
                    "changedPropIds": [f"{d['id']}.{d['property']}" for d in cb["inputs"]]}
            response = client.post("/_dash-update-component", data=json.dumps(body),
                                   content_type="application/json")
            assert response.status_code < 500, (deps[position], bad)
            assert not failures, (deps[position], bad, failures)


def test_payload_helpers_read_wrong_shapes_as_no_selection():
    assert as_dict("page-state") == {} and as_dict([1]) == {} and as_dict({"a": 1}) == {"a": 1}
    assert as_text(["UZB"]) is None and as_text(5) is None and as_text("UZB") == "UZB"
    assert clicked([None], "location") is None
    assert clicked({"points": [None]}, "location") is None
    assert clicked({"points": "x"}, "location") is None
    assert clicked({"points": [{"location": "UZB"}]}, "location") == "UZB"


def test_read_payload_gives_the_defaults_the_url_would():
    params = [LANG, Param("scope", "region", choice(("region", "world"))), Param("n", 1, int),
              Param("codes", ("A",), choice(("A", "B")), multi=True)]
    defaults = {"lang": "en", "scope": "region", "n": 1, "codes": ("A",)}
    assert read_payload("page-state", params) == defaults
    assert read_payload({"lang": ["ru"], "scope": {"x": 1}, "n": {"y": 2}, "codes": 7}, params) == defaults
    assert read_payload({"n": True, "scope": 2 ** 70}, params) == defaults
    valid = {"lang": "ru", "scope": "world", "n": 3, "codes": ["B", "A"]}
    assert read_payload(valid, params) == {**valid, "codes": ("B", "A")}
    assert read_payload({"codes": ["B", None, ["A"]]}, params)["codes"] == ("B",)  # the bad items left out
    assert read_payload({"codes": []}, params, keep_empty_lists=True)["codes"] == ()
