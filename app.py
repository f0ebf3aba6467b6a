"""Central Asia Migration & Remittances Dashboard: the Dash app.

`python app.py` serves it on http://127.0.0.1:8050 (PORT and HOST honoured); `gunicorn app:server` in production.
"""
from __future__ import annotations

import logging
import os
import sys

from flask import abort, request
from markupsafe import escape
from werkzeug.serving import WSGIRequestHandler

import geo

import callbacks
import embed
from embed import downloads, images
import serving
from callbacks.routing import bench_noop_enabled, on_callback_error
from data.validate.errors import DataValidationError
from i18n import DEFAULT_LANG, normalise_lang, t
from layouts import shell
from serving import first_page, page_scripts
from serving.security import VersionlessDash, hide_versions_in_asset_urls


def create_app() -> VersionlessDash:
    from data.query import get_store
    from serving import plotly_params

    plotly_params.install()  # plotly's validator table read per entry asked, not kept whole (~9 MB per process)
    get_store()  # load and validate all curated data once, before serving anything
    hide_versions_in_asset_urls()
    app = VersionlessDash(
        __name__,
        title=t("common.app_title"),
        external_stylesheets=[],  # Bootstrap is vendored in assets/: nothing from a CDN
        serve_locally=True,
        compress=True,
        suppress_callback_exceptions=True,  # pages add their components after start-up
        update_title=None,
        on_error=on_callback_error,
        hooks={"layout_post": first_page.LAYOUT_HOOK},  # the first view from the HTML (serving/first_page.py)
    )
    # The first paint already has a language and a title; each page then sets its own (layouts/shell.py).
    app.index_string = app.index_string.replace("<html>", f'<html lang="{DEFAULT_LANG}">', 1)
    serve_language(app)
    first_page.install(app)  # the page of the URL inside the HTML: no router round trip before the first chart
    page_scripts.install(app)  # without Dash's polyfill and dash_table bundle (serving/page_scripts.py)
    app.layout = shell.root(bench_noop=bench_noop_enabled())
    callbacks.register(app)
    serve_geometry(app.server)
    embed.register(app.server)  # /embed/<view>, /embed.js and the framing rule
    downloads.register(app.server)  # /data/<indicator>.csv, /data/corridors.csv, /data/dataset.zip
    images.register(app.server)  # /image/<view>.png|svg, rendered by kaleido
    with_preview_image(app)
    serving.install(app)  # security headers, checked callback requests, the response cache: after every route
    for landing in ("/", "/map"):  # the landing page's caches filled before the first visitor, not by them
        first_page.page_data(landing, "")
    return app


def with_preview_image(app: VersionlessDash) -> None:
    """Each page's HTML names its static image (og:image) for link previews in chat, mail and social sites."""
    from flask import request

    interpolate = app.interpolate_index

    def interpolate_index(**kwargs):
        html = interpolate(**kwargs)
        meta = images.preview_meta(request.path, request.query_string.decode("utf-8", "replace"), request.host_url)
        return html.replace("</head>", meta + "</head>", 1) if meta else html

    app.interpolate_index = interpolate_index


def serve_language(app: VersionlessDash) -> None:
    """The served HTML names the language of ?lang= (<html lang="ru">) and the app's title in it, before any
    script runs: a screen reader or a search engine reads the page in the right language from the first byte."""
    interpolate = app.interpolate_index

    def interpolate_index(**kwargs):
        lang = normalise_lang(request.args.get("lang"))
        html = interpolate(**kwargs)
        if lang == DEFAULT_LANG:
            return html
        html = html.replace(f'<html lang="{DEFAULT_LANG}">', f'<html lang="{lang}">', 1)
        # Dash writes the title as given (not HTML-escaped): match it that way.
        return html.replace(f"<title>{t('common.app_title')}</title>",
                            f"<title>{escape(t('common.app_title', lang))}</title>", 1)

    app.interpolate_index = interpolate_index


def serve_geometry(server) -> None:
    """The maps' outlines at /geo/<scope>.json: fetched once by the browser (and cached for good under the URL
    with the content hash the figures name), instead of travelling inside every figure. Compressed once
    (serving/static.py)."""
    from serving import static

    def entry(scope: str):
        return static.STORE.get(f"geo:{scope}", lambda: (geo.file_bytes(scope), f"{scope}.geojson"))

    @server.route("/geo/<scope>.json")
    def geometry(scope: str):
        if scope not in geo.SCOPES:
            abort(404)
        return static.respond(entry(scope), versioned=request.args.get("v") == geo.version(scope))

    for scope in geo.SCOPES:  # compressed at start-up, before gunicorn forks its workers
        entry(scope)


def _create_or_exit() -> VersionlessDash:
    try:
        return create_app()
    except DataValidationError as error:
        title = t("common.data_error_title")  # outside the f-string, where extraction sees the key
        print(f"{title}: {error}", file=sys.stderr)
        raise SystemExit(2) from None


app = _create_or_exit()
server = app.server

class QuietRequestHandler(WSGIRequestHandler):
    """The development server without its 'Server: Werkzeug/3.1 Python/3.11.7' header."""

    def version_string(self) -> str:
        return "camr"


if __name__ == "__main__":
    import gc

    from serving.warmup import build_indexes

    logging.basicConfig(level=logging.INFO)
    build_indexes()  # as gunicorn's master does (serving/warmup.py): no first visitor builds them, nor what every
    # country's profile reads
    # As gunicorn's master does before forking (gunicorn.conf.py): what start-up built (data, geometry, precomputed
    # answers) out of the collector's reach, so that a request's full collections do not walk it. Without it a
    # first-time selection here (what bench/ measures) paid pauses that production does not.
    gc.collect()
    gc.freeze()
    from serving import collector

    collector.tune()  # as a gunicorn worker (serving/memory.before_fork)
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")),
            debug=False, dev_tools_disable_version_check=True, request_handler=QuietRequestHandler)
