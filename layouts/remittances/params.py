"""The remittances view's URL parameters, and the browser's payloads checked like them."""
from __future__ import annotations

from functools import cache

from data.query import get_store
from figures.remittances import parts as parts_fig
from figures.remittances import ranking as ranking_fig
from figures.remittances.parts import (CENTRAL_ASIA, DEFAULT_SOURCE, MEASURES, PCT_INDICATOR, SCALES, USD_INDICATOR,
                                       not_reporting)
from figures.remittances.ranking import ranking_years
from i18n import N_
from layouts import common
from layouts.remittances.keys import GROUP_KEYS, MEASURE_KEYS, SCALE_KEYS
from state import LANG, Param, choice, integer_in, read_payload


@cache
def selectable_codes() -> tuple[str, ...]:
    """Countries and aggregates a user may add: every code with remittance data, plus those that don't report."""
    store = get_store()
    codes: dict[str, None] = {}
    for indicator in (PCT_INDICATOR, USD_INDICATOR):
        codes.update(dict.fromkeys(store.series(indicator)["iso3"]))
    codes.update(dict.fromkeys(not_reporting(store)))
    return tuple(code for code in codes if store.country(code) is not None)


@cache
def _selectable() -> frozenset[str]:
    return frozenset(selectable_codes())


def _code(raw: str) -> str:
    code = raw.strip().upper()
    if code not in _selectable():  # a set: each callback checks every chosen code (a tuple of ~220 was scanned)
        raise ValueError(raw)
    return code


@cache
def trend_years() -> tuple[int, ...]:
    store = get_store()
    years = set(store.years(PCT_INDICATOR)) | set(store.years(USD_INDICATOR))
    return tuple(sorted(int(year) for year in years))


@cache
def rank_years() -> tuple[int, ...]:
    return tuple(ranking_years(get_store()))


@cache
def default_rank_year() -> int:
    return ranking_fig.default_rank_year(get_store())


@cache
def source_choices() -> tuple[str, ...]:
    return (DEFAULT_SOURCE, *parts_fig.source_choices(get_store()))


def params() -> list[Param]:
    return list(_params())


@cache  # every callback checks its payload with them: made once, not six Params and their closures per request
def _params() -> tuple[Param, ...]:
    return (
        Param("countries", CENTRAL_ASIA, _code, multi=True,
              describe_default=common.describe(GROUP_KEYS["ca5"])),
        Param("measure", "pct", choice(MEASURES), describe_default=common.describe(MEASURE_KEYS)),
        Param("scale", "linear", choice(SCALES), describe_default=common.describe(SCALE_KEYS)),
        Param("relative", None, integer_in(trend_years),
              describe_default=common.describe(N_("remittances.notice_no_change"))),
        Param("rank_year", default_rank_year(), integer_in(rank_years)),
        Param("source", DEFAULT_SOURCE, choice(source_choices(), case_insensitive=False),
              describe_default=common.describe(N_("remittances.notice_default_source"))),
    )


def clean_state(values: dict) -> dict:
    """Values sent by the browser, checked like URL parameters: anything invalid becomes its default (an emptied
    country list stays empty: the user cleared the selection on purpose)."""
    return read_payload(values, (LANG, *_params()), keep_empty_lists=True)
