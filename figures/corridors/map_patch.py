"""The flow map's patch: only what a new selection changes (each arc's slot, the end points' names, the frame, the
titles; the background's geometry only when the frame switches region ⇄ world), as a Dash `Patch` and as the JSON
a callback sends (`patch_flow_map_json`, from each corridor's slot JSON kept: arcs.py). `patch_flow_map_reference`,
the Patch by item assignments, is what the tests compare both with."""
from __future__ import annotations

from functools import lru_cache

import orjson
from dash import Patch

from figures.corridors.arcs import arc_slot_json, arc_trace, cut_at
from figures.corridors.map import background_trace, background_z, labels_trace, legend_annotation
from figures.corridors.map_frame import MAX_ARCS, FlowMap

_HOLE = "\0hole\0"  # a stand-in no JSON of a patch holds: where an operation's or a slot's JSON goes


def _assign(location: list, value) -> dict:
    return {"operation": "Assign", "location": location, "params": {"value": value}}


def patch_flow_map(geojson: dict, frame: FlowMap, *, new_scope: bool, geometry_url: str | None = None) -> Patch:
    """Only what a new selection changes; the background geometry only when the frame's scope changed. The Patch's
    operations written at once, as `patch_flow_map_reference`'s assignments record them (~40 of them, each through
    a chain of Patch objects). What a callback sends is `patch_flow_map_json`."""
    patch = Patch()
    patch._operations.extend(_operations(geojson, frame, new_scope, geometry_url, lambda arc, _: arc_trace(arc)))
    return patch


def patch_flow_map_json(geojson: dict, frame: FlowMap, *, new_scope: bool, geometry_url: str | None = None) -> bytes:
    """`patch_flow_map`'s JSON as Dash sends it (orjson's bytes of its `to_plotly_json()`), for the callback to splice
    into its answer (serving/fast_json/fragment.Fragment): each arc's slot from its corridor's JSON kept per process
    (arcs.arc_line: the points, name, colour and ids, ~1 kB of numbers a corridor) with its width, arrowhead and
    hover text written in, put into its Assign operation's JSON kept per slot (`_slot_operation`), the empty slots'
    JSON kept, the other operations written by orjson, in `_operations`' order. Tests compare the bytes with the
    reference Patch's."""
    arcs = frame.arcs
    written = frame.arcs_written if len(frame.arcs_written) == len(arcs) else None
    dumps, head, tail = orjson.dumps, *_PATCH_WRITTEN
    parts = [dumps(_first_operation(geojson, frame, new_scope, geometry_url))]
    for i in range(MAX_ARCS):
        if i >= len(arcs):
            slot = _EMPTY_SLOT
        elif written is not None:
            slot = arc_slot_json(arcs[i], written[i])
        else:
            slot = dumps(arc_trace(arcs[i]))
        parts.append(_slot_operation(i + 1) % slot)
    parts.extend(dumps(op) for op in _last_operations(frame))
    return head + b",".join(parts) + tail


def _operations(geojson: dict, frame: FlowMap, new_scope: bool, geometry_url: str | None, slot) -> list[dict]:
    """The patch's operations, each arc's slot made by `slot(arc or None, its place among the arcs)`."""
    arcs = frame.arcs
    return [_first_operation(geojson, frame, new_scope, geometry_url),
            *(_assign(["data", i + 1], slot(arcs[i], i) if i < len(arcs) else slot(None, i)) for i in range(MAX_ARCS)),
            *_last_operations(frame)]


def _first_operation(geojson: dict, frame: FlowMap, new_scope: bool, geometry_url: str | None) -> dict:
    """The background: whole when the frame's scope changed, else its colours."""
    return (_assign(["data", 0], background_trace(geojson, frame, geometry_url)) if new_scope
            else _assign(["data", 0, "z"], background_z(geojson, frame)))


def _last_operations(frame: FlowMap) -> list[dict]:
    """After the arcs' slots: the end points' names, the geo settings, the title, the legend."""
    return [_assign(["data", MAX_ARCS + 1], labels_trace(frame)),
            *(_assign(["layout", "geo", key], value) for key, value in frame.geo.items()),
            _assign(["layout", "title", "text"], frame.title),
            _assign(["layout", "annotations"], [legend_annotation(frame)])]


@lru_cache(maxsize=MAX_ARCS + 2)
def _slot_operation(slot: int) -> bytes:
    """An Assign operation's JSON for data[slot], its value to be put in by `%`."""
    head, tail = cut_at(orjson.dumps(_assign(["data", slot], _HOLE)), orjson.dumps(_HOLE))
    return head.replace(b"%", b"%%") + b"%b" + tail.replace(b"%", b"%%")


# A Patch's JSON (Patch.to_plotly_json) cut around its operations; an empty arc slot's trace
_PATCH_WRITTEN = cut_at(orjson.dumps({"__dash_patch_update": "__dash_patch_update", "operations": [_HOLE]}),
                        orjson.dumps(_HOLE))
_EMPTY_SLOT = orjson.dumps(arc_trace(None))


def patch_flow_map_reference(geojson: dict, frame: FlowMap, *, new_scope: bool,
                             geometry_url: str | None = None) -> Patch:
    """`patch_flow_map` by the Patch's item assignments, as it was (the tests compare both)."""
    patch = Patch()
    if new_scope:
        patch["data"][0] = background_trace(geojson, frame, geometry_url)
    else:
        patch["data"][0]["z"] = background_z(geojson, frame)
    for i in range(MAX_ARCS):
        patch["data"][i + 1] = arc_trace(frame.arcs[i] if i < len(frame.arcs) else None)
    patch["data"][MAX_ARCS + 1] = labels_trace(frame)
    for key, value in frame.geo.items():
        patch["layout"]["geo"][key] = value
    patch["layout"]["title"]["text"] = frame.title
    patch["layout"]["annotations"] = [legend_annotation(frame)]
    return patch
