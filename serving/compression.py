"""Compression of the responses built per request (callback answers, pages, embeds): flask-compress, which Dash
turns on (`compress=True`), at levels chosen for a CPU-bound server.

flask-compress compresses every dynamic response anew, cache hits included, at brotli quality 4 and gzip level 6
by default. Measured on the router's answers (50–260 kB of JSON): brotli 4 took 3–16 ms where the answer itself
came from the cache in ~1 ms, i.e. most of a cache hit's time under load; brotli 1 takes ~0.1–1.5 ms for ~15 %
more bytes (255 kB → 26 kB instead of 22 kB), gzip 1 a third of gzip 6's time for ~25 % more. zstd (what current
Chrome and Firefox are sent first) stays at its fast default. Static files are not concerned: versioned assets
and answers built at start-up are compressed once, at high quality, where they are produced."""
from __future__ import annotations

LEVELS = {
    "COMPRESS_BR_LEVEL": 1,
    "COMPRESS_LEVEL": 1,  # gzip
    "COMPRESS_DEFLATE_LEVEL": 1,
}


def install(server) -> None:
    # flask-compress reads these at each response: setting them after Dash created it is enough
    server.config.update(LEVELS)
