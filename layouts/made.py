"""Components made without Dash's per-instance checks, for the many cells of a table or list built per request.

Dash's generated `__init__` costs ~14 µs per component (it rebuilds four lists of prop names, collects its
arguments through `locals()`, and formats an error message for every argument before checking it), and a corridor
table or a country profile makes hundreds or thousands of them: Component.__init__ was ~40 % of a profile's build.
`make(html.Td, cell)` gives the object `html.Td(cell)` gives — same class, same attributes (`__dict__` equal, lists
fresh per instance, so nothing is shared between two trees), so Dash serialises it identically — in ~1 µs.

Only for props known to be valid (fixed names in the code, values that are text, numbers or components): nothing is
checked. tests/layouts/test_made.py compares `make` with the constructor for every class made here.
"""
from __future__ import annotations

import re

from dash.development.base_component import Component

_ABSENT = object()
_shapes: dict[type, tuple[dict, bool]] = {}


def _shape(cls: type) -> tuple[dict, bool]:
    """The attributes an instance of `cls` made with no argument holds (its lists of prop names), and whether its
    constructor always sets `children` (Dash's html and dbc components pass `children=None` on when not given)."""
    found = _shapes.get(cls)
    if found is None:
        blank = _blank(cls).__dict__
        lists = {key: value for key, value in blank.items() if isinstance(value, list) and key.startswith(
            ("_prop_names", "_valid_wildcard_attributes", "available_"))}
        found = _shapes[cls] = (lists, "children" in blank)
    return found


def _blank(cls: type) -> Component:
    """An instance with as few props as its constructor accepts (required ones, such as dcc.Link's href, given)."""
    required: dict = {}
    for _ in range(8):
        try:
            return cls(**required)
        except TypeError as error:
            found = re.search(r"Required argument `([^`]+)`", str(error))
            if not found:
                raise
            required[found.group(1)] = "x"
    raise TypeError(f"cannot make a blank {cls.__name__}")


def make(cls: type[Component], children=_ABSENT, **props) -> Component:
    """`cls(children, **props)` without the checks (see the module's doc)."""
    lists, sets_children = _shape(cls)
    made = object.__new__(cls)
    attributes = made.__dict__
    for key, value in lists.items():
        attributes[key] = value.copy()
    if children is not _ABSENT or sets_children:
        attributes["children"] = None if children is _ABSENT else children
    attributes.update(props)
    return made


# --- the component modules, made this way -------------------------------------------------------------------------
# `from layouts.made import dbc, dcc, html` in a layout module: `html.Div(children, className=…)` is then
# `make(html.Div, children, className=…)`, the same object without Dash's checks (~15–70 µs each under load; a
# country profile's page made ~220 of them, a third of its build). Only for layouts whose props are fixed names in
# the code: a misspelt prop is not refused here but by tests/layouts/test_made.py, which builds every view's page in
# both languages with Dash's own constructors too (`_BUILD`) and compares what is sent.
def _construct(cls: type[Component], *args, **props) -> Component:
    return make(cls, *args, **props)


_BUILD = _construct  # tests swap in Dash's constructors: `lambda cls, *args, **props: cls(*args, **props)`


class _Makers:
    def __init__(self, module):
        self._module = module

    def __getattr__(self, name: str):
        cls = getattr(self._module, name)
        if not (isinstance(cls, type) and issubclass(cls, Component)):
            return cls

        def maker(*args, **props):
            return _BUILD(cls, *args, **props)

        maker.__name__ = maker.__qualname__ = name
        maker.component = cls
        setattr(self, name, maker)
        return maker


def _module(name: str):
    import importlib

    return importlib.import_module(name)


html = _Makers(_module("dash.html"))
dcc = _Makers(_module("dash.dcc"))
dbc = _Makers(_module("dash_bootstrap_components"))
