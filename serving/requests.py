"""Callback requests (`POST /_dash-update-component`) checked before Dash sees them, and answered from the
response cache when the same request was answered before.

Dash trusts the body its renderer sends: a list instead of an object, an unknown output, an integer beyond 64 bits
or a lone surrogate (both valid JSON, neither serialisable by orjson) or a nesting deep enough to exhaust the
recursion limit gave a 500. Here each gets a 400 with a one-line JSON reason; whatever still escapes Dash's own
dispatching is logged and answered 400 too (a callback's own errors never get this far: callbacks/routing.py's
on_error turns them into a polite message on the page)."""
from __future__ import annotations

import json
import logging
import math

from dash.exceptions import DependencyException
from flask import Response, g, request
from werkzeug.exceptions import HTTPException

from serving.precompute import ENVIRON_KEY

log = logging.getLogger(__name__)

MAX_DEPTH = 64  # the app's deepest callback value (a figure's clickData) is 6 levels deep
INT_RANGE = (-(2 ** 63), 2 ** 64 - 1)


class BadCallbackRequest(ValueError):
    pass


def _parse_int(text: str) -> int:
    value = int(text)
    if not INT_RANGE[0] <= value <= INT_RANGE[1]:
        raise BadCallbackRequest("integer out of range")
    return value


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadCallbackRequest("number out of range")
    return value


def _reject_constant(name: str):
    raise BadCallbackRequest(f"{name} is not a JSON number")


def _check_strings_and_depth(value, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise BadCallbackRequest("nested too deeply")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BadCallbackRequest("string with a lone surrogate") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings_and_depth(key, depth + 1)
            _check_strings_and_depth(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_strings_and_depth(item, depth + 1)


def parse_body(raw: bytes):
    try:
        body = json.loads(raw, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_reject_constant)
    except BadCallbackRequest:
        raise
    except (ValueError, RecursionError):
        raise BadCallbackRequest("not JSON") from None
    _check_strings_and_depth(body)
    return body


def _is_prop(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("property"), str) and isinstance(item.get("id"), (str, dict))


def _is_props(items, *, allow_missing: bool = False) -> bool:
    """A list of {id, property, value} (a wildcard's entry is itself a list of them)."""
    if items is None and allow_missing:
        return True
    if not isinstance(items, list):
        return False
    return all(_is_prop(item) or (isinstance(item, list) and all(map(_is_prop, item))) for item in items)


def check_shape(body, callback_map) -> None:
    if not isinstance(body, dict):
        raise BadCallbackRequest("body is not a JSON object")
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        raise BadCallbackRequest("unknown output")
    outputs = body.get("outputs")
    if not (_is_prop(outputs) or _is_props(outputs)):
        raise BadCallbackRequest("outputs malformed")
    if not _is_props(body.get("inputs")) or not _is_props(body.get("state"), allow_missing=True):
        raise BadCallbackRequest("inputs or state malformed")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        raise BadCallbackRequest("changedPropIds malformed")
    spec = callback_map[output]
    expected = len(spec.get("inputs", ())), len(spec.get("state", ()))
    if (len(body["inputs"]), len(body.get("state") or ())) != expected:
        raise BadCallbackRequest("wrong number of inputs")


def _handled_exceptions(server) -> tuple[type, ...]:
    """Exception classes with an error handler registered on the app (Dash's PreventUpdate, ...)."""
    return tuple(cls for handlers in server.error_handler_spec.get(None, {}).values() for cls in handlers)


def bad_request(reason: str) -> Response:
    return Response(json.dumps({"error": "bad callback request", "reason": reason}), status=400,
                    mimetype="application/json")


def install(app, *, response_cache, precomputed=None) -> None:
    server = app.server
    # A component-suite path Dash does not know (`/_dash-component-suites/nope/x.js`) raised a 500.
    server.register_error_handler(DependencyException, lambda error: Response("Not found", 404, mimetype="text/plain"))
    endpoint = next(rule.endpoint for rule in server.url_map.iter_rules()
                    if rule.rule.endswith("/_dash-update-component"))
    dispatch = server.view_functions[endpoint]

    def checked_dispatch(*args, **kwargs):
        try:
            if not request.is_json:
                raise BadCallbackRequest("not JSON")
            body = parse_body(request.get_data(cache=True))
            check_shape(body, app.callback_map)
        except BadCallbackRequest as error:
            return bad_request(str(error))
        request._cached_json = (body, body)  # what Dash's request.get_json() returns: the body parsed once, checked
        building = request.environ.get(ENVIRON_KEY)  # start-up's own request (serving/precompute.py)
        if building is None and precomputed is not None:
            ready = precomputed.lookup(body)
            if ready is not None:
                return ready
        key = response_cache.key(body)
        cached = response_cache.get(key) if building is None else None
        if cached is not None:
            return cached
        try:
            response = server.make_response(dispatch(*args, **kwargs))
        except Exception as error:  # noqa: BLE001 — Dash's own handling of a request it cannot use
            if isinstance(error, (HTTPException, *_handled_exceptions(server))):
                raise  # PreventUpdate (→ 204) and the like: answered by their registered handlers
            log.warning("callback request refused: %r", error, exc_info=True)
            return bad_request("request not understood")
        if response.status_code == 200 and not g.get("callback_failed"):
            if building is not None:
                building.add(body, response)
            else:
                response = response_cache.set(key, response)  # sent as stored: compressed once
        response.headers.setdefault("X-Cache", "miss")
        return response

    checked_dispatch.__name__ = dispatch.__name__
    server.view_functions[endpoint] = checked_dispatch
