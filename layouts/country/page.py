"""The pages: one country's profile, the index of countries, and the page for a code that names none."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import unquote


from data.query import get_store
from figures.country.groups import INDEX_GROUPS, index_groups
from figures.country.headlines import profile_facts
from figures.country.rank import remittance_rank
from i18n import t
from layouts import common
from layouts.country.corridors import corridors
from layouts.country.header import header, toolbar
from layouts.country.headlines import headline_sections
from layouts.country.key_figures import key_figures_panel
from layouts.country.keys import GROUP_KEYS
from layouts.country.links import profile_href, resolve
from layouts.country.parts import country_options
from layouts.country.sources import sources_block
from layouts.country.trends import trends
from layouts.ids import Country
from layouts.revisions import revisions_block
from layouts.made import dbc, dcc, html

SHOWN_CODE_LENGTH = 24  # an unknown code is echoed back, but never a long one
PROFILES_KEPT = 1  # no hit in 128 profiles a worker built under 14,000 of the load bench's requests (bench_memory,
# 2026-11-30), none at 2, 4 or 8 kept when replayed (serving/memory.py): the page and the router's answer are stored
# apart (serving/pages.py, the response cache), a profile is not asked for twice; each kept is ~0.6 MB


# A profile depends only on (country, language) and the data, which is loaded once per process. Kept for the
# most recent few only: each is ~0.5 MB of components, and 2 × 250 of them grew a worker by hundreds of MB under
# load; the answers sent are cached apart (serving/), and a profile not kept is rebuilt in a few ms.
@lru_cache(maxsize=PROFILES_KEPT)
def profile(iso3: str, lang: str) -> html.Div:
    store = get_store()
    fact_list = profile_facts(store, iso3)
    is_country = store.country(iso3)["kind"] == "country"
    rank = remittance_rank(store, iso3) if is_country else None
    return html.Div([
        dcc.Location(id=Country.NAVIGATE, refresh="callback-nav"),
        dcc.Store(id=Country.ISO3, data=iso3),
        dbc.Row([dbc.Col(header(store, iso3, lang), lg=7), dbc.Col(toolbar(store, iso3, lang), lg=5)],
                className="mb-2 align-items-end"),
        headline_sections(store, iso3, lang, fact_list, rank),
        key_figures_panel(store, iso3, lang),
        trends(store, iso3, lang),
        revisions_block(store, [iso3], lang, heading_class="h6 section-title") if is_country else None,
        corridors(store, iso3, lang) if is_country else None,
        sources_block(store, iso3, lang, fact_list, rank),
    ], id=Country.PROFILE, className="view-country country-profile", **{"data-iso3": iso3})


def build_indexes(langs) -> None:
    """What every profile reads, made once for all countries at start-up (serving/warmup.build_indexes: in gunicorn's
    master before the workers fork, so they share it, and in `python app.py`): otherwise the first profile built in
    a process made it, ~0.8–2.7 s (the corridor tables, plotly's validators for the trend charts' look, the
    rankings)."""
    from figures import revisions as rev
    from figures.country import corridors as country_corridors, series as country_series
    from figures.country.groups import memberships
    from figures.country.headlines import HEADLINES
    from figures.country.key_figures import key_figure_comparisons
    from figures.country.rank import RANK_INDICATOR, _rankings, rank_years
    from figures.country.trends import TREND_HEIGHT, TRENDS, _trend_look

    store = get_store()
    for _, indicator in HEADLINES + TRENDS:
        country_series._series_columns(store, indicator)
    for direction in ("out", "in"):
        country_corridors._corridor_rows(store, direction)
    for year in rank_years(store):
        _rankings(store, RANK_INDICATOR, year)
    for cell in rev.REVISION_CELLS:
        rev._revision_index(store, *cell)
    memberships(store, "UZB")  # the groups' and the key figures' sets, made at their first country
    key_figure_comparisons(store, "UZB")
    for lang in langs:
        _trend_look(TREND_HEIGHT, lang)
        country_options(store, lang)


def index(lang: str) -> html.Div:
    store = get_store()
    groups = index_groups(store)
    cards = []
    for group in INDEX_GROUPS:
        members = sorted(groups[group], key=lambda code: store.country_name(code, lang))
        cards.append(dbc.Col(html.Div([
            html.H2(t(GROUP_KEYS[group], lang), className="h6"),
            html.Ul([html.Li(dcc.Link(store.country_name(code, lang), href=profile_href(code, lang)))
                     for code in members], className="list-unstyled mb-0"),
        ], className="index-group", id=f"country-index-{group}"), md=6, xl=3, className="mb-3"))
    other = set(groups["other"])
    others = [option for option in country_options(store, lang) if option["value"] in other]
    return html.Div([
        dcc.Location(id=Country.NAVIGATE, refresh="callback-nav"),
        html.H1(t("country.index_heading", lang), className="h4"),
        html.P(t("country.index_intro", lang), className="mb-3"),
        dbc.Row(cards),
        html.Div([
            dbc.Label(t("country.index_other", lang), html_for=Country.SELECT),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=Country.SELECT, options=others, value=None, clearable=False, searchable=True,
                         placeholder=t("country.index_other_placeholder", lang)),
        ], className="index-other"),
    ], id=Country.INDEX, className="view-country country-index")


def not_found(raw: str, lang: str) -> html.Div:
    shown = unquote(raw)
    shown = shown if len(shown) <= SHOWN_CODE_LENGTH else shown[:SHOWN_CODE_LENGTH] + "…"
    return html.Div([
        html.H1(t("country.not_found_title", lang), className="h3"),
        html.P(t("country.not_found_body", lang, code=shown)),
        dcc.Link(t("country.not_found_index", lang), href=f"/country?lang={lang}"),
    ], id=Country.NOT_FOUND, className="message-page view-country")


def layout(state: dict, lang: str, iso3: str | None = None, **_) -> html.Div:
    if iso3 is None or iso3 == "":
        return index(lang)
    code = resolve(unquote(iso3))
    if code is None:
        return not_found(iso3, lang)
    return profile(code, lang)
