"""What several of serving/fast_json's tests use: Russian text with every character plotly swaps, a component with
its own encoding, and a value with its Fragments replaced by the data they hold (what plotly's encoder compares)."""
from __future__ import annotations

from dash import html

from serving.fast_json.fragment import Fragment

RUSSIAN = "Где жили уроженцы Кыргызстана </b> в 2000 г.: 1\u202f234 — «10» \u2028 стран"


class Overridden(html.Div):
    def to_plotly_json(self):  # a component with its own encoding is asked for it
        found = super().to_plotly_json()
        found["props"]["title"] = "overridden"
        return found


def without_fragments(value):
    if type(value) is Fragment:
        return value.to_plotly_json()
    if isinstance(value, dict):
        return {key: without_fragments(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_fragments(item) for item in value]
    return value


def without_fragments_in(value):
    """`value` with each Fragment replaced by the data it holds, in components too (copies: the tree is kept)."""
    import copy

    from dash.development.base_component import Component

    if type(value) is Fragment:
        return value.to_plotly_json()
    if isinstance(value, Component):
        twin = copy.copy(value)
        for key, item in vars(value).items():
            if not key.startswith(("_", "available_")):
                setattr(twin, key, without_fragments_in(item))
        return twin
    if isinstance(value, dict):
        return type(value)((key, without_fragments_in(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return type(value)(without_fragments_in(item) for item in value)
    return value
