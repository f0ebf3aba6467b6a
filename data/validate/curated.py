"""The curated tables read and validated as the app loads them: every column, value and cross-table reference."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.catalog import KEY_FIGURE_REGIONS, SOURCE_KINDS, UNITS
from data.validate.errors import DataValidationError
from data.validate.read import (check_bounds, check_member, check_unique, check_year_range, fail_at, parse_integers,
                                parse_numbers, read_csv_strict, require_exact_columns)
from data.validate.schema import (CATEGORY_COLUMNS, CODE, NUMBER_COLUMNS, PERIOD, SLUG, TABLE_COLUMNS, TABLE_ORDER,
                                  TRANSLATED_COLUMNS)


def split_list(cell: str) -> list[str]:
    return [part for part in cell.split(";") if part]


def load_curated(directory: Path) -> dict[str, pd.DataFrame]:
    """Read and validate every curated table; raises DataValidationError. Returns typed frames."""
    directory = Path(directory)
    tables, paths = {}, {}
    for name in TABLE_ORDER:
        paths[name] = directory / f"{name}.csv"
        table = read_csv_strict(paths[name], categories=CATEGORY_COLUMNS.get(name, ()),
                                numbers=NUMBER_COLUMNS.get(name, ()))
        require_exact_columns(table, paths[name], TABLE_COLUMNS[name])
        tables[name] = table
    _validate(tables, paths)
    return tables


def check_translated(tables: dict[str, pd.DataFrame], paths: dict[str, Path]) -> None:
    """Every text shown on screen has its Russian."""
    for name, columns in TRANSLATED_COLUMNS.items():
        table = tables[name]
        for russian, english in columns.items():
            missing = (table[english].str.strip() != "") & (table[russian].str.strip() == "")
            if missing.any():
                row = missing.idxmax()
                raise DataValidationError(paths[name], int(row), russian,
                                          f"no Russian for the {english} “{table.at[row, english]}”")


def _validate(tables: dict[str, pd.DataFrame], paths: dict[str, Path]) -> None:
    """Type-convert in place (numbers, years) and check every rule of the curated-table contract."""
    check_translated(tables, paths)
    sources = tables["meta_sources"]
    path = paths["meta_sources"]
    fail_at(~sources["source"].str.match(SLUG), sources, path, "source", lambda v: f"source id '{v}' is not a slug")
    check_unique(sources, path, ["source"])
    for column in ("publisher", "title", "vintage", "licence", "citation"):
        fail_at(sources[column].str.strip() == "", sources, path, column, lambda v: "value is missing")
    source_ids = set(sources["source"])
    for row, cell in sources["derived_from"].items():
        for parent in split_list(cell):
            if parent not in source_ids:
                raise DataValidationError(path, row, "derived_from", f"unknown source '{parent}'")
    check_member(sources["kind"], SOURCE_KINDS, sources, path, "kind", "source kind")
    kind_of_id = np.where(sources["source"].str.endswith("_derived"), "derived",
                          np.where(sources["source"].str.endswith("_estimate"), "estimate", "release"))
    fail_at(sources["kind"] != kind_of_id, sources, path, "kind",
            lambda v: f"kind '{v}' contradicts the id (ids end in _derived or _estimate)")
    derived = sources["source"].str.endswith("_derived")
    fail_at(derived & (sources["derived_from"] == ""), sources, path, "derived_from",
            lambda v: "a derived source must name what it is derived from")

    meta = tables["meta_indicators"]
    path = paths["meta_indicators"]
    check_unique(meta, path, ["indicator"])
    fail_at(meta["name_en"].str.strip() == "", meta, path, "name_en", lambda v: "value is missing")
    check_member(meta["table"], ("indicators", "corridors"), meta, path, "table", "table")
    check_member(meta["unit"], UNITS, meta, path, "unit", "unit")
    meta["value_min"] = parse_numbers(meta, path, "value_min")
    meta["value_max"] = parse_numbers(meta, path, "value_max")
    fail_at(meta["value_min"] > meta["value_max"], meta, path, "value_max", lambda v: "value_max < value_min")
    for row, cell in meta["source_priority"].items():
        if not split_list(cell):
            raise DataValidationError(path, row, "source_priority", "value is missing")
        for source in split_list(cell):
            if source not in source_ids:
                raise DataValidationError(path, row, "source_priority", f"unknown source '{source}'")

    countries = tables["countries"]
    path = paths["countries"]
    fail_at(~countries["iso3"].str.match(CODE), countries, path, "iso3", lambda v: f"'{v}' is not a 3-letter code")
    check_unique(countries, path, ["iso3"])
    fail_at(countries["name_en"].str.strip() == "", countries, path, "name_en", lambda v: "value is missing")
    check_member(countries["kind"], ("country", "aggregate"), countries, path, "kind", "kind")
    for column, limit in (("capital_lat", 90), ("capital_lon", 180)):
        countries[column] = parse_numbers(countries, path, column)
        fail_at(countries[column].abs() > limit, countries, path, column, lambda v: f"{v} is not a coordinate")
    for row, cell in countries["groups"].items():
        for group in split_list(cell):
            if not SLUG.match(group):
                raise DataValidationError(path, row, "groups", f"group id '{group}' is not a slug")
    codes = set(countries["iso3"])
    path = paths["meta_indicators"]
    for row, cell in meta["not_reported"].items():
        for code in split_list(cell):
            if code not in codes:
                raise DataValidationError(path, row, "not_reported", f"unknown country code '{code}'")

    by_table = {kind: meta[meta["table"] == kind].set_index("indicator") for kind in ("indicators", "corridors")}
    _validate_values(tables["indicators"], paths["indicators"], ["iso3"], "indicator", by_table["indicators"],
                     codes, source_ids, key=["iso3", "year", "indicator", "source"])
    _validate_values(tables["corridors"], paths["corridors"], ["origin", "destination"], "measure",
                     by_table["corridors"], codes, source_ids,
                     key=["origin", "destination", "period", "measure", "source"])
    corridors, path = tables["corridors"], paths["corridors"]
    fail_at(corridors["origin"].astype(str) == corridors["destination"].astype(str), corridors, path,
            "destination", lambda v: "origin and destination are the same country")
    # Few distinct periods: check each label once, then compare its year with the row's.
    periods = pd.Series(corridors["period"].astype(str).unique())
    period_year = dict(zip(periods, periods.str.extract(PERIOD)[0].astype(float)))
    labels = corridors["period"].astype(str).map(period_year)
    fail_at(labels.isna(), corridors, path, "period", lambda v: f"'{v}' is not a year or quarter (2013Q2)")
    fail_at(labels != corridors["year"], corridors, path, "period",
            lambda v: f"period '{v}' does not match the year column")

    _validate_key_figures(tables["key_figures"], paths["key_figures"], meta, codes)


def _validate_values(table: pd.DataFrame, path: Path, code_columns: list[str], id_column: str,
                     meta: pd.DataFrame, codes: set[str], source_ids: set[str], key: list[str]) -> None:
    """indicators.csv and corridors.csv: references, year, value bounds and key."""
    for column in code_columns:
        check_member(table[column], codes, table, path, column, "country code (not in countries.csv)")
    check_member(table[id_column], meta.index, table, path, id_column, f"{id_column} (not in meta_indicators.csv)")
    check_member(table["source"], source_ids, table, path, "source", "source (not in meta_sources.csv)")
    table["year"] = parse_integers(table, path, "year")
    check_year_range(table["year"], table, path)
    table["value"] = parse_numbers(table, path, "value", required=True)
    check_bounds(table["value"], table[id_column].map(meta["value_min"]), table[id_column].map(meta["value_max"]),
                 table, path, "value", table[id_column])
    check_unique(table, path, key)


def _validate_key_figures(figures: pd.DataFrame, path: Path, meta: pd.DataFrame, codes: set[str]) -> None:
    check_unique(figures, path, ["figure_id"])
    check_member(figures["country_iso3"], codes | set(KEY_FIGURE_REGIONS), figures, path, "country_iso3",
                 "country or region code")
    figures["year"] = parse_integers(figures, path, "year", required=False)
    check_year_range(figures["year"], figures, path)
    figures["value"] = parse_numbers(figures, path, "value", required=True)
    check_member(figures["compare_table"], ("indicators", "corridors"), figures, path, "compare_table",
                 "table", allow_empty=True)
    known = set(zip(meta["table"], meta["indicator"]))
    pairs = pd.Series(list(zip(figures["compare_table"], figures["compare_indicator"])), index=figures.index)
    fail_at(~pairs.isin(known) & (figures["compare_indicator"] != ""), figures, path, "compare_indicator",
            lambda v: f"'{v}' is not an indicator of the named compare_table")
    fail_at((figures["compare_indicator"] == "") != (figures["compare_table"] == ""), figures, path,
            "compare_indicator", lambda v: "compare_table and compare_indicator must both be set or both empty")
    for column in ("compare_iso3", "compare_destination"):
        check_member(figures[column], codes, figures, path, column, "country code", allow_empty=True)
    figures["compare_year"] = parse_integers(figures, path, "compare_year", required=False)
    check_year_range(figures["compare_year"], figures, path, "compare_year")
