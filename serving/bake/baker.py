"""The baking itself (serving/bake/__init__.py tells the whole): `bake` builds the plan's answers, and those around
the visitors first, through the app's callback route into the shared store, until its share of the bound is full."""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass

from serving.bake.follow import Follower, follow_outputs
from serving.bake.plan import (MAX_DISTANCE, VIEW_MODULES, chained_requests, plan, requests_for, space,
                                written_values)

log = logging.getLogger(__name__)

BAKE_SHARE = 0.5  # of the shared store's bound: the rest is the workers'
BR_QUALITY = 5
CHECK_EVERY = 50  # answers between two looks at the store's size, or a twentieth of the baker's share written
CHECK_SHARE = 20
SEEN_MAX = 200_000  # keys remembered as posted (the baker lives on to follow visitors: then forgotten, ~20 MB)
IDLE_S = 0.05  # between two reads of the hints when there is nothing else to do


@dataclass
class Tally:
    built: int = 0  # computed and written by the baker
    stored: int = 0  # already there (precomputed, computed by a worker, or baked before)
    failed: int = 0
    bytes: int = 0  # brotli bytes the baker wrote
    cpu_seconds: float = 0.0
    stopped: str = ""  # why the static plan stopped: done, bound, limit, asked to stop, failed
    followed: int = 0  # of `built`: around the visitors' selections
    hints: int = 0  # visitors' selections followed
    dropped: int = 0  # hints not followed (not a whole selection, a value the view does not offer)


def budget(files, megabytes: float) -> int:
    """Bytes the baker may fill: `BAKE_SHARE` of the shared store's bound."""
    bound = files.max_bytes if files is not None else int(megabytes * 2**20)
    return int(bound * BAKE_SHARE)


def stored_bytes(directory: str) -> int:
    total = 0
    try:
        with os.scandir(directory) as entries:
            for item in entries:
                try:
                    total += item.stat().st_size
                except OSError:
                    pass
    except OSError:
        pass
    return total


def bake(app, *, langs: Iterable[str] = ("en", "ru"), max_distance: int = MAX_DISTANCE,
         limit: int | None = None, should_stop=lambda: False, hints=None, on_plan_end=None,
         trace: list | None = None) -> Tally:
    """Build the plan's answers through the app's callback route into the shared store, until its share of the bound
    is full, `limit` answers were built, the plan is done or `should_stop()`. With `hints` (a
    serving/shared_cache.HintReader), the selections one click from where the visitors are go first (`Follower`),
    and once the plan has stopped (`on_plan_end(tally)` is called then) it goes on following them until
    `should_stop()` or `limit`. `trace`: each answer built, in order, as ("plan" or "follow", its key). Never
    raises."""
    from serving import precompute, shared_cache
    from serving.cache import BoundedCache

    tally = Tally()
    cpu = time.process_time()
    try:
        response_cache = app.server.extensions["camr_response_cache"]
        response_cache.baking = True  # written with the baked mark, at idle-time quality
        response_cache.br_quality = BR_QUALITY
        if not response_cache.shared:
            response_cache.backend = BoundedCache(0)  # nothing kept in this process: only the shared store
        files = shared_cache.current(response_cache.config["CACHE_DEFAULT_TIMEOUT"])
        if files is None and not response_cache.shared:
            tally.stopped = "no shared store"
            return tally
        room = budget(files, shared_cache.megabytes())
        callbacks = precompute.server_callbacks(app)
        spaces = []
        for name in VIEW_MODULES:
            for lang in langs:
                try:
                    spaces.append(space(app, name, lang))
                except Exception as error:  # noqa: BLE001 — a view without a plan is left out
                    log.warning("bake: no plan for %s (%s): %r", name, lang, error)
        client = app.server.test_client()
        after: dict[int, dict[tuple, dict]] = {id(found): {} for found in spaces}  # first change → what it wrote
        seen: set[str] = set()
        counts = {"since_check": 0, "since_bytes": 0}

        def post(body: dict, kind: str, *, again: bool = False):
            """The answer's bytes (decompressed; None: failed), built or found stored; `again`: even if seen."""
            key = response_cache.key(body)
            if key in seen and not again:
                return None
            if len(seen) >= SEEN_MAX:
                seen.clear()  # a key posted again is a lookup of what is stored
            seen.add(key)
            try:
                response = client.post(precompute.UPDATE_PATH, json=body, headers={"Accept-Encoding": "br"},
                                       buffered=True)  # closed: a computed answer is shared on close
            except Exception as error:  # noqa: BLE001
                tally.failed += 1
                log.warning("bake: %s failed: %r", body.get("output"), error)
                return None
            if response.status_code != 200:
                tally.failed += 1
                return None
            data = response.get_data()
            if response.headers.get("X-Cache") == "miss":
                tally.built += 1
                tally.followed += kind == "follow"
                tally.bytes += len(data)
                counts["since_bytes"] += len(data)
                counts["since_check"] += 1
                if trace is not None:
                    trace.append((kind, key))
            else:
                tally.stored += 1
            if response.headers.get("Content-Encoding") == "br":
                import brotli

                data = brotli.decompress(data)
            return data

        follower = None
        if hints is not None:
            follower = Follower(hints, spaces, callbacks, follow_outputs(app),
                                lambda body: post(body, "follow", again=True))
        steps = plan(spaces, max_distance)
        planning = True
        while True:
            if should_stop():
                tally.stopped = tally.stopped or "asked to stop"
                break
            if limit is not None and tally.built >= limit:
                tally.stopped = tally.stopped or "limit"
                break
            body = follower.next_body() if follower is not None else None
            if body is not None:
                post(body, "follow")
                continue
            if planning:
                if counts["since_check"] >= CHECK_EVERY or counts["since_bytes"] >= room // CHECK_SHARE \
                        or tally.bytes >= room:
                    counts["since_check"] = counts["since_bytes"] = 0
                    if (stored_bytes(files.directory) if files is not None else tally.bytes) >= room:
                        tally.stopped = "bound"
                step = None if tally.stopped else next(steps, None)
                if step is None:
                    planning = False
                    tally.stopped = tally.stopped or "done"
                    if on_plan_end is not None:
                        on_plan_end(tally)
                    continue
                distance, _, found, changes = step
                written: dict = {}
                for body in requests_for(callbacks, found, changes, after[id(found)]):
                    data = post(body, "plan")
                    if data is not None and distance == 1 and max_distance > 1:
                        written.update(written_values(data))
                if distance == 1:
                    after[id(found)][changes] = written
                for body in chained_requests(callbacks, found, changes):
                    post(body, "plan")
                continue
            if follower is None:
                break
            time.sleep(IDLE_S)  # nothing to bake: wait for the visitors
        if follower is not None:
            tally.hints, tally.dropped = follower.followed, follower.dropped
    except Exception as error:  # noqa: BLE001 — baking is a bonus: whatever went wrong, serving goes on
        tally.stopped = f"failed: {error!r}"
        log.warning("bake stopped: %r", error, exc_info=True)
    tally.cpu_seconds = time.process_time() - cpu
    return tally
