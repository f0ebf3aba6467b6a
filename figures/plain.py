"""Figures as plain dicts, equal to what plotly's validated `go.Figure` would send, at a fraction of the cost.

A callback answering a selection for the first time spent most of its time in plotly's validation (every property
of every trace checked and copied) and in walking the validated objects back to dicts. A builder written against a
*kit* builds the same figure either way: `PLAIN` (the default) makes dicts (`PLAIN.Scatter(x=…)` is
`{"type": "scatter", "x": …}`) and `PLAIN.Figure(data, layout)` tidies them the way plotly does — properties set
to None are left out, empty objects and empty lists of annotations or shapes too, tuples become lists, numpy
arrays become plotly's base64 typed arrays, and the default template is added; `VALIDATED` is plotly itself (`plotly.graph_objects`). Tests build sample selections
both ways and compare the JSON plotly writes (figures.plain.as_json), so the fast path can never drift from the
validated one unnoticed.

What this tidying does not do — expand magic underscores (`line_width`), turn pandas objects into arrays, check
values — the builders must not need: they write nested dicts and lists or numpy arrays.
"""
from __future__ import annotations

import json
from functools import lru_cache

import plotly.graph_objects as go
from _plotly_utils.utils import is_homogeneous_array, is_skipped_key, to_typed_array_spec
from plotly.io.json import to_json_plotly

# Lists of objects that plotly leaves out when empty (data arrays such as x=[] are kept).
OBJECT_ARRAYS = frozenset({"annotations", "shapes", "images", "sliders", "updatemenus", "selections",
                           "tickformatstops", "rangebreaks", "buttons", "steps"})
# Taken as they are, not walked: geometry (hundreds of thousands of plain coordinates; plotly keeps it as given) and
# a template given whole (one plotly has already validated and serialised: figures/corridors/parts.py base_look).
OPAQUE = frozenset({"geojson", "template"})


def _tidy(value):
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if item is None:
                continue
            if key in OPAQUE:
                out[key] = item
                continue
            item = _tidy(item)
            if isinstance(item, dict) and not item:
                continue
            if key in OBJECT_ARRAYS and isinstance(item, list) and not item:
                continue
            out[key] = item
        return out
    if isinstance(value, (list, tuple)):
        return [_tidy(item) if isinstance(item, (dict, list, tuple)) else item for item in value]
    return value


@lru_cache(maxsize=1)
def default_template() -> dict:
    """plotly's default template as `go.Figure` adds it to every layout (computed once, shared, never changed)."""
    return go.Figure().to_plotly_json()["layout"]["template"]


def _figure(data=None, layout=None) -> dict:
    data = [_tidy(trace) for trace in data or []]
    layout = _tidy(layout or {})
    _typed_arrays(data)  # the template holds no numpy array: not walked
    _typed_arrays(layout)
    layout.setdefault("template", default_template())
    return {"data": data, "layout": layout}


def _typed_arrays(value) -> None:
    """numpy arrays as plotly's `to_dict` sends them, base64 typed arrays (its `convert_to_base64`, in place),
    without walking the geometry."""
    if isinstance(value, dict):
        for key, item in value.items():
            if is_skipped_key(key) or key in OPAQUE:
                continue
            if is_homogeneous_array(item):
                value[key] = to_typed_array_spec(item)
            else:
                _typed_arrays(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _typed_arrays(item)


def _trace(kind: str):
    def make(**props) -> dict:
        return {"type": kind, **props}
    make.__name__ = kind
    return make


class PLAIN:
    """The kit of plain dicts: the names of `plotly.graph_objects` a builder uses, making dicts."""

    Figure = staticmethod(_figure)
    Scatter = staticmethod(_trace("scatter"))
    Bar = staticmethod(_trace("bar"))
    Choropleth = staticmethod(_trace("choropleth"))
    Scattergeo = staticmethod(_trace("scattergeo"))
    Sankey = staticmethod(_trace("sankey"))


VALIDATED = go  # the reference: plotly's own objects, validated


def as_json(figure) -> dict:
    """A figure (plain dict or go.Figure) as plotly serialises it for Dash: what the browser receives."""
    return json.loads(to_json_plotly(figure))
