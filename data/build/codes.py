"""The country codes the raw files may name: the World Bank's list (countries and aggregates) and the names and
old codes it maps to them."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pycountry

from data import catalog
from data.validate.read import check_unique, fail_at, read_csv_strict, require_columns


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
