"""The remittances page: the controls, then each chart with the block under it and its tools."""
from __future__ import annotations

from functools import lru_cache


from data.query import get_store
from figures.remittances.parts import CENTRAL_ASIA
from i18n import t
from layouts import common
from layouts import share
from layouts.ids import Remittances as Ids
from layouts.remittances.controls import controls
from layouts.remittances.cost import cost_block
from layouts.remittances.economy import economy_info
from layouts.remittances.params import rank_years
from layouts.remittances.ranking import ranking_block
from layouts.remittances.trend import outflow_info, trend_figures, trend_info
from layouts.revisions import revisions_block
from layouts.made import dbc, dcc, html

MODE_BAR_REMOVED = ("select2d", "lasso2d", "autoScale2d", "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d")


def _chart_tools(chart: str, button_id: str, download_id: str, lang: str) -> html.Div:
    """Under a chart: open its table (filled when opened, see callbacks) and download its data as CSV."""
    return html.Div([
        html.Div([
            common.table_toggle(Ids.table_toggle(chart), Ids.table(chart), t("remittances.show_table", lang),
                                t("remittances.hide_table", lang), Ids.table_labels(chart)),
            dbc.Button(t("remittances.download_csv", lang), id=button_id, n_clicks=0, size="sm", color="secondary",
                       outline=True),
            dcc.Download(id=download_id),
            share.image_buttons(f"remittances-{chart}-graph", lang, source_from=f"#remittances-{chart}-info",
                                filename=f"central-asia-remittances-{chart}"),
        ], className="d-flex flex-wrap gap-2 mb-2 no-print"),
        *common.table_collapse(Ids.table(chart), Ids.table_body(chart), Ids.table_request(chart)),
    ])


def _graph(graph_id: str, figure, filename: str, lang: str | None = None) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=figure,
                     config=common.graph_config(filename, remove=MODE_BAR_REMOVED, lang=lang),
                     className="remittances-graph")


def _chart_section(chart: str, heading: str, graph_id: str, figure, filename: str, info, lang: str, *,
                   heading_class: str = "h5 mt-4") -> html.Section:
    """One chart on the page: its heading, the chart, the block under it (source, notes) and its tools."""
    button_id, download_id = getattr(Ids, f"{chart.upper()}_DOWNLOAD_BUTTON"), getattr(Ids, f"{chart.upper()}_DOWNLOAD")
    return html.Section([html.H2(heading, className=heading_class), _graph(graph_id, figure, filename, lang), info,
                         _chart_tools(chart, button_id, download_id, lang)], className="chart-section")


@lru_cache(maxsize=8)
def revisions_section(lang: str):
    """Estimated then, reported now, for the five Central Asian countries (independent of the selection)."""
    return revisions_block(get_store(), CENTRAL_ASIA, lang)


def layout(state: dict, lang: str, **_) -> html.Div:
    trend_figure, outflow_figure, economy_figure = trend_figures(state, lang)
    ranking_figure, rank_sentences, ranking_info = ranking_block(state, lang)
    cost_figure, cost_info = cost_block(state, lang)
    year_options = [{"label": str(year), "value": year} for year in reversed(rank_years())]
    return html.Div([
        html.H1(t("remittances.heading", lang), className="h4"),
        html.P(t("remittances.lede", lang), className="lede"),
        controls(state, lang),
        dbc.Row([
            dbc.Col([
                _chart_section("trend", t("remittances.trend_heading", lang), Ids.TREND_GRAPH, trend_figure,
                               "remittances-received", html.Div(trend_info(state, lang), id=Ids.TREND_INFO), lang,
                               heading_class="visually-hidden"),
                _chart_section("outflow", t("remittances.outflow_heading", lang), Ids.OUTFLOW_GRAPH, outflow_figure,
                               "remittances-paid-by-russia", html.Div(outflow_info(state, lang), id=Ids.OUTFLOW_INFO),
                               lang),
                _chart_section("economy", t("remittances.economy_heading", lang), Ids.ECONOMY_GRAPH, economy_figure,
                               "russia-economy-and-rouble", html.Div(economy_info(lang), id=Ids.ECONOMY_INFO), lang),
            ], xl=7),
            dbc.Col([
                html.Section([
                    html.Div([
                        html.H2(t("remittances.ranking_heading", lang), className="h5 mb-0 me-3"),
                        dbc.Label(t("remittances.ranking_year_label", lang), html_for=Ids.RANK_YEAR,
                                  className="me-2 mb-0"),
                        dbc.Select(id=Ids.RANK_YEAR, options=year_options, value=state["rank_year"], size="sm",
                                   className="w-auto"),
                    ], className="d-flex align-items-center mb-2"),
                    html.Div(rank_sentences, id=Ids.RANKING_SENTENCES,
                             className="rank-sentences-box", role="status"),
                    _graph(Ids.RANKING_GRAPH, ranking_figure, "remittances-ranking", lang),
                    html.Div(ranking_info, id=Ids.RANKING_INFO),
                    _chart_tools("ranking", Ids.RANKING_DOWNLOAD_BUTTON, Ids.RANKING_DOWNLOAD, lang),
                ], className="chart-section"),
            ], xl=5),
        ]),
        revisions_section(lang),
        _chart_section("cost", t("remittances.cost_heading", lang), Ids.COST_GRAPH, cost_figure,
                       "remittances-cost-from-russia", html.Div(cost_info, id=Ids.COST_INFO), lang),
    ], className="view-remittances")
