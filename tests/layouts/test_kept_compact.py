"""Caches of serialised outputs kept as JSON bytes (layouts/common.kept_compact, the corridors' flows view): what
they give back, kept or evicted and rebuilt, equals a fresh build, in English and Russian; they stay within their
bound; a caller changing what it got does not change what the next one gets."""
from __future__ import annotations

import orjson
import pytest

from figures.corridors.sankey import patch_sankey
from layouts import common
from layouts.corridors.card import card_body_json
from layouts.corridors.flows import flows_info, flows_sources, flows_view
from layouts.corridors.params import revision_sources, selection_from, state_from_controls
from layouts.remittances.cost import cost_outputs_reference
from layouts.remittances.params import default_rank_year, rank_years
from layouts.remittances.ranking import ranking_outputs_reference
from layouts.remittances.tables import table_outputs
from layouts.remittances.trend import _outflow_figure, trend_info_outputs

LANGS = ("en", "ru")


def _calls(lang: str):
    source = revision_sources()[0]
    years = rank_years()
    return [
        (trend_info_outputs, (("KGZ", "TJK"), "pct", None, "default", lang)),
        (_outflow_figure, (None, "default", "linear", lang)),
        (ranking_outputs_reference, (default_rank_year(), "default", lang)),
        (ranking_outputs_reference, (years[len(years) // 2], "default", lang, ("KGZ",))),
        (table_outputs, ("trend", ("KGZ", "TJK"), "pct", None, "default", None, lang)),
        (table_outputs, ("cost", ("KGZ", "TJK"), None, None, None, None, lang)),
        (cost_outputs_reference, (("KGZ", "TJK"), lang)),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_each_compact_cache_gives_what_a_fresh_build_gives(lang):
    for cached, args in _calls(lang):
        cached.cache_clear()
        fresh = cached.__wrapped__(*args)  # the function itself, nothing kept
        first = cached(*args)  # built and kept as bytes
        again = cached(*args)  # read back from the bytes
        assert first == fresh and again == fresh, cached.__name__
        assert type(again) is type(fresh) and again is not first, cached.__name__
        assert cached.cache_info().hits >= 1
        if isinstance(again, tuple):
            again[0].clear()
        else:
            again.clear()
        assert cached(*args) == fresh, f"{cached.__name__}: a caller's change reached the cache"
        # the same kept bytes as Fragments (what a callback splices into its answer): orjson's bytes of the data
        fragments = cached.fragment(*args)
        if isinstance(fresh, tuple):
            assert [part.raw for part in fragments] == [orjson.dumps(part) for part in fresh], cached.__name__
            assert tuple(part.to_plotly_json() for part in fragments) == fresh, cached.__name__
        else:
            assert fragments.raw == orjson.dumps(fresh) and fragments.to_plotly_json() == fresh, cached.__name__


def test_a_compact_cache_stays_within_its_bound_and_rebuilds_what_it_dropped():
    built = []

    @common.kept_compact(3)
    def output(n: int, lang: str = "en"):
        built.append(n)
        return {"n": n, "text": f"{n} – {lang}", "values": [n / 3, None, True]}, [n]

    for n in range(10):
        output(n)
    assert output.cache_info().currsize == 3 and output.cache_info().maxsize == 3
    assert output(9) == ({"n": 9, "text": "9 – en", "values": [3.0, None, True]}, [9]) and built == list(range(10))
    assert output(0) == output.__wrapped__(0) and built == [*range(10), 0, 0]  # dropped: built again
    assert output.cache_info().currsize == 3


def test_the_caches_bounds_are_the_measured_ones():
    """Bounds chosen from the replay in serving/memory.py; an unbounded cache of outputs would grow with traffic.
    The pages' own components, asked again almost never (the pages and answers are stored apart), keep one or two."""
    from layouts.corridors.card import card_body
    from layouts.country.page import profile
    from layouts.remittances.cost import _cost_block
    from layouts.remittances.ranking import _ranking_block
    from layouts.remittances.trend import _trend_info

    sizes = {card_body_json: 32, _outflow_figure: 32, trend_info_outputs: 64, ranking_outputs_reference: 32,
             table_outputs: 32, cost_outputs_reference: 16, flows_view: 16,
             profile: 1, card_body: 1, _cost_block: 2, _ranking_block: 2, _trend_info: 2}
    for cached, size in sizes.items():
        assert cached.cache_info().maxsize == size, cached.__name__


@pytest.mark.parametrize("lang", LANGS)
def test_the_flows_view_sends_what_its_blocks_serialise_to(lang):
    source = revision_sources()[0]
    for mode, origin, destination in (("origin", "UZB", None), ("destination", None, "RUS")):
        state = state_from_controls(lang, None, "total", mode, origin, destination, source, None, None)
        flows_view.cache_clear()
        view = flows_view(selection_from(state), lang)
        assert view.sankey_sent == common.serialised(patch_sankey(view.sankey))
        assert view.info_sent == common.serialised(flows_info(view, lang))
        assert view.sources_sent == common.serialised(flows_sources(view, lang))
        assert view.info_sent is not view.info_sent  # a copy per use
        fresh = flows_view.__wrapped__(selection_from(state), lang)
        assert (fresh.sankey_sent, fresh.info_sent, fresh.sources_sent) == (
            view.sankey_sent, view.info_sent, view.sources_sent)


@pytest.mark.parametrize("lang", LANGS)
def test_a_card_is_kept_as_the_json_it_sends(lang):
    """A corridor card is kept as its JSON (a Fragment, spliced into each answer): kept or evicted and rebuilt, the
    bytes of a fresh build; nothing a caller holds can change it."""
    import orjson

    from layouts.corridors.card import card_body

    source = revision_sources()[0]
    card_body_json.cache_clear()
    for origin, destination in (("KGZ", "RUS"), ("UZB", "KAZ")):
        first = card_body_json(origin, destination, source, lang)
        assert first.raw == orjson.dumps(common.reference_serialised(card_body.__wrapped__(origin, destination,
                                                                                          source, lang)))
        assert card_body_json(origin, destination, source, lang) is first
        card_body_json.cache_clear()
        assert card_body_json(origin, destination, source, lang) == first
