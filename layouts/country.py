"""Country profiles: `/country` lists the countries, `/country/<ISO3>` is one country's printable brief.

A function of (state, lang, iso3): every number comes from `figures.country`, which reads the query API.
An unknown or malformed code gets a polite "no such country" page, never an error.
"""
from __future__ import annotations

import re
from functools import cache
from urllib.parse import unquote

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.query import get_store
from figures import country as facts
from figures.common import source_label
from figures.key_figures import statement
from i18n import format_number, format_value, has_key, t
from layouts import common
from layouts import share
from layouts.revisions import revisions_block
from layouts.ids import Country
from layouts.key_figures import STRATEGY_UNIT_KEYS
from state import Param

ISO3_PATTERN = re.compile(r"[A-Za-z]{3}")
SHOWN_CODE_LENGTH = 24  # an unknown code is echoed back, but never a long one


def params() -> list[Param]:
    # The profile's country lives in the path; the language is added by the router. Nothing else to choose.
    return []


# --- links -------------------------------------------------------------------------------------------------------
def profile_href(iso3: str, lang: str) -> str:
    return f"/country/{iso3}?lang={lang}"


def corridors_href(lang: str, *, origin: str | None = None, destination: str | None = None,
                   corridor: tuple[str, str] | None = None) -> str:
    """Links into the corridors view: all corridors from a country, into one, or one corridor."""
    if corridor:
        return f"/corridors?corridor={corridor[0]}-{corridor[1]}&lang={lang}"
    if origin:
        return f"/corridors?mode=origin&origin={origin}&lang={lang}"
    return f"/corridors?mode=destination&destination={destination}&lang={lang}"


def resolve(raw: str | None) -> str | None:
    """The store's code for a path part (`uzb` → `UZB`), or None if there is no such country or group."""
    if not raw or not ISO3_PATTERN.fullmatch(raw.strip()):
        return None
    code = raw.strip().upper()
    return code if get_store().country(code) is not None else None


# --- pieces ------------------------------------------------------------------------------------------------------
def short_source(store, source: str, lang: str = "en") -> str:
    """What fits under a headline figure: publisher and vintage; the full title is in the source list below."""
    meta = store.source_meta(source, lang)
    return f"{meta['publisher']} ({meta['vintage']})"


@cache
def country_options(store, lang: str) -> list[dict]:
    countries = store.countries()
    return sorted(({"label": store.country_name(iso3, lang), "value": iso3} for iso3 in countries["iso3"]),
                  key=lambda option: option["label"])


def selector(store, lang: str, value: str | None, placeholder_key: str) -> dcc.Dropdown:
    return dcc.Dropdown(labels=common.dropdown_labels(lang), id=Country.SELECT, options=country_options(store, lang), value=value, clearable=False,
                        searchable=True, placeholder=t(placeholder_key, lang))


def fact_card(store, fact: facts.Fact, lang: str) -> dbc.Col:
    label = t(f"country.fact_{fact.key}", lang)
    if fact.not_reported:
        body = [html.Div(t("common.not_reported", lang), className="fact-value text-muted"),
                html.Div(t("country.fact_not_reported", lang), className="fact-meta small text-muted")]
    elif fact.missing:
        body = [html.Div(t("common.no_data", lang), className="fact-value text-muted"),
                html.Div(t("country.fact_missing", lang), className="fact-meta small text-muted")]
    else:
        body = [html.Div(format_value(fact.value, fact.unit, lang), className="fact-value"),
                html.Div([t("country.fact_year_source", lang, year=fact.year),
                          dcc.Link(short_source(store, fact.source, lang), href=f"/sources?lang={lang}#{fact.source}",
                                   title=source_label(store, fact.source, lang))],
                         className="fact-meta small text-muted")]
    return dbc.Col(html.Div([html.Div(label, className="fact-label small")] + body,
                            className="fact-card" + (" fact-missing" if fact.missing else ""),
                            id=f"country-fact-{fact.key}", **{"data-indicator": fact.indicator}),
                   xs=6, md=4, xl=3, className="mb-2")


def rank_card(store, rank: facts.Rank | None, lang: str, *, not_reported: bool = False) -> dbc.Col:
    if rank is None:
        body = [html.Div((t("common.not_reported", lang) if not_reported else t("common.no_data", lang)),
                         className="fact-value text-muted"),
                html.Div(t("country.rank_missing", lang), className="fact-meta small text-muted")]
    else:
        body = [html.Div(t("country.rank_value", lang, rank=format_number(rank.rank, lang),
                           of=format_number(rank.of, lang)), className="fact-value"),
                html.Div([t("country.rank_detail", lang, value=format_value(rank.value, "%", lang), year=rank.year),
                          " ", dcc.Link(short_source(store, rank.source, lang), href=f"/sources?lang={lang}#{rank.source}",
                                        title=source_label(store, rank.source, lang))],
                         className="fact-meta small text-muted")]
    return dbc.Col(html.Div([html.Div(t("country.rank_heading", lang), className="fact-label small")] + body,
                            className="fact-card fact-rank", id=Country.RANK),
                   xs=6, md=4, xl=3, className="mb-2")


def headline_sections(store, iso3: str, lang: str, fact_list: list[facts.Fact], rank) -> html.Div:
    by_key = {fact.key: fact for fact in fact_list}
    sections = []
    for section, items in facts.SECTIONS.items():
        cards = [fact_card(store, by_key[key], lang) for key, _ in items]
        if section == "remittances" and store.country(iso3)["kind"] == "country":
            cards.append(rank_card(store, rank, lang,
                                   not_reported=facts.is_not_reported(store, facts.RANK_INDICATOR, iso3)))
        sections.append(html.Section([html.H2(t(f"country.section_{section}", lang), className="h6 section-title"),
                                      dbc.Row(cards, className="g-2")], className="fact-section"))
    return html.Div(sections, id=Country.HEADLINES)


def group_badges(store, iso3: str, lang: str) -> html.Div:
    groups = facts.memberships(store, iso3)
    if not groups:
        return html.Div(html.Span(t("country.no_groups", lang), className="small text-muted"), id=Country.GROUPS)
    return html.Div([html.Span(t(f"country.badge_{group}", lang), className=f"badge group-badge group-{group} me-1")
                     for group in groups], id=Country.GROUPS, **{"aria-label": t("country.groups_label", lang)})


def header(store, iso3: str, lang: str) -> html.Div:
    meta = store.country(iso3, lang)
    name = store.country_name(iso3, lang)
    def known(field: str) -> bool:
        return isinstance(meta.get(field), str) and bool(meta[field])

    details = []
    if known("wb_region") and known("income_group"):
        details.append(t("country.region_income", lang, region=meta["wb_region"], income=meta["income_group"]))
    if known("capital"):
        details.append(t("country.capital", lang, capital=meta["capital"]))
    is_country = meta["kind"] == "country"
    return html.Div([
        html.Nav(html.Ol([
            html.Li(dcc.Link(t("country.breadcrumb_index", lang), href=f"/country?lang={lang}"),
                    className="breadcrumb-item"),
            html.Li(name, className="breadcrumb-item active", **{"aria-current": "page"}),
        ], className="breadcrumb mb-1"), **{"aria-label": "breadcrumb"}, className="no-print"),
        html.H1(name, className="h3 mb-1"),
        group_badges(store, iso3, lang) if is_country else None,
        html.P(" · ".join(details), className="small text-muted mb-0 mt-1") if details else None,
        None if is_country else html.P(t("country.aggregate_note", lang, name=name), className="small text-muted mb-0"),
    ], className="profile-header")


def toolbar(store, iso3: str, lang: str) -> html.Div:
    return html.Div([
        html.Div([dbc.Label(t("country.select_label", lang), html_for=Country.SELECT, className="small mb-0"),
                  selector(store, lang, iso3 if store.country(iso3)["kind"] == "country" else None,
                           "country.select_placeholder")], className="profile-select"),
        dbc.Button(t("country.print", lang), id=Country.PRINT, n_clicks=0, color="secondary", outline=True,
                   size="sm", className="ms-2"),
        dbc.Button(t("country.download_csv", lang), id=Country.DOWNLOAD_BUTTON, n_clicks=0, color="secondary",
                   outline=True, size="sm", className="ms-2"),
        dcc.Download(id=Country.DOWNLOAD),
    ], className="profile-toolbar d-flex align-items-end no-print controls")


def _plain_number(value: float, lang: str) -> str:
    """A figure as the strategy printed it: 48.1 stays 48.1, 2.64 stays 2.64, 1000000 gets separators."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return format_number(value, lang, decimals)


def indicator_name(store, indicator: str, lang: str) -> str:
    """An indicator's name: translated where a catalogue has it, else the English name of the metadata."""
    meta = store.indicator_meta(indicator, lang)
    key = meta.get("name_key")
    return t(key, lang) if isinstance(key, str) and has_key(key) else meta["name"]


def _compare_cell(store, fact: facts.Fact | None, lang: str, *, with_measure: bool = False):
    if fact is None:
        return t("country.key_figures_no_compare", lang)
    if fact.not_reported:
        return t("common.not_reported", lang)
    if fact.missing and fact.year is None:
        return t("common.no_data", lang)
    if fact.missing:
        value = t("country.key_figures_value_year", lang, value=t("common.no_data", lang), year=fact.year)
    else:
        value = html.Span([
            t("country.key_figures_value_year", lang, value=format_value(fact.value, fact.unit, lang), year=fact.year),
            " ", dcc.Link(short_source(store, fact.source, lang), href=f"/sources?lang={lang}#{fact.source}",
                          title=source_label(store, fact.source, lang), className="small d-block")])
    if with_measure:  # the strategy's wording and ours may name different measures: say which one ours is
        return html.Div([value, html.Div(indicator_name(store, fact.indicator, lang), className="small text-muted")])
    return value


def key_figures_panel(store, iso3: str, lang: str) -> html.Section | None:
    """The IOM strategy's figures for the country beside our current value of the same measure.

    Shown on every profile the strategy has figures for, and (saying so) on Central Asian profiles without any.
    """
    comparisons = facts.key_figure_comparisons(store, iso3)
    name = store.country_name(iso3, lang)
    if not comparisons and "ca5" not in facts.memberships(store, iso3):
        return None
    heading = html.H2(t("country.key_figures_heading", lang), className="h6 section-title")
    link = dcc.Link(t("country.key_figures_all", lang), href=f"/key-figures?lang={lang}", className="small no-print")
    if not comparisons:
        return html.Section([heading, html.P(t("country.key_figures_none", lang, country=name), className="small"),
                             link], id=Country.KEY_FIGURES, className="key-figures-panel")
    rows = []
    for comparison in comparisons:
        figure = comparison.figure
        year = figure.get("year")
        year_text = str(int(year)) if facts.is_present(year) else ""
        number = _plain_number(float(figure["value"]), lang)
        unit_key = STRATEGY_UNIT_KEYS.get(figure["unit"])
        strategy_value = t(unit_key, lang, value=number) if unit_key else f"{number} {figure['unit']}"
        citation = t("country.key_figures_page", lang, citation=common.SLOT, page=figure["strategy_page"])
        rows.append(html.Tr([
            html.Td([statement(store, figure["figure_id"], lang),
                     # the strategy's citations name English-language publications: kept as cited
                     html.Div(common.with_element(citation, common.SLOT, common.english(figure["cited_source"])),
                              className="small text-muted citation")]),
            html.Td(f"{strategy_value} ({year_text})" if year_text else strategy_value),
            html.Td(_compare_cell(store, comparison.then, lang, with_measure=True)),
            html.Td(_compare_cell(store, comparison.latest, lang)),
        ], id=f"country-key-figure-{figure['figure_id']}"))
    table = dbc.Table([
        html.Thead(html.Tr([html.Th(t(f"country.key_figures_{col}", lang), scope="col")
                            for col in ("statement", "strategy", "then", "latest")])),
        html.Tbody(rows),
    ], size="sm", className="data-table key-figures-table")
    return html.Section([
        heading,
        html.P(t("country.key_figures_intro", lang, country=name), className="small mb-1"),
        table,
        common.source_line(store, ["iom_ca_strategy"], lang),
        link,
    ], id=Country.KEY_FIGURES, className="key-figures-panel")


def graph_config(lang: str | None = None) -> dict:
    return common.graph_config(mode_bar=False, lang=lang)


def trend_block(store, key: str, indicator: str, iso3: str, lang: str) -> dbc.Col:
    series = facts.shown_series(store, indicator, iso3)
    unit = store.indicator_meta(indicator, lang)["unit"]
    title = t(f"country.trend_{key}", lang)
    if facts.is_not_reported(store, indicator, iso3):
        content = [html.P(t("common.not_reported", lang), className="small text-muted")]
    elif series.empty:
        content = [html.P(t("country.trend_no_data", lang), className="small text-muted")]
    else:
        names = {source: source_label(store, source, lang) for source in series["source"].unique()}
        figure = facts.trend_figure(series, unit=unit, name=title, lang=lang, source_names=names, iso3=iso3)
        rows = [[str(int(row.year)), format_value(row.value, unit, lang), short_source(store, row.source, lang)]
                for row in series.itertuples()]
        content = [
            dcc.Graph(id=Country.trend(key), figure=figure, config=graph_config(lang), className="country-trend-graph",
                      style={"height": f"{facts.TREND_HEIGHT}px"}),
            html.Details([html.Summary(t("country.trend_table", lang), className="small"),
                          common.table([t("common.year", lang), t("common.value", lang), t("common.source", lang)],
                                       rows)], className="no-print"),
            share.image_buttons(Country.trend(key), lang, source_from=f"#{Country.SOURCES}",
                                filename=f"{iso3}-{key}"),
        ]
    return dbc.Col(html.Div([html.H3(title, className="h6 mb-1")] + content, className="trend-card"),
                   md=6, xl=3, className="mb-2")


def trends(store, iso3: str, lang: str) -> html.Section:
    return html.Section([
        html.H2(t("country.trends_heading", lang), className="h6 section-title"),
        dbc.Row([trend_block(store, key, indicator, iso3, lang) for key, indicator in facts.TRENDS], className="g-2"),
    ], id=Country.TRENDS, className="trends-section")


def corridor_table(store, iso3: str, direction: str, lang: str) -> html.Div:
    name = store.country_name(iso3, lang)
    top = facts.top_corridors(store, iso3, direction)
    if direction == "out":
        all_link = dcc.Link(t("country.corridors_link_out", lang, country=name), href=corridors_href(lang, origin=iso3))
    else:
        all_link = dcc.Link(t("country.corridors_link_in", lang, country=name),
                            href=corridors_href(lang, destination=iso3))
    if top.empty:
        body = [html.P(t(f"country.corridors_{direction}_empty", lang, country=name), className="small text-muted")]
    else:
        year = int(top["year"].iloc[0])
        rows = [html.Tr([
            html.Td(dcc.Link(store.country_name(row.partner, lang),
                             href=corridors_href(lang, corridor=(row.origin, row.destination)),
                             title=t("country.corridors_link_pair", lang, origin=store.country_name(row.origin, lang),
                                     destination=store.country_name(row.destination, lang)))),
            html.Td(format_number(row.value, lang)),
        ]) for row in top.itertuples()]
        body = [
            html.H3(t(f"country.corridors_{direction}_title", lang, country=name, year=year), className="h6"),
            dbc.Table([html.Thead(html.Tr([html.Th(t("country.corridors_partner", lang), scope="col"),
                                           html.Th(t("country.corridors_persons", lang), scope="col")])),
                       html.Tbody(rows)], size="sm", striped=True, className="data-table mb-1"),
            common.source_line(store, list(top["source"].unique()), lang),
        ]
    return html.Div(body + [html.P(all_link, className="small no-print")],
                    id=Country.CORRIDORS_OUT if direction == "out" else Country.CORRIDORS_IN)


def corridors(store, iso3: str, lang: str) -> html.Section:
    return html.Section([
        html.H2(t("country.corridors_heading", lang), className="h6 section-title"),
        dbc.Row([dbc.Col(corridor_table(store, iso3, "out", lang), md=6),
                 dbc.Col(corridor_table(store, iso3, "in", lang), md=6)]),
    ], className="corridors-section")


def sources_block(store, iso3: str, lang: str, fact_list, rank) -> html.Section:
    used = [fact.source for fact in fact_list if fact.source]
    if rank:
        used.append(rank.source)
    for _, indicator in facts.TRENDS:
        used += list(facts.shown_series(store, indicator, iso3)["source"].unique())
    for direction in ("out", "in"):
        used += list(facts.top_corridors(store, iso3, direction)["source"].unique())
    used = list(dict.fromkeys(used))
    # Caveats of every indicator shown, and of those shown as not reported (their caveat says why).
    indicators = [fact.indicator for fact in fact_list if not fact.missing or fact.not_reported]
    caveat_texts = ([store.indicator_meta(indicator, lang).get("caveats", "") for indicator in indicators]
                    + [store.source_meta(source, lang).get("caveats", "") for source in used])
    return html.Section([
        html.H2(t("country.sources_heading", lang), className="h6 section-title"),
        common.source_line(store, used, lang) if used else html.P(t("common.no_data", lang)),
        html.Details([html.Summary(t("common.caveats", lang), className="small"),
                      common.caveats(caveat_texts, lang)], className="profile-caveats"),
    ], id=Country.SOURCES, className="sources-section")


# --- pages -------------------------------------------------------------------------------------------------------
@cache  # a profile depends only on (country, language) and the data, which is loaded once per process
def profile(iso3: str, lang: str) -> html.Div:
    store = get_store()
    fact_list = facts.profile_facts(store, iso3)
    is_country = store.country(iso3)["kind"] == "country"
    rank = facts.remittance_rank(store, iso3) if is_country else None
    return html.Div([
        dcc.Location(id=Country.NAVIGATE, refresh="callback-nav"),
        dcc.Store(id=Country.ISO3, data=iso3),
        dbc.Row([dbc.Col(header(store, iso3, lang), lg=7), dbc.Col(toolbar(store, iso3, lang), lg=5)],
                className="mb-2 align-items-end"),
        headline_sections(store, iso3, lang, fact_list, rank),
        key_figures_panel(store, iso3, lang),
        trends(store, iso3, lang),
        revisions_block(store, [iso3], lang, heading_class="h6 section-title") if is_country else None,
        corridors(store, iso3, lang) if is_country else None,
        sources_block(store, iso3, lang, fact_list, rank),
    ], id=Country.PROFILE, className="view-country country-profile", **{"data-iso3": iso3})


def index(lang: str) -> html.Div:
    store = get_store()
    groups = facts.index_groups(store)
    cards = []
    for group in facts.INDEX_GROUPS:
        members = sorted(groups[group], key=lambda code: store.country_name(code, lang))
        cards.append(dbc.Col(html.Div([
            html.H2(t(f"country.group_{group}", lang), className="h6"),
            html.Ul([html.Li(dcc.Link(store.country_name(code, lang), href=profile_href(code, lang)))
                     for code in members], className="list-unstyled mb-0"),
        ], className="index-group", id=f"country-index-{group}"), md=6, xl=3, className="mb-3"))
    other = set(groups["other"])
    others = [option for option in country_options(store, lang) if option["value"] in other]
    return html.Div([
        dcc.Location(id=Country.NAVIGATE, refresh="callback-nav"),
        html.H1(t("country.index_heading", lang), className="h4"),
        html.P(t("country.index_intro", lang), className="mb-3"),
        dbc.Row(cards),
        html.Div([
            dbc.Label(t("country.index_other", lang), html_for=Country.SELECT),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=Country.SELECT, options=others, value=None, clearable=False, searchable=True,
                         placeholder=t("country.index_other_placeholder", lang)),
        ], className="index-other"),
    ], id=Country.INDEX, className="view-country country-index")


def not_found(raw: str, lang: str) -> html.Div:
    shown = unquote(raw)
    shown = shown if len(shown) <= SHOWN_CODE_LENGTH else shown[:SHOWN_CODE_LENGTH] + "…"
    return html.Div([
        html.H1(t("country.not_found_title", lang), className="h3"),
        html.P(t("country.not_found_body", lang, code=shown)),
        dcc.Link(t("country.not_found_index", lang), href=f"/country?lang={lang}"),
    ], id=Country.NOT_FOUND, className="message-page view-country")


def layout(state: dict, lang: str, iso3: str | None = None, **_) -> html.Div:
    if iso3 is None or iso3 == "":
        return index(lang)
    code = resolve(unquote(iso3))
    if code is None:
        return not_found(iso3, lang)
    return profile(code, lang)
