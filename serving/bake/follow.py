"""Following the visitors (serving/bake/__init__.py tells the whole): which callbacks' requests carry a view's whole
selection (`follow_outputs`, hinted by the workers), and the `Follower` that reads the hints and gives the requests one
click from the newest visitor's selection, before the static plan."""
from __future__ import annotations

import json
import time
from collections import OrderedDict, deque
from collections.abc import Iterator
from importlib import import_module

from serving.bake.plan import VIEW_MODULES, Space, at, requests_for, states, written_values

FOLLOW_ENV = "CAMR_BAKE_FOLLOW"
FOLLOW_REQUESTS = 120  # requests considered around one visitor's selection (the likeliest next clicks first)
FOLLOW_PENDING = 4  # visitors' selections waiting, the newest first; an older one falls out
FOLLOW_MAX_AGE_S = 30.0  # a hint, or a selection not yet baked around, older than this is dropped
FOLLOW_REPEAT_S = 600.0  # a selection followed this recently is not followed again
FOLLOW_RECENT = 256  # selections remembered for that
FOLLOW_LIST_MAX = 40  # a hinted list of countries longer than this is not followed
POLL_S = 0.02  # between two reads of the hints while baking


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
