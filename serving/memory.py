"""A worker hands the free pages of its heap back to the system every few hundred requests (glibc's malloc_trim).

Building a first-time answer allocates a few MB (components, figures, JSON) that are freed once it is sent, but glibc
keeps freed memory for reuse: a worker's RSS stayed at its peak. After 60 s of bench/bench_load.py (3 workers):
332–337 MB RSS per worker (unique 193–201, proportional 226–233) instead of 365–374 (unique 219–231, proportional
256–267). A trim takes ~4 ms when it has pages to give back (µs otherwise) and runs in the worker's own thread after
its response has gone (gunicorn's `post_request`). Elsewhere than on glibc
(no malloc_trim) it does nothing. CAMR_TRIM_EVERY sets the number of requests between trims (0: never)."""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from functools import cache
from itertools import count

log = logging.getLogger(__name__)

ENV = "CAMR_TRIM_EVERY"
DEFAULT_EVERY = 200

_requests = count(1)


def every() -> int:
    raw = os.environ.get(ENV, "").strip()
    try:
        return max(0, int(raw)) if raw else DEFAULT_EVERY
    except ValueError:
        log.warning("%s=%r is not a whole number of requests; trimming every %d", ENV, raw, DEFAULT_EVERY)
        return DEFAULT_EVERY


@cache
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc
        return None


def trim() -> bool:
    """Give the heap's free pages back to the system; False where the C library cannot."""
    found = _malloc_trim()
    if found is None:
        return False
    found(0)
    return True


def after_request(n: int | None = None) -> bool:
    """Called once per request (gunicorn's post_request): trims on every `every()`-th; True when it trimmed."""
    period = every()
    n = next(_requests) if n is None else n
    return bool(period) and n % period == 0 and trim()
