"""Remittances page: renders for the default state and edge states, every chart with its blocks and tools."""
from __future__ import annotations

import json

import pytest
from dash import dcc
from plotly.utils import PlotlyJSONEncoder

from figures.remittances.economy import ECONOMY_INDICATORS
from i18n import t
from layouts import pages
from layouts.ids import Remittances as Ids
from layouts.ids import Shell
from layouts.remittances.cost import cost_outputs
from layouts.remittances.page import layout
from layouts.remittances.tables import data_table
from layouts.remittances.trend import trend_outputs
from tests.layouts.remittances.support import render, state
from tests.support.components import by_id, text_of, walk

ALL_IDS = [value for key, value in vars(Ids).items() if key.isupper()]


def test_default_layout_has_every_component_and_the_charts():
    current, tree = render()
    for component_id in ALL_IDS:
        assert by_id(tree, component_id) is not None, component_id
    trend = by_id(tree, Ids.TREND_GRAPH).figure  # the line charts come serialised (cached, shared with callbacks)
    assert {trace["meta"] for trace in trend["data"]} == {"KAZ", "KGZ", "TJK", "UZB"}
    assert "Turkmenistan" in trend["layout"]["title"]["subtitle"]["text"]
    outflow = by_id(tree, Ids.OUTFLOW_GRAPH).figure
    assert outflow["data"][0]["meta"] == "RUS"
    # one time axis: same years, same right margin
    assert outflow["layout"]["xaxis"]["range"] == trend["layout"]["xaxis"]["range"]
    assert outflow["layout"]["margin"]["r"] == trend["layout"]["margin"]["r"]
    economy = by_id(tree, Ids.ECONOMY_GRAPH).figure  # Russia's economy and the rouble, on the same axis
    assert [trace["meta"] for trace in economy["data"]] == list(ECONOMY_INDICATORS)
    assert economy["layout"]["xaxis"]["range"] == trend["layout"]["xaxis"]["range"]
    assert economy["layout"]["margin"]["r"] == trend["layout"]["margin"]["r"]
    assert economy["layout"]["margin"]["l"] == trend["layout"]["margin"]["l"]
    assert len([t for t in by_id(tree, Ids.COST_GRAPH).figure["data"] if ":derived" not in t["meta"]]) == 4
    assert by_id(tree, Ids.RANKING_GRAPH).figure["data"][0]["type"] == "bar"
    json.dumps(tree, cls=PlotlyJSONEncoder)  # the whole page serialises


@pytest.mark.parametrize("search", [
    "?countries=TKM",  # only a country that does not report
    "?countries=WLD,ECS&measure=usd&scale=log",  # aggregates
    "?relative=1975",  # a base year none of Central Asia has
    "?rank_year=1970",  # a year with a handful of countries
    "?source=knomad_2023_06",  # a source without % of GDP: the default is shown and said
    "?countries=RUS,ARM,GEO,MDA,UKR,AZE,BLR,KAZ,KGZ,TJK,UZB,WLD",  # more lines than colours
])
def test_edge_states_render(search):
    current, tree = render(search)
    for component_id in (Ids.TREND_GRAPH, Ids.OUTFLOW_GRAPH, Ids.RANKING_GRAPH, Ids.COST_GRAPH):
        assert by_id(tree, component_id) is not None
    json.dumps(tree, cls=PlotlyJSONEncoder)


def test_every_chart_has_source_line_table_and_download():
    current, tree = render()
    for chart, info_id, button_id, download_id in (
            ("trend", Ids.TREND_INFO, Ids.TREND_DOWNLOAD_BUTTON, Ids.TREND_DOWNLOAD),
            ("outflow", Ids.OUTFLOW_INFO, Ids.OUTFLOW_DOWNLOAD_BUTTON, Ids.OUTFLOW_DOWNLOAD),
            ("economy", Ids.ECONOMY_INFO, Ids.ECONOMY_DOWNLOAD_BUTTON, Ids.ECONOMY_DOWNLOAD),
            ("ranking", Ids.RANKING_INFO, Ids.RANKING_DOWNLOAD_BUTTON, Ids.RANKING_DOWNLOAD),
            ("cost", Ids.COST_INFO, Ids.COST_DOWNLOAD_BUTTON, Ids.COST_DOWNLOAD)):
        block = by_id(tree, info_id)
        classes = [getattr(c, "className", "") or "" for c in walk(block)]
        assert any("source-line" in c for c in classes), info_id
        assert "CC BY" in text_of(block), info_id  # the licence
        assert isinstance(by_id(tree, download_id), dcc.Download)
        assert by_id(tree, button_id) is not None
        # The table alternative: a toggle, and a body filled when opened (empty in the page as sent).
        toggle = by_id(tree, Ids.table_toggle(chart))
        assert getattr(toggle, "aria-controls") == Ids.table(chart) and getattr(toggle, "aria-expanded") == "false"
        # its text says what a click does, as the corridors' toggle does: "Show …" now, "Hide the table" once open
        shown, hidden = (by_id(tree, i) for i in Ids.table_labels(chart))
        assert [span.id for span in toggle.children] == list(Ids.table_labels(chart))
        assert text_of(shown) == "Show the data as a table" and not getattr(shown, "hidden", None)
        assert text_of(hidden) == "Hide the table" and hidden.hidden is True
        assert by_id(tree, Ids.table(chart)).is_open is False
        assert by_id(tree, Ids.table_body(chart)).children is None
        table = data_table(chart, current, "en")
        assert any("data-table" in (getattr(c, "className", "") or "") for c in walk(table)), chart


def test_the_router_renders_the_page_with_its_state():
    page = pages.render("/remittances", "?countries=kgz,tjk&measure=usd")
    store = by_id(page, Shell.PAGE_STATE)
    assert store.data["countries"] == ("KGZ", "TJK") and store.data["measure"] == "usd"
    assert by_id(page, Ids.TREND_GRAPH) is not None


def test_empty_selection_asks_for_a_country():
    current = {**state(), "countries": ()}
    tree = layout(current, "en")
    assert "Choose at least one country" in text_of(by_id(tree, Ids.TREND_INFO))
    assert by_id(tree, Ids.TREND_GRAPH).figure["data"] == []


def _messages(figure) -> list[str]:
    return [a["text"] for a in figure["layout"].get("annotations", []) if a.get("name") == "no-data-message"]


@pytest.mark.parametrize("search, trend_says, cost_says", [
    ("?countries=TKM", "Not reported: Turkmenistan", "No corridor from Russian Federation to Turkmenistan"),
    ("?countries=WLD", None, "No corridor from Russian Federation to World"),
])
def test_charts_with_nothing_to_draw_say_why(search, trend_says, cost_says):
    _, page = render(search)
    trend = by_id(page, Ids.TREND_GRAPH).figure
    cost = json.loads(json.dumps(by_id(page, Ids.COST_GRAPH).figure, cls=PlotlyJSONEncoder))
    assert (_messages(trend) == [trend_says]) if trend_says else not _messages(trend)
    assert len(_messages(cost)) == 1 and _messages(cost)[0].startswith(cost_says)


def test_an_emptied_selection_asks_for_a_country():
    trend, _, _ = trend_outputs((), "pct", None, "default", "en", "linear")
    cost, _ = cost_outputs((), "en")
    assert _messages(trend) == _messages(cost) == ["Choose at least one country or group above."]


def test_each_section_heading_stands_apart_from_the_buttons_above_it():
    _, page = render()
    headings = {h.children: h.className for h in walk(page) if type(h).__name__ == "H2"}
    for key in ("outflow_heading", "economy_heading", "cost_heading"):  # they sat right under the CSV buttons
        assert "h5" in headings[t(f"remittances.{key}")] and "mt-4" in headings[t(f"remittances.{key}")]


def test_the_table_toggles_texts_are_russian_on_a_russian_page():
    _, tree = render("?lang=ru")
    for chart in ("trend", "outflow", "economy", "ranking", "cost"):
        shown, hidden = (by_id(tree, i) for i in Ids.table_labels(chart))
        assert (text_of(shown), text_of(hidden)) == ("Показать данные в виде таблицы", "Скрыть таблицу"), chart
        assert hidden.hidden is True
