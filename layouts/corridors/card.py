"""The corridor card: everything about one corridor (stock over time, women's share, remittances, cost), its
table and CSV."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from data.query import get_store
from figures.corridors.card import (CardRows, CorridorCard, _plain, card_rows_of, corridor_card, cost_figure, share_figure,
                                   stock_figure)
from figures.corridors.selection import corridor_id, corridor_name, default_corridor, parse_corridor_id, revision_label
from i18n import format_period, format_value, t
from layouts import common
from layouts import share
from layouts.corridors.flows import FlowsView
from layouts.corridors.keys import CARD_LABEL_KEYS, MEASURE_KEYS
from layouts.corridors.parts import (as_options, csv_text, distinct_caveats, fill_table_sent, provenance_of, td_sent,
                                     td_text_sent, tr_sent, with_provenance)
from layouts.ids import Corridors
from layouts.made import dbc, dcc, html
from serving.fast_json.fragment import Fragment


def _dated(lang: str, stat: str, **when) -> str:
    """A card's label with its year or period, or without one when there is no value ("Migrants", not "Migrants,
    —")."""
    dated, undated = CARD_LABEL_KEYS[stat]
    if any(value is None for value in when.values()):
        return t(undated, lang)
    return t(dated, lang, **when)


def card_corridor(state: dict, flows: FlowsView) -> tuple[str, str]:
    """The corridor in the URL, else Uzbekistan → Russia (default view) or the selection's largest corridor."""
    if state.get("corridor"):
        return parse_corridor_id(state["corridor"])
    return default_corridor(flows.selection, flows.rows)


def _stat(label: str, value: str, note: str, *, key: str) -> dbc.Col:
    return dbc.Col(html.Div([
        html.Div(label, className="small text-muted"),
        html.Div(value, className="fs-4 fw-semibold", **{"data-stat": key}),
        html.Div(note, className="small"),
    ], className="border rounded p-2 h-100"), md=6, xl=True, className="mb-2")


def _latest(rows: pd.DataFrame, order: str = "year"):
    return rows.sort_values(order).iloc[-1] if len(rows) else None


def _latest_row(card: CardRows, part: str, source: str, rows: tuple | None = None, order: list | None = None):
    """`_latest` of a part of the card of frames, from its rows as tuples: (year or period, value, source) of the row
    last in the order, where that row is the only one of its year (period); where several tie, pandas' sort of the
    frame chooses, as it did."""
    rows = getattr(card, part) if rows is None else rows
    if not rows:
        return None
    keys = order if order is not None else [row[0] for row in rows]
    top = max(keys)
    if keys.count(top) == 1:
        return rows[keys.index(top)]
    frame = getattr(corridor_card(get_store(), card.origin, card.destination, source), part)
    by = "period" if part == "cost" else "year"
    if part == "stock":
        frame = frame[frame["source"] == source]
    row = _latest(frame, by)
    return row[by], row["value"], row["source"]


# A card is ~0.2 MB as sent and again as components: a few dozen corridors kept per worker, not 256 of each (the
# answers themselves are also in the response cache; a card not kept is rebuilt).
CARDS_KEPT = 32


@lru_cache(maxsize=CARDS_KEPT)  # as JSON bytes: ~32 kB each instead of ~166 kB of dicts
def card_body_json(origin: str, destination: str, source: str, lang: str) -> Fragment:
    """The card as the callback sends it, cached per corridor as its JSON: spliced into each answer as it is (it was
    kept as bytes and parsed back into dicts for each answer, which wrote them again)."""
    return Fragment.of(card_body_sent(origin, destination, source, lang))


def card_body_sent(origin: str, destination: str, source: str, lang: str) -> dict:
    """The card as the callback sends it (`common.serialised(card_body(…))`): serialised with an empty table, whose
    body then gets its rows written as Dash sends them (a component per cell, made and walked, was most of a
    first-time card)."""
    figures: dict[int, dict] = {}
    body, rows = _card_body(origin, destination, source, lang, table_rows=False, figures=figures)
    sent = common.serialised(body)
    if figures:  # plain data already (figures/corridors/card.py): put in place, not walked with the components
        columns = sent["props"]["children"][2]["props"]["children"]
        for place, figure in figures.items():
            columns[place]["props"]["children"]["props"]["children"][0]["props"]["figure"] = figure
    if rows:
        store = get_store()
        fill_table_sent(sent["props"]["children"][-1]["props"]["children"][1], [
            tr_sent([td_text_sent(t(MEASURE_KEYS[measure], lang)), td_text_sent(format_period(period, lang)),
                     td_sent(format_value(value, MEASURE_UNITS[measure], lang)),
                     td_text_sent(revision_label(store, row_source, lang))])
            for measure, period, value, row_source in rows])
    return sent


@lru_cache(maxsize=1)  # the components: asked again only by the page of the same corridor (0 hits in the
# measurement of serving/memory.py), the sent card above is what repeats
def card_body(origin: str, destination: str, source: str, lang: str) -> html.Div:
    """Everything about one corridor: stock over time, women's share, remittance estimate, cost, caveats.
    Cached per corridor: the data do not change while the app runs."""
    return _card_body(origin, destination, source, lang)[0]


def _card_body(origin: str, destination: str, source: str, lang: str, *, table_rows: bool = True,
               figures: dict | None = None) -> tuple[html.Div, list[tuple]]:
    """The card, and its table's rows (`card_rows`); without them in its table unless `table_rows`; given a dict
    `figures`, its charts' figures go there (by column) instead of into its graphs (None there)."""
    store = get_store()
    if origin == destination:
        return html.P(t("corridors.card_same_country", lang), className="text-muted"), []
    card = card_rows_of(store, origin, destination, source)  # rows as tuples: (year or period, value, source)
    name = corridor_name(store, origin, destination, lang)
    heading = html.H3(t("corridors.card_title", lang, corridor=name), className="h5")
    if card.is_empty:
        return html.Div([heading, html.P(t("corridors.card_no_data", lang), className="text-muted")]), []
    stock = _latest_row(card, "stock", source, rows=tuple(row for row in card.stock if row[2] == source))
    share, remittances = _latest_row(card, "women_share", source), _latest_row(card, "remittances", source)
    cost = _latest_row(card, "cost", source, order=list(card.cost_order))
    no_data = t("common.no_data", lang)
    stats = [
        _stat(_dated(lang, "stock", year=stock[0] if stock is not None else None),
              format_value(stock[1], "persons", lang) if stock is not None else no_data,
              revision_label(store, source, lang), key="stock"),
        _stat(_dated(lang, "women_share", year=share[0] if share is not None else None),
              format_value(share[1], "%", lang) if share is not None else no_data,
              t("corridors.card_share_derived", lang, source=revision_label(store, source, lang)), key="women_share"),
        # The year of the matrix shown (2021 by default since the December 2022 KNOMAD matrix; 2017 before).
        _stat(_dated(lang, "remittances",
                     year=remittances[0] if remittances is not None else None),
              format_value(remittances[1], "US$", lang) if remittances is not None else no_data,
              t("corridors.card_remittances_estimate", lang), key="remittances"),
        _stat(_dated(lang, "cost",
                     period=format_period(cost[0], lang) if cost is not None else None),
              format_value(cost[1], "%", lang) if cost is not None else no_data,
              t("corridors.card_cost_source", lang), key="cost"),
    ]
    citizens = _latest_row(card, "citizens_present", source)
    if citizens is not None:  # corridors to Russia: the FMS count, which answers another question
        stats.append(_stat(t("corridors.card_citizens_label", lang, year=citizens[0]),
                           format_value(citizens[1], "persons", lang), t("corridors.card_citizens_note", lang),
                           key="citizens_present"))
    def chart(place: int, figure: dict) -> dict | None:
        if figures is None:
            return figure
        figures[place] = figure
        return None

    charts = [dbc.Col(_graph(chart(0, stock_figure(store, card, source, lang)), "stock", lang), lg=5)]
    charts.append(dbc.Col(_graph(chart(1, share_figure(card, lang)), "women-share", lang) if len(card.women_share)
                          else html.P(no_data, className="text-muted"), lg=3))
    charts.append(dbc.Col(_graph(chart(2, cost_figure(card, lang)), "cost", lang) if len(card.cost)
                          else html.P(t("corridors.card_cost_none", lang), className="small text-muted mt-4"), lg=4))
    rows = card_rows(card)
    sources = list(dict.fromkeys(source for *_, source in rows))
    caveat_texts = distinct_caveats(store.source_meta(s, lang).get("caveats", "") for s in sources)
    return html.Div([
        heading,
        dbc.Row(stats, className="g-2"),
        dbc.Row(charts, className="g-2"),
        common.source_line(store, sources, lang),
        common.caveats(caveat_texts, lang),
        html.Details([html.Summary(t("corridors.card_table_summary", lang)),
                      card_table(card, rows if table_rows else [], lang)], className="mt-2 small"),
    ], **{"data-corridor": corridor_id(origin, destination)}), rows


def _graph(figure: dict, name: str, lang: str | None = None) -> html.Div:
    return html.Div([
        dcc.Graph(figure=figure, config=common.graph_config(mode_bar=False, lang=lang),
                  className=f"corridor-card-graph corridor-card-{name}"),
        share.image_buttons(f"corridor-card-{name}", lang or "en", source_from=f"#{Corridors.CARD}",
                            filename=f"corridor-{name}", selector=f".corridor-card-{name}"),
    ])


CARD_PARTS = (("stock", "stock_total"), ("women_share", "women_share"), ("knomad_stock", "stock_total"),
              ("citizens_present", "citizens_present"), ("remittances", "remittances_usd"), ("cost", "cost_pct"))


def card_csv_rows(card: CorridorCard) -> pd.DataFrame:
    """The card's figures in one long table: measure, year or period, value, source."""
    parts = []
    for key, measure in CARD_PARTS:
        rows = getattr(card, key)
        if rows.empty:
            continue
        period = rows["period"] if "period" in rows else rows["year"].astype(str)
        parts.append(pd.DataFrame({"origin": card.origin, "destination": card.destination, "measure": measure,
                                   "period": period.astype(str), "value": rows["value"], "source": rows["source"]}))
    if not parts:
        return pd.DataFrame(columns=["origin", "destination", "measure", "period", "value", "source"])
    return pd.concat(parts, ignore_index=True)


def card_rows(card: CardRows | CorridorCard) -> list[tuple]:
    """The rows of `card_csv_rows(card)` as (measure, period, value, source) tuples of Python values, in its order,
    without building and joining its DataFrames (a fifth of a first-time card; tests/layouts/corridors/test_card.py
    compares both)."""
    card = _plain(card)
    return [(measure, str(when), value, source) for key, measure in CARD_PARTS
            for when, value, source in getattr(card, key)]


MEASURE_UNITS = {"stock_total": "persons", "citizens_present": "persons", "women_share": "%",
                 "remittances_usd": "US$", "cost_pct": "%"}


def card_table(card: CorridorCard, rows: list[tuple], lang: str):
    """The card's figures (`card_rows`) as a table."""
    store = get_store()
    body = [[t(MEASURE_KEYS[measure], lang), format_period(period, lang),
             format_value(value, MEASURE_UNITS[measure], lang), revision_label(store, source, lang)]
            for measure, period, value, source in rows]
    name = corridor_name(store, card.origin, card.destination, lang)
    return common.table([t("corridors.measure", lang), t("corridors.period", lang), t("common.value", lang),
                         t("common.source", lang)], body, caption=t("corridors.card_table_caption", lang, corridor=name))


CARD_CSV_COLUMNS = ["origin", "origin_name", "destination", "destination_name", "measure", "period", "value", "source",
                    "unit", "publisher", "vintage", "licence"]


def card_csv_text(origin: str, destination: str, source: str, lang: str = "en") -> str:
    """`card_csv(…).to_csv(index=False)`, written from the card's rows (`card_rows`) without a frame."""
    store = get_store()
    rows = card_rows(card_rows_of(store, origin, destination, source))
    provenance = provenance_of(store, (row[3] for row in rows), lang)
    names = (store.country_name(origin, lang), store.country_name(destination, lang))
    return csv_text(CARD_CSV_COLUMNS, [
        (origin, names[0], destination, names[1], measure, period, value, row_source, MEASURE_UNITS[measure],
         *provenance[row_source]) for measure, period, value, row_source in rows])


def card_csv(origin: str, destination: str, source: str, lang: str = "en") -> pd.DataFrame:
    rows = card_csv_rows(corridor_card(get_store(), origin, destination, source))
    return with_provenance(rows.assign(unit=rows["measure"].map(MEASURE_UNITS)), lang)


@lru_cache(maxsize=2)
def _country_options(lang: str) -> tuple[tuple[str, str], ...]:
    store = get_store()
    return tuple(sorted((store.country_name(c, lang), c) for c in store.countries()["iso3"]))


def card_section(state: dict, flows: FlowsView, lang: str) -> html.Section:
    origin, destination = card_corridor(state, flows)
    options = as_options(_country_options(lang))
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
