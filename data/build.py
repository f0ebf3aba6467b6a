"""`python -m data.build`: raw publisher files (data/raw/) → validated curated tables (data/curated/*.csv).

Every raw file is read strictly (see data/validate.py); a fault stops the build with one message naming file, row
and column, and leaves the curated files untouched: all tables are written to a temporary folder, validated as the
app will load them, and only then moved into place (os.replace, one file at a time, unchanged files left alone).
"""
from __future__ import annotations

import argparse
import csv
import gettext
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry

from data import catalog, country_names, metadata_i18n, plausibility
from data.catalog import CURATED_DIR, RAW_DIR
from data.query import pick_series
from data.validate import (MANIFEST, TABLE_COLUMNS, manifest_entries, DataValidationError, check_unique, check_year_range, fail_at,
                           format_number, format_numbers, load_curated, parse_integers, parse_numbers, read_csv_strict,
                           require_columns)

YEAR_COLUMN = re.compile(r"^\d{4}$")
QUARTER_COLUMN = re.compile(r"^(\d{4}Q[1-4]) \[YR\1\]$")
# Long frames carry where each value came from, so that a fault found after reshaping still names the raw cell.
ORIGIN = ["raw_file", "raw_row", "raw_column"]
INDICATOR_KEY = ["iso3", "year", "indicator", "source"]
CORRIDOR_KEY = ["origin", "destination", "period", "measure", "source"]
DERIVED_DIGITS = 10  # significant digits kept for values this project computes


# ---------------------------------------------------------------------------------------------------------------
# Country codes
# ---------------------------------------------------------------------------------------------------------------
class CountryCodes:
    """Known codes: the World Bank country list (countries and aggregates) plus ISO 3166-1 alpha-3."""

    def __init__(self, raw_dir: Path):
        path = raw_dir / catalog.WDI_COUNTRY_METADATA
        table = read_csv_strict(path)
        require_columns(table, path, ["Country Code", "Region", "IncomeGroup", "TableName"])
        check_unique(table, path, ["Country Code"])
        self.world_bank = table.set_index("Country Code")
        self.by_name = dict(zip(table["TableName"], table["Country Code"]))
        self.known = set(self.world_bank.index) | {country.alpha_3 for country in pycountry.countries}

    def resolve(self, table: pd.DataFrame, path: Path, column: str, *, skip: Mapping[str, str] | None = None,
                aliases: Mapping[str, str] | None = None, allow_blank: bool = False) -> pd.Series:
        """The column's codes with aliases applied; NaN for rows to leave out (blank or documented non-countries).
        Stops at a missing or unknown code."""
        raw = table[column].astype(str).str.strip()
        blank = raw == ""
        if not allow_blank:
            fail_at(blank, table, path, column, lambda value: "country code is missing")
        codes = raw.replace(dict(aliases or {}))
        left_out = blank | raw.isin(list(skip or {}))
        fail_at(~left_out & ~codes.isin(self.known), table, path, column,
                lambda value: f"unknown country code '{value}'")
        return codes.where(~left_out)


# ---------------------------------------------------------------------------------------------------------------
# Small helpers for long frames
# ---------------------------------------------------------------------------------------------------------------
def raw_table(raw_dir: Path, relative: str, columns) -> tuple[pd.DataFrame, Path]:
    path = raw_dir / relative
    table = read_csv_strict(path)
    require_columns(table, path, columns)
    return table, path


def with_origin(frame: pd.DataFrame, path: Path, rows, column) -> pd.DataFrame:
    frame["raw_file"] = str(path)
    frame["raw_row"] = np.asarray(rows)
    frame["raw_column"] = column
    return frame


def melt_columns(table: pd.DataFrame, path: Path, codes: pd.Series, columns: list[str],
                 factor: float = 1.0) -> pd.DataFrame:
    """Wide → long: one row per (code, column) with a value. Columns are year or period labels."""
    cells = table[columns].assign(iso3=codes).rename_axis("raw_row").reset_index()
    long = cells.melt(id_vars=["raw_row", "iso3"], var_name="raw_column", value_name="text")
    long = long[long["text"] != ""].assign(raw_file=str(path))
    values = pd.to_numeric(long["text"], errors="coerce").astype(float)
    fault_at_origin(long, ~np.isfinite(values), lambda row: f"'{row['text']}' is not a number")
    long["value"] = values * factor
    if factor != 1.0:
        long["value"] = long["value"].round(0)  # US$ million × 1e6: inputs have ≤ 6 decimals, whole dollars exact
    return long.dropna(subset=["iso3"]).drop(columns="text").reset_index(drop=True)


def year_columns(table: pd.DataFrame, path: Path, pattern: re.Pattern = YEAR_COLUMN) -> list[str]:
    columns = [column for column in table.columns if pattern.match(column)]
    if not columns:
        raise DataValidationError(path, 1, None, "no year columns (e.g. '2013') in the header")
    return columns


def indicator_rows(long: pd.DataFrame, indicator: str, source: str) -> pd.DataFrame:
    """melt_columns output with year columns → indicator rows."""
    long = long.copy()
    long["year"] = long["raw_column"].str[:4].astype(int)
    long["indicator"] = indicator
    long["source"] = source
    return long[INDICATOR_KEY + ["value"] + ORIGIN]


def round_significant(values: pd.Series, digits: int = DERIVED_DIGITS) -> pd.Series:
    return values.map(lambda x: float(f"{x:.{digits}g}"))


def fault_at_origin(frame: pd.DataFrame, mask: pd.Series, problem) -> None:
    """Raise for the first flagged row of a long frame, naming the raw cell it came from."""
    if mask.any():
        row = frame[mask].iloc[0]
        raise DataValidationError(row["raw_file"], int(row["raw_row"]), row["raw_column"], problem(row))


# ---------------------------------------------------------------------------------------------------------------
# Indicator readers
# ---------------------------------------------------------------------------------------------------------------
def read_wdi_wide(raw_dir: Path, codes: CountryCodes, relative: str, indicator: str, source: str) -> pd.DataFrame:
    """A WDI download as published: Country Name, Country Code, Indicator Name, Indicator Code, 1960 … 2022."""
    table, path = raw_table(raw_dir, relative, ["Country Code", "Indicator Code"])
    fail_at(table["Indicator Code"] != indicator, table, path, "Indicator Code",
            lambda value: f"expected indicator {indicator}, found '{value}'")
    check_unique(table, path, ["Country Code"])
    iso3 = codes.resolve(table, path, "Country Code", skip=catalog.WB_NOT_CLASSIFIED)
    return indicator_rows(melt_columns(table, path, iso3, year_columns(table, path)), indicator, source)


def read_long(raw_dir: Path, codes: CountryCodes, relative: str, *, code: str, year: str, value: str,
              indicator: str | dict[str, str], source: str, key: str | None = None) -> pd.DataFrame:
    """A long file (code, [key,] year, value) → indicator rows. `indicator` is one id, or a map from the `key`
    column's values to ids (rows with other values are not used)."""
    table, path = raw_table(raw_dir, relative, [code, year, value] + ([key] if key else []))
    if key:
        table = table[table[key].isin(list(indicator))]
    check_unique(table, path, [code, year] + ([key] if key else []))
    long = pd.DataFrame({
        "iso3": codes.resolve(table, path, code),
        "year": check_year_range(parse_integers(table, path, year), table, path, year),
        "value": parse_numbers(table, path, value),
        "indicator": table[key].map(indicator) if key else indicator,
    }).dropna(subset=["value"])
    long = with_origin(long, path, long.index, value).assign(source=source)
    return long[INDICATOR_KEY + ["value"] + ORIGIN].reset_index(drop=True)


def read_gdidata(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    """gdidata wdi table (iso3, var, indicator_code, year, value): only the WDI variables we use."""
    table, path = raw_table(raw_dir, catalog.GDIDATA_WDI, ["var", "indicator_code"])
    used = table[table["var"].isin(list(catalog.GDIDATA_VARIABLES))]
    fail_at(used["indicator_code"] != used["var"].map(catalog.GDIDATA_VARIABLES), used, path, "indicator_code",
            lambda value: f"indicator code '{value}' does not match the variable")
    return read_long(raw_dir, codes, catalog.GDIDATA_WDI, code="iso3", year="year", value="value", key="var",
                     indicator=catalog.GDIDATA_VARIABLES, source="wdi_2025_02")


def read_remittance_panel(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    return read_long(raw_dir, codes, catalog.WDI_REMIT_PANEL, code="iso3c", year="year", value="remit_gdp",
                     indicator="BX.TRF.PWKR.DT.GD.ZS", source="wdi_panel_2025")


def read_panel_russia(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    """Russia's GDP growth and rouble depreciation, which the remittance panel repeats on each country's row: one
    value per year, stored for Russia. Copies of a year that disagree stop the build at the first disagreeing
    row (an empty cell is no copy: Kyrgyz rows end in 2022, so 2023–2024 come from the other countries' rows)."""
    columns = catalog.PANEL_RUSSIA_COLUMNS
    table, path = raw_table(raw_dir, catalog.WDI_REMIT_PANEL, ["iso3c", "year", *columns])
    codes.resolve(table, path, "iso3c")
    years = check_year_range(parse_integers(table, path, "year"), table, path)
    frames = []
    for column, indicator in columns.items():
        given = pd.DataFrame({"year": years, "value": parse_numbers(table, path, column)}).dropna(subset=["value"])
        by_year = given.groupby("year", sort=True)
        first_row = given.index.to_series().groupby(given["year"]).transform("first")
        first_value = by_year["value"].transform("first")
        disagree = given["value"] != first_value
        if disagree.any():
            row = disagree.idxmax()
            raise DataValidationError(
                path, int(row), column,
                f"{format_number(given.at[row, 'value'])} for {given.at[row, 'year']} disagrees with "
                f"{format_number(first_value[row])} in row {first_row[row]} (the value is Russia's, the same on "
                "every row of a year)")
        first = given.loc[sorted(set(first_row))]
        frame = pd.DataFrame({"iso3": catalog.PANEL_RUSSIA_ISO3, "year": first["year"].to_numpy(),
                              "indicator": indicator, "value": first["value"].to_numpy(),
                              "source": "wdi_panel_2025"})
        frames.append(with_origin(frame, path, first.index, column))
    return pd.concat(frames, ignore_index=True)[INDICATOR_KEY + ["value"] + ORIGIN]


def read_population(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    return read_long(raw_dir, codes, catalog.WDI_POPULATION, code="Country Code", year="Year", value="Value",
                     indicator="SP.POP.TOTL", source="wdi_pop_datahub")


def read_knomad_flows(raw_dir: Path, codes: CountryCodes, relative: str, indicator: str) -> pd.DataFrame:
    """KNOMAD inflows/outflows: country, iso3, 2000 … 2022 in US$ million; rows without iso3 are aggregates."""
    table, path = raw_table(raw_dir, relative, ["country", "iso3"])
    iso3 = codes.resolve(table, path, "iso3", allow_blank=True)
    check_unique(table[iso3.notna()], path, ["iso3"])
    long = melt_columns(table, path, iso3, year_columns(table, path), factor=1e6)
    return indicator_rows(long, indicator, "knomad_2023_06")


def read_wdi_api(raw_dir: Path, codes: CountryCodes, source: catalog.Source) -> pd.DataFrame:
    """A file written by `python -m data.refresh`: iso3, indicator, year, value."""
    relative = source.raw_files[0]
    table, path = raw_table(raw_dir, relative, ["indicator"])
    fail_at(~table["indicator"].isin(list(catalog.REFRESH_SERIES)), table, path, "indicator",
            lambda value: f"unexpected indicator '{value}'")
    return read_long(raw_dir, codes, relative, code="iso3", year="year", value="value", key="indicator",
                     indicator={code: code for code in catalog.REFRESH_SERIES}, source=source.id)


def read_undesa_totals(raw_dir: Path, codes: CountryCodes, relative: str, code_column: str) -> pd.DataFrame:
    """UN DESA totals by destination or origin: code, year, total, male, female (total = male + female)."""
    table, path = raw_table(raw_dir, relative, [code_column, "year", "total", "male", "female"])
    table = table.assign(iso3=codes.resolve(table, path, code_column, aliases=catalog.UNDESA_CODE_ALIASES))
    check_unique(table, path, ["iso3", "year"])
    years = parse_integers(table, path, "year")
    check_year_range(years, table, path)
    counts = {column: parse_numbers(table, path, column, required=True) for column in ("total", "male", "female")}
    check_sex_sum(table, path, counts)
    frame = pd.DataFrame({"iso3": table["iso3"], "year": years, **counts})
    return with_origin(frame, path, frame.index, "total").reset_index(drop=True)


def check_sex_sum(table: pd.DataFrame, path: Path, counts: dict[str, pd.Series]) -> None:
    fail_at(counts["total"] != counts["male"] + counts["female"], table, path, "total",
            lambda value: f"total {value} is not male + female")


def read_unhcr_totals(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    columns = {"refugees_hosted_by_country_of_asylum": "SM.POP.REFG", "refugees_by_country_of_origin": "SM.POP.REFG.OR"}
    table, path = raw_table(raw_dir, catalog.UNHCR_TOTALS, ["iso3", "year", *columns])
    check_unique(table, path, ["iso3", "year"])
    iso3 = codes.resolve(table, path, "iso3", skip=catalog.UNHCR_PSEUDO_ORIGINS)
    years = parse_integers(table, path, "year")
    check_year_range(years, table, path)
    frames = []
    for column, indicator in columns.items():
        long = pd.DataFrame({"iso3": iso3, "year": years, "value": parse_numbers(table, path, column)})
        long = long.dropna(subset=["iso3", "value"])
        frames.append(with_origin(long, path, long.index, column).assign(indicator=indicator, source="unhcr_2024"))
    return pd.concat(frames, ignore_index=True)[INDICATOR_KEY + ["value"] + ORIGIN]


# ---------------------------------------------------------------------------------------------------------------
# Newer World Bank releases (added 2026-11-29)
# ---------------------------------------------------------------------------------------------------------------
def read_wdi_bulk(raw_dir: Path, codes: CountryCodes, relative: str, indicator: str, source: str,
                  vintage: str) -> pd.DataFrame:
    """A World Bank API bulk CSV as published: 'Data Source' and 'Last Updated Date' lines, then the wide table.
    The date line must name the catalog's vintage (a newer download is a new source, not a silent update)."""
    path = raw_dir / relative
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    except FileNotFoundError:
        raise DataValidationError(path, None, None, "file not found") from None
    header_at = next((i for i, line in enumerate(lines[:10]) if line.startswith('"Country Name"')), None)
    if header_at is None:
        raise DataValidationError(path, 1, None, "no 'Country Name' header line in the first 10 lines")
    updated = next((line for line in lines[:header_at] if line.startswith('"Last Updated Date"')), "")
    if f'"{vintage}"' not in updated:
        raise DataValidationError(path, None, "Last Updated Date",
                                  f"expected release {vintage}, found {updated.strip() or 'no date line'}")
    table = pd.read_csv(io.StringIO("".join(lines[header_at:])), dtype=str, keep_default_na=False)
    table = table.loc[:, ~table.columns.str.startswith("Unnamed")]  # the trailing comma of every line
    table.index = pd.RangeIndex(header_at + 2, header_at + 2 + len(table))  # file line numbers
    require_columns(table, path, ["Country Code", "Indicator Code"])
    fail_at(table["Indicator Code"] != indicator, table, path, "Indicator Code",
            lambda value: f"expected indicator {indicator}, found '{value}'")
    check_unique(table, path, ["Country Code"])
    iso3 = codes.resolve(table, path, "Country Code", skip=catalog.WB_NOT_CLASSIFIED)
    rows = indicator_rows(melt_columns(table, path, iso3, year_columns(table, path)), indicator, source)
    # The release's 2024 aggregates are incomplete (see the source's caveats): not stored.
    aggregate = rows["iso3"].map(codes.world_bank["Region"].to_dict()).fillna("x") == ""
    return rows[~(aggregate & (rows["year"] >= 2024))].reset_index(drop=True)


def read_wdi_ddf(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    table, path = raw_table(raw_dir, catalog.WDI_DDF_EXTRACT, ["indicator_code"])
    fail_at(~table["indicator_code"].isin(list(catalog.WDI_DDF_SERIES)), table, path, "indicator_code",
            lambda value: f"unexpected indicator '{value}'")
    return read_long(raw_dir, codes, catalog.WDI_DDF_EXTRACT, code="iso3", year="year", value="value",
                     key="indicator_code", indicator={code: code for code in catalog.WDI_DDF_SERIES},
                     source="wdi_ddf_2026")


def read_knomad_data360(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    """Data360 WB_KNOMAD: one row per economy, indicator and year; 0.0 = no data; OBS_STATUS E = estimate."""
    columns = ["REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT", "OBS_STATUS"]
    table, path = raw_table(raw_dir, catalog.KNOMAD_DATA360, columns)
    fail_at(~table["INDICATOR"].isin(list(catalog.KNOMAD_DATA360_INDICATORS)), table, path, "INDICATOR",
            lambda value: f"unexpected indicator '{value}'")
    fail_at(table["UNIT_MULT"] != "6", table, path, "UNIT_MULT", lambda value: f"expected 6 (millions), found '{value}'")
    fail_at(~table["OBS_STATUS"].isin(["A", "E"]), table, path, "OBS_STATUS",
            lambda value: f"unexpected status '{value}' (A normal, E estimate)")
    check_unique(table, path, ["REF_AREA", "INDICATOR", "TIME_PERIOD"])
    values = parse_numbers(table, path, "OBS_VALUE", required=True)
    long = pd.DataFrame({
        "iso3": codes.resolve(table, path, "REF_AREA"),
        "year": check_year_range(parse_integers(table, path, "TIME_PERIOD"), table, path, "TIME_PERIOD"),
        "indicator": table["INDICATOR"].map(catalog.KNOMAD_DATA360_INDICATORS),
        "value": (values * 1e6).round(0),
        "source": np.where(table["OBS_STATUS"] == "E", "knomad_data360_2025_12_estimate", "knomad_data360_2025_12"),
    })
    long = with_origin(long, path, long.index, "OBS_VALUE")
    return long[values != 0][INDICATOR_KEY + ["value"] + ORIGIN].reset_index(drop=True)


def read_sheet(path: Path, sheet: str) -> list[tuple]:
    """The cell values of one worksheet (row 1 first), read without formulas' recalculation."""
    import openpyxl  # only the build needs it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise DataValidationError(path, None, None, "file not found") from None
    except Exception as error:  # a damaged or non-XLSX file
        raise DataValidationError(path, None, None, f"not a readable XLSX workbook ({error})") from None
    if sheet not in book.sheetnames:
        raise DataValidationError(path, None, None, f"sheet '{sheet}' not found (has {book.sheetnames})")
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    return rows


def knomad_code(name, codes: CountryCodes, path: Path, row: int, column: str) -> str | None:
    """A KNOMAD country name → code (None for aggregates and footnotes); unknown names stop the build."""
    if name is None or not str(name).strip():
        return None
    name = str(name)
    if name in catalog.KNOMAD_NOT_COUNTRIES:
        return None
    if name in catalog.KNOMAD_NAME_CODES:
        return catalog.KNOMAD_NAME_CODES[name]
    code = codes.by_name.get(name)
    if code is None:
        raise DataValidationError(path, row, column, f"country name '{name}' is not in the World Bank list; add "
                                  "it to data/catalog.py KNOMAD_NAME_CODES")
    return code


def excel_number(value, path: Path, row: int, column: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DataValidationError(path, row, column, f"'{value}' is not a number")
    return float(value)


def read_knomad_brief39(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    """KNOMAD December 2023 workbook: 2000–2022 (knomad_2023_12), '2023e' and '% of GDP in 2023'
    (knomad_2023_12_estimate). Country rows end at the first empty name; the footnotes below are not read."""
    path = raw_dir / catalog.KNOMAD_BRIEF39
    rows = read_sheet(path, catalog.KNOMAD_BRIEF39_SHEET)
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    if "2023e" not in header or "% of GDP in 2023" not in header:
        raise DataValidationError(path, 1, None, "columns '2023e' and '% of GDP in 2023' expected")
    years = {i: int(name) for i, name in enumerate(header) if YEAR_COLUMN.match(name)}
    estimates = {header.index("2023e"): ("BX.TRF.PWKR.CD.DT", 1e6),
                 header.index("% of GDP in 2023"): ("BX.TRF.PWKR.DT.GD.ZS", 1.0)}
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        if cells[0] is None:
            break  # end of the country rows
        code = knomad_code(cells[0], codes, path, number, header[0])
        if code is None:
            continue
        for i, year in years.items():
            value = excel_number(cells[i], path, number, header[i])
            if value:  # 0 = not reported
                records.append((code, year, "BX.TRF.PWKR.CD.DT", round(value * 1e6), "knomad_2023_12",
                                str(path), number, header[i]))
        for i, (indicator, factor) in estimates.items():
            value = excel_number(cells[i], path, number, header[i])
            if value:
                records.append((code, 2023, indicator, round(value * factor) if factor != 1.0 else value,
                                "knomad_2023_12_estimate", str(path), number, header[i]))
    frame = pd.DataFrame.from_records(records, columns=INDICATOR_KEY[:3] + ["value", "source"] + ORIGIN)
    frame["value"] = frame["value"].astype(float)
    check_rows_unique(frame)
    return frame[INDICATOR_KEY + ["value"] + ORIGIN]


def check_rows_unique(frame: pd.DataFrame) -> None:
    duplicated = frame.duplicated(INDICATOR_KEY, keep="first")
    fault_at_origin(frame, duplicated, lambda row: f"{row['iso3']} appears twice (another name for the same code)")


def read_knomad_bilateral_2021(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    """The 2021 matrix: sending countries down (column A), receiving across (row 2); cells > 0 are corridors
    receiving (origin) ← sending (destination)."""
    path = raw_dir / catalog.KNOMAD_BILATERAL_2021
    rows = read_sheet(path, catalog.KNOMAD_BILATERAL_2021_SHEET)
    header = rows[1]
    receivers = {i: knomad_code(name, codes, path, 2, get_column_letter(i + 1))
                 for i, name in enumerate(header) if i > 0}
    if len(set(filter(None, receivers.values()))) != len([c for c in receivers.values() if c]):
        raise DataValidationError(path, 2, None, "a receiving country appears twice")
    records = []
    for number, cells in enumerate(rows[2:], start=3):
        if cells[0] is None:
            break  # end of the matrix; notes follow
        sender = knomad_code(cells[0], codes, path, number, "A")
        if sender is None:
            continue
        for i, receiver in receivers.items():
            if receiver is None or i >= len(cells):
                continue
            value = excel_number(cells[i], path, number, f"{get_column_letter(i + 1)} ({header[i]})")
            if value:
                if value < 0:
                    raise DataValidationError(path, number, f"{get_column_letter(i + 1)} ({header[i]})",
                                              f"{value} is negative")
                records.append((receiver, sender, round(value * 1e6), number, f"{get_column_letter(i + 1)} ({header[i]})"))
    frame = pd.DataFrame.from_records(records, columns=["origin", "destination", "value", "raw_row", "raw_column"])
    return corridor_frame(frame["origin"], frame["destination"], np.full(len(frame), 2021), ["2021"] * len(frame),
                          "remittances_usd", frame["value"], "knomad_bilateral_2021", path, frame["raw_row"],
                          frame["raw_column"].to_numpy())


def get_column_letter(index: int) -> str:
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_rpw_thirdparty(raw_dir: Path, codes: CountryCodes, official: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Third-party quarterly averages of RPW quotes, kept only for corridors the official extract has and that
    equal it (within the catalog's tolerance) in every quarter of the overlap: a check of the derivation."""
    columns = ["period", "source_code", "destination_code", "avg_cost_pct_200usd"]
    table, path = raw_table(raw_dir, catalog.RPW_THIRDPARTY, columns)
    check_unique(table, path, ["period", "source_code", "destination_code"])
    periods = table["period"].str.replace(r"^(\d{4})_([1-4])Q$", r"\1Q\2", regex=True)
    fail_at(~periods.str.fullmatch(r"\d{4}Q[1-4]"), table, path, "period",
            lambda value: f"'{value}' is not a quarter like 2016_2Q")
    official = official[official["source"] == "rpw_2020_12"]
    official_pairs = set(zip(official["origin"], official["destination"]))
    pair = list(zip(table["destination_code"], table["source_code"]))  # origin = receiver, destination = sender
    keep = pd.Series([p in official_pairs for p in pair], index=table.index)
    keep &= table["source_code"].isin(catalog.RPW_THIRDPARTY_SENDERS)
    table, periods = table[keep], periods[keep]
    frame = corridor_frame(codes.resolve(table, path, "destination_code"), codes.resolve(table, path, "source_code"),
                           periods.str[:4].astype(int), periods, "cost_pct",
                           parse_numbers(table, path, "avg_cost_pct_200usd", required=True), "rpw_2025_q1_derived",
                           path, table.index, "avg_cost_pct_200usd")
    start, end = catalog.RPW_OVERLAP
    overlap = frame[(frame["period"] >= start) & (frame["period"] <= end)]
    both = overlap.merge(official[["origin", "destination", "period", "value"]],
                         on=["origin", "destination", "period"], suffixes=("", "_official"), how="left")
    differs = (both["value"] - both["value_official"]).abs() > catalog.RPW_MATCH_TOLERANCE
    differs |= both["value_official"].isna()
    bad = set(zip(both.loc[differs, "origin"], both.loc[differs, "destination"]))
    verified = set(zip(both["origin"], both["destination"])) - bad  # at least one overlapping quarter, all equal
    matched = frame[[p in verified for p in zip(frame["origin"], frame["destination"])]]
    stats = {"third-party RPW corridors matching the official averages": len(verified),
             "third-party RPW corridors not used (differ from the official averages)": len(bad)}
    return matched.reset_index(drop=True), stats


# ---------------------------------------------------------------------------------------------------------------
# Derived indicators
# ---------------------------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------------------------
# Corridors
# ---------------------------------------------------------------------------------------------------------------
def corridor_frame(origin, destination, years, periods, measure, values, source, path, rows, column):
    frame = pd.DataFrame({"origin": np.asarray(origin), "destination": np.asarray(destination),
                          "year": np.asarray(years, dtype=int), "period": np.asarray(periods, dtype=object),
                          "measure": measure, "value": np.asarray(values, dtype=float), "source": source})
    return with_origin(frame, path, rows, column)


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


# ---------------------------------------------------------------------------------------------------------------
# Countries, key figures, metadata
# ---------------------------------------------------------------------------------------------------------------
def read_groups(raw_dir: Path, codes: CountryCodes) -> dict[str, list[str]]:
    """country_groups.csv → {iso3: [group ids]}, with roles split where the catalog says so."""
    table, path = raw_table(raw_dir, catalog.IOM_COUNTRY_GROUPS, ["group_id", "member_iso3", "role"])
    check_unique(table, path, ["group_id", "member_iso3"])
    iso3 = codes.resolve(table, path, "member_iso3")
    splits = table["group_id"].map(catalog.GROUP_ROLE_SPLITS)
    group_ids = []
    for row, group, role, split in zip(table.index, table["group_id"], table["role"], splits):
        if isinstance(split, dict) and role not in split:
            raise DataValidationError(path, row, "role", f"role '{role}' of group {group} has no group id")
        group_ids.append(split[role] if isinstance(split, dict) else group)
    memberships: dict[str, list[str]] = {}
    for code, group in zip(iso3, group_ids):
        memberships.setdefault(code, []).append(group)
    return memberships


def read_capitals(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    """One capital per country: the catalog's seat where named, else the single row or the single primary
    ('Admin-0 capital', not '… alt') capital Natural Earth lists."""
    table, path = raw_table(raw_dir, catalog.NE_CAPITALS, ["name", "nameascii", "featurecla", "adm0_a3",
                                                         "latitude", "longitude"])
    table = table.assign(iso3=codes.resolve(table, path, "adm0_a3", skip=catalog.NE_NOT_COUNTRIES,
                                            aliases=catalog.NE_CODE_ALIASES),
                         lat=parse_numbers(table, path, "latitude", required=True),
                         lon=parse_numbers(table, path, "longitude", required=True)).dropna(subset=["iso3"])
    chosen = []
    for iso3, candidates in table.groupby("iso3", sort=True):
        seat = catalog.CAPITAL_SEATS.get(iso3)
        if seat:
            candidates = candidates[(candidates["name"] == seat) | (candidates["nameascii"] == seat)]
            if candidates.empty:
                raise DataValidationError(path, None, "name", f"the seat {seat} of {iso3} is not in the file")
        elif len(candidates) > 1:
            candidates = candidates[candidates["featurecla"] != "Admin-0 capital alt"]
        if len(candidates) != 1:
            raise DataValidationError(path, int(candidates.index[-1]), "name",
                                      f"{iso3} has {len(candidates)} primary capitals; name its seat in "
                                      "data/catalog.py CAPITAL_SEATS")
        chosen.append(candidates.iloc[0])
    capitals = pd.DataFrame(chosen).set_index("iso3")
    return capitals[["name", "lat", "lon"]].rename(columns={"name": "capital", "lat": "capital_lat",
                                                            "lon": "capital_lon"})


def build_countries(raw_dir: Path, codes: CountryCodes, used: set[str]) -> pd.DataFrame:
    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    world_bank = codes.world_bank
    memberships = read_groups(raw_dir, codes)
    capitals = read_capitals(raw_dir, codes)
    rows = []
    for iso3 in sorted(set(world_bank.index) | used | set(memberships)):
        iso = pycountry.countries.get(alpha_3=iso3)
        if iso3 in world_bank.index:
            info = world_bank.loc[iso3]
            name_en, region, income = info["TableName"], info["Region"], info["IncomeGroup"]
            kind = "aggregate" if region == "" else "country"
        else:
            name_en = ""
            region = income = ""
            kind = "country"
        if kind == "country":
            # UN M49 names, not the World Bank's ("Kyrgyzstan", not "Kyrgyz Republic"): pycountry's ISO name where
            # M49 agrees, else the override (data/country_names.py).
            name_en = country_names.name_en(iso3, iso.name if iso else "")
            if not name_en:
                raise DataValidationError(Path(country_names.__file__), None, "NAME_EN_OVERRIDES",
                                          f"no UN English name for {iso3}: add it with its UN source")
        # pycountry's Russian translates the common name where ISO has one ("Moldova") or else the ISO name.
        english = (getattr(iso, "common_name", None) or iso.name) if iso and kind == "country" else ""
        translated = russian.gettext(english) if english else ""
        name_ru = country_names.name_ru(iso3, translated if translated != english else "")
        if not name_ru:
            raise DataValidationError(Path(country_names.__file__), None, "NAME_RU_OVERRIDES",
                                      f"no Russian name for {iso3} ({name_en}): add it with its UN source")
        capital = capitals.loc[iso3] if kind == "country" and iso3 in capitals.index else None
        capital_en = country_names.capital_en(iso3, capital["capital"]) if capital is not None else ""
        if capital_en and iso3 not in country_names.CAPITALS_RU:
            raise DataValidationError(Path(country_names.__file__), None, "CAPITALS_RU",
                                      f"no Russian name for the capital of {iso3} ({capital_en})")
        for value, table in ((region, country_names.REGIONS_RU), (income, country_names.INCOME_GROUPS_RU)):
            if value and value not in table:
                raise DataValidationError(Path(country_names.__file__), None, None, f"no Russian for '{value}'")
        rows.append({
            "iso3": iso3, "name_en": name_en, "name_ru": name_ru,
            "kind": kind, "wb_region": region, "income_group": income,
            "groups": ";".join(memberships.get(iso3, [])),
            "capital": capital_en,
            "capital_lat": capital["capital_lat"] if capital is not None else math.nan,
            "capital_lon": capital["capital_lon"] if capital is not None else math.nan,
            "capital_ru": country_names.CAPITALS_RU[iso3] if capital_en else "",
            "wb_region_ru": country_names.REGIONS_RU.get(region, ""),
            "income_group_ru": country_names.INCOME_GROUPS_RU.get(income, ""),
        })
    return pd.DataFrame(rows, columns=TABLE_COLUMNS["countries"])


def read_key_figures(raw_dir: Path, codes: CountryCodes) -> tuple[pd.DataFrame, Path]:
    columns = TABLE_COLUMNS["key_figures"][:9]
    table, path = raw_table(raw_dir, catalog.IOM_KEY_FIGURES, columns)
    check_unique(table, path, ["figure_id"])
    regions = {code: code for code in catalog.KEY_FIGURE_REGIONS}
    codes.resolve(table, path, "country_iso3", skip=regions)
    parse_numbers(table, path, "value", required=True)
    check_year_range(parse_integers(table, path, "year", required=False), table, path)
    return table[columns], path


def nearest_year(years: list[int], target) -> int | None:
    """The available year closest to the figure's (ties: the earlier one)."""
    if not years or pd.isna(target):
        return None
    return min(years, key=lambda year: (abs(year - int(target)), year))


def add_comparisons(figures: pd.DataFrame, indicators: pd.DataFrame, corridors: pd.DataFrame,
                    priorities: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Name the curated series each strategy figure can be compared with, at the nearest year with data."""
    columns = {"compare_table": [], "compare_indicator": [], "compare_iso3": [], "compare_destination": [],
               "compare_year": []}
    for figure_id, iso3, year in zip(figures["figure_id"], figures["country_iso3"], figures["year"]):
        comparison = catalog.KEY_FIGURE_COMPARISONS.get(figure_id)
        if comparison is None:
            for values in columns.values():
                values.append("")
            continue
        priority = priorities[comparison.indicator]
        if comparison.table == "indicators":
            rows = indicators[(indicators["indicator"] == comparison.indicator) & (indicators["iso3"] == iso3)]
            rows = pick_series(rows, priority)
        else:
            rows = corridors[(corridors["measure"] == comparison.indicator) & (corridors["origin"] == iso3)
                             & (corridors["destination"] == comparison.destination)
                             & (corridors["source"] == priority[0])]
        compare_year = nearest_year(sorted(set(rows["year"])), int(year) if year else None)
        columns["compare_table"].append(comparison.table)
        columns["compare_indicator"].append(comparison.indicator)
        columns["compare_iso3"].append(iso3)
        columns["compare_destination"].append(comparison.destination)
        columns["compare_year"].append("" if compare_year is None else str(compare_year))
    return figures.assign(**columns)


def russian(text: str, what: str, required: bool = True) -> str:
    """The Russian of a metadata text from the `metadata` catalogue; a missing one stops the build."""
    try:
        return metadata_i18n.translate(text, "ru", what=what, required=required)
    except metadata_i18n.MissingTranslation as error:
        raise DataValidationError(metadata_i18n.po_path("ru"), None, None,
                                  f"{error}; add it (python -m data.metadata_i18n, then translate)") from None


def meta_tables(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    def number(value):
        return math.nan if value is None else value

    indicators = pd.DataFrame([{
        "indicator": item.id, "table": item.table, "name_key": item.name_key, "name_en": item.name_en,
        "name_ru": russian(item.name_en, f"the name of indicator {item.id}"), "unit": item.unit,
        "value_min": number(item.value_min), "value_max": number(item.value_max),
        "definition": item.definition, "source_priority": ";".join(item.source_priority), "caveats": item.caveats,
        "unit_ru": russian(item.unit, f"the unit of indicator {item.id}"),
        "definition_ru": russian(item.definition, f"the definition of indicator {item.id}"),
        "caveats_ru": russian(item.caveats, f"the caveats of indicator {item.id}"),
        "plausibility": item.plausibility, "not_reported": ";".join(item.not_reported),
    } for item in catalog.indicators(raw_dir)], columns=TABLE_COLUMNS["meta_indicators"])
    sources = pd.DataFrame([{
        "source": s.id, "publisher": s.publisher, "title": s.title, "vintage": s.vintage, "licence": s.licence,
        "url": s.url, "citation": s.citation, "caveats": s.caveats, "derived_from": ";".join(s.derived_from),
        "method": s.method, "raw_files": ";".join(s.raw_files), "kind": s.kind,
        **{f"{field}_ru": russian(getattr(s, field), f"the {field} of source {s.id}",
                                  required=field not in metadata_i18n.OPTIONAL_FIELDS)
           for field in metadata_i18n.SOURCE_FIELDS},
    } for s in catalog.sources(raw_dir)], columns=TABLE_COLUMNS["meta_sources"])
    return indicators, sources


def statements_ru(figures: pd.DataFrame) -> pd.DataFrame:
    return figures.assign(statement_ru=[russian(text, f"the statement of key figure {figure}")
                                        for figure, text in zip(figures["figure_id"], figures["statement"])])


# ---------------------------------------------------------------------------------------------------------------
# Build and write
# ---------------------------------------------------------------------------------------------------------------
def build_tables(raw_dir: Path, exceptions_file: Path = plausibility.EXCEPTIONS_FILE
                 ) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    codes = CountryCodes(raw_dir)
    key_figures, key_figures_path = read_key_figures(raw_dir, codes)
    indicators, indicator_stats = build_indicators(raw_dir, codes)
    corridors, corridor_stats = build_corridors(raw_dir, codes, key_figures, key_figures_path)
    plausibility.check_all(indicators, corridors, plausibility.read_exceptions(exceptions_file))
    totals = {indicator: indicators[(indicators["indicator"] == indicator) & (indicators["source"] == "undesa_ims_2024")]
              .assign(total=lambda frame: frame["value"]) for indicator in ("SM.POP.TOTL", "CAMR.EMIG.TOTL")}
    undesa_2020_totals(raw_dir, codes, totals["SM.POP.TOTL"], totals["CAMR.EMIG.TOTL"], check=True)
    meta_indicators, meta_sources = meta_tables(raw_dir)
    priorities = {item.id: item.source_priority for item in catalog.indicators(raw_dir)}
    used = set(indicators["iso3"]) | set(corridors["origin"]) | set(corridors["destination"])
    tables = {
        "indicators": indicators[TABLE_COLUMNS["indicators"]].sort_values(INDICATOR_KEY, ignore_index=True),
        "corridors": corridors[TABLE_COLUMNS["corridors"]].sort_values(
            ["origin", "destination", "year", "period", "measure", "source"], ignore_index=True),
        "meta_indicators": meta_indicators,
        "meta_sources": meta_sources,
        "countries": build_countries(raw_dir, codes, used),
        "key_figures": statements_ru(add_comparisons(key_figures, indicators, corridors, priorities)),
    }
    return tables, {**indicator_stats, **corridor_stats}


def to_csv_text(table: pd.DataFrame) -> str:
    """CSV text with numbers in their shortest exact form (byte-identical for identical data)."""
    columns = []
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_float_dtype(values):
            columns.append(format_numbers(values))
        elif pd.api.types.is_integer_dtype(values):
            columns.append(values.astype(str).tolist())
        elif values.isna().any():
            columns.append([format_number(value) for value in values])
        else:
            columns.append(values.astype(str).tolist())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(zip(*columns))
    return buffer.getvalue()


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[str]:
    """Write to a temporary folder, validate as the app would load it, then move changed files into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        for name, table in tables.items():
            (staging / f"{name}.csv").write_text(to_csv_text(table), encoding="utf-8", newline="")
        try:
            load_curated(staging)
        except DataValidationError as error:
            raise DataValidationError(out_dir / error.path.name, error.row, error.column,
                                      f"{error.problem} (in the newly built table; nothing was written)") from None
        manifest = {"written_by": "python -m data.build",
                    "files": manifest_entries(staging, tables)}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        changed = []
        for name in [*(f"{name}.csv" for name in tables), MANIFEST]:  # the manifest last: it vouches for the rest
            new, target = staging / name, out_dir / name
            if not target.exists() or target.read_bytes() != new.read_bytes():
                os.replace(new, target)
                changed.append(target.name)
        return changed
    finally:
        shutil.rmtree(staging, ignore_errors=True)


LOST_ROW_KEYS = {"indicators": ["source", "indicator", "iso3", "year"],
                 "corridors": ["source", "measure", "origin", "destination", "period"]}


def check_lost_rows(tables: dict[str, pd.DataFrame], out_dir: Path, raw_dir: Path) -> None:
    """A raw file that lost rows the committed curated data has is refused, naming the raw file and what went
    missing (a deleted corridor, a cut year). Intended removals are accepted with --accept-lost-rows."""
    files = {s.id: s.raw_files for s in catalog.sources(raw_dir)}
    for name, key in LOST_ROW_KEYS.items():
        path = out_dir / f"{name}.csv"
        if not path.exists():
            continue
        old = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=key)[key]
        new = tables[name][key].astype(str)
        if name == "indicators":
            new = new.assign(year=tables[name]["year"].astype(int).astype(str))
        old_keys = pd.MultiIndex.from_frame(old)
        lost = old[~old_keys.isin(pd.MultiIndex.from_frame(new))]
        lost = lost[lost["source"].isin(files)]  # a source dropped from the catalog is a decision, not a loss
        if lost.empty:
            continue
        first = lost.iloc[0]
        raw = raw_file_of(first, files, name)
        what = ", ".join(f"{k}={first[k]}" for k in key[1:])
        raise DataValidationError(raw_dir / raw, None, None,
                                  f"{len(lost)} row(s) of {first['source']} that data/curated/{name}.csv has are "
                                  f"missing from the raw file, e.g. {what}; if the removal is intended, build with "
                                  "--accept-lost-rows")


def raw_file_of(row: pd.Series, files: dict[str, tuple[str, ...]], table: str) -> str:
    """The raw file a curated row comes from (the source's file for its indicator where it has several)."""
    candidates = files[row["source"]]
    if table == "indicators" and row["source"] == "wdi_2023_05":
        return catalog.WDI_2023_FILES.get(row["indicator"], candidates[0])
    return candidates[0] if candidates else "?"


def check_coverage(tables: dict[str, pd.DataFrame], raw_dir: Path) -> None:
    """Each source's expected coverage (data/catalog.py EXPECTED_COVERAGE) must be there."""
    files = {s.id: s.raw_files for s in catalog.sources(raw_dir)}
    for expected in catalog.EXPECTED_COVERAGE:
        table = tables[expected.table]
        id_column = "indicator" if expected.table == "indicators" else "measure"
        rows = table[(table["source"] == expected.source) & (table[id_column] == expected.measure)]
        code = "iso3" if expected.table == "indicators" else "origin"
        present = set(zip(rows[code].astype(str), rows["destination"].astype(str) if code == "origin"
                          else [""] * len(rows), rows["year"].astype(int)))
        for iso3 in expected.countries:
            for year in expected.years:
                if (iso3, expected.destination, year) not in present:
                    raw = raw_file_of(pd.Series({"source": expected.source, "indicator": expected.measure}), files,
                                      expected.table)
                    pair = f"{iso3}" + (f"→{expected.destination}" if expected.destination else "")
                    raise DataValidationError(raw_dir / raw, None, None,
                                              f"expected coverage missing: {expected.measure} {pair} {year} "
                                              f"({expected.source}); the raw file lost rows or columns")


def build(raw_dir: Path = RAW_DIR, out_dir: Path = CURATED_DIR, *,
          accept_lost_rows: bool = False) -> tuple[list[str], dict[str, int]]:
    """Raw → curated. Returns the names of the files that changed and a few counts. Raises DataValidationError."""
    tables, stats = build_tables(Path(raw_dir))
    check_coverage(tables, Path(raw_dir))
    if not accept_lost_rows:
        check_lost_rows(tables, Path(out_dir), Path(raw_dir))
    changed = write_tables(tables, Path(out_dir))
    stats.update({f"{name} rows": len(table) for name, table in tables.items()})
    return changed, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.build", description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path, default=RAW_DIR)
    parser.add_argument("--out-dir", type=Path, default=CURATED_DIR)
    parser.add_argument("--accept-lost-rows", action="store_true",
                        help="accept that rows the committed curated files have are gone (an intended removal)")
    args = parser.parse_args(argv)
    try:
        changed, stats = build(args.raw_dir, args.out_dir, accept_lost_rows=args.accept_lost_rows)
    except DataValidationError as error:
        print(f"Build stopped, curated files unchanged: {error}", file=sys.stderr)
        return 1
    for name, count in stats.items():
        print(f"{name}: {count}")
    print("Changed: " + (", ".join(changed) if changed else "nothing (curated files already up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
