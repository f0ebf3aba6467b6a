"""Small helpers for long frames: raw tables read strictly, each value with the raw file, row and column it came
from (so that a fault found after reshaping still names the raw cell), year columns melted into rows, corridor rows."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from data.validate.errors import DataValidationError
from data.validate.read import read_csv_strict, require_columns


YEAR_COLUMN = re.compile(r"^\d{4}$")
QUARTER_COLUMN = re.compile(r"^(\d{4}Q[1-4]) \[YR\1\]$")
# Long frames carry where each value came from, so that a fault found after reshaping still names the raw cell.
ORIGIN = ["raw_file", "raw_row", "raw_column"]
INDICATOR_KEY = ["iso3", "year", "indicator", "source"]
CORRIDOR_KEY = ["origin", "destination", "period", "measure", "source"]
DERIVED_DIGITS = 10  # significant digits kept for values this project computes


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


def corridor_frame(origin, destination, years, periods, measure, values, source, path, rows, column):
    frame = pd.DataFrame({"origin": np.asarray(origin), "destination": np.asarray(destination),
                          "year": np.asarray(years, dtype=int), "period": np.asarray(periods, dtype=object),
                          "measure": measure, "value": np.asarray(values, dtype=float), "source": source})
    return with_origin(frame, path, rows, column)
