"""Every screen: a 390 px phone (nothing wider than the screen, the navigation folded behind a toggler, the remittance
lines named in a legend) and a 1920 px projector on normal pages (chart text at least 16 px)."""
from __future__ import annotations

import pytest

from tests.support import browser as harness

pytestmark = pytest.mark.browser

ROUTES = ("/map", "/remittances", "/corridors", "/country", "/country/TJK", "/key-figures", "/sources",
          "/present", "/present?slide=2", "/remittances?present=1", "/embed/map", "/no-such-page")
_CHART_TEXT_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot text'))
  .filter(t => t.textContent.trim() && t.getBoundingClientRect().width)
  .map(t => parseFloat(getComputedStyle(t).fontSize))"""


@pytest.fixture
def screen(browser, app_server, request):
    guard = harness.PageGuard()
    context = browser.new_context(viewport=request.param, service_workers="block")
    context.set_default_timeout(30_000)
    page = context.new_page()
    guard.attach(page)
    try:
        yield page, app_server.url
        harness.flush_events(page)
    finally:
        problems = guard.problems()
        context.close()
    assert not problems, problems


@pytest.mark.parametrize("screen", [{"width": 390, "height": 844}], indirect=True)
def test_no_page_is_wider_than_a_phone(screen):
    page, base = screen
    for route in ROUTES:
        if route.startswith("/embed/"):  # a light page without Dash
            page.goto(base + route)
            page.wait_for_load_state("load")
        else:
            harness.open_app(page, base, route)
        page.wait_for_timeout(300)  # plotly sizes itself after Dash is idle
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{route}: {width} px wide"
        if route == "/country/TJK":  # the profile's country selector was pushed off the left edge
            box = page.locator("#country-select").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box


@pytest.mark.parametrize("screen", [{"width": 390, "height": 844}], indirect=True)
def test_on_a_phone_the_navigation_folds_and_the_lines_are_named_in_a_legend(screen):
    page, base = screen
    harness.open_app(page, base, "/remittances?lang=en")
    link = page.locator("#nav-corridors")
    assert not link.is_visible()
    page.locator("#nav-toggler").click()
    link.wait_for(state="visible")
    page.wait_for_function("""() => {
      const gd = document.querySelector('#remittances-trend-graph .js-plotly-plot');
      return gd && gd._fullLayout && gd._fullLayout.showlegend
        && !(gd._fullLayout.annotations || []).some(a => (a.name || '').startsWith('end-'));
    }""")
    link.click()
    page.wait_for_url("**/corridors**")


@pytest.mark.parametrize("screen", [{"width": 1920, "height": 1080}], indirect=True)
def test_on_a_projector_chart_text_is_at_least_16_px(screen):
    page, base = screen
    for route in ("/remittances?lang=en", "/map?lang=en", "/corridors?lang=en"):
        harness.open_app(page, base, route)
        try:
            page.wait_for_function(f"() => ({_CHART_TEXT_JS})().every(size => size >= 16)", timeout=20_000)
        except Exception:
            pass  # the assertion says what is too small
        sizes = page.evaluate(_CHART_TEXT_JS)
        detail = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(g =>
            [g.parentElement.id, g._presentHooked, (g._fullData || []).map(d => d.textfont && d.textfont.size)])""")
        assert sizes and min(sizes) >= 16, (route, sorted(sizes)[:5], detail)


@pytest.mark.parametrize("screen", [{"width": 1024, "height": 768}], indirect=True)
def test_on_a_laptop_the_navigation_fits_in_both_languages(screen):
    """The Russian labels once pushed the navbar (and so every page) to 1,306 px on screens narrower than that."""
    page, base = screen
    for lang in ("ru", "en"):
        harness.open_app(page, base, f"/map?lang={lang}")
        for width in (1024, 1280):
            page.set_viewport_size({"width": width, "height": 768})
            page.wait_for_function(f"() => document.documentElement.clientWidth === {width}")
            assert page.is_visible("#nav-corridors"), (lang, width)  # links beside the brand, not folded
            wide = page.evaluate("[document.querySelector('nav.navbar').scrollWidth, "
                                 "document.documentElement.scrollWidth]")
            assert max(wide) <= width, (lang, width, wide)
