"""Components every view uses: source lines, caveats, the map disclaimer, table alternatives."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from i18n import t


def source_line(store, sources, lang: str, *, prefix_key: str = "common.source") -> html.P:
    """'Source: publisher, title (vintage) · licence', each linking to its entry on the sources page."""
    parts: list = [html.Strong(t(prefix_key, lang) + ": ")]
    for i, source in enumerate(dict.fromkeys(sources)):
        meta = store.source_meta(source)
        if i:
            parts.append("; ")
        parts.append(dcc.Link(f"{meta['publisher']}, {meta['title']} ({meta['vintage']})",
                              href=f"/sources?lang={lang}#{source}"))
        parts.append(f" · {meta['licence']}")
    return html.P(parts, className="source-line small mb-1")


def caveats(texts, lang: str) -> html.Div:
    items = [text for text in dict.fromkeys(texts) if text]
    if not items:
        return html.Div()
    return html.Div([html.Strong(t("common.caveats", lang) + ": ", className="small"),
                     html.Ul([html.Li(text) for text in items], className="small mb-1")], className="caveats")


def disclaimer(text: str, attribution: str) -> html.P:
    return html.P([text, " ", attribution], className="map-disclaimer small text-muted mb-0")


def table(header: list[str], rows: list[list], *, caption: str | None = None, **kwargs) -> dbc.Table:
    """A plain table: the accessible alternative to a chart, and what a user can copy."""
    return dbc.Table(
        ([html.Caption(caption)] if caption else [])
        + [html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
           html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows])],
        size="sm", striped=True, hover=True, className="data-table", **kwargs)
