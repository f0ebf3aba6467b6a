"""Map view callbacks: a year step (the play button's unit of work) as a ratio to the no-op callback, and bytes.

    python -m bench.bench_map [--url http://127.0.0.1:8050] [-n 200]

Without --url it starts `python app.py` on a free port. Figures for a year change (values only: a Patch),
an indicator change, a focus change (adds the focus outline) and an extent change (sends the world geometry).
Prints figures; asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_callbacks import (NOOP_OUTPUT_ID, against_server, bench_callback,  # noqa: E402
                                   interaction_line, payload_for_output)

STATE = {"lang": "en", "indicator": "immigrants", "year": 2024, "scope": "region", "focus": None}
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
INTERACTIONS = {  # name → (changed input, values)
    "year change": ("map-year", {"map-year": 2010}),
    "year change in focus mode": ("map-year", {"map-year": 2010, "map-focus": "UZB"}),
    "indicator change": ("map-indicator", {"map-indicator": "emigrants_pct"}),
    "focus change": ("map-focus", {"map-focus": "KAZ"}),
    "extent change (world geometry)": ("map-scope", {"map-scope": "world"}),
}


def map_payload(url: str, changed: str, values: dict) -> dict:
    inputs = {"map-indicator": STATE["indicator"], "map-year": STATE["year"], "map-scope": "region",
              "map-focus": None, **values}
    payload = payload_for_output(url, "map-graph", {f"{k}.value": v for k, v in inputs.items()},
                                 {"page-state.data": STATE})
    payload["changedPropIds"] = [f"{changed}.value"]
    return payload


def run(url: str, n: int) -> None:
    print(f"# {url}  POST /_dash-update-component  (br accepted)")
    noop = bench_callback(url, payload_for_output(url, NOOP_OUTPUT_ID), n=n, label="noop")
    print(noop.line())
    cold = [bench_callback(url, map_payload(url, "map-year", {"map-year": y, "map-indicator": ind}), n=1, warmup=0,
                           label="cold").median_ms
            for ind in ("emigrants", "immigrants_pct") for y in YEARS]
    print(f"{'year change, first time':<34} median {statistics.median(cold):7.2f} ms "
          f"({statistics.median(cold) / noop.median_ms:.1f}× noop)")
    for name, (changed, values) in INTERACTIONS.items():
        result = bench_callback(url, map_payload(url, changed, values), n=n if "extent" not in name else 20,
                                label=name)
        print(interaction_line(name, result, noop.median_ms))
    print("goals: year change ≤ 3× noop and ≤ 5 KB sent")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url")
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args(argv)
    return against_server(args.url, run, args.n)


if __name__ == "__main__":
    raise SystemExit(main())
