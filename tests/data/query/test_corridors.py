"""data/query/corridors.py: corridor queries and their default revision."""
from __future__ import annotations

import pytest


def test_corridors_default_to_the_newest_revision(store):
    frame = store.corridors("stock_total", origins=["UZB"], destinations=["RUS"])
    assert list(frame.columns) == ["origin", "destination", "year", "period", "value", "source"]
    assert set(frame["source"]) == {"undesa_ims_2024"}
    assert frame.set_index("year").loc[2020, "value"] == 871154
    older = store.corridors("stock_total", origins=["UZB"], destinations=["RUS"], year=2020, source="undesa_ims_2020")
    assert older["value"].tolist() == [1146175]
    assert store.corridors("stock_total", origins=["UZB"], year=2017).empty  # 2017 is KNOMAD's, not the default
    assert store.corridors("stock_total", origins=["UZB"], destinations=["RUS"], year=2017,
                           source="knomad_stock_2017")["value"].tolist() == [1147613]


def test_corridors_filter_by_destination_year_and_measure(store):
    to_kaz = store.corridors(destinations=["KAZ"], year=2024)
    assert set(to_kaz["destination"]) == {"KAZ"} and set(to_kaz["year"]) == {2024}
    assert to_kaz.set_index("origin").loc["UZB", "value"] == 744161
    costs = store.corridors("cost_pct", origins=["TJK"], destinations=["RUS"], year=2013)
    assert costs["period"].tolist() == ["2013Q1", "2013Q2", "2013Q3", "2013Q4"]
    assert set(costs["source"]) == {"rpw_2020_12"}
    money = store.corridors("remittances_usd", destinations=["RUS"], origins=["UZB"])
    assert money["value"].tolist() == [pytest.approx(9197.5e6, abs=0.05e6)]  # the 2021 matrix by default
    older = store.corridors("remittances_usd", destinations=["RUS"], origins=["UZB"], source="knomad_bilateral_2017")
    assert older["value"].tolist() == [pytest.approx(2838.7e6, abs=0.05e6)]
    fms = store.corridors("citizens_present")
    assert fms.set_index("origin")["value"].to_dict() == {"KAZ": 6e5, "KGZ": 6e5, "TJK": 1.2e6, "UZB": 3e6}
    assert store.corridor_sources("stock_total") == ["undesa_ims_2024", "undesa_ims_2020", "knomad_stock_2017"]
    assert store.corridor_sources("cost_pct") == ["rpw_2020_12", "rpw_2025_q1_derived"]
