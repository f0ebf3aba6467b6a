"""The notes and rank sentences written as Dash writes them (layouts/remittances/parts.note_list_sent,
items_sent) equal the components serialised, for texts in both languages, empty notes left out."""
from __future__ import annotations

import pytest

from layouts import common
from serving.fast_json.answer import to_json
from layouts.made import html
from layouts.remittances.parts import items_sent, note_list, note_list_sent

NOTES = [[], [""], ["One note."], ["Первая", "", "вторая «заметка» — 1 234,5 %", "<b>not markup</b>"],
         ["a"] * 7, [None, "x", ""]]


@pytest.mark.parametrize("items", NOTES)
def test_note_lists_sent_are_the_components_serialised(items):
    assert to_json(note_list_sent(items)) == to_json(common.serialised(note_list(items)))


def test_a_note_that_is_a_component_goes_the_components_way():
    items = ["text", html.Span("a component")]
    assert note_list_sent(items) == common.serialised(note_list(items))


@pytest.mark.parametrize("codes", [(), ("KAZ",), ("KAZ", "KGZ", "TJK", "TKM", "UZB")])
def test_rank_sentences_sent_are_the_components_serialised(codes):
    texts = [f"{code}: 1-е место из 181" for code in codes]
    expected = html.Ul([html.Li(text, **{"data-iso3": code}) for text, code in zip(texts, codes)],
                       className="rank-sentences mb-2")
    assert to_json(items_sent(texts, "rank-sentences mb-2", codes)) == \
        to_json(common.serialised(expected))
