"""Beside the map: the focus country's partners, their share and its trend, or without focus the year's largest values
with Central Asia first; as components (`panel`) and as the JSON Dash writes for them (`panel_sent`)."""
from __future__ import annotations

from functools import cache, lru_cache

import orjson

from data.query import get_store
from figures.common import PARTIAL_COVERAGE_BELOW, coverage_pct, published_total, small_trend, source_label
from figures.map import parts as map_parts
from figures.map.figure import CENTRAL_ASIA
from figures.map.indicators import BILATERAL_SOURCE, INDICATOR_KEYS, INDICATORS
from i18n import format_number, format_value, t
from layouts import common
from layouts.ids import Map
from layouts.made import dcc, html
from layouts.map.keys import PARTNERS_TITLE_KEYS, SHARE_OF_TOTAL_KEYS, TREND_TITLE_KEYS
from layouts.map.params import STOCK_INDICATOR, scope_ids
from serving.fast_json.fragment import Fragment
from serving.fast_json.plain import plain
from serving.fast_json.written import Template, written

TOP_N = map_parts.PANEL_ROWS  # the partners listed (their shares are written once, in the master)


def panel(state: dict, lang: str) -> html.Div:
    """Beside the map: the focus country's partners and trend, or the largest values of the year."""
    return _panel(state["indicator"], state["year"], state["scope"], state["focus"], lang)


@lru_cache(maxsize=64)  # components rebuilt only for a selection not seen lately (sizes: serving/memory.py)
def _panel(key: str, year: int, scope: str, focus: str | None, lang: str) -> html.Div:
    store = get_store()
    if focus:
        return _focus_panel(store, key, year, focus, lang, in_extent=focus in scope_ids(scope))
    return _panel_of(store, key, year, scope, lang)


def _panel_of(store, key: str, year: int, scope: str, lang: str, table=common.table) -> html.Div:
    """The largest values of the year, the five Central Asian countries first."""
    indicator = INDICATORS[key]
    values, _ = map_parts.indicator_values(store, indicator, year)
    texts = map_parts.indicator_texts(store, indicator, year, lang)
    in_scope = set(scope_ids(scope))
    # nlargest's: the largest values (none missing), ties in the order of the rows
    top = sorted((code for code, value in values.items() if code in in_scope and value == value),
                 key=lambda code: -values[code])[:TOP_N]
    rows = [[store.country_name(code, lang), texts[code]] for code in top]
    region = sorted(CENTRAL_ASIA, key=lambda code: -values.get(code, float("-inf")))
    unit = store.indicator_meta(indicator, lang)["unit"]
    region_rows = [[store.country_name(code, lang), texts[code] if code in texts else
                    format_value(values.get(code), unit, lang)] for code in region]
    return _top_panel(key, year, lang, rows, region_rows, table)


def _top_panel(key: str, year: int, lang: str, rows: list, region_rows: list, table=common.table) -> html.Div:
    """Central Asia first, whatever the top ten of the world is (the Gulf's immigrants, Syria's emigrants)."""
    header = [t("common.country", lang), t(INDICATOR_KEYS[key], lang)]
    return html.Div([
        html.H2(t("present.map_ca_title", lang, year=year), className="h6"),
        table(header, region_rows, id=Map.REGION_TABLE),
        html.P(t("present.map_ca_hint", lang), className="small text-muted"),
        html.H2(t("map.top_title", lang, n=TOP_N, year=year), className="h6"),
        table(header, rows),
        html.P(t("map.click_hint", lang), className="small text-muted"),
    ])


def _focus_panel(store, key: str, year: int, focus: str, lang: str, *, in_extent: bool = True,
                 trend=None, table=common.table) -> html.Div:
    """The partners looked up in figures/map/parts.py's index: equal to layouts/map/reference.py's (through pandas)."""
    direction = "emigrants" if key.startswith("emigrants") else "immigrants"
    found = map_parts.partner_list(store, direction == "emigrants", focus, year)
    total = published_total(store, direction, focus, year, BILATERAL_SOURCE)
    rows = [[store.country_name(iso3, lang), map_parts.persons_text(value, lang),
             format_value(100 * value / total, "%", lang) if total else ""]
            for iso3, value in zip(found.codes[:TOP_N], found.values[:TOP_N])]
    return _focus_body(store, key, year, focus, lang, in_extent, direction, rows, total,
                       coverage_pct(found.held, total), trend, table)


def _focus_body(store, key, year, focus, lang, in_extent, direction, rows, total, covered, trend=None,
                table=common.table) -> html.Div:
    name = store.country_name(focus, lang)
    header = _focus_header(lang)
    items = [table(header, rows) if rows else html.P(t("map.no_partners", lang), className="text-muted"),
             *(html.P(note, className=NOTE_CLASS) for note in _focus_notes(lang, name, year, in_extent, direction,
                                                                            bool(rows), total, covered))]
    return _focus_div(focus, direction, lang, name, _partners_title(direction, lang, name, year), items, trend)


NOTE_CLASS = "small text-muted mb-1"


def _focus_header(lang: str) -> list[str]:
    return [t("common.country", lang), t("map.persons", lang), t("map.share", lang)]


def _partners_title(direction: str, lang: str, name: str, year: int) -> str:
    return t(PARTNERS_TITLE_KEYS[direction], lang, country=name, year=year, n=TOP_N)


def _focus_notes(lang, name, year, in_extent, direction, has_rows, total, covered) -> list[str]:
    """Under the partners: what they are a share of, how much of it they cover, whether the map shows the country."""
    notes = []
    if has_rows and total:
        notes.append(t(SHARE_OF_TOTAL_KEYS[direction], lang, total=format_number(total, lang),
                       country=name, year=year))
        if covered < PARTIAL_COVERAGE_BELOW:
            notes.append(t("map.partners_coverage", lang, covered=format_value(covered, "%", lang)))
    if not in_extent:
        notes.insert(0, t("map.focus_outside_extent", lang, country=name))
    return notes


def _focus_div(focus, direction, lang, name, title, items, trend=None) -> html.Div:
    """The focus panel around what changes with the year (`title`, and `items`: the partners' table and notes)."""
    body = [
        html.H2(name, className="h5"),
        html.P(title, className="small"),
        *items,
        html.H3(t(TREND_TITLE_KEYS[direction], lang, country=name), className="h6 mt-3"),
        _focus_trend(focus, direction, lang) if trend is None else trend,
        html.P([dcc.Link(t("map.profile_link", lang, country=name), href=f"/country/{focus}?lang={lang}"), " · ",
                dcc.Link(t("map.corridors_link", lang), href=f"/corridors?lang={lang}&origin={focus}"
                         if direction == "emigrants" else f"/corridors?lang={lang}&destination={focus}")],
               className="small"),
    ]
    return html.Div(body, className="focus-panel")


@lru_cache(maxsize=64)  # the same in every year of a focus selection
def _focus_trend(focus: str, direction: str, lang: str):
    """The focus country's emigrants (or immigrants) over time, under its partners."""
    store = get_store()
    found = map_parts.trend_series(store, TREND_INDICATORS[direction]).get(focus)
    if found is None:
        return html.P(t("common.no_data", lang))
    years, values, source = found
    return _trend_graph(store, years, values, source, direction, lang)


TREND_INDICATORS = {"emigrants": "CAMR.EMIG.TOTL", "immigrants": STOCK_INDICATOR}


def _trend_graph(store, years, values, source: str, direction: str, lang: str):
    trend = small_trend(years, values, unit="persons", lang=lang, name=t(INDICATOR_KEYS[direction], lang),
                        source=source_label(store, source, lang))
    return dcc.Graph(figure=trend, config=common.graph_config(mode_bar=False, lang=lang), className="trend-graph")


# What the callback sends (callbacks/map.py): the panel already written as the JSON Dash writes for it
# (serving/fast_json/fragment.Fragment: the same bytes; the source block likewise, source_block.py), so nothing of it is made
# into components or walked per answer.
# A focus panel is a template per country, direction and language (its name, trend and links written once: the
# trend's figure was most of its bytes) filled with the year's title, table and notes; a panel without focus is kept
# written.
TITLE_HOLE = "\0map-partners-title"
ITEMS_HOLE = "\0map-partners-items"


def panel_sent(state: dict, lang: str) -> Fragment:
    """`panel(state, lang)` as Dash writes it."""
    key, year, scope, focus = state["indicator"], state["year"], state["scope"], state["focus"]
    if not focus:
        return _top_panel_sent(key, year, scope, lang)
    return Fragment(_focus_panel_written(get_store(), key, year, focus, lang, in_extent=focus in scope_ids(scope)))


@lru_cache(maxsize=64)
def _top_panel_sent(key: str, year: int, scope: str, lang: str) -> Fragment:
    tables = _TableSlots()
    data = plain(_panel_of(get_store(), key, year, scope, lang, tables))
    children = data["props"]["children"]
    for slot, (header, rows, props) in tables.made.items():
        children[children.index(slot)] = common.table_sent(header, rows, **props)
    return Fragment(written(data))


def _focus_panel_written(store, key: str, year: int, focus: str, lang: str, *, in_extent: bool) -> bytes:
    """`_focus_panel(…)` as Dash writes it: its template filled with the year's partners."""
    direction = "emigrants" if key.startswith("emigrants") else "immigrants"
    found = map_parts.partner_list(store, direction == "emigrants", focus, year)
    total = published_total(store, direction, focus, year, BILATERAL_SOURCE)
    name = store.country_name(focus, lang)
    has_rows = bool(found.codes)
    items = [common.table_rows_written(_focus_header_written(lang), _partner_rows(store, found, direction, focus,
                                                                                   year, total, lang))
             if has_rows else _no_partners_written(lang)]
    note = note_template()
    items += [note.fill(orjson.dumps(text)) for text in _focus_notes(
        lang, name, year, in_extent, direction, has_rows, total, coverage_pct(found.held, total))]
    return focus_template(focus, direction, lang).fill(orjson.dumps(_partners_title(direction, lang, name, year)),
                                                        b",".join(items))


def _partner_rows(store, found: map_parts.PartnerList, direction: str, focus: str, year: int, total,
                  lang: str) -> bytes:
    """`common.rows_written` of the first TOP_N partners' rows (name, persons, share of the published total): each
    name's cell written once (`_name_cell`), the counts from their digits and the shares from their numbers made once
    (figures/map/parts.py)."""
    count = min(TOP_N, len(found.codes))
    shares = None
    if total:
        shares = map_parts.partner_shares(store, direction == "emigrants", focus, year, lang)
        if shares is None or len(shares) != count:  # not made in advance: written now
            shares = [map_parts.share_text(100 * value / total, lang) for value in found.values[:TOP_N]]
    middle, end = common.row_pieces(3)[2:]
    dumps = orjson.dumps
    return common.rows_bytes([_name_cell(code, lang) + dumps(persons) + middle + dumps(share) + end
                              for code, persons, share in zip(found.codes[:TOP_N],
                                                              map_parts.partner_persons(found, TOP_N, lang),
                                                              shares or ("",) * count)])


@lru_cache(maxsize=1024)  # ~250 countries in two languages
def _name_cell(code: str, lang: str) -> bytes:
    """A partner's row written up to its second cell: the row's start and its name's cell."""
    start, after_name = common.row_pieces(3)[:2]
    return start + orjson.dumps(get_store().country_name(code, lang)) + after_name


@cache
def _focus_header_written(lang: str) -> tuple[str, ...]:
    return tuple(_focus_header(lang))


@lru_cache(maxsize=128)  # ~10 kB each (the trend's figure): the target countries' both ways in both languages (72),
def focus_template(focus: str, direction: str, lang: str) -> Template:  # built in the master, and a few more
    """A focus panel written once, with holes where the year's title and its table and notes go."""
    div = _focus_div(focus, direction, lang, get_store().country_name(focus, lang), TITLE_HOLE, [ITEMS_HOLE])
    return Template(plain(div), (TITLE_HOLE, ITEMS_HOLE))


@cache
def note_template() -> Template:
    return Template(plain(html.P(TITLE_HOLE, className=NOTE_CLASS)), (TITLE_HOLE,))


@lru_cache(maxsize=4)
def _no_partners_written(lang: str) -> bytes:
    return written(plain(html.P(t("map.no_partners", lang), className="text-muted")))


class _TableSlots:
    """Stands in for `common.table` in a panel made for its data: a slot where each table goes, filled by
    `common.table_sent` (its rows' cells are most of a panel's components)."""

    def __init__(self):
        self.made: dict[str, tuple] = {}

    def __call__(self, header: list[str], rows: list[list], **props) -> str:
        slot = f"\0table-{len(self.made)}"
        self.made[slot] = (header, rows, props)
        return slot

