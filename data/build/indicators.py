"""Indicator readers: the publishers' files (World Bank, KNOMAD, UN DESA, UNHCR and others) → long indicator rows."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from data import catalog
from data.build.codes import CountryCodes
from data.build.frames import INDICATOR_KEY, ORIGIN, indicator_rows, melt_columns, raw_table, with_origin, year_columns
from data.validate.errors import DataValidationError
from data.validate.formats import format_number
from data.validate.read import check_unique, check_year_range, fail_at, parse_integers, parse_numbers


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
