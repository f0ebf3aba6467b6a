"""Numbers are written by the same steps as Babel's `NumberPattern.apply`, without its generality
(i18n._babel_steps): for every kind of value the app formats, in both languages and at 0, 1 and 2 decimals, the
text is Babel's own, character for character."""
from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest

from i18n import LANGUAGES, _babel_number, _babel_steps, format_number, format_value

EDGES = [0, -0.0, 0.0, 0.5, 1.5, 2.5, -2.5, 2.675, 0.125, 0.005, 0.015, 0.045, 1e-7, -1e-7, -0.004, -0.4, 999.5,
         999.95, 9999.995, 999999.5, 1e15, 1.5e16, 123456789012345678, -1234.5678, 10, 100, 1000, 10000, 100000,
         1e6, 12345678.9, np.float64(2.675), np.float64(1234567.125), np.int64(12345), np.float32(1.1),
         np.float32(1234.5), Decimal("1234.565"), Decimal("-0.005"), float("inf"), float("-inf"), 3, -7]


def _sample(count: int, seed: int = 14) -> list:
    rnd = random.Random(seed)
    values = []
    for _ in range(count):
        value = rnd.random() * 10 ** rnd.randint(-8, 15) * rnd.choice((1, -1))
        values += [value, round(value, rnd.randint(0, 4)), rnd.randint(-10**9, 10**9) / rnd.choice((2, 8, 100, 200))]
        # whole numbers (counts of persons: written by a shorter path), up to the 15 digits a float holds and past
        values += [float(rnd.randint(-10**rnd.randint(0, 16), 10**rnd.randint(0, 16)))]
    return values + [1.0, -1.0, 999.0, 1000.0, -1000.0, 999999999999999.0, 1e15 - 1, -(1e15 - 1), 1e15 + 2.0]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("decimals", (0, 1, 2))
def test_numbers_are_written_as_babel_writes_them(lang, decimals):
    for value in EDGES + _sample(3000):
        assert _babel_steps(value, lang, decimals) == _babel_number(value, lang, decimals), (value, lang, decimals)


def test_format_number_and_format_value_use_them():
    assert format_number(1234567.891, "ru", 1) == "1\xa0234\xa0567,9"
    assert format_number(1234567.891, "en", 2) == "1,234,567.89"
    assert format_number(-0.0, "en") == "-0"  # as Babel writes it
    assert format_value(2.675, "%", "en") == format_value(Decimal("2.675"), "%", "en")  # half-even on the text


def test_what_babel_refuses_is_still_refused():
    with pytest.raises(Exception) as fast:
        format_number("not a number", "en")  # type: ignore[arg-type]
    with pytest.raises(type(fast.value)):
        _babel_number("not a number", "en", 0)
