"""A line's source is written once in its trace's hovertemplate, not in each point's hover text
(figures/remittances/trend.hover_split, cost._shared_source): every point's hover box still says what it said when
each point carried the whole text — its name, its own lines, then source and vintage — for every line of every
measure, source, base year and language, the older releases' segments, and every corridor of the cost chart."""
from __future__ import annotations

import pytest

from figures.plain import PLAIN, plain_trace
from figures.remittances import cost as cost_fig
from figures.remittances.lines import Line, line_of
from figures.remittances.parts import (MEASURES, OUTFLOW_INDICATOR, PAYER, country_name, hover_source, source_label,
                                       sources_for, unit_of, value_text)
from figures.remittances.trend import hover_texts, line_trace, older_trace
from i18n import t
from tests.figures.remittances.support import hover_boxes

LANGS = ("en", "ru")


def _lines(store, indicator: str, source, base_year):
    for code in store.countries()["iso3"]:
        line = line_of(store, indicator, source, base_year, code)
        if isinstance(line, Line):
            yield line


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("indicator", [*MEASURES.values(), OUTFLOW_INDICATOR])
def test_every_points_hover_box_says_what_its_whole_text_said(store, indicator, lang):
    unit = unit_of(store, indicator)
    shared = checked = 0
    for source in (None, *sources_for(store, indicator)):
        for base_year in (None, 2010):
            for line in _lines(store, indicator, source, base_year):
                name = country_name(store, line.code, lang)
                labels = [source_label(store, s, lang) for s in line.sources]
                trace = plain_trace(line_trace(PLAIN, name, line.code, line.years, line.shown, line.values, labels,
                                               colour="#000", unit=unit, base_year=base_year, lang=lang))
                whole = hover_texts(line.years, line.values, line.shown, labels, unit=unit, base_year=base_year,
                                    lang=lang)
                assert hover_boxes(trace) == [f"<b>{name}</b><br>{text}" for text in whole], (line.code, source)
                shared += "Source" in trace["hovertemplate"] or "Источник" in trace["hovertemplate"]
                checked += 1
                for older, years, values in line.older:
                    label = source_label(store, older, lang) or older
                    segment = plain_trace(older_trace(PLAIN, name, line.code, older, label, years, values,
                                                      colour="#000", unit=unit, lang=lang))
                    prefix = f"<b>{name}</b> ({t('revisions.older_release', lang, source=label)})<br>"
                    assert hover_boxes(segment) == [
                        prefix + text for text in hover_texts(years, values, values, [label] * len(years), unit=unit,
                                                              base_year=None, lang=lang)], (line.code, older)
    assert checked > 300 and shared == checked  # every line has one source, written once


@pytest.mark.parametrize("lang", LANGS)
def test_every_corridors_hover_box_says_what_its_whole_text_said(store, lang):
    _, periods = cost_fig._corridors_to(store, PAYER)
    rows, derived = cost_fig._corridor_rows(store, PAYER)
    no_data = t("common.no_data", lang)
    for code in {*rows, *derived}:
        name = country_name(store, code, lang)
        mine, later = rows.get(code, []), derived.get(code, [])
        labels = {s: source_label(store, s, lang) for s in {row[2] for row in (*mine, *later)}}
        trace = plain_trace(cost_fig.corridor_trace(PLAIN, code, name, periods, mine, labels, colour="#000",
                                                    lang=lang))
        by_period = {period: (value, source) for period, value, source in mine}
        boxes = dict(zip(periods, hover_boxes(trace)))
        for period in periods:  # a point without a value has no marker and no hover box
            if period in by_period:
                value, source = by_period[period]
                old = (t("remittances.hover_cost", lang, period=cost_fig.period_label(period, lang),
                         value=value_text(float(value), "%", lang)) + "<br>" + hover_source(labels[source], lang))
                assert boxes[period] == f"<b>{name}</b><br>{old}", (code, period)
            else:
                assert boxes[period].startswith(f"<b>{name}</b><br>{t('remittances.hover_cost', lang, period=cost_fig.period_label(period, lang), value=no_data)}")
        dashed = cost_fig.derived_trace(PLAIN, code, name, later, labels, colour="#000", lang=lang)
        if dashed is not None:
            dashed = plain_trace(dashed)
            found = sorted(later, key=lambda row: cost_fig.period_start(row[0]))
            label = labels[found[0][2]]
            segment = t("revisions.derived_segment", lang)
            assert hover_boxes(dashed) == [
                f"<b>{name}</b> ({segment})<br>" + t("remittances.hover_cost", lang,
                                                      period=cost_fig.period_label(p, lang),
                                                      value=value_text(float(v), "%", lang))
                + "<br>" + hover_source(label, lang) for p, v, _ in found], code
