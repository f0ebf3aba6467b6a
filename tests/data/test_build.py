"""data/build/: curated values against the raw publisher files and the PROVENANCE sanity table, determinism,
derived values, countries, key figures and metadata."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from data import catalog
from data.build.run import build, main
from data.catalog import CURATED_DIR, RAW_DIR

CURATED_FILES = ["indicators.csv", "corridors.csv", "meta_indicators.csv", "meta_sources.csv", "countries.csv",
                 "key_figures.csv"]


# --- helpers ---------------------------------------------------------------------------------------------------
def cell(tables, indicator: str, iso3: str, year: int, source: str) -> float:
    t = tables["indicators"]
    rows = t[(t["indicator"] == indicator) & (t["iso3"] == iso3) & (t["year"] == year) & (t["source"] == source)]
    assert len(rows) == 1, f"{indicator} {iso3} {year} {source}: {len(rows)} rows"
    return float(rows["value"].iloc[0])


def corridor(tables, measure: str, origin: str, destination: str, period: str, source: str) -> float:
    t = tables["corridors"]
    rows = t[(t["measure"] == measure) & (t["origin"] == origin) & (t["destination"] == destination)
             & (t["period"] == period) & (t["source"] == source)]
    assert len(rows) == 1, f"{measure} {origin}→{destination} {period} {source}: {len(rows)} rows"
    return float(rows["value"].iloc[0])


def curated_series(tables, indicator: str, source: str) -> pd.Series:
    t = tables["indicators"]
    rows = t[(t["indicator"] == indicator) & (t["source"] == source)]
    return rows.set_index([rows["iso3"].astype(str), rows["year"].astype(int)])["value"].sort_index()


def curated_corridors(tables, measure: str, source: str) -> pd.Series:
    t = tables["corridors"]
    rows = t[(t["measure"] == measure) & (t["source"] == source)]
    index = [rows["origin"].astype(str), rows["destination"].astype(str), rows["period"].astype(str)]
    return rows.set_index(index)["value"].sort_index()


def assert_same(actual: pd.Series, expected: pd.Series) -> None:
    """Same keys and the same values (up to float text round-trip)."""
    expected = expected.astype(float).sort_index()
    assert len(actual) == len(expected) > 0
    assert list(actual.index) == list(expected.index)
    pd.testing.assert_series_equal(actual.astype(float), expected, check_names=False, check_exact=False,
                                   rtol=1e-12, check_index_type=False)


def melt_years(raw: pd.DataFrame, code_column: str, pattern: str = r"^\d{4}$") -> pd.DataFrame:
    columns = [c for c in raw.columns if pd.Series([c]).str.match(pattern)[0]]
    long = raw.melt(id_vars=[code_column], value_vars=columns, var_name="column", value_name="value")
    return long.dropna(subset=["value"])


# --- determinism -----------------------------------------------------------------------------------------------
def test_committed_curated_files_equal_a_fresh_build(built_dir, shipped_raw, tmp_path):
    if shipped_raw != RAW_DIR:  # data/raw holds refreshed files: build exactly what is committed
        built_dir = tmp_path / "curated"
        build(RAW_DIR, built_dir)
    for name in CURATED_FILES:
        assert (built_dir / name).read_bytes() == (CURATED_DIR / name).read_bytes(), \
            f"data/curated/{name} is stale: run python -m data.build"


def test_second_build_is_byte_identical_and_changes_nothing(shipped_raw, curated_copy, snapshot, capsys):
    before = snapshot(curated_copy)
    assert main(["--raw-dir", str(shipped_raw), "--out-dir", str(curated_copy)]) == 0
    assert snapshot(curated_copy) == before
    assert "Changed: nothing" in capsys.readouterr().out
    assert not list(curated_copy.glob(".build-*")), "staging folder left behind"


def test_numbers_are_written_in_shortest_round_trip_form(built_dir):
    lines = (built_dir / "indicators.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "iso3,year,indicator,value,source"
    assert "TJK,2024,SP.POP.TOTL,10590927,wdi_pop_datahub" in lines          # whole numbers without ".0"
    assert "TJK,2013,BX.TRF.PWKR.DT.GD.ZS,43.77,wdi_panel_2025" in lines     # as published
    assert lines[1:] == sorted(lines[1:], key=lambda line: (line.split(",")[0], int(line.split(",")[1]),
                                                            line.split(",")[2], line.split(",")[4]))


# --- every value against the raw publisher files ---------------------------------------------------------------
@pytest.mark.parametrize("indicator", catalog.WDI_2023_SERIES)
def test_wdi_2023_downloads_are_stored_cell_for_cell(tables, raw_frame, indicator):
    long = melt_years(raw_frame(catalog.WDI_2023_FILES[indicator]), "Country Code")
    long = long[long["Country Code"] != "INX"]
    if indicator in catalog.REMITTANCE_INDICATORS:
        long = long[long["value"] != 0]
    expected = long.set_index([long["Country Code"], long["column"].astype(int)])["value"]
    assert_same(curated_series(tables, indicator, "wdi_2023_05"), expected)


def test_gdidata_wdi_variables_are_stored_cell_for_cell(tables, raw_frame):
    raw = raw_frame(catalog.GDIDATA_WDI)
    for variable, indicator in catalog.GDIDATA_VARIABLES.items():
        rows = raw[raw["var"] == variable]
        if indicator in catalog.REMITTANCE_INDICATORS:
            rows = rows[rows["value"] != 0]
        expected = rows.set_index([rows["iso3"], rows["year"]])["value"]
        assert_same(curated_series(tables, indicator, "wdi_2025_02"), expected)
    t = tables["indicators"]
    assert not ((t["source"] == "wdi_2025_02") & (t["indicator"] == "SP.POP.TOTL")).any()  # its pop is UN WPP


def test_panel_population_and_unhcr_are_stored_cell_for_cell(tables, raw_frame):
    panel = raw_frame(catalog.WDI_REMIT_PANEL)
    assert_same(curated_series(tables, "BX.TRF.PWKR.DT.GD.ZS", "wdi_panel_2025"),
                panel.set_index(["iso3c", "year"])["remit_gdp"])
    population = raw_frame(catalog.WDI_POPULATION)
    assert_same(curated_series(tables, "SP.POP.TOTL", "wdi_pop_datahub"),
                population.set_index(["Country Code", "Year"])["Value"])
    unhcr = raw_frame(catalog.UNHCR_TOTALS)
    unhcr = unhcr[~unhcr["iso3"].isin(list(catalog.UNHCR_PSEUDO_ORIGINS))]
    for column, indicator in (("refugees_hosted_by_country_of_asylum", "SM.POP.REFG"),
                              ("refugees_by_country_of_origin", "SM.POP.REFG.OR")):
        rows = unhcr.dropna(subset=[column])
        assert_same(curated_series(tables, indicator, "unhcr_2024"), rows.set_index(["iso3", "year"])[column])


def test_panel_russia_columns_are_stored_once_per_year_for_russia(tables, raw_frame):
    panel = raw_frame(catalog.WDI_REMIT_PANEL)
    t = tables["indicators"]
    for column, indicator in catalog.PANEL_RUSSIA_COLUMNS.items():
        # Every row of a year holds the same value (the build checks it; this reads the raw file independently).
        assert (panel.groupby("year")[column].nunique() == 1).all(), column
        expected = panel.groupby("year")[column].first()
        expected.index = pd.MultiIndex.from_tuples([("RUS", year) for year in expected.index])
        assert_same(curated_series(tables, indicator, "wdi_panel_2025"), expected)
        assert set(t.loc[t["indicator"] == indicator, "iso3"].astype(str)) == {"RUS"}
        assert set(t.loc[t["indicator"] == indicator, "source"].astype(str)) == {"wdi_panel_2025"}
    assert sorted(curated_series(tables, "CAMR.RUB.DEPR", "wdi_panel_2025").index.get_level_values(1)) == \
        list(range(2009, 2025))


@pytest.mark.parametrize("relative, indicator", [(catalog.KNOMAD_INFLOWS, "BX.TRF.PWKR.CD.DT"),
                                                 (catalog.KNOMAD_OUTFLOWS, "BM.TRF.PWKR.CD.DT")])
def test_knomad_flows_are_stored_in_us_dollars(tables, raw_frame, relative, indicator):
    long = melt_years(raw_frame(relative).dropna(subset=["iso3"]), "iso3")
    long = long[long["value"] != 0]
    expected = long.set_index([long["iso3"], long["column"].astype(int)])["value"] * 1e6
    assert_same(curated_series(tables, indicator, "knomad_2023_06"), expected)


def test_undesa_totals_are_stored_with_channel_islands_as_chi(tables, raw_frame):
    for relative, column, indicator in ((catalog.UNDESA_2024_IMMIGRANTS, "destination_iso3", "SM.POP.TOTL"),
                                        (catalog.UNDESA_2024_EMIGRANTS, "origin_iso3", "CAMR.EMIG.TOTL")):
        raw = raw_frame(relative)
        codes = raw[column].replace(catalog.UNDESA_CODE_ALIASES)
        assert_same(curated_series(tables, indicator, "undesa_ims_2024"), raw.set_index([codes, raw["year"]])["total"])
    assert "XCX" not in set(tables["indicators"]["iso3"])
    assert cell(tables, "SM.POP.TOTL", "CHI", 1990, "undesa_ims_2024") == 61660


@pytest.mark.parametrize("relative, source", [(catalog.UNDESA_2024_BILATERAL, "undesa_ims_2024"),
                                              (catalog.UNDESA_2020_BILATERAL, "undesa_ims_2020")])
def test_undesa_bilateral_stocks_become_corridors_without_unknown_origin(tables, raw_frame, relative, source):
    raw = raw_frame(relative)
    raw = raw[raw["origin_iso3"] != "OOO"]
    for column in ("total", "male", "female"):
        expected = raw.set_index([raw["origin_iso3"], raw["destination_iso3"], raw["year"].astype(str)])[column]
        assert_same(curated_corridors(tables, f"stock_{column}", source), expected)
    assert not {"OOO"} & set(tables["corridors"]["origin"].astype(str))


def test_knomad_matrices_become_corridors_origin_first(tables, raw_frame):
    stocks = raw_frame(catalog.KNOMAD_BILATERAL_STOCKS).dropna(
        subset=["origin_country_iso3", "destination_country_iso3"])
    stocks = stocks[stocks["origin_country_iso3"] != stocks["destination_country_iso3"]]
    expected = stocks.set_index(["origin_country_iso3", "destination_country_iso3"])["migrants_2017"]
    expected.index = pd.MultiIndex.from_tuples([(o, d, "2017") for o, d in expected.index])
    assert_same(curated_corridors(tables, "stock_total", "knomad_stock_2017"), expected)

    money = raw_frame(catalog.KNOMAD_BILATERAL_REMITTANCES)
    money = money[money["sending_country_iso3"] != money["receiving_country_iso3"]]
    # "Flows > 0 only" (the method): the 37 cells stored as 0 in the long file are no estimate and are left out.
    assert (money["remittances_usd_million_2017"] == 0).sum() == 37
    money = money[money["remittances_usd_million_2017"] != 0]
    # The receiving country is the migrants' origin; the sending country is their host.
    expected = money.set_index(["receiving_country_iso3", "sending_country_iso3"])["remittances_usd_million_2017"]
    expected.index = pd.MultiIndex.from_tuples([(o, d, "2017") for o, d in expected.index])
    assert_same(curated_corridors(tables, "remittances_usd", "knomad_bilateral_2017"), expected * 1e6)


def test_rpw_quarters_become_cost_corridors(tables, raw_frame):
    raw = raw_frame(catalog.RPW_CORRIDORS)
    raw["pair"] = list(zip(raw["Receiving Countries Code"], raw["Sending Countries Code"]))
    long = melt_years(raw, "pair", pattern=r"^\d{4}Q[1-4] \[YR")
    expected = long.set_index([long["pair"].str[0], long["pair"].str[1], long["column"].str[:6]])["value"]
    assert_same(curated_corridors(tables, "cost_pct", "rpw_2020_12"), expected)
    assert {"2011Q1", "2011Q3", "2013Q2", "2020Q3"} <= set(tables["corridors"]["period"].astype(str))


# --- the PROVENANCE sanity table -------------------------------------------------------------------------------
SANITY_INDICATORS = [
    # indicator, iso3, year, source, expected, absolute tolerance
    *[("BX.TRF.PWKR.DT.GD.ZS", "TJK", y, "wdi_2023_05", v, 0.005)
      for y, v in ((2010, 35.81), (2013, 43.77), (2015, 27.31), (2020, 26.88), (2021, 33.41))],
    *[("BX.TRF.PWKR.DT.GD.ZS", "TJK", y, "wdi_panel_2025", v, 0.005) for y, v in ((2022, 49.90), (2023, 37.84),
                                                                                  (2024, 47.89))],
    ("BX.TRF.PWKR.DT.GD.ZS", "KGZ", 2013, "wdi_2023_05", 31.06, 0.005),
    ("BX.TRF.PWKR.DT.GD.ZS", "KGZ", 2021, "wdi_2023_05", 32.69, 0.005),
    ("BX.TRF.PWKR.DT.GD.ZS", "KGZ", 2021, "wdi_panel_2025", 32.56, 0.005),
    ("BX.TRF.PWKR.DT.GD.ZS", "KGZ", 2022, "wdi_panel_2025", 26.58, 0.005),
    ("BX.TRF.PWKR.DT.GD.ZS", "UZB", 2013, "wdi_2023_05", 8.80, 0.005),
    ("BX.TRF.PWKR.DT.GD.ZS", "UZB", 2022, "wdi_panel_2025", 17.22, 0.005),
    ("BX.TRF.PWKR.DT.GD.ZS", "UZB", 2024, "wdi_panel_2025", 14.42, 0.005),
    ("BX.TRF.PWKR.CD.DT", "TJK", 2022, "wdi_2023_05", 3200e6, 0.5e6),
    ("BX.TRF.PWKR.CD.DT", "KGZ", 2022, "wdi_2023_05", 3050e6, 0.5e6),
    ("BX.TRF.PWKR.CD.DT", "UZB", 2022, "wdi_2023_05", 13500e6, 0.5e6),
    ("BX.TRF.PWKR.CD.DT", "TJK", 2022, "knomad_2023_06", 5345.5e6, 0.05e6),
    ("BX.TRF.PWKR.CD.DT", "KGZ", 2022, "knomad_2023_06", 3050.9e6, 0.05e6),
    ("BX.TRF.PWKR.CD.DT", "UZB", 2022, "knomad_2023_06", 16735.7e6, 0.05e6),
    ("BX.TRF.PWKR.CD.DT", "TJK", 2023, "wdi_2025_02", 4.63e9, 0.005e9),
    ("BX.TRF.PWKR.CD.DT", "KGZ", 2023, "wdi_2025_02", 2.85e9, 0.005e9),
    ("BX.TRF.PWKR.CD.DT", "UZB", 2023, "wdi_2025_02", 14.17e9, 0.005e9),
    ("BM.TRF.PWKR.CD.DT", "RUS", 2013, "wdi_2023_05", 37.2e9, 0.05e9),
    ("BM.TRF.PWKR.CD.DT", "RUS", 2021, "wdi_2023_05", 16.8e9, 0.05e9),
    *[("SM.POP.NETM", iso3, 2023, "wdi_2025_02", v, 0)
      for iso3, v in (("TJK", -19999), ("UZB", -6004), ("KGZ", 5601), ("KAZ", -4822), ("RUS", 27807))],
    *[("SL.UEM.TOTL.ZS", iso3, 2023, "wdi_2025_02", v, 0.005)
      for iso3, v in (("TJK", 11.55), ("KGZ", 3.99), ("UZB", 4.46), ("KAZ", 4.82))],
    ("SP.POP.TOTL", "TJK", 2024, "wdi_pop_datahub", 10590927, 0),
    ("SP.POP.TOTL", "UZB", 2024, "wdi_pop_datahub", 36361859, 0),
    *[("SM.POP.TOTL", "RUS", y, "undesa_ims_2024", v, 0) for y, v in ((1990, 11524948), (2020, 7297611),
                                                                      (2024, 7605774))],
    ("CAMR.EMIG.TOTL", "UZB", 2024, "undesa_ims_2024", 2114480, 0),
    ("CAMR.EMIG.TOTL", "KAZ", 2024, "undesa_ims_2024", 2796572, 0),
    # Russia's economy from the panel (read from data/raw by hand): growth and depreciation can be negative.
    *[("NY.GDP.MKTP.KD.ZG", "RUS", y, "wdi_panel_2025", v, 0) for y, v in ((2009, -7.8), (2014, 0.74),
                                                                           (2015, -1.97), (2020, -2.65),
                                                                           (2022, -1.44), (2024, 4.34))],
    *[("CAMR.RUB.DEPR", "RUS", y, "wdi_panel_2025", v, 0) for y, v in ((2009, 24.47), (2014, 18.68),
                                                                       (2015, 46.24), (2017, -13.93),
                                                                       (2020, 10.77), (2024, 8.32))],
    ("SI.RMT.COST.IB.ZS", "TJK", 2013, "wdi_2023_05", 2.13, 0.005),
    ("SI.RMT.COST.IB.ZS", "TJK", 2020, "wdi_2023_05", 7.21, 0.005),
]


@pytest.mark.parametrize("indicator, iso3, year, source, expected, tolerance", SANITY_INDICATORS)
def test_indicator_matches_provenance_sanity_table(tables, indicator, iso3, year, source, expected, tolerance):
    assert cell(tables, indicator, iso3, year, source) == pytest.approx(expected, abs=tolerance)


SANITY_CORRIDORS = [
    # measure, origin, destination, period, source, expected, absolute tolerance
    *[("stock_total", o, "RUS", p, s, v, 0) for o, p, s, v in (
        ("UZB", "2020", "undesa_ims_2024", 871154), ("UZB", "2020", "undesa_ims_2020", 1146175),
        ("UZB", "2024", "undesa_ims_2024", 778041),
        ("TJK", "2020", "undesa_ims_2024", 426230), ("TJK", "2024", "undesa_ims_2024", 415676),
        ("TJK", "2020", "undesa_ims_2020", 466252),
        ("KGZ", "2020", "undesa_ims_2024", 399110), ("KGZ", "2024", "undesa_ims_2024", 333664),
        ("KGZ", "2020", "undesa_ims_2020", 591025),
        ("UZB", "2017", "knomad_stock_2017", 1147613), ("TJK", "2017", "knomad_stock_2017", 466837),
        ("KGZ", "2017", "knomad_stock_2017", 591767))],
    ("stock_total", "UZB", "KAZ", "2020", "undesa_ims_2024", 689957, 0),
    ("stock_total", "UZB", "KAZ", "2024", "undesa_ims_2024", 744161, 0),
    ("stock_total", "UZB", "KAZ", "2020", "undesa_ims_2020", 296511, 0),
    ("remittances_usd", "UZB", "RUS", "2017", "knomad_bilateral_2017", 2838.7e6, 0.05e6),
    ("remittances_usd", "TJK", "RUS", "2017", "knomad_bilateral_2017", 1686.6e6, 0.05e6),
    ("remittances_usd", "KGZ", "RUS", "2017", "knomad_bilateral_2017", 1904.3e6, 0.05e6),
    ("cost_pct", "TJK", "RUS", "2011Q1", "rpw_2020_12", 2.46, 0.005),
    ("cost_pct", "TJK", "RUS", "2020Q3", "rpw_2020_12", 2.00, 0.005),
    ("cost_pct", "UZB", "RUS", "2011Q1", "rpw_2020_12", 2.35, 0.005),
    ("cost_pct", "UZB", "RUS", "2020Q3", "rpw_2020_12", 1.75, 0.005),
    # FMS 2013 as quoted by the IOM strategy (million persons → persons).
    ("citizens_present", "TJK", "RUS", "2013", "iom_ca_strategy", 1.2e6, 0),
    ("citizens_present", "KAZ", "RUS", "2013", "iom_ca_strategy", 0.6e6, 0),
    ("citizens_present", "KGZ", "RUS", "2013", "iom_ca_strategy", 0.6e6, 0),
    ("citizens_present", "UZB", "RUS", "2013", "iom_ca_strategy", 3.0e6, 0),
]


@pytest.mark.parametrize("measure, origin, destination, period, source, expected, tolerance", SANITY_CORRIDORS)
def test_corridor_matches_provenance_sanity_table(tables, measure, origin, destination, period, source, expected,
                                                  tolerance):
    assert corridor(tables, measure, origin, destination, period, source) == pytest.approx(expected, abs=tolerance)


def test_unhcr_totals_are_at_least_the_afghan_refugees_of_the_sanity_table(tables):
    # Afghan refugees hosted in 2023 (PROVENANCE, bilateral UNHCR file): a host's total cannot be smaller.
    for iso3, afghans in (("IRN", 3752317), ("PAK", 1987717), ("TJK", 7087), ("UZB", 9405)):
        assert cell(tables, "SM.POP.REFG", iso3, 2023, "unhcr_2024") >= afghans


# --- rules: zeros, derived values, Turkmenistan ----------------------------------------------------------------
def test_remittance_zeros_are_not_stored(tables, raw_frame):
    t = tables["indicators"]
    assert not ((t["indicator"].isin(catalog.REMITTANCE_INDICATORS)) & (t["value"] == 0)).any()
    # Turkmenistan: 0 in every KNOMAD year and in WDI 2025-02 from 2005 → nothing stored there.
    tkm = t[(t["iso3"] == "TKM") & (t["indicator"] == "BX.TRF.PWKR.CD.DT")]
    assert set(tkm.loc[tkm["source"] == "wdi_2025_02", "year"]) == {1996}
    assert tkm[tkm["source"] == "knomad_2023_06"].empty
    assert cell(tables, "BX.TRF.PWKR.CD.DT", "TKM", 2010, "wdi_2023_05") == 24e6
    raw = raw_frame(catalog.GDIDATA_WDI)
    assert (raw[(raw["iso3"] == "TKM") & (raw["var"] == "remin") & (raw["year"] >= 2005)]["value"] == 0).all()


def test_derived_remittance_share_fills_only_unpublished_cells(tables):
    t = tables["indicators"]
    share = t[t["indicator"] == "BX.TRF.PWKR.DT.GD.ZS"]
    derived = share[share["source"] == "wdi_2025_02_derived"]
    published = share[~share["source"].isin(["wdi_2025_02_derived", "knomad_2023_12_estimate"])]
    overlap = derived.merge(published, on=["iso3", "year"])
    assert overlap.empty
    assert len(derived) > 100
    # MDA 2023: in no published series (WDI 2023-05 stops in 2021; the newer releases cover Central Asia only).
    expected = (cell(tables, "BX.TRF.PWKR.CD.DT", "MDA", 2023, "wdi_2025_02")
                / cell(tables, "NY.GDP.MKTP.CD", "MDA", 2023, "wdi_2025_02") * 100)
    assert cell(tables, "BX.TRF.PWKR.DT.GD.ZS", "MDA", 2023, "wdi_2025_02_derived") == pytest.approx(expected,
                                                                                                      rel=1e-9)
    # KGZ 2023 is now published (WDI after 2025-07): nothing is derived for it.
    assert derived[(derived["iso3"] == "KGZ") & (derived["year"] == 2023)].empty
    # TJK 2023 is published (37.84); the ratio of the 2025-02 levels would give 38.42 (PROVENANCE).
    levels = (cell(tables, "BX.TRF.PWKR.CD.DT", "TJK", 2023, "wdi_2025_02")
              / cell(tables, "NY.GDP.MKTP.CD", "TJK", 2023, "wdi_2025_02") * 100)
    assert levels == pytest.approx(38.42, abs=0.005)
    assert derived[(derived["iso3"] == "TJK") & (derived["year"] == 2023)].empty


def test_migrant_shares_are_derived_from_stock_and_population(tables, raw_frame):
    stock = cell(tables, "SM.POP.TOTL", "RUS", 2020, "undesa_ims_2024")
    population = cell(tables, "SP.POP.TOTL", "RUS", 2020, "wdi_pop_datahub")
    assert cell(tables, "SM.POP.TOTL.ZS", "RUS", 2020, "undesa_ims_2024_derived") == \
        pytest.approx(stock / population * 100, rel=1e-9)
    emigrants = cell(tables, "CAMR.EMIG.TOTL", "TJK", 2024, "undesa_ims_2024")
    population = cell(tables, "SP.POP.TOTL", "TJK", 2024, "wdi_pop_datahub")
    assert cell(tables, "CAMR.EMIG.TOTL.ZS", "TJK", 2024, "undesa_ims_2024_derived") == \
        pytest.approx(emigrants / population * 100, rel=1e-9)
    raw = raw_frame(catalog.UNDESA_2024_IMMIGRANTS).set_index(["destination_iso3", "year"])
    assert cell(tables, "CAMR.IMM.FE.ZS", "KAZ", 2024, "undesa_ims_2024_derived") == \
        pytest.approx(raw.loc[("KAZ", 2024), "female"] / raw.loc[("KAZ", 2024), "total"] * 100, rel=1e-9)
    raw = raw_frame(catalog.UNDESA_2024_EMIGRANTS).set_index(["origin_iso3", "year"])
    assert cell(tables, "CAMR.EMIG.FE.ZS", "UZB", 2020, "undesa_ims_2024_derived") == \
        pytest.approx(raw.loc[("UZB", 2020), "female"] / raw.loc[("UZB", 2020), "total"] * 100, rel=1e-9)


def test_corridors_leave_out_matrix_diagonal_and_unnamed_regions(tables):
    t = tables["corridors"]
    assert not (t["origin"].astype(str) == t["destination"].astype(str)).any()
    assert not t[(t["origin"] == "VUT") & (t["destination"] == "VUT")].shape[0]


# --- countries, key figures, metadata --------------------------------------------------------------------------
def test_countries_have_world_bank_classes_capitals_and_russian_names(tables, raw_frame):
    countries = tables["countries"].set_index("iso3")
    kaz = countries.loc["KAZ"]
    assert (kaz["name_en"], kaz["name_ru"], kaz["kind"], kaz["capital"]) == \
        ("Kazakhstan", "Казахстан", "country", "Astana")
    capitals = raw_frame(catalog.NE_CAPITALS).set_index("name")
    assert (kaz["capital_lat"], kaz["capital_lon"]) == tuple(capitals.loc["Astana", ["latitude", "longitude"]])
    assert countries.loc["BOL", "capital"] == "La Paz" and countries.loc["ZAF", "capital"] == "Pretoria"
    assert countries.loc["UKR", "capital"] == "Kyiv"  # UN spelling since 2019, not Natural Earth v4's "Kiev"
    assert countries.loc["UKR", "capital_ru"] == "Киев" and countries.loc["KGZ", "capital_ru"] == "Бишкек"
    assert countries.loc["KGZ", "wb_region"] == "Europe & Central Asia"
    for aggregate in ("WLD", "ECS"):
        assert countries.loc[aggregate, "kind"] == "aggregate"
        assert countries.loc[aggregate, "wb_region"] == "" and countries.loc[aggregate, "capital"] == ""
    assert countries.loc["TWN", "kind"] == "country"           # used by UN DESA, not a World Bank economy
    assert countries.loc["XKX", "name_ru"] == "Косово"        # no ISO name: from the override table
    for iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "CHN", "IRN", "AZE", "TUR", "PAK", "UKR", "BLR",
                 "MNG", "ARM", "GEO", "MDA"):
        assert countries.loc[iso3, "capital"] and countries.loc[iso3, "name_ru"]


def test_country_groups_split_the_almaty_process_by_role(tables):
    groups = tables["countries"].set_index("iso3")["groups"]
    assert groups["KAZ"].split(";") == ["ca5", "almaty_member", "customs_union_2013", "main_destinations"]
    assert groups["IRN"] == "almaty_observer" and groups["PAK"] == "almaty_observer"
    assert groups["RUS"].split(";") == ["customs_union_2013", "main_destinations"]
    assert groups["UZB"] == "ca5"


def test_key_figures_keep_the_strategy_columns_and_name_their_comparison(tables, raw_frame, built_dir):
    raw = pd.read_csv(RAW_DIR / catalog.IOM_KEY_FIGURES, dtype=str, keep_default_na=False)
    curated = pd.read_csv(built_dir / "key_figures.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(curated[list(raw.columns)], raw)
    figures = curated.set_index("figure_id")
    compare = ["compare_table", "compare_indicator", "compare_iso3", "compare_destination", "compare_year"]
    assert list(figures.loc["rem_gdp_tjk_2013", compare]) == ["indicators", "BX.TRF.PWKR.DT.GD.ZS", "TJK", "", "2013"]
    assert list(figures.loc["rem_usd_kgz_2013", compare]) == ["indicators", "BX.TRF.PWKR.CD.DT", "KGZ", "", "2013"]
    # UN DESA has 2010 and 2015, not 2013: the nearest year is named.
    assert list(figures.loc["stock_kaz_2013", compare]) == ["indicators", "SM.POP.TOTL", "KAZ", "", "2015"]
    assert list(figures.loc["fms_uzb_in_rus_2013", compare]) == ["corridors", "stock_total", "UZB", "RUS", "2015"]
    for unmatched in ("labour_share_uzb", "fms_ca5_in_rus_2013", "wage_rus_2011", "eca_migrants_2013"):
        assert list(figures.loc[unmatched, compare]) == [""] * 5


REQUIRED_INDICATORS = ["BX.TRF.PWKR.DT.GD.ZS", "BX.TRF.PWKR.CD.DT", "BM.TRF.PWKR.CD.DT", "NY.GDP.MKTP.CD",
                       "SP.POP.TOTL", "SM.POP.NETM", "SL.UEM.TOTL.ZS", "SM.POP.TOTL", "SM.POP.TOTL.ZS", "SM.POP.REFG",
                       "SM.POP.REFG.OR", "SI.RMT.COST.IB.ZS", "SI.RMT.COST.OB.ZS", "CAMR.EMIG.TOTL",
                       "CAMR.EMIG.TOTL.ZS", "CAMR.IMM.FE.ZS", "CAMR.EMIG.FE.ZS", "NY.GDP.MKTP.KD.ZG",
                       "CAMR.RUB.DEPR"]
REQUIRED_SOURCES = ["wdi_2023_05", "wdi_2025_02", "wdi_2025_02_derived", "wdi_panel_2025", "wdi_pop_datahub",
                    "wdi_ddf_2026", "wdi_2025_07", "knomad_data360_2025_12", "knomad_data360_2025_12_estimate",
                    "knomad_2023_12", "knomad_2023_12_estimate", "knomad_2023_06", "undesa_ims_2024",
                    "undesa_ims_2024_derived", "undesa_ims_2020", "undesa_ims_2020_derived", "unhcr_2024",
                    "knomad_bilateral_2017", "knomad_bilateral_2021", "rpw_2025_q1_derived", "knomad_stock_2017",
                    "rpw_2020_12", "iom_ca_strategy", "natural_earth_v4"]


def test_metadata_covers_every_indicator_and_source_with_priorities(tables):
    meta = tables["meta_indicators"].set_index("indicator")
    assert list(meta.index[meta["table"] == "indicators"]) == REQUIRED_INDICATORS
    assert list(meta.index[meta["table"] == "corridors"]) == ["stock_total", "stock_male", "stock_female",
                                                             "remittances_usd", "cost_pct", "citizens_present"]
    assert list(tables["meta_sources"]["source"]) == REQUIRED_SOURCES
    assert set(tables["indicators"]["indicator"].astype(str)) == set(REQUIRED_INDICATORS)
    priority = meta["source_priority"]
    assert priority["BX.TRF.PWKR.DT.GD.ZS"] == "wdi_ddf_2026;wdi_panel_2025;wdi_2023_05;wdi_2025_02_derived"
    assert priority["BX.TRF.PWKR.CD.DT"] == "wdi_ddf_2026;wdi_2025_07;wdi_2025_02;wdi_2023_05"
    assert priority["remittances_usd"] == "knomad_bilateral_2021;knomad_bilateral_2017"
    assert not priority.str.contains("_estimate").any()  # estimates are shown beside, never the default
    assert priority["stock_total"].startswith("undesa_ims_2024;")
    assert not priority.str.contains("knomad_2023_06").any()  # a comparison source only
    assert set(meta["unit"]) == {"persons", "%", "current US$", "log points"}
    assert meta.loc["BX.TRF.PWKR.CD.DT", "not_reported"] == "TKM"
    assert "0–100" in meta.loc["BX.TRF.PWKR.DT.GD.ZS", "plausibility"]
    assert "total immigrant stock" in meta.loc["stock_total", "plausibility"]
    kinds = tables["meta_sources"].set_index("source")["kind"]
    assert kinds["knomad_2023_12_estimate"] == "estimate" and kinds["rpw_2025_q1_derived"] == "derived"
    assert kinds["wdi_2025_07"] == "release"
    sources = tables["meta_sources"].set_index("source")
    for source in sources.index:
        for raw_file in filter(None, sources.loc[source, "raw_files"].split(";")):
            assert (RAW_DIR / raw_file).is_file(), raw_file
    assert sources.loc["undesa_ims_2024_derived", "derived_from"] == "undesa_ims_2024;wdi_pop_datahub"


def test_caveats_say_what_the_brief_requires(tables):
    meta = tables["meta_indicators"].set_index("indicator")["caveats"]
    sources = tables["meta_sources"].set_index("source")["caveats"]
    assert "Turkmenistan: remittances are not reported" in meta["BX.TRF.PWKR.CD.DT"]
    assert "Model estimates, not reported flows" in sources["knomad_bilateral_2017"]
    assert "2022 Q1–Q2" in sources["rpw_2020_12"] and "ends in 2020Q3" in sources["rpw_2020_12"]
    assert "differ strongly for post-2010 Central Asian corridors" in sources["undesa_ims_2020"]
    assert "citizens" in meta["citizens_present"] and "foreign-born" in meta["citizens_present"]
    assert "'not reported'" in meta["BM.TRF.PWKR.CD.DT"]


def test_russia_series_metadata_say_where_they_come_from_and_allow_negative_values(tables):
    meta = tables["meta_indicators"].set_index("indicator")
    growth, depreciation = meta.loc["NY.GDP.MKTP.KD.ZG"], meta.loc["CAMR.RUB.DEPR"]
    assert growth["name_en"] == "GDP growth (annual %)" and growth["unit"] == "%"
    assert depreciation["name_en"] == "Rouble depreciation against the US dollar (log change × 100, not %)"
    assert depreciation["unit"] == "log points"
    assert growth["source_priority"] == depreciation["source_priority"] == "wdi_panel_2025"
    assert growth["value_min"] == -100 and pd.isna(growth["value_max"])  # GDP cannot fall by more than all of it
    assert pd.isna(depreciation["value_min"]) and pd.isna(depreciation["value_max"])
    for text in (depreciation["definition"], depreciation["caveats"]):
        assert "PA.NUS.FCRF" in text
    assert "Positive = the rouble weakened" in depreciation["definition"]
    assert "panel's author" in depreciation["caveats"] and "not a published WDI series" in depreciation["caveats"]
    source = tables["meta_sources"].set_index("source").loc["wdi_panel_2025"]
    assert "rub_depr is not a WDI series" in source["caveats"] and "PA.NUS.FCRF" in source["citation"]
    assert "rus_gdp_growth and rub_depr" in source["method"]


def test_caveat_figures_match_the_data(tables):
    # The revision caveat quotes figures; they must be the stored ones.
    caveat = tables["meta_sources"].set_index("source").loc["undesa_ims_2024", "caveats"]
    for origin, destination, source in (("UZB", "RUS", "undesa_ims_2024"), ("UZB", "RUS", "undesa_ims_2020"),
                                        ("UZB", "KAZ", "undesa_ims_2024"), ("UZB", "KAZ", "undesa_ims_2020")):
        value = corridor(tables, "stock_total", origin, destination, "2020", source)
        assert f"{value:,.0f}" in caveat
    tkm = tables["meta_indicators"].set_index("indicator").loc["BX.TRF.PWKR.CD.DT", "caveats"]
    assert "US$ 24 million in 2010" in tkm and cell(tables, "BX.TRF.PWKR.CD.DT", "TKM", 2010, "wdi_2023_05") == 24e6
    assert cell(tables, "BX.TRF.PWKR.CD.DT", "TKM", 2022, "wdi_2023_05") == 1e6
    # The log-change caveat quotes 2015: Δlog 46.24 = about 59% more roubles per US$, about 37% less US$ per rouble.
    depreciation = tables["meta_indicators"].set_index("indicator").loc["CAMR.RUB.DEPR", "caveats"]
    value = cell(tables, "CAMR.RUB.DEPR", "RUS", 2015, "wdi_panel_2025")
    assert f"2015: {value:.2f}" in depreciation
    assert f"about {math.exp(value / 100) - 1:.0%} more roubles" in depreciation
    assert f"about {1 - math.exp(-value / 100):.0%} of its US$ value" in depreciation


def test_knomad_money_has_at_most_six_decimals_in_millions(raw_frame):
    # Why US$ million × 1e6 can be rounded to whole dollars without changing a published figure.
    for relative in (catalog.KNOMAD_INFLOWS, catalog.KNOMAD_OUTFLOWS, catalog.KNOMAD_BILATERAL_REMITTANCES):
        text = (RAW_DIR / relative).read_text(encoding="utf-8")
        decimals = pd.Series(text.replace("\n", ",").split(",")).str.extract(r"^-?\d+\.(\d+)$")[0].dropna().str.len()
        assert decimals.max() <= 6, relative


def test_build_reads_only_files_that_are_in_the_raw_folder_with_provenance():
    provenance = (RAW_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    used = {raw for source in catalog.sources(RAW_DIR) for raw in source.raw_files}
    present = {str(path.relative_to(RAW_DIR)) for suffix in ("*.csv", "*.xlsx") for path in RAW_DIR.rglob(suffix)}
    assert used == present
    for relative in used:
        assert Path(relative).name in provenance, relative
