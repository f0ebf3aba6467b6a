"""Components made without Dash's checks (layouts/made.py) are the objects Dash's constructors make, and the
serialised form of a tree (layouts/common.serialised) is what plotly's encoder and the json module give."""
from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import numpy as np
import plotly.graph_objects as go
import pytest
from dash import dcc, html
from plotly.io.json import to_json_plotly

from layouts import common
from layouts.made import make

CASES = [
    (html.Td, ("1,234",), {}),
    (html.Td, (), {}),
    (html.Td, (None,), {}),
    (html.Td, ([html.Span("a"), "b"],), {"className": "text-muted", "colSpan": 2}),
    (html.Th, ("Year",), {"scope": "col"}),
    (html.Tr, ([html.Td("x"), html.Td(3)],), {}),
    (html.Li, ("an item",), {"data-iso3": "KGZ"}),
    (html.Div, (), {"id": "x", "className": None}),
    (dbc.Table, ([html.Tbody([])],), {"size": "sm", "striped": True}),
    (dbc.Col, (html.Div("x"),), {"xs": 6, "md": 4, "xl": 3, "className": "mb-2"}),
    (dcc.Link, ("Tajikistan",), {"href": "/corridors?lang=en", "title": "Tajikistan → Russia"}),  # href required
    (html.Div, ([html.Span("x"), "y"],), {"className": "fact-meta small text-muted"}),
]


@pytest.mark.parametrize("cls, args, props", CASES)
def test_made_component_is_the_constructed_one(cls, args, props):
    made, built = make(cls, *args, **props), cls(*args, **props)
    assert type(made) is type(built)
    assert made.__dict__ == built.__dict__
    assert to_json_plotly(made) == to_json_plotly(built)
    assert made._prop_names is not built._prop_names  # fresh lists: two trees share nothing
    assert make(cls, *args, **props)._prop_names is not made._prop_names


def test_a_table_of_made_cells_encodes_as_one_of_constructed_cells():
    rows = [["Kazakhstan", "1,234", 2020, html.Span("x", lang="en")], ["Кыргызстан", None, 2021, ""]]
    table = common.table(["A", "B", "C", "D"], rows, caption="A caption", id="t")
    built = dbc.Table([html.Caption("A caption"),
                       html.Thead(html.Tr([html.Th(h, scope="col") for h in "ABCD"])),
                       html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows])],
                      size="sm", striped=True, hover=True, className="data-table", id="t")
    assert to_json_plotly(table) == to_json_plotly(built)


def test_serialised_equals_plotly_encoder_read_by_json():
    tree = html.Div([
        html.P(["é </script> \u2028", html.Strong("x")], className="a"),
        dcc.Graph(figure=go.Figure(go.Scatter(x=np.array([1, 2]), y=[0.5, float("nan")])), config={"a": 1}),
        dcc.Store(id="s", data={"tuple": (1, 2), "array": np.array([1.5, 2.5]), 3: "int key", "none": None}),
    ])
    assert common.serialised(tree) == common.reference_serialised(tree) == json.loads(to_json_plotly(tree))
    figure = {"data": [{"type": "bar", "x": np.arange(3), "y": [1e300, -0.0]}], "layout": {"title": {"text": "t"}}}
    assert common.serialised(figure) == common.reference_serialised(figure)


PAGES = ["/map", "/map?focus=UZB", "/remittances",
         "/corridors", "/country", "/country/UZB", "/country/FRA",
         "/country/WLD", "/country/XYZ", "/sources", "/key-figures", "/present", "/embed/map", "/nowhere"]


def _clear_caches():
    """Every per-selection cache of the layouts and figures: the next page is built from scratch."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith(("layouts", "figures")):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pages_of_made_components_are_sent_as_pages_of_constructed_ones(lang, monkeypatch):
    """layouts.made's html/dcc/dbc: every view's page (what the router sends) is the same with Dash's own
    constructors, which check every prop's name (a misspelt one raises there)."""
    from layouts import made, pages
    from serving.fast_json.answer import to_json

    def render(path: str) -> str:
        _clear_caches()
        pathname, _, query = path.partition("?")
        return to_json(pages.render(pathname, f"?lang={lang}" + (f"&{query}" if query else "")))

    made_pages = {path: render(path) for path in PAGES}
    monkeypatch.setattr(made, "_BUILD", lambda cls, *args, **props: cls(*args, **props))
    for path in PAGES:
        # Parsed, not as text: Dash's constructors set data-*/aria-* props in the order of a set of their names
        # (dash.development.base_component._explicitize_args), which changes from one process to the next.
        assert json.loads(render(path)) == json.loads(made_pages[path]), path
    _clear_caches()


def test_the_made_modules_make_what_dash_makes():
    from layouts.made import dbc as made_dbc, dcc as made_dcc, html as made_html

    assert made_html.Div("x", className="a").__dict__ == html.Div("x", className="a").__dict__
    assert type(made_dcc.Link("x", href="/")) is dcc.Link and made_dbc.Col.component is dbc.Col
    assert made_html.Div.component is html.Div
