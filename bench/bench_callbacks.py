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
import statistics
import sys
import time
import zlib
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


def bench_callback(base_url: str, payload: dict | str | bytes, *, n: int = 200, warmup: int = 10,
                   label: str = "callback", accept_encoding: str | None = "gzip, br",
                   timeout: float = 30.0) -> CallbackBench:
    """POST `payload` (a Dash callback request body) to `base_url`/_dash-update-component `warmup + n` times.

    Returns the median/p90/min/max latency of the last `n` and the size of the last response. Raises
    RuntimeError if the server answers anything but 200/204 (204 = PreventUpdate / no_update).
    """
    parts = urlsplit(base_url)
    if parts.scheme != "http":
        raise ValueError(f"http:// URL expected, got {base_url!r}")
    body = payload if isinstance(payload, bytes) else (
        payload.encode() if isinstance(payload, str) else json.dumps(payload).encode())
    path = parts.path.rstrip("/") + UPDATE_PATH
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if accept_encoding:
        headers["Accept-Encoding"] = accept_encoding
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    times: list[float] = []
    status, data, encoding = 0, b"", ""
    try:
        for i in range(warmup + n):
            t0 = time.perf_counter()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - t0
            status, encoding = response.status, response.getheader("Content-Encoding", "")
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
                         body_bytes=None if decoded is None else len(decoded), content_encoding=encoding)


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
    args = ap.parse_args(argv)

    inputs = {}
    for item in args.input:
        key, _, raw = item.partition("=")
        inputs[key] = json.loads(raw)
    encoding = None if args.identity else "gzip, br"

    def run(url: str) -> None:
        print(f"# {url}  POST {UPDATE_PATH}  n={args.n} (after {args.warmup} warm-up)  "
              f"Accept-Encoding: {encoding or 'identity'}")
        jobs = [("noop " + NOOP_OUTPUT_ID, payload_for_output(url, NOOP_OUTPUT_ID))]
        jobs += [(oid, payload_for_output(url, oid, inputs)) for oid in args.output_id]
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


if __name__ == "__main__":
    raise SystemExit(main())


def interaction_line(name: str, result: CallbackBench, noop_ms: float) -> str:
    """One row of a view's bench: latency as a multiple of the no-op callback, and bytes sent and decoded."""
    return (f"{name:<34} median {result.median_ms:7.2f} ms ({result.median_ms / noop_ms:5.1f}× noop)  "
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
