"""Two of Dash's scripts the pages do without: less to fetch and run before the first map (issue #14).

- `@babel/polyfill` 7.12 (core-js 2 and regenerator-runtime, 32 KB compressed, ~30-60 ms of main thread to
  evaluate): Dash puts it first on every page for old browsers; every browser Dash 4 supports has what core-js 2
  adds. The one part the bundles still use is the global `regeneratorRuntime` (dcc's and dash-bootstrap-
  components' lazy-loading wrappers call `regeneratorRuntime.mark/wrap` when a lazy component first renders):
  `assets/vendor/regenerator-runtime.js` (npm regenerator-runtime 0.14.1, MIT, verbatim) defines it, before the
  renderer and dcc.
- dash_table's bundle: Dash always lists it, the app has no DataTable (tests/test_page_scripts.py checks both
  that no page holds a dash_table component and that nothing else is dropped).

And one it loads differently: the app's plotly.js bundle (assets/vendor/plotly-custom.min.js, 1.5 MB to compile)
is `defer`red, so the renderer's scripts after it run, and the renderer draws the page, while it still downloads
and compiles; until it has run, window.Plotly is a placeholder dcc.Graph waits on (assets/first-page.js,
scripts/plotly-bundle/entry.js). It still runs before DOMContentLoaded.
"""
from __future__ import annotations

import re

DROPPED = ("/dash/deps/polyfill@", "/dash/dash_table/")
_TAG = re.compile(r'<script src="[^"]*(?:' + "|".join(re.escape(part) for part in DROPPED) + r')[^"]*"></script>\n?')


DEFERRED = "/assets/vendor/plotly-custom"
_DEFER = re.compile(r'(<script src="[^"]*' + re.escape(DEFERRED) + r'[^"]*")>')


def install(app) -> None:
    generate = app._generate_scripts_html  # noqa: SLF001 - Dash's one place that lists the page's scripts

    def scripts_html() -> str:
        return _DEFER.sub(r"\1 defer>", _TAG.sub("", generate()))

    scripts_html.unfiltered = generate  # for tests: what Dash alone would list
    app._generate_scripts_html = scripts_html  # noqa: SLF001
