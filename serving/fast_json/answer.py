"""A callback answer encoded: `to_json` and `to_json_bytes` (plotly's `to_json_plotly`, the same bytes), and
`install`, which gives Dash's callback route `to_json`."""
from __future__ import annotations

from plotly.io import _json as plotly_json

from serving.fast_json.escaping import _safe_bytes
from serving.fast_json.fragment import Fragment
from serving.fast_json.pieces import _pieces

_orjson = []  # orjson once imported (plotly's get_module imports it again at every call: ~5 µs)


def _orjson_module():
    if not _orjson:
        found = plotly_json.get_module("orjson", should_load=True)
        if found is None:
            return None
        _orjson.append(found)
    return _orjson[0]


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
    (tests/serving/fast_json/test_answer.py)."""
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


def install() -> None:
    """Dash's callback route (dash._callback) encodes its answers with `to_json`."""
    import dash._callback

    dash._callback.to_json = to_json
