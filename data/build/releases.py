"""Readers of the newer World Bank releases (added 2026-11-29): the WDI bulk and DDF files, KNOMAD's Data360 and
Brief 39 tables, the 2021 bilateral estimates and Remittance Prices Worldwide's third-party averages."""
from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

from data import catalog
from data.build.codes import CountryCodes
from data.build.frames import (INDICATOR_KEY, ORIGIN, YEAR_COLUMN, corridor_frame, fault_at_origin, indicator_rows,
                               melt_columns, raw_table, with_origin, year_columns)
from data.build.indicators import read_long
from data.validate.errors import DataValidationError
from data.validate.read import check_unique, check_year_range, fail_at, parse_integers, parse_numbers, require_columns


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
