"""The embed page as plain HTML: a title, the chart, one source line. No Dash renderer, React or Bootstrap: a
host page's iframe loads this HTML, a partial plotly.js bundle with only its chart's trace types and ~4 kB of
script (embed/static/; a map's also the view's assets/map-labels.js and chart-watch.js, ~4 kB more, brotli)."""
from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

from data.query import get_store
from embed.charts import Embed, control_widgets
from i18n import t
from layouts.shell import notice_text
from state import to_query

STYLE = """
*,*::before,*::after{box-sizing:border-box}
html,body{margin:0;padding:0;background:#fff;color:#212529;overflow-x:hidden;
 font:14px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
#embed{padding:6px 10px 4px;max-width:100%}
h1{font-size:16px;line-height:1.25;margin:0 0 4px;font-weight:600;overflow-wrap:anywhere}
.controls{display:flex;flex-wrap:wrap;gap:2px 14px;align-items:center;font-size:13px;margin:0 0 2px}
.controls label{display:flex;align-items:center;gap:6px;min-width:0;max-width:100%}
.controls select{font:inherit;max-width:100%;min-width:0}
.controls input[type=range]{width:min(240px,48vw)}
.controls output{min-width:3em;font-variant-numeric:tabular-nums}
.notice{font-size:12px;background:#fff3cd;color:#533f03;padding:2px 6px;margin:0 0 4px}
#embed-chart{width:100%;min-height:180px;position:relative}
.message{padding:24px 0;color:#495057}
.foot{font-size:12px;color:#495057;margin:4px 0 0;overflow-wrap:anywhere}
.foot a{color:#0a58ca}
.foot .disclaimer{display:block;font-size:11px;line-height:1.25;color:#6c757d;margin-top:1px}
.kf{overflow-y:auto;height:100%;margin:0;padding:0;list-style:none;font-size:13px}
.kf li{padding:4px 0;border-bottom:1px solid #dee2e6}
.kf .v{font-weight:600}.kf .n{color:#495057}
img.fallback{max-width:100%;height:auto}
.embed-frame{position:absolute;inset:0;pointer-events:none;user-select:none;background:#fff}
.embed-frame path{vector-effect:non-scaling-stroke}
#embed:has(.embed-frame){display:flex;flex-direction:column;height:100vh}
#embed:has(.embed-frame)>#embed-chart{flex:1 1 auto}
@media (max-width:559.98px){.embed-frame{display:none}.trace.scattergeo text{font-size:10px!important}}
"""
# .embed-frame: the chart's drawn first frame (serving/first_frame.py), shown from the first paint until plotly.js
# has drawn the chart (embed-page.js removes it), in a chart box that takes the frame's height left over by the
# title and source line, as embed-page.js sizes it (a flex column, before any script has run). Below 560 px the
# chart is drawn otherwise (narrowed() in embed-page.js): not shown there; names on a map are written at 10 px
# there (at the figure's 14 px Russian names ran into each other, as in the full view on a phone: app.css).
# Scaled to another box, its lines keep their width, as plotly.js draws them.


# The plotly.js bundles an embed can load (scripts/build_plotly_bundle.sh builds them; embed/__init__.py serves
# them), smallest first, with the trace types each registers (tests/test_assets.py checks these against the files).
# An embed loads the first that has every trace type of its figure: the maps the geo bundle, the x/y charts the
# cartesian one (about a third lighter than the app's), anything else the app's own bundle.
PLOTLY_BUNDLES = {
    "cartesian": frozenset({"scatter", "bar"}),
    "geo": frozenset({"scatter", "choropleth", "scattergeo"}),
    "full": frozenset({"scatter", "bar", "choropleth", "scattergeo", "sankey"}),
}


def trace_types(figure: dict | None) -> set[str]:
    return {trace.get("type") or "scatter" for trace in (figure or {}).get("data", [])}


def plotly_bundle(embed: Embed) -> str | None:
    """The name of the plotly.js bundle this embed loads (a key of PLOTLY_BUNDLES), None without a chart."""
    if embed.chart.figure is None:
        return None
    types = trace_types(embed.chart.figure)
    return next((name for name, known in PLOTLY_BUNDLES.items() if types <= known), "full")


def link(href: str, text: str, **attrs) -> str:
    """Every link of an embed opens a new tab: nothing navigates the host page's iframe away."""
    extra = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f'<a href="{escape(href)}" target="_blank" rel="noopener"{extra}>{escape(text)}</a>'


def query(embed: Embed, *, with_controls: bool) -> str:
    params = [p for p in embed.params if with_controls or p.name != "controls"]
    return to_query(embed.state, params)


def dashboard_url(embed: Embed) -> str:
    return embed.path + query(embed, with_controls=False)


def embed_url(embed: Embed) -> str:
    return "/embed" + embed.path + query(embed, with_controls=True)


def image_url(embed: Embed, ext: str = "png") -> str:
    return f"/image{embed.path}.{ext}" + query(embed, with_controls=False)


def source_html(embed: Embed) -> str:
    store = get_store()
    parts = []
    for source in embed.chart.sources:
        meta = store.source_meta(source, embed.lang)
        parts.append(link(f"/sources?lang={embed.lang}#{source}", f"{meta['publisher']} ({meta['vintage']})")
                     + " · " + escape(meta["licence"]))
    source = (escape(t("embed.source", embed.lang)) + ": " + "; ".join(parts) + " · ") if parts else ""
    disclaimer = (f'<span class="disclaimer">{escape(t("common.map_disclaimer", embed.lang))}</span>'
                  if embed.chart.is_map and embed.chart.figure is not None else "")
    return (source + link(dashboard_url(embed), t("embed.open_in_dashboard", embed.lang), id="open-dashboard")
            + disclaimer)


def notices_html(embed: Embed) -> str:
    if not embed.notices:
        return ""
    items = " ".join(escape(notice_text(n, embed.lang)) for n in embed.notices)
    return f'<p class="notice" role="status">{items}</p>'


def controls_html(embed: Embed) -> str:
    widgets = []
    for control in control_widgets(embed):
        name = f"ctl-{control.param}"
        if control.kind == "range":
            values = [v for v, _ in control.options]
            index = values.index(control.value) if control.value in values else len(values) - 1
            widgets.append(
                f'<label for="{name}">{escape(control.label)}'
                f'<input type="range" id="{name}" data-param="{control.param}" min="0" max="{len(values) - 1}" '
                f'step="1" value="{index}" data-values="{escape(",".join(values))}" '
                f'aria-valuetext="{escape(control.value)}">'
                f'<output for="{name}">{escape(control.value)}</output></label>')
        else:
            options = "".join(f'<option value="{escape(v)}"{" selected" if v == control.value else ""}>'
                              f'{escape(label)}</option>' for v, label in control.options)
            widgets.append(f'<label for="{name}">{escape(control.label)}'
                           f'<select id="{name}" data-param="{control.param}">{options}</select></label>')
    return f'<div class="controls">{"".join(widgets)}</div>' if widgets else ""


def chart_html(embed: Embed) -> str:
    chart = embed.chart
    if chart.message:
        return f'<p class="message">{escape(chart.message)}</p>'
    if chart.rows is not None:
        # elementtiming: bench/bench_embed.py reads when the list is painted (there is no chart to time)
        items = "".join(f'<li elementtiming="embed-list">{escape(label)}<br><span class="v">{escape(value)}</span>'
                        + (f' · <span class="n">{escape(note)}</span>' if note else "") + "</li>"
                        for label, value, note in chart.rows)
        return f'<ul class="kf">{items}</ul>'
    return ""


def parts(embed: Embed) -> dict:
    """What changes when the reader uses a control: everything but the page's frame (also sent as JSON)."""
    chart = embed.chart
    return {
        "title": chart.title,
        "lang": embed.lang,
        "controls": controls_html(embed),
        "notices": notices_html(embed),
        "chart": chart_html(embed),
        "foot": source_html(embed),
        "figure": chart.figure,
        "url": embed_url(embed),
        "plotly": plotly_bundle(embed),  # another bundle than the page loaded: embed-page.js reloads the page
        "aspect": chart.aspect, "minHeight": chart.min_height, "maxHeight": chart.max_height,
    }


def json_for_script(data) -> str:
    """JSON safe inside a <script> element (no '</script>' or '<!--' can close it early)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def geo_assets(embed: Embed) -> list[dict]:
    """What plotly.js would fetch for the chart once it plots: the map's outlines and its base-map stub
    (`{"url": …}` and `{"url": …, "topojson": name}`). The page preloads them and embed-page.js hands them to
    plotly.js (PlotlyGeoAssets) before the first draw, so the map is drawn in one go."""
    from layouts.common import topojson_stub_urls

    figure = embed.chart.figure or {}
    urls = sorted({trace["geojson"] for trace in figure.get("data", [])
                   if isinstance(trace.get("geojson"), str) and trace["geojson"].startswith("/geo/")})
    if not urls:
        return []
    return [{"url": url} for url in urls] + [{"url": url, "topojson": name} for name, url in topojson_stub_urls().items()]


def preloads(embed: Embed) -> str:
    """Map outlines fetched while plotly.js downloads and starts (plotly.js would ask for them, and for its
    base-map stub, only once it plots)."""
    return "".join(f'<link rel="preload" href="{escape(item["url"])}" as="fetch" crossorigin>'
                   for item in geo_assets(embed))


def data_text(embed: Embed, *, seed_geometry: bool = True) -> str:
    """The JSON of the page's embed-data block (what embed-page.js draws from; the key of its drawn first frame)."""
    return json_for_script({**parts(embed), "geo": geo_assets(embed) if seed_geometry else []})


def draws_a_map(embed: Embed) -> bool:
    """Whether the embed's chart is a map (its names are placed by the app's assets/map-labels.js, as in the view)."""
    return bool(trace_types(embed.chart.figure) & {"choropleth", "scattergeo"}) if embed.chart.figure else False


def document(embed: Embed, *, plotly_src: str, script_src: str, seed_geometry: bool = True,
             url: str | None = None, map_srcs: tuple[str, ...] = ()) -> str:
    """The page. `seed_geometry=False` only for bench/bench_embed.py's reference: plotly.js fetches the
    (preloaded) geometry itself, as before embed-page.js handed it over. `url` (path and query as requested): its
    drawn first frame goes into the chart's box when one was drawn from this very page (serving/first_frame.py).
    `map_srcs`: the scripts a map's embed runs after embed-page.js (embed/__init__.py MAP_SCRIPTS)."""
    from serving import first_frame

    p = {**parts(embed), "geo": geo_assets(embed) if seed_geometry else []}
    text = json_for_script(p)
    frame = first_frame.embed_frame_for(url, text) if url and embed.chart.figure is not None else ""
    title = escape(p["title"])
    noscript = (f'<noscript><img class="fallback" src="{escape(image_url(embed))}" alt="{title}"></noscript>'
                if embed.chart.figure is not None else "")
    # plotly.js async and high priority: embed-page.js, small, runs first and starts the geometry's fetches while
    # the bundle downloads, then draws when it has run (its load event)
    scripts = (f'<script src="{escape(plotly_src)}" id="embed-plotly" async fetchpriority="high"></script>'
               if embed.chart.figure is not None else "")
    return (
        f'<!DOCTYPE html><html lang="{escape(embed.lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{title} · {escape(t("common.app_title", embed.lang))}</title>'
        f'<link rel="canonical" href="{escape(dashboard_url(embed))}">'
        f'<link rel="icon" href="data:,">{preloads(embed)}'
        f'<style>{STYLE}</style></head><body>'
        f'<div id="embed" data-view="{escape(embed.view)}">'
        f'<h1 id="embed-title">{title}</h1>'
        f'<div id="embed-controls">{p["controls"]}</div>'
        f'<div id="embed-notices">{p["notices"]}</div>'
        f'<div id="embed-chart" role="figure" aria-label="{title}">{p["chart"]}{frame}</div>{noscript}'
        f'<p class="foot" id="embed-foot">{p["foot"]}</p></div>'
        f'<script type="application/json" id="embed-data">{text}</script>'
        f'{scripts}<script src="{escape(script_src)}"></script>'
        + "".join(f'<script src="{escape(src)}"></script>' for src in map_srcs) + '</body></html>'
    )


def not_found_document(path: str, lang: str) -> str:
    text = escape(t("embed.not_found", lang, path=path[:80]))
    home = link(f"/map?{urlencode({'lang': lang})}", t("embed.open_in_dashboard", lang))
    return (f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(t("common.not_found_title", lang))}</title><style>{STYLE}</style></head><body>'
            f'<div id="embed"><h1>{escape(t("common.not_found_title", lang))}</h1><p>{text}</p>'
            f'<p class="foot">{home}</p></div></body></html>')
