"""What a new selection changes in the figure, as a Dash `Patch` or written at once: values, hover texts, colour
bar, title, and the focus outline when the focus changed."""
from __future__ import annotations

from dash import Patch

from figures.map.figure import _focus_geojson
from figures.map.frame import MapFrame
from serving.fast_json.fragment import Fragment
from serving.fast_json.written import written


def patch_map_figure(geojson: dict, frame: MapFrame, *, focus_changed: bool = True) -> Patch:
    """Only what a new selection changes: values, hover texts, colour bar, title, and the focus outline when the
    focus changed (a year step in focus mode keeps the outline already drawn)."""
    patch = Patch()
    for location, value in _patch_operations(geojson, frame, focus_changed):
        target = patch
        for step in location[:-1]:
            target = target[step]
        target[location[-1]] = value
    return patch


def patch_map_sent(geojson: dict, frame: MapFrame, *, focus_changed: bool = True) -> Fragment:
    """`patch_map_figure(…)` as Dash writes it (serving/fast_json/fragment.Fragment): its operations written at once,
    without the Patch's objects (tests/figures/map/test_patch.py compares them)."""
    return Fragment(written({"__dash_patch_update": "__dash_patch_update", "operations": [
        {"operation": "Assign", "location": location, "params": {"value": value}}
        for location, value in _patch_operations(geojson, frame, focus_changed)]}))


def _patch_operations(geojson: dict, frame: MapFrame, focus_changed: bool) -> list[tuple[list, object]]:
    """(where, what) of each value the patch assigns, in order."""
    values = ["data", 0]
    operations = [
        ([*values, "z"], frame.z),
        ([*values, "customdata"], frame.customdata),
        ([*values, "hovertemplate"], frame.hovertemplate),
        ([*values, "zmin"], frame.zmin),
        ([*values, "zmax"], frame.zmax),
        ([*values, "colorbar", "tickvals"], frame.tickvals),
        ([*values, "colorbar", "ticktext"], frame.ticktext),
        ([*values, "colorbar", "title", "text"], frame.colorbar_title),
        ([*values, "showscale"], frame.has_values),
    ]
    if focus_changed:
        operations += [
            (["data", 1, "geojson"], _focus_geojson(geojson, frame.focus)),
            (["data", 1, "locations"], [frame.focus] if frame.focus else []),
            (["data", 1, "z"], [1] if frame.focus else []),
        ]
    operations.append((["layout", "title", "text"], frame.title))
    return operations
