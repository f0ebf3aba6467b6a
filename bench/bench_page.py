"""Page weight and time to first painted map, in headless Chromium (/usr/bin/chromium) against the real app.

    python -m bench.bench_page [--url http://127.0.0.1:8050] [--path /map] [--runs 5] [--selector CSS] [--viewport WxH]

Goals (issue #14): first painted map <= 0.6 s median of 5 cold loads and <= 2x that load's DOMContentLoaded.
The first painted map is the drawn first frame's when the page carries one (serving/first_frame.py: a static
picture of the page, in the HTML), else the live one; the live (interactive) map, shown once plotly.js has drawn
it and the frame is gone, is printed beside it. Beside each figure: the goal, and two references measured in the
same run, alternating with the real loads: the page rendered by the router callback after the renderer has started
(the app before the first view came with the HTML; `X-Bench-Reference: router`), and today's page without its
drawn frame (`X-Bench-Reference: no-frame`), with the ratios (the server honours the header only when started
with CAMR_BENCH_NOOP=1). The first load's bytes say what the frame adds to the HTML as sent. Static files: their bytes as served to a brotli, a gzip-only and an identity client, and what a second
visit (warm cache) still asks the server for.

Without --url it starts `python app.py` on a free port (tests/support/server.py, as the browser tests do).
Each load uses a fresh browser context (cold cache) and sends `Accept-Encoding: gzip, br`. Reports, for the
first load, the bytes on the wire (Resource Timing transferSize/encodedBodySize, and the sum of Content-Length
of the response events as a cross-check), by resource type and the largest files; and over all loads the
median time from navigation start to the first frame in which a map has painted (--frame-selector for the drawn
frame's, --selector for the live one) and to the live map shown, plus
DOMContentLoaded and load, and the medians of the phases in between (scripts fetched, DOMContentLoaded, first
callback request sent / answered, plotly.js requested, painted) so a slow figure says where the time went.
The machine's load average is printed before and after: on a shared 2-core machine wall-clock figures move
with other people's work, so read them next to it. Off-host requests are made impossible (every other host
name fails to resolve) and counted. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):  # `python bench/bench_page.py`: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Error as PlaywrightError, sync_playwright  # noqa: E402

from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH, VIEWPORT, is_on_host  # noqa: E402
import bench  # noqa: E402,F401 - sets CAMR_BENCH_NOOP=1 for the server started here
from tests.support.server import _OPENER, start_app_server  # noqa: E402

# The live map (plotly.js' countries in the Dash page) and the drawn first frame's picture of it
# (serving/first_frame.py: `.camr-frame`, removed by assets/first-page.js once the live map has drawn). A map counts
# as painted when it has a box and is visible: the live page is laid out, hidden, under the frame until then.
MAP_SELECTOR = "#react-entry-point .js-plotly-plot .choroplethlocation, #react-entry-point .js-plotly-plot .geo path"
FRAME_SELECTOR = ".camr-frame .choroplethlocation"
# Name resolution fails for every host but the local ones: nothing can leave the machine, and no request
# interception (page.route) distorts the timings.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]

# The page records its own first painted map: an init script checks the selectors at every animation frame (as
# Playwright's wait_for_function(polling="raf") did) and reports the times in console messages: `painted` for the
# first map seen, the frame's or the live one (which of them is said), `live` for the live map seen with no frame
# left over it (the page the user can use). Playwright thus injects nothing into the page before the paint: its
# helper script (~330 KB), which wait_for_function compiles and runs on the page's main thread, used to land in the
# middle of the load being measured.
PAINTED_PREFIX = "camr-bench:"
_PAINT_PROBE_JS = """(function (liveSelector, frameSelector, prefix) {
  if (window.top !== window) { return; }
  var painted = false;
  var shown = function (selector) {
    var hits = document.querySelectorAll(selector);
    if (!hits.length || !hits[0].getClientRects().length || getComputedStyle(hits[0]).visibility !== 'visible') return 0;
    return hits.length;
  };
  var tick = function () {
    var live = shown(liveSelector);
    if (!painted) {
      var n = live || shown(frameSelector);
      if (n) {
        painted = true;
        console.debug(prefix + 'painted ' + performance.now() + ' ' + n + ' ' + (live ? 'live' : 'frame'));
      }
    }
    if (live && !document.querySelector('.camr-frame')) {
      console.debug(prefix + 'live ' + performance.now() + ' ' + live);
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})(%s, %s, %s);"""


def watch_paint(context, selector: str = MAP_SELECTOR, frame_selector: str = FRAME_SELECTOR) -> None:
    """Every page of `context` reports when a map is first painted and when the live one is (see goto_painted)."""
    context.add_init_script(_PAINT_PROBE_JS % (json.dumps(selector), json.dumps(frame_selector),
                                               json.dumps(PAINTED_PREFIX)))


def goto_painted(page, url: str, timeout_ms: float):
    """Navigate (wait_until="commit") and wait for the page's paint reports: (response, {"t": ms from navigation
    start to the first painted map, "kind": "frame" or "live", "n": elements matched, "live": ms to the live map
    shown, or None} or None if no map was painted within timeout_ms). The context must be watched (watch_paint);
    the wait polls from Python (page.wait_for_timeout), so nothing runs in the page meanwhile."""
    reports: dict[str, list[str]] = {}

    def on_console(message) -> None:
        if message.text.startswith(PAINTED_PREFIX):
            kind, _, rest = message.text[len(PAINTED_PREFIX):].partition(" ")
            reports.setdefault(kind, rest.split())

    page.on("console", on_console)
    try:
        response = page.goto(url, wait_until="commit", timeout=timeout_ms)
        deadline = time.monotonic() + timeout_ms / 1000
        while "live" not in reports and time.monotonic() < deadline:
            page.wait_for_timeout(20)
    finally:
        page.remove_listener("console", on_console)
    if "painted" not in reports:
        return response, None
    t, n, kind = reports["painted"]
    return response, {"t": float(t), "n": int(n), "kind": kind,
                      "live": float(reports["live"][0]) if "live" in reports else None}


_TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const rows = [nav, ...performance.getEntriesByType('resource')].filter(Boolean).map(e => ({
    url: e.name, type: e.entryType === 'navigation' ? 'document' : e.initiatorType,
    transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize}));
  const all = performance.getEntriesByType('resource');
  const first = part => all.find(e => e.name.includes(part));
  const update = first('/_dash-update-component');
  const plotly = all.find(e => /plotly[^/]*\.js/.test(e.name));
  const scripts = all.filter(e => (e.initiatorType === 'script' || e.initiatorType === 'link')
                                  && (!nav || e.startTime < nav.domContentLoadedEventStart));
  const phases = {
    'static scripts/css fetched': scripts.length ? Math.max(...scripts.map(e => e.responseEnd)) : null,
    'DOMContentLoaded': nav ? nav.domContentLoadedEventEnd : null,
    'first callback sent': update ? update.startTime : null,
    'first callback answered': update ? update.responseEnd : null,
    'plotly.js requested': plotly ? plotly.startTime : null,
  };
  return {rows, phases, dcl: nav ? nav.domContentLoadedEventEnd : null, load: nav ? nav.loadEventEnd : null};
}"""


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"


def _loadavg() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1/5/15 min)"
    except OSError:
        return "n/a"


GOAL_PAINT_MS, GOAL_PAINT_PER_DCL = 600, 2.0
_REVISIT_JS = """() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
  .filter(e => e.transferSize > 0).map(e => e.name)"""


def viewport_arg(text: str) -> dict:
    """`--viewport 1920x1080` → {"width": 1920, "height": 1080} (the window's inner size)."""
    match = re.fullmatch(r"\s*(\d{3,4})\s*[x×]\s*(\d{3,4})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not WIDTHxHEIGHT: {text!r}")
    return {"width": int(match.group(1)), "height": int(match.group(2))}


def load_once(browser, url: str, selector: str, timeout_ms: float, *, reference: str = "",
              frame_selector: str = FRAME_SELECTOR, revisit: bool = False, viewport: dict = VIEWPORT) -> dict:
    """One cold load. `reference`: the X-Bench-Reference asked for ("router": the page from the router round trip,
    as before the first view came in the HTML; "no-frame": today's page without its drawn first frame)."""
    headers = {"Accept-Encoding": "gzip, br", **({"X-Bench-Reference": reference} if reference else {})}
    context = browser.new_context(viewport=viewport, extra_http_headers=headers)
    context.add_init_script("performance.setResourceTimingBufferSize(5000)")
    watch_paint(context, selector, frame_selector)
    page = context.new_page()
    responses: list[dict] = []
    offhost: list[str] = []
    page.on("request", lambda r: None if is_on_host(r.url) else offhost.append(r.url))
    page.on("response", lambda r: responses.append({
        "url": r.url, "status": r.status, "length": r.headers.get("content-length"),
        "encoding": r.headers.get("content-encoding", "")}))
    result: dict = {"offhost": offhost, "responses": responses}
    try:
        nav, result["painted"] = goto_painted(page, url, timeout_ms)
        result["status"] = nav.status if nav else None
        try:
            page.wait_for_load_state("networkidle", timeout=15_000)
        except PlaywrightError:
            pass
        result.update(page.evaluate(_TIMING_JS))
        if revisit:  # the same URL again in the same browser context: what still goes to the server
            goto_painted(page, url, timeout_ms)
            try:
                page.wait_for_load_state("networkidle", timeout=15_000)
            except PlaywrightError:
                pass
            result["revisit"] = page.evaluate(_REVISIT_JS)
    finally:
        context.close()
    return result


def _median(values):
    return statistics.median(values) if values else float("nan")


def report_paint(loads: list[dict], refs: list[dict], selector: str, timeout_s: float,
                 bare: list[dict] | None = None) -> None:
    """The first painted map (the drawn frame's when the page has one: what the user sees first) is the goal's
    figure; the live map, the one the user can use, is printed beside it, so neither is mistaken for the other."""
    def times(group, what):
        return [ld["painted"][what] for ld in group if ld.get("painted") and ld["painted"].get(what) is not None]

    painted, live = times(loads, "t"), times(loads, "live")
    ref_painted, ref_live = times(refs, "t"), times(refs, "live")
    per_dcl = [ld["painted"]["t"] / ld["dcl"] for ld in loads if ld.get("painted") and ld.get("dcl")]
    ref_per_dcl = [ld["painted"]["t"] / ld["dcl"] for ld in refs if ld.get("painted") and ld.get("dcl")]
    kinds = sorted({ld["painted"]["kind"] for ld in loads if ld.get("painted")})
    if painted:
        shapes = loads[0]["painted"]["n"] if loads[0].get("painted") else "?"
        print(f"time to first painted map ({' or '.join(kinds)}): median {_median(painted):,.0f} ms over "
              f"{len(painted)} loads [{', '.join(f'{t:,.0f}' for t in painted)}] (goal <= {GOAL_PAINT_MS} ms; "
              f"{shapes} elements matched)")
    if live:
        print(f"  live (interactive) map shown: median {_median(live):,.0f} ms "
              f"[{', '.join(f'{t:,.0f}' for t in live)}] ({selector!r}, no drawn frame left over it)")
    if ref_painted:
        print(f"  reference, page from the router round trip (no drawn frame): median {_median(ref_painted):,.0f} ms "
              f"[{', '.join(f'{t:,.0f}' for t in ref_painted)}]; ratio {_median(painted) / _median(ref_painted):.2f}x"
              + (f"; live map {_median(ref_live):,.0f} ms, ratio {_median(live) / _median(ref_live):.2f}x"
                 if live and ref_live else ""))
    bare_painted, bare_live = times(bare or [], "t"), times(bare or [], "live")
    if bare_painted:
        print(f"  reference, the same page without its drawn frame: first painted map (live) median "
              f"{_median(bare_painted):,.0f} ms [{', '.join(f'{t:,.0f}' for t in bare_painted)}]; ratio "
              f"{_median(painted) / _median(bare_painted):.2f}x"
              + (f"; live map with the frame / without: {_median(live) / _median(bare_live):.2f}x"
                 if live and bare_live else ""))
    if per_dcl:
        print(f"painted / DOMContentLoaded of the same load: median {_median(per_dcl):.2f}x (goal <= "
              f"{GOAL_PAINT_PER_DCL:.0f}x); reference {_median(ref_per_dcl):.2f}x")
    for name, group in (("", loads), ("reference ", refs)):
        missing = sum(1 for ld in group if not ld.get("painted"))
        if missing:
            print(f"{name}map NOT painted within {timeout_s:.0f} s in {missing} of {len(group)} loads")
        no_live = sum(1 for ld in group if ld.get("painted") and ld["painted"].get("live") is None)
        if no_live:
            print(f"{name}live map NOT shown within {timeout_s:.0f} s in {no_live} of {len(group)} loads")


def _fetch(url: str, encoding: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with _OPENER.open(request, timeout=30) as response:
        return len(response.read()), {k.lower(): v for k, v in response.headers.items()}


def report_static(base: str, first: dict) -> None:
    """The first load's static files fetched again for three kinds of client: bytes, encodings, cache rule."""
    urls = [r["url"] for r in first["rows"] if r["type"] != "document" and urlsplit(r["url"]).netloc
            == urlsplit(base).netloc and not urlsplit(r["url"]).path.startswith(("/_dash-layout", "/_dash-dep",
                                                                                 "/_dash-update", "/_favicon"))]
    totals = {}
    encodings: dict[str, defaultdict] = {}
    immutable = 0
    for accept in ("br, gzip", "gzip", "identity"):
        totals[accept] = 0
        encodings[accept] = defaultdict(int)
        for url in urls:
            size, headers = _fetch(url, accept)
            totals[accept] += size
            encodings[accept][headers.get("content-encoding", "identity")] += 1
            if accept == "identity" and "immutable" in headers.get("cache-control", ""):
                immutable += 1
    raw = totals["identity"] or 1
    print(f"static files of the first load ({len(urls)}), bytes as sent:")
    for accept, label in (("br, gzip", "brotli client"), ("gzip", "gzip-only client"), ("identity", "identity")):
        print(f"  {label:<17} {_kb(totals[accept]):>12}  {totals[accept] / raw:5.2f}x of uncompressed  encodings: "
              + ", ".join(f"{k} {v}" for k, v in sorted(encodings[accept].items())))
    print(f"  cached as immutable for a year: {immutable} of {len(urls)} (goal: every versioned URL)")


def report_revisit(load: dict) -> None:
    urls = load.get("revisit")
    if urls is None:
        return
    first = sum(1 for r in load["rows"] if r["transfer"] > 0)
    print(f"second visit, warm cache: {len(urls)} requests reached the server (first visit {first}; ratio "
          f"{len(urls) / max(first, 1):.2f}x; goal: the page, its layout and callbacks, un-versioned files only):")
    for url in urls:
        print(f"    {urlsplit(url).path}{'?' + urlsplit(url).query if urlsplit(url).query else ''}")


def report_bytes(first: dict, bare: dict | None = None) -> None:
    rows = first["rows"]
    transfer = sum(r["transfer"] for r in rows)
    encoded = sum(r["encoded"] for r in rows)
    decoded = sum(r["decoded"] for r in rows)
    print(f"first load: {len(rows)} resources, {transfer:,} B transferred ({_kb(transfer)}; bodies "
          f"{encoded:,} B compressed, {decoded:,} B decoded)")
    if bare is not None:
        doc = next((r for r in rows if r["type"] == "document"), None)
        bare_doc = next((r for r in bare["rows"] if r["type"] == "document"), None)
        if doc and bare_doc:
            print(f"  the drawn first frame in the HTML: {doc['encoded'] - bare_doc['encoded']:+,} B compressed, "
                  f"{doc['decoded'] - bare_doc['decoded']:+,} B decoded (the page {_kb(doc['encoded'])} as sent, "
                  f"{_kb(bare_doc['encoded'])} without it)")
    with_length = [r for r in first["responses"] if r["length"] is not None]
    cl_sum = sum(int(r["length"]) for r in with_length)
    encodings = defaultdict(int)
    for r in first["responses"]:
        encodings[r["encoding"] or "identity"] += 1
    print(f"  Content-Length sum of response events: {cl_sum:,} B over {len(with_length)} of "
          f"{len(first['responses'])} responses; encodings: "
          + ", ".join(f"{k} {v}" for k, v in sorted(encodings.items())))
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in rows:
        agg = by_type[r["type"]]
        agg[0] += 1
        agg[1] += r["transfer"]
        agg[2] += r["decoded"]
    print("  by type: " + " | ".join(f"{t} {n}x {_kb(tr)} ({_kb(dec)} decoded)"
                                     for t, (n, tr, dec) in sorted(by_type.items(), key=lambda kv: -kv[1][1])))
    print("  largest:")
    for r in sorted(rows, key=lambda r: -r["transfer"])[:6]:
        path = urlsplit(r["url"]).path
        print(f"    {_kb(r['transfer']):>12} on the wire, {_kb(r['decoded']):>12} decoded  {path}")


def run_against(run, url: str | None) -> int:
    """`run(base_url)` against the server at `url`, or against a fresh `python app.py` started (and stopped) here."""
    if url:
        run(url)
    else:
        with start_app_server() as server:
            run(server.url)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server; default: start `python app.py` on a free port")
    ap.add_argument("--path", default="/map")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--selector", default=MAP_SELECTOR, help=f"live map CSS selector (default {MAP_SELECTOR!r})")
    ap.add_argument("--frame-selector", default=FRAME_SELECTOR,
                    help=f"drawn frame's map CSS selector (default {FRAME_SELECTOR!r})")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per load to wait for the map")
    ap.add_argument("--viewport", type=viewport_arg, default=VIEWPORT,
                    help=f"the window, WIDTHxHEIGHT (default {VIEWPORT['width']}x{VIEWPORT['height']}; "
                         "a wall projector: 1920x1080)")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM_PATH).exists():
        print(f"{CHROMIUM_PATH} not found: apt-get install chromium", file=sys.stderr)
        return 2

    def run(base: str) -> None:
        url = base.rstrip("/") + "/" + args.path.lstrip("/")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, headless=True,
                                         args=CHROMIUM_ARGS + OFFLINE_ARGS)
            print(f"# {url}  Chromium {browser.version}, viewport {args.viewport['width']}x{args.viewport['height']}, "
                  f"cold cache per load, Accept-Encoding: gzip, br")
            print(f"# machine: {os.cpu_count()} CPUs, load average before {_loadavg()}")
            loads, refs, bare = [], [], []
            try:
                for i in range(args.runs):  # alternating, so all see the same machine load
                    common = {"viewport": args.viewport}
                    loads.append(load_once(browser, url, args.selector, args.timeout * 1000, revisit=i == 0,
                                           frame_selector=args.frame_selector, **common))
                    refs.append(load_once(browser, url, args.selector, args.timeout * 1000, reference="router",
                                          **common))
                    bare.append(load_once(browser, url, args.selector, args.timeout * 1000, reference="no-frame",
                                          **common))
            finally:
                browser.close()
        first = loads[0]
        print(f"HTTP {first.get('status')} for {args.path}")
        report_bytes(first, bare[0])
        report_paint(loads, refs, args.selector, args.timeout, bare)
        phases: dict[str, list[float]] = defaultdict(list)
        for ld in loads:
            for name, t in (ld.get("phases") or {}).items():
                if t is not None:
                    phases[name].append(t)
            if ld.get("painted"):
                phases["map painted"].append(ld["painted"]["t"])
                if ld["painted"].get("live") is not None:
                    phases["live map shown"].append(ld["painted"]["live"])
        if phases:
            print("phases (median ms from navigation start): " + " | ".join(
                f"{name} {statistics.median(ts):,.0f}" for name, ts in sorted(phases.items(),
                                                                           key=lambda kv: statistics.median(kv[1]))))
        dcl = [ld["dcl"] for ld in loads if ld.get("dcl")]
        load = [ld["load"] for ld in loads if ld.get("load")]
        if dcl and load:
            print(f"DOMContentLoaded median {statistics.median(dcl):,.0f} ms (reference "
                  f"{_median([ld['dcl'] for ld in refs if ld.get('dcl')]):,.0f} ms), load event median "
                  f"{statistics.median(load):,.0f} ms")
        report_static(base, first)
        report_revisit(first)
        print(f"# load average after: {_loadavg()}")
        offhost = sorted({u for ld in loads + refs for u in ld["offhost"]})
        print(f"off-host requests attempted (all failed to resolve): {len(offhost)}"
              + "".join(f"\n    {u}" for u in offhost))

    return run_against(run, args.url)


if __name__ == "__main__":
    raise SystemExit(main())
