"""serving/fast_json/fragment.py: JSON written ahead is spliced into answers, the bytes of the data it holds."""
from __future__ import annotations

import numpy as np
from dash import html
from plotly.io.json import to_json_plotly

from serving.fast_json.answer import to_json
from serving.fast_json.fragment import Fragment
from tests.serving.fast_json.support import without_fragments


def test_fragments_are_sent_as_the_data_they_hold():
    """JSON bytes kept or written ahead (a Fragment) are spliced into the answer: the same bytes as the data they
    hold encoded with the rest, by fast_json and by plotly's encoder (Dash's own path), wherever they sit."""
    from dash import Patch

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
        assert to_json(answer) == to_json_plotly(answer) == to_json_plotly(without_fragments(answer))
    assert block == Fragment(block.raw) and block != block.to_plotly_json()


def test_fragments_are_spliced_not_written_again():
    """The point of a Fragment: its bytes go in as they are (bytes orjson would not write show it), in dicts opened
    down to it and in lists holding one, not parsed and written again."""
    from dash import Patch

    odd = Fragment(b"[1, 2]")  # orjson writes [1,2]: spaces only if spliced
    patch = Patch()
    patch["data"] = odd
    answer = {"multi": True, "response": {"a": {"children": odd}, "b": {"figure": patch},
                                          "c": {"children": [html.P("x"), odd]}}}
    assert to_json(answer).count("[1, 2]") == 3
