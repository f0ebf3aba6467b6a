"""A selection's values (`map_frame`): every country of the extent coloured, written and named for its hover, the
colour bar and the title; everything of the figure that changes with a selection, and nothing of the geometry."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from figures.common import separators, source_label, wrap_hover_line
from figures.map import parts as map_parts
from figures.map.indicators import (BILATERAL_SOURCE, EMIGRANT_KEYS, FOCUS_HOVER_KEYS, FOCUS_TITLE_KEYS, INDICATOR_KEYS,
                                    INDICATORS)
from figures.map.scale import NO_DATA_SHARE, _ticks, _to_scale, _value_range, is_log_scale
from i18n import format_value, t


@dataclass(frozen=True)
class MapFrame:
    """Everything of the figure that changes with a selection (and nothing of the geometry)."""

    locations: list[str]
    z: list[float]
    customdata: list[list[str]]
    hovertemplate: str
    zmin: float
    zmax: float
    tickvals: list[float]
    ticktext: list[str]
    colorbar_title: str
    focus: str | None
    title: str
    has_values: bool = True  # False: every country is "No data", so no colour bar (its ticks would be invented)
    separators: str = ".,"  # the language's decimal and thousands marks (figures.common.separators)


@lru_cache(maxsize=64)  # the play button revisits a loop of years; ~35 kB each (sizes: serving/memory.py)
def map_frame(store, indicator_key: str, year: int, scope_ids: tuple[str, ...], focus: str | None,
              lang: str) -> MapFrame:
    """Values for every country of the extent: the indicator, or in focus mode the focus country's partners.
    Put together from figures/map/parts.py's indexes (no pandas, no Babel per country): equal to
    `figures.map.reference.map_frame_reference`, the same built through pandas."""
    if focus:
        return _focus_frame(store, indicator_key, year, scope_ids, focus, lang)
    indicator = INDICATORS[indicator_key]
    unit = store.indicator_meta(indicator, lang)["unit"]
    log = is_log_scale(unit)
    values, sources = map_parts.indicator_values(store, indicator, year)
    low, high = _value_range(store, indicator, scope_ids, log)
    title = t(INDICATOR_KEYS[indicator_key], lang)
    return _frame(store, scope_ids, values, map_parts.indicator_texts(store, indicator, year, lang), low, high, log,
                  unit, lang,
                  hover_lines=[t("map.hover_year", lang, year=year),
                               t("map.hover_source", lang, source="; ".join(source_label(store, s, lang) for s in sources))],
                  colorbar_title=t("map.unit_persons", lang) if unit == "persons" else t("map.unit_percent", lang),
                  focus=None, title=t("map.title", lang, indicator=title, year=year))


def _focus_frame(store, indicator_key, year, scope_ids, focus, lang) -> MapFrame:
    found = map_parts.partner_list(store, indicator_key in EMIGRANT_KEYS, focus, year)
    low, high = found.low, found.high  # log10 of the extreme positive values (map_parts._scale_of)
    name = store.country_name(focus, lang)
    direction = "emigrants" if indicator_key in EMIGRANT_KEYS else "immigrants"
    return _frame(store, scope_ids, found.by_code, None, min(low, high - 1), high, True, "persons", lang,
                  hover_lines=[t(FOCUS_HOVER_KEYS[direction], lang, country=name, year=year),
                               t("map.hover_source", lang, source=source_label(store, BILATERAL_SOURCE, lang))],
                  colorbar_title=t("map.unit_persons", lang), focus=focus,
                  title=t(FOCUS_TITLE_KEYS[direction], lang, country=name, year=year), partners=found)


def _frame(store, scope_ids, values: dict, texts: dict | None, low, high, log, unit, lang, *, hover_lines,
           colorbar_title, focus, title, partners: map_parts.PartnerList | None = None) -> MapFrame:
    """`values`: iso3 → value; `texts`: iso3 → the value as written in `lang` (format_value), None: counts of
    persons, written here (a focus country's partners: kept per language they took ~5 MB for ~0.07 ms; their
    places on the scale and digits are kept, `partners`, and put in the extent here)."""
    no_data = round(low - (high - low) * NO_DATA_SHARE / (1 - NO_DATA_SHARE), 4)
    no_data_text = t("common.no_data", lang)
    places = _places(scope_ids)
    if texts is None and log and places is not None and partners is not None and partners.high == high:
        z, shown, has_values = _partner_cells(places, len(scope_ids), partners, no_data, no_data_text, lang)
        tickvals, ticktext = _ticks(low, high, log, unit, lang)
    else:
        raw = np.array([values.get(iso3, map_parts.NAN) for iso3 in scope_ids], dtype=float)
        scaled = _to_scale(raw, log)
        z = [round(v, 4) for v in np.where(np.isfinite(scaled), np.minimum(scaled, high), no_data).tolist()]
        finite = np.isfinite(raw).tolist()
        if texts is None:
            shown = [map_parts.persons_text(value, lang) if ok else no_data_text
                     for value, ok in zip(raw.tolist(), finite)]
        else:
            shown = [texts[iso3] if ok else no_data_text for iso3, ok in zip(scope_ids, finite)]
        tickvals, ticktext = _ticks(low, high, log, unit, lang)
        if not log and np.nanmax(np.append(scaled, -np.inf)) > high:  # the top colour also stands for higher values
            kept = [(v, text) for v, text in zip(tickvals, ticktext) if v < high - (high - low) * 0.08]  # no overlap
            tickvals = [v for v, _ in kept] + [high]
            ticktext = [text for _, text in kept] + [t("map.or_more", lang, value=format_value(high, unit, lang))]
        has_values = bool(np.isfinite(scaled).any())
    return MapFrame(
        locations=list(scope_ids),
        z=z,
        # long names, too, in lines that fit
        customdata=[[name, text] for name, text in zip(map_parts.hover_names(store, scope_ids, lang), shown)],
        hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
                       + "<br>".join(wrap_hover_line(line) for line in hover_lines) + "<extra></extra>"),
        zmin=no_data, zmax=high,
        tickvals=[no_data + (low - no_data) / 2, *tickvals],
        ticktext=[t("common.no_data", lang), *ticktext],
        colorbar_title=colorbar_title, focus=focus, has_values=has_values,
        separators=separators(lang),
        title=title if has_values else t("map.title_no_data", lang, title=title),
    )


@cache
def _places(scope_ids: tuple[str, ...]) -> dict[str, int] | None:
    """Each country's place in an extent (None: a country listed twice, which the partners' path cannot place)."""
    places = {code: place for place, code in enumerate(scope_ids)}
    return places if len(places) == len(scope_ids) else None


def _partner_cells(places: dict[str, int], size: int, partners: map_parts.PartnerList, no_data: float,
                   no_data_text: str, lang: str) -> tuple[list, list, bool]:
    """z, hover texts and whether any has a value, of a focus country's partners in an extent: each partner in the
    extent put in its place with its cell and digits made once (map_parts.PartnerList), the others "no data" as they
    are. What the extent-wide arrays give (the same numpy log10 of each value, the same rounding; `round(no_data, 4)`
    is `no_data`), with work for the few dozen partners instead of each of the extent's 69 or 238 countries, and
    none of it numpy's or Babel's per answer."""
    z, shown = [no_data] * size, [no_data_text] * size
    has_values = False
    for place, cell, text in map_parts.placed_partners(partners, places, lang):
        if cell is not None:
            z[place] = cell
            has_values = True
        if text is not None:
            shown[place] = text
    return z, shown, has_values
