"""Where the sources of a line chart disagree: every source's value of the cells more than one covers, indexed per
country, and the drawn cells another source puts more than DISAGREEMENT_TOLERANCE away (listed under the chart);
`disagreements_reference` is the pandas join they equal (tests/figures/remittances/test_trend.py)."""
from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from figures.remittances.parts import sources_for

DISAGREEMENT_TOLERANCE = 0.05  # relative difference above which two sources "disagree" on a value


@cache
def _alternatives(store, indicator: str) -> pd.DataFrame:
    """Every source's value of the cells that more than one source covers: [iso3, year, value, source]."""
    frames = [store.series(indicator, source=source) for source in sources_for(store, indicator)]
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame({"iso3": [], "year": [], "value": [], "source": []})
    every = pd.concat(frames, ignore_index=True)
    covered = every.groupby(["iso3", "year"])["source"].transform("size")
    return every[covered > 1].reset_index(drop=True)


@cache
def _alternatives_by_country(store, indicator: str) -> tuple[dict, np.ndarray, np.ndarray, np.ndarray]:
    """`_alternatives` as {iso3: its rows' positions} and its year, value and source columns as arrays (compact:
    a dictionary of every cell's values took ~8 MB per worker for the three remittance lines)."""
    others = _alternatives(store, indicator)
    found: dict = {}
    for position, code in enumerate(others["iso3"].tolist()):
        found.setdefault(code, []).append(position)
    return ({code: np.array(rows, dtype=np.intp) for code, rows in found.items()}, others["year"].to_numpy(),
            others["value"].to_numpy(dtype=float), others["source"].to_numpy(dtype=object))


def _alternatives_of(store, indicator: str, codes) -> dict[tuple, list[tuple]]:
    """{(iso3, year): [(source, value), …]} of the chosen countries' cells, in `_alternatives`' order."""
    by_code, years, values, sources = _alternatives_by_country(store, indicator)
    cells: dict[tuple, list[tuple]] = {}
    for code in codes:
        rows = by_code.get(code)
        if rows is None:
            continue
        for year, value, source in zip(years[rows].tolist(), values[rows].tolist(), sources[rows].tolist()):
            cells.setdefault((code, int(year)), []).append((source, value))
    return cells


def disagreements(store, indicator: str, shown: pd.DataFrame,
                  tolerance: float = DISAGREEMENT_TOLERANCE) -> list[dict]:
    """Country-years where another source's value differs from the shown one by more than `tolerance` (relative).

    One item per country-year (its most different other source), largest relative difference first:
    iso3, year, value and source shown, other_value and other_source, difference.
    (`disagreements_reference` joins the tables with pandas; this looks each shown cell up: the same items.)
    """
    if shown.empty:
        return []
    return disagreements_of(store, indicator, shown["iso3"].tolist(), shown["year"].tolist(),
                            shown["value"].tolist(), shown["source"].tolist(), tolerance)


def disagreements_of(store, indicator: str, codes: list, years: list, values: list, sources: list,
                     tolerance: float = DISAGREEMENT_TOLERANCE) -> list[dict]:
    """`disagreements` of the shown rows given as columns (lists of Python values)."""
    if not codes:
        return []
    cells = _alternatives_of(store, indicator, set(codes))
    found: dict[tuple, dict] = {}
    for iso3, year, value, source in zip(codes, years, values, sources):
        for other_source, other_value in cells.get((iso3, int(year)), ()):
            if other_source == source:
                continue
            with np.errstate(divide="ignore", invalid="ignore"):  # a 0 shown: as pandas divides
                difference = float(np.float64(abs(other_value - value)) / np.float64(abs(value)))
            if not difference > tolerance:
                continue
            best = found.get((iso3, year))
            if best is None or difference > best["difference"]:  # the first of equal differences stays
                found[(iso3, year)] = dict(iso3=iso3, year=int(year), value=float(value), source=source,
                                           other_value=float(other_value), other_source=other_source,
                                           difference=difference)
    return sorted(found.values(), key=lambda item: (-item["difference"], item["iso3"], -item["year"]))


def disagreements_reference(store, indicator: str, shown: pd.DataFrame,
                            tolerance: float = DISAGREEMENT_TOLERANCE) -> list[dict]:
    """`disagreements` by pandas' merge, sort and drop_duplicates, as it was (the tests compare both)."""
    if shown.empty:
        return []
    others = _alternatives(store, indicator)
    joined = shown[["iso3", "year", "value", "source"]].merge(others, on=["iso3", "year"], suffixes=("", "_other"))
    joined = joined[joined["source"] != joined["source_other"]]
    difference = (joined["value_other"] - joined["value"]).abs() / joined["value"].abs()
    joined = joined.assign(difference=difference)[difference > tolerance]
    joined = joined.sort_values(["difference", "iso3", "year"], ascending=[False, True, False])
    joined = joined.drop_duplicates(["iso3", "year"])
    return [dict(iso3=row.iso3, year=int(row.year), value=float(row.value), source=row.source,
                 other_value=float(row.value_other), other_source=row.source_other, difference=float(row.difference))
            for row in joined.itertuples()]
