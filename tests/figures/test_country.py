"""Country profile builders: every figure equals the curated value, missing stays missing."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from figures import country as facts

PROFILES = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "AZE", "TUR", "IRN", "PAK", "XKX")


def latest_in_store(store, indicator: str, iso3: str):
    """The latest non-empty (year, value, source) of the default series, read straight from the store."""
    series = store.series(indicator, iso3s=[iso3]).dropna(subset=["value"])
    if series.empty:
        return None
    last = series.sort_values("year").iloc[-1]
    return int(last["year"]), float(last["value"]), last["source"]


@pytest.mark.parametrize("iso3", PROFILES)
def test_every_headline_is_the_latest_curated_value_with_its_year_and_source(store, iso3):
    shown = facts.profile_facts(store, iso3)
    assert [fact.key for fact in shown] == [key for key, _ in facts.HEADLINES]
    for fact in shown:
        if fact.not_reported:
            continue
        expected = latest_in_store(store, fact.indicator, iso3)
        if expected is None:
            assert fact.missing and fact.year is None and fact.source is None, fact
        else:
            assert (fact.year, fact.value, fact.source) == expected, fact
            assert fact.unit == store.indicator_meta(fact.indicator)["unit"]


def test_known_values_from_the_provenance_checks(store):
    by_key = {fact.key: fact for fact in facts.profile_facts(store, "TJK")}
    assert by_key["population"].year == 2024 and by_key["population"].value == 10_590_927
    assert by_key["net_migration"].year == 2023 and by_key["net_migration"].value == -19_999  # negative stays negative
    assert by_key["unemployment"].value == pytest.approx(11.546)


def test_missing_data_is_missing_not_zero(store):
    # Kosovo is in the World Bank data but not in UN DESA's migrant stock.
    by_key = {fact.key: fact for fact in facts.profile_facts(store, "XKX")}
    assert store.series("SM.POP.TOTL", iso3s=["XKX"]).empty
    assert by_key["immigrants"].missing and by_key["immigrants"].value is None
    assert not by_key["immigrants"].not_reported
    assert not by_key["population"].missing


def test_turkmenistan_remittances_received_are_not_reported(store):
    assert not store.series("BX.TRF.PWKR.CD.DT", iso3s=["TKM"]).empty  # the token WDI 2023-05 values exist…
    by_key = {fact.key: fact for fact in facts.profile_facts(store, "TKM")}
    for key in ("remittances_received", "remittances_gdp"):
        assert by_key[key].not_reported and by_key[key].value is None  # …but are not shown as a measured flow
    assert facts.shown_series(store, "BX.TRF.PWKR.CD.DT", "TKM").empty
    assert facts.remittance_rank(store, "TKM") is None
    assert not by_key["population"].not_reported


def test_rank_is_the_store_ranking_in_a_year_with_world_coverage(store):
    rank = facts.remittance_rank(store, "TJK")
    ranking = store.ranking(facts.RANK_INDICATOR, rank.year)
    row = ranking[ranking["iso3"] == "TJK"].iloc[0]
    assert (rank.rank, rank.value, rank.source, rank.of) == (int(row["rank"]), row["value"], row["source"],
                                                             len(ranking))
    assert rank.of > 100  # not 2024, where only a three-country panel has values
    assert rank.year in facts.rank_years(store)
    assert rank.rank <= 2  # Tajikistan: among the world's highest remittance shares (WDI)


def test_rank_missing_for_an_aggregate(store):
    assert facts.remittance_rank(store, "WLD") is None


@pytest.mark.parametrize("direction, column", [("out", "origin"), ("in", "destination")])
def test_top_corridors_are_the_largest_curated_stocks_of_the_latest_year(store, direction, column):
    top = facts.top_corridors(store, "UZB", direction)
    assert len(top) == facts.TOP_CORRIDORS
    assert (top[column] == "UZB").all() and (top["partner"] != "UZB").all()
    assert top["value"].is_monotonic_decreasing
    year = int(top["year"].iloc[0])
    kwargs = {"origins": ["UZB"]} if direction == "out" else {"destinations": ["UZB"]}
    rows = store.corridors("stock_total", year=year, **kwargs)
    assert year == int(store.corridors("stock_total", **kwargs)["year"].max())
    countries = set(store.countries()["iso3"])
    partner = "destination" if direction == "out" else "origin"
    rows = rows[rows[partner].isin(countries) & (rows[partner] != "UZB")]
    assert list(top["value"]) == list(rows.nlargest(facts.TOP_CORRIDORS, "value")["value"])
    assert "OOO" not in set(top["partner"])


def test_top_corridors_uzbekistan_to_russia_2024(store):
    top = facts.top_corridors(store, "UZB", "out")
    first = top.iloc[0]
    assert (first["destination"], int(first["year"]), first["value"]) == ("RUS", 2024, 778_041)


def test_memberships_and_index_groups(store):
    assert facts.memberships(store, "KAZ") == ["ca5", "almaty_member", "customs_union_2013", "main_destinations"]
    assert facts.memberships(store, "IRN") == ["almaty_observer"]
    assert facts.memberships(store, "DEU") == []
    groups = facts.index_groups(store)
    assert groups["ca5"] == store.group_members("ca5")
    named = {iso3 for group in facts.INDEX_GROUPS for iso3 in groups[group]}
    assert not named & set(groups["other"])
    assert named | set(groups["other"]) >= set(store.countries()["iso3"])


def test_key_figures_compare_with_the_curated_value_of_the_same_measure(store):
    comparisons = {c.figure["figure_id"]: c for c in facts.key_figure_comparisons(store, "TJK")}
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
    assert facts.key_figure_comparisons(store, "DEU") == []
    assert all(c.figure["country_iso3"] == "RUS" for c in facts.key_figure_comparisons(store, "RUS"))


def test_trend_figure_plots_the_curated_series_with_sources(store):
    series = facts.shown_series(store, "BX.TRF.PWKR.DT.GD.ZS", "KGZ")
    names = {source: f"name of {source}" for source in series["source"].unique()}
    figure = facts.trend_figure(series, unit="%", name="x", lang="en", source_names=names)
    trace = figure["data"][0]
    assert list(trace["x"]) == list(series["year"]) and list(trace["y"]) == list(series["value"])
    assert [row[1] for row in trace["customdata"]] == [names[s] for s in series["source"]]
    assert len(set(series["source"])) == 1  # one line, one vintage; each point still says which


def test_profile_table_holds_every_shown_number_with_provenance(store):
    table = facts.profile_table(store, "UZB")
    headlines = table[table["section"] == "headline"].set_index("key")
    for fact in facts.profile_facts(store, "UZB"):
        row = headlines.loc[fact.key]
        assert (row["value"] == fact.value) or (fact.missing and pd.isna(row["value"]))
        if not fact.missing:
            assert row["publisher"] == store.source_meta(fact.source)["publisher"]
            assert row["vintage"] == store.source_meta(fact.source)["vintage"]
    trend = table[(table["section"] == "trend") & (table["key"] == "emigrants")]
    assert list(trend["value"]) == list(store.series("CAMR.EMIG.TOTL", iso3s=["UZB"])["value"])
    assert set(table["section"]) >= {"headline", "world_rank", "trend", "corridors_out", "corridors_in"}
    assert table["licence"].notna().sum() == table["source"].notna().sum()


def test_profile_table_marks_not_reported(store):
    table = facts.profile_table(store, "TKM")
    row = table[(table["section"] == "headline") & (table["key"] == "remittances_received")].iloc[0]
    assert row["status"] == "not_reported" and math.isnan(row["value"])
