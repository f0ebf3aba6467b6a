"""Pages built once in gunicorn's master, before it forks the workers (gunicorn.conf.py's `when_ready`): each
view's page, its in-app navigation (the router callback) and its embed, in every language, and the profiles of
the 18 target countries (data.catalog.T18) — sent through the app's own routes, so whatever per-process cache those routes fill (page and
figure caches, link-preview tags, the response cache) is filled here once and shared by every worker copy-on-write,
including a worker the master boots later to replace one that died. A profile's HTML cost each worker ~70 ms CPU on
its first visitor (the page is rendered into it, serving/first_page.py); the 18 in two languages take ~2.5 s here.

Without it each of the 2 × cores + 1 workers built every page itself on its first visits: right after a deploy
100 visitors waited seconds for the same pages five times over. Takes a few seconds of start-up; a route that
fails here is logged and skipped, never stops the server. `CAMR_WARM=0` switches it off."""
from __future__ import annotations

import logging
import os
import time
from urllib.parse import urlencode

from data.catalog import T18
from i18n import LANGUAGES

log = logging.getLogger(__name__)

ENV = "CAMR_WARM"
VIEWS = ("/map", "/remittances", "/corridors", "/country", "/sources", "/key-figures", "/present")
PROFILES = T18  # the region and its partners: the profiles the router's answers are precomputed for too
EMBEDS = ("/embed/map", "/embed/remittances", "/embed/corridors", "/embed/key-figures")
UPDATE_PATH = "/_dash-update-component"


def enabled() -> bool:
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "off", "false", "no")


def router_request(path: str, search: str) -> dict:
    """What Dash's renderer sends when the user follows a link to `path` inside the app."""
    return {"output": "page-content.children", "outputs": {"id": "page-content", "property": "children"},
            "inputs": [{"id": "url", "property": "pathname", "value": path},
                       {"id": "url", "property": "search", "value": search}],
            "changedPropIds": ["url.pathname"]}


def requests() -> list[tuple[str, str, dict | None]]:
    """(method, URL, JSON body) of every request the warm-up sends."""
    paths = [*VIEWS, *(f"/country/{iso3}" for iso3 in PROFILES)]
    out: list[tuple[str, str, dict | None]] = []
    for lang in LANGUAGES:
        search = "?" + urlencode({"lang": lang})
        for path in paths:
            out.append(("GET", path + search, None))
            out.append(("POST", UPDATE_PATH, router_request(path, search)))
        out.extend(("GET", embed + search, None) for embed in EMBEDS)
    return out


def build_indexes() -> None:
    """The query indexes a first-time selection looks up (data/query.py, the corridors' and the line charts'),
    built once here rather than by each worker on a visitor's request (~1 s CPU, ≤ 8 MB, shared)."""
    from data.query import get_store
    from figures.corridors import selection
    from figures.remittances import trend

    store = get_store()
    store.build_indexes()
    selection.build_indexes(store)
    trend.build_indexes(store)


def warm(server) -> tuple[int, int, float]:
    """Build the query indexes, then send every warm-up request to the Flask `server`; (answered 200/204, failed,
    seconds)."""
    start = time.perf_counter()
    try:
        build_indexes()
    except Exception:  # noqa: BLE001 — an optimisation: log, go on (each is then built on first use)
        log.exception("warm-up: building the query indexes failed")
    client = server.test_client()
    ok = failed = 0
    for method, url, body in requests():
        try:
            response = client.open(url, method=method, json=body, headers={"Accept-Encoding": "identity"})
            status = response.status_code
            response.close()
        except Exception:  # noqa: BLE001 — a warm-up is an optimisation: log, go on
            log.exception("warm-up: %s %s failed", method, url)
            failed += 1
            continue
        if status in (200, 204):
            ok += 1
        else:
            log.warning("warm-up: %s %s answered %s", method, url, status)
            failed += 1
    return ok, failed, time.perf_counter() - start
