"""What the corridor figure tests share: a flow selection with the default view's values unless told."""
from __future__ import annotations

from figures.corridors.selection import Selection


def selection(mode="default", origin=None, destination=None, year=2024, sex="total", source="undesa_ims_2024"):
    return Selection(mode=mode, origin=origin, destination=destination, year=year, sex=sex, source=source)
