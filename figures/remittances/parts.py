"""What several remittances charts use: the view's indicators and defaults, cached lookups that depend on the
store only (names, source labels, units), value texts, the tidy and wide tables behind a chart, and the time axis
the line charts share."""
from __future__ import annotations

import math
from functools import cache, lru_cache

import numpy as np
import pandas as pd
from dash import Patch

from figures.common import add_provenance, source_label, wrap_hover_line
from figures.plain import drawn_template  # noqa: F401  (the views' charts' template, cut: figures/plain.py)
from i18n import format_number, format_value, t


PCT_INDICATOR = "BX.TRF.PWKR.DT.GD.ZS"
USD_INDICATOR = "BX.TRF.PWKR.CD.DT"
OUTFLOW_INDICATOR = "BM.TRF.PWKR.CD.DT"
MEASURES = {"pct": PCT_INDICATOR, "usd": USD_INDICATOR}
SCALES = ("linear", "log")
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
# Countries that do not report remittances (Turkmenistan) are flagged in the metadata (meta_indicators.not_reported):
# the few values some vintages carry are not a measured flow, so they are never drawn or ranked: "Not reported".
PAYER = "RUS"  # the main destination of Central Asia's migrants, hence the sender of the money
GROWTH_INDICATOR = "NY.GDP.MKTP.KD.ZG"  # the payer's real GDP growth, % per year
DEPRECIATION_INDICATOR = "CAMR.RUB.DEPR"  # the rouble against the US$, Δlog × 100 (positive = rouble weaker)
DEFAULT_SOURCE = "default"  # the URL value for "the curated default rule" (newest vintage first, per value)
# Groups a user can add in one go (ids of the curated country groups).
GROUPS = ("ca5", "almaty_member", "almaty_observer", "main_destinations", "customs_union_2013")


@cache
def sources_for(store, indicator: str) -> tuple[str, ...]:
    return tuple(store.sources_for(indicator))


@cache
def country_name(store, code: str, lang: str) -> str:
    return store.country_name(code, lang)


@cache
def unit_of(store, indicator: str) -> str:
    return store.indicator_meta(indicator)["unit"]


# A worker of the load bench formats ~45,000 values per 6,000 requests, ~10,700 of them distinct (each ~6–25 µs
# through Babel): 8,192 entries keep the hit rate of an unbounded cache (76 %, replayed: serving/memory.py) in
# ~2 MB, where 65,536 let it grow to ~15 MB per worker over a long run.
VALUE_TEXTS_KEPT = 8192


@lru_cache(maxsize=VALUE_TEXTS_KEPT)
def value_text(value: float, unit: str, lang: str) -> str:
    return format_value(value, unit, lang)


def log_points_text(value: float, lang: str) -> str:
    """'+46.2 log points': the rouble's change is 100 × Δln, not a percentage (CAMR.RUB.DEPR's unit)."""
    return t("revisions.log_points", lang, sign="+" if value >= 0 else "−", value=format_number(abs(value), lang, 1))


def signed_text(indicator: str, value: float, lang: str) -> str:
    """A signed change in the indicator's own unit."""
    return log_points_text(value, lang) if indicator == DEPRECIATION_INDICATOR else change_text(value, lang)


def change_text(change: float, lang: str) -> str:
    """'+35.2%' / '−12.0%': a relative change, signed."""
    return t("remittances.change_value", lang, value=value_text(abs(change), "%", lang),
             sign="+" if change >= 0 else "−")


def names_for(store, codes, lang: str) -> dict[str, str]:
    return {code: country_name(store, code, lang) for code in dict.fromkeys(codes)}


def labels_for(store, sources, lang: str = "en") -> dict[str, str]:
    return {source: source_label(store, source, lang) for source in dict.fromkeys(sources) if isinstance(source, str)}


def chosen_source(store, indicator: str, source: str | None) -> str | None:
    """The source to ask the store for: the chosen one if it has this indicator, else None (the default rule)."""
    if source in (None, "", DEFAULT_SOURCE):
        return None
    return source if source in sources_for(store, indicator) else None


def source_choices(store) -> list[str]:
    """Every source a user can pick for the view's indicators, priority ones first."""
    found: dict[str, None] = {}
    for indicator in (PCT_INDICATOR, USD_INDICATOR, OUTFLOW_INDICATOR):
        found.update(dict.fromkeys(sources_for(store, indicator)))
    return list(found)


@cache
def not_reporting(store, indicator: str = PCT_INDICATOR) -> frozenset[str]:
    """Countries the metadata flags as not reporting the indicator."""
    return frozenset(store.not_reported(indicator))


def axis_range(values: np.ndarray, log: bool, include_zero: bool) -> list[float] | None:
    """A y range with a little room above (and below for negatives); in log10 units for a log axis."""
    values = values[np.isfinite(values)]
    if log:
        values = values[values > 0]
    if values.size == 0:
        return None
    low, high = float(values.min()), float(values.max())
    if log:
        low, high = math.log10(low), math.log10(high)
        pad = max(0.05, (high - low) * 0.05)
        return [low - pad, high + pad]
    if include_zero:
        low, high = min(0.0, low), max(0.0, high)
    pad = (high - low) * 0.06 or abs(high) * 0.1 or 1.0
    return [low - (pad if low < 0 else 0.0), high + pad]


@lru_cache(maxsize=1024)  # a handful of sources, on every point of every chart: wrapped once each
def hover_source(label: str, lang: str) -> str:
    """'Source: …' for a hover box, broken into lines short enough for the box to fit beside a narrow chart."""
    text = t("remittances.hover_source", lang, source=label)
    return wrap_hover_line(text)


def share_time_axis(*figures: dict) -> tuple[dict, ...]:
    """Serialised line charts stacked on one time axis: the same years and the same right margin (room for end
    labels), so that a year sits at the same place in each. Returns new dicts; the ones given are not changed."""
    ranges = [f["layout"]["xaxis"].get("range") for f in figures if f["layout"]["xaxis"].get("range")]
    x_range = [min(r[0] for r in ranges), max(r[1] for r in ranges)] if ranges else None
    right = max(f["layout"]["margin"]["r"] for f in figures)
    return tuple({**f, "layout": {**f["layout"], "margin": {**f["layout"]["margin"], "r": right},
                                  "xaxis": {**f["layout"]["xaxis"], "range": x_range}}} for f in figures)


def tidy(store, rows: pd.DataFrame, indicator: str, lang: str, base_year: int | None = None) -> pd.DataFrame:
    meta = store.indicator_meta(indicator, lang)
    table = pd.DataFrame({
        "iso3": rows["iso3"].to_numpy(),
        "country": [country_name(store, code, lang) for code in rows["iso3"]],
        "year": rows["year"].astype(int).to_numpy(),
        "indicator": indicator,
        "indicator_name": meta["name"],
        "value": rows["value"].to_numpy(),
        "unit": meta["unit"],
    })
    if base_year is not None:
        table[f"change_since_{base_year}_pct"] = rows["shown"].round(4).to_numpy()
    table["source"] = rows["source"].to_numpy()
    return add_provenance(store, table, lang=lang)


def wide_rows(rows: pd.DataFrame, order, unit: str, lang: str, *, code_column: str = "iso3", index: str = "year",
              value_column: str = "value", change: bool = False, label=lambda key: str(int(key)),
              sort_key=None) -> tuple[list[str], list[list[str]]]:
    """Time down (latest first), codes across, formatted: the readable table alternative of a line chart."""
    cells = dict(zip(zip(rows[index], rows[code_column]), rows[value_column].to_numpy(dtype=float)))
    present = set(rows[code_column])
    codes = [code for code in order if code in present]
    return codes, wide_body(cells, set(rows[index]), codes, unit, lang, change=change, label=label, sort_key=sort_key)


def wide_body(cells: dict, keys, codes, unit: str, lang: str, *, change: bool = False,
              label=lambda key: str(int(key)), sort_key=None) -> list[list[str]]:
    """`wide_rows`' body from {(key, code): value} of the `keys` (years or periods) and `codes` shown."""
    no_data = t("common.no_data", lang)
    body = []
    for key in sorted(set(keys), key=sort_key, reverse=True):
        row = [label(key)]
        for code in codes:
            value = cells.get((key, code))
            if value is None or not math.isfinite(value):
                row.append(no_data)
            else:
                row.append(signed_text(code, value, lang) if change else value_text(float(value), unit, lang))
        body.append(row)
    return body


def patch_time_axis(figure: dict) -> Patch:
    """What `share_time_axis` changes in a chart that does not change itself: its years and its right margin."""
    patch = Patch()
    patch["layout"]["xaxis"]["range"] = figure["layout"]["xaxis"].get("range")
    patch["layout"]["margin"]["r"] = figure["layout"]["margin"]["r"]
    return patch
