"""Pages built once in gunicorn's master, before it forks the workers (gunicorn.conf.py's `when_ready`): each
view's page, its in-app navigation (the router callback) and its embed, in every language, and the profiles of
the 18 target countries (data.catalog.T18) — sent through the app's own routes, so whatever per-process cache those routes fill (page and
figure caches, link-preview tags, the response cache) is filled here once and shared by every worker copy-on-write,
including a worker the master boots later to replace one that died. A page is stored under the host its request
names (its link-preview tags name it: serving/pages.py): the warm-up names the address gunicorn listens on, the one
a visitor's request names when nothing sits in front (`base_url`); behind a proxy that passes the public host on
(CAMR_PROXY_HOPS) or on a wildcard address no visitor names that host, and the pages built here are dropped once
the routes' caches are filled (~1.2 MB that each worker would count and no request would use). A profile's HTML cost each worker ~70 ms CPU on
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


WILDCARDS = ("", "0.0.0.0", "::", "[::]", "*")


def base_url(bind: list[str] | tuple[str, ...], environ=os.environ) -> str | None:
    """The base URL a visitor's request names when it reaches gunicorn's first listener directly ("host:port" of
    `bind`, e.g. http://127.0.0.1:8050); None when no request names it: a Unix socket or file descriptor, a wildcard
    address (visitors name the machine), or a proxy in front whose forwarded host Flask takes (CAMR_PROXY_HOPS)."""
    from serving import proxy

    if not bind or proxy.hops(environ) > 0:
        return None
    address = bind[0]
    if address.startswith(("unix:", "fd://")) or ":" not in address:
        return None
    host, _, port = address.rpartition(":")
    if host in WILDCARDS or not port.isdigit():
        return None
    return f"http://{host}:{port}"


def build_indexes() -> None:
    """The query indexes a first-time selection looks up (data/query/indexes.py, the corridors' and the line charts'), and
    every corridor's arc, built once here rather than by each worker on a visitor's request (~1 s CPU, ≤ 11 MB,
    shared); and what every country's profile reads (layouts/country/page.build_indexes): a worker whose stored
    profile has aged out builds it on request, and its first one made those (~2 s of CPU) unless the warm-up's
    profile pages had happened to make them here — all but the world rankings of the years none of those 18
    countries is ranked in (~0.1 s here)."""
    from data.query import get_store
    from figures.corridors import arcs as corridor_arcs, selection
    from figures.remittances import trend
    from layouts.country.page import build_indexes as build_profile_indexes
    from layouts.remittances import ranking
    from layouts.map.indexes import build_indexes as build_map_indexes

    store = get_store()
    store.build_indexes()
    selection.build_indexes(store)
    corridor_arcs.build_arcs(store, LANGUAGES)
    trend.build_indexes(store)
    ranking.build_rankings()
    build_map_indexes()
    build_profile_indexes(LANGUAGES)


def warm(server, base_url: str | None = None) -> tuple[int, int, float]:
    """Build the query indexes, then send every warm-up request to the Flask `server` as if to `base_url` (see
    `base_url()`; None: the pages stored are dropped afterwards); (answered 200/204, failed, seconds)."""
    start = time.perf_counter()
    try:
        build_indexes()
    except Exception:  # noqa: BLE001 — an optimisation: log, go on (each is then built on first use)
        log.exception("warm-up: building the query indexes failed")
    client = server.test_client()
    ok = failed = 0
    for method, url, body in requests():
        try:
            response = client.open(url, method=method, json=body, headers={"Accept-Encoding": "identity"},
                                   base_url=base_url or "http://localhost/")
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
    pages = server.extensions.get("camr_pages")
    if base_url is None and pages is not None:
        pages.entries.clear()  # under a host no visitor's request names
    return ok, failed, time.perf_counter() - start
