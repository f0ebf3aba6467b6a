"""Load time and memory of the curated data: ``python -m bench.bench_data_load [--runs 5]``.

Each run is a fresh Python process that imports data.query, builds a DataStore over data/curated (read + validate)
and answers four first queries. Wall and CPU seconds are both printed: on a busy machine the wall time grows, the CPU
time much less. Peak RSS is of the whole process (interpreter + pandas included). Budget: load ≤ 1 s, peak RSS
≤ 150 MB. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, time
start = time.perf_counter()
from data.query import DataStore
imported = time.perf_counter()
cpu_before = time.process_time()
store = DataStore()
loaded = time.perf_counter()
load_cpu = time.process_time() - cpu_before
store.values_for_map("SM.POP.TOTL", 2024)
store.series("BX.TRF.PWKR.DT.GD.ZS", ["TJK", "KGZ", "UZB"])
store.corridors("stock_total", destinations=["RUS"], year=2024)
store.ranking("BX.TRF.PWKR.CD.DT", 2023)
queried = time.perf_counter()
print(json.dumps({"import_s": imported - start, "load_s": loaded - imported, "load_cpu_s": load_cpu,
                  "first_queries_s": queried - loaded,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_once() -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args(argv).runs
    results = [run_once() for _ in range(runs)]
    print(f"curated data load, {runs} fresh processes (budget: load ≤ 1 s, peak RSS ≤ 150 MB)")
    for key, label in (("import_s", "import data.query"), ("load_s", "DataStore() load + validate"),
                       ("load_cpu_s", "  of which CPU seconds"),
                       ("first_queries_s", "4 first queries"), ("peak_rss_mb", "peak RSS (MB)")):
        values = sorted(result[key] for result in results)
        print(f"  {label:<30} min {values[0]:8.3f}   median {values[len(values) // 2]:8.3f}   max {values[-1]:8.3f}")


if __name__ == "__main__":
    main()
