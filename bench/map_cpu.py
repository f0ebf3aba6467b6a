"""The server's CPU for a map selection seen for the first time and for the same answer stored, in process.

    python -m bench.map_cpu [-n 300] [--others] [--runs 5] [--check]

Over HTTP a first-time answer is one request per selection, and its wall time moves with everyone else's work on
the machine more than with the code (bench_map's "first" is a median of 7). Here the app is imported as gunicorn's
master loads it (the indexes and written blocks of serving/warmup.py built, the heap frozen, the collector tuned as
in a worker) and the map's callback requests are sent through its WSGI stack (serving/fast_path.py, then
serving/dispatch.py: what a worker runs for it, without HTTP and gunicorn); each is timed by the thread's CPU
(`time.thread_time_ns`: another process on the core does not count). A selection is focus × year × indicator ×
language of the 18 target countries (`--others`: 18 other countries), shuffled, the year changed in focus mode (the
interaction precompute leaves to the first visitor): first-time `--runs` times, the response cache and the focus
frames emptied in between, its least kept (one slowed by a neighbour is not counted); then the same requests
stored. Runs after the first find the selection's other parts kept (caches of its parts, the CPU's caches warm
with its data): the first run alone is printed beside the least. Run it in two checkouts in turn
(`cd OLD && python -m bench.map_cpu`) to compare versions. `--check` prints the sha256 of the first-time answers
(the same in two checkouts: the same bytes). Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import in_process  # noqa: E402

YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
INDICATORS = ("emigrants", "immigrants", "emigrants_pct", "immigrants_pct")
OTHERS = ("FRA", "DEU", "USA", "IND", "PAK", "UKR", "BLR", "ARM", "AZE", "GEO", "MNG", "IRN", "ARE", "SAU", "KOR",
          "ISR", "LVA", "EST")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300, help="selections (default 300)")
    parser.add_argument("--others", action="store_true", help="countries other than the 18 targets")
    parser.add_argument("--runs", type=int, default=5, help="first-time runs of each selection, the least kept")
    parser.add_argument("--check", action="store_true", help="print the sha256 of the first-time answers")
    args = parser.parse_args(argv)
    fast = in_process.load("/map")
    from data.catalog import T18
    from figures.map.frame import map_frame
    from tests.support.callback_requests import dependencies, request_for

    output = next(cb["output"] for cb in dependencies() if cb["output"].startswith("..map-graph.figure"))

    def body(focus: str, year: int, indicator: str, lang: str) -> bytes:
        page = {"lang": lang, "indicator": indicator, "year": 2024, "scope": "region", "focus": focus}
        return json.dumps(request_for(output, {
            "map-indicator.value": indicator, "map-year.value": year, "map-scope.value": "region",
            "map-focus.value": focus, "page-state.data": page}, ["map-year.value"])).encode()

    digest = hashlib.sha256()

    def call(raw: bytes, check: bool = False) -> tuple[float, int]:
        spent, data = in_process.timed_call(fast, raw)
        if check:
            digest.update(data)
        return spent, len(data)

    countries = OTHERS if args.others else tuple(T18)
    selections = [(c, y, i, lang) for c in countries for y in YEARS for i in INDICATORS for lang in ("en", "ru")]
    random.Random(1).shuffle(selections)
    bodies = [body(*selection) for selection in selections[:args.n]]
    call(body(countries[0], 2024, "emigrants", "en"))  # the code paths' first use
    fast.response_cache.backend.clear()
    first, once, sent = [], [], []
    for raw in bodies:
        best, size = call(raw, check=True)
        once.append(best)
        for _ in range(args.runs - 1):
            fast.response_cache.backend.clear()
            map_frame.cache_clear()
            best = min(best, call(raw)[0])
        first.append(best)
        sent.append(size)
    stored = [min(call(raw)[0] for _ in range(args.runs)) for raw in bodies]
    quartiles, stored_median = statistics.quantiles(first, n=4), statistics.median(stored)
    print(f"map, year change in focus mode, {'other' if args.others else 'target'} countries, {len(bodies)} "
          f"selections (thread CPU of the WSGI call, least of {args.runs}):\n"
          f"  first time  median {quartiles[1]:.3f} ms (quartiles {quartiles[0]:.3f}–{quartiles[2]:.3f}); its first "
          f"run alone (each part's caches as a visitor finds them, not yet filled by the runs before) median "
          f"{statistics.median(once):.3f} ms\n"
          f"  stored      median {stored_median:.3f} ms\n"
          f"  first − stored {quartiles[1] - stored_median:.3f} ms; brotli sent {statistics.mean(sent):,.0f} B on "
          f"average  (load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})"
          + (f"\n  sha256 of the first-time answers {digest.hexdigest()[:12]}" if args.check else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
