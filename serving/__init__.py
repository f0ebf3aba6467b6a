"""What the app needs to be served to the public: security headers, checked callback requests, the shared cache,
the public address behind a reverse proxy, the answers built at start-up, pages built once per URL (pages.py),
static files compressed once and cached by version (static.py).

`install(app)` is called once by app.create_app(), after every callback has been registered."""
from __future__ import annotations

from serving import cache, compression, fast_json, pages, precompute, proxy, requests, security, static


def install(app) -> None:
    fast_json.install()  # callback answers encoded without plotly's generic walk, byte for byte the same
    proxy.install(app.server)  # CAMR_PROXY_HOPS: the public host and scheme from the reverse proxy's headers
    security.install(app)
    compression.install(app.server)  # cheap levels for responses compressed per request (serving/compression.py)
    precomputed = precompute.Precomputed()
    requests.install(app, response_cache=cache.ResponseCache(app.server), precomputed=precomputed)
    precompute.install(app, precomputed)  # after the route is wired: built through it (CAMR_PRECOMPUTE=0: not)
    app.server.extensions["camr_precomputed"] = precomputed
    pages.install(app)  # index HTML, layout, dependencies and embeds: built once per URL, sent compressed, ETag/304
    static.install(app)  # last: it renders the index page once to learn the versioned URLs of its files
