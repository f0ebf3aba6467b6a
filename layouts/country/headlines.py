"""The headline figures of a profile, by section, with the remittance rank among them."""
from __future__ import annotations

from figures.country.headlines import Fact, SECTIONS
from figures.country.rank import RANK_INDICATOR, Rank
from figures.country.series import is_not_reported
from i18n import format_number, format_value, t
from layouts.country.keys import FACT_KEYS, SECTION_KEYS
from layouts.country.parts import short_source_link
from layouts.ids import Country
from layouts.made import dbc, html


def fact_card(store, fact: Fact, lang: str) -> dbc.Col:
    # Made without Dash's checks (layouts/made.py): a profile has a dozen of these cards.
    label = t(FACT_KEYS[fact.key], lang)
    if fact.not_reported:
        body = [html.Div(t("common.not_reported", lang), className="fact-value text-muted"),
                html.Div(t("country.fact_not_reported", lang), className="fact-meta small text-muted")]
    elif fact.missing:
        body = [html.Div(t("common.no_data", lang), className="fact-value text-muted"),
                html.Div(t("country.fact_missing", lang), className="fact-meta small text-muted")]
    else:
        body = [html.Div(format_value(fact.value, fact.unit, lang), className="fact-value"),
                html.Div([t("country.fact_year_source", lang, year=fact.year),
                                short_source_link(store, fact.source, lang)],
                     className="fact-meta small text-muted")]
    return dbc.Col(html.Div([html.Div(label, className="fact-label small")] + body,
                                  className="fact-card" + (" fact-missing" if fact.missing else ""),
                                  id=f"country-fact-{fact.key}", **{"data-indicator": fact.indicator}),
                xs=6, md=4, xl=3, className="mb-2")


def rank_card(store, rank: Rank | None, lang: str, *, not_reported: bool = False) -> dbc.Col:
    if rank is None:
        body = [html.Div((t("common.not_reported", lang) if not_reported else t("common.no_data", lang)),
                         className="fact-value text-muted"),
                html.Div(t("country.rank_missing", lang), className="fact-meta small text-muted")]
    else:
        body = [html.Div(t("country.rank_value", lang, rank=format_number(rank.rank, lang),
                           of=format_number(rank.of, lang)), className="fact-value"),
                html.Div([t("country.rank_detail", lang, value=format_value(rank.value, "%", lang), year=rank.year),
                          " ", short_source_link(store, rank.source, lang)],
                         className="fact-meta small text-muted")]
    return dbc.Col(html.Div([html.Div(t("country.rank_heading", lang), className="fact-label small")] + body,
                            className="fact-card fact-rank", id=Country.RANK),
                   xs=6, md=4, xl=3, className="mb-2")


def headline_sections(store, iso3: str, lang: str, fact_list: list[Fact], rank) -> html.Div:
    by_key = {fact.key: fact for fact in fact_list}
    sections = []
    for section, items in SECTIONS.items():
        cards = [fact_card(store, by_key[key], lang) for key, _ in items]
        if section == "remittances" and store.country(iso3)["kind"] == "country":
            cards.append(rank_card(store, rank, lang,
                                   not_reported=is_not_reported(store, RANK_INDICATOR, iso3)))
        sections.append(html.Section([html.H2(t(SECTION_KEYS[section], lang), className="h6 section-title"),
                                      dbc.Row(cards, className="g-2")], className="fact-section"))
    return html.Div(sections, id=Country.HEADLINES)
