"""Components every view uses: source lines, caveats, the map disclaimer, table alternatives."""
from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache, wraps

import numpy as np
import orjson
from dash import get_asset_url, get_relative_path
from plotly.io.json import to_json_plotly

from figures.common import PROVENANCE_COLUMNS
from i18n import DEFAULT_LANG, N_, normalise_lang, t
from layouts.made import dbc, dcc, html


def sources_href(source: str, lang: str) -> str:
    """A dataset's entry on the sources page."""
    return f"/sources?lang={lang}#{source}"


def source_link(store, source: str, lang: str) -> dcc.Link:
    """'publisher, title (vintage)', linking to the dataset's entry on the sources page."""
    meta = store.source_meta(source, lang)
    return dcc.Link(technical(f"{meta['publisher']}, {meta['title']} ({meta['vintage']})", lang),
                href=sources_href(source, lang))  # layouts/made.py: in every source line


def source_line(store, sources, lang: str, *, prefix_key: str = "common.source") -> html.P:
    """'Source: publisher, title (vintage) · licence', each linking to its entry on the sources page."""
    parts: list = [html.Strong(t(prefix_key, lang) + ": ")]
    for i, source in enumerate(dict.fromkeys(sources)):
        if i:
            parts.append("; ")
        parts.append(source_link(store, source, lang))
        parts.append(f" · {store.source_meta(source, lang)['licence']}")
    return html.P(parts, className="source-line small mb-1")


def with_element(text: str, slot: str, element) -> list:
    """`text` (a translation made with `slot` as the value of a placeholder) as parts, `element` in the slot's place:
    for a value that needs its own element, such as an English citation marked lang="en" inside a Russian
    sentence."""
    before, _, after = text.partition(slot)
    return [part for part in (before, element, after) if part != ""]


SLOT = "\x00"


def english(text: str) -> html.Span:
    """A passage that stays English on every page (a publisher's citation or title), marked for screen readers and
    for the check that a Russian page has no English."""
    return html.Span(text, lang="en")


# Latin-script passages a Russian metadata text keeps as they are: names quoted from a publisher's file (a sheet, a
# column: «Inward remittance flows»), addresses, file names and identifiers (stock_total, data/catalog.py,
# BX.TRF.PWKR.CD.DT, Data360). They are marked with their language (lang="en" for quoted English, "zxx" for codes),
# so that screen readers and the check for untranslated English on Russian pages treat them as such.
TECHNICAL = re.compile(r"«[^«»А-Яа-яЁё]*[A-Za-z][^«»А-Яа-яЁё]*»"
                       r"|https?://\S+"
                       r"|/?[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[_./@:?=&-][A-Za-z0-9^]+)+"
                       r"|[A-Za-z]+\d\w*")


def technical(text, lang: str):
    """`text` with its technical passages (see TECHNICAL) in elements marked with their language, as one Span;
    unchanged in English (or when there is nothing to mark)."""
    if lang == "en" or not isinstance(text, str) or not text:
        return text
    parts: list = []
    position = 0
    for match in TECHNICAL.finditer(text):
        if match.start() > position:
            parts.append(text[position:match.start()])
        token = match.group(0)
        parts.append(html.Span(token, lang="en" if token.startswith("«") else "zxx"))
        position = match.end()
    if not parts:
        return text
    if position < len(text):
        parts.append(text[position:])
    return html.Span(parts)  # one component: a list inside a list of children does not render in Dash


def caveats(texts, lang: str) -> html.Div:
    items = [text for text in dict.fromkeys(texts) if text]
    if not items:
        return html.Div()
    return html.Details([html.Summary(t("common.caveats_count", lang, n=len(items)), className="small"),
                         html.Ul([html.Li(technical(text, lang)) for text in items], className="small mb-1")],
                        className="caveats")


def map_disclaimer(lang: str) -> html.P:
    """Under every map: the UN's map disclaimer and the boundaries' source, from the translation catalogues."""
    return disclaimer(t("common.map_disclaimer", lang), t("common.map_attribution", lang))


def disclaimer(text: str, attribution: str) -> html.P:
    return html.P([text, " ", attribution], className="map-disclaimer small text-muted mb-0")


def table(header: list[str], rows: list[list], *, caption: str | None = None, **kwargs) -> dbc.Table:
    """A plain table: the accessible alternative to a chart, and what a user can copy."""
    # Cells made without Dash's checks (layouts/made.py): a corridor table has a thousand of them.
    return dbc.Table(
        ([html.Caption(caption)] if caption else [])
        + [html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
           html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows])],
        size="sm", striped=True, hover=True, className="data-table", **kwargs)


def table_toggle(toggle_id: str, table_id: str, show: str, hide: str, label_ids: tuple[str, str]) -> html.Button:
    """The button that opens and closes a chart's table alternative (callbacks/tables.py, in the browser), saying
    whether it is open (aria-expanded); its text (`label_ids`: the ids of its two texts) says what a click does:
    "Show table", then "Hide table" (the other text hidden)."""
    label = [html.Span(show, id=label_ids[0]), html.Span(hide, id=label_ids[1], hidden=True)]
    return html.Button(label, id=toggle_id, n_clicks=0, type="button", className="btn btn-sm btn-outline-secondary",
                       **{"aria-controls": table_id, "aria-expanded": "false"})


def table_collapse(table_id: str, body_id: str, request_id: str, **body) -> list:
    """Where a table alternative goes, closed, and its request: filled only while it is open (callbacks/tables.py)."""
    return [dbc.Collapse(html.Div(id=body_id, **body), id=table_id, is_open=False),
            dcc.Store(id=request_id)]  # what the table shows, passed on only while it is open


_TEXT_CELLS = (str, int, float, type(None))


_HTML = "dash_html_components"
_TD = {"type": "Td", "namespace": "dash_html_components"}
_TR = {"type": "Tr", "namespace": "dash_html_components"}


def td_sent(cell) -> dict:
    """`html.Td(cell)` as Dash sends it (see `serialised`)."""
    return {"props": {"children": cell}, **_TD}


@lru_cache(maxsize=1024)
def td_text_sent(text: str) -> dict:
    """`td_sent` of a text many rows repeat (a country's name, a revision): one dict, written each time it is used."""
    return td_sent(text)


def tr_sent(cells: list) -> dict:
    """`html.Tr(cells)` as Dash sends it, its cells sent already."""
    return {"props": {"children": cells}, **_TR}


def fill_table_sent(table: dict, rows: list[dict]) -> None:
    """Puts the rows (`tr_sent`) into a `table` sent with none (its body, the last child)."""
    table["props"]["children"][-1]["props"]["children"] = rows


def table_sent(header: list[str], rows: list[list], *, caption: str | None = None, **kwargs):
    """`serialised(table(header, rows, caption=…, **kwargs))` without making and walking a component per cell (a
    table alternative has hundreds): the table without rows serialised, its body's rows written as Dash writes
    them. Cells of text or numbers only; any other cell goes the components' way."""
    if not all(type(cell) in _TEXT_CELLS for row in rows for cell in row):
        return serialised(table(header, rows, caption=caption, **kwargs))
    if kwargs or type(caption) not in (str, type(None)) or not all(type(name) is str for name in header):
        shell = serialised(table(header, [], caption=caption, **kwargs))
    else:  # the usual table: its shell written as Dash writes it too, not made of components and walked back
        shell = _table_shell_sent(header, caption)
    fill_table_sent(shell, [tr_sent([td_sent(cell) for cell in row]) for row in rows])
    return shell


def _table_shell_sent(header: list[str], caption: str | None) -> dict:
    """`serialised(table(header, [], caption=caption))` of text column names and caption."""
    names = [{"props": {"children": name, "scope": "col"}, "type": "Th", "namespace": _HTML} for name in header]
    children = [{"props": {"children": caption}, "type": "Caption", "namespace": _HTML}] if caption else []
    children += [{"props": {"children": tr_sent(names)}, "type": "Thead", "namespace": _HTML},
                 {"props": {"children": []}, "type": "Tbody", "namespace": _HTML}]
    return {"props": {"children": children, "size": "sm", "striped": True, "hover": True,
                      "className": "data-table"}, "type": "Table", "namespace": "dash_bootstrap_components"}


ROWS_HOLE = "\0table-rows"


@lru_cache(maxsize=32)
def _table_template(header: tuple[str, ...], caption: str | None, props: tuple):
    from serving.fast_json.written import Template

    shell = serialised(table(list(header), [], caption=caption, **dict(props)))
    fill_table_sent(shell, ROWS_HOLE)
    return Template(shell, (ROWS_HOLE,))


def table_written(header: tuple[str, ...], rows: list[list], *, caption: str | None = None, **kwargs) -> bytes:
    """`table_sent(…)` as Dash writes it (serving/fast_json/written.written): the table without rows written once per header,
    its rows written into it."""
    from serving.fast_json.written import written

    if not all(type(cell) in _TEXT_CELLS for row in rows for cell in row):
        return written(table_sent(list(header), rows, caption=caption, **kwargs))
    return _table_template(tuple(header), caption, tuple(sorted(kwargs.items()))).fill(rows_written(rows))


def table_rows_written(header: tuple[str, ...], rows: bytes) -> bytes:
    """`table_written(header, rows)` of rows written already (`rows_bytes`)."""
    return _table_template(header, None, ()).fill(rows)


def rows_bytes(rows: list[bytes]) -> bytes:
    """Rows written into `row_pieces` (each one's text cells written by orjson between the pieces) as `rows_written`
    gives them."""
    from serving.fast_json.escaping import _safe_bytes

    return _safe_bytes(b"[" + b",".join(rows) + b"]")


def rows_written(rows: list[list]) -> bytes:
    """`written([tr_sent([td_sent(cell) for cell in row]) for row in rows])` of rows of text or number cells: each
    row's JSON around its cells written once per number of cells (`row_pieces`), each cell written by orjson into
    it (a focus panel's ten rows: ~5 µs instead of ~20 made into dicts and written)."""
    from serving.fast_json.fragment import Fragment
    from serving.fast_json.written import written

    dumps, written_rows = orjson.dumps, []
    for row in rows:
        pieces = row_pieces(len(row))
        parts = [pieces[0]]
        for cell, piece in zip(row, pieces[1:]):
            parts.append(dumps(cell))
            parts.append(piece)
        written_rows.append(b"".join(parts))
    return written(Fragment(b"[" + b",".join(written_rows) + b"]"))  # its unsafe characters swapped


@lru_cache(maxsize=16)
def row_pieces(cells: int) -> tuple[bytes, ...]:
    """`tr_sent` of `cells` cells written, cut where each cell's value goes."""
    from serving.fast_json.written import Template

    holes = tuple(f"\0cell-{place}" for place in range(cells))
    return Template(tr_sent([td_sent(hole) for hole in holes]), holes).pieces


def csv_text(columns: list[str], rows: list[tuple], floats: tuple[str, ...] = ("value",)) -> str:
    """`pd.DataFrame(rows, columns=columns).to_csv(index=False)`, without the frame: the columns in `floats` are
    float64 columns as pandas writes them (numpy's shortest text, "" for NaN), the others text and whole numbers
    (None: ""), through the csv module as pandas uses it (minimal quoting, "\\n" line ends). A download was a
    frame made, joined with names and provenance and written by pandas per request (~3–5 ms)."""
    cells = [list(column) for column in zip(*rows)] if rows else [[] for _ in columns]
    for place, name in enumerate(columns):
        if name in floats:
            values = np.array(cells[place], dtype=float)
            texts = values.astype(str).tolist()
            cells[place] = ["" if value != value else text for value, text in zip(values.tolist(), texts)]
        else:
            cells[place] = ["" if value is None else value for value in cells[place]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*cells))
    return out.getvalue()


def provenance_of(store, sources, lang: str) -> dict:
    """Each source's (publisher, vintage, licence) in `lang`, as `add_provenance` writes them beside its rows."""
    found = {}
    for source in dict.fromkeys(sources):
        meta = store.source_meta(source, lang)
        found[source] = tuple(meta[column] for column in PROVENANCE_COLUMNS)
    return found


def country_code(raw: str) -> str:
    """URL parser of a country code (any case). Aggregates (WLD, ECS …) are not countries: a view that maps or
    profiles countries gets a ValueError for them, hence the parameter's default and a notice."""
    from data.query import get_store  # here, so that importing this module loads no data

    code = raw.strip().upper()
    if (get_store().country(code) or {}).get("kind") != "country":
        raise ValueError(raw)
    return code


def describe(key_template: str | dict[str, str]):
    """A Param's `describe_default` that names the default by its catalogue key (`key_template` formatted with the
    value, or the value's key in a {value: key} mapping of literal keys, which extraction sees), so the notice shows
    "Immigrants living in the country" rather than "immigrants", in the reader's language (layouts/shell.py
    translates it)."""
    if isinstance(key_template, dict):
        return lambda value: key_template[value]
    return lambda value: key_template.format(value=value)


def snap_to_options(value, previous, options):
    """The option a slider value stands for. Dash's slider with `step=None` (marks only) moves by a fraction of its
    range on the arrow keys (2024 → 2023.8) instead of to the next mark: a value between marks therefore means the
    next mark in the direction it moved from `previous`. Anything that is not a number gives `previous` (or the
    last option when `previous` is not one either)."""
    options = sorted(options)
    fallback = previous if previous in options else options[-1]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value in options:
        return options[options.index(value)]  # the option itself: 2020, not 2020.0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return fallback
    if previous in options:
        if value < previous:
            return max((o for o in options if o < previous), default=previous)
        return min((o for o in options if o > previous), default=previous)
    return min(options, key=lambda option: abs(option - value))


def asset_url(path: str) -> str:
    """URL of a file in assets/; works inside a running app and in tests that build layouts without one."""
    try:
        return get_asset_url(path)
    except AttributeError:  # no Dash app yet (unit tests): the default assets route
        return "/assets/" + path


GEOMETRY_ROUTE = "/geo/{scope}.json?v={version}"


def geometry_url(scope: str) -> str:
    """Where the browser fetches a map's outlines (served by app.py from geo/, cached by version): sending them
    once per browser instead of inside every page's figure."""
    import geo

    path = GEOMETRY_ROUTE.format(scope=scope, version=geo.version(scope))
    try:
        return get_relative_path(path)
    except AttributeError:  # no Dash app yet (unit tests)
        return path


TOPOJSON_STUBS = ("world_110m",)  # the base-map names plotly.js asks for at our resolution (see geo/build.py)


def topojson_stub_urls() -> dict[str, str]:
    """{name: URL} of plotly.js' base-map stubs (assets/topojson/) with their version (`?m=`, as Dash writes after
    its assets): pages fetch them early and hand them to plotly.js (PlotlyGeoAssets), cached for good."""
    import os
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "assets" / "topojson"
    return {name: f"{asset_url(f'topojson/{name}.json')}?m={os.path.getmtime(folder / f'{name}.json')}"
            for name in TOPOJSON_STUBS}


def graph_config(filename: str | None = None, *, mode_bar: bool = True, remove=(), lang: str | None = None) -> dict:
    """dcc.Graph config for every chart of the app. plotly.js 4 shows a "Share chart..." button by default that
    uploads the figure (data included) to Plotly Cloud: never in an offline dashboard, so it is always off.
    `filename` names the PNG of the camera button; `remove` lists further mode-bar buttons to hide; `lang` other
    than English switches plotly.js to its locale (mode-bar tooltips, month names, decimal comma in its own number
    formats; vendored in assets/locales/)."""
    config = {"displaylogo": False, "showSendToCloud": False, "responsive": True}
    if lang and normalise_lang(lang) != DEFAULT_LANG:
        config["locale"] = normalise_lang(lang)
    if not mode_bar:
        config["displayModeBar"] = False
    if remove:
        config["modeBarButtonsToRemove"] = list(remove)
    if filename:
        config["toImageButtonOptions"] = {"filename": filename}
    return config


DROPDOWN_LABELS = {"select_all": N_("common.dropdown_select_all"), "deselect_all": N_("common.dropdown_deselect_all"),
                   "selected_count": N_("common.dropdown_selected_count"), "search": N_("common.dropdown_search"),
                   "clear_search": N_("common.dropdown_clear_search"),
                   "clear_selection": N_("common.dropdown_clear_selection"),
                   "no_options_found": N_("common.dropdown_no_options_found")}


def dropdown_labels(lang: str) -> dict:
    """dcc.Dropdown's own texts ("3 selected", "Search", "Clear selection") in the page's language: Dash writes
    them in English unless given. `{num_selected}` is filled in by the dropdown itself."""
    return {name: t(key, lang) for name, key in DROPDOWN_LABELS.items()}


def geo_graph_config(filename: str, lang: str | None = None) -> dict:
    """dcc.Graph config for plotly geo figures. plotly.js fetches base-map topojson from a CDN unless told to
    look in our assets (where a stub lives: the maps draw the project's own geometry)."""
    return {**graph_config(filename, remove=("select2d", "lasso2d"), lang=lang),
            "topojsonURL": asset_url("topojson/")}


def serialised(item):
    """A component or figure in the JSON-ready form Dash sends it in (plain dicts and lists, via Dash's own encoder).

    For callback outputs cached per selection: Dash then re-encodes plain data, which is many times faster than
    walking components or validating figures on every request. Encoded as Dash encodes answers (serving/fast_json:
    plotly's `to_json_plotly`, byte for byte, without its generic walk over components) and read back by orjson:
    a first-time selection's corridor table went through plotly's walk and the json module, ~60 % of its build.
    """
    from serving.fast_json.answer import to_json  # the encoder alone: importing it starts nothing

    return orjson.loads(to_json(item))


def reference_serialised(item):
    """`serialised` as it was (plotly's encoder, the json module): what tests compare it with."""
    return json.loads(to_json_plotly(item))


def kept_compact(maxsize: int):
    """`lru_cache(maxsize)` for a function that returns what Dash sends (`serialised` data: dicts, lists, text,
    numbers, None), or a tuple of such: each result is kept as its JSON bytes (orjson) and read back at every call.

    A worker's caches of serialised outputs held them as Python dicts and lists, 3–7 × their JSON (a corridor card
    ~166 kB of objects for ~32 kB of JSON) and tens of thousands of objects for the garbage collector to walk; as
    bytes they cost a parse at each hit (orjson.loads, measured at load 8: 0.2 ms for the remittances trend charts,
    1.0 ms for an 80 kB Russian corridor card; a miss builds them in 30–100 ms, a hit was free before). A
    round trip through orjson gives back equal data (it is how `serialised` made it), and each caller gets its own
    copy. `fragment(…)`: the kept bytes as Fragments, for a callback's answer (no parse, no second write).
    `cache_info`, `cache_clear` and `__wrapped__` (the uncached function) as with lru_cache;
    tests/layouts/test_kept_compact.py compares every such cache with the function it wraps."""
    def decorate(function):
        @lru_cache(maxsize=maxsize)
        def encoded(*args, **kwargs):
            result = function(*args, **kwargs)
            if isinstance(result, tuple):
                return tuple(orjson.dumps(part) for part in result)
            return orjson.dumps(result)

        @wraps(function)
        def cached(*args, **kwargs):
            data = encoded(*args, **kwargs)
            return tuple(map(orjson.loads, data)) if isinstance(data, tuple) else orjson.loads(data)

        def fragment(*args, **kwargs):
            """The same kept JSON bytes as `serving.fast_json.fragment.Fragment`s (a tuple of them for a tuple), for a
            callback to return as they are: its answer splices them in, neither parsed back nor written again."""
            from serving.fast_json.fragment import Fragment

            data = encoded(*args, **kwargs)
            return tuple(map(Fragment, data)) if isinstance(data, tuple) else Fragment(data)

        cached.fragment = fragment
        cached.cache_info = encoded.cache_info
        cached.cache_clear = encoded.cache_clear
        cached.cache_parameters = encoded.cache_parameters
        return cached
    return decorate
