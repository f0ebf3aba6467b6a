"""Presentation mode: decks kept in the URL, slides of views, the deck page's reorder and remove links."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from i18n import normalise_lang
from layouts import pages, present
from tests.support.components import components, text_of


def deck_of(url: str) -> tuple[list[str], int]:
    query = parse_qs(urlsplit(url).query)
    return query.get("deck", []), int(query.get("slide", ["0"])[0])


def test_without_a_deck_the_default_deck_is_shown():
    deck, index, lang = present.parse_deck("")
    assert deck.default and deck.slides == present.DEFAULT_DECK and index == 0 and lang == "en"
    assert present.deck_url(deck.slides, 3, "ru", default=True) == "/present?slide=3&lang=ru"


def test_a_deck_round_trips_through_its_url():
    slides = ("/map?indicator=immigrants&year=2020", "/remittances?countries=KGZ,TJK&part=remittances-cost-graph")
    url = present.deck_url(slides, 2, "en")
    deck, index, lang = present.parse_deck("?" + urlsplit(url).query)
    assert deck.slides == slides and index == 2 and not deck.default


@pytest.mark.parametrize("raw, expected", [
    ("/map?indicator=emigrants&lang=ru&present=1", "/map?indicator=emigrants"),
    ("/country/TJK", "/country/TJK"),
    ("https://example.org/map", None),
    ("//example.org/map", None),
    ("/present?slide=2", None),
    ("/embed/map", None),
    ("/no-such-view", None),
    ("/map?" + "x" * 500, None),
])
def test_permalinks_are_views_of_this_dashboard_only(raw, expected):
    assert present.clean_permalink(raw) == expected


def test_bad_slides_are_left_out_with_a_notice_and_the_slide_number_is_clamped():
    deck, index, _ = present.parse_deck("?deck=%2Fmap&deck=https%3A%2F%2Fevil.example&slide=99")
    assert deck.slides == ("/map",) and deck.dropped == ("https://evil.example",) and index == 1
    page = pages.render("/present", "?deck=%2Fmap&deck=https%3A%2F%2Fevil.example&slide=abc")
    assert "evil.example" in text_of(page)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_slide_of_the_default_deck_renders(lang):
    lang_asked, lang = lang, normalise_lang(lang)  # Russian once the app offers it
    for index in range(len(present.DEFAULT_DECK) + 1):
        page = pages.render("/present", f"?slide={index}&lang={lang_asked}")
        bar = next(c for c in components(page) if getattr(c, "id", None) == "present-bar")
        data = {k: v for k, v in bar.to_plotly_json()["props"].items() if k.startswith("data-")}
        assert data["data-next"] == (present.deck_url((), index + 1, lang, default=True)
                                     if index < len(present.DEFAULT_DECK) else "")
        assert data["data-first"].endswith(f"slide=1&lang={lang}")
        assert text_of(bar).endswith(f"{index} / {len(present.DEFAULT_DECK)}")


def test_the_deck_page_moves_and_removes_slides_by_links():
    slides = ("/map", "/remittances", "/corridors")
    page = present.deck_page(present.Deck(slides, default=False), "en")
    links = {c.title: deck_of(c.href)[0] for c in components(page) if getattr(c, "title", None)
             and getattr(c, "href", None)}
    hrefs = [deck_of(c.href)[0] for c in components(page) if getattr(c, "href", None) and getattr(c, "title", None)]
    assert ["/remittances", "/map", "/corridors"] in hrefs  # the second moved up (or the first down)
    assert ["/map", "/corridors", "/remittances"] in hrefs  # the third moved up
    assert ["/map", "/corridors"] in hrefs  # the second removed
    assert links  # titled controls (Move up, Move down, Remove from the deck)


def test_present_flag_turns_a_view_into_a_slide_without_navigation():
    page = pages.render("/map", "?present=1&indicator=immigrants")
    classes = [getattr(c, "className", "") or "" for c in components(page)]
    assert "present-mode" in classes and not any("navbar" in c for c in classes)
    bar = next(c for c in components(page) if getattr(c, "id", None) == "present-bar")
    assert bar.to_plotly_json()["props"]["data-exit"] == "/map?indicator=immigrants&lang=en"


def test_key_figures_as_a_slide_are_the_strategy_then_and_now():
    text = text_of(pages.render("/key-figures", "?present=1"))
    assert "48.1% of GDP" in text and "Strategy, 2013" in text and "Latest data, 2024" in text
    russian = text_of(pages.render("/key-figures", "?present=1&lang=ru"))
    assert russian  # renders in any language the app has


def test_every_view_offers_to_be_added_to_a_deck():
    for path in ("/map", "/remittances", "/corridors", "/country/TJK", "/key-figures", "/sources"):
        page = pages.render(path, "")
        assert any(c.to_plotly_json()["props"].get("data-add-to-deck") for c in components(page)
                   if hasattr(c, "to_plotly_json")), path


@pytest.mark.parametrize("path, part", [("/remittances", "remittances-trend-graph"),
                                        ("/remittances", "remittances-cost-graph"), ("/corridors", "corridors-map")])
def test_one_chart_per_slide_is_decided_on_the_server_and_leaves_the_view_unchanged(path, part):
    import json

    content = pages.view_content(path, f"?part={part}&lang=en", present=True)
    before = json.dumps(content.to_plotly_json(), default=str, sort_keys=True)
    slide = present.slide_content(content, f"?part={part}")
    assert "present-one-chart" in slide.className
    nodes = list(components(slide))
    graph = next(n for n in nodes if getattr(n, "id", None) == part)
    # No height of its own: plotly fills the box the slide's CSS gives it, on first paint and on resize.
    assert graph.responsive is True and "height" not in (getattr(graph, "style", None) or {})
    assert "present-part-graph" in graph.className
    hidden = [n for n in nodes if "present-hidden" in (getattr(n, "className", None) or "")]
    other_graphs = [n for n in nodes if type(n).__name__ == "Graph" and n is not graph]
    assert hidden and all(any(g in list(components(h)) for h in hidden) for g in other_graphs)
    assert not any("present-hidden" in (getattr(n, "className", None) or "") for n in nodes
                   if type(n).__name__ == "H1")  # the view's heading stays
    # The view's own components (some cached for normal pages) are not changed.
    assert json.dumps(content.to_plotly_json(), default=str, sort_keys=True) == before


def test_a_part_that_is_no_chart_of_the_view_shows_the_whole_view():
    content = pages.view_content("/remittances", "?lang=en", present=True)
    slide = present.slide_content(content, "?part=nothing-here")
    assert slide.children is content and "present-one-chart" not in slide.className
