"""The largest corridors: the largest curated stocks of the latest year."""
from __future__ import annotations

import pytest

from figures.country.corridors import TOP_CORRIDORS, top_corridors


@pytest.mark.parametrize("direction, column", [("out", "origin"), ("in", "destination")])
def test_top_corridors_are_the_largest_curated_stocks_of_the_latest_year(store, direction, column):
    top = top_corridors(store, "UZB", direction)
    assert len(top) == TOP_CORRIDORS
    assert (top[column] == "UZB").all() and (top["partner"] != "UZB").all()
    assert top["value"].is_monotonic_decreasing
    year = int(top["year"].iloc[0])
    kwargs = {"origins": ["UZB"]} if direction == "out" else {"destinations": ["UZB"]}
    rows = store.corridors("stock_total", year=year, **kwargs)
    assert year == int(store.corridors("stock_total", **kwargs)["year"].max())
    countries = set(store.countries()["iso3"])
    partner = "destination" if direction == "out" else "origin"
    rows = rows[rows[partner].isin(countries) & (rows[partner] != "UZB")]
    assert list(top["value"]) == list(rows.nlargest(TOP_CORRIDORS, "value")["value"])
    assert "OOO" not in set(top["partner"])


def test_top_corridors_uzbekistan_to_russia_2024(store):
    top = top_corridors(store, "UZB", "out")
    first = top.iloc[0]
    assert (first["destination"], int(first["year"]), first["value"]) == ("RUS", 2024, 778_041)
