"""The corridors view's URL parameters, the flow selection they ask for, and the state written back from the
controls."""
from __future__ import annotations

from functools import lru_cache

from data.query import get_store
from figures.corridors import selection as selection_fig
from figures.corridors.selection import (DEFAULT_DESTINATION, DEFAULT_ORIGIN, MODES, SEXES, Selection, corridor_id,
                                         parse_corridor_id, stock_years)
from i18n import N_, normalise_lang
from layouts import common
from layouts.corridors.keys import MODE_KEYS, SEX_OPTION_KEYS
from state import Param, choice, integer_in


def revision_sources() -> tuple[str, ...]:
    """The UN DESA revisions a user can choose between (the default first)."""
    return selection_fig.revision_sources(get_store())


@lru_cache(maxsize=1)
def all_years() -> tuple[int, ...]:
    store = get_store()
    return tuple(sorted({y for s in revision_sources() for y in stock_years(store, s)}))


def is_country(code) -> bool:
    return isinstance(code, str) and (get_store().country(code) or {}).get("kind") == "country"


_country = common.country_code


def _corridor(raw: str) -> str:
    origin, destination = parse_corridor_id(raw)
    return corridor_id(_country(origin), _country(destination))


def params() -> list[Param]:
    return list(_params(get_store()))


@lru_cache(maxsize=4)  # per store: its revisions and years do not change while it serves
def _params(store) -> tuple[Param, ...]:
    """The view's parameters, made once: a flows answer reads its controls' values through them (making them,
    with their years and revisions looked up, was most of `state_from_controls`)."""
    default_source = revision_sources()[0]
    return (
        Param("year", stock_years(get_store(), default_source)[-1], integer_in(all_years)),
        Param("sex", "total", choice(SEXES), describe_default=common.describe(SEX_OPTION_KEYS)),
        Param("mode", "default", choice(MODES), describe_default=common.describe(MODE_KEYS)),
        Param("origin", None, _country, describe_default=common.describe(N_("corridors.notice_default_selection"))),
        Param("destination", None, _country, describe_default=common.describe(N_("corridors.notice_default_selection"))),
        Param("corridor", None, _corridor, describe_default=common.describe(N_("corridors.notice_default_selection"))),
        Param("source", default_source, choice(revision_sources(), case_insensitive=False),
              describe_default=common.describe(N_("corridors.notice_default_source"))),
    )


def selection_from(state: dict) -> Selection:
    """The flow selection a state asks for. A bare `?origin=UZB` (the map's link) means 'all destinations of UZB'."""
    mode, origin, destination = state.get("mode") or "default", state.get("origin"), state.get("destination")
    if mode == "default" and origin:
        mode = "origin"
    elif mode == "default" and destination:
        mode = "destination"
    return Selection(
        mode=mode,
        origin=(origin or DEFAULT_ORIGIN) if mode == "origin" else None,
        destination=(destination or DEFAULT_DESTINATION) if mode == "destination" else None,
        year=state["year"], sex=state.get("sex") or "total", source=state.get("source") or revision_sources()[0],
    )


def clean_state(raw: dict) -> dict:
    """A view state from the browser (the page state, or part of it) read like URL values: every value valid, a
    missing or forged one its default."""
    state = {}
    for param in _params(get_store()):
        value = raw.get(param.name)
        state[param.name] = param.default if value in (None, "") else param.read(param.write(value))[0]
    return state


def state_from_controls(lang: str, year, sex, mode, origin, destination, source, card_origin,
                        card_destination) -> dict:
    """The full URL state from the controls' values (what the callbacks write back; unused countries left out)."""
    corridor = (corridor_id(card_origin, card_destination)
                if card_origin and card_destination and card_origin != card_destination else None)
    raw = {"year": year, "sex": sex, "mode": mode, "origin": origin if mode == "origin" else None,
           "destination": destination if mode == "destination" else None, "corridor": corridor, "source": source}
    # Values come from the browser: parse them like URL values, so a forged request falls back to the defaults.
    state = {"lang": normalise_lang(lang)}
    for param in _params(get_store()):
        value = raw[param.name]
        state[param.name] = param.default if value in (None, "") else param.read(param.write(value))[0]
    return state
