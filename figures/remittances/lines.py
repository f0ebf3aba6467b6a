"""The line charts of the remittances view assembled from one piece per country, without pandas at request time.

A first-time trend chart was mostly rebuilding what it had built before for another selection: each chosen country's
rows filtered out of a frame, its hover texts written by Babel point by point, its arrays encoded, the whole figure
tidied and serialised. Here a country's line is taken from the store's arrays (`DataStore.series_arrays`) and, in
a language, kept as the JSON of its serialised traces (`line_piece`: the line, its older-release segments and their
labels, what its end label says); a selection's figure is those pieces in the order chosen, each in the colour the
selection gives it, and a layout made by the same functions as `trend.build_trend_figure`'s.

`trend.trend_data` / `build_trend_figure` (pandas, one figure built whole) stay the reference:
tests/figures/remittances/test_lines.py compares both for many selections, measures, sources, base years, scales
and both languages, and tests/layouts/remittances/test_trend.py the callbacks' outputs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import orjson

from figures.common import base_layout_dict, country_colour, separators, show_empty, unpaletted
from figures.plain import PLAIN, plain_layout, plain_trace
from figures.remittances.parts import chosen_source, country_name, not_reporting, source_label, unit_of, value_text
from figures.remittances.disagreements import DISAGREEMENT_TOLERANCE, _alternatives_of, disagreements_of
from figures.remittances.trend import (TREND_MARGIN, amount_ticks, end_label, line_trace, older_text, older_trace,
                                       right_margin, scale_parts_of, y_axis_style)
from i18n import t


@dataclass(frozen=True)
class Line:
    """One country's drawn rows (years ascending) and the older releases' segments beside them."""

    code: str
    years: np.ndarray  # int64
    values: np.ndarray  # float64
    shown: np.ndarray  # the value, or its % change since the base year
    sources: tuple[str, ...]  # per point
    older: tuple[tuple[str, np.ndarray, np.ndarray], ...]  # (source, years ascending, values) per segment


@dataclass(frozen=True)
class Lines:
    """What a line chart draws (as `trend.TrendData`, the rows one `Line` per country) and what it can't."""

    lines: tuple[Line, ...]  # in the store's order of codes (sorted), as TrendData's rows
    order: tuple[str, ...]
    not_reported: tuple[str, ...]
    no_data: tuple[str, ...]
    no_base: tuple[str, ...]
    indicator: str
    source: str | None
    base_year: int | None

    @property
    def drawn(self) -> tuple[str, ...]:
        present = {line.code for line in self.lines}
        return tuple(code for code in self.order if code in present)

    @property
    def by_code(self) -> dict[str, Line]:
        return {line.code: line for line in self.lines}

    def used_sources(self) -> list[str]:
        """The sources of the drawn rows, in the order the rows name them (TrendData.rows["source"])."""
        return list(dict.fromkeys(source for line in self.lines for source in line.sources))

    def shown_values(self) -> np.ndarray:
        """Every drawn value (and, in values mode, every older segment's): what the y axis must hold."""
        parts = [line.shown for line in self.lines]
        if self.base_year is None:
            parts += [values for line in self.lines for _, _, values in line.older]
        return np.concatenate(parts) if parts else np.array([], dtype=float)


def lines_data(store, indicator: str, iso3s, source: str | None = None, base_year: int | None = None) -> Lines:
    """`trend.trend_data` from the store's arrays: the same rows, one Line per country."""
    order = tuple(dict.fromkeys(iso3s))
    asked = chosen_source(store, indicator, source)
    by_code = store.series_arrays(indicator, asked)[0]
    flagged = not_reporting(store, indicator)
    lines, no_base, present = [], [], set()
    for code in sorted(code for code in set(order) if code not in flagged and code in by_code):
        line = line_of(store, indicator, asked, base_year, code)
        if line is NO_BASE:
            no_base.append(code)
        elif line is not None:
            lines.append(line)
        else:
            continue
        present.add(code)
    not_reported = tuple(code for code in order if code in flagged)
    no_data = tuple(code for code in order if code not in present and code not in flagged)
    return Lines(tuple(lines), order, not_reported, no_data, tuple(no_base), indicator, asked, base_year)


NO_BASE = "no base"  # a country with values, none of them (or 0) in the base year: it drops out, named


LINES_KEPT = 512  # a Line is a few small arrays (~1 kB): ~0.5 MB at most


@lru_cache(maxsize=LINES_KEPT)  # a selection's lines are mostly lines of earlier selections (read, never changed)
def line_of(store, indicator: str, asked: str | None, base_year: int | None, code: str) -> Line | str | None:
    """`code`'s Line of `indicator` in source `asked` (None: the default rule), None without a value, NO_BASE
    without a value in the base year."""
    by_code, years_of, values_of, sources_of = store.series_arrays(indicator, asked)
    positions = by_code.get(code)
    if positions is None:
        return None
    values = values_of[positions]
    kept = ~np.isnan(values)
    if not kept.all():
        positions, values = positions[kept], values[kept]
    if not len(positions):
        return None
    years = years_of[positions]
    shown = values
    if base_year is not None:
        at = np.flatnonzero(years == base_year)
        base = values[at[0]] if len(at) else 0.0
        if base == 0:
            return NO_BASE
        shown = (values / base - 1.0) * 100.0
    sources = tuple(sources_of[i] for i in positions.tolist())
    older = older_segments_of(store, indicator, code) if asked is None and base_year is None else ()
    return Line(code, years, values, shown, sources, older)


def older_segments_of(store, indicator: str, code: str) -> tuple:
    """(source, years, values) of each older release's segment of `code`: sources in the order the store gives
    them, years ascending (as trend.older_segments)."""
    by_code, years_of, values_of, sources_of = store.segment_arrays(indicator)
    positions = by_code.get(code)
    if positions is None:
        return ()
    grouped: dict[str, list[int]] = {}
    for position in positions.tolist():
        grouped.setdefault(str(sources_of[position]), []).append(position)
    segments = []
    for source, rows in grouped.items():
        years, values = years_of[rows], values_of[rows]
        order = np.argsort(years, kind="stable")
        segments.append((source, years[order], values[order]))
    return tuple(segments)


# A country's line in a language, as the JSON of its serialised traces: ~2.1 kB in English, ~2.7 in Russian (3.6 at
# most) since a line's source is written once (trend.hover_split; 5 and 9 kB before), so twice the lines are kept in
# less room than before (512: ~1.2 MB at most): the Central Asian five and their neighbours in each measure, source
# and language, and the other countries a worker was asked for, whose pieces a first-time chart then need not build.
PIECES_KEPT = 512


def line_piece(store, lines: Lines, code: str, lang: str) -> dict:
    """The serialised pieces of `code`'s line in `lines` (a new copy at each call): "trace" (its line colour
    left empty), "older" (traces, same), "older_ends" (each older segment's [source, first year, last year, last
    value, label text]: `trend.older_ends` without the code), "end" ([year, value, shown] of its last point) and
    "text" (its end label's value)."""
    return orjson.loads(_line_piece(store, lines.indicator, lines.source, lines.base_year, code, lang))


@lru_cache(maxsize=PIECES_KEPT)
def _line_piece(store, indicator: str, source: str | None, base_year: int | None, code: str, lang: str) -> bytes:
    line = line_of(store, indicator, source, base_year, code)
    unit = unit_of(store, indicator)
    name = country_name(store, code, lang)
    labels = {source: source_label(store, source, lang) for source in dict.fromkeys(line.sources)}
    trace = line_trace(PLAIN, name, code, line.years, line.shown, line.values,
                       [labels[source] for source in line.sources], colour="", unit=unit, base_year=base_year,
                       lang=lang)
    older, older_ends = [], []
    for source, years, values in line.older:
        label = source_label(store, source, lang) or source
        older.append(plain_trace(older_trace(PLAIN, name, code, source, label, years, values, colour="", unit=unit,
                                             lang=lang)))
        older_ends.append([source, int(years[0]), int(years[-1]), float(values[-1]), older_text(label, lang)])
    year, value, shown = int(line.years[-1]), float(line.values[-1]), float(line.shown[-1])
    text = end_text(value, shown, unit, base_year is not None, lang)
    return orjson.dumps(_serialised({"trace": plain_trace(trace), "older": older, "older_ends": older_ends,
                                     "end": [year, value, shown], "text": text}))


def _serialised(value):
    from layouts.common import serialised  # what Dash sends: the encoder the callbacks' answers go through

    return serialised(value)


def end_text(value: float, shown: float, unit: str, relative: bool, lang: str) -> str:
    from figures.remittances.parts import change_text

    return change_text(shown, lang) if relative else value_text(value, unit, lang)


def _coloured(trace: dict, colour: str) -> dict:
    trace["line"]["color"] = colour
    return trace


def line_ends_of(lines: Lines, pieces: dict[str, dict], names: dict[str, str], colours: dict[str, str]) -> list:
    """(code, last year, last shown value, colour, label) of each drawn line, as trend.line_ends."""
    latest = max((pieces[code]["end"][0] for code in lines.drawn), default=None)
    return [(code, pieces[code]["end"][0], pieces[code]["end"][2], colours[code],
             end_label(names[code], pieces[code]["text"], pieces[code]["end"][0], latest))
            for code in lines.drawn]


def assemble_trend_figure(store, lines: Lines, *, scale: str, lang: str, title: str, subtitle: str = "",
                          height: int = 460, empty_text: str | None = None) -> dict:
    """`common.serialised(trend.build_trend_figure(...))` for `lines`, from the countries' pieces."""
    relative = lines.base_year is not None
    drawn = lines.drawn
    pieces = {code: line_piece(store, lines, code, lang) for code in drawn}
    others = unpaletted(lines.order)
    colours = {code: country_colour(code, others) for code in drawn}
    names = {code: country_name(store, code, lang) for code in drawn}
    traces = [_coloured(pieces[code]["trace"], colours[code]) for code in drawn]
    traces += [_coloured(trace, colours[code]) for code in drawn for trace in pieces[code]["older"]]
    unit = unit_of(store, lines.indicator)
    ends = line_ends_of(lines, pieces, names, colours)
    older = [(code, *item) for code in drawn for item in pieces[code]["older_ends"]]
    parts = scale_parts_of(lines.shown_values(), relative, ends, scale=scale, lang=lang, height=height,
                           subtitle=subtitle, older=older)
    layout = base_layout_dict(height=height)
    layout.update(
        title=dict(text=title, subtitle=dict(text=parts["subtitle"]), x=0.01, font=dict(size=15)),
        margin=dict(**TREND_MARGIN, r=right_margin(ends, older)),
        showlegend=False, dragmode=False, separators=separators(lang),
        annotations=parts["annotations"],
    )
    if relative:  # where every line is 0 by construction
        layout["shapes"] = [dict(type="line", xref="x", yref="paper", x0=lines.base_year, x1=lines.base_year, y0=0,
                                 y1=1, line=dict(color="#666", width=1, dash="dot"), name="base-year")]
    x_range = None
    if lines.lines:
        firsts = [int(line.years.min()) for line in lines.lines]
        lasts = [int(line.years.max()) for line in lines.lines]
        for line in lines.lines:
            for _, years, _ in line.older:
                firsts.append(int(years[0]))
                lasts.append(int(years[-1]))
        x_range = [float(min(firsts)) - 0.5, float(max(lasts)) + 0.5]
    layout["xaxis"].update(range=x_range, tickformat="d", ticks="outside")
    layout["yaxis"].update(type=parts["type"], range=parts["range"], dtick=parts["dtick"],
                           **y_axis_style(unit, relative, lang), **amount_ticks(parts, unit, relative, lang))
    if not traces:
        show_empty(layout, empty_text or t("common.no_data", lang))
    return {"data": traces, "layout": plain_layout(layout)}


def line_ends(store, lines: Lines, lang: str) -> list[tuple]:
    """trend.line_ends of `lines` (without the pieces: a scale patch needs no hover text)."""
    unit = unit_of(store, lines.indicator)
    relative = lines.base_year is not None
    by_code = lines.by_code
    drawn = lines.drawn
    latest = max((int(by_code[code].years[-1]) for code in drawn), default=None)
    others = unpaletted(lines.order)
    ends = []
    for code in drawn:
        line = by_code[code]
        year, value, shown = int(line.years[-1]), float(line.values[-1]), float(line.shown[-1])
        ends.append((code, year, shown, country_colour(code, others),
                     end_label(country_name(store, code, lang), end_text(value, shown, unit, relative, lang), year,
                               latest)))
    return ends


def older_ends_of(store, lines: Lines, lang: str) -> list[tuple]:
    """trend.older_ends of `lines`."""
    by_code = lines.by_code
    return [(code, source, int(years[0]), int(years[-1]), float(values[-1]),
             older_text(source_label(store, source, lang) or source, lang))
            for code in lines.drawn for source, years, values in by_code[code].older]


def patch_lines_scale(store, lines: Lines, *, scale: str, lang: str, height: int, subtitle: str = ""):
    """trend.patch_trend_scale of `lines`: only what a new axis scale changes."""
    from dash import Patch

    unit = unit_of(store, lines.indicator)
    relative = lines.base_year is not None
    parts = scale_parts_of(lines.shown_values(), relative, line_ends(store, lines, lang), scale=scale, lang=lang,
                           height=height, subtitle=subtitle, older=older_ends_of(store, lines, lang))
    patch = Patch()
    patch["layout"]["yaxis"]["type"] = parts["type"]
    patch["layout"]["yaxis"]["range"] = parts["range"]
    patch["layout"]["yaxis"]["dtick"] = parts["dtick"]
    for key, value in amount_ticks(parts, unit, relative, lang).items():
        patch["layout"]["yaxis"][key] = value
    patch["layout"]["annotations"] = parts["annotations"]
    patch["layout"]["title"]["subtitle"]["text"] = parts["subtitle"]
    return patch


def lines_disagreements(store, lines: Lines) -> list[dict]:
    """trend.disagreements of the drawn rows."""
    codes, years, values, sources = [], [], [], []
    for line in lines.lines:
        codes += [line.code] * len(line.years)
        years += line.years.tolist()
        values += line.values.tolist()
        sources += line.sources
    return disagreements_of(store, lines.indicator, codes, years, values, sources)


def disagreements_of_lines(store, lines: Lines) -> list[dict]:
    """`lines_disagreements`, each country's found once per indicator and source (a line's values and sources do
    not change with the base year: that only keeps or drops the whole line) and merged in the same order."""
    found = [item for line in lines.lines for item in _line_disagreements(store, lines.indicator, lines.source,
                                                                           line.code)]
    return sorted(found, key=lambda item: (-item["difference"], item["iso3"], -item["year"]))


@lru_cache(maxsize=2048)  # a few small dicts per country at most
def _line_disagreements(store, indicator: str, source: str | None, code: str) -> tuple[dict, ...]:
    line = line_of(store, indicator, source, None, code)
    if not isinstance(line, Line):
        return ()
    cells = _alternatives_of(store, indicator, (code,))
    found: dict[int, dict] = {}
    for year, value, source_shown in zip(line.years.tolist(), line.values.tolist(), line.sources):
        for other_source, other_value in cells.get((code, year), ()):
            if other_source == source_shown:
                continue
            difference = _relative_difference(other_value, value)
            if not difference > DISAGREEMENT_TOLERANCE:
                continue
            best = found.get(year)
            if best is None or difference > best["difference"]:  # the first of equal differences stays
                found[year] = dict(iso3=code, year=year, value=float(value), source=source_shown,
                                   other_value=float(other_value), other_source=other_source, difference=difference)
    return tuple(found.values())


def _relative_difference(other: float, value: float) -> float:
    """|other − value| / |value| as numpy divides floats (÷0: inf, 0÷0: nan), without numpy's per-call error
    state (most of the blocks' time when it was asked per cell)."""
    numerator, denominator = abs(other - value), abs(value)
    if denominator:
        return numerator / denominator
    return math.inf if numerator > 0 else math.nan
