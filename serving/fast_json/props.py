"""A component's props as both encoders write them: Dash's `Component.to_plotly_json` replaced on import by one that
writes data-* and aria-* props in name order (the package's docstring says why), and which of its class's props an
instance sets, found from its attributes (`_class_of`, `_props_set`: for `plain` and the bytes writer)."""
from __future__ import annotations

from dash.development.base_component import Component

_DASH_TO_JSON = getattr(Component.to_plotly_json, "dash_original", Component.to_plotly_json)


def _to_plotly_json(self) -> dict:
    """Dash's `Component.to_plotly_json`, its data-* and aria-* props in name order (after the others, as Dash)."""
    as_json = _DASH_TO_JSON(self)
    props = as_json["props"]
    wildcards = tuple(self._valid_wildcard_attributes)
    wild = [key for key in props if key.startswith(wildcards)] if wildcards else ()
    if len(wild) > 1:
        values = {key: props.pop(key) for key in wild}
        props.update((key, values[key]) for key in sorted(wild))
    return as_json


_to_plotly_json.dash_original = _DASH_TO_JSON
Component.to_plotly_json = _to_plotly_json
_COMPONENT_TO_JSON = Component.to_plotly_json


_classes: dict[type, tuple | None] = {}  # component class → ({prop name: its place}, wildcard prefixes, number of
# prop names), None: a prop name is also a class attribute (then asked by hasattr, as Dash does)


def _class_of(obj: Component) -> tuple | None:
    cls = type(obj)
    found = _classes.get(cls, False)
    if found is False:
        names = obj._prop_names
        places = {name: place for place, name in enumerate(names)}
        found = _classes[cls] = (None if any(hasattr(cls, name) for name in names) or len(places) != len(names)
                                 else (places, tuple(obj._valid_wildcard_attributes), len(names)))
    return found


def _props_set(attributes: dict, places: dict, wildcards: tuple) -> tuple[list, list]:
    """A component's props that are set (its instance attributes among the class's prop names, in their order) and
    its data-*/aria-* ones (in name order, see the module's docstring)."""
    found, wild = [], []
    for key in attributes:
        if key in places:
            found.append(key)
        elif wildcards and key.startswith(wildcards):
            wild.append(key)
    if len(found) > 1:
        found.sort(key=places.__getitem__)
    if len(wild) > 1:
        wild.sort()
    return found, wild

