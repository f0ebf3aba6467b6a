"""Remittances view: a function of (state, lang).

Five charts tell the story: how much of their GDP Central Asian countries receive as remittances (or how many
US$), Russia's payments abroad and Russia's economy and rouble on the same time axis, the world ranking of one
year, and the cost of sending money from Russia. Each chart has its source line, a table alternative and a CSV download of what it shows.
"""
from __future__ import annotations

from functools import cache, lru_cache

import dash_bootstrap_components as dbc
from dash import dcc, html


from data.query import get_store
from figures import remittances as fig
from i18n import format_number, t
from layouts import common
from layouts import share
from layouts.ids import Remittances as Ids
from layouts.revisions import revisions_block
from state import LANG, Param, choice, integer_in, read_payload

TREND_HEIGHT, OUTFLOW_HEIGHT, ECONOMY_HEIGHT = 460, 300, 300
RELATIVE_OFF = "off"  # the "show values" choice of the relative-change menu (not in the URL)
MODE_BAR_REMOVED = ("select2d", "lasso2d", "autoScale2d", "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d")



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
    codes.update(dict.fromkeys(fig.not_reporting(store)))
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
        Param("countries", fig.CENTRAL_ASIA, _code, multi=True,
              describe_default=common.describe("remittances.group_ca5")),
        Param("measure", "pct", choice(fig.MEASURES), describe_default=common.describe("remittances.measure_{value}")),
        Param("scale", "linear", choice(fig.SCALES), describe_default=common.describe("remittances.scale_{value}")),
        Param("relative", None, integer_in(trend_years),
              describe_default=common.describe("remittances.notice_no_change")),
        Param("rank_year", default_rank_year(), integer_in(rank_years)),
        Param("source", fig.DEFAULT_SOURCE, choice(source_choices(), case_insensitive=False),
              describe_default=common.describe("remittances.notice_default_source")),
    ]


def clean_state(values: dict) -> dict:
    """Values sent by the browser, checked like URL parameters: anything invalid becomes its default (an emptied
    country list stays empty: the user cleared the selection on purpose)."""
    return read_payload(values, [LANG, *params()], keep_empty_lists=True)


# ---------------------------------------------------------------------------------------------------------------
# Trend and Russia's outflows
# ---------------------------------------------------------------------------------------------------------------
def _names(codes, lang: str) -> dict[str, str]:
    return fig.names_for(get_store(), codes, lang)


def _list(codes, lang: str) -> str:
    return ", ".join(_names(codes, lang).values())


def trend_key(state: dict, lang: str) -> tuple:
    """What the trend and outflow charts depend on, apart from the axis scale (patched on its own)."""
    return tuple(state["countries"]), state["measure"], state["relative"], state["source"], lang


@lru_cache(maxsize=256)
def _trend_data(indicator: str, countries: tuple[str, ...], source: str, base_year: int | None) -> fig.TrendData:
    # Cached: a user going back to an earlier selection (or another user asking for it) costs nothing.
    return fig.trend_data(get_store(), indicator, countries, source, base_year)


def trend_data(state: dict) -> fig.TrendData:
    return _trend_data(fig.MEASURES[state["measure"]], tuple(state["countries"]), state["source"], state["relative"])


def outflow_data(state: dict) -> fig.TrendData:
    return _trend_data(fig.OUTFLOW_INDICATOR, (fig.PAYER,), state["source"], state["relative"])


def _trend_titles(state: dict, trend: fig.TrendData, lang: str) -> tuple[str, str]:
    """The trend chart's title, and its subtitle (who does not report)."""
    measure, relative = state["measure"], state["relative"]
    title = (t(f"remittances.trend_title_{measure}", lang) if relative is None
             else t(f"remittances.trend_title_{measure}_relative", lang, year=relative))
    subtitle = (t("remittances.not_reported_subtitle", lang, countries=_list(trend.not_reported, lang))
                if trend.not_reported else "")
    return title, subtitle


def _outflow_title(relative: int | None, lang: str) -> str:
    payer = fig.country_name(get_store(), fig.PAYER, lang)
    if relative is None:
        return t("remittances.outflow_title", lang, country=payer)
    return t("remittances.outflow_title_relative", lang, country=payer, year=relative)


def trend_figures(state: dict, lang: str) -> tuple[dict, dict, dict]:
    """The trend chart, Russia's outflows and Russia's economy (serialised), sharing one time axis (same years,
    same margins)."""
    return trend_outputs(*trend_key(state, lang), state["scale"])


@lru_cache(maxsize=256)
def trend_outputs(countries, measure, relative, source, lang, scale) -> tuple[dict, dict, dict]:
    """The three charts on one time axis, serialised. Russia's charts do not depend on the countries chosen, so
    they are built once per (relative, source, scale, language) and only aligned to the trend chart here."""
    store = get_store()
    state = dict(countries=countries, measure=measure, relative=relative, source=source, scale=scale)
    trend = trend_data(state)
    trend_title, subtitle = _trend_titles(state, trend, lang)
    trend_figure = fig.build_trend_figure(
        trend, names=_names(trend.order, lang), source_labels=fig.labels_for(store, [*trend.rows["source"], *trend.older["source"]], lang),
        unit=fig.unit_of(store, trend.indicator), title=trend_title, subtitle=subtitle, height=TREND_HEIGHT,
        scale=scale, lang=lang, empty_text=_trend_empty_text(trend, lang))
    return fig.share_time_axis(common.serialised(trend_figure), _outflow_figure(relative, source, scale, lang),
                               _economy_figure(lang))


def _trend_empty_text(trend: fig.TrendData, lang: str) -> str:
    """What the trend chart says when it has no line: why (nothing chosen, not reported, no data)."""
    if not trend.order:
        return t("remittances.no_countries", lang)
    if trend.not_reported and not trend.no_data:
        return t("remittances.not_reported_subtitle", lang, countries=_list(trend.not_reported, lang))
    missing = trend.not_reported + trend.no_data + trend.no_base
    return t("remittances.empty_chart", lang, countries=_list(missing, lang))


def trend_callback_outputs(countries, measure, relative, source, lang, scale) -> tuple:
    """What the trend callback sends: both line charts, and for Russia's economy (which does not change with the
    selection) only a patch of the years and margin it shares with them."""
    trend, outflow, economy = trend_outputs(countries, measure, relative, source, lang, scale)
    return trend, outflow, fig.patch_time_axis(economy)


@lru_cache(maxsize=64)
def _outflow_figure(relative, source, scale, lang) -> dict:
    store = get_store()
    outflow = outflow_data(dict(relative=relative, source=source))
    figure = fig.build_trend_figure(
        outflow, names=_names(outflow.order, lang), source_labels=fig.labels_for(store, [*outflow.rows["source"], *outflow.older["source"]], lang),
        unit=fig.unit_of(store, outflow.indicator), title=_outflow_title(relative, lang), height=OUTFLOW_HEIGHT, scale=scale,
        lang=lang)
    return common.serialised(figure)


@cache
def economy_data() -> fig.EconomyData:
    return fig.economy_data(get_store())


def _economy_names(lang: str) -> dict[str, str]:
    return {fig.GROWTH_INDICATOR: t("remittances.economy_growth", lang),
            fig.DEPRECIATION_INDICATOR: t("remittances.economy_depreciation", lang)}


def _economy_title(lang: str) -> str:
    return t("remittances.economy_title", lang, country=fig.country_name(get_store(), fig.PAYER, lang))


@lru_cache(maxsize=8)
def _economy_figure(lang) -> dict:
    data = economy_data()
    figure = fig.build_economy_figure(data, names=_economy_names(lang),
                                      source_labels=fig.labels_for(get_store(), data.rows["source"], lang), lang=lang,
                                      title=_economy_title(lang), height=ECONOMY_HEIGHT)
    return common.serialised(figure)


@lru_cache(maxsize=8)
def economy_info(lang: str) -> html.Div:
    """Under Russia's economy: source line, how to read it, which years, caveats (nothing here depends on the
    selection)."""
    store = get_store()
    data = economy_data()
    used = list(dict.fromkeys(data.rows["source"]))
    notes = [t("remittances.economy_explainer", lang)]
    if len(data.rows):
        notes.append(t("remittances.economy_years", lang, start=int(data.rows["year"].min()),
                       end=int(data.rows["year"].max())))
    notes.append(t("remittances.economy_log_change", lang))
    dependent = fig.dependent_economies(store, store.group_members("ca5"))
    fell = fig.years_all_fell(store, dependent)
    if len(dependent) > 1 and fell:
        names = [fig.country_name(store, code, lang) for code in dependent]
        notes.insert(0, t("remittances.economy_common_falls", lang, countries=", ".join(names[:-1]),
                          last=names[-1], years=", ".join(map(str, fell)), threshold=int(fig.DEPENDENCE_THRESHOLD)))
    return html.Div([
        common.source_line(store, used, lang) if used else None,
        _notes(notes),
        _caveats_block(store, fig.ECONOMY_INDICATORS, used, lang, names=_economy_names(lang)),
    ])


def economy_table(lang: str):
    """Years down, GDP growth and the rouble across, signed."""
    data = economy_data()
    codes, body = fig.wide_rows(data.rows, fig.ECONOMY_INDICATORS, "%", lang, code_column="indicator", change=True)
    names = _economy_names(lang)
    return _table([t("remittances.table_year", lang), *(names[code] for code in codes)], body, lang,
                  _economy_title(lang))


@lru_cache(maxsize=256)
def trend_info_outputs(countries, measure, relative, source, lang) -> tuple:
    """Callback outputs: the blocks under both line charts, serialised."""
    return (common.serialised(_trend_info(countries, measure, relative, source, lang)),
            common.serialised(_outflow_info(relative, source, lang)))


def scale_patches(state: dict, lang: str):
    """Patches of both line charts for a new axis scale: axis type, range, end labels, subtitle."""
    store = get_store()
    trend, outflow = trend_data(state), outflow_data(state)
    _, subtitle = _trend_titles(state, trend, lang)
    return (fig.patch_trend_scale(trend, names=_names(trend.order, lang), unit=fig.unit_of(store, trend.indicator),
                                  scale=state["scale"], lang=lang, height=TREND_HEIGHT, subtitle=subtitle),
            fig.patch_trend_scale(outflow, names=_names(outflow.order, lang),
                                  unit=fig.unit_of(store, outflow.indicator), scale=state["scale"], lang=lang,
                                  height=OUTFLOW_HEIGHT))


def _notes(items) -> html.Ul | None:
    items = [item for item in items if item]
    return html.Ul([html.Li(item) for item in items], className="chart-notes small mb-1") if items else None


def _shown_note(store, shown_source: str | None, asked: str, lang: str, *, per_country: bool = False) -> list[str]:
    """Which source the chart shows (the other sources are one choice away)."""
    notes = []
    if shown_source:
        notes.append(t("remittances.shown_source", lang, source=fig.source_label(store, shown_source, lang)))
    else:
        if asked not in (None, fig.DEFAULT_SOURCE):
            notes.append(t("remittances.source_unavailable", lang, source=fig.source_label(store, asked, lang)))
        # A line is one release per country (data/query.py); a one-year ranking takes each value's newest release.
        notes.append(t("revisions.shown_per_country" if per_country else "remittances.shown_default", lang))
    return notes


def _disagreement_block(store, data: fig.TrendData, lang: str, limit: int = 5):
    found = fig.disagreements(store, data.indicator, data.rows)
    if not found:
        return None
    unit = fig.unit_of(store, data.indicator)
    return html.Details([
        html.Summary(t("remittances.disagree_note", lang, n=len(found),
                       tolerance=t("common.percent", lang, value=format_number(100 * fig.DISAGREEMENT_TOLERANCE, lang)))),
        html.Ul([html.Li(t("remittances.disagree_item", lang, country=fig.country_name(store, item["iso3"], lang),
                           year=item["year"], value=fig.value_text(item["value"], unit, lang),
                           source=fig.source_label(store, item["source"], lang),
                           other_value=fig.value_text(item["other_value"], unit, lang),
                           other_source=fig.source_label(store, item["other_source"], lang)))
                 for item in found[:limit]], className="mb-0"),
        html.P(t("remittances.disagree_hint", lang), className="mb-0"),
    ], className="disagreement small mb-1")


def _table(header: list[str], rows: list[list], lang: str, caption: str):
    if not rows:
        return html.P(t("common.no_data", lang), className="small text-muted")
    return html.Div(common.table(header, rows, caption=caption), className="table-scroll small")


def _caveats_block(store, indicators, sources, lang: str, names: dict[str, str] | None = None) -> html.Details:
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


def series_info(data: fig.TrendData, state: dict, lang: str, *, extra_notes=()) -> html.Div:
    """Under a line chart: source line, which source is shown, what is missing and why, caveats."""
    store = get_store()
    notes = [*extra_notes, *_shown_note(store, data.source, state["source"], lang, per_country=True)]
    if not data.order:
        notes.append(t("remittances.no_countries", lang))
    if data.not_reported:
        notes.append(t("remittances.not_reported_note", lang, countries=_list(data.not_reported, lang)))
    if data.no_data:
        notes.append(t("remittances.no_data_note", lang, countries=_list(data.no_data, lang)))
    if data.no_base:
        notes.append(t("remittances.no_base_note", lang, year=data.base_year, countries=_list(data.no_base, lang)))
    used = list(dict.fromkeys(data.rows["source"]))
    return html.Div([
        common.source_line(store, used, lang) if used else None,
        _notes(notes),
        _disagreement_block(store, data, lang),
        _caveats_block(store, data.indicator, used, lang),
    ])


def series_table(data: fig.TrendData, lang: str, caption: str):
    """Years down, countries across; a country that does not report has a column saying so (missing, not 0)."""
    relative = data.base_year is not None
    codes, body = fig.wide_rows(data.rows, data.order, fig.unit_of(get_store(), data.indicator), lang,
                                value_column="shown" if relative else "value", change=relative)
    body = [[*row, *[t("common.not_reported", lang)] * len(data.not_reported)] for row in body]
    header = [t("remittances.table_year", lang), *_names([*codes, *data.not_reported], lang).values()]
    return _table(header, body, lang, caption)


def trend_info(state: dict, lang: str) -> html.Div:
    return _trend_info(*trend_key(state, lang))


@lru_cache(maxsize=128)
def _trend_info(countries, measure, relative, source, lang) -> html.Div:
    state = dict(countries=countries, measure=measure, relative=relative, source=source)
    return series_info(trend_data(state), state, lang)


def outflow_info(state: dict, lang: str) -> html.Div:
    return _outflow_info(state["relative"], state["source"], lang)


@lru_cache(maxsize=128)
def _outflow_info(relative, source, lang) -> html.Div:
    state = dict(relative=relative, source=source)
    return series_info(outflow_data(state), state, lang, extra_notes=[t("remittances.outflow_explainer", lang)])


# ---------------------------------------------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------------------------------------------
def ranking_data(state: dict) -> fig.RankingData:
    return _ranking_data(state["rank_year"], state["source"], ranked_choice(state))


def ranked_choice(state: dict) -> tuple[str, ...]:
    """The chosen countries the ranking highlights (aggregates such as the World are not ranked)."""
    store = get_store()
    chosen = state.get("countries") or ()
    return tuple(code for code in chosen if (store.country(code) or {}).get("kind") == "country")


@lru_cache(maxsize=128)
def _ranking_data(year: int, source: str, highlight: tuple[str, ...] = fig.CENTRAL_ASIA) -> fig.RankingData:
    return fig.ranking_data(get_store(), year, highlight=highlight, source=source)


@lru_cache(maxsize=256)
def ranking_outputs(year: int, source: str, lang: str, highlight: tuple[str, ...] = fig.CENTRAL_ASIA) -> tuple:
    return tuple(map(common.serialised, _ranking_block(year, source, lang, highlight)))


def ranking_block(state: dict, lang: str):
    """The ranking's figure, its rank sentences and the block under it; the chosen countries highlighted."""
    return _ranking_block(state["rank_year"], state["source"], lang, ranked_choice(state))


@lru_cache(maxsize=128)
def _ranking_block(year: int, source: str, lang: str, highlight: tuple[str, ...] = fig.CENTRAL_ASIA):
    store = get_store()
    data = _ranking_data(year, source, highlight)
    figure = fig.build_ranking_figure(data, names=_names(data.rows["iso3"], lang),
                                      source_labels=fig.labels_for(store, data.rows["source"], lang), lang=lang,
                                      title=t("remittances.ranking_title", lang, n=fig.TOP_N, year=data.year),
                                      highlight=highlight)
    sentences = html.Ul([html.Li(fig.rank_sentence(store, data, code, lang), **{"data-iso3": code})
                         for code in highlight], className="rank-sentences mb-2")
    used = list(dict.fromkeys(data.rows["source"]))
    notes = [t("remittances.ranking_note", lang, n=fig.TOP_N)]
    if data.unavailable:
        notes.append(t("remittances.source_unavailable_year", lang, source=fig.source_label(store, data.unavailable, lang),
                       year=year))
    notes += _shown_note(store, data.source, None if data.unavailable else source, lang)
    if data.source is None:  # the default rule mixes releases across countries in one year: say which
        mixed = store.releases_used(store.values_for_map(fig.PCT_INDICATOR, data.year))
        if len(mixed) > 1:
            notes.append(t("revisions.ranking_mixed", lang, releases="; ".join(
                f"{fig.source_label(store, source, lang)}: {count}" for source, count in mixed)))
    info = html.Div([
        common.source_line(store, used, lang) if used else None,
        _notes(notes),
        _caveats_block(store, fig.PCT_INDICATOR, used, lang),
    ])
    return figure, sentences, info


def ranking_table(data: fig.RankingData, lang: str):
    store = get_store()
    rows = [[fig.country_name(store, r.iso3, lang), str(int(r.rank)), fig.value_text(r.value, "%", lang)]
            for r in data.rows.itertuples()]
    return _table([t("common.country", lang), t("remittances.table_rank", lang), t("remittances.measure_pct", lang)],
                  rows, lang, t("remittances.ranking_title", lang, n=fig.TOP_N, year=data.year))


# ---------------------------------------------------------------------------------------------------------------
# Cost of sending money from Russia
# ---------------------------------------------------------------------------------------------------------------
def cost_data(state: dict) -> fig.CostData:
    return fig.cost_data(get_store(), tuple(state["countries"]))


@lru_cache(maxsize=256)
def cost_outputs(countries: tuple[str, ...], lang: str) -> tuple:
    return tuple(map(common.serialised, _cost_block(countries, lang)))


def cost_block(state: dict, lang: str):
    """The cost chart and the block under it (they depend on the chosen countries only)."""
    return _cost_block(tuple(state["countries"]), lang)


@lru_cache(maxsize=128)
def _cost_block(countries: tuple[str, ...], lang: str):
    store = get_store()
    data = fig.cost_data(store, countries)
    payer = fig.country_name(store, fig.PAYER, lang)
    figure = fig.build_cost_figure(data, names=_names(data.order, lang),
                                   source_labels=fig.labels_for(store, [*data.rows["source"], *data.derived["source"]],
                                                                lang), lang=lang,
                                   title=_cost_title(lang),
                                   subtitle=t("remittances.cost_subtitle", lang),
                                   empty_text=t("remittances.no_countries", lang) if not countries else
                                   t("remittances.cost_no_corridor", lang, payer=payer,
                                     countries=_list(data.no_corridor or countries, lang)))
    used = list(dict.fromkeys([*data.rows["source"], *data.derived["source"]])) or \
        store.corridor_sources(fig.COST_MEASURE)[:1]
    notes = []
    if data.last_period:
        notes.append(t("remittances.cost_gap_note", lang, vintage=store.source_meta(used[0], lang)["vintage"],
                       period=fig.period_label(data.last_period, lang)))
    if data.no_corridor:
        notes.append(t("remittances.cost_no_corridor", lang, payer=payer, countries=_list(data.no_corridor, lang)))
    info = html.Div([
        common.source_line(store, used, lang) if used else None,
        _notes(notes),
        _caveats_block(store, fig.COST_MEASURE, used, lang),
    ])
    return figure, info


def cost_table(data: fig.CostData, lang: str):
    codes, body = fig.wide_rows(data.rows, data.order, "%", lang, code_column="origin", index="period",
                                label=lambda period: fig.period_label(period, lang), sort_key=fig.period_start)
    return _table([t("remittances.table_period", lang), *_names(codes, lang).values()], body, lang,
                  _cost_title(lang))


def _cost_title(lang: str) -> str:
    return t("remittances.cost_title", lang, country=fig.country_name(get_store(), fig.PAYER, lang))


# ---------------------------------------------------------------------------------------------------------------
# Table alternatives, built only when a reader opens one (most never do: no interaction pays for them)
# ---------------------------------------------------------------------------------------------------------------
CHARTS = ("trend", "outflow", "economy", "ranking", "cost")


def data_table(chart: str, state: dict, lang: str):
    """The table alternative of `chart` for `state`."""
    if chart == "trend":
        data = trend_data(state)
        return series_table(data, lang, _trend_titles(state, data, lang)[0])
    if chart == "outflow":
        return series_table(outflow_data(state), lang, _outflow_title(state["relative"], lang))
    if chart == "economy":
        return economy_table(lang)
    if chart == "ranking":
        return ranking_table(ranking_data(state), lang)
    return cost_table(cost_data(state), lang)


def table_key(chart: str, state: dict) -> tuple:
    """(countries, measure, relative, source, rank_year) as far as `chart`'s table depends on them (None where
    not), so one cached table serves every state that shows the same."""
    countries = tuple(state["countries"]) if chart in ("trend", "cost") else None
    measure = state["measure"] if chart == "trend" else None
    relative = state["relative"] if chart in ("trend", "outflow") else None
    source = state["source"] if chart not in ("cost", "economy") else None
    rank_year = state["rank_year"] if chart == "ranking" else None
    return countries, measure, relative, source, rank_year


@lru_cache(maxsize=256)
def table_outputs(chart: str, countries, measure, relative, source, rank_year, lang: str):
    """Callback output: `chart`'s table, serialised."""
    state = dict(countries=countries, measure=measure, relative=relative, source=source, rank_year=rank_year)
    return common.serialised(data_table(chart, state, lang))


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


def with_group(countries, group: str) -> list[str]:
    """The selection with a group's members added after it (the ones already chosen keep their place)."""
    return list(dict.fromkeys([*(countries or []), *group_members(group)]))


def source_options(lang: str) -> list[dict]:
    store = get_store()
    return [{"label": t("remittances.source_default", lang), "value": fig.DEFAULT_SOURCE}] + [
        {"label": fig.source_label(store, source, lang), "value": source} for source in source_choices()[1:]]


def _radio(component_id: str, value: str, options, lang: str) -> dbc.RadioItems:
    return dbc.RadioItems(id=component_id, value=value, inline=True,
                          options=[{"label": t(f"remittances.{key}", lang), "value": option}
                                   for option, key in options])


def controls(state: dict, lang: str) -> dbc.Card:
    relative_options = [{"label": t("remittances.relative_off", lang), "value": RELATIVE_OFF}] + [
        {"label": str(year), "value": year} for year in reversed(trend_years())]
    return dbc.Card(dbc.CardBody(dbc.Row([
        dbc.Col([
            dbc.Label(t("remittances.countries_label", lang), html_for=Ids.COUNTRIES),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=Ids.COUNTRIES, options=list(country_options(lang)), value=list(state["countries"]),
                         multi=True, placeholder=t("remittances.countries_placeholder", lang)),
            html.Div([
                html.Div(dcc.Dropdown(labels=common.dropdown_labels(lang), id=Ids.GROUP, options=group_options(lang), value=None, clearable=False,
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
                       value=RELATIVE_OFF if state["relative"] is None else state["relative"]),
            dbc.Label(t("remittances.source_label", lang), html_for=Ids.SOURCE, className="mt-2"),
            dbc.Select(id=Ids.SOURCE, options=source_options(lang), value=state["source"]),
        ], lg=4, md=6),
    ], className="g-3")), className="controls mb-3")


def _chart_tools(chart: str, button_id: str, download_id: str, lang: str) -> html.Div:
    """Under a chart: open its table (filled when opened, see callbacks) and download its data as CSV."""
    return html.Div([
        html.Div([
            html.Button(t("remittances.show_table", lang), id=Ids.table_toggle(chart), n_clicks=0, type="button",
                        className="btn btn-sm btn-outline-secondary",
                        **{"aria-controls": Ids.table(chart), "aria-expanded": "false"}),
            dbc.Button(t("remittances.download_csv", lang), id=button_id, n_clicks=0, size="sm", color="secondary",
                       outline=True),
            dcc.Download(id=download_id),
            share.image_buttons(f"remittances-{chart}-graph", lang, source_from=f"#remittances-{chart}-info",
                                filename=f"central-asia-remittances-{chart}"),
        ], className="d-flex flex-wrap gap-2 mb-2 no-print"),
        dbc.Collapse(html.Div(id=Ids.table_body(chart)), id=Ids.table(chart), is_open=False),
    ])


def _graph(graph_id: str, figure, filename: str, lang: str | None = None) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=figure,
                     config=common.graph_config(filename, remove=MODE_BAR_REMOVED, lang=lang),
                     className="remittances-graph")


@lru_cache(maxsize=8)
def revisions_section(lang: str):
    """Estimated then, reported now, for the five Central Asian countries (independent of the selection)."""
    return revisions_block(get_store(), fig.CENTRAL_ASIA, lang)


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
                html.Section([
                    html.H2(t("remittances.trend_heading", lang), className="visually-hidden"),
                    _graph(Ids.TREND_GRAPH, trend_figure, "remittances-received", lang),
                    html.Div(trend_info(state, lang), id=Ids.TREND_INFO),
                    _chart_tools("trend", Ids.TREND_DOWNLOAD_BUTTON, Ids.TREND_DOWNLOAD, lang),
                ], className="chart-section"),
                html.Section([
                    html.H2(t("remittances.outflow_heading", lang), className="h5 mt-4"),
                    _graph(Ids.OUTFLOW_GRAPH, outflow_figure, "remittances-paid-by-russia", lang),
                    html.Div(outflow_info(state, lang), id=Ids.OUTFLOW_INFO),
                    _chart_tools("outflow", Ids.OUTFLOW_DOWNLOAD_BUTTON, Ids.OUTFLOW_DOWNLOAD, lang),
                ], className="chart-section"),
                html.Section([
                    html.H2(t("remittances.economy_heading", lang), className="h5 mt-4"),
                    _graph(Ids.ECONOMY_GRAPH, economy_figure, "russia-economy-and-rouble", lang),
                    html.Div(economy_info(lang), id=Ids.ECONOMY_INFO),
                    _chart_tools("economy", Ids.ECONOMY_DOWNLOAD_BUTTON, Ids.ECONOMY_DOWNLOAD, lang),
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
                    html.Div(rank_sentences, id=Ids.RANKING_SENTENCES,
                             className="rank-sentences-box", role="status"),
                    _graph(Ids.RANKING_GRAPH, ranking_figure, "remittances-ranking", lang),
                    html.Div(ranking_info, id=Ids.RANKING_INFO),
                    _chart_tools("ranking", Ids.RANKING_DOWNLOAD_BUTTON, Ids.RANKING_DOWNLOAD, lang),
                ], className="chart-section"),
            ], xl=5),
        ]),
        revisions_section(lang),
        html.Section([
            html.H2(t("remittances.cost_heading", lang), className="h5 mt-4"),
            _graph(Ids.COST_GRAPH, cost_figure, "remittances-cost-from-russia", lang),
            html.Div(cost_info, id=Ids.COST_INFO),
            _chart_tools("cost", Ids.COST_DOWNLOAD_BUTTON, Ids.COST_DOWNLOAD, lang),
        ], className="chart-section"),
    ], className="view-remittances")
