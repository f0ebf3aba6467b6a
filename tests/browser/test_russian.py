"""Russian throughout: every route and embed with ?lang=ru, read in a real browser.

Walks every text node of the page (HTML and the charts' SVG), plus the attributes a reader meets (title,
aria-label, placeholder, alt, the mode bar's data-title), skips passages inside an element marked lang="en" (titles
of English-language publications in citations, the EN of the language switch), and fails on common English UI words.
Also: <html lang="ru">, a decimal comma in a number, Kyrgyzstan as Кыргызстан, internal links carrying lang=ru,
the EN | RU switch keeping the view; the `page` fixture fails on any console error or off-host request.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from layouts.ids import Map
from tests.support.browser import wait_for_dash

ROUTES = ["/map", "/remittances", "/corridors", "/country", "/country/KGZ", "/key-figures", "/sources", "/nowhere"]
EMBEDS = ["/embed/map", "/embed/remittances", "/embed/corridors", "/embed/country/UZB", "/embed/key-figures"]
PRESENT = ["/present"]  # checked once the route exists (a "page not found" answer skips it)

# Common English words of a UI: one of them on a Russian page means a string that was not translated. Whole words,
# any case, except all-capital acronyms (UN, IOM, CSV, GDP) and licence names, which stay as published.
ENGLISH_WORDS = {
    "the", "and", "of", "or", "source", "sources", "year", "years", "country", "countries", "show", "shown", "hide",
    "download", "million", "billion", "thousand", "data", "map", "maps", "migrants", "migrant", "emigrants",
    "immigrants", "remittances", "received", "sent", "share", "total", "stock", "stocks", "people", "persons",
    "corridor", "corridors", "cost", "value", "values", "table", "chart", "select", "all", "none", "no", "not",
    "reported", "from", "to", "in", "with", "for", "per", "at", "on", "is", "are", "was", "were", "this", "that",
    "which", "where", "what", "view", "page", "reset", "click", "zoom", "pan", "download", "plot", "png", "autoscale",
    "legend", "women", "men", "male", "female", "both", "sexes", "rank", "ranking", "top", "other", "others",
    "key", "figures", "figure", "caveats", "caveat", "licence", "license", "publisher", "published", "vintage",
    "indicator", "indicators", "definition", "unit", "world", "region", "europe", "central", "asia", "russia",
    "russian", "federation", "kazakhstan", "kyrgyzstan", "kyrgyz", "tajikistan", "turkmenistan", "uzbekistan",
    "gdp", "us", "usd", "dollars", "loading", "language", "english", "skip", "content", "go", "back", "more",
    "less", "about", "see", "read", "note", "notes", "estimate", "estimates", "origin", "destination", "flows",
    "flow", "sex", "scale", "log", "linear", "quarter", "average", "profile", "profiles", "print", "capital",
    "population", "income", "group", "groups", "high", "low", "middle", "upper", "lower", "mode", "dataset",
    "datasets", "citation", "method", "derived", "comparison", "latest", "change", "since", "between", "before",
    "after", "only", "also", "each", "every", "than", "over", "under", "up", "down", "rouble", "rate", "growth",
}
# Latin-script names a Russian page keeps as published: licence names, file formats, brand names.
ALLOWED = re.compile(r"CC BY(-SA)? \d\.\d( IGO)?|CC0|Plotly|Natural Earth|plotly\.js|GitHub|Weblate")

VISIBLE_TEXT_JS = """() => {
  const skip = el => el.closest('script, style, noscript, template, code, kbd, samp, [hidden], '
                                + '[lang]:not([lang="ru"]):not(html)');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !el || skip(el)) continue;
    out.push(text);
  }
  for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt], [data-title]')) {
    if (skip(el)) continue;
    for (const name of ['title', 'aria-label', 'placeholder', 'alt', 'data-title']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) out.push(value.trim());
    }
  }
  return out;
}"""

# Wait for every chart on the page to be drawn (its SVG text is part of the page).
GRAPHS_DRAWN_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .every(gd => gd._fullLayout && gd.querySelector('.main-svg'))"""


# Not prose: addresses, file names, paths, query strings, code identifiers (stock_total, rus_gdp_growth), names with
# digits (Data360): skipped as whole tokens. So are names quoted verbatim in «guillemets»: a sheet or column of a
# publisher's file («Inward remittance flows», «cc1 total cost %»), which a reader must find as written.
NOT_PROSE = re.compile(r"«[^»]*»|\S*(?:://|/|_|=|\.csv|\.png|\.svg|\.zip|\.json|[A-Za-z]\d|\d[A-Za-z])\S*")


def english_words(texts: list[str]) -> dict[str, str]:
    """English words found, each with the passage around its first occurrence."""
    found: dict[str, str] = {}
    for text in texts:
        cleaned = NOT_PROSE.sub(lambda m: " " * len(m.group()), ALLOWED.sub(lambda m: " " * len(m.group()), text))
        for match in re.finditer(r"[A-Za-z][A-Za-z'’-]*", cleaned):
            word = match.group()
            if word.isupper() and len(word) > 1:
                continue  # an acronym: UN DESA, IOM, UNHCR, CSV, GDP
            if word.lower() in ENGLISH_WORDS and word.lower() not in found:
                found[word.lower()] = text[max(0, match.start() - 60):match.end() + 60]
    return found


def open_russian(open_app, path: str, *, page=None, live_server=None):
    if path.startswith("/embed/"):  # a light page without Dash (embed/page.py): it marks itself once drawn
        page.goto(f"{live_server}{path}?lang=ru")
        page.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=30_000)
    else:
        page = open_app(f"{path}?lang=ru")
    page.wait_for_function(GRAPHS_DRAWN_JS, timeout=30_000)
    return page


def is_not_found(page) -> bool:
    return page.locator(".message-page").count() > 0 and "/nowhere" not in page.url


@pytest.mark.parametrize("path", ROUTES + EMBEDS + PRESENT)
def test_a_russian_page_has_no_english_ui_words(open_app, page, live_server, path):
    page = open_russian(open_app, path, page=page, live_server=live_server)
    if path in PRESENT and is_not_found(page):
        pytest.skip(f"{path} does not exist yet")
    assert page.evaluate("document.documentElement.lang") == "ru"
    found = english_words(page.evaluate(VISIBLE_TEXT_JS))
    assert found == {}, "English on a Russian page:\n" + "\n".join(f"  {w!r} in: {t!r}" for w, t in found.items())
    # Plotly's own number and period formats are English whatever the locale: '0.5M', '16B', '2011Q1'.
    chart_texts = page.evaluate("() => Array.from(document.querySelectorAll('.js-plotly-plot text'), t => t.textContent)")
    assert not [text for text in chart_texts if re.search(r"\d(?:[kMGB]|Q[1-4])(?![A-Za-zА-я])", text)], chart_texts


@pytest.mark.parametrize("path", ROUTES + EMBEDS + PRESENT)
def test_internal_links_keep_the_language(open_app, page, live_server, path):
    page = open_russian(open_app, path, page=page, live_server=live_server)
    if path in PRESENT and is_not_found(page):
        pytest.skip(f"{path} does not exist yet")
    hrefs = page.evaluate("""() => Array.from(document.querySelectorAll('a[href]'))
        .filter(a => !a.closest('[data-lang-switch]') && !a.hasAttribute('hreflang') && !a.hasAttribute('lang'))
        .map(a => a.getAttribute('href'))""")
    # Not pages: static files. The data downloads (/data/…) carry lang too: names inside follow it.
    internal = [h for h in hrefs if h.startswith("/") and not h.startswith(("/assets/", "/_dash", "/geo/"))]
    lost = [h for h in internal if parse_qs(urlsplit(h).query).get("lang") != ["ru"]]
    assert lost == [], f"internal links without lang=ru: {lost[:20]}"


def test_russian_numbers_and_names(open_app):
    page = open_russian(open_app, "/country/KGZ")
    text = page.locator("body").inner_text()
    assert re.search(r"\d,\d", text), "no number with a decimal comma"
    assert "Кыргызстан" in text and "Киргизия" not in text
    assert page.title().startswith("Кыргызстан")
    page = open_russian(open_app, "/map")
    assert "Кыргызстан" in page.locator("body").inner_text()
    page.hover(f"#{Map.GRAPH}")
    assert page.locator(f"#{Map.GRAPH} .modebar-btn[data-title]").count() > 0
    titles = page.locator(f"#{Map.GRAPH} .modebar-btn").evaluate_all("els => els.map(e => e.dataset.title)")
    assert any(re.search("[А-Яа-я]", title or "") for title in titles), f"plotly's mode bar is not in Russian: {titles}"
