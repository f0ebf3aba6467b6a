"""Numbers are written by the same steps as Babel's `NumberPattern.apply`, without its generality
(i18n._babel_steps): for every kind of value the app formats, in both languages and at 0, 1 and 2 decimals, the
text is Babel's own, character for character."""
from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest

from i18n import LANGUAGES, _babel_number, _babel_steps, format_number, format_value, format_whole, regroup

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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_whole_count_is_written_as_format_number_writes_it(lang):
    """format_whole (the digits of a count written per arc or per partner, without format_number's steps) is
    format_number's and Babel's text of the same number, as an int and as a float, and in a persons text
    format_value's; so are English's digits (kept once for every language) regrouped."""
    rnd = random.Random(5)
    counts = [0, 1, 7, 999, 1000, 1001, 99_999, 123_456, 10**6, 1_234_567, 10**9, 10**12, 10**15 - 1, -1, -1000,
              -(10**6)] + [rnd.randint(0, 10 ** rnd.randint(1, 15)) for _ in range(2000)]
    for count in counts:
        written = format_whole(count, lang)
        assert written == format_number(count, lang) == format_number(float(count), lang) \
            == _babel_number(count, lang, 0) == regroup(format_whole(count, "en"), lang), count
        assert format_value(float(count), "persons", lang) == format_value(count, "persons", lang)
        assert written in format_value(float(count), "persons", lang), count


def test_russian_groups_a_count_with_a_no_break_space():
    assert format_whole(0, "ru") == "0" and format_whole(999, "ru") == "999"
    assert format_whole(1000, "ru") == "1\xa0000" == format_number(1000.0, "ru")
    assert format_whole(10**6, "ru") == "1\xa0000\xa0000"
    assert format_whole(10**12, "ru") == "1\xa0000\xa0000\xa0000\xa0000"
    assert format_whole(10**12, "en") == "1,000,000,000,000" == format_number(1e12, "en")
