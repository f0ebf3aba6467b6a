"""The controls of the flow map and the Sankey: year, sex, mode, origin or destination, revision."""
from __future__ import annotations

from functools import lru_cache


from data.query import get_store
from figures.corridors.selection import DEFAULT_DESTINATION, DEFAULT_ORIGIN, MODES, SEXES, Selection, revision_label
from i18n import t
from layouts import common
from layouts.corridors.keys import MODE_KEYS, SEX_OPTION_KEYS
from layouts.corridors.params import all_years, revision_sources
from layouts.corridors.parts import as_options
from layouts.ids import Corridors
from layouts.made import dbc, dcc


@lru_cache(maxsize=4)
def _endpoint_options(side: str, lang: str) -> tuple[tuple[str, str], ...]:
    """Countries that appear as origins (or destinations) of a stock corridor, by name."""
    store = get_store()
    codes = set()
    for source in revision_sources():
        codes |= set(store.corridors("stock_total", source=source)[side].unique())
    named = [(store.country_name(c, lang), c) for c in codes if store.country(c)]
    return tuple(sorted(named))


def controls(state: dict, selection: Selection, lang: str) -> dbc.Row:
    years = all_years()
    store = get_store()
    return dbc.Row([
        dbc.Col([
            dbc.Label(t("corridors.year_label", lang), html_for=Corridors.YEAR),
            dcc.Slider(id=Corridors.YEAR, min=years[0], max=years[-1], step=None, value=state["year"],
                       marks={y: str(y) for y in years}, included=False),
            dbc.Label(t("corridors.sex_label", lang), html_for=Corridors.SEX, className="mt-2"),
            dbc.RadioItems(id=Corridors.SEX, value=selection.sex, inline=True,
                           options=[{"label": t(SEX_OPTION_KEYS[s], lang), "value": s} for s in SEXES]),
        ], lg=4),
        dbc.Col([
            dbc.Label(t("corridors.mode_label", lang), html_for=Corridors.MODE),
            dbc.RadioItems(id=Corridors.MODE, value=selection.mode,
                           options=[{"label": t(MODE_KEYS[m], lang), "value": m} for m in MODES]),
        ], lg=3),
        dbc.Col([
            dbc.Label(t("corridors.origin_label", lang), html_for=Corridors.ORIGIN),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=Corridors.ORIGIN, options=as_options(_endpoint_options("origin", lang)),
                         value=selection.origin or state.get("origin") or DEFAULT_ORIGIN, clearable=False,
                         disabled=selection.mode != "origin"),
            dbc.Label(t("corridors.destination_label", lang), html_for=Corridors.DESTINATION, className="mt-2"),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=Corridors.DESTINATION, options=as_options(_endpoint_options("destination", lang)),
                         value=selection.destination or state.get("destination") or DEFAULT_DESTINATION,
                         clearable=False, disabled=selection.mode != "destination"),
        ], lg=2),
        dbc.Col([
            dbc.Label(t("corridors.source_label", lang), html_for=Corridors.SOURCE),
            dbc.RadioItems(id=Corridors.SOURCE, value=selection.source,
                           options=[{"label": revision_label(store, s, lang), "value": s} for s in revision_sources()]),
        ], lg=3),
    ], className="g-3 mb-2 controls")
