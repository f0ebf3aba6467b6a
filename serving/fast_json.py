"""Dash's callback answers encoded without plotly's generic cleaning walk, byte for byte as before.

Dash encodes every callback answer with plotly's `to_json_plotly`: orjson first, and when the answer holds Dash
components (a page from the router, a profile, a card), `clean_to_json_compatible` over the whole tree. That walk
is generic: for each component it tries datetime, numpy, pandas and `.tolist()` conversions (two exceptions each)
before `to_plotly_json()`, and `to_plotly_json` matches every attribute against the wildcard prefixes one by one.
It was about half of a country profile's first build (~700 components).

`to_json` below walks plain containers and components itself and hands anything else (numpy, pandas, dates,
figures) to plotly's own cleaning, so what it writes is what `to_json_plotly` writes; of an answer holding
components it walks only the outputs that hold them, orjson writing the others (figures, Patches) at once
(`_pieces`) (tests/test_fast_json.py
compares both on every view's pages in both languages). `install()` puts it where Dash's callback route looks it
up; without orjson (plotly's "json" engine) plotly's function is used as it is.

A component's data-* and aria-* props are written in name order, by both encoders (Dash's `to_plotly_json` is
replaced on import): Dash keeps a component's arguments in a set (`_explicitize_args`), so they came in the order
of the process's string hashes (PYTHONHASHSEED) — every page, stored answer and ETag changed with each restart
and differed between instances, and a browser downloaded again a page it had (tests/test_fast_json.py runs two
processes with different seeds).
"""
from __future__ import annotations

import re
import sys

import orjson
from dash import Patch
from dash.development.base_component import Component
from plotly.io import _json as plotly_json

_DASH_TO_JSON = getattr(Component.to_plotly_json, "dash_original", Component.to_plotly_json)


def _to_plotly_json(self) -> dict:
    """Dash's `Component.to_plotly_json`, its data-* and aria-* props in name order (after the others, as Dash)."""
    as_json = _DASH_TO_JSON(self)
    props = as_json["props"]
    wildcards = tuple(self._valid_wildcard_attributes)
    wild = [key for key in props if key.startswith(wildcards)] if wildcards else ()
    if len(wild) > 1:
        values = {key: props.pop(key) for key in wild}
        props.update((key, values[key]) for key in sorted(wild))
    return as_json


_to_plotly_json.dash_original = _DASH_TO_JSON
Component.to_plotly_json = _to_plotly_json
_COMPONENT_TO_JSON = Component.to_plotly_json
_PRIMITIVES = (str, int, float, bool, type(None))


class Fragment:
    """JSON already written: orjson's bytes of plain data (`Fragment.of(value)`), put into an answer as they are.

    A part of an answer that is built once and sent many times (a block kept per selection or per language), or
    written straight as JSON text, goes into a callback's outputs as a Fragment: `to_json` splices its bytes in
    rather than have the part parsed back into objects and written again. Anywhere else (plotly's own encoder, its
    cleaning walk, `plain`) it is the data it holds (`to_plotly_json`): orjson reads back what it wrote as equal
    data and writes them as the same bytes, so the answer's bytes are the same either way (tests/test_fast_json.py).
    The bytes must be what `orjson.dumps` writes for plain data (str keys, no numpy), escaped or not: `to_json`
    escapes the whole answer (`_safe_bytes`, which finds nothing to do in escaped bytes). `written(value)` gives
    such bytes for any value (components, figures, Patches: what `to_json` writes for it), escaped."""

    __slots__ = ("raw",)

    def __init__(self, raw: bytes):
        self.raw = raw

    @classmethod
    def of(cls, value) -> "Fragment":
        return cls(orjson.dumps(value))

    def to_plotly_json(self):
        return orjson.loads(self.raw)

    def __eq__(self, other) -> bool:
        return type(other) is Fragment and other.raw == self.raw

    def __hash__(self) -> int:
        return hash(self.raw)

    def __repr__(self) -> str:
        return f"Fragment({self.raw[:60]!r}{'…' if len(self.raw) > 60 else ''})"

_LEAVES = frozenset(_PRIMITIVES)  # exact types only: a subclass (numpy.float64 is a float) goes through clean


def _modules() -> dict:
    """The modules plotly's cleaning looks for (those imported: `get_module(…, should_load=False)`, a lookup)."""
    loaded = sys.modules
    return {"sage_all": loaded.get("sage.all"), "np": loaded.get("numpy"), "pd": loaded.get("pandas"),
            "image": loaded.get("PIL.Image")}


_orjson = []  # orjson once imported (plotly's get_module imports it again at every call: ~5 µs)


def _orjson_module():
    if not _orjson:
        found = plotly_json.get_module("orjson", should_load=True)
        if found is None:
            return None
        _orjson.append(found)
    return _orjson[0]


_classes: dict[type, tuple | None] = {}  # component class → ({prop name: its place}, wildcard prefixes, number of
# prop names), None: a prop name is also a class attribute (then asked by hasattr, as Dash does)


def _class_of(obj: Component) -> tuple | None:
    cls = type(obj)
    found = _classes.get(cls, False)
    if found is False:
        names = obj._prop_names
        places = {name: place for place, name in enumerate(names)}
        found = _classes[cls] = (None if any(hasattr(cls, name) for name in names) or len(places) != len(names)
                                 else (places, tuple(obj._valid_wildcard_attributes), len(names)))
    return found


def _props_set(attributes: dict, places: dict, wildcards: tuple) -> tuple[list, list]:
    """A component's props that are set (its instance attributes among the class's prop names, in their order) and
    its data-*/aria-* ones (in name order, see the module's docstring)."""
    found, wild = [], []
    for key in attributes:
        if key in places:
            found.append(key)
        elif wildcards and key.startswith(wildcards):
            wild.append(key)
    if len(found) > 1:
        found.sort(key=places.__getitem__)
    if len(wild) > 1:
        wild.sort()
    return found, wild


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


def written(value) -> bytes:
    """`value` as `to_json` writes it inside an answer (its unsafe characters swapped, `_safe_bytes`): the bytes of
    a Fragment of anything — a component tree, a figure, a Patch — put into answers as it is."""
    if type(value) is Fragment:
        return _safe_bytes(value.raw)
    orjson = _orjson_module()
    return _safe_bytes(_pieces(value, orjson, orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY))


class Template:
    """The JSON of a value with holes, written once: `Template(value, holes)` writes `value` in which each of the
    strings `holes` stands where something is filled in later (a place in a dict or a list); `fill(*parts)` gives
    the bytes with each hole replaced by the bytes given for it (`written` of a value, or several list items
    joined by commas where the hole is an item of a list). A part of an answer that differs between selections in
    a few places (the map's focus panel: its title and table by year) is written whole once, then joined per
    selection from its pieces and the few values written. tests/test_fast_json.py: a template filled equals the
    value written with the same parts in place."""

    __slots__ = ("pieces",)

    def __init__(self, value, holes: tuple[str, ...]):
        data = written(value)
        pieces = []
        for hole in holes:
            mark = written(hole)
            before, found, data = data.partition(mark)
            if not found or mark in data:
                raise ValueError(f"template hole {hole!r} not found once")
            pieces.append(before)
        pieces.append(data)
        self.pieces = tuple(pieces)

    def fill(self, *parts: bytes) -> bytes:
        pieces = self.pieces
        if len(parts) != len(pieces) - 1:
            raise ValueError("a template filled with as many parts as it has holes")
        joined = [pieces[0]]
        for part, piece in zip(parts, pieces[1:]):
            joined.append(part)
            joined.append(piece)
        return b"".join(joined)


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
    (a block written once) is spliced in. orjson writes `{"props":{…},"type":…,"namespace":…}` with nothing between
    its tokens, and that is what is joined here (tests/test_fast_json.py compares both on every view's pages)."""
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


def to_json(value) -> str:
    """`plotly.io.json.to_json_plotly(value)`, faster on component trees."""
    orjson = _orjson_module()
    if orjson is None or plotly_json.config.default_engine not in ("auto", "orjson"):
        return plotly_json.to_json_plotly(value)
    return _written_answer(value, orjson).decode("utf8")


def to_json_bytes(value) -> bytes:
    """`to_json(value)` as its UTF-8 bytes: what the fast path stores and sends (serving/dispatch.py), without
    decoding the bytes orjson wrote into text and encoding that again."""
    orjson = _orjson_module()
    if orjson is None or plotly_json.config.default_engine not in ("auto", "orjson"):
        return plotly_json.to_json_plotly(value).encode("utf-8")
    return _written_answer(value, orjson)


def _written_answer(value, orjson) -> bytes:
    opts = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
    if type(value) is not dict:
        try:
            value = value.to_plotly_json()
        except AttributeError:
            pass
    spliced = _spliced_answer(value, orjson, opts)
    if spliced is not None:
        return _safe_bytes(spliced)
    try:  # plain data (most cached answers): orjson alone, as plotly does
        return _safe_bytes(orjson.dumps(value, option=opts))
    except TypeError:
        pass
    return _safe_bytes(_pieces(value, orjson, opts))


def _spliced_answer(value, orjson, opts: int) -> bytes | None:
    """`_pieces(value, …)` of a callback answer (`{"multi": true, "response": {id: {prop: value}}}`) that holds a
    Fragment as an output's value, or None for any other value. Such an answer's whole (and each dict down to the
    Fragment) is one orjson refuses: `_pieces` tried each in turn and opened it after orjson's TypeError (~1.5 µs
    each, a map answer has seven); here the answer's dicts are opened at once, each output with a Fragment written
    around its bytes, every other output by `_pieces` at the depth it had there. The same bytes
    (tests/test_fast_json.py)."""
    if type(value) is not dict or len(value) != 2 or value.get("multi") is not True or type(value.get("response")) is not dict or \
            next(iter(value)) != "multi":
        return None
    response = value["response"]
    outputs, fragments = [], False
    dumps = orjson.dumps
    for cid, props in response.items():
        if type(cid) is not str or type(props) is not dict:
            return None
        if any(type(item) is Fragment for item in props.values()):
            if not all(type(prop) is str for prop in props):
                return None
            fragments = True
            outputs.append(dumps(cid) + b":{" + b",".join(
                dumps(prop) + b":" + (item.raw if type(item) is Fragment else _pieces(item, orjson, opts, 3))
                for prop, item in props.items()) + b"}")
        else:
            outputs.append(dumps(cid) + b":" + _pieces(props, orjson, opts, 2))
    if not fragments:
        return None  # orjson may write it whole: `_written_answer`'s way
    return b'{"multi":true,"response":{' + b",".join(outputs) + b"}}"


def _safe(raw: bytes) -> str:
    """`plotly_json._safe(raw.decode("utf8"), plotly_json._swap_orjson)`: `_safe_bytes`, decoded."""
    return _safe_bytes(raw).decode("utf8")


def _safe_bytes(raw: bytes) -> bytes:
    """`_safe`'s characters replaced in the UTF-8 bytes before decoding (a first-time answer of ~50 kB, Russian text
    held as two bytes a character, was scanned and copied as text up to five times). The same text: "<", ">", "/"
    are single bytes that no other character's encoding contains, and a UTF-8 sequence (U+2028, U+2029) can only
    match where a character starts. So it can be done piece by piece (pieces cut between characters: `written`
    bytes are swapped already) and again on the whole, which then finds nothing to replace and copies nothing.
    Whether either character of several bytes is there at all is one search for both (`_WIDE`)."""
    wide = None
    for unsafe, safe in _SWAP:
        if len(unsafe) > 1:
            if wide is None:
                wide = _WIDE.search(raw) is not None
            if not wide:
                continue
        if unsafe in raw:
            raw = raw.replace(unsafe, safe)
    return raw


def _has_wide(raw: bytes, unsafe: bytes) -> bool:
    """`unsafe in raw` for a character of several bytes (U+2028, U+2029: E2 80 A8/A9), found by looking at each
    E2 byte: the search for three bytes went over the whole answer at ~2 ns a byte (40 µs for 20 kB, each), where
    finding one byte is memchr's (the few E2s there are: dashes, arrows, the narrow no-break space of Russian
    numbers). What `_safe_bytes` looked with before `_WIDE` (a corridors answer has ~75 E2s, its arcs' arrows:
    ~58 µs for both characters, where the one search takes ~20; tests/test_fast_json.py compares both)."""
    lead, find = unsafe[:1], raw.find
    place = find(lead)
    while place >= 0:
        if raw.startswith(unsafe, place):
            return True
        place = find(lead, place + 1)
    return False


_SWAP = tuple((unsafe.encode("utf8"), safe.encode("utf8")) for unsafe, safe in plotly_json._swap_orjson)
# the characters of several bytes among them (U+2028, U+2029), found by one search (sre's own scan, in C)
_WIDE = re.compile(b"|".join(re.escape(unsafe) for unsafe, _ in _SWAP if len(unsafe) > 1))


def install() -> None:
    """Dash's callback route (dash._callback) encodes its answers with `to_json`."""
    import dash._callback

    dash._callback.to_json = to_json
