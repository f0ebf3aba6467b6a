"""Callback answers encoded by serving/fast_json/answer.py are byte for byte what plotly's `to_json_plotly` (Dash's
own encoder) writes: every view's page in both languages, profiles, the odd values a component may hold, Patches, the
bytes as the text, answers with Fragment outputs opened at once."""
from __future__ import annotations

import datetime
import math

import dash._callback
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc, html
from plotly.io.json import to_json_plotly

from serving.fast_json.answer import _spliced_answer, to_json, to_json_bytes
from serving.fast_json.escaping import _safe_bytes
from serving.fast_json.fragment import Fragment
from serving.fast_json.pieces import _pieces
from serving.fast_json.written import written
from tests.serving.fast_json.support import RUSSIAN, Overridden, without_fragments


PATHS = ("/map", "/remittances", "/corridors", "/country", "/country/UZB", "/country/DEU", "/country/WLD",
         "/country/XYZ", "/sources", "/key-figures", "/present", "/embed/map", "/embed/country/AFG", "/no-such-page",
         "/map?present=1&part=map-graph")


@pytest.fixture(scope="module")
def app():
    from app import app as dash_app

    return dash_app


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", PATHS)
def test_every_page_is_encoded_as_plotly_encodes_it(app, path, lang):
    from layouts import pages

    pathname, _, query = path.partition("?")
    tree = pages.render(pathname, f"?lang={lang}" + (f"&{query}" if query else ""))
    assert to_json(tree) == to_json_plotly(tree)


def test_odd_values_are_encoded_as_plotly_encodes_them():
    figure = go.Figure(go.Scatter(x=[1, 2], y=[3.5, math.nan]))
    tree = html.Div([
        html.Span("é \u2028 </script>", **{"data-iso3": "KGZ", "aria-label": "x"}),
        dcc.Graph(figure=figure, config={"displaylogo": False}),
        dcc.Store(id="s", data={"array": np.array([1, 2, 3]), "floats": np.array([0.5, np.nan]), "int": np.int64(7),
                        "float": np.float64(2.5), "when": pd.Timestamp("2020-01-02"), "na": pd.NA,
                        "date": datetime.date(2020, 1, 2), "tuple": (1, "a"), "empty": (), "none": None,
                        "series": pd.Series([1.0, 2.0]), "bool": True, 3: "int key"}),
        Overridden("x", id="o"),
        [],
        None,
    ])
    assert to_json(tree) == to_json_plotly(tree)
    assert to_json({"plain": [1, "two", None]}) == to_json_plotly({"plain": [1, "two", None]})


def test_dash_callback_route_uses_it(app):
    assert dash._callback.to_json is to_json


def test_answers_with_patches_are_encoded_as_plotly_encodes_them():
    """A corridors answer: a Patch of the map (arcs as lists, a numpy array), components and plain values."""
    from dash import Patch

    patch = Patch()
    patch["data"][0]["z"] = np.array([0, 1, 1])
    patch["data"][1] = {"type": "scattergeo", "lon": [1.5, 2.5], "customdata": ["UZB-RUS"] * 2, "name": None}
    patch["layout"]["annotations"] = [{"text": "é </b>", "x": 0.01}]
    patch["layout"]["title"]["text"] = html.Span("x", lang="en")
    answer = [patch, Patch(), html.Div([html.Td("1"), dcc.Link("a", href="/")], id="d"), "region", True, None, {}]
    assert to_json(answer) == to_json_plotly(answer)


def test_bytes_are_the_text_encoded():
    """to_json_bytes (what serving/dispatch.py stores and sends) is to_json's text as UTF-8, for pages and odd
    values alike."""
    from layouts import pages

    for path in ("/map", "/corridors", "/country/UZB"):
        tree = pages.render(path, "?lang=ru")
        assert to_json_bytes(tree) == to_json(tree).encode("utf-8")
    values = {"a": np.array([1.5, np.nan]), "b": "Кыргызстан \u2028 </b> – → \u2029", "c": html.P("x")}
    assert to_json_bytes(values) == to_json_plotly(values).encode("utf-8")


def test_an_answer_with_fragment_outputs_is_opened_at_once_into_the_same_bytes():
    """A callback answer holding a Fragment as an output's value is written without orjson refusing each dict above
    it first (answer._spliced_answer): the bytes `_pieces` wrote, and plotly's encoder's text of the data held,
    for Fragments escaped or not, beside outputs of components, numpy, Patches, several props, nothing; answers of
    another shape (other keys, keys that are not text, no Fragment at an output) are left to the usual way."""
    import orjson
    from dash import Patch

    opts = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
    raw_text = Fragment.of({"props": {"children": RUSSIAN + " </script> a/b"}, "type": "P",
                            "namespace": "dash_html_components"})
    escaped = Fragment(written(html.Div([html.P(RUSSIAN), "x < y"])))
    patch = Patch()
    patch["data"][0]["z"] = np.array([1.5, 2.0])
    patch["layout"]["title"]["text"] = Fragment.of(RUSSIAN)
    responses = [
        {"map-graph": {"figure": escaped}, "map-panel": {"children": raw_text}, "map-source": {"children": escaped},
         "page-state": {"data": {"lang": "ru", "year": 2020, "focus": None}}},
        {"a": {"children": raw_text, "style": {"x": np.float64(1.5)}, "title": "t"}, "b": {"figure": patch},
         "c": {"children": [html.P("x"), Fragment.of([1, 2])]}, "d": {"data": np.array([1, 2])}, "e": {}},
        {"only": {"value": Fragment(b"null")}},
    ]
    for response in responses:
        answer = {"multi": True, "response": response}
        spliced = _spliced_answer(answer, orjson, opts)
        assert spliced is not None
        assert spliced == _pieces(answer, orjson, opts)
        assert to_json_bytes(answer) == _safe_bytes(spliced)
        assert to_json(answer) == to_json_plotly(answer) == to_json_plotly(without_fragments(answer))
    for other in ({"multi": True, "response": {"a": {"children": "plain"}, "b": {"data": np.array([1])}}},
                  {"multi": True, "response": {"a": {1: raw_text}}}, {"response": {"a": {"x": raw_text}}, "multi": True},
                  {"multi": True, "response": {"a": {"x": raw_text}}, "extra": 1}, {"multi": 1, "response": {}}):
        assert _spliced_answer(other, orjson, opts) is None
        assert to_json(other) == to_json_plotly(without_fragments(other))
