"""The controls card: countries (and groups of them), measure, scale, relative change, source."""
from __future__ import annotations

from functools import cache


from data.query import get_store
from figures.common import source_label
from figures.remittances.parts import DEFAULT_SOURCE, GROUPS
from i18n import t
from layouts import common
from layouts.ids import Remittances as Ids
from layouts.remittances.keys import GROUP_KEYS, MEASURE_KEYS, SCALE_KEYS
from layouts.remittances.params import selectable_codes, source_choices, trend_years
from layouts.made import dbc, dcc, html

RELATIVE_OFF = "off"  # the "show values" choice of the relative-change menu (not in the URL)


@cache
def country_options(lang: str) -> tuple[dict, ...]:
    """Countries by name, then aggregates (World, regions) by name."""
    store = get_store()
    countries, aggregates = [], []
    for code in selectable_codes():
        meta = store.country(code)
        name = store.country_name(code, lang)
        if meta["kind"] == "country":
            countries.append({"label": name, "value": code})
        else:
            aggregates.append({"label": t("remittances.aggregate_option", lang, name=name), "value": code})
    return tuple(sorted(countries, key=lambda o: o["label"]) + sorted(aggregates, key=lambda o: o["label"]))


def group_options(lang: str) -> list[dict]:
    return [{"label": t(GROUP_KEYS[group], lang), "value": group} for group in GROUPS]


def group_members(group: str) -> list[str]:
    selectable = set(selectable_codes())
    return [code for code in get_store().group_members(group) if code in selectable]


def with_group(countries, group: str) -> list[str]:
    """The selection with a group's members added after it (the ones already chosen keep their place)."""
    return list(dict.fromkeys([*(countries or []), *group_members(group)]))


def source_options(lang: str) -> list[dict]:
    store = get_store()
    return [{"label": t("remittances.source_default", lang), "value": DEFAULT_SOURCE}] + [
        {"label": source_label(store, source, lang), "value": source} for source in source_choices()[1:]]


def _radio(component_id: str, value: str, keys: dict[str, str], lang: str) -> dbc.RadioItems:
    """Radio buttons of the options in `keys` ({value: catalogue key}), in that order."""
    return dbc.RadioItems(id=component_id, value=value, inline=True,
                          options=[{"label": t(key, lang), "value": option} for option, key in keys.items()])


def controls(state: dict, lang: str) -> dbc.Card:
    relative_options = [{"label": t("remittances.relative_off", lang), "value": RELATIVE_OFF}] + [
        {"label": str(year), "value": year} for year in reversed(trend_years())]
    return dbc.Card(dbc.CardBody(dbc.Row([
        dbc.Col([
            dbc.Label(t("remittances.countries_label", lang), html_for=Ids.COUNTRIES),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=Ids.COUNTRIES, options=list(country_options(lang)), value=list(state["countries"]),
                         multi=True, placeholder=t("remittances.countries_placeholder", lang)),
            html.Div([
                html.Div(dcc.Dropdown(labels=common.dropdown_labels(lang), id=Ids.GROUP, options=group_options(lang), value=None, clearable=False,
                                      searchable=False, placeholder=t("remittances.group_placeholder", lang)),
                         className="flex-grow-1", title=t("remittances.group_label", lang)),
                dbc.Button(t("remittances.reset_countries", lang), id=Ids.RESET, n_clicks=0, size="sm",
                           color="link"),
            ], className="d-flex align-items-center mt-2"),
        ], lg=5),
        dbc.Col([
            dbc.Label(t("remittances.measure_label", lang), html_for=Ids.MEASURE),
            _radio(Ids.MEASURE, state["measure"], MEASURE_KEYS, lang),
            dbc.Label(t("remittances.scale_label", lang), html_for=Ids.SCALE, className="mt-2"),
            _radio(Ids.SCALE, state["scale"], SCALE_KEYS, lang),
        ], lg=3, md=6),
        dbc.Col([
            dbc.Label(t("remittances.relative_label", lang), html_for=Ids.RELATIVE),
            dbc.Select(id=Ids.RELATIVE, options=relative_options,
                       value=RELATIVE_OFF if state["relative"] is None else state["relative"]),
            dbc.Label(t("remittances.source_label", lang), html_for=Ids.SOURCE, className="mt-2"),
            dbc.Select(id=Ids.SOURCE, options=source_options(lang), value=state["source"]),
        ], lg=4, md=6),
    ], className="g-3")), className="controls mb-3")
