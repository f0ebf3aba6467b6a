"""figures/plain.py: a figure as a plain dict is what plotly's validated go.Figure sends for the same input."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from figures.plain import PLAIN, VALIDATED, as_json, default_template


@pytest.mark.parametrize("data, layout", [
    ([], {}),
    ([dict(x=[1, 2], y=[None, 2.5], name=None, line=dict(color="#123456", dash=None))], dict(title=None, height=300)),
    ([dict(x=np.array([2000, 2001]), y=np.array([1.5, np.nan]), hovertext=("a", "b"), marker=dict(size=[0, 8]))],
     dict(xaxis=dict(range=None, dtick=None, tickvals=[]), yaxis={}, annotations=[], shapes=[])),
    ([dict(x=[], y=[], customdata=[])], dict(annotations=[dict(text="a", font=dict(size=None))],
                                             shapes=[dict(type="rect", line=dict(width=0), x0=1, x1=2)])),
])
def test_tidied_like_plotly(data, layout):
    plain = PLAIN.Figure([PLAIN.Scatter(**trace) for trace in data], layout)
    validated = VALIDATED.Figure([VALIDATED.Scatter(**trace) for trace in data], layout)
    assert as_json(plain) == as_json(validated)


def test_the_template_is_plotlys_default_and_shared_unchanged():
    first, second = PLAIN.Figure([], {}), PLAIN.Figure([], {"height": 200})
    assert first["layout"]["template"] is second["layout"]["template"] is default_template()
    assert as_json(first)["layout"]["template"] == as_json(VALIDATED.Figure())["layout"]["template"]


ARRAYS = [np.array([1.5, np.nan, -2.0]), np.array([1, 2, 3]), np.array([-200, 5]), np.array([70000, -1]),
          np.array([2**40, 1]), np.array([1, 2], dtype="uint64"), np.array([300, 2], dtype="uint64"),
          np.array([2**33], dtype="uint64"), np.array([1, 2], dtype="int32"), np.array([1.5], dtype="float32"),
          np.array([True, False]), np.array(["a", "bb"]), np.array(["2020-01-01"], dtype="datetime64[D]"),
          np.array([None, 1], dtype=object), np.array([]), np.arange(6.0).reshape(2, 3),
          np.arange(12, dtype="int64").reshape(3, 4)[:, ::2]]  # not contiguous


@pytest.mark.parametrize("array", ARRAYS, ids=lambda a: f"{a.dtype}{a.shape}")
def test_an_array_is_written_as_plotly_writes_it(array):
    from _plotly_utils.utils import to_typed_array_spec

    from figures.plain import array_spec

    ours, theirs = array_spec(array), to_typed_array_spec(array)
    if isinstance(theirs, dict):
        assert ours == theirs
    else:
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape and not ours.flags["WRITEABLE"]
        assert ours.tolist() == theirs.tolist()


def test_typed_arrays_convert_what_plotly_converts_and_nothing_else():
    from copy import deepcopy

    from plotly.io._json import clean_to_json_compatible  # noqa: F401 — plotly loaded as for a figure
    from _plotly_utils.utils import convert_to_base64

    from figures.plain import _typed_arrays

    value = {"x": np.array([1, 2]), "y": [np.array([1.5]), {"z": np.array([3.0]), "range": np.array([1, 2])}],
             "geojson": {"a": np.array([1])}, "text": "a", "n": 3, "nested": ({"w": np.array([True])}, "b"),
             "layer": np.array([1]), "template": {"data": np.array([2])}, "pd": pd.Series([1.0, 2.0]), "none": None}
    ours, theirs = deepcopy(value), deepcopy(value)
    _typed_arrays(ours)
    convert_to_base64(theirs)
    theirs["template"] = value["template"]  # ours leaves a given template alone (OPAQUE): not walked
    ours["template"] = value["template"]
    assert json.dumps(ours, default=_listed) == json.dumps(theirs, default=_listed)


def _listed(value):
    return {"array": value.tolist(), "dtype": str(value.dtype)} if hasattr(value, "tolist") else str(value)


def test_dates_are_sent_as_plotly_sends_them_and_written_in_one_pass():
    import orjson

    dates = [pd.Timestamp(2013, 4, 1), pd.Timestamp(2020, 1, 1, 12, 30)]
    trace = dict(x=dates, y=[1.0, 2.0])
    layout = dict(shapes=[dict(type="rect", x0=dates[0], x1=dates[1])], xaxis=dict(range=[dates[0], dates[1]]))
    plain = PLAIN.Figure([PLAIN.Scatter(**trace)], layout)
    assert as_json(plain) == as_json(VALIDATED.Figure([VALIDATED.Scatter(**trace)], layout))
    orjson.dumps(plain, option=orjson.OPT_SERIALIZE_NUMPY)  # no value orjson cannot write: no walk needed
