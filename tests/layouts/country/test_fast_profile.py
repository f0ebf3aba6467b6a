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


def test_compact_country_index_gives_every_country_the_frame_it_had_alone(store):
    """One frame per indicator and each country's slice of it (figures/country.CountryRows) gives every country, in
    every headline and trend indicator, the same frame as the per-country frames it replaced."""
    for _, indicator in facts.HEADLINES + facts.TRENDS:
        frame = store.series(indicator)
        frame = frame[frame["value"].notna()].sort_values(["iso3", "year"], kind="stable")
        alone = {str(iso3): rows.reset_index(drop=True) for iso3, rows in frame.groupby("iso3", sort=False)}
        index = facts._series_index(store, indicator)
        assert set(index.bounds) == set(alone)
        for iso3, rows in alone.items():
            pd.testing.assert_frame_equal(facts.clean_series(store, indicator, iso3), rows)
    assert facts.clean_series(store, facts.RANK_INDICATOR, "XXX").empty  # not in the index: the filtered table


@pytest.mark.parametrize("direction", ["out", "in"])
def test_compact_corridor_index_equals_the_filtered_table_for_every_country(store, direction):
    codes = sorted(facts.country_codes(store))
    found = [iso3 for iso3 in codes if iso3 in facts._corridor_index(store, direction, facts.TOP_CORRIDORS).bounds]
    assert len(found) > 100
    for iso3 in codes[::3] + found[::7]:  # a third of all countries, and some of those with corridors
        fast, reference = facts.top_corridors(store, iso3, direction), facts._top_corridors_of(store, iso3, direction)
        assert list(fast.columns) == facts.CORRIDOR_TABLE_COLUMNS
        assert fast.to_dict("records") == reference.to_dict("records")


def test_country_rows_refuse_a_frame_whose_countries_are_not_together():
    with pytest.raises(ValueError):
        facts.CountryRows.of(pd.DataFrame({"iso3": ["A", "B", "A"], "value": [1, 2, 3]}), "iso3")
    assert facts.CountryRows.of(pd.DataFrame({"iso3": [], "value": []}), "iso3").bounds == {}
