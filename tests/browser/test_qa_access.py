"""QA: what a keyboard or screen-reader user meets (headless Chromium against the running app)."""
from urllib.parse import parse_qs, urlparse

from layouts.ids import Map
from tests.support.browser import wait_for_dash


def year_in_url(page) -> str:
    return parse_qs(urlparse(page.url).query)["year"][-1]


def test_the_year_slider_has_a_name_and_steps_year_by_year_with_the_arrow_keys(open_app):
    page = open_app("/map")
    slider = page.get_by_role("slider", name="Year")
    slider.wait_for()
    slider.press("ArrowLeft")  # Dash's marks-only slider moved to 2023.8: an empty map and year=2023.8
    wait_for_dash(page)
    assert year_in_url(page) == "2020" and slider.get_attribute("aria-valuenow") == "2020"
    assert "2020" in page.locator(f"#{Map.GRAPH} .gtitle").text_content()
    slider.press("ArrowRight")
    wait_for_dash(page)
    assert year_in_url(page) == "2024"


def test_each_page_has_its_own_title_and_language(open_app):
    page = open_app("/country/uzb")
    page.wait_for_function("() => document.title.startsWith('Uzbekistan')")
    assert page.title() == "Uzbekistan · Countries · Central Asia Migration & Remittances"
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.locator("#nav-remittances").click()  # client-side navigation updates both
    wait_for_dash(page)
    page.wait_for_function("() => document.title.startsWith('Remittances')")
