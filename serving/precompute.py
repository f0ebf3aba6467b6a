"""Callback answers built before the first visitor (issue 14): a first click costs a lookup, not figure building,
plotly validation and JSON encoding.

At start-up — in gunicorn's master before the workers fork, so they share it copy-on-write — every selection one
click away from each view's default page, in each language, is sent through the app's own callback route (the
very code that answers a browser) and its answer kept as the bytes to send, compressed with brotli (a client that
takes gzip only gets them gzipped when it asks).
What each view precomputes is declared beside its callbacks (`callbacks/<view>.py`):

- `PRECOMPUTE_PATH`: the view's page; its default layout (one per language) gives every control's value, as the
  browser sends them;
- `PRECOMPUTE_CONTROLS`: controls each of whose options is one click away (long lists of countries: the 18 target
  countries, `data.catalog.T18`; long lists of years: the dozen listed first);
- `precompute_changes(values, lang)`: further selections from the default page's `values`, as
  (changed "id.prop", {"id.prop": value, ...});
- `PRECOMPUTE_SELECTORS`: {first output "id.prop" (one of several callbacks writing it: "id.prop@input-id.prop"):
  selector} for callbacks whose answer depends on less than the whole request; `selector(inputs, state, changed)`
  returns what it does depend on (None: not one to look up). The map's says that a year, indicator or extent
  answer does not depend on the selection before it, so every year × indicator × extent is served precomputed
  whatever the user clicked first; the remittances' and corridors' (callbacks/selections.py) that theirs depend
  on the page state only through its language. The response cache keys those answers by them too.

Everything else is looked up by the request itself (the response cache's key). A request not precomputed is
answered as before. Building never stops the app: a selection that fails or answers with an error is skipped and
logged. `CAMR_PRECOMPUTE=0` switches it off (development: a faster start); `CAMR_PRECOMPUTE=all` adds every
other country's profile (a cold profile is then a lookup for every country; start-up about doubles)."""
from __future__ import annotations

import gzip
import logging
import os
import pickle
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module

import brotli
from flask import Response, request

from serving.cache import Selector, request_key, selection_of
from serving.compression import negotiate

log = logging.getLogger(__name__)

ENV = "CAMR_PRECOMPUTE"
UPDATE_PATH = "/_dash-update-component"
# Set in the WSGI environ of start-up's own requests (no HTTP header can set a key with a dot): their answers go to
# the precomputed store, never to (or from) the response cache.
ENVIRON_KEY = "camr.precompute"
BROTLI_QUALITY = 6  # 0.1–0.5 ms per answer at start-up; within a few % of the best size
GZIP_LEVEL = 6
PROCESSES = 2  # building processes at most (one per core)
# A control with more options is tried with the target countries only (a list of countries), or with the options
# it lists first (a list of years, latest first): 55 years × each callback is not worth the start-up time.
LONG_OPTION_LIST = 25
LONG_LIST_KEPT = 12


def setting() -> str:
    """"off" (CAMR_PRECOMPUTE=0), "all" (=all: every country's profile too) or "on" (anything else, the default)."""
    raw = os.environ.get(ENV, "1").strip().lower()
    return "off" if raw in ("0", "off", "false", "no") else "all" if raw == "all" else "on"


def enabled() -> bool:
    return setting() != "off"




@dataclass(frozen=True)
class Answer:
    """One callback answer, kept as brotli only. A client taking gzip only gets it gzipped on request (the same
    bytes as when a gzip copy was kept beside: level 6, no timestamp), one taking neither decompressed: browsers all
    take brotli, and a gzip copy of every answer was 4.1 MB in the master, counted in every worker's RSS."""

    mimetype: str
    br: bytes
    size: int  # uncompressed bytes
    # per encoding, the response as the fast path sent it (serving/fast_path.FastPath._stored), in each worker
    sent: dict = field(default_factory=dict, compare=False, repr=False)

    def body(self) -> bytes:
        return brotli.decompress(self.br)

    @property
    def gzip(self) -> bytes:
        """The answer gzipped as it was kept before (~0.1–1 ms: gzip-only clients are rare)."""
        return gzip.compress(self.body(), compresslevel=GZIP_LEVEL, mtime=0)

    def response(self, accept_encodings) -> Response:
        encoding = negotiate(accept_encodings)
        if encoding == "br":
            response = Response(self.br, mimetype=self.mimetype)
        elif encoding == "gzip":
            response = Response(self.gzip, mimetype=self.mimetype)
        else:
            return self._tagged(Response(self.body(), mimetype=self.mimetype))
        response.headers["Content-Encoding"] = encoding  # sent as is (flask-compress leaves encoded bodies alone)
        return self._tagged(response)

    @staticmethod
    def _tagged(response: Response) -> Response:
        response.headers["X-Cache"] = "precomputed"
        return response


@dataclass
class Precomputed:
    """Answers by lookup key; built once, then only read (shared by forked workers)."""

    selectors: dict[str, Selector] = field(default_factory=dict)  # callback output (as in requests) → selector
    answers: dict[str, Answer] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of every building process
    skipped: int = 0
    requests: int = 0

    def key(self, body: dict) -> str | None:
        found = selection_of(self.selectors, body)
        if found is None:
            return request_key(body, "precomputed")
        selection = found[0]
        return None if selection is None else f"sel:{body.get('output')}:{selection!r}"

    def find(self, body: dict) -> Answer | None:
        """The answer built at start-up for this request, None when there is none."""
        if not self.answers:
            return None
        key = self.key(body)
        return self.answers.get(key) if key else None

    def lookup(self, body: dict, accept_encodings=None) -> Response | None:
        """The answer built at start-up for this request, in the client's encoding (`accept_encodings`: the parsed
        header, default Flask's current request's); None when there is none."""
        answer = self.find(body)
        if answer is None:
            return None
        return answer.response(request.accept_encodings if accept_encodings is None else accept_encodings)

    def add(self, body: dict, response: Response) -> None:
        """Called by serving/requests.py for a start-up request answered without error."""
        key = self.key(body)
        if key is None:
            return
        data = response.get_data()
        self.answers[key] = Answer(response.mimetype, brotli.compress(data, quality=BROTLI_QUALITY), len(data))

    def stats(self) -> dict:
        return {"answers": len(self.answers), "compressed_bytes": sum(len(a.br) for a in self.answers.values()),
                "uncompressed_bytes": sum(a.size for a in self.answers.values()), "seconds": self.seconds,
                "cpu_seconds": self.cpu_seconds, "requests": self.requests, "skipped": self.skipped}


# --- what to build -------------------------------------------------------------------------------------------------
def layout_values(tree) -> dict:
    """Every property of every component with a string id in a page, {"id.prop": value}, as JSON (what the browser
    holds and sends). `tree`: components, or their JSON already decoded."""
    import json

    from plotly.io.json import to_json_plotly

    values: dict = {}

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props") if "type" in node and "namespace" in node else None
            if isinstance(props, dict) and isinstance(props.get("id"), str):
                for name, value in props.items():
                    if name != "children":
                        values.setdefault(f"{props['id']}.{name}", value)
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(tree if isinstance(tree, (dict, list)) else json.loads(to_json_plotly(tree)))
    return values


def option_values(values: dict, control: str, targets: Iterable[str]) -> list:
    """Every value a control offers: a slider's marks, a radio's, select's or dropdown's options."""
    marks = values.get(f"{control}.marks")
    if isinstance(marks, dict):
        return [int(key) if key.lstrip("-").isdigit() else key for key in marks]
    options = values.get(f"{control}.options") or []
    found = [option.get("value") if isinstance(option, dict) else option for option in options]
    if len(found) > LONG_OPTION_LIST:
        wanted = set(targets)
        countries = [value for value in found if value in wanted]
        found = countries or found[:LONG_LIST_KEPT]  # a long list of years: the ones listed first (the latest)
    return found


def server_callbacks(app) -> dict[str, dict]:
    return {output: spec for output, spec in app.callback_map.items() if spec.get("callback") is not None}


def outputs_of(output: str):
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outs = [dict(zip(("id", "property"), part.rsplit(".", 1))) for part in parts]
    return outs if output.startswith("..") else outs[0]


def request_body(output: str, spec: dict, values: dict, changed: list[str]) -> dict:
    """The body Dash's renderer sends for the callback `output` when the page holds `values`."""
    def entries(deps):
        return [{"id": d["id"], "property": d["property"], "value": values.get(f"{d['id']}.{d['property']}")}
                for d in deps]

    return {"output": output, "outputs": outputs_of(output), "inputs": entries(spec["inputs"]),
            "state": entries(spec.get("state", [])), "changedPropIds": changed}


def first_output(output: str) -> str:
    return output[2:].split("...")[0] if output.startswith("..") else output


def view_changes(module, values: dict, lang: str, targets: Iterable[str]) -> list[tuple[str, dict]]:
    """A view's one-click changes from its default page's `values`: (changed "id.prop", {"id.prop": value})."""
    changes = [(f"{control}.value", {f"{control}.value": value})
               for control in getattr(module, "PRECOMPUTE_CONTROLS", ())
               for value in option_values(values, control, targets)
               if value != values.get(f"{control}.value")]
    extra = getattr(module, "precompute_changes", None)
    return changes + (list(extra(values, lang)) if extra else [])


def bodies_for(callbacks: dict[str, dict], values: dict, changes: Iterable[tuple[str, dict]]) -> Iterable[dict]:
    """Each change sent to every callback (of {output: spec}) that takes the changed value as an input and whose
    inputs are all on the page: the requests the browser sends on that click."""
    for changed, overrides in changes:
        page = {**values, **overrides}
        for output, spec in callbacks.items():
            deps = [f"{d['id']}.{d['property']}" for d in (*spec["inputs"], *spec.get("state", []))]
            if changed in deps[:len(spec["inputs"])] and all(dep in page for dep in deps):
                yield request_body(output, spec, page, [changed])


def view_bodies(app, module, lang: str, targets: Iterable[str]) -> Iterable[dict]:
    """Request bodies for one view in one language, from its default page as this app renders it."""
    from layouts import pages

    values = layout_values(pages.render(module.PRECOMPUTE_PATH, f"?lang={lang}"))
    yield from bodies_for(server_callbacks(app), values, view_changes(module, values, lang, targets))


def router_bodies(paths: Iterable[str], langs: Iterable[str], *, typed: bool = True) -> Iterable[dict]:
    """The router's request when the browser opens a path: from a link (?lang=), or `typed` in English (none)."""
    from layouts.ids import Shell

    spec = {"inputs": [{"id": Shell.URL, "property": "pathname"}, {"id": Shell.URL, "property": "search"}]}
    for path in paths:
        for lang in langs:
            for search in (f"?lang={lang}", "") if lang == "en" and typed else (f"?lang={lang}",):
                yield request_body(f"{Shell.PAGE}.children", spec,
                                   {f"{Shell.URL}.pathname": path, f"{Shell.URL}.search": search},
                                   [f"{Shell.URL}.pathname", f"{Shell.URL}.search"])


VIEW_MODULES = ("callbacks.map", "callbacks.remittances", "callbacks.corridors")


def planned_bodies(app, langs: Iterable[str], *, every_country: bool = False) -> Iterable[dict]:
    """Everything built at start-up: the pages behind the navigation and the target countries' profiles, then each
    view's one-click selections; with `every_country` (CAMR_PRECOMPUTE=all) then every other country's profile,
    as its links open it. A view whose plan fails is logged and left out."""
    from data.catalog import T18
    from data.query import get_store

    langs = tuple(langs)
    pages = ["/map", "/remittances", "/corridors", "/country", "/key-figures", "/sources",
             *(f"/country/{iso3}" for iso3 in T18)]
    yield from router_bodies(pages, langs)
    for name in VIEW_MODULES:
        module = import_module(name)
        for lang in langs:
            try:
                yield from view_bodies(app, module, lang, T18)
            except Exception as error:  # noqa: BLE001 — a plan that cannot be made costs speed, never the start
                log.warning("precompute: no plan for %s (%s): %r", name, lang, error)
    if every_country:
        countries = get_store().countries()
        others = [iso3 for iso3, kind in zip(countries["iso3"], countries["kind"]) if kind == "country"
                  and iso3 not in T18]
        yield from router_bodies([f"/country/{iso3}" for iso3 in others], langs, typed=False)


def selectors(app) -> dict[str, Selector]:
    """{callback output as in requests: selector} from the callbacks modules' PRECOMPUTE_SELECTORS, whose keys name
    a callback by its first output ("id.prop"), or, for one of several callbacks writing it (allow_duplicate: Dash
    adds "@<hash>" to the output), by its first output and first input ("id.prop@input-id.prop")."""
    by_name = {}
    for output, spec in server_callbacks(app).items():
        first, _, duplicate = first_output(output).partition("@")
        if not duplicate:
            by_name[first] = output
        if spec.get("inputs"):
            by_name[f"{first}@{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"] = output
    found = {}
    for name in ("callbacks.routing", *VIEW_MODULES):
        for named, selector in getattr(import_module(name), "PRECOMPUTE_SELECTORS", {}).items():
            if named in by_name:
                found[by_name[named]] = selector
    return found


def build(app, bodies: Iterable[dict] | None = None, *, store: Precomputed | None = None,
          langs: Iterable[str] | None = None, share: tuple[int, int] = (0, 1)) -> Precomputed:
    """Send each planned request (default: `planned_bodies`) through the app's callback route, keeping the answers
    in `store` (default: a new one); `share=(i, n)` builds only the i-th of n shares. Never raises."""
    from i18n import LANGUAGES

    started, cpu = time.perf_counter(), time.process_time()
    store = store if store is not None else Precomputed()
    store.selectors = selectors(app)
    client = app.server.test_client()
    try:
        planned = bodies if bodies is not None else planned_bodies(app, langs or LANGUAGES,
                                                                   every_country=setting() == "all")
        for body in planned:
            key = store.key(body)
            if key is None or key in store.answers or zlib.crc32(key.encode()) % share[1] != share[0]:
                continue  # two clicks with one answer (a year or an indicator change of the map): built once
            store.requests += 1
            before = len(store.answers)
            try:
                client.post(UPDATE_PATH, json=body, environ_overrides={ENVIRON_KEY: store},
                            headers={"Accept-Encoding": "identity"})
            except Exception as error:  # noqa: BLE001
                log.warning("precompute: %s failed: %r", body.get("output"), error)
            if len(store.answers) == before:
                store.skipped += 1
    except Exception as error:  # noqa: BLE001 — whatever went wrong, serve what was built
        log.warning("precompute stopped early: %r", error)
    store.seconds, store.cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return store


def build_in_children(app, store: Precomputed, processes: int) -> None:
    """`build` in forked processes, one share each, their answers sent back through files: what building leaves in
    the views' own caches (every profile, every map figure) dies with them, and two cores build at once. A child
    that fails costs its share, never the start."""
    started = time.perf_counter()
    store.selectors = selectors(app)
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    with tempfile.TemporaryDirectory(prefix="camr-precompute-") as folder:
        for share in range(processes):
            path = os.path.join(folder, f"{share}.pickle")
            pid = os.fork()
            if pid == 0:  # the child: build, write, leave without running the parent's exit handlers
                code = 1
                try:
                    built = build(app, share=(share, processes))
                    with open(path, "wb") as file:
                        pickle.dump((built.answers, built.requests, built.skipped, built.cpu_seconds), file,
                                    protocol=pickle.HIGHEST_PROTOCOL)
                    code = 0
                finally:
                    os._exit(code)
            children.append((pid, path))
        for pid, path in children:
            _, status = os.waitpid(pid, 0)
            try:
                if os.waitstatus_to_exitcode(status) != 0:
                    raise RuntimeError(f"exit status {os.waitstatus_to_exitcode(status)}")
                with open(path, "rb") as file:
                    answers, requests, skipped, cpu = pickle.load(file)
            except Exception as error:  # noqa: BLE001
                log.warning("precompute: a share was lost: %r", error)
                continue
            store.answers.update(answers)
            store.requests += requests
            store.skipped += skipped
            store.cpu_seconds += cpu
    store.seconds = time.perf_counter() - started


def install(app, store: Precomputed) -> None:
    """Fill the store the callback route looks answers up in, unless CAMR_PRECOMPUTE=0."""
    if not enabled():
        return
    processes = max(1, min(os.cpu_count() or 1, PROCESSES))
    if hasattr(os, "fork"):
        build_in_children(app, store, processes)
    else:
        build(app, store=store)
    stats = store.stats()
    print(f"precomputed {stats['answers']} callback answers ({stats['compressed_bytes'] / 1e6:.1f} MB compressed, "
          f"{stats['skipped']} skipped) in {stats['seconds']:.1f} s ({stats['cpu_seconds']:.1f} s CPU)", file=sys.stderr, flush=True)
