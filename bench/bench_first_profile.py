"""A fresh gunicorn worker's first country profile whose stored copy is gone, against its later ones.

    python -m bench.bench_first_profile [--countries FRA BRA NGA IND] [--lang en] [--page] [--workers 1] [--expired]

gunicorn's master stores every profile for the workers (serving/profiles.py), but a stored copy ages out; a worker
then builds the profile on request. Here gunicorn runs with the repository's gunicorn.conf.py (preload, warm-up),
without the stored profiles (CAMR_PROFILES=0: every profile's copy gone, as after they expired; the master is the
same, since those are built in forked processes) or, with `--expired`, with them stored and aged out before the
worker asks (CAMR_CACHE_TTL=1: the shared files' and the response cache's entries live 1 s), one worker by default so
that every request reaches the same fresh worker, and no baker. Each country's profile is then asked for once, as the
router's in-app navigation asks for it (`--page`: as a full load, the page's HTML), in order: the first is the
worker's first profile, the others its later first-time profiles. Prints each request's
wall time, the worker's CPU time for it (psutil, all its threads), `X-Cache` (miss: built on request), and the
master's and workers' RSS/unique memory after start and at the end, with the load average beside them (the machine
is shared: compare two versions run alternately). Starts and stops its own gunicorn. Asserts nothing.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import time
from pathlib import Path

import psutil

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gunicorn_workers import wait_workers, workers  # noqa: E402
from serving.warmup import UPDATE_PATH, router_request  # noqa: E402
from tests.support.server import start_app_server  # noqa: E402


def memory(proc: psutil.Process) -> str:
    info = proc.memory_full_info()
    return f"{info.rss / 2**20:.0f}/{info.uss / 2**20:.0f}"


def report(label: str, master: psutil.Process) -> None:
    per = ", ".join(memory(worker) for worker in workers(master))
    print(f"{label}: master RSS/unique MB {memory(master)}; workers {per}  "
          f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})", flush=True)


def cpu_seconds(proc: psutil.Process) -> float:
    """The CPU time of all the process's threads, to the nanosecond (/proc/PID/task/*/schedstat: psutil's
    cpu_times counts in 10 ms clock ticks, as long as a profile's whole build); psutil's elsewhere."""
    tasks = Path(f"/proc/{proc.pid}/task")
    if not tasks.is_dir():
        times = proc.cpu_times()
        return times.user + times.system
    total = 0
    for task in tasks.iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread gone in between
    return total / 1e9


def ask(url: str, path: str, lang: str, page: bool = False) -> tuple[float, str, int]:
    """The router's answer for `path` (`page`: the page's HTML): (wall seconds, X-Cache, status)."""
    host, port = url.split("//", 1)[1].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    started = time.perf_counter()
    try:
        if page:
            conn.request("GET", f"{path}?lang={lang}", headers={"Accept-Encoding": "br"})
        else:
            body = json.dumps(router_request(path, f"?lang={lang}")).encode()
            conn.request("POST", UPDATE_PATH, body=body, headers={"Content-Type": "application/json",
                                                                  "Accept-Encoding": "br"})
        response = conn.getresponse()
        response.read()
        seconds = time.perf_counter() - started
        return seconds, response.getheader("X-Cache") or "-", response.status
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--countries", nargs="+", default=["FRA", "BRA", "NGA", "IND"],
                    help="profiles asked for in order (none of them a target country: those are precomputed)")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--page", action="store_true", help="ask for the page's HTML (a full load), not the router's")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--expired", action="store_true", help="profiles stored, then aged out (CAMR_CACHE_TTL=1)")
    args = ap.parse_args(argv)
    env = {"PYTHONUNBUFFERED": "1", "CAMR_BAKE": "0", "WEB_CONCURRENCY": str(args.workers),
           **({"CAMR_CACHE_TTL": "1"} if args.expired else {"CAMR_PROFILES": "0"})}
    started = time.perf_counter()
    with start_app_server(argv=[sys.executable, "-m", "gunicorn", "app:server"], env=env,
                          ready_path="/_dash-dependencies", timeout=None) as server:
        master = psutil.Process(server.proc.pid)
        wait_workers(master)
        print(f"# gunicorn with gunicorn.conf.py, {len(workers(master))} worker(s), "
              f"{'profiles stored, aged out (CAMR_CACHE_TTL=1)' if args.expired else 'CAMR_PROFILES=0'}, up in "
              f"{time.perf_counter() - started:.1f} s; {'page HTML' if args.page else 'router answers'}", flush=True)
        time.sleep(2 if args.expired else 0)  # past the stored copies' 1 s
        report("after start", master)
        for place, iso3 in enumerate(args.countries):
            before = {worker.pid: cpu_seconds(worker) for worker in workers(master)}
            seconds, cache, status = ask(server.url, f"/country/{iso3}", args.lang, args.page)
            used = sum(cpu_seconds(worker) - before.get(worker.pid, 0.0) for worker in workers(master))
            print(f"{'first' if place == 0 else 'later':5} /country/{iso3} ({args.lang}): {seconds * 1000:7.1f} ms wall, "
                  f"{used * 1000:7.1f} ms worker CPU, X-Cache {cache}, HTTP {status}  "
                  f"(load average {os.getloadavg()[0]:.1f})", flush=True)
        report("at the end", master)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
