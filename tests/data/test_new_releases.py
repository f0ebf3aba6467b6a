"""The World Bank releases added 2026-11-29: reference values read from the raw files, the per-series default rule
("one line, one vintage") on every default series, revisions side by side, and the manifest check."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from data import catalog
from data.query import DataStore
from data.validate.errors import DataValidationError
from data.validate.manifest import MANIFEST, verify_manifest


def value(tables, indicator, iso3, year, source):
    t = tables["indicators"]
    rows = t[(t["indicator"] == indicator) & (t["iso3"] == iso3) & (t["year"] == year) & (t["source"] == source)]
    assert len(rows) == 1, (indicator, iso3, year, source, len(rows))
    return float(rows["value"].iloc[0])


def corridor(tables, measure, origin, destination, period, source):
    t = tables["corridors"]
    rows = t[(t["measure"] == measure) & (t["origin"] == origin) & (t["destination"] == destination)
             & (t["period"] == period) & (t["source"] == source)]
    assert len(rows) == 1, (measure, origin, destination, period, source, len(rows))
    return float(rows["value"].iloc[0])


# Values as printed in the raw files (see data/raw/PROVENANCE.md, "Added 2026-11-29").
@pytest.mark.parametrize("indicator,iso3,year,source,expected", [
    ("BX.TRF.PWKR.CD.DT", "UZB", 2022, "wdi_2025_07", 15512123643.7),   # revised down from 16.7 bn
    ("BX.TRF.PWKR.CD.DT", "TJK", 2024, "wdi_2025_07", 6801890973.5),
    ("BX.TRF.PWKR.CD.DT", "KAZ", 2024, "wdi_2025_07", 240391763.1),
    ("BX.TRF.PWKR.DT.GD.ZS", "TJK", 2022, "wdi_ddf_2026", 49.895),
    ("BX.TRF.PWKR.DT.GD.ZS", "TJK", 2023, "wdi_ddf_2026", 37.84),
    ("BX.TRF.PWKR.DT.GD.ZS", "TJK", 2024, "wdi_ddf_2026", 47.89),
    ("BX.TRF.PWKR.DT.GD.ZS", "UZB", 2024, "wdi_ddf_2026", 14.42),
    ("BX.TRF.PWKR.CD.DT", "KGZ", 2024, "wdi_ddf_2026", 3.10e9),
    ("BX.TRF.PWKR.CD.DT", "UZB", 2022, "knomad_data360_2025_12", 16735.66e6),
    ("BX.TRF.PWKR.CD.DT", "TJK", 2023, "knomad_data360_2025_12", 4633.75e6),
    ("BM.TRF.PWKR.CD.DT", "RUS", 2023, "knomad_data360_2025_12_estimate", 7422.48e6),
    ("BM.TRF.PWKR.CD.DT", "TJK", 2023, "knomad_data360_2025_12_estimate", 314.83e6),
    ("BX.TRF.PWKR.CD.DT", "TJK", 2022, "knomad_2023_12", 5345.55e6),
    ("BX.TRF.PWKR.CD.DT", "TJK", 2023, "knomad_2023_12_estimate", 5700e6),
    ("BX.TRF.PWKR.DT.GD.ZS", "TJK", 2023, "knomad_2023_12_estimate", 48.24),
    ("BX.TRF.PWKR.DT.GD.ZS", "UZB", 2023, "knomad_2023_12_estimate", 17.81),
    ("BX.TRF.PWKR.DT.GD.ZS", "KGZ", 2023, "knomad_2023_12_estimate", 20.50),
    ("BX.TRF.PWKR.CD.DT", "WLD", 2023, "knomad_2023_12_estimate", 860262.7e6),
    ("SM.POP.TOTL", "KAZ", 2020, "undesa_ims_2020_derived", 3732073),
    ("SM.POP.TOTL", "KAZ", 2020, "undesa_ims_2024", 1990268),
])
def test_reference_values_of_the_new_releases(tables, indicator, iso3, year, source, expected):
    assert value(tables, indicator, iso3, year, source) == pytest.approx(expected, rel=5e-4)


@pytest.mark.parametrize("origin,destination,period,source,expected", [
    ("UZB", "RUS", "2021", "knomad_bilateral_2021", 9197.5e6),
    ("TJK", "RUS", "2021", "knomad_bilateral_2021", 2306.8e6),
    ("KGZ", "RUS", "2021", "knomad_bilateral_2021", 2017.5e6),
    ("TJK", "KAZ", "2021", "knomad_bilateral_2021", 77.5e6),
    ("TJK", "RUS", "2021Q4", "rpw_2025_q1_derived", 2.13),
    ("UZB", "RUS", "2021Q4", "rpw_2025_q1_derived", 2.65),
    ("KGZ", "RUS", "2021Q4", "rpw_2025_q1_derived", 0.895),
])
def test_reference_corridors_of_the_new_releases(tables, origin, destination, period, source, expected):
    measure = "cost_pct" if source.startswith("rpw") else "remittances_usd"
    assert corridor(tables, measure, origin, destination, period, source) == pytest.approx(expected, abs=0.06e6
                                                                                           if expected > 1e3 else 0.005)


def test_data360_zeros_are_no_data_and_estimates_are_their_own_source(tables):
    t = tables["indicators"]
    data360 = t[t["source"].astype(str).str.startswith("knomad_data360")]
    assert (data360["value"] > 0).all()
    assert data360[(data360["iso3"] == "TKM")].empty  # TKM is 0.0 everywhere in Data360
    estimates = data360[data360["source"] == "knomad_data360_2025_12_estimate"]
    assert set(estimates["year"]) == {2023} and set(estimates["indicator"]) == {"BM.TRF.PWKR.CD.DT"}


def test_third_party_costs_equal_the_official_series_over_the_overlap(tables):
    t = tables["corridors"]
    cost = t[(t["measure"] == "cost_pct") & (t["destination"] == "RUS")]
    both = cost[cost["source"] == "rpw_2025_q1_derived"].merge(
        cost[cost["source"] == "rpw_2020_12"], on=["origin", "destination", "period"], suffixes=("", "_official"))
    assert len(both) > 50
    assert ((both["value"] - both["value_official"]).abs() <= catalog.RPW_MATCH_TOLERANCE).all()
    assert set(cost.loc[cost["source"] == "rpw_2025_q1_derived", "destination"]) == {"RUS"}


def test_aggregates_2024_of_the_july_2025_release_are_not_stored(tables):
    t = tables["indicators"]
    july = t[(t["source"] == "wdi_2025_07") & (t["year"] == 2024)]
    assert "AFE" not in set(july["iso3"]) and "TJK" in set(july["iso3"])


# --- one line, one vintage ---------------------------------------------------------------------------------
def test_every_default_series_comes_from_one_source(store):
    for indicator in store.indicators()["indicator"]:
        series = store.series(indicator)
        sources_per_country = series.groupby("iso3")["source"].nunique()
        assert (sources_per_country == 1).all(), (indicator, sources_per_country[sources_per_country > 1])
        priority = store.indicator_meta(indicator)["source_priority"]
        # and it is the first source in the priority that covers the country
        first = series.groupby("iso3")["source"].first()
        for iso3 in ("KAZ", "KGZ", "TJK", "UZB", "RUS", "MDA", "WLD"):
            if iso3 in first.index:
                covering = [s for s in priority if not store.series(indicator, [iso3], source=s).empty]
                assert first[iso3] == covering[0], (indicator, iso3)


def test_older_years_come_apart_labelled_with_their_release(store):
    # UZB's newest US$ release starts in 2005 (DDF); nothing older is joined onto it.
    line = store.series("BX.TRF.PWKR.CD.DT", ["UZB"])
    assert set(line["source"]) == {"wdi_ddf_2026"}
    segments = store.other_segments("BX.TRF.PWKR.CD.DT", ["UZB", "TJK", "KGZ"])
    merged = segments.merge(store.series("BX.TRF.PWKR.CD.DT", ["UZB", "TJK", "KGZ"]), on=["iso3", "year"])
    assert merged.empty  # a year is on the line or in a segment, never both
    assert "wdi_ddf_2026" not in set(segments["source"])


def test_revisions_of_a_cell_side_by_side(store):
    cell = store.cell_sources("BX.TRF.PWKR.DT.GD.ZS", "TJK", 2023).set_index("source")
    assert cell.loc["knomad_2023_12_estimate", "kind"] == "estimate"
    assert cell.loc["knomad_2023_12_estimate", "value"] == pytest.approx(48.24, abs=0.005)
    assert cell.loc["wdi_ddf_2026", "kind"] == "release"
    assert cell.loc["wdi_ddf_2026", "value"] == pytest.approx(37.84, abs=0.005)
    assert store.not_reported("BX.TRF.PWKR.CD.DT") == ("TKM",)
    assert store.not_reported("SM.POP.TOTL") == ()


# --- manifest ---------------------------------------------------------------------------------------------------
def test_build_writes_a_manifest_the_app_checks(built_dir, tmp_path):
    import json

    manifest = json.loads((built_dir / MANIFEST).read_text(encoding="utf-8"))
    rows = len(pd.read_csv(built_dir / "corridors.csv"))
    assert manifest["files"]["corridors.csv"]["rows"] == rows
    verify_manifest(built_dir)  # what the build wrote passes
    copy = tmp_path / "curated"
    shutil.copytree(built_dir, copy)
    path = copy / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",37.8445781946,", ",3784.45781946,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match="indicators.csv: this curated file was not written by the build"):
        verify_manifest(copy)
    (copy / MANIFEST).unlink()
    with pytest.raises(DataValidationError, match="manifest is missing"):
        verify_manifest(copy)


def test_app_refuses_an_edited_curated_file_with_one_sentence(built_dir, tmp_path):
    import os
    import subprocess
    import sys

    copy = tmp_path / "curated"
    shutil.copytree(built_dir, copy)
    path = copy / "corridors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",9197526465,", ",9197526465000,", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", "import app"], cwd=catalog.DATA_DIR.parent, capture_output=True,
                            text=True, env={**os.environ, "CAMR_CURATED_DIR": str(copy)}, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "corridors.csv: this curated file was not written by the build" in lines[0]


def test_key_figures_audit_fixes(tables):
    figures = tables["key_figures"].set_index("figure_id")
    for figure in ("labour_share_uzb", "labour_share_tjk", "labour_share_kgz"):
        assert pd.isna(figures.loc[figure, "year"])  # the strategy gives no year: none is invented
    assert figures.loc["aral_displaced_1996", "country_iso3"] == "CA5"  # the region's, not Uzbekistan's
    assert figures.loc["trafficking_labour_share", "statement"].endswith("(almost)")
    assert figures.loc["trafficking_male_share", "statement"].endswith("(roughly)")
    assert "Statistical Agency under the President" in figures.loc["wage_kaz_2011", "cited_source"]
    assert "Interstate Statistical Committee" in figures.loc["wage_kaz_2011", "cited_source"]
    assert figures.loc["poverty_2usd_2009", "value"] == 50 and figures.loc["poverty_2usd_2009", "year"] == 2009
    assert figures.loc["menial_work_share", "value"] == 50
    assert figures.loc["former_ussr_share_cis", "value"] == 90
    assert (figures["statement_ru"] != "").all()


def test_key_figures_page_says_totals_are_revised_too():
    from layouts import key_figures
    from tests.support.components import text_of

    text = text_of(key_figures.layout({"lang": "en", "topic": ()}, "en"))
    assert "Kazakhstan's immigrants in 2020 were 3,732,073 persons in Rev.2020 and are 1,990,268 persons" in text
