"""Corridors view: flow map, Sankey, corridor card and the sources side by side. A function of (state, lang)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

import geo
from data.query import get_store
from figures import corridors as fig
from figures.common import PARTIAL_COVERAGE_BELOW, add_provenance, coverage_pct, published_total
from i18n import format_number, format_period, format_value, normalise_lang, t
from layouts import common
from layouts import share
from layouts.ids import Corridors
from state import Param, choice, integer_in

GEOMETRY_SOURCE = "natural_earth_v4"
# The flow map's height follows the window: 520 px on a laptop (as before), up to 780 px on a 1080p projector.
MAP_HEIGHT = "clamp(520px, 68vh, 780px)"
CARD_SOURCES_ORDER = ("stock", "women_share", "knomad_stock", "citizens_present", "remittances", "cost")


# ---------------------------------------------------------------------------------------------------------------
# URL state
# ---------------------------------------------------------------------------------------------------------------
def revision_sources() -> tuple[str, ...]:
    """The UN DESA revisions a user can choose between (the default first)."""
    return fig.revision_sources(get_store())


@lru_cache(maxsize=1)
def all_years() -> tuple[int, ...]:
    store = get_store()
    return tuple(sorted({y for s in revision_sources() for y in fig.stock_years(store, s)}))


def is_country(code) -> bool:
    return isinstance(code, str) and (get_store().country(code) or {}).get("kind") == "country"


_country = common.country_code


def _corridor(raw: str) -> str:
    origin, destination = fig.parse_corridor_id(raw)
    return fig.corridor_id(_country(origin), _country(destination))


def params() -> list[Param]:
    default_source = revision_sources()[0]
    return [
        Param("year", fig.stock_years(get_store(), default_source)[-1], integer_in(all_years)),
        Param("sex", "total", choice(fig.SEXES), describe_default=common.describe("corridors.sex_option_{value}")),
        Param("mode", "default", choice(fig.MODES), describe_default=common.describe("corridors.mode_{value}")),
        Param("origin", None, _country, describe_default=common.describe("corridors.notice_default_selection")),
        Param("destination", None, _country, describe_default=common.describe("corridors.notice_default_selection")),
        Param("corridor", None, _corridor, describe_default=common.describe("corridors.notice_default_selection")),
        Param("source", default_source, choice(revision_sources(), case_insensitive=False),
              describe_default=common.describe("corridors.notice_default_source")),
    ]


def selection_from(state: dict) -> fig.Selection:
    """The flow selection a state asks for. A bare `?origin=UZB` (the map's link) means 'all destinations of UZB'."""
    mode, origin, destination = state.get("mode") or "default", state.get("origin"), state.get("destination")
    if mode == "default" and origin:
        mode = "origin"
    elif mode == "default" and destination:
        mode = "destination"
    return fig.Selection(
        mode=mode,
        origin=(origin or fig.DEFAULT_ORIGIN) if mode == "origin" else None,
        destination=(destination or fig.DEFAULT_DESTINATION) if mode == "destination" else None,
        year=state["year"], sex=state.get("sex") or "total", source=state.get("source") or revision_sources()[0],
    )


def state_from_controls(lang: str, year, sex, mode, origin, destination, source, card_origin,
                        card_destination) -> dict:
    """The full URL state from the controls' values (what the callbacks write back; unused countries left out)."""
    corridor = (fig.corridor_id(card_origin, card_destination)
                if card_origin and card_destination and card_origin != card_destination else None)
    raw = {"year": year, "sex": sex, "mode": mode, "origin": origin if mode == "origin" else None,
           "destination": destination if mode == "destination" else None, "corridor": corridor, "source": source}
    # Values come from the browser: parse them like URL values, so a forged request falls back to the defaults.
    state = {"lang": normalise_lang(lang)}
    for param in params():
        value = raw[param.name]
        state[param.name] = param.default if value in (None, "") else param.read(param.write(value))[0]
    return state


# ---------------------------------------------------------------------------------------------------------------
# Flow map and Sankey
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FlowsView:
    """What a flow selection shows: the year actually shown, all its corridors, the map frame, Sankey and notes."""

    selection: fig.Selection  # with the year shown (the requested one may be missing from the revision)
    requested_year: int
    rows: pd.DataFrame
    frame: fig.FlowMap
    sankey: dict  # a plain figure
    info: html.Div
    sources: html.Div
    # The same, as Dash sends them (see common.serialised): what callbacks return.
    sankey_sent: dict | None = None
    info_sent: dict | None = None
    sources_sent: dict | None = None


@lru_cache(maxsize=256)
def flows_view(selection: fig.Selection, lang: str) -> FlowsView:
    """Cached per selection: the data do not change while the app runs, and returning to a year is common."""
    store = get_store()
    shown = fig.with_year(selection, fig.resolve_year(fig.stock_years(store, selection.source), selection.year))
    rows = fig.flows(store, shown)
    frame = fig.flow_map(store, shown, rows, lang)
    sankey = fig.build_sankey(store, frame, shown, lang)
    view = FlowsView(shown, selection.year, rows, frame, sankey, html.Div(), html.Div())
    info, sources = flows_info(view, lang), flows_sources(view, lang)
    return replace(view, info=info, sources=sources, sankey_sent=common.serialised(sankey),
                   info_sent=common.serialised(info), sources_sent=common.serialised(sources))


def graph_config(filename: str, lang: str | None = None) -> dict:
    return common.graph_config(filename, remove=("select2d", "lasso2d"), lang=lang)


def distinct_caveats(texts) -> list[str]:
    """Caveat texts with sentences that an earlier text already said removed (sources repeat shared warnings)."""
    seen: set[str] = set()
    result = []
    for text in texts:
        sentences = [s for s in re.split(r"(?<=[.;])\s+", text or "") if s]
        fresh = [s for s in sentences if s not in seen]
        seen.update(sentences)
        if fresh:
            result.append(" ".join(fresh))
    return result


def flows_info(view: FlowsView, lang: str) -> html.Div:
    """Under the map and the Sankey: which year is shown, how to read the map, and the table of all corridors."""
    store = get_store()
    selection = view.selection
    notice = (dbc.Alert(t("corridors.year_fallback", lang, source=fig.revision_label(store, selection.source, lang),
                          year=view.requested_year, shown=selection.year), color="info", className="py-2 small mb-2")
              if view.requested_year != selection.year else None)
    table_rows = [[store.country_name(r.origin, lang), store.country_name(r.destination, lang),
                   format_value(r.value, "persons", lang), r.year, fig.revision_label(store, r.source, lang)]
                  for r in view.rows.itertuples()]
    table = (common.table([t("corridors.origin", lang), t("corridors.destination", lang),
                           t("corridors.persons", lang), t("common.year", lang), t("common.source", lang)],
                          table_rows, caption=t("corridors.map_table_caption", lang))
             if table_rows else html.P(t("corridors.no_flows", lang)))
    return html.Div([
        notice,
        html.P(view.frame.note, className="small mb-1 flows-note"),
        coverage_note(view, lang),
        html.Details([html.Summary(t("corridors.flows_table_summary", lang)), table], className="mb-1 small"),
    ])


def coverage_note(view: FlowsView, lang: str) -> html.P | None:
    """For one origin's destinations (or one destination's origins): what part of that country's published total
    the corridors held here are, when they are clearly not all of it (the United States: 3% of its emigrants).
    With numbers when the shown revision publishes the total; for the other revision or one sex, judged from the
    default revision's totals and said without numbers."""
    selection, store = view.selection, get_store()
    if selection.mode not in ("origin", "destination") or view.rows.empty:
        return None
    direction, iso3 = (("emigrants", selection.origin) if selection.mode == "origin"
                       else ("immigrants", selection.destination))
    name = store.country_name(iso3, lang)
    total = published_total(store, direction, iso3, selection.year, selection.source)
    if selection.sex == "total" and total is not None:
        covered = coverage_pct(view.rows["value"].sum(), total)
        if covered >= PARTIAL_COVERAGE_BELOW:
            return None
        return html.P(t(f"corridors.coverage_{direction}", lang, covered=format_value(covered, "%", lang),
                        total=format_number(total, lang), country=name, year=selection.year),
                      className="small mb-1 coverage-note")
    reference = replace(selection, sex="total", source=revision_sources()[0])
    covered = coverage_pct(fig.flows(store, reference)["value"].sum(),
                           published_total(store, direction, iso3, selection.year, reference.source))
    if covered is None or covered >= PARTIAL_COVERAGE_BELOW:
        return None
    return html.P(t(f"corridors.coverage_partial_{direction}", lang, country=name),
                  className="small mb-1 coverage-note")


def flows_sources(view: FlowsView, lang: str) -> html.Div:
    """Source line, definition and caveats of the map and the Sankey: they change with the revision and sex only."""
    store = get_store()
    meta = store.indicator_meta(view.selection.measure, lang)
    return html.Div([
        common.source_line(store, [view.selection.source, GEOMETRY_SOURCE], lang),
        html.P(common.technical(meta.get("definition", ""), lang), className="small mb-1"),
        common.caveats(distinct_caveats([store.source_meta(view.selection.source, lang).get("caveats", ""),
                                         meta.get("caveats", "")]), lang),
        common.disclaimer(geo.disclaimer(lang), geo.attribution(lang)),
    ])


def flows_csv(selection: fig.Selection, lang: str = "en") -> pd.DataFrame:
    """The corridors the map and the Sankey show (all of them), with names and provenance."""
    rows = flows_view(selection, lang).rows
    return with_provenance(rows.assign(measure=selection.measure, unit="persons"), lang)


def with_provenance(rows: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Country names and the source's publisher, vintage and licence next to each value (in `lang`)."""
    store = get_store()
    out = rows.copy()
    for side in ("origin", "destination"):
        if side in out:
            out.insert(out.columns.get_loc(side) + 1, f"{side}_name",
                       [store.country_name(c, lang) for c in out[side]])
    return add_provenance(store, out, lang=lang)


# ---------------------------------------------------------------------------------------------------------------
# Controls
# ---------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _endpoint_options(side: str, lang: str) -> tuple[tuple[str, str], ...]:
    """Countries that appear as origins (or destinations) of a stock corridor, by name."""
    store = get_store()
    codes = set()
    for source in revision_sources():
        codes |= set(store.corridors("stock_total", source=source)[side].unique())
    named = [(store.country_name(c, lang), c) for c in codes if store.country(c)]
    return tuple(sorted(named))


@lru_cache(maxsize=2)
def _country_options(lang: str) -> tuple[tuple[str, str], ...]:
    store = get_store()
    return tuple(sorted((store.country_name(c, lang), c) for c in store.countries()["iso3"]))


def _options(pairs) -> list[dict]:
    return [{"label": label, "value": value} for label, value in pairs]


def controls(state: dict, selection: fig.Selection, lang: str) -> dbc.Row:
    years = all_years()
    store = get_store()
    return dbc.Row([
        dbc.Col([
            dbc.Label(t("corridors.year_label", lang), html_for=Corridors.YEAR),
            dcc.Slider(id=Corridors.YEAR, min=years[0], max=years[-1], step=None, value=state["year"],
                       marks={y: str(y) for y in years}, included=False),
            dbc.Label(t("corridors.sex_label", lang), html_for=Corridors.SEX, className="mt-2"),
            dbc.RadioItems(id=Corridors.SEX, value=selection.sex, inline=True,
                           options=[{"label": t(f"corridors.sex_option_{s}", lang), "value": s} for s in fig.SEXES]),
        ], lg=4),
        dbc.Col([
            dbc.Label(t("corridors.mode_label", lang), html_for=Corridors.MODE),
            dbc.RadioItems(id=Corridors.MODE, value=selection.mode,
                           options=[{"label": t(f"corridors.mode_{m}", lang), "value": m} for m in fig.MODES]),
        ], lg=3),
        dbc.Col([
            dbc.Label(t("corridors.origin_label", lang), html_for=Corridors.ORIGIN),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=Corridors.ORIGIN, options=_options(_endpoint_options("origin", lang)),
                         value=selection.origin or state.get("origin") or fig.DEFAULT_ORIGIN, clearable=False,
                         disabled=selection.mode != "origin"),
            dbc.Label(t("corridors.destination_label", lang), html_for=Corridors.DESTINATION, className="mt-2"),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=Corridors.DESTINATION, options=_options(_endpoint_options("destination", lang)),
                         value=selection.destination or state.get("destination") or fig.DEFAULT_DESTINATION,
                         clearable=False, disabled=selection.mode != "destination"),
        ], lg=2),
        dbc.Col([
            dbc.Label(t("corridors.source_label", lang), html_for=Corridors.SOURCE),
            dbc.RadioItems(id=Corridors.SOURCE, value=selection.source,
                           options=[{"label": fig.revision_label(store, s, lang), "value": s} for s in revision_sources()]),
        ], lg=3),
    ], className="g-3 mb-2 controls")


# ---------------------------------------------------------------------------------------------------------------
# Corridor card
# ---------------------------------------------------------------------------------------------------------------
def _dated(lang: str, key: str, **when) -> str:
    """A card's label with its year or period, or without one when there is no value ("Migrants", not "Migrants,
    —")."""
    if any(value is None for value in when.values()):
        return t(f"{key}_undated", lang)
    return t(key, lang, **when)


def card_corridor(state: dict, flows: FlowsView) -> tuple[str, str]:
    """The corridor in the URL, else Uzbekistan → Russia (default view) or the selection's largest corridor."""
    if state.get("corridor"):
        return fig.parse_corridor_id(state["corridor"])
    return fig.default_corridor(flows.selection, flows.rows)


def _stat(label: str, value: str, note: str, *, key: str) -> dbc.Col:
    return dbc.Col(html.Div([
        html.Div(label, className="small text-muted"),
        html.Div(value, className="fs-4 fw-semibold", **{"data-stat": key}),
        html.Div(note, className="small"),
    ], className="border rounded p-2 h-100"), md=6, xl=True, className="mb-2")


def _latest(rows: pd.DataFrame, order: str = "year"):
    return rows.sort_values(order).iloc[-1] if len(rows) else None


@lru_cache(maxsize=256)
def card_body_sent(origin: str, destination: str, source: str, lang: str) -> dict:
    """The card as the callback sends it (see common.serialised), cached per corridor."""
    return common.serialised(card_body(origin, destination, source, lang))


@lru_cache(maxsize=256)
def card_body(origin: str, destination: str, source: str, lang: str) -> html.Div:
    """Everything about one corridor: stock over time, women's share, remittance estimate, cost, caveats.
    Cached per corridor: the data do not change while the app runs."""
    store = get_store()
    if origin == destination:
        return html.P(t("corridors.card_same_country", lang), className="text-muted")
    card = fig.corridor_card(store, origin, destination, source)
    name = fig.corridor_name(store, origin, destination, lang)
    heading = html.H3(t("corridors.card_title", lang, corridor=name), className="h5")
    if card.is_empty:
        return html.Div([heading, html.P(t("corridors.card_no_data", lang), className="text-muted")])
    selected = card.stock[card.stock["source"] == source]
    stock, share = _latest(selected), _latest(card.women_share)
    remittances, cost = _latest(card.remittances), _latest(card.cost, "period")
    no_data = t("common.no_data", lang)
    stats = [
        _stat(_dated(lang, "corridors.card_stock_label", year=stock.year if stock is not None else None),
              format_value(stock.value, "persons", lang) if stock is not None else no_data,
              fig.revision_label(store, source, lang), key="stock"),
        _stat(_dated(lang, "corridors.card_share_label", year=share.year if share is not None else None),
              format_value(share.value, "%", lang) if share is not None else no_data,
              t("corridors.card_share_derived", lang, source=fig.revision_label(store, source, lang)), key="women_share"),
        # The year of the matrix shown (2021 by default since the December 2022 KNOMAD matrix; 2017 before).
        _stat(_dated(lang, "corridors.card_remittances_label",
                     year=remittances.year if remittances is not None else None),
              format_value(remittances.value, "US$", lang) if remittances is not None else no_data,
              t("corridors.card_remittances_estimate", lang), key="remittances"),
        _stat(_dated(lang, "corridors.card_cost_label",
                     period=format_period(cost.period, lang) if cost is not None else None),
              format_value(cost.value, "%", lang) if cost is not None else no_data,
              t("corridors.card_cost_source", lang), key="cost"),
    ]
    citizens = _latest(card.citizens_present)
    if citizens is not None:  # corridors to Russia: the FMS count, which answers another question
        stats.append(_stat(t("corridors.card_citizens_label", lang, year=citizens.year),
                           format_value(citizens.value, "persons", lang), t("corridors.card_citizens_note", lang),
                           key="citizens_present"))
    charts = [dbc.Col(_graph(fig.stock_figure(store, card, source, lang), "stock", lang), lg=5)]
    charts.append(dbc.Col(_graph(fig.share_figure(card, lang), "women-share", lang) if len(card.women_share)
                          else html.P(no_data, className="text-muted"), lg=3))
    charts.append(dbc.Col(_graph(fig.cost_figure(card, lang), "cost", lang) if len(card.cost)
                          else html.P(t("corridors.card_cost_none", lang), className="small text-muted mt-4"), lg=4))
    rows = card_csv_rows(card)
    sources = list(dict.fromkeys(rows["source"]))
    caveat_texts = distinct_caveats(store.source_meta(s, lang).get("caveats", "") for s in sources)
    return html.Div([
        heading,
        dbc.Row(stats, className="g-2"),
        dbc.Row(charts, className="g-2"),
        common.source_line(store, sources, lang),
        common.caveats(caveat_texts, lang),
        html.Details([html.Summary(t("corridors.card_table_summary", lang)), card_table(card, rows, lang)],
                     className="mt-2 small"),
    ], **{"data-corridor": fig.corridor_id(origin, destination)})


def _graph(figure: dict, name: str, lang: str | None = None) -> html.Div:
    return html.Div([
        dcc.Graph(figure=figure, config=common.graph_config(mode_bar=False, lang=lang),
                  className=f"corridor-card-graph corridor-card-{name}"),
        share.image_buttons(f"corridor-card-{name}", lang or "en", source_from=f"#{Corridors.CARD}",
                            filename=f"corridor-{name}", selector=f".corridor-card-{name}"),
    ])


def card_csv_rows(card: fig.CorridorCard) -> pd.DataFrame:
    """The card's figures in one long table: measure, year or period, value, source."""
    parts = []
    for key, measure in (("stock", "stock_total"), ("women_share", "women_share"), ("knomad_stock", "stock_total"),
                         ("citizens_present", "citizens_present"), ("remittances", "remittances_usd"),
                         ("cost", "cost_pct")):
        rows = getattr(card, key)
        if rows.empty:
            continue
        period = rows["period"] if "period" in rows else rows["year"].astype(str)
        parts.append(pd.DataFrame({"origin": card.origin, "destination": card.destination, "measure": measure,
                                   "period": period.astype(str), "value": rows["value"], "source": rows["source"]}))
    if not parts:
        return pd.DataFrame(columns=["origin", "destination", "measure", "period", "value", "source"])
    return pd.concat(parts, ignore_index=True)


MEASURE_UNITS = {"stock_total": "persons", "citizens_present": "persons", "women_share": "%",
                 "remittances_usd": "US$", "cost_pct": "%"}


def card_table(card: fig.CorridorCard, rows: pd.DataFrame, lang: str):
    """The card's figures (`card_csv_rows`) as a table."""
    store = get_store()
    body = [[t(f"corridors.measure_{r.measure}", lang), format_period(r.period, lang),
             format_value(r.value, MEASURE_UNITS[r.measure], lang), fig.revision_label(store, r.source, lang)]
            for r in rows.itertuples()]
    name = fig.corridor_name(store, card.origin, card.destination, lang)
    return common.table([t("corridors.measure", lang), t("corridors.period", lang), t("common.value", lang),
                         t("common.source", lang)], body, caption=t("corridors.card_table_caption", lang, corridor=name))


def card_csv(origin: str, destination: str, source: str, lang: str = "en") -> pd.DataFrame:
    rows = card_csv_rows(fig.corridor_card(get_store(), origin, destination, source))
    return with_provenance(rows.assign(unit=rows["measure"].map(MEASURE_UNITS)), lang)


def card_section(state: dict, flows: FlowsView, lang: str) -> html.Section:
    origin, destination = card_corridor(state, flows)
    options = _options(_country_options(lang))
    return html.Section([
        html.H2(t("corridors.card_heading", lang), className="h5"),
        dbc.Row([
            dbc.Col([dbc.Label(t("corridors.card_from", lang), html_for=Corridors.CARD_ORIGIN),
                     dcc.Dropdown(labels=common.dropdown_labels(lang), id=Corridors.CARD_ORIGIN, options=options, value=origin, clearable=False)], md=4),
            dbc.Col([dbc.Label(t("corridors.card_to", lang), html_for=Corridors.CARD_DESTINATION),
                     dcc.Dropdown(labels=common.dropdown_labels(lang), id=Corridors.CARD_DESTINATION, options=options, value=destination,
                                  clearable=False)], md=4),
            dbc.Col([dbc.Button(t("corridors.download_card", lang), id=Corridors.CARD_DOWNLOAD_BUTTON, size="sm",
                                color="secondary", outline=True, n_clicks=0),
                     dcc.Download(id=Corridors.CARD_DOWNLOAD)], md=4, className="d-flex align-items-end"),
        ], className="g-3 mb-2"),
        dcc.Loading(html.Div(card_body(origin, destination, flows.selection.source, lang), id=Corridors.CARD),
                    delay_show=400),
    ], className="corridor-card mt-4 p-3 border rounded", id="corridor-card-section")


# ---------------------------------------------------------------------------------------------------------------
# Sources side by side
# ---------------------------------------------------------------------------------------------------------------
COUNTS_KEYS = {"fms": "counts_citizens", "undesa": "counts_foreign_born", "knomad": "counts_foreign_born_estimate"}


def comparison_origins() -> tuple[str, ...]:
    return fig.group_members(get_store(), fig.ORIGIN_GROUP)


@lru_cache(maxsize=4)
def comparison_section(lang: str) -> html.Section:
    """Corridors to Russia in every source, with what each counts and its date (the same on every page load)."""
    store = get_store()
    origins = comparison_origins()
    rows = fig.comparison(store, origins)
    header = ([t("corridors.compare_source_col", lang), t("corridors.compare_counts_col", lang)]
              + [store.country_name(o, lang) for o in origins])
    body = []
    for index, spec in enumerate(fig.COMPARISON_ROWS):
        part = rows[rows["row"] == index].set_index("origin")["value"]
        body.append([fig.comparison_label(store, spec, lang), t(f"corridors.{COUNTS_KEYS[spec.key]}", lang)]
                    + [format_value(part[o], "persons", lang) if o in part else t("common.no_data", lang)
                       for o in origins])
    sources = [spec.source for spec in fig.COMPARISON_ROWS]
    return html.Section([
        html.H2(t("corridors.compare_heading", lang), className="h5"),
        html.P(t("corridors.compare_intro", lang), className="small"),
        dcc.Graph(id=Corridors.COMPARISON_GRAPH, figure=fig.comparison_figure(store, rows, origins, lang),
                  config=graph_config("central-asians-in-russia-by-source", lang)),
        common.source_line(store, sources, lang),
        common.caveats(distinct_caveats([store.indicator_meta("citizens_present", lang).get("caveats", ""),
                                         store.indicator_meta("stock_total", lang).get("caveats", "")]), lang),
        html.Details([html.Summary(t("common.show_table", lang)),
                      common.table(header, body, caption=t("corridors.compare_table_caption", lang))],
                     className="small", open=True),
        dbc.Button(t("corridors.download_comparison", lang), id=Corridors.COMPARISON_DOWNLOAD_BUTTON, size="sm",
                   color="secondary", outline=True, n_clicks=0, className="mt-1"),
        dcc.Download(id=Corridors.COMPARISON_DOWNLOAD),
        share.image_buttons(Corridors.COMPARISON_GRAPH, lang, source_from=f"#{Corridors.COMPARISON}",
                            filename="central-asia-corridors-comparison"),
    ], id=Corridors.COMPARISON, className="mt-4")


def comparison_csv(lang: str = "en") -> pd.DataFrame:
    rows = fig.comparison(get_store(), comparison_origins()).drop(columns="row")
    return with_provenance(rows.assign(destination=fig.COMPARISON_DESTINATION, unit="persons")
                           [["origin", "destination", "measure", "year", "value", "unit", "source"]], lang)


# ---------------------------------------------------------------------------------------------------------------
# Page
# ---------------------------------------------------------------------------------------------------------------
def layout(state: dict, lang: str, **_) -> html.Div:
    selection = selection_from(state)
    flows = flows_view(selection, lang)
    frame = flows.frame
    return html.Div([
        html.H1(t("corridors.heading", lang), className="h4"),
        html.P(t("corridors.intro", lang), className="small"),
        controls(state, selection, lang),
        dcc.Store(id=Corridors.MAP_SCOPE, data=frame.scope),
        dbc.Row([
            dbc.Col(dcc.Loading(dcc.Graph(id=Corridors.MAP, className="flow-map", style={"height": MAP_HEIGHT},
                                          figure=fig.build_flow_map(geo.geojson(frame.scope), frame,
                                                                    common.geometry_url(frame.scope)),
                                          config=common.geo_graph_config("central-asia-corridors-map", lang)),
                                delay_show=400), lg=7),
            dbc.Col(dcc.Loading(dcc.Graph(id=Corridors.SANKEY, figure=flows.sankey,
                                          config=graph_config("central-asia-corridors-sankey", lang)), delay_show=400),
                    lg=5),
        ]),
        html.Div(flows.info, id=Corridors.FLOWS_INFO),
        html.Div(flows.sources, id=Corridors.FLOWS_SOURCES),
        dbc.Button(t("corridors.download_flows", lang), id=Corridors.FLOWS_DOWNLOAD_BUTTON, size="sm",
                   color="secondary", outline=True, n_clicks=0, className="mt-1"),
        dcc.Download(id=Corridors.FLOWS_DOWNLOAD),
        html.Div([share.image_buttons(Corridors.MAP, lang, source_from=f"#{Corridors.FLOWS_SOURCES}",
                                      filename="central-asia-corridors-map"),
                  share.image_buttons(Corridors.SANKEY, lang, source_from=f"#{Corridors.FLOWS_SOURCES}",
                                      filename="central-asia-corridors-sankey")], className="d-flex gap-3 mt-1"),
        card_section(state, flows, lang),
        comparison_section(lang),
    ], className="view-corridors")
