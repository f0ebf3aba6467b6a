"""Key-figures wiring: topic filter → tables and URL state; the download button → CSV of the shown rows."""
from __future__ import annotations

from dash import Input, Output, State, dcc

from data.query import get_store
from figures.key_figures import comparison_frame, comparison_rows, topics
from layouts import key_figures as view
from layouts.ids import KeyFigures, Shell
from state import LANG, read_payload


def selected_topics(value) -> tuple[str, ...]:
    """The dropdown's value as state: known topics only, in the strategy's order; () means all."""
    chosen = {item for item in value if isinstance(item, str)} if isinstance(value, list) else set()
    return tuple(topic for topic in topics(get_store()) if topic in chosen)


def register(app) -> None:
    @app.callback(
        Output(KeyFigures.TABLES, "children"), Output(Shell.PAGE_STATE, "data", allow_duplicate=True),
        Input(KeyFigures.TOPIC, "value"), State(Shell.PAGE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_topics(value, page_state):
        state = {**read_payload(page_state, [LANG, *view.params()]), "topic": selected_topics(value)}
        return view.tables(state, state["lang"]), {**state, "topic": list(state["topic"])}

    @app.callback(
        Output(KeyFigures.DOWNLOAD, "data"),
        Input(KeyFigures.DOWNLOAD_BUTTON, "n_clicks"), State(KeyFigures.TOPIC, "value"),
        State(Shell.PAGE_STATE, "data"), prevent_initial_call=True,
    )
    def download(_clicks, value, page_state):
        store = get_store()
        frame = comparison_frame(store, comparison_rows(store, selected_topics(value) or None),
                                 read_payload(page_state, [LANG])["lang"])
        return dcc.send_data_frame(frame.to_csv, "iom-strategy-key-figures-then-and-now.csv", index=False)
