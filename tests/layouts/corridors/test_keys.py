"""The corridors view's keys written out for extraction cover every value they are chosen by."""
from __future__ import annotations

from figures.corridors.comparison import COMPARISON_ROWS
from figures.corridors.selection import MODES, SEXES
from layouts.corridors import keys
from layouts.corridors.card import MEASURE_UNITS


def test_every_sex_mode_measure_and_source_has_its_key():
    assert list(keys.SEX_OPTION_KEYS) == list(SEXES)  # in this order on the radio buttons
    assert list(keys.MODE_KEYS) == list(MODES)
    assert set(keys.MEASURE_KEYS) == set(MEASURE_UNITS)
    assert set(keys.COUNTS_KEYS) == {spec.key for spec in COMPARISON_ROWS}
    assert set(keys.COVERAGE_KEYS) == set(keys.COVERAGE_PARTIAL_KEYS) == {"emigrants", "immigrants"}
    assert set(keys.CARD_LABEL_KEYS) == {"stock", "women_share", "remittances", "cost"}
