"""Browser-test helpers (Playwright sync API); the fixtures in tests/browser/conftest.py are built on these.

- `PageGuard`: blocks and records every request that leaves the host, records console errors, uncaught page
  errors and HTTP 5xx answers; `check()` raises AssertionError listing them.
- `open_app(page, base_url, path)`: navigate and wait until Dash has rendered and no callback is pending.
- `read_graph(page, graph_id, ...)`: a dcc.Graph's trace data as plain Python lists (plotly >= 6 ships arrays
  base64-encoded, so `gd.data[i].z` is `{bdata, dtype}`; `gd._fullData[i].z` is the decoded typed array).
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import (ConsoleMessage, Error as PlaywrightError, Page, Request, Response, Route,
                                 TimeoutError as PlaywrightTimeoutError, WebSocketRoute)

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-proxy-server",  # local pages only: never route 127.0.0.1 through an environment proxy
]
VIEWPORT = {"width": 1400, "height": 900}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
INLINE_SCHEMES = frozenset({"data", "blob", "about"})


def is_on_host(url: str) -> bool:
    """True for URLs that stay on this machine: http(s)/ws(s) to 127.0.0.1, localhost or ::1, and data:/blob:."""
    parts = urlsplit(url)
    if parts.scheme in INLINE_SCHEMES:
        return True
    return (parts.hostname or "").lower() in LOCAL_HOSTS


@dataclass
class PageGuard:
    """Records what a page does that a test of an offline app must not tolerate.

    `attach(page)` routes every request of the page's context: on-host ones continue, off-host ones are aborted
    (so nothing ever leaves the machine) and recorded in `offhost`. Console messages of type "error" go to
    `console_errors`, uncaught exceptions to `page_errors`, on-host HTTP 5xx responses to `server_errors`.
    `allow(regex)` excuses matching console/page errors (for a test that provokes one on purpose).
    """

    offhost: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    _allowed: list[re.Pattern] = field(default_factory=list)

    def attach(self, page: Page) -> "PageGuard":
        page.context.route("**/*", self._on_route)
        page.context.route_web_socket(re.compile(r".*"), self._on_websocket)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)
        page.on("response", self._on_response)
        return self

    def allow(self, pattern: str) -> None:
        self._allowed.append(re.compile(pattern))

    def clear(self) -> None:
        for bucket in (self.offhost, self.console_errors, self.page_errors, self.server_errors):
            bucket.clear()

    # -- handlers -------------------------------------------------------------------------------------------
    def _note_url(self, url: str) -> bool:
        if is_on_host(url):
            return True
        self.offhost.append(url)
        return False

    def _on_route(self, route: Route) -> None:
        if self._note_url(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _on_websocket(self, ws: WebSocketRoute) -> None:
        if self._note_url(ws.url):
            ws.connect_to_server()
        else:
            ws.close(code=1008, reason="off-host websocket blocked by the test harness")

    def _excused(self, text: str) -> bool:
        return any(p.search(text) for p in self._allowed)

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type != "error":
            return
        loc = msg.location or {}
        if loc.get("url") and not is_on_host(loc["url"]) and "ERR_BLOCKED_BY_CLIENT" in msg.text:
            return  # the browser's echo of a request we blocked: already listed in `offhost`
        text = msg.text
        if loc.get("url"):
            text += f"  [{loc['url']}:{loc.get('lineNumber', '?')}]"
        if not self._excused(text):
            self.console_errors.append(text)

    def _on_pageerror(self, error: PlaywrightError) -> None:
        text = f"{error.name}: {error.message}" if getattr(error, "name", None) else str(error)
        if not self._excused(text):
            self.page_errors.append(text)

    def _on_response(self, response: Response) -> None:
        if response.status >= 500 and is_on_host(response.url):
            request: Request = response.request
            self.server_errors.append(f"HTTP {response.status} {request.method} {response.url}")

    # -- verdict --------------------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        out = [f"off-host request blocked: {u}" for u in self.offhost]
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"page error: {m}" for m in self.page_errors]
        out += [f"server error: {m}" for m in self.server_errors]
        return out

    def check(self) -> None:
        """Raise AssertionError listing every problem recorded so far; do nothing if there is none."""
        problems = self.problems()
        if problems:
            raise AssertionError(f"{len(problems)} browser problem(s):\n  " + "\n  ".join(problems))


_FUNCTION_STRING = re.compile(r"^\s*(async\b|function\b|\(?[\w\s,\[\]{}=]*\)?\s*=>)")


def csp_safe_wait_for_function(page: Page) -> Page:
    """The app's Content-Security-Policy forbids eval, and Playwright evaluates a bare expression given to
    `wait_for_function` ("document.title === 'x'") with eval in the page: such expressions are passed on as
    functions ("() => (document.title === 'x')"), which Playwright calls without eval."""
    original = page.wait_for_function

    def wait_for_function(expression: str, *args, **kwargs):
        if not _FUNCTION_STRING.match(expression):
            expression = f"() => ({expression})"
        return original(expression, *args, **kwargs)

    page.wait_for_function = wait_for_function  # type: ignore[method-assign]
    return page


@contextmanager
def guarded_page(browser, viewport: dict, timeout_ms: float = 30_000):
    """A page of its own (fresh context, service workers blocked) whose console errors and failed requests fail the
    test when it closes: yields (page, guard)."""
    guard = PageGuard()
    context = browser.new_context(viewport=viewport, service_workers="block")
    context.set_default_timeout(timeout_ms)
    page = context.new_page()
    guard.attach(page)
    try:
        yield page, guard
        flush_events(page)
    finally:
        problems = guard.problems()
        context.close()
    assert not problems, problems


def flush_events(page: Page) -> None:
    """One round trip to the page, so console/pageerror events the browser already sent are dispatched."""
    if page.is_closed():
        return
    try:
        page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")
    except PlaywrightError:
        pass  # page crashed or navigated away: nothing more to collect


def read_when_settled(page: Page, read_js: str, settled_js: str, timeout: float = 10_000):
    """What read_js returns once settled_js holds, or after `timeout` ms if it never does: the test's assertion on
    that value then names what is wrong, instead of a bare timeout."""
    try:
        page.wait_for_function(settled_js, timeout=timeout)
    except PlaywrightTimeoutError:
        pass
    return page.evaluate(read_js)


# True once the Dash renderer has hydrated the layout into #react-entry-point, no callback is requested/queued/executing, nothing is
# flagged as loading and the drawn first frame (serving/first_frame.py) has handed over to the live page. Mirrors dash.testing's `_wait_for_callbacks` (store.callbacks minus stored/completed).
DASH_IDLE_JS = """() => {
  const store = window.store;
  const root = document.getElementById('react-entry-point');
  if (!store || !store.getState || !root || !root.firstElementChild) return false;
  const state = store.getState();
  if (state.appLifecycle !== undefined && state.appLifecycle !== 'HYDRATED') return false;
  if (state.isLoading) return false;
  const cbs = Object.assign({}, state.callbacks || {});
  delete cbs.stored; delete cbs.completed;
  for (const queue of Object.values(cbs)) { if (Array.isArray(queue) && queue.length) return false; }
  if (state.pendingCallbacks && state.pendingCallbacks.length) return false;
  if (document.querySelector('.camr-frame')) return false;  // the drawn first frame still over the live page
  return !document.querySelector('[data-dash-is-loading="true"]');
}"""


def wait_for_dash(page: Page, timeout: float = 30_000) -> None:
    """Wait until Dash is idle (see DASH_IDLE_JS), twice with a frame in between so chained callbacks count."""
    for _ in range(2):
        page.wait_for_function(DASH_IDLE_JS, timeout=timeout, polling=50)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")


def open_app(page: Page, base_url: str, path: str = "/", *, timeout: float = 30_000) -> Page:
    """Go to `base_url + path`, require HTTP 200, then wait until Dash has rendered and is idle."""
    url = urljoin(base_url.rstrip("/") + "/", path.lstrip("/"))
    response = page.goto(url, wait_until="load", timeout=timeout)
    assert response is not None and response.status == 200, (
        f"GET {url} -> {response.status if response else 'no response'}")
    wait_for_dash(page, timeout=timeout)
    return page


_READ_GRAPH_JS = """([graphId, trace, attrs]) => {
  const host = document.getElementById(graphId);
  if (!host) return {error: 'no element with id ' + graphId};
  const gd = host.classList.contains('js-plotly-plot') ? host : host.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData) return {error: 'no plotted .js-plotly-plot inside #' + graphId};
  const full = gd._fullData;
  if (trace >= full.length) return {error: 'trace ' + trace + ' of ' + full.length};
  const plain = v => ArrayBuffer.isView(v) ? Array.from(v)
                   : Array.isArray(v) ? v.map(plain)
                   : (v && typeof v === 'object' && 'bdata' in v) ? {undecoded: v.dtype} : v;
  const t = full[trace];
  const out = {type: t.type, name: t.name === undefined ? null : t.name, n_traces: full.length};
  for (const a of attrs) {
    const v = a.split('.').reduce((o, k) => (o == null ? undefined : o[k]), t);
    out[a] = v === undefined ? null : plain(v);
  }
  return out;
}"""


def read_graph(page: Page, graph_id: str, trace: int = 0, attrs: tuple[str, ...] = ("z", "locations"),
               *, timeout: float = 30_000) -> dict:
    """Trace `trace` of the dcc.Graph with id `graph_id`, as plotted (gd._fullData), typed arrays as lists.

    Returns {"type", "name", "n_traces", <attr>: value, ...}; dotted attrs ("marker.color") reach into objects;
    an attribute the trace lacks is None. Waits (up to `timeout` ms) for the graph to be plotted.
    """
    _wait_graph(page, graph_id, trace, timeout)
    result = page.evaluate(_READ_GRAPH_JS, [graph_id, trace, list(attrs)])
    if "error" in result:
        raise AssertionError(f"read_graph({graph_id!r}): {result['error']}")
    return result


def _wait_graph(page: Page, graph_id: str, trace: int, timeout: float) -> None:
    try:
        page.wait_for_function(
            """([graphId, trace]) => {
                 const host = document.getElementById(graphId);
                 if (!host) return false;
                 const gd = host.classList.contains('js-plotly-plot') ? host : host.querySelector('.js-plotly-plot');
                 return !!(gd && gd._fullData && gd._fullData.length > trace);
               }""",
            arg=[graph_id, trace], timeout=timeout, polling=50)
    except PlaywrightError as error:
        raise AssertionError(f"graph #{graph_id} has no plotted trace {trace} after {timeout:.0f} ms") from error
