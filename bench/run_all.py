"""Every benchmark, one after the other, against one app server: `python bench/run_all.py [--quick] [--load]`.

Prints figures; asserts nothing. Data and geometry are measured without a server; start-up time and memory with
and without the answers built at start-up against servers of their own (`python app.py` both ways, gunicorn with
2 workers); the views' callbacks and the page load against one `python app.py` started here (its caches start
cold, as after a deploy; the answers one click from each default page are built before it answers). With --load,
then the load benchmark (bench/bench_load.py: locust against gunicorn, ~2 minutes; --quick shortens it).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import (bench_callbacks, bench_corridors, bench_country, bench_data_load, bench_geo,  # noqa: E402
                   bench_map, bench_page, bench_remittances)
from tests.support.server import start_app_server  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--load", action="store_true", help="also the load benchmark (locust against gunicorn)")
    parser.add_argument("--redis", action="store_true", help="the load benchmark with the cache in redis-server")
    args = parser.parse_args(argv)
    n = ["-n", "30"] if args.quick else []
    print("## data load", flush=True)
    bench_data_load.main(["--runs", "2" if args.quick else "5"])
    print("\n## geometry", flush=True)
    bench_geo.main([])
    print("\n## start-up and memory (answers built at start-up: serving/precompute.py)", flush=True)
    bench_callbacks.startup_costs()
    with start_app_server() as server:
        for name, module, extra in (("map", bench_map, n), ("remittances", bench_remittances, n),
                                    ("corridors", bench_corridors, n), ("country profiles", bench_country, []),
                                    ("page load", bench_page, ["--runs", "3" if args.quick else "5"])):
            print(f"\n## {name}", flush=True)
            module.main(["--url", server.url, *extra])
    if args.load:
        print("\n## load (locust against gunicorn)", flush=True)
        load = ["--duration", "30", "--ref-duration", "15"] if args.quick else []
        # its own process: locust patches the standard library (gevent), which the benchmarks above must not get
        subprocess.run([sys.executable, "-m", "bench.bench_load", *load, *(["--redis"] if args.redis else [])],
                       cwd=Path(__file__).resolve().parents[1], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
