"""The profile's table for the CSV: every number shown, with provenance; not reported marked."""
from __future__ import annotations

import math

import pandas as pd

from figures.country.headlines import profile_facts
from figures.country.table import profile_table


def test_profile_table_holds_every_shown_number_with_provenance(store):
    table = profile_table(store, "UZB")
    headlines = table[table["section"] == "headline"].set_index("key")
    for fact in profile_facts(store, "UZB"):
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
    table = profile_table(store, "TKM")
    row = table[(table["section"] == "headline") & (table["key"] == "remittances_received")].iloc[0]
    assert row["status"] == "not_reported" and math.isnan(row["value"])
