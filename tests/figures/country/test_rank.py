"""The world rank in remittances: the store's ranking, in a year with world coverage; none for an aggregate."""
from __future__ import annotations

from figures.country.rank import RANK_INDICATOR, rank_years, remittance_rank


def test_rank_is_the_store_ranking_in_a_year_with_world_coverage(store):
    rank = remittance_rank(store, "TJK")
    ranking = store.ranking(RANK_INDICATOR, rank.year)
    row = ranking[ranking["iso3"] == "TJK"].iloc[0]
    assert (rank.rank, rank.value, rank.source, rank.of) == (int(row["rank"]), row["value"], row["source"],
                                                             len(ranking))
    assert rank.of > 100  # not 2024, where only a three-country panel has values
    assert rank.year in rank_years(store)
    assert rank.rank <= 2  # Tajikistan: among the world's highest remittance shares (WDI)


def test_rank_missing_for_an_aggregate(store):
    assert remittance_rank(store, "WLD") is None
