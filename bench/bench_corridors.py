"""Corridors view callbacks: latency as a ratio to the no-op callback, and bytes per interaction.

    python -m bench.bench_corridors [--url http://127.0.0.1:8050] [-n 200]

Without --url it starts `python app.py` on a free port. Each interaction is posted n times (the same request, so
from the second time on it is served from the view's per-selection cache), and once per distinct selection never
seen before ("first time": the honest cost of a new selection). Every click one step from the default page is
measured first (answers built at start-up: serving/precompute.py), first time and repeated. Prints figures;
asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_callbacks import (NOOP_OUTPUT_ID, Noops, against_server, bench_callback, interaction_line,  # noqa: E402
                                   noop_baselines, one_click_section, payload_for_output)

STATE = {"lang": "en", "year": 2024, "sex": "total", "mode": "default", "origin": None, "destination": None,
         "corridor": None, "source": "undesa_ims_2024"}
CONTROLS = {"corridors-year": 2024, "corridors-sex": "total", "corridors-mode": "default", "corridors-origin": "UZB",
            "corridors-destination": "RUS", "corridors-source": "undesa_ims_2024"}
CARD = {"corridors-card-origin": "UZB", "corridors-card-destination": "RUS"}
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
ORIGINS = ("KAZ", "KGZ", "TJK", "TKM", "AFG", "CHN", "TUR", "UKR")

# name → (output id, changed input, values changed from CONTROLS/CARD, map scope the browser holds)
INTERACTIONS = {
    "year change": ("corridors-map", "corridors-year", {"corridors-year": 2010}, "region"),
    "sex change": ("corridors-map", "corridors-sex", {"corridors-sex": "female"}, "region"),
    "revision change": ("corridors-map", "corridors-source", {"corridors-source": "undesa_ims_2020",
                                                             "corridors-year": 2020}, "region"),
    "mode → origin (world geometry)": ("corridors-map", "corridors-mode", {"corridors-mode": "origin"}, "region"),
    "origin change (world frame kept)": ("corridors-map", "corridors-origin",
                                         {"corridors-mode": "origin", "corridors-origin": "TJK"}, "world"),
    "corridor card": ("corridors-card", "corridors-card-origin", {"corridors-card-origin": "KGZ"}, "region"),
    "click on an arc": ("corridors-card-origin", "corridors-map", {}, "region"),
    "CSV of the map's corridors": ("corridors-flows-download", "corridors-flows-download-button", {}, "region"),
}


def payload(url: str, output_id: str, changed: str, values: dict, scope: str) -> dict:
    inputs = {f"{k}.value": v for k, v in {**CONTROLS, **CARD, **values}.items()}
    inputs["corridors-map.clickData"] = {"points": [{"customdata": "TJK-RUS", "curveNumber": 3}]}
    inputs["corridors-flows-download-button.n_clicks"] = 1
    states = {**inputs, "corridors-map-scope.data": scope, "page-state.data": STATE}
    body = payload_for_output(url, output_id, inputs, states)
    prop = "clickData" if changed == "corridors-map" else "n_clicks" if changed.endswith("button") else "value"
    body["changedPropIds"] = [f"{changed}.{prop}"]
    return body


def table_payload(url: str, origin: str) -> dict:
    """The request of the open table of corridors after an origin change (callbacks/tables.py: the page state's
    selection passed on, as the browser sends it)."""
    state = {"lang": "en", "year": 2024, "sex": "total", "mode": "origin", "origin": origin, "destination": None,
             "source": "undesa_ims_2024"}
    return payload_for_output(url, "corridors-flows-table-body", {"corridors-flows-table-request.data": {"state": state}})


def first_time(url: str, noops: Noops) -> None:
    """Selections never requested before: what a user pays the first time (no cache). The flows answer carries no
    table of corridors: a reader who has it open gets it in a second request ("table open")."""
    cases = {
        "year × sex, first time": [("corridors-map", "corridors-year", {"corridors-year": y, "corridors-sex": s},
                                    "region") for s in ("male", "female") for y in YEARS],
        "origin, first time": [("corridors-map", "corridors-origin", {"corridors-mode": "origin",
                                                                      "corridors-origin": o}, "world")
                               for o in ORIGINS],
        "table open, first time (origin)": ORIGINS,
        "corridor card, first time": [("corridors-card", "corridors-card-origin",
                                       {"corridors-card-origin": o, "corridors-card-destination": "RUS"}, "region")
                                      for o in ORIGINS],
    }
    noop = payload_for_output(url, NOOP_OUTPUT_ID)  # primes each connection: the baselines' is open too
    for name, specs in cases.items():
        bodies = [table_payload(url, spec) if name.startswith("table") else payload(url, *spec) for spec in specs]
        runs = [bench_callback(url, body, n=1, warmup=0, label=name, prime=noop) for body in bodies]
        times = [r.median_ms for r in runs]
        served = ",".join(sorted({r.x_cache or "?" for r in runs}))  # miss = built now; precomputed, baked, hit
        print(f"{name:<34} median {statistics.median(times):7.2f} ms ({noops.ratios(statistics.median(times))})"
              f"  {statistics.median(r.wire_bytes for r in runs):8,.0f} B sent  (n={len(runs)} distinct; {served})")


def run(url: str, n: int) -> None:
    print(f"# {url}  POST /_dash-update-component  (gzip, br accepted)")
    noops = noop_baselines(url, n)
    print(noops.lines())
    one_click_section(url, "callbacks.corridors", noops)
    print("further away (built on request; the naive reference):")
    first_time(url, noops)
    for name, spec in INTERACTIONS.items():
        result = bench_callback(url, payload(url, *spec), n=n if "world" not in name else max(20, n // 5),
                                label=name)
        print(interaction_line(name, result, noops))
    print("goal: ≤ 3× the stored no-op per interaction, the first time included  (load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url")
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args(argv)
    return against_server(args.url, run, args.n)


if __name__ == "__main__":
    raise SystemExit(main())
