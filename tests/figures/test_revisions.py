"""One line, one vintage at figure level, and revisions side by side (figures/revisions.py, layouts/revisions.py)."""
from __future__ import annotations

import pytest

from figures import revisions as rev
from figures.remittances.parts import (CENTRAL_ASIA, DEFAULT_SOURCE, OUTFLOW_INDICATOR, PCT_INDICATOR, USD_INDICATOR,
                                       labels_for, names_for, unit_of)
from figures.remittances.trend import build_trend_figure, trend_data
from layouts.remittances.ranking import ranking_block
from layouts.revisions import revisions_block
from tests.support.components import text_of
from tests.figures.remittances.support import hover_boxes
from tests.support.plain import figure_of


def _trend(store, indicator, codes):
    data = trend_data(store, indicator, codes)
    labels = labels_for(store, [*data.rows["source"], *data.older["source"]])
    names = names_for(store, data.order, "en")
    figure = figure_of(build_trend_figure(data, names=names, source_labels=labels, unit=unit_of(store, indicator),
                                          scale="linear", lang="en", title="t"))
    return data, figure, labels


@pytest.mark.parametrize("indicator", [PCT_INDICATOR, USD_INDICATOR, OUTFLOW_INDICATOR])
def test_every_line_on_the_trend_chart_is_one_release(store, indicator):
    codes = ("KAZ", "KGZ", "TJK", "UZB", "RUS", "MDA", "ARM", "WLD")
    data, figure, labels = _trend(store, indicator, codes)
    for trace in figure.data:
        sources = {label for label in labels.values() if any(label in text.replace("<br>", " ") for text in hover_boxes(trace))}
        assert len(sources) == 1, (trace.meta, sources)  # each trace names exactly one release in its hovers
        older = ":older:" in trace.meta
        assert (trace.line.dash == "dash") is older
        if not older:
            series = store.series(indicator, iso3s=[trace.meta])
            assert list(trace.x) == list(series["year"])  # the line is exactly the store's one-release series


def test_older_years_are_a_dashed_labelled_segment(store):
    # Moldova's % of GDP: WDI 2023-05 to 2021; 2022–2023 only computed from WDI 2025-02 levels.
    data, figure, labels = _trend(store, PCT_INDICATOR, ("MDA",))
    line = next(trace for trace in figure.data if trace.meta == "MDA")
    segment = next(trace for trace in figure.data if trace.meta == "MDA:older:wdi_2025_02_derived")
    assert max(line.x) < min(segment.x)  # never joined: a separate trace
    assert segment.line.dash == "dash"
    label = next(a for a in figure.layout.annotations if a.name == "older-MDA-wdi_2025_02_derived")
    assert "older release" in label.text and "2025-02-07" in label.text


def test_revisions_put_the_december_2023_estimate_beside_the_newest_release(store):
    items = {(r.iso3, r.indicator): r for r in rev.revisions(store, ["TJK", "KAZ", "TKM"])}
    tjk = items[("TJK", PCT_INDICATOR)]
    assert tjk.then_value == pytest.approx(48.24, abs=0.005) and tjk.then_kind == "estimate"
    assert tjk.now_value == pytest.approx(37.84, abs=0.005) and tjk.now_source == "wdi_ddf_2026"
    kaz = items[("KAZ", "SM.POP.TOTL")]
    assert (kaz.then_value, kaz.now_value) == (3732073, 1990268)
    assert not any(iso3 == "TKM" and indicator != "SM.POP.TOTL" for iso3, indicator in items)  # not reported
    block = revisions_block(store, ["TJK"], "en")
    text = text_of(block)
    assert "estimated 48.2% in 2023-12" in text and "37.8%" in text and "−21.5%" in text


def test_ranking_says_which_releases_it_mixes(store):
    state = {"countries": CENTRAL_ASIA, "measure": "pct", "scale": "linear", "relative": None,
             "rank_year": 2023, "source": DEFAULT_SOURCE}
    _, _, info = ranking_block(state, "en")
    assert "This ranking mixes releases" in text_of(info)


def test_every_revised_indicator_has_its_short_name():
    from layouts.revisions import INDICATOR_KEYS

    assert set(INDICATOR_KEYS) == {indicator for indicator, _, _ in rev.REVISION_CELLS}
