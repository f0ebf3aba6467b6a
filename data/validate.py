"""Checks used at build (raw and curated files) and at load (curated files); every fault is one
`DataValidationError` naming file, row and column.

Rows are counted like a spreadsheet: the header is row 1, the first data row is row 2. Tables read here carry those
row numbers as their index, so a failed check can name the row.
"""
from __future__ import annotations

import csv
import io
import math
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from data.catalog import KEY_FIGURE_REGIONS, SOURCE_KINDS, UNITS

YEAR_MIN = 1950
YEAR_MAX = date.today().year
PERIOD = re.compile(r"^(\d{4})(Q[1-4])?$")
CODE = re.compile(r"^[A-Z0-9]{3}$")
SLUG = re.compile(r"^[a-z0-9_]+$")

TABLE_COLUMNS = {
    "indicators": ["iso3", "year", "indicator", "value", "source"],
    "corridors": ["origin", "destination", "year", "period", "measure", "value", "source"],
    "meta_indicators": ["indicator", "table", "name_key", "name_en", "name_ru", "unit", "value_min", "value_max",
                        "definition", "source_priority", "caveats", "unit_ru", "definition_ru", "caveats_ru",
                        "plausibility", "not_reported"],
    "meta_sources": ["source", "publisher", "title", "vintage", "licence", "url", "citation", "caveats",
                     "derived_from", "method", "raw_files", "publisher_ru", "title_ru", "vintage_ru", "licence_ru",
                     "citation_ru", "caveats_ru", "method_ru", "kind"],
    "countries": ["iso3", "name_en", "name_ru", "kind", "wb_region", "income_group", "groups", "capital",
                  "capital_lat", "capital_lon", "capital_ru", "wb_region_ru", "income_group_ru"],
    "key_figures": ["figure_id", "topic", "country_iso3", "year", "value", "unit", "statement", "cited_source",
                    "strategy_page", "compare_table", "compare_indicator", "compare_iso3", "compare_destination",
                    "compare_year", "statement_ru"],
}
# Russian column → the column it translates. A text in the English column needs its Russian (data/metadata_i18n.py,
# data/country_names.py); only a publisher's own citation may stay in its language (citation_ru empty).
TRANSLATED_COLUMNS = {
    "meta_indicators": {"name_ru": "name_en", "unit_ru": "unit", "definition_ru": "definition",
                        "caveats_ru": "caveats"},
    "meta_sources": {"publisher_ru": "publisher", "title_ru": "title", "vintage_ru": "vintage",
                     "licence_ru": "licence", "caveats_ru": "caveats", "method_ru": "method"},
    "countries": {"name_ru": "name_en", "capital_ru": "capital", "wb_region_ru": "wb_region",
                  "income_group_ru": "income_group"},
    "key_figures": {"statement_ru": "statement"},
}
# Read as categories (repeated codes: small and fast) and as numbers (checked again where the rules need it).
CATEGORY_COLUMNS = {"indicators": ("iso3", "indicator", "source"),
                    "corridors": ("origin", "destination", "period", "measure", "source")}
NUMBER_COLUMNS = {"indicators": ("year", "value"), "corridors": ("year", "value"),
                  "meta_indicators": ("value_min", "value_max"), "countries": ("capital_lat", "capital_lon"),
                  "key_figures": ("year", "value", "compare_year")}
# Checked in this order, so that every reference check can rely on the tables it refers to.
TABLE_ORDER = ("meta_sources", "meta_indicators", "countries", "indicators", "corridors", "key_figures")


class DataValidationError(Exception):
    """A data fault, located by file, row (header = row 1) and column."""

    def __init__(self, path: Path | str, row: int | None, column: str | None, problem: str):
        self.path, self.row, self.column, self.problem = Path(path), row, column, problem
        where = [display_path(path)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {problem}")


def display_path(path: Path | str) -> str:
    """The path relative to the working directory when it is inside it (shorter messages)."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def format_number(value) -> str:
    """Shortest text that reads back as the same float; whole numbers without '.0'. Deterministic."""
    if isinstance(value, str):
        return value
    if value is None or math.isnan(value):
        return ""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def format_numbers(values: pd.Series) -> list[str]:
    """format_number for a whole float column, fast for the common case of whole numbers."""
    numbers = values.to_numpy(dtype=float)
    whole = np.isfinite(numbers) & (np.floor(numbers) == numbers) & (np.abs(numbers) < 1e15)
    text = np.where(whole, np.where(whole, numbers, 0).astype(np.int64).astype(str), "").astype(object)
    text[~whole] = [format_number(value) for value in numbers[~whole]]
    return text.tolist()


# ---------------------------------------------------------------------------------------------------------------
# Reading CSV files strictly
# ---------------------------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------------------------
# Curated tables
# ---------------------------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------------------------
# Manifest: what the build wrote
# ---------------------------------------------------------------------------------------------------------------
MANIFEST = "manifest.json"


def file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def manifest_entries(directory: Path, names) -> dict[str, dict]:
    """{file name: {rows, sha256}} of curated CSV files (rows = data rows, header not counted)."""
    entries = {}
    for name in names:
        path = Path(directory) / f"{name}.csv"
        data = path.read_bytes()
        entries[path.name] = {"rows": data.count(b"\n") - 1, "sha256": file_digest(path)}
    return entries


def verify_manifest(directory: Path) -> None:
    """The app's start-up check: every curated table is byte for byte what `python -m data.build` wrote."""
    import json

    directory = Path(directory)
    path = directory / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
    except FileNotFoundError:
        raise DataValidationError(path, None, None, "the build's manifest is missing, so the curated files cannot "
                                  "be trusted: run python -m data.build") from None
    except (ValueError, KeyError, TypeError):
        raise DataValidationError(path, None, None, "the build's manifest is not readable: run python -m "
                                  "data.build") from None
    for name in TABLE_ORDER:
        target = directory / f"{name}.csv"
        expected = files.get(target.name)
        if expected is None or not target.exists() or file_digest(target) != expected.get("sha256"):
            raise DataValidationError(target, None, None, "this curated file was not written by the build (it "
                                      f"differs from {MANIFEST}); refusing to serve it: run python -m data.build")
