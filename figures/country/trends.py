"""The profile's small trend charts: one country's series, each point naming its year, value and source."""
from __future__ import annotations

from functools import cache

import pandas as pd
import plotly.graph_objects as go

from figures.common import COUNTRY_COLOURS, LINE_COLOURS, NEUTRAL_COLOURS, base_layout, locale_ticks, wrap_hover_line
from figures.plain import drawn_template
from i18n import format_compact, format_value, t


# The small trend charts: (key, indicator). Keys name the chart title (`country.trend_<key>`) and its graph id.
TRENDS: tuple[tuple[str, str], ...] = (
    ("remittances_gdp", "BX.TRF.PWKR.DT.GD.ZS"),
    ("remittances_received", "BX.TRF.PWKR.CD.DT"),
    ("emigrants", "CAMR.EMIG.TOTL"),
    ("immigrants", "SM.POP.TOTL"),
)

TREND_HEIGHT = 190  # px: small enough for four in a row on screen, two in a row on paper


@cache
def _trend_look(height: int, lang: str) -> dict:
    """The base look (figures/common.py `base_layout`) of a trend chart as a layout dict, computed once per height
    and language, with plotly's default template cut to the one trace type it draws (figures/plain.drawn_template:
    the same picture; its other types' entries were ~4.5 kB of each chart, four to a profile)."""
    look = base_layout(go.Figure(), height=height, lang=lang).layout.to_plotly_json()
    return drawn_template({"data": [{"type": "scatter"}], "layout": look})["layout"]


def trend_figure(series, *, unit: str, name: str, lang: str, source_names: dict[str, str],
                 height: int = TREND_HEIGHT, iso3: str | None = None, value_texts: list[str] | None = None) -> dict:
    """A small line of one country's series; each point's hover names its year, value and source.

    The series is one release (data/query/: one line, one vintage); each point still names it.
    A plain figure dict, equal to `trend_figure_reference(...).to_plotly_json()`: every profile not built at start-up
    builds four of these on its first view, and plotly's validation (go.Figure, update_*) was most of its cost.
    `value_texts`: each value already written by `format_value(value, unit, lang)` (the profile's table has them).
    `series`: a frame of the country's series, or its plain values (figures/country/series.SeriesRows), read by column.
    """
    values = [float(v) for v in series["value"]]
    texts = value_texts if value_texts is not None else [format_value(v, unit, lang) for v in values]
    trace = dict(
        customdata=[[text, wrap_hover_line(source_names.get(s, s))] for text, s in zip(texts, series["source"])],
        hovertemplate="<b>%{x}</b>: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        # The country's own colour, as on every chart (a country without one: a dark neutral, not Kazakhstan's blue).
        line=dict(color=COUNTRY_COLOURS.get(iso3, NEUTRAL_COLOURS[2]) if iso3 else LINE_COLOURS[0], width=2),
        marker=dict(size=4), mode="lines+markers", name=name,
        x=[int(y) for y in series["year"]], y=values, type="scatter",
    )
    # The look's parts are shared, not copied (nothing changes a figure after it is built), but for the two axes,
    # whose own keys are set below (a deep copy of the whole look was a fifth of a trend chart's build).
    look = _trend_look(height, lang)
    layout = dict(look)
    layout["xaxis"], layout["yaxis"] = dict(look["xaxis"]), dict(look["yaxis"])
    layout["margin"] = dict(l=10, r=10, t=8, b=10)
    layout["showlegend"] = False
    # "B" writes billions as 4B, not SI's 4G; percentages need no exponent.
    layout["yaxis"].update(exponentformat="B", ticksuffix=t("common.tick_percent", lang) if unit == "%" else "",
                           rangemode="tozero" if values and min(values) >= 0 else "normal")
    layout["xaxis"]["tickformat"] = "d"
    if values and unit != "%":  # Russian: '3 млн', not plotly's English '3M'
        def label(v: float) -> str:
            text = format_compact(v, lang)
            return t("remittances.usd_tick", lang, value=text) if "US$" in unit else text

        layout["yaxis"].update(locale_ticks(min(0.0, min(values)), max(values), lang, label))
    return {"data": [trace], "layout": layout}


def trend_figure_reference(series: pd.DataFrame, *, unit: str, name: str, lang: str, source_names: dict[str, str],
                 height: int = TREND_HEIGHT, iso3: str | None = None) -> go.Figure:
    """`trend_figure` built through go.Figure and its `update_*` calls, as it was: the naive reference of
    bench/bench_country.py, and what tests compare the plain dict with (`.to_plotly_json()`, its whole template cut
    as `trend_figure` cuts it: `drawn_template`)."""
    values = [float(v) for v in series["value"]]
    figure = go.Figure(go.Scatter(
        x=[int(y) for y in series["year"]], y=values, mode="lines+markers", name=name,
        # The country's own colour, as on every chart (a country without one: a dark neutral, not Kazakhstan's blue).
        line=dict(color=COUNTRY_COLOURS.get(iso3, NEUTRAL_COLOURS[2]) if iso3 else LINE_COLOURS[0], width=2),
        marker=dict(size=4),
        customdata=[[format_value(v, unit, lang), wrap_hover_line(source_names.get(s, s))]
                    for v, s in zip(values, series["source"])],
        hovertemplate="<b>%{x}</b>: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
    ))
    base_layout(figure, height=height, lang=lang)
    figure.update_layout(margin=dict(l=10, r=10, t=8, b=10), showlegend=False)
    # "B" writes billions as 4B, not SI's 4G; percentages need no exponent.
    figure.update_yaxes(exponentformat="B", ticksuffix=t("common.tick_percent", lang) if unit == "%" else "",
                        rangemode="tozero"
                        if values and min(values) >= 0 else "normal")
    figure.update_xaxes(tickformat="d")
    if values and unit != "%":  # Russian: '3 млн', not plotly's English '3M'
        def label(v: float) -> str:
            text = format_compact(v, lang)
            return t("remittances.usd_tick", lang, value=text) if "US$" in unit else text

        figure.update_yaxes(**locale_ticks(min(0.0, min(values)), max(values), lang, label))
    return figure
