"""Migrant-stock map view: a function of (state, lang)."""
from __future__ import annotations

from functools import cache, lru_cache

import orjson

import geo
from data.catalog import T18
from data.query import get_store
from figures import map_parts
from figures.common import (PARTIAL_COVERAGE_BELOW, PROVENANCE_COLUMNS, coverage_pct, published_total,
                            small_trend)
from figures.map import (BILATERAL_SOURCE, CENTRAL_ASIA, EMIGRANT_KEYS, NAMED, INDICATOR_KEYS, INDICATORS, MapLabel,
                         build_map_figure, map_frame, source_label)
from i18n import N_, format_number, format_value, t
from layouts import common
from layouts.common import csv_text, provenance_of
from layouts import share
from layouts.ids import Map
from state import Param, choice, integer_in
from layouts.made import dbc, dcc, html
from serving.fast_json import Fragment, Template, plain, written

STOCK_INDICATOR = "SM.POP.TOTL"
TOP_N = 10
# The map's height follows the window: 560 px on a laptop (as before), up to 820 px on a 1080p projector.
MAP_HEIGHT = "clamp(560px, 72vh, 820px)"


def years() -> list[int]:
    return get_store().years(STOCK_INDICATOR)

# Keys chosen at run time, written out so that extraction sees them (i18n/README.md).
SCOPE_KEYS = {"region": N_("map.scope_region"), "world": N_("map.scope_world")}
# The focus panel, by direction (emigrants or immigrants of the country in focus).
SHARE_OF_TOTAL_KEYS = {"emigrants": N_("map.share_of_total_emigrants"),
                       "immigrants": N_("map.share_of_total_immigrants")}
PARTNERS_TITLE_KEYS = {"emigrants": N_("map.partners_title_emigrants"),
                       "immigrants": N_("map.partners_title_immigrants")}
TREND_TITLE_KEYS = {"emigrants": N_("map.trend_title_emigrants"), "immigrants": N_("map.trend_title_immigrants")}


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


def build_indexes() -> None:
    """The map's plain indexes (figures/map_parts.py) for every focus country, year, indicator, extent and
    language, the source blocks and the target countries' trends as data: in gunicorn's master before it forks
    (serving/warmup.py), shared by the workers, so that no visitor's first selection builds them (~0.2 s CPU, ~10 MB)."""
    store = get_store()
    langs = ("en", "ru")
    map_parts.build_indexes(store, {scope: scope_ids(scope) for scope in ("region", "world")}, INDICATORS.values(),
                            years(), langs)
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
                _focus_template(focus, direction, lang)
    _note_template()


def geojson(scope: str) -> dict:
    return geo.region_geojson() if scope == "region" else geo.world_geojson()


def figure_for(state: dict, lang: str) -> dict:
    """The whole map figure (geometry included) as a plain dict, built once per selection."""
    return _figure(state["indicator"], state["year"], state["scope"], state["focus"], lang)


@lru_cache(maxsize=64)  # each holds the geometry (0.3–0.5 MB): keep a few dozen, not every selection
def _figure(key: str, year: int, scope: str, focus: str | None, lang: str) -> dict:
    ids = scope_ids(scope)
    frame = map_frame(get_store(), key, year, ids, focus if focus in ids else None, lang)
    return build_map_figure(geojson(scope), frame, scope, common.geometry_url(scope), labels=map_labels(scope, lang))


def map_labels(scope: str, lang: str) -> list[MapLabel]:
    """The countries named on the map, in the reader's language, at the points geo.build computed."""
    store = get_store()
    return [MapLabel(iso3, store.country_name(iso3, lang), *geo.label_point(scope, iso3))
            for iso3 in NAMED[scope] if geo.label_point(scope, iso3)]




def controls(state: dict, lang: str) -> dbc.Row:
    """Indicator, year and extent side by side on a laptop; below `lg` (an 800 px iframe) the year slider takes a
    row of its own under the other two, or its eight year labels run into each other."""
    store = get_store()
    year_list = years()
    countries = store.countries()
    options = sorted(({"label": store.country_name(iso3, lang), "value": iso3} for iso3 in countries["iso3"]),
                     key=lambda o: o["label"])
    return dbc.Row([
        dbc.Col([
            dbc.Label(t("map.indicator_label", lang), html_for=Map.INDICATOR),
            dbc.RadioItems(id=Map.INDICATOR, value=state["indicator"],
                           options=[{"label": t(INDICATOR_KEYS[key], lang), "value": key} for key in INDICATORS]),
        ], md=6, lg=4),
        dbc.Col([
            dbc.Label(t("map.year_label", lang), html_for=Map.YEAR),
            html.Div([
                html.Button("▶", id=Map.PLAY, n_clicks=0, title=t("map.play", lang),
                            className="btn btn-sm btn-outline-secondary me-2", **{"aria-label": t("map.play", lang)}),
                html.Div(dcc.Slider(id=Map.YEAR, min=year_list[0], max=year_list[-1], step=None,
                                    value=state["year"], marks={y: str(y) for y in year_list}, included=False),
                         className="flex-grow-1"),
            ], className="d-flex align-items-center"),
            dcc.Interval(id=Map.PLAY_INTERVAL, interval=1200, disabled=True),
        ], md=12, lg=4, className="order-last order-lg-0"),
        dbc.Col([
            dbc.Label(t("map.scope_label", lang), html_for=Map.SCOPE),
            dbc.RadioItems(id=Map.SCOPE, value=state["scope"], inline=True,
                           options=[{"label": t(SCOPE_KEYS[key], lang), "value": key}
                                    for key in ("region", "world")]),
            dbc.Label(t("map.focus_label", lang), html_for=Map.FOCUS, className="mt-2"),
            html.Div([
                html.Div(dcc.Dropdown(labels=common.dropdown_labels(lang), id=Map.FOCUS, options=options, value=state["focus"], clearable=True,
                                      placeholder=t("map.focus_placeholder", lang)), className="flex-grow-1"),
                dbc.Button(t("common.reset", lang), id=Map.RESET, n_clicks=0, size="sm", color="link"),
            ], className="d-flex align-items-center"),
        ], md=6, lg=4),
    ], className="g-3 mb-2 controls")


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
    """The partners looked up in figures/map_parts.py's index: equal to layouts/map_reference.py's (through pandas)."""
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


# What the callback sends (callbacks/map.py): the panel and the source block already written as the JSON Dash
# writes for them (serving/fast_json.Fragment: the same bytes), so nothing of them is made into components or walked
# per answer.
# A focus panel is a template per country, direction and language (its name, trend and links written once: the
# trend's figure was most of its bytes) filled with the year's title, table and notes; a panel without focus and the
# source blocks are kept written (16 blocks serve every selection).
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
    country_name = store.country_name
    rows = [[country_name(iso3, lang), map_parts.persons_text(value, lang),
             format_value(100 * value / total, "%", lang) if total else ""]
            for iso3, value in zip(found.codes[:TOP_N], found.values[:TOP_N])]
    items = [common.table_written(tuple(_focus_header(lang)), rows) if rows else _no_partners_written(lang)]
    note = _note_template()
    items += [note.fill(orjson.dumps(text)) for text in _focus_notes(
        lang, name, year, in_extent, direction, bool(rows), total, coverage_pct(found.held, total))]
    return _focus_template(focus, direction, lang).fill(orjson.dumps(_partners_title(direction, lang, name, year)),
                                                        b",".join(items))


@lru_cache(maxsize=128)  # ~10 kB each (the trend's figure): the target countries' both ways in both languages (72),
def _focus_template(focus: str, direction: str, lang: str) -> Template:  # built in the master, and a few more
    """A focus panel written once, with holes where the year's title and its table and notes go."""
    div = _focus_div(focus, direction, lang, get_store().country_name(focus, lang), TITLE_HOLE, [ITEMS_HOLE])
    return Template(plain(div), (TITLE_HOLE, ITEMS_HOLE))


@cache
def _note_template() -> Template:
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


MAP_CSV_COLUMNS = ["iso3", "country", "year", "indicator", "indicator_name", "value", "unit", "source"]
FOCUS_CSV_COLUMNS = ["origin", "origin_name", "destination", "destination_name", "year", "measure", "value", "unit",
                     "source"]


def map_csv_text(store, indicator_key: str, year: int, scope_ids: tuple[str, ...], focus: str | None,
                 lang: str = "en") -> str:
    """`figures.map.map_table(…).to_csv(index=False)`, written from figures/map_parts.py's indexes without a frame
    (the CSV download: pandas made, joined and wrote a frame per request, ~3 ms)."""
    name = store.country_name
    if focus:
        emigrants = indicator_key in EMIGRANT_KEYS
        found = map_parts.partner_list(store, emigrants, focus, year)
        provenance = provenance_of(store, [BILATERAL_SOURCE], lang)[BILATERAL_SOURCE] if found.codes else ()
        rows = [(*((focus, name(focus, lang), code, name(code, lang)) if emigrants else
                   (code, name(code, lang), focus, name(focus, lang))),
                 year, "stock_total", value, "persons", BILATERAL_SOURCE, *provenance)
                for code, value in zip(found.codes, found.values)]
        return csv_text([*FOCUS_CSV_COLUMNS, *PROVENANCE_COLUMNS], rows)
    indicator = INDICATORS[indicator_key]
    meta = store.indicator_meta(indicator, lang)
    cells = map_parts.indicator_rows(store, indicator, year)
    codes = sorted(code for code in set(scope_ids) if code in cells)
    provenance = provenance_of(store, [cells[code][1] for code in codes], lang)
    rows = [(code, name(code, lang), year, indicator, meta["name"], cells[code][0], meta["unit"], cells[code][1],
             *provenance[cells[code][1]]) for code in codes]
    return csv_text([*MAP_CSV_COLUMNS, *PROVENANCE_COLUMNS], rows)


def layout(state: dict, lang: str, **_) -> html.Div:
    return html.Div([
        html.H1(t("map.heading", lang), className="h4"),
        controls(state, lang),
        dbc.Row([
            dbc.Col(dcc.Loading(dcc.Graph(id=Map.GRAPH, figure=figure_for(state, lang), className="map-graph",
                                          style={"height": MAP_HEIGHT},
                                          config=common.geo_graph_config("central-asia-migrant-stock-map", lang)),
                                delay_show=400), lg=8),
            dbc.Col(html.Div(panel(state, lang), id=Map.PANEL), lg=4),
        ]),
        html.Div(source_block(state, lang), id=Map.SOURCE_LINE, className="mt-2"),
        html.Button(t("map.download", lang), id=Map.DOWNLOAD_BUTTON, n_clicks=0,
                    className="btn btn-sm btn-outline-secondary mt-2 no-print"),
        dcc.Download(id=Map.DOWNLOAD),
        share.image_buttons(Map.GRAPH, lang, source_from=f"#{Map.SOURCE_LINE}",
                            filename="central-asia-migrant-stock-map"),
    ], className="view-map")
