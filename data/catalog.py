"""Source and indicator metadata as code: ids, publishers, licences, priorities, caveats.

Everything the curated `meta_*.csv` tables say comes from here; the build writes it out, the query API reads it back.
Text is English and keyed by id, so a Russian catalogue can be added later without touching the data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
RAW_DIR = DATA_DIR / "raw"
CURATED_DIR = DATA_DIR / "curated"

UNITS = ("persons", "%", "current US$", "log points")

# ---------------------------------------------------------------------------------------------------------------
# Raw files (paths relative to the raw dir; publisher file names kept)
# ---------------------------------------------------------------------------------------------------------------
WDI_2023_SERIES = ("BX.TRF.PWKR.CD.DT", "BX.TRF.PWKR.DT.GD.ZS", "BM.TRF.PWKR.CD.DT",
                   "SI.RMT.COST.IB.ZS", "SI.RMT.COST.OB.ZS")
WDI_2023_FILES = {code: f"worldbank_wdi/WDI_{code}_1960-2022_vintage2023-05-10.csv" for code in WDI_2023_SERIES}
WDI_COUNTRY_METADATA = "worldbank_wdi/WDI_country_metadata_vintage2023-05-10.csv"
GDIDATA_WDI = "worldbank_wdi/gdidata_wdi_selected_indicators_1950-2023.csv"
WDI_POPULATION = "worldbank_wdi/WDI_SP.POP.TOTL_1960-2024_datahub.csv"
WDI_REMIT_PANEL = "worldbank_wdi/WDI_remittances_pct_gdp_KGZ_TJK_UZB_2009-2024_panel.csv"
KNOMAD_INFLOWS = "knomad_worldbank/KNOMAD_remittance_inflows_USDmillion_2000-2022_Jun2023.csv"
KNOMAD_OUTFLOWS = "knomad_worldbank/KNOMAD_remittance_outflows_USDmillion_2000-2022_Jun2023.csv"
KNOMAD_BILATERAL_REMITTANCES = "knomad_worldbank/WB_KNOMAD_bilateral_remittance_estimates_2017_Apr2018.csv"
KNOMAD_BILATERAL_STOCKS = "knomad_worldbank/WB_KNOMAD_bilateral_migrant_stocks_2017.csv"
UNDESA_2024_BILATERAL = "un_desa_migrant_stock/UNDESA_IMS2024_bilateral_stock_target_countries_1990-2024.csv"
UNDESA_2020_BILATERAL = "un_desa_migrant_stock/UNDESA_IMS2020_bilateral_stock_target_countries_1990-2020.csv"
UNDESA_2024_IMMIGRANTS = "un_desa_migrant_stock/UNDESA_IMS2024_total_immigrant_stock_by_destination_1990-2024.csv"
UNDESA_2024_EMIGRANTS = "un_desa_migrant_stock/UNDESA_IMS2024_total_emigrant_stock_by_origin_1990-2024.csv"
UNHCR_TOTALS = "unhcr/UNHCR_refugee_totals_by_country_all_countries.csv"
RPW_CORRIDORS = "remittance_prices/RPW_average_total_cost_corridors_target_countries_2011Q1-2020Q3.csv"
NE_CAPITALS = "natural_earth/ne_50m_populated_places_capitals.csv"
IOM_KEY_FIGURES = "iom_ca_strategy/key_figures.csv"
IOM_COUNTRY_GROUPS = "iom_ca_strategy/country_groups.csv"
# Newer World Bank releases (added 2026-11-29; see data/raw/PROVENANCE.md).
WDI_2025_07_RECEIVED = "worldbank_wdi/release_2025-07-01/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv"
WDI_2025_07_VINTAGE = "2025-07-01"  # the file's "Last Updated Date" line, checked by the build
WDI_DDF_EXTRACT = "worldbank_wdi/release_2025-26_ddf_extract/wdi_remittances_KAZ_KGZ_TJK_UZB_TKM_RUS_ddf-0f0d0962.csv"
WDI_DDF_SERIES = ("BX.TRF.PWKR.DT.GD.ZS", "BX.TRF.PWKR.CD.DT", "BM.TRF.PWKR.CD.DT")
KNOMAD_DATA360 = "knomad_worldbank/data360_2025-12/WB_KNOMAD.csv"
KNOMAD_DATA360_INDICATORS = {"WB_KNOMAD_MRI": "BX.TRF.PWKR.CD.DT", "WB_KNOMAD_MRO": "BM.TRF.PWKR.CD.DT"}
KNOMAD_BRIEF39 = "knomad_worldbank/brief39_dec2023/inward_remittance_flows_december_2023_1.xlsx"
KNOMAD_BRIEF39_SHEET = "Inward remittance flows"
KNOMAD_BILATERAL_2021 = "knomad_worldbank/bilateral_2021/bilateral_remittance_matrix_2021_0.xlsx"
KNOMAD_BILATERAL_2021_SHEET = "FINAL BRM 2021 "
RPW_THIRDPARTY = "remittance_prices/thirdparty_avg_2016q2-2025q1/rpw_filtered.csv"
# The third-party averages are used only for corridors where they equal the official corridor average in every
# quarter of the overlap (the official values are rounded to 4 decimals).
RPW_OVERLAP = ("2016Q2", "2020Q3")
RPW_MATCH_TOLERANCE = 0.0001
RPW_THIRDPARTY_SENDERS = ("RUS",)  # the Russia corridors, which the official extract stops in 2020Q3
# KNOMAD workbooks name countries instead of coding them: names the World Bank country list (TableName) does not
# have, with the code they stand for. Annotated names ("… (using CB data)") keep their note in the workbook only.
KNOMAD_NAME_CODES = {
    "Bangladesh ": "BGD", "Vietnam ": "VNM", "Iran, Islamic Rep. (Brief 36 data)": "IRN",
    "Israel (using CB data)": "ISR", "Portugal (revising old numbers with BOP estimates)": "PRT",
    "Spain (adjsuting for BOP ratio estimates)": "ESP", "Zimbabwe (using CB data for 2021 & 2022)": "ZWE",
    "Korea, Dem. Rep.": "PRK", "Turkey": "TUR", "Türkiye, Rep. of": "TUR", "World": "WLD",
    "Cote d'Ivoire": "CIV", "Curacao": "CUW", "Czech Republic": "CZE", "Faeroe Islands": "FRO",
    "Sao Tome and Principe": "STP",
}
# Rows/columns of the KNOMAD workbooks that are not countries: not stored.
KNOMAD_NOT_COUNTRIES = frozenset({"Low-and Middle-Income Countries", "WORLD"})

# Files written by `python -m data.refresh`; each one is a source of its own (see `refreshed_wdi_sources`).
WDI_API_DIR = "worldbank_wdi"
WDI_API_FILE = re.compile(r"WDI_api_(\d{4})-(\d{2})-(\d{2})\.csv")
REFRESH_SERIES = ("BX.TRF.PWKR.DT.GD.ZS", "BX.TRF.PWKR.CD.DT", "BM.TRF.PWKR.CD.DT", "NY.GDP.MKTP.CD",
                  "SP.POP.TOTL", "SM.POP.NETM", "SL.UEM.TOTL.ZS")

# gdidata `var` → WDI code. Its `pop` is UN WPP 2024, not WDI SP.POP.TOTL, and `income`/`inf` are unused.
GDIDATA_VARIABLES = {"gdp": "NY.GDP.MKTP.CD", "nmig": "SM.POP.NETM", "unem": "SL.UEM.TOTL.ZS",
                     "remin": "BX.TRF.PWKR.CD.DT", "remout": "BM.TRF.PWKR.CD.DT"}

# ---------------------------------------------------------------------------------------------------------------
# Country codes that are not countries, and aliases (documented in meta_sources caveats and data/raw/PROVENANCE.md)
# ---------------------------------------------------------------------------------------------------------------
WB_NOT_CLASSIFIED = {"INX": "World Bank 'Not classified' row (no values)"}
UNDESA_OTHER_ORIGIN = {"OOO": "UN DESA 'other / unknown origin'"}
UNHCR_PSEUDO_ORIGINS = {"OOO": "UNHCR 'various / unknown'", "STL": "UNHCR 'stateless'", "TIB": "UNHCR 'Tibetan'"}
# UN DESA (via gdidata) writes Channel Islands as XCX: the one code of its 233 entities that is in neither ISO 3166
# nor the World Bank list, while Channel Islands (World Bank CHI) is the one UN DESA entity missing otherwise.
UNDESA_CODE_ALIASES = {"XCX": "CHI"}
# Natural Earth's own adm0_a3 codes where they differ from ISO / World Bank codes.
NE_CODE_ALIASES = {"KOS": "XKX", "SAH": "ESH"}
NE_NOT_COUNTRIES = {"SOL": "Somaliland (Natural Earth unit, not an ISO / World Bank country)"}

# Natural Earth lists several primary capitals for a few countries; we take the seat named here.
CAPITAL_SEATS = {
    "KAZ": "Astana",        # seat of government since 1997
    "BOL": "La Paz",        # seat of government; Sucre is the constitutional capital
    "CIV": "Yamoussoukro",  # official capital since 1983; Abidjan is the economic centre
    "MMR": "Naypyidaw",     # seat of government since 2006; NE also lists Rangoon (Yangon)
    "ZAF": "Pretoria",      # executive capital; NE also lists Bloemfontein, Cape Town, Johannesburg
}

# country_groups.csv: a group whose members have different roles is split into one group id per role.
GROUP_ROLE_SPLITS = {"almaty_process": {"member": "almaty_member", "observer": "almaty_observer"}}
# Region codes that key_figures.csv uses for figures about several countries.
KEY_FIGURE_REGIONS = {"CA5": "the five Central Asian republics (group ca5)",
                      "CIS": "Commonwealth of Independent States (no member list in the sources)"}

# The FMS 2013 figures of the strategy that become `citizens_present` corridors (all: origin country → Russia).
FMS_FIGURES = ("fms_tjk_in_rus_2013", "fms_kaz_in_rus_2013", "fms_kgz_in_rus_2013", "fms_uzb_in_rus_2013")
FMS_DESTINATION = "RUS"
KEY_FIGURE_UNIT_FACTORS = {"million persons": 1e6, "persons": 1.0}


@dataclass(frozen=True)
class Comparison:
    """The curated series a strategy figure measures the same thing as."""
    table: str                 # "indicators" or "corridors"
    indicator: str             # indicator id or corridor measure
    destination: str = ""      # corridors only; the origin is the figure's country


KEY_FIGURE_COMPARISONS = {
    "rem_gdp_tjk_2013": Comparison("indicators", "BX.TRF.PWKR.DT.GD.ZS"),
    "rem_usd_tjk_2013": Comparison("indicators", "BX.TRF.PWKR.CD.DT"),
    "rem_gdp_kgz_2013": Comparison("indicators", "BX.TRF.PWKR.DT.GD.ZS"),
    "rem_usd_kgz_2013": Comparison("indicators", "BX.TRF.PWKR.CD.DT"),
    "stock_ukr_2013": Comparison("indicators", "SM.POP.TOTL"),
    "stock_kaz_2013": Comparison("indicators", "SM.POP.TOTL"),
    "stock_tur_2013": Comparison("indicators", "SM.POP.TOTL"),
    **{figure: Comparison("corridors", "stock_total", FMS_DESTINATION) for figure in FMS_FIGURES},
}

# ---------------------------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------------------------
CC_BY_4 = "CC BY 4.0"
WB_LICENCE = "World Bank open data, CC BY 4.0"
TKM_CAVEAT = ("Turkmenistan: remittances are not reported. The 2025-02 WDI vintage records 0 in every year from "
              "2005 and KNOMAD (June 2023) in every year 2000–2022; those zeros are not stored. The 2023-05 WDI vintage has small positive values "
              "(e.g. US$ 24 million in 2010, 1 million in 2022) that therefore become Turkmenistan's default; "
              "do not read them as a measured flow.")
ZERO_CAVEAT = ("Zeros in remittance series mean 'not reported' (Turkmenistan in every year, early years of many "
               "countries in KNOMAD and WDI): they are dropped, never stored as 0.")
REVISION_CAVEAT = ("The UN DESA 2024 and 2020 revisions differ strongly for post-2010 Central Asian corridors, e.g. "
                   "Uzbekistan-born in Russia in 2020: 871,154 (Rev.2024) vs 1,146,175 (Rev.2020); "
                   "Uzbekistan-born in Kazakhstan in 2020: 689,957 vs 296,511. The totals differ too: immigrants "
                   "in Kazakhstan in 2020: 1,990,268 (Rev.2024) vs 3,732,073 (Rev.2020). Always label the revision.")
TOTALS_REVISION_CAVEAT = ("Totals are revised too: the immigrant stock of Kazakhstan in 2020 is 1.99 million in "
                          "Rev.2024 but was 3.73 million in Rev.2020 (the sum of Rev.2020's bilateral rows).")
T18_CAVEAT = ("The bilateral extract covers only pairs in which the origin or the destination is one of 18 target "
              "countries (KAZ, KGZ, TJK, TKM, UZB, RUS, AFG, CHN, IRN, AZE, TUR, PAK, UKR, BLR, MNG, ARM, GEO, MDA): "
              "a corridor between two other countries is missing, not zero.")
T18 = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "CHN", "IRN", "AZE", "TUR", "PAK", "UKR", "BLR", "MNG", "ARM",
       "GEO", "MDA")
FMS_CAVEAT = ("The Russian FMS counts citizens of a country present in Russia on a date (registrations, including "
              "short and seasonal stays); UN DESA counts foreign-born residents at mid-year. They measure different "
              "things and can differ several-fold.")
RPW_CAVEAT = ("This extract ends in 2020Q3 (DataBank release of 7 Dec 2020); RPW has no Russia-origin corridors in "
              "2022 Q1–Q2, so even a newer release would leave that gap. 2011–2012 are half-years (2011Q1, 2011Q3, …), "
              "quarters from 2013. Cost of sending 200 US$, in % of the amount.")
PANEL_RUSSIA_CAVEAT = ("Russia's GDP growth (rus_gdp_growth, WDI NY.GDP.MKTP.KD.ZG) and the rouble's depreciation "
                       "(rub_depr) are repeated on every country's row; rub_depr is not a WDI series but the "
                       "change in the log of WDI PA.NUS.FCRF (official exchange rate, roubles per US$, period "
                       "average) × 100, computed by the repository's author (positive = the rouble weakened).")
KNOMAD_BILATERAL_CAVEAT = ("Model estimates, not reported flows: remittances are allocated from migrant stocks, "
                           "host-country and origin-country incomes (Ratha & Shaw 2007).")


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    vintage: str
    licence: str
    url: str
    citation: str
    caveats: str = ""
    derived_from: tuple[str, ...] = ()
    method: str = ""
    raw_files: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """'derived' (computed, by us or a third party), 'estimate' (a publisher's estimate, later revised) or
        'release' (a publisher's release of reported data). The id says it, so that no table can contradict it."""
        if self.id.endswith("_derived"):
            return "derived"
        if self.id.endswith("_estimate"):
            return "estimate"
        return "release"


SOURCE_KINDS = ("release", "estimate", "derived")

WDI_DATA360_NOTE = ("Data360 stores missing values as 0.0: zeros are not stored (treated as no data).")
BRIEF39_CAVEAT = ("The December 2023 figures are what policymakers quoted for 2023 (e.g. Tajikistan 48.2 % of GDP); "
                  "later releases revised them (WDI: 37.8 %). Estimates are kept as their own source, never as the "
                  "default.")

SOURCES: tuple[Source, ...] = (
    Source(
        "wdi_2023_05", "World Bank", "World Development Indicators", "2023-05-10", WB_LICENCE,
        "https://databank.worldbank.org/source/world-development-indicators",
        "World Bank, World Development Indicators, last updated 2023-05-10.",
        caveats="Remittance series compiled by World Bank staff from IMF balance-of-payments data; cost series from "
                "Remittance Prices Worldwide. " + ZERO_CAVEAT + " The row INX ('Not classified') has no values.",
        method="Official WDI 'API_…_DS2_en_excel_v2' downloads, copied from GitHub kietnguyen01/Remittance-Fees-"
               "Analysis @0549ac4 (sheet 'Data' and 'Metadata - Countries' → CSV). Wide → long; zeros in remittance "
               "series dropped. The country metadata gives World Bank region, income group and aggregates.",
        raw_files=tuple(WDI_2023_FILES.values()) + (WDI_COUNTRY_METADATA,)),
    Source(
        "wdi_2025_02", "World Bank", "World Development Indicators (selected series, via gdidata)", "2025-02-07",
        "World Bank data CC BY 4.0; gdidata repository MIT",
        "https://github.com/iom/gdidata",
        "World Bank, World Development Indicators, as packaged in gdidata (K. S. Reyes, IOM Global Data Institute), "
        "data/wdi.rda, commit 1267fd3 of 2025-02-07.",
        caveats="gdidata is not an official IOM product. No regional or income aggregates. Its 'pop' variable is UN "
                "WPP 2024, not WDI SP.POP.TOTL, and is not used. " + ZERO_CAVEAT,
        method="R .rda → CSV (long). Variables gdp, nmig, unem, remin, remout mapped to NY.GDP.MKTP.CD, SM.POP.NETM, "
               "SL.UEM.TOTL.ZS, BX.TRF.PWKR.CD.DT, BM.TRF.PWKR.CD.DT; zeros in remittance series dropped.",
        raw_files=(GDIDATA_WDI,)),
    Source(
        "wdi_2025_02_derived", "World Bank (derived by this project)",
        "Personal remittances received, % of GDP, computed from WDI 2025-02 levels", "2025-02-07", CC_BY_4,
        "https://github.com/iom/gdidata",
        "Computed from World Bank, World Development Indicators (gdidata wdi.rda, 2025-02-07): "
        "BX.TRF.PWKR.CD.DT / NY.GDP.MKTP.CD × 100.",
        caveats="Not a published series. Used only for country-years that no published % of GDP series has.",
        derived_from=("wdi_2025_02",),
        method="BX.TRF.PWKR.DT.GD.ZS = remin / gdp × 100 (same vintage, both current US$), rounded to 10 significant "
               "digits; only for (country, year) cells missing from every published BX.TRF.PWKR.DT.GD.ZS source. "
               "This reproduces the published WDI ratio where both exist.",
        raw_files=(GDIDATA_WDI,)),
    Source(
        "wdi_panel_2025", "World Bank",
        "World Development Indicators: KGZ/TJK/UZB remittances and Russia's economy, panel",
        "2025", "Upstream World Bank data CC BY 4.0; no licence stated in the redistributing repository",
        "https://github.com/Fozich/remittances-central-asia",
        "World Bank, World Development Indicators, BX.TRF.PWKR.DT.GD.ZS for Kyrgyz Republic, Tajikistan and "
        "Uzbekistan 2009–2024, with NY.GDP.MKTP.KD.ZG for Russia and the rouble's depreciation against the US "
        "dollar computed from PA.NUS.FCRF by the repository's author, via GitHub Fozich/remittances-central-asia "
        "data/panel.csv (commit 94cd05c).",
        caveats="The only source here with 2024 remittance shares. Kyrgyzstan stops in 2022 (that WDI vintage "
                "had no 2023–2024 values for it). Exact WDI release date not stated by the repository. "
                + PANEL_RUSSIA_CAVEAT,
        method="Copied unchanged; column remit_gdp used as BX.TRF.PWKR.DT.GD.ZS. Columns rus_gdp_growth and "
               "rub_depr hold Russia's values, repeated on each country's row: the build checks that the copies of "
               "a year agree and stores one value per year for Russia (RUS) as NY.GDP.MKTP.KD.ZG and CAMR.RUB.DEPR.",
        raw_files=(WDI_REMIT_PANEL,)),
    Source(
        "wdi_pop_datahub", "World Bank", "World Development Indicators: Population, total (SP.POP.TOTL)",
        "2026-03-06", "Upstream World Bank data CC BY 4.0; DataHub package PDDL 1.0",
        "https://github.com/datasets/population",
        "World Bank, World Development Indicators, SP.POP.TOTL, via DataHub core dataset 'population' "
        "(commit 425fc44 of 2026-03-06).",
        caveats="Based on UN World Population Prospects and national sources; years 1960–2024.",
        method="Copied unchanged (long format).",
        raw_files=(WDI_POPULATION,)),
    Source(
        "wdi_ddf_2026", "World Bank", "World Development Indicators, release after 2025-07-01 (remittances, "
        "6 countries)", "2025-26 (after 2025-07-01; exact date unknown)", CC_BY_4,
        "https://github.com/open-numbers/ddf--world_bank--world_development_indicators",
        "World Bank, World Development Indicators (a release later than 2025-07-01, GDP to 2024), via the Open "
        "Numbers DDF conversion, commit 0f0d096.",
        caveats="The newest release here: Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan, Turkmenistan and "
                "Russia only. The exact release date is not known (between Oct 2025 and Jun 2026). Turkmenistan has "
                "values for 1996–1997 only. " + ZERO_CAVEAT,
        method="Rows of the DDF datapoint files for the six countries copied verbatim (long: indicator_code, iso3, "
               "year, value); zeros in remittance series dropped.",
        raw_files=(WDI_DDF_EXTRACT,)),
    Source(
        "wdi_2025_07", "World Bank", "World Development Indicators: Personal remittances, received (current US$)",
        WDI_2025_07_VINTAGE, CC_BY_4, "https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
        "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT, last updated 2025-07-01.",
        caveats="All countries, to 2024. Uzbekistan 2022 revised to US$ 15.5 billion (older releases: 16.7). "
                "2024 regional aggregates are incomplete in this release and are not stored. " + ZERO_CAVEAT,
        method="The World Bank API bulk CSV as published (4 header lines, wide years); the 'Last Updated Date' line "
               "is checked; zeros dropped; aggregates' 2024 values not stored.",
        raw_files=(WDI_2025_07_RECEIVED,)),
    Source(
        "knomad_data360_2025_12", "World Bank–KNOMAD (Data360)", "Remittance inflows and outflows (US$ million)",
        "2025-12 (as downloaded; latest year 2023)", CC_BY_4, "https://data360.worldbank.org/en/dataset/WB_KNOMAD",
        "World Bank Data360, WB_KNOMAD (KNOMAD remittance inflows WB_KNOMAD_MRI and outflows WB_KNOMAD_MRO), "
        "downloaded by 2025-12-27.",
        caveats="A comparison source, never a default. " + WDI_DATA360_NOTE + " Values flagged as estimates "
                "(OBS_STATUS E: 2023 outflows) are stored as the source knomad_data360_2025_12_estimate. "
                "No regional or world aggregates.",
        method="Data360 bulk CSV (SDMX-like columns); OBS_VALUE × 10^UNIT_MULT (6: millions) → current US$; "
               "0.0 dropped (no data); OBS_STATUS A → this source, E → the _estimate source.",
        raw_files=(KNOMAD_DATA360,)),
    Source(
        "knomad_data360_2025_12_estimate", "World Bank–KNOMAD (Data360)",
        "Remittance outflows (US$ million), values flagged as estimates", "2025-12 (as downloaded)", CC_BY_4,
        "https://data360.worldbank.org/en/dataset/WB_KNOMAD",
        "World Bank Data360, WB_KNOMAD, observations with OBS_STATUS E (estimated value).",
        caveats="Estimates, not reported data: the 2023 outflows. " + WDI_DATA360_NOTE,
        method="The rows of the Data360 file with OBS_STATUS E, read as for knomad_data360_2025_12.",
        raw_files=(KNOMAD_DATA360,)),
    Source(
        "knomad_2023_12", "World Bank–KNOMAD", "Inward remittance flows (Migration and Development Brief 39 annex)",
        "2023-12", CC_BY_4, "https://www.knomad.org/data/remittances",
        "World Bank-KNOMAD, December 2023.",
        caveats="A comparison source, never a default: 2000–2022 as known in December 2023. " + ZERO_CAVEAT +
                " Data since 2005 based on IMF BPM6. " + BRIEF39_CAVEAT,
        method="Workbook read directly (sheet 'Inward remittance flows'); countries by name (World Bank TableName, "
               "plus the names listed in data/catalog.py KNOMAD_NAME_CODES); US$ million × 1e6; zeros dropped; "
               "the aggregate 'Low-and Middle-Income Countries' and the footnotes not stored.",
        raw_files=(KNOMAD_BRIEF39,)),
    Source(
        "knomad_2023_12_estimate", "World Bank–KNOMAD",
        "2023 estimates of remittance inflows and their share of GDP (Migration and Development Brief 39)",
        "2023-12", CC_BY_4, "https://www.knomad.org/data/remittances",
        "World Bank-KNOMAD, December 2023 (columns '2023e' and '% of GDP in 2023').",
        caveats="Estimates made in December 2023, before the year's balance-of-payments data: the figures quoted "
                "at the time. " + BRIEF39_CAVEAT + " GDP in the % is from the IMF World Economic Outlook, not WDI.",
        method="Columns '2023e' (US$ million × 1e6 → BX.TRF.PWKR.CD.DT) and '% of GDP in 2023' "
               "(→ BX.TRF.PWKR.DT.GD.ZS) of the same workbook; zeros dropped.",
        raw_files=(KNOMAD_BRIEF39,)),
    Source(
        "knomad_2023_06", "World Bank–KNOMAD", "Remittance inflows and outflows (US$ million)", "2023-06",
        WB_LICENCE, "https://www.knomad.org/data/remittances",
        "World Bank-KNOMAD, June 2023.",
        caveats="A comparison source, never a default. Data since 2005 based on IMF BPM6. " + ZERO_CAVEAT +
                " The aggregate row 'Low-and Middle-Income Countries' has no code and is not used.",
        method="XLSX → CSV, footnotes removed, iso3 added by name matching (kietnguyen01/Remittance-Fees-Analysis "
               "@0549ac4). US$ million × 1e6 → current US$ (exact: inputs have at most 6 decimals).",
        raw_files=(KNOMAD_INFLOWS, KNOMAD_OUTFLOWS)),
    Source(
        "undesa_ims_2024", "United Nations, DESA, Population Division", "International Migrant Stock 2024",
        "Rev.2024", "CC BY 3.0 IGO",
        "https://www.un.org/development/desa/pd/content/international-migrant-stock",
        "United Nations Department of Economic and Social Affairs, Population Division (2024). International "
        "Migrant Stock 2024 (POP/DB/MIG/Stock/Rev.2024).",
        caveats="Mid-year (1 July) foreign-born residents, or foreign citizens where birthplace is unknown; refugees "
                "included where flagged. Years 1990–2020 five-yearly, then 2024. " + REVISION_CAVEAT + " " + T18_CAVEAT +
                " Origin 'OOO' (other/unknown) is kept out of corridors but remains inside the published totals. "
                "UN DESA's code XCX (Channel Islands) is stored as the World Bank code CHI.",
        method="gdidata data/undesa_stocks.rda (commit d6262ef) → CSV. Bilateral rows → corridors (stock_total, "
               "stock_male, stock_female); totals by destination → SM.POP.TOTL, by origin → CAMR.EMIG.TOTL.",
        raw_files=(UNDESA_2024_BILATERAL, UNDESA_2024_IMMIGRANTS, UNDESA_2024_EMIGRANTS)),
    Source(
        "undesa_ims_2024_derived", "United Nations, DESA, Population Division (derived by this project)",
        "Migrant stock shares computed from International Migrant Stock 2024", "Rev.2024", "CC BY 3.0 IGO",
        "https://www.un.org/development/desa/pd/content/international-migrant-stock",
        "Computed from UN DESA International Migrant Stock 2024 and World Bank WDI SP.POP.TOTL.",
        caveats="Not published series. Population denominators are WDI SP.POP.TOTL (DataHub mirror), not the "
                "population UN DESA used, so shares can differ slightly from UN DESA's own percentages; emigrants "
                "can exceed 100% of the origin's resident population.",
        derived_from=("undesa_ims_2024", "wdi_pop_datahub"),
        method="SM.POP.TOTL.ZS = immigrant stock / SP.POP.TOTL × 100; CAMR.EMIG.TOTL.ZS = emigrant stock / "
               "origin's SP.POP.TOTL × 100; CAMR.IMM.FE.ZS and CAMR.EMIG.FE.ZS = female / total × 100. Same country "
               "and year; rounded to 10 significant digits; no value where an input is missing.",
        raw_files=(UNDESA_2024_IMMIGRANTS, UNDESA_2024_EMIGRANTS, WDI_POPULATION)),
    Source(
        "undesa_ims_2020", "United Nations, DESA, Population Division", "International Migrant Stock 2020",
        "Rev.2020", "CC BY 3.0 IGO",
        "https://www.un.org/development/desa/pd/content/international-migrant-stock",
        "United Nations Department of Economic and Social Affairs, Population Division (2020). International "
        "Migrant Stock 2020 (POP/DB/MIG/Stock/Rev.2020).",
        caveats="Superseded by Rev.2024; kept for comparison. " + REVISION_CAVEAT + " " + T18_CAVEAT,
        method="gdidata data/undesa_stocks_2020.rda (commit 1c27ae4) → CSV; bilateral rows → corridors.",
        raw_files=(UNDESA_2020_BILATERAL,)),
    Source(
        "undesa_ims_2020_derived", "United Nations, DESA, Population Division (derived by this project)",
        "Migrant stock totals of the 18 target countries, summed from International Migrant Stock 2020",
        "Rev.2020", "CC BY 3.0 IGO",
        "https://www.un.org/development/desa/pd/content/international-migrant-stock",
        "Computed from UN DESA International Migrant Stock 2020 (bilateral rows).",
        caveats="Only for the 18 target countries, whose bilateral rows the extract keeps in full (including origin "
                "'other/unknown'); shown to compare revisions, never a default. " + TOTALS_REVISION_CAVEAT,
        derived_from=("undesa_ims_2020",),
        method="SM.POP.TOTL = sum of total over all origins of a target destination; CAMR.EMIG.TOTL = sum over all "
               "destinations of a target origin. The same sum over Rev.2024's extract reproduces its published "
               "totals exactly (checked by the build).",
        raw_files=(UNDESA_2020_BILATERAL,)),
    Source(
        "unhcr_2024", "UNHCR", "Refugee Population Statistics Database (Refugee Data Finder)", "2024", CC_BY_4,
        "https://www.unhcr.org/refugee-statistics/",
        "UNHCR Refugee Population Statistics Database, downloaded September 2024 (via gdidata data/unhcr.rda).",
        caveats="Refugees under UNHCR's mandate (the 'refugee' population type). 2024 values are probably mid-year. "
                "Pseudo-origins OOO (various/unknown), STL (stateless) and TIB (Tibetan) are not countries and are "
                "not stored.",
        method="gdidata data/unhcr.rda (commit 108ea9b) → CSV totals: refugees hosted → SM.POP.REFG, refugees by "
               "origin → SM.POP.REFG.OR.",
        raw_files=(UNHCR_TOTALS,)),
    Source(
        "knomad_bilateral_2017", "World Bank–KNOMAD",
        "Bilateral Remittance Estimates for 2017 using Migrant Stocks, Host Country Incomes, and Origin Country "
        "Incomes (millions of US$)", "2018-04", WB_LICENCE, "https://www.worldbank.org/en/topic/migration/brief/migration-remittances-data",
        "World Bank-KNOMAD, Bilateral Remittance Estimates for 2017 (April 2018 version).",
        caveats=KNOMAD_BILATERAL_CAVEAT + " The diagonal cell Vanuatu→Vanuatu is not a corridor and is not stored.",
        method="Matrix (sending down × receiving across) → long, flows > 0 only (hbenveniste/mig-scenarios "
               "@a3610e8). Stored as origin = receiving country, destination = sending country; "
               "US$ million × 1e6.",
        raw_files=(KNOMAD_BILATERAL_REMITTANCES,)),
    Source(
        "knomad_bilateral_2021", "World Bank–KNOMAD",
        "Bilateral Remittance Estimates for 2021 using Migrant Stocks, Host Country Incomes, and Origin Country "
        "Incomes (millions of US$)", "2022-12", CC_BY_4, "https://www.knomad.org/data/remittances",
        "KNOMAD/World Bank Bilateral Remittance Matrix 2021, December 2022.",
        caveats=KNOMAD_BILATERAL_CAVEAT + " Flows India↔Pakistan, Lebanon↔Israel and Azerbaijan↔Armenia are "
                "assumed to be zero by the publisher; empty and zero cells are not stored.",
        method="Workbook read directly (sheet 'FINAL BRM 2021 ', sending country down × receiving across); countries "
               "by name as for knomad_2023_12; the WORLD row and column not stored; cells > 0 only; stored as "
               "origin = receiving country, destination = sending country; US$ million × 1e6.",
        raw_files=(KNOMAD_BILATERAL_2021,)),
    Source(
        "rpw_2025_q1_derived", "World Bank (averaged by a third party)",
        "Remittance Prices Worldwide: provider quotes averaged per corridor and quarter", "RPW workbook 2011–2025Q1",
        CC_BY_4, "https://github.com/jonsmirl/thesis",
        "Computed by J. Smirl (GitHub jonsmirl/thesis, thesis_data/rpw_filtered.csv, commit 72e30fb) from World "
        "Bank, Remittance Prices Worldwide, rpw_dataset_2011_2025_q1.xlsx.",
        caveats="Derived, not the official corridor average: used only for corridors where it equals the official "
                "series (rpw_2020_12) in every quarter of 2016Q2–2020Q3 (checked by the build); it extends them to "
                "2021Q4. RPW stopped surveying Russia-origin corridors after 2021Q4.",
        derived_from=("rpw_2020_12",),
        method="Mean of the providers' 'cc1 total cost %' for 200 US$ per corridor and quarter (third party). The "
               "build keeps corridors that the official extract has and that agree with it within 0.0001 "
               "percentage points in every overlapping quarter; stored as origin = receiving country, destination "
               "= sending country.",
        raw_files=(RPW_THIRDPARTY,)),
    Source(
        "knomad_stock_2017", "World Bank", "Bilateral Estimates of Migrant Stocks in 2017", "2017 matrix",
        WB_LICENCE, "https://www.worldbank.org/en/topic/migration/brief/migration-remittances-data",
        "World Bank staff estimates based on UN Population Division, OECD and national statistical offices, "
        "Bilateral Migration Matrix 2017.",
        caveats="The migrant matrix behind the 2017 bilateral remittance estimates. 'Other North' / 'Other South' "
                "rows have no country code and are not stored as corridors; the diagonal cell Vanuatu→Vanuatu "
                "neither.",
        method="Matrix → long, values > 0 only (hbenveniste/mig-scenarios @a3610e8); stored as stock_total.",
        raw_files=(KNOMAD_BILATERAL_STOCKS,)),
    Source(
        "rpw_2020_12", "World Bank", "Remittance Prices Worldwide (Corridors): Average Total Cost to remit in "
        "corridor (ATCR.CORR)", "2020-12-07", WB_LICENCE, "https://remittanceprices.worldbank.org",
        "World Bank, Remittance Prices Worldwide (Corridors), DataBank, last updated 12/07/2020.",
        caveats=RPW_CAVEAT,
        method="DataBank export (natesheehan/sdg_10C @06f1c11), corridors with a target-country sender or receiver. "
               "Stored as origin = receiving country, destination = sending country, period = the column's quarter "
               "label.",
        raw_files=(RPW_CORRIDORS,)),
    Source(
        "iom_ca_strategy", "IOM", "IOM Central Asia Operational Strategy", "c. 2014",
        "Not stated; figures quoted with attribution", "",
        "IOM, Central Asia Operational Strategy (c. 2014); each figure cites its own original source "
        "(cited_source, strategy_page).",
        caveats="Figures transcribed from the strategy, which quotes other publishers (e.g. Russian Federal "
                "Migration Service 2013 via the Financial Times). " + FMS_CAVEAT,
        method="key_figures.csv copied as is (plus comparison columns); the FMS 2013 figures for TJK, KAZ, KGZ and "
               "UZB become citizens_present corridors (million × 1e6 persons, destination RUS). "
               "country_groups.csv gives the groups in countries.csv.",
        raw_files=(IOM_KEY_FIGURES, IOM_COUNTRY_GROUPS)),
    Source(
        "natural_earth_v4", "Natural Earth", "Admin-0 countries and populated places (capitals), 1:50m",
        "v4.x (2017)", "Public domain", "https://www.naturalearthdata.com",
        "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
        caveats="Boundaries drawn by de facto control. Where several capitals are listed, the seat of government "
                "is used (Astana, La Paz, Yamoussoukro, Naypyidaw, Pretoria). Somaliland's capital is not used.",
        method="Populated places with adm0cap = 1 (martynafford/natural-earth-geojson @9026645); NE codes KOS and "
               "SAH mapped to XKX and ESH. Boundaries are handled by geo/.",
        raw_files=(NE_CAPITALS,)),
)


def refreshed_wdi_sources(raw_dir: Path) -> list[Source]:
    """One source per file written by `python -m data.refresh`, newest first."""
    sources = []
    for path in sorted((raw_dir / WDI_API_DIR).glob("WDI_api_*.csv"), reverse=True):
        match = WDI_API_FILE.fullmatch(path.name)
        if not match:
            continue
        year, month, day = match.groups()
        sources.append(Source(
            f"wdi_api_{year}_{month}_{day}", "World Bank", "World Development Indicators (API)",
            f"{year}-{month}-{day}", WB_LICENCE, "https://api.worldbank.org/v2/",
            f"World Bank, World Development Indicators, retrieved from the World Bank API on {year}-{month}-{day}.",
            caveats=ZERO_CAVEAT + " Economies the World Bank API lists but the 2023-05 country list does not are "
                    "skipped (see data/raw/PROVENANCE.md).",
            method="python -m data.refresh: wbgapi data.fetch for the series we use, all economies and years, "
                   "stored long; zeros in remittance series dropped.",
            raw_files=(f"{WDI_API_DIR}/{path.name}",)))
    return sources


# ---------------------------------------------------------------------------------------------------------------
# Indicators (table "indicators") and corridor measures (table "corridors")
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    id: str
    table: str
    name_en: str
    unit: str
    definition: str
    source_priority: tuple[str, ...]
    caveats: str = ""
    value_min: float | None = 0.0
    value_max: float | None = None
    refreshable: bool = field(default=False, compare=False)  # newer WDI API pulls go first in its priority
    # Plausibility (enforced at build, stated in meta_indicators.plausibility): a value more than `max_jump` times
    # (or less than 1/max_jump of) both its neighbours in time, or of another source's value of the same cell, is
    # refused unless listed in data/raw/plausibility_exceptions.csv. None: not checked (signed or noisy measures).
    max_jump: float | None = 10.0
    # A bound the build enforces with reviewed exceptions (value_max is a hard bound, checked at load too).
    plausible_max: float | None = None
    # Countries that do not report the measure: charts say "not reported" instead of drawing stray values.
    not_reported: tuple[str, ...] = ()

    @property
    def name_key(self) -> str:
        return f"indicators.{self.id}"

    @property
    def plausibility(self) -> str:
        rules = []
        high_bound = self.plausible_max if self.plausible_max is not None else self.value_max
        if self.value_min is not None or high_bound is not None:
            low = "−∞" if self.value_min is None else f"{self.value_min:g}"
            high = "∞" if high_bound is None else f"{high_bound:g}"
            rules.append(f"values within {low}–{high}")
        if self.max_jump:
            floor = JUMP_FLOORS[self.unit]
            rules.append(f"no value more than {self.max_jump:g}× (or less than 1/{self.max_jump:g}) both its "
                         f"neighbours in time (unless another file publishes the same value), nor {self.max_jump:g}× "
                         f"apart from another release of the same publication for the same cell (values from "
                         f"{floor:g} {self.unit} up), unless a reviewed exception")
        rules.extend(EXTRA_PLAUSIBILITY.get(self.id, ()))
        return "; ".join(rules) + "."


# Cross-table rules (checked by data/build/, stated in the metadata).
STOCK_RULES = ("a bilateral stock never exceeds the destination's total immigrant stock (same revision and year) "
               "nor the origin's population (WDI, same year)",)
EXTRA_PLAUSIBILITY = {"stock_total": STOCK_RULES}
# Releases of one publication, compared cell by cell (a tenfold difference is a unit slip or a revision to review).
# UN DESA revisions are not compared: they re-estimate small corridors by far more than tenfold for real (see
# REVISION_CAVEAT); the stock rules bound them instead.
RELEASE_FAMILIES = {"wdi_": "World Development Indicators", "knomad_2": "KNOMAD remittance flows",
                    "knomad_data360": "KNOMAD remittance flows", "rpw_": "Remittance Prices Worldwide"}


def release_family(source_id: str) -> str | None:
    return next((family for prefix, family in RELEASE_FAMILIES.items() if source_id.startswith(prefix)), None)


JUMP_FLOORS = {"persons": 1000.0, "current US$": 1e6, "%": 0.1, "log points": 0.1}
PLAUSIBILITY_EXCEPTIONS = "plausibility_exceptions.csv"  # in the raw dir: reviewed exceptions with a reason

RATIO_CAVEAT = "A ratio, not a share of a whole: it can exceed 100 for very small economies."

INDICATORS: tuple[Indicator, ...] = (
    Indicator("BX.TRF.PWKR.DT.GD.ZS", "indicators", "Personal remittances, received (% of GDP)", "%",
              "Personal transfers and compensation of employees received, as a percentage of GDP.",
              ("wdi_ddf_2026", "wdi_panel_2025", "wdi_2023_05", "wdi_2025_02_derived"),
              " ".join((TKM_CAVEAT, ZERO_CAVEAT, RATIO_CAVEAT,
                        "A country's line comes from one release: the newest that covers the country (published "
                        "series first; the value computed from WDI 2025-02 levels only where no published series "
                        "has the country-year). Years only an older release has are drawn apart and labelled. "
                        "The December 2023 KNOMAD estimates (knomad_2023_12_estimate) are shown beside the "
                        "releases, never as the line.")), plausible_max=100.0, refreshable=True,
              not_reported=("TKM",)),
    Indicator("BX.TRF.PWKR.CD.DT", "indicators", "Personal remittances, received (current US$)", "current US$",
              "Personal transfers and compensation of employees received by resident households, current US$.",
              ("wdi_ddf_2026", "wdi_2025_07", "wdi_2025_02", "wdi_2023_05"),
              " ".join((TKM_CAVEAT, ZERO_CAVEAT, "KNOMAD (June 2023, December 2023, Data360 2025-12) is available "
                        "for comparison; for 2022 the older releases are much higher than WDI 2023-05 for "
                        "Tajikistan and Uzbekistan, and WDI 2025 revised Uzbekistan 2022 down to US$ 15.5 billion.")),
              refreshable=True, not_reported=("TKM",)),
    Indicator("BM.TRF.PWKR.CD.DT", "indicators", "Personal remittances, paid (current US$)", "current US$",
              "Personal transfers and compensation of employees paid by resident households to non-residents.",
              ("wdi_ddf_2026", "wdi_2025_02", "wdi_2023_05"), ZERO_CAVEAT + " No data for Iran.", refreshable=True,
              not_reported=("TKM",)),
    Indicator("NY.GDP.MKTP.CD", "indicators", "GDP (current US$)", "current US$",
              "Gross domestic product at purchaser's prices, current US$.", ("wdi_2025_02",), refreshable=True),
    Indicator("SP.POP.TOTL", "indicators", "Population, total", "persons",
              "All residents regardless of legal status or citizenship, mid-year.", ("wdi_pop_datahub",),
              refreshable=True),
    Indicator("SM.POP.NETM", "indicators", "Net migration", "persons",
              "Immigrants minus emigrants, including citizens and non-citizens (UN WPP estimate reported by WDI).",
              ("wdi_2025_02",), "Negative values mean more people left than arrived.", value_min=None,
              refreshable=True, max_jump=None),
    Indicator("SL.UEM.TOTL.ZS", "indicators", "Unemployment, total (% of labour force, modelled ILO estimate)", "%",
              "Share of the labour force without work but available for and seeking employment.", ("wdi_2025_02",),
              "Modelled ILO estimates.", value_max=100.0, refreshable=True),
    Indicator("SM.POP.TOTL", "indicators", "International migrant stock, total", "persons",
              "People living in the country who were born abroad (or are foreign citizens where birthplace is not "
              "recorded), mid-year; the UN DESA source of WDI SM.POP.TOTL.",
              ("undesa_ims_2024",), "Years 1990–2020 five-yearly, then 2024. " + TOTALS_REVISION_CAVEAT + " "
              + FMS_CAVEAT),
    Indicator("SM.POP.TOTL.ZS", "indicators", "International migrant stock (% of population)", "%",
              "SM.POP.TOTL divided by SP.POP.TOTL, × 100.", ("undesa_ims_2024_derived",),
              "Derived by this project; the denominator is WDI population.", value_max=100.0),
    Indicator("SM.POP.REFG", "indicators", "Refugee population by country or territory of asylum", "persons",
              "Refugees under UNHCR's mandate hosted by the country, end of year.", ("unhcr_2024",),
              "2024 values are probably mid-year."),
    Indicator("SM.POP.REFG.OR", "indicators", "Refugee population by country or territory of origin", "persons",
              "Refugees under UNHCR's mandate originating from the country, end of year.", ("unhcr_2024",),
              "2024 values are probably mid-year."),
    Indicator("SI.RMT.COST.IB.ZS", "indicators",
              "Average transaction cost of sending remittances to a specific country (%)", "%",
              "Average total cost of sending 200 US$ to the country, % of the amount sent.", ("wdi_2023_05",),
              "From Remittance Prices Worldwide; 2011–2020.", value_max=100.0),
    Indicator("SI.RMT.COST.OB.ZS", "indicators",
              "Average transaction cost of sending remittances from a specific country (%)", "%",
              "Average total cost of sending 200 US$ from the country, % of the amount sent.", ("wdi_2023_05",),
              "From Remittance Prices Worldwide; 2011–2020. Of the target countries only Russia, Turkey and "
              "Pakistan have data.", value_max=100.0),
    Indicator("CAMR.EMIG.TOTL", "indicators", "Emigrant stock (people born in the country living abroad)",
              "persons", "UN DESA migrant stock summed over all destinations, by country of origin, mid-year.",
              ("undesa_ims_2024",), "Project id (no WDI equivalent). " + REVISION_CAVEAT),
    Indicator("CAMR.EMIG.TOTL.ZS", "indicators", "Emigrant stock (% of the origin country's population)", "%",
              "CAMR.EMIG.TOTL divided by the origin country's SP.POP.TOTL, × 100.", ("undesa_ims_2024_derived",),
              "Derived by this project. " + RATIO_CAVEAT.replace("economies", "populations")),
    Indicator("CAMR.IMM.FE.ZS", "indicators", "Female share of the international migrant stock (%)", "%",
              "Female immigrants divided by all immigrants, × 100 (UN DESA 2024).", ("undesa_ims_2024_derived",),
              "Derived by this project.", value_max=100.0),
    Indicator("CAMR.EMIG.FE.ZS", "indicators", "Female share of the emigrant stock (%)", "%",
              "Female emigrants divided by all emigrants, × 100 (UN DESA 2024).", ("undesa_ims_2024_derived",),
              "Derived by this project.", value_max=100.0),
    # Russia's economy, from the remittance panel (values repeated on each Central Asian country's row).
    Indicator("NY.GDP.MKTP.KD.ZG", "indicators", "GDP growth (annual %)", "%",
              "Annual percentage growth rate of GDP at market prices based on constant local currency (real GDP "
              "growth).", ("wdi_panel_2025",),
              "Russia only, 2009–2024: the panel's column rus_gdp_growth, repeated on each Central Asian country's "
              "row (the build checks the copies agree). Exact WDI release not stated by the repository. "
              "Negative values mean the economy shrank.", value_min=-100.0, max_jump=None),
    Indicator("CAMR.RUB.DEPR", "indicators",
              "Rouble depreciation against the US dollar (log change × 100, not %)", "log points",
              "Change from the previous year in the natural log of the official exchange rate (roubles per US "
              "dollar, period average, WDI PA.NUS.FCRF), × 100. Positive = the rouble weakened (more roubles per "
              "dollar); negative = it strengthened.", ("wdi_panel_2025",),
              "Project id (no WDI equivalent): not a published WDI series. Derived from WDI PA.NUS.FCRF by the "
              "panel's author (GitHub Fozich/remittances-central-asia, column rub_depr), not by this project; "
              "stored as published there (2 decimals), for Russia, 2009–2024. A log change is not a percentage "
              "change: for large moves it is smaller (2015: 46.24, i.e. about 59% more roubles per US$, or the "
              "rouble losing about 37% of its US$ value). Unit: log points (100 × Δln), not per cent.",
              value_min=None, max_jump=None),
    # Corridor measures: origin = migrants' country of origin, destination = host; money flows destination → origin.
    Indicator("stock_total", "corridors", "Migrants born in the origin country living in the destination",
              "persons", "Bilateral international migrant stock, mid-year.", ("undesa_ims_2024", "undesa_ims_2020"),
              REVISION_CAVEAT + " " + T18_CAVEAT + " World Bank 2017 estimates (knomad_stock_2017) are available "
              "for comparison."),
    Indicator("stock_male", "corridors", "Male migrants born in the origin country living in the destination",
              "persons", "Bilateral international migrant stock, men, mid-year.",
              ("undesa_ims_2024", "undesa_ims_2020"), REVISION_CAVEAT + " " + T18_CAVEAT),
    Indicator("stock_female", "corridors", "Female migrants born in the origin country living in the destination",
              "persons", "Bilateral international migrant stock, women, mid-year.",
              ("undesa_ims_2024", "undesa_ims_2020"), REVISION_CAVEAT + " " + T18_CAVEAT),
    Indicator("remittances_usd", "corridors", "Remittances sent from the destination to the origin (estimate)",
              "current US$", "Estimated bilateral remittances (2021 matrix by default; 2017 kept).",
              ("knomad_bilateral_2021", "knomad_bilateral_2017"), KNOMAD_BILATERAL_CAVEAT),
    Indicator("cost_pct", "corridors", "Average total cost of sending 200 US$ from the destination to the origin",
              "%", "Average total cost to remit in the corridor, % of a 200 US$ transfer.",
              ("rpw_2020_12", "rpw_2025_q1_derived"), RPW_CAVEAT + " Third-party averages of the same survey "
              "(rpw_2025_q1_derived) extend the Russia corridors to 2021Q4 where they match the official series.",
              value_max=100.0),
    Indicator("citizens_present", "corridors", "Citizens of the origin country present in the destination",
              "persons", "Russian Federal Migration Service count of foreign citizens present in Russia, 2013.",
              ("iom_ca_strategy",), FMS_CAVEAT),
)

# Remittance panel columns that hold Russia's values (repeated on each country's row) → indicator stored for RUS.
PANEL_RUSSIA_COLUMNS = {"rus_gdp_growth": "NY.GDP.MKTP.KD.ZG", "rub_depr": "CAMR.RUB.DEPR"}
PANEL_RUSSIA_ISO3 = "RUS"

# Indicators whose zeros mean "not reported" and are dropped.
REMITTANCE_INDICATORS = frozenset({"BX.TRF.PWKR.DT.GD.ZS", "BX.TRF.PWKR.CD.DT", "BM.TRF.PWKR.CD.DT"})


def sources(raw_dir: Path = RAW_DIR) -> list[Source]:
    return refreshed_wdi_sources(raw_dir) + list(SOURCES)


def indicators(raw_dir: Path = RAW_DIR) -> list[Indicator]:
    """Indicators with refreshed WDI API sources put first in the priority of every series they cover."""
    refreshed = tuple(source.id for source in refreshed_wdi_sources(raw_dir))
    result = []
    for indicator in INDICATORS:
        if indicator.refreshable and refreshed:
            priority = refreshed + indicator.source_priority
            indicator = replace(indicator, source_priority=priority)
        result.append(indicator)
    return result


def indicator(indicator_id: str, raw_dir: Path = RAW_DIR) -> Indicator:
    return next(item for item in indicators(raw_dir) if item.id == indicator_id)


# ---------------------------------------------------------------------------------------------------------------
# Expected coverage per source: what a raw file must give (the build refuses a file that lost it)
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Coverage:
    source: str
    table: str
    measure: str
    countries: tuple[str, ...]
    years: tuple[int, ...]
    destination: str = ""  # corridors: countries are origins, all to this destination


CA4 = ("KAZ", "KGZ", "TJK", "UZB")
EXPECTED_COVERAGE = (
    Coverage("wdi_2023_05", "indicators", "BX.TRF.PWKR.DT.GD.ZS", CA4, tuple(range(2010, 2022))),
    Coverage("wdi_2023_05", "indicators", "BX.TRF.PWKR.CD.DT", CA4 + ("RUS",), tuple(range(2010, 2023))),
    Coverage("wdi_2023_05", "indicators", "BM.TRF.PWKR.CD.DT", ("RUS",), tuple(range(2000, 2022))),
    Coverage("wdi_2025_02", "indicators", "BX.TRF.PWKR.CD.DT", CA4, tuple(range(2010, 2024))),
    Coverage("wdi_2025_02", "indicators", "NY.GDP.MKTP.CD", CA4 + ("TKM", "RUS"), tuple(range(2000, 2024))),
    Coverage("wdi_2025_07", "indicators", "BX.TRF.PWKR.CD.DT", ("KAZ", "KGZ", "TJK", "UZB", "RUS"),
             tuple(range(2010, 2024))),
    Coverage("wdi_2025_07", "indicators", "BX.TRF.PWKR.CD.DT", ("KAZ", "TJK", "UZB", "RUS"), (2024,)),
    Coverage("wdi_ddf_2026", "indicators", "BX.TRF.PWKR.DT.GD.ZS", CA4 + ("RUS",), tuple(range(2010, 2025))),
    Coverage("wdi_ddf_2026", "indicators", "BX.TRF.PWKR.CD.DT", CA4 + ("RUS",), tuple(range(2010, 2025))),
    Coverage("wdi_ddf_2026", "indicators", "BM.TRF.PWKR.CD.DT", ("KAZ", "TJK", "UZB", "RUS"),
             tuple(range(2010, 2025))),
    Coverage("wdi_panel_2025", "indicators", "BX.TRF.PWKR.DT.GD.ZS", ("TJK", "UZB"), tuple(range(2009, 2025))),
    Coverage("knomad_data360_2025_12", "indicators", "BX.TRF.PWKR.CD.DT", CA4 + ("RUS",), tuple(range(2008, 2024))),
    Coverage("knomad_2023_12", "indicators", "BX.TRF.PWKR.CD.DT", CA4 + ("RUS",), tuple(range(2008, 2023))),
    Coverage("knomad_2023_12_estimate", "indicators", "BX.TRF.PWKR.CD.DT", CA4 + ("RUS",), (2023,)),
    Coverage("knomad_2023_12_estimate", "indicators", "BX.TRF.PWKR.DT.GD.ZS", ("KGZ", "TJK", "UZB"), (2023,)),
    Coverage("undesa_ims_2024", "indicators", "SM.POP.TOTL", CA4 + ("TKM", "RUS"),
             (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)),
    Coverage("undesa_ims_2024", "corridors", "stock_total", ("KGZ", "TJK", "UZB", "KAZ"),
             (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024), destination="RUS"),
    Coverage("undesa_ims_2020", "corridors", "stock_total", ("KGZ", "TJK", "UZB", "KAZ"),
             (1990, 1995, 2000, 2005, 2010, 2015, 2020), destination="RUS"),
    Coverage("knomad_bilateral_2017", "corridors", "remittances_usd", ("KGZ", "TJK", "UZB", "KAZ"), (2017,),
             destination="RUS"),
    Coverage("knomad_bilateral_2021", "corridors", "remittances_usd", ("KGZ", "TJK", "UZB", "KAZ"), (2021,),
             destination="RUS"),
    Coverage("rpw_2020_12", "corridors", "cost_pct", ("KGZ", "TJK", "UZB"), tuple(range(2013, 2021)),
             destination="RUS"),
    Coverage("rpw_2025_q1_derived", "corridors", "cost_pct", ("KAZ", "KGZ", "TJK", "UZB"), (2021,),
             destination="RUS"),
)
