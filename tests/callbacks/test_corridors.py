"""Corridors callbacks: what each one returns for real selections, forged inputs and clicks, and what `register`
wires (the page state is written by every selection)."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from dash import Dash, Patch, no_update

from callbacks import corridors as wiring
from data.query import get_store
from figures.corridors.comparison import COMPARISON_ROWS
from figures.corridors.map_frame import MAX_ARCS
from figures.corridors.selection import corridor_id
from layouts.ids import Corridors, Shell

PAGE_STATE = {"lang": "en"}
DEFAULT_CONTROLS = dict(year=2024, sex="total", mode="default", origin="UZB", destination="RUS",
                        source="undesa_ims_2024")


@pytest.fixture(scope="module", autouse=True)
def dash_app():
    return Dash(__name__)  # the layout pieces use get_asset_url, which needs an app's config


def flows(scope="region", card=("UZB", "RUS"), triggered=Corridors.YEAR, **controls):
    values = {**DEFAULT_CONTROLS, **controls}
    return wiring.flows_update(values["year"], values["sex"], values["mode"], values["origin"],
                               values["destination"], values["source"], *card, scope, PAGE_STATE,
                               triggered=triggered)


def operations(patch: Patch) -> dict:
    return {tuple(op["location"]): op["params"].get("value") for op in patch.to_plotly_json()["operations"]}


def sankey_values(patch: Patch) -> dict[str, float]:
    link = operations(patch)[("data",)][0]["link"]
    return dict(zip(link["customdata"], link["value"]))


def test_year_change_patches_arcs_not_geometry():
    figure, sankey, _info, sources, origin_disabled, destination_disabled, scope, state = flows(year=2000)
    assert sources is no_update  # the source block depends on revision and sex only
    ops = operations(figure)
    assert ("data", 0) not in ops and ("data", 0, "z") in ops
    drawn = [ops[("data", i)] for i in range(1, MAX_ARCS + 1) if ops[("data", i)]["lon"]]
    expected = get_store().corridors("stock_total", origins=get_store().group_members("ca5"),
                                     destinations=["RUS", "KAZ"], year=2000)
    expected = expected[expected["origin"] != expected["destination"]]
    assert sorted(t["customdata"][0] for t in drawn) == sorted(
        corridor_id(o, d) for o, d in zip(expected["origin"], expected["destination"]))
    assert sorted(sankey_values(sankey).values()) == sorted(expected["value"])
    assert ("layout",) not in operations(sankey)  # no template or layout re-sent
    assert (origin_disabled, destination_disabled, scope) == (True, True, "region")
    assert state == {"lang": "en", "year": 2000, "sex": "total", "mode": "default", "origin": None,
                     "destination": None, "corridor": "UZB-RUS", "source": "undesa_ims_2024"}


def test_switching_to_a_world_frame_sends_the_world_geometry_once():
    figure, *_, scope, state = flows(mode="origin", origin="UZB")
    assert scope == "world" and state["origin"] == "UZB" and state["mode"] == "origin"
    ops = operations(figure)
    background = ops[("data", 0)]  # the whole background trace, its outlines from the world geometry's URL
    assert background["geojson"].startswith("/geo/world.json?v=") and len(background["locations"]) > 200
    figure, *_ = flows(scope="world", mode="origin", origin="KGZ")
    assert ("data", 0) not in operations(figure)  # already the world: values only


def test_sex_and_revision_reach_the_figures():
    _, sankey, _, sources, *_ = flows(sex="female", year=2020, source="undesa_ims_2020", triggered=Corridors.SEX)
    expected = get_store().corridors("stock_female", origins=["UZB"], destinations=["RUS"], year=2020,
                                     source="undesa_ims_2020")["value"].iloc[0]
    assert sankey_values(sankey)["UZB-RUS"] == expected
    assert "International Migrant Stock 2020" in str(sources.to_plotly_json())


def test_forged_controls_fall_back_to_defaults():
    *_, scope, state = flows(year="<script>", sex="x", mode="y", source="z", card=("<b>", None))
    assert state["year"] == 2024 and state["sex"] == "total" and state["mode"] == "default"
    assert state["source"] == "undesa_ims_2024" and state["corridor"] is None and scope == "region"


def test_card_update_renders_the_chosen_corridor_and_writes_it_to_the_url():
    body, state = wiring.card_update("TJK", "RUS", "undesa_ims_2024", 2024, "total", "default", "UZB", "RUS",
                                     PAGE_STATE)
    assert body.to_plotly_json()["props"]["data-corridor"] == "TJK-RUS"  # sent as the JSON kept per corridor
    assert state["corridor"] == "TJK-RUS" and state["origin"] is None


@pytest.mark.parametrize("origin, destination", [(None, "RUS"), ("UZB", None), ("<img>", "RUS"), ("UZB", 5)])
def test_card_update_ignores_what_is_not_a_corridor(origin, destination):
    assert wiring.card_update(origin, destination, "undesa_ims_2024", 2024, "total", "default", None, None,
                              PAGE_STATE) == (no_update, no_update)


def test_card_of_the_same_country_twice_asks_for_two():
    body, state = wiring.card_update("UZB", "UZB", "undesa_ims_2024", 2024, "total", "default", None, None,
                                     PAGE_STATE)
    assert body.to_plotly_json()["props"]["children"] == "Choose two different countries."
    assert state["corridor"] is None


@pytest.mark.parametrize("click, expected", [
    ({"points": [{"customdata": "UZB-RUS", "curveNumber": 3}]}, ("UZB", "RUS")),
    ({"points": [{"customdata": "kgz-kaz"}]}, ("KGZ", "KAZ")),
    ({"points": [{"customdata": ""}]}, None),  # the Sankey band of the smaller corridors
    ({"points": [{"curveNumber": 31}]}, None),  # a capital's label
    ({"points": []}, None), (None, None), ({"points": [{"customdata": ["UZB-RUS"]}]}, None),
])
def test_clicks_select_a_corridor(click, expected):
    assert wiring.corridor_from_click(click) == expected


def test_downloads_are_the_displayed_data_with_provenance():
    sent = wiring.flows_download(2020, "male", "destination", None, "KAZ", "undesa_ims_2024", PAGE_STATE)
    table = pd.read_csv(io.StringIO(sent["content"]))
    assert sent["filename"] == "central-asia-corridors.csv"
    assert set(table["destination"]) == {"KAZ"} and set(table["measure"]) == {"stock_male"}
    assert {"source", "publisher", "vintage", "licence"} <= set(table.columns)
    card = wiring.card_download("UZB", "RUS", "undesa_ims_2020")
    assert card["filename"] == "corridor-UZB-RUS.csv"
    assert "remittances_usd" in card["content"] and "Rev.2020" in card["content"]
    assert wiring.card_download("UZB", "UZB", "undesa_ims_2024") is None
    assert wiring.card_download("<x>", "RUS", "undesa_ims_2024") is None
    comparison = pd.read_csv(io.StringIO(wiring.comparison_download()["content"]))
    assert set(comparison["source"]) == {s.source for s in COMPARISON_ROWS}


def test_register_wires_every_selection_to_the_page_state():
    app = Dash(__name__, suppress_callback_exceptions=True)
    wiring.register(app)
    keys = list(app.callback_map)
    assert sum(f"{Shell.PAGE_STATE}.data" in key for key in keys) == 2  # flows and card
    inputs = {i["id"] for callback in app.callback_map.values() for i in callback["inputs"]}
    assert set(wiring.CONTROLS) | {Corridors.CARD_ORIGIN, Corridors.CARD_DESTINATION, Corridors.MAP,
                                   Corridors.SANKEY} <= inputs
    outputs = " ".join(keys)
    for target in (Corridors.FLOWS_DOWNLOAD, Corridors.CARD_DOWNLOAD, Corridors.COMPARISON_DOWNLOAD,
                   Corridors.CARD_ORIGIN, Corridors.MAP):
        assert target in outputs


def test_a_keyboard_step_of_the_year_slider_lands_on_the_next_year_with_data():
    from callbacks.corridors import snapped_year

    assert snapped_year(2019.8, {"year": 2020}) == 2015
    assert snapped_year(2015, {"year": 2020}) is None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_downloads_are_the_bytes_pandas_wrote(lang):
    """The CSVs written without frames are byte for byte what pandas' to_csv of the frames wrote (as sent by
    dcc.send_data_frame), for every year, sex and mode of each revision and cards of many corridors."""
    from dash import dcc

    from figures.corridors.selection import revision_sources, stock_years
    from layouts.corridors.card import card_csv
    from layouts.corridors.comparison import comparison_csv
    from layouts.corridors.flows import flows_csv
    from layouts.corridors.params import selection_from, state_from_controls

    page = {"lang": lang}
    store = get_store()
    count = 0
    for source in revision_sources(store):
        for index, year in enumerate((*stock_years(store, source), 2024)):
            sex = ("total", "female", "male")[index % 3]
            code = ("KAZ", "UZB", "RUS", "USA", "TJK", "DEU", "CHN", "TUV", "KGZ")[index]
            for mode in ("default", "origin", "destination"):
                sent = wiring.flows_download(year, sex, mode, code, code, source, page)
                state = state_from_controls(lang, year, sex, mode, code, code, source, None, None)
                frame = flows_csv(selection_from(state), lang)
                assert sent == dcc.send_data_frame(frame.to_csv, "central-asia-corridors.csv", index=False)
                count += len(frame)
    assert count > 500
    for origin in ("UZB", "KGZ", "TJK", "KAZ", "TKM", "AFG", "UKR", "USA", "TUV", "CHN"):
        for destination in ("RUS", "KAZ", "USA", "DEU", "TUR", "UZB"):
            for source in revision_sources(store):
                sent = wiring.card_download(origin, destination, source, lang)
                if origin == destination:
                    assert sent is None
                    continue
                frame = card_csv(origin, destination, source, lang)
                assert sent == dcc.send_data_frame(frame.to_csv, f"corridor-{origin}-{destination}.csv",
                                                   index=False), (origin, destination, source)
    assert wiring.comparison_download(lang) == dcc.send_data_frame(
        comparison_csv(lang).to_csv, "central-asians-in-russia-by-source.csv", index=False)


def test_a_csv_written_without_a_frame_quotes_and_leaves_empty_as_pandas_does():
    from layouts.corridors.parts import csv_text
    columns = ["origin", "name", "year", "value", "source"]
    rows = [("A", 'Say "hi", then\nleave', 2020, 1234567.0, None), ("B", "x;y", 1990, float("nan"), "s"),
            ("C", "", 2000, 0.1 + 0.2, "s"), ("D", "Кыргызстан", 2024, 1e16, "s"), ("E", "e", 1, 1e-7, "s")]
    assert csv_text(columns, rows) == pd.DataFrame(rows, columns=columns).to_csv(index=False)
    assert csv_text(columns, []) == pd.DataFrame(columns=columns).to_csv(index=False)


def _answer(outputs) -> dict:
    """What Dash sends for the flows callback's outputs (numbered here), those not updated left out."""
    return {"multi": True, "response": {str(place): {"value": value} for place, value in enumerate(outputs)
                                        if value is not no_update}}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_flows_answer_is_the_answer_of_its_components_and_whole_sankey(lang):
    """The flows callback sends its Sankey, notes and table, and sources as JSON written once (Fragments spliced
    into the answer): the answer's bytes equal those of the page's components and the patch of the page's whole
    Sankey, encoded by plotly's encoder (Dash's), for random selections of every mode, year, sex and revision."""
    import random

    from plotly.io.json import to_json_plotly

    from figures.corridors.sankey import patch_sankey
    from layouts.corridors.flows import flows_info, flows_sources, flows_view
    from layouts.corridors.params import selection_from
    from serving.fast_json.answer import to_json

    chance = random.Random(f"flows-{lang}")
    codes = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "CHN", "TUR", "UKR", "USA", "DEU", "IND", "TUV"]
    for _ in range(30):
        mode = chance.choice(["default", "origin", "destination"])
        controls = dict(year=chance.choice([1990, 2000, 2010, 2015, 2020, 2024]), sex=chance.choice(
            ["total", "male", "female"]), mode=mode, origin=chance.choice(codes), destination=chance.choice(codes),
            source=chance.choice(["undesa_ims_2024", "undesa_ims_2020"]))
        triggered = chance.choice([Corridors.YEAR, Corridors.SEX, Corridors.SOURCE, Corridors.MODE, None])
        values = {**DEFAULT_CONTROLS, **controls}
        outputs = wiring.flows_update(values["year"], values["sex"], values["mode"], values["origin"],
                                      values["destination"], values["source"], "UZB", "RUS",
                                      chance.choice(["region", "world"]), {"lang": lang}, triggered=triggered)
        view = flows_view(selection_from(outputs[-1]), lang)
        reference = list(outputs)
        reference[1:4] = [patch_sankey(view.sankey), flows_info(view, lang),
                          no_update if outputs[3] is no_update else flows_sources(view, lang)]
        assert to_json(_answer(outputs)) == to_json_plotly(_answer(reference)), controls


def _random_controls(chance):
    codes = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "CHN", "TUR", "UKR", "USA", "DEU", "IND", "TUV"]
    return dict(year=chance.choice([1990, 2000, 2010, 2015, 2020, 2024]), sex=chance.choice(["total", "male", "female"]),
                mode=chance.choice(["default", "origin", "destination"]), origin=chance.choice(codes),
                destination=chance.choice(codes), source=chance.choice(["undesa_ims_2024", "undesa_ims_2020"]))


@pytest.mark.parametrize("bad", [None, {}, [], "x", {"state": None}, {"state": ["UZB"]}, {"x": {"lang": "en"}}])
def test_the_table_is_built_only_when_its_reader_asks_for_it(bad):
    """Closed, the table costs nothing: the flows answer carries no row, and a request that is not the open table's
    (no page state passed on) is answered with nothing to update."""
    from dash.exceptions import PreventUpdate

    with pytest.raises(PreventUpdate):
        wiring.flows_table(bad)
    _, _, info, *_ = flows(mode="origin", origin="CHN", scope="world")
    assert b'"Tr"' not in info.raw and b'"Table"' not in info.raw and b'"Details"' not in info.raw


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_open_table_shows_the_corridors_of_the_selection_on_the_map(lang):
    """After each flows answer the browser passes the page state it wrote on to the open table (TABLE_KEYS of it):
    the table's answer is byte for byte the components of every corridor of the map's selection (the table the flows
    answer carried before, `flows_table` of the view's rows), encoded as Dash encodes answers, for random selections
    of every mode, year, sex and revision; and the table depends on nothing else of the page state."""
    import random

    from plotly.io.json import to_json_plotly

    from layouts.corridors.flows import flows_table, flows_view
    from layouts.corridors.params import selection_from
    from serving.fast_json.answer import to_json

    chance = random.Random(f"table-{lang}")
    rows = 0
    for _ in range(30):
        values = {**DEFAULT_CONTROLS, **_random_controls(chance)}
        outputs = wiring.flows_update(values["year"], values["sex"], values["mode"], values["origin"],
                                      values["destination"], values["source"], "UZB", "RUS", "world", {"lang": lang},
                                      triggered=Corridors.YEAR)
        state = outputs[-1]
        asked = wiring.table_request(state)
        assert set(asked["state"]) == set(wiring.TABLE_KEYS) and asked["state"]["lang"] == lang
        view = flows_view(selection_from(state), lang)
        answer = {"multi": True, "response": {Corridors.FLOWS_TABLE_BODY: {"children": wiring.flows_table(asked)}}}
        reference = {"multi": True, "response": {Corridors.FLOWS_TABLE_BODY: {"children": flows_table(view.rows,
                                                                                                       lang)}}}
        assert to_json(answer) == to_json_plotly(reference), values
        other = {**state, "corridor": "KGZ-KAZ", "extra": 1}  # the card's corridor, anything else: the same table
        assert wiring.flows_table(wiring.table_request(other)).raw == wiring.flows_table(asked).raw
        rows += len(view.rows)
    assert rows > 300


def test_one_stored_table_serves_every_request_of_its_selection():
    """The table's answers are looked up by selection and language (PRECOMPUTE_SELECTORS): the same for any other
    value of the page state, a forged value read as its default, as the table built for it is."""
    selector = wiring.PRECOMPUTE_SELECTORS[f"{Corridors.FLOWS_TABLE_BODY}.children"]
    prop = f"{Corridors.FLOWS_TABLE_REQUEST}.data"

    def key(state):
        return selector({prop: {"state": state}}, {}, [prop])

    base = {"lang": "ru", "year": 2020, "sex": "male", "mode": "origin", "origin": "TJK", "destination": None,
            "source": "undesa_ims_2024"}
    assert key(base) == key({**base, "corridor": "UZB-RUS", "destination": "KAZ"}) != key({**base, "lang": "en"})
    assert key({**base, "year": "<b>"}) == key({**base, "year": 2024})  # forged: the default, as shown
    assert key({"lang": "en", "origin": "UZB"}) == key({"lang": "en", "mode": "origin", "origin": "UZB"})  # ?origin=
    assert selector({prop: None}, {}, [prop]) is None


def test_register_wires_the_table_to_open_and_fill_only_while_open():
    from callbacks import tables

    app = Dash(__name__, suppress_callback_exceptions=True)
    wiring.register(app)
    fill = app.callback_map[f"{Corridors.FLOWS_TABLE_BODY}.children"]
    assert [i["id"] for i in fill["inputs"]] == [Corridors.FLOWS_TABLE_REQUEST] and not fill.get("state")
    client = {spec["output"]: spec for spec in app._callback_list if spec.get("clientside_function")}
    gate = client[f"{Corridors.FLOWS_TABLE_REQUEST}.data"]
    assert [(i["id"], i["property"]) for i in gate["inputs"]] == [(Corridors.FLOWS_TABLE, "is_open"),
                                                                  (Shell.PAGE_STATE, "data")]
    assert [(i["id"], i["property"]) for i in gate["state"]] == [(Corridors.FLOWS_TABLE_REQUEST, "data")]
    toggle = next(spec for output, spec in client.items() if f"{Corridors.FLOWS_TABLE}.is_open" in output)
    assert all(label in toggle["output"] for label in Corridors.FLOWS_TABLE_LABELS)
    assert [i["id"] for i in toggle["inputs"]] == [Corridors.FLOWS_TABLE_TOGGLE]
    # the browser passes on only the selection of the page state, and only when it changed (callbacks/tables.py)
    assert tables.table_request_js(wiring.TABLE_KEYS).strip() in "".join(app._inline_scripts)
