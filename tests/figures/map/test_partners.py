"""figures/map/partners.py: a focus country's partners, looked up as a query finds them, and their shares."""
from __future__ import annotations

import pytest

from figures.map.partners import partner_values


def test_partners_of_immigrants_are_origins(store):
    partners = partner_values(store, "immigrants", 2024, "RUS")
    assert partners.index[0] == "UKR" or partners.iloc[0] == partners.max()
    assert "RUS" not in partners.index
    assert partners["TJK"] == 415_676


def test_partner_shares_are_of_the_published_total_not_of_the_partners_held(store):
    from figures.map.partners import partners

    usa = partners(store, "immigrants", 2024, "USA")  # bilateral data holds only a few corridors into the US
    total = store.values_for_map("SM.POP.TOTL", 2024, source="undesa_ims_2024").set_index("iso3")["value"]["USA"]
    assert usa.total == total
    assert usa.shares()["CHN"] == pytest.approx(100 * usa.values["CHN"] / total)
    assert usa.shares()["CHN"] < 10  # it was shown as 53.5% (China's share of the seven corridors held)
    assert usa.covered() < 20
    uzb = partners(store, "emigrants", 2024, "UZB")  # a Central Asian country: (almost) all of it is held
    assert uzb.covered() > 90


@pytest.mark.parametrize("key", ["emigrants", "immigrants_pct"])
def test_partners_looked_up_in_the_index_are_the_ones_a_query_finds(store, key):
    import pandas as pd

    from figures.map.partners import _partner_values_of

    for focus in ("UZB", "KAZ", "RUS", "TKM", "AFG", "USA", "DEU", "XXX"):
        for year in (1990, 2000, 2015, 2024, 1985):
            found, queried = partner_values(store, key, year, focus), _partner_values_of(store, key, year, focus)
            pd.testing.assert_series_equal(found, queried, check_exact=True)
