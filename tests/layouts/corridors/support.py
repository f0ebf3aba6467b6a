"""The corridors view's state from a query string, and the page built from it (shared by these tests)."""
from __future__ import annotations

from layouts import corridors as view
from state import parse_query


def state_for(search: str) -> dict:
    state, notices = parse_query(search, view.params())
    assert not notices, notices
    return {"lang": "en", **state}


def page(search: str = ""):
    state = state_for(search)
    return view.layout(state, "en")
