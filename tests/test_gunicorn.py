"""`gunicorn app:server` with the repository's gunicorn.conf.py: the data are loaded once in the master; invalid
data stop it with the one-sentence reason and a non-zero status, not a loop of workers failing to boot."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.support.server import http_get, start_app_server
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
    assert config["worker_class"] == "gthread" and config["worker_connections"] == config["threads"]
    assert config["keepalive"] == 0  # no idle connection holding one of those places
