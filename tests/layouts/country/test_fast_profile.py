"""The cheap profile build (plain figure dicts, per-country lookups computed once for all countries) shows exactly
what the plain path (go.Figure, each lookup filtered out of the whole table) shows, in both languages."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from plotly.utils import PlotlyJSONEncoder

from figures import country as facts
from figures import revisions as rev
from layouts.country import page
from layouts.country.keys import TREND_KEYS
from i18n import t

# Target and other countries, one not reporting remittances (TKM), an aggregate (WLD), a host with many corridors.
SAMPLE = ("UZB", "TKM", "FRA", "IND", "DEU", "BRA", "NGA", "WLD")


def _json(component) -> dict:
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def _reference_page(monkeypatch, iso3: str, lang: str) -> dict:
    with monkeypatch.context() as patch:
        patch.setattr(facts, "trend_figure",  # the reference writes its own value texts
                      lambda *a, value_texts=None, **k: facts.trend_figure_reference(*a, **k))
        patch.setattr(rev, "revisions", rev.revisions_reference)
        patch.setattr(facts, "clean_series", facts._clean_series_of)
        patch.setattr(facts, "top_corridors", facts._top_corridors_of)
        return _json(page.profile.__wrapped__(iso3, lang))


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("iso3", SAMPLE)
def test_profile_page_is_unchanged(monkeypatch, iso3, lang):
    assert _json(page.profile.__wrapped__(iso3, lang)) == _reference_page(monkeypatch, iso3, lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("iso3", SAMPLE)
def test_trend_dicts_equal_the_validated_figures(store, iso3, lang):
    for key, indicator in facts.TRENDS:
        series = facts.shown_series(store, indicator, iso3)
        unit = store.indicator_meta(indicator)["unit"]
        names = {source: f"name of {source}" for source in series["source"].unique()}
        args = dict(unit=unit, name=t(TREND_KEYS[key], lang), lang=lang, source_names=names, iso3=iso3)
        assert facts.trend_figure(series, **args) == facts.trend_figure_reference(series, **args).to_plotly_json()


@pytest.mark.parametrize("iso3", SAMPLE)
def test_lookups_equal_the_filtered_tables(store, iso3):
    for _, indicator in facts.HEADLINES + facts.TRENDS:
        pd.testing.assert_frame_equal(facts.clean_series(store, indicator, iso3),
                                      facts._clean_series_of(store, indicator, iso3))
    for direction in ("out", "in"):
        fast, reference = facts.top_corridors(store, iso3, direction), facts._top_corridors_of(store, iso3, direction)
        assert fast.to_dict("records") == reference.to_dict("records")
    rank = facts.remittance_rank(store, iso3)
    if rank is not None:
        ranking = store.ranking(facts.RANK_INDICATOR, rank.year).set_index("iso3")
        assert (rank.rank, rank.of, rank.value) == (ranking.at[iso3, "rank"], len(ranking), ranking.at[iso3, "value"])


def test_revision_index_equals_the_cell_by_cell_reference(store):
    from figures import revisions as rev

    codes = list(store.countries(kind=None)["iso3"])
    assert rev.revisions(store, codes) == rev.revisions_reference(store, codes)
    assert rev.revisions(store, ["UZB", "TJK", "KAZ"])  # the sample is not empty
