"""The ranking: a sentence per Central Asian country, and what it says of the source."""
from __future__ import annotations

from layouts.ids import Remittances as Ids
from tests.layouts.remittances.support import render
from tests.support.components import by_id, text_of


def test_rank_sentences_for_every_central_asian_country():
    current, tree = render("?rank_year=2021")
    sentences = [item.children for item in by_id(tree, Ids.RANKING_SENTENCES).children.children]
    assert len(sentences) == 5
    assert any(s.startswith("Tajikistan ranks 2nd of ") and s.endswith("countries with data in 2021.")
               for s in sentences)
    assert any(s.startswith("Turkmenistan: not reported") for s in sentences)


def test_ranking_notes_a_source_without_the_year():
    current, tree = render("?source=wdi_2023_05&rank_year=2023")
    info = text_of(by_id(tree, Ids.RANKING_INFO))
    assert "has no values for 2023, so the default rule is shown" in info
    assert "ranks" in text_of(by_id(tree, Ids.RANKING_SENTENCES))


def test_every_ranking_is_made_at_start_up_as_it_is_made_on_demand():
    """build_rankings (gunicorn's master) keeps every ranking year's ranking of every source choice: each equals
    one made afresh, and each is then found kept (none is ranked again on a visitor's request)."""
    from data.query import get_store
    from figures.remittances.ranking import ranked_year
    from layouts.remittances.params import rank_years, source_choices
    from layouts.remittances.ranking import build_rankings

    store = get_store()
    ranked_year.cache_clear()
    assert build_rankings() == len(rank_years()) * len(source_choices()) == ranked_year.cache_info().currsize
    misses = ranked_year.cache_info().misses
    for source in source_choices():
        for year in rank_years():
            assert ranked_year(store, int(year), source) == ranked_year.__wrapped__(store, int(year), source)
    assert ranked_year.cache_info().misses == misses
