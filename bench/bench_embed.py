"""Embeds: first-load bytes on the wire and time to the first painted chart, in headless Chromium; static images.

    python -m bench.bench_embed [--url http://127.0.0.1:8050] [--runs 5]
    python -m bench.bench_embed --no-images --only /embed/map '/embed/country/KGZ?lang=ru' '/embed/map?year=2015'
    python -m bench.bench_embed --no-images --donors --reference none   # the embeds donors use (DONOR_EMBEDS)

Each embed (/embed/map, remittances, corridors, country/UZB, key-figures; `--only` these paths, each with its query
string if any; `--donors`: DONOR_EMBEDS) is loaded `--runs` times in a fresh browser context (cold cache,
Accept-Encoding gzip/br) at 800×450, the load average (1/5/15 min) printed beside each embed's row. Bytes: the sum of Resource Timing transferSize
of the document and everything it fetched (the first load). Times, median over the runs: the first painted chart
(the goal's figure): the chart's drawn first frame (serving/first_frame.py, a picture in the HTML; an init script
sees it painted) where the embed has one, else the live chart; and beside it the live chart: navigation start →
plotly.js has drawn it (`window.__embedDrawnAt`, set by embed/static/embed-page.js when Plotly.react resolves).
The key figures have no chart: their time is when the list's text is painted (Element Timing: the latest
`renderTime` of the items marked `elementtiming="embed-list"` in view), marked "list"; an embed with neither prints
"no chart".
Static images (/image/<view>.png): cold (first request of a query) and cached times. Prints figures with their
goals beside them; asserts nothing.

Beside each figure, a naive reference measured in the same run: for bytes, the same first load uncompressed
(a client without Accept-Encoding); for time, loads alternating with the real ones of the embed as it was before
(`X-Bench-Reference`, honoured only by a server started with CAMR_BENCH_NOOP=1, as bench/ does): `--reference
full-bundle` (default) loads the app's whole plotly.js bundle instead of the embed's own (geo or cartesian),
`--reference fetch` lets plotly.js fetch the map's geometry itself, `--reference none` loads none (half the time).
Ratios are real/reference.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402
import bench  # noqa: E402,F401 - sets CAMR_BENCH_NOOP=1 for the server started here
from tests.support.server import _OPENER, http_get, start_app_server  # noqa: E402

EMBEDS = ["/embed/map", "/embed/remittances", "/embed/corridors", "/embed/country/UZB", "/embed/key-figures"]
# What donors put in their pages: each view's default in English and Russian, the Central Asian five's country embeds
# in both, a map of an earlier year, and URLs as the Share dialog writes them (it always names the language) and as
# README's example.
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
DONOR_EMBEDS = [path + lang for path in ["/embed/map", "/embed/remittances", "/embed/corridors", "/embed/key-figures",
                                         *(f"/embed/country/{iso3}" for iso3 in CENTRAL_ASIA)]
                for lang in ("", "?lang=ru")] + ["/embed/map?year=2015", "/embed/map?lang=en",
                                                 "/embed/remittances?lang=en", "/embed/country/KGZ?lang=en",
                                                 "/embed/map?year=2020&lang=en"]
IMAGES = ["/image/map.png", "/image/remittances.png", "/image/corridors.png", "/image/country/UZB.png"]
GOAL_BYTES, GOAL_SECONDS = 0.7e6, 0.5
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
BYTES_JS = """() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .reduce((sum, e) => sum + (e.transferSize || 0), 0)"""


REFERENCES = ("full-bundle", "fetch", "none")
URLS_JS = """() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .map(e => e.name)"""


def identity_bytes(urls: list[str]) -> int:
    """The same files as sent to a client that accepts no compression."""
    total = 0
    for url in urls:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
        with _OPENER.open(request, timeout=30) as response:
            total += len(response.read())
    return total


# When the chart was drawn (embed-page.js), or else when the key figures' list was painted (Element Timing), in ms.
DRAWN_JS = """() => window.__embedDrawnAt !== undefined ? Promise.resolve(['chart', window.__embedDrawnAt])
  : new Promise(resolve => {
      try {  // the list's items in view are painted in one frame: the latest renderTime of those reported
        new PerformanceObserver((list, observer) => {
          const times = list.getEntries().filter(e => e.identifier === 'embed-list').map(e => e.renderTime);
          if (times.length) { observer.disconnect(); resolve(['list', Math.max(...times)]); }
        }).observe({type: 'element', buffered: true});
      } catch (e) { resolve(['none', null]); }
      setTimeout(() => resolve(['none', null]), 2000);
    })"""


# When the chart's drawn first frame (serving/first_frame.py: a picture of the chart in the HTML, `.embed-frame`,
# removed by embed-page.js once plotly.js has drawn) is first seen painted: checked at every animation frame by an
# init script, so nothing is injected into the page while it loads.
FRAME_PROBE_JS = """(function () {
  if (window.top !== window) { return; }
  var tick = function () {
    var hit = document.querySelector('.embed-frame .choroplethlocation, .embed-frame path');
    if (hit && hit.getClientRects().length) { window.__embedFramePaintedAt = performance.now(); return; }
    if (!document.documentElement.hasAttribute('data-embed-drawn')) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();"""


def load(browser, url: str, *, reference: str = "") -> tuple[str, float | None, float, list[str], float | None]:
    """(what was timed: "chart", "list" or "none"; seconds to it (the live chart); bytes on the wire; URLs
    fetched; seconds to the drawn first frame painted, None without one) of one cold load."""
    context = browser.new_context(viewport={"width": 800, "height": 450},
                                  extra_http_headers={"X-Bench-Reference": reference} if reference else {})
    context.add_init_script(FRAME_PROBE_JS)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=30_000)
        kind, drawn = page.evaluate(DRAWN_JS)
        frame = page.evaluate("() => window.__embedFramePaintedAt === undefined ? null : window.__embedFramePaintedAt")
        page.wait_for_timeout(200)  # late resources (the map's outlines) counted too
        size = page.evaluate(BYTES_JS)
        return (kind, None if drawn is None else drawn / 1000, size, page.evaluate(URLS_JS),
                None if frame is None else frame / 1000)
    finally:
        context.close()


def seconds(kind: str, values: list[float | None], width: int) -> str:
    """A median in seconds, marked when it is not a chart's; "no chart" when nothing was timed."""
    if kind == "none" or any(v is None for v in values):
        return f"{'no chart':>{width + 2}}"
    mark = " (list)" if kind == "list" else ""
    return f"{statistics.median(values):>{width - len(mark)}.3f} s{mark}"


def loadavg() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def bench_embeds(url: str, runs: int, reference: str = REFERENCES[0]) -> None:
    print(f"load average before: {loadavg()}; time reference: {reference}")
    print("first chart: the first painted chart, the drawn first frame's where the embed has one (the goal's "
          "figure); live: plotly.js' chart drawn (the one the reader can use)")
    width = max(22, *(len(path) + 2 for path in EMBEDS))
    print(f"{'embed':<{width}}{'first load (compressed)':>24}{'goal':>10}{'uncompressed':>14}{'ratio':>7}"
          f"{'first chart, median':>21}{'goal':>9}{'live, median':>16}{'reference':>16}{'ratio':>7}"
          f"{'load 1/5/15':>18}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True,
                                             args=CHROMIUM_ARGS + OFFLINE_ARGS)
        try:
            for path in EMBEDS:
                sizes, times, refs, urls, frames, kind = [], [], [], [], [], "none"
                for _ in range(runs):  # alternating, so both see the same machine load
                    kind, drawn, size, fetched, frame = load(browser, url + path)
                    times.append(drawn)
                    frames.append(frame)
                    sizes.append(size)
                    urls = urls or fetched
                    if reference != "none":
                        refs.append(load(browser, url + path, reference=reference)[1])
                raw = identity_bytes(urls)
                timed = kind != "none" and None not in times + refs and bool(refs)
                # the first painted chart: the frame's in the loads that painted one, else the live chart's
                first = [f if f is not None else t for f, t in zip(frames, times)]
                framed = sum(f is not None for f in frames)
                ratio = f"{statistics.median(first) / statistics.median(refs):>6.2f}x" if timed else f"{'':>7}"
                print(f"{path:<{width}}{sizes[0] / 1e6:>21.3f} MB{'≤ 0.7 MB':>10}{raw / 1e6:>11.3f} MB"
                      f"{sizes[0] / raw:>6.2f}x{seconds(kind, first, 19)}{'≤ 0.5 s':>9}{seconds(kind, times, 14)}"
                      f"{seconds(kind, refs, 14) if refs else f'{chr(8212):>16}'}{ratio}{loadavg():>18}"
                      + (f"  (drawn frame in {framed} of {runs} loads)" if framed else ""))
        finally:
            browser.close()
    print(f"load average after: {loadavg()}")


def bench_images(url: str) -> None:
    print(f"\n{'static image':<28}{'cold':>9}{'cached':>9}{'bytes':>10}")
    for i, path in enumerate(IMAGES):
        query = f"?bench={time.time_ns()}-{i}"  # a query never asked before: a cold render
        start = time.perf_counter()
        status, body = http_get(url + path + query, timeout=60)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        http_get(url + path + query, timeout=60)
        cached = time.perf_counter() - start
        print(f"{path:<28}{cold:>8.2f}s{cached:>8.3f}s{len(body):>10}" + ("" if status == 200 else f"  HTTP {status}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-images", action="store_true")
    parser.add_argument("--only", nargs="+", metavar="PATH",
                        help="these embeds only, each with its query string if any (e.g. '/embed/map?lang=ru')")
    parser.add_argument("--donors", action="store_true", help="the embeds donors use (DONOR_EMBEDS)")
    parser.add_argument("--reference", choices=REFERENCES, default=REFERENCES[0],
                        help="the naive load timed beside each embed (see the module's docstring)")
    args = parser.parse_args(argv)
    if args.only or args.donors:
        EMBEDS[:] = [*(DONOR_EMBEDS if args.donors else []), *(args.only or [])]
    if args.url:
        bench_embeds(args.url.rstrip("/"), args.runs, args.reference)
        if not args.no_images:
            bench_images(args.url.rstrip("/"))
        return 0
    with start_app_server() as server:
        time.sleep(3)  # the bundle's one-off brotli compression at start-up (a thread) is done
        bench_embeds(server.url, args.runs, args.reference)
        if not args.no_images:
            bench_images(server.url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
