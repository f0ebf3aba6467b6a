"""Locust users for the load benchmark: visitors of the dashboard, each a bench/load_user.Visitor (page loads, in-app
navigation, the callbacks Dash's renderer sends for a control changed, embeds, small CSV downloads; both languages).

Run by `python -m bench.bench_load` (which starts gunicorn and prints the figures against the goals), or on its own
against any running server:

    locust -f bench/locustfile.py --headless -u 100 -r 50 -t 60s --host http://127.0.0.1:8050 --csv /tmp/load

A reply is a failure when its status is not 200/204 or when a callback answered with the app's error toast.
Between two actions a visitor waits 0.5–1.5 s (LOAD_WAIT_MIN / LOAD_WAIT_MAX override it): a brisk reader.
"""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # `locust -f bench/locustfile.py` from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from locust import FastHttpUser, between, task  # noqa: E402

from bench.load_user import Reply, Visitor, problem  # noqa: E402

WAIT = (float(os.environ.get("LOAD_WAIT_MIN", "0.5")), float(os.environ.get("LOAD_WAIT_MAX", "1.5")))
HEADERS = {"User-Agent": "Mozilla/5.0 (camr load bench)"}


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
        return self._checked(self.client.post(path, json=body, name=name, headers=HEADERS, catch_response=True),
                             callback=True)


class DashboardVisitor(FastHttpUser):
    wait_time = between(*WAIT)
    connection_timeout = 30.0
    network_timeout = 30.0

    def on_start(self):
        self.visitor = Visitor(LocustTransport(self.client), random.Random())

    @task
    def act(self):
        self.visitor.act()
