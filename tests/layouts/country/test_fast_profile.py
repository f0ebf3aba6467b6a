"""The cheap profile build (plain figure dicts, per-country lookups computed once for all countries) shows exactly
what the plain path (go.Figure, each lookup filtered out of the whole table) shows, in both languages."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from plotly.utils import PlotlyJSONEncoder

from figures.country import corridors as country_corridors
from figures.country import series as country_series
from figures.country import trends as country_trends
from figures.country.headlines import HEADLINES
from figures.country.rank import RANK_INDICATOR, remittance_rank
from figures import revisions as rev
from figures.plain import drawn_template
from layouts.country import page
from layouts.country.keys import TREND_KEYS
from i18n import t

# Target and other countries, one not reporting remittances (TKM), an aggregate (WLD), a host with many corridors.
SAMPLE = ("UZB", "TKM", "FRA", "IND", "DEU", "BRA", "NGA", "WLD")


def _json(component) -> dict:
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def _reference_trend(*args, **kwargs) -> dict:
    """The validated trend chart, its whole template cut to the one trace type it draws as `trend_figure` cuts it
    (figures/plain.drawn_template: plotly.js styles a trace from its own type's entries only; the pages'
    screenshots before and after the cut were the same pixels)."""
    return drawn_template(country_trends.trend_figure_reference(*args, **kwargs).to_plotly_json())


def _reference_page(monkeypatch, iso3: str, lang: str) -> dict:
    calls = dict.fromkeys(("trend", "series", "corridors"), 0)

    def counted(name, function):
        def call(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return call

    with monkeypatch.context() as patch:
        patch.setattr(country_trends, "trend_figure", counted("trend",  # the reference writes its own value texts
                      lambda *a, value_texts=None, **k: _reference_trend(*a, **k)))
        patch.setattr(rev, "revisions", rev.revisions_reference)
        patch.setattr(country_series, "clean_series", counted("series", country_series._clean_series_of))
        patch.setattr(country_series, "clean_rows", counted("series", country_series._clean_rows_of))
        patch.setattr(country_corridors, "top_corridors", counted("corridors", country_corridors._top_corridors_of))
        patch.setattr(country_corridors, "top_corridor_rows",
                      counted("corridors", country_corridors._top_corridor_rows_of))
        page_json = _json(page.profile.__wrapped__(iso3, lang))
    assert all(calls.values()), calls  # the page was built through the references
    return page_json


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("iso3", SAMPLE)
def test_profile_page_is_unchanged(monkeypatch, iso3, lang):
    assert _json(page.profile.__wrapped__(iso3, lang)) == _reference_page(monkeypatch, iso3, lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("iso3", SAMPLE)
def test_trend_dicts_equal_the_validated_figures(store, iso3, lang):
    for key, indicator in country_trends.TRENDS:
        series = country_series.shown_series(store, indicator, iso3)
        unit = store.indicator_meta(indicator)["unit"]
        names = {source: f"name of {source}" for source in series["source"].unique()}
        args = dict(unit=unit, name=t(TREND_KEYS[key], lang), lang=lang, source_names=names, iso3=iso3)
        assert country_trends.trend_figure(series, **args) == _reference_trend(series, **args)


@pytest.mark.parametrize("iso3", SAMPLE)
def test_lookups_equal_the_filtered_tables(store, iso3):
    for _, indicator in HEADLINES + country_trends.TRENDS:
        pd.testing.assert_frame_equal(country_series.clean_series(store, indicator, iso3),
                                      country_series._clean_series_of(store, indicator, iso3))
    for direction in ("out", "in"):
        fast = country_corridors.top_corridors(store, iso3, direction)
        reference = country_corridors._top_corridors_of(store, iso3, direction)
        assert fast.to_dict("records") == reference.to_dict("records")
    rank = remittance_rank(store, iso3)
    if rank is not None:
        ranking = store.ranking(RANK_INDICATOR, rank.year).set_index("iso3")
        assert (rank.rank, rank.of, rank.value) == (ranking.at[iso3, "rank"], len(ranking), ranking.at[iso3, "value"])


def test_revision_index_equals_the_cell_by_cell_reference(store):
    from figures import revisions as rev

    codes = list(store.countries(kind=None)["iso3"])
    assert rev.revisions(store, codes) == rev.revisions_reference(store, codes)
    assert rev.revisions(store, ["UZB", "TJK", "KAZ"])  # the sample is not empty


def test_compact_country_index_gives_every_country_the_frame_it_had_alone(store):
    """One frame per indicator and each country's slice of it (figures/country/series.CountryRows) gives every country, in
    every headline and trend indicator, the same frame as the per-country frames it replaced."""
    for _, indicator in HEADLINES + country_trends.TRENDS:
        frame = store.series(indicator)
        frame = frame[frame["value"].notna()].sort_values(["iso3", "year"], kind="stable")
        alone = {str(iso3): rows.reset_index(drop=True) for iso3, rows in frame.groupby("iso3", sort=False)}
        index = country_series._series_index(store, indicator)
        assert set(index.bounds) == set(alone)
        for iso3, rows in alone.items():
            pd.testing.assert_frame_equal(country_series.clean_series(store, indicator, iso3), rows)
    assert country_series.clean_series(store, RANK_INDICATOR, "XXX").empty  # not in the index: no rows


def test_series_of_countries_without_values_equal_the_filtered_tables(store):
    """A country with no value of an indicator gets the index's empty frame (not the whole table filtered): the same
    columns and types, for every code the store knows (aggregates too) and one it does not."""
    codes = [*store.countries(kind=None)["iso3"], "XXX"]
    for _, indicator in HEADLINES + country_trends.TRENDS:
        index = country_series._series_index(store, indicator)
        missing = [iso3 for iso3 in codes if iso3 not in index.bounds]
        assert missing
        for iso3 in missing:
            pd.testing.assert_frame_equal(country_series.clean_series(store, indicator, iso3),
                                          country_series._clean_series_of(store, indicator, iso3))


def test_plain_rows_equal_the_frames_for_every_country(store):
    """figures/country/series.SeriesRows (what the profile reads) holds each country's frame's years, values and
    sources as the frame's Python values, for every headline and trend indicator and every code; shown or not."""
    codes = [*store.countries(kind=None)["iso3"], "XXX"]
    for _, indicator in HEADLINES + country_trends.TRENDS:
        for iso3 in codes:
            rows = country_series.clean_rows(store, indicator, iso3)
            frame = country_series._clean_series_of(store, indicator, iso3)
            assert rows == country_series._clean_rows_of(store, indicator, iso3)
            assert (list(rows.years), list(rows.values), list(rows.sources)) == \
                (frame["year"].tolist(), frame["value"].tolist(), frame["source"].tolist())
            assert all(type(year) is int for year in rows.years) and all(type(v) is float for v in rows.values)
            assert rows.empty == frame.empty and rows["value"] == rows.values
            shown = country_series.shown_rows(store, indicator, iso3)
            assert shown == country_series.SeriesRows.of(country_series.shown_series(store, indicator, iso3))


@pytest.mark.parametrize("direction", ["out", "in"])
def test_corridor_rows_equal_the_filtered_table_for_every_country(store, direction):
    """The top corridors as plain rows (made once for all countries) are the filtered table's rows, in its order."""
    codes = [*store.countries(kind=None)["iso3"], "XXX"]
    for iso3 in codes:
        rows = country_corridors.top_corridor_rows(store, iso3, direction)
        reference = country_corridors._top_corridors_of(store, iso3, direction)
        assert rows == country_corridors._top_corridor_rows_of(store, iso3, direction)
        assert [row._asdict() for row in rows] == reference.to_dict("records")
    with pytest.raises(ValueError):
        country_corridors.top_corridor_rows(store, "UZB", "sideways")


@pytest.mark.parametrize("direction", ["out", "in"])
def test_compact_corridor_index_equals_the_filtered_table_for_every_country(store, direction):
    codes = sorted(country_corridors.country_codes(store))
    index = country_corridors._corridor_index(store, direction, country_corridors.TOP_CORRIDORS)
    found = [iso3 for iso3 in codes if iso3 in index.bounds]
    assert len(found) > 100
    for iso3 in codes[::3] + found[::7]:  # a third of all countries, and some of those with corridors
        fast = country_corridors.top_corridors(store, iso3, direction)
        reference = country_corridors._top_corridors_of(store, iso3, direction)
        assert list(fast.columns) == country_corridors.CORRIDOR_TABLE_COLUMNS
        assert fast.to_dict("records") == reference.to_dict("records")


def test_country_rows_refuse_a_frame_whose_countries_are_not_together():
    with pytest.raises(ValueError):
        country_series.CountryRows.of(pd.DataFrame({"iso3": ["A", "B", "A"], "value": [1, 2, 3]}), "iso3")
    assert country_series.CountryRows.of(pd.DataFrame({"iso3": [], "value": []}), "iso3").bounds == {}


def _router_answer(page_tree) -> dict:
    return {"multi": True, "response": {"page-content": {"children": page_tree}}}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("iso3", SAMPLE)
def test_router_answer_bytes_are_unchanged(monkeypatch, iso3, lang):
    """The profile's answer as the server writes it (serving/fast_json/answer.to_json_bytes: components written as bytes,
    the trend tables spliced in as written) is byte for byte the previous one: the page built through the references
    with Dash's own constructors, its trend tables as components, written by plotly's encoder (Dash's own)."""
    from plotly.io.json import to_json_plotly

    from layouts import common, made, pages
    from serving.fast_json.answer import to_json_bytes

    fast = to_json_bytes(_router_answer(pages.render(f"/country/{iso3}", f"?lang={lang}")))
    page.profile.cache_clear()
    with monkeypatch.context() as patch:
        patch.setattr(made, "_BUILD", lambda cls, *args, **props: cls(*args, **props))
        patch.setattr(country_trends, "trend_figure",
                      lambda *a, value_texts=None, **k: _reference_trend(*a, **k))
        patch.setattr(rev, "revisions", rev.revisions_reference)
        patch.setattr(country_series, "clean_series", country_series._clean_series_of)
        patch.setattr(country_series, "clean_rows", country_series._clean_rows_of)
        patch.setattr(country_corridors, "top_corridors", country_corridors._top_corridors_of)
        patch.setattr(country_corridors, "top_corridor_rows", country_corridors._top_corridor_rows_of)
        patch.setattr(common, "table_written",
                      lambda header, rows: to_json_plotly(common.table(list(header), rows)).encode())
        reference = to_json_plotly(_router_answer(pages.render(f"/country/{iso3}", f"?lang={lang}"))).encode()
    page.profile.cache_clear()
    assert b'"type":"Td"' in reference
    assert fast == reference
