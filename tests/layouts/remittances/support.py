"""The remittances view's state from a query string, and the page built from it (shared by these tests)."""
from __future__ import annotations

from layouts import remittances as view
from state import LANG, parse_query


def state(search: str = "") -> dict:
    parsed, notices = parse_query(search, [LANG, *view.params()])
    assert not notices, notices
    return parsed


def render(search: str = ""):
    current = state(search)
    return current, view.layout(current, current["lang"])
