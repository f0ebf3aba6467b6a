"""The ranking: the top recipients by % of GDP in one year, the chosen countries highlighted, with each one's world
rank."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from babel import Locale

from figures.common import base_layout_dict, country_colour, separators, unpaletted
from figures.plain import PLAIN
from figures.remittances.parts import (CENTRAL_ASIA, PCT_INDICATOR, chosen_source, country_name, hover_source,
                                       not_reporting, tidy, value_text)
from i18n import N_, t


TOP_N = 20

# Lines and highlighted bars take each country's own colour (figures.common.country_colour).
OTHER_BAR = "#b4bcc6"


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
    asked, unavailable, ranked, rank_of = _ranked(store, year, source)
    ranks = {code: (int(rank_of[code]) if code in rank_of else None) for code in highlight}
    below = ranked.iloc[top_n:]
    rows = pd.concat([ranked.iloc[:top_n], below[below["iso3"].isin(highlight)]], ignore_index=True)
    return RankingData(rows, int(year), len(ranked), ranks, asked, unavailable)


@lru_cache(maxsize=64)  # a year × source of a store: ~200 rows each, a few MB at most; read, never changed
def _ranked(store, year: int, source: str | None) -> tuple:
    """The source shown, the one chosen but unavailable, every reporting country ranked, and each one's rank: what
    a ranking of `year` is whatever countries it highlights and in whichever language (a first-time selection
    is mostly a new choice of countries or language for a year ranked before)."""
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
    return asked, unavailable, ranked, dict(zip(ranked["iso3"], ranked["rank"]))


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
                         title: str, highlight=CENTRAL_ASIA, top_n: int = TOP_N, kit=PLAIN):
    """Horizontal bars, largest at the top; highlighted countries below the top N follow after a '⋯' row.
    A plain figure dict (figures/plain.py); `kit=VALIDATED` builds the same through plotly's validation."""
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
    bars = kit.Bar(x=values, y=labels, orientation="h", marker=dict(color=colours), text=texts,
                  textposition="outside", cliponaxis=False, hovertext=hovers,
                  hovertemplate="%{hovertext}<extra></extra>", name=t("remittances.measure_pct", lang))
    layout = base_layout_dict(height=max(320, 22 * len(labels) + 90))
    layout.update(title=dict(text=title, x=0.01, font=dict(size=15)), margin=dict(l=10, r=50, t=50, b=30),
                  bargap=0.25, showlegend=False, dragmode=False, separators=separators(lang))
    layout["yaxis"].update(autorange="reversed", type="category", showgrid=False, ticks="")
    layout["xaxis"].update(ticksuffix=t("common.tick_percent", lang), showgrid=True, gridcolor="#e5e5e5",
                           rangemode="tozero")
    return kit.Figure([bars], layout)


def ranking_table(data: RankingData, store, lang: str) -> pd.DataFrame:
    table = tidy(store, data.rows.assign(year=data.year), PCT_INDICATOR, lang)
    table.insert(0, "rank", data.rows["rank"].astype(int).to_numpy())
    table.insert(1, "countries_with_data", data.count)
    return table
