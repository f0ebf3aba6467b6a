"""serving/fast_json/written.py: parts written ahead (`written`, `Template`) are the bytes the answer writes."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from dash import dcc, html
from plotly.io.json import to_json_plotly

from serving.fast_json.answer import to_json, to_json_bytes
from serving.fast_json.fragment import Fragment
from serving.fast_json.plain import plain
from serving.fast_json.written import Template, written
from tests.serving.fast_json.support import RUSSIAN


def test_written_parts_are_put_in_their_place_as_they_were_written():
    """An answer holding Fragment parts (written once: serving/fast_json/written) is written as the answer holding the
    values themselves: components, a Patch, figures with numpy, text with every unsafe character, Russian."""
    from dash import Patch

    patch = Patch()
    patch["data"][0]["z"] = np.array([0.5, 1.25])
    patch["layout"]["title"]["text"] = RUSSIAN
    parts = {"panel": html.Div([html.H2(RUSSIAN), dcc.Graph(figure=go.Figure(go.Bar(y=[1, 2])))], className="x"),
             "patch": patch, "text": RUSSIAN, "list": [1, None, "</script>"], "number": 2.5}
    answer = {"multi": True, "response": {key: {"children": value} for key, value in parts.items()}}
    raw_answer = {"multi": True, "response": {key: {"children": Fragment(written(value))}
                                              for key, value in parts.items()}}
    assert to_json(raw_answer) == to_json(answer) == to_json_plotly(answer)
    assert to_json_plotly(raw_answer) == to_json_plotly(answer)  # plotly's own walk asks a Fragment for its value
    assert to_json_bytes(raw_answer) == to_json_plotly(answer).encode("utf-8")
    for value in parts.values():  # anywhere: at the top, in a list, inside a component
        raw = Fragment(written(value))
        assert to_json([raw, {"k": [raw]}]) == to_json_plotly([value, {"k": [value]}])
        assert to_json(html.Div([raw])) == to_json_plotly(html.Div([value]))


def test_a_template_filled_is_the_value_written_with_the_parts_in_place():
    """serving/Template: holes in a dict and in a list, one part or several list items joined, parts
    with unsafe characters; a hole missing or repeated is refused."""
    title, items = "\0title", "\0items"

    def shape(title_value, item_values):
        return html.Div([html.H2(RUSSIAN), html.P(title_value, className="small"), *item_values, html.P("</end>")],
                        className="focus-panel", **{"data-x": "é"})

    template = Template(plain(shape(title, [items])), (title, items))
    for text, values in ((RUSSIAN, [html.P("one")]), ("plain", [html.P("a"), "b </c>", {"d": [1.5]}]),
                         ("", [None])):
        filled = template.fill(written(text), b",".join(written(value) for value in values))
        assert filled == to_json_bytes(shape(text, values))
        assert to_json({"x": Fragment(filled)}) == to_json_plotly({"x": shape(text, values)})
    with pytest.raises(ValueError):
        template.fill(b"1")
    with pytest.raises(ValueError):
        Template({"a": "x"}, ("\0nowhere",))
    with pytest.raises(ValueError):
        Template({"a": title, "b": [title]}, (title,))
    once = Template({"a": [1, title, 2], "b": RUSSIAN}, (title,))
    assert to_json({"k": Fragment(once.fill(b'"x",{"y":null}'))}) == \
        to_json_plotly({"k": {"a": [1, "x", {"y": None}, 2], "b": RUSSIAN}})
