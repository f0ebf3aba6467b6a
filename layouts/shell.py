"""The frame around every page: navbar, notices, footer; and the app's root layout."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode


from i18n import LANGUAGES, N_, has_key, t
from layouts import share
from layouts.ids import Shell
from state import Notice
from layouts.made import dbc, dcc, html

NAV_ITEMS = (("map", "/map"), ("remittances", "/remittances"), ("corridors", "/corridors"),
             ("countries", "/country"), ("key_figures", "/key-figures"), ("sources", "/sources"))
# Each view's name (navbar, browser tab, slides), as literal keys so that extraction sees them.
NAV_KEYS = {"map": N_("nav.map"), "remittances": N_("nav.remittances"), "corridors": N_("nav.corridors"),
            "countries": N_("nav.countries"), "key_figures": N_("nav.key_figures"), "sources": N_("nav.sources")}
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}
# What a notice calls each URL parameter of any view or embed, as literal keys so that extraction sees them.
PARAM_KEYS = {
    "controls": N_("params.controls"),
    "corridor": N_("params.corridor"),
    "countries": N_("params.countries"),
    "country": N_("params.country"),
    "destination": N_("params.destination"),
    "focus": N_("params.focus"),
    "indicator": N_("params.indicator"),
    "lang": N_("params.lang"),
    "measure": N_("params.measure"),
    "mode": N_("params.mode"),
    "origin": N_("params.origin"),
    "rank_year": N_("params.rank_year"),
    "relative": N_("params.relative"),
    "scale": N_("params.scale"),
    "scope": N_("params.scope"),
    "sex": N_("params.sex"),
    "source": N_("params.source"),
    "topic": N_("params.topic"),
    "trend": N_("params.trend"),
    "view": N_("params.view"),
    "year": N_("params.year"),
}


def root(*, bench_noop: bool = False) -> html.Div:
    """The root layout: the URL, the page slot (filled by the router), and app-wide pieces."""
    return html.Div([
        dcc.Location(id=Shell.URL, refresh=False),
        html.Div(id=Shell.URL_SYNC, hidden=True),
        html.Div(id=Shell.META_SYNC, hidden=True),
        html.Div(id=Shell.PAGE),
        dbc.Toast(id=Shell.ERROR_TOAST, is_open=False, dismissable=True, duration=8000, icon="danger",
                  header="", class_name="error-toast"),
    ] + ([  # a callback that does nothing, so benchmarks can measure the framework's own cost (CAMR_BENCH_NOOP=1)
        dcc.Input(id=Shell.BENCH_NOOP_INPUT, type="hidden", value=""),
        html.Div(id=Shell.BENCH_NOOP_OUTPUT, hidden=True),
    ] if bench_noop else []))


def with_lang(path: str, lang: str) -> str:
    return f"{path}?lang={lang}"


def switched_href(here: str, lang: str) -> str:
    """`here` (path and query) in another language: every other parameter kept, `lang` replaced."""
    path, _, query = (here or "/").partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "lang"]
    return f"{path}?{urlencode([('lang', lang), *pairs], safe=',')}"


def language_switch(lang: str, here: str, *, class_name: str = "") -> html.Nav:
    """EN | RU: links to the same view in each language. The server writes the links for the URL the page was
    opened with; assets/lang-switch.js rewrites them from the address bar when used, because selections made since
    then live only there (callbacks/routing.py writes them with history.replaceState). For the navbar, embeds and
    present mode alike; each link is marked with its own language (screen readers, the Russian-page tests)."""
    items = []
    for code in LANGUAGES:
        if items:
            items.append(html.Span("|", className="lang-sep", **{"aria-hidden": "true"}))
        items.append(html.A(code.upper(), href=switched_href(here, code), lang=code, hrefLang=code,
                            title=LANGUAGE_NAMES[code], id=f"lang-switch-{code}",
                            className="lang-link" + (" active" if code == lang else ""),
                            **{"data-lang-switch": code, "aria-current": "true" if code == lang else "false",
                               "aria-label": f"{code.upper()} – {LANGUAGE_NAMES[code]}"}))  # the visible "EN" in the name
    return html.Nav(items, className=f"lang-switch {class_name}".strip(), **{"aria-label": t("common.language", lang)})


def navbar(active: str, lang: str, here: str = "") -> dbc.Navbar:
    links = [
        dbc.NavItem(dcc.Link(t(NAV_KEYS[key], lang), href=with_lang(path, lang),
                             className="nav-link" + (" active" if key == active else ""),
                             id=f"nav-{key}"))
        for key, path in NAV_ITEMS
    ]
    return dbc.Navbar(
        dbc.Container([
            dcc.Link(t("common.app_title", lang), href=with_lang("/map", lang), className="navbar-brand"),
            # Below md (a phone) the links fold behind a toggler (callbacks/routing.py opens it: no Bootstrap JS).
            dbc.NavbarToggler([html.Span(className="navbar-toggler-icon"),
                               html.Span(t("present.menu", lang), className="visually-hidden")],
                              id=Shell.NAV_TOGGLER, n_clicks=0),
            dbc.Collapse([
                dbc.Nav(links, navbar=True, className="me-auto"),
                language_switch(lang, here or with_lang(dict(NAV_ITEMS).get(active, "/map"), lang),
                                class_name="navbar-text") if len(LANGUAGES) > 1 else None,
            ], id=Shell.NAV_COLLAPSE, is_open=False, navbar=True),
        ], fluid=True),
        color="dark", dark=True, expand="lg", className="mb-3",
    )


def notice_text(notice: Notice, lang: str) -> str:
    """One sentence per unusable setting. A default given as a catalogue key (layouts.common.describe) is
    translated; a language the dashboard does not have yet gets its own, friendlier sentence."""
    if notice.param == "lang":
        return t("common.notice_language", lang, value=notice.value)
    if notice.left_out:
        return t("common.notice_left_out", lang, value=notice.value, param=t(PARAM_KEYS[notice.param], lang))
    default = t(notice.default, lang) if has_key(notice.default) else notice.default
    return t("common.notice_bad_value", lang, value=notice.value, param=t(PARAM_KEYS[notice.param], lang),
             default=default)


def notices(items: list[Notice], lang: str) -> html.Div:
    if not items:
        return html.Div(id=Shell.NOTICE)
    return html.Div(dbc.Alert([
        html.Strong(t("common.notice_title", lang)),
        html.Ul([html.Li(notice_text(n, lang)) for n in items], className="mb-0"),
    ], color="warning", dismissable=True, className="notice"), id=Shell.NOTICE, role="status")


def footer(lang: str) -> html.Footer:
    return html.Footer(dbc.Container([
        html.P(t("footer.credits", lang), className="mb-1"),
        # Dark link text: Bootstrap's blue on the footer's grey is 4.1:1, under WCAG AA.
        html.P([dcc.Link(t("footer.all_sources", lang), href=with_lang("/sources", lang), className="link-dark"),
                " · ",
                t("footer.code_licence", lang)], className="mb-0"),
    ], fluid=True), className="site-footer mt-4 py-3")


def frame(content, *, active: str, lang: str, page_notices: list[Notice], embed: bool = False,
          here: str = "") -> html.Div:
    """A whole page. Embeds (iframes) get the content and its source line only, no navigation."""
    if embed:
        return html.Div([notices(page_notices, lang), content], className="embed", lang=lang)
    return html.Div([
        # The first stop of the Tab key: past the navigation, straight to the page (Bootstrap shows it on focus).
        html.A(t("nav.skip_to_content", lang), href="#main", className="visually-hidden-focusable skip-link"),
        navbar(active, lang, here),
        dbc.Container([share.tools(lang), notices(page_notices, lang), html.Main(content, id="main", tabIndex="-1"),
                       view_tools(lang) if active else None], fluid=True),
        footer(lang),
    ], lang=lang)


def view_tools(lang: str) -> html.Div:
    """Under every view: show it as a slide, or add it to the deck being prepared (assets/present.js reads the
    address bar when clicked, so the slide is the view as it is now)."""
    return html.Div([
        html.Button(t("present.present_view", lang), type="button", className="btn btn-sm btn-outline-secondary",
                    **{"data-present-view": "1"}),
        html.Button(t("present.add_to_deck", lang), type="button", className="btn btn-sm btn-outline-secondary",
                    **{"data-add-to-deck": "1"}),
        html.A(t("present.open_deck", lang), href=f"/present?lang={lang}", className="btn btn-sm btn-link",
               **{"data-open-deck": "1"}),
    ], className="view-tools d-flex flex-wrap gap-2 mt-3 no-print")


def message_page(title: str, body: str, lang: str, *, home: str = "/map") -> html.Div:
    return html.Div([html.H1(title, className="h3"), html.P(body),
                     dcc.Link(t("common.go_to_map", lang), href=with_lang(home, lang))], className="message-page")


def page_meta(page: str, lang: str) -> dcc.Store:
    """The page's title ("Remittances · Central Asia Migration & Remittances") and language, for the browser tab,
    bookmarks and screen readers (callbacks/routing.py writes them into the document)."""
    return dcc.Store(id=Shell.PAGE_META, data={"title": t("common.page_title", lang, page=page,
                                                           app=t("common.app_title", lang)), "lang": lang})
