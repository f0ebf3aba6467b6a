"""Shared figure helpers (figures/common.py)."""
import json
import re

import pytest

from figures.common import LINE_COLOURS, contrast_ratio, readable_text_colour, show_empty
from tests.support.components import components


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)  # the classic lightest AA grey


@pytest.mark.parametrize("colour", LINE_COLOURS)
def test_text_in_a_line_colour_is_readable_on_white(colour):
    text = readable_text_colour(colour)
    assert contrast_ratio(text) >= 4.5
    if contrast_ratio(colour) >= 4.5:  # already readable: unchanged
        assert text.lower() == colour.lower()


def test_an_empty_chart_is_a_message_without_axes():
    layout = show_empty({"xaxis": {"range": [0, 1]}, "yaxis": {}, "shapes": [{"type": "rect"}]}, "No data")
    assert layout["xaxis"]["visible"] is False and layout["yaxis"]["visible"] is False
    assert layout["shapes"] == [] and [a["text"] for a in layout["annotations"]] == ["No data"]


def test_published_total_and_coverage_of_the_corridors_held():
    from data.query import get_store
    from figures.common import coverage_pct, published_total

    store = get_store()
    immigrants = store.values_for_map("SM.POP.TOTL", 2024, source="undesa_ims_2024").set_index("iso3")["value"]
    assert published_total(store, "immigrants", "USA", 2024, "undesa_ims_2024") == immigrants["USA"]
    assert published_total(store, "emigrants", "XKX", 2024, "undesa_ims_2024") is None  # not published: unknown
    assert coverage_pct(50, 200.0) == 25.0 and coverage_pct(50, None) is None


def test_each_country_has_one_colour_and_the_rest_a_grey():
    from figures.common import CENTRAL_ASIA, COUNTRY_COLOURS, NEUTRAL_COLOURS, country_colour, unpaletted

    assert len(set(COUNTRY_COLOURS.values())) == len(COUNTRY_COLOURS)  # no two countries alike
    assert all(code in COUNTRY_COLOURS for code in (*CENTRAL_ASIA, "RUS"))
    assert country_colour("TJK") == country_colour("TJK", ("NPL", "WLD")) == COUNTRY_COLOURS["TJK"]
    others = unpaletted(("TJK", "NPL", "WLD"))
    assert others == ("NPL", "WLD")
    assert country_colour("NPL", others) != country_colour("WLD", others)
    assert {country_colour("NPL", others), country_colour("WLD", others)} <= set(NEUTRAL_COLOURS)


def test_russian_amount_axes_get_babel_ticks_not_plotlys_english_abbreviations():
    from figures.common import locale_ticks
    from i18n import format_compact

    ticks = locale_ticks(0, 17.5e9, "ru", lambda v: format_compact(v, "ru"))
    assert ticks["tickvals"] == [0, 5e9, 10e9, 15e9]
    assert ticks["ticktext"] == ["0", "5\xa0млрд", "10\xa0млрд", "15\xa0млрд"]
    log = locale_ticks(5.5, 10.3, "ru", lambda v: format_compact(v, "ru"), log=True)
    assert log["ticktext"][0] == "1\xa0млн" and log["ticktext"][-1] == "10\xa0млрд"
    assert locale_ticks(0, 17.5e9, "en", str) == {}  # English keeps plotly's own '16B'


# --- numbers plotly writes itself (ticks, Sankey values) use the language's marks, as Babel does -----------------
NBSP = "\u00a0"
PAGES_WITH_FIGURES = ["/map", "/map?focus=KGZ", "/map?indicator=emigrants&scope=world", "/remittances",
                      "/remittances?measure=usd", "/corridors", "/corridors?compare=1", "/country/KGZ"]


def test_separators_are_babels_marks():
    from babel.numbers import format_decimal

    from figures.common import separators

    assert separators("en") == ".," and separators("ru") == "," + NBSP and separators("xx") == ".,"
    assert format_decimal(1234567.5, locale="ru") == f"1{NBSP}234{NBSP}567,5"  # what the separators follow


def _figures(path: str, lang: str) -> list[dict]:
    from dash import dcc
    from plotly.io.json import to_json_plotly

    from layouts import pages

    page = pages.render(path.split("?")[0], "?" + "&".join(filter(None, [path.partition("?")[2], f"lang={lang}"])))
    graphs = [node for node in components(page) if isinstance(node, dcc.Graph) and node.figure]
    return [json.loads(to_json_plotly(graph.figure)) for graph in graphs]


@pytest.mark.parametrize("path", PAGES_WITH_FIGURES)
def test_every_russian_figure_groups_digits_with_a_no_break_space(path):
    """plotly's Russian locale would write '1 234' with a plain space (a tick can break across lines, and it differs
    from every number Babel writes on the page); image exports load no locale at all."""
    russian = _figures(path, "ru")
    assert russian, path
    for figure in russian:
        assert figure["layout"].get("separators") == "," + NBSP, (path, figure["layout"].get("title"))
        text = json.dumps(figure, ensure_ascii=False)
        assert not re.search(r"\d \d{3}(?!\d)", text), re.search(r".{30}\d \d{3}(?!\d).{10}", text)
    for figure in _figures(path, "en"):
        assert figure["layout"].get("separators") == ".,", path


def test_the_sankey_and_card_charts_carry_the_separators_too():
    from data.query import get_store
    from figures.corridors.card import corridor_card, cost_figure, share_figure
    from figures.corridors.map import build_flow_map
    from figures.corridors.map_frame import flow_map
    from figures.corridors.sankey import build_sankey
    from figures.corridors.selection import Selection, flows

    store = get_store()
    selection = Selection(mode="default", origin=None, destination=None, year=2020)
    frame = flow_map(store, selection, flows(store, selection), "ru")
    assert build_sankey(store, frame, selection, "ru")["layout"]["separators"] == "," + NBSP
    assert build_flow_map({"type": "FeatureCollection", "features": []}, frame)["layout"]["separators"] == "," + NBSP
    card = corridor_card(store, "UZB", "RUS")
    for build in (share_figure, cost_figure):
        assert build(card, "ru")["layout"]["separators"] == "," + NBSP


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("iso3, indicator", [("UZB", "CAMR.EMIG.TOTL"), ("KAZ", "SM.POP.TOTL"), ("TKM", "CAMR.EMIG.TOTL")])
def test_the_plain_small_trend_is_the_validated_one(store, lang, iso3, indicator):
    """The validated figure's whole template cut as `small_trend` cuts it (figures/plain.drawn_template: plotly.js
    styles a trace from its own type's entries only; the map's focus screenshots before and after the cut were the
    same pixels)."""
    from figures.common import small_trend, small_trend_reference
    from figures.plain import as_json, drawn_template

    series = store.series(indicator, iso3s=[iso3])
    args = (series["year"], series["value"])
    kwargs = dict(unit="persons", lang=lang, name="Emigrants", source="UN DESA, International Migrant Stock (2024)")
    assert as_json(small_trend(*args, **kwargs)) == \
        as_json(drawn_template(small_trend_reference(*args, **kwargs).to_plotly_json()))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_small_trend_carries_the_default_template_cut_to_its_one_trace_type(store, lang):
    """Only the scatter entries of plotly's default template: the other 23 types' entries (~4.5 kB) styled nothing
    on screen, yet went with every focus panel of the map."""
    from figures.common import small_trend
    from figures.plain import default_template

    series = store.series("CAMR.EMIG.TOTL", iso3s=["KGZ"])
    figure = small_trend(series["year"], series["value"], unit="persons", lang=lang, name="x", source="y")
    template = figure["layout"]["template"]
    assert {trace["type"] for trace in figure["data"]} == set(template["data"]) == {"scatter"}
    assert template["data"]["scatter"] == default_template()["data"]["scatter"]
    assert template["layout"] == default_template()["layout"]


@pytest.mark.parametrize("direction", ["emigrants", "immigrants"])
def test_published_totals_are_looked_up_as_a_filter_finds_them(store, direction):
    from figures.common import TOTAL_STOCK_INDICATORS, published_total

    for year in (1990, 2005, 2020, 2024, 1800):
        totals = store.values_for_map(TOTAL_STOCK_INDICATORS[direction], year, source="undesa_ims_2024")
        for iso3 in ("UZB", "RUS", "USA", "TKM", "VAT", "XXX"):
            value = totals.loc[totals["iso3"] == iso3, "value"]
            expected = float(value.iloc[0]) if len(value) and value.iloc[0] > 0 else None
            assert published_total(store, direction, iso3, year, "undesa_ims_2024") == expected


def test_hover_lines_are_wrapped_as_textwrap_wraps_them():
    import random
    import textwrap

    from figures.common import wrap_hover_line

    def reference(text: str, width: int) -> str:
        return "<br>".join("<br>".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
                                       or [line]) for line in text.split("<br>"))

    rnd = random.Random(14)
    words = ["Uzbekistan", "→", "Russia", "1\xa0234\xa0567", "%{customdata}", "Кыргызстан", "(2020)", "a", "",
             "long-hyphenated-word-that-is-longer-than-forty-characters-yes", "\t", "\n", " ", "x\x0by", "\xa0"]
    texts = ["", " ", "<br>", "a<br><br>b", " lead", "trail ", "exactly forty characters long, or nearly",
             "\xa0\xa0nbsp\xa0"]
    for _ in range(3000):
        line = "".join(rnd.choice(words) + rnd.choice(("", " ", "  ", "<br>")) for _ in range(rnd.randint(0, 9)))
        texts.append(line)
    for text in texts:
        for width in (10, 40, 60):
            assert wrap_hover_line.__wrapped__(text, width) == reference(text, width), (text, width)
