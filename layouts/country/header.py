"""The top of a profile: breadcrumb, name, group badges, region and income; the selector, print and CSV."""
from __future__ import annotations

from figures.country.groups import memberships
from i18n import N_, t
from layouts.country.keys import BADGE_KEYS
from layouts.country.parts import selector
from layouts.ids import Country
from layouts.made import dbc, dcc, html


def group_badges(store, iso3: str, lang: str) -> html.Div:
    groups = memberships(store, iso3)
    if not groups:
        return html.Div(html.Span(t("country.no_groups", lang), className="small text-muted"), id=Country.GROUPS)
    return html.Div([html.Span(t(BADGE_KEYS[group], lang), className=f"badge group-badge group-{group} me-1")
                     for group in groups], id=Country.GROUPS, **{"aria-label": t("country.groups_label", lang)})


def header(store, iso3: str, lang: str) -> html.Div:
    meta = store.country(iso3, lang)
    name = store.country_name(iso3, lang)
    def known(field: str) -> bool:
        return isinstance(meta.get(field), str) and bool(meta[field])

    details = []
    if known("wb_region") and known("income_group"):
        details.append(t("country.region_income", lang, region=meta["wb_region"], income=meta["income_group"]))
    if known("capital"):
        details.append(t("country.capital", lang, capital=meta["capital"]))
    is_country = meta["kind"] == "country"
    return html.Div([
        html.Nav(html.Ol([
            html.Li(dcc.Link(t("country.breadcrumb_index", lang), href=f"/country?lang={lang}"),
                    className="breadcrumb-item"),
            html.Li(name, className="breadcrumb-item active", **{"aria-current": "page"}),
        ], className="breadcrumb mb-1"), **{"aria-label": "breadcrumb"}, className="no-print"),
        html.H1(name, className="h3 mb-1"),
        group_badges(store, iso3, lang) if is_country else None,
        html.P(" · ".join(details), className="small text-muted mb-0 mt-1") if details else None,
        None if is_country else html.P(t("country.aggregate_note", lang, name=name), className="small text-muted mb-0"),
    ], className="profile-header")


def toolbar(store, iso3: str, lang: str) -> html.Div:
    return html.Div([
        html.Div([dbc.Label(t("country.select_label", lang), html_for=Country.SELECT, className="small mb-0"),
                  selector(store, lang, iso3 if store.country(iso3)["kind"] == "country" else None,
                           N_("country.select_placeholder"))], className="profile-select"),
        dbc.Button(t("country.print", lang), id=Country.PRINT, n_clicks=0, color="secondary", outline=True,
                   size="sm", className="ms-2"),
        dbc.Button(t("country.download_csv", lang), id=Country.DOWNLOAD_BUTTON, n_clicks=0, color="secondary",
                   outline=True, size="sm", className="ms-2"),
        dcc.Download(id=Country.DOWNLOAD),
    ], className="profile-toolbar d-flex align-items-end no-print controls")
