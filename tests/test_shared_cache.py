"""The response cache: in-process by default; with REDIS_URL every app process shares it (a real redis-server,
started here on a free port), and the app keeps serving, uncached, when Redis goes away."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager

import pytest

from tests.support.callback_requests import router_request
from tests.support.server import free_port, start_app_server

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post(url: str, body: dict) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url + "/_dash-update-component", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with OPENER.open(request, timeout=30) as response:
        return response.status, response.headers.get("X-Cache", ""), response.read()


def test_in_process_cache_answers_a_repeated_request():
    import app

    client = app.server.test_client()
    body = router_request("/corridors", "?year=2000&sex=female")
    first = client.post("/_dash-update-component", json=body)
    second = client.post("/_dash-update-component", json=body)
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.headers["X-Cache"] == "miss" and second.headers["X-Cache"] == "hit"
    assert first.get_data() == second.get_data()
    # a different selection, or the same one with another input marked as changed, is another entry
    other = client.post("/_dash-update-component", json=router_request("/corridors", "?year=2005&sex=female"))
    assert other.headers["X-Cache"] == "miss"


def test_the_cache_key_ignores_what_does_not_change_the_answer():
    from serving.cache import content_version, request_key

    body = router_request("/map", "?year=2000")
    assert request_key(body, "v") == request_key({**body, "endId": "a-per-page-load-token"}, "v")
    assert request_key(body, "v") != request_key(router_request("/map", "?year=2001"), "v")
    assert request_key(body, "v") != request_key(body, "w")  # other data or code: other entries
    assert len(content_version()) == 16


def _redis_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail("redis-server missing under CI (scripts/test.sh installs it)")
        pytest.skip("redis-server not installed (apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--protected-mode", "yes"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not _redis_ping(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
        yield port, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(10)


def test_two_app_processes_share_the_cache_through_redis_and_serve_without_it():
    with redis_server() as (port, redis_proc):
        env = {"REDIS_URL": f"redis://127.0.0.1:{port}/0"}
        with start_app_server(env=env) as one, start_app_server(env=env) as two:
            body = router_request("/map", "?indicator=emigrants&year=2000&scope=world")
            status, cache, computed = post(one.url, body)
            assert (status, cache) == (200, "miss")
            status, cache, shared = post(two.url, body)
            assert (status, cache) == (200, "hit")  # computed by the other process
            assert shared == computed

            redis_proc.terminate()
            redis_proc.wait(10)
            for server in (one, two):  # Redis gone: still served, uncached, promptly
                for search in ("?indicator=emigrants&year=1995", "?indicator=emigrants&year=1995"):
                    started = time.monotonic()
                    status, cache, answer = post(server.url, router_request("/map", search))
                    assert (status, cache) == (200, "miss") and b"map-graph" in answer
                    assert time.monotonic() - started < 10
                assert server.alive()
            assert "response cache unavailable" in one.output()
