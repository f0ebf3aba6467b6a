"""Memory benchmark: gunicorn (the repository's gunicorn.conf.py) under a fixed amount of traffic, not a fixed time.

    python -m bench.bench_memory [--visitors 12] [--actions 150] [--seed 1]

bench_load measures memory after 60 s of load, so what a worker holds depends on how many requests the shared
machine let it answer in that time (2,500 on a busy machine, 8,000 on a quiet one). Here the same visitors
(bench/load_user.py, seeded: the same requests every run) do the same number of actions each, with no think time,
`--visitors` at once (default 12: the 3 workers × 4 threads busy), so that two versions of the code can be compared
on the same run of requests whatever the load. Prints the master's and each worker's RSS, unique (USS) and
proportional (PSS) memory once the workers are up and again after the traffic, and their sum of PSS: what the
whole server costs the machine. Goal (issue 14): worker RSS ≤ 250 MB. Starts and stops its own gunicorn; nothing is
left running. Asserts nothing.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
from pathlib import Path

import psutil

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gunicorn_workers import wait_workers, workers  # noqa: E402
from bench.load_user import Reply, Visitor  # noqa: E402
from tests.support.server import AppServer, start_app_server  # noqa: E402

GOAL_MB = 250
HEADERS = {"User-Agent": "Mozilla/5.0 (camr memory bench)", "Accept-Encoding": "br, gzip"}


class HttpTransport:
    """One connection per request (gunicorn.conf.py: keepalive 0), as locust's client sees the server."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.failures = 0

    def _send(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers={**HEADERS, **headers})
            response = conn.getresponse()
            data = response.read()
            raw = {k.lower(): v for k, v in response.getheaders()}
        finally:
            conn.close()
        data = _decoded(data, raw.get("content-encoding", ""))
        if response.status not in (200, 204, 304):
            self.failures += 1
        return Reply(response.status, raw, data)

    def get(self, path: str, name: str, headers: dict[str, str] | None = None) -> Reply:
        return self._send("GET", path, None, headers or {})

    def post(self, path: str, body: dict, name: str) -> Reply:
        return self._send("POST", path, json.dumps(body).encode(), {"Content-Type": "application/json"})


def _decoded(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        import brotli

        return brotli.decompress(data)
    if encoding == "gzip":
        import gzip

        return gzip.decompress(data)
    return data


def start_gunicorn() -> AppServer:
    """As bench_load starts it (not imported from there: locust patches the standard library's threads), without the
    baker unless CAMR_BAKE=1 is set (serving/bake/: how much it bakes depends on the machine's idle time, which would
    change what the workers build, and hold, from one run to the next)."""
    argv = [sys.executable, "-m", "gunicorn", "app:server"]
    return start_app_server(argv=argv, env={"PYTHONUNBUFFERED": "1", "CAMR_BAKE": os.environ.get("CAMR_BAKE", "0")},
                            ready_path="/_dash-dependencies", timeout=None)


def memory(proc: psutil.Process) -> tuple[float, float, float]:
    info = proc.memory_full_info()
    return info.rss / 2**20, info.uss / 2**20, getattr(info, "pss", 0.0) / 2**20


def report(label: str, master: psutil.Process) -> float:
    """Print the master's and each worker's memory; return the largest worker RSS."""
    m = memory(master)
    rows = [memory(w) for w in workers(master)]
    per = ", ".join(f"{r:.0f}/{u:.0f}/{p:.0f}" for r, u, p in rows)
    total = m[2] + sum(p for _, _, p in rows)
    worst = max((r for r, _, _ in rows), default=float("nan"))
    print(f"{label}: workers RSS/unique/PSS MB {per}; master {m[0]:.0f}/{m[1]:.0f}/{m[2]:.0f}; "
          f"sum of PSS {total:.0f} MB; worst worker RSS {worst:.0f} MB  goal ≤ {GOAL_MB}  "
          f"{'✓' if worst <= GOAL_MB else '✗'}  (load average {os.getloadavg()[0]:.1f})", flush=True)
    return worst


def traffic(url: str, visitors: int, actions: int, seed: int) -> tuple[int, int, float]:
    """`visitors` seeded visitors at once, `actions` each; (requests, failures, seconds)."""
    host, port = url.split("//", 1)[1].rsplit(":", 1)
    done: list[tuple[int, int]] = []
    problems: list[str] = []

    def run(i: int) -> None:
        transport = HttpTransport(host, int(port))
        visitor = Visitor(transport, random.Random(seed * 1000 + i),
                          on_problem=lambda name, why: problems.append(f"{name}: {why}"))
        for _ in range(actions):
            try:
                visitor.act()
            except Exception as error:  # noqa: BLE001 — counted, the visitor goes on
                problems.append(repr(error)[:120])
        done.append((visitor.requests, transport.failures))

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for problem in problems[:5]:
        print("problem:", problem)
    return sum(r for r, _ in done), len(problems), time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--visitors", type=int, default=12)
    ap.add_argument("--actions", type=int, default=150, help="actions per visitor (default 150)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    with start_gunicorn() as server:
        master = psutil.Process(server.proc.pid)
        wait_workers(master)
        print(f"# gunicorn with gunicorn.conf.py: {len(workers(master))} workers, up in "
              f"{time.perf_counter() - started:.1f} s (load average {os.getloadavg()[0]:.1f})", flush=True)
        report("after start", master)
        requests, problems, seconds = traffic(server.url, args.visitors, args.actions, args.seed)
        print(f"# {args.visitors} visitors × {args.actions} actions (seed {args.seed}): {requests} requests in "
              f"{seconds:.0f} s, {problems} problems", flush=True)
        report("after traffic", master)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
