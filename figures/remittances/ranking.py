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


@lru_cache(maxsize=1024)  # a few hundred ranks per language; Babel's locale look-up was most of a rank sentence
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
    values = [float(v) for v in rows["value"]]
    bars = [bar_texts(code, int(rank), value, source, data.year, data.count, names, source_labels, lang)
            for code, rank, value, source in zip(codes, rows["rank"], values, rows["source"])]
    return ranking_figure(codes, values, bars, lang=lang, title=title, highlight=highlight, top_n=top_n, kit=kit)


def bar_texts(code: str, rank: int, value: float, source: str, year: int, count: int, names, source_labels,
              lang: str) -> tuple[str, str, str]:
    """A bar's label ('3. Tajikistan'), value text and hover text."""
    text = value_text(value, "%", lang)
    hover = "<b>{}</b><br>{}<br>{}".format(
        names[code], t("remittances.hover_rank", lang, value=text, rank=rank, year=year, count=count),
        hover_source(source_labels[source], lang))
    return t("remittances.rank_label", lang, rank=rank, country=names[code]), text, hover


def ranking_figure(codes: list[str], values: list[float], bars: list[tuple[str, str, str]], *, lang: str, title: str,
                   highlight=CENTRAL_ASIA, top_n: int = TOP_N, kit=PLAIN):
    """`build_ranking_figure` of its rows' codes, values and `bar_texts`."""
    labels = [label for label, _, _ in bars]
    values = list(values)
    # The chosen countries in their own colours (the trend's line colours), every other bar grey.
    others = unpaletted(highlight)
    colours = [country_colour(code, others) if code in highlight else OTHER_BAR for code in codes]
    texts = [text for _, text, _ in bars]
    hovers = [hover for _, _, hover in bars]
    if len(codes) > top_n:  # a visible gap between the top N and the highlighted countries further down
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


@dataclass(frozen=True)
class Ranked:
    """A year's reporting countries ranked (`_ranked` without a frame): codes, values, sources and ranks in rank
    order (then iso3), each code's rank, and the releases the default rule mixes that year."""

    asked: str | None
    unavailable: str | None
    codes: tuple[str, ...]
    values: tuple[float, ...]
    sources: tuple[str, ...]
    ranks: tuple[int, ...]
    rank_of: dict
    mixed: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class RankingRows:
    """`RankingData` as columns: the top N, then the highlighted countries below it."""

    codes: list[str]
    values: list[float]
    sources: list[str]
    rank_list: list[int]
    year: int
    count: int
    ranks: dict[str, int | None]
    source: str | None
    unavailable: str | None = None


def _year_rows(store, year: int, asked: str | None) -> tuple[list[str], list[float], list[str]]:
    by_year, codes, values, sources = store.map_arrays(PCT_INDICATOR, asked)
    positions = by_year.get(year)
    if positions is None:
        return [], [], []
    positions = positions.tolist()
    return [codes[i] for i in positions], values[positions].tolist(), [sources[i] for i in positions]


# a year × source: ~200 short rows; every one made in gunicorn's master (layouts/remittances/ranking
# build_rankings: 55 years × 12 source choices, 660)
@lru_cache(maxsize=1024)
def ranked_year(store, year: int, source: str | None) -> Ranked:
    """`_ranked` from the store's arrays: the same countries, ranks and order."""
    asked = chosen_source(store, PCT_INDICATOR, source)
    codes, values, sources = _year_rows(store, year, asked)
    unavailable = None
    if asked is not None and not codes:  # e.g. an older vintage and a recent year: show the default, say so
        unavailable, asked = asked, None
        codes, values, sources = _year_rows(store, year, None)
    flagged = not_reporting(store)
    kept = [i for i, (code, value) in enumerate(zip(codes, values)) if code not in flagged and value == value]
    codes, values, sources = [codes[i] for i in kept], [values[i] for i in kept], [sources[i] for i in kept]
    # Equal values share the better rank ("min", largest first), as pandas ranks them.
    first: dict[float, int] = {}
    for place, value in enumerate(sorted(values, reverse=True), start=1):
        first.setdefault(value, place)
    ranks = [first[value] for value in values]
    order = sorted(range(len(codes)), key=lambda i: (ranks[i], codes[i]))
    mixed = ()
    if asked is None:
        mixed = _releases_of(_year_rows(store, year, None)[2])
    return Ranked(asked, unavailable, tuple(codes[i] for i in order), tuple(values[i] for i in order),
                  tuple(sources[i] for i in order), tuple(ranks[i] for i in order),
                  {codes[i]: ranks[i] for i in order}, mixed)


def _releases_of(sources: list[str]) -> tuple[tuple[str, int], ...]:
    """`store.releases_used` of a year's rows: (source, rows), most rows first, equal counts in the order the
    sources first come."""
    counts: dict[str, int] = {}
    for source in sources:
        counts[source] = counts.get(source, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: -item[1]))


def ranking_rows(store, year: int, highlight=CENTRAL_ASIA, source: str | None = None,
                 top_n: int = TOP_N) -> RankingRows:
    """`ranking_data` as columns, from `ranked_year`."""
    ranked = ranked_year(store, int(year), source)
    rows = list(range(min(top_n, len(ranked.codes))))
    rows += [i for i in range(top_n, len(ranked.codes)) if ranked.codes[i] in highlight]
    return RankingRows([ranked.codes[i] for i in rows], [ranked.values[i] for i in rows],
                       [ranked.sources[i] for i in rows], [ranked.ranks[i] for i in rows], int(year),
                       len(ranked.codes), {code: ranked.rank_of.get(code) for code in highlight}, ranked.asked,
                       ranked.unavailable)
