"""The map's colour scale: log for counts, linear for shares, one range for every year, "no data" below it, and the
colour bar's ticks."""
from __future__ import annotations

import math
from functools import cache, lru_cache

import numpy as np

from i18n import format_compact, format_value

# Colour-blind-safe sequential scale (ColorBrewer YlGnBu), and the grey for "no data".
SEQUENTIAL = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"]
NO_DATA_COLOUR = "#c8c8c8"
NO_DATA_SHARE = 0.06  # the bottom slice of the colour bar that means "no data"
CLAMP_PERCENTILE = 97


def is_log_scale(unit: str) -> bool:
    """Counts span five orders of magnitude (Russia's millions next to Mongolia's thousands): colour them by log."""
    return unit == "persons"


def _to_scale(values: np.ndarray, log: bool) -> np.ndarray:
    if not log:
        return values
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log10(np.where(values > 0, values, np.nan))


@cache
def _value_range(store, indicator: str, scope_ids: tuple[str, ...], log: bool) -> tuple[float, float]:
    """Colour range over all years, so that a colour means the same value in every year of the animation."""
    series = store.series(indicator, iso3s=list(scope_ids))
    values = _to_scale(series["value"].to_numpy(dtype=float), log)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return 0.0, 1.0
    low, high = float(values.min()), float(values.max())
    if not log:
        low = min(0.0, low)
        # A few outliers (Monaco's or Palestine's emigrants, the Gulf's immigrants) would wash every other country
        # into the lowest colour: the scale ends at the 97th percentile and its top colour means "this or more".
        high = float(np.percentile(values, CLAMP_PERCENTILE))
    return low, (high if high > low else low + 1)


def _ticks(low: float, high: float, log: bool, unit: str, lang: str) -> tuple[list[float], list[str]]:
    if log:
        vals, texts = _log_ticks(math.ceil(low), math.floor(high), lang)
        return list(vals), list(texts)
    step = _nice_step((high - low) / 5)
    vals = list(np.arange(math.ceil(low / step) * step, high + step / 2, step))
    return [float(v) for v in vals], [format_value(float(v), unit, lang) for v in vals]


@lru_cache(maxsize=128)
def _log_ticks(first: int, last: int, lang: str) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """A log scale's ticks, one per power of ten from `first` to `last` (few: kept written)."""
    vals = tuple(float(k) for k in range(first, last + 1))
    return vals, tuple(format_compact(10 ** v, lang) for v in vals)


def _nice_step(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def colorscale() -> list[list]:
    """Grey for the no-data slice at the bottom, then the sequential scale."""
    scale = [[0.0, NO_DATA_COLOUR], [NO_DATA_SHARE, NO_DATA_COLOUR]]
    steps = len(SEQUENTIAL) - 1
    for i, colour in enumerate(SEQUENTIAL):
        scale.append([NO_DATA_SHARE + (1 - NO_DATA_SHARE) * i / steps, colour])
    scale[2][0] = NO_DATA_SHARE + 1e-9  # a hard edge between "no data" and the lowest value
    return scale
