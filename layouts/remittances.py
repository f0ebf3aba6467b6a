"""Remittances view: a function of (state, lang).

Four charts tell the story: how much of their GDP Central Asian countries receive as remittances (or how many
US$), Russia's payments abroad on the same time axis, the world ranking of one year, and the cost of sending
money from Russia. Each chart has its source line, a table alternative and a CSV download of what it shows.
"""
from __future__ import annotations

from functools import cache

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.query import get_store
from figures import remittances as fig
from i18n import format_value, t
from layouts import common
from layouts.ids import Remittances as Ids
from state import Param, choice, integer_in

GRAPH_CONFIG = {"displaylogo": False, "responsive": True,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "zoom2d", "pan2d", "zoomIn2d",
                                           "zoomOut2d"]}


# ---------------------------------------------------------------------------------------------------------------
# URL parameters
# ---------------------------------------------------------------------------------------------------------------
@cache
def selectable_codes() -> tuple[str, ...]:
    """Countries and aggregates a user may add: every code with remittance data, plus those that don't report."""
    store = get_store()
    codes: dict[str, None] = {}
    for indicator in (fig.PCT_INDICATOR, fig.USD_INDICATOR):
        codes.update(dict.fromkeys(store.series(indicator)["iso3"]))
    codes.update(dict.fromkeys(fig.NOT_REPORTING))
    return tuple(code for code in codes if store.country(code) is not None)


def _code(raw: str) -> str:
    code = raw.strip().upper()
    if code not in selectable_codes():
        raise ValueError(raw)
    return code


@cache
def trend_years() -> tuple[int, ...]:
    store = get_store()
    years = set(store.years(fig.PCT_INDICATOR)) | set(store.years(fig.USD_INDICATOR))
    return tuple(sorted(int(year) for year in years))


@cache
def rank_years() -> tuple[int, ...]:
    return tuple(fig.ranking_years(get_store()))


@cache
def default_rank_year() -> int:
    return fig.default_rank_year(get_store())


@cache
def source_choices() -> tuple[str, ...]:
    return (fig.DEFAULT_SOURCE, *fig.source_choices(get_store()))


def params() -> list[Param]:
    return [
        Param("countries", fig.CENTRAL_ASIA, _code, multi=True, describe_default=lambda value: ",".join(value)),
        Param("measure", "pct", choice(fig.MEASURES)),
        Param("scale", "linear", choice(fig.SCALES)),
        Param("relative", None, integer_in(trend_years), describe_default=lambda _: "—"),
        Param("rank_year", default_rank_year(), integer_in(rank_years)),
        Param("source", fig.DEFAULT_SOURCE, choice(source_choices(), case_insensitive=False)),
    ]


def clean_state(values: dict) -> dict:
    """Values sent by the browser, checked like URL parameters: anything invalid becomes its default."""
    state = {"lang": values.get("lang", "en")}
    for param in params():
        raw = values.get(param.name)
        if param.multi:
            raw = ",".join(str(item) for item in raw or ())
            if not raw:  # the user cleared the selection on purpose: keep it empty
                state[param.name] = ()
                continue
        state[param.name], _ = param.read(None if raw is None else str(raw))
    return state


# ---------------------------------------------------------------------------------------------------------------
# Trend and Russia's outflows
# ---------------------------------------------------------------------------------------------------------------
def _names(codes, lang: str) -> dict[str, str]:
    return fig.names_for(get_store(), codes, lang)


def _list(codes, lang: str) -> str:
    return ", ".join(_names(codes, lang).values())


def trend_data(state: dict) -> fig.TrendData:
    return fig.trend_data(get_store(), fig.MEASURES[state["measure"]], state["countries"], state["source"],
                          state["relative"])


def outflow_data(state: dict) -> fig.TrendData:
    return fig.trend_data(get_store(), fig.OUTFLOW_INDICATOR, (fig.PAYER,), state["source"], state["relative"])


def trend_figures(state: dict, lang: str):
    """The trend chart and Russia's outflows, sharing one time axis (same years, same margins)."""
    store = get_store()
    trend, outflow = trend_data(state), outflow_data(state)
    measure, relative = state["measure"], state["relative"]
    if relative is None:
        trend_title = t(f"remittances.trend_title_{measure}", lang)
        outflow_title = t("remittances.outflow_title", lang, country=store.country_name(fig.PAYER, lang))
    else:
        trend_title = t(f"remittances.trend_title_{measure}_relative", lang, year=relative)
        outflow_title = t("remittances.outflow_title_relative", lang, country=store.country_name(fig.PAYER, lang),
                          year=relative)
    subtitle = (t("remittances.not_reported_subtitle", lang, countries=_list(trend.not_reported, lang))
                if trend.not_reported else "")
    years = list(trend.rows["year"]) + list(outflow.rows["year"])
    x_range = [min(years) - 0.5, max(years) + 0.5] if years else None
    common_args = dict(scale=state["scale"], lang=lang, x_range=x_range)
    trend_figure = fig.build_trend_figure(
        trend, names=_names(trend.order, lang), source_labels=fig.labels_for(store, trend.rows["source"]),
        unit=fig.unit_of(store, trend.indicator), title=trend_title, subtitle=subtitle, height=460, **common_args)
    outflow_figure = fig.build_trend_figure(
        outflow, names=_names(outflow.order, lang), source_labels=fig.labels_for(store, outflow.rows["source"]),
        unit=fig.unit_of(store, outflow.indicator), title=outflow_title, height=300, **common_args)
    fig.align_right_margins(trend_figure, outflow_figure)
    return trend_figure, outflow_figure


def _notes(items) -> html.Ul | None:
    items = [item for item in items if item]
    return html.Ul([html.Li(item) for item in items], className="chart-notes small mb-1") if items else None


def _shown_sources(store, data: fig.TrendData, asked: str | None, lang: str) -> list:
    """Which source the chart shows, and what to do if a user wants another."""
    used = list(dict.fromkeys(data.rows["source"]))
    if data.source:
        return [t("remittances.shown_source", lang, source=fig.source_label(store, data.source))]
    texts = []
    if asked not in (None, fig.DEFAULT_SOURCE):
        texts.append(t("remittances.source_unavailable", lang, source=fig.source_label(store, asked)))
    if used:
        texts.append(t("remittances.shown_default", lang,
                       sources="; ".join(fig.source_label(store, source) for source in used)))
    return texts


def _disagreement_block(store, data: fig.TrendData, lang: str):
    found = fig.disagreements(store, data.indicator, data.rows)
    if not found:
        return None
    unit = fig.unit_of(store, data.indicator)
    return html.Div([
        html.P(t("remittances.disagree_note", lang, n=len(found)), className="small mb-0"),
        html.Ul([html.Li(t("remittances.disagree_item", lang, country=store.country_name(item["iso3"], lang),
                           year=item["year"], value=format_value(item["value"], unit, lang),
                           source=fig.source_label(store, item["source"]),
                           other_value=format_value(item["other_value"], unit, lang),
                           other_source=fig.source_label(store, item["other_source"])))
                 for item in found[:3]], className="small mb-0"),
        html.P(t("remittances.disagree_hint", lang), className="small"),
    ], className="disagreement")


def _table_block(header: list[str], rows: list[list], lang: str) -> html.Details | None:
    if not rows:
        return None
    return html.Details([html.Summary(t("remittances.show_table", lang)),
                         html.Div(common.table(header, rows), className="table-scroll")], className="small mb-1")


def _caveats_block(store, indicator: str, sources, lang: str) -> html.Details:
    meta = store.indicator_meta(indicator)
    texts = [meta.get("caveats", "")] + [store.source_meta(source).get("caveats", "") for source in sources]
    return html.Details([
        html.Summary(t("remittances.show_caveats", lang)),
        html.P([html.Strong(t("remittances.definition", lang) + ": "), meta.get("definition", "")],
               className="small mb-1"),
        common.caveats(texts, lang),
    ], className="small mb-1")


def series_info(data: fig.TrendData, state: dict, lang: str, *, extra_notes=()) -> html.Div:
    """Under a line chart: what is missing and why, which source is shown, the source line, table, caveats."""
    store = get_store()
    unit = fig.unit_of(store, data.indicator)
    relative = data.base_year is not None
    notes = list(extra_notes)
    if data.not_reported:
        notes.append(t("remittances.not_reported_note", lang, countries=_list(data.not_reported, lang)))
    if data.no_data:
        notes.append(t("remittances.no_data_note", lang, countries=_list(data.no_data, lang)))
    if data.no_base:
        notes.append(t("remittances.no_base_note", lang, year=data.base_year, countries=_list(data.no_base, lang)))
    if relative and state["scale"] == "log":
        notes.append(t("remittances.log_relative_note", lang))
    if not data.order:
        notes.append(t("remittances.no_countries", lang))
    notes += _shown_sources(store, data, state["source"], lang)
    codes, body = fig.wide_rows(data.rows, data.order, unit, lang, value_column="shown" if relative else "value",
                                change=relative)
    not_reported = [code for code in data.not_reported]
    names = _names([*codes, *not_reported], lang)
    body = [[*row, *[t("common.not_reported", lang)] * len(not_reported)] for row in body]
    used = list(dict.fromkeys(data.rows["source"]))
    return html.Div([
        _notes(notes),
        _disagreement_block(store, data, lang),
        common.source_line(store, used, lang) if used else None,
        _table_block([t("remittances.table_country_year", lang), *names.values()], body, lang),
        _caveats_block(store, data.indicator, used, lang),
    ])


def trend_info(state: dict, lang: str) -> html.Div:
    return series_info(trend_data(state), state, lang)


def outflow_info(state: dict, lang: str) -> html.Div:
    return series_info(outflow_data(state), state, lang,
                       extra_notes=[t("remittances.outflow_explainer", lang)])


# ---------------------------------------------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------------------------------------------
def ranking_data(state: dict) -> fig.RankingData:
    return fig.ranking_data(get_store(), state["rank_year"], source=state["source"])


def ranking_figure(state: dict, lang: str, data: fig.RankingData | None = None):
    store = get_store()
    data = data or ranking_data(state)
    return fig.build_ranking_figure(data, names=_names(data.rows["iso3"], lang),
                                    source_labels=fig.labels_for(store, data.rows["source"]), lang=lang,
                                    title=t("remittances.ranking_title", lang, n=fig.TOP_N, year=data.year))


def ranking_sentences(state: dict, lang: str, data: fig.RankingData | None = None) -> html.Ul:
    store = get_store()
    data = data or ranking_data(state)
    return html.Ul([html.Li(fig.rank_sentence(store, data, code, lang), **{"data-iso3": code})
                    for code in fig.CENTRAL_ASIA], className="rank-sentences mb-2")


def ranking_info(state: dict, lang: str, data: fig.RankingData | None = None) -> html.Div:
    store = get_store()
    data = data or ranking_data(state)
    rows = [[str(int(r.rank)), store.country_name(r.iso3, lang), format_value(r.value, "%", lang)]
            for r in data.rows.itertuples()]
    used = list(dict.fromkeys(data.rows["source"]))
    notes = [t("remittances.ranking_note", lang, n=fig.TOP_N)]
    if data.source:
        notes.append(t("remittances.shown_source", lang, source=fig.source_label(store, data.source)))
    elif used:
        notes.append(t("remittances.shown_default", lang,
                       sources="; ".join(fig.source_label(store, source) for source in used)))
    return html.Div([
        _notes(notes),
        common.source_line(store, used, lang) if used else None,
        _table_block(["#", t("common.country", lang), t("remittances.measure_pct", lang)], rows, lang),
        _caveats_block(store, fig.PCT_INDICATOR, used, lang),
    ])


# ---------------------------------------------------------------------------------------------------------------
# Cost of sending money from Russia
# ---------------------------------------------------------------------------------------------------------------
def cost_data(state: dict) -> fig.CostData:
    return fig.cost_data(get_store(), state["countries"])


def cost_figure(state: dict, lang: str, data: fig.CostData | None = None):
    store = get_store()
    data = data or cost_data(state)
    return fig.build_cost_figure(data, names=_names(data.order, lang),
                                 source_labels=fig.labels_for(store, data.rows["source"]), lang=lang,
                                 title=t("remittances.cost_title", lang, country=store.country_name(fig.PAYER, lang)),
                                 subtitle=t("remittances.cost_subtitle", lang))


def cost_info(state: dict, lang: str, data: fig.CostData | None = None) -> html.Div:
    store = get_store()
    data = data or cost_data(state)
    used = list(dict.fromkeys(data.rows["source"])) or store.corridor_sources(fig.COST_MEASURE)[:1]
    notes = []
    if data.last_period:
        vintage = store.source_meta(used[0])["vintage"] if used else ""
        notes.append(t("remittances.cost_gap_note", lang, vintage=vintage,
                       period=fig.period_label(data.last_period, lang)))
    if data.no_corridor:
        notes.append(t("remittances.cost_no_corridor", lang, payer=store.country_name(fig.PAYER, lang),
                       countries=_list(data.no_corridor, lang)))
    codes, body = fig.wide_rows(data.rows, data.order, "%", lang, code_column="origin", index="period",
                                label=lambda period: fig.period_label(period, lang), sort_key=fig.period_start)
    return html.Div([
        _notes(notes),
        common.source_line(store, used, lang) if used else None,
        _table_block([t("remittances.table_period", lang), *_names(codes, lang).values()], body, lang),
        _caveats_block(store, fig.COST_MEASURE, used, lang),
    ])


# ---------------------------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------------------------
@cache
def country_options(lang: str) -> tuple[dict, ...]:
    """Countries by name, then aggregates (World, regions) by name."""
    store = get_store()
    countries, aggregates = [], []
    for code in selectable_codes():
        meta = store.country(code)
        name = store.country_name(code, lang)
        if meta["kind"] == "country":
            countries.append({"label": name, "value": code})
        else:
            aggregates.append({"label": t("remittances.aggregate_option", lang, name=name), "value": code})
    return tuple(sorted(countries, key=lambda o: o["label"]) + sorted(aggregates, key=lambda o: o["label"]))


def group_options(lang: str) -> list[dict]:
    return [{"label": t(f"remittances.group_{group}", lang), "value": group} for group in fig.GROUPS]


def group_members(group: str) -> list[str]:
    selectable = set(selectable_codes())
    return [code for code in get_store().group_members(group) if code in selectable]


def source_options(lang: str) -> list[dict]:
    store = get_store()
    return [{"label": t("remittances.source_default", lang), "value": fig.DEFAULT_SOURCE}] + [
        {"label": fig.source_label(store, source), "value": source} for source in source_choices()[1:]]


def _radio(component_id: str, value: str, options, lang: str) -> dbc.RadioItems:
    return dbc.RadioItems(id=component_id, value=value, inline=True,
                          options=[{"label": t(f"remittances.{key}", lang), "value": option}
                                   for option, key in options])


def controls(state: dict, lang: str) -> dbc.Card:
    relative_options = [{"label": t("remittances.relative_off", lang), "value": ""}] + [
        {"label": str(year), "value": year} for year in reversed(trend_years())]
    return dbc.Card(dbc.CardBody(dbc.Row([
        dbc.Col([
            dbc.Label(t("remittances.countries_label", lang), html_for=Ids.COUNTRIES),
            dcc.Dropdown(id=Ids.COUNTRIES, options=list(country_options(lang)), value=list(state["countries"]),
                         multi=True, placeholder=t("remittances.countries_placeholder", lang)),
            html.Div([
                html.Div(dcc.Dropdown(id=Ids.GROUP, options=group_options(lang), value=None, clearable=False,
                                      searchable=False, placeholder=t("remittances.group_placeholder", lang)),
                         className="flex-grow-1", title=t("remittances.group_label", lang)),
                dbc.Button(t("remittances.reset_countries", lang), id=Ids.RESET, n_clicks=0, size="sm",
                           color="link"),
            ], className="d-flex align-items-center mt-2"),
        ], lg=5),
        dbc.Col([
            dbc.Label(t("remittances.measure_label", lang), html_for=Ids.MEASURE),
            _radio(Ids.MEASURE, state["measure"], (("pct", "measure_pct"), ("usd", "measure_usd")), lang),
            dbc.Label(t("remittances.scale_label", lang), html_for=Ids.SCALE, className="mt-2"),
            _radio(Ids.SCALE, state["scale"], (("linear", "scale_linear"), ("log", "scale_log")), lang),
        ], lg=3, md=6),
        dbc.Col([
            dbc.Label(t("remittances.relative_label", lang), html_for=Ids.RELATIVE),
            dbc.Select(id=Ids.RELATIVE, options=relative_options,
                       value="" if state["relative"] is None else state["relative"]),
            dbc.Label(t("remittances.source_label", lang), html_for=Ids.SOURCE, className="mt-2"),
            dbc.Select(id=Ids.SOURCE, options=source_options(lang), value=state["source"]),
        ], lg=4, md=6),
    ], className="g-3")), className="controls mb-3")


def _download(button_id: str, download_id: str, lang: str) -> html.Div:
    return html.Div([
        dbc.Button(t("remittances.download_csv", lang), id=button_id, n_clicks=0, size="sm", color="secondary",
                   outline=True),
        dcc.Download(id=download_id),
    ], className="mb-2 no-print")


def _graph(graph_id: str, figure, filename: str) -> dcc.Graph:
    config = {**GRAPH_CONFIG, "toImageButtonOptions": {"filename": filename}}
    return dcc.Graph(id=graph_id, figure=figure, config=config, className="remittances-graph")


def layout(state: dict, lang: str, **_) -> html.Div:
    trend_figure, outflow_figure = trend_figures(state, lang)
    ranking = ranking_data(state)
    cost = cost_data(state)
    year_options = [{"label": str(year), "value": year} for year in reversed(rank_years())]
    return html.Div([
        html.H1(t("remittances.heading", lang), className="h4"),
        html.P(t("remittances.lede", lang), className="lede"),
        controls(state, lang),
        dbc.Row([
            dbc.Col([
                html.Section([
                    html.H2(t("remittances.trend_heading", lang), className="visually-hidden"),
                    _graph(Ids.TREND_GRAPH, trend_figure, "remittances-received"),
                    html.Div(trend_info(state, lang), id=Ids.TREND_INFO),
                    _download(Ids.TREND_DOWNLOAD_BUTTON, Ids.TREND_DOWNLOAD, lang),
                ], className="chart-section"),
                html.Section([
                    html.H2(t("remittances.outflow_heading", lang), className="h6 mt-2"),
                    _graph(Ids.OUTFLOW_GRAPH, outflow_figure, "remittances-paid-by-russia"),
                    html.Div(outflow_info(state, lang), id=Ids.OUTFLOW_INFO),
                    _download(Ids.OUTFLOW_DOWNLOAD_BUTTON, Ids.OUTFLOW_DOWNLOAD, lang),
                ], className="chart-section"),
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
                    html.Div(ranking_sentences(state, lang, ranking), id=Ids.RANKING_SENTENCES,
                             className="rank-sentences-box", role="status"),
                    _graph(Ids.RANKING_GRAPH, ranking_figure(state, lang, ranking), "remittances-ranking"),
                    html.Div(ranking_info(state, lang, ranking), id=Ids.RANKING_INFO),
                    _download(Ids.RANKING_DOWNLOAD_BUTTON, Ids.RANKING_DOWNLOAD, lang),
                ], className="chart-section"),
            ], xl=5),
        ]),
        html.Section([
            html.H2(t("remittances.cost_heading", lang), className="h5 mt-3"),
            _graph(Ids.COST_GRAPH, cost_figure(state, lang, cost), "remittances-cost-from-russia"),
            html.Div(cost_info(state, lang, cost), id=Ids.COST_INFO),
            _download(Ids.COST_DOWNLOAD_BUTTON, Ids.COST_DOWNLOAD, lang),
        ], className="chart-section"),
    ], className="view-remittances")
