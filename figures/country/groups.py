"""The groups a profile names (a badge each) and the index page's groups."""
from __future__ import annotations

from functools import cache

import pandas as pd


# Groups a profile names, in this order; the index lists the first four, then everyone else.
GROUPS = ("ca5", "almaty_member", "almaty_observer", "customs_union_2013", "main_destinations")
INDEX_GROUPS = ("ca5", "main_destinations", "almaty_member", "almaty_observer")


def _member_list(members) -> list[str]:
    if isinstance(members, pd.DataFrame):
        return list(members["iso3"])
    return list(members)


@cache  # the store never changes
def _group_sets(store) -> dict[str, frozenset[str]]:
    return {group: frozenset(_member_list(store.group_members(group))) for group in GROUPS}


def memberships(store, iso3: str) -> list[str]:
    """The groups (of `GROUPS`) the country belongs to, in that order."""
    return [group for group, members in _group_sets(store).items() if iso3 in members]


def index_groups(store) -> dict[str, list[str]]:
    """The index page's groups: each named group's countries, and 'other' = every other country of the data."""
    groups = {group: _member_list(store.group_members(group)) for group in INDEX_GROUPS}
    listed = {iso3 for members in groups.values() for iso3 in members}
    groups["other"] = [iso3 for iso3 in store.countries()["iso3"] if iso3 not in listed]
    return groups
