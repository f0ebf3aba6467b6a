"""data/query/metadata.py: indicators' and sources' metadata, citations."""
from __future__ import annotations

import pytest


def test_metadata_accessors(store):
    meta = store.indicator_meta("BX.TRF.PWKR.DT.GD.ZS")
    assert meta["unit"] == "%" and meta["name_en"] == "Personal remittances, received (% of GDP)"
    assert meta["source_priority"] == ("wdi_ddf_2026", "wdi_panel_2025", "wdi_2023_05", "wdi_2025_02_derived")
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


def test_indicator_meta_is_one_read_only_mapping_per_language(store):
    """Built once per language and shared by every caller (it was deep-copied on every call): read only, so that a
    caller that changed it would fail here and in its own tests rather than change it for the others; nothing
    changeable inside it either."""
    for table in ("indicators", "corridors"):
        for indicator in store.indicators(table)["indicator"]:
            for lang in ("en", "ru"):
                meta = store.indicator_meta(indicator, lang)
                assert store.indicator_meta(indicator, lang) is meta
                assert isinstance(meta["source_priority"], tuple)
                assert not [key for key, value in meta.items() if isinstance(value, (list, dict, set))], indicator
    meta = store.indicator_meta("SM.POP.TOTL", "ru")
    with pytest.raises(TypeError):
        meta["name"] = "changed"
    with pytest.raises(AttributeError):
        meta["source_priority"].append("changed")
    assert dict(meta) == {**meta} and meta["name"] == "Численность международных мигрантов, всего"
