"""Callback answers baked in idle time (issue 14): a selection nobody has made yet is usually already stored.

Start-up builds every selection one click from each view's default page (serving/precompute.py); a selection two
clicks away cost 4–18 ms the first time. Under gunicorn, a separate process (`start`, from gunicorn.conf.py's
`when_ready`, forked from the master with the app loaded) builds more of them while nobody needs the CPU and
writes them where every worker looks: the shared answers (serving/shared_cache.py's files, or Redis when
REDIS_URL is set), under the key a request from Dash's renderer maps to (the response cache's, by selection:
callbacks/selections.py). A worker then answers them as stored, with `X-Cache: baked`.

- What, in which order: each view (map, remittances, corridors) in each language; every value each of its
  controls (`BAKE_CONTROLS` beside its callbacks, else `PRECOMPUTE_CONTROLS`; `BAKE_REQUIRES`: those that only
  matter with another's value) offers (`space`: a list of countries offers one country fewer, a group or one country more), nearest
  the default page first — one change, then two — and within a distance the values listed first (the latest
  years, the target countries) first, the languages alternating (`plan`). The requests are those the renderer
  sends on the last click of the way there, with the values the page then holds (what the first click's answers
  wrote: the page state, the corridor map's frame).
- Following the visitors (CAMR_BAKE_FOLLOW=0: not): a worker that answers a request carrying a view's whole
  selection (`follow_outputs`), stored or not, writes its raw body to a small file of slots beside the shared
  answers (serving/shared_cache.Hints: one pwrite, a few µs; the master makes the file, so without a baker nothing
  is written). Before each step of its plan the baker reads the new ones (at most every POLL_S) and bakes first
  what is one click from the newest visitor's selection, in that visitor's language (`Follower`: every other value
  of each control from there, the nearest years and the country added last first, as the renderer requests them
  after that selection's answers). A visitor who pauses a second between clicks then finds the next one stored,
  however far from the default page. Bounded whatever is sent: only values the view offers, each selection once per
  FOLLOW_REPEAT_S, FOLLOW_REQUESTS requests around it, FOLLOW_PENDING waiting, none older than FOLLOW_MAX_AGE_S;
  once its plan has stopped the baker stays to follow them, at the same idle priority.
- How much: until the shared store holds half its bound (`BAKE_SHARE` of CAMR_SHARED_CACHE_MB; with Redis, until
  that many bytes were written by the baker), leaving the rest to the workers' own answers; then it stops. Every
  selection two clicks away is far more than that (`python -m bench.bench_bake` counts them).
- Never in the way: it waits for the workers to start (`DELAY_S`), runs at nice 19 under SCHED_IDLE (Linux: only
  CPU that no other process wants), at brotli quality 5 (idle time: smaller answers, more of them in the bound);
  it dies with the master (PR_SET_PDEATHSIG, and the master stops it on exit); any failure is logged and ends the
  baking, never a request. CAMR_BAKE=0 turns it off; `python app.py` (one process, no shared store) never bakes.
"""
from __future__ import annotations

import heapq
import json
import logging
import os
import signal
import sys
import time
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module

from serving.settings import whole_number_from_env

log = logging.getLogger(__name__)

ENV = "CAMR_BAKE"
DELAY_ENV = "CAMR_BAKE_DELAY"
DELAY_S = 10  # the workers boot and take their first requests first
BAKE_SHARE = 0.5  # of the shared store's bound: the rest is the workers'
MAX_DISTANCE = 2
BR_QUALITY = 5
CHECK_EVERY = 50  # answers between two looks at the store's size, or a twentieth of the baker's share written
CHECK_SHARE = 20
VIEW_MODULES = ("callbacks.map", "callbacks.remittances", "callbacks.corridors")
LARGE_PROPS = ("figure", "children")  # outputs the renderer holds that no baked request sends back
FOLLOW_ENV = "CAMR_BAKE_FOLLOW"
FOLLOW_REQUESTS = 120  # requests considered around one visitor's selection (the likeliest next clicks first)
FOLLOW_PENDING = 4  # visitors' selections waiting, the newest first; an older one falls out
FOLLOW_MAX_AGE_S = 30.0  # a hint, or a selection not yet baked around, older than this is dropped
FOLLOW_REPEAT_S = 600.0  # a selection followed this recently is not followed again
FOLLOW_RECENT = 256  # selections remembered for that
FOLLOW_LIST_MAX = 40  # a hinted list of countries longer than this is not followed
SEEN_MAX = 200_000  # keys remembered as posted (the baker lives on to follow visitors: then forgotten, ~20 MB)
POLL_S = 0.02  # between two reads of the hints while baking
IDLE_S = 0.05  # between two reads of the hints when there is nothing else to do


def enabled(name: str = ENV) -> bool:
    return os.environ.get(name, "1").strip().lower() not in ("0", "off", "false", "no")


# --- what to bake ----------------------------------------------------------------------------------------------
@dataclass
class Space:
    """One view in one language: its page's values and each control's other values, the likeliest first."""

    module: str
    lang: str
    values: dict
    controls: list[tuple[str, list]] = field(default_factory=list)  # ("id.value", values other than the page's)
    # controls that only matter with another's value ("id.value": ("other-id.value", value)): BAKE_REQUIRES
    requires: dict = field(default_factory=dict)
    offered: dict = field(default_factory=dict)  # "id.value" → every value it offers, ordered (a list: its items)


def _ordered(options: list, targets: Iterable[str], *, latest_first: bool) -> list:
    """The target countries first (the dashboard's subject), a slider's years latest first, else as listed."""
    wanted = list(targets)
    if any(option in wanted for option in options):
        return [o for o in wanted if o in options] + [o for o in options if o not in wanted]
    return list(reversed(options)) if latest_first else list(options)


def _is_year(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _choices(found: Space, values: dict, *, nearest: bool = False) -> list[tuple[str, list]]:
    """Each control's values other than the one in `values`, the likeliest first: a list of countries one fewer, a
    group (the view's own changes), one more; with `nearest` (around a visitor), the nearest years first (a visitor
    steps through them) and the country added last taken out first."""
    module = import_module(found.module)
    controls = []
    for prop, offered in found.offered.items():
        current = values.get(prop)
        if isinstance(current, list):
            extra = getattr(module, "precompute_changes", None)
            choices = [[code for code in current if code != left] for left in current]
            if nearest:
                choices.reverse()  # the country added last (at the end of the list) taken out first: an undo
            choices += [overrides[prop] for changed, overrides in (extra(values, found.lang) if extra else ())
                        if changed == prop and set(overrides) == {prop}]
            choices += [[*current, code] for code in offered if code not in current]
            unique = []
            for choice in choices:
                if choice != current and choice not in unique:
                    unique.append(choice)
            controls.append((prop, unique))
        else:
            others = [value for value in offered if value != current]
            if nearest and _is_year(current) and all(_is_year(value) for value in others):
                others.sort(key=lambda value: (abs(value - current), -value))
            controls.append((prop, others))
    return controls


def space(app, module_name: str, lang: str, targets: Iterable[str] | None = None) -> Space:
    from data.catalog import T18
    from layouts import pages
    from serving import precompute

    targets = tuple(T18 if targets is None else targets)
    module = import_module(module_name)
    values = precompute.layout_values(pages.render(module.PRECOMPUTE_PATH, f"?lang={lang}"))
    found = Space(module_name, lang, values, requires=dict(getattr(module, "BAKE_REQUIRES", {})))
    for control in getattr(module, "BAKE_CONTROLS", module.PRECOMPUTE_CONTROLS):
        prop = f"{control}.value"
        current = values.get(prop)
        marks = values.get(f"{control}.marks")
        if isinstance(marks, dict):
            offered = [int(key) if key.lstrip("-").isdigit() else key for key in marks]
        else:
            offered = [o.get("value") if isinstance(o, dict) else o for o in values.get(f"{control}.options") or []]
        offered = _ordered(offered, targets, latest_first=isinstance(marks, dict))
        if isinstance(current, list) or (offered and values.get(f"{control}.multi") is not True):
            found.offered[prop] = offered
    found.controls = _choices(found, values)
    return found


def at(found: Space, values: dict) -> Space:
    """The space around another selection of the same view and language (`values`: the page as the renderer holds
    it there): each control's other values from there, the nearest years first."""
    return Space(found.module, found.lang, values, _choices(found, values, nearest=True), found.requires,
                 found.offered)


def states(found: Space, max_distance: int = MAX_DISTANCE) -> Iterator[tuple[int, int, tuple]]:
    """(distance, rank, ((control index, value index), ...)) of every selection within `max_distance` (1 or 2)
    changes of the default page, nearest and likeliest first (rank: the values' places in their lists, summed);
    made as they are asked for (two changes: ~60,000 per view and language)."""
    controls = found.controls
    sizes = [len(options) for _, options in controls]

    def allowed(changes) -> bool:
        chosen = {controls[c][0]: controls[c][1][v] for c, v in changes}
        for c, _ in changes:
            need = found.requires.get(controls[c][0])
            if need and chosen.get(need[0], found.values.get(need[0])) != need[1]:
                return False
        return True

    for rank in range(max(sizes, default=0)):
        for c, size in enumerate(sizes):
            if rank < size and allowed(((c, rank),)):
                yield 1, rank, ((c, rank),)
    if max_distance < 2:
        return
    pairs = [(c1, c2) for c1 in range(len(sizes)) for c2 in range(c1 + 1, len(sizes))]
    for rank in range(max((sizes[a] + sizes[b] - 1 for a, b in pairs), default=0)):
        for c1, c2 in pairs:
            for v1 in range(max(0, rank - sizes[c2] + 1), min(sizes[c1], rank + 1)):
                changes = ((c1, v1), (c2, rank - v1))
                if allowed(changes):
                    yield 2, rank, changes


def plan(spaces: list[Space], max_distance: int = MAX_DISTANCE) -> Iterator[tuple[int, int, Space, tuple]]:
    """Every space's selections merged, nearest and likeliest first, the views and languages taking turns."""
    def tagged(index: int, found: Space):
        turn, group = 0, None
        for distance, rank, changes in states(found, max_distance):
            turn = turn + 1 if group == (distance, rank) else 0
            group = (distance, rank)
            yield distance, rank, turn, index, found, changes

    for distance, rank, _, _, found, changes in heapq.merge(*(tagged(i, s) for i, s in enumerate(spaces)),
                                                            key=lambda item: item[:4]):
        yield distance, rank, found, changes


def requests_for(callbacks: dict, found: Space, changes: tuple, after: dict | None = None) -> Iterator[dict]:
    """The renderer's requests on the last click of each way to the selection `changes` (each of its changes last in
    turn), with the values the page holds: the default page's, what the first click's answers wrote (`after`: by
    the first change, the outputs that are not figures or components), the changes."""
    from serving import precompute

    chosen = [(found.controls[c][0], found.controls[c][1][v]) for c, v in changes]
    for last in range(len(chosen)):
        earlier = tuple(change for i, change in enumerate(changes) if i != last)
        page = {**found.values, **((after or {}).get(earlier) or {}), **dict(chosen)}
        prop, value = chosen[last]
        yield from precompute.bodies_for(callbacks, page, [(prop, {prop: value})])


def written_values(answer: bytes) -> dict:
    """The small outputs of an answer ({"id.prop": value}), as the renderer keeps them."""
    try:
        response = json.loads(answer).get("response") or {}
    except (ValueError, AttributeError):
        return {}
    out = {}
    for cid, props in response.items():
        if isinstance(props, dict):
            for prop, value in props.items():
                prop = prop.split("@", 1)[0]
                if prop not in LARGE_PROPS:
                    out[f"{cid}.{prop}"] = value
    return out


# --- following the visitors ----------------------------------------------------------------------------------------
def follow_outputs(app) -> dict[str, str]:
    """{callback output as in requests: view module} of the callbacks whose request carries the whole selection of
    their view (every baked control among its inputs and state): a worker hints those (serving/shared_cache.Hints)."""
    from serving import precompute

    found = {}
    for name in VIEW_MODULES:
        module = import_module(name)
        props = {f"{control}.value" for control in getattr(module, "BAKE_CONTROLS", module.PRECOMPUTE_CONTROLS)}
        for output, spec in precompute.server_callbacks(app).items():
            deps = {f"{d['id']}.{d['property']}" for d in (*spec["inputs"], *spec.get("state", []))}
            if props <= deps:
                found[output] = name
    return found


def _allowed(value, offered: list, default) -> bool:
    """A control's value from a hint: the default page's, one it offers, or a short list of distinct ones."""
    if value == default:
        return True
    if isinstance(value, list):
        return (len(value) <= FOLLOW_LIST_MAX and all(isinstance(v, str) for v in value)
                and len(set(value)) == len(value) and set(value) <= set(offered))
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and value in offered


class Follower:
    """Selections one click from where the visitors are, before the static plan: `next_body()` gives the next
    request to bake around the newest hinted selection (hints from serving/shared_cache.HintReader, read at most
    every POLL_S), None when there is none. What a hint may cost is bounded: only a callback carrying a whole
    selection is read, each control's value must be one the view offers (else the hint is dropped), a selection is
    followed once per FOLLOW_REPEAT_S, at most FOLLOW_REQUESTS requests around it, FOLLOW_PENDING waiting (the
    newest first), none older than FOLLOW_MAX_AGE_S."""

    def __init__(self, reader, spaces: list[Space], callbacks: dict, carriers: dict[str, str], post,
                 clock=time.monotonic):
        self.reader = reader
        self.spaces = {(found.module, found.lang): found for found in spaces}
        self.callbacks = callbacks
        self.carriers = carriers
        self.post = post  # body → the answer's bytes (decompressed) or None
        self.clock = clock
        self.pending: deque = deque(maxlen=FOLLOW_PENDING)  # [since, state key, iterator of bodies], newest first
        self.recent: OrderedDict = OrderedDict()  # state key → when followed
        self.last_poll = float("-inf")
        self.followed = self.dropped = 0

    def selection(self, raw: bytes):
        """(the view's default space, the selection's control values, the control changed) of a hinted request, or
        None when it is not one to follow."""
        from serving.cache import props_of
        from state import LANG, read_payload

        try:
            body = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(body, dict) or not isinstance(body.get("output"), str):
            return None
        module = self.carriers.get(body["output"])
        if module is None:
            return None
        given = {**props_of(body.get("inputs")), **props_of(body.get("state"))}
        lang = read_payload(given.get("page-state.data"), [LANG])["lang"]
        found = self.spaces.get((module, lang))
        if found is None:
            return None
        values = {}
        for prop, offered in found.offered.items():
            value = given.get(prop, found.values.get(prop))
            if not _allowed(value, offered, found.values.get(prop)):
                return None
            values[prop] = value
        changed = body.get("changedPropIds")
        changed = changed[0] if isinstance(changed, list) and changed and changed[0] in found.offered else None
        return found, values, changed

    def poll(self) -> None:
        now = self.clock()
        if now - self.last_poll < POLL_S:
            return
        self.last_poll = now
        for raw in self.reader.read():
            chosen = self.selection(raw)
            if chosen is None:
                self.dropped += 1
                continue
            found, values, changed = chosen
            key = (found.module, found.lang, json.dumps(values, sort_keys=True))
            if key in self.recent and now - self.recent[key] < FOLLOW_REPEAT_S:
                continue
            self.recent[key] = now
            self.recent.move_to_end(key)
            while len(self.recent) > FOLLOW_RECENT:
                self.recent.popitem(last=False)
            self.pending = deque((item for item in self.pending if item[1] != key), maxlen=FOLLOW_PENDING)
            self.pending.appendleft([now, key, self.around(found, values, changed)])
            self.followed += 1

    def around(self, found: Space, values: dict, changed: str | None) -> Iterator[dict]:
        """The renderer's requests for each click from the selection `values`: first that selection's own requests
        (its answers give what the page then holds: the page state, the corridor map's frame), then one change from
        there, the likeliest first, at most FOLLOW_REQUESTS."""
        from serving import precompute

        page = {**found.values, **values}
        written: dict = {}
        for body in precompute.bodies_for(self.callbacks, page, [(changed or next(iter(found.offered)), {})]):
            written.update(written_values(self.post(body) or b"{}"))
        here = at(found, {**page, **written, **values})
        count = 0
        for _, _, changes in states(here, 1):
            for body in requests_for(self.callbacks, here, changes):
                yield body
                count += 1
                if count >= FOLLOW_REQUESTS:
                    return

    def next_body(self) -> dict | None:
        self.poll()
        while self.pending:
            since, _, bodies = self.pending[0]
            if self.clock() - since <= FOLLOW_MAX_AGE_S:
                body = next(bodies, None)
                if body is not None:
                    return body
            self.pending.popleft()
        return None


# --- the baking process ------------------------------------------------------------------------------------------
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


def lower_priority() -> list[str]:
    """nice 19 and, on Linux, SCHED_IDLE (runs only when no other process wants the CPU); what was done."""
    done = []
    try:
        os.nice(19 - os.nice(0))
        done.append("nice 19")
    except OSError as error:
        log.warning("bake: could not lower the priority (%s)", error)
    if hasattr(os, "SCHED_IDLE"):
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            done.append("SCHED_IDLE")
        except OSError as error:
            log.warning("bake: SCHED_IDLE refused (%s)", error)
    return done


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


# --- the process, from gunicorn's master ---------------------------------------------------------------------------
_child: int | None = None


PROCESS_NAME = b"camr-bake"  # what ps and psutil call it (bench/gunicorn_workers.py tells it from the workers)


def _die_with_parent() -> None:
    """Killed when the master dies, even by SIGKILL; named apart from the workers."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        prctl(15, ctypes.c_char_p(PROCESS_NAME), 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


def start(app, listeners: Iterable = ()) -> int | None:
    """In gunicorn's master (when_ready, after the shared store's directory is made): fork the baker; its pid, or
    None when off (CAMR_BAKE=0, no shared store and no Redis, no fork)."""
    global _child
    from serving import shared_cache

    if not enabled() or not hasattr(os, "fork"):
        return None
    response_cache = app.server.extensions.get("camr_response_cache")
    if response_cache is None or (not response_cache.shared and not os.environ.get(shared_cache.DIR_ENV)):
        return None
    hints_path = shared_cache.create_hints(os.environ.get(shared_cache.DIR_ENV)) if enabled(FOLLOW_ENV) else None
    master = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        _child = pid
        return pid
    code = 0
    try:  # the child: none of the master's signal handlers or sockets, lowest priority, then wait and bake
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2,
                    signal.SIGWINCH, signal.SIGTTIN, signal.SIGTTOU, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        _die_with_parent()
        os.environ.pop(shared_cache.HINTS_ENV, None)  # the baker's own requests are no visitor's
        for listener in listeners:
            try:
                listener.close()
            except Exception:  # noqa: BLE001
                pass
        done = lower_priority()
        delay = whole_number_from_env(DELAY_ENV, DELAY_S, "seconds")
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and os.getppid() == master:
            time.sleep(0.2)
        started = time.perf_counter()
        hints = shared_cache.HintReader(hints_path, FOLLOW_MAX_AGE_S) if hints_path else None

        def report(tally: Tally) -> None:
            print(f"bake: {tally.built} answers built ({tally.bytes / 2**20:.1f} MB brotli), {tally.stored} already "
                  f"stored, {tally.failed} failed, in {time.perf_counter() - started:.0f} s "
                  f"({time.process_time():.1f} s CPU, {', '.join(done) or 'priority unchanged'}): {tally.stopped}"
                  + (f"; following the visitors ({tally.followed} of them around their selections so far)"
                     if hints is not None else ""), file=sys.stderr, flush=True)

        tally = bake(app, should_stop=lambda: os.getppid() != master, hints=hints, on_plan_end=report)
        if hints is None:
            report(tally)
    except BaseException:  # noqa: BLE001 — never back into gunicorn's code from the child
        code = 1
    finally:
        os._exit(code)


def stop() -> None:
    """In the master on exit: the baker goes too (gunicorn may already have reaped it)."""
    global _child
    if _child is None:
        return
    try:
        os.kill(_child, signal.SIGKILL)
        os.waitpid(_child, 0)
    except (ProcessLookupError, ChildProcessError, OSError):
        pass
    _child = None
