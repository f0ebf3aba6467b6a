"""Derived indicators (ratios, shares, the migrant stock totals) and the indicators table put together and checked."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from data import catalog
from data.build.codes import CountryCodes
from data.build.frames import INDICATOR_KEY, ORIGIN, fault_at_origin, raw_table, round_significant, with_origin
from data.build.indicators import (read_gdidata, read_knomad_flows, read_panel_russia, read_population,
                                   read_remittance_panel, read_undesa_totals, read_unhcr_totals, read_wdi_api,
                                   read_wdi_wide)
from data.build.releases import read_knomad_brief39, read_knomad_data360, read_wdi_bulk, read_wdi_ddf
from data.validate.errors import DataValidationError
from data.validate.formats import format_number
from data.validate.read import parse_integers, parse_numbers


def ratio_rows(numerator: pd.DataFrame, denominator: pd.DataFrame, indicator: str, source: str) -> pd.DataFrame:
    """numerator / denominator × 100 for every (iso3, year) both have; origin = the numerator's raw cell."""
    merged = numerator.merge(denominator[["iso3", "year", "value"]], on=["iso3", "year"], suffixes=("", "_den"))
    merged = merged[merged["value_den"] > 0]
    merged["value"] = round_significant(merged["value"] / merged["value_den"] * 100)
    merged["indicator"] = indicator
    merged["source"] = source
    return merged[INDICATOR_KEY + ["value"] + ORIGIN]


def derived_remittance_share(indicators: pd.DataFrame) -> pd.DataFrame:
    """Remittances % of GDP from WDI 2025-02 levels, only where no published % series has the cell."""
    levels = indicators[indicators["source"] == "wdi_2025_02"]
    received = levels[levels["indicator"] == "BX.TRF.PWKR.CD.DT"]
    gdp = levels[levels["indicator"] == "NY.GDP.MKTP.CD"]
    derived = ratio_rows(received, gdp, "BX.TRF.PWKR.DT.GD.ZS", "wdi_2025_02_derived")
    releases = [s for s in catalog.indicator("BX.TRF.PWKR.DT.GD.ZS").source_priority if not s.endswith("_derived")]
    published = indicators.loc[(indicators["indicator"] == "BX.TRF.PWKR.DT.GD.ZS")
                               & (indicators["source"].isin(releases) | indicators["source"].str.startswith("wdi_api_")),
                               ["iso3", "year"]]
    unpublished = ~derived.set_index(["iso3", "year"]).index.isin(published.set_index(["iso3", "year"]).index)
    return derived[unpublished]


def undesa_2020_totals(raw_dir: Path, codes: CountryCodes, immigrants: pd.DataFrame,
                       emigrants: pd.DataFrame, check: bool = False) -> pd.DataFrame:
    """Rev.2020 totals of the 18 target countries, summed from its bilateral extract (which keeps all their rows,
    'other/unknown' origins included). The same sum over Rev.2024's extract must give its published totals: that
    proves the extract is complete for these countries."""
    frames = []
    for relative, source in (((catalog.UNDESA_2024_BILATERAL, None),) if check else ()) + (
            (catalog.UNDESA_2020_BILATERAL, "undesa_ims_2020_derived"),):
        table, path = raw_table(raw_dir, relative, ["destination_iso3", "origin_iso3", "year", "total"])
        codes.resolve(table, path, "destination_iso3")
        codes.resolve(table, path, "origin_iso3", skip=catalog.UNDESA_OTHER_ORIGIN)
        table = table.assign(total=parse_numbers(table, path, "total", required=True),
                             year=parse_integers(table, path, "year"))
        for code_column, published, indicator in (("destination_iso3", immigrants, "SM.POP.TOTL"),
                                                  ("origin_iso3", emigrants, "CAMR.EMIG.TOTL")):
            target = table[table[code_column].isin(catalog.T18)]
            sums = target.groupby([code_column, "year"])["total"].sum()
            last_row = target.reset_index().groupby([code_column, "year"])["index"].max()
            if source is None:  # the completeness check only (after the plausibility rules, which name cells)
                given = published.set_index(["iso3", "year"])["total"]
                for key, value in sums.items():
                    if key in given.index and given[key] != value:
                        raise DataValidationError(path, int(last_row[key]), "total",
                                                  f"the {key[0]} {key[1]} rows sum to {format_number(value)}, but the "
                                                  f"published total is {format_number(given[key])}: the extract "
                                                  "is incomplete")
                continue
            frame = pd.DataFrame({"iso3": [k[0] for k in sums.index], "year": [k[1] for k in sums.index],
                                  "indicator": indicator, "value": sums.to_numpy(dtype=float), "source": source})
            frames.append(with_origin(frame, path, last_row.to_numpy(), "total"))
    if not frames:
        return pd.DataFrame(columns=INDICATOR_KEY + ["value"] + ORIGIN)
    return pd.concat(frames, ignore_index=True)[INDICATOR_KEY + ["value"] + ORIGIN]


def migrant_stock_rows(immigrants: pd.DataFrame, emigrants: pd.DataFrame,
                       population: pd.DataFrame) -> pd.DataFrame:
    """UN DESA totals → SM.POP.TOTL, CAMR.EMIG.TOTL and their shares (of population, female)."""
    frames = []
    for totals, stock_id, share_id, female_id in (
            (immigrants, "SM.POP.TOTL", "SM.POP.TOTL.ZS", "CAMR.IMM.FE.ZS"),
            (emigrants, "CAMR.EMIG.TOTL", "CAMR.EMIG.TOTL.ZS", "CAMR.EMIG.FE.ZS")):
        totals = totals.dropna(subset=["iso3"])
        stock = totals.assign(value=totals["total"], indicator=stock_id, source="undesa_ims_2024")
        frames.append(stock[INDICATOR_KEY + ["value"] + ORIGIN])
        frames.append(ratio_rows(stock, population, share_id, "undesa_ims_2024_derived"))
        female = totals.assign(value=totals["female"], raw_column="female")
        frames.append(ratio_rows(female, stock[["iso3", "year", "value"]], female_id, "undesa_ims_2024_derived"))
    return pd.concat(frames, ignore_index=True)


def build_indicators(raw_dir: Path, codes: CountryCodes) -> tuple[pd.DataFrame, dict[str, int]]:
    frames = [read_wdi_wide(raw_dir, codes, relative, indicator, "wdi_2023_05")
              for indicator, relative in catalog.WDI_2023_FILES.items()]
    frames += [read_gdidata(raw_dir, codes), read_remittance_panel(raw_dir, codes),
               read_panel_russia(raw_dir, codes)]
    frames += [read_wdi_api(raw_dir, codes, source) for source in catalog.refreshed_wdi_sources(raw_dir)]
    frames += [read_wdi_bulk(raw_dir, codes, catalog.WDI_2025_07_RECEIVED, "BX.TRF.PWKR.CD.DT", "wdi_2025_07",
                             catalog.WDI_2025_07_VINTAGE),
               read_wdi_ddf(raw_dir, codes), read_knomad_data360(raw_dir, codes), read_knomad_brief39(raw_dir, codes)]
    population = read_population(raw_dir, codes)
    frames += [population,
               read_knomad_flows(raw_dir, codes, catalog.KNOMAD_INFLOWS, "BX.TRF.PWKR.CD.DT"),
               read_knomad_flows(raw_dir, codes, catalog.KNOMAD_OUTFLOWS, "BM.TRF.PWKR.CD.DT"),
               read_unhcr_totals(raw_dir, codes)]
    indicators = pd.concat(frames, ignore_index=True)

    # Zeros in remittance series mean "not reported" (see the catalog caveats): never store them.
    not_reported = indicators["indicator"].isin(catalog.REMITTANCE_INDICATORS) & (indicators["value"] == 0)
    stats = {"remittance zeros dropped": int(not_reported.sum())}
    indicators = indicators[~not_reported]

    immigrants = read_undesa_totals(raw_dir, codes, catalog.UNDESA_2024_IMMIGRANTS, "destination_iso3")
    emigrants = read_undesa_totals(raw_dir, codes, catalog.UNDESA_2024_EMIGRANTS, "origin_iso3")
    indicators = pd.concat([indicators, derived_remittance_share(indicators),
                            migrant_stock_rows(immigrants, emigrants, population),
                            undesa_2020_totals(raw_dir, codes, immigrants, emigrants)], ignore_index=True)
    check_rows(indicators, INDICATOR_KEY, "indicator")
    return indicators, stats


def check_rows(frame: pd.DataFrame, key: list[str], id_column: str) -> None:
    """Unique keys and the catalog's value bounds, reported at the raw cell a row came from."""
    duplicated = frame.duplicated(key, keep="first")
    fault_at_origin(frame, duplicated, lambda row: "duplicate key (" + ", ".join(f"{k}={row[k]}" for k in key) + ")")
    return  # value bounds: data/plausibility.py (with reviewed exceptions)
    bounds = {item.id: (item.value_min, item.value_max) for item in catalog.INDICATORS}
    low = frame[id_column].map(lambda i: bounds[i][0]).astype(float)
    high = frame[id_column].map(lambda i: bounds[i][1]).astype(float)
    values = frame["value"]
    fault_at_origin(frame, low.notna() & (values < low),
                    lambda row: f"{format_number(row['value'])} is below the minimum for {row[id_column]}")
    fault_at_origin(frame, high.notna() & (values > high),
                    lambda row: f"{format_number(row['value'])} is above the maximum for {row[id_column]}")
