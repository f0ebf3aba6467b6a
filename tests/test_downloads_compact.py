"""The indicator CSVs are written from the store's rows (codes as categories), not from indicators.csv read again
in each process: byte for byte the CSV written from the file read as plain text, in both languages."""
from __future__ import annotations

import pandas as pd
import pytest

from embed import downloads

# Many sources and countries, a derived one, an estimate, a small one.
INDICATORS = ("SM.POP.TOTL", "BX.TRF.PWKR.DT.GD.ZS", "CAMR.EMIG.TOTL", "SI.RMT.COST.OB.ZS", "CAMR.RUB.DEPR")


def _plain_rows(indicator: str) -> pd.DataFrame:
    table = pd.read_csv(downloads.get_store().curated_dir / "indicators.csv")
    return table[table["indicator"] == indicator]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("indicator", INDICATORS)
def test_indicator_csv_is_unchanged(monkeypatch, indicator, lang):
    compact = downloads.indicator_csv(indicator, lang)
    monkeypatch.setattr(downloads, "_indicator_rows", _plain_rows)
    assert compact == downloads.indicator_csv(indicator, lang)


def test_indicators_csv_is_not_read_again(monkeypatch):
    """The store holds every row already: a download reads no file (indicators.csv read again with its codes as
    categories was ~2.5 MB kept in every worker)."""
    def boom(*args, **kwargs):
        raise AssertionError("indicators.csv read again")

    monkeypatch.setattr(pd, "read_csv", boom)
    rows = downloads._indicator_rows("SI.RMT.COST.OB.ZS")
    assert list(rows.columns) == ["iso3", "year", "indicator", "value", "source"] and len(rows) > 100
    assert downloads.indicator_csv("CAMR.RUB.DEPR", "ru").startswith(b"iso3,country,year,indicator,")
    assert not hasattr(downloads, "_indicators_table")


def test_the_store_rows_are_every_row_of_the_file_in_order_and_a_copy():
    store = downloads.get_store()
    plain = pd.read_csv(store.curated_dir / "indicators.csv")
    for indicator in INDICATORS:
        rows = store.all_rows(indicator)
        expected = plain[plain["indicator"] == indicator].drop(columns="indicator").reset_index(drop=True)
        assert list(rows.columns) == list(expected.columns), indicator
        assert rows.astype(object).values.tolist() == expected.astype(object).values.tolist(), indicator
    rows = store.all_rows("CAMR.RUB.DEPR")
    rows["value"] = 0.0
    assert (store.all_rows("CAMR.RUB.DEPR")["value"] != 0.0).any()
