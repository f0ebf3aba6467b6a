"""Map view callbacks: each interaction the first time and repeated, as a ratio to the no-op callback, beside a naive
reference and the goal.

    python -m bench.bench_map [--url http://127.0.0.1:8050] [-n 200]

Without --url it starts `python app.py` on a free port (with the answers built at start-up, as in production:
serving/precompute.py), so first-time requests really are the first. Interactions start from the default page
(emigrants, 2024, Central Asia, no focus) as the browser sends them:
  first      median over distinct selections of that kind, one request each; the column after it says how they
             were answered (precomputed, miss = built now, hit = response cache);
  repeated   the same selections asked again, one request each, measured as the first ones (after the same
             untimed no-op on a connection of their own): the goal's first/repeated; beside it the first selection
             posted n times in a row (a loop, faster than any single request: its code and data stay in the CPU's
             caches) and first/loop, as printed before 2026-12-01;
  naive      a plotly-express choropleth of the same selection, built fresh and encoded to JSON in this process,
             plus the no-op's round trip: what a full figure per update would cost;
  year change in focus mode is not precomputed (focus × year × indicator is too many): its first time is built.
Prints figures; asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_callbacks import (GOAL_FIRST, GOAL_MAP_FIRST_VS_REPEATED, against_server,  # noqa: E402
                                   first_and_repeated, first_line, noop_baselines, payload_for_output)

STATE = {"lang": "en", "indicator": "emigrants", "year": 2024, "scope": "region", "focus": None}  # the default page
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
TARGETS = ("KAZ", "KGZ", "TJK", "UZB", "RUS", "AFG", "TUR", "CHN")
# Focus countries of the "year change in focus mode" row: 3 × 7 years = 21 single requests. With 7 (UZB alone)
# its first/repeated moved from 1.3 to 1.7 between runs of one commit on a quiet machine (load 0.5–1.4).
FOCUS_YEAR_COUNTRIES = ("UZB", "KGZ", "TJK")
INTERACTIONS = {  # name → (changed input, a list of distinct selections of that kind)
    "year change": ("map-year", [{"map-year": year} for year in YEARS]),
    "indicator change": ("map-indicator", [{"map-indicator": key}
                                           for key in ("immigrants", "immigrants_pct", "emigrants_pct")]),
    "focus on a target country": ("map-focus", [{"map-focus": code} for code in TARGETS]),
    "extent change (whole figure)": ("map-scope", [{"map-scope": "world", "map-year": year} for year in YEARS]),
    "year change in focus mode": ("map-year", [{"map-year": year, "map-focus": focus}
                                               for focus in FOCUS_YEAR_COUNTRIES for year in YEARS]),
}
MAP_GOAL = f"first ≤ {GOAL_FIRST:g}× stored no-op and ≤ {GOAL_MAP_FIRST_VS_REPEATED:g}× repeated"


def map_payload(url: str, changed: str, values: dict) -> dict:
    inputs = {"map-indicator": STATE["indicator"], "map-year": STATE["year"], "map-scope": "region",
              "map-focus": None, **values}
    payload = payload_for_output(url, "map-graph", {f"{k}.value": v for k, v in inputs.items()},
                                 {"page-state.data": STATE})
    payload["changedPropIds"] = [f"{changed}.value"]
    return payload


def naive_ms(values: dict, runs: int = 3) -> float:
    """A px.choropleth of the selection with the region's geometry inside, built and encoded to JSON here."""
    import plotly.express as px

    import geo
    from data.query import get_store
    from figures.map.indicators import INDICATORS

    store = get_store()
    indicator = INDICATORS[values.get("map-indicator", STATE["indicator"])]
    frame = store.values_for_map(indicator, values.get("map-year", STATE["year"]))
    geometry = geo.world_geojson() if values.get("map-scope") == "world" else geo.region_geojson()
    times = []
    for run in range(runs + 1):  # the first run imports plotly.express: not counted
        started = time.perf_counter()
        figure = px.choropleth(frame, geojson=geometry, featureidkey="id", locations="iso3", color="value",
                               hover_name="iso3", hover_data=["source"])
        figure.update_geos(fitbounds="locations", visible=False)
        figure.to_json()
        if run:
            times.append((time.perf_counter() - started) * 1000.0)
    return statistics.median(times)


def run(url: str, n: int) -> None:
    print(f"# {url}  POST /_dash-update-component  (br accepted)")
    noops = noop_baselines(url, n)
    print(noops.lines())
    for name, (changed, selections) in INTERACTIONS.items():
        payloads = [map_payload(url, changed, values) for values in selections]
        result = first_and_repeated(url, payloads, n=n if "extent" not in name else 20, label=name)
        naive = noops.ms + naive_ms(selections[0])
        print(first_line(name, result, noops, naive, MAP_GOAL), flush=True)
    print("goals: year change ≤ 5 KB sent; naive = px.choropleth built fresh + JSON, plus the stored no-op's round "
          f"trip  (load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url")
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args(argv)
    return against_server(args.url, run, args.n)


if __name__ == "__main__":
    raise SystemExit(main())
