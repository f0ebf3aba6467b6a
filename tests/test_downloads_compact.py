"""The indicator CSVs are written from a compact copy of indicators.csv (codes as categories) kept per process:
byte for byte the CSV written from the file read as plain text, in both languages."""
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
    compact = downloads.indicator_csv.__wrapped__(indicator, lang)
    monkeypatch.setattr(downloads, "_indicator_rows", _plain_rows)
    assert compact == downloads.indicator_csv.__wrapped__(indicator, lang)


def test_codes_are_kept_as_categories():
    table = downloads._indicators_table()
    assert all(isinstance(table[column].dtype, pd.CategoricalDtype) for column in downloads.CODE_COLUMNS)
