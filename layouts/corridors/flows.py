"""The flow map and the Sankey of one selection: the view of it (cached), the blocks under them and their CSV."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import orjson
import pandas as pd

from data.query import get_store
from figures.common import PARTIAL_COVERAGE_BELOW, coverage_pct, published_total
from figures.corridors import selection as selection_fig
from figures.corridors.map import FlowMap, flow_map
from figures.corridors.parts import persons
from figures.corridors.sankey import build_sankey
from figures.corridors.selection import FlowRow, Selection, resolve_year, revision_label, stock_years, with_year
from i18n import format_number, format_value, t
from layouts import common
from layouts.corridors.keys import COVERAGE_KEYS, COVERAGE_PARTIAL_KEYS
from layouts.corridors.params import revision_sources
from layouts.corridors.parts import (csv_text, distinct_caveats, fill_table_sent, provenance_of, td_sent, td_text_sent,
                                     tr_sent, with_provenance)
from layouts.made import dbc, html

GEOMETRY_SOURCE = "natural_earth_v4"


@dataclass(frozen=True)
class FlowsView:
    """What a flow selection shows: the year actually shown, all its corridors, the map frame and the Sankey. The
    blocks under them (notes and table, sources) are built from it by `flows_info` and `flows_sources` (the page)
    and kept as Dash sends them (the callbacks)."""

    selection: Selection  # with the year shown (the requested one may be missing from the revision)
    requested_year: int
    rows: tuple[FlowRow, ...]  # selection_fig.flow_rows: the corridors, largest first
    frame: FlowMap
    sankey: dict  # a plain figure
    # The Sankey, the notes and table, the sources as Dash sends them (see common.serialised), kept as JSON bytes:
    # a view's components (~290 kB, the table of all corridors) and dicts (~150 kB) were most of a cached view;
    # read back at each use (a parse, ≤ ~1 ms: see common.kept_compact), each caller gets its own copy.
    sent: tuple[bytes, bytes, bytes] = (b"null", b"null", b"null")
    # The notes and table as built, for the first use only (taken by `take_info`): a first-time answer sends them
    # without reading back the bytes just written (~0.3 ms for a long table).
    fresh: list = field(default_factory=list, compare=False, repr=False)

    @property
    def sankey_sent(self) -> dict:
        return orjson.loads(self.sent[0])

    @property
    def info_sent(self) -> dict:
        return orjson.loads(self.sent[1])

    def take_info(self) -> dict:
        """`info_sent`, the block as built the first time it is asked for (nobody else holds it), then a copy."""
        try:
            return self.fresh.pop()
        except IndexError:
            return self.info_sent

    @property
    def sources_sent(self) -> dict:
        return orjson.loads(self.sent[2])


@lru_cache(maxsize=16)  # ~0.1 MB each; sizes measured: serving/memory.py
def flows_view(selection: Selection, lang: str) -> FlowsView:
    """Cached per selection: the data do not change while the app runs, and returning to a year is common.
    Built from the indexed rows as Python values, its blocks written as Dash sends them (`flows_info_sent`), without
    a frame or a component per table cell: tests/layouts/corridors/test_flows.py compares it with the frames and
    components of `flows_info`."""
    store = get_store()
    shown = with_year(selection, resolve_year(stock_years(store, selection.source), selection.year))
    rows = selection_fig.flow_rows(store, shown)
    frame = flow_map(store, shown, rows, lang)
    sankey = build_sankey(store, frame, shown, lang)
    view = FlowsView(shown, selection.year, rows, frame, sankey)
    info = flows_info_sent(view, lang)
    sent = (orjson.dumps(sankey), orjson.dumps(info), _sources_sent(shown.source, shown.measure, lang))
    return replace(view, sent=sent, fresh=[info])


def _table_rows(view: FlowsView, lang: str) -> list[list]:
    store = get_store()
    return [[store.country_name(origin, lang), store.country_name(destination, lang),
             format_value(value, "persons", lang), year, revision_label(store, source, lang)]
            for origin, destination, year, value, source in view.rows]


def flows_info(view: FlowsView, lang: str) -> html.Div:
    """Under the map and the Sankey: which year is shown, how to read the map, and the table of all corridors."""
    return _info(view, lang, _table_rows(view, lang))


def _info(view: FlowsView, lang: str, table_rows: list[list]) -> html.Div:
    return html.Div([*_info_notes(view, lang), _table_details(lang, table_rows, bool(table_rows))])


def _info_notes(view: FlowsView, lang: str) -> list:
    """The year fallback notice (or None), the map's note, the coverage note (or None)."""
    store = get_store()
    selection = view.selection
    notice = (dbc.Alert(t("corridors.year_fallback", lang, source=revision_label(store, selection.source, lang),
                          year=view.requested_year, shown=selection.year), color="info", className="py-2 small mb-2")
              if view.requested_year != selection.year else None)
    return [notice, html.P(view.frame.note, className="small mb-1 flows-note"), coverage_note(view, lang)]


def _table_details(lang: str, table_rows: list[list], has_rows: bool) -> html.Details:
    table = (common.table([t("corridors.origin", lang), t("corridors.destination", lang),
                           t("corridors.persons", lang), t("common.year", lang), t("common.source", lang)],
                          table_rows, caption=t("corridors.map_table_caption", lang))
             if has_rows else html.P(t("corridors.no_flows", lang)))
    return html.Details([html.Summary(t("corridors.flows_table_summary", lang)), table], className="mb-1 small")


@lru_cache(maxsize=4)
def _table_details_sent(lang: str, has_rows: bool) -> bytes:
    """The table's block as sent, its body empty (the same for every selection of a language)."""
    return orjson.dumps(common.serialised(_table_details(lang, [], has_rows)))


def flows_info_sent(view: FlowsView, lang: str) -> dict:
    """`common.serialised(flows_info(view, lang))`, its table's rows written as Dash sends them rather than made as
    components and walked (a component per cell was most of a first-time flows answer): the notes serialised,
    the table's block read from its language's copy, whose body then gets the rows."""
    details = orjson.loads(_table_details_sent(lang, bool(view.rows)))
    if view.rows:
        store = get_store()
        name, label = store.country_name, revision_label
        body = [tr_sent([td_text_sent(name(origin, lang)), td_text_sent(name(destination, lang)),
                         td_sent(persons(value, lang)), td_sent(year), td_text_sent(label(store, source, lang))])
                for origin, destination, year, value, source in view.rows]
        fill_table_sent(details["props"]["children"][1], body)
    return {"props": {"children": [*common.serialised(_info_notes(view, lang)), details]}, "type": "Div",
            "namespace": "dash_html_components"}


def coverage_note(view: FlowsView, lang: str) -> html.P | None:
    """For one origin's destinations (or one destination's origins): what part of that country's published total
    the corridors held here are, when they are clearly not all of it (the United States: 3% of its emigrants).
    With numbers when the shown revision publishes the total; for the other revision or one sex, judged from the
    default revision's totals and said without numbers."""
    selection, store = view.selection, get_store()
    if selection.mode not in ("origin", "destination") or not view.rows:
        return None
    direction, iso3 = (("emigrants", selection.origin) if selection.mode == "origin"
                       else ("immigrants", selection.destination))
    name = store.country_name(iso3, lang)
    total = published_total(store, direction, iso3, selection.year, selection.source)
    if selection.sex == "total" and total is not None:
        covered = coverage_pct(_total(view.rows), total)
        if covered >= PARTIAL_COVERAGE_BELOW:
            return None
        return html.P(t(COVERAGE_KEYS[direction], lang, covered=format_value(covered, "%", lang),
                        total=format_number(total, lang), country=name, year=selection.year),
                      className="small mb-1 coverage-note")
    reference = replace(selection, sex="total", source=revision_sources()[0])
    covered = coverage_pct(_total(selection_fig.flow_rows(store, reference)),
                           published_total(store, direction, iso3, selection.year, reference.source))
    if covered is None or covered >= PARTIAL_COVERAGE_BELOW:
        return None
    return html.P(t(COVERAGE_PARTIAL_KEYS[direction], lang, country=name),
                  className="small mb-1 coverage-note")


def _total(rows) -> float:
    """The rows' values summed as pandas sums a column (numpy's pairwise sum, not Python's running one)."""
    return np.array([row.value for row in rows], dtype=float).sum()


def flows_sources(view: FlowsView, lang: str) -> html.Div:
    """Source line, definition and caveats of the map and the Sankey: they change with the revision and sex only."""
    return _sources(view.selection.source, view.selection.measure, lang)


def _sources(source: str, measure: str, lang: str) -> html.Div:
    store = get_store()
    meta = store.indicator_meta(measure, lang)
    return html.Div([
        common.source_line(store, [source, GEOMETRY_SOURCE], lang),
        html.P(common.technical(meta.get("definition", ""), lang), className="small mb-1"),
        common.caveats(distinct_caveats([store.source_meta(source, lang).get("caveats", ""),
                                         meta.get("caveats", "")]), lang),
        common.map_disclaimer(lang),
    ])


@lru_cache(maxsize=16)  # revisions × sexes × languages: 12
def _sources_sent(source: str, measure: str, lang: str) -> bytes:
    return orjson.dumps(common.serialised(_sources(source, measure, lang)))


FLOWS_CSV_COLUMNS = ["origin", "origin_name", "destination", "destination_name", "year", "value", "source", "measure",
                     "unit", "publisher", "vintage", "licence"]


def flows_csv_text(selection: Selection, lang: str = "en") -> str:
    """`flows_csv(selection, lang).to_csv(index=False)`, written from the view's rows without a frame."""
    store = get_store()
    rows = flows_view(selection, lang).rows
    provenance = provenance_of(store, (row.source for row in rows), lang)
    name, measure = store.country_name, selection.measure
    return csv_text(FLOWS_CSV_COLUMNS, [
        (origin, name(origin, lang), destination, name(destination, lang), year, value, source, measure, "persons",
         *provenance[source]) for origin, destination, year, value, source in rows])


def flows_csv(selection: Selection, lang: str = "en") -> pd.DataFrame:
    """The corridors the map and the Sankey show (all of them), with names and provenance."""
    rows = pd.DataFrame(list(flows_view(selection, lang).rows), columns=selection_fig.FLOW_COLUMNS)
    return with_provenance(rows.assign(measure=selection.measure, unit="persons"), lang)
