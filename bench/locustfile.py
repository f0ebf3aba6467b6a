"""Locust users for the load benchmark: visitors of the dashboard, each a bench/load_user.Visitor (page loads, in-app
navigation, the callbacks Dash's renderer sends for a control changed, embeds, small CSV downloads; both languages).

Run by `python -m bench.bench_load` (which starts gunicorn and prints the figures against the goals), or on its own
against any running server:

    locust -f bench/locustfile.py --headless -u 100 -r 50 -t 60s --host http://127.0.0.1:8050 --csv /tmp/load

A reply is a failure when its status is not 200/204 or when a callback answered with the app's error toast.
Between two actions a visitor waits 0.1–0.5 s (LOAD_WAIT_MIN / LOAD_WAIT_MAX override it): not a reader's pace,
a capacity test's. An action sends ~1.5 requests, so 100 visitors at a mean 0.3 s offer up to ~500 requests/s to a
server that answered at once — more than the 300/s the goal asks, so that the rate reached is the server's, not the
think time's (at 0.5–1.5 s, a mean of 1 s, 100 visitors can never send more than ~150/s). bench/bench_load.py
prints that ceiling for each run.
"""
from __future__ import annotations

import gc
import os
import random
import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # `locust -f bench/locustfile.py` from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import gevent  # noqa: E402
from gevent.resolver.blocking import Resolver  # noqa: E402
from locust import FastHttpUser, between, task  # noqa: E402

from bench.load_user import Reply, Visitor, problem  # noqa: E402

try:  # compact JSON, as the browser's JSON.stringify writes it, and ~10× cheaper than json.dumps
    import orjson

    def _dumps(body: dict) -> bytes:
        return orjson.dumps(body)
except ImportError:  # pragma: no cover
    import json

    def _dumps(body: dict) -> bytes:
        return json.dumps(body, separators=(",", ":")).encode()

WAIT = (float(os.environ.get("LOAD_WAIT_MIN", "0.1")), float(os.environ.get("LOAD_WAIT_MAX", "0.5")))
HEADERS = {"User-Agent": "Mozilla/5.0 (camr load bench)"}
POST_HEADERS = {**HEADERS, "Content-Type": "application/json", "Accept": "application/json"}
# Actions finished by every visitor of this process and the requests they sent (bench_load: requests per action, for
# the offered ceiling; counted when an action ends, so that one still waiting on a slow server is not counted short).
ACTIONS = [0, 0]

# gunicorn closes each connection after its response (keepalive 0), so every request opens one and geventhttpclient
# resolves the host for it: through gevent's thread pool by default, a hand-off that cost ~25 % of the load
# generator's CPU for a numeric address. The blocking resolver answers "127.0.0.1" at once without a thread.
gevent.get_hub().resolver = Resolver()

# The load generator's garbage collector: it keeps ~100 MB of decoded answers (load_user._DECODED) and every visitor's
# page, and each new answer it decodes is tens of thousands of new objects. With Python's first threshold (700)
# young collections ran again and again inside each decoding and pushed its objects on into full collections that
# walked the whole heap: decoding, ~60 % of the generator's CPU (py-spy --gil), cost 3-5x what orjson itself takes
# (a replay of 269 of the bench's answers with a memo like _DECODED: ~1.9 ms each at 700, ~0.36 ms at 10,000), and a
# full collection is a pause of every visitor's clock (their measured latency) at once. LOAD_GC_GEN0=0 keeps
# Python's own threshold. What a visitor sends is unchanged.
GC_GEN0 = int(os.environ.get("LOAD_GC_GEN0", "10000"))
if GC_GEN0 > 0:
    gc.set_threshold(GC_GEN0, *gc.get_threshold()[1:])
# Even so, what survived young collections (the decoded answers kept above, each visitor's page) piled up in the
# older generations, and their collections walked it all: during a 40 s run (load ~10) 15 middle-generation
# collections took 2.4 s and two full ones 1.4 s (the longest 1.3 s), most of the generator's CPU, each a pause of
# every visitor's clock at once (their measured latency). So whatever survives a young collection is moved out of
# the collector's reach (gc.freeze: O(1), a list merge); reference counting still frees it when it is dropped, only
# cyclic garbage that outlived a young collection is never freed (a few MB in a run). LOAD_GC_FREEZE=0: as before.
GC_FREEZE = os.environ.get("LOAD_GC_FREEZE", "1").strip().lower() not in ("0", "off", "false", "no")


def _freeze_survivors(phase: str, info: dict) -> None:
    if phase == "stop" and info.get("generation") == 0:
        gc.freeze()


if GC_FREEZE and _freeze_survivors not in gc.callbacks:
    gc.callbacks.append(_freeze_survivors)


def _reply(response) -> Reply:
    try:
        body = response.content or b""
    except Exception:  # noqa: BLE001 — a connection cut mid-body (a worker killed): the status says so
        body = b""
    headers = {k.lower(): v for k, v in (response.headers or {}).items()}
    return Reply(response.status_code or 0, headers, body)


class LocustTransport:
    """Requests through locust's client, each marked failed or not by load_user.problem()."""

    def __init__(self, client):
        self.client = client

    def _checked(self, response, *, callback: bool) -> Reply:
        with response:
            reply = _reply(response)
            why = problem(reply, callback=callback)
            if why:
                response.failure(why)
            else:
                response.success()
        return reply

    def get(self, path: str, name: str, headers: dict[str, str] | None = None) -> Reply:
        return self._checked(self.client.get(path, name=name, headers={**HEADERS, **(headers or {})},
                                             catch_response=True), callback=False)

    def post(self, path: str, body: dict, name: str) -> Reply:
        return self._checked(self.client.post(path, data=_dumps(body), name=name, headers=POST_HEADERS,
                                              catch_response=True), callback=True)


class DashboardVisitor(FastHttpUser):
    wait_time = between(*WAIT)
    connection_timeout = 30.0
    network_timeout = 30.0

    def on_start(self):
        self.visitor = Visitor(LocustTransport(self.client), random.Random())

    @task
    def act(self):
        before = self.visitor.requests
        self.visitor.act()
        ACTIONS[0] += 1
        ACTIONS[1] += self.visitor.requests - before
