"""The flow map and the Sankey of one selection: the view of it (cached), the blocks under them and their CSV."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import orjson
import pandas as pd

from data.query import get_store
from figures.common import PARTIAL_COVERAGE_BELOW, coverage_pct, published_total
from figures.corridors import selection as selection_fig
from figures.corridors.map_frame import FlowMap, flow_map
from figures.corridors.parts import persons
from figures.corridors.sankey import build_sankey, sankey_patch
from figures.corridors.selection import FlowRow, Selection, resolve_year, revision_label, stock_years, with_year
from i18n import format_number, format_value, format_whole, t
from layouts import common
from layouts.corridors.keys import COVERAGE_KEYS, COVERAGE_PARTIAL_KEYS
from layouts.corridors.params import revision_sources
from layouts.corridors.parts import (csv_text, distinct_caveats, fill_table_sent, provenance_of, td_sent, tr_sent,
                                     with_provenance)
from layouts.made import dbc, html
from serving.fast_json.fragment import Fragment

GEOMETRY_SOURCE = "natural_earth_v4"


@dataclass(frozen=True)
class FlowsView:
    """What a flow selection shows: the year actually shown, all its corridors, the map frame. The blocks under
    them (notes, sources) are built from it by `flows_info` and `flows_sources` (the page) and kept as Dash sends
    them (the callbacks); the table of its corridors only when a reader opens it (`flows_table_json`)."""

    selection: Selection  # with the year shown (the requested one may be missing from the revision)
    requested_year: int
    rows: tuple[FlowRow, ...]  # selection_fig.flow_rows: the corridors, largest first
    frame: FlowMap
    lang: str = "en"
    # What a flows answer sends of it: the Sankey's patch, the notes, the sources, as JSON written once
    # (Fragments: an answer splices the bytes in, neither parsed back nor written again, first time or kept).
    sent: tuple[Fragment, Fragment, Fragment] = (Fragment(b"null"),) * 3

    @property
    def sankey(self) -> dict:
        """The whole Sankey (a plain figure dict), for the page: a callback sends `sankey_patch`."""
        return build_sankey(get_store(), self.frame, self.selection, self.lang)

    @property
    def sankey_patch(self) -> Fragment:
        return self.sent[0]

    @property
    def info(self) -> Fragment:
        return self.sent[1]

    @property
    def sources(self) -> Fragment:
        return self.sent[2]

    # the same as data (tests)
    sankey_sent = property(lambda self: self.sent[0].to_plotly_json())
    info_sent = property(lambda self: self.sent[1].to_plotly_json())
    sources_sent = property(lambda self: self.sent[2].to_plotly_json())


@lru_cache(maxsize=16)  # ~0.1 MB each; sizes measured: serving/memory.py
def flows_view(selection: Selection, lang: str) -> FlowsView:
    """Cached per selection: the data do not change while the app runs, and returning to a year is common.
    Built from the indexed rows as Python values, its blocks written as the JSON Dash sends (`flows_info_json`,
    `sankey_patch`), without a frame, a component per table cell or the Sankey's whole layout:
    tests/layouts/corridors/test_flows.py compares it with the frames and components of `flows_info`."""
    store = get_store()
    shown = shown_selection(selection)
    rows = selection_fig.flow_rows(store, shown)
    view = FlowsView(shown, selection.year, rows, flow_map(store, shown, rows, lang), lang)
    return replace(view, sent=(Fragment.of(sankey_patch(store, view.frame, shown, lang)),
                               Fragment(flows_info_json(view, lang)),
                               Fragment(_sources_sent(shown.source, shown.measure, lang))))


def shown_selection(selection: Selection) -> Selection:
    """The selection with the year shown: the requested one, or the revision's nearest (the notice says so)."""
    return with_year(selection, resolve_year(stock_years(get_store(), selection.source), selection.year))


def _table_rows(rows, lang: str) -> list[list]:
    store = get_store()
    return [[store.country_name(origin, lang), store.country_name(destination, lang),
             format_value(value, "persons", lang), year, revision_label(store, source, lang)]
            for origin, destination, year, value, source in rows]


def flows_info(view: FlowsView, lang: str) -> html.Div:
    """Under the map and the Sankey: which year is shown, how to read the map, what part of a country's migrants
    its corridors are. The table of all corridors is apart (`flows_table`), filled when its reader opens it."""
    return html.Div(_info_notes(view, lang))


def flows_table(rows, lang: str):
    """The table of every corridor of a selection (`FlowsView.rows`: the map draws the largest, the Sankey groups
    the smallest), or the note that there are none: what the table alternative under them holds when open."""
    return _table(_table_rows(rows, lang), lang) if rows else html.P(t("corridors.no_flows", lang))


def _table(cells: list[list], lang: str):
    return common.table([t("corridors.origin", lang), t("corridors.destination", lang), t("corridors.persons", lang),
                         t("common.year", lang), t("common.source", lang)],
                        cells, caption=t("corridors.map_table_caption", lang))


# The notes under the map, each one text in one element (the same components for the page and, as templates
# around their text, for `flows_info_json`).
def _notice(text: str) -> dbc.Alert:
    return dbc.Alert(text, color="info", className="py-2 small mb-2")


def _map_note(text: str) -> html.P:
    return html.P(text, className="small mb-1 flows-note")


def _coverage(text: str) -> html.P:
    return html.P(text, className="small mb-1 coverage-note")


def _notice_text(view: FlowsView, lang: str) -> str | None:
    """The year fallback notice's text, None when the requested year is shown."""
    selection = view.selection
    if view.requested_year == selection.year:
        return None
    return t("corridors.year_fallback", lang, source=revision_label(get_store(), selection.source, lang),
             year=view.requested_year, shown=selection.year)


def _info_notes(view: FlowsView, lang: str) -> list:
    """The year fallback notice (or None), the map's note, the coverage note (or None)."""
    notice = _notice_text(view, lang)
    return [_notice(notice) if notice is not None else None, _map_note(view.frame.note), coverage_note(view, lang)]


_SLOT = "@@slot@@"  # a text no block holds: where a template's variable part goes


def _around(sent) -> tuple[str, str]:
    """JSON of data as Dash sends them (`common.serialised`) holding `_SLOT` once, cut at the slot's JSON string."""
    before, slot, after = orjson.dumps(sent).decode().partition(orjson.dumps(_SLOT).decode())
    if not slot or _SLOT in after:
        raise ValueError("the slot is not in the block once")
    return before, after


@lru_cache(maxsize=8)
def _note_template(kind: str) -> tuple[str, str]:
    return _around(common.serialised({"notice": _notice, "map": _map_note, "coverage": _coverage}[kind](_SLOT)))


@lru_cache(maxsize=4)
def _table_template(lang: str) -> tuple[str, str]:
    """The table as sent around its rows (the same for every selection of a language with corridors)."""
    table = common.serialised(_table([], lang))
    fill_table_sent(table, [_SLOT])
    return _around(table)


@lru_cache(maxsize=4)
def _empty_table(lang: str) -> str:
    """What a selection without corridors shows instead (its note)."""
    return orjson.dumps(common.serialised(flows_table((), lang))).decode()


@lru_cache(maxsize=1)
def _row_template() -> str:
    """A table row as Dash sends it, a `%s` for each cell's JSON (`str %` puts a row together in one step)."""
    row = orjson.dumps(tr_sent([td_sent(f"{_SLOT}{i}") for i in range(5)])).decode().replace("%", "%%")
    for i in range(5):
        row = row.replace(orjson.dumps(f"{_SLOT}{i}").decode(), "%s", 1)
    return row


class _Names(dict):
    """Country code → its name as a JSON string, filled as codes are asked for."""

    def __init__(self, store, lang: str):
        super().__init__()
        self.store, self.lang = store, lang

    def __missing__(self, iso3: str) -> str:
        found = self[iso3] = orjson.dumps(self.store.country_name(iso3, self.lang)).decode()
        return found


@lru_cache(maxsize=8)  # stores × languages: ~250 names each
def _names_json(store, lang: str) -> _Names:
    return _Names(store, lang)


@lru_cache(maxsize=16)
def _label_json(store, source: str, lang: str) -> str:
    return orjson.dumps(revision_label(store, source, lang)).decode()


@lru_cache(maxsize=4)
def _persons_template(lang: str) -> str:
    """`persons(value, lang)` as a JSON string, a `%s` where the number goes."""
    text = orjson.dumps(t("common.persons", lang).format(value=_SLOT)).decode().replace("%", "%%")
    return text.replace(_SLOT, "%s")


def persons_json(values, lang: str) -> list[str]:
    """`orjson.dumps(persons(value, lang))` of each value, as text: a whole number of persons (all but a few) is
    written by i18n.format_whole (as format_number writes it) into the text's template; anything else goes through
    `persons` (tests/layouts/corridors/test_flows.py compares both for every value of the corridor tables, en and
    ru)."""
    template = _persons_template(lang)
    dumps, cells = orjson.dumps, []
    for value in values:
        if type(value) is float and value.is_integer() and 0 < value < 1e15:
            cells.append(template % format_whole(int(value), lang))
        else:
            cells.append(dumps(persons(value, lang)).decode())
    return cells


def flows_info_json(view: FlowsView, lang: str) -> bytes:
    """`orjson.dumps(common.serialised(flows_info(view, lang)))`, written as text from templates: each note's element
    around its text."""
    notice, coverage = _notice_text(view, lang), coverage_text(view, lang)
    notes = ["null" if notice is None else _filled(_note_template("notice"), notice),
             _filled(_note_template("map"), view.frame.note),
             "null" if coverage is None else _filled(_note_template("coverage"), coverage)]
    div_before, div_after = _div_template()
    return (div_before + ",".join(notes) + div_after).encode()


def flows_table_json(selection: Selection, lang: str) -> bytes:
    """`orjson.dumps(common.serialised(flows_table(rows, lang)))` of the selection's corridors (those of the year
    shown), written as text from templates: the table around its rows, a row around its cells' JSON (a component
    per cell, then a dict per cell, were most of a first-time flows answer when the table came with it)."""
    rows = selection_fig.flow_rows(get_store(), shown_selection(selection))
    return (_table_json(rows, lang) if rows else _empty_table(lang)).encode()


def _table_json(rows, lang: str) -> str:
    store, template = get_store(), _row_template()
    names = _names_json(store, lang)
    labels = {source: _label_json(store, source, lang) for source in {r.source for r in rows}}
    before, after = _table_template(lang)
    return before + ",".join([
        template % (names[origin], names[destination], persons, year, labels[source])
        for (origin, destination, year, _, source), persons in zip(rows, persons_json([r.value for r in rows],
                                                                                      lang))]) + after


def _filled(template: tuple[str, str], text: str) -> str:
    return template[0] + orjson.dumps(text).decode() + template[1]


@lru_cache(maxsize=1)
def _div_template() -> tuple[str, str]:
    """The block's Div around its children's JSON (the notes and the table's block)."""
    return _around(common.serialised(html.Div([_SLOT])))  # "…[" and "]…": the children go between


def coverage_note(view: FlowsView, lang: str) -> html.P | None:
    text = coverage_text(view, lang)
    return None if text is None else _coverage(text)


def coverage_text(view: FlowsView, lang: str) -> str | None:
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
        return t(COVERAGE_KEYS[direction], lang, covered=format_value(covered, "%", lang),
                 total=format_number(total, lang), country=name, year=selection.year)
    covered = _default_coverage(store, selection.mode, iso3, selection.year)
    if covered is None or covered >= PARTIAL_COVERAGE_BELOW:
        return None
    return t(COVERAGE_PARTIAL_KEYS[direction], lang, country=name)


@lru_cache(maxsize=1024)  # a float per country, mode and year
def _default_coverage(store, mode: str, iso3: str, year: int) -> float | None:
    """The share of the country's published total that its corridors hold in the default revision, both sexes:
    what a selection of one sex or of the other revision is judged by (the same for all of them)."""
    reference = Selection(mode, iso3 if mode == "origin" else None, iso3 if mode == "destination" else None, year,
                          "total", revision_sources()[0])
    direction = "emigrants" if mode == "origin" else "immigrants"
    return coverage_pct(_total(selection_fig.flow_rows(store, reference)),
                        published_total(store, direction, iso3, year, reference.source))


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
