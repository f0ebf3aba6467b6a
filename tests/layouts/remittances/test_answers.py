"""Each remittances answer built the fast way equals the one built as before (its `*_reference` twin), byte for
byte as sent, for many selections (countries, measures, sources, base years, scales, ranking years) in English
and Russian."""
from __future__ import annotations

import random

import pytest

from data.query import get_store
from figures.remittances.parts import patch_time_axis, source_choices
from layouts.remittances import trend as trend_layout
from layouts.remittances.params import clean_state, selectable_codes, trend_years
from serving.fast_json.answer import to_json

NEAR = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "WLD", "ECS", "ARM", "MDA", "AFG", "UKR", "CHN", "PAK"]


def states(count: int, seed: int):
    """Page states as the callbacks make them (clean_state), random but seeded."""
    from layouts.remittances.params import rank_years

    rng = random.Random(seed)
    codes = list(selectable_codes())
    sources = ["default", *source_choices(get_store()), "not-a-source"]
    years, ranked = list(trend_years()), list(rank_years())
    for _ in range(count):
        pool = NEAR if rng.random() < 0.7 else codes
        yield clean_state({
            "countries": rng.sample(pool, rng.choice([0, 1, 2, 4, 5, 6, 7])),
            "measure": rng.choice(["pct", "usd"]), "scale": rng.choice(["linear", "log"]),
            "relative": rng.choice([None, None, None, rng.choice(years), years[0]]),
            "source": rng.choice(sources), "rank_year": rng.choice([*ranked, ranked[-1]]),
            "lang": rng.choice(["en", "ru"])})


@pytest.mark.parametrize("seed", range(3))
def test_line_charts_scale_patches_and_blocks_equal_the_ones_built_from_frames(seed):
    for state in states(40, seed):
        lang = state["lang"]
        key = trend_layout.trend_key(state, lang)
        assert to_json(trend_layout.trend_outputs(*key, state["scale"])) == \
            to_json(trend_layout.trend_outputs_reference(*key, state["scale"])), state
        economy = trend_layout.trend_callback_outputs(*key, state["scale"])[2]
        reference = trend_layout.trend_outputs_reference(*key, state["scale"])[2]
        assert to_json(economy) == to_json(patch_time_axis(reference)), state
        assert to_json(trend_layout.scale_patches(state, lang)) == \
            to_json(trend_layout.scale_patches_reference(state, lang)), state
        assert to_json(trend_layout.trend_info_outputs.__wrapped__(*key)) == \
            to_json(trend_layout.trend_info_outputs_reference(*key)), state
        for fast, reference in ((trend_layout.trend_lines(state), trend_layout.trend_data(state)),
                                (trend_layout.outflow_lines(state), trend_layout.outflow_data(state))):
            assert to_json(trend_layout.series_info(fast, state, lang)) == \
                to_json(trend_layout.series_info(reference, state, lang)), state


@pytest.mark.parametrize("seed", range(3))
def test_rankings_equal_the_ones_built_from_frames(seed):
    from layouts.remittances import ranking as ranking_layout
    from layouts.remittances.params import rank_years

    rng = random.Random(seed)
    sources = ["default", *source_choices(get_store())]  # as clean_state leaves them
    years = list(rank_years())
    for state in states(30, seed):
        highlight = ranking_layout.ranked_choice(state)
        for year, source in ((state["rank_year"], state["source"]), (rng.choice(years), rng.choice(sources))):
            args = (year, source, state["lang"], highlight)
            assert to_json(ranking_layout.ranking_outputs(*args)) == \
                to_json(ranking_layout.ranking_outputs_reference.__wrapped__(*args)), args


def test_every_year_and_source_is_ranked_as_the_frames_rank_it():
    from figures.remittances import ranking as ranking_fig
    from figures.remittances.parts import PCT_INDICATOR

    store = get_store()
    highlight = ("KAZ", "TJK", "AFG", "TKM", "USA", "WLD", "NPL")
    for source in (None, "default", *source_choices(store), "not-a-source"):
        for year in range(1960, 2027):
            data = ranking_fig.ranking_data(store, year, highlight=highlight, source=source)
            rows = ranking_fig.ranking_rows(store, year, highlight=highlight, source=source)
            assert (rows.codes, rows.values, rows.sources, rows.rank_list) == (
                data.rows["iso3"].tolist(), data.rows["value"].tolist(), data.rows["source"].tolist(),
                [int(rank) for rank in data.rows["rank"]]), (source, year)
            assert (rows.year, rows.count, rows.ranks, rows.source, rows.unavailable) == (
                data.year, data.count, data.ranks, data.source, data.unavailable), (source, year)
            ranked = ranking_fig.ranked_year(store, year, source)
            if ranked.asked is None:
                assert list(ranked.mixed) == store.releases_used(store.values_for_map(PCT_INDICATOR, year))


@pytest.mark.parametrize("seed", range(3))
def test_cost_charts_and_blocks_equal_the_ones_built_from_frames(seed):
    from layouts.remittances import cost as cost_layout

    corridors = sorted(set(get_store().corridors("cost_pct", destinations=["RUS"])["origin"]))
    rng = random.Random(seed)
    for state in states(30, seed):
        for countries in (tuple(state["countries"]), tuple(rng.sample(corridors, rng.randint(1, 6))),
                          (*rng.sample(corridors, 3), "WLD", "RUS", "USA")):
            args = (countries, state["lang"])
            assert to_json(cost_layout.cost_outputs(*args)) == \
                to_json(cost_layout.cost_outputs_reference.__wrapped__(*args)), args


@pytest.mark.parametrize("seed", range(3))
def test_tables_equal_the_ones_built_from_frames(seed):
    from layouts.remittances.tables import CHARTS, table_key, table_outputs, table_outputs_reference

    for state in states(30, seed):
        for chart in CHARTS:
            args = (chart, *table_key(chart, state), state["lang"])
            assert to_json(table_outputs.__wrapped__(*args)) == \
                to_json(table_outputs_reference(*args)), args


@pytest.mark.parametrize("seed", range(3))
def test_downloads_are_the_frames_csv_byte_for_byte(seed):
    from callbacks.remittances import TABLES, download, download_reference

    for state in states(25, seed):
        for chart in TABLES:
            assert download(chart, state) == download_reference(chart, state), (chart, state)
