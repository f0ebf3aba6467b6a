"""The small trend charts of a profile, each with its table."""
from __future__ import annotations

from figures.country.series import is_not_reported, shown_rows
from figures.country import trends as country_trends  # called through the module: tests put the reference in its place
from figures.country.trends import TREND_HEIGHT, TRENDS
from figures.common import source_label
from i18n import format_value, t
from layouts import common
from layouts import share
from layouts.country.keys import TREND_KEYS
from layouts.country.parts import short_source
from layouts.ids import Country
from layouts.made import dbc, dcc, html
from serving.fast_json.fragment import Fragment


def graph_config(lang: str | None = None) -> dict:
    return common.graph_config(mode_bar=False, lang=lang)


def table_header(lang: str) -> tuple[str, str, str]:
    return t("common.year", lang), t("common.value", lang), t("common.source", lang)


def trend_block(store, key: str, indicator: str, iso3: str, lang: str) -> dbc.Col:
    series = shown_rows(store, indicator, iso3)  # plain values (figures/country/series.SeriesRows)
    unit = store.indicator_meta(indicator, lang)["unit"]
    title = t(TREND_KEYS[key], lang)
    if is_not_reported(store, indicator, iso3):
        content = [html.P(t("common.not_reported", lang), className="small text-muted")]
    elif series.empty:
        content = [html.P(t("country.trend_no_data", lang), className="small text-muted")]
    else:
        names = {source: source_label(store, source, lang) for source in dict.fromkeys(series.sources)}
        texts = [format_value(float(value), unit, lang) for value in series.values]  # the chart's and the table's
        figure = country_trends.trend_figure(series, unit=unit, name=title, lang=lang, source_names=names, iso3=iso3,
                                    value_texts=texts)
        shorts = {source: short_source(store, source, lang) for source in names}
        rows = [[str(int(year)), text, shorts[source]]
                for year, text, source in zip(series.years, texts, series.sources)]
        content = [
            dcc.Graph(id=Country.trend(key), figure=figure, config=graph_config(lang), className="country-trend-graph",
                      style={"height": f"{TREND_HEIGHT}px"}),
            html.Details([html.Summary(t("country.trend_table", lang), className="small"),
                          # written as Dash writes common.table(…) (a Fragment: no component per cell, ~120 each)
                          Fragment(common.table_written(table_header(lang), rows))], className="no-print"),
            share.image_buttons(Country.trend(key), lang, source_from=f"#{Country.SOURCES}",
                                filename=f"{iso3}-{key}"),
        ]
    return dbc.Col(html.Div([html.H3(title, className="h6 mb-1")] + content, className="trend-card"),
                   md=6, xl=3, className="mb-2")


def trends(store, iso3: str, lang: str) -> html.Section:
    return html.Section([
        html.H2(t("country.trends_heading", lang), className="h6 section-title"),
        dbc.Row([trend_block(store, key, indicator, iso3, lang) for key, indicator in TRENDS], className="g-2"),
    ], id=Country.TRENDS, className="trends-section")
