"""layouts/common/tables_sent.py: tables and rows written without components equal the components serialised."""
import pytest

from layouts import common


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
    """layouts/common/tables_sent.rows_written (the focus panel's and every written table's rows: each row's JSON cut once per
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
