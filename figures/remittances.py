"""Remittances view: pure builders from curated values to plotly figures and to the tables behind them.

Five charts, each with the table of exactly what it draws (the table alternative and the CSV download):
  trend    personal remittances received, % of GDP or US$, for the chosen countries and aggregates;
  outflow  Russia's personal remittances paid, on the same time axis (the same builder as trend);
  economy  Russia's real GDP growth and the rouble's depreciation against the US$, bars on the same time axis;
  ranking  the top recipients by % of GDP in one year, Central Asia highlighted, with each one's world rank;
  cost     the average total cost of sending 200 US$ from Russia, per corridor and period (RPW).

Nothing here knows about Dash callbacks; the store is only read. Figures are built in one go
(`go.Figure(traces, layout)`): a chain of `update_*` calls costs several times more, on every interaction.
Lookups that depend only on the store (names, source labels, which cells several sources cover) are cached.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel import Locale
from dash import Patch

from figures.common import (HOVER_LINE_CHARS, LINE_COLOURS, add_provenance, base_layout_dict, country_colour,
                            locale_ticks, separators, wrap_hover_line,
                            readable_text_colour, show_empty, source_label, unpaletted)
from i18n import N_, format_compact, format_number, format_period, format_value, t

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
ECONOMY_INDICATORS = (GROWTH_INDICATOR, DEPRECIATION_INDICATOR)
COST_MEASURE = "cost_pct"
COST_AXIS_END = "2022Q4"  # the cost chart's time axis runs past the extract, so the missing years are visible
DEFAULT_SOURCE = "default"  # the URL value for "the curated default rule" (newest vintage first, per value)
TOP_N = 20
DISAGREEMENT_TOLERANCE = 0.05  # relative difference above which two sources "disagree" on a value
# Groups a user can add in one go (ids of the curated country groups).
GROUPS = ("ca5", "almaty_member", "almaty_observer", "main_destinations", "customs_union_2013")

# Lines and highlighted bars take each country's own colour (figures.common.country_colour).
OTHER_BAR = "#b4bcc6"
GAP_FILL = "rgba(120, 120, 120, 0.12)"
# Russia's growth in the blue of Russia's outflow line; the rouble in vermillion (Okabe–Ito, distinct for all).
ECONOMY_COLOURS = {GROWTH_INDICATOR: LINE_COLOURS[0], DEPRECIATION_INDICATOR: LINE_COLOURS[5]}
# End-of-line labels closer than this are pushed apart: one line of the largest label text any screen shows (18 px on
# a slide, assets/present.js MIN_TEXT; 16 px on a projector) with its line spacing, so labels enlarged for a room
# never stack into each other. Charts drawn taller than built only spread them further.
LARGEST_LABEL_PX = 18
LABEL_GAP_PX = round(1.2 * LARGEST_LABEL_PX)
LABEL_CHAR_PX = 7.2  # rough width of a label character, to leave room on the right for end labels
END_LABEL_MAX_PX = 260  # the most of a chart's width end labels may take; a longer label goes on two lines
TREND_MARGIN = dict(l=70, t=70, b=40)
ECONOMY_MARGIN = dict(l=TREND_MARGIN["l"], t=80, b=40)  # the same left edge as the trend charts: years line up


# ---------------------------------------------------------------------------------------------------------------
# Cached lookups (depend on the store only)
# ---------------------------------------------------------------------------------------------------------------
@cache
def sources_for(store, indicator: str) -> tuple[str, ...]:
    return tuple(store.sources_for(indicator))


@cache
def country_name(store, code: str, lang: str) -> str:
    return store.country_name(code, lang)




@cache
def unit_of(store, indicator: str) -> str:
    return store.indicator_meta(indicator)["unit"]


@lru_cache(maxsize=1 << 16)
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


# ---------------------------------------------------------------------------------------------------------------
# Trend: remittances over time
# ---------------------------------------------------------------------------------------------------------------
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


@cache
def not_reporting(store, indicator: str = PCT_INDICATOR) -> frozenset[str]:
    """Countries the metadata flags as not reporting the indicator."""
    return frozenset(store.not_reported(indicator))


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


def spread_labels(positions: list[float], min_gap: float) -> list[float]:
    """Move label positions (any order, same unit as `min_gap`) at least `min_gap` apart, as little as possible.

    Sorted bottom to top, each label is pushed up past its lower neighbour; then all are shifted back down by the
    mean displacement (a uniform shift keeps the gaps), so a cluster spreads both ways around where it was.
    """
    if not positions:
        return []
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[order[0]]]
    for i in order[1:]:
        placed.append(max(positions[i], placed[-1] + min_gap))
    shift = sum(placed[rank] - positions[i] for rank, i in enumerate(order)) / len(order)
    result = [0.0] * len(positions)
    for rank, i in enumerate(order):
        result[i] = placed[rank] - shift
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


def hover_source(label: str, lang: str) -> str:
    """'Source: …' for a hover box, broken into lines short enough for the box to fit beside a narrow chart."""
    text = t("remittances.hover_source", lang, source=label)
    return wrap_hover_line(text)


def hover_texts(years, values, shown, sources, *, unit: str, base_year: int | None, lang: str) -> list[str]:
    """The hover body of each point: year and value with its unit (or the change), then source and vintage.

    One string per point (not a nested customdata array), so a figure is small and quick to serialise.
    """
    texts = []
    for year, value, change, source in zip(years, values, shown, sources):
        source_text = hover_source(source, lang)
        value_str = value_text(float(value), unit, lang)
        if base_year is None:
            lines = (t("remittances.hover_year_value", lang, year=year, value=value_str), source_text)
        else:
            lines = (t("remittances.hover_change", lang, year=year, change=change_text(change, lang),
                       base=base_year), t("remittances.hover_value", lang, value=value_str), source_text)
        texts.append("<br>".join(lines))
    return texts


def line_ends(data: TrendData, names: dict[str, str], unit: str, lang: str) -> list[tuple]:
    """(code, last year, last drawn value, colour, label) of each drawn line: what the end labels say."""
    relative = data.base_year is not None
    last: dict[str, tuple] = {}
    for code, year, value, shown in zip(data.rows["iso3"], data.rows["year"], data.rows["value"],
                                        data.rows["shown"]):
        if code not in last or year > last[code][0]:
            last[code] = (int(year), float(value), float(shown))
    ends = []
    latest = max((year for year, *_ in last.values()), default=None)
    for code in data.drawn:
        year, value, shown = last[code]
        text = change_text(shown, lang) if relative else value_text(value, unit, lang)
        # A line that stops earlier than the others says when: "Kyrgyzstan 20.4% (2023)" next to 2024 values.
        label = f"{names[code]} {text}" + (f" ({year})" if year != latest else "")
        if label_width(label) > END_LABEL_MAX_PX:  # 'Российская Федерация 8,3 млрд долл. США' ran off the chart
            label = f"{names[code]}<br>{label[len(names[code]) + 1:]}"
        ends.append((code, year, shown, line_colour(data, code), label))
    return ends


def label_width(label: str) -> int:
    """Room on the right for an end label: its longest line, roughly, plus the gap to the line's end."""
    return int(24 + LABEL_CHAR_PX * max(len(line) for line in label.split("<br>")))


def line_colour(data: TrendData, code: str) -> str:
    """A country's own colour (figures.common.COUNTRY_COLOURS), whatever else is chosen; others a grey each."""
    return country_colour(code, unpaletted(data.order))


def scale_parts(data: TrendData, ends: list[tuple], *, scale: str, lang: str, height: int,
                subtitle: str = "") -> dict:
    """What a change of axis scale changes: axis type and range, end-label positions, the subtitle."""
    relative = data.base_year is not None
    log = scale == "log" and not relative  # a change can be negative: never on a log axis
    shown = data.rows["shown"].to_numpy(dtype=float)
    if data.older is not None and len(data.older) and not relative:  # the dashed segments must fit too
        shown = np.concatenate([shown, data.older["value"].to_numpy(dtype=float)])
    y_range = axis_range(shown, log, include_zero=not log)
    if relative and scale == "log":
        subtitle = " · ".join(part for part in (subtitle, t("remittances.log_relative_note", lang)) if part)
    return dict(type="log" if log else "linear", range=y_range, annotations=end_labels(ends, y_range, log, height),
                subtitle=subtitle, dtick=1 if log else None)  # log: one tick per power of ten, not 2 and 5 too


def build_trend_figure(data: TrendData, *, names: dict[str, str], source_labels: dict[str, str], unit: str,
                       scale: str, lang: str, title: str, subtitle: str = "", height: int = 460,
                       x_range: list[float] | None = None, empty_text: str | None = None) -> go.Figure:
    """One line per code, labelled at its end; hover says value, unit, year, source and vintage. With no line to
    draw, `empty_text` (default: "No data") stands in the middle instead of empty axes."""
    relative = data.base_year is not None
    traces = []
    groups = dict(tuple(data.rows.groupby("iso3", sort=False)))
    for code in data.drawn:
        frame = groups[code]
        years = frame["year"].to_numpy(dtype=int)
        shown = frame["shown"].to_numpy(dtype=float)
        texts = hover_texts(years, frame["value"].to_numpy(dtype=float), shown,
                            [source_labels[s] for s in frame["source"]], unit=unit, base_year=data.base_year,
                            lang=lang)
        traces.append(go.Scatter(
            x=years, y=shown, name=names[code], mode="lines+markers", hovertext=texts, connectgaps=False, meta=code,
            hovertemplate=f"<b>{names[code]}</b><br>%{{hovertext}}<extra></extra>",
            line=dict(color=line_colour(data, code), width=2.5), marker=dict(size=4),
        ))
    traces += older_traces(data, names, source_labels, unit, lang)
    ends = line_ends(data, names, unit, lang)
    parts = scale_parts(data, ends, scale=scale, lang=lang, height=height, subtitle=subtitle)
    layout = base_layout_dict(height=height)
    layout.update(
        title=dict(text=title, subtitle=dict(text=parts["subtitle"]), x=0.01, font=dict(size=15)),
        margin=dict(**TREND_MARGIN, r=min(END_LABEL_MAX_PX, max((label_width(label) for *_, label in ends), default=24))),
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
    layout["annotations"] = list(layout["annotations"]) + older_labels(data, source_labels, lang)
    if not traces:
        show_empty(layout, empty_text or t("common.no_data", lang))
    return go.Figure(traces, layout)


def older_segments(data: TrendData):
    """(code, source, frame) of each older-release segment, in the order of the chosen codes."""
    older = data.older if data.older is not None else EMPTY_OLDER
    for code in data.drawn:
        rows = older[older["iso3"] == code]
        for source, frame in rows.groupby("source", sort=False):
            yield code, str(source), frame.sort_values("year")


def older_traces(data: TrendData, names, source_labels, unit: str, lang: str) -> list[go.Scatter]:
    """One dashed, thinner line per (country, older release): visibly not the country's line, never joined to it."""
    traces = []
    for code, source, frame in older_segments(data):
        label = source_labels.get(source) or source
        years = frame["year"].to_numpy(dtype=int)
        values = frame["value"].to_numpy(dtype=float)
        texts = hover_texts(years, values, values, [label] * len(years), unit=unit, base_year=None, lang=lang)
        traces.append(go.Scatter(
            x=years, y=values, mode="lines+markers", connectgaps=False, meta=f"{code}:older:{source}",
            name=f"{names[code]} — {t('revisions.older_release', lang, source=label)}", hovertext=texts,
            hovertemplate=f"<b>{names[code]}</b> ({t('revisions.older_release', lang, source=label)})<br>"
                          "%{hovertext}<extra></extra>",
            line=dict(color=line_colour(data, code), width=1.5, dash="dash"), marker=dict(size=3, symbol="circle-open"),
        ))
    return traces


def older_labels(data: TrendData, source_labels, lang: str) -> list[dict]:
    """A small label at the start of each older segment naming its release."""
    labels = []
    for code, source, frame in older_segments(data):
        last = frame.iloc[-1]
        # Short: the release's vintage (the full name is in the hover and the source line), under the segment's end.
        label = source_labels.get(source) or source
        vintage = label.rsplit("(", 1)[-1].rstrip(")") if label.endswith(")") else label
        labels.append(dict(x=int(last["year"]), y=float(last["value"]), xanchor="right", yanchor="top", yshift=-6,
                           showarrow=False, font=dict(size=10, color="#555"), name=f"older-{code}-{source}",
                           text=t("revisions.older_release", lang, source=vintage)))
    return labels


def patch_trend_scale(data: TrendData, *, names: dict[str, str], unit: str, scale: str, lang: str, height: int,
                      subtitle: str = "") -> Patch:
    """Only what a new axis scale changes (a few hundred bytes instead of the whole figure)."""
    parts = scale_parts(data, line_ends(data, names, unit, lang), scale=scale, lang=lang, height=height,
                        subtitle=subtitle)
    patch = Patch()
    patch["layout"]["yaxis"]["type"] = parts["type"]
    patch["layout"]["yaxis"]["range"] = parts["range"]
    patch["layout"]["yaxis"]["dtick"] = parts["dtick"]
    for key, value in amount_ticks(parts, unit, data.base_year is not None, lang).items():
        patch["layout"]["yaxis"][key] = value
    patch["layout"]["annotations"] = parts["annotations"]
    patch["layout"]["title"]["subtitle"]["text"] = parts["subtitle"]
    return patch


def end_labels(ends, y_range, log: bool, height: int) -> list[dict]:
    """Names at the end of their lines (readable on a projector, no legend to decode), pushed apart if close."""
    if not ends or not y_range:
        return []
    plot_px = height - TREND_MARGIN["t"] - TREND_MARGIN["b"]
    span = (y_range[1] - y_range[0]) or 1.0
    ends = [end for end in ends if not (log and end[2] <= 0)]
    axis_values = [math.log10(value) if log else value for _, _, value, *_ in ends]
    positions = [(value - y_range[0]) / span * plot_px for value in axis_values]
    placed = spread_labels(positions, LABEL_GAP_PX)
    return [dict(x=year, y=axis_value, text=label, showarrow=False, xanchor="left", xshift=8,
                 yshift=after - before, font=dict(color=readable_text_colour(colour), size=13), name=f"end-{code}")
            for (code, year, _, colour, label), axis_value, before, after
            in zip(ends, axis_values, positions, placed)]


def share_time_axis(*figures: dict) -> tuple[dict, ...]:
    """Serialised line charts stacked on one time axis: the same years and the same right margin (room for end
    labels), so that a year sits at the same place in each. Returns new dicts; the ones given are not changed."""
    ranges = [f["layout"]["xaxis"].get("range") for f in figures if f["layout"]["xaxis"].get("range")]
    x_range = [min(r[0] for r in ranges), max(r[1] for r in ranges)] if ranges else None
    right = max(f["layout"]["margin"]["r"] for f in figures)
    return tuple({**f, "layout": {**f["layout"], "margin": {**f["layout"]["margin"], "r": right},
                                  "xaxis": {**f["layout"]["xaxis"], "range": x_range}}} for f in figures)


def trend_table(data: TrendData, store, lang: str) -> pd.DataFrame:
    """The line chart's data as a tidy table (the CSV download): every drawn value with its source."""
    return tidy(store, data.rows, data.indicator, lang, base_year=data.base_year)


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
    no_data = t("common.no_data", lang)
    body = []
    for key in sorted(set(rows[index]), key=sort_key, reverse=True):
        row = [label(key)]
        for code in codes:
            value = cells.get((key, code))
            if value is None or not math.isfinite(value):
                row.append(no_data)
            else:
                row.append(signed_text(code, value, lang) if change else value_text(float(value), unit, lang))
        body.append(row)
    return codes, body


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


def disagreements(store, indicator: str, shown: pd.DataFrame,
                  tolerance: float = DISAGREEMENT_TOLERANCE) -> list[dict]:
    """Country-years where another source's value differs from the shown one by more than `tolerance` (relative).

    One item per country-year (its most different other source), largest relative difference first:
    iso3, year, value and source shown, other_value and other_source, difference.
    """
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


# ---------------------------------------------------------------------------------------------------------------
# Russia's economy and the rouble, on the trend charts' time axis
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EconomyData:
    rows: pd.DataFrame  # indicator, iso3, year, value, source: the payer's values of ECONOMY_INDICATORS
    iso3: str

    def of(self, indicator: str) -> pd.DataFrame:
        return self.rows[self.rows["indicator"] == indicator]


def economy_data(store, iso3: str = PAYER) -> EconomyData:
    """The payer's real GDP growth and its currency's depreciation against the US$ (default source per value)."""
    frames = [store.series(indicator, iso3s=[iso3]).assign(indicator=indicator) for indicator in ECONOMY_INDICATORS]
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[rows["value"].notna()][["indicator", "iso3", "year", "value", "source"]]
    return EconomyData(rows.reset_index(drop=True), iso3)


DEPENDENCE_THRESHOLD = 10.0  # % of GDP: "remittance-dependent" for the sentence under Russia's economy


def dependent_economies(store, candidates) -> list[str]:
    """The candidates whose latest remittances received are at least DEPENDENCE_THRESHOLD % of GDP."""
    latest = store.series(PCT_INDICATOR, iso3s=list(candidates)).sort_values("year").groupby("iso3")["value"].last()
    return [code for code in candidates if code not in not_reporting(store) and latest.get(code, 0) >= DEPENDENCE_THRESHOLD]


def years_all_fell(store, iso3s, indicator: str = USD_INDICATOR) -> list[int]:
    """Years in which the value fell from the year before in every one of `iso3s` (all must have both years)."""
    if not iso3s:
        return []
    wide = store.series(indicator, iso3s=list(iso3s)).pivot(index="year", columns="iso3", values="value")
    wide = wide.reindex(range(int(wide.index.min()), int(wide.index.max()) + 1))  # a gap is not a fall
    change = wide.diff()
    fell = (change < 0).all(axis=1) & change.notna().all(axis=1)
    return [int(year) for year in change.index[fell]]


def economy_hover_texts(indicator: str, years, values, sources, lang: str) -> list[str]:
    """Year and signed value, source and vintage; for the rouble also which way it moved (positive = weaker)."""
    texts = []
    for year, value, source in zip(years, values, sources):
        lines = [t("remittances.hover_year_value", lang, year=year, value=signed_text(indicator, float(value), lang))]
        if indicator == DEPRECIATION_INDICATOR:
            lines.append(t("remittances.hover_rouble_weaker", lang) if value > 0 else
                         t("remittances.hover_rouble_stronger", lang) if value < 0 else
                         t("remittances.hover_rouble_unchanged", lang))
        lines.append(hover_source(source, lang))
        texts.append("<br>".join(lines))
    return texts


def build_economy_figure(data: EconomyData, *, names: dict[str, str], source_labels: dict[str, str], lang: str,
                         title: str, height: int = 280) -> go.Figure:
    """Two bar series per year around a marked zero line (both are % changes: one y axis, no scaling tricks)."""
    traces = []
    for indicator in ECONOMY_INDICATORS:
        frame = data.of(indicator)
        years = frame["year"].to_numpy(dtype=int)
        values = frame["value"].to_numpy(dtype=float)
        texts = economy_hover_texts(indicator, years, values, [source_labels[s] for s in frame["source"]], lang)
        traces.append(go.Bar(
            x=years, y=values, name=names[indicator], meta=indicator, hovertext=texts, offsetgroup=indicator,
            hovertemplate=f"<b>{names[indicator]}</b><br>%{{hovertext}}<extra></extra>",
            marker=dict(color=ECONOMY_COLOURS[indicator]),
        ))
    layout = base_layout_dict(height=height)
    layout.update(
        title=dict(text=title, x=0.01, font=dict(size=15)), margin=dict(**ECONOMY_MARGIN, r=20),
        barmode="group", bargap=0.15, bargroupgap=0.0, dragmode=False, separators=separators(lang),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", font=dict(size=13)),
    )
    if len(data.rows):
        first, last = float(data.rows["year"].min()) - 0.5, float(data.rows["year"].max()) + 0.5
        layout["xaxis"].update(range=[first, last])
        # Zero only where there are values: on the shared axis, a line through earlier years would read as 0%.
        layout["shapes"] = [dict(type="line", xref="x", yref="y", x0=first, x1=last, y0=0, y1=0, layer="above",
                                 line=dict(color="#333", width=1.5), name="zero")]
        layout["annotations"] = [dict(
            # Two short lines (see the catalogue), right-aligned: one long line ran into the y axis' labels.
            xref="x", yref="paper", x=first, y=0.5, xanchor="right", xshift=-6, showarrow=False, name="no-data",
            align="right",
            font=dict(size=12, color="#555"), text=t("remittances.economy_no_data_before", lang,
                                                     year=int(data.rows["year"].min())))]
    layout["xaxis"].update(tickformat="d", ticks="outside")
    y_range = axis_range(data.rows["value"].to_numpy(dtype=float), log=False, include_zero=True)
    # No '%' on the ticks: growth is in %, the rouble in log points (100 × Δln); the legend names each unit.
    layout["yaxis"].update(range=y_range, tickformat=",~r")
    return go.Figure(traces, layout)


def patch_time_axis(figure: dict) -> Patch:
    """What `share_time_axis` changes in a chart that does not change itself: its years and its right margin."""
    patch = Patch()
    patch["layout"]["xaxis"]["range"] = figure["layout"]["xaxis"].get("range")
    patch["layout"]["margin"]["r"] = figure["layout"]["margin"]["r"]
    return patch


def economy_table(data: EconomyData, store, lang: str) -> pd.DataFrame:
    """The chart's data as a tidy table (the CSV download): every drawn value with its source."""
    return pd.concat([tidy(store, data.of(indicator), indicator, lang) for indicator in ECONOMY_INDICATORS],
                     ignore_index=True)


# ---------------------------------------------------------------------------------------------------------------
# Ranking: top recipients by % of GDP in one year
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RankingData:
    rows: pd.DataFrame  # iso3, value, source, rank: the top N, then highlighted countries below it
    year: int
    count: int  # countries with data that year (not counting those that do not report)
    ranks: dict[str, int | None]  # highlighted code → world rank (None: no value that year)
    source: str | None  # the source shown (None: the default rule)
    unavailable: str | None = None  # a source chosen but without values that year (the default rule is shown)


def ranking_years(store, source: str | None = None) -> list[int]:
    return [int(year) for year in store.years(PCT_INDICATOR, source=chosen_source(store, PCT_INDICATOR, source))]


def default_rank_year(store, source: str | None = None, min_share: float = 0.8) -> int:
    """The latest year for which most countries have a value: a ranking of a handful would mislead."""
    asked = chosen_source(store, PCT_INDICATOR, source)
    counts = {year: len(store.ranking(PCT_INDICATOR, year, source=asked)) for year in ranking_years(store, source)}
    if not counts:
        raise ValueError(f"no {PCT_INDICATOR} values to rank")
    most = max(counts.values())
    return max(year for year, count in counts.items() if count >= min_share * most)


def ranking_data(store, year: int, highlight=CENTRAL_ASIA, source: str | None = None,
                 top_n: int = TOP_N) -> RankingData:
    asked = chosen_source(store, PCT_INDICATOR, source)
    ranked = store.ranking(PCT_INDICATOR, year, source=asked)
    unavailable = None
    if asked is not None and ranked.empty:  # e.g. an older vintage and a recent year: show the default, say so
        unavailable, asked = asked, None
        ranked = store.ranking(PCT_INDICATOR, year)
    ranked = ranked[~ranked["iso3"].isin(not_reporting(store)) & ranked["value"].notna()]
    # Ranked again without the non-reporting countries; equal values share the better rank, as in the store.
    ranked = ranked.assign(rank=ranked["value"].rank(method="min", ascending=False).astype(int))
    ranked = ranked.sort_values(["rank", "iso3"], kind="stable").reset_index(drop=True)
    rank_of = dict(zip(ranked["iso3"], ranked["rank"]))
    ranks = {code: (int(rank_of[code]) if code in rank_of else None) for code in highlight}
    below = ranked.iloc[top_n:]
    rows = pd.concat([ranked.iloc[:top_n], below[below["iso3"].isin(highlight)]], ignore_index=True)
    return RankingData(rows, int(year), len(ranked), ranks, asked, unavailable)


# CLDR's ordinal forms of the languages served (English: one two few other; Russian: other), as literal keys.
ORDINAL_KEYS = {"one": N_("remittances.ordinal_one"), "two": N_("remittances.ordinal_two"),
                "few": N_("remittances.ordinal_few"), "other": N_("remittances.ordinal_other")}


def ordinal(n: int, lang: str) -> str:
    """'3rd' in English, by CLDR's ordinal plural rules; each language's forms live in its catalogue."""
    form = Locale.parse({"en": "en_US", "ru": "ru_RU"}.get(lang, "en_US")).ordinal_form(n)
    return t(ORDINAL_KEYS[form], lang, n=n)


def rank_sentence(store, data: RankingData, code: str, lang: str) -> str:
    """'Tajikistan ranks 1st of 181 countries with data in 2023.', or why there is no rank."""
    name = country_name(store, code, lang)
    if code in not_reporting(store):
        return t("remittances.rank_not_reported", lang, country=name, year=data.year)
    rank = data.ranks.get(code)
    if rank is None:
        return t("remittances.rank_no_data", lang, country=name, year=data.year)
    return t("remittances.rank_sentence", lang, country=name, rank=ordinal(rank, lang), count=data.count,
             year=data.year)


def build_ranking_figure(data: RankingData, *, names: dict[str, str], source_labels: dict[str, str], lang: str,
                         title: str, highlight=CENTRAL_ASIA, top_n: int = TOP_N) -> go.Figure:
    """Horizontal bars, largest at the top; highlighted countries below the top N follow after a '⋯' row."""
    rows = data.rows
    codes = list(rows["iso3"])
    labels = [t("remittances.rank_label", lang, rank=int(rank), country=names[code])
              for code, rank in zip(codes, rows["rank"])]
    values = [float(v) for v in rows["value"]]
    # The chosen countries in their own colours (the trend's line colours), every other bar grey.
    colours = [country_colour(code, unpaletted(highlight)) if code in highlight else OTHER_BAR for code in codes]
    texts = [value_text(v, "%", lang) for v in values]
    hovers = ["<b>{}</b><br>{}<br>{}".format(
        names[code],
        t("remittances.hover_rank", lang, value=text, rank=int(rank), year=data.year, count=data.count),
        hover_source(source_labels[source], lang))
        for code, text, rank, source in zip(codes, texts, rows["rank"], rows["source"])]
    if len(rows) > top_n:  # a visible gap between the top N and the highlighted countries further down
        labels.insert(top_n, "⋯")
        values.insert(top_n, None)
        colours.insert(top_n, OTHER_BAR)
        texts.insert(top_n, "")
        hovers.insert(top_n, "")
    bars = go.Bar(x=values, y=labels, orientation="h", marker=dict(color=colours), text=texts,
                  textposition="outside", cliponaxis=False, hovertext=hovers,
                  hovertemplate="%{hovertext}<extra></extra>", name=t("remittances.measure_pct", lang))
    layout = base_layout_dict(height=max(320, 22 * len(labels) + 90))
    layout.update(title=dict(text=title, x=0.01, font=dict(size=15)), margin=dict(l=10, r=50, t=50, b=30),
                  bargap=0.25, showlegend=False, dragmode=False, separators=separators(lang))
    layout["yaxis"].update(autorange="reversed", type="category", showgrid=False, ticks="")
    layout["xaxis"].update(ticksuffix=t("common.tick_percent", lang), showgrid=True, gridcolor="#e5e5e5",
                           rangemode="tozero")
    return go.Figure([bars], layout)


def ranking_table(data: RankingData, store, lang: str) -> pd.DataFrame:
    table = tidy(store, data.rows.assign(year=data.year), PCT_INDICATOR, lang)
    table.insert(0, "rank", data.rows["rank"].astype(int).to_numpy())
    table.insert(1, "countries_with_data", data.count)
    return table


# ---------------------------------------------------------------------------------------------------------------
# Cost of sending 200 US$ from Russia (Remittance Prices Worldwide)
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CostData:
    rows: pd.DataFrame  # origin, destination, year, period, value, source (origin = the receiving country)
    order: tuple[str, ...]  # receiving countries with a corridor, in the chosen order
    no_corridor: tuple[str, ...]  # chosen, but no corridor from the payer
    periods: tuple[str, ...]  # every period of the extract, in time order (a missing one stays a gap)
    last_period: str | None
    # Quarters after the official extract from the measure's next source (third-party averages checked against the
    # official series by the build): drawn dashed, never joined to the official line.
    derived: pd.DataFrame = field(default=None)

    @property
    def drawn_until(self) -> str | None:
        if self.derived is not None and len(self.derived):
            return max(self.derived["period"], key=period_start)
        return self.last_period


@lru_cache(maxsize=256)
def period_start(period: str) -> pd.Timestamp:
    """'2013Q2' → 2013-04-01; a bare year → 1 January."""
    period = str(period)
    if "Q" in period:
        year, quarter = period.split("Q")
        return pd.Timestamp(int(year), 3 * (int(quarter) - 1) + 1, 1)
    return pd.Timestamp(int(period), 1, 1)


def period_label(period: str, lang: str) -> str:
    return format_period(period, lang)


def next_period(period: str) -> str:
    year, quarter = (int(part) for part in str(period).split("Q"))
    return f"{year + quarter // 4}Q{quarter % 4 + 1}"


@cache
def _corridors_to(store, payer: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    rows = store.corridors(COST_MEASURE, destinations=[payer])
    rows = rows[rows["value"].notna()].astype({"period": str})
    periods = tuple(sorted(set(rows["period"]), key=period_start))
    return rows.reset_index(drop=True), periods


@cache
def _derived_after(store, payer: str) -> pd.DataFrame:
    """The next source's quarters after the default source's last one (empty when there is no next source)."""
    rows, periods = _corridors_to(store, payer)
    priority = store.indicator_meta(COST_MEASURE)["source_priority"]
    if len(priority) < 2 or not periods:
        return rows.iloc[0:0]
    later = store.corridors(COST_MEASURE, destinations=[payer], source=priority[1]).astype({"period": str})
    after = later["period"].map(period_start) > period_start(periods[-1])
    return later[after & later["value"].notna()].reset_index(drop=True)


def cost_data(store, iso3s, payer: str = PAYER) -> CostData:
    """The corridors from `payer` to the chosen countries (aggregates and the payer itself have none)."""
    order = tuple(dict.fromkeys(iso3s))
    every, periods = _corridors_to(store, payer)
    rows = every[every["origin"].isin(order)].reset_index(drop=True)
    present = set(rows["origin"])
    missing = tuple(code for code in order if code not in present and code != payer
                    and (store.country(code) or {}).get("kind") == "country")
    derived = _derived_after(store, payer)
    derived = derived[derived["origin"].isin(present)].reset_index(drop=True)
    return CostData(rows, tuple(c for c in order if c in present), missing, periods, periods[-1] if periods else None,
                    derived)


def build_cost_figure(data: CostData, *, names: dict[str, str], source_labels: dict[str, str], lang: str,
                      title: str, subtitle: str = "", until: str = COST_AXIS_END, height: int = 380,
                      empty_text: str | None = None) -> go.Figure:
    """One line per corridor over all the extract's periods (a missing one breaks the line), then a grey band
    from the end of the extract to `until`, so the missing years are seen, not hidden. With no corridor to draw,
    `empty_text` (default: "No data") stands in the middle instead."""
    dates = [period_start(p) for p in data.periods]
    period_texts = [period_label(p, lang) for p in data.periods]
    no_data = t("common.no_data", lang)
    traces = []
    others = unpaletted(data.order)
    for code in data.order:
        frame = data.rows[data.rows["origin"] == code]
        by_period = dict(zip(frame["period"], zip(frame["value"], frame["source"])))
        values = [by_period[p][0] if p in by_period else None for p in data.periods]
        hovers = ["<br>".join((
            t("remittances.hover_cost", lang, period=label,
              value=value_text(float(v), "%", lang) if v is not None else no_data),
            hover_source(source_labels[by_period[p][1]], lang) if p in by_period else ""))
            for p, label, v in zip(data.periods, period_texts, values)]
        traces.append(go.Scatter(
            x=dates, y=values, name=names[code], mode="lines+markers", connectgaps=False, hovertext=hovers,
            hovertemplate=f"<b>{names[code]}</b><br>%{{hovertext}}<extra></extra>", meta=code,
            line=dict(color=country_colour(code, others), width=2.5), marker=dict(size=4),
        ))
    derived = data.derived if data.derived is not None else pd.DataFrame(columns=["origin", "period"])
    segment = t("revisions.derived_segment", lang)  # outside the f-strings, where extraction sees the key
    for code in data.order:  # one release per line: the derived quarters are a dashed segment of their own
        frame = derived[derived["origin"] == code].sort_values("period", key=lambda s: s.map(period_start))
        if frame.empty:
            continue
        label = source_labels.get(frame["source"].iloc[0], frame["source"].iloc[0])
        hovers = ["<br>".join((t("remittances.hover_cost", lang, period=period_label(p, lang),
                                 value=value_text(float(v), "%", lang)),
                               hover_source(label, lang)))
                  for p, v in zip(frame["period"], frame["value"])]
        traces.append(go.Scatter(
            x=[period_start(p) for p in frame["period"]], y=frame["value"].tolist(), mode="lines+markers",
            connectgaps=False,
            name=f"{names[code]} — {segment}", hovertext=hovers, showlegend=False,
            hovertemplate=f"<b>{names[code]}</b> ({segment})<br>%{{hovertext}}"
                          "<extra></extra>", meta=f"{code}:derived",
            line=dict(color=country_colour(code, others), width=1.5, dash="dash"),
            marker=dict(size=3, symbol="circle-open"),
        ))
    layout = base_layout_dict(height=height)
    layout.update(title=dict(text=title, subtitle=dict(text=subtitle), x=0.01, font=dict(size=15)),
                  margin=dict(l=60, r=20, t=70, b=40), dragmode=False, legend=dict(orientation="h", y=-0.12, x=0),
                  separators=separators(lang))
    layout["yaxis"].update(ticksuffix=t("common.tick_percent", lang), rangemode="tozero")
    # A date axis always: without traces plotly would guess a linear one and the dates of the band become NaN.
    layout["xaxis"].update(type="date", ticks="outside", dtick="M12", tickformat="%Y")
    if not traces:
        show_empty(layout, empty_text or t("common.no_data", lang))
    elif data.last_period:
        start, end = period_start(next_period(data.drawn_until)), period_start(next_period(until))
        if start < end:
            layout["shapes"] = [dict(type="rect", xref="x", yref="paper", x0=start, x1=end, y0=0, y1=1,
                                     fillcolor=GAP_FILL, line_width=0, layer="below", name="after-extract")]
            layout["annotations"] = [dict(
                # Anchored at the chart's right end: from the band's start it ran off the chart.
                xref="x", yref="paper", x=end, y=1, xanchor="right", yanchor="top", xshift=-4, showarrow=False,
                align="right", font=dict(size=12, color="#444"), bgcolor="rgba(255,255,255,0.85)",
                name="after-extract",
                text=t("remittances.cost_gap_band", lang, period=period_label(data.drawn_until, lang)))]
        if data.drawn_until != data.last_period:  # name the dashed quarters where they begin
            layout.setdefault("annotations", []).append(dict(
                xref="x", yref="paper", x=end, y=0.02, xanchor="right", xshift=-4, align="right",
                yanchor="bottom", showarrow=False, font=dict(size=11, color="#555"), name="derived-quarters",
                text=t("revisions.derived_short", lang)))
        layout["xaxis"]["range"] = [dates[0] - pd.Timedelta(days=45), end]
    return go.Figure(traces, layout)


def cost_table(data: CostData, store, lang: str) -> pd.DataFrame:
    meta = store.indicator_meta(COST_MEASURE, lang)
    rows = data.rows
    table = pd.DataFrame({
        "sending_country_iso3": rows["destination"].to_numpy(),
        "receiving_country_iso3": rows["origin"].to_numpy(),
        "receiving_country": [country_name(store, c, lang) for c in rows["origin"]],
        "period": rows["period"].to_numpy(),
        "measure": COST_MEASURE,
        "measure_name": meta["name"],
        "value": rows["value"].to_numpy(),
        "unit": meta["unit"],
        "source": rows["source"].to_numpy(),
    })
    return add_provenance(store, table, lang=lang)
