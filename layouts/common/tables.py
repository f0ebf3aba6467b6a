"""A chart's table alternative as components: the table, the button that opens it, where it goes while closed."""
from __future__ import annotations

from layouts.made import dbc, dcc, html


def table(header: list[str], rows: list[list], *, caption: str | None = None, **kwargs) -> dbc.Table:
    """A plain table: the accessible alternative to a chart, and what a user can copy."""
    # Cells made without Dash's checks (layouts/made.py): a corridor table has a thousand of them.
    return dbc.Table(
        ([html.Caption(caption)] if caption else [])
        + [html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
           html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows])],
        size="sm", striped=True, hover=True, className="data-table", **kwargs)


def table_toggle(toggle_id: str, table_id: str, show: str, hide: str, label_ids: tuple[str, str]) -> html.Button:
    """The button that opens and closes a chart's table alternative (callbacks/tables.py, in the browser), saying
    whether it is open (aria-expanded); its text (`label_ids`: the ids of its two texts) says what a click does:
    "Show table", then "Hide table" (the other text hidden)."""
    label = [html.Span(show, id=label_ids[0]), html.Span(hide, id=label_ids[1], hidden=True)]
    return html.Button(label, id=toggle_id, n_clicks=0, type="button", className="btn btn-sm btn-outline-secondary",
                       **{"aria-controls": table_id, "aria-expanded": "false"})


def table_collapse(table_id: str, body_id: str, request_id: str, **body) -> list:
    """Where a table alternative goes, closed, and its request: filled only while it is open (callbacks/tables.py)."""
    return [dbc.Collapse(html.Div(id=body_id, **body), id=table_id, is_open=False),
            dcc.Store(id=request_id)]  # what the table shows, passed on only while it is open
