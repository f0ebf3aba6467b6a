"""The drawing loop: each URL opened in headless Chromium against a running app, drawn live, its chart settled, the
page's (an embed's chart's) inert copy taken (sanitise.js), a page's two widths merged into one frame (merge.js),
its outlines in whole pixels (outlines.py); with the key of what it was drawn from (serving.first_frame.frame_key)."""
from __future__ import annotations

from scripts.first_frames.in_page import script
from scripts.first_frames.outlines import compact
from serving import first_frame

SANITISE_JS, MERGE_JS, FIT_RANGE_JS, SETTLED_JS = (script(name) for name in ("sanitise", "merge", "fit_range",
                                                                             "settled"))
# Where an embed's x/y frame may be shown (embed/page.py shows frames from 560 px wide), fit_range.js' step, and how
# far (px) a word or marker of the frame may be from where plotly.js then draws it (tests/browser/test_first_frame.py
# allows 2 px: the rest for the frame's rounding).
FIT_LIMITS = {"width": [560, 1920], "height": [120, 1400]}
FIT_STEP = 8
FIT_TOLERANCE = 1.8
# The charts as assets/present.js and titles.js fit them: the same, and none being resized by dcc.Graph (its
# dash-graph--pending class), over this many animation frames (their watcher redraws at most every 30 ms after a
# draw or resize).
SETTLED_FRAMES = 6
# The live chart drawn: plotly.js has laid it out and, on a map, drawn its countries.
CHART_DRAWN_JS = ("(root) => { const gd = document.querySelector(root + ' .js-plotly-plot')"
                  " || document.querySelector(root + '.js-plotly-plot');"
                  " return gd && gd._fullLayout"
                  " && (gd.querySelector('.choroplethlocation') || !gd._fullLayout._has('geo')); }")


def _drawn(browser, base_url: str, url: str, viewport: dict) -> tuple[str, str]:
    """(the page's sanitised HTML, its first-page or embed-data JSON) as drawn at `viewport`."""
    from tests.support.browser import guarded_page, wait_for_dash

    embed = first_frame.is_embed(url)
    root, data = ("#embed-chart", "embed-data") if embed else ("#react-entry-point", "camr-first-page")
    with guarded_page(browser, viewport) as (page, _guard):
        response = page.goto(base_url + url, wait_until="load")
        assert response is not None and response.status == 200, url
        if embed:
            page.wait_for_selector("html[data-embed-drawn]", state="attached")
        else:
            wait_for_dash(page)
        page.wait_for_function(CHART_DRAWN_JS, arg=root)
        page.evaluate(SETTLED_JS, [root, SETTLED_FRAMES])
        assert not page.evaluate("() => !!document.querySelector('.camr-frame, .embed-frame')"), (
            "drawn under a frame: the page must be drawn live (CAMR_FRAMES=0)")
        if embed:
            fitted = page.evaluate(FIT_RANGE_JS, [FIT_LIMITS, FIT_STEP, FIT_TOLERANCE])
            if fitted:
                print(f"{url}: an x/y chart, its frame shown from {fitted['width'][0]} to {fitted['width'][1]} px wide"
                      f" and {fitted['height'][0]} to {fitted['height'][1]} px high")
        # an embed's own style is in its page already; plotly.js brings its own at run time
        skip = 'style:not([id="plotly.js-style-global"])' if embed else ""
        html = page.evaluate(SANITISE_JS, [root, skip])
        return html, page.evaluate("(id) => document.getElementById(id).textContent", data)


def merged(browser, narrow: str, wide: str) -> str:
    """A page's frame holding its drawings at both widths (merge.js)."""
    page = browser.new_page()
    try:
        return page.evaluate(MERGE_JS, [narrow, wide, first_frame.WIDE_FROM])
    finally:
        page.close()


def draw(base_url: str, urls=first_frame.FRAME_URLS) -> dict[str, dict]:
    """{url: {"key": …, "html": …}} of each URL, drawn from the app at `base_url` (started with CAMR_FRAMES=0)."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH

    frames = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        try:
            for url in urls:
                embed = first_frame.is_embed(url)
                html, page_text = _drawn(browser, base_url, url, first_frame.viewport(url))
                if not embed:
                    wide, wide_text = _drawn(browser, base_url, url, first_frame.WIDE_VIEWPORT)
                    assert wide_text == page_text, f"{url}: another page at {first_frame.WIDE_VIEWPORT}"
                    html = merged(browser, html, wide)
                html = compact(html)
                frames[url] = {"key": first_frame.frame_key(page_text, embed=embed), "html": html}
                print(f"{url}: {len(html.encode()):,} B as text")
        finally:
            browser.close()
    return frames
