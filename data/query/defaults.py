"""The default rule's two picks (see data/query/__init__.py): per cell across countries, or one source per series."""
from __future__ import annotations

import pandas as pd


def pick_default(frame: pd.DataFrame, priority, keys: list[str]) -> pd.DataFrame:
    """Per cell: for each key, the row of the first source in `priority` that has it (mixes releases across
    cells: only for one-year views across countries, which say which releases they used)."""
    rank = frame["source"].astype(str).map({source: i for i, source in enumerate(priority)})
    ranked = frame.assign(_rank=rank).dropna(subset=["_rank"])
    return ranked.sort_values(keys + ["_rank"]).drop_duplicates(keys).drop(columns="_rank")


def pick_series(frame: pd.DataFrame, priority, by: str = "iso3") -> pd.DataFrame:
    """Per series: for each country, every row of the first source in `priority` that has the country at all.
    One line, one vintage: years the chosen source lacks are not filled from another."""
    rank = frame["source"].astype(str).map({source: i for i, source in enumerate(priority)})
    ranked = frame.assign(_rank=rank).dropna(subset=["_rank"])
    best = ranked.groupby(ranked[by].astype(str))["_rank"].transform("min")
    return ranked[ranked["_rank"] == best].drop(columns="_rank")
