"""Under the map: the sources of what it shows, the indicator's definition, caveats and the map disclaimer; as
components (`source_block`) and as the JSON Dash writes for them (`source_block_sent`: kept written, 16 blocks serve
every selection)."""
from __future__ import annotations

from functools import lru_cache

from data.query import get_store
from figures.map import parts as map_parts
from figures.map.indicators import BILATERAL_SOURCE, INDICATORS
from layouts import common
from layouts.made import html
from serving.fast_json.fragment import Fragment
from serving.fast_json.plain import plain
from serving.fast_json.written import written


def source_block_sent(state: dict, lang: str) -> Fragment:
    """`source_block(state, lang)` as Dash writes it."""
    return _source_block_sent(state["indicator"], _block_sources(state), lang)


@lru_cache(maxsize=64)
def _source_block_sent(key: str, sources: tuple[str, ...], lang: str) -> Fragment:
    return Fragment(written(plain(_source_block(key, sources, lang))))


def _block_sources(state: dict) -> tuple[str, ...]:
    sources = map_parts.indicator_sources(get_store(), INDICATORS[state["indicator"]], state["year"])
    return sources + (BILATERAL_SOURCE,) if state["focus"] else sources


def source_block(state: dict, lang: str) -> html.Div:
    return _source_block(state["indicator"], _block_sources(state), lang)


# Keyed by the sources a year's values come from, not by the year: a few blocks serve every year (each indicator's
# years share one or two sets of sources), built once.
@lru_cache(maxsize=64)
def _source_block(key: str, sources: tuple[str, ...], lang: str) -> html.Div:
    store = get_store()
    meta = store.indicator_meta(INDICATORS[key], lang)
    caveat_texts = [meta.get("caveats", "")] + [store.source_meta(s, lang).get("caveats", "") for s in sources]
    return html.Div([
        common.source_line(store, [*sources, "natural_earth_v4"], lang),
        html.P(common.technical(meta.get("definition", ""), lang), className="small mb-1"),
        common.caveats(caveat_texts, lang),
        common.map_disclaimer(lang),
    ])
