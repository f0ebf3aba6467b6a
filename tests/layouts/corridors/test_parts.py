"""Pieces shared by the corridors view's sections."""
from __future__ import annotations

from layouts.corridors.parts import distinct_caveats


def test_distinct_caveats_drop_repeated_sentences():
    texts = ["A is so. B is so.", "B is so. C is so.", "A is so."]
    assert distinct_caveats(texts) == ["A is so. B is so.", "C is so."]
