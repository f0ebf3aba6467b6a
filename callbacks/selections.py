"""What a callback's answer depends on, for the stores that look answers up by it (serving/precompute.py's
PRECOMPUTE_SELECTORS, the response cache's key in serving/cache.py, the answers baked in idle time in
serving/bake/).

Most of the views' callbacks take the page state (`page-state.data`) as a State only for its language: every other
value of the state they write back comes from their own inputs and state. Their answer is then the same whatever
the user clicked before, and one stored answer serves every path to a selection, instead of one per path (the page
state holds the previous value of whatever changed). tests/callbacks/test_selections.py checks that requests with
the same selection and different page states get the same answer."""
from __future__ import annotations

from collections.abc import Callable

from layouts.ids import Shell
from state import LANG, read_payload

PAGE_STATE = f"{Shell.PAGE_STATE}.data"


def controls_and_lang(*, trigger: bool = False, guard: Callable[[dict, dict], bool] | None = None):
    """A selector for a callback whose answer depends on the values of its inputs and state as sent and on the page
    state only through its language; with `trigger`, on which input changed too (the callback reads
    `ctx.triggered_id`). `guard(inputs, state)` false: a request whose answer depends on more (not looked up)."""
    def selector(inputs: dict, state: dict, changed: list):
        if guard is not None and not guard(inputs, state):
            return None
        lang = read_payload(state.get(PAGE_STATE), [LANG])["lang"]
        values = tuple(sorted(item for item in {**inputs, **state}.items() if item[0] != PAGE_STATE))
        return lang, values, tuple(changed) if trigger else None

    return selector
