"""Remittances view in a real browser: lines, adding a country, US$ and log, the ranking year, the CSV download.

The `page` fixture fails a test on any console error, page error, HTTP 5xx or off-host request.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from data.query import get_store
from figures.remittances.economy import ECONOMY_INDICATORS
from figures.remittances.parts import PCT_INDICATOR, USD_INDICATOR, value_text
from figures.remittances.ranking import TOP_N, ordinal, ranking_data

pytestmark = pytest.mark.browser

TREND = "remittances-trend-graph"
RANKING = "remittances-ranking-graph"

_TRACES_JS = """(graphId) => {
  const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
  return gd && gd._fullData ? gd._fullData.map(t => t.meta) : null;
}"""
_AXIS_JS = """(graphId) => {
  const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
  return {type: gd._fullLayout.yaxis.type, title: gd._fullLayout.title.text};
}"""


def traces(page, graph_id=TREND) -> list[str]:
    return page.evaluate(_TRACES_JS, graph_id)


def wait_for_traces(page, codes: list[str], graph_id=TREND) -> None:
    page.wait_for_function(f"(ids) => JSON.stringify(({_TRACES_JS})('{graph_id}')) === JSON.stringify(ids)",
                           arg=codes)


def plotted(read_graph, page, code: str) -> dict:
    index = traces(page).index(code)
    return read_graph(TREND, trace=index, attrs=("x", "y"))


def test_lines_add_a_country_then_us_dollars_and_log(open_app, page, read_graph):
    store = get_store()
    open_app("/remittances?lang=en")
    wait_for_traces(page, ["KAZ", "KGZ", "TJK", "UZB"])  # Turkmenistan: not reported, not a line at zero
    tjk = plotted(read_graph, page, "TJK")
    curated = store.series(PCT_INDICATOR, iso3s=["TJK"])
    assert tjk["x"] == list(curated["year"]) and tjk["y"] == pytest.approx(list(curated["value"]))
    assert page.is_visible("text=Not reported: Turkmenistan")

    page.click(f"#remittances-countries")
    page.fill(".dash-dropdown-search", "Russian")
    page.get_by_role("option", name="Russian Federation").click()
    page.keyboard.press("Escape")
    wait_for_traces(page, ["KAZ", "KGZ", "TJK", "UZB", "RUS"])
    page.wait_for_url(re.compile(r"countries=KAZ,KGZ,TJK,TKM,UZB,RUS"))

    page.get_by_label("US$").check()
    page.wait_for_function(f"({_AXIS_JS})('{TREND}').title.includes('US$')")
    page.wait_for_url(re.compile(r"measure=usd"))
    rus = plotted(read_graph, page, "RUS")
    curated = store.series(USD_INDICATOR, iso3s=["RUS"])
    assert rus["y"] == pytest.approx(list(curated["value"]))

    page.get_by_label("Logarithmic").check()
    page.wait_for_function(f"({_AXIS_JS})('{TREND}').type === 'log'")
    page.wait_for_url(re.compile(r"scale=log"))
    assert page.evaluate(f"({_AXIS_JS})('remittances-outflow-graph').type") == "log"  # both charts, one axis
    assert plotted(read_graph, page, "RUS")["y"] == pytest.approx(list(curated["value"]))  # values unchanged


def test_ranking_year_changes_bars_and_rank_sentences(open_app, page, read_graph):
    store = get_store()
    open_app("/remittances?lang=en&rank_year=2021")
    sentences = page.inner_text("#remittances-ranking-sentences")
    assert "Tajikistan ranks 2nd of" in sentences and "in 2021." in sentences
    before = read_graph(RANKING, attrs=("x", "y"))

    page.select_option("#remittances-rank-year", "2010")
    page.wait_for_function("document.querySelector('#remittances-ranking-sentences').innerText.includes('2010')")
    page.wait_for_url(re.compile(r"rank_year=2010"))
    after = read_graph(RANKING, attrs=("x", "y"))
    assert after["y"] != before["y"]
    expected = ranking_data(store, 2010)
    assert after["x"][:TOP_N] == pytest.approx(list(expected.rows["value"].head(TOP_N)))
    tjk_rank = ordinal(expected.ranks["TJK"], "en")
    assert f"Tajikistan ranks {tjk_rank} of {expected.count} countries with data in 2010." in page.inner_text(
        "#remittances-ranking-sentences")


def test_table_alternative_and_csv_download_are_the_displayed_data(open_app, page):
    store = get_store()
    open_app("/remittances?lang=en&countries=KGZ,TJK,TKM&measure=usd")
    toggle = page.locator("#remittances-trend-table-toggle")
    assert toggle.inner_text() == "Show the data as a table"  # what a click does, as the corridors' toggle says
    toggle.click()
    table = page.locator("#remittances-trend-table-body table")
    table.wait_for()
    assert toggle.get_attribute("aria-expanded") == "true" and toggle.inner_text() == "Hide the table"
    assert page.locator("#remittances-ranking-table-toggle").inner_text() == "Show the data as a table"  # its own
    header = table.locator("th").all_inner_texts()
    assert header == ["Year", "Kyrgyzstan", "Tajikistan", "Turkmenistan"]
    latest = table.locator("tbody tr").first.locator("td").all_inner_texts()
    kgz = store.series(USD_INDICATOR, iso3s=["KGZ"]).iloc[-1]
    assert latest[0] == str(kgz["year"]) and latest[1] == value_text(kgz["value"], "current US$", "en")
    assert latest[3] == "Not reported"

    with page.expect_download() as info:
        page.click("#remittances-trend-download-button")
    download = info.value
    assert download.suggested_filename == "remittances-received-usd.csv"
    table = pd.read_csv(download.path(), encoding="utf-8")
    curated = store.series(USD_INDICATOR, iso3s=["KGZ", "TJK"])
    assert list(table["iso3"]) == list(curated["iso3"]) and list(table["year"]) == list(curated["year"])
    assert table["value"].to_numpy() == pytest.approx(curated["value"].to_numpy())
    assert list(table["source"]) == list(curated["source"])
    assert set(table["vintage"]) == {store.source_meta(s)["vintage"] for s in set(curated["source"])}
    assert table["licence"].notna().all() and set(table["unit"]) == {"current US$"}
    assert "TKM" not in set(table["iso3"])  # not reported: no rows, never zeros


ECONOMY = "remittances-economy-graph"
_X_RANGE_JS = """(graphId) => {
  const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
  return gd._fullLayout.xaxis.range;
}"""


def test_russia_economy_is_drawn_under_the_lines_on_their_time_axis(open_app, page, read_graph):
    store = get_store()
    open_app("/remittances?lang=en&countries=TJK")
    wait_for_traces(page, list(ECONOMY_INDICATORS), ECONOMY)
    for index, indicator in enumerate(ECONOMY_INDICATORS):
        drawn = read_graph(ECONOMY, trace=index, attrs=("type", "x", "y"))
        curated = store.series(indicator, iso3s=["RUS"])
        assert drawn["type"] == "bar"
        assert drawn["x"] == list(curated["year"]) and drawn["y"] == pytest.approx(list(curated["value"]))
    assert page.locator(f"#{ECONOMY} .barlayer .point").count() == 32  # 16 years × 2 bars, really drawn
    assert page.locator(f"#{ECONOMY} .shapelayer path").count() >= 1  # the zero line
    assert "KGZ/TJK/UZB remittances and Russia's economy" in page.inner_text("#remittances-economy-info .source-line")
    before = page.evaluate(_X_RANGE_JS, TREND)
    assert page.evaluate(_X_RANGE_JS, ECONOMY) == before

    page.click("#remittances-reset")  # Central Asia: Kazakhstan's values start earlier, so the shared axis moves
    wait_for_traces(page, ["KAZ", "KGZ", "TJK", "UZB"])
    page.wait_for_function(f"(old) => ({_X_RANGE_JS})('{ECONOMY}')[0] !== old[0]", arg=before)
    assert page.evaluate(_X_RANGE_JS, ECONOMY) == page.evaluate(_X_RANGE_JS, TREND) != before


def test_a_table_is_asked_for_only_while_open_and_kept_current(open_app, page):
    """Closed tables cost no request at a new selection; an open one follows the selection; reopened, it shows the
    selection made while it was closed (callbacks/remittances.py: TABLE_REQUEST)."""
    store = get_store()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.post_data or "") if "/_dash-update-component" in r.url else None)
    open_app("/remittances?lang=ru&countries=KGZ,TJK")
    body = page.locator("#remittances-trend-table-body table")

    def header() -> list[str]:
        return body.locator("th").all_inner_texts()[1:]

    def names(*codes) -> list[str]:
        return [store.country_name(code, "ru") for code in codes]

    toggle = page.locator("#remittances-trend-table-toggle")
    assert toggle.inner_text() == "Показать данные в виде таблицы"
    toggle.click()
    body.wait_for()
    assert header() == names("KGZ", "TJK")
    assert toggle.inner_text() == "Скрыть таблицу"
    page.click("#remittances-countries")
    page.fill(".dash-dropdown-search", store.country_name("UZB", "ru"))
    page.get_by_role("option", name=store.country_name("UZB", "ru")).click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelectorAll('#remittances-trend-table-body th').length === 4")
    assert header() == names("KGZ", "TJK", "UZB")  # open: follows the selection

    page.click("#remittances-trend-table-toggle")  # closed
    page.wait_for_function("() => document.querySelector('#remittances-trend-table-toggle')"
                           ".getAttribute('aria-expanded') === 'false'")
    assert toggle.inner_text() == "Показать данные в виде таблицы"
    before = len(asked)
    page.click("#remittances-countries")
    page.fill(".dash-dropdown-search", store.country_name("KAZ", "ru"))
    page.get_by_role("option", name=store.country_name("KAZ", "ru")).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"countries=KGZ,TJK,UZB,KAZ"))
    wait_for_traces(page, ["KGZ", "TJK", "UZB", "KAZ"])
    sent = asked[before:]
    assert sent and not any("table-body" in body_sent for body_sent in sent)  # the charts, no table
    page.click("#remittances-trend-table-toggle")  # reopened: the selection made meanwhile
    page.wait_for_function("() => document.querySelectorAll('#remittances-trend-table-body th').length === 5")
    assert header() == names("KGZ", "TJK", "UZB", "KAZ")


_HOVERED_JS = """(graphId) => {
  const box = document.getElementById(graphId).querySelector('.hoverlayer .hovertext');
  return box ? box.textContent : null;
}"""


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_points_hover_box_names_value_source_and_vintage(open_app, page, lang):
    """A line's source is written once, in its trace's hovertemplate (figures/remittances/trend.hover_split): the box
    plotly draws for a point says what it said when the point carried the whole text."""
    from figures.common import source_label
    from figures.remittances.parts import country_name
    from figures.remittances.trend import hover_texts

    store = get_store()
    open_app(f"/remittances?lang={lang}")
    wait_for_traces(page, ["KAZ", "KGZ", "TJK", "UZB"])
    target = f"#{TREND} .scatterlayer .trace:nth-child(3) .point:last-child"  # Tajikistan's latest year
    page.wait_for_selector(target)
    box = page.locator(target).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(f"() => !!({_HOVERED_JS})('{TREND}')")
    last = store.series(PCT_INDICATOR, iso3s=["TJK"]).iloc[-1]
    whole = hover_texts([int(last["year"])], [last["value"]], [last["value"]],
                        [source_label(store, last["source"], lang)], unit="%", base_year=None, lang=lang)[0]
    expected = re.sub(r"<[^>]+>", "", f"<b>{country_name(store, 'TJK', lang)}</b><br>{whole}".replace("<br>", ""))
    assert page.evaluate(_HOVERED_JS, TREND) == expected


# Every text on the chart or in its legend that says "older release" (`words` without spaces), and every point of
# every line drawn (sampled along each line's path every 2 px, with half the line's width), in the page's pixels.
_OLDER_LABELS_AND_LINES_JS = """([graphId, words]) => {
  const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
  const labels = [];
  for (const node of gd.querySelectorAll('.annotation-text-g text, .legend .traces .legendtext')) {
    const r = node.getBoundingClientRect();
    if (r.width && node.textContent.replace(/\\s/g, '').includes(words)) {  // (a legend entry's lines: no space)
      labels.push({text: node.textContent, legend: !!node.closest('.legend'), x0: r.left, y0: r.top, x1: r.right,
                   y1: r.bottom});
    }
  }
  const points = [];
  for (const path of gd.querySelectorAll('.scatterlayer path.js-line')) {
    const length = path.getTotalLength(), matrix = path.getScreenCTM();
    const half = (parseFloat(getComputedStyle(path).strokeWidth) || 0) / 2;
    for (let at = 0; at <= length; at += 2) {
      const p = path.getPointAtLength(at).matrixTransform(matrix);
      points.push([p.x, p.y, half]);
    }
  }
  const full = gd._fullLayout;
  return {labels, points, plot: full._size.h, height: full.height};
}"""
WITH_AFGHANISTAN = "countries=KAZ,KGZ,TJK,TKM,UZB,AFG"  # Afghanistan's line ends in 2021, its older release goes on


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("width", [320, 360, 390])
def test_on_a_phone_the_older_releases_label_stands_clear_of_every_line(open_app, page, width, lang):
    """Below 576 px the end labels are a legend (assets/present.js); the label of Afghanistan's dashed older release
    (2022–2023, after its line) stood under the segment's end, across Kazakhstan's line near 0 %. It is a legend
    entry now, with its country's name, and the chart grows by that entry: its plot keeps its height."""
    from figures.common import source_label
    from figures.remittances.parts import country_name
    from figures.remittances.trend import older_text

    store = get_store()
    source = store.other_segments(PCT_INDICATOR, ["AFG"])["source"].iloc[0]
    label = older_text(source_label(store, source, lang), lang)
    page.set_viewport_size({"width": width, "height": 800})
    open_app(f"/remittances?lang={lang}&{WITH_AFGHANISTAN}")
    page.wait_for_function(f"""() => {{
      const gd = document.querySelector('#{TREND} .js-plotly-plot');
      return gd && gd._fullLayout && gd._fullLayout.showlegend && gd.querySelectorAll('.legend .traces').length >= 5
        && !(gd._fullLayout.annotations || []).some(a => (a.name || '').startsWith('end-'));
    }}""")
    words = label.split(":")[0].replace(" ", "")  # "older release", "более старый выпуск"
    page.wait_for_timeout(300)  # the pass that sizes the chart for its legend (after the legend's own redraw)
    drawn = page.evaluate(_OLDER_LABELS_AND_LINES_JS, [TREND, words])
    assert drawn["labels"], drawn["labels"]
    clear = 2  # px between a label's box and the edge of any line
    for box in drawn["labels"]:
        on = [p for p in drawn["points"] if box["x0"] - p[2] - clear < p[0] < box["x1"] + p[2] + clear
              and box["y0"] - p[2] - clear < p[1] < box["y1"] + p[2] + clear]
        assert not on, (box, on[:5])
    legend = [box["text"] for box in drawn["labels"] if box["legend"]]
    expected = f"{country_name(store, 'AFG', lang)} — {label}"
    assert [text.replace(" ", "") for text in legend] == [expected.replace(" ", "")]
    assert drawn["height"] > 460 and drawn["plot"] >= 200, drawn  # grown by its legend entry (460 px as built)
