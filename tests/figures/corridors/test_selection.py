"""The corridor query: plotted values are the store's values, missing corridors are absent, never zero."""
from __future__ import annotations

import pandas as pd
import pytest

from figures.corridors import comparison as comparison_fig, selection as selection_fig
from figures.corridors.comparison import COMPARE_KEYS, COMPARISON_ROWS
from figures.corridors.map_frame import flow_map
from figures.corridors.selection import (SEXES, SEX_KEYS, corridor_id, parse_corridor_id, resolve_year, stock_years,
                                         width_reference)
from tests.figures.corridors.support import selection


@pytest.mark.parametrize("measure, kwargs", [
    ("stock_total", dict(origins=["UZB"], year=2020, source="undesa_ims_2020")),
    ("stock_female", dict(destinations=["RUS"], year=2024, source="undesa_ims_2024")),
    ("cost_pct", dict(origins=["TJK"], destinations=["RUS"])),
    ("citizens_present", dict()),
    ("remittances_usd", dict(origins=["KGZ", "UZB"], destinations=["RUS", "KAZ"])),
])
def test_cached_query_returns_what_the_store_returns(store, measure, kwargs):
    mine = selection_fig.query(store, measure, **kwargs).reset_index(drop=True)
    theirs = store.corridors(measure, **kwargs).reset_index(drop=True)
    pd.testing.assert_frame_equal(mine.sort_values(["origin", "destination", "period"], ignore_index=True),
                                  theirs.sort_values(["origin", "destination", "period"], ignore_index=True),
                                  check_dtype=False, check_categorical=False)


def test_default_flows_are_central_asia_to_russia_and_kazakhstan(store):
    rows = selection_fig.flows(store, selection())
    ca5, hosts = set(store.group_members("ca5")), {"RUS", "KAZ"}
    assert set(rows["origin"]) <= ca5 and set(rows["destination"]) <= hosts
    assert ("KAZ", "RUS") in set(zip(rows["origin"], rows["destination"]))  # Kazakhstan is an origin too
    assert not (rows["origin"] == rows["destination"]).any()  # no Kazakhstan → Kazakhstan
    assert list(rows["value"]) == sorted(rows["value"], reverse=True)
    expected = store.corridors("stock_total", origins=["UZB"], destinations=["RUS"], year=2024)["value"].iloc[0]
    assert rows.set_index(["origin", "destination"]).loc[("UZB", "RUS"), "value"] == expected == 778_041


def test_flows_follow_the_revision_and_the_sex(store):
    rev2020 = selection_fig.flows(store, selection(year=2020, source="undesa_ims_2020")).set_index(["origin", "destination"])
    assert rev2020.loc[("UZB", "RUS"), "value"] == 1_146_175  # PROVENANCE check: Rev.2020 for 2020
    women = selection_fig.flows(store, selection(year=2020, sex="female")).set_index(["origin", "destination"])
    expected = store.corridors("stock_female", origins=["UZB"], destinations=["RUS"], year=2020)["value"].iloc[0]
    assert women.loc[("UZB", "RUS"), "value"] == expected
    assert set(rev2020["source"]) == {"undesa_ims_2020"} and set(women["source"]) == {"undesa_ims_2024"}


def test_origin_and_destination_modes(store):
    out = selection_fig.flows(store, selection("origin", origin="TJK", year=2015))
    assert set(out["origin"]) == {"TJK"} and len(out) == len(
        store.corridors("stock_total", origins=["TJK"], year=2015).dropna(subset=["value"]).query("destination != 'TJK'"))
    into = selection_fig.flows(store, selection("destination", destination="KAZ", year=2015))
    assert set(into["destination"]) == {"KAZ"} and "UZB" in set(into["origin"])


def test_a_corridor_without_data_is_absent_not_zero(store):
    # Turkmenistan has no FMS figure: the comparison has no bar for it, not a bar of 0.
    rows = comparison_fig.comparison(store, tuple(store.group_members("ca5")))
    fms = rows[rows["source"] == "iom_ca_strategy"]
    assert set(fms["origin"]) == {"KAZ", "KGZ", "TJK", "UZB"}
    assert (rows["value"] > 0).all()
    # An origin with few destinations: corridors the data lack are not in the flows and get no arc.
    all_origins = store.corridors("stock_total", year=2024)
    present = set(all_origins.loc[all_origins["origin"] == "TKM", "destination"])
    rows = selection_fig.flows(store, selection("origin", origin="TKM"))
    frame = flow_map(store, selection("origin", origin="TKM"), rows, "en")
    drawn = {a.destination for a in frame.arcs}
    assert drawn <= present
    missing = sorted(set(store.countries()["iso3"]) - present - {"TKM"})
    assert missing and not drawn & set(missing)
    assert all(a.value > 0 for a in frame.arcs)


def test_resolve_year_falls_back_to_the_revision_s_latest_earlier_year():
    assert resolve_year((1990, 2000, 2020), 2020) == 2020
    assert resolve_year((1990, 2000, 2020), 2024) == 2020
    assert resolve_year((2000, 2020), 1990) == 2000


def test_stock_years_per_revision(store):
    assert stock_years(store, "undesa_ims_2024")[-1] == 2024
    assert 2024 not in stock_years(store, "undesa_ims_2020")


@pytest.mark.parametrize("text, expected", [("UZB-RUS", ("UZB", "RUS")), ("uzb-rus ", ("UZB", "RUS"))])
def test_corridor_ids(text, expected):
    assert parse_corridor_id(text) == expected
    assert corridor_id(*expected) == "UZB-RUS"


@pytest.mark.parametrize("text", ["UZB", "UZB-UZB", "UZB-RUS-KAZ", "UZBEK-RUS", ""])
def test_bad_corridor_ids(text):
    with pytest.raises(ValueError):
        parse_corridor_id(text)


def test_width_scale_is_the_same_in_every_year(store):
    assert width_reference(store, selection(year=2024)) == width_reference(store, selection(year=1990))
    all_years = store.corridors("stock_total", origins=store.group_members("ca5"), destinations=["RUS", "KAZ"])
    all_years = all_years[all_years["origin"] != all_years["destination"]]
    assert width_reference(store, selection()) == all_years["value"].max()


def test_every_sex_and_comparison_source_has_its_key():
    assert set(SEX_KEYS) == set(SEXES)
    assert set(COMPARE_KEYS) == {spec.key for spec in COMPARISON_ROWS}


def _selections(store):
    sources = selection_fig.revision_sources(store)
    for source in sources:
        for year in selection_fig.stock_years(store, source)[::2]:
            for sex in SEXES:
                yield selection_fig.Selection("default", None, None, year, sex, source)
        for code in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "USA", "DEU", "AFG", "XXX"):
            yield selection_fig.Selection("origin", code, None, 2020, "total", source)
            yield selection_fig.Selection("destination", None, code, 2010, "female", source)


def test_indexed_flows_and_widths_equal_those_filtered_from_the_whole_table(store):
    """The indexed query gives the rows, order, index and types the boolean masks over the whole table gave."""
    count = 0
    for chosen in _selections(store):
        fast, reference = selection_fig.flows(store, chosen), selection_fig.flows_reference(store, chosen)
        pd.testing.assert_frame_equal(fast, reference)
        rows = selection_fig._query(store, chosen, None)
        rows = rows[rows["origin"] != rows["destination"]]
        top = rows["value"].max() if len(rows) else float("nan")
        assert selection_fig.widest(store, chosen) == (float(top) if pd.notna(top) and top > 0 else 1.0)
        assert width_reference(store, chosen) == selection_fig.widest(store, chosen)
        count += len(fast)
    assert count > 1000


@pytest.mark.parametrize("measure", ["stock_total", "stock_female", "cost_pct", "remittances_usd", "citizens_present"])
def test_indexed_query_equals_the_masked_table(store, measure):
    for kwargs in (dict(), dict(origins=["UZB", "TJK", "UZB"]), dict(destinations=["RUS"], year=2020),
                   dict(origins=["KGZ"], destinations=["RUS", "KAZ", "XXX"]), dict(origins=[]), dict(year=1990),
                   dict(origins=("KAZ", "KGZ", "TJK", "TKM", "UZB"), destinations=("RUS", "KAZ"), year=2024)):
        pd.testing.assert_frame_equal(selection_fig.query(store, measure, **kwargs),
                                      selection_fig.query_reference(store, measure, **kwargs))


def test_flow_rows_are_the_rows_of_the_flows_frame(store):
    """`flow_rows` (Python values, no frame: a first-time answer's) gives what the masked frame holds, in order."""
    count = 0
    for chosen in _selections(store):
        reference = selection_fig.flows_reference(store, chosen)
        rows = selection_fig.flow_rows(store, chosen)
        assert rows == tuple(zip(*(reference[c].tolist() for c in selection_fig.FLOW_COLUMNS))), chosen
        assert all(type(r.year) is int and type(r.value) is float and type(r.origin) is str for r in rows)
        assert selection_fig.default_corridor(chosen, rows) == selection_fig.default_corridor(chosen, reference)
        count += len(rows)
    assert count > 1000


def test_flow_positions_from_the_flow_order_are_those_sorted_in_python(store):
    """`_flow_positions` (slices of the index's flow order) gives the positions, in the order, that the year's rows
    filtered and sorted with a key gave: every country as origin and as destination, every year, sex and source, and
    the default view's groups."""
    count = 0
    for measure in SEXES.values():
        for source in (None, *store.corridor_sources(measure)):
            index = selection_fig._index(store, measure, source)
            codes = sorted(set(index.origins.tolist()) | set(index.destinations.tolist()) | {"XXX"})
            sex = next(key for key, value in SEXES.items() if value == measure)
            for year in sorted(set(index.years.tolist()))[::-1][:9] + [1900]:
                chosen = [selection_fig.Selection("default", None, None, year, sex, source)]
                chosen += [selection_fig.Selection("origin", code, None, year, sex, source) for code in codes]
                chosen += [selection_fig.Selection("destination", None, code, year, sex, source) for code in codes]
                for selection_ in chosen:
                    fast = selection_fig._flow_positions(store, index, selection_)
                    assert fast == selection_fig._flow_positions_reference(store, index, selection_), selection_
                    count += len(fast)
    assert count > 100_000
