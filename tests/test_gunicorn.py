"""`gunicorn app:server` with the repository's gunicorn.conf.py: the data are loaded once in the master; invalid
data stop it with the one-sentence reason and a non-zero status, not a loop of workers failing to boot."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.support.server import _OPENER, http_get, start_app_server
from tests.test_app import CURATED, ROOT, unknown_country

GUNICORN = [sys.executable, "-m", "gunicorn", "app:server"]


def test_gunicorn_on_invalid_data_prints_the_reason_and_exits_without_booting_workers(tmp_path):
    curated = tmp_path / "curated"
    shutil.copytree(CURATED, curated)
    unknown_country(curated)
    env = {**os.environ, "CAMR_CURATED_DIR": str(curated), "PORT": "1", "WEB_CONCURRENCY": "2"}
    result = subprocess.run(GUNICORN, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Booting worker" not in output and "Traceback" not in output
    assert output.strip().splitlines()[-1].startswith("The data could not be loaded: ")
    assert "corridors.csv: this curated file was not written by the build" in output  # the manifest check


def test_gunicorn_serves_with_the_repository_config():
    with start_app_server(argv=GUNICORN, env={"WEB_CONCURRENCY": "2"}) as server:
        status, body = http_get(server.url + "/map")
        assert status == 200 and b"<title>" in body
        # the master stored the pages under the address it listens on, the host a visitor's request names: a
        # worker's first request for one of them is answered from the page the master built
        with _OPENER.open(server.url + "/sources?lang=ru", timeout=10) as response:
            assert response.status == 200 and response.headers["X-Cache"] == "hit"
        # The access line is written after the response has gone out: wait for it rather than race it.
        deadline = time.monotonic() + 10
        # So is the second worker's boot line, when the first worker answered before it was forked.
        while (('"GET /map HTTP/1.1" 200' not in (log := server.output()) or log.count("Booting worker") < 2)
               and time.monotonic() < deadline):
            time.sleep(0.1)
    assert log.count("Booting worker") == 2
    # the master built the pages before forking (serving/warmup.py), every one answered
    assert "Warmed " in log and "failed" not in log.split("Warmed ", 1)[1].splitlines()[0]
    assert log.index("Warmed ") < log.index("Booting worker")
    assert '"GET /map HTTP/1.1" 200' in log  # the access log format (X-Forwarded-For, client, request, status …)


def test_config_file_is_found_by_gunicorn_itself():
    assert (ROOT / "gunicorn.conf.py").is_file()
    text = (ROOT / "gunicorn.conf.py").read_text()
    assert "preload_app = True" in text


def test_a_worker_accepts_only_the_connections_it_has_threads_for():
    # the rest wait in the shared listening queue: a worker that dies loses at most the requests it was serving
    import runpy

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    from gunicorn.workers.gthread import ThreadWorker

    from serving.worker import ThreadWorker as Ours

    assert config["worker_class"] == "serving.worker.ThreadWorker" and issubclass(Ours, ThreadWorker)
    assert config["worker_connections"] == config["threads"]
    assert config["keepalive"] == 0  # no idle connection holding one of those places


def _worker():
    """serving.worker.ThreadWorker with what its close path uses, without a gunicorn master around it."""
    import selectors
    from collections import OrderedDict, deque

    from serving.worker import ThreadWorker

    worker = ThreadWorker.__new__(ThreadWorker)
    worker.poller, worker.lingering, worker.keepalived_conns = selectors.DefaultSelector(), OrderedDict(), deque()
    worker.nr_conns = 1
    return worker


def _dispatch(worker, timeout=5.0):
    for key, _ in worker.poller.select(timeout):
        key.data(key.fileobj)


def test_a_closed_connection_is_finished_without_blocking_the_worker():
    import socket

    worker = _worker()
    ours, client = socket.socketpair()
    with client:
        worker.linger(ours)  # returns at once: the FIN is sent, the socket waits in the poller
        client.settimeout(5)
        assert client.recv(10) == b"" and ours in worker.lingering and ours.fileno() != -1
        client.sendall(b"late bytes")  # what a client still sends is read and dropped
        _dispatch(worker)
        assert ours in worker.lingering
        client.shutdown(socket.SHUT_WR)  # the client closes: so do we
        _dispatch(worker)
    assert not worker.lingering and ours.fileno() == -1

    worker = _worker()
    ours, client = socket.socketpair()
    with client:
        worker.linger(ours)
        worker.murder_keepalived()  # a silent client: kept until its deadline
        assert ours in worker.lingering
        worker.lingering[ours] = 0.0  # deadline passed
        worker.murder_keepalived()
        assert not worker.lingering and ours.fileno() == -1
