"""The trend chart against the curated values: what is drawn is what the store holds, nothing else."""
from __future__ import annotations

import math

import numpy as np
import pytest

from figures.common import COUNTRY_COLOURS, HOVER_LINE_CHARS, NEUTRAL_COLOURS
from figures.remittances.parts import (DEFAULT_SOURCE, OUTFLOW_INDICATOR, PCT_INDICATOR, USD_INDICATOR, chosen_source,
                                       labels_for, names_for, unit_of, value_text)
from figures.remittances.disagreements import DISAGREEMENT_TOLERANCE, disagreements
from figures.remittances.trend import (END_LABEL_MAX_PX, LABEL_GAP_PX, LARGEST_LABEL_PX,
                                       build_trend_figure, label_width, patch_trend_scale,
                                       spread_labels, trend_data, trend_table)
from tests.figures.remittances.support import CA5, cost_figure, hover_boxes, traces_by_code, trend_figure
from tests.support.plain import assert_plain_is_validated, figure_of


@pytest.mark.parametrize("indicator", [PCT_INDICATOR, USD_INDICATOR, OUTFLOW_INDICATOR])
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
    _, figure = trend_figure(store, PCT_INDICATOR, CA5)
    traces = traces_by_code(figure)
    tjk = dict(zip(traces["TJK"].x, traces["TJK"].y))
    kgz = dict(zip(traces["KGZ"].x, traces["KGZ"].y))
    assert tjk[2013] == pytest.approx(43.77, abs=0.005)
    assert kgz[2022] == pytest.approx(26.58, abs=0.005)


def test_a_chosen_source_is_drawn_alone(store):
    data, figure = trend_figure(store, USD_INDICATOR, ("TJK", "UZB"), source="knomad_2023_06")
    assert data.source == "knomad_2023_06"
    assert set(data.rows["source"]) == {"knomad_2023_06"}
    tjk = dict(zip(traces_by_code(figure)["TJK"].x, traces_by_code(figure)["TJK"].y))
    assert tjk[2022] == pytest.approx(5_345.5e6, rel=1e-4)  # KNOMAD June 2023: US$ 5,345.5 million
    _, older = trend_figure(store, USD_INDICATOR, ("TJK",), source="wdi_2023_05")
    older_tjk = dict(zip(older.data[0].x, older.data[0].y))
    assert older_tjk[2022] == pytest.approx(3.2e9, rel=0.01)  # WDI 2023-05: US$ 3,200 million; sources disagree


def test_a_source_without_the_indicator_falls_back_to_the_default_rule(store):
    data = trend_data(store, USD_INDICATOR, CA5, source="wdi_panel_2025")  # a % of GDP source only
    assert data.source is None
    assert chosen_source(store, USD_INDICATOR, "wdi_panel_2025") is None
    assert chosen_source(store, USD_INDICATOR, DEFAULT_SOURCE) is None


def test_turkmenistan_is_not_reported_never_drawn_never_zero(store):
    data, figure = trend_figure(store, USD_INDICATOR, CA5)
    assert data.not_reported == ("TKM",)
    assert "TKM" not in traces_by_code(figure)
    assert "TKM" not in set(data.rows["iso3"])
    assert all(label["name"] != "end-TKM" for label in figure.layout.annotations)


def test_hover_says_value_unit_year_source_and_vintage(store):
    _, figure = trend_figure(store, USD_INDICATOR, ("KGZ",))
    trace = figure.data[0]
    curated = store.series(USD_INDICATOR, iso3s=["KGZ"])
    last = curated.iloc[-1]
    vintage = store.source_meta(last["source"])["vintage"]
    lines = hover_boxes(trace)[-1].split("<br>")[1:]  # after the name
    assert max(map(len, lines)) <= HOVER_LINE_CHARS  # a box that fits beside a half-width chart
    text = " ".join(lines)
    assert str(int(last["year"])) in text and "US$" in text and "billion" in text
    assert vintage in text and store.source_meta(last["source"])["publisher"] in text
    assert "Kyrgyz" in trace.hovertemplate


def test_relative_change_since_a_year(store):
    base = 2010
    data, figure = trend_figure(store, USD_INDICATOR, ("KGZ", "TJK", "WLD"), base_year=base)
    for code, trace in traces_by_code(figure).items():
        curated = store.series(USD_INDICATOR, iso3s=[code]).set_index("year")["value"]
        expected = (curated / curated[base] - 1) * 100
        np.testing.assert_allclose(np.asarray(trace.y, dtype=float), expected.to_numpy(), rtol=1e-12)
        assert dict(zip(trace.x, trace.y))[base] == 0
    assert "since 2010" in hover_boxes(figure.data[0])[0]
    assert figure.layout.shapes[0].x0 == base  # a dotted line where every line is 0 by construction


def test_relative_change_without_a_base_value_names_the_country(store):
    data = trend_data(store, PCT_INDICATOR, ("KAZ", "TJK"), base_year=1996)  # no Tajik value before 2002
    assert data.no_base == ("TJK",)
    assert set(data.rows["iso3"]) == {"KAZ"}


def test_log_axis_and_relative_change_stays_linear_with_a_note(store):
    _, log_figure = trend_figure(store, PCT_INDICATOR, CA5, scale="log")
    assert log_figure.layout.yaxis.type == "log" and log_figure.layout.yaxis.dtick == 1
    _, relative = trend_figure(store, PCT_INDICATOR, CA5, scale="log", base_year=2010)
    assert relative.layout.yaxis.type == "linear"
    assert "linear axis" in relative.layout.title.subtitle.text


def test_scale_patch_changes_only_axis_labels_and_subtitle(store):
    data = trend_data(store, PCT_INDICATOR, CA5)
    patch = patch_trend_scale(data, names=names_for(store, CA5, "en"), unit="%", scale="log", lang="en",
                              height=460).to_plotly_json()
    assigned = {tuple(op["location"]): op["params"]["value"] for op in patch["operations"]}
    assert assigned[("layout", "yaxis", "type")] == "log"
    assert assigned[("layout", "yaxis", "dtick")] == 1
    assert {label["name"] for label in assigned[("layout", "annotations")]} == {"end-KAZ", "end-KGZ", "end-TJK",
                                                                               "end-UZB"}
    assert all(location[0] == "layout" for location in assigned)  # no data is re-sent


def test_a_long_end_label_goes_on_two_lines_within_the_right_margin(store):
    """'Российская Федерация 8,3 млрд долл. США' is longer than the margin may be: the value goes under the name."""
    data = trend_data(store, OUTFLOW_INDICATOR, ("RUS",))
    figure = figure_of(build_trend_figure(
        data, names=names_for(store, data.order, "ru"), source_labels=labels_for(store, data.rows["source"]),
        unit=unit_of(store, OUTFLOW_INDICATOR), scale="linear", lang="ru", title="t"))
    label = next(a for a in figure.layout.annotations if a.name == "end-RUS")
    name, _, value = label.text.partition("<br>")
    assert name == store.country_name("RUS", "ru") and "млрд" in value
    assert figure.layout.margin.r == label_width(label.text) <= END_LABEL_MAX_PX
    _, english = trend_figure(store, PCT_INDICATOR, CA5)
    assert not any("<br>" in a.text for a in english.layout.annotations if a.name.startswith("end-"))


def test_end_labels_name_each_line_with_its_last_value(store):
    data, figure = trend_figure(store, PCT_INDICATOR, CA5)
    labels = {label.name: label for label in figure.layout.annotations}
    tjk = store.series(PCT_INDICATOR, iso3s=["TJK"]).iloc[-1]
    assert labels["end-TJK"].text == f"Tajikistan {value_text(tjk['value'], '%', 'en')}"
    assert labels["end-TJK"].x == tjk["year"]


@pytest.mark.parametrize("positions", [[0, 1, 2, 3], [100, 40, 41, 300], [5, 5, 5], [10], []])
def test_spread_labels_keeps_them_apart_and_close_to_their_lines(positions):
    placed = spread_labels(positions, 16)
    assert len(placed) == len(positions)
    ordered = sorted(placed)
    assert all(b - a >= 16 - 1e-9 for a, b in zip(ordered, ordered[1:]))
    if positions:
        assert sum(placed) / len(placed) == pytest.approx(sum(positions) / len(positions))
    # far-apart labels do not move
    assert spread_labels([0, 100, 200], 16) == [0, 100, 200]


def test_end_labels_of_lines_ending_close_together_are_a_large_label_apart(store):
    # Kyrgyzstan 17.7 %, Uzbekistan 14.4 %, Georgia, Armenia end within a few points of each other.
    codes = ("KAZ", "KGZ", "TJK", "UZB", "RUS", "ARM", "GEO")
    data, figure = trend_figure(store, PCT_INDICATOR, codes)
    layout = figure.layout
    low, high = layout.yaxis.range
    plot_px = layout.height - layout.margin.t - layout.margin.b
    ends = [a for a in layout.annotations if (a.name or "").startswith("end-")]
    assert len(ends) == len(codes)
    drawn_at = sorted((a.y - low) / (high - low) * plot_px + a.yshift for a in ends)
    gaps = [b - a for a, b in zip(drawn_at, drawn_at[1:])]
    assert min(gaps) >= LABEL_GAP_PX - 0.5
    # Room for one line of the largest chart text (a slide's 18 px) and its spacing, not only the laptop's 13 px.
    assert LABEL_GAP_PX >= 1.2 * LARGEST_LABEL_PX - 0.5 and LARGEST_LABEL_PX >= 18


def test_disagreements_report_both_sources_values(store):
    data = trend_data(store, USD_INDICATOR, ("TJK",))
    found = disagreements(store, USD_INDICATOR, data.rows)
    by_year = {item["year"]: item for item in found}
    assert 2022 in by_year
    item = by_year[2022]
    shown = store.series(USD_INDICATOR, iso3s=["TJK"]).set_index("year").loc[2022]
    assert item["value"] == shown["value"] and item["source"] == shown["source"]
    other = store.series(USD_INDICATOR, iso3s=["TJK"], source=item["other_source"]).set_index("year")
    assert item["other_value"] == other.loc[2022, "value"]
    assert item["difference"] > DISAGREEMENT_TOLERANCE
    assert [i["difference"] for i in found] == sorted((i["difference"] for i in found), reverse=True)


def test_trend_table_is_what_is_drawn_with_provenance(store):
    data = trend_data(store, PCT_INDICATOR, CA5, base_year=2015)
    table = trend_table(data, store, "en")
    assert len(table) == len(data.rows)
    assert {"iso3", "country", "year", "value", "unit", "source", "publisher", "vintage", "licence",
            "change_since_2015_pct"} <= set(table.columns)
    assert "TKM" not in set(table["iso3"])
    merged = table.merge(store.series(PCT_INDICATOR), on=["iso3", "year", "source"], suffixes=("", "_store"))
    assert len(merged) == len(table)
    np.testing.assert_array_equal(merged["value"].to_numpy(), merged["value_store"].to_numpy())


@pytest.mark.parametrize("codes", [(), ("TKM",)])
def test_trend_chart_without_a_line_shows_a_message_not_empty_axes(store, codes):
    data = trend_data(store, PCT_INDICATOR, codes)
    figure = figure_of(build_trend_figure(data, names=names_for(store, codes, "en"), source_labels={}, unit="%",
                                          scale="linear", lang="en", title="t", empty_text="Not reported"))
    assert not figure.data
    assert [a.text for a in figure.layout.annotations] == ["Not reported"]
    assert figure.layout.yaxis.visible is False


def test_trend_chart_with_lines_has_no_empty_message(store):
    _, figure = trend_figure(store, PCT_INDICATOR, ("UZB",))
    assert all(a.name != "no-data-message" for a in figure.layout.annotations)
    assert figure.layout.yaxis.visible is not False


def test_end_labels_are_readable_on_white_on_a_projector(store):
    from figures.common import contrast_ratio

    _, figure = trend_figure(store, PCT_INDICATOR, CA5)
    labels = [a for a in figure.layout.annotations if (a.name or "").startswith("end-")]
    assert len(labels) == 4
    for label in labels:  # Okabe–Ito orange and sky blue were 2.3:1 as text
        assert contrast_ratio(label.font.color) >= 4.5, (label.text, label.font.color)


def test_a_country_keeps_its_colour_whatever_else_is_chosen(store):
    """Removing Kazakhstan and Kyrgyzstan used to turn the remaining lines' colours over (list position)."""
    colours = []
    for codes in (CA5, ("TJK",), ("UZB", "TJK", "WLD"), ("RUS", "TJK")):
        for build in (lambda c: trend_figure(store, PCT_INDICATOR, c)[1],
                      lambda c: cost_figure(store, c)[1]):
            traces = traces_by_code(build(codes))
            colours.append(traces["TJK"].line.color)
    assert set(colours) == {COUNTRY_COLOURS["TJK"]}


def test_countries_without_a_colour_of_their_own_get_different_greys(store):
    _, figure = trend_figure(store, PCT_INDICATOR, ("TJK", "WLD", "ECS", "NPL"))
    traces = traces_by_code(figure)
    greys = [traces[code].line.color for code in ("WLD", "ECS", "NPL")]
    assert len(set(greys)) == 3 and set(greys) <= set(NEUTRAL_COLOURS)
    assert traces["TJK"].line.color == COUNTRY_COLOURS["TJK"]


def test_end_labels_name_the_year_of_a_line_that_stops_earlier(store):
    data, figure = trend_figure(store, PCT_INDICATOR, ("KGZ", "TJK", "WLD"))
    last = data.rows.groupby("iso3")["year"].max()
    latest = int(last.max())
    labels = {a.name.removeprefix("end-"): a.text for a in figure.layout.annotations}
    for code, year in last.items():
        if int(year) != latest:
            assert labels[code].endswith(f"({int(year)})")
        else:
            assert not labels[code].endswith(")")
    assert len(set(last)) > 1, "the test needs lines that end in different years"


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("indicator, codes, base_year, scale, source", [
    (PCT_INDICATOR, CA5, None, "linear", None),
    (USD_INDICATOR, (*CA5, "RUS", "WLD", "MDA"), None, "log", None),
    (PCT_INDICATOR, (*CA5, "ARM"), 2010, "log", None),
    (USD_INDICATOR, CA5, None, "linear", "wdi_2023_05"),
    (OUTFLOW_INDICATOR, ("RUS",), 2015, "linear", None),
    (PCT_INDICATOR, ("TKM",), None, "linear", None),
    (PCT_INDICATOR, (), None, "linear", None),
])
def test_the_plain_trend_figure_is_the_validated_one(store, lang, indicator, codes, base_year, scale, source):
    data = trend_data(store, indicator, codes, source, base_year)
    labels = labels_for(store, [*data.rows["source"], *data.older["source"]], lang)
    sent = assert_plain_is_validated(lambda kit: build_trend_figure(
        data, names=names_for(store, data.order, lang), source_labels=labels, unit=unit_of(store, indicator),
        scale=scale, lang=lang, title="t", subtitle="s", empty_text="none", kit=kit))
    assert len(sent["data"]) >= len(data.drawn)


@pytest.mark.parametrize("indicator", [PCT_INDICATOR, USD_INDICATOR, OUTFLOW_INDICATOR])
def test_older_segments_from_arrays_are_those_pandas_grouped(store, indicator):
    """The dashed older-release segments, found with numpy, are pandas' groups: same codes, sources, order, years
    and values (and the test covers charts that have some)."""
    from figures.remittances.trend import older_segments, older_segments_reference

    codes = tuple(dict.fromkeys(store.other_segments(indicator)["iso3"]))
    if indicator != OUTFLOW_INDICATOR:
        assert codes, "the test needs countries with older segments"
    for chosen in (codes, codes[::-1][:7], (*CA5, "RUS", "WLD"), ()):
        data = trend_data(store, indicator, chosen)
        fast, reference = list(older_segments(data)), list(older_segments_reference(data))
        assert [item[:2] for item in fast] == [item[:2] for item in reference]
        for (*_, years, values), (*_, years_ref, values_ref) in zip(fast, reference):
            assert years.dtype == years_ref.dtype and values.dtype == values_ref.dtype
            assert years.tolist() == years_ref.tolist() and values.tolist() == values_ref.tolist()


@pytest.mark.parametrize("indicator", [PCT_INDICATOR, USD_INDICATOR, OUTFLOW_INDICATOR])
def test_disagreements_looked_up_per_cell_equal_those_joined_by_pandas(store, indicator):
    from figures.remittances.disagreements import disagreements_reference

    every = tuple(dict.fromkeys(store.series(indicator)["iso3"]))
    found = 0
    for chosen in (every, every[:9], (*CA5, "RUS", "WLD", "ECS"), ("TKM",)):
        for source in (None, *store.sources_for(indicator)):
            rows = trend_data(store, indicator, chosen, source).rows
            for tolerance in (DISAGREEMENT_TOLERANCE, 0.0, 0.5):
                fast = disagreements(store, indicator, rows, tolerance)
                assert fast == disagreements_reference(store, indicator, rows, tolerance)
                found += len(fast)
    assert found > 50


# --- where the labels stand: the line's end labels and the older releases' labels, none on another -----------------

def _label_px(figure: dict, label: dict) -> float:
    """A label's centre in px above the plot's bottom, as plotly.js draws it at the figure's height."""
    layout = figure["layout"]
    low, high = layout["yaxis"]["range"]
    plot_px = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    return (label["y"] - low) / (high - low) * plot_px + label.get("yshift", 0)


def _stacked(figure: dict) -> list[dict]:
    """The labels right of where each line (or an older segment continuing it) ends."""
    return [a for a in figure["layout"]["annotations"] if a.get("xanchor") == "left"]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("scale", ["linear", "log"])
@pytest.mark.parametrize("height", [460, 300, 620])
def test_afghanistans_older_release_label_stands_apart_from_every_end_label(store, lang, scale, height):
    """Central Asia and Afghanistan, % of GDP: Afghanistan's line stops in 2021 at 2.03 %, WDI 2025-02's 2022–2023
    go on dashed, and Kazakhstan ends near 0 %. The older release's label stood under its segment's end, on
    Kazakhstan's line, just under Afghanistan's label (and on a log axis at 10^1.86 %, over the chart's top)."""
    from figures.remittances.lines import assemble_trend_figure, lines_data

    codes = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG")
    lines = lines_data(store, PCT_INDICATOR, codes)
    figure = assemble_trend_figure(store, lines, scale=scale, lang=lang, title="t", height=height)
    annotations = {a["name"]: a for a in figure["layout"]["annotations"]}
    older = annotations["older-AFG-wdi_2025_02_derived"]
    (source, years, values), = lines.by_code["AFG"].older
    assert source == "wdi_2025_02_derived" and int(lines.by_code["AFG"].years[-1]) == 2021
    last_year, last_value = int(years[-1]), float(values[-1])
    # beside the segment's end, rightwards like a line's name, at its value on either scale
    assert older["xanchor"] == "left" and older["x"] == last_year == 2023
    assert older["y"] == pytest.approx(math.log10(last_value) if scale == "log" else last_value)
    # Afghanistan's own name stands past its dashes, not across them
    assert annotations["end-AFG"]["x"] >= last_year and "(2021)" in annotations["end-AFG"]["text"]
    stacked = sorted(_stacked(figure), key=lambda a: _label_px(figure, a))
    assert {a["name"] for a in stacked} == {"end-KAZ", "end-KGZ", "end-TJK", "end-UZB", "end-AFG",
                                            "older-AFG-wdi_2025_02_derived"}
    for below, above in zip(stacked, stacked[1:]):
        lines_of = lambda a: a["text"].count("<br>") + 1  # noqa: E731
        needed = LABEL_GAP_PX * (lines_of(below) + lines_of(above)) / 2
        assert _label_px(figure, above) - _label_px(figure, below) >= needed - 1e-6, (below["name"], above["name"])
    # within the chart: at most half a label below the plot's bottom (the years' labels) or above its top
    plot_px = height - figure["layout"]["margin"]["t"] - figure["layout"]["margin"]["b"]
    assert all(-LABEL_GAP_PX / 2 - 1e-6 <= _label_px(figure, a) <= plot_px + LABEL_GAP_PX / 2 + 1e-6
               for a in stacked)
    # the right margin holds the older release's label too
    assert figure["layout"]["margin"]["r"] >= label_width(older["text"])


def test_a_scale_patch_moves_the_older_releases_labels_with_the_end_labels(store):
    """The scale patch replaces the labels: the older releases' go with it, placed for the new axis (before, the
    patch dropped them, and a page opened on a log axis drew them at 10^value)."""
    from figures.remittances.lines import assemble_trend_figure, lines_data, patch_lines_scale

    codes = ("KAZ", "KGZ", "TJK", "UZB", "AFG", "MDA")
    lines = lines_data(store, PCT_INDICATOR, codes)
    patch = patch_lines_scale(store, lines, scale="log", lang="en", height=460).to_plotly_json()
    assigned = {tuple(op["location"]): op["params"]["value"] for op in patch["operations"]}
    whole = assemble_trend_figure(store, lines, scale="log", lang="en", title="t", height=460)
    assert assigned[("layout", "annotations")] == whole["layout"]["annotations"]
    assert {"older-AFG-wdi_2025_02_derived", "older-MDA-wdi_2025_02_derived"} <= {
        a["name"] for a in assigned[("layout", "annotations")]}


def test_an_older_segment_before_its_line_keeps_its_label_under_its_end(store):
    """Iran's % of GDP: WDI 2025-02 alone has 1991–1992, its line starts in 1993: the label stands under the
    segment's end, leftwards, out of the stack of end labels."""
    data, figure = trend_figure(store, PCT_INDICATOR, ("IRN", "KGZ"))
    label = next(a for a in figure.layout.annotations if a.name.startswith("older-IRN-"))
    assert (label.xanchor, label.yanchor, label.x) == ("right", "top", 1992)


@pytest.mark.parametrize("positions, heights", [([0, 0, 0, 50], None), ([0, 10, 300], [2, 1, 1]),
                                                ([-40, -30, 0, 500], [1, 1, 2, 1])])
def test_spread_labels_leaves_room_for_two_line_labels_and_stays_within_bounds(positions, heights):
    placed = spread_labels(positions, 16, heights, bounds=(-8, 300))
    sizes = heights or [1] * len(positions)
    ranked = sorted(range(len(positions)), key=lambda i: placed[i])
    assert [positions[i] for i in ranked] == sorted(positions)  # order kept
    for below, above in zip(ranked, ranked[1:]):
        assert placed[above] - placed[below] >= 16 * (sizes[below] + sizes[above]) / 2 - 1e-9
    assert all(-8 - 1e-9 <= value <= 300 + 1e-9 for value in placed)


def test_spread_labels_moves_only_the_labels_of_a_cluster():
    """A label far from any other stays at its line's end (the whole stack used to shift by the mean push)."""
    placed = spread_labels([0, 1, 300], 16)
    assert placed[2] == 300 and placed[1] - placed[0] >= 16
