"""Remittances view callbacks: latency as a ratio to the no-op callback, and bytes per interaction.

    python -m bench.bench_remittances [--url http://127.0.0.1:8050] [-n 200] [--cold 40]

Without --url it starts `python app.py` on a free port (tests/support/server.py, as the browser tests do); then
the first requests for each selection really are the first. First, every click one step from the default page
(answers built at start-up: serving/precompute.py), first time and repeated. Then three figures per callback for
selections further away:
  cold   each request a selection the server has not seen since it started (median over --cold selections):
         what a user waits for when choosing something new;
  warm   the same selection posted n times (bench_callbacks' method): a selection made before, by anyone,
         is served from the view's cache of serialised outputs;
  bytes  the response as sent (br) and decoded, per callback and summed per user interaction (an interaction
         fires several callbacks in parallel: e.g. adding a country updates the lines, the blocks under them
         and the cost chart).
Prints figures; asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
from pathlib import Path

if __package__ in (None, ""):  # `python bench/bench_remittances.py`: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_callbacks import (NOOP_OUTPUT_ID, bench_callback, dependencies, noop_baselines,  # noqa: E402
                                   one_click_section, payload_for_output)
from tests.support.server import start_app_server  # noqa: E402

CA5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
OTHERS = ["RUS", "ARM", "AZE", "GEO", "MDA", "UKR", "AFG", "TUR", "WLD", "ECS"]
BASE_VALUES = {
    "remittances-countries.value": CA5, "remittances-measure.value": "pct", "remittances-scale.value": "linear",
    "remittances-relative.value": "off", "remittances-source.value": "default",
    "remittances-rank-year.value": "2021", "page-state.data": {"lang": "en"},
}
# callback (named by its first input) → the component ids whose callbacks one user action fires together. A closed
# table sends no request (a clientside gate passes the page state on only while it is open: callbacks/remittances.py).
INTERACTIONS = {
    "add a country": ("trend", "trend_info", "cost"),
    "switch measure (% of GDP ⇄ US$)": ("trend", "trend_info"),
    "switch axis scale (linear ⇄ log)": ("scale",),
    "pick a ranking year": ("ranking",),
    "open the trend table": ("table_open",),
}


def find_callback(deps: list[dict], first_input: str, output_prefix: str) -> dict:
    """The callback whose first input is `first_input` and whose output starts with `output_prefix`."""
    for cb in deps:
        if cb["inputs"] and cb["inputs"][0]["id"] == first_input and cb["output"].lstrip(".").startswith(
                output_prefix):
            return cb
    raise LookupError(f"no callback with first input {first_input} writing {output_prefix}")


def make_payload(cb: dict, values: dict) -> dict:
    """A request body like the one Dash's renderer sends for `cb`, with `values` for "id.prop" keys."""
    def value(dep):
        return values.get(f"{dep['id']}.{dep['property']}")

    outputs = [dict(zip(("id", "property"), part.rsplit(".", 1))) for part in cb["output"].strip(".").split("...")]
    inputs = [{"id": d["id"], "property": d["property"], "value": value(d)} for d in cb["inputs"]]
    return {"output": cb["output"], "outputs": outputs if cb["output"].startswith("..") else outputs[0],
            "inputs": inputs, "state": [{"id": d["id"], "property": d["property"], "value": value(d)}
                                        for d in cb["state"]],
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}


def callbacks(url: str) -> dict[str, dict]:
    deps = dependencies(url)
    return {
        "trend": find_callback(deps, "remittances-countries", "remittances-trend-graph"),
        "trend_info": find_callback(deps, "remittances-countries", "remittances-trend-info"),
        "scale": find_callback(deps, "remittances-scale", "remittances-trend-graph"),
        "ranking": find_callback(deps, "remittances-rank-year", "remittances-ranking-graph"),
        "cost": find_callback(deps, "remittances-countries", "remittances-cost-graph"),
        # the trend chart's table alternative, asked for by its clientside gate while it is open
        "table_open": find_callback(deps, "remittances-trend-table-request", "remittances-trend-table-body"),
    }


def cold_selections(name: str, count: int) -> list[dict]:
    """`count` selections that differ in what callback `name` depends on (so none is served from a cache)."""
    if name == "ranking":
        years = range(2023, 1969, -1)
        sources = ("default", "wdi_2023_05", "wdi_2025_02_derived", "wdi_panel_2025")
        return [{"remittances-rank-year.value": str(y), "remittances-source.value": s}
                for s, y in itertools.islice(itertools.product(sources, years), count)]
    sets = [CA5 + list(extra) for r in (1, 2) for extra in itertools.combinations(OTHERS, r)]
    if name == "scale":  # a patch for each new selection: the scale flips on a not-yet-seen country set
        return [{"remittances-countries.value": s, "remittances-scale.value": "log"} for s in sets[:count]]
    if name == "cost":
        return [{"remittances-countries.value": s} for s in sets[:count]]
    if name == "table_open":
        return [{"remittances-trend-table-request.data": {"state": {"lang": "en", "countries": s, "measure": "usd"}}}
                for s in sets[:count]]
    measures = ("pct", "usd")
    return [{"remittances-countries.value": s, "remittances-measure.value": m}
            for s, m in itertools.islice(itertools.product(sets, measures), count)]


def run(url: str, n: int, cold: int) -> None:
    print(f"# {url}  POST /_dash-update-component  (br accepted)")
    noops = noop_baselines(url, n)
    print(noops.lines())
    stored, computed = noops.ms, noops.computed.median_ms
    one_click_section(url, "callbacks.remittances", noops)
    print("further away (selections built on request; the naive reference):")
    found = callbacks(url)
    rows = {}
    noop = payload_for_output(url, NOOP_OUTPUT_ID)  # primes each connection: the baselines' is open too
    for name, cb in found.items():
        cold_times, cold_bytes = [], []
        for values in cold_selections(name, cold):
            result = bench_callback(url, make_payload(cb, {**BASE_VALUES, **values}), n=1, warmup=0, label=name,
                                    prime=noop)
            cold_times.append(result.median_ms)
            cold_bytes.append(result.wire_bytes)
        base = {**BASE_VALUES, "remittances-trend-table-request.data": {"state": {"lang": "en", "countries": CA5}},
                "page-state.data": {"lang": "en", "countries": CA5}}
        warm = bench_callback(url, make_payload(cb, base), n=n, label=name)
        rows[name] = dict(cold=statistics.median(cold_times), warm=warm.median_ms, warm_p90=warm.p90_ms,
                          wire=warm.wire_bytes, decoded=warm.body_bytes, cold_wire=statistics.median(cold_bytes))
    print(f"\n{'callback':<12} {'cold ms':>8} {'×stored':>8} {'×comp.':>7} {'warm ms':>8} {'×stored':>8} "
          f"{'p90 ms':>7} {'bytes br':>9} {'decoded':>9}")
    for name, row in rows.items():
        print(f"{name:<13} {row['cold']:8.2f} {row['cold'] / stored:8.1f} {row['cold'] / computed:7.1f} "
              f"{row['warm']:8.2f} {row['warm'] / stored:8.1f} {row['warm_p90']:7.2f} {row['wire']:9,} "
              f"{row['decoded']:9,}")
    print(f"(×stored: multiple of the stored no-op, {stored:.2f} ms, the goal's baseline (≤ 3×); ×comp.: of the "
          f"no-op computed by Dash each time, {computed:.2f} ms; cold = median of {cold} first-time selections, one "
          f"request each; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
    print("\nbytes per interaction (callbacks fired together, responses as sent with br / decoded):")
    for interaction, names in INTERACTIONS.items():
        wire = sum(rows[name]["wire"] for name in names)
        decoded = sum(rows[name]["decoded"] for name in names)
        slowest_cold = max(rows[name]["cold"] for name in names)
        print(f"  {interaction:<36} {wire:8,} B br  {decoded:9,} B decoded  "
              f"slowest callback cold {slowest_cold:.1f} ms ({noops.ratios(slowest_cold)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (its caches may already be warm); default: start one")
    parser.add_argument("-n", type=int, default=200, help="requests per warm measurement (default 200)")
    parser.add_argument("--cold", type=int, default=40, help="first-time selections per callback (default 40)")
    args = parser.parse_args(argv)
    if args.url:
        run(args.url.rstrip("/"), args.n, args.cold)
    else:
        with start_app_server() as server:
            run(server.url, args.n, args.cold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
