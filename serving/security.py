"""Security headers on every response, no version numbers in what the app serves, dev routes off.

A small after_request rather than flask-talisman: the one rule that varies (who may frame a page) depends on the
path, `/embed/*` against everything else, while Dash serves every page from one catch-all view, and talisman's
per-view options cannot tell them apart. Talisman would also redirect to HTTPS, which is the reverse proxy's job.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import partial

import dash
from dash import Dash
from flask import abort, request

EMBED_PREFIX = "/embed/"
MAX_BODY_BYTES = 1024 * 1024  # the largest callback request of the app is a few KB

# Every feature the dashboard does not use, off for the page and anything it frames.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking", "browsing-topics"))

# Dash's own routes that only serve its development tools (hot reload).
DEV_ENDPOINT_SUFFIXES = ("_reload-hash",)

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def csp(script_hashes: list[str], *, embed: bool) -> str:
    """The Content-Security-Policy: everything from this host only; scripts only from files or the inline scripts
    whose hashes are listed (Dash's renderer and clientside callbacks), never 'unsafe-inline' or eval. Styles
    allow inline: plotly.js and React set style attributes on the elements they draw."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],  # plotly's image export and the modebar icons
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],  # the share dialog previews an embed of our own
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["*"] if embed else ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def inline_script_hashes(html: str) -> list[str]:
    """sha256 sources of the executable inline scripts of a page (JSON data blocks and comments excluded)."""
    hashes = []
    for attributes, body in _INLINE_SCRIPT.findall(_HTML_COMMENT.sub("", html)):
        if "application/json" in attributes:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


class _Policies:
    """The two header sets, built on the first request: by then every clientside callback is registered."""

    def __init__(self, app: Dash):
        self.app = app
        self._headers: dict[bool, dict[str, str]] | None = None

    def headers(self, embed: bool) -> dict[str, str]:
        if self._headers is None:
            with self.app.server.test_request_context("/"):
                page = self.app.index()
            hashes = list(dict.fromkeys([*self.app.csp_hashes(), *inline_script_hashes(page)]))
            common = {
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "strict-origin-when-cross-origin",
                "Permissions-Policy": PERMISSIONS_POLICY,
                "Cross-Origin-Opener-Policy": "same-origin",
            }
            self._headers = {
                True: {**common, "Content-Security-Policy": csp(hashes, embed=True)},
                False: {**common, "Content-Security-Policy": csp(hashes, embed=False), "X-Frame-Options": "SAMEORIGIN"},
            }
        return self._headers[embed]


def is_embed(path: str) -> bool:
    return path.startswith(EMBED_PREFIX)


def install(app: Dash) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    policies = _Policies(app)
    server.extensions["camr_security"] = policies  # serving/fast_path.py sets the same headers

    @server.after_request
    def security_headers(response):
        for name, value in policies.headers(is_embed(request.path)).items():
            response.headers.setdefault(name, value)
        return response

    for rule in list(server.url_map.iter_rules()):
        if rule.rule.endswith(DEV_ENDPOINT_SUFFIXES) and not app._dev_tools.hot_reload:  # noqa: SLF001
            server.view_functions[rule.endpoint] = partial(abort, 404)


# -- no version numbers ------------------------------------------------------------------------------------------

_VERSION_KEYS = ("dash_version", "python_version", "dash_version_url", "plotly_version", "ddk_version")


class VersionlessDash(Dash):
    """Dash without the versions of Python, Dash and plotly in its pages: the config block of every page carries
    them for the development tools' update check (never shown here), and the favicon's URL Dash's version."""

    def _config(self):
        config = super()._config()
        for key in _VERSION_KEYS:
            config.pop(key, None)
        # Dash's signed token of this page load binds background callbacks' jobs to it; the app has none, and a fresh
        # random token in every page built made each page's bytes, and its ETag, differ between workers and
        # restarts: a browser revalidating got the whole page again (the renderer sends it only for such jobs).
        if not any(spec.get("background") or spec.get("long") for spec in self.callback_map.values()):
            config.pop("end_id", None)
        return config

    def index(self, *args, **kwargs):
        return super().index(*args, **kwargs).replace(f"_favicon.ico?v={dash.__version__}", "_favicon.ico")


def _opaque_fingerprint(build):
    """Dash's cache-busting file names carry the package version (`react@18.v4_4_1m1795986991.min.js`): the same
    names with a digest of version and time instead (still unique per release, still cached for a year)."""

    def fingerprint(path, version, hash_value):
        digest = hashlib.sha256(f"{version}:{hash_value}".encode()).hexdigest()[:10]
        return build(path, digest, hash_value)

    return fingerprint


def hide_versions_in_asset_urls() -> None:
    import dash.dash as dash_module

    if not getattr(dash_module.build_fingerprint, "_opaque", False):
        dash_module.build_fingerprint = _opaque_fingerprint(dash_module.build_fingerprint)
        dash_module.build_fingerprint._opaque = True  # noqa: SLF001
