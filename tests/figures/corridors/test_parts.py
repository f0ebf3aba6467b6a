"""What several corridor charts share: the origins' colours, persons axes written by Babel."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from figures.common import CENTRAL_ASIA
from figures.corridors import comparison as comparison_fig
from figures.corridors.card import corridor_card, stock_figure
from figures.corridors.comparison import comparison_figure
from figures.corridors.parts import origin_colour, persons
from figures.corridors.selection import _index
from i18n import format_value


def test_central_asian_origins_have_their_colours_of_every_chart():
    from figures.common import COUNTRY_COLOURS

    assert {code: origin_colour(code) for code in CENTRAL_ASIA} == {
        code: COUNTRY_COLOURS[code] for code in CENTRAL_ASIA}


def test_person_axes_in_russian_are_written_by_babel_not_plotly(store):
    """Plotly abbreviates 778,041 as '0.8M' in any locale: a Russian axis writes its own ticks ('800 тыс.')."""
    card = corridor_card(store, "UZB", "RUS", "undesa_ims_2024")
    origins = tuple(store.group_members("ca5"))
    for lang in ("ru", "en"):
        stock = go.Figure(stock_figure(store, card, "undesa_ims_2024", lang))
        compare = go.Figure(comparison_figure(store, comparison_fig.comparison(store, origins), origins, lang))
        for figure in (stock, compare):
            axis = figure.layout.yaxis
            highest = max(max(trace.y) for trace in figure.data)
            if lang == "en":
                assert axis.ticktext is None  # plotly's own ticks
                continue
            assert axis.tickvals[0] == 0 and axis.tickvals[-1] <= highest < axis.tickvals[-1] * 2
            assert all(not any("a" <= c.lower() <= "z" for c in text) for text in axis.ticktext), axis.ticktext
            assert any("млн" in text for text in axis.ticktext), axis.ticktext


@pytest.mark.parametrize("lang", ["en", "ru", "xx"])
def test_persons_are_written_as_format_value_writes_them(store, lang):
    values = [None, float("nan"), np.nan, 0.0, -0.0, 1.0, 999.0, 1000.0, 1234567.0, 2.5, 1234.5678, 1e16, -5.0,
              np.float64(871154.0), np.int64(12), 7]
    values += _index(store, "stock_total", "undesa_ims_2024").values.tolist()[::7]
    for value in values:
        assert persons(value, lang) == format_value(value, "persons", lang), value


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_figure_layout_is_a_deep_copy_of_the_base_look_with_its_own_keys(lang):
    """figure_layout copies the base look by reading back its JSON: the same as `copy.deepcopy` (types included),
    and no two layouts share anything but the template."""
    import copy

    from figures.corridors.parts import base_look, figure_layout
    from figures.plain import as_json

    extra = dict(annotations=[], xaxis=dict(visible=False), yaxis=dict(rangemode="tozero", title=dict(text="x")))
    layout = figure_layout(360, "Title", lang, **extra)
    reference = {key: value if key == "template" else copy.deepcopy(value) for key, value in base_look().items()}
    reference.update(height=360, separators=layout["separators"])
    reference["title"]["text"] = "Title"
    for key, value in extra.items():
        reference[key] = {**reference[key], **value} if isinstance(reference.get(key), dict) else value
    assert layout == reference and list(layout) == list(reference)
    assert repr(layout) == repr(reference)  # the same types all the way down (no tuple became a list)
    assert as_json({"data": [], "layout": layout}) == as_json({"data": [], "layout": reference})
    again = figure_layout(360, "Other", lang)
    assert again["title"]["text"] == "Other" and layout["title"]["text"] == "Title"
    assert again["template"] is layout["template"] is base_look()["template"]
    assert again["font"] is not layout["font"] and again["font"] is not base_look()["font"]
