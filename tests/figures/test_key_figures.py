"""Key figures vs curated data: the rows carry the strategy's figures unchanged and the store's values exactly."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from figures.key_figures import cited_decimals, comparison_frame, comparison_rows, topics


@pytest.fixture(scope="module")
def rows(store):
    return comparison_rows(store)


@pytest.fixture(scope="module")
def by_id(rows):
    return {row.figure_id: row for row in rows}


def _series(store, row, source=None) -> pd.DataFrame:
    if row.compare_table == "indicators":
        return store.series(row.measure, iso3s=[row.compare_area], source=source)
    return store.corridors(row.measure, origins=[row.compare_area], destinations=[row.destination], source=source)


def test_rows_are_the_strategy_figures_in_order_and_unchanged(store, rows):
    figures = store.key_figures()
    assert [row.figure_id for row in rows] == list(figures["figure_id"])
    for row, figure in zip(rows, figures.to_dict("records")):
        assert row.value == figure["value"]
        assert (row.unit, row.statement, row.cited_source, row.topic, row.area) == (
            figure["unit"], figure["statement"], figure["cited_source"], figure["topic"], figure["country_iso3"])
        assert row.year == (None if pd.isna(figure["year"]) else int(figure["year"]))
        assert row.comparable == (figure["compare_indicator"] not in ("", None) and not pd.isna(figure["compare_indicator"]))


def test_comparable_rows_hold_the_stores_same_year_and_latest_values(store, rows):
    comparable = [row for row in rows if row.comparable]
    assert len(comparable) >= 10
    for row in comparable:
        series = _series(store, row)
        assert row.latest is not None, row.figure_id
        last = series[series["year"] == series["year"].max()].iloc[-1]
        assert (row.latest.year, row.latest.value, row.latest.source) == (
            int(last["year"]), float(last["value"]), last["source"]), row.figure_id
        assert row.same_year is not None, row.figure_id
        cell = series[series["year"] == row.same_year.year]
        assert (row.same_year.value, row.same_year.source) == (float(cell["value"].iloc[0]), cell["source"].iloc[0])
        if row.year in set(series["year"]):
            assert row.same_year.year == row.year  # the figure's own year whenever our data has it
        assert row.measure_unit == store.indicator_meta(row.measure)["unit"]


def test_remittance_share_2013_is_wdi_next_to_the_strategy(by_id):
    row = by_id["rem_gdp_tjk_2013"]
    assert row.value == 48.1 and row.unit == "% of GDP"
    assert row.same_year.year == 2013
    assert math.isclose(row.same_year.value, 43.77, abs_tol=0.01)  # WDI; PROVENANCE sanity table
    assert row.same_year.source.startswith("wdi_")
    # The other WDI vintage for 2013 is offered too, never the source already shown.
    others = {value.source for value in row.others_same_year}
    assert "wdi_2023_05" in others and row.same_year.source not in others
    assert all(value.year == 2013 for value in row.others_same_year)


def test_fms_figure_is_compared_with_un_desa_at_the_nearest_year(store, by_id):
    row = by_id["fms_tjk_in_rus_2013"]
    assert (row.value, row.unit) == (1.2, "million persons")
    assert (row.compare_table, row.measure, row.compare_area, row.destination) == (
        "corridors", "stock_total", "TJK", "RUS")
    undesa = store.corridors("stock_total", origins=["TJK"], destinations=["RUS"], source="undesa_ims_2024")
    assert 2013 not in set(undesa["year"])
    assert row.same_year.source == "undesa_ims_2024"
    assert row.same_year.year == int(store.key_figures().set_index("figure_id").at[row.figure_id, "compare_year"])
    assert row.same_year.value == float(undesa.loc[undesa["year"] == row.same_year.year, "value"].iloc[0])
    assert (row.latest.year, row.latest.value) == (2024, 415676.0)  # PROVENANCE sanity table
    assert "undesa_ims_2020" in {value.source for value in row.others_same_year}


def test_figures_without_a_comparable_series_carry_no_values(rows):
    empty = [row for row in rows if not row.comparable]
    assert any(row.topic == "trafficking" for row in empty)
    assert all(row.same_year is None and row.latest is None and not row.others_same_year for row in empty)
    assert all(row.sources == [] for row in empty)


def test_filters_by_topic_and_area(store):
    assert {row.topic for row in comparison_rows(store, ["corridor", "wages"])} == {"corridor", "wages"}
    assert {row.area for row in comparison_rows(store, areas=["KGZ"])} == {"KGZ"}
    assert comparison_rows(store, ["no_such_topic"]) == []
    assert topics(store)[0] == store.key_figures()["topic"].iloc[0]
    assert set(topics(store)) == set(store.key_figures()["topic"])


@pytest.mark.parametrize("value, decimals", [(48.1, 1), (2.64, 2), (3.0, 0), (9, 0), (1_000_000.0, 0), (0.6, 1)])
def test_cited_decimals_keep_the_figure_as_written(value, decimals):
    assert cited_decimals(value) == decimals


def test_download_frame_has_sources_and_vintages(store, rows):
    frame = comparison_frame(store, rows)
    assert len(frame) == len(rows)
    assert {"strategy_value", "cited_source", "same_year_source", "same_year_vintage", "latest_source",
            "latest_vintage", "strategy_vintage"} <= set(frame.columns)
    fms = frame.set_index("figure_id").loc["fms_tjk_in_rus_2013"]
    assert fms["same_year_source"] == "undesa_ims_2024"
    assert fms["same_year_vintage"] == store.source_meta("undesa_ims_2024")["vintage"]
    assert fms["latest_value"] == 415676.0
    assert pd.isna(frame.set_index("figure_id").loc["trafficking_at_risk", "latest_value"])
