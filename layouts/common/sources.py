"""Under every chart: the source line (each dataset linked to its entry on the sources page) and the caveats."""
from __future__ import annotations

from i18n import t
from layouts.common.texts import technical
from layouts.made import dcc, html


def sources_href(source: str, lang: str) -> str:
    """A dataset's entry on the sources page."""
    return f"/sources?lang={lang}#{source}"


def source_link(store, source: str, lang: str) -> dcc.Link:
    """'publisher, title (vintage)', linking to the dataset's entry on the sources page."""
    meta = store.source_meta(source, lang)
    return dcc.Link(technical(f"{meta['publisher']}, {meta['title']} ({meta['vintage']})", lang),
                href=sources_href(source, lang))  # layouts/made.py: in every source line


def source_line(store, sources, lang: str, *, prefix_key: str = "common.source") -> html.P:
    """'Source: publisher, title (vintage) · licence', each linking to its entry on the sources page."""
    parts: list = [html.Strong(t(prefix_key, lang) + ": ")]
    for i, source in enumerate(dict.fromkeys(sources)):
        if i:
            parts.append("; ")
        parts.append(source_link(store, source, lang))
        parts.append(f" · {store.source_meta(source, lang)['licence']}")
    return html.P(parts, className="source-line small mb-1")


def caveats(texts, lang: str) -> html.Div:
    items = [text for text in dict.fromkeys(texts) if text]
    if not items:
        return html.Div()
    return html.Details([html.Summary(t("common.caveats_count", lang, n=len(items)), className="small"),
                         html.Ul([html.Li(technical(text, lang)) for text in items], className="small mb-1")],
                        className="caveats")
