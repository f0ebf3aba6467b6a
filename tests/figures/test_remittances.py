"""Remittances figure builders against the curated values: what is drawn is what the store holds, nothing else."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from figures import remittances as fig
from figures.common import COUNTRY_COLOURS, NEUTRAL_COLOURS

CA5 = fig.CENTRAL_ASIA


def trend_figure(store, indicator, codes, *, source=None, base_year=None, scale="linear"):
    data = fig.trend_data(store, indicator, codes, source, base_year)
    figure = fig.build_trend_figure(
        data, names=fig.names_for(store, data.order, "en"), source_labels=fig.labels_for(store, data.rows["source"]),
        unit=fig.unit_of(store, indicator), scale=scale, lang="en", title="t")
    return data, figure


def traces_by_code(figure) -> dict:
    return {trace.meta: trace for trace in figure.data}


# --- trend -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("indicator", [fig.PCT_INDICATOR, fig.USD_INDICATOR, fig.OUTFLOW_INDICATOR])
def test_plotted_values_are_the_curated_default_values(store, indicator):
    codes = ("KAZ", "KGZ", "TJK", "UZB", "RUS", "WLD")
    _, figure = trend_figure(store, indicator, codes)
    traces = traces_by_code(figure)
    assert list(traces) == [code for code in codes if not store.series(indicator, iso3s=[code]).empty]
    for code, trace in traces.items():
        curated = store.series(indicator, iso3s=[code])
        assert list(trace.x) == list(curated["year"])
        np.testing.assert_array_equal(np.asarray(trace.y, dtype=float), curated["value"].to_numpy(dtype=float))


def test_known_values_from_the_sources_sanity_table(store):
    """Tajikistan 2013: 43.77% of GDP; Kyrgyzstan 2022: 26.58% (WDI remittance panel, the default)."""
    _, figure = trend_figure(store, fig.PCT_INDICATOR, CA5)
    traces = traces_by_code(figure)
    tjk = dict(zip(traces["TJK"].x, traces["TJK"].y))
    kgz = dict(zip(traces["KGZ"].x, traces["KGZ"].y))
    assert tjk[2013] == pytest.approx(43.77, abs=0.005)
    assert kgz[2022] == pytest.approx(26.58, abs=0.005)


def test_a_chosen_source_is_drawn_alone(store):
    data, figure = trend_figure(store, fig.USD_INDICATOR, ("TJK", "UZB"), source="knomad_2023_06")
    assert data.source == "knomad_2023_06"
    assert set(data.rows["source"]) == {"knomad_2023_06"}
    tjk = dict(zip(traces_by_code(figure)["TJK"].x, traces_by_code(figure)["TJK"].y))
    assert tjk[2022] == pytest.approx(5_345.5e6, rel=1e-4)  # KNOMAD June 2023: US$ 5,345.5 million
    _, older = trend_figure(store, fig.USD_INDICATOR, ("TJK",), source="wdi_2023_05")
    older_tjk = dict(zip(older.data[0].x, older.data[0].y))
    assert older_tjk[2022] == pytest.approx(3.2e9, rel=0.01)  # WDI 2023-05: US$ 3,200 million; sources disagree


def test_a_source_without_the_indicator_falls_back_to_the_default_rule(store):
    data = fig.trend_data(store, fig.USD_INDICATOR, CA5, source="wdi_panel_2025")  # a % of GDP source only
    assert data.source is None
    assert fig.chosen_source(store, fig.USD_INDICATOR, "wdi_panel_2025") is None
    assert fig.chosen_source(store, fig.USD_INDICATOR, fig.DEFAULT_SOURCE) is None


def test_turkmenistan_is_not_reported_never_drawn_never_zero(store):
    data, figure = trend_figure(store, fig.USD_INDICATOR, CA5)
    assert data.not_reported == ("TKM",)
    assert "TKM" not in traces_by_code(figure)
    assert "TKM" not in set(data.rows["iso3"])
    assert all(label["name"] != "end-TKM" for label in figure.layout.annotations)


def test_hover_says_value_unit_year_source_and_vintage(store):
    _, figure = trend_figure(store, fig.USD_INDICATOR, ("KGZ",))
    trace = figure.data[0]
    curated = store.series(fig.USD_INDICATOR, iso3s=["KGZ"])
    last = curated.iloc[-1]
    vintage = store.source_meta(last["source"])["vintage"]
    lines = trace.hovertext[-1].split("<br>")
    assert max(map(len, lines)) <= fig.HOVER_LINE_CHARS  # a box that fits beside a half-width chart
    text = " ".join(lines)
    assert str(int(last["year"])) in text and "US$" in text and "billion" in text
    assert vintage in text and store.source_meta(last["source"])["publisher"] in text
    assert "Kyrgyz" in trace.hovertemplate


def test_relative_change_since_a_year(store):
    base = 2010
    data, figure = trend_figure(store, fig.USD_INDICATOR, ("KGZ", "TJK", "WLD"), base_year=base)
    for code, trace in traces_by_code(figure).items():
        curated = store.series(fig.USD_INDICATOR, iso3s=[code]).set_index("year")["value"]
        expected = (curated / curated[base] - 1) * 100
        np.testing.assert_allclose(np.asarray(trace.y, dtype=float), expected.to_numpy(), rtol=1e-12)
        assert dict(zip(trace.x, trace.y))[base] == 0
    assert "since 2010" in figure.data[0].hovertext[0]
    assert figure.layout.shapes[0].x0 == base  # a dotted line where every line is 0 by construction


def test_relative_change_without_a_base_value_names_the_country(store):
    data = fig.trend_data(store, fig.PCT_INDICATOR, ("KAZ", "TJK"), base_year=1996)  # no Tajik value before 2002
    assert data.no_base == ("TJK",)
    assert set(data.rows["iso3"]) == {"KAZ"}


def test_log_axis_and_relative_change_stays_linear_with_a_note(store):
    _, log_figure = trend_figure(store, fig.PCT_INDICATOR, CA5, scale="log")
    assert log_figure.layout.yaxis.type == "log" and log_figure.layout.yaxis.dtick == 1
    _, relative = trend_figure(store, fig.PCT_INDICATOR, CA5, scale="log", base_year=2010)
    assert relative.layout.yaxis.type == "linear"
    assert "linear axis" in relative.layout.title.subtitle.text


def test_scale_patch_changes_only_axis_labels_and_subtitle(store):
    data = fig.trend_data(store, fig.PCT_INDICATOR, CA5)
    patch = fig.patch_trend_scale(data, names=fig.names_for(store, CA5, "en"), unit="%", scale="log", lang="en",
                                  height=460).to_plotly_json()
    assigned = {tuple(op["location"]): op["params"]["value"] for op in patch["operations"]}
    assert assigned[("layout", "yaxis", "type")] == "log"
    assert assigned[("layout", "yaxis", "dtick")] == 1
    assert {label["name"] for label in assigned[("layout", "annotations")]} == {"end-KAZ", "end-KGZ", "end-TJK",
                                                                               "end-UZB"}
    assert all(location[0] == "layout" for location in assigned)  # no data is re-sent


def test_a_long_end_label_goes_on_two_lines_within_the_right_margin(store):
    """'Российская Федерация 8,3 млрд долл. США' is longer than the margin may be: the value goes under the name."""
    data = fig.trend_data(store, fig.OUTFLOW_INDICATOR, ("RUS",))
    figure = fig.build_trend_figure(
        data, names=fig.names_for(store, data.order, "ru"), source_labels=fig.labels_for(store, data.rows["source"]),
        unit=fig.unit_of(store, fig.OUTFLOW_INDICATOR), scale="linear", lang="ru", title="t")
    label = next(a for a in figure.layout.annotations if a.name == "end-RUS")
    name, _, value = label.text.partition("<br>")
    assert name == store.country_name("RUS", "ru") and "млрд" in value
    assert figure.layout.margin.r == fig.label_width(label.text) <= fig.END_LABEL_MAX_PX
    _, english = trend_figure(store, fig.PCT_INDICATOR, CA5)
    assert not any("<br>" in a.text for a in english.layout.annotations if a.name.startswith("end-"))


def test_end_labels_name_each_line_with_its_last_value(store):
    data, figure = trend_figure(store, fig.PCT_INDICATOR, CA5)
    labels = {label.name: label for label in figure.layout.annotations}
    tjk = store.series(fig.PCT_INDICATOR, iso3s=["TJK"]).iloc[-1]
    assert labels["end-TJK"].text == f"Tajikistan {fig.value_text(tjk['value'], '%', 'en')}"
    assert labels["end-TJK"].x == tjk["year"]


@pytest.mark.parametrize("positions", [[0, 1, 2, 3], [100, 40, 41, 300], [5, 5, 5], [10], []])
def test_spread_labels_keeps_them_apart_and_close_to_their_lines(positions):
    placed = fig.spread_labels(positions, 16)
    assert len(placed) == len(positions)
    ordered = sorted(placed)
    assert all(b - a >= 16 - 1e-9 for a, b in zip(ordered, ordered[1:]))
    if positions:
        assert sum(placed) / len(placed) == pytest.approx(sum(positions) / len(positions))
    # far-apart labels do not move
    assert fig.spread_labels([0, 100, 200], 16) == [0, 100, 200]


def test_end_labels_of_lines_ending_close_together_are_a_large_label_apart(store):
    # Kyrgyzstan 17.7 %, Uzbekistan 14.4 %, Georgia, Armenia end within a few points of each other.
    codes = ("KAZ", "KGZ", "TJK", "UZB", "RUS", "ARM", "GEO")
    data, figure = trend_figure(store, fig.PCT_INDICATOR, codes)
    layout = figure.layout
    low, high = layout.yaxis.range
    plot_px = layout.height - layout.margin.t - layout.margin.b
    ends = [a for a in layout.annotations if (a.name or "").startswith("end-")]
    assert len(ends) == len(codes)
    drawn_at = sorted((a.y - low) / (high - low) * plot_px + a.yshift for a in ends)
    gaps = [b - a for a, b in zip(drawn_at, drawn_at[1:])]
    assert min(gaps) >= fig.LABEL_GAP_PX - 0.5
    # Room for one line of the largest chart text (a slide's 18 px) and its spacing, not only the laptop's 13 px.
    assert fig.LABEL_GAP_PX >= 1.2 * fig.LARGEST_LABEL_PX - 0.5 and fig.LARGEST_LABEL_PX >= 18


def test_disagreements_report_both_sources_values(store):
    data = fig.trend_data(store, fig.USD_INDICATOR, ("TJK",))
    found = fig.disagreements(store, fig.USD_INDICATOR, data.rows)
    by_year = {item["year"]: item for item in found}
    assert 2022 in by_year
    item = by_year[2022]
    shown = store.series(fig.USD_INDICATOR, iso3s=["TJK"]).set_index("year").loc[2022]
    assert item["value"] == shown["value"] and item["source"] == shown["source"]
    other = store.series(fig.USD_INDICATOR, iso3s=["TJK"], source=item["other_source"]).set_index("year")
    assert item["other_value"] == other.loc[2022, "value"]
    assert item["difference"] > fig.DISAGREEMENT_TOLERANCE
    assert [i["difference"] for i in found] == sorted((i["difference"] for i in found), reverse=True)


def test_trend_table_is_what_is_drawn_with_provenance(store):
    data = fig.trend_data(store, fig.PCT_INDICATOR, CA5, base_year=2015)
    table = fig.trend_table(data, store, "en")
    assert len(table) == len(data.rows)
    assert {"iso3", "country", "year", "value", "unit", "source", "publisher", "vintage", "licence",
            "change_since_2015_pct"} <= set(table.columns)
    assert "TKM" not in set(table["iso3"])
    merged = table.merge(store.series(fig.PCT_INDICATOR), on=["iso3", "year", "source"], suffixes=("", "_store"))
    assert len(merged) == len(table)
    np.testing.assert_array_equal(merged["value"].to_numpy(), merged["value_store"].to_numpy())


def test_wide_rows_say_no_data_where_a_year_is_missing(store):
    data = fig.trend_data(store, fig.PCT_INDICATOR, ("KAZ", "TJK"))
    codes, body = fig.wide_rows(data.rows, data.order, "%", "en")
    assert codes == ["KAZ", "TJK"]
    rows = {row[0]: row[1:] for row in body}
    assert rows["1996"][1] == "No data"  # no Tajik value before 2002
    assert body[0][0] == str(int(data.rows["year"].max()))  # latest first


# --- ranking ---------------------------------------------------------------------------------------------------
def test_ranking_bars_are_the_curated_values_in_order(store):
    year = 2021
    data = fig.ranking_data(store, year)
    curated = store.ranking(fig.PCT_INDICATOR, year)
    curated = curated[curated["iso3"] != "TKM"].reset_index(drop=True)
    top = data.rows.head(fig.TOP_N)
    assert list(top["iso3"]) == list(curated["iso3"].head(fig.TOP_N))
    np.testing.assert_array_equal(top["value"].to_numpy(), curated["value"].head(fig.TOP_N).to_numpy())
    assert data.count == len(curated)
    figure = fig.build_ranking_figure(data, names=fig.names_for(store, data.rows["iso3"], "en"),
                                      source_labels=fig.labels_for(store, data.rows["source"]), lang="en", title="t")
    bars = figure.data[0]
    assert list(bars.x[:fig.TOP_N]) == list(top["value"])
    assert bars.y[0].startswith("1. ")


def test_ranking_highlights_central_asia_and_adds_those_below_the_top(store):
    data = fig.ranking_data(store, 2021)
    assert data.ranks["TJK"] == 2 and data.ranks["KGZ"] == 3  # behind Tonga in 2021 (WDI panel values)
    assert data.ranks["TKM"] is None
    below = data.rows.iloc[fig.TOP_N:]
    expected_below = {code for code, rank in data.ranks.items() if rank is not None and rank > fig.TOP_N}
    assert expected_below == {"KAZ", "UZB"}  # 168th and 27th in 2021
    assert set(below["iso3"]) == expected_below
    assert list(below["rank"]) == sorted(below["rank"])
    figure = fig.build_ranking_figure(data, names=fig.names_for(store, data.rows["iso3"], "en"),
                                      source_labels=fig.labels_for(store, data.rows["source"]), lang="en", title="t")
    bars = figure.data[0]
    colours = dict(zip(bars.y, bars.marker.color))
    assert colours["2. Tajikistan"] == COUNTRY_COLOURS["TJK"]  # its colour of every chart
    assert colours["1. Tonga"] == fig.OTHER_BAR
    assert "⋯" in bars.y


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                     (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"),
                                     (111, "111th"), (164, "164th")])
def test_ordinals(n, text):
    assert fig.ordinal(n, "en") == text


def test_rank_sentences_state_rank_and_count_in_words(store):
    data = fig.ranking_data(store, 2021)
    assert fig.rank_sentence(store, data, "TJK", "en") == (
        f"Tajikistan ranks 2nd of {data.count} countries with data in 2021.")
    assert fig.rank_sentence(store, data, "TKM", "en").startswith("Turkmenistan: not reported")
    assert fig.rank_sentence(store, fig.ranking_data(store, 1975), "TJK", "en") == "Tajikistan: no data for 1975."


def test_ties_share_the_better_rank(store):
    data = fig.ranking_data(store, 2021)
    values = data.rows["value"].tolist()
    ranks = data.rows["rank"].tolist()
    for (v1, r1), (v2, r2) in zip(zip(values, ranks), zip(values[1:], ranks[1:])):
        assert (r1 == r2) == (v1 == v2)


def test_default_rank_year_is_the_latest_with_broad_coverage(store):
    year = fig.default_rank_year(store)
    counts = {y: len(store.ranking(fig.PCT_INDICATOR, y)) for y in fig.ranking_years(store)}
    assert counts[year] >= 0.8 * max(counts.values())
    assert all(counts[y] < 0.8 * max(counts.values()) for y in counts if y > year)


def test_ranking_table_has_rank_count_and_provenance(store):
    data = fig.ranking_data(store, 2021)
    table = fig.ranking_table(data, store, "en")
    assert list(table["rank"]) == list(data.rows["rank"])
    assert set(table["countries_with_data"]) == {data.count}
    assert set(table["year"]) == {2021}
    assert {"source", "publisher", "vintage", "licence", "unit"} <= set(table.columns)


# --- cost of sending money from Russia ---------------------------------------------------------------------------
def cost_figure(store, codes):
    data = fig.cost_data(store, codes)
    figure = fig.build_cost_figure(data, names=fig.names_for(store, data.order, "en"),
                                   source_labels=fig.labels_for(store, [*data.rows["source"], *data.derived["source"]]),
                                   lang="en", title="t")
    return data, figure


def test_cost_lines_are_the_curated_corridor_values(store):
    data, figure = cost_figure(store, CA5)
    assert data.order == ("KAZ", "KGZ", "TJK", "UZB")
    assert data.no_corridor == ("TKM",)
    for trace in figure.data:
        code, _, derived = trace.meta.partition(":")
        source = "rpw_2025_q1_derived" if derived else None
        curated = store.corridors("cost_pct", origins=[code], destinations=["RUS"], source=source)
        if derived:  # only the quarters after the official extract, each from the one derived source
            curated = curated[curated["period"].map(fig.period_start) > fig.period_start(data.last_period)]
            drawn = {x: y for x, y in zip(trace.x, trace.y)}
            assert drawn == dict(zip(curated["period"].map(fig.period_start), curated["value"]))
            continue
        drawn = {period: y for period, y in zip(data.periods, trace.y) if y is not None}
        assert drawn == dict(zip(curated["period"], curated["value"]))
    tjk = dict(zip(data.periods, traces_by_code(figure)["TJK"].y))
    assert tjk["2011Q1"] == pytest.approx(2.46, abs=0.005) and tjk["2020Q3"] == pytest.approx(2.00, abs=0.005)


def test_cost_gaps_stay_gaps_and_the_end_of_the_extract_is_shown(store):
    data, figure = cost_figure(store, CA5)
    assert data.last_period == "2020Q3" and data.drawn_until == "2021Q4"
    official = [trace for trace in figure.data if ":derived" not in trace.meta]
    for trace in official:
        assert trace.connectgaps is False
        assert len(trace.y) == len(data.periods)  # every period of the extract: a missing one is None, not bridged
    # 2020Q4–2021Q4: third-party averages (equal to the official series where both exist), a dashed segment apart.
    derived = [trace for trace in figure.data if ":derived" in trace.meta]
    assert derived and all(trace.line.dash == "dash" for trace in derived)
    assert all(min(trace.x) > max(pd.Timestamp(x) for x in official[0].x) for trace in derived)
    band = figure.layout.shapes[0]
    assert pd.Timestamp(band.x0) == pd.Timestamp("2022-01-01")  # from 2022 Q1 (RPW stopped surveying Russia) …
    assert pd.Timestamp(band.x1) == pd.Timestamp("2023-01-01")  # … through 2022
    assert "2021 Q4" in figure.layout.annotations[0].text
    assert any(a.name == "derived-quarters" and "derived" in a.text for a in figure.layout.annotations)


def test_cost_of_aggregates_and_of_russia_itself_is_not_missing_just_absent(store):
    data = fig.cost_data(store, ("TJK", "RUS", "WLD", "TKM"))
    assert data.order == ("TJK",) and data.no_corridor == ("TKM",)


def test_cost_table_names_sender_and_receiver(store):
    data = fig.cost_data(store, ("UZB",))
    table = fig.cost_table(data, store, "en")
    assert set(table["sending_country_iso3"]) == {"RUS"} and set(table["receiving_country_iso3"]) == {"UZB"}
    assert {"period", "value", "unit", "source", "vintage", "licence"} <= set(table.columns)
    assert len(table) == len(store.corridors("cost_pct", origins=["UZB"], destinations=["RUS"]))


@pytest.mark.parametrize("period, start", [("2013Q2", "2013-04-01"), ("2011Q3", "2011-07-01"), ("2020", "2020-01-01")])
def test_period_start(period, start):
    assert fig.period_start(period) == pd.Timestamp(start)


def test_next_period_wraps_the_year():
    assert fig.next_period("2020Q3") == "2020Q4" and fig.next_period("2020Q4") == "2021Q1"


def test_figures_are_plain_go_and_send_no_nan(store):
    for figure in (trend_figure(store, fig.PCT_INDICATOR, CA5)[1], cost_figure(store, CA5)[1]):
        for trace in figure.data:
            assert not any(isinstance(v, float) and math.isnan(v) for v in (trace.y if trace.y is not None else []))


def test_ranking_with_a_source_lacking_the_year_shows_the_default_and_says_so(store):
    data = fig.ranking_data(store, 2023, source="wdi_2023_05")  # that vintage ends before 2023
    assert data.unavailable == "wdi_2023_05" and data.source is None
    default = store.ranking(fig.PCT_INDICATOR, 2023)
    assert data.count == len(default[default["iso3"] != "TKM"])
    chosen = fig.ranking_data(store, 2021, source="wdi_2023_05")
    assert chosen.source == "wdi_2023_05" and chosen.unavailable is None
    assert set(chosen.rows["source"]) == {"wdi_2023_05"}


def test_share_time_axis_aligns_years_and_margins_without_changing_its_inputs():
    upper = {"data": [], "layout": {"xaxis": {"range": [2001.5, 2024.5]}, "margin": {"r": 180, "l": 70}}}
    lower = {"data": [], "layout": {"xaxis": {"range": [1993.5, 2023.5], "ticks": "outside"}, "margin": {"r": 150}}}
    a, b = fig.share_time_axis(upper, lower)
    assert a["layout"]["xaxis"]["range"] == b["layout"]["xaxis"]["range"] == [1993.5, 2024.5]
    assert a["layout"]["margin"] == {"r": 180, "l": 70} and b["layout"]["margin"] == {"r": 180}
    assert b["layout"]["xaxis"]["ticks"] == "outside"
    assert upper["layout"]["xaxis"]["range"] == [2001.5, 2024.5] and lower["layout"]["margin"]["r"] == 150


# --- Russia's economy and the rouble -------------------------------------------------------------------------------
def economy_figure(store):
    data = fig.economy_data(store)
    names = {fig.GROWTH_INDICATOR: "growth", fig.DEPRECIATION_INDICATOR: "rouble"}
    figure = fig.build_economy_figure(data, names=names, source_labels=fig.labels_for(store, data.rows["source"]),
                                      lang="en", title="t")
    return data, figure


def test_economy_bars_are_the_curated_values_of_russia(store):
    data, figure = economy_figure(store)
    assert [trace.meta for trace in figure.data] == list(fig.ECONOMY_INDICATORS)
    for trace in figure.data:
        assert trace.type == "bar"
        curated = store.series(trace.meta, iso3s=["RUS"])
        assert len(curated) == 16  # 2009–2024
        assert list(trace.x) == list(curated["year"])
        np.testing.assert_array_equal(np.asarray(trace.y, dtype=float), curated["value"].to_numpy(dtype=float))
    growth, rouble = (dict(zip(trace.x, trace.y)) for trace in figure.data)
    # Read from data/raw/worldbank_wdi/WDI_remittances_pct_gdp_KGZ_TJK_UZB_2009-2024_panel.csv
    assert (growth[2009], growth[2015], growth[2020]) == (-7.8, -1.97, -2.65)
    assert (rouble[2009], rouble[2015], rouble[2017], rouble[2020]) == (24.47, 46.24, -13.93, 10.77)


def test_economy_zero_line_spans_only_the_years_with_values(store):
    data, figure = economy_figure(store)
    zero = next(shape for shape in figure.layout.shapes if shape.name == "zero")
    assert (zero.y0, zero.y1, zero.x0, zero.x1) == (0, 0, 2008.5, 2024.5)
    assert not figure.layout.yaxis.zeroline  # an axis zero line would run through the years without data
    note = next(a for a in figure.layout.annotations if a.name == "no-data")
    assert note.text == "No data in this<br>source before 2009" and note.x == 2008.5 and note.xanchor == "right"
    assert max(len(line) for line in note.text.split("<br>")) <= 22  # one long line ran into the y axis labels
    low, high = figure.layout.yaxis.range
    assert low < -13.93 and high > 46.24  # every bar, both signs, fits


def test_economy_hover_says_signed_value_year_direction_and_source(store):
    _, figure = economy_figure(store)
    growth, rouble = ({year: text for year, text in zip(trace.x, trace.hovertext)} for trace in figure.data)
    meta = store.source_meta("wdi_panel_2025")
    assert growth[2009].startswith("2009: −7.80%") and meta["vintage"] in growth[2009]
    assert meta["publisher"] in growth[2009] and "rouble" not in growth[2009]
    assert rouble[2015].startswith("2015: +46.2 log points")  # 100 × Δln, not %; and "The rouble weakened" in rouble[2015]
    assert rouble[2017].startswith("2017: −13.9 log points") and "The rouble strengthened" in rouble[2017]
    assert "<b>rouble</b>" in figure.data[1].hovertemplate


def test_economy_table_is_what_is_drawn_with_provenance(store):
    data = fig.economy_data(store)
    table = fig.economy_table(data, store, "en")
    assert len(table) == 32 and set(table["iso3"]) == {"RUS"}
    assert list(table["indicator"].unique()) == list(fig.ECONOMY_INDICATORS)
    assert set(table["unit"]) == {"%", "log points"} and set(table["source"]) == {"wdi_panel_2025"}
    assert {"publisher", "vintage", "licence", "indicator_name"} <= set(table.columns)
    rows = table.set_index(["indicator", "year"])["value"]
    assert rows[(fig.DEPRECIATION_INDICATOR, 2015)] == 46.24 and rows[(fig.GROWTH_INDICATOR, 2020)] == -2.65


def test_patch_time_axis_carries_the_shared_years_and_margin():
    figure = {"layout": {"xaxis": {"range": [1992.5, 2024.5]}, "margin": {"r": 260, "l": 70}}}
    operations = fig.patch_time_axis(figure).to_plotly_json()["operations"]
    assigned = {tuple(op["location"]): op["params"]["value"] for op in operations}
    assert assigned == {("layout", "xaxis", "range"): [1992.5, 2024.5], ("layout", "margin", "r"): 260}


def test_years_when_every_dependent_economy_received_less():
    from data.query import get_store
    from figures import remittances as fig

    store = get_store()
    dependent = fig.dependent_economies(store, store.group_members("ca5"))
    assert dependent == ["KGZ", "TJK", "UZB"]  # KAZ well under 10% of GDP; TKM does not report
    years = fig.years_all_fell(store, dependent)
    usd = store.series(fig.USD_INDICATOR, iso3s=dependent).pivot(index="year", columns="iso3", values="value")
    for year in years:
        assert (usd.loc[year] < usd.loc[year - 1]).all()
    assert 2009 in years and 2015 in years
    assert 2014 not in years  # Uzbekistan's inflows rose that year
    assert 2022 not in years
    assert fig.years_all_fell(store, []) == []


# --- charts with nothing to draw (QA: an empty cost chart froze the page for ~40 s on NaN dates) -----------------
@pytest.mark.parametrize("codes", [(), ("TKM",), ("WLD", "ECS")])
def test_cost_chart_without_a_corridor_says_so_on_a_date_axis(store, codes):
    data = fig.cost_data(store, codes)
    figure = fig.build_cost_figure(data, names={}, source_labels={}, lang="en", title="t", empty_text="No corridor")
    assert not figure.data
    assert figure.layout.xaxis.type == "date"  # a guessed linear axis turned the band's dates into NaN
    assert not figure.layout.shapes  # no "after the extract" band over an empty chart
    assert [a.text for a in figure.layout.annotations] == ["No corridor"]
    assert figure.layout.xaxis.visible is False and figure.layout.yaxis.visible is False


def test_cost_chart_with_corridors_keeps_its_date_axis_and_band(store):
    _, figure = cost_figure(store, ("UZB",))
    assert figure.layout.xaxis.type == "date" and len(figure.layout.shapes) == 1


@pytest.mark.parametrize("codes", [(), ("TKM",)])
def test_trend_chart_without_a_line_shows_a_message_not_empty_axes(store, codes):
    data = fig.trend_data(store, fig.PCT_INDICATOR, codes)
    figure = fig.build_trend_figure(data, names=fig.names_for(store, codes, "en"), source_labels={}, unit="%",
                                    scale="linear", lang="en", title="t", empty_text="Not reported")
    assert not figure.data
    assert [a.text for a in figure.layout.annotations] == ["Not reported"]
    assert figure.layout.yaxis.visible is False


def test_trend_chart_with_lines_has_no_empty_message(store):
    _, figure = trend_figure(store, fig.PCT_INDICATOR, ("UZB",))
    assert all(a.name != "no-data-message" for a in figure.layout.annotations)
    assert figure.layout.yaxis.visible is not False


def test_end_labels_are_readable_on_white_on_a_projector(store):
    from figures.common import contrast_ratio

    _, figure = trend_figure(store, fig.PCT_INDICATOR, CA5)
    labels = [a for a in figure.layout.annotations if (a.name or "").startswith("end-")]
    assert len(labels) == 4
    for label in labels:  # Okabe–Ito orange and sky blue were 2.3:1 as text
        assert contrast_ratio(label.font.color) >= 4.5, (label.text, label.font.color)


# --- one colour per country (issue 11) ---------------------------------------------------------------------------
def test_a_country_keeps_its_colour_whatever_else_is_chosen(store):
    """Removing Kazakhstan and Kyrgyzstan used to turn the remaining lines' colours over (list position)."""
    colours = []
    for codes in (CA5, ("TJK",), ("UZB", "TJK", "WLD"), ("RUS", "TJK")):
        for build in (lambda c: trend_figure(store, fig.PCT_INDICATOR, c)[1],
                      lambda c: cost_figure(store, c)[1]):
            traces = traces_by_code(build(codes))
            colours.append(traces["TJK"].line.color)
    assert set(colours) == {COUNTRY_COLOURS["TJK"]}


def test_countries_without_a_colour_of_their_own_get_different_greys(store):
    _, figure = trend_figure(store, fig.PCT_INDICATOR, ("TJK", "WLD", "ECS", "NPL"))
    traces = traces_by_code(figure)
    greys = [traces[code].line.color for code in ("WLD", "ECS", "NPL")]
    assert len(set(greys)) == 3 and set(greys) <= set(NEUTRAL_COLOURS)
    assert traces["TJK"].line.color == COUNTRY_COLOURS["TJK"]


def test_end_labels_name_the_year_of_a_line_that_stops_earlier(store):
    data, figure = trend_figure(store, fig.PCT_INDICATOR, ("KGZ", "TJK", "WLD"))
    last = data.rows.groupby("iso3")["year"].max()
    latest = int(last.max())
    labels = {a.name.removeprefix("end-"): a.text for a in figure.layout.annotations}
    for code, year in last.items():
        if int(year) != latest:
            assert labels[code].endswith(f"({int(year)})")
        else:
            assert not labels[code].endswith(")")
    assert len(set(last)) > 1, "the test needs lines that end in different years"


def test_ranking_highlights_the_chosen_countries_in_their_colours(store):
    chosen = ("NPL", "TJK")
    data = fig.ranking_data(store, 2021, highlight=chosen)
    figure = fig.build_ranking_figure(data, names=fig.names_for(store, data.rows["iso3"], "en"),
                                      source_labels=fig.labels_for(store, data.rows["source"]), lang="en", title="t",
                                      highlight=chosen)
    colours = dict(zip(data.rows["iso3"], [c for y, c in zip(figure.data[0].y, figure.data[0].marker.color)
                                           if y != "⋯"]))
    assert colours["TJK"] == COUNTRY_COLOURS["TJK"]
    assert colours["NPL"] in NEUTRAL_COLOURS
    assert colours["KGZ"] == fig.OTHER_BAR  # Central Asian, but not chosen
