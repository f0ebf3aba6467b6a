"""The map's data as plain Python, indexed once per process (in gunicorn's master before it forks:
serving/warmup.py), so that a selection seen for the first time (a focus country in any year, indicator, extent and
language) is put together from lookups instead of pandas queries and Babel formatting per country.

What figures/map/ and layouts/map/ build from these equals what they built through pandas
(figures/map/reference.py; tests/figures/map/test_parts.py compares them for every focus country and year)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from figures.common import wrap_hover_line
from i18n import format_number, format_value, format_whole, regroup, t

NAN = float("nan")


@dataclass(frozen=True)
class PartnerList:
    """A focus country's bilateral partners in one year, largest first, as `partner_values` orders them, with what
    the map draws of each in any extent and language, made once (in the master): the scale figures/map/frame.py colours
    them on (`low`, `high`) and each partner's place on it and count of persons written."""

    codes: tuple[str, ...]
    values: tuple[float, ...]
    by_code: dict[str, float]
    held: float  # their sum as pandas adds them (numpy's pairwise sum over this order)
    low: float = 0.0  # log10 of the smallest and largest positive value (0, 1: none), as the focus map's scale
    high: float = 1.0
    cells: tuple = ()  # per partner: its value on that scale (numpy's log10 of the value, at most `high`, rounded to 4
    # places), None where the map says "no data" (no positive value)
    digits: tuple = ()  # per partner: the count's digits grouped by "," (format_whole(count, "en"), which
    # i18n.regroup writes in another language), None where `persons_text` writes the value otherwise (not a whole
    # positive count) or it has none (NaN)


NO_PARTNERS = PartnerList((), (), {}, 0.0)


def _scale_of(values: np.ndarray, kept: dict) -> tuple[float, float, tuple, tuple]:
    """`low`, `high`, `cells` and `digits` of a PartnerList of these values (as figures/map/frame.py's focus map made them
    per answer: the same math.log10 of the extremes, numpy log10 of each value, np.minimum, round to 4 places).
    `kept`: the cells and digits made so far, each made once (a corridor's stock is in both directions' lists)."""
    listed = values.tolist()
    positive = [value for value in listed if value > 0]
    low = math.log10(min(positive)) if positive else 0.0
    high = math.log10(max(positive)) if positive else 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = np.log10(np.where(values > 0, values, np.nan))
    finite = np.isfinite(scaled)
    made_cells, made_digits = kept.setdefault("cells", {}), kept.setdefault("digits", {})
    cells = tuple(made_cells.setdefault(cell, cell) if ok else None
                  for cell, ok in zip((round(cell, 4) for cell in np.minimum(scaled, high).tolist()), finite.tolist()))
    digits = []
    for value in listed:
        if _is_whole_count(value):
            found = made_digits.get(value)
            if found is None:
                found = made_digits[value] = format_whole(int(value), "en")
            digits.append(found)
        else:
            digits.append(None)
    return low, high, cells, tuple(digits)


def _is_whole_count(value) -> bool:
    """A whole positive count of persons (every bilateral stock): written by `format_whole`, not format_value."""
    return type(value) is float and value.is_integer() and 0 < value < 1e15


def descending_order(values: np.ndarray) -> np.ndarray:
    """The positions `pd.Series.sort_values(ascending=False)` puts `values` in (its default quicksort, NaN last):
    ties keep the order pandas gives them, so the panel lists equal values as before."""
    mask = np.isnan(values)
    positions = np.arange(len(values))
    non_nans, non_nan_positions = values[~mask][::-1], positions[~mask][::-1]
    order = non_nan_positions[non_nans.argsort(kind="quicksort")][::-1]
    return np.concatenate([order, np.nonzero(mask)[0]])


def partner_lists(store, emigrants: bool) -> dict[tuple[str, int], PartnerList]:
    """(focus country, year) → its partners: every bilateral sum of figures/map/partners.py's `_partner_index`, sorted once."""
    return _partner_lists(store)[0 if emigrants else 1]


@cache
def _partner_lists(store) -> tuple[dict, dict]:
    """`partner_lists` of emigrants and of immigrants, made together: a corridor's stock is in both, its cell and
    digits made once (`_scale_of`)."""
    from figures.map.partners import _partner_index, _partner_slices

    kept: dict = {}
    both = []
    for emigrants in (True, False):
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
                                     float(ordered.sum()), *_scale_of(ordered, kept))
        both.append(found)
    return both[0], both[1]


def placed_partners(partners: "PartnerList", places: dict[str, int], lang: str):
    """(place, cell, text) of each of a focus country's partners that the extent `places` holds: its colour cell
    (None: not coloured) and its hover number as `persons_text` writes it (None: nothing to show), from the digits
    made once where the language's affixes allow (figures/map/frame._partner_cells, figures/map/focus)."""
    affixes = persons_affixes(lang)
    before, after = affixes if affixes is not None else ("", "")
    place_of = places.get
    for code, value, cell, digits in zip(partners.codes, partners.values, partners.cells, partners.digits):
        place = place_of(code)
        if place is None:
            continue
        if digits is not None and affixes is not None:
            text = before + regroup(digits, lang) + after
        elif math.isfinite(value):
            text = persons_text(value, lang)
        else:
            text = None
        yield place, cell, text


def partner_list(store, emigrants: bool, focus: str, year: int) -> PartnerList:
    return partner_lists(store, emigrants).get((focus, year), NO_PARTNERS)


@cache
def _persons_template(lang: str) -> str:
    """The catalogue's "{value} persons" text, as format_value uses it."""
    return t("common.persons", lang)


def persons_text(value: float, lang: str) -> str:
    """format_value(value, "persons", lang), without Decimal for a whole positive count (every bilateral stock)."""
    if _is_whole_count(value):
        return _persons_template(lang).format(value=format_whole(int(value), lang))
    return format_value(value, "persons", lang)


def partner_persons(found: PartnerList, count: int, lang: str) -> list[str]:
    """`persons_text` of the first `count` partners (the focus panel's rows), from their digits made once."""
    affixes = persons_affixes(lang)
    if affixes is None:
        return [persons_text(value, lang) for value in found.values[:count]]
    before, after = affixes
    return [before + regroup(digits, lang) + after if digits is not None else persons_text(value, lang)
            for value, digits in zip(found.values[:count], found.digits[:count])]


@cache
def _percent_text(lang: str) -> str:
    return t("common.percent", lang)


PANEL_ROWS = 10  # the focus panel's partners (layouts/map/panel.TOP_N): their shares are written once, in the master


def partner_shares(store, emigrants: bool, focus: str, year: int, lang: str) -> tuple[str, ...] | None:
    """`share_text(100 * value / total, lang)` of the first PANEL_ROWS partners' values, `total` the focus country's
    published total (figures.common.published_total): from their numbers written once (`_partner_shares`), in the
    language's marks; None when there is no total."""
    numbers = _partner_shares(store)[0 if emigrants else 1].get((focus, year))
    if numbers is None:
        return None
    marks = _number_marks(lang)
    template = _percent_text(lang)
    return tuple(template.format(value=number.translate(marks) if marks else number) for number in numbers)


@cache
def _partner_shares(store) -> tuple[dict, dict]:
    """Per direction, (focus country, year) → the number `share_text` writes for each of its first PANEL_ROWS
    partners' share of the published total, as English writes it (the digits grouped by "," and "." before the
    decimals: `_babel_steps`' text, which another language writes with its own two marks); only pairs with a total.
    Those numbers are written by Decimal (half-even on the decimal text): ~3–5 µs each, ten per focus answer."""
    from figures.common import published_total
    from figures.map.indicators import BILATERAL_SOURCE

    kept: dict[str, str] = {}
    both = []
    for emigrants, direction in ((True, "emigrants"), (False, "immigrants")):
        found = {}
        for (focus, year), partners in partner_lists(store, emigrants).items():
            total = published_total(store, direction, focus, year, BILATERAL_SOURCE)
            if total:
                numbers = (_share_number(100 * value / total) for value in partners.values[:PANEL_ROWS])
                found[focus, year] = tuple(kept.setdefault(number, number) for number in numbers)
        both.append(found)
    return both[0], both[1]


def _share_number(value: float) -> str:
    """The number `share_text(value, "en")` writes (1 decimal from 10 %, else 2)."""
    return format_number(value, "en", 1 if abs(value) >= 10 else 2)


@cache
def _number_marks(lang: str) -> dict | None:
    """The table that writes an English number (`_share_number`) with `lang`'s group and decimal marks; None when
    they are English's."""
    group, point = format_number(1000.5, lang, 1)[1:-5], format_number(1.5, lang, 1)[1:-1]
    return None if (group, point) == (",", ".") else str.maketrans({",": group, ".": point})


def share_text(value: float, lang: str) -> str:
    """format_value(value, "%", lang) with the catalogue's text looked up once per language (a partner's share)."""
    if type(value) is not float or value != value:
        return format_value(value, "%", lang)
    return _percent_text(lang).format(value=format_number(value, lang, 1 if abs(value) >= 10 else 2))


@cache
def persons_affixes(lang: str) -> tuple[str, str] | None:
    """What `persons_text` writes before and after a count's digits, when the catalogue's text is a plain "{value}"
    between two texts (None: written through `persons_text` each time)."""
    before, _, after = _persons_template(lang).partition("{value}")
    if "{value}" in after or "{" in before + after or "}" in before + after:
        return None
    return before, after


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
    _partner_shares(store)
    for lang in langs:
        _persons_template(lang)
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
