"""The cost of sending money from Russia to the chosen countries."""
from __future__ import annotations

from functools import lru_cache


from data.query import get_store
from figures.remittances import cost as cost_fig
from figures.remittances.cost import COST_MEASURE, CostData, build_cost_figure, period_label, period_start
from figures.remittances.parts import PAYER, country_name, drawn_template, labels_for, wide_body, wide_rows
from i18n import t
from layouts import common
from layouts.remittances.parts import (caveats_block, caveats_sent, list_of, names_of, note_list, note_list_sent,
                                       source_line_sent,
                                       table_block, table_block_sent)
from layouts.made import html


def cost_data(state: dict) -> CostData:
    return cost_fig.cost_data(get_store(), tuple(state["countries"]))


def cost_outputs(countries: tuple[str, ...], lang: str) -> tuple:
    """The cost chart and the block under it, serialised: the chart from each corridor's line kept per language
    (figures/remittances/cost.assemble_cost_figure), the block from its source line and caveats kept serialised
    (what `_cost_block` makes whole)."""
    store = get_store()
    data = cost_fig.cost_lines(store, countries)
    payer = country_name(store, PAYER, lang)
    figure = drawn_template(cost_fig.assemble_cost_figure(store, data, lang=lang, title=_cost_title(lang),
                                                          subtitle=t("remittances.cost_subtitle", lang),
                                                          empty_text=_cost_empty_text(data, countries, payer,
                                                                                      lang)))
    used = data.used or tuple(store.corridor_sources(COST_MEASURE)[:1])
    info = {"props": {"children": [
        source_line_sent(used, lang) if used else None,
        note_list_sent(_cost_notes(store, data, used, payer, lang)),
        caveats_sent(COST_MEASURE, used, lang),
    ]}, "type": "Div", "namespace": "dash_html_components"}
    return figure, info


@common.kept_compact(16)  # ~39 kB each as JSON bytes; sizes measured: serving/memory.py
def cost_outputs_reference(countries: tuple[str, ...], lang: str) -> tuple:
    """`cost_outputs` from the frames and components, as it was (the tests compare both)."""
    return tuple(map(common.serialised, _cost_block(countries, lang)))


def _cost_empty_text(data, countries, payer: str, lang: str) -> str:
    return (t("remittances.no_countries", lang) if not countries else
            t("remittances.cost_no_corridor", lang, payer=payer,
              countries=list_of(data.no_corridor or countries, lang)))


def _cost_notes(store, data, used, payer: str, lang: str) -> list[str]:
    notes = []
    if data.last_period:
        notes.append(t("remittances.cost_gap_note", lang, vintage=store.source_meta(used[0], lang)["vintage"],
                       period=period_label(data.last_period, lang)))
    if data.no_corridor:
        notes.append(t("remittances.cost_no_corridor", lang, payer=payer, countries=list_of(data.no_corridor, lang)))
    return notes


def cost_block(state: dict, lang: str):
    """The cost chart and the block under it (they depend on the chosen countries only)."""
    return _cost_block(tuple(state["countries"]), lang)


@lru_cache(maxsize=2)  # the page's components (1 hit in 75 in a worker): the callbacks repeat cost_outputs above
def _cost_block(countries: tuple[str, ...], lang: str):
    store = get_store()
    data = cost_fig.cost_data(store, countries)
    payer = country_name(store, PAYER, lang)
    figure = drawn_template(build_cost_figure(
        data, names=names_of(data.order, lang),
        source_labels=labels_for(store, [*data.rows["source"], *data.derived["source"]], lang), lang=lang,
        title=_cost_title(lang), subtitle=t("remittances.cost_subtitle", lang),
        empty_text=_cost_empty_text(data, countries, payer, lang)))
    used = list(dict.fromkeys([*data.rows["source"], *data.derived["source"]])) or \
        store.corridor_sources(COST_MEASURE)[:1]
    info = html.Div([
        common.source_line(store, used, lang) if used else None,
        note_list(_cost_notes(store, data, used, payer, lang)),
        caveats_block(store, COST_MEASURE, used, lang),
    ])
    return figure, info


def cost_table(data: CostData, lang: str):
    codes, body = wide_rows(data.rows, data.order, "%", lang, code_column="origin", index="period",
                            label=lambda period: period_label(period, lang), sort_key=period_start)
    return table_block([t("remittances.table_period", lang), *names_of(codes, lang).values()], body, lang,
                  _cost_title(lang))


def cost_table_sent(countries, lang: str) -> dict:
    """`common.serialised(cost_table(…))` from the rows kept per corridor, without a component per cell."""
    store = get_store()
    data = cost_fig.cost_lines(store, countries)
    rows = cost_fig.corridor_rows(store)
    cells = {(period, code): value for code in data.order for period, value, _ in rows[code]}
    body = wide_body(cells, [period for period, _ in cells], data.order, "%", lang,
                     label=lambda period: period_label(period, lang), sort_key=period_start)
    return table_block_sent([t("remittances.table_period", lang), *names_of(data.order, lang).values()], body, lang,
                            _cost_title(lang))


def _cost_title(lang: str) -> str:
    return t("remittances.cost_title", lang, country=country_name(get_store(), PAYER, lang))
