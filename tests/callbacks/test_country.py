"""Country callbacks: the selector's target, the CSV download, and what `register` wires."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from dash import Dash

from callbacks import country as wiring
from data.query import get_store
from figures.country.table import profile_table
from layouts.ids import Country, Shell


@pytest.mark.parametrize("value, lang, expected", [
    ("KAZ", "en", "/country/KAZ?lang=en"),
    ("kaz", "en", "/country/KAZ?lang=en"),
    ("WLD", "en", "/country/WLD?lang=en"),
])
def test_selector_goes_to_the_profile_in_the_page_language(value, lang, expected):
    assert wiring.navigation_target(value, {"lang": lang}) == expected


@pytest.mark.parametrize("value", [None, "", "XYZ", "<script>", "KAZAKHSTAN"])
def test_selector_ignores_what_is_not_a_country(value):
    assert wiring.navigation_target(value, {"lang": "en"}) is None


def test_selector_without_page_state_defaults_to_english():
    assert wiring.navigation_target("UZB", None) == "/country/UZB?lang=en"


def test_download_is_the_profile_table_with_provenance():
    sent = wiring.download("uzb")
    assert sent["filename"] == "country-profile-UZB.csv"
    table = pd.read_csv(io.StringIO(sent["content"]))
    expected = profile_table(get_store(), "UZB")
    assert list(table.columns) == list(expected.columns)
    assert len(table) == len(expected)
    assert {"source", "publisher", "vintage", "licence"} <= set(table.columns)
    headline = table[(table["section"] == "headline") & (table["key"] == "emigrants")].iloc[0]
    assert headline["value"] == 2_114_480 and headline["year"] == 2024  # UN DESA 2024, emigrants from Uzbekistan


@pytest.mark.parametrize("code", [None, "XYZ", "<b>"])
def test_download_of_an_unknown_country_sends_nothing(code):
    assert wiring.download(code) is None


def test_register_wires_navigation_download_and_print():
    app = Dash(__name__, suppress_callback_exceptions=True)
    wiring.register(app)
    outputs = " ".join(app.callback_map)
    assert f"{Country.NAVIGATE}.href" in outputs
    assert f"{Country.DOWNLOAD}.data" in outputs
    assert f"{Country.PRINT}.className" in outputs
    inputs = {i["id"] for callback in app.callback_map.values() for i in callback["inputs"]}
    assert {Country.SELECT, Country.DOWNLOAD_BUTTON, Country.PRINT} <= inputs
    # Nothing here changes the page's own state: the profile has no query parameters besides the language.
    assert not any(f"{Shell.PAGE_STATE}.data" in key for key in app.callback_map)
