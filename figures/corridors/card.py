"""The corridor card: one corridor's migrants by source over time, women's share, and the cost of sending money."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from figures.common import LINE_COLOURS, wrap_hover_line
from figures.corridors.parts import cut_template, figure_layout, persons, persons_axis
from figures.corridors.selection import (DEFAULT_SOURCE, _index, _table, corridor_series, positions, query,
                                         revision_label, revision_sources)
from figures.remittances.cost import period_start
from i18n import format_period, format_value, t


@dataclass(frozen=True)
class CorridorCard:
    """One corridor's series, all from the query API: stock by source, women's share, remittances, cost."""

    origin: str
    destination: str
    stock: pd.DataFrame  # [year, value, source]: stock_total of every UN DESA revision that has the corridor
    women_share: pd.DataFrame  # [year, value, source] in %: female / total of the selected revision
    knomad_stock: pd.DataFrame  # [year, value, source]: World Bank 2017 matrix
    citizens_present: pd.DataFrame  # [year, value, source]: FMS 2013 (corridors to Russia only)
    remittances: pd.DataFrame  # [year, value, source]: KNOMAD 2017 model estimate (sent destination → origin)
    cost: pd.DataFrame  # [period, value, source]: RPW, % of 200 US$ (sent destination → origin)

    @property
    def is_empty(self) -> bool:
        return all(df.empty for df in (self.stock, self.knomad_stock, self.citizens_present, self.remittances,
                                       self.cost))


def _series(store, measure: str, origin: str, destination: str, source: str | None = None,
            columns=("year", "value", "source")) -> pd.DataFrame:
    # From the indexed table (seven series per card): what _series_reference gives, without pandas' mask and sort.
    return corridor_series(store, measure, origin, destination, source, list(columns))


def _series_reference(store, measure: str, origin: str, destination: str, source: str | None = None,
                      columns=("year", "value", "source")) -> pd.DataFrame:
    rows = query(store, measure, origins=[origin], destinations=[destination], source=source)
    rows = rows[rows["value"].notna()].sort_values(["year", "period"])
    return rows[list(columns)].reset_index(drop=True)


def women_share(total: pd.DataFrame, female: pd.DataFrame) -> pd.DataFrame:
    """Women as % of the corridor's migrants, per year and source, where both counts exist (and total > 0).
    `women_share_reference`'s inner merge (left order, each left row's matches in the right's order) done on the few
    rows of one corridor in Python: the merge was a seventh of a first-time card."""
    matches: dict[tuple, list[int]] = {}
    for position, key in enumerate(zip(female["year"].tolist(), female["source"].tolist())):
        matches.setdefault(key, []).append(position)
    totals = total["value"].to_numpy()
    left, right = [], []
    for position, key in enumerate(zip(total["year"].tolist(), total["source"].tolist())):
        if totals[position] > 0:
            for match in matches.get(key, ()):
                left.append(position)
                right.append(match)
    return pd.DataFrame({"year": total["year"].to_numpy()[left],
                         "value": 100 * female["value"].to_numpy()[right] / totals[left],
                         "source": total["source"].array.take(left)})


def women_share_reference(total: pd.DataFrame, female: pd.DataFrame) -> pd.DataFrame:
    """`women_share` by pandas' merge, as it was (the tests compare both)."""
    joined = total.merge(female, on=["year", "source"], suffixes=("_total", "_female"))
    joined = joined[joined["value_total"] > 0]
    return pd.DataFrame({"year": joined["year"], "value": 100 * joined["value_female"] / joined["value_total"],
                         "source": joined["source"]}).reset_index(drop=True)


@lru_cache(maxsize=64)  # sizes measured: serving/memory.py
def corridor_card(store, origin: str, destination: str, source: str = DEFAULT_SOURCE) -> CorridorCard:
    """All figures of one corridor (cached: the data do not change while the app runs; callers must not mutate)."""
    stock = pd.concat([_series(store, "stock_total", origin, destination, s) for s in revision_sources(store)],
                      ignore_index=True)
    female = _series(store, "stock_female", origin, destination, source)
    return CorridorCard(
        origin=origin, destination=destination, stock=stock,
        women_share=women_share(stock[stock["source"] == source], female),
        knomad_stock=_series(store, "stock_total", origin, destination, "knomad_stock_2017"),
        citizens_present=_series(store, "citizens_present", origin, destination),
        remittances=_series(store, "remittances_usd", origin, destination),
        cost=_series(store, "cost_pct", origin, destination, columns=("period", "value", "source")),
    )


@dataclass(frozen=True)
class CardRows:
    """A `CorridorCard`'s series as tuples of Python values, read from the indexes without a frame (a first-time
    card's: its frames were a third of it): rows (year, value, source), the cost's (period, value, source) with
    `cost_order`, each period's place in the period order (a category's code, a missing period last)."""

    origin: str
    destination: str
    stock: tuple
    women_share: tuple
    knomad_stock: tuple
    citizens_present: tuple
    remittances: tuple
    cost: tuple
    cost_order: tuple = ()

    @property
    def is_empty(self) -> bool:
        return not (self.stock or self.knomad_stock or self.citizens_present or self.remittances or self.cost)


@lru_cache(maxsize=16)
def _period_texts(store, measure: str, source: str | None) -> np.ndarray:
    """The table's periods as objects (the categories' texts), by position."""
    return _table(store, measure, source)["period"].astype(object).to_numpy()


def _plain_series(store, measure: str, origin: str, destination: str, source: str | None = None, *,
                  periods: bool = False) -> tuple[tuple, list]:
    """`corridor_series`'s rows as tuples, and each row's place in the period order."""
    index = _index(store, measure, source)
    values, years, order = index.values, index.years, index.periods
    found = positions(index, origins=[origin], destinations=[destination]).tolist()
    kept = np.array(sorted((p for p in found if values[p] == values[p]), key=lambda p: (years[p], order[p])),
                    dtype=np.intp)
    when = (_period_texts(store, measure, source) if periods else years)[kept].tolist()
    return tuple(zip(when, values[kept].tolist(), index.sources[kept].tolist())), order[kept].tolist()


def _women_share_rows(total: tuple, female: tuple) -> tuple:
    """`women_share` of the rows as tuples: each total > 0 with its female counts of the same year and source."""
    matches: dict[tuple, list] = {}
    for year, value, source in female:
        matches.setdefault((year, source), []).append(value)
    return tuple((year, 100 * value / count, source) for year, count, source in total if count > 0
                 for value in matches.get((year, source), ()))


@lru_cache(maxsize=64)
def card_rows_of(store, origin: str, destination: str, source: str = DEFAULT_SOURCE) -> CardRows:
    """`corridor_card(…)` as `CardRows` (tests/figures/corridors/test_card.py compares both)."""
    stock = tuple(row for s in revision_sources(store) for row in _plain_series(store, "stock_total", origin,
                                                                                 destination, s)[0])
    cost, cost_order = _plain_series(store, "cost_pct", origin, destination, periods=True)
    return CardRows(
        origin, destination, stock,
        _women_share_rows(tuple(row for row in stock if row[2] == source),
                          _plain_series(store, "stock_female", origin, destination, source)[0]),
        _plain_series(store, "stock_total", origin, destination, "knomad_stock_2017")[0],
        _plain_series(store, "citizens_present", origin, destination)[0],
        _plain_series(store, "remittances_usd", origin, destination)[0], cost, tuple(cost_order))


def plain_card(card: CorridorCard) -> CardRows:
    """A card of frames as `CardRows` (its columns' values; no period order)."""
    def rows(frame, first="year"):
        return tuple(zip(frame[first].tolist(), frame["value"].tolist(), frame["source"].tolist()))
    return CardRows(card.origin, card.destination, rows(card.stock), rows(card.women_share), rows(card.knomad_stock),
                    rows(card.citizens_present), rows(card.remittances), rows(card.cost, "period"))


def _plain(card) -> CardRows:
    return card if isinstance(card, CardRows) else plain_card(card)


def _hover(name: str) -> str:
    return wrap_hover_line(f"<b>{name}</b><br>%{{x}}: %{{customdata}}") + "<extra></extra>"


# The card's figures are plain dicts (`go.Figure(result)` validates them): built once per corridor and only sent.
# From `CardRows` (a card of frames is read into one).
def stock_figure(store, card, selected_source: str, lang: str) -> dict:
    """Migrants over time, one line per UN DESA revision (the selected one solid), and the World Bank 2017 matrix."""
    card = _plain(card)
    traces = []
    sources = sorted(dict.fromkeys(row[2] for row in card.stock), key=lambda s: s != selected_source)
    for source in sources:
        rows = [row for row in card.stock if row[2] == source]
        name, selected = revision_label(store, source, lang), source == selected_source
        values = [row[1] for row in rows]
        traces.append(dict(
            type="scatter", x=[row[0] for row in rows], y=values, mode="lines+markers", name=name,
            line=dict(color=LINE_COLOURS[0] if selected else LINE_COLOURS[4], width=2,
                      dash="solid" if selected else "dash"),
            marker=dict(size=5), customdata=[persons(v, lang) for v in values],
            hovertemplate=_hover(name)))
    if card.knomad_stock:
        rows = card.knomad_stock
        name = revision_label(store, rows[0][2], lang)
        values = [row[1] for row in rows]
        traces.append(dict(
            type="scatter", x=[row[0] for row in rows], y=values, mode="markers", name=name,
            marker=dict(size=9, color=LINE_COLOURS[1], symbol="diamond"),
            customdata=[persons(v, lang) for v in values], hovertemplate=_hover(name)))
    return cut_template(dict(data=traces, layout=figure_layout(
        280, t("corridors.card_stock_title", lang), lang, legend=dict(orientation="h", y=-0.2, font=dict(size=10)),
        yaxis=persons_axis([y for trace in traces for y in trace["y"]], lang))))


def share_figure(card, lang: str) -> dict:
    rows = _plain(card).women_share
    values = [row[1] for row in rows]
    trace = dict(
        type="scatter", x=[row[0] for row in rows], y=np.round(np.array(values, dtype=float), 2).tolist(),
        mode="lines+markers", name=t("corridors.women", lang), line=dict(color=LINE_COLOURS[3], width=2),
        marker=dict(size=5), customdata=[format_value(v, "%", lang) for v in values],
        hovertemplate=_hover(t("corridors.women", lang)))
    return cut_template(dict(data=[trace], layout=figure_layout(220, t("corridors.card_share_title", lang), lang,
                                             yaxis=dict(range=[0, 100],
                                                        ticksuffix=t("common.tick_percent", lang)))))


def cost_figure(card, lang: str) -> dict:
    """Cost of sending 200 US$ by quarter on a date axis (half-years until 2012 stay half a year apart), each point
    named by its period in the language ('III кв. 2015')."""
    rows = _plain(card).cost
    name = t("corridors.cost", lang)
    trace = dict(
        type="scatter", x=[period_start(p).strftime("%Y-%m-%d") for p, _, _ in rows], y=[v for _, v, _ in rows],
        mode="lines+markers", name=name, line=dict(color=LINE_COLOURS[2], width=2), marker=dict(size=4),
        customdata=[f"{format_period(p, lang)}: {format_value(v, '%', lang)}" for p, v, _ in rows],
        hovertemplate=wrap_hover_line(f"<b>{name}</b><br>%{{customdata}}") + "<extra></extra>")
    return cut_template(dict(data=[trace], layout=figure_layout(220, t("corridors.card_cost_title", lang), lang,
                                             xaxis=dict(type="date", tickformat="%Y", nticks=6),
                                             yaxis=dict(rangemode="tozero",
                                                        ticksuffix=t("common.tick_percent", lang)))))


# The figures from the card's frames, as they were (the tests compare them with those of CardRows).
def stock_figure_reference(store, card: CorridorCard, selected_source: str, lang: str) -> dict:
    """Migrants over time, one line per UN DESA revision (the selected one solid), and the World Bank 2017 matrix."""
    traces = []
    sources = sorted(card.stock["source"].unique(), key=lambda s: s != selected_source)
    for source in sources:
        rows = card.stock[card.stock["source"] == source]
        name, selected = revision_label(store, source, lang), source == selected_source
        traces.append(dict(
            type="scatter", x=rows["year"].tolist(), y=rows["value"].tolist(), mode="lines+markers", name=name,
            line=dict(color=LINE_COLOURS[0] if selected else LINE_COLOURS[4], width=2,
                      dash="solid" if selected else "dash"),
            marker=dict(size=5), customdata=[format_value(v, "persons", lang) for v in rows["value"]],
            hovertemplate=_hover(name)))
    if not card.knomad_stock.empty:
        rows = card.knomad_stock
        name = revision_label(store, rows["source"].iloc[0], lang)
        traces.append(dict(
            type="scatter", x=rows["year"].tolist(), y=rows["value"].tolist(), mode="markers", name=name,
            marker=dict(size=9, color=LINE_COLOURS[1], symbol="diamond"),
            customdata=[format_value(v, "persons", lang) for v in rows["value"]], hovertemplate=_hover(name)))
    return cut_template(dict(data=traces, layout=figure_layout(
        280, t("corridors.card_stock_title", lang), lang, legend=dict(orientation="h", y=-0.2, font=dict(size=10)),
        yaxis=persons_axis([y for trace in traces for y in trace["y"]], lang))))


def share_figure_reference(card: CorridorCard, lang: str) -> dict:
    rows = card.women_share
    trace = dict(
        type="scatter", x=rows["year"].tolist(), y=rows["value"].round(2).tolist(), mode="lines+markers",
        name=t("corridors.women", lang), line=dict(color=LINE_COLOURS[3], width=2), marker=dict(size=5),
        customdata=[format_value(v, "%", lang) for v in rows["value"]], hovertemplate=_hover(t("corridors.women", lang)))
    return cut_template(dict(data=[trace], layout=figure_layout(220, t("corridors.card_share_title", lang), lang,
                                             yaxis=dict(range=[0, 100],
                                                        ticksuffix=t("common.tick_percent", lang)))))


def cost_figure_reference(card: CorridorCard, lang: str) -> dict:
    """Cost of sending 200 US$ by quarter on a date axis (half-years until 2012 stay half a year apart), each point
    named by its period in the language ('III кв. 2015')."""
    rows = card.cost
    name = t("corridors.cost", lang)
    trace = dict(
        type="scatter", x=[period_start(p).strftime("%Y-%m-%d") for p in rows["period"]], y=rows["value"].tolist(),
        mode="lines+markers", name=name, line=dict(color=LINE_COLOURS[2], width=2), marker=dict(size=4),
        customdata=[f"{format_period(p, lang)}: {format_value(v, '%', lang)}" for p, v in zip(rows["period"], rows["value"])],
        hovertemplate=wrap_hover_line(f"<b>{name}</b><br>%{{customdata}}") + "<extra></extra>")
    return cut_template(dict(data=[trace], layout=figure_layout(220, t("corridors.card_cost_title", lang), lang,
                                             xaxis=dict(type="date", tickformat="%Y", nticks=6),
                                             yaxis=dict(rangemode="tozero",
                                                        ticksuffix=t("common.tick_percent", lang)))))
