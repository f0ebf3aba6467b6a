"""Remittances view: pure builders from curated values to plotly figures and to the tables behind them.

Four charts, each with the table of exactly what it draws (for the table alternative and the CSV download):
  trend    personal remittances received, % of GDP or US$, for the chosen countries and aggregates;
  outflow  Russia's personal remittances paid, on the same time axis;
  ranking  the top recipients by % of GDP in one year, Central Asia highlighted, with each one's world rank;
  cost     the average total cost of sending 200 US$ from Russia, per corridor and quarter (RPW).

Nothing here knows about Dash callbacks; the store is only read.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel import Locale

from figures.common import LINE_COLOURS, base_layout
from i18n import format_value, t

PCT_INDICATOR = "BX.TRF.PWKR.DT.GD.ZS"
USD_INDICATOR = "BX.TRF.PWKR.CD.DT"
OUTFLOW_INDICATOR = "BM.TRF.PWKR.CD.DT"
MEASURES = {"pct": PCT_INDICATOR, "usd": USD_INDICATOR}
SCALES = ("linear", "log")
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
# Turkmenistan does not report remittances; the few values some vintages carry are not a measured flow
# (see the indicator's caveats), so they are never drawn or ranked here: the view says "Not reported".
NOT_REPORTING = frozenset({"TKM"})
PAYER = "RUS"  # the main destination of Central Asia's migrants, and the sender of the money
COST_MEASURE = "cost_pct"
DEFAULT_SOURCE = "default"  # the URL value for "the curated default rule" (newest vintage first, per value)
TOP_N = 20
# Groups a user can add in one go (ids of the curated country groups).
GROUPS = ("ca5", "almaty_member", "almaty_observer", "main_destinations", "customs_union_2013")

HIGHLIGHT = LINE_COLOURS[5]  # Okabe–Ito vermillion: Central Asia in the ranking
OTHER_BAR = "#b4bcc6"
GAP_FILL = "rgba(120, 120, 120, 0.12)"
LABEL_GAP_PX = 16  # end-of-line labels closer than this are pushed apart
TREND_MARGIN = dict(l=70, t=70, b=40)


# ---------------------------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------------------------
def source_label(store, source: str) -> str:
    """'World Bank, World Development Indicators (2023-05-10)': who published it, and which vintage."""
    meta = store.source_meta(source)
    return f"{meta['publisher']}, {meta['title']} ({meta['vintage']})"


def chosen_source(store, indicator: str, source: str | None) -> str | None:
    """The source to ask the store for: the chosen one if it has this indicator, else None (the default rule)."""
    if source in (None, "", DEFAULT_SOURCE):
        return None
    return source if source in store.sources_for(indicator) else None


def source_choices(store) -> list[str]:
    """Every source a user can pick for the view's indicators, priority ones first."""
    found: dict[str, None] = {}
    for indicator in (PCT_INDICATOR, USD_INDICATOR, OUTFLOW_INDICATOR):
        found.update(dict.fromkeys(store.sources_for(indicator)))
    return list(found)


# ---------------------------------------------------------------------------------------------------------------
# Trend: remittances received over time
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrendData:
    """What the trend chart draws, and what it can't."""

    rows: pd.DataFrame  # iso3, year, value, source, shown (= value, or % change since base_year)
    order: tuple[str, ...]  # the chosen codes, in the order chosen
    not_reported: tuple[str, ...]  # chosen, but the country does not report remittances
    no_data: tuple[str, ...]  # chosen, but no value in the source
    no_base: tuple[str, ...]  # relative mode: no value in the base year
    indicator: str
    source: str | None  # the source asked for (None: the default rule)
    base_year: int | None


def series_rows(store, indicator: str, iso3s, source: str | None) -> pd.DataFrame:
    """[iso3, year, value, source] of the chosen codes, without the countries that do not report."""
    reported = [code for code in iso3s if code not in NOT_REPORTING]
    if not reported:
        return pd.DataFrame({"iso3": [], "year": [], "value": [], "source": []})
    rows = store.series(indicator, iso3s=reported, source=source)
    rows = rows[rows["value"].notna()]
    return rows.sort_values(["iso3", "year"], kind="stable").reset_index(drop=True)


def trend_data(store, indicator: str, iso3s, source: str | None = None, base_year: int | None = None) -> TrendData:
    order = tuple(dict.fromkeys(iso3s))
    asked = chosen_source(store, indicator, source)
    rows = series_rows(store, indicator, order, asked)
    not_reported = tuple(code for code in order if code in NOT_REPORTING)
    present = set(rows["iso3"])
    no_data = tuple(code for code in order if code not in present and code not in NOT_REPORTING)
    rows, no_base = relative_change(rows, base_year)
    return TrendData(rows, order, not_reported, no_data, no_base, indicator, asked, base_year)


def relative_change(rows: pd.DataFrame, base_year: int | None) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Add `shown`: the value itself, or its % change since `base_year` (countries without that year drop out)."""
    rows = rows.copy()
    if base_year is None:
        rows["shown"] = rows["value"]
        return rows, ()
    base = rows[rows["year"] == base_year].set_index("iso3")["value"]
    base = base[base != 0]
    no_base = tuple(code for code in dict.fromkeys(rows["iso3"]) if code not in base.index)
    rows = rows[rows["iso3"].isin(base.index)].copy()
    rows["shown"] = (rows["value"] / rows["iso3"].map(base) - 1.0) * 100.0
    return rows, no_base


def unit_of(store, indicator: str) -> str:
    return store.indicator_meta(indicator)["unit"]


def _axis_range(values: np.ndarray, log: bool, include_zero: bool) -> list[float] | None:
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


def _to_axis(values: np.ndarray, log: bool) -> np.ndarray:
    if not log:
        return values
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log10(np.where(values > 0, values, np.nan))


def spread_labels(positions: list[float], min_gap: float) -> list[float]:
    """Move label positions (same unit as `min_gap`, any order) apart by at least `min_gap`, as little as possible.

    Sorted bottom to top, each label is pushed up past its lower neighbour; then the whole stack is centred back
    on the original positions, so a cluster spreads both ways instead of only upwards.
    """
    if not positions:
        return []
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[order[0]]]
    for i in order[1:]:
        placed.append(max(positions[i], placed[-1] + min_gap))
    shift = (sum(positions[i] for i in order) - sum(placed)) / len(placed)
    result = [0.0] * len(positions)
    for rank, i in enumerate(order):
        result[i] = placed[rank] + shift
    # Re-centring may have broken a gap at the bottom of a pushed group; one more upward pass fixes it.
    ordered = sorted(range(len(result)), key=lambda i: result[i])
    for below, above in zip(ordered, ordered[1:]):
        result[above] = max(result[above], result[below] + min_gap)
    return result


def _value_text(value: float, unit: str, lang: str) -> str:
    return format_value(value, unit, lang)


def _change_text(change: float, lang: str) -> str:
    return t("remittances.change_value", lang, value=format_value(abs(change), "%", lang),
             sign="+" if change >= 0 else "−")


def y_axis_style(unit: str, relative: bool, lang: str) -> dict:
    """Tick labels with their unit: '30%', 'US$ 5B', or '+50%' for a change."""
    if relative:
        return dict(ticksuffix="%", tickformat="+,~r", zeroline=True, zerolinecolor="#666")
    if unit == "%":
        return dict(ticksuffix="%", tickformat=",~r")
    return dict(tickprefix=t("remittances.usd_prefix", lang), exponentformat="B", tickformat="~s")


def build_trend_figure(data: TrendData, *, names: dict[str, str], source_labels: dict[str, str], unit: str,
                       scale: str, lang: str, title: str, subtitle: str = "", height: int = 460,
                       x_range: list[float] | None = None) -> go.Figure:
    """One line per code, labelled at its end; hover says value, unit, year, source and vintage."""
    relative = data.base_year is not None
    log = scale == "log" and not relative  # a change can be negative: no log axis for it
    rows = data.rows
    figure = go.Figure()
    codes = [code for code in data.order if code in set(rows["iso3"])]
    groups = {code: frame for code, frame in rows.groupby("iso3", sort=False)}
    ends: list[tuple[str, float, float, str, str]] = []  # code, last year, last shown value, colour, label
    for position, code in enumerate(codes):
        frame = groups[code]
        colour = LINE_COLOURS[data.order.index(code) % len(LINE_COLOURS)]
        years = frame["year"].to_numpy(dtype=int)
        values = frame["value"].to_numpy(dtype=float)
        shown = frame["shown"].to_numpy(dtype=float)
        sources = [source_labels[s] for s in frame["source"]]
        texts = [_value_text(v, unit, lang) for v in values]
        if relative:
            changes = [_change_text(c, lang) for c in shown]
            customdata = np.array([[names[code], ch, tx, src] for ch, tx, src in zip(changes, texts, sources)],
                                  dtype=object)
            hover = ("<b>%{customdata[0]}</b><br>" + t("remittances.hover_change", lang, year="%{x}", change="%{customdata[1]}", base=data.base_year)
                     + "<br>" + t("remittances.hover_value", lang, value="%{customdata[2]}") + "<br>"
                     + t("remittances.hover_source", lang, source="%{customdata[3]}") + "<extra></extra>")
        else:
            customdata = np.array([[names[code], tx, src] for tx, src in zip(texts, sources)], dtype=object)
            hover = ("<b>%{customdata[0]}</b><br>" + t("remittances.hover_year_value", lang, year="%{x}", value="%{customdata[1]}") + "<br>"
                     + t("remittances.hover_source", lang, source="%{customdata[2]}") + "<extra></extra>")
        figure.add_trace(go.Scatter(
            x=years, y=shown, name=names[code], mode="lines+markers", customdata=customdata, hovertemplate=hover,
            line=dict(color=colour, width=2.5), marker=dict(size=4), connectgaps=False, meta=code,
        ))
        last_text = _change_text(shown[-1], lang) if relative else texts[-1]
        ends.append((code, int(years[-1]), float(shown[-1]), colour, f"{names[code]} {last_text}"))
    y_range = _axis_range(rows["shown"].to_numpy(dtype=float), log, include_zero=not log)
    _add_end_labels(figure, ends, y_range, log, height)
    label_room = max((len(label) for *_, label in ends), default=0)
    base_layout(figure, height=height)
    figure.update_layout(
        title=dict(text=title, subtitle=dict(text=subtitle), x=0.01, font=dict(size=15)),
        margin=dict(**TREND_MARGIN, r=min(260, 20 + 7 * label_room)), showlegend=False, hovermode="closest",
        separators=t("remittances.separators", lang), dragmode=False,
    )
    figure.update_xaxes(range=x_range, tickformat="d", ticks="outside")
    figure.update_yaxes(type="log" if log else "linear", range=y_range, **y_axis_style(unit, relative, lang))
    return figure


def _add_end_labels(figure: go.Figure, ends, y_range, log: bool, height: int) -> None:
    """Country names at the end of their lines (readable on a projector, no legend to decode)."""
    if not ends or not y_range:
        return
    plot_px = height - TREND_MARGIN["t"] - TREND_MARGIN["b"]
    span = (y_range[1] - y_range[0]) or 1.0
    positions = [(float(_to_axis(np.array([value]), log)[0]) - y_range[0]) / span * plot_px for _, _, value, *_ in ends]
    positions = [p if math.isfinite(p) else 0.0 for p in positions]
    placed = spread_labels(positions, LABEL_GAP_PX)
    for (code, year, value, colour, label), before, after in zip(ends, positions, placed):
        if log and value <= 0:
            continue
        figure.add_annotation(x=year, y=math.log10(value) if log else value, text=label, showarrow=False,
                              xanchor="left", xshift=8, yshift=after - before, font=dict(color=colour, size=13),
                              name=f"end-{code}")


def trend_table(data: TrendData, store, lang: str) -> pd.DataFrame:
    """The trend chart's data as a tidy table (the CSV download): every drawn value with its source."""
    return _tidy(store, data.rows, data.indicator, lang, base_year=data.base_year)


def _tidy(store, rows: pd.DataFrame, indicator: str, lang: str, base_year: int | None = None) -> pd.DataFrame:
    meta = store.indicator_meta(indicator)
    sources = {s: store.source_meta(s) for s in rows["source"].unique()}
    table = pd.DataFrame({
        "iso3": rows["iso3"].to_numpy(),
        "country": [store.country_name(code, lang) for code in rows["iso3"]],
        "year": rows["year"].astype(int).to_numpy(),
        "indicator": indicator,
        "indicator_name": meta["name_en"],
        "value": rows["value"].to_numpy(),
        "unit": meta["unit"],
    })
    if base_year is not None:
        table[f"change_since_{base_year}_pct"] = rows["shown"].round(4).to_numpy()
    table["source"] = rows["source"].to_numpy()
    table["publisher"] = [sources[s]["publisher"] for s in rows["source"]]
    table["vintage"] = [sources[s]["vintage"] for s in rows["source"]]
    table["licence"] = [sources[s]["licence"] for s in rows["source"]]
    return table


def wide_rows(rows: pd.DataFrame, order, unit: str, lang: str, *, code_column: str = "iso3", index: str = "year",
              value_column: str = "value", change: bool = False, label=lambda key: str(int(key)),
              sort_key=None) -> tuple[list[str], list[list[str]]]:
    """Time down (latest first), codes across, formatted: the readable table alternative of a line chart."""
    present = set(rows[code_column])
    codes = [code for code in order if code in present]
    if not codes:
        return [], []
    pivot = rows.pivot_table(index=index, columns=code_column, values=value_column, aggfunc="first")
    body = []
    for key in sorted(pivot.index, key=sort_key, reverse=True):
        cells = []
        for code in codes:
            value = pivot.at[key, code] if code in pivot.columns else float("nan")
            if not np.isfinite(value):
                cells.append(t("common.no_data", lang))
            else:
                cells.append(_change_text(value, lang) if change else format_value(float(value), unit, lang))
        body.append([label(key), *cells])
    return codes, body


def align_right_margins(*figures: go.Figure) -> None:
    """Charts stacked on one time axis need the same right margin (end labels) for their years to line up."""
    right = max(figure.layout.margin.r or 0 for figure in figures)
    for figure in figures:
        figure.update_layout(margin_r=right)


def disagreements(store, indicator: str, shown: pd.DataFrame, tolerance: float = 0.05) -> list[dict]:
    """Country-years where another source's value differs from the shown one by more than `tolerance` (relative).

    One item per country-year (the most different other source), largest relative difference first:
    iso3, year, value and source shown, other_value and other_source, difference.
    """
    if shown.empty:
        return []
    codes = list(dict.fromkeys(shown["iso3"]))
    shown_values = shown.set_index(["iso3", "year"])[["value", "source"]]
    found: dict[tuple[str, int], dict] = {}
    for other in store.sources_for(indicator):
        rows = store.series(indicator, iso3s=codes, source=other)
        if rows.empty:
            continue
        joined = rows.set_index(["iso3", "year"])[["value", "source"]].join(shown_values, rsuffix="_shown",
                                                                            how="inner")
        joined = joined[joined["source"] != joined["source_shown"]]
        difference = (joined["value"] - joined["value_shown"]).abs() / joined["value_shown"].abs()
        joined = joined.assign(difference=difference)[difference > tolerance]
        for (code, year), row in joined.iterrows():
            key = (code, int(year))
            if key not in found or row["difference"] > found[key]["difference"]:
                found[key] = dict(iso3=code, year=int(year), value=float(row["value_shown"]),
                                  source=row["source_shown"], other_value=float(row["value"]),
                                  other_source=row["source"], difference=float(row["difference"]))
    return sorted(found.values(), key=lambda item: (-item["difference"], item["iso3"], -item["year"]))


# ---------------------------------------------------------------------------------------------------------------
# Ranking: top recipients by % of GDP in one year
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RankingData:
    rows: pd.DataFrame  # iso3, value, source, rank: the top N, then highlighted countries below it
    year: int
    count: int  # countries with data that year (not counting those that do not report)
    ranks: dict[str, int | None]  # highlighted code → world rank (None: no value that year)
    source: str | None


def ranking_years(store, source: str | None = None) -> list[int]:
    return [int(y) for y in store.years(PCT_INDICATOR, source=chosen_source(store, PCT_INDICATOR, source))]


def default_rank_year(store, source: str | None = None, min_share: float = 0.8) -> int:
    """The latest year for which most countries have a value: a ranking of a handful would mislead."""
    asked = chosen_source(store, PCT_INDICATOR, source)
    counts = {year: len(store.ranking(PCT_INDICATOR, year, source=asked)) for year in ranking_years(store, source)}
    if not counts:
        raise ValueError("no ranking data")
    most = max(counts.values())
    return max(year for year, count in counts.items() if count >= min_share * most)


def ranking_data(store, year: int, highlight=CENTRAL_ASIA, source: str | None = None,
                 top_n: int = TOP_N) -> RankingData:
    asked = chosen_source(store, PCT_INDICATOR, source)
    ranked = store.ranking(PCT_INDICATOR, year, source=asked)
    ranked = ranked[~ranked["iso3"].isin(NOT_REPORTING) & ranked["value"].notna()]
    ranked = ranked.sort_values(["rank", "iso3"], kind="stable").reset_index(drop=True)
    # Re-number after leaving out non-reporting countries, keeping ties (equal values share a rank).
    ranked["rank"] = ranked["value"].rank(method="min", ascending=False).astype(int)
    ranks = {code: (int(ranked.loc[ranked["iso3"] == code, "rank"].iloc[0])
                    if code in set(ranked["iso3"]) else None) for code in highlight}
    top = ranked.head(top_n)
    below = ranked[(ranked.index >= top_n) & ranked["iso3"].isin(highlight)]
    return RankingData(pd.concat([top, below]), year, len(ranked), ranks, asked)


def ordinal(n: int, lang: str) -> str:
    """'3rd' in English, by CLDR's ordinal plural rules; each language's forms live in its catalogue."""
    form = Locale.parse({"en": "en_US", "ru": "ru_RU"}.get(lang, "en_US")).ordinal_form(n)
    return t(f"remittances.ordinal_{form}", lang, n=n)


def rank_sentence(store, data: RankingData, code: str, lang: str) -> str:
    name = store.country_name(code, lang)
    if code in NOT_REPORTING:
        return t("remittances.rank_not_reported", lang, country=name, year=data.year)
    rank = data.ranks.get(code)
    if rank is None:
        return t("remittances.rank_no_data", lang, country=name, year=data.year)
    return t("remittances.rank_sentence", lang, country=name, rank=ordinal(rank, lang), count=data.count,
             year=data.year)


def build_ranking_figure(data: RankingData, *, names: dict[str, str], source_labels: dict[str, str], lang: str,
                         title: str, highlight=CENTRAL_ASIA, top_n: int = TOP_N) -> go.Figure:
    """Horizontal bars, largest at the top; highlighted countries below the top N follow after a gap row."""
    rows = data.rows
    labels = [t("remittances.rank_label", lang, rank=int(r), country=names[c]) for c, r in zip(rows["iso3"],
                                                                                              rows["rank"])]
    values = rows["value"].to_numpy(dtype=float)
    colours = [HIGHLIGHT if code in highlight else OTHER_BAR for code in rows["iso3"]]
    texts = [format_value(v, "%", lang) for v in values]
    customdata = np.array([[names[c], tx, int(r), src and source_labels[src]]
                           for c, tx, r, src in zip(rows["iso3"], texts, rows["rank"], rows["source"])], dtype=object)
    if len(rows) > top_n:  # a visible gap between the top N and the highlighted countries further down
        labels.insert(top_n, "⋯")
        values = np.insert(values, top_n, np.nan)
        colours.insert(top_n, OTHER_BAR)
        texts.insert(top_n, "")
        customdata = np.insert(customdata, top_n, ["", "", 0, ""], axis=0)
    hover = ("<b>%{customdata[0]}</b><br>" + t("remittances.hover_rank", lang, value="%{customdata[1]}", rank="%{customdata[2]}", year=data.year, count=data.count)
             + "<br>" + t("remittances.hover_source", lang, source="%{customdata[3]}")
             + "<extra></extra>")
    figure = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker=dict(color=colours), text=texts, textposition="outside",
        cliponaxis=False, customdata=customdata, hovertemplate=hover, name=t("remittances.measure_pct", lang),
    ))
    base_layout(figure, height=max(320, 22 * len(labels) + 90))
    figure.update_layout(title=dict(text=title, x=0.01, font=dict(size=15)), margin=dict(l=10, r=50, t=50, b=30),
                         bargap=0.25, showlegend=False, dragmode=False, separators=t("remittances.separators", lang))
    figure.update_yaxes(autorange="reversed", type="category", showgrid=False, ticks="")
    figure.update_xaxes(ticksuffix="%", showgrid=True, gridcolor="#e5e5e5", rangemode="tozero")
    return figure


def ranking_table(data: RankingData, store, lang: str) -> pd.DataFrame:
    table = _tidy(store, data.rows.assign(year=data.year), PCT_INDICATOR, lang)
    table.insert(0, "rank", data.rows["rank"].astype(int).to_numpy())
    table.insert(1, "countries_with_data", data.count)
    return table


# ---------------------------------------------------------------------------------------------------------------
# Cost of sending 200 US$ from Russia (Remittance Prices Worldwide)
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CostData:
    rows: pd.DataFrame  # origin, destination, period, value, source, date (the period's first day)
    order: tuple[str, ...]  # receiving countries with a corridor, in the chosen order
    no_corridor: tuple[str, ...]  # chosen, but no corridor from the payer
    periods: tuple[str, ...]  # every period of the extract, in time order (gaps in a corridor stay gaps)
    last_period: str | None


def period_start(period: str) -> pd.Timestamp:
    """'2013Q2' → 2013-04-01; a bare year → 1 January."""
    period = str(period)
    if "Q" in period:
        year, quarter = period.split("Q")
        return pd.Timestamp(int(year), 3 * (int(quarter) - 1) + 1, 1)
    return pd.Timestamp(int(period), 1, 1)


def period_label(period: str, lang: str) -> str:
    period = str(period)
    if "Q" in period:
        year, quarter = period.split("Q")
        return t("remittances.quarter", lang, year=year, quarter=quarter)
    return period


def cost_data(store, iso3s, payer: str = PAYER) -> CostData:
    order = tuple(dict.fromkeys(iso3s))
    everything = store.corridors(COST_MEASURE, destinations=[payer])
    everything = everything[everything["value"].notna()]
    periods = tuple(sorted(set(everything["period"].astype(str)), key=period_start))
    rows = everything[everything["origin"].isin(order)].copy()
    rows["period"] = rows["period"].astype(str)
    rows["date"] = [period_start(p) for p in rows["period"]]
    rows = rows.sort_values(["origin", "date"], kind="stable").reset_index(drop=True)
    present = set(rows["origin"])
    return CostData(rows, tuple(c for c in order if c in present), tuple(c for c in order if c not in present),
                    periods, periods[-1] if periods else None)


def next_period(period: str) -> str:
    year, quarter = (int(part) for part in str(period).split("Q"))
    return f"{year + quarter // 4}Q{quarter % 4 + 1}"


def build_cost_figure(data: CostData, *, names: dict[str, str], source_labels: dict[str, str], lang: str,
                      title: str, subtitle: str = "", until: str = "2022Q4", height: int = 380) -> go.Figure:
    """One line per corridor over the extract's periods; missing quarters stay gaps; after the extract, a band."""
    figure = go.Figure()
    for code in data.order:
        frame = data.rows[data.rows["origin"] == code].set_index("period")
        full = frame.reindex(list(data.periods))  # so a missing quarter breaks the line instead of bridging it
        values = full["value"].to_numpy(dtype=float)
        colour = LINE_COLOURS[list(data.order).index(code) % len(LINE_COLOURS)]
        customdata = np.array([[names[code], period_label(p, lang),
                                format_value(v, "%", lang) if np.isfinite(v) else t("common.no_data", lang),
                                source_labels.get(s, "") if isinstance(s, str) else ""]
                               for p, v, s in zip(data.periods, values, full["source"])], dtype=object)
        figure.add_trace(go.Scatter(
            x=[period_start(p) for p in data.periods], y=values, name=names[code], mode="lines+markers",
            line=dict(color=colour, width=2.5), marker=dict(size=4), connectgaps=False, customdata=customdata,
            hovertemplate=("<b>%{customdata[0]}</b><br>" + t("remittances.hover_cost", lang, period="%{customdata[1]}", value="%{customdata[2]}") + "<br>"
                           + t("remittances.hover_source", lang, source="%{customdata[3]}")
                           + "<extra></extra>"), meta=code,
        ))
    base_layout(figure, height=height)
    if data.last_period:
        start = period_start(next_period(data.last_period))
        end = period_start(next_period(until))
        if start < end:
            figure.add_vrect(x0=start, x1=end, fillcolor=GAP_FILL, line_width=0, layer="below",
                             annotation=dict(text=t("remittances.cost_gap_band", lang,
                                                    period=period_label(data.last_period, lang)),
                                             font=dict(size=12, color="#444"), align="left"),
                             annotation_position="top left")
    figure.update_layout(title=dict(text=title, subtitle=dict(text=subtitle), x=0.01, font=dict(size=15)),
                         margin=dict(l=60, r=20, t=70, b=40), hovermode="closest", dragmode=False,
                         legend=dict(orientation="h", y=-0.12, x=0), separators=t("remittances.separators", lang))
    figure.update_yaxes(ticksuffix="%", rangemode="tozero")
    figure.update_xaxes(ticks="outside", dtick="M12", tickformat="%Y")
    return figure


def cost_table(data: CostData, store, lang: str) -> pd.DataFrame:
    meta = store.indicator_meta(COST_MEASURE)
    rows = data.rows
    sources = {s: store.source_meta(s) for s in rows["source"].unique()}
    return pd.DataFrame({
        "sending_country_iso3": rows["destination"].to_numpy(),
        "receiving_country_iso3": rows["origin"].to_numpy(),
        "receiving_country": [store.country_name(c, lang) for c in rows["origin"]],
        "period": rows["period"].to_numpy(),
        "measure": COST_MEASURE,
        "measure_name": meta["name_en"],
        "value": rows["value"].to_numpy(),
        "unit": meta["unit"],
        "source": rows["source"].to_numpy(),
        "publisher": [sources[s]["publisher"] for s in rows["source"]],
        "vintage": [sources[s]["vintage"] for s in rows["source"]],
        "licence": [sources[s]["licence"] for s in rows["source"]],
    })


def names_for(store, codes, lang: str) -> dict[str, str]:
    return {code: store.country_name(code, lang) for code in codes}


def labels_for(store, sources) -> dict[str, str]:
    return {source: source_label(store, source) for source in dict.fromkeys(sources) if isinstance(source, str)}
