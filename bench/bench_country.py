"""Country profiles: what opening a profile and its buttons cost, as a ratio to the no-op callback.

    python -m bench.bench_country [--url http://127.0.0.1:8050] [-n 100] [--cold 30] [--build 10]

Without --url it starts `python app.py` on a free port (tests/support/server.py, as the browser tests do), so the
first request for each country really is the first. Figures printed:
  page cold   the router callback rendering /country/<ISO3> for countries not opened since start-up (median over
              --cold countries), in English then in Russian: what a user waits for on a first visit. The 18 target countries' profiles are
              built at start-up (serving/precompute.py); other countries' are built on request;
  build cold  in this process, the profile of --build other countries (median) built and serialised as the router
              sends it (serving/fast_json/), beside the naive reference measured in the same run, alternating:
              the previous path (trend charts through go.Figure and update_*, each series, corridor list and
              revision filtered out of the whole tables per country, plotly's to_json_plotly;
              tests/layouts/country/test_fast_profile.py and tests/serving/fast_json/ check both give the same page);
  gap         in this process, a cold profile's router answer through Flask and Dash split into the page's build,
              Dash's JSON, compression and storing, and dispatch (--gap countries; GC pauses shown apart);
              Without --url, the server's CPU per cold country too (/proc: all its threads, the request's
              HTTP and thread included), which a busy machine's waiting for a core does not inflate as it does
              the wall time;
  page warm   the same profile n times (profiles are cached per country and language after the first);
  index, unknown code, selector (navigation target) and CSV download: warm, n times;
  bytes       each response as sent (compressed) and decoded.
Prints figures; asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # `python bench/bench_country.py`: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_callbacks import NOOP_OUTPUT_ID, bench_callback, noop_baselines, payload_for_output  # noqa: E402
from data.catalog import T18  # noqa: E402
from tests.support.server import start_app_server  # noqa: E402

PAGE_OUTPUT = "page-content"
GOAL_COLD_MS = 20.0
COLD_COUNTRIES = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "AZE", "TUR", "IRN", "PAK", "BLR", "UKR", "CHN",
                  "MNG", "ARM", "GEO", "MDA", "DEU", "USA", "IND", "FRA", "GBR", "KOR", "ISR", "POL", "ITA", "ESP",
                  "CAN", "AUS", "BRA", "MEX", "EGY", "NGA", "IDN", "PHL", "VNM", "THA", "JPN", "SAU"]


BUILD_COUNTRIES = ["FRA", "IND", "DEU", "USA", "GBR", "KOR", "ISR", "POL", "ITA", "ESP", "CAN", "AUS", "BRA", "MEX",
                   "EGY", "NGA", "IDN", "PHL", "VNM", "THA"]


@contextlib.contextmanager
def reference_path():
    """The profile as it was built before it was made cheap: go.Figure trend charts, per-country filtering."""
    from figures import revisions as rev
    from figures.country import corridors, series, trends

    saved = (trends.trend_figure, series.clean_series, series.clean_rows, corridors.top_corridors,
             corridors.top_corridor_rows, rev.revisions)
    trends.trend_figure = lambda *a, value_texts=None, **k: trends.trend_figure_reference(*a, **k)
    series.clean_series, corridors.top_corridors = series._clean_series_of, corridors._top_corridors_of
    series.clean_rows, corridors.top_corridor_rows = series._clean_rows_of, corridors._top_corridor_rows_of
    rev.revisions = rev.revisions_reference
    try:
        yield
    finally:
        (trends.trend_figure, series.clean_series, series.clean_rows, corridors.top_corridors,
         corridors.top_corridor_rows, rev.revisions) = saved


def build_cold(count: int, lang: str = "en") -> None:
    """Median in-process build + serialisation of `count` profiles, fast vs the reference path, alternating."""
    from plotly.io.json import to_json_plotly  # what Dash encoded callback answers with before serving/fast_json/

    from layouts.country import page
    from serving.fast_json.answer import to_json

    def once(iso3: str, encode=to_json) -> float:
        start = time.perf_counter()
        encode(page.profile.__wrapped__(iso3, lang))  # __wrapped__: past the per-(country, language) cache
        return (time.perf_counter() - start) * 1000

    once("JPN")  # the tables computed once for all countries (at start-up in a server that precomputes)
    with reference_path():
        once("JPN", to_json_plotly)
    fast, naive = [], []
    for i, iso3 in enumerate(BUILD_COUNTRIES[:count]):
        order = (False, True) if i % 2 else (True, False)
        for is_fast in order:
            if is_fast:
                fast.append(once(iso3))
            else:
                with reference_path():
                    naive.append(once(iso3, to_json_plotly))
    f, n = statistics.median(fast), statistics.median(naive)
    print(f"profile build cold, other countries (in process, {lang}) n={len(fast)}: median {f:6.2f} ms  "
          f"goal: ≤ {GOAL_COLD_MS:g} ms;  reference (previous path) {n:6.2f} ms  → ×{n / f:.1f} faster"
          f"  (load average {os.getloadavg()[0]:.1f})", flush=True)


def cold_gap(count: int, lang: str = "en") -> None:
    """Where a first-time profile's router answer goes (CPU of this thread), in this process through the app's WSGI
    stack (no HTTP): the page built (layouts.pages.render), Dash's JSON of the answer (serving/fast_json/answer.to_json),
    its compression and storing (the response cache), the garbage collector's pauses (inside those), and the rest —
    Flask's and Dash's dispatch. The gap to the figure through the server below is HTTP and the development
    server: a new connection and thread per request (werkzeug closes each one), headers and body written."""
    import gc

    import dash._callback

    from data.catalog import T18
    from data.query import get_store
    from serving import cache, collector, warmup

    saved = os.environ.get("CAMR_PRECOMPUTE")
    os.environ["CAMR_PRECOMPUTE"] = "0"  # this process only: the server started below precomputes as usual
    try:
        from app import app
        from layouts import pages
    finally:
        if saved is None:
            del os.environ["CAMR_PRECOMPUTE"]
        else:
            os.environ["CAMR_PRECOMPUTE"] = saved
    warmup.build_indexes()
    gc.collect()
    gc.freeze()
    collector.tune()  # as in a worker and in python app.py
    spent = {"build": 0.0, "encode": 0.0, "store": 0.0, "gc": 0.0}

    def timed(name, function):
        def run(*args, **kwargs):
            start = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.thread_time() - start
        return run

    started = [0.0]

    def collecting(phase, _info):
        if phase == "start":
            started[0] = time.thread_time()
        else:
            spent["gc"] += time.thread_time() - started[0]

    client = app.server.test_client()
    codes = [c for c in get_store().countries()["iso3"] if c not in T18 and c not in BUILD_COUNTRIES]
    client.post("/_dash-update-component", json=warmup.router_request(f"/country/{codes[0]}", f"?lang={lang}"))
    rows = []
    originals = pages.render, dash._callback.to_json, cache.ResponseCache.store
    pages.render, dash._callback.to_json = timed("build", pages.render), timed("encode", dash._callback.to_json)
    # store: both paths keep an answer through it (Flask's via ResponseCache.set)
    cache.ResponseCache.store = timed("store", cache.ResponseCache.store)
    # A first-time answer goes through serving/dispatch.py when the fast path has it (CAMR_DIRECT_DISPATCH): its
    # encoder is the one it was given, not dash._callback's, and it stores with ResponseCache.store.
    direct = getattr(app.server.extensions.get("camr_fast_path"), "direct", None)
    direct_encode = direct.encode if direct is not None else None
    if direct is not None:
        direct.encode = timed("encode", direct_encode)
    gc.callbacks.append(collecting)
    try:
        for iso3 in codes[1:count + 1]:
            spent.update(dict.fromkeys(spent, 0.0))
            start, cpu = time.perf_counter(), time.thread_time()
            response = client.post("/_dash-update-component", headers={"Accept-Encoding": "br"},
                                   json=warmup.router_request(f"/country/{iso3}", f"?lang={lang}"))
            total, wall = time.thread_time() - cpu, time.perf_counter() - start
            assert response.status_code == 200 and response.headers.get("X-Cache") == "miss"
            rows.append({**spent, "total": total, "wall": wall,
                         "dispatch": total - spent["build"] - spent["encode"] - spent["store"]})
    finally:
        gc.callbacks.remove(collecting)
        pages.render, dash._callback.to_json, cache.ResponseCache.store = originals
        if direct is not None:
            direct.encode = direct_encode
    median = {key: statistics.median(row[key] for row in rows) * 1000 for key in rows[0]}
    gc_mean = statistics.mean(row["gc"] for row in rows) * 1000
    print(f"profile answer cold through Flask and Dash, no HTTP ({lang}, n={len(rows)}): CPU median "
          f"{median['total']:6.2f} ms = build {median['build']:.2f} + JSON {median['encode']:.2f} + compress "
          f"and store {median['store']:.2f} + dispatch {median['dispatch']:.2f} (medians of each, this thread's CPU; "
          f"GC pauses inside them {gc_mean:.2f} on average); wall median {median['wall']:.2f} ms  goal: ≤ "
          f"{GOAL_COLD_MS:g} ms through the server  (load average {os.getloadavg()[0]:.1f}: on a busy machine wall "
          f"time is mostly waiting for a core)", flush=True)


def page_payload(url: str, path: str, lang: str = "en") -> dict:
    # url.search is an input of the router too (it was sent as None: a page without its ?lang=en)
    return payload_for_output(url, PAGE_OUTPUT, {"url.pathname": path, "url.search": f"?lang={lang}"})


def process_cpu(pid: int | None) -> float | None:
    """Seconds of CPU the process `pid` has used (all its threads, those ended too: /proc/PID/stat's utime + stime,
    counted in clock ticks), None without a pid or /proc."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(url: str, n: int, cold: int, pid: int | None = None) -> None:
    print(f"# {url}  n={n}  cold countries={cold}")
    noops = noop_baselines(url, n)
    print(noops.lines())

    targets = [iso3 for iso3 in COLD_COUNTRIES if iso3 in T18][:cold]
    others = [iso3 for iso3 in COLD_COUNTRIES if iso3 not in T18][:cold]
    # Each language in turn (the goal holds for both: a Russian profile has longer texts): a profile is built and
    # stored per country and language, so the same countries are cold again in the second language.
    for lang in ("en", "ru"):
        for label, countries in (("target countries (precomputed)", targets),
                                 ("other countries (built now)", others)):
            cpu_before = process_cpu(pid)
            runs = [bench_callback(url, page_payload(url, f"/country/{iso3}", lang), n=1, warmup=0, label=iso3,
                                   prime=payload_for_output(url, NOOP_OUTPUT_ID)) for iso3 in countries]
            cpu_after = process_cpu(pid)
            cold_ms = statistics.median(run.median_ms for run in runs)
            cold_bytes = statistics.median(run.wire_bytes for run in runs)
            served = ",".join(sorted({run.x_cache for run in runs}))
            print(f"page cold {lang}, {label:<31} n={len(runs):<3} median {cold_ms:7.2f} ms "
                  f"({noops.ratios(cold_ms)}; {served})  response {cold_bytes:,.0f} B median  goal: ≤ "
                  f"{GOAL_COLD_MS:g} ms  (load average {os.getloadavg()[0]:.1f})", flush=True)
            if cpu_before is not None and cpu_after is not None:
                # What the wall time cannot show on a busy machine (most of it is then waiting for a core): the
                # server's own CPU, its mean per country (one stored no-op request each included, ~0.5 ms).
                print(f"  server CPU (python app.py, all its threads): {(cpu_after - cpu_before) / len(runs) * 1000:6.2f}"
                      f" ms per country, mean of {len(runs)} (clock ticks of {1000 / os.sysconf('SC_CLK_TCK'):g} ms)",
                      flush=True)
    print("  (the router round trip: profile build, Dash's JSON and HTTP; the build alone beside its reference below)")

    jobs = [
        ("page warm /country/UZB", page_payload(url, "/country/UZB")),
        ("index /country", page_payload(url, "/country")),
        ("unknown /country/XYZ", page_payload(url, "/country/XYZ")),
        ("selector → profile", payload_for_output(
            url, "country-navigate", {"country-select.value": "KAZ"},
            {"page-state.data": {"lang": "en"}, "country-navigate.pathname": "/country/UZB"})),
        ("CSV download (UZB)", payload_for_output(
            url, "country-download", {"country-download-button.n_clicks": 1}, {"country-iso3.data": "UZB"})),
    ]
    for label, payload in jobs:
        result = bench_callback(url, payload, n=n, label=label)
        print(result.line() + f"  ({noops.ratios(result.median_ms)})", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server; default: start `python app.py` on a free port")
    parser.add_argument("-n", type=int, default=100, help="timed requests per warm callback (default 100)")
    parser.add_argument("--cold", type=int, default=30, help=f"countries for the cold figure (≤ {len(COLD_COUNTRIES)})")
    parser.add_argument("--build", type=int, default=10,
                        help=f"countries for the in-process build figure (≤ {len(BUILD_COUNTRIES)}; 0: skip)")
    parser.add_argument("--gap", type=int, default=15,
                        help="countries for the in-process breakdown of a cold answer (0: skip)")
    args = parser.parse_args(argv)
    if args.build:
        for lang in ("en", "ru"):
            build_cold(min(args.build, len(BUILD_COUNTRIES)), lang)
    if args.gap:
        for lang in ("en", "ru"):
            cold_gap(args.gap, lang)
    if args.url:
        run(args.url.rstrip("/"), args.n, min(args.cold, len(COLD_COUNTRIES)))
    else:
        with start_app_server() as server:
            run(server.url, args.n, min(args.cold, len(COLD_COUNTRIES)), pid=server.proc.pid)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
