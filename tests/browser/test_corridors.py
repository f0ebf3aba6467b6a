"""The corridors view as a user sees it, in headless Chromium against the running app.

The `page` fixture fails a test on any console error, page error or off-host request.
"""
from __future__ import annotations

import math
from urllib.parse import parse_qs, urlparse

import pytest

from figures.corridors.map_frame import MAX_ARCS
from figures.corridors.selection import Selection, corridor_id, flows
from layouts.ids import Corridors
from tests.support.browser import wait_for_dash

# Arcs that plotly really drew (SVG paths), by corridor id.
DRAWN_ARCS_JS = """() => Array.from(document.querySelectorAll('#corridors-map path.js-line'))
    .map(p => p.__data__ && p.__data__.trace && p.__data__.trace.customdata && p.__data__.trace.customdata[0])
    .filter(Boolean)"""
# Screen position of the middle of a drawn arc.
ARC_MIDDLE_JS = """(corridor) => {
  for (const path of document.querySelectorAll('#corridors-map path.js-line')) {
    const trace = path.__data__ && path.__data__.trace;
    if (!trace || !trace.customdata || trace.customdata[0] !== corridor) continue;
    const point = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(path.getScreenCTM());
    return [point.x, point.y];
  }
  return null;
}"""
SANKEY_JS = """() => { const gd = document.querySelector('#corridors-sankey .js-plotly-plot');
  const link = gd._fullData[0].link;
  return {values: Array.from(link.value), corridors: Array.from(link.customdata)}; }"""


def query(page) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def drawn_arcs(page) -> list[str]:
    page.wait_for_function("() => document.querySelectorAll('#corridors-map path.js-line').length > 0")
    return page.evaluate(DRAWN_ARCS_JS)


def sankey_links(page) -> dict[str, float]:
    page.locator(f"#{Corridors.SANKEY} .sankey-link").first.wait_for()
    data = page.evaluate(SANKEY_JS)
    return dict(zip(data["corridors"], data["values"]))


def expected_flows(store, **kwargs) -> dict[str, float]:
    rows = flows(store, Selection(**{"mode": "default", "origin": None, "destination": None, "year": 2024,
                                     **kwargs}))
    return {corridor_id(o, d): v for o, d, v in zip(rows["origin"], rows["destination"], rows["value"])}


def test_page_draws_arcs_sankey_card_and_the_sources_side_by_side(open_app, store):
    page = open_app("/corridors")
    expected = expected_flows(store)
    assert sorted(drawn_arcs(page)) == sorted(expected)
    assert sankey_links(page) == expected
    assert page.locator(f"#{Corridors.SANKEY} .sankey-node").count() == 7  # 5 origins, Kazakhstan and Russia
    assert "Uzbekistan → Russian Federation" in page.locator(f"#{Corridors.CARD} h3").inner_text()
    comparison = page.locator(f"#{Corridors.COMPARISON}")
    assert comparison.locator(".js-plotly-plot .bars .point").count() > 25  # 7 sources × 4–5 origins
    assert "3,000,000 persons" in comparison.locator("table").inner_text()
    assert "Citizens present (registrations, incl. short stays)" in comparison.inner_text()
    assert "International Migrant Stock 2024" in page.locator(f"#{Corridors.FLOWS_SOURCES} .source-line").inner_text()


def test_year_and_sex_change_arcs_sankey_and_url(open_app, store):
    page = open_app("/corridors")
    page.locator(f"#{Corridors.YEAR} [role=slider]").press("Home")  # keyboard: to the first year
    wait_for_dash(page)
    assert query(page)["year"] == "1990"
    assert "1990" in page.locator(f"#{Corridors.MAP} .gtitle").text_content()
    assert sankey_links(page) == expected_flows(store, year=1990)
    page.get_by_label("Women").check()
    wait_for_dash(page)
    assert query(page)["sex"] == "female"
    women = expected_flows(store, year=1990, sex="female")
    assert sankey_links(page) == women
    assert sorted(drawn_arcs(page)) == sorted(women)


def test_clicking_an_arc_or_a_band_opens_that_corridor_s_card(open_app, store):
    page = open_app("/corridors")
    assert "TJK-RUS" in drawn_arcs(page)
    x, y = page.evaluate(ARC_MIDDLE_JS, "TJK-RUS")
    page.mouse.click(x, y)
    wait_for_dash(page)
    card = page.locator(f"#{Corridors.CARD}")
    assert "Tajikistan → Russian Federation" in card.locator("h3").inner_text()
    assert query(page)["corridor"] == "TJK-RUS"
    tjk = store.corridors("stock_total", origins=["TJK"], destinations=["RUS"], year=2024)["value"].iloc[0]
    assert f"{int(tjk):,} persons" in card.inner_text()
    assert card.locator(".corridor-card-cost .js-plotly-plot").count() == 1  # RPW has Russia → Tajikistan
    links = list(sankey_links(page))
    page.locator(f"#{Corridors.SANKEY} .sankey-link").nth(links.index("KGZ-KAZ")).click(force=True)
    wait_for_dash(page)
    assert "Kyrgyzstan → Kazakhstan" in card.locator("h3").inner_text()
    assert query(page)["corridor"] == "KGZ-KAZ"
    assert "Remittance Prices Worldwide has no figures for this corridor." in card.inner_text()


def test_the_map_view_s_link_shows_all_destinations_of_an_origin(open_app, store):
    page = open_app("/corridors?origin=UZB&year=2020&source=undesa_ims_2020")
    assert page.get_by_label("All destinations of one origin").is_checked()
    assert page.get_by_label("International Migrant Stock 2020 (Rev.2020)").is_checked()
    arcs = drawn_arcs(page)
    assert len(arcs) == MAX_ARCS and all(a.startswith("UZB-") for a in arcs)
    assert "Where people born in Uzbekistan live, 2020" in page.locator(f"#{Corridors.MAP} .gtitle").text_content()
    links = sankey_links(page)
    assert links["UZB-RUS"] == 1_146_175  # Rev.2020 for 2020
    # Back to the default view: the Central Asian corridors in the region frame, origin gone from the URL.
    page.get_by_label("Central Asia to Russia and Kazakhstan").check()
    wait_for_dash(page)
    assert "origin" not in query(page) and query(page)["mode"] == "default"
    assert sorted(drawn_arcs(page)) == sorted(expected_flows(store, year=2020, source="undesa_ims_2020"))


# Each visible name on the flow map: its box, and how far assets/map-labels.js moved it from plotly.js' place.
_SHIFTED_NAMES_JS = """() => Array.from(document.querySelectorAll('#corridors-map .trace.scattergeo text'))
  .filter(t => getComputedStyle(t).visibility !== 'hidden' && t.getBoundingClientRect().width > 0).map(t => {
    const b = t.getBoundingClientRect(), moved = t.getAttribute('data-camr-moved') || '';
    const shift = moved.match(/translate\\(([-\\d.]+),([-\\d.]+)\\)$/);
    return {name: t.textContent, box: [b.left, b.top, b.right, b.bottom],
            dx: shift ? +shift[1] : 0, dy: shift ? +shift[2] : 0, leader: t.hasAttribute('data-camr-leader')};
  })"""


def test_names_on_the_world_flow_map_stay_beside_their_country(browser, live_server):
    """Uzbekistan's destinations crowd Europe and the Middle East on the world map: names pushed off each other
    ended far from their country («Греция» ~50 px down, over Libya). A name moves at most half its width sideways
    or 1.5 times its height, or is joined to its point by a leader, or is hidden (hover still names it); none of
    those shown covers another."""
    from tests.support import browser as harness

    for viewport in ({"width": 1920, "height": 1080}, {"width": 1366, "height": 768}):
        with harness.guarded_page(browser, viewport) as (page, _):
            harness.open_app(page, live_server, "/corridors?mode=origin&origin=UZB&lang=ru")
            page.wait_for_function("() => document.querySelectorAll("
                                   "'#corridors-map .trace.scattergeo text').length >= 6")
            page.wait_for_function(f"() => ({_SHIFTED_NAMES_JS})().length >= 5")
            names = page.evaluate(_SHIFTED_NAMES_JS)
            for name in names:
                width, height = name["box"][2] - name["box"][0], name["box"][3] - name["box"][1]
                assert name["leader"] or abs(name["dx"]) <= 0.5 * width + 0.5 and abs(name["dy"]) <= 1.5 * height + 0.5, (viewport,
                                                                                                        names)
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    apart = (a["box"][2] <= b["box"][0] + 0.5 or b["box"][2] <= a["box"][0] + 0.5
                             or a["box"][3] <= b["box"][1] + 0.5 or b["box"][3] <= a["box"][1] + 0.5)
                    assert apart, (viewport, a, b)


# Each visible name on the flow map beside its own point: its box, its point's and every other point's centre, and
# the end point's country (if any) under the middle of its box (plotly.js' polygons of the background's end points).
# Of the view's flow map, or of the chart `selector` names (an embed's: tests/browser/test_qa_embeds.py).
NAMES_AND_POINTS_JS = _NAMES_AND_POINTS_JS = """(selector) => {
  const gd = document.querySelector(selector || '#corridors-map .js-plotly-plot');
  const trace = Array.from(gd.querySelectorAll('.trace.scattergeo')).find(t => t.querySelector('text'));
  const codes = trace.__data__[0].trace.meta;
  const points = Array.from(trace.querySelectorAll('path.point')).map(p => {
    const b = p.getBoundingClientRect();
    return [(b.left + b.right) / 2, (b.top + b.bottom) / 2];
  });
  const geo = gd._fullLayout.geo._subplot, svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const ends = gd.calcdata[0].filter(c => c.z === 1 && c._polygons);
  const countryAt = (x, y) => {
    const lonlat = geo.projection.invert([x - svg.left, y - svg.top]);
    const found = lonlat && ends.find(c => c._polygons.some(p => p.contains(lonlat)));
    return found ? found.loc : null;
  };
  return {points, codes, names: Array.from(trace.querySelectorAll('text'))
    .filter(t => getComputedStyle(t).visibility !== 'hidden' && t.getBoundingClientRect().width > 0)
    .map(t => {
      const b = t.getBoundingClientRect();
      const leader = t.getAttribute('data-camr-leader');
      return {name: t.textContent, code: codes[t.__data__.i], point: t.__data__.i,
              box: [b.left, b.top, b.right, b.bottom], under: countryAt((b.left + b.right) / 2, (b.top + b.bottom) / 2),
              leader: leader ? leader.split(',').map(Number) : null,
              drawn: leader ? trace.querySelectorAll('line.camr-leader').length : 0};
    })};
}"""


def assert_by_its_point(name: dict, points: list, case=None) -> None:
    """A name stands by its own point (under, over or level with it), or a leader drawn from that point (outside its
    dot) ends on the name's box (assets/map-labels.js, for a name with no clear place by its point)."""
    left, top, right, bottom = name["box"]
    x, y = points[name["point"]]
    if name["leader"] is None:
        assert math.hypot(max(left - x, 0, x - right), max(top - y, 0, y - bottom)) <= 6, (case, name)
        return
    x1, y1, x2, y2 = name["leader"]
    assert name["drawn"] >= 1 and math.hypot(x1 - x, y1 - y) <= 6, (case, name)
    assert left - 1 <= x2 <= right + 1 and top - 1 <= y2 <= bottom + 1, (case, name)
    assert math.hypot(x2 - x, y2 - y) <= 40, (case, name)  # a short leader: the name near its point""


def test_each_name_on_an_origins_world_map_stands_by_its_own_point(browser, live_server):
    """An origin's world map (Turkmenistan's, Kazakhstan's, …): «Туркменистан» stood left of Ashgabat over Iran and
    read as Iran's name; destinations crowded Europe. Each name shown touches its own point (centred, left or right
    of it, under or over it), covers no other country's point nor another name, and its middle is not over another
    end point's country; the origin's name is always shown (never over Iran)."""
    from tests.support import browser as harness

    cases = [({"width": 1366, "height": 768}, "TKM", "ru"), ({"width": 1920, "height": 1080}, "TKM", "en"),
             ({"width": 1366, "height": 768}, "KAZ", "en"), ({"width": 1920, "height": 1080}, "TJK", "ru")]
    for viewport, origin, lang in cases:
        with harness.guarded_page(browser, viewport) as (page, _):
            harness.open_app(page, live_server, f"/corridors?mode=origin&origin={origin}&lang={lang}")
            page.wait_for_function("() => document.querySelectorAll('#corridors-map .trace.scattergeo text')"
                                   ".length >= 6")
            page.wait_for_function(f"() => ({_SHIFTED_NAMES_JS})().length >= 3")
            found = None
            for _ in range(20):  # settled: assets/map-labels.js runs ~30 ms after each draw
                page.wait_for_timeout(250)
                again = page.evaluate(_NAMES_AND_POINTS_JS)
                if again == found:
                    break
                found = again
            names, points, case = found["names"], found["points"], (viewport["width"], origin, lang)
            assert names[0]["code"] == origin, (case, names)  # the origin first, and shown
            for name in names:
                left, top, right, bottom = name["box"]
                assert_by_its_point(name, points, case)  # beside its point, or joined to it by a leader
                for k, (px, py) in enumerate(points):
                    if k != name["point"]:  # no other country's point (a 5 px dot) under it
                        assert not (left - 2.5 < px < right + 2.5 and top - 2.5 < py < bottom + 2.5), (case, name, k)
                if name["code"] == origin:  # shown wherever it fits best, but not over Iran («Туркменистан»)
                    assert name["under"] != "IRN", (case, name)
                else:  # not written over another end point's country (hidden rather: the hover names it)
                    assert name["under"] in (None, name["code"]), (case, name)
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    apart = (a["box"][2] <= b["box"][0] + 0.5 or b["box"][2] <= a["box"][0] + 0.5
                             or a["box"][3] <= b["box"][1] + 0.5 or b["box"][3] <= a["box"][1] + 0.5)
                    assert apart, (case, a, b)


def _settled_names(page, live_server, path: str) -> dict:
    """The flow map's names and points (_NAMES_AND_POINTS_JS) at `path` once settled: four equal reads 250 ms apart
    (assets/map-labels.js runs ~30 ms after each draw)."""
    from tests.support import browser as harness

    harness.open_app(page, live_server, path)
    page.wait_for_function("() => document.querySelectorAll('#corridors-map .trace.scattergeo text').length >= 6")
    found, same = None, 0
    for _ in range(40):
        page.wait_for_timeout(250)
        again = page.evaluate(_NAMES_AND_POINTS_JS)
        same = same + 1 if again == found else 0
        if same >= 4:
            break
        found = again
    return found


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_turkey_is_named_on_uzbekistans_world_map_where_there_is_room_by_its_point(browser, live_server, lang):
    """At 1920 px Turkey's six places (centred, right, left; under and over Ankara) each touched Greece's or
    Armenia's point (by 0.6 px) or Ukraine's name, and the name was hidden, with room 10 px to the right and 2 px
    lower: assets/map-labels.js tries the places between those for a name it would hide. Shown, by its own point,
    over no other country's point or name, its middle over no other end point's country."""
    from tests.support import browser as harness

    with harness.guarded_page(browser, {"width": 1920, "height": 1080}) as (page, _):
        found = _settled_names(page, live_server, f"/corridors?mode=origin&origin=UZB&lang={lang}")
        names, points = found["names"], found["points"]
        turkey = next((name for name in names if name["code"] == "TUR"), None)
        assert turkey is not None, names
        left, top, right, bottom = turkey["box"]
        assert_by_its_point(turkey, points)
        for k, (px, py) in enumerate(points):
            if k != turkey["point"]:
                assert not (left - 2.5 < px < right + 2.5 and top - 2.5 < py < bottom + 2.5), (turkey, k)
        assert turkey["under"] in (None, "TUR"), turkey
        for other in names:
            if other is not turkey:
                b = other["box"]
                assert right <= b[0] + 0.5 or b[2] <= left + 0.5 or bottom <= b[1] + 0.5 or b[3] <= top + 0.5, other


def _segment_crosses(line, box) -> bool:
    x1, y1, x2, y2 = line
    steps = max(1, math.ceil(math.hypot(x2 - x1, y2 - y1)))
    return any(box[0] < x1 + (x2 - x1) * i / steps < box[2] and box[1] < y1 + (y2 - y1) * i / steps < box[3]
               for i in range(steps + 1))


@pytest.mark.parametrize("viewport", [{"width": 1920, "height": 1080}, {"width": 1366, "height": 768}])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_turkey_is_named_on_turkmenistans_world_map_by_a_leader(browser, live_server, viewport, lang):
    """Turkey is Turkmenistan's second corridor, and its name was hidden on its world map: every place by Ankara
    touched Georgia's, Armenia's or Cyprus' point. assets/map-labels.js writes it a little further off, joined to
    Ankara by a leader: shown, inside the map, covering no other name nor point, its middle over no other end
    point's country, its leader crossing no other point nor name."""
    from tests.support import browser as harness

    with harness.guarded_page(browser, viewport) as (page, _):
        found = _settled_names(page, live_server, f"/corridors?mode=origin&origin=TKM&lang={lang}")
        frame = page.evaluate("""() => { const b = document.querySelector('#corridors-map .geo .bg rect')
            .getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }""")
        names, points = found["names"], found["points"]
        turkey = next((name for name in names if name["code"] == "TUR"), None)
        assert turkey is not None, names
        left, top, right, bottom = turkey["box"]
        assert_by_its_point(turkey, points)
        assert frame[0] <= left and right <= frame[2] and frame[1] <= top and bottom <= frame[3], (turkey, frame)
        assert turkey["under"] in (None, "TUR"), turkey
        for k, (px, py) in enumerate(points):
            if k != turkey["point"]:
                dot = (px - 2.5, py - 2.5, px + 2.5, py + 2.5)
                assert not (left - 2.5 < px < right + 2.5 and top - 2.5 < py < bottom + 2.5), (turkey, k)
                assert not (turkey["leader"] and _segment_crosses(turkey["leader"], dot)), (turkey, k)
        for other in names:
            if other is not turkey:
                b = other["box"]
                assert right <= b[0] + 0.5 or b[2] <= left + 0.5 or bottom <= b[1] + 0.5 or b[3] <= top + 0.5, other
                assert not (turkey["leader"] and _segment_crosses(turkey["leader"], b)), other
                assert not (other["leader"] and _segment_crosses(other["leader"], turkey["box"])), other


def test_the_table_of_corridors_opens_on_demand_and_follows_the_selection(open_app, page, store):
    """Closed at first and never asked for while closed; opened, every corridor of the map's selection (in Russian,
    the page's language); a new origin while it is open, the new origin's rows; closed again, its button says so."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.post_data or "") if "/_dash-update-component" in r.url else None)
    open_app("/corridors?mode=origin&origin=UZB&lang=ru")
    toggle, body = page.locator(f"#{Corridors.FLOWS_TABLE_TOGGLE}"), page.locator(f"#{Corridors.FLOWS_TABLE_BODY}")
    assert toggle.inner_text() == "Показать коридоры в виде таблицы"
    assert toggle.get_attribute("aria-expanded") == "false" and body.inner_text() == ""
    assert not any(Corridors.FLOWS_TABLE_BODY in sent for sent in asked)

    def rows() -> list[list[str]]:
        return [r.locator("td").all_inner_texts() for r in body.locator("tbody tr").all()]

    def expected(origin: str) -> list[tuple[str, str]]:
        found = flows(store, Selection("origin", origin, None, 2024, "total", "undesa_ims_2024"))
        return [(store.country_name(o, "ru"), store.country_name(d, "ru"))
                for o, d in zip(found["origin"], found["destination"])]

    toggle.click()
    body.locator("table").wait_for()
    assert toggle.get_attribute("aria-expanded") == "true" and toggle.inner_text() == "Скрыть таблицу"
    assert body.locator("caption").inner_text() == "Коридоры, показанные на карте и на диаграмме Санкея"
    uzbekistan = expected("UZB")
    assert [tuple(row[:2]) for row in rows()] == uzbekistan and len(uzbekistan) > MAX_ARCS  # all, not only the arcs

    page.click(f"#{Corridors.ORIGIN}")
    page.fill(".dash-dropdown-search", store.country_name("TJK", "ru"))
    page.get_by_role("option", name=store.country_name("TJK", "ru"), exact=True).click()
    page.keyboard.press("Escape")
    tajikistan = expected("TJK")
    page.wait_for_function("([selector, name]) => { const cell = document.querySelector(selector);"
                           " return cell && cell.textContent === name; }",
                           arg=[f"#{Corridors.FLOWS_TABLE_BODY} tbody td", tajikistan[0][0]])
    wait_for_dash(page)
    assert query(page)["origin"] == "TJK"
    assert [tuple(row[:2]) for row in rows()] == tajikistan != uzbekistan

    toggle.click()
    page.wait_for_function(f"() => document.getElementById('{Corridors.FLOWS_TABLE_TOGGLE}')"
                           ".getAttribute('aria-expanded') === 'false'")
    assert toggle.inner_text() == "Показать коридоры в виде таблицы"


NOTE_JS = """() => { const gd = document.querySelector('#corridors-map .js-plotly-plot');
  const note = gd.querySelector('g.annotation'), own = gd.getBoundingClientRect();
  const box = note.getBoundingClientRect();
  return {text: note.textContent, left: box.left, right: box.right, chartLeft: own.left, chartRight: own.right,
          lines: note.querySelectorAll('tspan.line').length}; }"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_flow_maps_note_fits_a_phone_in_full_and_joins_again_on_a_wider_screen(browser, live_server, store,
                                                                                    width, lang):
    """The line-width key ("… · widest = 2.6 million") ran past a 320–390 px chart's edge and lost its number:
    assets/geo-fit.js breaks it at its ' · ' on a phone, inside the chart with the whole number, and puts it on one
    line again on a wider screen."""
    from figures.corridors.map_frame import flow_map
    from tests.support import browser as harness

    selection = Selection("default", None, None, 2024)
    key = flow_map(store, selection, flows(store, selection), lang).legend
    assert " · " in key
    with harness.guarded_page(browser, {"width": width, "height": 800}) as (page, _):
        harness.open_app(page, live_server, f"/corridors?lang={lang}")
        page.wait_for_function(f"() => {{ const n = document.querySelector('#corridors-map g.annotation');"
                               f" const gd = document.querySelector('#corridors-map .js-plotly-plot');"
                               f" return n && n.getBoundingClientRect().right <= gd.getBoundingClientRect().right"
                               f" + 0.5; }}")
        note = page.evaluate(NOTE_JS)
        assert note["chartLeft"] - 0.5 <= note["left"], note
        # every word of the key, the number included: on one line where it fits (English at 390 px), else broken
        assert note["text"] == (key if note["lines"] == 0 else key.replace(" · ", "")), (key, note)
        assert width > 320 or note["lines"] == 2, note  # at 320 px neither language's key fits on one line
        page.set_viewport_size({"width": 1200, "height": 800})
        page.wait_for_function("() => { const n = document.querySelector('#corridors-map g.annotation');"
                               " return n && n.querySelectorAll('tspan.line').length === 0; }")
        assert page.evaluate(NOTE_JS)["text"] == key
