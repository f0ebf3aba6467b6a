"""A profile's largest corridors out of and into the country, linked to the corridors view."""
from __future__ import annotations

from figures.country import corridors as country_corridors  # through the module: tests put the reference in its place
from i18n import format_number, t
from layouts import common
from layouts.country.keys import CORRIDORS_EMPTY_KEYS, CORRIDORS_TITLE_KEYS
from layouts.country.links import corridors_href
from layouts.ids import Country
from layouts.made import dbc, dcc, html


def corridor_table(store, iso3: str, direction: str, lang: str) -> html.Div:
    name = store.country_name(iso3, lang)
    top = country_corridors.top_corridor_rows(store, iso3, direction)
    if direction == "out":
        all_link = dcc.Link(t("country.corridors_link_out", lang, country=name), href=corridors_href(lang, origin=iso3))
    else:
        all_link = dcc.Link(t("country.corridors_link_in", lang, country=name),
                            href=corridors_href(lang, destination=iso3))
    if not top:
        body = [html.P(t(CORRIDORS_EMPTY_KEYS[direction], lang, country=name), className="small text-muted")]
    else:
        year = int(top[0].year)
        rows = [html.Tr([  # made without Dash's checks (layouts/made.py)
            html.Td(dcc.Link(store.country_name(row.partner, lang),
                               href=corridors_href(lang, corridor=(row.origin, row.destination)),
                               title=t("country.corridors_link_pair", lang,
                                       origin=store.country_name(row.origin, lang),
                                       destination=store.country_name(row.destination, lang)))),
            html.Td(format_number(row.value, lang)),
        ]) for row in top]
        body = [
            html.H3(t(CORRIDORS_TITLE_KEYS[direction], lang, country=name, year=year), className="h6"),
            dbc.Table([html.Thead(html.Tr([html.Th(t("country.corridors_partner", lang), scope="col"),
                                           html.Th(t("country.corridors_persons", lang), scope="col")])),
                       html.Tbody(rows)], size="sm", striped=True, className="data-table mb-1"),
            common.source_line(store, list(dict.fromkeys(row.source for row in top)), lang),
        ]
    return html.Div(body + [html.P(all_link, className="small no-print")],
                    id=Country.CORRIDORS_OUT if direction == "out" else Country.CORRIDORS_IN)


def corridors(store, iso3: str, lang: str) -> html.Section:
    return html.Section([
        html.H2(t("country.corridors_heading", lang), className="h6 section-title"),
        dbc.Row([dbc.Col(corridor_table(store, iso3, "out", lang), md=6),
                 dbc.Col(corridor_table(store, iso3, "in", lang), md=6)]),
    ], className="corridors-section")
