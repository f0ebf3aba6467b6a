"""The app as gunicorn's master loads it, asked through its WSGI stack in this process (bench/map_cpu.py,
bench/first_cpu.py): the server's thread CPU of one callback answer, without HTTP or another process' noise."""
from __future__ import annotations

import gc
import os
import time

# Answers are computed, not found: nothing built at start-up or by the baker, no shared cache; the no-op callback on.
QUIET_ENV = (("CAMR_PRECOMPUTE", "0"), ("CAMR_BAKE", "0"), ("CAMR_SHARED_CACHE_MB", "0"), ("CAMR_BENCH_NOOP", "1"))


def load(path: str):
    """The app's fast path (serving/fast_path.py, in front of Flask) once the page at `path` was asked for (Dash's
    set-up) and start-up's indexes are made, with the collector set as in gunicorn's workers."""
    for name, value in QUIET_ENV:
        os.environ.setdefault(name, value)
    import app as app_module
    from serving import collector, warmup

    server = app_module.app.server
    server.test_client().get(path)  # Dash's set-up, before the fast path answers
    warmup.warm(server)
    gc.collect()
    gc.freeze()
    collector.tune()
    return server.extensions["camr_fast_path"]


def timed_call(fast, raw: bytes) -> tuple[float, bytes]:
    """POST `raw` to /_dash-update-component: this thread's CPU for the whole WSGI call in ms, and the bytes sent."""
    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(path="/_dash-update-component", method="POST", data=raw,
                             content_type="application/json",
                             headers={"Accept-Encoding": "gzip, deflate, br"}).get_environ()
    status = []
    started = time.thread_time_ns()
    sent = fast(environ, lambda line, headers, exc_info=None: status.append(line))
    data = b"".join(sent)
    if hasattr(sent, "close"):
        sent.close()
    spent = (time.thread_time_ns() - started) / 1e6
    if not status or not status[0].startswith("200"):
        raise RuntimeError(f"answer {status}")
    return spent, data
