"""The trend chart (remittances received) and Russia's outflows: two line charts on one time axis with Russia's
economy, the blocks under them and their tables."""
from __future__ import annotations

from functools import lru_cache


from data.query import get_store
from figures.common import source_label
from figures.remittances import trend as trend_fig
from figures.remittances.parts import (MEASURES, OUTFLOW_INDICATOR, PAYER, country_name, drawn_template, labels_for,
                                       patch_time_axis, share_time_axis, unit_of, value_text, wide_body, wide_rows)
from figures.remittances.lines import (Lines, assemble_trend_figure, disagreements_of_lines, lines_data,
                                       patch_lines_scale)
from figures.remittances.disagreements import DISAGREEMENT_TOLERANCE, disagreements
from figures.remittances.trend import TrendData, build_trend_figure, patch_trend_scale
from i18n import format_number, t
from layouts import common
from layouts.remittances.economy import economy_figure
from layouts.remittances.keys import TREND_TITLE_KEYS, TREND_TITLE_RELATIVE_KEYS
from layouts.remittances.parts import (caveats_block, caveats_sent, list_of, names_of, note_list, note_list_sent,
                                       shown_note, source_line_sent, table_block, table_block_sent)
from layouts.made import html

TREND_HEIGHT, OUTFLOW_HEIGHT = 460, 300


def trend_key(state: dict, lang: str) -> tuple:
    """What the trend and outflow charts depend on, apart from the axis scale (patched on its own)."""
    return tuple(state["countries"]), state["measure"], state["relative"], state["source"], lang


@lru_cache(maxsize=64)  # sizes measured: serving/memory.py
def _trend_data(indicator: str, countries: tuple[str, ...], source: str, base_year: int | None) -> TrendData:
    # Cached: a user going back to an earlier selection (or another user asking for it) costs nothing.
    return trend_fig.trend_data(get_store(), indicator, countries, source, base_year)


def trend_data(state: dict) -> TrendData:
    return _trend_data(MEASURES[state["measure"]], tuple(state["countries"]), state["source"], state["relative"])


def outflow_data(state: dict) -> TrendData:
    return _trend_data(OUTFLOW_INDICATOR, (PAYER,), state["source"], state["relative"])


@lru_cache(maxsize=64)
def _trend_lines(indicator: str, countries: tuple[str, ...], source: str, base_year: int | None) -> Lines:
    return lines_data(get_store(), indicator, countries, source, base_year)


def trend_lines(state: dict) -> Lines:
    """What the trend chart draws, one Line per country (what `trend_data` has, without a frame)."""
    return _trend_lines(MEASURES[state["measure"]], tuple(state["countries"]), state["source"], state["relative"])


def outflow_lines(state: dict) -> Lines:
    return _trend_lines(OUTFLOW_INDICATOR, (PAYER,), state["source"], state["relative"])


def trend_titles(state: dict, trend: TrendData, lang: str) -> tuple[str, str]:
    """The trend chart's title, and its subtitle (who does not report)."""
    measure, relative = state["measure"], state["relative"]
    title = (t(TREND_TITLE_KEYS[measure], lang) if relative is None
             else t(TREND_TITLE_RELATIVE_KEYS[measure], lang, year=relative))
    subtitle = (t("remittances.not_reported_subtitle", lang, countries=list_of(trend.not_reported, lang))
                if trend.not_reported else "")
    return title, subtitle


def outflow_title(relative: int | None, lang: str) -> str:
    payer = country_name(get_store(), PAYER, lang)
    if relative is None:
        return t("remittances.outflow_title", lang, country=payer)
    return t("remittances.outflow_title_relative", lang, country=payer, year=relative)


def trend_figures(state: dict, lang: str) -> tuple[dict, dict, dict]:
    """The trend chart, Russia's outflows and Russia's economy (serialised), sharing one time axis (same years,
    same margins)."""
    return trend_outputs(*trend_key(state, lang), state["scale"])


def trend_outputs(countries, measure, relative, source, lang, scale) -> tuple[dict, dict, dict]:
    """The three charts on one time axis, serialised. Russia's charts do not depend on the countries chosen, so
    they are built once per (relative, source, scale, language) and only aligned to the trend chart here. The trend
    chart is assembled from each country's line, kept per language (figures/remittances/lines.py: ~0.5 ms, where
    building it whole took ~7): not kept whole."""
    state = dict(countries=countries, measure=measure, relative=relative, source=source, scale=scale)
    trend = trend_lines(state)
    trend_title, subtitle = trend_titles(state, trend, lang)
    trend_figure = drawn_template(assemble_trend_figure(get_store(), trend, title=trend_title, subtitle=subtitle,
                                                        height=TREND_HEIGHT, scale=scale, lang=lang,
                                                        empty_text=_trend_empty_text(trend, lang)))
    return share_time_axis(trend_figure, _outflow_figure(relative, source, scale, lang), economy_figure(lang))


def trend_outputs_reference(countries, measure, relative, source, lang, scale) -> tuple[dict, dict, dict]:
    store = get_store()
    state = dict(countries=countries, measure=measure, relative=relative, source=source, scale=scale)
    trend = trend_data(state)
    trend_title, subtitle = trend_titles(state, trend, lang)
    trend_figure = build_trend_figure(
        trend, names=names_of(trend.order, lang), source_labels=labels_for(store, [*trend.rows["source"], *trend.older["source"]], lang),
        unit=unit_of(store, trend.indicator), title=trend_title, subtitle=subtitle, height=TREND_HEIGHT,
        scale=scale, lang=lang, empty_text=_trend_empty_text(trend, lang))
    # the whole figures built as before: what tests compare trend_outputs with
    return share_time_axis(drawn_template(common.serialised(trend_figure)),
                           _outflow_figure_reference(relative, source, scale, lang),
                           economy_figure(lang))


def _trend_empty_text(trend: TrendData, lang: str) -> str:
    """What the trend chart says when it has no line: why (nothing chosen, not reported, no data)."""
    if not trend.order:
        return t("remittances.no_countries", lang)
    if trend.not_reported and not trend.no_data:
        return t("remittances.not_reported_subtitle", lang, countries=list_of(trend.not_reported, lang))
    missing = trend.not_reported + trend.no_data + trend.no_base
    return t("remittances.empty_chart", lang, countries=list_of(missing, lang))


def trend_callback_outputs(countries, measure, relative, source, lang, scale) -> tuple:
    """What the trend callback sends: both line charts, and for Russia's economy (which does not change with the
    selection) only a patch of the years and margin it shares with them."""
    trend, outflow, economy = trend_outputs(countries, measure, relative, source, lang, scale)
    # The Patch as the data Dash writes for it (the same bytes): an answer holding a Patch object after the two
    # figures had them written by orjson up to four times before the encoder found its way (serving/fast_json)
    return trend, outflow, common.serialised(patch_time_axis(economy))


@common.kept_compact(32)
def _outflow_figure(relative, source, scale, lang) -> dict:
    outflow = outflow_lines(dict(relative=relative, source=source))
    return drawn_template(assemble_trend_figure(get_store(), outflow, title=outflow_title(relative, lang),
                                                height=OUTFLOW_HEIGHT, scale=scale, lang=lang))


def _outflow_figure_reference(relative, source, scale, lang) -> dict:
    store = get_store()
    outflow = outflow_data(dict(relative=relative, source=source))
    figure = build_trend_figure(
        outflow, names=names_of(outflow.order, lang), source_labels=labels_for(store, [*outflow.rows["source"], *outflow.older["source"]], lang),
        unit=unit_of(store, outflow.indicator), title=outflow_title(relative, lang), height=OUTFLOW_HEIGHT, scale=scale,
        lang=lang)
    return drawn_template(common.serialised(figure))


@common.kept_compact(64)
def trend_info_outputs(countries, measure, relative, source, lang) -> tuple:
    """Callback outputs: the blocks under both line charts, serialised."""
    state = dict(countries=countries, measure=measure, relative=relative, source=source)
    return (series_info_sent(trend_lines(state), state, lang), _outflow_info_sent(relative, source, lang))


def trend_info_outputs_reference(countries, measure, relative, source, lang) -> tuple:
    """`trend_info_outputs` from the components (and the frames), as it was: what tests compare it with."""
    state = dict(countries=countries, measure=measure, relative=relative, source=source)
    return (common.serialised(series_info(trend_data(state), state, lang)),
            common.serialised(series_info(outflow_data(state), state, lang,
                                          extra_notes=[t("remittances.outflow_explainer", lang)])))


@common.kept_compact(32)
def _outflow_info_sent(relative, source, lang) -> dict:
    return common.serialised(_outflow_info(relative, source, lang))


def scale_patches(state: dict, lang: str):
    """Patches of both line charts for a new axis scale: axis type, range, end labels, subtitle."""
    store = get_store()
    trend, outflow = trend_lines(state), outflow_lines(state)
    _, subtitle = trend_titles(state, trend, lang)
    return (patch_lines_scale(store, trend, scale=state["scale"], lang=lang, height=TREND_HEIGHT, subtitle=subtitle),
            patch_lines_scale(store, outflow, scale=state["scale"], lang=lang, height=OUTFLOW_HEIGHT))


def scale_patches_reference(state: dict, lang: str):
    """`scale_patches` from the frames, as it was (the tests compare both)."""
    store = get_store()
    trend, outflow = trend_data(state), outflow_data(state)
    _, subtitle = trend_titles(state, trend, lang)
    return (patch_trend_scale(trend, names=names_of(trend.order, lang), unit=unit_of(store, trend.indicator),
                              scale=state["scale"], lang=lang, height=TREND_HEIGHT, subtitle=subtitle,
                              source_labels=labels_for(store, trend.older["source"], lang)),
            patch_trend_scale(outflow, names=names_of(outflow.order, lang),
                              unit=unit_of(store, outflow.indicator), scale=state["scale"], lang=lang,
                              height=OUTFLOW_HEIGHT, source_labels=labels_for(store, outflow.older["source"], lang)))


def _disagreement_block(store, data: TrendData | Lines, lang: str, limit: int = 5):
    found = (disagreements_of_lines(store, data) if isinstance(data, Lines) else
             disagreements(store, data.indicator, data.rows))
    if not found:
        return None
    unit = unit_of(store, data.indicator)
    return html.Details([
        html.Summary(t("remittances.disagree_note", lang, n=len(found),
                       tolerance=t("common.percent", lang, value=format_number(100 * DISAGREEMENT_TOLERANCE, lang)))),
        html.Ul([html.Li(t("remittances.disagree_item", lang, country=country_name(store, item["iso3"], lang),
                           year=item["year"], value=value_text(item["value"], unit, lang),
                           source=source_label(store, item["source"], lang),
                           other_value=value_text(item["other_value"], unit, lang),
                           other_source=source_label(store, item["other_source"], lang)))
                 for item in found[:limit]], className="mb-0"),
        html.P(t("remittances.disagree_hint", lang), className="mb-0"),
    ], className="disagreement small mb-1")


def series_info(data: TrendData | Lines, state: dict, lang: str, *, extra_notes=()) -> html.Div:
    """Under a line chart: source line, which source is shown, what is missing and why, caveats."""
    store = get_store()
    used = data.used_sources() if isinstance(data, Lines) else list(dict.fromkeys(data.rows["source"]))
    return html.Div([
        common.source_line(store, used, lang) if used else None,
        note_list(_series_notes(data, state, lang, extra_notes)),
        _disagreement_block(store, data, lang),
        caveats_block(store, data.indicator, used, lang),
    ])


def series_info_sent(data: Lines, state: dict, lang: str, *, extra_notes=()) -> dict:
    """`common.serialised(series_info(...))` made of serialised parts: the source line and the caveats (the same
    for every selection of the same sources) kept per sources and language, not made and walked each time."""
    used = tuple(data.used_sources())
    return {"props": {"children": [
        source_line_sent(used, lang) if used else None,
        note_list_sent(_series_notes(data, state, lang, extra_notes)),
        common.serialised(_disagreement_block(get_store(), data, lang)),
        caveats_sent(data.indicator, used, lang),
    ]}, "type": "Div", "namespace": "dash_html_components"}


def _series_notes(data: TrendData | Lines, state: dict, lang: str, extra_notes=()) -> list[str]:
    store = get_store()
    notes = [*extra_notes, *shown_note(store, data.source, state["source"], lang, per_country=True)]
    if not data.order:
        notes.append(t("remittances.no_countries", lang))
    if data.not_reported:
        notes.append(t("remittances.not_reported_note", lang, countries=list_of(data.not_reported, lang)))
    if data.no_data:
        notes.append(t("remittances.no_data_note", lang, countries=list_of(data.no_data, lang)))
    if data.no_base:
        notes.append(t("remittances.no_base_note", lang, year=data.base_year, countries=list_of(data.no_base, lang)))
    return notes


def series_table(data: TrendData, lang: str, caption: str):
    """Years down, countries across; a country that does not report has a column saying so (missing, not 0)."""
    relative = data.base_year is not None
    codes, body = wide_rows(data.rows, data.order, unit_of(get_store(), data.indicator), lang,
                            value_column="shown" if relative else "value", change=relative)
    body = [[*row, *[t("common.not_reported", lang)] * len(data.not_reported)] for row in body]
    header = [t("remittances.table_year", lang), *names_of([*codes, *data.not_reported], lang).values()]
    return table_block(header, body, lang, caption)


def series_table_sent(data: Lines, lang: str, caption: str) -> dict:
    """`common.serialised(series_table(…))` of the lines, without a frame or a component per cell."""
    relative = data.base_year is not None
    cells = {}
    for line in data.lines:
        for year, value in zip(line.years.tolist(), (line.shown if relative else line.values).tolist()):
            cells[(year, line.code)] = value
    codes = list(data.drawn)
    body = wide_body(cells, [year for year, _ in cells], codes, unit_of(get_store(), data.indicator), lang,
                     change=relative)
    body = [[*row, *[t("common.not_reported", lang)] * len(data.not_reported)] for row in body]
    header = [t("remittances.table_year", lang), *names_of([*codes, *data.not_reported], lang).values()]
    return table_block_sent(header, body, lang, caption)


def trend_info(state: dict, lang: str) -> html.Div:
    return _trend_info(*trend_key(state, lang))


@lru_cache(maxsize=2)  # the page's components (1 hit in 197 in a worker): the callbacks repeat trend_info_outputs
def _trend_info(countries, measure, relative, source, lang) -> html.Div:
    state = dict(countries=countries, measure=measure, relative=relative, source=source)
    return series_info(trend_lines(state), state, lang)


def outflow_info(state: dict, lang: str) -> html.Div:
    return _outflow_info(state["relative"], state["source"], lang)


@lru_cache(maxsize=32)
def _outflow_info(relative, source, lang) -> html.Div:
    state = dict(relative=relative, source=source)
    return series_info(outflow_lines(state), state, lang, extra_notes=[t("remittances.outflow_explainer", lang)])
