"""Behind a reverse proxy: the public address of the site from the proxy's X-Forwarded-* headers.

Absolute URLs the server writes itself (each page's og:image, the static image's "open in the dashboard" line) use
the request's scheme and host. Behind nginx or Caddy those are the proxy's view of gunicorn (http, 127.0.0.1:8050)
unless the proxy's X-Forwarded-Proto / -Host / -Port are trusted. `CAMR_PROXY_HOPS=n` trusts the last `n`
proxies' headers (werkzeug's ProxyFix); unset or 0 trusts none, so a client cannot forge the host when the app is
reached directly. The app is served at the root of its host (Dash's routes are absolute), so X-Forwarded-Prefix
is not used.
"""
from __future__ import annotations

import os

from werkzeug.middleware.proxy_fix import ProxyFix

ENV = "CAMR_PROXY_HOPS"
MAX_HOPS = 10


class ProxyHopsError(SystemExit):
    """A bad CAMR_PROXY_HOPS: one sentence on stderr and a non-zero exit, never a traceback."""


def hops(environ=os.environ) -> int:
    raw = (environ.get(ENV) or "").strip()
    if not raw:
        return 0
    if not raw.isdigit() or int(raw) > MAX_HOPS:
        raise ProxyHopsError(f"{ENV} must be the number of reverse proxies in front of the app (0 to {MAX_HOPS}), "
                             f"not {raw[:20]!r}.")
    return int(raw)


def install(server, environ=os.environ) -> bool:
    """Wrap the Flask server's WSGI app in ProxyFix when CAMR_PROXY_HOPS ≥ 1; True when it did."""
    n = hops(environ)
    if not n:
        return False
    server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)
    return True
