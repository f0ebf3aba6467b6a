"""What the corridor figure tests share: a flow selection with the default view's values unless told, and many
kinds of them."""
from __future__ import annotations

from figures.corridors.selection import Selection, revision_sources, stock_years


def selection(mode="default", origin=None, destination=None, year=2024, sex="total", source="undesa_ims_2024"):
    return Selection(mode=mode, origin=origin, destination=destination, year=year, sex=sex, source=source)


def flow_selections(store):
    """Each revision's years (every other), each sex, the default view and big and small origins and destinations."""
    for source in revision_sources(store):
        for year in stock_years(store, source)[::2]:
            for sex in ("total", "female", "male"):
                yield selection(year=year, sex=sex, source=source)
                for code in ("KAZ", "UZB", "AFG", "CHN", "UKR", "TUV"):
                    yield selection("origin", origin=code, year=year, sex=sex, source=source)
                for code in ("RUS", "KAZ", "USA"):
                    yield selection("destination", destination=code, year=year, sex=sex, source=source)
