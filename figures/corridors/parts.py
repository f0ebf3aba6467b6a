"""What several corridor charts use: the origins' colours, the base look as a plain layout dict, a persons axis."""
from __future__ import annotations

import math
from functools import lru_cache

import orjson
import plotly.graph_objects as go

from figures.common import CENTRAL_ASIA, COUNTRY_COLOURS, base_layout, locale_ticks, separators
from figures.plain import drawn_template
from i18n import format_compact, format_number, format_value, t


# The five Central Asian origins in their colours of every chart (figures.common); every other origin is grey, so
# they stand out.
ORIGIN_COLOURS = {iso3: COUNTRY_COLOURS[iso3] for iso3 in CENTRAL_ASIA}
OTHER_COLOUR = "#6b7b8c"


def origin_colour(iso3: str) -> str:
    return ORIGIN_COLOURS.get(iso3, OTHER_COLOUR)


@lru_cache(maxsize=4)
def persons_text(lang: str) -> str:
    return t("common.persons", lang)  # the text with its {value} (t formats nothing without values)


def persons(value, lang: str) -> str:
    """`format_value(value, "persons", lang)`, the language's text looked up once (a flows answer writes ~80)."""
    if value is None or value != value:  # NaN
        return format_value(value, "persons", lang)
    return persons_text(lang).format(value=format_number(value, lang))


@lru_cache(maxsize=1)
def base_look() -> dict:
    """The project's base look (figures/common.py `base_layout`) as a layout dict, computed once. It includes the
    default template, so that figures built as plain dicts look like every other figure of the app."""
    return base_layout(go.Figure(), title="-").layout.to_plotly_json()  # with the default template, as a dict


@lru_cache(maxsize=1)
def _base_look_written() -> bytes:
    """The base look but its template as JSON: read back, a deep copy of it (plain dicts, lists, text and numbers)
    in a few µs, where `copy.deepcopy` took ~15–30."""
    return orjson.dumps({key: value for key, value in base_look().items() if key != "template"})


def figure_layout(height: int, title: str, lang: str, **extra) -> dict:
    """The base look with this figure's height, title and own keys merged in: a figure built in one go is several
    times faster than a chain of `update_*` calls."""
    # The template is shared, not copied: nothing mutates a figure after it is built.
    look, copied = base_look(), orjson.loads(_base_look_written())
    layout = {key: value if key == "template" else copied[key] for key, value in look.items()}
    layout["height"] = height
    layout["title"]["text"] = title
    layout["separators"] = separators(lang)  # Babel's marks: a no-break space in Russian thousands
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def cut_template(figure):
    """A corridors figure with plotly's default template cut to the trace types it draws (figures/plain.py
    drawn_template, as every view's charts); a validated `go.Figure` (the tests' reference) is left as it is."""
    return drawn_template(figure) if isinstance(figure, dict) else figure


def persons_axis(values, lang: str) -> dict:
    """A y axis of persons from zero: in Russian its ticks are written by Babel ('1 млн'), not plotly's English '1M'."""
    values = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    ticks = locale_ticks(0.0, max(values), lang, lambda v: format_compact(v, lang)) if values else {}
    return dict(rangemode="tozero", title=dict(text=t("corridors.persons", lang)), **ticks)
