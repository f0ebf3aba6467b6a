"""serving/fast_json/escaping.py: plotly's swapped characters swapped in bytes, the same text."""
from __future__ import annotations


def test_safe_on_bytes_equals_plotlys_on_text():
    """The escaping done in the UTF-8 bytes gives plotly's text: every character it swaps, next to Russian text,
    other three-byte characters (→, U+2027, U+202A) and at either end."""
    import orjson
    from plotly.io import _json as plotly_json

    from serving.fast_json.escaping import _safe

    texts = ["", "plain", "<b>Узбекистан → Россия</b><br>1 234 567 чел.<extra></extra>", "a/b//c", "\u2028x\u2029",
             "\u2027\u202a\u2028\u2029\u2030", "<", ">/", "Кыргызстан\u2028<", {"k/<": ["</", "\u2029", 1.5]},
             # many other E2 characters (a corridors answer's arrows, dashes, narrow spaces) before, between, without
             "UZB→RUS " * 80 + "\u2029", "\u2014\u202f\u2028" + "→" * 40, "→—\u202f" * 50, "x\u2029y\u2028z" * 3]
    for value in texts:
        raw = orjson.dumps(value)
        assert _safe(raw) == plotly_json._safe(raw.decode("utf8"), plotly_json._swap_orjson), value
