"""data/query/values.py: an indicator's default series, one year across countries, years and rankings."""
from __future__ import annotations

import pytest


def test_values_for_map_resolves_the_default_source_per_cell(store):
    frame = store.values_for_map("BX.TRF.PWKR.DT.GD.ZS", 2023)
    assert list(frame.columns) == ["iso3", "value", "source"]
    rows = frame.set_index("iso3")
    # The newest WDI release (after 2025-07) has Central Asia; other countries come from older releases.
    assert rows.loc["TJK", "source"] == "wdi_ddf_2026" and rows.loc["TJK", "value"] == pytest.approx(37.84, abs=0.005)
    assert rows.loc["KGZ", "source"] == "wdi_ddf_2026"
    # MDA 2023 is in no published series: the value computed from WDI 2025-02 levels fills the map's cell.
    assert rows.loc["MDA", "source"] == "wdi_2025_02_derived"
    assert store.releases_used(frame)[0][0] in {"wdi_2025_02_derived", "wdi_ddf_2026"}
    assert "TKM" not in rows.index  # TKM remittances: not reported
    assert frame["iso3"].is_unique and list(frame["iso3"]) == sorted(frame["iso3"])


def test_values_for_map_leaves_out_aggregates_and_can_name_a_source(store):
    population = store.values_for_map("SP.POP.TOTL", 2024).set_index("iso3")
    assert population.loc["TJK", "value"] == 10590927
    assert not {"WLD", "ECS", "EAR"} & set(population.index)
    older = store.values_for_map("BX.TRF.PWKR.DT.GD.ZS", 2013, source="wdi_2023_05").set_index("iso3")
    assert set(older["source"]) == {"wdi_2023_05"}
    assert older.loc["TJK", "value"] == pytest.approx(43.768, abs=0.001)
    assert store.values_for_map("BX.TRF.PWKR.DT.GD.ZS", 2013).set_index("iso3").loc["TJK", "value"] == \
        pytest.approx(43.77, abs=0.005)


def test_series_takes_one_release_per_country_and_keeps_aggregates(store):
    tjk = store.series("BX.TRF.PWKR.DT.GD.ZS", ["TJK"], start=2007, end=2011)
    assert list(tjk.columns) == ["iso3", "year", "value", "source"]
    assert list(tjk["year"]) == [2007, 2008, 2009, 2010, 2011]
    assert set(tjk["source"]) == {"wdi_ddf_2026"}  # one line, one vintage
    world = store.series("BX.TRF.PWKR.CD.DT", ["WLD", "TJK", "MDA"], start=2022, end=2022)
    assert list(world["iso3"]) == ["MDA", "TJK", "WLD"]
    assert world.set_index("iso3").loc["TJK", "source"] == "wdi_ddf_2026"  # newest release covering TJK
    assert world.set_index("iso3").loc["MDA", "source"] == "wdi_2025_07"  # newest covering MDA
    assert world.set_index("iso3").loc["WLD", "source"] == "wdi_2025_07"
    knomad = store.series("BX.TRF.PWKR.CD.DT", ["TJK"], source="knomad_2023_06", start=2022)
    assert knomad["value"].tolist() == [pytest.approx(5345.5e6, abs=0.05e6)]


def test_series_without_filters_returns_every_default_cell(store, tables):
    t = tables["indicators"]
    net_migration = t[t["indicator"] == "SM.POP.NETM"]
    assert len(store.series("SM.POP.NETM")) == len(net_migration)  # one source: every cell is its own default
    assert store.series("SM.POP.NETM", ["RUS"], start=2023)["value"].tolist() == [27807]


def test_years_and_sources(store):
    assert store.years("SM.POP.TOTL") == [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024]
    assert store.years("BX.TRF.PWKR.DT.GD.ZS")[-1] == 2024
    assert store.years("BX.TRF.PWKR.CD.DT", source="knomad_2023_06") == list(range(2000, 2023))
    assert store.sources_for("BX.TRF.PWKR.CD.DT")[:4] == ["wdi_ddf_2026", "wdi_2025_07", "wdi_2025_02",
                                                           "wdi_2023_05"]
    assert store.sources_for("BX.TRF.PWKR.DT.GD.ZS") == ["wdi_ddf_2026", "wdi_panel_2025", "wdi_2023_05",
                                                         "wdi_2025_02_derived", "knomad_2023_12_estimate"]
    assert store.sources_for("SM.POP.TOTL") == ["undesa_ims_2024", "undesa_ims_2020_derived"]


def test_ranking_puts_the_highest_value_first(store):
    ranking = store.ranking("SM.POP.TOTL", 2024)
    assert list(ranking.columns) == ["iso3", "value", "source", "rank"]
    assert ranking.iloc[0]["iso3"] == "USA" and ranking.iloc[0]["rank"] == 1
    assert ranking["value"].is_monotonic_decreasing
    assert ranking["rank"].is_monotonic_increasing
    assert not {"WLD", "ECS"} & set(ranking["iso3"])
    rus = ranking.set_index("iso3").loc["RUS"]
    assert rus["value"] == 7605774 and rus["rank"] == (ranking["value"] > 7605774).sum() + 1
