"""The map's controls: indicator, year (with its play button), extent and the country in focus."""
from __future__ import annotations

from data.query import get_store
from figures.map.indicators import INDICATOR_KEYS, INDICATORS
from i18n import t
from layouts import common
from layouts.ids import Map
from layouts.made import dbc, dcc, html
from layouts.map.keys import SCOPE_KEYS
from layouts.map.params import years


def controls(state: dict, lang: str) -> dbc.Row:
    """Indicator, year and extent side by side on a laptop; below `lg` (an 800 px iframe) the year slider takes a
    row of its own under the other two, or its eight year labels run into each other."""
    store = get_store()
    year_list = years()
    countries = store.countries()
    options = sorted(({"label": store.country_name(iso3, lang), "value": iso3} for iso3 in countries["iso3"]),
                     key=lambda o: o["label"])
    return dbc.Row([
        dbc.Col([
            dbc.Label(t("map.indicator_label", lang), html_for=Map.INDICATOR),
            dbc.RadioItems(id=Map.INDICATOR, value=state["indicator"],
                           options=[{"label": t(INDICATOR_KEYS[key], lang), "value": key} for key in INDICATORS]),
        ], md=6, lg=4),
        dbc.Col([
            dbc.Label(t("map.year_label", lang), html_for=Map.YEAR),
            html.Div([
                html.Button("▶", id=Map.PLAY, n_clicks=0, title=t("map.play", lang),
                            className="btn btn-sm btn-outline-secondary me-2", **{"aria-label": t("map.play", lang)}),
                html.Div(dcc.Slider(id=Map.YEAR, min=year_list[0], max=year_list[-1], step=None,
                                    value=state["year"], marks={y: str(y) for y in year_list}, included=False),
                         className="flex-grow-1"),
            ], className="d-flex align-items-center"),
            dcc.Interval(id=Map.PLAY_INTERVAL, interval=1200, disabled=True),
        ], md=12, lg=4, className="order-last order-lg-0"),
        dbc.Col([
            dbc.Label(t("map.scope_label", lang), html_for=Map.SCOPE),
            dbc.RadioItems(id=Map.SCOPE, value=state["scope"], inline=True,
                           options=[{"label": t(SCOPE_KEYS[key], lang), "value": key}
                                    for key in ("region", "world")]),
            dbc.Label(t("map.focus_label", lang), html_for=Map.FOCUS, className="mt-2"),
            html.Div([
                html.Div(dcc.Dropdown(labels=common.dropdown_labels(lang), id=Map.FOCUS, options=options, value=state["focus"], clearable=True,
                                      placeholder=t("map.focus_placeholder", lang)), className="flex-grow-1"),
                dbc.Button(t("common.reset", lang), id=Map.RESET, n_clicks=0, size="sm", color="link"),
            ], className="d-flex align-items-center"),
        ], md=6, lg=4),
    ], className="g-3 mb-2 controls")
