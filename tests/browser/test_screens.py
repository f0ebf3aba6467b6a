"""Every screen: a 390 px phone (nothing wider than the screen, the navigation folded behind a toggler, the remittance
lines named in a legend) and a 1920 px projector on normal pages (chart text at least 16 px)."""
from __future__ import annotations

import pytest

from tests.support import browser as harness

pytestmark = pytest.mark.browser

# Every view, a few kinds of profile (a Central Asian country, Russia with its long badge and large figures, an
# aggregate), the presenter, an embed and the 404 page; each in both languages.
ROUTES = ("/map", "/remittances", "/corridors", "/country", "/country/TJK", "/country/RUS", "/country/WLD",
          "/key-figures", "/sources", "/present", "/present?slide=2", "/remittances?present=1", "/embed/map",
          "/no-such-page")
# Every chart on screen drawn, none wider than its box (plotly sizes itself after Dash is idle and on a resize).
_PLOTS_DRAWN_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(gd => gd.offsetParent)
  .every(gd => { const svg = gd.querySelector('svg.main-svg');
                 return gd._fullLayout && svg && +svg.getAttribute('width') <= gd.clientWidth + 1; })"""
# What reaches past the right edge outside any box that scrolls or clips it: elements and lines of text.
_STICKING_OUT_JS = """() => {
  const W = document.documentElement.clientWidth, out = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const contained = el => { for (let p = el; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > W + 0.5 && !(el.parentElement && contained(el.parentElement))) {
      out.push(`${name(el)} ${Math.round(r.left)}..${Math.round(r.right)}`); }
  }
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) {
    if (!n.textContent.trim() || contained(n.parentElement)) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    if (Array.from(range.getClientRects()).some(r => r.right > W + 0.5)) {
      out.push(`text in ${name(n.parentElement)}: ${JSON.stringify(n.textContent.trim().slice(0, 60))}`); }
  }
  return out.slice(0, 12);
}"""
_CHART_TEXT_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot text'))
  .filter(t => t.textContent.trim() && t.getBoundingClientRect().width)
  .map(t => parseFloat(getComputedStyle(t).fontSize))"""


@pytest.fixture
def screen(browser, app_server, request):
    with harness.guarded_page(browser, request.param) as (page, _):
        yield page, app_server.url


@pytest.mark.parametrize("screen", [{"width": 320, "height": 640}], indirect=True)
def test_no_page_is_wider_than_a_phone(screen):
    """Nothing scrolls sideways on a 320 px phone nor, the same page widened, on a 390 px one, in either language.
    Russian once made the TJK profile 409 px wide at 390 px (a figure such as "12,1 млрд долл." is one unbreakable
    run, wider than half the screen), the RUS profile 429 px (a badge that did not wrap) and the corridors page
    519 px (four image buttons in one row)."""
    page, base = screen
    for lang in ("en", "ru"):
        for route in ROUTES:
            path = f"{route}{'&' if '?' in route else '?'}lang={lang}"
            page.set_viewport_size({"width": 320, "height": 640})
            if route.startswith("/embed/"):  # a light page without Dash
                page.goto(base + path)
                page.wait_for_selector("html[data-embed-drawn]", state="attached")
            else:
                harness.open_app(page, base, path)
            # One load per page, then the same page widened to 390 px (a slide narrowed: tests/browser/test_present.py).
            for phone in (320, 390):
                page.set_viewport_size({"width": phone, "height": 640 if phone == 320 else 844})
                page.wait_for_function(f"() => document.documentElement.clientWidth === {phone}")
                page.wait_for_function(_PLOTS_DRAWN_JS, polling=100)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= phone, (f"{path}: {width} px wide on a {phone} px screen: "
                                        f"{page.evaluate(_STICKING_OUT_JS)}")
                if route == "/country/TJK":  # the profile's country selector was pushed off the left edge
                    box = page.locator("#country-select").bounding_box()
                    assert box["x"] >= 0 and box["x"] + box["width"] <= phone, (path, phone, box)


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
