"""gunicorn's access log, the same lines for less CPU (gunicorn.conf.py `logger_class`).

For every request gunicorn's Logger builds a dict of every atom its format language knows — each request header,
response header and WSGI environ variable under its own key, the time formatted by strftime, the user of an
Authorization header — then copies it into a second dict escaping the quotes of every value, and formats the few
the configured `access_log_format` names. Under bench/bench_load.py that was 14 % of the CPU a stored answer costs
a worker (py-spy, the thread holding the GIL), more than finding the answer.

Here the atoms are computed when the format asks for one, each as gunicorn computes it (`Logger.atoms` and
`SafeAtoms`: a string's quotes escaped, `{name}i|o|e` looked up without regard to case, an unknown atom "-"); an
atom outside the common ones falls back to gunicorn's own dict, built once for that line. The line goes through
the same logger, handlers and format as before. tests/serving/test_access_log.py formats every atom of gunicorn's
language both ways for a set of requests and responses.
"""
from __future__ import annotations

import traceback

from gunicorn import glogging


def _safe(value):
    return value.replace('"', '\\"') if isinstance(value, str) else value


class LazyAtoms(dict):
    """`SafeAtoms(logger.atoms(resp, req, environ, request_time))`, each atom computed when asked for.

    A dict subclass holding one placeholder entry: logging takes a single non-empty Mapping argument as the
    format's mapping, and `%` formatting calls __getitem__ for each name in the format."""

    __slots__ = ("_logger", "_resp", "_req", "_environ", "_time", "_full")

    def __init__(self, logger, resp, req, environ, request_time):
        super().__init__(lazy=True)
        self._logger, self._resp, self._req, self._environ, self._time = logger, resp, req, environ, request_time
        self._full = None

    def _fallback(self, key: str):
        if self._full is None:
            self._full = glogging.SafeAtoms(self._logger.atoms(self._resp, self._req, self._environ, self._time))
        return self._full[key]

    def __getitem__(self, key):
        environ = self._environ
        if key.startswith("{"):
            lower = key.lower()
            name, kind = lower[1:-2], lower[-1:]
            if not lower.endswith(("}i", "}o", "}e")):
                return "-"
            if kind == "i":
                headers = self._req.headers if hasattr(self._req, "headers") else self._req
                items = headers.items() if hasattr(headers, "items") else headers
            elif kind == "o":
                headers = self._resp.headers
                items = headers.items() if hasattr(headers, "items") else headers
            else:
                items = environ.items()
            found = "-"
            for header, value in items:  # the last one of a repeated header, as gunicorn's dict keeps it
                if header.lower() == name:
                    found = _safe(value)
            return found
        if key == "h":
            return _safe(environ.get("REMOTE_ADDR", "-"))
        if key == "r":
            return _safe(f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} {environ['SERVER_PROTOCOL']}")
        if key == "s":
            status = self._resp.status
            return _safe(status.split(None, 1)[0] if isinstance(status, str) else status)
        if key == "b":
            sent = getattr(self._resp, "sent", None)
            return _safe(sent is not None and str(sent) or "-")
        if key == "M":
            return self._time.seconds * 1000 + int(self._time.microseconds / 1000)
        if key == "f":
            return _safe(environ.get("HTTP_REFERER", "-"))
        if key == "a":
            return _safe(environ.get("HTTP_USER_AGENT", "-"))
        return self._fallback(key)


class AccessLogger(glogging.Logger):
    """gunicorn's Logger whose access lines are formatted from LazyAtoms."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        try:
            self.access_log.info(self.cfg.access_log_format, LazyAtoms(self, resp, req, environ, request_time))
        except Exception:  # noqa: BLE001 — as gunicorn's: a line that cannot be written is an error line
            self.error(traceback.format_exc())
