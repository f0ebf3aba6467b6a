"""figures/map/indicators.py: every indicator and direction has its catalogue key."""
from __future__ import annotations


def test_every_indicator_and_direction_has_its_key():
    from figures.map import indicators as figmap

    assert list(figmap.INDICATOR_KEYS) == list(figmap.INDICATORS)
    assert set(figmap.FOCUS_HOVER_KEYS) == set(figmap.FOCUS_TITLE_KEYS) == {"emigrants", "immigrants"}
