"""The map view's URL parameters, the years it offers and the countries of each extent."""
from __future__ import annotations

from functools import cache, lru_cache

import geo
from data.query import get_store
from figures.map.indicators import INDICATOR_KEYS, INDICATORS
from i18n import N_
from layouts import common
from layouts.map.keys import SCOPE_KEYS
from state import Param, choice, integer_in

STOCK_INDICATOR = "SM.POP.TOTL"


def years() -> list[int]:
    return get_store().years(STOCK_INDICATOR)


def params() -> list[Param]:
    """The view's URL parameters; read at every map answer twice (its cache key and its callback), so made once per
    data store (the Params are frozen, their parsers pure)."""
    return list(_params(get_store()))


@lru_cache(maxsize=2)
def _params(store) -> tuple[Param, ...]:
    return (
        # Emigrants by default: the dashboard's story is Central Asia's emigrants (immigrants led with the Gulf).
        Param("indicator", "emigrants", choice(INDICATORS), describe_default=common.describe(INDICATOR_KEYS)),
        Param("year", years()[-1], integer_in(years)),
        Param("scope", "region", choice(("region", "world")), describe_default=common.describe(SCOPE_KEYS)),
        Param("focus", None, common.country_code, describe_default=common.describe(N_("map.no_focus"))),
    )


@cache
def scope_ids(scope: str) -> tuple[str, ...]:
    # Antarctica has no migrant stock and would take a fifth of the world map's height.
    return tuple(iso3 for iso3 in geo.feature_ids(scope) if iso3 != "ATA")
