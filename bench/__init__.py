"""Benchmark scripts: run with `python -m bench.<name>`; they print figures and assert nothing.

The app has a no-op callback (the baseline every benchmark compares with) only when CAMR_BENCH_NOOP=1: set here,
so every server the benchmarks start has it; a server given with --url must be started with it too."""
import os

os.environ.setdefault("CAMR_BENCH_NOOP", "1")
