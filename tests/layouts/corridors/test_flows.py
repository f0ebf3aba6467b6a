"""The flow map and the Sankey: the table of every corridor, the year fallback notice, the coverage note, the
CSV."""
from __future__ import annotations

import pytest

from figures.corridors import selection as selection_fig
from figures.corridors.map_frame import MAX_ARCS
from layouts import pages
from layouts.corridors.flows import flows_csv
from layouts.corridors.params import selection_from
from layouts.ids import Corridors
from tests.layouts.corridors.support import page, state_for
from tests.support.components import by_id, text_of, walk


def test_flows_table_lists_every_corridor_even_beyond_the_drawn_arcs(store):
    import orjson

    from layouts.corridors.flows import flows_table_json
    tree = page("?destination=RUS")
    assert not [c for c in walk(by_id(tree, Corridors.FLOWS_INFO)) if type(c).__name__ == "Tr"]  # sent when opened
    table = orjson.loads(flows_table_json(selection_from(state_for("?destination=RUS")), "en"))
    rows = [d for d in _dicts(table) if d.get("type") == "Tr"]
    expected = selection_fig.flows(store, selection_from(state_for("?destination=RUS")))
    assert len(expected) > MAX_ARCS
    assert len(rows) == len(expected) + 1  # + header
    assert by_id(tree, Corridors.MAP_SCOPE).data == "world"
    assert not by_id(tree, Corridors.DESTINATION).disabled and by_id(tree, Corridors.DESTINATION).value == "RUS"


def _dicts(node):
    if isinstance(node, dict):
        yield node
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            yield from _dicts(item)


def test_year_missing_from_the_revision_is_shown_with_a_notice(store):
    tree = page("?year=2024&source=undesa_ims_2020")
    assert "has no figures for 2024: showing 2020" in text_of(by_id(tree, Corridors.FLOWS_INFO))
    assert "2020" in by_id(tree, Corridors.MAP).figure["layout"]["title"]["text"]


@pytest.mark.parametrize("search, expected", [
    ("?origin=USA", "account for 3.28% of the 3,186,999 people born in United States of America"),
    ("?destination=USA&mode=destination",
     "account for 8.88% of the 52,375,047 immigrants living in United States of America"),
    ("?origin=USA&sex=female", "These are not all the destinations of people born in United States of America"),
    ("?origin=USA&source=undesa_ims_2020&year=2020", "These are not all the destinations"),
    ("?origin=UZB", None),  # a Central Asian origin: all its corridors are held
    ("", None),
])
def test_one_country_s_corridors_say_when_they_are_only_part_of_its_migrants(search, expected):
    info = text_of(by_id(pages.render("/corridors", search), Corridors.FLOWS_INFO))
    if expected:
        assert expected in info  # the US-born seemed to live in China, Türkiye and Russia only
    else:
        assert "dashboard holds bilateral data only" not in info


def test_flows_csv_carries_provenance(store):
    flows = flows_csv(selection_from(state_for("?year=2020")))
    assert {"source", "publisher", "vintage", "licence", "origin_name", "destination_name"} <= set(flows.columns)
    assert flows.set_index(["origin", "destination"]).loc[("UZB", "RUS"), "value"] == 871_154


def _flow_selections(store):
    """Every year of each revision in the default view (each sex), and one country's corridors either way."""
    from figures.corridors.selection import SEXES, Selection, revision_sources, stock_years
    for source in revision_sources(store):
        for year in (*stock_years(store, source), 2024, 1989):  # a year the revision lacks: the fallback notice
            for sex in SEXES:
                yield Selection("default", None, None, year, sex, source)
        for index, code in enumerate(("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "USA", "DEU", "AFG", "CHN", "UKR",
                                      "TUV")):
            sex = tuple(SEXES)[index % 3]
            yield Selection("origin", code, None, (1990, 2005, 2020)[index % 3], sex, source)
            yield Selection("destination", None, code, (2000, 2015, 2024)[index % 3], sex, source)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_flows_blocks_as_sent_equal_their_components_serialised(store, lang):
    """A flows answer's blocks are JSON written once without components (the notes and the table's rows from
    templates, the Sankey's patch from its parts): byte for byte the components of the page, and the patch of the
    page's whole Sankey, serialised by plotly's encoder, for every year, sex, mode and revision."""
    import orjson

    from figures.corridors.sankey import patch_sankey
    from layouts import common
    from layouts.corridors.flows import flows_info, flows_sources, flows_view
    count, notices, coverage = 0, 0, 0
    for chosen in _flow_selections(store):
        view = flows_view.__wrapped__(chosen, lang)
        info = common.reference_serialised(flows_info(view, lang))
        assert view.info.raw == orjson.dumps(info), chosen
        assert view.sources.raw == orjson.dumps(common.reference_serialised(flows_sources(view, lang))), chosen
        assert view.sankey_patch.raw == orjson.dumps(common.reference_serialised(patch_sankey(view.sankey))), chosen
        assert view.rows == tuple(zip(*(selection_fig.flows_reference(store, view.selection)[c].tolist()
                                         for c in selection_fig.FLOW_COLUMNS)))
        count += len(view.rows)
        notice, _, covered = info["props"]["children"][:3]
        notices, coverage = notices + (notice is not None), coverage + (covered is not None)
    assert count > 1000 and notices >= 6 and coverage >= 6  # the fallback notice and the coverage note written too


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_table_as_sent_equals_its_components_serialised(store, lang):
    """The table of corridors, sent only when opened, is JSON written without components (the table around its
    rows, a row around its cells): byte for byte the components `flows_table` makes of the view's rows, serialised
    by plotly's encoder, for every year, sex, mode and revision (the year a revision lacks: its nearest year's
    corridors, as the map shows them). Before it was sent apart, these were the table inside the flows answer's
    notes (html.Details): 474 selections in en and ru compared byte for byte with that block of c478825's answer."""
    import orjson

    from layouts import common
    from layouts.corridors.flows import flows_table, flows_table_json, flows_view
    count = empty = 0
    for chosen in _flow_selections(store):
        view = flows_view.__wrapped__(chosen, lang)
        sent = flows_table_json(chosen, lang)
        assert sent == orjson.dumps(common.reference_serialised(flows_table(view.rows, lang))), chosen
        count, empty = count + len(view.rows), empty + (not view.rows)
        if view.rows:
            assert sent.count(b'"type":"Tr"') == len(view.rows) + 1  # every corridor, and the header
    assert count > 1000 and empty >= 2  # "No data for this selection." written too (Tuvalu)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_table_s_persons_are_written_as_persons_writes_them(store, lang):
    """The table's persons cells are grouped by threes directly for whole numbers: the JSON of `persons` for every
    value of every corridor measure and source, and for the odd ones (none, NaN, zero, fractions, negatives, huge)."""
    import math

    import orjson

    from figures.corridors.parts import persons
    from layouts.corridors.flows import persons_json
    values = set()
    for measure in store.indicators("corridors")["indicator"]:
        values.update(store.corridors(measure)["value"].tolist())
    values = sorted(v for v in values if not math.isnan(v)) + [math.nan, None, 0.0, 0.5, 999.0, 1000.0, 1234.5,
                                                                 -1234.0, 1e15, 1e16, 12_345_678_901.0, 7]
    assert len(values) > 10_000
    assert persons_json(values, lang) == [orjson.dumps(persons(value, lang)).decode() for value in values]
