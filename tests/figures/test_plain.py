"""figures/plain.py: a figure as a plain dict is what plotly's validated go.Figure sends for the same input."""
from __future__ import annotations

import numpy as np
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
