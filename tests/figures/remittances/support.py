"""What the remittances figure tests share: the five Central Asian states and each chart built the app's way."""
from __future__ import annotations

from figures.remittances.cost import build_cost_figure, cost_data
from figures.remittances.economy import build_economy_figure, economy_data
from figures.remittances.parts import (CENTRAL_ASIA, DEPRECIATION_INDICATOR, GROWTH_INDICATOR, labels_for, names_for,
                                       unit_of)
from figures.remittances.trend import build_trend_figure, trend_data
from tests.support.plain import figure_of


CA5 = CENTRAL_ASIA


def trend_figure(store, indicator, codes, *, source=None, base_year=None, scale="linear"):
    data = trend_data(store, indicator, codes, source, base_year)
    figure = figure_of(build_trend_figure(
        data, names=names_for(store, data.order, "en"), source_labels=labels_for(store, data.rows["source"]),
        unit=unit_of(store, indicator), scale=scale, lang="en", title="t"))
    return data, figure


def hover_boxes(trace) -> list[str]:
    """What each point's hover box says: the trace's hovertemplate with the point's hovertext where plotly puts it
    (`%{hovertext}`), without the <extra> part (a line's shared source line is in the template, its values in the
    points' texts: figures/remittances/trend.hover_split)."""
    trace = trace if isinstance(trace, dict) else trace.to_plotly_json()
    template = trace["hovertemplate"].replace("<extra></extra>", "")
    assert template.count("%{") == template.count("%{hovertext}") == 1
    return [template.replace("%{hovertext}", text) for text in trace["hovertext"]]


def traces_by_code(figure) -> dict:
    return {trace.meta: trace for trace in figure.data}


def cost_figure(store, codes):
    data = cost_data(store, codes)
    labels = labels_for(store, [*data.rows["source"], *data.derived["source"]])
    figure = figure_of(build_cost_figure(data, names=names_for(store, data.order, "en"), source_labels=labels,
                                         lang="en", title="t"))
    return data, figure


def economy_figure(store):
    data = economy_data(store)
    names = {GROWTH_INDICATOR: "growth", DEPRECIATION_INDICATOR: "rouble"}
    figure = figure_of(build_economy_figure(data, names=names, source_labels=labels_for(store, data.rows["source"]),
                                            lang="en", title="t"))
    return data, figure
