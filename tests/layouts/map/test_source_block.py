"""The source block under the map: publisher and disclaimer, and built from plain indexes as the pandas path built it."""
import json

import pytest
from plotly.io.json import to_json_plotly

from layouts.map import reference
from layouts.map.source_block import source_block
from tests.layouts.map.support import YEARS


@pytest.mark.parametrize("key", ["immigrants", "immigrants_pct", "emigrants", "emigrants_pct"])
def test_source_block_names_publisher_and_disclaimer(key):
    state = {"lang": "en", "indicator": key, "year": 2020, "scope": "region", "focus": None}
    block = json.dumps(source_block(state, "en").to_plotly_json(), default=str)
    assert "United Nations" in block and "do not imply official endorsement" in block


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_source_blocks_are_the_ones_built_per_year(lang):
    for key in ("emigrants", "emigrants_pct", "immigrants", "immigrants_pct"):
        for year in YEARS:
            for focus in (None, "UZB"):
                state = {"indicator": key, "year": year, "focus": focus}
                assert to_json_plotly(source_block(state, lang)) == \
                    to_json_plotly(reference.source_block_reference(state, lang))
