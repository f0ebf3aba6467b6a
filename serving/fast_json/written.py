"""Parts of answers written ahead: `written` (a value as the answer writes it) and `Template` (written with holes)."""
from __future__ import annotations

from serving.fast_json.answer import _orjson_module
from serving.fast_json.escaping import _safe_bytes
from serving.fast_json.fragment import Fragment
from serving.fast_json.pieces import _pieces


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
    selection from its pieces and the few values written. tests/serving/fast_json/test_written.py: a template
    filled equals the value written with the same parts in place."""

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
