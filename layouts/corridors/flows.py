"""The flow map and the Sankey of one selection: the view of it (cached), the blocks under them and their CSV."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import orjson
import pandas as pd

from data.query import get_store
from figures.common import PARTIAL_COVERAGE_BELOW, coverage_pct, published_total
from figures.corridors import selection as selection_fig
from figures.corridors.map import FlowMap, flow_map
from figures.corridors.sankey import build_sankey
from figures.corridors.selection import Selection, resolve_year, revision_label, stock_years, with_year
from i18n import format_number, format_value, t
from layouts import common
from layouts.corridors.keys import COVERAGE_KEYS, COVERAGE_PARTIAL_KEYS
from layouts.corridors.params import revision_sources
from layouts.corridors.parts import distinct_caveats, with_provenance
from layouts.made import dbc, html

GEOMETRY_SOURCE = "natural_earth_v4"


@dataclass(frozen=True)
class FlowsView:
    """What a flow selection shows: the year actually shown, all its corridors, the map frame and the Sankey. The
    blocks under them (notes and table, sources) are built from it by `flows_info` and `flows_sources` (the page)
    and kept as Dash sends them (the callbacks)."""

    selection: Selection  # with the year shown (the requested one may be missing from the revision)
    requested_year: int
    rows: pd.DataFrame
    frame: FlowMap
    sankey: dict  # a plain figure
    # The Sankey, the notes and table, the sources as Dash sends them (see common.serialised), kept as JSON bytes:
    # a view's components (~290 kB, the table of all corridors) and dicts (~150 kB) were most of a cached view;
    # read back at each use (a parse, ≤ ~1 ms: see common.kept_compact), each caller gets its own copy.
    sent: tuple[bytes, bytes, bytes] = (b"null", b"null", b"null")

    @property
    def sankey_sent(self) -> dict:
        return orjson.loads(self.sent[0])

    @property
    def info_sent(self) -> dict:
        return orjson.loads(self.sent[1])

    @property
    def sources_sent(self) -> dict:
        return orjson.loads(self.sent[2])


@lru_cache(maxsize=16)  # ~0.1 MB each; sizes measured: serving/memory.py
def flows_view(selection: Selection, lang: str) -> FlowsView:
    """Cached per selection: the data do not change while the app runs, and returning to a year is common."""
    store = get_store()
    shown = with_year(selection, resolve_year(stock_years(store, selection.source), selection.year))
    rows = selection_fig.flows(store, shown)
    frame = flow_map(store, shown, rows, lang)
    sankey = build_sankey(store, frame, shown, lang)
    view = FlowsView(shown, selection.year, rows, frame, sankey)
    sent = (sankey, flows_info(view, lang), flows_sources(view, lang))
    return replace(view, sent=tuple(orjson.dumps(common.serialised(item)) for item in sent))


def flows_info(view: FlowsView, lang: str) -> html.Div:
    """Under the map and the Sankey: which year is shown, how to read the map, and the table of all corridors."""
    store = get_store()
    selection = view.selection
    notice = (dbc.Alert(t("corridors.year_fallback", lang, source=revision_label(store, selection.source, lang),
                          year=view.requested_year, shown=selection.year), color="info", className="py-2 small mb-2")
              if view.requested_year != selection.year else None)
    rows = view.rows
    table_rows = [[store.country_name(origin, lang), store.country_name(destination, lang),
                   format_value(value, "persons", lang), year, revision_label(store, source, lang)]
                  for origin, destination, value, year, source in zip(
                      rows["origin"].tolist(), rows["destination"].tolist(), rows["value"].tolist(),
                      rows["year"].tolist(), rows["source"].tolist())]
    table = (common.table([t("corridors.origin", lang), t("corridors.destination", lang),
                           t("corridors.persons", lang), t("common.year", lang), t("common.source", lang)],
                          table_rows, caption=t("corridors.map_table_caption", lang))
             if table_rows else html.P(t("corridors.no_flows", lang)))
    return html.Div([
        notice,
        html.P(view.frame.note, className="small mb-1 flows-note"),
        coverage_note(view, lang),
        html.Details([html.Summary(t("corridors.flows_table_summary", lang)), table], className="mb-1 small"),
    ])


def coverage_note(view: FlowsView, lang: str) -> html.P | None:
    """For one origin's destinations (or one destination's origins): what part of that country's published total
    the corridors held here are, when they are clearly not all of it (the United States: 3% of its emigrants).
    With numbers when the shown revision publishes the total; for the other revision or one sex, judged from the
    default revision's totals and said without numbers."""
    selection, store = view.selection, get_store()
    if selection.mode not in ("origin", "destination") or view.rows.empty:
        return None
    direction, iso3 = (("emigrants", selection.origin) if selection.mode == "origin"
                       else ("immigrants", selection.destination))
    name = store.country_name(iso3, lang)
    total = published_total(store, direction, iso3, selection.year, selection.source)
    if selection.sex == "total" and total is not None:
        covered = coverage_pct(view.rows["value"].sum(), total)
        if covered >= PARTIAL_COVERAGE_BELOW:
            return None
        return html.P(t(COVERAGE_KEYS[direction], lang, covered=format_value(covered, "%", lang),
                        total=format_number(total, lang), country=name, year=selection.year),
                      className="small mb-1 coverage-note")
    reference = replace(selection, sex="total", source=revision_sources()[0])
    covered = coverage_pct(selection_fig.flows(store, reference)["value"].sum(),
                           published_total(store, direction, iso3, selection.year, reference.source))
    if covered is None or covered >= PARTIAL_COVERAGE_BELOW:
        return None
    return html.P(t(COVERAGE_PARTIAL_KEYS[direction], lang, country=name),
                  className="small mb-1 coverage-note")


def flows_sources(view: FlowsView, lang: str) -> html.Div:
    """Source line, definition and caveats of the map and the Sankey: they change with the revision and sex only."""
    store = get_store()
    meta = store.indicator_meta(view.selection.measure, lang)
    return html.Div([
        common.source_line(store, [view.selection.source, GEOMETRY_SOURCE], lang),
        html.P(common.technical(meta.get("definition", ""), lang), className="small mb-1"),
        common.caveats(distinct_caveats([store.source_meta(view.selection.source, lang).get("caveats", ""),
                                         meta.get("caveats", "")]), lang),
        common.map_disclaimer(lang),
    ])


def flows_csv(selection: Selection, lang: str = "en") -> pd.DataFrame:
    """The corridors the map and the Sankey show (all of them), with names and provenance."""
    rows = flows_view(selection, lang).rows
    return with_provenance(rows.assign(measure=selection.measure, unit="persons"), lang)
