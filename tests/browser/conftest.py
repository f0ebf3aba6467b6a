"""Fixtures for tests that drive headless Chromium (Debian's /usr/bin/chromium) against the real app.

    live_server                 session: base URL "http://127.0.0.1:<port>" of `python app.py` (PORT/HOST env)
    app_server                  session: its AppServer (.url, .alive(), .output() = server stdout+stderr)
    browser                     session: Playwright Browser (skipped if no /usr/bin/chromium, FAILS under CI)
    page                        function: fresh context 1400x900 + page, guarded: the test fails at teardown on
                                any off-host request (always blocked), console error, page error or HTTP 5xx
    page_guard                  function: the PageGuard of `page` (inspect it, or page_guard.allow(regex))
    open_app(path="/")          function: open live_server + path in `page`, wait until Dash is idle -> Page
    read_graph(graph_id, trace=0, attrs=("z", "locations"))  -> dict of the plotted trace, arrays as lists

Pages run under the app's real Content-Security-Policy (no eval): give page.evaluate/wait_for_function functions
("() => …"); `page`'s wait_for_function wraps a bare expression into one.
The same helpers as plain functions: `from tests.support.browser import open_app, read_graph, wait_for_dash`.
Every test collected under tests/browser/ is marked `browser` (deselect with `-m "not browser"`).
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support import browser as harness
from tests.support.server import REPO_ROOT, ServerStartError, start_app_server

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", harness.CHROMIUM_PATH)


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_server():
    """The AppServer (tests/support/server.py) of the real app: .url, .alive(), .output() (its stdout+stderr)."""
    if not (REPO_ROOT / "app.py").is_file():
        pytest.fail(f"no app.py in {REPO_ROOT}: nothing to serve", pytrace=False)
    try:
        server = start_app_server(cwd=REPO_ROOT, timeout=60.0)
    except ServerStartError as error:
        pytest.fail(f"the app did not start: {error}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def live_server(app_server):
    """Base URL (no trailing slash) of the real app started with `python app.py` from the repo root."""
    return app_server.url


def _require_alive(server) -> None:
    if not server.alive():
        pytest.fail(f"the app server (started for this session) has exited with code {server.proc.returncode}."
                    f"\n--- server output ---\n{server.output()}", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        reason = (f"{CHROMIUM} not found: browser tests need Debian's chromium "
                  "(`apt-get install chromium chromium-driver`; scripts/test.sh does it)")
        if _under_ci():
            pytest.fail(f"CI={os.environ['CI']}: {reason}", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=harness.CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page_guard():
    return harness.PageGuard()


@pytest.fixture
def page(browser, page_guard):
    context = browser.new_context(viewport=harness.VIEWPORT, service_workers="block")
    context.set_default_timeout(30_000)
    pg = harness.csp_safe_wait_for_function(context.new_page())
    page_guard.attach(pg)
    try:
        yield pg
        harness.flush_events(pg)
    finally:
        problems = page_guard.problems()
        context.close()
    if problems:
        pytest.fail(f"{len(problems)} browser problem(s) during the test:\n  " + "\n  ".join(problems),
                    pytrace=False)


@pytest.fixture
def open_app(page, app_server):
    """open_app(path="/", *, timeout=30_000) -> Page: navigate `page` to the live app and wait for Dash."""
    _require_alive(app_server)

    def _open(path: str = "/", *, timeout: float = 30_000):
        try:
            return harness.open_app(page, app_server.url, path, timeout=timeout)
        except Exception:
            _require_alive(app_server)  # a dead server explains the failure better than a browser timeout
            raise

    yield _open
    _require_alive(app_server)


@pytest.fixture
def read_graph(page):
    """read_graph(graph_id, trace=0, attrs=("z", "locations"), *, timeout=30_000) -> dict."""
    return functools.partial(harness.read_graph, page)
