"""The corridors table: UN DESA's bilateral stocks, KNOMAD's matrices, Remittance Prices Worldwide, the FMS counts."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from data import catalog
from data.build.codes import CountryCodes
from data.build.derived import check_rows
from data.build.frames import CORRIDOR_KEY, QUARTER_COLUMN, corridor_frame, melt_columns, raw_table, year_columns
from data.build.indicators import check_sex_sum
from data.build.releases import read_knomad_bilateral_2021, read_rpw_thirdparty
from data.validate.errors import DataValidationError
from data.validate.read import check_unique, check_year_range, fail_at, parse_integers, parse_numbers


def read_undesa_bilateral(raw_dir: Path, codes: CountryCodes, relative: str, source: str) -> list[pd.DataFrame]:
    table, path = raw_table(raw_dir, relative, ["destination_iso3", "origin_iso3", "year", "total", "male", "female"])
    check_unique(table, path, ["destination_iso3", "origin_iso3", "year"])
    destination = codes.resolve(table, path, "destination_iso3")
    origin = codes.resolve(table, path, "origin_iso3", skip=catalog.UNDESA_OTHER_ORIGIN)
    years = parse_integers(table, path, "year")
    check_year_range(years, table, path)
    counts = {column: parse_numbers(table, path, column, required=True) for column in ("total", "male", "female")}
    check_sex_sum(table, path, counts)
    keep = origin.notna()
    return [corridor_frame(origin[keep], destination[keep], years[keep], years[keep].astype(str), f"stock_{column}",
                           values[keep], source, path, table.index[keep], column)
            for column, values in counts.items()]


def read_knomad_matrix(raw_dir: Path, codes: CountryCodes, relative: str, *, origin_column: str,
                       destination_column: str, value_pattern: str, measure: str, source: str,
                       factor: float = 1.0) -> pd.DataFrame:
    """A KNOMAD matrix in long form; the year is in the value column's name (e.g. migrants_2017)."""
    table, path = raw_table(raw_dir, relative, [origin_column, destination_column])
    value_columns = [c for c in table.columns if re.fullmatch(value_pattern, c)]
    if len(value_columns) != 1:
        raise DataValidationError(path, 1, None, f"expected one column like '{value_pattern}'")
    column = value_columns[0]
    year = int(re.fullmatch(value_pattern, column).group(1))
    origin = codes.resolve(table, path, origin_column, allow_blank=True)  # blank: 'Other North' / 'Other South'
    destination = codes.resolve(table, path, destination_column, allow_blank=True)
    keep = origin.notna() & destination.notna()
    check_unique(table[keep], path, [origin_column, destination_column])
    values = parse_numbers(table, path, column, required=True) * factor
    if factor != 1.0:
        values = values.round(0)  # US$ million × 1e6: whole dollars are exact for inputs with ≤ 6 decimals
    return corridor_frame(origin[keep], destination[keep], np.full(keep.sum(), year), [str(year)] * keep.sum(),
                          measure, values[keep], source, path, table.index[keep], column)


def read_rpw(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    """RPW corridors: one row per sender → receiver, one column per quarter ('2013Q2 [YR2013Q2]')."""
    table, path = raw_table(raw_dir, catalog.RPW_CORRIDORS,
                            ["Sending Countries Code", "Series Code", "Receiving Countries Code"])
    fail_at(table["Series Code"] != "ATCR.CORR", table, path, "Series Code",
            lambda value: f"expected series ATCR.CORR, found '{value}'")
    check_unique(table, path, ["Sending Countries Code", "Receiving Countries Code"])
    sender = codes.resolve(table, path, "Sending Countries Code")
    receiver = codes.resolve(table, path, "Receiving Countries Code")
    long = melt_columns(table, path, receiver, year_columns(table, path, QUARTER_COLUMN))
    periods = long["raw_column"].str.extract(QUARTER_COLUMN)[0]
    return corridor_frame(long["iso3"], sender[long["raw_row"]].to_numpy(), periods.str[:4].astype(int), periods,
                          "cost_pct", long["value"], "rpw_2020_12", path, long["raw_row"], long["raw_column"])


def fms_corridors(key_figures: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The strategy's FMS 2013 counts of citizens present in Russia, in persons."""
    figures = key_figures[key_figures["figure_id"].isin(catalog.FMS_FIGURES)]
    missing = set(catalog.FMS_FIGURES) - set(figures["figure_id"])
    if missing:
        raise DataValidationError(path, None, "figure_id", f"figures {sorted(missing)} are missing")
    fail_at(~figures["unit"].isin(list(catalog.KEY_FIGURE_UNIT_FACTORS)), figures, path, "unit",
            lambda value: f"unit '{value}' cannot be converted to persons")
    values = parse_numbers(figures, path, "value", required=True) * figures["unit"].map(catalog.KEY_FIGURE_UNIT_FACTORS)
    years = parse_integers(figures, path, "year")
    return corridor_frame(figures["country_iso3"], [catalog.FMS_DESTINATION] * len(figures), years,
                          years.astype(str), "citizens_present", values.round(0), "iom_ca_strategy", path,
                          figures.index, "value")


def build_corridors(raw_dir: Path, codes: CountryCodes, key_figures: pd.DataFrame,
                    key_figures_path: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    frames = read_undesa_bilateral(raw_dir, codes, catalog.UNDESA_2024_BILATERAL, "undesa_ims_2024")
    frames += read_undesa_bilateral(raw_dir, codes, catalog.UNDESA_2020_BILATERAL, "undesa_ims_2020")
    frames += [
        read_knomad_matrix(raw_dir, codes, catalog.KNOMAD_BILATERAL_STOCKS, origin_column="origin_country_iso3",
                           destination_column="destination_country_iso3", value_pattern=r"migrants_(\d{4})",
                           measure="stock_total", source="knomad_stock_2017"),
        # Money goes from the sending (host) country to the receiving (origin) country.
        read_knomad_matrix(raw_dir, codes, catalog.KNOMAD_BILATERAL_REMITTANCES,
                           origin_column="receiving_country_iso3", destination_column="sending_country_iso3",
                           value_pattern=r"remittances_usd_million_(\d{4})", measure="remittances_usd",
                           source="knomad_bilateral_2017", factor=1e6),
        read_knomad_bilateral_2021(raw_dir, codes),
        (official_rpw := read_rpw(raw_dir, codes)),
        fms_corridors(key_figures, key_figures_path),
    ]
    thirdparty, rpw_stats = read_rpw_thirdparty(raw_dir, codes, official_rpw)
    corridors = pd.concat(frames + [thirdparty], ignore_index=True)
    same_country = corridors["origin"] == corridors["destination"]  # a matrix diagonal, not a corridor
    # "Flows > 0 only" (the publisher's method): a zero in a matrix is no estimate, not an estimated zero.
    zero_money = (corridors["measure"] == "remittances_usd") & (corridors["value"] == 0)
    stats = {"diagonal corridor cells left out": int(same_country.sum()), **rpw_stats,
             "bilateral remittance cells stored as 0 left out": int(zero_money.sum())}
    corridors = corridors[~same_country & ~zero_money]
    check_rows(corridors, CORRIDOR_KEY, "measure")
    return corridors, stats
