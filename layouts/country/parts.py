"""Pieces several sections of a profile use: a short source name and its link, the country selector."""
from __future__ import annotations

from functools import cache


from figures.common import source_label
from i18n import t
from layouts import common
from layouts.ids import Country
from layouts.made import dcc


def short_source(store, source: str, lang: str = "en") -> str:
    """What fits under a headline figure: publisher and vintage; the full title is in the source list below."""
    meta = store.source_meta(source, lang)
    return f"{meta['publisher']} ({meta['vintage']})"


def short_source_link(store, source: str, lang: str, **attributes) -> dcc.Link:
    """The short source name, linking to the dataset's entry on the sources page (its full name as the tooltip)."""
    if attributes:
        return dcc.Link(short_source(store, source, lang), href=common.sources_href(source, lang),
                        title=source_label(store, source, lang), **attributes)
    return dcc.Link(short_source(store, source, lang), href=common.sources_href(source, lang),
                title=source_label(store, source, lang))  # layouts/made.py: one under each headline figure


@cache
def country_options(store, lang: str) -> list[dict]:
    countries = store.countries()
    return sorted(({"label": store.country_name(iso3, lang), "value": iso3} for iso3 in countries["iso3"]),
                  key=lambda option: option["label"])


def selector(store, lang: str, value: str | None, placeholder_key: str) -> dcc.Dropdown:
    return dcc.Dropdown(labels=common.dropdown_labels(lang), id=Country.SELECT, options=country_options(store, lang), value=value, clearable=False,
                        searchable=True, placeholder=t(placeholder_key, lang))
