"""data/query.py: DataStore methods, the default rule and get_store()."""
from __future__ import annotations

import pandas as pd
import pytest

from data.catalog import CURATED_DIR
from data.query import DataStore, get_store, pick_default


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


def test_corridors_default_to_the_newest_revision(store):
    frame = store.corridors("stock_total", origins=["UZB"], destinations=["RUS"])
    assert list(frame.columns) == ["origin", "destination", "year", "period", "value", "source"]
    assert set(frame["source"]) == {"undesa_ims_2024"}
    assert frame.set_index("year").loc[2020, "value"] == 871154
    older = store.corridors("stock_total", origins=["UZB"], destinations=["RUS"], year=2020, source="undesa_ims_2020")
    assert older["value"].tolist() == [1146175]
    assert store.corridors("stock_total", origins=["UZB"], year=2017).empty  # 2017 is KNOMAD's, not the default
    assert store.corridors("stock_total", origins=["UZB"], destinations=["RUS"], year=2017,
                           source="knomad_stock_2017")["value"].tolist() == [1147613]


def test_corridors_filter_by_destination_year_and_measure(store):
    to_kaz = store.corridors(destinations=["KAZ"], year=2024)
    assert set(to_kaz["destination"]) == {"KAZ"} and set(to_kaz["year"]) == {2024}
    assert to_kaz.set_index("origin").loc["UZB", "value"] == 744161
    costs = store.corridors("cost_pct", origins=["TJK"], destinations=["RUS"], year=2013)
    assert costs["period"].tolist() == ["2013Q1", "2013Q2", "2013Q3", "2013Q4"]
    assert set(costs["source"]) == {"rpw_2020_12"}
    money = store.corridors("remittances_usd", destinations=["RUS"], origins=["UZB"])
    assert money["value"].tolist() == [pytest.approx(9197.5e6, abs=0.05e6)]  # the 2021 matrix by default
    older = store.corridors("remittances_usd", destinations=["RUS"], origins=["UZB"], source="knomad_bilateral_2017")
    assert older["value"].tolist() == [pytest.approx(2838.7e6, abs=0.05e6)]
    fms = store.corridors("citizens_present")
    assert fms.set_index("origin")["value"].to_dict() == {"KAZ": 6e5, "KGZ": 6e5, "TJK": 1.2e6, "UZB": 3e6}
    assert store.corridor_sources("stock_total") == ["undesa_ims_2024", "undesa_ims_2020", "knomad_stock_2017"]
    assert store.corridor_sources("cost_pct") == ["rpw_2020_12", "rpw_2025_q1_derived"]


def test_unknown_ids_raise_key_error(store):
    with pytest.raises(KeyError, match="unknown indicator 'NOPE'"):
        store.series("NOPE")
    with pytest.raises(KeyError, match="unknown corridor measure 'SM.POP.TOTL'"):
        store.corridors("SM.POP.TOTL")
    with pytest.raises(KeyError, match="unknown indicator 'stock_total'"):
        store.values_for_map("stock_total", 2020)
    with pytest.raises(KeyError, match="unknown source 'nope'"):
        store.years("SM.POP.TOTL", source="nope")
    with pytest.raises(KeyError):
        store.source_meta("nope")


def test_metadata_accessors(store):
    meta = store.indicator_meta("BX.TRF.PWKR.DT.GD.ZS")
    assert meta["unit"] == "%" and meta["name_en"] == "Personal remittances, received (% of GDP)"
    assert meta["source_priority"] == ["wdi_ddf_2026", "wdi_panel_2025", "wdi_2023_05", "wdi_2025_02_derived"]
    assert meta["value_min"] == 0.0 and meta["value_max"] is None
    assert "Turkmenistan" in meta["caveats"]
    assert store.indicator_meta("stock_total")["unit"] == "persons"
    source = store.source_meta("undesa_ims_2024")
    assert source["publisher"] == "United Nations, DESA, Population Division"
    assert source["licence"] == "CC BY 3.0 IGO" and source["vintage"] == "Rev.2024"
    assert source["raw_files"][0].startswith("un_desa_migrant_stock/")
    assert store.source_meta("wdi_2025_02_derived")["derived_from"] == ["wdi_2025_02"]
    citation = store.citation("knomad_2023_06")
    assert citation.startswith("World Bank-KNOMAD, June 2023.") and "CC BY 4.0" in citation
    assert list(store.indicators()["indicator"])[:2] == ["BX.TRF.PWKR.DT.GD.ZS", "BX.TRF.PWKR.CD.DT"]
    assert "stock_total" in set(store.indicators("corridors")["indicator"])
    assert "natural_earth_v4" in set(store.sources()["source"])


def test_metadata_in_russian(store):
    meta = store.indicator_meta("SM.POP.TOTL", "ru")
    assert meta["name"] == "Численность международных мигрантов, всего" and meta["unit"] == "persons"
    assert meta["unit_label"] == "чел." and meta["definition"].startswith("Лица, проживающие в стране")
    assert store.indicator_meta("SM.POP.TOTL")["name"] == meta["name_en"] == "International migrant stock, total"
    source = store.source_meta("undesa_ims_2024", "ru")
    assert source["publisher"] == "Департамент ООН по экономическим и социальным вопросам, Отдел народонаселения"
    assert source["vintage"] == "пересмотр 2024 г."
    # The publisher's own citation stays English, and says so; the project's own citations are translated.
    assert source["citation_lang"] == "en" and source["citation"].startswith("United Nations Department")
    assert store.source_meta("undesa_ims_2024_derived", "ru")["citation"].startswith("Рассчитано")
    assert store.source_meta("undesa_ims_2024_derived", "ru")["citation_lang"] == "ru"
    assert list(store.sources("ru")["publisher"])[:1] == ["Всемирный банк"]
    assert store.country("UKR", "ru")["capital"] == "Киев" and store.country("UKR")["capital"] == "Kyiv"
    assert store.country("KAZ", "ru")["income_group"] == "уровень дохода выше среднего"
    assert store.key_figures("ru")["statement"].str.contains("[А-Яа-я]").all()


def test_countries_names_and_groups(store):
    kaz = store.country("KAZ")
    assert kaz["capital"] == "Astana" and kaz["groups"] == ["ca5", "almaty_member", "customs_union_2013",
                                                              "main_destinations"]
    assert isinstance(kaz["capital_lat"], float)
    assert store.country("ZZZ") is None
    assert store.country("WLD")["capital_lat"] is None
    assert store.country_name("KGZ") == "Kyrgyzstan"
    assert store.country_name("KGZ", "ru") == "Кыргызстан"  # UN usage, not pycountry's «Киргизия»
    assert store.country_name("WLD", "ru") == "Мир"
    assert store.country_name("XKX", "de") == "Kosovo"      # no such language column: English
    assert store.country_name("ZZZ") == "ZZZ"               # unknown: the code itself
    countries = store.countries()
    assert set(countries["kind"]) == {"country"} and "WLD" not in set(countries["iso3"])
    assert "WLD" in set(store.countries("aggregate")["iso3"])
    assert len(store.countries(None)) == len(countries) + len(store.countries("aggregate"))
    assert store.group_members("ca5") == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert store.group_members("almaty_observer") == ["IRN", "PAK"]
    assert store.group_members("customs_union_2013") == ["BLR", "KAZ", "RUS"]
    assert store.group_members("no_such_group") == []


def test_key_figures_come_with_comparisons(store):
    figures = store.key_figures().set_index("figure_id")
    assert len(figures) == 39
    tjk = figures.loc["rem_gdp_tjk_2013"]
    assert (tjk["value"], tjk["compare_indicator"], tjk["compare_year"]) == (48.1, "BX.TRF.PWKR.DT.GD.ZS", 2013)
    # The strategy's 48.1 % against the curated default for the same cell.
    curated = store.series(tjk["compare_indicator"], [tjk["compare_iso3"]], start=2013, end=2013)
    assert curated["value"].tolist() == [pytest.approx(43.77, abs=0.005)]
    uzb = figures.loc["fms_uzb_in_rus_2013"]
    rows = store.corridors(uzb["compare_indicator"], origins=[uzb["compare_iso3"]],
                           destinations=[uzb["compare_destination"]], year=uzb["compare_year"])
    assert rows["value"].tolist() == [987806]


def test_returned_frames_are_copies(store):
    frame = store.values_for_map("SP.POP.TOTL", 2024)
    frame.loc[:, "value"] = -1.0
    series = store.series("SP.POP.TOTL", ["TJK"])
    series.loc[:, "value"] = -1.0
    figures = store.key_figures()
    figures.loc[:, "value"] = -1.0
    assert store.values_for_map("SP.POP.TOTL", 2024).set_index("iso3").loc["TJK", "value"] == 10590927
    assert (store.series("SP.POP.TOTL", ["TJK"])["value"] > 0).all()
    assert store.key_figures()["value"].iloc[0] == 48.1


def test_pick_default_takes_the_first_source_in_priority_per_key():
    frame = pd.DataFrame({"iso3": ["A", "A", "B", "C"], "year": [1, 1, 1, 1], "value": [1.0, 2.0, 3.0, 4.0],
                          "source": ["old", "new", "old", "other"]})
    picked = pick_default(frame, ["new", "old"], ["iso3", "year"])
    assert picked[["iso3", "source"]].values.tolist() == [["A", "new"], ["B", "old"]]  # "other": not a default


def test_get_store_is_one_cached_store_over_the_committed_files():
    store = get_store()
    assert store is get_store()
    assert store.curated_dir == CURATED_DIR
    assert isinstance(store, DataStore) and store.years("SP.POP.TOTL")[-1] == 2024


def test_other_segments_indexed_once_equal_those_found_from_the_whole_tables(store):
    """Found once per indicator for every country, then filtered: the same rows, order and types as computing
    them per request from the tables (what other_segments did before)."""
    for indicator in store.indicators()["indicator"]:
        codes = sorted(set(store.series(indicator)["iso3"]))
        for chosen in (None, [], codes[:3], codes[-4:], ["KAZ", "KGZ", "TJK", "TKM", "UZB", "WLD"], ["XXX"]):
            pd.testing.assert_frame_equal(store.other_segments(indicator, chosen),
                                          store._other_segments_of(indicator, chosen))
    segments = store.other_segments("BX.TRF.PWKR.DT.GD.ZS")
    segments.loc[:, "value"] = -1.0  # a copy: the index is not changed by a caller
    assert (store.other_segments("BX.TRF.PWKR.DT.GD.ZS")["value"] != -1.0).all()


def test_values_for_map_from_the_year_index_equal_the_masked_frame(store):
    """Every indicator, source and year (and years without data): the rows, order, index and types of the mask
    and sort over the whole frame."""
    for indicator in store.indicators()["indicator"]:
        for source in (None, *store.sources_for(indicator)):
            for year in (*store.years(indicator, source), 1900, 2024.0):
                pd.testing.assert_frame_equal(store.values_for_map(indicator, year, source),
                                              store.values_for_map_reference(indicator, year, source))


def test_series_from_the_country_index_equal_the_masked_frame(store):
    for indicator in store.indicators()["indicator"]:
        codes = sorted(set(store.series_reference(indicator)["iso3"]))
        for source in (None, *store.sources_for(indicator)[:3]):
            for chosen in (None, [], codes[:1], codes[::7], ["UZB", "KAZ", "WLD", "UZB", "XXX"], ("ECS",)):
                for start, end in ((None, None), (2000, None), (None, 2010), (2005, 2005), (2030, 1990)):
                    pd.testing.assert_frame_equal(store.series(indicator, chosen, source, start, end),
                                                  store.series_reference(indicator, chosen, source, start, end))
