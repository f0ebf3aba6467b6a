"""Routes: which view a path shows, and the whole page for (path, query). Pure: no callbacks here."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dash import dcc, html

from i18n import t
from layouts import shell
from layouts.ids import Shell
from state import LANG, Param, parse_query


@dataclass(frozen=True)
class View:
    key: str  # also the navbar item that is active
    pattern: str  # regular expression for the path, named groups become layout arguments
    layout: Callable[..., object]  # layout(state, lang, **path_args) -> component
    params: Callable[[], list[Param]] = field(default=lambda: [])


def views() -> list[View]:
    # Imported here so that importing the registry doesn't load every view's data at import time.
    from layouts import corridors, country, key_figures, remittances, sources
    from layouts import map as map_view

    return [
        View("map", r"/(map)?", map_view.layout, map_view.params),
        View("remittances", r"/remittances", remittances.layout, remittances.params),
        View("corridors", r"/corridors", corridors.layout, corridors.params),
        # /country lists the countries; /country/UZB is a profile (an unknown code gets a "no such country" page).
        View("countries", r"/country(/(?P<iso3>[^/]*))?", country.layout, country.params),
        View("sources", r"/sources", sources.layout, sources.params),
        View("key_figures", r"/key-figures", key_figures.layout, key_figures.params),
    ]


def match(path: str) -> tuple[View | None, dict]:
    normalised = path.rstrip("/") or "/"
    for view in views():
        found = re.fullmatch(view.pattern, normalised)
        if found:
            return view, {k: v for k, v in found.groupdict().items() if v is not None}
    return None, {}


def page_name(view: View, path_args: dict, lang: str) -> str:
    """What the browser tab calls the page: the view's name, and a profile's country before it."""
    name = t(shell.NAV_KEYS[view.key], lang)
    code = (path_args.get("iso3") or "").strip().upper()
    if code:
        from data.query import get_store  # only profiles need the store here

        if get_store().country(code) is not None:
            return t("common.page_title_country", lang, country=get_store().country_name(code, lang), page=name)
    return name


def render(pathname: str | None, search: str | None):
    """The page for a URL. Never raises for bad input: unknown paths get a polite 'not found' page."""
    from layouts import present

    pathname = pathname or "/"
    if pathname.rstrip("/") == present.PRESENT_PATH:
        return present.render(search)  # a deck of slides
    embed = pathname.startswith("/embed/")
    path = pathname[len("/embed"):] if embed else pathname
    view, path_args = match(path)
    if view is None:
        state, notices = parse_query(search, [LANG])
        lang = state["lang"]
        title = t("common.not_found_title", lang)
        body = html.Div([shell.page_meta(title, lang),
                         shell.message_page(title, t("common.not_found_body", lang, path=pathname[:80]), lang,
                                            home="/embed/map" if embed else "/map")])
        return shell.frame(body, active="", lang=lang, page_notices=notices, embed=embed,
                           here=pathname + (search or ""))
    slide = not embed and present.is_present(search)
    content, lang, notices = view_page(view, path_args, search, present=slide)
    if slide:  # ?present=1: the view as a slide, in large type, without the site's navigation
        return present.frame(present.slide_content(content, search), lang=lang, bar=present.view_slide_bar(pathname, search, lang),
                             notices=shell.notices(notices, lang))
    return shell.frame(content, active=view.key, lang=lang, page_notices=notices, embed=embed,
                       here=pathname + (search or ""))


def view_page(view: View, path_args: dict, search: str | None, *, present: bool = False):
    """(content, language, notices) of a view for a query. A slide of /key-figures shows the strategy's headline
    figures then and now instead of the full table."""
    params = [LANG, *view.params()]
    state, notices = parse_query(search, params)
    lang = state["lang"]
    layout = view.layout
    if present and view.key == "key_figures":
        from layouts.present import headline_slide

        layout = headline_slide
    content = html.Div([
        dcc.Store(id=Shell.PAGE_STATE, data=state),
        shell.page_meta(page_name(view, path_args, lang), lang),
        layout(state, lang, **path_args),
    ])
    return content, lang, notices


def view_content(path: str, search: str | None, *, present: bool = False):
    """A view's content for a path and query (a slide of a deck); a path that is no view gets a short message."""
    view, path_args = match(path)
    if view is None:
        return html.P(t("common.not_found_body", "en", path=path[:80]))
    return view_page(view, path_args, search, present=present)[0]
