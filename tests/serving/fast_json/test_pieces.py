"""serving/fast_json/pieces.py: answers and component trees written piece by piece are plotly's text."""
from __future__ import annotations

import datetime
import math

import numpy as np
import pandas as pd
from dash import dcc, html
from plotly.io.json import to_json_plotly

from serving.fast_json.answer import to_json, to_json_bytes
from serving.fast_json.fragment import Fragment
from tests.serving.fast_json.support import Overridden, without_fragments_in


def test_an_answer_of_components_and_plain_parts_is_written_in_pieces_as_plotly_writes_it():
    """serving/_pieces: plain parts written by orjson at once, numpy and pandas values (refused there)
    cleaned as plotly's walk cleans them, also beside components, among plain values and in dict subclasses."""
    from dash import Patch
    from dash._utils import AttributeDict

    when = np.array(["2020-01-01", "2021-06-30"], dtype="datetime64[ns]")
    patch = Patch()
    patch["data"][0]["x"] = when
    answer = {"multi": True, "response": {
        "graph": {"figure": {"data": [{"x": when, "y": [1.5, np.float64(2.5)], "t": np.datetime64("2020-01-01"),
                                       "z": np.array([[1, 2], [3, 4]])[:, 0], "u": np.array(["a", "b"])}],
                             "layout": {"title": {"text": "é \u2028 </script>"}}}},
        "panel": {"children": [html.P(["a", pd.Timestamp("2020-01-02"), None]), AttributeDict(x=np.int64(3)),
                               {3: "int key", "k": (1, 2)}, patch, math.inf, float("nan")]},
        "state": {"data": {"lang": "ru", "when": datetime.datetime(2020, 1, 2, 3, 4), "decimal": 1}}}}
    assert to_json(answer) == to_json_plotly(answer)
    # no component: plotly's own first attempt (orjson writes numpy's dates itself), unchanged
    plain_answer = {"figure": {"x": when}}
    assert to_json(plain_answer) == to_json_plotly(plain_answer)


def test_components_are_written_as_bytes_with_fragments_spliced_anywhere_inside():
    """serving/fast_json/pieces._component_written: a component tree written piece by piece (each component's props in
    Dash's order, plain parts by orjson whole) is plotly's text, with a Fragment spliced in wherever it sits inside —
    a child, a child's child, a list of children that starts with text, a dict inside a prop — and odd values beside
    it (numpy, pandas, tuples of components, dicts with components or with keys that are not text, an overridden
    encoding, subclasses of dict)."""
    from dash._utils import AttributeDict

    odd = Fragment(b"[1, 2]")  # orjson writes [1,2]: spaces only if spliced
    tree = html.Div([
        html.Details([html.Summary("table"), odd], className="no-print"),
        html.P(["text first ", odd, html.B(odd)]),
        html.Div((html.Span("a"), odd)),
        dcc.Store(id="s", data={"nested": {"deeper": odd}, "array": np.array([1.5, np.nan]), 3: "int key"}),
        dcc.Store(id="u", data={"nested": {"deeper": [odd, 1]}}),
        dcc.Store(id="t", data={"component": html.I("x"), "when": pd.Timestamp("2020-01-02")}),
        dcc.Graph(figure={"data": [{"type": "scatter", "x": [1, 2], "y": [math.nan, np.float64(2.5)]}],
                          "layout": {"template": {"layout": {"font": {"family": "é </b>"}}}}}),
        html.Div(AttributeDict(children="attribute dict")),
        Overridden(odd, id="o"),
        html.Div([], id="empty", **{"data-b": "2", "data-a": "1", "aria-hidden": "true"}),
        html.Div((), title="é \u2028 </script>"),
    ], id="root")
    written = to_json(tree)
    reference = to_json_plotly(without_fragments_in(tree))
    assert written.replace("[1, 2]", "[1,2]") == reference
    # spliced in the Details, the P (twice), the tuple and the plain Store's dicts; the Store's dict with a key that is not text and the
    # overridden component go through plotly's walk, which reads the Fragment as its data
    assert written.count("[1, 2]") == 5
    answer = {"multi": True, "response": {"page-content": {"children": tree}}}
    assert to_json_bytes(answer).decode("utf8").replace("[1, 2]", "[1,2]") == to_json_plotly(
        without_fragments_in(answer))
