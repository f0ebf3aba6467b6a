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
