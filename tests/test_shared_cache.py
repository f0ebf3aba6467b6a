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


def test_entries_are_keyed_by_the_data_build_and_expire(monkeypatch, tmp_path):
    from serving import cache

    assert cache.data_build() == cache.data_build(cache.ROOT / "data" / "curated")
    copy = tmp_path / "curated"
    copy.mkdir()
    (copy / "manifest.json").write_text('{"files": {}}\n', encoding="utf-8")
    assert cache.data_build(copy) != cache.data_build()  # another build, another key space
    monkeypatch.setenv("CAMR_CURATED_DIR", str(copy))
    assert cache.data_build() == cache.data_build(copy)  # the build this process serves, not data/curated

    monkeypatch.delenv(cache.TTL_ENV, raising=False)
    assert cache.cache_ttl() == 24 * 3600
    for raw, ttl in (("600", 600), ("0", 0), ("-5", 24 * 3600), ("a day", 24 * 3600)):
        monkeypatch.setenv(cache.TTL_ENV, raw)
        assert cache.cache_ttl() == ttl
    monkeypatch.setenv(cache.TTL_ENV, "600")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    assert cache.cache_config()["CACHE_DEFAULT_TIMEOUT"] == 600
    monkeypatch.delenv("REDIS_URL")
    assert cache.cache_config()["CACHE_DEFAULT_TIMEOUT"] == 600


def _new_build(tmp_path):
    """A copy of the curated tables as a refresh would write it: one figure changed (Kyrgyzstan's emigrants in 2000,
    one person more) and the manifest written anew, as python -m data.build does."""
    from data.catalog import CURATED_DIR as source
    from data.validate.manifest import MANIFEST, manifest_entries

    copy = tmp_path / "curated"
    shutil.copytree(source, copy)
    path = copy / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("\nKGZ,2000,CAMR.EMIG.TOTL,590619,undesa_ims_2024\n") == 1
    path.write_text(text.replace("\nKGZ,2000,CAMR.EMIG.TOTL,590619,undesa_ims_2024\n",
                                 "\nKGZ,2000,CAMR.EMIG.TOTL,590620,undesa_ims_2024\n"), encoding="utf-8")
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"] = manifest_entries(copy, [name[:-4] for name in manifest["files"]])
    (copy / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return copy


def _redis(port: int, *command: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(("*%d\r\n" % len(command) + "".join(f"${len(c.encode())}\r\n{c}\r\n" for c in command)).encode())
        return sock.recv(1 << 16)


def test_a_new_data_build_is_not_served_the_old_builds_answers_and_entries_expire(tmp_path):
    new_build = _new_build(tmp_path)
    with redis_server() as (port, _):
        env = {"REDIS_URL": f"redis://127.0.0.1:{port}/0", "CAMR_CACHE_TTL": "120"}
        body = router_request("/map", "?indicator=emigrants&year=2000&scope=world")
        with start_app_server(env=env) as old:
            status, cache, before = post(old.url, body)
            assert (status, cache) == (200, "miss")
        keys = _redis(port, "KEYS", "camr:cb:*").split(b"\r\n")[2::2]
        assert len(keys) == 1
        ttl = int(_redis(port, "TTL", keys[0].decode())[1:].strip())
        assert 0 < ttl <= 120  # expires (CAMR_CACHE_TTL), unlike before

        with start_app_server(env={**env, "CAMR_CURATED_DIR": str(new_build)}) as refreshed:
            status, cache, after = post(refreshed.url, body)
            assert (status, cache) == (200, "miss")  # the old build's answer is not served
            assert after != before
            assert post(refreshed.url, body)[1] == "hit"
