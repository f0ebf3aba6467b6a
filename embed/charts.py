"""What an embed shows: for each view, its one chart (or, for the key figures, one compact list), its title, its
sources and the controls a host page may hand to the reader. Pure: no Flask, no HTML.

The charts come from the views' own builders (layouts/*, figures/*), so an embed always shows what the full view
shows for the same URL state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from data.query import get_store
from i18n import N_, format_value, t
from layouts import pages
from state import LANG, Notice, Param, parse_query

# The views an embed can show (the keys of layouts/pages.views()) and what each lets the reader change.
# Each control is one of the view's own URL parameters, so a change is kept in the URL like on the full page.
CONTROLS = {
    "map": ("year", "indicator", "scope", "lang"),
    "remittances": ("measure", "scale", "lang"),
    "corridors": ("year", "sex", "lang"),
    "countries": ("trend", "lang"),
    "key_figures": ("lang",),
}

FULL_PATHS = {"map": "/map", "remittances": "/remittances", "corridors": "/corridors", "key_figures": "/key-figures"}


@dataclass
class Control:
    param: str
    label: str
    kind: str  # "range" (a slider over `options`) or "select"
    options: list[tuple[str, str]]  # (value, label)
    value: str


@dataclass
class Chart:
    title: str
    sources: list[str]  # source ids, in display order
    figure: dict | None = None  # a plain plotly figure without its own title (the page shows it)
    rows: list[tuple[str, str, str]] | None = None  # instead of a figure: (label, value, note) lines
    aspect: float = 0.56  # height / width the chart would like (the page fits it into the frame)
    min_height: int = 220
    max_height: int = 560
    filename: str = "chart"
    message: str | None = None  # instead of a chart: why there is none (unknown country, no data)
    is_map: bool = False  # a map: the page and the image carry the UN map disclaimer (common.map_disclaimer)


@dataclass
class Embed:
    view: str  # a key of CONTROLS
    path: str  # the full view's path ("/map", "/country/UZB")
    state: dict
    params: list[Param]
    notices: list[Notice]
    controls: tuple[str, ...]
    chart: Chart
    extra: dict = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.state["lang"]


def _strip_markup(text: str) -> str:
    """A plotly title ('Title<br><sub>subtitle</sub>') as one line of plain text."""
    return re.sub(r"<[^>]+>", " ", text or "").replace("  ", " ").strip()


def _untitled(figure: dict) -> tuple[dict, str]:
    """The figure without its title (the embed shows it as one line of HTML), and the title's text."""
    layout = dict(figure.get("layout") or {})
    title = layout.pop("title", None) or {}
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    margin = dict(layout.get("margin") or {})
    margin["t"] = 8
    subtitle = ((title.get("subtitle") or {}).get("text", "") if isinstance(title, dict) else "")
    if subtitle:  # e.g. 'Not reported: Turkmenistan': a note the chart must keep, in small type above the plot
        margin["t"] = 26
        layout["annotations"] = [*(layout.get("annotations") or []), dict(
            text=subtitle, xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom", yshift=6,
            showarrow=False, align="left", font=dict(size=12, color="#555"))]
    layout["margin"] = margin
    layout.pop("height", None)  # the embed page sizes the chart to the frame
    layout["autosize"] = True
    return {**figure, "layout": layout}, _strip_markup(text)


def _country_trend_param() -> Param:
    from figures.country.trends import TRENDS
    from layouts import common
    from layouts.country.keys import TREND_KEYS
    from state import choice

    return Param("trend", TRENDS[0][0], choice([key for key, _ in TRENDS]),
                 describe_default=common.describe(TREND_KEYS))


def controls_param(view: str) -> Param:
    from layouts import common
    from state import choice

    allowed = [c for c in CONTROLS[view]]
    return Param("controls", (), choice(allowed), multi=True, describe_default=common.describe(N_("embed.controls_none")))


def resolve(path: str, search: str | None) -> Embed | None:
    """The embed of `path` (without '/embed') and query, or None when the path names no embeddable view."""
    view, path_args = pages.match(path)
    if view is None or view.key not in CONTROLS or (view.key == "countries" and not path_args.get("iso3")):
        return None
    extra_params = [_country_trend_param()] if view.key == "countries" else []
    params = [LANG, *view.params(), *extra_params, controls_param(view.key)]
    state, notices = parse_query(search, params)
    lang = state["lang"]
    builders = {"map": _map, "remittances": _remittances, "corridors": _corridors, "countries": _country,
                "key_figures": _key_figures}
    chart = builders[view.key](state, lang, **path_args)
    full_path = FULL_PATHS.get(view.key) or f"/country/{path_args['iso3'].strip().upper()[:24]}"
    return Embed(view.key, full_path, state, params, notices, tuple(state["controls"]), chart)


# --- one builder per view ----------------------------------------------------------------------------------------
def _map(state: dict, lang: str, **_) -> Chart:
    from figures.map.indicators import INDICATORS
    from layouts.map.figure import figure_for

    store = get_store()
    figure, title = _untitled(figure_for(state, lang))
    sources = list(store.values_for_map(INDICATORS[state["indicator"]], state["year"])["source"].unique())
    if state["focus"]:
        sources.append("undesa_ims_2024")
    return Chart(title, sources + ["natural_earth_v4"], figure, aspect=0.6 if state["scope"] == "region" else 0.5,
                 min_height=200, max_height=600, filename=f"migrant-stock-{state['indicator']}-{state['year']}",
                 is_map=True)


def _remittances(state: dict, lang: str, **_) -> Chart:
    from layouts.remittances.trend import trend_figures, trend_lines

    trend, _outflow, _economy = trend_figures(state, lang)
    figure, title = _untitled(trend)
    sources = trend_lines(state).used_sources()
    return Chart(title, sources, figure, aspect=0.55, min_height=240, max_height=520,
                 filename=f"remittances-{state['measure']}")


def _corridors(state: dict, lang: str, **_) -> Chart:
    import geo
    from figures.corridors import map as fig
    from layouts import common
    from layouts.corridors.flows import GEOMETRY_SOURCE, flows_view
    from layouts.corridors.params import selection_from

    flows = flows_view(selection_from(state), lang)
    frame = flows.frame
    figure = common.serialised(fig.build_flow_map(geo.layer(frame.scope), frame, common.geometry_url(frame.scope)))
    figure, title = _untitled(figure)
    return Chart(title, [flows.selection.source, GEOMETRY_SOURCE], figure, aspect=0.6, min_height=200,
                 max_height=600, filename=f"corridors-{flows.selection.year}", is_map=True)


def _country(state: dict, lang: str, iso3: str = "", **_) -> Chart:
    from figures.country.series import is_not_reported, shown_series
    from figures.country.trends import TRENDS, trend_figure
    from figures.common import source_label
    from layouts import common
    from layouts.country.keys import TREND_KEYS
    from layouts.country.links import resolve

    store = get_store()
    code = resolve(iso3)
    if code is None:
        return Chart(t("country.not_found_title", lang) if _has("country.not_found_title") else "—", [],
                     message=t("embed.no_such_country", lang, code=(iso3 or "")[:24]))
    indicator = dict(TRENDS)[state["trend"]]
    name = store.country_name(code, lang)
    title = t("embed.country_trend_title", lang, country=name, chart=t(TREND_KEYS[state["trend"]], lang))
    series = shown_series(store, indicator, code)
    if series.empty:
        return Chart(title, [], message=t("common.not_reported", lang) if is_not_reported(store, indicator, code)
                     else t("country.trend_no_data", lang))
    unit = store.indicator_meta(indicator)["unit"]
    names = {source: source_label(store, source, lang) for source in series["source"].unique()}
    figure = common.serialised(trend_figure(series, unit=unit, name=t(TREND_KEYS[state["trend"]], lang),
                                                  lang=lang, source_names=names))
    figure, _ = _untitled(figure)
    return Chart(title, list(dict.fromkeys(series["source"])), figure, aspect=0.5, min_height=200, max_height=420,
                 filename=f"{code}-{state['trend']}")


def _key_figures(state: dict, lang: str, **_) -> Chart:
    from figures.key_figures import comparison_rows, statement
    from layouts import key_figures as view

    store = get_store()
    rows = comparison_rows(store, state["topic"] or None)
    lines = []
    sources = [view.STRATEGY_SOURCE]
    for row in rows:
        label = f"{view.area_name(store, row.area, lang)}: {statement(store, row.figure_id, lang)}"
        strategy = view.strategy_value(row, lang) + (f" ({row.year})" if row.year else "")
        note = ""
        if row.latest is not None:
            note = t("embed.key_figure_latest", lang, value=format_value(row.latest.value, row.measure_unit, lang),
                     year=row.latest.year)
            sources.append(row.latest.source)
        lines.append((label, strategy, note))
    return Chart(t("key_figures.heading", lang), list(dict.fromkeys(sources)), rows=lines, aspect=0.6,
                 filename="key-figures")


def _has(key: str) -> bool:
    from i18n import has_key

    return has_key(key)


# --- controls ----------------------------------------------------------------------------------------------------
def control_widgets(embed: Embed) -> list[Control]:
    """The controls the URL asked for, in the order of CONTROLS, as plain descriptions the page draws."""
    lang, state = embed.lang, embed.state
    out = []
    for name in CONTROLS[embed.view]:
        if name not in embed.controls:
            continue
        if name == "lang":
            from i18n import LANGUAGES
            from layouts.shell import LANGUAGE_NAMES

            out.append(Control("lang", t("embed.language", lang), "select",
                               [(code, LANGUAGE_NAMES.get(code, code)) for code in LANGUAGES], lang))
            continue
        param = next(p for p in embed.params if p.name == name)
        out.append(_control(embed.view, param, state, lang))
    return out


def _control(view: str, param: Param, state: dict, lang: str) -> Control:
    value = state[param.name]
    if view == "map":
        from figures.map.indicators import INDICATOR_KEYS, INDICATORS
        from layouts.map.keys import SCOPE_KEYS
        from layouts.map.params import years

        if param.name == "year":
            return Control("year", t("map.year_label", lang), "range",
                           [(str(y), str(y)) for y in years()], str(value))
        if param.name == "indicator":
            return Control("indicator", t("map.indicator_label", lang), "select",
                           [(k, t(INDICATOR_KEYS[k], lang)) for k in INDICATORS], value)
        return Control("scope", t("map.scope_label", lang), "select",
                       [(k, t(key, lang)) for k, key in SCOPE_KEYS.items()], value)
    if view == "remittances":
        from layouts.remittances.keys import MEASURE_KEYS, SCALE_KEYS

        if param.name == "measure":
            return Control("measure", t("embed.measure", lang), "select",
                           [(k, t(key, lang)) for k, key in MEASURE_KEYS.items()], value)
        return Control("scale", t("embed.scale", lang), "select",
                       [(k, t(key, lang)) for k, key in SCALE_KEYS.items()], value)
    if view == "corridors":
        from figures.corridors import selection as fig
        from layouts.corridors.keys import SEX_OPTION_KEYS

        if param.name == "year":
            years = fig.stock_years(get_store(), state["source"])
            return Control("year", t("embed.year", lang), "range", [(str(y), str(y)) for y in years], str(value))
        return Control("sex", t("embed.sex", lang), "select",
                       [(k, t(SEX_OPTION_KEYS[k], lang)) for k in fig.SEXES], value)
    from figures.country.trends import TRENDS
    from layouts.country.keys import TREND_KEYS

    return Control("trend", t("embed.chart", lang), "select",
                   [(k, t(TREND_KEYS[k], lang)) for k, _ in TRENDS], value)
