"""Presentation mode: any view as a slide (`?present=1`), and decks of slides at `/present`.

A deck is a list of permalinks kept in the URL, one `deck=` parameter per slide, in order:
`/present?deck=%2Fmap%3Findicator%3Demigrants&deck=%2Fremittances&slide=2&lang=ru`. Without `deck=` the default deck
"Central Asia at a glance" is shown. `slide=0` (or none) is the deck page: the deck's title, its slides (reorder,
remove: plain links to the changed deck), and Start. Each slide has its own address, so the back button steps back
and a link opens the room's slide directly; assets/present.js does the keyboard, full screen, the control bar that
hides itself and the chart type sized for a room. A permalink may carry `part=<graph id>`: the slide then shows only
that chart's section of the view (e.g. the cost chart of /remittances).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import dash_bootstrap_components as dbc
from dash import dcc, html

from i18n import N_, format_compact, format_value, normalise_lang, t

PRESENT_PATH = "/present"
MAX_SLIDES = 40
MAX_PERMALINK = 400
# The default deck, "Central Asia at a glance": the strategy's figures then and now, emigrants from the five on the
# map, remittances as % of GDP, the corridors to Russia and to Kazakhstan, the cost of sending money home.
DEFAULT_DECK = (
    "/key-figures",
    "/map?indicator=emigrants&scope=region",
    "/remittances?measure=pct&part=remittances-trend-graph",
    "/corridors?part=corridors-map",  # the default corridors: Central Asia's migrants in Russia and Kazakhstan
    "/remittances?part=remittances-cost-graph",
)
# What the deck page calls a slide that shows one chart (`part=<graph id>`); other charts go by their id.
PART_KEYS = {"remittances-trend-graph": N_("present.part_remittances-trend-graph"),
             "remittances-cost-graph": N_("present.part_remittances-cost-graph"),
             "corridors-map": N_("present.part_corridors-map")}
# The strategy's figures on the first slide: the ones whose curated series measures the same thing today.
HEADLINE_FIGURES = ("rem_gdp_tjk_2013", "rem_gdp_kgz_2013", "rem_usd_tjk_2013", "stock_kaz_2013")


@dataclass(frozen=True)
class Deck:
    slides: tuple[str, ...]  # permalinks, e.g. "/map?indicator=emigrants"
    default: bool  # the default deck (no deck= in the URL)
    dropped: tuple[str, ...] = ()  # permalinks of the URL that are no view of the dashboard


def is_present(search: str | None) -> bool:
    """`?present=1` (or true/yes): the view as a slide."""
    value = parse_qs((search or "").lstrip("?")).get("present", [""])[-1].strip().lower()
    return value in ("1", "true", "yes")


def clean_permalink(raw: str) -> str | None:
    """A view's path and query, without language and presentation flags (the deck decides those); None when it
    is no view of the dashboard (an address elsewhere, /present itself, an embed, garbage)."""
    from layouts.pages import match

    raw = (raw or "").strip()
    if not raw.startswith("/") or raw.startswith("//") or len(raw) > MAX_PERMALINK:
        return None
    parts = urlsplit(raw)
    if parts.path.rstrip("/") in (PRESENT_PATH, "") and parts.path != "/" or parts.path.startswith("/embed"):
        return None
    if match(parts.path)[0] is None:
        return None
    query = [(k, v) for k, values in parse_qs(parts.query, keep_blank_values=False).items() for v in values[-1:]
             if k not in ("lang", "present", "slide", "deck")]
    return parts.path + ("?" + urlencode(query, safe=",/") if query else "")


def parse_deck(search: str | None) -> tuple[Deck, int, str]:
    """(deck, slide index 0…n, language) from the query; never raises."""
    query = parse_qs((search or "").lstrip("?"))
    lang = normalise_lang(query.get("lang", [None])[-1])
    raw = query.get("deck", [])
    if raw:
        cleaned = [(item, clean_permalink(item)) for item in raw[:MAX_SLIDES]]
        slides = tuple(good for _, good in cleaned if good)
        deck = Deck(slides, default=False, dropped=tuple(item[:60] for item, good in cleaned if not good))
    else:
        deck = Deck(DEFAULT_DECK, default=True)
    try:
        index = int(query.get("slide", ["0"])[-1])
    except ValueError:
        index = 0
    return deck, min(max(index, 0), len(deck.slides)), lang


def deck_url(slides, index: int, lang: str, *, default: bool = False) -> str:
    """The address of slide `index` (0: the deck page) of a deck."""
    pairs = [] if default else [("deck", slide) for slide in slides]
    if index:
        pairs.append(("slide", str(index)))
    pairs.append(("lang", lang))
    return PRESENT_PATH + "?" + urlencode(pairs, quote_via=quote, safe="")


def slide_view_url(permalink: str, lang: str) -> str:
    """The live view behind a slide (where Esc leaves to)."""
    return permalink + ("&" if "?" in permalink else "?") + f"lang={lang}"


# --- the bar of controls (hidden until the mouse moves) --------------------------------------------------------------
def control_bar(lang: str, *, counter: str | None, prev_url: str | None, next_url: str | None, first_url: str,
                last_url: str, exit_url: str, deck_page: str | None, here: str, add_to_deck: bool) -> html.Div:
    """Slide counter, back/next, full screen, language, leave. The data- attributes drive the keyboard."""
    steps = [
        dcc.Link("←", href=prev_url or "#", className="btn btn-present" + ("" if prev_url else " disabled"),
                 title=t("present.previous", lang)),
        dcc.Link("→", href=next_url or "#", className="btn btn-present" + ("" if next_url else " disabled"),
                 title=t("present.next", lang)),
    ]
    buttons = [
        *(steps if counter is not None else []),
        html.Button(t("present.fullscreen", lang), className="btn btn-present", type="button",
                    **{"data-present-action": "fullscreen"}),
    ]
    if add_to_deck:
        buttons.append(html.Button(t("present.add_to_deck", lang), className="btn btn-present", type="button",
                                   **{"data-add-to-deck": "1"}))
    if deck_page:
        buttons.append(dcc.Link(t("present.deck_page", lang), href=deck_page, className="btn btn-present"))
    from layouts.shell import language_switch  # the app's EN | RU switch (rewritten from the address bar when used)

    buttons.append(language_switch(lang, here))
    buttons.append(html.A(t("present.leave", lang), href=exit_url, className="btn btn-present",
                          **{"data-present-action": "exit"}))
    return html.Div([html.Nav(buttons, className="present-controls"),
                     html.Span(counter or "", className="present-counter", id="present-counter", role="status")],
                    id="present-bar", className="present-bar", **{
        "data-prev": prev_url or "", "data-next": next_url or "", "data-first": first_url, "data-last": last_url,
        "data-exit": exit_url, "data-lang": lang, "data-deck-page": deck_page or ""})


def frame(content, *, lang: str, bar, notices=None) -> html.Div:
    """A slide: the content in large type on the whole screen, the control bar over it."""
    return html.Div([bar, notices, html.Main(content, id="main", tabIndex="-1", className="present-slide")],
                    className="present-mode", lang=lang)


def view_slide_bar(pathname: str, search: str | None, lang: str) -> html.Div:
    """`?present=1` on a view: a slide on its own (no deck to step through)."""
    permalink = clean_permalink(pathname + (search or "")) or pathname
    here = slide_view_url(permalink, lang)

    return control_bar(lang, counter=None, prev_url=None, next_url=None, first_url="", last_url="", exit_url=here,
                       deck_page=None, here=here + "&present=1", add_to_deck=True)


# --- /present -------------------------------------------------------------------------------------------------------
def render(search: str | None):
    """The deck page (slide 0) or one slide of the deck."""
    from layouts import pages, shell

    deck, index, lang = parse_deck(search)
    count = len(deck.slides)

    def url(i: int, language: str = lang) -> str:
        return deck_url(deck.slides, i, language, default=deck.default)

    notices = _dropped_notice(deck, lang)
    if index == 0:
        body = html.Div([shell.page_meta(deck_title(deck, lang), lang),
                         deck_page(deck, lang)])
        bar = control_bar(lang, counter=t("present.counter", lang, n=0, count=count), prev_url=None,
                          next_url=url(1) if count else None, first_url=url(1) if count else "",
                          last_url=url(count) if count else "", exit_url=shell.with_lang("/map", lang),
                          deck_page=None, here=url(0), add_to_deck=False)
        return frame(body, lang=lang, bar=bar, notices=notices)
    permalink = deck.slides[index - 1]
    path, _, query = permalink.partition("?")
    content = pages.view_content(path, f"?{query}&lang={lang}" if query else f"?lang={lang}", present=True)
    bar = control_bar(lang, counter=t("present.counter", lang, n=index, count=count),
                      prev_url=url(index - 1), next_url=url(index + 1) if index < count else None,
                      first_url=url(1), last_url=url(count), exit_url=slide_view_url(permalink, lang),
                      deck_page=url(0), here=url(index), add_to_deck=False)
    return frame(slide_content(content, query), lang=lang, bar=bar, notices=notices)


def slide_content(content, query: str | None) -> html.Div:
    """A view's content on a slide; with `part=<graph id>` in the query only that chart's section is shown (and the
    view's heading), the chart filling the rest of the screen (assets/app.css, "one chart per slide")."""
    part = parse_qs((query or "").lstrip("?")).get("part", [""])[-1][:80]
    isolated = isolate(content, part) if part else None
    return html.Div(isolated or content, **({"data-part": part} if part else {}),
                    className="present-content" + (" present-one-chart" if isolated else ""))


def _children(component) -> list:
    children = getattr(component, "children", None)
    if children is None:
        return []
    return list(children) if isinstance(children, (list, tuple)) else [children]


def _path_to(component, target: str) -> list | None:
    """The components from `component` down to the one whose id is `target` (both included), or None."""
    if getattr(component, "id", None) == target:
        return [component]
    for child in _children(component):
        if hasattr(child, "to_plotly_json"):
            below = _path_to(child, target)
            if below:
                return [component, *below]
    return None


def _with_class(component, name: str):
    """A shallow copy with one more CSS class (the original may sit in a cache shared by normal pages).
    A dcc.Loading's own box is its parent_className."""
    twin = copy.copy(component)
    prop = "parent_className" if type(component).__name__ == "Loading" else "className"
    setattr(twin, prop, " ".join(filter(None, (getattr(component, prop, None), name))))
    return twin


def _keeps_heading(component) -> bool:
    return isinstance(component, html.H1)


def isolate(content, part: str):
    """`content` with only the chart `part` (a graph id) and its section left visible: every ancestor of the
    section marked `present-isolated`, their other children `present-hidden` (the view's H1 stays), and the graph
    made responsive (no fixed height: plotly fills the box CSS gives it, on first paint and on every resize).
    None when the view has no such chart. Never changes the components given: the path is copied."""
    path = _path_to(content, part)
    if not path or len(path) < 2:
        return None
    graph = copy.copy(path[-1])
    if type(graph).__name__ == "Graph":
        graph.responsive = True
        graph.style = {k: v for k, v in (getattr(graph, "style", None) or {}).items() if k != "height"}
    graph = _with_class(graph, "present-part-graph")
    sections = [i for i, node in enumerate(path[:-1]) if isinstance(node, html.Section)]
    top = sections[-1] if sections else len(path) - 1  # the chart's section, or the chart alone
    node = graph
    for depth in range(len(path) - 2, -1, -1):  # rebuild each ancestor with the copied child in place
        original, child_original = path[depth], path[depth + 1]
        children = []
        for child in _children(original):
            if child is child_original:
                children.append(node)
            elif depth >= top or not hasattr(child, "to_plotly_json") or _keeps_heading(child):
                children.append(child)  # inside the chart's section everything stays (its source line above all)
            else:
                children.append(_with_class(child, "present-hidden"))
        twin = copy.copy(original)
        twin.children = children
        node = _with_class(twin, "present-isolated")
    return node


def _dropped_notice(deck: Deck, lang: str):
    if not deck.dropped:
        return None
    return dbc.Alert(t("present.dropped", lang, items=", ".join(deck.dropped)), color="warning",
                     className="present-notice", dismissable=True)


def deck_title(deck: Deck, lang: str) -> str:
    """The default deck's title, or "My deck" for one the reader put together."""
    return t("present.deck_title", lang) if deck.default else t("present.my_deck", lang)


def slide_name(permalink: str, lang: str) -> str:
    """What a slide shows, for the deck page: the view's name, and its chart when the slide is one chart."""
    from layouts.pages import match
    from layouts.shell import NAV_KEYS

    path, _, query = permalink.partition("?")
    view, _ = match(path)
    name = t(NAV_KEYS[view.key], lang) if view else path
    part = parse_qs(query).get("part", [""])[-1]
    if not part:
        return name
    return f"{name} · {t(PART_KEYS[part], lang) if part in PART_KEYS else part}"


def deck_page(deck: Deck, lang: str) -> html.Div:
    """The deck: its slides in order, each movable up or down and removable (links to the changed deck)."""
    count = len(deck.slides)

    def changed(slides) -> str:
        return deck_url(slides, 0, lang)

    items = []
    for i, permalink in enumerate(deck.slides):
        slides = list(deck.slides)
        up = slides[:i - 1] + [slides[i], slides[i - 1]] + slides[i + 1:] if i else None
        down = slides[:i] + [slides[i + 1], slides[i]] + slides[i + 2:] if i < count - 1 else None
        removed = slides[:i] + slides[i + 1:]
        items.append(html.Li([
            dcc.Link([html.Span(f"{i + 1}. ", className="present-number"), slide_name(permalink, lang)],
                     href=deck_url(deck.slides, i + 1, lang, default=deck.default), className="present-slide-link"),
            html.Code(permalink, className="present-permalink"),
            html.Span([
                dcc.Link("▲", href=changed(up), className="btn btn-sm btn-outline-secondary",
                         title=t("present.move_up", lang))
                if up else None,
                dcc.Link("▼", href=changed(down), className="btn btn-sm btn-outline-secondary",
                         title=t("present.move_down", lang))
                if down else None,
                dcc.Link("✕", href=changed(removed), className="btn btn-sm btn-outline-danger",
                         title=t("present.remove", lang)),
            ], className="present-edit"),
        ], className="present-deck-item", **{"data-permalink": permalink}))
    return html.Div([
        html.H1(deck_title(deck, lang), className="present-title"),
        html.P(t("present.deck_lede", lang), className="present-lede"),
        html.Ol(items, className="present-deck list-unstyled") if items
        else html.P(t("present.empty_deck", lang), className="text-muted"),
        html.Div([
            dcc.Link(t("present.start", lang), href=deck_url(deck.slides, 1, lang, default=deck.default),
                     className="btn btn-primary btn-lg me-3") if count else None,
            dcc.Link(t("present.default_deck", lang), href=deck_url((), 0, lang, default=True),
                     className="btn btn-outline-secondary me-3") if not deck.default else None,
        ], className="mb-3"),
        html.P(t("present.keys_help", lang), className="present-help"),
        html.P(t("present.share_help", lang), className="present-help"),
    ], className="present-deck-page", id="present-deck-page", **{"data-deck": "\n".join(deck.slides)})


def headline_value(value: float, unit: str, lang: str) -> str:
    """A number a room reads at a glance: counts rounded like the strategy's ('2.1 million persons')."""
    if unit == "persons":
        return t("common.persons", lang, value=format_compact(value, lang))
    return format_value(value, unit, lang)


# --- the strategy's key figures then and now (a view's slide of its own) ---------------------------------------------
def headline_slide(state: dict, lang: str, **_) -> html.Div:
    """/key-figures as a slide: a few of the strategy's figures, then (as quoted) and now (the latest curated value),
    in numbers a room can read. The full comparison stays on the key-figures page."""
    from data.query import get_store
    from figures.key_figures import comparison_rows
    from layouts.common import source_line
    from layouts.key_figures import area_name, measure_name, strategy_value

    store = get_store()
    rows = {row.figure_id: row for row in comparison_rows(store)}
    cards, sources = [], []
    for figure_id in HEADLINE_FIGURES:
        row = rows.get(figure_id)
        if row is None or row.latest is None:
            continue
        sources.append(row.latest.source)
        cards.append(dbc.Col(html.Div([
            html.Div(area_name(store, row.area, lang), className="headline-area"),
            html.Div(measure_name(store, row, lang), className="headline-measure"),
            html.Div([
                html.Div([html.Div(strategy_value(row, lang), className="headline-number"),
                          html.Div(t("present.then", lang, year=row.year), className="headline-when")],
                         className="headline-then"),
                html.Div("→", className="headline-arrow", **{"aria-hidden": "true"}),
                html.Div([html.Div(headline_value(row.latest.value, row.measure_unit, lang),
                                   className="headline-number"),
                          html.Div(t("present.now", lang, year=row.latest.year), className="headline-when")],
                         className="headline-now"),
            ], className="headline-pair"),
        ], className="headline-card"), md=6))
    return html.Div([
        html.H1(t("present.headline_title", lang), className="h4"),
        dbc.Row(cards, className="g-4"),
        html.P(t("present.headline_then_note", lang), className="small mt-3"),
        source_line(store, sources, lang),
    ], className="view-headlines")
