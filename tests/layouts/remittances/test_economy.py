"""Russia's economy and the rouble: the block under the chart."""
from __future__ import annotations

from data.query import get_store
from figures.remittances.economy import ECONOMY_INDICATORS
from layouts.ids import Remittances as Ids
from layouts.remittances.economy import economy_info
from tests.layouts.remittances.support import render
from tests.support.components import by_id, text_of, walk


def test_economy_block_names_its_source_years_definitions_and_caveats():
    current, tree = render()
    section = next(c for c in walk(tree) if type(c).__name__ == "Section" and by_id(c, Ids.ECONOMY_GRAPH) is not None)
    assert "Russia's economy and the rouble" in text_of(section)
    info = text_of(by_id(tree, Ids.ECONOMY_INFO))
    store = get_store()
    assert store.source_meta("wdi_panel_2025")["title"] in info  # the source line
    assert "Values for 2009–2024 only" in info
    assert "Rouble depreciation above zero: the rouble lost value against the US dollar" in info
    assert "log change × 100" in info
    for indicator in ECONOMY_INDICATORS:  # definitions and caveats of both series
        meta = store.indicator_meta(indicator)
        assert meta["definition"] in info and meta["caveats"] in info
    assert "Definition (Real GDP growth (%))" in info
    assert "Definition (Rouble depreciation against the US$ (log points))" in info


def test_the_sentence_under_russias_economy_names_those_years():
    text = text_of(economy_info("en"))
    assert "Kyrgyzstan, Tajikistan and Uzbekistan" in text and "2009, 2015" in text
