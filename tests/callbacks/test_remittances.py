"""Remittances callbacks: each one's logic (validated state, outputs equal to the builders', downloads) and wiring."""
from __future__ import annotations

import base64
import io

import numpy as np
import pandas as pd
import pytest
from dash import Dash, no_update
from dash.exceptions import PreventUpdate

from callbacks import remittances as wiring
from data.query import get_store
from figures.remittances.economy import ECONOMY_INDICATORS
from figures.remittances.parts import (CENTRAL_ASIA, DEPRECIATION_INDICATOR, OUTFLOW_INDICATOR, PCT_INDICATOR,
                                       USD_INDICATOR, labels_for, names_for)
from figures.remittances.trend import build_trend_figure, trend_data
from layouts.ids import Remittances as Ids, Shell
from layouts.remittances.params import clean_state, params
from layouts.remittances.trend import trend_figures
from tests.support.plain import figure_of

CA5 = list(CENTRAL_ASIA)
CURRENT = {"lang": "en"}


def decoded(array) -> np.ndarray:
    """A serialised plotly array ({dtype, bdata}, base64) or a plain list, as numbers."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
    return np.asarray(array, dtype=float)


def test_trend_sends_the_curated_values_and_the_full_state():
    trend, outflow, economy, state = wiring.trend(["KGZ", "TJK"], "usd", "off", "default", "log", "2021", CURRENT)
    assert state == {"lang": "en", "countries": ("KGZ", "TJK"), "measure": "usd", "scale": "log",
                     "relative": None, "rank_year": 2021, "source": "default"}
    for trace in trend["data"]:
        curated = get_store().series(USD_INDICATOR, iso3s=[trace["meta"]])
        np.testing.assert_array_equal(decoded(trace["y"]), curated["value"].to_numpy())
    assert trend["layout"]["yaxis"]["type"] == "log"
    assert [trace["meta"] for trace in outflow["data"]] == ["RUS"]
    # Russia's economy does not change with the selection: only its share of the time axis is sent.
    assert economy["__dash_patch_update"] == "__dash_patch_update"  # a Patch, as Dash sends one
    operations = economy["operations"]
    assigned = {tuple(op["location"]): op["params"]["value"] for op in operations}
    assert assigned == {("layout", "xaxis", "range"): trend["layout"]["xaxis"]["range"],
                        ("layout", "margin", "r"): trend["layout"]["margin"]["r"]}


def test_trend_outputs_are_the_built_figures_serialised_on_one_time_axis():
    store = get_store()
    state = clean_state({"lang": "en", "countries": ["KGZ", "WLD"], "measure": "pct"})
    sent, outflow, economy_patch, _ = wiring.trend(["KGZ", "WLD"], "pct", "off", "default", "linear", None, CURRENT)
    data = trend_data(store, PCT_INDICATOR, ("KGZ", "WLD"))
    built = figure_of(build_trend_figure(data, names=names_for(store, data.order, "en"),
                                         source_labels=labels_for(store, data.rows["source"]), unit="%",
                                         scale="linear", lang="en", title="t"))
    assert [t["meta"] for t in sent["data"]] == [t.meta for t in built.data]
    assert [a["text"] for a in sent["layout"]["annotations"]] == [a.text for a in built.layout.annotations]
    years = [*data.rows["year"], *store.series(OUTFLOW_INDICATOR, iso3s=["RUS"])["year"],
             *store.series(DEPRECIATION_INDICATOR, iso3s=["RUS"])["year"]]
    expected = [min(years) - 0.5, max(years) + 0.5]
    assert sent["layout"]["xaxis"]["range"] == outflow["layout"]["xaxis"]["range"] == expected
    trend_figure, outflow_figure, economy = trend_figures(state, "en")
    assert (trend_figure, outflow_figure) == (sent, outflow)
    assert economy["layout"]["xaxis"]["range"] == expected  # the page as first sent: the same axis
    assert economy_patch["operations"][0]["params"]["value"] == expected


@pytest.mark.parametrize("values", [
    dict(countries=["KAZ", "<script>"], measure="euros", relative="1066", source="nope", scale="cubic",
         rank_year="9999"),
    dict(countries=None, measure=None, relative=None, source=None, scale=None, rank_year=None),
])
def test_bad_or_missing_values_become_defaults(values):
    *_, state = wiring.trend(values["countries"], values["measure"], values["relative"], values["source"],
                             values["scale"], values["rank_year"], None)
    defaults = {p.name: p.default for p in params()}
    assert state["measure"] == "pct" and state["scale"] == "linear" and state["relative"] is None
    assert state["source"] == "default" and state["rank_year"] == defaults["rank_year"]
    assert state["countries"] in (("KAZ",), ())  # a list keeps its known codes; none → empty


def test_trend_info_has_both_blocks():
    # sent as the kept JSON (Fragments spliced into the answer): the data they hold
    trend_block, outflow_block = (part.to_plotly_json() for part in
                                  wiring.trend_info(CA5, "pct", "2015", "default", CURRENT))
    assert trend_block["type"] == "Div" and outflow_block["type"] == "Div"
    assert "Not reported: Turkmenistan" in str(trend_block)
    assert "Most remittances to Central Asia are sent from Russia" in str(outflow_block)


def test_scale_sends_patches_not_figures():
    trend_patch, outflow_patch, state = wiring.scale("log", CA5, "usd", "off", "default", 2021, CURRENT)
    assert state["scale"] == "log"
    for patch in (trend_patch, outflow_patch):
        operations = patch.to_plotly_json()["operations"]
        assert {tuple(op["location"]) for op in operations} >= {("layout", "yaxis", "type")}
        assert all(op["location"][0] == "layout" for op in operations)


def test_ranking_changes_with_the_year():
    fig_2021, sentences_2021, _, state = wiring.ranking("2021", "default", CA5, "pct", "linear", "off", CURRENT)
    fig_2010, sentences_2010, _, _ = wiring.ranking("2010", "default", CA5, "pct", "linear", "off", CURRENT)
    assert state["rank_year"] == 2021
    assert "2021" in fig_2021["layout"]["title"]["text"] and "2010" in fig_2010["layout"]["title"]["text"]
    assert fig_2021["data"][0]["y"] != fig_2010["data"][0]["y"]
    assert "in 2021." in str(sentences_2021) and "in 2010." in str(sentences_2010)


def test_cost_follows_the_countries():
    figure, info = wiring.cost(["TJK", "ARM"], CURRENT)
    assert [trace["meta"] for trace in figure["data"] if ":derived" not in trace["meta"]] == ["TJK", "ARM"]
    figure, info = wiring.cost(["TKM"], CURRENT)
    assert figure["data"] == [] and "Turkmenistan" in str(info)


def test_group_and_reset():
    assert wiring.countries_after(Ids.GROUP, "main_destinations", ["TJK"]) == ["TJK", "KAZ", "RUS"]
    assert wiring.countries_after(Ids.RESET, None, ["WLD"]) == CA5
    assert wiring.countries_after(Ids.GROUP, "not-a-group", ["TJK"]) is no_update
    assert wiring.countries_after(Ids.GROUP, None, ["TJK"]) is no_update


@pytest.mark.parametrize("chart, filename", [
    ("trend", "remittances-received-usd.csv"), ("outflow", "remittances-paid-by-russia.csv"),
    ("economy", "russia-economy-and-rouble.csv"),
    ("ranking", "remittances-ranking.csv"), ("cost", "remittances-cost-from-russia.csv"),
])
def test_downloads_are_the_displayed_data_with_provenance(chart, filename):
    current = {"lang": "en", "countries": ["KGZ", "TJK", "TKM"], "measure": "usd", "rank_year": 2021}
    sent = wiring.download(chart, current)
    assert sent["filename"] == filename
    table = pd.read_csv(io.StringIO(sent["content"]))
    assert {"value", "unit", "source", "vintage", "licence"} <= set(table.columns)
    assert len(table) > 0
    if chart == "trend":
        store_rows = get_store().series(USD_INDICATOR, iso3s=["KGZ", "TJK"])
        assert len(table) == len(store_rows) and "TKM" not in set(table["iso3"])
        np.testing.assert_allclose(table["value"].to_numpy(), store_rows["value"].to_numpy(), rtol=1e-12)
    if chart == "ranking":
        assert set(table["year"]) == {2021} and table["rank"].iloc[0] == 1
    if chart == "economy":  # the same whatever the countries: Russia's growth and rouble, 2009–2024
        for indicator in ECONOMY_INDICATORS:
            rows = table[table["indicator"] == indicator]
            store_rows = get_store().series(indicator, iso3s=["RUS"])
            assert list(rows["year"]) == list(store_rows["year"])
            np.testing.assert_array_equal(rows["value"].to_numpy(), store_rows["value"].to_numpy())


def test_register_wires_every_control_and_writes_the_page_state():
    app = Dash(__name__, suppress_callback_exceptions=True)
    wiring.register(app)
    outputs = " ".join(app.callback_map)
    for component_id in (Ids.TREND_GRAPH, Ids.OUTFLOW_GRAPH, Ids.ECONOMY_GRAPH, Ids.RANKING_GRAPH, Ids.COST_GRAPH,
                         Ids.TREND_INFO, Ids.RANKING_SENTENCES, Ids.COUNTRIES, Ids.TREND_DOWNLOAD,
                         Ids.OUTFLOW_DOWNLOAD, Ids.ECONOMY_DOWNLOAD, Ids.RANKING_DOWNLOAD, Ids.COST_DOWNLOAD,
                         Ids.table_body("economy")):
        assert component_id in outputs, component_id
    assert outputs.count(f"{Shell.PAGE_STATE}.data") == 3  # trend, scale, ranking: every URL parameter is written
    inputs = {i["id"] for callback in app.callback_map.values() for i in callback["inputs"]}
    assert {Ids.COUNTRIES, Ids.MEASURE, Ids.SCALE, Ids.RELATIVE, Ids.SOURCE, Ids.RANK_YEAR, Ids.GROUP,
            Ids.RESET} <= inputs
    # The layout renders the initial state: no callback may fire on page load.
    ours = [cb for cb in app._callback_list if "remittances-" in cb["output"]]
    assert len(ours) == 26 and all(cb["prevent_initial_call"] for cb in ours)  # 10 of them clientside
    # a table's rows are asked for only through its request store, which the browser fills only while it is open
    fill = [cb for cb in ours if cb["output"] == f"{Ids.table_body('trend')}.children"]
    assert [i["id"] for i in fill[0]["inputs"]] == [Ids.table_request("trend")]
    gate = [cb for cb in ours if cb["output"] == f"{Ids.table_request('trend')}.data"]
    assert gate[0]["clientside_function"] and [(i["id"], i["property"]) for i in gate[0]["inputs"]] == [
        (Ids.table("trend"), "is_open"), (Shell.PAGE_STATE, "data")]
    # each toggle opens its table, says so (aria-expanded) and swaps its two texts, in the browser
    for chart in ("trend", "outflow", "economy", "ranking", "cost"):
        toggle = [cb for cb in ours if f"{Ids.table(chart)}.is_open" in cb["output"]]
        assert len(toggle) == 1 and toggle[0]["clientside_function"], chart
        assert [i["id"] for i in toggle[0]["inputs"]] == [Ids.table_toggle(chart)]
        assert f"{Ids.table_toggle(chart)}.aria-expanded" in toggle[0]["output"]
        assert all(f"{label}.hidden" in toggle[0]["output"] for label in Ids.table_labels(chart)), chart


def _table_text(chart: str, current: dict) -> str:
    """A table's answer as the data it holds (the callback sends its kept JSON as a Fragment), as text."""
    return str(wiring.table(chart, True, current).to_plotly_json())


def test_tables_are_built_only_when_open():
    current = {"lang": "en", "countries": ["KGZ", "TKM"], "measure": "usd", "rank_year": 2021}
    assert wiring.requested_table("trend", {"state": current}) == wiring.table("trend", True, current)
    for asked in (None, "x", [current]):
        with pytest.raises(PreventUpdate):
            wiring.requested_table("trend", asked)
    with pytest.raises(PreventUpdate):
        wiring.table("trend", False, current)
    text = _table_text("trend", current)
    assert "Kyrgyzstan" in text and "Not reported" in text and "billion" in text
    ranking = _table_text("ranking", current)
    assert "Tonga" in ranking and "32.7%" in ranking  # 2021: Tonga 1st; Tajikistan 32.69% (WDI panel)
    economy = _table_text("economy", current)
    assert "Rouble depreciation against the US$" in economy and "+46.2 log points" in economy  # 2015
    with pytest.raises(PreventUpdate):
        wiring.table("not-a-chart", True, current)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tables_and_trend_blocks_sent_as_kept_json_give_the_answer_their_data_gave(lang):
    """The table and trend-info callbacks return their kept JSON as Fragments (spliced into the answer, not read
    back and written again): each answer's bytes, as the direct dispatch writes them, are those of the data the
    builders give (what the callbacks returned before), for every chart and several selections."""
    from layouts.remittances.tables import CHARTS, table_key, table_outputs
    from layouts.remittances.trend import trend_info_outputs, trend_key
    from serving.fast_json.answer import to_json_bytes

    def answer(outputs: dict) -> bytes:
        return to_json_bytes({"multi": True, "response": outputs})

    for countries in (CA5, ["KGZ", "TKM"], ["RUS", "ARM", "UKR", "AFG"], []):
        for measure, relative, source in (("pct", None, "default"), ("usd", "2015", "default"),
                                          ("pct", None, "wdi_2023_05")):
            current = {"lang": lang, "countries": countries, "measure": measure, "relative": relative,
                       "source": source, "rank_year": 2019}
            state = wiring.page_state(current)
            for chart in CHARTS:
                sent = wiring.table(chart, True, current)
                built = table_outputs.__wrapped__(chart, *table_key(chart, state), lang)
                assert answer({Ids.table_body(chart): {"children": sent}}) == \
                    answer({Ids.table_body(chart): {"children": built}}), (chart, current)
            sent = wiring.trend_info(countries, measure, relative, source, {"lang": lang})
            built = trend_info_outputs.__wrapped__(*trend_key(state, lang))
            outputs = (Ids.TREND_INFO, Ids.OUTFLOW_INFO)
            assert answer({cid: {"children": part} for cid, part in zip(outputs, sent)}) == \
                answer({cid: {"children": part} for cid, part in zip(outputs, built)}), current
