"""Looking into Dash layout trees in unit tests (no browser)."""
from __future__ import annotations

from dash.development.base_component import Component


def walk(node):
    """Every component and every plain string/number below `node` (depth first, `node` included)."""
    yield node
    if not isinstance(node, Component):
        return
    children = getattr(node, "children", None)
    if children is None:
        return
    for child in children if isinstance(children, (list, tuple)) else [children]:
        yield from walk(child)


def components(tree) -> list[Component]:
    return [node for node in walk(tree) if isinstance(node, Component)]


def by_id(tree, component_id):
    """The one component with `component_id`, or None; two with the same id is an error."""
    found = [c for c in components(tree) if getattr(c, "id", None) == component_id]
    assert len(found) <= 1, f"duplicate id {component_id}: {len(found)} components"
    return found[0] if found else None


def text_of(tree) -> str:
    """All visible text below `tree`, space-separated."""
    return " ".join(str(node) for node in walk(tree) if isinstance(node, (str, int, float)) and not isinstance(node, bool))
