"""What the baker bakes, in which order (serving/bake/__init__.py tells the whole): each view's page values and each
control's other values in each language (`space`), every selection within one or two changes of the default page,
nearest and likeliest first (`states`, `plan`), and the renderer's requests for each (`requests_for`)."""
from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module

MAX_DISTANCE = 2
VIEW_MODULES = ("callbacks.map", "callbacks.remittances", "callbacks.corridors")
LARGE_PROPS = ("figure", "children")  # outputs the renderer holds that no baked request sends back


@dataclass
class Space:
    """One view in one language: its page's values and each control's other values, the likeliest first."""

    module: str
    lang: str
    values: dict
    controls: list[tuple[str, list]] = field(default_factory=list)  # ("id.value", values other than the page's)
    # controls that only matter with another's value ("id.value": ("other-id.value", value)): BAKE_REQUIRES
    requires: dict = field(default_factory=dict)
    offered: dict = field(default_factory=dict)  # "id.value" → every value it offers, ordered (a list: its items)


def _ordered(options: list, targets: Iterable[str], *, latest_first: bool) -> list:
    """The target countries first (the dashboard's subject), a slider's years latest first, else as listed."""
    wanted = list(targets)
    if any(option in wanted for option in options):
        return [o for o in wanted if o in options] + [o for o in options if o not in wanted]
    return list(reversed(options)) if latest_first else list(options)


def _is_year(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _choices(found: Space, values: dict, *, nearest: bool = False) -> list[tuple[str, list]]:
    """Each control's values other than the one in `values`, the likeliest first: a list of countries one fewer, a
    group (the view's own changes), one more; with `nearest` (around a visitor), the nearest years first (a visitor
    steps through them) and the country added last taken out first."""
    module = import_module(found.module)
    controls = []
    for prop, offered in found.offered.items():
        current = values.get(prop)
        if isinstance(current, list):
            extra = getattr(module, "precompute_changes", None)
            choices = [[code for code in current if code != left] for left in current]
            if nearest:
                choices.reverse()  # the country added last (at the end of the list) taken out first: an undo
            choices += [overrides[prop] for changed, overrides in (extra(values, found.lang) if extra else ())
                        if changed == prop and set(overrides) == {prop}]
            choices += [[*current, code] for code in offered if code not in current]
            unique = []
            for choice in choices:
                if choice != current and choice not in unique:
                    unique.append(choice)
            controls.append((prop, unique))
        else:
            others = [value for value in offered if value != current]
            if nearest and _is_year(current) and all(_is_year(value) for value in others):
                others.sort(key=lambda value: (abs(value - current), -value))
            controls.append((prop, others))
    return controls


def space(app, module_name: str, lang: str, targets: Iterable[str] | None = None) -> Space:
    from data.catalog import T18
    from layouts import pages
    from serving import precompute

    targets = tuple(T18 if targets is None else targets)
    module = import_module(module_name)
    values = precompute.layout_values(pages.render(module.PRECOMPUTE_PATH, f"?lang={lang}"))
    found = Space(module_name, lang, values, requires=dict(getattr(module, "BAKE_REQUIRES", {})))
    for control in getattr(module, "BAKE_CONTROLS", module.PRECOMPUTE_CONTROLS):
        prop = f"{control}.value"
        current = values.get(prop)
        marks = values.get(f"{control}.marks")
        if isinstance(marks, dict):
            offered = [int(key) if key.lstrip("-").isdigit() else key for key in marks]
        else:
            offered = [o.get("value") if isinstance(o, dict) else o for o in values.get(f"{control}.options") or []]
        offered = _ordered(offered, targets, latest_first=isinstance(marks, dict))
        if isinstance(current, list) or (offered and values.get(f"{control}.multi") is not True):
            found.offered[prop] = offered
    found.controls = _choices(found, values)
    return found


def at(found: Space, values: dict) -> Space:
    """The space around another selection of the same view and language (`values`: the page as the renderer holds
    it there): each control's other values from there, the nearest years first."""
    return Space(found.module, found.lang, values, _choices(found, values, nearest=True), found.requires,
                 found.offered)


def states(found: Space, max_distance: int = MAX_DISTANCE) -> Iterator[tuple[int, int, tuple]]:
    """(distance, rank, ((control index, value index), ...)) of every selection within `max_distance` (1 or 2)
    changes of the default page, nearest and likeliest first (rank: the values' places in their lists, summed);
    made as they are asked for (two changes: ~60,000 per view and language)."""
    controls = found.controls
    sizes = [len(options) for _, options in controls]

    def allowed(changes) -> bool:
        chosen = {controls[c][0]: controls[c][1][v] for c, v in changes}
        for c, _ in changes:
            need = found.requires.get(controls[c][0])
            if need and chosen.get(need[0], found.values.get(need[0])) != need[1]:
                return False
        return True

    for rank in range(max(sizes, default=0)):
        for c, size in enumerate(sizes):
            if rank < size and allowed(((c, rank),)):
                yield 1, rank, ((c, rank),)
    if max_distance < 2:
        return
    pairs = [(c1, c2) for c1 in range(len(sizes)) for c2 in range(c1 + 1, len(sizes))]
    for rank in range(max((sizes[a] + sizes[b] - 1 for a, b in pairs), default=0)):
        for c1, c2 in pairs:
            for v1 in range(max(0, rank - sizes[c2] + 1), min(sizes[c1], rank + 1)):
                changes = ((c1, v1), (c2, rank - v1))
                if allowed(changes):
                    yield 2, rank, changes


def plan(spaces: list[Space], max_distance: int = MAX_DISTANCE) -> Iterator[tuple[int, int, Space, tuple]]:
    """Every space's selections merged, nearest and likeliest first, the views and languages taking turns."""
    def tagged(index: int, found: Space):
        turn, group = 0, None
        for distance, rank, changes in states(found, max_distance):
            turn = turn + 1 if group == (distance, rank) else 0
            group = (distance, rank)
            yield distance, rank, turn, index, found, changes

    for distance, rank, _, _, found, changes in heapq.merge(*(tagged(i, s) for i, s in enumerate(spaces)),
                                                            key=lambda item: item[:4]):
        yield distance, rank, found, changes


def requests_for(callbacks: dict, found: Space, changes: tuple, after: dict | None = None) -> Iterator[dict]:
    """The renderer's requests on the last click of each way to the selection `changes` (each of its changes last in
    turn), with the values the page holds: the default page's, what the first click's answers wrote (`after`: by
    the first change, the outputs that are not figures or components), the changes."""
    from serving import precompute

    chosen = [(found.controls[c][0], found.controls[c][1][v]) for c, v in changes]
    for last in range(len(chosen)):
        earlier = tuple(change for i, change in enumerate(changes) if i != last)
        page = {**found.values, **((after or {}).get(earlier) or {}), **dict(chosen)}
        prop, value = chosen[last]
        yield from precompute.bodies_for(callbacks, page, [(prop, {prop: value})])


def chained_requests(callbacks: dict, found: Space, changes: tuple) -> Iterator[dict]:
    """Requests the view adds for the selection `changes` (`BAKE_CHANGES(values, lang)` beside its callbacks: changes
    of what the browser passes on after the selection's answers, e.g. the corridors' table request while the table
    is open), with the values the page then holds."""
    from serving import precompute

    extra = getattr(import_module(found.module), "BAKE_CHANGES", None)
    if extra is None:
        return
    page = {**found.values, **{found.controls[c][0]: found.controls[c][1][v] for c, v in changes}}
    yield from precompute.bodies_for(callbacks, page, list(extra(page, found.lang)))


def written_values(answer: bytes) -> dict:
    """The small outputs of an answer ({"id.prop": value}), as the renderer keeps them."""
    try:
        response = json.loads(answer).get("response") or {}
    except (ValueError, AttributeError):
        return {}
    out = {}
    for cid, props in response.items():
        if isinstance(props, dict):
            for prop, value in props.items():
                prop = prop.split("@", 1)[0]
                if prop not in LARGE_PROPS:
                    out[f"{cid}.{prop}"] = value
    return out

