"""The map view's keys written out for extraction cover every value they are chosen by."""
from figures.map.indicators import INDICATOR_KEYS, INDICATORS
from layouts.map import keys


def test_every_indicator_scope_and_direction_has_its_key():
    assert list(INDICATOR_KEYS) == list(INDICATORS)  # in this order on the radio buttons
    assert list(keys.SCOPE_KEYS) == ["region", "world"]
    assert set(keys.SHARE_OF_TOTAL_KEYS) == set(keys.PARTNERS_TITLE_KEYS) == set(keys.TREND_TITLE_KEYS) \
        == {"emigrants", "immigrants"} <= set(INDICATOR_KEYS)
