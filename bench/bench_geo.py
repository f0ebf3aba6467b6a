"""Map geometry weight and load time: ``python -m bench.bench_geo [--runs 20]``.

Prints, for geo/region.geojson and geo/world.geojson: size raw and gzip-compressed (level 6, what flask-compress
sends), feature and vertex counts, cold load time (json.load from disk, median of --runs) and the cached
``geo.layer(scope)`` call (what requests use: the ids and each feature's JSON); plus the size of a plotly figure JSON holding the layer,
which is what a callback would send if it re-sent the geometry.  Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parents[1] / "geo"


def _vertices(coords) -> int:
    if coords and isinstance(coords[0], (int, float)):
        return 1
    return sum(_vertices(c) for c in coords)


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)

    import geo  # imported here so that the import itself is not part of the timings below
    import plotly.graph_objects as go

    print(f"{'file':<16}{'raw KB':>9}{'gzip KB':>9}{'features':>10}{'vertices':>10}"
          f"{'json.load ms':>14}{'cached µs':>11}{'fig JSON KB':>13}")
    for scope, loader in (("region", geo.region_geojson), ("world", geo.world_geojson)):
        path = GEO_DIR / f"{scope}.geojson"
        raw = path.read_bytes()
        gz = gzip.compress(raw, compresslevel=6, mtime=0)

        def cold():
            with path.open(encoding="utf-8") as fh:
                return json.load(fh)

        cold_ms = _median_ms(cold, args.runs)
        geo.layer(scope)  # first call makes the layer kept per process (geo.Layer: ids and each feature's JSON)
        cached_us = _median_ms(lambda: geo.layer(scope), args.runs * 50) * 1000
        fc = loader()
        n_vertices = sum(_vertices(f["geometry"]["coordinates"]) for f in fc["features"])
        ids = geo.feature_ids(scope)
        fig = go.Figure(go.Choropleth(geojson=fc, locations=ids, z=[0] * len(ids), featureidkey="properties.iso3"))
        fig_kb = len(fig.to_json()) / 1000
        print(f"{path.name:<16}{len(raw) / 1000:>9.1f}{len(gz) / 1000:>9.1f}{len(fc['features']):>10}"
              f"{n_vertices:>10}{cold_ms:>14.2f}{cached_us:>11.2f}{fig_kb:>13.1f}")

    t0 = time.perf_counter()
    from geo import build  # noqa: F401  (geopandas import cost, build-time only)

    print(f"import geo.build (geopandas, build time only): {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
