"""The garbage collector's first threshold for a serving process: 10,000 new container objects between young
collections instead of Python's 700.

A first-time answer builds tens of thousands of objects that all live until it is sent (a country profile's
components and dicts, a card's table), so at 700 the collector walked them again and again while they were being
made, and the frequent young collections pushed them on into full ones: measured in process on first-time
profiles of 27 countries not precomputed (thread CPU, after gc.freeze as in a worker), 6.9 ms of collection per
profile (two full collections in 27) with 700, 2.4 ms with 10,000; a corridor card's 1.5 ms became 0.25. What it
costs: up to 10,000 objects of cyclic garbage wait a little longer for their collection (a few hundred kB); in
`bench/bench_memory.py` (12 visitors × 150 actions, 3 workers, two runs each way, load 14–28) the largest worker
after the traffic had 251 and 251 MB RSS with it, 258 and 254 MB without. `CAMR_GC_GEN0` sets another first
threshold (0: Python's own)."""
from __future__ import annotations

import gc

from serving.settings import whole_number_from_env

ENV = "CAMR_GC_GEN0"
DEFAULT_GEN0 = 10_000


def gen0() -> int:
    return whole_number_from_env(ENV, DEFAULT_GEN0, "new objects")


def tune() -> tuple[int, int, int]:
    """Set the first threshold (the other two unchanged); the thresholds now in force."""
    first = gen0()
    if first:
        _, second, third = gc.get_threshold()
        gc.set_threshold(first, second, third)
    return gc.get_threshold()
