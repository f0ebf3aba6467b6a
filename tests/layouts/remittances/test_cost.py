"""The cost of sending money from Russia: the block under the chart."""
from __future__ import annotations

from layouts.ids import Remittances as Ids
from tests.layouts.remittances.support import render
from tests.support.components import by_id, text_of


def test_cost_block_states_the_end_of_the_extract_and_the_2022_gap():
    current, tree = render()
    info = text_of(by_id(tree, Ids.COST_INFO))
    assert "ends in 2020 Q3" in info and "2022 Q1–Q2" in info
