"""The small trend charts plot the curated series, with sources."""
from __future__ import annotations

from figures.country.series import shown_series
from figures.country.trends import trend_figure


def test_trend_figure_plots_the_curated_series_with_sources(store):
    series = shown_series(store, "BX.TRF.PWKR.DT.GD.ZS", "KGZ")
    names = {source: f"name of {source}" for source in series["source"].unique()}
    figure = trend_figure(series, unit="%", name="x", lang="en", source_names=names)
    trace = figure["data"][0]
    assert list(trace["x"]) == list(series["year"]) and list(trace["y"]) == list(series["value"])
    assert [row[1] for row in trace["customdata"]] == [names[s] for s in series["source"]]
    assert len(set(series["source"])) == 1  # one line, one vintage; each point still says which


def test_trend_figure_carries_the_default_template_cut_to_its_one_trace_type(store):
    """Only the scatter entries of plotly's default template (figures/plain.drawn_template): the other types'
    entries styled nothing on screen, yet went four times with every profile."""
    from figures.plain import default_template

    series = shown_series(store, "SM.POP.TOTL", "UZB")
    for lang in ("en", "ru"):
        template = trend_figure(series, unit="persons", name="x", lang=lang, source_names={})["layout"]["template"]
        assert set(template["data"]) == {"scatter"}
        assert template["data"]["scatter"] == default_template()["data"]["scatter"]
        assert template["layout"] == default_template()["layout"]
