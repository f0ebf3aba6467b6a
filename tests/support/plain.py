"""Plain figure dicts (figures/plain.py) against plotly's validated figures built from the same code."""
from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go

from figures.plain import PLAIN, VALIDATED, as_json


def assert_plain_is_validated(build, *, cut_template: bool = False) -> dict:
    """`build(kit)` with the plain kit and with plotly's: the JSON plotly writes of both must be equal (what the
    browser receives). `cut_template`: the plain figure carries plotly's default template cut to the trace types it
    draws (figures/plain.drawn_template), the validated one the whole template, cut here. Returns that JSON, for
    further checks."""
    plain, validated = as_json(build(PLAIN)), as_json(build(VALIDATED))
    if cut_template:
        from figures.plain import drawn_template

        drawn = {trace.get("type", "scatter") for trace in plain["data"]}
        assert set(plain["layout"]["template"]["data"]) <= drawn, drawn  # cut: only the types it draws
        assert plain["layout"]["template"]["layout"] == validated["layout"]["template"]["layout"]
        validated = drawn_template(validated)
    assert plain == validated
    return plain


def _decoded(value):
    """Base64 typed arrays ({"dtype", "bdata"}, as plotly sends numpy arrays) back to numpy arrays."""
    if isinstance(value, dict):
        if set(value) in ({"dtype", "bdata"}, {"dtype", "bdata", "shape"}):
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            return array.reshape([int(n) for n in str(value["shape"]).split(",")]) if "shape" in value else array
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value


def figure_of(plain: dict) -> go.Figure:
    """A plain figure dict as a go.Figure (validated: every property must be one plotly knows), to read in tests."""
    return go.Figure(_decoded(plain))
