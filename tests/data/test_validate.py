"""data/validate/: raw-file faults stop the build with one located message and leave the curated files alone;
curated-file faults stop the load."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from data import catalog
from data.build.run import main, write_tables
from data.query import DataStore
from data.validate.curated import load_curated
from data.validate.errors import DataValidationError
from data.validate.read import read_csv_strict


# --- raw-file faults: python -m data.build ----------------------------------------------------------------------
def edit_line(path: Path, line_number: int, change) -> str:
    """Replace line `line_number` (1-based) of a file with change(line); returns the new line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line_number - 1] = change(lines[line_number - 1])
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines[line_number - 1]


def line_of(path: Path, prefix: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


def run_failing_build(raw_copy: Path, curated_copy: Path, snapshot, capsys) -> str:
    """Build from the broken raw copy: must fail with one clear line and leave the curated files unchanged."""
    before = snapshot(curated_copy)
    assert main(["--raw-dir", str(raw_copy), "--out-dir", str(curated_copy)]) == 1
    captured = capsys.readouterr()
    message = captured.err.strip()
    assert message.startswith("Build stopped, curated files unchanged: ")
    assert "\n" not in message and "Traceback" not in captured.err
    assert snapshot(curated_copy) == before
    assert not list(curated_copy.glob(".build-*"))
    return message


def test_truncated_file_names_file_row_and_column(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.WDI_2023_FILES["BX.TRF.PWKR.CD.DT"]
    text = path.read_text(encoding="utf-8")
    cut = text.index("\nTajikistan,")  # cut the file in the middle of Tajikistan's row
    path.write_text(text[:cut + 60], encoding="utf-8")
    row = text[:cut].count("\n") + 2
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert f"WDI_BX.TRF.PWKR.CD.DT_1960-2022_vintage2023-05-10.csv, row {row}, column '" in message
    assert "truncated" in message


def test_file_cut_inside_a_quoted_field_is_malformed(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.IOM_KEY_FIGURES
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index('"World Bank, Migration') + 10], encoding="utf-8")
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith("key_figures.csv, row 2, column 'cited_source': the file ends inside a quoted field: "
                            "it looks truncated")


def test_missing_column_names_it(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.WDI_2023_FILES["BM.TRF.PWKR.CD.DT"]
    edit_line(path, 1, lambda header: header.replace("Country Code", "Country"))
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith("WDI_BM.TRF.PWKR.CD.DT_1960-2022_vintage2023-05-10.csv, row 1, column 'Country Code': "
                            "required column is missing")


def test_duplicate_key_names_both_rows(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.WDI_REMIT_PANEL
    row = line_of(path, "TJK,Tajikistan,2013,")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(row + 1, lines[row - 1])  # the same (iso3c, year) again, two rows further down
    path.write_text("\n".join(lines), encoding="utf-8")
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith(f"row {row + 2}, column 'iso3c+year': duplicate key (iso3c=TJK, year=2013), "
                            f"already in row {row}")


def test_russia_values_that_disagree_across_panel_rows_are_named(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.WDI_REMIT_PANEL
    first = line_of(path, "KGZ,Kyrgyz Republic,2015,")
    row = line_of(path, "UZB,Uzbekistan,2015,")
    assert edit_line(path, row, lambda line: line.replace(",46.24", ",46.42")).endswith(",-1.97,46.42")
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith(f"WDI_remittances_pct_gdp_KGZ_TJK_UZB_2009-2024_panel.csv, row {row}, column "
                            f"'rub_depr': 46.42 for 2015 disagrees with 46.24 in row {first} (the value is "
                            "Russia's, the same on every row of a year)")


def test_russia_growth_below_minus_100_is_named(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.WDI_REMIT_PANEL
    rows = [line_of(path, f"{prefix},2009,") for prefix in ("KGZ,Kyrgyz Republic", "TJK,Tajikistan",
                                                            "UZB,Uzbekistan")]
    for row in rows:  # the same on every row, so only the bound can fail
        edit_line(path, row, lambda line: line.replace(",-7.8,", ",-107.8,"))
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith(f"row {rows[0]}, column 'rus_gdp_growth': -107.8 is below the minimum for "
                            "NY.GDP.MKTP.KD.ZG")


def test_unknown_country_code_is_named(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.UNDESA_2024_BILATERAL
    row = line_of(path, "RUS,UZB,2020,")
    edit_line(path, row, lambda line: line.replace("RUS,UZB,", "RUS,UZX,", 1))
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith(f"UNDESA_IMS2024_bilateral_stock_target_countries_1990-2024.csv, row {row}, "
                            "column 'origin_iso3': unknown country code 'UZX'")


def test_non_numeric_value_is_named(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.WDI_2023_FILES["BX.TRF.PWKR.DT.GD.ZS"]
    row = line_of(path, "Tajikistan,")
    header = path.read_text(encoding="utf-8").split("\n")[0].split(",")
    column = header.index("2013") + 1  # the indicator name holds one quoted comma
    edit_line(path, row, lambda line: ",".join(
        part if i != column else "4x.77" for i, part in enumerate(line.split(","))))
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith(f"row {row}, column '2013': '4x.77' is not a number")


def test_negative_stock_is_named_at_its_raw_cell(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.KNOMAD_BILATERAL_STOCKS
    row = line_of(path, "Uzbekistan,UZB,Russian Federation,RUS,")
    edit_line(path, row, lambda line: line.replace(",1147613.0000", ",-1147613.0000"))
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith(f"WB_KNOMAD_bilateral_migrant_stocks_2017.csv, row {row}, column 'migrants_2017': "
                            "-1147613 is below the minimum for stock_total")


def test_inconsistent_sex_breakdown_is_named(raw_copy, curated_copy, snapshot, capsys):
    path = raw_copy / catalog.UNDESA_2024_IMMIGRANTS
    row = line_of(path, "RUS,2020,")
    edit_line(path, row, lambda line: line.replace("RUS,2020,7297611,", "RUS,2020,7297612,"))
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith(f"row {row}, column 'total': total 7297612 is not male + female")


def test_missing_raw_file_is_named(raw_copy, curated_copy, snapshot, capsys):
    (raw_copy / catalog.WDI_REMIT_PANEL).unlink()
    message = run_failing_build(raw_copy, curated_copy, snapshot, capsys)
    assert message.endswith("WDI_remittances_pct_gdp_KGZ_TJK_UZB_2009-2024_panel.csv: file not found")


def test_invalid_new_tables_are_not_written(curated_copy, snapshot):
    """The last line of defence: what fails the load-time checks never replaces a curated file."""
    tables = {name: pd.read_csv(curated_copy / f"{name}.csv", dtype=str, keep_default_na=False)
              for name in ("indicators", "corridors", "meta_indicators", "meta_sources", "countries", "key_figures")}
    tables["indicators"].loc[5, "source"] = "no_such_source"
    before = snapshot(curated_copy)
    with pytest.raises(DataValidationError, match=r"indicators\.csv, row 7, column 'source': unknown source "
                                                  r"\(not in meta_sources\.csv\) 'no_such_source' \(in the newly "
                                                  r"built table; nothing was written\)"):
        write_tables(tables, curated_copy)
    assert snapshot(curated_copy) == before
    assert not list(curated_copy.glob(".build-*"))


# --- curated-file faults: DataStore / load_curated --------------------------------------------------------------
def break_cell(folder: Path, name: str, row: int, column: str, value: str) -> None:
    path = folder / f"{name}.csv"
    text = path.read_text(encoding="utf-8")
    if '"' in text:  # small metadata tables with quoted text: go through pandas
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        table.loc[row - 2, column] = value
        path.write_text(table.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
        return
    lines = text.split("\n")
    cells = lines[row - 1].split(",")
    cells[lines[0].split(",").index(column)] = value
    lines[row - 1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("name, column, value, problem", [
    ("indicators", "iso3", "XYZ", "unknown country code (not in countries.csv) 'XYZ'"),
    ("indicators", "indicator", "NOT.AN.ID", "unknown indicator (not in meta_indicators.csv) 'NOT.AN.ID'"),
    ("indicators", "source", "made_up", "unknown source (not in meta_sources.csv) 'made_up'"),
    ("indicators", "year", "1850", "year 1850 is outside"),
    ("indicators", "value", "lots", "'lots' is not a number"),
    ("indicators", "value", "", "value is missing"),
    ("corridors", "value", "-5", "-5 out of range for stock_total (must be >= 0)"),
    ("corridors", "period", "2013H1", "'2013H1' is not a year or quarter"),
    ("corridors", "destination", "UZB", "origin and destination are the same country"),
    ("meta_indicators", "unit", "furlongs", "unknown unit 'furlongs'"),
    ("meta_indicators", "source_priority", "wdi_2023_05;ghost", "unknown source 'ghost'"),
    ("countries", "kind", "planet", "unknown kind 'planet'"),
    ("key_figures", "compare_indicator", "NOT.AN.ID", "'NOT.AN.ID' is not an indicator of the named compare_table"),
])
def test_load_stops_at_an_invalid_curated_cell(curated_copy, name, column, value, problem):
    row = 2
    if name == "corridors" and column == "destination":
        row = line_of(curated_copy / "corridors.csv", "UZB,")
    break_cell(curated_copy, name, row, column, value)
    with pytest.raises(DataValidationError) as error:
        DataStore(curated_copy)
    assert f"{name}.csv, row {row}, column '{column}': " in str(error.value)
    assert problem in str(error.value)
    assert (error.value.row, error.value.column) == (row, column)


def test_load_stops_at_a_share_above_100(curated_copy):
    lines = (curated_copy / "indicators.csv").read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines, start=1) if ",CAMR.IMM.FE.ZS," in line)
    break_cell(curated_copy, "indicators", row, "value", "120")
    with pytest.raises(DataValidationError, match=rf"indicators\.csv, row {row}, column 'value': 120 out of "
                                                  r"range for CAMR\.IMM\.FE\.ZS \(must be <= 100\)"):
        load_curated(curated_copy)


def test_load_stops_at_a_duplicate_curated_row(curated_copy):
    path = curated_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(3, lines[1])
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"indicators\.csv, row 4, column 'iso3\+year\+indicator\+source': "
                                                  r"duplicate key \(iso3=ABW, year=1960, .*already in row 2"):
        DataStore(curated_copy)


def test_load_stops_at_a_truncated_curated_file(curated_copy):
    path = curated_copy / "corridors.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:len(text) // 2], encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"corridors\.csv, row \d+, column '\w+': .*truncated"):
        DataStore(curated_copy)


def test_load_stops_at_a_missing_curated_file(curated_copy):
    (curated_copy / "countries.csv").unlink()
    with pytest.raises(DataValidationError, match=r"countries\.csv: file not found"):
        DataStore(curated_copy)


def test_load_stops_at_unexpected_columns(curated_copy):
    path = curated_copy / "meta_sources.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("source,publisher,", "source,publisher_name,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"meta_sources\.csv, row 1, column 'publisher': required column "
                                                  r"is missing"):
        DataStore(curated_copy)


# --- the strict reader ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, message", [
    ("", r"row 1: the file is empty"),
    ("a,b\n", r"row 2: the file has a header but no data rows"),
    ("a,a\n1,2\n", r"row 1, column 'a': column name appears twice"),
    ("a,b,c\n1,2,3\n4,5\n", r"row 3, column 'c': row has 2 of 3 fields: the file is truncated or malformed"),
    ("a,b\n1,2,3\n", r"row 2: row has 3 fields, the header 2: malformed row"),
    ("a,b\n1,2\n3,4", r"row 3, column 'b': the file ends in the middle of a row"),
    ('a,b\n1,"x\n', r"row 2, column 'b': the file ends inside a quoted field: it looks truncated"),
    ('a,b\n1,"x"y\n', r"row 2, column 'b': malformed CSV"),
    ('a,b\n"1,2",3\n4\n', r"row 3, column 'b': row has 1 of 2 fields"),
])
def test_strict_reader_locates_structural_faults(tmp_path, text, message):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError, match=rf"t\.csv, {message}"):
        read_csv_strict(path)


def test_strict_reader_keeps_text_and_numbers_by_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('code,name,value\nTJK,"Tajikistan, Rep.",1.5\nUZB,,\n', encoding="utf-8")
    table = read_csv_strict(path, numbers=("value",))
    assert list(table.index) == [2, 3]
    assert table.loc[2, "name"] == "Tajikistan, Rep." and table.loc[3, "name"] == ""
    assert table.loc[2, "value"] == 1.5 and pd.isna(table.loc[3, "value"])
    path.write_text("code,value\nTJK,1.5\nUZB,n/a\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"row 3, column 'value': 'n/a' is not a number"):
        read_csv_strict(path, numbers=("value",))


def test_error_message_is_one_line_with_file_row_and_column():
    error = DataValidationError(Path("/somewhere/else/x.csv"), 7, "year", "year 1850 is outside 1950–2026")
    assert str(error) == "/somewhere/else/x.csv, row 7, column 'year': year 1850 is outside 1950–2026"
    assert re.fullmatch(r"[^\n]+", str(error))
