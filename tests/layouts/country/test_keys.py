"""The profile's keys written out for extraction cover every value they are chosen by."""
from __future__ import annotations

from figures.country.groups import GROUPS, INDEX_GROUPS
from figures.country.headlines import SECTIONS
from figures.country.trends import TRENDS
from layouts.country import keys


def test_every_fact_section_trend_and_group_has_its_key():
    assert set(keys.FACT_KEYS) == {key for items in SECTIONS.values() for key, _ in items}
    assert set(keys.SECTION_KEYS) == set(SECTIONS)
    assert set(keys.TREND_KEYS) == {key for key, _ in TRENDS}
    assert set(keys.BADGE_KEYS) == set(keys.GROUP_KEYS) == set(GROUPS) >= set(INDEX_GROUPS)
    assert set(keys.CORRIDORS_TITLE_KEYS) == set(keys.CORRIDORS_EMPTY_KEYS) == {"out", "in"}
