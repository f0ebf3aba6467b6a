"""Key figures of the IOM Central Asia strategy, then and now: a function of (state, lang).

Grouped by topic, each figure shows the strategy's value with its original citation and page, then our curated value
for the same year (or the nearest year with data) and the latest one, each naming its source. Figures without a
comparable series in our data say so instead of showing anything.
"""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.query import get_store
from figures.key_figures import ComparisonRow, CuratedValue, cited_decimals, comparison_rows, topics
from figures.key_figures import statement as figure_statement
from i18n import N_, format_number, format_value, has_key, t, tn
from layouts import common
from layouts.ids import KeyFigures
from state import Param, choice

STRATEGY_SOURCE = "iom_ca_strategy"
# The strategy's units, as quoted, → templates of this view's catalogue (a unit not listed is shown as written).
STRATEGY_UNIT_KEYS = {
    "% of GDP": N_("key_figures.unit_pct_of_gdp"),
    "US$ billion": N_("key_figures.unit_usd_billion"),
    "million persons": N_("key_figures.unit_million_persons"),
    "% of population": N_("key_figures.unit_pct_of_population"),
    "US$ per month": N_("key_figures.unit_usd_per_month"),
    "rank of 176": N_("key_figures.unit_rank_of_176"),
    "persons per year": N_("key_figures.unit_persons_per_year"),
    "persons": N_("key_figures.unit_persons"),
    "% of cases": N_("key_figures.unit_pct_of_cases"),
    "% of victims": N_("key_figures.unit_pct_of_victims"),
    "% of migrants": N_("key_figures.unit_pct_of_migrants"),
    "% of employment agreements": N_("key_figures.unit_pct_of_agreements"),
}


def params() -> list[Param]:
    return [Param("topic", (), choice(topics(get_store())), multi=True,
                  describe_default=common.describe(N_("key_figures.all_topics")))]


# --- text pieces ----------------------------------------------------------------------------------------------------
def topic_name(topic: str, lang: str) -> str:
    key = f"key_figures.topic_{topic}"
    return t(key, lang) if has_key(key) else topic.replace("_", " ").capitalize()


def area_name(store, code: str, lang: str) -> str:
    """The strategy's regions (CA5, CIS, ECA) by the strategy's own names; countries by the store's."""
    key = f"key_figures.area_{code}"
    return t(key, lang) if has_key(key) else store.country_name(code, lang)


def strategy_value(row: ComparisonRow, lang: str) -> str:
    number = format_number(row.value, lang, cited_decimals(row.value))
    key = STRATEGY_UNIT_KEYS.get(row.unit)
    return t(key, lang, value=number) if key else f"{number} {row.unit}"


def measure_name(store, row: ComparisonRow, lang: str) -> str:
    meta = store.indicator_meta(row.measure, lang)
    name = t(meta["name_key"], lang) if has_key(meta["name_key"]) else meta["name"]
    if row.compare_table == "corridors":
        return t("key_figures.corridor_measure", lang, measure=name, origin=store.country_name(row.compare_area, lang),
                 destination=store.country_name(row.destination, lang))
    return name


# --- cells ----------------------------------------------------------------------------------------------------------
def _curated_value(store, value: CuratedValue, unit: str, lang: str, *, strong: bool) -> html.Div:
    """'US$ 3.7 billion in 2013' and its source; a main value on two lines, an alternative on one."""
    text = t("key_figures.value_in_year", lang, value=format_value(value.value, unit, lang), year=value.year)
    if strong:
        return html.Div([html.Strong(text), html.Br(), common.source_link(store, value.source, lang)],
                        className="curated-value mb-1")
    return html.Div([text, " · ", common.source_link(store, value.source, lang)], className="curated-value small mb-1")


def _same_year_cell(store, row: ComparisonRow, lang: str) -> html.Td:
    if row.same_year is None:
        return html.Td(t("key_figures.no_value_for_year", lang, year=row.year or "—"), className="text-muted")
    body = [_curated_value(store, row.same_year, row.measure_unit, lang, strong=True)]
    if row.year is not None and row.same_year.year != row.year:
        body.append(html.Div(t("key_figures.nearest_year", lang, year=row.same_year.year, asked=row.year),
                             className="small text-muted"))
    if row.others_same_year:
        body.append(html.Div(t("key_figures.other_sources", lang), className="small text-muted mt-1"))
        body += [_curated_value(store, other, row.measure_unit, lang, strong=False) for other in row.others_same_year]
    return html.Td(body)


def _latest_cell(store, row: ComparisonRow, lang: str) -> html.Td:
    if row.latest is None:
        return html.Td(t("common.no_data", lang), className="text-muted")
    return html.Td(_curated_value(store, row.latest, row.measure_unit, lang, strong=True))


def figure_row(store, row: ComparisonRow, lang: str) -> html.Tr:
    statement = [html.Div(figure_statement(store, row.figure_id, lang))]
    if row.comparable:
        statement.append(html.Div(t("key_figures.measure", lang, measure=measure_name(store, row, lang)),
                                  className="small text-muted mt-1"))
    strategy = html.Td([
        html.Strong(strategy_value(row, lang)),
        # the strategy's citations name English-language publications: kept as cited, marked lang="en"
        html.Div(common.with_element(t("key_figures.cited_as", lang, source=common.SLOT), common.SLOT,
                                     common.english(row.cited_source)), className="small"),
        html.Div(t("key_figures.strategy_page", lang, page=row.strategy_page), className="small text-muted"),
    ])
    if row.comparable:
        ours = [_same_year_cell(store, row, lang), _latest_cell(store, row, lang)]
    else:
        ours = [html.Td(t("key_figures.no_comparable", lang), colSpan=2, className="text-muted fst-italic")]
    return html.Tr([
        html.Td(statement),
        html.Td(area_name(store, row.area, lang)),
        html.Td(str(row.year) if row.year is not None else t("key_figures.year_not_stated", lang)),
        strategy, *ours,
    ], id=KeyFigures.row(row.figure_id))


def topic_section(store, topic: str, rows: list[ComparisonRow], lang: str) -> html.Section:
    header = [t("key_figures.col_statement", lang), t("key_figures.col_area", lang), t("key_figures.col_year", lang),
              t("key_figures.col_strategy", lang), t("key_figures.col_same_year", lang),
              t("key_figures.col_latest", lang)]
    widths = ["24%", "11%", "6%", "21%", "21%", "17%"]
    return html.Section([
        html.H2(topic_name(topic, lang), className="h5 mt-4"),
        dbc.Table([
            html.Colgroup([html.Col(style={"width": width}) for width in widths]),
            html.Thead(html.Tr([html.Th(text, scope="col") for text in header])),
            html.Tbody([figure_row(store, row, lang) for row in rows]),
        ], size="sm", bordered=False, hover=True, responsive=True, className="key-figures-table align-top small"),
    ], id=KeyFigures.topic_section(topic))


def tables(state: dict, lang: str) -> html.Div:
    """The figures of the selected topics (all when none is selected), one table per topic, then their sources."""
    store = get_store()
    rows = comparison_rows(store, state["topic"] or None)
    if not rows:
        return html.Div(html.P(t("key_figures.none_selected", lang), className="text-muted"))
    by_topic: dict[str, list[ComparisonRow]] = {}
    for row in rows:
        by_topic.setdefault(row.topic, []).append(row)
    sources = [STRATEGY_SOURCE] + [source for row in rows for source in row.sources]
    measures = {row.measure for row in rows if row.comparable}
    caveat_texts = [store.indicator_meta(m, lang).get("caveats", "") for m in sorted(measures)]
    caveat_texts.append(store.source_meta(STRATEGY_SOURCE, lang).get("caveats", ""))
    return html.Div([
        html.P(tn("key_figures.count", len(rows), lang), className="small text-muted mb-0"),
        *[topic_section(store, topic, topic_rows, lang) for topic, topic_rows in by_topic.items()],
        html.Div([common.source_line(store, sources, lang), common.caveats(caveat_texts, lang)],
                 className="mt-3"),
    ])


def controls(state: dict, lang: str) -> dbc.Row:
    options = [{"label": topic_name(topic, lang), "value": topic} for topic in topics(get_store())]
    return dbc.Row([
        dbc.Col([
            dbc.Label(t("key_figures.topic_label", lang), html_for=KeyFigures.TOPIC),
            dcc.Dropdown(labels=common.dropdown_labels(lang), id=KeyFigures.TOPIC, options=options, value=list(state["topic"]), multi=True,
                         placeholder=t("key_figures.topic_placeholder", lang)),
        ], md=8),
        dbc.Col([
            dbc.Button(t("key_figures.download", lang), id=KeyFigures.DOWNLOAD_BUTTON, n_clicks=0, color="secondary",
                       outline=True, size="sm"),
            dcc.Download(id=KeyFigures.DOWNLOAD),
        ], md=4, className="d-flex align-items-end justify-content-md-end no-print"),
    ], className="g-3 mb-2 controls")


def totals_revision_note(lang: str) -> html.P | None:
    """UN DESA's revisions differ for totals too (the strategy's migrant stocks are compared with Rev.2024)."""
    store = get_store()
    cell = store.cell_sources("SM.POP.TOTL", "KAZ", 2020).set_index("source")["value"]
    if not {"undesa_ims_2020_derived", "undesa_ims_2024"} <= set(cell.index):
        return None
    return html.P(t("revisions.totals_note", lang, then=format_value(cell["undesa_ims_2020_derived"], "persons", lang),
                    now=format_value(cell["undesa_ims_2024"], "persons", lang)),
                  className="small", id="key-figures-totals-revision")


def layout(state: dict, lang: str, **_) -> html.Div:
    return html.Div([
        html.H1(t("key_figures.heading", lang), className="h4"),
        html.P(t("key_figures.intro", lang)),
        dbc.Alert(t("key_figures.disagree_note", lang), color="info", className="small py-2"),
        totals_revision_note(lang),
        controls(state, lang),
        html.Div(tables(state, lang), id=KeyFigures.TABLES),
    ], id=KeyFigures.PAGE, className="view-key-figures")
