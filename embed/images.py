"""A static image of any view by URL: `/image/<view>.png?…` or `.svg` (map, remittances, corridors, country/<ISO3>),
the embed's chart with its title, source · licence line and permalink drawn on it, rendered on the server by
kaleido with Debian's Chromium. For newsletters, e-mail and social previews (each page's og:image) and the
<noscript> fallback of embeds.

Cached per canonical query (bad parameters fall back to defaults like on the pages, so `year=abc` and no year
share one image). One Chromium is kept warm per process (kaleido's sync server: ~1.5 s for the first image,
then ~0.2 s). Without Chromium the route answers 503 with a sentence saying so, never a 500.
"""
from __future__ import annotations

import copy
import functools
import logging
import os
import shutil
import threading
from collections import OrderedDict
from pathlib import Path

from flask import Response, request

from embed import charts, page
from i18n import DEFAULT_LANG, LANGUAGES, t

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630  # the size social previews expect
TOPOJSON = (Path(__file__).resolve().parents[1] / "assets" / "topojson").as_uri() + "/"
CHROMIUM_ENV = "CAMR_CHROMIUM"  # where Chromium is (default: /usr/bin/chromium, else on PATH)
CACHE_SIZE = 256
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


class ChromiumMissing(RuntimeError):
    pass


def chromium_path() -> str | None:
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.isfile(candidate):
            return candidate
    return shutil.which("chromium") or shutil.which("google-chrome")


_lock = threading.Lock()
_started = False
_cache: OrderedDict[str, bytes] = OrderedDict()


def _render(figure: dict, fmt: str) -> bytes:
    global _started
    import kaleido

    browser = chromium_path()
    if browser is None:
        raise ChromiumMissing()
    with _lock:  # one warm browser per process, one image at a time
        if not _started:
            os.environ["BROWSER_PATH"] = browser  # choreographer (kaleido's browser driver) reads it
            # mathjax=False: kaleido would otherwise load MathJax from a CDN (the app never leaves the host).
            kaleido.start_sync_server(n=1, mathjax=False, timeout=60, silence_warnings=True)
            _started = True
        return kaleido.calc_fig_sync(figure, opts={"format": fmt, "width": WIDTH, "height": HEIGHT},
                                     topojson=TOPOJSON)


TABLE_ROWS = 9  # what fits 1200×630 with the title and the source lines


def _table(embed: charts.Embed) -> dict:
    """The key figures (a list in the embed) as a table image: the first rows, and how many more there are."""
    rows = embed.chart.rows or []
    shown = rows[:TABLE_ROWS]
    more = len(rows) - len(shown)
    labels = [label for label, _, _ in shown] + ([t("embed.image_more_rows", embed.lang, n=more)] if more else [])
    values = [value for _, value, _ in shown] + ([""] if more else [])
    notes = [note for _, _, note in shown] + ([""] if more else [])
    return {"data": [{"type": "table", "columnwidth": [5, 2, 3],
                      "header": {"values": ["", t("key_figures.col_strategy", embed.lang),
                                            t("key_figures.col_latest", embed.lang)],
                                 "align": "left", "font": {"size": 13}, "fill": {"color": "#f1f3f5"}},
                      "cells": {"values": [labels, values, notes], "align": "left", "font": {"size": 12},
                                "height": 40}}],
            "layout": {"margin": {"l": 12, "r": 12, "b": 0}}}


def _inline_geometry(figure: dict) -> dict:
    """The browser fetches map outlines from /geo/<scope>.json; kaleido's page has no server: put them inline."""
    import geo

    figure = copy.deepcopy(figure)
    for trace in figure.get("data", []):
        source = trace.get("geojson")
        if isinstance(source, str) and source.startswith("/geo/"):
            scope = source.split("/")[2].split(".")[0]
            trace["geojson"] = geo.geojson(scope)
    return figure


def cited_figure(embed: charts.Embed, base_url: str) -> dict:
    """The chart with its title on top and the source line and permalink under it, at 1200×630."""
    from data.query import get_store

    figure = _inline_geometry(embed.chart.figure) if embed.chart.figure is not None else _table(embed)
    layout = figure.setdefault("layout", {})
    store = get_store()
    sources = "; ".join(f"{m['publisher']}, {m['title']} ({m['vintage']}) · {m['licence']}"
                        for m in (store.source_meta(s, embed.lang) for s in embed.chart.sources))
    lines = [f"{t('embed.source', embed.lang)}: {sources}" if sources else "", base_url + page.dashboard_url(embed)]
    if embed.chart.is_map and embed.chart.figure is not None:  # a map on its own carries the UN's disclaimer
        lines.append(t("common.map_disclaimer", embed.lang))
    text = "<br>".join(_wrap(line, 170) for line in lines if line)
    n_lines = text.count("<br>") + 1
    margin = dict(layout.get("margin") or {})
    margin["t"] = 56
    margin["b"] = (margin.get("b") or 0) + 16 * n_lines + 14
    margin.setdefault("l", 40)
    layout.update(margin=margin, width=WIDTH, height=HEIGHT, paper_bgcolor="white",
                  title=dict(text=embed.chart.title, x=0.01, xanchor="left", font=dict(size=20)))
    layout["annotations"] = list(layout.get("annotations") or []) + [dict(
        text=text, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", align="left",
        xshift=-margin["l"] + 12, yshift=-(margin["b"] - 16 * n_lines - 14) - 8, showarrow=False,
        font=dict(size=12, color="#444"))]
    return figure


def _wrap(line: str, width: int) -> str:
    out, current = [], ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    return "<br>".join(out)


def image(embed: charts.Embed, fmt: str, base_url: str) -> bytes:
    key = f"{base_url}{page.image_url(embed, fmt)}"
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    body = _render(cited_figure(embed, base_url), fmt)
    with _lock:
        _cache[key] = body
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return body


def _message(status: int, title: str, text: str, lang: str) -> Response:
    from html import escape

    body = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
            f"<body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>")
    return Response(body, status, mimetype="text/html")


def register(server) -> None:
    @server.route("/image/<path:subpath>")
    def static_image(subpath: str):
        lang = request.args.get("lang", DEFAULT_LANG)
        lang = lang if lang in LANGUAGES else DEFAULT_LANG
        stem, _, fmt = subpath.rpartition(".")
        if fmt not in FORMATS:
            return _message(404, t("common.not_found_title", lang), t("embed.image_none", lang), lang)
        found = charts.resolve("/" + stem, request.query_string.decode("utf-8", "replace"))
        if found is None or (found.chart.figure is None and not found.chart.rows):
            return _message(404, t("common.not_found_title", lang), t("embed.image_none", lang), lang)
        base = request.host_url.rstrip("/")
        try:
            body = image(found, fmt, base)
        except ChromiumMissing:
            response = _message(503, t("embed.image_unavailable_title", found.lang),
                                t("embed.image_unavailable", found.lang, url=base + page.dashboard_url(found)),
                                found.lang)
            response.headers["Retry-After"] = "3600"
            return response
        except Exception:  # a browser that crashed or timed out: say so, don't show a traceback
            log.exception("static image failed")
            return _message(503, t("embed.image_unavailable_title", found.lang),
                            t("embed.image_unavailable", found.lang, url=base + page.dashboard_url(found)),
                            found.lang)
        response = Response(body, mimetype=FORMATS[fmt])
        response.cache_control.public = True
        response.cache_control.max_age = 24 * 3600
        return response


def shutdown() -> None:
    """Close the warm browser (tests; a process exiting closes it anyway)."""
    global _started
    with _lock:
        if _started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _started = False
        _cache.clear()


def preview_meta(path: str, query: str, host_url: str) -> str:
    """<meta> tags naming a page's static image (og:image, twitter:card) for link previews; '' for pages
    without a chart (sources, the country index)."""
    from html import escape

    found = _preview(path, query)
    if found is None:
        return ""
    title, image_path = found
    url = escape(host_url.rstrip("/") + image_path)
    title = escape(title)
    return (f'<meta property="og:title" content="{title}"><meta property="og:image" content="{url}">'
            f'<meta property="og:image:width" content="{WIDTH}"><meta property="og:image:height" content="{HEIGHT}">'
            f'<meta name="twitter:card" content="summary_large_image"><meta name="twitter:image" content="{url}">')


@functools.lru_cache(maxsize=1024)
def _preview(path: str, query: str) -> tuple[str, str] | None:
    """(chart title, image path) of a page's link preview, kept per path and query: finding them builds the view's
    chart (7–60 ms warm, up to 1 s cold), which every load of the page's HTML paid again."""
    try:
        found = charts.resolve("/map" if path.rstrip("/") == "" else path, query)
    except Exception:  # a preview is a nicety: never let it break the page
        log.exception("preview image for %s", path)
        return None
    if found is None or (found.chart.figure is None and not found.chart.rows):
        return None
    return found.chart.title, page.image_url(found)
