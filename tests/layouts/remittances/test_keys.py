"""The remittances view's keys written out for extraction cover every value they are chosen by."""
from __future__ import annotations

from figures.remittances.parts import GROUPS, MEASURES, SCALES
from layouts.remittances import keys


def test_every_measure_scale_and_group_has_its_key():
    assert list(keys.MEASURE_KEYS) == list(MEASURES)  # in this order on the radio buttons
    assert list(keys.SCALE_KEYS) == list(SCALES)
    assert set(keys.GROUP_KEYS) == set(GROUPS)
    assert set(keys.TREND_TITLE_KEYS) == set(keys.TREND_TITLE_RELATIVE_KEYS) == set(MEASURES)
