"""The callback answers gunicorn's workers share through files (serving/shared_cache.py): what one worker computed
is answered by another as the same bytes, bounded, expired, never a failure; the directory's life with the master."""
from __future__ import annotations

import os
import signal
import stat
import sys
import time

import pytest
from flask import Response

from serving import shared_cache
from serving.cache import ResponseCache
from serving.compression import Encoded
from serving.shared_cache import SharedFiles


def entry(text: str) -> Encoded:
    return Encoded.of(text.encode(), "application/json", quality=1)


def test_an_answer_written_is_read_back_as_the_same_entry(tmp_path):
    files = SharedFiles(str(tmp_path), 2**20)
    stored = entry('{"response": {"a": 1}}' * 50)
    files.set("cb:v:1", stored)
    found = files.get("cb:v:1")
    assert (found.mimetype, found.br, found.size, found.digest) == (stored.mimetype, stored.br, stored.size,
                                                                    stored.digest)
    assert found.body() == stored.body()
    assert files.get("cb:v:2") is None
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_a_file_not_written_here_or_cut_short_is_not_an_answer(tmp_path):
    files = SharedFiles(str(tmp_path), 2**20)
    files.set("k", entry("x" * 100))
    (path,) = tmp_path.iterdir()
    path.write_bytes(b"something else\n{}\n")
    assert files.get("k") is None
    path.write_bytes(shared_cache.MAGIC + b'{"mimetype": "application/json"')
    assert files.get("k") is None


def test_expired_answers_are_not_read_and_are_swept(tmp_path):
    files = SharedFiles(str(tmp_path), 2**20, ttl=60)
    files.set("old", entry("a" * 100))
    files.set("new", entry("b" * 100))
    old = tmp_path / files._path("old").rsplit("/", 1)[1]  # noqa: SLF001
    os.utime(old, (time.time() - 120, time.time() - 120))
    assert files.get("old") is None and files.get("new") is not None
    files.sweep()
    assert not old.exists() and files.get("new") is not None


def test_the_directory_is_bounded_oldest_out(tmp_path):
    files = SharedFiles(str(tmp_path), 64 * 1024)
    for i in range(60):  # ~2 kB each, well over the bound in all
        files.set(f"k{i}", entry(os.urandom(1500).hex()))
        os.utime(files._path(f"k{i}"), (1_000_000 + i, 1_000_000 + i))  # noqa: SLF001 — a clear age order
    files.sweep()
    total = sum(p.stat().st_size for p in tmp_path.iterdir())
    assert total <= 64 * 1024
    assert files.get("k59") is not None and files.get("k0") is None
    # a writer that died left a temporary file: removed once it is old
    stale = tmp_path / "abc.123-4.tmp"
    stale.write_bytes(b"partial")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    files.sweep()
    assert not stale.exists()


def test_the_bound_leaves_room_on_a_small_file_system(tmp_path):
    room = os.statvfs(tmp_path).f_blocks * os.statvfs(tmp_path).f_frsize
    assert 0 < shared_cache._bound(str(tmp_path), 10**18) <= room // 2  # noqa: SLF001
    assert shared_cache._bound(str(tmp_path), 1000) == 1000  # noqa: SLF001


def test_a_directory_gone_or_full_costs_the_sharing_never_the_answer(tmp_path):
    files = SharedFiles(str(tmp_path / "gone"), 2**20)
    files.set("k", entry("x"))  # nothing raised
    assert files.get("k") is None


def test_workers_share_through_the_response_cache(monkeypatch, tmp_path):
    """Two response caches (two workers' memories) and one directory: the second answers what the first computed,
    byte for byte, as a hit, and keeps it in its own memory."""
    import app

    monkeypatch.setenv(shared_cache.DIR_ENV, str(tmp_path))
    one, two = ResponseCache(app.server), ResponseCache(app.server)
    body = {"output": "x.children", "inputs": [{"id": "x", "property": "value", "value": 1}],
            "changedPropIds": ["x.value"]}
    key = one.key(body)
    with app.server.test_request_context(headers={"Accept-Encoding": "br"}):
        assert two.get(key) is None
        sent = one.set(key, Response('{"response": {"x": {"children": "shared"}}}', mimetype="application/json"))
        answered = two.get(key)
        assert answered is not None and answered.headers["X-Cache"] == "hit"
        assert answered.get_data() == sent.get_data() and answered.headers["Content-Encoding"] == "br"
    assert two.backend.get(key) is not None  # now in the second worker's own memory too
    monkeypatch.delenv(shared_cache.DIR_ENV)  # no directory (python app.py, tests): nothing shared
    three = ResponseCache(app.server)
    with app.server.test_request_context(headers={"Accept-Encoding": "br"}):
        assert three.get(key) is None


def test_the_masters_directory_private_named_for_the_workers_and_removed(monkeypatch, tmp_path):
    monkeypatch.setenv(shared_cache.DIR_ENV, "")  # none given (and create()'s own value undone afterwards)
    monkeypatch.setattr(shared_cache, "_base", lambda: str(tmp_path))
    orphan = tmp_path / f"{shared_cache.PREFIX}{2**22 + 12345}-abc"  # a master that died (no such pid)
    orphan.mkdir()
    other = tmp_path / "someone-elses"
    other.mkdir()
    path = shared_cache.create()
    assert path and os.path.dirname(path) == str(tmp_path) and os.environ[shared_cache.DIR_ENV] == path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o700
    assert not orphan.exists() and other.exists()
    shared_cache.remove(path)
    assert not os.path.exists(path)
    # a directory the operator gave is used and left in place
    given = tmp_path / "given"
    given.mkdir()
    monkeypatch.setenv(shared_cache.DIR_ENV, str(given))
    assert shared_cache.create() == str(given)
    shared_cache.remove(str(given))
    assert given.exists()
    monkeypatch.setenv(shared_cache.SIZE_ENV, "0")
    assert shared_cache.create() is None and shared_cache.DIR_ENV not in os.environ


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL")
def test_a_replacement_worker_answers_what_the_killed_one_computed(tmp_path):
    """gunicorn with the repository's config, one worker: it computes an answer, is killed; the worker the master
    boots instead has an empty memory, yet answers it as a hit with the same bytes."""
    import psutil

    from bench.gunicorn_workers import wait_workers, workers
    from tests.support.server import start_app_server
    from tests.test_shared_cache import post
    from tests.support.callback_requests import router_request

    env = {"WEB_CONCURRENCY": "1", "CAMR_WARM": "0", "CAMR_PRECOMPUTE": "0", shared_cache.DIR_ENV: "",
           shared_cache.SIZE_ENV: ""}
    with start_app_server(argv=[sys.executable, "-m", "gunicorn", "app:server"], env=env) as server:
        master = psutil.Process(server.proc.pid)
        wait_workers(master)
        body = router_request("/corridors", "?year=2005&sex=male")
        status, cache, computed = post(server.url, body)
        assert (status, cache) == (200, "miss")
        (name,) = [n for n in os.listdir(shared_cache._base()) if n.startswith(f"{shared_cache.PREFIX}{master.pid}-")]
        directory = os.path.join(shared_cache._base(), name)  # noqa: SLF001
        deadline = time.monotonic() + 10  # the file is written once the answer is sent (serving/fast_path.py)
        while time.monotonic() < deadline and not os.listdir(directory):
            time.sleep(0.01)
        (worker,) = workers(master)
        os.kill(worker.pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and [w.pid for w in workers(master)] in ([], [worker.pid]):
            time.sleep(0.05)
        wait_workers(master)
        status, cache, answered = post(server.url, body)
        assert (status, cache) == (200, "hit") and answered == computed
        assert os.listdir(directory)
    assert not os.path.exists(directory)  # removed with the master
