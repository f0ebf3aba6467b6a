"""Migrant-stock map: pure builders from curated values to a plotly choropleth.

The figure has four traces over the project's own geometry:
  0. every country of the map's extent, coloured by value; countries without data get a value just below the
     scale, drawn grey and labelled "No data" on the colour bar (so no-data never looks like zero);
  1. the focus country's outline (empty when there is no focus);
  2. the five Central Asian countries outlined (the story of the dashboard, whatever the colours say);
  3. their names, and Russia's, on the map itself, at label points computed from the geometry (geo/labels.json).
Changing year, indicator or focus changes only arrays of these traces, so callbacks send a small `Patch`;
the geometry is sent once, with the page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

import geo
from figures import map_parts
from figures.common import (add_provenance, coverage_pct, published_total, separators, source_label,
                            wrap_hover_line)
from figures.plain import PLAIN, drawn_template
from i18n import N_, format_compact, format_value, t
from serving.fast_json.fragment import Fragment
from serving.fast_json.written import written

# Colour-blind-safe sequential scale (ColorBrewer YlGnBu), and the grey for "no data".
SEQUENTIAL = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"]
NO_DATA_COLOUR = "#c8c8c8"
FOCUS_OUTLINE = "#d7301f"
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
REGION_OUTLINE = "#1a1a1a"
# Named on the map: the five and their main destination (Kazakhstan is both). On the world map the small ones would
# collide (Kyrgyzstan and Tajikistan are a few pixels apart): there the outline alone marks them.
NAMED = {"region": (*CENTRAL_ASIA, "RUS"), "world": ("KAZ", "RUS")}
# Where a name sits relative to its point, checked by eye at 800 (embed), 1366 and 1920 px, English and Russian:
# Uzbekistan's and Kyrgyzstan's points are ~90 px apart on the region map and Turkmenistan is just south-west: the
# names move apart; Tajikistan's starts at its point, or at 800 px it runs into Turkmenistan's.
LABEL_ANCHORS = {"UZB": "top center", "KGZ": "middle right", "TKM": "bottom center", "TJK": "bottom right"}
# Where a name's point is moved from geo.build's (degrees of longitude, latitude). Uzbekistan's point (the centre of
# the widest circle inside it) is where the country is narrower than its name: at 1366 and 1920 px «Узбекистан»
# began over Turkmenistan and ended over Kazakhstan (on Uzbekistan's focus map, grey, over a dark Turkmenistan: read
# as Turkmenistan's name); 2.8° west and 0.7° north it lies in the wide north-west, all but a letter over Uzbekistan.
LABEL_SHIFTS = {"UZB": (-2.8, 0.7)}
LABEL_SIZE = 14
# A white halo: names stay readable over every colour of the scale (text-shadow, as in CSS).
LABEL_HALO = "0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff, 0 0 1px #fff"
NO_DATA_SHARE = 0.06  # the bottom slice of the colour bar that means "no data"
CLAMP_PERCENTILE = 97

# The map's indicators, as named in the URL.
INDICATORS = {
    "immigrants": "SM.POP.TOTL",
    "immigrants_pct": "SM.POP.TOTL.ZS",
    "emigrants": "CAMR.EMIG.TOTL",
    "emigrants_pct": "CAMR.EMIG.TOTL.ZS",
}
EMIGRANT_KEYS = ("emigrants", "emigrants_pct")
# Keys chosen at run time, written out so that extraction sees them (i18n/README.md).
INDICATOR_KEYS = {"immigrants": N_("map.indicator_immigrants"), "immigrants_pct": N_("map.indicator_immigrants_pct"),
                  "emigrants": N_("map.indicator_emigrants"), "emigrants_pct": N_("map.indicator_emigrants_pct")}
FOCUS_HOVER_KEYS = {"emigrants": N_("map.focus_hover_emigrants"), "immigrants": N_("map.focus_hover_immigrants")}
FOCUS_TITLE_KEYS = {"emigrants": N_("map.focus_title_emigrants"), "immigrants": N_("map.focus_title_immigrants")}
BILATERAL_SOURCE = "undesa_ims_2024"

# Frames: centre and extent of each map scope.
SCOPES = {
    # Rotated onto Central Asia so that Russia, Turkey and China all fit without the distortion of a world frame.
    "region": dict(projection_type="azimuthal equal area", projection_rotation=dict(lon=72, lat=50),
                   lonaxis_range=[28, 118], lataxis_range=[24, 72]),
    "world": dict(projection_type="natural earth"),
}


@dataclass(frozen=True)
class MapFrame:
    """Everything of the figure that changes with a selection (and nothing of the geometry)."""

    locations: list[str]
    z: list[float]
    customdata: list[list[str]]
    hovertemplate: str
    zmin: float
    zmax: float
    tickvals: list[float]
    ticktext: list[str]
    colorbar_title: str
    focus: str | None
    title: str
    has_values: bool = True  # False: every country is "No data", so no colour bar (its ticks would be invented)
    separators: str = ".,"  # the language's decimal and thousands marks (figures.common.separators)


def is_log_scale(unit: str) -> bool:
    """Counts span five orders of magnitude (Russia's millions next to Mongolia's thousands): colour them by log."""
    return unit == "persons"


def _to_scale(values: np.ndarray, log: bool) -> np.ndarray:
    if not log:
        return values
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log10(np.where(values > 0, values, np.nan))


@cache
def _value_range(store, indicator: str, scope_ids: tuple[str, ...], log: bool) -> tuple[float, float]:
    """Colour range over all years, so that a colour means the same value in every year of the animation."""
    series = store.series(indicator, iso3s=list(scope_ids))
    values = _to_scale(series["value"].to_numpy(dtype=float), log)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return 0.0, 1.0
    low, high = float(values.min()), float(values.max())
    if not log:
        low = min(0.0, low)
        # A few outliers (Monaco's or Palestine's emigrants, the Gulf's immigrants) would wash every other country
        # into the lowest colour: the scale ends at the 97th percentile and its top colour means "this or more".
        high = float(np.percentile(values, CLAMP_PERCENTILE))
    return low, (high if high > low else low + 1)


def _ticks(low: float, high: float, log: bool, unit: str, lang: str) -> tuple[list[float], list[str]]:
    if log:
        vals, texts = _log_ticks(math.ceil(low), math.floor(high), lang)
        return list(vals), list(texts)
    step = _nice_step((high - low) / 5)
    vals = list(np.arange(math.ceil(low / step) * step, high + step / 2, step))
    return [float(v) for v in vals], [format_value(float(v), unit, lang) for v in vals]


@lru_cache(maxsize=128)
def _log_ticks(first: int, last: int, lang: str) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """A log scale's ticks, one per power of ten from `first` to `last` (few: kept written)."""
    vals = tuple(float(k) for k in range(first, last + 1))
    return vals, tuple(format_compact(10 ** v, lang) for v in vals)


def _nice_step(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def colorscale() -> list[list]:
    """Grey for the no-data slice at the bottom, then the sequential scale."""
    scale = [[0.0, NO_DATA_COLOUR], [NO_DATA_SHARE, NO_DATA_COLOUR]]
    steps = len(SEQUENTIAL) - 1
    for i, colour in enumerate(SEQUENTIAL):
        scale.append([NO_DATA_SHARE + (1 - NO_DATA_SHARE) * i / steps, colour])
    scale[2][0] = NO_DATA_SHARE + 1e-9  # a hard edge between "no data" and the lowest value
    return scale


@lru_cache(maxsize=64)  # the play button revisits a loop of years; ~35 kB each (sizes: serving/memory.py)
def map_frame(store, indicator_key: str, year: int, scope_ids: tuple[str, ...], focus: str | None,
              lang: str) -> MapFrame:
    """Values for every country of the extent: the indicator, or in focus mode the focus country's partners.
    Put together from figures/map_parts.py's indexes (no pandas, no Babel per country): equal to
    `figures.map_reference.map_frame_reference`, the same built through pandas."""
    if focus:
        return _focus_frame(store, indicator_key, year, scope_ids, focus, lang)
    indicator = INDICATORS[indicator_key]
    unit = store.indicator_meta(indicator, lang)["unit"]
    log = is_log_scale(unit)
    values, sources = map_parts.indicator_values(store, indicator, year)
    low, high = _value_range(store, indicator, scope_ids, log)
    title = t(INDICATOR_KEYS[indicator_key], lang)
    return _frame(store, scope_ids, values, map_parts.indicator_texts(store, indicator, year, lang), low, high, log,
                  unit, lang,
                  hover_lines=[t("map.hover_year", lang, year=year),
                               t("map.hover_source", lang, source="; ".join(source_label(store, s, lang) for s in sources))],
                  colorbar_title=t("map.unit_persons", lang) if unit == "persons" else t("map.unit_percent", lang),
                  focus=None, title=t("map.title", lang, indicator=title, year=year))


@lru_cache(maxsize=256)  # asked by the map and by its panel; callers must not change the result
def partner_values(store, indicator_key: str, year: int, focus: str) -> pd.Series:
    """Bilateral stock: where the focus country's emigrants live, or where its immigrants come from (partner iso3 →
    persons, largest first). Looked up in the sums of every country and year, computed once (`_partner_index`)."""
    emigrants = indicator_key in EMIGRANT_KEYS
    place = _partner_slices(store, emigrants).get((focus, year))
    if place is None:  # no partner that year: the query's own (empty) answer
        return _partner_values_of(store, indicator_key, year, focus)
    # The rows `index.loc[(focus, year)]` finds, by position: a MultiIndex lookup was a tenth of a focus answer.
    rows = _partner_index(store, emigrants).iloc[place[0]:place[1]]
    found = pd.Series(rows.to_numpy(), index=rows.index.get_level_values(2), name=rows.name)
    return found.rename_axis("iso3").sort_values(ascending=False)


@cache
def _partner_slices(store, emigrants: bool) -> dict[tuple[str, int], tuple[int, int]]:
    """Where each (focus country, year)'s partners are in `_partner_index` (sorted by both: one run of rows each;
    ~2,000 pairs)."""
    index = _partner_index(store, emigrants).index
    places: dict[tuple[str, int], list[int]] = {}
    for position, key in enumerate(zip(index.get_level_values(0).tolist(), index.get_level_values(1).tolist())):
        found = places.get(key)
        if found is None:
            places[key] = [position, position + 1]
        else:
            found[1] = position + 1
    return {key: (start, stop) for key, (start, stop) in places.items()}


@cache
def _partner_index(store, emigrants: bool) -> pd.Series:
    """The bilateral stock summed per (focus country, year, partner): each focus selection's partners, for all of
    them at once. Rows in the order the query returns them, so each sum adds the same values in the same order."""
    rows = store.corridors("stock_total", source=BILATERAL_SOURCE)
    rows = rows[rows["origin"] != rows["destination"]]
    focus, partner = ("origin", "destination") if emigrants else ("destination", "origin")
    return rows.groupby([focus, "year", partner])["value"].sum()


def _partner_values_of(store, indicator_key: str, year: int, focus: str) -> pd.Series:
    """What `partner_values` returns, from a query of the one focus country and year (the reference tests compare
    the lookup to)."""
    if indicator_key in EMIGRANT_KEYS:
        rows = store.corridors("stock_total", origins=[focus], year=year, source=BILATERAL_SOURCE)
        partners = rows.rename(columns={"destination": "iso3"})
    else:
        rows = store.corridors("stock_total", destinations=[focus], year=year, source=BILATERAL_SOURCE)
        partners = rows.rename(columns={"origin": "iso3"})
    partners = partners[partners["iso3"] != focus]
    return partners.groupby("iso3")["value"].sum().sort_values(ascending=False)


@dataclass(frozen=True)
class Partners:
    """The focus country's bilateral partners and the published total they are shares of."""

    values: pd.Series  # partner iso3 → persons, largest first
    total: float | None  # all emigrants (or immigrants) of the focus country that year, same source; None: unknown

    def shares(self) -> pd.Series:
        """Each partner's % of the published total (NaN when the total is unknown). Not a share of the partners
        listed: the bilateral data holds only some corridors of most countries (e.g. 9% of the United States')."""
        if not self.total:
            return self.values * np.nan
        return 100 * self.values / self.total

    def covered(self) -> float | None:
        """% of the published total that the partners held here account for."""
        return coverage_pct(self.values.sum(), self.total)


def partners(store, indicator_key: str, year: int, focus: str) -> Partners:
    direction = "emigrants" if indicator_key in EMIGRANT_KEYS else "immigrants"
    return Partners(partner_values(store, indicator_key, year, focus),
                    published_total(store, direction, focus, year, BILATERAL_SOURCE))


def _focus_frame(store, indicator_key, year, scope_ids, focus, lang) -> MapFrame:
    found = map_parts.partner_list(store, indicator_key in EMIGRANT_KEYS, focus, year)
    low, high = found.low, found.high  # log10 of the extreme positive values (map_parts._scale_of)
    name = store.country_name(focus, lang)
    direction = "emigrants" if indicator_key in EMIGRANT_KEYS else "immigrants"
    return _frame(store, scope_ids, found.by_code, None, min(low, high - 1), high, True, "persons", lang,
                  hover_lines=[t(FOCUS_HOVER_KEYS[direction], lang, country=name, year=year),
                               t("map.hover_source", lang, source=source_label(store, BILATERAL_SOURCE, lang))],
                  colorbar_title=t("map.unit_persons", lang), focus=focus,
                  title=t(FOCUS_TITLE_KEYS[direction], lang, country=name, year=year), partners=found)


def _frame(store, scope_ids, values: dict, texts: dict | None, low, high, log, unit, lang, *, hover_lines,
           colorbar_title, focus, title, partners: map_parts.PartnerList | None = None) -> MapFrame:
    """`values`: iso3 → value; `texts`: iso3 → the value as written in `lang` (format_value), None: counts of
    persons, written here (a focus country's partners: kept per language they took ~5 MB for ~0.07 ms; their
    places on the scale and digits are kept, `partners`, and put in the extent here)."""
    no_data = round(low - (high - low) * NO_DATA_SHARE / (1 - NO_DATA_SHARE), 4)
    no_data_text = t("common.no_data", lang)
    places = _places(scope_ids)
    if texts is None and log and places is not None and partners is not None and partners.high == high:
        z, shown, has_values = _partner_cells(places, len(scope_ids), partners, no_data, no_data_text, lang)
        tickvals, ticktext = _ticks(low, high, log, unit, lang)
    else:
        raw = np.array([values.get(iso3, map_parts.NAN) for iso3 in scope_ids], dtype=float)
        scaled = _to_scale(raw, log)
        z = [round(v, 4) for v in np.where(np.isfinite(scaled), np.minimum(scaled, high), no_data).tolist()]
        finite = np.isfinite(raw).tolist()
        if texts is None:
            shown = [map_parts.persons_text(value, lang) if ok else no_data_text
                     for value, ok in zip(raw.tolist(), finite)]
        else:
            shown = [texts[iso3] if ok else no_data_text for iso3, ok in zip(scope_ids, finite)]
        tickvals, ticktext = _ticks(low, high, log, unit, lang)
        if not log and np.nanmax(np.append(scaled, -np.inf)) > high:  # the top colour also stands for higher values
            kept = [(v, text) for v, text in zip(tickvals, ticktext) if v < high - (high - low) * 0.08]  # no overlap
            tickvals = [v for v, _ in kept] + [high]
            ticktext = [text for _, text in kept] + [t("map.or_more", lang, value=format_value(high, unit, lang))]
        has_values = bool(np.isfinite(scaled).any())
    return MapFrame(
        locations=list(scope_ids),
        z=z,
        # long names, too, in lines that fit
        customdata=[[name, text] for name, text in zip(map_parts.hover_names(store, scope_ids, lang), shown)],
        hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
                       + "<br>".join(wrap_hover_line(line) for line in hover_lines) + "<extra></extra>"),
        zmin=no_data, zmax=high,
        tickvals=[no_data + (low - no_data) / 2, *tickvals],
        ticktext=[t("common.no_data", lang), *ticktext],
        colorbar_title=colorbar_title, focus=focus, has_values=has_values,
        separators=separators(lang),
        title=title if has_values else t("map.title_no_data", lang, title=title),
    )


@cache
def _places(scope_ids: tuple[str, ...]) -> dict[str, int] | None:
    """Each country's place in an extent (None: a country listed twice, which the partners' path cannot place)."""
    places = {code: place for place, code in enumerate(scope_ids)}
    return places if len(places) == len(scope_ids) else None


def _partner_cells(places: dict[str, int], size: int, partners: map_parts.PartnerList, no_data: float,
                   no_data_text: str, lang: str) -> tuple[list, list, bool]:
    """z, hover texts and whether any has a value, of a focus country's partners in an extent: each partner in the
    extent put in its place with its cell and digits made once (map_parts.PartnerList), the others "no data" as they
    are. What the extent-wide arrays give (the same numpy log10 of each value, the same rounding; `round(no_data, 4)`
    is `no_data`), with work for the few dozen partners instead of each of the extent's 69 or 238 countries, and
    none of it numpy's or Babel's per answer."""
    z, shown = [no_data] * size, [no_data_text] * size
    has_values = False
    for place, cell, text in map_parts.placed_partners(partners, places, lang):
        if cell is not None:
            z[place] = cell
            has_values = True
        if text is not None:
            shown[place] = text
    return z, shown, has_values


def _focus_geojson(geojson: geo.Layer | dict, focus: str | None) -> dict:
    return {"type": "FeatureCollection", "features": geo.features_of(geojson, focus) if focus else []}


@dataclass(frozen=True)
class MapLabel:
    """A country's name on the map, at the point geo.build computed for it."""

    iso3: str
    text: str
    lon: float
    lat: float


def region_traces(geojson: dict, labels: list[MapLabel], geometry_url: str | None = None, kit=go) -> list:
    """Central Asia outlined, and the names of `labels` written on the map (neither answers the mouse)."""
    outline = kit.Choropleth(
        geojson=geometry_url or geo.whole(geojson), featureidkey="id", locations=list(CENTRAL_ASIA), z=[1] * len(CENTRAL_ASIA),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverinfo="skip",
        marker=dict(line=dict(color=REGION_OUTLINE, width=1.6)), name="central-asia",
    )
    shifts = [LABEL_SHIFTS.get(label.iso3, (0.0, 0.0)) for label in labels]
    names = kit.Scattergeo(
        lon=[round(label.lon + dlon, 2) for label, (dlon, _) in zip(labels, shifts)],
        lat=[round(label.lat + dlat, 2) for label, (_, dlat) in zip(labels, shifts)], text=[label.text for label in labels],
        customdata=[label.iso3 for label in labels], mode="text", hoverinfo="skip", showlegend=False,
        textposition=[LABEL_ANCHORS.get(label.iso3, "middle center") for label in labels],
        textfont=dict(size=LABEL_SIZE, color="#111", weight="bold", shadow=LABEL_HALO), name="names",
    )
    return [outline, names]


# Each scope's frame as the nested dicts `update_geos(**SCOPES[scope])` makes of its magic underscores.
SCOPE_GEOS = {
    "region": dict(projection=dict(type="azimuthal equal area", rotation=dict(lon=72, lat=50)),
                   lonaxis=dict(range=[28, 118]), lataxis=dict(range=[24, 72])),
    "world": dict(projection=dict(type="natural earth")),
}


def build_map_figure(geojson: dict, frame: MapFrame, scope: str, geometry_url: str | None = None,
                     labels: list[MapLabel] | None = None) -> dict:
    """The whole figure. With `geometry_url` the browser fetches the outlines from there (once, cached);
    without, they travel inside the figure. No height: the figure fills its graph, which grows with the screen
    (MAP_HEIGHT in layouts/map/figure.py), so a projector shows a large map rather than a laptop-sized one.
    `labels`: the names written on the map (see `NAMED`). A plain figure dict (figures/plain.py), equal to
    `build_map_figure_reference(...)` as plotly serialises it: a new extent or a focus on a new country is not
    validated again. Its template is plotly's default cut to the traces it draws (figures/plain.drawn_template)."""
    traces = _map_traces(PLAIN, geojson, frame, geometry_url, labels)
    return drawn_template(PLAIN.Figure(traces, dict(
        geo=dict(visible=False, showframe=False, showcoastlines=False, showland=False, showocean=False,
                 showcountries=False, showlakes=False, bgcolor="rgba(0,0,0,0)", **SCOPE_GEOS[scope]),
        title=dict(text=frame.title, x=0.01, font=dict(size=16)), margin=dict(l=0, r=0, t=40, b=0), dragmode=False,
        paper_bgcolor="white", uirevision=scope, separators=frame.separators)))


def build_map_figure_reference(geojson: dict, frame: MapFrame, scope: str, geometry_url: str | None = None,
                               labels: list[MapLabel] | None = None) -> go.Figure:
    """`build_map_figure` through go.Figure and its update calls, as it was: the tests' reference."""
    figure = go.Figure(_map_traces(go, geojson, frame, geometry_url, labels))
    figure.update_geos(visible=False, showframe=False, showcoastlines=False, showland=False, showocean=False,
                       showcountries=False, showlakes=False, bgcolor="rgba(0,0,0,0)", **SCOPES[scope])
    figure.update_layout(title=dict(text=frame.title, x=0.01, font=dict(size=16)), margin=dict(l=0, r=0, t=40, b=0),
                         dragmode=False, paper_bgcolor="white", uirevision=scope, separators=frame.separators)
    return figure


# The colour bar against the chart's right edge (container), not beside the plot (paper, plotly's default): the
# same place, but plotly.js redraws a paper-placed bar from a stale plot width when the chart is resized (a phone's
# map fitted to its geography, assets/geo-fit.js; a window made narrower): ~28 px to the right, past the chart's
# edge, cutting the Russian "Нет данных" to "Нет данн".
COLORBAR_PLACE = dict(xref="container", x=1, xanchor="right")


def _map_traces(kit, geojson: dict, frame: MapFrame, geometry_url: str | None, labels: list[MapLabel] | None) -> list:
    values = kit.Choropleth(
        geojson=geometry_url or geo.whole(geojson), featureidkey="id", locations=frame.locations, z=frame.z,
        zmin=frame.zmin, zmax=frame.zmax, colorscale=colorscale(), customdata=frame.customdata,
        hovertemplate=frame.hovertemplate, marker=dict(line=dict(color="white", width=0.6)),
        showscale=frame.has_values, colorbar=dict(title=dict(text=frame.colorbar_title), tickvals=frame.tickvals, ticktext=frame.ticktext,
                      thickness=14, len=0.75, **COLORBAR_PLACE),
        name="values",
    )
    focus = kit.Choropleth(
        geojson=_focus_geojson(geojson, frame.focus), featureidkey="id",
        locations=[frame.focus] if frame.focus else [], z=[1] if frame.focus else [],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverinfo="skip",
        marker=dict(line=dict(color=FOCUS_OUTLINE, width=3)), name="focus",
    )
    return [values, focus, *region_traces(geojson, labels or [], geometry_url, kit)]


def patch_map_figure(geojson: dict, frame: MapFrame, *, focus_changed: bool = True) -> Patch:
    """Only what a new selection changes: values, hover texts, colour bar, title, and the focus outline when the
    focus changed (a year step in focus mode keeps the outline already drawn)."""
    patch = Patch()
    for location, value in _patch_operations(geojson, frame, focus_changed):
        target = patch
        for step in location[:-1]:
            target = target[step]
        target[location[-1]] = value
    return patch


def patch_map_sent(geojson: dict, frame: MapFrame, *, focus_changed: bool = True) -> Fragment:
    """`patch_map_figure(…)` as Dash writes it (serving/fast_json/fragment.Fragment): its operations written at once,
    without the Patch's objects (tests/figures/test_map.py compares them)."""
    return Fragment(written({"__dash_patch_update": "__dash_patch_update", "operations": [
        {"operation": "Assign", "location": location, "params": {"value": value}}
        for location, value in _patch_operations(geojson, frame, focus_changed)]}))


def _patch_operations(geojson: dict, frame: MapFrame, focus_changed: bool) -> list[tuple[list, object]]:
    """(where, what) of each value the patch assigns, in order."""
    values = ["data", 0]
    operations = [
        ([*values, "z"], frame.z),
        ([*values, "customdata"], frame.customdata),
        ([*values, "hovertemplate"], frame.hovertemplate),
        ([*values, "zmin"], frame.zmin),
        ([*values, "zmax"], frame.zmax),
        ([*values, "colorbar", "tickvals"], frame.tickvals),
        ([*values, "colorbar", "ticktext"], frame.ticktext),
        ([*values, "colorbar", "title", "text"], frame.colorbar_title),
        ([*values, "showscale"], frame.has_values),
    ]
    if focus_changed:
        operations += [
            (["data", 1, "geojson"], _focus_geojson(geojson, frame.focus)),
            (["data", 1, "locations"], [frame.focus] if frame.focus else []),
            (["data", 1, "z"], [1] if frame.focus else []),
        ]
    operations.append((["layout", "title", "text"], frame.title))
    return operations


def map_table(store, indicator_key: str, year: int, scope_ids: tuple[str, ...], focus: str | None,
              lang: str = "en") -> pd.DataFrame:
    """What the map shows, as a tidy table with its sources (the CSV download): the indicator for every country
    of the extent that has a value, or in focus mode the focus country's bilateral partners. Column names are
    stable machine names; names and labels inside are in `lang`."""
    if focus:
        partners = partner_values(store, indicator_key, year, focus)
        emigrants = indicator_key in EMIGRANT_KEYS
        table = pd.DataFrame({
            "origin": focus if emigrants else partners.index, "destination": partners.index if emigrants else focus,
            "year": year, "measure": "stock_total", "value": partners.to_numpy(), "unit": "persons",
            "source": BILATERAL_SOURCE})
        for side in ("origin", "destination"):
            table.insert(table.columns.get_loc(side) + 1, f"{side}_name",
                         [store.country_name(code, lang) for code in table[side]])
    else:
        indicator = INDICATORS[indicator_key]
        meta = store.indicator_meta(indicator, lang)
        values = store.values_for_map(indicator, year)
        values = values[values["iso3"].isin(scope_ids)].sort_values("iso3")
        table = pd.DataFrame({"iso3": values["iso3"], "country": [store.country_name(c, lang) for c in values["iso3"]],
                              "year": year, "indicator": indicator, "indicator_name": meta["name"],
                              "value": values["value"], "unit": meta["unit"], "source": values["source"]})
    return add_provenance(store, table.reset_index(drop=True), lang=lang)
