"""Remittances layout: renders for the default state and edge states; controls reflect the state; URL parameters."""
from __future__ import annotations

import json

import pytest
from dash import dcc
from plotly.utils import PlotlyJSONEncoder

from data.query import get_store
from figures import remittances as fig
from layouts import pages
from layouts import remittances as view
from layouts.ids import Remittances as Ids
from layouts.ids import Shell
from state import LANG, parse_query
from tests.support.components import by_id, text_of, walk

ALL_IDS = [value for key, value in vars(Ids).items() if key.isupper()]


def state(search: str = "") -> dict:
    parsed, notices = parse_query(search, [LANG, *view.params()])
    assert not notices, notices
    return parsed


def render(search: str = ""):
    current = state(search)
    return current, view.layout(current, current["lang"])


def test_default_state_is_central_asia_in_percent_of_gdp_linear():
    current = state()
    assert current["countries"] == fig.CENTRAL_ASIA
    assert (current["measure"], current["scale"], current["relative"], current["source"]) == (
        "pct", "linear", None, "default")
    assert current["rank_year"] == fig.default_rank_year(get_store())


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
    assert [trace["meta"] for trace in economy["data"]] == list(fig.ECONOMY_INDICATORS)
    assert economy["layout"]["xaxis"]["range"] == trend["layout"]["xaxis"]["range"]
    assert economy["layout"]["margin"]["r"] == trend["layout"]["margin"]["r"]
    assert economy["layout"]["margin"]["l"] == trend["layout"]["margin"]["l"]
    assert len([t for t in by_id(tree, Ids.COST_GRAPH).figure.data if ":derived" not in t.meta]) == 4
    assert by_id(tree, Ids.RANKING_GRAPH).figure.data[0].type == "bar"
    json.dumps(tree, cls=PlotlyJSONEncoder)  # the whole page serialises


def test_controls_show_the_state():
    current, tree = render("?countries=TJK,WLD&measure=usd&scale=log&relative=2010&rank_year=2019"
                           "&source=wdi_2023_05")
    assert by_id(tree, Ids.COUNTRIES).value == ["TJK", "WLD"]
    assert by_id(tree, Ids.MEASURE).value == "usd"
    assert by_id(tree, Ids.SCALE).value == "log"
    assert by_id(tree, Ids.RELATIVE).value == 2010
    assert int(by_id(tree, Ids.RANK_YEAR).value) == 2019
    assert by_id(tree, Ids.SOURCE).value == "wdi_2023_05"
    assert "2019" in by_id(tree, Ids.RANKING_GRAPH).figure.layout.title.text


def test_rank_sentences_for_every_central_asian_country():
    current, tree = render("?rank_year=2021")
    sentences = [item.children for item in by_id(tree, Ids.RANKING_SENTENCES).children.children]
    assert len(sentences) == 5
    assert any(s.startswith("Tajikistan ranks 2nd of ") and s.endswith("countries with data in 2021.")
               for s in sentences)
    assert any(s.startswith("Turkmenistan: not reported") for s in sentences)


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


def test_turkmenistan_alone_says_not_reported_and_draws_nothing():
    current, tree = render("?countries=TKM")
    assert by_id(tree, Ids.TREND_GRAPH).figure["data"] == []
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "Not reported: Turkmenistan" in info
    assert "No corridor from Russian Federation to Turkmenistan" in text_of(by_id(tree, Ids.COST_INFO))


def test_no_base_year_is_said():
    current, tree = render("?relative=1975&countries=KAZ,WLD")
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "No value in 1975" in info and "Kazakhstan" in info


def test_a_source_without_the_measure_says_the_default_is_shown():
    current, tree = render("?source=wdi_panel_2025&measure=usd")
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "has no data for this measure, so the default rule is shown" in info


def test_a_chosen_source_is_named():
    current, tree = render("?source=wdi_2023_05")
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "Shown: World Bank, World Development Indicators (2023-05-10) only." in info


def test_sources_disagree_note_under_the_trend():
    current, tree = render("?measure=usd&countries=TJK,UZB")
    info = text_of(by_id(tree, Ids.TREND_INFO))
    assert "Sources disagree on" in info and "Choose a source above" in info


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
        assert toggle.children == "Show the data as a table" and getattr(toggle, "aria-controls") == Ids.table(chart)
        assert by_id(tree, Ids.table(chart)).is_open is False
        assert by_id(tree, Ids.table_body(chart)).children is None
        table = view.data_table(chart, current, "en")
        assert any("data-table" in (getattr(c, "className", "") or "") for c in walk(table)), chart


def test_trend_table_has_a_not_reported_column_for_turkmenistan():
    table = view.data_table("trend", state(), "en")
    text = text_of(table)
    assert "Turkmenistan" in text and "Not reported" in text
    header = [c.children for c in walk(table) if type(c).__name__ == "Th"]
    assert header == ["Year", "Kazakhstan", "Kyrgyz Republic", "Tajikistan", "Uzbekistan", "Turkmenistan"]


def test_table_keys_share_what_does_not_matter():
    a, b = state("?measure=usd&rank_year=2019"), state("?measure=pct&rank_year=2021")
    assert view.table_key("outflow", a) == view.table_key("outflow", b)  # Russia's outflows: no measure, no year
    assert view.table_key("cost", a) == view.table_key("cost", b)
    assert view.table_key("economy", a) == view.table_key("economy", state("?countries=WLD&source=wdi_2023_05")) \
        == (None,) * 5  # Russia's economy depends on nothing the user chooses
    assert view.table_key("trend", a) != view.table_key("trend", b)
    assert view.table_key("ranking", a) != view.table_key("ranking", b)


def test_cost_block_states_the_end_of_the_extract_and_the_2022_gap():
    current, tree = render()
    info = text_of(by_id(tree, Ids.COST_INFO))
    assert "ends in 2020 Q3" in info and "2022 Q1–Q2" in info


@pytest.mark.parametrize("search, param", [
    ("?measure=euros", "measure"), ("?scale=cubic", "scale"), ("?countries=XXX", "countries"),
    ("?relative=1800", "relative"), ("?rank_year=3000", "rank_year"), ("?source=made_up", "source"),
])
def test_bad_parameters_fall_back_with_a_notice(search, param):
    parsed, notices = parse_query(search, [LANG, *view.params()])
    assert [notice.param for notice in notices] == [param]
    assert parsed[param] == next(p.default for p in view.params() if p.name == param)


def test_the_router_renders_the_page_with_its_state():
    page = pages.render("/remittances", "?countries=kgz,tjk&measure=usd")
    store = by_id(page, Shell.PAGE_STATE)
    assert store.data["countries"] == ("KGZ", "TJK") and store.data["measure"] == "usd"
    assert by_id(page, Ids.TREND_GRAPH) is not None


def test_clean_state_keeps_an_emptied_selection_and_fixes_the_rest():
    cleaned = view.clean_state({"lang": "en", "countries": [], "measure": "bogus", "relative": "off",
                                "rank_year": "2021", "scale": "log", "source": None})
    assert cleaned["countries"] == ()
    assert cleaned["measure"] == "pct" and cleaned["relative"] is None and cleaned["rank_year"] == 2021
    assert cleaned["scale"] == "log" and cleaned["source"] == "default"


def test_empty_selection_asks_for_a_country():
    current = {**state(), "countries": ()}
    tree = view.layout(current, "en")
    assert "Choose at least one country" in text_of(by_id(tree, Ids.TREND_INFO))
    assert by_id(tree, Ids.TREND_GRAPH).figure["data"] == []


def test_groups_add_their_members_after_the_selection():
    assert view.with_group(["UZB"], "ca5") == ["UZB", "KAZ", "KGZ", "TJK", "TKM"]
    members = view.with_group([], "almaty_member")
    assert set(members) == set(get_store().group_members("almaty_member"))


def test_country_options_list_countries_then_aggregates():
    options = view.country_options("en")
    values = [option["value"] for option in options]
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "WLD", "ECS"} <= set(values)
    first_aggregate = next(i for i, o in enumerate(options) if o["label"].endswith("(aggregate)"))
    assert all(not o["label"].endswith("(aggregate)") for o in options[:first_aggregate])
    assert all(o["label"].endswith("(aggregate)") for o in options[first_aggregate:])


def test_the_router_words_a_notice_for_every_parameter_of_the_view():
    page = pages.render("/remittances", "?relative=1800&rank_year=3000")
    notice = text_of(by_id(page, Shell.NOTICE))
    assert "1800" in notice and "3000" in notice


def test_ranking_notes_a_source_without_the_year():
    current, tree = render("?source=wdi_2023_05&rank_year=2023")
    info = text_of(by_id(tree, Ids.RANKING_INFO))
    assert "has no values for 2023, so the default rule is shown" in info
    assert "ranks" in text_of(by_id(tree, Ids.RANKING_SENTENCES))


def test_economy_block_names_its_source_years_definitions_and_caveats():
    current, tree = render()
    section = next(c for c in walk(tree) if type(c).__name__ == "Section" and by_id(c, Ids.ECONOMY_GRAPH) is not None)
    assert "Russia's economy and the rouble" in text_of(section)
    info = text_of(by_id(tree, Ids.ECONOMY_INFO))
    store = get_store()
    assert store.source_meta("wdi_panel_2025")["title"] in info  # the source line
    assert "Values for 2009–2024 only" in info
    assert "Rouble depreciation above zero: the rouble lost value against the US dollar" in info
    assert "log change × 100" in info
    for indicator in fig.ECONOMY_INDICATORS:  # definitions and caveats of both series
        meta = store.indicator_meta(indicator)
        assert meta["definition"] in info and meta["caveats"] in info
    assert "Definition (Real GDP growth (%))" in info
    assert "Definition (Rouble depreciation against the US$ (log points))" in info


def test_economy_table_is_years_down_with_signed_values():
    table = view.data_table("economy", state(), "en")
    header = [c.children for c in walk(table) if type(c).__name__ == "Th"]
    assert header == ["Year", "Real GDP growth (%)", "Rouble depreciation against the US$ (log points)"]
    rows = {row[0]: row[1:] for row in ([c.children for c in walk(tr) if type(c).__name__ == "Td"]
                                        for tr in walk(table) if type(tr).__name__ == "Tr") if row}
    # The rouble in log points (100 × Δln), not per cent.
    assert rows["2015"] == ["−1.97%", "+46.2 log points"] and rows["2009"] == ["−7.80%", "+24.5 log points"]
    assert rows["2017"] == ["+1.83%", "−13.9 log points"] and set(rows) == {str(year) for year in range(2009, 2025)}


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
    trend, _, _ = view.trend_outputs((), "pct", None, "default", "en", "linear")
    cost, _ = view.cost_outputs((), "en")
    assert _messages(trend) == _messages(cost) == ["Choose at least one country or group above."]


def test_each_section_heading_stands_apart_from_the_buttons_above_it():
    _, page = render()
    headings = {h.children: h.className for h in walk(page) if type(h).__name__ == "H2"}
    for key in ("outflow_heading", "economy_heading", "cost_heading"):  # they sat right under the CSV buttons
        assert "h5" in headings[view.t(f"remittances.{key}")] and "mt-4" in headings[view.t(f"remittances.{key}")]
