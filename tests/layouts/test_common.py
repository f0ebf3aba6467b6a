"""Shared layout helpers (layouts/common.py), checked on the pages that use them."""
import pytest
from dash import dcc

from layouts import common, pages
from tests.support.components import components

PAGES_WITH_GRAPHS = ["/map", "/map?focus=UZB", "/remittances", "/corridors", "/country/UZB"]


def test_graph_config_never_offers_to_upload_the_chart():
    for config in (common.graph_config(), common.graph_config("x", mode_bar=False, remove=("pan2d",)),
                   common.geo_graph_config("map")):
        assert config["showSendToCloud"] is False and config["displaylogo"] is False
    assert common.geo_graph_config("map")["topojsonURL"].endswith("topojson/")
    assert common.graph_config("trend")["toImageButtonOptions"] == {"filename": "trend"}


@pytest.mark.parametrize("path", PAGES_WITH_GRAPHS)
def test_every_graph_of_every_view_hides_the_plotly_cloud_button(path):
    # plotly.js 4 shows "Share chart..." (an upload to Plotly Cloud) unless the config says otherwise.
    route, _, search = path.partition("?")
    graphs = [c for c in components(pages.render(route, "?" + search)) if isinstance(c, dcc.Graph)]
    assert graphs, f"no graph on {path}"
    for graph in graphs:
        assert graph.config.get("showSendToCloud") is False, (path, getattr(graph, "id", None))


YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)


@pytest.mark.parametrize("value, previous, expected", [
    (2020, 2024, 2020),      # a mark: itself
    (2020.0, 2024, 2020),    # … as the option, not a float
    (2023.8, 2024, 2020),    # ArrowLeft from 2024 lands between marks: the previous mark
    (2020.2, 2020, 2024),    # ArrowRight from 2020: the next mark
    (1989.8, 1990, 1990),    # past the first mark: stays
    (2001, None, 2000),      # no previous year: the nearest mark
    ("2010", 2015, 2015),    # not a number: where it was
    (None, 1995, 1995),
    (True, 3000, 2024),      # garbage everywhere: the last mark
])
def test_a_slider_value_between_marks_steps_to_the_next_mark(value, previous, expected):
    snapped = common.snap_to_options(value, previous, YEARS)
    assert snapped == expected and type(snapped) is int


UN_DISCLAIMER_EN = ("The boundaries and names shown and the designations used on this map do not imply official "
                    "endorsement or acceptance by the United Nations.")


@pytest.mark.parametrize("route", ["/map", "/corridors"])
def test_every_map_carries_the_un_disclaimer_in_the_pages_language(route):
    from tests.support.components import text_of

    english = text_of(pages.render(route, ""))
    assert UN_DISCLAIMER_EN in english and "Boundaries: Natural Earth (public domain), v4" in english
    russian = text_of(pages.render(route, "?lang=ru"))
    assert ("не подразумевают официального одобрения или признания Организацией Объединенных Наций" in russian
            and "Границы: Natural Earth (общественное достояние), v4" in russian)
    assert "United Nations" not in russian


def test_the_disclaimer_comes_from_the_translation_catalogues():
    from i18n import t

    block = common.map_disclaimer("en").to_plotly_json()["props"]["children"]
    assert block == [t("common.map_disclaimer", "en"), " ", t("common.map_attribution", "en")] and \
        block[0] == UN_DISCLAIMER_EN
    assert common.map_disclaimer("ru").to_plotly_json()["props"]["children"][0].startswith("Границы и названия")


@pytest.mark.parametrize("rows", [[], [["1", "2"]], [["a", 1, 2.5, None], ["b", -3, float("nan"), "x"]],
                                  [[str(i), f"{i}%"] for i in range(60)]])
@pytest.mark.parametrize("caption", [None, "", "Cost, %", "Стоимость «перевода» <b>200</b> долл., %"])
def test_a_table_sent_is_the_table_serialised(rows, caption):
    from serving.fast_json.answer import to_json

    header = ["Year", *(f"Страна {i}" for i in range(max((len(row) for row in rows), default=1) - 1))]
    expected = common.serialised(common.table(header, rows, caption=caption))
    assert to_json(common.table_sent(header, rows, caption=caption)) == to_json(expected)


def test_a_table_sent_with_other_arguments_or_a_component_in_its_header_is_the_table_serialised():
    from layouts.made import html
    from serving.fast_json.answer import to_json

    rows = [["1", "2"]]
    for header, kwargs in ((["a", "b"], {"id": "t", "style": {"width": "50%"}}), ([html.B("a"), "b"], {})):
        expected = common.serialised(common.table(header, rows, caption="c", **kwargs))
        assert to_json(common.table_sent(header, rows, caption="c", **kwargs)) == to_json(expected)


def test_a_table_with_a_component_in_a_cell_goes_the_components_way():
    from layouts.made import html

    rows = [["1", html.B("2")]]
    assert common.table_sent(["a", "b"], rows) == common.serialised(common.table(["a", "b"], rows))


@pytest.mark.parametrize("rows", [[], [[]], [["1", "2"]], [["a", 1, 2.5, None], ["b", -3, float("nan"), "x"]],
                                  [[str(i), f"{i}%", "Кыргызстан"] for i in range(60)],
                                  [["</script>", "a/b", "\u2028\u2029", 'quote " \\ back'], ["<", ">"], ["x"]],
                                  [[2**63 - 1, -0.0, 1e300, True, "1\xa0234 чел."]]])
def test_rows_written_from_their_pieces_are_the_rows_written_whole(rows):
    """layouts/common.rows_written (the focus panel's and every written table's rows: each row's JSON cut once per
    number of cells, the cells written into it) gives the bytes of the rows made into dicts and written, unsafe
    characters swapped alike, and a table written so is the table serialised."""
    from serving.fast_json.answer import to_json
    from serving.fast_json.fragment import Fragment
    from serving.fast_json.written import written

    assert common.rows_written(rows) == written([common.tr_sent([common.td_sent(cell) for cell in row])
                                                 for row in rows])
    if all(len(row) == 2 for row in rows):
        header = ("Year", "Страна")
        assert to_json(Fragment(common.table_written(header, rows))) == \
            to_json(common.serialised(common.table(list(header), rows)))
