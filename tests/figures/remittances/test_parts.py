"""What several remittances charts use: the table alternative, the shared time axis, no NaN sent."""
from __future__ import annotations

import math

from figures.remittances.parts import PCT_INDICATOR, patch_time_axis, share_time_axis, wide_rows
from figures.remittances.trend import trend_data
from tests.figures.remittances.support import CA5, cost_figure, trend_figure


def test_wide_rows_say_no_data_where_a_year_is_missing(store):
    data = trend_data(store, PCT_INDICATOR, ("KAZ", "TJK"))
    codes, body = wide_rows(data.rows, data.order, "%", "en")
    assert codes == ["KAZ", "TJK"]
    rows = {row[0]: row[1:] for row in body}
    assert rows["1996"][1] == "No data"  # no Tajik value before 2002
    assert body[0][0] == str(int(data.rows["year"].max()))  # latest first


def test_figures_are_plain_go_and_send_no_nan(store):
    for figure in (trend_figure(store, PCT_INDICATOR, CA5)[1], cost_figure(store, CA5)[1]):
        for trace in figure.data:
            assert not any(isinstance(v, float) and math.isnan(v) for v in (trace.y if trace.y is not None else []))


def test_share_time_axis_aligns_years_and_margins_without_changing_its_inputs():
    upper = {"data": [], "layout": {"xaxis": {"range": [2001.5, 2024.5]}, "margin": {"r": 180, "l": 70}}}
    lower = {"data": [], "layout": {"xaxis": {"range": [1993.5, 2023.5], "ticks": "outside"}, "margin": {"r": 150}}}
    a, b = share_time_axis(upper, lower)
    assert a["layout"]["xaxis"]["range"] == b["layout"]["xaxis"]["range"] == [1993.5, 2024.5]
    assert a["layout"]["margin"] == {"r": 180, "l": 70} and b["layout"]["margin"] == {"r": 180}
    assert b["layout"]["xaxis"]["ticks"] == "outside"
    assert upper["layout"]["xaxis"]["range"] == [2001.5, 2024.5] and lower["layout"]["margin"]["r"] == 150


def test_patch_time_axis_carries_the_shared_years_and_margin():
    figure = {"layout": {"xaxis": {"range": [1992.5, 2024.5]}, "margin": {"r": 260, "l": 70}}}
    operations = patch_time_axis(figure).to_plotly_json()["operations"]
    assigned = {tuple(op["location"]): op["params"]["value"] for op in operations}
    assert assigned == {("layout", "xaxis", "range"): [1992.5, 2024.5], ("layout", "margin", "r"): 260}


def test_value_texts_are_kept_within_their_bound_and_equal_the_formatted_value():
    """The value texts' cache is bounded (a long run formats ever more distinct values) and a text it gives back,
    kept or evicted and rebuilt, is the formatted value itself, in English and Russian."""
    from figures.remittances import parts
    from i18n import format_value

    assert parts.value_text.cache_info().maxsize == parts.VALUE_TEXTS_KEPT <= 8192
    parts.value_text.cache_clear()
    values = [i / 7 for i in range(parts.VALUE_TEXTS_KEPT + 500)]
    for lang in ("en", "ru"):
        for unit in ("%", "US$", "persons"):
            for value in values[:: 97]:
                assert parts.value_text(value, unit, lang) == format_value(value, unit, lang)
    for value in values:  # more distinct values than it keeps
        parts.value_text(value, "%", "ru")
    assert parts.value_text.cache_info().currsize == parts.VALUE_TEXTS_KEPT
    for value in values[:3] + values[-3:]:  # evicted first, kept last: the same text either way
        assert parts.value_text(value, "%", "ru") == format_value(value, "%", "ru")
    parts.value_text.cache_clear()


def test_a_charts_template_keeps_what_styles_its_traces_only():
    """plotly.js styles a trace from the template's entries of its own type only: the others are cut from each
    chart (parts.drawn_template); the template's layout and the drawn types' entries stay plotly's default."""
    from figures.plain import default_template
    from figures.remittances.parts import drawn_template

    full = default_template()
    figure = drawn_template({"data": [{"type": "scatter"}, {"type": "bar"}, {}], "layout": {"template": full}})
    template = figure["layout"]["template"]
    assert list(template) == list(full) and template["layout"] == full["layout"]
    assert template["data"] == {kind: full["data"][kind] for kind in ("bar", "scatter")}
    assert list(template["data"]) == [kind for kind in full["data"] if kind in ("bar", "scatter")]
    assert full["data"].keys() > {"bar", "scatter", "heatmap", "choropleth"}  # the default itself unchanged
    empty = drawn_template({"data": [], "layout": {"template": json_copy(full)}})
    assert empty["layout"]["template"] == {**full, "data": {}}
    own = {"layout": {"font": {"size": 20}}}
    assert drawn_template({"data": [{"type": "bar"}], "layout": {"template": own}})["layout"]["template"] is own
    assert "template" not in drawn_template({"data": [], "layout": {}})["layout"]


def json_copy(value):
    import json

    return json.loads(json.dumps(value))
