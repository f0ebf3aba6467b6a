"""data/refresh.py against a recorded World Bank API response and against a missing network (no network used)."""
from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path

import pytest
import requests
import wbgapi

from data import refresh
from data.query import DataStore

FIXTURE = Path(__file__).parent / "fixtures" / "wbgapi_fetch_rows.json"
DAY = date(2026, 1, 15)
SOURCE = "wdi_api_2026_01_15"
RAW_FILE = "worldbank_wdi/WDI_api_2026-01-15.csv"


@pytest.fixture
def recorded_rows() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["rows"]


def test_refresh_registers_the_api_file_as_the_newest_source(raw_copy, curated_copy, recorded_rows, snapshot):
    target, changed = refresh.refresh(raw_copy, curated_copy, day=DAY, fetch=lambda series: recorded_rows)
    assert target == raw_copy / RAW_FILE
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "iso3,indicator,year,value"
    assert len(lines) - 1 == sum(row["value"] is not None for row in recorded_rows)
    assert "TJK,BX.TRF.PWKR.DT.GD.ZS,2024,47.89" in lines
    assert set(changed) >= {"indicators.csv", "meta_sources.csv", "meta_indicators.csv"}

    store = DataStore(curated_copy)
    assert store.sources()["source"].iloc[0] == SOURCE
    assert store.source_meta(SOURCE)["raw_files"] == [RAW_FILE]
    assert store.indicator_meta("BX.TRF.PWKR.DT.GD.ZS")["source_priority"][:2] == (SOURCE, "wdi_ddf_2026")
    assert store.indicator_meta("SP.POP.TOTL")["source_priority"] == (SOURCE, "wdi_pop_datahub")
    assert store.indicator_meta("SM.POP.TOTL")["source_priority"] == ("undesa_ims_2024",)  # not a WDI API series
    # The API's value is now the default where it has one; other cells keep their sources.
    shares = store.values_for_map("BX.TRF.PWKR.DT.GD.ZS", 2024).set_index("iso3")
    assert (shares.loc["TJK", "value"], shares.loc["TJK", "source"]) == (47.89, SOURCE)
    # One line, one vintage: TJK's line is the API's; the years only older releases have come apart, labelled.
    assert set(store.series("BX.TRF.PWKR.DT.GD.ZS", ["TJK"])["source"]) == {SOURCE}
    older = store.other_segments("BX.TRF.PWKR.DT.GD.ZS", ["TJK"])
    assert 2023 in set(older["year"]) and SOURCE not in set(older["source"])
    assert store.series("SP.POP.TOTL", ["WLD"], start=2024)["source"].tolist() == [SOURCE]
    # TKM's 0 from the API is "not reported" like everywhere else.
    tkm = store.series("BX.TRF.PWKR.CD.DT", ["TKM"], source=SOURCE)
    assert tkm.empty
    assert "wdi_pop_datahub" in store.sources_for("SP.POP.TOTL")

    provenance = (raw_copy / "PROVENANCE.md").read_text(encoding="utf-8")
    assert provenance.count(f"- `{RAW_FILE}` [`{SOURCE}`]: retrieved 2026-01-15 from the World Bank API") == 1

    # A second refresh on the same day replaces its file and provenance line: nothing changes.
    before = snapshot(raw_copy), snapshot(curated_copy)
    refresh.refresh(raw_copy, curated_copy, day=DAY, fetch=lambda series: recorded_rows)
    assert (snapshot(raw_copy), snapshot(curated_copy)) == before


def offline(series):
    raise requests.exceptions.ConnectionError("Failed to resolve 'api.worldbank.org'")


def test_connection_error_changes_nothing(raw_copy, curated_copy, snapshot, capsys, monkeypatch):
    monkeypatch.setattr(refresh, "fetch_rows", offline)
    before = snapshot(raw_copy), snapshot(curated_copy)
    assert refresh.main(["--raw-dir", str(raw_copy), "--out-dir", str(curated_copy)]) == 1
    captured = capsys.readouterr()
    assert captured.err == "Could not reach the World Bank API (ConnectionError); nothing was changed.\n"
    assert captured.out == ""
    assert (snapshot(raw_copy), snapshot(curated_copy)) == before


def test_real_fetch_without_network_is_reported_the_same_way(raw_copy, curated_copy, snapshot, capsys, monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network disabled in tests")
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    before = snapshot(raw_copy), snapshot(curated_copy)
    assert refresh.main(["--raw-dir", str(raw_copy), "--out-dir", str(curated_copy)]) == 1
    assert capsys.readouterr().err.startswith("Could not reach the World Bank API (")
    assert (snapshot(raw_copy), snapshot(curated_copy)) == before


def test_api_error_changes_nothing(raw_copy, curated_copy, snapshot, capsys, monkeypatch):
    def server_error(series):
        raise wbgapi.APIError("https://api.worldbank.org/v2/", "Service unavailable", 503)
    monkeypatch.setattr(refresh, "fetch_rows", server_error)
    before = snapshot(raw_copy), snapshot(curated_copy)
    assert refresh.main(["--raw-dir", str(raw_copy), "--out-dir", str(curated_copy)]) == 1
    assert capsys.readouterr().err.startswith("The World Bank API answered with an error (APIError: [503]")
    assert (snapshot(raw_copy), snapshot(curated_copy)) == before


def test_a_response_that_fails_validation_is_rolled_back(raw_copy, curated_copy, recorded_rows, snapshot, capsys,
                                                         monkeypatch):
    # Fault injection: one value made negative; the rebuild must reject it and the refresh undo its own writes.
    broken = [dict(row) for row in recorded_rows]
    population = next(row for row in broken if row["series"] == "SP.POP.TOTL" and row["economy"] == "TJK")
    population["value"] = -population["value"]
    monkeypatch.setattr(refresh, "fetch_rows", lambda series: broken)
    before = snapshot(raw_copy), snapshot(curated_copy)
    assert refresh.main(["--raw-dir", str(raw_copy), "--out-dir", str(curated_copy)]) == 1
    message = capsys.readouterr().err
    assert message.startswith("Refresh stopped, nothing was changed: ")
    assert "worldbank_wdi/WDI_api_" in message and "column 'value': -10590927 is below the minimum for SP.POP.TOTL" \
        in message
    assert (snapshot(raw_copy), snapshot(curated_copy)) == before


def test_rows_to_frame_reads_the_wbgapi_shape(recorded_rows):
    frame = refresh.rows_to_frame(recorded_rows)
    assert list(frame.columns) == ["iso3", "indicator", "year", "value"]
    assert len(frame) == sum(row["value"] is not None for row in recorded_rows)  # blanks dropped
    assert frame["year"].dtype.kind == "i"
    assert frame.set_index(["iso3", "indicator", "year"]).loc[("UZB", "BX.TRF.PWKR.DT.GD.ZS", 2024), "value"] == 14.42
