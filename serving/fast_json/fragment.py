"""`Fragment`: JSON already written, put into an answer as it is."""
from __future__ import annotations

import orjson


class Fragment:
    """JSON already written: orjson's bytes of plain data (`Fragment.of(value)`), put into an answer as they are.

    A part of an answer that is built once and sent many times (a block kept per selection or per language), or
    written straight as JSON text, goes into a callback's outputs as a Fragment: `to_json` splices its bytes in
    rather than have the part parsed back into objects and written again. Anywhere else (plotly's own encoder, its
    cleaning walk, `plain`) it is the data it holds (`to_plotly_json`): orjson reads back what it wrote as equal
    data and writes them as the same bytes, so the answer's bytes are the same either way
    (tests/serving/fast_json/test_fragment.py).
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
