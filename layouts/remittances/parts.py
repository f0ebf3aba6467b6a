"""Pieces every section of the remittances view uses: country names, note lists, tables, caveats."""
from __future__ import annotations

from data.query import get_store
from figures.common import source_label
from figures.remittances.parts import DEFAULT_SOURCE, names_for
from i18n import t
from layouts import common
from layouts.made import html


def names_of(codes, lang: str) -> dict[str, str]:
    return names_for(get_store(), codes, lang)


def list_of(codes, lang: str) -> str:
    return ", ".join(names_of(codes, lang).values())


def note_list(items) -> html.Ul | None:
    items = [item for item in items if item]
    return html.Ul([html.Li(item) for item in items], className="chart-notes small mb-1") if items else None


_HTML = "dash_html_components"


def note_list_sent(items) -> dict | None:
    """`common.serialised(note_list(items))`, the notes (texts) written as Dash writes a list of them, without
    making components and walking them back."""
    items = [item for item in items if item]
    if not all(type(item) is str for item in items):
        return common.serialised(note_list(items))
    return items_sent(items, "chart-notes small mb-1") if items else None


def items_sent(texts, class_name: str, iso3s=None) -> dict:
    """`common.serialised(html.Ul([html.Li(text, **{"data-iso3": code}) …], className=class_name))` of texts (each
    item without data-iso3 when `iso3s` is None)."""
    items = ([{"props": {"children": text}, "type": "Li", "namespace": _HTML} for text in texts] if iso3s is None
             else [{"props": {"children": text, "data-iso3": code}, "type": "Li", "namespace": _HTML}
                   for text, code in zip(texts, iso3s)])
    return {"props": {"children": items, "className": class_name}, "type": "Ul", "namespace": _HTML}


def shown_note(store, shown_source: str | None, asked: str, lang: str, *, per_country: bool = False) -> list[str]:
    """Which source the chart shows (the other sources are one choice away)."""
    notes = []
    if shown_source:
        notes.append(t("remittances.shown_source", lang, source=source_label(store, shown_source, lang)))
    else:
        if asked not in (None, DEFAULT_SOURCE):
            notes.append(t("remittances.source_unavailable", lang, source=source_label(store, asked, lang)))
        # A line is one release per country (data/query/); a one-year ranking takes each value's newest release.
        notes.append(t("revisions.shown_per_country", lang) if per_country else t("remittances.shown_default", lang))
    return notes


def table_block(header: list[str], rows: list[list], lang: str, caption: str):
    if not rows:
        return html.P(t("common.no_data", lang), className="small text-muted")
    return html.Div(common.table(header, rows, caption=caption), className="table-scroll small")


def table_block_sent(header: list[str], rows: list[list], lang: str, caption: str) -> dict:
    """`common.serialised(table_block(…))` without a component per cell (common.table_sent)."""
    if not rows:
        return common.serialised(table_block(header, rows, lang, caption))
    return {"props": {"children": common.table_sent(header, rows, caption=caption), "className": "table-scroll small"},
            "type": "Div", "namespace": "dash_html_components"}


def caveats_block(store, indicators, sources, lang: str, names: dict[str, str] | None = None) -> html.Details:
    """Definitions and caveats of one indicator (an id) or several (ids, each definition labelled from `names`)."""
    indicators = (indicators,) if isinstance(indicators, str) else tuple(indicators)
    metas = [store.indicator_meta(indicator, lang) for indicator in indicators]
    texts = [meta.get("caveats", "") for meta in metas] + [store.source_meta(s, lang).get("caveats", "") for s in sources]
    definitions = [
        html.P([html.Strong((t("remittances.definition", lang) if len(metas) == 1 else
                             t("remittances.definition_of", lang, name=(names or {}).get(meta["indicator"],
                                                                                         meta["name"]))) + ": "),
                common.technical(meta.get("definition", ""), lang)], className="small mb-1")
        for meta in metas]
    return html.Details([
        html.Summary(t("remittances.show_caveats", lang)),
        *definitions,
        common.caveats(texts, lang),
    ], className="small mb-1")


# The source line and the caveats under a chart are the same for every selection of the same sources: kept
# serialised per sources and language (a block is assembled from them instead of made and walked each time).
@common.kept_compact(64)
def source_line_sent(used: tuple[str, ...], lang: str) -> dict:
    """`common.serialised(common.source_line(store, used, lang))`."""
    return common.serialised(common.source_line(get_store(), used, lang))


@common.kept_compact(64)
def caveats_sent(indicators, used: tuple[str, ...], lang: str) -> dict:
    """`common.serialised(caveats_block(store, indicators, used, lang))` (`indicators` an id or a tuple)."""
    return common.serialised(caveats_block(get_store(), indicators, list(used), lang))
