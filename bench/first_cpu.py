"""The server's CPU for corridors and remittances answers seen for the first time, in process.

    python -m bench.first_cpu [--only origin,heavy,yearsex,trend,ranking,cost,table_open] [--runs 1] [--profile NAME]

bench_corridors' and bench_remittances' "first time" rows are single requests over HTTP (8 to 40 selections, one
request each): at a load of 5-12 they moved by 30-50 % between runs of one commit, more than most changes to an
answer's build. Here, as in bench/map_cpu.py, the app is imported as gunicorn's master loads it (serving/warmup's
indexes and pages built, the heap frozen, the collector tuned as in a worker) and each callback request is sent
through its WSGI stack (serving/fast_path.py, then serving/dispatch.py: what a worker runs, without HTTP), timed by
the thread's CPU (`time.thread_time_ns`), each selection once, never seen before (many of them, so the median
is steady):
  origin      every origin's corridors ("all destinations of one origin", the world frame), en and ru;
  heavy       the origins with 30 or more corridors in 2024 (the map's 30 slots full: bench_corridors' 8 are of
              them), in 2015 and 2010 (2024's are `origin`'s), en and ru;
  yearsex     bench_corridors' year × sex selections, en and ru;
  trend, ranking, cost, table_open
              bench_remittances' cold selections (Central Asia plus one or two others; 4 sources × 54 ranking
              years), en and ru.
`--runs N` (N > 1) times each selection N times and keeps the least, emptying the response cache and the views'
own caches of selections between (flows_view, the width reference, the coverage, the remittances tables): a run
slowed by a neighbour is not counted, but what start-up or an earlier selection left in other caches stays (a
precomputed part then looks free in both versions: use 1 to compare such a change). `--check` prints the sha256 of
each case's answers (the same in two checkouts: the same bytes). `--profile NAME`: cProfile of that case by thread
CPU. Run it in two checkouts at once or in turn (`cd OLD && python -m bench.first_cpu`) to compare versions.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import itertools
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import in_process  # noqa: E402

CASES = ("origin", "heavy", "yearsex", "trend", "ranking", "cost", "table_open")
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
CONTROLS = {"corridors-year": 2024, "corridors-sex": "total", "corridors-mode": "default", "corridors-origin": "UZB",
            "corridors-destination": "RUS", "corridors-source": "undesa_ims_2024", "corridors-card-origin": "UZB",
            "corridors-card-destination": "RUS"}
# the views' own caches of a selection, emptied between runs of one (those a version lacks are skipped)
SELECTION_CACHES = ("layouts.corridors.flows:flows_view", "figures.corridors.selection:_width_reference",
                    "layouts.corridors.flows:_default_coverage", "layouts.remittances.tables:table_outputs",
                    "layouts.remittances.trend:trend_info_outputs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(CASES), help=f"cases, comma-separated ({', '.join(CASES)})")
    parser.add_argument("--runs", type=int, default=1, help="runs of each selection, the least kept (default 1)")
    parser.add_argument("--check", action="store_true", help="print the sha256 of each case's answers")
    parser.add_argument("--profile", help="a case to profile (cProfile, thread CPU)")
    args = parser.parse_args(argv)
    import importlib

    fast = in_process.load("/corridors")
    from bench.bench_remittances import BASE_VALUES, CA5, OTHERS, find_callback, make_payload
    from data.query import get_store
    from tests.support.callback_requests import dependencies, request_for

    deps = list(dependencies())

    def call(raw: bytes) -> tuple[float, bytes]:
        return in_process.timed_call(fast, raw)

    def clear() -> None:
        fast.response_cache.backend.clear()
        for spec in SELECTION_CACHES:
            module, name = spec.split(":")
            found = getattr(importlib.import_module(module), name, None)
            if found is not None:
                found.cache_clear()

    flows_output = next(cb["output"] for cb in deps if "corridors-map.figure" in cb["output"])

    def flows(values: dict, changed: str, scope: str, lang: str) -> bytes:
        inputs = {f"{k}.value": v for k, v in {**CONTROLS, **values}.items()}
        state = {"lang": lang, "year": 2024, "sex": "total", "mode": "default", "origin": None, "destination": None,
                 "corridor": None, "source": "undesa_ims_2024"}
        return json.dumps(request_for(flows_output, {**inputs, "corridors-map-scope.data": scope,
                                                     "page-state.data": state}, [f"{changed}.value"])).encode()

    store = get_store()
    stocks = store.corridors("stock_total", source="undesa_ims_2024")
    origins = sorted(set(stocks["origin"]) - {"UZB"})  # UZB: answered once below, the code paths' first use
    latest = stocks[(stocks["year"] == 2024) & stocks["value"].gt(0)].groupby("origin").size()
    heavy = sorted(set(latest[latest >= 30].index) - {"UZB"})
    langs = ("en", "ru")
    cases = {
        "origin": [flows({"corridors-mode": "origin", "corridors-origin": o}, "corridors-origin", "world", lang)
                   for lang in langs for o in origins],
        "heavy": [flows({"corridors-mode": "origin", "corridors-origin": o, "corridors-year": y}, "corridors-origin",
                        "world", lang) for lang in langs for y in (2015, 2010) for o in heavy],
        "yearsex": [flows({"corridors-year": y, "corridors-sex": s}, "corridors-year", "region", lang)
                    for lang in langs for s in ("male", "female") for y in YEARS],
    }
    remittances = {"trend": ("remittances-countries", "remittances-trend-graph"),
                   "ranking": ("remittances-rank-year", "remittances-ranking-graph"),
                   "cost": ("remittances-countries", "remittances-cost-graph"),
                   "table_open": ("remittances-trend-table-request", "remittances-trend-table-body")}
    sets = [CA5 + list(extra) for r in (1, 2) for extra in itertools.combinations(OTHERS, r)]
    for name, (first_input, output) in remittances.items():
        callback, bodies = find_callback(deps, first_input, output), []
        for lang in langs:
            if name == "ranking":
                chosen = [{"remittances-rank-year.value": str(y), "remittances-source.value": s}
                          for s, y in itertools.product(("default", "wdi_2023_05", "wdi_2025_02_derived",
                                                         "wdi_panel_2025"), range(2023, 1969, -1))]
            elif name == "cost":
                chosen = [{"remittances-countries.value": s} for s in sets]
            elif name == "table_open":
                chosen = [{"remittances-trend-table-request.data": {"state": {"lang": lang, "countries": s,
                                                                              "measure": m}}}
                          for s in sets for m in ("usd", "pct")]
            else:
                chosen = [{"remittances-countries.value": s, "remittances-measure.value": m}
                          for s, m in itertools.product(sets, ("pct", "usd"))]
            bodies += [json.dumps(make_payload(callback, {**BASE_VALUES, "page-state.data": {"lang": lang}, **values}))
                       .encode() for values in chosen]
        cases[name] = bodies

    # the code paths' first use, with selections not measured
    call(flows({"corridors-mode": "origin", "corridors-origin": "UZB"}, "corridors-origin", "world", "en"))
    call(flows({"corridors-year": 2024, "corridors-sex": "female"}, "corridors-year", "region", "en"))
    print(f"# {os.getcwd()}: thread CPU of the WSGI call of first-time answers, least of {args.runs}")
    for name in args.only.split(","):
        profile = cProfile.Profile(time.thread_time_ns, 1e-9) if args.profile == name else None
        times, digest = [], hashlib.sha256()
        for raw in cases[name]:
            if profile:
                profile.enable()
            spent, data = call(raw)
            for _ in range(args.runs - 1):
                clear()
                spent = min(spent, call(raw)[0])
            if profile:
                profile.disable()
            times.append(spent)
            digest.update(data)
        quartiles = statistics.quantiles(times, n=4)
        print(f"{name:<11} n={len(times):4d}  median {quartiles[1]:.3f} ms (quartiles {quartiles[0]:.3f}–"
              f"{quartiles[2]:.3f}), mean {statistics.mean(times):.3f}"
              + (f"  sha256 {digest.hexdigest()[:12]}" if args.check else "")
              + f"  (load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(50)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
