"""Corridors to Russia in every source side by side, with what each counts and its date."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from data.query import get_store
from figures.corridors import comparison as comparison_fig
from figures.corridors.comparison import COMPARISON_DESTINATION, COMPARISON_ROWS, comparison_figure, comparison_label
from figures.corridors.selection import ORIGIN_GROUP, group_members
from i18n import format_value, t
from layouts import common
from layouts import share
from layouts.corridors.keys import COUNTS_KEYS
from layouts.corridors.parts import distinct_caveats, graph_config, with_provenance
from layouts.ids import Corridors
from layouts.made import dbc, dcc, html


def comparison_origins() -> tuple[str, ...]:
    return group_members(get_store(), ORIGIN_GROUP)


@lru_cache(maxsize=4)
def comparison_section(lang: str) -> html.Section:
    """Corridors to Russia in every source, with what each counts and its date (the same on every page load)."""
    store = get_store()
    origins = comparison_origins()
    rows = comparison_fig.comparison(store, origins)
    header = ([t("corridors.compare_source_col", lang), t("corridors.compare_counts_col", lang)]
              + [store.country_name(o, lang) for o in origins])
    body = []
    for index, spec in enumerate(COMPARISON_ROWS):
        part = rows[rows["row"] == index].set_index("origin")["value"]
        body.append([comparison_label(store, spec, lang), t(COUNTS_KEYS[spec.key], lang)]
                    + [format_value(part[o], "persons", lang) if o in part else t("common.no_data", lang)
                       for o in origins])
    sources = [spec.source for spec in COMPARISON_ROWS]
    return html.Section([
        html.H2(t("corridors.compare_heading", lang), className="h5"),
        html.P(t("corridors.compare_intro", lang), className="small"),
        dcc.Graph(id=Corridors.COMPARISON_GRAPH, figure=comparison_figure(store, rows, origins, lang),
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
    rows = comparison_fig.comparison(get_store(), comparison_origins()).drop(columns="row")
    return with_provenance(rows.assign(destination=COMPARISON_DESTINATION, unit="persons")
                           [["origin", "destination", "measure", "year", "value", "unit", "source"]], lang)


@lru_cache(maxsize=2)  # the same table on every page: written once per language
def comparison_csv_text(lang: str = "en") -> str:
    return comparison_csv(lang).to_csv(index=False)
