"""The sources side by side: each source at its date, every series distinct."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from figures.corridors import comparison as comparison_fig
from figures.corridors.comparison import COMPARISON_ROWS, comparison_figure
from tests.support.plain import assert_plain_is_validated


def test_comparison_shows_each_source_at_its_date(store):
    origins = tuple(store.group_members("ca5"))
    rows = comparison_fig.comparison(store, origins)
    figure = go.Figure(comparison_figure(store, rows, origins, "en"))
    assert len(figure.data) == len(COMPARISON_ROWS)
    by_name = {trace.name: trace for trace in figure.data}
    fms = by_name["Citizens present, 2013: Russian FMS (quoted by IOM)"]
    assert dict(zip(fms.x, fms.y))["Uzbekistan"] == 3_000_000
    assert "Turkmenistan" not in fms.x and fms.marker.pattern.shape == "/"
    latest = by_name["Foreign-born, 2024: UN DESA Rev.2024"]
    assert dict(zip(latest.x, latest.y))["Uzbekistan"] == 778_041
    knomad = by_name["Foreign-born, 2017: World Bank estimate"]
    assert dict(zip(knomad.x, knomad.y))["Uzbekistan"] == 1_147_613
    for spec, trace in zip(COMPARISON_ROWS, figure.data):
        for name, value in zip(trace.x, trace.y):
            iso3 = next(o for o in origins if store.country_name(o) == name)
            expected = store.corridors(spec.measure, origins=[iso3], destinations=["RUS"], year=spec.year,
                                       source=spec.source)["value"].iloc[0]
            assert value == expected


def test_every_comparison_series_looks_different(store):
    """2015 and 2020 of one UN DESA revision shared a colour: colour says the source, the pattern the year."""
    origins = tuple(store.group_members("ca5"))
    figure = go.Figure(comparison_figure(store, comparison_fig.comparison(store, origins), origins, "en"))
    looks = [(trace.marker.color, trace.marker.pattern.shape) for trace in figure.data]
    assert len(set(looks)) == len(looks) == len(COMPARISON_ROWS)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("origins", [("KAZ", "KGZ", "TJK", "TKM", "UZB"), ("UZB",), ()])
def test_the_plain_comparison_figure_is_the_validated_one(store, lang, origins):
    rows = comparison_fig.comparison(store, origins) if origins else comparison_fig.comparison(store, ("UZB",))
    assert_plain_is_validated(lambda kit: comparison_figure(store, rows, origins, lang, kit=kit), cut_template=True)
