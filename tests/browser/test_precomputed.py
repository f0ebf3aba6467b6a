"""What start-up builds (serving/precompute.py) is what a user gets by clicking. Every other browser test runs its
server with CAMR_PRECOMPUTE=0 (tests/conftest.py); this one starts a server as production does, with it on, and
checks a first click is answered from start-up (X-Cache: precomputed) and draws what a fresh build draws."""
from __future__ import annotations

import pytest

from i18n import t
from layouts.ids import Map
from tests.support import browser as harness
from tests.support.server import start_app_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def warm_server():
    with start_app_server(env={"CAMR_PRECOMPUTE": "1"}) as server:
        yield server


def test_a_first_click_is_answered_from_start_up_and_draws_what_a_fresh_build_draws(page, warm_server, live_server):
    caches: list[str | None] = []
    page.on("response", lambda r: caches.append(r.headers.get("x-cache"))
            if "_dash-update-component" in r.url else None)
    harness.open_app(page, warm_server.url, "/map?lang=ru")
    page.get_by_label(t("map.indicator_immigrants", "ru")).check()
    harness.wait_for_dash(page)
    page.locator(f"#{Map.YEAR} [role=slider]").press("Home")  # the first year, from a non-default indicator
    harness.wait_for_dash(page)
    warm = harness.read_graph(page, Map.GRAPH, 0, ("z", "locations", "zmin", "zmax"))
    title = page.locator(f"#{Map.GRAPH} .gtitle").text_content()
    assert "precomputed" in caches, caches
    address = page.url[len(warm_server.url):]
    assert "indicator=immigrants" in address and "year=1990" in address and "lang=ru" in address

    harness.open_app(page, live_server, address)  # the same address, built fresh by a server without precompute
    assert harness.read_graph(page, Map.GRAPH, 0, ("z", "locations", "zmin", "zmax")) == warm
    assert page.locator(f"#{Map.GRAPH} .gtitle").text_content() == title
