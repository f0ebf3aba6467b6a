"""Sources and methods: every dataset with publisher, vintage, licence, citation, caveats and what the project did to
it; then the indicators and corridor measures with the order in which their sources are preferred.

Every source line of the app links to `/sources?lang=<lang>#<source id>`: each dataset's card has the source id as
its HTML id, and a small clientside callback (callbacks/sources.py) scrolls it into view once the page is rendered.
Links to publishers are plain links the user may click; nothing is loaded from them.
"""
from __future__ import annotations

import re

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.query import get_store
from i18n import has_key, t, tn
from layouts import common, share
from layouts.ids import Sources
from state import Param

LICENCE_BADGE_COLOUR = "success"


def params() -> list[Param]:
    return []


def sources_table(store):
    """The catalogue of sources for download; list columns joined with ';' as in meta_sources.csv."""
    frame = store.sources()
    for column in ("derived_from", "raw_files"):
        frame[column] = frame[column].map(";".join)
    return frame


# --- pieces ---------------------------------------------------------------------------------------------------------
def publisher_group(store, source: dict, lang: str = "en") -> str:
    """Derived datasets sit with the publisher of what they were computed from, so a reader finds them together."""
    derived_from = list(source["derived_from"])
    return store.source_meta(derived_from[0], lang)["publisher"] if derived_from else source["publisher"]


def grouped_sources(store, lang: str = "en") -> dict[str, list[dict]]:
    """Publisher → its datasets (texts in `lang`), in the catalogue's order."""
    groups: dict[str, list[dict]] = {}
    for source in store.sources(lang).to_dict("records"):
        groups.setdefault(publisher_group(store, source, lang), []).append(source)
    return groups


def slug(text: str) -> str:
    """An id from a name, in any script ('Всемирный банк' → 'всемирный-банк': publishers are named in the page's
    language)."""
    return re.sub(r"[^0-9a-zа-яё]+", "-", text.lower()).strip("-")


def source_link(store, source: str, lang: str) -> html.A:
    """An in-page link to a dataset's card (plain anchor: the browser scrolls, no page change)."""
    meta = store.source_meta(source, lang)
    # The id as a tooltip in English only: on other pages it would read as untranslated words (…_derived).
    return html.A(common.technical(f"{meta['title']} ({meta['vintage']})", lang), href=f"#{source}",
                  title=source if lang == "en" else None)


def external_link(url: str, lang: str):
    """The publisher's address as text and as a link the user may follow (never fetched by the page)."""
    if not url:
        return html.Span(t("sources.no_link", lang), className="text-muted")
    if not re.match(r"https?://", url):
        return html.Span(url)
    return html.Span([html.A(url, href=url, target="_blank", rel="noopener noreferrer external", lang="zxx"),
                      html.Span(" (" + t("sources.link_note", lang) + ")", className="small text-muted")])


def _field(label: str, value) -> list:
    return [html.Dt(label, className="col-sm-3"), html.Dd(value, className="col-sm-9")]


def _processing(store, source: dict, lang: str) -> list:
    parts: list = [html.P(common.technical(source["method"], lang) or t("sources.no_processing", lang),
                          className="mb-1")]
    if source["derived_from"]:
        parts.append(html.Div([
            html.Span(t("sources.derived_from", lang) + ": "),
            html.Ul([html.Li(source_link(store, parent, lang)) for parent in source["derived_from"]],
                    className="mb-1"),
        ]))
    if source["raw_files"]:
        parts.append(html.Details([
            html.Summary(t("sources.raw_files", lang), className="small"),
            html.Ul([html.Li(html.Code(path, lang="zxx")) for path in source["raw_files"]], className="small mb-0"),
        ]))
    return parts


def source_card(store, source: dict, lang: str) -> dbc.Card:
    source_id = source["source"]
    citation_id = Sources.citation(source_id)
    return dbc.Card([
        dbc.CardHeader([
            html.H3(common.technical(source["title"], lang), className="h6 mb-1"),
            html.Div([
                dbc.Badge(t("sources.licence_badge", lang, licence=source["licence"]), color=LICENCE_BADGE_COLOUR,
                          className="me-2 text-wrap text-start licence-badge"),
                html.Span([html.Span(t("sources.publisher", lang) + ": "), html.Strong(common.technical(source["publisher"], lang)), " · ",
                           html.Span(t("sources.vintage", lang) + ": "), html.Strong(source["vintage"])],
                          className="small"),
            ]),
        ]),
        dbc.CardBody(html.Dl([
            *_field(t("sources.source_id", lang), html.Code(source_id, lang="zxx")),
            *_field(t("sources.link", lang), external_link(source["url"], lang)),
            *_field(t("sources.citation", lang), html.Div([
                # A publisher's own citation stays in its language (English): marked so for screen readers.
                html.Span(common.technical(source["citation"], source["citation_lang"]), id=citation_id,
                          className="citation", lang=source["citation_lang"]),
                dcc.Clipboard(target_id=citation_id, id=Sources.copy(source_id), title=t("sources.copy_citation", lang),
                              className="d-inline-block ms-2 text-primary", style={"cursor": "pointer"}),
            ])),
            *_field(t("sources.caveats", lang), common.technical(source["caveats"], lang) or html.Span(t("sources.no_caveats", lang),
                                                                                className="text-muted")),
            *_field(t("sources.processing", lang), html.Div(_processing(store, source, lang))),
        ], className="row mb-0 small")),
    ], id=source_id, className="source-card mb-3")


def cite_box(lang: str) -> dbc.Alert:
    return dbc.Alert([
        html.H2(t("sources.cite_heading", lang), className="h6"),
        html.P(t("sources.cite_body", lang), className="small mb-1"),
        html.Div([
            html.Span(t("sources.cite_text", lang), id=Sources.CITE_TEXT, className="citation small"),
            dcc.Clipboard(target_id=Sources.CITE_TEXT, id=Sources.CITE_COPY, title=t("sources.copy_cite_text", lang),
                          className="d-inline-block ms-2 text-primary", style={"cursor": "pointer"}),
        ]),
    ], color="light", className="border cite-box")


def _name(meta: dict, lang: str) -> str:
    return t(meta["name_key"], lang) if has_key(meta["name_key"]) else meta["name"]


def priority_list(store, priority, lang: str) -> html.Ol:
    return html.Ol([html.Li(source_link(store, source, lang)) for source in priority], className="mb-0 ps-3")


def indicator_table(store, table: str, lang: str) -> dbc.Table:
    header = [t("sources.col_indicator", lang), t("sources.col_name", lang), t("sources.col_unit", lang),
              t("sources.col_definition", lang), t("sources.col_default_rule", lang)]
    rows = [html.Tr([
        html.Td(html.Code(meta["indicator"], lang="zxx")),
        html.Td(_name(meta, lang)),
        html.Td(meta["unit_label"]),
        html.Td([html.Div(common.technical(meta["definition"], lang)),
                 html.Details([html.Summary(t("sources.col_caveats", lang)),
                               html.Div(common.technical(meta["caveats"], lang))],
                              className="text-muted mt-1") if meta["caveats"] else None]),
        html.Td(priority_list(store, meta["source_priority"], lang)),
    ], id=f"indicator-{slug(meta['indicator'])}") for meta in store.indicators(table, lang).to_dict("records")]
    widths = ["13%", "18%", "8%", "33%", "28%"]
    return dbc.Table([
        html.Colgroup([html.Col(style={"width": width}) for width in widths]),
        html.Thead(html.Tr([html.Th(text, scope="col") for text in header])),
        html.Tbody(rows),
    ], size="sm", hover=True, responsive=True, className="small align-top")


def publisher_nav(groups: dict[str, list[dict]], lang: str) -> html.Nav:
    return html.Nav([
        html.H2(t("sources.publishers", lang), className="h6"),
        html.Ul([html.Li(html.A(common.technical(f"{publisher} ({len(items)})", lang),
                                href=f"#{Sources.publisher(slug(publisher))}"))
                 for publisher, items in groups.items()], className="small ps-3"),
        html.Ul([html.Li(html.A(t("sources.indicators_heading", lang), href=f"#{Sources.INDICATORS}"))],
                className="small ps-3"),
        dbc.Button(t("sources.download", lang), id=Sources.DOWNLOAD_BUTTON, n_clicks=0, color="secondary",
                   outline=True, size="sm", className="no-print"),
        dcc.Download(id=Sources.DOWNLOAD),
    ], className="sources-nav", style={"position": "sticky", "top": "1rem"})


def layout(state: dict, lang: str, **_) -> html.Div:
    store = get_store()
    groups = grouped_sources(store, lang)
    sections = [html.Section([
        html.H2(common.technical(publisher, lang), className="h5 mt-3"),
        *[source_card(store, source, lang) for source in items],
    ], id=Sources.publisher(slug(publisher))) for publisher, items in groups.items()]
    return html.Div([
        dcc.Store(id=Sources.SCROLL_TARGET, data=True),
        dcc.Store(id=Sources.SCROLL_DONE),
        html.H1(t("sources.heading", lang), className="h4"),
        html.P(t("sources.intro", lang)),
        html.P(t("sources.count", lang,
                 datasets=tn("sources.n_datasets", sum(len(items) for items in groups.values()), lang),
                 publishers=tn("sources.n_publishers", len(groups), lang)),
               className="small text-muted"),
        dbc.Row([
            dbc.Col(publisher_nav(groups, lang), lg=3, className="mb-3"),
            dbc.Col([
                cite_box(lang),
                *sections,
                html.Section([
                    html.H2(t("sources.indicators_heading", lang), className="h5 mt-4"),
                    html.P(t("sources.indicators_intro", lang), className="small"),
                    indicator_table(store, "indicators", lang),
                    html.H3(t("sources.corridors_heading", lang), className="h6 mt-3"),
                    html.P(t("sources.corridors_intro", lang), className="small"),
                    indicator_table(store, "corridors", lang),
                ], id=Sources.INDICATORS),
                share.machine_data(lang),
            ], lg=9),
        ]),
    ], id=Sources.PAGE, className="view-sources")
