"""Russia's economy and the rouble: the curated values of Russia, a zero line only where there are values."""
from __future__ import annotations

import numpy as np
import pytest

from figures.remittances.economy import (ECONOMY_INDICATORS, build_economy_figure, dependent_economies, economy_data,
                                         economy_table, years_all_fell)
from figures.remittances.parts import DEPRECIATION_INDICATOR, GROWTH_INDICATOR, USD_INDICATOR, labels_for
from tests.figures.remittances.support import economy_figure
from tests.support.plain import assert_plain_is_validated


def test_economy_bars_are_the_curated_values_of_russia(store):
    data, figure = economy_figure(store)
    assert [trace.meta for trace in figure.data] == list(ECONOMY_INDICATORS)
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
    data = economy_data(store)
    table = economy_table(data, store, "en")
    assert len(table) == 32 and set(table["iso3"]) == {"RUS"}
    assert list(table["indicator"].unique()) == list(ECONOMY_INDICATORS)
    assert set(table["unit"]) == {"%", "log points"} and set(table["source"]) == {"wdi_panel_2025"}
    assert {"publisher", "vintage", "licence", "indicator_name"} <= set(table.columns)
    rows = table.set_index(["indicator", "year"])["value"]
    assert rows[(DEPRECIATION_INDICATOR, 2015)] == 46.24 and rows[(GROWTH_INDICATOR, 2020)] == -2.65


def test_years_when_every_dependent_economy_received_less():
    from data.query import get_store

    store = get_store()
    dependent = dependent_economies(store, store.group_members("ca5"))
    assert dependent == ["KGZ", "TJK", "UZB"]  # KAZ well under 10% of GDP; TKM does not report
    years = years_all_fell(store, dependent)
    usd = store.series(USD_INDICATOR, iso3s=dependent).pivot(index="year", columns="iso3", values="value")
    for year in years:
        assert (usd.loc[year] < usd.loc[year - 1]).all()
    assert 2009 in years and 2015 in years
    assert 2014 not in years  # Uzbekistan's inflows rose that year
    assert 2022 not in years
    assert years_all_fell(store, []) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_plain_economy_figure_is_the_validated_one(store, lang):
    data = economy_data(store)
    names = {GROWTH_INDICATOR: "growth", DEPRECIATION_INDICATOR: "rouble"}
    assert_plain_is_validated(lambda kit: build_economy_figure(
        data, names=names, source_labels=labels_for(store, data.rows["source"], lang), lang=lang, title="t", kit=kit))
