"""Country profiles in a real browser: reached from the map, the index and a URL; unknown codes; print layout."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from data.query import get_store
from figures.country.headlines import profile_facts
from figures.country.trends import TRENDS, TREND_HEIGHT
from i18n import format_value, t

pytestmark = pytest.mark.browser


def test_profile_from_a_url_shows_its_figures_charts_and_prints_clean(open_app, read_graph):
    page = open_app("/country/uzb?lang=en")  # lower case works
    store = get_store()
    assert page.inner_text("h1") == "Uzbekistan"
    for fact in profile_facts(store, "UZB"):
        card = page.inner_text(f"#country-fact-{fact.key}")
        assert format_value(fact.value, fact.unit, "en") in card and str(fact.year) in card, fact.key
    for key, indicator in TRENDS:
        plotted = read_graph(f"country-trend-{key}", attrs=("x", "y"))
        series = store.series(indicator, iso3s=["UZB"])
        assert plotted["x"] == list(series["year"]) and plotted["y"] == pytest.approx(list(series["value"])), key
    assert "/corridors?corridor=UZB-RUS" in page.get_attribute("#country-corridors-out a", "href")

    page.emulate_media(media="print")
    assert not page.is_visible("nav.navbar") and not page.is_visible("#country-select")
    # Print media reflows the page (charts two to a row); make plotly's responsive redraw happen now rather than
    # race it, then every chart must still be there at full height (an "auto" height once collapsed them to 0 px).
    expect(page.locator("#country-headlines")).to_be_visible(timeout=5_000)
    heights = page.evaluate("""async () => {
        const plots = Array.from(document.querySelectorAll('.country-trend-graph .js-plotly-plot'));
        await Promise.all(plots.map(plot => window.Plotly.Plots.resize(plot)));
        return plots.map(plot => Math.round(plot.getBoundingClientRect().height));
    }""")
    assert len(heights) == len(TRENDS) and min(heights) >= TREND_HEIGHT - 1, heights
    page.emulate_media(media="screen")
    assert page.is_visible("nav.navbar")


@pytest.mark.parametrize("path", ["/country/XYZ", "/country/<script>", "/country/<img src=x onerror=alert(1)>"])
def test_unknown_code_gets_a_clear_no_such_country_page(open_app, path):
    page = open_app(path)
    assert page.inner_text("h1") == t("country.not_found_title", "en")
    assert page.is_visible("#country-not-found a[href^='/country']")
    assert page.evaluate("document.querySelectorAll('#main script, #main img').length") == 0  # text, never markup


def test_index_then_selector_navigate_between_profiles_without_reload(open_app, page):
    open_app("/country?lang=en")
    page.evaluate("window.__samePage = true")
    page.click("#country-index-ca5 >> text=Tajikistan")
    page.wait_for_url(re.compile(r"/country/TJK\?lang=en$"))
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText === 'Tajikistan'")
    assert page.is_visible("#country-key-figures")  # the strategy's figures on a Central Asian profile

    page.click("#country-select")
    page.fill(".dash-dropdown-search", "Kazakh")
    page.get_by_role("option", name="Kazakhstan").click()
    page.wait_for_url(re.compile(r"/country/KAZ\?lang=en$"))
    page.wait_for_function("document.querySelector('h1').innerText === 'Kazakhstan'")
    assert page.evaluate("window.__samePage === true")  # no full reload


def test_profile_from_a_click_on_the_map(open_app, page):
    open_app("/map?lang=en")
    page.wait_for_function("""() => Array.from(document.querySelectorAll('#map-graph path.choroplethlocation'))
                                      .some(p => p.__data__ && p.__data__.loc === 'KAZ')""")
    box = page.evaluate("""() => {
        const path = Array.from(document.querySelectorAll('#map-graph path.choroplethlocation'))
                          .find(p => p.__data__ && p.__data__.loc === 'KAZ');
        const r = path.getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2};
    }""")
    page.mouse.click(box["x"], box["y"])
    link = page.get_by_role("link", name="Profile of Kazakhstan")
    link.click()
    page.wait_for_url(re.compile(r"/country/KAZ"))
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText === 'Kazakhstan'")
    assert page.is_visible("#country-fact-immigrants")
