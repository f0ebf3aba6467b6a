"""Tables and their rows as Dash sends them (`serialised` data, or bytes as serving/fast_json writes them), made without
a component per cell: a table alternative has hundreds of cells. Each equals its components serialised
(tests/layouts/common/test_tables_sent.py)."""
from __future__ import annotations

from functools import lru_cache

import orjson

from layouts.common.serialised import serialised
from layouts.common.tables import table


_TEXT_CELLS = (str, int, float, type(None))
_HTML = "dash_html_components"
_TD = {"type": "Td", "namespace": "dash_html_components"}
_TR = {"type": "Tr", "namespace": "dash_html_components"}


def td_sent(cell) -> dict:
    """`html.Td(cell)` as Dash sends it (see `serialised`)."""
    return {"props": {"children": cell}, **_TD}


@lru_cache(maxsize=1024)
def td_text_sent(text: str) -> dict:
    """`td_sent` of a text many rows repeat (a country's name, a revision): one dict, written each time it is used."""
    return td_sent(text)


def tr_sent(cells: list) -> dict:
    """`html.Tr(cells)` as Dash sends it, its cells sent already."""
    return {"props": {"children": cells}, **_TR}


def fill_table_sent(table: dict, rows: list[dict]) -> None:
    """Puts the rows (`tr_sent`) into a `table` sent with none (its body, the last child)."""
    table["props"]["children"][-1]["props"]["children"] = rows


def table_sent(header: list[str], rows: list[list], *, caption: str | None = None, **kwargs):
    """`serialised(table(header, rows, caption=…, **kwargs))` without making and walking a component per cell (a
    table alternative has hundreds): the table without rows serialised, its body's rows written as Dash writes
    them. Cells of text or numbers only; any other cell goes the components' way."""
    if not all(type(cell) in _TEXT_CELLS for row in rows for cell in row):
        return serialised(table(header, rows, caption=caption, **kwargs))
    if kwargs or type(caption) not in (str, type(None)) or not all(type(name) is str for name in header):
        shell = serialised(table(header, [], caption=caption, **kwargs))
    else:  # the usual table: its shell written as Dash writes it too, not made of components and walked back
        shell = _table_shell_sent(header, caption)
    fill_table_sent(shell, [tr_sent([td_sent(cell) for cell in row]) for row in rows])
    return shell


def _table_shell_sent(header: list[str], caption: str | None) -> dict:
    """`serialised(table(header, [], caption=caption))` of text column names and caption."""
    names = [{"props": {"children": name, "scope": "col"}, "type": "Th", "namespace": _HTML} for name in header]
    children = [{"props": {"children": caption}, "type": "Caption", "namespace": _HTML}] if caption else []
    children += [{"props": {"children": tr_sent(names)}, "type": "Thead", "namespace": _HTML},
                 {"props": {"children": []}, "type": "Tbody", "namespace": _HTML}]
    return {"props": {"children": children, "size": "sm", "striped": True, "hover": True,
                      "className": "data-table"}, "type": "Table", "namespace": "dash_bootstrap_components"}


ROWS_HOLE = "\0table-rows"


@lru_cache(maxsize=32)
def _table_template(header: tuple[str, ...], caption: str | None, props: tuple):
    from serving.fast_json.written import Template

    shell = serialised(table(list(header), [], caption=caption, **dict(props)))
    fill_table_sent(shell, ROWS_HOLE)
    return Template(shell, (ROWS_HOLE,))


def table_written(header: tuple[str, ...], rows: list[list], *, caption: str | None = None, **kwargs) -> bytes:
    """`table_sent(…)` as Dash writes it (serving/fast_json/written.written): the table without rows written once per header,
    its rows written into it."""
    from serving.fast_json.written import written

    if not all(type(cell) in _TEXT_CELLS for row in rows for cell in row):
        return written(table_sent(list(header), rows, caption=caption, **kwargs))
    return _table_template(tuple(header), caption, tuple(sorted(kwargs.items()))).fill(rows_written(rows))


def table_rows_written(header: tuple[str, ...], rows: bytes) -> bytes:
    """`table_written(header, rows)` of rows written already (`rows_bytes`)."""
    return _table_template(header, None, ()).fill(rows)


def rows_bytes(rows: list[bytes]) -> bytes:
    """Rows written into `row_pieces` (each one's text cells written by orjson between the pieces) as `rows_written`
    gives them."""
    from serving.fast_json.escaping import _safe_bytes

    return _safe_bytes(b"[" + b",".join(rows) + b"]")


def rows_written(rows: list[list]) -> bytes:
    """`written([tr_sent([td_sent(cell) for cell in row]) for row in rows])` of rows of text or number cells: each
    row's JSON around its cells written once per number of cells (`row_pieces`), each cell written by orjson into
    it (a focus panel's ten rows: ~5 µs instead of ~20 made into dicts and written)."""
    from serving.fast_json.fragment import Fragment
    from serving.fast_json.written import written

    dumps, written_rows = orjson.dumps, []
    for row in rows:
        pieces = row_pieces(len(row))
        parts = [pieces[0]]
        for cell, piece in zip(row, pieces[1:]):
            parts.append(dumps(cell))
            parts.append(piece)
        written_rows.append(b"".join(parts))
    return written(Fragment(b"[" + b",".join(written_rows) + b"]"))  # its unsafe characters swapped


@lru_cache(maxsize=16)
def row_pieces(cells: int) -> tuple[bytes, ...]:
    """`tr_sent` of `cells` cells written, cut where each cell's value goes."""
    from serving.fast_json.written import Template

    holes = tuple(f"\0cell-{place}" for place in range(cells))
    return Template(tr_sent([td_sent(hole) for hole in holes]), holes).pieces
