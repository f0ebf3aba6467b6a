"""Every country's profile stored for gunicorn's workers before they start (gunicorn.conf.py's `when_ready`).

Start-up builds the profiles of the 18 target countries (serving/precompute.py); any other country is one click
from a profile (its country selector) and its router answer cost a worker ~15 ms of CPU the first time — under the
load benchmark 2 % of the requests and ~15 % of the server's CPU (in process, 60 visitors × 30 actions). Here the
master, before it forks the workers, builds those answers in forked processes (one per core, so what building
leaves behind dies with them) exactly as a worker builds one on a visitor's request (serving/dispatch.py, the same
bytes), and writes them where every worker looks before building: the shared answers (serving/shared_cache.py's
files on tmpfs), under the response cache's key (by selection: any path to the profile finds it). ~434 answers
(en, ru), ~5.4 MB of brotli on tmpfs, none of it in a worker's memory until asked for; ~6 s of CPU at start-up.

Only with the workers' shared files (gunicorn without Redis: with Redis or in `python app.py` there are none) and
the direct dispatch; `CAMR_PROFILES=0` turns it off, and so does `CAMR_PRECOMPUTE=0` (a fast start). A profile that cannot be built is left to be built on request
(as before); any failure costs speed, never the start. The files age out as any other (CAMR_CACHE_TTL, the store's
bound): a profile evicted is built again on request."""
from __future__ import annotations

import logging
import os
import sys
import time

log = logging.getLogger(__name__)

ENV = "CAMR_PROFILES"
PROCESSES = 2
BR_QUALITY = 5  # start-up, not a visitor's wait: smaller files (the baker's quality)


def enabled() -> bool:
    """On unless CAMR_PROFILES=0, or start-up builds nothing (CAMR_PRECOMPUTE=0: a fast start)."""
    from serving import precompute

    return os.environ.get(ENV, "1").strip().lower() not in ("0", "off", "false", "no") and precompute.enabled()


def bodies(langs=None) -> list[dict]:
    """The router's requests for every country's profile but the target countries' (precomputed), in each
    language, as its links open it."""
    from data.catalog import T18
    from data.query import get_store
    from i18n import LANGUAGES
    from serving.precompute import router_bodies

    countries = get_store().countries()
    others = [iso3 for iso3, kind in zip(countries["iso3"], countries["kind"]) if kind == "country"
              and iso3 not in T18]
    return list(router_bodies([f"/country/{iso3}" for iso3 in others], langs or LANGUAGES, typed=False))


def store(app, planned: list[dict], files) -> int:
    """Build each request's answer as a worker would and write it to `files` (serving/shared_cache.SharedFiles)
    under the response cache's key; the number written."""
    from serving.compression import Encoded
    from serving.fast_path import JSON

    direct = app.server.extensions["camr_fast_path"].direct
    response_cache = app.server.extensions["camr_response_cache"]
    written = 0
    for body in planned:
        key = response_cache.key(body)
        if files.get(key) is not None:
            continue
        data = direct.answer(body)
        if data is None:
            continue  # declined (an error page, a failing build): built on request as before
        files.set(key, Encoded.of(data, JSON, quality=BR_QUALITY))
        written += 1
    return written


def share(app, processes: int = PROCESSES) -> tuple[int, float] | None:
    """In gunicorn's master before it forks the workers: every other country's profile built in `processes`
    forked processes and written to the workers' shared files; (answers written, seconds), None when not done
    (off, no shared files, no direct dispatch)."""
    from serving import shared_cache
    from serving.cache import cache_ttl

    if not enabled() or not hasattr(os, "fork"):
        return None
    fast = app.server.extensions.get("camr_fast_path")
    response_cache = app.server.extensions.get("camr_response_cache")
    files = shared_cache.current(cache_ttl())
    if fast is None or fast.direct is None or response_cache is None or response_cache.shared or files is None:
        return None
    started = time.perf_counter()
    planned = bodies()
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for index in range(processes):
        pid = os.fork()
        if pid == 0:  # the child: build its share, write, leave without the parent's exit handlers
            code = 1
            try:
                store(app, planned[index::processes], files)
                code = 0
            except Exception:  # noqa: BLE001 — logged; its share is built on request
                log.exception("profiles: building failed")
            finally:
                os._exit(code)
        children.append(pid)
    failed = 0
    for pid in children:
        _, status = os.waitpid(pid, 0)
        failed += os.waitstatus_to_exitcode(status) != 0
    if failed:
        log.warning("profiles: %d of %d building processes failed (those profiles are built on request)", failed,
                    processes)
    found = sum(files.get(response_cache.key(body)) is not None for body in planned)
    return found, time.perf_counter() - started
