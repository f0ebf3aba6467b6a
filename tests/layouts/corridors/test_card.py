"""The corridor card: its figures, what it says without data, its CSV."""
from __future__ import annotations

import pytest

from layouts.corridors.card import card_body, card_csv
from layouts.ids import Corridors
from tests.layouts.corridors.support import page
from tests.support.components import by_id, text_of, walk


def test_card_of_a_corridor_to_russia_shows_the_fms_count_as_another_measure(store):
    card = by_id(page("?corridor=TJK-RUS"), Corridors.CARD)
    stats = {getattr(c, "data-stat"): c.children for c in walk(card) if hasattr(c, "data-stat")}
    assert stats["citizens_present"] == "1,200,000 persons"
    assert stats["stock"] == "415,676 persons"  # UN DESA 2024, foreign-born
    assert "citizens_present" not in {getattr(c, "data-stat") for c in walk(by_id(page("?corridor=TJK-KAZ"),
                                                                                     Corridors.CARD))
                                      if hasattr(c, "data-stat")}


def test_card_without_cost_data_says_so(store):
    tree = page("?corridor=UZB-KAZ")
    text = text_of(by_id(tree, Corridors.CARD))
    assert "Remittance Prices Worldwide has no figures for this corridor." in text
    assert "Uzbekistan → Kazakhstan" in text


def test_a_card_figure_without_data_has_no_dash_for_its_year():
    card = text_of(card_body("USA", "CHN", "undesa_ims_2024", "en"))
    assert "Cost of sending US$ 200 No data" in card and "—" not in card  # was "Cost of sending US$ 200, —"
    assert "Migrants, 2024" in card


def test_card_remittances_are_labelled_with_the_year_of_the_matrix_shown():
    text = text_of(card_body("UZB", "RUS", "undesa_ims_2024", "en"))
    assert "Remittances sent home, 2021" in text  # the 2021 matrix is the default (2017 kept as a source)


def test_card_csv_carries_provenance(store):
    card = card_csv("UZB", "RUS", "undesa_ims_2024")
    assert {"stock_total", "women_share", "remittances_usd", "cost_pct", "citizens_present"} <= set(card["measure"])
    assert set(card["vintage"]) >= {"Rev.2024", "2022-12", "2020-12-07"}


def test_card_rows_are_the_csv_rows(store):
    from figures.corridors.card import corridor_card
    from layouts.corridors.card import card_csv_rows, card_rows

    for origin in ("UZB", "KAZ", "KGZ", "TJK", "TKM", "AFG", "USA"):
        for destination in ("RUS", "KAZ", "DEU", "TUR", "UZB", "CHN"):
            for source in ("undesa_ims_2024", "undesa_ims_2020"):
                card = corridor_card(store, origin, destination, source)
                expected = [(r.measure, r.period, r.value, r.source) for r in card_csv_rows(card).itertuples()]
                found = card_rows(card)
                assert found == expected
                assert [type(value) for _, _, value, _ in found] == [type(value) for _, _, value, _ in expected]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_card_as_sent_equals_its_components_serialised(store, lang):
    """The card sent with its table's rows written directly is the page's card (components) as plotly's encoder
    writes it: corridors with every part, with none, to and from Central Asia, the same country, each revision."""
    from figures.corridors.selection import revision_sources
    from layouts import common
    import orjson

    from layouts.corridors.card import card_body_json
    pairs = [(o, d) for o in ("UZB", "KGZ", "TJK", "KAZ", "TKM", "AFG", "UKR", "USA", "TUV")
             for d in ("RUS", "KAZ", "USA", "DEU", "TUR", "UZB")]
    for origin, destination in pairs:
        for source in revision_sources(store):
            assert card_body_json.__wrapped__(origin, destination, source, lang).raw == orjson.dumps(
                common.reference_serialised(card_body.__wrapped__(origin, destination, source, lang))), (
                origin, destination, source)
