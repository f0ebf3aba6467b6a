"""What the app needs to be served to the public: security headers, checked callback requests, the shared cache,
the public address behind a reverse proxy, the answers built at start-up, pages built once per URL (pages.py),
static files compressed once and cached by version (static.py).

`install(app)` is called once by app.create_app(), after every callback has been registered."""
from __future__ import annotations

from serving import cache, compression, fast_path, pages, precompute, proxy, requests, security, static
from serving.fast_json import answer as fast_json_answer


def install(app) -> None:
    proxy.hops()  # a bad CAMR_PROXY_HOPS stops the start at once, before the answers are built
    fast_json_answer.install()  # callback answers encoded without plotly's generic walk, byte for byte the same
    security.install(app)
    compression.install(app.server)  # cheap levels for responses compressed per request (serving/compression.py)
    precomputed = precompute.Precomputed()
    response_cache = cache.ResponseCache(app.server)
    response_cache.selectors = precompute.selectors(app)  # an answer's entry named by what it depends on
    requests.install(app, response_cache=response_cache, precomputed=precomputed)
    precompute.install(app, precomputed)  # after the route is wired: built through it (CAMR_PRECOMPUTE=0: not)
    app.server.extensions["camr_precomputed"] = precomputed
    app.server.extensions["camr_response_cache"] = response_cache  # serving/bake/ writes through it
    stored_pages = pages.install(app)  # index HTML, layout, dependencies, embeds: built once per URL, ETag/304
    static.install(app)  # it renders the index page once to learn the versioned URLs of its files
    # stored answers and pages sent before Flask's dispatch, exactly as Flask would send them (CAMR_FAST_PATH=0: not)
    fast_path.install(app, response_cache=response_cache, precomputed=precomputed, pages=stored_pages)
    proxy.install(app.server)  # outermost: CAMR_PROXY_HOPS, the public host and scheme from the proxy's headers
