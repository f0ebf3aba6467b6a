"""Every hover line of each view's default figure, in English and Russian, fits in HOVER_LINE_CHARS characters:
plotly cannot wrap a hover box and cuts a wide one at the chart's edge (figures/common.wrap_hover_line)."""
from __future__ import annotations

import re

import pytest

from figures.common import HOVER_LINE_CHARS, wrap_hover_line


def hover_lines(figure) -> list[str]:
    """The lines of every point's hover box, with %{customdata…}/%{label} filled in per point, HTML tags and the
    remaining %{…} placeholders (x, y, values plotly formats itself) taken out."""
    figure = figure if isinstance(figure, dict) else figure.to_plotly_json()
    lines = []
    for trace in figure.get("data", []):
        parts = [trace] + ([trace["link"]] if isinstance(trace.get("link"), dict) else [])
        for part in parts:
            template = part.get("hovertemplate")
            texts = part.get("hovertext") or (part.get("text") if not template else None)
            customdata = part.get("customdata")
            labels = part.get("label")
            n = max((len(v) for v in (customdata, labels, texts, template) if isinstance(v, (list, tuple))),
                    default=1)
            for i in range(n):
                body = template[i] if isinstance(template, (list, tuple)) else template
                if body is None:
                    body = texts[i] if isinstance(texts, (list, tuple)) else texts
                if not body:
                    continue
                point = customdata[i] if isinstance(customdata, (list, tuple)) and i < len(customdata) else None
                label = labels[i] if isinstance(labels, (list, tuple)) and i < len(labels) else ""

                def fill(match, point=point, label=label):
                    name, index = match.group(1), match.group(2)
                    if name == "customdata" and point is not None:
                        return str(point[int(index)] if index is not None else point)
                    if name == "label":
                        return str(label)
                    return ""

                body = re.sub(r"%\{(customdata|label|[^}\[:]+)(?:\[(\d+)\])?[^}]*\}", fill, str(body))
                body = re.sub(r"<extra>.*?</extra>", "", body)
                lines += [re.sub(r"<[^>]+>", "", line) for line in re.split(r"<br\s*/?>", body)]
    return lines


def test_wrap_hover_line_keeps_breaks_words_and_placeholders():
    text = "<b>Name</b><br>" + "Source: " + "word " * 30 + "%{customdata[1]}"
    wrapped = wrap_hover_line(text)
    assert wrapped.startswith("<b>Name</b><br>Source: word")
    assert all(len(line) <= HOVER_LINE_CHARS for line in wrapped.split("<br>"))
    assert wrapped.replace("<br>", " ").replace("</b> ", "</b><br>", 1) == text.rstrip()
    assert "%{customdata[1]}" in wrapped and wrap_hover_line("short") == "short"


def _figures(lang: str):
    from data.query import get_store
    from embed import charts
    from figures.common import small_trend, source_label
    from figures.corridors import comparison as comparison_fig
    from figures.corridors.card import corridor_card, cost_figure, share_figure, stock_figure
    from figures.corridors.comparison import comparison_figure
    from layouts.corridors.flows import flows_view
    from layouts.corridors.params import selection_from

    store = get_store()
    q = f"lang={lang}"
    yield "map", charts.resolve("/map", q).chart.figure
    yield "map focus", charts.resolve("/map", q + "&focus=UZB").chart.figure
    yield "map immigrants", charts.resolve("/map", q + "&indicator=immigrants").chart.figure
    yield "remittances", charts.resolve("/remittances", q).chart.figure
    yield "corridors arcs", charts.resolve("/corridors", q).chart.figure
    for trend in ("emigrants", "remittances", "immigrants"):
        found = charts.resolve("/country/UZB", q + f"&trend={trend}")
        if found is not None and found.chart.figure is not None:
            yield f"country {trend}", found.chart.figure
    state = charts.resolve("/corridors", q).state
    flows = flows_view(selection_from(state), lang)
    yield "sankey", flows.sankey
    card = corridor_card(store, "UZB", "RUS", flows.selection.source)
    yield "card stock", stock_figure(store, card, flows.selection.source, lang)
    yield "card women", share_figure(card, lang)
    yield "card cost", cost_figure(card, lang)
    origins = ("UZB", "TJK", "KGZ")
    yield "comparison", comparison_figure(store, comparison_fig.comparison(store, origins), origins, lang)
    series = store.series("CAMR.EMIG.TOTL", iso3s=["UZB"])
    yield "map panel trend", small_trend(series["year"], series["value"], unit="persons", lang=lang, name="Emigrants",
                                         source=source_label(store, series["source"].iloc[-1], lang))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_hover_line_of_each_views_default_figures_fits(lang):
    seen = 0
    for name, figure in _figures(lang):
        lines = hover_lines(figure)
        seen += bool(lines)
        long = [line for line in lines if len(line) > HOVER_LINE_CHARS]
        assert not long, f"{name} ({lang}): {long[:3]}"
    assert seen >= 10
