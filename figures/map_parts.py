"""The map's data as plain Python, indexed once per process (in gunicorn's master before it forks:
serving/warmup.py), so that a selection seen for the first time (a focus country in any year, indicator, extent and
language) is put together from lookups instead of pandas queries and Babel formatting per country.

What figures/map.py and layouts/map/ build from these equals what they built through pandas
(figures/map_reference.py; tests/figures/test_map_parts.py compares them for every focus country and year)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from figures.common import wrap_hover_line
from i18n import format_number, format_value, t

NAN = float("nan")


@dataclass(frozen=True)
class PartnerList:
    """A focus country's bilateral partners in one year, largest first, as `partner_values` orders them."""

    codes: tuple[str, ...]
    values: tuple[float, ...]
    by_code: dict[str, float]
    held: float  # their sum as pandas adds them (numpy's pairwise sum over this order)


NO_PARTNERS = PartnerList((), (), {}, 0.0)


def descending_order(values: np.ndarray) -> np.ndarray:
    """The positions `pd.Series.sort_values(ascending=False)` puts `values` in (its default quicksort, NaN last):
    ties keep the order pandas gives them, so the panel lists equal values as before."""
    mask = np.isnan(values)
    positions = np.arange(len(values))
    non_nans, non_nan_positions = values[~mask][::-1], positions[~mask][::-1]
    order = non_nan_positions[non_nans.argsort(kind="quicksort")][::-1]
    return np.concatenate([order, np.nonzero(mask)[0]])


@cache
def partner_lists(store, emigrants: bool) -> dict[tuple[str, int], PartnerList]:
    """(focus country, year) → its partners: every bilateral sum of figures/map.py's `_partner_index`, sorted once."""
    from figures.map import _partner_index, _partner_slices

    index = _partner_index(store, emigrants)
    codes = index.index.get_level_values(2).to_numpy()
    values = index.to_numpy(dtype=float)
    found = {}
    for key, (start, stop) in _partner_slices(store, emigrants).items():
        chunk = values[start:stop]
        order = descending_order(chunk)
        ordered = chunk[order]
        ordered_codes = tuple(str(code) for code in codes[start:stop][order].tolist())
        ordered_values = tuple(ordered.tolist())
        found[key] = PartnerList(ordered_codes, ordered_values, dict(zip(ordered_codes, ordered_values)),
                                 float(ordered.sum()))
    return found


def partner_list(store, emigrants: bool, focus: str, year: int) -> PartnerList:
    return partner_lists(store, emigrants).get((focus, year), NO_PARTNERS)


@cache
def _persons_parts(lang: str) -> tuple[str, str]:
    """The catalogue's "{value} persons" text and the language's group mark, as format_value uses them."""
    return t("common.persons", lang), format_number(1000, lang)[1:-3]


def persons_text(value: float, lang: str) -> str:
    """format_value(value, "persons", lang), without Decimal for a whole positive count (every bilateral stock)."""
    if type(value) is float and value.is_integer() and 0 < value < 1e15:
        template, group = _persons_parts(lang)
        digits = str(int(value))
        if len(digits) > 3:
            digits = format(int(value), ",")
            if group != ",":
                digits = digits.replace(",", group)
        return template.format(value=digits)
    return format_value(value, "persons", lang)


def persons_texts(values: list[float], lang: str):
    """`persons_text` of each value, in turn (an iterator): a focus country's partners on the map."""
    template, group = _persons_parts(lang)
    before, _, after = template.partition("{value}")
    plain_template = "{value}" not in after and "{" not in before + after and "}" not in before + after
    for value in values:
        if plain_template and type(value) is float and value.is_integer() and 0 < value < 1e15:
            digits = format(int(value), ",")
            yield before + (digits.replace(",", group) if group != "," else digits) + after
        else:
            yield persons_text(value, lang)


@cache
def indicator_values(store, indicator: str, year: int) -> tuple[dict[str, float], tuple[str, ...]]:
    """Every country's value of the map's indicator in `year` and the sources they come from (sorted)."""
    frame = store.values_for_map(indicator, year)
    values = dict(zip(frame["iso3"].tolist(), frame["value"].astype(float).tolist()))
    return values, tuple(sorted(set(frame["source"])))


@cache
def indicator_sources(store, indicator: str, year: int) -> tuple[str, ...]:
    """The sources of the map's indicator in `year`, in the order of the rows that use them (the source block's)."""
    return tuple(store.values_for_map(indicator, year)["source"].unique().tolist())


@cache
def indicator_texts(store, indicator: str, year: int, lang: str) -> dict[str, str]:
    """Each of those values as the hover and the panel write it in `lang` (format_value: Babel's digits)."""
    unit = store.indicator_meta(indicator, lang)["unit"]
    values, _ = indicator_values(store, indicator, year)
    return {code: format_value(value, unit, lang) for code, value in values.items() if math.isfinite(value)}


@cache
def trend_series(store, indicator: str) -> dict[str, tuple[list[int], list[float], str]]:
    """iso3 → its years, values and the source of its last year, of every country with the indicator (the focus
    panel's trend): what `store.series(indicator, iso3s=[code])` returns, for all of them at once."""
    frame = store.series(indicator)
    found: dict[str, tuple[list, list, list]] = {}
    for code, year, value, source in zip(frame["iso3"].tolist(), frame["year"].tolist(), frame["value"].tolist(),
                                         frame["source"].tolist()):
        years, values, sources = found.setdefault(code, ([], [], []))
        years.append(year)
        values.append(value)
        sources.append(source)
    return {code: (years, values, sources[-1]) for code, (years, values, sources) in found.items()}


@cache
def hover_names(store, scope_ids: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The countries of an extent as the hover box names them (long names in lines that fit)."""
    return tuple(wrap_hover_line(store.country_name(code, lang)) for code in scope_ids)


def build_indexes(store, scopes: dict[str, tuple[str, ...]], indicators, years, langs) -> None:
    """Everything above for every focus country, year, indicator, extent and language (~0.2 s, ~4 MB)."""
    for emigrants in (True, False):
        partner_lists(store, emigrants)
    for lang in langs:
        _persons_parts(lang)
        for ids in scopes.values():
            hover_names(store, ids, lang)
        for indicator in indicators:
            for year in years:
                indicator_texts(store, indicator, year, lang)
                indicator_sources(store, indicator, year)
                indicator_rows(store, indicator, year)


@cache
def indicator_rows(store, indicator: str, year: int) -> dict[str, tuple[float, str]]:
    """Every country's value of the map's indicator in `year` and its source (the CSV download's rows)."""
    frame = store.values_for_map(indicator, year)
    return dict(zip(frame["iso3"].tolist(), zip(frame["value"].astype(float).tolist(), frame["source"].tolist())))
