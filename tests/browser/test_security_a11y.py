"""Every view under the app's real Content-Security-Policy: no violation is reported (scripts run only from our
files and the hashed inline scripts), and axe-core finds no serious or critical accessibility violation."""
from __future__ import annotations

import pytest

from tests.support.a11y import axe_violations, csp_violations, record_csp_violations
from tests.support.browser import wait_for_dash

VIEWS = ["/map", "/map?lang=ru", "/remittances", "/corridors", "/country", "/country/KGZ?lang=ru", "/key-figures",
         "/sources", "/embed/map", "/embed/remittances", "/embed/corridors", "/present", "/map?present=1",
         "/remittances?present=1", "/nowhere"]


@pytest.mark.parametrize("path", VIEWS)
def test_view_runs_under_the_csp_and_passes_axe(page, open_app, live_server, path):
    record_csp_violations(page)
    response = page.request.get(live_server + path)
    csp = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    if path.startswith("/embed/"):  # embeds are light pages of their own, not the Dash app
        page.goto(live_server + path, wait_until="load")
        page.wait_for_selector("html[data-embed-drawn]", state="attached", timeout=20_000)
    else:
        open_app(path)
    assert csp_violations(page) == []
    problems = axe_violations(page, live_server)
    assert problems == [], "\n".join(problems)


def test_interactions_stay_within_the_csp(page, open_app):
    """Clientside callbacks (URL writer, page title) and plotly's redraws after a change run under the policy."""
    record_csp_violations(page)
    open_app("/map")
    page.locator("#nav-remittances").click()
    wait_for_dash(page)
    assert "/remittances" in page.url
    page.go_back()
    wait_for_dash(page)
    assert csp_violations(page) == []
