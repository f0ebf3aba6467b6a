"""URL query ⇄ validated view state.

Each view declares its parameters as `Param`s. Parsing never raises: an unknown or malformed value falls back to the
parameter's default and yields a `Notice`, which the page shows politely. `to_query` writes the state back so that a
link or an iframe reproduces the view.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from i18n import DEFAULT_LANG, LANGUAGES

MAX_PARAM_LENGTH = 200  # longer values are garbage by construction; never echo them back in full


@dataclass(frozen=True)
class Notice:
    param: str
    value: str
    default: str
    left_out: bool = False  # True: only these items of a list were dropped, the rest of the list is used


@dataclass(frozen=True)
class Param:
    """One URL parameter: its default and how a raw string becomes a valid value (ValueError if it can't)."""

    name: str
    default: object
    parse: Callable[[str], object]
    # When True the value is a comma-separated list; parse gets each item.
    multi: bool = False
    describe_default: Callable[[object], str] = field(default=lambda value: str(value))

    def read(self, raw: str | None) -> tuple[object, Notice | None]:
        if raw is None or raw == "":
            return self.default, None
        try:
            if len(raw) > MAX_PARAM_LENGTH:
                raise ValueError(raw)
            if self.multi:
                return self._read_list(raw)
            return self.parse(raw), None
        except (ValueError, TypeError, KeyError):
            return self.default, Notice(self.name, _shorten(raw), self.describe_default(self.default))

    def _read_list(self, raw: str) -> tuple[object, Notice | None]:
        """Keeps the valid items of a list: `countries=UZB,xxx` shows Uzbekistan and names 'xxx' in a notice."""
        values, bad = {}, []
        for item in (item.strip() for item in raw.split(",")):
            if not item:
                continue
            try:
                values[self.parse(item)] = None
            except (ValueError, TypeError, KeyError):
                bad.append(item)
        if not values:
            raise ValueError(raw)
        kept = tuple(values)
        return kept, Notice(self.name, _shorten(",".join(bad)), "", left_out=True) if bad else None

    def write(self, value: object) -> str:
        if self.multi:
            return ",".join(str(item) for item in value)
        return str(value)


def _shorten(raw: str) -> str:
    return raw if len(raw) <= 40 else raw[:40] + "…"


def choice(options: Iterable[str], *, case_insensitive: bool = True) -> Callable[[str], str]:
    """A parser accepting one of `options`."""
    allowed = {(o.lower() if case_insensitive else o): o for o in options}

    def parse(raw: str) -> str:
        return allowed[raw.strip().lower() if case_insensitive else raw.strip()]

    return parse


def integer_in(options: Callable[[], Sequence[int]] | Sequence[int]) -> Callable[[str], int]:
    """A parser accepting an integer from `options` (a sequence, or a function giving one)."""

    def parse(raw: str) -> int:
        value = int(raw.strip())
        allowed = options() if callable(options) else options
        if value not in allowed:
            raise ValueError(raw)
        return value

    return parse


LANG = Param("lang", DEFAULT_LANG, choice(LANGUAGES))


def parse_query(search: str | None, params: Sequence[Param]) -> tuple[dict, list[Notice]]:
    """Read `?a=1&b=2` into {name: value} for `params`; unknown parameters are ignored."""
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    state: dict = {}
    notices: list[Notice] = []
    for param in params:
        raw = query.get(param.name, [None])[-1]
        state[param.name], notice = param.read(raw)
        if notice:
            notices.append(notice)
    return state, notices


def to_query(state: dict, params: Sequence[Param]) -> str:
    """The query string for `state`, parameters in declaration order, `None` values left out."""
    pairs = [(p.name, p.write(state[p.name])) for p in params if state.get(p.name) not in (None, "", ())]
    return "?" + urlencode(pairs, safe=",") if pairs else ""


# --- callback payloads ---------------------------------------------------------------------------------------------
# What the browser sends to a callback is as untrusted as a URL: a forged request may send a string for the page's
# state, a list where a code is expected or `[null]` as click data. These read such payloads like URL parameters —
# a value of the wrong shape is "no selection" and gets the view's default — so a callback never raises on them.

def as_dict(value) -> dict:
    """A payload expected to be an object (the page-state store, click data): anything else is an empty one."""
    return value if isinstance(value, dict) else {}


def as_text(value) -> str | None:
    """A payload expected to be a string (a code, a path, a dropdown's value): anything else is None."""
    return value if isinstance(value, str) else None


def clicked(click, key: str):
    """The `key` of the first point in a graph's clickData (e.g. "location", "customdata"), None if there is none."""
    points = as_dict(click).get("points")
    first = points[0] if isinstance(points, list) and points else None
    return as_dict(first).get(key)


def _raw(value, param: Param) -> str | None:
    """A payload value as the string a URL would carry it in; None (→ the default) for a missing one. A value of the
    wrong type reads as an invalid one (the default, or for a list: that item left out)."""
    if param.multi and isinstance(value, (list, tuple)):
        return ",".join(item if isinstance(item, str) else "\0" for item in value)
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None if value is None else "\0"


def read_payload(values, params: Sequence[Param], *, keep_empty_lists: bool = False) -> dict:
    """Values sent by the browser ({name: value}, e.g. the page-state store), checked like URL parameters: a payload
    that is not an object, or a value of the wrong type or out of range, gives the parameter's default. With
    `keep_empty_lists`, an empty (or missing) list stays empty: the user cleared that selection on purpose."""
    values = as_dict(values)
    state: dict = {}
    for param in params:
        value = values.get(param.name)
        if keep_empty_lists and param.multi and value in (None, "", [], ()):
            state[param.name] = ()
            continue
        state[param.name], _ = param.read(_raw(value, param))
    return state
