"""The ranking: the curated values in order, Central Asia highlighted, ranks and counts in words."""
from __future__ import annotations

import numpy as np
import pytest

from figures.common import COUNTRY_COLOURS, NEUTRAL_COLOURS
from figures.remittances.parts import PCT_INDICATOR, labels_for, names_for
from figures.remittances.ranking import (OTHER_BAR, TOP_N, build_ranking_figure, default_rank_year, ordinal,
                                         rank_sentence, ranking_data, ranking_table, ranking_years)
from tests.support.plain import assert_plain_is_validated, figure_of


def test_ranking_bars_are_the_curated_values_in_order(store):
    year = 2021
    data = ranking_data(store, year)
    curated = store.ranking(PCT_INDICATOR, year)
    curated = curated[curated["iso3"] != "TKM"].reset_index(drop=True)
    top = data.rows.head(TOP_N)
    assert list(top["iso3"]) == list(curated["iso3"].head(TOP_N))
    np.testing.assert_array_equal(top["value"].to_numpy(), curated["value"].head(TOP_N).to_numpy())
    assert data.count == len(curated)
    figure = figure_of(build_ranking_figure(data, names=names_for(store, data.rows["iso3"], "en"),
                                            source_labels=labels_for(store, data.rows["source"]), lang="en",
                                            title="t"))
    bars = figure.data[0]
    assert list(bars.x[:TOP_N]) == list(top["value"])
    assert bars.y[0].startswith("1. ")


def test_ranking_highlights_central_asia_and_adds_those_below_the_top(store):
    data = ranking_data(store, 2021)
    assert data.ranks["TJK"] == 2 and data.ranks["KGZ"] == 3  # behind Tonga in 2021 (WDI panel values)
    assert data.ranks["TKM"] is None
    below = data.rows.iloc[TOP_N:]
    expected_below = {code for code, rank in data.ranks.items() if rank is not None and rank > TOP_N}
    assert expected_below == {"KAZ", "UZB"}  # 168th and 27th in 2021
    assert set(below["iso3"]) == expected_below
    assert list(below["rank"]) == sorted(below["rank"])
    figure = figure_of(build_ranking_figure(data, names=names_for(store, data.rows["iso3"], "en"),
                                            source_labels=labels_for(store, data.rows["source"]), lang="en",
                                            title="t"))
    bars = figure.data[0]
    colours = dict(zip(bars.y, bars.marker.color))
    assert colours["2. Tajikistan"] == COUNTRY_COLOURS["TJK"]  # its colour of every chart
    assert colours["1. Tonga"] == OTHER_BAR
    assert "⋯" in bars.y


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                     (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"),
                                     (111, "111th"), (164, "164th")])
def test_ordinals(n, text):
    assert ordinal(n, "en") == text


def test_rank_sentences_state_rank_and_count_in_words(store):
    data = ranking_data(store, 2021)
    assert rank_sentence(store, data, "TJK", "en") == (
        f"Tajikistan ranks 2nd of {data.count} countries with data in 2021.")
    assert rank_sentence(store, data, "TKM", "en").startswith("Turkmenistan: not reported")
    assert rank_sentence(store, ranking_data(store, 1975), "TJK", "en") == "Tajikistan: no data for 1975."


def test_ties_share_the_better_rank(store):
    data = ranking_data(store, 2021)
    values = data.rows["value"].tolist()
    ranks = data.rows["rank"].tolist()
    for (v1, r1), (v2, r2) in zip(zip(values, ranks), zip(values[1:], ranks[1:])):
        assert (r1 == r2) == (v1 == v2)


def test_default_rank_year_is_the_latest_with_broad_coverage(store):
    year = default_rank_year(store)
    counts = {y: len(store.ranking(PCT_INDICATOR, y)) for y in ranking_years(store)}
    assert counts[year] >= 0.8 * max(counts.values())
    assert all(counts[y] < 0.8 * max(counts.values()) for y in counts if y > year)


def test_ranking_table_has_rank_count_and_provenance(store):
    data = ranking_data(store, 2021)
    table = ranking_table(data, store, "en")
    assert list(table["rank"]) == list(data.rows["rank"])
    assert set(table["countries_with_data"]) == {data.count}
    assert set(table["year"]) == {2021}
    assert {"source", "publisher", "vintage", "licence", "unit"} <= set(table.columns)


def test_ranking_with_a_source_lacking_the_year_shows_the_default_and_says_so(store):
    data = ranking_data(store, 2023, source="wdi_2023_05")  # that vintage ends before 2023
    assert data.unavailable == "wdi_2023_05" and data.source is None
    default = store.ranking(PCT_INDICATOR, 2023)
    assert data.count == len(default[default["iso3"] != "TKM"])
    chosen = ranking_data(store, 2021, source="wdi_2023_05")
    assert chosen.source == "wdi_2023_05" and chosen.unavailable is None
    assert set(chosen.rows["source"]) == {"wdi_2023_05"}


def test_ranking_highlights_the_chosen_countries_in_their_colours(store):
    chosen = ("NPL", "TJK")
    data = ranking_data(store, 2021, highlight=chosen)
    figure = figure_of(build_ranking_figure(data, names=names_for(store, data.rows["iso3"], "en"),
                                            source_labels=labels_for(store, data.rows["source"]), lang="en",
                                            title="t", highlight=chosen))
    colours = dict(zip(data.rows["iso3"], [c for y, c in zip(figure.data[0].y, figure.data[0].marker.color)
                                           if y != "⋯"]))
    assert colours["TJK"] == COUNTRY_COLOURS["TJK"]
    assert colours["NPL"] in NEUTRAL_COLOURS
    assert colours["KGZ"] == OTHER_BAR  # Central Asian, but not chosen


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("year, source, highlight", [(2021, None, ("KAZ", "KGZ", "TJK", "TKM", "UZB")),
                                                     (2005, "wdi_2023_05", ("UZB", "ARM")),
                                                     (2023, "wdi_2023_05", ())])
def test_the_plain_ranking_figure_is_the_validated_one(store, lang, year, source, highlight):
    data = ranking_data(store, year, highlight, source)
    assert_plain_is_validated(lambda kit: build_ranking_figure(
        data, names=names_for(store, data.rows["iso3"], lang),
        source_labels=labels_for(store, data.rows["source"], lang), lang=lang, title="t", highlight=highlight, kit=kit))


def _ranking_data_uncached(store, year, highlight, source):
    """ranking_data as it was before a year's ranking was kept (figures.remittances.ranking._ranked)."""
    import pandas as pd

    from figures.remittances.parts import chosen_source, not_reporting
    from figures.remittances.ranking import RankingData

    asked = chosen_source(store, PCT_INDICATOR, source)
    ranked = store.ranking(PCT_INDICATOR, year, source=asked)
    unavailable = None
    if asked is not None and ranked.empty:
        unavailable, asked = asked, None
        ranked = store.ranking(PCT_INDICATOR, year)
    ranked = ranked[~ranked["iso3"].isin(not_reporting(store)) & ranked["value"].notna()]
    ranked = ranked.assign(rank=ranked["value"].rank(method="min", ascending=False).astype(int))
    ranked = ranked.sort_values(["rank", "iso3"], kind="stable").reset_index(drop=True)
    rank_of = dict(zip(ranked["iso3"], ranked["rank"]))
    ranks = {code: (int(rank_of[code]) if code in rank_of else None) for code in highlight}
    below = ranked.iloc[TOP_N:]
    rows = pd.concat([ranked.iloc[:TOP_N], below[below["iso3"].isin(highlight)]], ignore_index=True)
    return RankingData(rows, int(year), len(ranked), ranks, asked, unavailable)


def test_a_year_ranked_before_gives_the_same_ranking_for_any_countries_and_source(store):
    """Every year × source (the default, each release, one without the year) × highlighted countries, asked twice
    (the second from the year's kept ranking), with a caller changing the rows it got in between."""
    import pandas as pd

    from figures.remittances.parts import sources_for

    highlights = [("KAZ", "KGZ", "TJK", "TKM", "UZB"), (), ("RUS", "USA", "TJK", "MEX", "XXX")]
    sources = [None, *sources_for(store, PCT_INDICATOR), "nope"]
    years = ranking_years(store)
    for year in sorted({*years[::9], years[-1], 2100}):
        for source in sources:
            for highlight in highlights[year % 3:] + highlights[:year % 3][:1]:
                for _ in range(2):
                    got = ranking_data(store, year, highlight=highlight, source=source)
                    expected = _ranking_data_uncached(store, year, highlight, source)
                    pd.testing.assert_frame_equal(got.rows, expected.rows)
                    assert (got.year, got.count, got.ranks, got.source, got.unavailable) == (
                        expected.year, expected.count, expected.ranks, expected.source, expected.unavailable)
                    got.rows.loc[:, "value"] = -1.0  # a caller's change stays its own
