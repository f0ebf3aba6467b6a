"""`plain`: what plotly's cleaning walk (`clean_to_json_compatible`) returns, walking components itself."""
from __future__ import annotations

import sys

from dash import Patch
from dash.development.base_component import Component
from plotly.io import _json as plotly_json

from serving.fast_json.fragment import Fragment
from serving.fast_json.props import _COMPONENT_TO_JSON, _class_of, _props_set

_PRIMITIVES = (str, int, float, bool, type(None))
_LEAVES = frozenset(_PRIMITIVES)  # exact types only: a subclass (numpy.float64 is a float) goes through clean


def _modules() -> dict:
    """The modules plotly's cleaning looks for (those imported: `get_module(…, should_load=False)`, a lookup)."""
    loaded = sys.modules
    return {"sage_all": loaded.get("sage.all"), "np": loaded.get("numpy"), "pd": loaded.get("pandas"),
            "image": loaded.get("PIL.Image")}


def _component(obj: Component, clean) -> dict:
    """`Component.to_plotly_json`, cleaned: the props set, then the data-*/aria-* ones, in the same order. A prop
    set is an instance attribute: the instance's few attributes are looked up among the class's prop names (in
    their order), in one pass that also finds the wildcard ones, rather than each of its two dozen prop names by
    `hasattr` (an exception per prop not set), unless the class has an attribute of that name."""
    attributes = obj.__dict__
    known = _class_of(obj)
    if known is None or len(obj._prop_names) != known[2]:
        props = {p: clean(getattr(obj, p)) for p in obj._prop_names if hasattr(obj, p)}
        wildcards = tuple(obj._valid_wildcard_attributes)
        if wildcards:
            for key in sorted(attributes):
                if key.startswith(wildcards):
                    props[key] = clean(getattr(obj, key))
        return {"props": props, "type": obj._type, "namespace": obj._namespace}
    found, wild = _props_set(attributes, known[0], known[1])
    props = {}
    for key in found:
        value = attributes[key]
        props[key] = value if type(value) is str else clean(value)
    for key in wild:
        props[key] = clean(attributes[key])
    return {"props": props, "type": obj._type, "namespace": obj._namespace}


def plain(obj, modules: dict | None = None):
    """What `clean_to_json_compatible(obj, numpy_allowed=True, datetime_allowed=True)` returns."""
    modules = modules if modules is not None else _modules()
    kwargs = {"numpy_allowed": True, "datetime_allowed": True, "modules": modules}

    def clean(value):
        if isinstance(value, _PRIMITIVES):
            return value
        # A leaf of exactly a primitive type is kept without a call (clean would return it as it is): most of a
        # profile's ~100k values are, in its figures' dicts and lists.
        if isinstance(value, dict):
            return {k: v if type(v) in _LEAVES else clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [v if type(v) in _LEAVES else clean(v) for v in value] if value else value
        if isinstance(value, Component):
            if type(value).to_plotly_json is _COMPONENT_TO_JSON:
                return _component(value, clean)
            return clean(value.to_plotly_json())
        if isinstance(value, Patch):  # plotly asks it for to_plotly_json too, and walks the operations it gives
            return clean(value.to_plotly_json())
        if type(value) is Fragment:
            return value.to_plotly_json()  # plain data
        return plotly_json.clean_to_json_compatible(value, **kwargs)

    return clean(obj)
