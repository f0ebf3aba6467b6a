"""A profile's trend charts."""
from __future__ import annotations

import json

from plotly.utils import PlotlyJSONEncoder

from figures.country.trends import TRENDS
from layouts.country.page import layout
from layouts.ids import Country
from tests.support.components import by_id

STATE = {"lang": "en"}


def test_trend_graphs_plot_the_curated_series(store):
    page = layout(STATE, "en", iso3="UZB")
    for key, indicator in TRENDS:
        graph = by_id(page, Country.trend(key))
        series = store.series(indicator, iso3s=["UZB"])
        assert list(graph.figure["data"][0]["y"]) == list(series["value"]), key
        assert graph.config["displaylogo"] is False
        json.dumps(graph.figure, cls=PlotlyJSONEncoder)  # serialisable as sent to the browser
