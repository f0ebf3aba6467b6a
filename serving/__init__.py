"""What the app needs to be served to the public: security headers, checked callback requests, the shared cache.

`install(app)` is called once by app.create_app(), after every callback has been registered."""
from __future__ import annotations

from serving import cache, requests, security


def install(app) -> None:
    security.install(app)
    requests.install(app, response_cache=cache.ResponseCache(app.server))
