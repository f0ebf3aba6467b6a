"""The EN | RU switch keeps the view, and the served HTML names the page's language before any script runs."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from layouts.ids import Map
from tests.support.browser import wait_for_dash


def test_served_html_names_the_language_before_any_script(live_server):
    from tests.support.server import http_get

    status, body = http_get(f"{live_server}/remittances?lang=ru")
    assert status == 200 and b'<html lang="ru">' in body
    assert '<title>Миграция'.encode() in body
    status, body = http_get(f"{live_server}/remittances")
    assert b'<html lang="en">' in body


def test_the_switch_keeps_every_selection(open_app):
    page = open_app("/map?indicator=immigrants&year=2020")
    page.get_by_label("Emigrants living abroad").check()  # a selection made on the page, only in the address bar
    wait_for_dash(page)
    before = parse_qs(urlsplit(page.url).query)
    assert before["indicator"] == ["emigrants"] and before["year"] == ["2020"]
    page.locator("#lang-switch-ru").click()
    page.wait_for_url(re.compile(r"lang=ru"))
    wait_for_dash(page)
    after = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/map"
    assert after["lang"] == ["ru"] and after["indicator"] == ["emigrants"] and after["year"] == ["2020"]
    assert page.evaluate("document.documentElement.lang") == "ru"
    checked = page.locator(f"#{Map.INDICATOR} input:checked").get_attribute("value")
    assert checked == "emigrants"
    page.locator("#lang-switch-en").click()
    page.wait_for_url(re.compile(r"lang=en"))
    wait_for_dash(page)
    assert parse_qs(urlsplit(page.url).query)["indicator"] == ["emigrants"]
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_plotly_locale_follows_the_language(open_app):
    page = open_app("/map?lang=ru")
    page.wait_for_selector(f"#{Map.GRAPH} .modebar-btn", state="attached")
    titles = page.locator(f"#{Map.GRAPH} .modebar-btn").evaluate_all("els => els.map(e => e.dataset.title)")
    assert any(re.search("[А-Яа-я]", title or "") for title in titles), f"mode bar not in Russian: {titles}"
    page = open_app("/map")
    page.wait_for_selector(f"#{Map.GRAPH} .modebar-btn", state="attached")
    titles = page.locator(f"#{Map.GRAPH} .modebar-btn").evaluate_all("els => els.map(e => e.dataset.title)")
    assert not any(re.search("[А-Яа-я]", title or "") for title in titles)
