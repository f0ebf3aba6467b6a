"""Callback answers encoded by serving/fast_json.py are byte for byte what plotly's `to_json_plotly` (Dash's own
encoder) writes: every view's page in both languages, profiles, and the odd values a component may hold."""
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

from serving import fast_json

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
    assert fast_json.to_json(tree) == to_json_plotly(tree)


class Overridden(html.Div):
    def to_plotly_json(self):  # a component with its own encoding is asked for it
        found = super().to_plotly_json()
        found["props"]["title"] = "overridden"
        return found


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
    assert fast_json.to_json(tree) == to_json_plotly(tree)
    assert fast_json.to_json({"plain": [1, "two", None]}) == to_json_plotly({"plain": [1, "two", None]})


def test_dash_callback_route_uses_it(app):
    assert dash._callback.to_json is fast_json.to_json


def test_answers_with_patches_are_encoded_as_plotly_encodes_them():
    """A corridors answer: a Patch of the map (arcs as lists, a numpy array), components and plain values."""
    from dash import Patch

    patch = Patch()
    patch["data"][0]["z"] = np.array([0, 1, 1])
    patch["data"][1] = {"type": "scattergeo", "lon": [1.5, 2.5], "customdata": ["UZB-RUS"] * 2, "name": None}
    patch["layout"]["annotations"] = [{"text": "é </b>", "x": 0.01}]
    patch["layout"]["title"]["text"] = html.Span("x", lang="en")
    answer = [patch, Patch(), html.Div([html.Td("1"), dcc.Link("a", href="/")], id="d"), "region", True, None, {}]
    assert fast_json.to_json(answer) == to_json_plotly(answer)


def test_data_and_aria_props_are_written_in_name_order_by_both_encoders():
    """Dash set them in the order of a set (the process's string hashes): the same page differed between processes."""
    import json

    made = []
    for order in (1, -1):
        link = html.A("EN", id="lang", href="/map")
        for key, value in [("data-lang-switch", "en"), ("aria-current", "true"), ("aria-label", "EN")][::order]:
            setattr(link, key, value)
        made.append(link)
    texts = {to_json_plotly(link) for link in made} | {fast_json.to_json(link) for link in made}
    assert len(texts) == 1
    assert list(json.loads(texts.pop())["props"]) == ["children", "id", "href", "aria-current", "aria-label",
                                                      "data-lang-switch"]


def test_an_answer_of_components_and_plain_parts_is_written_in_pieces_as_plotly_writes_it():
    """serving/fast_json._pieces: plain parts written by orjson at once, numpy and pandas values (refused there)
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
    assert fast_json.to_json(answer) == to_json_plotly(answer)
    # no component: plotly's own first attempt (orjson writes numpy's dates itself), unchanged
    plain_answer = {"figure": {"x": when}}
    assert fast_json.to_json(plain_answer) == to_json_plotly(plain_answer)


def test_safe_on_bytes_equals_plotlys_on_text():
    """The escaping done in the UTF-8 bytes gives plotly's text: every character it swaps, next to Russian text,
    other three-byte characters (→, U+2027, U+202A) and at either end."""
    import orjson
    from plotly.io import _json as plotly_json

    from serving.fast_json import _safe

    texts = ["", "plain", "<b>Узбекистан → Россия</b><br>1 234 567 чел.<extra></extra>", "a/b//c", "\u2028x\u2029",
             "\u2027\u202a\u2028\u2029\u2030", "<", ">/", "Кыргызстан\u2028<", {"k/<": ["</", "\u2029", 1.5]},
             # many other E2 characters (a corridors answer's arrows, dashes, narrow spaces) before, between, without
             "UZB→RUS " * 80 + "\u2029", "\u2014\u202f\u2028" + "→" * 40, "→—\u202f" * 50, "x\u2029y\u2028z" * 3]
    for value in texts:
        raw = orjson.dumps(value)
        assert _safe(raw) == plotly_json._safe(raw.decode("utf8"), plotly_json._swap_orjson), value


def _without_fragments(value):
    if type(value) is fast_json.Fragment:
        return value.to_plotly_json()
    if isinstance(value, dict):
        return {key: _without_fragments(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_fragments(item) for item in value]
    return value


def test_fragments_are_sent_as_the_data_they_hold():
    """JSON bytes kept or written ahead (a Fragment) are spliced into the answer: the same bytes as the data they
    hold encoded with the rest, by fast_json and by plotly's encoder (Dash's own path), wherever they sit."""
    from dash import Patch

    Fragment = fast_json.Fragment
    texts = {"en": "1,234 persons </b> <script>", "ru": "Кыргызстан → Россия: 1\u00a0234 человек \u2028 / \u2029"}
    block = Fragment.of({"props": {"children": [texts["ru"], None, 1.5, {"x": [1, 2]}]}, "type": "Div",
                         "namespace": "dash_html_components"})
    patch = Patch()
    patch["data"] = Fragment.of([{"type": "sankey", "node": {"label": [texts["en"], texts["ru"]]}}])
    patch["layout"]["height"] = 360
    answers = [
        {"multi": True, "response": {"a": {"children": block}, "b": {"figure": patch}, "c": {"data": Fragment(b"1")},
                                     "d": {"children": [block, html.P("x"), Fragment.of(texts["en"])]},
                                     "e": {"value": np.array([1, 2])}}},
        [block, Fragment.of(None), "region", True],
        {"deep": {"a": {"b": {"c": {"d": {"e": {"f": [block, {"g": block}]}}}}}}},
        block,
    ]
    for answer in answers:
        assert fast_json.to_json(answer) == to_json_plotly(answer) == to_json_plotly(_without_fragments(answer))
    assert block == Fragment(block.raw) and block != block.to_plotly_json()


def test_fragments_are_spliced_not_written_again():
    """The point of a Fragment: its bytes go in as they are (bytes orjson would not write show it), in dicts opened
    down to it and in lists holding one, not parsed and written again."""
    from dash import Patch

    odd = fast_json.Fragment(b"[1, 2]")  # orjson writes [1,2]: spaces only if spliced
    patch = Patch()
    patch["data"] = odd
    answer = {"multi": True, "response": {"a": {"children": odd}, "b": {"figure": patch},
                                          "c": {"children": [html.P("x"), odd]}}}
    assert fast_json.to_json(answer).count("[1, 2]") == 3


def test_bytes_are_the_text_encoded():
    """to_json_bytes (what serving/dispatch.py stores and sends) is to_json's text as UTF-8, for pages and odd
    values alike."""
    from layouts import pages

    for path in ("/map", "/corridors", "/country/UZB"):
        tree = pages.render(path, "?lang=ru")
        assert fast_json.to_json_bytes(tree) == fast_json.to_json(tree).encode("utf-8")
    values = {"a": np.array([1.5, np.nan]), "b": "Кыргызстан \u2028 </b> – → \u2029", "c": html.P("x")}
    assert fast_json.to_json_bytes(values) == to_json_plotly(values).encode("utf-8")


RUSSIAN = "Где жили уроженцы Кыргызстана </b> в 2000 г.: 1\u202f234 — «10» \u2028 стран"


def test_written_parts_are_put_in_their_place_as_they_were_written():
    """An answer holding Fragment parts (written once: serving/fast_json.written) is written as the answer holding the
    values themselves: components, a Patch, figures with numpy, text with every unsafe character, Russian."""
    from dash import Patch

    patch = Patch()
    patch["data"][0]["z"] = np.array([0.5, 1.25])
    patch["layout"]["title"]["text"] = RUSSIAN
    parts = {"panel": html.Div([html.H2(RUSSIAN), dcc.Graph(figure=go.Figure(go.Bar(y=[1, 2])))], className="x"),
             "patch": patch, "text": RUSSIAN, "list": [1, None, "</script>"], "number": 2.5}
    answer = {"multi": True, "response": {key: {"children": value} for key, value in parts.items()}}
    raw_answer = {"multi": True, "response": {key: {"children": fast_json.Fragment(fast_json.written(value))}
                                              for key, value in parts.items()}}
    assert fast_json.to_json(raw_answer) == fast_json.to_json(answer) == to_json_plotly(answer)
    assert to_json_plotly(raw_answer) == to_json_plotly(answer)  # plotly's own walk asks a Fragment for its value
    assert fast_json.to_json_bytes(raw_answer) == to_json_plotly(answer).encode("utf-8")
    for value in parts.values():  # anywhere: at the top, in a list, inside a component
        raw = fast_json.Fragment(fast_json.written(value))
        assert fast_json.to_json([raw, {"k": [raw]}]) == to_json_plotly([value, {"k": [value]}])
        assert fast_json.to_json(html.Div([raw])) == to_json_plotly(html.Div([value]))


def test_a_template_filled_is_the_value_written_with_the_parts_in_place():
    """serving/fast_json.Template: holes in a dict and in a list, one part or several list items joined, parts
    with unsafe characters; a hole missing or repeated is refused."""
    title, items = "\0title", "\0items"

    def shape(title_value, item_values):
        return html.Div([html.H2(RUSSIAN), html.P(title_value, className="small"), *item_values, html.P("</end>")],
                        className="focus-panel", **{"data-x": "é"})

    template = fast_json.Template(fast_json.plain(shape(title, [items])), (title, items))
    for text, values in ((RUSSIAN, [html.P("one")]), ("plain", [html.P("a"), "b </c>", {"d": [1.5]}]),
                         ("", [None])):
        filled = template.fill(fast_json.written(text), b",".join(fast_json.written(value) for value in values))
        assert filled == fast_json.to_json_bytes(shape(text, values))
        assert fast_json.to_json({"x": fast_json.Fragment(filled)}) == to_json_plotly({"x": shape(text, values)})
    with pytest.raises(ValueError):
        template.fill(b"1")
    with pytest.raises(ValueError):
        fast_json.Template({"a": "x"}, ("\0nowhere",))
    with pytest.raises(ValueError):
        fast_json.Template({"a": title, "b": [title]}, (title,))
    once = fast_json.Template({"a": [1, title, 2], "b": RUSSIAN}, (title,))
    assert fast_json.to_json({"k": fast_json.Fragment(once.fill(b'"x",{"y":null}'))}) == \
        to_json_plotly({"k": {"a": [1, "x", {"y": None}, 2], "b": RUSSIAN}})


def test_an_answer_with_fragment_outputs_is_opened_at_once_into_the_same_bytes():
    """A callback answer holding a Fragment as an output's value is written without orjson refusing each dict above
    it first (fast_json._spliced_answer): the bytes `_pieces` wrote, and plotly's encoder's text of the data held,
    for Fragments escaped or not, beside outputs of components, numpy, Patches, several props, nothing; answers of
    another shape (other keys, keys that are not text, no Fragment at an output) are left to the usual way."""
    import orjson
    from dash import Patch

    Fragment = fast_json.Fragment
    opts = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
    raw_text = Fragment.of({"props": {"children": RUSSIAN + " </script> a/b"}, "type": "P",
                            "namespace": "dash_html_components"})
    escaped = Fragment(fast_json.written(html.Div([html.P(RUSSIAN), "x < y"])))
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
        spliced = fast_json._spliced_answer(answer, orjson, opts)
        assert spliced is not None
        assert spliced == fast_json._pieces(answer, orjson, opts)
        assert fast_json.to_json_bytes(answer) == fast_json._safe_bytes(spliced)
        assert fast_json.to_json(answer) == to_json_plotly(answer) == to_json_plotly(_without_fragments(answer))
    for other in ({"multi": True, "response": {"a": {"children": "plain"}, "b": {"data": np.array([1])}}},
                  {"multi": True, "response": {"a": {1: raw_text}}}, {"response": {"a": {"x": raw_text}}, "multi": True},
                  {"multi": True, "response": {"a": {"x": raw_text}}, "extra": 1}, {"multi": 1, "response": {}}):
        assert fast_json._spliced_answer(other, orjson, opts) is None
        assert fast_json.to_json(other) == to_json_plotly(_without_fragments(other))


def test_components_are_written_as_bytes_with_fragments_spliced_anywhere_inside():
    """serving/fast_json._component_written: a component tree written piece by piece (each component's props in
    Dash's order, plain parts by orjson whole) is plotly's text, with a Fragment spliced in wherever it sits inside —
    a child, a child's child, a list of children that starts with text, a dict inside a prop — and odd values beside
    it (numpy, pandas, tuples of components, dicts with components or with keys that are not text, an overridden
    encoding, subclasses of dict)."""
    from dash._utils import AttributeDict

    odd = fast_json.Fragment(b"[1, 2]")  # orjson writes [1,2]: spaces only if spliced
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
    written = fast_json.to_json(tree)
    reference = to_json_plotly(_without_fragments_in(tree))
    assert written.replace("[1, 2]", "[1,2]") == reference
    # spliced in the Details, the P (twice), the tuple and the plain Store's dicts; the Store's dict with a key that is not text and the
    # overridden component go through plotly's walk, which reads the Fragment as its data
    assert written.count("[1, 2]") == 5
    answer = {"multi": True, "response": {"page-content": {"children": tree}}}
    assert fast_json.to_json_bytes(answer).decode("utf8").replace("[1, 2]", "[1,2]") == to_json_plotly(
        _without_fragments_in(answer))


def _without_fragments_in(value):
    """`value` with each Fragment replaced by the data it holds, in components too (copies: the tree is kept)."""
    import copy

    from dash.development.base_component import Component

    if type(value) is fast_json.Fragment:
        return value.to_plotly_json()
    if isinstance(value, Component):
        twin = copy.copy(value)
        for key, item in vars(value).items():
            if not key.startswith(("_", "available_")):
                setattr(twin, key, _without_fragments_in(item))
        return twin
    if isinstance(value, dict):
        return type(value)((key, _without_fragments_in(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return type(value)(_without_fragments_in(item) for item in value)
    return value
