"""The IOM strategy's figures for the country beside our values of the same measures."""
from __future__ import annotations

from figures.country.groups import memberships
from figures.country.headlines import Fact
from figures.country.key_figures import is_present, key_figure_comparisons
from figures.key_figures import statement
from i18n import format_number, format_value, has_key, t
from layouts import common
from layouts.country.parts import short_source_link
from layouts.ids import Country
from layouts.key_figures import STRATEGY_UNIT_KEYS
from layouts.made import dbc, dcc, html


def _plain_number(value: float, lang: str) -> str:
    """A figure as the strategy printed it: 48.1 stays 48.1, 2.64 stays 2.64, 1000000 gets separators."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return format_number(value, lang, decimals)


def indicator_name(store, indicator: str, lang: str) -> str:
    """An indicator's name: translated where a catalogue has it, else the English name of the metadata."""
    meta = store.indicator_meta(indicator, lang)
    key = meta.get("name_key")
    return t(key, lang) if isinstance(key, str) and has_key(key) else meta["name"]


def _compare_cell(store, fact: Fact | None, lang: str, *, with_measure: bool = False):
    if fact is None:
        return t("country.key_figures_no_compare", lang)
    if fact.not_reported:
        return t("common.not_reported", lang)
    if fact.missing and fact.year is None:
        return t("common.no_data", lang)
    if fact.missing:
        value = t("country.key_figures_value_year", lang, value=t("common.no_data", lang), year=fact.year)
    else:
        value = html.Span([
            t("country.key_figures_value_year", lang, value=format_value(fact.value, fact.unit, lang), year=fact.year),
            " ", short_source_link(store, fact.source, lang, className="small d-block")])
    if with_measure:  # the strategy's wording and ours may name different measures: say which one ours is
        return html.Div([value, html.Div(indicator_name(store, fact.indicator, lang), className="small text-muted")])
    return value


def key_figures_panel(store, iso3: str, lang: str) -> html.Section | None:
    """The IOM strategy's figures for the country beside our current value of the same measure.

    Shown on every profile the strategy has figures for, and (saying so) on Central Asian profiles without any.
    """
    comparisons = key_figure_comparisons(store, iso3)
    name = store.country_name(iso3, lang)
    if not comparisons and "ca5" not in memberships(store, iso3):
        return None
    heading = html.H2(t("country.key_figures_heading", lang), className="h6 section-title")
    link = dcc.Link(t("country.key_figures_all", lang), href=f"/key-figures?lang={lang}", className="small no-print")
    if not comparisons:
        return html.Section([heading, html.P(t("country.key_figures_none", lang, country=name), className="small"),
                             link], id=Country.KEY_FIGURES, className="key-figures-panel")
    rows = []
    for comparison in comparisons:
        figure = comparison.figure
        year = figure.get("year")
        year_text = str(int(year)) if is_present(year) else ""
        number = _plain_number(float(figure["value"]), lang)
        unit_key = STRATEGY_UNIT_KEYS.get(figure["unit"])
        strategy_value = t(unit_key, lang, value=number) if unit_key else f"{number} {figure['unit']}"
        citation = t("country.key_figures_page", lang, citation=common.SLOT, page=figure["strategy_page"])
        rows.append(html.Tr([
            html.Td([statement(store, figure["figure_id"], lang),
                     # the strategy's citations name English-language publications: kept as cited
                     html.Div(common.with_element(citation, common.SLOT, common.english(figure["cited_source"])),
                              className="small text-muted citation")]),
            html.Td(f"{strategy_value} ({year_text})" if year_text else strategy_value),
            html.Td(_compare_cell(store, comparison.then, lang, with_measure=True)),
            html.Td(_compare_cell(store, comparison.latest, lang)),
        ], id=f"country-key-figure-{figure['figure_id']}"))
    table = dbc.Table([
        html.Thead(html.Tr([html.Th(text, scope="col")
                            for text in (t("country.key_figures_statement", lang), t("country.key_figures_strategy", lang),
                                         t("country.key_figures_then", lang), t("country.key_figures_latest", lang))])),
        html.Tbody(rows),
    ], size="sm", className="data-table key-figures-table")
    return html.Section([
        heading,
        html.P(t("country.key_figures_intro", lang, country=name), className="small mb-1"),
        table,
        common.source_line(store, ["iom_ca_strategy"], lang),
        link,
    ], id=Country.KEY_FIGURES, className="key-figures-panel")
