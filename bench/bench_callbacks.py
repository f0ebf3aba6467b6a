"""Callback latency: POST one callback request to a running Dash server N times; print median latency and size.

As a library (any running server, any payload):

    from bench.bench_callbacks import bench_callback, payload_for_output
    payload = payload_for_output(url, "bench-noop-output")          # built from /_dash-dependencies
    print(bench_callback(url, payload, n=300, label="noop").line())

As a script (starts `python app.py` on a free port unless --url is given; always measures the no-op baseline
`bench-noop-input` -> `bench-noop-output` first, then each --output-id / --payload given):

    python -m bench.bench_callbacks [--url http://127.0.0.1:8050] [-n 300] [--output-id ID ...] [--payload f.json ...]

Prints figures; asserts nothing about speed. Uses one keep-alive connection (http.client, no proxy), so the
figures are server time plus loopback, not TCP set-up.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import statistics
import sys
import time
import zlib
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):  # `python bench/bench_callbacks.py`: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.server import http_get, start_app_server  # noqa: E402

UPDATE_PATH = "/_dash-update-component"
NOOP_OUTPUT_ID = "bench-noop-output"


@dataclass
class CallbackBench:
    label: str
    n: int
    status: int
    median_ms: float
    p90_ms: float
    min_ms: float
    max_ms: float
    wire_bytes: int  # response body as sent (compressed if the server compressed it)
    body_bytes: int | None  # response body decoded (None if its encoding could not be decoded here)
    content_encoding: str  # "" for none
    x_cache: str = ""  # the server's X-Cache header of the last response: precomputed, hit or miss

    def line(self) -> str:
        enc = self.content_encoding or "identity"
        body = "?" if self.body_bytes is None else f"{self.body_bytes:,}"
        return (f"{self.label:<28} n={self.n:<5} median {self.median_ms:7.2f} ms  p90 {self.p90_ms:7.2f} ms  "
                f"min {self.min_ms:6.2f} ms  max {self.max_ms:7.2f} ms  response {self.wire_bytes:,} B {enc} "
                f"({body} B decoded)  HTTP {self.status}")


def _decode(body: bytes, encoding: str) -> bytes | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    if encoding == "br":
        try:
            import brotli  # installed with dash[compress] (flask-compress)
        except ImportError:
            return None
        return brotli.decompress(body)
    return None


def bench_callback(base_url: str, payload, *, n: int = 200, warmup: int = 10,
                   label: str = "callback", accept_encoding: str | None = "gzip, br",
                   timeout: float = 30.0, prime: dict | None = None) -> CallbackBench:
    """POST `payload` (a Dash callback request body) to `base_url`/_dash-update-component `warmup + n` times
    (after `prime`, untimed, on the same connection: a first-time request without the connection's set-up).
    `payload` may be a function of the request's number that returns the body: a different body each time.

    Returns the median/p90/min/max latency of the last `n` and the size of the last response. Raises
    RuntimeError if the server answers anything but 200/204 (204 = PreventUpdate / no_update).
    """
    parts = urlsplit(base_url)
    if parts.scheme != "http":
        raise ValueError(f"http:// URL expected, got {base_url!r}")
    def encoded(payload) -> bytes:
        return payload if isinstance(payload, bytes) else (
            payload.encode() if isinstance(payload, str) else json.dumps(payload).encode())

    bodies = (lambda i: encoded(payload(i))) if callable(payload) else (lambda i, body=encoded(payload): body)
    path = parts.path.rstrip("/") + UPDATE_PATH
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if accept_encoding:
        headers["Accept-Encoding"] = accept_encoding
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    times: list[float] = []
    status, data, encoding, x_cache = 0, b"", "", ""
    try:
        if prime is not None:
            conn.request("POST", path, body=json.dumps(prime).encode(), headers=headers)
            conn.getresponse().read()
        for i in range(warmup + n):
            body = bodies(i)
            t0 = time.perf_counter()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - t0
            status, encoding = response.status, response.getheader("Content-Encoding", "")
            x_cache = response.getheader("X-Cache", "")
            if status not in (200, 204):
                raise RuntimeError(f"{label}: POST {base_url}{UPDATE_PATH} -> HTTP {status}: "
                                   f"{(_decode(data, encoding) or data)[:600].decode('utf-8', 'replace')}")
            if i >= warmup:
                times.append(elapsed * 1000.0)
    finally:
        conn.close()
    decoded = _decode(data, encoding)
    times_sorted = sorted(times)
    return CallbackBench(label=label, n=n, status=status, median_ms=statistics.median(times),
                         p90_ms=times_sorted[min(len(times_sorted) - 1, int(0.9 * len(times_sorted)))],
                         min_ms=times_sorted[0], max_ms=times_sorted[-1], wire_bytes=len(data),
                         body_bytes=None if decoded is None else len(decoded), content_encoding=encoding,
                         x_cache=x_cache)


def dependencies(base_url: str) -> list[dict]:
    status, body = http_get(base_url.rstrip("/") + "/_dash-dependencies")
    if status != 200:
        raise RuntimeError(f"GET {base_url}/_dash-dependencies -> HTTP {status}")
    return json.loads(body)


def _split_output(spec: str) -> list[tuple[str, str]]:
    """'a.children' -> [(a, children)]; '..a.children...b.figure..' (multi-output) -> [(a, ...), (b, ...)]."""
    parts = spec[2:-2].split("...") if spec.startswith("..") and spec.endswith("..") else [spec]
    return [tuple(p.rsplit(".", 1)) for p in parts]  # type: ignore[misc]


def payload_for_output(base_url: str, output_id: str, input_values: dict[str, object] | None = None,
                       state_values: dict[str, object] | None = None) -> dict:
    """The request body Dash's renderer would send for the callback that outputs to component `output_id`.

    Found in the server's /_dash-dependencies. `input_values` / `state_values` map "id.property" (or just "id")
    to the value to send; anything not given is sent as None. The first input is marked as the changed one.
    """
    deps = dependencies(base_url)
    for cb in deps:
        outputs = _split_output(cb["output"])
        if any(cid == output_id for cid, _ in outputs):
            break
    else:
        ids = sorted({cid for cb in deps for cid, _ in _split_output(cb["output"])})
        raise LookupError(f"no callback outputs to {output_id!r} on {base_url}; outputs: {', '.join(ids)}")

    def value(values: dict | None, dep: dict):
        values = values or {}
        key = f"{dep['id']}.{dep['property']}"
        return values.get(key, values.get(dep["id"]))

    outs = [{"id": cid, "property": prop} for cid, prop in outputs]
    inputs = [{"id": d["id"], "property": d["property"], "value": value(input_values, d)} for d in cb["inputs"]]
    state = [{"id": d["id"], "property": d["property"], "value": value(state_values, d)} for d in cb["state"]]
    return {
        "output": cb["output"],
        "outputs": outs[0] if len(outs) == 1 and not cb["output"].startswith("..") else outs,
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else [],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server; default: start `python app.py` on a free port")
    ap.add_argument("-n", type=int, default=300, help="timed requests per callback (default 300)")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--output-id", action="append", default=[],
                    help="also bench the callback writing to this component id (repeatable)")
    ap.add_argument("--input", action="append", default=[], metavar="ID.PROP=JSON",
                    help="input value for --output-id callbacks, e.g. map-year.value=2020 (repeatable)")
    ap.add_argument("--payload", action="append", default=[], type=Path,
                    help="also bench this JSON request body (repeatable)")
    ap.add_argument("--identity", action="store_true", help="do not ask for compressed responses")
    ap.add_argument("--startup", action="store_true",
                    help="start-up time and memory with and without precomputed answers, gunicorn worker RSS")
    args = ap.parse_args(argv)
    if args.startup:
        startup_costs()
        return 0

    inputs = {}
    for item in args.input:
        key, _, raw = item.partition("=")
        inputs[key] = json.loads(raw)
    encoding = None if args.identity else "gzip, br"

    def run(url: str) -> None:
        print(f"# {url}  POST {UPDATE_PATH}  n={args.n} (after {args.warmup} warm-up)  "
              f"Accept-Encoding: {encoding or 'identity'}")
        print(noop_baselines(url, args.n).lines(), flush=True)
        jobs = [(oid, payload_for_output(url, oid, inputs)) for oid in args.output_id]
        jobs += [(p.name, p.read_bytes()) for p in args.payload]
        for label, payload in jobs:
            print(bench_callback(url, payload, n=args.n, warmup=args.warmup, label=label,
                                 accept_encoding=encoding).line(), flush=True)

    if args.url:
        run(args.url.rstrip("/"))
    else:
        with start_app_server() as server:
            run(server.url)
    return 0



# --- the no-op baselines -----------------------------------------------------------------------------------------
# The goal ("≤ 3× a no-op callback", issue 14) is measured against the no-op as the server answers it: the same
# request again, so from the response cache, sent by serving/fast_path.py before Flask and Dash (~0.7 ms on a quiet
# machine). That is the stricter baseline, and the goal's. It is measured the way every "first time" row is: single
# requests, each alone on its connection after the same untimed no-op (`single`). Posted in a loop of n on one
# connection it is answered faster (the server's code and data stay in the CPU's caches, nothing runs in between:
# the bias bench_map's "repeated" had until 2026-12-01), which made every first-time ratio look worse than it is; the
# loop's figure is printed beside it. Beside both, a no-op that Dash computes every time (its input differs at each
# request, so it is never answered from a store): Flask's and Dash's dispatch, the response cache's write and
# compression, what every computed answer pays on top of its own work.
SINGLE_NOOPS = 31  # single stored no-op requests for the goal's baseline (a median; each ~3 ms with its connection)


@dataclass
class Noops:
    stored: CallbackBench  # the same no-op request again, n times in a row: answered from the response cache
    computed: CallbackBench  # a new no-op value each time: dispatched by Flask and Dash, computed, stored
    single: CallbackBench  # the stored no-op as single requests, measured as the "first time" rows are

    @property
    def ms(self) -> float:
        """The goal's baseline: the stored no-op, single requests (like for like with the first-time rows)."""
        return self.single.median_ms

    def ratios(self, ms: float) -> str:
        """`ms` as multiples of the goal's baseline, of the stored no-op in a loop and of the computed no-op."""
        return (f"{ms / self.ms:5.1f}× stored no-op, {ms / self.stored.median_ms:4.1f}× in a loop, "
                f"{ms / self.computed.median_ms:4.1f}× computed")

    def lines(self) -> str:
        return (f"{self.single.line()}  [{self.single.x_cache or '?'}]\n"
                f"{self.stored.line()}  [{self.stored.x_cache or '?'}]\n{self.computed.line()}  "
                f"[{self.computed.x_cache or '?'}]\n"
                f"baselines: stored no-op {self.ms:.2f} ms (the response cache, before Flask; single requests, "
                f"each alone after an untimed no-op, as the first-time rows: the goal's), in a loop "
                f"{self.stored.median_ms:.2f} ms, computed no-op {self.computed.median_ms:.2f} ms (Flask + Dash "
                f"each time); goal: every interaction ≤ {GOAL_FIRST:g}× the stored no-op  (load average "
                f"{' '.join(f'{x:.1f}' for x in os.getloadavg())})")


def noop_baselines(url: str, n: int = 200) -> Noops:
    """The no-op baselines, measured now against `url`: the stored no-op in a loop of n and as SINGLE_NOOPS single
    requests (each on its own connection after an untimed no-op, as `first_and_repeated` and the views' first-time
    rows measure), and the computed no-op in a loop of n."""
    payload = payload_for_output(url, NOOP_OUTPUT_ID)
    stored = bench_callback(url, payload, n=n, label="no-op, stored (same value), in a loop")
    singles = [bench_callback(url, payload, n=1, warmup=0, prime=payload) for _ in range(SINGLE_NOOPS)]
    times = sorted(single.median_ms for single in singles)
    single = dataclasses.replace(
        singles[-1], label="no-op, stored, single requests", n=len(times), median_ms=statistics.median(times),
        p90_ms=times[min(len(times) - 1, int(0.9 * len(times)))], min_ms=times[0], max_ms=times[-1])
    run = f"{time.time_ns():x}"  # never a value an earlier run of the bench stored

    def fresh(i: int) -> dict:
        body = json.loads(json.dumps(payload))
        body["inputs"][0]["value"] = f"{run}-{i}"
        return body

    computed = bench_callback(url, fresh, n=n, label="no-op, computed (new value)")
    return Noops(stored, computed, single)


def interaction_line(name: str, result: CallbackBench, noops: Noops) -> str:
    """One row of a view's bench: latency as multiples of both no-ops, and bytes sent and decoded."""
    return (f"{name:<34} median {result.median_ms:7.2f} ms ({noops.ratios(result.median_ms)})  "
            f"{result.wire_bytes:8,} B sent ({result.content_encoding or 'identity'}), "
            f"{result.body_bytes or 0:9,} B decoded")


def against_server(url: str | None, run, *args) -> int:
    """Run `run(base_url, *args)` against `url`, or against a fresh `python app.py` when no url is given."""
    if url:
        run(url.rstrip("/"), *args)
    else:
        with start_app_server() as server:
            run(server.url, *args)
    return 0


# --- first time vs repeated, and what building answers at start-up costs (serving/precompute.py) -----------------
GOAL_FIRST = 3.0  # every interaction, the first time included, ≤ 3× the no-op callback (issue 14): the stored one
GOAL_MAP_FIRST_VS_REPEATED = 1.5  # a first-time map selection ≤ 1.5× the same selection repeated


@dataclass
class FirstAndRepeated:
    first_ms: float  # median over distinct first-time selections, one request each
    again_ms: float  # median over the same selections asked again, one request each, measured as the first ones were
    repeated: CallbackBench  # the first of them, posted again n times in a row (a loop: see first_and_repeated)
    served: str  # how the first requests were answered (X-Cache values seen)


def first_and_repeated(url: str, payloads: list[dict], *, n: int, label: str) -> FirstAndRepeated:
    """Each payload once (a selection the server has not been asked for since it started; on a connection already
    open), then each again in the same way (the same selection repeated: `again_ms`), then the first one n times
    more in a row (`repeated`): first-time and repeated latency of one kind of interaction.

    The goal's ratio (a first-time map selection ≤ 1.5× the same selection repeated, issue 14) compares the first
    requests with the same selections asked again, each one request measured alike: on its own connection after the
    same untimed no-op, as a reader's click comes after a pause. Posted n times in a row, the repeated request is
    answered faster than any single one (the server's and the client's code and data stay in the CPU's caches
    between requests, nothing else runs in between): at a load of 7–9 the loop's median was 0.1–0.4 ms below the
    single requests' (bench/README.md), which counted against the first time. Both are printed."""
    noop = payload_for_output(url, NOOP_OUTPUT_ID)
    firsts = [bench_callback(url, payload, n=1, warmup=0, label=label, prime=noop) for payload in payloads]
    agains = [bench_callback(url, payload, n=1, warmup=0, label=label, prime=noop) for payload in payloads]
    repeated = bench_callback(url, payloads[0], n=n, warmup=3, label=label)
    served = ",".join(sorted({first.x_cache or "?" for first in firsts}))
    return FirstAndRepeated(statistics.median(first.median_ms for first in firsts),
                            statistics.median(again.median_ms for again in agains), repeated, served)


def first_line(name: str, result: FirstAndRepeated, noops: Noops, naive_ms: float | None = None,
               goal: str = f"first ≤ {GOAL_FIRST:g}× stored no-op") -> str:
    """One interaction: first time and repeated (each selection again, measured as the first time; and the first one
    in a loop) as multiples of both no-ops, their ratios, the naive reference, the goal."""
    first, again, loop = result.first_ms, result.again_ms, result.repeated.median_ms
    naive = f"  naive {naive_ms:7.2f} ms ({naive_ms / noops.ms:5.1f}× stored)" if naive_ms is not None else ""
    return (f"{name:<34} first {first:7.2f} ms ({noops.ratios(first)}; {result.served:<11}) "
            f"repeated {again:6.2f} ms ({again / noops.ms:4.1f}× stored)  first/repeated {first / again:4.1f}  "
            f"(in a loop of {result.repeated.n}: {loop:5.2f} ms, first/loop {first / loop:3.1f})"
            f"{naive}  goal: {goal}  {result.repeated.wire_bytes:,} B sent")


def one_click_payloads(url: str, module_name: str, lang: str = "en") -> list[dict]:
    """The requests the browser sends one click away from a view's default page, as serving/precompute.py plans
    them, but from what this server answers: the page (its router answer) and its /_dash-dependencies."""
    from importlib import import_module

    from data.catalog import T18
    from serving import precompute

    module = import_module(module_name)
    router = precompute.request_body("page-content.children", {"inputs": [
        {"id": "url", "property": "pathname"}, {"id": "url", "property": "search"}]},
        {"url.pathname": module.PRECOMPUTE_PATH, "url.search": f"?lang={lang}"}, ["url.pathname", "url.search"])
    page = _post_json(url, router)["response"]["page-content"]["children"]
    values = precompute.layout_values(page)
    callbacks = {cb["output"]: cb for cb in dependencies(url) if not cb.get("clientside_function")}
    return list(precompute.bodies_for(callbacks, values, precompute.view_changes(module, values, lang, T18)))


def _post_json(url: str, payload: dict) -> dict:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=60)
    try:
        conn.request("POST", parts.path.rstrip("/") + UPDATE_PATH, body=json.dumps(payload),
                     headers={"Content-Type": "application/json", "Accept-Encoding": "identity"})
        response = conn.getresponse()
        return json.loads(response.read())
    finally:
        conn.close()


PRECOMPUTE_LINE = re.compile(r"precomputed (\d+) callback answers \(([\d.]+) MB compressed, (\d+) skipped\) in "
                             r"([\d.]+) s \(([\d.]+) s CPU\)")


def startup_costs(gunicorn: bool = True) -> None:
    """Start-up time and memory with and without answers built at start-up: `python app.py` both ways (time to
    the first answer, process RSS), then gunicorn with the repo's config and 2 workers (each worker's RSS and
    unique memory; goal ≤ 250 MB RSS)."""
    import psutil

    from tests.support.server import start_app_server

    rows = {}
    for setting in ("0", "1"):
        started = time.perf_counter()
        with start_app_server(env={"CAMR_PRECOMPUTE": setting}) as server:
            ready = time.perf_counter() - started
            rss = psutil.Process(server.proc.pid).memory_info().rss / 1e6
            found = PRECOMPUTE_LINE.search(server.output(tail=200_000))
            rows[setting] = (ready, rss, found)
    (off_s, off_rss, _), (on_s, on_rss, found) = rows["0"], rows["1"]
    print(f"python app.py ready: {off_s:5.1f} s without, {on_s:5.1f} s with precomputed answers "
          f"(+{on_s - off_s:.1f} s); process RSS {off_rss:.0f} MB without, {on_rss:.0f} MB with")
    if found:
        answers, megabytes, skipped, seconds, cpu = found.groups()
        print(f"precomputed answers: {answers} ({megabytes} MB compressed, brotli; {skipped} skipped), "
              f"built in {seconds} s wall / {cpu} s CPU by 2 forked processes (load average now "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: the machine is shared)")
    else:
        print("precomputed answers: no summary line in the server's output")
    if not gunicorn:
        return
    argv = [str(Path(sys.executable).with_name("gunicorn")), "app:server", "-w", "2"]
    with start_app_server(argv=argv, env={"CAMR_PRECOMPUTE": "1"}) as server:
        for _ in range(20):  # a few answers through each worker first: what a serving worker holds
            http_get(server.url + "/map")
        from bench.gunicorn_workers import workers as gunicorn_workers

        workers = gunicorn_workers(psutil.Process(server.proc.pid))
        for worker in workers:
            info = worker.memory_full_info()
            print(f"gunicorn worker {worker.pid}: RSS {info.rss / 1e6:.0f} MB (unique {info.uss / 1e6:.0f} MB, "
                  f"proportional {getattr(info, 'pss', 0) / 1e6:.0f} MB; the rest shared copy-on-write with the "
                  f"master)  goal: RSS ≤ 250 MB  (load average {os.getloadavg()[0]:.1f})")


def one_click_section(url: str, module_name: str, noops: Noops, *, n: int = 30, lang: str = "en") -> None:
    """Every click one step from a view's default page (serving/precompute.py's plan): for each control, the slowest
    of the requests one click sends, the first time (median over the control's options) and repeated."""
    clicks: dict[str, dict[str, list[dict]]] = {}
    for payload in one_click_payloads(url, module_name, lang):
        changed = payload["changedPropIds"][0]
        value = json.dumps(next(item.get("value") for item in payload["inputs"]
                                if f"{item['id']}.{item['property']}" == changed), sort_keys=True)
        clicks.setdefault(changed, {}).setdefault(value, []).append(payload)
    noop = payload_for_output(url, NOOP_OUTPUT_ID)
    print(f"one click from the default page ({lang}), slowest request of the click; goal: first ≤ {GOAL_FIRST:g}× "
          f"the stored no-op")
    for changed, options in clicks.items():
        firsts, served = [], set()
        for requests in options.values():
            results = [bench_callback(url, payload, n=1, warmup=0, label=changed, prime=noop)
                       for payload in requests]
            firsts.append(max(result.median_ms for result in results))
            served |= {result.x_cache for result in results}
        again = max(bench_callback(url, payload, n=n, warmup=2, label=changed).median_ms
                    for payload in next(iter(options.values())))
        first = statistics.median(firsts)
        print(f"  {changed:<36} {len(options):3} options × {len(next(iter(options.values())))} requests  "
              f"first {first:7.2f} ms ({noops.ratios(first)}; {','.join(sorted(served))})  "
              f"repeated {again:6.2f} ms ({again / noops.ms:4.1f}× stored)", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
