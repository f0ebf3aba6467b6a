"""bench/memory_pages.py: how it tells a worker's pages apart (shared with the master, copied, new, gone) and the
kinds of mapping (the full run needs root and a gunicorn: run by hand, not here)."""
from __future__ import annotations

import os

from bench import memory_pages as mp


def test_pages_are_shared_copied_new_or_gone():
    master = {1: (100, "heap (brk)"), 2: (101, "heap (brk)"), 3: (102, "anonymous"), 4: (103, "anonymous")}
    worker = {1: (100, "heap (brk)"), 2: (999, "heap (brk)"), 5: (104, "anonymous")}
    table = mp.compare(master, worker)
    assert table["heap (brk)"] == [1, 1, 0, 0]
    assert table["anonymous"] == [0, 0, 1, 2]


def test_kinds_of_mapping():
    assert mp.kind_of("[heap]", "rw-p") == "heap (brk)"
    assert mp.kind_of("", "rw-p") == "anonymous"
    assert mp.kind_of("/usr/lib/x86_64-linux-gnu/libc.so.6", "rw-p") == "lib libc.so (data)"
    assert mp.kind_of("/x/_brotli.cpython-311-x86_64-linux-gnu.so", "r-xp") == "lib _brotli.so"
    assert mp.kind_of("/dev/shm/camr-answers-1/a", "r--s") == "tmpfs files"


def test_own_mappings_are_read():
    kinds = {kind for _, _, kind in mp.mappings(os.getpid())}
    assert "heap (brk)" in kinds or any(k.startswith("anonymous") for k in kinds)
