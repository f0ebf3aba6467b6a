"""Where the time to the first painted map goes: the page's main-thread work, from a Chromium trace of cold loads.

    python -m bench.profile_page [--url http://127.0.0.1:8050] [--path /map] [--runs 5]

bench_page.py says *when* the map paints; this says *what the main thread did* until then, so a change can be
judged on a shared machine: wall-clock time moves with other people's work, the thread's CPU time much less.
Each load (fresh browser context, cold cache, CDP tracing of `devtools.timeline` and `v8.execute`) reports:

- wall and main-thread CPU from navigation start to DOMContentLoaded and from there to the painted map
  (the first frame with the live map's paths shown, bench_page.MAP_SELECTOR, no drawn first frame over them);
- the CPU by kind of work over the same span, as self time of the trace's events (an event's thread time minus
  that of the events inside it): `script <file>` is a script's first evaluation (compile included),
  `call <file>` the JavaScript run later from a function of that file: tasks, timers, promise callbacks,
  so `call first-page.js` is the plotly.js build it triggers, `call react-dom` the renderer's React work and
  whatever runs in React's commit (dcc.Graph handing the figure to plotly.js: the map's draw),
  `call react` the React scheduler's time slices; `promise callbacks` JavaScript run from promise reactions
  outside any of those (the map's draw, once dcc.Graph has its figure and plotly.js its geometry); then style,
  layout, paint, HTML parsing, garbage collection, and the browser's own work between them ("other");
- the CPU of every other thread of the page's renderer and of the GPU process over the same span (raster, script
  streaming, compositing): on two cores it is time the main thread may wait for.

Prints the median over the loads of each figure, and the load average (figures are for comparing two versions
measured alike, not absolute). Starts `python app.py` on a free port unless --url is given. Asserts nothing.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

import bench  # noqa: E402,F401 - CAMR_BENCH_NOOP=1 for the server started here
from bench.bench_page import (MAP_SELECTOR, OFFLINE_ARGS, _loadavg, goto_painted, run_against, viewport_arg,  # noqa: E402
                              watch_paint)
from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH, VIEWPORT  # noqa: E402

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "loading",
              "toplevel"]
KINDS = {"EvaluateScript": "script", "FunctionCall": "call", "ParseHTML": "parse HTML",
         "ParseAuthorStyleSheet": "parse CSS", "UpdateLayoutTree": "style", "Layout": "layout",
         "Paint": "paint", "PrePaint": "paint", "MinorGC": "GC", "MajorGC": "GC", "V8.GC_SCAVENGER": "GC",
         "RunMicrotasks": "promise callbacks", "TimerFire": "timers", "FireAnimationFrame": "animation frames",
         "EventDispatch": "DOM events"}
# Any other event's self time (a task's own work outside the events above, e.g. loading, IPC) counts as "other".


def _file(url: str) -> str:
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    return re.sub(r"(@\d+)?\.v[0-9a-f]+m\d+(\.\d+)*", "", name).replace(".min.js", ".js") or "(inline)"


def trace_load(browser, url: str, timeout_ms: float = 60_000, viewport: dict = VIEWPORT) -> dict | None:
    context = browser.new_context(viewport=viewport, extra_http_headers={"Accept-Encoding": "gzip, br"})
    watch_paint(context, MAP_SELECTOR)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    events: list[dict] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda p: events.extend(p["value"]))
    cdp.on("Tracing.tracingComplete", lambda p: done.append(True))
    cdp.send("Tracing.start", {"traceConfig": {"includedCategories": CATEGORIES}, "transferMode": "ReportEvents"})
    try:
        _, seen = goto_painted(page, url, timeout_ms)
        if seen is None:
            return None  # not painted in time: the load is left out
        painted = seen["live"]  # the live map: what the main thread's work leads to (a drawn frame is earlier)
        if painted is None:
            return None
        dcl = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    finally:
        cdp.send("Tracing.end")
        while not done:
            page.wait_for_timeout(50)
        context.close()
    starts = [e for e in events if e.get("name") == "navigationStart"
              and ((e.get("args") or {}).get("data") or {}).get("documentLoaderURL", "").startswith(url)]
    if not starts:
        return None  # the trace missed the navigation (rare): the load is left out
    nav = starts[-1]
    thread, t0 = (nav["pid"], nav["tid"]), nav["ts"]
    spans = sorted((e for e in events if (e.get("pid"), e.get("tid")) == thread and e.get("ph") == "X"
                    and "tdur" in e), key=lambda e: (e["ts"], -e.get("dur", 0)))
    out = {"painted": painted, "dcl": dcl, "wall": {}, "cpu": defaultdict(float), "kinds": defaultdict(float)}
    stack: list[dict] = []
    for event in spans:  # self time: an event's thread time minus that of the events nested in it
        start = (event["ts"] - t0) / 1000
        while stack and event["ts"] >= stack[-1]["ts"] + stack[-1].get("dur", 0):
            stack.pop()
        if stack:
            stack[-1]["_child"] = stack[-1].get("_child", 0) + event["tdur"]
        else:  # a top-level task: counts toward its phase
            if 0 <= start <= painted:
                out["cpu"]["to DOMContentLoaded" if start < dcl else "DOMContentLoaded to paint"] += event["tdur"] / 1000
        event["_start"] = start
        stack.append(event)
    for event in spans:
        if not 0 <= event["_start"] <= painted:
            continue
        kind = KINDS.get(event["name"], "other")
        data = (event.get("args") or {}).get("data") or {}
        if kind in ("script", "call"):
            kind = f"{kind} {_file(data.get('url', ''))}"
        out["kinds"][kind] += (event["tdur"] - event.get("_child", 0)) / 1000
    out["wall"] = {"to DOMContentLoaded": dcl, "DOMContentLoaded to paint": painted - dcl}
    out["threads"] = thread_cpu(events, t0, painted)
    return out


def thread_cpu(events: list[dict], t0: float, until_ms: float) -> dict[str, float]:
    """CPU (ms) of every traced thread's top-level tasks from navigation start to `until_ms`, by process and thread
    name ("Renderer: CrRendererMain" the main thread, "Renderer: ThreadPoolForegroundWorker" script streaming and
    raster, "Renderer: Compositor", "GPU Process: VizCompositorThread" the display compositor): the page's work off
    the main thread competes for the same cores."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
             if e.get("ph") == "M" and e.get("name") == "thread_name"}
    processes = {e["pid"]: e["args"]["name"] for e in events if e.get("ph") == "M" and e.get("name") == "process_name"}
    end = t0 + until_ms * 1000
    by_thread: dict[tuple, list[dict]] = defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "tdur" in e and t0 <= e["ts"] <= end:
            by_thread[(e["pid"], e["tid"])].append(e)
    out: dict[str, float] = defaultdict(float)
    for key, spans in by_thread.items():
        covered = -1
        name = f"{processes.get(key[0], '?')}: {re.sub(r'[0-9/ ]+$', '', names.get(key, '?'))}"
        for e in sorted(spans, key=lambda e: (e["ts"], -e.get("dur", 0))):
            if e["ts"] >= covered:  # a top-level task (nested events are inside its time)
                out[name] += e["tdur"] / 1000
                covered = e["ts"] + e.get("dur", 0)
    return dict(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server; default: start `python app.py` on a free port")
    ap.add_argument("--path", default="/map")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--viewport", type=viewport_arg, default=VIEWPORT, help="the window, WIDTHxHEIGHT")
    args = ap.parse_args(argv)

    def run(base: str) -> None:
        url = base.rstrip("/") + "/" + args.path.lstrip("/")
        print(f"# {url}: main-thread work to the first painted map, median of {args.runs} cold loads; "
              f"viewport {args.viewport['width']}x{args.viewport['height']}, load average before {_loadavg()}")
        loads = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, headless=True,
                                         args=CHROMIUM_ARGS + OFFLINE_ARGS)
            try:
                for _ in range(args.runs):
                    result = trace_load(browser, url, viewport=args.viewport)
                    if result:
                        loads.append(result)
            finally:
                browser.close()
        if not loads:
            print("no load could be traced")
            return
        med = lambda values: statistics.median(values) if values else 0.0  # noqa: E731
        print(f"painted {med([ld['painted'] for ld in loads]):,.0f} ms, DOMContentLoaded "
              f"{med([ld['dcl'] for ld in loads]):,.0f} ms ({len(loads)} loads traced)")
        for phase in ("to DOMContentLoaded", "DOMContentLoaded to paint"):
            print(f"  {phase:<26} wall {med([ld['wall'][phase] for ld in loads]):6,.0f} ms   main-thread CPU "
                  f"{med([ld['cpu'][phase] for ld in loads]):6,.0f} ms")
        kinds = sorted({k for ld in loads for k in ld["kinds"]},
                       key=lambda k: -med([ld["kinds"].get(k, 0.0) for ld in loads]))
        print("  CPU by kind of work, navigation start to paint (self time, ms):")
        for kind in kinds:
            value = med([ld["kinds"].get(kind, 0.0) for ld in loads])
            if value >= 1.0:
                print(f"    {value:7,.1f}  {kind}")
        threads = sorted({k for ld in loads for k in ld["threads"]}, key=lambda k: -med([ld["threads"].get(k, 0.0)
                                                                                       for ld in loads]))
        print("  CPU by thread, navigation start to paint (top-level tasks, ms; the browser's own threads left out):")
        for name in threads:
            value = med([ld["threads"].get(name, 0.0) for ld in loads])
            if value >= 5.0 and not name.startswith("Browser"):
                print(f"    {value:7,.1f}  {name}")
        print(f"# load average after: {_loadavg()}")

    return run_against(run, args.url)


if __name__ == "__main__":
    raise SystemExit(main())
