"""plotly's validator parameters read for the entries asked, not all kept.

plotly builds a property's validator from `plotly/validators/_validators.json` (~10,000 entries, 3 MB of JSON) and
loads the whole file into a class attribute on the first validator it needs: ~9 MB of dicts and strings that
gunicorn's master held and every worker counted in its resident memory, for the 4 validators the app needs (a
`go.Figure()`'s data, frames, layout and template: the views' figures are plain dicts, figures/plain.py). Here the
file is parsed again for each entry not asked before, and only the entries asked for are kept, each one object
for good as plotly expects (it writes `plotly_name` into the params it is given). A process that builds many
validated figures (tests, the benches' references) keeps the whole table after `KEEP_ALL_AFTER` entries, as
plotly itself would. `install()` is called before the app builds its first figure (app.py)."""
from __future__ import annotations

import os
import threading

import orjson

KEEP_ALL_AFTER = 32
_MISSING = object()


def path() -> str:
    import plotly.validator_cache

    return os.path.join(os.path.dirname(plotly.validator_cache.__file__), "validators", "_validators.json")


class ValidatorParams:
    """What plotly's `ValidatorCache._json_cache` answers (`get`), from the file, keeping what was asked."""

    def __init__(self, file: str, keep_all_after: int = KEEP_ALL_AFTER):
        self.file = file
        self.keep_all_after = keep_all_after
        self.found: dict[str, object] = {}
        self.everything: dict | None = None
        self._lock = threading.Lock()

    def _table(self) -> dict:
        with open(self.file, "rb") as handle:
            return orjson.loads(handle.read())

    def get(self, key: str, default=None):
        if self.everything is not None:
            return self.everything.get(key, default)
        with self._lock:  # one object per entry, whichever thread asks first
            if key not in self.found:
                table = self._table()
                if len(self.found) >= self.keep_all_after:
                    # plotly's own behaviour from here on, the objects already handed out kept
                    table.update({k: v for k, v in self.found.items() if v is not _MISSING})
                    self.everything = table
                    return table.get(key, default)
                self.found[key] = table.get(key, _MISSING)
            found = self.found[key]
        return default if found is _MISSING else found

    def __getitem__(self, key: str):
        found = self.get(key, KeyError)
        if found is KeyError:
            raise KeyError(key)
        return found


def install() -> bool:
    """Put ValidatorParams where plotly looks its validator parameters up, unless plotly has loaded its table
    already (then it is kept as it is); True when installed."""
    from plotly.validator_cache import ValidatorCache

    if ValidatorCache._json_cache is not None:  # noqa: SLF001
        return isinstance(ValidatorCache._json_cache, ValidatorParams)  # noqa: SLF001
    ValidatorCache._json_cache = ValidatorParams(path())  # noqa: SLF001
    return True
