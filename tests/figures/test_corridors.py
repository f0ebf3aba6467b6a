"""Corridor query and figure builders: plotted values are the store's values, missing corridors are absent."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

import geo
from figures import corridors as fig


def selection(mode="default", origin=None, destination=None, year=2024, sex="total", source="undesa_ims_2024"):
    return fig.Selection(mode=mode, origin=origin, destination=destination, year=year, sex=sex, source=source)


# --- query ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("measure, kwargs", [
    ("stock_total", dict(origins=["UZB"], year=2020, source="undesa_ims_2020")),
    ("stock_female", dict(destinations=["RUS"], year=2024, source="undesa_ims_2024")),
    ("cost_pct", dict(origins=["TJK"], destinations=["RUS"])),
    ("citizens_present", dict()),
    ("remittances_usd", dict(origins=["KGZ", "UZB"], destinations=["RUS", "KAZ"])),
])
def test_cached_query_returns_what_the_store_returns(store, measure, kwargs):
    mine = fig.query(store, measure, **kwargs).reset_index(drop=True)
    theirs = store.corridors(measure, **kwargs).reset_index(drop=True)
    pd.testing.assert_frame_equal(mine.sort_values(["origin", "destination", "period"], ignore_index=True),
                                  theirs.sort_values(["origin", "destination", "period"], ignore_index=True),
                                  check_dtype=False, check_categorical=False)


def test_default_flows_are_central_asia_to_russia_and_kazakhstan(store):
    rows = fig.flows(store, selection())
    ca5, hosts = set(store.group_members("ca5")), {"RUS", "KAZ"}
    assert set(rows["origin"]) <= ca5 and set(rows["destination"]) <= hosts
    assert ("KAZ", "RUS") in set(zip(rows["origin"], rows["destination"]))  # Kazakhstan is an origin too
    assert not (rows["origin"] == rows["destination"]).any()  # no Kazakhstan → Kazakhstan
    assert list(rows["value"]) == sorted(rows["value"], reverse=True)
    expected = store.corridors("stock_total", origins=["UZB"], destinations=["RUS"], year=2024)["value"].iloc[0]
    assert rows.set_index(["origin", "destination"]).loc[("UZB", "RUS"), "value"] == expected == 778_041


def test_flows_follow_the_revision_and_the_sex(store):
    rev2020 = fig.flows(store, selection(year=2020, source="undesa_ims_2020")).set_index(["origin", "destination"])
    assert rev2020.loc[("UZB", "RUS"), "value"] == 1_146_175  # PROVENANCE check: Rev.2020 for 2020
    women = fig.flows(store, selection(year=2020, sex="female")).set_index(["origin", "destination"])
    expected = store.corridors("stock_female", origins=["UZB"], destinations=["RUS"], year=2020)["value"].iloc[0]
    assert women.loc[("UZB", "RUS"), "value"] == expected
    assert set(rev2020["source"]) == {"undesa_ims_2020"} and set(women["source"]) == {"undesa_ims_2024"}


def test_origin_and_destination_modes(store):
    out = fig.flows(store, selection("origin", origin="TJK", year=2015))
    assert set(out["origin"]) == {"TJK"} and len(out) == len(
        store.corridors("stock_total", origins=["TJK"], year=2015).dropna(subset=["value"]).query("destination != 'TJK'"))
    into = fig.flows(store, selection("destination", destination="KAZ", year=2015))
    assert set(into["destination"]) == {"KAZ"} and "UZB" in set(into["origin"])


def test_a_corridor_without_data_is_absent_not_zero(store):
    # Turkmenistan has no FMS figure: the comparison has no bar for it, not a bar of 0.
    rows = fig.comparison(store, tuple(store.group_members("ca5")))
    fms = rows[rows["source"] == "iom_ca_strategy"]
    assert set(fms["origin"]) == {"KAZ", "KGZ", "TJK", "UZB"}
    assert (rows["value"] > 0).all()
    # An origin with few destinations: corridors the data lack are not in the flows and get no arc.
    all_origins = store.corridors("stock_total", year=2024)
    present = set(all_origins.loc[all_origins["origin"] == "TKM", "destination"])
    rows = fig.flows(store, selection("origin", origin="TKM"))
    frame = fig.flow_map(store, selection("origin", origin="TKM"), rows, "en")
    drawn = {a.destination for a in frame.arcs}
    assert drawn <= present
    missing = sorted(set(store.countries()["iso3"]) - present - {"TKM"})
    assert missing and not drawn & set(missing)
    assert all(a.value > 0 for a in frame.arcs)


def test_resolve_year_falls_back_to_the_revision_s_latest_earlier_year():
    assert fig.resolve_year((1990, 2000, 2020), 2020) == 2020
    assert fig.resolve_year((1990, 2000, 2020), 2024) == 2020
    assert fig.resolve_year((2000, 2020), 1990) == 2000


def test_stock_years_per_revision(store):
    assert fig.stock_years(store, "undesa_ims_2024")[-1] == 2024
    assert 2024 not in fig.stock_years(store, "undesa_ims_2020")


@pytest.mark.parametrize("text, expected", [("UZB-RUS", ("UZB", "RUS")), ("uzb-rus ", ("UZB", "RUS"))])
def test_corridor_ids(text, expected):
    assert fig.parse_corridor_id(text) == expected
    assert fig.corridor_id(*expected) == "UZB-RUS"


@pytest.mark.parametrize("text", ["UZB", "UZB-UZB", "UZB-RUS-KAZ", "UZBEK-RUS", ""])
def test_bad_corridor_ids(text):
    with pytest.raises(ValueError):
        fig.parse_corridor_id(text)


# --- geometry ------------------------------------------------------------------------------------------------------
def _side(start, end, point) -> float:
    """> 0 left of the directed chord start→end, < 0 right of it (lon/lat plane)."""
    return (end[0] - start[0]) * (point[1] - start[1]) - (end[1] - start[1]) * (point[0] - start[0])


def test_arcs_bow_to_the_right_so_opposite_directions_do_not_overlap():
    tashkent, moscow = (69.3, 41.3), (37.6, 55.8)
    lons, lats = fig.arc_points(tashkent, moscow)
    back_lons, back_lats = fig.arc_points(moscow, tashkent)
    assert (lons[0], lats[0]) == pytest.approx(tashkent, abs=1e-3)
    assert (lons[-1], lats[-1]) == pytest.approx(moscow, abs=1e-3)
    middle = len(lons) // 2
    assert _side(tashkent, moscow, (lons[middle], lats[middle])) < 0  # right of the direction of travel
    assert _side(tashkent, moscow, (back_lons[middle], back_lats[middle])) > 0  # the way back bows the other way
    assert math.dist((lons[middle], lats[middle]), (back_lons[middle], back_lats[middle])) > 5


def test_arcs_stop_short_of_the_destination_for_the_arrowhead():
    lons, lats = fig.arc_points((69.3, 41.3), (37.6, 55.8), stop=fig.ARC_END)
    assert math.dist((lons[-1], lats[-1]), (37.6, 55.8)) > 0.5


def test_frame_is_the_region_for_central_asia_and_the_world_beyond(store):
    default = fig.flow_map(store, selection(), fig.flows(store, selection()), "en")
    assert default.scope == "region"
    lon_range = default.geo["lonaxis"]["range"]
    assert lon_range[0] <= 37.6 and lon_range[1] >= 74.6  # Moscow to Bishkek
    world = fig.flow_map(store, selection("origin", origin="UZB"), fig.flows(store, selection("origin", origin="UZB")),
                         "en")
    assert world.scope == "world"


# --- flow map ------------------------------------------------------------------------------------------------------
def test_arc_widths_follow_the_values(store):
    sel = selection()
    frame = fig.flow_map(store, sel, fig.flows(store, sel), "en")
    values = [a.value for a in frame.arcs]
    widths = [a.width for a in frame.arcs]
    assert values == sorted(values, reverse=True) and widths == sorted(widths, reverse=True)
    reference = fig.width_reference(store, sel)
    for arc in frame.arcs:
        expected = fig.MAX_WIDTH * arc.value / reference
        assert arc.width == pytest.approx(max(expected, fig.MIN_WIDTH), abs=0.01)
    big = [a for a in frame.arcs if a.width > fig.MIN_WIDTH]
    assert big[0].width / big[-1].width == pytest.approx(big[0].value / big[-1].value, rel=0.02)


def test_width_scale_is_the_same_in_every_year(store):
    assert fig.width_reference(store, selection(year=2024)) == fig.width_reference(store, selection(year=1990))
    all_years = store.corridors("stock_total", origins=store.group_members("ca5"), destinations=["RUS", "KAZ"])
    all_years = all_years[all_years["origin"] != all_years["destination"]]
    assert fig.width_reference(store, selection()) == all_years["value"].max()


def test_flow_map_figure_plots_the_curated_values(store):
    sel = selection()
    rows = fig.flows(store, sel)
    frame = fig.flow_map(store, sel, rows, "en")
    figure = fig.build_flow_map(geo.geojson(frame.scope), frame)
    assert len(figure.data) == fig.MAX_ARCS + 2
    background, *slots, labels = figure.data
    assert list(background.locations) == [f["id"] for f in geo.geojson(frame.scope)["features"]]
    drawn = [s for s in slots if s.lon is not None and len(s.lon)]
    assert len(drawn) == len(rows) == len(frame.arcs)
    by_corridor = {s.customdata[0]: s for s in drawn}
    for row in rows.itertuples():
        trace = by_corridor[fig.corridor_id(row.origin, row.destination)]
        assert trace.line.width == fig.arc_width(row.value, fig.width_reference(store, sel))
        assert f"{int(row.value):,}" in trace.hovertemplate and str(row.year) in trace.hovertemplate
        assert "International Migrant Stock 2024" in trace.hovertemplate
    assert "Uzbekistan" in set(labels.text) and "Russian Federation" in set(labels.text)


def test_capitals_close_side_by_side_have_their_names_apart(store):
    """Ashgabat and Dushanbe: names centred under both overlapped on a 320 px map; the western one runs west."""
    sel = selection()
    frame = fig.flow_map(store, sel, fig.flows(store, sel), "ru")
    labels = fig.build_flow_map(geo.geojson(frame.scope), frame).data[-1]
    where = dict(zip(labels.text, zip(labels.lon, labels.textposition)))
    tkm, tjk = where["Туркменистан"], where["Таджикистан"]
    assert tkm[0] < tjk[0] and tkm[1] == "bottom left" and tjk[1] == "bottom center"
    assert all(p.startswith("bottom") for p in labels.textposition)  # always under the capital's dot
    assert where["Узбекистан"][1] == where["Российская Федерация"][1] == "bottom center"


def test_patch_keeps_the_geometry_unless_the_frame_changes(store):
    sel = selection()
    frame = fig.flow_map(store, sel, fig.flows(store, sel), "en")
    same = fig.patch_flow_map(geo.geojson("region"), frame, new_scope=False).to_plotly_json()["operations"]
    locations = [op["location"] for op in same]
    assert ["data", 0, "z"] in locations and ["data", 0] not in locations  # end points shaded, geometry kept
    assert [["data", i] for i in range(1, fig.MAX_ARCS + 2)] == [loc for loc in locations if loc[0] == "data" and len(loc) == 2]
    changed = fig.patch_flow_map(geo.geojson("world"), frame, new_scope=True).to_plotly_json()["operations"]
    background = next(op for op in changed if op["location"] == ["data", 0])
    assert background["params"]["value"]["geojson"] is geo.geojson("world")


def test_no_arcs_and_a_note_when_there_is_no_data(store):
    sel = selection("destination", destination="TUV")  # not in the data at all
    rows = fig.flows(store, sel)
    frame = fig.flow_map(store, sel, rows, "en")
    assert rows.empty and frame.arcs == [] and frame.note == "No data for this selection."
    figure = go.Figure(fig.build_sankey(store, frame, sel, "en"))
    assert figure.data == () and figure.layout.annotations[0].text == "No data for this selection."


def test_more_corridors_than_slots_draws_the_largest(store):
    sel = selection("destination", destination="RUS")
    rows = fig.flows(store, sel)
    frame = fig.flow_map(store, sel, rows, "en")
    assert len(rows) > fig.MAX_ARCS and len(frame.arcs) == fig.MAX_ARCS
    assert [a.value for a in frame.arcs] == list(rows["value"][:fig.MAX_ARCS])
    assert f"{fig.MAX_ARCS} largest of {frame.n_drawable}" in frame.note


# --- Sankey --------------------------------------------------------------------------------------------------------
def test_sankey_links_are_the_corridors_and_kazakhstan_is_on_both_sides(store):
    sel = selection()
    rows = fig.flows(store, sel)
    frame = fig.flow_map(store, sel, rows, "en")
    sankey = go.Figure(fig.build_sankey(store, frame, sel, "en")).data[0]
    assert list(sankey.link.value) == list(rows["value"])
    assert list(sankey.node.label).count("Kazakhstan") == 2
    labels = list(sankey.node.label)
    for source, target, value, corridor in zip(sankey.link.source, sankey.link.target, sankey.link.value,
                                               sankey.link.customdata):
        origin, destination = fig.parse_corridor_id(corridor)
        assert labels[source] == store.country_name(origin) and labels[target] == store.country_name(destination)
        assert sankey.node.x[source] < sankey.node.x[target]


def test_sankey_sums_the_small_corridors_into_one_band(store):
    sel = selection("origin", origin="UZB")
    frame = fig.flow_map(store, sel, fig.flows(store, sel), "en")
    sankey = go.Figure(fig.build_sankey(store, frame, sel, "en")).data[0]
    values = list(sankey.link.value)
    assert len(values) == fig.MAX_SANKEY_LINKS + 1
    assert values[:-1] == [a.value for a in frame.arcs[:fig.MAX_SANKEY_LINKS]]
    assert values[-1] == pytest.approx(sum(a.value for a in frame.arcs[fig.MAX_SANKEY_LINKS:]))
    assert sankey.link.customdata[-1] == ""  # the band of the others opens no card
    assert f"{len(frame.arcs) - fig.MAX_SANKEY_LINKS} other destinations" in sankey.node.label


# --- corridor card -------------------------------------------------------------------------------------------------
def test_corridor_card_uzbekistan_russia(store):
    card = fig.corridor_card(store, "UZB", "RUS", "undesa_ims_2024")
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
    card = fig.corridor_card(store, "TKM", "TUV")
    assert card.is_empty and card.women_share.empty


def test_women_share_only_where_both_counts_exist():
    total = pd.DataFrame({"year": [2000, 2010, 2020], "value": [100.0, 0.0, 50.0], "source": "s"})
    female = pd.DataFrame({"year": [2000, 2010], "value": [40.0, 0.0], "source": "s"})
    share = fig.women_share(total, female)
    assert share["year"].tolist() == [2000] and share["value"].tolist() == [40.0]


def test_card_figures_plot_the_card_values(store):
    card = fig.corridor_card(store, "TJK", "RUS", "undesa_ims_2024")
    stock = go.Figure(fig.stock_figure(store, card, "undesa_ims_2024", "en"))  # also validates the dict
    selected = card.stock[card.stock["source"] == "undesa_ims_2024"]
    assert list(stock.data[0].y) == selected["value"].tolist() and stock.data[0].line.dash == "solid"
    assert {t.name for t in stock.data} >= {"International Migrant Stock 2024 (Rev.2024)",
                                           "International Migrant Stock 2020 (Rev.2020)"}
    cost = go.Figure(fig.cost_figure(card, "en"))
    assert [str(x)[:10] for x in cost.data[0].x][:2] == ["2011-01-01", "2011-07-01"]  # half a year apart, dated
    assert len(cost.data[0].x) == len(card.cost)
    assert "I\u00a0кв. 2011" in go.Figure(fig.cost_figure(card, "ru")).data[0].customdata[0]
    assert list(cost.data[0].y) == card.cost["value"].tolist()
    share = go.Figure(fig.share_figure(card, "en"))
    assert list(share.data[0].y) == card.women_share["value"].round(2).tolist()


# --- sources side by side ------------------------------------------------------------------------------------------
def test_comparison_shows_each_source_at_its_date(store):
    origins = tuple(store.group_members("ca5"))
    rows = fig.comparison(store, origins)
    figure = fig.comparison_figure(store, rows, origins, "en")
    assert len(figure.data) == len(fig.COMPARISON_ROWS)
    by_name = {trace.name: trace for trace in figure.data}
    fms = by_name["Citizens present, 2013: Russian FMS (quoted by IOM)"]
    assert dict(zip(fms.x, fms.y))["Uzbekistan"] == 3_000_000
    assert "Turkmenistan" not in fms.x and fms.marker.pattern.shape == "/"
    latest = by_name["Foreign-born, 2024: UN DESA Rev.2024"]
    assert dict(zip(latest.x, latest.y))["Uzbekistan"] == 778_041
    knomad = by_name["Foreign-born, 2017: World Bank estimate"]
    assert dict(zip(knomad.x, knomad.y))["Uzbekistan"] == 1_147_613
    for spec, trace in zip(fig.COMPARISON_ROWS, figure.data):
        for name, value in zip(trace.x, trace.y):
            iso3 = next(o for o in origins if store.country_name(o) == name)
            expected = store.corridors(spec.measure, origins=[iso3], destinations=["RUS"], year=spec.year,
                                       source=spec.source)["value"].iloc[0]
            assert value == expected


def test_every_comparison_series_looks_different(store):
    """2015 and 2020 of one UN DESA revision shared a colour: colour says the source, the pattern the year."""
    origins = tuple(store.group_members("ca5"))
    figure = fig.comparison_figure(store, fig.comparison(store, origins), origins, "en")
    looks = [(trace.marker.color, trace.marker.pattern.shape) for trace in figure.data]
    assert len(set(looks)) == len(looks) == len(fig.COMPARISON_ROWS)


def test_central_asian_origins_have_their_colours_of_every_chart():
    from figures.common import COUNTRY_COLOURS

    assert {code: fig.origin_colour(code) for code in fig.CENTRAL_ASIA} == {
        code: COUNTRY_COLOURS[code] for code in fig.CENTRAL_ASIA}


def test_person_axes_in_russian_are_written_by_babel_not_plotly(store):
    """Plotly abbreviates 778,041 as '0.8M' in any locale: a Russian axis writes its own ticks ('800 тыс.')."""
    card = fig.corridor_card(store, "UZB", "RUS", "undesa_ims_2024")
    origins = tuple(store.group_members("ca5"))
    for lang in ("ru", "en"):
        stock = go.Figure(fig.stock_figure(store, card, "undesa_ims_2024", lang))
        compare = fig.comparison_figure(store, fig.comparison(store, origins), origins, lang)
        for figure in (stock, compare):
            axis = figure.layout.yaxis
            highest = max(max(trace.y) for trace in figure.data)
            if lang == "en":
                assert axis.ticktext is None  # plotly's own ticks
                continue
            assert axis.tickvals[0] == 0 and axis.tickvals[-1] <= highest < axis.tickvals[-1] * 2
            assert all(not any("a" <= c.lower() <= "z" for c in text) for text in axis.ticktext), axis.ticktext
            assert any("млн" in text for text in axis.ticktext), axis.ticktext


def test_every_sex_and_comparison_source_has_its_key():
    assert set(fig.SEX_KEYS) == set(fig.SEXES)
    assert set(fig.COMPARE_KEYS) == {spec.key for spec in fig.COMPARISON_ROWS}
