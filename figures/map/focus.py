"""A focus country's map patch written at once: a year or indicator change in focus mode, the one map answer that
start-up leaves to its first visitor (bench/bench_map.py's "year change in focus mode").

`focus_patch_written(…)` gives the bytes `patch_map_sent(geojson, map_frame(…))` writes for a focus country in the
extent, from what is made once: the partners' places on the scale and counts written (map_parts.PartnerList, in the
master), each extent's countries written into their hover pairs per language (`_extent_pieces`, the ~230 of the
world's "No data" pairs among them), the patch's operations written once with holes for their values (`_patches`).
Per answer only the partners are put into their places (a few dozen) and the year's title and hover line written:
no MapFrame of an extent's lists, no operations' dicts, nothing walked. tests/figures/map/test_focus.py compares the
bytes with patch_map_sent's for every focus country and year of both directions, both extents, both languages.
"""
from __future__ import annotations

from functools import cache, lru_cache

import orjson

from figures.common import source_label, wrap_hover_line
from figures.map import parts as map_parts
from figures.map.figure import _focus_geojson
from figures.map.frame import MapFrame, _places
from figures.map.indicators import BILATERAL_SOURCE, EMIGRANT_KEYS, FOCUS_HOVER_KEYS, FOCUS_TITLE_KEYS
from figures.map.patch import _patch_operations
from figures.map.scale import NO_DATA_SHARE, _ticks
from i18n import t
from serving.fast_json.written import Template, written

HOVER_HEAD = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
HOVER_TAIL = "<extra></extra>"


def focus_patch_written(store, indicator_key: str, year: int, scope: str, scope_ids: tuple[str, ...], focus: str,
                        lang: str, geojson, *, focus_changed: bool) -> bytes | None:
    """`patch_map_sent(geojson, map_frame(store, indicator_key, year, scope_ids, focus, lang), focus_changed=…).raw`
    for `focus` in the extent `scope` (its countries `scope_ids`), its unsafe characters not yet swapped (a Fragment's
    bytes, which the answer's writing swaps: serving/fast_json); None when the extent lists a country twice (the
    frame's own path then)."""
    places, prefixes, pairs, no_data_text = _extent(store, scope, scope_ids, lang)
    if places is None or focus not in places:
        return None
    emigrants = indicator_key in EMIGRANT_KEYS
    found = map_parts.partner_list(store, emigrants, focus, year)
    low, high = min(found.low, found.high - 1), found.high
    no_data = round(low - (high - low) * NO_DATA_SHARE / (1 - NO_DATA_SHARE), 4)
    z = [no_data] * len(scope_ids)
    pairs = list(pairs)
    has_values = False
    dumps = orjson.dumps
    # figures/map/frame._partner_cells, each partner's hover pair written in its place
    for place, cell, text in map_parts.placed_partners(found, places, lang):
        if cell is not None:
            z[place] = cell
            has_values = True
        if text is not None:
            pairs[place] = prefixes[place] + dumps(text) + b"]"
    direction = "emigrants" if emigrants else "immigrants"
    name = store.country_name(focus, lang)
    tickvals, ticktext = _ticks(low, high, True, "persons", lang)
    title = t(FOCUS_TITLE_KEYS[direction], lang, country=name, year=year)
    if not has_values:
        title = t("map.title_no_data", lang, title=title)
    parts = [dumps(z), b"[" + b",".join(pairs) + b"]", dumps(_hovertemplate(store, focus, direction, year, lang)),
             dumps(no_data), dumps(high), dumps([no_data + (low - no_data) / 2, *tickvals]),
             dumps([no_data_text, *ticktext]), dumps(t("map.unit_persons", lang)), dumps(has_values)]
    if focus_changed:
        parts += [written(_focus_geojson(geojson, focus)), dumps([focus]), b"[1]"]
    parts.append(dumps(title))
    return _patches(focus_changed).fill(*parts)


YEAR_HOLE = "\x01\x02\x03\x04"  # a year's four digits in a hover line wrapped once (no space: wrapped as a year is)


def _hovertemplate(store, focus: str, direction: str, year: int, lang: str) -> str:
    """The focus map's hovertemplate: its lines (figures/map/frame._frame's), the first with the year."""
    written_year = str(year)
    if len(written_year) != len(YEAR_HOLE):
        return HOVER_HEAD + _hover_line(store, focus, direction, written_year, lang) + "<br>" + \
            _source_line(store, lang) + HOVER_TAIL
    return _hover_lines(store, focus, direction, lang).replace(YEAR_HOLE, written_year)


def _hover_line(store, focus: str, direction: str, year, lang: str) -> str:
    return wrap_hover_line(t(FOCUS_HOVER_KEYS[direction], lang, country=store.country_name(focus, lang), year=year))


@lru_cache(maxsize=1024)  # every country both ways in both languages, made in the master (layouts/map/indexes.py)
def _hover_lines(store, focus: str, direction: str, lang: str) -> str:
    """The hovertemplate of a focus country in every year, the year a hole: its first line wrapped once (textwrap,
    ~30–50 µs a line; a four-digit year wraps as the hole's four characters do) rather than per year."""
    return HOVER_HEAD + _hover_line(store, focus, direction, YEAR_HOLE, lang) + "<br>" + _source_line(store, lang) + \
        HOVER_TAIL


def build(store, scopes: dict[str, tuple[str, ...]], countries, langs) -> None:
    """What a focus answer puts together, made before the first visitor (in gunicorn's master): each extent's pieces
    and every country's hover lines, both ways, in each language (~1,000 lines, ~0.2 MB)."""
    for lang in langs:
        for scope, ids in scopes.items():
            _extent(store, scope, ids, lang)
        for focus in countries:
            for direction in FOCUS_HOVER_KEYS:
                _hover_lines(store, focus, direction, lang)


@cache
def _source_line(store, lang: str) -> str:
    """The focus hover's last line: the bilateral data's source, wrapped (the same for every focus and year)."""
    return wrap_hover_line(t("map.hover_source", lang, source=source_label(store, BILATERAL_SOURCE, lang)))


_EXTENTS: dict[tuple, tuple] = {}  # (store, scope, language) → (countries, what `_extent` gives)


def _extent(store, scope: str, scope_ids: tuple[str, ...], lang: str):
    """An extent's places (figures/map/frame._places) and, per country, its hover pair written up to its value
    (`["Name",`) and written whole with "No data" (what a country that is no partner shows); and the "No data" text.
    Kept per extent and language (four, ~25 kB), looked up by the extent's name: not by its countries, whose tuple
    each lookup would hash (69 or 238 names), unless other countries are given under that name."""
    key = (store, scope, lang)
    found = _EXTENTS.get(key)
    if found is not None and found[0] is scope_ids:
        return found[1]
    no_data_text = t("common.no_data", lang)
    tail = orjson.dumps(no_data_text) + b"]"
    prefixes = tuple(b"[" + orjson.dumps(name) + b"," for name in map_parts.hover_names(store, scope_ids, lang))
    made = (_places(scope_ids), prefixes, tuple(prefix + tail for prefix in prefixes), no_data_text)
    if len(_EXTENTS) < 16:
        _EXTENTS[key] = (scope_ids, made)
    return made


HOLES = ("z", "customdata", "hovertemplate", "zmin", "zmax", "tickvals", "ticktext", "colorbar_title", "showscale",
         "focus_geojson", "focus_locations", "focus_z", "title")


@cache
def _patches(focus_changed: bool) -> Template:
    """The focus patch's operations (figures/map/patch._patch_operations, in their order) written with a hole for each
    value."""
    holes = {name: f"\0map-patch-{name}" for name in HOLES}
    frame = MapFrame(locations=[], z=holes["z"], customdata=holes["customdata"], hovertemplate=holes["hovertemplate"],
                     zmin=holes["zmin"], zmax=holes["zmax"], tickvals=holes["tickvals"], ticktext=holes["ticktext"],
                     colorbar_title=holes["colorbar_title"], focus="\0", title=holes["title"],
                     has_values=holes["showscale"])
    operations = _patch_operations(None, frame, False)
    if focus_changed:
        operations[-1:-1] = [(["data", 1, "geojson"], holes["focus_geojson"]),
                             (["data", 1, "locations"], holes["focus_locations"]),
                             (["data", 1, "z"], holes["focus_z"])]
    used = [holes[name] for name in HOLES if focus_changed or not name.startswith("focus_")]
    return Template({"__dash_patch_update": "__dash_patch_update", "operations": [
        {"operation": "Assign", "location": location, "params": {"value": value}} for location, value in operations]},
        tuple(used))
