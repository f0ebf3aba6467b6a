"""A first-time callback answer computed without Flask's and Dash's per-request machinery, the same bytes as theirs.

A callback request not stored anywhere went through Flask (a request context, URL matching, before- and
after-request hooks), serving/requests.py's checks a second time (the fast path had parsed and checked the body and
computed its keys already), then Dash's dispatch: a context of ~20 fields (cookies, headers, the callback's
argument groupings), the output spec validated against the definition, the return value validated and flattened,
the response object built. ~1 ms of CPU per answer in process, a sixth of an average first-time answer.

`Direct.answer(body)` does what Dash does for the app's own plain callbacks — one Output or a list of them, one
Input/State per argument, ids that are strings, no background manager — in the order Dash does it: the values of
inputs and state as arguments, the callback context the callbacks read (`ctx.triggered_id`, `triggered_prop_ids`,
`inputs`, `states`, `set_props`) set in a copied context, outputs that are `no_update` left out, property names
without their `@` suffix, `{"multi": true, "response": {id: {prop: value}}}` written by Dash's own encoder
(serving/fast_json/). It declines (None) whenever Dash would answer anything but such a 200:

- a callback it does not handle (pattern-matching ids, grouped arguments, background, no output, clientside);
- outputs in the request that are not the definition's (Dash refuses them: 400 from serving/requests.py);
- the callback raising anything (PreventUpdate → 204; an error → the app's message, callbacks/routing.py's
  on_error), returning the wrong number of values or no_update for a list of outputs, side updates (set_props), a component
  library imported inside it, an answer the encoder refuses, or asking its context for what only a request has
  (cookies, headers, the argument groupings, the response object).

Declined requests go on to Flask and Dash as before, which compute them again: those are rare and mostly cheap
(an error, a table that is closed), and the bad input gets exactly the message it got before.
tests/test_dispatch.py sends a sample of every callback's requests (both languages, bad values, bad payloads, errors)
both ways and compares status, headers and body.
"""
from __future__ import annotations

import contextvars
import logging

from dash._callback_context import context_value
from dash._no_update import NoUpdate
from dash._utils import AttributeDict, split_callback_id
from dash.development.base_component import ComponentRegistry

log = logging.getLogger(__name__)


class Declined(Exception):
    """The request is one to leave to Dash."""


class _Context(AttributeDict):
    """Dash's callback context with what a callback request carries; asking it for anything else (a request's
    cookies, headers or path, the argument groupings, the response) declines instead of answering a default."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise Declined(f"callback context asked for {key}") from None


class Plain:
    """One callback Dash registered that this module can answer: its function, its outputs, how many arguments."""

    __slots__ = ("function", "outputs", "multi", "arguments", "seen")

    def __init__(self, function, outputs: list[tuple[str, str]], multi: bool, arguments: int):
        self.function = function
        self.outputs = outputs  # (id, property without "@…") per Output, in order
        self.multi = multi
        self.arguments = arguments
        self.seen = None  # the outputs of a request as checked last (the same in every request of the renderer)


def plain_callback(output: str, spec: dict) -> Plain | None:
    """The callback of a `callback_map` entry (`output`: its key, as requests name it) when it is a plain one (see
    the module's docstring), else None."""
    wrapper = spec.get("callback")
    function = getattr(wrapper, "__wrapped__", None)
    if function is None or getattr(getattr(wrapper, "__code__", None), "co_name", None) != "add_context":
        return None  # clientside, or not Dash's synchronous wrapper
    if spec.get("background") or spec.get("no_output") or spec.get("manager") or spec.get("websocket"):
        return None
    inputs, state = spec.get("inputs", []), spec.get("state", [])
    if any(not isinstance(item.get("id"), str) for item in (*inputs, *state)):
        return None  # pattern-matching ids
    arguments = len(inputs) + len(state)
    if spec.get("inputs_state_indices") != list(range(arguments)) and not (
            arguments == 1 and spec.get("inputs_state_indices") == 0):
        return None  # grouped arguments (dicts, nested tuples)
    indices = spec.get("outputs_indices")
    outputs = split_callback_id(output)
    if isinstance(outputs, dict):
        outputs = [outputs]
        if indices != 0:
            return None
        multi = False
    else:
        if indices != list(range(len(outputs))):
            return None
        multi = True
    cleaned = []
    for item in outputs:
        if item["id"].startswith("{") or "\\." in item["id"]:
            return None  # a pattern-matching id, or one with dots escaped
        cleaned.append((item["id"], item["property"].split("@")[0]))
    return Plain(function, cleaned, multi, arguments)


class Direct:
    """The app's plain callbacks, answered as Dash answers them (see the module's docstring)."""

    def __init__(self, app, encode):
        self.app = app
        self.encode = encode  # Dash's encoder of answers, to bytes (serving/fast_json/answer.to_json_bytes)
        self._callbacks: dict[str, Plain] | None = None
        self.answered = 0

    @property
    def callbacks(self) -> dict[str, Plain]:
        """Read once Dash has set itself up (its first request adds the callbacks registered with dash.callback)."""
        if self._callbacks is None:
            self._callbacks = {output: found for output, spec in self.app.callback_map.items()
                               if (found := plain_callback(output, spec)) is not None}
        return self._callbacks

    def answer(self, body: dict) -> bytes | None:
        """The JSON Dash would send for `body` (a request serving/requests.check_shape passed), as UTF-8 bytes, or
        None."""
        callback = self.callbacks.get(body["output"])
        if callback is None:
            return None
        try:
            data = self._answer(callback, body)
        except Declined:
            return None
        except Exception:  # noqa: BLE001 — any failure is Dash's to answer (the app's message, a 204, a 400)
            log.debug("direct dispatch declined after an error", exc_info=True)
            return None
        self.answered += 1
        return data

    def _answer(self, callback: Plain, body: dict) -> bytes:
        requested = body["outputs"]
        if requested != callback.seen:  # checked once per form a callback's outputs are asked in (one, in practice)
            specs = requested if callback.multi else [requested]
            if not isinstance(specs, list) or len(specs) != len(callback.outputs):
                raise Declined("outputs")
            for spec, (cid, prop) in zip(specs, callback.outputs):
                if not isinstance(spec, dict) or spec.get("id") != cid or \
                        spec.get("property", "").split("@")[0] != prop:
                    raise Declined("outputs not the definition's")
            callback.seen = requested
        inputs, state = body["inputs"], body.get("state") or []
        if any(type(item) is not dict for item in inputs) or any(type(item) is not dict for item in state):
            raise Declined("wildcard values")
        if len(inputs) + len(state) != callback.arguments:
            raise Declined("arguments")
        input_values = AttributeDict({f"{item['id']}.{item['property']}": item.get("value") for item in inputs})
        updated: dict = {}
        # made at once (AttributeDict's own setting checks each key against its read-only and final ones)
        context = _Context(
            inputs_list=inputs, states_list=state, outputs_list=requested, input_values=input_values,
            state_values=AttributeDict({f"{item['id']}.{item['property']}": item.get("value") for item in state}),
            triggered_inputs=[{"prop_id": changed, "value": input_values.get(changed)}
                              for changed in body.get("changedPropIds", [])],
            updated_props=updated)
        arguments = [item.get("value") for item in inputs] + [item.get("value") for item in state]
        packages = len(ComponentRegistry.registry)

        def call():
            context_value.set(context)
            return callback.function(*arguments)

        value = contextvars.copy_context().run(call)
        if updated or context.get("updated_props") is not updated or len(ComponentRegistry.registry) != packages:
            raise Declined("side updates or a library imported")
        if callback.multi:
            if not isinstance(value, (list, tuple)) or len(value) != len(callback.outputs):
                raise Declined("return value")  # Dash's InvalidCallbackReturnValue, or one no_update for all
        else:
            value = [value]
        response: dict = {}
        for item, (cid, prop) in zip(value, callback.outputs):
            if NoUpdate.is_no_update(item):
                continue
            response.setdefault(cid, {})[prop] = item
        # every output no_update: Dash still answers, with nothing in the response (a 204 is for PreventUpdate)
        return self.encode({"multi": True, "response": response})
