"""A worker hands the free pages of its heap back to the system every few hundred requests (glibc's malloc_trim).

Building a first-time answer allocates a few MB (components, figures, JSON) that are freed once it is sent, but glibc
keeps freed memory for reuse: a worker's RSS stayed at its peak. After 60 s of bench/bench_load.py (3 workers):
332–337 MB RSS per worker (unique 193–201, proportional 226–233) instead of 365–374 (unique 219–231, proportional
256–267). A trim takes ~4 ms when it has pages to give back (µs otherwise) and runs in the worker's own thread after
its response has gone (gunicorn's `post_request`). Elsewhere than on glibc
(no malloc_trim) it does nothing. CAMR_TRIM_EVERY sets the number of requests between trims (0: never).

What a worker keeps between requests besides the response cache and the stored pages: the views' own caches of
the parts of an answer (components, figures, serialised outputs) that several requests share. Their sizes come
from one measurement: every cached function's calls under the load bench's visitors (4 × 300 actions through
the test client, one worker's share), replayed against least-recently-used caches of 4 to 1024 entries, with
each first call's cost. A cache of 16–64 entries costs at most a few hundred ms of rebuilding over those 1,200
actions compared with an unbounded one (e.g. the remittances trend outputs, ~0.1 MB each: +0.4 s at 32 entries;
the corridor flows view, ~0.35 MB each: +0.15 s at 16; the map's frame and panel: +0.2 s at 64), while the
previous bounds (256–2,048 entries) let the same caches grow to several hundred MB per worker under a long run.

Measured again on 2026-11-30 (the same replay on 6,000 requests, and each cache's entries in a gunicorn worker after
bench/bench_memory.py --actions 800, ~14,000 requests, as many as the load bench's 60 s): the caches held ~50 MB
per worker, most of it serialised outputs as Python dicts and lists (3–7 × their JSON) and components kept for
pages that are stored anyway. Those outputs are now kept as JSON bytes (layouts/common.kept_compact), the pages'
own components in caches of one or two (no or one hit in ~100–200 builds), and the formatted values' cache at 8,192
(the hit rate of an unbounded one); bench/README.md has the figures before and after."""
from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from itertools import count

from serving.settings import whole_number_from_env

ENV = "CAMR_TRIM_EVERY"
DEFAULT_EVERY = 200

_requests = count(1)


@cache
def _libc(function: str):
    """A glibc function by name; None where the C library has none (not glibc)."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), function) if name else None
    except (OSError, AttributeError):
        return None


def every() -> int:
    return whole_number_from_env(ENV, DEFAULT_EVERY, "requests")


def trim() -> bool:
    """Give the heap's free pages back to the system; False where the C library cannot."""
    found = _libc("malloc_trim")
    if found is None:
        return False
    found(0)
    return True


def after_request(n: int | None = None) -> bool:
    """Called once per request (gunicorn's post_request): trims on every `every()`-th; True when it trimmed."""
    period = every()
    n = next(_requests) if n is None else n
    return bool(period) and n % period == 0 and trim()


# glibc's mallopt parameter (malloc.h)
M_ARENA_MAX = -8
ARENAS_ENV = "CAMR_MALLOC_ARENAS"
DEFAULT_ARENAS = 2


def mallopt(param: int, value: int) -> bool:
    """glibc's mallopt; False where the C library has none or refuses the value."""
    found = _libc("mallopt")
    return bool(found is not None and found(param, value) == 1)


def arenas() -> int:
    return whole_number_from_env(ARENAS_ENV, DEFAULT_ARENAS, "arenas")


# glibc serves a block of at least M_MMAP_THRESHOLD bytes with a mapping of its own, given back to the system when
# freed; by default the threshold starts at 128 kB and rises to the size of each such block freed (up to 32 MB), so
# after start-up has freed a few large blocks (data files read, JSON written, answers compressed) every later one
# up to that size comes from the heap, and the heap keeps its high-water mark. A fixed threshold of 512 kB, set in
# gunicorn's master before the app loads (gunicorn.conf.py), measured with bench/bench_memory.py (12 × 800 actions,
# two servers at once, load 17): master 196 → 189 MB RSS, workers 208–210 → 200–202 after the traffic; the workers'
# CPU for the 14,273 requests 27.4 → 27.1 s. (128 kB: the same memory; a 200–300 kB block then costs its page faults
# each time, ~0.2 ms here.) CAMR_MMAP_THRESHOLD_KB=0: glibc's own rising threshold.
M_MMAP_THRESHOLD = -3
MMAP_ENV = "CAMR_MMAP_THRESHOLD_KB"
DEFAULT_MMAP_KB = 512


def mmap_threshold_kb() -> int:
    return whole_number_from_env(MMAP_ENV, DEFAULT_MMAP_KB, "kB")


def fix_mmap_threshold() -> bool:
    """In gunicorn's master before the app loads: glibc's mmap threshold fixed at CAMR_MMAP_THRESHOLD_KB (the
    workers inherit it); True when set (False: 0, or not glibc)."""
    kb = mmap_threshold_kb()
    return bool(kb) and mallopt(M_MMAP_THRESHOLD, kb * 1024)


def before_fork() -> None:
    """In gunicorn's master once the app is loaded and warmed, just before the workers are forked (when_ready).

    - Collect the warm-up's garbage, then give the heap's free pages back (malloc_trim): a worker's RSS starts from
      the master's, so what the master freed but kept counted in every worker.
    - At most CAMR_MALLOC_ARENAS (default 2; 0: glibc's own 8 × cores) malloc arenas: each of a worker's threads
      otherwise gets an arena of its own, where freed memory stays for that thread only (fragmentation ×4).
    - Freeze what is left out of the garbage collector's reach (gc.freeze): a worker's full collections no longer
      walk (and so copy, page by page) the data, caches and libraries it shares with the master.
    Measured with bench/bench_memory.py (12 visitors × 150 actions, 3 workers; the same requests each run): workers
    289–294 MB RSS after the traffic with the trim alone (master 220 MB), 268–279 with 2 arenas (master 214 MB)."""
    import gc

    gc.collect()
    if arenas():
        mallopt(M_ARENA_MAX, arenas())
    trim()
    gc.freeze()
    from serving import collector

    collector.tune()  # fewer young collections while a first-time answer is built (serving/collector.py)


# Debugging where a worker's memory goes (off by default): CAMR_TRACEMALLOC=DIR traces the Python allocations of
# each gunicorn worker from its fork; SIGUSR2 sent to a worker writes DIR/worker-<pid>.tracemalloc (a tracemalloc
# snapshot: what the worker allocated since its fork and still holds), read by `python -m bench.memory_pages
# --trace`. Tracing costs CPU and memory (the master's start-up traced took minutes): never in production.
TRACE_ENV = "CAMR_TRACEMALLOC"
TRACE_FRAMES = 12


def trace_dir(environ=None) -> str | None:
    """The directory of CAMR_TRACEMALLOC when it names one that exists; None (the default) otherwise."""
    import os

    raw = (os.environ if environ is None else environ).get(TRACE_ENV, "").strip()
    return raw if raw and os.path.isdir(raw) else None


def start_tracing() -> bool:
    """Trace the allocations from here on when CAMR_TRACEMALLOC names a directory; True when tracing."""
    import tracemalloc

    if trace_dir() is None:
        return False
    tracemalloc.start(TRACE_FRAMES)
    return True


def dump_trace(role: str) -> str | None:
    """Write this process's snapshot to CAMR_TRACEMALLOC's directory; its path, None when not tracing."""
    import os
    import tracemalloc

    directory = trace_dir()
    if directory is None or not tracemalloc.is_tracing():
        return None
    path = os.path.join(directory, f"{role}-{os.getpid()}.tracemalloc")
    tracemalloc.take_snapshot().dump(path + ".tmp")
    os.replace(path + ".tmp", path)
    return path


def after_fork() -> bool:
    """In a worker just forked (gunicorn's post_fork): when CAMR_TRACEMALLOC names a directory, trace its own
    allocations from here; True when tracing."""
    return start_tracing()


def worker_ready() -> bool:
    """In a worker whose signals gunicorn has set (post_worker_init): when tracing, SIGUSR2 dumps the trace
    (gunicorn leaves that signal to its default, death, in a worker); True when it does."""
    import signal
    import tracemalloc

    if not tracemalloc.is_tracing() or trace_dir() is None:
        return False
    signal.signal(signal.SIGUSR2, lambda *_: dump_trace("worker"))
    return True
