"""serving/fast_json/props.py: a component's data-* and aria-* props in name order, by Dash's encoding and ours."""
from __future__ import annotations

from dash import html
from plotly.io.json import to_json_plotly

from serving.fast_json.answer import to_json


def test_data_and_aria_props_are_written_in_name_order_by_both_encoders():
    """Dash set them in the order of a set (the process's string hashes): the same page differed between processes."""
    import json

    made = []
    for order in (1, -1):
        link = html.A("EN", id="lang", href="/map")
        for key, value in [("data-lang-switch", "en"), ("aria-current", "true"), ("aria-label", "EN")][::order]:
            setattr(link, key, value)
        made.append(link)
    texts = {to_json_plotly(link) for link in made} | {to_json(link) for link in made}
    assert len(texts) == 1
    assert list(json.loads(texts.pop())["props"]) == ["children", "id", "href", "aria-current", "aria-label",
                                                      "data-lang-switch"]
