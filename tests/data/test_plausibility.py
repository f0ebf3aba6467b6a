"""data/plausibility.py and the build's guards against wrong magnitudes and lost rows. Each rule is tried on a small
frame that carries raw-file origins (fast), and end to end on a faulty raw file (refused, curated unchanged)."""
from __future__ import annotations

import pandas as pd
import pytest

from data import catalog, plausibility
from data.build.run import check_coverage, check_lost_rows, main
from data.validate.errors import DataValidationError

NO_EXCEPTIONS = pd.DataFrame(columns=plausibility.EXCEPTION_COLUMNS)


def frame(rows, id_column="indicator"):
    """rows: (id, iso3|origin, year, value, source[, destination]); origin = a fake raw cell per row."""
    records = []
    for number, row in enumerate(rows, start=2):
        record = dict(zip([id_column, "iso3" if id_column == "indicator" else "origin", "year", "value", "source"], row))
        if id_column == "measure":
            record["destination"] = row[5]
            record["period"] = str(row[2])
        record.update(raw_file=f"raw/{record['source']}.csv", raw_row=number, raw_column=str(row[2]))
        records.append(record)
    return pd.DataFrame(records)


def test_share_of_gdp_above_100_is_refused_naming_the_raw_cell():
    rows = frame([("BX.TRF.PWKR.DT.GD.ZS", "TJK", 2021, 33.4, "wdi_2023_05"),
                  ("BX.TRF.PWKR.DT.GD.ZS", "TJK", 2022, 49895.0, "wdi_2023_05")])  # ×1000
    with pytest.raises(DataValidationError, match=r"raw/wdi_2023_05.csv, row 3, column '2022': 49895 is above the "
                                                  r"maximum for BX.TRF.PWKR.DT.GD.ZS"):
        plausibility.check_range(rows, "indicator", NO_EXCEPTIONS)


def test_a_reviewed_exception_lets_a_real_value_through():
    rows = frame([("BX.TRF.PWKR.DT.GD.ZS", "LSO", 1982, 232.2, "wdi_2023_05")])
    plausibility.check_range(rows, "indicator", plausibility.read_exceptions())  # Lesotho's, with its reason


def test_tenfold_jump_in_time_is_refused():
    rows = frame([("BX.TRF.PWKR.CD.DT", "TJK", year, value, "wdi_2025_07")
                  for year, value in ((2021, 2.9e9), (2022, 5.3e12), (2023, 4.6e9))])
    with pytest.raises(DataValidationError, match=r"row 3, column '2022': 5300000000000 is more than 10× away from "
                                                  r"its neighbours in time"):
        plausibility.check_time_jumps(rows, "indicator", NO_EXCEPTIONS)


def test_tenfold_difference_between_releases_of_one_cell_is_refused():
    rows = frame([("BX.TRF.PWKR.CD.DT", "UZB", 2022, 15.5e9, "wdi_2025_07"),
                  ("BX.TRF.PWKR.CD.DT", "UZB", 2022, 16.7e9, "wdi_2025_02"),
                  ("BX.TRF.PWKR.CD.DT", "UZB", 2022, 16.7e12, "wdi_ddf_2026")])
    with pytest.raises(DataValidationError, match=r"raw/wdi_ddf_2026.csv, row 4, column '2022': 16700000000000 "
                                                  r"\(wdi_ddf_2026\) is more than 10× away from the same cell"):
        plausibility.check_release_jumps(rows, "indicator", NO_EXCEPTIONS)


def test_bilateral_stock_above_the_destination_total_or_origin_population_is_refused():
    corridors = frame([("stock_total", "UZB", 2020, 871154e3, "undesa_ims_2024", "RUS")], "measure")
    indicators = frame([("SM.POP.TOTL", "RUS", 2020, 7297611, "undesa_ims_2024"),
                        ("SP.POP.TOTL", "UZB", 2020, 34e6, "wdi_pop_datahub")])
    with pytest.raises(DataValidationError, match=r"raw/undesa_ims_2024.csv, row 2, column '2020': 871154000 people "
                                                  r"born in UZB living in RUS in 2020 is more than all immigrants"):
        plausibility.check_stocks(corridors, indicators, NO_EXCEPTIONS)
    indicators = indicators[indicators["indicator"] == "SP.POP.TOTL"]
    with pytest.raises(DataValidationError, match=r"is more than UZB's whole population \(34000000\)"):
        plausibility.check_stocks(corridors, indicators, NO_EXCEPTIONS)


def test_exceptions_need_a_known_rule_and_a_reason(tmp_path):
    path = tmp_path / "exceptions.csv"
    path.write_text(",".join(plausibility.EXCEPTION_COLUMNS) + "\njump,SM.POP.REFG,*,ALB,,1997,1997,\n",
                    encoding="utf-8")
    with pytest.raises(DataValidationError, match="row 2, column 'reason': an exception needs its reason"):
        plausibility.read_exceptions(path)
    committed = plausibility.read_exceptions()
    assert committed["reason"].str.len().min() > 20


def test_every_exception_is_used_and_says_what_the_figure_is(tables):
    """An exception that no longer covers a flagged value would only hide a future slip in the same cell; and each
    reason names the figure and its raw row, not a generic 'reviewed' line."""
    exceptions = plausibility.read_exceptions()
    flagged = plausibility.flagged_rows(tables["indicators"], tables["corridors"])
    assert plausibility.unused_exceptions(exceptions, flagged).empty
    stale = exceptions.iloc[[0]].assign(iso3="KAZ")  # Kazakhstan's shares are all plausible
    assert len(plausibility.unused_exceptions(stale, flagged)) == 1
    assert exceptions["reason"].str.contains(r"row \d", regex=True).all()
    assert not exceptions["reason"].str.contains("Reviewed 20").any()
    assert exceptions["reason"].is_unique


def test_raw_file_that_lost_rows_the_committed_data_has_is_refused(tmp_path):
    out = tmp_path / "curated"
    out.mkdir()
    (out / "corridors.csv").write_text("origin,destination,year,period,measure,value,source\n"
                                       "TJK,RUS,2021,2021,remittances_usd,2306794911,knomad_bilateral_2021\n"
                                       "UZB,RUS,2021,2021,remittances_usd,9197526465,knomad_bilateral_2021\n",
                                       encoding="utf-8")
    new = pd.DataFrame({"origin": ["UZB"], "destination": ["RUS"], "year": [2021], "period": ["2021"],
                        "measure": ["remittances_usd"], "value": [9197526465.0], "source": ["knomad_bilateral_2021"]})
    with pytest.raises(DataValidationError, match=r"bilateral_remittance_matrix_2021_0.xlsx: 1 row\(s\) of "
                                                  r"knomad_bilateral_2021 .* missing from the raw file, e\.g\. "
                                                  r"measure=remittances_usd, origin=TJK, destination=RUS"):
        check_lost_rows({"corridors": new}, out, catalog.RAW_DIR)


def test_expected_coverage_names_the_raw_file(tables):
    t = dict(tables)
    t["corridors"] = tables["corridors"][~((tables["corridors"]["origin"] == "TJK")
                                           & (tables["corridors"]["source"] == "knomad_bilateral_2021"))]
    with pytest.raises(DataValidationError, match=r"bilateral_remittance_matrix_2021_0.xlsx: expected coverage "
                                                  r"missing: remittances_usd TJK→RUS 2021"):
        check_coverage(t, catalog.RAW_DIR)


def test_faulty_raw_file_end_to_end_is_refused_and_curated_unchanged(raw_copy, curated_copy, snapshot, capsys):
    # A bilateral stock ×1000 (UN DESA, Uzbekistan-born in Russia, 2020).
    path = raw_copy / catalog.UNDESA_2024_BILATERAL
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    row = next(i for i, line in enumerate(lines) if line.startswith("RUS,UZB,2020,"))
    cells = lines[row].split(",")
    for column in ("total", "male", "female"):
        cells[header.index(column)] = str(int(float(cells[header.index(column)])) * 1000)
    lines[row] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(curated_copy)
    assert main(["--raw-dir", str(raw_copy), "--out-dir", str(curated_copy)]) == 1
    message = capsys.readouterr().err.strip()
    assert snapshot(curated_copy) == before
    assert f"UNDESA_IMS2024_bilateral_stock_target_countries_1990-2024.csv, row {row + 1}, column '" in message
    assert "a unit slip?" in message


def test_share_of_gdp_times_1000_in_a_raw_file_is_refused(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.WDI_DDF_EXTRACT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("BX.TRF.PWKR.DT.GD.ZS,TJK,2022,49.8953124537",
                                 "BX.TRF.PWKR.DT.GD.ZS,TJK,2022,49895.3124537"), encoding="utf-8")
    before = snapshot(curated_copy)
    assert main(["--raw-dir", str(raw_copy), "--out-dir", str(curated_copy)]) == 1
    message = capsys.readouterr().err.strip()
    assert snapshot(curated_copy) == before
    assert message.endswith("wdi_remittances_KAZ_KGZ_TJK_UZB_TKM_RUS_ddf-0f0d0962.csv, row 115, column 'value': "
                            "49895.3124537 is above the maximum for BX.TRF.PWKR.DT.GD.ZS")


def test_a_corridor_deleted_from_a_raw_file_is_refused(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.KNOMAD_BILATERAL_REMITTANCES
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(line for line in lines if not line.startswith("Russian Federation,RUS,Uzbekistan,")),
                    encoding="utf-8")
    before = snapshot(curated_copy)
    assert main(["--raw-dir", str(raw_copy), "--out-dir", str(curated_copy)]) == 1
    message = capsys.readouterr().err.strip()
    assert snapshot(curated_copy) == before
    assert "WB_KNOMAD_bilateral_remittance_estimates_2017_Apr2018.csv" in message
    assert "remittances_usd UZB→RUS 2017" in message
