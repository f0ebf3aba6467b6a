"""data/query/indexes.py: what the indexed lookups give equals the masks over whole frames."""
from __future__ import annotations

import pandas as pd


def test_other_segments_indexed_once_equal_those_found_from_the_whole_tables(store):
    """Found once per indicator for every country, then filtered: the same rows, order and types as computing
    them per request from the tables (what other_segments did before)."""
    for indicator in store.indicators()["indicator"]:
        codes = sorted(set(store.series(indicator)["iso3"]))
        for chosen in (None, [], codes[:3], codes[-4:], ["KAZ", "KGZ", "TJK", "TKM", "UZB", "WLD"], ["XXX"]):
            pd.testing.assert_frame_equal(store.other_segments(indicator, chosen),
                                          store._other_segments_of(indicator, chosen))
    segments = store.other_segments("BX.TRF.PWKR.DT.GD.ZS")
    segments.loc[:, "value"] = -1.0  # a copy: the index is not changed by a caller
    assert (store.other_segments("BX.TRF.PWKR.DT.GD.ZS")["value"] != -1.0).all()


def test_values_for_map_from_the_year_index_equal_the_masked_frame(store):
    """Every indicator, source and year (and years without data): the rows, order, index and types of the mask
    and sort over the whole frame."""
    for indicator in store.indicators()["indicator"]:
        for source in (None, *store.sources_for(indicator)):
            for year in (*store.years(indicator, source), 1900, 2024.0):
                pd.testing.assert_frame_equal(store.values_for_map(indicator, year, source),
                                              store.values_for_map_reference(indicator, year, source))


def test_series_from_the_country_index_equal_the_masked_frame(store):
    for indicator in store.indicators()["indicator"]:
        codes = sorted(set(store.series_reference(indicator)["iso3"]))
        for source in (None, *store.sources_for(indicator)[:3]):
            for chosen in (None, [], codes[:1], codes[::7], ["UZB", "KAZ", "WLD", "UZB", "XXX"], ("ECS",)):
                for start, end in ((None, None), (2000, None), (None, 2010), (2005, 2005), (2030, 1990)):
                    pd.testing.assert_frame_equal(store.series(indicator, chosen, source, start, end),
                                                  store.series_reference(indicator, chosen, source, start, end))
