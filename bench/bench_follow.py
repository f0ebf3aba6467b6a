"""A visitor far from the default pages, with the baker following the visitors and without (serving/bake/).

    python -m bench.bench_follow [--pause 1.0] [--settle 8] [--only map|remittances|corridors] [--no-compare]

gunicorn with the repository's config (CAMR_BENCH_NOOP=1, answers precomputed at start-up, the baker on) twice:
CAMR_BAKE_FOLLOW=1 (a worker hints each selection it answers; the baker bakes what is one click from it first) and
CAMR_BAKE_FOLLOW=0 (the baker's own plan only: one and two changes from each default page, nearest first). Each
time, after --settle s (the workers up, the baker started), both no-op baselines, then one visitor per view
(bench/load_user.py: the requests Dash's renderer sends, with the values the page holds after each answer) walks
away from the default page — map: focus and years (Russian); remittances: sets of countries, measure, ranking year;
corridors: origins × years —, three or more changes from the default after the third click, --pause s between
clicks (someone at a wall projector, or reading a chart before the next click). Per click, each request the
renderer sends: how it was answered (X-Cache: precomputed, hit, baked or miss = built now) and its latency (a new
connection each, as gunicorn closes them) against the stored no-op, and the slowest one against itself sent again
five times (then stored in that worker: the map's goal is first ≤ 1.5× repeated); per view, how many clicks had
every request stored, and the median and slowest ratios. The baker runs only on idle CPU: on a busy machine it may
not be done with a click's neighbours within the pause (the load average is printed beside each view).
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

STORED = ("precomputed", "hit", "baked")
PAUSED_NOOPS = 9  # stored no-ops timed as a click is (after the pause, on a new connection)
# (path, language, clicks): "+" adds the next target country not chosen yet (data.catalog.T18's order), "-" takes
# the last one out; the third click is three changes from the default page, the rest further.
WALKS = {
    "map": ("/map", "ru", [("map-focus", "TJK"), ("map-year", 2000), ("map-indicator", "emigrants_pct"),
                           ("map-year", 2005), ("map-year", 2010), ("map-focus", "KGZ"), ("map-year", 2015),
                           ("map-focus", "UZB"), ("map-year", 2010), ("map-indicator", "immigrants"),
                           ("map-year", 2005), ("map-focus", "KAZ")]),
    "remittances": ("/remittances", "en", [("remittances-countries", "+"), ("remittances-measure", "usd"),
                                           ("remittances-countries", "+"), ("remittances-rank-year", 2010),
                                           ("remittances-countries", "+"), ("remittances-rank-year", 2011),
                                           ("remittances-countries", "-"), ("remittances-countries", "+"),
                                           ("remittances-rank-year", 2012), ("remittances-countries", "+"),
                                           ("remittances-countries", "-"), ("remittances-rank-year", 2013)]),
    "corridors": ("/corridors", "en", [("corridors-mode", "origin"), ("corridors-origin", "TJK"),
                                       ("corridors-year", 2000), ("corridors-year", 2005),
                                       ("corridors-origin", "UZB"), ("corridors-year", 2010),
                                       ("corridors-origin", "KGZ"), ("corridors-sex", "female"),
                                       ("corridors-year", 2015), ("corridors-origin", "KAZ"),
                                       ("corridors-year", 2020), ("corridors-origin", "TKM")]),
}


class TimedTransport:
    """bench/load_user.py's transport over HTTP: each callback request on a new connection, timed as
    bench_callbacks.bench_callback times them (connection included: gunicorn closes every one); kept per click."""

    def __init__(self, url: str):
        self.url = url
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self.posted: list[tuple[str, str, float]] = []  # (callback's first output, X-Cache, ms)
        self.bodies: list[dict] = []  # the requests sent, in the same order

    def get(self, path, name, headers=None):
        from bench.load_user import Reply

        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return Reply(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())

    def post(self, path, body, name):
        from bench.bench_callbacks import _decode
        from bench.load_user import Reply

        data = json.dumps(body).encode()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            started = time.perf_counter()
            conn.request("POST", path, body=data, headers={"Content-Type": "application/json",
                                                            "Accept": "application/json",
                                                            "Accept-Encoding": "gzip, br"})
            response = conn.getresponse()
            raw = response.read()
            elapsed = (time.perf_counter() - started) * 1000.0
        finally:
            conn.close()
        headers = {k.lower(): v for k, v in response.getheaders()}
        output = body.get("output", "").lstrip(".").split("...")[0].split("@")[0]
        self.posted.append((output, headers.get("x-cache", ""), elapsed))
        self.bodies.append(body)
        return Reply(response.status, headers, _decode(raw, headers.get("content-encoding", "")) or b"")


def _value(user, control: str, value):
    from data.catalog import T18

    if value not in ("+", "-"):
        return value
    current = list(user.page.values.get((control, "value")) or [])
    if value == "+":
        return [*current, next(code for code in T18 if code not in current)]
    return current[:-1]


def walk(url: str, view: str, noops, pause: float, repeat: int = 5) -> dict:
    """One visitor's walk through `view`; per click its requests as answered; a summary."""
    import random

    from bench.load_user import Control, Visitor

    path, lang, clicks = WALKS[view]
    transport = TimedTransport(url)
    user = Visitor(transport, random.Random(0))
    user.lang = lang
    user.open_page(path, full=True)
    from bench.bench_callbacks import NOOP_OUTPUT_ID, UPDATE_PATH, bench_callback, payload_for_output

    # Like for like: each click is timed on a new connection after `pause` s of nothing, so the stored no-op is too
    # (PAUSED_NOOPS times, the same way): after an idle second a request starts with the CPU's caches cold and the
    # connection's set-up, which the back-to-back no-op (noops.ms) has neither of.
    noop = payload_for_output(url, NOOP_OUTPUT_ID)
    for _ in range(PAUSED_NOOPS):
        time.sleep(pause)
        transport.post(UPDATE_PATH, noop, "no-op")
    paused = statistics.median(ms for _, _, ms in transport.posted)
    stored_clicks, ratios, paused_ratios, served, repeats = 0, [], [], {}, []
    print(f"\n{view} ({lang}), {len(clicks)} clicks {pause:g} s apart; the stored no-op {noops.ms:.2f} ms, after the "
          f"same pause on a new connection {paused:.2f} ms  (load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())})", flush=True)
    for number, (control, value) in enumerate(clicks, 1):
        time.sleep(pause)
        value = _value(user, control, value)
        transport.posted.clear()
        transport.bodies.clear()
        user.interact(Control(control, "value", "select"), value)
        answered = list(transport.posted)
        if not answered:
            print(f"  {number:2}. {control} = {value!r}: no request sent", flush=True)
            continue
        slowest = max(ms for _, _, ms in answered)
        ratios.append(slowest / noops.ms)
        paused_ratios.append(slowest / paused)
        at = [ms for _, _, ms in answered].index(slowest)  # the same request again: stored in that worker now
        again = bench_callback(url, transport.bodies[at], n=repeat, warmup=0, label="again").median_ms
        repeats.append(slowest / again)
        stored_clicks += all(cache in STORED for _, cache, _ in answered)
        for _, cache, _ in answered:
            served[cache or "?"] = served.get(cache or "?", 0) + 1
        shown = value if not isinstance(value, list) else "[" + ",".join(value) + "]"
        print(f"  {number:2}. {control.split('-', 1)[1]:<10} = {str(shown):<34} slowest {slowest:6.2f} ms "
              f"({slowest / noops.ms:4.1f}× stored no-op, {slowest / paused:4.1f}× after a pause, "
              f"{slowest / again:4.1f}× repeated)  "
              + "  ".join(f"{output.split('-', 1)[-1][:18]} {cache or '?'} {ms:.2f}" for output, cache, ms in answered),
              flush=True)
    summary = {"clicks": len(ratios), "stored": stored_clicks, "median": statistics.median(ratios) if ratios else 0,
               "max": max(ratios, default=0), "served": served,
               "paused_median": statistics.median(paused_ratios) if paused_ratios else 0,
               "paused_max": max(paused_ratios, default=0),
               "repeated": statistics.median(repeats) if repeats else 0}
    print(f"  {view}: {stored_clicks} of {len(ratios)} clicks with every request stored; slowest request per click "
          f"median {summary['median']:.1f}×, worst {summary['max']:.1f}× the stored no-op (goal ≤ 3×; "
          f"{summary['paused_median']:.1f}×, {summary['paused_max']:.1f}× the stored no-op after the same pause), "
          f"median {summary['repeated']:.1f}× the same request repeated; requests: "
          + ", ".join(f"{k} {v}" for k, v in sorted(served.items())), flush=True)
    return summary


def run(follow: str, views: list[str], pause: float, settle: float, n: int) -> dict:
    import psutil

    from bench.bench_callbacks import noop_baselines
    from bench.gunicorn_workers import baker, wait_workers
    from serving.bake import process as bake_process
    from serving.bake.baker import stored_bytes
    from serving.bake.follow import FOLLOW_ENV
    from tests.support.server import start_app_server

    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    with tempfile.TemporaryDirectory(prefix="camr-bench-follow-", dir="/dev/shm" if os.path.isdir("/dev/shm")
                                     else None) as directory:
        env = {"CAMR_BENCH_NOOP": "1", "CAMR_PRECOMPUTE": "1", bake_process.ENV: "1", bake_process.DELAY_ENV: "0",
               FOLLOW_ENV: follow, "CAMR_SHARED_CACHE_DIR": directory}
        with start_app_server(argv=[gunicorn, "app:server"], env=env) as server:
            master = psutil.Process(server.proc.pid)
            wait_workers(master)
            time.sleep(settle)
            print(f"\n=== gunicorn (repository config), the baker on, CAMR_BAKE_FOLLOW={follow} at {server.url}; "
                  f"baker {'running' if baker(master) else 'not running'}", flush=True)
            noops = noop_baselines(server.url, n)
            print(noops.lines(), flush=True)
            found = {view: walk(server.url, view, noops, pause) for view in views}
            process = baker(master)
            if process is not None:
                times = process.cpu_times()
                print(f"baker: {times.user + times.system:.1f} s CPU so far; the shared store holds "
                      f"{len(os.listdir(directory)):,} files, {stored_bytes(directory) / 2**20:.1f} MB",
                      flush=True)
            return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between two clicks (default 1)")
    parser.add_argument("--settle", type=float, default=8.0, help="seconds after the workers are up (default 8)")
    parser.add_argument("--only", choices=sorted(WALKS), action="append", help="one view (repeatable)")
    parser.add_argument("--no-compare", action="store_true", help="only with following")
    parser.add_argument("-n", type=int, default=100, help="requests per no-op baseline (default 100)")
    args = parser.parse_args(argv)
    views = args.only or list(WALKS)
    results = {follow: run(follow, views, args.pause, args.settle, args.n)
               for follow in (("1",) if args.no_compare else ("1", "0"))}
    print("\nsummary (clicks with every request stored; slowest request per click, median and worst, × stored no-op,"
          " then × the stored no-op after the same pause on a new connection; its median × the same request repeated)")
    for view in views:
        print(f"  {view:<12} " + "   ".join(
            f"following {'on ' if follow == '1' else 'off'}: {found[view]['stored']}/{found[view]['clicks']}, "
            f"{found[view]['median']:.1f}×, {found[view]['max']:.1f}× (after a pause {found[view]['paused_median']:.1f}×, "
            f"{found[view]['paused_max']:.1f}×; {found[view]['repeated']:.1f}× repeated)"
            for follow, found in results.items()))
    print(f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}: the machine is shared)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
