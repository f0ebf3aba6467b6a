"""Callbacks: thin wiring from component inputs to the query API and figure builders."""
from __future__ import annotations

from importlib import import_module

# Each module here exposes `register(app)`; a view's module is added to this list when the view is.
VIEW_MODULES = ("routing", "map", "remittances", "corridors", "country", "sources", "key_figures", "share")


def register(app) -> None:
    for name in VIEW_MODULES:
        import_module(f"callbacks.{name}").register(app)
