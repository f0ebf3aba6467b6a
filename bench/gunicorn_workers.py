"""gunicorn's workers seen from outside: the master's children, and waiting until they are all booted.
Shared by bench_load and bench_memory (this module imports neither locust nor gevent)."""
from __future__ import annotations

import time

import psutil


BAKER_NAME = "camr-bake"  # serving/bake/process.py names its process so (a child of the master, not a worker)


def is_baker(process: psutil.Process) -> bool:
    try:
        return process.name() == BAKER_NAME
    except psutil.Error:
        return False


def workers(master: psutil.Process) -> list[psutil.Process]:
    try:
        return [child for child in master.children() if not is_baker(child)]
    except psutil.NoSuchProcess:
        return []


def baker(master: psutil.Process) -> psutil.Process | None:
    """The master's baking process (serving/bake/), None when there is none (off, finished)."""
    try:
        return next((child for child in master.children() if is_baker(child)), None)
    except psutil.NoSuchProcess:
        return None


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
