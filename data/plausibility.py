"""Plausibility rules of the build: magnitudes that a unit slip or a shifted column would produce are refused.

The rules per measure live in data/catalog.py (Indicator.value_min/value_max/max_jump, STOCK_RULES) and are written
into meta_indicators.plausibility; this module enforces them on the long frames of the build, which still carry the
raw file, row and column of every value, so a refusal names the raw cell. A real value that breaks a rule (Lesotho's
remittances above 100 % of GDP in the 1980s) is accepted only when `data/plausibility_exceptions.csv` lists it with
a reason: that file is reviewed like code.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data import catalog
from data.validate.errors import DataValidationError
from data.validate.formats import format_number
from data.validate.read import read_csv_strict, require_exact_columns

EXCEPTIONS_FILE = catalog.DATA_DIR / "plausibility_exceptions.csv"
EXCEPTION_COLUMNS = ["rule", "measure", "source", "iso3", "destination", "first_year", "last_year", "reason"]
RULES = ("range", "jump", "release_jump", "stock_vs_total", "stock_vs_population")


def read_exceptions(path: Path = EXCEPTIONS_FILE) -> pd.DataFrame:
    """Reviewed exceptions: every row needs a known rule, a year range and a reason."""
    if not Path(path).exists():
        return pd.DataFrame(columns=EXCEPTION_COLUMNS)
    table = read_csv_strict(path)
    require_exact_columns(table, path, EXCEPTION_COLUMNS)
    for row, cells in table.iterrows():
        if cells["rule"] not in RULES:
            raise DataValidationError(path, row, "rule", f"unknown rule '{cells['rule']}' (one of {', '.join(RULES)})")
        if not cells["reason"].strip():
            raise DataValidationError(path, row, "reason", "an exception needs its reason")
        for column in ("first_year", "last_year"):
            if not cells[column].isdigit():
                raise DataValidationError(path, row, column, f"'{cells[column]}' is not a year")
    return table.astype({"first_year": int, "last_year": int})


def excepted(flagged: pd.DataFrame, rule: str, id_column: str, exceptions: pd.DataFrame) -> pd.Series:
    """Which flagged rows an exception of `rule` covers (same measure, source or '*', country, destination, year)."""
    covered = pd.Series(False, index=flagged.index)
    for entry in exceptions[exceptions["rule"] == rule].itertuples():
        match = (flagged[id_column] == entry.measure) & flagged["year"].between(entry.first_year, entry.last_year)
        match &= flagged[ISO_COLUMN[id_column]] == entry.iso3
        if entry.source != "*":
            match &= flagged["source"] == entry.source
        if id_column == "measure":
            match &= flagged["destination"] == entry.destination
        covered |= match
    return covered


ISO_COLUMN = {"indicator": "iso3", "measure": "origin"}


def series_key(id_column: str) -> list[str]:
    return [id_column, "source", "iso3"] if id_column == "indicator" else [id_column, "source", "origin",
                                                                           "destination"]


def check_range(frame: pd.DataFrame, id_column: str, exceptions: pd.DataFrame) -> None:
    bounds = {item.id: (item.value_min, item.value_max if item.plausible_max is None else item.plausible_max)
              for item in catalog.INDICATORS}
    low = frame[id_column].map(lambda i: bounds[i][0]).astype(float)
    high = frame[id_column].map(lambda i: bounds[i][1]).astype(float)
    values = frame["value"]
    outside = (low.notna() & (values < low)) | (high.notna() & (values > high))
    if outside.any():
        covered = excepted(frame[outside], "range", id_column, exceptions)
        outside[covered.index[covered]] = False
    if outside.any():
        row = frame[outside].iloc[0]
        below = not pd.isna(low[row.name]) and row["value"] < low[row.name]
        raise DataValidationError(row["raw_file"], int(row["raw_row"]), row["raw_column"],
                                  f"{format_number(row['value'])} is "
                                  f"{'below the minimum' if below else 'above the maximum'} for {row[id_column]}")


def jump_limits(frame: pd.DataFrame, id_column: str) -> pd.Series:
    limits = {item.id: item.max_jump for item in catalog.INDICATORS}
    return frame[id_column].map(limits).astype(float)


def jump_floors(frame: pd.DataFrame, id_column: str) -> pd.Series:
    """Below this size (per unit) a tenfold move is noise of small numbers (4 → 51 migrants), not a unit slip."""
    floors = {item.id: catalog.JUMP_FLOORS[item.unit] for item in catalog.INDICATORS}
    return frame[id_column].map(floors).astype(float)


def check_time_jumps(frame: pd.DataFrame, id_column: str, exceptions: pd.DataFrame, collect=None) -> None:
    """A value more than max_jump times (or less than 1/max_jump) each of its neighbours in time (its one
    neighbour at either end of a series) is refused: the signature of a unit slip in one cell."""
    limit = jump_limits(frame, id_column)
    data = frame[limit.notna() & (frame["value"] > 0)]
    if data.empty:
        return
    order_column = "period" if id_column == "measure" else "year"
    data = data.sort_values(series_key(id_column) + [order_column])
    key = series_key(id_column)
    same_prev = (data[key] == data[key].shift(1)).all(axis=1)
    same_next = (data[key] == data[key].shift(-1)).all(axis=1)
    values = data["value"].to_numpy(dtype=float)
    prev = np.where(same_prev, data["value"].shift(1), np.nan)
    nxt = np.where(same_next, data["value"].shift(-1), np.nan)
    lim = limit[data.index].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        up_prev, up_next = values / prev, values / nxt
    # Interior points only: a series' first and last values often move a lot for real (a first partial year,
    # an aggregate not yet complete); those are left to the cross-release and range rules.
    high = (up_prev > lim) & (up_next > lim)
    low = (up_prev < 1 / lim) & (up_next < 1 / lim)
    large = np.fmax(values, np.fmax(prev, nxt)) >= jump_floors(data, id_column).to_numpy()
    flagged = pd.Series((high | low) & large, index=data.index)
    if flagged.any():
        flagged &= ~corroborated(data[flagged], frame, id_column).reindex(data.index, fill_value=False)
    if flagged.any():
        flagged &= ~excepted(data, "jump", id_column, exceptions)
    if collect is not None:  # for reviewing: every flagged row, no exception raised
        collect.append(data[flagged].assign(rule="jump"))
        return
    if flagged.any():
        row = data[flagged].iloc[0]
        position = data.index.get_loc(row.name)
        neighbours = [format_number(x) for x in (prev[position], nxt[position]) if not np.isnan(x)]
        raise DataValidationError(row["raw_file"], int(row["raw_row"]), row["raw_column"],
                                  f"{format_number(row['value'])} is more than {format_number(lim[position])}× away "
                                  f"from its neighbours in time ({', '.join(neighbours)}) in {row[id_column]} "
                                  f"{row[ISO_COLUMN[id_column]]} {row['year']} ({row['source']}): a unit slip? A real "
                                  f"value needs a reviewed exception in {EXCEPTIONS_FILE.name}")


def cell_columns(id_column: str) -> list[str]:
    return [id_column, "iso3", "year"] if id_column == "indicator" else [id_column, "origin", "destination", "period"]


def corroborated(rows: pd.DataFrame, frame: pd.DataFrame, id_column: str) -> pd.Series:
    """Rows whose value another source has too (within 1 %) for the same cell: a jump published in two files
    independently is the publisher's, not a slip in our copy."""
    cell = cell_columns(id_column)
    others = frame.merge(rows[cell + ["source", "value"]].reset_index(), on=cell, suffixes=("", "_row"))
    others = others[others["source"] != others["source_row"]]
    same = (others["value"] - others["value_row"]).abs() <= 0.01 * others["value_row"].abs()
    hits = set(others.loc[same, "index"])
    return pd.Series([index in hits for index in rows.index], index=rows.index)


def check_release_jumps(frame: pd.DataFrame, id_column: str, exceptions: pd.DataFrame, collect=None) -> None:
    """The same cell (country, year) in two sources more than max_jump times apart: one of them has a unit slip.
    The row named is the one furthest from the cell's median."""
    limit = jump_limits(frame, id_column)
    family = frame["source"].map(catalog.release_family)
    data = frame[limit.notna() & (frame["value"] > 0) & family.notna()].assign(family=family)
    cell = cell_columns(id_column) + ["family"]
    grouped = data.groupby(cell, observed=True)["value"]
    low, high = grouped.transform("min"), grouped.transform("max")
    median = grouped.transform("median")
    spread = (high / low > limit[data.index]) & (high >= 10 * jump_floors(data, id_column))
    if not spread.any():
        return
    odd = data[spread]
    distance = np.abs(np.log(odd["value"] / median[odd.index]))
    outlier = distance == distance.groupby([odd[c] for c in cell], observed=True).transform("max")
    flagged = outlier & ~excepted(odd, "release_jump", id_column, exceptions)
    if collect is not None:
        collect.append(odd[flagged].assign(rule="release_jump"))
        return
    if flagged.any():
        row = odd[flagged].iloc[0]
        others = data[(data[cell] == row[cell]).all(axis=1) & (data.index != row.name)]  # same family
        other_text = ", ".join(f"{format_number(v)} in {s}" for v, s in zip(others["value"], others["source"]))
        raise DataValidationError(row["raw_file"], int(row["raw_row"]), row["raw_column"],
                                  f"{format_number(row['value'])} ({row['source']}) is more than "
                                  f"{format_number(limit[row.name])}× away from the same cell in another release "
                                  f"({other_text}) for {row[id_column]} {row[ISO_COLUMN[id_column]]} {row['year']}: "
                                  f"a unit slip? A real value needs a reviewed exception in {EXCEPTIONS_FILE.name}")


STOCK_TOTALS = {"undesa_ims_2024": ("SM.POP.TOTL", "undesa_ims_2024"),
                "undesa_ims_2020": ("SM.POP.TOTL", "undesa_ims_2020_derived")}


def check_stocks(corridors: pd.DataFrame, indicators: pd.DataFrame, exceptions: pd.DataFrame) -> None:
    """A bilateral stock is at most its destination's total immigrant stock (same revision and year) and at most
    its origin's population (WDI, same year)."""
    stocks = corridors[corridors["measure"] == "stock_total"]
    population = indicators[(indicators["indicator"] == "SP.POP.TOTL") & (indicators["source"] == "wdi_pop_datahub")]
    population = population.set_index(["iso3", "year"])["value"]
    for source, (indicator, total_source) in STOCK_TOTALS.items():
        rows = stocks[stocks["source"] == source]
        totals = indicators[(indicators["indicator"] == indicator) & (indicators["source"] == total_source)]
        _refuse_above(rows, totals.set_index(["iso3", "year"])["value"], "destination", "stock_vs_total", exceptions,
                      lambda row, limit: f"is more than all immigrants there ({format_number(limit)}, {total_source})")
    _refuse_above(stocks, population, "origin", "stock_vs_population", exceptions,
                  lambda row, limit: f"is more than {row['origin']}'s whole population ({format_number(limit)})")


def _refuse_above(rows: pd.DataFrame, limits: pd.Series, country: str, rule: str, exceptions,
                  what_it_exceeds) -> None:
    """Refuse the first stock above its limit (looked up by (rows[country], year)), unless excepted under `rule`."""
    keys = pd.MultiIndex.from_arrays([rows[country], rows["year"]])
    limit = pd.Series(limits.reindex(keys).to_numpy(), index=rows.index)
    over = limit.notna() & (rows["value"] > limit)
    over &= ~excepted(rows, rule, "measure", exceptions)
    if over.any():
        row = rows[over].iloc[0]
        raise DataValidationError(row["raw_file"], int(row["raw_row"]), row["raw_column"],
                                  f"{format_number(row['value'])} people born in {row['origin']} living in "
                                  f"{row['destination']} in {row['year']} {what_it_exceeds(row, limit[row.name])}: "
                                  "a unit slip?")


def check_all(indicators: pd.DataFrame, corridors: pd.DataFrame, exceptions: pd.DataFrame) -> None:
    for frame, id_column in ((indicators, "indicator"), (corridors, "measure")):
        check_range(frame, id_column, exceptions)
        check_time_jumps(frame, id_column, exceptions)
        check_release_jumps(frame, id_column, exceptions)
    check_stocks(corridors, indicators, exceptions)


def flagged_rows(indicators: pd.DataFrame, corridors: pd.DataFrame) -> pd.DataFrame:
    """Every row a rule flags when no exception is applied, with its rule: what the exceptions file reviews."""
    none = pd.DataFrame(columns=EXCEPTION_COLUMNS)
    found = []
    for frame, id_column in ((indicators, "indicator"), (corridors, "measure")):
        bounds = {item.id: (item.value_min, item.value_max if item.plausible_max is None else item.plausible_max)
                  for item in catalog.INDICATORS}
        low = frame[id_column].map(lambda i: bounds[i][0]).astype(float)
        high = frame[id_column].map(lambda i: bounds[i][1]).astype(float)
        outside = (low.notna() & (frame["value"] < low)) | (high.notna() & (frame["value"] > high))
        found.append(frame[outside].assign(rule="range"))
        check_time_jumps(frame, id_column, none, collect=found)
        check_release_jumps(frame, id_column, none, collect=found)
    stocks = corridors[corridors["measure"] == "stock_total"]
    population = indicators[(indicators["indicator"] == "SP.POP.TOTL") & (indicators["source"] == "wdi_pop_datahub")]
    limits = [("stock_vs_population", stocks, population.set_index(["iso3", "year"])["value"], "origin")]
    for source, (indicator, total_source) in STOCK_TOTALS.items():
        totals = indicators[(indicators["indicator"] == indicator) & (indicators["source"] == total_source)]
        limits.append(("stock_vs_total", stocks[stocks["source"] == source],
                       totals.set_index(["iso3", "year"])["value"], "destination"))
    for rule, rows, limit, country in limits:
        keys = pd.MultiIndex.from_arrays([rows[country], rows["year"]])
        over = rows["value"].to_numpy() > limit.reindex(keys).to_numpy()
        found.append(rows[over].assign(rule=rule))
    return pd.concat([frame for frame in found if not frame.empty], ignore_index=True)


def unused_exceptions(exceptions: pd.DataFrame, flagged: pd.DataFrame) -> pd.DataFrame:
    """Exceptions that cover no flagged row: the data they excused changed, so they only hide future slips."""
    used = []
    for position, entry in enumerate(exceptions.itertuples()):
        id_column = "indicator" if entry.measure in {item.id for item in catalog.INDICATORS if item.table ==
                                                                             "indicators"} else "measure"
        rows = flagged[(flagged["rule"] == entry.rule) & flagged[id_column].notna()]
        used.append(bool(excepted(rows, entry.rule, id_column, exceptions.iloc[[position]]).any()))
    return exceptions[[not flag for flag in used]]
