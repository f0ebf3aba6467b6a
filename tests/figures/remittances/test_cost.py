"""The cost of sending money from Russia: the curated corridor values, gaps kept, the end of the extract shown."""
from __future__ import annotations

import pandas as pd
import pytest

from figures.remittances.cost import build_cost_figure, cost_data, cost_table, next_period, period_start
from figures.remittances.parts import labels_for, names_for
from tests.figures.remittances.support import CA5, cost_figure, traces_by_code
from tests.support.plain import assert_plain_is_validated, figure_of


def test_cost_lines_are_the_curated_corridor_values(store):
    data, figure = cost_figure(store, CA5)
    assert data.order == ("KAZ", "KGZ", "TJK", "UZB")
    assert data.no_corridor == ("TKM",)
    for trace in figure.data:
        code, _, derived = trace.meta.partition(":")
        source = "rpw_2025_q1_derived" if derived else None
        curated = store.corridors("cost_pct", origins=[code], destinations=["RUS"], source=source)
        if derived:  # only the quarters after the official extract, each from the one derived source
            curated = curated[curated["period"].map(period_start) > period_start(data.last_period)]
            drawn = {x: y for x, y in zip(trace.x, trace.y)}
            assert drawn == dict(zip(curated["period"].map(period_start), curated["value"]))
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
    data = cost_data(store, ("TJK", "RUS", "WLD", "TKM"))
    assert data.order == ("TJK",) and data.no_corridor == ("TKM",)


def test_cost_table_names_sender_and_receiver(store):
    data = cost_data(store, ("UZB",))
    table = cost_table(data, store, "en")
    assert set(table["sending_country_iso3"]) == {"RUS"} and set(table["receiving_country_iso3"]) == {"UZB"}
    assert {"period", "value", "unit", "source", "vintage", "licence"} <= set(table.columns)
    assert len(table) == len(store.corridors("cost_pct", origins=["UZB"], destinations=["RUS"]))


@pytest.mark.parametrize("period, start", [("2013Q2", "2013-04-01"), ("2011Q3", "2011-07-01"), ("2020", "2020-01-01")])
def test_period_start(period, start):
    assert period_start(period) == pd.Timestamp(start)


def test_next_period_wraps_the_year():
    assert next_period("2020Q3") == "2020Q4" and next_period("2020Q4") == "2021Q1"


@pytest.mark.parametrize("codes", [(), ("TKM",), ("WLD", "ECS")])
def test_cost_chart_without_a_corridor_says_so_on_a_date_axis(store, codes):
    data = cost_data(store, codes)
    figure = figure_of(build_cost_figure(data, names={}, source_labels={}, lang="en", title="t",
                                         empty_text="No corridor"))
    assert not figure.data
    assert figure.layout.xaxis.type == "date"  # a guessed linear axis turned the band's dates into NaN
    assert not figure.layout.shapes  # no "after the extract" band over an empty chart
    assert [a.text for a in figure.layout.annotations] == ["No corridor"]
    assert figure.layout.xaxis.visible is False and figure.layout.yaxis.visible is False


def test_cost_chart_with_corridors_keeps_its_date_axis_and_band(store):
    _, figure = cost_figure(store, ("UZB",))
    assert figure.layout.xaxis.type == "date" and len(figure.layout.shapes) == 1


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("codes", [CA5, (*CA5, "ARM", "MDA"), ("TKM",), ("WLD",), ()])
def test_the_plain_cost_figure_is_the_validated_one(store, lang, codes):
    data = cost_data(store, codes)
    labels = labels_for(store, [*data.rows["source"], *data.derived["source"]], lang)
    assert_plain_is_validated(lambda kit: build_cost_figure(
        data, names=names_for(store, data.order, lang), source_labels=labels, lang=lang, title="t", subtitle="s",
        kit=kit))
