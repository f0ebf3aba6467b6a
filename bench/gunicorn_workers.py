"""gunicorn's workers seen from outside: the master's children, and waiting until they are all booted.
Shared by bench_load and bench_memory (this module imports neither locust nor gevent)."""
from __future__ import annotations

import time

import psutil


def workers(master: psutil.Process) -> list[psutil.Process]:
    try:
        return master.children()
    except psutil.NoSuchProcess:
        return []


def wait_workers(master: psutil.Process, timeout: float = 60.0) -> int:
    """The master forks its workers one after the other: wait until their number holds still for a second."""
    deadline = time.monotonic() + timeout
    count, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = len(workers(master))
        if now != count:
            count, since = now, time.monotonic()
        elif now and time.monotonic() - since > 1.0:
            break
        time.sleep(0.1)
    return count
