"""A profile's panel of the IOM strategy's figures beside ours."""
from __future__ import annotations

from i18n import format_value
from layouts.country.page import layout
from layouts.ids import Country
from tests.support.components import by_id, text_of

STATE = {"lang": "en"}


def test_key_figures_panel_on_central_asian_profiles(store):
    page = layout(STATE, "en", iso3="TJK")
    panel = by_id(page, Country.KEY_FIGURES)
    text = text_of(panel)
    figure = store.key_figures().set_index("figure_id").loc["rem_gdp_tjk_2013"]
    assert figure["cited_source"] in text and "48.1" in text
    then = store.series("BX.TRF.PWKR.DT.GD.ZS", iso3s=["TJK"]).set_index("year").loc[2013, "value"]
    assert format_value(then, "%", "en") in text_of(by_id(panel, "country-key-figure-rem_gdp_tjk_2013"))
    assert by_id(layout(STATE, "en", iso3="DEU"), Country.KEY_FIGURES) is None
