"""Table alternatives of the charts: their rows and columns, and what their cache keys share."""
from __future__ import annotations

from layouts.remittances.tables import data_table, table_key
from tests.layouts.remittances.support import state
from tests.support.components import text_of, walk


def test_trend_table_has_a_not_reported_column_for_turkmenistan():
    table = data_table("trend", state(), "en")
    text = text_of(table)
    assert "Turkmenistan" in text and "Not reported" in text
    header = [c.children for c in walk(table) if type(c).__name__ == "Th"]
    assert header == ["Year", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Turkmenistan"]


def test_table_keys_share_what_does_not_matter():
    a, b = state("?measure=usd&rank_year=2019"), state("?measure=pct&rank_year=2021")
    assert table_key("outflow", a) == table_key("outflow", b)  # Russia's outflows: no measure, no year
    assert table_key("cost", a) == table_key("cost", b)
    assert table_key("economy", a) == table_key("economy", state("?countries=WLD&source=wdi_2023_05")) \
        == (None,) * 5  # Russia's economy depends on nothing the user chooses
    assert table_key("trend", a) != table_key("trend", b)
    assert table_key("ranking", a) != table_key("ranking", b)


def test_economy_table_is_years_down_with_signed_values():
    table = data_table("economy", state(), "en")
    header = [c.children for c in walk(table) if type(c).__name__ == "Th"]
    assert header == ["Year", "Real GDP growth (%)", "Rouble depreciation against the US$ (log points)"]
    rows = {row[0]: row[1:] for row in ([c.children for c in walk(tr) if type(c).__name__ == "Td"]
                                        for tr in walk(table) if type(tr).__name__ == "Tr") if row}
    # The rouble in log points (100 × Δln), not per cent.
    assert rows["2015"] == ["−1.97%", "+46.2 log points"] and rows["2009"] == ["−7.80%", "+24.5 log points"]
    assert rows["2017"] == ["+1.83%", "−13.9 log points"] and set(rows) == {str(year) for year in range(2009, 2025)}
