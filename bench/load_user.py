"""What one simulated visitor of the load benchmark does, without locust: the requests a browser running Dash's
renderer sends, built from the app's own /_dash-dependencies and the components each page really has.

Used by bench/locustfile.py (through locust's HTTP client) and by tests/test_bench_load.py (through the app's test
client, so that the benchmark's requests cannot rot silently: each must get a 200/204 that is not an error).

A visitor
- opens a page: a full load (the HTML, which carries the renderer's /_dash-layout and /_dash-dependencies and the
  page itself, so the renderer requests none of them and does not call the router — what Chromium sends on a cold
  /map load; each is requested only when an HTML lacks it) or, once on the site, an in-app navigation (the router callback only: Dash changes the URL without reloading).
  Like a browser it keeps what it got with an ETag and revalidates it on a later full load (If-None-Match: a 304
  without a body when it is current);
- uses a control of the page: picks a value among the control's own options (a dropdown, radio items, a slider's
  marks, a click on the map, a table opened, a download button), and sends every server callback that change
  fires, with the values the page holds at that moment, then the callbacks their outputs fire in turn (the
  renderer's chain: e.g. a new page state re-fires the remittances tables);
- opens an embed (/embed/<view>) or downloads a small CSV (/data/<indicator>.csv).
Both languages. Selections are skewed as real traffic is: three picks in four among a control's first few options
or, for a list of countries, the region and its partners (seen before: served from a cache), the rest anywhere
(often first-time for the worker that gets it).
"""
from __future__ import annotations

import json
import random
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Protocol
from urllib.parse import urlencode

try:  # the app's own JSON library (requirements.txt): several times faster on the large router responses
    import orjson

    def _parse(body: bytes):
        return orjson.loads(body)
except ImportError:  # pragma: no cover
    def _parse(body: bytes):
        return json.loads(body)


# The load generator shares the 2 cores with the server it measures: what it computes per request is CPU taken from
# the server. Most answers are the same bytes again (a page, a cached or precomputed callback), so a decoded answer
# and the components found in it are kept and reused by every visitor (never changed in place: a visitor replaces a
# value, it never edits one). What is sent is unchanged; only the visitor's own work is done once.
MEMO_MIN_BYTES = 512  # smaller bodies are decoded each time (cheaper than keeping them)
MEMO_MAX_BYTES = 24 * 2**20  # of encoded bodies kept decoded (their objects take several times that)


class _Memo:
    """Least recently used out once the keys' bytes pass max_bytes."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.entries: OrderedDict = OrderedDict()

    def get(self, key):
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key, value, size: int):
        if key not in self.entries:
            self.bytes += size
        self.entries[key] = (value, size)
        while self.bytes > self.max_bytes and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.bytes -= dropped


_DECODED = _Memo(MEMO_MAX_BYTES)


def _loads(body: bytes):
    """JSON decoded, shared with every earlier decoding of the same bytes (treat the result as read-only)."""
    if len(body) < MEMO_MIN_BYTES:
        return _parse(body)
    found = _DECODED.get(body)
    if found is not None:
        return found[0]
    value = _parse(body)  # raises ValueError on a cut body: nothing kept
    _DECODED.put(body, value, len(body))
    return value

UPDATE_PATH = "/_dash-update-component"
ROUTER_OUTPUT = "page-content.children"
ERROR_TOAST = "error-toast"  # layouts.ids.Shell.ERROR_TOAST: set by the app's error handler when a callback fails
LANGS = ("en", "ru")
VIEWS = ("/map", "/remittances", "/corridors", "/country", "/country/{iso3}", "/sources", "/key-figures",
         "/present")
VIEW_WEIGHTS = (6, 4, 3, 1, 4, 1, 1, 0.5)  # the landing map first; profiles are reached from search engines
EMBEDS = ("/embed/map", "/embed/remittances", "/embed/corridors", "/embed/key-figures", "/embed/country/{iso3}")
# Profiles visited: the region first, then the main partners (every one a country of the curated data).
COUNTRIES = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "AZE", "TUR", "IRN", "PAK", "BLR", "UKR", "CHN",
             "MNG", "ARM", "GEO", "MDA", "DEU", "USA", "KOR", "ISR", "POL", "ITA", "GBR")
# Small downloads only (5 KB to 90 KB): the multi-MB files measure the network, not the app.
DATA_CSVS = ("CAMR.RUB.DEPR", "NY.GDP.MKTP.KD.ZG", "SI.RMT.COST.OB.ZS")
CLICKABLE_MAPS = ("map-graph",)  # a click on a country of the map focuses it ({"points": [{"location": ISO3}]})
POPULAR = 3  # the first options of a control: where most selections fall
P_POPULAR = 0.75


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes  # decoded (not compressed)

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache", "")


class Transport(Protocol):
    def get(self, path: str, name: str, headers: dict[str, str] | None = None) -> Reply: ...
    def post(self, path: str, body: dict, name: str) -> Reply: ...


def problem(reply: Reply, *, callback: bool = False) -> str | None:
    """Why a reply is an error for the benchmark (None if it is not): any status but 200/204 (and 304 for a GET the
    visitor revalidated), or a callback whose answer opened the app's error toast (a failing callback answers 200
    with that side update)."""
    if reply.status not in ((200, 204) if callback else (200, 204, 304)):
        return f"HTTP {reply.status}"
    if callback and reply.status == 200 and f'"{ERROR_TOAST}"'.encode() in reply.body:
        return "callback answered with the error toast"
    return None


@dataclass(frozen=True)
class Callback:
    output: str  # as in /_dash-dependencies ("a.children" or "..a.figure...b.children..")
    outputs: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str], ...]
    state: tuple[tuple[str, str], ...]
    clientside: bool = False  # run here as the browser runs it (only those of CLIENTSIDE), never sent

    @property
    def name(self) -> str:
        """Its name in the statistics: the first output's component (the router by its path, elsewhere)."""
        return self.outputs[0][0]


def _split_output(spec: str) -> list[tuple[str, str]]:
    parts = spec[2:-2].split("...") if spec.startswith("..") and spec.endswith("..") else [spec]
    return [tuple(p.rsplit(".", 1)) for p in parts]  # type: ignore[misc]


def _table_request(page: "Page", cb: Callback):
    """callbacks/tables.py's TABLE_REQUEST (the remittances' tables): the page state, passed on only while the table
    is open."""
    (table, _), (page_state, _) = cb.inputs
    return {"state": page.values.get((page_state, "data"))} if page.values.get((table, "is_open")) is True else None


# callbacks/corridors.py's TABLE_KEYS (tests/test_bench_load.py checks they are the same): what of the page state the
# corridors' table request passes on.
CORRIDORS_TABLE_KEYS = ("lang", "year", "sex", "mode", "origin", "destination", "source")


def _selection_table_request(page: "Page", cb: Callback):
    """callbacks/tables.py's table_request_js (the corridors' table): the selection in the page state, passed on only
    while the table is open and when it differs from what the table last asked for."""
    (table, _), (page_state, _) = cb.inputs
    if page.values.get((table, "is_open")) is not True:
        return None
    state = page.values.get((page_state, "data"))
    state = state if isinstance(state, dict) else {}
    asked = {"state": {key: state.get(key) for key in CORRIDORS_TABLE_KEYS}}
    return None if cb.state and page.values.get(cb.state[0]) == asked else asked


# Clientside callbacks whose outputs fire server callbacks, by the end of their output (the first that fits): what
# the browser computes (None: no update). Others only change the page in the browser (titles, the address bar, a
# dialog).
CLIENTSIDE = {"corridors-flows-table-request.data": _selection_table_request, "-table-request.data": _table_request}


def _clientside(output: str):
    return next((run for end, run in CLIENTSIDE.items() if output.endswith(end)), None)


class Dependencies:
    """The server-side callbacks of /_dash-dependencies (clientside ones run in the browser: no request; those of
    CLIENTSIDE are run here, as their outputs fire server callbacks)."""

    def __init__(self, deps: list[dict]):
        self.callbacks = [
            Callback(cb["output"], tuple(_split_output(cb["output"])),
                     tuple((d["id"], d["property"]) for d in cb["inputs"]),
                     tuple((d["id"], d["property"]) for d in cb["state"]), bool(cb.get("clientside_function")))
            for cb in deps if (not cb.get("clientside_function") or _clientside(cb["output"]))
            and all(isinstance(d["id"], str) for d in (*cb["inputs"], *cb["state"]))]
        self.router = next(cb for cb in self.callbacks if cb.output == ROUTER_OUTPUT)
        self.by_input: dict[tuple[str, str], list[Callback]] = {}
        for cb in self.callbacks:
            for item in cb.inputs:
                self.by_input.setdefault(item, []).append(cb)


_DEPENDENCIES: dict[int, tuple[list, Dependencies]] = {}


def dependencies(deps: list[dict]) -> Dependencies:
    """Dependencies of a decoded /_dash-dependencies, built once per decoded answer (shared, see _loads)."""
    found = _DEPENDENCIES.get(id(deps))
    if found is None or found[0] is not deps:
        if len(_DEPENDENCIES) > 16:
            _DEPENDENCIES.clear()
        found = _DEPENDENCIES[id(deps)] = (deps, Dependencies(deps))
    return found[1]


def _prop_base(prop: str) -> str:
    return prop.split("@", 1)[0]  # "data@40593…" (allow_duplicate) → "data"


@dataclass
class Page:
    """What the browser holds of one page: each component's type and current property values."""
    path: str
    search: str
    types: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, str], object] = field(default_factory=dict)

    def add(self, tree) -> None:
        """Register every component (with a string id) of a layout tree and its properties."""
        types, values = components(tree)
        self.types.update(types)
        self.values.update(values)

    def has(self, cid: str) -> bool:
        return cid in self.types or cid == "url"


def _walk(tree) -> tuple[dict[str, str], dict[tuple[str, str], object]]:
    types: dict[str, str] = {}
    values: dict[tuple[str, str], object] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and "type" in node:
                cid = props.get("id")
                if isinstance(cid, str):
                    types[cid] = node["type"]
                    for prop, value in props.items():
                        if prop != "children":
                            values[(cid, prop)] = value
                stack.extend(v for v in props.values() if isinstance(v, (dict, list)))
    return types, values


_COMPONENTS: OrderedDict[int, tuple[object, dict, dict]] = OrderedDict()
COMPONENTS_KEPT = 4096


def components(tree) -> tuple[dict[str, str], dict[tuple[str, str], object]]:
    """The components (with a string id) of a layout tree: {id: type} and {(id, prop): value}, in the order a
    depth-first walk meets them (the later of two equal ids wins). Kept per tree object (decoded answers are shared,
    see _loads): the entry holds the tree, so its id() cannot be reused while kept."""
    if not isinstance(tree, (dict, list)):
        return {}, {}
    found = _COMPONENTS.get(id(tree))
    if found is not None and found[0] is tree:
        _COMPONENTS.move_to_end(id(tree))
        return found[1], found[2]
    types, values = _walk(tree)
    _COMPONENTS[id(tree)] = (tree, types, values)
    while len(_COMPONENTS) > COMPONENTS_KEPT:
        _COMPONENTS.popitem(last=False)
    return types, values


def callback_body(cb: Callback, page: Page, changed: list[tuple[str, str]]) -> dict:
    """The request body Dash's renderer sends for `cb`, with the page's current values."""
    def items(deps):
        return [{"id": cid, "property": prop, "value": page.values.get((cid, prop))} for cid, prop in deps]

    outputs = [{"id": cid, "property": prop} for cid, prop in cb.outputs]
    body = {
        "output": cb.output,
        "outputs": outputs[0] if len(outputs) == 1 and not cb.output.startswith("..") else outputs,
        "inputs": items(cb.inputs),
        "changedPropIds": [f"{cid}.{prop}" for cid, prop in changed],
    }
    if cb.state:  # the renderer leaves `state` out for a callback without any
        body["state"] = items(cb.state)
    return body


def template(path: str) -> str:
    """A path as named in the statistics: every profile is one row."""
    return "/country/[iso3]" if path.startswith("/country/") else \
        "/embed/country/[iso3]" if path.startswith("/embed/country/") else path


# -- controls and the values a user picks ---------------------------------------------------------------------------
def _options(props_value) -> list:
    """The values a control offers, in its order (Dash's list of dicts, list of values, or {value: label})."""
    if isinstance(props_value, dict):
        return list(props_value)
    values = []
    for option in props_value or []:
        if isinstance(option, dict):
            if not option.get("disabled"):
                values.append(option.get("value"))
        else:
            values.append(option)
    return values


def _slider_values(page: Page, cid: str) -> list:
    marks = page.values.get((cid, "marks"))
    if isinstance(marks, dict) and marks:
        out = []
        for mark in marks:
            try:
                out.append(int(mark))
            except ValueError:
                out.append(float(mark))
        return sorted(out)
    low, high, step = (page.values.get((cid, k)) for k in ("min", "max", "step"))
    if isinstance(low, (int, float)) and isinstance(high, (int, float)):
        step = step or 1
        return list(range(int(low), int(high) + 1, int(step)))
    return []


def _popular(values: list) -> list:
    """Where most picks fall: for a list of countries the region and its partners (the dashboard's subject; an
    alphabetical list would otherwise make Afghanistan, Albania and Algeria the favourites), else the first few."""
    region = [v for v in values if v in COUNTRIES]
    return region if region else values[:POPULAR]


def _pick(rng: random.Random, values: list):
    head = _popular(values)
    return rng.choice(head if head and rng.random() < P_POPULAR else values)


@dataclass(frozen=True)
class Control:
    cid: str
    prop: str
    kind: str  # "select" | "multi" | "click" | "toggle" | "button"


KIND_WEIGHTS = {"select": 6, "multi": 3, "click": 1.5, "toggle": 1, "button": 0.5}


def controls(page: Page, deps: Dependencies) -> list[Control]:
    """The page's controls that reach the server: properties a user changes that are inputs of server callbacks."""
    found = []
    for (cid, prop), cbs in deps.by_input.items():
        if not page.has(cid) or cid == "url" or page.values.get((cid, "disabled")):
            continue
        kind_of = page.types.get(cid, "")
        if prop == "value" and kind_of in ("Dropdown", "RadioItems", "Select", "Checklist", "Slider", "Tabs"):
            multi = page.values.get((cid, "multi")) or kind_of == "Checklist"
            found.append(Control(cid, prop, "multi" if multi else "select"))
        elif prop == "clickData" and cid in CLICKABLE_MAPS:
            found.append(Control(cid, prop, "click"))
        elif prop == "is_open" and kind_of == "Collapse":
            found.append(Control(cid, prop, "toggle"))  # a table under a chart, opened by its (clientside) button
        elif prop == "n_clicks" and kind_of == "Button":
            found.append(Control(cid, prop, "button"))
    return sorted(found, key=lambda c: (c.cid, c.prop))


def new_value(control: Control, page: Page, rng: random.Random):
    """A value the user gives the control, among its own options; None when it offers nothing to change."""
    current = page.values.get((control.cid, control.prop))
    if control.kind == "button":
        return (current or 0) + 1
    if control.kind == "toggle":
        return not current
    if control.kind == "click":
        return {"points": [{"location": _pick(rng, list(COUNTRIES))}]}
    if page.types.get(control.cid) == "Slider":
        values = _slider_values(page, control.cid)
    else:
        values = _options(page.values.get((control.cid, "options")))
    values = [v for v in values if v is not None]
    if not values:
        return None
    if control.kind == "multi":
        if rng.random() < P_POPULAR:  # one of a few common selections: a popular one, or a few of them
            head = _popular(values)[:POPULAR]
            return head[:1] if rng.random() < 0.5 else head[: rng.randint(1, POPULAR)]
        return rng.sample(values, k=min(len(values), rng.randint(1, 6)))
    choices = [v for v in values if v != current] or values
    return _pick(rng, choices)


FIRST_PAGE_MARK = b'<script type="application/json" id="camr-first-page">'
# The renderer's two start-up answers, when the HTML carries them (serving/first_page.py boot_blocks): the browser
# then reads them there and does not request them.
BOOT_MARKS = {"/_dash-layout": b'<script type="application/json" id="camr-dash-layout"',
              "/_dash-dependencies": b'<script type="application/json" id="camr-dash-dependencies"'}


def _boot_block(html: bytes, route: str):
    """The answer of `route` the index HTML carries, or None when it has none (then the renderer fetches it)."""
    start = html.find(BOOT_MARKS[route])
    if start < 0:
        return None
    start = html.find(b">", start) + 1
    end = html.find(b"</script>", start)
    try:
        return _loads(html[start:end])
    except ValueError:
        return None


def _first_page(html: bytes):
    """The page the index HTML carries for its own URL (the router's answer, put into the layout by
    assets/first-page.js), or None when the HTML has none: then the renderer asks the router."""
    start = html.find(FIRST_PAGE_MARK)
    if start < 0:
        return None
    start += len(FIRST_PAGE_MARK)
    end = html.find(b"</script>", start)
    try:
        return _loads(html[start:end]).get("page")
    except ValueError:
        return None


# -- the visitor ------------------------------------------------------------------------------------------------------
class Visitor:
    """One simulated browser. `transport` sends the requests (locust's client, or a test client); `on_problem` is
    told of every reply that is an error (locust marks it failed; the test fails)."""

    MAX_CHAIN = 4  # rounds of callbacks fired by callbacks' outputs (the app's chains are 2 deep)

    def __init__(self, transport: Transport, rng: random.Random | None = None,
                 on_problem: Callable[[str, str], None] | None = None):
        self.transport = transport
        self.rng = rng or random.Random()
        self.on_problem = on_problem or (lambda name, why: None)
        self.deps: Dependencies | None = None
        self.shell: Page | None = None  # the components outside any page (/_dash-layout)
        self.page: Page | None = None
        self.lang = self.rng.choice(LANGS)
        self.requests = 0
        self.http_cache: dict[str, tuple[str, Reply]] = {}  # URL → (ETag, reply): the browser's cache

    # requests
    def _get(self, path: str, name: str) -> Reply:
        cached = self.http_cache.get(path)
        reply = self.transport.get(path, name, {"If-None-Match": cached[0]} if cached else None)
        self.requests += 1
        why = problem(reply)
        if why:
            self.on_problem(name, why)
        elif reply.status == 304 and cached:
            return cached[1]  # the browser uses its copy
        elif reply.status == 200 and reply.headers.get("etag"):
            self.http_cache[path] = (reply.headers["etag"], reply)
        return reply

    def _post(self, body: dict, name: str) -> Reply:
        reply = self.transport.post(UPDATE_PATH, body, name)
        self.requests += 1
        why = problem(reply, callback=True)
        if why:
            self.on_problem(name, why)
        return reply

    def _answer(self, reply: Reply) -> dict:
        """The `response` of a callback's answer; {} for a body cut short (a worker killed while sending it: the
        transport reports that failure, the visitor goes on as a browser would, without the update)."""
        try:
            answer = _loads(reply.body)
        except ValueError:
            return {}
        return answer.get("response", {}) if isinstance(answer, dict) else {}

    # pages
    def random_path(self) -> str:
        view = self.rng.choices(VIEWS, weights=VIEW_WEIGHTS)[0]
        return view.format(iso3=self.rng.choice(COUNTRIES))

    def open_page(self, path: str | None = None, *, full: bool | None = None) -> Page:
        """A page of the app: a full load the first time (or when asked), otherwise an in-app navigation."""
        path = path or self.random_path()
        if self.rng.random() < 0.1:
            self.lang = self.rng.choice(LANGS)  # the language switch
        search = "?" + urlencode({"lang": self.lang})
        full = self.shell is None if full is None else full
        first_page = None
        if full:
            html = self._get(path + search, f"page {template(path)}")
            body = html.body if html.status == 200 else b""  # a 304 gives back the copy kept (see _get)
            first_page = _first_page(body) if body else None
            boot = {}
            for route in BOOT_MARKS:  # in the HTML, or (an HTML without them) fetched as the renderer would
                boot[route] = _boot_block(body, route) if body else None
                if boot[route] is None:
                    reply = self._get(route, route)
                    boot[route] = _loads(reply.body) if reply.status == 200 else None
            if boot["/_dash-dependencies"] is not None:
                self.deps = dependencies(boot["/_dash-dependencies"])
            self.shell = Page(path, search)
            if boot["/_dash-layout"] is not None:
                self.shell.add(boot["/_dash-layout"])
        if self.deps is None or self.shell is None:
            raise RuntimeError("the app's /_dash-dependencies could not be read")
        # the router replaces the page's content; the shell's components stay
        page = Page(path, search, types=dict(self.shell.types), values=dict(self.shell.values))
        page.values[("url", "pathname")] = path
        page.values[("url", "search")] = search
        if first_page is not None:  # the HTML brought the page (serving/first_page.py): no router round trip
            page.add(first_page)
        else:
            changed = [("url", "pathname")]
            reply = self._post(callback_body(self.deps.router, page, changed), f"router {template(path)}")
            if reply.status == 200:
                content = self._answer(reply).get("page-content", {}).get("children")
                page.add(content)
        self.page = page
        return page

    def navigate(self, path: str) -> Page:
        return self.open_page(path, full=False)

    # controls
    def interact(self, control: Control | None = None, value=None) -> Control | None:
        """Change one control of the current page (a random one unless given) and send what the renderer sends."""
        page, deps = self.page, self.deps
        if page is None or deps is None:
            return None
        if control is None:
            found = controls(page, deps)
            if not found:
                return None
            kinds = sorted({c.kind for c in found})
            kind = self.rng.choices(kinds, weights=[KIND_WEIGHTS[k] for k in kinds])[0]
            control = self.rng.choice([c for c in found if c.kind == kind])
        if value is None:
            value = new_value(control, page, self.rng)
            if value is None:
                return None
        page.values[(control.cid, control.prop)] = value
        self.fire([(control.cid, control.prop)])
        return control

    def fire(self, changed: list[tuple[str, str]]) -> None:
        page, deps = self.page, self.deps
        done: set[Callback] = set()
        for _ in range(self.MAX_CHAIN):
            due = []
            for item in changed:
                for cb in deps.by_input.get(item, ()):
                    if cb not in done and cb not in due and all(page.has(cid) for cid, _ in (*cb.inputs, *cb.state)):
                        due.append(cb)
            if not due:
                return
            next_changed: list[tuple[str, str]] = []
            navigate_to = None
            for cb in due:
                done.add(cb)
                if cb.clientside:  # computed in the browser: its output changes, no request
                    value = _clientside(cb.output)(page, cb)
                    if value is not None:
                        page.values[cb.outputs[0]] = value
                        next_changed.append(cb.outputs[0])
                    continue
                trigger = [item for item in changed if item in cb.inputs]
                reply = self._post(callback_body(cb, page, trigger), f"cb {cb.name}")
                if reply.status != 200:
                    continue
                response = self._answer(reply)
                for cid, props in response.items():
                    if not isinstance(props, dict):
                        continue
                    for prop, value in props.items():
                        prop = _prop_base(prop)
                        if page.types.get(cid) == "Location" and prop in ("href", "pathname") and value:
                            navigate_to = str(value).split("?", 1)[0]  # e.g. the profile's country selector
                            continue
                        page.values[(cid, prop)] = value
                        if prop == "children":
                            page.add(value)
                        next_changed.append((cid, prop))
            if navigate_to:
                self.navigate(navigate_to)
                return
            changed = next_changed

    # other routes
    def open_embed(self) -> Reply:
        path = self.rng.choice(EMBEDS).format(iso3=self.rng.choice(COUNTRIES))
        return self._get(f"{path}?{urlencode({'lang': self.lang})}", f"embed {template(path)}")

    def download_csv(self) -> Reply:
        name = self.rng.choice(DATA_CSVS)
        return self._get(f"/data/{name}.csv?{urlencode({'lang': self.lang})}", "data /data/[indicator].csv")

    # one action, as the locustfile schedules them
    def act(self) -> None:
        """One user action: on a page, mostly a control; sometimes another page, an embed or a download."""
        roll = self.rng.random()
        if self.page is None or roll < 0.18:
            self.open_page(full=self.page is None or self.rng.random() < 0.35)
        elif roll < 0.25:
            self.open_embed()
        elif roll < 0.28:
            self.download_csv()
        elif self.interact() is None:
            self.open_page(full=False)
