"""A profile's address: no parameter but the language, the code in the path in any case."""
from __future__ import annotations

import pytest

from layouts.country.links import params
from layouts.country.page import layout
from layouts.ids import Country
from tests.support.components import by_id, text_of

STATE = {"lang": "en"}


def test_no_parameters_but_the_language():
    assert params() == []


@pytest.mark.parametrize("code", ["UZB", "uzb", "Uzb"])
def test_profile_for_any_case_of_the_code(code):
    page = layout(STATE, "en", iso3=code)
    assert page.id == Country.PROFILE
    assert by_id(page, Country.ISO3).data == "UZB"
    assert "Uzbekistan" in text_of(page)
