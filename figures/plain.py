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

import base64

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from _plotly_utils import utils as plotly_utils
from _plotly_utils.utils import is_homogeneous_array, to_typed_array_spec
from plotly.io.json import to_json_plotly

# Lists of objects that plotly leaves out when empty (data arrays such as x=[] are kept).
OBJECT_ARRAYS = frozenset({"annotations", "shapes", "images", "sliders", "updatemenus", "selections",
                           "tickformatstops", "rangebreaks", "buttons", "steps"})
# Taken as they are, not walked: geometry (hundreds of thousands of plain coordinates; plotly keeps it as given) and
# a template given whole (one plotly has already validated and serialised: figures/corridors/parts.py base_look).
OPAQUE = frozenset({"geojson", "template"})


def _tidy(value):
    if type(value) is pd.Timestamp:
        return value.to_pydatetime()
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
        return [_tidy(item) if isinstance(item, (dict, list, tuple, pd.Timestamp)) else item for item in value]
    return value
# A pandas Timestamp becomes the datetime plotly's encoder would make of it (`to_pydatetime`, then written by orjson
# as the same text): a figure of plain values is then written by orjson in one pass (serving/fast_json/answer.to_json)
# instead of a walk over every value, as the cost chart's dates made it do.


@lru_cache(maxsize=1)
def default_template() -> dict:
    """plotly's default template as `go.Figure` adds it to every layout (computed once, shared, never changed)."""
    return go.Figure().to_plotly_json()["layout"]["template"]


@lru_cache(maxsize=64)
def _template_for(types: tuple[str, ...]) -> dict:
    full = default_template()
    return {**full, "data": {kind: styles for kind, styles in full["data"].items() if kind in types}}


def drawn_template(figure: dict) -> dict:
    """`figure` (a figure dict as sent, changed in place and returned) with plotly's default template cut to the
    trace types it draws. plotly.js styles a trace only from the template's entries of its own type (its
    traceTemplater), so the other types' entries (histograms, maps, surfaces: ~4.5 of its 6.5 kB) changed nothing on
    screen, yet went with every chart of every answer. A template other than plotly's default is left whole.
    Every view's figures go through it (the remittances charts, the map, the corridors' flow map, Sankey,
    comparison and card charts, a profile's trend charts); a figure patched later keeps the trace types it was built
    with."""
    layout = figure["layout"]
    template = layout.get("template")
    if template is None or (template is not default_template() and template != default_template()):
        return figure
    layout["template"] = _template_for(tuple(sorted({trace.get("type", "scatter") for trace in figure["data"]})))
    return figure


def _figure(data=None, layout=None) -> dict:
    return {"data": [plain_trace(trace) for trace in data or []], "layout": plain_layout(layout)}


def plain_trace(trace: dict) -> dict:
    """One trace as `PLAIN.Figure` tidies it (a figure assembled from traces made apart: their pieces)."""
    trace = _tidy(trace)
    _typed_arrays(trace)
    return trace


def plain_layout(layout: dict | None) -> dict:
    """A layout as `PLAIN.Figure` tidies it, the default template added."""
    layout = _tidy(layout or {})
    _typed_arrays(layout)  # the template holds no numpy array: not walked
    layout.setdefault("template", default_template())
    return layout


_LEAVES = frozenset({str, int, float, bool, type(None)})  # exact types: never an array, nothing inside
_CONTAINERS = frozenset({dict, list, tuple})  # exact types: no `__array__`, so never a homogeneous array
_NOT_CONVERTED = frozenset({"geojson", "layer", "layers", "range"}) | OPAQUE  # plotly's is_skipped_key, and ours


def _typed_arrays(value) -> None:
    """numpy arrays as plotly's `to_dict` sends them, base64 typed arrays (its `convert_to_base64`, in place),
    without walking the geometry. Its steps, less those that cannot apply: a text or number value is not asked
    whether it is an array, nor an item of a list that is not itself a container (`convert_to_base64` converts
    only the values of dicts), and a numpy array is converted without plotly's dataframe detection (narwhals:
    most of the conversion's time)."""
    if isinstance(value, dict):
        for key, item in value.items():
            kind = type(item)
            if kind in _LEAVES or key in _NOT_CONVERTED:
                continue
            if kind in _CONTAINERS:
                _typed_arrays(item)
            elif kind is np.ndarray:
                value[key] = array_spec(item)
            elif is_homogeneous_array(item):
                value[key] = to_typed_array_spec(item)
            else:
                _typed_arrays(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, (dict, list, tuple)):
                _typed_arrays(item)


_NARROWER = {"int64": ((plotly_utils.int8min, plotly_utils.int8max, "int8"),
                       (plotly_utils.int16min, plotly_utils.int16max, "int16"),
                       (plotly_utils.int32min, plotly_utils.int32max, "int32")),
             "uint64": ((0, plotly_utils.uint8max, "uint8"), (0, plotly_utils.uint16max, "uint16"),
                        (0, plotly_utils.uint32max, "uint32"))}


def array_spec(v: np.ndarray):
    """`to_typed_array_spec(v)` for a numpy array, step for step (`copy_to_readonly_numpy_array` for an array, then
    the narrowing of 64-bit integers and the base64 spec); tests/figures/test_plain.py compares the two."""
    if v.dtype.kind in "uif":
        v = np.ascontiguousarray(v.copy())
    else:
        copied = v.copy()
        v = copied if copied.dtype.kind in "OM" else np.array(v, dtype="object")
    v.flags["WRITEABLE"] = False
    if v.size == 0:
        return v
    dtype = str(v.dtype)
    if dtype in _NARROWER:
        high, low = v.max(), v.min()
        for smallest, largest, narrower in _NARROWER[dtype]:
            if high <= largest and low >= smallest:
                v = v.astype(narrower)
                break
        else:
            return v
        dtype = str(v.dtype)
    if dtype not in plotly_utils.plotlyjsShortTypes:
        return v
    spec = {"dtype": plotly_utils.plotlyjsShortTypes[dtype], "bdata": base64.b64encode(v).decode("ascii")}
    if v.ndim > 1:
        spec["shape"] = str(v.shape)[1:-1]
    return spec


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
