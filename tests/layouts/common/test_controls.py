"""layouts/common/controls.py: a slider's value snapped to its marks."""
import pytest

from layouts import common


YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)


@pytest.mark.parametrize("value, previous, expected", [
    (2020, 2024, 2020),      # a mark: itself
    (2020.0, 2024, 2020),    # … as the option, not a float
    (2023.8, 2024, 2020),    # ArrowLeft from 2024 lands between marks: the previous mark
    (2020.2, 2020, 2024),    # ArrowRight from 2020: the next mark
    (1989.8, 1990, 1990),    # past the first mark: stays
    (2001, None, 2000),      # no previous year: the nearest mark
    ("2010", 2015, 2015),    # not a number: where it was
    (None, 1995, 1995),
    (True, 3000, 2024),      # garbage everywhere: the last mark
])
def test_a_slider_value_between_marks_steps_to_the_next_mark(value, previous, expected):
    snapped = common.snap_to_options(value, previous, YEARS)
    assert snapped == expected and type(snapped) is int
