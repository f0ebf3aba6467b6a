"""The reachable state space of each view's callbacks, and what baking it would cost (serving/bake/).

    python -m bench.bench_bake [--sample 25] [--distance 2] [--seed 1]
    python -m bench.bench_bake --compare [-n 30] [--wait 900] [--no-views]

In process (no server; answers built through the app's callback route past every store, as start-up builds them):
  every combination   per callback, the product of the number of values each of its inputs and states offers
                      (a list of countries: every subset), in both languages: how many distinct answers exist;
  within N clicks     the distinct answers (response-cache keys, by selection) of the requests the renderer sends
                      on the way to every selection within 1 and N changes of the default page (the plan of
                      serving/bake/plan.py), per view;
  for each, a sample's build CPU (thread time, median and mean) and stored bytes (brotli quality 1 as a worker
  stores them, 5 as the baker does), and the totals they extrapolate to, beside the shared store's bound
  (CAMR_SHARED_CACHE_MB, the baker's share of it) and one core's minutes.
With --compare: gunicorn with the repository's config (and CAMR_BENCH_NOOP=1) twice, the baker on (waiting up to
--wait s for its plan to stop: it runs only on idle CPU, so on a busy machine it may not; then it is killed, so that
following the bench's own requests does not count) and off (CAMR_BAKE=0); each
time, first, selections two changes from a default page as the renderer requests them after the first change's
answers (the likeliest dozen per view, the first the baker builds after the one-change ones, and a dozen unlikely
ones far down its list), one request each, the first time; then (unless --no-views) bench_map, bench_remittances
and bench_corridors against it.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("CAMR_PRECOMPUTE", "0")


def combinations(found, callbacks: dict, triggered: set) -> dict[str, float]:
    """Per callback (by its first output) of a view: distinct answers over every combination of its controls'
    values, in one language (a trigger-dependent callback: × its inputs)."""
    offered = {prop: (2.0 ** len({c for choice in options for c in choice}) if options and isinstance(options[0], list)
                      else len(options) + 1) for prop, options in found.controls}
    out = {}
    for output, spec in callbacks.items():
        deps = [f"{d['id']}.{d['property']}" for d in (*spec["inputs"], *spec.get("state", []))]
        if not any(dep in offered for dep in deps[:len(spec["inputs"])]):
            continue
        count = math.prod(offered.get(dep, 1) for dep in deps)
        if output in triggered:  # its answer depends on which input changed too
            count *= sum(dep in offered for dep in deps[:len(spec["inputs"])])
        out[output] = count
    return out


def build_cost(app, bodies: list[dict]) -> tuple[list[float], list[int], list[int]]:
    """Thread CPU (ms) and brotli bytes (quality 1 and 5) of each body's answer, built now past every store."""
    import brotli

    from serving import precompute

    client = app.server.test_client()
    cpu, q1, q5 = [], [], []
    for body in bodies:
        started = time.thread_time()
        response = client.post(precompute.UPDATE_PATH, json=body, headers={"Accept-Encoding": "identity"},
                               environ_overrides={precompute.ENVIRON_KEY: precompute.Precomputed()})
        data = response.get_data()
        cpu.append((time.thread_time() - started) * 1000.0)
        if response.status_code == 200:
            q1.append(len(brotli.compress(data, quality=1)))
            q5.append(len(brotli.compress(data, quality=5)))
    return cpu, q1, q5


def two_changes(url: str, n: int, per_view: int = 12) -> None:
    """Selections two changes from a default page, requested as the renderer does after the first change's answers
    (serving/bake/plan.py): the likeliest (the first the baker builds) and unlikely ones (far down its list), one
    request each, the first time; beside the stored no-op."""
    from bench.bench_callbacks import bench_callback, noop_baselines
    from app import app
    from serving import precompute
    from serving.bake.plan import VIEW_MODULES, requests_for, space, states, written_values

    noops = noop_baselines(url, n)
    callbacks = precompute.server_callbacks(app)
    for name in VIEW_MODULES:
        found = space(app, name, "en")
        twos = [state for state in states(found) if state[0] == 2]
        rows = {}
        for label, chosen in (("likeliest", twos[:per_view]), ("unlikely", twos[-per_view:])):
            times, served = [], []
            for _, _, changes in chosen:
                written = {}
                first = (changes[0],)
                for body in requests_for(callbacks, found, first):  # the first change, as the renderer sent it
                    written.update(written_values(_post(url, body)))
                for body in requests_for(callbacks, found, changes, {first: written}):
                    if body["changedPropIds"] != [found.controls[changes[1][0]][0]]:
                        continue
                    result = bench_callback(url, body, n=1, warmup=0, label=label)
                    times.append(result.median_ms)
                    served.append(result.x_cache)
            rows[label] = (times, served)
        view = name.rsplit(".", 1)[1]
        for label, (times, served) in rows.items():
            if times:
                counts = {kind: served.count(kind) for kind in sorted(set(served))}
                print(f"two changes away, {view:<11} {label:<9} first time median {statistics.median(times):7.2f} ms "
                      f"({noops.ratios(statistics.median(times))})  {len(times)} requests: "
                      f"{', '.join(f'{k} {v}' for k, v in counts.items())}", flush=True)
    print(f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})")


def _post(url: str, body: dict) -> bytes:
    import http.client
    import json as _json
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("POST", "/_dash-update-component", body=_json.dumps(body),
                     headers={"Content-Type": "application/json", "Accept-Encoding": "identity"})
        return conn.getresponse().read()
    finally:
        conn.close()


def compare(n: int, wait: float, views: bool = True) -> None:
    """The view benches against gunicorn with and without the baker."""
    import tempfile

    from bench import bench_corridors, bench_map, bench_remittances
    from bench.gunicorn_workers import baker, wait_workers
    from serving.bake import process as bake_process
    from serving.bake.baker import stored_bytes
    from tests.support.server import start_app_server

    import psutil

    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    for on in ("1", "0"):
        with tempfile.TemporaryDirectory(prefix="camr-bench-bake-", dir="/dev/shm" if os.path.isdir("/dev/shm")
                                         else None) as directory:
            env = {"CAMR_BENCH_NOOP": "1", "CAMR_PRECOMPUTE": "1", bake_process.ENV: on, bake_process.DELAY_ENV: "0",
                   "CAMR_SHARED_CACHE_DIR": directory}
            with start_app_server(argv=[gunicorn, "app:server"], env=env) as server:
                master = psutil.Process(server.proc.pid)
                wait_workers(master)
                print(f"\n=== gunicorn (repository config) with CAMR_BAKE={on} at {server.url}", flush=True)
                started = time.monotonic()

                def plan_line():  # the baker prints it when its plan stops (then it stays to follow the visitors)
                    return next((text for text in reversed(server.output(tail=400_000).splitlines())
                                 if text.startswith("bake: ")), None)

                while on == "1" and baker(master) is not None and plan_line() is None \
                        and time.monotonic() - started < wait:
                    time.sleep(2)
                line = plan_line()
                print(f"baker: {line or 'still running or none'}; waited {time.monotonic() - started:.0f} s; the "
                      f"shared store holds {len(os.listdir(directory)):,} answers, "
                      f"{stored_bytes(directory) / 2**20:.1f} MB (load average "
                      f"{' '.join(f'{x:.1f}' for x in os.getloadavg())})", flush=True)
                if baker(master) is not None:
                    baker(master).kill()  # what it has not built is measured as it is; it follows no request here
                two_changes(server.url, n)
                if views:
                    bench_map.run(server.url, n)
                    bench_remittances.run(server.url, n, 20)
                    bench_corridors.run(server.url, n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=25, help="answers built per view and distance (default 25)")
    parser.add_argument("--distance", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="the view benches with and without the baker")
    parser.add_argument("-n", type=int, default=30, help="--compare: requests per repeated measurement")
    parser.add_argument("--wait", type=float, default=900, help="--compare: seconds to wait for the baker")
    parser.add_argument("--no-views", action="store_true", help="--compare: only the two-changes selections")
    args = parser.parse_args(argv)
    if args.compare:
        compare(args.n, args.wait, views=not args.no_views)
        return 0
    rng = random.Random(args.seed)

    from app import app
    from serving import precompute, shared_cache
    from serving.bake.baker import BAKE_SHARE
    from serving.bake.plan import VIEW_MODULES, plan, requests_for, space

    response_cache = app.server.extensions["camr_response_cache"]
    callbacks = precompute.server_callbacks(app)
    triggered = {output for output in callbacks if output.startswith(("..map-graph.figure", "..corridors-map.figure"))}
    bound = shared_cache.megabytes() * 2**20
    share = bound * BAKE_SHARE
    print(f"# reachable answers per view (both languages); shared store bound {bound / 2**20:.0f} MB "
          f"(CAMR_SHARED_CACHE_MB), the baker's share {share / 2**20:.0f} MB")
    print(f"{'view':<12} {'reach':<22} {'answers':>12} {'CPU med ms':>10} {'CPU mean':>9} {'total CPU':>12} "
          f"{'br q1 mean':>10} {'br q5 mean':>10} {'total q5':>11}")
    plan_totals = []
    for name in VIEW_MODULES:
        view = name.rsplit(".", 1)[1]
        spaces = [space(app, name, lang) for lang in ("en", "ru")]
        every = {}
        for found in spaces:
            for output, count in combinations(found, callbacks, triggered).items():
                every[output] = every.get(output, 0) + count
        keys_by_distance: dict[int, dict[str, dict]] = {}
        started = time.perf_counter()
        for distance, _, found, changes in plan(spaces, args.distance):
            known = keys_by_distance.setdefault(distance, {})
            for body in requests_for(callbacks, found, changes):
                key = response_cache.key(body)
                if not any(key in keys for keys in keys_by_distance.values()):
                    known[key] = body
        enumerated = time.perf_counter() - started
        for distance in sorted(keys_by_distance):
            bodies = list(keys_by_distance[distance].values())
            sample = rng.sample(bodies, min(args.sample, len(bodies)))
            cpu, q1, q5 = build_cost(app, sample)
            count = len(bodies)
            mean_cpu, mean_q5 = statistics.mean(cpu), statistics.mean(q5) if q5 else 0
            plan_totals.append((view, distance, count, count * mean_cpu / 1000, count * mean_q5))
            print(f"{view:<12} {f'{distance} click(s) away':<22} {count:>12,} {statistics.median(cpu):10.1f} "
                  f"{mean_cpu:9.1f} {count * mean_cpu / 60000:9.1f} min {statistics.mean(q1):10,.0f} "
                  f"{mean_q5:10,.0f} {count * mean_q5 / 2**20:8.0f} MB", flush=True)
        # every combination: the callbacks' own figures from the 2-click sample, by callback
        sample_by_output: dict[str, tuple[list, list]] = {}
        for output, count in every.items():
            bodies = [b for keys in keys_by_distance.values() for b in keys.values() if b["output"] == output]
            if not bodies:
                continue
            cpu, _, q5 = build_cost(app, rng.sample(bodies, min(max(5, args.sample // 3), len(bodies))))
            sample_by_output[output] = (cpu, q5)
            label = f"{output.lstrip('.').split('.')[0]} ← {callbacks[output]['inputs'][0]['id']}"
            print(f"{view:<12} {'every combination':<22} {count:>12.3g} {statistics.median(cpu):10.1f} "
                  f"{statistics.mean(cpu):9.1f} {count * statistics.mean(cpu) / 6e4:9.3g} min {'':>10} "
                  f"{statistics.mean(q5):10,.0f} {count * statistics.mean(q5) / 2**20:8.3g} MB  ({label})",
                  flush=True)
        print(f"{'':<12} (plan enumerated in {enumerated:.1f} s)")
    print("\nwithin the plan, nearest first, what fits the baker's share:")
    used, cpu_s = 0.0, 0.0
    for view, distance, count, cpu, size in sorted(plan_totals, key=lambda row: row[1]):
        print(f"  {view:<12} {distance} click(s): {count:>9,} answers, {cpu / 60:6.1f} min CPU, {size / 2**20:7.1f} MB")
    for distance in sorted({row[1] for row in plan_totals}):
        size = sum(row[4] for row in plan_totals if row[1] == distance)
        cpu = sum(row[3] for row in plan_totals if row[1] == distance)
        used += size
        cpu_s += cpu
        print(f"  up to {distance} click(s): {used / 2**20:7.1f} MB ({used / share:5.0%} of the baker's share), "
              f"{cpu_s / 60:6.1f} min of one core")
    print(f"(thread CPU per answer built in this process; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}: the machine is shared)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
