"""Small pieces every view's figures share."""
from __future__ import annotations

import math
import re
import textwrap
from functools import cache, lru_cache

import pandas as pd
import plotly.graph_objects as go

from figures.plain import PLAIN, drawn_template
from i18n import DEFAULT_LANG, format_value, normalise_lang

LINE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]  # Okabe–Ito
# One colour per country, on every chart whatever else is selected (issue 11): Okabe–Ito for the five Central Asian
# countries and their main destination, Paul Tol's "muted" set for the other countries of the Almaty Process and
# the customs union. Both sets are colour-blind safe; every other country or aggregate gets a neutral grey.
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
COUNTRY_COLOURS = {
    "KAZ": "#0072B2", "KGZ": "#E69F00", "TJK": "#009E73", "TKM": "#CC79A7", "UZB": "#D55E00",  # Okabe–Ito
    "RUS": "#000000",
    "AFG": "#882255", "AZE": "#332288", "TUR": "#999933", "PAK": "#CC6677", "BLR": "#44AA99",  # Tol muted
    "UKR": "#56B4E9", "CHN": "#AA4499",
}
# Countries outside the palette: greys, told apart by shade (their end labels name them).
NEUTRAL_COLOURS = ("#6e6e6e", "#9a9a9a", "#4a4a4a", "#b5b5b5")
NEUTRAL = NEUTRAL_COLOURS[0]


def country_colour(iso3: str, others: tuple[str, ...] = ()) -> str:
    """The colour of `iso3` on every chart. A country outside the palette takes a grey; given `others` (the codes
    outside the palette drawn on the same chart), each of them a different shade."""
    if iso3 in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[iso3]
    position = others.index(iso3) if iso3 in others else 0
    return NEUTRAL_COLOURS[position % len(NEUTRAL_COLOURS)]


def unpaletted(codes) -> tuple[str, ...]:
    """The codes of `codes` that have no colour of their own, in order (for `country_colour(code, others)`)."""
    return tuple(code for code in dict.fromkeys(codes) if code not in COUNTRY_COLOURS)


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"  # no web fonts


def contrast_ratio(colour: str, background: str = "#ffffff") -> float:
    """WCAG contrast ratio of two '#rrggbb' colours (1 to 21)."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@cache
def readable_text_colour(colour: str, background: str = "#ffffff", min_ratio: float = 4.5) -> str:
    """The same hue, darkened just enough to be read as text on `background` (WCAG AA, 4.5:1). Okabe–Ito's orange
    and sky blue are fine as lines but too light as labels, above all on a projector."""
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    for step in range(101):
        factor = 1 - step / 100
        darker = "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (red, green, blue)))
        if contrast_ratio(darker, background) >= min_ratio:
            return darker
    return "#000000"


@cache
def separators(lang: str) -> str:
    """plotly's `layout.separators` (decimal mark, then thousands separator) as Babel writes numbers in `lang`:
    '.,' in English, ',' and a no-break space (U+00A0) in Russian. Every figure sets it: plotly's Russian locale
    groups digits with a plain space (a number could break across lines), and image exports load no locale."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = normalise_lang(lang)
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def base_layout(figure: go.Figure, *, height: int = 320, title: str | None = None,
                lang: str | None = None) -> go.Figure:
    figure.update_layout(
        separators=separators(lang) if lang else None,
        height=height, margin=dict(l=10, r=10, t=40 if title else 10, b=10), paper_bgcolor="white",
        plot_bgcolor="white", font=dict(family=FONT), hovermode="closest",
        title=dict(text=title, x=0.01, font=dict(size=14)) if title else None,
    )
    figure.update_xaxes(showgrid=False, linecolor="#888")
    figure.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    return figure


# Plotly cannot wrap a hover box and runs a box wider than the chart off its edge. At plotly's 13 px a Russian line
# of 60 characters was ~400 px wide, more than a 390 px phone's 366 px chart (tests/browser/test_hover.py); 40 fit.
HOVER_LINE_CHARS = 40


@lru_cache(maxsize=4096)  # the same few source labels on every point of every chart: textwrap is slow
def wrap_hover_line(text: str, width: int = HOVER_LINE_CHARS) -> str:
    """Hover text broken into lines of at most `width` characters: plotly cannot wrap a hover box and cuts it at
    the chart's edge. Existing <br> breaks are kept; words (and %{…} placeholders) are never split."""
    return "<br>".join(wrap_line(line, width) for line in text.split("<br>"))


def wrap_line(line: str, width: int = HOVER_LINE_CHARS) -> str:
    """One line of a hover (no <br> in it) wrapped as `wrap_hover_line` wraps it. A line that fits is itself without
    going through the cache of wrapped lines: a value's line is new each time and would push out the lines hovers
    repeat (a corridor's name, a source)."""
    return line if _fits(line, width) else _wrapped_line(line, width)


@lru_cache(maxsize=4096)  # a hover's lines repeat where the whole text does not (a corridor's name, a source)
def _wrapped_line(line: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [line])


_OTHER_SPACE = re.compile("[\t\n\x0b\x0c\r]")  # what textwrap replaces by spaces (its only whitespace besides ' ')


def _fits(line: str, width: int) -> bool:
    """A line textwrap would give back as it is: short enough, nothing to replace, nothing at either end to drop
    (tests/figures/test_common.py compares with textwrap). Most hover lines are: no textwrap call for them."""
    return (0 < len(line) <= width and line[0] != " " and line[-1] != " " and not _OTHER_SPACE.search(line)
            and not line[line.rfind(" ") + 1:].isspace())  # a last word of other spaces (U+00A0) would be dropped


def small_trend(years, values, *, unit: str, lang: str, name: str, source: str, height: int = 200) -> dict:
    """A compact line of one series, hover saying value, year and source. A plain figure dict (figures/plain.py),
    equal to `small_trend_reference(...)` as plotly serialises it, with plotly's default template cut to the one
    trace type it draws (figures/plain.drawn_template: the same picture; the other types' entries were ~4.5 kB of
    every focus panel the map sends)."""
    figure = PLAIN.Figure([_small_trend_trace(PLAIN, years, values, unit, lang, name, source)],
                          base_layout_dict(height=height, lang=lang))
    figure["layout"]["title"] = {}  # what base_layout's update_layout(title=None) leaves
    return drawn_template(figure)


def small_trend_reference(years, values, *, unit: str, lang: str, name: str, source: str,
                          height: int = 200) -> go.Figure:
    """`small_trend` through go.Figure and `base_layout`'s update calls, as it was: the tests' reference (its whole
    template cut as `small_trend` cuts it: `drawn_template(….to_plotly_json())`)."""
    figure = go.Figure(_small_trend_trace(go, years, values, unit, lang, name, source))
    return base_layout(figure, height=height, lang=lang)


def _small_trend_trace(kit, years, values, unit: str, lang: str, name: str, source: str):
    return kit.Scatter(
        x=list(years), y=list(values), mode="lines+markers", name=name, line=dict(color=LINE_COLOURS[0], width=2),
        marker=dict(size=5), customdata=[[format_value(v, unit, lang)] for v in values],
        hovertemplate=wrap_hover_line(f"<b>{name}</b><br>%{{x}}: %{{customdata[0]}}<br>{source}") + "<extra></extra>",
    )


def base_layout_dict(*, height: int = 320, title: str | None = None, lang: str | None = None) -> dict:
    """The look of `base_layout` as a plain layout dict: build a figure in one go (`go.Figure(traces, layout)`),
    which is several times faster than a chain of `update_*` calls. Merge view-specific keys into a copy."""
    return dict(
        **({"separators": separators(lang)} if lang else {}),
        height=height, margin=dict(l=10, r=10, t=40 if title else 10, b=10), paper_bgcolor="white",
        plot_bgcolor="white", font=dict(family=FONT), hovermode="closest",
        title=dict(text=title, x=0.01, font=dict(size=14)) if title else None,
        xaxis=dict(showgrid=False, linecolor="#888"),
        yaxis=dict(gridcolor="#e5e5e5", zeroline=False),
    )


def show_empty(layout: dict, text: str) -> dict:
    """Turn the layout dict of a chart with nothing to draw into a message in its middle: no axes, grid or shapes,
    so an empty plot never reads as a chart of zeros (and plotly never lays out an axis without data). Returns
    `layout`, changed in place."""
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {**layout.get(axis, {}), "visible": False, "showgrid": False, "zeroline": False}
    layout["shapes"] = []
    layout["annotations"] = [dict(xref="paper", yref="paper", x=0.5, y=0.5, xanchor="center", yanchor="middle",
                                  text=text, showarrow=False, font=dict(size=14, color="#444"),
                                  name="no-data-message")]
    layout["showlegend"] = False
    return layout


# The published totals bilateral stocks are part of: all emigrants of an origin, all immigrants of a host.
TOTAL_STOCK_INDICATORS = {"emigrants": "CAMR.EMIG.TOTL", "immigrants": "SM.POP.TOTL"}
# Below this % of the published total, a view says that the corridors shown are not all of a country's.
PARTIAL_COVERAGE_BELOW = 90.0


def published_total(store, direction: str, iso3: str, year: int, source: str) -> float | None:
    """All emigrants from (direction "emigrants") or immigrants in `iso3` in `year`, as `source` publishes them
    (None when it does not). The curated bilateral data holds only corridors that involve Central Asia or its main
    partners: for the United States, 9% of its immigrants. Shares and coverage are of this total."""
    value = _published_totals(store, direction, year, source).get(iso3)
    return value if value is not None and value > 0 else None


@lru_cache(maxsize=256)
def _published_totals(store, direction: str, year: int, source: str) -> dict[str, float]:
    """Every country's published total of one year, looked up by each focus or corridor selection."""
    totals = store.values_for_map(TOTAL_STOCK_INDICATORS[direction], year, source=source)
    found: dict[str, float] = {}
    for iso3, value in zip(totals["iso3"], totals["value"]):
        found.setdefault(iso3, float(value))  # the first row of a country, as a filter's .iloc[0] would take
    return found


def coverage_pct(held: float, total: float | None) -> float | None:
    """% of a published total that the corridors held account for (None: total unknown)."""
    return 100 * float(held) / total if total else None


PROVENANCE_COLUMNS = ("publisher", "vintage", "licence")


@cache
def source_label(store, source: str, lang: str = "en") -> str:
    """'World Bank, World Development Indicators (2023-05-10)': who published it, and which vintage (in `lang`:
    'Всемирный банк, Показатели мирового развития (2023-05-10)')."""
    meta = store.source_meta(source, lang)
    return f"{meta['publisher']}, {meta['title']} ({meta['vintage']})"


def add_provenance(store, table: pd.DataFrame, source_column: str = "source", lang: str = "en") -> pd.DataFrame:
    """Publisher, vintage and licence of each row's source, as columns (a downloaded CSV must cite itself), in
    `lang`. Rows without a source (data not reported) get empty cells."""
    metas = {s: store.source_meta(s, lang) for s in table[source_column].dropna().unique()}
    for column in PROVENANCE_COLUMNS:
        table[column] = [metas[s][column] if isinstance(s, str) else None for s in table[source_column]]
    return table


def locale_ticks(low: float, high: float, lang: str, label, *, log: bool = False) -> dict:
    """Tick values and texts for an axis of amounts in a language plotly cannot abbreviate: its exponent formats
    write 16B or 3M (English), so a Russian axis gets its ticks written by Babel ('16 млрд долл.', '3 млн').
    English keeps plotly's own ticks (an empty dict). `low`/`high` in axis units (log10 for a log axis);
    `label(value)` writes one tick."""
    if normalise_lang(lang) == DEFAULT_LANG or low is None or high is None or not high > low:
        return {}
    if log:
        values = [10.0 ** k for k in range(math.ceil(low), math.floor(high) + 1)]
    else:
        raw = (high - low) / 5
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
        values = [k * step for k in range(math.ceil(low / step), math.floor(high / step) + 1)]
    return dict(tickmode="array", tickvals=values, ticktext=[label(v) for v in values])
