"""data/query/metadata.py: indicators' and sources' metadata, citations."""
from __future__ import annotations


def test_metadata_accessors(store):
    meta = store.indicator_meta("BX.TRF.PWKR.DT.GD.ZS")
    assert meta["unit"] == "%" and meta["name_en"] == "Personal remittances, received (% of GDP)"
    assert meta["source_priority"] == ["wdi_ddf_2026", "wdi_panel_2025", "wdi_2023_05", "wdi_2025_02_derived"]
    assert meta["value_min"] == 0.0 and meta["value_max"] is None
    assert "Turkmenistan" in meta["caveats"]
    assert store.indicator_meta("stock_total")["unit"] == "persons"
    source = store.source_meta("undesa_ims_2024")
    assert source["publisher"] == "United Nations, DESA, Population Division"
    assert source["licence"] == "CC BY 3.0 IGO" and source["vintage"] == "Rev.2024"
    assert source["raw_files"][0].startswith("un_desa_migrant_stock/")
    assert store.source_meta("wdi_2025_02_derived")["derived_from"] == ["wdi_2025_02"]
    citation = store.citation("knomad_2023_06")
    assert citation.startswith("World Bank-KNOMAD, June 2023.") and "CC BY 4.0" in citation
    assert list(store.indicators()["indicator"])[:2] == ["BX.TRF.PWKR.DT.GD.ZS", "BX.TRF.PWKR.CD.DT"]
    assert "stock_total" in set(store.indicators("corridors")["indicator"])
    assert "natural_earth_v4" in set(store.sources()["source"])
