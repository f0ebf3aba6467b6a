"""Reading CSV files strictly, and the checks of a table's columns and cells that name the row of a fault."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from data.validate.errors import DataValidationError
from data.validate.formats import format_number
from data.validate.schema import YEAR_MAX, YEAR_MIN


def read_csv_strict(path: Path, categories=(), numbers=()) -> pd.DataFrame:
    """Cells as text, `categories` as pandas categories, `numbers` as floats (NaN when empty); index = row number.
    Stops at a missing, empty, truncated or malformed file, or at a cell of `numbers` that is not a number."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataValidationError(path, None, None, "file not found") from None
    except UnicodeDecodeError as error:
        raise DataValidationError(path, None, None, f"not UTF-8 text (byte {error.start})") from None
    header, rows = _check_structure(text, path)
    del text  # the parser reads the file itself: less memory than parsing a copy of the text
    dtypes = {column: "category" if column in categories else float if column in numbers else object
              for column in header}
    read = dict(encoding="utf-8-sig", keep_default_na=False, na_values={column: [""] for column in numbers})
    try:
        table = pd.read_csv(path, dtype=dtypes, **read)
    except ValueError:  # a cell that is not a number: read as text again to say which one
        table = pd.read_csv(path, dtype=object, **{**read, "na_values": {}})
        table.index = pd.RangeIndex(2, rows + 2)
        for column in numbers:
            parse_numbers(table, path, column)
        raise
    table.index = pd.RangeIndex(2, rows + 2)
    return table


def _check_structure(text: str, path: Path) -> tuple[list[str], int]:
    """Header and number of data rows; every row must have the header's number of fields."""
    records = _records_with_quotes(text, path) if '"' in text else _records_without_quotes(text)
    header = next(records, None)
    if not header or header == [""]:
        raise DataValidationError(path, 1, None, "the file is empty")
    if len(set(header)) != len(header):
        duplicate = next(name for name in header if header.count(name) > 1)
        raise DataValidationError(path, 1, duplicate, "column name appears twice in the header")
    rows = 0
    for rows, fields in enumerate(records, start=1):
        if fields < len(header):
            raise DataValidationError(path, rows + 1, header[fields],
                                      f"row has {fields} of {len(header)} fields: the file is truncated or malformed")
        if fields > len(header):
            raise DataValidationError(path, rows + 1, None,
                                      f"row has {fields} fields, the header {len(header)}: malformed row")
    if rows == 0:
        raise DataValidationError(path, 2, None, "the file has a header but no data rows")
    if not text.endswith(("\n", "\r")):
        raise DataValidationError(path, rows + 1, header[-1],
                                  "the file ends in the middle of a row (no final line break): it looks truncated")
    return header, rows


def _records_without_quotes(text: str):
    """The header's names, then each row's number of fields (fast path for the big unquoted files)."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    yield lines[0].rstrip("\r").split(",")
    for line in lines[1:]:
        yield line.count(",") + 1


def _records_with_quotes(text: str, path: Path):
    """The header's names, then each row's number of fields (csv module: quoted commas and line breaks); a parse
    error names the row and the field it happened in."""
    line_starts: list[int] = []

    def lines():
        position = 0
        for line in io.StringIO(text, newline=""):
            line_starts.append(position)
            position += len(line)
            yield line

    reader = csv.reader(lines(), strict=True)
    header, rows, consumed = None, 0, 0
    try:
        for rows, record in enumerate(reader, start=1):
            consumed = reader.line_num
            if header is None:
                header = record
                yield record
            else:
                yield len(record)
    except csv.Error as error:
        # Close the open quote of the broken record to count the fields it had begun.
        broken = text[line_starts[consumed]:] if consumed < len(line_starts) else ""
        started = next(csv.reader(io.StringIO(broken + '"', newline="")), [""])
        column = header[min(len(started), len(header)) - 1] if header else None
        problem = ("the file ends inside a quoted field: it looks truncated" if "end of data" in str(error)
                   else f"malformed CSV ({error})")
        raise DataValidationError(path, rows + 1, column, problem) from None


def require_columns(table: pd.DataFrame, path: Path, columns) -> None:
    for column in columns:
        if column not in table.columns:
            raise DataValidationError(path, 1, column, "required column is missing")


def require_exact_columns(table: pd.DataFrame, path: Path, columns: list[str]) -> None:
    require_columns(table, path, columns)
    if list(table.columns) != columns:
        extra = [c for c in table.columns if c not in columns]
        raise DataValidationError(path, 1, extra[0] if extra else None,
                                  f"columns must be exactly {','.join(columns)}")


def fail_at(mask: pd.Series, table: pd.DataFrame, path: Path, column: str, problem) -> None:
    """Raise for the first row where `mask` is true; `problem(value)` describes it."""
    if mask.any():
        row = mask.idxmax()
        raise DataValidationError(path, int(row), column, problem(table.at[row, column]))


def parse_numbers(table: pd.DataFrame, path: Path, column: str, *, required: bool = False) -> pd.Series:
    """Floats (NaN for empty cells unless required). Stops at the first cell that is not a finite number."""
    cells = table[column]
    if pd.api.types.is_float_dtype(cells):  # already parsed by read_csv_strict
        numbers, empty = cells, cells.isna()
    else:
        text = cells.astype(str)
        empty = text == ""
        numbers = pd.to_numeric(text.where(~empty), errors="coerce").astype(float)
        fail_at(~empty & numbers.isna(), table, path, column, lambda value: f"'{value}' is not a number")
    if required:
        fail_at(empty, table, path, column, lambda value: "value is missing")
    fail_at(~empty & ~np.isfinite(numbers), table, path, column, lambda value: f"'{value}' is not a finite number")
    return numbers


def parse_integers(table: pd.DataFrame, path: Path, column: str, *, required: bool = True) -> pd.Series:
    numbers = parse_numbers(table, path, column, required=required)
    fail_at(numbers.notna() & (numbers % 1 != 0), table, path, column, lambda value: f"'{value}' is not a whole number")
    return numbers.astype("Int64") if not required else numbers.astype(int)


def check_unique(table: pd.DataFrame, path: Path, key: list[str]) -> None:
    duplicated = table.duplicated(key, keep=False)
    if duplicated.any():
        rows = table.index[duplicated]
        first = table.loc[rows[0], key]
        later = rows[(table.loc[rows, key] == first).all(axis=1)][1]
        values = ", ".join(f"{k}={first[k]}" for k in key)
        raise DataValidationError(path, int(later), "+".join(key),
                                  f"duplicate key ({values}), already in row {rows[0]}")


def check_year_range(years: pd.Series, table: pd.DataFrame, path: Path, column: str = "year") -> pd.Series:
    fail_at(years.notna() & ((years < YEAR_MIN) | (years > YEAR_MAX)), table, path, column,
            lambda value: f"year {value} is outside {YEAR_MIN}–{YEAR_MAX}")
    return years


def check_member(values: pd.Series, allowed, table: pd.DataFrame, path: Path, column: str, what: str,
                 *, allow_empty: bool = False) -> None:
    unknown = ~values.isin(list(allowed))
    if allow_empty:
        unknown &= values != ""
    fail_at(unknown, table, path, column, lambda value: f"unknown {what} '{value}'")


def check_bounds(values: pd.Series, low: pd.Series, high: pd.Series, table: pd.DataFrame, path: Path,
                 column: str, label: pd.Series) -> None:
    """Per-row bounds (NaN = unbounded); `label` names the indicator the bound belongs to."""
    too_low = low.notna() & (values < low)
    too_high = high.notna() & (values > high)
    if (too_low | too_high).any():
        row = (too_low | too_high).idxmax()
        bound = f">= {format_number(low[row])}" if too_low[row] else f"<= {format_number(high[row])}"
        raise DataValidationError(path, int(row), column,
                                  f"{format_number(values[row])} out of range for {label[row]} (must be {bound})")
