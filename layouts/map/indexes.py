"""The map's indexes and written blocks made before the first visitor (in gunicorn's master)."""
from __future__ import annotations

from data.catalog import T18
from data.query import get_store
from figures.common import published_total
from figures.map import focus as map_focus
from figures.map import parts as map_parts
from figures.map.indicators import BILATERAL_SOURCE, INDICATORS
from layouts.map.panel import TREND_INDICATORS, focus_template, note_template
from layouts.map.params import scope_ids, years
from layouts.map.source_block import source_block_sent


def build_indexes() -> None:
    """The map's plain indexes (figures/map/parts.py) for every focus country, year, indicator, extent and
    language, the focus map's pieces (figures/map/focus.py), the source blocks and the target countries' trends as
    data: in gunicorn's master before it forks (serving/warmup.py), shared by the workers, so that no visitor's first
    selection builds them (~0.3 s CPU, ~11 MB)."""
    store = get_store()
    langs = ("en", "ru")
    scopes = {scope: scope_ids(scope) for scope in ("region", "world")}
    map_parts.build_indexes(store, scopes, INDICATORS.values(), years(), langs)
    map_focus.build(store, scopes, store.countries()["iso3"].tolist(), langs)
    for indicator in TREND_INDICATORS.values():
        map_parts.trend_series(store, indicator)
    for year in years():
        for direction in ("emigrants", "immigrants"):
            published_total(store, direction, "", year, BILATERAL_SOURCE)
        for lang in langs:
            for key in INDICATORS:
                for focus in (None, "focus"):
                    source_block_sent({"indicator": key, "year": year, "focus": focus}, lang)
    for focus in T18:
        for direction in TREND_INDICATORS:
            for lang in langs:
                focus_template(focus, direction, lang)
    note_template()
