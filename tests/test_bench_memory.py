"""bench/bench_memory.py's HTTP transport reads bodies as the visitors need them (no timing here)."""
from __future__ import annotations

import gzip

import brotli

from bench import bench_memory


def test_bodies_are_decoded_whatever_the_encoding():
    body = b'{"response": {}}'
    assert bench_memory._decoded(brotli.compress(body), "br") == body
    assert bench_memory._decoded(gzip.compress(body), "gzip") == body
    assert bench_memory._decoded(body, "") == body
