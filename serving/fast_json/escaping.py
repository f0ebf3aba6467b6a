"""The characters plotly swaps in an answer's JSON ("<", ">", "/", U+2028, U+2029), swapped in its UTF-8 bytes."""
from __future__ import annotations

import re

from plotly.io import _json as plotly_json


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


_SWAP = tuple((unsafe.encode("utf8"), safe.encode("utf8")) for unsafe, safe in plotly_json._swap_orjson)
# the characters of several bytes among them (U+2028, U+2029), found by one search (sre's own scan, in C)
_WIDE = re.compile(b"|".join(re.escape(unsafe) for unsafe, _ in _SWAP if len(unsafe) > 1))
