"""The groups a profile names and the index's groups."""
from __future__ import annotations

from figures.country.groups import INDEX_GROUPS, index_groups, memberships


def test_memberships_and_index_groups(store):
    assert memberships(store, "KAZ") == ["ca5", "almaty_member", "customs_union_2013", "main_destinations"]
    assert memberships(store, "IRN") == ["almaty_observer"]
    assert memberships(store, "DEU") == []
    groups = index_groups(store)
    assert groups["ca5"] == store.group_members("ca5")
    named = {iso3 for group in INDEX_GROUPS for iso3 in groups[group]}
    assert not named & set(groups["other"])
    assert named | set(groups["other"]) >= set(store.countries()["iso3"])
