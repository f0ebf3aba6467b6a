"""The remittances view's keys written out for extraction cover every value they are chosen by."""
from __future__ import annotations

from figures import remittances as fig
from layouts.remittances import keys


def test_every_measure_scale_and_group_has_its_key():
    assert list(keys.MEASURE_KEYS) == list(fig.MEASURES)  # in this order on the radio buttons
    assert list(keys.SCALE_KEYS) == list(fig.SCALES)
    assert set(keys.GROUP_KEYS) == set(fig.GROUPS)
    assert set(keys.TREND_TITLE_KEYS) == set(keys.TREND_TITLE_RELATIVE_KEYS) == set(fig.MEASURES)
