"""The line charts assembled from each country's pieces (figures/remittances/lines.py) are those built whole from
the frames (figures/remittances/trend.py), byte for byte as sent, for many selections in both languages."""
from __future__ import annotations

import random

import pytest

from figures.remittances import lines as lines_fig
from figures.remittances.parts import (MEASURES, OUTFLOW_INDICATOR, labels_for, names_for, source_choices,
                                       unit_of)
from figures.remittances.disagreements import disagreements
from figures.remittances.trend import build_trend_figure, trend_data
from layouts.common import serialised
from serving.fast_json.answer import to_json


def sent(value) -> str:
    """What the callbacks' encoder writes (the bytes Dash sends)."""
    return to_json(value)


def selections(store, count: int, seed: int):
    """Random selections: any selectable code (countries, aggregates, none), measure, source (each release, the
    default rule, one without the measure, an unknown one), base year, scale and language."""
    from layouts.remittances.params import selectable_codes, trend_years

    rng = random.Random(seed)
    codes = list(selectable_codes())
    near = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "WLD", "ECS", "ARM", "MDA", "AFG", "UKR"]
    sources = [None, "default", *source_choices(store), "not-a-source"]
    years = list(trend_years())
    for _ in range(count):
        pool = near if rng.random() < 0.6 else codes
        chosen = rng.sample(pool, rng.choice([0, 1, 2, 3, 5, 6, 8]))
        indicator = rng.choice([*MEASURES.values(), OUTFLOW_INDICATOR])
        base = rng.choice([None, None, None, *rng.sample(years, 3), years[0], years[-1]])
        yield (tuple(chosen), indicator, rng.choice(sources), base, rng.choice(["linear", "log"]),
               rng.choice(["en", "ru"]))


@pytest.mark.parametrize("seed", range(4))
def test_assembled_trend_figures_are_the_ones_built_whole(store, seed):
    for chosen, indicator, source, base, scale, lang in selections(store, 60, seed):
        data = trend_data(store, indicator, chosen, source, base)
        lines = lines_fig.lines_data(store, indicator, chosen, source, base)
        case = (chosen, indicator, source, base, scale, lang)
        assert (lines.order, lines.not_reported, lines.no_data, lines.no_base, lines.source, lines.drawn) == \
            (data.order, data.not_reported, data.no_data, data.no_base, data.source, data.drawn), case
        assert lines.used_sources() == list(dict.fromkeys(data.rows["source"])), case
        labels = labels_for(store, [*data.rows["source"], *data.older["source"]], lang)
        reference = serialised(build_trend_figure(
            data, names=names_for(store, data.order, lang), source_labels=labels, unit=unit_of(store, indicator),
            scale=scale, lang=lang, title="t", subtitle="s", height=300 + 80 * seed, empty_text="none"))
        assembled = lines_fig.assemble_trend_figure(store, lines, scale=scale, lang=lang, title="t", subtitle="s",
                                                    height=300 + 80 * seed, empty_text="none")
        assert sent(assembled) == sent(reference), case
        found = disagreements(store, indicator, data.rows)
        assert lines_fig.lines_disagreements(store, lines) == found, case
        assert lines_fig.disagreements_of_lines(store, lines) == found, case


@pytest.mark.parametrize("value, other", [(0.0, 0.0), (0.0, 1.5), (0.0, -2.0), (2.0, 3.0), (-4.0, 1.0),
                                          (float("nan"), 1.0), (0.0, float("nan")), (1e-300, 1e300), (3.0, 3.0)])
def test_relative_differences_are_numpy_s(value, other):
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        expected = float(np.float64(abs(other - value)) / np.float64(abs(value)))
    found = lines_fig._relative_difference(other, value)
    assert found == expected or (found != found and expected != expected)


def test_a_piece_is_a_new_copy_at_each_call(store):
    """Callers may change what they are given: the kept JSON is read anew each time."""
    lines = lines_fig.lines_data(store, MEASURES["pct"], ("KGZ", "TJK"))
    first = lines_fig.line_piece(store, lines, "KGZ", "en")
    first["trace"]["hovertext"].clear()
    first["trace"]["line"]["color"] = "#fff"
    again = lines_fig.line_piece(store, lines, "KGZ", "en")
    assert again["trace"]["hovertext"] and again["trace"]["line"]["color"] == ""
