"""The map's panel, trend and source block built as they were, through pandas queries per selection: what
layouts/map/panel.py's and source_block.py's must equal (tests/layouts/map/test_panel.py). Not used by the app."""
from __future__ import annotations

from data.query import get_store
from figures.map.figure import CENTRAL_ASIA
from figures.map.indicators import INDICATORS
from figures.map.partners import partners
from i18n import format_value, t
from layouts.made import html
from layouts.map.panel import TOP_N, TREND_INDICATORS, _focus_body, _top_panel, _trend_graph
from layouts.map.params import scope_ids
from layouts.map.source_block import _source_block


def top_panel_reference(key: str, year: int, scope: str, lang: str) -> html.Div:
    """The panel without focus as it was built, through pandas (the tests' reference)."""
    store = get_store()
    indicator = INDICATORS[key]
    unit = store.indicator_meta(indicator, lang)["unit"]
    in_scope = set(scope_ids(scope))
    values = store.values_for_map(indicator, year)
    top = values[values["iso3"].isin(in_scope)].nlargest(TOP_N, "value")
    rows = [[store.country_name(r.iso3, lang), format_value(r.value, unit, lang)] for r in top.itertuples()]
    # Central Asia first, whatever the top ten of the world is (the Gulf's immigrants, Syria's emigrants).
    by_code = values.set_index("iso3")["value"]
    region = sorted(CENTRAL_ASIA, key=lambda code: -by_code.get(code, float("-inf")))
    region_rows = [[store.country_name(code, lang), format_value(by_code.get(code), unit, lang)] for code in region]
    return _top_panel(key, year, lang, rows, region_rows)


def focus_panel_reference(store, key: str, year: int, focus: str, lang: str, *, in_extent: bool = True) -> html.Div:
    """The focus panel as it was built, from figures/map/partners.py's pandas `partners` (the tests' reference)."""
    direction = "emigrants" if key.startswith("emigrants") else "immigrants"
    found = partners(store, key, year, focus)
    shares = found.shares()
    rows = [[store.country_name(iso3, lang), format_value(value, "persons", lang),
             format_value(shares[iso3], "%", lang) if found.total else ""]
            for iso3, value in found.values.head(TOP_N).items()]
    return _focus_body(store, key, year, focus, lang, in_extent, direction, rows, found.total, found.covered())


def focus_trend_reference(focus: str, direction: str, lang: str):
    """The trend as it was built from a pandas query of the one country (the tests' reference)."""
    store = get_store()
    series = store.series(TREND_INDICATORS[direction], iso3s=[focus])
    if not len(series):
        return html.P(t("common.no_data", lang))
    return _trend_graph(store, series["year"], series["value"], series["source"].iloc[-1], direction, lang)


def source_block_reference(state: dict, lang: str) -> html.Div:
    """The block built for the sources a pandas query of the year finds, uncached (the tests' reference)."""
    sources = list(get_store().values_for_map(INDICATORS[state["indicator"]], state["year"])["source"].unique())
    if state["focus"]:
        sources.append("undesa_ims_2024")
    return _source_block.__wrapped__(state["indicator"], tuple(sources), lang)
