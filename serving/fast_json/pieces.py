"""The bytes writer: an answer written as orjson's bytes piece by piece (`_pieces`), components prop by prop
(`_component_written`), plain parts by orjson at once, Fragments spliced in."""
from __future__ import annotations

import orjson
from dash import Patch
from dash.development.base_component import Component

from serving.fast_json.fragment import Fragment
from serving.fast_json.plain import plain
from serving.fast_json.props import _COMPONENT_TO_JSON, _class_of, _props_set


PIECES_DEPTH = 8  # dicts and lists opened to find the plain parts: an answer's outputs (2 levels), a figure or
# Patch below (a Patch's value: its operations list, an operation, its params)


def _pieces(value, orjson, opts: int, depth: int = 0) -> bytes:
    """`orjson.dumps(plain(value), option=opts)`, made of pieces: each part free of components and of numpy, pandas
    and other values plotly's walk converts (a figure of plain values, a string) written by orjson in one call; the
    dicts above such parts (the answer, its outputs, a figure, a Patch's operations) opened here; anything else
    (a component tree, a list holding a component) walked by `plain` as the whole answer was. orjson writes a dict
    of text keys as `{` key `:` value `,` … `}`, nothing between, so the pieces joined are the bytes of the whole
    written at once. A map's or a line chart's answer (a figure or Patch of thousands of plain values beside a few
    components) was walked whole in Python for the sake of those few components (~0.3–0.6 ms of ~1 ms encoding).

    A part is tried without OPT_SERIALIZE_NUMPY: orjson then refuses any numpy value, so a part it writes holds
    nothing plotly's walk would have changed (it changes only numpy, pandas, dates of pandas, Decimal, images and
    objects with `to_plotly_json`, all refused, and writes dict subclasses and tuples as orjson does); a value it
    refuses that is not a dict goes through `plain`, as the whole answer did before.

    A Fragment is its bytes. A list is opened as a dict is (orjson writes it as `[` item `,` … `]`), so that a
    Fragment in it, or in a Patch's operations, is found."""
    if type(value) is Fragment:
        return value.raw
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:
        pass
    kind = type(value)
    if depth < PIECES_DEPTH:
        depth += 1
        if kind is dict and all(type(key) is str for key in value):
            dumps = orjson.dumps
            return b"{" + b",".join(dumps(key) + b":" + _pieces(item, orjson, opts, depth)
                                    for key, item in value.items()) + b"}"
        if isinstance(value, Patch):
            return _pieces(value.to_plotly_json(), orjson, opts, depth)
        if kind is list:
            return b"[" + b",".join(_pieces(item, orjson, opts, depth) for item in value) + b"]"
    if isinstance(value, Component) and type(value).to_plotly_json is _COMPONENT_TO_JSON:
        return _component_written(value, orjson, opts)
    return orjson.dumps(plain(value), option=opts)  # anything else: plotly's cleaning, as before


_names_written: dict[str, bytes] = {}  # a prop's name as written before its value: b'"children":'
_kinds: dict[type, tuple | None] = {}  # component class → `_class_of`'s and its end as written:
# b'},"type":"Td","namespace":"dash_html_components"}' (None: written through `plain`)
_SIMPLE = frozenset({str, bool, int, type(None)})  # exact types orjson writes as plotly's walk leaves them


def _name_written(name: str) -> bytes:
    found = _names_written.get(name)
    if found is None:
        found = _names_written[name] = orjson.dumps(name) + b":"
    return found


def _kind_of(obj: Component) -> tuple | None:
    known = _class_of(obj)
    found = None if known is None else (*known, b'},"type":' + orjson.dumps(obj._type) + b',"namespace":'
                                         + orjson.dumps(obj._namespace) + b"}")
    _kinds[type(obj)] = found
    return found


def _component_written(obj: Component, orjson, opts: int) -> bytes:
    """`orjson.dumps(plain(obj), option=opts)` of a component, written here: `_component`'s props in its order,
    each value by `_value_written`, so that the plain parts a component holds (a figure, a dropdown's options, a
    Store's data) go to orjson whole instead of being walked value by value, and a Fragment anywhere inside a page
    (a block written once) is spliced in. orjson writes `{"props":{…},"type":…,"namespace":…}` with nothing
    between its tokens, and that is what is joined here (tests/serving/fast_json/test_pieces.py, and test_answer.py
    on every view's pages)."""
    known = _kinds.get(type(obj), False)
    if known is False:
        known = _kind_of(obj)
    if known is None or len(obj._prop_names) != known[2]:
        return orjson.dumps(plain(obj), option=opts)
    attributes = obj.__dict__
    found, wild = _props_set(attributes, known[0], known[1])
    found += wild
    tail = known[3]
    dumps, names, parts = orjson.dumps, _names_written, []
    for key in found:
        value = attributes[key]
        name = names.get(key) or _name_written(key)
        if type(value) in _SIMPLE:
            parts.append(name + dumps(value))
        else:
            parts.append(name + _value_written(value, orjson, opts))
    return b'{"props":{' + b",".join(parts) + tail


def _value_written(value, orjson, opts: int) -> bytes:
    """`orjson.dumps(plain(value), option=opts)` of a value inside a component: components and Fragments written in
    place, lists and dicts holding them opened, plain parts written by orjson at once (tried without numpy, as in
    `_pieces`: what it refuses goes through plotly's cleaning). A list whose first item is a component or a Fragment
    (children) is opened at once rather than tried by orjson first, which would refuse it."""
    kind = type(value)
    if kind is Fragment:
        return value.raw
    if kind is list or kind is tuple:
        if value:
            first = type(value[0])
            if first is not Fragment and not issubclass(first, Component):
                try:
                    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
                except TypeError:
                    pass
        return b"[" + b",".join([_value_written(item, orjson, opts) for item in value]) + b"]"
    if kind in _SIMPLE:
        return orjson.dumps(value)
    if issubclass(kind, Component):
        if kind.to_plotly_json is _COMPONENT_TO_JSON:
            return _component_written(value, orjson, opts)
        return orjson.dumps(plain(value), option=opts)
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:
        pass
    if kind is dict and all(type(key) is str for key in value):
        dumps = orjson.dumps
        return b"{" + b",".join([dumps(key) + b":" + _value_written(item, orjson, opts)
                                 for key, item in value.items()]) + b"}"
    return orjson.dumps(plain(value), option=opts)  # anything else: plotly's cleaning, as before
