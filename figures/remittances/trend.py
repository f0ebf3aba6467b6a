"""The trend chart: personal remittances received, % of GDP or US$, for the chosen countries and aggregates, and
Russia's personal remittances paid on the same time axis (the same builder). Lines are labelled at their end; years
only older releases have are dashed segments of their own; where sources disagree is listed under the chart
(figures/remittances/disagreements.py)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from dash import Patch

from figures.common import (base_layout_dict, country_colour, locale_ticks, readable_text_colour, separators,
                            show_empty, unpaletted)
from figures.plain import PLAIN
from figures.remittances.disagreements import _alternatives_by_country  # indexed before the workers fork
from figures.remittances.parts import (MEASURES, OUTFLOW_INDICATOR, PCT_INDICATOR, axis_range, change_text,
                                       chosen_source, hover_source, not_reporting, sources_for, tidy, value_text)
from i18n import format_compact, t


# End-of-line labels closer than this are pushed apart: one line of the largest label text any screen shows (18 px on
# a slide, assets/present.js MIN_TEXT; 16 px on a projector) with its line spacing, so labels enlarged for a room
# never stack into each other. Charts drawn taller than built only spread them further.
LARGEST_LABEL_PX = 18
LABEL_GAP_PX = round(1.2 * LARGEST_LABEL_PX)
LABEL_CHAR_PX = 7.2  # rough width of a label character, to leave room on the right for end labels
END_LABEL_MAX_PX = 260  # the most of a chart's width end labels may take; a longer label goes on two lines
TREND_MARGIN = dict(l=70, t=70, b=40)


@dataclass(frozen=True)
class TrendData:
    """What a line chart draws, and what it can't."""

    rows: pd.DataFrame  # iso3, year, value, source, shown (= value, or % change since base_year)
    order: tuple[str, ...]  # the chosen codes, in the order chosen
    not_reported: tuple[str, ...]  # chosen, but the country does not report remittances
    no_data: tuple[str, ...]  # chosen, but no value in the source
    no_base: tuple[str, ...]  # relative mode: no value in the base year
    indicator: str
    source: str | None  # the source asked for (None: the default rule)
    base_year: int | None
    older: pd.DataFrame = field(default=None)  # iso3, year, value, source: years only older releases have

    @property
    def drawn(self) -> tuple[str, ...]:
        present = set(self.rows["iso3"])
        return tuple(code for code in self.order if code in present)


EMPTY_OLDER = pd.DataFrame(columns=["iso3", "year", "value", "source"])


def series_rows(store, indicator: str, iso3s, source: str | None) -> pd.DataFrame:
    """[iso3, year, value, source] of the chosen codes, without the countries that do not report."""
    reported = [code for code in iso3s if code not in not_reporting(store, indicator)]
    rows = store.series(indicator, iso3s=reported, source=source)
    return rows[rows["value"].notna()].reset_index(drop=True)


def trend_data(store, indicator: str, iso3s, source: str | None = None, base_year: int | None = None) -> TrendData:
    order = tuple(dict.fromkeys(iso3s))
    asked = chosen_source(store, indicator, source)
    rows = series_rows(store, indicator, order, asked)
    present = set(rows["iso3"])
    flagged = not_reporting(store, indicator)
    not_reported = tuple(code for code in order if code in flagged)
    no_data = tuple(code for code in order if code not in present and code not in flagged)
    rows, no_base = relative_change(rows, base_year)
    # Years only an older release has: drawn apart (dashed, labelled), never joined to the line. Not in relative
    # mode (a change against a base year of another release would mix them) nor for a chosen source.
    older = EMPTY_OLDER
    if asked is None and base_year is None:
        older = store.other_segments(indicator, [code for code in present])
    return TrendData(rows, order, not_reported, no_data, no_base, indicator, asked, base_year, older)


def relative_change(rows: pd.DataFrame, base_year: int | None) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Add `shown`: the value itself, or its % change since `base_year` (countries without that year drop out)."""
    if base_year is None:
        return rows.assign(shown=rows["value"]), ()
    base = rows[rows["year"] == base_year].set_index("iso3")["value"]
    base = base[base != 0]
    no_base = tuple(code for code in dict.fromkeys(rows["iso3"]) if code not in base.index)
    rows = rows[rows["iso3"].isin(base.index)]
    return rows.assign(shown=(rows["value"] / rows["iso3"].map(base) - 1.0) * 100.0), no_base


def spread_labels(positions: list[float], min_gap: float, heights: list[float] | None = None,
                  bounds: tuple[float, float] | None = None) -> list[float]:
    """Move label positions (any order, same unit as `min_gap`) at least `min_gap` apart, as little as possible.

    Sorted bottom to top, labels too close to each other make a cluster, stacked `min_gap` apart and centred on where
    its labels would be (their mean displacement is 0), merged with the cluster below while they overlap: a label
    away from any other stays where it is, a cluster spreads both ways around where it was. `heights` (in lines,
    default 1 each) make a two-line label take two gaps' room: neighbours' centres are `min_gap` × the mean of their
    heights apart. `bounds` (low, high): a cluster is kept with its centres within them where it fits (a cluster at
    0 stood half below the plot, on the year labels); one taller than they are keeps its bottom in.
    """
    if not positions:
        return []
    heights = heights or [1.0] * len(positions)
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    clusters: list[list] = []  # [bottom centre, offsets of its labels from the bottom one, their indices]
    for i in order:
        clusters.append([positions[i], [0.0], [i]])
        while True:
            bottom, offsets, members = clusters[-1]
            # centred: the mean of (wanted − offset) over its labels
            bottom = sum(positions[j] - offset for j, offset in zip(members, offsets)) / len(members)
            if bounds is not None:
                low, high = bounds
                bottom = max(low, min(bottom, high - offsets[-1]))
            clusters[-1][0] = bottom
            if len(clusters) < 2:
                break
            below_bottom, below_offsets, below_members = clusters[-2]
            gap = min_gap * (heights[below_members[-1]] + heights[members[0]]) / 2
            top_below = below_bottom + below_offsets[-1]
            if bottom - top_below >= gap:
                break
            start = below_offsets[-1] + gap
            clusters[-2:] = [[below_bottom, below_offsets + [start + offset for offset in offsets],
                              below_members + members]]
    result = [0.0] * len(positions)
    for bottom, offsets, members in clusters:
        for offset, i in zip(offsets, members):
            result[i] = bottom + offset
    return result


def y_axis_style(unit: str, relative: bool, lang: str) -> dict:
    """Tick labels with their unit: '30%', 'US$ 5B', or '+50%' for a change."""
    if relative:
        return dict(ticksuffix=t("common.tick_percent", lang), tickformat="+,~r", zeroline=True, zerolinecolor="#666")
    if unit == "%":
        return dict(ticksuffix=t("common.tick_percent", lang), tickformat=",~r")
    # One text with the number's place ("US$ {value}", "{value} долл."): gettext has no empty translations.
    prefix, _, suffix = t("remittances.usd_tick", lang).partition("{value}")
    return dict(tickprefix=prefix, ticksuffix=suffix, exponentformat="B")


def amount_ticks(parts: dict, unit: str, relative: bool, lang: str) -> dict:
    """US$ ticks written by Babel where plotly's '16B' would be English ('16 млрд долл.'); none in English."""
    if relative or unit == "%" or not parts["range"]:
        return {}
    return locale_ticks(*parts["range"], lang,
                        lambda v: t("remittances.usd_tick", lang, value=format_compact(v, lang)),
                        log=parts["type"] == "log")


def hover_texts(years, values, shown, sources, *, unit: str, base_year: int | None, lang: str) -> list[str]:
    """The hover body of each point: year and value with its unit (or the change), then source and vintage.

    One string per point (not a nested customdata array), so a figure is small and quick to serialise.
    """
    return ["<br>".join((*lines, hover_source(source, lang)))
            for lines, source in zip(_point_lines(years, values, shown, unit=unit, base_year=base_year, lang=lang),
                                     sources)]


def _point_lines(years, values, shown, *, unit: str, base_year: int | None, lang: str):
    """Each point's own hover lines: year and value with its unit (or the change and the value)."""
    for year, value, change in zip(years, values, shown):
        value_str = value_text(float(value), unit, lang)
        if base_year is None:
            yield (t("remittances.hover_year_value", lang, year=year, value=value_str),)
        else:
            yield (t("remittances.hover_change", lang, year=year, change=change_text(change, lang), base=base_year),
                   t("remittances.hover_value", lang, value=value_str))


def hover_split(years, values, shown, sources, *, unit: str, base_year: int | None,
                lang: str) -> tuple[list[str], str]:
    """`hover_texts` as (each point's text, what every point's text ends with). A line is one release (data/query/):
    its source line is then written once, after `%{hovertext}` in the trace's hovertemplate, instead of in each
    point's text — the box plotly draws says the same, and the source was ~4/5 of a line chart's bytes. Points of
    several sources (or a source text with a %{…} placeholder for plotly) keep it in their texts."""
    labels = set(sources)
    if len(labels) == 1:
        source_text = hover_source(next(iter(labels)), lang)
        if "%{" not in source_text:  # plotly.js fills in only %{…} (its TEMPLATE_STRING_REGEX)
            return (["<br>".join(lines) for lines in _point_lines(years, values, shown, unit=unit,
                                                                   base_year=base_year, lang=lang)],
                    "<br>" + source_text)
    return hover_texts(years, values, shown, sources, unit=unit, base_year=base_year, lang=lang), ""


def line_ends(data: TrendData, names: dict[str, str], unit: str, lang: str) -> list[tuple]:
    """(code, last year, last drawn value, colour, label) of each drawn line: what the end labels say."""
    relative = data.base_year is not None
    last: dict[str, tuple] = {}
    for code, year, value, shown in zip(data.rows["iso3"].tolist(), data.rows["year"].tolist(),
                                        data.rows["value"].tolist(), data.rows["shown"].tolist()):
        if code not in last or year > last[code][0]:
            last[code] = (int(year), float(value), float(shown))
    ends = []
    latest = max((year for year, *_ in last.values()), default=None)
    for code in data.drawn:
        year, value, shown = last[code]
        text = change_text(shown, lang) if relative else value_text(value, unit, lang)
        ends.append((code, year, shown, line_colour(data, code), end_label(names[code], text, year, latest)))
    return ends


def end_label(name: str, text: str, year: int, latest: int | None) -> str:
    """'Kyrgyzstan 20.4%': a line's name and last value; a line that stops earlier than the others says when
    ("Kyrgyzstan 20.4% (2023)" next to 2024 values); too long for the margin, on two lines."""
    label = f"{name} {text}" + (f" ({year})" if year != latest else "")
    if label_width(label) > END_LABEL_MAX_PX:  # 'Российская Федерация 8,3 млрд долл. США' ran off the chart
        label = f"{name}<br>{label[len(name) + 1:]}"
    return label


def label_width(label: str) -> int:
    """Room on the right for an end label: its longest line, roughly, plus the gap to the line's end."""
    return int(24 + LABEL_CHAR_PX * max(len(line) for line in label.split("<br>")))


def line_colour(data: TrendData, code: str) -> str:
    """A country's own colour (figures.common.COUNTRY_COLOURS), whatever else is chosen; others a grey each."""
    return country_colour(code, unpaletted(data.order))


def scale_parts(data: TrendData, ends: list[tuple], *, scale: str, lang: str, height: int,
                subtitle: str = "", older: list[tuple] = ()) -> dict:
    """What a change of axis scale changes: axis type and range, end-label positions (the lines' and the older
    segments', `older_ends`), the subtitle."""
    relative = data.base_year is not None
    shown = data.rows["shown"].to_numpy(dtype=float)
    if data.older is not None and len(data.older) and not relative:  # the dashed segments must fit too
        shown = np.concatenate([shown, data.older["value"].to_numpy(dtype=float)])
    return scale_parts_of(shown, relative, ends, scale=scale, lang=lang, height=height, subtitle=subtitle,
                          older=older)


def scale_parts_of(shown: np.ndarray, relative: bool, ends: list[tuple], *, scale: str, lang: str, height: int,
                   subtitle: str = "", older: list[tuple] = ()) -> dict:
    """`scale_parts` of a chart whose drawn values (and older segments') are `shown`."""
    log = scale == "log" and not relative  # a change can be negative: never on a log axis
    y_range = axis_range(shown, log, include_zero=not log)
    if relative and scale == "log":
        subtitle = " · ".join(part for part in (subtitle, t("remittances.log_relative_note", lang)) if part)
    return dict(type="log" if log else "linear", range=y_range,
                annotations=end_labels(ends, y_range, log, height, older),
                subtitle=subtitle, dtick=1 if log else None)  # log: one tick per power of ten, not 2 and 5 too


def right_margin(ends: list[tuple], older: list[tuple] = ()) -> int:
    """Room on the right for the end labels and the labels right of older segments that continue their line (as
    wide as an end label of as many characters: smaller here, they are as large on a projector, assets/present.js)."""
    trailing = trailing_older(ends, older)
    widths = [label_width(label) for *_, label in ends] + [label_width(item[-1]) for item in trailing]
    return min(END_LABEL_MAX_PX, max(widths, default=24))


def build_trend_figure(data: TrendData, *, names: dict[str, str], source_labels: dict[str, str], unit: str,
                       scale: str, lang: str, title: str, subtitle: str = "", height: int = 460,
                       x_range: list[float] | None = None, empty_text: str | None = None, kit=PLAIN):
    """One line per code, labelled at its end; hover says value, unit, year, source and vintage. With no line to
    draw, `empty_text` (default: "No data") stands in the middle instead of empty axes. A plain figure dict
    (figures/plain.py); `kit=VALIDATED` builds the same through plotly's validation (the tests' reference)."""
    relative = data.base_year is not None
    traces = []
    # Each code's rows, in their order, as numpy arrays (a pandas groupby and four columns per line cost more than
    # the rest of the chart).
    positions: dict[str, list[int]] = {}
    for position, code in enumerate(data.rows["iso3"].tolist()):
        positions.setdefault(code, []).append(position)
    all_years, all_shown = data.rows["year"].to_numpy(dtype=int), data.rows["shown"].to_numpy(dtype=float)
    all_values, all_sources = data.rows["value"].to_numpy(dtype=float), data.rows["source"].tolist()
    for code in data.drawn:
        rows = positions[code]
        traces.append(line_trace(kit, names[code], code, all_years[rows], all_shown[rows], all_values[rows],
                                 [source_labels[all_sources[i]] for i in rows], colour=line_colour(data, code),
                                 unit=unit, base_year=data.base_year, lang=lang))
    traces += older_traces(data, names, source_labels, unit, lang, kit)
    ends = line_ends(data, names, unit, lang)
    older = older_ends(data, source_labels, lang)
    parts = scale_parts(data, ends, scale=scale, lang=lang, height=height, subtitle=subtitle, older=older)
    layout = base_layout_dict(height=height)
    layout.update(
        title=dict(text=title, subtitle=dict(text=parts["subtitle"]), x=0.01, font=dict(size=15)),
        margin=dict(**TREND_MARGIN, r=right_margin(ends, older)),
        showlegend=False, dragmode=False, separators=separators(lang),
        annotations=parts["annotations"],
    )
    if relative:  # where every line is 0 by construction
        layout["shapes"] = [dict(type="line", xref="x", yref="paper", x0=data.base_year, x1=data.base_year, y0=0,
                                 y1=1, line=dict(color="#666", width=1, dash="dot"), name="base-year")]
    if x_range is None and len(data.rows):
        years = data.rows["year"]
        if data.older is not None and len(data.older):
            years = pd.concat([years, data.older["year"]])
        x_range = [float(years.min()) - 0.5, float(years.max()) + 0.5]
    layout["xaxis"].update(range=x_range, tickformat="d", ticks="outside")
    layout["yaxis"].update(type=parts["type"], range=parts["range"], dtick=parts["dtick"],
                           **y_axis_style(unit, relative, lang), **amount_ticks(parts, unit, relative, lang))
    if not traces:
        show_empty(layout, empty_text or t("common.no_data", lang))
    return kit.Figure(traces, layout)


def line_trace(kit, name: str, code: str, years, shown, values, labels, *, colour: str, unit: str,
               base_year: int | None, lang: str):
    """A country's line: its points, hover texts (value, unit, year, source and vintage), in its colour."""
    texts, shared = hover_split(years, values, shown, labels, unit=unit, base_year=base_year, lang=lang)
    return kit.Scatter(
        x=years, y=shown, name=name, mode="lines+markers", hovertext=texts, connectgaps=False, meta=code,
        hovertemplate=f"<b>{name}</b><br>%{{hovertext}}{shared}<extra></extra>",
        line=dict(color=colour, width=2.5), marker=dict(size=4),
    )


def older_segments(data: TrendData):
    """(code, source, years, values) of each older-release segment, in the order of the chosen codes, its sources
    in the order they come, its years ascending (numpy arrays: grouping the frame per chart with pandas was a
    third of a first-time trend chart)."""
    older = data.older if data.older is not None else EMPTY_OLDER
    if not len(older):
        return
    segments: dict[str, dict[str, list[int]]] = {}
    for position, (code, source) in enumerate(zip(older["iso3"].tolist(), older["source"].tolist())):
        segments.setdefault(code, {}).setdefault(str(source), []).append(position)
    years_of, values_of = older["year"].to_numpy(dtype=int), older["value"].to_numpy(dtype=float)
    for code in data.drawn:
        for source, positions in segments.get(code, {}).items():
            years, values = years_of[positions], values_of[positions]
            order = np.argsort(years, kind="stable")
            yield code, source, years[order], values[order]


def older_segments_reference(data: TrendData):
    """`older_segments` through pandas, as it was (the tests compare both)."""
    older = data.older if data.older is not None else EMPTY_OLDER
    for code in data.drawn:
        rows = older[older["iso3"] == code]
        for source, frame in rows.groupby("source", sort=False):
            frame = frame.sort_values("year")
            yield code, str(source), frame["year"].to_numpy(dtype=int), frame["value"].to_numpy(dtype=float)


def older_traces(data: TrendData, names, source_labels, unit: str, lang: str, kit=PLAIN) -> list:
    """One dashed, thinner line per (country, older release): visibly not the country's line, never joined to it."""
    traces = []
    for code, source, years, values in older_segments(data):
        traces.append(older_trace(kit, names[code], code, source, source_labels.get(source) or source, years, values,
                                  colour=line_colour(data, code), unit=unit, lang=lang))
    return traces


def older_trace(kit, name: str, code: str, source: str, label: str, years, values, *, colour: str, unit: str,
                lang: str):
    texts, shared = hover_split(years, values, values, [label] * len(years), unit=unit, base_year=None, lang=lang)
    return kit.Scatter(
        x=years, y=values, mode="lines+markers", connectgaps=False, meta=f"{code}:older:{source}",
        name=f"{name} — {t('revisions.older_release', lang, source=label)}", hovertext=texts,
        hovertemplate=f"<b>{name}</b> ({t('revisions.older_release', lang, source=label)})<br>"
                      f"%{{hovertext}}{shared}<extra></extra>",
        line=dict(color=colour, width=1.5, dash="dash"), marker=dict(size=3, symbol="circle-open"),
    )


OLDER_LABEL_FONT = dict(size=10, color="#555")


def older_ends(data: TrendData, source_labels, lang: str) -> list[tuple]:
    """(code, source, first year, last year, last value, label text) of each older segment, as `older_segments`
    orders them: what `end_labels` places their labels from."""
    return [(code, source, int(years[0]), int(years[-1]), float(values[-1]),
             older_text(source_labels.get(source) or source, lang))
            for code, source, years, values in older_segments(data)]


def older_text(label: str, lang: str) -> str:
    """Short: the release's vintage ("older release: 2025-02-07"; the full name is in the hover and the source
    line)."""
    vintage = label.rsplit("(", 1)[-1].rstrip(")") if label.endswith(")") else label
    return t("revisions.older_release", lang, source=vintage)


def trailing_older(ends: list[tuple], older: list[tuple]) -> list[tuple]:
    """The older segments that begin after their country's line ends (WDI 2025-02's 2022–2023 after a line to
    2021): labelled at their right end like a line, in the stack of end labels."""
    last = {code: year for code, year, *_ in ends}
    return [item for item in older if item[0] in last and item[2] > last[item[0]]]


def patch_trend_scale(data: TrendData, *, names: dict[str, str], unit: str, scale: str, lang: str, height: int,
                      subtitle: str = "", source_labels: dict[str, str] | None = None) -> Patch:
    """Only what a new axis scale changes (a few hundred bytes instead of the whole figure)."""
    parts = scale_parts(data, line_ends(data, names, unit, lang), scale=scale, lang=lang, height=height,
                        subtitle=subtitle, older=older_ends(data, source_labels or {}, lang))
    patch = Patch()
    patch["layout"]["yaxis"]["type"] = parts["type"]
    patch["layout"]["yaxis"]["range"] = parts["range"]
    patch["layout"]["yaxis"]["dtick"] = parts["dtick"]
    for key, value in amount_ticks(parts, unit, data.base_year is not None, lang).items():
        patch["layout"]["yaxis"][key] = value
    patch["layout"]["annotations"] = parts["annotations"]
    patch["layout"]["title"]["subtitle"]["text"] = parts["subtitle"]
    return patch


END_LABEL_FONT_PX = 13


def end_labels(ends, y_range, log: bool, height: int, older: list[tuple] = ()) -> list[dict]:
    """Names at the end of their lines (readable on a projector, no legend to decode), and the older releases'
    labels, none on another.

    A line's label and the label of an older segment that continues it ("older release: 2025-02-07" right of the
    dashed 2022–2023) stand right of where the country's drawing ends, so that no label runs across its own dashes,
    and all of these are one stack pushed apart by a line of the largest text (a two-line label by two): their
    widths depend on the screen, so any two are kept apart in height whatever their years. An older segment
    before or inside its line keeps its label under the segment's end, leftwards (assets/present.js fits it to
    the room there)."""
    if not y_range:
        return []
    plot_px = height - TREND_MARGIN["t"] - TREND_MARGIN["b"]
    span = (y_range[1] - y_range[0]) or 1.0

    def axis_value(value: float) -> float | None:
        if not log:
            return value
        return math.log10(value) if value > 0 else None

    trailing = trailing_older(ends, older)
    drawn_to: dict[str, int] = {}
    for code, _, _, last_year, *_ in trailing:
        drawn_to[code] = max(drawn_to.get(code, last_year), last_year)
    stack = []  # (x, axis value, colour, text, font, name)
    for code, year, value, colour, label in ends:
        if axis_value(value) is not None:
            stack.append((max(year, drawn_to.get(code, year)), axis_value(value), readable_text_colour(colour),
                          label, END_LABEL_FONT_PX, f"end-{code}"))
    for code, source, _, last_year, value, text in trailing:
        if axis_value(value) is not None:
            stack.append((last_year, axis_value(value), OLDER_LABEL_FONT["color"], text, OLDER_LABEL_FONT["size"],
                          f"older-{code}-{source}"))
    positions = [(value - y_range[0]) / span * plot_px for _, value, *_ in stack]
    heights = [text.count("<br>") + 1 for _, _, _, text, *_ in stack]
    half = LABEL_GAP_PX / 2  # a label may stand half over the plot's edge (where the axis is), not further
    placed = spread_labels(positions, LABEL_GAP_PX, heights, bounds=(-half, plot_px + half))
    labels = [dict(x=x, y=value, text=text, showarrow=False, xanchor="left", xshift=8, yshift=after - before,
                   font=dict(color=colour, size=size), name=name)
              for (x, value, colour, text, size, name), before, after in zip(stack, positions, placed)]
    ends_placed = [label for label in labels if label["name"].startswith("end-")]
    trailing_placed = {label["name"]: label for label in labels if not label["name"].startswith("end-")}
    result = ends_placed
    for code, source, _, last_year, value, text in older:
        name = f"older-{code}-{source}"
        if name in trailing_placed:
            result.append(trailing_placed[name])
        elif axis_value(value) is not None:
            result.append(dict(x=last_year, y=axis_value(value), xanchor="right", yanchor="top", yshift=-6,
                               showarrow=False, font=dict(OLDER_LABEL_FONT), name=name, text=text))
    return result


def trend_table(data: TrendData, store, lang: str) -> pd.DataFrame:
    """The line chart's data as a tidy table (the CSV download): every drawn value with its source."""
    return tidy(store, data.rows, data.indicator, lang, base_year=data.base_year)


def build_indexes(store) -> None:
    """Every source's values of the line charts' indicators, indexed (see DataStore.build_indexes)."""
    for indicator in (*MEASURES.values(), OUTFLOW_INDICATOR):
        _alternatives_by_country(store, indicator)
        for source in (None, *sources_for(store, indicator)):  # each line's rows (figures/remittances/lines.py)
            store.series_arrays(indicator, source)
        store.segment_arrays(indicator)
    for source in (None, *sources_for(store, PCT_INDICATOR)):  # each year's ranking (figures/remittances/ranking.py)
        store.map_arrays(PCT_INDICATOR, source)
