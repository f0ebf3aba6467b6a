"""Load benchmark: 100 simulated visitors (bench/locustfile.py) for 60 s against gunicorn started with the
repository's gunicorn.conf.py, one worker SIGKILLed half-way, then the same load against a naive reference.

    python -m bench.bench_load [--users 100] [--duration 60] [--ref-duration 30] [--no-kill] [--no-reference]
                               [--redis] [--profile 20] [--wait 0.1 0.5]

Prints, beside each goal: requests/s, p50/p95/p99 (all requests, and by kind: pages, callbacks answered from the
response cache or computed, embeds, CSV), errors (and those around the kill), the killed worker's replacement, each
worker's memory after the run, the server's CPU time per request (what bounds throughput on 2 cores), and the load of
the machine during the run (it is shared). The reference is `gunicorn app:server` without the repository's config:
one sync worker, no preload, gunicorn's defaults — what a first deploy would run. Asserts nothing.

Starts and stops its own gunicorn (and redis-server with --redis, passed to the app as REDIS_URL) through
tests/support/server.py: process groups, killed with this process too; nothing is left running.
--profile N: py-spy samples every gunicorn process for N s in the middle of the run (py-spy must be installed)
and prints where the time goes.
"""
from __future__ import annotations

# locust monkey-patches the standard library (gevent): import it before anything else
from locust import events  # noqa: I001
from locust.env import Environment

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import gevent
import psutil

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import locustfile  # noqa: E402
from bench.gunicorn_workers import baker, is_baker, wait_workers, workers  # noqa: E402
from tests.support.server import _PRCTL, AppServer, _die_with_parent, free_port, start_app_server  # noqa: E402

GOAL_RPS = 300
GOAL_P95_MS = 200
GOAL_RSS_MB = 250
KILL_WINDOW_S = (-1.0, 5.0)  # failures this close to the kill are counted as the kill's
KINDS = ("page HTML", "page layout+deps", "revalidated (304)", "router", "callback (precomputed)", "callback (cache hit)",
         "callback (baked)", "callback (computed)", "callback (no update)", "embed", "csv")


def kind_of(name: str, cache: str, status: int) -> str:
    """The kind of a request, from its name in the statistics and the server's X-Cache header."""
    if status == 304:
        return "revalidated (304)"  # a page, layout, embed or CSV the visitor had: If-None-Match matched
    if name.startswith("page "):
        return "page HTML"
    if name in ("/_dash-layout", "/_dash-dependencies"):
        return "page layout+deps"
    if name.startswith("router "):
        return "router"
    if name.startswith("cb "):
        if status == 204:
            return "callback (no update)"  # PreventUpdate / nothing to change (e.g. a closed table)
        return {"hit": "callback (cache hit)", "precomputed": "callback (precomputed)",
                "baked": "callback (baked)"}.get(
            cache, "callback (computed)")
    return "embed" if name.startswith("embed ") else "csv"


@dataclass
class Record:
    t: float  # seconds since the run started
    name: str
    kind: str
    ms: float
    status: int
    failed: str | None


@dataclass
class KillReport:
    at: float = 0.0
    pid: int = 0
    replaced_by: list[int] = field(default_factory=list)
    respawn_s: float | None = None
    workers_after: int = 0
    cpu_s: float = 0.0  # CPU time of the killed worker (lost from the end-of-run sums)
    threads: int = 0  # the killed worker's threads (gthread: its request threads + the main one)


@dataclass
class RunResult:
    label: str
    duration: float
    records: list[Record]
    workers_rss: list[tuple[int, float, float, float]]  # pid, RSS MB, USS MB, PSS MB
    master_rss: float
    server_cpu_s: float
    bench_cpu_s: float
    machine_busy: float  # fraction of both cores busy (all processes) during the run
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    kill: KillReport | None
    profile: str | None = None
    actions: int = 0  # visitors' actions finished during the run
    action_requests: int = 0  # the requests those actions sent
    users: int = 0
    mean_wait: float = 0.0  # s between two actions of a visitor
    baker_cpu_s: float | None = None  # the baker's process (serving/bake/) during the run (None: none ran)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def tree(master: psutil.Process) -> list[psutil.Process]:
    """The master and its workers (the baker apart: its CPU is what no request wanted, counted on its own)."""
    try:
        return [master, *(child for child in master.children(recursive=True) if not is_baker(child))]
    except psutil.NoSuchProcess:
        return []


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for proc in procs:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def start_gunicorn(naive: bool, env: dict[str, str]) -> AppServer:
    port = free_port()
    argv = [sys.executable, "-m", "gunicorn", "app:server"]
    if naive:  # gunicorn's defaults, not the repository's file: 1 sync worker, no preload, no access log
        argv += ["-c", "/dev/null", "-b", f"127.0.0.1:{port}"]
        env = {**env, "CAMR_PRECOMPUTE": "0"}  # nor answers built at start-up (in a worker: killed after 30 s)
    # timeout None: longer while the repository's config builds answers at start-up (serving/precompute.py)
    return start_app_server(argv=argv, port=port, env=env, ready_path="/_dash-dependencies", timeout=None)


def kill_one_worker(master: psutil.Process, report: KillReport, t0: float) -> None:
    before = workers(master)
    if not before:
        return
    victim = before[0]
    report.cpu_s = cpu_seconds([victim])
    try:
        report.threads = victim.num_threads()
    except psutil.NoSuchProcess:
        pass
    report.pid = victim.pid
    report.at = time.perf_counter() - t0
    os.kill(victim.pid, signal.SIGKILL)
    old = {p.pid for p in before}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = workers(master)
        new = [p.pid for p in now if p.pid not in old]
        if new and len(now) >= len(before):
            report.replaced_by = new
            report.respawn_s = time.perf_counter() - t0 - report.at
            report.workers_after = len(now)
            return
        gevent.sleep(0.02)
    report.workers_after = len(workers(master))


def profile_workers(master: psutil.Process, seconds: int, out: Path) -> subprocess.Popen | None:
    """py-spy's samples of the thread holding the GIL (--gil): where the workers' Python CPU goes. Without it a
    thread waiting for the GIL was sampled in the call it had released it for (brotli, a socket or pipe write, the
    heartbeat's utime), which then looked like a tenth of the time each."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        print("(--profile: py-spy not found; `pip install py-spy`)")
        return None
    return subprocess.Popen([py_spy, "record", "--pid", str(master.pid), "--subprocesses", "--duration",
                             str(seconds), "--rate", "200", "--format", "raw", "--nonblocking", "--gil",
                             "--output", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise_profile(path: Path, top: int = 18) -> str:
    """Where the workers' time goes, from py-spy's collapsed stacks: inclusive share of the frames that matter."""
    if not path.exists():
        return "(no profile written)"
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = [f for f in stack.split(";") if f and not f.startswith("process ")]
        if not frames:
            continue
        total += n
        own[_frame(frames[-1])] += n
        for name in {_frame(f) for f in frames}:
            inclusive[name] += n
    if not total:
        return "(empty profile)"
    idle = sum(n for name, n in own.items() if any(k in name for k in ("select (", "wait (", "sleep (", "accept (")))
    lines = [f"samples {total} (idle in select/accept/wait: {idle / total:.0%}); inclusive share of busy samples:"]
    busy = max(1, total - idle)
    interesting = [(name, n) for name, n in inclusive.most_common(400)
                   if n < total and not any(k in name for k in ("select (", "wait (", "sleep (", "accept ("))]
    seen = 0
    for name, n in interesting:
        if any(skip in name for skip in ("<module>", "run (", "run_for_one", "handle (", "handle_request",
                                         "wsgi_app", "__call__", "full_dispatch", "dispatch_request", "start (",
                                         "spawn_worker", "manage_workers", "init_process", "main (", "_run_code",
                                         "run_module", "run (gunicorn", "wrapped (", "reraise")):
            continue
        lines.append(f"  {n / busy:6.1%}  {name}")
        seen += 1
        if seen >= top:
            break
    lines.append("top own time:")
    for name, n in own.most_common(10):
        lines.append(f"  {n / busy:6.1%}  {name}")
    return "\n".join(lines)


def _frame(frame: str) -> str:
    # "function (path/to/file.py:123)" → "function (file.py)"
    name, _, where = frame.partition(" (")
    file = where.split(":")[0].rsplit("/", 1)[-1].rstrip(")")
    return f"{name} ({file})"


def run_load(server: AppServer, label: str, users: int, duration: float, *, kill: bool, profile: int = 0) -> RunResult:
    master = psutil.Process(server.proc.pid)
    env = Environment(user_classes=[locustfile.DashboardVisitor], host=server.url, events=events)
    records: list[Record] = []
    t0 = time.perf_counter()

    def on_request(request_type, name, response_time, response_length, response=None, exception=None, **_):
        cache = ""
        status = 0
        if response is not None:
            status = getattr(response, "status_code", 0) or 0
            try:
                cache = (response.headers or {}).get("X-Cache", "") or ""
            except Exception:  # noqa: BLE001
                cache = ""
        records.append(Record(time.perf_counter() - t0, name, kind_of(name, cache, status), response_time or 0.0,
                              status, None if exception is None else str(exception)[:120]))

    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    actions0, action_requests0 = locustfile.ACTIONS
    me = psutil.Process()
    cpu_server0, cpu_bench0 = cpu_seconds(tree(master)), cpu_seconds([me])
    baking = baker(master)
    cpu_baker0 = cpu_seconds([baking]) if baking is not None else 0.0
    machine0 = psutil.cpu_times()
    load_before = os.getloadavg()
    report = KillReport() if kill else None
    profile_out = Path(tempfile.mkstemp(prefix="load-profile-", suffix=".txt")[1]) if profile else None
    profiler = None
    t0 = time.perf_counter()
    runner.start(users, spawn_rate=max(10, users / 2))
    if kill:
        gevent.spawn_later(duration / 2, kill_one_worker, master, report, t0)
    if profile:
        def start_profile():
            nonlocal profiler
            profiler = profile_workers(master, profile, profile_out)
        gevent.spawn_later(max(2.0, duration / 2 - profile / 2 - (3 if kill else 0)), start_profile)
    gevent.sleep(duration)
    runner.quit()
    elapsed = time.perf_counter() - t0
    env.events.request.remove_listener(on_request)
    machine1 = psutil.cpu_times()
    busy = 1 - (machine1.idle - machine0.idle + getattr(machine1, "iowait", 0) - getattr(machine0, "iowait", 0)) / \
        max(1e-9, sum(machine1) - sum(machine0))
    cpu_server = cpu_seconds(tree(master)) - cpu_server0 + (report.cpu_s if report else 0.0)
    cpu_bench = cpu_seconds([me]) - cpu_bench0
    cpu_baker = None if baking is None else max(0.0, cpu_seconds([baking]) - cpu_baker0)  # 0: it has ended
    rss = []
    for proc in workers(master):
        try:
            info = proc.memory_full_info()
            rss.append((proc.pid, info.rss / 2**20, info.uss / 2**20, getattr(info, "pss", 0.0) / 2**20))
        except psutil.NoSuchProcess:
            pass
    summary = None
    if profiler is not None:
        profiler.wait(timeout=profile + 30)
        summary = summarise_profile(profile_out)
    if profile_out is not None:
        profile_out.unlink(missing_ok=True)
    return RunResult(label, elapsed, records, rss, master.memory_info().rss / 2**20, cpu_server, cpu_bench, busy,
                     load_before, os.getloadavg(), report, summary, locustfile.ACTIONS[0] - actions0,
                     locustfile.ACTIONS[1] - action_requests0, users, mean_wait(locustfile.DashboardVisitor),
                     baker_cpu_s=cpu_baker)


def mean_wait(user_class, samples: int = 2000) -> float:
    """The mean think time of a locust user class (its wait_time drawn `samples` times)."""
    user = user_class.__new__(user_class)  # wait_time only needs the instance to be passed
    return statistics.fmean(user_class.wait_time(user) for _ in range(samples))


def offered_ceiling(result: RunResult) -> float | None:
    """Requests/s the visitors would send to a server answering instantly: each visitor does one action per think
    time, and an action sends (requests ÷ actions) requests. A rate measured near it says the think time, not the
    server, set the pace."""
    if not result.actions or not result.mean_wait:
        return None
    return result.users * requests_per_action(result) / result.mean_wait


def requests_per_action(result: RunResult) -> float:
    return result.action_requests / result.actions if result.actions else float("nan")


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def print_result(result: RunResult, reference: RunResult | None) -> None:
    recs = result.records
    ok = [r for r in recs if not r.failed]
    times = [r.ms for r in ok]
    rps = len(recs) / result.duration
    p95 = pct(times, 0.95)
    failures = [r for r in recs if r.failed]
    print(f"\n### {result.label}: {len(recs):,} requests in {result.duration:.1f} s")
    ref_rps = len(reference.records) / reference.duration if reference else None
    ref_p95 = pct([r.ms for r in reference.records if not r.failed], 0.95) if reference else None
    ratio = f"  (reference {ref_rps:.1f}/s: ×{rps / ref_rps:.1f})" if ref_rps else ""
    print(f"requests/s   {rps:8.1f}   goal ≥ {GOAL_RPS}  {mark(rps >= GOAL_RPS)}{ratio}")
    ceiling = offered_ceiling(result)
    if ceiling:
        print(f"offered      at most {ceiling:.0f} requests/s ({result.users} visitors × "
              f"{requests_per_action(result):.2f} requests per action ÷ {result.mean_wait:.2f} s mean think time: what "
              f"an instant server would get){'' if ceiling > 1.25 * GOAL_RPS else '  ⚠ too close to the goal to test it'}")
    ratio = f"  (reference {ref_p95:.0f} ms: ×{ref_p95 / p95:.1f} faster)" if ref_p95 else ""
    print(f"p95 ms       {p95:8.1f}   goal ≤ {GOAL_P95_MS}  {mark(p95 <= GOAL_P95_MS)}{ratio}")
    print(f"p50 / p99 ms {pct(times, 0.5):8.1f} / {pct(times, 0.99):.1f}   max {max(times, default=0):.0f}")
    kill = result.kill
    in_window = [r for r in failures if kill and kill.pid and KILL_WINDOW_S[0] <= r.t - kill.at <= KILL_WINDOW_S[1]]
    outside = [r for r in failures if r not in in_window]
    print(f"errors       {len(failures):8d}   goal 0 (outside the kill window: {len(outside)})  "
          f"{mark(not outside)}")
    for (name, why), n in Counter((r.name, r.failed) for r in failures).most_common(8):
        print(f"    {n:5d} × {name}: {why}")
    if kill and kill.pid:
        respawn = f"master booted pid {', '.join(map(str, kill.replaced_by))} {kill.respawn_s * 1000:.0f} ms later" \
            if kill.respawn_s is not None else "NO replacement seen within 30 s"
        in_flight = sum(1 for r in recs if r.t - r.ms / 1000 <= kill.at <= r.t)
        print(f"worker kill  SIGKILL to pid {kill.pid} ({kill.threads} threads) at {kill.at:.1f} s: "
              f"{len(in_window)} request(s) failed within {KILL_WINDOW_S[0]:+.0f}…{KILL_WINDOW_S[1]:+.0f} s, of "
              f"{in_flight} in flight on all workers at that instant (the killed one can lose only those it was "
              f"serving); {respawn}; {kill.workers_after} workers after")
    if result.workers_rss:
        worst = max(r for _, r, _, _ in result.workers_rss)
        per = ", ".join(f"{rss:.0f}/{uss:.0f}/{pss:.0f}" for _, rss, uss, pss in result.workers_rss)
        print(f"worker RSS   {worst:8.0f} MB max   goal ≤ {GOAL_RSS_MB}  {mark(worst <= GOAL_RSS_MB)}  "
              f"(RSS/unique/proportional MB per worker: {per}; master {result.master_rss:.0f} MB RSS; RSS counts "
              f"the pages shared with the master in every worker)")
    cpu_ms = result.server_cpu_s * 1000 / max(1, len(recs))
    print(f"server CPU   {cpu_ms:8.2f} ms per request (gunicorn's processes; 2 cores → ≤ {2000 / cpu_ms:.0f} "
          f"requests/s if it had the machine alone); the load generator used {result.bench_cpu_s:.1f} CPU-s "
          f"({result.bench_cpu_s * 1000 / max(1, len(recs)):.2f} ms per request, "
          f"{result.bench_cpu_s / result.duration:.0%} of a core)")
    if result.baker_cpu_s is not None:
        print(f"baker        {result.baker_cpu_s:8.2f} CPU-s during the run (serving/bake/, SCHED_IDLE: CPU no request "
              f"wanted; not in the server's figure; 0 when it ended before the run did)")
    print(f"machine      {result.machine_busy:.0%} of both cores busy during the run (every process: others' "
          f"work included); load average {result.load_before[0]:.1f} before, {result.load_after[0]:.1f} after")
    print(f"{'kind':<22} {'n':>6} {'share':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    by_kind = defaultdict(list)
    for r in ok:
        by_kind[r.kind].append(r.ms)
    for kind in KINDS:
        values = by_kind.get(kind, [])
        if values:
            print(f"{kind:<22} {len(values):6d} {len(values) / max(1, len(ok)):6.1%} {pct(values, 0.5):8.1f} "
                  f"{pct(values, 0.95):8.1f} {pct(values, 0.99):8.1f}")
    ready = sum(len(by_kind.get(f"callback ({kind})", [])) for kind in ("cache hit", "precomputed", "baked"))
    computed = len(by_kind.get("callback (computed)", []))
    if ready + computed:
        print(f"callbacks with an answer ready (response cache, precomputed or baked): "
              f"{ready / (ready + computed):.0%} of those answered 200")
    slowest = sorted(((statistics.median(v), n) for n, v in _by_name(ok).items() if len(v) >= 5), reverse=True)[:6]
    print("slowest (median ms): " + ", ".join(f"{name} {ms:.0f}" for ms, name in slowest))
    if result.profile:
        print("profile (py-spy, all gunicorn processes):\n" + result.profile)


def _by_name(records: list[Record]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = defaultdict(list)
    for r in records:
        out[r.name].append(r.ms)
    return out


def start_redis() -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, preexec_fn=_die_with_parent if _PRCTL else None)
    deadline = time.monotonic() + 10
    import socket
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("redis-server did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=100)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    ap.add_argument("--ref-duration", type=float, default=30.0, help="seconds of load on the reference (30)")
    ap.add_argument("--no-kill", action="store_true", help="do not kill a worker half-way")
    ap.add_argument("--no-reference", action="store_true", help="skip the naive reference")
    ap.add_argument("--redis", action="store_true", help="start redis-server and share the response cache")
    ap.add_argument("--profile", type=int, default=0, metavar="S", help="py-spy the workers for S seconds")
    ap.add_argument("--wait", type=float, nargs=2, metavar=("MIN", "MAX"),
                    help=f"think time between a visitor's actions (default {locustfile.WAIT[0]} {locustfile.WAIT[1]})")
    args = ap.parse_args(argv)
    if args.wait:
        # a plain function on the class, as locust's `between` is meant to be used (called with the user)
        locustfile.DashboardVisitor.wait_time = locustfile.between(*args.wait)
    wait = args.wait or locustfile.WAIT

    env = {"PYTHONUNBUFFERED": "1"}
    redis = None
    try:
        if args.redis:
            redis, env["REDIS_URL"] = start_redis()
        print(f"# load: {args.users} visitors, think time {wait[0]}–{wait[1]} s, {args.duration:.0f} s; "
              f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}"
              f"{'; response cache in redis-server' if redis else ''}", flush=True)
        with start_gunicorn(naive=False, env=env) as server:
            master = psutil.Process(server.proc.pid)
            wait_workers(master)
            baking = os.environ.get("CAMR_BAKE", "1").strip().lower() not in ("0", "off", "false", "no")
            print(f"# gunicorn with gunicorn.conf.py: {len(workers(master))} workers, {server.url}; the baker "
                  f"(serving/bake/) {'on' if baking else 'off (CAMR_BAKE=0)'}", flush=True)
            main_run = run_load(server, "gunicorn.conf.py", args.users, args.duration, kill=not args.no_kill,
                                profile=args.profile)
            if not server.alive():
                print("gunicorn exited during the run:\n" + server.output())
        reference = None
        if not args.no_reference:
            if redis is not None:  # the reference starts with an empty cache, like the main run
                subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "FLUSHALL"], capture_output=True)
            with start_gunicorn(naive=True, env=env) as server:
                print(f"# reference: `gunicorn -c /dev/null app:server` (1 sync worker, no preload), "
                      f"{args.ref_duration:.0f} s", flush=True)
                reference = run_load(server, "reference", args.users, args.ref_duration, kill=False)
        print_result(main_run, reference)
        if reference is not None:
            print_result(reference, None)
    finally:
        if redis is not None:
            redis.terminate()
            try:
                redis.wait(5)
            except subprocess.TimeoutExpired:
                redis.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
