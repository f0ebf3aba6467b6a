"""Presentation mode in a real browser at 1920×1080, with the network blocked (PageGuard aborts and records every
off-host request and fails the test on it, on console errors and on page errors)."""
from __future__ import annotations

import pytest

from layouts import present
from tests.support import browser as harness

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}

# Every chart's text drawn on the slide (axis labels, legends, titles, annotations, labels on the map), in px.
_CHART_TEXT_JS = """() => {
  const sizes = [];
  for (const gd of document.querySelectorAll('.present-mode .js-plotly-plot')) {
    if (!gd.offsetParent) { continue; }  // a chart hidden by the slide's part
    for (const text of gd.querySelectorAll('text')) {
      if (!text.textContent.trim() || !text.getBoundingClientRect().width) { continue; }
      sizes.push(parseFloat(getComputedStyle(text).fontSize));
    }
  }
  return sizes;
}"""
_READY_JS = """() => {
  const graphs = Array.from(document.querySelectorAll('.present-mode .js-plotly-plot')).filter(g => g.offsetParent);
  return graphs.every(g => g._fullLayout && g._fullLayout.font.size >= 18);
}"""
# Waits (up to 10 s) for present.js to have sized the slide's chart text; the assertion below then says what is small.
_TEXT_SIZED_JS = f"() => ({_CHART_TEXT_JS})().every(size => size >= 18)"


@pytest.fixture
def projector(browser, app_server):
    with harness.guarded_page(browser, PROJECTOR) as (page, guard):
        yield page, app_server.url, guard


def wait_slide(page, index: int) -> None:
    page.wait_for_function("(n) => new URLSearchParams(location.search).get('slide') === String(n)", arg=index)
    page.wait_for_function("(n) => (document.getElementById('present-counter') || {}).textContent"
                           " && document.getElementById('present-counter').textContent.startsWith(n + ' /')",
                           arg=index)
    harness.wait_for_dash(page)
    page.wait_for_function(_READY_JS)


def test_step_through_the_default_deck_with_the_keyboard(projector):
    page, base, guard = projector
    harness.open_app(page, base, "/present")
    assert page.locator("#present-deck-page h1").inner_text() == "Central Asia at a glance"
    urls = [page.url]
    for index in range(1, len(present.DEFAULT_DECK) + 1):
        page.keyboard.press("ArrowRight")
        wait_slide(page, index)
        assert page.url not in urls  # each slide its own address
        urls.append(page.url)
        assert page.locator(".present-slide").inner_text().strip()  # the slide drew something
        sizes = harness.read_when_settled(page, _CHART_TEXT_JS, _TEXT_SIZED_JS)  # the assertion names the sizes
        if index == 1:  # the strategy's figures, then and now
            numbers = page.evaluate("""() => Array.from(document.querySelectorAll('.headline-number'))
                .map(n => parseFloat(getComputedStyle(n).fontSize))""")
            assert numbers and min(numbers) >= 40
        else:
            assert sizes, f"slide {index} draws no chart"
            assert min(sizes) >= 18, (index, sorted(sizes)[:5])
    page.keyboard.press("ArrowLeft")  # back one
    wait_slide(page, len(present.DEFAULT_DECK) - 1)
    assert page.url == urls[-2]
    page.go_back()  # the browser's back button walks the slides too
    wait_slide(page, len(present.DEFAULT_DECK))
    page.keyboard.press("Home")
    wait_slide(page, 1)
    page.keyboard.press("End")
    wait_slide(page, len(present.DEFAULT_DECK))
    assert not guard.offhost


def test_add_views_to_my_deck_and_reorder_them(projector):
    page, base, _ = projector
    harness.open_app(page, base, "/map?lang=en&indicator=immigrants")
    page.locator("[data-add-to-deck]").first.click()
    page.wait_for_function("() => location.pathname === '/present' && !!document.getElementById('present-deck-page')")
    harness.wait_for_dash(page)
    assert page.locator(".present-deck-item").count() == 1
    page.goto(base + "/remittances?lang=en&countries=TJK")
    harness.wait_for_dash(page)
    page.locator("[data-add-to-deck]").first.click()
    page.wait_for_function("() => document.querySelectorAll('.present-deck-item').length === 2")
    items = page.locator(".present-deck-item").evaluate_all("els => els.map(e => e.dataset.permalink)")
    assert items[0].startswith("/map?indicator=immigrants") and items[1].startswith("/remittances?countries=TJK")
    page.locator(".present-deck-item").nth(1).locator("[title='Move up']").click()
    page.wait_for_function("() => document.querySelector('.present-deck-item').dataset.permalink"
                           ".startsWith('/remittances?countries=TJK')")
    page.locator(".present-deck-item").nth(0).locator("[title='Remove from the deck']").click()
    page.wait_for_function("() => document.querySelectorAll('.present-deck-item').length === 1")
    assert "deck=%2Fmap%3Findicator%3Dimmigrants" in page.url and "remittances" not in page.url


def test_a_view_as_a_slide_and_escape_leaves(projector):
    page, base, _ = projector
    harness.open_app(page, base, "/remittances?lang=en&present=1&part=remittances-cost-graph")
    page.wait_for_function(_READY_JS)
    assert page.locator(".navbar").count() == 0
    assert page.locator("#remittances-cost-graph").is_visible()
    assert not page.locator("#remittances-trend-graph").is_visible()  # one chart per slide
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('present=')")
    harness.wait_for_dash(page)
    assert page.locator(".navbar").count() == 1


def test_a_russian_deck_stays_russian_from_slide_to_slide(projector):
    page, base, _ = projector
    harness.open_app(page, base, "/present?slide=1&lang=ru")
    wait_slide(page, 1)
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.locator("#lang-switch-en").count() == 1  # the app's EN | RU switch among the controls
    page.keyboard.press("PageDown")
    wait_slide(page, 2)
    assert "lang=ru" in page.url and page.evaluate("document.documentElement.lang") == "ru"
    page.wait_for_function("() => document.querySelectorAll('.present-mode .trace.scattergeo text').length >= 6")
    names = page.locator(".present-mode .trace.scattergeo text").all_text_contents()
    assert {"Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан"} <= set(names)


# Each chart of a slide with several charts: its drawn size against the size present.js fits it to (the figure's own
# height, half as tall again at most, within 80 % of the screen; taller where wrapped labels need it) and against the
# width of its box.
_CHART_SIZES_JS = """() => Array.from(document.querySelectorAll('.present-mode .js-plotly-plot'))
  .filter(gd => gd.offsetParent && gd._fullLayout && typeof gd._baseHeight === 'number').map(gd => ({
    id: gd.parentElement.id, height: gd._fullLayout.height, width: gd._fullLayout.width, box: gd.clientWidth,
    fitted: Math.max(Math.round(Math.max(gd._baseHeight, Math.min(gd._baseHeight * 1.5, innerHeight * 0.8))),
                     gd._needHeight || 0)}))"""
_ALL_FITTED_JS = f"""() => {{ const sizes = ({_CHART_SIZES_JS})();
  return sizes.length > 0 && sizes.every(s => Math.abs(s.height - s.fitted) <= 1 && Math.abs(s.width - s.box) <= 1); }}"""


@pytest.fixture
def phone(browser, app_server):
    with harness.guarded_page(browser, {"width": 390, "height": 844}) as (page, _):
        yield page, app_server.url


def test_plotlys_resize_after_a_redraw_with_the_figures_own_height_lands_on_the_fitted_height(phone):
    """The race that left a phone chart at its figure's own height (~1 load in 4): dcc.Graph draws a chart with its
    figure again (300 px, no layout.width), and plotly's resize (dcc.Graph's, on a change of the chart's box) runs
    before present.js has refitted it. That resize drops layout.height and layout.width and sizes the chart to its
    box: the box must hold the fitted height (450 px), not the 300 px the chart was just drawn at -- else the chart
    stayed at 300 px with no layout.height left to refit from. Here the resize runs right after the redraw."""
    page, base = phone
    harness.open_app(page, base, "/remittances?present=1&lang=ru")
    page.wait_for_function(_ALL_FITTED_JS)
    heights = page.evaluate("""async () => {
      const gd = document.querySelector('#remittances-economy-graph .js-plotly-plot');
      const figure = Object.assign({}, gd.layout, {height: gd._baseHeight});
      delete figure.width; delete figure.autosize;
      await Plotly.react(gd, gd.data, figure);  // as dcc.Graph draws its figure
      const drawn = gd._fullLayout.height;
      delete gd.layout.width; delete gd.layout.height;  // what Plotly.Plots.resize does when its timer fires
      await Plotly.relayout(gd, {autosize: true});
      return {drawn: drawn, resized: gd._fullLayout.height};
    }""")
    assert heights == {"drawn": 300, "resized": 450}
    page.wait_for_function(_ALL_FITTED_JS)
    sizes = page.evaluate(_CHART_SIZES_JS)
    assert len(sizes) == 5 and all(s["height"] == s["fitted"] for s in sizes), sizes


def test_a_slide_narrowed_keeps_its_charts_inside_the_screen_and_fitted(phone):
    """A slide narrowed (a window made narrower, a tablet turned upright) draws its charts anew at the new width, their
    height still fitted. Before, present.js set the height by a relayout, which pins plotly's width to its first."""
    page, base = phone
    page.set_viewport_size({"width": 900, "height": 844})
    harness.open_app(page, base, "/remittances?present=1&lang=ru")
    page.wait_for_function(_ALL_FITTED_JS)
    wide = {s["id"]: s["width"] for s in page.evaluate(_CHART_SIZES_JS)}
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => document.documentElement.clientWidth === 390")
    sizes = harness.read_when_settled(page, _CHART_SIZES_JS, _ALL_FITTED_JS)  # the assertion says which chart
    assert all(s["width"] < wide[s["id"]] and s["width"] <= s["box"] + 1 and s["height"] == s["fitted"]
               for s in sizes), (wide, sizes)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


# Every text drawn in each chart of the slide (titles, tick labels, end labels, legend entries, notes) against the
# chart's own box, each legend against it too, and the height left to the plot itself (client pixels).
_OUTSIDE_JS = """() => Array.from(document.querySelectorAll('.present-mode .js-plotly-plot'))
  .filter(gd => gd.offsetParent && gd._fullLayout).map(gd => {
    const c = gd.getBoundingClientRect(), out = [];
    const outside = r => r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1;
    for (const text of gd.querySelectorAll('text')) {
      const r = text.getBoundingClientRect();
      if (r.width && text.textContent.trim() && outside(r)) {
        out.push([text.textContent.trim().slice(0, 40), Math.round(r.left - c.left), Math.round(r.right - c.right),
                  Math.round(r.top - c.top), Math.round(r.bottom - c.bottom)]);
      }
    }
    const legend = gd.querySelector('.legend');
    if (legend && legend.getClientRects().length && outside(legend.getBoundingClientRect())) { out.push(['legend']); }
    return {id: gd.parentElement.id, outside: out, plotHeight: gd._fullLayout._size.h, height: gd._fullLayout.height};
  })"""
_ALL_INSIDE_JS = f"""() => {{ const charts = ({_OUTSIDE_JS})();
  return charts.length >= 5 && charts.every(c => !c.outside.length && c.plotHeight >= 0.3 * c.height); }}"""


@pytest.mark.parametrize("width,height,lang", [(1920, 1080, "en"), (1366, 768, "ru"), (390, 844, "ru")])
def test_every_chart_text_and_legend_stays_inside_its_chart(browser, app_server, width, height, lang):
    """The wall's text sizes made end labels ("Russian Federation", 1920 px) run past the chart's right edge; on a
    phone a legend entry wider than the chart ran off it, a wrapped title's first line was cut at the chart's top,
    and the economy chart's plot was 75 px high under a 7-line title. Every chart keeps a third of its height for
    the plot."""
    with harness.guarded_page(browser, {"width": width, "height": height}) as (page, _):
        harness.open_app(page, app_server.url, f"/remittances?present=1&lang={lang}")
        page.wait_for_function(_ALL_FITTED_JS)
        charts = harness.read_when_settled(page, _OUTSIDE_JS, _ALL_INSIDE_JS)  # the assertion names what is outside
        assert len(charts) >= 5 and all(not c["outside"] for c in charts), charts
        assert all(c["plotHeight"] >= 0.3 * c["height"] for c in charts), charts


def test_a_slide_narrowed_to_a_phone_turns_end_labels_into_a_legend_in_one_redraw(phone):
    """At phone width the end labels of the trend chart become legend entries: one Plotly.update for every trace
    (before, one per trace, each a redraw of the whole chart)."""
    page, base = phone
    page.set_viewport_size({"width": 900, "height": 844})
    harness.open_app(page, base, "/remittances?present=1&lang=en")
    page.wait_for_function(_ALL_FITTED_JS)
    page.evaluate("""() => {
      const gd = document.querySelector('#remittances-trend-graph .js-plotly-plot');
      window.__traceUpdates = [];
      const update = Plotly.update;
      Plotly.update = function (g, traces) {
        if (g === gd && traces && Object.keys(traces).length) { window.__traceUpdates.push(arguments[3] || null); }
        return update.apply(this, arguments);
      };
    }""")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("""() => {
      const gd = document.querySelector('#remittances-trend-graph .js-plotly-plot');
      const ends = (gd.layout.annotations || []).filter(a => (a.name || '').startsWith('end-'));
      return innerWidth === 390 && gd._fullLayout.showlegend && !ends.length
        && gd.querySelectorAll('.legend .traces').length >= 4;
    }""")
    page.wait_for_function(_ALL_FITTED_JS)
    calls = page.evaluate("() => window.__traceUpdates")
    traces = page.evaluate("() => document.querySelector('#remittances-trend-graph .js-plotly-plot').data.length")
    assert len(calls) == 1 and len(calls[0]) == traces, (calls, traces)


# On a phone: the economy chart's note ("no data before 2009", left of its first bars) against the y axis' labels and
# the plot's left edge; the ranking's plot width against its chart's, and its labels against each other.
_PHONE_TEXTS_JS = """() => {
  const chart = id => document.querySelector('#' + id + ' .js-plotly-plot');
  const economy = chart('remittances-economy-graph'), ranking = chart('remittances-ranking-graph');
  if (!economy || !ranking || !economy._fullLayout || !ranking._fullLayout) { return null; }
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const shown = el => { const r = el.getBoundingClientRect(); return r.width && el.textContent.trim() ? r : null; };
  const index = economy._fullLayout.annotations.findIndex(a => a.name === 'no-data');
  const noteEl = economy.querySelector('.annotation[data-index="' + index + '"] .annotation-text');
  const note = noteEl && noteEl.getBoundingClientRect();
  const ticks = Array.from(economy.querySelectorAll('.ytick text')).map(t => [t.textContent, shown(t)]).filter(p => p[1]);
  const plotLeft = economy.getBoundingClientRect().left + economy._fullLayout._size.l;
  const labels = Array.from(ranking.querySelectorAll('.ytick text')).map(shown).filter(Boolean);
  const crowded = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) { if (overlap(labels[i], labels[j])) { crowded.push([i, j]); } }
  }
  return {note: note ? note.width : null, noteOverTicks: note ? ticks.filter(p => overlap(note, p[1])).map(p => p[0]) : [],
          noteLeftOfPlot: note ? Math.round(plotLeft - note.left) : null,
          rankingPlotShare: ranking._fullLayout._size.w / ranking._fullLayout.width, labels: labels.length, crowded};
}"""
_PHONE_TEXTS_OK_JS = f"""() => {{ const r = ({_PHONE_TEXTS_JS})();
  return !!r && r.note > 0 && !r.noteOverTicks.length && r.noteLeftOfPlot <= 1 && r.rankingPlotShare >= 1 / 3
    && r.labels >= 20 && !r.crowded.length; }}"""


@pytest.mark.parametrize("query", ["present=1&lang=ru", "present=1&lang=en", "lang=ru"])
def test_on_a_phone_the_economy_note_and_the_ranking_labels_leave_room(phone, query):
    """At 390 px the economy chart's note ("В этом источнике нет данных до 2009 г.", right-aligned left of the first
    bars) ran over the y axis' label "20" on a slide; the ranking's labels ("15. Государство Палестина") left its
    bars 64 px of 326. The note keeps inside the plot, off the axis' labels; the ranking's plot has a third of the
    chart's width and its labels, broken into lines, do not run into each other (on the view's own page too)."""
    page, base = phone
    harness.open_app(page, base, f"/remittances?{query}")
    if "present=1" in query:
        page.wait_for_function(_ALL_FITTED_JS)
    found = harness.read_when_settled(page, _PHONE_TEXTS_JS, _PHONE_TEXTS_OK_JS)
    assert found and found["note"] and not found["noteOverTicks"] and found["noteLeftOfPlot"] <= 1, found
    assert found["rankingPlotShare"] >= 1 / 3 and found["labels"] >= 20 and not found["crowded"], found


_YEAR_TICKS_JS = """() => {
  const gd = document.querySelector('#remittances-cost-graph .js-plotly-plot');
  if (!gd || !gd._fullLayout) { return null; }
  const boxes = [...gd.querySelectorAll('.xaxislayer-above .xtick text')].map(t => ({
    text: t.textContent, rotated: /rotate\\((?!0[,)])/.test(t.getAttribute('transform') || ''),
    box: t.getBoundingClientRect().toJSON()}));
  const legend = gd.querySelector('.legend');
  boxes.sort((a, b) => a.box.left - b.box.left);
  return {labels: boxes.map(b => b.text), rotated: boxes.filter(b => b.rotated).length,
          overlaps: boxes.slice(1).filter((b, i) => b.box.left < boxes[i].box.right).length,
          ticksBottom: Math.max(...boxes.map(b => b.box.bottom)),
          legendTop: legend ? Math.min(...[...legend.querySelectorAll('text')].map(
            t => t.getBoundingClientRect().top)) : null,
          dtick: gd._fullLayout.xaxis.dtick};
}"""


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_on_a_phone_the_cost_charts_years_stand_upright_and_apart(phone, lang):
    """At 390 px the cost chart's x axis, ticked every year, had its years turned on end and running into the legend
    ("2014" under "Казахстан"): the step grows until each year fits beside the next."""
    page, base = phone
    harness.open_app(page, base, f"/remittances?lang={lang}")
    page.locator("#remittances-cost-graph").scroll_into_view_if_needed()
    page.wait_for_function(f"() => {{ const r = ({_YEAR_TICKS_JS})(); return r && r.labels.length > 0; }}")
    found = harness.read_when_settled(
        page, _YEAR_TICKS_JS, f"() => {{ const r = ({_YEAR_TICKS_JS})(); return !r.rotated && !r.overlaps; }}")
    assert len(found["labels"]) >= 3 and all(label.isdigit() for label in found["labels"]), found
    assert found["rotated"] == 0 and found["overlaps"] == 0, found
    assert found["legendTop"] is None or found["legendTop"] >= found["ticksBottom"] - 1, found


def test_on_a_laptop_the_cost_chart_keeps_a_tick_every_year(browser, app_server):
    with harness.guarded_page(browser, {"width": 1366, "height": 900}) as (page, _):
        harness.open_app(page, app_server.url, "/remittances?lang=ru")
        page.locator("#remittances-cost-graph").scroll_into_view_if_needed()
        page.wait_for_function(f"() => {{ const r = ({_YEAR_TICKS_JS})(); return r && r.labels.length > 0; }}")
        found = page.evaluate(_YEAR_TICKS_JS)
        assert found["dtick"] == "M12" and found["rotated"] == 0 and found["overlaps"] == 0, found
