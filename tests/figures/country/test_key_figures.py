"""The strategy's key figures beside the curated value of the same measure, only the country's."""
from __future__ import annotations

from figures.country.key_figures import key_figure_comparisons
from tests.figures.country.support import latest_in_store


def test_key_figures_compare_with_the_curated_value_of_the_same_measure(store):
    comparisons = {c.figure["figure_id"]: c for c in key_figure_comparisons(store, "TJK")}
    assert set(comparisons) == set(store.key_figures().query("country_iso3 == 'TJK'")["figure_id"])
    share = comparisons["rem_gdp_tjk_2013"]
    assert share.figure["value"] == 48.1
    series = store.series("BX.TRF.PWKR.DT.GD.ZS", iso3s=["TJK"]).set_index("year")
    assert share.then.year == 2013 and share.then.value == series.loc[2013, "value"]
    assert (share.latest.year, share.latest.value) == latest_in_store(store, "BX.TRF.PWKR.DT.GD.ZS", "TJK")[:2]
    fms = comparisons["fms_tjk_in_rus_2013"]  # a corridor comparison: UN DESA stock Tajikistan → Russia
    stock = store.corridors("stock_total", origins=["TJK"], destinations=["RUS"]).set_index("year")
    year = int(fms.figure["compare_year"])
    assert fms.then.value == stock.loc[year, "value"] and fms.then.indicator == "stock_total"
    assert fms.latest.year == int(stock.index.max())
    assert comparisons["labour_share_tjk"].then is None  # nothing to compare with: said so, not invented


def test_key_figures_only_of_the_country(store):
    assert key_figure_comparisons(store, "DEU") == []
    assert all(c.figure["country_iso3"] == "RUS" for c in key_figure_comparisons(store, "RUS"))
