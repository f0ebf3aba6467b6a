"""Two versions' embeds side by side: cold loads alternating between a server started from each checkout.

    git worktree add --detach /work/wt/old <commit>
    python -m bench.compare_embeds /work/wt/old [other checkout, default: this one] [--runs 8] [--only /embed/map]

bench_embed.py times each embed against a naive reference inside one version; a regression between two versions
needs both versions in one run, on a machine whose load moves under it (2 cores shared). For each embed this
starts `python app.py` from each checkout (both with this venv's Python), then alternates cold loads between them
(fresh browser context each, the order swapped every round, so both see the same load), and prints per version:

- the first chart drawn (`window.__embedDrawnAt`, as bench_embed.py) and DOMContentLoaded, medians, each load listed,
  and, where the page carries a drawn first frame (serving/first_frame.py), when that was painted;
- the main-thread CPU from navigation start to the drawn chart (a Chromium trace, bench/profile_page.py's
  accounting) and its split by kind of work — what the machine's load moves least;
- the server's CPU per load (every request the first load made, sent again over HTTP with Chromium's
  Accept-Encoding; the server process's user+system time), and whether both versions send the same bytes and
  headers (Date and the per-version `?m=` asset stamps aside).
Each figure with the load average beside it. Asserts nothing; stops both servers.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

import bench  # noqa: E402,F401 - CAMR_BENCH_NOOP=1 for the servers started here
import bench.profile_page as profile_page  # noqa: E402
from bench.bench_embed import EMBEDS, OFFLINE_ARGS, URLS_JS, load  # noqa: E402
from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402
from tests.support.server import REPO_ROOT, _OPENER, start_app_server  # noqa: E402

ACCEPT = "gzip, deflate, br, zstd"  # what Chromium sends
DRAWN_SELECTOR = "html[data-embed-drawn]"  # embed-page.js sets it once plotly.js has drawn
IGNORED_HEADERS = {"date", "etag"}  # an ETag changes with the page's asset stamps (below)
STAMP = re.compile(rb"\?m=[0-9.]+")  # Dash's asset URLs carry the file's mtime: differs between checkouts


def loadavg() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def process_cpu(pid: int) -> float:
    """User + system seconds of the process (the server: `python app.py`, all its threads)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fetch(url: str) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": ACCEPT})
    with _OPENER.open(request, timeout=30) as response:
        return response.read(), {k.lower(): v for k, v in response.headers.items()
                                 if k.lower() not in IGNORED_HEADERS}


def urls_of_first_load(browser, base: str, path: str) -> list[str]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        page.wait_for_selector(DRAWN_SELECTOR, state="attached", timeout=30_000)
        page.wait_for_timeout(300)  # the map's outlines, fetched late
        return [u[len(base):] for u in page.evaluate(URLS_JS) if u.startswith(base)]
    finally:
        context.close()


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def compare(checkouts: list[Path], paths: list[str], runs: int) -> None:
    names = [c.name or str(c) for c in checkouts]
    profile_page.MAP_SELECTOR = DRAWN_SELECTOR  # trace_load's end: the drawn chart, not the app's map
    with ExitStack() as stack:
        # no precomputed callback answers: an embed sends no callback, and each server starts in seconds
        servers = [stack.enter_context(start_app_server(cwd=c, argv=[sys.executable, "app.py"],
                                                        env={"CAMR_PRECOMPUTE": "0"})) for c in checkouts]
        time.sleep(3)  # one-off compression at start-up done
        print(f"# {' vs '.join(names)}; {runs} alternating cold loads each; load average {loadavg()} (1/5/15 min)")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True,
                                                 args=CHROMIUM_ARGS + OFFLINE_ARGS)
            try:
                for path in paths:
                    compare_one(browser, names, servers, path, runs)
            finally:
                browser.close()
        print(f"# load average at the end {loadavg()}")


def compare_one(browser, names, servers, path: str, runs: int) -> None:
    drawn = {n: [] for n in names}
    frames = {n: [] for n in names}  # the drawn first frame painted (serving/first_frame.py), where the page has one
    traced = {n: [] for n in names}
    for i in range(runs):
        order = list(zip(names, servers))[:: -1 if i % 2 else 1]
        for name, server in order:
            kind, seconds, _bytes, _urls, frame = load(browser, server.url + path)
            drawn[name].append(seconds * 1000 if seconds is not None else float("nan"))
            if frame is not None:
                frames[name].append(frame * 1000)
        for name, server in order:
            result = profile_page.trace_load(browser, server.url + path)
            if result:
                traced[name].append(result)
    print(f"{path}  (load average {loadavg()})")
    for name in names:
        loads, tr = drawn[name], traced[name]
        cpu = [sum(r["cpu"].values()) for r in tr]
        print(f"  {name:<12} first chart {med(loads):6.0f} ms [{' '.join(f'{x:.0f}' for x in loads)}]; "
              f"DOMContentLoaded {med([r['dcl'] for r in tr]):5.0f} ms; main-thread CPU {med(cpu):6.1f} ms "
              f"[{' '.join(f'{x:.0f}' for x in cpu)}]")
        if frames[name]:
            print(f"      drawn first frame painted {med(frames[name]):5.0f} ms in {len(frames[name])} of {len(loads)} "
                  f"loads [{' '.join(f'{x:.0f}' for x in frames[name])}] (the first chart above is plotly.js' own)")
        kinds = sorted({k for r in tr for k in r["kinds"]}, key=lambda k: -med([r["kinds"].get(k, 0.0) for r in tr]))
        print("      " + ", ".join(f"{k} {med([r['kinds'].get(k, 0.0) for r in tr]):.1f}" for k in kinds[:8]))
    # the server's side: the same requests, their CPU and what they send
    urls = {name: urls_of_first_load(browser, server.url, path) for name, server in zip(names, servers)}
    cpu = {n: [] for n in names}
    sent = {}
    for i in range(max(20, runs * 4)):
        for name, server in list(zip(names, servers))[:: -1 if i % 2 else 1]:
            before = process_cpu(server.proc.pid)
            for url in urls[name]:
                body, headers = fetch(server.url + url)
                sent.setdefault(name, {})[STAMP.sub(b"", url.encode())] = (STAMP.sub(b"", body), headers)
            cpu[name].append((process_cpu(server.proc.pid) - before) * 1000)
    same = len({repr(sorted(v.items())) for v in sent.values()}) == 1
    print(f"  server CPU per first load: " + "; ".join(f"{n} {statistics.mean(cpu[n]):.1f} ms" for n in names)
          + f" ({len(urls[names[0]])} requests; load average {loadavg()}); bytes and headers sent "
          + ("the same" if same else "DIFFER"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, help="a checkout (e.g. a detached worktree of the older commit)")
    ap.add_argument("new", type=Path, nargs="?", default=REPO_ROOT, help="another checkout (default: this one)")
    ap.add_argument("--runs", type=int, default=8)
    ap.add_argument("--only", nargs="+", metavar="PATH", help="these embeds only (default: every chart embed)")
    args = ap.parse_args(argv)
    paths = args.only or [p for p in EMBEDS if p != "/embed/key-figures"]  # key figures: no chart to time
    compare([args.old.resolve(), args.new.resolve()], paths, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
