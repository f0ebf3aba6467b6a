"""The corridor card: one corridor's series and figures from the store."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from figures.corridors.card import corridor_card, cost_figure, share_figure, stock_figure, women_share


def test_corridor_card_uzbekistan_russia(store):
    card = corridor_card(store, "UZB", "RUS", "undesa_ims_2024")
    stock = card.stock.set_index(["source", "year"])["value"]
    assert stock[("undesa_ims_2024", 2020)] == 871_154 and stock[("undesa_ims_2020", 2020)] == 1_146_175
    assert card.knomad_stock["value"].tolist() == [1_147_613]
    assert card.citizens_present["value"].tolist() == [3_000_000]
    assert card.remittances["value"].iloc[0] == pytest.approx(9_197.526e6, rel=1e-4)  # a model estimate, 2021 matrix
    assert card.cost["period"].iloc[-1] == "2020Q3" and card.cost["value"].iloc[-1] == 1.75
    female = store.corridors("stock_female", origins=["UZB"], destinations=["RUS"], year=2024)["value"].iloc[0]
    share = card.women_share.set_index("year")["value"]
    assert share[2024] == pytest.approx(100 * female / 778_041)


def test_corridor_card_of_a_corridor_without_data(store):
    card = corridor_card(store, "TKM", "TUV")
    assert card.is_empty and card.women_share.empty


def test_women_share_only_where_both_counts_exist():
    total = pd.DataFrame({"year": [2000, 2010, 2020], "value": [100.0, 0.0, 50.0], "source": "s"})
    female = pd.DataFrame({"year": [2000, 2010], "value": [40.0, 0.0], "source": "s"})
    share = women_share(total, female)
    assert share["year"].tolist() == [2000] and share["value"].tolist() == [40.0]


def test_card_figures_plot_the_card_values(store):
    card = corridor_card(store, "TJK", "RUS", "undesa_ims_2024")
    stock = go.Figure(stock_figure(store, card, "undesa_ims_2024", "en"))  # also validates the dict
    selected = card.stock[card.stock["source"] == "undesa_ims_2024"]
    assert list(stock.data[0].y) == selected["value"].tolist() and stock.data[0].line.dash == "solid"
    assert {t.name for t in stock.data} >= {"International Migrant Stock 2024 (Rev.2024)",
                                           "International Migrant Stock 2020 (Rev.2020)"}
    cost = go.Figure(cost_figure(card, "en"))
    assert [str(x)[:10] for x in cost.data[0].x][:2] == ["2011-01-01", "2011-07-01"]  # half a year apart, dated
    assert len(cost.data[0].x) == len(card.cost)
    assert "I\u00a0кв. 2011" in go.Figure(cost_figure(card, "ru")).data[0].customdata[0]
    assert list(cost.data[0].y) == card.cost["value"].tolist()
    share = go.Figure(share_figure(card, "en"))
    assert list(share.data[0].y) == card.women_share["value"].round(2).tolist()


def test_card_series_from_the_index_equal_those_masked_and_sorted_by_pandas(store):
    """Every series a card shows, for corridors with and without data, equals the query-and-sort path's."""
    from figures.corridors import card as card_fig

    measures = [("stock_total", s) for s in (*card_fig.revision_sources(store), "knomad_stock_2017")]
    measures += [("stock_female", "undesa_ims_2024"), ("citizens_present", None), ("remittances_usd", None),
                 ("cost_pct", None)]
    rows = 0
    for origin in ("UZB", "TJK", "KGZ", "KAZ", "TKM", "AFG", "UKR", "IND"):
        for destination in ("RUS", "KAZ", "USA", "DEU", "TUR", "ARE"):
            for measure, source in measures:
                columns = ("period", "value", "source") if measure == "cost_pct" else ("year", "value", "source")
                fast = card_fig._series(store, measure, origin, destination, source, columns)
                pd.testing.assert_frame_equal(
                    fast, card_fig._series_reference(store, measure, origin, destination, source, columns))
                rows += len(fast)
    assert rows > 500


def test_women_share_is_the_merge_s_for_every_corridor_and_revision(store):
    from figures.corridors.card import _series, women_share_reference
    from figures.corridors.selection import revision_sources

    corridors = [(o, d) for o in ("UZB", "KAZ", "KGZ", "TJK", "TKM", "AFG", "RUS", "UKR", "TUV")
                 for d in ("RUS", "KAZ", "DEU", "USA", "TUR", "UZB", "KOR", "TKM") if o != d]
    for origin, destination in corridors:
        for source in revision_sources(store):
            total = _series(store, "stock_total", origin, destination, source)
            female = _series(store, "stock_female", origin, destination, source)
            pd.testing.assert_frame_equal(women_share(total, female), women_share_reference(total, female),
                                          check_exact=True)
    odd = (pd.DataFrame({"year": [2000, 2000, 2010, 2020], "value": [100.0, 80.0, float("nan"), 50.0],
                         "source": pd.array(["s", "t", "s", "s"], dtype="string")}),
           pd.DataFrame({"year": [2000, 2000, 2020, 2010], "value": [40.0, 30.0, 20.0, 1.0],
                         "source": pd.array(["s", "s", "s", "s"], dtype="string")}))
    pd.testing.assert_frame_equal(women_share(*odd), women_share_reference(*odd), check_exact=True)
    empty = odd[1].iloc[0:0]
    pd.testing.assert_frame_equal(women_share(odd[0], empty), women_share_reference(odd[0], empty), check_exact=True)


CORRIDORS = [(o, d) for o in ("UZB", "KGZ", "TJK", "KAZ", "TKM", "AFG", "UKR", "ARM", "USA", "IND", "TUV")
             for d in ("RUS", "KAZ", "USA", "DEU", "TUR", "UZB", "ARE") if o != d]


def test_card_rows_from_the_index_are_the_card_frames_values(store):
    """`card_rows_of` (tuples read from the indexes: a first-time card's) holds what `corridor_card`'s frames hold,
    in their order, and each cost period's place in the frame's period order."""
    from figures.corridors.card import card_rows_of, plain_card
    from figures.corridors.selection import revision_sources

    count = 0
    for origin, destination in CORRIDORS:
        for source in revision_sources(store):
            rows = card_rows_of.__wrapped__(store, origin, destination, source)
            frames = corridor_card.__wrapped__(store, origin, destination, source)
            assert rows == plain_card(frames).__class__(**{**plain_card(frames).__dict__,
                                                           "cost_order": rows.cost_order}), (origin, destination)
            assert rows.is_empty == frames.is_empty
            codes = frames.cost["period"].cat.codes.tolist() if len(frames.cost) else []
            assert sorted(range(len(codes)), key=codes.__getitem__) == sorted(range(len(codes)),
                                                                              key=list(rows.cost_order).__getitem__)
            count += len(rows.stock) + len(rows.cost)
    assert count > 500


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_card_figures_from_rows_equal_those_from_frames(store, lang):
    from figures.corridors.card import (card_rows_of, cost_figure_reference, share_figure_reference,
                                        stock_figure_reference)
    from figures.corridors.selection import revision_sources

    for origin, destination in CORRIDORS:
        for source in revision_sources(store):
            rows, frames = card_rows_of(store, origin, destination, source), corridor_card(store, origin,
                                                                                           destination, source)
            assert stock_figure(store, rows, source, lang) == stock_figure_reference(store, frames, source, lang)
            if len(frames.women_share):
                assert share_figure(rows, lang) == share_figure_reference(frames, lang)
            if len(frames.cost):
                assert cost_figure(rows, lang) == cost_figure_reference(frames, lang)


def test_the_latest_value_of_each_part_is_the_one_pandas_sorted_last(store):
    from figures.corridors.card import card_rows_of
    from figures.corridors.selection import revision_sources
    from layouts.corridors.card import _latest, _latest_row

    for origin, destination in CORRIDORS:
        for source in revision_sources(store):
            rows, frames = card_rows_of(store, origin, destination, source), corridor_card(store, origin,
                                                                                           destination, source)
            found = {"stock": _latest_row(rows, "stock", source, rows=tuple(r for r in rows.stock if r[2] == source)),
                     "women_share": _latest_row(rows, "women_share", source),
                     "remittances": _latest_row(rows, "remittances", source),
                     "citizens_present": _latest_row(rows, "citizens_present", source),
                     "cost": _latest_row(rows, "cost", source, order=list(rows.cost_order))}
            expected = {"stock": _latest(frames.stock[frames.stock["source"] == source]),
                        "women_share": _latest(frames.women_share), "remittances": _latest(frames.remittances),
                        "citizens_present": _latest(frames.citizens_present), "cost": _latest(frames.cost, "period")}
            for part, row in expected.items():
                if row is None:
                    assert found[part] is None, part
                else:
                    by = "period" if part == "cost" else "year"
                    assert found[part] == (row[by], row["value"], row["source"]), (origin, destination, part)
