"""The panel beside the map: what the focus country's shares are of, Central Asia first without focus; built from
plain indexes it equals what the pandas path built, and as the callback sends it the components Dash writes."""
import pytest
from plotly.io.json import to_json_plotly

from figures.map.indicators import EMIGRANT_KEYS
from layouts.map import reference
from layouts.map.panel import _focus_panel, _focus_trend, _panel, panel, panel_sent
from layouts.map.source_block import source_block, source_block_sent
from tests.layouts.map.support import TARGETS, YEARS
from tests.support.components import by_id, text_of


def test_focus_panel_shares_are_of_all_migrants_and_say_what_is_missing():
    usa = text_of(panel({"indicator": "immigrants", "year": 2024, "scope": "region", "focus": "USA"}, "en"))
    assert "53.5%" not in usa and "4.75%" in usa  # China: of all 52 million immigrants, not of 7 corridors
    assert "52,375,047" in usa and "account for 8.88%" in usa
    assert "outside this map's extent" in usa  # the region map shows no partners of the US
    uzb = text_of(panel({"indicator": "emigrants", "year": 2024, "scope": "region", "focus": "UZB"}, "en"))
    assert "account for" not in uzb and "outside" not in uzb


def test_the_panel_leads_with_the_five_central_asian_countries():
    shown = panel({"indicator": "immigrants", "year": 2024, "scope": "region", "focus": None}, "en")
    region = text_of(by_id(shown, "map-region-table"))
    for name in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert name in region
    assert text_of(shown).index("Central Asia, 2024") < text_of(shown).index("Top 10")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_focus_panels_are_the_pandas_ones(store, lang):
    """The region and Russia in every year and direction, the other target countries in three years, every other
    country in one year and direction each."""
    codes = store.countries()["iso3"].tolist()
    cases = [(key, year, focus) for focus in TARGETS for year in (YEARS if focus in TARGETS[:6] else YEARS[::3])
             for key in ("emigrants", "immigrants_pct")]
    cases += [(("emigrants_pct", "immigrants")[i % 2], YEARS[i % len(YEARS)], code)
              for i, code in enumerate(code for code in codes if code not in TARGETS)]
    for i, (key, year, focus) in enumerate(cases):
        in_extent = bool(i % 3)
        assert to_json_plotly(_focus_panel(store, key, year, focus, lang, in_extent=in_extent)) == \
            to_json_plotly(reference.focus_panel_reference(store, key, year, focus, lang, in_extent=in_extent)), \
            (key, year, focus)
    assert any(key in EMIGRANT_KEYS for key, _, _ in cases)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_panels_without_focus_are_the_pandas_ones(lang):
    for key in ("emigrants", "emigrants_pct", "immigrants", "immigrants_pct"):
        for year in YEARS:
            for scope in ("region", "world"):
                assert to_json_plotly(_panel.__wrapped__(key, year, scope, None, lang)) == \
                    to_json_plotly(reference.top_panel_reference(key, year, scope, lang)), (key, year, scope)


def test_focus_trends_are_the_ones_a_query_of_the_country_gives(store):
    codes = store.countries()["iso3"].tolist() + ["XXX"]
    for i, code in enumerate(codes):
        for direction in ("emigrants", "immigrants"):
            lang = ("en", "ru")[i % 2]
            assert to_json_plotly(_focus_trend.__wrapped__(code, direction, lang)) == \
                to_json_plotly(reference.focus_trend_reference(code, direction, lang)), (code, direction)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_panel_and_source_block_the_callback_sends_are_the_components_as_dash_writes_them(store, lang):
    """Written once (serving/fast_json/fragment.Fragment: a focus panel filled into its template), they are the bytes Dash writes
    for the components: every target country in every year, each way, in and outside the extent; every other
    country in one year; no focus; unknown and odd countries."""
    from serving.fast_json.answer import to_json
    from serving.fast_json.fragment import Fragment

    codes = store.countries()["iso3"].tolist()
    cases = [(key, year, scope, focus) for key in ("emigrants", "immigrants_pct") for year in (1990, 2015, 2024)
             for scope in ("region", "world") for focus in (None, "UZB", "RUS", "USA", "ATA", "XKX", "GIB")]
    cases += [(key, year, ("region", "world")[i % 2], focus) for i, focus in enumerate(TARGETS) for year in YEARS
              for key in ("emigrants", "immigrants", "emigrants_pct", "immigrants_pct")[i % 2::2]]
    cases += [(("emigrants", "immigrants", "emigrants_pct", "immigrants_pct")[i % 4], YEARS[i % len(YEARS)],
               ("world", "region")[i % 2], code) for i, code in enumerate(codes) if code not in TARGETS]
    for n, (key, year, scope, focus) in enumerate(cases):
        state = {"indicator": key, "year": year, "scope": scope, "focus": focus}
        for _ in range(1 if n > 80 else 2):  # built, then kept
            sent, block = panel_sent(state, lang), source_block_sent(state, lang)
            assert type(sent) is Fragment and type(block) is Fragment
            assert to_json({"p": sent}) == to_json({"p": panel(state, lang)}) == \
                to_json_plotly({"p": panel(state, lang)}), state
            assert to_json({"s": block}) == to_json({"s": source_block(state, lang)}) == \
                to_json_plotly({"s": source_block(state, lang)}), state


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_focus_panel_sent_carries_only_the_trace_types_its_chart_draws(lang):
    """The focus panel as the callback writes it (a precomputed or first-time year change): its trend chart's
    template holds plotly's default entries of the chart's own trace types only (figures/plain.drawn_template),
    not the whole default template's 24."""
    import json

    from figures.plain import default_template
    from serving.fast_json.answer import to_json

    def templates(node, found):
        if isinstance(node, dict):
            if isinstance(node.get("figure"), dict):
                found.append(node["figure"])
            for value in node.values():
                templates(value, found)
        elif isinstance(node, list):
            for value in node:
                templates(value, found)
        return found

    for focus in ("KGZ", "UZB", "RUS"):
        for key, year in (("emigrants", 2015), ("immigrants_pct", 2024)):
            state = {"indicator": key, "year": year, "scope": "region", "focus": focus}
            sent = json.loads(to_json({"p": panel_sent(state, lang)}))
            figures = templates(sent, [])
            assert len(figures) == 1, (focus, key)
            for figure in figures:
                drawn = {trace.get("type", "scatter") for trace in figure["data"]}
                template = figure["layout"]["template"]
                assert set(template["data"]) == drawn == {"scatter"}, (focus, key)
                assert template["data"]["scatter"] == default_template()["data"]["scatter"]
                assert template["layout"] == default_template()["layout"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_partners_rows_are_the_rows_written_from_their_cells(store, lang):
    """Every focus country and year of both directions: the rows put together from each name's cell written once,
    the counts' digits and the shares' numbers made once, are `common.rows_written` of the rows' texts."""
    from figures.common import published_total
    from figures.map import parts as map_parts
    from figures.map.indicators import BILATERAL_SOURCE
    from layouts import common
    from layouts.map.panel import TOP_N, _partner_rows

    for emigrants, direction in ((True, "emigrants"), (False, "immigrants")):
        for (focus, year), found in map_parts.partner_lists(store, emigrants).items():
            total = published_total(store, direction, focus, year, BILATERAL_SOURCE)
            rows = [[store.country_name(code, lang), map_parts.persons_text(value, lang),
                     map_parts.share_text(100 * value / total, lang) if total else ""]
                    for code, value in zip(found.codes[:TOP_N], found.values[:TOP_N])]
            assert _partner_rows(store, found, direction, focus, year, total, lang) == common.rows_written(rows), \
                (focus, year)
