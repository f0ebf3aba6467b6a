"""Answers built at start-up (serving/precompute.py): what they hold equals what the app answers fresh, in both
languages, also to requests that differ only in what the answer does not depend on; a bad plan or a failing
build never stops the app; a selection not built is answered as before."""
from __future__ import annotations

import gzip
import json
import logging

import brotli
import pytest

import app as app_module
from callbacks import map as map_callbacks
from layouts import pages
from layouts.ids import Corridors, Map, Shell
from serving import precompute
from tests.support.callback_requests import request_for

server = app_module.server
client = server.test_client()
UPDATE = "/_dash-update-component"
LANGS = ("en", "ru")
MAP_OUTPUT = next(output for output in app_module.app.callback_map if output.startswith(f"..{Map.GRAPH}.figure"))


def default_values(path: str, lang: str) -> dict:
    return precompute.layout_values(pages.render(path, f"?lang={lang}"))


def map_request(lang: str, changed: str, previous: dict | None = None, **controls) -> dict:
    values = default_values("/map", lang)
    for name, value in controls.items():
        values[f"map-{name}.value"] = value
    if previous is not None:
        values[f"{Shell.PAGE_STATE}.data"] = {**values[f"{Shell.PAGE_STATE}.data"], **previous}
    return request_for(MAP_OUTPUT, values, [f"map-{changed}.value"])


def router_request(path: str, search: str, changed=("url.pathname", "url.search")) -> dict:
    return request_for(f"{Shell.PAGE}.children", {"url.pathname": path, "url.search": search}, list(changed))


def view_sample(lang: str) -> list[dict]:
    """A few one-click selections of the remittances and corridors views, as planned."""
    from callbacks import corridors, remittances

    sample = []
    for module, control in ((remittances, "remittances-measure.value"), (corridors, "corridors-sex.value")):
        bodies = [body for body in precompute.view_bodies(app_module.app, module, lang, ("UZB", "KAZ"))
                  if body["changedPropIds"] == [control]]
        assert bodies, f"no planned request for {control}"
        sample += bodies[:3]
    table = f"{Corridors.FLOWS_TABLE_REQUEST}.data"  # the corridors' table, asked for while open
    sample += [body for body in precompute.view_bodies(app_module.app, corridors, lang, ("UZB", "KAZ"))
               if body["changedPropIds"] == [table]][:3]
    return sample


def sample(lang: str) -> list[dict]:
    return [map_request(lang, "year", year=2010), map_request(lang, "scope", scope="world", indicator="immigrants"),
            map_request(lang, "focus", focus="KGZ"), router_request("/country/TJK", f"?lang={lang}"),
            *view_sample(lang)]


@pytest.fixture(scope="module")
def built():
    return precompute.build(app_module.app, [body for lang in LANGS for body in sample(lang)])


def decoded(answer: precompute.Answer) -> bytes:
    data = brotli.decompress(answer.br)
    assert gzip.decompress(answer.gzip) == data
    return data


def fresh(body: dict) -> bytes:
    """The app's own answer, built now (the response cache is bypassed the way start-up's requests bypass it)."""
    response = client.post(UPDATE, json=body, environ_overrides={precompute.ENVIRON_KEY: precompute.Precomputed()})
    assert response.status_code == 200, response.data[:300]
    return response.data


@pytest.mark.parametrize("lang", LANGS)
def test_precomputed_answers_equal_fresh_ones(built, lang):
    bodies = sample(lang)
    assert built.skipped == 0
    for body in bodies:
        answer = built.answers[built.key(body)]
        assert decoded(answer) == fresh(body), body["output"][:60]
    assert json.loads(decoded(built.answers[built.key(bodies[0])]))["response"][Shell.PAGE_STATE]["data"]["lang"] == lang


@pytest.mark.parametrize("lang", LANGS)
def test_a_map_answer_does_not_depend_on_the_selection_before(built, lang):
    """The map's selector serves a year, extent or focus answer whatever was selected before: still the answer the
    app builds for that request."""
    before = {"indicator": "immigrants_pct", "year": 1990, "scope": "world", "focus": "AFG"}
    for body in (map_request(lang, "year", before, year=2010), map_request(lang, "focus", before, focus="KGZ"),
                 map_request(lang, "scope", before, scope="world", indicator="immigrants")):
        answer = built.answers.get(built.key(body))
        assert answer is not None
        assert json.loads(decoded(answer)) == json.loads(fresh(body))


def test_router_answer_whichever_part_of_the_address_changed(built):
    body = router_request("/country/TJK", "?lang=ru", changed=["url.pathname"])
    assert json.loads(decoded(built.answers[built.key(body)])) == json.loads(fresh(body))
    assert built.key(router_request("/country/TJK", "?lang=ru", changed=["url.search"])) is None


@pytest.fixture()
def serving_built(built, monkeypatch):
    store = server.extensions["camr_precomputed"]
    monkeypatch.setattr(store, "answers", built.answers)
    monkeypatch.setattr(store, "selectors", built.selectors)
    return store


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
def test_the_callback_route_sends_a_precomputed_answer_as_the_client_accepts(serving_built, encoding):
    body = map_request("ru", "year", year=2010)
    response = client.post(UPDATE, json=body, headers={"Accept-Encoding": encoding})
    assert response.status_code == 200
    assert response.headers["X-Cache"] == "precomputed"
    assert response.headers.get("Content-Encoding", "identity") == encoding
    assert "Accept-Encoding" in response.headers.get("Vary", "")
    data = {"br": brotli.decompress, "gzip": gzip.decompress}.get(encoding, lambda raw: raw)(response.data)
    assert json.loads(data) == json.loads(fresh(body))


@pytest.mark.parametrize("lang", LANGS)
def test_gzip_and_identity_bodies_are_those_a_kept_gzip_copy_gave(serving_built, lang):
    """Answers are kept as brotli only: a gzip-only client gets the very bytes the gzip copy kept beside them was
    (level 6, no timestamp), a client taking neither the answer itself, byte for byte."""
    for body in sample(lang):
        answer = serving_built.find(body)
        plain = brotli.decompress(answer.br)
        assert plain == fresh(body)
        for encoding, expected in (("gzip", gzip.compress(plain, compresslevel=precompute.GZIP_LEVEL, mtime=0)),
                                   ("identity", plain)):
            response = client.post(UPDATE, json=body, headers={"Accept-Encoding": encoding})
            assert response.headers["X-Cache"] == "precomputed"
            assert response.data == expected, (encoding, body["output"][:60])


def test_answers_keep_no_gzip_copy(built):
    answer = next(iter(built.answers.values()))
    assert "gzip" not in vars(answer)
    assert built.stats()["compressed_bytes"] == sum(len(a.br) for a in built.answers.values())


def test_a_selection_not_precomputed_is_answered_as_before(serving_built):
    body = map_request("en", "year", {"focus": "UZB"}, year=2000, focus="UZB")  # focus mode: not built
    assert serving_built.key(body) not in serving_built.answers
    response = client.post(UPDATE, json=body)
    assert response.status_code == 200
    assert response.headers["X-Cache"] in ("miss", "hit")
    assert json.loads(response.data)["response"][Shell.PAGE_STATE]["data"]["focus"] == "UZB"


@pytest.mark.parametrize("year, changed", [(2012.5, ["map-year.value"]), ("2010", ["map-year.value"]),
                                           (2010, ["map-year.value", "map-focus.value"]), (2010, []),
                                           (2010, ["nope.value"])])
def test_map_requests_whose_answer_depends_on_more_are_not_looked_up(year, changed):
    values = {f"map-{name}.value": value for name, value in
              (("indicator", "emigrants"), ("year", year), ("scope", "region"), ("focus", None))}
    inputs, state = values, {f"{Shell.PAGE_STATE}.data": {"lang": "en", "year": 2024}}
    assert map_callbacks.selection(inputs, state, changed) is None


def test_bad_plans_are_skipped_and_never_stop_the_build(caplog):
    good = map_request("en", "year", year=1995)
    bad = [{"output": "nope.children", "outputs": {"id": "nope", "property": "children"}, "inputs": [],
            "changedPropIds": []},
           {**good, "inputs": "not a list"},
           {"output": MAP_OUTPUT},
           router_request("/country/XYZ", "?lang=en")]  # a polite "no such country" page: an answer, kept
    with caplog.at_level(logging.WARNING):
        store = precompute.build(app_module.app, [*bad, good])
    assert store.answers[store.key(good)]
    assert len(store.answers) == 2
    assert store.skipped == 1  # the unknown output was answered 400: nothing kept (the others had no key)


def test_a_plan_that_cannot_be_made_is_logged_and_left_out(monkeypatch, caplog):
    monkeypatch.setattr(precompute, "view_bodies", lambda *args: (_ for _ in ()).throw(RuntimeError("boom")))
    with caplog.at_level(logging.WARNING):
        bodies = list(precompute.planned_bodies(app_module.app, ("en",)))
    assert bodies and all(body["output"] == f"{Shell.PAGE}.children" for body in bodies)
    assert "no plan" in caplog.text


def test_a_failing_building_process_costs_its_share_only(monkeypatch, caplog):
    def broken_build(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(precompute, "build", broken_build)
    store = precompute.Precomputed()
    with caplog.at_level(logging.WARNING):
        precompute.build_in_children(app_module.app, store, processes=1)
    assert store.answers == {}
    assert "share was lost" in caplog.text


@pytest.mark.parametrize("value, setting", [(None, "on"), ("1", "on"), ("0", "off"), ("off", "off"), ("no", "off"),
                                            ("all", "all"), ("ALL", "all")])
def test_switched_off_or_widened_by_environment(monkeypatch, value, setting):
    if value is None:
        monkeypatch.delenv(precompute.ENV, raising=False)
    else:
        monkeypatch.setenv(precompute.ENV, value)
    assert precompute.setting() == setting
    assert precompute.enabled() is (setting != "off")


def test_every_country_profile_only_when_asked(monkeypatch):
    monkeypatch.setattr(precompute, "view_bodies", lambda *args: iter(()))
    def profiles(**kwargs):
        return {(body["inputs"][0]["value"], body["inputs"][1]["value"])
                for body in precompute.planned_bodies(app_module.app, LANGS, **kwargs)
                if body["inputs"][0]["value"].startswith("/country/")}

    targets, every = profiles(), profiles(every_country=True)
    assert ("/country/KGZ", "?lang=ru") in targets and ("/country/KGZ", "") in targets
    assert ("/country/BRA", "?lang=en") not in targets
    assert {("/country/BRA", "?lang=en"), ("/country/BRA", "?lang=ru")} <= every
    assert ("/country/WLD", "?lang=en") not in every  # aggregates have no profile of their own


def test_options_one_click_away():
    values = {"a.marks": {"1990": "1990", "2024": "2024"},
              "b.options": [{"label": code, "value": code} for code in ["AFG", "ALB", "KGZ", *map(str, range(30))]],
              "c.options": [{"label": str(year), "value": year} for year in range(2024, 1970, -1)],
              "d.options": ["x", "y"]}
    assert precompute.option_values(values, "a", ()) == [1990, 2024]
    assert precompute.option_values(values, "b", ("KGZ", "AFG")) == ["AFG", "KGZ"]  # a long list of countries
    assert precompute.option_values(values, "c", ("KGZ",)) == list(range(2024, 2012, -1))  # the latest dozen
    assert precompute.option_values(values, "d", ()) == ["x", "y"]
    assert precompute.option_values(values, "nope", ()) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_corridors_table_is_built_for_the_default_page_and_each_selection_one_click_away(lang):
    """A reader who opens the table of corridors on the default page, or opens it and changes one control, finds its
    answer built: the default selection's table and each one-click selection's (every year, sex, mode and revision),
    looked up by selection whatever else the page state holds."""
    from callbacks import corridors

    built = precompute.Precomputed(selectors=precompute.selectors(app_module.app))
    output = f"{Corridors.FLOWS_TABLE_BODY}.children"
    keys = {built.key(body) for body in precompute.view_bodies(app_module.app, corridors, lang, ("UZB", "KAZ"))
            if body["output"] == output}
    page_state = default_values("/corridors", lang)[f"{Shell.PAGE_STATE}.data"]
    asked = {"state": {**corridors.table_request(page_state)["state"], "corridor": "KGZ-RUS"}}
    assert built.key(request_for(output, {f"{Corridors.FLOWS_TABLE_REQUEST}.data": asked},
                                 [f"{Corridors.FLOWS_TABLE_REQUEST}.data"])) in keys  # opened on the default page
    found = {key.split(":", 2)[2] for key in keys}
    assert any("mode='origin', origin='UZB'" in key for key in found)
    assert any("mode='destination'" in key and "destination='RUS'" in key for key in found)
    assert any("source='undesa_ims_2020'" in key for key in found) and any("sex='female'" in key for key in found)
    assert len({key for key in found if "mode='default'" in key and "sex='total'" in key}) >= 7  # each year
    assert len(keys) < 40  # the origin and destination lists change no table outside their mode: built once
