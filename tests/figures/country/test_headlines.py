"""The profile's headlines: every figure equals the latest curated value, missing stays missing."""
from __future__ import annotations

import pytest

from figures.country.headlines import HEADLINES, profile_facts
from figures.country.rank import remittance_rank
from figures.country.series import shown_series
from tests.figures.country.support import PROFILES, latest_in_store


@pytest.mark.parametrize("iso3", PROFILES)
def test_every_headline_is_the_latest_curated_value_with_its_year_and_source(store, iso3):
    shown = profile_facts(store, iso3)
    assert [fact.key for fact in shown] == [key for key, _ in HEADLINES]
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
    by_key = {fact.key: fact for fact in profile_facts(store, "TJK")}
    assert by_key["population"].year == 2024 and by_key["population"].value == 10_590_927
    assert by_key["net_migration"].year == 2023 and by_key["net_migration"].value == -19_999  # negative stays negative
    assert by_key["unemployment"].value == pytest.approx(11.546)


def test_missing_data_is_missing_not_zero(store):
    # Kosovo is in the World Bank data but not in UN DESA's migrant stock.
    by_key = {fact.key: fact for fact in profile_facts(store, "XKX")}
    assert store.series("SM.POP.TOTL", iso3s=["XKX"]).empty
    assert by_key["immigrants"].missing and by_key["immigrants"].value is None
    assert not by_key["immigrants"].not_reported
    assert not by_key["population"].missing


def test_turkmenistan_remittances_received_are_not_reported(store):
    assert not store.series("BX.TRF.PWKR.CD.DT", iso3s=["TKM"]).empty  # the token WDI 2023-05 values exist…
    by_key = {fact.key: fact for fact in profile_facts(store, "TKM")}
    for key in ("remittances_received", "remittances_gdp"):
        assert by_key[key].not_reported and by_key[key].value is None  # …but are not shown as a measured flow
    assert shown_series(store, "BX.TRF.PWKR.CD.DT", "TKM").empty
    assert remittance_rank(store, "TKM") is None
    assert not by_key["population"].not_reported
