"""The world ranking of one year (remittances as % of GDP), the chosen countries highlighted."""
from __future__ import annotations

from functools import lru_cache


from data.query import get_store
from figures.common import source_label
from figures.remittances import ranking as ranking_fig
from figures.remittances.parts import CENTRAL_ASIA, PCT_INDICATOR, country_name, drawn_template, labels_for, value_text
from figures.remittances.ranking import (RankingData, RankingRows, TOP_N, bar_texts, build_ranking_figure,
                                         rank_sentence, ranked_year, ranking_figure, ranking_rows)
from i18n import t
from layouts import common
from layouts.remittances.parts import (caveats_block, caveats_sent, items_sent, names_of, note_list, note_list_sent,
                                       shown_note, source_line_sent, table_block, table_block_sent)
from layouts.made import html


def ranking_data(state: dict) -> RankingData:
    return _ranking_data(state["rank_year"], state["source"], ranked_choice(state))


def ranked_choice(state: dict) -> tuple[str, ...]:
    """The chosen countries the ranking highlights (aggregates such as the World are not ranked)."""
    store = get_store()
    chosen = state.get("countries") or ()
    return tuple(code for code in chosen if (store.country(code) or {}).get("kind") == "country")


@lru_cache(maxsize=16)  # sizes measured: serving/memory.py
def _ranking_data(year: int, source: str, highlight: tuple[str, ...] = CENTRAL_ASIA) -> RankingData:
    return ranking_fig.ranking_data(get_store(), year, highlight=highlight, source=source)


def ranking_outputs(year: int, source: str, lang: str, highlight: tuple[str, ...] = CENTRAL_ASIA) -> tuple:
    """The ranking's figure, sentences and block, serialised: from the year's ranking (kept per year and source,
    without a frame) and, per language, its top bars' texts, the source line and caveats (kept serialised); the
    highlighted countries' bars, colours and sentences made per selection (what `_ranking_block` makes whole)."""
    store = get_store()
    data = ranking_rows(store, year, highlight=highlight, source=source)
    top = _top_bars(year, source, lang)
    bars = [*top, *(_bar(data, code, lang) for code in data.codes[len(top):])]
    figure = drawn_template(ranking_figure(data.codes, data.values, bars, lang=lang,
                                           title=t("remittances.ranking_title", lang, n=TOP_N, year=data.year),
                                           highlight=highlight))
    used = tuple(dict.fromkeys(data.sources))
    info = {"props": {"children": [
        source_line_sent(used, lang) if used else None,
        note_list_sent(_ranking_notes(store, data, year, source, lang)),
        caveats_sent(PCT_INDICATOR, used, lang),
    ]}, "type": "Div", "namespace": "dash_html_components"}
    # The figure as PLAIN made it (plain lists, texts and numbers: Dash writes the bytes `serialised` would give)
    sentences = items_sent([rank_sentence(store, data, code, lang) for code in highlight], SENTENCES_CLASS, highlight)
    return figure, sentences, info


@lru_cache(maxsize=128)  # a year × source × language: the top bars' three texts each (~6 kB)
def _top_bars(year: int, source: str, lang: str) -> tuple[tuple[str, str, str], ...]:
    data = ranking_rows(get_store(), year, highlight=(), source=source)
    return tuple(_bar(data, code, lang) for code in data.codes)


def _bar(data: RankingRows, code: str, lang: str) -> tuple[str, str, str]:
    store = get_store()
    at = data.codes.index(code)
    return bar_texts(code, data.rank_list[at], data.values[at], data.sources[at], data.year, data.count,
                     {code: country_name(store, code, lang)}, {data.sources[at]: source_label(store, data.sources[at],
                                                                                             lang)}, lang)


def build_rankings() -> int:
    """Every ranking year's ranking (figures/remittances/ranking.ranked_year: ~190 countries ranked, the releases
    mixed) for each source a reader can choose: made once in gunicorn's master (serving/warmup.build_indexes), so
    a ranking year or source picked for the first time puts its chart together from it (the ranking was ~1/3 of
    that answer's build). The top bars' texts (per language) are still written on first use. The number of
    rankings (years × source choices)."""
    from layouts.remittances.params import rank_years, source_choices

    store = get_store()
    for source in source_choices():
        for year in rank_years():
            ranked_year(store, int(year), source)
    return len(source_choices()) * len(rank_years())


@common.kept_compact(32)
def ranking_outputs_reference(year: int, source: str, lang: str, highlight: tuple[str, ...] = CENTRAL_ASIA) -> tuple:
    """`ranking_outputs` from the frames and components, as it was (the tests compare both)."""
    return tuple(map(common.serialised, _ranking_block(year, source, lang, highlight)))


SENTENCES_CLASS = "rank-sentences mb-2"


def _sentences(store, data, highlight, lang: str):
    return html.Ul([html.Li(rank_sentence(store, data, code, lang), **{"data-iso3": code}) for code in highlight],
                   className=SENTENCES_CLASS)


def _ranking_notes(store, data, year: int, source: str, lang: str) -> list[str]:
    notes = [t("remittances.ranking_note", lang, n=TOP_N)]
    if data.unavailable:
        notes.append(t("remittances.source_unavailable_year", lang, source=source_label(store, data.unavailable, lang),
                       year=year))
    notes += shown_note(store, data.source, None if data.unavailable else source, lang)
    if data.source is None:  # the default rule mixes releases across countries in one year: say which
        mixed = (ranked_year(store, data.year, None).mixed if isinstance(data, RankingRows) else
                 store.releases_used(store.values_for_map(PCT_INDICATOR, data.year)))
        if len(mixed) > 1:
            notes.append(t("revisions.ranking_mixed", lang, releases="; ".join(
                f"{source_label(store, source, lang)}: {count}" for source, count in mixed)))
    return notes


def ranking_block(state: dict, lang: str):
    """The ranking's figure, its rank sentences and the block under it; the chosen countries highlighted."""
    return _ranking_block(state["rank_year"], state["source"], lang, ranked_choice(state))


@lru_cache(maxsize=2)  # the page's components (2 hits in 143 in a worker): the callbacks repeat ranking_outputs
def _ranking_block(year: int, source: str, lang: str, highlight: tuple[str, ...] = CENTRAL_ASIA):
    store = get_store()
    data = _ranking_data(year, source, highlight)
    figure = drawn_template(build_ranking_figure(data, names=names_of(data.rows["iso3"], lang),
                                                 source_labels=labels_for(store, data.rows["source"], lang),
                                                 lang=lang,
                                                 title=t("remittances.ranking_title", lang, n=TOP_N, year=data.year),
                                                 highlight=highlight))
    sentences = _sentences(store, data, highlight, lang)
    used = list(dict.fromkeys(data.rows["source"]))
    info = html.Div([
        common.source_line(store, used, lang) if used else None,
        note_list(_ranking_notes(store, data, year, source, lang)),
        caveats_block(store, PCT_INDICATOR, used, lang),
    ])
    return figure, sentences, info


def ranking_table(data: RankingData, lang: str):
    store = get_store()
    rows = [[country_name(store, r.iso3, lang), str(int(r.rank)), value_text(r.value, "%", lang)]
            for r in data.rows.itertuples()]
    return table_block([t("common.country", lang), t("remittances.table_rank", lang), t("remittances.measure_pct", lang)],
                  rows, lang, t("remittances.ranking_title", lang, n=TOP_N, year=data.year))


def ranking_table_sent(data: RankingRows, lang: str) -> dict:
    """`common.serialised(ranking_table(…))` of the ranking's rows, without a frame or a component per cell."""
    store = get_store()
    rows = [[country_name(store, code, lang), str(rank), value_text(value, "%", lang)]
            for code, rank, value in zip(data.codes, data.rank_list, data.values)]
    return table_block_sent([t("common.country", lang), t("remittances.table_rank", lang),
                             t("remittances.measure_pct", lang)],
                            rows, lang, t("remittances.ranking_title", lang, n=TOP_N, year=data.year))
