"""A drawn first frame: the index HTML of a default view carries a static copy of that view as the browser draws it.

The live page needs plotly.js, Dash's renderer and React before the map can be seen (~1 s on loopback); a picture
of it needs none of them. `python -m scripts.draw_first_frames` opens each URL of FRAME_URLS in headless Chromium
at VIEWPORT, waits for the map, and stores the page's rendered DOM made inert (no ids, scripts, handlers or names;
plotly's SVGs scaled to their box; its mode bar dropped) in FRAMES_FILE (brotli), each with the key of what it was
drawn from (`frame_key`). The server (serving/first_page.py) puts a frame into the HTML only when its key equals
the key of what it would serve now for that exact URL: after a data refresh, a change of the page, its CSS or the
bundles, a frame not drawn again is simply not used and the page loads as without it.

An embed's frame (EMBED_URLS: the maps', and the remittances and the Central Asian countries' x/y charts) is its
chart alone, served for any URL of that embed (found by its key: the Share dialog's `?lang=en`, parameters in
another order or spelled out at their defaults), drawn at EMBED_VIEWPORT, in a `<div class="embed-frame"
aria-hidden="true" inert>` inside the chart's box (embed/page.py), removed by embed/static/embed-page.js once
plotly.js has drawn the chart; its wrappers carry no class, so plotly.js never takes them for its own. An x/y
chart's frame is laid out for the box it is shown in as plotly.js lays the chart out (the plot area's margins kept,
what is in it stretched, markers, tick labels and annotations kept at their size at their point), and shown only
where plotly.js draws the same ticks, labels and margins (within a pixel) and every word and marker within 2 px of
the frame's (scripts/first_frames/fit_range.js): the frame's own @container rule, from the box sizes the drawing
script found by drawing the figure at other sizes; elsewhere embed-page.js drops it at once ('size') and the chart
loads as without it.

In the page the frame is a `<div class="camr-frame" aria-hidden="true" inert>` just before the react entry point,
which stays hidden (visibility, so nobody can reach it; laid out over the frame, so plotly.js draws at the right
size) until assets/first-page.js sees the live map drawn and removes the frame (assets/app.css). Shown only where
the view has the layout it was drawn in: Bootstrap's two columns (from MIN_WIDTH, app.css); phones get the page as
before. From WIDE_FROM px (a wall projector, a large monitor) assets/present.js draws the charts' text larger, so a
page's frame is drawn at WIDE_VIEWPORT too and holds both drawings of its charts (the rest of the page is the same
HTML at both widths): the laptop's marked `camr-narrow`, the projector's `camr-wide`, app.css showing one set. A
map's countries are drawn once (their SVG is fitted into the plot area by its viewBox, as plotly.js fits the
projection): only its labels, title and colour bar come twice, and a rule of the frame's own style places the map
in the wide drawing's plot area.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from markupsafe import escape

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
FRAMES_FILE = Path(__file__).with_name("first_frames.json.br")
# The laptop screen the pages' frames are drawn at; app.css shows them from MIN_WIDTH: the two-column layout
# (Bootstrap's lg). From WIDE_FROM px (assets/present.js: WIDE_FROM) the charts' text is larger: their drawing at
# WIDE_VIEWPORT, the delegates' wall projector, is shown there instead.
VIEWPORT = {"width": 1366, "height": 768}
WIDE_VIEWPORT = {"width": 1920, "height": 1080}
MIN_WIDTH, WIDE_FROM = 992, 1600
# An embed's frame: its chart drawn in an iframe of the Share dialog's height (embed/page.py shows it from 560 px
# wide, where the chart is drawn as built).
EMBED_VIEWPORT = {"width": 800, "height": 560}
# The landing page (the site's root and /map) and the maps' embeds (migrant stocks, corridors), in both languages;
# the migrant stocks' also of each earlier year of its slider (layouts/map/params.years(): tests/test_first_frame).
PAGE_URLS = ("/", "/map", "/?lang=ru", "/map?lang=ru")
MAP_YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
MAP_EMBED_URLS = ("/embed/map", "/embed/map?lang=ru", "/embed/corridors", "/embed/corridors?lang=ru",
                  *(f"/embed/map?year={year}{lang}" for year in MAP_YEARS for lang in ("", "&lang=ru")))
# The x/y charts' embeds (remittances, the trend of each Central Asian country that has one: Turkmenistan reports no
# remittances, its embed is a line of text): their frame is fitted to the chart's box as plotly.js lays them out,
# shown only at the box sizes where plotly.js draws the same ticks, labels and margins (scripts/first_frames/).
COUNTRY_EMBEDS = ("KAZ", "KGZ", "TJK", "UZB")
CHART_EMBED_URLS = ("/embed/remittances", "/embed/remittances?lang=ru",
                    *(f"/embed/country/{iso3}{lang}" for iso3 in COUNTRY_EMBEDS for lang in ("", "?lang=ru")))
EMBED_URLS = MAP_EMBED_URLS + CHART_EMBED_URLS
FRAME_URLS = PAGE_URLS + EMBED_URLS
# What a frame looks like besides its inputs: raise when scripts/first_frames/ changes how it draws one.
FORMAT = 4
# Files whose change changes what the browser draws: the styles, the plotly.js bundle and the scripts that fit a
# drawn chart to the screen (an embed's: its style is in embed/page.py, its script decides the chart's size).
DRAWN_WITH = ("assets/app.css", "assets/vendor/bootstrap.min.css", "assets/vendor/plotly-custom.min.js",
              "assets/present.js", "assets/titles.js", "assets/geo-fit.js", "assets/chart-watch.js",
              "assets/map-labels.js")
EMBED_DRAWN_WITH = ("embed/page.py", "embed/static/embed-page.js", "embed/static/vendor/plotly-embed-geo.min.js",
                    "assets/chart-watch.js", "assets/map-labels.js")
PACKAGES = ("dash", "dash-bootstrap-components", "plotly")
CLASS = "camr-frame"
# What assets/first-page.js waits for in the live page before it removes the frame: the map's countries drawn.
LIVE_SELECTOR = ".js-plotly-plot .choroplethlocation"


def split_url(url: str) -> tuple[str, str]:
    path, sep, query = url.partition("?")
    return path, (sep + query if query else "")


def is_embed(url: str) -> bool:
    return url.startswith("/embed/")


def viewport(url: str) -> dict:
    return EMBED_VIEWPORT if is_embed(url) else VIEWPORT


@lru_cache(maxsize=2)
def _assets_digest(embed: bool = False) -> str:
    digest = hashlib.sha256()
    for name in EMBED_DRAWN_WITH if embed else DRAWN_WITH:
        digest.update(name.encode() + b"\0" + hashlib.sha256((ROOT / name).read_bytes()).digest())
    for package in PACKAGES:
        digest.update(f"{package}={version(package)}\0".encode())
    return digest.hexdigest()


# Dash fingerprints an asset's URL with its file's modification time (`?m=1796039888.38`), which differs between
# checkouts of the same commit: left out of the key (the files' contents are in it, _assets_digest).
MTIME = re.compile(r"([?&]m=)\d+(?:\.\d+)?")


def frame_key(page_text: str, *, embed: bool = False) -> str:
    """The key of a frame drawn from the first-page JSON `page_text` (serving/first_page.page_data: the page, its
    figures and the geometry's versioned URLs for that URL; for an embed its embed-data JSON, embed/page.py), the
    styles and scripts, at its viewports, in FORMAT."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"format": FORMAT, "viewport": EMBED_VIEWPORT if embed else [VIEWPORT, WIDE_VIEWPORT],
                              "assets": _assets_digest(embed)}, sort_keys=True).encode())
    digest.update(b"\0" + MTIME.sub(r"\1", page_text).encode("utf-8"))
    return digest.hexdigest()[:32]


def key_for_url(url: str) -> str:
    """The key of what the server would render now for `url` (needs the app: import app first)."""
    if is_embed(url):
        from embed import charts, page

        path, search = split_url(url)
        found = charts.resolve(path[len("/embed"):], search.lstrip("?"))
        return frame_key(page.data_text(found), embed=True)
    from serving.first_page import page_data

    return frame_key(page_data(*split_url(url))[0])


@lru_cache(maxsize=1)
def stored() -> dict[str, dict]:
    """{url: {"key": …, "html": …}} from FRAMES_FILE; {} without one (or an unreadable one: logged)."""
    if not FRAMES_FILE.is_file():
        return {}
    try:
        import brotli

        frames = json.loads(brotli.decompress(FRAMES_FILE.read_bytes()))
        return {url: frame for url, frame in frames.items()
                if isinstance(frame, dict) and isinstance(frame.get("key"), str) and isinstance(frame.get("html"), str)}
    except Exception:  # noqa: BLE001 - a broken file costs the frames, never the page
        log.exception("first frames not readable: %s", FRAMES_FILE)
        return {}


def write(frames: dict[str, dict]) -> int:
    import brotli

    body = brotli.compress(json.dumps(frames, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8"),
                           quality=11)
    FRAMES_FILE.write_bytes(body)
    stored.cache_clear()
    return len(body)


def container(url: str, html: str) -> str:
    """The frame as it goes into the HTML, before the react entry point (see the module's docstring)."""
    return (f'<div class="{CLASS}" aria-hidden="true" inert data-url="{escape(url)}" '
            f'data-live="{escape(LIVE_SELECTOR)}">{html}</div>')


def enabled() -> bool:
    """CAMR_FRAMES=0 serves no frame (scripts/first_frames/ draws the live page with it)."""
    import os

    return os.environ.get("CAMR_FRAMES", "1").strip().lower() not in ("0", "off", "false", "no")


def stored_html(url: str, page_text: str) -> str | None:
    """The frame drawn for this URL from what would be served now (`page_text`), else None. An embed's frame is a
    picture of its embed-data alone (its key's input): any URL of that embed gets it — the Share dialog's
    `?lang=en`, the parameters in another order or spelled out at their defaults."""
    if not enabled():
        return None
    embed = is_embed(url)
    key = frame_key(page_text, embed=embed)
    frame = stored().get(url)
    if frame is not None and frame["key"] == key:
        return frame["html"]
    if embed:
        return next((frame["html"] for drawn, frame in stored().items() if is_embed(drawn) and frame["key"] == key),
                    None)
    return None


def frame_for(pathname: str, search: str, page_text: str) -> str:
    """The page's frame in its container (see the module's docstring), or ""."""
    html = stored_html(pathname + search, page_text)
    return "" if html is None else container(pathname + search, html)


def embed_frame_for(url: str, data_text: str) -> str:
    """An embed's frame, inside its chart's box (embed/page.py, embed/static/embed-page.js), or ""."""
    html = stored_html(url, data_text)
    return "" if html is None else (f'<div class="embed-frame" aria-hidden="true" inert data-url="{escape(url)}">'
                                    f'{html}</div>')
