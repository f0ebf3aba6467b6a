"""The map's frame built as it was, through pandas (a Series per selection, reindexed; Babel per country): what
figures/map/frame.py's `map_frame` must equal (tests/figures/map/test_parts.py). Not used by the app."""
from __future__ import annotations

import math

import numpy as np

from figures.common import separators, source_label, wrap_hover_line
from figures.map.frame import MapFrame
from figures.map.indicators import (BILATERAL_SOURCE, EMIGRANT_KEYS, FOCUS_HOVER_KEYS, FOCUS_TITLE_KEYS, INDICATOR_KEYS,
                                    INDICATORS)
from figures.map.partners import partner_values
from figures.map.scale import NO_DATA_SHARE, _ticks, _to_scale, _value_range, is_log_scale
from i18n import format_value, t


def map_frame_reference(store, indicator_key: str, year: int, scope_ids: tuple[str, ...], focus: str | None,
                        lang: str) -> MapFrame:
    """Values for every country of the extent: the indicator, or in focus mode the focus country's partners."""
    if focus:
        return _focus_frame_reference(store, indicator_key, year, scope_ids, focus, lang)
    indicator = INDICATORS[indicator_key]
    meta = store.indicator_meta(indicator, lang)
    unit = meta["unit"]
    log = is_log_scale(unit)
    values = store.values_for_map(indicator, year).set_index("iso3")
    low, high = _value_range(store, indicator, scope_ids, log)
    sources = sorted(set(values["source"]))
    title = t(INDICATOR_KEYS[indicator_key], lang)
    return _frame_reference(
        store, scope_ids, values["value"], low, high, log, unit, lang,
        hover_lines=[t("map.hover_year", lang, year=year),
                     t("map.hover_source", lang, source="; ".join(source_label(store, s, lang) for s in sources))],
        colorbar_title=t("map.unit_persons", lang) if unit == "persons" else t("map.unit_percent", lang),
        focus=None, title=t("map.title", lang, indicator=title, year=year))


def _focus_frame_reference(store, indicator_key, year, scope_ids, focus, lang) -> MapFrame:
    values = partner_values(store, indicator_key, year, focus)
    positive = values[values > 0]
    low = math.log10(positive.min()) if len(positive) else 0.0
    high = math.log10(positive.max()) if len(positive) else 1.0
    name = store.country_name(focus, lang)
    direction = "emigrants" if indicator_key in EMIGRANT_KEYS else "immigrants"
    return _frame_reference(
        store, scope_ids, values, min(low, high - 1), high, True, "persons", lang,
        hover_lines=[t(FOCUS_HOVER_KEYS[direction], lang, country=name, year=year),
                     t("map.hover_source", lang, source=source_label(store, BILATERAL_SOURCE, lang))],
        colorbar_title=t("map.unit_persons", lang), focus=focus,
        title=t(FOCUS_TITLE_KEYS[direction], lang, country=name, year=year))


def _frame_reference(store, scope_ids, values, low, high, log, unit, lang, *, hover_lines, colorbar_title, focus,
                     title) -> MapFrame:
    raw = values.reindex(list(scope_ids)).to_numpy(dtype=float)
    scaled = _to_scale(raw, log)
    no_data = round(low - (high - low) * NO_DATA_SHARE / (1 - NO_DATA_SHARE), 4)
    z = np.where(np.isfinite(scaled), np.minimum(scaled, high), no_data)
    no_data_text = t("common.no_data", lang)
    texts = [format_value(v, unit, lang) if np.isfinite(v) else no_data_text for v in raw]
    names = [store.country_name(iso3, lang) for iso3 in scope_ids]
    tickvals, ticktext = _ticks(low, high, log, unit, lang)
    if not log and np.nanmax(np.append(scaled, -np.inf)) > high:  # the top colour also stands for higher values
        kept = [(v, text) for v, text in zip(tickvals, ticktext) if v < high - (high - low) * 0.08]  # no overlap
        tickvals = [v for v, _ in kept] + [high]
        ticktext = [text for _, text in kept] + [t("map.or_more", lang, value=format_value(high, unit, lang))]
    return MapFrame(
        locations=list(scope_ids),
        z=[round(float(v), 4) for v in z],
        customdata=[[wrap_hover_line(n), v] for n, v in zip(names, texts)],  # long names, too, in lines that fit
        hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
                       + "<br>".join(wrap_hover_line(line) for line in hover_lines) + "<extra></extra>"),
        zmin=no_data, zmax=high,
        tickvals=[no_data + (low - no_data) / 2, *tickvals],
        ticktext=[t("common.no_data", lang), *ticktext],
        colorbar_title=colorbar_title, focus=focus, has_values=bool(np.isfinite(scaled).any()),
        separators=separators(lang),
        title=title if np.isfinite(scaled).any() else t("map.title_no_data", lang, title=title),
    )
